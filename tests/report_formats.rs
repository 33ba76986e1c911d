//! The report formats a program reads: `concise`, `codeclimate`, `json`
//! (with its schema), `--output-file`, and the repository-relative paths
//! every machine format prints from any working folder.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{TODAY, collab, copy_dir, fixtures};
use serde_json::Value;
use tempfile::TempDir;

/// A folder name with a space, a `#` and a non-ASCII letter.
const CAMPAIGN: &str = "campaigns/spring #2 café";

/// A git repository holding the json-report fixture at [`CAMPAIGN`].
fn repository() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    let git = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(&repo)
        .status()
        .expect("git runs");
    assert!(git.success());
    copy_dir(&fixtures().join("json-report"), &repo.join(CAMPAIGN));
    (tmp, repo)
}

/// `collab -C DIR validate --today … ARGS` run in `cwd`.
fn validate(cwd: &Path, dir: &str, args: &[&str]) -> Output {
    collab()
        .env_remove("GITHUB_WORKSPACE")
        .current_dir(cwd)
        .args(["-C", dir, "validate", "--today", TODAY])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

#[test]
fn concise_is_one_line_per_finding_named_from_the_working_folder() {
    let (_tmp, repo) = repository();
    let out = validate(&repo, CAMPAIGN, &["--format", "concise"]);
    assert_eq!(out.status.code(), Some(1));
    let report = json_of(&validate(&repo, CAMPAIGN, &["--format", "json"]));
    let findings = report["findings"].as_array().unwrap();
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{text}");
    // Vim's `%f:%l:%c: %m` reads every line.
    for (line, f) in lines.iter().zip(findings) {
        let mut parts = line.splitn(4, ':');
        let (file, l, c, rest) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        assert!(!file.is_empty() && !file.contains(".."), "{line}");
        assert_eq!(l, f["line"].to_string(), "{line}");
        assert_eq!(c, f["column"].to_string(), "{line}");
        let level = f["level"].as_str().unwrap();
        let rule = f["rule"].as_str().unwrap();
        let message = f["message"].as_str().unwrap();
        assert_eq!(rest, format!(" {level}[{rule}] {message}"));
    }
    assert!(lines.contains(
        &"partners.yaml:12:5: error[unknown-field] unknown field `sponser` in item 2 of `partners`"
    ));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        "7 errors, 22 warnings in 5 files\n3 fixable with `collab validate --fix`\n"
    );
    let quiet = validate(&repo, CAMPAIGN, &["--format", "concise", "-q"]);
    assert!(quiet.stderr.is_empty());
    assert_eq!(quiet.stdout, out.stdout);
}

#[test]
fn concise_from_a_subfolder_names_files_as_typed_there() {
    let (_tmp, repo) = repository();
    let dir = format!("{CAMPAIGN}/meetings");
    let text = stdout(&validate(&repo, &dir, &["--format", "concise"]));
    assert!(text.contains("\ninitial.yaml:8:"), "{text}");
    assert!(text.contains("\n../partners.yaml:12:5: error[unknown-field]"));
}

