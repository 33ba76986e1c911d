//! Characters a terminal would obey (ESC, BEL, CR, C1 codes, bidirectional
//! overrides) reach the reader escaped, never raw, in every human-facing
//! output.

mod common;

use std::fs;

use common::example_copy;
use common::run_in as run;

/// A window-title OSC sequence, a bell, a screen clear and a C1 CSI, as
/// YAML double-quoted escapes (YAML does not allow them raw).
const HOSTILE: &str = r"\e]0;owned\a\e[2J\x9b31m";

/// The example campaign with hostile text in a partner's name, a person's
/// name and an unknown key's name.
fn hostile_campaign() -> tempfile::TempDir {
    let dir = example_copy("winter-fire-safety");
    let path = dir.path().join("partners.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let text = text
        .replacen(
            "name: Home Office",
            &format!("name: \"Home{HOSTILE} Office\""),
            1,
        )
        .replacen("Priya Lomax", &format!("\"Priya{HOSTILE} Lomax\""), 1)
        .replacen("    form: informal-alliance", "    \"fo\\e[2Jrm\": x", 1);
    fs::write(&path, text).unwrap();
    dir
}

fn assert_safe(what: &str, out: &[u8]) {
    let text = String::from_utf8_lossy(out);
    for c in ['\u{1b}', '\u{7}', '\u{9b}'] {
        assert!(
            !text.contains(c),
            "{what} printed {c:?} raw:\n{}",
            text.escape_debug()
        );
    }
}

#[test]
fn validate_shows_control_characters_escaped() {
    let dir = hostile_campaign();
    for format in ["human", "github"] {
        let out = run(dir.path(), &["validate", "--format", format]);
        assert_safe(format, &out.stdout);
        assert_safe(format, &out.stderr);
        let text = String::from_utf8_lossy(&out.stdout);
        // The unknown key is reported, with its escape visible.
        assert!(text.contains("fo\\u{1b}[2Jrm"), "{format}:\n{text}");
    }
}

#[test]
fn a_raw_control_character_is_escaped_in_the_snippet() {
    // saphyr reads a raw ESC in a plain scalar as text; the finding's
    // snippet quotes the line that holds it.
    let dir = example_copy("winter-fire-safety");
    let path = dir.path().join("partners.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen(
            "    form: informal-alliance",
            "    fo\u{1b}[2Jrm: x\u{7}",
            1,
        ),
    )
    .unwrap();
    let out = run(dir.path(), &["validate"]);
    assert_safe("validate", &out.stdout);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("fo\\u{1b}[2Jrm: x\\u{7}"), "{text}");
}

#[test]
fn status_shows_control_characters_escaped() {
    let dir = hostile_campaign();
    let out = run(dir.path(), &["status"]);
    assert_safe("status", &out.stdout);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Home\\u{1b}]0;owned\\u{7}"), "{text}");
}

#[test]
fn who_shows_control_characters_escaped() {
    let dir = hostile_campaign();
    let out = run(dir.path(), &["who", "Priya"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_safe("who", &out.stdout);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Priya\\u{1b}]0;owned"), "{text}");
}

#[test]
fn a_lone_carriage_return_cannot_hide_a_finding() {
    // A CR in a value would send the cursor back over what was printed.
    let dir = example_copy("winter-fire-safety");
    let path = dir.path().join("partners.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("name: Home Office", "name: \"Home\\r Office\"", 1),
    )
    .unwrap();
    let out = run(dir.path(), &["status"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\r'), "{}", text.escape_debug());
    assert!(text.contains("Home\\u{d} Office"), "{text}");
}
