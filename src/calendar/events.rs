//! The events of one campaign, read from its typed model: milestones,
//! activities, meetings, blackout windows and actions' due dates. Dates stay
//! `jiff` values until they are written; an item without a date (which
//! the model allows while a file is half-written) has no event.

use std::fmt::Write as _;

use jiff::civil;
use jiff::tz::TimeZone;

use super::ics::{Lines, escape_text, ics_date, ics_datetime};
use crate::campaign::Campaign;
use crate::model::config::Blackout;
use crate::model::meeting::{Action, ActionStatus, AgendaItem, DEFAULT_MEETING_MINUTES, Meeting};
use crate::model::plan::{Activity, Milestone};
use crate::model::{Date, Id};
use crate::slug::slug;
use crate::view::clock;

/// When an event starts or ends.
#[derive(Debug, Clone)]
pub(super) enum When {
    /// A whole day (`VALUE=DATE`).
    Day(civil::Date),
    /// A wall-clock time. With a zone it is written with `TZID`; without one
    /// (the campaign names a zone the database does not know) it is written
    /// as a floating time, which keeps the clock time as written.
    Local {
        at: civil::DateTime,
        zone: Option<(String, TimeZone)>,
    },
}

impl When {
    fn write(&self, out: &mut Lines, name: &str) {
        match self {
            When::Day(d) => out.prop(name, &[("VALUE", "DATE")], &ics_date(*d)),
            When::Local { at, zone } => match zone {
                Some((tzid, _)) => out.prop(name, &[("TZID", tzid)], &ics_datetime(*at)),
                None => out.prop(name, &[], &ics_datetime(*at)),
            },
        }
    }
}

/// One VEVENT.
#[derive(Debug, Clone)]
pub(super) struct Event {
    pub(super) uid: String,
    stamp: String,
    summary: String,
    pub(super) start: When,
    pub(super) end: Option<When>,
    location: Option<String>,
    description: String,
    category: &'static str,
    /// Whether the event shows as free time (all-day markers do).
    transparent: bool,
    /// `STATUS`: a VEVENT's are TENTATIVE, CONFIRMED or CANCELLED.
    status: Option<&'static str>,
}

impl Event {
    pub(super) fn write(&self, out: &mut Lines) {
        out.raw("BEGIN:VEVENT");
        out.prop("UID", &[], &escape_text(&self.uid));
        out.prop("DTSTAMP", &[], &self.stamp);
        self.start.write(out, "DTSTART");
        if let Some(end) = &self.end {
            end.write(out, "DTEND");
        }
        out.prop("SUMMARY", &[], &escape_text(&self.summary));
        if let Some(status) = self.status {
            out.prop("STATUS", &[], status);
        }
        if let Some(location) = &self.location {
            out.prop("LOCATION", &[], &escape_text(location));
        }
        out.prop("DESCRIPTION", &[], &escape_text(&self.description));
        out.prop("CATEGORIES", &[], &escape_text(self.category));
        let transp = if self.transparent {
            "TRANSPARENT"
        } else {
            "OPAQUE"
        };
        out.prop("TRANSP", &[], transp);
        out.raw("END:VEVENT");
    }
}

/// What every event of one campaign shares.
struct Source<'a> {
    campaign: &'a Campaign,
    /// The part of each UID after the `@`, less `.collab`.
    domain: String,
    /// The campaign's name, or its id when it has none.
    name: String,
    /// DTSTAMP: the campaign's "today" at midnight.
    stamp: String,
    zone: Option<(String, TimeZone)>,
}

