//! The campaign's dates as an iCalendar file (RFC 5545). Pure: it reads
//! campaign views and returns text; `collab calendar` does the loading and
//! the writing.
//!
//! What goes in, for each campaign:
//!
//! - every dated milestone, as an all-day event;
//! - every dated meeting, at its local time in the campaign's timezone, with
//!   its length, place and a one-line-per-item agenda;
//! - every blackout window, as an all-day event running from its first day
//!   to its last;
//! - every open action with a due date, as an all-day event on that date.
//!
//! Each event's UID is made from the campaign id, the kind of item and the
//! item's id, and DTSTAMP from the view's "today", so the same files give
//! the same bytes and importing the file again updates events in place.
//! Meeting times carry a `TZID` whose VTIMEZONE is worked out from the time
//! zone database for the years the meetings fall in.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

use crate::model::{Date, DateTime};
use crate::view::CampaignView;

/// The longest a content line may be, in octets, not counting its CRLF.
const LINE_LIMIT: usize = 75;

/// The PRODID of every calendar collab writes.
const PRODID: &str = concat!("-//collab//collab ", env!("CARGO_PKG_VERSION"), "//EN");

/// One iCalendar file holding the dates of every campaign in `views`.
///
/// The result uses CRLF line endings and folded lines throughout, ready to
/// be written to a `.ics` file as it is.
pub fn calendar(views: &[CampaignView]) -> String {
    let mut events = Vec::new();
    let mut seen = BTreeSet::new();
    for view in views {
        for mut event in campaign_events(view) {
            event.uid = unique(&mut seen, &event.uid);
            events.push(event);
        }
    }

    // Which time zones the meetings use, and the years they need covering.
    let mut zones: BTreeMap<String, (TimeZone, i16, i16)> = BTreeMap::new();
    for event in &events {
        for when in [Some(&event.start), event.end.as_ref()]
            .into_iter()
            .flatten()
        {
            if let When::Local {
                at,
                zone: Some((name, tz)),
            } = when
            {
                let year = at.year();
                zones
                    .entry(name.clone())
                    .and_modify(|(_, lo, hi)| {
                        *lo = (*lo).min(year);
                        *hi = (*hi).max(year);
                    })
                    .or_insert_with(|| (tz.clone(), year, year));
            }
        }
    }

    let mut out = Lines::default();
    out.raw("BEGIN:VCALENDAR");
    out.raw("VERSION:2.0");
    out.prop("PRODID", &[], &escape_text(PRODID));
    out.raw("CALSCALE:GREGORIAN");
    out.raw("METHOD:PUBLISH");
    let names: Vec<&str> = views
        .iter()
        .map(|v| v.campaign.name.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    if !names.is_empty() {
        out.prop("X-WR-CALNAME", &[], &escape_text(&names.join(", ")));
    }
    if zones.len() == 1
        && let Some(name) = zones.keys().next()
    {
        out.prop("X-WR-TIMEZONE", &[], &escape_text(name));
    }
    for (name, (tz, first, last)) in &zones {
        vtimezone(&mut out, name, tz, *first, *last);
    }
    for event in &events {
        event.write(&mut out);
    }
    out.raw("END:VCALENDAR");
    out.text
}

/// When an event starts or ends.
#[derive(Debug, Clone)]
enum When {
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
struct Event {
    uid: String,
    stamp: String,
    summary: String,
    start: When,
    end: Option<When>,
    location: Option<String>,
    description: Option<String>,
    category: &'static str,
    /// Whether the event shows as free time (all-day markers do).
    transparent: bool,
}

impl Event {
    fn write(&self, out: &mut Lines) {
        out.raw("BEGIN:VEVENT");
        out.prop("UID", &[], &escape_text(&self.uid));
        out.prop("DTSTAMP", &[], &self.stamp);
        self.start.write(out, "DTSTART");
        if let Some(end) = &self.end {
            end.write(out, "DTEND");
        }
        out.prop("SUMMARY", &[], &escape_text(&self.summary));
        if let Some(location) = &self.location {
            out.prop("LOCATION", &[], &escape_text(location));
        }
        if let Some(description) = &self.description {
            out.prop("DESCRIPTION", &[], &escape_text(description));
        }
        out.prop("CATEGORIES", &[], &escape_text(self.category));
        out.prop(
            "TRANSP",
            &[],
            if self.transparent {
                "TRANSPARENT"
            } else {
                "OPAQUE"
            },
        );
        out.raw("END:VEVENT");
    }
}

/// The events of one campaign: milestones, meetings, blackout windows and
/// open actions' due dates, in that order.
fn campaign_events(view: &CampaignView) -> Vec<Event> {
    let c = &view.campaign;
    let domain = if c.id.is_empty() {
        match slug(&c.name) {
            s if s.is_empty() => "campaign".to_string(),
            s => s,
        }
    } else {
        c.id.clone()
    };
    let uid = |kind: &str, key: &str| format!("{kind}-{key}@{domain}.collab");
    let stamp = Date::parse(&view.today)
        .map(|d| format!("{}T000000Z", ics_date(d.0)))
        .unwrap_or_else(|| "19700101T000000Z".to_string());
    let campaign_name = if c.name.is_empty() { &c.id } else { &c.name };
    let zone = crate::view::clock::zone(&c.timezone).map(|tz| (c.timezone.clone(), tz));
    let mut events = Vec::new();

    for m in &view.plan.milestones {
        let Some(day) = m.date.as_deref().and_then(Date::parse) else {
            continue;
        };
        let key = key_or(&m.id, &m.name, &day.to_string());
        let kind = m
            .type_label
            .as_deref()
            .map_or("Milestone".to_string(), |t| format!("Milestone: {t}"));
        events.push(Event {
            uid: uid("milestone", &key),
            stamp: stamp.clone(),
            summary: m.name.clone(),
            start: When::Day(day.0),
            end: day.0.tomorrow().ok().map(When::Day),
            location: None,
            description: Some(format!("{kind}\nCampaign: {campaign_name}")),
            category: "Milestone",
            transparent: true,
        });
    }

    for m in &view.meetings {
        let Some(start) = m.date.as_deref().and_then(DateTime::parse) else {
            continue;
        };
        let start = start.0;
        let end = m.duration.and_then(|mins| meeting_end(start, mins, &zone));
        let key = key_or(&m.id, &m.title, &start.date().to_string());
        let mut description = String::new();
        if let Some(kind) = &m.type_label {
            let _ = writeln!(description, "{kind} meeting");
        }
        let _ = writeln!(description, "Campaign: {campaign_name}");
        if let Some(chair) = m.chair_name.as_deref().or(m.chair.as_deref()) {
            let _ = writeln!(description, "Chair: {chair}");
        }
        if !m.agenda.is_empty() {
            description.push_str("\nAgenda:\n");
            for item in &m.agenda {
                match &item.start {
                    Some(at) => {
                        let _ = writeln!(description, "{at} {}", item.title);
                    }
                    None => {
                        let _ = writeln!(description, "{}", item.title);
                    }
                }
            }
        }
        events.push(Event {
            uid: uid("meeting", &key),
            stamp: stamp.clone(),
            summary: m.title.clone(),
            start: When::Local {
                at: start,
                zone: zone.clone(),
            },
            end: end.map(|at| When::Local {
                at,
                zone: zone.clone(),
            }),
            location: m.location.clone(),
            description: Some(description.trim_end().to_string()),
            category: "Meeting",
            transparent: false,
        });
    }

    for b in &view.blackouts {
        let Some(first) = b.start.as_deref().and_then(Date::parse) else {
            continue;
        };
        // A window with no end, or one that ends before it starts, is shown
        // as its first day alone.
        let last = b
            .end
            .as_deref()
            .and_then(Date::parse)
            .map_or(first.0, |d| d.0.max(first.0));
        let name = b.name.as_deref().unwrap_or("Blackout window");
        let key = match b.name.as_deref().map(slug) {
            Some(s) if !s.is_empty() => s,
            _ => first.to_string(),
        };
        let mut description = String::new();
        if let Some(kind) = b.kind.as_deref() {
            let _ = writeln!(description, "Blackout window: {}", crate::view::label(kind));
        } else {
            description.push_str("Blackout window\n");
        }
        let _ = write!(
            description,
            "No new campaign activity from {first} to {last}.\nCampaign: {campaign_name}"
        );
        events.push(Event {
            uid: uid("blackout", &key),
            stamp: stamp.clone(),
            summary: format!("Blackout: {name}"),
            start: When::Day(first.0),
            end: last.tomorrow().ok().map(When::Day),
            location: None,
            description: Some(description),
            category: "Blackout",
            transparent: true,
        });
    }

    for a in &view.open_actions {
        let Some(due) = a.due.as_deref().and_then(Date::parse) else {
            continue;
        };
        let key = key_or(&a.id, &a.action, &due.to_string());
        let mut description = String::new();
        if let Some(owner) = a.owner_name.as_deref().or(a.owner.as_deref()) {
            let _ = writeln!(description, "Owner: {owner}");
        }
        if let Some(meeting) = a.meeting_title.as_deref().or(a.meeting.as_deref()) {
            let _ = writeln!(description, "Agreed at: {meeting}");
        }
        let _ = write!(description, "Campaign: {campaign_name}");
        events.push(Event {
            uid: uid("action", &key),
            stamp: stamp.clone(),
            summary: format!("Action due: {}", a.action),
            start: When::Day(due.0),
            end: due.0.tomorrow().ok().map(When::Day),
            location: None,
            description: Some(description),
            category: "Action",
            transparent: true,
        });
    }
    events
}

/// When a meeting of `minutes` starting at `start` ends, as a wall-clock
/// time: the same arithmetic the view and `status` use.
fn meeting_end(
    start: civil::DateTime,
    minutes: u32,
    zone: &Option<(String, TimeZone)>,
) -> Option<civil::DateTime> {
    crate::view::clock::add_minutes(start, i64::from(minutes), zone.as_ref().map(|(_, tz)| tz))
}

/// The item's id, or (for a file that lacks one) a key made from its name
/// and date.
fn key_or(id: &str, name: &str, date: &str) -> String {
    if !id.is_empty() {
        return id.to_string();
    }
    match slug(name) {
        s if s.is_empty() => date.to_string(),
        s => format!("{date}-{s}"),
    }
}

/// `uid` itself the first time it is seen, else `uid` with a counter added
/// before the `@`, so no two events in one file share a UID.
fn unique(seen: &mut BTreeSet<String>, uid: &str) -> String {
    if seen.insert(uid.to_string()) {
        return uid.to_string();
    }
    let (local, domain) = uid.split_once('@').unwrap_or((uid, ""));
    let mut n = 2;
    loop {
        let candidate = if domain.is_empty() {
            format!("{local}-{n}")
        } else {
            format!("{local}-{n}@{domain}")
        };
        if seen.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

/// Lower-case ASCII letters and digits joined by single hyphens:
/// "Pre-election period, May 2027" → "pre-election-period-may-2027".
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A VTIMEZONE for `tz` that is right for every instant in the years
/// `first..=last`: the observance in force when `first` begins, then every
/// transition up to the end of `last`, each written out as its own
/// STANDARD or DAYLIGHT block.
fn vtimezone(out: &mut Lines, tzid: &str, tz: &TimeZone, first: i16, last: i16) {
    out.raw("BEGIN:VTIMEZONE");
    out.prop("TZID", &[], &escape_text(tzid));
    let begin = year_start(tz, first);
    let finish = last
        .checked_add(1)
        .and_then(|y| year_start(tz, y))
        .unwrap_or(Timestamp::MAX);
    let mut wrote = false;
    if let Some(begin) = begin {
        let just_after = begin
            .checked_add(SignedDuration::from_secs(1))
            .unwrap_or(begin);
        let in_force = tz.preceding(just_after).next();
        let later = tz
            .following(just_after)
            .take_while(|t| t.timestamp() < finish);
        for t in in_force.into_iter().chain(later) {
            let from = t
                .timestamp()
                .checked_sub(SignedDuration::from_secs(1))
                .map_or(t.offset(), |before| tz.to_offset(before));
            let block = if t.dst().is_dst() {
                "DAYLIGHT"
            } else {
                "STANDARD"
            };
            out.raw(&format!("BEGIN:{block}"));
            out.prop(
                "DTSTART",
                &[],
                &ics_datetime(from.to_datetime(t.timestamp())),
            );
            out.prop("TZOFFSETFROM", &[], &ics_offset(from));
            out.prop("TZOFFSETTO", &[], &ics_offset(t.offset()));
            if !t.abbreviation().is_empty() {
                out.prop("TZNAME", &[], &escape_text(t.abbreviation()));
            }
            out.raw(&format!("END:{block}"));
            wrote = true;
        }
    }
    if !wrote {
        // A zone that has never changed its clocks (UTC, a fixed offset).
        let at = begin.unwrap_or(Timestamp::UNIX_EPOCH);
        let info = tz.to_offset_info(at);
        out.raw("BEGIN:STANDARD");
        out.raw("DTSTART:19700101T000000");
        out.prop("TZOFFSETFROM", &[], &ics_offset(info.offset()));
        out.prop("TZOFFSETTO", &[], &ics_offset(info.offset()));
        if !info.abbreviation().is_empty() {
            out.prop("TZNAME", &[], &escape_text(info.abbreviation()));
        }
        out.raw("END:STANDARD");
    }
    out.raw("END:VTIMEZONE");
}

/// The instant `year` begins in `tz`.
fn year_start(tz: &TimeZone, year: i16) -> Option<Timestamp> {
    let day = civil::Date::new(year, 1, 1).ok()?;
    day.to_zoned_datetime(tz.clone())
        .ok()
        .map(|z| z.timestamp())
}

/// `20261001`.
fn ics_date(d: civil::Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

/// `20261001T100000`.
fn ics_datetime(dt: civil::DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%S").to_string()
}

/// A UTC-OFFSET value: `+0100`, `-0500`, `-001915` when seconds matter.
fn ics_offset(offset: Offset) -> String {
    let total = offset.seconds();
    let sign = if total < 0 { '-' } else { '+' };
    let abs = total.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// A TEXT value with backslash, semicolon, comma and line breaks escaped.
/// Other control characters, which TEXT may not hold, are dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                // CRLF and a lone CR are each one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value, quoted when it holds a character that would end it.
fn param_value(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// One content line folded to [`LINE_LIMIT`] octets per physical line, with
/// CRLF after each. Continuation lines start with a space, which counts
/// towards their length. Folds fall between characters, never inside one,
/// and never between a backslash and the character it escapes (RFC 5545
/// allows that, but some readers stumble on it).
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut used = 0;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        // A backslash travels with the character after it.
        let unit_len = match rest[c.len_utf8()..].chars().next() {
            Some(next) if c == '\\' => c.len_utf8() + next.len_utf8(),
            _ => c.len_utf8(),
        };
        let (unit, after) = rest.split_at(unit_len);
        if used + unit.len() > LINE_LIMIT && used > 1 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push_str(unit);
        used += unit.len();
        rest = after;
    }
    out.push_str("\r\n");
    out
}

/// The calendar text as it is built.
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    /// A line whose value needs no escaping.
    fn raw(&mut self, line: &str) {
        self.text.push_str(&fold(line));
    }

    /// `NAME;PARAM=value:VALUE`; `value` must already be escaped.
    fn prop(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        let mut line = name.to_string();
        for (key, v) in params {
            let _ = write!(line, ";{key}={}", param_value(v));
        }
        line.push(':');
        line.push_str(value);
        self.raw(&line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::{
        ActionView, AgendaItemView, BlackoutView, EvaluationView, MeetingView, MilestoneView,
        PlanView, Summary,
    };

    /// The physical lines of some calendar text, without their CRLF.
    fn physical(text: &str) -> Vec<&str> {
        text.split_terminator("\r\n").collect()
    }

    /// The logical lines (folds undone).
    fn unfolded(text: &str) -> Vec<String> {
        text.replace("\r\n ", "")
            .split_terminator("\r\n")
            .map(str::to_string)
            .collect()
    }

    fn view() -> CampaignView {
        let mut v = CampaignView {
            today: "2026-11-24".into(),
            campaign: Summary {
                id: "winter-fire-safety-2026".into(),
                name: "Winter Home Fire Safety 2026".into(),
                framework: "oasis".into(),
                framework_label: "OASIS".into(),
                classification: "OFFICIAL".into(),
                lead: None,
                lead_name: None,
                start: None,
                launch: None,
                end: None,
                timezone: "Europe/London".into(),
                priorities: vec![],
                regions: vec![],
            },
            plan: PlanView::default(),
            partners: vec![],
            routemap: vec![],
            timeline: vec![],
            upcoming: vec![],
            blackouts: vec![],
            meetings: vec![],
            open_actions: vec![],
            metrics: vec![],
            evaluation: EvaluationView {
                stages: vec![],
                partnership: vec![],
                covered: vec![],
                missing: vec![],
            },
        };
        v.plan.milestones.push(MilestoneView {
            id: "launch".into(),
            name: "Launch".into(),
            date: Some("2026-12-01".into()),
            kind: Some("launch".into()),
            type_label: Some("Launch".into()),
        });
        v.blackouts.push(BlackoutView {
            name: Some("Remembrance period".into()),
            kind: Some("other".into()),
            start: Some("2026-11-06".into()),
            end: Some("2026-11-11".into()),
        });
        v.meetings.push(meeting("summer", "2026-09-22T14:00", 90));
        v.meetings.push(meeting("winter", "2026-11-17T10:00", 60));
        v.open_actions.push(ActionView {
            id: "radio-rebook".into(),
            action: "Rebook regional radio, 11 January; check".into(),
            owner: Some("home-office".into()),
            owner_name: Some("Home Office".into()),
            due: Some("2026-12-04".into()),
            status: "open".into(),
            overdue: false,
            meeting: Some("winter".into()),
            meeting_title: Some("Catch-up".into()),
        });
        v
    }

    fn meeting(id: &str, date: &str, duration: u32) -> MeetingView {
        MeetingView {
            id: id.into(),
            kind: Some("catch-up".into()),
            type_label: Some("Catch-up".into()),
            title: format!("Meeting {id}"),
            date: Some(date.into()),
            day: None,
            time: Some(date[11..].into()),
            end_time: None,
            duration: Some(duration),
            location: Some("Room 2, Fulwood".into()),
            chair: Some("home-office".into()),
            chair_name: Some("Home Office".into()),
            held: false,
            attendees: vec![],
            agenda: vec![
                AgendaItemView {
                    topic: Some("review".into()),
                    title: "Review".into(),
                    minutes: Some(20),
                    start: Some(date[11..].into()),
                    prompts: vec![],
                    notes: None,
                },
                AgendaItemView {
                    topic: None,
                    title: "Launch plan".into(),
                    minutes: None,
                    start: Some("later".into()),
                    prompts: vec![],
                    notes: None,
                },
            ],
            decisions: vec![],
            actions: vec![],
            carried_actions: vec![],
            notes: None,
        }
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("SUMMARY:Launch"), "SUMMARY:Launch\r\n");
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), format!("{exact}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets() {
        let line = format!("DESCRIPTION:{}", "a".repeat(200));
        let folded = fold(&line);
        for l in physical(&folded) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let lines = physical(&folded);
        assert_eq!(lines[0].len(), 75);
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn folds_never_split_a_character() {
        // "é" is two octets and "🔥" four: a naive fold at 75 would cut them.
        for filler in 0..8 {
            let line = format!("SUMMARY:{}{}", "x".repeat(filler), "é🔥".repeat(40));
            let folded = fold(&line);
            for l in physical(&folded) {
                assert!(l.len() <= 75);
                // Each physical line is valid UTF-8 on its own.
                assert!(std::str::from_utf8(l.as_bytes()).is_ok());
            }
            assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
        }
    }

    #[test]
    fn folds_keep_escapes_whole() {
        for filler in 0..4 {
            let line = format!("DESCRIPTION:{}{}", "x".repeat(filler), "\\n".repeat(60));
            let folded = fold(&line);
            for l in physical(&folded) {
                assert!(l.len() <= 75);
                assert!(!l.ends_with('\\'), "{l}");
            }
            assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng"
        );
        assert_eq!(escape_text("bell\u{7}less"), "bellless");
        assert_eq!(
            escape_text("Test it. Trust it: £5"),
            "Test it. Trust it: £5"
        );
    }

    #[test]
    fn parameters_with_separators_are_quoted() {
        assert_eq!(param_value("Europe/London"), "Europe/London");
        assert_eq!(param_value("Odd:zone"), "\"Odd:zone\"");
    }

    #[test]
    fn offsets_are_written_as_utc_offsets() {
        assert_eq!(ics_offset(jiff::tz::offset(1)), "+0100");
        assert_eq!(ics_offset(jiff::tz::offset(-5)), "-0500");
        assert_eq!(ics_offset(Offset::UTC), "+0000");
        let lmt = Offset::from_seconds(-75).unwrap_or(Offset::UTC);
        assert_eq!(ics_offset(lmt), "-000115");
    }

    #[test]
    fn all_day_events_end_the_day_after() {
        let text = calendar(&[view()]);
        let lines = unfolded(&text);
        let at = |uid: &str| {
            lines
                .iter()
                .position(|l| l == &format!("UID:{uid}"))
                .unwrap_or_else(|| panic!("no {uid} in\n{text}"))
        };
        let milestone = at("milestone-launch@winter-fire-safety-2026.collab");
        assert_eq!(lines[milestone + 2], "DTSTART;VALUE=DATE:20261201");
        assert_eq!(lines[milestone + 3], "DTEND;VALUE=DATE:20261202");
        let blackout = at("blackout-remembrance-period@winter-fire-safety-2026.collab");
        assert_eq!(lines[blackout + 2], "DTSTART;VALUE=DATE:20261106");
        assert_eq!(lines[blackout + 3], "DTEND;VALUE=DATE:20261112");
        let action = at("action-radio-rebook@winter-fire-safety-2026.collab");
        assert_eq!(lines[action + 2], "DTSTART;VALUE=DATE:20261204");
        assert_eq!(lines[action + 3], "DTEND;VALUE=DATE:20261205");
        assert_eq!(
            lines[action + 4],
            "SUMMARY:Action due: Rebook regional radio\\, 11 January\\; check"
        );
    }

    #[test]
    fn a_blackout_ending_on_the_last_of_the_year_ends_on_new_year() {
        let mut v = view();
        v.blackouts[0].end = Some("2026-12-31".into());
        let text = calendar(&[v]);
        assert!(text.contains("DTEND;VALUE=DATE:20270101\r\n"));
    }

    #[test]
    fn meetings_keep_local_time_either_side_of_the_clock_change() {
        let text = calendar(&[view()]);
        let lines = unfolded(&text);
        assert!(lines.contains(&"DTSTART;TZID=Europe/London:20260922T140000".to_string()));
        assert!(lines.contains(&"DTEND;TZID=Europe/London:20260922T153000".to_string()));
        assert!(lines.contains(&"DTSTART;TZID=Europe/London:20261117T100000".to_string()));
        assert!(lines.contains(&"DTEND;TZID=Europe/London:20261117T110000".to_string()));
        // The zone: GMT in force from October 2025, BST from March 2026,
        // GMT again from October 2026.
        let tz: Vec<&str> = lines
            .iter()
            .skip_while(|l| *l != "BEGIN:VTIMEZONE")
            .take_while(|l| *l != "END:VTIMEZONE")
            .map(String::as_str)
            .collect();
        assert_eq!(
            tz,
            [
                "BEGIN:VTIMEZONE",
                "TZID:Europe/London",
                "BEGIN:STANDARD",
                "DTSTART:20251026T020000",
                "TZOFFSETFROM:+0100",
                "TZOFFSETTO:+0000",
                "TZNAME:GMT",
                "END:STANDARD",
                "BEGIN:DAYLIGHT",
                "DTSTART:20260329T010000",
                "TZOFFSETFROM:+0000",
                "TZOFFSETTO:+0100",
                "TZNAME:BST",
                "END:DAYLIGHT",
                "BEGIN:STANDARD",
                "DTSTART:20261025T020000",
                "TZOFFSETFROM:+0100",
                "TZOFFSETTO:+0000",
                "TZNAME:GMT",
                "END:STANDARD",
            ]
        );
    }

    #[test]
    fn a_meeting_across_the_clock_change_lasts_its_real_length() {
        let mut v = view();
        // 00:30 to 02:30 of real time on the night BST ends: 01:30 local.
        v.meetings = vec![meeting("night", "2026-10-25T00:30", 120)];
        let text = calendar(&[v]);
        assert!(text.contains("DTEND;TZID=Europe/London:20261025T013000\r\n"));
    }

    #[test]
    fn meeting_description_lists_the_agenda() {
        let text = calendar(&[view()]);
        let lines = unfolded(&text);
        let description = lines
            .iter()
            .find(|l| l.starts_with("DESCRIPTION:Catch-up meeting"))
            .unwrap_or_else(|| panic!("no meeting description in\n{text}"));
        assert!(description.contains("\\nAgenda:\\n14:00 Review\\nlater Launch plan"));
        assert!(lines.contains(&"LOCATION:Room 2\\, Fulwood".to_string()));
    }

    #[test]
    fn uids_are_stable_and_unique() {
        let first = calendar(&[view()]);
        assert_eq!(first, calendar(&[view()]));
        assert!(first.contains("UID:meeting-summer@winter-fire-safety-2026.collab\r\n"));
        assert!(first.contains("DTSTAMP:20261124T000000Z\r\n"));
        // The same campaign twice: the second copy's UIDs get a counter.
        let twice = calendar(&[view(), view()]);
        assert!(twice.contains("UID:meeting-summer-2@winter-fire-safety-2026.collab\r\n"));
        let uids: Vec<&str> = twice.lines().filter(|l| l.starts_with("UID:")).collect();
        let distinct: BTreeSet<&str> = uids.iter().copied().collect();
        assert_eq!(uids.len(), distinct.len());
    }

    #[test]
    fn the_calendar_is_well_formed() {
        let text = calendar(&[view()]);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        for l in physical(&text) {
            assert!(l.len() <= 75);
        }
        for needed in [
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Winter Home Fire Safety 2026",
        ] {
            assert!(unfolded(&text).contains(&needed.to_string()), "{needed}");
        }
        let begins = text.matches("BEGIN:VEVENT").count();
        assert_eq!(begins, 5);
        assert_eq!(begins, text.matches("END:VEVENT").count());
    }

    #[test]
    fn an_unknown_zone_gives_floating_times() {
        let mut v = view();
        v.campaign.timezone = "Mars/Olympus_Mons".into();
        let text = calendar(&[v]);
        assert!(!text.contains("VTIMEZONE"));
        assert!(text.contains("DTSTART:20260922T140000\r\n"));
    }

    #[test]
    fn a_zone_without_changes_gets_one_standard_block() {
        let mut v = view();
        v.campaign.timezone = "UTC".into();
        let text = calendar(&[v]);
        assert!(text.contains(
            "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0000\r\n\
             TZOFFSETTO:+0000\r\nTZNAME:UTC\r\nEND:STANDARD\r\n"
        ));
    }

    #[test]
    fn slugs_and_keys() {
        assert_eq!(
            slug("Pre-election period, May 2027 local elections"),
            "pre-election-period-may-2027-local-elections"
        );
        assert_eq!(slug("  ¡Hola!  "), "hola");
        assert_eq!(key_or("launch", "Launch", "2026-12-01"), "launch");
        assert_eq!(
            key_or("", "Launch day", "2026-12-01"),
            "2026-12-01-launch-day"
        );
        assert_eq!(key_or("", "", "2026-12-01"), "2026-12-01");
    }
}
