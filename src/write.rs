//! Writing files: the one place collab changes anything on disk.
//!
//! Every file goes to a temporary file with a random name, created
//! exclusively in the target's own folder (so it can never be a link
//! planted in advance), is flushed to disk with the target's permission
//! bits, and is then renamed over the target. Before anything is written,
//! each target must lie inside a root folder (the campaign, the workspace,
//! or an output folder named on the command line), and neither the target
//! nor any folder between the root and the target may be a symbolic link.
//! A read-only target is refused rather than replaced.
//!
//! [`write_files`] is whole or nothing: every target is checked before the
//! first temporary file is made, and nothing is renamed into place until
//! every temporary file is on disk.

use std::fs::{self, Permissions};
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

use tempfile::NamedTempFile;

use crate::discover::normalize;

/// Why a file could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The target is a folder.
    IsFolder(PathBuf),
    /// The target is something other than a regular file.
    NotRegular(PathBuf),
    /// The target is read-only.
    ReadOnly(PathBuf),
    /// The target lies outside the root it must stay in.
    Outside { path: PathBuf, root: PathBuf },
    /// The target, or a folder on the way, is a symbolic link.
    Link(PathBuf),
    /// Something on the way to the target is not a folder.
    NotFolder(PathBuf),
    /// The file system refused.
    Io { path: PathBuf, source: io::Error },
    /// Renaming into place failed after `written` files were written.
    Persist {
        path: PathBuf,
        source: io::Error,
        written: usize,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::IsFolder(p) => write!(
                f,
                "{} is a folder, not a file; collab will not write it",
                p.display()
            ),
            WriteError::NotRegular(p) => write!(
                f,
                "{} is not a regular file; collab will not replace it",
                p.display()
            ),
            WriteError::ReadOnly(p) => {
                write!(f, "{} is read-only; collab will not change it", p.display())
            }
            WriteError::Outside { path, root } => write!(
                f,
                "{} is outside {}; collab only writes inside the campaign or the output folder",
                path.display(),
                root.display()
            ),
            WriteError::Link(p) => write!(
                f,
                "{} is a symbolic link; collab does not write through links",
                p.display()
            ),
            WriteError::NotFolder(p) => write!(
                f,
                "{} is not a folder; collab cannot write below it",
                p.display()
            ),
            WriteError::Io { path, source } => {
                write!(f, "could not write {}: {source}", path.display())
            }
            WriteError::Persist {
                path,
                source,
                written,
            } => {
                write!(f, "could not write {}: {source}", path.display())?;
                if *written > 0 {
                    write!(f, " ({written} file(s) before it were written)")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for WriteError {}

type Error = WriteError;

/// A checked target: where it goes and the permissions it keeps.
struct Target {
    path: PathBuf,
    /// The permissions of the file it replaces, if there is one.
    keep: Option<Permissions>,
}

/// Write one file inside `root` (see the module documentation).
pub fn write_file(root: &Path, path: &Path, contents: &[u8]) -> Result<(), Error> {
    write_files(root, &[(path, contents)])
}

/// Write several files inside `root`, whole or nothing: if any target is
/// refused, or any temporary file cannot be written, no file is changed.
pub fn write_files<P, C>(root: &Path, files: &[(P, C)]) -> Result<(), Error>
where
    P: AsRef<Path>,
    C: AsRef<[u8]>,
{
    let batch: Vec<(&Path, &Path, &[u8])> = files
        .iter()
        .map(|(path, contents)| (root, path.as_ref(), contents.as_ref()))
        .collect();
    write_batch(&batch)
}

/// [`write_files`] where each file has its own root, `(root, path,
/// contents)`: for one command writing into several campaigns at once.
pub fn write_batch(files: &[(&Path, &Path, &[u8])]) -> Result<(), Error> {
    let targets = files
        .iter()
        .map(|(root, path, _)| check_target(&normalize(root), path))
        .collect::<Result<Vec<_>, _>>()?;
    let mut created = Vec::new();
    let staged = targets
        .iter()
        .zip(files)
        .map(|(target, (root, _, contents))| {
            stage(&normalize(root), target, contents, &mut created)
        })
        .collect::<Result<Vec<_>, _>>();
    match staged {
        Ok(staged) => persist_all(&targets, staged),
        Err(e) => {
            // The temporary files are gone already (dropped); so go the
            // folders made for them, if they are still empty.
            for dir in created.iter().rev() {
                let _ = fs::remove_dir(dir);
            }
            Err(e)
        }
    }
}

/// Check that collab may write in the folder `dir` on behalf of `root`:
/// `dir` lies inside `root` (or is `root`), and no folder from `root` down
/// to `dir` is a symbolic link or something other than a folder.
pub fn check_folder(root: &Path, dir: &Path) -> Result<(), Error> {
    let root = normalize(root);
    let dir = normalize(dir);
    let parts = relative_parts(&root, &dir)?;
    check_folders(&root, &parts)
}

/// Check one target before anything is written.
fn check_target(root: &Path, path: &Path) -> Result<Target, Error> {
    let path = normalize(path);
    let parts = relative_parts(root, &path)?;
    let Some((_, folders)) = parts.split_last() else {
        return Err(WriteError::IsFolder(path));
    };
    check_folders(root, folders)?;
    let keep = match fs::symlink_metadata(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(failed(&path, e)),
        Ok(meta) if meta.file_type().is_symlink() => return Err(linked(&path)),
        Ok(meta) if !meta.is_file() => {
            return Err(WriteError::NotRegular(path));
        }
        Ok(meta) if meta.permissions().readonly() => {
            return Err(WriteError::ReadOnly(path));
        }
        Ok(meta) => Some(meta.permissions()),
    };
    Ok(Target { path, keep })
}

/// The parts of `path` below `root`, or an error if it is not below it.
fn relative_parts<'a>(root: &Path, path: &'a Path) -> Result<Vec<&'a std::ffi::OsStr>, Error> {
    let outside = || WriteError::Outside {
        path: path.to_path_buf(),
        root: root.to_path_buf(),
    };
    let rel = path.strip_prefix(root).map_err(|_| outside())?;
    rel.components()
        .map(|c| match c {
            Component::Normal(part) => Ok(part),
            _ => Err(outside()),
        })
        .collect()
}

/// Check each existing folder from `root` along `parts`: none may be a
/// link or a file. Folders that do not exist yet are made later.
fn check_folders(root: &Path, parts: &[&std::ffi::OsStr]) -> Result<(), Error> {
    let mut at = root.to_path_buf();
    for part in parts {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(failed(&at, e)),
            Ok(meta) if meta.file_type().is_symlink() => return Err(linked(&at)),
            Ok(meta) if !meta.is_dir() => return Err(not_folder(&at)),
            Ok(_) => {}
        }
    }
    Ok(())
}

