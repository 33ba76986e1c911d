//! `collab status`: the campaign at a glance in terminal tables, or the
//! same view as JSON.

use std::io::IsTerminal;
use std::path::Path;

use super::{print_stdout, print_terminal};
use crate::cli::{StatusArgs, StatusFormat};
use crate::load;
use crate::view::status::{self, Screen};
use crate::view::{self, CampaignView, Outside};
use crate::{Error, Options, Outcome};

pub fn run(cwd: &Path, opts: &Options, args: StatusArgs) -> Result<Outcome, Error> {
    let ws = load::load(cwd, &[])?;
    let report = super::check_all(&ws, opts);
    let views: Vec<CampaignView> = ws
        .campaigns
        .iter()
        .map(|c| {
            let today = opts.campaign_today(c);
            let out = c.root.join(c.settings().out_dir());
            let outside = Outside {
                partner_pack_rendered: out.join("partner.html").is_file()
                    || out.join("partner.md").is_file(),
                last_update: super::render::last_update(&c.root, today),
            };
            view::build(c, today, outside)
        })
        .collect();
    let text = match args.format {
        StatusFormat::Json => status::json(&views),
        StatusFormat::Human => {
            // On a terminal the tables fit its width (COLUMNS overrides
            // what comfy-table measures); in a pipe each row is one line.
            let screen = Screen {
                terminal: std::io::stdout().is_terminal(),
                width: std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()),
            };
            let mut out: String = views.iter().map(|v| status::human(v, screen)).collect();
            if !opts.quiet {
                out.push_str(&format!(
                    "Checks: {} (run `collab validate` for details)\n",
                    report.summary_line()
                ));
            }
            out
        }
    };
    match args.format {
        StatusFormat::Json => print_stdout(&text)?,
        StatusFormat::Human => print_terminal(&text)?,
    }
    Ok(Outcome::Success)
}
