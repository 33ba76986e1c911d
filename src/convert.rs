//! OASIS ⇄ ROSIE as a pure text transformation of `plan.yaml`.
//!
//! The two frameworks hold the same content. Converting renames two
//! top-level sections (`audience` ⇄ `research`, `scoring` ⇄ `evaluation`),
//! puts the sections in the other framework's order (see *How the sections
//! move*) and sets `framework:`. Nothing is re-serialised: the file is cut into pieces and
//! the pieces are put back in a different order, so comments, quoting,
//! flow lists and blank lines inside every section stay byte for byte.
//!
//! # How the file is cut
//!
//! Only a block-style top-level mapping is handled; its keys must all start
//! their line at the same indentation (the *base* column, 0 in any normal
//! file). Lines are classed as
//!
//! - *blank*: nothing but whitespace;
//! - *shallow comment*: a comment starting at or left of the base column;
//! - *content*: anything else, including comments indented deeper than the
//!   base column and column-0 `- item` lines of a compact list.
//!
//! Each top-level entry then owns one *unit*, the text that moves with it:
//!
//! 1. its **lead**: the run of shallow comment lines directly above the key
//!    line, with no blank line in between (so `# Audience insight: …` right
//!    above `audience:` moves with it);
//! 2. its **body**: the key line through the last content line before the
//!    next key, which takes in indented comments after the value (a
//!    commented-out `  # pilot: …` at the end of `strategy`) and column-0
//!    comments between two list items.
//!
//! What lies between one unit's body and the next unit's lead (blank lines,
//! and shallow comments separated from the next key by a blank line) is a
//! *separator*. Separators, everything before the first unit and everything
//! after the last body stay where they are, tied to their position, as do
//! the units of keys that are not sections (`kind`, `title`, …).
//!
//! # How the sections move
//!
//! The two frameworks' orders differ only in the first two sections
//! (OASIS: objectives, audience, …; ROSIE: research, objectives, …), so the
//! objectives unit and the audience/research unit trade places and the
//! strategy, implementation and scoring/evaluation units stay put. A plan
//! in its own framework's order comes out in the other framework's order.
//! A plan in some other order keeps that difference (a ROSIE plan that puts
//! objectives first becomes an OASIS plan that puts audience first), which
//! is what makes converting back give the original bytes for every plan,
//! not only for plans in the expected order; [`in_framework_order`] tells
//! the caller when to mention it.
//!
//! A separator is empty or ends with a blank line, and a body ends with a
//! content line, so cutting the converted text finds the same units and
//! separators again: converting back restores the original bytes. A file
//! with no final line break is handled as if it had one, and the result is
//! given none.
//!
//! Before a result is returned it is parsed again and compared with the
//! original, node for node (apart from the renames, the new order and the
//! new `framework`). Anything that does not survive, such as an alias used
//! before its anchor after reordering, is refused rather than written.

use std::fmt;

use crate::model::plan::Section;
use crate::model::{Framework, Kind};
use crate::source::{SourceText, Span};
use crate::yaml::{self, Node, Seg, Value};

/// Why a plan (or `collab.toml`) could not be converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertError {
    /// Where in the text the problem is, when there is one place.
    pub span: Option<Span>,
    pub message: String,
}

impl ConvertError {
    fn at(span: Span, message: impl Into<String>) -> Self {
        ConvertError {
            span: Some(span),
            message: message.into(),
        }
    }

