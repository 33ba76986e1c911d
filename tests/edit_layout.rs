//! Edits keep the file as its authors wrote it: comments after values,
//! line endings (LF, CRLF, CR), a byte-order mark; they never write through
//! an alias, quote what YAML needs quoted, and refuse control characters.
//! Positions in reports are right whatever the line endings.

mod common;

use std::fs;
use std::path::Path;

use common::{example_copy, run_in as run, validate_json};

fn ok(dir: &Path, args: &[&str]) {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// stderr of a command that must fail.
fn refused(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(!out.status.success(), "{args:?} should have failed");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A meeting with an empty flow list and a quoted status, each followed by
/// a comment.
const MEETING: &str = "kind: meeting
id: extra
type: other
title: Extra meeting
date: 2026-11-20T10:00
duration: 30
chair: home-office
attendees: []
agenda:
  - { topic: other, title: Plans, minutes: 30 }
decisions: []   # none yet
actions:
  - id: call-ann
    action: Call Ann
    owner: lfrs
    due: 2026-12-20
    status: \"open\"   # agreed with Ann
";

/// A second meeting whose `actions` list is empty, with a comment.
const EMPTY_MEETING: &str = "kind: meeting
id: empty
type: other
title: Empty meeting
date: 2026-11-21T10:00
duration: 30
chair: home-office
attendees: []
agenda:
  - { topic: other, title: Plans, minutes: 30 }
actions: []   # none yet
";

fn with_meetings() -> tempfile::TempDir {
    let tmp = example_copy("winter-fire-safety");
    fs::write(tmp.path().join("meetings/extra.yaml"), MEETING).unwrap();
    fs::write(tmp.path().join("meetings/empty.yaml"), EMPTY_MEETING).unwrap();
    tmp
}

#[test]
fn the_shipped_example_takes_a_figure_into_a_list_with_a_comment() {
    let tmp = tempfile::TempDir::new().unwrap();
    ok(tmp.path(), &["init", "demo", "--example"]);
    let demo = tmp.path().join("demo");
    ok(&demo, &["log", "paid-reach", "150000"]);
    let text = fs::read_to_string(demo.join("evaluation.yaml")).unwrap();
    assert!(
        text.contains(
            &format!(
                "actuals:{}# paid media starts at launch\n      - {{ date: 2026-11-24, value: 150000 }}\n",
                " ".repeat(24)
            )
        ),
        "{text}"
    );
}

#[test]
fn actions_go_into_a_list_with_a_comment_and_close_keeping_theirs() {
    let tmp = with_meetings();
    let dir = tmp.path();
    ok(
        dir,
        &[
            "action",
            "add",
            "Book the hall",
            "--meeting",
            "empty",
            "--id",
            "book-hall",
        ],
    );
    let text = fs::read_to_string(dir.join("meetings/empty.yaml")).unwrap();
    assert!(
        text.ends_with(
            "actions:      # none yet\n  - id: book-hall\n    action: Book the hall\n    status: open\n"
        ),
        "{text}"
    );
    ok(dir, &["action", "done", "call-ann"]);
    let text = fs::read_to_string(dir.join("meetings/extra.yaml")).unwrap();
    assert_eq!(
        text,
        MEETING.replace(
            "\"open\"   # agreed with Ann\n",
            "done   # agreed with Ann\n    done: 2026-11-24\n"
        )
    );
    ok(dir, &["action", "done", "book-hall"]);
}

/// The finding for `rule` in a report: (line, column, end line, end column).
fn place(report: &serde_json::Value, rule: &str) -> (u64, u64, u64, u64) {
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {report:#}"));
    let n = |k: &str| f[k].as_u64().unwrap();
    (n("line"), n("column"), n("end_line"), n("end_column"))
}

#[test]
fn a_finding_on_a_quoted_value_does_not_take_in_its_comment() {
    let tmp = with_meetings();
    let dir = tmp.path();
    let bad = MEETING.replace("\"open\"   #", "\"opne\"   #");
    fs::write(dir.join("meetings/extra.yaml"), bad).unwrap();
    let (_, report) = validate_json(dir, &[]);
    // `status: "opne"` is on line 17; the value is columns 13 to 18.
    assert_eq!(place(&report, "invalid-value"), (17, 13, 17, 19));
}

/// A campaign whose meeting file has an unknown status on line 17 (columns
/// 13 to 16), and a
/// second file whose first line holds an unknown kind.
fn broken(eol: &str, bom: bool) -> tempfile::TempDir {
    let tmp = with_meetings();
    let dir = tmp.path();
    let mark = if bom { "\u{feff}" } else { "" };
    let meeting = MEETING.replace("\"open\"", "opne").replace('\n', eol);
    fs::write(dir.join("meetings/extra.yaml"), format!("{mark}{meeting}")).unwrap();
    let odd = "kind: meetingz\nid: odd\n".replace('\n', eol);
    fs::write(dir.join("meetings/odd.yaml"), format!("{mark}{odd}")).unwrap();
    tmp
}

#[test]
fn positions_are_right_for_every_line_ending_and_a_byte_order_mark() {
    for (eol, bom) in [
        ("\n", false),
        ("\r\n", false),
        ("\r", false),
        ("\n", true),
        ("\r\n", true),
    ] {
        let tmp = broken(eol, bom);
        let dir = tmp.path();
        let (_, report) = validate_json(dir, &[]);
        let case = format!("{eol:?}, byte-order mark: {bom}");
        assert_eq!(place(&report, "invalid-value"), (17, 13, 17, 17), "{case}");
        assert_eq!(place(&report, "unknown-kind"), (1, 7, 1, 15), "{case}");
        let out = run(dir, &["validate", "--format", "github"]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("file=meetings/extra.yaml,line=17,col=13"),
            "{case}: {text}"
        );
        assert!(
            text.contains("file=meetings/odd.yaml,line=1,col=7"),
            "{case}: {text}"
        );
    }
}

#[test]
fn a_syntax_error_after_a_byte_order_mark_is_reported() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    fs::write(
        dir.join("meetings/broken.yaml"),
        "\u{feff}kind: meeting\nid: [broken\n",
    )
    .unwrap();
    let (code, report) = validate_json(dir, &[]);
    assert_eq!(code, 1, "{report:#}");
    let found = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "yaml-syntax" && f["file"] == "meetings/broken.yaml");
    assert!(found, "{report:#}");
}

/// Every line break of `text` is `eol`.
fn only_line_ending(text: &str, eol: &str) -> bool {
    !text.replace(eol, "").contains(['\n', '\r'])
}

#[test]
fn edits_keep_the_line_ending_and_byte_order_mark() {
    for (eol, bom) in [("\r\n", false), ("\r", false), ("\n", true), ("\r\n", true)] {
        let tmp = with_meetings();
        let dir = tmp.path();
        let mark = if bom { "\u{feff}" } else { "" };
        let case = format!("{eol:?}, byte-order mark: {bom}");
        for file in [
            "evaluation.yaml",
            "meetings/extra.yaml",
            "meetings/empty.yaml",
        ] {
            let text = fs::read_to_string(dir.join(file)).unwrap();
            fs::write(dir.join(file), format!("{mark}{}", text.replace('\n', eol))).unwrap();
        }
        ok(dir, &["log", "pooled-budget", "5", "--date", "2026-11-23"]);
        ok(dir, &["log", "paid-reach", "7", "--date", "2026-11-23"]);
        ok(
            dir,
            &[
                "new", "metric", "--id", "extra", "--name", "Extra", "--stage", "output",
                "--owner", "lfrs",
            ],
        );
        ok(
            dir,
            &[
                "action",
                "add",
                "Book",
                "--meeting",
                "empty",
                "--id",
                "book",
            ],
        );
        ok(
            dir,
            &[
                "action",
                "add",
                "Ring",
                "--meeting",
                "extra",
                "--id",
                "ring",
            ],
        );
        ok(dir, &["action", "done", "call-ann"]);
        for (file, needle) in [
            ("evaluation.yaml", "value: 5 }"),
            ("evaluation.yaml", "value: 7 }"),
            ("evaluation.yaml", "id: extra"),
            ("meetings/empty.yaml", "id: book"),
            ("meetings/extra.yaml", "id: ring"),
            ("meetings/extra.yaml", "status: done   # agreed"),
        ] {
            let text = fs::read_to_string(dir.join(file)).unwrap();
            assert!(
                text.contains(needle),
                "{case}: {file} lacks {needle}:\n{text}"
            );
            assert!(only_line_ending(&text, eol), "{case}: {file}: {text:?}");
            assert_eq!(text.starts_with('\u{feff}'), bom, "{case}: {file}");
        }
        let (_, report) = validate_json(dir, &[]);
        assert_eq!(report["summary"]["errors"], 0, "{case}: {report:#}");
    }
}

#[test]
fn convert_reads_a_plan_with_a_byte_order_mark_and_keeps_it() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    let plan = fs::read_to_string(dir.join("plan.yaml")).unwrap();
    // The first line is a key, so the mark sits right before it.
    let body: String = plan
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.join("plan.yaml"), format!("\u{feff}{body}")).unwrap();
    ok(dir, &["convert", "--to", "rosie", "--write"]);
    ok(dir, &["convert", "--to", "oasis", "--write"]);
    let back = fs::read_to_string(dir.join("plan.yaml")).unwrap();
    assert_eq!(back, format!("\u{feff}{body}"));
}

