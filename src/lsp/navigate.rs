//! Go to definition, find references and rename. Which id is under the
//! cursor, and where else it is written, comes from the same finder the
//! `rename` command uses ([`crate::rename::places`]), so the editor and
//! the command always agree. Pure: the campaign is loaded by the caller.

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{Location, Position, Range, TextEdit, Url, WorkspaceEdit};

use super::documents::{offset, position};
use crate::campaign::Campaign;
use crate::diagnostic::SourceFile;
use crate::rename::{self, IdKind, Occurrence, occurrences, places};
use crate::source::Span;

/// The id written at `pos` in the file at `path` (a normalised path), and
/// its kind; `None` when the cursor is on no id.
pub fn id_at<'a>(
    campaign: &'a Campaign,
    path: &Path,
    pos: Position,
) -> Option<(IdKind, Occurrence<'a>)> {
    let file = file_of(campaign, path)?;
    let at = offset(file.source.text(), pos);
    IdKind::ALL.into_iter().find_map(|kind| {
        places(campaign, kind)
            .into_iter()
            .find(|o| o.file.path == path && o.span.start <= at && at <= o.span.end)
            .map(|o| (kind, o))
    })
}

/// The file of the campaign at `path`.
fn file_of<'a>(campaign: &'a Campaign, path: &Path) -> Option<&'a SourceFile> {
    if campaign.config.file.path == path {
        return Some(&campaign.config.file);
    }
    campaign
        .documents
        .iter()
        .find(|d| d.file.path == path)
        .map(|d| d.file.as_ref())
}

/// Where the id under the cursor is defined (more than one place when it
/// is defined twice).
pub fn definition(campaign: &Campaign, path: &Path, pos: Position) -> Vec<Location> {
    let Some((kind, here)) = id_at(campaign, path, pos) else {
        return Vec::new();
    };
    occurrences(campaign, kind, here.id)
        .iter()
        .filter(|o| o.definition)
        .filter_map(location)
        .collect()
}

/// Every reference to the id under the cursor, its definition too when
/// `declaration` is set.
pub fn references(
    campaign: &Campaign,
    path: &Path,
    pos: Position,
    declaration: bool,
) -> Vec<Location> {
    let Some((kind, here)) = id_at(campaign, path, pos) else {
        return Vec::new();
    };
    occurrences(campaign, kind, here.id)
        .iter()
        .filter(|o| declaration || !o.definition)
        .filter_map(location)
        .collect()
}

/// The range of the id under the cursor (inside any quotes) and the id,
/// when there is one to rename.
pub fn prepare_rename(campaign: &Campaign, path: &Path, pos: Position) -> Option<(Range, String)> {
    let (_, here) = id_at(campaign, path, pos)?;
    let text = here.file.source.text();
    let mut span = here.span;
    let written = text.get(span.start..span.end).unwrap_or_default();
    if written.len() >= 2 && (written.starts_with(['"', '\''])) {
        span = Span {
            start: span.start + 1,
            end: span.end - 1,
        };
    }
    Some((range(text, span), here.id.to_string()))
}

/// Rename the id under the cursor to `new` everywhere in the campaign, as
/// one edit over every file; refused, with the message `collab rename`
/// gives, in the cases it refuses.
pub fn rename(
    campaign: &Campaign,
    path: &Path,
    pos: Position,
    new: &str,
) -> Result<WorkspaceEdit, String> {
    let (kind, here) =
        id_at(campaign, path, pos).ok_or_else(|| "there is no id here to rename".to_string())?;
    let edits = rename::rename(campaign, kind, here.id, new).map_err(|e| e.to_string())?;
    let mut changes = HashMap::new();
    for edit in &edits {
        let uri = Url::from_file_path(&edit.file.path)
            .map_err(|()| format!("{} has no file URI", edit.file.path.display()))?;
        let text = edit.file.source.text();
        let list = edit
            .splices
            .iter()
            .map(|s| TextEdit::new(range(text, s.span), s.text.clone()))
            .collect();
        changes.insert(uri, list);
    }
    Ok(WorkspaceEdit::new(changes))
}

fn location(o: &Occurrence<'_>) -> Option<Location> {
    let uri = Url::from_file_path(&o.file.path).ok()?;
    Some(Location::new(uri, range(o.file.source.text(), o.span)))
}

fn range(text: &str, span: Span) -> Range {
    Range::new(position(text, span.start), position(text, span.end))
}
