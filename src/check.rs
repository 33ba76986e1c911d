//! Checks a YAML node tree against the JSON Schema generated from the model
//! types, reporting every structure problem (not just the first) with a span
//! on the exact node, and builds the JSON value the typed model is then read
//! from. Nodes with problems are left out of that value, so a half-broken
//! document still yields a usable model.
//!
//! Only the schema keywords schemars emits for collab's types are
//! understood: `$ref`, `type`, `properties`, `required`,
//! `additionalProperties`, `items`, `enum`, `const`, `anyOf`/`oneOf`,
//! `pattern`, `format` and `minimum`/`maximum`.

use std::collections::HashMap;
use std::sync::Arc;

use regex::Regex;
use serde_json::{Map, Value as Json};

use crate::diagnostic::{Finding, Fix, SourceFile, closest, one_of};
use crate::model::config::{folder_problem, inside_problem};
use crate::model::{Date, DateTime, Email, ID_PATTERN};
use crate::yaml::{Node, Resolved, Value};

use crate::rule::Rule;

/// Check `node` against `schema` (whose `$defs` live in `root`).
pub fn check(
    file: &Arc<SourceFile>,
    root: &Json,
    node: &Node,
    what: &str,
    findings: &mut Vec<Finding>,
) -> Option<Json> {
    let mut checker = Checker {
        root,
        file,
        findings,
    };
    checker.check(node, root, what)
}

struct Checker<'a> {
    root: &'a Json,
    file: &'a Arc<SourceFile>,
    findings: &'a mut Vec<Finding>,
}

/// Key lookup in a schema object by a linear scan. Schema objects are small
/// (a handful of keywords, a few dozen properties at most), and a scan of
/// them is several times cheaper than hashing the key with the `IndexMap`'s
/// SipHash, which was the checker's largest cost (see bench/RESULTS.md).
trait Field {
    fn field(&self, key: &str) -> Option<&Json>;
}

impl Field for Map<String, Json> {
    fn field(&self, key: &str) -> Option<&Json> {
        self.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
    }
}

impl Field for Json {
    fn field(&self, key: &str) -> Option<&Json> {
        self.as_object()?.field(key)
    }
}

/// The keys of a mapping seen so far, with their nodes. Mappings are
/// usually small, and a list beats hashing every key; a large one is
/// hashed, so looking for repeats stays linear in its size.
struct Keys<'n> {
    list: Vec<(&'n str, &'n Node)>,
    map: Option<HashMap<&'n str, &'n Node>>,
}

impl<'n> Keys<'n> {
    /// Mappings with more keys than this are hashed.
    const LIST: usize = 32;

    fn new(len: usize) -> Self {
        let hashed = len > Self::LIST;
        Keys {
            list: Vec::with_capacity(if hashed { 0 } else { len }),
            map: hashed.then(|| HashMap::with_capacity(len)),
        }
    }

    fn get(&self, name: &str) -> Option<&'n Node> {
        match &self.map {
            Some(map) => map.get(name).copied(),
            None => self.list.iter().find(|(k, _)| *k == name).map(|(_, n)| *n),
        }
    }

    fn insert(&mut self, name: &'n str, node: &'n Node) {
        match &mut self.map {
            Some(map) => {
                map.insert(name, node);
            }
            None => self.list.push((name, node)),
        }
    }
}

