//! `collab lsp` hover and document symbols, driven in memory through
//! `lsp_server::Connection::memory` on a copy of an example.

mod common;

use std::path::Path;

use common::lsp::{Client, position_in, position_params};
use lsp_types::{DocumentSymbol, Hover, HoverContents, Position};
use serde_json::json;

/// The hover at `pos`, or `None` when there is none.
fn hover_at(client: &mut Client, path: &Path, pos: Position) -> Option<Hover> {
    let result = client.request("textDocument/hover", position_params(path, pos));
    serde_json::from_value(result).unwrap()
}

fn symbols(client: &mut Client, path: &Path) -> Vec<DocumentSymbol> {
    let uri = common::lsp::url(path);
    let result = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    serde_json::from_value(result).unwrap()
}

/// The position one character into the first `word` after `after`.
fn position_of(text: &str, after: &str, word: &str) -> Position {
    position_in(text, after, word, 1)
}

fn markdown(hover: &Hover) -> &str {
    match &hover.contents {
        HoverContents::Markup(m) => &m.value,
        other => panic!("not Markdown: {other:?}"),
    }
}

#[test]
fn hover_on_a_partner_reference_summarises_the_partner() {
    let tmp = common::example_copy("winter-fire-safety");
    let plan = tmp.path().join("plan.yaml");
    let text = std::fs::read_to_string(&plan).unwrap();
    let mut client = Client::start(tmp.path());
    let caps = client.capabilities().clone();
    assert_eq!(caps["hoverProvider"], json!(true));
    client.open_text(&plan, &text);
    let pos = position_of(&text, "owner: lfrs", "lfrs");
    let hover = hover_at(&mut client, &plan, pos).expect("a hover on `owner: lfrs`");
    let md = markdown(&hover);
    assert!(
        md.contains("**Lancashire Fire and Rescue Service**"),
        "{md}"
    );
    assert!(md.contains("Level: Collaboration"), "{md}");
    assert!(md.contains("Community safety communications lead"), "{md}");
    let range = hover.range.unwrap();
    assert_eq!(range.start.character + 1, pos.character);
    assert_eq!(range.end.character - range.start.character, 4);
    client.shutdown();
}

#[test]
fn document_symbols_outline_the_plan() {
    let tmp = common::example_copy("winter-fire-safety");
    let plan = tmp.path().join("plan.yaml");
    let mut client = Client::start(tmp.path());
    let caps = client.capabilities().clone();
    assert_eq!(caps["documentSymbolProvider"], json!(true));
    let symbols = symbols(&mut client, &plan);
    let groups: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        groups,
        ["objectives", "audiences", "activities", "milestones"]
    );
    let objectives = symbols[0].children.as_ref().unwrap();
    let text = std::fs::read_to_string(&plan).unwrap();
    let first = &objectives[0];
    let at = position_of(&text, "- id: ", "");
    assert_eq!(first.selection_range.start.line, at.line);
    let line = text.lines().nth(at.line as usize).unwrap();
    assert!(line.contains(&format!("id: {}", first.name)), "{line}");
    assert!(first.range.end.line > first.range.start.line);
    client.shutdown();
}

#[test]
fn hover_on_metric_and_channel_references() {
    let tmp = common::example_copy("winter-fire-safety");
    let plan = tmp.path().join("plan.yaml");
    let text = std::fs::read_to_string(&plan).unwrap();
    let mut client = Client::start(tmp.path());
    let metric = position_of(&text, "metrics: [", "alarm-testing");
    let hover = hover_at(&mut client, &plan, metric).expect("a hover on a metric");
    let md = markdown(&hover);
    assert!(
        md.contains("**Over-65s who test their smoke alarm monthly**"),
        "{md}"
    );
    assert!(md.contains("Stage: Outcome"), "{md}");
    assert!(md.contains("Baseline: 31 · target: 45"), "{md}");
    assert!(md.contains("Latest figure: 31 on 2026-11-13"), "{md}");

    let channel = position_of(&text, "channel: ", "ho-radio");
    let hover = hover_at(&mut client, &plan, channel).expect("a hover on a channel");
    let md = markdown(&hover);
    assert!(
        md.contains("**Regional commercial radio (North West)** (channel `ho-radio`)"),
        "{md}"
    );
    assert!(md.contains("run by Home Office"), "{md}");
    client.shutdown();
}

