//! One fixture per rule that must fire it, one that must not, with a snapshot
//! of the whole output of each.
//!
//! Layout: `tests/fixtures/rules/_base/` is a small, complete campaign that
//! fires no rule. `tests/fixtures/rules/<rule-id>/fires/` and `.../clean/` are
//! overlays holding only the files that differ from the base (a file replaces
//! the base file of the same path); `.remove` lists base files to delete and
//! `.campaigns` the folders that each get a copy of the base, for a workspace
//! (see `common::rule_fixture` and ci/rule-fixture.py). `fires/expect.txt`
//! lists `file:line` places (one per line, `#` comments allowed) where the
//! rule must be reported.
//!
//! Each case runs `collab validate --format json` (output rules:
//! `collab render --pack partner`) in a temporary copy and its output is kept
//! as `tests/snapshots/rule_fixtures__<rule>__<case>.snap`.

mod common;

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

use common::{TODAY, collab, fixtures, rule_fixture, triples, validate_json};

/// Every rule `collab rules --format json` lists, as (id, family).
fn catalogue() -> Vec<(String, String)> {
    let out = collab()
        .args(["rules", "--format", "json"])
        .output()
        .expect("collab runs");
    assert!(out.status.success(), "collab rules failed");
    let rules: Value = serde_json::from_slice(&out.stdout).expect("rules prints JSON");
    rules
        .as_array()
        .expect("a list of rules")
        .iter()
        .map(|r| {
            let text = |k: &str| r[k].as_str().expect("a string").to_string();
            (text("id"), text("family"))
        })
        .collect()
}

/// The rule folders under tests/fixtures/rules (not `_base`), sorted.
fn fixture_rules() -> Vec<String> {
    let mut rules: Vec<String> = fs::read_dir(fixtures().join("rules"))
        .expect("fixtures/rules exists")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('_'))
        .collect();
    rules.sort();
    rules
}

/// The `file:line` places of a `fires/expect.txt`.
fn expected_places(rule: &str) -> Vec<(String, u64)> {
    let path = fixtures().join("rules").join(rule).join("fires/expect.txt");
    let text =
        fs::read_to_string(&path).unwrap_or_else(|_| panic!("{rule}: fires/expect.txt is missing"));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|place| {
            let (file, line) = place
                .rsplit_once(':')
                .unwrap_or_else(|| panic!("{rule}: bad expect line {place}"));
            let line = line.parse().expect("line number");
            (file.to_string(), line)
        })
        .collect()
}

/// Run the case's command in `dir` and return (exit code, output to snapshot).
fn run_case(family: &str, dir: &Path) -> (i32, Value) {
    if family != "output" {
        let (code, mut report) = validate_json(dir, &[]);
        // collab's own version changes every release; the report's shape is
        // `version`, which stays.
        report["tool"]["version"] = json!("[collab version]");
        return (code, json!({ "exit_code": code, "report": report }));
    }
    // Output rules are checked when packs are written (to `dist/`, the
    // base's `out_dir`, so the messages name no temporary folder).
    let result = collab()
        .current_dir(dir)
        .args([
            "render", "--today", TODAY, "--pack", "partner", "--format", "md",
        ])
        .output()
        .expect("collab runs");
    let code = result.status.code().unwrap_or(-1);
    let written: Vec<String> = common::files_in(&dir.join("dist"))
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    let stderr: Vec<&str> = stderr.lines().collect();
    (
        code,
        json!({ "exit_code": code, "stderr": stderr, "written": written }),
    )
}

/// Snapshot one case's output and return it, checking no path leaks out.
fn snapshot_case(rule: &str, family: &str, case: &str) -> (i32, Value) {
    let dir = rule_fixture(rule, case);
    let (code, output) = run_case(family, dir.path());
    let text = output.to_string();
    let tmp = dir.path().to_string_lossy();
    assert!(
        !text.contains(tmp.as_ref()),
        "{rule}/{case}: absolute path in {text}"
    );
    insta::with_settings!({ description => format!("{rule}/{case}, --today {TODAY}") }, {
        insta::assert_json_snapshot!(format!("{rule}__{case}"), output);
    });
    (code, output)
}

