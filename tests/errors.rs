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
