//! Editing YAML the way a careful person would: insert text where the spans
//! say, in the file's own indentation and flow or block style, and leave
//! every other byte alone, so the git diff shows exactly what changed.
//! Pure: text in, text out.

use std::fmt;

use crate::source::Span;
use crate::yaml::{Node, Seg, Value};

/// A value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum YValue {
    /// Text, quoted when YAML would otherwise read it as something else.
    Text(String),
    /// Written as is: numbers, dates, ids, enum words.
    Plain(String),
    List(Vec<YValue>),
    Map(Vec<(String, YValue)>),
}

impl YValue {
    pub fn text(s: impl Into<String>) -> Self {
        YValue::Text(s.into())
    }

    pub fn plain(s: impl fmt::Display) -> Self {
        YValue::Plain(s.to_string())
    }

    /// The value on one line (flow style for lists and mappings).
    pub fn inline(&self) -> String {
        match self {
            YValue::Text(s) => quote(s),
            YValue::Plain(s) => s.clone(),
            YValue::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(YValue::inline)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            YValue::Map(entries) => format!(
                "{{ {} }}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", v.inline()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq)]
pub struct EditError(pub String);

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Quote text for YAML when a plain scalar would not read back as the same
/// string.
pub fn quote(s: &str) -> String {
    let plain_ok = !s.is_empty()
        && s.trim() == s
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.contains(['\n', '\t', '"', '\''])
        && !s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`',
        ])
        && !s.contains(['{', '}', '[', ']', ','])
        && {
            let probe = crate::yaml::Scalar {
                text: s.to_string(),
                plain: true,
                forced_str: false,
            };
            matches!(probe.resolve(), crate::yaml::Resolved::Str(_))
                && !matches!(
                    s.to_lowercase().as_str(),
                    "yes" | "no" | "on" | "off" | "y" | "n"
                )
                && crate::model::Date::parse(s).is_none()
        };
    if plain_ok {
        return s.to_string();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One edit: replace `span` with `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct Splice {
    pub span: Span,
    pub text: String,
}

impl Splice {
    pub fn apply(&self, source: &str) -> String {
        let mut out = String::with_capacity(source.len() + self.text.len());
        out.push_str(&source[..self.span.start]);
        out.push_str(&self.text);
        out.push_str(&source[self.span.end..]);
        out
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The byte just after the end of the line holding `at` (after its `\n`).
fn after_line(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

fn column(text: &str, at: usize) -> usize {
    at - line_start(text, at)
}

fn is_flow(text: &str, node: &Node) -> bool {
    matches!(text.as_bytes().get(node.span.start), Some(b'[' | b'{'))
}

/// Render a mapping item as block lines under a `- ` at `indent` columns.
fn block_item(entries: &[(String, YValue)], indent: usize) -> String {
    let pad = " ".repeat(indent);
    let inner = " ".repeat(indent + 2);
    let mut out = String::new();
    for (i, (k, v)) in entries.iter().enumerate() {
        if i == 0 {
            out.push_str(&format!("{pad}- {k}: {}\n", v.inline()));
        } else {
            out.push_str(&format!("{inner}{k}: {}\n", v.inline()));
        }
    }
    out
}

/// Text that ends the file's last line, if it does not end with one.
fn newline_if_needed(text: &str, at: usize) -> &'static str {
    if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        "\n"
    } else {
        ""
    }
}

/// Append a mapping item to the list at `path` (creating the list, and the
/// mappings above it, when missing). The edit is checked by reading the
/// result back: if it would not give valid YAML with the new item last in
/// that list (in a layout collab does not understand, say), it is refused.
pub fn append_item(
    text: &str,
    root: &Node,
    path: &[Seg<'_>],
    item: &[(String, YValue)],
) -> Result<Splice, EditError> {
    let splice = append_unchecked(text, root, path, item)?;
    verified(text, root, splice, path, |node| {
        let Value::Seq(items) = &node.value else {
            return false;
        };
        let Some(Node {
            value: Value::Map(entries),
            ..
        }) = items.last()
        else {
            return false;
        };
        entries.len() == item.len()
            && entries
                .iter()
                .zip(item)
                .all(|((k, _), (want, _))| k.as_str() == Some(want.as_str()))
    })
}

/// Read an edit back: the edited text must be valid YAML (when the text
/// was), and the node at `path`, in the document that was edited, must
/// pass `wanted`.
fn verified(
    text: &str,
    root: &Node,
    splice: Splice,
    path: &[Seg<'_>],
    wanted: impl Fn(&Node) -> bool,
) -> Result<Splice, EditError> {
    use crate::source::SourceText;
    let refused = || {
        EditError(
            "the file is laid out in a way collab cannot edit safely; make this change by hand"
                .into(),
        )
    };
    let edited = crate::yaml::parse(&SourceText::new(splice.apply(text)));
    if edited.error.is_some()
        && crate::yaml::parse(&SourceText::new(text.to_string()))
            .error
            .is_none()
    {
        return Err(refused());
    }
    let doc = edited
        .docs
        .iter()
        .find(|d| d.root.span.start == root.span.start)
        .ok_or_else(refused)?;
    match doc.root.at(path) {
        Some(node) if wanted(node) => Ok(splice),
        _ => Err(refused()),
    }
}

fn append_unchecked(
    text: &str,
    root: &Node,
    path: &[Seg<'_>],
    item: &[(String, YValue)],
) -> Result<Splice, EditError> {
    match root.at(path) {
        // `key:` with nothing after it: write the list under the key.
        Some(list) if list.is_null() => {
            let key = root
                .key_span_at(path)
                .ok_or_else(|| EditError("could not find the key".into()))?;
            let at = after_line(text, key.end);
            Ok(Splice {
                span: Span::empty(at),
                text: format!(
                    "{}{}",
                    newline_if_needed(text, at),
                    block_item(item, column(text, key.start) + 2)
                ),
            })
        }
        Some(list) => append_to_existing(text, list, item),
        None => {
            let (last, parent_path) = path
                .split_last()
                .ok_or_else(|| EditError("nothing to append to".into()))?;
            let Seg::Key(key) = last else {
                return Err(EditError("that list item does not exist".into()));
            };
            let value = YValue::List(vec![YValue::Map(item.to_vec())]);
            add_key(text, root, parent_path, key, &value, Some(item))
        }
    }
}

fn append_to_existing(
    text: &str,
    list: &Node,
    item: &[(String, YValue)],
) -> Result<Splice, EditError> {
    let map = YValue::Map(item.to_vec());
    match &list.value {
        Value::Seq(items) if is_flow(text, list) => {
            // `[ ... ]`: insert before the closing bracket.
            let close = list.span.end.saturating_sub(1);
            if text.as_bytes().get(close) != Some(&b']') {
                return Err(EditError("could not find the end of the list".into()));
            }
            let sep = if items.is_empty() { "" } else { ", " };
            Ok(Splice {
                span: Span::empty(close),
                text: format!("{sep}{}", map.inline()),
            })
        }
        Value::Seq(items) => {
            let last = items
                .last()
                .ok_or_else(|| EditError("the list is empty".into()))?;
            let first = &items[0];
            let dash = text[..first.span.start]
                .rfind('-')
                .ok_or_else(|| EditError("could not find the list's dashes".into()))?;
            let indent = column(text, dash);
            let at = after_line(text, last.span.end.max(last.span.start));
            let rendered = if is_flow(text, first) {
                format!("{}- {}\n", " ".repeat(indent), map.inline())
            } else {
                block_item(item, indent)
            };
            Ok(Splice {
                span: Span::empty(at),
                text: format!("{}{rendered}", newline_if_needed(text, at)),
            })
        }
        _ => Err(EditError("that key does not hold a list".into())),
    }
}

/// Add `key: value` to the mapping at `parent_path`, creating missing
/// mappings above it.
fn add_key(
    text: &str,
    root: &Node,
    parent_path: &[Seg<'_>],
    key: &str,
    value: &YValue,
    as_block_list: Option<&[(String, YValue)]>,
) -> Result<Splice, EditError> {
    let Some(parent) = root.at(parent_path) else {
        let (last, grand) = parent_path
            .split_last()
            .ok_or_else(|| EditError("the document is not a mapping".into()))?;
        let Seg::Key(pkey) = last else {
            return Err(EditError("that item does not exist".into()));
        };
        let nested = YValue::Map(vec![(key.to_string(), value.clone())]);
        return add_key(text, root, grand, pkey, &nested, None);
    };
    let Value::Map(entries) = &parent.value else {
        return Err(EditError("expected a mapping to add to".into()));
    };
    if is_flow(text, parent) {
        let close = parent.span.end.saturating_sub(1);
        if text.as_bytes().get(close) != Some(&b'}') {
            return Err(EditError("could not find the end of the mapping".into()));
        }
        // Keep a space before the brace if the mapping had one.
        let before = text[..close].trim_end().len();
        let sep = if entries.is_empty() { " " } else { ", " };
        return Ok(Splice {
            span: Span::empty(before),
            text: format!("{sep}{key}: {}", value.inline()),
        });
    }
    let (indent, at) = match entries.first() {
        Some((first_key, _)) => {
            let indent = column(text, first_key.span.start);
            let (_, last_value) = entries
                .last()
                .map_or((first_key, first_key), |(k, v)| (k, v));
            (
                indent,
                after_line(text, last_value.span.end.max(last_value.span.start)),
            )
        }
        None => (0, text.len()),
    };
    let pad = " ".repeat(indent);
    let body = match (value, as_block_list) {
        (_, Some(item)) => format!("{pad}{key}:\n{}", block_item(item, indent + 2)),
        (YValue::Map(inner), None) => {
            let mut s = format!("{pad}{key}:\n");
            for (k, v) in inner {
                match v {
                    YValue::List(items) if items.len() == 1 => {
                        if let YValue::Map(m) = &items[0] {
                            s.push_str(&format!("{pad}  {k}:\n{}", block_item(m, indent + 4)));
                        } else {
                            s.push_str(&format!("{pad}  {k}: {}\n", v.inline()));
                        }
                    }
                    _ => s.push_str(&format!("{pad}  {k}: {}\n", v.inline())),
                }
            }
            s
        }
        _ => format!("{pad}{key}: {}\n", value.inline()),
    };
    Ok(Splice {
        span: Span::empty(at),
        text: format!("{}{body}", newline_if_needed(text, at)),
    })
}

/// Set the scalar at `path` to `value`: replace its bytes when it exists,
/// add the key to its mapping when it does not. Checked by reading the
/// result back, as [`append_item`] is.
pub fn set_value(
    text: &str,
    root: &Node,
    path: &[Seg<'_>],
    value: &YValue,
) -> Result<Splice, EditError> {
    let splice = set_unchecked(text, root, path, value)?;
    let want = match value {
        YValue::Text(s) | YValue::Plain(s) => Some(s.as_str()),
        YValue::List(_) | YValue::Map(_) => None,
    };
    verified(text, root, splice, path, |node| {
        want.is_none_or(|w| node.as_str() == Some(w))
    })
}

fn set_unchecked(
    text: &str,
    root: &Node,
    path: &[Seg<'_>],
    value: &YValue,
) -> Result<Splice, EditError> {
    match root.at(path) {
        Some(node) if node.as_scalar().is_some() && !node.is_null() => Ok(Splice {
            span: node.span,
            text: value.inline(),
        }),
        Some(_) => Err(EditError(
            "that key holds a list or mapping, not a value".into(),
        )),
        None => {
            let (last, parent) = path
                .split_last()
                .ok_or_else(|| EditError("nothing to set".into()))?;
            let Seg::Key(key) = last else {
                return Err(EditError("that item does not exist".into()));
            };
            add_key(text, root, parent, key, value, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceText;

    fn root(text: &str) -> Node {
        crate::yaml::parse(&SourceText::new(text.to_string())).docs[0]
            .root
            .clone()
    }

    fn item() -> Vec<(String, YValue)> {
        vec![
            ("id".into(), YValue::plain("new-one")),
            ("name".into(), YValue::text("New: one")),
        ]
    }

    fn appended(text: &str, path: &[Seg<'_>]) -> String {
        append_item(text, &root(text), path, &item())
            .unwrap()
            .apply(text)
    }

    #[test]
    fn appends_to_a_block_list_in_its_indentation() {
        let text = "kind: partners\n# the partners\npartners:\n    - id: a\n      name: A   # keep me\n    - id: b\n      name: B\n# trailing\n";
        let out = appended(text, &[Seg::Key("partners")]);
        assert_eq!(
            out,
            "kind: partners\n# the partners\npartners:\n    - id: a\n      name: A   # keep me\n    - id: b\n      name: B\n    - id: new-one\n      name: \"New: one\"\n# trailing\n"
        );
    }

    #[test]
    fn refuses_an_edit_it_cannot_read_back() {
        // A complex key at the root: the new list would land inside it.
        let text = "? []: x\n";
        let err = append_item(text, &root(text), &[Seg::Key("partners")], &item());
        assert!(err.is_err(), "{err:?}");
    }

    #[test]
    fn appends_flow_items_as_flow_items() {
        let text = "items:\n  - { id: a, name: A }\n";
        assert_eq!(
            appended(text, &[Seg::Key("items")]),
            "items:\n  - { id: a, name: A }\n  - { id: new-one, name: \"New: one\" }\n"
        );
        let text = "items: []\nnext: 1\n";
        assert_eq!(
            appended(text, &[Seg::Key("items")]),
            "items: [{ id: new-one, name: \"New: one\" }]\nnext: 1\n"
        );
        let text = "items: [{ id: a }]\n";
        assert_eq!(
            appended(text, &[Seg::Key("items")]),
            "items: [{ id: a }, { id: new-one, name: \"New: one\" }]\n"
        );
    }

    #[test]
    fn creates_a_missing_list_in_a_block_mapping() {
        let text = "metrics:\n  - id: m\n    name: M\n    target: 5\nother: x\n";
        let out = appended(
            text,
            &[Seg::Key("metrics"), Seg::Index(0), Seg::Key("actuals")],
        );
        assert_eq!(
            out,
            "metrics:\n  - id: m\n    name: M\n    target: 5\n    actuals:\n      - id: new-one\n        name: \"New: one\"\nother: x\n"
        );
    }

    #[test]
    fn creates_missing_parents_at_the_end() {
        let text = "kind: plan\ntitle: T";
        let out = appended(text, &[Seg::Key("implementation"), Seg::Key("activities")]);
        assert_eq!(
            out,
            "kind: plan\ntitle: T\nimplementation:\n  activities:\n    - id: new-one\n      name: \"New: one\"\n"
        );
    }

    #[test]
    fn sets_or_adds_a_scalar() {
        let text = "actions:\n  - { id: a, action: X, status: open }\n  - id: b\n    action: Y\n";
        let r = root(text);
        let s = set_value(
            text,
            &r,
            &[Seg::Key("actions"), Seg::Index(0), Seg::Key("status")],
            &YValue::plain("done"),
        )
        .unwrap();
        assert_eq!(
            s.apply(text),
            "actions:\n  - { id: a, action: X, status: done }\n  - id: b\n    action: Y\n"
        );
        let s = set_value(
            text,
            &r,
            &[Seg::Key("actions"), Seg::Index(1), Seg::Key("status")],
            &YValue::plain("done"),
        )
        .unwrap();
        assert_eq!(
            s.apply(text),
            "actions:\n  - { id: a, action: X, status: open }\n  - id: b\n    action: Y\n    status: done\n"
        );
        let text = "actions:\n  - { id: a, action: X }\n";
        let s = set_value(
            text,
            &root(text),
            &[Seg::Key("actions"), Seg::Index(0), Seg::Key("status")],
            &YValue::plain("done"),
        )
        .unwrap();
        assert_eq!(
            s.apply(text),
            "actions:\n  - { id: a, action: X, status: done }\n"
        );
    }

    #[test]
    fn fills_an_empty_key() {
        let text = "actions:\nnext: 1\n";
        assert_eq!(
            appended(text, &[Seg::Key("actions")]),
            "actions:\n  - id: new-one\n    name: \"New: one\"\nnext: 1\n"
        );
    }

    #[test]
    fn quoting() {
        assert_eq!(quote("Home Office"), "Home Office");
        assert_eq!(quote("no"), "\"no\"");
        assert_eq!(quote("42"), "\"42\"");
        assert_eq!(quote("2026-12-01"), "\"2026-12-01\"");
        assert_eq!(quote("a: b"), "\"a: b\"");
        assert_eq!(quote("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(quote(""), "\"\"");
    }
}
