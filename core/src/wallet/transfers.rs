//! Moving money on one chain: a transfer from what the person typed, its review, the send,
//! and speeding up or cancelling one that is not mined.

use super::{Wallet, client_of};
use crate::{
    accounts::{AccountKind, AccountSigner},
    error::Result,
    fees::Speed,
    networks::Networks,
    tx::{self, Amount, PreparedTx, Purpose, SendRequest, TxRecord},
    views::{Parties, PreparedView},
};

/// What the user asked to send, as typed.
#[derive(Debug, Clone)]
pub struct SendInput<'a> {
    /// Sending account (label or address); `None` for the first account.
    pub from: Option<&'a str>,
    /// Chain (id or name).
    pub chain: &'a str,
    /// Recipient: an address (checksum verified), an account's label or a contact's name.
    pub to: &'a str,
    /// "ETH" (the native currency) or a token symbol or address.
    pub asset: Option<&'a str>,
    /// Amount.
    pub amount: Amount,
    /// Fee level.
    pub speed: Speed,
}

impl Wallet {
    /// Resolves, checks, simulates and prices a transfer. Nothing is signed.
    pub async fn prepare_send(
        &self,
        networks: &Networks,
        input: &SendInput<'_>,
    ) -> Result<PreparedTx> {
        let client = networks.client(input.chain)?;
        let from = match input.from {
            Some(reference) => self.find_account(reference)?,
            None => self.accounts(false)?.into_iter().next().ok_or_else(|| {
                crate::accounts::AccountError::NotFound("(no accounts yet)".into())
            })?,
        };
        let to = self.resolve_recipient(input.to)?;
        let native = &client.spec().native.symbol;
        let token = match input.asset {
            None => None,
            Some(a) if a.eq_ignore_ascii_case(native) => None,
            Some(a) => Some(networks.token(client.spec().chain_id, a)?),
        };
        let request = SendRequest {
            from: from.address,
            to,
            token,
            amount: input.amount.clone(),
            speed: input.speed,
        };
        let mut prepared = tx::prepare_transfer(client, &request).await?;
        self.note_unmined(client, &mut prepared).await?;
        Ok(prepared)
    }

    /// Sets the nonce `prepared` will most likely take (chosen again, under the account's
    /// lock, when it is signed), the unmined transaction it looks like a retry of, and
    /// warnings about what its account has out that is not mined yet.
    pub(super) async fn note_unmined(
        &self,
        client: &crate::rpc::ChainClient,
        prepared: &mut PreparedTx,
    ) -> Result<()> {
        let nonce = tx::next_nonce(&self.store, client, prepared.from).await?;
        prepared.transaction.nonce = Some(nonce);
        let unmined = self
            .store
            .unmined_transactions(client.spec().chain_id, prepared.from)?;
        prepared.possible_duplicate_of = unmined
            .iter()
            .find(|r| tx::is_same_transfer(prepared, r))
            .map(|r| r.hash);
        let warnings = unmined_warnings(prepared, &unmined);
        prepared.warnings.extend(warnings);
        Ok(())
    }

    /// Signs a prepared transfer with its account's signer (a vault key or a device),
    /// stores it, and broadcasts it (see [`tx::sign_and_broadcast`] for the nonce and what
    /// "not sent" and "unknown" mean).
    pub async fn send(
        &self,
        signer: &AccountSigner,
        networks: &Networks,
        prepared: &PreparedTx,
    ) -> Result<TxRecord> {
        let client = client_of(networks, prepared.chain_id)?;
        tx::sign_and_broadcast(
            &self.store,
            &self.send_locks_dir(),
            client,
            signer,
            prepared,
        )
        .await
    }

    /// The review of a prepared transaction, as both shells show it: the parties by the
    /// names the wallet knows (its accounts, then its contacts), the device that will
    /// sign, USD at the current price. `id` is what the shell keeps it under.
    pub async fn review(
        &self,
        networks: &Networks,
        prepared: &PreparedTx,
        id: String,
    ) -> Result<PreparedView> {
        let price = self.eth_usd(networks).await;
        let from = self.find_account(&prepared.from.to_checksum(None))?;
        let parties = Parties {
            device: match &from.kind {
                AccountKind::Hardware { device, .. } => Some(device.to_string()),
                _ => None,
            },
            from_label: from.label,
            to_label: self.name_of(prepared.to)?,
        };
        Ok(PreparedView::new(id, prepared, parties, price.as_ref()))
    }

    /// Prepares a speed-up or cancel of a transaction that is not mined yet, outbidding
    /// the latest replacement already sent for its nonce.
    pub async fn prepare_replacement(
        &self,
        networks: &Networks,
        hash: &str,
        purpose: Purpose,
    ) -> Result<PreparedTx> {
        let original = self.transaction(hash)?;
        let client = client_of(networks, original.chain_id)?;
        // Look once more: it may have been mined since it was listed.
        let original = tx::track_once(&self.store, client, &original).await?;
        let siblings =
            self.store
                .transactions_with_nonce(original.chain_id, original.from, original.nonce)?;
        Ok(tx::prepare_replacement(client, &original, &siblings, purpose).await?)
    }
}

/// Warnings about the account's transactions on this chain that are not mined yet: a new
/// one takes the next nonce, so both may go through.
fn unmined_warnings(prepared: &PreparedTx, unmined: &[TxRecord]) -> Vec<String> {
    unmined
        .iter()
        // One line per nonce: its replacements (speed-ups, cancels) share the original's.
        .filter(|r| r.replaces.is_none())
        .map(|r| {
            let what = crate::assets::format_units(r.amount, r.decimals);
            let state = match r.status {
                tx::TxStatus::Unknown => "may have been sent (no node confirmed it)",
                _ => "is still pending",
            };
            if tx::is_same_transfer(prepared, r) {
                format!(
                    "This looks like a retry: an earlier transfer of {what} {} to {} (transaction {}, nonce {}) {state}. Sending again may pay twice: look at it in the history, or speed it up or cancel it instead.",
                    r.symbol, r.to, r.hash, r.nonce
                )
            } else {
                format!(
                    "An earlier transaction from this account on this chain (transaction {}, {what} {} to {}, nonce {}) {state}; this one comes after it and cannot be mined before it. If that one should not go out, cancel it.",
                    r.hash, r.symbol, r.to, r.nonce
                )
            }
        })
        .collect()
}