/// Make the target's folder (one level at a time, never through a link)
/// and write the contents to a new temporary file in it.
fn stage(
    root: &Path,
    target: &Target,
    contents: &[u8],
    created: &mut Vec<PathBuf>,
) -> Result<NamedTempFile, Error> {
    let parent = target.path.parent().unwrap_or(root);
    make_folders(root, parent, created)?;
    let fail = |e: io::Error| failed(&target.path, e);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".collab-").suffix(".tmp");
    // A new file gets the usual mode for new files (0666 less the umask);
    // the temporary file's own default, 0600, is for secrets.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(parent).map_err(fail)?;
    if let Some(keep) = &target.keep {
        tmp.as_file().set_permissions(keep.clone()).map_err(fail)?;
    }
    tmp.write_all(contents).map_err(fail)?;
    // On disk before the rename, so a crash leaves the old file or the new
    // one, never half of one.
    tmp.as_file().sync_all().map_err(fail)?;
    Ok(tmp)
}

/// Make the folders from `root` down to `dir` that do not exist, one at a
/// time, recording each one made.
fn make_folders(root: &Path, dir: &Path, created: &mut Vec<PathBuf>) -> Result<(), Error> {
    if fs::symlink_metadata(root).is_err() {
        fs::create_dir_all(root).map_err(|e| failed(root, e))?;
        created.push(root.to_path_buf());
    }
    let mut at = root.to_path_buf();
    for part in relative_parts(root, dir)? {
        at.push(part);
        match fs::create_dir(&at) {
            Ok(()) => created.push(at.clone()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let meta = fs::symlink_metadata(&at).map_err(|e| failed(&at, e))?;
                if meta.file_type().is_symlink() {
                    return Err(linked(&at));
                }
                if !meta.is_dir() {
                    return Err(not_folder(&at));
                }
            }
            Err(e) => return Err(failed(&at, e)),
        }
    }
    Ok(())
}

