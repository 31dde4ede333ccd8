//! Where secrets come from: standard input, environment variables for scripts, or a
//! hidden prompt on the terminal. Never from command-line arguments.

use std::{
    cell::RefCell,
    io::{BufRead, Read},
};

use switchyard_core::keys::Password;
use zeroize::Zeroizing;

use crate::error::CliError;

pub use switchyard_core::keys::{
    KEYSTORE_PASSWORD_ENV, NEW_PASSWORD_ENV, PASSPHRASE_ENV, PASSWORD_ENV,
};

/// Reads secrets and payloads in a fixed order: a command's own stdin input first,
/// then, with `--password-stdin`, the password on the next line.
pub struct Input {
    password_stdin: bool,
    stdin: RefCell<std::io::StdinLock<'static>>,
}

impl Input {
    pub fn new(password_stdin: bool) -> Self {
        Self {
            password_stdin,
            stdin: RefCell::new(std::io::stdin().lock()),
        }
    }

    /// The next line of standard input, without its line ending.
    pub fn line(&self, what: &str) -> Result<Zeroizing<String>, CliError> {
        let mut line = Zeroizing::new(String::new());
        let n = self.stdin.borrow_mut().read_line(&mut line).map_err(|e| {
            CliError::Input(format!("Could not read {what} from standard input: {e}"))
        })?;
        if n == 0 {
            return Err(CliError::Input(format!(
                "Expected {what} on standard input, but it was empty."
            )));
        }
        let trimmed = Zeroizing::new(line.trim_end_matches(['\r', '\n']).to_owned());
        Ok(trimmed)
    }

    /// All of standard input (a JSON payload or a message).
    pub fn all(&self, what: &str) -> Result<String, CliError> {
        if self.password_stdin {
            return Err(CliError::Input(format!(
                "Standard input cannot carry both {what} and the password: pass {what} as a file, or the password in {PASSWORD_ENV}."
            )));
        }
        let mut text = String::new();
        self.stdin
            .borrow_mut()
            .read_to_string(&mut text)
            .map_err(|e| {
                CliError::Input(format!("Could not read {what} from standard input: {e}"))
            })?;
        Ok(text)
    }

    /// The password of the existing vault.
    pub fn password(&self) -> Result<Password, CliError> {
        Ok(Password::new(
            self.vault_password_text("Wallet password: ")?.as_str(),
        ))
    }

    /// A new vault password, checked against the policy (and typed twice at a prompt).
    pub fn new_password(&self) -> Result<Password, CliError> {
        if let Some(text) = self.scripted_password()? {
            return Ok(Password::new_checked(text.as_str())?);
        }
        let first = prompt(
            "New wallet password (at least 8 characters): ",
            PASSWORD_ENV,
        )?;
        let password = Password::new_checked(first.as_str())?;
        let second = prompt("Repeat the password: ", PASSWORD_ENV)?;
        if first != second {
            return Err(CliError::Input(
                "The two passwords differ; nothing was changed. Try again.".into(),
            ));
        }
        Ok(password)
    }

    /// The new password of a password change (read after the current one): from
    /// SWITCHYARD_NEW_PASSWORD, the next line of standard input with `--password-stdin`,
    /// or a prompt typed twice; checked against the policy.
    pub fn replacement_password(&self) -> Result<Password, CliError> {
        let text = if let Ok(text) = std::env::var(NEW_PASSWORD_ENV) {
            Zeroizing::new(text)
        } else if self.password_stdin {
            self.line("the new password")?
        } else {
            let first = prompt("New password (at least 8 characters): ", NEW_PASSWORD_ENV)?;
            let second = prompt("Repeat the new password: ", NEW_PASSWORD_ENV)?;
            if first != second {
                return Err(CliError::Input(
                    "The two passwords differ; nothing was changed. Try again.".into(),
                ));
            }
            first
        };
        Ok(Password::new_checked(text.as_str())?)
    }

    /// A secret from an environment variable, else a hidden prompt.
    pub fn secret(&self, env: &str, prompt_text: &str) -> Result<Zeroizing<String>, CliError> {
        match std::env::var(env) {
            Ok(value) => Ok(Zeroizing::new(value)),
            Err(_) => prompt(prompt_text, env),
        }
    }

    /// Asks for one word at a prompt.
    pub fn word(&self, prompt_text: &str) -> Result<Zeroizing<String>, CliError> {
        rpassword::prompt_password(prompt_text).map(Zeroizing::new).map_err(|_| {
            CliError::Input(
                "Confirming the recovery phrase needs a terminal. Run this in a terminal, or pass --yes if you have written the phrase down.".into(),
            )
        })
    }

    fn vault_password_text(&self, prompt_text: &str) -> Result<Zeroizing<String>, CliError> {
        match self.scripted_password()? {
            Some(text) => Ok(text),
            None => prompt(prompt_text, PASSWORD_ENV),
        }
    }

    fn scripted_password(&self) -> Result<Option<Zeroizing<String>>, CliError> {
        if self.password_stdin {
            return self.line("the password").map(Some);
        }
        Ok(std::env::var(PASSWORD_ENV).ok().map(Zeroizing::new))
    }
}

fn prompt(text: &str, env: &str) -> Result<Zeroizing<String>, CliError> {
    rpassword::prompt_password(text)
        .map(Zeroizing::new)
        .map_err(|_| {
            CliError::Input(format!(
                "No terminal to ask for it: set {env}{}.",
                if env == PASSWORD_ENV {
                    " or use --password-stdin"
                } else {
                    ""
                }
            ))
        })
}
