//! The one diagnostic type. Loading, the schema check and every rule produce
//! [`Finding`]s; every output format prints them.

use std::cmp::Ordering;
use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::rule::Rule;
use crate::source::{LineCol, SourceText, Span};

/// How serious a finding is once levels from the rule catalogue and
/// `collab.toml` have been applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Error => "error",
            Level::Warning => "warning",
        })
    }
}

/// A file findings point into: where it sits and its text. It holds no
/// path made for display: each printer names the file from the base its
/// format wants (see `output::paths`).
#[derive(Debug)]
pub struct SourceFile {
    /// The campaign folder the file belongs to (for a file outside any
    /// campaign, its own folder).
    pub root: PathBuf,
    /// Path from `root`, `/`-separated.
    pub rel: String,
    /// Path on disk: `root` joined with `rel`.
    pub path: PathBuf,
    pub source: SourceText,
}

impl SourceFile {
    /// A file at `path`, `rel` being its path from the campaign root (its
    /// last components).
    pub fn new(rel: String, path: PathBuf, text: String) -> Arc<Self> {
        let depth = Path::new(&rel).components().count();
        let root = path
            .ancestors()
            .nth(depth)
            .map_or_else(PathBuf::new, Path::to_path_buf);
        Arc::new(SourceFile {
            root,
            rel,
            path,
            source: SourceText::new(text),
        })
    }

    /// The same file's name and place without its text: for what outlives
    /// a loaded campaign (the per-document units of a report), so a run
    /// over many campaigns does not keep every file's text in memory.
    pub fn name_only(&self) -> Arc<Self> {
        Arc::new(SourceFile {
            root: self.root.clone(),
            rel: self.rel.clone(),
            path: self.path.clone(),
            source: SourceText::new(String::new()),
        })
    }

    /// The path from `base`, `/`-separated, with `..` where needed: how a
    /// person in `base` would type it.
    pub fn relative_to(&self, base: &Path) -> String {
        crate::discover::display_path(&self.path, base)
    }
}

/// A second place that explains a finding (the first definition of a
/// duplicated id, the blackout window an activity overlaps).
#[derive(Debug, Clone)]
pub struct Label {
    pub file: Arc<SourceFile>,
    pub span: Span,
    pub text: String,
}

/// One problem found in a campaign.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: Rule,
    pub level: Level,
    pub file: Arc<SourceFile>,
    pub span: Span,
    pub message: String,
    /// Text on the primary label; the message is used when absent.
    pub label: Option<String>,
    pub help: Option<String>,
    pub related: Vec<Label>,
    /// Edits that would put the problem right, when collab knows them.
    pub fix: Option<Fix>,
}

/// Whether a fix can be applied without a person looking at it (ruff's
/// terms): `Safe` keeps the meaning the author plainly intended; `Unsafe`
/// guesses content and is applied only with `--unsafe-fixes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// Replace the bytes of `span` in the finding's file with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// What would put a finding right: byte-preserving edits to the finding's
/// own file, and a title saying what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    pub title: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// One safe edit: replace `span` with `replacement`.
    pub fn safe(title: impl Into<String>, span: Span, replacement: impl Into<String>) -> Self {
        Fix {
            applicability: Applicability::Safe,
            title: title.into(),
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }
}

impl Finding {
    pub fn new(
        rule: Rule,
        level: Level,
        file: &Arc<SourceFile>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            level,
            file: Arc::clone(file),
            span,
            message: message.into(),
            label: None,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    /// Attach a fix. Only rules whose catalogue entry says `fix: true`
    /// may offer one.
    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        debug_assert!(
            fix.is_none() || self.rule.has_fix(),
            "{} offers a fix but its catalogue entry says it has none",
            self.rule.id()
        );
        self.fix = fix;
        self
    }

