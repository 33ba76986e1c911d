//! `collab validate`: load every document, run every check, print the
//! findings and exit 1 if any is an error.

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

use super::{output_width, print_stdout, use_color};
use crate::cli::{FailOn, Global, OutputFormat, ValidateArgs};
use crate::diagnostic::{Finding, Level, sort_findings};
use crate::load::{self, Workspace};
use crate::output::{self, Format, Report, Style, Unit};
use crate::rules::{self, ids};
use crate::{Error, Outcome};

/// Options that shape which findings are reported and at what level.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// `--today`; the real date in each campaign's timezone when absent.
    pub today: Option<crate::model::Date>,
    pub deny_warnings: bool,
    pub only_rules: Vec<String>,
}

pub fn run(cwd: &Path, global: &Global, args: ValidateArgs) -> Result<Outcome, Error> {
    for id in &args.rules {
        if rules::find(id).is_none() {
            let ids: Vec<&str> = rules::catalogue().map(|r| r.id).collect();
            let hint = crate::diagnostic::closest(id, ids.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(Error::Usage(format!("unknown rule `{id}`{hint}")));
        }
    }
    let started = Instant::now();
    let filter = Filter {
        today: global.today,
        deny_warnings: args.deny.is_some(),
        only_rules: args.rules.clone(),
    };
    let (report, campaigns) = match workspace_roots(cwd, &args.paths) {
        // Many campaigns: load and check them one at a time, keeping only
        // the findings, so memory stays flat however big the workspace.
        Some(roots) if roots.len() > 1 => {
            let parts: Vec<Result<Report, load::LoadError>> = roots
                .par_iter()
                .map(|root| {
                    Ok(check_workspace(
                        &load::load(cwd, std::slice::from_ref(root))?,
                        &filter,
                    ))
                })
                .collect();
            let mut report = Report::default();
            for part in parts {
                let part = part?;
                report.findings.extend(part.findings);
                report.files += part.files;
                report.documents += part.documents;
                report.units.extend(part.units);
            }
            sort_findings(&mut report.findings);
            report.units.sort();
            (report, roots.len())
        }
        _ => {
            let mut ws = load::load(cwd, &args.paths)?;
            if args.whole_campaigns {
                ws.only = None;
            }
            (check_workspace(&ws, &filter), ws.campaigns.len())
        }
    };
    if global.verbose {
        eprintln!(
            "checked {} campaign(s), {} file(s), {} document(s) in {} ms",
            campaigns,
            report.files,
            report.documents,
            started.elapsed().as_millis()
        );
    }
    let format = match args.format.unwrap_or_else(default_format) {
        OutputFormat::Human => Format::Human,
        OutputFormat::Json => Format::Json,
        OutputFormat::Github => Format::Github,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Junit => Format::Junit,
    };
    let style = Style {
        color: use_color(global),
        width: output_width(),
        quiet: global.quiet,
        paths: output::Bases::find(format, cwd, &report),
    };
    print_stdout(&output::render(&report, format, &style))?;
    let fail_on = if args.fail_on == Some(FailOn::Warning) {
        Level::Warning
    } else {
        Level::Error
    };
    Ok(match outcome(&report, fail_on) {
        Outcome::Failure if args.exit_zero => Outcome::Success,
        other => other,
    })
}

/// The campaign folders of a plain workspace run (no files named, no
/// campaign around `cwd`), or `None` when the run needs the general loader.
fn workspace_roots(cwd: &Path, paths: &[std::path::PathBuf]) -> Option<Vec<std::path::PathBuf>> {
    let dir = match paths {
        [] => cwd.to_path_buf(),
        [one] => crate::discover::normalize(&cwd.join(one)),
        _ => return None,
    };
    if !dir.is_dir() || crate::discover::find_campaign_root(&dir).is_some() {
        return None;
    }
    Some(crate::discover::campaigns_below(&dir))
}

/// `github` inside a GitHub Actions job writing to a log, else `human`.
fn default_format() -> OutputFormat {
    let in_actions = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    if in_actions && !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        OutputFormat::Github
    } else {
        OutputFormat::Human
    }
}

/// Run every check over a loaded workspace and build the report.
pub fn check_workspace(ws: &Workspace, filter: &Filter) -> Report {
    let mut findings: Vec<Finding> = ws.findings.clone();
    let per_campaign: Vec<Vec<Finding>> = ws
        .campaigns
        .par_iter()
        .map(|campaign| {
            let today = filter.today.unwrap_or_else(|| {
                super::real_today(campaign.settings().campaign().timezone.as_deref())
            });
            let ctx = rules::Context::for_campaign(campaign, today);
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
        findings.retain(|f| filter.only_rules.iter().any(|r| r == f.rule));
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
    }
}

/// Exit status for a report: 2 when a collab.toml could not be read, 1 for
/// any finding at `fail_on` level or worse, else 0.
pub fn outcome(report: &Report, fail_on: Level) -> Outcome {
    if report.findings.iter().any(|f| f.rule == ids::TOML_SYNTAX) {
        Outcome::ConfigError
    } else if report.errors() > 0 || (fail_on == Level::Warning && report.warnings() > 0) {
        Outcome::Failure
    } else {
        Outcome::Success
    }
}

/// The documents and settings files of a workspace, for per-document output.
fn units(ws: &Workspace) -> Vec<Unit> {
    let mut out = Vec::new();
    let doc_unit = |d: &crate::campaign::Document, many: bool| Unit {
        file: std::sync::Arc::clone(&d.file),
        start: d.root.span.start,
        end: d.root.span.end,
        document: many.then_some(d.index),
        kind: d.kind().as_str().to_string(),
    };
    let named = |path: &Path| {
        ws.only
            .as_ref()
            .is_none_or(|only| only.iter().any(|p| p == path))
    };
    let all: Vec<&crate::campaign::Document> = ws
        .campaigns
        .iter()
        .flat_map(|c| &c.documents)
        .chain(&ws.loose)
        .filter(|d| named(&d.file.path))
        .collect();
    let mut per_file: std::collections::HashMap<&Path, usize> = std::collections::HashMap::new();
    for d in &all {
        *per_file.entry(d.file.path.as_path()).or_default() += 1;
    }
    for d in &all {
        let many = per_file.get(d.file.path.as_path()).copied().unwrap_or(0) > 1;
        out.push(doc_unit(d, many));
    }
    for c in ws.campaigns.iter().filter(|c| named(&c.config.file.path)) {
        out.push(Unit {
            file: std::sync::Arc::clone(&c.config.file),
            start: 0,
            end: c.config.file.source.text().len(),
            document: None,
            kind: "settings".into(),
        });
    }
    out.sort();
    out
}
