//! Finding campaigns and their documents. Every command walks the tree
//! through [`walker`], so hidden folders, `.gitignore`d paths, the render
//! output folder and `exclude` globs are skipped the same way everywhere.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::{DirEntry, WalkBuilder};

use crate::model::config::CONFIG_FILE;

/// Folders never worth reading, even without a `.gitignore`.
const ALWAYS_SKIP: &[&str] = &["node_modules"];

/// The one walker: hidden entries and ignore files honoured (without needing
/// a git repository), entries sorted by name so results are stable.
pub fn walker(root: &Path) -> WalkBuilder {
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .ignore(true)
        .parents(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b));
    builder
}

/// The nearest folder at or above `start` that holds `collab.toml`.
pub fn find_campaign_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

/// Every campaign folder at or below `dir`, sorted.
pub fn campaigns_below(dir: &Path) -> Vec<PathBuf> {
    campaigns_and_folders_below(dir).0
}

/// [`campaigns_below`], with every folder the walk entered (sorted): what
/// the answer depends on, for the cached index.
pub fn campaigns_and_folders_below(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut builder = walker(dir);
    builder.filter_entry(|e| !always_skipped(e));
    let mut roots = Vec::new();
    let mut folders = Vec::new();
    for entry in builder.build().filter_map(Result::ok) {
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            folders.push(entry.into_path());
        } else if kind.is_file() && entry.file_name() == CONFIG_FILE {
            roots.extend(entry.path().parent().map(Path::to_path_buf));
        }
    }
    roots.sort();
    roots.dedup();
    folders.sort();
    (roots, folders)
}

/// What a campaign's settings say to leave out.
#[derive(Debug, Clone)]
pub struct Exclusions {
    root: PathBuf,
    /// The render output folder, when it lies below the root (a refused
    /// `out_dir` such as `.` must not hide the whole campaign).
    out_dir: Option<PathBuf>,
    globs: GlobSet,
}

impl Exclusions {
    /// Build from the render output folder and the `exclude` globs.
    /// Globs that do not parse are returned so they can be reported.
    pub fn new(root: &Path, out_dir: &str, exclude: &[String]) -> (Self, Vec<(usize, String)>) {
        let mut builder = GlobSetBuilder::new();
        let mut bad = Vec::new();
        for (i, pattern) in exclude.iter().enumerate() {
            let trimmed = pattern.trim_start_matches("./").trim_start_matches('/');
            let trimmed = trimmed.trim_end_matches('/');
            match Glob::new(trimmed) {
                Ok(g) => {
                    builder.add(g);
                    // `drafts` should also leave out everything below it.
                    if let Ok(g) = Glob::new(&format!("{trimmed}/**")) {
                        builder.add(g);
                    }
                }
                Err(e) => bad.push((i, e.kind().to_string())),
            }
        }
        let globs = builder.build().unwrap_or_else(|_| GlobSet::empty());
        let out_dir = normalize(&root.join(out_dir));
        let below = out_dir != normalize(root) && out_dir.starts_with(normalize(root));
        (
            Exclusions {
                root: root.to_path_buf(),
                out_dir: below.then_some(out_dir),
                globs,
            },
            bad,
        )
    }

    fn excludes(&self, path: &Path) -> bool {
        if path == self.root {
            return false;
        }
        if self
            .out_dir
            .as_ref()
            .is_some_and(|out| path.starts_with(out))
        {
            return true;
        }
        match path.strip_prefix(&self.root) {
            Ok(rel) => self.globs.is_match(rel),
            Err(_) => false,
        }
    }
}

/// The YAML files of a campaign, and the YAML names that are symbolic links.
#[derive(Debug, Default)]
pub struct CampaignFiles {
    /// Regular files, sorted.
    pub files: Vec<PathBuf>,
    /// Links with a YAML name, sorted: never followed, so never read.
    pub links: Vec<PathBuf>,
    /// The folders the walk entered, the campaign's own first, sorted.
    pub folders: Vec<PathBuf>,
}

