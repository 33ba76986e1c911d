//! A span-carrying YAML node tree, built from saphyr-parser's event stream.
//!
//! Every node keeps the byte range it came from, so any check can point at
//! the exact key or value. The builder enforces the limits that keep hostile
//! input harmless: nesting depth, alias expansion and total node count.
//! Scalars keep their source text and style; what they mean (string, number,
//! boolean, null) is decided later by [`Scalar::resolve`], using the YAML 1.2
//! core schema, so `no` and `yes` stay strings.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span as YSpan};

use crate::source::{SourceText, Span};

/// Deepest nesting of mappings and sequences a document may have.
pub const MAX_DEPTH: usize = 64;
/// Most nodes that alias expansion may add to one file.
pub const MAX_ALIAS_NODES: usize = 10_000;
/// Most nodes one file may hold in all.
pub const MAX_NODES: usize = 2_000_000;
/// Most documents one file may hold.
pub const MAX_DOCUMENTS: usize = 1_000;

/// One YAML node and where it stands in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

/// The shape of a node.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// A scalar as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    pub text: String,
    /// Plain (unquoted) scalars are the only ones resolved to non-strings.
    pub plain: bool,
    /// A `!!str` tag forces a string.
    pub forced_str: bool,
}

/// What a scalar means under the YAML 1.2 core schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
}

impl Scalar {
    /// Resolve per the YAML 1.2 core schema (no YAML 1.1 `yes`/`no`/`on`).
    pub fn resolve(&self) -> Resolved<'_> {
        if !self.plain || self.forced_str {
            return Resolved::Str(&self.text);
        }
        let t = self.text.as_str();
        match t {
            "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
            "true" | "True" | "TRUE" => return Resolved::Bool(true),
            "false" | "False" | "FALSE" => return Resolved::Bool(false),
            ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
                return Resolved::Float(f64::INFINITY);
            }
            "-.inf" | "-.Inf" | "-.INF" => return Resolved::Float(f64::NEG_INFINITY),
            ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
            _ => {}
        }
        if is_core_int(t)
            && let Ok(i) = t.parse::<i64>()
        {
            return Resolved::Int(i);
        }
        if let Some(hex) = t.strip_prefix("0x")
            && let Ok(i) = i64::from_str_radix(hex, 16)
        {
            return Resolved::Int(i);
        }
        if let Some(oct) = t.strip_prefix("0o")
            && let Ok(i) = i64::from_str_radix(oct, 8)
        {
            return Resolved::Int(i);
        }
        if is_core_float(t)
            && let Ok(f) = t.parse::<f64>()
        {
            return Resolved::Float(f);
        }
        Resolved::Str(t)
    }
}

