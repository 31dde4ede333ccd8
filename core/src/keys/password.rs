//! The vault password and its policy.

use zeroize::Zeroizing;

use super::KeyError;

/// The shortest password a new vault accepts, in characters (Unicode scalar values).
///
/// 8 follows NIST SP 800-63B's minimum for user-chosen secrets; the vault's Argon2id
/// parameters (see docs/keys-and-vault.md) make each guess expensive.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The longest password accepted, to bound the work done on untrusted input.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// A vault password, zeroized on drop.
#[derive(Clone)]
pub struct Password(Zeroizing<String>);

impl Password {
    /// Wraps a password used to *open* an existing vault (no policy: it either opens or not).
    pub fn new(password: impl Into<String>) -> Self {
        Self(Zeroizing::new(password.into()))
    }

    /// Wraps a password chosen for a *new* vault, enforcing the policy.
    pub fn new_checked(password: impl Into<String>) -> Result<Self, KeyError> {
        let password = Self::new(password);
        password.check_policy()?;
        Ok(password)
    }

    /// Whether this password may protect a vault (what [`Password::new_checked`] enforces).
    pub fn check_policy(&self) -> Result<(), KeyError> {
        let password = self;
        let chars = password.0.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(KeyError::WeakPassword(format!(
                "The password is too short ({chars} characters): use at least {MIN_PASSWORD_CHARS}."
            )));
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(KeyError::WeakPassword(format!(
                "The password is too long: use at most {MAX_PASSWORD_CHARS} characters."
            )));
        }
        if password.0.trim().is_empty() {
            return Err(KeyError::WeakPassword(
                "The password cannot be only spaces.".to_owned(),
            ));
        }
        Ok(())
    }

    /// The password bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert!(matches!(
            Password::new_checked("short"),
            Err(KeyError::WeakPassword(_))
        ));
        assert!(matches!(
            Password::new_checked("        "),
            Err(KeyError::WeakPassword(_))
        ));
        assert!(Password::new_checked("correct horse").is_ok());
        // Counted in characters, not bytes: eight non-ASCII characters pass.
        assert!(Password::new_checked("ééééééééé").is_ok());
        assert!(matches!(
            Password::new_checked("éééé"),
            Err(KeyError::WeakPassword(_))
        ));
        assert!(format!("{:?}", Password::new("secret")).contains("redacted"));
    }
}
