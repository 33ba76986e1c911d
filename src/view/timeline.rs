//! The timeline: milestones, meetings and blackout windows in date order.

use super::text::date;
use super::{BlackoutView, MeetingView, PlanView, TimelineEntry};
use crate::campaign::Campaign;
use crate::model::Date;

/// How many entries `upcoming` holds at most.
const UPCOMING: usize = 8;

pub fn blackouts(campaign: &Campaign) -> Vec<BlackoutView> {
    campaign
        .settings()
        .blackout
        .iter()
        .map(|b| BlackoutView {
            name: b.name.clone(),
            kind: b.kind.map(|k| k.as_str().to_string()),
            start: date(b.start),
            end: date(b.end),
        })
        .collect()
}

/// Every dated milestone, meeting and blackout window, by date, kind and
/// title.
pub fn entries(
    plan: &PlanView,
    meetings: &[MeetingView],
    blackouts: &[BlackoutView],
) -> Vec<TimelineEntry> {
    let milestones = plan.milestones.iter().filter_map(|m| {
        Some(TimelineEntry {
            date: m.date.clone()?,
            end: None,
            kind: "milestone".into(),
            title: m.name.clone(),
            detail: m.type_label.clone(),
        })
    });
    let meetings = meetings.iter().filter_map(|m| {
        Some(TimelineEntry {
            date: m.date.as_ref()?[..10].to_string(),
            end: None,
            kind: "meeting".into(),
            title: m.title.clone(),
            detail: m.time.clone().map(|t| match &m.location {
                Some(l) => format!("{t}, {l}"),
                None => t,
            }),
        })
    });
    let blackouts = blackouts.iter().filter_map(|b| {
        Some(TimelineEntry {
            date: b.start.clone()?,
            end: b.end.clone(),
            kind: "blackout".into(),
            title: b.name.clone().unwrap_or_else(|| "Blackout window".into()),
            detail: b.kind.as_deref().map(super::label),
        })
    });
    let mut timeline: Vec<TimelineEntry> = milestones.chain(meetings).chain(blackouts).collect();
    timeline.sort_by(|a, b| (&a.date, &a.kind, &a.title).cmp(&(&b.date, &b.kind, &b.title)));
    timeline
}

/// The next entries from `today`: those not yet over.
pub fn upcoming(timeline: &[TimelineEntry], today: Date) -> Vec<TimelineEntry> {
    let today = today.to_string();
    timeline
        .iter()
        .filter(|e| e.end.as_deref().unwrap_or(&e.date) >= today.as_str())
        .take(UPCOMING)
        .cloned()
        .collect()
}
