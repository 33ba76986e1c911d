//! `collab validate`: load every document, run every check, print the
//! findings and exit 1 if any is an error.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use super::{bound, output_width, print_stdout, write_inside};
use crate::cli::{FailOn, OutputFormat, ValidateArgs};
use crate::diagnostic::{Level, sort_findings};
use crate::load;
use crate::output::{self, Format, Report, Style};
use crate::rule::Rule;
use crate::workspace_check::{Filter, check_workspace, outcome};
use crate::{Error, Lookup, Options, Outcome};

pub fn run(cwd: &Path, opts: &Options, args: ValidateArgs) -> Result<Outcome, Error> {
    let mut only_rules = Vec::new();
    for id in &args.rules {
        match id.parse::<Rule>() {
            Ok(rule) => only_rules.push(rule),
            Err(_) => {
                let ids = Rule::ALL.iter().map(|r| r.id());
                return Err(Error::not_found(Lookup::Rule, id, ids));
            }
        }
    }
    let started = Instant::now();
    let filter = Filter {
        today: opts.today,
        deny_warnings: args.deny.is_some(),
        only_rules,
    };
    let (paths, inputs) = inputs(cwd, &args)?;
    let (report, campaigns) = match workspace_roots(cwd, &paths) {
        Some(roots) if roots.len() > 1 => (check_each(cwd, &roots, &filter)?, roots.len()),
        _ => {
            let mut ws = load::load_inputs(cwd, &paths, &inputs)?;
            if args.whole_campaigns {
                ws.only = None;
            }
            (check_workspace(&ws, &filter), ws.campaigns.len())
        }
    };
    if opts.verbose {
        eprintln!(
            "checked {} campaign(s), {} file(s), {} document(s) in {} ms",
            campaigns,
            report.files,
            report.documents,
            started.elapsed().as_millis()
        );
    }
    let format = format_of(args.format.unwrap_or_else(default_format));
    print_report(cwd, opts, &report, format, args.output_file.as_deref())?;
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

fn format_of(format: OutputFormat) -> Format {
    match format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Concise => Format::Concise,
        OutputFormat::Json => Format::Json,
        OutputFormat::Github => Format::Github,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Junit => Format::Junit,
        OutputFormat::Codeclimate => Format::Codeclimate,
    }
}

/// Print the report to stdout, or write it to `output_file` (through the
/// one safe writer, with no colour). `concise` keeps its stdout to one
/// line per finding: its summary line goes to stderr.
fn print_report(
    cwd: &Path,
    opts: &Options,
    report: &Report,
    format: Format,
    output_file: Option<&Path>,
) -> Result<(), Error> {
    let style = Style {
        color: opts.use_color() && output_file.is_none(),
        width: output_width(),
        quiet: opts.quiet,
        hints: !opts.quiet,
        paths: output::Bases::find(format, cwd, report),
    };
    let text = output::render(report, format, &style);
    match output_file {
        Some(path) => {
            let path = cwd.join(path);
            let root = bound(cwd, &path, path.parent().unwrap_or(cwd));
            write_inside(&root, &path, text.as_bytes())?;
        }
        None => print_stdout(&text)?,
    }
    if format == Format::Concise && !opts.quiet {
        eprintln!("{}", report.summary_line());
    }
    Ok(())
}

/// The paths to load and how to read them: `-` becomes the
/// `--stdin-filename` path, whose text is read from stdin (at most one byte
/// over the size limit, so the loader can refuse it at bounded cost).
fn inputs(cwd: &Path, args: &ValidateArgs) -> Result<(Vec<PathBuf>, load::Inputs), Error> {
    let dash = Path::new("-");
    let wants_stdin = args.paths.iter().any(|p| p == dash);
    let mut inputs = load::Inputs {
        force_exclude: args.force_exclude,
        ..load::Inputs::default()
    };
    let name = match (&args.stdin_filename, wants_stdin) {
        (None, false) => return Ok((args.paths.clone(), inputs)),
        (Some(_), false) => return Err(load::LoadError::StdinNotAsked.into()),
        (None, true) => return Err(load::LoadError::StdinUnnamed.into()),
        (Some(name), true) => name,
    };
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::io::stdin().lock(), load::MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(|e| Error::from(load::LoadError::Stdin(e)))?;
    inputs.stdin = Some((crate::discover::normalize(&cwd.join(name)), bytes));
    let mut paths: Vec<PathBuf> = args.paths.iter().filter(|p| *p != dash).cloned().collect();
    paths.push(name.clone());
    Ok((paths, inputs))
}

/// Many campaigns: load and check them one at a time, keeping only the
/// findings, so memory stays flat however big the workspace.
fn check_each(cwd: &Path, roots: &[PathBuf], filter: &Filter) -> Result<Report, Error> {
    let parts: Vec<Result<Report, load::LoadError>> = roots
        .par_iter()
        .map(|root| {
            let ws = load::load(cwd, std::slice::from_ref(root))?;
            Ok(check_workspace(&ws, filter))
        })
        .collect();
    let mut report = Report::default();
    for part in parts {
        let part = part?;
        report.findings.extend(part.findings);
        report.files += part.files;
        report.documents += part.documents;
        report.units.extend(part.units);
        report.settings_unreadable |= part.settings_unreadable;
    }
    sort_findings(&mut report.findings);
    report.units.sort();
    Ok(report)
}

/// The campaign folders of a plain workspace run (no files named, no
/// campaign around `cwd`), or `None` when the run needs the general loader.
fn workspace_roots(cwd: &Path, paths: &[PathBuf]) -> Option<Vec<PathBuf>> {
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
