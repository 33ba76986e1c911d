//! What a pre-commit hook names: files that are not collab documents are
//! skipped, `collab.toml` is read as TOML, `--force-exclude` skips what the
//! campaign's walk would skip, and `init --pre-commit` writes a hook that
//! passes on a fresh repository.

mod common;

use std::path::Path;

use common::{TODAY, collab, errors, triples, validate_json};

/// A repository with a campaign at `campaigns/w` (from `init`) and CI files.
fn repository() -> tempfile::TempDir {
    let tmp = tempfile::TempDir::new().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    collab()
        .current_dir(tmp.path())
        .args([
            "init",
            "campaigns/w",
            "--ci",
            "github",
            "--pre-commit",
            "-q",
        ])
        .args(["--today", TODAY])
        .assert()
        .success();
    tmp
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The files below `dir` that the generated hook's `files` pattern passes,
/// as pre-commit would name them (repository-relative, `.git` left out).
fn hook_files(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                if entry.file_name() != ".git" {
                    walk(&path, base, out);
                }
                continue;
            }
            let rel = path.strip_prefix(base).unwrap().to_string_lossy();
            let rel = rel.replace('\\', "/");
            let yaml = rel.ends_with(".yaml") || rel.ends_with(".yml");
            if yaml || rel == "collab.toml" || rel.ends_with("/collab.toml") {
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn init_pre_commit_writes_a_local_hook_that_needs_no_network() {
    let tmp = tempfile::TempDir::new().unwrap();
    collab()
        .current_dir(tmp.path())
        .args(["init", "--ci", "github", "--pre-commit", "-q"])
        .assert()
        .success();
    let config = std::fs::read_to_string(tmp.path().join(".pre-commit-config.yaml")).unwrap();
    assert!(config.contains("- repo: local\n"), "{config}");
    assert!(config.contains("language: system\n"), "{config}");
    assert!(!config.contains("rev:"), "{config}");
    let entry = config
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .unwrap();
    let words: Vec<&str> = entry.split_whitespace().collect();
    assert_eq!(words[..2], ["collab", "validate"]);
    assert!(words.contains(&"--force-exclude"), "{entry}");
    let files = config
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .unwrap();
    assert_eq!(files, r"(\.ya?ml|(^|/)collab\.toml)$");
    // The hook this repository publishes for the remote form runs the same.
    let hooks = std::fs::read_to_string(common::repo().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains(&format!("entry: {entry}\n")), "{hooks}");
    assert!(hooks.contains(&format!("files: {files}\n")), "{hooks}");
}

#[test]
fn the_generated_hook_passes_on_a_fresh_repository() {
    let tmp = repository();
    let named = hook_files(tmp.path());
    for ci in [".pre-commit-config.yaml", ".github/workflows/collab.yml"] {
        assert!(named.iter().any(|f| f.ends_with(ci)), "{named:?}");
    }
    assert!(named.contains(&"campaigns/w/collab.toml".to_string()));
    // Run from the repository root, as pre-commit does. The CI files were
    // written into the campaign folder; put copies at the root as well.
    write(tmp.path(), ".pre-commit-config.yaml", "repos: []\n");
    write(tmp.path(), ".gitlab-ci.yml", "stages: [test]\n");
    let named = hook_files(tmp.path());
    let mut args = vec!["--whole-campaigns", "--force-exclude"];
    args.extend(named.iter().map(String::as_str));
    let (code, report) = validate_json(tmp.path(), &args);
    assert_eq!(code, 0, "{report}");
    assert!(errors(&report).is_empty(), "{report}");
}

#[test]
fn named_files_that_are_not_collab_documents_are_skipped_silently() {
    let tmp = repository();
    write(
        tmp.path(),
        "deploy/app.yaml",
        "apiVersion: v1\nkind: Deployment\n",
    );
    write(tmp.path(), "mkdocs.yml", "site_name: Docs\n");
    write(
        tmp.path(),
        "campaigns/w/.github/dependabot.yml",
        "version: 2\n",
    );
    let named = [
        "deploy/app.yaml",
        "mkdocs.yml",
        "campaigns/w/.pre-commit-config.yaml",
        "campaigns/w/.github/workflows/collab.yml",
        "campaigns/w/.github/dependabot.yml",
    ];
    let (code, report) = validate_json(tmp.path(), &named);
    assert_eq!(code, 0, "{report}");
    assert_eq!(triples(&report), vec![], "{report}");
    // But a named file that is not valid YAML is reported: collab cannot
    // tell whose it is.
    write(tmp.path(), "deploy/broken.yaml", "a: [\n");
    let (code, report) = validate_json(tmp.path(), &["deploy/broken.yaml"]);
    assert_eq!(code, 1, "{report}");
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "yaml-syntax");
}

#[test]
fn a_campaigns_own_yaml_without_kind_still_gets_missing_field() {
    let tmp = repository();
    write(
        tmp.path(),
        "campaigns/w/notes.yaml",
        "title: no kind here\n",
    );
    write(tmp.path(), "campaigns/w/meetings/later.yaml", "# to do\n");
    // Outside a campaign, a file with one of collab's kinds is still read.
    write(
        tmp.path(),
        "loose/plan.yaml",
        "kind: plan\nframework: oasis\nbogus: 1\n",
    );
    let named = [
        "campaigns/w/notes.yaml",
        "campaigns/w/meetings/later.yaml",
        "loose/plan.yaml",
    ];
    let (code, report) = validate_json(tmp.path(), &named);
    assert_eq!(code, 1, "{report}");
    let errs = errors(&report);
    let has = |rule: &str, file: &str| errs.iter().any(|(r, f, _)| r == rule && f == file);
    assert!(has("missing-field", "campaigns/w/notes.yaml"), "{errs:?}");
    assert!(
        has("missing-field", "campaigns/w/meetings/later.yaml"),
        "{errs:?}"
    );
    assert!(has("unknown-field", "loose/plan.yaml"), "{errs:?}");
}

#[test]
fn a_named_collab_toml_is_checked_as_toml() {
    let tmp = repository();
    let (code, report) = validate_json(tmp.path(), &["campaigns/w/collab.toml"]);
    assert_eq!(code, 0, "{report}");
    assert!(errors(&report).is_empty(), "{report}");
    let config = tmp.path().join("campaigns/w/collab.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("[render]", "[render]\nout_dri = \"x\""),
    )
    .unwrap();
    let (code, report) = validate_json(tmp.path(), &["campaigns/w/collab.toml"]);
    assert_eq!(code, 1, "{report}");
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "unknown-field");
    assert_eq!(errs[0].1, "campaigns/w/collab.toml");
    // Settings that cannot be read are a settings error (exit 2).
    std::fs::write(&config, "[campaign\n").unwrap();
    let (code, report) = validate_json(tmp.path(), &["campaigns/w/collab.toml"]);
    assert_eq!(code, 2, "{report}");
    let rules: Vec<String> = errors(&report).into_iter().map(|t| t.0).collect();
    assert_eq!(rules, ["toml-syntax"], "{report}");
}

