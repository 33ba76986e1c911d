//! How `collab who` ranks: relevance per (person, campaign), roles,
//! near-miss spellings, a reason for every result, and the errors warning,
//! on a generated workspace with planted people; and snapshots of `who` and
//! `overlaps` JSON for the shipped examples.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_dir, repo, run_in as run};
use serde_json::Value;
use tempfile::TempDir;

/// How many unrelated campaigns the three busy people are in.
const UNRELATED: usize = 60;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A contact line of a partner entry.
fn contact(name: &str) -> String {
    let email = name.to_lowercase().replace(' ', ".");
    format!("{{ name: {name}, role: Officer, email: {email}@example.gov.uk }}")
}

/// A small valid campaign with one partner, tagged `tag`, whose lead,
/// deputy, sign-off and sponsor are the given people.
fn campaign(dir: &Path, id: &str, name: &str, dates: (&str, &str), tag: &str, people: [&str; 4]) {
    write(
        dir,
        "collab.toml",
        &format!(
            "[campaign]\nid = \"{id}\"\nname = \"{name}\"\nframework = \"oasis\"\nlead = \"org\"\nlaunch = {}\nend = {}\npriorities = [\"local-environments\"]\nregions = [\"england\"]\n",
            dates.0, dates.1
        ),
    );
    write(
        dir,
        "partners.yaml",
        &format!(
            "kind: partners\npartners:\n  - id: org\n    name: {name} Partnership\n    sector: local-authority\n    level: participation\n    regions: [england]\n    tags: [{tag}]\n    lead: {}\n    deputy: {}\n    sign_off: {}\n    sponsor: {}\n",
            contact(people[0]),
            contact(people[1]),
            contact(people[2]),
            contact(people[3]),
        ),
    );
    write(
        dir,
        "plan.yaml",
        &format!(
            "kind: plan\nframework: oasis\ntitle: {name}\naudience:\n  - id: main\n    description: Households taking part in {name}\n"
        ),
    );
}

