//! Everyday words in "did you mean" (issue 19, item 8): a value people
//! write instead of the one collab expects is suggested from the synonyms
//! table however far apart the spellings are, with the same safe fix.

mod common;

use std::fs;
use std::path::Path;

use common::{TODAY, collab, copy_dir, fixtures, validate_json};
use serde_json::Value;

/// The base fixture campaign with `from` replaced by `to` in `file`.
fn base_with(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let tmp = tempfile::TempDir::new().unwrap();
    copy_dir(&fixtures().join("rules/_base"), tmp.path());
    let path = tmp.path().join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
    tmp
}

/// The help of the one invalid-value finding of a campaign.
fn invalid_value_help(dir: &Path) -> String {
    let (_, report) = validate_json(dir, &[]);
    let found: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "invalid-value")
        .collect();
    assert_eq!(found.len(), 1, "{report:#}");
    found[0]["help"].as_str().unwrap_or_default().to_string()
}

#[test]
fn everyday_words_are_suggested_however_far_the_spelling() {
    let cases = [
        (
            "partners.yaml",
            "sector: fire-and-rescue",
            "sector: charity",
            "voluntary-community",
        ),
        (
            "partners.yaml",
            "sector: fire-and-rescue",
            "sector: council",
            "local-authority",
        ),
        (
            "partners.yaml",
            "level: collaboration",
            "level: cooperation",
            "co-operation",
        ),
        (
            "meetings/initial.yaml",
            "status: done }",
            "status: in progress }",
            "open",
        ),
        (
            "meetings/initial.yaml",
            "status: done }",
            "status: closed }",
            "done",
        ),
        (
            "collab.toml",
            "[lint]",
            "[[blackout]]\nname = \"May elections\"\nkind = \"purdah\"\nstart = 2027-04-01\nend = 2027-05-06\n\n[lint]",
            "pre-election",
        ),
    ];
    for (file, from, to, want) in cases {
        let dir = base_with(file, from, to);
        let help = invalid_value_help(dir.path());
        assert!(
            help.starts_with(&format!("did you mean `{want}`?")),
            "{to}: {help}"
        );
    }
}

#[test]
fn the_synonym_is_a_safe_fix() {
    let dir = base_with(
        "partners.yaml",
        "sector: fire-and-rescue",
        "sector: charity",
    );
    let out = collab()
        .current_dir(dir.path())
        .args(["validate", "--fix", "--today", TODAY])
        .output()
        .expect("collab runs");
    let text = fs::read_to_string(dir.path().join("partners.yaml")).unwrap();
    assert!(
        text.contains("sector: voluntary-community\n"),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, report) = validate_json(dir.path(), &[]);
    assert_eq!(code, 0, "{report:#}");
}
