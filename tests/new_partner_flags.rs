//! `collab new partner`: a flag for every field, and a clear refusal when a
//! required one is missing and there is no terminal to ask on.

mod common;

use std::path::{Path, PathBuf};

use common::{run_in, validate_json};

/// A fresh scaffold with a real lead partner.
fn campaign(tmp: &Path) -> PathBuf {
    let out = run_in(
        tmp,
        &[
            "init",
            "camp",
            "--name",
            "Winter Warmth",
            "--lead-name",
            "Home Office",
            "--launch",
            "2027-01-12",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmp.join("camp")
}

#[test]
fn every_flag_lands_in_the_file_and_the_campaign_validates() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = campaign(tmp.path());
    let out = run_in(
        &dir,
        &[
            "new",
            "partner",
            "--id",
            "lancs-fire",
            "--name",
            "Lancashire Fire and Rescue",
            "--sector",
            "fire-and-rescue",
            "--level",
            "co-operation",
            "--form",
            "informal-alliance",
            "--lead-name",
            "Ana Lead",
            "--lead-role",
            "Comms manager",
            "--lead-email",
            "ana@example.gov.uk",
            "--lead-phone",
            "01234 567890",
            "--deputy-name",
            "Dev Deputy",
            "--deputy-role",
            "Comms officer",
            "--deputy-email",
            "dev@example.gov.uk",
            "--deputy-phone",
            "01234 567891",
            "--sign-off-name",
            "Sam Signer",
            "--sign-off-role",
            "Head of comms",
            "--sign-off-email",
            "sam@example.gov.uk",
            "--sign-off-phone",
            "01234 567892",
            "--sponsor-name",
            "Pat Sponsor",
            "--sponsor-role",
            "Chief fire officer",
            "--sponsor-email",
            "pat@example.gov.uk",
            "--sponsor-phone",
            "01234 567893",
            "--confirmed",
            "2026-11-02",
            "--offer",
            "owned-channels",
            "--offer",
            "case-studies",
            "--gain",
            "Fewer kitchen fires",
            "--gain",
            "A shared evaluation",
            "--channel",
            "fire-facebook:owned:Fire service Facebook page:12,000",
            "--channel",
            "fire-stations:owned:Posters: every station",
            "--region",
            "north-west",
            "--tag",
            "fire-safety",
            "--tag",
            "older-people",
            "--notes",
            "Keen to pilot in Preston",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.join("partners.yaml")).expect("partners.yaml");
    let added = &text[text.find("- id: lancs-fire").expect("the new partner")..];
    for part in [
        "name: Lancashire Fire and Rescue",
        "sector: fire-and-rescue",
        "level: co-operation",
        "form: informal-alliance",
        "Ana Lead",
        "Comms manager",
        "ana@example.gov.uk",
        "01234 567890",
        "Dev Deputy",
        "Comms officer",
        "dev@example.gov.uk",
        "01234 567891",
        "sign_off:",
        "Sam Signer",
        "Head of comms",
        "sam@example.gov.uk",
        "01234 567892",
        "sponsor:",
        "Pat Sponsor",
        "Chief fire officer",
        "pat@example.gov.uk",
        "01234 567893",
        "confirmed: 2026-11-02",
        "owned-channels",
        "case-studies",
        "Fewer kitchen fires",
        "A shared evaluation",
        "id: fire-facebook",
        "Fire service Facebook page",
        "type: owned",
        "reach: 12000",
        "id: fire-stations",
        "\"Posters: every station\"",
        "north-west",
        "fire-safety",
        "older-people",
        "notes: Keen to pilot in Preston",
    ] {
        assert!(added.contains(part), "`{part}` missing from:\n{added}");
    }
    // The lead partner the scaffold wrote is untouched.
    assert!(text.contains("name: \"Home Office\""), "{text}");
    let (code, report) = validate_json(&dir, &[]);
    assert_eq!(code, 0, "{report}");
}

/// `collab new partner` with `extra` after a fixed id and name: refused
/// with exit 2 and partners.yaml unchanged; what it said.
fn refused(dir: &std::path::Path, extra: &[&str]) -> String {
    let before = std::fs::read(dir.join("partners.yaml")).expect("partners.yaml");
    let mut args = vec![
        "new",
        "partner",
        "--id",
        "lancs-fire",
        "--name",
        "Lancashire Fire",
    ];
    args.extend_from_slice(extra);
    let out = run_in(dir, &args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let after = std::fs::read(dir.join("partners.yaml")).expect("partners.yaml");
    assert_eq!(after, before, "{args:?} wrote partners.yaml");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_missing_required_field_without_a_terminal_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = campaign(tmp.path());
    let err = refused(&dir, &["--level", "participation"]);
    assert!(err.contains("--sector is required"), "{err}");
    assert!(err.contains("without a terminal"), "{err}");
}

#[test]
fn a_bad_value_is_refused_with_the_choices_and_nothing_is_written() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = campaign(tmp.path());
    let err = refused(&dir, &["--sector", "fire", "--level", "participation"]);
    assert!(err.contains("--sector: `fire` is not one of:"), "{err}");
    assert!(err.contains("fire-and-rescue"), "{err}");
    let err = refused(
        &dir,
        &[
            "--sector",
            "police",
            "--level",
            "participation",
            "--channel",
            "x:billboard:Big",
        ],
    );
    assert!(err.contains("`billboard` is not a channel type"), "{err}");
}
