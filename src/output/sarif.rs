//! `--format sarif`: SARIF 2.1.0, for code-scanning dashboards. One rule
//! entry per rule in the catalogue, one result per finding.

use serde_json::{Value, json};

use super::{Report, Style};
use crate::diagnostic::Level;
use crate::model::config::RuleLevel;
use crate::rule::{Rule, RuleInfo, catalogue};

fn level(l: RuleLevel) -> &'static str {
    match l {
        RuleLevel::Allow => "none",
        RuleLevel::Warn => "warning",
        RuleLevel::Deny => "error",
    }
}

pub fn render(report: &Report, style: &Style) -> String {
    let catalogue: Vec<&RuleInfo> = catalogue().collect();
    let rule_entries: Vec<Value> = catalogue
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "help": { "text": r.explanation },
                "defaultConfiguration": { "level": level(r.default) },
                "properties": { "tags": [r.family.as_str()] },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let start = f.start();
            let end = f.end();
            let mut message = f.message.clone();
            if let Some(help) = &f.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let mut result = json!({
                "ruleId": f.rule,
                "level": match f.level { Level::Error => "error", Level::Warning => "warning" },
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": format!("{}{}", style.repo_prefix, f.file.display),
                            "uriBaseId": "SRCROOT",
                        },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        }
                    }
                }],
            });
            result["ruleIndex"] = json!(Rule::ALL.iter().position(|r| *r == f.rule));
            if !f.related.is_empty() {
                result["relatedLocations"] = Value::Array(
                    f.related
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            let s = l.file.source.line_col(l.span.start);
                            let e = l.file.source.line_col(l.span.end);
                            json!({
                                "id": i,
                                "message": { "text": l.text },
                                "physicalLocation": {
                                    "artifactLocation": {
                                        "uri": format!("{}{}", style.repo_prefix, l.file.display),
                                        "uriBaseId": "SRCROOT",
                                    },
                                    "region": {
                                        "startLine": s.line,
                                        "startColumn": s.column,
                                        "endLine": e.line,
                                        "endColumn": e.column,
                                    }
                                }
                            })
                        })
                        .collect(),
                );
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "collab",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://example.invalid/collab",
                    "rules": rule_entries,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