#[test]
fn hover_on_a_finding_explains_its_rule_and_on_a_key_gives_its_doc() {
    let tmp = common::example_copy("winter-fire-safety");
    let plan = tmp.path().join("plan.yaml");
    // Unsaved text wins: the owner is no partner in the editor only.
    let text = std::fs::read_to_string(&plan)
        .unwrap()
        .replacen("owner: lfrs", "owner: nobody", 1);
    let mut client = Client::start(tmp.path());
    client.open_text(&plan, &text);
    let pos = position_of(&text, "owner: nobody", "nobody");
    let hover = hover_at(&mut client, &plan, pos).expect("a hover on the finding");
    let md = markdown(&hover);
    assert!(md.contains("No partner has the id `nobody`."), "{md}");
    assert!(
        md.contains("`unknown-reference`: Checks that every id used to point at something"),
        "{md}"
    );

    let key = position_of(&text, "    statement:", "statement");
    let hover = hover_at(&mut client, &plan, key).expect("a hover on a key");
    assert_eq!(
        markdown(&hover),
        "`statement`: The change in what people think or do, with a number and a deadline."
    );
    assert_eq!(hover.range.unwrap().start.character, 6);

    let nothing = position_of(&text, "    statement: >-\n", "      ");
    assert_eq!(
        hover_at(&mut client, &plan, nothing),
        None,
        "blank space has no hover"
    );
    client.shutdown();
}

#[test]
fn document_symbols_outline_partners_metrics_and_meetings() {
    let tmp = common::example_copy("winter-fire-safety");
    let root = tmp.path();
    let mut client = Client::start(root);
    let names = |symbols: &[DocumentSymbol]| -> Vec<String> {
        symbols.iter().map(|s| s.name.clone()).collect()
    };

    let partners = symbols(&mut client, &root.join("partners.yaml"));
    assert_eq!(names(&partners), ["partners"]);
    let children = partners[0].children.as_ref().unwrap();
    let lfrs = children.iter().find(|s| s.name == "lfrs").unwrap();
    assert_eq!(
        lfrs.detail.as_deref(),
        Some("Lancashire Fire and Rescue Service")
    );

    let evaluation = symbols(&mut client, &root.join("evaluation.yaml"));
    assert_eq!(names(&evaluation), ["metrics"]);
    let metrics = names(evaluation[0].children.as_ref().unwrap());
    assert!(
        metrics.contains(&"alarm-testing".to_string()),
        "{metrics:?}"
    );

    let meeting = symbols(&mut client, &root.join("meetings/agency-briefing.yaml"));
    assert_eq!(names(&meeting), ["agenda", "actions"]);
    let agenda = names(meeting[0].children.as_ref().unwrap());
    assert_eq!(
        agenda[..2],
        ["Objectives", "Audience insight from local focus groups"]
    );
    let actions = names(meeting[1].children.as_ref().unwrap());
    assert_eq!(actions[0], "firefighter-case-studies");
    client.shutdown();
}

#[test]
fn hover_on_a_charter_key_gives_its_doc() {
    let tmp = common::example_copy("winter-fire-safety");
    let charter = tmp.path().join("charter.yaml");
    let text = std::fs::read_to_string(&charter).unwrap();
    let mut client = Client::start(tmp.path());
    client.open_text(&charter, &text);
    let key = position_of(&text, "\nleadership:", "leadership");
    let hover = hover_at(&mut client, &charter, key).expect("a hover on a key");
    assert_eq!(
        markdown(&hover),
        "`leadership`: Each partner's collaborative champion, by partner id."
    );
    client.shutdown();
}
