//! One module per subcommand. Each takes parsed arguments, does its work
//! through the library, and returns an [`crate::Outcome`].

pub mod action_log;
pub mod calendar;
pub mod completions;
pub mod config;
pub mod convert;
pub mod export;
pub mod git;
pub mod import;
mod index_cache;
pub mod init;
pub mod lsp;
pub mod man;
pub mod new;
pub mod prompt;
pub mod rename;
pub mod render;
pub mod rules;
pub mod schema;
pub mod status;
pub mod validate;
pub mod workspace;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::{Error, Options};

/// Width for human output: the terminal's when there is one (via
/// `COLUMNS`), a fixed 100 otherwise so logs are stable.
pub fn output_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Some(cols) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
    {
        return cols;
    }
    100
}

/// Print text meant for a person reading a terminal: characters from the
/// files that a terminal would obey are shown escaped (see
/// [`crate::terminal`]).
pub fn print_terminal(text: &str) -> Result<(), Error> {
    print_stdout(&crate::terminal::escape(text))
}

/// Print a command's product to stdout.
pub fn print_stdout(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`collab validate | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Output(e)),
    }
}

/// Check that collab may write in `dir` on behalf of the folder `root`
/// (see [`crate::write::check_folder`]).
pub fn check_inside(root: &Path, dir: &Path) -> Result<(), Error> {
    Ok(crate::write::check_folder(root, dir)?)
}

/// Write a file that must stay inside `root` (see [`crate::write`]).
pub fn write_inside(root: &Path, path: &Path, contents: &[u8]) -> Result<(), Error> {
    Ok(crate::write::write_file(root, path, contents)?)
}

/// The folder that bounds writes to `target`, a path named on the command
/// line: the working folder when `target` lies inside it (so links inside
/// the repository are refused as everywhere else), else `fallback`, the
/// folder the user named outside it.
pub fn bound(cwd: &Path, target: &Path, fallback: &Path) -> PathBuf {
    let cwd = crate::discover::normalize(cwd);
    if crate::discover::normalize(target).starts_with(&cwd) {
        cwd
    } else {
        crate::discover::normalize(fallback)
    }
}

/// Every check over a workspace, with `--today` applied.
pub fn check_all(ws: &crate::load::Workspace, opts: &Options) -> crate::output::Report {
    crate::workspace_check::check_workspace(
        ws,
        &crate::workspace_check::Filter {
            today: opts.today,
            ..crate::workspace_check::Filter::default()
        },
    )
}

/// Only the errors of every campaign in `ws`: the rules at error level
/// run, the rest are skipped, so the count of errors is that of
/// [`check_all`] for less work.
pub fn check_errors(ws: &crate::load::Workspace, opts: &Options) -> crate::output::Report {
    crate::workspace_check::check_workspace(
        ws,
        &crate::workspace_check::Filter {
            today: opts.today,
            only_rules: crate::rules::error_rules(&ws.campaigns),
            ..crate::workspace_check::Filter::default()
        },
    )
}

/// How a command shows findings on stderr before it refuses or stops.
pub fn stderr_style(cwd: &Path, opts: &Options) -> crate::output::Style {
    crate::output::Style {
        color: opts.use_color() && std::io::stderr().is_terminal(),
        width: output_width(),
        quiet: opts.quiet,
        hints: !opts.quiet,
        paths: crate::output::Bases::here(cwd),
    }
}

/// Commands that write from a campaign (`render`, `calendar`) refuse one
/// with errors: print them and say nothing was written. `true` when it
/// refused.
pub fn refuse_errors(report: &crate::output::Report, style: &crate::output::Style) -> bool {
    if report.errors() == 0 {
        return false;
    }
    let text = crate::output::render(report, crate::output::Format::Human, style);
    eprint!("{text}");
    eprintln!("error: the campaign has errors; fix them first. Nothing was written.");
    true
}
