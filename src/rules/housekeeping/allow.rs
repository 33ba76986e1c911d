//! In-place allow comments (`# collab: allow(rule-id) reason`): finding
//! them, and dropping the findings they cover.

use std::collections::HashMap;
use std::sync::Arc;

use crate::campaign::{Campaign, Document};
use crate::diagnostic::{Finding, SourceFile};
use crate::rule::Rule;
use crate::source::Span;

/// One rule named in an allow comment.
#[derive(Debug, Clone)]
pub struct AllowEntry {
    pub rule: String,
    pub span: Span,
    pub used: bool,
}

/// One `# collab: allow(...)` comment.
#[derive(Debug, Clone)]
pub struct Allow {
    pub file: Arc<SourceFile>,
    /// 1-based line of the comment.
    pub line: usize,
    pub entries: Vec<AllowEntry>,
}

/// Find the allow comments of a file. Only whole-line comments count.
pub fn scan(file: &Arc<SourceFile>) -> Vec<Allow> {
    let text = file.source.text();
    let mut out = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let Some(body) = trimmed.strip_prefix('#') else {
            continue;
        };
        let Some(rest) = body.trim_start().strip_prefix("collab:") else {
            continue;
        };
        let Some(list) = rest.trim_start().strip_prefix("allow(") else {
            continue;
        };
        let Some(close) = list.find(')') else {
            continue;
        };
        let list_start = start + (line.len() - list.len());
        let mut entries = Vec::new();
        let mut pos = 0;
        for part in list[..close].split(',') {
            let lead = part.len() - part.trim_start().len();
            let name = part.trim();
            if !name.is_empty() {
                let s = list_start + pos + lead;
                entries.push(AllowEntry {
                    rule: name.to_string(),
                    span: Span::new(s, s + name.len()),
                    used: false,
                });
            }
            pos += part.len() + 1;
        }
        if entries.is_empty() {
            let s = start + (line.len() - trimmed.len());
            entries.push(AllowEntry {
                rule: String::new(),
                span: Span::new(s, s + trimmed.trim_end().len()),
                used: false,
            });
        }
        out.push(Allow {
            file: Arc::clone(file),
            line: index + 1,
            entries,
        });
    }
    out
}

/// The whole-line comments of one file, found in one pass: each comment
/// line's number with the first line of the block of comment lines it
/// belongs to, sorted. "The comment block above line n" is then one binary
/// search, so applying allow comments costs the same per finding whatever
/// the size of the file.
#[derive(Debug, Default)]
pub struct CommentLines {
    /// (line, first line of its block), 1-based, by line.
    lines: Vec<(usize, usize)>,
}

impl CommentLines {
    pub fn new(text: &str) -> Self {
        let mut lines: Vec<(usize, usize)> = Vec::new();
        for (index, line) in text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                let n = index + 1;
                let block = match lines.last() {
                    Some(&(prev, block)) if prev + 1 == n => block,
                    _ => n,
                };
                lines.push((n, block));
            }
        }
        CommentLines { lines }
    }

    /// Whether `line` (1-based) is a comment line.
    pub fn is_comment(&self, line: usize) -> bool {
        self.lines.binary_search_by_key(&line, |&(l, _)| l).is_ok()
    }

    /// The comment lines directly above `line`, as (first, last); `None`
    /// when the line above is not a comment.
    pub fn block_above(&self, line: usize) -> Option<(usize, usize)> {
        let above = line.checked_sub(1).filter(|a| *a >= 1)?;
        let i = self.lines.binary_search_by_key(&above, |&(l, _)| l).ok()?;
        Some((self.lines[i].1, above))
    }
}

/// The allow comments of a campaign ordered by file and line, so the ones
/// in a block of lines are found by binary search.
struct AllowIndex<'a> {
    allows: &'a mut [Allow],
    /// Indexes into `allows`, sorted by (path, line), ties in scan order.
    order: Vec<usize>,
}

