//! `collab init`: the questions on a terminal (driven through the prompt
//! function with scripted answers), the note about placeholders without a
//! terminal, and the README filled in from the flags.

mod common;

use collab::cli::FrameworkArg;
use collab::commands::init::{Answers, Given, ask};
use collab::commands::prompt::Lines;
use collab::model::Date;
use common::{run_in, validate_json};

fn blank_answers() -> Answers {
    Answers {
        framework: FrameworkArg::Oasis,
        id: "camp".into(),
        name: "Camp".into(),
        lead: "lead-partner".into(),
        lead_name: "Lead organisation".into(),
        launch: None,
        today: Date::parse("2026-11-24").expect("a date"),
    }
}

#[test]
fn scripted_answers_are_asked_in_order_and_bad_ones_asked_again() {
    let typed = "Winter Warmth\n\
                 Kingsmere Council\n\
                 Bad Id\n\
                 \n\
                 12/01/2027\n\
                 2027-01-12\n\
                 winter warmth\n\
                 ROSIE\n";
    let mut shown = Vec::new();
    let mut answers = blank_answers();
    let mut lines = Lines {
        input: typed.as_bytes(),
        output: &mut shown,
    };
    ask(&mut lines, &mut answers, Given::default()).expect("every question answered");
    let shown = String::from_utf8_lossy(&shown).into_owned();

    // The questions, in the order they were put (a refused answer's
    // question comes again straight after its reason).
    let expected = [
        "Campaign name [Camp]: ",
        "Lead organisation (its name): ",
        "Lead partner id [kingsmere-council]: ",
        "`Bad Id` is not a valid id",
        "Lead partner id [kingsmere-council]: ",
        "Launch date, YYYY-MM-DD (blank if not known yet): ",
        "`12/01/2027` is not a date",
        "Launch date, YYYY-MM-DD (blank if not known yet): ",
        "Framework (oasis or rosie) [oasis]: ",
        "`winter warmth` is not a framework: answer oasis or rosie",
        "Framework (oasis or rosie) [oasis]: ",
    ];
    let mut rest = shown.as_str();
    for part in expected {
        let at = rest
            .find(part)
            .unwrap_or_else(|| panic!("`{part}` missing or out of order in:\n{shown}"));
        rest = &rest[at + part.len()..];
    }
    assert_eq!(rest, "", "nothing more was asked:\n{shown}");

    assert_eq!(answers.name, "Winter Warmth");
    assert_eq!(answers.id, "winter-warmth");
    assert_eq!(answers.lead_name, "Kingsmere Council");
    assert_eq!(answers.lead, "kingsmere-council");
    assert_eq!(answers.launch, Date::parse("2027-01-12"));
    assert_eq!(answers.framework, FrameworkArg::Rosie);
}

#[test]
fn questions_the_flags_answered_are_not_asked() {
    let mut shown = Vec::new();
    let mut answers = blank_answers();
    let given = Given {
        name: true,
        lead: true,
        lead_name: true,
        framework: true,
        ..Given::default()
    };
    let mut lines = Lines {
        input: "\n".as_bytes(),
        output: &mut shown,
    };
    ask(&mut lines, &mut answers, given).expect("answered");
    let shown = String::from_utf8_lossy(&shown);
    assert_eq!(shown, "Launch date, YYYY-MM-DD (blank if not known yet): ");
    assert_eq!(answers.launch, None);
    assert_eq!(answers.name, "Camp");
}

#[test]
fn init_without_a_terminal_names_its_placeholders() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = run_in(tmp.path(), &["init", "winter-2027"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for part in [
        "no terminal to ask on, so these placeholders were written",
        "campaign name \"Winter 2027\"",
        "`collab rename partner lead-partner ID`",
        "lead organisation \"Lead organisation\"",
        "partners.yaml",
        "set `launch` in collab.toml",
    ] {
        assert!(err.contains(part), "`{part}` missing from:\n{err}");
    }
    let dir = tmp.path().join("winter-2027");
    let (code, _) = validate_json(&dir, &[]);
    assert_eq!(code, 0);
}

#[test]
fn init_with_flags_writes_the_real_values_and_no_note() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = run_in(
        tmp.path(),
        &[
            "init",
            "camp",
            "--name",
            "Winter Warmth",
            "--lead-name",
            "Kingsmere Borough Council",
            "--launch",
            "2027-01-12",
            "--framework",
            "rosie",
        ],
    );
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("placeholders"), "{err}");
    let dir = tmp.path().join("camp");
    let readme = std::fs::read_to_string(dir.join("README.md")).expect("README");
    for part in [
        "# Winter Warmth\n",
        "led by Kingsmere Borough Council,",
        "ROSIE format",
        "Campaign id: `camp`",
        "Campaign id: `camp`; launch date: 2027-01-12\n",
    ] {
        assert!(readme.contains(part), "`{part}` missing from:\n{readme}");
    }
    let config = std::fs::read_to_string(dir.join("collab.toml")).expect("collab.toml");
    assert!(
        config.contains("lead = \"kingsmere-borough-council\""),
        "{config}"
    );
    assert!(config.contains("launch = 2027-01-12"), "{config}");
    let (code, _) = validate_json(&dir, &[]);
    assert_eq!(code, 0);
}
