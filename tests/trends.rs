//! Trends against the target path: the evaluation pack's charts and the
//! judgement in `status` and its JSON.

mod common;

use std::fs;

use common::{TODAY, collab, render_into, repo};
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use serde_json::Value;
use tempfile::TempDir;

fn evaluation_html(example: &str) -> String {
    let out = TempDir::new().unwrap();
    let campaign = repo().join("examples").join(example);
    let result = render_into(&campaign, out.path(), &["--pack", "evaluation"]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    fs::read_to_string(out.path().join("evaluation.html")).unwrap()
}

/// Every `<svg>…</svg>` in a page.
fn svgs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg role=\"img\" aria-labelledby=\"trend-") {
        let Some(len) = rest[start..].find("</svg>") else {
            break;
        };
        let end = start + len + "</svg>".len();
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

/// Parse `svg` as XML: the root's attributes, and the text of its direct
/// `<title>` and `<desc>`.
fn parse(svg: &str) -> (Vec<(String, String)>, String, String) {
    let mut reader = Reader::from_str(svg);
    let (mut attrs, mut title, mut desc) = (Vec::new(), String::new(), String::new());
    let mut stack: Vec<String> = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.name().as_ref().to_string();
                if name == "svg" {
                    for a in e.attributes() {
                        let a = a.expect("well-formed attribute");
                        let key = a.key.as_ref().to_string();
                        let value = a
                            .normalized_value(XmlVersion::Explicit1_0)
                            .expect("value")
                            .into_owned();
                        attrs.push((key, value));
                    }
                }
                stack.push(name);
            }
            Ok(Event::End(_)) => {
                stack.pop();
            }
            Ok(Event::Text(t)) => text_in(&stack, &t.xml10_content(), &mut title, &mut desc),
            Ok(Event::GeneralRef(r)) => {
                let text = match r.resolve_char_ref().expect("a character reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(&r.xml10_content())
                        .unwrap_or_else(|| panic!("an entity XML does not know in {svg}"))
                        .to_string(),
                };
                text_in(&stack, &text, &mut title, &mut desc);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML: {e}\n{svg}"),
        }
    }
    assert!(stack.is_empty(), "unclosed elements {stack:?}");
    (attrs, title, desc)
}

fn text_in(stack: &[String], text: &str, title: &mut String, desc: &mut String) {
    match stack {
        [svg, el] if svg == "svg" && el == "title" => title.push_str(text),
        [svg, el] if svg == "svg" && el == "desc" => desc.push_str(text),
        _ => {}
    }
}

#[test]
fn every_trend_chart_is_well_formed_and_names_itself() {
    for example in ["winter-fire-safety", "safer-streets"] {
        let html = evaluation_html(example);
        let charts = svgs(&html);
        assert!(charts.len() >= 5, "{example}: {} charts", charts.len());
        for svg in charts {
            let (attrs, title, desc) = parse(svg);
            assert!(attrs.contains(&("role".into(), "img".into())), "{svg}");
            assert!(title.starts_with("Trend: "), "{title}");
            let judged = [
                "Ahead",
                "On track",
                "Behind",
                "No figures yet",
                "No target path",
            ];
            assert!(judged.iter().any(|j| desc.starts_with(j)), "{desc}");
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        }
    }
}

#[test]
fn the_chart_states_the_judgement_and_latest_figure_and_the_table_agrees() {
    let html = evaluation_html("safer-streets");
    // Staff hours: 395 on 31 October against a straight path from 0 on
    // 18 September to 600 on 29 January.
    assert!(html.contains(
        "<desc id=\"trend-staff-hours-desc\">Ahead: the latest figure, 395 on 31 October 2026, \
         against 194 on the target path by then."
    ));
    assert!(html.contains("<td>Ahead<br><span class=\"hint\">path: 194</span></td>"));
    // Violent offences should fall: 121 in September is behind a path
    // that started at 118.
    assert!(html.contains("<td>Behind<br><span class=\"hint\">path: 116.4</span></td>"));
}

fn status(example: &str, args: &[&str]) -> String {
    let out = collab()
        .current_dir(repo().join("examples").join(example))
        .args(["status", "--today", TODAY])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn status_shows_the_judgement_with_an_ascii_arrow_in_a_pipe() {
    let text = status("safer-streets", &[]);
    assert!(text.contains("Against path"), "{text}");
    assert!(text.contains("^ Ahead (path 194)"), "{text}");
    assert!(text.contains("v Behind (path 116.4)"), "{text}");
    let winter = status("winter-fire-safety", &[]);
    assert!(winter.contains("No figures yet"), "{winter}");
}

#[test]
fn status_json_carries_the_judgement() {
    let json: Value =
        serde_json::from_str(&status("safer-streets", &["--format", "json"])).unwrap();
    let metrics = json["metrics"].as_array().unwrap();
    let staff = metrics.iter().find(|m| m["id"] == "staff-hours").unwrap();
    assert_eq!(staff["position"], "ahead");
    assert_eq!(staff["position_label"], "Ahead");
    assert_eq!(staff["expected_text"], "194");
    assert_eq!(staff["path_start"], "2026-09-18");
    assert_eq!(staff["path_end"], "2027-01-29");
    let offences = metrics
        .iter()
        .find(|m| m["id"] == "violent-offences")
        .unwrap();
    assert_eq!(offences["position"], "behind");
}
