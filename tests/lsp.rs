//! `collab lsp` driven in memory through `lsp_server::Connection::memory`
//! on a copy of an example: diagnostics appear as text is typed, clear
//! when it is fixed, and follow changes across the campaign's files.

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types::{
    Diagnostic, DiagnosticSeverity, NumberOrString, Position, PublishDiagnosticsParams, Range, Url,
};
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(60);

/// A client talking to a server running on its own thread.
struct Client {
    conn: Connection,
    server: Option<JoinHandle<Result<(), String>>>,
    next_id: i32,
}

impl Client {
    /// Start a server and initialize it with `folder` as the workspace;
    /// returns the client and the first diagnostics.
    fn start(folder: &Path) -> (Client, HashMap<Url, Vec<Diagnostic>>) {
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
                "rootUri": uri,
                "capabilities": {},
                "workspaceFolders": [{ "uri": uri, "name": "campaigns" }],
            }),
        );
        assert_eq!(
            init.0["capabilities"]["textDocumentSync"],
            json!(2),
            "incremental sync"
        );
        client.notify("initialized", json!({}));
        let first = client.sync();
        (client, first)
    }

    fn send(&self, msg: Message) {
        self.conn.sender.send(msg).expect("the server is listening");
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )));
    }

    /// Send a request; its result and the diagnostics published before it.
    fn request(&mut self, method: &str, params: Value) -> (Value, HashMap<Url, Vec<Diagnostic>>) {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.to_string(),
            params,
        )));
        let mut published = HashMap::new();
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(WAIT)
                .expect("the server answers")
            {
                Message::Response(r) if r.id == id => {
                    return (r.response_result.unwrap_or(Value::Null), published);
                }
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                    let p: PublishDiagnosticsParams = serde_json::from_value(n.params).unwrap();
                    published.insert(p.uri, p.diagnostics);
                }
                _ => {}
            }
        }
    }

    /// Every diagnostic published so far (the latest per file): the server
    /// handles messages in order, so the answer to a request it does not
    /// know comes after the diagnostics of everything sent before.
    fn sync(&mut self) -> HashMap<Url, Vec<Diagnostic>> {
        self.request("collab/sync", json!({})).1
    }

    fn open(&mut self, path: &Path) -> HashMap<Url, Vec<Diagnostic>> {
        let text = std::fs::read_to_string(path).unwrap();
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": Url::from_file_path(path).unwrap(), "languageId": "yaml",
                "version": 1, "text": text,
            }}),
        );
        self.sync()
    }

    fn change(
        &mut self,
        path: &Path,
        version: i32,
        range: Range,
        text: &str,
    ) -> HashMap<Url, Vec<Diagnostic>> {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": Url::from_file_path(path).unwrap(), "version": version },
                "contentChanges": [{ "range": range, "text": text }],
            }),
        );
        self.sync()
    }

    fn close(&mut self, path: &Path) -> HashMap<Url, Vec<Diagnostic>> {
        self.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": Url::from_file_path(path).unwrap() } }),
        );
        self.sync()
    }

    fn shutdown(mut self) {
        let (result, _) = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        let server = self.server.take().unwrap();
        assert_eq!(server.join().unwrap(), Ok(()));
    }
}

/// The range of the first `word` after `after` in the file at `path`
/// (ASCII text, so characters are bytes).
fn range_of(path: &Path, after: &str, word: &str) -> Range {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text.find(after).unwrap();
    let start = at + text[at..].find(word).unwrap();
    let line = text[..start].matches('\n').count() as u32;
    let col = (start - text[..start].rfind('\n').map_or(0, |i| i + 1)) as u32;
    Range::new(
        Position::new(line, col),
        Position::new(line, col + word.len() as u32),
    )
}

fn of<'a>(published: &'a HashMap<Url, Vec<Diagnostic>>, path: &Path) -> &'a [Diagnostic] {
    published
        .get(&Url::from_file_path(path).unwrap())
        .map_or(&[], Vec::as_slice)
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter_map(|d| match &d.code {
            Some(NumberOrString::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn diagnostics_appear_clear_and_follow_other_files() {
    let tmp = common::example_copy("safer-streets");
    let root = tmp.path();
    let plan = root.join("plan.yaml");
    let partners = root.join("partners.yaml");
    let (mut client, first) = Client::start(root);
    assert!(
        first.contains_key(&Url::from_file_path(&plan).unwrap()),
        "every file is served"
    );
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
    let (mut client, _) = Client::start(root);
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

/// Server time from a keystroke to its diagnostics on an example campaign,
/// printed (run with `--nocapture`, in release for real figures); nothing
/// is asserted about time.
#[test]
fn keystroke_to_diagnostics_time() {
    for example in ["winter-fire-safety", "safer-streets"] {
        time_keystrokes(example);
    }
}

fn time_keystrokes(example: &str) {
    let tmp = common::example_copy(example);
    let root = tmp.path();
    let plan = root.join("plan.yaml");
    let (mut client, _) = Client::start(root);
    client.open(&plan);
    let mut times = Vec::new();
    for version in 2..42 {
        let at = Position::new(0, 0);
        let text = if version % 2 == 0 { "#" } else { "" };
        let range = if version % 2 == 0 {
            Range::new(at, at)
        } else {
            Range::new(at, Position::new(0, 1))
        };
        let started = Instant::now();
        let published = client.change(&plan, version, range, text);
        times.push(started.elapsed());
        assert!(of(&published, &plan).is_empty());
    }
    times.sort();
    println!(
        "{example}: keystroke to diagnostics over {} edits: median {:?}, 90th percentile {:?}, max {:?}",
        times.len(),
        times[times.len() / 2],
        times[times.len() * 9 / 10],
        times[times.len() - 1]
    );
    client.shutdown();
}

/// One LSP message with its header, as a client writes it.
fn framed(msg: &Value) -> String {
    let body = msg.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
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
    let uri = Url::from_file_path(tmp.path()).unwrap();
    let input = [
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
               "params": {"processId": null, "rootUri": uri, "capabilities": {}}}),
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        json!({"jsonrpc": "2.0", "method": "exit"}),
    ]
    .iter()
    .map(framed)
    .collect::<String>();
    let out = common::collab()
        .args(["lsp", "--stdio", "--today", common::TODAY])
        .write_stdin(input)
        .timeout(WAIT)
        .output()
        .unwrap();
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
