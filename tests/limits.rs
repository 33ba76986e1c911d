//! Hostile input ends quickly with a clear finding. The timeouts here only
//! catch hangs; speed is measured in bench/.

mod common;

use std::fs;
use std::time::Duration;

use common::collab;
use tempfile::TempDir;

fn findings(dir: &std::path::Path, file: &str) -> Vec<serde_json::Value> {
    let out = collab()
        .current_dir(dir)
        .args(["validate", "--format", "json", file])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{file}: {stderr}");
    assert_eq!(out.status.code(), Some(1), "{file}: {stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["findings"].as_array().unwrap().clone()
}

#[test]
fn a_hundred_megabyte_file_is_refused_without_reading_it() {
    let tmp = TempDir::new().unwrap();
    let file = fs::File::create(tmp.path().join("huge.yaml")).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    let found = findings(tmp.path(), "huge.yaml");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["rule"], "yaml-syntax");
    assert!(found[0]["message"].as_str().unwrap().contains("100.0 MB"));
}

#[test]
fn ten_thousand_documents_in_one_file_stop_at_the_limit() {
    let tmp = TempDir::new().unwrap();
    let mut text = String::new();
    for i in 0..10_000 {
        text.push_str(&format!(
            "---\nkind: meeting\nid: m{i}\ntype: catch-up\ndate: 2026-10-01T10:00\n"
        ));
    }
    fs::write(tmp.path().join("stream.yaml"), text).unwrap();
    let found = findings(tmp.path(), "stream.yaml");
    let syntax: Vec<_> = found
        .iter()
        .filter(|f| f["rule"] == "yaml-syntax")
        .collect();
    assert_eq!(syntax.len(), 1, "{found:?}");
    assert!(
        syntax[0]["message"]
            .as_str()
            .unwrap()
            .contains("more than 1000 documents")
    );
}

#[test]
fn a_billion_laughs_is_stopped() {
    let tmp = TempDir::new().unwrap();
    let mut bomb =
        String::from("kind: plan\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    fs::write(tmp.path().join("lol.yaml"), bomb).unwrap();
    let found = findings(tmp.path(), "lol.yaml");
    assert!(found.iter().any(
        |f| f["rule"] == "yaml-syntax" && f["message"].as_str().unwrap().contains("YAML bomb")
    ));
}

#[test]
fn deep_nesting_is_stopped() {
    let tmp = TempDir::new().unwrap();
    let cases = [
        (
            "flow.yaml",
            format!("kind: plan\nx: {}", "[".repeat(100_000)),
        ),
        (
            "block.yaml",
            format!("kind: plan\nx:\n{}end\n", "- ".repeat(100_000)),
        ),
    ];
    for (name, text) in cases {
        fs::write(tmp.path().join(name), text).unwrap();
        let found = findings(tmp.path(), name);
        assert!(
            found.iter().any(|f| f["rule"] == "yaml-syntax"
                && f["message"]
                    .as_str()
                    .unwrap()
                    .contains("nesting is deeper than 64")),
            "{name}: {found:?}"
        );
    }
}
