//! One fixture campaign per rule that must fire it, one that must not.
//!
//! Layout: `tests/fixtures/rules/<rule-id>/fires/` and `.../clean/`, each a
//! campaign folder. `fires/expect.txt` lists `file:line` places (one per
//! line, `#` comments allowed) where the rule must be reported.

mod common;

use std::fs;

use common::{fixtures, triples, validate_json};

fn rule_dirs() -> Vec<(String, std::path::PathBuf)> {
    let mut dirs: Vec<_> = fs::read_dir(fixtures().join("rules"))
        .expect("fixtures/rules exists")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_rule_fires_on_its_fixture_at_the_right_line() {
    let mut checked = 0;
    for (rule, dir) in rule_dirs() {
        let fires = dir.join("fires");
        let expect = fs::read_to_string(fires.join("expect.txt"))
            .unwrap_or_else(|_| panic!("{rule}: fires/expect.txt is missing"));
        let (code, report) = validate_json(&fires, &[]);
        let found = triples(&report);
        for place in expect
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (file, line) = place
                .rsplit_once(':')
                .unwrap_or_else(|| panic!("{rule}: bad expect line {place}"));
            let line: u64 = line.parse().expect("line number");
            assert!(
                found
                    .iter()
                    .any(|(r, f, l)| *r == rule && f == file && *l == line),
                "{rule}: expected a finding at {file}:{line}, got {found:#?}"
            );
            checked += 1;
        }
        let level = report["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["rule"] == rule.as_str())
            .map(|f| f["level"].as_str().unwrap_or_default().to_string());
        if level.as_deref() == Some("error") {
            assert_eq!(
                code,
                if rule == "toml-syntax" { 2 } else { 1 },
                "{rule}: exit code"
            );
        }
    }
    assert!(checked > 0, "no fixture was checked");
}

#[test]
fn no_rule_fires_on_its_clean_fixture() {
    for (rule, dir) in rule_dirs() {
        let clean = dir.join("clean");
        assert!(clean.is_dir(), "{rule}: clean/ fixture is missing");
        let (_, report) = validate_json(&clean, &[]);
        let found = triples(&report);
        assert!(
            !found.iter().any(|(r, _, _)| *r == rule),
            "{rule}: fired on its clean fixture: {found:#?}"
        );
    }
}

#[test]
fn every_rule_has_fixtures() {
    let have: Vec<String> = rule_dirs().into_iter().map(|(r, _)| r).collect();
    // Output rules are checked by `render`, not `validate`.
    for rule in collab::rules::catalogue().filter(|r| r.family != collab::rules::Family::Output) {
        assert!(
            have.iter().any(|h| h == rule.id),
            "rule {} has no fixture in tests/fixtures/rules",
            rule.id
        );
    }
}

#[test]
fn an_allow_comment_above_a_list_item_covers_findings_inside_it() {
    let tmp = tempfile::TempDir::new().unwrap();
    common::copy_dir(
        &fixtures().join("rules/activity-in-blackout/fires"),
        tmp.path(),
    );
    let plan = tmp.path().join("plan.yaml");
    let text = fs::read_to_string(&plan).unwrap();
    let text = text.replace(
        "    - id: easter-roadshow\n",
        "    # collab: allow(activity-in-blackout) agreed with the returning officer\n    - id: easter-roadshow\n",
    );
    fs::write(&plan, text).unwrap();
    let (_, report) = validate_json(tmp.path(), &[]);
    let found = triples(&report);
    let on_plan: Vec<u64> = found
        .iter()
        .filter(|(rule, file, _)| rule == "activity-in-blackout" && file == "plan.yaml")
        .map(|(_, _, line)| *line)
        .collect();
    // The roadshow's `start` (line 35 now) is covered; the others are not.
    assert_eq!(on_plan, vec![29, 30, 37, 38], "{found:?}");
    assert!(
        !found.iter().any(|(rule, _, _)| rule == "unused-allow"),
        "{found:?}"
    );
}
