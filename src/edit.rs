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
            YValue::Plain(s) if plain_shape_ok(s) => s.clone(),
            YValue::Plain(s) => double_quoted(s),
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

/// A `key: value` line of a block mapping at the top of a file.
pub fn entry_line(key: &str, value: &YValue) -> String {
    format!("{key}: {}\n", value.inline())
}

/// A `- value` line of a block list, `indent` columns in, the value on
/// one line (flow style for a mapping).
pub fn list_item_line(indent: usize, value: &YValue) -> String {
    format!("{}- {}\n", " ".repeat(indent), value.inline())
}

/// A comment line, `indent` columns in. Control characters and line
/// breaks are shown escaped, so nothing read from a file can end the
/// comment or reach a terminal raw.
pub fn comment_line(indent: usize, text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    format!("{}# {text}\n", " ".repeat(indent))
}

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq)]
pub struct EditError(pub String);

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `s` written as a plain scalar, in a block or inside a flow
/// list or mapping, reads back as one scalar with exactly this text (what
/// type YAML then gives it aside).
fn plain_shape_ok(s: &str) -> bool {
    let mut chars = s.chars();
    let first = chars.next();
    let second = chars.next();
    // `-`, `?` and `:` may start a plain scalar only before a non-space.
    let start_ok = match first {
        None => false,
        Some('-' | '?' | ':') => second.is_some_and(|c| !c.is_whitespace()),
        Some(c) => !"#&*!|>%@`'\"".contains(c),
    };
    start_ok
        && s.trim() == s
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.contains(['"', '\'', '{', '}', '[', ']', ','])
        && !s.chars().any(char::is_control)
}

/// Quote text for YAML when a plain scalar would not read back as the same
/// string.
pub fn quote(s: &str) -> String {
    let plain_ok = plain_shape_ok(s) && !s.starts_with(['-', '?', ':']) && {
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
        s.to_string()
    } else {
        double_quoted(s)
    }
}

