//! `collab new`, `collab log` and `collab action`: edits that leave every
//! other byte of the file as it was.

mod common;

use std::fs;
use std::path::Path;

use common::{example_copy, run_in as run};

/// The text `after` added to `before`, asserting nothing else changed.
fn inserted(before: &str, after: &str) -> String {
    let prefix = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = before[prefix..]
        .bytes()
        .rev()
        .zip(after[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    assert_eq!(
        prefix + suffix,
        before.len(),
        "the edit changed existing bytes, not only added some"
    );
    after[prefix..after.len() - suffix].to_string()
}

fn assert_valid(dir: &Path) {
    let out = run(dir, &["validate", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{report:#}");
}

#[test]
fn adding_items_keeps_every_other_byte() {
    for example in ["winter-fire-safety", "safer-streets"] {
        let tmp = example_copy(example);
        let dir = tmp.path();
        let lead = if example == "winter-fire-safety" {
            "lfrs"
        } else {
            "kingsmere-council"
        };
        let cases: Vec<(&str, Vec<String>, &str)> = vec![
            (
                "partners.yaml",
                vec![
                    "new",
                    "partner",
                    "--id",
                    "age-uk",
                    "--name",
                    "Age UK: Lancashire",
                    "--sector",
                    "voluntary-community",
                    "--level",
                    "participation",
                    "--lead-name",
                    "Sam Oduya",
                    "--lead-role",
                    "Comms officer",
                    "--deputy-name",
                    "Jo Reid",
                    "--deputy-role",
                    "Officer",
                    "--confirmed",
                    "2026-11-20",
                    "--offer",
                    "owned-channels",
                    "--gain",
                    "Reach into isolated older people",
                ]
                .into_iter()
                .map(String::from)
                .collect(),
                "id: age-uk",
            ),
            (
                "evaluation.yaml",
                [
                    "new",
                    "metric",
                    "--id",
                    "new-bookings",
                    "--name",
                    "Visits booked through the new partner",
                    "--stage",
                    "outcome",
                    "--owner",
                    lead,
                    "--baseline",
                    "0",
                    "--target",
                    "200",
                ]
                .into_iter()
                .map(String::from)
                .collect(),
                "id: new-bookings",
            ),
            (
                "plan.yaml",
                [
                    "new",
                    "milestone",
                    "--id",
                    "extra-review",
                    "--name",
                    "Extra review",
                    "--date",
                    "2026-12-20",
                    "--type",
                    "review",
                ]
                .into_iter()
                .map(String::from)
                .collect(),
                "extra-review",
            ),
            (
                "plan.yaml",
                [
                    "new",
                    "activity",
                    "--id",
                    "extra-calls",
                    "--name",
                    "Befriending calls",
                    "--owner",
                    lead,
                    "--start",
                    "2026-12-01",
                    "--end",
                    "2026-12-15",
                ]
                .into_iter()
                .map(String::from)
                .collect(),
                "extra-calls",
            ),
            (
                "evaluation.yaml",
                [
                    "log",
                    "new-bookings",
                    "35",
                    "--date",
                    "2026-11-23",
                    "--note",
                    "First week, # not a comment",
                ]
                .into_iter()
                .map(String::from)
                .collect(),
                "35",
            ),
        ];
        for (file, args, needle) in cases {
            let before = fs::read_to_string(dir.join(file)).unwrap();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = run(dir, &args);
            assert!(
                out.status.success(),
                "{example}: {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let after = fs::read_to_string(dir.join(file)).unwrap();
            let added = inserted(&before, &after);
            assert!(
                added.contains(needle),
                "{example}: {args:?} added {added:?}"
            );
            assert_valid(dir);
        }
        // The new figure shows in status.
        let out = run(dir, &["status", "--format", "json"]);
        let view: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let metric = view["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == "new-bookings")
            .unwrap()
            .clone();
        assert_eq!(metric["latest"], 35.0);
        assert_eq!(metric["progress"], 18);
    }
}

#[test]
fn new_meeting_writes_the_agenda_its_type_needs() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    let out = run(
        dir,
        &[
            "new",
            "meeting",
            "--type",
            "final-review",
            "--date",
            "2027-03-10T14:00",
            "--location",
            "Fire HQ",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = fs::read_to_string(dir.join("meetings/2027-03-10-final-review.yaml")).unwrap();
    for topic in ["topic: review", "topic: lessons", "topic: thanks"] {
        assert!(text.contains(topic), "{text}");
    }
    // The charter is read back at the final review.
    assert!(text.contains("did we do what we said?"), "{text}");
    for partner in ["home-office", "lfrs", "lancashire-cc", "lsc-icb"] {
        assert!(text.contains(&format!("partner: {partner}")), "{text}");
    }
    // Open actions from earlier meetings get a review item, but their ids
    // are not copied in: the agenda pack lists them when it is rendered.
    assert!(text.contains("Actions from earlier meetings"), "{text}");
    assert!(!text.contains("radio-rebook"), "{text}");
    assert_valid(dir);

    let out = run(
        dir,
        &[
            "new",
            "meeting",
            "--type",
            "initial-partnering",
            "--date",
            "2026-12-02T09:30",
        ],
    );
    assert!(out.status.success());
    let text = fs::read_to_string(dir.join("meetings/2026-12-02-initial-partnering.yaml")).unwrap();
    for topic in [
        "introductions",
        "objectives",
        "timescales",
        "resources",
        "evaluation",
        "sign-off",
        "liaison",
    ] {
        assert!(text.contains(&format!("topic: {topic}")), "{topic}");
    }
    // The same date and type again is refused.
    let out = run(
        dir,
        &[
            "new",
            "meeting",
            "--type",
            "initial-partnering",
            "--date",
            "2026-12-02T09:30",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn actions_are_added_and_closed_in_place() {
    let tmp = example_copy("safer-streets");
    let dir = tmp.path();
    let meeting = fs::read_dir(dir.join("meetings"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("initial"))
        .unwrap();
    let id = {
        let text = fs::read_to_string(&meeting).unwrap();
        text.lines()
            .find_map(|l| l.strip_prefix("id: "))
            .unwrap()
            .trim()
            .to_string()
    };
    let before = fs::read_to_string(&meeting).unwrap();
    let out = run(
        dir,
        &[
            "action",
            "add",
            "--meeting",
            &id,
            "--owner",
            "kingsmere-council",
            "--due",
            "2026-12-05",
            "Send the venue list to the police",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = fs::read_to_string(&meeting).unwrap();
    let added = inserted(&before, &after);
    assert!(added.contains("send-the-venue-list"), "{added}");
    assert_valid(dir);
    let out = run(dir, &["action", "done", "send-the-venue-list"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let done = fs::read_to_string(&meeting).unwrap();
    assert!(done.contains("status: done"));
    // `open` became `done` and today's date was recorded; nothing else moved.
    assert_eq!(
        done,
        after.replacen("status: open }", "status: done, done: 2026-11-24 }", 1)
    );
    let out = run(dir, &["action", "done", "no-such-action"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_edit_that_breaks_the_campaign_is_undone() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    let before = fs::read_to_string(dir.join("evaluation.yaml")).unwrap();
    let out = run(
        dir,
        &[
            "new", "metric", "--id", "bad", "--name", "Bad", "--stage", "outcome", "--owner",
            "nobody",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown-reference"));
    assert_eq!(
        fs::read_to_string(dir.join("evaluation.yaml")).unwrap(),
        before
    );
    // A required value missing without a terminal is a usage error.
    let out = run(dir, &["new", "metric", "--id", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--name is required"));
}
