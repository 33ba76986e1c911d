//! Output formats for CI and editors, and the terminal helpers.

mod common;

use common::{TODAY, collab, fixtures, repo};
use predicates::prelude::*;

fn validate(args: &[&str]) -> (i32, String) {
    let out = collab()
        .current_dir(fixtures().join("json-report"))
        .args(["validate", "--today", TODAY])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn github_annotations_use_repository_paths() {
    let (code, text) = validate(&["--format", "github"]);
    assert_eq!(code, 1);
    let line = text
        .lines()
        .find(|l| l.contains("title=unknown-field"))
        .expect("an unknown-field annotation");
    assert_eq!(
        line,
        "::error file=tests/fixtures/json-report/partners.yaml,line=12,col=5,endLine=12,endColumn=12,title=unknown-field::unknown field `sponser` in item 2 of `partners`%0Ahelp: did you mean `sponsor`?"
    );
    assert!(text.lines().any(|l| l.starts_with("::warning file=")));
}

#[test]
fn github_is_the_default_inside_github_actions() {
    let out = collab()
        .current_dir(fixtures().join("json-report"))
        .env("GITHUB_ACTIONS", "true")
        .args(["validate", "--today", TODAY])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("::"), "{text}");
}

#[test]
fn sarif_has_every_rule_and_one_result_per_finding() {
    let (_, json) = validate(&["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let (code, text) = validate(&["--format", "sarif"]);
    assert_eq!(code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), collab::rule::catalogue().count());
    let late = rules.iter().find(|r| r["id"] == "late-engagement").unwrap();
    assert_eq!(late["defaultConfiguration"]["level"], "warning");
    assert!(late["help"]["text"].as_str().unwrap().contains("Why:"));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), json["findings"].as_array().unwrap().len());
    let first = &results[0];
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], json["findings"][0]["line"]);
    assert_eq!(region["startColumn"], json["findings"][0]["column"]);
}

#[test]
fn junit_has_a_case_per_document_and_a_failure_per_failing_document() {
    let (_, json) = validate(&["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let (code, xml) = validate(&["--format", "junit"]);
    assert_eq!(code, 1);
    assert!(xml.starts_with("<?xml"));
    // Four documents plus collab.toml.
    assert_eq!(xml.matches("<testcase ").count(), 5, "{xml}");
    // One document per file here: a failure for each file with errors.
    let failing: std::collections::BTreeSet<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["level"] == "error")
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(xml.matches("<failure ").count(), failing.len(), "{xml}");
    let counts = format!("tests=\"5\" failures=\"{}\"", failing.len());
    assert!(xml.contains(&counts), "{xml}");
    // Named from the repository root, as the github annotations are.
    assert!(xml.contains("name=\"tests/fixtures/json-report/partners.yaml\""));
}

#[test]
fn exit_zero_and_fail_on() {
    assert_eq!(validate(&["--format", "json", "--exit-zero"]).0, 0);
    let fixture = common::rule_fixture("single-point-of-contact", "fires");
    let clean = fixture.path();
    let code = |args: &[&str]| {
        collab()
            .current_dir(clean)
            .args(["validate", "--today", TODAY, "--format", "json"])
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    // Only warnings there.
    assert_eq!(code(&[]), Some(0));
    assert_eq!(code(&["--fail-on", "warning"]), Some(1));
    assert_eq!(code(&["--fail-on", "error"]), Some(0));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        collab()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("validate"));
    }
    collab()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH collab"));
}

#[test]
fn config_says_where_each_setting_comes_from() {
    let out = collab()
        .current_dir(repo().join("examples/winter-fire-safety"))
        .env("COLLAB_TODAY", "2026-11-24")
        .args(["config", "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let get = |key: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .unwrap_or_else(|| panic!("{key} missing"))
            .clone()
    };
    assert_eq!(get("campaign.launch")["value"], "2026-12-01");
    assert!(
        get("campaign.launch")["source"]
            .as_str()
            .unwrap()
            .starts_with("collab.toml:")
    );
    assert_eq!(get("render.templates")["source"], "default");
    assert_eq!(get("lint.late-engagement")["value"], "deny");
    assert_eq!(get("today")["value"], "2026-11-24");
    assert_eq!(get("today")["source"], "COLLAB_TODAY");
}

#[test]
fn init_writes_ci_jobs_and_pre_commit_config() {
    let tmp = tempfile::TempDir::new().unwrap();
    collab()
        .current_dir(tmp.path())
        .args(["init", "c", "--ci", "github", "--pre-commit"])
        .assert()
        .success();
    let workflow =
        std::fs::read_to_string(tmp.path().join("c/.github/workflows/collab.yml")).unwrap();
    assert!(workflow.contains("collab validate"));
    assert!(workflow.contains("collab render"));
    assert!(tmp.path().join("c/.pre-commit-config.yaml").is_file());
    collab()
        .current_dir(tmp.path())
        .args(["init", "g", "--ci", "gitlab"])
        .assert()
        .success();
    assert!(tmp.path().join("g/.gitlab-ci.yml").is_file());
    // The repository's own hook definition runs the right command.
    let hooks = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("id: collab-validate"));
    assert!(hooks.contains("entry: collab validate --whole-campaigns"));
}

/// The package name and version in `Cargo.toml`.
fn cargo_package() -> (String, String) {
    let text = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    let manifest: toml::Table = toml::from_str(&text).unwrap();
    let package = &manifest["package"];
    let field = |key: &str| package[key].as_str().unwrap().to_string();
    (field("name"), field("version"))
}

#[test]
fn ci_templates_install_this_package_at_this_version() {
    let (name, version) = cargo_package();
    assert_ne!(
        name, "collab",
        "`collab` on crates.io is someone else's crate"
    );
    let tmp = tempfile::TempDir::new().unwrap();
    for (ci, file) in [
        ("github", ".github/workflows/collab.yml"),
        ("gitlab", ".gitlab-ci.yml"),
    ] {
        collab()
            .current_dir(tmp.path())
            .args(["init", ci, "--ci", ci])
            .assert()
            .success();
        let text = std::fs::read_to_string(tmp.path().join(ci).join(file)).unwrap();
        let installs: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("cargo install"))
            .collect();
        assert_eq!(installs.len(), 1, "{ci}: {text}");
        let words: Vec<&str> = installs[0].split_whitespace().collect();
        let at = words.iter().position(|w| *w == "install").unwrap();
        let args = &words[at + 1..];
        assert!(args.contains(&"--locked"), "{ci}: {}", installs[0]);
        let expected = ["--locked", name.as_str(), "--version", version.as_str()];
        assert_eq!(args, expected, "{ci}: {}", installs[0]);
        assert!(!text.contains("__COLLAB_"), "{ci}: unfilled placeholder");
    }
}

#[test]
fn whole_campaigns_reports_beyond_the_named_files() {
    let dir = fixtures().join("json-report");
    let only = |args: &[&str]| {
        let out = collab()
            .current_dir(&dir)
            .args([
                "validate",
                "--today",
                TODAY,
                "--format",
                "json",
                "plan.yaml",
            ])
            .args(args)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["file"].as_str().unwrap().to_string())
            .collect::<std::collections::BTreeSet<_>>()
    };
    // json names files from the repository root (docs/format.md).
    let name = |file: &str| format!("tests/fixtures/json-report/{file}");
    assert_eq!(
        only(&[]).into_iter().collect::<Vec<_>>(),
        [name("plan.yaml")]
    );
    assert!(only(&["--whole-campaigns"]).contains(&name("partners.yaml")));
}