/// The YAML files of the campaign at `root`, sorted: nested campaigns and
/// excluded paths left out.
pub fn campaign_files(exclusions: &Exclusions) -> Vec<PathBuf> {
    campaign_entries(exclusions).files
}

/// [`campaign_files`], with the YAML-named links found on the way.
pub fn campaign_entries(exclusions: &Exclusions) -> CampaignFiles {
    let ex = Arc::new(exclusions.clone());
    let root = exclusions.root.clone();
    let mut builder = walker(&root);
    let filter = Arc::clone(&ex);
    builder.filter_entry(move |e| {
        if always_skipped(e) || filter.excludes(e.path()) {
            return false;
        }
        let is_dir = e.file_type().is_some_and(|t| t.is_dir());
        // A folder with its own collab.toml is a separate campaign.
        !(is_dir && e.path() != filter.root && e.path().join(CONFIG_FILE).is_file())
    });
    let mut found = CampaignFiles::default();
    for entry in builder.build().filter_map(Result::ok) {
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            found.folders.push(entry.into_path());
            continue;
        }
        if !is_yaml(entry.path()) {
            continue;
        }
        if kind.is_file() {
            found.files.push(entry.into_path());
        } else if kind.is_symlink() {
            found.links.push(entry.into_path());
        }
    }
    found.files.sort();
    found.links.sort();
    found.folders.sort();
    found
}

/// Whether a walk of the campaign (or, with no `exclusions`, of the folder
/// `top`) would reach `file`: the one walker with the same filters, led
/// down only the folders on the way to `file`, so it reads a few folders
/// however big the tree. `--force-exclude` skips the named files it would
/// not reach. A file that is not on disk (text from stdin) is reached when
/// its folder is and no `exclude` glob matches it; `.gitignore` patterns
/// are then not applied to its own name.
pub fn walk_reaches(top: &Path, exclusions: Option<&Exclusions>, file: &Path) -> bool {
    let file = normalize(file);
    if !file.starts_with(top) {
        return false;
    }
    let ex = exclusions.cloned().map(Arc::new);
    let target = file.clone();
    let mut builder = walker(top);
    builder.filter_entry(move |e| {
        target.starts_with(e.path())
            && !always_skipped(e)
            && !ex.as_ref().is_some_and(|ex| ex.excludes(e.path()))
    });
    let reached: Vec<PathBuf> = builder
        .build()
        .filter_map(Result::ok)
        .map(DirEntry::into_path)
        .collect();
    // A link is a file on disk too (the walk lists it without following).
    if std::fs::symlink_metadata(&file).is_ok() {
        return reached.contains(&file);
    }
    let excluded = exclusions.is_some_and(|ex| ex.excludes(&file));
    file.parent()
        .is_some_and(|dir| reached.iter().any(|r| r == dir))
        && !excluded
}

/// The folder a walk for a file outside any campaign starts from: the top
/// of its git repository (so the repository's `.gitignore` files apply to
/// every folder on the way), else the file's own folder.
pub fn repository_top(file: &Path) -> PathBuf {
    let dir = file.parent().unwrap_or(Path::new(""));
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(dir)
        .to_path_buf()
}

fn always_skipped(e: &DirEntry) -> bool {
    e.depth() > 0
        && e.file_type().is_some_and(|t| t.is_dir())
        && e.file_name()
            .to_str()
            .is_some_and(|n| ALWAYS_SKIP.contains(&n))
}

