//! The partner pack is public: a campaign's own `partner.md.j2` that dumps
//! every value it can reach finds no e-mail address, phone number, budget
//! or note, whatever the campaign holds.

mod common;

use std::fs;
use std::path::Path;

use common::{TODAY, collab, example_copy, render_into};
use serde_json::Value;
use tempfile::TempDir;

/// A template that writes out everything in its context: every top-level
/// variable, every key of every mapping and every item of every sequence,
/// however deep.
const DUMP: &str = r#"{%- macro dump(v) -%}
{%- if v is mapping -%}{ {%- for k, x in v|items %}{{ k }}: {{ dump(x) }}; {% endfor -%} }
{%- elif v is sequence and v is not string -%}[ {%- for x in v %}{{ dump(x) }}, {% endfor -%} ]
{%- else -%}{{ v }}
{%- endif -%}
{%- endmacro -%}
view = {{ dump(view) }}
pack = {{ dump(pack) }}
title = {{ dump(title) }}
format = {{ dump(format) }}
meeting = {{ dump(meeting) }}
generator = {{ dump(generator) }}
"#;

/// Text that marks each kind of private data put into the campaign.
const NOTES: [&str; 5] = [
    "zqx-partner-note",
    "zqx-meeting-note",
    "zqx-agenda-note",
    "zqx-actual-note",
    "zqx-latest-note",
];

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The winter example with notes everywhere the format allows them, a
/// budget no other number shares, and the dump template for the partner
/// pack.
fn campaign_with_private_data() -> TempDir {
    let tmp = example_copy("winter-fire-safety");
    let root = tmp.path();
    edit(
        &root.join("partners.yaml"),
        "    offers:",
        "    notes: zqx-partner-note\n    offers:",
    );
    edit(&root.join("plan.yaml"), "budget: 4200", "budget: 73519");
    let meeting = root.join("meetings/catch-up-2026-11-17.yaml");
    edit(
        &meeting,
        "{ topic: review, minutes: 20 }",
        "{ topic: review, minutes: 20, notes: zqx-agenda-note }",
    );
    let text = fs::read_to_string(&meeting).unwrap();
    fs::write(
        &meeting,
        format!("{}\nnotes: zqx-meeting-note\n", text.trim_end()),
    )
    .unwrap();
    let evaluation = root.join("evaluation.yaml");
    edit(
        &evaluation,
        r#"note: "Wave 4, before launch""#,
        r#"note: "zqx-actual-note""#,
    );
    edit(
        &evaluation,
        r#"note: "Pilot fortnight, county-wide total""#,
        r#"note: "zqx-latest-note""#,
    );
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(root.join("templates/partner.md.j2"), DUMP).unwrap();
    tmp
}

/// The campaign view as `status --format json` gives it: the full,
/// internal view.
fn full_view(campaign: &Path) -> Value {
    let out = collab()
        .current_dir(campaign)
        .args(["status", "--format", "json", "--today", TODAY])
        .output()
        .expect("collab runs");
    serde_json::from_slice(&out.stdout).expect("status prints JSON")
}

/// Every string or number held under one of `keys` anywhere in `value`.
fn values_under(value: &Value, keys: &[&str], found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if keys.contains(&k.as_str()) {
                    match v {
                        Value::String(s) => found.push(s.clone()),
                        Value::Number(n) => found.push(n.to_string()),
                        _ => {}
                    }
                }
                values_under(v, keys, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| values_under(v, keys, found)),
        _ => {}
    }
}

