//! How a command ends: [`Outcome`] when it ran to completion, [`Error`]
//! when it could not. Each has `code()`, the one place exit codes are
//! decided, and every error's message is written once, in its `Display`.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::edit::EditError;
use crate::load::LoadError;
use crate::lock::LockError;
use crate::model::Kind;
use crate::render::RenderError;
use crate::write::WriteError;

/// How a command ended, when it ran to completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Success; warnings allowed (exit 0).
    Success,
    /// Findings at deny level, or an action that failed (exit 1).
    Failure,
    /// A collab.toml could not be read while running (exit 2).
    ConfigError,
}

impl Outcome {
    /// The process exit code for this outcome.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::Failure => 1,
            Outcome::ConfigError => 2,
        }
    }
}

/// What a name looked up on the command line was meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// A rule for `validate --rule`.
    Rule,
    /// A rule for `explain` (the message points at `collab rules`).
    RuleToExplain,
    /// A schema for `collab schema KIND`.
    Schema,
    Metric,
    Action,
    Meeting,
    /// A meeting for `render --meeting`.
    MeetingInCampaign,
    /// A campaign for `overlaps --campaign`.
    Campaign,
    /// A partner for `render --partner`.
    Partner,
    /// An id of the named kind for `rename`.
    Id(&'static str),
}

