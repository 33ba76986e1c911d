//! `-q` leaves out hints, and colour follows the usual environment
//! variables (issue 14, item 10).

mod common;

use common::{TODAY, collab, rule_fixture};

/// The human report of a campaign with one finding that carries a hint.
fn report(args: &[&str], env: &[(&str, &str)]) -> String {
    let campaign = rule_fixture("activity-without-owner", "fires");
    let mut cmd = collab();
    cmd.arg("validate")
        .arg("-C")
        .arg(campaign.path())
        .args(["--today", TODAY, "--format", "human"])
        .args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("collab runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn quiet_leaves_out_the_hints() {
    let loud = report(&[], &[]);
    assert!(loud.contains("help:"), "{loud}");
    assert!(loud.contains("activity-without-owner"), "{loud}");
    let quiet = report(&["-q"], &[]);
    assert!(quiet.contains("activity-without-owner"), "{quiet}");
    assert!(!quiet.contains("help:"), "{quiet}");
}

#[test]
fn force_color_and_clicolor_force_turn_colour_on_in_a_pipe() {
    let plain = report(&[], &[]);
    assert!(!plain.contains('\u{1b}'), "no colour in a pipe by default");
    for var in ["FORCE_COLOR", "CLICOLOR_FORCE"] {
        let coloured = report(&[], &[(var, "1")]);
        assert!(coloured.contains("\u{1b}["), "{var}=1 gives colour");
    }
    let zero = report(&[], &[("FORCE_COLOR", "0")]);
    assert!(
        !zero.contains('\u{1b}'),
        "FORCE_COLOR=0 does not force colour"
    );
    let never = report(&["--color", "never"], &[("FORCE_COLOR", "1")]);
    assert!(!never.contains('\u{1b}'), "--color never wins");
}
