//! `collab git install` and the merge driver in a real repository: two
//! branches that each add an action to the same list merge with no
//! conflict; the same field changed two ways is a conflict.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{TODAY, collab, errors, validate_json};

/// git in `dir`, with the built collab first on the PATH (git runs the
/// driver by name) and no user or system settings.
fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("collab");
    let bin_dir = bin.parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    Command::new("git")
        .current_dir(dir)
        .env("PATH", path)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("COLLAB_TODAY", TODAY)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .output()
        .unwrap()
}

fn git_ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn collab_ok(dir: &Path, args: &[&str]) {
    let out = collab()
        .current_dir(dir)
        .env("COLLAB_TODAY", TODAY)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const MEETING: &str = "demo/meetings/catch-up-2026-11-17.yaml";

/// A repository with the example campaign in `demo/`, committed on `main`,
/// with the driver installed.
fn repository() -> tempfile::TempDir {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path();
    git_ok(dir, &["init", "-q", "-b", "main"]);
    collab_ok(dir, &["init", "demo", "--example"]);
    // `init` inside a work tree already installed it; again changes nothing.
    collab_ok(&dir.join("demo"), &["git", "install"]);
    let attributes = fs::read_to_string(dir.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "demo/**/*.yaml merge=collab\n");
    let driver = git(dir, &["config", "merge.collab.driver"]);
    assert_eq!(
        String::from_utf8_lossy(&driver.stdout).trim(),
        "collab git merge-driver %O %A %B %P"
    );
    git_ok(dir, &["add", "-A"]);
    git_ok(dir, &["commit", "-q", "-m", "campaign"]);
    tmp
}

/// On a new branch from main, run `change`, then commit.
fn branch(dir: &Path, name: &str, change: impl FnOnce(&Path)) {
    git_ok(dir, &["checkout", "-q", "-b", name, "main"]);
    change(dir);
    git_ok(dir, &["commit", "-q", "-a", "-m", name]);
}

fn add_action(id: &'static str) -> impl FnOnce(&Path) {
    move |dir: &Path| {
        collab_ok(
            &dir.join("demo"),
            &[
                "action",
                "add",
                "Send the leaflet proofs",
                "--meeting",
                "catch-up-november",
                "--id",
                id,
                "--owner",
                "lfrs",
            ],
        );
    }
}

#[test]
fn actions_added_on_two_branches_merge_cleanly() {
    let tmp = repository();
    let dir = tmp.path();
    branch(dir, "ours", add_action("proofs-ours"));
    branch(dir, "theirs", add_action("proofs-theirs"));
    git_ok(dir, &["checkout", "-q", "ours"]);
    git_ok(dir, &["merge", "-q", "--no-edit", "theirs"]);
    let text = fs::read_to_string(dir.join(MEETING)).unwrap();
    let ours = text.find("id: proofs-ours").expect("ours kept");
    let theirs = text.find("id: proofs-theirs").expect("theirs kept");
    assert!(ours < theirs, "{text}");
    assert!(!text.contains("<<<<<<<"), "{text}");
    let (_, report) = validate_json(&dir.join("demo"), &[]);
    assert!(errors(&report).is_empty(), "{report:#}");
}

#[test]
fn the_same_field_changed_two_ways_is_a_conflict() {
    let tmp = repository();
    let dir = tmp.path();
    let due = |date: &'static str| {
        move |dir: &Path| {
            let path = dir.join(MEETING);
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, text.replacen("due: 2026-12-04", date, 1)).unwrap();
        }
    };
    branch(dir, "ours", due("due: 2026-12-05"));
    branch(dir, "theirs", due("due: 2026-12-06"));
    git_ok(dir, &["checkout", "-q", "ours"]);
    let out = git(dir, &["merge", "-q", "--no-edit", "theirs"]);
    assert!(!out.status.success());
    let text = fs::read_to_string(dir.join(MEETING)).unwrap();
    assert!(text.contains("<<<<<<< ours\n"), "{text}");
    assert!(text.contains("due: 2026-12-05"), "{text}");
    assert!(text.contains("due: 2026-12-06"), "{text}");
    assert!(text.contains(">>>>>>> theirs\n"), "{text}");
}

/// Run the driver on three files in `dir`, as git would.
fn driver(dir: &Path) -> i32 {
    collab()
        .current_dir(dir)
        .args(["git", "merge-driver", "base", "ours", "theirs", "file.yaml"])
        .output()
        .unwrap()
        .status
        .code()
        .unwrap_or(-1)
}

#[test]
fn figures_logged_on_both_sides_are_all_kept() {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path();
    collab_ok(dir, &["init", "demo", "--example"]);
    let base = fs::read_to_string(dir.join("demo/evaluation.yaml")).unwrap();
    let log = |figure: &str, date: &str| {
        collab_ok(
            &dir.join("demo"),
            &["log", "paid-reach", figure, "--date", date],
        );
        let text = fs::read_to_string(dir.join("demo/evaluation.yaml")).unwrap();
        fs::write(dir.join("demo/evaluation.yaml"), &base).unwrap();
        text
    };
    fs::write(dir.join("ours"), log("100", "2026-11-24")).unwrap();
    fs::write(dir.join("theirs"), log("200", "2026-11-23")).unwrap();
    fs::write(dir.join("base"), &base).unwrap();
    assert_eq!(driver(dir), 0);
    let merged = fs::read_to_string(dir.join("ours")).unwrap();
    assert!(
        merged.contains(
            "      - { date: 2026-11-24, value: 100 }\n      - { date: 2026-11-23, value: 200 }\n"
        ),
        "{merged}"
    );
    fs::write(dir.join("demo/evaluation.yaml"), merged).unwrap();
    let (_, report) = validate_json(&dir.join("demo"), &[]);
    assert!(errors(&report).is_empty(), "{report:#}");
}

#[test]
fn files_it_cannot_read_get_gits_line_merge() {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("base"), "a\nb\nc\nd\ne\n").unwrap();
    fs::write(dir.join("ours"), "A\nb\nc\nd\ne\n").unwrap();
    fs::write(dir.join("theirs"), "a\nb\nc\nd\nE\n").unwrap();
    assert_eq!(driver(dir), 0);
    assert_eq!(
        fs::read_to_string(dir.join("ours")).unwrap(),
        "A\nb\nc\nd\nE\n"
    );
    fs::write(dir.join("base"), "a\nb\nc\n").unwrap();
    fs::write(dir.join("ours"), "a\nX\nc\n").unwrap();
    fs::write(dir.join("theirs"), "a\nY\nc\n").unwrap();
    assert_eq!(driver(dir), 1);
    let text = fs::read_to_string(dir.join("ours")).unwrap();
    assert!(
        text.contains("<<<<<<< ours\nX\n=======\nY\n>>>>>>> theirs\n"),
        "{text}"
    );
}
