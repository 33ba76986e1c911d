//! An in-memory LSP client for the `collab lsp` tests: the server runs on
//! its own thread over `lsp_server::Connection::memory`.

use std::collections::HashMap;
use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, ResponseError};
use lsp_types::{Diagnostic, NumberOrString, Position, PublishDiagnosticsParams, Range, Url};
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(60);

/// Diagnostics per file, the latest published for each.
pub type Published = HashMap<Url, Vec<Diagnostic>>;

/// A client talking to a server running on its own thread.
pub struct Client {
    conn: Connection,
    server: Option<JoinHandle<Result<(), String>>>,
    next_id: i32,
    /// The server's answer to `initialize`.
    pub init: Value,
    seen: Published,
}

impl Client {
    /// Start a server with `folder` as the workspace folder and initialize
    /// it; the first diagnostics wait in [`Client::sync`].
    pub fn start(folder: &Path) -> Client {
        let (server, conn) = Connection::memory();
        let today = collab::model::Date::parse(super::TODAY);
        let handle = std::thread::spawn(move || collab::lsp::serve(&server, today));
        let mut client = Client {
            conn,
            server: Some(handle),
            next_id: 0,
            init: Value::Null,
            seen: HashMap::new(),
        };
        let uri = url(folder);
        client.init = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri,
                "capabilities": {},
                "workspaceFolders": [{ "uri": uri, "name": "campaigns" }],
            }),
        );
        client.notify("initialized", json!({}));
        client
    }

    /// The capabilities the server announced.
    pub fn capabilities(&self) -> &Value {
        &self.init["capabilities"]
    }

    pub fn notify(&self, method: &str, params: Value) {
        let note = Notification::new(method.to_string(), params);
        self.conn
            .sender
            .send(Message::Notification(note))
            .expect("the server is listening");
    }

    /// Send a request; its result or error. Diagnostics published before
    /// the answer are kept for [`Client::sync`].
    pub fn try_request(&mut self, method: &str, params: Value) -> Result<Value, ResponseError> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let req = Request::new(id.clone(), method.to_string(), params);
        self.conn
            .sender
            .send(Message::Request(req))
            .expect("the server is listening");
        loop {
            match self.conn.receiver.recv_timeout(WAIT).expect("an answer") {
                Message::Response(r) if r.id == id => {
                    return r.response_result;
                }
                Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                    let p: PublishDiagnosticsParams = serde_json::from_value(n.params).unwrap();
                    self.seen.insert(p.uri, p.diagnostics);
                }
                _ => {}
            }
        }
    }

    /// Send a request and give its result, failing the test on an error.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.try_request(method, params)
            .unwrap_or_else(|e| panic!("{method} failed: {e:?}"))
    }

    /// A request about the document at `path` and position `pos`.
    pub fn at(&mut self, method: &str, path: &Path, pos: Position) -> Value {
        self.request(method, position_params(path, pos))
    }

    /// Every diagnostic published since the last call (the latest per
    /// file): the server handles messages in order, so the answer to a
    /// request it does not know comes after everything sent before.
    pub fn sync(&mut self) -> Published {
        let _ = self.try_request("collab/sync", json!({}));
        std::mem::take(&mut self.seen)
    }

    /// Open the file at `path` with its text on disk.
    pub fn open(&mut self, path: &Path) -> Published {
        let text = std::fs::read_to_string(path).unwrap();
        self.open_text(path, &text)
    }

    /// Open the document at `path` with `text` (unsaved).
    pub fn open_text(&mut self, path: &Path, text: &str) -> Published {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": url(path), "languageId": "yaml", "version": 1, "text": text,
            }}),
        );
        self.sync()
    }

    /// Replace `range` of the open document with `text`.
    pub fn change(&mut self, path: &Path, version: i32, range: Range, text: &str) -> Published {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": url(path), "version": version },
                "contentChanges": [{ "range": range, "text": text }],
            }),
        );
        self.sync()
    }

    pub fn close(&mut self, path: &Path) -> Published {
        self.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": url(path) } }),
        );
        self.sync()
    }

    /// Shut the server down and check that it stopped cleanly.
    pub fn shutdown(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let server = self.server.take().unwrap();
        assert_eq!(server.join().unwrap(), Ok(()));
    }
}

pub fn url(path: &Path) -> Url {
    Url::from_file_path(path).unwrap()
}

/// The parameters of a request about `pos` in the document at `path`.
pub fn position_params(path: &Path, pos: Position) -> Value {
    json!({ "textDocument": { "uri": url(path) }, "position": pos })
}

/// The position `into` bytes into the first `word` after `after` in `text`
/// (ASCII up to there, so characters are bytes).
pub fn position_in(text: &str, after: &str, word: &str, into: usize) -> Position {
    let start = text.find(after).expect("`after` is in the text");
    let start = start + text[start..].find(word).expect("`word` follows") + into;
    let line = text[..start].matches('\n').count() as u32;
    let col = start - text[..start].rfind('\n').map_or(0, |i| i + 1);
    Position::new(line, col as u32)
}

/// [`position_in`] the file at `path`.
pub fn position_of(path: &Path, after: &str, word: &str, into: usize) -> Position {
    let text = std::fs::read_to_string(path).unwrap();
    position_in(&text, after, word, into)
}

/// The range of the first `word` after `after` in the file at `path`.
pub fn range_of(path: &Path, after: &str, word: &str) -> Range {
    let start = position_of(path, after, word, 0);
    let end = Position::new(start.line, start.character + word.len() as u32);
    Range::new(start, end)
}

/// The diagnostics published for `path`.
pub fn of<'a>(published: &'a Published, path: &Path) -> &'a [Diagnostic] {
    published.get(&url(path)).map_or(&[], Vec::as_slice)
}

/// The rule ids of `diagnostics`.
pub fn codes(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter_map(|d| match &d.code {
            Some(NumberOrString::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

/// One LSP message with its header, as a client writes it.
pub fn framed(msg: &Value) -> String {
    let body = msg.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

/// Run the binary with `args` (such as `lsp --stdio`) on the workspace
/// `folder` through initialize, initialized, shutdown and exit, as a
/// client writes them; its output.
pub fn stdio_session(args: &[String], folder: &Path) -> std::process::Output {
    let uri = url(folder);
    let input: String = [
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
               "params": {"processId": null, "rootUri": uri, "capabilities": {}}}),
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        json!({"jsonrpc": "2.0", "method": "exit"}),
    ]
    .iter()
    .map(framed)
    .collect();
    super::collab()
        .args(args)
        .write_stdin(input)
        .timeout(WAIT)
        .output()
        .expect("collab runs")
}