fn is_core_int(t: &str) -> bool {
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_core_float(t: &str) -> bool {
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let s = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => {
            (!a.is_empty() || !b.is_empty())
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => !mantissa.is_empty() && mantissa.bytes().all(|c| c.is_ascii_digit()),
    };
    let exp_ok = match exp {
        None => true,
        Some(e) => {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            !e.is_empty() && e.bytes().all(|c| c.is_ascii_digit())
        }
    };
    mantissa_ok && exp_ok
}

impl Node {
    /// The scalar, if this node is one.
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The text of a scalar node that resolves to a string, number or bool.
    pub fn as_str(&self) -> Option<&str> {
        let s = self.as_scalar()?;
        match s.resolve() {
            Resolved::Null => None,
            _ => Some(&s.text),
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.as_scalar().map(Scalar::resolve), Some(Resolved::Null))
    }

    /// Look up a key of a mapping node: the key node and the value node.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_scalar().is_some_and(|s| s.text == key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The value of a key of a mapping node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// An item of a sequence node.
    pub fn item(&self, index: usize) -> Option<&Node> {
        match &self.value {
            Value::Seq(items) => items.get(index),
            _ => None,
        }
    }

    /// Follow a path of keys and indexes.
    pub fn at(&self, path: &[Seg<'_>]) -> Option<&Node> {
        let mut node = self;
        for seg in path {
            node = match seg {
                Seg::Key(k) => node.get(k)?,
                Seg::Index(i) => node.item(*i)?,
            };
        }
        Some(node)
    }

    /// The node a path names, or the deepest part of the path that exists
    /// (the mapping that lacks a key, say).
    pub fn nearest(&self, path: &[Seg<'_>]) -> &Node {
        let mut node = self;
        for seg in path {
            let next = match seg {
                Seg::Key(k) => node.get(k),
                Seg::Index(i) => node.item(*i),
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node
    }

    /// The span of the node a path names, or of the deepest part of the
    /// path that exists.
    pub fn span_at(&self, path: &[Seg<'_>]) -> Span {
        self.nearest(path).span
    }

    /// The span of the key node of the last `Key` segment of a path, if present.
    pub fn key_span_at(&self, path: &[Seg<'_>]) -> Option<Span> {
        let (last, parent) = path.split_last()?;
        let parent = self.at(parent)?;
        match last {
            Seg::Key(k) => parent.entry(k).map(|(key, _)| key.span),
            Seg::Index(i) => parent.item(*i).map(|n| n.span),
        }
    }

    /// A short name for the node's shape, for messages.
    pub fn shape(&self) -> &'static str {
        match &self.value {
            Value::Map(_) => "a mapping",
            Value::Seq(_) => "a list",
            Value::Scalar(s) => match s.resolve() {
                Resolved::Null => "nothing",
                Resolved::Bool(_) => "true/false",
                Resolved::Int(_) | Resolved::Float(_) => "a number",
                Resolved::Str(_) => "text",
            },
        }
    }
}

/// One step of a path into a node tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// A parsed YAML document with the span of the whole document.
#[derive(Debug, Clone)]
pub struct YamlDoc {
    pub root: Node,
    /// The nodes of this document that share their content with another
    /// place: aliases, and the anchored nodes they repeat.
    pub shared: Vec<Shared>,
}

/// A node that is one of several places showing the same content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shared {
    /// The node's span (for an alias, the `*name`).
    pub span: Span,
    pub how: Sharing,
}

/// How a node shares its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharing {
    /// `*name`: a copy of an anchored node written elsewhere.
    Alias,
    /// `&name` on a node that an alias repeats elsewhere.
    Anchor,
}

impl YamlDoc {
    /// The first node on `path` (the root included) that shares its content
    /// with another place, so that changing it, or anything under it, would
    /// change the other place too.
    pub fn shared_on(&self, path: &[Seg<'_>]) -> Option<(&Node, Sharing)> {
        let sharing = |node: &Node| {
            self.shared
                .iter()
                .find(|s| s.span == node.span)
                .map(|s| s.how)
        };
        let mut node = &self.root;
        if let Some(how) = sharing(node) {
            return Some((node, how));
        }
        for seg in path {
            node = match seg {
                Seg::Key(k) => node.get(k)?,
                Seg::Index(i) => node.item(*i)?,
            };
            if let Some(how) = sharing(node) {
                return Some((node, how));
            }
        }
        None
    }
}

/// Why a file could not be read as YAML.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub span: Span,
    pub message: String,
}

/// The documents of one file, and the error that stopped reading it, if any.
/// Documents completed before an error are kept.
#[derive(Debug, Default)]
pub struct Parsed {
    pub docs: Vec<YamlDoc>,
    pub error: Option<YamlError>,
    /// Nodes read, each counted once (alias copies as often as repeated).
    pub nodes: usize,
}

enum Frame {
    Seq {
        start: Span,
        anchor: usize,
        /// The node count when the sequence opened.
        first: usize,
        items: Vec<Node>,
    },
    Map {
        start: Span,
        anchor: usize,
        first: usize,
        entries: Vec<(Node, Node)>,
        pending_key: Option<Node>,
    },
}

/// An anchored node, kept for the aliases that repeat it.
struct Anchored {
    node: Node,
    /// Nodes it holds, itself included.
    size: usize,
    /// An alias has repeated it.
    aliased: bool,
}

/// Builds the node tree from parser events.
struct Builder<'s> {
    src: &'s SourceText,
    out: Parsed,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Anchored>,
    shared: Vec<Shared>,
    alias_nodes: usize,
    /// Nodes so far, each counted once (and alias copies as often as they
    /// are repeated).
    total_nodes: usize,
    doc_root: Option<Node>,
}

/// Parse every document of a source text.
pub fn parse(src: &SourceText) -> Parsed {
    let mut parser = Parser::new_from_str(src.text());
    let mut b = Builder {
        src,
        out: Parsed::default(),
        stack: Vec::new(),
        anchors: HashMap::new(),
        shared: Vec::new(),
        alias_nodes: 0,
        total_nodes: 0,
        doc_root: None,
    };
    loop {
        let (event, yspan) = match parser.next_event() {
            None => break,
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                b.out.error = Some(scan_error(src, &e));
                break;
            }
        };
        if matches!(event, Event::StreamEnd) {
            break;
        }
        let span = convert_span(src, yspan);
        if let Err(e) = b.event(event, span) {
            b.out.error = Some(e);
            break;
        }
    }
    b.out.nodes = b.total_nodes;
    b.out
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => None,
            Event::DocumentStart(_) => {
                self.start_document(span)?;
                None
            }
            Event::DocumentEnd => {
                self.end_document(span);
                None
            }
            Event::Alias(id) => Some(self.alias(id, span)?),
            Event::Scalar(text, style, anchor, tag) => {
                let forced_str = tag
                    .as_ref()
                    .is_some_and(|t| t.suffix == "str" || t.suffix.ends_with(":str"));
                let node = Node {
                    span: scalar_span(self.src.text(), span, style),
                    value: Value::Scalar(Scalar {
                        text: text.into_owned(),
                        plain: matches!(style, ScalarStyle::Plain),
                        forced_str,
                    }),
                };
                self.count(1, node.span)?;
                self.anchor(anchor, &node, 1);
                Some(node)
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let is_seq = matches!(event, Event::SequenceStart(..));
                self.open(is_seq, anchor, span)?;
                None
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(span),
        };
        if let Some(node) = node {
            self.place(node);
        }
        Ok(())
    }

    fn start_document(&mut self, span: Span) -> Result<(), YamlError> {
        if self.out.docs.len() >= MAX_DOCUMENTS {
            return Err(YamlError {
                span,
                message: format!(
                    "the file holds more than {MAX_DOCUMENTS} documents; split it into several files"
                ),
            });
        }
        self.doc_root = None;
        self.anchors.clear();
        self.shared.clear();
        Ok(())
    }

    fn end_document(&mut self, span: Span) {
        let root = self.doc_root.take().unwrap_or(Node {
            span: Span::empty(span.start),
            value: Value::Scalar(Scalar {
                text: String::new(),
                plain: true,
                forced_str: false,
            }),
        });
        let shared = std::mem::take(&mut self.shared);
        self.out.docs.push(YamlDoc { root, shared });
    }

    /// Add `n` nodes to the count, stopping at the limit.
    fn count(&mut self, n: usize, span: Span) -> Result<(), YamlError> {
        self.total_nodes += n;
        if self.total_nodes > MAX_NODES {
            return Err(YamlError {
                span,
                message: format!("the file holds more than {MAX_NODES} YAML nodes"),
            });
        }
        Ok(())
    }

    fn anchor(&mut self, anchor: usize, node: &Node, size: usize) {
        if anchor > 0 {
            let node = node.clone();
            let entry = Anchored {
                node,
                size,
                aliased: false,
            };
            self.anchors.insert(anchor, entry);
        }
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<Node, YamlError> {
        let Some(anchored) = self.anchors.get_mut(&id) else {
            return Err(YamlError {
                span,
                message: "this alias names no anchor defined before it".into(),
            });
        };
        self.alias_nodes += anchored.size;
        if self.alias_nodes > MAX_ALIAS_NODES {
            return Err(YamlError {
                span,
                message: format!(
                    "aliases here expand to more than {MAX_ALIAS_NODES} nodes; \
                     collab stops reading to protect itself from a YAML bomb"
                ),
            });
        }
        if !anchored.aliased {
            anchored.aliased = true;
            self.shared.push(Shared {
                span: anchored.node.span,
                how: Sharing::Anchor,
            });
        }
        self.shared.push(Shared {
            span,
            how: Sharing::Alias,
        });
        let mut copy = anchored.node.clone();
        copy.span = span;
        let size = anchored.size;
        self.count(size, span)?;
        Ok(copy)
    }

    fn open(&mut self, is_seq: bool, anchor: usize, span: Span) -> Result<(), YamlError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(YamlError {
                span,
                message: format!(
                    "nesting is deeper than {MAX_DEPTH} levels; collab files never need that"
                ),
            });
        }
        let first = self.total_nodes;
        self.count(1, span)?;
        // The node starts at its bracket or first entry, after any anchor
        // or tag.
        let text = self.src.text();
        let mut at = content_start(text, span.start, span.end).unwrap_or(span.end);
        if is_seq {
            at = indentless_dash(text, at).unwrap_or(at);
        }
        let start = Span::new(at, span.end);
        self.stack.push(if is_seq {
            Frame::Seq {
                start,
                anchor,
                first,
                items: Vec::new(),
            }
        } else {
            Frame::Map {
                start,
                anchor,
                first,
                entries: Vec::new(),
                pending_key: None,
            }
        });
        Ok(())
    }

    /// Close the innermost collection; `span` is the closing event's.
    fn close(&mut self, span: Span) -> Option<Node> {
        let frame = self.stack.pop()?;
        let (start, anchor, first, value, last_end) = match frame {
            Frame::Seq {
                start,
                anchor,
                first,
                items,
            } => {
                let last = items.last().map(|n| n.span.end);
                (start, anchor, first, Value::Seq(items), last)
            }
            Frame::Map {
                start,
                anchor,
                first,
                entries,
                ..
            } => {
                let last = entries.last().map(|(_, v)| v.span.end.max(v.span.start));
                (start, anchor, first, Value::Map(entries), last)
            }
        };
        let text = self.src.text();
        let closes_flow = matches!(text.as_bytes().get(span.start), Some(b']' | b'}'));
        // A flow collection ends at its bracket, whatever comment follows.
        let end = if closes_flow {
            span.start + 1
        } else {
            last_end.unwrap_or(start.end).max(start.start)
        };
        let node = Node {
            span: Span::new(start.start, end),
            value,
        };
        self.anchor(anchor, &node, self.total_nodes - first);
        Some(node)
    }

    fn place(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.doc_root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => entries.push((key, node)),
            },
        }
    }
}

