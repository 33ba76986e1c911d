//! Requests about one document (hover, document symbols, code actions):
//! the campaign of the document is loaded with the open documents' texts
//! and the pure functions in `hover`, `symbols` and `actions` answer.

use std::path::Path;

use lsp_server::{Request, Response};
use lsp_types::request::{CodeActionRequest, DocumentSymbolRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeActionParams, DocumentSymbolParams, DocumentSymbolResponse, Hover, HoverContents,
    HoverParams, MarkupContent, MarkupKind, Url,
};

use crate::campaign::Campaign;
use crate::diagnostic::Finding;
use crate::workspace_check::{Filter, check_workspace};

use super::diagnostics::range;
use super::documents::offset;
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
            let doc = campaign.documents.iter().find(|d| d.file.path == path)?;
            let text = doc.file.source.text();
            let at = offset(text, pos);
            let (span, markdown) = hover::hover(campaign, path, at, findings)?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: markdown,
                }),
                range: Some(range(text, span)),
            })
        })
        .flatten()
    }
}
