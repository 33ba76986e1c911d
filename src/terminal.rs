//! Text from campaign files on its way to a terminal.
//!
//! A file can hold characters that a terminal obeys rather than shows: ESC
//! starts sequences that move the cursor, clear the screen or retitle the
//! window; BEL rings; CR goes back over what was printed; C1 codes (U+0080
//! to U+009F) are single-character versions of those sequences; and the
//! bidirectional overrides reorder what follows them, so a reviewer sees
//! something other than what is there. Every human-facing printer shows
//! such characters escaped, as `\u{1b}`, so the reader sees that they are
//! there and the terminal does nothing with them. Pure.

use std::borrow::Cow;
use std::sync::Arc;

/// Whether a character must be shown escaped. Line feeds and tabs are
/// layout, and stay.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// The explicit bidirectional embeddings, overrides and isolates (the
/// "Trojan Source" characters). Right-to-left text itself needs none of them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// How an unsafe character is shown.
fn escaped(c: char) -> String {
    format!("\\u{{{:x}}}", c as u32)
}

/// `text` with every unsafe character escaped; borrowed when there is none.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A source text with its unsafe characters escaped, and the way from a
/// byte offset in the original to the same place in the escaped text.
#[derive(Debug, Clone)]
pub struct Escaped {
    pub text: Arc<str>,
    /// For each escaped character: its offset in the original, and how many
    /// bytes longer the text is after it than before it.
    shifts: Vec<(usize, usize)>,
}

impl Escaped {
    /// Escape `text`, keeping its line breaks: YAML counts LF, CRLF and a
    /// lone CR as one, so a lone CR is shown as LF (the same length, so
    /// offsets do not move) and CRLF stays.
    pub fn new(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        let mut grown = 0;
        let bytes = text.as_bytes();
        for (i, c) in text.char_indices() {
            if c == '\r' {
                let crlf = bytes.get(i + 1) == Some(&b'\n');
                out.push(if crlf { '\r' } else { '\n' });
            } else if is_unsafe(c) {
                let e = escaped(c);
                grown += e.len() - c.len_utf8();
                shifts.push((i, grown));
                out.push_str(&e);
            } else {
                out.push(c);
            }
        }
        Escaped {
            text: out.into(),
            shifts,
        }
    }

    /// Where byte `offset` of the original lies in the escaped text. An
    /// offset on an escaped character maps to the start of its escape.
    pub fn map(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|(at, _)| *at < offset);
        let grown = before.checked_sub(1).map_or(0, |i| self.shifts[i].1);
        offset + grown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(escape("Café – plan, مرحبا"), Cow::Borrowed(_)));
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(escape("a\u{1b}]0;owned\u{7}b"), "a\\u{1b}]0;owned\\u{7}b");
        assert_eq!(escape("x\u{9b}2J"), "x\\u{9b}2J");
        assert_eq!(escape("x\ry"), "x\\u{d}y");
        assert_eq!(escape("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(escape("tab\tand\nline"), "tab\tand\nline");
    }

    #[test]
    fn snippet_text_keeps_line_breaks() {
        let e = Escaped::new("a\r\nb\rc\u{1b}");
        assert_eq!(&*e.text, "a\r\nb\nc\\u{1b}");
    }

    #[test]
    fn offsets_map_past_escapes() {
        let text = "ab\u{1b}cd\u{7}e";
        let e = Escaped::new(text);
        assert_eq!(&*e.text, "ab\\u{1b}cd\\u{7}e");
        assert_eq!(e.map(0), 0);
        assert_eq!(e.map(2), 2);
        assert_eq!(&e.text[e.map(3)..e.map(5)], "cd");
        assert_eq!(&e.text[e.map(6)..e.map(7)], "e");
        assert_eq!(Escaped::new("plain\r\ntext").map(7), 7);
    }
}
