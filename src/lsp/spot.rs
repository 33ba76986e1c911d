//! Where the cursor is, guessed from the lines of the text alone: the key
//! path from indentation and list dashes (YAML) or from the table header
//! above (TOML), whether a key or a value is being typed, and the keys the
//! mapping already has. Completion runs on half-typed text that often does
//! not parse, so it never needs the parse tree. Pure.

/// One step of a key path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    /// Any item of a list.
    Item,
}

/// What the cursor is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    /// For a key: the path of the mapping it goes in. For a value: the
    /// path of the value (ending in [`Step::Item`] inside a list).
    pub path: Vec<Step>,
    /// Whether a key (rather than a value) is being typed.
    pub key: bool,
    /// What is typed of the word so far.
    pub typed: String,
    /// For a key: the keys the mapping has already.
    pub present: Vec<String>,
}

impl Spot {
    /// The last key of the path: the field a value belongs to.
    pub fn field(&self) -> Option<&str> {
        self.path.iter().rev().find_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Item => None,
        })
    }
}

/// One YAML line taken apart.
#[derive(Debug, Default)]
struct Line<'a> {
    /// Columns of the leading list dashes.
    dashes: Vec<usize>,
    /// Column of the content after any dashes.
    indent: usize,
    content: &'a str,
    key: Option<&'a str>,
    /// What follows `key:`.
    rest: &'a str,
}

impl Line<'_> {
    fn blank(&self) -> bool {
        self.content.is_empty() && self.dashes.is_empty() || self.content.starts_with('#')
    }
    /// The column where the element of this line starts.
    fn top(&self) -> usize {
        self.dashes.first().copied().unwrap_or(self.indent)
    }
}

fn line(text: &str) -> Line<'_> {
    let mut out = Line::default();
    let mut col = text.len() - text.trim_start_matches(' ').len();
    while let Some(after) = text[col..].strip_prefix('-') {
        if !(after.is_empty() || after.starts_with(' ')) {
            break;
        }
        out.dashes.push(col);
        col = text.len() - after.trim_start_matches(' ').len();
    }
    out.indent = col;
    out.content = text[col..].trim_end();
    let colon = out
        .content
        .match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| matches!(out.content[i + 1..].chars().next(), None | Some(' ')));
    if let Some(i) = colon {
        let key = out.content[..i].trim_matches(|c| c == '"' || c == '\'');
        if !key.is_empty() && !key.contains([' ', '[', '{', '#']) {
            out.key = Some(key);
            out.rest = &text[col + i + 1..];
        }
    }
    out
}

/// The path of the element starting at column `top` on line `at` (its own
/// dashes not counted), from the lines above.
fn ancestors(lines: &[&str], mut at: usize, mut top: usize, mut from_dash: bool) -> Vec<Step> {
    let mut rev = Vec::new();
    while at > 0 {
        at -= 1;
        let l = line(lines[at]);
        if l.blank() || l.indent > top {
            continue;
        }
        let opens = l.key.is_some() && l.rest.trim().is_empty();
        let parent = l.indent < top || (from_dash && opens);
        if !parent && l.dashes.is_empty() {
            continue;
        }
        if parent {
            match l.key {
                Some(key) => rev.push(Step::Key(key.to_string())),
                None if l.content.is_empty() => {}
                None => break,
            }
        }
        rev.extend(l.dashes.iter().map(|_| Step::Item));
        top = l.top();
        from_dash = !l.dashes.is_empty();
    }
    rev.reverse();
    rev
}

/// The keys of the mapping at column `col` around line `at` (whose own
/// key is left out); `item` when line `at` starts a list item.
fn siblings(lines: &[&str], at: usize, col: usize, item: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut look = |l: Line<'_>| -> bool {
        let child = !l.dashes.is_empty() && l.top() >= col;
        if l.blank() || child || l.indent > col {
            return true;
        }
        if l.indent < col {
            return false;
        }
        out.extend(l.key.map(str::to_string));
        l.dashes.is_empty()
    };
    if !item {
        for text in lines[..at].iter().rev() {
            if !look(line(text)) {
                break;
            }
        }
    }
    for text in &lines[at + 1..] {
        let l = line(text);
        let next_item = !l.dashes.is_empty() && l.top() < col;
        if next_item || !look(l) {
            break;
        }
    }
    out
}

