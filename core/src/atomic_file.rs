//! Crash-safe file replacement: write a temporary file beside the target, fsync it,
//! rename it over the target, fsync the directory. A crash at any point leaves either
//! the old file or the new one, never a torn mix.

use std::{
    fs::{self, File, OpenOptions},
    io::{self, Write},
    path::{Path, PathBuf},
};

/// A fully written and synced temporary file that has not replaced its target yet.
///
/// Dropping it without [`StagedFile::commit`] (what a crash amounts to) leaves the
/// target untouched; the stray temporary file is overwritten by the next write.
#[derive(Debug)]
pub struct StagedFile {
    temp: PathBuf,
    target: PathBuf,
}

/// Writes `bytes` to a temporary file beside `target` and syncs it to disk.
pub fn stage(target: &Path, bytes: &[u8]) -> io::Result<StagedFile> {
    let temp = temp_path(target);
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Secrets-bearing files are readable by their owner only.
        options.mode(0o600);
    }
    let mut file = options.open(&temp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(StagedFile {
        temp,
        target: target.to_path_buf(),
    })
}

impl StagedFile {
    /// Atomically replaces the target with the staged file and makes the rename durable.
    pub fn commit(self) -> io::Result<()> {
        fs::rename(&self.temp, &self.target)?;
        if let Some(dir) = self.target.parent() {
            // Persist the directory entry; without this a power cut may undo the rename.
            #[cfg(unix)]
            File::open(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            })?
            .sync_all()?;
        }
        Ok(())
    }
}

/// Replaces `target` with `bytes` atomically (see the module docs).
pub fn write(target: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(target, bytes)?.commit()
}

fn temp_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    target.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        write(&path, b"one").unwrap();
        write(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert!(!temp_path(&path).exists());
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
}