    fn whole(message: impl Into<String>) -> Self {
        ConvertError {
            span: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConvertError {}

/// What converting a plan gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conversion {
    /// The plan's `framework` is already the one asked for; nothing changes.
    AlreadyThere,
    /// The whole text of the converted file.
    Converted(String),
}

/// The section keys of a framework, in its order.
pub fn section_order(framework: Framework) -> [&'static str; 5] {
    framework.sections().map(|s| s.key(framework))
}

/// Convert the one plan document of a file's text.
pub fn convert(text: &str, to: Framework) -> Result<Conversion, ConvertError> {
    let parsed = parse_whole(text)?;
    let plans: Vec<usize> = parsed
        .iter()
        .enumerate()
        .filter(|(_, d)| d.root.get("kind").and_then(Node::as_str) == Some(Kind::Plan.as_str()))
        .map(|(i, _)| i)
        .collect();
    match plans.as_slice() {
        [index] => convert_parsed(text, &parsed, *index, to),
        [] => Err(ConvertError::whole(
            "there is no plan here: no document has `kind: plan`",
        )),
        _ => Err(ConvertError::whole(
            "this file holds more than one plan; keep one plan per campaign",
        )),
    }
}

/// Convert the plan that is document `index` (from 0) of a file's text.
/// Other documents in the file are left as they are.
pub fn convert_document(
    text: &str,
    index: usize,
    to: Framework,
) -> Result<Conversion, ConvertError> {
    let parsed = parse_whole(text)?;
    convert_parsed(text, &parsed, index, to)
}

/// The framework a plan document says it uses.
pub fn plan_framework(root: &Node) -> Result<Framework, ConvertError> {
    let Some(node) = root.get("framework") else {
        return Err(ConvertError::at(
            Span::empty(root.span.start),
            "the plan has no `framework`, so collab cannot tell what to convert from",
        ));
    };
    let framework = node.as_scalar().and_then(|s| Framework::parse(&s.text));
    framework.ok_or_else(|| {
        ConvertError::at(
            node.span,
            "the plan's `framework` must be `oasis` or `rosie`",
        )
    })
}

/// Whether the sections a plan has come in `framework`'s order
/// (sections it lacks are skipped; keys of the other framework count as
/// their counterparts).
pub fn in_framework_order(root: &Node, framework: Framework) -> bool {
    let Value::Map(entries) = &root.value else {
        return true;
    };
    let ranks: Vec<usize> = entries
        .iter()
        .filter_map(|(k, _)| k.as_scalar().and_then(|s| Section::of_key(&s.text)))
        .map(|s| s.rank(framework))
        .collect();
    ranks.windows(2).all(|w| w[0] < w[1])
}

fn parse_whole(text: &str) -> Result<Vec<yaml::YamlDoc>, ConvertError> {
    let parsed = yaml::parse(&SourceText::new(text.to_string()));
    if let Some(e) = parsed.error {
        return Err(ConvertError::at(
            e.span,
            format!("the plan is not valid YAML: {}", e.message),
        ));
    }
    Ok(parsed.docs)
}

fn convert_parsed(
    text: &str,
    docs: &[yaml::YamlDoc],
    index: usize,
    to: Framework,
) -> Result<Conversion, ConvertError> {
    let Some(doc) = docs.get(index) else {
        return Err(ConvertError::whole(format!(
            "the file has no document number {}",
            index + 1
        )));
    };
    let root = &doc.root;
    if plan_framework(root)? == to {
        return Ok(Conversion::AlreadyThere);
    }

    // Work on text that ends with a line break, so every body ends with one
    // and can move to the middle; the break is taken off again at the end.
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let added = !text.is_empty() && !text.ends_with('\n');
    let mut work = text.to_string();
    if added {
        work.push_str(newline);
    }

    let layout = Layout::cut(&work, root)?;
    let order = layout.new_order();
    let mut out = String::with_capacity(work.len() + 16);
    out.push_str(&work[..layout.units.first().map_or(0, |u| u.lead)]);
    for (slot, &from) in order.iter().enumerate() {
        layout.push_unit(&work, from, to, &mut out)?;
        let after = layout.units[slot].end;
        let upto = layout
            .units
            .get(slot + 1)
            .map_or(work.len(), |next| next.lead);
        out.push_str(&work[after..upto]);
    }
    if added && let Some(stripped) = out.strip_suffix(newline) {
        out.truncate(stripped.len());
    }

    verify(docs, index, &out, &order, to)?;
    Ok(Conversion::Converted(out))
}

/// One top-level entry and the bytes it owns.
#[derive(Debug)]
struct Unit<'n> {
    key: &'n Node,
    value: &'n Node,
    section: Option<Section>,
    /// Start of the comment lines directly above the key.
    lead: usize,
    /// End of the body: past the line break of its last content line.
    end: usize,
}

/// The top-level mapping of a plan cut into units.
#[derive(Debug)]
struct Layout<'n> {
    units: Vec<Unit<'n>>,
}

