//! Where printed paths start from. A finding's file knows its campaign
//! root and its place on disk; each printer names it once, from one base:
//! the working folder for people (`human`, `concise`), the repository root
//! for the formats a program reads (`json`, `github`, `sarif`, `junit`,
//! `codeclimate`), which never hold a `..`, whatever folder collab ran in.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::{Format, Report};
use crate::diagnostic::SourceFile;

/// The folders printed paths start from, found once per run.
#[derive(Debug, Clone, Default)]
pub struct Bases {
    /// The working folder.
    cwd: PathBuf,
    /// The repository root of each campaign root in the report that is in
    /// a repository.
    repositories: HashMap<PathBuf, PathBuf>,
    /// The repository root of the working folder, or the working folder
    /// when it is in none: SARIF's `%SRCROOT%`.
    top: PathBuf,
}

/// The name SARIF results give the base their URIs are relative to.
pub const SRCROOT: &str = "%SRCROOT%";

impl Bases {
    /// Bases for a run in `cwd` with no repository lookup: enough for
    /// output read by people.
    pub fn here(cwd: &Path) -> Self {
        Bases {
            cwd: cwd.to_path_buf(),
            repositories: HashMap::new(),
            top: cwd.to_path_buf(),
        }
    }

    /// Bases for printing `report` in `format` from `cwd`: for the formats
    /// that name files from a repository root, looks on disk for the
    /// repository each campaign is in (the nearest folder above with a
    /// `.git`; inside a GitHub Actions job without one, `GITHUB_WORKSPACE`).
    pub fn find(format: Format, cwd: &Path, report: &Report) -> Self {
        if matches!(format, Format::Human | Format::Concise) {
            return Bases::here(cwd);
        }
        let workspace = std::env::var_os("GITHUB_WORKSPACE").map(PathBuf::from);
        let repository = |dir: &Path| repository_root(dir, workspace.as_deref());
        let files = report
            .findings
            .iter()
            .flat_map(|f| std::iter::once(&*f.file).chain(f.related.iter().map(|l| &*l.file)));
        let roots: BTreeSet<&Path> = files
            .chain(report.units.iter().map(|u| &*u.file))
            .map(|f| f.root.as_path())
            .collect();
        let repositories = roots
            .into_iter()
            .filter_map(|root| Some((root.to_path_buf(), repository(root)?)))
            .collect();
        Bases {
            cwd: cwd.to_path_buf(),
            repositories,
            top: repository(cwd).unwrap_or_else(|| cwd.to_path_buf()),
        }
    }

    /// `file`'s path from the working folder, `/`-separated, with `..`
    /// where needed: as a person here would type it.
    pub fn from_cwd(&self, file: &SourceFile) -> String {
        // Most files are below the working folder: that is a prefix to cut.
        below(&file.path, &self.cwd).unwrap_or_else(|| file.relative_to(&self.cwd))
    }

    /// `file`'s path from its repository root (the working folder when it
    /// is in none), `/`-separated; its whole path when it is below neither.
    pub fn from_repository(&self, file: &SourceFile) -> String {
        let base = self.repositories.get(&file.root).unwrap_or(&self.cwd);
        below(&file.path, base).unwrap_or_else(|| slashes(&file.path))
    }

    /// The `file://` URI of `%SRCROOT%`, ending in `/`.
    pub fn sarif_root(&self) -> String {
        let mut uri = file_uri(&self.top);
        if !uri.ends_with('/') {
            uri.push('/');
        }
        uri
    }

    /// `file`'s SARIF URI: relative to `%SRCROOT%` when the file is below
    /// it (`true`), else an absolute `file://` URI. Percent-encoded.
    pub fn sarif_uri(&self, file: &SourceFile) -> (String, bool) {
        match below(&file.path, &self.top) {
            Some(rel) => (utf8_percent_encode(&rel, RELATIVE).to_string(), true),
            None => (file_uri(&file.path), false),
        }
    }
}

