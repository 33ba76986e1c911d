//! The campaign lock. Commands that edit a campaign's files (`new`, `log`,
//! `action`, `convert --write`) hold it from reading the files to writing
//! them, so two edits run at once take turns and neither loses the other's
//! change.
//!
//! On Unix the lock is an advisory, exclusive `flock` (through the standard
//! library's `File::lock`) on the campaign's `collab.toml`, opened
//! read-only: every campaign has that file, so no lock file is created, and
//! the lock goes when the process ends, even if it is killed. Windows locks
//! are mandatory (a locked `collab.toml` could not be read), so there the
//! lock is taken on a file of its own in the user's temporary folder, named
//! after the campaign's folder.

use std::fs::File;
use std::path::{Path, PathBuf};

/// Why the campaign could not be locked for editing.
#[derive(Debug)]
pub enum LockError {
    /// The lock file could not be opened.
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The lock file kept being replaced while waiting for it.
    Replaced { path: PathBuf },
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Open { path, source } => write!(
                f,
                "could not open {} to lock the campaign for editing: {source}",
                path.display()
            ),
            LockError::Replaced { path } => write!(
                f,
                "could not lock the campaign for editing: {} keeps being replaced",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LockError {}

/// Held while a command edits a campaign; dropping it lets the next one in.
#[derive(Debug)]
pub struct CampaignLock {
    _file: Option<File>,
}

/// How often to try again when `collab.toml` is replaced while waiting.
const ATTEMPTS: usize = 20;

/// Wait for, and take, the lock of the campaign in `root`. Where the file
/// system cannot lock files (some network drives), say so and go on
/// without the lock.
pub fn lock_campaign(root: &Path) -> Result<CampaignLock, LockError> {
    let path = lock_path(root);
    let fail = |source: std::io::Error| LockError::Open {
        path: path.clone(),
        source,
    };
    for _ in 0..ATTEMPTS {
        let file = open(&path).map_err(fail)?;
        if let Err(e) = file.lock() {
            eprintln!(
                "warning: could not lock the campaign for editing ({e}); an edit made \
                 at the same moment by another collab could be lost"
            );
            return Ok(CampaignLock { _file: None });
        }
        // A command that rewrote collab.toml while this one waited leaves
        // the lock on a file no one else will open: take the new one's.
        if still_there(&file, &path) {
            return Ok(CampaignLock { _file: Some(file) });
        }
    }
    Err(LockError::Replaced { path })
}

#[cfg(unix)]
fn lock_path(root: &Path) -> PathBuf {
    root.join(crate::model::config::CONFIG_FILE)
}

#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Whether `path` still names the file `file` has open.
#[cfg(unix)]
fn still_there(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn lock_path(root: &Path) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut hasher = std::hash::DefaultHasher::new();
    root.hash(&mut hasher);
    std::env::temp_dir().join(format!("collab-{:016x}.lock", hasher.finish()))
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

#[cfg(not(unix))]
fn still_there(_: &File, _: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::CONFIG_FILE;

    #[test]
    fn the_lock_is_taken_and_given_back() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "[campaign]\n").unwrap();
        let first = lock_campaign(dir.path()).unwrap();
        // Another handle cannot have it while the first is held.
        let other = open(&lock_path(dir.path())).unwrap();
        assert!(other.try_lock().is_err());
        drop(first);
        assert!(other.try_lock().is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn no_campaign_no_lock() {
        let dir = tempfile::TempDir::new().unwrap();
        let err = lock_campaign(dir.path()).unwrap_err();
        assert!(err.to_string().contains("to lock the campaign"), "{err}");
    }
}