impl<'a> Checker<'a> {
    fn resolve(&self, mut schema: &'a Json) -> &'a Json {
        for _ in 0..32 {
            let Some(reference) = schema.field("$ref").and_then(Json::as_str) else {
                break;
            };
            let Some(name) = reference.strip_prefix("#/$defs/") else {
                break;
            };
            match self.root.field("$defs").and_then(|d| d.field(name)) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    /// The safe fix that writes `to` in place of the one-line scalar
    /// `node` (a key or a value), quoted as the value emitter would.
    fn rename_fix(&self, node: &Node, to: &str) -> Option<Fix> {
        let written = self
            .file
            .source
            .text()
            .get(node.span.start..node.span.end)?;
        let yaml = !self.file.rel.ends_with(".toml");
        if !yaml
            || node.as_scalar().is_none()
            || written.contains(['\n', '\r'])
            || written.is_empty()
        {
            return None;
        }
        Some(Fix::safe(
            format!("replace `{written}` with `{to}`"),
            node.span,
            crate::edit::quote(to),
        ))
    }

    fn report(&mut self, rule: Rule, node: &Node, message: String, help: Option<String>) {
        self.findings
            .push(Finding::error(rule, self.file, node.span, message).with_help_opt(help));
    }

    fn check(&mut self, node: &Node, schema: &'a Json, what: &str) -> Option<Json> {
        let schema = self.resolve(schema);
        if schema.as_bool() == Some(true) {
            return Some(plain_json(node));
        }
        if let Some(branches) = schema
            .field("anyOf")
            .or_else(|| schema.field("oneOf"))
            .and_then(Json::as_array)
        {
            return self.check_branches(node, branches, what);
        }
        let types = types_of(schema);
        if node.is_null() {
            if types.contains(&"null") {
                return Some(Json::Null);
            }
            self.report(
                Rule::InvalidValue,
                node,
                format!("{what} has no value"),
                Some(format!(
                    "give it {}, or remove the key",
                    expected(schema, &types)
                )),
            );
            return None;
        }
        match &node.value {
            Value::Map(entries) if types.is_empty() || types.contains(&"object") => {
                Some(self.check_object(node, entries, schema, what))
            }
            Value::Seq(items) if types.is_empty() || types.contains(&"array") => {
                Some(self.check_array(items, schema, what))
            }
            Value::Scalar(_) => self.check_scalar(node, schema, &types, what),
            _ => {
                self.report(
                    Rule::InvalidValue,
                    node,
                    format!(
                        "{what} should be {}, not {}",
                        expected(schema, &types),
                        node.shape()
                    ),
                    None,
                );
                None
            }
        }
    }

    fn check_branches(&mut self, node: &Node, branches: &'a [Json], what: &str) -> Option<Json> {
        let is_null_branch = |b: &Json| b.field("type").and_then(Json::as_str) == Some("null");
        if node.is_null() && branches.iter().any(is_null_branch) {
            return Some(Json::Null);
        }
        let real: Vec<&'a Json> = branches.iter().filter(|b| !is_null_branch(b)).collect();
        if let [only] = real.as_slice() {
            return self.check(node, only, what);
        }
        let words: Option<Vec<&str>> = real
            .iter()
            .map(|b| b.field("const").and_then(Json::as_str))
            .collect();
        if let Some(words) = words.filter(|w| !w.is_empty()) {
            let as_enum = serde_json::json!({ "type": "string", "enum": words });
            return self.check_scalar_enum(node, &as_enum, what);
        }
        for branch in &real {
            let mark = self.findings.len();
            let result = self.check(node, branch, what);
            if self.findings.len() == mark
                && let Some(value) = result
            {
                return Some(value);
            }
            self.findings.truncate(mark);
        }
        let choices: Vec<String> = real
            .iter()
            .map(|b| {
                let b = self.resolve(b);
                expected(b, &types_of(b))
            })
            .collect();
        self.report(
            Rule::InvalidValue,
            node,
            format!("{what} is not valid here"),
            Some(format!("expected {}", choices.join(", or "))),
        );
        None
    }

    fn check_object(
        &mut self,
        node: &Node,
        entries: &[(Node, Node)],
        schema: &'a Json,
        what: &str,
    ) -> Json {
        static EMPTY: std::sync::OnceLock<Map<String, Json>> = std::sync::OnceLock::new();
        let properties = schema
            .field("properties")
            .and_then(Json::as_object)
            .unwrap_or_else(|| EMPTY.get_or_init(Map::new));
        let additional = schema.field("additionalProperties");
        let mut out = Map::new();
        let mut seen = Keys::new(entries.len());
        for (key, value) in entries {
            let Some(name) = key.as_scalar().map(|s| s.text.as_str()) else {
                self.report(
                    Rule::InvalidValue,
                    key,
                    "keys must be plain words, not lists or mappings".into(),
                    None,
                );
                continue;
            };
            if let Some(first) = seen.get(name) {
                self.findings.push(
                    Finding::error(
                        Rule::DuplicateKey,
                        self.file,
                        key.span,
                        format!("`{name}` appears twice in {what}"),
                    )
                    .with_label("written again here")
                    .with_related(self.file, first.span, "first written here")
                    .with_help("keep one of them: YAML would silently use only one"),
                );
                continue;
            }
            seen.insert(name, key);
            let field = format!("`{name}`");
            if let Some(prop) = properties.field(name) {
                if let Some(v) = self.check(value, prop, &field) {
                    out.insert(name.to_string(), v);
                }
            } else if let Some(extra) = additional.filter(|a| a.is_object()) {
                if let Some(v) = self.check(value, extra, &field) {
                    out.insert(name.to_string(), v);
                }
            } else if additional.and_then(Json::as_bool) == Some(false) {
                let help = self.unknown_field_help(node, schema, properties, (name, value), what);
                let fix = closest(name, properties.keys().map(String::as_str))
                    .filter(|s| node.entry(s).is_none())
                    .and_then(|s| self.rename_fix(key, s));
                self.findings.push(
                    Finding::error(
                        Rule::UnknownField,
                        self.file,
                        key.span,
                        format!("unknown field `{name}` in {what}"),
                    )
                    .with_help(help)
                    .with_fix(fix),
                );
            } else {
                out.insert(name.to_string(), plain_json(value));
            }
        }
        self.check_required(node, schema, properties, &seen, what);
        Json::Object(out)
    }

    /// Help for a key the mapping does not take: the nearest valid key,
    /// or why it is out of place.
    fn unknown_field_help(
        &self,
        node: &Node,
        schema: &Json,
        properties: &Map<String, Json>,
        (name, value): (&str, &Node),
        what: &str,
    ) -> String {
        let valid: Vec<&str> = properties.keys().map(String::as_str).collect();
        let top_level = !std::ptr::eq(schema, self.root)
            && self
                .root
                .field("properties")
                .and_then(|p| p.field(name))
                .is_some();
        let in_flow = matches!(
            self.file.source.text().as_bytes().get(node.span.start),
            Some(b'{')
        );
        match closest(name, valid.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if top_level => format!(
                "`{name}` is a top-level key: move it out of {what} (in TOML, above the first [table] header)"
            ),
            None if in_flow && value.is_null() => {
                "a comma inside `{ … }` starts a new key: if this text belongs to the value before it, put that value in quotes".to_string()
            }
            None if valid.is_empty() => "this mapping takes no keys".to_string(),
            None => format!("the keys allowed here are {}", one_of(&valid)),
        }
    }

    /// Report each required key the mapping lacks, at the mapping.
    fn check_required(
        &mut self,
        node: &Node,
        schema: &'a Json,
        properties: &'a Map<String, Json>,
        seen: &Keys<'_>,
        what: &str,
    ) {
        let Some(required) = schema.field("required").and_then(Json::as_array) else {
            return;
        };
        for req in required.iter().filter_map(Json::as_str) {
            if seen.get(req).is_some() {
                continue;
            }
            let hint = properties
                .field(req)
                .map(|p| {
                    let p = self.resolve(p);
                    expected(p, &types_of(p))
                })
                .unwrap_or_else(|| "a value".into());
            self.findings.push(
                Finding::error(
                    Rule::MissingField,
                    self.file,
                    node.span,
                    format!("{what} is missing required field `{req}`"),
                )
                .with_label(format!("`{req}` is missing here"))
                .with_help(format!("add `{req}:` with {hint}")),
            );
        }
    }

    fn check_array(&mut self, items: &[Node], schema: &'a Json, what: &str) -> Json {
        let item_schema = schema.field("items").map(|s| self.resolve(s));
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let Some(item_schema) = item_schema else {
                out.push(plain_json(item));
                continue;
            };
            let label = format!("item {} of {what}", i + 1);
            match self.check(item, item_schema, &label) {
                Some(v) => out.push(v),
                // Keep indexes aligned with the source for objects, so spans
                // found later by index still point at the right item.
                None if types_of(item_schema).contains(&"object") => {
                    out.push(Json::Object(Map::new()));
                }
                None => {}
            }
        }
        Json::Array(out)
    }

    fn check_scalar(
        &mut self,
        node: &Node,
        schema: &Json,
        types: &[&str],
        what: &str,
    ) -> Option<Json> {
        let scalar = node.as_scalar()?;
        let text = scalar.text.as_str();
        let Some(value) = scalar_value(scalar, types) else {
            self.wrong_type(node, scalar, schema, types, what);
            return None;
        };
        if let Some(allowed) = schema.field("enum").and_then(Json::as_array)
            && !allowed.iter().any(|a| json_eq(a, &value))
        {
            let names: Vec<&str> = allowed.iter().filter_map(Json::as_str).collect();
            let suggestion = crate::diagnostic::suggest_value(text, &names);
            let help = match suggestion {
                Some(s) => format!("did you mean `{s}`? allowed: {}", one_of(&names)),
                None if names.is_empty() => format!("allowed: {}", list_json(allowed)),
                None => format!("allowed: {}", one_of(&names)),
            };
            let fix = suggestion.and_then(|s| self.rename_fix(node, s));
            self.findings.push(
                Finding::error(
                    Rule::InvalidValue,
                    self.file,
                    node.span,
                    format!("`{text}` is not a valid value for {what}"),
                )
                .with_help(help)
                .with_fix(fix),
            );
            return None;
        }
        if let Some(constant) = schema.field("const")
            && !json_eq(constant, &value)
        {
            self.report(
                Rule::InvalidValue,
                node,
                format!("{what} must be {constant}"),
                None,
            );
            return None;
        }
        if let Some((message, help)) = out_of_range(schema, &value, text, what) {
            self.report(Rule::InvalidValue, node, message, help);
            return None;
        }
        if let Some(format) = schema.field("format").and_then(Json::as_str)
            && let Some((message, help)) = check_format(format, text, what)
        {
            self.report(Rule::InvalidValue, node, message, Some(help));
            return None;
        }
        if let Some(pattern) = schema.field("pattern").and_then(Json::as_str)
            && !self.matches(pattern, text)
        {
            let (message, help) = if pattern == ID_PATTERN {
                (
                    format!("`{text}` is not a valid id for {what}"),
                    format!(
                        "ids use lower-case letters, digits and hyphens, starting with a letter or digit: `{}`",
                        slug(text)
                    ),
                )
            } else {
                (
                    format!("`{text}` is not in the expected form for {what}"),
                    format!("it should match `{pattern}`"),
                )
            };
            self.report(Rule::InvalidValue, node, message, Some(help));
            return None;
        }
        Some(value)
    }

    /// Report a scalar that is not of a type the schema allows.
    fn wrong_type(
        &mut self,
        node: &Node,
        scalar: &crate::yaml::Scalar,
        schema: &Json,
        types: &[&str],
        what: &str,
    ) {
        if let Some((message, help)) = too_large(schema, types, scalar, what) {
            self.report(Rule::InvalidValue, node, message, Some(help));
            return;
        }
        let text = scalar.text.as_str();
        let help = if types.contains(&"boolean") && matches!(text, "yes" | "no" | "on" | "off") {
            Some(format!(
                "YAML 1.2 reads `{text}` as text; write `true` or `false`"
            ))
        } else if !scalar.plain && types.iter().any(|t| *t == "integer" || *t == "number") {
            Some("remove the quotes around the number".to_string())
        } else {
            None
        };
        self.report(
            Rule::InvalidValue,
            node,
            format!(
                "{what} should be {}, not {} `{text}`",
                expected(schema, types),
                node.shape()
            ),
            help,
        );
    }

    /// Check a node against an enum schema built on the fly.
    fn check_scalar_enum(&mut self, node: &Node, schema: &Json, what: &str) -> Option<Json> {
        if !matches!(node.value, Value::Scalar(_)) || node.is_null() {
            let names = enum_values(schema).unwrap_or_default();
            self.report(
                Rule::InvalidValue,
                node,
                format!(
                    "{what} should be one of {}, not {}",
                    one_of(&names),
                    node.shape()
                ),
                None,
            );
            return None;
        }
        self.check_scalar(node, schema, &["string"], what)
    }

    fn matches(&mut self, pattern: &str, text: &str) -> bool {
        thread_local! {
            // Compiled once per thread, not once per document.
            static REGEXES: std::cell::RefCell<HashMap<String, Option<Regex>>> =
                std::cell::RefCell::new(HashMap::new());
        }
        REGEXES.with(|cache| {
            let mut cache = cache.borrow_mut();
            let re = cache
                .entry(pattern.to_string())
                .or_insert_with(|| Regex::new(pattern).ok());
            re.as_ref().is_none_or(|re| re.is_match(text))
        })
    }
}

/// The whole numbers an integer `format` written by schemars can hold: the
/// range of the Rust type behind the field. A value outside it would make
/// the typed model fail to read the whole document, so it is reported here,
/// at the value, and left out like any other invalid value.
fn integer_range(format: &str) -> Option<(i128, i128)> {
    Some(match format {
        "int8" => (i8::MIN.into(), i8::MAX.into()),
        "int16" => (i16::MIN.into(), i16::MAX.into()),
        "int32" => (i32::MIN.into(), i32::MAX.into()),
        "int64" | "int" => (i64::MIN.into(), i64::MAX.into()),
        "uint8" => (0, u8::MAX.into()),
        "uint16" => (0, u16::MAX.into()),
        "uint32" => (0, u32::MAX.into()),
        // Whole numbers are read as 64-bit signed integers (TOML's limit).
        "uint64" | "uint" => (0, i64::MAX.into()),
        _ => return None,
    })
}

/// A number below `minimum`, above `maximum`, or outside the range of its
/// integer `format`.
fn out_of_range(
    schema: &Json,
    value: &Json,
    text: &str,
    what: &str,
) -> Option<(String, Option<String>)> {
    let n = value.as_f64()?;
    if let Some(min) = schema.field("minimum").and_then(Json::as_f64)
        && n < min
    {
        return Some((format!("{what} must be at least {min}, not {text}"), None));
    }
    if let Some(max) = schema.field("maximum").and_then(Json::as_f64)
        && n > max
    {
        return Some((format!("{what} must be at most {max}, not {text}"), None));
    }
    let (low, high) = schema
        .field("format")
        .and_then(Json::as_str)
        .and_then(integer_range)?;
    let i = i128::from(value.as_i64()?);
    (i < low || i > high).then(|| {
        (
            format!("{what} is out of range: {text}"),
            Some(format!("write a whole number from {low} to {high}")),
        )
    })
}

/// A plain whole number too large for any integer collab reads (YAML and
/// TOML integers stop at 64 bits), where a whole number is expected.
fn too_large(
    schema: &Json,
    types: &[&str],
    scalar: &crate::yaml::Scalar,
    what: &str,
) -> Option<(String, String)> {
    let text = scalar.text.as_str();
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let whole = scalar.plain
        && !scalar.forced_str
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit());
    if !whole || !types.contains(&"integer") {
        return None;
    }
    let (low, high) = schema
        .field("format")
        .and_then(Json::as_str)
        .and_then(integer_range)
        .unwrap_or((i64::MIN.into(), i64::MAX.into()));
    Some((
        format!("{what} is out of range: {text}"),
        format!("write a whole number from {low} to {high}"),
    ))
}

fn check_format(format: &str, text: &str, what: &str) -> Option<(String, String)> {
    match format {
        "date" if Date::parse(text).is_none() => Some((
            format!("`{text}` is not a valid date for {what}"),
            "write dates as YYYY-MM-DD, e.g. 2026-12-01".into(),
        )),
        "collab-date-time" if DateTime::parse(text).is_none() => Some((
            format!("`{text}` is not a valid date and time for {what}"),
            "write it as YYYY-MM-DDTHH:MM in the campaign's timezone, e.g. 2026-10-01T10:00".into(),
        )),
        "collab-folder" => folder_problem(text).map(|why| {
            (
                format!("{what} {why}"),
                "name a folder inside the campaign, such as `dist` (to write elsewhere, use `collab render --out DIR`)".into(),
            )
        }),
        "collab-inside" => inside_problem(text).map(|why| {
            (
                format!("{what} {why}"),
                "name a folder inside the campaign, such as `templates`".into(),
            )
        }),
        "email" if !Email::is_valid(text) => Some((
            format!("`{text}` is not a valid e-mail address for {what}"),
            "write it as name@organisation.gov.uk".into(),
        )),
        _ => None,
    }
}

/// A guess at the id someone meant: lower case, hyphens for anything else,
/// `my-id` when nothing is left.
pub use crate::slug::id_for as slug;

/// The allowed words of an enum-like schema: `enum`, `const`, or a `oneOf`
/// / `anyOf` of documented constants (how schemars writes enums whose
/// variants have doc comments).
fn enum_values(schema: &Json) -> Option<Vec<&str>> {
    if let Some(values) = schema.field("enum").and_then(Json::as_array) {
        let names: Vec<&str> = values.iter().filter_map(Json::as_str).collect();
        return (!names.is_empty()).then_some(names);
    }
    let branches = schema
        .field("oneOf")
        .or_else(|| schema.field("anyOf"))
        .and_then(Json::as_array)?;
    let mut names = Vec::new();
    for b in branches {
        if let Some(c) = b.field("const").and_then(Json::as_str) {
            names.push(c);
        } else if let Some(values) = b.field("enum").and_then(Json::as_array) {
            names.extend(values.iter().filter_map(Json::as_str));
        } else {
            return None;
        }
    }
    (!names.is_empty()).then_some(names)
}

/// A scalar as JSON of one of the schema's `types`, or `None` when it is
/// of none of them.
fn scalar_value(scalar: &crate::yaml::Scalar, types: &[&str]) -> Option<Json> {
    if types.is_empty() || types.contains(&"string") {
        return Some(Json::String(scalar.text.clone()));
    }
    match scalar.resolve() {
        Resolved::Int(i) if types.contains(&"integer") || types.contains(&"number") => {
            Some(Json::from(i))
        }
        Resolved::Float(f) if types.contains(&"number") && f.is_finite() => {
            serde_json::Number::from_f64(f).map(Json::Number)
        }
        Resolved::Bool(b) if types.contains(&"boolean") => Some(Json::Bool(b)),
        _ => None,
    }
}

fn types_of(schema: &Json) -> Vec<&str> {
    match schema.field("type") {
        Some(Json::String(t)) => vec![t.as_str()],
        Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
        _ => {
            let mut v = Vec::new();
            if schema.field("properties").is_some() {
                v.push("object");
            }
            v
        }
    }
}

/// What a schema wants, in words.
fn expected(schema: &Json, types: &[&str]) -> String {
    if let Some(names) = enum_values(schema) {
        return format!("one of {}", one_of(&names));
    }
    match schema.field("format").and_then(Json::as_str) {
        Some("date") => return "a date (YYYY-MM-DD)".into(),
        Some("collab-date-time") => return "a date and time (YYYY-MM-DDTHH:MM)".into(),
        Some("email") => return "an e-mail address".into(),
        Some("collab-folder" | "collab-inside") => return "a folder inside the campaign".into(),
        _ => {}
    }
    if schema.field("pattern").and_then(Json::as_str) == Some(ID_PATTERN) {
        return "an id (lower-case letters, digits and hyphens)".into();
    }
    let words: Vec<&str> = types
        .iter()
        .filter(|t| **t != "null")
        .map(|t| match *t {
            "object" => "a mapping of keys to values",
            "array" => "a list",
            "string" => "text",
            "integer" => "a whole number",
            "number" => "a number",
            "boolean" => "true or false",
            _ => "a value",
        })
        .collect();
    if words.is_empty() {
        "a value".into()
    } else {
        words.join(" or ")
    }
}

fn json_eq(a: &Json, b: &Json) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

fn list_json(values: &[Json]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A node as JSON without a schema to guide it.
pub fn plain_json(node: &Node) -> Json {
    match &node.value {
        Value::Scalar(s) => match s.resolve() {
            Resolved::Null => Json::Null,
            Resolved::Bool(b) => Json::Bool(b),
            Resolved::Int(i) => Json::from(i),
            Resolved::Float(f) => serde_json::Number::from_f64(f)
                .map_or_else(|| Json::String(s.text.clone()), Json::Number),
            Resolved::Str(t) => Json::String(t.to_string()),
        },
        Value::Seq(items) => Json::Array(items.iter().map(plain_json).collect()),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|(k, v)| {
                    let key = k.as_scalar().map(|s| s.text.clone()).unwrap_or_default();
                    (key, plain_json(v))
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every whole-number field of every schema has a range the checker
    /// knows, so no number can pass the check and then fail to load.
    #[test]
    fn every_integer_field_has_a_known_range() {
        fn walk(schema: &Json, found: &mut Vec<String>) {
            match schema {
                Json::Object(map) => {
                    let types = types_of(schema);
                    if types.contains(&"integer") && schema.field("enum").is_none() {
                        let format = schema.field("format").and_then(Json::as_str).unwrap_or("");
                        assert!(integer_range(format).is_some(), "no range for {schema}");
                        found.push(format.to_string());
                    }
                    map.values().for_each(|v| walk(v, found));
                }
                Json::Array(items) => items.iter().for_each(|v| walk(v, found)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        for (_, schema) in crate::schema::schemas().files() {
            walk(schema, &mut found);
        }
        assert!(found.iter().any(|f| f == "uint32"), "{found:?}");
    }

    #[test]
    fn repeated_keys_are_found_in_small_and_large_mappings() {
        for keys in [3, Keys::LIST + 1, 500] {
            let mut text: String = (0..keys).map(|i| format!("k{i}: 1\n")).collect();
            text.push_str("k1: 2\n");
            let file = SourceFile::new("x.yaml".into(), "x.yaml".into(), text);
            let parsed = crate::yaml::parse(&file.source);
            let schema = serde_json::json!({ "type": "object", "required": ["k0", "missing"] });
            let mut findings = Vec::new();
            check(&file, &schema, &parsed.docs[0].root, "x", &mut findings);
            let rules: Vec<Rule> = findings.iter().map(|f| f.rule).collect();
            assert_eq!(
                rules,
                [Rule::DuplicateKey, Rule::MissingField],
                "{keys} keys"
            );
            assert_eq!(findings[0].start().line, keys + 1);
            assert_eq!(findings[0].related[0].span.start, 6);
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Fire Service"), "fire-service");
        assert_eq!(slug("  NHS_Trust!! "), "nhs-trust");
        assert_eq!(slug("!!"), "my-id");
    }
}
