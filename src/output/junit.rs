//! `--format junit`: one test case per document checked, with a failure
//! for each error in it (warnings are listed in the case's output).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::{Bases, Report, Style, Unit};
use crate::diagnostic::{Finding, Level};
use crate::xml::{attr, text};

fn describe(f: &Finding, paths: &Bases) -> String {
    let at = f.start();
    let mut s = format!(
        "{}:{}:{}: [{}] {}",
        paths.from_repository(&f.file),
        at.line,
        at.column,
        f.rule,
        f.message
    );
    if let Some(help) = &f.help {
        s.push_str("\nhelp: ");
        s.push_str(help);
    }
    s
}

/// Which units each file has, by index, so a finding is matched only
/// against the documents of its own file.
fn units_by_file(units: &[Unit]) -> HashMap<&Path, Vec<usize>> {
    let mut by_file: HashMap<&Path, Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        by_file.entry(u.file.path.as_path()).or_default().push(i);
    }
    by_file
}

/// The report's units, plus a whole-file unit for each file with findings
/// that no unit covers, sorted.
fn all_units(report: &Report) -> Vec<Unit> {
    let mut units: Vec<Unit> = report.units.clone();
    let by_file = units_by_file(&report.units);
    for f in &report.findings {
        let covered = by_file
            .get(f.file.path.as_path())
            .is_some_and(|ids| ids.iter().any(|&i| report.units[i].contains(f)));
        if !covered {
            units.push(Unit {
                file: Arc::clone(&f.file),
                start: 0,
                end: 0,
                document: None,
                kind: "file".into(),
            });
        }
    }
    units.sort();
    units.dedup();
    units
}

/// The one `<failure>` of a test case with errors: every error in its
/// text, so `failures` counts failing test cases, never findings.
fn failure(errors: &[&Finding], paths: &Bases) -> String {
    let mut rules: Vec<&str> = errors.iter().map(|f| f.rule.id()).collect();
    rules.dedup();
    let kind = if rules.len() == 1 { rules[0] } else { "collab" };
    let message = match errors {
        [one] => one.message.clone(),
        [first, ..] => format!("{} errors; the first: {}", errors.len(), first.message),
        [] => String::new(),
    };
    let body: Vec<String> = errors.iter().map(|f| describe(f, paths)).collect();
    format!(
        "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
        attr(kind),
        attr(&message),
        text(&body.join("\n"))
    )
}

/// One `<testcase>`, and whether it failed. The file's path is in its
/// name (the `file` attribute is not in Jenkins' `junit-10.xsd`).
fn testcase(unit: &Unit, mine: &[&Finding], paths: &Bases) -> (String, bool) {
    let file = paths.from_repository(&unit.file);
    let mut case = format!(
        "    <testcase name=\"{}\" classname=\"collab.{}\">\n",
        attr(&unit.name(&file)),
        attr(&unit.kind),
    );
    let errors: Vec<&Finding> = mine
        .iter()
        .copied()
        .filter(|f| f.level == Level::Error)
        .collect();
    if !errors.is_empty() {
        case.push_str(&failure(&errors, paths));
    }
    let warnings: Vec<String> = mine
        .iter()
        .filter(|f| f.level == Level::Warning)
        .map(|f| format!("warning: {}", describe(f, paths)))
        .collect();
    if !warnings.is_empty() {
        case.push_str(&format!(
            "      <system-out>{}</system-out>\n",
            text(&warnings.join("\n"))
        ));
    }
    case.push_str("    </testcase>\n");
    (case, !errors.is_empty())
}

/// Files are named from the repository root. Each document is a test
/// case; a case with errors has one failure listing them, and warnings go
/// to its `system-out`.
pub fn render(report: &Report, style: &Style) -> String {
    let paths = &style.paths;
    let units = all_units(report);
    let by_file = units_by_file(&units);
    let mut found: Vec<Vec<&Finding>> = vec![Vec::new(); units.len()];
    for f in &report.findings {
        for &i in by_file.get(f.file.path.as_path()).into_iter().flatten() {
            if units[i].contains(f) {
                found[i].push(f);
            }
        }
    }
    let mut cases = String::new();
    let mut failures = 0;
    for (unit, mine) in units.iter().zip(&found) {
        let (case, failed) = testcase(unit, mine, paths);
        cases.push_str(&case);
        failures += usize::from(failed);
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"collab\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\">\n  <testsuite name=\"collab validate\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n{cases}  </testsuite>\n</testsuites>\n",
        n = units.len()
    )
}
