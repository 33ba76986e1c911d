//! `collab validate`: load every document, run every check, print the
//! findings and exit 1 if any is an error.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use super::{bound, output_width, print_stdout, write_inside};
use crate::cli::{FailOn, OutputFormat, ValidateArgs};
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostic::{Applicability, Level, SourceFile, sort_findings};
use crate::fix::{self, Applied};
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
    let check = || -> Result<(Report, usize), Error> {
        Ok(match workspace_roots(cwd, &paths) {
            Some(roots) if roots.len() > 1 => (check_each(cwd, &roots, &filter)?, roots.len()),
            _ => {
                let mut ws = load::load_inputs(cwd, &paths, &inputs)?;
                if args.whole_campaigns {
                    ws.only = None;
                }
                (check_workspace(&ws, &filter), ws.campaigns.len())
            }
        })
    };
    let (mut report, campaigns) = check()?;
    if args.fix || args.diff {
        let want = if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        if args.diff {
            return show_diff(cwd, &report, want);
        }
        report = apply_fixes(report, want, &|| check().map(|(r, _)| r))?;
    }
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
    if !args.fix && matches!(format, Format::Human | Format::Concise) && !opts.quiet {
        fixable_hint(&report, args.unsafe_fixes);
    }
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

/// Say how many findings `--fix` would put right (on stderr, with the
/// summary), as ruff does.
fn fixable_hint(report: &Report, unsafe_fixes: bool) {
    let count = |want| {
        let findings = report.findings.iter();
        findings
            .filter(|f| f.fix.as_ref().is_some_and(|x| fix::wanted(x, want)))
            .count()
    };
    let safe = count(Applicability::Safe);
    let more = count(Applicability::Unsafe) - safe;
    if unsafe_fixes && safe + more > 0 {
        eprintln!(
            "{} fixable with `collab validate --fix --unsafe-fixes`",
            safe + more
        );
    } else if safe > 0 && more > 0 {
        eprintln!(
            "{safe} fixable with `collab validate --fix` ({more} more with `--unsafe-fixes`)"
        );
    } else if safe > 0 {
        eprintln!("{safe} fixable with `collab validate --fix`");
    } else if more > 0 {
        eprintln!("{more} fixable with `collab validate --fix --unsafe-fixes`");
    }
}

/// How many rounds `--fix` goes: a fix held back because its edits clash
/// with another's is tried again on the re-checked files (as ruff does).
const FIX_ROUNDS: usize = 4;

/// Each file that has fixes at `want`, and its text with them applied.
fn plan(report: &Report, want: Applicability) -> Vec<(Arc<SourceFile>, Applied)> {
    let mut by_file: BTreeMap<&Path, (Arc<SourceFile>, Vec<&crate::diagnostic::Fix>)> =
        BTreeMap::new();
    for f in &report.findings {
        if let Some(x) = f.fix.as_ref().filter(|x| fix::wanted(x, want)) {
            by_file
                .entry(f.file.path.as_path())
                .or_insert_with(|| (Arc::clone(&f.file), Vec::new()))
                .1
                .push(x);
        }
    }
    by_file
        .into_values()
        .map(|(file, fixes)| {
            let applied = fix::apply(file.source.text(), &fixes);
            (file, applied)
        })
        .filter(|(_, a)| a.fixed > 0)
        .collect()
}

/// `--diff`: print what the fixes would change, and write nothing. Fails
/// (exit 1) when there is something to change, as `ruff --diff` does.
fn show_diff(cwd: &Path, report: &Report, want: Applicability) -> Result<Outcome, Error> {
    let planned = plan(report, want);
    let mut out = String::new();
    for (file, applied) in &planned {
        out.push_str(&fix::unified_diff(
            &file.relative_to(cwd),
            file.source.text(),
            &applied.text,
        ));
    }
    print_stdout(&out)?;
    let n: usize = planned.iter().map(|(_, a)| a.fixed).sum();
    eprintln!("{n} fix(es) would be applied; no file was changed");
    Ok(if n == 0 {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}

/// `--fix`: apply the fixes round by round, writing each round's files
/// under their campaigns' locks (held to the end) and checking again. If
/// the rounds end with more errors than there were at first, every file
/// gets its first bytes back. Returns the report of what remains.
fn apply_fixes(
    report: Report,
    want: Applicability,
    check: &dyn Fn() -> Result<Report, Error>,
) -> Result<Report, Error> {
    let errors_before = report.errors();
    let mut report = report;
    let mut fixed = 0;
    let mut locks = BTreeMap::new();
    let mut originals: Vec<Original> = Vec::new();
    for _ in 0..FIX_ROUNDS {
        let planned = plan(&report, want);
        if planned.is_empty() {
            break;
        }
        for (file, _) in &planned {
            // A file outside any campaign has no campaign to lock.
            let has_config = file.root.join(crate::model::config::CONFIG_FILE).is_file();
            if has_config && !locks.contains_key(&file.root) {
                locks.insert(file.root.clone(), crate::lock::lock_campaign(&file.root)?);
            }
        }
        let Some(before) = write_planned(&planned)? else {
            break;
        };
        for o in before {
            if !originals.iter().any(|k| k.path == o.path) {
                originals.push(o);
            }
        }
        fixed += planned.iter().map(|(_, a)| a.fixed).sum::<usize>();
        report = check()?;
    }
    if report.errors() > errors_before {
        write_back(&originals)?;
        eprintln!("warning: undid the fixes: they would have added errors");
        report = check()?;
        fixed = 0;
    }
    drop(locks);
    eprintln!("{fixed} fixed, {} remaining", report.findings.len());
    Ok(report)
}

/// A file's bytes before `--fix`, to put back if the fixes are undone.
struct Original {
    root: std::path::PathBuf,
    path: std::path::PathBuf,
    bytes: Vec<u8>,
}

/// Write the planned texts, each file only if it still holds the text that
/// was checked (else another program changed it: none is written, `None`).
fn write_planned(planned: &[(Arc<SourceFile>, Applied)]) -> Result<Option<Vec<Original>>, Error> {
    let mut originals = Vec::new();
    let mut new_bytes = Vec::new();
    for (file, applied) in planned {
        let bytes = std::fs::read(&file.path).unwrap_or_default();
        let bom = load::bom_of(&file.path);
        if bytes.get(bom.len()..) != Some(file.source.text().as_bytes()) {
            eprintln!(
                "warning: {} changed while collab checked it; no fix was written",
                file.path.display()
            );
            return Ok(None);
        }
        new_bytes.push(format!("{bom}{}", applied.text).into_bytes());
        originals.push(Original {
            root: file.root.clone(),
            path: file.path.clone(),
            bytes,
        });
    }
    let batch: Vec<(&Path, &Path, &[u8])> = originals
        .iter()
        .zip(&new_bytes)
        .map(|(o, b)| (o.root.as_path(), o.path.as_path(), b.as_slice()))
        .collect();
    crate::write::write_batch(&batch)?;
    Ok(Some(originals))
}

fn write_back(originals: &[Original]) -> Result<(), Error> {
    let batch: Vec<(&Path, &Path, &[u8])> = originals
        .iter()
        .map(|o| (o.root.as_path(), o.path.as_path(), o.bytes.as_slice()))
        .collect();
    Ok(crate::write::write_batch(&batch)?)
}
