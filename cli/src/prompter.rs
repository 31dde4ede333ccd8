//! Device prompts on the terminal: notices go to standard error; a Trezor's PIN and
//! passphrase come from the environment (scripts) or a hidden prompt.

use std::io::IsTerminal;

use switchyard_core::hw::{Prompt, Prompter};

/// Answers device flows on the terminal.
pub struct TerminalPrompter;

impl Prompter for TerminalPrompter {
    fn notify(&self, prompt: &Prompt) {
        if let Prompt::Confirm { .. } | Prompt::Unlock { .. } = prompt {
            eprintln!("{prompt}");
        }
    }

    fn pin(&self) -> Option<String> {
        if let Ok(pin) = std::env::var(switchyard_core::keys::TREZOR_PIN_ENV) {
            return Some(pin);
        }
        if !std::io::stdin().is_terminal() {
            return None;
        }
        eprintln!(
            "Your Trezor shows a scrambled keypad. Type the positions of your PIN's digits on this layout:\n  7 8 9\n  4 5 6\n  1 2 3"
        );
        rpassword::prompt_password("PIN positions: ").ok()
    }

    fn passphrase(&self) -> Option<String> {
        if let Ok(passphrase) = std::env::var(switchyard_core::keys::TREZOR_PASSPHRASE_ENV) {
            return Some(passphrase);
        }
        if !std::io::stdin().is_terminal() {
            return None;
        }
        rpassword::prompt_password("Trezor passphrase (empty for none): ").ok()
    }
}
