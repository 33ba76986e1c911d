//! The official YAML test suite: collab never panics or hangs on any case,
//! and reports `yaml-syntax` exactly on the cases a conforming parser must
//! reject.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::collab;

/// Cases where the parser disagrees with the suite. Empty today; it may only
/// shrink.
const KNOWN_DISAGREEMENTS: &[&str] = &[];

fn suite() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/yaml-test-suite");
    dir.is_dir().then_some(dir)
}

#[test]
fn every_yaml_test_suite_case_is_handled() {
    let Some(dir) = suite() else {
        eprintln!("the YAML test suite is not beside the project; skipping");
        return;
    };
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("in.yaml").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() > 300, "only {} cases found", cases.len());
    let mut disagreements = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let out = collab()
            .current_dir(case)
            .args(["validate", "--format", "json", "in.yaml"])
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(
            matches!(code, Some(0..=2)),
            "{name}: exit {code:?}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{name}: output is not JSON: {e}"));
        let syntax = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "yaml-syntax");
        let must_reject = case.join("error").exists();
        if syntax != must_reject {
            disagreements.push(name);
        }
    }
    assert_eq!(
        disagreements, KNOWN_DISAGREEMENTS,
        "the parser and the suite disagree on these cases"
    );
}
