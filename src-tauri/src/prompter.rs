//! Device prompts as UI events. Notices are posted and forgotten; a Trezor's PIN or
//! passphrase request blocks its device thread until the person answers in the app
//! (`hw_answer`), cancels, or five minutes pass.

use std::{
    sync::{Mutex, mpsc},
    time::Duration,
};

use switchyard_core::hw::{Prompt, Prompter, Vendor};
use tauri::AppHandle;
use tauri_specta::Event;

use crate::events::{HwPrompt, HwPromptKind};

/// How long a PIN or passphrase request waits for the person.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(300);

/// The desktop app's [`Prompter`].
pub struct DesktopPrompter {
    app: AppHandle,
    answer: Mutex<Option<mpsc::Sender<Option<String>>>>,
}

impl DesktopPrompter {
    /// A prompter posting to `app`'s windows.
    pub fn new(app: AppHandle) -> Self {
        Self {
            app,
            answer: Mutex::new(None),
        }
    }

    /// Delivers the person's answer (`None`: cancelled) to the waiting request. Returns
    /// false when nothing is waiting.
    pub fn answer(&self, answer: Option<String>) -> bool {
        let waiting = self.answer.lock().ok().and_then(|mut a| a.take());
        waiting.is_some_and(|tx| tx.send(answer).is_ok())
    }

    fn emit(&self, kind: HwPromptKind, vendor: Vendor, message: String) {
        let _ = HwPrompt {
            kind,
            vendor: vendor.to_string(),
            message,
        }
        .emit(&self.app);
    }

    fn ask(&self, kind: HwPromptKind, message: &str) -> Option<String> {
        let (tx, rx) = mpsc::channel();
        *self.answer.lock().ok()? = Some(tx);
        self.emit(kind, Vendor::Trezor, message.to_owned());
        let answer = rx.recv_timeout(ANSWER_TIMEOUT).ok().flatten();
        self.emit(HwPromptKind::Done, Vendor::Trezor, String::new());
        answer
    }
}

impl Prompter for DesktopPrompter {
    fn notify(&self, prompt: &Prompt) {
        let (kind, vendor) = match prompt {
            Prompt::Confirm { vendor, .. } => (HwPromptKind::Confirm, *vendor),
            Prompt::Unlock { vendor } => (HwPromptKind::Unlock, *vendor),
            Prompt::Done { vendor } => (HwPromptKind::Done, *vendor),
        };
        self.emit(kind, vendor, prompt.to_string());
    }

    fn pin(&self) -> Option<String> {
        self.ask(
            HwPromptKind::Pin,
            "Enter your Trezor PIN: click the positions of your digits as your Trezor shows them.",
        )
    }

    fn passphrase(&self) -> Option<String> {
        self.ask(
            HwPromptKind::Passphrase,
            "Enter your Trezor passphrase. A different passphrase opens a different wallet.",
        )
    }
}
