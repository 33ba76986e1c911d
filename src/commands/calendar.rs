//! `collab calendar`: an iCalendar file of the campaign's dates.
//!
//! Loads the workspace and hands each campaign, with the day that is
//! "today" for it, to [`crate::calendar::calendar`]. With `--out FILE` the
//! calendar is written atomically; otherwise it goes to stdout. A
//! workspace with errors gives no calendar at all, as `collab render`.

use std::path::Path;

use super::{bound, print_stdout, write_inside};
use crate::campaign::Campaign;
use crate::cli::CalendarArgs;
use crate::load;
use crate::model::Date;
use crate::{Error, Options, Outcome};

pub fn run(cwd: &Path, opts: &Options, args: CalendarArgs) -> Result<Outcome, Error> {
    let ws = load::load(cwd, &[])?;
    let report = super::check_all(&ws, opts);
    if super::refuse_errors(&report, &super::stderr_style(cwd, opts)) {
        return Ok(Outcome::Failure);
    }
    let campaigns: Vec<(&Campaign, Date)> = ws
        .campaigns
        .iter()
        .map(|c| (c, opts.campaign_today(c)))
        .collect();
    let text = crate::calendar::calendar(&campaigns);
    match args.out {
        Some(path) => {
            let path = cwd.join(path);
            let root = bound(cwd, &path, path.parent().unwrap_or(cwd));
            write_inside(&root, &path, text.as_bytes())?;
            if !opts.quiet {
                let events = text.matches("\r\nBEGIN:VEVENT\r\n").count();
                eprintln!("wrote {events} event(s) to {}", path.display());
            }
        }
        None => print_stdout(&text)?,
    }
    Ok(Outcome::Success)
}