/// Line starts of a text that ends with a line break (or is empty).
struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    ShallowComment,
    Content,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(i, b)| b == b'\n' && i + 1 < text.len())
                .map(|(i, _)| i + 1),
        );
        Lines { text, starts }
    }

    fn count(&self) -> usize {
        self.starts.len()
    }

    fn start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.text.len())
    }

    fn end(&self, line: usize) -> usize {
        self.start(line + 1)
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    fn text(&self, line: usize) -> &'t str {
        &self.text[self.start(line)..self.end(line)]
    }

    fn kind(&self, line: usize, base: usize) -> LineKind {
        let line = self.text(line);
        let body = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - body.len();
        if body.trim().is_empty() {
            LineKind::Blank
        } else if body.starts_with('#') && indent <= base {
            LineKind::ShallowComment
        } else {
            LineKind::Content
        }
    }

    /// A `---` or `...` line: the document ends before it.
    fn is_marker(&self, line: usize) -> bool {
        let t = self.text(line);
        ["---", "..."].iter().any(|m| {
            t.strip_prefix(m)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
        })
    }
}

/// The entries of a plan written as a block mapping with at least one key.
fn block_entries<'n>(text: &str, root: &'n Node) -> Result<&'n [(Node, Node)], ConvertError> {
    let Value::Map(entries) = &root.value else {
        return Err(ConvertError::at(
            root.span,
            "the plan is not a mapping of keys to values",
        ));
    };
    if text[root.span.start.min(text.len())..].starts_with('{') {
        return Err(ConvertError::at(
            root.span,
            "the plan is written as one `{ … }` flow mapping; collab converts plans \
             written in block style (one `key:` per line), so rewrite it that way first",
        ));
    }
    if entries.is_empty() {
        return Err(ConvertError::at(root.span, "the plan is empty"));
    }
    Ok(entries)
}

/// The line of each top-level key, once every key is known to be plain
/// text, to appear once and to start its own line at the base column.
fn key_lines(
    text: &str,
    lines: &Lines<'_>,
    base: usize,
    entries: &[(Node, Node)],
) -> Result<Vec<usize>, ConvertError> {
    let mut seen: Vec<&str> = Vec::new();
    let mut key_lines = Vec::with_capacity(entries.len());
    for (key, _) in entries {
        let Some(name) = key.as_scalar().map(|s| s.text.as_str()) else {
            return Err(ConvertError::at(
                key.span,
                "this top-level key is not plain text; collab cannot move it safely",
            ));
        };
        if seen.contains(&name) {
            return Err(ConvertError::at(
                key.span,
                format!("`{name}` appears twice in the plan; keep one and try again"),
            ));
        }
        seen.push(name);
        let line = lines.line_of(key.span.start);
        let before = &text[lines.start(line)..key.span.start];
        if before.len() != base || !before.bytes().all(|b| b == b' ') {
            return Err(ConvertError::at(
                key.span,
                format!(
                    "cannot tell where `{name}` starts: every top-level key must begin \
                     its own line at the same indentation"
                ),
            ));
        }
        key_lines.push(line);
    }
    Ok(key_lines)
}

/// Each entry's unit: its lead comments and its body (see the module
/// documentation), checked to own its bytes in order.
fn units<'n>(
    text: &str,
    lines: &Lines<'_>,
    base: usize,
    entries: &'n [(Node, Node)],
    key_lines: &[usize],
) -> Result<Vec<Unit<'n>>, ConvertError> {
    // The document ends at the next `---`/`...` line or the end of the text.
    let last_line = key_lines.last().copied().unwrap_or(0);
    let doc_end_line = (last_line + 1..lines.count())
        .find(|&l| lines.is_marker(l))
        .unwrap_or(lines.count());
    let mut units: Vec<Unit<'n>> = Vec::with_capacity(entries.len());
    for (i, (key, value)) in entries.iter().enumerate() {
        let line = key_lines[i];
        let next = key_lines.get(i + 1).copied().unwrap_or(doc_end_line);
        let last_content = (line + 1..next)
            .rev()
            .find(|&l| lines.kind(l, base) == LineKind::Content)
            .unwrap_or(line);
        let end = lines.end(last_content);
        let name = key.as_scalar().map_or("", |s| s.text.as_str());
        let reaches = content_end(text, value).unwrap_or(0).max(key.span.end);
        if reaches > end {
            return Err(ConvertError::at(
                key.span,
                format!("cannot tell where `{name}` ends, so it cannot be moved safely"),
            ));
        }
        let floor = units.last().map_or(0, |u: &Unit<'_>| u.end);
        let mut lead_line = line;
        while lead_line > 0
            && lines.start(lead_line - 1) >= floor
            && lines.kind(lead_line - 1, base) == LineKind::ShallowComment
        {
            lead_line -= 1;
        }
        units.push(Unit {
            key,
            value,
            section: Section::of_key(name),
            lead: lines.start(lead_line),
            end,
        });
    }
    check_owned(&units)?;
    Ok(units)
}

