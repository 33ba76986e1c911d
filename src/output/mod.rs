//! Printers. Every output format prints the same [`Report`] of
//! [`Finding`]s; adding a format is adding one printer.

pub mod codeclimate;
pub mod concise;
pub mod fingerprint;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod paths;
pub mod sarif;

use std::cmp::Ordering;
use std::sync::Arc;

use crate::diagnostic::{Finding, Level, SourceFile};
pub use paths::Bases;

/// What a checking command found, ready to print.
#[derive(Debug, Default)]
pub struct Report {
    /// Findings in report order.
    pub findings: Vec<Finding>,
    pub files: usize,
    pub documents: usize,
    /// The documents and settings files checked, for formats that report
    /// per document (JUnit).
    pub units: Vec<Unit>,
    /// Some `collab.toml` in scope could not be read (exit 2).
    pub settings_unreadable: bool,
}

/// One thing that was checked: a YAML document or a `collab.toml`.
#[derive(Debug, Clone)]
pub struct Unit {
    pub file: Arc<SourceFile>,
    /// Byte range of the document in the file.
    pub start: usize,
    pub end: usize,
    /// Which document of the file (from 0), when the file holds more than
    /// one: the name then says `meetings/a.yaml (document 2)`.
    pub document: Option<usize>,
    /// `plan`, `meeting`, `settings`, or `file` for a file with no documents.
    pub kind: String,
}

impl Unit {
    pub fn contains(&self, f: &Finding) -> bool {
        f.file.path == self.file.path
            && (self.kind == "file"
                || self.kind == "settings"
                || (f.span.start >= self.start && f.span.start <= self.end.max(self.start)))
    }

    /// A name for the unit, given its file's printed path.
    pub fn name(&self, path: &str) -> String {
        match self.document {
            Some(i) => format!("{path} (document {})", i + 1),
            None => path.to_string(),
        }
    }

    fn key(&self) -> (&std::ffi::OsStr, usize, usize, Option<usize>, &str) {
        let path = self.file.path.as_os_str();
        (path, self.start, self.end, self.document, &self.kind)
    }
}

impl PartialEq for Unit {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Unit {}

impl PartialOrd for Unit {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Units sort by file, then place in it.
impl Ord for Unit {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.level == Level::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.level == Level::Warning)
            .count()
    }

    /// `3 errors, 5 warnings in 12 files`.
    pub fn summary_line(&self) -> String {
        fn count(n: usize, one: &str, many: &str) -> String {
            format!("{n} {}", if n == 1 { one } else { many })
        }
        format!(
            "{}, {} in {}",
            count(self.errors(), "error", "errors"),
            count(self.warnings(), "warning", "warnings"),
            count(self.files, "file", "files"),
        )
    }
}

/// How a report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    /// One line per finding, `path:line:col: level[rule] message`.
    Concise,
    Json,
    Github,
    Sarif,
    Junit,
    /// GitLab Code Quality (Code Climate issues).
    Codeclimate,
}

/// How output looks.
#[derive(Debug, Clone, Default)]
pub struct Style {
    pub color: bool,
    pub width: usize,
    /// No summary line.
    pub quiet: bool,
    /// `help:` lines under findings (off with `-q`).
    pub hints: bool,
    /// The folders printed paths start from.
    pub paths: Bases,
}

/// Render a report in the chosen format.
pub fn render(report: &Report, format: Format, style: &Style) -> String {
    match format {
        Format::Human => human::render(report, style),
        Format::Concise => concise::render(report, style),
        Format::Json => json::render(report, style),
        Format::Github => github::render(report, style),
        Format::Sarif => sarif::render(report, style),
        Format::Junit => junit::render(report, style),
        Format::Codeclimate => codeclimate::render(report, style),
    }
}
