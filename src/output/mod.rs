//! Printers. Every output format prints the same [`Report`] of
//! [`Finding`]s; adding a format is adding one printer.

pub mod human;
pub mod json;

use crate::diagnostic::{Finding, Level};

/// What a checking command found, ready to print.
#[derive(Debug, Default)]
pub struct Report {
    /// Findings in report order.
    pub findings: Vec<Finding>,
    pub files: usize,
    pub documents: usize,
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
}

/// How human output looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
    pub quiet: bool,
}

/// Render a report in the chosen format.
pub fn render(report: &Report, format: Format, style: Style) -> String {
    match format {
        Format::Human => human::render(report, style),
        Format::Json => json::render(report),
    }
}
