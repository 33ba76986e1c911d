//! Requests about one document (hover, document symbols, code actions):
//! the campaign of the document is loaded with the open documents' texts
//! and the pure functions in `hover`, `symbols` and `actions` answer.

use std::path::Path;

use lsp_server::{Request, Response};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, HoverRequest, Request as _,
};
use lsp_types::{
    CodeActionParams, CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse,
    DocumentSymbolParams, DocumentSymbolResponse, Documentation, Hover, HoverContents, HoverParams,
    MarkupContent, MarkupKind, Url,
};

use crate::campaign::Campaign;
use crate::diagnostic::Finding;
use crate::workspace_check::{Filter, check_workspace};

use super::complete::{self, FileKind, Suggestion, What};
use super::diagnostics::range;
use super::documents::{file_path, offset};
use super::{Server, actions, hover, symbols};

/// The answer to `req` when it is one of these requests.
pub fn answer(server: &Server, req: &Request) -> Option<Response> {
    let result = match req.method.as_str() {
        HoverRequest::METHOD => {
            let p: HoverParams = serde_json::from_value(req.params.clone()).ok()?;
            let doc = p.text_document_position_params;
            serde_json::to_value(server.hover(&doc.text_document.uri, doc.position))
        }
        DocumentSymbolRequest::METHOD => {
            let p: DocumentSymbolParams = serde_json::from_value(req.params.clone()).ok()?;
            let found =
                server.with_campaign(&p.text_document.uri, |c, path, _| symbols::symbols(c, path));
            serde_json::to_value(found.map(DocumentSymbolResponse::Nested))
        }
        Completion::METHOD => {
            let p: CompletionParams = serde_json::from_value(req.params.clone()).ok()?;
            let doc = p.text_document_position;
            let items = server.complete(&doc.text_document.uri, doc.position);
            serde_json::to_value(CompletionResponse::Array(items))
        }
        CodeActionRequest::METHOD => {
            let p: CodeActionParams = serde_json::from_value(req.params.clone()).ok()?;
            let uri = &p.text_document.uri;
            let found = server.with_campaign(uri, |_, path, findings| {
                actions::actions(uri, path, findings, p.range, &p.context)
            });
            serde_json::to_value(found.unwrap_or_default())
        }
        _ => return None,
    };
    Some(match result {
        Ok(value) => Response::new_ok(req.id.clone(), value),
        Err(e) => Response::new_err(
            req.id.clone(),
            lsp_server::ErrorCode::InternalError as i32,
            e.to_string(),
        ),
    })
}

impl Server {
    /// Load the campaign of `uri` (open documents' texts winning), check it,
    /// and call `f` with the campaign, the file's path and the findings.
    fn with_campaign<R>(
        &self,
        uri: &Url,
        f: impl FnOnce(&Campaign, &Path, &[Finding]) -> R,
    ) -> Option<R> {
        let (path, root, ws) = self.workspace_for(uri)?;
        let filter = Filter {
            today: self.today,
            ..Filter::default()
        };
        let report = check_workspace(&ws, &filter);
        let campaign = ws.campaigns.iter().find(|c| c.root == root)?;
        Some(f(campaign, &path, &report.findings))
    }

    fn hover(&self, uri: &Url, pos: lsp_types::Position) -> Option<Hover> {
        self.with_campaign(uri, |campaign, path, findings| {
            if campaign.config.file.path == path {
                let text = campaign.config.file.source.text();
                let found = complete::hover(text, offset(text, pos), FileKind::Config)?;
                return Some(markdown_hover(text, found));
            }
            let doc = campaign.documents.iter().find(|d| d.file.path == path)?;
            let text = doc.file.source.text();
            let at = offset(text, pos);
            let found = hover::hover(campaign, path, at, findings);
            let meaning = complete::hover(text, at, FileKind::Yaml);
            let found = match (found, meaning) {
                (Some((span, a)), Some((_, b))) => Some((span, format!("{a}\n\n---\n\n{b}"))),
                (found, meaning) => found.or(meaning),
            };
            Some(markdown_hover(text, found?))
        })
        .flatten()
    }

    /// The completions at `pos` of the document at `uri`: its unsaved text
    /// (or the file on disk) and its campaign, when that loads.
    fn complete(&self, uri: &Url, pos: lsp_types::Position) -> Vec<CompletionItem> {
        let Some(path) = file_path(uri) else {
            return Vec::new();
        };
        let text = match self.documents.get(uri) {
            Some(doc) => doc.text.clone(),
            None => std::fs::read_to_string(&path).unwrap_or_default(),
        };
        let file = match path.file_name() == Some(crate::model::config::CONFIG_FILE.as_ref()) {
            true => FileKind::Config,
            false => FileKind::Yaml,
        };
        let loaded = self.workspace_for(uri);
        let campaign = loaded.as_ref().and_then(|(_, _, ws)| ws.campaigns.first());
        complete::complete(&text, offset(&text, pos), file, campaign)
            .into_iter()
            .map(item)
            .collect()
    }
}

fn markdown_hover(text: &str, (span, markdown): (crate::source::Span, String)) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(range(text, span)),
    }
}

fn item(s: Suggestion) -> CompletionItem {
    let kind = match s.what {
        What::Key => CompletionItemKind::PROPERTY,
        What::EnumValue => CompletionItemKind::ENUM_MEMBER,
        What::Reference => CompletionItemKind::REFERENCE,
    };
    CompletionItem {
        label: s.label,
        kind: Some(kind),
        detail: s.detail,
        documentation: s.documentation.map(|value| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            })
        }),
        insert_text: Some(s.insert),
        ..CompletionItem::default()
    }
}
