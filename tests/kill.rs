//! No lost work: a render killed at any moment leaves every pack either as
//! it was or as it should be, never half-written; and collab never writes
//! through a symbolic link.

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{TODAY, collab, example_copy};
use tempfile::TempDir;

fn render(campaign: &Path, out: &Path) {
    let ok = collab()
        .current_dir(campaign)
        .args(["render", "--today", TODAY, "-q", "--out"])
        .arg(out)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok);
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_killed_render_leaves_each_pack_old_or_new() {
    let tmp = example_copy("winter-fire-safety");
    let campaign = tmp.path();
    let out = TempDir::new().unwrap();
    // The "old" packs.
    render(campaign, out.path());
    let old = snapshot(out.path());
    // The "new" packs, from a changed campaign, rendered elsewhere.
    let toml = fs::read_to_string(campaign.join("collab.toml")).unwrap();
    fs::write(
        campaign.join("collab.toml"),
        toml.replace(
            "Winter Home Fire Safety 2026",
            "Winter Home Fire Safety 2026 (revised)",
        ),
    )
    .unwrap();
    let elsewhere = TempDir::new().unwrap();
    render(campaign, elsewhere.path());
    let new = snapshot(elsewhere.path());
    assert_ne!(old, new);

    let bin = assert_cmd::cargo::cargo_bin("collab");
    for round in 0..25u64 {
        let mut child = Command::new(&bin)
            .current_dir(campaign)
            .args(["render", "--today", TODAY, "-q", "--out"])
            .arg(out.path())
            .spawn()
            .unwrap();
        // Kill it at a different moment each round.
        std::thread::sleep(Duration::from_micros(round * 700));
        let _ = child.kill();
        let _ = child.wait();
        for (name, bytes) in snapshot(out.path()) {
            let was = old.iter().find(|(n, _)| *n == name).map(|(_, b)| b);
            let will = new.iter().find(|(n, _)| *n == name).map(|(_, b)| b);
            assert!(
                Some(&bytes) == was || Some(&bytes) == will,
                "round {round}: {name} is neither the old nor the new pack"
            );
        }
    }
}

#[test]
fn collab_does_not_write_through_a_symbolic_link() {
    let tmp = example_copy("winter-fire-safety");
    let campaign = tmp.path();
    let outside = TempDir::new().unwrap();
    let target = outside.path().join("precious.html");
    fs::write(&target, "keep me").unwrap();
    let out = campaign.join("dist");
    fs::create_dir_all(&out).unwrap();
    symlink(&target, out.join("briefing.html")).unwrap();
    let result = collab()
        .current_dir(campaign)
        .args([
            "render", "--today", TODAY, "--pack", "briefing", "--format", "html",
        ])
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("symbolic link"));
    assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
}

/// Run collab in `campaign` and check it refused with `why` and wrote
/// nothing into `outside`.
fn refused(campaign: &Path, args: &[&str], why: &str, outside: &Path) {
    let result = collab().current_dir(campaign).args(args).output().unwrap();
    assert_eq!(result.status.code(), Some(1), "{args:?} should fail");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains(why), "{args:?}: {stderr}");
    assert_eq!(
        fs::read_dir(outside).unwrap().count(),
        0,
        "{args:?} wrote outside the campaign"
    );
}

#[test]
fn a_linked_output_folder_is_not_followed_out_of_the_campaign() {
    let tmp = example_copy("winter-fire-safety");
    let outside = TempDir::new().unwrap();
    symlink(outside.path(), tmp.path().join("dist")).unwrap();
    refused(
        tmp.path(),
        &["render", "--today", TODAY, "--pack", "briefing"],
        "symbolic link",
        outside.path(),
    );
}

#[test]
fn a_linked_meetings_folder_is_not_followed_by_new() {
    let tmp = example_copy("winter-fire-safety");
    let outside = TempDir::new().unwrap();
    let meetings = tmp.path().join("meetings");
    fs::rename(&meetings, tmp.path().join("old-meetings")).unwrap();
    symlink(outside.path(), &meetings).unwrap();
    refused(
        tmp.path(),
        &[
            "new",
            "meeting",
            "--today",
            TODAY,
            "--type",
            "catch-up",
            "--date",
            "2026-12-15T10:00",
        ],
        "symbolic link",
        outside.path(),
    );
}

#[test]
fn an_out_dir_above_the_campaign_is_refused() {
    let parent = TempDir::new().unwrap();
    let campaign = parent.path().join("campaign");
    let outside = parent.path().join("elsewhere");
    fs::create_dir_all(&outside).unwrap();
    common::copy_dir(
        &common::repo().join("examples/winter-fire-safety"),
        &campaign,
    );
    let config = campaign.join("collab.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        text.replace("out_dir = \"dist\"", "out_dir = \"../elsewhere\""),
    )
    .unwrap();
    refused(
        &campaign,
        &["render", "--today", TODAY, "--pack", "briefing"],
        "outside",
        &outside,
    );
}