const ALIASED: &str = "kind: evaluation
metrics:
  - id: m1
    name: First
    stage: output
    actuals: &m1-actuals
      - { date: 2026-11-01, value: 1 }
  - id: m2
    name: Second
    stage: output
    actuals: *m1-actuals
";

#[test]
fn edits_through_an_alias_are_refused() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    fs::write(dir.join("evaluation.yaml"), ALIASED).unwrap();
    let err = refused(dir, &["log", "m2", "5"]);
    assert!(
        err.contains("alias `*m1-actuals`") && err.contains("metrics[1].actuals"),
        "{err}"
    );
    let err = refused(dir, &["log", "m1", "5"]);
    assert!(err.contains("an alias repeats"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.join("evaluation.yaml")).unwrap(),
        ALIASED
    );
}

#[test]
fn a_region_with_a_comma_stays_one_region() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    ok(
        dir,
        &[
            "new",
            "partner",
            "--id",
            "bolton",
            "--name",
            "Bolton Council",
            "--sector",
            "local-authority",
            "--level",
            "participation",
            "--region",
            "Greater Manchester, Bolton",
            "--region",
            "north-west",
            "--lead-name",
            "Sam Oduya",
            "--lead-role",
            "Comms officer",
            "--confirmed",
            "2026-11-20",
        ],
    );
    let text = fs::read_to_string(dir.join("partners.yaml")).unwrap();
    assert!(
        text.contains("regions: [\"Greater Manchester, Bolton\", north-west]"),
        "{text}"
    );
}

