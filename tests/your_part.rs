//! Issue 15, items 4 and 5: the campaign contact, assets, brand and
//! protocols, and the "your part" pack per partner.

mod common;

use std::fs;
use std::path::Path;

use common::{example_copy, render_into, triples, validate_json};
use tempfile::TempDir;

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

fn rendered(out: &Path) -> Vec<String> {
    common::files_in(out)
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn one_pack_per_partner_for_both_examples() {
    let cases = [
        (
            "winter-fire-safety",
            &["home-office", "lancashire-cc", "lfrs", "lsc-icb"][..],
        ),
        (
            "safer-streets",
            &[
                "kingsmere-bid",
                "kingsmere-council",
                "northshire-police",
                "safe-nights",
            ][..],
        ),
    ];
    for (example, partners) in cases {
        let out = TempDir::new().unwrap();
        let campaign = common::repo().join("examples").join(example);
        let result = render_into(&campaign, out.path(), &["--pack", "partners"]);
        assert!(result.status.success(), "{example}: {result:?}");
        let mut expected: Vec<String> = partners
            .iter()
            .flat_map(|p| [format!("your-part-{p}.html"), format!("your-part-{p}.md")])
            .collect();
        expected.sort();
        assert_eq!(rendered(out.path()), expected, "{example}");
        let md =
            fs::read_to_string(out.path().join(format!("your-part-{}.md", partners[0]))).unwrap();
        assert!(md.contains("## What we ask of you"), "{md}");
        assert!(md.contains("## Assets and where to get them"), "{md}");
        assert!(md.contains("### Signing off local versions"), "{md}");
    }
}

#[test]
fn all_packs_include_the_your_part_packs() {
    let out = TempDir::new().unwrap();
    let campaign = common::repo().join("examples/safer-streets");
    let result = render_into(&campaign, out.path(), &[]);
    assert!(result.status.success(), "{result:?}");
    let names = rendered(out.path());
    assert!(names.contains(&"briefing.html".to_string()), "{names:?}");
    assert!(
        names.contains(&"your-part-safe-nights.md".to_string()),
        "{names:?}"
    );
}

#[test]
fn one_partner_only_with_partner_and_format() {
    let out = TempDir::new().unwrap();
    let campaign = common::repo().join("examples/winter-fire-safety");
    let result = render_into(
        &campaign,
        out.path(),
        &[
            "--pack",
            "partners",
            "--partner",
            "lfrs",
            "--format",
            "html",
        ],
    );
    assert!(result.status.success(), "{result:?}");
    assert_eq!(rendered(out.path()), ["your-part-lfrs.html"]);
    let html = fs::read_to_string(out.path().join("your-part-lfrs.html")).unwrap();
    assert!(html.contains("<h1 id=\"summary\">Your part: Lancashire Fire and Rescue Service</h1>"));
    assert!(html.contains("mailto:winter-fire-safety@example.gov.uk"));
}

#[test]
fn an_unknown_partner_is_a_usage_error_naming_the_closest() {
    let out = TempDir::new().unwrap();
    let campaign = common::repo().join("examples/winter-fire-safety");
    let result = render_into(
        &campaign,
        out.path(),
        &["--pack", "partners", "--partner", "lfr"],
    );
    assert_eq!(result.status.code(), Some(2), "{result:?}");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("no partner `lfr`"), "{stderr}");
    assert!(stderr.contains("did you mean `lfrs`?"), "{stderr}");
    assert!(common::files_in(out.path()).is_empty());
}

#[test]
fn the_your_part_packs_of_a_sensitive_campaign_are_refused() {
    let tmp = example_copy("winter-fire-safety");
    edit(
        &tmp.path().join("collab.toml"),
        "classification = \"OFFICIAL\"",
        "classification = \"OFFICIAL-SENSITIVE\"",
    );
    let out = TempDir::new().unwrap();
    let result = render_into(tmp.path(), out.path(), &["--pack", "partners"]);
    assert_eq!(result.status.code(), Some(1), "{result:?}");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("sensitive-public-pack"), "{stderr}");
    assert!(stderr.contains("\"your part\" packs"), "{stderr}");
    assert!(common::files_in(out.path()).is_empty());
    // With every pack asked for, both public packs are named and nothing
    // is written; the internal packs still render on their own.
    let result = render_into(tmp.path(), out.path(), &[]);
    assert_eq!(result.status.code(), Some(1), "{result:?}");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("partner pack and \"your part\" packs"),
        "{stderr}"
    );
    let result = render_into(tmp.path(), out.path(), &["--pack", "briefing"]);
    assert!(result.status.success(), "{result:?}");
}
