//! Edits that run at the same time lose nothing: `collab log` and
//! `collab action add` take the campaign's lock, read the file under it and
//! write before letting the next one in.
//!
//! Each round starts 2, 4 or 8 processes at once on one file and then looks
//! for every figure and action. `COLLAB_CONCURRENCY_ROUNDS` sets the number
//! of rounds per case (default 1) for a longer local run.

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::{TODAY, example_copy};

/// Metrics of the winter example, to log figures against.
const METRICS: [&str; 8] = [
    "pooled-budget",
    "paid-reach",
    "gp-screen-impressions",
    "care-staff-reach",
    "message-recall",
    "booking-clicks",
    "alarm-testing",
    "check-bookings",
];

fn start(dir: &Path, args: &[String]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin!("collab"))
        .current_dir(dir)
        .env("COLLAB_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("collab starts")
}

#[derive(Clone, Copy, Debug)]
enum Case {
    /// `log` on a different metric each.
    LogApart,
    /// `log` on one metric, all of them.
    LogSame,
    /// `action add` to one meeting, all of them.
    ActionAdd,
}

/// The command for writer `k` of a round, and the text it must leave.
fn writer(case: Case, round: usize, k: usize) -> (Vec<String>, String) {
    let value = 900_000 + round * 100 + k;
    let args: Vec<String> = match case {
        Case::LogApart => vec!["log".into(), METRICS[k].into(), value.to_string()],
        Case::LogSame => vec!["log".into(), "booking-clicks".into(), value.to_string()],
        Case::ActionAdd => vec![
            "action".into(),
            "add".into(),
            format!("Send pack {value}"),
            "--meeting".into(),
            "catch-up-november".into(),
            "--id".into(),
            format!("send-pack-{value}"),
        ],
    };
    let needle = match case {
        Case::ActionAdd => format!("id: send-pack-{value}"),
        _ => format!("value: {value}"),
    };
    (args, needle)
}

/// Run one round: how many writers failed, and how many figures or actions
/// are missing afterwards.
fn round(case: Case, writers: usize, round_no: usize) -> (usize, usize) {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    let file = match case {
        Case::ActionAdd => dir.join("meetings/catch-up-2026-11-17.yaml"),
        _ => dir.join("evaluation.yaml"),
    };
    let jobs: Vec<(Child, String, Vec<String>)> = (0..writers)
        .map(|k| {
            let (args, needle) = writer(case, round_no, k);
            (start(dir, &args), needle, args)
        })
        .collect();
    let mut needles = Vec::new();
    let mut failed = 0;
    for (child, needle, args) in jobs {
        let out = child.wait_with_output().expect("collab finishes");
        if !out.status.success() {
            failed += 1;
            eprintln!("{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        needles.push(needle);
    }
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let lost = needles
        .iter()
        .filter(|n| !text.contains(n.as_str()))
        .count();
    (failed, lost)
}

#[test]
fn concurrent_edits_lose_nothing() {
    let rounds: usize = std::env::var("COLLAB_CONCURRENCY_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let mut report = Vec::new();
    for case in [Case::LogApart, Case::LogSame, Case::ActionAdd] {
        for writers in [2, 4, 8] {
            let (failed, lost) = (0..rounds)
                .map(|r| round(case, writers, r))
                .fold((0, 0), |(f, l), (f2, l2)| (f + f2, l + l2));
            report.push(format!(
                "{case:?} x{writers}: {rounds} rounds, {failed} failed, {lost} of {} lost",
                rounds * writers
            ));
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(
        report.iter().all(|line| line.contains(" 0 failed, 0 of ")),
        "edits were lost:\n{}",
        report.join("\n")
    );
}
