//! `collab lsp` completion, and hover on `collab.toml` keys and enum values,
//! driven in memory on copies of both examples.

mod common;

use std::path::Path;

use collab::lsp::complete::reference_kind;
use collab::lsp::spot;
use collab::rename::{self, IdKind};
use common::lsp::{Client, position_in, position_params};
use lsp_types::{CompletionItem, CompletionItemKind, Documentation, Hover, HoverContents};

const EXAMPLES: [&str; 2] = ["safer-streets", "winter-fire-safety"];

/// The completions where `|` is in `text`, opened unsaved as `file` of
/// the example `name`.
fn complete_in(name: &str, file: &str, text: &str) -> Vec<CompletionItem> {
    let tmp = common::example_copy(name);
    let path = tmp.path().join(file);
    let cursor = text.find('|').expect("a cursor");
    let text = text.replacen('|', "", 1);
    let mut client = Client::start(tmp.path());
    client.open_text(&path, &text);
    let line = text[..cursor].matches('\n').count() as u32;
    let col = cursor - text[..cursor].rfind('\n').map_or(0, |i| i + 1);
    let pos = lsp_types::Position::new(line, col as u32);
    let result = client.request("textDocument/completion", position_params(&path, pos));
    client.shutdown();
    serde_json::from_value(result).expect("a list of items")
}

/// The file `file` of the example `name` with the first `from` after
/// `after` replaced by `to` (which holds the cursor `|`).
fn edited(name: &str, file: &str, after: &str, from: &str, to: &str) -> String {
    let path = common::repo().join("examples").join(name).join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find(after).expect("`after` is there");
    let at = start + text[start..].find(from).expect("`from` follows");
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

fn labels(items: &[CompletionItem]) -> Vec<&str> {
    items.iter().map(|i| i.label.as_str()).collect()
}

fn item<'a>(items: &'a [CompletionItem], label: &str) -> &'a CompletionItem {
    let found = items.iter().find(|i| i.label == label);
    found.unwrap_or_else(|| panic!("no `{label}` in {:?}", labels(items)))
}

fn doc(item: &CompletionItem) -> &str {
    match &item.documentation {
        Some(Documentation::MarkupContent(m)) => &m.value,
        Some(Documentation::String(s)) => s,
        None => "",
    }
}

/// The ids of `kind` the example defines.
fn ids(name: &str, kind: IdKind) -> Vec<String> {
    let root = common::repo().join("examples").join(name);
    let ws =
        collab::load::load_inputs(&root, std::slice::from_ref(&root), &Default::default()).unwrap();
    let campaign = &ws.campaigns[0];
    let mut out: Vec<String> = rename::definitions(campaign, kind)
        .iter()
        .filter_map(|(_, n)| n.as_str().map(str::to_string))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Every item is a reference, and the labels are exactly the ids of `kind`.
fn assert_ids(items: &[CompletionItem], name: &str, kind: IdKind) {
    let mut got: Vec<String> = items.iter().map(|i| i.label.clone()).collect();
    got.sort();
    assert_eq!(got, ids(name, kind), "{name}: {kind:?}");
    assert!(
        items
            .iter()
            .all(|i| i.kind == Some(CompletionItemKind::REFERENCE))
    );
}

#[test]
fn the_server_announces_completion() {
    let tmp = common::example_copy("safer-streets");
    let client = Client::start(tmp.path());
    let triggers = &client.capabilities()["completionProvider"]["triggerCharacters"];
    for c in [":", " ", "-", "[", ","] {
        assert!(triggers.as_array().unwrap().iter().any(|t| t == c), "{c}");
    }
    client.shutdown();
}

#[test]
fn keys_of_an_objective_leave_out_those_it_has() {
    for name in EXAMPLES {
        // The first objective without its `by:`, the cursor where it was.
        let text = edited(name, "plan.yaml", "objectives:", "      by: ", "      |");
        let items = complete_in(name, "plan.yaml", &text);
        assert_eq!(labels(&items), ["by"], "{name}");
        let by = item(&items, "by");
        assert_eq!(by.kind, Some(CompletionItemKind::PROPERTY));
        assert_eq!(by.insert_text.as_deref(), Some("by: "));
        assert!(!doc(by).is_empty());
    }
}

#[test]
fn top_level_keys_of_a_plan_leave_out_those_it_has() {
    let schema = &collab::schema::schemas().plan["properties"];
    for name in EXAMPLES {
        let text = edited(
            name,
            "plan.yaml",
            "summary:",
            "objectives:",
            "|\nobjectives:",
        );
        let items = complete_in(name, "plan.yaml", &text);
        let present: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|l| Some(l.split_once(':')?.0))
            .collect();
        let keys = schema.as_object().unwrap().keys().map(String::as_str);
        let missing: Vec<&str> = keys.filter(|k| !present.contains(k)).collect();
        assert_eq!(labels(&items), missing, "{name}");
        assert!(
            !missing.is_empty() && missing.len() < 6,
            "{name}: {missing:?}"
        );
        assert!(
            items.iter().all(|i| !doc(i).is_empty()),
            "{name}: descriptions"
        );
    }
}

