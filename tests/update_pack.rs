//! `collab render --pack update`: the weekly update for the partners, its
//! e-mail-safe HTML, `--since`, and the record the route-map reads.

mod common;

use std::fs;
use std::path::Path;

use common::{TODAY, collab, example_copy, files_in};
use tempfile::TempDir;

/// Render the update of `campaign` into `out` on `today`.
fn render_update(campaign: &Path, out: &Path, today: &str, extra: &[&str]) {
    let result = collab()
        .current_dir(campaign)
        .args(["render", "--pack", "update", "--today", today, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn the_update_of_both_examples_matches_its_snapshot() {
    for example in ["winter-fire-safety", "safer-streets"] {
        let campaign = example_copy(example);
        let out = TempDir::new().unwrap();
        render_update(campaign.path(), out.path(), TODAY, &[]);
        let names: Vec<String> = files_in(out.path())
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["update.html", "update.md"]);
        for name in names {
            insta::assert_snapshot!(format!("{example}__{name}"), read(out.path(), &name));
        }
    }
}

#[test]
fn by_default_the_update_starts_at_the_last_catch_up() {
    let campaign = example_copy("winter-fire-safety");
    let out = TempDir::new().unwrap();
    render_update(campaign.path(), out.path(), TODAY, &[]);
    let md = read(out.path(), "update.md");
    assert!(md.contains("since 17 November 2026 (the last catch-up meeting, on 17 November 2026)"));
    // Figures from 20 and 22 November, not the earlier ones.
    assert!(md.contains(
        "| Impressions on GP surgery waiting-room screens | 41,000 | 20 November 2026 |"
    ));
    assert!(!md.contains("13 November 2026 |"), "{md}");
    // Lancashire Fire and Rescue moved two metrics, the ICB one.
    let thanks = md.split("## Thank you").nth(1).unwrap();
    let lfrs = thanks.find("Lancashire Fire and Rescue Service").unwrap();
    let icb = thanks.find("Integrated Care Board").unwrap();
    assert!(lfrs < icb, "{thanks}");
}

#[test]
fn before_any_catch_up_the_update_covers_seven_days_and_since_overrides() {
    let campaign = example_copy("winter-fire-safety");
    let out = TempDir::new().unwrap();
    render_update(campaign.path(), out.path(), "2026-10-10", &[]);
    let md = read(out.path(), "update.md");
    assert!(
        md.contains("since 3 October 2026 (seven days before today)"),
        "{md}"
    );
    render_update(
        campaign.path(),
        out.path(),
        TODAY,
        &["--since", "2026-11-01"],
    );
    let md = read(out.path(), "update.md");
    assert!(
        md.contains("since 1 November 2026 (the date asked for)"),
        "{md}"
    );
    assert!(
        md.contains("13 November 2026) |") || md.contains("| 13 November 2026 |"),
        "{md}"
    );
}

#[test]
fn the_html_update_is_e_mail_safe_and_public_safe() {
    for example in ["winter-fire-safety", "safer-streets"] {
        let campaign = example_copy(example);
        let out = TempDir::new().unwrap();
        render_update(campaign.path(), out.path(), TODAY, &[]);
        let html = read(out.path(), "update.html");
        for banned in [
            "<svg", "<script", "<link", "<style", "<img", "http://", "https://", "url(",
        ] {
            assert!(!html.contains(banned), "{example}: {banned}");
        }
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
        assert!(html.contains("<title>Weekly update – "));
        assert!(html.contains("<th scope=\"col\""));
        for text in [html, read(out.path(), "update.md")] {
            // No e-mail address, no budget, no figure in pounds.
            assert!(!text.contains('@'), "{example}");
            assert!(!text.contains('£'), "{example}");
            assert!(!text.to_lowercase().contains("budget"), "{example}");
        }
    }
}

#[test]
fn rendering_the_update_records_it_for_the_route_map() {
    let campaign = example_copy("winter-fire-safety");
    let out = TempDir::new().unwrap();
    let log = campaign.path().join(".collab/updates.log");
    // Rebuilding every pack is not sending the update.
    let all = collab()
        .current_dir(campaign.path())
        .args(["render", "--pack", "all", "--today", TODAY, "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(all.status.success());
    assert!(out.path().join("update.html").is_file());
    assert!(!log.exists());
    let status = |today: &str| {
        let out = collab()
            .current_dir(campaign.path())
            .args(["status", "--format", "json", "--today", today])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let steps = json["routemap"][2]["steps"].as_array().unwrap().clone();
        let step = steps
            .into_iter()
            .find(|s| s["id"] == "capture-metrics")
            .unwrap();
        (
            step["state"].as_str().unwrap().to_string(),
            step["evidence"].as_str().unwrap().to_string(),
        )
    };
    assert!(
        status(TODAY)
            .1
            .contains("no update shared in the last week")
    );
    render_update(campaign.path(), out.path(), TODAY, &[]);
    render_update(campaign.path(), out.path(), TODAY, &[]);
    assert_eq!(fs::read_to_string(&log).unwrap(), "2026-11-24\n");
    let (state, evidence) = status("2026-11-30");
    assert_eq!(state, "done", "{evidence}");
    assert!(evidence.contains("update shared on 2026-11-24, within the last week"));
    // A week later the update is out of date.
    assert!(status("2026-12-01").1.contains("no update shared"));
    render_update(campaign.path(), out.path(), "2026-12-01", &[]);
    assert_eq!(
        fs::read_to_string(&log).unwrap(),
        "2026-11-24\n2026-12-01\n"
    );
}

#[test]
fn since_and_partner_with_a_pack_that_ignores_them_are_usage_errors() {
    let campaign = example_copy("winter-fire-safety");
    let out = TempDir::new().unwrap();
    for (pack, flag, value) in [
        ("briefing", "--since", "2026-11-01"),
        ("partners", "--since", "2026-11-01"),
        ("evaluation", "--partner", "lfrs"),
        ("update", "--partner", "lfrs"),
    ] {
        let result = collab()
            .args(["-C", campaign.path().to_str().unwrap(), "render"])
            .args(["--pack", pack, flag, value, "--out"])
            .arg(out.path())
            .output()
            .unwrap();
        assert_eq!(result.status.code(), Some(2), "{pack} {flag}");
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(
            stderr.contains(&format!("{flag} does nothing here")),
            "{stderr}"
        );
        assert!(files_in(out.path()).is_empty(), "{pack} {flag} wrote files");
    }
}
