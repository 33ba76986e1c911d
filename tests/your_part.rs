//! Issue 15, items 4 and 5: the campaign contact, assets, brand and
//! protocols, and the "your part" pack per partner.

mod common;

use std::fs;
use std::path::Path;

use common::{example_copy, triples, validate_json};

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} is not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn both_examples_with_assets_brand_protocols_and_a_contact_are_clean() {
    for name in ["winter-fire-safety", "safer-streets"] {
        let tmp = example_copy(name);
        let (code, report) = validate_json(tmp.path(), &[]);
        assert_eq!(code, 0, "{name}: {report:#}");
        assert_eq!(triples(&report), vec![], "{name}");
    }
}

#[test]
fn a_contact_that_is_not_an_email_address_is_an_invalid_value() {
    let tmp = example_copy("winter-fire-safety");
    edit(
        &tmp.path().join("collab.toml"),
        "\"winter-fire-safety@example.gov.uk\"",
        "\"the winter team\"",
    );
    let (code, report) = validate_json(tmp.path(), &[]);
    assert_eq!(code, 1);
    let findings = report["findings"].as_array().unwrap();
    let bad: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "invalid-value")
        .collect();
    assert_eq!(bad.len(), 1, "{report:#}");
    assert_eq!(bad[0]["file"], "collab.toml");
    assert!(
        bad[0]["message"]
            .as_str()
            .unwrap()
            .contains("not a valid e-mail address"),
        "{report:#}"
    );
}

#[test]
fn an_asset_kind_outside_the_list_is_an_invalid_value() {
    let tmp = example_copy("safer-streets");
    edit(
        &tmp.path().join("plan.yaml"),
        "kind: print, owner: kingsmere-bid",
        "kind: poster, owner: kingsmere-bid",
    );
    let (code, report) = validate_json(tmp.path(), &[]);
    assert_eq!(code, 1);
    let rules: Vec<_> = triples(&report).into_iter().map(|t| t.0).collect();
    assert_eq!(rules, ["invalid-value"], "{report:#}");
}

#[test]
fn removing_the_sign_off_route_of_a_collaboration_warns() {
    let tmp = example_copy("winter-fire-safety");
    edit(
        &tmp.path().join("plan.yaml"),
        "  local_sign_off: >-",
        "  local_sign_of: >-",
    );
    let (_, report) = validate_json(tmp.path(), &["--rule", "no-sign-off-route"]);
    let rules: Vec<_> = triples(&report).into_iter().map(|t| t.0).collect();
    assert_eq!(rules, ["no-sign-off-route"], "{report:#}");
}