/// Why a command could not run.
#[derive(Debug)]
pub enum Error {
    // Exit 2: what was asked for, or the settings, must change.
    /// The current folder could not be read.
    CurrentDir(io::Error),
    /// A spreadsheet could not be written or read, or xlsx would go to a terminal.
    Sheet(String),
    /// `log` was given a value that is not a figure in the metric's unit.
    BadFigure { metric: String, why: String },
    /// A date given with a flag is not a date.
    BadDate { flag: &'static str, text: String },
    /// `log` of a figure dated after today, without `--future`.
    FutureFigure { date: String, today: String },
    /// `-C DIR` names no folder.
    NoSuchFolder(PathBuf),
    /// No campaign, or a named path that does not exist.
    Load(LoadError),
    /// An editing command run outside any campaign.
    NoCampaignHere { dir: PathBuf },
    /// The campaign's collab.toml could not be read (with why, when known).
    SettingsUnreadable { why: Option<String> },
    /// `convert` found no campaign it could read.
    NoReadableCampaign,
    /// `convert` found several campaigns.
    ManyCampaigns(usize),
    /// A value a flag must give was not given.
    Required { flag: String },
    /// A flag's value is not one collab can write (with why).
    BadValue { flag: String, why: String },
    /// A flag given with an option it does nothing with.
    OnlyWith {
        flag: &'static str,
        with: &'static str,
    },
    /// An id given with a flag is not kebab-case.
    BadId { flag: &'static str, id: String },
    /// Text with characters collab does not write into files.
    BadText(EditError),
    /// `--type` names no meeting type.
    NotMeetingType(String),
    /// `--date` is not a date and time.
    NotDateTime(String),
    /// A name that matches nothing, with the closest one when there is one.
    NotFound {
        what: Lookup,
        name: String,
        suggestion: Option<String>,
    },
    /// `[render] templates` points outside the campaign.
    TemplatesSetting { config: PathBuf, value: String },
    /// `rename` to an id another item of the same kind already has.
    IdTaken { what: &'static str, id: String },
    /// `rename` in a campaign with a file that could not be read as YAML.
    RenameIncomplete,
    /// `rename` would edit a value written through a YAML alias.
    RenameShared {
        file: String,
        line: usize,
        id: String,
    },

    // Exit 1: the action could not be carried out.
    /// An answer could not be read from the terminal.
    Prompt(io::Error),
    /// Standard output could not be written.
    Output(io::Error),
    /// The manual page could not be generated.
    ManPage(io::Error),
    /// The language server lost its client or was spoken to wrongly.
    Lsp(String),
    /// git could not be run, or refused.
    Git(String),
    /// A file could not be written (see [`crate::write`]).
    Write(WriteError),
    /// The campaign could not be locked for editing.
    Lock(LockError),
    /// A built-in scaffold template does not parse.
    BuiltInTemplate {
        name: &'static str,
        error: minijinja::Error,
    },
    /// A built-in scaffold template could not be filled in.
    FillIn {
        name: &'static str,
        error: minijinja::Error,
    },
    /// The campaign has no document of the kind an edit adds to.
    NoDocument(Kind),
    /// An edit could not be made to a file.
    Edit { file: String, error: EditError },
    /// `new meeting` would overwrite a file.
    MeetingExists { file: String },
    /// The workspace index could not be serialised.
    Index(postcard::Error),
    /// `convert` on a campaign without a plan.
    NoPlan,
    /// A conversion failed; `at` is `file:line:column` or `file`.
    Convert { at: String, message: String },
    /// `convert --write` failed part-way; says whether the plan was put back.
    ConvertWrite { error: WriteError, restored: bool },
    /// A pack could not be rendered.
    Render(RenderError),
    /// A campaign's own templates could not be read.
    Template(TemplateError),
}

/// Why a campaign's own templates could not be read.
#[derive(Debug)]
pub enum TemplateError {
    /// The folder or an entry of it could not be read.
    Folder { path: PathBuf, source: io::Error },
    /// A folder on the way is a symbolic link.
    Link(PathBuf),
    /// A template is not a regular file.
    NotFile(PathBuf),
    /// A template could not be read.
    Read { path: PathBuf, source: io::Error },
    /// A template changed while it was read.
    Changed(PathBuf),
    /// A template is larger than `limit_mb` MB.
    TooLarge { path: PathBuf, limit_mb: u64 },
}

impl Error {
    /// The process exit code: 2 when the request or the settings must
    /// change, 1 when the action could not be carried out.
    pub fn code(&self) -> u8 {
        match self {
            Error::CurrentDir(_)
            | Error::NoSuchFolder(_)
            | Error::Load(_)
            | Error::NoCampaignHere { .. }
            | Error::SettingsUnreadable { .. }
            | Error::NoReadableCampaign
            | Error::ManyCampaigns(_)
            | Error::Required { .. }
            | Error::BadValue { .. }
            | Error::OnlyWith { .. }
            | Error::BadId { .. }
            | Error::BadText(_)
            | Error::NotMeetingType(_)
            | Error::NotDateTime(_)
            | Error::NotFound { .. }
            | Error::TemplatesSetting { .. }
            | Error::IdTaken { .. }
            | Error::RenameIncomplete
            | Error::RenameShared { .. }
            | Error::Sheet(_)
            | Error::BadFigure { .. }
            | Error::BadDate { .. }
            | Error::FutureFigure { .. } => 2,
            Error::Prompt(_)
            | Error::Output(_)
            | Error::ManPage(_)
            | Error::Lsp(_)
            | Error::Git(_)
            | Error::Write(_)
            | Error::Lock(_)
            | Error::BuiltInTemplate { .. }
            | Error::FillIn { .. }
            | Error::NoDocument(_)
            | Error::Edit { .. }
            | Error::MeetingExists { .. }
            | Error::Index(_)
            | Error::NoPlan
            | Error::Convert { .. }
            | Error::ConvertWrite { .. }
            | Error::Render(_)
            | Error::Template(_) => 1,
        }
    }

    /// A name that matched nothing, with the closest of `known` as a hint.
    pub fn not_found<'a>(
        what: Lookup,
        name: &str,
        known: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        Error::NotFound {
            what,
            name: name.to_string(),
            suggestion: crate::diagnostic::closest(name, known).map(str::to_string),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::CurrentDir(e) => write!(f, "cannot read the current folder: {e}"),
            Error::NoSuchFolder(dir) => write!(f, "{}: no such folder", dir.display()),
            Error::Load(e) => e.fmt(f),
            Error::NoCampaignHere { dir } => write!(
                f,
                "no campaign here: there is no collab.toml in {} or any folder above it",
                dir.display()
            ),
            Error::SettingsUnreadable { why: Some(why) } => {
                write!(f, "collab.toml could not be read: {why}")
            }
            Error::SettingsUnreadable { why: None } => {
                f.write_str("collab.toml could not be read; run collab validate")
            }
            Error::NoReadableCampaign => {
                f.write_str("no campaign could be read here; run `collab validate` to see why")
            }
            Error::ManyCampaigns(n) => write!(
                f,
                "{n} campaigns were found below this folder; run `collab convert` inside \
                 the one to convert (or name it with -C DIR)"
            ),
            Error::Required { flag } => write!(
                f,
                "{flag} is required (without a terminal to ask on, give it as a flag)"
            ),
            Error::BadValue { flag, why } => write!(f, "{flag}: {why}"),
            Error::OnlyWith { flag, with } => {
                write!(f, "{flag} does nothing here: it only applies with {with}")
            }
            Error::BadId { flag, id } => write!(
                f,
                "{flag} `{id}` is not a valid id: use lower-case letters, digits and hyphens, \
                 e.g. `{}`",
                crate::check::slug(id)
            ),
            Error::BadText(e) => e.fmt(f),
            Error::NotMeetingType(answer) => write!(f, "`{answer}` is not a meeting type"),
            Error::NotDateTime(text) => write!(
                f,
                "`{text}` is not a date and time: write it as 2026-12-08T10:00"
            ),
            Error::NotFound {
                what,
                name,
                suggestion,
            } => not_found(f, *what, name, suggestion.as_deref()),
            Error::TemplatesSetting { config, value } => write!(
                f,
                "{}: `[render] templates = {value:?}` must name a folder inside the campaign, \
                 such as \"templates\"",
                config.display()
            ),
            Error::IdTaken { what, id } => write!(
                f,
                "there is already a {what} `{id}`; choose an id no other {what} has"
            ),
            Error::RenameIncomplete => f.write_str(
                "a file of the campaign could not be read as YAML, so the rename could miss \
                 references in it; run `collab validate`, fix that file and rename again. \
                 Nothing was written",
            ),
            Error::RenameShared { file, line, id } => shared(f, file, *line, id),
            _ => self.fmt_failure(f),
        }
    }
}

impl Error {
    /// The messages of the errors `fmt` leaves to it (split in two only to
    /// keep each function short).
    fn fmt_failure(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Prompt(e) => write!(f, "could not read the answer: {e}"),
            Error::Output(e) => write!(f, "could not write output: {e}"),
            Error::ManPage(e) => write!(f, "could not write the manual page: {e}"),
            Error::Lsp(why) => write!(f, "language server: {why}"),
            Error::Git(why) => write!(f, "git: {why}"),
            Error::Write(e) => fmt::Display::fmt(e, f),
            Error::Lock(e) => fmt::Display::fmt(e, f),
            Error::BuiltInTemplate { name, error } => {
                write!(f, "built-in template {name} is broken: {error}")
            }
            Error::FillIn { name, error } => write!(f, "could not fill in {name}: {error}"),
            Error::NoDocument(kind) => write!(
                f,
                "the campaign has no {kind} document to add to (collab init shows the shape)"
            ),
            Error::Edit { file, error } => write!(f, "could not edit {file}: {error}"),
            Error::MeetingExists { file } => write!(
                f,
                "{file} already exists; edit it, or give this meeting another date"
            ),
            Error::Index(e) => write!(f, "could not write the index: {e}"),
            Error::NoPlan => {
                f.write_str("this campaign has no plan (a document with `kind: plan`) to convert")
            }
            Error::Convert { at, message } => write!(f, "{at}: {message}"),
            Error::ConvertWrite { error, restored } => {
                write!(f, "{error}; {}", put_back(*restored))
            }
            Error::Render(e) => fmt::Display::fmt(e, f),
            Error::Template(e) => fmt::Display::fmt(e, f),
            Error::Sheet(why) => f.write_str(why),
            Error::BadFigure { metric, why } => {
                write!(f, "cannot record this for `{metric}`: {why}")
            }
            Error::BadDate { flag, text } => {
                write!(f, "{flag} `{text}` is not a date: write it as 2026-11-24")
            }
            Error::FutureFigure { date, today } => write!(
                f,
                "{date} is after today ({today}): a figure is recorded once it is known. \
                 If this is meant (a forecast), add --future"
            ),
            other => write!(f, "{other:?}"),
        }
    }
}

/// `rename` refused at a value written through an alias.
fn shared(f: &mut fmt::Formatter<'_>, file: &str, line: usize, id: &str) -> fmt::Result {
    write!(
        f,
        "{file}:{line}: `{id}` here is written through a YAML alias (or is an anchored value an \
         alias repeats), so renaming it would change other places too; collab does not edit \
         shared values. Write the value out in full, or rename by hand. Nothing was written"
    )
}

/// What became of the plan when `convert --write` failed part-way.
fn put_back(restored: bool) -> &'static str {
    if restored {
        "the plan was put back as it was"
    } else {
        "the plan could not be put back either: set `framework` by hand"
    }
}

