//! The campaign's dates as an iCalendar file (RFC 5545). Pure: it reads
//! loaded campaigns and returns text; `collab calendar` does the loading
//! and the writing.
//!
//! What goes in, for each campaign:
//!
//! - every dated milestone, as an all-day event;
//! - every activity with a first day, as an all-day span to its last day;
//! - every dated meeting, at its local time in the campaign's timezone, with
//!   its length, place and a one-line-per-item agenda;
//! - every blackout window, as an all-day event running from its first day
//!   to its last;
//! - every action with a due date, as an all-day event on that date; done
//!   and dropped ones are kept (marked done, or `STATUS:CANCELLED`) so a
//!   re-import updates the event.
//!
//! Each event's UID is made from the campaign id, the kind of item and the
//! item's id, and DTSTAMP from the campaign's "today", so the same files
//! give the same bytes and importing the file again updates events in
//! place. Meeting times carry a `TZID` whose VTIMEZONE is worked out from
//! the time zone database for the years the meetings fall in.
//!
//! The events are read from the typed model (`events`), never from the
//! view's strings; `ics` writes RFC 5545 text.

mod events;
mod ics;

use std::collections::{BTreeMap, BTreeSet};

use jiff::tz::TimeZone;

use crate::campaign::Campaign;
use crate::model::Date;
use events::{Event, When};
use ics::{Lines, escape_text as escape, vtimezone};

pub use ics::{escape_text, fold};

/// The PRODID of every calendar collab writes.
const PRODID: &str = concat!("-//collab//collab ", env!("CARGO_PKG_VERSION"), "//EN");

