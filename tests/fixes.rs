//! `collab validate --fix`, `--unsafe-fixes` and `--diff` (issue 16, items
//! 9, 10 and 14): each fix gives the expected bytes, the fixed campaign has
//! no new findings, `--diff` writes nothing, unsafe fixes wait for
//! `--unsafe-fixes`, and a fix that adds errors is undone.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{TODAY, collab, fixtures, rule_fixture, validate_json};
use serde_json::Value;

/// Every file below `dir` (but `.git`) and its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// What changed between two snapshots of a folder, as unified diffs.
fn changes(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> String {
    let mut out = String::new();
    for (rel, old) in before {
        let new = after.get(rel).cloned().unwrap_or_default();
        if *old != new {
            let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(&new));
            out.push_str(
                &similar::TextDiff::from_lines(&*old, &*new)
                    .unified_diff()
                    .context_radius(1)
                    .header(rel, rel)
                    .to_string(),
            );
        }
    }
    out
}

/// The findings of a report as (rule, file, message).
fn findings(report: &Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("rule"), s("file"), s("message"))
        })
        .collect()
}

fn fix(dir: &Path, extra: &[&str]) -> std::process::Output {
    collab()
        .current_dir(dir)
        .args(["validate", "--fix", "--today", TODAY])
        .args(extra)
        .output()
        .unwrap()
}

/// Apply the safe fixes to a rule's `fires` fixture: the changed bytes are
/// the snapshot, and every finding left was there before.
fn fixes_on_fixture(rule: &str) -> String {
    let tmp = rule_fixture(rule, "fires");
    let (_, before) = validate_json(tmp.path(), &[]);
    let bytes = files(tmp.path());
    let out = fix(tmp.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(" fixed, "), "{stderr}");
    let (_, after) = validate_json(tmp.path(), &[]);
    let (before, after) = (findings(&before), findings(&after));
    assert!(after.len() < before.len(), "nothing was fixed: {stderr}");
    for f in &after {
        assert!(before.contains(f), "new finding after --fix: {f:?}");
    }
    changes(&bytes, &files(tmp.path()))
}

#[test]
fn unknown_field_fixes() {
    insta::assert_snapshot!(fixes_on_fixture("unknown-field"));
}

#[test]
fn invalid_value_fixes() {
    insta::assert_snapshot!(fixes_on_fixture("invalid-value"));
}

#[test]
fn unknown_reference_fixes() {
    insta::assert_snapshot!(fixes_on_fixture("unknown-reference"));
}

/// The base campaign with the first line (`kind: …`) of `rel` removed.
fn base_without_kind(rel: &str) -> (tempfile::TempDir, Vec<u8>) {
    let tmp = tempfile::TempDir::new().unwrap();
    common::copy_dir(&fixtures().join("rules/_base"), tmp.path());
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let path = tmp.path().join(rel);
    let whole = std::fs::read(&path).unwrap();
    let text = String::from_utf8(whole.clone()).unwrap();
    let rest = text.split_once('\n').unwrap().1;
    std::fs::write(&path, rest).unwrap();
    (tmp, whole)
}

