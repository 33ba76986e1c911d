//! Housekeeping: in-place allow comments (`# collab: allow(rule-id) reason`)
//! and the rule that reports the ones that silence nothing.

use std::sync::Arc;

use super::{Family, Rule, emit};
use crate::diagnostic::{Finding, SourceFile, closest};
use crate::model::config::RuleLevel;
use crate::source::Span;

pub const UNUSED_ALLOW: &str = "unused-allow";

pub const RULES: &[Rule] = &[Rule {
    id: UNUSED_ALLOW,
    family: Family::Housekeeping,
    default: RuleLevel::Warn,
    summary: "a `# collab: allow(...)` comment that silences nothing, or names no rule",
    explanation: "Reports an allow comment that did not silence any finding: the problem it \
excused has been fixed, the comment is not on the line (or comment lines) just above the node \
the finding points at, or it names a rule that does not exist or cannot be allowed.\n\n\
Why: allow comments are for deliberate, explained exceptions (\"this partner is a one-off \
information share, no deputy needed\"). Stale ones pile up and hide the next real problem on \
the same node.\n\n\
Fix: delete the comment, or move it to the line above the node the finding points at (or above the `- ` line of the list item that holds it).\n\n\
Bad:\n\n    # collab: allow(single-point-of-contact) covered by the comms team inbox\n    \
- id: lfrs          # ...but lfrs has a deputy now\n\n\
Good (the comment excuses a real finding on the next line):\n\n    # collab: \
allow(single-point-of-contact) one-off information share, no deputy needed\n    - id: \
ons-data\n",
}];

/// One rule named in an allow comment.
#[derive(Debug, Clone)]
pub struct AllowEntry {
    pub rule: String,
    pub span: Span,
    pub used: bool,
}

/// One `# collab: allow(...)` comment.
#[derive(Debug, Clone)]
pub struct Allow {
    pub file: Arc<SourceFile>,
    /// 1-based line of the comment.
    pub line: usize,
    pub entries: Vec<AllowEntry>,
}

/// Find the allow comments of a file. Only whole-line comments count.
pub fn scan(file: &Arc<SourceFile>) -> Vec<Allow> {
    let text = file.source.text();
    let mut out = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let Some(body) = trimmed.strip_prefix('#') else {
            continue;
        };
        let Some(rest) = body.trim_start().strip_prefix("collab:") else {
            continue;
        };
        let Some(list) = rest.trim_start().strip_prefix("allow(") else {
            continue;
        };
        let Some(close) = list.find(')') else {
            continue;
        };
        let list_start = start + (line.len() - list.len());
        let mut entries = Vec::new();
        let mut pos = 0;
        for part in list[..close].split(',') {
            let lead = part.len() - part.trim_start().len();
            let name = part.trim();
            if !name.is_empty() {
                let s = list_start + pos + lead;
                entries.push(AllowEntry {
                    rule: name.to_string(),
                    span: Span::new(s, s + name.len()),
                    used: false,
                });
            }
            pos += part.len() + 1;
        }
        if entries.is_empty() {
            let s = start + (line.len() - trimmed.len());
            entries.push(AllowEntry {
                rule: String::new(),
                span: Span::new(s, s + trimmed.trim_end().len()),
                used: false,
            });
        }
        out.push(Allow {
            file: Arc::clone(file),
            line: index + 1,
            entries,
        });
    }
    out
}

/// Whether `line` (1-based) of `text` is a comment line.
fn is_comment_line(text: &str, line: usize) -> bool {
    text.lines()
        .nth(line.wrapping_sub(1))
        .is_some_and(|l| l.trim_start().starts_with('#'))
}

/// Drop the findings an allow comment covers, marking the comments used.
/// A comment covers a finding when it sits in the block of comment lines
/// directly above the line the finding starts on, or above the first line
/// of a list item the finding lies in (so one comment above `- id: …`
/// covers what is found anywhere in that item). `heads` gives those item
/// lines for a finding.
pub fn apply(
    allows: &mut [Allow],
    findings: &mut Vec<Finding>,
    heads: impl Fn(&Finding) -> Vec<usize>,
) {
    findings.retain(|f| {
        if super::find(f.rule).is_none_or(Rule::is_structure) {
            return true;
        }
        let text = f.file.source.text();
        let mut lines = vec![f.start().line];
        lines.extend(heads(f));
        for line in lines {
            let mut above = line.saturating_sub(1);
            while above >= 1 && is_comment_line(text, above) {
                for allow in allows.iter_mut() {
                    if allow.line == above && allow.file.path == f.file.path {
                        for entry in &mut allow.entries {
                            if entry.rule == f.rule {
                                entry.used = true;
                                return false;
                            }
                        }
                    }
                }
                above -= 1;
            }
        }
        true
    });
}

/// The byte offsets where the list items holding `at` start, outermost
/// first.
pub fn item_starts(node: &crate::yaml::Node, at: usize, out: &mut Vec<usize>) {
    use crate::yaml::Value;
    match &node.value {
        Value::Seq(items) => {
            for item in items {
                if item.span.start <= at && at < item.span.end.max(item.span.start + 1) {
                    out.push(item.span.start);
                    item_starts(item, at, out);
                }
            }
        }
        Value::Map(entries) => {
            for (_, value) in entries {
                if value.span.start <= at && at < value.span.end.max(value.span.start + 1) {
                    item_starts(value, at, out);
                }
            }
        }
        _ => {}
    }
}

/// Findings for allow comments that silenced nothing.
pub fn unused(allows: &[Allow]) -> Vec<Finding> {
    let ids: Vec<&str> = super::catalogue().map(|r| r.id).collect();
    let mut out = Vec::new();
    for allow in allows {
        for entry in allow.entries.iter().filter(|e| !e.used) {
            let finding = match super::find(&entry.rule) {
                _ if entry.rule.is_empty() => emit(
                    UNUSED_ALLOW,
                    &allow.file,
                    entry.span,
                    "this allow comment names no rule",
                )
                .with_help("write it as `# collab: allow(rule-id) reason`"),
                None => emit(
                    UNUSED_ALLOW,
                    &allow.file,
                    entry.span,
                    format!("`{}` is not a rule", entry.rule),
                )
                .with_help_opt(
                    closest(&entry.rule, ids.iter().copied())
                        .map(|s| format!("did you mean `{s}`?")),
                ),
                Some(rule) if rule.is_structure() => emit(
                    UNUSED_ALLOW,
                    &allow.file,
                    entry.span,
                    format!("`{}` is a structure rule and cannot be allowed", entry.rule),
                )
                .with_help("fix the file instead; structure problems are always errors"),
                Some(_) => emit(
                    UNUSED_ALLOW,
                    &allow.file,
                    entry.span,
                    format!("this allow comment silences no `{}` finding", entry.rule),
                )
                .with_help(
                    "remove it, or move it to the line just above the node the finding points at",
                ),
            };
            out.push(finding);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_allow_comments_with_spans() {
        let text = "a: 1\n  # collab: allow(single-point-of-contact, no-senior-sponsor) small team\n- id: x\n# just a comment\n";
        let file = SourceFile::new("p.yaml".into(), "p.yaml".into(), text.into());
        let allows = scan(&file);
        assert_eq!(allows.len(), 1);
        assert_eq!(allows[0].line, 2);
        let names: Vec<&str> = allows[0].entries.iter().map(|e| e.rule.as_str()).collect();
        assert_eq!(names, ["single-point-of-contact", "no-senior-sponsor"]);
        let e = &allows[0].entries[1];
        assert_eq!(&text[e.span.start..e.span.end], "no-senior-sponsor");
    }
}