#[test]
fn control_characters_in_a_note_are_refused() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    let before = fs::read_to_string(dir.join("evaluation.yaml")).unwrap();
    for note in ["\u{1b}]0;owned\u{7}", "ring \u{7}", "\u{9b}2J"] {
        let err = refused(dir, &["log", "pooled-budget", "5", "--note", note]);
        assert!(err.contains("control character"), "{err}");
        assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    }
    let err = refused(
        dir,
        &[
            "new",
            "meeting",
            "--type",
            "other",
            "--date",
            "2026-12-10T10:00",
            "--title",
            "A\u{1b}[2J",
        ],
    );
    assert!(err.contains("--title holds a control character"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.join("evaluation.yaml")).unwrap(),
        before
    );
    assert!(!dir.join("meetings/2026-12-10-other.yaml").exists());
}

/// `lead: { name: A, role: B, ... }` written as a block mapping.
fn block_leads(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        match line.strip_prefix("    lead:     { ") {
            Some(rest) => {
                out.push_str("    lead:\n");
                for part in rest.trim_end_matches(" }").split(", ") {
                    out.push_str(&format!("      {part}\n"));
                }
            }
            None => out.push_str(&format!("{line}\n")),
        }
    }
    out
}

#[test]
fn a_new_partner_writes_its_contact_as_the_other_partners_do() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    let partners = dir.join("partners.yaml");
    let args = [
        "new",
        "partner",
        "--id",
        "parish-council",
        "--name",
        "Parish Council",
        "--sector",
        "local-authority",
        "--level",
        "participation",
        "--lead-name",
        "Ann Lee",
        "--lead-email",
        "ann.lee@example.gov.uk",
        "--confirmed",
        "2026-11-01",
    ];
    // The shipped file writes contacts on one line: so does the new one.
    let before = fs::read_to_string(&partners).unwrap();
    ok(dir, &args);
    let text = fs::read_to_string(&partners).unwrap();
    assert!(
        text.contains("    lead: { name: Ann Lee, email: ann.lee@example.gov.uk }\n"),
        "{text}"
    );
    // With block contacts, the new contact is a block mapping too.
    fs::write(&partners, block_leads(&before)).unwrap();
    ok(dir, &args);
    let text = fs::read_to_string(&partners).unwrap();
    assert!(
        text.ends_with(
            "  - id: parish-council\n    name: Parish Council\n    sector: local-authority\n    \
             level: participation\n    lead:\n      name: Ann Lee\n      email: ann.lee@example.gov.uk\n    confirmed: 2026-11-01\n"
        ),
        "{text}"
    );
    assert!(text.starts_with(&block_leads(&before)));
}
