//! `--format sarif`: SARIF 2.1.0, for code-scanning dashboards. One rule
//! entry per rule in the catalogue, one result per finding. The output is
//! kept free of errors and warnings from Microsoft's SARIF Multitool
//! `validate` (`ci/check-sarif-junit.sh`).

use percent_encoding::percent_decode_str;
use serde_json::{Value, json};

use super::fingerprint::fingerprints;
use super::paths::{Bases, SRCROOT};
use super::{Report, Style};
use crate::diagnostic::{Applicability, Finding, Fix, Level, SourceFile};
use crate::model::config::RuleLevel;
use crate::rule::{RuleInfo, catalogue};
use crate::source::Span;

fn level(l: RuleLevel) -> &'static str {
    match l {
        RuleLevel::Allow => "none",
        RuleLevel::Warn => "warning",
        RuleLevel::Deny => "error",
    }
}

/// The key of collab's fingerprint in `partialFingerprints`; the number
/// changes if the way fingerprints are made ever does.
pub const FINGERPRINT_KEY: &str = "collab/v1";

/// Where the tool is described: the package's repository.
const INFORMATION_URI: &str = env!("CARGO_PKG_REPOSITORY");

/// The absolute URI of a rule's section of `docs/rules.md`, in the
/// repository at this version's tag (the headings are `### <rule-id>`,
/// so the anchor is the id).
pub fn help_uri(id: &str) -> String {
    format!(
        "{}/blob/v{}/docs/rules.md#{id}",
        INFORMATION_URI.trim_end_matches('/'),
        env!("CARGO_PKG_VERSION")
    )
}

/// One entry per rule in the catalogue.
fn rule_entries(catalogue: &[&RuleInfo]) -> Vec<Value> {
    catalogue
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.rule.name(),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "help": { "text": r.explanation },
                "helpUri": help_uri(r.id),
                "defaultConfiguration": { "level": level(r.default) },
                "properties": { "tags": [r.family.as_str()] },
            })
        })
        .collect()
}

/// A file's URI (relative to `%SRCROOT%` when it can be).
fn artifact_location(file: &SourceFile, paths: &Bases) -> Value {
    let (uri, relative) = paths.sarif_uri(file);
    let mut artifact = json!({ "uri": uri });
    if relative {
        artifact["uriBaseId"] = json!(SRCROOT);
    }
    artifact
}

/// A span as a region of lines and columns (`columnKind` is code points).
fn region(file: &SourceFile, span: Span) -> Value {
    let start = file.source.line_col(span.start);
    let end = file.source.line_col(span.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

/// A place in a file: its URI and the region.
fn physical_location(file: &SourceFile, span: Span, paths: &Bases) -> Value {
    json!({
        "artifactLocation": artifact_location(file, paths),
        "region": region(file, span),
    })
}

/// A finding's fix as a SARIF fix: its edits as replacements of regions
/// of the finding's file (an empty region inserts), with whether collab
/// applies it by default (`safe`) or only with `--unsafe-fixes`.
fn fix(f: &Finding, fix: &Fix, paths: &Bases) -> Value {
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|e| {
            json!({
                "deletedRegion": region(&f.file, e.span),
                "insertedContent": { "text": e.replacement },
            })
        })
        .collect();
    let applicability = match fix.applicability {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
    };
    json!({
        "description": { "text": fix.title },
        "artifactChanges": [{
            "artifactLocation": artifact_location(&f.file, paths),
            "replacements": replacements,
        }],
        "properties": { "applicability": applicability },
    })
}

/// The repository-relative path a file's SARIF URI names (its whole
/// `file://` URI when it is outside `%SRCROOT%`): what its fingerprints
/// are made from.
fn fingerprint_path(file: &SourceFile, paths: &Bases) -> String {
    let (uri, relative) = paths.sarif_uri(file);
    if relative {
        percent_decode_str(&uri).decode_utf8_lossy().into_owned()
    } else {
        uri
    }
}

/// One result for a finding.
fn result(f: &Finding, catalogue: &[&RuleInfo], paths: &Bases, print: &str) -> Value {
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut result = json!({
        "ruleId": f.rule.id(),
        "level": match f.level { Level::Error => "error", Level::Warning => "warning" },
        "message": { "text": message },
        "locations": [{ "physicalLocation": physical_location(&f.file, f.span, paths) }],
        "partialFingerprints": { (FINGERPRINT_KEY): print },
    });
    if let Some(index) = catalogue.iter().position(|r| r.rule == f.rule) {
        result["ruleIndex"] = json!(index);
    }
    if !f.related.is_empty() {
        let related = f.related.iter().enumerate().map(|(i, l)| {
            json!({
                "id": i,
                "message": { "text": l.text },
                "physicalLocation": physical_location(&l.file, l.span, paths),
            })
        });
        result["relatedLocations"] = Value::Array(related.collect());
    }
    if let Some(f_fix) = &f.fix {
        result["fixes"] = json!([fix(f, f_fix, paths)]);
    }
    result
}

/// Files are named by URIs relative to `%SRCROOT%`, the repository root
/// (see [`super::paths`]).
pub fn render(report: &Report, style: &Style) -> String {
    let catalogue: Vec<&RuleInfo> = catalogue().collect();
    let prints = fingerprints(&report.findings, |file| {
        fingerprint_path(file, &style.paths)
    });
    let results: Vec<Value> = report
        .findings
        .iter()
        .zip(&prints)
        .map(|(f, print)| result(f, &catalogue, &style.paths, print))
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "collab",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": rule_entries(&catalogue),
                }
            },
            "originalUriBaseIds": {
                (SRCROOT): { "uri": style.paths.sarif_root() },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
