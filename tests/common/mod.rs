//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The pinned date every test runs on, so date rules are deterministic.
pub const TODAY: &str = "2026-11-24";

pub fn collab() -> Command {
    let mut cmd = Command::cargo_bin("collab").expect("binary builds");
    cmd.env_remove("COLLAB_TODAY")
        .env_remove("COLLAB_FORMAT")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1");
    cmd
}

/// Run collab in `dir` with `args`, today pinned to [`TODAY`].
pub fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    collab()
        .current_dir(dir)
        .env("COLLAB_TODAY", TODAY)
        .args(args)
        .output()
        .expect("collab runs")
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `collab validate --format json` in `dir` and return (exit code, report).
pub fn validate_json(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let out = collab()
        .current_dir(dir)
        .args(["validate", "--format", "json", "--today", TODAY])
        .args(extra)
        .output()
        .expect("collab runs");
    let code = out.status.code().unwrap_or(-1);
    let text = String::from_utf8_lossy(&out.stdout);
    let report: Value = serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{text}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, report)
}

/// The findings of a report at any of `levels` as (rule, file, line).
fn triples_at(report: &Value, levels: &[&str]) -> Vec<(String, String, u64)> {
    report["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|f| levels.iter().any(|l| f["level"] == *l))
                .map(|f| {
                    (
                        f["rule"].as_str().unwrap_or_default().to_string(),
                        f["file"].as_str().unwrap_or_default().to_string(),
                        f["line"].as_u64().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The findings of a report as (rule, file, line) triples.
pub fn triples(report: &Value) -> Vec<(String, String, u64)> {
    triples_at(report, &["error", "warning"])
}

/// Like [`triples`], errors only.
pub fn errors(report: &Value) -> Vec<(String, String, u64)> {
    triples_at(report, &["error"])
}

/// Copy a folder (leaving out any rendered `dist/`).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() == "dist" {
                continue;
            }
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of a shipped example in a temporary folder.
pub fn example_copy(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::TempDir::new().unwrap();
    copy_dir(&repo().join("examples").join(name), tmp.path());
    tmp
}

/// Run `collab render --out OUT` in `campaign` with `extra` arguments.
pub fn render_into(campaign: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    collab()
        .current_dir(campaign)
        .args(["render", "--today", TODAY, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .expect("collab runs")
}

/// The entries of a folder, sorted; none when it does not exist.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// The control files of a rule fixture overlay, never copied into the campaign.
const OVERLAY_CONTROL: [&str; 3] = ["expect.txt", ".remove", ".campaigns"];

/// The entries of a list file (`.remove`, `.campaigns`): one a line, `#` comments.
fn overlay_list(path: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    let items = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    Some(items)
}

/// Build a whole campaign from the rule fixture `rule/case` (`fires` or
/// `clean`): a copy of `tests/fixtures/rules/_base` in each folder of the
/// overlay's `.campaigns` (default: the root), the paths in `.remove` deleted,
/// then the overlay's own files laid on top. ci/rule-fixture.py describes the
/// format and does the same in Python.
pub fn rule_fixture(rule: &str, case: &str) -> tempfile::TempDir {
    let rules = fixtures().join("rules");
    let overlay = rules.join(rule).join(case);
    assert!(overlay.is_dir(), "no fixture {}", overlay.display());
    let tmp = tempfile::TempDir::new().unwrap();
    let campaigns = overlay_list(&overlay.join(".campaigns")).unwrap_or_else(|| vec![".".into()]);
    for folder in campaigns {
        copy_dir(&rules.join("_base"), &tmp.path().join(folder));
    }
    for rel in overlay_list(&overlay.join(".remove")).unwrap_or_default() {
        std::fs::remove_file(tmp.path().join(&rel))
            .unwrap_or_else(|e| panic!("{rule}/{case}: .remove names {rel}: {e}"));
    }
    copy_dir(&overlay, tmp.path());
    for name in OVERLAY_CONTROL {
        let _ = std::fs::remove_file(tmp.path().join(name));
    }
    // The copy is its own repository root, so every printer names files
    // from it, as it would in a campaign's own repository.
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    tmp
}
pub mod lsp;
