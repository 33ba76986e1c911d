//! `collab action list`: the action log across a campaign's meetings, as a
//! table, JSON or CSV. Reads only; the listing itself is
//! [`crate::view::action_log`].

use std::io::IsTerminal;
use std::path::Path;

use super::{print_stdout, print_terminal};
use crate::campaign::Campaign;
use crate::cli::{ActionListArgs, ActionListFormat};
use crate::load;
use crate::view::action_log::{self, Filter, Query};
use crate::view::status::Screen;
use crate::{Error, Lookup, Options, Outcome};

pub fn run(cwd: &Path, opts: &Options, args: ActionListArgs) -> Result<Outcome, Error> {
    let ws = load::load(cwd, &[])?;
    let query = Query {
        owner: args.owner.clone(),
        filter: filter(&args),
    };
    let mut actions = Vec::new();
    for c in &ws.campaigns {
        if let Some(owner) = &query.owner {
            check_owner(c, owner)?;
        }
        actions.extend(action_log::list(c, opts.campaign_today(c), &query));
    }
    match args.format {
        ActionListFormat::Json => print_stdout(&action_log::json(&actions))?,
        ActionListFormat::Csv => {
            let text = action_log::csv(&actions)
                .map_err(|why| Error::Sheet(format!("could not write the CSV: {why}")))?;
            print_stdout(&text)?;
        }
        ActionListFormat::Human => {
            let screen = Screen {
                terminal: std::io::stdout().is_terminal(),
                width: std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()),
            };
            print_terminal(&action_log::human(&actions, screen))?;
        }
    }
    Ok(Outcome::Success)
}

fn filter(args: &ActionListArgs) -> Filter {
    match (args.open, args.overdue, args.due_within) {
        (_, _, Some(days)) => Filter::DueWithin(days),
        (_, true, _) => Filter::Overdue,
        (true, _, _) => Filter::Open,
        _ => Filter::All,
    }
}

/// Refuse an owner that is not one of the campaign's partners, suggesting
/// the nearest id.
pub(super) fn check_owner(c: &Campaign, owner: &str) -> Result<(), Error> {
    let known: Vec<&str> = c
        .partners()
        .filter_map(|(_, _, p)| p.id.as_ref().map(|i| i.as_str()))
        .collect();
    if known.contains(&owner) {
        return Ok(());
    }
    Err(Error::not_found(Lookup::Partner, owner, known))
}