/// One iCalendar file holding the dates of every campaign in `campaigns`,
/// each with the day that is "today" for it.
///
/// The result uses CRLF line endings and folded lines throughout, ready to
/// be written to a `.ics` file as it is.
pub fn calendar(campaigns: &[(&Campaign, Date)]) -> String {
    let events = all_events(campaigns);
    let zones = zones_used(&events);
    let mut out = Lines::default();
    out.raw("BEGIN:VCALENDAR");
    out.raw("VERSION:2.0");
    out.prop("PRODID", &[], &escape(PRODID));
    out.raw("CALSCALE:GREGORIAN");
    out.raw("METHOD:PUBLISH");
    let names: Vec<&str> = campaigns
        .iter()
        .filter_map(|(c, _)| c.settings().campaign().name.as_deref())
        .filter(|n| !n.is_empty())
        .collect();
    if !names.is_empty() {
        out.prop("X-WR-CALNAME", &[], &escape(&names.join(", ")));
    }
    if zones.len() == 1
        && let Some(name) = zones.keys().next()
    {
        out.prop("X-WR-TIMEZONE", &[], &escape(name));
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

/// Every campaign's events, no two with the same UID.
fn all_events(campaigns: &[(&Campaign, Date)]) -> Vec<Event> {
    let mut seen = BTreeSet::new();
    let mut events = Vec::new();
    for (campaign, today) in campaigns {
        for mut event in events::campaign_events(campaign, *today) {
            event.uid = unique(&mut seen, &event.uid);
            events.push(event);
        }
    }
    events
}

/// The time zones the meetings use, each with the first and last year it
/// needs covering.
fn zones_used(events: &[Event]) -> BTreeMap<String, (TimeZone, i16, i16)> {
    let mut zones: BTreeMap<String, (TimeZone, i16, i16)> = BTreeMap::new();
    let times = events
        .iter()
        .flat_map(|e| [Some(&e.start), e.end.as_ref()])
        .flatten();
    for when in times {
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
    zones
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::load::{Workspace, campaign_from_texts};

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

    const CONFIG: &str = r#"
[campaign]
id = "winter-fire-safety-2026"
name = "Winter Home Fire Safety 2026"
timezone = "Europe/London"

[[blackout]]
name = "Remembrance period"
kind = "other"
start = 2026-11-06
end = 2026-11-11
"#;

    const PARTNERS: &str = "version: 1
kind: partners
partners:
  - { id: home-office, name: Home Office }
";

    const PLAN: &str = "version: 1
kind: plan
implementation:
  milestones:
    - { id: launch, name: Launch, date: 2026-12-01, type: launch }
";

    const SUMMER: &str = "version: 1
kind: meeting
id: summer
type: catch-up
title: Meeting summer
date: 2026-09-22T14:00
duration: 90
location: Room 2, Fulwood
chair: home-office
agenda:
  - { topic: review, minutes: 20 }
  - { topic: other, title: Launch plan }
";

    const WINTER: &str = "version: 1
kind: meeting
id: winter
type: catch-up
date: 2026-11-17T10:00
duration: 60
chair: home-office
actions:
  - { id: radio-rebook, action: \"Rebook regional radio, 11 January; check\",
      owner: home-office, due: 2026-12-04, status: open }
  - { id: done-already, action: Done, due: 2026-12-05, status: done }
";

    fn today() -> Date {
        Date::parse("2026-11-24").expect("a date")
    }

    /// The test campaign with `config` as its collab.toml and `edit`
    /// applied to each of its files (by name).
    fn campaign_with(config: &str, edit: impl Fn(&str, &str) -> String) -> Workspace {
        let files = [
            ("partners.yaml", PARTNERS),
            ("plan.yaml", PLAN),
            ("meetings/summer.yaml", SUMMER),
            ("meetings/winter.yaml", WINTER),
        ];
        let texts: Vec<(&str, String)> = files
            .iter()
            .map(|(name, text)| (*name, edit(name, text)))
            .collect();
        let texts: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
        campaign_from_texts(Path::new("/campaign"), config, &texts)
    }

    /// The calendar of the test campaign, with `edit` applied to its files.
    fn calendar_with(config: &str, edit: impl Fn(&str, &str) -> String) -> String {
        let ws = campaign_with(config, edit);
        let campaigns: Vec<(&Campaign, Date)> = ws.campaigns.iter().map(|c| (c, today())).collect();
        assert_eq!(campaigns.len(), 1, "{:?}", ws.findings);
        calendar(&campaigns)
    }

    fn test_calendar() -> String {
        calendar_with(CONFIG, |_, text| text.to_string())
    }

    #[test]
    fn all_day_events_end_the_day_after() {
        let text = test_calendar();
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
        let config = CONFIG.replace("end = 2026-11-11", "end = 2026-12-31");
        let text = calendar_with(&config, |_, text| text.to_string());
        assert!(text.contains("DTEND;VALUE=DATE:20270101\r\n"));
    }

    #[test]
    fn meetings_keep_local_time_either_side_of_the_clock_change() {
        let text = test_calendar();
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
        // 00:30 to 02:30 of real time on the night BST ends: 01:30 local.
        let text = calendar_with(CONFIG, |name, text| match name {
            "meetings/summer.yaml" => text
                .replace("2026-09-22T14:00", "2026-10-25T00:30")
                .replace("duration: 90", "duration: 120"),
            _ => text.to_string(),
        });
        assert!(text.contains("DTEND;TZID=Europe/London:20261025T013000\r\n"));
    }

    #[test]
    fn meeting_description_lists_the_agenda() {
        let text = test_calendar();
        let lines = unfolded(&text);
        let description = lines
            .iter()
            .find(|l| l.starts_with("DESCRIPTION:Catch-up meeting"))
            .unwrap_or_else(|| panic!("no meeting description in\n{text}"));
        assert!(description.contains("\\nAgenda:\\n14:00 Review\\n14:20 Launch plan"));
        assert!(lines.contains(&"LOCATION:Room 2\\, Fulwood".to_string()));
    }

    /// The action event with `uid`'s properties, folds undone.
    fn event_lines(text: &str, uid: &str) -> Vec<String> {
        let lines = unfolded(text);
        let Some(at) = lines.iter().position(|l| l == &format!("UID:{uid}")) else {
            panic!("no {uid} in\n{text}");
        };
        let end = lines[at..]
            .iter()
            .position(|l| l == "END:VEVENT")
            .map_or(0, |n| n + at);
        lines[at..end].to_vec()
    }

    #[test]
    fn done_and_dropped_actions_keep_their_uid_and_say_so() {
        let uid = "action-radio-rebook@winter-fire-safety-2026.collab";
        let open = event_lines(&test_calendar(), uid);
        assert!(
            open.contains(
                &"SUMMARY:Action due: Rebook regional radio\\, 11 January\\; check".to_string()
            ),
            "{open:?}"
        );
        assert!(!open.iter().any(|l| l.starts_with("STATUS:")), "{open:?}");
        let with = |status: &str| {
            let text = calendar_with(CONFIG, |name, text| match name {
                "meetings/winter.yaml" => {
                    text.replace("status: open", &format!("status: {status}"))
                }
                _ => text.to_string(),
            });
            event_lines(&text, uid)
        };
        let done = with("done");
        assert!(
            done.contains(
                &"SUMMARY:Action done: Rebook regional radio\\, 11 January\\; check".to_string()
            ),
            "{done:?}"
        );
        assert!(done.contains(&"STATUS:CONFIRMED".to_string()), "{done:?}");
        assert!(
            done.contains(&"DTSTART;VALUE=DATE:20261204".to_string()),
            "{done:?}"
        );
        let dropped = with("dropped");
        assert!(
            dropped.contains(&"STATUS:CANCELLED".to_string()),
            "{dropped:?}"
        );
        assert!(
            dropped
                .iter()
                .any(|l| l.starts_with("SUMMARY:Action dropped: ")),
            "{dropped:?}"
        );
        // The action that was done from the start is there too.
        let done_already = event_lines(
            &test_calendar(),
            "action-done-already@winter-fire-safety-2026.collab",
        );
        assert!(done_already.contains(&"SUMMARY:Action done: Done".to_string()));
    }

    #[test]
    fn activities_are_all_day_spans_ending_the_day_after() {
        let text = calendar_with(CONFIG, |name, text| {
            match name {
            "plan.yaml" => text.replace(
                "  milestones:",
                "  activities:\n    \
                 - { id: radio, name: Regional radio, owner: home-office, start: 2026-12-01, end: 2026-12-31, budget: 9000 }\n    \
                 - { id: one-day, name: Stall, start: 2026-12-05 }\n    \
                 - { id: undated, name: Later }\n  milestones:",
            ),
            _ => text.to_string(),
        }
        });
        let radio = event_lines(&text, "activity-radio@winter-fire-safety-2026.collab");
        assert!(
            radio.contains(&"DTSTART;VALUE=DATE:20261201".to_string()),
            "{radio:?}"
        );
        assert!(
            radio.contains(&"DTEND;VALUE=DATE:20270101".to_string()),
            "{radio:?}"
        );
        assert!(
            radio.contains(&"SUMMARY:Activity: Regional radio".to_string()),
            "{radio:?}"
        );
        assert!(
            radio.iter().any(|l| l.contains("Owner: Home Office")),
            "{radio:?}"
        );
        assert!(!text.contains("9000"), "no budget in the calendar");
        let stall = event_lines(&text, "activity-one-day@winter-fire-safety-2026.collab");
        assert!(
            stall.contains(&"DTSTART;VALUE=DATE:20261205".to_string()),
            "{stall:?}"
        );
        assert!(
            stall.contains(&"DTEND;VALUE=DATE:20261206".to_string()),
            "{stall:?}"
        );
        assert!(!text.contains("activity-undated@"), "{text}");
    }

    #[test]
    fn every_meeting_ends_by_its_duration_else_agenda_else_an_hour() {
        let text = calendar_with(CONFIG, |name, text| match name {
            "meetings/summer.yaml" | "meetings/winter.yaml" => text
                .replace("duration: 90\n", "")
                .replace("duration: 60\n", ""),
            _ => text.to_string(),
        });
        // Summer's agenda has 20 timed minutes and one untimed item.
        let summer = event_lines(&text, "meeting-summer@winter-fire-safety-2026.collab");
        assert!(
            summer.contains(&"DTEND;TZID=Europe/London:20260922T142000".to_string()),
            "{summer:?}"
        );
        // Winter has no agenda: one hour.
        let winter = event_lines(&text, "meeting-winter@winter-fire-safety-2026.collab");
        assert!(
            winter.contains(&"DTEND;TZID=Europe/London:20261117T110000".to_string()),
            "{winter:?}"
        );
        let untimed = calendar_with(CONFIG, |name, text| match name {
            "meetings/summer.yaml" => text
                .replace("duration: 90\n", "")
                .replace(", minutes: 20", ""),
            _ => text.to_string(),
        });
        let summer = event_lines(&untimed, "meeting-summer@winter-fire-safety-2026.collab");
        assert!(
            summer.contains(&"DTEND;TZID=Europe/London:20260922T150000".to_string()),
            "{summer:?}"
        );
        let meetings = unfolded(&text)
            .iter()
            .filter(|l| l.starts_with("UID:meeting-"))
            .count();
        let ends = unfolded(&text)
            .iter()
            .filter(|l| l.starts_with("DTEND;TZID="))
            .count();
        assert_eq!((meetings, ends), (2, 2));
    }

    #[test]
    fn uids_are_stable_and_unique() {
        let first = test_calendar();
        assert_eq!(first, test_calendar());
        assert!(first.contains("UID:meeting-summer@winter-fire-safety-2026.collab\r\n"));
        assert!(first.contains("DTSTAMP:20261124T000000Z\r\n"));
        // The same campaign twice: the second copy's UIDs get a counter.
        let ws = campaign_with(CONFIG, |_, text| text.to_string());
        let twice = calendar(&[(&ws.campaigns[0], today()), (&ws.campaigns[0], today())]);
        assert!(twice.contains("UID:meeting-summer-2@winter-fire-safety-2026.collab\r\n"));
        let uids: Vec<&str> = twice.lines().filter(|l| l.starts_with("UID:")).collect();
        let distinct: BTreeSet<&str> = uids.iter().copied().collect();
        assert_eq!(uids.len(), distinct.len());
    }

    #[test]
    fn the_calendar_is_well_formed() {
        let text = test_calendar();
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
        // A milestone, two meetings, a blackout and two actions (one done).
        let begins = text.matches("BEGIN:VEVENT").count();
        assert_eq!(begins, 6);
        assert_eq!(begins, text.matches("END:VEVENT").count());
    }

    #[test]
    fn an_unknown_zone_gives_floating_times() {
        let config = CONFIG.replace("Europe/London", "Mars/Olympus_Mons");
        let text = calendar_with(&config, |_, text| text.to_string());
        assert!(!text.contains("VTIMEZONE"));
        assert!(text.contains("DTSTART:20260922T140000\r\n"));
    }

    #[test]
    fn a_zone_without_changes_gets_one_standard_block() {
        let config = CONFIG.replace("Europe/London", "UTC");
        let text = calendar_with(&config, |_, text| text.to_string());
        assert!(text.contains(
            "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0000\r\n\
             TZOFFSETTO:+0000\r\nTZNAME:UTC\r\nEND:STANDARD\r\n"
        ));
    }

    #[test]
    fn items_without_a_date_have_no_event() {
        let config = CONFIG.replace("start = 2026-11-06\n", "");
        let text = calendar_with(&config, |name, text| match name {
            "plan.yaml" => text.replace(", date: 2026-12-01", ""),
            "meetings/summer.yaml" => text.replace("date: 2026-09-22T14:00\n", ""),
            "meetings/winter.yaml" => text
                .replace("due: 2026-12-04, ", "")
                .replace(", due: 2026-12-05", ""),
            _ => text.to_string(),
        });
        let uids: Vec<&str> = text.lines().filter(|l| l.starts_with("UID:")).collect();
        assert_eq!(uids, ["UID:meeting-winter@winter-fire-safety-2026.collab"]);
        assert!(!text.contains("1970"), "{text}");
    }

    #[test]
    fn a_campaign_without_an_id_is_named_by_its_name_in_uids() {
        let config = CONFIG.replace("id = \"winter-fire-safety-2026\"\n", "");
        let text = calendar_with(&config, |_, text| text.to_string());
        assert!(text.contains("UID:milestone-launch@winter-home-fire-safety-2026.collab\r\n"));
        assert!(text.contains("Campaign: Winter Home Fire Safety 2026"));
        let config = config.replace("name = \"Winter Home Fire Safety 2026\"\n", "");
        let text = calendar_with(&config, |_, text| text.to_string());
        assert!(text.contains("UID:milestone-launch@campaign.collab\r\n"));
        assert!(!text.contains("X-WR-CALNAME"));
    }

    #[test]
    fn items_without_ids_are_keyed_by_date_and_name() {
        let text = calendar_with(CONFIG, |name, text| match name {
            "plan.yaml" => text.replace("id: launch, ", ""),
            "meetings/summer.yaml" => text.replace("id: summer\n", ""),
            _ => text.to_string(),
        });
        assert!(text.contains("UID:milestone-2026-12-01-launch@"));
        assert!(text.contains("UID:meeting-2026-09-22-meeting-summer@"));
    }

    #[test]
    fn meetings_start_on_the_minute_written() {
        let text = calendar_with(CONFIG, |name, text| match name {
            "meetings/summer.yaml" => text.replace("T14:00", "T14:00:45"),
            _ => text.to_string(),
        });
        assert!(text.contains("DTSTART;TZID=Europe/London:20260922T140000\r\n"));
        assert!(text.contains("DTEND;TZID=Europe/London:20260922T153000\r\n"));
    }
}
