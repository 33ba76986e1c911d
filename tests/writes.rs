//! Every file collab writes goes through one function that cannot be led
//! out of the campaign: no planted link is followed, a linked folder or
//! target is refused, a set of files is written whole or not at all, the
//! permission bits of an edited file are kept, a read-only file is left
//! alone, and no temporary file is left behind.

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{TODAY, collab, example_copy};
use tempfile::TempDir;

const PRECIOUS: &str = "keep me";

/// A folder outside the campaign holding one file collab must not touch.
fn outside() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("precious.txt");
    fs::write(&file, PRECIOUS).unwrap();
    (dir, file)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    collab()
        .current_dir(dir)
        .args(args)
        .args(["--today", TODAY])
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// Every path below `dir` (links are listed, not followed).
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            out.extend(tree(&path));
        }
        out.push(path);
    }
    out.sort();
    out
}

/// Temporary files of collab's, old naming or new, left below `dir`;
/// `planted` are the links a test put there itself.
fn temp_files(dir: &Path, planted: &[PathBuf]) -> Vec<PathBuf> {
    tree(dir)
        .into_iter()
        .filter(|p| !planted.contains(p))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".collab-tmp")
                || (name.starts_with(".collab-") && name.ends_with(".tmp"))
                || name.starts_with(".tmp")
        })
        .collect()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn assert_refused(out: &Output, why: &str) {
    assert_ne!(out.status.code(), Some(0), "should fail: {}", stderr(out));
    assert!(stderr(out).contains(why), "{}", stderr(out));
}

// 1. A link planted under the old fixed temporary name is not followed.

#[test]
fn a_planted_temporary_link_is_not_followed_by_log() {
    let tmp = example_copy("winter-fire-safety");
    let campaign = tmp.path();
    let (_keep, precious) = outside();
    let planted = campaign.join(".evaluation.yaml.collab-tmp");
    symlink(&precious, &planted).unwrap();
    let out = run(campaign, &["log", "pooled-budget", "130000"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&precious).unwrap(), PRECIOUS);
    let evaluation = campaign.join("evaluation.yaml");
    assert!(fs::symlink_metadata(&evaluation).unwrap().is_file());
    assert!(
        fs::read_to_string(&evaluation)
            .unwrap()
            .contains("value: 130000")
    );
    assert_eq!(temp_files(campaign, &[planted]), Vec::<PathBuf>::new());
}

#[test]
fn a_planted_temporary_link_is_not_followed_by_render() {
    let tmp = example_copy("winter-fire-safety");
    let campaign = tmp.path();
    let (_keep, precious) = outside();
    fs::create_dir(campaign.join("dist")).unwrap();
    let planted = campaign.join("dist/.briefing.html.collab-tmp");
    symlink(&precious, &planted).unwrap();
    let out = run(
        campaign,
        &["render", "--pack", "briefing", "--format", "html"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&precious).unwrap(), PRECIOUS);
    let briefing = campaign.join("dist/briefing.html");
    assert!(fs::symlink_metadata(&briefing).unwrap().is_file());
    assert_eq!(temp_files(campaign, &[planted]), Vec::<PathBuf>::new());
}

// 2. A target that is a link is refused.

#[test]
fn a_linked_target_is_refused() {
    let tmp = example_copy("winter-fire-safety");
    let campaign = tmp.path();
    let (_keep, precious) = outside();
    symlink(&precious, campaign.join("dates.ics")).unwrap();
    let out = run(campaign, &["calendar", "--out", "dates.ics"]);
    assert_refused(&out, "symbolic link");
    assert_eq!(fs::read_to_string(&precious).unwrap(), PRECIOUS);
    assert_eq!(temp_files(campaign, &[]), Vec::<PathBuf>::new());
}

// 3. A linked folder between the root and the target is refused.

/// A workspace folder holding a copy of each shipped example.
fn workspace() -> TempDir {
    let ws = TempDir::new().unwrap();
    for name in ["safer-streets", "winter-fire-safety"] {
        common::copy_dir(
            &common::repo().join("examples").join(name),
            &ws.path().join(name),
        );
    }
    ws
}

#[test]
fn index_refuses_a_linked_collab_folder() {
    let ws = workspace();
    let elsewhere = TempDir::new().unwrap();
    symlink(elsewhere.path(), ws.path().join(".collab")).unwrap();
    let out = run(ws.path(), &["index"]);
    assert_refused(&out, "symbolic link");
    assert_eq!(names(elsewhere.path()), Vec::<String>::new());
}

#[test]
fn render_workspace_refuses_a_linked_dist() {
    let ws = workspace();
    let elsewhere = TempDir::new().unwrap();
    symlink(elsewhere.path(), ws.path().join("dist")).unwrap();
    let out = run(ws.path(), &["render", "--workspace"]);
    assert_refused(&out, "symbolic link");
    assert_eq!(names(elsewhere.path()), Vec::<String>::new());
}

#[test]
fn a_linked_folder_named_with_out_inside_the_repository_is_refused() {
    let tmp = example_copy("winter-fire-safety");
    let campaign = tmp.path();
    let elsewhere = TempDir::new().unwrap();
    symlink(elsewhere.path(), campaign.join("site")).unwrap();
    for args in [
        &["render", "--out", "site"][..],
        &["schema", "--out", "site"],
        &["calendar", "--out", "site/dates.ics"],
        &["index", "--out", "site/index.json"],
    ] {
        let out = run(campaign, args);
        assert_refused(&out, "symbolic link");
        assert_eq!(names(elsewhere.path()), Vec::<String>::new(), "{args:?}");
    }
}

