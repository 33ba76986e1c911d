//! `collab lsp`: a language server that checks every campaign under the
//! editor's workspace folders as it is typed. The open documents' unsaved
//! texts stand for their files; after each change the whole campaign of
//! the changed file is checked again, as `validate` checks it, and every
//! file of that campaign gets its diagnostics (an empty list clears them).

pub mod actions;
pub mod complete;
pub mod diagnostics;
pub mod documents;
pub mod hover;
mod keydoc;
pub mod navigate;
mod queries;
pub mod spot;
pub mod symbols;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{GotoDefinition, PrepareRenameRequest, References, Rename, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, InitializeParams, OneOf, PublishDiagnosticsParams, RenameOptions,
    ServerCapabilities, ServerInfo, TextDocumentPositionParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, Url,
};

use crate::discover;
use crate::load::{self, Inputs};
use crate::model::Date;
use crate::model::config::CONFIG_FILE;
use crate::workspace_check::{Filter, check_workspace};

use documents::{Documents, file_path};

/// What the server tells the client it can do.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(
                [":", " ", "-", "[", ",", "=", "\""]
                    .map(String::from)
                    .to_vec(),
            ),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(actions::FIX_ALL),
            ]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// Serve one client on `connection` until it shuts down. `today` pins the
/// date the date rules use (`--today`).
pub fn serve(connection: &Connection, today: Option<Date>) -> Result<(), String> {
    let caps = serde_json::to_value(capabilities()).map_err(|e| e.to_string())?;
    let params = connection
        .initialize_start()
        .map_err(|e| format!("no initialize request: {e}"))?;
    let (id, params) = params;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("bad initialize request: {e}"))?;
    let result = serde_json::json!({
        "capabilities": caps,
        "serverInfo": ServerInfo {
            name: "collab".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| format!("initialisation failed: {e}"))?;
    let mut server = Server::new(workspace_folders(&params), today);
    let first = server.check_all();
    send_all(connection, first)?;
    main_loop(connection, &mut server)
}

/// The workspace folders the client named, or its root.
#[allow(deprecated)] // root_uri and root_path: older clients send only these
fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| file_path(&f.uri))
        .collect();
    if folders.is_empty() {
        folders.extend(params.root_uri.as_ref().and_then(file_path));
    }
    if folders.is_empty() {
        folders.extend(params.root_path.as_ref().map(PathBuf::from));
    }
    folders
}

fn main_loop(connection: &Connection, server: &mut Server) -> Result<(), String> {
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection
                    .handle_shutdown(&req)
                    .map_err(|e| format!("shutting down: {e}"))?
                {
                    return Ok(());
                }
                if let Some(reply) = queries::answer(server, &req) {
                    send(connection, Message::Response(reply))?;
                    continue;
                }
                let reply = server.answer(req);
                send(connection, Message::Response(reply))?;
            }
            Message::Notification(note) => {
                if note.method == "exit" {
                    return Ok(());
                }
                let out = server.notified(note);
                send_all(connection, out)?;
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

fn send(connection: &Connection, msg: Message) -> Result<(), String> {
    connection
        .sender
        .send(msg)
        .map_err(|e| format!("the client has gone: {e}"))
}

fn send_all(connection: &Connection, out: Vec<PublishDiagnosticsParams>) -> Result<(), String> {
    for params in out {
        let note = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
        send(connection, Message::Notification(note))?;
    }
    Ok(())
}

/// The server's state: the workspace, the open documents, and which files
/// of each campaign were last given diagnostics (so they can be cleared).
pub struct Server {
    folders: Vec<PathBuf>,
    today: Option<Date>,
    documents: Documents,
    published: HashMap<PathBuf, BTreeSet<PathBuf>>,
}

impl Server {
    pub fn new(folders: Vec<PathBuf>, today: Option<Date>) -> Self {
        Server {
            folders,
            today,
            documents: Documents::default(),
            published: HashMap::new(),
        }
    }

    /// Diagnostics for every campaign under the workspace folders.
    pub fn check_all(&mut self) -> Vec<PublishDiagnosticsParams> {
        let mut roots: Vec<PathBuf> = Vec::new();
        for folder in &self.folders {
            match discover::find_campaign_root(folder) {
                Some(root) => roots.push(root),
                None => roots.extend(discover::campaigns_below(folder)),
            }
        }
        roots.sort();
        roots.dedup();
        roots.iter().flat_map(|root| self.check(root)).collect()
    }

    /// Act on a notification; the diagnostics to publish in answer.
    pub fn notified(&mut self, note: Notification) -> Vec<PublishDiagnosticsParams> {
        let uri = match note.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(note.params)
                else {
                    return Vec::new();
                };
                let doc = p.text_document;
                self.documents.open(doc.uri.clone(), doc.text, doc.version);
                doc.uri
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(note.params)
                else {
                    return Vec::new();
                };
                let doc = p.text_document;
                if !self
                    .documents
                    .change(&doc.uri, doc.version, &p.content_changes)
                {
                    return Vec::new();
                }
                doc.uri
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(note.params)
                else {
                    return Vec::new();
                };
                self.documents.close(&p.text_document.uri);
                p.text_document.uri
            }
            _ => return Vec::new(),
        };
        match file_path(&uri).and_then(|path| campaign_of(&path)) {
            Some(root) => self.check(&root),
            None => Vec::new(),
        }
    }

    /// Check one campaign with the open documents' texts and give every
    /// file of it (and every file given diagnostics last time) its list.
    pub fn check(&mut self, root: &Path) -> Vec<PublishDiagnosticsParams> {
        let inputs = Inputs {
            overrides: self.documents.overrides(),
            ..Inputs::default()
        };
        let Ok(ws) = load::load_inputs(root, &[root.to_path_buf()], &inputs) else {
            return Vec::new();
        };
        let filter = Filter {
            today: self.today,
            ..Filter::default()
        };
        let report = check_workspace(&ws, &filter);
        let mut found = diagnostics::by_file(&report.findings);
        let mut files: BTreeSet<PathBuf> = ws
            .campaigns
            .iter()
            .flat_map(|c| {
                let docs = c.documents.iter().map(|d| d.file.path.clone());
                docs.chain([c.config.file.path.clone()])
            })
            .chain(found.keys().cloned())
            .collect();
        files.insert(root.join(CONFIG_FILE));
        let before = self.published.insert(root.to_path_buf(), files.clone());
        files.extend(before.into_iter().flatten());
        files
            .into_iter()
            .filter_map(|path| {
                let uri = Url::from_file_path(&path).ok()?;
                let version = self.documents.get(&uri).map(|d| d.version);
                let diagnostics = found.remove(&path).unwrap_or_default();
                Some(PublishDiagnosticsParams::new(uri, diagnostics, version))
            })
            .collect()
    }
}

