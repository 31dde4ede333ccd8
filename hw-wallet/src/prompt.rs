//! What a device flow needs from the person in front of it: notices to show ("Confirm on
//! your Ledger") and, for Trezor, answers to type (PIN, passphrase). The CLI answers on
//! the terminal; the desktop app answers with a dialog.

use crate::Vendor;

/// Something to show while a device flow runs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Prompt {
    /// The device shows a request: the person reviews and approves it there.
    Confirm {
        /// Device family.
        vendor: Vendor,
        /// What is being confirmed ("the address", "a transaction to 0x… on chain 10").
        action: String,
    },
    /// The device waits for its PIN or passphrase to be entered on it.
    Unlock {
        /// Device family.
        vendor: Vendor,
    },
    /// The device answered; any notice can be dismissed.
    Done {
        /// Device family.
        vendor: Vendor,
    },
}

impl std::fmt::Display for Prompt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Confirm { vendor, action } => {
                write!(f, "Review and approve {action} on your {vendor}.")
            }
            Self::Unlock { vendor } => {
                write!(
                    f,
                    "Unlock your {vendor}: enter your PIN or passphrase on it."
                )
            }
            Self::Done { .. } => Ok(()),
        }
    }
}

/// Answers a device flow asks for.
pub trait Prompter: Send + Sync {
    /// Shows (or clears) a notice. Must return at once (post it to the UI, don't wait
    /// on it): Ledger flows call it on the async runtime while holding the device.
    fn notify(&self, prompt: &Prompt) {
        let _ = prompt;
    }

    /// A Trezor One asks for its PIN on the host (this may block: Trezor flows run on
    /// their own thread): the answer is the positions of the
    /// digits in the scrambled 3×3 matrix its screen shows (`1`–`9`, bottom-left is 1).
    /// `None` cancels.
    fn pin(&self) -> Option<String> {
        None
    }

    /// A Trezor with passphrase protection asks for the passphrase. `None` cancels.
    fn passphrase(&self) -> Option<String> {
        None
    }
}

/// A prompter that shows nothing and answers nothing (scripts, tests).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoPrompts;

impl Prompter for NoPrompts {}