/// A block sequence written at its key's indentation (`key:` then `- a` at
/// the same column) is reported from its first item's content; its own
/// text starts at the dash before that, found here, so that nobody takes
/// a first item `{ ... }` for a flow collection.
fn indentless_dash(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if matches!(bytes.get(at), Some(b'-' | b'[')) {
        return None;
    }
    let before = text[..at].trim_end_matches(' ');
    let dash = before.len().checked_sub(1)?;
    let dash_alone = bytes.get(dash) == Some(&b'-')
        && (dash == 0 || text[..dash].ends_with([' ', '\n', '\r']))
        && before.len() < at;
    dash_alone.then_some(dash)
}

/// The span of a scalar's own text: after its anchor and tag, and for a
/// quoted scalar up to its closing quote (the parser's span runs on over
/// any comment after it). Block scalars end where the next token starts,
/// so trailing space is trimmed.
fn scalar_span(text: &str, span: Span, style: ScalarStyle) -> Span {
    let start = content_start(text, span.start, span.end).unwrap_or(span.start);
    let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
    let end = quoted
        .then(|| quoted_end(text, start, span.end))
        .flatten()
        .unwrap_or_else(|| start + text[start..span.end].trim_end().len());
    Span::new(start, end)
}

/// Where a node's own text starts in `text[start..end]`: after any anchor
/// (`&name`) and tag (`!tag`), and the space and comments after them.
/// `None` when nothing follows them there.
fn content_start(text: &str, start: usize, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = start;
    while i < end && matches!(b[i], b'&' | b'!') {
        while i < end && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        loop {
            while i < end && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < end && b[i] == b'#' {
                while i < end && !matches!(b[i], b'\n' | b'\r') {
                    i += 1;
                }
            } else {
                break;
            }
        }
    }
    (i < end).then_some(i)
}

