//! Paths in reports: the repository root for the machine formats (github,
//! sarif, junit), the working folder for people (human) and for json, as
//! CLI.md fixes it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{TODAY, collab};
use tempfile::TempDir;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A campaign whose partners file, named `partners`, has an unknown field.
fn campaign(dir: &Path, id: &str, partners: &str) {
    write(
        dir,
        "collab.toml",
        &format!(
            "[campaign]\nid = \"{id}\"\nname = \"Campaign {id}\"\nframework = \"oasis\"\nlead = \"council\"\n"
        ),
    );
    write(
        dir,
        partners,
        "kind: partners\npartners:\n  - id: council\n    name: Kingsmere Council\n    sector: local-authority\n    level: collaboration\n    sponser: nobody\n    lead: { name: Ana Silva, role: Campaign lead }\n",
    );
    write(
        dir,
        "plan.yaml",
        "kind: plan\nframework: oasis\ntitle: A campaign\n",
    );
}

/// A folder with `campaigns/winter` and `campaigns/other`, made a git
/// repository when `git` is true. Returns the folder, its real path and
/// `campaigns/winter` in it.
fn workspace(git: bool) -> (TempDir, PathBuf, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let top = tmp.path().canonicalize().unwrap();
    if git {
        let made = std::process::Command::new("git")
            .args(["init", "-q"])
            .current_dir(&top)
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            // Without git on the machine a `.git` folder says the same.
            fs::create_dir(top.join(".git")).unwrap();
        }
    }
    campaign(&top.join("campaigns/winter"), "winter", "partners.yaml");
    campaign(&top.join("campaigns/other"), "other", "partners.yaml");
    let winter = top.join("campaigns/winter");
    (tmp, top, winter)
}

/// `collab validate ARGS` run in `dir`: stdout.
fn validate(dir: &Path, args: &[&str]) -> String {
    let out = collab()
        .current_dir(dir)
        .env_remove("GITHUB_WORKSPACE")
        .args(["validate", "--today", TODAY])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn sarif_of(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "sarif"]);
    serde_json::from_str(&validate(dir, &all)).unwrap()
}

/// The artifact location of the first SARIF result for `unknown-field`.
fn unknown_field_location(sarif: &serde_json::Value) -> serde_json::Value {
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|r| r["ruleId"] == "unknown-field")
        .expect("an unknown-field result");
    result["locations"][0]["physicalLocation"]["artifactLocation"].clone()
}

fn unknown_field_line(text: &str) -> String {
    text.lines()
        .find(|l| l.contains("title=unknown-field"))
        .unwrap_or_else(|| panic!("no unknown-field annotation in:\n{text}"))
        .to_string()
}

#[test]
fn from_a_subfolder_machine_formats_name_files_from_the_repository_root() {
    let (_tmp, top, winter) = workspace(true);

    let github = validate(&winter, &["../other", "--format", "github"]);
    let line = unknown_field_line(&github);
    assert!(
        line.starts_with("::error file=campaigns/other/partners.yaml,line=7,"),
        "{line}"
    );
    assert!(!github.contains(".."), "{github}");

    let sarif = sarif_of(&winter, &["../other"]);
    let run = &sarif["runs"][0];
    let location = unknown_field_location(&sarif);
    assert_eq!(location["uri"], "campaigns/other/partners.yaml");
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert_eq!(base, file_uri(&top));

    let junit = validate(&winter, &["../other", "--format", "junit"]);
    assert!(
        junit.contains("name=\"campaigns/other/partners.yaml\""),
        "{junit}"
    );
    assert!(!junit.contains(".."), "{junit}");

    // json names files from the repository root too (issue 14 item 7).
    let json: serde_json::Value =
        serde_json::from_str(&validate(&winter, &["../other", "--format", "json"])).unwrap();
    let files: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert!(
        files.contains(&"campaigns/other/partners.yaml"),
        "{files:?}"
    );
    assert!(
        files.iter().all(|f| f.starts_with("campaigns/other/")),
        "{files:?}"
    );
    // Human output names files as a person here would type them.
    let human = validate(&winter, &["../other", "--format", "human"]);
    assert!(human.contains("../other/partners.yaml:7:"), "{human}");
}

#[test]
fn sarif_uris_are_percent_encoded() {
    let (_tmp, top, _) = workspace(true);
    let odd = top.join("campaigns/spring #2");
    campaign(&odd, "spring", "partners café 2.yaml");
    let sarif = sarif_of(&top, &["campaigns/spring #2"]);
    let run = &sarif["runs"][0];
    let uris: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains(&"campaigns/spring%20%232/partners%20caf%C3%A9%202.yaml"),
        "{uris:?}"
    );
    // The file name as written, for people.
    let human = validate(&top, &["campaigns/spring #2", "--format", "human"]);
    assert!(
        human.contains("campaigns/spring #2/partners café 2.yaml:7:"),
        "{human}"
    );
}

#[test]
fn outside_a_repository_paths_start_from_the_working_folder() {
    let (_tmp, top, winter) = workspace(false);
    let github = validate(&top, &["campaigns/other", "--format", "github"]);
    assert!(
        unknown_field_line(&github).starts_with("::error file=campaigns/other/partners.yaml,"),
        "{github}"
    );
    let sarif = sarif_of(&top, &["campaigns/other"]);
    let run = &sarif["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        file_uri(&top)
    );
    assert_eq!(
        unknown_field_location(&sarif)["uri"],
        "campaigns/other/partners.yaml"
    );

    // A file outside the working folder and any repository has no
    // relative name without `..`: it is named by its full path.
    let github = validate(&winter, &["../other", "--format", "github"]);
    let whole = top.join("campaigns/other/partners.yaml");
    assert!(
        unknown_field_line(&github).starts_with(&format!("::error file={},", whole.display())),
        "{github}"
    );
    let sarif = sarif_of(&winter, &["../other"]);
    let location = unknown_field_location(&sarif);
    assert_eq!(
        location["uri"].as_str().unwrap(),
        format!("{}campaigns/other/partners.yaml", file_uri(&top))
    );
    assert!(location.get("uriBaseId").is_none(), "{location}");
}

/// `dir` as a `file://` URI ending in `/` (the test folders hold no
/// characters that need encoding).
fn file_uri(dir: &Path) -> String {
    let text = dir.to_str().unwrap().replace('\\', "/");
    let text = text.trim_start_matches('/');
    format!("file:///{text}/")
}
