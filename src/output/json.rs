//! `--format json`: one object with the report format's version, the tool,
//! the findings and a summary. `collab schema report` prints its JSON
//! Schema, generated from these types, so the two cannot drift apart; each
//! field's doc comment is its description there.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Report, Style};
use crate::diagnostic::{Applicability, Fix, Level};

/// The version of this report's shape. It changes only when a field is
/// removed, renamed or changes meaning; new fields may appear without it.
pub const VERSION: &str = "1";

/// The output of `collab validate --format json`.
#[derive(Serialize, JsonSchema)]
pub struct JsonReport<'a> {
    /// The version of this report format (not of collab): `"1"`.
    #[schemars(extend("const" = VERSION))]
    version: &'static str,
    /// The program that wrote the report.
    tool: Tool,
    /// Every finding, sorted by file, line, column and rule.
    findings: Vec<JsonFinding<'a>>,
    /// Counts over the whole run.
    summary: Summary,
}

#[derive(Serialize, JsonSchema)]
struct Tool {
    /// Always `collab`.
    #[schemars(extend("const" = "collab"))]
    name: &'static str,
    /// collab's version, as `collab --version` prints it.
    version: &'static str,
}

/// One problem found.
#[derive(Serialize, JsonSchema)]
struct JsonFinding<'a> {
    /// The rule's id, as `collab explain` and `--rule` take it.
    rule: &'a str,
    /// `error` or `warning`, after `collab.toml`'s `[lint]` levels.
    level: JsonLevel,
    /// The file, `/`-separated, from the repository root (docs/format.md).
    file: String,
    /// The line the problem starts on, from 1.
    #[schemars(range(min = 1))]
    line: usize,
    /// The column it starts at, from 1, in characters.
    #[schemars(range(min = 1))]
    column: usize,
    /// The line it ends on, from 1.
    #[schemars(range(min = 1))]
    end_line: usize,
    /// The column just after its end, from 1, in characters.
    #[schemars(range(min = 1))]
    end_column: usize,
    /// What is wrong, in one sentence.
    message: &'a str,
    /// How to put it right, when collab knows; else `null`.
    help: Option<&'a str>,
    /// What would put the problem right, when collab knows; else `null`.
    /// `collab validate --fix` applies the safe ones.
    fix: Option<JsonFix<'a>>,
}

/// Edits that would put a finding right.
#[derive(Serialize, JsonSchema)]
struct JsonFix<'a> {
    /// `safe`: applied by `--fix`; `unsafe`: it guesses content, and is
    /// applied only with `--unsafe-fixes`.
    applicability: JsonApplicability,
    /// What the fix does, in a few words.
    title: &'a str,
    /// Replacements in the finding's file, none overlapping another.
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum JsonApplicability {
    Safe,
    Unsafe,
}

/// Replace the text from `start` to `end` with `replacement`.
#[derive(Serialize, JsonSchema)]
struct JsonEdit<'a> {
    /// Byte offset where the replaced text starts, from 0 (after any
    /// byte-order mark).
    start: usize,
    /// Byte offset just after it; equal to `start` for an insertion.
    end: usize,
    /// The text written in its place.
    replacement: &'a str,
}

/// How serious a finding is.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum JsonLevel {
    Error,
    Warning,
}

/// Counts over the whole run.
#[derive(Serialize, JsonSchema)]
struct Summary {
    /// Files read (YAML files and `collab.toml`).
    files: usize,
    /// YAML documents checked.
    documents: usize,
    /// Findings at level `error`.
    errors: usize,
    /// Findings at level `warning`.
    warnings: usize,
}

fn json_fix(fix: &Fix) -> JsonFix<'_> {
    JsonFix {
        applicability: match fix.applicability {
            Applicability::Safe => JsonApplicability::Safe,
            Applicability::Unsafe => JsonApplicability::Unsafe,
        },
        title: &fix.title,
        edits: fix
            .edits
            .iter()
            .map(|e| JsonEdit {
                start: e.span.start,
                end: e.span.end,
                replacement: &e.replacement,
            })
            .collect(),
    }
}

/// Files are named from the repository root (see [`super::paths`]).
pub fn render(report: &Report, style: &Style) -> String {
    let findings = report
        .findings
        .iter()
        .map(|f| {
            let start = f.start();
            let end = f.end();
            JsonFinding {
                rule: f.rule.id(),
                level: match f.level {
                    Level::Error => JsonLevel::Error,
                    Level::Warning => JsonLevel::Warning,
                },
                file: style.paths.from_repository(&f.file),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                message: &f.message,
                help: f.help.as_deref(),
                fix: f.fix.as_ref().map(json_fix),
            }
        })
        .collect();
    let out = JsonReport {
        version: VERSION,
        tool: Tool {
            name: "collab",
            version: env!("CARGO_PKG_VERSION"),
        },
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
