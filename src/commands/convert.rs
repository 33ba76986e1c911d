//! `collab convert --to oasis|rosie [--write]`: the plan in the other
//! framework. Without `--write` the converted plan goes to stdout; with it,
//! `plan.yaml` and `framework` in `collab.toml` are rewritten. The text
//! work is in [`crate::convert`]; this module loads, checks and writes.

use std::path::Path;

use super::{print_stdout, write_inside};
use crate::campaign::{Campaign, Document};
use crate::cli::{ConvertArgs, FrameworkArg};
use crate::convert::{self, Conversion, ConvertError};
use crate::diagnostic::{Finding, Level, SourceFile};
use crate::load;
use crate::model::Framework;
use crate::model::plan::Section;
use crate::output::{self, Report};
use crate::{Error, Options, Outcome};

pub fn run(cwd: &Path, opts: &Options, args: ConvertArgs) -> Result<Outcome, Error> {
    let to = match args.to {
        FrameworkArg::Oasis => Framework::Oasis,
        FrameworkArg::Rosie => Framework::Rosie,
    };
    // Writing: hold the campaign's lock from reading to writing, as edits do.
    let _lock = match crate::discover::find_campaign_root(cwd) {
        Some(root) if args.write => Some(crate::lock::lock_campaign(&root)?),
        _ => None,
    };
    let ws = load::load(cwd, &[])?;
    let campaign = match ws.campaigns.as_slice() {
        [one] => one,
        [] => return Err(Error::NoReadableCampaign),
        many => return Err(Error::ManyCampaigns(many.len())),
    };
    let report = super::check_all(&ws, opts);
    let Some(doc) = plan_to_convert(cwd, opts, &report, campaign)? else {
        return Ok(Outcome::Failure);
    };
    let text = doc.file.source.text();
    let converted = match convert::convert_document(text, doc.index, to) {
        Ok(Conversion::AlreadyThere) => return already_there(cwd, opts, args.write, doc, to),
        Ok(Conversion::Converted(t)) => t,
        Err(e) => return Err(failed(cwd, &doc.file, &e)),
    };
    if !opts.quiet {
        note_order(cwd, doc, to);
    }
    if !args.write {
        print_stdout(&converted)?;
        return Ok(Outcome::Success);
    }
    write_plan_and_config(cwd, campaign, &doc.file, text, &converted, to)?;
    if !opts.quiet {
        eprintln!(
            "converted {} to {} and set `framework = \"{}\"` in {}",
            doc.file.relative_to(cwd),
            to.label(),
            to.as_str(),
            campaign.config.file.relative_to(cwd)
        );
    }
    Ok(Outcome::Success)
}

/// The plan to convert, or `None` (with the errors printed) when it, or
/// `collab.toml`, has errors: convert refuses to rewrite files that
/// already have errors in them.
fn plan_to_convert<'c>(
    cwd: &Path,
    opts: &Options,
    report: &Report,
    campaign: &'c Campaign,
) -> Result<Option<&'c Document>, Error> {
    let style = super::stderr_style(cwd, opts);
    let Some((doc, _)) = campaign.plan() else {
        if report.errors() > 0 {
            eprint!("{}", output::render(report, output::Format::Human, &style));
            eprintln!("error: the plan could not be read; fix the errors above first.");
            return Ok(None);
        }
        return Err(Error::NoPlan);
    };
    let blocking = blocking_findings(report, campaign, &doc.file);
    if blocking.is_empty() {
        return Ok(Some(doc));
    }
    let shown = Report {
        findings: blocking,
        files: report.files,
        documents: report.documents,
        ..Report::default()
    };
    eprint!("{}", output::render(&shown, output::Format::Human, &style));
    eprintln!(
        "error: {} or {} has errors; fix them first. Nothing was converted.",
        doc.file.relative_to(cwd),
        campaign.config.file.relative_to(cwd)
    );
    Ok(None)
}

/// The plan is in the framework asked for already: say so, and print it
/// unchanged unless writing.
fn already_there(
    cwd: &Path,
    opts: &Options,
    write: bool,
    doc: &Document,
    to: Framework,
) -> Result<Outcome, Error> {
    if !opts.quiet {
        eprintln!(
            "note: {} is already a {} plan; nothing to convert.",
            doc.file.relative_to(cwd),
            to.label()
        );
    }
    if !write {
        print_stdout(doc.file.source.text())?;
    }
    Ok(Outcome::Success)
}

/// A note when the plan's sections were not in the usual order of the
/// framework it is converted from.
fn note_order(cwd: &Path, doc: &Document, to: Framework) {
    let from = match to {
        Framework::Oasis => Framework::Rosie,
        Framework::Rosie => Framework::Oasis,
    };
    if convert::in_framework_order(&doc.root, from) {
        return;
    }
    let order = convert::section_order(from).join(", ");
    eprintln!(
        "note: the sections of {} are not in {} order ({order}); objectives and {} \
         traded places and the rest kept theirs, so converting back gives this file \
         again. Reorder them by hand if you want the usual order.",
        doc.file.relative_to(cwd),
        from.label(),
        Section::Audience.key(from),
    );
}

/// Write the converted plan and `collab.toml` with its new `framework`,
/// both or neither; each file keeps its byte-order mark.
fn write_plan_and_config(
    cwd: &Path,
    campaign: &Campaign,
    plan: &SourceFile,
    text: &str,
    converted: &str,
    to: Framework,
) -> Result<(), Error> {
    let config = &campaign.config;
    let new_config = convert::set_config_framework(config.file.source.text(), &config.root, to)
        .map_err(|e| failed(cwd, &config.file, &e))?;
    // Texts are read without a byte-order mark; a file that had one keeps it.
    let (bom, config_bom) = (load::bom_of(&plan.path), load::bom_of(&config.file.path));
    let converted = format!("{bom}{converted}");
    let new_config = format!("{config_bom}{new_config}");
    let both = [
        (&plan.path, converted.as_str()),
        (&config.file.path, new_config.as_str()),
    ];
    if let Err(e) = crate::write::write_files(&campaign.root, &both) {
        // Both files are checked before either is written, so this is
        // rare; if the plan was written, put it back so the two agree.
        let written = std::fs::read_to_string(&plan.path).is_ok_and(|t| t == converted);
        if !written {
            return Err(e.into());
        }
        let text = format!("{bom}{text}");
        let restored = write_inside(&campaign.root, &plan.path, text.as_bytes()).is_ok();
        return Err(Error::ConvertWrite { error: e, restored });
    }
    Ok(())
}

/// Errors in the two files convert rewrites: the plan's file and
/// `collab.toml`. Problems elsewhere in the campaign do not stop it.
fn blocking_findings(report: &Report, campaign: &Campaign, plan: &SourceFile) -> Vec<Finding> {
    report
        .findings
        .iter()
        .filter(|f| {
            f.level == Level::Error
                && (f.file.path == plan.path || f.file.path == campaign.config.file.path)
        })
        .cloned()
        .collect()
}

/// A conversion error as a command failure, with the place it points at.
fn failed(cwd: &Path, file: &SourceFile, e: &ConvertError) -> Error {
    let at = match e.span {
        Some(span) => {
            let at = file.source.line_col(span.start);
            format!("{}:{}:{}", file.relative_to(cwd), at.line, at.column)
        }
        None => file.relative_to(cwd),
    };
    Error::Convert {
        at,
        message: e.message.clone(),
    }
}