/// Every path a format prints, from a subfolder of the campaign.
fn printed_paths(repo: &Path, format: &str) -> Vec<String> {
    let dir = format!("{CAMPAIGN}/meetings");
    let text = stdout(&validate(repo, &dir, &["--format", format]));
    let after = |key: &str, end: char| -> Vec<String> {
        text.split(key)
            .skip(1)
            .map(|s| s.split(end).next().unwrap_or_default().to_string())
            .collect()
    };
    match format {
        "json" => json_paths(&serde_json::from_str(&text).unwrap(), "file"),
        "codeclimate" => {
            let issues: Value = serde_json::from_str(&text).unwrap();
            let issues = issues.as_array().unwrap();
            issues
                .iter()
                .map(|i| i["location"]["path"].as_str().unwrap().to_string())
                .collect()
        }
        "github" => after("file=", ','),
        "junit" => after("<testcase name=\"", '"')
            .into_iter()
            // A case is named by its file, plus ` (document N)` in a file
            // of many documents.
            .map(|name| {
                name.split(" (document")
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect(),
        "sarif" => after("\"uri\": \"", '"'),
        _ => unreachable!(),
    }
}

fn json_paths(report: &Value, key: &str) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f[key].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn machine_formats_name_files_from_the_repository_root_from_any_folder() {
    let (_tmp, repo) = repository();
    let encoded = "campaigns/spring%20%232%20caf%C3%A9/";
    for format in ["json", "codeclimate", "github", "junit", "sarif"] {
        let paths = printed_paths(&repo, format);
        assert!(!paths.is_empty(), "{format}");
        // SARIF's first URI is `%SRCROOT%` itself.
        let files = paths.iter().filter(|p| !p.starts_with("file://"));
        let want = if format == "sarif" {
            encoded.to_string()
        } else {
            format!("{CAMPAIGN}/")
        };
        for path in files {
            assert!(path.starts_with(&want), "{format}: {path}");
            assert!(!path.contains(".."), "{format}: {path}");
        }
        let want = |name: &str| format!("{want}{name}");
        assert!(
            paths.contains(&want("partners.yaml")),
            "{format}: {paths:?}"
        );
        assert!(paths.contains(&want("meetings/initial.yaml")), "{format}");
    }
}

#[test]
fn json_outside_a_repository_names_files_from_the_working_folder_or_in_full() {
    let tmp = TempDir::new().unwrap();
    copy_dir(&fixtures().join("json-report"), &tmp.path().join("c"));
    let report = json_of(&validate(tmp.path(), "c", &["--format", "json"]));
    assert!(json_paths(&report, "file").contains(&"partners.yaml".to_string()));
    std::fs::create_dir(tmp.path().join("elsewhere")).unwrap();
    let out = validate(tmp.path(), "elsewhere", &["--format", "json", "../c"]);
    let whole = tmp.path().join("c/partners.yaml");
    let whole = whole.canonicalize().unwrap();
    let paths = json_paths(&json_of(&out), "file");
    assert!(
        paths.contains(&whole.to_string_lossy().into_owned()),
        "{paths:?}"
    );
    assert!(paths.iter().all(|p| !p.contains("..")), "{paths:?}");
}

fn codeclimate(repo: &Path) -> Vec<Value> {
    let out = validate(repo, CAMPAIGN, &["--format", "codeclimate"]);
    assert_eq!(out.status.code(), Some(1));
    json_of(&out).as_array().unwrap().clone()
}

#[test]
fn codeclimate_is_a_gitlab_code_quality_report() {
    let (_tmp, repo) = repository();
    let issues = codeclimate(&repo);
    let report = json_of(&validate(&repo, CAMPAIGN, &["--format", "json"]));
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(issues.len(), findings.len());
    let mut prints = std::collections::BTreeSet::new();
    for (issue, f) in issues.iter().zip(findings) {
        assert_eq!(issue["type"], "issue");
        assert_eq!(issue["check_name"], f["rule"]);
        assert_eq!(issue["description"], f["message"]);
        let severity = if f["level"] == "error" {
            "major"
        } else {
            "minor"
        };
        assert_eq!(issue["severity"], severity);
        assert_eq!(issue["location"]["path"], f["file"]);
        assert_eq!(issue["location"]["lines"]["begin"], f["line"]);
        assert_eq!(issue["location"]["lines"]["end"], f["end_line"]);
        let print = issue["fingerprint"].as_str().unwrap();
        assert_eq!(print.len(), 64);
        assert!(prints.insert(print.to_string()), "fingerprints are unique");
    }
    // Nothing found: an empty array, as GitLab expects.
    let out = validate(
        &repo,
        CAMPAIGN,
        &["--format", "codeclimate", "--rule", "duplicate-key"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).trim(), "[]");
}

#[test]
fn codeclimate_fingerprints_stay_when_a_line_is_inserted_above() {
    let (_tmp, repo) = repository();
    let before = codeclimate(&repo);
    let partners = repo.join(CAMPAIGN).join("partners.yaml");
    let text = std::fs::read_to_string(&partners).unwrap();
    std::fs::write(&partners, format!("# a note\n{text}")).unwrap();
    let after = codeclimate(&repo);
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b["fingerprint"], a["fingerprint"], "{b} / {a}");
        let line = |i: &Value| i["location"]["lines"]["begin"].as_u64().unwrap();
        let moved = u64::from(
            b["location"]["path"]
                .as_str()
                .unwrap()
                .ends_with("partners.yaml"),
        );
        assert_eq!(line(a), line(b) + moved);
    }
}

