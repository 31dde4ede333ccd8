//! Any [`Call`] → a [`PreparedTx`]: quoted (every fee part, on its chain), checked against
//! the balance (value + worst-case fee, L1 data fee included), simulated (an estimate runs
//! the call: a revert stops here with its reason), with the generic warnings. Nothing is
//! signed. Transfers ([`super::transfer`]) build their call on top of [`prepare`];
//! replacements ([`super::replace`]) re-price one and go through the same [`finish`], so
//! every step shares one balance rule and one shape.

use alloy::{
    eips::BlockNumberOrTag,
    primitives::{Address, B256, U256},
    rpc::types::TransactionRequest,
};
use serde::Serialize;

use super::{Call, Purpose, TxError};
use crate::{
    assets::{AssetId, format_units},
    fees::{
        FeeBreakdown, FeeQuote, Speed,
        quote::{eip1559_transaction, quote},
    },
    rpc::{ChainClient, RpcError},
};

/// What a transaction moves, as the person sees it: an amount of an asset to a recipient
/// (the tokens' recipient for an ERC-20 transfer, not the token contract it calls).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Movement {
    /// Recipient.
    pub to: Address,
    /// Asset.
    pub asset: AssetId,
    /// Its symbol.
    pub symbol: String,
    /// Its decimals.
    pub decimals: u8,
    /// Amount, smallest unit.
    pub amount: U256,
}

/// A transaction ready to sign: what will be signed, why, what it costs, and what the
/// person should know first.
#[derive(Debug, Clone, Serialize)]
pub struct PreparedTx {
    /// Chain id.
    pub chain_id: u64,
    /// Chain name.
    pub chain: String,
    /// Sender.
    pub from: Address,
    /// Why it is signed.
    pub purpose: Purpose,
    /// Recipient (of the tokens, for ERC-20).
    pub to: Address,
    /// Asset.
    pub asset: AssetId,
    /// Its symbol.
    pub symbol: String,
    /// Its decimals.
    pub decimals: u8,
    /// Amount, smallest unit.
    pub amount: U256,
    /// Native symbol (fees are paid in it).
    pub native_symbol: String,
    /// Native balance before sending.
    pub native_balance: U256,
    /// The quote with every speed.
    pub quote: FeeQuote,
    /// The chosen speed's fee.
    pub fee: FeeBreakdown,
    /// Things the user should know before signing (e.g. the recipient is a contract).
    pub warnings: Vec<String>,
    /// An earlier transfer of the same amount of the same asset to the same recipient from
    /// this account that is not mined yet (pending, or unknown): this one looks like a
    /// retry of it, and both may go through. Scripts must confirm such a send explicitly.
    pub possible_duplicate_of: Option<B256>,
    /// Exactly what will be signed.
    pub transaction: TransactionRequest,
    /// What it replaces.
    pub replaces: Option<B256>,
    /// The multi-step record (a journey) it belongs to, if any.
    pub journey_id: Option<String>,
}

impl PreparedTx {
    /// One line saying what signing it does, for every review (CLI and app).
    pub fn summary(&self) -> String {
        let what = format_units(self.amount, self.decimals);
        let to = self.to.to_checksum(None);
        match (self.purpose, self.replaces) {
            (Purpose::Transfer, _) => {
                format!("Send {what} {} to {to} on {}", self.symbol, self.chain)
            }
            (Purpose::SpeedUp, Some(original)) => format!(
                "Speed up transaction {original} on {}: the same {what} {} to {to}, with a higher fee",
                self.chain, self.symbol
            ),
            (Purpose::Cancel, Some(original)) => format!(
                "Cancel transaction {original} on {}: 0 {} to yourself, taking its nonce",
                self.chain, self.native_symbol
            ),
            (purpose, _) if self.amount.is_zero() => {
                format!("{} on {}", purpose.label(), self.chain)
            }
            (purpose, _) => format!(
                "{}: {what} {} to {to} on {}",
                purpose.label(),
                self.symbol,
                self.chain
            ),
        }
    }
}

/// A revert found while pricing is the reason not to sign; anything else is the RPC's.
pub(super) fn short(client: &ChainClient, e: RpcError) -> TxError {
    match e.revert_reason() {
        Some(reason) => TxError::WouldRevert {
            chain: client.name().into(),
            reason,
        },
        None => TxError::Rpc(e),
    }
}

/// Prepares any call: reads the sender's balance, quotes (and so simulates) it, checks the
/// balance covers value + worst-case fee. `movement` is what the review shows it moving
/// (none: its value, in the native currency, to its target).
pub async fn prepare(
    client: &ChainClient,
    call: Call,
    purpose: Purpose,
    movement: Option<Movement>,
    speed: Speed,
) -> Result<PreparedTx, TxError> {
    prepare_spending(client, call, purpose, movement, speed, Spend::Value).await
}

/// How much of the native currency a call spends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spend {
    /// Its `value`.
    Value,
    /// Everything the sender has left after the worst-case fee ("Max" for a transfer, or
    /// for a deposit of the whole balance): priced with the whole balance as value (the
    /// largest encoding, so the L1 data fee of the final, smaller value cannot exceed it),
    /// then given the balance minus that fee.
    AllNative,
}

