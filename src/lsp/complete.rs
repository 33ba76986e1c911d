//! Completion, and hover on `collab.toml` keys and enum values. The cursor's
//! place comes from the text's lines ([`spot`]), what may go there from the
//! JSON Schema (keys and their descriptions; enum values and their meanings,
//! the variants' doc comments) and from the campaign (the ids of the kind a
//! reference field names). Pure: text, offset and campaign in.

use serde_json::Value as Json;

use crate::campaign::Campaign;
use crate::model::Kind;
use crate::rename::{self, IdKind};
use crate::schema;
use crate::source::Span;
use crate::view::labels;
use crate::yaml::{Node, Seg, Value};

use super::keydoc::{alternatives, step};
use super::spot::{self, Spot, Step};

/// What a suggestion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Key,
    EnumValue,
    Reference,
}

/// One completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub label: String,
    pub what: What,
    /// The thing's name, for an id.
    pub detail: Option<String>,
    /// A key's description or a value's meaning.
    pub documentation: Option<String>,
    pub insert: String,
}

/// Which kind of id a field holding a plain string refers to: the fields
/// `rename::references` follows (a test holds the two together).
pub fn reference_kind(field: &str) -> Option<IdKind> {
    Some(match field {
        "owner" | "chair" | "collects" | "partner" | "lead" | "coordinator" => IdKind::Partner,
        "metrics" => IdKind::Metric,
        "objective" => IdKind::Objective,
        "audiences" => IdKind::Audience,
        "channel" | "channels" => IdKind::Channel,
        _ => return None,
    })
}

/// The file a text is: `collab.toml` or a YAML document of some kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Config,
    Yaml,
}

/// The spot at `offset` and the schema of the file (`None` for a YAML
/// text without a known `kind:`).
fn locate(text: &str, offset: usize, file: FileKind) -> Option<(Spot, &'static Json)> {
    let schemas = schema::schemas();
    match file {
        FileKind::Config => Some((spot::toml(text, offset), &schemas.config)),
        FileKind::Yaml => {
            let kind = text.lines().find_map(|l| {
                let value = l.strip_prefix("kind:")?.split('#').next()?;
                Kind::parse(value.trim().trim_matches(['"', '\'']))
            })?;
            Some((spot::yaml(text, offset), schemas.for_kind(kind)))
        }
    }
}

/// The schemas the path leads to (each branch of a choice).
fn schema_at<'a>(root: &'a Json, path: &[Step]) -> Vec<&'a Json> {
    let mut node = root;
    for s in path {
        let seg = match s {
            Step::Key(k) => Seg::Key(k),
            Step::Item => Seg::Index(0),
        };
        match step(root, node, seg) {
            Some(next) => node = next,
            None => return Vec::new(),
        }
    }
    alternatives(root, node)
}

/// What may be typed at byte `offset` of `text`.
pub fn complete(
    text: &str,
    offset: usize,
    file: FileKind,
    campaign: Option<&Campaign>,
) -> Vec<Suggestion> {
    let Some((spot, root)) = locate(text, offset, file) else {
        return Vec::new();
    };
    let here = schema_at(root, &spot.path);
    let keys = keys(root, &here, &spot.present, file);
    if spot.key || !keys.is_empty() {
        return keys;
    }
    let values = enum_values(&here);
    if !values.is_empty() {
        return values;
    }
    let kind = spot.field().and_then(reference_kind);
    match (kind, campaign) {
        (Some(kind), Some(c)) if here.iter().any(|n| plain_string(n)) => ids(c, kind),
        _ => Vec::new(),
    }
}

/// The keys of the mappings `here` that are not `present`.
fn keys(root: &Json, here: &[&Json], present: &[String], file: FileKind) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::new();
    let props = here.iter().filter_map(|n| n.get("properties")?.as_object());
    for (key, schema) in props.flatten() {
        if present.contains(key) || out.iter().any(|s| &s.label == key) {
            continue;
        }
        let documentation = describe(root, schema);
        let insert = match file {
            FileKind::Config => format!("{key} = "),
            FileKind::Yaml => format!("{key}: "),
        };
        out.push(Suggestion {
            label: key.clone(),
            what: What::Key,
            detail: None,
            documentation,
            insert,
        });
    }
    out
}

