//! `collab log` takes figures as people write them (`68.2%`, `1,250`,
//! `£12,500`), checked against the metric's unit, and refuses a figure
//! dated after today unless `--future` says it is meant.

mod common;

use std::path::Path;

use common::{example_copy, run_in, validate_json};

fn evaluation(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("evaluation.yaml")).unwrap()
}

#[test]
fn written_figures_are_read_by_the_metrics_unit() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    for (metric, value, written) in [
        ("alarm-testing", "68.2%", "value: 68.2"),
        ("paid-reach", "1,250", "value: 1250"),
        ("pooled-budget", "£12,500", "value: 12500"),
    ] {
        let out = run_in(dir, &["log", metric, value, "--date", "2026-11-20"]);
        assert!(out.status.success(), "{metric} {value}: {out:?}");
        assert!(evaluation(dir).contains(written), "{metric}: {written}");
    }
    let (code, report) = validate_json(dir, &[]);
    assert_eq!(code, 0, "{report}");
}

#[test]
fn a_figure_in_the_wrong_unit_is_refused_and_nothing_is_written() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    let before = evaluation(dir);
    for (metric, value, why) in [
        ("alarm-testing", "£5", "in pounds, but the metric counts"),
        (
            "pooled-budget",
            "40%",
            "is a percentage, but the metric counts",
        ),
        ("paid-reach", "1,25", "is not a number"),
    ] {
        let out = run_in(dir, &["log", metric, value]);
        assert_eq!(out.status.code(), Some(2), "{metric} {value}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(why), "{metric} {value}: {stderr}");
    }
    assert_eq!(evaluation(dir), before);
}

#[test]
fn a_figure_after_today_needs_future() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    let before = evaluation(dir);
    let ahead = ["log", "alarm-testing", "50%", "--date", "2027-01-10"];
    let out = run_in(dir, &ahead);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2027-01-10 is after today"), "{stderr}");
    assert!(stderr.contains("--future"), "{stderr}");
    assert_eq!(evaluation(dir), before, "nothing written");

    // --future alone (today is never in the future) is a usage error.
    let alone = run_in(dir, &["log", "alarm-testing", "50%", "--future"]);
    assert_eq!(alone.status.code(), Some(2), "{alone:?}");

    let out = run_in(dir, &[&ahead[..], &["--future"]].concat());
    assert!(out.status.success(), "{out:?}");
    assert!(evaluation(dir).contains("date: 2027-01-10"));

    let bad = run_in(dir, &["log", "alarm-testing", "50", "--date", "10/01/2027"]);
    assert_eq!(bad.status.code(), Some(2), "{bad:?}");
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("is not a date"), "{stderr}");
}
