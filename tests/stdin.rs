//! `collab validate - --stdin-filename PATH`: the text on stdin is checked
//! as the file PATH, inside its campaign.

mod common;

use common::{TODAY, collab, errors, example_copy};
use serde_json::Value;

/// Run `validate --format json` in `dir` with `args`, feeding `stdin`.
fn validate_stdin(dir: &std::path::Path, args: &[&str], stdin: &[u8]) -> (i32, Value, String) {
    let out = collab()
        .current_dir(dir)
        .args(["validate", "--format", "json", "--today", TODAY])
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("collab runs");
    let report = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), report, stderr)
}

#[test]
fn stdin_text_replaces_the_file_on_disk_and_is_named_by_its_path() {
    let tmp = example_copy("winter-fire-safety");
    let plan = std::fs::read_to_string(tmp.path().join("plan.yaml")).unwrap();
    let broken = plan.replacen("owner: home-office", "owner: nobody-here", 1);
    assert_ne!(plan, broken);
    let args = ["-", "--stdin-filename", "plan.yaml"];
    let (code, report, _) = validate_stdin(tmp.path(), &args, broken.as_bytes());
    assert_eq!(code, 1, "{report}");
    let errs = errors(&report);
    assert!(
        errs.iter()
            .any(|(rule, file, _)| rule == "unknown-reference" && file == "plan.yaml"),
        "{errs:?}"
    );
    // The campaign's other files come from disk: a partner they declare
    // is known to the text from stdin.
    let other = plan.replacen("owner: home-office", "owner: lfrs", 1);
    let (code, report, _) = validate_stdin(tmp.path(), &args, other.as_bytes());
    assert_eq!(code, 0, "{report}");
    assert!(errors(&report).is_empty());
    // Nothing on disk changed.
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("plan.yaml")).unwrap(),
        plan
    );
}

#[test]
fn stdin_path_is_taken_from_the_working_folder() {
    let tmp = example_copy("winter-fire-safety");
    let meetings = tmp.path().join("meetings");
    let text = "kind: meeting\nid: new-one\n";
    let args = ["-", "--stdin-filename", "not-yet-saved.yaml"];
    let (code, report, _) = validate_stdin(&meetings, &args, text.as_bytes());
    assert_eq!(code, 1, "{report}");
    let errs = errors(&report);
    assert!(!errs.is_empty());
    // The JSON report names files from the working folder.
    assert!(
        errs.iter()
            .all(|(rule, file, _)| rule == "missing-field" && file == "not-yet-saved.yaml"),
        "{errs:?}"
    );
    assert!(!meetings.join("not-yet-saved.yaml").exists());
}

#[test]
fn stdin_collab_toml_is_checked_as_toml() {
    let tmp = example_copy("winter-fire-safety");
    let args = ["-", "--stdin-filename", "collab.toml"];
    let (code, report, _) = validate_stdin(tmp.path(), &args, b"[campaign\nid = 1\n");
    // Settings that cannot be read are a settings error (exit 2).
    assert_eq!(code, 2, "{report}");
    let errs = errors(&report);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].0, "toml-syntax");
    assert_eq!(errs[0].1, "collab.toml");
}

#[test]
fn dash_needs_stdin_filename_and_the_other_way_round() {
    let tmp = example_copy("winter-fire-safety");
    let (code, _, stderr) = validate_stdin(tmp.path(), &["-"], b"kind: plan\n");
    assert_eq!(code, 2);
    assert!(stderr.contains("--stdin-filename PATH"), "{stderr}");
    let (code, _, stderr) = validate_stdin(
        tmp.path(),
        &["--stdin-filename", "plan.yaml"],
        b"kind: plan\n",
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("add `-` as a path"), "{stderr}");
}

#[test]
fn stdin_over_the_size_limit_is_refused_after_reading_at_most_one_byte_more() {
    let tmp = example_copy("winter-fire-safety");
    let limit = collab::load::MAX_FILE_BYTES as usize;
    let mut big = b"kind: plan\n# ".to_vec();
    big.resize(limit + 4096, b'x');
    let args = ["-", "--stdin-filename", "plan.yaml"];
    let (code, report, _) = validate_stdin(tmp.path(), &args, &big);
    assert_eq!(code, 1, "{report}");
    let findings = report["findings"].as_array().unwrap();
    let refused = findings
        .iter()
        .find(|f| f["rule"] == "yaml-syntax" && f["file"] == "plan.yaml")
        .unwrap_or_else(|| panic!("{report}"));
    let message = refused["message"].as_str().unwrap();
    assert!(message.contains("text from stdin"), "{message}");
    assert!(message.contains("up to 8 MB"), "{message}");
}
