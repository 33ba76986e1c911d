//! `collab git install` and `collab git merge-driver`: register, and be, a
//! git merge driver for campaign YAML. The merge itself is
//! [`crate::merge`]; this module runs git and reads and writes the files.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::merge::{Merged, merge};
use crate::{Error, Options, Outcome};

/// What git calls the driver in `.gitattributes` and its config.
const DRIVER: &str = "collab";
const DRIVER_LINE: &str = "collab git merge-driver %O %A %B %P";

/// Run git with `args` in `dir`; its trimmed standard output on success.
fn git(dir: &Path, args: &[&str]) -> Result<String, Error> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|e| Error::Git(format!("could not run git: {e}")))?;
    if !out.status.success() {
        return Err(Error::Git(format!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The top folder of the git work tree holding `dir`, if there is one.
pub fn work_tree(dir: &Path) -> Option<PathBuf> {
    git(dir, &["rev-parse", "--show-toplevel"])
        .ok()
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
}

/// The `.gitattributes` line for the campaign at `campaign` in the work
/// tree at `top`.
fn attribute_line(top: &Path, campaign: &Path) -> String {
    let rel = campaign
        .strip_prefix(top)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    if rel.is_empty() {
        format!("*.yaml merge={DRIVER}")
    } else {
        format!("{rel}/**/*.yaml merge={DRIVER}")
    }
}

/// `text` with `line` added when no line of it is already `line`.
pub fn with_line(text: &str, line: &str) -> Option<String> {
    if text.lines().any(|l| l.trim() == line) {
        return None;
    }
    let sep = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    Some(format!("{text}{sep}{line}\n"))
}

/// Write the `.gitattributes` line for `campaign` and register the driver
/// in the repository's git config.
pub fn install_for(campaign: &Path, quiet: bool) -> Result<(), Error> {
    let top = work_tree(campaign).ok_or_else(|| {
        Error::Git("this folder is not inside a git work tree; run `git init` first".into())
    })?;
    let top = crate::discover::normalize(&top.canonicalize().unwrap_or(top));
    let campaign = campaign
        .canonicalize()
        .unwrap_or_else(|_| campaign.to_path_buf());
    let path = top.join(".gitattributes");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    let line = attribute_line(&top, &campaign);
    if let Some(new) = with_line(&old, &line) {
        crate::write::write_file(&top, &path, new.as_bytes())?;
        if !quiet {
            eprintln!("  added `{line}` to .gitattributes");
        }
    }
    git(
        &top,
        &[
            "config",
            "merge.collab.name",
            "collab: campaign YAML merged by id",
        ],
    )?;
    git(&top, &["config", "merge.collab.driver", DRIVER_LINE])?;
    if !quiet {
        eprintln!("  registered the collab merge driver in this clone's git config");
    }
    Ok(())
}

/// `collab git install`.
pub fn install(cwd: &Path, opts: &Options) -> Result<Outcome, Error> {
    let campaign = crate::discover::find_campaign_root(cwd).unwrap_or_else(|| cwd.to_path_buf());
    install_for(&campaign, opts.quiet)?;
    Ok(Outcome::Success)
}

/// `collab git merge-driver BASE OURS THEIRS PATH`: merge into OURS; exit 1
/// when conflicts are left in it, as git expects.
pub fn merge_driver(cwd: &Path, base: &Path, ours: &Path, theirs: &Path) -> Result<Outcome, Error> {
    let read = |p: &Path| {
        std::fs::read(cwd.join(p))
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
    };
    let merged = match (read(base), read(ours), read(theirs)) {
        (Some(b), Some(o), Some(t)) => merge(&b, &o, &t),
        _ => Merged::Fallback,
    };
    let ours = cwd.join(ours);
    let root = ours
        .parent()
        .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
    match merged {
        Merged::Clean(text) => {
            crate::write::write_file(&root, &ours, text.as_bytes())?;
            Ok(Outcome::Success)
        }
        Merged::Conflict(text, _) => {
            crate::write::write_file(&root, &ours, text.as_bytes())?;
            Ok(Outcome::Failure)
        }
        Merged::Fallback => line_merge(cwd, base, &ours, theirs),
    }
}

/// git's own line merge, for files the driver cannot read.
fn line_merge(cwd: &Path, base: &Path, ours: &Path, theirs: &Path) -> Result<Outcome, Error> {
    let status = Command::new("git")
        .current_dir(cwd)
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .args([ours, &cwd.join(base), &cwd.join(theirs)])
        .status()
        .map_err(|e| Error::Git(format!("could not run git merge-file: {e}")))?;
    match status.code() {
        Some(0) => Ok(Outcome::Success),
        Some(n) if n > 0 => Ok(Outcome::Failure),
        _ => Err(Error::Git("git merge-file failed".into())),
    }
}
