//! `collab calendar`: an iCalendar file of the campaign's dates.

use std::path::Path;

use crate::cli::{CalendarArgs, Global};
use crate::{Error, Outcome};

pub fn run(_cwd: &Path, _global: &Global, _args: CalendarArgs) -> Result<Outcome, Error> {
    Err(Error::Failed("collab calendar is being built".into()))
}
