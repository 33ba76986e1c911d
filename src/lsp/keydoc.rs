//! A key's documentation: the description the JSON Schema (generated from
//! the model's doc comments) gives the field under the cursor. Pure.

use serde_json::Value as Json;

use crate::campaign::Document;
use crate::schema;
use crate::source::Span;
use crate::yaml::{Node, Seg, Value};

/// The description of the key at byte `offset` of `doc`, and the key's span.
pub fn key_doc(doc: &Document, offset: usize) -> Option<(Span, String)> {
    let mut path = Vec::new();
    let span = key_at(&doc.root, offset, &mut path)?;
    let root = schema::schemas().for_kind(doc.kind());
    let mut node = root;
    for seg in &path {
        node = step(root, node, *seg)?;
    }
    let described = alternatives(root, node)
        .into_iter()
        .chain([node])
        .find_map(|n| n.get("description")?.as_str());
    let key = path.iter().rev().find_map(|s| match s {
        Seg::Key(k) => Some(*k),
        Seg::Index(_) => None,
    })?;
    Some((span, format!("`{key}`: {}", described?)))
}

/// The span of the key covering `offset`, with the path to it in `path`.
fn key_at<'a>(node: &'a Node, offset: usize, path: &mut Vec<Seg<'a>>) -> Option<Span> {
    let covers = |s: Span| s.start <= offset && offset <= s.end;
    match &node.value {
        Value::Scalar(_) => None,
        Value::Seq(items) => items.iter().enumerate().find_map(|(i, item)| {
            covers(item.span).then_some(())?;
            within(path, Seg::Index(i), |path| key_at(item, offset, path))
        }),
        Value::Map(entries) => entries.iter().find_map(|(k, v)| {
            let name = k.as_str()?;
            if covers(k.span) {
                path.push(Seg::Key(name));
                return Some(k.span);
            }
            covers(v.span).then_some(())?;
            within(path, Seg::Key(name), |path| key_at(v, offset, path))
        }),
    }
}

/// `f` with `seg` on the end of `path`, taken off again when `f` finds nothing.
fn within<'a>(
    path: &mut Vec<Seg<'a>>,
    seg: Seg<'a>,
    f: impl FnOnce(&mut Vec<Seg<'a>>) -> Option<Span>,
) -> Option<Span> {
    path.push(seg);
    let found = f(path);
    if found.is_none() {
        path.pop();
    }
    found
}

/// The schema of what `seg` leads to from `node`.
pub(super) fn step<'a>(root: &'a Json, node: &'a Json, seg: Seg<'_>) -> Option<&'a Json> {
    alternatives(root, node)
        .into_iter()
        .find_map(|n| match seg {
            Seg::Key(k) => n.get("properties")?.get(k),
            Seg::Index(_) => n.get("items"),
        })
}

/// The schemas `node` stands for: itself with `$ref`s followed, or each
/// branch of an `anyOf` / `oneOf` (the `null` branch left out).
pub(super) fn alternatives<'a>(root: &'a Json, node: &'a Json) -> Vec<&'a Json> {
    let mut out = Vec::new();
    let mut todo = vec![node];
    while let Some(n) = todo.pop() {
        if out.len() > 32 {
            break;
        }
        if let Some(target) = n.get("$ref").and_then(Json::as_str) {
            let name = target.strip_prefix("#/$defs/");
            todo.extend(name.and_then(|name| root.get("$defs")?.get(name)));
        } else if let Some(Json::Array(branches)) = n.get("anyOf").or_else(|| n.get("oneOf")) {
            todo.extend(branches.iter().rev());
        } else if n.get("type").and_then(Json::as_str) != Some("null") {
            out.push(n);
        }
    }
    out
}