/// Each unit must own its own bytes, in order: anything else (an explicit
/// `? key`, say) is a layout collab cannot cut safely.
fn check_owned(units: &[Unit<'_>]) -> Result<(), ConvertError> {
    let owns = |u: &Unit<'_>| u.lead <= u.key.span.start && u.key.span.end <= u.end;
    let ordered = units.windows(2).all(|w| w[0].end <= w[1].lead);
    match units
        .iter()
        .find(|u| !owns(u))
        .or((!ordered).then(|| &units[0]))
    {
        Some(bad) => Err(ConvertError::at(
            bad.key.span,
            "cannot tell where this top-level entry starts and ends; write every \
             top-level key as `key:` at the start of its own line and try again",
        )),
        None => Ok(()),
    }
}

impl<'n> Layout<'n> {
    fn cut(text: &str, root: &'n Node) -> Result<Self, ConvertError> {
        let entries = block_entries(text, root)?;
        let lines = Lines::new(text);
        let first_key = &entries[0].0;
        let base = first_key.span.start - lines.start(lines.line_of(first_key.span.start));
        let key_lines = key_lines(text, &lines, base, entries)?;
        let names: Vec<&str> = entries
            .iter()
            .filter_map(|(k, _)| k.as_scalar().map(|s| s.text.as_str()))
            .collect();
        for (a, b) in Section::ALL.iter().filter_map(|s| s.renamed()) {
            if names.contains(&a) && names.contains(&b) {
                return Err(ConvertError::at(
                    root.span,
                    format!(
                        "the plan has both `{a}` and `{b}`, which are the same section under \
                         two names; merge them into one first"
                    ),
                ));
            }
        }
        let units = units(text, &lines, base, entries, &key_lines)?;
        Ok(Layout { units })
    }

    /// For each position, the index of the unit that goes there: the
    /// objectives unit and the audience/research unit trade places, every
    /// other unit stays where it is.
    fn new_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.units.len()).collect();
        let find = |want: Section| self.units.iter().position(|u| u.section == Some(want));
        if let (Some(o), Some(a)) = (find(Section::Objectives), find(Section::Audience)) {
            order.swap(o, a);
        }
        order
    }

    /// Append unit `i`'s text with its key renamed for `to` (a section) or
    /// its value set to `to` (`framework`).
    fn push_unit(
        &self,
        text: &str,
        i: usize,
        to: Framework,
        out: &mut String,
    ) -> Result<(), ConvertError> {
        let unit = &self.units[i];
        let name = unit.key.as_scalar().map_or("", |s| s.text.as_str());
        let replace = if let Some(section) = unit.section {
            let new = section.key(to);
            (new != name).then(|| (unit.key.span, requote(text, unit.key, new)))
        } else if name == "framework" {
            Some((unit.value.span, requote(text, unit.value, to.as_str())))
        } else {
            None
        };
        match replace {
            None => out.push_str(&text[unit.lead..unit.end]),
            Some((span, _)) if span.start < unit.lead || span.end > unit.end => {
                return Err(ConvertError::at(
                    span,
                    "this value is not where collab expects it; edit it by hand",
                ));
            }
            Some((span, new)) => {
                let new = new?;
                out.push_str(&text[unit.lead..span.start]);
                out.push_str(&new);
                out.push_str(&text[span.end..unit.end]);
            }
        }
        Ok(())
    }
}