// 4. Several files: all or none.

#[test]
fn render_writes_every_pack_or_none() {
    let tmp = example_copy("winter-fire-safety");
    let campaign = tmp.path();
    let (_keep, precious) = outside();
    let dist = campaign.join("dist");
    fs::create_dir(&dist).unwrap();
    // The last of the fourteen files render writes.
    symlink(&precious, dist.join("evaluation.md")).unwrap();
    let out = run(campaign, &["render"]);
    assert_refused(&out, "symbolic link");
    assert_eq!(names(&dist), ["evaluation.md"]);
    assert_eq!(fs::read_to_string(&precious).unwrap(), PRECIOUS);
}

#[test]
fn render_of_several_campaigns_writes_all_or_none() {
    let ws = workspace();
    let (_keep, precious) = outside();
    let dist = ws.path().join("winter-fire-safety/dist");
    fs::create_dir(&dist).unwrap();
    symlink(&precious, dist.join("briefing.html")).unwrap();
    let out = run(
        ws.path(),
        &["render", "--pack", "briefing", "--format", "html"],
    );
    assert_refused(&out, "symbolic link");
    assert_eq!(
        names(&ws.path().join("safer-streets/dist")),
        Vec::<String>::new()
    );
    assert_eq!(fs::read_to_string(&precious).unwrap(), PRECIOUS);
}

#[test]
fn init_writes_every_file_or_none() {
    let parent = TempDir::new().unwrap();
    let target = parent.path().join("demo");
    fs::create_dir(&target).unwrap();
    let elsewhere = TempDir::new().unwrap();
    symlink(elsewhere.path(), target.join(".collab")).unwrap();
    let out = run(parent.path(), &["init", "demo", "--example"]);
    assert_refused(&out, "symbolic link");
    assert_eq!(names(&target), [".collab"]);
    assert_eq!(names(elsewhere.path()), Vec::<String>::new());
}

#[test]
fn convert_changes_both_files_or_neither() {
    let tmp = example_copy("winter-fire-safety");
    let campaign = tmp.path();
    let plan = fs::read_to_string(campaign.join("plan.yaml")).unwrap();
    chmod(&campaign.join("collab.toml"), 0o444);
    let out = run(campaign, &["convert", "--to", "rosie", "--write"]);
    assert_refused(&out, "read-only");
    assert_eq!(
        fs::read_to_string(campaign.join("plan.yaml")).unwrap(),
        plan
    );
    assert_eq!(temp_files(campaign, &[]), Vec::<PathBuf>::new());
}

// 5. Permission bits are kept; a read-only file is refused.

#[test]
fn an_edited_file_keeps_its_mode() {
    let tmp = example_copy("winter-fire-safety");
    let evaluation = tmp.path().join("evaluation.yaml");
    chmod(&evaluation, 0o600);
    let out = run(tmp.path(), &["log", "pooled-budget", "130000"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        fs::read_to_string(&evaluation)
            .unwrap()
            .contains("value: 130000")
    );
    assert_eq!(mode(&evaluation), 0o600);
}

#[test]
fn a_rolled_back_edit_keeps_the_mode() {
    let tmp = example_copy("winter-fire-safety");
    let meeting = tmp.path().join("meetings/initial-partnering.yaml");
    let before = fs::read_to_string(&meeting).unwrap();
    chmod(&meeting, 0o600);
    let out = run(
        tmp.path(),
        &[
            "action",
            "add",
            "--meeting",
            "initial-partnering",
            "--owner",
            "nobody-here",
            "Ring round",
        ],
    );
    assert_refused(&out, "nobody-here");
    assert_eq!(fs::read_to_string(&meeting).unwrap(), before);
    assert_eq!(mode(&meeting), 0o600);
    assert_eq!(temp_files(tmp.path(), &[]), Vec::<PathBuf>::new());
}

#[test]
fn a_read_only_file_is_refused_and_left_alone() {
    let tmp = example_copy("winter-fire-safety");
    let evaluation = tmp.path().join("evaluation.yaml");
    let before = fs::read_to_string(&evaluation).unwrap();
    chmod(&evaluation, 0o444);
    let out = run(tmp.path(), &["log", "pooled-budget", "130000"]);
    assert_refused(
        &out,
        "evaluation.yaml is read-only; collab will not change it",
    );
    assert_eq!(fs::read_to_string(&evaluation).unwrap(), before);
    assert_eq!(mode(&evaluation), 0o444);
    assert_eq!(temp_files(tmp.path(), &[]), Vec::<PathBuf>::new());
}

// 6. No temporary files after a full render either.

#[test]
fn a_render_leaves_no_temporary_files() {
    let tmp = example_copy("winter-fire-safety");
    let out = run(tmp.path(), &["render"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // 16 packs, and a "your part" pack per partner (4) in both formats.
    assert_eq!(names(&tmp.path().join("dist")).len(), 24);
    assert_eq!(temp_files(tmp.path(), &[]), Vec::<PathBuf>::new());
}
