//! The index cached by `collab index`: a query reads it while nothing it
//! was built from has changed, and sees every change after (a file edited
//! in place, a file added, a campaign deleted, a folder renamed), giving
//! the same answer as reading every campaign afresh.

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

/// A campaign whose partners file (at `partners`) names one person.
fn campaign(dir: &Path, id: &str, partners: &str, person: &str) {
    write(
        dir,
        "collab.toml",
        &format!(
            "[campaign]\nid = \"{id}\"\nname = \"{id}\"\nframework = \"oasis\"\nlead = \"org\"\nlaunch = 2027-01-10\nend = 2027-04-30\npriorities = [\"local-environments\"]\nregions = [\"cumbria\"]\n"
        ),
    );
    write(
        dir,
        "plan.yaml",
        &format!(
            "kind: plan\nframework: oasis\ntitle: {id}\naudience:\n  - id: main\n    description: Households in flood risk areas with no flood plan\n"
        ),
    );
    write(dir, partners, &partners_file(person));
}

fn partners_file(person: &str) -> String {
    format!(
        "kind: partners\npartners:\n  - id: org\n    name: Cumbria County Council\n    sector: local-authority\n    level: participation\n    regions: [cumbria]\n    tags: [flood-resilience]\n    lead: {{ name: {person}, role: Flood lead }}\n"
    )
}

fn workspace() -> TempDir {
    let tmp = TempDir::new().unwrap();
    let root = tmp.path();
    for example in ["winter-fire-safety", "safer-streets"] {
        copy_dir(&repo().join("examples").join(example), &root.join(example));
    }
    campaign(
        &root.join("flood-ready"),
        "flood-ready",
        "partners.yaml",
        "Morgan Ellery",
    );
    campaign(
        &root.join("flood-plan"),
        "flood-plan",
        "docs/partners.yaml",
        "Robin Hale",
    );
    tmp
}