/// `s` as a double-quoted YAML scalar, with every control character
/// escaped, so it stays on one line and reads back as `s`.
fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Refuse text that holds control characters (escape sequences, bell,
/// C1 codes, bidirectional overrides) other than tab and line break: they have no
/// place in a campaign file, and could take over a terminal that shows it
/// later. `what` names the value for the message.
pub fn check_text(what: &str, s: &str) -> Result<(), EditError> {
    // The characters a terminal would obey (see `crate::terminal`): one
    // definition for what is shown escaped and what edits refuse.
    match s.chars().find(|c| crate::terminal::is_unsafe(*c)) {
        None => Ok(()),
        Some(c) => Err(EditError(format!(
            "{what} holds a control character ({}); collab does not write those into \
             campaign files, so remove it and try again",
            c.escape_unicode()
        ))),
    }
}

/// [`check_text`] for every text in an item.
fn check_item(entries: &[(String, YValue)]) -> Result<(), EditError> {
    entries.iter().try_for_each(|(k, v)| check_value(k, v))
}

fn check_value(key: &str, value: &YValue) -> Result<(), EditError> {
    match value {
        YValue::Text(s) | YValue::Plain(s) => check_text(&format!("the `{key}` value"), s),
        YValue::List(items) => items.iter().try_for_each(|v| check_value(key, v)),
        YValue::Map(entries) => check_item(entries),
    }
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
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// The byte just after the end of the line holding `at` (after its `\n`,
/// `\r\n` or `\r`).
fn after_line(text: &str, at: usize) -> usize {
    match text[at..].find(['\n', '\r']) {
        None => text.len(),
        Some(i) if text[at + i..].starts_with("\r\n") => at + i + 2,
        Some(i) => at + i + 1,
    }
}

/// The file's line ending: the one its first line ends with.
fn line_ending(text: &str) -> &'static str {
    match text.find(['\n', '\r']) {
        Some(i) if text[i..].starts_with("\r\n") => "\r\n",
        Some(i) if text.as_bytes()[i] == b'\r' => "\r",
        _ => "\n",
    }
}

/// Write the splice's new lines with the file's line ending. The new text
/// holds line breaks only between lines: values are quoted on one line.
fn in_file_line_ending(text: &str, mut splice: Splice) -> Splice {
    let eol = line_ending(text);
    if eol != "\n" {
        splice.text = splice.text.replace('\n', eol);
    }
    splice
}

fn column(text: &str, at: usize) -> usize {
    at - line_start(text, at)
}

fn is_flow(text: &str, node: &Node) -> bool {
    matches!(text.as_bytes().get(node.span.start), Some(b'[' | b'{'))
}

/// Render a mapping item as block lines under a `- ` at `indent` columns.
fn block_item(entries: &[(String, YValue)], indent: usize) -> String {
    Layout::default().item(entries, indent)
}

/// How a new list item is laid out, copied from the items already there.
#[derive(Debug, Default)]
struct Layout {
    /// `- { id: a, ... }` on one line rather than one key per line.
    flow_item: bool,
    /// Keys whose mapping or list values the other items write in block
    /// style (`lead:` with `name:` and `email:` under it).
    block_keys: Vec<String>,
}

impl Layout {
    /// The layout of the existing items of a block list. A nested value is
    /// written in block style when most items write that key so.
    fn of(text: &str, items: &[Node]) -> Self {
        let mut votes: Vec<(&str, i64)> = Vec::new();
        for item in items {
            let Value::Map(entries) = &item.value else {
                continue;
            };
            for (k, v) in entries {
                let (Some(key), Value::Map(_) | Value::Seq(_)) = (k.as_str(), &v.value) else {
                    continue;
                };
                let vote = if is_flow(text, v) { -1 } else { 1 };
                match votes.iter_mut().find(|(name, _)| *name == key) {
                    Some((_, n)) => *n += vote,
                    None => votes.push((key, vote)),
                }
            }
        }
        Layout {
            flow_item: items.first().is_some_and(|n| is_flow(text, n)),
            block_keys: votes
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(k, _)| k.to_string())
                .collect(),
        }
    }

    fn item(&self, entries: &[(String, YValue)], indent: usize) -> String {
        let pad = " ".repeat(indent);
        if self.flow_item {
            return format!("{pad}- {}\n", YValue::Map(entries.to_vec()).inline());
        }
        let inner = " ".repeat(indent + 2);
        let mut out = String::new();
        for (i, (k, v)) in entries.iter().enumerate() {
            let lead = if i == 0 {
                format!("{pad}- ")
            } else {
                inner.clone()
            };
            out.push_str(&format!("{lead}{k}:{}", self.value(k, v, indent + 4)));
        }
        out
    }

    /// ` value\n`, or a line break and the value's block lines when the
    /// other items write this key in block style.
    fn value(&self, key: &str, v: &YValue, indent: usize) -> String {
        let pad = " ".repeat(indent);
        match v {
            YValue::Map(m) if !m.is_empty() && self.block_keys.iter().any(|b| b == key) => {
                let lines: String = m
                    .iter()
                    .map(|(k, x)| format!("{pad}{k}: {}\n", x.inline()))
                    .collect();
                format!("\n{lines}")
            }
            YValue::List(l) if !l.is_empty() && self.block_keys.iter().any(|b| b == key) => {
                let lines: String = l
                    .iter()
                    .map(|x| format!("{pad}- {}\n", x.inline()))
                    .collect();
                format!("\n{lines}")
            }
            _ => format!(" {}\n", v.inline()),
        }
    }
}

/// The layout of the first non-empty block list under `key` anywhere in
/// the document: how this file writes such lists.
fn prevailing(text: &str, node: &Node, key: &str) -> Option<Layout> {
    match &node.value {
        Value::Map(entries) => entries.iter().find_map(|(k, v)| match &v.value {
            Value::Seq(items)
                if k.as_str() == Some(key) && !items.is_empty() && !is_flow(text, v) =>
            {
                Some(Layout::of(text, items))
            }
            _ => prevailing(text, v, key),
        }),
        Value::Seq(items) => items.iter().find_map(|n| prevailing(text, n, key)),
        Value::Scalar(_) => None,
    }
}

