use std::path::Path;

use super::*;
use crate::load::campaign_from_texts;

const CONFIG: &str = r#"[campaign]
id = "c"
name = "Test & <campaign>"
lead = "a"
launch = 2026-02-10

[[blackout]]
name = "Election"
start = 2026-03-01
end = 2026-03-10
"#;

const PARTNERS: &str = r#"version: 1
kind: partners
partners:
  - id: a
    name: Alpha Council
  - id: b
    name: Beta Fire
"#;

const PLAN: &str = r#"version: 1
kind: plan
framework: oasis
title: T
implementation:
  activities:
    - { id: late, name: Late, owner: a, start: 2026-03-15, end: 2026-03-20 }
    - { id: early, name: Early, owner: a, start: 2026-01-05, end: 2026-01-31 }
    - { id: undated, name: Undated, owner: a }
    - { id: stranger, name: Stranger, owner: zed, start: 2026-02-01 }
    - { id: orphan, name: Orphan, end: 2026-02-02 }
    - { id: beta, name: Beta work, owner: b, start: 2026-02-01, end: 2026-02-28 }
  milestones:
    - { id: ok, name: Budget agreed, date: 2026-01-20, type: budget-approval }
    - { id: go, name: Launch, date: 2026-02-10, type: launch }
"#;

fn day(s: &str) -> Date {
    Date::parse(s).expect("a test date")
}

fn chart(files: &[(&str, &str)]) -> Gantt {
    chart_with(CONFIG, files)
}

fn chart_with(config: &str, files: &[(&str, &str)]) -> Gantt {
    let ws = campaign_from_texts(Path::new("/c"), config, files);
    let campaign = ws.campaigns.into_iter().next().expect("the campaign loads");
    build(&campaign, day("2026-02-15"))
}

fn sample() -> Gantt {
    chart(&[("partners.yaml", PARTNERS), ("plan.yaml", PLAN)])
}

#[test]
fn groups_follow_the_partners_order_then_strangers_then_no_owner() {
    let g = sample();
    let names: Vec<&str> = g.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Alpha Council", "Beta Fire", "zed", NO_OWNER]);
}

#[test]
fn bars_are_ordered_by_date_with_undated_last() {
    let g = sample();
    let ids: Vec<&str> = g.groups[0].bars.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["early", "late", "undated"]);
    assert_eq!(g.groups[0].bars[2].days(), None);
    // One date alone makes a one-day bar.
    let orphan = &g.groups[3].bars[0];
    assert_eq!(orphan.days(), Some((day("2026-02-02"), day("2026-02-02"))));
}

#[test]
fn the_range_covers_whole_months() {
    let g = sample();
    let r = g.range.expect("a range");
    assert_eq!((r.start, r.end), (day("2026-01-01"), day("2026-03-31")));
    let labels: Vec<&str> = g.months.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["Jan 2026", "Feb 2026", "Mar 2026"]);
    assert_eq!(g.days(), 90);
}

#[test]
fn dates_map_to_columns() {
    let g = sample();
    assert_eq!(g.column(day("2026-01-01"), 90), 0);
    assert_eq!(g.column(day("2026-02-01"), 90), 31);
    assert_eq!(g.column(day("2026-03-31"), 90), 89);
    assert_eq!(g.column(day("2026-03-31"), 9), 8);
    // Dates outside the range are held to its edges.
    assert_eq!(g.column(day("2025-06-01"), 9), 0);
    assert_eq!(g.column(day("2027-06-01"), 9), 8);
}

#[test]
fn an_empty_campaign_has_no_range_and_says_so() {
    let g = chart_with("[campaign]\nid = \"e\"\nname = \"E\"\n", &[]);
    assert_eq!(g.range, None);
    assert!(g.months.is_empty() && g.groups.is_empty());
    let text = terminal(&g, 80, false);
    assert!(text.contains("Timeline of"), "{text}");
    assert!(svg(&g).contains("<desc id=\"gantt-desc\">"));
}

#[test]
fn the_public_chart_drops_meetings_and_internal_milestones() {
    let mut g = sample();
    g.meetings.push(Marker {
        date: day("2026-02-03"),
        title: "Catch-up".into(),
        kind: None,
    });
    let p = g.public();
    assert!(p.meetings.is_empty());
    let titles: Vec<&str> = p.milestones.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles, ["Launch"]);
    assert_eq!(p.groups, g.groups);
}

#[test]
fn svg_text_is_escaped_and_numbers_have_one_decimal() {
    let s = svg(&sample());
    assert!(s.contains("Timeline of Test &amp; &lt;campaign&gt;"), "{s}");
    assert!(!s.contains("<campaign>"));
    assert!(s.contains("role=\"img\""));
    assert!(s.contains("x=\"250.0\""));
}

#[test]
fn terminal_lines_fit_the_width_and_ascii_is_ascii() {
    let g = sample();
    for width in [40, 80, 200] {
        let text = terminal(&g, width, false);
        for line in text.lines() {
            assert!(line.width() <= width, "{width}: {line:?}");
        }
        assert!(text.contains("█") && text.contains("Feb"), "{text}");
    }
    let ascii = terminal(&g, 80, true);
    assert!(ascii.is_ascii(), "{ascii}");
    assert!(
        ascii.contains('#') && ascii.contains("(no dates)"),
        "{ascii}"
    );
}

#[test]
fn long_labels_are_cut_with_an_ellipsis() {
    assert_eq!(truncate("abcdefgh", 5, false), "abcd…");
    assert_eq!(truncate("abcdefgh", 5, true), "ab...");
    assert_eq!(truncate("abc", 5, false), "abc");
}

#[test]
fn bars_can_be_grouped_by_channel() {
    let ws = campaign_from_texts(
        Path::new("/c"),
        CONFIG,
        &[
            (
                "partners.yaml",
                "version: 1\nkind: partners\npartners:\n  - id: a\n    name: Alpha\n    channels:\n      - { id: radio, name: Local radio }\n      - { id: web, name: Website }\n",
            ),
            (
                "plan.yaml",
                "version: 1\nkind: plan\nframework: oasis\ntitle: T\nimplementation:\n  activities:\n    - { id: one, name: One, owner: a, channel: web, start: 2026-01-05 }\n    - { id: two, name: Two, owner: a, channel: radio, start: 2026-01-06 }\n    - { id: three, name: Three, owner: a, start: 2026-01-07 }\n",
            ),
        ],
    );
    let campaign = ws.campaigns.into_iter().next().expect("the campaign loads");
    let g = build_by(&campaign, day("2026-02-15"), GroupBy::Channel);
    let names: Vec<&str> = g.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Local radio", "Website", NO_CHANNEL]);
    assert_eq!(g.groups[0].key.as_deref(), Some("radio"));
    let by_owner = build(&campaign, day("2026-02-15"));
    assert_eq!(by_owner.groups.len(), 1);
    assert_eq!(by_owner.groups[0].bars.len(), 3);
}

#[test]
fn a_range_of_centuries_draws_a_bounded_chart() {
    let plan = "version: 1\nkind: plan\nframework: oasis\ntitle: T\nimplementation:\n  activities:\n    - { id: old, name: Old, start: 1900-01-01 }\n    - { id: new, name: New, end: 2199-12-31 }\n";
    let g = chart(&[("plan.yaml", plan)]);
    assert_eq!(g.months.len(), 300 * 12);
    let s = svg(&g);
    assert!(s.matches("class=\"gantt-grid\"").count() <= 75);
    assert!(s.len() < 30_000, "{}", s.len());
    let text = terminal(&g, 80, false);
    assert!(text.lines().all(|l| l.width() <= 80), "{text}");
}
