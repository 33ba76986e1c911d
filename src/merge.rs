//! A three-way merge of collab's YAML files that knows their lists: items
//! are matched by `id` (figures in `actuals` by `date`), items added on
//! either side are kept (ours first, then theirs, each in its own order), a
//! field changed on one side wins, and every other byte of ours is kept.
//! Only the same field changed differently on both sides is a conflict,
//! written with git's markers around the lines concerned. Anything it
//! cannot read, or a change it cannot place safely, is left to git's own
//! line merge. Pure: text in, text out.

use crate::edit::Splice;
use crate::source::{SourceText, Span};
use crate::yaml::{Node, Value};

/// The document kinds the merge understands.
const KINDS: &[&str] = &["partners", "plan", "evaluation", "meeting"];

/// What a merge gives.
#[derive(Debug, PartialEq)]
pub enum Merged {
    /// Merged text with no conflict.
    Clean(String),
    /// Merged text holding this many conflicts between git's markers.
    Conflict(String, usize),
    /// Not collab YAML, or a change this merge cannot place: let git merge
    /// the lines.
    Fallback,
}

/// Merge `theirs` into `ours`, both changed from `base`.
pub fn merge(base: &str, ours: &str, theirs: &str) -> Merged {
    const BOM: char = '\u{feff}';
    // Lines are found by `\n`: files that end lines with a lone CR go to git.
    if [base, ours, theirs]
        .iter()
        .any(|t| t.replace("\r\n", "").contains('\r'))
    {
        return Merged::Fallback;
    }
    match ours.strip_prefix(BOM) {
        Some(rest) => {
            let strip = |t: &'_ str| t.strip_prefix(BOM).unwrap_or(t).to_string();
            match merge_text(&strip(base), rest, &strip(theirs)) {
                Merged::Clean(t) => Merged::Clean(format!("{BOM}{t}")),
                Merged::Conflict(t, n) => Merged::Conflict(format!("{BOM}{t}"), n),
                Merged::Fallback => Merged::Fallback,
            }
        }
        None => merge_text(base, ours, theirs),
    }
}

fn merge_text(base: &str, ours: &str, theirs: &str) -> Merged {
    let (Some(b), Some(o), Some(t)) = (read(base), read(ours), read(theirs)) else {
        return Merged::Fallback;
    };
    let mut cx = Cx {
        base,
        ours,
        theirs,
        edits: Vec::new(),
        conflicts: 0,
        fallback: false,
    };
    cx.map(&b, &o, &t);
    if cx.fallback {
        return Merged::Fallback;
    }
    let mut edits = cx.edits;
    edits.sort_by_key(|s| std::cmp::Reverse((s.span.start, s.span.end)));
    let mut out = ours.to_string();
    let mut floor = usize::MAX;
    for s in &edits {
        if s.span.end > floor {
            return Merged::Fallback;
        }
        floor = s.span.start;
        out = s.apply(&out);
    }
    match cx.conflicts {
        0 => Merged::Clean(out),
        n => Merged::Conflict(out, n),
    }
}

/// The root mapping of a one-document collab file, if the text is one.
fn read(text: &str) -> Option<Node> {
    let parsed = crate::yaml::parse(&SourceText::new(text.to_string()));
    if parsed.error.is_some() || parsed.docs.len() != 1 {
        return None;
    }
    let root = parsed.docs.into_iter().next()?.root;
    let kind = root.entry("kind")?.1.as_str()?;
    KINDS.contains(&kind).then_some(root)
}

struct Cx<'a> {
    base: &'a str,
    ours: &'a str,
    theirs: &'a str,
    edits: Vec<Splice>,
    conflicts: usize,
    fallback: bool,
}

