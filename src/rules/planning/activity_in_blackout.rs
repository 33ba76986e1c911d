#![cfg_attr(not(doctest), doc = include_str!("../../../docs/rules/activity-in-blackout.md"))]

use crate::campaign::{At, Located};
use crate::model::Date;
use crate::model::config::Blackout;
use crate::rule::Rule;
use crate::rules::{RuleContext, named};
use crate::source::{SourceText, Span};

/// A blackout window with both its dates.
struct Window<'a> {
    at: At<'a>,
    label: String,
    start: Date,
    end: Date,
}

pub(crate) fn check(cx: &mut RuleContext<'_>) {
    let campaign = cx.campaign;
    // Like every planning rule, this looks at nothing without a plan.
    let Some(plan) = campaign.plan_at() else {
        return;
    };
    let windows = windows(&campaign.config.blackouts());
    let overlapping =
        |from: Date, to: Date| windows.iter().find(|w| from <= w.end && to >= w.start);
    let info = campaign.config.info();
    if let Some(launch) = info.launch
        && let Some(w) = overlapping(launch, launch)
    {
        let message = format!("launch on {launch} falls in {}", w.label);
        let help = "move the launch out of the window";
        report(cx, w, info.at_field("launch"), message, help);
    }
    for a in plan.activities() {
        let Some(from) = a.start.or(a.end) else {
            continue;
        };
        let to = a.end.or(a.start).unwrap_or(from);
        if let Some(w) = overlapping(from, to.max(from)) {
            let name = named("activity", a.id.as_ref());
            let message = format!("{name} ({from} to {to}) overlaps {}", w.label);
            let help = "move or shorten the activity so no day of it falls in the window";
            report(cx, w, a.at_span(activity_span(&a)), message, help);
        }
    }
    for meeting in campaign.meetings_at() {
        let Some(date) = meeting.date.map(|d| d.date()) else {
            continue;
        };
        if let Some(w) = overlapping(date, date) {
            let name = named("meeting", meeting.id.as_ref());
            let message = format!("{name} on {date} falls in {}", w.label);
            let help = "move the meeting out of the window";
            report(cx, w, meeting.at_field("date"), message, help);
        }
    }
}

/// Reports something dated inside window `w`.
fn report(cx: &mut RuleContext<'_>, w: &Window<'_>, at: At<'_>, message: String, help: &str) {
    cx.report(Rule::ActivityInBlackout, at, message)
        .related(w.at, "the blackout window")
        .help(help);
}

fn windows<'a>(blackouts: &[Located<'a, Blackout>]) -> Vec<Window<'a>> {
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
                start,
                end,
            })
        })
        .collect()
}

/// From the activity's first date to its last when both are on one line,
/// else its first date.
fn activity_span(a: &Located<'_, crate::model::plan::Activity>) -> Span {
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
