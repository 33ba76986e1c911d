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
use crate::rule::Rule;
use crate::rules;
use crate::{Error, Outcome};

/// Options that shape which findings are reported and at what level.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// `--today`; the real date in each campaign's timezone when absent.
    pub today: Option<crate::model::Date>,
    pub deny_warnings: bool,
    pub only_rules: Vec<Rule>,
}

pub fn run(cwd: &Path, global: &Global, args: ValidateArgs) -> Result<Outcome, Error> {
    let mut only_rules = Vec::new();
    for id in &args.rules {
        match id.parse::<Rule>() {
            Ok(rule) => only_rules.push(rule),
            Err(unknown) => {
                let hint = Rule::closest(id)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(Error::Usage(format!("{unknown}{hint}")));
            }
        }
    }
    let started = Instant::now();
    let filter = Filter {
        today: global.today,
        deny_warnings: args.deny.is_some(),
        only_rules,
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
        repo_prefix: repo_prefix(cwd),
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

/// The path from the repository root to `cwd`, with a trailing `/`, so
/// annotations and SARIF name files the way the repository does.
pub fn repo_prefix(cwd: &Path) -> String {
    let root = cwd
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
        .or_else(|| {
            std::env::var_os("GITHUB_WORKSPACE")
                .map(std::path::PathBuf::from)
                .filter(|w| cwd.starts_with(w))
        });
    match root {
        Some(root) => match crate::discover::display_path(cwd, &root).as_str() {
            "." => String::new(),
            rel if rel.starts_with("..") => String::new(),
            rel => format!("{rel}/"),
        },
        None => String::new(),
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
    }
}

/// Exit status for a report: 2 when a collab.toml could not be read, 1 for
/// any finding at `fail_on` level or worse, else 0.
pub fn outcome(report: &Report, fail_on: Level) -> Outcome {
    if report.findings.iter().any(|f| f.rule == Rule::TomlSyntax) {
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
        file: d.file.display.clone(),
        start: d.root.span.start,
        end: d.root.span.end,
        name: if many {
            format!("{} (document {})", d.file.display, d.index + 1)
        } else {
            d.file.display.clone()
        },
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
            file: c.config.file.display.clone(),
            start: 0,
            end: c.config.file.source.text().len(),
            name: c.config.file.display.clone(),
            kind: "settings".into(),
        });
    }
    out.sort();
    out
}
