//! The timeline chart: inline SVG in the HTML packs and
//! `collab status --timeline` in the terminal.

mod common;

use std::fs;
use std::path::Path;

use common::{TODAY, collab, render_into, repo};
use quick_xml::events::Event;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

const EXAMPLES: [&str; 2] = ["winter-fire-safety", "safer-streets"];

/// The `<svg>…</svg>` element of an HTML pack.
fn svg_of(html: &str) -> &str {
    let start = html.find("<svg").expect("the pack has an SVG");
    let end = html[start..].find("</svg>").expect("the SVG is closed") + start + 6;
    &html[start..end]
}

/// Parse the SVG with quick-xml: it must be well-formed. Returns the root
/// element's attributes and the names of every element.
fn parse(svg: &str) -> (Vec<(String, String)>, Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut root = Vec::new();
    let mut names = Vec::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.name().as_ref().to_string();
                if names.is_empty() {
                    for a in e.attributes() {
                        let a = a.expect("a well-formed attribute");
                        // Raw values: the root's attributes hold no entities.
                        let value = a.value.to_string();
                        root.push((a.key.as_ref().to_string(), value));
                    }
                }
                names.push(name);
                depth += 1;
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(_) => {}
            Err(e) => panic!("the SVG is not well-formed: {e}\n{svg}"),
        }
    }
    (root, names)
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[test]
fn the_svg_of_both_examples_is_well_formed_accessible_and_snapshotted() {
    for example in EXAMPLES {
        let out = TempDir::new().unwrap();
        let result = render_into(&repo().join("examples").join(example), out.path(), &[]);
        assert!(result.status.success(), "{example}");
        for pack in ["briefing", "partner"] {
            let html = fs::read_to_string(out.path().join(format!("{pack}.html"))).unwrap();
            let svg = svg_of(&html);
            let (root, names) = parse(svg);
            assert_eq!(attr(&root, "role"), Some("img"), "{example} {pack}");
            assert_eq!(
                attr(&root, "aria-labelledby"),
                Some("gantt-title gantt-desc")
            );
            assert!(names.contains(&"title".to_string()), "{names:?}");
            assert!(names.contains(&"desc".to_string()), "{names:?}");
            assert!(svg.contains("<title id=\"gantt-title\">"));
            assert!(svg.contains("<desc id=\"gantt-desc\">"));
            // The same facts in a table beside the chart.
            assert!(html.contains("<caption>The timeline chart as a table</caption>"));
            insta::assert_snapshot!(format!("{example}__{pack}_svg"), svg);
        }
    }
}

#[test]
fn the_partner_chart_shows_no_meetings_or_internal_milestones() {
    let out = TempDir::new().unwrap();
    let campaign = repo().join("examples/winter-fire-safety");
    assert!(render_into(&campaign, out.path(), &[]).status.success());
    let partner = fs::read_to_string(out.path().join("partner.html")).unwrap();
    let briefing = fs::read_to_string(out.path().join("briefing.html")).unwrap();
    let (public, team) = (svg_of(&partner), svg_of(&briefing));
    assert!(team.contains("<circle class=\"gantt-meeting\""));
    assert!(!public.contains("<circle"), "{public}");
    assert!(team.contains("Milestone: Budget approval"));
    assert!(!public.contains("Budget approval"), "{public}");
    assert!(!public.contains("Ministerial"), "{public}");
    assert!(public.contains("Milestone: Launch"));
    assert!(!public.contains('£'));
}

