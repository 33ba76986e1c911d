//! `collab man`: one page per command, each complete, naming only pages
//! that exist. (`ci/check-man.sh` runs `mandoc -T lint` over them.)

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{TODAY, collab};
use tempfile::TempDir;

fn write_pages(dir: &Path) -> std::process::Output {
    collab()
        .args(["man", "--today", TODAY, "--out"])
        .arg(dir)
        .output()
        .expect("collab runs")
}

fn page_names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// The `NAME(1)` references in a page, `collab-x(1)` and `\fBcollab\-x\fR(1)`.
fn references(text: &str) -> Vec<String> {
    let plain = text
        .replace("\\fB", "")
        .replace("\\fR", "")
        .replace("\\-", "-");
    plain
        .match_indices("(1)")
        .map(|(end, _)| {
            let start = plain[..end]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(0, |i| i + 1);
            plain[start..end].to_string()
        })
        .collect()
}

#[test]
fn out_writes_a_page_per_command_with_every_section() {
    let tmp = TempDir::new().unwrap();
    let out = write_pages(tmp.path());
    assert!(out.status.success(), "{out:?}");
    let names = page_names(tmp.path());
    for name in [
        "collab.1",
        "collab-validate.1",
        "collab-explain.1",
        "collab-man.1",
        "collab-new.1",
        "collab-new-meeting.1",
        "collab-action-add.1",
        "collab-action-done.1",
    ] {
        assert!(names.contains(name), "{name} missing from {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
    for name in &names {
        let text = std::fs::read_to_string(tmp.path().join(name)).unwrap();
        let title = name.trim_end_matches(".1");
        let th = text
            .lines()
            .find(|l| l.starts_with(".TH"))
            .unwrap_or_default();
        assert!(
            th.starts_with(&format!(".TH {title} 1 2026-11-24 \"collab ")),
            "{name}: {th}"
        );
        for section in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH DESCRIPTION",
            ".SH OPTIONS",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH FILES",
        ] {
            assert!(text.contains(section), "{name} has no {section}");
        }
        if name != "collab.1" {
            assert!(text.contains(".SH \"SEE ALSO\""), "{name} has no SEE ALSO");
        }
        for reference in references(&text) {
            assert!(
                names.contains(&format!("{reference}.1")),
                "{name} names {reference}(1), which was not written"
            );
        }
    }
}

#[test]
fn pages_say_the_real_exit_codes_environment_and_files() {
    let tmp = TempDir::new().unwrap();
    assert!(write_pages(tmp.path()).status.success());
    let read = |name: &str| std::fs::read_to_string(tmp.path().join(name)).unwrap();
    let validate = read("collab-validate.1");
    assert!(validate.contains("\\-\\-exit\\-zero"), "{validate}");
    assert!(validate.contains(".TP\n2\n"), "{validate}");
    let top = read("collab.1");
    for needle in [
        "NO_COLOR",
        "FORCE_COLOR",
        "CLICOLOR_FORCE",
        ".B TERM",
        "GITHUB_ACTIONS",
        "GITHUB_WORKSPACE",
        "COLLAB_TODAY",
        "COLLAB_FORMAT",
        "collab.toml",
        ".collab/schema/",
    ] {
        assert!(top.contains(needle), "collab.1 lacks {needle}");
    }
    // The top page's list of commands names pages that now exist.
    assert!(top.contains("collab\\-validate(1)") || top.contains("collab-validate(1)"));
    // A nested page points back to its parent and the top page.
    let nested = read("collab-new-meeting.1");
    assert!(nested.contains("\\fBcollab\\-new\\fR(1)"), "{nested}");
}

#[test]
fn without_out_prints_the_top_page() {
    let tmp = TempDir::new().unwrap();
    assert!(write_pages(tmp.path()).status.success());
    let out = collab().args(["man", "--today", TODAY]).output().unwrap();
    assert!(out.status.success());
    let written = std::fs::read(tmp.path().join("collab.1")).unwrap();
    assert_eq!(out.stdout, written);
}

#[cfg(unix)]
#[test]
fn a_refused_page_means_no_page_is_written() {
    let tmp = TempDir::new().unwrap();
    let elsewhere = TempDir::new().unwrap();
    let out_dir = tmp.path().join("man");
    std::fs::create_dir(&out_dir).unwrap();
    // One target is a link: collab never writes through one.
    std::os::unix::fs::symlink(
        elsewhere.path().join("x.1"),
        out_dir.join("collab-validate.1"),
    )
    .unwrap();
    let out = write_pages(&out_dir);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        page_names(&out_dir),
        BTreeSet::from(["collab-validate.1".into()])
    );
    assert!(page_names(elsewhere.path()).is_empty());
}