impl Source<'_> {
    fn uid(&self, kind: &str, key: &str) -> String {
        format!("{kind}-{key}@{}.collab", self.domain)
    }

    /// An all-day event on `first`..=`last`.
    fn all_day(&self, uid: String, summary: String, days: (Date, civil::Date)) -> Event {
        let (first, last) = days;
        Event {
            uid,
            stamp: self.stamp.clone(),
            summary,
            start: When::Day(first.0),
            end: last.tomorrow().ok().map(When::Day),
            location: None,
            description: String::new(),
            category: "",
            transparent: true,
            status: None,
        }
    }

    fn local(&self, at: civil::DateTime) -> When {
        When::Local {
            at,
            zone: self.zone.clone(),
        }
    }

    /// The name of the partner with id `id`, if it has one.
    fn partner_name(&self, id: &Id) -> Option<&str> {
        self.campaign
            .partners()
            .map(|(_, _, p)| p)
            .filter(|p| p.name.is_some())
            .find(|p| p.id.as_ref() == Some(id))
            .and_then(|p| p.name.as_deref())
    }

    /// A partner as a reader knows it: its name, else its id.
    fn partner(&self, id: Option<&Id>) -> Option<String> {
        let id = id?;
        Some(self.partner_name(id).unwrap_or(id.as_str()).to_string())
    }
}

/// The events of one campaign on `today`: milestones, activities,
/// meetings, blackout windows and actions' due dates, in that order.
pub(super) fn campaign_events(campaign: &Campaign, today: Date) -> Vec<Event> {
    let source = source(campaign, today);
    let meetings = campaign.meetings_by_date();
    let mut events = milestone_events(&source);
    events.extend(activity_events(&source));
    events.extend(meetings.iter().filter_map(|m| meeting_event(&source, m)));
    events.extend(
        campaign
            .settings()
            .blackout
            .iter()
            .filter_map(|b| blackout_event(&source, b)),
    );
    events.extend(action_events(&source, &meetings));
    events
}

fn source(campaign: &Campaign, today: Date) -> Source<'_> {
    let info = campaign.settings().campaign();
    let id = info.id.as_ref().map(Id::to_string).unwrap_or_default();
    let name = info.name.clone().unwrap_or_default();
    let domain = match id.as_str() {
        "" => slug(&name).unwrap_or_else(|| "campaign".to_string()),
        id => id.to_string(),
    };
    let timezone = info.timezone();
    Source {
        campaign,
        domain,
        name: if name.is_empty() { id } else { name },
        stamp: format!("{}T000000Z", ics_date(today.0)),
        zone: clock::zone(timezone).map(|tz| (timezone.to_string(), tz)),
    }
}

fn id_text(id: Option<&Id>) -> String {
    id.map(Id::to_string).unwrap_or_default()
}

/// Dated milestones, by date then id.
fn milestone_events(source: &Source<'_>) -> Vec<Event> {
    let Some((_, plan)) = source.campaign.plan() else {
        return Vec::new();
    };
    let mut dated: Vec<(Date, &Milestone)> = plan
        .milestones()
        .iter()
        .filter_map(|m| Some((m.date?, m)))
        .collect();
    dated.sort_by_key(|(day, m)| (*day, id_text(m.id.as_ref())));
    dated
        .into_iter()
        .map(|(day, m)| milestone_event(source, day, m))
        .collect()
}

/// Activities with a first day, as all-day spans from that day to their
/// last (one with no end, or an end before its start, is its first day
/// alone), by first day then id.
fn activity_events(source: &Source<'_>) -> Vec<Event> {
    let Some((_, plan)) = source.campaign.plan() else {
        return Vec::new();
    };
    let mut dated: Vec<(Date, &Activity)> = plan
        .activities()
        .iter()
        .filter_map(|a| Some((a.start?, a)))
        .collect();
    dated.sort_by_key(|(day, a)| (*day, id_text(a.id.as_ref())));
    dated
        .into_iter()
        .map(|(first, a)| activity_event(source, first, a))
        .collect()
}

/// One activity: its owner and campaign in the description (never its
/// budget, which the calendar is no place for).
fn activity_event(source: &Source<'_>, first: Date, a: &Activity) -> Event {
    let last = a.end.map_or(first.0, |end| end.0.max(first.0));
    let name = a.name.clone().unwrap_or_default();
    let key = key_or(&id_text(a.id.as_ref()), &name, &first.to_string());
    let mut description = String::from("Activity\n");
    if let Some(owner) = source.partner(a.owner.as_ref()) {
        let _ = writeln!(description, "Owner: {owner}");
    }
    let _ = write!(description, "Campaign: {}", source.name);
    Event {
        description,
        category: "Activity",
        ..source.all_day(
            source.uid("activity", &key),
            format!("Activity: {name}"),
            (first, last),
        )
    }
}