fn slice<'t>(text: &'t str, n: &Node) -> &'t str {
    text.get(n.span.start..n.span.end).unwrap_or("")
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn after_line(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// The whole lines from `from` to the end of `to`.
fn lines(text: &str, from: &Node, to: &Node) -> Span {
    let end = to.span.end.saturating_sub(1).max(to.span.start);
    Span::new(line_start(text, from.span.start), after_line(text, end))
}

fn range(s: Span) -> std::ops::Range<usize> {
    s.start..s.end
}

fn span_of(r: std::ops::Range<usize>) -> Span {
    Span::new(r.start, r.end)
}

fn is_flow(text: &str, n: &Node) -> bool {
    matches!(text.as_bytes().get(n.span.start), Some(b'[' | b'{'))
}

/// The key that identifies the items of a list, when every item of every
/// side has one.
fn item_key(lists: [&[Node]; 3]) -> Option<&'static str> {
    ["id", "date"].into_iter().find(|k| {
        lists.iter().all(|l| {
            l.iter()
                .all(|i| i.entry(k).and_then(|(_, v)| v.as_str()).is_some())
        })
    })
}

fn find<'n>(items: &'n [Node], key: &str, want: &str) -> Option<&'n Node> {
    items
        .iter()
        .find(|i| i.entry(key).and_then(|(_, v)| v.as_str()) == Some(want))
}

