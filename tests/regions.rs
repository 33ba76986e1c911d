//! Places that contain each other: `[[region]]` declarations merged across
//! a workspace, `overlaps` and `who --region` by containment, the
//! `unknown-region` warning and declared names in the packs.

mod common;

use std::fs;
use std::path::Path;

use common::{TODAY, collab, example_copy, render_into, repo, validate_json};
use serde_json::Value;
use tempfile::TempDir;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A small campaign in `region`, run by one person, with `extra` appended
/// to its collab.toml. Each campaign has its own priority and audience, so
/// only their places (and dates) can join them.
fn campaign(root: &Path, id: &str, region: &str, priority: &str, person: &str, extra: &str) {
    let dir = root.join(id);
    write(
        &dir,
        "collab.toml",
        &format!(
            "[campaign]\nid = \"{id}\"\nname = \"{id}\"\nframework = \"oasis\"\nlead = \"org-{id}\"\nlaunch = 2027-01-10\nend = 2027-04-30\npriorities = [\"{priority}\"]\nregions = [\"{region}\"]\n{extra}"
        ),
    );
    let email = format!("{}@example.gov.uk", person.to_lowercase().replace(' ', "."));
    write(
        &dir,
        "partners.yaml",
        &format!(
            "kind: partners\npartners:\n  - id: org-{id}\n    name: Org {id}\n    sector: local-authority\n    level: participation\n    regions: [{region}]\n    lead: {{ name: {person}, role: Comms lead, email: {email} }}\n"
        ),
    );
    write(
        &dir,
        "plan.yaml",
        &format!(
            "kind: plan\nframework: oasis\ntitle: {id}\naudience:\n  - id: main\n    description: Friends of {person}\n"
        ),
    );
}

const LEEDS: &str =
    "\n[[region]]\nid = \"leeds\"\nname = \"Leeds\"\nwithin = \"yorkshire-and-the-humber\"\n";

/// Two campaigns in Leeds (only one declares it: declarations are merged),
/// one across Yorkshire, one across England and one in Scotland.
fn workspace() -> TempDir {
    let tmp = TempDir::new().unwrap();
    let root = tmp.path();
    campaign(
        root,
        "leeds-a",
        "leeds",
        "economic-security",
        "Lee Dawson",
        LEEDS,
    );
    campaign(
        root,
        "leeds-b",
        "leeds",
        "national-security",
        "Bea Marsh",
        "",
    );
    campaign(
        root,
        "yorkshire-wide",
        "yorkshire-and-the-humber",
        "extending-opportunity",
        "Yara Holt",
        "",
    );
    campaign(
        root,
        "england-wide",
        "england",
        "local-environments",
        "Ed Kaye",
        "",
    );
    campaign(
        root,
        "scotland-wide",
        "scotland",
        "economic-prosperity",
        "Sco Reid",
        "",
    );
    tmp
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = collab()
        .current_dir(dir)
        .env("COLLAB_TODAY", TODAY)
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The pair of `a` and `b` in an `overlaps` result.
fn pair<'v>(result: &'v Value, a: &str, b: &str) -> Option<&'v Value> {
    result["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| (p["a"] == a && p["b"] == b) || (p["a"] == b && p["b"] == a))
}

fn reasons(p: &Value) -> String {
    p["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn a_leeds_campaign_overlaps_a_yorkshire_wide_one_and_says_why() {
    let ws = workspace();
    let result = json(ws.path(), &["overlaps"]);
    let p = pair(&result, "leeds-a", "yorkshire-wide").expect("leeds-a and yorkshire-wide pair");
    let why = reasons(p);
    assert!(
        why.contains("Leeds is within Yorkshire and the Humber"),
        "{why}"
    );
    // The campaign that did not declare Leeds is placed by the one that did.
    let p = pair(&result, "leeds-b", "yorkshire-wide").expect("leeds-b and yorkshire-wide pair");
    assert!(
        reasons(p).contains("Leeds is within Yorkshire and the Humber"),
        "{p:#}"
    );
    // Scotland and Leeds share nothing.
    assert!(
        pair(&result, "leeds-a", "scotland-wide").is_none(),
        "{result:#}"
    );
}

#[test]
fn a_national_campaign_overlaps_everything_inside_it_but_below_a_shared_local_area() {
    let ws = workspace();
    let result = json(ws.path(), &["overlaps"]);
    let score = |a, b| {
        pair(&result, a, b)
            .unwrap_or_else(|| panic!("{a} and {b} should pair: {result:#}"))["score"]
            .as_f64()
            .unwrap()
    };
    let shared = score("leeds-a", "leeds-b");
    assert!(
        reasons(pair(&result, "leeds-a", "leeds-b").unwrap()).contains("both in Leeds"),
        "{result:#}"
    );
    for inside in ["leeds-a", "leeds-b", "yorkshire-wide"] {
        let national = score("england-wide", inside);
        assert!(national < shared, "{inside}: {national} vs {shared}");
    }
    let why = reasons(pair(&result, "england-wide", "leeds-a").unwrap());
    assert!(why.contains("Leeds is within England"), "{why}");
    // A region-wide campaign is a closer match than a national one.
    assert!(score("leeds-a", "yorkshire-wide") > score("leeds-a", "england-wide"));
    assert!(pair(&result, "england-wide", "scotland-wide").is_none());
}

#[test]
fn who_region_finds_people_in_places_inside_it() {
    let ws = workspace();
    let hits = json(ws.path(), &["who", "--region", "yorkshire"]);
    let names: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["person"]["name"].as_str().unwrap())
        .collect();
    for inside in ["Lee Dawson", "Bea Marsh", "Yara Holt"] {
        assert!(names.contains(&inside), "{inside} missing: {names:?}");
    }
    assert!(!names.contains(&"Sco Reid"), "{names:?}");
    let lee = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["person"]["name"] == "Lee Dawson")
        .unwrap();
    let why = reasons(lee);
    assert!(
        why.contains("works in Leeds, which is within Yorkshire and the Humber"),
        "{why}"
    );
    // An England-wide organisation covers Yorkshire too, but comes last.
    assert_eq!(names.last(), Some(&"Ed Kaye"), "{names:?}");
}

