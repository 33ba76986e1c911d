//! `collab calendar` end to end on the shipped examples.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{TODAY, collab, example_copy, repo};
use serde_json::Value;
use tempfile::TempDir;

const EXAMPLES: [&str; 2] = ["winter-fire-safety", "safer-streets"];

fn example(name: &str) -> PathBuf {
    repo().join("examples").join(name)
}

/// The calendar of one example, as printed.
fn calendar_of(name: &str) -> String {
    let out = collab()
        .current_dir(example(name))
        .args(["calendar", "--today", TODAY])
        .output()
        .expect("collab runs");
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the calendar is UTF-8")
}

/// The campaign view of one example, as `status --format json` gives it.
fn view_of(name: &str) -> Value {
    let out = collab()
        .current_dir(example(name))
        .args(["status", "--format", "json", "--today", TODAY])
        .output()
        .expect("collab runs");
    serde_json::from_slice(&out.stdout).expect("status prints JSON")
}

/// The logical lines of a calendar, folds undone.
fn unfolded(text: &str) -> Vec<String> {
    text.replace("\r\n ", "")
        .split_terminator("\r\n")
        .map(str::to_string)
        .collect()
}

/// One component's properties: the name with its parameters
/// (`DTSTART;TZID=Europe/London`) → the value.
type Props = BTreeMap<String, String>;

/// The properties of every `kind` component (VEVENT, DAYLIGHT, …).
fn components(text: &str, kind: &str) -> Vec<Props> {
    let mut found = Vec::new();
    let mut current: Option<Props> = None;
    for line in unfolded(text) {
        if line == format!("BEGIN:{kind}") {
            current = Some(Props::new());
        } else if line == format!("END:{kind}") {
            found.extend(current.take());
        } else if let Some(props) = current.as_mut()
            && let Some((name, value)) = line.split_once(':')
        {
            props.insert(name.to_string(), value.to_string());
        }
    }
    found
}

/// Each event by UID.
fn events_by_uid(text: &str) -> BTreeMap<String, Props> {
    components(text, "VEVENT")
        .into_iter()
        .map(|e| (e["UID"].clone(), e))
        .collect()
}

fn compact_date(date: &str) -> String {
    date.replace('-', "")
}

/// "2026-09-22T14:00" → "20260922T140000".
fn compact_datetime(date: &str) -> String {
    format!("{}00", date.replace(['-', ':'], ""))
}

fn strs<'a>(value: &'a Value, key: &str) -> Vec<&'a Value> {
    value[key]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

#[test]
fn every_dated_item_of_both_examples_is_in_the_calendar() {
    for name in EXAMPLES {
        let text = calendar_of(name);
        let view = view_of(name);
        let id = view["campaign"]["id"].as_str().unwrap();
        let zone = view["campaign"]["timezone"].as_str().unwrap();
        let events = events_by_uid(&text);
        let event = |uid: &str| -> &Props {
            events
                .get(uid)
                .unwrap_or_else(|| panic!("{name}: no event {uid} in\n{text}"))
        };
        let mut expected = 0;

        for m in strs(&view["plan"], "milestones") {
            let uid = format!("milestone-{}@{id}.collab", m["id"].as_str().unwrap());
            let e = event(&uid);
            let date = compact_date(m["date"].as_str().unwrap());
            assert_eq!(e["DTSTART;VALUE=DATE"], date, "{uid}");
            assert_eq!(
                e["SUMMARY"],
                m["name"].as_str().unwrap().replace(',', "\\,")
            );
            expected += 1;
        }
        for a in strs(&view["plan"], "activities") {
            let Some(start) = a["start"].as_str() else {
                continue;
            };
            let uid = format!("activity-{}@{id}.collab", a["id"].as_str().unwrap());
            let e = event(&uid);
            assert_eq!(e["DTSTART;VALUE=DATE"], compact_date(start), "{uid}");
            let last = jiff::civil::Date::strptime("%Y-%m-%d", a["end"].as_str().unwrap_or(start))
                .unwrap();
            let after = last.tomorrow().unwrap().to_string();
            assert_eq!(e["DTEND;VALUE=DATE"], compact_date(&after), "{uid}");
            assert!(e["SUMMARY"].starts_with("Activity: "), "{uid}");
            expected += 1;
        }
        for m in strs(&view, "meetings") {
            let uid = format!("meeting-{}@{id}.collab", m["id"].as_str().unwrap());
            let e = event(&uid);
            let start = compact_datetime(m["date"].as_str().unwrap());
            assert_eq!(e[&format!("DTSTART;TZID={zone}")], start, "{uid}");
            assert!(e.contains_key(&format!("DTEND;TZID={zone}")), "{uid}");
            assert!(e.contains_key("LOCATION"), "{uid}");
            // The agenda: each item's start time and title.
            let description = &e["DESCRIPTION"];
            for item in strs(m, "agenda") {
                let line = format!(
                    "\\n{} {}",
                    item["start"].as_str().unwrap(),
                    item["title"].as_str().unwrap().replace(',', "\\,")
                );
                assert!(
                    description.contains(&line),
                    "{uid}: {line} in {description}"
                );
            }
            expected += 1;
        }
        // Every action with a due date, whatever its status.
        let actions = strs(&view, "meetings")
            .into_iter()
            .flat_map(|m| strs(m, "actions"));
        for a in actions {
            let Some(due) = a["due"].as_str() else {
                continue;
            };
            let uid = format!("action-{}@{id}.collab", a["id"].as_str().unwrap());
            let e = event(&uid);
            assert_eq!(e["DTSTART;VALUE=DATE"], compact_date(due), "{uid}");
            let opening = match a["status"].as_str() {
                Some("done") => "Action done: ",
                Some("dropped") => "Action dropped: ",
                _ => "Action due: ",
            };
            assert!(e["SUMMARY"].starts_with(opening), "{uid}");
            expected += 1;
        }
        expected += strs(&view, "blackouts").len();
        assert_eq!(events.len(), expected, "{name}: event count");
        assert!(expected > 10, "{name}: only {expected} events");
    }
}

