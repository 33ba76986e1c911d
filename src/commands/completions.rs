//! `collab completions SHELL`, generated from the same clap definitions the
//! binary parses with, and the completions that need the campaign: rule,
//! meeting and metric ids, offered through clap_complete's dynamic
//! completion (`COMPLETE=SHELL collab`).

use std::ffi::OsString;
use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::CompletionCandidate;

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

/// Answer the shell when it runs collab to complete a command line
/// (`COMPLETE=bash collab -- collab explain par`), then exit; do nothing
/// on an ordinary run. `COMPLETE=bash collab` alone prints the script that
/// registers collab's completions with the shell.
pub fn complete_from_env() {
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
}

/// Rule ids, for `explain` (which also explains the guarantees) and
/// `validate --rule`.
pub fn rule_ids(with_guarantees: bool) -> Vec<CompletionCandidate> {
    let rules = crate::rule::Rule::ALL
        .iter()
        .map(|r| CompletionCandidate::new(r.id()).help(Some(r.summary().into())));
    let guarantees = crate::rule::GUARANTEES
        .iter()
        .filter(move |_| with_guarantees)
        .map(|g| CompletionCandidate::new(g.id));
    rules.chain(guarantees).collect()
}

pub fn explain_candidates() -> Vec<CompletionCandidate> {
    rule_ids(true)
}

pub fn rule_candidates() -> Vec<CompletionCandidate> {
    rule_ids(false)
}

/// The ids of the meetings of the campaign the command line is about.
pub fn meeting_candidates() -> Vec<CompletionCandidate> {
    ids_in_campaign(|c| {
        c.meetings()
            .filter_map(|(_, m)| Some((m.id.as_ref()?.as_str(), m.title.as_deref())))
            .map(|(id, title)| (id.to_string(), title.map(str::to_string)))
            .collect()
    })
}

/// The ids of the partners of the campaign the command line is about.
pub fn partner_candidates() -> Vec<CompletionCandidate> {
    ids_in_campaign(|c| {
        c.partners()
            .filter_map(|(_, _, p)| Some((p.id.as_ref()?.as_str(), p.name.as_deref())))
            .map(|(id, name)| (id.to_string(), name.map(str::to_string)))
            .collect()
    })
}

/// The ids of the metrics of the campaign the command line is about.
pub fn metric_candidates() -> Vec<CompletionCandidate> {
    ids_in_campaign(|c| {
        c.metrics()
            .filter_map(|(_, _, m)| Some((m.id.as_ref()?.as_str(), m.name.as_deref())))
            .map(|(id, name)| (id.to_string(), name.map(str::to_string)))
            .collect()
    })
}

/// Ids (with a description) from the campaign around the folder the
/// command line runs in: the shell's working folder, or `-C DIR` when the
/// line has one. Anything that goes wrong gives no candidates: completion
/// never prints an error.
fn ids_in_campaign(
    ids: impl Fn(&crate::campaign::Campaign) -> Vec<(String, Option<String>)>,
) -> Vec<CompletionCandidate> {
    let words: Vec<OsString> = std::env::args_os().collect();
    let chdir = chdir_in(completed_line(&words));
    let Ok(cwd) = crate::working_dir(chdir.as_ref()) else {
        return Vec::new();
    };
    let Some(root) = crate::discover::find_campaign_root(&cwd) else {
        return Vec::new();
    };
    let Ok(ws) = crate::load::load_campaign(&cwd, &root) else {
        return Vec::new();
    };
    let mut found: Vec<(String, Option<String>)> = ws
        .campaigns
        .iter()
        .filter(|c| c.root == root)
        .flat_map(&ids)
        .filter(|(id, _)| is_plain(id))
        .collect();
    found.sort();
    found.dedup_by(|a, b| a.0 == b.0);
    found
        .into_iter()
        .map(|(id, about)| {
            let about = about.map(|a| crate::terminal::escape(&a).into_owned().into());
            CompletionCandidate::new(id).help(about)
        })
        .collect()
}

/// The command line being completed: the words after the first `--` of
/// collab's own arguments, without the program name.
fn completed_line(args: &[OsString]) -> &[OsString] {
    match args.iter().position(|a| a == "--") {
        Some(i) => args.get(i + 2..).unwrap_or_default(),
        None => &[],
    }
}

/// The folder `-C DIR`, `-CDIR` or `-C=DIR` names on a command line (the
/// last one given), up to a `--` that ends the options.
fn chdir_in(words: &[OsString]) -> Option<PathBuf> {
    let mut found = None;
    let mut words = words.iter();
    while let Some(word) = words.next() {
        let Some(word) = word.to_str() else { continue };
        if word == "--" {
            break;
        }
        if word == "-C" {
            found = words.next().map(PathBuf::from);
        } else if let Some(dir) = word.strip_prefix("-C") {
            found = Some(PathBuf::from(dir.strip_prefix('=').unwrap_or(dir)));
        }
    }
    found
}

/// An id a shell can take as it is: not empty, no spaces or control
/// characters.
fn is_plain(id: &str) -> bool {
    !id.is_empty() && !id.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn finds_the_folder_dash_c_names() {
        let dir = |line: &str| chdir_in(completed_line(&words(line)));
        assert_eq!(dir("collab -- collab log"), None);
        assert_eq!(dir("collab -- collab -C a log"), Some("a".into()));
        assert_eq!(dir("collab -- collab -Cb log"), Some("b".into()));
        assert_eq!(dir("collab -- collab -C=c log -C d"), Some("d".into()));
        assert_eq!(dir("collab -- collab log -- -C e"), None);
        assert_eq!(dir("collab -- collab -C"), None);
        assert_eq!(dir("collab"), None);
    }

    #[test]
    fn every_rule_is_offered() {
        assert_eq!(rule_candidates().len(), crate::rule::Rule::ALL.len());
        let explain = explain_candidates();
        for g in crate::rule::GUARANTEES {
            assert!(explain.iter().any(|c| c.get_value() == g.id), "{}", g.id);
        }
    }

    #[test]
    fn only_plain_ids() {
        assert!(is_plain("kick-off"));
        assert!(!is_plain("a b") && !is_plain("") && !is_plain("a\u{1b}[2J"));
    }
}