/// Whether a path names a YAML file.
pub fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// Resolve `.` and `..` without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for comp in path.components() {
        match comp {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to `base`, `/`-separated, for reports.
pub fn display_path(path: &Path, base: &Path) -> String {
    let path = normalize(path);
    let base = normalize(base);
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 && path.is_absolute() {
        return slashes(&path);
    }
    let mut parts: Vec<String> = Vec::new();
    parts.extend(std::iter::repeat_n("..".to_string(), b.len() - common));
    parts.extend(
        p[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_display() {
        let base = Path::new("/w/a/meetings");
        assert_eq!(
            display_path(Path::new("/w/a/plan.yaml"), base),
            "../plan.yaml"
        );
        assert_eq!(
            display_path(Path::new("/w/a/meetings/x.yaml"), base),
            "x.yaml"
        );
        assert_eq!(
            display_path(Path::new("/w/a/./b/../plan.yaml"), Path::new("/w")),
            "a/plan.yaml"
        );
    }

    #[test]
    fn exclusions() {
        let root = Path::new("/c");
        let (ex, bad) = Exclusions::new(root, "dist", &["drafts/**".into(), "old".into()]);
        assert!(bad.is_empty());
        assert!(ex.excludes(Path::new("/c/dist")));
        assert!(ex.excludes(Path::new("/c/dist/pack.yaml")));
        assert!(ex.excludes(Path::new("/c/drafts/x.yaml")));
        assert!(ex.excludes(Path::new("/c/old/y.yaml")));
        assert!(!ex.excludes(Path::new("/c/plan.yaml")));
        assert!(!ex.excludes(Path::new("/c")));
    }

    #[test]
    fn an_output_folder_that_is_the_campaign_hides_nothing() {
        let root = Path::new("/c");
        for out in [".", "", "dist/..", "..", "/elsewhere"] {
            let (ex, _) = Exclusions::new(root, out, &[]);
            assert!(!ex.excludes(Path::new("/c/plan.yaml")), "{out:?}");
        }
    }

    #[test]
    fn walk_reaches_only_what_the_walk_would_read() {
        let tmp = tempfile::TempDir::new().unwrap();
        let top = tmp.path();
        let write = |rel: &str| {
            let path = top.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "kind: plan\n").unwrap();
        };
        std::fs::write(top.join(".gitignore"), "scratch/\n*.tmp.yaml\n").unwrap();
        for rel in [
            "c/plan.yaml",
            "c/drafts/a.yaml",
            "c/scratch/b.yaml",
            "c/x.tmp.yaml",
            "c/.hidden/d.yaml",
        ] {
            write(rel);
        }
        let root = top.join("c");
        let (ex, _) = Exclusions::new(&root, "dist", &["drafts".into()]);
        let reaches = |rel: &str| walk_reaches(&root, Some(&ex), &root.join(rel));
        assert!(reaches("plan.yaml"));
        // A file not on disk yet is judged by its folder and the globs.
        assert!(reaches("meetings/../new.yaml"));
        assert!(!reaches("drafts/new.yaml"));
        for skipped in [
            "drafts/a.yaml",
            "scratch/b.yaml",
            "x.tmp.yaml",
            ".hidden/d.yaml",
        ] {
            assert!(!reaches(skipped), "{skipped}");
        }
        // Outside a campaign, only ignore files and hidden entries count.
        assert!(walk_reaches(top, None, &root.join("drafts/a.yaml")));
        assert!(!walk_reaches(top, None, &root.join("scratch/b.yaml")));
        assert!(!walk_reaches(&root, None, &top.join("elsewhere.yaml")));
    }

    #[test]
    fn yaml_links_are_listed_not_read() {
        let tmp = tempfile::TempDir::new().unwrap();
        let root = tmp.path();
        std::fs::write(root.join("plan.yaml"), "kind: plan\n").unwrap();
        std::fs::write(root.join("notes.txt"), "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("plan.yaml"), root.join("partners.yaml")).unwrap();
            std::os::unix::fs::symlink(root.join("notes.txt"), root.join("notes-link.txt"))
                .unwrap();
        }
        let (ex, _) = Exclusions::new(root, "dist", &[]);
        let found = campaign_entries(&ex);
        assert_eq!(found.files, vec![root.join("plan.yaml")]);
        #[cfg(unix)]
        assert_eq!(found.links, vec![root.join("partners.yaml")]);
    }
}