/// The cursor at byte `offset` of the YAML `text`.
pub fn yaml(text: &str, offset: usize) -> Spot {
    let before = text.get(..offset).unwrap_or(text);
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let at = before[..start].matches('\n').count();
    let lines: Vec<&str> = text.split('\n').collect();
    if let Some(spot) = flow(&lines, at, before) {
        return spot;
    }
    let l = line(&before[start..]);
    let mut path = ancestors(&lines, at, l.top(), !l.dashes.is_empty());
    path.extend(l.dashes.iter().map(|_| Step::Item));
    match l.key {
        Some(key) => {
            path.push(Step::Key(key.to_string()));
            value_spot(path, l.rest)
        }
        None if !l.dashes.is_empty() => Spot {
            path,
            key: false,
            typed: unquote(l.content).to_string(),
            present: Vec::new(),
        },
        None => Spot {
            present: siblings(&lines, at, l.indent, false),
            path,
            key: true,
            typed: l.content.to_string(),
        },
    }
}

/// The cursor inside a flow mapping (`- { id: a, owner: |`) that opens on
/// line `at` or on one of the few lines above it; `before` is the text up
/// to the cursor.
fn flow(lines: &[&str], at: usize, before: &str) -> Option<Spot> {
    let line_start = |n: usize| lines[..n].iter().map(|l| l.len() + 1).sum::<usize>();
    let opening = (at.saturating_sub(8)..=at).rev().find_map(|n| {
        let l = line(lines[n]);
        l.content.starts_with('{').then_some((n, l))
    });
    let (n, l) = opening?;
    let inside = before.get(line_start(n) + l.indent..)?;
    let depth = |open, close| inside.matches(open).count() > inside.matches(close).count();
    if !depth('{', '}') || depth('[', ']') && !inside.rsplit('{').next()?.contains('[') {
        return None;
    }
    let mut path = ancestors(lines, n, l.top(), !l.dashes.is_empty());
    path.extend(l.dashes.iter().map(|_| Step::Item));
    let end = match inside.rfind('[') {
        Some(i) if depth('[', ']') => i,
        _ => inside.len(),
    };
    let part = &inside[inside[..end].rfind(['{', ',']).map_or(0, |i| i + 1)..];
    match part.split_once(':') {
        Some((key, rest)) => {
            path.push(Step::Key(key.trim().to_string()));
            Some(value_spot(path, rest))
        }
        None => {
            let present = inside.split(['{', ',']).filter_map(|p| {
                let (k, _) = p.split_once(':')?;
                Some(k.trim().to_string())
            });
            Some(Spot {
                present: present.collect(),
                path,
                key: true,
                typed: part.trim().to_string(),
            })
        }
    }
}

/// A value being typed after a key; `rest` is what follows the `:` (or
/// the `=`) up to the cursor. Inside `[a, b, ` it is a list item.
fn value_spot(mut path: Vec<Step>, rest: &str) -> Spot {
    let rest = rest.trim_start();
    let typed = match rest.strip_prefix('[') {
        Some(items) => {
            path.push(Step::Item);
            items.rsplit(',').next().unwrap_or_default()
        }
        None => rest,
    };
    Spot {
        path,
        key: false,
        typed: unquote(typed.trim()).to_string(),
        present: Vec::new(),
    }
}

fn unquote(s: &str) -> &str {
    s.trim_start_matches(['"', '\''])
}

/// The cursor at byte `offset` of the TOML `text` (`collab.toml`).
pub fn toml(text: &str, offset: usize) -> Spot {
    let before = text.get(..offset).unwrap_or(text);
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut path = Vec::new();
    let header = before[..start].lines().rev().find_map(|l| {
        let l = l.trim();
        l.starts_with('[').then_some(l)
    });
    if let Some(h) = header {
        let name = h
            .trim_start_matches('[')
            .split(']')
            .next()
            .unwrap_or_default();
        path.extend(name.split('.').map(|k| Step::Key(k.trim().to_string())));
        if h.starts_with("[[") {
            path.push(Step::Item);
        }
    }
    let here = &before[start..];
    match here.split_once('=') {
        Some((key, rest)) => {
            path.push(Step::Key(key.trim().trim_matches('"').to_string()));
            value_spot(path, rest)
        }
        None => Spot {
            present: toml_keys(text, start),
            path,
            key: true,
            typed: here.trim().to_string(),
        },
    }
}