/// Rename every staged file over its target, then flush the folders.
fn persist_all(targets: &[Target], staged: Vec<NamedTempFile>) -> Result<(), Error> {
    let mut folders: Vec<&Path> = Vec::new();
    for (done, (target, tmp)) in targets.iter().zip(staged).enumerate() {
        if let Err(e) = tmp.persist(&target.path) {
            return Err(WriteError::Persist {
                path: target.path.clone(),
                source: e.error,
                written: done,
            });
        }
        if let Some(parent) = target.path.parent()
            && !folders.contains(&parent)
        {
            folders.push(parent);
        }
    }
    for folder in folders {
        sync_folder(folder);
    }
    Ok(())
}

/// Flush a folder so the renames in it survive a crash. Not every system
/// or file system can do this; the files themselves are on disk already.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    {
        let _ = fs::File::open(dir).and_then(|f| f.sync_all());
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn failed(path: &Path, e: io::Error) -> Error {
    WriteError::Io {
        path: path.to_path_buf(),
        source: e,
    }
}

fn linked(path: &Path) -> Error {
    WriteError::Link(path.to_path_buf())
}

fn not_folder(path: &Path) -> Error {
    WriteError::NotFolder(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn writes_and_makes_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a/b/c.txt");
        write_file(tmp.path(), &path, b"hello").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"hello");
        assert_eq!(names(&tmp.path().join("a/b")), ["c.txt"]);
    }

    #[test]
    fn refuses_outside_and_the_root_itself() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("root");
        let outside = tmp.path().join("x.txt");
        assert!(write_file(&root, &outside, b"x").is_err());
        assert!(write_file(&root, &root.join("a/../../x.txt"), b"x").is_err());
        assert!(write_file(&root, &root, b"x").is_err());
        assert!(!outside.exists());
    }

    #[test]
    fn nothing_is_written_when_one_target_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir(root.join("a-folder")).unwrap();
        let files = [
            (root.join("new/one.txt"), b"1".to_vec()),
            (root.join("a-folder"), b"2".to_vec()),
        ];
        assert!(write_files(root, &files).is_err());
        assert_eq!(names(root), ["a-folder"]);
    }

    #[test]
    fn a_failed_stage_removes_its_folders_and_temporary_files() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        // Passes the checks (its folders do not exist yet), but no file
        // system takes a name this long, so making its folder fails.
        let too_long = "x".repeat(300);
        let files = [
            (root.join("new/one.txt"), b"1".to_vec()),
            (
                root.join("new/more").join(too_long).join("two.txt"),
                b"2".to_vec(),
            ),
        ];
        assert!(write_files(root, &files).is_err());
        assert_eq!(names(root), Vec::<String>::new());
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("secret.yaml");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, Permissions::from_mode(0o600)).unwrap();
        write_file(tmp.path(), &path, b"new").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(fs::read(&path).unwrap(), b"new");
    }
}
