//! The campaign lock. Commands that edit a campaign's files (`new`, `log`,
//! `action`) hold it from reading the files to writing them, so two edits
//! run at once take turns and neither loses the other's change.
//!
//! The lock is an advisory, exclusive lock (`flock` on Unix, `LockFileEx`
//! on Windows, through the standard library) on the campaign's
//! `collab.toml`, opened read-only: every campaign has that file, so no
//! lock file is ever created, and the lock goes when the process ends, even
//! if it is killed.

use std::fs::File;
use std::path::Path;

use crate::Error;
use crate::model::config::CONFIG_FILE;

/// Held while a command edits a campaign; dropping it lets the next one in.
#[derive(Debug)]
pub struct CampaignLock {
    _file: File,
}

/// How often to try again when `collab.toml` is replaced while waiting.
const ATTEMPTS: usize = 20;

/// Wait for, and take, the lock of the campaign in `root`.
pub fn lock_campaign(root: &Path) -> Result<CampaignLock, Error> {
    let path = root.join(CONFIG_FILE);
    let fail = |e: std::io::Error| {
        Error::Failed(format!(
            "could not lock the campaign for editing ({}): {e}",
            path.display()
        ))
    };
    for _ in 0..ATTEMPTS {
        let file = File::open(&path).map_err(fail)?;
        file.lock().map_err(fail)?;
        // A command that rewrote collab.toml while this one waited leaves
        // the lock on a file no one else will open: take the new one's.
        if still_there(&file, &path) {
            return Ok(CampaignLock { _file: file });
        }
    }
    Err(Error::Failed(format!(
        "could not lock the campaign for editing: {} keeps being replaced",
        path.display()
    )))
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
fn still_there(_: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_is_taken_and_given_back() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "[campaign]\n").unwrap();
        let first = lock_campaign(dir.path()).unwrap();
        // Another handle cannot have it while the first is held.
        let other = File::open(dir.path().join(CONFIG_FILE)).unwrap();
        assert!(other.try_lock().is_err());
        drop(first);
        assert!(other.try_lock().is_ok());
    }

    #[test]
    fn no_campaign_no_lock() {
        let dir = tempfile::TempDir::new().unwrap();
        let err = lock_campaign(dir.path()).unwrap_err();
        assert!(err.to_string().contains("could not lock the campaign"));
    }
}
