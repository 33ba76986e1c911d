//! Risks to the partnership (issue 19, items 4 and 5): the model's checks
//! (duplicate ids, unknown owners), `no-risks-recorded` being off by
//! default, and `collab status` showing open risks by impact.

mod common;

use std::fs;

use common::{TODAY, collab, repo, rule_fixture, triples, validate_json};
use serde_json::Value;

#[test]
fn a_risk_id_used_twice_and_an_unknown_owner_are_reported() {
    let tmp = rule_fixture("risk-without-owner", "clean");
    let plan = tmp.path().join("plan.yaml");
    let mut text = fs::read_to_string(&plan).unwrap();
    text.push_str(
        "  - { id: new-to-each-other, description: Second one., owner: lfsr, mitigation: Talk. }\n",
    );
    fs::write(&plan, text).unwrap();
    let (code, report) = validate_json(tmp.path(), &[]);
    assert_eq!(code, 1, "{report}");
    let found = triples(&report);
    for expected in [
        ("duplicate-id", "plan.yaml", 43),
        ("unknown-reference", "plan.yaml", 43),
    ] {
        let expected = (expected.0.to_string(), expected.1.to_string(), expected.2);
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
    let unknown = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "unknown-reference")
        .unwrap();
    assert_eq!(unknown["help"], "did you mean `lfrs`?");
}

#[test]
fn no_risks_recorded_is_off_unless_lint_turns_it_on() {
    let tmp = rule_fixture("no-risks-recorded", "fires");
    let fired = |report: &Value| {
        triples(report)
            .iter()
            .any(|(rule, _, _)| rule == "no-risks-recorded")
    };
    let (_, report) = validate_json(tmp.path(), &[]);
    assert!(fired(&report), "turned on in [lint]: {report}");
    let toml = tmp.path().join("collab.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(&toml, text.replace("no-risks-recorded = \"warn\"\n", "")).unwrap();
    let (_, report) = validate_json(tmp.path(), &[]);
    assert!(!fired(&report), "off by default: {report}");
}

#[test]
fn explain_prints_each_risk_rule() {
    for (rule, words) in [
        ("risk-without-owner", "owner"),
        ("risk-without-mitigation", "mitigation"),
        ("no-risks-recorded", "off by default"),
    ] {
        let out = collab().args(["explain", rule]).output().unwrap();
        assert!(out.status.success(), "{rule}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(words), "{rule}: {text}");
    }
}

fn status(example: &str, format: &[&str]) -> String {
    let out = collab()
        .current_dir(repo().join("examples").join(example))
        .args(["status", "--today", TODAY])
        .args(format)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn status_shows_open_risks_highest_impact_first() {
    let text = status("winter-fire-safety", &[]);
    let start = text.find("Open risks").expect("a risks section");
    let section: String = text[start..]
        .lines()
        .take_while(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("status_risks_winter_fire_safety", section);
    let order: Vec<usize> = ["late-local-sign-off", "winter-pressures", "one-funder"]
        .iter()
        .map(|id| section.find(id).expect("each risk is listed"))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{section}");
}

#[test]
fn status_json_lists_risks_in_the_same_order() {
    let view: Value =
        serde_json::from_str(&status("safer-streets", &["--format", "json"])).unwrap();
    let risks = view["risks"].as_array().unwrap();
    let ids: Vec<&str> = risks.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "venues-wary-of-police",
            "incident-data-rules",
            "volunteer-capacity"
        ]
    );
    let first = &risks[0];
    assert_eq!(first["impact"], "high");
    assert_eq!(first["likelihood"], "medium");
    assert_eq!(first["barrier"], "no-relationships");
    assert_eq!(first["owner_name"], "Northshire Police");
    assert_eq!(first["review"], "2026-10-16");
    assert_eq!(first["recorded_in"], "plan");
}

#[test]
fn status_says_when_no_risks_are_recorded() {
    let tmp = rule_fixture("no-risks-recorded", "fires");
    let out = collab()
        .current_dir(tmp.path())
        .args(["status", "--today", TODAY])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Open risks: none recorded"), "{text}");
}

#[test]
fn risks_in_the_charter_are_checked_and_shown_like_the_plans() {
    let tmp = rule_fixture("risk-without-owner", "clean");
    let charter = tmp.path().join("charter.yaml");
    let mut text = fs::read_to_string(&charter).unwrap();
    text.push_str(
        "risks:\n  - { id: charter-risk, barrier: jargon, description: Partners talk past each other., impact: high, likelihood: high, mitigation: Keep a glossary. }\n",
    );
    fs::write(&charter, text).unwrap();
    let (_, report) = validate_json(tmp.path(), &[]);
    let found = triples(&report);
    assert!(
        found
            .iter()
            .any(|(rule, file, _)| rule == "risk-without-owner" && file == "charter.yaml"),
        "{found:?}"
    );
    let out = collab()
        .current_dir(tmp.path())
        .env("COLLAB_TODAY", TODAY)
        .args(["status", "--format", "json"])
        .output()
        .unwrap();
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &status["risks"][0];
    assert_eq!(first["id"], "charter-risk", "{status}");
}