/// The text that replaces a scalar node's source to make it read `new`,
/// keeping its quotes: `audience` → `research`, `"oasis"` → `"rosie"`.
fn requote(text: &str, node: &Node, new: &str) -> Result<String, ConvertError> {
    let raw = text.get(node.span.start..node.span.end).unwrap_or("");
    let old = node.as_scalar().map_or("", |s| s.text.as_str());
    if raw == old {
        return Ok(new.to_string());
    }
    for q in ['"', '\''] {
        if raw.len() >= 2 && raw.starts_with(q) && raw.ends_with(q) && &raw[1..raw.len() - 1] == old
        {
            return Ok(format!("{q}{new}{q}"));
        }
    }
    Err(ConvertError::at(
        node.span,
        format!("`{old}` is written in a way collab cannot rewrite safely; write it plainly"),
    ))
}

fn is_flow(text: &str, node: &Node) -> bool {
    matches!(text.as_bytes().get(node.span.start), Some(b'[' | b'{'))
}

/// The furthest byte any written part of a node reaches. Empty values
/// (`key:` with nothing after it) have no place of their own.
fn content_end(text: &str, node: &Node) -> Option<usize> {
    match &node.value {
        Value::Scalar(_) => (!node.span.is_empty()).then_some(node.span.end),
        _ if is_flow(text, node) => Some(node.span.end),
        Value::Seq(items) => items.iter().filter_map(|n| content_end(text, n)).max(),
        Value::Map(entries) => entries
            .iter()
            .flat_map(|(k, v)| [content_end(text, k), content_end(text, v)])
            .flatten()
            .max(),
    }
}

/// Whether two nodes hold the same data, wherever they are written.
fn same_data(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Scalar(x), Value::Scalar(y)) => x == y,
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_data(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((k1, v1), (k2, v2))| same_data(k1, k2) && same_data(v1, v2))
        }
        _ => false,
    }
}

/// Parse the converted text and check it holds what the original did, with
/// the sections renamed and reordered and `framework` set.
fn verify(
    before: &[yaml::YamlDoc],
    index: usize,
    out: &str,
    order: &[usize],
    to: Framework,
) -> Result<(), ConvertError> {
    let broken = |why: &str| {
        ConvertError::whole(format!(
            "collab could not convert this plan without changing what it says ({why}); \
             nothing was changed. Move the sections by hand, or report this as a bug"
        ))
    };
    let parsed = yaml::parse(&SourceText::new(out.to_string()));
    if parsed.error.is_some() {
        return Err(broken("the result would not be valid YAML"));
    }
    if parsed.docs.len() != before.len() {
        return Err(broken("the number of documents would change"));
    }
    for (i, (old, new)) in before.iter().zip(&parsed.docs).enumerate() {
        if i != index && !same_data(&old.root, &new.root) {
            return Err(broken("another document in the file would change"));
        }
    }
    let (Value::Map(old), Value::Map(new)) =
        (&before[index].root.value, &parsed.docs[index].root.value)
    else {
        return Err(broken("the plan would no longer be a mapping"));
    };
    if old.len() != new.len() || order.len() != old.len() {
        return Err(broken("the number of top-level keys would change"));
    }
    for (&from, (new_key, new_value)) in order.iter().zip(new) {
        let (old_key, old_value) = &old[from];
        let old_name = old_key.as_scalar().map_or("", |s| s.text.as_str());
        let new_name = new_key.as_scalar().map_or("", |s| s.text.as_str());
        let want_name = Section::of_key(old_name).map_or(old_name, |s| s.key(to));
        if new_name != want_name {
            return Err(broken("a top-level key would be lost or renamed wrongly"));
        }
        let value_ok = if old_name == "framework" {
            new_value.as_scalar().map(|s| s.text.as_str()) == Some(to.as_str())
        } else {
            same_data(old_value, new_value)
        };
        if !value_ok {
            return Err(broken(&format!("`{new_name}` would change")));
        }
    }
    Ok(())
}

