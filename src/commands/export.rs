//! `collab export`: one of the campaign's lists as a spreadsheet. The
//! format comes from `--format`, else from `--out`'s extension, else csv;
//! without `--out` the sheet goes to stdout (never xlsx to a terminal).

use std::io::IsTerminal;
use std::path::Path;

use super::{bound, write_inside};
use crate::cli::{ExportArgs, ExportWhat, SheetFormatArg};
use crate::load;
use crate::sheets::tables::{self, What};
use crate::sheets::{SheetFormat, out};
use crate::{Error, Options, Outcome};

fn what(w: ExportWhat) -> What {
    match w {
        ExportWhat::Actions => What::Actions,
        ExportWhat::Metrics => What::Metrics,
        ExportWhat::Partners => What::Partners,
        ExportWhat::Timeline => What::Timeline,
    }
}

fn format_of(args: &ExportArgs) -> SheetFormat {
    match args.format {
        Some(SheetFormatArg::Xlsx) => SheetFormat::Xlsx,
        Some(SheetFormatArg::Csv) => SheetFormat::Csv,
        None => args
            .out
            .as_deref()
            .and_then(SheetFormat::from_path)
            .unwrap_or(SheetFormat::Csv),
    }
}

pub fn run(cwd: &Path, opts: &Options, args: ExportArgs) -> Result<Outcome, Error> {
    let root = crate::discover::find_campaign_root(cwd).ok_or_else(|| Error::NoCampaignHere {
        dir: cwd.to_path_buf(),
    })?;
    let ws = load::load_campaign(cwd, &root)?;
    let campaign = ws
        .campaigns
        .iter()
        .find(|c| c.root == root)
        .ok_or(Error::SettingsUnreadable { why: None })?;
    let format = format_of(&args);
    if format == SheetFormat::Xlsx && args.out.is_none() && std::io::stdout().is_terminal() {
        return Err(Error::Sheet(
            "an xlsx workbook is not for a terminal: give --out FILE.xlsx, or --format csv".into(),
        ));
    }
    let table = tables::table(campaign, what(args.what));
    let bytes = match format {
        SheetFormat::Csv => out::csv(&table),
        SheetFormat::Xlsx => out::xlsx(&table, opts.campaign_today(campaign)),
    }
    .map_err(|why| Error::Sheet(format!("could not write the sheet: {why}")))?;
    match args.out {
        Some(path) => {
            let path = cwd.join(path);
            let bounds = bound(cwd, &path, path.parent().unwrap_or(cwd));
            write_inside(&bounds, &path, &bytes)?;
            if !opts.quiet {
                eprintln!(
                    "wrote {} row(s) to {}",
                    table.rows.len(),
                    crate::discover::display_path(&path, cwd)
                );
            }
        }
        None => write_stdout(&bytes)?,
    }
    Ok(Outcome::Success)
}

fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let mut o = std::io::stdout().lock();
    match o.write_all(bytes).and_then(|()| o.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(e)),
        _ => Ok(()),
    }
}
