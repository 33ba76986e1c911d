//! `collab convert` end to end: printing, `--write`, byte-identical round
//! trips on both examples and on the `collab init` scaffolds, and refusals.

mod common;

use std::fs;
use std::path::Path;

use collab::convert::{self, Conversion};
use collab::model::Framework;
use common::{TODAY, collab, copy_dir, example_copy, repo};
use predicates::prelude::*;
use tempfile::TempDir;

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap()
}

fn convert_in(dir: &Path, to: &str, write: bool) -> std::process::Output {
    let mut cmd = collab();
    cmd.current_dir(dir)
        .args(["convert", "--today", TODAY, "--to", to]);
    if write {
        cmd.arg("--write");
    }
    cmd.output().unwrap()
}

fn assert_ok(out: &std::process::Output, what: &str) {
    assert!(
        out.status.success(),
        "{what}: exit {:?}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn validates(dir: &Path) {
    collab()
        .current_dir(dir)
        .args(["validate", "--today", TODAY])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 errors"));
}

#[test]
fn prints_the_converted_plan_and_changes_no_file() {
    let tmp = example_copy("winter-fire-safety");
    let plan = read(tmp.path(), "plan.yaml");
    let config = read(tmp.path(), "collab.toml");
    let out = convert_in(tmp.path(), "rosie", false);
    assert_ok(&out, "convert --to rosie");
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(printed.contains("\nframework: rosie\n"));
    let at = |key: &str| {
        printed
            .find(&format!("\n{key}:\n"))
            .unwrap_or_else(|| panic!("no `{key}` in:\n{printed}"))
    };
    let keys = [
        "research",
        "objectives",
        "strategy",
        "implementation",
        "evaluation",
    ];
    let places: Vec<usize> = keys.iter().map(|k| at(k)).collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");
    assert!(!printed.contains("\naudience:") && !printed.contains("\nscoring:"));
    // What was printed converts back to the file.
    assert_eq!(
        convert::convert(&printed, Framework::Oasis),
        Ok(Conversion::Converted(plan.clone()))
    );
    assert_eq!(read(tmp.path(), "plan.yaml"), plan);
    assert_eq!(read(tmp.path(), "collab.toml"), config);
}

#[test]
fn write_round_trips_both_examples_byte_for_byte() {
    for (example, from, to) in [
        ("winter-fire-safety", "oasis", "rosie"),
        ("safer-streets", "rosie", "oasis"),
    ] {
        let tmp = example_copy(example);
        let dir = tmp.path();
        let plan = read(dir, "plan.yaml");
        let config = read(dir, "collab.toml");

        assert_ok(&convert_in(dir, to, true), &format!("{example} to {to}"));
        let converted = read(dir, "plan.yaml");
        assert_ne!(converted, plan, "{example}");
        assert!(
            converted.contains(&format!("\nframework: {to}\n")),
            "{example}"
        );
        // Only the value of `framework` changed in collab.toml.
        let old = format!("framework = \"{from}\"");
        assert_eq!(config.matches(&old).count(), 1, "{example}");
        assert_eq!(
            read(dir, "collab.toml"),
            config.replace(&old, &format!("framework = \"{to}\"")),
            "{example}"
        );
        validates(dir);

        assert_ok(&convert_in(dir, from, true), &format!("{example} back"));
        assert_eq!(read(dir, "plan.yaml"), plan, "{example}: plan.yaml");
        assert_eq!(read(dir, "collab.toml"), config, "{example}: collab.toml");
        validates(dir);
    }
}

#[test]
fn converting_to_the_same_framework_changes_nothing() {
    let tmp = example_copy("safer-streets");
    let plan = read(tmp.path(), "plan.yaml");
    let config = read(tmp.path(), "collab.toml");
    let out = convert_in(tmp.path(), "rosie", false);
    assert_ok(&out, "convert --to rosie");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), plan);
    assert!(String::from_utf8_lossy(&out.stderr).contains("already a ROSIE plan"));

    let out = convert_in(tmp.path(), "rosie", true);
    assert_ok(&out, "convert --to rosie --write");
    assert!(out.stdout.is_empty());
    assert_eq!(read(tmp.path(), "plan.yaml"), plan);
    assert_eq!(read(tmp.path(), "collab.toml"), config);
}

#[test]
fn init_scaffolds_of_both_frameworks_round_trip() {
    for (framework, other) in [("oasis", "rosie"), ("rosie", "oasis")] {
        let tmp = TempDir::new().unwrap();
        collab()
            .current_dir(tmp.path())
            .args([
                "init",
                "camp",
                "--framework",
                framework,
                "--launch",
                "2027-03-01",
            ])
            .assert()
            .success();
        let dir = tmp.path().join("camp");
        let plan = read(&dir, "plan.yaml");
        let config = read(&dir, "collab.toml");
        assert_ok(&convert_in(&dir, other, true), framework);
        assert!(read(&dir, "plan.yaml").contains(&format!("\nframework: {other}\n")));
        validates(&dir);
        assert_ok(&convert_in(&dir, framework, true), framework);
        assert_eq!(read(&dir, "plan.yaml"), plan, "{framework} scaffold");
        assert_eq!(read(&dir, "collab.toml"), config, "{framework} scaffold");
    }
}

#[test]
fn a_flow_style_plan_is_refused_and_left_alone() {
    let tmp = TempDir::new().unwrap();
    collab()
        .current_dir(tmp.path())
        .args(["init", "camp"])
        .assert()
        .success();
    let dir = tmp.path().join("camp");
    let flow =
        "{kind: plan, framework: oasis, title: Flow, objectives: {items: []}, audience: []}\n";
    fs::write(dir.join("plan.yaml"), flow).unwrap();
    let config = read(&dir, "collab.toml");
    collab()
        .current_dir(&dir)
        .args(["convert", "--today", TODAY, "--to", "rosie", "--write"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("block style"));
    assert_eq!(read(&dir, "plan.yaml"), flow);
    assert_eq!(read(&dir, "collab.toml"), config);
}

#[test]
fn a_plan_with_errors_is_refused() {
    let tmp = example_copy("winter-fire-safety");
    let plan = read(tmp.path(), "plan.yaml").replace("framework: oasis", "framework: rosie");
    fs::write(tmp.path().join("plan.yaml"), &plan).unwrap();
    let out = convert_in(tmp.path(), "oasis", true);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("framework-mismatch"), "{stderr}");
    assert!(stderr.contains("Nothing was converted"), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(read(tmp.path(), "plan.yaml"), plan);
}

#[test]
fn a_workspace_of_several_campaigns_is_a_usage_error() {
    let tmp = TempDir::new().unwrap();
    copy_dir(
        &repo().join("examples/winter-fire-safety"),
        &tmp.path().join("a"),
    );
    copy_dir(
        &repo().join("examples/safer-streets"),
        &tmp.path().join("b"),
    );
    collab()
        .current_dir(tmp.path())
        .args(["convert", "--today", TODAY, "--to", "rosie"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2 campaigns"));
}
