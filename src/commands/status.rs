//! `collab status`: the campaign at a glance in terminal tables, or the
//! same view as JSON.

use std::io::IsTerminal;
use std::path::Path;

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{ContentArrangement, Table};

use super::{print_stdout, print_terminal};
use crate::cli::{StatusArgs, StatusFormat};
use crate::load;
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
            };
            view::build(c, today, outside)
        })
        .collect();
    let text = match args.format {
        StatusFormat::Json => {
            let value = if views.len() == 1 {
                serde_json::to_value(&views[0])
            } else {
                serde_json::to_value(&views)
            };
            let mut s = value
                .and_then(|v| serde_json::to_string_pretty(&v))
                .unwrap_or_default();
            s.push('\n');
            s
        }
        StatusFormat::Human => {
            let width = terminal_width();
            let mut out = String::new();
            for v in &views {
                out.push_str(&human(v, width));
            }
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

/// A width set through `COLUMNS`, if any.
fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}

fn table(width: Option<u16>, header: &[&str]) -> Table {
    let mut t = Table::new();
    // On a terminal, fit the tables to its width; in a pipe or a log, keep
    // each row on one line so it can be searched.
    if std::io::stdout().is_terminal() {
        t.load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        // comfy-table measures the terminal itself; COLUMNS overrides it.
        if let Some(width) = width {
            t.set_width(width);
        }
    } else {
        t.load_preset(ASCII_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled);
    }
    t.set_header(header.iter().copied());
    t
}

fn or_dash(s: Option<&str>) -> String {
    s.unwrap_or("–").to_string()
}

/// The terminal rendering of one campaign.
pub fn human(v: &CampaignView, width: Option<u16>) -> String {
    let c = &v.campaign;
    let mut out = format!(
        "{} [{}] ({}, {})\nLead: {}   Launch: {}   Ends: {}   Today: {}\n\n",
        c.name,
        c.id,
        c.framework_label,
        c.classification,
        c.lead_name.as_deref().or(c.lead.as_deref()).unwrap_or("–"),
        or_dash(c.launch.as_deref()),
        or_dash(c.end.as_deref()),
        v.today
    );

    let mut t = table(width, &["Phase", "Step", "State", "Evidence"]);
    for phase in &v.routemap {
        for (i, s) in phase.steps.iter().enumerate() {
            let head = if i == 0 {
                format!("{} ({}/{})", phase.title, phase.done, phase.steps.len())
            } else {
                String::new()
            };
            let evidence = if s.source == "recorded" {
                format!("{} (collab.toml)", s.evidence)
            } else {
                s.evidence.clone()
            };
            t.add_row(vec![head, s.title.clone(), s.state_label.clone(), evidence]);
        }
    }
    out.push_str(&format!("Route-map\n{t}\n\n"));

    let mut t = table(width, &["Partner", "Sector", "Level", "Lead", "Confirmed"]);
    for p in &v.partners {
        t.add_row(vec![
            format!("{} ({})", p.name, p.id),
            or_dash(p.sector_label.as_deref()),
            or_dash(p.level_label.as_deref()),
            p.lead
                .as_ref()
                .and_then(|l| l.name.clone())
                .unwrap_or_else(|| "none".into()),
            p.confirmed.clone().unwrap_or_else(|| "not yet".into()),
        ]);
    }
    out.push_str(&format!("Partners\n{t}\n\n"));

    let mut t = table(width, &["Date", "What", "Kind", "Detail"]);
    for e in &v.upcoming {
        let date = match &e.end {
            Some(end) => format!("{} to {end}", e.date),
            None => e.date.clone(),
        };
        t.add_row(vec![
            date,
            e.title.clone(),
            e.kind.clone(),
            or_dash(e.detail.as_deref()),
        ]);
    }
    out.push_str(&format!(
        "Next milestones, meetings and blackout windows\n{t}\n\n"
    ));

    if v.open_actions.is_empty() {
        out.push_str("Open actions: none\n\n");
    } else {
        let mut t = table(width, &["Due", "Action", "Owner", "Meeting"]);
        for a in &v.open_actions {
            let due = match (&a.due, a.overdue) {
                (Some(d), true) => format!("{d} OVERDUE"),
                (Some(d), false) => d.clone(),
                (None, _) => "–".into(),
            };
            t.add_row(vec![
                due,
                format!("{} ({})", a.action, a.id),
                or_dash(a.owner_name.as_deref().or(a.owner.as_deref())),
                or_dash(a.meeting_title.as_deref()),
            ]);
        }
        out.push_str(&format!("Open actions\n{t}\n\n"));
    }

    let mut t = table(
        width,
        &[
            "Metric", "Stage", "Baseline", "Target", "Latest", "Progress",
        ],
    );
    for m in &v.metrics {
        t.add_row(vec![
            m.name.clone(),
            or_dash(m.stage_label.as_deref()),
            or_dash(m.baseline_text.as_deref()),
            or_dash(m.target_text.as_deref()),
            match (&m.latest_text, &m.latest_date) {
                (Some(t), Some(d)) => format!("{t} ({d})"),
                (Some(t), None) => t.clone(),
                _ => "–".into(),
            },
            m.progress.map_or("–".into(), |p| format!("{p}%")),
        ]);
    }
    out.push_str(&format!("Metrics against target\n{t}\n\n"));
    out
}
