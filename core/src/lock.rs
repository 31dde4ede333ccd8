//! Locks between processes that share a data directory (several CLI commands, the app).
//!
//! An OS advisory lock (`flock` on Unix, `LockFileEx` on Windows, through std's
//! [`File::lock`]) on a file beside the data it guards. The OS releases it when the holder
//! exits, even by `kill -9`, so a crashed process never leaves the wallet locked. Locks
//! taken through two opens of the file conflict even inside one process, so two tasks of
//! the app are serialized like two processes.

use std::{
    fs::{File, OpenOptions, TryLockError},
    io,
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

/// How often [`FileLock::acquire_async`] tries again.
const POLL: Duration = Duration::from_millis(25);

/// An exclusive lock, held until dropped.
#[derive(Debug)]
pub struct FileLock {
    // Closing the file releases the lock.
    _file: File,
    path: PathBuf,
}

impl FileLock {
    /// Waits for the lock on `path` (created owner-only if missing). For short critical
    /// sections: it blocks the thread.
    pub fn acquire(path: &Path) -> io::Result<Self> {
        let file = open(path)?;
        file.lock()?;
        Ok(Self {
            _file: file,
            path: path.to_owned(),
        })
    }

    /// Takes the lock on `path` if nobody holds it.
    pub fn try_acquire(path: &Path) -> io::Result<Option<Self>> {
        let file = open(path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Self {
                _file: file,
                path: path.to_owned(),
            })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }

    /// Waits for the lock on `path` without blocking the thread (other tasks of the same
    /// thread keep running), for at most `timeout`; `None` when it is still held then.
    pub async fn acquire_async(path: &Path, timeout: Duration) -> io::Result<Option<Self>> {
        let started = Instant::now();
        loop {
            if let Some(lock) = Self::try_acquire(path)? {
                return Ok(Some(lock));
            }
            if started.elapsed() >= timeout {
                return Ok(None);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn open(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_is_refused_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.lock");
        let held = FileLock::acquire(&path).unwrap();
        // A second open of the same file, as another process would, cannot take it.
        assert!(FileLock::try_acquire(&path).unwrap().is_none());
        drop(held);
        assert!(FileLock::try_acquire(&path).unwrap().is_some());
    }

    #[tokio::test]
    async fn async_acquire_gives_up_after_its_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.lock");
        let _held = FileLock::acquire(&path).unwrap();
        let got = FileLock::acquire_async(&path, Duration::from_millis(60))
            .await
            .unwrap();
        assert!(got.is_none());
    }
}