#[test]
fn blackout_windows_end_the_day_after_their_last_day() {
    let cases = [
        (
            "winter-fire-safety",
            "blackout-remembrance-period@winter-fire-safety-2026.collab",
            "20261106",
            "20261112",
        ),
        (
            "winter-fire-safety",
            "blackout-pre-election-period-may-2027-local-elections@winter-fire-safety-2026.collab",
            "20270325",
            "20270507",
        ),
        (
            "safer-streets",
            "blackout-council-christmas-closedown@safer-streets-2026.collab",
            "20261224",
            "20270104",
        ),
    ];
    for (name, uid, start, end) in cases {
        let events = events_by_uid(&calendar_of(name));
        let e = events
            .get(uid)
            .unwrap_or_else(|| panic!("{name}: no {uid}"));
        assert_eq!(e["DTSTART;VALUE=DATE"], start, "{uid}");
        assert_eq!(e["DTEND;VALUE=DATE"], end, "{uid}");
    }
}

#[test]
fn milestones_and_actions_are_single_all_day_events() {
    let events = events_by_uid(&calendar_of("winter-fire-safety"));
    let launch = &events["milestone-launch@winter-fire-safety-2026.collab"];
    assert_eq!(launch["DTSTART;VALUE=DATE"], "20261201");
    assert_eq!(launch["DTEND;VALUE=DATE"], "20261202");
    assert_eq!(launch["SUMMARY"], "Launch");
    let rebook = &events["action-radio-rebook@winter-fire-safety-2026.collab"];
    assert_eq!(rebook["DTSTART;VALUE=DATE"], "20261204");
    assert_eq!(rebook["DTEND;VALUE=DATE"], "20261205");
    assert_eq!(
        rebook["SUMMARY"],
        "Action due: Rebook regional radio for 11 January to 7 February"
    );
    assert!(!rebook.contains_key("STATUS"));
    // Done and dropped actions stay, under the UID they had while open.
    let dropped = &events["action-radio-buy@winter-fire-safety-2026.collab"];
    assert_eq!(dropped["STATUS"], "CANCELLED");
    assert_eq!(
        dropped["SUMMARY"],
        "Action dropped: Confirm regional radio buy"
    );
    assert_eq!(dropped["DTSTART;VALUE=DATE"], "20261106");
    let done = &events["action-creative-routes@winter-fire-safety-2026.collab"];
    assert_eq!(done["STATUS"], "CONFIRMED");
    assert_eq!(
        done["SUMMARY"],
        "Action done: Circulate two creative routes for partner comment"
    );
}

/// The UTC instant of a local time under the calendar's own VTIMEZONE, the
/// way a calendar program reads it: the observance whose onset is the
/// latest one not after the instant applies.
fn utc_by_vtimezone(text: &str, local: &str) -> jiff::Timestamp {
    let parse_offset = |s: &str| -> i64 {
        let sign = if s.starts_with('-') { -1 } else { 1 };
        let h: i64 = s[1..3].parse().unwrap();
        let m: i64 = s[3..5].parse().unwrap();
        sign * (h * 3600 + m * 60)
    };
    let parse_local = |s: &str| -> jiff::civil::DateTime {
        jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S", s).unwrap()
    };
    let at_offset = |dt: jiff::civil::DateTime, secs: i64| {
        dt.to_zoned_datetime(jiff::tz::TimeZone::fixed(
            jiff::tz::Offset::from_seconds(secs as i32).unwrap(),
        ))
        .unwrap()
        .timestamp()
    };
    let mut observances: Vec<(jiff::Timestamp, i64)> = ["STANDARD", "DAYLIGHT"]
        .iter()
        .flat_map(|kind| components(text, kind))
        .map(|o| {
            let from = parse_offset(&o["TZOFFSETFROM"]);
            let to = parse_offset(&o["TZOFFSETTO"]);
            (at_offset(parse_local(&o["DTSTART"]), from), to)
        })
        .collect();
    observances.sort();
    let local = parse_local(local);
    let mut chosen = None;
    for (onset, to) in &observances {
        if at_offset(local, *to) >= *onset {
            chosen = Some(*to);
        }
    }
    at_offset(local, chosen.expect("an observance covers the time"))
}

