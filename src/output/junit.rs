//! `--format junit`: one test case per document checked, with a failure
//! for each error in it (warnings are listed in the case's output).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::{Bases, Report, Style, Unit};
use crate::diagnostic::{Finding, Level};

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

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

/// Files are named from the repository root.
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
        let file = paths.from_repository(&unit.file);
        cases.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"collab.{}\" file=\"{}\">\n",
            xml(&unit.name(&file)),
            xml(&unit.kind),
            xml(&file)
        ));
        for f in mine.iter().filter(|f| f.level == Level::Error) {
            failures += 1;
            cases.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                xml(f.rule.id()),
                xml(&f.message),
                xml(&describe(f, paths))
            ));
        }
        let warnings: Vec<String> = mine
            .iter()
            .filter(|f| f.level == Level::Warning)
            .map(|f| format!("warning: {}", describe(f, paths)))
            .collect();
        if !warnings.is_empty() {
            cases.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                xml(&warnings.join("\n"))
            ));
        }
        cases.push_str("    </testcase>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"collab\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\">\n  <testsuite name=\"collab validate\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n{cases}  </testsuite>\n</testsuites>\n",
        n = units.len()
    )
}
