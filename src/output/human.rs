//! Human output: each finding as a miette diagnostic with the source
//! snippet and a label on the node, then a one-line summary. Theme and
//! width are fixed when colour is off, so logs and snapshots are stable.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, NamedSource, Severity, SourceCode, SourceSpan, SpanContents,
};

use super::{Bases, Report, Style};
use crate::diagnostic::{Finding, Label, Level, SourceFile};
use crate::source::{SourceText, Span};
use crate::terminal::{Escaped, escape};

/// One finding (or a related place in another file) as miette sees it.
struct Shown {
    message: String,
    code: Option<String>,
    severity: Severity,
    help: Option<String>,
    source: NamedSource<Excerpt>,
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

/// A file's text as miette reads it for a snippet. miette's own reading of
/// a `str` counts lines from the top of the file for every snippet, which
/// made printing many findings of a large file cost the square of its size;
/// this hands miette only the lines around the span, found with the line
/// index, and puts the snippet back at its place in the file.
struct Excerpt(SourceText);

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.0.text();
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        // One line more than asked on each side, so miette sees the same
        // line breaks around the snippet as in the whole text.
        let first = self
            .0
            .line_col(start)
            .line
            .saturating_sub(before + 1)
            .max(1);
        let last = self.0.line_col(end).line + after + 2;
        let from = self.0.offset_of(first, 1).min(start);
        let to = self.0.offset_of(last, 1).max(end);
        let part = &text[from..to];
        let inner = part.read_span(
            &SourceSpan::new((start - from).into(), span.len()),
            before,
            after,
        )?;
        Ok(Box::new(MietteSpanContents::new(
            inner.data(),
            SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
            inner.line() + first - 1,
            inner.column(),
            inner.line_count() + first - 1,
        )))
    }
}

/// A file's text as the terminal may see it (see [`crate::terminal`]), with
/// the line index of that escaped text.
struct Snippet {
    escaped: Escaped,
    source: SourceText,
}

/// The files' snippets, each file escaped once however many findings it has.
#[derive(Default)]
struct Snippets {
    escaped: HashMap<*const SourceFile, Arc<Snippet>>,
    /// Each file's name from the working folder, escaped.
    names: HashMap<*const SourceFile, String>,
}

impl Snippets {
    fn get(&mut self, file: &Arc<SourceFile>) -> Arc<Snippet> {
        let text = file.source.text();
        Arc::clone(self.escaped.entry(Arc::as_ptr(file)).or_insert_with(|| {
            let escaped = Escaped::new(text);
            let source = SourceText::new(escaped.text.to_string());
            Arc::new(Snippet { escaped, source })
        }))
    }

    fn named(&mut self, file: &Arc<SourceFile>, paths: &Bases) -> NamedSource<Excerpt> {
        let name = self
            .names
            .entry(Arc::as_ptr(file))
            .or_insert_with(|| escape(&paths.from_cwd(file)).into_owned())
            .clone();
        NamedSource::new(name, Excerpt(self.get(file).source.clone())).with_language("yaml")
    }

    /// Labels show one line at most: a finding on a whole mapping points at
    /// its first line rather than printing every line of it.
    fn label_span(&mut self, file: &Arc<SourceFile>, span: Span) -> (usize, usize) {
        let s = file.source.first_line(span);
        let snippet = self.get(file);
        let start = snippet.escaped.map(s.start);
        (start, snippet.escaped.map(s.end) - start)
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

/// `quiet` (`-q`) leaves out the `help:` hints.
fn shown(f: &Finding, snippets: &mut Snippets, paths: &Bases, quiet: bool) -> Shown {
    let message = escape(&f.message).into_owned();
    let help = f
        .help
        .as_deref()
        .filter(|_| !quiet)
        .map(|h| escape(h).into_owned());
    if line_too_long(&f.file, f.span) {
        let at = f.start();
        return Shown {
            message: format!(
                "{message} ({}:{}:{})",
                escape(&paths.from_cwd(&f.file)),
                at.line,
                at.column
            ),
            code: Some(f.rule.to_string()),
            severity: severity(f.level),
            help,
            source: snippets.named(&f.file, paths),
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
                source: snippets.named(file, paths),
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
        source: snippets.named(&f.file, paths),
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
        let diag = shown(f, &mut snippets, &style.paths, !style.hints);
        if handler.render_report(&mut out, &diag).is_err() {
            // Fall back to one plain line rather than lose the finding.
            out.push_str(&super::concise::line(f, style));
        }
    }
    if !style.quiet {
        out.push_str(&report.summary_line());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The excerpt gives miette the same snippet, at the same place, as
    /// the whole text would.
    #[test]
    fn an_excerpt_reads_as_the_whole_text() {
        let long: String = (0..40)
            .map(|i| format!("key{i}: {}\n", "v".repeat(i % 7)))
            .collect();
        let texts = [
            "a: 1\nb:\n  - x\n\n  - { y: 2 }\n# c\nlast: line",
            "a: 1\r\nb: 2\r\n\r\nc: 3\r\n",
            "kind: plan\nnotes: é ü\n  more\n",
            "",
            &long,
        ];
        for text in texts {
            let excerpt = Excerpt(SourceText::new(text.to_string()));
            for start in 0..=text.len() {
                for len in [0, 1, 3, 9, 40] {
                    let span = SourceSpan::new(start.into(), len.min(text.len() - start));
                    for (before, after) in [(0, 0), (1, 1), (2, 3)] {
                        let want = text.read_span(&span, before, after);
                        let got = excerpt.read_span(&span, before, after);
                        match (want, got) {
                            (Ok(w), Ok(g)) => {
                                let at = format!("{text:?} {span:?} {before} {after}");
                                assert_eq!(g.data(), w.data(), "{at}");
                                assert_eq!(g.span(), w.span(), "{at}");
                                assert_eq!(g.line(), w.line(), "{at}");
                                assert_eq!(g.column(), w.column(), "{at}");
                                assert_eq!(g.line_count(), w.line_count(), "{at}");
                            }
                            (Err(_), Err(_)) => {}
                            (w, g) => {
                                panic!("{text:?} {span:?}: {:?} vs {:?}", w.is_ok(), g.is_ok())
                            }
                        }
                    }
                }
            }
        }
    }
}
