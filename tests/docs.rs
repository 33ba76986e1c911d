//! The documentation's commands run as written.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{collab, repo};
use tempfile::TempDir;

/// The command lines of the ```sh blocks of a Markdown file.
fn shell_lines(markdown: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_block = false;
    for line in markdown.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_block = !in_block && t == "```sh";
            continue;
        }
        if in_block && !t.is_empty() && !t.starts_with('#') {
            lines.push(t.to_string());
        }
    }
    lines
}

#[test]
fn every_command_in_getting_started_runs() {
    let text = fs::read_to_string(repo().join("docs/getting-started.md")).unwrap();
    let lines = shell_lines(&text);
    assert!(lines.len() >= 8, "{lines:?}");
    let tmp = TempDir::new().unwrap();
    let mut dir: PathBuf = tmp.path().to_path_buf();
    for line in &lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["cd", to] => {
                dir = dir.join(to);
                assert!(dir.is_dir(), "`{line}`: no such folder");
            }
            ["collab", args @ ..] => {
                let out = collab()
                    .current_dir(&dir)
                    .args(args)
                    .env("COLLAB_TODAY", "2026-11-24")
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "`{line}` failed:\n{}\n{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            _ => panic!("getting-started.md has a command the test cannot run: `{line}`"),
        }
    }
    assert!(dir.join("dist/briefing.html").is_file());
    assert!(dir.join(".github/workflows/collab.yml").is_file());
}

#[test]
fn readme_quick_start_runs() {
    let out = collab()
        .current_dir(repo())
        .args(["validate", "-C", "examples/winter-fire-safety"])
        .env("COLLAB_TODAY", "2026-11-24")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "0 errors, 0 warnings in 8 files"
    );
}
