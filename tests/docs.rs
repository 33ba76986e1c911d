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

/// The spans of `text` between backticks, in order.
fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Two dates far apart, before and after everything in the samples.
const FAR_APART: [&str; 2] = ["2020-01-02", "2035-06-30"];

/// Run `command` (a `collab ...` line) in `dir` on each far-apart date, given
/// by `COLLAB_TODAY` as a CI runner's clock would be, and check it prints
/// `stated`.
fn prints_on_any_date(dir: &std::path::Path, command: &str, stated: &str) {
    let words = words(command);
    let Some(("collab", args)) = words.split_first().map(|(c, a)| (c.as_str(), a)) else {
        panic!("not a collab command: `{command}`");
    };
    for date in FAR_APART {
        let out = collab()
            .current_dir(dir)
            .args(args)
            .env("COLLAB_TODAY", date)
            .output()
            .unwrap();
        assert!(out.status.success(), "`{command}` on {date} failed");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            stated,
            "`{command}` on {date}"
        );
    }
}

#[test]
fn readme_quick_start_output_holds_on_any_date() {
    let text = fs::read_to_string(repo().join("README.md")).unwrap();
    let quick = &text[text.find("## Quick start").unwrap()..];
    let command = shell_lines(quick)
        .into_iter()
        .find(|l| l.starts_with("collab validate -C examples/winter-fire-safety"))
        .expect("the quick start validates the sample");
    let after = &quick[quick.find("It prints `").unwrap() + "It prints ".len()..];
    let stated = backticked(after).remove(0);
    assert!(stated.starts_with("0 errors"), "{stated}");
    prints_on_any_date(&repo(), &command, &stated);
    // What it says about the real date: clean to 27 November 2026, then
    // warnings (overdue actions) but still no errors.
    let unpinned: Vec<String> = words(&command)
        .into_iter()
        .skip(1)
        .take_while(|w| w != "--today")
        .collect();
    for (date, clean) in [("2026-11-27", true), ("2026-11-28", false)] {
        let out = collab()
            .current_dir(repo())
            .args(&unpinned)
            .env("COLLAB_TODAY", date)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let summary = stdout.lines().last().unwrap_or_default();
        assert!(summary.starts_with("0 errors, "), "{date}: {summary}");
        assert_eq!(summary.contains(" 0 warnings"), clean, "{date}: {summary}");
        assert_eq!(
            stdout.contains("overdue") || stdout.contains("still open"),
            !clean
        );
    }
}

#[test]
fn readme_init_example_output_holds_on_any_date() {
    let text = fs::read_to_string(repo().join("README.md")).unwrap();
    let at = text.find("`collab init demo --example`").unwrap();
    let paragraph = text[at..].split("\n\n").next().unwrap();
    let spans = backticked(paragraph);
    let validate = spans
        .iter()
        .position(|s| s.starts_with("collab validate -C demo"))
        .expect("the README says what validate prints in the example");
    let tmp = TempDir::new().unwrap();
    collab()
        .current_dir(tmp.path())
        .args(["init", "demo", "--example"])
        .assert()
        .success();
    prints_on_any_date(tmp.path(), &spans[validate], &spans[validate + 1]);
}

#[test]
fn every_command_in_week_in_the_life_runs_on_the_example() {
    let text = fs::read_to_string(repo().join("docs/week-in-the-life.md")).unwrap();
    let lines = shell_lines(&text);
    assert!(lines.len() >= 10, "{lines:?}");
    let tmp = TempDir::new().unwrap();
    let campaign = tmp.path().join("winter");
    copy_dir(&repo().join("examples/winter-fire-safety"), &campaign);
    git_init(&campaign);
    let dir = run_all(&lines, campaign);
    let out = collab()
        .current_dir(&dir)
        .args(["validate", "--format", "json", "--today", "2026-11-24"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{report:#}");
    assert!(dir.join("winter-fire-safety.ics").is_file());
    assert!(dir.join("actions.xlsx").is_file());
    let attributes = fs::read_to_string(dir.join(".gitattributes")).unwrap();
    assert!(attributes.contains("merge=collab"), "{attributes}");
}

/// A git repository in `dir`, read with no user or system settings, as
/// the campaign's clone would be.
fn git_init(dir: &std::path::Path) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .args(["init", "-q"])
        .output()
        .unwrap();
    assert!(out.status.success(), "git init: {out:?}");
}

#[test]
fn every_command_in_the_readme_day_to_day_runs_on_the_example() {
    let text = fs::read_to_string(repo().join("README.md")).unwrap();
    let start = text.find("## Day to day").expect("the README has the tour");
    let section = &text[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let lines = shell_lines(section);
    for command in [
        "collab export actions --format xlsx --out actions.xlsx",
        "collab import actuals figures.csv --dry-run",
        "collab action list --overdue",
        "collab action done radio-rebook",
        "collab git install",
    ] {
        assert!(lines.iter().any(|l| l == command), "{command} in {lines:?}");
    }
    let tmp = TempDir::new().unwrap();
    let campaign = tmp.path().join("winter");
    copy_dir(&repo().join("examples/winter-fire-safety"), &campaign);
    git_init(&campaign);
    let dir = run_all(&lines, campaign);
    let meeting = fs::read_to_string(dir.join("meetings/catch-up-2026-11-17.yaml")).unwrap();
    assert!(meeting.contains("due: 2026-12-04"), "{meeting}");
    assert!(meeting.contains("done: 2026-11-24"), "{meeting}");
    let evaluation = fs::read_to_string(dir.join("evaluation.yaml")).unwrap();
    assert!(evaluation.contains("68.2"), "{evaluation}");
    assert!(dir.join("actions.xlsx").is_file());
    assert!(dir.join(".gitattributes").is_file());
}