    /// A structure finding: always an error.
    pub fn error(
        rule: Rule,
        file: &Arc<SourceFile>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Finding::new(rule, Level::Error, file, span, message)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn with_label(mut self, text: impl Into<String>) -> Self {
        self.label = Some(text.into());
        self
    }

    pub fn with_related(
        mut self,
        file: &Arc<SourceFile>,
        span: Span,
        text: impl Into<String>,
    ) -> Self {
        self.related.push(Label {
            file: Arc::clone(file),
            span,
            text: text.into(),
        });
        self
    }

    pub fn start(&self) -> LineCol {
        self.file.source.line_col(self.span.start)
    }

    pub fn end(&self) -> LineCol {
        self.file.source.line_col(self.span.end)
    }

    /// The order findings are reported in: file, line, column, rule.
    pub fn sort_key(&self) -> (&OsStr, usize, usize, &str, &str) {
        (
            self.file.path.as_os_str(),
            self.span.start,
            self.span.end,
            self.rule.id(),
            &self.message,
        )
    }
}

/// Sort findings into report order and drop exact repeats.
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        let (fa, sa, ea, ra, ma) = a.sort_key();
        let (fb, sb, eb, rb, mb) = b.sort_key();
        fa.cmp(fb)
            .then(sa.cmp(&sb))
            .then_with(|| ra.cmp(rb))
            .then(ea.cmp(&eb))
            .then_with(|| ma.cmp(mb))
            .then(Ordering::Equal)
    });
    findings.dedup_by(|a, b| {
        a.rule == b.rule && a.span == b.span && a.message == b.message && a.file.path == b.file.path
    });
}

/// The edit distance suggestion used by every "did you mean" help.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = fold(word);
    let folded: Vec<(String, &'a str)> = candidates.into_iter().map(|c| (fold(c), c)).collect();
    nearest(word, &w, folded.iter().map(|(f, c)| (f.as_str(), *c)))
}

/// "Did you mean" for a value outside a fixed list: an everyday word for
/// one of the values first (the synonyms table in the vocabulary file, so
/// `charity` finds `voluntary-community` however far apart they are
/// spelt), then the nearest spelling.
pub fn suggest_value<'a>(word: &str, values: &[&'a str]) -> Option<&'a str> {
    crate::rules::vocabulary::synonym(word, values)
        .or_else(|| closest(word, values.iter().copied()))
}

/// A name as "did you mean" compares it: lower case, without `-`, `_` or
/// spaces.
fn fold(s: &str) -> String {
    s.to_lowercase().replace(['-', ' ', '_'], "")
}

