//! `collab render` and `collab status` end to end.

mod common;

use std::fs;

use common::{TODAY, collab, example_copy, files_in, render_into, repo};
use predicates::prelude::*;
use tempfile::TempDir;

#[test]
fn every_pack_of_both_examples_matches_its_snapshot() {
    for example in ["winter-fire-safety", "safer-streets"] {
        let out = TempDir::new().unwrap();
        let result = render_into(&repo().join("examples").join(example), out.path(), &[]);
        assert!(
            result.status.success(),
            "{example}: {}",
            String::from_utf8_lossy(&result.stderr)
        );
        let files = files_in(out.path());
        assert!(files.len() >= 8, "{example}: {files:?}");
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&file).unwrap();
            insta::assert_snapshot!(format!("{example}__{name}"), text);
        }
    }
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let campaign = repo().join("examples/winter-fire-safety");
    let a = TempDir::new().unwrap();
    let b = TempDir::new().unwrap();
    assert!(render_into(&campaign, a.path(), &[]).status.success());
    assert!(render_into(&campaign, b.path(), &[]).status.success());
    let fa = files_in(a.path());
    let fb = files_in(b.path());
    assert_eq!(fa.len(), fb.len());
    for (x, y) in fa.iter().zip(&fb) {
        assert_eq!(x.file_name(), y.file_name());
        assert_eq!(fs::read(x).unwrap(), fs::read(y).unwrap(), "{x:?}");
    }
}

