//! `collab completions SHELL` and `collab man`, generated from the same
//! clap definitions the binary parses with.

use clap::CommandFactory;

use super::print_stdout;
use crate::cli::{Cli, CompletionsArgs};
use crate::{Error, Outcome};

pub fn run_completions(args: CompletionsArgs) -> Result<Outcome, Error> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "collab", &mut out);
    print_stdout(&String::from_utf8_lossy(&out))?;
    Ok(Outcome::Success)
}

pub fn run_man() -> Result<Outcome, Error> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(Error::ManPage)?;
    print_stdout(&String::from_utf8_lossy(&out))?;
    Ok(Outcome::Success)
}
