//! Source text with the position arithmetic every diagnostic needs:
//! byte spans, 1-based lines and character columns.

use std::sync::Arc;

/// A byte range in one source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    pub fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// The UTF-8 byte-order mark some editors put at the start of a file.
pub const BOM: &str = "\u{feff}";

/// Where each line starts. A line ends at `\r\n`, `\n` or a lone `\r`, as
/// YAML has it.
pub fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (i, b) in bytes.iter().enumerate() {
        let ends_line = match b {
            b'\n' => true,
            b'\r' => bytes.get(i + 1) != Some(&b'\n'),
            _ => false,
        };
        if ends_line {
            starts.push(i + 1);
        }
    }
    starts
}

/// A 1-based line and 1-based character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The text of one file, shared cheaply between the loader and the printers.
#[derive(Debug, Clone)]
pub struct SourceText {
    text: Arc<str>,
    line_starts: Arc<[usize]>,
    /// Byte offset of every character, present only when the text is not ASCII.
    char_offsets: Option<Arc<[usize]>>,
}

impl SourceText {
    pub fn new(text: String) -> Self {
        let line_starts = line_starts(&text);
        let char_offsets = if text.is_ascii() {
            None
        } else {
            let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            v.push(text.len());
            Some(v.into())
        };
        SourceText {
            text: text.into(),
            line_starts: line_starts.into(),
            char_offsets,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn shared(&self) -> Arc<str> {
        Arc::clone(&self.text)
    }

    /// Byte offset of the character at `index` (parsers count characters).
    pub fn char_to_byte(&self, index: usize) -> usize {
        match &self.char_offsets {
            None => index.min(self.text.len()),
            Some(offsets) => offsets.get(index).copied().unwrap_or(self.text.len()),
        }
    }

    /// Line and character column of a byte offset, both from 1.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line_idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let mut line_start = self.line_starts[line_idx];
        if line_start == 0 && self.text.starts_with(BOM) {
            // A byte-order mark is not a character anyone sees.
            line_start = BOM.len().min(offset);
        }
        let column = self.text[line_start..offset].chars().count() + 1;
        LineCol {
            line: line_idx + 1,
            column,
        }
    }

    /// Byte offset of a 1-based line and character column (for parsers that
    /// report positions that way).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.text[start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(self.text.len(), |(i, _)| start + i)
    }

    /// The first line of a span, for labels that should not print a whole
    /// mapping.
    pub fn first_line(&self, span: Span) -> Span {
        let end = self.text[span.start.min(self.text.len())..]
            .find(['\n', '\r'])
            .map_or(self.text.len(), |i| span.start + i);
        Span::new(span.start, span.end.min(end))
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column() {
        let s = SourceText::new("ab\ncé d\n".into());
        assert_eq!(s.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(s.line_col(3), LineCol { line: 2, column: 1 });
        // "d" comes after a two-byte character.
        assert_eq!(s.line_col(7), LineCol { line: 2, column: 4 });
        assert_eq!(s.offset_of(2, 4), 7);
        assert_eq!(s.char_to_byte(5), 6);
    }

    /// Line and column of every `x` in a text.
    fn positions(text: &str) -> Vec<(usize, usize)> {
        let s = SourceText::new(text.to_string());
        text.match_indices('x')
            .map(|(i, _)| {
                let at = s.line_col(i);
                (at.line, at.column)
            })
            .collect()
    }

    #[test]
    fn every_line_ending_starts_a_line() {
        let want = vec![(1, 1), (2, 3), (4, 2)];
        for text in ["x\n  x\n\n x\n", "x\r\n  x\r\n\r\n x\r\n", "x\r  x\r\r x\r"] {
            assert_eq!(positions(text), want, "{text:?}");
        }
        // Mixed endings: each counts once.
        assert_eq!(
            positions("x\r\nx\rx\nx"),
            vec![(1, 1), (2, 1), (3, 1), (4, 1)]
        );
    }

    #[test]
    fn a_byte_order_mark_takes_no_column() {
        let s = SourceText::new(format!("{BOM}kind: x\nb: 1\n"));
        assert_eq!(s.line_col(BOM.len()), LineCol { line: 1, column: 1 });
        assert_eq!(s.line_col(BOM.len() + 6), LineCol { line: 1, column: 7 });
        assert_eq!(s.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(s.line_col(BOM.len() + 8), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn first_line_stops_at_any_line_ending() {
        let s = SourceText::new("ab\rcd\r".into());
        assert_eq!(s.first_line(Span::new(0, 5)), Span::new(0, 2));
    }
}