#[test]
fn a_partner_level_offers_each_level_with_its_meaning() {
    for name in EXAMPLES {
        let text = edited(name, "partners.yaml", "level:", "level: ", "level: |");
        let items = complete_in(name, "partners.yaml", &text);
        assert_eq!(
            labels(&items),
            [
                "information-sharing",
                "participation",
                "co-operation",
                "collaboration"
            ]
        );
        assert!(
            doc(item(&items, "co-operation")).contains("shared goal"),
            "{name}"
        );
        assert!(
            items
                .iter()
                .all(|i| i.kind == Some(CompletionItemKind::ENUM_MEMBER))
        );
    }
}

#[test]
fn a_metric_stage_offers_the_stages() {
    for name in EXAMPLES {
        let text = edited(
            name,
            "evaluation.yaml",
            "stage:",
            "stage: input",
            "stage: in|",
        );
        let items = complete_in(name, "evaluation.yaml", &text);
        let got = labels(&items);
        for stage in ["input", "output", "outtake", "outcome", "impact"] {
            assert!(got.contains(&stage), "{name}: {got:?}");
        }
        assert!(!doc(item(&items, "impact")).is_empty());
    }
}

#[test]
fn owner_in_a_half_typed_plan_offers_partner_ids_with_names() {
    for name in EXAMPLES {
        // The plan does not parse: an unclosed flow list further down.
        let text = edited(
            name,
            "plan.yaml",
            "objectives:",
            "owner: ",
            "owner: |\n      by: [\n",
        );
        let items = complete_in(name, "plan.yaml", &text);
        assert_ids(&items, name, IdKind::Partner);
        assert!(items.iter().all(|i| i.detail.is_some()), "{name}: names");
    }
    let text = edited(
        "safer-streets",
        "plan.yaml",
        "objectives:",
        "owner: kingsmere-council",
        "owner: ki|",
    );
    let items = complete_in("safer-streets", "plan.yaml", &text);
    let council = item(&items, "kingsmere-council");
    assert_eq!(council.detail.as_deref(), Some("Kingsmere Borough Council"));
}

#[test]
fn metrics_in_a_flow_list_offer_metric_ids() {
    for name in EXAMPLES {
        let text = edited(
            name,
            "plan.yaml",
            "objectives:",
            "metrics: [",
            "metrics: [|",
        );
        assert_ids(&complete_in(name, "plan.yaml", &text), name, IdKind::Metric);
        let text = edited(name, "plan.yaml", "metrics: [", ", ", ", |");
        assert_ids(&complete_in(name, "plan.yaml", &text), name, IdKind::Metric);
    }
}

#[test]
fn channel_in_a_flow_mapping_offers_channel_ids() {
    for name in EXAMPLES {
        let text = edited(name, "plan.yaml", "touchpoints:", "channel: ", "channel: |");
        assert_ids(
            &complete_in(name, "plan.yaml", &text),
            name,
            IdKind::Channel,
        );
    }
}

#[test]
fn objective_of_a_metric_offers_objective_ids() {
    for name in EXAMPLES {
        let text = edited(
            name,
            "evaluation.yaml",
            "objective:",
            "objective: ",
            "objective: |",
        );
        assert_ids(
            &complete_in(name, "evaluation.yaml", &text),
            name,
            IdKind::Objective,
        );
    }
}

#[test]
fn lead_in_collab_toml_offers_partner_ids() {
    for name in EXAMPLES {
        let text = edited(name, "collab.toml", "lead", "lead = \"", "lead = \"|");
        assert_ids(
            &complete_in(name, "collab.toml", &text),
            name,
            IdKind::Partner,
        );
    }
}