/// The findings of a case as (rule, file, line), from JSON or from the
/// `[file:line:column]` places of human output.
fn found_places(rule: &str, output: &Value) -> Vec<(String, String, u64)> {
    if let Some(report) = output.get("report") {
        return triples(report);
    }
    let stderr: Vec<&str> = output["stderr"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if !stderr.iter().any(|l| l.trim() == rule) {
        return Vec::new();
    }
    stderr
        .iter()
        .filter_map(|l| l.split_once("─[")?.1.split_once(']'))
        .filter_map(|(place, _)| {
            let mut parts = place.rsplitn(3, ':');
            let (_, line, file) = (parts.next()?, parts.next()?, parts.next()?);
            Some((rule.to_string(), file.to_string(), line.parse().ok()?))
        })
        .collect()
}

/// The level of the first finding of `rule` in a validate report.
fn level_of(rule: &str, output: &Value) -> Option<String> {
    output["report"]["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["rule"] == rule)
        .map(|f| f["level"].as_str().unwrap_or_default().to_string())
}

#[test]
fn the_base_campaign_is_complete_and_fires_no_rule() {
    let base = fixtures().join("rules/_base");
    let (code, report) = validate_json(&base, &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["findings"], json!([]), "{report:#}");
    assert!(
        report["summary"]["documents"].as_u64() >= Some(4),
        "{report:#}"
    );
    let out = tempfile::TempDir::new().unwrap();
    let result = common::render_into(&base, out.path(), &["--pack", "partner"]);
    assert!(result.status.success(), "{result:?}");
}

#[test]
fn every_rule_fires_on_its_fixture_at_the_right_line() {
    let mut checked = 0;
    for (rule, family) in catalogue() {
        let (code, output) = snapshot_case(&rule, &family, "fires");
        let found = found_places(&rule, &output);
        for (file, line) in expected_places(&rule) {
            assert!(
                found
                    .iter()
                    .any(|(r, f, l)| *r == rule && *f == file && *l == line),
                "{rule}: expected a finding at {file}:{line}, got {found:#?}"
            );
            checked += 1;
        }
        if family == "output" {
            assert_eq!(code, 1, "{rule}: exit code");
        } else if level_of(&rule, &output).as_deref() == Some("error") {
            let want = if rule == "toml-syntax" { 2 } else { 1 };
            assert_eq!(code, want, "{rule}: exit code");
        }
    }
    assert!(checked > 0, "no fixture was checked");
}

#[test]
fn no_rule_fires_on_its_clean_fixture() {
    for (rule, family) in catalogue() {
        let (_, output) = snapshot_case(&rule, &family, "clean");
        let found = found_places(&rule, &output);
        assert!(
            !found.iter().any(|(r, _, _)| *r == rule),
            "{rule}: fired on its clean fixture: {found:#?}"
        );
    }
}

#[test]
fn every_rule_has_fixtures_and_every_fixture_a_rule() {
    let rules: Vec<String> = catalogue().into_iter().map(|(id, _)| id).collect();
    let dir = fixtures().join("rules");
    for rule in &rules {
        for case in ["fires/expect.txt", "clean"] {
            assert!(
                dir.join(rule).join(case).exists(),
                "rule {rule} has no {case} in tests/fixtures/rules/{rule}"
            );
        }
    }
    for name in fixture_rules() {
        assert!(rules.contains(&name), "fixture {name} names no rule");
    }
}

#[test]
fn an_allow_comment_above_a_list_item_covers_findings_inside_it() {
    let tmp = rule_fixture("activity-in-blackout", "fires");
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
    assert_eq!(on_plan, vec![29, 30, 37, 38, 42], "{found:?}");
    assert!(
        !found.iter().any(|(rule, _, _)| rule == "unused-allow"),
        "{found:?}"
    );
}

#[test]
fn in_a_pre_election_window_only_publicity_is_warned_and_a_service_is_advised() {
    // The clean case has a final review and catch-ups, a service, internal
    // work and a changed activity in or next to the local election window.
    let tmp = rule_fixture("activity-in-blackout", "clean");
    let (_, report) = validate_json(tmp.path(), &[]);
    let found = triples(&report);
    assert!(
        !found
            .iter()
            .any(|(rule, _, _)| rule == "activity-in-blackout"),
        "{found:?}"
    );
    let advice: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "service-in-blackout")
        .collect();
    assert_eq!(advice.len(), 1, "{report:#}");
    assert_eq!(advice[0]["line"], 38);
    let message = advice[0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("must stay neutral"), "{message}");
    // Marking the clinic as publicity turns the advice into the warning.
    let plan = tmp.path().join("plan.yaml");
    let text = fs::read_to_string(&plan).unwrap();
    fs::write(
        &plan,
        text.replace(
            "owner: lfrs, kind: service,",
            "owner: lfrs, kind: publicity,",
        ),
    )
    .unwrap();
    let (_, report) = validate_json(tmp.path(), &[]);
    let found = triples(&report);
    assert!(
        found.contains(&(
            "activity-in-blackout".to_string(),
            "plan.yaml".to_string(),
            38
        )),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(rule, _, _)| rule == "service-in-blackout"),
        "{found:?}"
    );
}
