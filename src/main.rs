use std::process::ExitCode;

use clap::Parser;
use collab::cli::{Cli, Command};

// The workspace commands read a cache of many small strings; mimalloc
// allocates and frees them at about half glibc's cost (docs/design.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options by their place in `mi_option_e` (mimalloc.h of the
/// version libmimalloc-sys builds; the test below checks their defaults,
/// so another version that moves them fails it).
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// `collab index` holds the whole workspace at once: committing memory
/// only when used and handing back what is freed after 10 ms (not a
/// second) keeps its peak low. The queries are faster with mimalloc's
/// defaults.
fn tune_allocator(cli: &Cli) {
    if matches!(cli.command, Command::Index(_)) {
        // SAFETY: sets two of mimalloc's numeric options; no memory is
        // touched.
        unsafe {
            libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 10);
        }
    }
}

fn main() -> ExitCode {
    // A shell asking for completions is answered here, before parsing.
    collab::commands::completions::complete_from_env();
    let cli = Cli::parse();
    tune_allocator(&cli);
    let code = match collab::run(cli) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allocator_options_are_the_ones_meant() {
        // Their defaults in mimalloc's options.c: eager commit 2 (on a
        // system that overcommits), purge delay 1000 ms.
        // SAFETY: reads two options.
        let (eager, delay) = unsafe {
            (
                libmimalloc_sys::mi_option_get(ARENA_EAGER_COMMIT),
                libmimalloc_sys::mi_option_get(PURGE_DELAY),
            )
        };
        assert_eq!((eager, delay), (2, 1000));
    }
}