fn milestone_event(source: &Source<'_>, day: Date, m: &Milestone) -> Event {
    let name = m.name.clone().unwrap_or_default();
    let key = key_or(&id_text(m.id.as_ref()), &name, &day.to_string());
    let kind = match &m.kind {
        Some(kind) => format!("Milestone: {}", kind.label()),
        None => "Milestone".to_string(),
    };
    Event {
        description: format!("{kind}\nCampaign: {}", source.name),
        category: "Milestone",
        ..source.all_day(source.uid("milestone", &key), name, (day, day.0))
    }
}

/// A meeting's title: its own, or its kind's.
fn meeting_title(m: &Meeting) -> String {
    match (&m.title, &m.kind) {
        (Some(title), _) => title.clone(),
        (None, Some(kind)) => format!("{} meeting", kind.label()),
        (None, None) => "Meeting".to_string(),
    }
}

/// A dated meeting, at its local time to the minute, for its length: its
/// `duration`, else its agenda's minutes, else one hour.
fn meeting_event(source: &Source<'_>, m: &Meeting) -> Option<Event> {
    let written = m.date?.0;
    let start = written.with().second(0).subsec_nanosecond(0).build().ok()?;
    let zone = source.zone.as_ref().map(|(_, tz)| tz);
    // A length too long for the calendar (which validation reports) still
    // gets an end: the default hour.
    let mins = i64::try_from(m.length_minutes()).unwrap_or(i64::MAX);
    let end = clock::add_minutes(start, mins, zone)
        .or_else(|| clock::add_minutes(start, DEFAULT_MEETING_MINUTES as i64, zone));
    let title = meeting_title(m);
    let key = key_or(&id_text(m.id.as_ref()), &title, &start.date().to_string());
    Some(Event {
        uid: source.uid("meeting", &key),
        stamp: source.stamp.clone(),
        summary: title,
        start: source.local(start),
        end: end.map(|at| source.local(at)),
        location: m.location.clone(),
        description: meeting_description(source, m, written),
        category: "Meeting",
        transparent: false,
        status: None,
    })
}

/// The kind of meeting, campaign, chair and the agenda, one item a line
/// with the time it starts.
fn meeting_description(source: &Source<'_>, m: &Meeting, start: civil::DateTime) -> String {
    let mut text = String::new();
    if let Some(kind) = &m.kind {
        let _ = writeln!(text, "{} meeting", kind.label());
    }
    let _ = writeln!(text, "Campaign: {}", source.name);
    if let Some(chair) = source.partner(m.chair.as_ref()) {
        let _ = writeln!(text, "Chair: {chair}");
    }
    if !m.agenda.is_empty() {
        text.push_str("\nAgenda:\n");
    }
    let zone = source.zone.as_ref().map(|(_, tz)| tz);
    for (item, at) in m.agenda.iter().zip(agenda_starts(m, start, zone)) {
        let title = agenda_title(item);
        let _ = match at {
            Some(at) => writeln!(text, "{} {title}", at.strftime("%H:%M")),
            None => writeln!(text, "{title}"),
        };
    }
    text.trim_end().to_string()
}

/// When each agenda item starts: the meeting's start plus the minutes of
/// the items before it (the same arithmetic as the view's agenda).
fn agenda_starts(
    m: &Meeting,
    start: civil::DateTime,
    zone: Option<&TimeZone>,
) -> Vec<Option<civil::DateTime>> {
    let mut elapsed: Option<i64> = Some(0);
    m.agenda
        .iter()
        .map(|item| {
            let at = elapsed.and_then(|mins| clock::add_minutes(start, mins, zone));
            if let Some(mins) = item.minutes {
                elapsed = elapsed.and_then(|e| e.checked_add(i64::from(mins)));
            }
            at
        })
        .collect()
}

