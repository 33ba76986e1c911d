//! Properties that must hold for any input: editing a valid campaign in any
//! way gives findings (or none) but never a panic; validation is
//! deterministic; a valid campaign with any text in it renders well-formed,
//! escaped HTML.

mod common;

use std::fs;
use std::path::Path;

use collab::render::{self, Format, Pack};
use collab::view::{self, Outside};
use collab::{ColorWhen, Options};
use common::example_copy;
use proptest::prelude::*;

const FILES: &[&str] = &[
    "collab.toml",
    "plan.yaml",
    "partners.yaml",
    "evaluation.yaml",
    "meetings/initial-partnering.yaml",
];

fn global() -> Options {
    Options {
        color: ColorWhen::Never,
        quiet: true,
        verbose: false,
        today: collab::model::Date::parse("2026-11-24"),
    }
}

/// Validate the campaign in `dir` in-process and return the JSON report.
fn validate(dir: &Path) -> String {
    let ws = match collab::load::load(dir, &[]) {
        Ok(ws) => ws,
        // A campaign too broken to load at all is a usage error, not a panic.
        Err(e) => return format!("load error: {e}"),
    };
    let report = collab::commands::check_all(&ws, &global());
    let style = collab::output::Style {
        paths: collab::output::Bases::here(dir),
        ..Default::default()
    };
    collab::output::json::render(&report, &style)
}

/// Put `text` into `original` at a char boundary near `at`, replacing
/// `cut` bytes.
fn mutate(original: &str, at: usize, cut: usize, text: &str) -> String {
    let mut start = at.min(original.len());
    while !original.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + cut).min(original.len());
    while !original.is_char_boundary(end) {
        end += 1;
    }
    format!("{}{}{}", &original[..start], text, &original[end..])
}

proptest! {
    // A fixed seed keeps CI repeatable; change it locally to explore more.
    #![proptest_config(ProptestConfig {
        cases: 48,
        rng_seed: proptest::test_runner::RngSeed::Fixed(2026),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn any_edit_gives_findings_never_a_panic(
        file in 0..FILES.len(),
        at in 0usize..20_000,
        cut in 0usize..40,
        text in "(\\PC|[\\n\\t:\\-\\[\\]{}#&*!|>'\"%@`,? ]){0,24}",
    ) {
        let tmp = example_copy("winter-fire-safety");
        let path = tmp.path().join(FILES[file]);
        let original = fs::read_to_string(&path).unwrap();
        fs::write(&path, mutate(&original, at, cut, &text)).unwrap();
        let first = validate(tmp.path());
        let second = validate(tmp.path());
        prop_assert_eq!(first, second, "validation is not deterministic");
    }

    #[test]
    fn any_text_renders_as_well_formed_escaped_html(
        title in "\\PC{1,40}",
        message in "[<>&\"' a-z]{1,30}",
    ) {
        let tmp = example_copy("safer-streets");
        let plan = tmp.path().join("plan.yaml");
        let text = fs::read_to_string(&plan).unwrap();
        let quoted = |s: &str| serde_json::to_string(s).unwrap();
        let text = text.replacen("title: Safer Streets After Dark", &format!("title: {}", quoted(&title)), 1);
        // A marker makes the message findable whatever it holds.
        let marked = format!("zqx{message}");
        let text = text.replacen("  messages:\n", &format!("  messages:\n    - {}\n", quoted(&marked)), 1);
        fs::write(&plan, text).unwrap();
        let ws = collab::load::load(tmp.path(), &[]).unwrap();
        let campaign = &ws.campaigns[0];
        let view = view::build(campaign, collab::model::Date::parse("2026-11-24").unwrap(), Outside::default());
        let env = render::environment(Default::default());
        for pack in [Pack::Briefing, Pack::Partner] {
            let files = render::render(&env, &view, pack, Format::Html, None).unwrap();
            for (name, html) in files {
                well_formed(&name, &html)?;
                if message.contains('<') {
                    prop_assert!(!html.contains(&marked), "{name}: unescaped text");
                }
            }
        }
    }
}

/// Tags open and close in order (void and self-closed elements aside).
fn well_formed(name: &str, html: &str) -> Result<(), TestCaseError> {
    const VOID: &[&str] = &[
        "meta", "link", "br", "img", "input", "hr", "col", "wbr", "source", "area", "base",
    ];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('>') else {
            return Err(TestCaseError::fail(format!("{name}: unclosed tag")));
        };
        let tag = &rest[..close];
        rest = &rest[close + 1..];
        if tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        let tag_name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        if tag_name.is_empty() {
            return Err(TestCaseError::fail(format!(
                "{name}: stray `<` in the markup"
            )));
        }
        if tag_name == "style" && !tag.starts_with('/') {
            if let Some(end) = rest.find("</style>") {
                rest = &rest[end + "</style>".len()..];
            }
            continue;
        }
        if VOID.contains(&tag_name.as_str()) {
            continue;
        }
        if tag.starts_with('/') {
            match stack.pop() {
                Some(open) if open == tag_name => {}
                other => {
                    return Err(TestCaseError::fail(format!(
                        "{name}: </{tag_name}> closes {other:?}"
                    )));
                }
            }
        } else {
            stack.push(tag_name);
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(TestCaseError::fail(format!("{name}: unclosed {stack:?}")))
    }
}
