//! `collab rename KIND OLD NEW`: rename an id and every reference to it
//! (see [`crate::rename`]), under the campaign's lock, all files or none.
//! The renamed campaign is checked in memory first; a rename that would
//! add errors writes nothing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::new::campaign_here;
use crate::campaign::Campaign;
use crate::cli::RenameArgs;
use crate::diagnostic::{Level, SourceFile};
use crate::load;
use crate::output::{self, Report};
use crate::rename::{self, FileEdit, IdKind};
use crate::{Error, Options, Outcome};

pub fn run(cwd: &Path, opts: &Options, args: RenameArgs) -> Result<Outcome, Error> {
    let (_lock, ws, index) = campaign_here(cwd)?;
    let campaign = &ws.campaigns[index];
    let kind = IdKind::from(args.kind);
    let edits = rename::rename(campaign, kind, &args.old, &args.new)?;
    let changed: Vec<(&FileEdit, String)> = edits.iter().map(|e| (e, e.apply())).collect();
    if args.dry_run {
        super::print_terminal(&diff(cwd, &changed))?;
        if !opts.quiet {
            eprintln!("dry run: nothing was written");
        }
        return Ok(Outcome::Success);
    }
    let before = check_texts(campaign, opts, &[]).errors();
    let after = check_texts(campaign, opts, &changed);
    if after.errors() > before {
        refuse(cwd, opts, after);
        return Ok(Outcome::Failure);
    }
    let files: Vec<(PathBuf, Vec<u8>)> = changed
        .iter()
        .map(|(e, text)| {
            let bom = load::bom_of(&e.file.path);
            (e.file.path.clone(), format!("{bom}{text}").into_bytes())
        })
        .collect();
    crate::write::write_files(&campaign.root, &files)?;
    if opts.quiet {
        return Ok(Outcome::Success);
    }
    super::print_terminal(&summary(cwd, kind, &args, &edits))?;
    Ok(Outcome::Success)
}

/// "renamed partner `a` to `b`: 5 changes in 3 files", then each file.
fn summary(cwd: &Path, kind: IdKind, args: &RenameArgs, edits: &[FileEdit]) -> String {
    let count: usize = edits.iter().map(|e| e.splices.len()).sum();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let mut out = format!(
        "renamed {} `{}` to `{}`: {} in {}\n",
        kind.noun(),
        args.old,
        args.new,
        plural(count, "change"),
        plural(edits.len(), "file")
    );
    for e in edits {
        out.push_str(&format!(
            "  {} ({})\n",
            e.file.relative_to(cwd),
            e.splices.len()
        ));
    }
    out
}

/// A unified diff of every changed file.
fn diff(cwd: &Path, changed: &[(&FileEdit, String)]) -> String {
    let mut out = String::new();
    for (e, new) in changed {
        let name = e.file.relative_to(cwd);
        let text = similar::TextDiff::from_lines(e.file.source.text(), new.as_str())
            .unified_diff()
            .context_radius(1)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string();
        out.push_str(&text);
    }
    out
}

/// The findings of the campaign with `changed` in place of those files'
/// texts, checked in memory.
fn check_texts(campaign: &Campaign, opts: &Options, changed: &[(&FileEdit, String)]) -> Report {
    fn text_of<'a>(changed: &'a [(&FileEdit, String)], file: &'a Arc<SourceFile>) -> &'a str {
        changed
            .iter()
            .find(|(e, _)| Arc::ptr_eq(&e.file, file))
            .map_or(file.source.text(), |(_, t)| t.as_str())
    }
    let config = text_of(changed, &campaign.config.file);
    let mut files: Vec<(&str, &str)> = Vec::new();
    for d in &campaign.documents {
        if !files.iter().any(|(rel, _)| *rel == d.file.rel) {
            files.push((&d.file.rel, text_of(changed, &d.file)));
        }
    }
    let ws = load::campaign_from_texts(&campaign.root, config, &files);
    super::check_all(&ws, opts)
}

/// Show the errors the rename would leave, and say nothing was written.
fn refuse(cwd: &Path, opts: &Options, mut report: Report) {
    report.findings.retain(|f| f.level == Level::Error);
    let mut style = super::stderr_style(cwd, opts);
    style.quiet = true;
    eprint!("{}", output::render(&report, output::Format::Human, &style));
    eprintln!("error: that rename would leave the campaign with errors, so nothing was written");
}
