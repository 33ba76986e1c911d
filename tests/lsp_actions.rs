//! `collab lsp` code actions, driven in memory through
//! `lsp_server::Connection::memory` on a copy of an example: each edit is
//! applied to the text as an editor would, sent back with didChange, and
//! the diagnostics that follow are checked.

mod common;

use std::path::Path;

use collab::lsp::documents::offset;
use common::lsp::{Client, codes, of, url};
use lsp_types::{CodeAction, Diagnostic, NumberOrString, Position, Range, TextEdit};
use serde_json::{Value, json};

/// The whole of any document.
fn everything() -> Range {
    Range::new(Position::new(0, 0), Position::new(u32::MAX, 0))
}

fn code_actions(
    client: &mut Client,
    path: &Path,
    range: Range,
    diagnostics: &[Diagnostic],
    only: Option<&[&str]>,
) -> Vec<CodeAction> {
    let mut context = json!({ "diagnostics": diagnostics });
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    let result = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": url(path) }, "range": range, "context": context }),
    );
    serde_json::from_value(result).unwrap()
}

/// `text` with the action's edits to the document at `path` applied.
fn applied(text: &str, action: &CodeAction, path: &Path) -> String {
    let changes = action.edit.as_ref().unwrap().changes.as_ref().unwrap();
    assert_eq!(changes.len(), 1, "edits to one document only");
    let mut edits: Vec<(usize, usize, &TextEdit)> = changes[&url(path)]
        .iter()
        .map(|e| (offset(text, e.range.start), offset(text, e.range.end), e))
        .collect();
    edits.sort_by_key(|(start, end, _)| std::cmp::Reverse((*start, *end)));
    let mut out = text.to_string();
    for (start, end, e) in edits {
        out.replace_range(start..end, &e.new_text);
    }
    out
}

fn diagnostic<'a>(diagnostics: &'a [Diagnostic], rule: &str) -> &'a Diagnostic {
    let code = NumberOrString::String(rule.to_string());
    diagnostics
        .iter()
        .find(|d| d.code.as_ref() == Some(&code))
        .unwrap_or_else(|| panic!("no `{rule}` in {:?}", codes(diagnostics)))
}

/// Open partners.yaml of a copy of winter-fire-safety with `edit` made to
/// its text (unsaved); the client, the path, the original and the edited
/// text, and the diagnostics of the document.
fn open_partners(
    edit: impl Fn(&str) -> String,
) -> (
    tempfile::TempDir,
    Client,
    std::path::PathBuf,
    String,
    String,
    Vec<Diagnostic>,
) {
    let tmp = common::example_copy("winter-fire-safety");
    let path = tmp.path().join("partners.yaml");
    let original = std::fs::read_to_string(&path).unwrap();
    let text = edit(&original);
    assert_ne!(text, original, "the edit changed nothing");
    let mut client = Client::start(tmp.path());
    let published = client.open_text(&path, &text);
    let found = of(&published, &path).to_vec();
    (tmp, client, path, original, text, found)
}

/// Send the whole new text and give the document's diagnostics.
fn replace_all(client: &mut Client, path: &Path, text: &str) -> Vec<String> {
    let published = client.change(path, 2, everything(), text);
    codes(of(&published, path))
}

const LSC_ICB: &str = "  - id: lsc-icb\n";

/// Drop the lead of the `lsc-icb` partner (partner-without-lead).
fn without_lead(text: &str) -> String {
    let at = text.find(LSC_ICB).unwrap();
    let lead = at + text[at..].find("    lead:").unwrap();
    let end = lead + text[lead..].find('\n').unwrap() + 1;
    format!("{}{}", &text[..lead], &text[end..])
}

#[test]
fn a_typo_in_a_key_gets_a_quick_fix_that_clears_it() {
    let typo = |t: &str| t.replacen("    name: Lancashire Fire", "    nmae: Lancashire Fire", 1);
    let (_tmp, mut client, path, original, text, found) = open_partners(typo);
    let caps = client.capabilities().clone();
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.collab"])
    );
    let diag = diagnostic(&found, "unknown-field").clone();
    let actions = code_actions(
        &mut client,
        &path,
        diag.range,
        std::slice::from_ref(&diag),
        None,
    );
    let fix = actions
        .iter()
        .find(|a| a.title.contains("`name`"))
        .unwrap_or_else(|| panic!("no fix among {actions:?}"));
    assert_eq!(fix.kind.as_ref().map(|k| k.as_str()), Some("quickfix"));
    assert_eq!(fix.is_preferred, Some(true));
    assert_eq!(fix.diagnostics.as_deref(), Some(&[diag][..]));
    // A structure rule cannot be allowed, so the fix is the only quick fix
    // (with every safe fix of the document beside it).
    let kinds: Vec<_> = actions.iter().filter_map(|a| a.kind.clone()).collect();
    assert_eq!(
        kinds,
        ["quickfix", "source.fixAll.collab"].map(lsp_types::CodeActionKind::from)
    );
    // Another server's diagnostic in the context hides none of collab's.
    let at = fix.diagnostics.as_ref().unwrap()[0].range;
    let foreign = Diagnostic {
        source: Some("yaml".into()),
        ..Diagnostic::new_simple(at, "Property nmae is not allowed.".into())
    };
    let again = code_actions(&mut client, &path, at, &[foreign], None);
    assert!(again.iter().any(|a| a.title == fix.title), "{again:?}");
    let fixed = applied(&text, fix, &path);
    assert_eq!(fixed, original);
    assert_eq!(
        replace_all(&mut client, &path, &fixed),
        Vec::<String>::new()
    );
    client.shutdown();
}