impl Server {
    /// Answer a request: go to definition, find references and rename
    /// ([`navigate`]); any other method is not one collab answers.
    pub fn answer(&self, req: Request) -> Response {
        let Request { id, method, params } = req;
        // Each of these requests carries the document and the position.
        let pos = |p: &serde_json::Value| {
            serde_json::from_value::<TextDocumentPositionParams>(p.clone()).ok()
        };
        let loaded = match method.as_str() {
            GotoDefinition::METHOD
            | References::METHOD
            | Rename::METHOD
            | PrepareRenameRequest::METHOD => {
                pos(&params).and_then(|at| Some((self.campaign_for(&at.text_document.uri)?, at)))
            }
            _ => {
                let msg = format!("collab does not answer `{method}`");
                return Response::new_err(id, ErrorCode::MethodNotFound as i32, msg);
            }
        };
        let Some(((path, campaign), at)) = loaded else {
            return Response::new_ok(id, serde_json::Value::Null);
        };
        let p = at.position;
        match method.as_str() {
            GotoDefinition::METHOD => {
                Response::new_ok(id, navigate::definition(&campaign, &path, p))
            }
            References::METHOD => {
                let declaration = params["context"]["includeDeclaration"].as_bool();
                let found = navigate::references(&campaign, &path, p, declaration != Some(false));
                Response::new_ok(id, found)
            }
            PrepareRenameRequest::METHOD => {
                let found = navigate::prepare_rename(&campaign, &path, p)
                    .map(|(range, id)| serde_json::json!({ "range": range, "placeholder": id }));
                Response::new_ok(id, found)
            }
            _ => {
                let new = params["newName"].as_str().unwrap_or_default();
                match navigate::rename(&campaign, &path, p, new) {
                    Ok(edit) => Response::new_ok(id, edit),
                    Err(msg) => Response::new_err(id, ErrorCode::RequestFailed as i32, msg),
                }
            }
        }
    }

    /// The campaign a document belongs to, loaded with the open documents'
    /// texts, and the document's normalised path.
    fn campaign_for(&self, uri: &Url) -> Option<(PathBuf, crate::campaign::Campaign)> {
        let (path, _, ws) = self.workspace_for(uri)?;
        Some((path, ws.campaigns.into_iter().next()?))
    }

    /// The document's normalised path, its campaign's root, and that
    /// campaign loaded with the open documents' texts winning over disk.
    fn workspace_for(&self, uri: &Url) -> Option<(PathBuf, PathBuf, load::Workspace)> {
        let path = file_path(uri)?;
        let root = campaign_of(&path)?;
        let inputs = Inputs {
            overrides: self.documents.overrides(),
            ..Inputs::default()
        };
        let ws = load::load_inputs(&root, std::slice::from_ref(&root), &inputs).ok()?;
        Some((path, root, ws))
    }
}

/// The campaign folder a file belongs to: for `collab.toml`, its own.
fn campaign_of(file: &Path) -> Option<PathBuf> {
    let dir = file.parent()?;
    if file.file_name() == Some(CONFIG_FILE.as_ref()) {
        return Some(dir.to_path_buf());
    }
    discover::find_campaign_root(dir)
}