/// Sixty live campaigns on recycling that three busy people (a deputy, a
/// director who signs off and a sponsor) are all in, each led by someone
/// else; and one older campaign, the only one tagged `water-safety`, led by
/// the person to find, with the same three busy people in it.
fn workspace() -> TempDir {
    let tmp = TempDir::new().unwrap();
    let busy = ["Dee Busy", "Sid Busy", "Spo Busy"];
    for n in 0..UNRELATED {
        let lead = format!("Lead Number{n:02}");
        campaign(
            &tmp.path().join(format!("recycle-{n:02}")),
            &format!("recycle-{n:02}"),
            &format!("Recycling Week {n:02}"),
            ("2026-10-01", "2027-02-28"),
            &format!("recycling-{n:02}"),
            [&lead, busy[0], busy[1], busy[2]],
        );
    }
    campaign(
        &tmp.path().join("river"),
        "river-2025",
        "River Safety Summer",
        ("2025-06-01", "2025-08-31"),
        "water-safety",
        ["Rhona Planted", busy[0], busy[1], busy[2]],
    );
    tmp
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = run(dir, &[args, &["--format", "json"]].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn names(hits: &Value) -> Vec<String> {
    hits.as_array()
        .unwrap()
        .iter()
        .map(|h| h["person"]["name"].as_str().unwrap().to_string())
        .collect()
}

fn reasons(hit: &Value) -> Vec<String> {
    hit["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_lead_of_the_only_matching_campaign_ranks_first_then_by_role() {
    let ws = workspace();
    let hits = json(ws.path(), &["who", "--tag", "water-safety"]);
    // Lead before deputy before sign-off and sponsor (same match); the
    // busy people's sixty live campaigns add nothing.
    assert_eq!(
        names(&hits),
        ["Rhona Planted", "Dee Busy", "Sid Busy", "Spo Busy"],
        "{hits:#}"
    );
    assert_eq!(
        reasons(&hits[0]),
        ["lead of River Safety Summer (2025), tagged `water-safety`"]
    );
    assert_eq!(
        reasons(&hits[1]),
        ["deputy of River Safety Summer (2025), tagged `water-safety`"]
    );
    // Free text finds the same person first.
    let hits = json(ws.path(), &["who", "river water safety"]);
    assert_eq!(names(&hits)[0], "Rhona Planted", "{hits:#}");
    assert!(reasons(&hits[0])[0].starts_with("lead of River Safety Summer (2025), mentions"));
}

#[test]
fn role_filters_and_is_checked_per_campaign() {
    let ws = workspace();
    let hits = json(
        ws.path(),
        &["who", "--tag", "water-safety", "--role", "deputy"],
    );
    assert_eq!(names(&hits), ["Dee Busy"], "{hits:#}");
    // Dee is a deputy in every campaign, never a lead.
    let hits = json(ws.path(), &["who", "--role", "lead", "Busy"]);
    assert!(hits.as_array().unwrap().is_empty(), "{hits:#}");
    // Tags are met per campaign: no one campaign has both tags.
    let hits = json(
        ws.path(),
        &["who", "--tag", "water-safety", "--tag", "recycling-01"],
    );
    assert!(hits.as_array().unwrap().is_empty(), "{hits:#}");
    let out = run(ws.path(), &["who", "--role", "boss"]);
    assert!(!out.status.success());
}

#[test]
fn a_near_miss_spelling_finds_the_person() {
    let ws = workspace();
    let hits = json(ws.path(), &["who", "rivr saftey"]);
    assert_eq!(names(&hits)[0], "Rhona Planted", "{hits:#}");
    let why = reasons(&hits[0]).join("; ");
    assert!(why.contains("“safety” (for “saftey”)"), "{why}");
    assert!(why.contains("“river” (for “rivr”)"), "{why}");
}

#[test]
fn every_result_has_a_reason() {
    let ws = workspace();
    for args in [
        &["who"][..],
        &["who", "recycling"],
        &["who", "--region", "england"],
        &["who", "--sector", "local-authority", "--role", "sponsor"],
        &["who", "--priority", "local-environments", "--limit", "100"],
    ] {
        let hits = json(ws.path(), args);
        assert!(!hits.as_array().unwrap().is_empty(), "{args:?}");
        for h in hits.as_array().unwrap() {
            let why = reasons(h);
            assert!(
                !why.is_empty() && why[0].contains(" of ") && !why[0].ends_with(", "),
                "{args:?}: {h:#}"
            );
        }
    }
    // A busy person's reasons name three campaigns and how many more.
    let hits = json(ws.path(), &["who", "--tag", "recycling-01", "Busy"]);
    assert_eq!(reasons(&hits[0]).len(), 1, "{hits:#}");
    let hits = json(ws.path(), &["who", "Dee Busy"]);
    let why = reasons(&hits[0]);
    assert_eq!(why.len(), 4, "{why:?}");
    assert_eq!(
        why[3],
        format!("and {} more matching campaign(s)", UNRELATED - 2)
    );
}

#[test]
fn the_errors_warning_names_five_campaigns_then_how_many_more() {
    let ws = TempDir::new().unwrap();
    for n in 0..7 {
        let dir = ws.path().join(format!("broken-{n}"));
        campaign(
            &dir,
            &format!("broken-{n}"),
            &format!("Broken {n}"),
            ("2026-10-01", "2027-02-28"),
            "broken",
            ["A Lead", "A Deputy", "A Signer", "A Sponsor"],
        );
        let plan = fs::read_to_string(dir.join("plan.yaml")).unwrap();
        fs::write(dir.join("plan.yaml"), plan.replace("title:", "titel:")).unwrap();
    }
    let out = run(ws.path(), &["who", "--format", "json"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("7 campaign(s) have errors")
            && stderr.contains("broken-4 and 2 more (run `collab validate` there)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("broken-5") && !stderr.contains("broken-6"),
        "{stderr}"
    );
}

/// Both shipped examples side by side.
fn examples() -> TempDir {
    let tmp = TempDir::new().unwrap();
    for example in ["winter-fire-safety", "safer-streets"] {
        copy_dir(
            &repo().join("examples").join(example),
            &tmp.path().join(example),
        );
    }
    tmp
}

#[test]
fn who_and_overlaps_json_for_the_examples() {
    let ws = examples();
    for (name, args) in [
        ("who-everyone", &["who"][..]),
        (
            "who-older-people-fire",
            &["who", "older people fire safety"],
        ),
        ("who-leads", &["who", "--role", "lead"]),
        ("overlaps", &["overlaps"]),
    ] {
        let out = run(ws.path(), &[args, &["--format", "json"]].concat());
        assert!(out.status.success(), "{name}");
        insta::assert_snapshot!(name, String::from_utf8_lossy(&out.stdout));
    }
}

#[test]
fn the_table_lists_the_campaigns_that_matched_not_the_first_of_all() {
    let ws = workspace();
    let out = run(ws.path(), &["who", "--tag", "water-safety"]);
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    let busy = table
        .lines()
        .find(|l| l.contains("Dee Busy"))
        .expect("Dee Busy is in the table");
    // Dee is in sixty recycling campaigns; only the river one matched.
    assert!(busy.contains("river-2025 (deputy)"), "{busy}");
    assert!(!busy.contains("recycle-"), "{busy}");
    assert!(!busy.contains("more"), "{busy}");
}
