//! Questions asked on a terminal (`collab init`, `collab new`).
//!
//! Each question is asked through [`Ask`]: on a real terminal by
//! [`Terminal`] (dialoguer's line editor), and in tests by [`Lines`] over
//! any reader and writer. An answer the check refuses is asked again with
//! the reason; it is never replaced by a default.

use std::io::{self, BufRead, Write};

/// Says why an answer cannot be used, or `Ok` when it can.
pub type Check<'c> = &'c dyn Fn(&str) -> Result<(), String>;

/// One question: its text, the answer a blank line gives, and the check.
pub struct Question<'q> {
    pub text: &'q str,
    /// What a blank answer stands for; `None` with `blank_ok` false means
    /// a blank answer is asked again.
    pub default: Option<&'q str>,
    /// Whether a blank answer (with no default) is an answer.
    pub blank_ok: bool,
    pub check: Check<'q>,
}

/// Something that can ask a question and return the answer it accepted.
pub trait Ask {
    fn ask(&mut self, q: &Question<'_>) -> io::Result<String>;
}

/// The checked answer to a line as typed: `Ok(answer)` or `Err(reason)`.
pub fn judge(q: &Question<'_>, typed: &str) -> Result<String, String> {
    let typed = typed.trim();
    let answer = match (typed.is_empty(), q.default) {
        (true, Some(d)) => d.to_string(),
        (true, None) if q.blank_ok => return Ok(String::new()),
        (true, None) => return Err("an answer is needed".to_string()),
        (false, _) => typed.to_string(),
    };
    (q.check)(&answer).map(|()| answer)
}

/// Questions asked over plain lines: for tests, and for a terminal on
/// standard input when standard error is not one.
pub struct Lines<R, W> {
    pub input: R,
    pub output: W,
}

impl<R: BufRead, W: Write> Ask for Lines<R, W> {
    fn ask(&mut self, q: &Question<'_>) -> io::Result<String> {
        loop {
            match q.default {
                Some(d) => write!(self.output, "{} [{d}]: ", q.text)?,
                None => write!(self.output, "{}: ", q.text)?,
            }
            self.output.flush()?;
            let mut line = String::new();
            if self.input.read_line(&mut line)? == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the input ended before every question was answered",
                ));
            }
            match judge(q, &line) {
                Ok(answer) => return Ok(answer),
                Err(reason) => writeln!(self.output, "  {reason}")?,
            }
        }
    }
}

/// Questions asked on the terminal with dialoguer, on standard error.
pub struct Terminal;

impl Ask for Terminal {
    fn ask(&mut self, q: &Question<'_>) -> io::Result<String> {
        let theme = dialoguer::theme::SimpleTheme;
        let mut input = dialoguer::Input::<String>::with_theme(&theme)
            .with_prompt(q.text)
            .allow_empty(q.blank_ok || q.default.is_some())
            .validate_with(|s: &String| -> Result<(), String> {
                if s.trim().is_empty() && q.default.is_none() && q.blank_ok {
                    return Ok(());
                }
                (q.check)(s.trim())
            });
        if let Some(d) = q.default {
            input = input.default(d.to_string());
        }
        let answer = input.interact_text().map_err(|e| match e {
            dialoguer::Error::IO(e) => e,
        })?;
        Ok(answer.trim().to_string())
    }
}

/// Check that `id` is kebab-case: lower-case letters, digits and hyphens,
/// starting with a letter or digit.
pub fn kebab_id(id: &str) -> Result<(), String> {
    let ok = id
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{id}` is not a valid id: use lower-case letters, digits and hyphens, e.g. `{}`",
            crate::check::slug(id)
        ))
    }
}

/// Whether questions can be asked: standard input is a terminal.
pub fn can_ask() -> bool {
    use std::io::IsTerminal;
    io::stdin().is_terminal()
}

/// Ask a question on this process's terminal: dialoguer when standard
/// error is a terminal too, plain lines otherwise.
pub fn ask_here(q: &Question<'_>) -> io::Result<String> {
    use std::io::IsTerminal;
    if io::stderr().is_terminal() {
        Terminal.ask(q)
    } else {
        Lines {
            input: io::stdin().lock(),
            output: io::stderr(),
        }
        .ask(q)
    }
}

/// This process's terminal as an [`Ask`].
pub struct Here;

impl Ask for Here {
    fn ask(&mut self, q: &Question<'_>) -> io::Result<String> {
        ask_here(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_digits(s: &str) -> Result<(), String> {
        if s.chars().any(|c| c.is_ascii_digit()) {
            Err(format!("`{s}` has a digit"))
        } else {
            Ok(())
        }
    }

    #[test]
    fn a_refused_answer_is_asked_again_with_the_reason() {
        let mut out = Vec::new();
        let mut lines = Lines {
            input: "a1\n\nabc\n".as_bytes(),
            output: &mut out,
        };
        let q = Question {
            text: "Word",
            default: None,
            blank_ok: false,
            check: &no_digits,
        };
        assert_eq!(lines.ask(&q).ok().as_deref(), Some("abc"));
        let out = String::from_utf8_lossy(&out);
        assert_eq!(
            out,
            "Word:   `a1` has a digit\nWord:   an answer is needed\nWord: "
        );
    }

    #[test]
    fn blank_takes_the_default_and_end_of_input_is_an_error() {
        let mut lines = Lines {
            input: "\n".as_bytes(),
            output: Vec::new(),
        };
        let q = Question {
            text: "Word",
            default: Some("xyz"),
            blank_ok: false,
            check: &no_digits,
        };
        assert_eq!(lines.ask(&q).ok().as_deref(), Some("xyz"));
        assert!(lines.ask(&q).is_err());
    }
}
