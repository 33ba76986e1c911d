//! One module per subcommand. Each takes parsed arguments, does its work
//! through the library, and returns an [`crate::Outcome`].

pub mod calendar;
pub mod completions;
pub mod config;
pub mod convert;
pub mod init;
pub mod new;
pub mod render;
pub mod rules;
pub mod schema;
pub mod status;
pub mod validate;
pub mod workspace;

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::Error;
use crate::cli::{ColorChoice, Global};

/// Whether to colour what goes to stdout.
pub fn use_color(global: &Global) -> bool {
    match global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

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
        Err(e) => Err(Error::Failed(format!("could not write output: {e}"))),
    }
}

/// Check that collab may write in `dir` on behalf of the folder `root` (a
/// campaign, or an output folder named on the command line): `dir` must lie
/// inside `root`, and no folder from `root` down to `dir` may be a symbolic
/// link, which could lead anywhere on the machine.
pub fn check_inside(root: &Path, dir: &Path) -> Result<(), Error> {
    let root = crate::discover::normalize(root);
    let dir = crate::discover::normalize(dir);
    let Ok(rel) = dir.strip_prefix(&root) else {
        return Err(Error::Failed(format!(
            "{} is outside {}; collab only writes inside the campaign or the output folder",
            dir.display(),
            root.display()
        )));
    };
    let mut at = root.clone();
    for part in rel.components() {
        at.push(part);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::Failed(format!(
                "{} is a symbolic link; collab does not write through links",
                at.display()
            )));
        }
    }
    Ok(())
}

/// [`write_atomic`] for a file that must stay inside `root` (see
/// [`check_inside`]).
pub fn write_inside(root: &Path, path: &Path, contents: &[u8]) -> Result<(), Error> {
    check_inside(root, path.parent().unwrap_or(root))?;
    write_atomic(path, contents)
}

/// Write a file whole or not at all: write a temporary file beside it, then
/// rename it into place.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let fail =
        |e: std::io::Error| Error::Failed(format!("could not write {}: {e}", path.display()));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Never write through a symbolic link: it could point anywhere.
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::Failed(format!(
            "{} is a symbolic link; collab does not write through links",
            path.display()
        )));
    }
    let tmp = path.with_file_name(format!(".{name}.collab-tmp"));
    let written = (|| {
        use std::io::Write as _;
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(contents)?;
        // On disk before the rename, so a crash leaves the old file or the
        // new one, never half of one.
        file.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

/// Today's date: `--today` (or `COLLAB_TODAY`) when given, else the real
/// date in `timezone` (Europe/London when none is given or it is unknown).
pub fn today(global: &Global, timezone: Option<&str>) -> crate::model::Date {
    global.today.unwrap_or_else(|| real_today(timezone))
}

/// The real date now in `timezone` (Europe/London when none or unknown).
pub fn real_today(timezone: Option<&str>) -> crate::model::Date {
    let tz = jiff::tz::TimeZone::get(timezone.unwrap_or("Europe/London"))
        .unwrap_or(jiff::tz::TimeZone::UTC);
    crate::model::Date(jiff::Timestamp::now().to_zoned_datetime(tz).date())
}

/// Every check over a workspace, with `--today` applied.
pub fn check_all(ws: &crate::load::Workspace, global: &Global) -> crate::output::Report {
    validate::check_workspace(
        ws,
        &validate::Filter {
            today: global.today,
            ..validate::Filter::default()
        },
    )
}

/// Today for one campaign: `--today`, else the real date in its timezone.
pub fn campaign_today(global: &Global, campaign: &crate::campaign::Campaign) -> crate::model::Date {
    global
        .today
        .unwrap_or_else(|| real_today(campaign.settings().campaign().timezone.as_deref()))
}