/// `path` relative to `base`, `/`-separated, when it is below it.
fn below(path: &Path, base: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    (!rel.as_os_str().is_empty()).then(|| slashes(rel))
}

/// A path with `/` between its parts (on Unix a `\\` is part of a name).
fn slashes(path: &Path) -> String {
    let text = path.to_string_lossy();
    if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

/// The nearest folder at or above `dir` with a `.git` (a folder, or a file
/// in a worktree), else `workspace` when `dir` is below it.
fn repository_root(dir: &Path, workspace: Option<&Path>) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
        .or_else(|| {
            workspace
                .filter(|w| dir.starts_with(w))
                .map(Path::to_path_buf)
        })
}

/// Bytes a URI path keeps as they are (RFC 3986 unreserved, and `/`
/// between segments); everything else, non-ASCII included, is
/// percent-encoded.
const ABSOLUTE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b':');

/// As [`ABSOLUTE`], but `:` too is encoded: in a relative reference a
/// first segment with a `:` would read as a scheme.
const RELATIVE: &AsciiSet = &ABSOLUTE.add(b':');

/// An absolute path as a `file://` URI.
fn file_uri(path: &Path) -> String {
    let text = slashes(path);
    let text = text.trim_start_matches('/');
    format!("file:///{}", utf8_percent_encode(text, ABSOLUTE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(root: &str, rel: &str) -> std::sync::Arc<SourceFile> {
        SourceFile::new(rel.into(), Path::new(root).join(rel), String::new())
    }

    fn bases(cwd: &str, repo: Option<&str>, roots: &[&str]) -> Bases {
        Bases {
            cwd: cwd.into(),
            repositories: repo
                .map(|r| roots.iter().map(|c| (c.into(), r.into())).collect())
                .unwrap_or_default(),
            top: repo.unwrap_or(cwd).into(),
        }
    }

    #[test]
    fn each_base_names_a_file_once() {
        let other = file("/r/campaigns/other", "partners.yaml");
        let b = bases("/r/campaigns/winter", Some("/r"), &["/r/campaigns/other"]);
        assert_eq!(b.from_cwd(&other), "../other/partners.yaml");
        assert_eq!(b.from_repository(&other), "campaigns/other/partners.yaml");
        assert_eq!(
            b.sarif_uri(&other),
            ("campaigns/other/partners.yaml".into(), true)
        );
        assert_eq!(b.sarif_root(), "file:///r/");
    }

    #[test]
    fn outside_a_repository_and_the_working_folder_the_whole_path() {
        let other = file("/t/other", "meetings/a.yaml");
        let b = bases("/t/winter", None, &[]);
        assert_eq!(b.from_repository(&other), "/t/other/meetings/a.yaml");
        assert_eq!(
            b.sarif_uri(&other),
            ("file:///t/other/meetings/a.yaml".into(), false)
        );
    }

    #[test]
    fn uris_are_percent_encoded() {
        let odd = file("/r/spring #2", "café 100%.yaml");
        let b = bases("/r", Some("/r"), &["/r/spring #2"]);
        assert_eq!(b.sarif_uri(&odd).0, "spring%20%232/caf%C3%A9%20100%25.yaml");
        let b = bases("/home/a b", None, &[]);
        assert_eq!(b.sarif_root(), "file:///home/a%20b/");
        assert_eq!(
            b.sarif_uri(&file("/x:y", "a.yaml")),
            ("file:///x:y/a.yaml".into(), false)
        );
        assert_eq!(
            bases("/", None, &[]).sarif_uri(&file("/x:y", "a.yaml")).0,
            "x%3Ay/a.yaml"
        );
    }

    #[test]
    fn a_source_file_knows_its_campaign_root() {
        let f = file("/r/c", "meetings/a.yaml");
        assert_eq!(f.root, Path::new("/r/c"));
        assert_eq!(f.rel, "meetings/a.yaml");
    }
}
