//! `--format codeclimate`: GitLab Code Quality, a JSON array of Code
//! Climate issues. Each has the rule as `check_name`, the message as
//! `description`, a stable `fingerprint` (see [`super::fingerprint`]), a
//! severity (error: `major`, warning: `minor`) and the file's path from
//! the repository root, so GitLab can put it on the merge request's diff.
//! An empty report is `[]`. Issues come in report order.

use serde::Serialize;

use super::fingerprint::fingerprints;
use super::{Report, Style};
use crate::diagnostic::Level;

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'a str,
    description: &'a str,
    categories: [&'static str; 1],
    severity: &'static str,
    fingerprint: String,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// GitLab's severities are `info`, `minor`, `major`, `critical` and
/// `blocker`. An error stops the campaign going out but breaks nothing
/// else: `major`. A warning is advice: `minor`.
pub fn severity(level: Level) -> &'static str {
    match level {
        Level::Error => "major",
        Level::Warning => "minor",
    }
}

pub fn render(report: &Report, style: &Style) -> String {
    let path = |f: &crate::diagnostic::SourceFile| style.paths.from_repository(f);
    let prints = fingerprints(&report.findings, path);
    let issues: Vec<Issue> = report
        .findings
        .iter()
        .zip(prints)
        .map(|(f, fingerprint)| Issue {
            kind: "issue",
            check_name: f.rule.id(),
            description: &f.message,
            categories: ["Style"],
            severity: severity(f.level),
            fingerprint,
            location: Location {
                path: path(&f.file),
                lines: Lines {
                    begin: f.start().line,
                    end: f.end().line,
                },
            },
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}