/// `collab status --timeline` in `dir` at `columns`, with a UTF-8 locale
/// unless `lang` says otherwise.
fn timeline(dir: &Path, columns: usize, lang: &str, extra: &[&str]) -> String {
    let out = collab()
        .current_dir(dir)
        .env("COLUMNS", columns.to_string())
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", lang)
        .args(["status", "--timeline", "--today", TODAY])
        .args(extra)
        .output()
        .expect("collab runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn assert_fits(text: &str, width: usize) {
    for line in text.lines() {
        assert!(line.width() <= width, "wider than {width}: {line:?}");
    }
}

/// The activity names of an example's plan.
fn activity_names(example: &str) -> Vec<String> {
    let out = collab()
        .current_dir(repo().join("examples").join(example))
        .args(["status", "--format", "json", "--today", TODAY])
        .output()
        .expect("collab runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["plan"]["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn status_timeline_fits_80_and_200_columns_with_every_activity_and_month() {
    for example in EXAMPLES {
        let dir = repo().join("examples").join(example);
        let names = activity_names(example);
        assert!(!names.is_empty());
        for width in [80, 200] {
            let text = timeline(&dir, width, "en_GB.UTF-8", &[]);
            assert_fits(&text, width);
            for name in &names {
                let start: String = name.chars().take(20).collect();
                assert!(text.contains(&start), "{example} {width}: {name}\n{text}");
            }
            assert!(text.contains('█') && text.contains("Key:"), "{text}");
            let header = text.lines().nth(1).unwrap();
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug"];
            let labelled = months.iter().filter(|m| header.contains(*m)).count();
            assert!(labelled >= 3, "{example} {width}: {header}");
            if width == 200 {
                assert!(header.contains(" 2026"), "{header}");
            }
            insta::assert_snapshot!(format!("{example}__timeline_{width}"), text);
        }
    }
}

#[test]
fn ascii_with_the_flag_or_a_locale_that_is_not_utf8() {
    let dir = repo().join("examples/safer-streets");
    let flagged = timeline(&dir, 80, "en_GB.UTF-8", &["--ascii"]);
    let plain_locale = timeline(&dir, 80, "C", &[]);
    assert_eq!(flagged, plain_locale);
    assert!(flagged.is_ascii(), "{flagged}");
    assert!(
        flagged.contains('#') && flagged.contains("..."),
        "{flagged}"
    );
    assert_fits(&flagged, 80);
    insta::assert_snapshot!("safer-streets__timeline_ascii", flagged);
}

fn campaign(dir: &Path, partners: &str, plan: &str) {
    fs::write(
        dir.join("collab.toml"),
        "[campaign]\nid = \"t\"\nname = \"Timeline test\"\nlead = \"p0\"\nframework = \"oasis\"\n",
    )
    .unwrap();
    fs::write(dir.join("partners.yaml"), partners).unwrap();
    fs::write(dir.join("plan.yaml"), plan).unwrap();
}

#[test]
fn a_campaign_with_one_activity() {
    let tmp = TempDir::new().unwrap();
    campaign(
        tmp.path(),
        "version: 1\nkind: partners\npartners:\n  - id: p0\n    name: Only Partner\n",
        "version: 1\nkind: plan\nframework: oasis\ntitle: T\nimplementation:\n  activities:\n    - { id: one, name: The only activity, owner: p0, start: 2026-03-02, end: 2026-03-20 }\n",
    );
    let text = timeline(tmp.path(), 80, "en_GB.UTF-8", &[]);
    assert_fits(&text, 80);
    assert!(text.contains("Only Partner"), "{text}");
    assert!(text.contains("  The only activity"), "{text}");
    assert!(text.contains("Mar 2026"), "{text}");
    assert!(text.contains('█'), "{text}");
}

#[test]
fn many_partners_and_long_names_are_cut_to_fit() {
    let tmp = TempDir::new().unwrap();
    let mut partners = String::from("version: 1\nkind: partners\npartners:\n");
    let mut plan = String::from(
        "version: 1\nkind: plan\nframework: oasis\ntitle: T\nimplementation:\n  activities:\n",
    );
    for i in 0..30 {
        partners.push_str(&format!(
            "  - id: p{i}\n    name: Partner number {i:02} with a very long organisation name indeed, longer than any terminal column allows for a label\n"
        ));
        plan.push_str(&format!(
            "    - {{ id: a{i}, name: Activity {i:02} whose name goes on and on well past any column and then further still, to be cut, owner: p{i}, start: 2026-{:02}-01, end: 2026-{:02}-15 }}\n",
            i % 12 + 1,
            i % 12 + 1
        ));
    }
    campaign(tmp.path(), &partners, &plan);
    for width in [80, 200] {
        let text = timeline(tmp.path(), width, "en_GB.UTF-8", &[]);
        assert_fits(&text, width);
        for i in 0..30 {
            assert!(text.contains(&format!("Partner number {i:02}")), "{text}");
            assert!(text.contains(&format!("Activity {i:02}")), "{text}");
        }
        assert!(text.contains('…'), "{text}");
    }
}

#[test]
fn timeline_json_is_the_layout_model() {
    let out = collab()
        .current_dir(repo().join("examples/winter-fire-safety"))
        .args(["status", "--timeline", "--format", "json", "--today", TODAY])
        .output()
        .expect("collab runs");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["today"], TODAY);
    assert_eq!(json["months"][0]["start"], "2026-08-01");
    assert!(json["groups"].as_array().unwrap().len() >= 3);
    assert!(json["groups"][0]["bars"][0]["start"].is_string());
    assert!(json["meetings"].as_array().is_some());
}

#[test]
fn a_campaign_with_no_dates_says_so() {
    let tmp = TempDir::new().unwrap();
    campaign(
        tmp.path(),
        "version: 1\nkind: partners\npartners:\n  - id: p0\n    name: Only Partner\n",
        "version: 1\nkind: plan\nframework: oasis\ntitle: T\n",
    );
    let text = timeline(tmp.path(), 80, "en_GB.UTF-8", &[]);
    assert!(
        text.contains("Nothing on the timeline has a date yet."),
        "{text}"
    );
}

#[test]
fn group_by_channel_names_the_channels() {
    let dir = repo().join("examples/safer-streets");
    let text = timeline(&dir, 120, "en_GB.UTF-8", &["--group-by", "channel"]);
    assert_fits(&text, 120);
    assert!(text.contains("\nTown centre digital screens"), "{text}");
    for name in activity_names("safer-streets") {
        let start: String = name.chars().take(20).collect();
        assert!(text.contains(&start), "{name}\n{text}");
    }
    // The grouping is a timeline option only.
    collab()
        .current_dir(&dir)
        .args(["status", "--group-by", "channel"])
        .assert()
        .failure();
}