/// Just after the closing quote of the quoted scalar at `start`.
fn quoted_end(text: &str, start: usize, limit: usize) -> Option<usize> {
    let b = text.as_bytes();
    let quote = *b.get(start).filter(|q| matches!(q, b'"' | b'\''))?;
    let mut i = start + 1;
    while i < limit.min(b.len()) {
        match b[i] {
            b'\\' if quote == b'"' => i += 2,
            c if c == quote => {
                if quote == b'\'' && b.get(i + 1) == Some(&b'\'') {
                    i += 2;
                } else {
                    return Some(i + 1);
                }
            }
            _ => i += 1,
        }
    }
    None
}

fn convert_span(src: &SourceText, s: YSpan) -> Span {
    let start = src.char_to_byte(s.start.index());
    let end = src.char_to_byte(s.end.index()).max(start);
    Span::new(start, end)
}

fn scan_error(src: &SourceText, e: &ScanError) -> YamlError {
    let text = src.text();
    let mut at = src.char_to_byte(e.marker().index());
    if at >= text.trim_end().len() && !text.trim_end().is_empty() {
        // At the end of the file: point at the last thing written instead.
        at = text.trim_end().len() - text.trim_end().chars().last().map_or(0, char::len_utf8);
    }
    let len = text[at..].chars().next().map_or(0, char::len_utf8);
    YamlError {
        span: Span::new(at, at + len),
        message: tidy_scan_message(e.info()),
    }
}

