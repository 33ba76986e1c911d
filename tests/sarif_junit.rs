//! What SARIF and JUnit consumers need from `collab validate`: SARIF rules
//! with a readable name and a link to their documentation, results with
//! stable fingerprints; JUnit that Jenkins' schema accepts, with honest
//! counts and text that is always well-formed XML. (`ci/check-sarif-junit.sh`
//! runs the real validators.)

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use common::{TODAY, collab, rule_fixture};
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use serde_json::Value;

/// `collab validate --format FORMAT` in `dir`: stdout.
fn validate(dir: &Path, format: &str) -> String {
    let out = collab()
        .current_dir(dir)
        .env_remove("GITHUB_WORKSPACE")
        .args(["validate", "--today", TODAY, "--format", format])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn sarif(dir: &Path) -> Value {
    serde_json::from_str(&validate(dir, "sarif")).unwrap()
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A campaign in its own repository whose partners file is `partners`.
fn campaign(partners: &str) -> tempfile::TempDir {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path();
    fs::create_dir(dir.join(".git")).unwrap();
    write(
        dir,
        "collab.toml",
        "[campaign]\nid = \"w\"\nname = \"W\"\nframework = \"oasis\"\nlead = \"council\"\n",
    );
    write(dir, "partners.yaml", partners);
    write(
        dir,
        "plan.yaml",
        "kind: plan\nframework: oasis\ntitle: A campaign\n",
    );
    tmp
}

const PARTNER: &str = "kind: partners\npartners:\n  - id: council\n    name: Kingsmere Council\n    sector: local-authority\n    level: collaboration\n    lead: { name: Ana Silva, role: Campaign lead }\n";

#[test]
fn sarif_rules_have_a_pascal_case_name_and_a_link_to_their_section() {
    let fixture = rule_fixture("partner-without-lead", "fires");
    let sarif = sarif(fixture.path());
    let driver = &sarif["runs"][0]["tool"]["driver"];
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let rules_md = fs::read_to_string(common::repo().join("docs/rules.md")).unwrap();
    let headings: BTreeSet<&str> = rules_md
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .collect();
    let rules = driver["rules"].as_array().unwrap();
    let lead = rules
        .iter()
        .find(|r| r["id"] == "partner-without-lead")
        .unwrap();
    assert_eq!(lead["name"], "PartnerWithoutLead");
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        let name = rule["name"].as_str().unwrap();
        assert_ne!(name, id);
        assert_eq!(name.to_lowercase(), id.replace('-', ""), "{name}");
        assert!(name.starts_with(|c: char| c.is_ascii_uppercase()), "{name}");
        let want = format!(
            "{}/blob/v{}/docs/rules.md#{id}",
            env!("CARGO_PKG_REPOSITORY"),
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(rule["helpUri"], want);
        assert!(headings.contains(id), "docs/rules.md has no `### {id}`");
    }
}

/// Each result's `collab/v1` fingerprint.
fn fingerprints(sarif: &Value) -> Vec<String> {
    sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["partialFingerprints"]["collab/v1"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn sarif_fingerprints_are_distinct_and_survive_lines_moving() {
    let fixture = rule_fixture("partner-without-lead", "fires");
    let dir = fixture.path();
    let before = fingerprints(&sarif(dir));
    assert!(before.len() >= 2, "{before:?}");
    let distinct: BTreeSet<&String> = before.iter().collect();
    assert_eq!(distinct.len(), before.len(), "{before:?}");
    for print in &before {
        assert_eq!(print.len(), 64, "{print}");
        assert!(print.bytes().all(|b| b.is_ascii_hexdigit()), "{print}");
    }
    // Lines added above every finding change lines, not fingerprints.
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, format!("# A note.\n\n{text}")).unwrap();
        }
    }
    let after = fingerprints(&sarif(dir));
    let a: BTreeSet<&String> = before.iter().collect();
    let b: BTreeSet<&String> = after.iter().collect();
    assert_eq!(a, b);
}

#[test]
fn sarif_fingerprints_do_not_depend_on_the_working_folder() {
    // The campaign in `campaigns/w` of a repository, checked from the
    // repository root and from inside the campaign.
    let tmp = campaign(&PARTNER.replace("    lead:", "    sponser: x\n    lead:"));
    let top = tmp.path();
    let inner = top.join("campaigns/w");
    fs::create_dir_all(&inner).unwrap();
    for name in ["collab.toml", "partners.yaml", "plan.yaml"] {
        fs::rename(top.join(name), inner.join(name)).unwrap();
    }
    let run = |dir: &Path, args: &[&str]| -> Value {
        let out = collab()
            .current_dir(dir)
            .env_remove("GITHUB_WORKSPACE")
            .args(["validate", "--today", TODAY, "--format", "sarif"])
            .args(args)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let from_top = run(top, &["campaigns/w"]);
    let from_inside = run(&inner, &[]);
    let uri = &from_top["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert!(uri.as_str().unwrap().starts_with("campaigns/w/"), "{uri}");
    assert!(!fingerprints(&from_top).is_empty());
    assert_eq!(fingerprints(&from_top), fingerprints(&from_inside));
}

/// One element of a parsed JUnit file.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn all(&self, name: &str) -> Vec<&Element> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    fn attr(&self, name: &str) -> &str {
        self.attributes.get(name).map_or("", String::as_str)
    }
}

/// Whether XML 1.0 allows `c` (its `Char` production).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

/// An element with its attributes, references resolved.
fn element(e: &quick_xml::events::BytesStart) -> Element {
    let mut element = Element {
        name: e.name().as_ref().to_string(),
        ..Element::default()
    };
    for a in e.attributes() {
        let a = a.unwrap();
        let key = a.key.as_ref().to_string();
        let value = a.normalized_value(XmlVersion::Explicit1_0).unwrap();
        assert!(value.chars().all(xml_char), "{value:?}");
        element.attributes.insert(key, value.into_owned());
    }
    element
}

/// Parses `xml` with quick-xml into a tree, resolving references, and
/// checks every character is one XML 1.0 allows.
fn parse(xml: &str) -> Element {
    assert!(
        xml.chars().all(xml_char),
        "a character XML forbids:\n{xml:?}"
    );
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack = vec![Element::default()];
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => stack.last_mut().unwrap().children.push(element(&e)),
            Event::End(_) => {
                let done = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(done);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(&r.xml10_content())
                        .unwrap()
                        .to_string(),
                };
                assert!(text.chars().all(xml_char), "{text:?}");
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut roots = stack.pop().unwrap().children;
    assert_eq!(roots.len(), 1);
    roots.pop().unwrap()
}

/// The testsuites element, after checking that the counts on it and on its
/// suite are the number of test cases and of test cases with a failure.
fn junit(dir: &Path) -> Element {
    let root = parse(&validate(dir, "junit"));
    assert_eq!(root.name, "testsuites");
    let suite = root.all("testsuite")[0];
    let cases = suite.all("testcase");
    let failing = cases
        .iter()
        .filter(|c| !c.all("failure").is_empty())
        .count();
    for at in [&root, suite] {
        assert_eq!(at.attr("tests"), cases.len().to_string());
        assert_eq!(at.attr("failures"), failing.to_string());
    }
    for case in &cases {
        assert!(case.all("failure").len() <= 1, "{case:?}");
        assert!(!case.attributes.contains_key("file"), "{case:?}");
    }
    root
}

#[test]
fn junit_failures_count_failing_cases_not_findings() {
    // Three errors in one document, none elsewhere.
    let tmp = campaign(&PARTNER.replace(
        "    lead:",
        "    sponser: x\n    offerz: y\n    sector: again\n    lead:",
    ));
    let root = junit(tmp.path());
    let suite = root.all("testsuite")[0];
    assert_eq!(suite.attr("failures"), "1");
    let cases = suite.all("testcase");
    let partners = cases
        .iter()
        .find(|c| c.attr("name") == "partners.yaml")
        .unwrap();
    let failure = partners.all("failure")[0];
    assert!(
        failure.attr("message").starts_with("3 errors"),
        "{failure:?}"
    );
    assert_eq!(
        failure.text.matches("partners.yaml:").count(),
        3,
        "{failure:?}"
    );
}

#[test]
fn junit_from_a_broken_example_is_counted_by_case() {
    let fixture = rule_fixture("partner-without-lead", "fires");
    let root = junit(fixture.path());
    let suite = root.all("testsuite")[0];
    assert_ne!(suite.attr("failures"), "0");
    let named: Vec<&str> = suite
        .all("testcase")
        .iter()
        .map(|c| c.attr("name"))
        .collect();
    assert!(named.contains(&"partners.yaml"), "{named:?}");
}

#[test]
fn junit_with_u_fffe_and_line_breaks_in_a_key_is_well_formed() {
    // A raw U+FFFE in one key, and a CR and LF (YAML escapes) in another.
    let tmp = campaign(&PARTNER.replace(
        "    lead:",
        "    spon\u{FFFE}ser: x\n    \"a\\rb\\nc\": y\n    lead:",
    ));
    let xml = validate(tmp.path(), "junit");
    assert!(!xml.contains('\u{FFFE}'), "{xml}");
    assert!(xml.contains("&#13;"), "{xml}");
    let root = junit(tmp.path());
    let suite = root.all("testsuite")[0];
    let partners = suite
        .all("testcase")
        .into_iter()
        .find(|c| c.attr("name") == "partners.yaml")
        .unwrap();
    let failure = partners.all("failure")[0];
    assert!(failure.text.contains("sponser"), "{failure:?}");
    assert!(failure.text.contains("a\rb\nc"), "{failure:?}");
}

#[test]
fn junit_attribute_keeps_cr_and_lf() {
    // The only error: its message, with the key's CR and LF, is the
    // failure's `message` attribute.
    let tmp = campaign(&PARTNER.replace("    lead:", "    \"a\\rb\\nc\": y\n    lead:"));
    let xml = validate(tmp.path(), "junit");
    assert!(
        xml.contains("message=\"unknown field `a&#13;b&#10;c`"),
        "{xml}"
    );
    let root = junit(tmp.path());
    let suite = root.all("testsuite")[0];
    let failures: Vec<&Element> = suite
        .all("testcase")
        .into_iter()
        .flat_map(|c| c.all("failure"))
        .collect();
    assert_eq!(failures.len(), 1, "{xml}");
    assert!(
        failures[0].attr("message").contains("a\rb\nc"),
        "{failures:?}"
    );
}

#[test]
fn sarif_results_carry_their_fix_as_a_replacement() {
    // `nmae` on line 4, columns 5 to 9.
    let partners = PARTNER.replacen(
        "    name: Kingsmere Council",
        "    nmae: Kingsmere Council",
        1,
    );
    let fixture = campaign(&partners);
    let sarif = sarif(fixture.path());
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let typo = results
        .iter()
        .find(|r| r["ruleId"] == "unknown-field")
        .expect("an unknown-field result");
    let fixes = typo["fixes"].as_array().expect("the result has fixes");
    assert_eq!(fixes.len(), 1);
    let fix = &fixes[0];
    assert_eq!(fix["description"]["text"], "replace `nmae` with `name`");
    assert_eq!(fix["properties"]["applicability"], "safe");
    let change = &fix["artifactChanges"][0];
    assert_eq!(
        change["artifactLocation"],
        typo["locations"][0]["physicalLocation"]["artifactLocation"]
    );
    let swap = &change["replacements"][0];
    assert_eq!(
        swap["deletedRegion"],
        serde_json::json!({ "startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 9 })
    );
    assert_eq!(swap["insertedContent"]["text"], "name");
    // Results without a fix have no `fixes`.
    assert!(
        results
            .iter()
            .filter(|r| r["ruleId"] != "unknown-field")
            .all(|r| r.get("fixes").is_none())
    );
}
