//! The documents open in the editor: their text as the editor has it,
//! kept in step by incremental changes. LSP positions count UTF-16 code
//! units within a line; collab's spans count bytes, so every position
//! passes through [`offset`] or [`position`].

use std::collections::HashMap;
use std::path::PathBuf;

use lsp_types::{Position, TextDocumentContentChangeEvent, Url};

use crate::source::line_starts;

/// One open document.
#[derive(Debug, Clone)]
pub struct OpenDocument {
    pub text: String,
    pub version: i32,
}

/// Every open document, by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<Url, OpenDocument>,
}

impl Documents {
    pub fn open(&mut self, uri: Url, text: String, version: i32) {
        self.open.insert(uri, OpenDocument { text, version });
    }

    /// Apply the editor's changes in order; false when the document is not
    /// open (the change is then ignored).
    pub fn change(
        &mut self,
        uri: &Url,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
    ) -> bool {
        let Some(doc) = self.open.get_mut(uri) else {
            return false;
        };
        for change in changes {
            apply_change(&mut doc.text, change);
        }
        doc.version = version;
        true
    }

    pub fn close(&mut self, uri: &Url) {
        self.open.remove(uri);
    }

    pub fn get(&self, uri: &Url) -> Option<&OpenDocument> {
        self.open.get(uri)
    }

    /// The open documents' texts by normalised path, to stand for what is
    /// on disk when a campaign is loaded.
    pub fn overrides(&self) -> HashMap<PathBuf, Vec<u8>> {
        self.open
            .iter()
            .filter_map(|(uri, doc)| Some((file_path(uri)?, doc.text.clone().into_bytes())))
            .collect()
    }
}

/// The normalised path of a `file:` URI.
pub fn file_path(uri: &Url) -> Option<PathBuf> {
    uri.to_file_path()
        .ok()
        .map(|p| crate::discover::normalize(&p))
}

/// Apply one change: a range replaced by text, or (without a range) the
/// whole text replaced.
pub fn apply_change(text: &mut String, change: &TextDocumentContentChangeEvent) {
    match change.range {
        None => text.clone_from(&change.text),
        Some(range) => {
            let start = offset(text, range.start);
            let end = offset(text, range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}

/// The byte offset of an LSP position. A character past the end of its
/// line means the end of the line (before its line break), a line past the
/// last means the end of the text, and a position inside a surrogate pair
/// moves to the end of that character, as the protocol asks.
pub fn offset(text: &str, pos: Position) -> usize {
    let starts = line_starts(text);
    let Some(&start) = starts.get(pos.line as usize) else {
        return text.len();
    };
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    let mut units: u32 = 0;
    for (i, ch) in text[start..end].char_indices() {
        if units >= pos.character {
            return start + i;
        }
        units += ch.len_utf16() as u32;
    }
    end
}

/// The LSP position of a byte offset (moved back to a character boundary).
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let starts = line_starts(text);
    let line = match starts.binary_search(&offset) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    };
    let start = starts.get(line).copied().unwrap_or(0);
    let character = text[start..offset].encode_utf16().count();
    Position::new(line as u32, character as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::Range;

    fn change(range: Option<(u32, u32, u32, u32)>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range
                .map(|(l1, c1, l2, c2)| Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn utf16_positions_become_byte_offsets() {
        // "é" is 2 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
        let text = "a: é😀x\r\nb: c\rd\n";
        assert_eq!(offset(text, Position::new(0, 3)), 3);
        assert_eq!(offset(text, Position::new(0, 4)), 5);
        assert_eq!(offset(text, Position::new(0, 6)), 9, "after the emoji");
        assert_eq!(offset(text, Position::new(0, 5)), 9, "inside the pair");
        assert_eq!(offset(text, Position::new(0, 99)), 10, "end of line 0");
        assert_eq!(offset(text, Position::new(1, 3)), 15);
        assert_eq!(offset(text, Position::new(2, 0)), 17, "after a lone CR");
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
        for (byte, pos) in [(9, (0, 6)), (15, (1, 3)), (17, (2, 0)), (5, (0, 4))] {
            assert_eq!(position(text, byte), Position::new(pos.0, pos.1));
        }
        assert_eq!(position(text, 6), Position::new(0, 4), "inside a character");
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut text = "owner: lfrs\nname: Ünïcode 😀 here\n".to_string();
        apply_change(&mut text, &change(Some((0, 7, 0, 11)), "police"));
        apply_change(&mut text, &change(Some((1, 16, 1, 17)), "!"));
        apply_change(&mut text, &change(Some((1, 21, 2, 0)), ""));
        assert_eq!(text, "owner: police\nname: Ünïcode 😀!here");
        apply_change(&mut text, &change(None, "all new"));
        assert_eq!(text, "all new");
    }
}
