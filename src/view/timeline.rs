//! The timeline: milestones, meetings and blackout windows in date order.
//! Entries keep their dates typed until the view writes them out.

use serde::Serialize;

use super::meetings;
use super::{BlackoutView, TimelineEntry};
use crate::campaign::Campaign;
use crate::model::Date;
use crate::model::meeting::Meeting;
use crate::model::plan::Milestone;

/// How many entries `upcoming` holds at most.
const UPCOMING: usize = 8;

/// What a timeline entry is. Declared in the order entries on the same day
/// are listed (by key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Blackout,
    Meeting,
    Milestone,
}

impl EntryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Blackout => "blackout",
            EntryKind::Meeting => "meeting",
            EntryKind::Milestone => "milestone",
        }
    }
}

/// One dated thing on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub date: Date,
    /// The last day, for a window.
    pub end: Option<Date>,
    pub kind: EntryKind,
    pub title: String,
    pub detail: Option<String>,
}

impl Entry {
    pub(super) fn view(&self) -> TimelineEntry {
        TimelineEntry {
            date: self.date.to_string(),
            end: self.end.map(|d| d.to_string()),
            kind: self.kind.as_str().to_string(),
            title: self.title.clone(),
            detail: self.detail.clone(),
        }
    }
}

pub fn blackouts(campaign: &Campaign) -> Vec<BlackoutView> {
    campaign
        .settings()
        .blackout
        .iter()
        .map(|b| BlackoutView {
            name: b.name.clone(),
            kind: b.kind.map(|k| k.as_str().to_string()),
            start: b.start.map(|d| d.to_string()),
            end: b.end.map(|d| d.to_string()),
        })
        .collect()
}

/// Every dated milestone, meeting and blackout window of the campaign, by
/// date, kind and title.
pub fn dated(campaign: &Campaign) -> Vec<Entry> {
    let plan = campaign.plan().map(|(_, p)| p);
    // Milestones by date and id first, as the plan lists them, so entries
    // alike in date, kind and title keep that order.
    let mut milestones: Vec<&Milestone> = plan
        .map(|p| p.milestones())
        .unwrap_or_default()
        .iter()
        .collect();
    milestones.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let meetings = campaign.meetings_by_date();
    let blackouts = campaign.settings().blackout.iter().filter_map(|b| {
        Some(Entry {
            date: b.start?,
            end: b.end,
            kind: EntryKind::Blackout,
            title: b.name.clone().unwrap_or_else(|| "Blackout window".into()),
            detail: b.kind.map(|k| k.label()),
        })
    });
    let mut entries: Vec<Entry> = milestones
        .iter()
        .filter_map(|m| milestone(m))
        .chain(meetings.iter().filter_map(|m| meeting(m)))
        .chain(blackouts)
        .collect();
    entries.sort_by(|a, b| (a.date, a.kind, &a.title).cmp(&(b.date, b.kind, &b.title)));
    entries
}

fn milestone(m: &Milestone) -> Option<Entry> {
    Some(Entry {
        date: m.date?,
        end: None,
        kind: EntryKind::Milestone,
        title: m.name.clone().unwrap_or_default(),
        detail: m.kind.map(|k| k.label()),
    })
}

fn meeting(m: &Meeting) -> Option<Entry> {
    let at = m.date?;
    let time = at.0.strftime("%H:%M").to_string();
    Some(Entry {
        date: at.date(),
        end: None,
        kind: EntryKind::Meeting,
        title: meetings::title(m),
        detail: Some(match &m.location {
            Some(l) => format!("{time}, {l}"),
            None => time,
        }),
    })
}

/// The timeline as the view shows it.
pub fn entries(dated: &[Entry]) -> Vec<TimelineEntry> {
    dated.iter().map(Entry::view).collect()
}

/// The next entries from `today`: those not yet over.
pub fn upcoming(dated: &[Entry], today: Date) -> Vec<TimelineEntry> {
    dated
        .iter()
        .filter(|e| e.end.unwrap_or(e.date) >= today)
        .take(UPCOMING)
        .map(Entry::view)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(date: &str, end: Option<&str>, kind: EntryKind, title: &str) -> Entry {
        let day = |s: &str| Date::parse(s).expect("a test date");
        Entry {
            date: day(date),
            end: end.map(day),
            kind,
            title: title.into(),
            detail: None,
        }
    }

    #[test]
    fn upcoming_keeps_what_is_not_over_yet() {
        let dated = [
            entry("2026-01-10", None, EntryKind::Milestone, "Past"),
            entry(
                "2026-02-01",
                Some("2026-03-10"),
                EntryKind::Blackout,
                "Window",
            ),
            entry("2026-03-01", None, EntryKind::Meeting, "Today"),
            entry("2026-04-01", None, EntryKind::Milestone, "Later"),
        ];
        let today = Date::parse("2026-03-01").expect("a test date");
        let titles: Vec<String> = upcoming(&dated, today)
            .into_iter()
            .map(|e| e.title)
            .collect();
        assert_eq!(titles, ["Window", "Today", "Later"]);
        let shown = entries(&dated[1..2]);
        assert_eq!(shown[0].date, "2026-02-01");
        assert_eq!(shown[0].end.as_deref(), Some("2026-03-10"));
        assert_eq!(shown[0].kind, "blackout");
    }

    #[test]
    fn entries_on_one_day_are_listed_by_kind_key() {
        let mut kinds = [
            EntryKind::Milestone,
            EntryKind::Blackout,
            EntryKind::Meeting,
        ];
        kinds.sort();
        let keys: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }
}
