//! `--format concise`: one line per finding, `path:line:col: level[rule]
//! message`, for editors and `grep`. Vim's `errorformat` `%f:%l:%c: %m`
//! and Emacs' compilation mode read it as it is. Files are named from the
//! working folder, as in `human`. Nothing else goes to stdout; the command
//! prints the summary line to stderr (see `commands::validate`).

use super::{Report, Style};
use crate::diagnostic::Finding;

/// Text from the files on one line: control characters shown escaped (see
/// [`crate::terminal`]), and line feeds as `\n`, so one finding is one line.
fn one_line(text: &str) -> String {
    crate::terminal::escape(text).replace('\n', "\\n")
}

pub fn render(report: &Report, style: &Style) -> String {
    report.findings.iter().map(|f| line(f, style)).collect()
}

/// One finding as one line, ending in a line feed. `human` falls back to
/// it when a snippet cannot be drawn.
pub fn line(f: &Finding, style: &Style) -> String {
    let at = f.start();
    format!(
        "{}:{}:{}: {}[{}] {}\n",
        one_line(&style.paths.from_cwd(&f.file)),
        at.line,
        at.column,
        f.level,
        f.rule.id(),
        one_line(&f.message),
    )
}
