//! `collab convert --to oasis|rosie [--write]`: the plan in the other
//! framework. Without `--write` the converted plan goes to stdout; with it,
//! `plan.yaml` and `framework` in `collab.toml` are rewritten. The text
//! work is in [`crate::convert`]; this module loads, checks and writes.

use std::path::Path;

use super::{output_width, print_stdout, use_color, write_inside};
use crate::campaign::Campaign;
use crate::cli::{ConvertArgs, FrameworkArg, Global};
use crate::convert::{self, Conversion, ConvertError, label};
use crate::diagnostic::{Finding, Level, SourceFile};
use crate::load;
use crate::model::Framework;
use crate::output::{self, Report, Style};
use crate::{Error, Outcome};

pub fn run(cwd: &Path, global: &Global, args: ConvertArgs) -> Result<Outcome, Error> {
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
        [] => {
            return Err(Error::Usage(
                "no campaign could be read here; run `collab validate` to see why".into(),
            ));
        }
        many => {
            return Err(Error::Usage(format!(
                "{} campaigns were found below this folder; run `collab convert` inside \
                 the one to convert (or name it with -C DIR)",
                many.len()
            )));
        }
    };

    // Refuse to rewrite files that already have errors in them.
    let report = super::check_all(&ws, global);
    let style = Style {
        color: use_color(global) && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        width: output_width(),
        quiet: global.quiet,
        paths: output::Bases::here(cwd),
    };
    let Some((doc, _)) = campaign.plan() else {
        if report.errors() > 0 {
            eprint!("{}", output::render(&report, output::Format::Human, &style));
            eprintln!("error: the plan could not be read; fix the errors above first.");
            return Ok(Outcome::Failure);
        }
        return Err(Error::Failed(
            "this campaign has no plan (a document with `kind: plan`) to convert".into(),
        ));
    };
    let blocking = blocking_findings(&report, campaign, &doc.file);
    if !blocking.is_empty() {
        let shown = Report {
            findings: blocking,
            files: report.files,
            documents: report.documents,
            units: Vec::new(),
        };
        eprint!("{}", output::render(&shown, output::Format::Human, &style));
        eprintln!(
            "error: {} or {} has errors; fix them first. Nothing was converted.",
            doc.file.relative_to(cwd),
            campaign.config.file.relative_to(cwd)
        );
        return Ok(Outcome::Failure);
    }

    let text = doc.file.source.text();
    let converted = match convert::convert_document(text, doc.index, to) {
        Ok(Conversion::AlreadyThere) => {
            if !global.quiet {
                eprintln!(
                    "note: {} is already a {} plan; nothing to convert.",
                    doc.file.relative_to(cwd),
                    label(to)
                );
            }
            if !args.write {
                print_stdout(text)?;
            }
            return Ok(Outcome::Success);
        }
        Ok(Conversion::Converted(t)) => t,
        Err(e) => return Err(failed(cwd, &doc.file, &e)),
    };
    let from = match to {
        Framework::Oasis => Framework::Rosie,
        Framework::Rosie => Framework::Oasis,
    };
    if !global.quiet && !convert::in_framework_order(&doc.root, from) {
        let order = convert::section_order(from).join(", ");
        eprintln!(
            "note: the sections of {} are not in {} order ({order}); objectives and {} \
             traded places and the rest kept theirs, so converting back gives this file \
             again. Reorder them by hand if you want the usual order.",
            doc.file.relative_to(cwd),
            label(from),
            convert::section_order(from)
                .iter()
                .find(|k| **k == "audience" || **k == "research")
                .copied()
                .unwrap_or("audience"),
        );
    }

    if !args.write {
        print_stdout(&converted)?;
        return Ok(Outcome::Success);
    }

    write_plan_and_config(cwd, campaign, &doc.file, text, &converted, to)?;
    let config = &campaign.config;
    if !global.quiet {
        eprintln!(
            "converted {} to {} and set `framework = \"{}\"` in {}",
            doc.file.relative_to(cwd),
            label(to),
            to.as_str(),
            config.file.relative_to(cwd)
        );
    }
    Ok(Outcome::Success)
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
            return Err(e);
        }
        let text = format!("{bom}{text}");
        let restored = write_inside(&campaign.root, &plan.path, text.as_bytes()).is_ok();
        let what = if restored {
            "the plan was put back as it was"
        } else {
            "the plan could not be put back either: set `framework` by hand"
        };
        return Err(Error::Failed(format!("{e}; {what}")));
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
    match e.span {
        Some(span) => {
            let at = file.source.line_col(span.start);
            Error::Failed(format!(
                "{}:{}:{}: {}",
                file.relative_to(cwd),
                at.line,
                at.column,
                e.message
            ))
        }
        None => Error::Failed(format!("{}: {}", file.relative_to(cwd), e.message)),
    }
}