fn tidy_scan_message(info: &str) -> String {
    let msg: Cow<'_, str> = if info.is_empty() {
        "this is not valid YAML".into()
    } else if info == "recursion limit exceeded" {
        // The scanner's own guard against deep flow nesting (`[[[[…`).
        format!("nesting is deeper than {MAX_DEPTH} levels; collab files never need that").into()
    } else {
        info.into()
    };
    msg.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Parsed {
        parse(&SourceText::new(s.to_string()))
    }

    #[test]
    fn deep_flow_nesting_gets_the_same_message_as_deep_block_nesting() {
        for text in [
            format!("x: {}", "[".repeat(100_000)),
            format!("x:\n{}end\n", "- ".repeat(100_000)),
        ] {
            let parsed = parse_str(&text);
            let message = parsed.error.map(|e| e.message).unwrap_or_default();
            assert!(message.starts_with("nesting is deeper than"), "{message}");
        }
    }

    #[test]
    fn yaml_1_2_scalars() {
        let s = |t: &str| Scalar {
            text: t.into(),
            plain: true,
            forced_str: false,
        };
        assert_eq!(s("no").resolve(), Resolved::Str("no"));
        assert_eq!(s("yes").resolve(), Resolved::Str("yes"));
        assert_eq!(s("true").resolve(), Resolved::Bool(true));
        assert_eq!(s("~").resolve(), Resolved::Null);
        assert_eq!(s("42").resolve(), Resolved::Int(42));
        assert_eq!(s("2.5").resolve(), Resolved::Float(2.5));
        assert_eq!(s("2026-10-01").resolve(), Resolved::Str("2026-10-01"));
        assert_eq!(s("020 7946").resolve(), Resolved::Str("020 7946"));
    }

    #[test]
    fn spans_are_bytes_even_after_non_ascii() {
        let text = "title: Café – plan\nowner: lfrs\n";
        let p = parse_str(text);
        let root = &p.docs[0].root;
        let owner = root.get("owner").unwrap();
        assert_eq!(&text[owner.span.start..owner.span.end], "lfrs");
    }

    #[test]
    fn block_mapping_span_ends_at_last_value() {
        let text = "a:\n  b: 1\n  c: two\n\n# trailing\n";
        let p = parse_str(text);
        let a = p.docs[0].root.get("a").unwrap();
        assert_eq!(&text[a.span.start..a.span.end], "b: 1\n  c: two");
    }

    #[test]
    fn flow_spans_cover_brackets() {
        let text = "x: { a: 1, b: [2, 3] }\n";
        let p = parse_str(text);
        let x = p.docs[0].root.get("x").unwrap();
        assert_eq!(&text[x.span.start..x.span.end], "{ a: 1, b: [2, 3] }");
    }

    /// The source text of the node at `path` of the first document.
    fn text_at<'t>(text: &'t str, path: &[Seg<'_>]) -> &'t str {
        let p = parse_str(text);
        let node = p.docs[0].root.at(path).unwrap();
        &text[node.span.start..node.span.end]
    }

    #[test]
    fn quoted_scalars_end_at_their_closing_quote() {
        let k = |k| [Seg::Key(k)];
        let text = "a: \"open\"   # agreed with Ann\nb: 'it''s'  # c\nc: \"x # y\" # z\n\
                    d: \"say \\\"hi\\\"\"  # c\ne: \"two\n  lines\"  # c\nf: plain   # c\n";
        assert_eq!(text_at(text, &k("a")), "\"open\"");
        assert_eq!(text_at(text, &k("b")), "'it''s'");
        assert_eq!(text_at(text, &k("c")), "\"x # y\"");
        assert_eq!(text_at(text, &k("d")), "\"say \\\"hi\\\"\"");
        assert_eq!(text_at(text, &k("e")), "\"two\n  lines\"");
        assert_eq!(text_at(text, &k("f")), "plain");
        let text = "- [\"a # b\" , 'c''d' ]  # c\n";
        let list = [Seg::Index(0)];
        assert_eq!(text_at(text, &list), "[\"a # b\" , 'c''d' ]");
        assert_eq!(text_at(text, &[Seg::Index(0), Seg::Index(0)]), "\"a # b\"");
        assert_eq!(text_at(text, &[Seg::Index(0), Seg::Index(1)]), "'c''d'");
    }

    #[test]
    fn flow_collections_end_at_their_bracket() {
        let text = "actuals: []   # none yet\nm: {a: 1}  # c\nn: [1, [2]] #c\n";
        assert_eq!(text_at(text, &[Seg::Key("actuals")]), "[]");
        assert_eq!(text_at(text, &[Seg::Key("m")]), "{a: 1}");
        assert_eq!(text_at(text, &[Seg::Key("n")]), "[1, [2]]");
        assert_eq!(text_at(text, &[Seg::Key("n"), Seg::Index(1)]), "[2]");
    }

    #[test]
    fn anchors_and_tags_are_not_part_of_the_node() {
        let text = "a: &x \"v\" # c\nb: !!str 'w' # c\nc: &y [1] # c\nd: &z  # c\n  k: 1\n\
                    e: &w\n  - plain # c\nf: *x\n";
        assert_eq!(text_at(text, &[Seg::Key("a")]), "\"v\"");
        assert_eq!(text_at(text, &[Seg::Key("b")]), "'w'");
        assert_eq!(text_at(text, &[Seg::Key("c")]), "[1]");
        assert_eq!(text_at(text, &[Seg::Key("d")]), "k: 1");
        assert_eq!(text_at(text, &[Seg::Key("e")]), "- plain");
        assert_eq!(text_at(text, &[Seg::Key("e"), Seg::Index(0)]), "plain");
        assert_eq!(text_at(text, &[Seg::Key("f")]), "*x");
    }

    #[test]
    fn aliases_and_the_anchors_they_repeat_are_marked_shared() {
        let text = "m1:\n  actuals: &m1-actuals [1]\nm2:\n  actuals: *m1-actuals\n\
                    m3:\n  actuals: &lonely [2]\n";
        let p = parse_str(text);
        let doc = &p.docs[0];
        let at = |path: &[Seg<'_>]| {
            doc.shared_on(path)
                .map(|(n, how)| (&text[n.span.start..n.span.end], how))
        };
        let m = |k| Seg::Key(k);
        assert_eq!(
            at(&[m("m2"), m("actuals")]),
            Some(("*m1-actuals", Sharing::Alias))
        );
        assert_eq!(
            at(&[m("m2"), m("actuals"), Seg::Index(0)]),
            Some(("*m1-actuals", Sharing::Alias))
        );
        assert_eq!(at(&[m("m1"), m("actuals")]), Some(("[1]", Sharing::Anchor)));
        assert_eq!(at(&[m("m3"), m("actuals")]), None);
        // A whole mapping repeated: everything in it is shared.
        let text = "base: &b\n  actuals: [1]\ncopy: *b\n";
        let p = parse_str(text);
        let path = [Seg::Key("base"), Seg::Key("actuals")];
        assert_eq!(
            p.docs[0].shared_on(&path).map(|(_, how)| how),
            Some(Sharing::Anchor)
        );
    }

    #[test]
    fn each_node_is_counted_once() {
        assert_eq!(parse_str("a: [1, 2, 3]\n").nodes, 6);
        assert_eq!(parse_str("a:\n  b:\n    c: [1]\n").nodes, 8);
        // An alias counts what it repeats.
        assert_eq!(parse_str("a: &x [1, 2]\nb: *x\n").nodes, 9);
    }

    #[test]
    fn a_large_flat_list_under_the_limit_is_read() {
        // About 1.8 MB: 900,000 items, well under the node limit, but three
        // times over it when nodes were counted at every level above them.
        let items = 900_000;
        let mut text = String::with_capacity(items * 2 + 16);
        text.push_str("kind: x\nl: [");
        for _ in 0..items {
            text.push_str("1,");
        }
        text.push_str("1]\n");
        let p = parse_str(&text);
        assert!(p.error.is_none(), "{:?}", p.error);
        assert_eq!(p.nodes, items + 6);
    }

    #[test]
    fn multi_document() {
        let p = parse_str("kind: a\n---\nkind: b\n");
        assert_eq!(p.docs.len(), 2);
        assert!(p.error.is_none());
    }

    #[test]
    fn bomb_is_stopped() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            text.push_str(&format!(
                "b{i}: &b{i} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n",
                p = if prev == 0 {
                    "a".to_string()
                } else {
                    format!("b{prev}")
                }
            ));
        }
        let p = parse_str(&text);
        assert!(p.error.unwrap().message.contains("bomb"));
    }

    #[test]
    fn deep_nesting_is_stopped() {
        // saphyr's scanner has its own limit for flow collections; ours
        // catches block nesting.
        let p = parse_str(&"[".repeat(100_000));
        assert!(p.error.is_some());
        let mut block = String::new();
        for depth in 0..200 {
            block.push_str(&" ".repeat(depth * 2));
            block.push_str("a:\n");
        }
        let p = parse_str(&block);
        assert!(p.error.unwrap().message.contains("deeper"));
    }

    #[test]
    fn an_indentless_sequence_starts_at_its_dash() {
        let text = "a:\n- { x: 1 }\n- { x: 2 }  # two\nb: 1\n";
        let p = parse_str(text);
        let a = p.docs[0].root.get("a").unwrap();
        assert_eq!(&text[a.span.start..a.span.end], "- { x: 1 }\n- { x: 2 }");
    }

    #[test]
    fn syntax_error_position() {
        let p = parse_str("a: 1\nb: [1, 2\n");
        let e = p.error.unwrap();
        assert!(e.span.start > 5);
    }
}