/// The candidate nearest `word` (`w` folded), from (folded, as written)
/// pairs: within a third of the length in edit distance, or starting with
/// the word; the first of equals wins.
fn nearest<'a, 'f>(
    word: &str,
    w: &str,
    candidates: impl Iterator<Item = (&'f str, &'a str)>,
) -> Option<&'a str> {
    let word_chars = word.chars().count();
    let w_chars = w.chars().count();
    let mut best: Option<(usize, &'a str)> = None;
    for (c, cand) in candidates {
        let limit = (word_chars.max(cand.chars().count()) / 3).max(1);
        let prefix = !w.is_empty() && w.len() >= 3 && c.starts_with(w);
        // The distance is at least the difference in length: skip, before
        // measuring, a candidate that could be neither near enough nor
        // nearer than the best so far.
        let floor = w_chars.abs_diff(c.chars().count());
        if (floor > limit && !prefix) || best.is_some_and(|(bd, _)| floor >= bd) {
            continue;
        }
        let d = if c == w {
            0
        } else {
            strsim::damerau_levenshtein(w, c)
        };
        if (d <= limit || prefix) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// "Did you mean" over a set of names that is asked many times, such as
/// every partner id for every unknown reference. The names are folded once
/// and sorted forwards and backwards. A set of up to [`Nearby::SCAN`] names
/// is searched whole, with the same answer as [`closest`]; in a larger one
/// only the names beside the word in either order are measured (a slip
/// near the end of a name sorts next to it forwards, one near the start
/// backwards), so each question costs the same however many names there
/// are.
pub struct Nearby<'a> {
    /// (folded, as written), in the order given.
    names: Vec<(String, &'a str)>,
    /// Indexes into `names`, by folded name.
    forward: Vec<usize>,
    /// (folded name reversed, index into `names`), sorted.
    backward: Vec<(String, usize)>,
}

impl<'a> Nearby<'a> {
    /// Sets up to this size are searched whole.
    pub const SCAN: usize = 256;
    /// Names measured on each side of the word, in each order.
    const WINDOW: usize = 32;

    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let names: Vec<(String, &'a str)> = names.into_iter().map(|n| (fold(n), n)).collect();
        let (mut forward, mut backward) = (Vec::new(), Vec::new());
        if names.len() > Self::SCAN {
            forward = (0..names.len()).collect();
            forward.sort_by(|&a, &b| names[a].0.cmp(&names[b].0));
            backward = names
                .iter()
                .enumerate()
                .map(|(i, (f, _))| (f.chars().rev().collect(), i))
                .collect();
            backward.sort();
        }
        Nearby {
            names,
            forward,
            backward,
        }
    }

    /// The name nearest `word`, as [`closest`] would choose it.
    pub fn closest(&self, word: &str) -> Option<&'a str> {
        let w = fold(word);
        let pair = |i: usize| (self.names[i].0.as_str(), self.names[i].1);
        if self.names.len() <= Self::SCAN {
            return nearest(word, &w, (0..self.names.len()).map(pair));
        }
        let around =
            |at: usize, len: usize| at.saturating_sub(Self::WINDOW)..(at + Self::WINDOW).min(len);
        let at = self.forward.partition_point(|&i| self.names[i].0 < w);
        let mut picks: Vec<usize> = self.forward[around(at, self.forward.len())].to_vec();
        let rev: String = w.chars().rev().collect();
        let at = self.backward.partition_point(|(r, _)| *r < rev);
        picks.extend(
            self.backward[around(at, self.backward.len())]
                .iter()
                .map(|(_, i)| *i),
        );
        picks.sort_unstable();
        picks.dedup();
        nearest(word, &w, picks.into_iter().map(pair))
    }
}

/// Quote a list of names for help text: `a`, `b` or `c`.
pub fn one_of(values: &[&str]) -> String {
    match values {
        [] => String::new(),
        [one] => format!("`{one}`"),
        _ => {
            let (last, rest) = values.split_last().unwrap_or((&"", &[]));
            let head: Vec<String> = rest.iter().map(|v| format!("`{v}`")).collect();
            format!("{} or `{last}`", head.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let keys = ["lead", "deputy", "sign_off", "sponsor", "confirmed"];
        assert_eq!(closest("leed", keys), Some("lead"));
        assert_eq!(closest("signoff", keys), Some("sign_off"));
        assert_eq!(closest("sign-off", keys), Some("sign_off"));
        assert_eq!(closest("confirm", keys), Some("confirmed"));
        assert_eq!(closest("budget", keys), None);
        let status = ["open", "done", "dropped"];
        assert_eq!(suggest_value("closed", &status), Some("done"));
        assert_eq!(suggest_value("opne", &status), Some("open"));
        assert_eq!(suggest_value("someday", &status), None);
    }

    /// [`closest`] before the length bound: every candidate measured.
    fn closest_before<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
        let w = fold(word);
        let mut best: Option<(usize, &'a str)> = None;
        for cand in candidates {
            let c = fold(cand);
            let d = if c == w {
                0
            } else {
                strsim::damerau_levenshtein(&w, &c)
            };
            let limit = (word.chars().count().max(cand.chars().count()) / 3).max(1);
            let prefix = !w.is_empty() && w.len() >= 3 && c.starts_with(&w);
            if (d <= limit || prefix) && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, cand));
            }
        }
        best.map(|(_, c)| c)
    }

    proptest::proptest! {
        #[test]
        fn the_length_bound_changes_no_suggestion(
            word in "[a-cA-C_ -]{0,9}",
            candidates in proptest::collection::vec("[a-c_-]{0,12}", 0..12),
        ) {
            let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
            let expected = closest_before(&word, &candidates);
            proptest::prop_assert_eq!(closest(&word, candidates.iter().copied()), expected);
            proptest::prop_assert_eq!(Nearby::new(candidates.iter().copied()).closest(&word), expected);
        }
    }

    #[test]
    fn a_large_set_finds_slips_at_either_end() {
        let ids: Vec<String> = (0..5000).map(|i| format!("partner-{i:05}")).collect();
        let nearby = Nearby::new(ids.iter().map(String::as_str));
        assert_eq!(nearby.closest("partner-01234x"), Some("partner-01234"));
        assert_eq!(nearby.closest("partner-0123"), Some("partner-00123"));
        assert_eq!(nearby.closest("xpartner-04321"), Some("partner-04321"));
        assert_eq!(nearby.closest("Partner_02222"), Some("partner-02222"));
        assert_eq!(nearby.closest("home-office"), None);
    }

    #[test]
    fn lists() {
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(one_of(&["a"]), "`a`");
    }
}
