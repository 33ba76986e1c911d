//! `collab rename KIND OLD NEW`: the definition and every reference change,
//! every other byte stays, and a refused rename writes nothing.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{example_copy, files_in, run_in as run, triples, validate_json};
use tempfile::TempDir;

const NEW: &str = "zz-renamed";

/// Every file below `dir` with its text.
fn texts(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    for path in files_in(dir) {
        if path.is_dir() {
            out.extend(texts(&path));
        } else {
            let text = fs::read_to_string(&path).unwrap();
            out.insert(path, text);
        }
    }
    out
}

/// Rename `old` to [`NEW`] in a copy of `example` and check the outcome.
fn renames_cleanly(example: &str, kind: &str, old: &str) {
    let tmp = example_copy(example);
    let dir = tmp.path();
    let before = texts(dir);
    assert!(
        !before.values().any(|t| t.contains(NEW)),
        "{NEW} is already in {example}"
    );
    let (_, report) = validate_json(dir, &[]);
    let out = run(dir, &["rename", kind, old, NEW]);
    assert!(out.status.success(), "{kind} {old}: {out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(&format!("renamed {kind} `{old}` to `{NEW}`: ")),
        "{stdout}"
    );
    let after = texts(dir);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let mut changes = 0;
    for (path, text) in &after {
        changes += text.matches(NEW).count();
        // Only the renamed tokens differ: put them back and the file is as it was.
        assert_eq!(
            &text.replace(NEW, old),
            &before[path],
            "{example} {kind} {old}: {} changed elsewhere",
            path.display()
        );
    }
    assert!(changes >= 1, "{example} {kind} {old}: nothing renamed");
    assert!(
        stdout.contains(&format!("{changes} change")),
        "{stdout} ({changes} changes)"
    );
    // The same findings (rule, file, line) as before: no reference was left behind.
    let (_, renamed) = validate_json(dir, &[]);
    assert_eq!(
        triples(&report),
        triples(&renamed),
        "{example} {kind} {old}"
    );
    // The old id is gone.
    let again = run(dir, &["rename", kind, old, "zz-other"]);
    assert_eq!(again.status.code(), Some(2), "{again:?}");
}

#[test]
fn every_kind_renames_cleanly_in_the_winter_example() {
    for (kind, old) in [
        ("partner", "home-office"),
        ("partner", "lfrs"),
        ("metric", "alarm-testing"),
        ("objective", "more-alarm-testing"),
        ("audience", "older-living-alone"),
        ("channel", "lfrs-visits"),
        ("activity", "launch-press"),
        ("meeting", "initial-partnering"),
    ] {
        renames_cleanly("winter-fire-safety", kind, old);
    }
}

#[test]
fn every_kind_renames_cleanly_in_the_safer_streets_example() {
    for (kind, old) in [
        ("partner", "kingsmere-council"),
        ("partner", "northshire-police"),
        ("metric", "harassment-reports"),
        ("objective", "bystanders-step-in"),
        ("audience", "new-students"),
        ("channel", "nsp-social"),
        ("activity", "freshers-push"),
        ("meeting", "initial-partnering"),
    ] {
        renames_cleanly("safer-streets", kind, old);
    }
}

#[test]
fn the_lead_partner_of_a_new_campaign_is_renamed_in_one_command() {
    let tmp = TempDir::new().unwrap();
    let out = run(tmp.path(), &["init", "demo"]);
    assert!(out.status.success(), "{out:?}");
    let dir = tmp.path().join("demo");
    let out = run(&dir, &["rename", "partner", "lead-partner", "home-office"]);
    assert!(out.status.success(), "{out:?}");
    let config = fs::read_to_string(dir.join("collab.toml")).unwrap();
    assert!(config.contains("lead = \"home-office\""), "{config}");
    assert!(!config.contains("lead-partner"), "{config}");
    let (code, report) = validate_json(&dir, &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["summary"]["errors"], 0, "{report:#}");
    // Comments (the scaffold's examples) are left alone; no value names it.
    for text in texts(&dir).values() {
        let values = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or_default());
        assert!(
            !values.clone().any(|l| l.contains("lead-partner")),
            "{text}"
        );
    }
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let tmp = example_copy("winter-fire-safety");
    let before = texts(tmp.path());
    let out = run(
        tmp.path(),
        &[
            "rename",
            "--dry-run",
            "channel",
            "lfrs-visits",
            "home-visits",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("--- a/partners.yaml\n+++ b/partners.yaml\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("--- a/plan.yaml\n+++ b/plan.yaml\n"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with('-') && l.contains("id: lfrs-visits")),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with('+') && l.contains("id: home-visits")),
        "{stdout}"
    );
    assert_eq!(texts(tmp.path()), before);
}

/// A rename that must be refused: exit 2, `message` on stderr, no file changed.
fn refused(dir: &Path, args: &[&str], message: &str) {
    let before = texts(dir);
    let out = run(dir, args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(message), "{args:?}: {stderr}");
    assert_eq!(texts(dir), before, "{args:?} wrote");
}

#[test]
fn bad_requests_are_refused_and_write_nothing() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    refused(
        dir,
        &["rename", "partner", "lfrs", "Lancs_Fire"],
        "`Lancs_Fire` is not a valid id",
    );
    refused(
        dir,
        &["rename", "partner", "lfsr", "lancs-fire"],
        "no partner `lfsr` in this campaign; did you mean `lfrs`?",
    );
    refused(
        dir,
        &["rename", "partner", "lfrs", "home-office"],
        "there is already a partner `home-office`",
    );
    refused(
        dir,
        &["rename", "metric", "lfrs", "lancs-fire"],
        "no metric `lfrs` in this campaign",
    );
}

#[test]
fn a_reference_through_an_alias_is_refused() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    let path = dir.join("meetings/initial-partnering.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let text = text
        .replace("chair: home-office\n", "chair: &ho home-office\n")
        .replace(
            "{ partner: home-office, name: Priya Lomax }",
            "{ partner: *ho, name: Priya Lomax }",
        );
    fs::write(&path, text).unwrap();
    let (_, report) = validate_json(dir, &[]);
    assert_eq!(report["summary"]["errors"], 0, "{report:#}");
    refused(
        dir,
        &["rename", "partner", "home-office", "ho"],
        "meetings/initial-partnering.yaml:11: `home-office` here is written through a YAML alias",
    );
}

#[test]
fn line_endings_and_a_byte_order_mark_are_kept() {
    let tmp = example_copy("winter-fire-safety");
    let path = tmp.path().join("partners.yaml");
    let text = fs::read_to_string(&path).unwrap().replace('\n', "\r\n");
    let before = format!("\u{feff}{text}");
    fs::write(&path, &before).unwrap();
    let out = run(tmp.path(), &["rename", "partner", "lfrs", "lancs-fire"]);
    assert!(out.status.success(), "{out:?}");
    let after = fs::read_to_string(&path).unwrap();
    assert!(after.starts_with('\u{feff}'));
    assert_eq!(after.replace("lancs-fire", "lfrs"), before);
    assert!(after.contains("\r\n  - id: lancs-fire\r\n"), "{after}");
}

#[test]
fn a_campaign_with_an_unreadable_file_is_refused() {
    let tmp = example_copy("winter-fire-safety");
    fs::write(
        tmp.path().join("meetings/broken.yaml"),
        "kind: meeting\nid: broken\nchair: [lfrs\n",
    )
    .unwrap();
    refused(
        tmp.path(),
        &["rename", "partner", "lfrs", "lancs-fire"],
        "could not be read as YAML, so the rename could miss references",
    );
}
