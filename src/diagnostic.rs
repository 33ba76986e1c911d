//! The one diagnostic type. Loading, the schema check and every rule produce
//! [`Finding`]s; every output format prints them.

use std::cmp::Ordering;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

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

/// A file findings point into: its path as shown to the user and its text.
#[derive(Debug)]
pub struct SourceFile {
    /// Path shown in reports: relative to where the command ran, `/`-separated.
    pub display: String,
    /// Path on disk.
    pub path: PathBuf,
    pub source: SourceText,
}

impl SourceFile {
    pub fn new(display: String, path: PathBuf, text: String) -> Arc<Self> {
        Arc::new(SourceFile {
            display,
            path,
            source: SourceText::new(text),
        })
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
    pub rule: &'static str,
    pub level: Level,
    pub file: Arc<SourceFile>,
    pub span: Span,
    pub message: String,
    /// Text on the primary label; the message is used when absent.
    pub label: Option<String>,
    pub help: Option<String>,
    pub related: Vec<Label>,
}

impl Finding {
    pub fn new(
        rule: &'static str,
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
        }
    }

    /// A structure finding: always an error.
    pub fn error(
        rule: &'static str,
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
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (
            &self.file.display,
            self.span.start,
            self.span.end,
            self.rule,
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
        a.rule == b.rule
            && a.span == b.span
            && a.message == b.message
            && a.file.display == b.file.display
    });
}

/// The edit distance suggestion used by every "did you mean" help.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let norm = |s: &str| s.to_lowercase().replace(['-', ' ', '_'], "");
    let w = norm(word);
    let mut best: Option<(usize, &'a str)> = None;
    for cand in candidates {
        let c = norm(cand);
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
    }

    #[test]
    fn lists() {
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(one_of(&["a"]), "`a`");
    }
}