/// "unknown rule `x`; did you mean `y`?" and the like.
fn not_found(
    f: &mut fmt::Formatter<'_>,
    what: Lookup,
    name: &str,
    suggestion: Option<&str>,
) -> fmt::Result {
    let hint = match (suggestion, what) {
        (Some(s), _) => format!("; did you mean `{s}`?"),
        (None, Lookup::RuleToExplain) => "; `collab rules` lists them all".to_string(),
        (None, _) => String::new(),
    };
    match what {
        Lookup::Rule | Lookup::RuleToExplain => write!(f, "unknown rule `{name}`{hint}"),
        Lookup::Schema => write!(f, "unknown schema `{name}`"),
        Lookup::Metric => write!(f, "no metric `{name}`{hint}"),
        Lookup::Action => write!(f, "no action `{name}`{hint}"),
        Lookup::Meeting => write!(f, "no meeting `{name}`{hint}"),
        Lookup::MeetingInCampaign => write!(f, "no meeting `{name}` in this campaign{hint}"),
        Lookup::Campaign => write!(f, "no campaign `{name}` here{hint}"),
        Lookup::Partner => write!(f, "no partner `{name}` in this campaign{hint}"),
        Lookup::Id(what) => write!(f, "no {what} `{name}` in this campaign{hint}"),
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Folder { path, source } => {
                write!(f, "could not read {}: {source}", path.display())
            }
            TemplateError::Link(path) => write!(
                f,
                "{} is a symbolic link; templates must be files inside the campaign",
                path.display()
            ),
            TemplateError::NotFile(path) => write!(
                f,
                "template {} is not a regular file (a symbolic link?); templates must be files \
                 inside the campaign",
                path.display()
            ),
            TemplateError::Read { path, source } => {
                write!(f, "could not read template {}: {source}", path.display())
            }
            TemplateError::Changed(path) => write!(
                f,
                "template {} changed while it was read, or is not a regular file",
                path.display()
            ),
            TemplateError::TooLarge { path, limit_mb } => write!(
                f,
                "template {} is larger than {limit_mb} MB",
                path.display()
            ),
        }
    }
}

