//! Findings as LSP diagnostics: the range from the span, the severity from
//! the level, the rule id as the code with a link to its explanation (the
//! same `helpUri` SARIF gives), and "collab" as the source.

use std::collections::BTreeMap;
use std::path::PathBuf;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Range, Url,
};

use crate::diagnostic::{Finding, Level};
use crate::output::sarif::help_uri;
use crate::source::Span;

use super::documents::position;

/// The range of a byte span in `text`.
pub fn range(text: &str, span: Span) -> Range {
    Range::new(position(text, span.start), position(text, span.end))
}

/// One finding as a diagnostic.
pub fn to_diagnostic(f: &Finding) -> Diagnostic {
    let id = f.rule.id();
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|label| {
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    Url::from_file_path(&label.file.path).ok()?,
                    range(label.file.source.text(), label.span),
                ),
                message: label.text.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: range(f.file.source.text(), f.span),
        severity: Some(match f.level {
            Level::Error => DiagnosticSeverity::ERROR,
            Level::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(id.to_string())),
        code_description: Url::parse(&help_uri(id))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("collab".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The diagnostics of every file that has findings, by path.
pub fn by_file(findings: &[Finding]) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
    let mut out: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
    for f in findings {
        out.entry(f.file.path.clone())
            .or_default()
            .push(to_diagnostic(f));
    }
    out
}