impl<'a> AllowIndex<'a> {
    fn new(allows: &'a mut [Allow]) -> Self {
        let mut order: Vec<usize> = (0..allows.len()).collect();
        order.sort_by(|&a, &b| {
            (&allows[a].file.path, allows[a].line).cmp(&(&allows[b].file.path, allows[b].line))
        });
        AllowIndex { allows, order }
    }

    /// Mark the nearest entry for `rule` in `path` on lines `first..=last`
    /// used, looking from `last` upwards; whether one was found.
    fn claim(&mut self, path: &std::path::Path, (first, last): (usize, usize), rule: Rule) -> bool {
        let key = |i: usize| (self.allows[i].file.path.as_path(), self.allows[i].line);
        let lo = self.order.partition_point(|&i| key(i) < (path, first));
        let hi = self.order.partition_point(|&i| key(i) <= (path, last));
        let mut end = hi;
        while end > lo {
            let line = self.allows[self.order[end - 1]].line;
            let start = lo + self.order[lo..end].partition_point(|&i| self.allows[i].line < line);
            for k in start..end {
                let allow = &mut self.allows[self.order[k]];
                if let Some(entry) = allow.entries.iter_mut().find(|e| e.rule == rule.id()) {
                    entry.used = true;
                    return true;
                }
            }
            end = start;
        }
        false
    }
}

/// The allow comments of a campaign's files.
pub fn scan_campaign(campaign: &Campaign) -> Vec<Allow> {
    let mut files: Vec<&Arc<SourceFile>> = std::iter::once(&campaign.config.file)
        .chain(campaign.documents.iter().map(|d| &d.file))
        .collect();
    files.dedup_by(|a, b| a.path == b.path);
    files.into_iter().flat_map(scan).collect()
}

