//! `collab import actuals|actions FILE`: read a sheet, plan every edit it
//! asks for (see [`crate::sheets::import`]), refuse the whole file if any
//! row cannot be placed, print the plan, and (unless `--dry-run`) make the
//! edits byte-preservingly under the campaign lock. The files are put back
//! as they were if the campaign gains errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::new::{campaign_here, error_count, print_errors};
use crate::cli::{ImportArgs, ImportWhat};
use crate::edit;
use crate::sheets::import::{self, Edit, Op, Plan, Step};
use crate::sheets::{SheetFormat, read};
use crate::source::SourceText;
use crate::yaml::Seg;
use crate::{Error, Options, Outcome, load};

fn sheet_rows(cwd: &Path, file: &Path) -> Result<Vec<Vec<crate::sheets::Cell>>, Error> {
    let path = cwd.join(file);
    let bytes = std::fs::read(&path).map_err(|e| {
        Error::Sheet(format!(
            "could not read {}: {e}",
            crate::discover::display_path(&path, cwd)
        ))
    })?;
    let format = SheetFormat::from_path(&path).unwrap_or(if bytes.starts_with(b"PK") {
        SheetFormat::Xlsx
    } else {
        SheetFormat::Csv
    });
    read::rows(&bytes, format).map_err(|why| {
        Error::Sheet(format!(
            "{}: {why}",
            crate::discover::display_path(&path, cwd)
        ))
    })
}

pub fn run(cwd: &Path, opts: &Options, args: ImportArgs) -> Result<Outcome, Error> {
    let (_lock, ws, index) = campaign_here(cwd)?;
    let campaign = &ws.campaigns[index];
    let rows = sheet_rows(cwd, &args.file)?;
    let plan = match args.what {
        ImportWhat::Actuals => import::actuals(campaign, &rows),
        ImportWhat::Actions => import::actions(campaign, &rows),
    };
    if !plan.refused.is_empty() {
        for why in &plan.refused {
            eprintln!("error: {why}");
        }
        eprintln!(
            "error: {} row(s) could not be placed, so nothing was written",
            plan.refused.len()
        );
        return Ok(Outcome::Failure);
    }
    print_plan(cwd, &plan, opts)?;
    if args.dry_run || plan.edits.is_empty() {
        return Ok(Outcome::Success);
    }
    let originals: BTreeMap<PathBuf, String> = campaign
        .documents
        .iter()
        .map(|d| (d.file.path.clone(), d.file.source.text().to_string()))
        .collect();
    let changed = apply(cwd, &originals, &plan.edits)?;
    write_checked(cwd, opts, &campaign.root, &originals, &changed)
}

fn print_plan(cwd: &Path, plan: &Plan, opts: &Options) -> Result<(), Error> {
    let mut text = String::new();
    for e in &plan.edits {
        let file = crate::discover::display_path(&e.file, cwd);
        text.push_str(&format!("{file}: {}\n", e.says));
    }
    if text.is_empty() {
        text.push_str("nothing to add or change\n");
    }
    super::print_terminal(&text)?;
    if !opts.quiet && !plan.unchanged.is_empty() {
        let rows: Vec<String> = plan.unchanged.iter().map(|n| n.to_string()).collect();
        eprintln!(
            "note: {} row(s) already recorded or asking for no change, left out (row {})",
            rows.len(),
            rows.join(", ")
        );
    }
    Ok(())
}

fn segs(path: &[Step]) -> Vec<Seg<'_>> {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => Seg::Key(k),
            Step::Index(i) => Seg::Index(*i),
        })
        .collect()
}

/// Make the edits one after another, reading each file again after each so
/// every edit sees the ones before it. Returns the new text of each file.
fn apply(
    cwd: &Path,
    originals: &BTreeMap<PathBuf, String>,
    edits: &[Edit],
) -> Result<BTreeMap<PathBuf, String>, Error> {
    let mut texts: BTreeMap<PathBuf, String> = BTreeMap::new();
    for e in edits {
        let file = crate::discover::display_path(&e.file, cwd);
        let text = texts
            .get(&e.file)
            .or_else(|| originals.get(&e.file))
            .cloned()
            .ok_or_else(|| Error::Sheet(format!("{file} is not part of the campaign")))?;
        let parsed = crate::yaml::parse(&SourceText::new(text.clone()));
        let root = parsed
            .docs
            .get(e.doc)
            .map(|d| &d.root)
            .ok_or_else(|| Error::Sheet(format!("{file} could not be read back")))?;
        let path = segs(&e.path);
        let splice = match &e.op {
            Op::Append(item) => edit::append_item(&text, root, &path, item),
            Op::Set(value) => edit::set_value(&text, root, &path, value),
        }
        .map_err(|error| Error::Edit { file, error })?;
        texts.insert(e.file.clone(), splice.apply(&text));
    }
    Ok(texts)
}

/// Write every changed file at once, check the campaign, and put them all
/// back if it gained errors.
fn write_checked(
    cwd: &Path,
    opts: &Options,
    root: &Path,
    originals: &BTreeMap<PathBuf, String>,
    changed: &BTreeMap<PathBuf, String>,
) -> Result<Outcome, Error> {
    let before = error_count(cwd, opts);
    let with_bom =
        |path: &PathBuf, text: &str| (path.clone(), format!("{}{text}", load::bom_of(path)));
    let new: Vec<(PathBuf, String)> = changed.iter().map(|(p, t)| with_bom(p, t)).collect();
    let old: Vec<(PathBuf, String)> = changed
        .keys()
        .filter_map(|p| originals.get(p).map(|t| with_bom(p, t)))
        .collect();
    crate::write::write_files(root, &new)?;
    let ws = load::load(cwd, &[])?;
    let report = super::check_all(&ws, opts);
    if report.errors() > before {
        crate::write::write_files(root, &old)?;
        print_errors(cwd, opts, report);
        eprintln!(
            "error: that import would leave the campaign with errors, so nothing was changed"
        );
        return Ok(Outcome::Failure);
    }
    if !opts.quiet {
        eprintln!("imported: {} file(s) changed", changed.len());
    }
    Ok(Outcome::Success)
}