/// Run a workspace command, from the cache when `cached`.
fn query(dir: &Path, args: &[&str], cached: bool) -> (serde_json::Value, String) {
    let mut cmd = collab();
    cmd.current_dir(dir).env("COLLAB_TODAY", TODAY).args(args);
    cmd.args(["--format", "json"]);
    if cached {
        cmd.args(["--index", ".collab/index.bin"]);
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

/// `who flood` and `overlaps` from the cache, checked against a fresh
/// read of every campaign; the names `who` finds, and whether the cache
/// said it was out of date.
fn answers(dir: &Path) -> (Vec<String>, bool) {
    let (who, stderr) = query(dir, &["who", "flood", "--limit", "50"], true);
    let (fresh, _) = query(dir, &["who", "flood", "--limit", "50"], false);
    assert_eq!(who, fresh, "who from the cache differs from a fresh read");
    let (pairs, _) = query(dir, &["overlaps", "--limit", "500"], true);
    let (fresh, _) = query(dir, &["overlaps", "--limit", "500"], false);
    assert_eq!(
        pairs, fresh,
        "overlaps from the cache differs from a fresh read"
    );
    let names = who
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["person"]["name"].as_str().unwrap().to_string())
        .collect();
    (names, stderr.contains("out of date"))
}

/// Run `collab index`; what it says on stderr.
fn index(dir: &Path) -> String {
    let out = collab()
        .current_dir(dir)
        .env("COLLAB_TODAY", TODAY)
        .arg("index")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

fn modified(path: &Path) -> std::time::SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn an_unchanged_workspace_is_answered_from_the_cache() {
    let ws = workspace();
    index(ws.path());
    let (names, stale) = answers(ws.path());
    assert!(!stale, "nothing changed, yet the cache was out of date");
    assert!(names.contains(&"Morgan Ellery".to_string()), "{names:?}");
    assert!(names.contains(&"Robin Hale".to_string()), "{names:?}");
}

#[test]
fn a_file_edited_in_place_is_seen_though_its_folder_is_unchanged() {
    let ws = workspace();
    let dir = ws.path();
    index(dir);
    let folder = dir.join("flood-ready");
    let before = modified(&folder);
    // Same length, written over the old bytes: only the file's own time
    // and content change.
    let partners = folder.join("partners.yaml");
    let text = fs::read_to_string(&partners).unwrap();
    let size = fs::metadata(&partners).unwrap().len();
    fs::write(&partners, text.replace("Morgan Ellery", "Morgan Ellory")).unwrap();
    assert_eq!(fs::metadata(&partners).unwrap().len(), size);
    assert_eq!(modified(&folder), before);
    let (names, stale) = answers(dir);
    assert!(stale);
    assert!(names.contains(&"Morgan Ellory".to_string()), "{names:?}");
    assert!(!names.contains(&"Morgan Ellery".to_string()), "{names:?}");
}

#[test]
fn a_file_added_in_a_subfolder_is_seen() {
    let ws = workspace();
    let dir = ws.path();
    fs::create_dir(dir.join("flood-ready/more")).unwrap();
    index(dir);
    write(
        dir,
        "flood-ready/more/meeting.yaml",
        "kind: meeting\nid: kick-off\ndate: 2027-01-12\n",
    );
    let (_, stale) = answers(dir);
    assert!(stale);
    // A second partners file in the subfolder adds its person.
    fs::remove_file(dir.join("flood-ready/more/meeting.yaml")).unwrap();
    fs::remove_file(dir.join("flood-ready/partners.yaml")).unwrap();
    write(
        dir,
        "flood-ready/more/partners.yaml",
        &partners_file("Jo Marsh"),
    );
    let (names, stale) = answers(dir);
    assert!(stale);
    assert!(names.contains(&"Jo Marsh".to_string()), "{names:?}");
    assert!(!names.contains(&"Morgan Ellery".to_string()), "{names:?}");
}

#[test]
fn a_deleted_campaign_is_gone() {
    let ws = workspace();
    let dir = ws.path();
    index(dir);
    fs::remove_dir_all(dir.join("flood-plan")).unwrap();
    let (names, stale) = answers(dir);
    assert!(stale);
    assert!(!names.contains(&"Robin Hale".to_string()), "{names:?}");
    assert!(names.contains(&"Morgan Ellery".to_string()), "{names:?}");
}

#[test]
fn a_renamed_folder_is_seen() {
    let ws = workspace();
    let dir = ws.path();
    index(dir);
    // Renaming a campaign keeps it, once.
    fs::rename(dir.join("flood-ready"), dir.join("flood-ready-2027")).unwrap();
    let (names, stale) = answers(dir);
    assert!(stale);
    assert_eq!(
        names.iter().filter(|n| *n == "Morgan Ellery").count(),
        1,
        "{names:?}"
    );
    // Renaming the folder that holds a campaign's partners to a hidden
    // name leaves them out.
    fs::rename(dir.join("flood-plan/docs"), dir.join("flood-plan/.docs")).unwrap();
    let (names, _) = answers(dir);
    assert!(!names.contains(&"Robin Hale".to_string()), "{names:?}");
}

#[test]
fn a_new_campaign_and_an_ignore_file_are_seen() {
    let ws = workspace();
    let dir = ws.path();
    write(dir, ".gitignore", "# nothing yet\n");
    index(dir);
    campaign(
        &dir.join("late/flood-late"),
        "flood-late",
        "partners.yaml",
        "Sky Dale",
    );
    let (names, stale) = answers(dir);
    assert!(stale);
    assert!(names.contains(&"Sky Dale".to_string()), "{names:?}");
    index(dir);
    // Editing the ignore file in place changes no folder.
    fs::write(dir.join(".gitignore"), "late/\n").unwrap();
    let (names, stale) = answers(dir);
    assert!(stale);
    assert!(!names.contains(&"Sky Dale".to_string()), "{names:?}");
}

#[test]
fn a_cache_of_another_version_or_not_a_cache_is_not_used() {
    let ws = workspace();
    let dir = ws.path();
    index(dir);
    let (fresh, _) = query(dir, &["who", "flood"], false);
    let cache = dir.join(".collab/index.bin");
    let mut bytes = fs::read(&cache).unwrap();
    // The version comes first; another number is another shape.
    bytes[0] = bytes[0].wrapping_add(1);
    for junk in [bytes, b"{\"version\": 5}".to_vec(), Vec::new()] {
        fs::write(&cache, junk).unwrap();
        let (cached, stderr) = query(dir, &["who", "flood"], true);
        assert!(stderr.contains("out of date"), "{stderr}");
        assert_eq!(cached, fresh);
    }
}

#[test]
fn a_cut_short_cache_is_not_used() {
    let ws = workspace();
    let dir = ws.path();
    index(dir);
    let cache = dir.join(".collab/index.bin");
    let whole = fs::read(&cache).unwrap();
    let (fresh_who, _) = query(dir, &["who", "flood"], false);
    let (fresh_pairs, _) = query(dir, &["overlaps"], false);
    // Cut inside each of its parts, and just before the end.
    for keep in [5, whole.len() / 4, whole.len() / 2, whole.len() - 1] {
        fs::write(&cache, &whole[..keep]).unwrap();
        let (who, stderr) = query(dir, &["who", "flood"], true);
        assert!(stderr.contains("out of date"), "cut at {keep}: {stderr}");
        assert_eq!(who, fresh_who, "cut at {keep}");
        let (pairs, _) = query(dir, &["overlaps"], true);
        assert_eq!(pairs, fresh_pairs, "cut at {keep}");
    }
}

#[test]
fn free_text_from_the_cache_is_the_same_as_from_the_files() {
    let ws = workspace();
    let dir = ws.path();
    index(dir);
    for words in [&["flood"][..], &["floood", "ready"], &["morgan"]] {
        let args: Vec<&str> = ["who"].into_iter().chain(words.iter().copied()).collect();
        let (fresh, _) = query(dir, &args, false);
        let (cached, stderr) = query(dir, &args, true);
        assert!(!stderr.contains("out of date"), "{stderr}");
        assert_eq!(cached, fresh, "{words:?}");
        assert!(
            cached.as_array().is_some_and(|a| !a.is_empty()),
            "{words:?} found no one"
        );
    }
}

#[test]
fn a_campaign_with_errors_is_named_also_when_lint_makes_a_warning_an_error() {
    let ws = workspace();
    let dir = ws.path();
    let before = index(dir);
    assert!(!before.contains("have errors"), "{before}");
    // The index checks only the rules at error level: one raised to
    // error by `[lint]` must still count.
    let out = collab()
        .current_dir(dir.join("flood-ready"))
        .env("COLLAB_TODAY", TODAY)
        .args(["validate", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rule = report["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["level"] == "warning"))
        .and_then(|f| f["rule"].as_str())
        .expect("flood-ready has a warning")
        .to_string();
    let toml = dir.join("flood-ready/collab.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(&toml, format!("{text}[lint]\n{rule} = \"deny\"\n")).unwrap();
    let after = index(dir);
    assert!(
        after.contains("have errors") && after.contains("flood-ready"),
        "{rule}: {after}"
    );
}
