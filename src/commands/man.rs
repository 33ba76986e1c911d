//! `collab man`: manual pages in roff, generated with clap_mangen from the
//! same clap definitions the binary parses with. `collab.1` covers the
//! whole tool; every subcommand, nested ones included, has its own page
//! (`collab-validate.1`, `collab-new-meeting.1`), so every page named in a
//! SUBCOMMANDS or SEE ALSO list exists.

use std::path::{Path, PathBuf};

use clap::CommandFactory;

use super::{bound, print_stdout};
use crate::cli::{Cli, ManArgs};
use crate::{Error, Options, Outcome};

/// One manual page: its file name (`collab-validate.1`) and roff text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub file_name: String,
    pub text: String,
}

/// `collab man`: print `collab.1`, or with `--out DIR` write every page
/// into DIR, all or none.
pub fn run(cwd: &Path, opts: &Options, args: ManArgs) -> Result<Outcome, Error> {
    let date = opts.today_in(None).to_string();
    let pages = pages(&date)?;
    let Some(dir) = &args.out else {
        let top = pages.iter().find(|p| p.file_name == "collab.1");
        print_stdout(top.map_or("", |p| p.text.as_str()))?;
        return Ok(Outcome::Success);
    };
    let dir = cwd.join(dir);
    let files: Vec<(PathBuf, &str)> = pages
        .iter()
        .map(|p| (dir.join(&p.file_name), p.text.as_str()))
        .collect();
    crate::write::write_files(&bound(cwd, &dir, &dir), &files)?;
    if !opts.quiet {
        eprintln!("wrote {} manual pages to {}", files.len(), dir.display());
    }
    Ok(Outcome::Success)
}

/// Every manual page, the top one first, then each subcommand's in the
/// order `collab --help` lists them (a nested command after its parent).
/// `date` goes in each page's title line.
pub fn pages(date: &str) -> Result<Vec<Page>, Error> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let mut out = Vec::new();
    collect(&root, None, date, &mut out)?;
    Ok(out)
}

fn collect(
    cmd: &clap::Command,
    parent: Option<&str>,
    date: &str,
    out: &mut Vec<Page>,
) -> Result<(), Error> {
    let name = page_name(cmd);
    out.push(Page {
        file_name: format!("{name}.1"),
        text: page(cmd, parent, date)?,
    });
    for sub in visible_subcommands(cmd) {
        collect(sub, Some(&name), date, out)?;
    }
    Ok(())
}

fn visible_subcommands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set())
}

/// `collab`, `collab-validate`, `collab-new-meeting`: the name clap gives a
/// built command, which is also the one clap_mangen's SUBCOMMANDS list uses.
fn page_name(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_string()
}

fn page(cmd: &clap::Command, parent: Option<&str>, date: &str) -> Result<String, Error> {
    let man = clap_mangen::Man::new(cmd.clone())
        .date(date)
        .source(concat!("collab ", env!("CARGO_PKG_VERSION")))
        .manual("collab manual");
    let buf = clap_sections(&man, cmd).map_err(Error::ManPage)?;
    let mut text = tidy(&String::from_utf8_lossy(&buf));
    text.push_str(&exit_status(cmd.get_name()));
    text.push_str(ENVIRONMENT);
    text.push_str(FILES);
    text.push_str(&see_also(parent));
    Ok(text)
}

/// The sections clap_mangen writes from the clap definitions.
fn clap_sections(man: &clap_mangen::Man, cmd: &clap::Command) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut buf)?;
    }
    if visible_subcommands(cmd).next().is_some() {
        man.render_subcommands_section(&mut buf)?;
    }
    Ok(buf)
}

/// clap_mangen separates an option's help from its list of possible values
/// with `.br`, an empty line and `.br`; an empty line is a paragraph break
/// in roff, so mandoc warns that the breaks around it do nothing. One `.sp`
/// says the same. Spaces at the ends of lines go too (but not an escaped
/// `\ `).
fn tidy(roff: &str) -> String {
    let joined = roff.replace("\n.br\n\n.br\n", "\n.sp\n");
    let mut out = String::with_capacity(joined.len());
    for line in joined.lines() {
        let trimmed = line.trim_end_matches(' ');
        let keep = if trimmed.ends_with('\\') {
            line
        } else {
            trimmed
        };
        out.push_str(keep);
        out.push('\n');
    }
    out
}