/// An agenda item's title: its own, or its topic's.
fn agenda_title(item: &AgendaItem) -> String {
    match (&item.title, &item.topic) {
        (Some(title), _) => title.clone(),
        (None, Some(topic)) => topic.label(),
        (None, None) => String::new(),
    }
}

/// A blackout window with a first day, from that day to its last (a
/// window with no end, or one that ends before it starts, is its first
/// day alone).
fn blackout_event(source: &Source<'_>, b: &Blackout) -> Option<Event> {
    let first = b.start?;
    let last = b.end.map_or(first.0, |end| end.0.max(first.0));
    let key = b
        .name
        .as_deref()
        .and_then(slug)
        .unwrap_or_else(|| first.to_string());
    let mut description = match &b.kind {
        Some(kind) => format!("Blackout window: {}\n", kind.label()),
        None => "Blackout window\n".to_string(),
    };
    let _ = write!(
        description,
        "No new campaign activity from {first} to {last}.\nCampaign: {}",
        source.name
    );
    let name = b.name.as_deref().unwrap_or("Blackout window");
    let summary = format!("Blackout: {name}");
    Some(Event {
        description,
        category: "Blackout",
        ..source.all_day(source.uid("blackout", &key), summary, (first, last))
    })
}

/// Actions with a due date, open, done or dropped, by due date then id.
/// Done and dropped ones stay in the file with the UID they had while
/// open, so importing the file again updates the event rather than
/// leaving a stale one behind.
fn action_events(source: &Source<'_>, meetings: &[&Meeting]) -> Vec<Event> {
    let mut dated: Vec<(Date, &Action, &Meeting)> = meetings
        .iter()
        .flat_map(|m| m.actions.iter().map(move |a| (a, *m)))
        .filter_map(|(a, m)| Some((a.due?, a, m)))
        .collect();
    dated.sort_by_key(|(due, a, _)| (*due, id_text(a.id.as_ref())));
    dated
        .into_iter()
        .map(|(due, a, m)| action_event(source, due, a, m))
        .collect()
}

/// The summary's opening words and the VEVENT `STATUS` of an action:
/// open ones have none; done ones are CONFIRMED (COMPLETED belongs to
/// VTODO only) and say so in the summary; dropped ones are CANCELLED.
fn action_state(status: ActionStatus) -> (&'static str, Option<&'static str>) {
    match status {
        ActionStatus::Open => ("Action due", None),
        ActionStatus::Done => ("Action done", Some("CONFIRMED")),
        ActionStatus::Dropped => ("Action dropped", Some("CANCELLED")),
    }
}

fn action_event(source: &Source<'_>, due: Date, a: &Action, m: &Meeting) -> Event {
    let action = a.action.clone().unwrap_or_default();
    let key = key_or(&id_text(a.id.as_ref()), &action, &due.to_string());
    let mut description = String::new();
    if let Some(owner) = source.partner(a.owner.as_ref()) {
        let _ = writeln!(description, "Owner: {owner}");
    }
    let _ = write!(
        description,
        "Agreed at: {}\nCampaign: {}",
        meeting_title(m),
        source.name
    );
    let (label, status) = action_state(a.status.unwrap_or_default());
    Event {
        description,
        category: "Action",
        status,
        ..source.all_day(
            source.uid("action", &key),
            format!("{label}: {action}"),
            (due, due.0),
        )
    }
}

/// The item's id, or (for a file that lacks one) a key made from its name
/// and date.
fn key_or(id: &str, name: &str, date: &str) -> String {
    if !id.is_empty() {
        return id.to_string();
    }
    match slug(name) {
        Some(s) => format!("{date}-{s}"),
        None => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_the_id_else_the_name_and_date() {
        assert_eq!(key_or("launch", "Launch", "2026-12-01"), "launch");
        assert_eq!(
            key_or("", "Launch day", "2026-12-01"),
            "2026-12-01-launch-day"
        );
        assert_eq!(key_or("", "", "2026-12-01"), "2026-12-01");
        assert_eq!(key_or("", "¡!", "2026-12-01"), "2026-12-01");
    }
}
