use std::process::ExitCode;

use clap::Parser;
use collab::cli::Cli;
use collab::{Error, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = collab::run(cli);
    if let Err(e) = &result {
        // Messages can quote values from files: show control characters
        // escaped rather than let the terminal obey them.
        eprintln!("error: {}", collab::terminal::escape(&e.to_string()));
    }
    ExitCode::from(exit_code(&result))
}

/// The one place results become exit codes.
fn exit_code(result: &Result<Outcome, Error>) -> u8 {
    match result {
        Ok(Outcome::Success) => 0,
        Ok(Outcome::Failure) | Err(Error::Failed(_)) => 1,
        Ok(Outcome::ConfigError) | Err(Error::Usage(_)) => 2,
    }
}