#[test]
fn the_partner_pack_holds_no_contact_details_budgets_or_notes() {
    let tmp = example_copy("winter-fire-safety");
    // Put personal data and notes everywhere a template might look.
    let partners = fs::read_to_string(tmp.path().join("partners.yaml")).unwrap();
    let partners = partners.replacen(
        "    offers:",
        "    notes: Internal only, ring 020 7946 0999 before noon\n    offers:",
        1,
    );
    fs::write(tmp.path().join("partners.yaml"), partners).unwrap();
    let out = TempDir::new().unwrap();
    let result = render_into(tmp.path(), out.path(), &["--pack", "partner"]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    for ext in ["html", "md"] {
        let text = fs::read_to_string(out.path().join(format!("partner.{ext}"))).unwrap();
        assert!(!text.contains("@example."), "e-mail in partner.{ext}");
        assert!(!text.contains("020 7946"), "phone in partner.{ext}");
        assert!(!text.contains('£'), "budget in partner.{ext}");
        assert!(!text.contains("Internal only"), "notes in partner.{ext}");
    }
    // The internal briefing keeps them.
    let result = render_into(
        tmp.path(),
        out.path(),
        &["--pack", "briefing", "--format", "md"],
    );
    assert!(result.status.success());
    let briefing = fs::read_to_string(out.path().join("briefing.md")).unwrap();
    assert!(briefing.contains("@example."));
}

#[test]
fn script_payloads_in_every_text_field_render_inert() {
    let tmp = example_copy("safer-streets");
    let payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    for file in [
        "plan.yaml",
        "partners.yaml",
        "evaluation.yaml",
        "meetings/initial-partnering.yaml",
    ] {
        let path = tmp.path().join(file);
        let text = fs::read_to_string(&path).unwrap();
        let mut out = String::new();
        for line in text.lines() {
            // Append the payload to every free-text value written as `key: text`.
            let t = line.trim_start();
            let free = [
                "name:",
                "description:",
                "insight:",
                "statement:",
                "title:",
                "summary:",
                "proposition:",
                "outcome:",
                "action:",
                "aim:",
                "pilot:",
                "approach:",
                "method:",
                "location:",
                "role:",
            ];
            if free.iter().any(|k| t.starts_with(k))
                && !line.contains('{')
                && !line.contains('"')
                && !line.ends_with(':')
                && !line.ends_with('>')
                && !line.ends_with('|')
                && !line.ends_with(">-")
            {
                out.push_str(&format!("{line} {payload}"));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        fs::write(&path, out).unwrap();
    }
    let dir = TempDir::new().unwrap();
    let result = render_into(tmp.path(), dir.path(), &[]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let mut checked = 0;
    for file in files_in(dir.path()) {
        let text = fs::read_to_string(&file).unwrap();
        assert!(!text.contains("<script"), "{file:?} has a live <script>");
        assert!(!text.contains("<img"), "{file:?} has a live <img>");
        // Escaped text may still read "onerror=", but never inside a tag.
        assert!(!text.contains("<img src=x"), "{file:?} has a live handler");
        if text.contains("alert(1)") {
            checked += 1;
        }
    }
    assert!(checked > 0, "no payload reached the packs at all");
}

#[test]
fn a_campaign_template_overrides_the_built_in_one() {
    let tmp = example_copy("winter-fire-safety");
    fs::create_dir_all(tmp.path().join("templates")).unwrap();
    fs::write(
        tmp.path().join("templates/briefing.md.j2"),
        "# Our own briefing for {{ view.campaign.name }}\n",
    )
    .unwrap();
    let out = TempDir::new().unwrap();
    let result = render_into(
        tmp.path(),
        out.path(),
        &["--pack", "briefing", "--format", "md"],
    );
    assert!(result.status.success());
    assert_eq!(
        fs::read_to_string(out.path().join("briefing.md")).unwrap(),
        "# Our own briefing for Winter Home Fire Safety 2026\n"
    );
}

#[test]
fn a_typo_in_a_user_template_is_an_error_with_its_line() {
    let tmp = example_copy("winter-fire-safety");
    fs::create_dir_all(tmp.path().join("templates")).unwrap();
    fs::write(
        tmp.path().join("templates/briefing.md.j2"),
        "# Briefing\n\n{{ view.campaign.nmae }}\n",
    )
    .unwrap();
    let out = TempDir::new().unwrap();
    let result = render_into(
        tmp.path(),
        out.path(),
        &["--pack", "briefing", "--format", "md"],
    );
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("briefing.md.j2"), "{stderr}");
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(files_in(out.path()).is_empty(), "nothing is written");
}

#[test]
fn render_refuses_a_campaign_with_errors_and_writes_nothing() {
    let tmp = example_copy("winter-fire-safety");
    let plan = fs::read_to_string(tmp.path().join("plan.yaml")).unwrap();
    fs::write(
        tmp.path().join("plan.yaml"),
        plan.replacen("title:", "titel:", 1),
    )
    .unwrap();
    let out = TempDir::new().unwrap();
    let result = render_into(tmp.path(), out.path(), &[]);
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("unknown-field"));
    assert!(files_in(out.path()).is_empty());
}

#[test]
fn the_partner_pack_of_a_sensitive_campaign_is_refused() {
    let tmp = example_copy("winter-fire-safety");
    let toml = fs::read_to_string(tmp.path().join("collab.toml")).unwrap();
    fs::write(
        tmp.path().join("collab.toml"),
        toml.replace(
            "classification = \"OFFICIAL\"",
            "classification = \"OFFICIAL-SENSITIVE\"",
        ),
    )
    .unwrap();
    let out = TempDir::new().unwrap();
    let result = render_into(tmp.path(), out.path(), &["--pack", "partner"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("sensitive-public-pack"));
    assert!(files_in(out.path()).is_empty());
    // The internal packs still render, marked with the classification.
    let result = render_into(tmp.path(), out.path(), &["--pack", "briefing"]);
    assert!(result.status.success());
    let html = fs::read_to_string(out.path().join("briefing.html")).unwrap();
    assert!(html.matches("OFFICIAL-SENSITIVE").count() >= 2);
}

#[test]
fn one_agenda_per_meeting_or_just_the_one_asked_for() {
    let campaign = repo().join("examples/winter-fire-safety");
    let out = TempDir::new().unwrap();
    let result = render_into(
        &campaign,
        out.path(),
        &[
            "--pack",
            "agenda",
            "--format",
            "md",
            "--meeting",
            "initial-partnering",
        ],
    );
    assert!(result.status.success());
    let names: Vec<String> = files_in(out.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["agenda-initial-partnering.md"]);
    let agenda = fs::read_to_string(out.path().join("agenda-initial-partnering.md")).unwrap();
    // Start times follow from the meeting's start and each item's minutes.
    assert!(agenda.contains("10:00"), "{agenda}");
    collab()
        .current_dir(&campaign)
        .args([
            "render",
            "--pack",
            "agenda",
            "--meeting",
            "no-such-meeting",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no meeting"));
}

#[test]
fn an_init_example_renders_every_pack() {
    let tmp = TempDir::new().unwrap();
    collab()
        .current_dir(tmp.path())
        .args(["init", "demo", "--example"])
        .assert()
        .success();
    let demo = tmp.path().join("demo");
    collab()
        .current_dir(&demo)
        .args(["render", "--today", TODAY])
        .assert()
        .success();
    let dist = files_in(&demo.join("dist"));
    assert!(dist.iter().any(|p| p.ends_with("briefing.html")));
    assert!(dist.iter().any(|p| p.ends_with("partner.md")));
    assert!(dist.iter().any(|p| p.ends_with("evaluation.html")));
    // The rendered pack is not a document: validate still passes.
    collab()
        .current_dir(&demo)
        .args(["validate", "--today", TODAY])
        .assert()
        .success();
}

#[test]
fn status_shows_the_route_map_with_its_evidence() {
    let campaign = repo().join("examples/winter-fire-safety");
    let out = collab()
        .current_dir(&campaign)
        .args(["status", "--today", TODAY])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "Route-map",
        "written confirmation: 4 of 4 partners",
        "Partners",
        "Open actions",
        "Metrics against target",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    let out = collab()
        .current_dir(&campaign)
        .args(["status", "--format", "json", "--today", TODAY])
        .output()
        .unwrap();
    let view: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let steps: Vec<&serde_json::Value> = view["routemap"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .collect();
    assert_eq!(steps.len(), 17);
    let confirmation = steps
        .iter()
        .find(|s| s["id"] == "written-confirmation")
        .unwrap();
    assert_eq!(confirmation["state"], "done");
}

/// The state, evidence and source of each route-map step in `status --format json`.
fn route_steps(campaign: &std::path::Path) -> Vec<(String, String, String, String)> {
    let out = collab()
        .current_dir(campaign)
        .args(["status", "--format", "json", "--today", TODAY])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let view: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    view["routemap"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .map(|s| {
            (
                text(&s["id"]),
                text(&s["state"]),
                text(&s["evidence"]),
                text(&s["source"]),
            )
        })
        .collect()
}

fn step<'a>(
    steps: &'a [(String, String, String, String)],
    id: &str,
) -> (&'a str, &'a str, &'a str) {
    let s = steps
        .iter()
        .find(|s| s.0 == id)
        .unwrap_or_else(|| panic!("no step {id}"));
    (s.1.as_str(), s.2.as_str(), s.3.as_str())
}

#[test]
fn route_map_steps_read_prospects_changes_thanks_and_the_final_review() {
    let tmp = example_copy("safer-streets");
    let dir = tmp.path();
    let steps = route_steps(dir);
    assert_eq!(
        step(&steps, "stakeholder-analysis"),
        (
            "done",
            "4 organisation(s) considered: 1 considered, 1 approached, 1 declined, 1 confirmed",
            "files"
        )
    );
    assert_eq!(
        step(&steps, "adjust-activity"),
        (
            "done",
            "activity changed: screens-autumn on 2026-11-18",
            "files"
        )
    );
    assert_eq!(
        step(&steps, "successes-acknowledged"),
        (
            "done",
            "2 success(es) thanked at `catch-up-november` on 2026-11-18",
            "files"
        )
    );
    assert_eq!(step(&steps, "intention-shared").0, "done");
    assert_eq!(step(&steps, "evaluation-shared").0, "not-started");
    // Without the evidence, each step is not started.
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}: {from}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    let partners = fs::read_to_string(dir.join("partners.yaml")).unwrap();
    let start = partners.find("prospects:").unwrap();
    let end = partners.find("partners:").unwrap();
    fs::write(
        dir.join("partners.yaml"),
        format!("{}{}", &partners[..start], &partners[end..]),
    )
    .unwrap();
    edit(
        "plan.yaml",
        "        changed: { date: 2026-11-18, reason: Spend moved to party season social after the autumn review },\n",
        "",
    );
    edit(
        "meetings/catch-up-2026-11-18.yaml",
        "thanks:\n  - Safe Nights volunteers, for 40 nights on the street since the launch\n  \
         - Kingsmere BID venues, for putting up posters in every member venue\n",
        "",
    );
    edit(
        "partners.yaml",
        "    sponsor:  { name: Jenny Cole, role: Chair of the BID board }\n",
        "",
    );
    fs::write(
        dir.join("meetings/final-review.yaml"),
        "kind: meeting\nid: final-review\ntype: final-review\ndate: 2027-02-03T10:00\n\
         chair: kingsmere-council\nagenda:\n  - { topic: review }\n  - { topic: evaluation }\n  - { topic: thanks }\n",
    )
    .unwrap();
    let steps = route_steps(dir);
    for id in [
        "stakeholder-analysis",
        "adjust-activity",
        "successes-acknowledged",
    ] {
        assert_eq!(step(&steps, id).0, "not-started", "{id}: {steps:?}");
    }
    assert_eq!(
        step(&steps, "intention-shared"),
        (
            "due",
            "sign-off and sponsor named: 3 of 4 partners; missing: kingsmere-bid",
            "files"
        )
    );
    assert_eq!(
        step(&steps, "evaluation-shared"),
        (
            "due",
            "evaluation on the agenda of the final review planned for 2027-02-03",
            "files"
        )
    );
}

#[test]
fn partner_staffing_asks_for_a_coordinator_past_five_partners() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    assert_eq!(
        step(&route_steps(dir), "partner-staffing"),
        ("done", "not needed for 4 partners", "files")
    );
    let mut partners = fs::read_to_string(dir.join("partners.yaml")).unwrap();
    for id in ["extra-one", "extra-two"] {
        partners.push_str(&format!(
            "  - {{ id: {id}, name: Extra {id}, sector: other, level: information-sharing,\n      \
             lead: {{ name: A Person }}, confirmed: 2026-09-01 }}\n"
        ));
    }
    fs::write(dir.join("partners.yaml"), partners).unwrap();
    assert_eq!(
        step(&route_steps(dir), "partner-staffing"),
        (
            "done",
            "6 partners; `home-office` recruits and supports them",
            "files"
        )
    );
    let toml = fs::read_to_string(dir.join("collab.toml")).unwrap();
    let toml = toml.replacen("coordinator = \"home-office\"", "", 1);
    fs::write(dir.join("collab.toml"), toml).unwrap();
    let steps = route_steps(dir);
    let (state, evidence, _) = step(&steps, "partner-staffing");
    assert_eq!(state, "due");
    assert!(evidence.contains("`coordinator`"), "{evidence}");
}

#[test]
fn status_reports_missing_confirmations_by_partner() {
    let tmp = example_copy("safer-streets");
    let partners = fs::read_to_string(tmp.path().join("partners.yaml")).unwrap();
    // Drop the first written confirmation.
    let mut dropped = false;
    let text: String = partners
        .lines()
        .filter(|l| {
            if !dropped && l.trim_start().starts_with("confirmed:") {
                dropped = true;
                return false;
            }
            true
        })
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(tmp.path().join("partners.yaml"), text).unwrap();
    let out = collab()
        .current_dir(tmp.path())
        .args(["status", "--format", "json", "--today", TODAY])
        .output()
        .unwrap();
    let view: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let step = view["routemap"][1]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "written-confirmation")
        .unwrap()
        .clone();
    assert_eq!(step["state"], "due");
    let evidence = step["evidence"].as_str().unwrap();
    assert!(
        evidence.starts_with("written confirmation: 3 of 4 partners; missing: "),
        "{evidence}"
    );
}
