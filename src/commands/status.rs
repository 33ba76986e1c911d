//! `collab status`: the campaign at a glance in terminal tables, or the
//! same view as JSON; with `--timeline`, the timeline as a Gantt chart.

use std::io::IsTerminal;
use std::path::Path;

use super::{print_stdout, print_terminal};
use crate::cli::{StatusArgs, StatusFormat, TimelineGroup};
use crate::load;
use crate::view::status::{self, Screen};
use crate::view::{self, CampaignView, Outside, gantt};
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
    if args.timeline {
        let charts: Vec<gantt::Gantt> = match args.group_by {
            TimelineGroup::Owner => views.into_iter().map(|v| v.gantt).collect(),
            TimelineGroup::Channel => ws
                .campaigns
                .iter()
                .map(|c| gantt::build_by(c, opts.campaign_today(c), gantt::GroupBy::Channel))
                .collect(),
        };
        return timeline(&charts, &args);
    }
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

/// `status --timeline`: each campaign's Gantt chart, in the terminal's
/// width (COLUMNS when set), or its layout model as JSON.
fn timeline(charts: &[gantt::Gantt], args: &StatusArgs) -> Result<Outcome, Error> {
    match args.format {
        StatusFormat::Json => print_stdout(&gantt_json(charts))?,
        StatusFormat::Human => {
            let width = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse().ok())
                .unwrap_or_else(super::output_width);
            let ascii = args.ascii || !utf8_locale(|k| std::env::var(k).ok());
            let text: Vec<String> = charts
                .iter()
                .map(|g| gantt::terminal(g, width, ascii))
                .collect();
            print_terminal(&text.join("\n"))?;
        }
    }
    Ok(Outcome::Success)
}

/// The charts as JSON: one object for one campaign, a list for several.
fn gantt_json(charts: &[gantt::Gantt]) -> String {
    let value = match charts {
        [one] => serde_json::to_value(one),
        _ => serde_json::to_value(charts),
    };
    let mut s = value
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_default();
    s.push('\n');
    s
}

/// Whether the locale says UTF-8: the first of LC_ALL, LC_CTYPE and LANG
/// that is set decides; with none set (the C locale) it does not.
fn utf8_locale(var: impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| var(k).filter(|v| !v.is_empty()))
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}

#[cfg(test)]
mod tests {
    use super::utf8_locale;

    #[test]
    fn the_first_locale_variable_set_decides() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(utf8_locale(env(&[("LANG", "en_GB.UTF-8")])));
        assert!(utf8_locale(env(&[("LC_ALL", "C.utf8"), ("LANG", "C")])));
        assert!(!utf8_locale(env(&[
            ("LC_ALL", "C"),
            ("LANG", "en_GB.UTF-8")
        ])));
        assert!(!utf8_locale(env(&[("LC_CTYPE", ""), ("LANG", "POSIX")])));
        assert!(!utf8_locale(env(&[])));
    }
}
