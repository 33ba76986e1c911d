//! Human output: each finding as a miette diagnostic with the source
//! snippet and a label on the node, then a one-line summary. Theme and
//! width are fixed when colour is off, so logs and snapshots are stable.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, Severity,
    SourceCode,
};

use super::{Report, Style};
use crate::diagnostic::{Finding, Label, Level, SourceFile};
use crate::source::Span;
use crate::terminal::{Escaped, escape};

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

/// The files' texts as the terminal may see them (see [`crate::terminal`]),
/// each escaped once however many findings it has.
#[derive(Default)]
struct Snippets {
    escaped: HashMap<*const SourceFile, Arc<Escaped>>,
}

impl Snippets {
    fn get(&mut self, file: &Arc<SourceFile>) -> Arc<Escaped> {
        let text = file.source.text();
        Arc::clone(
            self.escaped
                .entry(Arc::as_ptr(file))
                .or_insert_with(|| Arc::new(Escaped::new(text))),
        )
    }

    fn named(&mut self, file: &Arc<SourceFile>) -> NamedSource<Arc<str>> {
        let name = escape(&file.display).into_owned();
        NamedSource::new(name, Arc::clone(&self.get(file).text)).with_language("yaml")
    }

    /// Labels show one line at most: a finding on a whole mapping points at
    /// its first line rather than printing every line of it.
    fn label_span(&mut self, file: &Arc<SourceFile>, span: Span) -> (usize, usize) {
        let s = file.source.first_line(span);
        let escaped = self.get(file);
        let start = escaped.map(s.start);
        (start, escaped.map(s.end) - start)
    }
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

fn shown(f: &Finding, snippets: &mut Snippets) -> Shown {
    let message = escape(&f.message).into_owned();
    let help = f.help.as_deref().map(|h| escape(h).into_owned());
    if line_too_long(&f.file, f.span) {
        let at = f.start();
        return Shown {
            message: format!(
                "{message} ({}:{}:{})",
                escape(&f.file.display),
                at.line,
                at.column
            ),
            code: Some(f.rule.to_string()),
            severity: severity(f.level),
            help,
            source: snippets.named(&f.file),
            labels: Vec::new(),
            related: Vec::new(),
        };
    }
    let primary = LabeledSpan::new_primary_with_span(
        Some(
            f.label
                .as_deref()
                .map_or("here".into(), |l| escape(l).into_owned()),
        ),
        snippets.label_span(&f.file, f.span),
    );
    let mut labels = vec![primary];
    let mut related = Vec::new();
    for Label { file, span, text } in &f.related {
        let text = escape(text).into_owned();
        if Arc::ptr_eq(file, &f.file) || file.path == f.file.path {
            labels.push(LabeledSpan::new_with_span(
                Some(text),
                snippets.label_span(file, *span),
            ));
        } else {
            related.push(Shown {
                message: text.clone(),
                code: None,
                severity: Severity::Advice,
                help: None,
                source: snippets.named(file),
                labels: vec![LabeledSpan::new_primary_with_span(
                    Some(text),
                    snippets.label_span(file, *span),
                )],
                related: Vec::new(),
            });
        }
    }
    Shown {
        message,
        code: Some(f.rule.to_string()),
        severity: severity(f.level),
        help,
        source: snippets.named(&f.file),
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
    let mut snippets = Snippets::default();
    for (i, f) in report.findings.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let diag = shown(f, &mut snippets);
        if handler.render_report(&mut out, &diag).is_err() {
            // Fall back to one plain line rather than lose the finding.
            let at = f.start();
            out.push_str(&format!(
                "{}:{}:{}: {} [{}] {}\n",
                escape(&f.file.display),
                at.line,
                at.column,
                f.level,
                f.rule,
                escape(&f.message)
            ));
        }
    }
    if !style.quiet {
        out.push_str(&report.summary_line());
        out.push('\n');
    }
    out
}
