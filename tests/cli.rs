//! End-to-end tests: the binary run on real folders.

mod common;

use std::fs;
use std::path::Path;

use common::{TODAY, collab, errors, fixtures, repo, triples, validate_json};
use predicates::prelude::*;
use tempfile::TempDir;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A small valid campaign to break in tests.
fn small_campaign(dir: &Path) {
    write(
        dir,
        "collab.toml",
        "[campaign]\nid = \"small\"\nname = \"Small\"\nframework = \"oasis\"\nlead = \"council\"\n",
    );
    write(
        dir,
        "partners.yaml",
        "kind: partners\npartners:\n  - id: council\n    name: Kingsmere Council\n    sector: local-authority\n    level: collaboration\n    lead: { name: Ana Silva, role: Campaign lead }\n",
    );
    write(
        dir,
        "plan.yaml",
        "kind: plan\nframework: oasis\ntitle: Small campaign\n",
    );
}

#[test]
fn init_example_validates_clean_for_both_frameworks() {
    for framework in ["oasis", "rosie"] {
        let tmp = TempDir::new().unwrap();
        collab()
            .current_dir(tmp.path())
            .args(["init", "demo", "--example", "--framework", framework])
            .assert()
            .success();
        let demo = tmp.path().join("demo");
        assert!(demo.join(".collab/schema/plan.json").is_file());
        let plan = fs::read_to_string(demo.join("plan.yaml")).unwrap();
        assert!(plan.starts_with("# yaml-language-server: $schema=.collab/schema/plan.json\n"));
        let (code, report) = validate_json(&demo, &[]);
        assert_eq!(code, 0, "{framework}: {report:#}");
        assert_eq!(report["summary"]["errors"], 0, "{framework}");
        assert!(report["summary"]["documents"].as_u64().unwrap() >= 5);
        // The sample gets the README a scaffold gets, naming the sample.
        let readme = fs::read_to_string(demo.join("README.md")).unwrap();
        let title = if framework == "oasis" {
            "# Winter Home Fire Safety 2026\n"
        } else {
            "# Safer Streets After Dark\n"
        };
        assert!(readme.starts_with(title), "{framework}: {readme}");
    }
}

#[test]
fn init_example_refuses_settings_it_would_ignore() {
    let tmp = TempDir::new().unwrap();
    for flag in [
        &["--name", "Mine"][..],
        &["--id", "mine"],
        &["--lead", "x"],
        &["--launch", "2027-01-01"],
    ] {
        collab()
            .current_dir(tmp.path())
            .args(["init", "demo", "--example"])
            .args(flag)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("cannot be used with"));
    }
    assert!(!tmp.path().join("demo").exists());
}

#[test]
fn init_blank_without_a_terminal_asks_nothing_and_validates_clean() {
    for args in [
        vec!["init", "blank"],
        vec!["init", "blank", "--framework", "rosie"],
        vec![
            "init",
            "blank",
            "--framework",
            "rosie",
            "--launch",
            "2027-03-01",
            "--lead",
            "lancs-fire",
            "--name",
            "Say \"yes\" to alarms",
            "--id",
            "alarms",
        ],
    ] {
        let tmp = TempDir::new().unwrap();
        collab()
            .current_dir(tmp.path())
            .args(&args)
            .write_stdin("")
            .assert()
            .success();
        let blank = tmp.path().join("blank");
        for file in [
            "collab.toml",
            "plan.yaml",
            "partners.yaml",
            "evaluation.yaml",
            "charter.yaml",
            "meetings/initial-partnering.yaml",
            "README.md",
            ".gitignore",
            ".collab/schema/collab.json",
            ".collab/schema/meeting.json",
        ] {
            assert!(blank.join(file).is_file(), "{args:?}: {file} missing");
        }
        let charter = fs::read_to_string(blank.join("charter.yaml")).unwrap();
        assert!(
            charter.starts_with("# yaml-language-server: $schema=.collab/schema/charter.json"),
            "{charter}"
        );
        assert!(charter.contains("kind: charter\n"), "{charter}");
        let meeting = fs::read_to_string(blank.join("meetings/initial-partnering.yaml")).unwrap();
        assert!(
            meeting.starts_with("# yaml-language-server: $schema=../.collab/schema/meeting.json")
        );
        let (code, report) = validate_json(&blank, &[]);
        assert_eq!(code, 0, "{args:?}: {report:#}");
        assert_eq!(report["summary"]["errors"], 0);
    }
}

