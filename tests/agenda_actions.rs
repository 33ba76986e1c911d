//! Issue 18: the agenda lists the actions still open when it is rendered
//! (not ids copied into the meeting file), soonest due first; and the two
//! warnings about open actions without an owner or a due date.

mod common;

use std::fs;
use std::path::Path;

use common::{collab, example_copy, render_into, run_in, validate_json};
use tempfile::TempDir;

/// Run collab in `dir`, asserting it succeeds.
fn ok(dir: &Path, args: &[&str]) {
    let out = run_in(dir, args);
    assert!(
        out.status.success(),
        "collab {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The Markdown agenda of `meeting`, rendered now.
fn agenda(campaign: &Path, meeting: &str) -> String {
    let out = TempDir::new().unwrap();
    let result = render_into(
        campaign,
        out.path(),
        &["--pack", "agenda", "--format", "md", "--meeting", meeting],
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    fs::read_to_string(out.path().join(format!("agenda-{meeting}.md"))).unwrap()
}

/// The part of an agenda under "Actions carried in".
fn carried(agenda: &str) -> &str {
    let start = agenda
        .find("## Actions carried in")
        .expect("the agenda has a carried-actions section");
    let rest = &agenda[start..];
    let end = rest.find("## Decisions").unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn a_new_meeting_copies_no_action_ids_and_its_agenda_follows_the_log() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    let meeting = "2026-12-08-catch-up";
    ok(
        dir,
        &[
            "new",
            "meeting",
            "--type",
            "catch-up",
            "--date",
            "2026-12-08T10:00",
        ],
    );
    let file = fs::read_to_string(dir.join(format!("meetings/{meeting}.yaml"))).unwrap();
    for id in ["launch-spokespeople", "pilot-findings", "radio-rebook"] {
        assert!(!file.contains(id), "{id} copied into the meeting:\n{file}");
    }
    assert!(file.contains("Actions from earlier meetings"), "{file}");

    // An open action with no due date goes last.
    ok(
        dir,
        &[
            "action",
            "add",
            "Draft the thank-you letters",
            "--meeting",
            "catch-up-november",
            "--owner",
            "lfrs",
            "--id",
            "aaa-thank-you",
        ],
    );
    let before = agenda(dir, meeting);
    let list = carried(&before);
    let order: Vec<usize> = [
        "Confirm launch-day spokespeople",
        "Write up pilot findings",
        "Rebook regional radio",
        "Draft the thank-you letters",
    ]
    .iter()
    .map(|text| {
        list.find(text)
            .unwrap_or_else(|| panic!("{text} missing from:\n{list}"))
    })
    .collect();
    assert!(order.is_sorted(), "not soonest due first:\n{list}");
    assert!(
        list.contains("Not set"),
        "no-due action shows no date:\n{list}"
    );

    ok(dir, &["action", "done", "radio-rebook"]);
    let after = agenda(dir, meeting);
    let list = carried(&after);
    assert!(!list.contains("Rebook regional radio"), "{list}");
    assert!(list.contains("Write up pilot findings"), "{list}");
}

#[test]
fn open_actions_without_owner_or_due_date_are_warned_about() {
    let tmp = example_copy("safer-streets");
    let dir = tmp.path();
    let (code, report) = validate_json(dir, &[]);
    assert_eq!(code, 0, "the example is clean: {report:#}");
    ok(
        dir,
        &[
            "action",
            "add",
            "Chase the venue list",
            "--meeting",
            "catch-up-november",
            "--id",
            "chase-venues",
        ],
    );
    let (_, report) = validate_json(dir, &[]);
    let mut rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["message"].as_str().unwrap_or("").contains("chase-venues"))
        .map(|f| f["rule"].as_str().unwrap_or(""))
        .collect();
    rules.sort_unstable();
    assert_eq!(
        rules,
        ["action-without-due-date", "action-without-owner"],
        "{report:#}"
    );
    // Done, the action needs neither.
    ok(dir, &["action", "done", "chase-venues"]);
    let (code, report) = validate_json(dir, &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
}

#[test]
fn explain_prints_the_new_rules() {
    for (id, words) in [
        ("action-without-owner", "owner"),
        ("action-without-due-date", "due"),
    ] {
        let out = collab().args(["explain", id]).output().unwrap();
        assert!(out.status.success(), "explain {id}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(id), "{text}");
        assert!(text.contains(words), "{text}");
        assert!(text.contains("Fix:") && text.contains("Good:"), "{text}");
    }
}
