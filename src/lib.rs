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
pub mod error;
pub mod fix;
#[doc(hidden)]
pub mod harness;
pub mod index;
pub mod load;
pub mod lock;
pub mod lsp;
pub mod meeting_file;
pub mod merge;
pub mod model;
pub mod options;
pub mod output;
pub mod rename;
pub mod render;
pub mod rule;
pub mod rules;
pub mod schema;
pub mod sheets;
pub mod slug;
pub mod source;
pub mod terminal;
pub mod view;
pub mod workspace_check;
pub mod write;
pub mod xml;
pub mod yaml;

use std::path::PathBuf;

pub use cli::run;
pub use error::{Error, Lookup, Outcome};
pub use options::{ColorWhen, Options};

/// The folder a command runs in: `-C DIR` or the current folder.
pub fn working_dir(cli_dir: Option<&PathBuf>) -> Result<PathBuf, Error> {
    let cwd = std::env::current_dir().map_err(Error::CurrentDir)?;
    let dir = match cli_dir {
        Some(d) => discover::normalize(&cwd.join(d)),
        None => cwd,
    };
    if !dir.is_dir() {
        return Err(Error::NoSuchFolder(dir));
    }
    Ok(dir)
}
