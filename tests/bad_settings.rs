//! Issue 12, item 14: bad numbers and settings are reported where they are,
//! and the rest of the file is kept; documents that are links are reported.

mod common;

use std::fs;
use std::path::Path;

use common::{TODAY, collab, example_copy, validate_json};
use serde_json::Value;

/// Replace `from` with `to` in a file, which must contain it.
fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The findings of a report as (rule, level, file, line, column, end column).
fn places(report: &Value) -> Vec<(String, String, String, u64, u64, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["level"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["end_column"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn status_json(dir: &Path) -> Value {
    let out = collab()
        .current_dir(dir)
        .args(["status", "--format", "json", "--today", TODAY])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "status is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn s(text: &str) -> String {
    text.to_string()
}

#[test]
fn out_of_range_numbers_are_reported_at_the_value_and_the_rest_is_kept() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    edit(
        &dir.join("collab.toml"),
        "engagement_weeks = 8",
        "engagement_weeks = 9223372036854775807",
    );
    edit(
        &dir.join("meetings/initial-partnering.yaml"),
        "{ topic: objectives, minutes: 25 }",
        "{ topic: objectives, minutes: 99999999999 }",
    );
    let (code, report) = validate_json(dir, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        places(&report),
        vec![
            (s("invalid-value"), s("error"), s("collab.toml"), 29, 20, 39),
            (
                s("invalid-value"),
                s("error"),
                s("meetings/initial-partnering.yaml"),
                21,
                35,
                46
            ),
        ],
        "{report:#}"
    );
    // The settings and the meeting are still there.
    let status = status_json(dir);
    assert_eq!(
        status["campaign"]["name"], "Winter Home Fire Safety 2026",
        "{status:#}"
    );
    let meetings = status["meetings"].as_array().unwrap();
    let initial = meetings
        .iter()
        .find(|m| m["id"] == "initial-partnering")
        .expect("the meeting is kept");
    assert_eq!(initial["agenda"].as_array().unwrap().len(), 7);
}

#[test]
fn a_whole_number_beyond_64_bits_is_out_of_range_too() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    edit(
        &dir.join("meetings/initial-partnering.yaml"),
        "duration: 150",
        "duration: 123456789012345678901234567890",
    );
    let (_, report) = validate_json(dir, &[]);
    let found = places(&report);
    assert_eq!(
        found,
        vec![(
            s("invalid-value"),
            s("error"),
            s("meetings/initial-partnering.yaml"),
            9,
            11,
            41
        )],
        "{report:#}"
    );
    assert!(
        report["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("out of range")
    );
}

#[test]
fn an_out_dir_that_would_hide_the_campaign_is_refused() {
    for bad in [".", "", "dist/..", "./", "/tmp/packs", "../site"] {
        let tmp = example_copy("winter-fire-safety");
        let dir = tmp.path();
        edit(
            &dir.join("collab.toml"),
            "out_dir = \"dist\"",
            &format!("out_dir = {bad:?}"),
        );
        let (code, report) = validate_json(dir, &[]);
        assert_eq!(code, 1, "{bad:?}: {report:#}");
        assert_eq!(
            places(&report),
            vec![(
                s("invalid-value"),
                s("error"),
                s("collab.toml"),
                22,
                11,
                11 + bad.len() as u64 + 2
            )],
            "{bad:?}: {report:#}"
        );
        // Every document is still read.
        assert_eq!(report["summary"]["documents"], 8, "{bad:?}: {report:#}");
    }
}

#[test]
fn render_refuses_an_out_dir_that_is_the_campaign() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    edit(
        &dir.join("collab.toml"),
        "out_dir = \"dist\"",
        "out_dir = \".\"",
    );
    collab()
        .current_dir(dir)
        .args(["render", "--today", TODAY])
        .assert()
        .code(1);
    assert!(!dir.join("briefing.html").exists());
    assert!(!dir.join("dist").exists());
}

#[cfg(unix)]
#[test]
fn a_linked_document_is_reported_as_skipped() {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path().join("campaign");
    common::copy_dir(&common::repo().join("examples/winter-fire-safety"), &dir);
    fs::rename(dir.join("partners.yaml"), tmp.path().join("elsewhere.yaml")).unwrap();
    std::os::unix::fs::symlink("../elsewhere.yaml", dir.join("partners.yaml")).unwrap();
    let (code, report) = validate_json(&dir, &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(
        places(&report),
        vec![(s("yaml-syntax"), s("warning"), s("partners.yaml"), 1, 1, 1)],
        "{report:#}"
    );
    let message = report["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("symbolic link"), "{message}");
    // Named on the command line, it is not read through the link either.
    let (_, named) = validate_json(&dir, &["partners.yaml"]);
    assert_eq!(
        places(&named),
        vec![(s("yaml-syntax"), s("warning"), s("partners.yaml"), 1, 1, 1)],
        "{named:#}"
    );
}
