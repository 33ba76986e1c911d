//! `collab lsp` driven in memory through `lsp_server::Connection::memory`
//! on a copy of an example: diagnostics appear as text is typed, clear
//! when it is fixed, and follow changes across the campaign's files.

mod common;

use common::lsp::{Client, codes, of, range_of, url};
use lsp_types::{DiagnosticSeverity, Position, Range};
use serde_json::json;

#[test]
fn diagnostics_appear_clear_and_follow_other_files() {
    let tmp = common::example_copy("safer-streets");
    let root = tmp.path();
    let plan = root.join("plan.yaml");
    let partners = root.join("partners.yaml");
    let mut client = Client::start(root);
    assert_eq!(
        client.capabilities()["textDocumentSync"],
        json!(2),
        "incremental sync"
    );
    let first = client.sync();
    assert!(first.contains_key(&url(&plan)), "every file is served");
    assert!(
        first.values().all(Vec::is_empty),
        "the example is clean: {first:?}"
    );

    let opened = client.open(&plan);
    assert!(of(&opened, &plan).is_empty());

    // An owner that is not a partner.
    let owner = range_of(&plan, "id: bystanders-step-in", "kingsmere-council");
    let typed = client.change(&plan, 2, owner, "nobody");
    let found = of(&typed, &plan);
    assert_eq!(codes(found), ["unknown-reference"], "{found:?}");
    let d = &found[0];
    let end = Position::new(
        owner.start.line,
        owner.start.character + "nobody".len() as u32,
    );
    assert_eq!(
        d.range,
        Range::new(owner.start, end),
        "the range is the owner's value"
    );
    assert_eq!(d.severity, Some(DiagnosticSeverity::ERROR));
    assert_eq!(d.source.as_deref(), Some("collab"));
    let href = d.code_description.as_ref().unwrap().href.as_str();
    assert!(href.ends_with("docs/rules.md#unknown-reference"), "{href}");

    // Fixed: cleared.
    let fixed = client.change(&plan, 3, Range::new(owner.start, end), "kingsmere-council");
    assert!(of(&fixed, &plan).is_empty(), "{fixed:?}");

    // Renaming a partner in partners.yaml, unsaved, breaks plan.yaml and the meetings.
    client.open(&partners);
    let id = range_of(&partners, "- id: ", "kingsmere-council");
    let renamed = client.change(&partners, 2, id, "kingsmere-borough");
    assert!(codes(of(&renamed, &plan)).contains(&"unknown-reference".to_string()));
    let meeting = root.join("meetings/catch-up-2026-10-07.yaml");
    assert!(codes(of(&renamed, &meeting)).contains(&"unknown-reference".to_string()));

    // Closed without saving: the text on disk again, and all clear.
    let closed = client.close(&partners);
    assert!(of(&closed, &plan).is_empty(), "{closed:?}");
    assert!(of(&closed, &meeting).is_empty());
    client.shutdown();
}

#[test]
fn a_domain_rule_shows_and_the_unsaved_lint_settings_apply() {
    let tmp = common::example_copy("safer-streets");
    let root = tmp.path();
    let plan = root.join("plan.yaml");
    let config = root.join("collab.toml");
    let mut client = Client::start(root);
    client.open(&plan);
    let owner = range_of(&plan, "id: venue-briefings-pilot", " owner: safe-nights,");
    let typed = client.change(&plan, 2, owner, "");
    assert_eq!(
        codes(of(&typed, &plan)),
        ["activity-without-owner"],
        "{typed:?}"
    );

    // `allow` in collab.toml, not yet saved, silences it.
    client.open(&config);
    let lint = range_of(&config, "[lint]\n", "overdue-action");
    let at = Range::new(lint.start, lint.start);
    let allowed = client.change(&config, 2, at, "activity-without-owner = \"allow\"\n");
    assert!(of(&allowed, &plan).is_empty(), "{allowed:?}");
    assert!(of(&allowed, &config).is_empty(), "{allowed:?}");
    client.shutdown();
}

/// The binary itself (`collab lsp --stdio`): a campaign with an unknown
/// owner on disk gets its diagnostic at start, and shutdown then exit end
/// the server with status 0.
#[test]
fn the_binary_serves_stdio_and_exits_cleanly() {
    let tmp = common::example_copy("safer-streets");
    let plan = tmp.path().join("plan.yaml");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        text.replacen("owner: safe-nights", "owner: nobody", 1),
    )
    .unwrap();
    let args = ["lsp", "--stdio", "--today", common::TODAY].map(String::from);
    let out = common::lsp::stdio_session(&args, tmp.path());
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(r#""textDocumentSync":2"#), "{stdout}");
    assert!(
        stdout.contains("textDocument/publishDiagnostics"),
        "{stdout}"
    );
    assert!(stdout.contains(r#""code":"unknown-reference""#), "{stdout}");
    assert!(stdout.contains(r#""id":2,"result":null"#), "{stdout}");
}
