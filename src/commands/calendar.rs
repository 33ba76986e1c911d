//! `collab calendar`: an iCalendar file of the campaign's dates.
//!
//! Loads the workspace, builds each campaign's view (as `status` does) and
//! hands the views to [`crate::calendar::calendar`]. With `--out FILE` the
//! calendar is written atomically; otherwise it goes to stdout.

use std::path::Path;

use super::{bound, print_stdout, write_inside};
use crate::cli::CalendarArgs;
use crate::load;
use crate::view::{self, CampaignView, Outside};
use crate::{Error, Options, Outcome};

pub fn run(cwd: &Path, opts: &Options, args: CalendarArgs) -> Result<Outcome, Error> {
    let ws = load::load(cwd, &[])?;
    let views: Vec<CampaignView> = ws
        .campaigns
        .iter()
        .map(|c| {
            let today = opts.campaign_today(c);
            view::build(c, today, Outside::default())
        })
        .collect();
    let text = crate::calendar::calendar(&views);
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