#[test]
fn allow_here_adds_a_comment_that_silences_the_finding() {
    let (_tmp, mut client, path, _, text, found) = open_partners(without_lead);
    let diag = diagnostic(&found, "partner-without-lead").clone();
    let actions = code_actions(
        &mut client,
        &path,
        diag.range,
        std::slice::from_ref(&diag),
        None,
    );
    assert_eq!(actions.len(), 1, "{actions:?}");
    let allow = &actions[0];
    assert_eq!(allow.title, "Allow `partner-without-lead` here");
    assert_eq!(allow.diagnostics.as_deref(), Some(&[diag][..]));
    let after = applied(&text, allow, &path);
    let want = "  # collab: allow(partner-without-lead) TODO: say why\n  - id: lsc-icb\n";
    assert_eq!(after, text.replacen(LSC_ICB, want, 1));
    assert_eq!(
        replace_all(&mut client, &path, &after),
        Vec::<String>::new()
    );
    client.shutdown();
}

#[test]
fn allow_here_joins_an_allow_comment_already_above() {
    let existing = "  # collab: allow(single-point-of-contact) a small team\n";
    let edit = |t: &str| without_lead(t).replacen(LSC_ICB, &format!("{existing}{LSC_ICB}"), 1);
    let (_tmp, mut client, path, _, text, found) = open_partners(edit);
    // The existing comment silences nothing yet.
    let diag = diagnostic(&found, "partner-without-lead").clone();
    let actions = code_actions(
        &mut client,
        &path,
        diag.range,
        std::slice::from_ref(&diag),
        None,
    );
    let allow = actions
        .iter()
        .find(|a| a.title == "Allow `partner-without-lead` here")
        .unwrap_or_else(|| panic!("no allow among {actions:?}"));
    let after = applied(&text, allow, &path);
    let joined = "  # collab: allow(single-point-of-contact, partner-without-lead) a small team\n";
    assert_eq!(after, text.replacen(existing, joined, 1));
    let left = replace_all(&mut client, &path, &after);
    assert!(
        !left.contains(&"partner-without-lead".to_string()),
        "{left:?}"
    );
    client.shutdown();
}

#[test]
fn fix_all_applies_every_safe_fix_of_the_document() {
    let typos = |t: &str| {
        t.replacen("    name: Lancashire Fire", "    nmae: Lancashire Fire", 1)
            .replacen("    level: collaboration", "    levle: collaboration", 1)
    };
    let (_tmp, mut client, path, original, text, found) = open_partners(typos);
    assert_eq!(codes(&found).len(), 4, "{:?}", codes(&found));
    let actions = code_actions(
        &mut client,
        &path,
        Range::new(Position::new(0, 0), Position::new(0, 0)),
        &[],
        Some(&["source.fixAll"]),
    );
    assert_eq!(actions.len(), 1, "{actions:?}");
    let all = &actions[0];
    assert_eq!(
        all.kind.as_ref().map(|k| k.as_str()),
        Some("source.fixAll.collab")
    );
    assert_eq!(all.diagnostics, None);
    let fixed = applied(&text, all, &path);
    assert_eq!(fixed, original);
    assert_eq!(
        replace_all(&mut client, &path, &fixed),
        Vec::<String>::new()
    );
    client.shutdown();
}

#[test]
fn no_actions_on_a_clean_range_or_a_clean_document() {
    let (_tmp, mut client, path, _, _, found) = open_partners(without_lead);
    assert!(!found.is_empty());
    // The first lines of the file hold no finding.
    let top = Range::new(Position::new(0, 0), Position::new(2, 0));
    assert_eq!(code_actions(&mut client, &path, top, &[], None), []);
    let plan = path.with_file_name("plan.yaml");
    client.open(&plan);
    let result = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": url(&plan) }, "range": everything(),
                "context": { "diagnostics": [] } }),
    );
    assert_eq!(result, Value::Array(Vec::new()));
    client.shutdown();
}
