//! Command-line cases written as transcripts: `tests/cmd/*.trycmd`.
//!
//! Each file is Markdown; the `console` blocks are commands (`$ collab ...`),
//! the exit code (`? 2`, success when left out) and the whole output, stdout
//! then stderr. `[..]` matches the rest of a line, `...` any lines. The
//! commands run from the repository root, or from `<name>.in/` when there is
//! one. Update a transcript with `TRYCMD=overwrite cargo test --test trycmd`.

#[test]
fn cli_transcripts() {
    trycmd::TestCases::new()
        // As tests/common's `collab()`: no colour, no CI-chosen format.
        .env("NO_COLOR", "1")
        .env("GITHUB_ACTIONS", "false")
        .case("tests/cmd/*.trycmd");
}
