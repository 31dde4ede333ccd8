//! What the wallet thread holds: the wallet, the unlocked session, a wallet being created,
//! prepared transfers awaiting confirmation, open devices and the active networks.

use std::{
    cell::{Cell, RefCell},
    collections::HashMap,
    path::PathBuf,
    rc::Rc,
    sync::Arc,
    time::{Duration, Instant},
};

use switchyard_core::{
    Session, Wallet,
    accounts::{Account, AccountKind, AccountSigner},
    hw::{Device, DeviceError, Prompter, Vendor},
    journey::PreparedJourney,
    keys::{Password, SeedPhrase},
    networks::Networks,
    tx::PreparedTx,
};
use tauri::AppHandle;
use tauri_specta::Event;

use crate::{
    error::CommandError,
    events::{LockReason, WalletLocked},
    prompter::DesktopPrompter,
};

/// A new wallet whose recovery phrase has been generated but not yet backed up: nothing
/// is written until the person confirms the words, so abandoning onboarding loses nothing
/// that could hold funds.
pub struct PendingWallet {
    /// The phrase.
    pub phrase: SeedPhrase,
    /// The password chosen for it (the reveal is confirmed against it).
    pub password: Password,
    /// The word positions the person must confirm.
    pub check: switchyard_core::keys::BackupCheck,
}

/// Where the app keeps its files.
#[derive(Debug, Clone)]
pub struct AppPaths {
    /// The wallet's data directory.
    pub data_dir: PathBuf,
    /// The log file.
    pub log_file: PathBuf,
}

/// Something prepared and reviewed, waiting for the person to confirm it: a transaction
/// (a send, a replacement, a journey's step), or a journey's start.
pub enum Prepared {
    /// One transaction.
    Tx(Box<PreparedTx>),
    /// A journey and its first transaction.
    Journey(Box<PreparedJourney>),
}

impl From<PreparedTx> for Prepared {
    fn from(p: PreparedTx) -> Self {
        Self::Tx(Box::new(p))
    }
}

impl From<PreparedJourney> for Prepared {
    fn from(p: PreparedJourney) -> Self {
        Self::Journey(Box::new(p))
    }
}

/// The wallet thread's state. Not `Send`: it lives on that thread only.
pub struct WalletCtx {
    wallet: Result<Wallet, CommandError>,
    session: RefCell<Option<Session>>,
    pending: RefCell<Option<PendingWallet>>,
    prepared: RefCell<HashMap<String, Prepared>>,
    devices: RefCell<HashMap<Vendor, Device>>,
    networks: RefCell<Option<Rc<Networks>>>,
    last_activity: Cell<Instant>,
    next_id: Cell<u64>,
    /// The app, for events.
    pub app: AppHandle,
    /// Device prompts go to the UI through this.
    pub prompter: Arc<DesktopPrompter>,
    /// Data directory and log file.
    pub paths: AppPaths,
}

impl WalletCtx {
    /// Opens the wallet in `paths.data_dir` (an error is kept and returned by every command).
    pub fn open(
        paths: AppPaths,
        devnet_dir: Option<PathBuf>,
        app: AppHandle,
        prompter: Arc<DesktopPrompter>,
    ) -> Self {
        let wallet = Wallet::open(&paths.data_dir)
            .and_then(|w| {
                if let Some(dir) = &devnet_dir {
                    w.set_devnet_dir(dir)?;
                }
                Ok(w)
            })
            .map_err(CommandError::from)
            .inspect_err(|e| log::error!("cannot open the wallet: {}", e.message));
        Self {
            wallet,
            session: RefCell::new(None),
            pending: RefCell::new(None),
            prepared: RefCell::new(HashMap::new()),
            devices: RefCell::new(HashMap::new()),
            networks: RefCell::new(None),
            last_activity: Cell::new(Instant::now()),
            next_id: Cell::new(1),
            prompter,
            app,
            paths,
        }
    }

    /// The wallet, or why it could not be opened.
    pub fn wallet(&self) -> Result<&Wallet, CommandError> {
        self.wallet.as_ref().map_err(Clone::clone)
    }

    /// The wallet, if it is unlocked: every command that reads or changes the wallet's
    /// contents goes through this.
    pub fn unlocked(&self) -> Result<&Wallet, CommandError> {
        let wallet = self.wallet()?;
        if self.session.borrow().is_none() {
            return Err(CommandError::locked());
        }
        Ok(wallet)
    }

    /// Whether a session is open.
    pub fn is_unlocked(&self) -> bool {
        self.session.borrow().is_some()
    }

    /// Runs `f` with the open session.
    pub fn with_session<R>(
        &self,
        f: impl FnOnce(&mut Session) -> Result<R, CommandError>,
    ) -> Result<R, CommandError> {
        let mut session = self.session.borrow_mut();
        f(session.as_mut().ok_or_else(CommandError::locked)?)
    }

    /// Opens the session.
    pub fn set_session(&self, session: Session) {
        *self.session.borrow_mut() = Some(session);
        self.touch();
    }

