//! `collab status` as text: the campaign at a glance in tables, or the
//! same view as JSON. Pure: the command says whether the output goes to a
//! terminal and how wide it is, and prints the string this returns.

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{ContentArrangement, Table};

use super::progress::Position;
use super::{CampaignView, MetricView};
use crate::model::routemap::Source;

/// Where the tables are going.
#[derive(Debug, Clone, Copy, Default)]
pub struct Screen {
    /// A terminal: tables are fitted to its width. Otherwise (a pipe or a
    /// log) each row stays on one line so it can be searched.
    pub terminal: bool,
    /// A width to fit to, overriding the one comfy-table measures.
    pub width: Option<u16>,
}

/// The views as JSON: one object for one campaign, a list for several.
pub fn json(views: &[CampaignView]) -> String {
    let value = if views.len() == 1 {
        serde_json::to_value(&views[0])
    } else {
        serde_json::to_value(views)
    };
    let mut s = value
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_default();
    s.push('\n');
    s
}

/// The terminal rendering of one campaign.
pub fn human(v: &CampaignView, screen: Screen) -> String {
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
    out.push_str(&format!("Route-map\n{}\n\n", routemap(v, screen)));
    out.push_str(&format!("Partners\n{}\n\n", partners(v, screen)));
    out.push_str(&format!(
        "Next milestones, meetings and blackout windows\n{}\n\n",
        upcoming(v, screen)
    ));
    match actions(v, screen) {
        None => out.push_str("Open actions: none\n\n"),
        Some(t) => out.push_str(&format!("Open actions\n{t}\n\n")),
    }
    out.push_str(&format!(
        "Metrics against target\n{}\n\n",
        metrics(v, screen)
    ));
    match risks(v, screen) {
        None => out.push_str("Open risks: none recorded\n\n"),
        Some(t) => out.push_str(&format!("Open risks, highest impact first\n{t}\n\n")),
    }
    out
}

pub(super) fn table(screen: Screen, header: &[&str]) -> Table {
    let mut t = Table::new();
    if screen.terminal {
        t.load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if let Some(width) = screen.width {
            t.set_width(width);
        }
    } else {
        t.load_preset(ASCII_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled);
    }
    t.set_header(header.iter().copied());
    t
}

/// A value, or a dash for none.
pub(crate) fn or_dash(s: Option<&str>) -> String {
    s.unwrap_or("–").to_string()
}

fn routemap(v: &CampaignView, screen: Screen) -> Table {
    let mut t = table(screen, &["Phase", "Step", "State", "Evidence"]);
    for phase in &v.routemap {
        for (i, s) in phase.steps.iter().enumerate() {
            let head = if i == 0 {
                format!("{} ({}/{})", phase.title, phase.done, phase.steps.len())
            } else {
                String::new()
            };
            let evidence = match s.source {
                Source::Recorded => format!("{} (collab.toml)", s.evidence),
                Source::Files => s.evidence.clone(),
            };
            t.add_row(vec![head, s.title.clone(), s.state_label.clone(), evidence]);
        }
    }
    t
}

fn partners(v: &CampaignView, screen: Screen) -> Table {
    let mut t = table(screen, &["Partner", "Sector", "Level", "Lead", "Confirmed"]);
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
    t
}

fn upcoming(v: &CampaignView, screen: Screen) -> Table {
    let mut t = table(screen, &["Date", "What", "Kind", "Detail"]);
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
    t
}

/// The open actions, or `None` when there are none.
fn actions(v: &CampaignView, screen: Screen) -> Option<Table> {
    if v.open_actions.is_empty() {
        return None;
    }
    let mut t = table(screen, &["Due", "Action", "Owner", "Meeting"]);
    for a in &v.open_actions {
        t.add_row(vec![
            a.due_label(),
            format!("{} ({})", a.action, a.id),
            or_dash(a.owner_name.as_deref().or(a.owner.as_deref())),
            or_dash(a.meeting_title.as_deref()),
        ]);
    }
    Some(t)
}

/// The risks as the view orders them, or `None` when none are recorded.
fn risks(v: &CampaignView, screen: Screen) -> Option<Table> {
    if v.risks.is_empty() {
        return None;
    }
    let header = ["Impact", "Likelihood", "Risk", "Barrier", "Owner", "Review"];
    let mut t = table(screen, &header);
    for r in &v.risks {
        let what = match &r.description {
            Some(d) => format!("{d} ({})", r.id),
            None => r.id.clone(),
        };
        t.add_row(vec![
            or_dash(r.impact_label.as_deref()),
            or_dash(r.likelihood_label.as_deref()),
            what,
            or_dash(r.barrier_label.as_deref()),
            r.owner_name
                .clone()
                .or_else(|| r.owner.clone())
                .unwrap_or_else(|| "none".into()),
            or_dash(r.review.as_deref()),
        ]);
    }
    Some(t)
}

fn metrics(v: &CampaignView, screen: Screen) -> Table {
    let header = [
        "Metric",
        "Stage",
        "Baseline",
        "Target",
        "Latest",
        "Progress",
        "Against path",
    ];
    let mut t = table(screen, &header);
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
            against_path(m, screen.terminal),
        ]);
    }
    t
}

/// "↑ Ahead (path 35%)": the judgement with its arrow (ASCII off a
/// terminal, like the table borders).
fn against_path(m: &MetricView, unicode: bool) -> String {
    let arrow = Position::parse(&m.position).map_or("", |p| p.arrow(unicode));
    let mut s = if arrow.is_empty() {
        m.position_label.clone()
    } else {
        format!("{arrow} {}", m.position_label)
    };
    if let Some(e) = &m.expected_text {
        s.push_str(&format!(" (path {e})"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_judgement_has_a_unicode_arrow_on_a_terminal_and_ascii_in_a_pipe() {
        assert_eq!(Position::Ahead.arrow(true), "↑");
        assert_eq!(Position::OnTrack.arrow(true), "→");
        assert_eq!(Position::Behind.arrow(true), "↓");
        assert_eq!(Position::Behind.arrow(false), "v");
        assert_eq!(Position::NoFigures.arrow(true), "");
    }
}
