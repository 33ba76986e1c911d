//! `collab who`, `collab overlaps` and `collab index` on a generated
//! workspace with planted people and overlaps, and near-misses.

mod common;

use std::fs;
use std::path::Path;

use common::{TODAY, collab, copy_dir, repo};
use tempfile::TempDir;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A small valid campaign.
#[allow(clippy::too_many_arguments)]
fn campaign(
    dir: &Path,
    id: &str,
    dates: (&str, &str),
    region: &str,
    priority: &str,
    audience: &str,
    person: (&str, &str, &str),
    org: (&str, &str, &str),
) {
    write(
        dir,
        "collab.toml",
        &format!(
            "[campaign]\nid = \"{id}\"\nname = \"{id}\"\nframework = \"oasis\"\nlead = \"{}\"\nlaunch = {}\nend = {}\npriorities = [\"{priority}\"]\nregions = [\"{region}\"]\n",
            org.0, dates.0, dates.1
        ),
    );
    write(
        dir,
        "partners.yaml",
        &format!(
            "kind: partners\npartners:\n  - id: {}\n    name: {}\n    sector: local-authority\n    level: participation\n    regions: [{region}]\n    tags: [{}]\n    lead: {{ name: {}, role: {}, email: {} }}\n",
            org.0, org.1, org.2, person.0, person.1, person.2
        ),
    );
    write(
        dir,
        "plan.yaml",
        &format!(
            "kind: plan\nframework: oasis\ntitle: {id}\naudience:\n  - id: main\n    description: {audience}\n"
        ),
    );
}

/// Move every date in a campaign's files `years` later.
fn shift_years(dir: &Path, years: i32) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            shift_years(&path, years);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "toml") {
            let text = fs::read_to_string(&path).unwrap();
            let text = text
                .replace("2027-", &format!("{}-", 2027 + years))
                .replace("2026-", &format!("{}-", 2026 + years));
            fs::write(&path, text).unwrap();
        }
    }
}

fn workspace() -> TempDir {
    let tmp = TempDir::new().unwrap();
    let root = tmp.path();
    // Filler: copies of the shipped examples under other ids, each run
    // three years after the one before, so they do not overlap each other.
    for n in 0..12 {
        for example in ["winter-fire-safety", "safer-streets"] {
            let dir = root.join(format!("filler-{example}-{n:02}"));
            copy_dir(&repo().join("examples").join(example), &dir);
            shift_years(&dir, 3 * n);
            let toml = fs::read_to_string(dir.join("collab.toml")).unwrap();
            let toml = toml
                .replace(
                    "id = \"winter-fire-safety-2026\"",
                    &format!("id = \"wfs-{n:02}\""),
                )
                .replace(
                    "id = \"safer-streets-2026\"",
                    &format!("id = \"ss-{n:02}\""),
                );
            fs::write(dir.join("collab.toml"), toml).unwrap();
        }
    }
    // The person to find.
    campaign(
        &root.join("flood-ready"),
        "flood-ready-2027",
        ("2027-01-10", "2027-04-30"),
        "cumbria",
        "local-environments",
        "Households in flood risk areas of Cumbria who have no flood plan",
        (
            "Morgan Ellery",
            "Resilience communications lead",
            "morgan.ellery@example.gov.uk",
        ),
        ("cumbria-cc", "Cumbria County Council", "flood-resilience"),
    );
    // A near-miss: "flood" only in the person's name and organisation.
    campaign(
        &root.join("water-bills"),
        "water-bills-2027",
        ("2027-01-10", "2027-03-30"),
        "north-west",
        "economic-prosperity",
        "Bill payers struggling with water bills",
        ("Sam Flood", "Press officer", "sam.flood@example.org.uk"),
        ("flood-water", "Flood Water Trust", "money-advice"),
    );
    // The planted overlap: same audience and region, dates that overlap.
    let drivers = "Young drivers aged 17 to 24 in rural Cumbria";
    campaign(
        &root.join("drivers-police"),
        "young-drivers-police",
        ("2027-02-01", "2027-05-31"),
        "cumbria",
        "healthier-safer-communities",
        drivers,
        (
            "Alex Rowe",
            "Roads policing comms",
            "alex.rowe@example.police.uk",
        ),
        ("cumbria-police", "Cumbria Police", "road-safety"),
    );
    campaign(
        &root.join("drivers-council"),
        "young-drivers-council",
        ("2027-03-15", "2027-07-31"),
        "cumbria",
        "healthier-safer-communities",
        "Rural young drivers in Cumbria aged 17 to 24",
        ("Kim Hale", "Road safety officer", "kim.hale@example.gov.uk"),
        (
            "cumbria-roads",
            "Cumbria Road Safety Partnership",
            "road-safety",
        ),
    );
    // A near-miss: the same audience, but a year later.
    campaign(
        &root.join("drivers-later"),
        "young-drivers-2028",
        ("2028-02-01", "2028-05-31"),
        "cumbria",
        "healthier-safer-communities",
        drivers,
        ("Lee Park", "Comms officer", "lee.park@example.gov.uk"),
        ("cumbria-fire", "Cumbria Fire and Rescue", "road-safety"),
    );
    tmp
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
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

#[test]
fn who_finds_the_planted_person_first() {
    let ws = workspace();
    let hits = json(ws.path(), &["who", "flood resilience cumbria"]);
    assert_eq!(hits[0]["person"]["name"], "Morgan Ellery", "{hits:#}");
    assert_eq!(hits[0]["person"]["organisation"], "Cumbria County Council");
    assert_eq!(
        hits[0]["person"]["campaigns"][0]["campaign"],
        "flood-ready-2027"
    );
    // The near-miss is found, but lower.
    let names: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["person"]["name"].as_str().unwrap())
        .collect();
    let sam = names.iter().position(|n| *n == "Sam Flood");
    assert!(sam.is_none_or(|p| p > 0), "{names:?}");
    // Filters.
    let hits = json(
        ws.path(),
        &["who", "--tag", "road-safety", "--region", "cumbria"],
    );
    let names: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["person"]["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Alex Rowe") && names.contains(&"Kim Hale"),
        "{names:?}"
    );
    assert!(!names.contains(&"Morgan Ellery"));
    // One person on many campaigns appears once.
    let hits = json(ws.path(), &["who", "Priya Lomax"]);
    let priya: Vec<_> = hits
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["person"]["name"] == "Priya Lomax")
        .collect();
    assert_eq!(priya.len(), 1);
    assert_eq!(
        priya[0]["person"]["campaigns"].as_array().unwrap().len(),
        12
    );
}

