//! `collab validate`: load every document, run every check, print the
//! findings and exit 1 if any is an error.

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

use super::{output_width, print_stdout, use_color};
use crate::cli::{Global, OutputFormat, ValidateArgs};
use crate::diagnostic::{Finding, Level, sort_findings};
use crate::load::{self, Workspace};
use crate::output::{self, Format, Report, Style};
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
    let ws = load::load(cwd, &args.paths)?;
    let filter = Filter {
        today: global.today,
        deny_warnings: args.deny.is_some(),
        only_rules: args.rules.clone(),
    };
    let report = check_workspace(&ws, &filter);
    if global.verbose {
        eprintln!(
            "checked {} campaign(s), {} file(s), {} document(s) in {} ms",
            ws.campaigns.len(),
            report.files,
            report.documents,
            started.elapsed().as_millis()
        );
    }
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Json => Format::Json,
    };
    let style = Style {
        color: use_color(global),
        width: output_width(),
        quiet: global.quiet,
    };
    print_stdout(&output::render(&report, format, style))?;
    Ok(outcome(&report))
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
    }
}

/// Exit status for a report: 2 when a collab.toml could not be read, 1 for
/// any error, else 0.
pub fn outcome(report: &Report) -> Outcome {
    if report.findings.iter().any(|f| f.rule == ids::TOML_SYNTAX) {
        Outcome::ConfigError
    } else if report.errors() > 0 {
        Outcome::Failure
    } else {
        Outcome::Success
    }
}