#[test]
fn meetings_keep_their_local_time_in_summer_and_in_winter() {
    let text = calendar_of("winter-fire-safety");
    let events = events_by_uid(&text);
    // 22 September is in British Summer Time, 17 November in GMT.
    let summer = &events["meeting-agency-briefing@winter-fire-safety-2026.collab"];
    let winter = &events["meeting-catch-up-november@winter-fire-safety-2026.collab"];
    assert_eq!(summer["DTSTART;TZID=Europe/London"], "20260922T140000");
    assert_eq!(summer["DTEND;TZID=Europe/London"], "20260922T153000");
    assert_eq!(winter["DTSTART;TZID=Europe/London"], "20261117T100000");
    assert_eq!(winter["DTEND;TZID=Europe/London"], "20261117T110000");

    // The VTIMEZONE puts them at the right instants: 13:00 UTC (BST is one
    // hour ahead) and 10:00 UTC.
    assert_eq!(
        utc_by_vtimezone(&text, "20260922T140000").to_string(),
        "2026-09-22T13:00:00Z"
    );
    assert_eq!(
        utc_by_vtimezone(&text, "20261117T100000").to_string(),
        "2026-11-17T10:00:00Z"
    );
    // And so does the time zone database, for every meeting in both examples.
    let london = jiff::tz::TimeZone::get("Europe/London").unwrap();
    for name in EXAMPLES {
        let text = calendar_of(name);
        for e in components(&text, "VEVENT") {
            if let Some(start) = e.get("DTSTART;TZID=Europe/London") {
                let local = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S", start).unwrap();
                let want = local.to_zoned_datetime(london.clone()).unwrap().timestamp();
                assert_eq!(utc_by_vtimezone(&text, start), want, "{name}: {start}");
            }
        }
    }
    let tz = components(&text, "VTIMEZONE");
    assert_eq!(tz.len(), 1);
    assert_eq!(tz[0]["TZID"], "Europe/London");
    let daylight = components(&text, "DAYLIGHT");
    assert!(daylight.iter().any(|d| d["DTSTART"] == "20260329T010000"
        && d["TZOFFSETTO"] == "+0100"
        && d["TZNAME"] == "BST"));
    let standard = components(&text, "STANDARD");
    assert!(standard.iter().any(|s| s["DTSTART"] == "20261025T020000"
        && s["TZOFFSETTO"] == "+0000"
        && s["TZNAME"] == "GMT"));
}

#[test]
fn the_file_follows_rfc_5545_text_rules() {
    for name in EXAMPLES {
        let text = calendar_of(name);
        assert!(
            text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            "{name}"
        );
        assert!(text.ends_with("END:VCALENDAR\r\n"), "{name}");
        assert!(
            !text.replace("\r\n", "").contains(['\r', '\n']),
            "{name}: a bare CR or LF"
        );
        for line in text.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{name}: {} octets: {line}", line.len());
        }
        let lines = unfolded(&text);
        for needed in [
            "PRODID:",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:",
        ] {
            assert!(
                lines.iter().any(|l| l.starts_with(needed)),
                "{name}: no {needed}"
            );
        }
        for e in components(&text, "VEVENT") {
            for key in ["UID", "DTSTAMP", "SUMMARY"] {
                assert!(e.contains_key(key), "{name}: an event without {key}: {e:?}");
            }
            assert!(e.keys().any(|k| k.starts_with("DTSTART")), "{name}: {e:?}");
            assert_eq!(e["DTSTAMP"], "20261124T000000Z");
        }
    }
}

#[test]
fn two_runs_are_byte_identical_and_out_writes_the_same_bytes() {
    for name in EXAMPLES {
        let first = calendar_of(name);
        assert_eq!(first, calendar_of(name), "{name}");

        let dir = TempDir::new().unwrap();
        let file = dir.path().join("nested/campaign.ics");
        let out = collab()
            .current_dir(example(name))
            .args(["calendar", "--today", TODAY, "--out"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        assert!(out.stdout.is_empty(), "{name}: --out prints nothing");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), first, "{name}");
    }
}

