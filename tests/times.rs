//! Meeting times across the clocks changing: `status`, the agenda pack and
//! the calendar agree, and a time the clocks skip is reported.

mod common;

use std::fs;
use std::path::Path;

use common::{TODAY, collab, example_copy, triples, validate_json};
use serde_json::Value;
use tempfile::TempDir;

const MEETING: &str = "meetings/agency-briefing.yaml";

/// Move the agency briefing to `date`, with a first item of `first`
/// minutes and a length of `duration` minutes.
fn reschedule(campaign: &Path, date: &str, first: u32, duration: u32) {
    let path = campaign.join(MEETING);
    let text = fs::read_to_string(&path).unwrap();
    let text = text
        .replace("date: 2026-09-22T14:00", &format!("date: {date}"))
        .replace("duration: 90", &format!("duration: {duration}"))
        .replace(
            "{ topic: objectives, minutes: 20 }",
            &format!("{{ topic: objectives, minutes: {first} }}"),
        );
    fs::write(&path, text).unwrap();
}

fn stdout_of(campaign: &Path, args: &[&str]) -> String {
    let out = collab()
        .current_dir(campaign)
        .args(args)
        .args(["--today", TODAY])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_meeting_across_the_autumn_change_ends_at_the_same_time_everywhere() {
    // BST ends at 02:00 on 25 October 2026 and the clocks go back to 01:00:
    // three hours from 00:30 BST is 02:30 GMT, not 03:30.
    let tmp = example_copy("winter-fire-safety");
    reschedule(tmp.path(), "2026-10-25T00:30", 120, 180);

    let status: Value =
        serde_json::from_str(&stdout_of(tmp.path(), &["status", "--format", "json"])).unwrap();
    let meeting = status["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "agency-briefing")
        .unwrap();
    assert_eq!(meeting["time"], "00:30");
    assert_eq!(meeting["end_time"], "02:30");
    let starts: Vec<&str> = meeting["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["start"].as_str().unwrap())
        .collect();
    // 120 minutes after 00:30 BST is 01:30 GMT, the second 01:30 that night.
    assert_eq!(starts, ["00:30", "01:30", "02:00", "02:25"]);

    let out = TempDir::new().unwrap();
    let rendered = collab()
        .current_dir(tmp.path())
        .args([
            "render", "--today", TODAY, "--pack", "agenda", "--format", "md",
        ])
        .args(["--meeting", "agency-briefing", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        rendered.status.success(),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    let agenda = fs::read_to_string(out.path().join("agenda-agency-briefing.md")).unwrap();
    assert!(agenda.contains("00:30 to 02:30"), "{agenda}");
    assert!(!agenda.contains("03:30"), "{agenda}");

    let calendar = stdout_of(tmp.path(), &["calendar"]).replace("\r\n ", "");
    assert!(
        calendar.contains("DTSTART;TZID=Europe/London:20261025T003000\r\n"),
        "{calendar}"
    );
    assert!(
        calendar.contains("DTEND;TZID=Europe/London:20261025T023000\r\n"),
        "{calendar}"
    );
    assert!(calendar.contains("\\n01:30 "), "{calendar}");
}

#[test]
fn a_meeting_at_a_time_the_clocks_skip_is_warned_about() {
    // 01:00 to 02:00 on 28 March 2027 does not happen in Europe/London.
    let tmp = example_copy("winter-fire-safety");
    reschedule(tmp.path(), "2027-03-28T01:30", 20, 60);
    let (code, report) = validate_json(tmp.path(), &[]);
    let found = triples(&report);
    let gap: Vec<_> = found
        .iter()
        .filter(|(rule, _, _)| rule == "nonexistent-local-time")
        .collect();
    assert_eq!(
        gap,
        [&("nonexistent-local-time".to_string(), MEETING.to_string(), 8)],
        "{found:#?}"
    );
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "nonexistent-local-time")
        .unwrap();
    assert_eq!(finding["level"], "warning");
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("01:30 on 2027-03-28"), "{message}");
    assert!(message.contains("Europe/London"), "{message}");
    assert_ne!(code, 2);

    // An hour later exists: no finding.
    let tmp = example_copy("winter-fire-safety");
    reschedule(tmp.path(), "2027-03-28T02:30", 20, 60);
    let (_, report) = validate_json(tmp.path(), &[]);
    assert!(
        !triples(&report)
            .iter()
            .any(|(rule, _, _)| rule == "nonexistent-local-time"),
        "{report:#}"
    );
}
