//! A small YAML tree and a writer that lays it out at random: block or
//! flow collections, plain, quoted or block scalars, indented or
//! indentless lists, whole-line and trailing comments. Every layout reads
//! back as the same data.

use super::text::Dice;

/// A YAML value as the generator builds it.
#[derive(Clone, Debug)]
pub enum Y {
    /// Free text: written plain when YAML allows, else quoted or as a block scalar.
    Text(String),
    /// A word that may be written plain or quoted: ids, enum values, dates.
    Word(String),
    /// A number: always plain.
    Num(String),
    /// Nothing after the key (`deputy:`), which collab reads as not given.
    Null,
    Seq(Vec<Y>),
    Map(Vec<(&'static str, Y)>),
}

impl Y {
    pub fn text(s: impl Into<String>) -> Y {
        Y::Text(s.into())
    }
    pub fn word(s: impl Into<String>) -> Y {
        Y::Word(s.into())
    }
    pub fn num(n: impl ToString) -> Y {
        Y::Num(n.to_string())
    }
    pub fn words<S: AsRef<str>>(items: &[S]) -> Y {
        Y::Seq(items.iter().map(|s| Y::word(s.as_ref())).collect())
    }
    pub fn texts<S: AsRef<str>>(items: &[S]) -> Y {
        Y::Seq(items.iter().map(|s| Y::text(s.as_ref())).collect())
    }
    fn is_scalar(&self) -> bool {
        matches!(self, Y::Text(_) | Y::Word(_) | Y::Num(_))
    }
}

/// How adventurous the layout may be.
#[derive(Clone, Copy)]
pub struct Layout {
    /// Trailing comments after values (`key: "x"   # note`).
    pub trailing_comments: bool,
    /// How often a collection is written in flow style, 0 to 1.
    pub flow: f64,
}

pub struct Writer<'d> {
    dice: &'d mut Dice,
    layout: Layout,
    out: String,
}

const COMMENTS: &[&str] = &[
    "agreed with Ann",
    "none yet",
    "TODO: confirm",
    "ملاحظة",
    "הערה",
    "see the charter: section 2",
    "\"quoted\" in a comment",
    "collab: allow(single-point-of-contact) one-off",
];

impl<'d> Writer<'d> {
    pub fn new(dice: &'d mut Dice, layout: Layout) -> Writer<'d> {
        Writer {
            dice,
            layout,
            out: String::new(),
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// A top-level mapping, always in block style.
    pub fn document(&mut self, entries: &[(&'static str, Y)]) {
        self.block_map(entries, 0, false);
    }

    /// A whole document in flow style: `{kind: meeting, ...}`.
    pub fn flow_document(&mut self, doc: &Y) {
        let text = self.flow(doc, 0);
        self.out.push_str(&text);
        self.out.push('\n');
    }

    fn trailing(&mut self) {
        if self.layout.trailing_comments && self.dice.chance(0.12) {
            let spaces = " ".repeat(self.dice.range(1, 4));
            let c = *self.dice.pick(COMMENTS);
            // An allow comment only counts on a line of its own; trailing, it is just text.
            self.out.push_str(&format!("{spaces}# {c}"));
        }
    }

    fn line_comment(&mut self, indent: usize) {
        if self.dice.chance(0.04) {
            let c = *self.dice.pick(&COMMENTS[..7]);
            self.out.push_str(&format!("{}# {c}\n", " ".repeat(indent)));
        }
    }

    /// Entries of a block mapping at `indent`. With `inline_first`, the
    /// first key goes where the cursor is (after `- `).
    fn block_map(&mut self, entries: &[(&'static str, Y)], indent: usize, inline_first: bool) {
        for (i, (key, value)) in entries.iter().enumerate() {
            if indent == 0 && i > 0 && self.dice.chance(0.25) {
                self.out.push('\n');
            }
            if i > 0 || !inline_first {
                self.line_comment(indent);
                self.out.push_str(&" ".repeat(indent));
            }
            self.out.push_str(key);
            self.out.push(':');
            self.after_key(value, indent);
        }
    }

    fn after_key(&mut self, value: &Y, indent: usize) {
        match value {
            Y::Null => {
                self.trailing();
                self.out.push('\n');
            }
            v if v.is_scalar() => {
                self.out.push(' ');
                self.block_scalar_or_inline(v, indent);
            }
            Y::Seq(items) if !items.is_empty() && !self.use_flow(value) => {
                self.out.push('\n');
                let inner = if self.dice.chance(0.3) {
                    indent
                } else {
                    indent + 2
                };
                self.block_seq(items, inner);
            }
            Y::Map(entries) if !entries.is_empty() && !self.use_flow(value) => {
                self.trailing();
                self.out.push('\n');
                self.block_map(entries, indent + 2, false);
            }
            v => {
                let text = self.flow(v, indent + 4);
                self.out.push(' ');
                self.out.push_str(&text);
                self.trailing();
                self.out.push('\n');
            }
        }
    }

    fn use_flow(&mut self, value: &Y) -> bool {
        let small = match value {
            Y::Seq(items) => items.iter().all(Y::is_scalar),
            Y::Map(entries) => entries.iter().all(|(_, v)| v.is_scalar()),
            _ => true,
        };
        let p = if small {
            self.layout.flow
        } else {
            self.layout.flow / 3.0
        };
        self.dice.chance(p)
    }

    fn block_seq(&mut self, items: &[Y], indent: usize) {
        for item in items {
            self.line_comment(indent);
            self.out.push_str(&" ".repeat(indent));
            self.out.push('-');
            match item {
                Y::Map(entries) if !entries.is_empty() && !self.use_flow(item) => {
                    self.out.push(' ');
                    self.block_map(entries, indent + 2, true);
                }
                v if v.is_scalar() => {
                    self.out.push(' ');
                    self.block_scalar_or_inline(v, indent);
                }
                v => {
                    let text = self.flow(v, indent + 4);
                    self.out.push(' ');
                    self.out.push_str(&text);
                    self.trailing();
                    self.out.push('\n');
                }
            }
        }
    }

    /// A scalar in block context, ending the line.
    fn block_scalar_or_inline(&mut self, v: &Y, indent: usize) {
        if let Y::Text(s) = v
            && let Some(block) = self.block_scalar(s, indent + 2)
        {
            self.out.push_str(&block);
            return;
        }
        let text = self.scalar(v, false);
        self.out.push_str(&text);
        self.trailing();
        self.out.push('\n');
    }

    /// `|-` or `>-` with the text below, when the text allows it.
    fn block_scalar(&mut self, s: &str, indent: usize) -> Option<String> {
        let multi_line = s.contains('\n');
        if !(multi_line || s.len() > 60) || !self.dice.chance(if multi_line { 0.7 } else { 0.3 }) {
            return None;
        }
        let fits = |line: &str| {
            line == line.trim_end()
                && !line.starts_with(' ')
                && line.chars().all(|c| !c.is_control() && !is_break(c))
        };
        if !s.split('\n').all(fits) || s.ends_with('\n') {
            return None;
        }
        let pad = " ".repeat(indent);
        let mut out = String::new();
        if multi_line || self.dice.chance(0.5) {
            out.push_str("|-");
            self.trailing_into(&mut out);
            for line in s.split('\n') {
                out.push('\n');
                if !line.is_empty() {
                    out.push_str(&pad);
                    out.push_str(line);
                }
            }
        } else {
            if s.contains("  ") {
                return None;
            }
            out.push_str(">-");
            self.trailing_into(&mut out);
            out.push('\n');
            out.push_str(&pad);
            out.push_str(&fold(s, 60, &format!("\n{pad}")));
        }
        out.push('\n');
        Some(out)
    }

    fn trailing_into(&mut self, out: &mut String) {
        let mark = self.out.len();
        self.trailing();
        let comment = self.out.split_off(mark);
        out.push_str(&comment);
    }

    /// A collection in flow style, on one line or (rarely) several.
    fn flow(&mut self, v: &Y, cont_indent: usize) -> String {
        let sep = if self.dice.chance(0.08) {
            format!(",\n{}", " ".repeat(cont_indent))
        } else {
            ", ".to_string()
        };
        match v {
            Y::Seq(items) => {
                let parts: Vec<String> = items.iter().map(|i| self.flow(i, cont_indent)).collect();
                format!("[{}]", parts.join(&sep))
            }
            Y::Map(entries) if entries.is_empty() => "{}".to_string(),
            Y::Map(entries) => {
                let parts: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", self.flow(v, cont_indent)))
                    .collect();
                format!("{{ {} }}", parts.join(&sep))
            }
            Y::Null => "null".to_string(),
            scalar => self.scalar(scalar, true),
        }
    }

    /// One scalar on one line.
    fn scalar(&mut self, v: &Y, flow: bool) -> String {
        match v {
            Y::Num(n) => n.clone(),
            Y::Word(w) => match self.dice.range(0, 9) {
                0 => double_quoted(w),
                1 => single_quoted(w).unwrap_or_else(|| double_quoted(w)),
                _ if plain_ok(w, flow) => w.clone(),
                _ => double_quoted(w),
            },
            Y::Text(s) => match self.dice.range(0, 5) {
                0 => double_quoted(s),
                1 => single_quoted(s).unwrap_or_else(|| double_quoted(s)),
                _ if plain_ok(s, flow) => s.clone(),
                _ => double_quoted(s),
            },
            Y::Null => "null".to_string(),
            Y::Seq(_) | Y::Map(_) => self.flow(v, 4),
        }
    }
}

/// Characters YAML 1.1 readers treat as line breaks, and the BOM.
fn is_break(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Whether `s` reads back as the same text when written plain.
pub fn plain_ok(s: &str, flow: bool) -> bool {
    const NULLS: &[&str] = &["~", "null", "Null", "NULL"];
    let Some(first) = s.chars().next() else {
        return false;
    };
    let bad_char = |c: char| c.is_control() || is_break(c) || (flow && ",[]{}:".contains(c));
    let spoils = s.trim() != s
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        // saphyr-parser reads `[a -]` as a plain scalar `-` before `]`.
        || (flow && s.ends_with('-'))
        || s.chars().any(bad_char);
    !spoils && !NULLS.contains(&s)
}

pub fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_break(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn single_quoted(s: &str) -> Option<String> {
    if s.chars().any(|c| c.is_control() || is_break(c)) {
        return None;
    }
    Some(format!("'{}'", s.replace('\'', "''")))
}

/// Break `s` at single spaces into lines of about `width` characters.
fn fold(s: &str, width: usize, newline: &str) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            if line_len >= width && !word.is_empty() {
                out.push_str(newline);
                line_len = 0;
            } else {
                out.push(' ');
                line_len += 1;
            }
        }
        out.push_str(word);
        line_len += word.chars().count();
    }
    out
}

/// A TOML string: basic or literal.
pub fn toml_string(dice: &mut Dice, s: &str) -> String {
    let literal_ok = !s.contains('\'') && !s.chars().any(|c| c.is_control());
    if literal_ok && dice.chance(0.3) {
        return format!("'{s}'");
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
