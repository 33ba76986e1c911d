use std::process::ExitCode;

use clap::Parser;
use collab::cli::Cli;

fn main() -> ExitCode {
    // A shell asking for completions is answered here, before parsing.
    collab::commands::completions::complete_from_env();
    let code = match collab::run(Cli::parse()) {
        Ok(outcome) => outcome.code(),
        Err(e) => {
            // Messages can quote values from files: show control characters
            // escaped rather than let the terminal obey them.
            eprintln!("error: {}", collab::terminal::escape(&e.to_string()));
            e.code()
        }
    };
    ExitCode::from(code)
}