#[test]
fn output_file_holds_what_stdout_would_and_keeps_the_exit_code() {
    let (tmp, repo) = repository();
    for format in [
        "human",
        "concise",
        "json",
        "github",
        "sarif",
        "junit",
        "codeclimate",
    ] {
        let printed = validate(&repo, CAMPAIGN, &["--format", format]);
        let file = tmp.path().join(format!("report.{format}"));
        let written = validate(
            &repo,
            CAMPAIGN,
            &["--format", format, "--output-file", file.to_str().unwrap()],
        );
        assert_eq!(written.status.code(), printed.status.code(), "{format}");
        assert!(written.stdout.is_empty(), "{format}");
        assert_eq!(std::fs::read(&file).unwrap(), printed.stdout, "{format}");
    }
    // A file named from the working folder lands there.
    let out = validate(
        &repo,
        CAMPAIGN,
        &[
            "--format",
            "json",
            "--output-file",
            "out/r.json",
            "--exit-zero",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(repo.join(CAMPAIGN).join("out/r.json").is_file());
}

#[cfg(unix)]
#[test]
fn output_file_goes_through_the_safe_writer() {
    let (tmp, repo) = repository();
    let target = tmp.path().join("precious.txt");
    std::fs::write(&target, "keep me\n").unwrap();
    let link = repo.join(CAMPAIGN).join("report.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = validate(
        &repo,
        CAMPAIGN,
        &["--format", "json", "--output-file", "report.json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me\n");
}

#[test]
fn human_output_file_has_no_colour() {
    let (tmp, repo) = repository();
    let file = tmp.path().join("report.txt");
    let run = |args: &[&str]| {
        collab()
            .env_remove("NO_COLOR")
            .env("FORCE_COLOR", "1")
            .current_dir(&repo)
            .args(["-C", CAMPAIGN, "validate", "--today", TODAY])
            .args(args)
            .output()
            .unwrap()
    };
    let coloured = run(&[]);
    assert!(
        coloured.stdout.contains(&0x1b),
        "FORCE_COLOR colours stdout"
    );
    run(&["--output-file", file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("7 errors, 22 warnings in 5 files"));
}

/// Resolve a `$ref` to `#/$defs/…` in `schema`.
fn resolve<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
    match node["$ref"].as_str() {
        Some(r) => {
            let name = r.trim_start_matches("#/$defs/");
            &schema["$defs"][name]
        }
        None => node,
    }
}

/// `value`'s keys are exactly the object schema's properties, in order, all
/// required and documented.
fn check_object(schema: &Value, node: &Value, value: &Value, at: &str) {
    let node = resolve(schema, node);
    assert_eq!(node["type"], "object", "{at}");
    let props = node["properties"].as_object().unwrap();
    let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(keys, props.keys().collect::<Vec<_>>(), "{at}");
    let required = node["required"].as_array().unwrap();
    assert_eq!(
        required.len(),
        props.len(),
        "{at}: every field is always there"
    );
    for (key, prop) in props {
        assert!(prop["description"].is_string(), "{at}.{key} is documented");
    }
}

#[test]
fn json_has_a_version_and_matches_collab_schema_report() {
    let (_tmp, repo) = repository();
    let report = json_of(&validate(&repo, CAMPAIGN, &["--format", "json"]));
    assert_eq!(report["version"], "1");
    assert_eq!(report["tool"]["name"], "collab");
    assert_eq!(report["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let out = collab().args(["schema", "report"]).output().unwrap();
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["version"]["const"], "1");
    check_object(&schema, &schema, &report, "report");
    let props = &schema["properties"];
    check_object(&schema, &props["tool"], &report["tool"], "tool");
    check_object(&schema, &props["summary"], &report["summary"], "summary");
    let item = &props["findings"]["items"];
    for f in report["findings"].as_array().unwrap() {
        check_object(&schema, item, f, "finding");
    }
    let level = resolve(&schema, &resolve(&schema, item)["properties"]["level"]);
    assert_eq!(level["enum"], serde_json::json!(["error", "warning"]));
    // `schema --out` writes it beside the editor schemas.
    let tmp = TempDir::new().unwrap();
    collab()
        .current_dir(tmp.path())
        .args(["schema", "--out", "s"])
        .assert()
        .success();
    let written = std::fs::read(tmp.path().join("s/report.json")).unwrap();
    assert_eq!(written, out.stdout);
}

#[test]
fn the_gitlab_job_keeps_a_code_quality_report() {
    let tmp = TempDir::new().unwrap();
    collab()
        .current_dir(tmp.path())
        .args(["init", "g", "--ci", "gitlab", "-q"])
        .assert()
        .success();
    let text = std::fs::read_to_string(tmp.path().join("g/.gitlab-ci.yml")).unwrap();
    let report = "gl-code-quality-report.json";
    assert!(text.contains(&format!(
        "collab validate --format codeclimate --exit-zero --output-file \"$CI_PROJECT_DIR/{report}\""
    )));
    assert!(text.contains(&format!("      codequality: {report}\n")));
    assert!(text.contains("    when: always\n"));
}