fn describe(root: &Json, schema: &Json) -> Option<String> {
    let described = [schema].into_iter().chain(alternatives(root, schema));
    described
        .filter_map(|n| n.get("description")?.as_str())
        .next()
        .map(str::to_string)
}

/// The values an enum allows, each with its meaning: the variant's doc
/// comment, or its label when it has none.
fn enum_values(here: &[&Json]) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for n in here {
        if let Some(value) = n.get("const").and_then(Json::as_str) {
            let meaning = n.get("description").and_then(Json::as_str);
            out.push(value_suggestion(value, meaning.map(str::to_string)));
        }
        let listed = n.get("enum").and_then(Json::as_array).into_iter().flatten();
        for value in listed.filter_map(Json::as_str) {
            out.push(value_suggestion(value, Some(labels::label(value))));
        }
    }
    out
}

fn value_suggestion(value: &str, meaning: Option<String>) -> Suggestion {
    Suggestion {
        label: value.to_string(),
        what: What::EnumValue,
        detail: None,
        documentation: meaning,
        insert: value.to_string(),
    }
}

/// Whether the schema takes any string (not an enum, not a mapping).
fn plain_string(n: &Json) -> bool {
    let string = match n.get("type") {
        Some(Json::String(t)) => t == "string",
        Some(Json::Array(ts)) => ts.iter().any(|t| t == "string"),
        _ => false,
    };
    string && n.get("enum").is_none() && n.get("const").is_none()
}

/// Every `kind` id the campaign defines, with the thing's name.
fn ids(campaign: &Campaign, kind: IdKind) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::new();
    for (file, node) in rename::definitions(campaign, kind) {
        let Some(id) = node.as_str() else { continue };
        if out.iter().any(|s| s.label == id) {
            continue;
        }
        let name = campaign
            .documents
            .iter()
            .filter(|d| d.file.path == file.path)
            .find_map(|d| name_beside(&d.root, node.span));
        out.push(Suggestion {
            label: id.to_string(),
            what: What::Reference,
            detail: name,
            documentation: Some(format!("The {} `{id}`.", kind.noun())),
            insert: id.to_string(),
        });
    }
    out
}

/// The `name` (or `title`) of the mapping whose `id` is the node at `span`.
fn name_beside(node: &Node, span: Span) -> Option<String> {
    match &node.value {
        Value::Scalar(_) => None,
        Value::Seq(items) => items.iter().find_map(|n| name_beside(n, span)),
        Value::Map(_) => {
            if node.get("id").is_some_and(|id| id.span == span) {
                let name = node.get("name").or_else(|| node.get("title"))?;
                return name.as_str().map(str::to_string);
            }
            let Value::Map(entries) = &node.value else {
                return None;
            };
            entries.iter().find_map(|(_, v)| name_beside(v, span))
        }
    }
}

/// Hover on a `collab.toml` key (its description) or on an enum value (its
/// meaning) at byte `offset`, and the word's span. YAML keys are left to
/// [`super::keydoc`].
pub fn hover(text: &str, offset: usize, file: FileKind) -> Option<(Span, String)> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let start = text.get(..offset)?.trim_end_matches(is_word).len();
    let end = offset + text.get(offset..)?.len() - text[offset..].trim_start_matches(is_word).len();
    let word = &text[start..end];
    if word.is_empty() {
        return None;
    }
    let (mut spot, root) = locate(text, end, file)?;
    let span = Span { start, end };
    if spot.key {
        if file == FileKind::Yaml {
            return None;
        }
        spot.path.push(Step::Key(word.to_string()));
        let text = schema_at(root, &spot.path)
            .into_iter()
            .find_map(|n| n.get("description")?.as_str())?;
        return Some((span, format!("`{word}`: {text}")));
    }
    if spot.typed != word {
        return None;
    }
    let meaning = enum_values(&schema_at(root, &spot.path))
        .into_iter()
        .find(|s| s.label == word)?
        .documentation?;
    Some((span, format!("`{word}`: {meaning}")))
}
