//! Human output: each finding as a miette diagnostic with the source
//! snippet and a label on the node, then a one-line summary. Theme and
//! width are fixed when colour is off, so logs and snapshots are stable.

use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, Severity,
    SourceCode,
};

use super::{Report, Style};
use crate::diagnostic::{Finding, Label, Level, SourceFile};
use crate::source::Span;

/// One finding (or a related place in another file) as miette sees it.
struct Shown {
    message: String,
    code: Option<String>,
    severity: Severity,
    help: Option<String>,
    source: NamedSource<Arc<str>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Shown>,
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c.as_str()) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.as_str()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
}

fn named(file: &SourceFile) -> NamedSource<Arc<str>> {
    NamedSource::new(file.display.clone(), file.source.shared()).with_language("yaml")
}

/// Labels show one line at most: a finding on a whole mapping points at its
/// first line rather than printing every line of it.
fn label_span(file: &SourceFile, span: Span) -> (usize, usize) {
    let s = file.source.first_line(span);
    (s.start, s.len())
}

/// Lines longer than this are not printed as a snippet.
const LONGEST_SNIPPET_LINE: usize = 400;

fn line_too_long(file: &SourceFile, span: Span) -> bool {
    let text = file.source.text();
    let at = span.start.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    end - start > LONGEST_SNIPPET_LINE
}

fn severity(level: Level) -> Severity {
    match level {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
    }
}

fn shown(f: &Finding) -> Shown {
    if line_too_long(&f.file, f.span) {
        let at = f.start();
        return Shown {
            message: format!(
                "{} ({}:{}:{})",
                f.message, f.file.display, at.line, at.column
            ),
            code: Some(f.rule.to_string()),
            severity: severity(f.level),
            help: f.help.clone(),
            source: named(&f.file),
            labels: Vec::new(),
            related: Vec::new(),
        };
    }
    let primary = LabeledSpan::new_primary_with_span(
        Some(f.label.clone().unwrap_or_else(|| "here".into())),
        label_span(&f.file, f.span),
    );
    let mut labels = vec![primary];
    let mut related = Vec::new();
    for Label { file, span, text } in &f.related {
        if Arc::ptr_eq(file, &f.file) || file.path == f.file.path {
            labels.push(LabeledSpan::new_with_span(
                Some(text.clone()),
                label_span(file, *span),
            ));
        } else {
            related.push(Shown {
                message: text.clone(),
                code: None,
                severity: Severity::Advice,
                help: None,
                source: named(file),
                labels: vec![LabeledSpan::new_primary_with_span(
                    Some(text.clone()),
                    label_span(file, *span),
                )],
                related: Vec::new(),
            });
        }
    }
    Shown {
        message: f.message.clone(),
        code: Some(f.rule.to_string()),
        severity: match f.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
        },
        help: f.help.clone(),
        source: named(&f.file),
        labels,
        related,
    }
}

pub fn render(report: &Report, style: &Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_wrap_lines(false)
        .with_context_lines(1);
    let mut out = String::new();
    for (i, f) in report.findings.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let diag = shown(f);
        if handler.render_report(&mut out, &diag).is_err() {
            // Fall back to one plain line rather than lose the finding.
            let at = f.start();
            out.push_str(&format!(
                "{}:{}:{}: {} [{}] {}\n",
                f.file.display, at.line, at.column, f.level, f.rule, f.message
            ));
        }
    }
    if !style.quiet {
        out.push_str(&report.summary_line());
        out.push('\n');
    }
    out
}