/// The rules the allow comments name.
pub fn named(allows: &[Allow]) -> Vec<Rule> {
    let mut rules: Vec<Rule> = allows
        .iter()
        .flat_map(|a| &a.entries)
        .filter_map(|e| Rule::from_id(&e.rule))
        .collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

/// [`apply`] to a campaign's findings: a comment above the list item a
/// finding lies in covers it too.
pub fn apply_in_campaign(campaign: &Campaign, allows: &mut [Allow], found: &mut Vec<Finding>) {
    // Each file's documents in text order, so the one a finding lies in
    // is found by binary search.
    let mut by_file: HashMap<&std::path::Path, Vec<&Document>> = HashMap::new();
    for doc in &campaign.documents {
        by_file
            .entry(doc.file.path.as_path())
            .or_default()
            .push(doc);
    }
    apply(allows, found, |f| {
        let at = f.span.start;
        let docs = by_file
            .get(f.file.path.as_path())
            .map_or(&[][..], Vec::as_slice);
        let k = docs.partition_point(|d| d.root.span.start <= at);
        let mut starts = Vec::new();
        if let Some(doc) = k.checked_sub(1).map(|k| docs[k]) {
            item_starts(&doc.root, at, &mut starts);
        }
        starts
            .into_iter()
            .map(|at| f.file.source.line_col(at).line)
            .collect()
    });
}

/// Drop the findings an allow comment covers, marking the comments used.
/// A comment covers a finding when it sits in the block of comment lines
/// directly above the line the finding starts on, or above the first line
/// of a list item the finding lies in (so one comment above `- id: …`
/// covers what is found anywhere in that item). `heads` gives those item
/// lines for a finding.
pub fn apply(
    allows: &mut [Allow],
    findings: &mut Vec<Finding>,
    heads: impl Fn(&Finding) -> Vec<usize>,
) {
    let mut index = AllowIndex::new(allows);
    let mut comments: HashMap<std::path::PathBuf, CommentLines> = HashMap::new();
    findings.retain(|f| {
        if f.rule.is_structure() {
            return true;
        }
        let path = f.file.path.as_path();
        if !comments.contains_key(path) {
            let lines = CommentLines::new(f.file.source.text());
            comments.insert(path.to_path_buf(), lines);
        }
        let Some(lines) = comments.get(path) else {
            return true;
        };
        let mut starts = vec![f.start().line];
        starts.extend(heads(f));
        for line in starts {
            if let Some(block) = lines.block_above(line)
                && index.claim(path, block, f.rule)
            {
                return false;
            }
        }
        true
    });
}

/// The byte offsets where the list items holding `at` start, outermost
/// first. Siblings are in text order, so the one that may hold `at` is
/// found by binary search.
pub fn item_starts(node: &crate::yaml::Node, at: usize, out: &mut Vec<usize>) {
    use crate::yaml::{Node, Value};
    let holds = |n: &Node| n.span.start <= at && at < n.span.end.max(n.span.start + 1);
    match &node.value {
        Value::Seq(items) => {
            let k = items.partition_point(|item| item.span.start <= at);
            if let Some(item) = k.checked_sub(1).map(|k| &items[k])
                && holds(item)
            {
                out.push(item.span.start);
                item_starts(item, at, out);
            }
        }
        Value::Map(entries) => {
            let k = entries.partition_point(|(_, value)| value.span.start <= at);
            if let Some((_, value)) = k.checked_sub(1).map(|k| &entries[k])
                && holds(value)
            {
                item_starts(value, at, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_allow_comments_with_spans() {
        let text = "a: 1\n  # collab: allow(single-point-of-contact, no-senior-sponsor) small team\n- id: x\n# just a comment\n";
        let file = SourceFile::new("p.yaml".into(), "p.yaml".into(), text.into());
        let allows = scan(&file);
        assert_eq!(allows.len(), 1);
        assert_eq!(allows[0].line, 2);
        let names: Vec<&str> = allows[0].entries.iter().map(|e| e.rule.as_str()).collect();
        assert_eq!(
            names,
            [Rule::SinglePointOfContact.id(), Rule::NoSeniorSponsor.id()]
        );
        let e = &allows[0].entries[1];
        assert_eq!(&text[e.span.start..e.span.end], Rule::NoSeniorSponsor.id());
    }

    /// How a comment line was found before the index: from the top of the
    /// text for every question.
    fn is_comment_line_before(text: &str, line: usize) -> bool {
        text.lines()
            .nth(line.wrapping_sub(1))
            .is_some_and(|l| l.trim_start().starts_with('#'))
    }

    /// [`apply`] as it was before the index: a walk up the text and a scan
    /// of every allow comment for each line above each finding.
    fn apply_before(allows: &mut [Allow], findings: &mut Vec<Finding>, heads: &[usize]) {
        findings.retain(|f| {
            let text = f.file.source.text();
            let mut lines = vec![f.start().line];
            lines.extend(heads);
            for line in lines {
                let mut above = line.saturating_sub(1);
                while above >= 1 && is_comment_line_before(text, above) {
                    for allow in allows.iter_mut() {
                        if allow.line == above && allow.file.path == f.file.path {
                            for entry in &mut allow.entries {
                                if entry.rule == f.rule.id() {
                                    entry.used = true;
                                    return false;
                                }
                            }
                        }
                    }
                    above -= 1;
                }
            }
            true
        });
    }

    const LINES: &[&str] = &[
        "a: 1",
        "",
        "   ",
        "# plain comment",
        "  # indented comment",
        "# collab: allow(single-point-of-contact) reason",
        "  # collab: allow(no-senior-sponsor, single-point-of-contact)",
        "# collab: allow()",
        "- id: x  # trailing comment, not a comment line",
        "\t# tab-indented comment",
        "#",
    ];

    fn text_of(picks: &[usize], crlf: bool) -> String {
        let end = if crlf { "\r\n" } else { "\n" };
        picks
            .iter()
            .map(|&i| format!("{}{end}", LINES[i]))
            .collect()
    }

    /// [`item_starts`] as it was: every sibling looked at.
    fn item_starts_before(node: &crate::yaml::Node, at: usize, out: &mut Vec<usize>) {
        use crate::yaml::Value;
        let holds =
            |n: &crate::yaml::Node| n.span.start <= at && at < n.span.end.max(n.span.start + 1);
        match &node.value {
            Value::Seq(items) => {
                for item in items.iter().filter(|i| holds(i)) {
                    out.push(item.span.start);
                    item_starts_before(item, at, out);
                }
            }
            Value::Map(entries) => {
                for (_, value) in entries.iter().filter(|(_, v)| holds(v)) {
                    item_starts_before(value, at, out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn list_items_are_found_by_binary_search_as_by_a_scan() {
        let text = "kind: partners\npartners:\n  - id: a\n    tags: [x, y, [z]]\n  -\n  - &p { id: b, name: B }\n  - *p\n  - id: c\n    gains:\n      - one\n      -\n      - two\nnotes: ~\n";
        let parsed = crate::yaml::parse(&crate::source::SourceText::new(text.into()));
        let root = &parsed.docs[0].root;
        for at in 0..=text.len() {
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            item_starts(root, at, &mut fast);
            item_starts_before(root, at, &mut slow);
            let line = |v: &[usize]| {
                let mut l: Vec<usize> =
                    v.iter().map(|o| text[..*o].matches('\n').count()).collect();
                l.dedup();
                l
            };
            assert_eq!(line(&fast), line(&slow), "at {at}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_comment_index_answers_as_the_walk_from_the_top_did(
            picks in proptest::collection::vec(0..LINES.len(), 0..40),
            crlf: bool,
        ) {
            let text = text_of(&picks, crlf);
            let index = CommentLines::new(&text);
            for line in 0..picks.len() + 3 {
                proptest::prop_assert_eq!(index.is_comment(line), is_comment_line_before(&text, line));
                let mut above = line.saturating_sub(1);
                let last = above;
                while above >= 1 && is_comment_line_before(&text, above) {
                    above -= 1;
                }
                let expected = (above < last).then_some((above + 1, last));
                proptest::prop_assert_eq!(index.block_above(line), expected);
            }
        }

        #[test]
        fn applying_allows_with_the_index_silences_what_the_walk_did(
            picks in proptest::collection::vec(0..LINES.len(), 1..40),
            at in proptest::collection::vec((0usize..45, proptest::bool::ANY), 0..30),
            heads in proptest::collection::vec(0usize..45, 0..3),
            crlf: bool,
        ) {
            let text = text_of(&picks, crlf);
            let file = SourceFile::new("p.yaml".into(), "p.yaml".into(), text.clone());
            let other = SourceFile::new("q.yaml".into(), "q.yaml".into(), text.clone());
            let mut findings: Vec<Finding> = at
                .iter()
                .map(|&(line, sponsor)| {
                    let offset = text.split_inclusive('\n').take(line).map(str::len).sum();
                    let rule = if sponsor { Rule::NoSeniorSponsor } else { Rule::SinglePointOfContact };
                    let file = if line % 7 == 3 { &other } else { &file };
                    Finding::new(rule, crate::diagnostic::Level::Warning, file, Span::empty(offset), "x")
                })
                .collect();
            let mut expected_findings = findings.clone();
            let mut allows: Vec<Allow> = scan(&file).into_iter().chain(scan(&other)).collect();
            let mut expected_allows = allows.clone();
            apply(&mut allows, &mut findings, |_| heads.clone());
            apply_before(&mut expected_allows, &mut expected_findings, &heads);
            let spans = |f: &[Finding]| f.iter().map(|f| (f.file.path.clone(), f.span, f.rule)).collect::<Vec<_>>();
            proptest::prop_assert_eq!(spans(&findings), spans(&expected_findings));
            let used = |a: &[Allow]| a.iter().map(|a| (a.line, a.entries.iter().map(|e| e.used).collect::<Vec<_>>())).collect::<Vec<_>>();
            proptest::prop_assert_eq!(used(&allows), used(&expected_allows));
        }
    }
}