#[test]
fn missing_kind_from_the_file_name_is_put_back_byte_for_byte() {
    let (tmp, whole) = base_without_kind("partners.yaml");
    let out = fix(tmp.path(), &["partners.yaml"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(tmp.path().join("partners.yaml")).unwrap(),
        whole
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 fixed, 0 remaining"));
    let (code, report) = validate_json(tmp.path(), &[]);
    assert_eq!((code, findings(&report)), (0, vec![]));
}

#[test]
fn unsafe_fixes_wait_for_the_flag() {
    let rel = "meetings/initial.yaml";
    let (tmp, whole) = base_without_kind(rel);
    let cut = std::fs::read(tmp.path().join(rel)).unwrap();
    let out = fix(tmp.path(), &[rel]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(tmp.path().join(rel)).unwrap(), cut);
    let (_, report) = validate_json(tmp.path(), &[rel]);
    assert_eq!(report["findings"][0]["fix"]["applicability"], "unsafe");
    let out = fix(tmp.path(), &["--unsafe-fixes", rel]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read(tmp.path().join(rel)).unwrap(), whole);
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let tmp = rule_fixture("unknown-field", "fires");
    let bytes = files(tmp.path());
    let out = collab()
        .current_dir(tmp.path())
        .args(["validate", "--diff", "--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(files(tmp.path()), bytes);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("+++ b/partners.yaml"), "{stdout}");
    assert!(stdout.contains("-    leed: "), "{stdout}");
    assert!(stdout.contains("+    lead: "), "{stdout}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_fix_that_adds_errors_is_undone() {
    // Without `kind` the document is not checked; the fix that adds it
    // brings two unknown keys to light, so it is undone.
    let (tmp, _) = base_without_kind("partners.yaml");
    let path = tmp.path().join("partners.yaml");
    let broken = format!(
        "zzzz: 1\nqqqq: 2\n{}",
        std::fs::read_to_string(&path).unwrap()
    );
    std::fs::write(&path, &broken).unwrap();
    let out = fix(tmp.path(), &["partners.yaml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("undid the fixes"), "{stderr}");
    assert!(stderr.contains("0 fixed, 1 remaining"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn json_findings_carry_their_fix() {
    let tmp = rule_fixture("unknown-field", "fires");
    let (_, report) = validate_json(tmp.path(), &[]);
    let leed = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["message"].as_str().unwrap_or_default().contains("`leed`"))
        .unwrap();
    assert_eq!(leed["fix"]["applicability"], "safe");
    assert_eq!(leed["fix"]["edits"][0]["replacement"], "lead");
    let text = std::fs::read_to_string(tmp.path().join("partners.yaml")).unwrap();
    let (start, end) = (
        leed["fix"]["edits"][0]["start"].as_u64().unwrap() as usize,
        leed["fix"]["edits"][0]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "leed");
}

#[test]
fn the_summary_says_what_fix_would_do() {
    let tmp = rule_fixture("unknown-field", "fires");
    let out = collab()
        .current_dir(tmp.path())
        .args(["validate", "--format", "concise", "--today", TODAY])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("4 fixable with `collab validate --fix`"),
        "{stderr}"
    );
}

#[test]
fn diff_with_fix_still_writes_nothing_and_stdin_is_refused() {
    let tmp = rule_fixture("invalid-value", "fires");
    let bytes = files(tmp.path());
    let out = collab()
        .current_dir(tmp.path())
        .args(["validate", "--fix", "--diff", "--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(files(tmp.path()), bytes);
    assert!(String::from_utf8_lossy(&out.stdout).contains("+    sector: fire-and-rescue"));
    let out = collab()
        .current_dir(tmp.path())
        .args(["validate", "--fix", "-", "--stdin-filename", "plan.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(files(tmp.path()), bytes);
}

#[test]
fn a_file_outside_any_campaign_is_fixed_too() {
    let tmp = tempfile::TempDir::new().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let base = fixtures().join("rules/_base/partners.yaml");
    let text = std::fs::read_to_string(base).unwrap();
    let typo = text.replacen("    sector:", "    sectr:", 1);
    assert_ne!(typo, text);
    std::fs::write(tmp.path().join("partners.yaml"), &typo).unwrap();
    let out = fix(tmp.path(), &["partners.yaml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 fixed"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("partners.yaml")).unwrap(),
        text
    );
}

#[test]
fn a_second_round_fixes_what_the_first_brought_to_light() {
    // Without `kind` the key is not checked; once round one adds `kind`,
    // round two mends the misspelt key.
    let (tmp, whole) = base_without_kind("partners.yaml");
    let path = tmp.path().join("partners.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("    sector:", "    sectr:", 1)).unwrap();
    let out = fix(tmp.path(), &["partners.yaml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 fixed, 0 remaining"), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), whole);
}