#[test]
fn the_table_of_reference_fields_agrees_with_rename() {
    for name in EXAMPLES {
        let root = common::repo().join("examples").join(name);
        let ws = collab::load::load_inputs(&root, std::slice::from_ref(&root), &Default::default())
            .unwrap();
        let campaign = &ws.campaigns[0];
        let mut seen = 0;
        for kind in IdKind::ALL {
            for (file, node) in rename::references(campaign, kind) {
                // The charter's partner ids are map keys (`leadership`,
                // `drivers`), not values of a field completion offers.
                if file.path.ends_with("charter.yaml") {
                    continue;
                }
                let text = file.source.text();
                let at = node.span.start;
                let spot = if file.path.ends_with("collab.toml") {
                    spot::toml(text, at)
                } else {
                    spot::yaml(text, at)
                };
                let field = spot.field().unwrap_or_default().to_string();
                assert_eq!(
                    reference_kind(&field),
                    Some(kind),
                    "{name}: `{field}` at {at}"
                );
                seen += 1;
            }
        }
        assert!(seen > 20, "{name}: {seen} references");
    }
}

fn hover_text(name: &str, file: &str, after: &str, word: &str) -> String {
    let tmp = common::example_copy(name);
    let path: &Path = &tmp.path().join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let mut client = Client::start(tmp.path());
    let result = client.at(
        "textDocument/hover",
        path,
        position_in(&text, after, word, 1),
    );
    client.shutdown();
    let hover: Hover = serde_json::from_value(result).expect("a hover");
    match hover.contents {
        HoverContents::Markup(m) => m.value,
        other => panic!("not Markdown: {other:?}"),
    }
}

#[test]
fn hover_on_a_collab_toml_key_gives_its_description() {
    for name in EXAMPLES {
        let text = hover_text(name, "collab.toml", "[campaign]", "timezone");
        assert!(text.starts_with("`timezone`: "), "{text}");
        assert!(text.len() > "`timezone`: ".len() + 10, "{text}");
    }
}

#[test]
fn hover_on_an_enum_value_gives_its_meaning() {
    let text = hover_text("safer-streets", "partners.yaml", "level:", "collaboration");
    assert!(text.contains("`collaboration`: Co-designing"), "{text}");
    let text = hover_text("winter-fire-safety", "evaluation.yaml", "stage:", "input");
    assert!(text.contains("`input`: What went in"), "{text}");
}

#[test]
fn metrics_in_a_block_list_offer_metric_ids() {
    for name in EXAMPLES {
        let text =
            std::fs::read_to_string(common::repo().join("examples").join(name).join("plan.yaml"))
                .unwrap();
        let start = text.find("      metrics: [").unwrap();
        let end = start + text[start..].find('\n').unwrap();
        let text = format!(
            "{}      metrics:\n        - |{}",
            &text[..start],
            &text[end..]
        );
        assert_ids(&complete_in(name, "plan.yaml", &text), name, IdKind::Metric);
    }
}

/// Completion and hover at offsets all through every file of both
/// examples (every ninth, to keep it quick), and on each file cut short
/// there, answer without panicking.
#[test]
fn completion_anywhere_does_not_panic() {
    use collab::lsp::complete::{FileKind, complete, hover};
    for name in EXAMPLES {
        let root = common::repo().join("examples").join(name);
        let ws = collab::load::load_inputs(&root, std::slice::from_ref(&root), &Default::default())
            .unwrap();
        let campaign = &ws.campaigns[0];
        let config = std::iter::once((&campaign.config.file, FileKind::Config));
        let docs = campaign.documents.iter().map(|d| (&d.file, FileKind::Yaml));
        let mut answered = 0;
        for (file, kind) in config.chain(docs) {
            let text = file.source.text();
            for at in (0..=text.len())
                .step_by(9)
                .filter(|&i| text.is_char_boundary(i))
            {
                answered += usize::from(!complete(text, at, kind, Some(campaign)).is_empty());
                let _ = complete(&text[..at], at, kind, None);
                let _ = hover(text, at, kind);
            }
        }
        assert!(answered > 100, "{name}: {answered}");
    }
}

#[test]
fn an_asset_kind_in_a_flow_mapping_offers_the_kinds() {
    for name in EXAMPLES {
        let text = edited(name, "plan.yaml", "assets:", "kind: ", "kind: |");
        let items = complete_in(name, "plan.yaml", &text);
        let got = labels(&items);
        assert!(
            got.contains(&"video") && got.contains(&"social"),
            "{name}: {got:?}"
        );
        assert!(items.iter().all(|i| !doc(i).is_empty()), "{name}: meanings");
    }
}
