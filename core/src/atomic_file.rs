//! Crash-safe file replacement: write a temporary file beside the target, fsync it,
//! rename it over the target, fsync the directory. A crash at any point leaves either
//! the old file or the new one, never a torn mix.
//!
//! Each writer gets its own temporary file (a random name), so two processes writing
//! the same target never write into one file; callers that read, modify and write hold
//! a [`crate::lock::FileLock`] so the last writer does not overwrite another's change.

use std::{
    fs::{self, File},
    io::{self, Write},
    path::{Path, PathBuf},
};

/// Marks the temporary files of a target: `.NAME.RANDOM.tmp`.
const TEMP_SUFFIX: &str = ".tmp";

/// A fully written and synced temporary file that has not replaced its target yet.
///
/// Dropping it without [`StagedFile::commit`] removes the temporary file; a crash leaves
/// it behind, and [`remove_stale`] clears it later.
#[derive(Debug)]
pub struct StagedFile {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
}

/// Writes `bytes` to a new temporary file beside `target` (owner-only) and syncs it.
pub fn stage(target: &Path, bytes: &[u8]) -> io::Result<StagedFile> {
    let dir = parent(target);
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{}.", file_name(target)))
        .suffix(TEMP_SUFFIX)
        // tempfile creates files 0600 on Unix: secrets-bearing files are the owner's only.
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(StagedFile {
        temp,
        target: target.to_path_buf(),
    })
}

impl StagedFile {
    /// Atomically replaces the target with the staged file and makes the rename durable.
    pub fn commit(self) -> io::Result<()> {
        self.temp.persist(&self.target).map_err(|e| e.error)?;
        sync_dir(&self.target)
    }

    /// Moves the staged file into place only if the target does not exist yet (atomic:
    /// of two writers racing, exactly one wins). `AlreadyExists` otherwise.
    pub fn commit_new(self) -> io::Result<()> {
        self.temp
            .persist_noclobber(&self.target)
            .map_err(|e| e.error)?;
        sync_dir(&self.target)
    }
}

/// Replaces `target` with `bytes` atomically (see the module docs).
pub fn write(target: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(target, bytes)?.commit()
}

/// Removes temporary files of `target` left by writers that crashed. Call it only while
/// holding the lock every writer of `target` takes, so no live writer's file is removed.
pub fn remove_stale(target: &Path) -> io::Result<usize> {
    let prefix = format!(".{}.", file_name(target));
    let mut removed = 0;
    for entry in fs::read_dir(parent(target))? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX) {
            fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

fn parent(target: &Path) -> &Path {
    match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn file_name(target: &Path) -> String {
    target
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// Persists the directory entry; without this a power cut may undo the rename.
fn sync_dir(target: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(parent(target))?.sync_all()?;
    #[cfg(not(unix))]
    let _ = target;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temps(dir: &Path) -> usize {
        fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(TEMP_SUFFIX)
            })
            .count()
    }

    #[test]
    fn write_replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        write(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(temps(dir.path()), 0);
    }

    #[test]
    fn uncommitted_stage_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        write(&path, b"old").unwrap();
        let staged = stage(&path, b"new").unwrap();
        drop(staged);
        assert_eq!(fs::read(&path).unwrap(), b"old");
    }

    #[test]
    fn two_writers_stage_into_separate_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let a = stage(&path, b"a").unwrap();
        let b = stage(&path, b"b").unwrap();
        assert_ne!(a.temp.path(), b.temp.path());
        a.commit().unwrap();
        b.commit().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"b");
    }

    #[test]
    fn commit_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        stage(&path, b"first").unwrap().commit_new().unwrap();
        let err = stage(&path, b"second").unwrap().commit_new().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"first");
        assert_eq!(
            temps(dir.path()),
            0,
            "the loser's temporary file is removed"
        );
    }

    #[test]
    fn stale_temp_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let crashed = stage(&path, b"x").unwrap();
        // A crash: the temporary file stays on disk.
        let (_, kept) = crashed.temp.keep().unwrap();
        assert!(kept.exists());
        fs::write(dir.path().join("other.tmp"), b"not ours").unwrap();
        assert_eq!(remove_stale(&path).unwrap(), 1);
        assert!(!kept.exists());
        assert!(dir.path().join("other.tmp").exists());
    }
}