fn exit_status(command: &str) -> String {
    let (zero, one) = if command == "validate" {
        (
            "No errors were found (and no warnings, with\n\
             \\fB\\-\\-fail\\-on warning\\fR or \\fB\\-\\-deny warnings\\fR),\n\
             or \\fB\\-\\-exit\\-zero\\fR was given.",
            "Errors were found (or warnings, with\n\
             \\fB\\-\\-fail\\-on warning\\fR or \\fB\\-\\-deny warnings\\fR).",
        )
    } else {
        (
            "The command did what was asked.",
            "The command could not finish its work: the campaign has errors it\n\
             will not act on, an edit would have made the campaign invalid, or a\n\
             file could not be read, written or locked.",
        )
    };
    format!(
        ".SH \"EXIT STATUS\"\n.TP\n0\n{zero}\n.TP\n1\n{one}\n.TP\n2\n\
         What was asked for, or the settings, must change: an unknown option\n\
         or value, no campaign where one is needed, a name that matches\n\
         nothing, or a \\fIcollab.toml\\fR that cannot be read.\n"
    )
}

const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
.B COLLAB_TODAY
The date to treat as today, as \fB\-\-today\fR gives it.
.TP
.B COLLAB_COLOR
When to use colour, as \fB\-\-color\fR gives it.
.TP
.B COLLAB_FORMAT
The output format of \fBcollab validate\fR, as its \fB\-\-format\fR
gives it.
.TP
.B NO_COLOR
Set and not empty: no colour (unless \fB\-\-color always\fR).
.TP
.BR FORCE_COLOR ", " CLICOLOR_FORCE
Set to anything but 0: colour even when the output is not a terminal
(unless \fB\-\-color never\fR).
.TP
.B TERM
\fBdumb\fR turns colour off.
.TP
.B COLUMNS
The width of tables and text on a terminal.
.TP
.B GITHUB_ACTIONS
\fBtrue\fR makes \fBgithub\fR the default output format of
\fBcollab validate\fR.
.TP
.B GITHUB_WORKSPACE
The repository root that paths in github, sarif and junit output are
relative to, when no \fI.git\fR folder is found above the campaign.
.TP
.B COMPLETE
Set to a shell name, collab prints that shell's completion script or its
completions instead of running a command (see \fBcollab\-completions\fR(1)).
"#;

const FILES: &str = r#".SH FILES
.TP
.I collab.toml
Marks a campaign folder and holds its settings: the campaign's name, id
and framework, render options, file exclusions and rule levels
(\fB[lint]\fR). collab looks for it in the working folder and the
folders above.
.TP
.IR plan.yaml ", " partners.yaml ", " evaluation.yaml ", " meetings/*.yaml
The campaign's documents.
.TP
.I .collab/schema/
The JSON Schemas editors check the documents with, written by
\fBcollab init\fR and \fBcollab schema \-\-out\fR.
.TP
.I .collab/index.bin
The workspace index written by \fBcollab index\fR and read by \fBwho\fR
and \fBoverlaps\fR with \fB\-\-index\fR.
.TP
.I dist/
Where \fBcollab render\fR writes the packs, unless
\fB[render] out_dir\fR says otherwise.
"#;

/// The top page and the parent's page, for a subcommand's page. The top
/// page's own SUBCOMMANDS list names every page below it.
fn see_also(parent: Option<&str>) -> String {
    let Some(parent) = parent else {
        return String::new();
    };
    let mut refs = vec!["collab".to_string()];
    if parent != "collab" {
        refs.push(parent.to_string());
    }
    let list: Vec<String> = refs
        .iter()
        .map(|r| format!("\\fB{}\\fR(1)", r.replace('-', "\\-")))
        .collect();
    format!(".SH \"SEE ALSO\"\n{}\n", list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_joins_the_breaks_around_an_empty_line() {
        assert_eq!(tidy("help\n.br\n\n.br\nvalues"), "help\n.sp\nvalues\n");
        assert_eq!(tidy("a. \nb\\ \n"), "a.\nb\\ \n");
    }
}
