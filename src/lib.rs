//! collab: plan, check and publish joint public-sector communication
//! campaigns kept as YAML files in git.
//!
//! See `ARCHITECTURE.md` for how a file flows through these modules.

pub mod calendar;
pub mod campaign;
pub mod check;
pub mod cli;
pub mod commands;
pub mod convert;
pub mod diagnostic;
pub mod discover;
pub mod edit;
#[doc(hidden)]
pub mod harness;
pub mod index;
pub mod load;
pub mod lock;
pub mod model;
pub mod output;
pub mod render;
pub mod rules;
pub mod schema;
pub mod slug;
pub mod source;
pub mod terminal;
pub mod view;
pub mod write;
pub mod yaml;

use std::fmt;
use std::path::PathBuf;

use cli::{Cli, Command};

/// How a command ended, when it ran to completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Success; warnings allowed (exit 0).
    Success,
    /// Findings at deny level, or an action that failed (exit 1).
    Failure,
    /// A configuration error was found while running (exit 2).
    ConfigError,
}

/// Why a command could not run.
#[derive(Debug)]
pub enum Error {
    /// Bad arguments or settings (exit 2).
    Usage(String),
    /// The action could not be carried out (exit 1).
    Failed(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) | Error::Failed(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

impl From<load::LoadError> for Error {
    fn from(e: load::LoadError) -> Self {
        Error::Usage(e.to_string())
    }
}

/// The folder a command runs in: `-C DIR` or the current folder.
pub fn working_dir(cli_dir: Option<&PathBuf>) -> Result<PathBuf, Error> {
    let cwd = std::env::current_dir()
        .map_err(|e| Error::Usage(format!("cannot read the current folder: {e}")))?;
    let dir = match cli_dir {
        Some(d) => discover::normalize(&cwd.join(d)),
        None => cwd,
    };
    if !dir.is_dir() {
        return Err(Error::Usage(format!("{}: no such folder", dir.display())));
    }
    Ok(dir)
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome, Error> {
    let cwd = working_dir(cli.global.chdir.as_ref())?;
    match cli.command {
        Command::Init(args) => commands::init::run(&cwd, &cli.global, args),
        Command::Validate(args) => commands::validate::run(&cwd, &cli.global, args),
        Command::Schema(args) => commands::schema::run(&cwd, args),
        Command::New(cmd) => commands::new::run(&cwd, &cli.global, *cmd),
        Command::Log(args) => commands::new::run_log(&cwd, &cli.global, args),
        Command::Action(cmd) => commands::new::run_action(&cwd, &cli.global, cmd),
        Command::Render(args) => commands::render::run(&cwd, &cli.global, args),
        Command::Status(args) => commands::status::run(&cwd, &cli.global, args),
        Command::Rules(args) => commands::rules::run_rules(&cwd, args),
        Command::Config(args) => commands::config::run(&cwd, &cli.global, args),
        Command::Index(args) => commands::workspace::run_index(&cwd, &cli.global, args),
        Command::Who(args) => commands::workspace::run_who(&cwd, &cli.global, args),
        Command::Overlaps(args) => commands::workspace::run_overlaps(&cwd, &cli.global, args),
        Command::Calendar(args) => commands::calendar::run(&cwd, &cli.global, args),
        Command::Convert(args) => commands::convert::run(&cwd, &cli.global, args),
        Command::Completions(args) => commands::completions::run_completions(args),
        Command::Man => commands::completions::run_man(),
        Command::Explain(args) => commands::rules::run_explain(&cwd, args),
    }
}
