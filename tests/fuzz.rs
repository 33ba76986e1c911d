//! Replays every case the fuzzers (`fuzz/`) ever crashed on, kept in
//! `tests/fuzz-regressions/<target>/`, through the same entry points the
//! fuzz targets call, in the same example campaign.

#[path = "../fuzz/fuzz_targets/setting.rs"]
mod setting;

use std::path::PathBuf;

use collab::harness;

fn cases(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-regressions")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().is_file())
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read(e.path()).expect("a readable case"))
                })
                .filter(|(name, _)| !name.starts_with('.') && name != "README.md")
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn validate_regressions_do_not_panic() {
    for (name, data) in cases("validate") {
        let found = std::panic::catch_unwind(|| harness::validate_file(setting::prepared(), &data));
        assert!(
            found.is_ok(),
            "validate panicked on tests/fuzz-regressions/validate/{name}"
        );
    }
}

#[test]
fn render_regressions_do_not_panic_or_fail() {
    for (name, data) in cases("render") {
        let result =
            std::panic::catch_unwind(|| harness::render_campaign(setting::prepared(), &data));
        match result {
            Ok(Ok(_)) => {}
            Ok(Err(why)) => panic!(
                "tests/fuzz-regressions/render/{name}: a clean campaign failed to render: {why}"
            ),
            Err(_) => panic!("render panicked on tests/fuzz-regressions/render/{name}"),
        }
    }
}

#[test]
fn edit_regressions_do_not_panic_or_break_the_yaml() {
    for (name, data) in cases("edit") {
        match std::panic::catch_unwind(|| harness::edit_file(&data)) {
            Ok(Ok(_)) => {}
            Ok(Err(why)) => panic!("tests/fuzz-regressions/edit/{name}: {why}"),
            Err(_) => panic!("edit panicked on tests/fuzz-regressions/edit/{name}"),
        }
    }
}

#[test]
fn every_example_file_takes_every_edit() {
    for (name, text) in setting::setting().files {
        let made =
            harness::edit_file(text.as_bytes()).unwrap_or_else(|why| panic!("{name}: {why}"));
        assert!(made > 0, "{name}: no edit applied");
    }
}

#[test]
fn the_example_campaign_is_clean_in_the_harness() {
    // The setting itself must load cleanly, or the targets fuzz less than
    // they seem to: the plan, as a validate case, gives no findings.
    let plan = setting::setting()
        .files
        .iter()
        .find(|(name, _)| *name == "plan.yaml")
        .map(|(_, text)| text.as_bytes())
        .expect("the plan is in the setting");
    assert_eq!(harness::validate_file(setting::prepared(), plan), 0);
    // And the whole example, as a render case, renders every pack.
    let bytes = harness::render_campaign(setting::prepared(), joined().as_bytes())
        .expect("the example renders");
    assert!(bytes > 10_000, "only {bytes} bytes rendered");
}

/// The example campaign as one render case: its YAML files as one stream.
fn joined() -> String {
    setting::setting()
        .files
        .iter()
        .map(|(_, text)| format!("---\n{text}"))
        .collect()
}
