//! Code actions: each finding's fix as a quick fix, "allow this rule here"
//! for every finding an allow comment can silence, and every safe fix of a
//! document at once (`source.fixAll.collab`). Pure: the findings come from
//! checking the campaign at request time, not from what the client holds.

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{
    CodeAction, CodeActionContext, CodeActionKind, CodeActionOrCommand, Diagnostic, NumberOrString,
    Range, TextEdit, Url, WorkspaceEdit,
};

use crate::diagnostic::{Applicability, Edit, Finding};
use crate::fix;
use crate::rule::Rule;
use crate::rules::housekeeping::allow::{self, CommentLines};
use crate::source::Span;

use super::diagnostics::{range, to_diagnostic};

/// The kind of the action that applies every safe fix of a document.
pub const FIX_ALL: &str = "source.fixAll.collab";

/// The reason written into a new allow comment, for the author to replace.
pub const REASON_PLACEHOLDER: &str = "TODO: say why";

/// The code actions for `range` of the document at `path` (`uri`), given
/// the campaign's findings checked now and the client's context.
pub fn actions(
    uri: &Url,
    path: &Path,
    findings: &[Finding],
    range_asked: Range,
    context: &CodeActionContext,
) -> Vec<CodeActionOrCommand> {
    let here: Vec<&Finding> = findings.iter().filter(|f| f.file.path == path).collect();
    let Some(first) = here.first() else {
        return Vec::new();
    };
    let text = first.file.source.text();
    let mut out = Vec::new();
    if wanted(context, &CodeActionKind::QUICKFIX) {
        let mut allows = Vec::new();
        for f in &here {
            let r = range(text, f.span);
            if !overlap(r, range_asked) {
                continue;
            }
            let Some(diagnostic) = matching(f, r, &context.diagnostics) else {
                continue;
            };
            out.extend(quick_fix(uri, text, f, &diagnostic));
            if let Some(action) = allow_here(uri, text, f, diagnostic)
                && !allows.contains(&action)
            {
                allows.push(action);
            }
        }
        out.extend(allows);
    }
    if wanted(context, &CodeActionKind::new(FIX_ALL)) {
        out.extend(fix_all(uri, text, &here));
    }
    out.into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

/// Whether the client asked for actions of `kind` (all, when it names
/// none; a kind asks for the kinds below it too).
fn wanted(context: &CodeActionContext, kind: &CodeActionKind) -> bool {
    let Some(only) = &context.only else {
        return true;
    };
    only.iter().any(|k| {
        let (k, kind) = (k.as_str(), kind.as_str());
        kind == k
            || kind
                .strip_prefix(k)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// Ranges that overlap or touch (a cursor at a finding's edge counts).
fn overlap(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The client's diagnostic for a finding (same rule id and range); when
/// the client sent none of collab's, the finding's own. `None` when the
/// client sent collab diagnostics and this finding is not among them.
fn matching(f: &Finding, r: Range, sent: &[Diagnostic]) -> Option<Diagnostic> {
    let ours: Vec<&Diagnostic> = sent
        .iter()
        .filter(|d| d.source.as_deref() == Some("collab"))
        .collect();
    if ours.is_empty() {
        return Some(to_diagnostic(f));
    }
    let code = NumberOrString::String(f.rule.id().to_string());
    ours.into_iter()
        .find(|d| d.range == r && d.code.as_ref() == Some(&code))
        .cloned()
}

/// A workspace edit of one document.
fn edit_of(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

fn text_edit(text: &str, e: &Edit) -> TextEdit {
    TextEdit::new(range(text, e.span), e.replacement.clone())
}

/// The finding's fix, when it has one.
fn quick_fix(uri: &Url, text: &str, f: &Finding, diagnostic: &Diagnostic) -> Option<CodeAction> {
    let fix = f.fix.as_ref()?;
    let edits = fix.edits.iter().map(|e| text_edit(text, e)).collect();
    Some(CodeAction {
        title: fix.title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(edit_of(uri, edits)),
        is_preferred: Some(fix.applicability == Applicability::Safe),
        ..CodeAction::default()
    })
}

/// "Allow `rule` here": an allow comment above the line the finding starts
/// on, which is where the allow comments are looked for. Structure rules
/// cannot be allowed, and `unused-allow` is judged after allow comments
/// are applied, so neither gets one.
fn allow_here(uri: &Url, text: &str, f: &Finding, diagnostic: Diagnostic) -> Option<CodeAction> {
    if f.rule.is_structure() || f.rule == Rule::UnusedAllow {
        return None;
    }
    let id = f.rule.id();
    let edit = allow_edit(f, text)?;
    Some(CodeAction {
        title: format!("Allow `{id}` here"),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(edit_of(uri, vec![text_edit(text, &edit)])),
        is_preferred: Some(false),
        ..CodeAction::default()
    })
}

/// The edit that allows the finding's rule where it starts: the rule added
/// to the nearest allow comment in the block of comment lines right above
/// that line, or else a new comment line above it with its indentation.
pub fn allow_edit(f: &Finding, text: &str) -> Option<Edit> {
    let id = f.rule.id();
    let line = f.start().line;
    if let Some((first, last)) = CommentLines::new(text).block_above(line) {
        let nearest = allow::scan(&f.file)
            .into_iter()
            .filter(|a| (first..=last).contains(&a.line))
            .filter(|a| a.entries.iter().all(|e| !e.rule.is_empty()))
            .max_by_key(|a| a.line);
        if let Some(entry) = nearest.and_then(|a| a.entries.last().cloned()) {
            let at = entry.span.end;
            return Some(Edit {
                span: Span::new(at, at),
                replacement: format!(", {id}"),
            });
        }
    }
    let start = text.get(..f.span.start)?.rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[start..];
    let indent = &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()];
    let eol = if rest.split('\n').next().is_some_and(|l| l.ends_with('\r')) {
        "\r\n"
    } else {
        "\n"
    };
    Some(Edit {
        span: Span::new(start, start),
        replacement: format!("{indent}# collab: allow({id}) {REASON_PLACEHOLDER}{eol}"),
    })
}

/// Every safe fix of the document applied as `validate --fix` applies
/// them in one round; `None` when there is none.
fn fix_all(uri: &Url, text: &str, here: &[&Finding]) -> Option<CodeAction> {
    let fixes: Vec<_> = here
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|fx| fix::wanted(fx, Applicability::Safe))
        .collect();
    let (edits, fixed) = fix::select(text, &fixes);
    if fixed == 0 {
        return None;
    }
    let edits = edits.into_iter().map(|e| text_edit(text, e)).collect();
    Some(CodeAction {
        title: format!(
            "Apply every safe collab fix ({fixed} fix{})",
            if fixed == 1 { "" } else { "es" }
        ),
        kind: Some(CodeActionKind::new(FIX_ALL)),
        edit: Some(edit_of(uri, edits)),
        ..CodeAction::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Level, SourceFile};
    use std::path::PathBuf;

    fn finding(text: &str, at: &str) -> Finding {
        let file = SourceFile::new("p.yaml".into(), PathBuf::from("/c/p.yaml"), text.into());
        let start = text.find(at).unwrap();
        let span = Span::new(start, start + at.len());
        Finding::new(Rule::PartnerWithoutLead, Level::Error, &file, span, "m")
    }

    fn edited(text: &str, at: &str) -> String {
        let e = allow_edit(&finding(text, at), text).unwrap();
        format!(
            "{}{}{}",
            &text[..e.span.start],
            e.replacement,
            &text[e.span.end..]
        )
    }

    #[test]
    fn a_new_allow_comment_takes_the_indentation_and_line_ending() {
        let text = "partners:\r\n  - id: a\r\n";
        assert_eq!(
            edited(text, "id"),
            "partners:\r\n  # collab: allow(partner-without-lead) TODO: say why\r\n  - id: a\r\n"
        );
    }

    #[test]
    fn the_rule_joins_the_nearest_allow_comment_above() {
        let text = "partners:\n  # collab: allow(a-rule) why\n  # more words\n  - id: a\n";
        assert_eq!(
            edited(text, "id"),
            "partners:\n  # collab: allow(a-rule, partner-without-lead) why\n  # more words\n  - id: a\n"
        );
        // A comment that names no rule is left alone.
        let empty = "partners:\n  # collab: allow()\n  - id: a\n";
        assert!(edited(empty, "id").contains("  # collab: allow()\n  # collab: allow(partner"));
    }

    #[test]
    fn a_kind_asked_for_covers_the_kinds_below_it() {
        let context = |only: &[&str]| CodeActionContext {
            only: Some(
                only.iter()
                    .map(|k| CodeActionKind::from(k.to_string()))
                    .collect(),
            ),
            ..CodeActionContext::default()
        };
        let all = CodeActionKind::new(FIX_ALL);
        assert!(wanted(&context(&["source"]), &all));
        assert!(wanted(&context(&["source.fixAll"]), &all));
        assert!(!wanted(&context(&["source.fix"]), &all));
        assert!(!wanted(&context(&["quickfix"]), &all));
        assert!(wanted(&CodeActionContext::default(), &all));
    }
}
