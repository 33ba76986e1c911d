//! Escaping text for XML (JUnit reports, the SVG charts in the packs): one
//! place that knows which characters XML forbids and which it changes.

/// Whether XML 1.0 allows `c` at all (its `Char` production): tab, LF,
/// CR and everything from U+0020 except U+FFFE and U+FFFF (surrogates
/// cannot be in a Rust string).
pub fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

/// Escapes `s` for XML, dropping the characters XML 1.0 forbids. In an
/// attribute (`attribute`), tab, LF and CR are written as character
/// references, since a parser turns them into spaces otherwise; in text
/// only CR is, since a parser turns it into LF.
pub fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| allowed_in_xml(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` as an attribute value.
pub fn attr(s: &str) -> String {
    escape(s, true)
}

/// `s` as element text.
pub fn text(s: &str) -> String {
    escape(s, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_keep_line_breaks_and_tabs_as_references() {
        assert_eq!(attr("a\r\nb\tc"), "a&#13;&#10;b&#9;c");
    }

    #[test]
    fn text_keeps_lf_and_writes_cr_as_a_reference() {
        assert_eq!(text("a\r\nb\tc"), "a&#13;\nb\tc");
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            attr(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(text("]]>"), "]]&gt;");
    }

    #[test]
    fn characters_xml_forbids_are_removed() {
        let s = "a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{FFFE}h\u{FFFF}i";
        assert_eq!(attr(s), "abcdefghi");
        assert_eq!(text(s), "abcdefghi");
    }

    #[test]
    fn characters_xml_allows_are_kept() {
        let s = "\u{7F}\u{85}\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF} é ü 日本";
        assert_eq!(text(s), s);
        assert_eq!(attr(s), s);
    }
}