/// Text that ends the file's last line, if it does not end with one.
fn newline_if_needed(text: &str, at: usize) -> &'static str {
    if at == text.len() && !text.is_empty() && !text.ends_with(['\n', '\r']) {
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
    check_item(item)?;
    not_shared(text, root, path)?;
    let splice = in_file_line_ending(text, append_unchecked(text, root, path, item)?);
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

/// Refuse to edit through an alias, or inside an anchored node that an
/// alias repeats: the change would show in the other place too (or, through
/// an alias, land in the anchored node instead).
fn not_shared(text: &str, root: &Node, path: &[Seg<'_>]) -> Result<(), EditError> {
    use crate::yaml::Sharing;
    let parsed = crate::yaml::parse(&crate::source::SourceText::new(text.to_string()));
    let Some(doc) = parsed
        .docs
        .iter()
        .find(|d| d.root.span.start == root.span.start)
    else {
        return Ok(());
    };
    let Some((node, how)) = doc.shared_on(path) else {
        return Ok(());
    };
    let what = path_text(path);
    Err(EditError(match how {
        Sharing::Alias => format!(
            "`{what}` goes through the alias `{}`, which repeats a value written elsewhere \
             in the file, so the change would land there instead; collab does not edit \
             through aliases. Write the value out in full in place of the alias, or make \
             this change by hand",
            &text[node.span.start..node.span.end]
        ),
        Sharing::Anchor => format!(
            "`{what}` is part of an anchored value that an alias repeats elsewhere in the \
             file, so the change would show in both places; collab does not edit shared \
             values. Make this change by hand"
        ),
    }))
}

/// A path as people write it: `metrics[1].actuals`.
fn path_text(path: &[Seg<'_>]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if out.is_empty() => out.push_str(k),
            Seg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
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
        Some(list) if list.is_null() && in_flow(text, root, path) => {
            null_in_flow_to_list(text, root, path, list, item)
        }
        // `key: ~` on its own line: the items go below it, as for `key: []`.
        Some(list) if list.is_null() && list.span.start < list.span.end => {
            if !on_own_line(text, root, path) {
                return Err(EditError("could not find the key's line".into()));
            }
            empty_flow_to_block(text, root, path, list, item)
        }
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
        Some(list) if is_empty_flow(text, list) && on_own_line(text, root, path) => {
            empty_flow_to_block(text, root, path, list, item)
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

/// The value at `path` sits in a flow mapping or list (`{ … }`, `[ … ]`).
fn in_flow(text: &str, root: &Node, path: &[Seg<'_>]) -> bool {
    path.split_last()
        .and_then(|(_, parent)| root.at(parent))
        .is_some_and(|parent| is_flow(text, parent))
}

/// `key:`, `key: ~` or `key: null` inside `{ … }`: the new list goes in
/// brackets where the null was (after the colon when nothing was written).
fn null_in_flow_to_list(
    text: &str,
    root: &Node,
    path: &[Seg<'_>],
    list: &Node,
    item: &[(String, YValue)],
) -> Result<Splice, EditError> {
    let inline = format!("[{}]", YValue::Map(item.to_vec()).inline());
    if list.span.start < list.span.end {
        return Ok(Splice {
            span: Span::new(list.span.start, list.span.end),
            text: inline,
        });
    }
    let colon = root
        .key_span_at(path)
        .and_then(|key| text[key.end..].find(':').map(|i| key.end + i + 1))
        .ok_or_else(|| EditError("could not find the key".into()))?;
    Ok(Splice {
        span: Span::empty(colon),
        text: format!(" {inline}"),
    })
}

fn is_empty_flow(text: &str, list: &Node) -> bool {
    matches!(&list.value, Value::Seq(items) if items.is_empty()) && is_flow(text, list)
}

/// The list's key starts its line (after any `- `), so its items can go on
/// the lines below it. A key inside a flow mapping never qualifies, even
/// at the start of a line: block lines are not allowed inside `{ … }`.
fn on_own_line(text: &str, root: &Node, path: &[Seg<'_>]) -> bool {
    !in_flow(text, root, path)
        && root.key_span_at(path).is_some_and(|key| {
            text[line_start(text, key.start)..key.start]
                .chars()
                .all(|c| c == ' ' || c == '-')
        })
}

/// `key: []` becomes `key:` with the new item on the lines below it, one
/// item per line as the file's other such lists are written. A comment
/// after the `[]` stays where it was.
fn empty_flow_to_block(
    text: &str,
    root: &Node,
    path: &[Seg<'_>],
    list: &Node,
    item: &[(String, YValue)],
) -> Result<Splice, EditError> {
    let key = root
        .key_span_at(path)
        .ok_or_else(|| EditError("could not find the key".into()))?;
    let name = match path.last() {
        Some(Seg::Key(k)) => *k,
        _ => "",
    };
    let layout = prevailing(text, root, name).unwrap_or_default();
    let from = text[..list.span.start].trim_end().len();
    let end = after_line(text, list.span.end);
    let eol_len = text[list.span.end..end].len()
        - text[list.span.end..end]
            .trim_end_matches(['\n', '\r'])
            .len();
    let line_end = end - eol_len;
    let rest = &text[list.span.end..line_end];
    let kept = if rest.trim().is_empty() {
        String::new()
    } else {
        format!("{}  {rest}", &text[from..list.span.start])
    };
    let lines = layout.item(item, column(text, key.start) + 2);
    Ok(Splice {
        span: Span::new(from, line_end),
        text: format!("{kept}\n{}", lines.trim_end_matches('\n')),
    })
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
            let rendered = Layout::of(text, items).item(item, indent);
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
    if let Some(Seg::Key(key)) = path.last() {
        check_value(key, value)?;
    }
    not_shared(text, root, path)?;
    let splice = in_file_line_ending(text, set_unchecked(text, root, path, value)?);
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

    /// A new item appended to the first metric's `actuals`.
    fn actuals_appended(text: &str) -> String {
        appended(
            text,
            &[Seg::Key("metrics"), Seg::Index(0), Seg::Key("actuals")],
        )
    }

    #[test]
    fn an_empty_flow_list_inside_a_flow_mapping_stays_flow() {
        // Found by the generated corpus: `actuals: []` at the start of a
        // line, but inside a flow mapping, was turned into a block list.
        let text = "{ kind: evaluation, metrics: [{ id: m, name: M,\nactuals: [] }] }\n";
        let out = actuals_appended(text);
        assert_eq!(
            out,
            "{ kind: evaluation, metrics: [{ id: m, name: M,\nactuals: [{ id: new-one, name: \"New: one\" }] }] }\n"
        );
    }

    #[test]
    fn a_null_list_in_a_flow_mapping_takes_the_new_item_in_brackets() {
        let want = "{ metrics: [{ id: m,\nactuals: [{ id: new-one, name: \"New: one\" }] }] }\n";
        for text in [
            "{ metrics: [{ id: m,\nactuals: }] }\n",
            "{ metrics: [{ id: m,\nactuals: ~ }] }\n",
            "{ metrics: [{ id: m,\nactuals: null }] }\n",
        ] {
            assert_eq!(actuals_appended(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_null_list_in_a_block_mapping_takes_the_new_item_below_its_key() {
        let text = "metrics:\n  - id: m\n    actuals: ~   # none yet\n    baseline: 2\n";
        assert_eq!(
            actuals_appended(text),
            "metrics:\n  - id: m\n    actuals:      # none yet\n      - id: new-one\n        name: \"New: one\"\n    baseline: 2\n"
        );
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
            "items:\n  - id: new-one\n    name: \"New: one\"\nnext: 1\n"
        );
        let text = "items: [{ id: a }]\n";
        assert_eq!(
            appended(text, &[Seg::Key("items")]),
            "items: [{ id: a }, { id: new-one, name: \"New: one\" }]\n"
        );
    }

    #[test]
    fn an_empty_flow_list_becomes_a_block_list_in_the_files_style() {
        // Other metrics write their figures one flow item per line.
        let text =
            "metrics:\n  - id: a\n    actuals:\n      - { id: x }\n  - id: b\n    actuals: []\n";
        let path = [Seg::Key("metrics"), Seg::Index(1), Seg::Key("actuals")];
        assert_eq!(
            appended(text, &path),
            "metrics:\n  - id: a\n    actuals:\n      - { id: x }\n  - id: b\n    actuals:\n      \
             - { id: new-one, name: \"New: one\" }\n"
        );
        // Inside a flow mapping the list stays a flow list.
        let text = "m: { items: [] }\n";
        assert_eq!(
            appended(text, &[Seg::Key("m"), Seg::Key("items")]),
            "m: { items: [{ id: new-one, name: \"New: one\" }] }\n"
        );
        // CRLF files keep CRLF; no final line break stays so.
        let text = "items: []";
        assert_eq!(
            appended(text, &[Seg::Key("items")]),
            "items:\n  - id: new-one\n    name: \"New: one\""
        );
        let text = "items: []\r\nnext: 1\r\n";
        assert_eq!(
            appended(text, &[Seg::Key("items")]),
            "items:\r\n  - id: new-one\r\n    name: \"New: one\"\r\nnext: 1\r\n"
        );
    }

    #[test]
    fn nested_values_follow_the_other_items() {
        let partner = |lead: &str| {
            vec![
                ("id".to_string(), YValue::plain("c")),
                (
                    "lead".to_string(),
                    YValue::Map(vec![
                        ("name".to_string(), YValue::text("Cy")),
                        ("email".to_string(), YValue::plain(lead)),
                    ]),
                ),
                (
                    "tags".to_string(),
                    YValue::List(vec![YValue::plain("x"), YValue::plain("y")]),
                ),
            ]
        };
        let block = "partners:\n  - id: a\n    lead:\n      name: Al\n    tags:\n      - z\n";
        let out = append_item(
            block,
            &root(block),
            &[Seg::Key("partners")],
            &partner("c@x.uk"),
        )
        .unwrap()
        .apply(block);
        assert_eq!(
            out,
            format!(
                "{block}  - id: c\n    lead:\n      name: Cy\n      email: c@x.uk\n    tags:\n      - x\n      - y\n"
            )
        );
        let flow = "partners:\n  - id: a\n    lead: { name: Al }\n";
        let out = append_item(
            flow,
            &root(flow),
            &[Seg::Key("partners")],
            &partner("c@x.uk"),
        )
        .unwrap()
        .apply(flow);
        assert_eq!(
            out,
            format!("{flow}  - id: c\n    lead: {{ name: Cy, email: c@x.uk }}\n    tags: [x, y]\n")
        );
    }

    #[test]
    fn creates_a_missing_list_in_a_block_mapping() {
        let text = "metrics:\n  - id: m\n    name: M\n    target: 5\nother: x\n";
        let out = actuals_appended(text);
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
    fn new_lines_follow_the_file_line_ending() {
        for eol in ["\r\n", "\r"] {
            let lf = "metrics:\n  - id: m\n    actuals:\n      - { date: 2026-11-01, value: 1 }\nnext: 1\n";
            let text = lf.replace('\n', eol);
            let out = appended(
                &text,
                &[Seg::Key("metrics"), Seg::Index(0), Seg::Key("actuals")],
            );
            let want = "metrics:\n  - id: m\n    actuals:\n      - { date: 2026-11-01, value: 1 }\n      \
                        - { id: new-one, name: \"New: one\" }\nnext: 1\n";
            assert_eq!(out, want.replace('\n', eol), "{eol:?}");
            // A key that is missing is added with the same ending.
            let out = appended(
                &text,
                &[Seg::Key("metrics"), Seg::Index(0), Seg::Key("more")],
            );
            assert!(!out.replace(eol, "").contains(['\n', '\r']), "{out:?}");
            let text = "actions:\r\n  - id: a\r\n";
            let out = set_value(
                text,
                &root(text),
                &[Seg::Key("actions"), Seg::Index(0), Seg::Key("status")],
                &YValue::plain("done"),
            )
            .unwrap()
            .apply(text);
            assert_eq!(out, "actions:\r\n  - id: a\r\n    status: done\r\n");
        }
    }

    #[test]
    fn edits_keep_trailing_comments() {
        let text = "actuals: []   # none yet\nnext: 1\n";
        assert_eq!(
            appended(text, &[Seg::Key("actuals")]),
            "actuals:      # none yet\n  - id: new-one\n    name: \"New: one\"\nnext: 1\n"
        );
        let text = "actions:\n  - id: a\n    status: \"open\"   # agreed with Ann\n";
        let path = [Seg::Key("actions"), Seg::Index(0), Seg::Key("status")];
        let out = set_value(text, &root(text), &path, &YValue::plain("done"))
            .unwrap()
            .apply(text);
        assert_eq!(
            out,
            "actions:\n  - id: a\n    status: done   # agreed with Ann\n"
        );
    }

    #[test]
    fn refuses_to_edit_through_an_alias() {
        let text = "metrics:\n  - id: m1\n    actuals: &m1-actuals\n      - { value: 1 }\n\
                    \x20 - id: m2\n    actuals: *m1-actuals\n  - id: m3\n    actuals: &own [ ]\n";
        let actuals = |i| [Seg::Key("metrics"), Seg::Index(i), Seg::Key("actuals")];
        let r = root(text);
        let err = append_item(text, &r, &actuals(1), &item()).unwrap_err();
        assert!(err.0.contains("alias `*m1-actuals`"), "{err}");
        assert!(err.0.contains("metrics[1].actuals"), "{err}");
        let err = append_item(text, &r, &actuals(0), &item()).unwrap_err();
        assert!(err.0.contains("anchored value"), "{err}");
        // An anchor nothing repeats is an ordinary list.
        assert!(append_item(text, &r, &actuals(2), &item()).is_ok());
        let status = [
            Seg::Key("metrics"),
            Seg::Index(1),
            Seg::Key("actuals"),
            Seg::Index(0),
            Seg::Key("value"),
        ];
        assert!(set_value(text, &r, &status, &YValue::plain(2)).is_err());
    }

    #[test]
    fn refuses_control_characters() {
        let text = "actuals: []\n";
        for bad in ["\u{1b}]0;pwned\u{7}", "bell\u{7}", "c1\u{9b}2J", "cr\rhere"] {
            let item = vec![("note".to_string(), YValue::text(bad))];
            let err = append_item(text, &root(text), &[Seg::Key("actuals")], &item).unwrap_err();
            assert!(
                err.0.contains("`note`") && err.0.contains("control character"),
                "{err}"
            );
        }
        let item = vec![("note".to_string(), YValue::text("tab\there\nand a line"))];
        let out = append_item(text, &root(text), &[Seg::Key("actuals")], &item)
            .unwrap()
            .apply(text);
        assert_eq!(out, "actuals:\n  - note: \"tab\\there\\nand a line\"\n");
    }

    #[test]
    fn plain_values_are_quoted_when_yaml_needs_it() {
        let regions = YValue::List(vec![
            YValue::plain("Greater Manchester, Bolton"),
            YValue::plain("north-west"),
            YValue::plain("a: b"),
            YValue::plain("[x]"),
            YValue::plain("-5"),
            YValue::plain("- x"),
            YValue::plain("# no"),
        ]);
        assert_eq!(
            regions.inline(),
            "[\"Greater Manchester, Bolton\", north-west, \"a: b\", \"[x]\", -5, \"- x\", \"# no\"]"
        );
        let text = "partners: []\n";
        let item = vec![("regions".to_string(), regions)];
        let out = append_item(text, &root(text), &[Seg::Key("partners")], &item)
            .unwrap()
            .apply(text);
        let back = root(&out);
        let list = back
            .at(&[Seg::Key("partners"), Seg::Index(0), Seg::Key("regions")])
            .unwrap();
        assert_eq!(
            list.item(0).and_then(Node::as_str),
            Some("Greater Manchester, Bolton")
        );
        assert_eq!(list.item(6).and_then(Node::as_str), Some("# no"));
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
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("esc\u{1b}"), "\"esc\\u001B\"");
    }
}