/// The keys of the TOML table around the line starting at byte `start`.
fn toml_keys(text: &str, start: usize) -> Vec<String> {
    let is_header = |l: &str| l.trim_start().starts_with('[');
    let key = |l: &str| {
        let (k, _) = l.split_once('=')?;
        let k = k.trim();
        (!k.starts_with('#')).then(|| k.trim_matches('"').to_string())
    };
    let above = text[..start].lines().rev().take_while(|l| !is_header(l));
    let end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    let below = text[end..].lines().take_while(|l| !is_header(l));
    above.chain(below).filter_map(key).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(path: &[Step]) -> Vec<&str> {
        path.iter()
            .map(|s| match s {
                Step::Key(k) => k.as_str(),
                Step::Item => "-",
            })
            .collect()
    }

    /// The spot where `|` is in `text`.
    fn at(text: &str) -> Spot {
        let offset = text.find('|').unwrap();
        yaml(&text.replacen('|', "", 1), offset)
    }

    #[test]
    fn a_half_typed_value_under_a_list_item() {
        let s =
            at("kind: plan\nobjectives:\n  - id: a\n    name: A\n    owner: lf|\n    stage: x\n");
        assert_eq!(keys(&s.path), ["objectives", "-", "owner"]);
        assert!(!s.key);
        assert_eq!(s.typed, "lf");
        assert_eq!(s.field(), Some("owner"));
    }

    #[test]
    fn an_empty_value() {
        let s = at("kind: meeting\nchair: |\n");
        assert_eq!(keys(&s.path), ["chair"]);
        assert_eq!(s.typed, "");
    }

    #[test]
    fn a_key_in_a_mapping_lists_the_keys_present() {
        let s =
            at("kind: plan\nobjectives:\n  - id: a\n    |\n    owner: b\n  - id: c\n    name: C\n");
        assert_eq!(keys(&s.path), ["objectives", "-"]);
        assert!(s.key);
        assert_eq!(s.present, ["id", "owner"]);
    }

    #[test]
    fn a_top_level_key() {
        let s = at("kind: plan\nsit|\nobjectives: []\n");
        assert!(s.path.is_empty());
        assert_eq!(s.typed, "sit");
        assert_eq!(s.present, ["kind", "objectives"]);
    }

    #[test]
    fn a_flow_list_item() {
        let s = at("objectives:\n  - id: a\n    metrics: [reach, cli|\n");
        assert_eq!(keys(&s.path), ["objectives", "-", "metrics", "-"]);
        assert_eq!(s.typed, "cli");
    }

    #[test]
    fn a_block_list_item_at_the_parent_indent() {
        let s = at("strategy:\n  journey:\n  - stage: x\n    touchpoints:\n    - channel: |\n");
        assert_eq!(
            keys(&s.path),
            ["strategy", "journey", "-", "touchpoints", "-", "channel"]
        );
        let s = at("strategy:\n  journey:\n  - audiences:\n      - a\n      - |\n");
        assert_eq!(
            keys(&s.path),
            ["strategy", "journey", "-", "audiences", "-"]
        );
        assert!(!s.key);
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let s =
            at("partners:\n  # the lead\n  - id: a\n\n    channels:\n      - id: b\n        ty|\n");
        assert_eq!(keys(&s.path), ["partners", "-", "channels", "-"]);
        assert_eq!(s.present, ["id"]);
    }

    #[test]
    fn flow_mappings_over_several_lines() {
        let s = at("activities:\n  - { id: a, name: A, owner: s|\n");
        assert_eq!(keys(&s.path), ["activities", "-", "owner"]);
        assert_eq!(s.typed, "s");
        let s =
            at("plan:\n  activities:\n    - { id: a, name: A,\n        channel: |, start: x }\n");
        assert_eq!(keys(&s.path), ["plan", "activities", "-", "channel"]);
        let s = at("a:\n  - { id: a, metrics: [x, |\n");
        assert_eq!(keys(&s.path), ["a", "-", "metrics", "-"]);
        let s = at("a:\n  - { id: a, na|\n");
        assert!(s.key);
        assert_eq!(s.present, ["id"]);
        assert_eq!(keys(&s.path), ["a", "-"]);
        let s = at("a:\n  - { id: a }\n  - i|\n");
        assert_eq!(keys(&s.path), ["a", "-"]);
        assert!(!s.key);
    }

    #[test]
    fn toml_tables_and_values() {
        let text = "exclude = []\n[campaign]\nid = \"x\"\nlead = \"kin\n";
        let s = toml(text, text.len() - 1);
        assert_eq!(keys(&s.path), ["campaign", "lead"]);
        assert_eq!(s.typed, "kin");
        let text = "[campaign]\nid = \"x\"\nna\n[render]\nout_dir = \"d\"\n";
        let s = toml(text, text.find("na").unwrap() + 2);
        assert!(s.key);
        assert_eq!(keys(&s.path), ["campaign"]);
        assert_eq!(s.present, ["id"]);
        let text = "[[blackout]]\nkind = \"o";
        assert_eq!(
            keys(&toml(text, text.len()).path),
            ["blackout", "-", "kind"]
        );
    }
}