#[test]
fn unknown_region_warns_with_did_you_mean_and_a_safe_fix() {
    let ws = workspace();
    let dir = ws.path().join("leeds-b");
    let (code, report) = validate_json(&dir, &[]);
    assert_eq!(code, 0, "a warning only: {report:#}");
    let found: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unknown-region")
        .collect();
    // `leeds` twice: in collab.toml and in the partner, not declared here.
    assert_eq!(found.len(), 2, "{report:#}");
    assert!(found.iter().all(|f| f["level"] == "warning"));
    let toml = fs::read_to_string(dir.join("collab.toml")).unwrap();
    fs::write(
        dir.join("collab.toml"),
        toml.replace("regions = [\"leeds\"]", "regions = [\"yorkshre\"]"),
    )
    .unwrap();
    let (_, report) = validate_json(&dir, &[]);
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "unknown-region" && f["file"] == "collab.toml")
        .unwrap_or_else(|| panic!("{report:#}"));
    let help = f["help"].as_str().unwrap_or_default();
    assert!(help.contains("did you mean `yorkshire`?"), "{f:#}");
    assert!(help.contains("[[region]]"), "{f:#}");
    let (_, _) = validate_json(&dir, &["--fix"]);
    let fixed = fs::read_to_string(dir.join("collab.toml")).unwrap();
    assert!(fixed.contains("regions = [\"yorkshire\"]"), "{fixed}");
}

#[test]
fn both_examples_know_every_region_they_name() {
    for example in ["winter-fire-safety", "safer-streets"] {
        let (_, report) = validate_json(&repo().join("examples").join(example), &[]);
        let unknown: Vec<&Value> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "unknown-region")
            .collect();
        assert!(unknown.is_empty(), "{example}: {unknown:#?}");
    }
}

#[test]
fn packs_show_a_declared_region_by_its_name() {
    let tmp = example_copy("safer-streets");
    let toml_path = tmp.path().join("collab.toml");
    let toml = fs::read_to_string(&toml_path).unwrap();
    let toml = toml.replace(
        "regions = [\"yorkshire-and-the-humber\"]",
        "regions = [\"hull\"]",
    );
    fs::write(
        &toml_path,
        format!(
            "{toml}\n[[region]]\nid = \"hull\"\nname = \"Kingston upon Hull\"\nwithin = \"yorkshire\"\n"
        ),
    )
    .unwrap();
    let out = TempDir::new().unwrap();
    let result = render_into(tmp.path(), out.path(), &[]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    for name in ["briefing.md", "partner.md", "partner.html"] {
        let text = fs::read_to_string(out.path().join(name)).unwrap();
        assert!(text.contains("Kingston upon Hull"), "{name}: {text}");
    }
}

#[test]
fn the_directory_shows_declared_regions_by_name() {
    let ws = workspace();
    campaign(
        ws.path(),
        "hull-c",
        "hull",
        "smooth-running-public-services",
        "Hal Moor",
        "\n[[region]]\nid = \"hull\"\nname = \"Kingston upon Hull\"\nwithin = \"yorkshire\"\n",
    );
    let out = TempDir::new().unwrap();
    let result = collab()
        .current_dir(ws.path())
        .args(["render", "--workspace", "--today", TODAY, "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let page = fs::read_to_string(out.path().join("directory.html")).unwrap();
    assert!(page.contains("Kingston upon Hull"), "{page}");
}

#[test]
fn who_says_when_a_region_asked_for_is_known_nowhere() {
    let ws = workspace();
    let who = |region: &str| {
        let out = collab()
            .current_dir(ws.path())
            .env("COLLAB_TODAY", TODAY)
            .args(["who", "--region", region])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let misspelt = who("yorkshir-and-the-humber");
    assert!(
        misspelt.contains("--region `yorkshir-and-the-humber` is neither built in nor declared")
            && misspelt.contains("did you mean `yorkshire-and-the-humber`?"),
        "{misspelt}"
    );
    assert!(who("zzqqxx").contains("declare it in a `[[region]]` table"));
    // A declared place, an alias and a built-in one are known: no note.
    for known in ["leeds", "yorkshire", "england"] {
        assert!(!who(known).contains("note:"), "{known}");
    }
}