/// [`prepare`], with what the call spends of the native currency said explicitly.
pub async fn prepare_spending(
    client: &ChainClient,
    mut call: Call,
    purpose: Purpose,
    movement: Option<Movement>,
    speed: Speed,
    spend: Spend,
) -> Result<PreparedTx, TxError> {
    let from = call.from;
    let read_balance =
        || client.request::<_, U256>("eth_getBalance", (from, BlockNumberOrTag::Latest));
    let (native_balance, quote) = match spend {
        Spend::Value => {
            let request = call.fee_request();
            let (balance, quote) = futures::join!(read_balance(), quote(client, &request));
            (balance?, quote)
        }
        Spend::AllNative => {
            let balance = read_balance().await?;
            call.value = balance;
            (balance, quote(client, &call.fee_request()).await)
        }
    };
    let spec = client.spec();
    // A call whose value alone exceeds the balance cannot even be estimated; say why.
    if spend == Spend::Value && call.value > native_balance {
        let f = |v: U256| format_units(v, spec.native.decimals);
        return Err(TxError::InsufficientFunds {
            symbol: spec.native.symbol.clone(),
            needed: f(call.value),
            available: f(native_balance),
            detail: format!("{} to send, plus its fee", f(call.value)),
        });
    }
    let quote = quote.map_err(|e| short(client, e))?;
    let fee = quote.speed(speed).clone();
    if spend == Spend::AllNative {
        call.value = native_balance
            .checked_sub(fee.worst_case)
            .filter(|v| !v.is_zero())
            .ok_or_else(|| TxError::NothingToSend {
                symbol: spec.native.symbol.clone(),
                available: format_units(native_balance, spec.native.decimals),
                fee: format_units(fee.worst_case, spec.native.decimals),
            })?;
    }
    let movement = match movement {
        Some(m) if spend == Spend::AllNative => Movement {
            amount: call.value,
            ..m
        },
        Some(m) => m,
        None => Movement {
            to: call.to,
            asset: AssetId::Native,
            symbol: spec.native.symbol.clone(),
            decimals: spec.native.decimals,
            amount: call.value,
        },
    };
    let mut warnings = Vec::new();
    if movement.to == Address::ZERO {
        warnings.push(format!(
            "The recipient is the zero address ({}): nobody holds its key, so anything sent there is lost for good.",
            Address::ZERO
        ));
    }
    let nonce = quote.nonce.expect("a call has a sender");
    finish(
        client,
        Draft {
            call,
            purpose,
            movement,
            native_balance,
            quote,
            fee,
            nonce,
            warnings,
        },
    )
}

/// A priced call on its way to a [`PreparedTx`].
pub(super) struct Draft {
    /// The call.
    pub call: Call,
    /// Why.
    pub purpose: Purpose,
    /// What it moves.
    pub movement: Movement,
    /// The sender's native balance.
    pub native_balance: U256,
    /// The quote (every speed).
    pub quote: FeeQuote,
    /// The fee that will be signed (a speed of the quote, or a replacement's bid).
    pub fee: FeeBreakdown,
    /// The nonce it takes.
    pub nonce: u64,
    /// What the person should know.
    pub warnings: Vec<String>,
}

/// The common end of every preparation: the balance check (value + worst case, or an
/// error saying how much is needed and why) and the exact request to sign.
pub(super) fn finish(client: &ChainClient, d: Draft) -> Result<PreparedTx, TxError> {
    let spec = client.spec();
    let nfmt = |v: U256| format_units(v, spec.native.decimals);
    let needed = d.fee.worst_case + d.call.value;
    if needed > d.native_balance {
        let detail = if d.call.value.is_zero() {
            format!(
                "the fee, at most {} {}",
                nfmt(d.fee.worst_case),
                spec.native.symbol
            )
        } else {
            format!(
                "{} to send plus a fee of at most {}",
                nfmt(d.call.value),
                nfmt(d.fee.worst_case)
            )
        };
        return Err(TxError::InsufficientFunds {
            symbol: spec.native.symbol.clone(),
            needed: nfmt(needed),
            available: nfmt(d.native_balance),
            detail,
        });
    }
    let transaction = eip1559_transaction(spec.chain_id, d.nonce, &d.call.fee_request(), &d.fee);
    Ok(PreparedTx {
        chain_id: spec.chain_id,
        chain: spec.name.clone(),
        from: d.call.from,
        purpose: d.purpose,
        to: d.movement.to,
        asset: d.movement.asset,
        symbol: d.movement.symbol,
        decimals: d.movement.decimals,
        amount: d.movement.amount,
        native_symbol: spec.native.symbol.clone(),
        native_balance: d.native_balance,
        quote: d.quote,
        fee: d.fee,
        warnings: d.warnings,
        possible_duplicate_of: None,
        transaction,
        replaces: None,
        journey_id: None,
    })
}
