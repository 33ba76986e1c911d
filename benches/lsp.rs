//! Criterion benchmark for `collab lsp`: server time from one keystroke
//! (a `didChange` on `plan.yaml`) to the `publishDiagnostics` for that
//! version of `plan.yaml`. The server runs on its own thread over
//! `lsp_server::Connection::memory`, on a copy of each example and on a
//! generated campaign with 10, 100 and 1000 extra activities.
//! `cargo bench --bench lsp`

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use collab::model::Date;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types::Url;
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(60);

/// A client with the server on its own thread and `plan.yaml` open.
struct Session {
    conn: Connection,
    server: Option<JoinHandle<Result<(), String>>>,
    plan: Url,
    next_id: i32,
    version: i32,
}

impl Session {
    fn start(root: &Path) -> Session {
        let (server, conn) = Connection::memory();
        let today = Date::parse("2026-11-24");
        let handle = std::thread::spawn(move || collab::lsp::serve(&server, today));
        let folder = Url::from_directory_path(root).expect("an absolute folder");
        let plan = Url::from_file_path(root.join("plan.yaml")).expect("an absolute path");
        let mut session = Session {
            conn,
            server: Some(handle),
            plan,
            next_id: 0,
            version: 1,
        };
        session.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": folder,
                "capabilities": {},
                "workspaceFolders": [{ "uri": folder, "name": "campaign" }],
            }),
        );
        session.notify("initialized", json!({}));
        let text = std::fs::read_to_string(root.join("plan.yaml")).expect("plan.yaml reads");
        let doc = json!({ "uri": session.plan, "languageId": "yaml", "version": 1, "text": text });
        session.notify("textDocument/didOpen", json!({ "textDocument": doc }));
        session.request("collab/sync", json!({}));
        session
    }

    fn notify(&self, method: &str, params: Value) {
        let note = Notification::new(method.to_string(), params);
        self.conn
            .sender
            .send(Message::Notification(note))
            .expect("the server is listening");
    }

    /// Send a request and wait for its answer (a result or an error),
    /// dropping whatever the server publishes meanwhile.
    fn request(&mut self, method: &str, params: Value) {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        let req = Request::new(id.clone(), method.to_string(), params);
        self.conn
            .sender
            .send(Message::Request(req))
            .expect("the server is listening");
        loop {
            match self.conn.receiver.recv_timeout(WAIT).expect("an answer") {
                Message::Response(r) if r.id == id => return,
                _ => {}
            }
        }
    }

    /// One keystroke: a `#` typed at the start of `plan.yaml`, or deleted
    /// again. The time until the diagnostics for that version arrive; the
    /// other files' diagnostics are then drained, untimed.
    fn keystroke(&mut self) -> Duration {
        self.version += 1;
        let typing = self.version % 2 == 0;
        let end = if typing { 0 } else { 1 };
        let change = json!({
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": end } },
            "text": if typing { "#" } else { "" },
        });
        let started = Instant::now();
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": self.plan, "version": self.version },
                "contentChanges": [change],
            }),
        );
        self.wait_for_plan();
        let took = started.elapsed();
        self.request("collab/sync", json!({}));
        took
    }

    fn wait_for_plan(&self) {
        loop {
            let msg = self.conn.receiver.recv_timeout(WAIT).expect("diagnostics");
            let Message::Notification(n) = msg else {
                continue;
            };
            if n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == json!(self.plan)
                && n.params["version"] == json!(self.version)
            {
                return;
            }
        }
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        if let Some(server) = self.server.take() {
            let _ = server.join();
        }
    }
}

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("the example reads") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

/// A copy of winter-fire-safety with `n` more activities in its plan.
fn generated(n: usize) -> tempfile::TempDir {
    let tmp = tempfile::TempDir::new().expect("a temp folder");
    copy_dir(&example("winter-fire-safety"), tmp.path());
    let path = tmp.path().join("plan.yaml");
    let text = std::fs::read_to_string(&path).expect("plan.yaml reads");
    let extra: String = (0..n)
        .map(|i| {
            format!(
                "    - {{ id: extra-{i:04}, name: Extra activity {i}, owner: lfrs, \
                 channel: lfrs-visits, start: 2027-01-04, end: 2027-01-08, budget: 0 }}\n"
            )
        })
        .collect();
    let grown = text.replacen("  activities:\n", &format!("  activities:\n{extra}"), 1);
    std::fs::write(&path, grown).expect("plan.yaml writes");
    tmp
}

fn time_keystrokes(c: &mut Criterion, group: &str, id: BenchmarkId, root: &Path) {
    let mut session = Session::start(root);
    let mut g = c.benchmark_group(group);
    g.bench_function(id, |b| {
        b.iter_custom(|iters| (0..iters).map(|_| session.keystroke()).sum())
    });
    g.finish();
    session.shutdown();
}

fn examples(c: &mut Criterion) {
    for name in ["winter-fire-safety", "safer-streets"] {
        let tmp = tempfile::TempDir::new().expect("a temp folder");
        copy_dir(&example(name), tmp.path());
        let id = BenchmarkId::from_parameter(name);
        time_keystrokes(c, "keystroke to diagnostics", id, tmp.path());
    }
}

fn growth(c: &mut Criterion) {
    for n in [10, 100, 1000] {
        let tmp = generated(n);
        let id = BenchmarkId::from_parameter(n);
        time_keystrokes(
            c,
            "keystroke to diagnostics, extra activities",
            id,
            tmp.path(),
        );
    }
}

criterion_group!(lsp, examples, growth);
criterion_main!(lsp);