#[test]
fn a_workspace_gives_one_calendar_of_every_campaign() {
    let out = collab()
        .current_dir(repo().join("examples"))
        .args(["calendar", "--today", TODAY])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let both = events_by_uid(&text);
    let apart: usize = EXAMPLES
        .iter()
        .map(|n| events_by_uid(&calendar_of(n)).len())
        .sum();
    assert_eq!(both.len(), apart);
    assert!(both.contains_key("milestone-launch@winter-fire-safety-2026.collab"));
    assert!(both.contains_key("milestone-launch@safer-streets-2026.collab"));
    assert_eq!(components(&text, "VTIMEZONE").len(), 1);
}

#[test]
fn the_calendar_of_each_example_matches_its_snapshot() {
    for name in EXAMPLES {
        let text = calendar_of(name);
        // Every line ends in CRLF; the snapshot shows the lines.
        assert!(!text.replace("\r\n", "").contains(['\r', '\n']), "{name}");
        insta::assert_snapshot!(format!("calendar-{name}"), text.replace("\r\n", "\n"));
    }
}

/// A half-written campaign (a blackout with no start, a milestone with no
/// date) has errors, so it gets no calendar; items with no date are left
/// out of a valid one (see the unit tests in src/calendar).
#[test]
fn a_half_written_campaign_gives_no_calendar() {
    let tmp = TempDir::new().unwrap();
    std::fs::write(
        tmp.path().join("collab.toml"),
        "[campaign]\nid = \"half\"\nname = \"Half written\"\n\n[[blackout]]\nname = \"No start\"\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("plan.yaml"),
        "version: 1\nkind: plan\nimplementation:\n  milestones:\n    \
         - { id: undated, name: Undated }\n    \
         - { id: launch, name: Launch, date: 2026-12-01, type: launch }\n",
    )
    .unwrap();
    let out = collab()
        .current_dir(tmp.path())
        .args(["calendar", "--today", TODAY])
        .output()
        .expect("collab runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty(), "no calendar on stdout");
    assert!(stderr.contains("Nothing was written."), "{stderr}");
}

/// Edit one file of a copy of the winter example, run `collab calendar
/// --out cal.ics` there and check it fails having written nothing.
fn refuses_after(file: &str, from: &str, to: &str, rule: &str) {
    let tmp = example_copy("winter-fire-safety");
    let path = tmp.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} holds {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    for out_args in [&["--out", "cal.ics"][..], &[][..]] {
        let out = collab()
            .current_dir(tmp.path())
            .args(["calendar", "--today", TODAY])
            .args(out_args)
            .output()
            .expect("collab runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(out.stdout.is_empty(), "nothing on stdout");
        assert!(stderr.contains(rule), "{rule} in {stderr}");
        assert!(stderr.contains("Nothing was written."), "{stderr}");
        assert!(!tmp.path().join("cal.ics").exists(), "no calendar file");
    }
}

#[test]
fn an_invalid_timezone_gives_no_calendar_and_exit_1() {
    refuses_after(
        "collab.toml",
        "timezone = \"Europe/London\"",
        "timezone = \"Europe/Atlantis\"",
        "error",
    );
}

#[test]
fn an_unknown_reference_gives_no_calendar_and_exit_1() {
    refuses_after(
        "meetings/agency-briefing.yaml",
        "chair: home-office",
        "chair: no-such-partner",
        "unknown-reference",
    );
}

#[test]
fn a_meeting_without_a_duration_ends_after_its_agenda_else_an_hour() {
    let tmp = example_copy("winter-fire-safety");
    let meetings = tmp.path().join("meetings");
    let edit = |file: &str, edits: &[(&str, &str)]| {
        let path = meetings.join(file);
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (from, to) in edits {
            assert!(text.contains(from), "{file} holds {from}");
            text = text.replace(from, to);
        }
        std::fs::write(&path, text).unwrap();
    };
    // 20 + 15 + 20 + 35 minutes of agenda.
    edit(
        "catch-up-2026-11-17.yaml",
        &[("duration: 60\n", ""), ("minutes: 5 }", "minutes: 35 }")],
    );
    // No agenda minutes at all: one hour.
    edit(
        "initial-partnering.yaml",
        &[
            ("duration: 150                        # minutes\n", ""),
            (", minutes: 25 }", " }"),
            (", minutes: 20 }", " }"),
            (", minutes: 15 }", " }"),
        ],
    );
    let out = collab()
        .current_dir(tmp.path())
        .args(["calendar", "--today", TODAY])
        .output()
        .expect("collab runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events = events_by_uid(&String::from_utf8(out.stdout).unwrap());
    let end = |id: &str| {
        events[&format!("meeting-{id}@winter-fire-safety-2026.collab")]["DTEND;TZID=Europe/London"]
            .clone()
    };
    assert_eq!(end("catch-up-november"), "20261117T113000");
    assert_eq!(end("initial-partnering"), "20260908T110000");
}
