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

    /// The span of the node a path names, or of the deepest part of the
    /// path that exists (the mapping that lacks a key, say).
    pub fn span_at(&self, path: &[Seg<'_>]) -> Span {
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
        node.span
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
}

enum Frame {
    Seq {
        start: Span,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: Span,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        pending_key: Option<Node>,
    },
}

/// Parse every document of a source text.
pub fn parse(src: &SourceText) -> Parsed {
    let mut parser = Parser::new_from_str(src.text());
    let mut out = Parsed::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Node, usize)> = HashMap::new();
    let mut alias_nodes = 0usize;
    let mut total_nodes = 0usize;
    let mut doc_root: Option<Node> = None;

    loop {
        let (event, yspan) = match parser.next_event() {
            None => break,
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                out.error = Some(scan_error(src, &e));
                return out;
            }
        };
        let span = convert_span(src, yspan);
        let completed: Option<(Node, usize)> = match event {
            Event::StreamStart | Event::Nothing => None,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                if out.docs.len() >= MAX_DOCUMENTS {
                    out.error = Some(YamlError {
                        span,
                        message: format!(
                            "the file holds more than {MAX_DOCUMENTS} documents; split it into several files"
                        ),
                    });
                    return out;
                }
                doc_root = None;
                anchors.clear();
                None
            }
            Event::DocumentEnd => {
                let root = doc_root.take().unwrap_or(Node {
                    span: Span::empty(span.start),
                    value: Value::Scalar(Scalar {
                        text: String::new(),
                        plain: true,
                        forced_str: false,
                    }),
                });
                out.docs.push(YamlDoc { root });
                None
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some((node, size)) => {
                    alias_nodes += size;
                    if alias_nodes > MAX_ALIAS_NODES {
                        out.error = Some(YamlError {
                            span,
                            message: format!(
                                "aliases here expand to more than {MAX_ALIAS_NODES} nodes; \
                                 collab stops reading to protect itself from a YAML bomb"
                            ),
                        });
                        return out;
                    }
                    let mut copy = node.clone();
                    copy.span = span;
                    Some((copy, *size))
                }
                None => {
                    out.error = Some(YamlError {
                        span,
                        message: "this alias names no anchor defined before it".into(),
                    });
                    return out;
                }
            },
            Event::Scalar(text, style, anchor, tag) => {
                let forced_str = tag
                    .as_ref()
                    .is_some_and(|t| t.suffix == "str" || t.suffix.ends_with(":str"));
                // Block scalars end where the next token starts: keep the
                // span on the text itself.
                let trimmed = src.text()[span.start..span.end].trim_end().len();
                let span = Span::new(span.start, span.start + trimmed);
                let node = Node {
                    span,
                    value: Value::Scalar(Scalar {
                        text: text.into_owned(),
                        plain: matches!(style, ScalarStyle::Plain),
                        forced_str,
                    }),
                };
                if anchor > 0 {
                    anchors.insert(anchor, (node.clone(), 1));
                }
                Some((node, 1))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    out.error = Some(YamlError {
                        span,
                        message: format!(
                            "nesting is deeper than {MAX_DEPTH} levels; collab files never need that"
                        ),
                    });
                    return out;
                }
                let is_seq = matches!(event, Event::SequenceStart(..));
                stack.push(if is_seq {
                    Frame::Seq {
                        start: span,
                        anchor,
                        items: Vec::new(),
                    }
                } else {
                    Frame::Map {
                        start: span,
                        anchor,
                        entries: Vec::new(),
                        pending_key: None,
                    }
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else {
                    continue;
                };
                let (start, anchor, value, last_end) = match frame {
                    Frame::Seq {
                        start,
                        anchor,
                        items,
                    } => {
                        let last = items.last().map(|n| n.span.end);
                        (start, anchor, Value::Seq(items), last)
                    }
                    Frame::Map {
                        start,
                        anchor,
                        entries,
                        ..
                    } => {
                        let last = entries.last().map(|(_, v)| v.span.end.max(v.span.start));
                        (start, anchor, Value::Map(entries), last)
                    }
                };
                let closes_flow =
                    matches!(src.text().as_bytes().get(span.start), Some(b']' | b'}'));
                let end = if closes_flow {
                    span.end
                } else {
                    last_end.unwrap_or(start.end).max(start.start)
                };
                let node = Node {
                    span: Span::new(start.start, end),
                    value,
                };
                let size = count_nodes(&node);
                if anchor > 0 {
                    anchors.insert(anchor, (node.clone(), size));
                }
                Some((node, size))
            }
        };
        if let Some((node, size)) = completed {
            total_nodes += size;
            if total_nodes > MAX_NODES {
                out.error = Some(YamlError {
                    span: node.span,
                    message: format!("the file holds more than {MAX_NODES} YAML nodes"),
                });
                return out;
            }
            match stack.last_mut() {
                None => doc_root = Some(node),
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
    out
}

fn count_nodes(node: &Node) -> usize {
    match &node.value {
        Value::Scalar(_) => 1,
        Value::Seq(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        Value::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| count_nodes(k) + count_nodes(v))
                .sum::<usize>()
        }
    }
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
    fn syntax_error_position() {
        let p = parse_str("a: 1\nb: [1, 2\n");
        let e = p.error.unwrap();
        assert!(e.span.start > 5);
    }
}