    /// Closes the session: secrets are zeroized, prepared transfers discarded, and the UI
    /// told so it shows the lock screen.
    pub fn lock(&self, reason: LockReason) {
        let was_open = self.session.borrow_mut().take().is_some();
        self.prepared.borrow_mut().clear();
        if was_open {
            log::info!("wallet locked ({reason:?})");
            let _ = WalletLocked { reason }.emit(&self.app);
        }
    }

    /// The wallet being created, if any.
    pub fn pending(&self) -> std::cell::RefMut<'_, Option<PendingWallet>> {
        self.pending.borrow_mut()
    }

    /// Notes activity (any command) for auto-lock.
    pub fn touch(&self) {
        self.last_activity.set(Instant::now());
    }

    /// Time since the last activity.
    pub fn idle_for(&self) -> Duration {
        self.last_activity.get().elapsed()
    }

    /// The active profile's networks (cached until [`WalletCtx::reset_networks`]).
    pub fn networks(&self) -> Result<Rc<Networks>, CommandError> {
        if let Some(n) = self.networks.borrow().as_ref() {
            return Ok(n.clone());
        }
        let networks = Rc::new(self.wallet()?.networks(None)?);
        *self.networks.borrow_mut() = Some(networks.clone());
        Ok(networks)
    }

    /// Forgets the cached networks after a change to profiles, RPCs or networks.
    pub fn reset_networks(&self) {
        *self.networks.borrow_mut() = None;
    }

    /// Keeps something prepared for confirmation; returns its id.
    pub fn keep_prepared(&self, prepared: impl Into<Prepared>) -> String {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        let id = format!("p{id}");
        self.prepared
            .borrow_mut()
            .insert(id.clone(), prepared.into());
        id
    }

    /// Takes a prepared item out (it is signed at most once).
    pub fn take(&self, id: &str) -> Result<Prepared, CommandError> {
        self.prepared.borrow_mut().remove(id).ok_or_else(|| {
            CommandError::new(
                switchyard_core::ErrorCode::PreparedExpired,
                "This is no longer prepared (it was sent, discarded, or the wallet locked). Review it again.",
            )
        })
    }

    /// Takes a prepared transaction out.
    pub fn take_prepared(&self, id: &str) -> Result<PreparedTx, CommandError> {
        match self.take(id)? {
            Prepared::Tx(p) => Ok(*p),
            other => {
                self.restore_prepared(id, other);
                Err(CommandError::new(
                    switchyard_core::ErrorCode::PreparedExpired,
                    "That review is a journey, not a single transaction: confirm it with bridge_confirm.",
                ))
            }
        }
    }

    /// Takes a prepared journey out.
    pub fn take_journey(&self, id: &str) -> Result<PreparedJourney, CommandError> {
        match self.take(id)? {
            Prepared::Journey(p) => Ok(*p),
            other => {
                self.restore_prepared(id, other);
                Err(CommandError::new(
                    switchyard_core::ErrorCode::PreparedExpired,
                    "That review is a single transaction, not a journey: confirm it with send_confirm.",
                ))
            }
        }
    }

    /// Puts back something prepared that was not signed after all.
    pub fn restore_prepared(&self, id: &str, prepared: impl Into<Prepared>) {
        self.prepared
            .borrow_mut()
            .insert(id.to_owned(), prepared.into());
    }

    /// The open device of a family, opening it at its configured endpoint if needed.
    pub async fn device(&self, vendor: Vendor) -> Result<Device, CommandError> {
        if let Some(device) = self.devices.borrow().get(&vendor) {
            return Ok(device.clone());
        }
        let endpoint = self.wallet()?.hardware_endpoint(vendor)?;
        let device = Device::open(&endpoint)
            .await
            .map_err(switchyard_core::Error::from)?;
        self.devices.borrow_mut().insert(vendor, device.clone());
        Ok(device)
    }

    /// Closes a family's device (after an error that may mean it went away, or when its
    /// endpoint changes): the next use opens it again.
    pub fn forget_device(&self, vendor: Vendor) {
        self.devices.borrow_mut().remove(&vendor);
    }

    /// Closes the device when `result` failed with a device error, so the next attempt
    /// reconnects (the person may have unplugged it or restarted the emulator).
    pub fn device_result<T>(
        &self,
        vendor: Vendor,
        result: Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        if let Err(e) = &result
            && e.code.device_may_be_gone()
        {
            self.forget_device(vendor);
        }
        result
    }

    /// The signer of `account`: its key from the vault, or its device.
    pub async fn signer(&self, account: &Account) -> Result<AccountSigner, CommandError> {
        let wallet = self.unlocked()?;
        match &account.kind {
            AccountKind::Hardware { device, .. } => {
                let vendor = *device;
                let opened = self.device(vendor).await;
                let device = self.device_result(vendor, opened)?;
                let prompter: Arc<dyn Prompter> = self.prompter.clone();
                Ok(AccountSigner::Hardware(
                    wallet.hardware_signer(account, device, prompter)?,
                ))
            }
            _ => self.with_session(|session| {
                Ok(AccountSigner::Local(wallet.local_signer(session, account)?))
            }),
        }
    }
}

impl From<DeviceError> for CommandError {
    fn from(e: DeviceError) -> Self {
        switchyard_core::Error::from(e).into()
    }
}
