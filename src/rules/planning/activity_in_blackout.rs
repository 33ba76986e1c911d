#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/activity-in-blackout.md"))]

use crate::campaign::{At, Located};
use crate::model::Date;
use crate::model::config::{Blackout, BlackoutKind};
use crate::model::plan::{Activity, ActivityKind, MilestoneType};
use crate::rule::Rule;
use crate::rules::{RuleContext, named};
use crate::source::{SourceText, Span};

/// A blackout window with both its dates.
pub(crate) struct Window<'a> {
    pub(crate) at: At<'a>,
    pub(crate) label: String,
    pub(crate) kind: Option<BlackoutKind>,
    start: Date,
    end: Date,
}

impl Window<'_> {
    /// Whether any day from `from` to `to` falls in the window.
    pub(crate) fn overlaps(&self, from: Date, to: Date) -> bool {
        from <= self.end && to.max(from) >= self.start
    }
}

/// Launches and publicity activities in any window. Meetings, `service`
/// activities (see `service-in-blackout`) and `internal` work are left
/// alone: the restrictions are on publicity, not on the work itself.
pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    // Like every planning rule, this looks at nothing without a plan.
    let Some(plan) = campaign.plan_at() else {
        return;
    };
    let windows = windows(&campaign.config.blackouts());
    let overlapping = |from: Date, to: Date| windows.iter().find(|w| w.overlaps(from, to));
    let info = campaign.config.info();
    if let Some(launch) = info.launch
        && let Some(w) = overlapping(launch, launch)
    {
        let message = format!("launch on {launch} falls in {}", w.label);
        let help = "move the launch out of the window";
        report(cx, w, info.at_field("launch"), message, help);
    }
    for m in plan.milestones() {
        // The campaign's own launch day is reported on collab.toml above.
        let Some(date) = m.date.filter(|d| Some(*d) != info.launch) else {
            continue;
        };
        if m.kind == Some(MilestoneType::Launch)
            && let Some(w) = overlapping(date, date)
        {
            let name = named("launch milestone", m.id.as_ref());
            let message = format!("{name} on {date} falls in {}", w.label);
            let help = "move the announcement out of the window";
            report(cx, w, m.at_field("date"), message, help);
        }
    }
    for a in plan.activities() {
        let Some((from, to)) = activity_dates(&a) else {
            continue;
        };
        if a.kind() == ActivityKind::Publicity
            && let Some(w) = overlapping(from, to)
        {
            let name = named("activity", a.id.as_ref());
            let message = format!("{name} ({from} to {to}) overlaps {}", w.label);
            let help = "move or shorten the activity so no day of it falls in the window, \
                        or mark it `kind: service` if it is a service people use";
            report(cx, w, a.at_span(activity_span(&a)), message, help);
        }
    }
}

/// An activity's first and last day, when it has either.
pub(crate) fn activity_dates(a: &Activity) -> Option<(Date, Date)> {
    let from = a.start.or(a.end)?;
    let to = a.end.or(a.start).unwrap_or(from);
    Some((from, to))
}

/// Reports something dated inside window `w`.
fn report(cx: &mut RuleContext<'_>, w: &Window<'_>, at: At<'_>, message: String, help: &str) {
    cx.report(Rule::ActivityInBlackout, at, message)
        .related(w.at, "the blackout window")
        .help(help);
}

pub(crate) fn windows<'a>(blackouts: &[Located<'a, Blackout>]) -> Vec<Window<'a>> {
    blackouts
        .iter()
        .filter_map(|b| {
            let (start, end) = (b.start?, b.end?);
            Some(Window {
                at: b.at(),
                label: format!(
                    "{} ({start} to {end})",
                    b.name.as_deref().unwrap_or("blackout window")
                ),
                kind: b.kind,
                start,
                end,
            })
        })
        .collect()
}

/// From the activity's first date to its last when both are on one line,
/// else its first date.
pub(crate) fn activity_span(a: &Located<'_, Activity>) -> Span {
    let start = a.span_of(if a.start.is_some() { "start" } else { "end" });
    let end = a.span_of(if a.end.is_some() { "end" } else { "start" });
    if start.end <= end.start && same_line(&a.file.source, start, end) {
        Span::new(start.start, end.end)
    } else {
        start
    }
}

fn same_line(src: &SourceText, a: Span, b: Span) -> bool {
    src.line_col(a.start).line == src.line_col(b.end).line
}