impl std::error::Error for Error {}

/// `?` turns each part's error into an [`Error`].
macro_rules! from_part {
    ($($variant:ident($ty:ty)),+ $(,)?) => {
        $(impl From<$ty> for Error {
            fn from(e: $ty) -> Self {
                Error::$variant(e)
            }
        })+
    };
}

from_part!(
    Load(LoadError),
    Lock(LockError),
    Write(WriteError),
    Template(TemplateError),
    Render(RenderError),
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_and_errors_have_their_exit_codes() {
        assert_eq!(Outcome::Success.code(), 0);
        assert_eq!(Outcome::Failure.code(), 1);
        assert_eq!(Outcome::ConfigError.code(), 2);
        let usage = Error::Required {
            flag: "--id".into(),
        };
        assert_eq!(
            (usage.code(), usage.to_string()),
            (
                2,
                "--id is required (without a terminal to ask on, give it as a flag)".into()
            )
        );
        let failed = Error::NoDocument(Kind::Plan);
        assert_eq!(failed.code(), 1);
        assert_eq!(
            failed.to_string(),
            "the campaign has no plan document to add to (collab init shows the shape)"
        );
    }

    #[test]
    fn a_name_not_found_suggests_the_closest() {
        let e = Error::not_found(Lookup::Metric, "reech", ["reach", "spend"]);
        assert_eq!(e.to_string(), "no metric `reech`; did you mean `reach`?");
        let e = Error::not_found(Lookup::RuleToExplain, "zzzz", ["reach"]);
        assert_eq!(
            e.to_string(),
            "unknown rule `zzzz`; `collab rules` lists them all"
        );
    }
}