/// Set `[campaign] framework` in the text of `collab.toml`, changing only
/// the value's bytes (its quotes are kept). `root` is the node tree the
/// loader built from that same text.
pub fn set_config_framework(
    text: &str,
    root: &Node,
    to: Framework,
) -> Result<String, ConvertError> {
    let Some(node) = root.at(&[Seg::Key("campaign"), Seg::Key("framework")]) else {
        return Err(ConvertError::whole(
            "collab.toml has no `framework` under [campaign] to update",
        ));
    };
    let new_value = requote(text, node, to.as_str())?;
    let (Some(head), Some(tail)) = (text.get(..node.span.start), text.get(node.span.end..)) else {
        return Err(ConvertError::at(
            node.span,
            "collab.toml changed since it was read; run the command again",
        ));
    };
    let out = format!("{head}{new_value}{tail}");

    // The result must read as the same settings with only `framework` changed.
    let read = |t: &str| t.parse::<toml::Table>().ok();
    let (Some(mut expected), Some(got)) = (read(text), read(&out)) else {
        return Err(ConvertError::at(
            node.span,
            "collab.toml would not be valid TOML after the change; nothing was changed",
        ));
    };
    if let Some(toml::Value::Table(campaign)) = expected.get_mut("campaign") {
        campaign.insert(
            "framework".to_string(),
            toml::Value::String(to.as_str().to_string()),
        );
    }
    if expected != got {
        return Err(ConvertError::at(
            node.span,
            "updating `framework` in collab.toml would change other settings; nothing was changed",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_rosie(text: &str) -> String {
        match convert(text, Framework::Rosie) {
            Ok(Conversion::Converted(t)) => t,
            other => panic!("expected a conversion, got {other:?}"),
        }
    }

    fn to_oasis(text: &str) -> String {
        match convert(text, Framework::Oasis) {
            Ok(Conversion::Converted(t)) => t,
            other => panic!("expected a conversion, got {other:?}"),
        }
    }

    fn example(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name)
            .join("plan.yaml");
        std::fs::read_to_string(path).expect("example plan")
    }

    const OASIS: &str = "\
# header about the file
kind: plan
framework: oasis
title: T

# Objectives come first in OASIS.
objectives:
  items: []

# Audience insight.
audience:
  - id: a
    description: A
  # a trailing indented comment

strategy:
  messages: []

implementation:
  activities: []

# Scoring.
scoring:
  metrics: []
";

    const ROSIE: &str = "\
# header about the file
kind: plan
framework: rosie
title: T

# Audience insight.
research:
  - id: a
    description: A
  # a trailing indented comment

# Objectives come first in OASIS.
objectives:
  items: []

strategy:
  messages: []

implementation:
  activities: []

# Scoring.
evaluation:
  metrics: []
";

    #[test]
    fn orders_are_the_frameworks() {
        assert_eq!(
            section_order(Framework::Rosie),
            [
                "research",
                "objectives",
                "strategy",
                "implementation",
                "evaluation"
            ]
        );
        assert_eq!(
            section_order(Framework::Oasis),
            [
                "objectives",
                "audience",
                "strategy",
                "implementation",
                "scoring"
            ]
        );
    }

    #[test]
    fn comments_directly_above_a_section_move_with_it() {
        assert_eq!(to_rosie(OASIS), ROSIE);
        assert_eq!(to_oasis(ROSIE), OASIS);
    }

    #[test]
    fn same_framework_is_left_alone() {
        assert_eq!(
            convert(OASIS, Framework::Oasis),
            Ok(Conversion::AlreadyThere)
        );
        assert_eq!(
            convert(ROSIE, Framework::Rosie),
            Ok(Conversion::AlreadyThere)
        );
    }

    #[test]
    fn examples_round_trip_byte_for_byte() {
        let winter = example("winter-fire-safety");
        let rosie = to_rosie(&winter);
        assert_ne!(rosie, winter);
        assert!(rosie.contains("\nframework: rosie\n"));
        assert!(rosie.find("\nresearch:\n") < rosie.find("\nobjectives:\n"));
        assert!(rosie.contains("\nevaluation:\n"));
        assert_eq!(to_oasis(&rosie), winter);

        // The ROSIE example is in ROSIE order, so its OASIS version is in
        // OASIS order.
        let streets = example("safer-streets");
        let oasis = to_oasis(&streets);
        assert!(oasis.find("\nobjectives:\n") < oasis.find("\naudience:\n"));
        assert!(oasis.contains("\nscoring:\n"));
        assert_eq!(to_rosie(&oasis), streets);
    }

    #[test]
    fn comments_away_from_a_key_stay_in_place() {
        let text = "kind: plan\nframework: oasis\ntitle: T\n# summary: later\n\n\
                    objectives:\n  items: []\n\n# about audiences, loosely\n\n\
                    audience: []\n";
        let out = to_rosie(text);
        assert_eq!(
            out,
            "kind: plan\nframework: rosie\ntitle: T\n# summary: later\n\n\
             research: []\n\n# about audiences, loosely\n\n\
             objectives:\n  items: []\n"
        );
        assert_eq!(to_oasis(&out), text);
    }

    #[test]
    fn blank_lines_stay_between_positions() {
        // Two blank lines after the first section, none before the last.
        let text = "kind: plan\nframework: oasis\nobjectives:\n  items: []\n\n\n\
                    audience: []\nstrategy: {}\nscoring:\n  metrics: []\n";
        let out = to_rosie(text);
        assert_eq!(
            out,
            "kind: plan\nframework: rosie\nresearch: []\n\n\n\
             objectives:\n  items: []\nstrategy: {}\nevaluation:\n  metrics: []\n"
        );
        assert_eq!(to_oasis(&out), text);
    }

    #[test]
    fn no_final_newline_stays_that_way() {
        let text = "kind: plan\nframework: oasis\nobjectives:\n  items: []\naudience: []";
        let out = to_rosie(text);
        assert_eq!(
            out,
            "kind: plan\nframework: rosie\nresearch: []\nobjectives:\n  items: []"
        );
        assert_eq!(to_oasis(&out), text);
    }

    #[test]
    fn crlf_line_breaks_are_kept() {
        let text =
            "kind: plan\r\nframework: oasis\r\nobjectives:\r\n  items: []\r\n\r\naudience: []";
        let out = to_rosie(text);
        assert_eq!(
            out,
            "kind: plan\r\nframework: rosie\r\nresearch: []\r\n\r\nobjectives:\r\n  items: []"
        );
        assert_eq!(to_oasis(&out), text);
    }

    #[test]
    fn compact_lists_empty_values_and_quotes() {
        let text = "kind: plan\nframework: \"oasis\"\nobjectives:\naudience:\n- id: a\n\
                    # - id: dropped\n- id: b\n'scoring':\n  metrics: []\n";
        let out = to_rosie(text);
        assert_eq!(
            out,
            "kind: plan\nframework: \"rosie\"\nresearch:\n- id: a\n\
             # - id: dropped\n- id: b\nobjectives:\n'evaluation':\n  metrics: []\n"
        );
        assert_eq!(to_oasis(&out), text);
    }

    #[test]
    fn block_scalars_and_trailing_file_comments() {
        let text = "kind: plan\nframework: oasis\nobjectives:\n  aim: |\n    line one\n\n    line two\n\
                    audience: []\n\n# the end\n";
        let out = to_rosie(text);
        assert_eq!(
            out,
            "kind: plan\nframework: rosie\nresearch: []\nobjectives:\n  aim: |\n    line one\n\n    line two\n\
             \n# the end\n"
        );
        assert_eq!(to_oasis(&out), text);
    }

    #[test]
    fn other_documents_in_the_file_are_untouched() {
        let text = "kind: partners\npartners: []\n---\nkind: plan\nframework: oasis\n\
                    objectives: {}\naudience: []\n---\nkind: evaluation\n";
        let out = to_rosie(text);
        assert_eq!(
            out,
            "kind: partners\npartners: []\n---\nkind: plan\nframework: rosie\n\
             research: []\nobjectives: {}\n---\nkind: evaluation\n"
        );
        assert_eq!(to_oasis(&out), text);
    }

    #[test]
    fn a_section_first_in_the_file_takes_its_comment_along() {
        let text = "# objectives\nobjectives: {}\n# audience\naudience: []\nkind: plan\nframework: oasis\n";
        let out = to_rosie(text);
        assert_eq!(
            out,
            "# audience\nresearch: []\n# objectives\nobjectives: {}\nkind: plan\nframework: rosie\n"
        );
        assert_eq!(to_oasis(&out), text);
    }

    #[test]
    fn flow_mappings_are_refused() {
        let err = convert(
            "{kind: plan, framework: oasis, objectives: {}, audience: []}\n",
            Framework::Rosie,
        )
        .unwrap_err();
        assert!(err.message.contains("block style"), "{err}");
    }

    #[test]
    fn both_names_for_one_section_are_refused() {
        let err = convert(
            "kind: plan\nframework: oasis\naudience: []\nresearch: []\n",
            Framework::Rosie,
        )
        .unwrap_err();
        assert!(err.message.contains("both"), "{err}");
    }

    #[test]
    fn a_missing_or_odd_framework_is_refused() {
        assert!(convert("kind: plan\ntitle: T\n", Framework::Rosie).is_err());
        assert!(convert("kind: plan\nframework: [x]\n", Framework::Rosie).is_err());
        assert!(convert("kind: meeting\n", Framework::Rosie).is_err());
    }

    #[test]
    fn an_alias_before_its_anchor_is_refused() {
        // Moving `audience` above `objectives` would put `*who` first.
        let text = "kind: plan\nframework: oasis\nobjectives:\n  owner: &who lfrs\n\
                    audience:\n  - id: a\n    owner: *who\n";
        let err = convert(text, Framework::Rosie).unwrap_err();
        assert!(err.message.contains("nothing was changed"), "{err}");
    }

    #[test]
    fn a_moved_value_that_would_change_is_refused() {
        // `|+` keeps the blank lines after it; they are a separator here, so
        // moving the section would shorten the text. Refused, not written.
        let text = "kind: plan\nframework: oasis\nobjectives:\n  aim: |+\n    x\n\n\n\
                    audience: []\n";
        let err = convert(text, Framework::Rosie).unwrap_err();
        assert!(err.message.contains("`objectives` would change"), "{err}");
    }

    #[test]
    fn objectives_and_audience_trade_places_and_the_rest_stays() {
        // Not in OASIS order: the difference is kept, so converting back
        // still gives the original.
        let text = "kind: plan\nframework: oasis\nscoring: {}\naudience: []\nstrategy: {}\n\
                    objectives: {}\n";
        let out = to_rosie(text);
        assert_eq!(
            out,
            "kind: plan\nframework: rosie\nevaluation: {}\nobjectives: {}\nstrategy: {}\n\
             research: []\n"
        );
        assert_eq!(to_oasis(&out), text);
    }

    #[test]
    fn framework_order_is_recognised() {
        let root = |t: &str| {
            yaml::parse(&SourceText::new(t.to_string())).docs[0]
                .root
                .clone()
        };
        let oasis = root(OASIS);
        assert!(in_framework_order(&oasis, Framework::Oasis));
        assert!(!in_framework_order(&oasis, Framework::Rosie));
        let rosie = root(ROSIE);
        assert!(in_framework_order(&rosie, Framework::Rosie));
        let partial = root("kind: plan\nstrategy: {}\nscoring: {}\n");
        assert!(in_framework_order(&partial, Framework::Oasis));
        assert!(in_framework_order(&partial, Framework::Rosie));
    }

    #[test]
    fn config_framework_changes_only_its_value() {
        let text = "# settings\nexclude = [\"x\"]\n\n[campaign]\nid = \"c\"\n\
                    framework = \"oasis\"   # which one\nname = \"N\"\n";
        let src = SourceText::new(text.to_string());
        let root = config_root(&src);
        let out = set_config_framework(text, &root, Framework::Rosie).unwrap();
        assert_eq!(out, text.replace("\"oasis\"", "\"rosie\""));
    }

    /// The span tree for a TOML text, as the loader builds it (only what the
    /// test needs: `[campaign] framework`).
    fn config_root(src: &SourceText) -> Node {
        let text = src.text();
        let at = text.find("\"oasis\"").unwrap();
        let scalar = |t: &str, span: Span| Node {
            span,
            value: Value::Scalar(yaml::Scalar {
                text: t.to_string(),
                plain: false,
                forced_str: true,
            }),
        };
        let framework = (
            scalar("framework", Span::empty(0)),
            scalar("oasis", Span::new(at, at + 7)),
        );
        let campaign = Node {
            span: Span::empty(0),
            value: Value::Map(vec![framework]),
        };
        Node {
            span: Span::empty(0),
            value: Value::Map(vec![(scalar("campaign", Span::empty(0)), campaign)]),
        }
    }
}
