//! `--format json`: one object with the findings and a summary, with the
//! field names CLI.md fixes.

use serde::Serialize;

use super::{Report, Style};
use crate::diagnostic::Level;

#[derive(Serialize)]
struct JsonReport<'a> {
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    level: Level,
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    documents: usize,
    errors: usize,
    warnings: usize,
}

/// Files are named from the working folder, as CLI.md fixes it.
pub fn render(report: &Report, style: &Style) -> String {
    let findings = report
        .findings
        .iter()
        .map(|f| {
            let start = f.start();
            let end = f.end();
            JsonFinding {
                rule: f.rule.id(),
                level: f.level,
                file: style.paths.from_cwd(&f.file),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                message: &f.message,
                help: f.help.as_deref(),
            }
        })
        .collect();
    let out = JsonReport {
        findings,
        summary: Summary {
            files: report.files,
            documents: report.documents,
            errors: report.errors(),
            warnings: report.warnings(),
        },
    };
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}
