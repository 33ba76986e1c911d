//! Shell completion: the binary run in clap_complete's completion mode, as
//! bash runs it (`COMPLETE=bash collab -- collab explain par`), offers rule,
//! meeting and metric ids.

mod common;

use std::path::Path;

use common::{collab, example_copy, repo};

/// The candidates collab offers for the last word of `line`, run in `dir`.
/// Also checks that completion succeeds and prints nothing on stderr.
fn complete(dir: &Path, line: &[&str]) -> Vec<String> {
    let out = collab()
        .current_dir(dir)
        .env("COMPLETE", "bash")
        .env("_CLAP_IFS", "\n")
        .env("_CLAP_COMPLETE_INDEX", (line.len() - 1).to_string())
        .arg("--")
        .args(line)
        .output()
        .expect("collab runs");
    assert!(out.status.success(), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The candidates that are not flags.
fn values(dir: &Path, line: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = complete(dir, line)
        .into_iter()
        .filter(|c| !c.starts_with('-'))
        .collect();
    v.sort();
    v
}

fn winter() -> std::path::PathBuf {
    repo().join("examples/winter-fire-safety")
}

const MEETINGS: [&str; 4] = [
    "agency-briefing",
    "catch-up-november",
    "catch-up-october",
    "initial-partnering",
];

#[test]
fn explain_offers_rule_ids_that_match() {
    let got = values(
        &std::env::temp_dir(),
        &["collab", "explain", "partner-with"],
    );
    assert_eq!(
        got,
        [
            "partner-without-drivers",
            "partner-without-gains",
            "partner-without-lead",
            "partner-without-sign-off"
        ]
    );
    // The guarantee `explain` also explains.
    let got = values(&std::env::temp_dir(), &["collab", "explain", "personal-"]);
    assert_eq!(got, ["personal-data-in-public-pack"]);
}

#[test]
fn rule_flag_offers_rule_ids() {
    let got = values(&winter(), &["collab", "validate", "--rule", "single"]);
    assert_eq!(got, ["single-point-of-contact"]);
    let all = values(&winter(), &["collab", "validate", "--rule", ""]);
    assert!(all.len() > 20, "{all:?}");
    assert!(all.contains(&"unknown-field".to_string()), "{all:?}");
}

#[test]
fn partner_flag_offers_the_campaigns_partners() {
    let got = values(&winter(), &["collab", "render", "--partner", "l"]);
    assert_eq!(got, ["lancashire-cc", "lfrs", "lsc-icb"]);
}

#[test]
fn meeting_flags_offer_the_campaigns_meetings() {
    let got = values(&winter(), &["collab", "render", "--meeting", ""]);
    assert_eq!(got, MEETINGS);
    let got = values(
        &winter(),
        &["collab", "action", "add", "x", "--meeting", "catch"],
    );
    assert_eq!(got, ["catch-up-november", "catch-up-october"]);
    // From a folder inside the campaign.
    let got = values(
        &winter().join("meetings"),
        &["collab", "render", "--meeting", "in"],
    );
    assert_eq!(got, ["initial-partnering"]);
}

#[test]
fn log_offers_the_campaigns_metrics_and_follows_dash_c() {
    let here = values(&winter(), &["collab", "log", "car"]);
    assert_eq!(here, ["care-staff-reach", "carer-checks"]);
    let elsewhere = std::env::temp_dir();
    let dir = winter();
    let dir = dir.to_str().unwrap();
    let got = values(&elsewhere, &["collab", "-C", dir, "log", "car"]);
    assert_eq!(got, here);
    // Outside any campaign: nothing to offer, and no error.
    assert!(values(&elsewhere, &["collab", "log", ""]).is_empty());
    let got = values(&elsewhere, &["collab", "-C", "/no/such/folder", "log", ""]);
    assert!(got.is_empty());
}

#[test]
fn a_broken_campaign_gives_what_it_can_and_no_error() {
    let tmp = example_copy("winter-fire-safety");
    let meeting = tmp.path().join("meetings/agency-briefing.yaml");
    std::fs::write(&meeting, "kind: meeting\nid: [unclosed\n\u{0}\u{1b}[2J").unwrap();
    let got = values(tmp.path(), &["collab", "render", "--meeting", ""]);
    assert!(
        got.iter().all(|m| MEETINGS.contains(&m.as_str())),
        "{got:?}"
    );
    assert!(!got.contains(&"agency-briefing".to_string()), "{got:?}");
    // A collab.toml that is not TOML, and a metrics file that is not YAML.
    std::fs::write(tmp.path().join("collab.toml"), "[campaign\nid = = 3").unwrap();
    std::fs::write(tmp.path().join("evaluation.yaml"), ": : [").unwrap();
    let _ = values(tmp.path(), &["collab", "log", ""]);
    let _ = values(tmp.path(), &["collab", "render", "--meeting", ""]);
}

#[test]
fn registration_script_and_static_scripts() {
    let out = collab().env("COMPLETE", "bash").output().unwrap();
    let script = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(script.contains("complete -o nospace"), "{script}");
    assert!(script.contains("_clap_complete_collab"), "{script}");
    // The static script still comes from `collab completions SHELL`.
    let out = collab().args(["completions", "bash"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("_collab()"));
}