#[test]
fn init_uses_the_folder_name_for_placeholders() {
    let tmp = TempDir::new().unwrap();
    collab()
        .current_dir(tmp.path())
        .args(["init", "winter-safety"])
        .write_stdin("")
        .assert()
        .success();
    let toml = fs::read_to_string(tmp.path().join("winter-safety/collab.toml")).unwrap();
    assert!(toml.contains("id = \"winter-safety\""), "{toml}");
    assert!(toml.contains("name = \"Winter Safety\""), "{toml}");
}

#[test]
fn init_never_overwrites() {
    let tmp = TempDir::new().unwrap();
    collab()
        .current_dir(tmp.path())
        .args(["init", "c"])
        .assert()
        .success();
    let plan = tmp.path().join("c/plan.yaml");
    fs::write(&plan, "kind: plan\nframework: oasis\ntitle: Mine\n").unwrap();
    fs::remove_file(tmp.path().join("c/evaluation.yaml")).unwrap();
    collab()
        .current_dir(tmp.path())
        .args(["init", "c"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("left as it was"));
    assert_eq!(
        fs::read_to_string(&plan).unwrap(),
        "kind: plan\nframework: oasis\ntitle: Mine\n"
    );
    // --force fills in what is missing, still without overwriting.
    collab()
        .current_dir(tmp.path())
        .args(["init", "c", "--force"])
        .assert()
        .success();
    assert!(tmp.path().join("c/evaluation.yaml").is_file());
    assert_eq!(
        fs::read_to_string(&plan).unwrap(),
        "kind: plan\nframework: oasis\ntitle: Mine\n"
    );
}

#[test]
fn init_rejects_a_bad_id() {
    let tmp = TempDir::new().unwrap();
    collab()
        .current_dir(tmp.path())
        .args(["init", "c", "--lead", "Home Office"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("home-office"));
    assert!(!tmp.path().join("c/collab.toml").exists());
}

#[test]
fn typo_in_partners_gives_unknown_field_with_suggestion() {
    let tmp = TempDir::new().unwrap();
    small_campaign(tmp.path());
    write(
        tmp.path(),
        "partners.yaml",
        "kind: partners\npartners:\n  - id: council\n    name: Kingsmere Council\n    sector: local-authority\n    level: collaboration\n    leed: { name: Ana Silva, role: Campaign lead }\n",
    );
    let (code, report) = validate_json(tmp.path(), &[]);
    assert_eq!(code, 1);
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "unknown-field")
        .expect("unknown-field reported");
    assert_eq!(f["file"], "partners.yaml");
    assert_eq!(f["line"], 7);
    assert_eq!(f["column"], 5);
    assert_eq!(f["end_column"], 9);
    assert_eq!(f["help"], "did you mean `lead`?");
}

#[test]
fn three_typos_and_a_bad_date_give_four_findings() {
    let tmp = TempDir::new().unwrap();
    small_campaign(tmp.path());
    write(
        tmp.path(),
        "partners.yaml",
        "kind: partners\npartners:\n  - id: council\n    nme: Kingsmere Council\n    sector: local-authority\n    levl: collaboration\n    lead: { name: Ana Silva, role: Campaign lead }\n    confirmd: 2026-09-30\n    name: Kingsmere\n    level: collaboration\n  - id: police\n    name: Police\n    sector: police\n    level: participation\n    lead: { name: Sam, role: Inspector }\n    confirmed: 2026-02-30\n",
    );
    let (_, report) = validate_json(tmp.path(), &[]);
    let found = errors(&report);
    let in_partners: Vec<_> = found
        .iter()
        .filter(|(_, f, _)| f == "partners.yaml")
        .collect();
    assert_eq!(in_partners.len(), 4, "{found:#?}");
    assert_eq!(
        in_partners
            .iter()
            .filter(|(r, _, _)| r == "unknown-field")
            .count(),
        3
    );
    assert!(in_partners.contains(&&("invalid-value".to_string(), "partners.yaml".to_string(), 16)));
}

#[test]
fn json_output_matches_the_contract() {
    let dir = fixtures().join("json-report");
    let out = collab()
        .current_dir(&dir)
        .args(["validate", "--format", "json", "--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    // collab's own version changes every release; the report's `version`
    // is the format's and stays.
    let tool = concat!("\"version\": \"", env!("CARGO_PKG_VERSION"), "\"\n");
    let text = text.replacen(tool, "\"version\": \"[collab version]\"\n", 1);
    insta::assert_snapshot!("json_report", text);
}

#[test]
fn human_output_is_stable_without_a_terminal() {
    let dir = fixtures().join("json-report");
    let run = || {
        collab()
            .current_dir(&dir)
            .args(["validate", "--today", TODAY])
            .output()
            .unwrap()
    };
    let first = run();
    let second = run();
    assert_eq!(first.stdout, second.stdout);
    let text = String::from_utf8(first.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes when not a terminal"
    );
    insta::assert_snapshot!("human_report", text);
}

#[test]
fn color_always_adds_colour() {
    let dir = fixtures().join("json-report");
    collab()
        .current_dir(&dir)
        .args(["validate", "--color", "always", "--today", TODAY])
        .assert()
        .stdout(predicate::str::contains("\u{1b}["));
}

#[test]
fn findings_are_sorted_by_file_line_column() {
    let dir = fixtures().join("json-report");
    let (_, report) = validate_json(&dir, &[]);
    let keys: Vec<(String, u64, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn rule_filter_and_deny_warnings() {
    let dir = fixtures().join("json-report");
    let (_, report) = validate_json(&dir, &["--rule", "unknown-reference"]);
    assert!(
        triples(&report)
            .iter()
            .all(|(r, _, _)| r == "unknown-reference")
    );
    collab()
        .current_dir(&dir)
        .args(["validate", "--rule", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule"));
}

#[test]
fn yaml_1_2_no_stays_text_and_multi_document_files_load() {
    let tmp = TempDir::new().unwrap();
    small_campaign(tmp.path());
    write(
        tmp.path(),
        "more.yaml",
        "kind: meeting\nid: m1\ntype: catch-up\ndate: 2026-10-01T10:00\ntitle: no\nlocation: yes\n---\nkind: meeting\nid: m2\ntype: catch-up\ndate: 2026-10-08T10:00\n",
    );
    let (code, report) = validate_json(tmp.path(), &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["summary"]["documents"], 4);
}

#[test]
fn walks_up_from_a_subfolder_and_reports_paths_from_there() {
    let tmp = TempDir::new().unwrap();
    small_campaign(tmp.path());
    write(
        tmp.path(),
        "meetings/m.yaml",
        "kind: meeting\nid: m\ntype: catch-up\ndate: 2026-10-01T10:00\nchair: councl\n",
    );
    let (code, report) = validate_json(&tmp.path().join("meetings"), &[]);
    assert_eq!(code, 1);
    let found = errors(&report);
    assert_eq!(
        found,
        vec![("unknown-reference".to_string(), "m.yaml".to_string(), 5)]
    );
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "unknown-reference")
        .unwrap();
    assert_eq!(f["help"], "did you mean `council`?");
}

#[test]
fn workspace_skips_ignored_hidden_excluded_and_output_folders() {
    let tmp = TempDir::new().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    small_campaign(&a);
    small_campaign(&b);
    fs::write(
        b.join("collab.toml"),
        "exclude = [\"drafts\"]\n[campaign]\nid = \"b\"\nname = \"B\"\nframework = \"oasis\"\n[render]\nout_dir = \"packs\"\n",
    )
    .unwrap();
    let broken = "kind: nonsense\n";
    for rel in [
        "a/dist/copy.yaml",
        "a/node_modules/pkg/x.yaml",
        "a/.hidden/x.yaml",
        "a/ignored/x.yaml",
        "b/drafts/x.yaml",
        "b/packs/x.yaml",
    ] {
        write(tmp.path(), rel, broken);
    }
    write(&a, ".gitignore", "ignored/\n");
    // A nested campaign is validated on its own, not as part of `a`.
    small_campaign(&a.join("nested"));
    let (code, report) = validate_json(tmp.path(), &[]);
    assert_eq!(code, 0, "{report:#}");
    // Three campaigns of three files each.
    assert_eq!(report["summary"]["files"], 9);
    // A file named on the command line is always read.
    let (code, report) = validate_json(tmp.path(), &["a/dist/copy.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(
        triples(&report),
        vec![(
            "unknown-kind".to_string(),
            "a/dist/copy.yaml".to_string(),
            1
        )]
    );
}

#[test]
fn a_named_file_without_kind_gets_missing_field() {
    let tmp = TempDir::new().unwrap();
    small_campaign(tmp.path());
    write(tmp.path(), "notes.yaml", "title: just some notes\n");
    let (code, report) = validate_json(tmp.path(), &[]);
    assert_eq!(code, 0, "unnamed files without kind are not ours");
    assert!(
        triples(&report)
            .iter()
            .all(|(_, file, _)| file != "notes.yaml")
    );
    let (code, report) = validate_json(tmp.path(), &["notes.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(
        triples(&report),
        vec![("missing-field".to_string(), "notes.yaml".to_string(), 1)]
    );
}

#[test]
fn bad_toml_is_a_configuration_error() {
    let tmp = TempDir::new().unwrap();
    small_campaign(tmp.path());
    write(tmp.path(), "collab.toml", "[campaign]\nname = Winter\n");
    let (code, report) = validate_json(tmp.path(), &[]);
    assert_eq!(code, 2);
    assert_eq!(
        triples(&report),
        vec![("toml-syntax".to_string(), "collab.toml".to_string(), 2)]
    );
}

#[test]
fn hostile_input_gives_a_finding_never_a_panic() {
    let tmp = TempDir::new().unwrap();
    small_campaign(tmp.path());
    let dir = tmp.path();
    fs::write(dir.join("empty.yaml"), "").unwrap();
    fs::write(dir.join("binary.yaml"), b"kind: plan\x00\x01\x02").unwrap();
    fs::write(dir.join("latin1.yaml"), b"kind: plan\ntitle: caf\xe9\n").unwrap();
    fs::write(
        dir.join("long.yaml"),
        format!("kind: plan\ntitle: {}\n", "x".repeat(1_000_000)),
    )
    .unwrap();
    let mut bomb = String::from("kind: plan\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    fs::write(dir.join("bomb.yaml"), bomb).unwrap();
    fs::write(
        dir.join("deep.yaml"),
        format!("kind: plan\nx: {}", "[".repeat(100_000)),
    )
    .unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("loop.yaml", dir.join("loop.yaml")).unwrap();
        std::os::unix::fs::symlink(".", dir.join("subloop")).unwrap();
    }
    for file in [
        "empty.yaml",
        "binary.yaml",
        "latin1.yaml",
        "long.yaml",
        "bomb.yaml",
        "deep.yaml",
    ] {
        let out = collab()
            .current_dir(dir)
            .args(["validate", "--format", "json", file])
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{file}: {stderr}");
        assert_eq!(out.status.code(), Some(1), "{file}: {stderr}");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            !report["findings"].as_array().unwrap().is_empty(),
            "{file} gave no finding"
        );
    }
    // The whole folder (symlink loops included) is walked without hanging.
    let out = collab()
        .current_dir(dir)
        .args(["validate", "--format", "json"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    #[cfg(unix)]
    collab()
        .current_dir(dir)
        .args(["validate", "loop.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("loop.yaml"));
}

#[test]
fn schema_command_prints_and_writes_2020_12_schemas() {
    let out = collab().args(["schema", "partners"]).output().unwrap();
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["kind"]["const"], "partners");
    assert_eq!(schema["additionalProperties"], false);

    let tmp = TempDir::new().unwrap();
    collab()
        .current_dir(tmp.path())
        .args(["schema", "--out", "s"])
        .assert()
        .success();
    for name in [
        "collab.json",
        "partners.json",
        "plan.json",
        "evaluation.json",
        "meeting.json",
    ] {
        let text = fs::read_to_string(tmp.path().join("s").join(name)).unwrap();
        let _: serde_json::Value = serde_json::from_str(&text).unwrap();
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_catalogue() {
    let out = collab()
        .args(["rules", "--format", "markdown"])
        .output()
        .unwrap();
    let generated = String::from_utf8(out.stdout).unwrap();
    let on_disk = fs::read_to_string(repo().join("docs/rules.md")).unwrap();
    assert!(
        generated == on_disk,
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}

#[test]
fn explain_prints_every_rule() {
    for rule in collab::rule::catalogue() {
        let out = collab().args(["explain", rule.id]).output().unwrap();
        assert!(out.status.success(), "{}", rule.id);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Why:"), "{}: no why", rule.id);
        assert!(text.contains("Fix:"), "{}: no fix", rule.id);
        assert!(text.contains("\n    "), "{}: no example", rule.id);
        assert!(text.len() > 300, "{}: too short", rule.id);
    }
    // A misspelt id: tests/cmd/rules.trycmd.
}

/// A campaign whose only problems are a partner without a deputy and one
/// without a sponsor.
fn allow_campaign(dir: &Path, partners: &str) {
    small_campaign(dir);
    write(dir, "partners.yaml", partners);
}

#[test]
fn an_allow_comment_silences_exactly_one_finding() {
    let tmp = TempDir::new().unwrap();
    let partner = |id: &str| {
        format!(
            "  - id: {id}\n    name: {id}\n    sector: police\n    level: participation\n    lead: {{ name: A, role: B }}\n    sign_off: {{ name: C }}\n    confirmed: 2026-09-01\n    offers: [staff]\n    gains: [reach]\n"
        )
    };
    let text = format!(
        "kind: partners\npartners:\n  # collab: allow(single-point-of-contact) a one-off data share\n{}{}",
        partner("council"),
        partner("police")
    );
    allow_campaign(tmp.path(), &text);
    let (_, report) = validate_json(tmp.path(), &["--rule", "single-point-of-contact"]);
    let found = triples(&report);
    // The first partner's finding is silenced, the second's is not.
    assert_eq!(
        found,
        vec![(
            "single-point-of-contact".to_string(),
            "partners.yaml".to_string(),
            13
        )]
    );
}

#[test]
fn an_unused_allow_comment_is_reported() {
    let tmp = TempDir::new().unwrap();
    let text = "kind: partners\npartners:\n  # collab: allow(no-senior-sponsor) nothing to silence here\n  - id: council\n    name: Kingsmere Council\n    sector: local-authority\n    level: participation\n    lead: { name: Ana Silva, role: Campaign lead }\n  # collab: allow(no-such-rule, unknown-field)\n  - id: police\n    name: Police\n    sector: police\n    level: information-sharing\n";
    allow_campaign(tmp.path(), text);
    let (_, report) = validate_json(tmp.path(), &["--rule", "unused-allow"]);
    let found: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!((found[0].0, found[0].1), (3, 19));
    assert!(found[1].2.contains("not a rule"));
    assert!(found[2].2.contains("structure rule"));
    assert_eq!(report["findings"][0]["level"], "warning");
}

#[test]
fn lint_levels_and_deny_warnings_change_levels_and_exit_codes() {
    let tmp = TempDir::new().unwrap();
    small_campaign(tmp.path());
    // The small campaign has warnings but no errors.
    let (code, report) = validate_json(tmp.path(), &[]);
    assert_eq!(code, 0, "{report:#}");
    assert!(report["summary"]["warnings"].as_u64().unwrap() > 0);
    let (code, report) = validate_json(tmp.path(), &["--deny", "warnings"]);
    assert_eq!(code, 1);
    assert_eq!(report["summary"]["warnings"], 0);
    // [lint] can switch a rule off or make it an error.
    let toml = fs::read_to_string(tmp.path().join("collab.toml")).unwrap();
    fs::write(
        tmp.path().join("collab.toml"),
        format!("{toml}[lint]\nsingle-point-of-contact = \"deny\"\nno-update-rhythm = \"allow\"\n"),
    )
    .unwrap();
    let (code, report) = validate_json(tmp.path(), &[]);
    assert_eq!(code, 1);
    let rules: Vec<String> = triples(&report).into_iter().map(|(r, _, _)| r).collect();
    assert!(!rules.contains(&"no-update-rhythm".to_string()));
    let spoc = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "single-point-of-contact")
        .unwrap();
    assert_eq!(spoc["level"], "error");
}

#[test]
fn date_rules_follow_today() {
    let tmp = TempDir::new().unwrap();
    small_campaign(tmp.path());
    write(
        tmp.path(),
        "meetings/m.yaml",
        "kind: meeting\nid: m\ntype: catch-up\ndate: 2026-10-01T10:00\nactions:\n  - { id: a1, action: Share the survey, owner: council, due: 2026-11-01 }\n",
    );
    let overdue = |today: &str| {
        let out = collab()
            .current_dir(tmp.path())
            .args([
                "validate",
                "--format",
                "json",
                "--rule",
                "overdue-action",
                "--today",
                today,
            ])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        triples(&report).len()
    };
    assert_eq!(overdue("2026-10-31"), 0);
    assert_eq!(overdue("2026-11-01"), 0);
    assert_eq!(overdue("2026-11-02"), 1);
    // COLLAB_TODAY works like --today.
    let out = collab()
        .current_dir(tmp.path())
        .env("COLLAB_TODAY", "2026-11-02")
        .args(["validate", "--format", "json", "--rule", "overdue-action"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(triples(&report).len(), 1);
}
