//! Preferences the shells share: where the devnet is, and how long until the wallet
//! locks itself.

use std::path::Path;

use super::{Wallet, networks::DEVNET_DIR_SETTING};
use crate::{accounts::AccountError, error::Result};

/// Minutes of inactivity before the desktop app locks, unless the user chose otherwise.
pub const AUTO_LOCK_DEFAULT_MINUTES: u32 = 15;
/// The longest auto-lock delay offered: a day.
const AUTO_LOCK_MAX_MINUTES: u32 = 24 * 60;

const AUTO_LOCK_SETTING: &str = "auto_lock_minutes";

impl Wallet {
    /// Uses the devnet whose manifest is in `dir` (instead of `DATA_DIR/devnet`).
    pub fn set_devnet_dir(&self, dir: &Path) -> Result<()> {
        Ok(self
            .store
            .set_setting(DEVNET_DIR_SETTING, &dir.display().to_string())?)
    }

    /// Minutes of inactivity before the app locks.
    pub fn auto_lock_minutes(&self) -> Result<u32> {
        Ok(self
            .store
            .setting(AUTO_LOCK_SETTING)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(AUTO_LOCK_DEFAULT_MINUTES))
    }

    /// Sets the auto-lock delay (1 minute to a day).
    pub fn set_auto_lock_minutes(&self, minutes: u32) -> Result<()> {
        if !(1..=AUTO_LOCK_MAX_MINUTES).contains(&minutes) {
            return Err(AccountError::BadSetting(format!(
                "Auto-lock must be between 1 and {AUTO_LOCK_MAX_MINUTES} minutes."
            ))
            .into());
        }
        Ok(self
            .store
            .set_setting(AUTO_LOCK_SETTING, &minutes.to_string())?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wallet::test_wallet as wallet;

    #[test]
    fn auto_lock_defaults_and_rejects_out_of_range() {
        let (_d, w) = wallet();
        assert_eq!(w.auto_lock_minutes().unwrap(), AUTO_LOCK_DEFAULT_MINUTES);
        w.set_auto_lock_minutes(5).unwrap();
        assert_eq!(w.auto_lock_minutes().unwrap(), 5);
        assert!(w.set_auto_lock_minutes(0).is_err());
        assert!(w.set_auto_lock_minutes(AUTO_LOCK_MAX_MINUTES + 1).is_err());
        assert_eq!(w.auto_lock_minutes().unwrap(), 5);
    }
}