impl Cx<'_> {
    fn conflict(&mut self, at: Span, theirs: &str) {
        let ours = &self.ours[at.start..at.end];
        let nl = |s: &str| {
            if s.is_empty() || s.ends_with('\n') {
                ""
            } else {
                "\n"
            }
        };
        self.edits.push(Splice {
            span: at,
            text: format!(
                "<<<<<<< ours\n{ours}{}=======\n{theirs}{}>>>>>>> theirs\n",
                nl(ours),
                nl(theirs)
            ),
        });
        self.conflicts += 1;
    }

    /// Merge the entries of three mappings.
    fn map(&mut self, b: &Node, o: &Node, t: &Node) {
        let (Value::Map(bs), Value::Map(os), Value::Map(ts)) = (&b.value, &o.value, &t.value)
        else {
            self.fallback = true;
            return;
        };
        for (tk, tv) in ts {
            let Some(k) = tk.as_str() else { continue };
            match (b.entry(k), o.entry(k)) {
                (Some((_, bv)), Some((ok, ov))) => self.value(bv, (ok, ov), (tk, tv)),
                (None, None) => self.add_key(o, os, tk, tv),
                (None, Some((ok, ov))) if slice(self.ours, ov) != slice(self.theirs, tv) => {
                    let theirs = &self.theirs[range(lines(self.theirs, tk, tv))];
                    self.conflict(lines(self.ours, ok, ov), theirs);
                }
                (Some((_, bv)), None) if slice(self.base, bv) != slice(self.theirs, tv) => {
                    // Deleted by ours, changed by theirs.
                    self.fallback = true;
                }
                _ => {}
            }
        }
        for (bk, bv) in bs {
            let Some(k) = bk.as_str() else { continue };
            if t.entry(k).is_some() {
                continue;
            }
            if let Some((ok, ov)) = o.entry(k) {
                if slice(self.ours, ov) == slice(self.base, bv) && !is_flow(self.ours, o) {
                    self.edits.push(Splice {
                        span: lines(self.ours, ok, ov),
                        text: String::new(),
                    });
                } else if slice(self.ours, ov) != slice(self.base, bv) {
                    self.conflict(lines(self.ours, ok, ov), "");
                } else {
                    self.fallback = true;
                }
            }
        }
    }

    /// Add theirs' `key: value` lines at the end of ours' block mapping.
    fn add_key(&mut self, o: &Node, os: &[(Node, Node)], tk: &Node, tv: &Node) {
        let Some((lk, lv)) = os.last() else {
            self.fallback = true;
            return;
        };
        let column = |text: &str, n: &Node| n.span.start - line_start(text, n.span.start);
        if is_flow(self.ours, o) || column(self.ours, lk) != column(self.theirs, tk) {
            self.fallback = true;
            return;
        }
        let at = lines(self.ours, lk, lv).end;
        let text = &self.theirs[range(lines(self.theirs, tk, tv))];
        self.insert(at, text);
    }

    fn insert(&mut self, at: usize, text: &str) {
        let nl = if at > 0 && !self.ours[..at].ends_with('\n') {
            "\n"
        } else {
            ""
        };
        self.edits.push(Splice {
            span: Span::empty(at),
            text: format!("{nl}{text}"),
        });
    }

    /// Merge one value that all three sides have.
    fn value(&mut self, bv: &Node, (ok, ov): (&Node, &Node), (tk, tv): (&Node, &Node)) {
        let (bt, ot, tt) = (
            slice(self.base, bv),
            slice(self.ours, ov),
            slice(self.theirs, tv),
        );
        if tt == bt || ot == tt {
            return;
        }
        match (&bv.value, &ov.value, &tv.value) {
            (Value::Map(_), Value::Map(_), Value::Map(_)) if ot != bt => {
                return self.map(bv, ov, tv);
            }
            (Value::Seq(b), Value::Seq(o), Value::Seq(t)) if ot != bt => {
                if let Some(key) = item_key([b, o, t]) {
                    return self.seq(key, ov, (b, o, t));
                }
            }
            _ => {}
        }
        if ot == bt && (ov.as_scalar().is_some() || same_column(self, ov, tv)) {
            self.edits.push(Splice {
                span: ov.span,
                text: tt.to_string(),
            });
        } else {
            let theirs = &self.theirs[range(lines(self.theirs, tk, tv))];
            self.conflict(lines(self.ours, ok, ov), theirs);
        }
    }

    /// Merge three lists whose items are told apart by `key`.
    fn seq(&mut self, key: &str, ol: &Node, (b, o, t): (&[Node], &[Node], &[Node])) {
        let id = |n: &Node| {
            n.entry(key)
                .and_then(|(_, v)| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let mut added = String::new();
        for ti in t {
            let want = id(ti);
            match (find(b, key, &want), find(o, key, &want)) {
                (Some(bi), Some(oi)) => self.value(bi, (oi, oi), (ti, ti)),
                (None, None) => added.push_str(&self.item_text(ti, o)),
                (None, Some(oi)) if slice(self.ours, oi) != slice(self.theirs, ti) => {
                    let theirs = &self.theirs[self.item_lines(self.theirs, ti)];
                    self.conflict(span_of(self.item_lines(self.ours, oi)), theirs);
                }
                (Some(bi), None) if slice(self.base, bi) != slice(self.theirs, ti) => {
                    self.fallback = true;
                }
                _ => {}
            }
        }
        for bi in b {
            if find(t, key, &id(bi)).is_some() {
                continue;
            }
            let Some(oi) = find(o, key, &id(bi)) else {
                continue;
            };
            let span = span_of(self.item_lines(self.ours, oi));
            if slice(self.ours, oi) == slice(self.base, bi) && !is_flow(self.ours, ol) {
                self.edits.push(Splice {
                    span,
                    text: String::new(),
                });
            } else {
                self.conflict(span, "");
            }
        }
        if added.is_empty() {
            return;
        }
        match o.last() {
            Some(last) if !is_flow(self.ours, ol) => {
                let at = self.item_lines(self.ours, last).end;
                self.insert(at, &added);
            }
            _ => self.fallback = true,
        }
    }

    /// The lines of a block list item, from its dash.
    fn item_lines(&self, text: &str, item: &Node) -> std::ops::Range<usize> {
        range(lines(text, item, item))
    }

    /// Theirs' lines for a new item, checked to fit ours' indentation.
    fn item_text(&mut self, ti: &Node, o: &[Node]) -> String {
        let column = |text: &str, n: &Node| n.span.start - line_start(text, n.span.start);
        let fits = o
            .first()
            .is_some_and(|f| column(self.ours, f) == column(self.theirs, ti));
        let text = &self.theirs[self.item_lines(self.theirs, ti)];
        if !fits || !text.trim_start().starts_with('-') {
            self.fallback = true;
        }
        let mut text = text.to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text
    }
}

/// Ours' value and theirs' start in the same column and have the same
/// style, so theirs' lines can stand in ours' place.
fn same_column(cx: &Cx<'_>, ov: &Node, tv: &Node) -> bool {
    let column = |text: &str, n: &Node| n.span.start - line_start(text, n.span.start);
    column(cx.ours, ov) == column(cx.theirs, tv) && is_flow(cx.ours, ov) == is_flow(cx.theirs, tv)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "kind: meeting\nid: m\ntitle: Catch-up  # weekly\nactions:\n  - id: a\n    action: Call Ann\n    status: open\n  - id: b\n    action: Book the hall\n    status: open\n";

    fn clean(ours: &str, theirs: &str) -> String {
        match merge(BASE, ours, theirs) {
            Merged::Clean(text) => text,
            other => panic!("not clean: {other:?}"),
        }
    }

    #[test]
    fn items_added_on_both_sides_are_all_kept() {
        let ours = format!("{BASE}  - id: c\n    action: Ours\n    status: open\n");
        let theirs = format!("{BASE}  - {{ id: d, action: Theirs, status: open }}\n");
        let want = format!(
            "{BASE}  - id: c\n    action: Ours\n    status: open\n  - {{ id: d, action: Theirs, status: open }}\n"
        );
        assert_eq!(clean(&ours, &theirs), want);
        // The same item added on both sides is kept once.
        assert_eq!(clean(&ours, &ours), ours);
    }

    #[test]
    fn a_field_changed_on_one_side_wins_and_other_bytes_stay() {
        let ours = BASE.replace("Catch-up  # weekly", "Weekly catch-up  # weekly");
        let theirs = BASE.replacen("status: open", "status: done", 1);
        let merged = clean(&ours, &theirs);
        assert_eq!(merged, ours.replacen("status: open", "status: done", 1));
        // Both sides changing different fields of the same item.
        let ours = BASE.replace("Call Ann", "Call Ann today");
        assert_eq!(
            clean(&ours, &theirs),
            theirs.replace("Call Ann", "Call Ann today")
        );
        // A key added on one side.
        let theirs = BASE.replace("kind: meeting\n", "kind: meeting\nversion: 1\n");
        assert!(clean(BASE, &theirs).contains("version: 1\n"));
    }

    #[test]
    fn the_same_field_changed_differently_is_a_conflict() {
        let ours = BASE.replacen("status: open", "status: done", 1);
        let theirs = BASE.replacen("status: open", "status: cancelled", 1);
        let Merged::Conflict(text, 1) = merge(BASE, &ours, &theirs) else {
            panic!("expected one conflict");
        };
        assert!(
            text.contains(
                "<<<<<<< ours\n    status: done\n=======\n    status: cancelled\n>>>>>>> theirs\n"
            ),
            "{text}"
        );
        // Only the conflicting lines are marked.
        assert!(text.starts_with("kind: meeting\nid: m\n"));
    }

    #[test]
    fn an_item_deleted_on_one_side_goes() {
        let theirs = BASE.replace("  - id: a\n    action: Call Ann\n    status: open\n", "");
        let ours = BASE.replace("Book the hall", "Book the big hall");
        assert_eq!(
            clean(&ours, &theirs),
            theirs.replace("Book the hall", "Book the big hall")
        );
        // Deleted on one side and changed on the other: a conflict.
        let ours = BASE.replace("Call Ann", "Call Ann today");
        assert!(matches!(
            merge(BASE, &ours, &theirs),
            Merged::Conflict(_, 1)
        ));
    }

    #[test]
    fn crlf_and_a_byte_order_mark_are_kept() {
        let crlf = |t: &str| t.replace('\n', "\r\n");
        let base = format!("\u{feff}{}", crlf(BASE));
        let ours = format!("{base}  - id: c\r\n    action: Ours\r\n");
        let theirs = crlf(&BASE.replacen("status: open", "status: done", 1));
        let Merged::Clean(text) = merge(&base, &ours, &theirs) else {
            panic!("not clean");
        };
        assert_eq!(text, ours.replacen("status: open", "status: done", 1));
        let cr = BASE.replace('\n', "\r");
        assert_eq!(merge(&cr, &cr, &cr), Merged::Fallback);
    }

    #[test]
    fn what_it_cannot_read_goes_to_git() {
        assert_eq!(merge("a: [", "a: [", "a: ["), Merged::Fallback);
        assert_eq!(merge("x: 1\n", "x: 2\n", "x: 3\n"), Merged::Fallback);
        let ours = BASE.replace("kind: meeting", "kind: notes");
        assert_eq!(merge(BASE, &ours, BASE), Merged::Fallback);
    }
}
