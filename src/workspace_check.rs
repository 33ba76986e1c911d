//! The workspace check: every check over a loaded workspace, gathered into
//! one [`Report`], and the outcome that report gives. Used by `validate`,
//! every command that refuses to act on a campaign with errors, and the
//! fuzz harness.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::Outcome;
use crate::campaign::Document;
use crate::diagnostic::{Finding, Level, SourceFile, sort_findings};
use crate::load::Workspace;
use crate::options::real_today;
use crate::output::{Report, Unit};
use crate::rule::Rule;
use crate::rules;

/// Options that shape which findings are reported and at what level.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// `--today`; the real date in each campaign's timezone when absent.
    pub today: Option<crate::model::Date>,
    pub deny_warnings: bool,
    pub only_rules: Vec<Rule>,
}

/// Run every check over a loaded workspace and build the report.
pub fn check_workspace(ws: &Workspace, filter: &Filter) -> Report {
    let mut findings: Vec<Finding> = ws.findings.clone();
    let per_campaign: Vec<Vec<Finding>> = ws
        .campaigns
        .par_iter()
        .map(|campaign| {
            let today = filter
                .today
                .unwrap_or_else(|| real_today(campaign.settings().campaign().timezone.as_deref()));
            let ctx = rules::Context::for_campaign(campaign, today).select(&filter.only_rules);
            let mut found = Vec::new();
            rules::check_campaign(campaign, &ctx, &mut found);
            found
        })
        .collect();
    findings.extend(per_campaign.into_iter().flatten());
    for doc in &ws.loose {
        rules::structure::check_document(doc, &mut findings);
    }
    findings.retain(|f| ws.in_scope(f));
    if !filter.only_rules.is_empty() {
        findings.retain(|f| filter.only_rules.contains(&f.rule));
    }
    if filter.deny_warnings {
        for f in &mut findings {
            f.level = Level::Error;
        }
    }
    sort_findings(&mut findings);
    Report {
        findings,
        files: ws.files,
        documents: ws.documents,
        units: units(ws),
        settings_unreadable: ws.unreadable_configs.iter().any(|p| named_in(ws, p)),
    }
}

/// Exit status for a report: 2 when a collab.toml could not be read, 1 for
/// any finding at `fail_on` level or worse, else 0.
pub fn outcome(report: &Report, fail_on: Level) -> Outcome {
    if report.settings_unreadable {
        Outcome::ConfigError
    } else if report.errors() > 0 || (fail_on == Level::Warning && report.warnings() > 0) {
        Outcome::Failure
    } else {
        Outcome::Success
    }
}

/// The documents and settings files of a workspace, for per-document output.
fn units(ws: &Workspace) -> Vec<Unit> {
    // Units outlive the workspace: they name their file without its text.
    let mut names: HashMap<std::path::PathBuf, Arc<SourceFile>> = HashMap::new();
    let mut name = |file: &Arc<SourceFile>| -> Arc<SourceFile> {
        let entry = names.entry(file.path.clone());
        Arc::clone(entry.or_insert_with(|| file.name_only()))
    };
    let named = |path: &Path| named_in(ws, path);
    let all: Vec<&Document> = ws
        .campaigns
        .iter()
        .flat_map(|c| &c.documents)
        .chain(&ws.loose)
        .filter(|d| named(&d.file.path))
        .collect();
    let mut per_file: HashMap<&Path, usize> = HashMap::new();
    for d in &all {
        *per_file.entry(d.file.path.as_path()).or_default() += 1;
    }
    let mut out = Vec::new();
    for d in &all {
        let many = per_file.get(d.file.path.as_path()).copied().unwrap_or(0) > 1;
        out.push(Unit {
            file: name(&d.file),
            start: d.root.span.start,
            end: d.root.span.end,
            document: many.then_some(d.index),
            kind: d.kind().as_str().to_string(),
        });
    }
    for c in ws.campaigns.iter().filter(|c| named(&c.config.file.path)) {
        out.push(Unit {
            file: name(&c.config.file),
            start: 0,
            end: c.config.file.source.text().len(),
            document: None,
            kind: "settings".into(),
        });
    }
    out.sort();
    out
}

/// Whether `path` is in scope: every file is, unless the run is limited to
/// files named on the command line.
fn named_in(ws: &Workspace, path: &Path) -> bool {
    ws.only
        .as_ref()
        .is_none_or(|only| only.iter().any(|p| p == path))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report's units name their files without holding their text: a
    /// validate of many campaigns keeps only the findings in memory (they
    /// held every file's text for a while in issue 13, 45 MB instead of
    /// 12 MB on 500 campaigns).
    #[test]
    fn units_name_files_without_their_text() {
        let config = "[campaign]\nid = \"c\"\nname = \"C\"\nframework = \"oasis\"\n";
        let plan = "kind: plan\nframework: oasis\ntitle: T\n---\nkind: partners\npartners: []\n";
        let ws = crate::load::campaign_from_texts(
            Path::new("/campaign"),
            config,
            &[("plan.yaml", plan)],
        );
        let report = check_workspace(&ws, &Filter::default());
        assert_eq!(report.units.len(), 3, "two documents and the settings");
        for unit in &report.units {
            assert!(unit.file.source.text().is_empty());
        }
        let plans: Vec<_> = report.units.iter().filter(|u| u.kind == "plan").collect();
        assert_eq!(plans[0].file.rel, "plan.yaml");
        assert_eq!(plans[0].document, Some(0));
    }
}
