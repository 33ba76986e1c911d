//! `collab action list` and `collab action edit`: the action log across
//! meetings.

mod common;

use std::fs;
use std::path::Path;

use common::{example_copy, run_in as run};

fn stdout(out: &std::process::Output) -> String {
    assert_ok(out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ids(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["action", "list", "--format", "json"];
    all.extend_from_slice(args);
    let text = stdout(&run(dir, &all));
    let list: serde_json::Value = serde_json::from_str(&text).expect("a JSON array");
    list.as_array()
        .expect("an array")
        .iter()
        .map(|a| a["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn list_sorts_by_due_date_then_id_across_meetings() {
    let tmp = example_copy("safer-streets");
    let all = ids(tmp.path(), &[]);
    assert_eq!(all.len(), 12, "{all:?}");
    assert_eq!(
        all.first().map(String::as_str),
        Some("confirmation-letters")
    );
    assert_eq!(all.last().map(String::as_str), Some("door-staff-refresher"));
    // Two meetings' actions side by side.
    assert!(all.contains(&"baseline-survey".to_string()));
    assert!(all.contains(&"qr-stickers".to_string()));
}

#[test]
fn list_filters_open_overdue_due_within_and_owner() {
    let tmp = example_copy("safer-streets");
    let dir = tmp.path();
    let open = [
        "party-season-creative",
        "reporting-data-nov",
        "door-staff-refresher",
    ];
    assert_eq!(ids(dir, &["--open"]), open);
    // Today is 2026-11-24: nothing is overdue yet.
    assert!(ids(dir, &["--overdue"]).is_empty());
    assert_eq!(
        ids(dir, &["--overdue", "--today", "2026-12-05"]),
        ["party-season-creative", "reporting-data-nov"]
    );
    assert_eq!(
        ids(dir, &["--due-within", "10"]),
        ["party-season-creative", "reporting-data-nov"]
    );
    assert_eq!(ids(dir, &["--due-within", "1"]), ["party-season-creative"]);
    assert_eq!(
        ids(dir, &["--open", "--owner", "safe-nights"]),
        ["door-staff-refresher"]
    );
}

#[test]
fn list_refuses_an_unknown_owner_and_two_filters() {
    let tmp = example_copy("safer-streets");
    let out = run(
        tmp.path(),
        &["action", "list", "--owner", "kingsmere-counci"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `kingsmere-council`"), "{err}");
    let out = run(tmp.path(), &["action", "list", "--open", "--overdue"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn list_as_a_table_and_as_csv() {
    let tmp = example_copy("safer-streets");
    let dir = tmp.path();
    let table = stdout(&run(dir, &["action", "list", "--open"]));
    let first = table.lines().nth(1).unwrap_or_default();
    assert!(first.contains("Due") && first.contains("Owner"), "{table}");
    assert!(table.contains("Sign off party season social creative"));
    assert!(table.contains("Kingsmere Borough Council"));
    assert!(!table.contains("baseline-survey"), "done actions left out");
    let csv = stdout(&run(
        dir,
        &[
            "action",
            "list",
            "--overdue",
            "--today",
            "2026-12-05",
            "--format",
            "csv",
        ],
    ));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,action,owner,due,status,overdue,meeting")
    );
    assert_eq!(
        lines.next(),
        Some(
            "party-season-creative,Sign off party season social creative,kingsmere-council,2026-11-25,open,true,catch-up-november"
        )
    );
    assert_eq!(lines.count(), 1);
}

const NOVEMBER: &str = "meetings/catch-up-2026-11-18.yaml";

fn edit(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["action", "edit", "reporting-data-nov"];
    all.extend_from_slice(args);
    run(dir, &all)
}

#[test]
fn edit_changes_each_field_in_place() {
    let tmp = example_copy("safer-streets");
    let dir = tmp.path();
    let path = dir.join(NOVEMBER);
    let before = fs::read_to_string(&path).unwrap();
    let cases: [(&[&str], &str, &str); 3] = [
        (
            &["--due", "2026-12-09"],
            "due: 2026-12-04",
            "due: 2026-12-09",
        ),
        (
            &["--owner", "safe-nights"],
            "owner: northshire-police",
            "owner: safe-nights",
        ),
        (
            &["--text", "Share the November figures: all of them"],
            "action: Share November reporting figures",
            "action: \"Share the November figures: all of them\"",
        ),
    ];
    let mut expected = before.clone();
    for (args, old, new) in cases {
        let out = edit(dir, args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        expected = expected.replacen(old, new, 1);
        assert_eq!(fs::read_to_string(&path).unwrap(), expected, "{args:?}");
    }
    let listed = stdout(&run(
        dir,
        &[
            "action",
            "list",
            "--owner",
            "safe-nights",
            "--format",
            "json",
        ],
    ));
    assert!(listed.contains("2026-12-09"), "{listed}");
}

#[test]
fn edit_sets_several_fields_at_once() {
    let tmp = example_copy("safer-streets");
    let dir = tmp.path();
    let path = dir.join(NOVEMBER);
    let before = fs::read_to_string(&path).unwrap();
    let out = edit(dir, &["--due", "2026-12-09", "--owner", "safe-nights"]);
    assert_ok(&out);
    let want = before.replacen(
        "owner: northshire-police,\n      due: 2026-12-04",
        "owner: safe-nights,\n      due: 2026-12-09",
        1,
    );
    assert_ne!(want, before);
    assert_eq!(fs::read_to_string(&path).unwrap(), want);
}

#[test]
fn edit_refuses_and_writes_nothing() {
    let tmp = example_copy("safer-streets");
    let dir = tmp.path();
    let path = dir.join(NOVEMBER);
    let before = fs::read_to_string(&path).unwrap();
    let out = run(
        dir,
        &["action", "edit", "reporting-data-no", "--due", "2026-12-09"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `reporting-data-nov`"), "{err}");
    let out = edit(dir, &["--owner", "nobody"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no partner `nobody`"));
    let out = edit(dir, &[]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "at least one change is required"
    );
    let out = edit(dir, &["--due", "9 December"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn done_records_the_date_it_was_done() {
    let tmp = example_copy("safer-streets");
    let dir = tmp.path();
    let path = dir.join(NOVEMBER);
    let before = fs::read_to_string(&path).unwrap();
    let out = run(
        dir,
        &[
            "action",
            "done",
            "reporting-data-nov",
            "--date",
            "2026-11-20",
        ],
    );
    assert_ok(&out);
    let want = before.replacen(
        "due: 2026-12-04, status: open }",
        "due: 2026-12-04, status: done, done: 2026-11-20 }",
        1,
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), want);
    // Without --date, today is recorded.
    let out = run(dir, &["action", "done", "party-season-creative"]);
    assert_ok(&out);
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("status: done, done: 2026-11-24 }")
    );
    let open = ids(dir, &["--open"]);
    assert_eq!(open, ["door-staff-refresher"]);
}

/// The command succeeded; its stderr when it did not.
fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
