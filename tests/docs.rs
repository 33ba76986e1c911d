//! The documentation's commands run as written.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{collab, copy_dir, repo};
use tempfile::TempDir;

/// The command lines of the ```sh blocks of a Markdown file, with `\`
/// continuations joined.
fn shell_lines(markdown: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_block = false;
    let mut pending = String::new();
    for line in markdown.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_block = !in_block && t == "```sh";
            continue;
        }
        if in_block && !t.is_empty() && !t.starts_with('#') {
            if let Some(head) = t.strip_suffix('\\') {
                pending.push_str(head);
                continue;
            }
            pending.push_str(t);
            lines.push(std::mem::take(&mut pending));
        }
    }
    lines
}

/// Split a command line into words, honouring double quotes.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            c if c.is_whitespace() && !quoted => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(word);
    }
    out
}

/// Run the documented commands in `dir`, following `cd`.
fn run_all(lines: &[String], start: PathBuf) -> PathBuf {
    let mut dir = start;
    for line in lines {
        let words = words(line);
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
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
            _ => panic!("the docs have a command the test cannot run: `{line}`"),
        }
    }
    dir
}

#[test]
fn every_command_in_getting_started_runs() {
    let text = fs::read_to_string(repo().join("docs/getting-started.md")).unwrap();
    let lines = shell_lines(&text);
    assert!(lines.len() >= 8, "{lines:?}");
    let tmp = TempDir::new().unwrap();
    let dir = run_all(&lines, tmp.path().to_path_buf());
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

#[test]
fn every_command_in_week_in_the_life_runs_on_the_example() {
    let text = fs::read_to_string(repo().join("docs/week-in-the-life.md")).unwrap();
    let lines = shell_lines(&text);
    assert!(lines.len() >= 10, "{lines:?}");
    let tmp = TempDir::new().unwrap();
    let campaign = tmp.path().join("winter");
    copy_dir(&repo().join("examples/winter-fire-safety"), &campaign);
    let dir = run_all(&lines, campaign);
    let out = collab()
        .current_dir(&dir)
        .args(["validate", "--format", "json", "--today", "2026-11-24"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{report:#}");
    assert!(dir.join("winter-fire-safety.ics").is_file());
}