#[test]
fn force_exclude_skips_named_files_the_walk_would_leave_out() {
    let tmp = repository();
    let config = tmp.path().join("campaigns/w/collab.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("# exclude = [\"drafts/**\"]", "exclude = [\"drafts/**\"]"),
    )
    .unwrap();
    write(tmp.path(), ".gitignore", "scratch.yaml\n");
    let broken = "kind: plan\nframework: [\n";
    write(tmp.path(), "campaigns/w/drafts/plan.yaml", broken);
    write(tmp.path(), "campaigns/w/scratch.yaml", broken);
    write(tmp.path(), "elsewhere/scratch.yaml", broken);
    let named = [
        "campaigns/w/drafts/plan.yaml",
        "campaigns/w/scratch.yaml",
        "elsewhere/scratch.yaml",
    ];
    // Without the flag, named files are checked whatever the settings say.
    let (code, report) = validate_json(tmp.path(), &named);
    assert_eq!(code, 1, "{report}");
    let mut files: Vec<String> = errors(&report)
        .into_iter()
        .filter(|t| t.0 == "yaml-syntax")
        .map(|t| t.1)
        .collect();
    files.sort();
    files.dedup();
    assert_eq!(files, named, "{report}");
    // With it, the excluded draft and the ignored files are skipped, and
    // the campaign's own files still count.
    let mut args = vec!["--force-exclude"];
    args.extend(named);
    let (code, report) = validate_json(tmp.path(), &args);
    assert_eq!(code, 0, "{report}");
    assert_eq!(triples(&report), vec![], "{report}");
    args.push("campaigns/w/plan.yaml");
    std::fs::write(tmp.path().join("campaigns/w/plan.yaml"), broken).unwrap();
    let (code, report) = validate_json(tmp.path(), &args);
    assert_eq!(code, 1, "{report}");
    let errs = errors(&report);
    assert!(
        errs.iter().all(|t| t.1 == "campaigns/w/plan.yaml"),
        "{errs:?}"
    );
}

#[test]
fn scaffolds_name_the_collab_toml_schema_for_taplo() {
    let tmp = tempfile::TempDir::new().unwrap();
    for args in [&["init", "s", "-q"][..], &["init", "e", "--example", "-q"]] {
        collab()
            .current_dir(tmp.path())
            .args(args)
            .assert()
            .success();
        let dir = tmp.path().join(args[1]);
        let text = std::fs::read_to_string(dir.join("collab.toml")).unwrap();
        assert_eq!(
            text.lines().next(),
            Some("#:schema ./.collab/schema/collab.json")
        );
        assert!(dir.join(".collab/schema/collab.json").is_file());
    }
}
