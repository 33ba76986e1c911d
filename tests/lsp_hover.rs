//! `collab lsp` hover and document symbols, driven in memory through
//! `lsp_server::Connection::memory` on a copy of an example.

mod common;

use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types::{DocumentSymbol, Hover, HoverContents, Position, Url};
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(60);

/// A client talking to a server running on its own thread.
struct Client {
    conn: Connection,
    server: Option<JoinHandle<Result<(), String>>>,
    next_id: i32,
}

impl Client {
    /// Start a server with `folder` as the workspace; the capabilities.
    fn start(folder: &Path) -> (Client, Value) {
        let (server, conn) = Connection::memory();
        let today = collab::model::Date::parse(common::TODAY);
        let handle = std::thread::spawn(move || collab::lsp::serve(&server, today));
        let mut client = Client {
            conn,
            server: Some(handle),
            next_id: 0,
        };
        let uri = Url::from_file_path(folder).unwrap();
        let init = client.request(
            "initialize",
            json!({
                "processId": null,
                "capabilities": {},
                "workspaceFolders": [{ "uri": uri, "name": "campaigns" }],
            }),
        );
        client.notify("initialized", json!({}));
        (client, init["capabilities"].clone())
    }

    fn notify(&self, method: &str, params: Value) {
        let note = Notification::new(method.to_string(), params);
        self.conn.sender.send(Message::Notification(note)).unwrap();
    }

    /// Send a request and wait for its result (diagnostics are skipped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let req = Request::new(id.clone(), method.to_string(), params);
        self.conn.sender.send(Message::Request(req)).unwrap();
        loop {
            match self.conn.receiver.recv_timeout(WAIT).expect("an answer") {
                Message::Response(r) if r.id == id => {
                    return r.response_result.expect("a result, not an error");
                }
                _ => {}
            }
        }
    }

    fn open(&self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": Url::from_file_path(path).unwrap(), "languageId": "yaml",
                "version": 1, "text": text,
            }}),
        );
    }

    /// The hover's Markdown at `pos`, or `None` when there is none.
    fn hover(&mut self, path: &Path, pos: Position) -> Option<Hover> {
        let uri = Url::from_file_path(path).unwrap();
        let result = self.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": pos }),
        );
        serde_json::from_value(result).unwrap()
    }

    fn symbols(&mut self, path: &Path) -> Vec<DocumentSymbol> {
        let uri = Url::from_file_path(path).unwrap();
        let result = self.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        );
        serde_json::from_value(result).unwrap()
    }

    fn shutdown(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let server = self.server.take().unwrap();
        assert_eq!(server.join().unwrap(), Ok(()));
    }
}

/// The position of the first `word` after `after` in `text` (ASCII text,
/// so characters are bytes), one character into the word.
fn position_of(text: &str, after: &str, word: &str) -> Position {
    let at = text.find(after).unwrap();
    let start = at + text[at..].find(word).unwrap() + 1;
    let line = text[..start].matches('\n').count() as u32;
    let col = (start - text[..start].rfind('\n').map_or(0, |i| i + 1)) as u32;
    Position::new(line, col)
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
    let (mut client, caps) = Client::start(tmp.path());
    assert_eq!(caps["hoverProvider"], json!(true));
    client.open(&plan, &text);
    let pos = position_of(&text, "owner: lfrs", "lfrs");
    let hover = client.hover(&plan, pos).expect("a hover on `owner: lfrs`");
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
    let (mut client, caps) = Client::start(tmp.path());
    assert_eq!(caps["documentSymbolProvider"], json!(true));
    let symbols = client.symbols(&plan);
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
    let (mut client, _) = Client::start(tmp.path());
    let metric = position_of(&text, "metrics: [", "alarm-testing");
    let hover = client.hover(&plan, metric).expect("a hover on a metric");
    let md = markdown(&hover);
    assert!(
        md.contains("**Over-65s who test their smoke alarm monthly**"),
        "{md}"
    );
    assert!(md.contains("Stage: Outcome"), "{md}");
    assert!(md.contains("Baseline: 31 · target: 45"), "{md}");
    assert!(md.contains("Latest figure: 31 on 2026-11-13"), "{md}");

    let channel = position_of(&text, "channel: ", "ho-radio");
    let hover = client.hover(&plan, channel).expect("a hover on a channel");
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
    let (mut client, _) = Client::start(tmp.path());
    client.open(&plan, &text);
    let pos = position_of(&text, "owner: nobody", "nobody");
    let hover = client.hover(&plan, pos).expect("a hover on the finding");
    let md = markdown(&hover);
    assert!(md.contains("No partner has the id `nobody`."), "{md}");
    assert!(
        md.contains("`unknown-reference`: Checks that every id used to point at something"),
        "{md}"
    );

    let key = position_of(&text, "    statement:", "statement");
    let hover = client.hover(&plan, key).expect("a hover on a key");
    assert_eq!(
        markdown(&hover),
        "`statement`: The change in what people think or do, with a number and a deadline."
    );
    assert_eq!(hover.range.unwrap().start.character, 6);

    let nothing = position_of(&text, "    statement: >-\n", "      ");
    assert_eq!(
        client.hover(&plan, nothing),
        None,
        "blank space has no hover"
    );
    client.shutdown();
}

#[test]
fn document_symbols_outline_partners_metrics_and_meetings() {
    let tmp = common::example_copy("winter-fire-safety");
    let root = tmp.path();
    let (mut client, _) = Client::start(root);
    let names = |symbols: &[DocumentSymbol]| -> Vec<String> {
        symbols.iter().map(|s| s.name.clone()).collect()
    };

    let partners = client.symbols(&root.join("partners.yaml"));
    assert_eq!(names(&partners), ["partners"]);
    let children = partners[0].children.as_ref().unwrap();
    let lfrs = children.iter().find(|s| s.name == "lfrs").unwrap();
    assert_eq!(
        lfrs.detail.as_deref(),
        Some("Lancashire Fire and Rescue Service")
    );

    let evaluation = client.symbols(&root.join("evaluation.yaml"));
    assert_eq!(names(&evaluation), ["metrics"]);
    let metrics = names(evaluation[0].children.as_ref().unwrap());
    assert!(
        metrics.contains(&"alarm-testing".to_string()),
        "{metrics:?}"
    );

    let meeting = client.symbols(&root.join("meetings/agency-briefing.yaml"));
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
