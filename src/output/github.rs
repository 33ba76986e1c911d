//! `--format github`: GitHub Actions workflow commands, so findings appear
//! as annotations on the pull request's files.

use super::{Report, Style};
use crate::diagnostic::Level;

/// Escape a workflow command's message. Control characters from the files
/// are shown escaped first (the runner's log is a terminal too), then the
/// workflow command's own escapes apply.
fn escape_data(s: &str) -> String {
    crate::terminal::escape(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow command's property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report, style: &Style) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let start = f.start();
        let end = f.end();
        let command = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let path = style.paths.from_repository(&f.file);
        let mut message = f.message.clone();
        if let Some(help) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&path),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(f.rule.id()),
            escape_data(&message)
        ));
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

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(escape_data("key\u{1b}[2J"), "key\\u{1b}[2J");
    }
}
