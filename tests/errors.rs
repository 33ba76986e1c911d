//! Issue 13, item 6: exit codes decided from typed facts, and the meeting
//! writer's YAML read back as written.

mod common;

use std::fs;

use common::{example_copy, validate_json};

/// Exit 2 comes from "a collab.toml could not be read", a fact the loader
/// records, not from which findings survive `--rule`: before, choosing
/// any other rule filtered the `toml-syntax` finding out and the run
/// passed (exit 0) although nothing had been checked.
#[test]
fn an_unreadable_collab_toml_exits_2_whatever_rules_are_chosen() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    fs::write(dir.join("collab.toml"), "[campaign\nid = \"x\"\n").unwrap();
    let (code, report) = validate_json(dir, &[]);
    assert_eq!(code, 2);
    assert_eq!(report["findings"][0]["rule"], "toml-syntax");
    let (code, _) = validate_json(dir, &["--rule", "partner-without-lead"]);
    assert_eq!(code, 2);
}

/// `new meeting` writes every value through the YAML emitter of
/// `collab::edit`: text YAML would read as something else (a comment, an
/// alias, a null, a number, a mapping) is quoted, and reads back as given.
#[test]
fn new_meeting_quotes_text_yaml_would_misread() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    let out = common::collab()
        .current_dir(dir)
        .env("COLLAB_TODAY", common::TODAY)
        .args([
            "new",
            "meeting",
            "--type",
            "other",
            "--date",
            "2026-12-10T10:00",
            "--title",
            "*Review: week 2 #1",
            "--location",
            "null",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = fs::read_to_string(dir.join("meetings/2026-12-10-other.yaml")).unwrap();
    assert!(text.contains("\ntitle: \"*Review: week 2 #1\"\n"), "{text}");
    assert!(text.contains("\nlocation: \"null\"\n"), "{text}");
    let (code, report) = validate_json(dir, &[]);
    assert_eq!(report["summary"]["errors"], 0, "{report:#}");
    assert_eq!(code, 0);
}

/// Every command's errors keep their exit code: 2 for what the user must
/// change, 1 for what could not be done.
#[test]
fn exit_codes_come_from_the_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let code = |args: &[&str]| {
        let out = common::collab()
            .current_dir(dir)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (c, err) = code(&["explain", "no-such-rule"]);
    assert_eq!(c, Some(2));
    assert!(err.contains("unknown rule `no-such-rule`"), "{err}");
    let (c, err) = code(&["log", "reach", "5"]);
    assert_eq!(c, Some(2));
    assert!(err.starts_with("error: no campaign here"), "{err}");
    let (c, err) = code(&["validate", "--rule", "partner-without-leed"]);
    assert_eq!(c, Some(2));
    assert!(
        err.contains("unknown rule `partner-without-leed`; did you mean `partner-without-lead`?"),
        "{err}"
    );
}
