//! The partnership charter across commands: its partner ids are references
//! (checked, renamed), and the packs read it.

mod common;

use std::fs;

use common::{example_copy, run_in, triples, validate_json};

#[test]
fn an_unknown_partner_in_the_charter_is_an_unknown_reference() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    let path = dir.join("charter.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let text = text.replace("  lsc-icb: Dr Anita Rao", "  lsc-ibc: Dr Anita Rao");
    fs::write(&path, &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("  lsc-ibc:"))
        .unwrap() as u64
        + 1;
    let (code, report) = validate_json(dir, &[]);
    assert_eq!(code, 1, "{report:#}");
    let found = triples(&report);
    assert!(
        found.contains(&("unknown-reference".into(), "charter.yaml".into(), line)),
        "{found:?}"
    );
    let finding = &report["findings"][0];
    assert_eq!(finding["message"], "there is no partner `lsc-ibc`");
    assert_eq!(finding["help"], "did you mean `lsc-icb`?");
}

#[test]
fn renaming_a_partner_renames_its_charter_entries() {
    let tmp = example_copy("winter-fire-safety");
    let dir = tmp.path();
    let out = run_in(dir, &["rename", "partner", "lfrs", "lancs-fire"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = fs::read_to_string(dir.join("charter.yaml")).unwrap();
    assert!(text.contains("\n  lancs-fire: Steve Ormerod\n"), "{text}");
    assert!(
        text.contains("\n  lancs-fire: More home fire safety"),
        "{text}"
    );
    assert!(!text.contains("lfrs"), "{text}");
    let (code, report) = validate_json(dir, &[]);
    assert_eq!(code, 0, "{report:#}");
}

#[test]
fn the_briefing_pack_says_how_the_partners_work_together() {
    let tmp = example_copy("winter-fire-safety");
    let out = tempfile::TempDir::new().unwrap();
    let result = common::render_into(
        tmp.path(),
        out.path(),
        &["--pack", "briefing", "--format", "md"],
    );
    assert!(result.status.success(), "{result:?}");
    let md = common::files_in(out.path())
        .into_iter()
        .find(|p| p.to_string_lossy().contains("briefing"))
        .map(|p| fs::read_to_string(p).unwrap())
        .unwrap();
    assert!(md.contains("## How we work together"), "{md}");
    assert!(
        md.contains("| Lancashire Fire and Rescue Service | Steve Ormerod | More home fire safety check bookings"),
        "{md}"
    );
}