#[test]
fn overlaps_ranks_the_planted_pair_first_and_explains_it() {
    let ws = workspace();
    let result = json(ws.path(), &["overlaps"]);
    let pairs = &result["pairs"];
    assert!(result["clusters"].is_array());
    let first = &pairs[0];
    let ids = [first["a"].as_str().unwrap(), first["b"].as_str().unwrap()];
    assert!(
        ids.contains(&"young-drivers-police") && ids.contains(&"young-drivers-council"),
        "{pairs:#}"
    );
    let why = first["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("; ");
    assert!(why.contains("both target"), "{why}");
    assert!(why.contains("both in cumbria"), "{why}");
    assert!(why.contains("weeks overlap"), "{why}");
    assert!(
        why.contains("shared priority healthier-safer-communities"),
        "{why}"
    );
    // The same audience a year later does not overlap at all.
    assert!(
        !pairs
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["a"] == "young-drivers-2028" || p["b"] == "young-drivers-2028")
    );
    // --campaign narrows to one campaign's matches.
    let narrowed = json(
        ws.path(),
        &["overlaps", "--campaign", "young-drivers-council"],
    );
    assert!(
        narrowed["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["a"] == "young-drivers-council" || p["b"] == "young-drivers-council")
    );
}

#[test]
fn the_cached_index_answers_and_goes_stale_when_files_change() {
    let ws = workspace();
    let dir = ws.path();
    let out = collab()
        .current_dir(dir)
        .env("COLLAB_TODAY", TODAY)
        .args(["index", "--out", "idx.json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("idx.json").is_file());
    let fresh = collab()
        .current_dir(dir)
        .env("COLLAB_TODAY", TODAY)
        .args([
            "who",
            "flood resilience",
            "--index",
            "idx.json",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&fresh.stderr).contains("out of date"));
    let hits: serde_json::Value = serde_json::from_slice(&fresh.stdout).unwrap();
    assert_eq!(hits[0]["person"]["name"], "Morgan Ellery");
    // Change a file: the cache is stale and the files are read instead.
    let partners = dir.join("flood-ready/partners.yaml");
    let text = fs::read_to_string(&partners).unwrap();
    fs::write(
        &partners,
        text.replace("Morgan Ellery", "Morgan Ellery-Shaw"),
    )
    .unwrap();
    let stale = collab()
        .current_dir(dir)
        .env("COLLAB_TODAY", TODAY)
        .args([
            "who",
            "flood resilience",
            "--index",
            "idx.json",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&stale.stderr).contains("out of date"));
    let hits: serde_json::Value = serde_json::from_slice(&stale.stdout).unwrap();
    assert_eq!(hits[0]["person"]["name"], "Morgan Ellery-Shaw");
}

#[test]
fn campaigns_with_errors_are_indexed_with_a_warning() {
    let ws = workspace();
    let dir = ws.path();
    let plan = dir.join("flood-ready/plan.yaml");
    let text = fs::read_to_string(&plan).unwrap();
    fs::write(&plan, text.replace("title:", "titel:")).unwrap();
    let out = collab()
        .current_dir(dir)
        .env("COLLAB_TODAY", TODAY)
        .args(["who", "flood resilience", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("flood-ready"), "{stderr}");
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits[0]["person"]["name"], "Morgan Ellery");
}
