//! Printers. Every output format prints the same [`Report`] of
//! [`Finding`]s; adding a format is adding one printer.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::diagnostic::{Finding, Level};

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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unit {
    /// Display path of the file.
    pub file: String,
    /// Byte range of the document in the file.
    pub start: usize,
    pub end: usize,
    /// A name for the document: `plan.yaml`, or `meetings/a.yaml (document 2)`.
    pub name: String,
    /// `plan`, `meeting`, `settings`, or `file` for a file with no documents.
    pub kind: String,
}

impl Unit {
    pub fn contains(&self, f: &Finding) -> bool {
        f.file.display == self.file
            && (self.kind == "file"
                || self.kind == "settings"
                || (f.span.start >= self.start && f.span.start <= self.end.max(self.start)))
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
    Json,
    Github,
    Sarif,
    Junit,
}

/// How output looks.
#[derive(Debug, Clone, Default)]
pub struct Style {
    pub color: bool,
    pub width: usize,
    pub quiet: bool,
    /// Path from the repository root to the folder the command ran in
    /// (`campaigns/winter/`), for formats that want repository paths.
    pub repo_prefix: String,
}

/// Render a report in the chosen format.
pub fn render(report: &Report, format: Format, style: &Style) -> String {
    match format {
        Format::Human => human::render(report, style),
        Format::Json => json::render(report),
        Format::Github => github::render(report, style),
        Format::Sarif => sarif::render(report, style),
        Format::Junit => junit::render(report),
    }
}