#[test]
fn a_template_that_dumps_everything_finds_nothing_private() {
    let tmp = campaign_with_private_data();
    let view = full_view(tmp.path());
    let mut private = Vec::new();
    values_under(&view, &["email", "phone"], &mut private);
    // The internal view holds what the partner pack must not: check the
    // setup before trusting an empty result.
    assert!(private.iter().any(|s| s.contains('@')), "{private:?}");
    assert!(
        private.iter().any(|s| s.starts_with("020 7946")),
        "{private:?}"
    );
    let mut notes = Vec::new();
    values_under(&view, &["notes", "note", "latest_note"], &mut notes);
    for marker in NOTES {
        assert!(notes.iter().any(|n| n == marker), "{marker} in {notes:?}");
    }
    private.extend(NOTES.iter().map(|s| s.to_string()));
    private.push("73519".into());

    let out = TempDir::new().unwrap();
    let result = render_into(
        tmp.path(),
        out.path(),
        &["--pack", "partner", "--format", "md"],
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let dump = fs::read_to_string(out.path().join("partner.md")).unwrap();
    // The dump reaches deep into the view: a partner's name, a message, a
    // contact's role.
    for public in [
        "Lancashire Fire and Rescue Service",
        "Test your smoke alarm once a month",
        "Campaign manager",
    ] {
        assert!(dump.contains(public), "{public} missing from\n{dump}");
    }
    for secret in &private {
        if let Some(at) = dump.find(secret.as_str()) {
            let before = dump.get(at.saturating_sub(300)..at).unwrap_or_default();
            panic!("{secret} in the dump: …{before}{secret}");
        }
    }
    assert!(!dump.contains("budget: "), "a budget field in\n{dump}");
    assert!(!dump.contains("note"), "a note field in\n{dump}");
}

/// Every e-mail address in `text`.
fn emails(text: &str) -> Vec<String> {
    let re = regex::Regex::new(r"[\w.+-]+@[\w-]+(\.[\w-]+)+").unwrap();
    re.find_iter(text).map(|m| m.as_str().to_string()).collect()
}

#[test]
fn every_your_part_pack_of_both_examples_dumps_nothing_private() {
    let cases = [
        (
            "winter-fire-safety",
            "budget: 4200",
            "winter-fire-safety@example.gov.uk",
        ),
        (
            "safer-streets",
            "budget: 4500",
            "safer-streets@example.gov.uk",
        ),
    ];
    for (example, budget, mailbox) in cases {
        let tmp = example_copy(example);
        let root = tmp.path();
        edit(&root.join("plan.yaml"), budget, "budget: 73519");
        edit(
            &root.join("partners.yaml"),
            "    offers:",
            "    notes: zqx-partner-note, ring 020 7946 0999\n    offers:",
        );
        fs::create_dir_all(root.join("templates")).unwrap();
        fs::write(root.join("templates/your-part.md.j2"), DUMP).unwrap();
        let out = TempDir::new().unwrap();
        let result = render_into(root, out.path(), &["--pack", "partners", "--format", "md"]);
        assert!(
            result.status.success(),
            "{example}: {}",
            String::from_utf8_lossy(&result.stderr)
        );
        let packs = common::files_in(out.path());
        assert_eq!(packs.len(), 4, "{example}: {packs:?}");
        for pack in packs {
            let dump = fs::read_to_string(&pack).unwrap();
            let name = pack.display();
            // The dump reaches the partner's own part and the contact route.
            assert!(dump.contains("local_sign_off"), "{name}\n{dump}");
            assert!(dump.contains("lead_role"), "{name}\n{dump}");
            let found = emails(&dump);
            assert!(!found.is_empty(), "{name}: the mailbox is missing");
            assert!(
                found.iter().all(|e| e == mailbox),
                "{name}: {found:?} besides the campaign mailbox"
            );
            for secret in ["020 7946", "+44", "73519", "zqx-partner-note"] {
                assert!(!dump.contains(secret), "{secret} in {name}\n{dump}");
            }
            // Field names, not words: a metric may measure a budget.
            for field in [
                "budget: ",
                "note: ",
                "notes: ",
                "latest_note: ",
                "email: ",
                "phone: ",
            ] {
                assert!(!dump.contains(field), "a `{field}` field in {name}");
            }
        }
    }
}
