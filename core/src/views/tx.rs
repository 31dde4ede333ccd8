use serde::{Deserialize, Serialize};

use super::{FeeView, checksum, rfc3339, units, usd};
use crate::{
    assets::{AssetId, UsdPrice},
    chain::{ChainKind, ChainSpec},
    fees::GasSource,
    tx::{PreparedTx, Purpose, TxRecord, TxStatus},
};

/// A transaction the wallet signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TxView {
    /// Hash.
    pub hash: String,
    /// Chain id.
    pub chain_id: u64,
    /// Chain name ("chain N" when not in the active profile).
    pub chain: String,
    /// Sender.
    pub from: String,
    /// Recipient (of the tokens, for an ERC-20 transfer).
    pub to: String,
    /// Asset symbol.
    pub symbol: String,
    /// Asset decimals.
    pub decimals: u8,
    /// Token contract; none for the native currency.
    pub token: Option<String>,
    /// Amount in base units.
    pub amount: String,
    /// Nonce.
    pub nonce: u64,
    /// Why it was signed.
    pub purpose: Purpose,
    /// The purpose, for a person ("Speed-up").
    pub purpose_label: String,
    /// The transaction it replaces.
    pub replaces: Option<String>,
    /// The multi-step record it belongs to.
    pub journey_id: Option<String>,
    /// Status.
    pub status: TxStatus,
    /// Whether it succeeded, once included.
    pub succeeded: Option<bool>,
    /// Block, once included.
    pub block_number: Option<u64>,
    /// Gas used, once included.
    pub gas_used: Option<u64>,
    /// Fee paid (wei), once included.
    pub fee_paid: Option<String>,
    /// The L1 data part of the fee paid (OP Stack), once included.
    pub l1_fee: Option<String>,
    /// The fee quoted before signing (wei).
    pub quoted_fee: String,
    /// When it was signed (RFC 3339).
    pub submitted_at: String,
    /// A block explorer page, when the chain has one.
    pub explorer_url: Option<String>,
    /// Whether it can still be sped up or cancelled (not in a block yet).
    pub replaceable: bool,
    /// Why its chain could not be checked this time, when it could not (its state is the
    /// last one known).
    pub could_not_check: Option<String>,
}

impl TxView {
    /// The view of `r`; `spec` is its chain's, when in the active profile.
    pub fn new(r: &TxRecord, spec: Option<&ChainSpec>) -> Self {
        Self {
            hash: r.hash.to_string(),
            chain_id: r.chain_id,
            chain: spec.map_or_else(|| format!("chain {}", r.chain_id), |s| s.name.clone()),
            from: checksum(r.from),
            to: checksum(r.to),
            symbol: r.symbol.clone(),
            decimals: r.decimals,
            token: match r.asset {
                AssetId::Token(a) => Some(checksum(a)),
                AssetId::Native => None,
            },
            amount: units(r.amount),
            nonce: r.nonce,
            purpose: r.purpose,
            purpose_label: r.purpose.label().to_owned(),
            replaces: r.replaces.map(|h| h.to_string()),
            journey_id: r.journey_id.clone(),
            status: r.status,
            succeeded: r.succeeded,
            block_number: r.block_number,
            gas_used: r.gas_used,
            fee_paid: r.fee_paid.map(units),
            l1_fee: r.l1_fee.map(units),
            quoted_fee: units(r.quoted_fee),
            submitted_at: rfc3339(r.submitted_at),
            explorer_url: spec.and_then(|s| s.tx_url(r.hash)),
            replaceable: r.status.is_unmined(),
            could_not_check: None,
        }
    }
}

/// Exactly the transaction the device or key will sign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SigningView {
    /// "EIP-1559".
    pub tx_type: String,
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// Nonce (chosen again, under the account's lock, when it is signed).
    pub nonce: u64,
    /// The `to` field: the recipient, or the contract called.
    pub to: String,
    /// Value in wei.
    pub value: String,
    /// Calldata, hex (`0x` when empty).
    pub data: String,
    /// Gas limit.
    pub gas_limit: u64,
    /// maxFeePerGas (wei).
    pub max_fee_per_gas: String,
    /// maxPriorityFeePerGas (wei).
    pub max_priority_fee_per_gas: String,
}

/// How the simulation went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimulationView {
    /// Gas it uses.
    pub gas_used: u64,
    /// A sentence: where that number comes from.
    pub summary: String,
}

/// A transaction checked, simulated and priced, waiting for the person to confirm it:
/// the same review for every kind of step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreparedView {
    /// What the shell keeps it under, to sign exactly this (the app's `send_confirm`).
    pub id: String,
    /// Why it is signed.
    pub purpose: Purpose,
    /// The purpose, for a person ("Speed-up").
    pub purpose_label: String,
    /// What signing it does, in one line.
    pub summary: String,
    /// Chain id.
    pub chain_id: u64,
    /// Chain name.
    pub chain: String,
    /// Chain kind.
    pub chain_kind: ChainKind,
    /// Sender.
    pub from: String,
    /// The sender's label.
    pub from_label: String,
    /// "Ledger"/"Trezor" when the sender signs on a device.
    pub device: Option<String>,
    /// Recipient.
    pub to: String,
    /// The recipient's name, when it is one of the wallet's accounts or a contact.
    pub to_label: Option<String>,
    /// Asset symbol.
    pub symbol: String,
    /// Asset decimals.
    pub decimals: u8,
    /// Token contract (none for the native currency).
    pub token: Option<String>,
    /// Amount in base units.
    pub amount: String,
    /// USD value of the amount (8 decimals), when priced.
    pub amount_usd: Option<String>,
    /// Native currency symbol.
    pub native_symbol: String,
    /// The sender's native balance (wei).
    pub native_balance: String,
    /// The chosen speed's fee.
    pub fee: FeeView,
    /// Every speed's fee, slowest first.
    pub speeds: Vec<FeeView>,
    /// Things to know before signing.
    pub warnings: Vec<String>,
    /// An earlier, unmined transaction this one looks like a retry of.
    pub possible_duplicate_of: Option<String>,
    /// The simulation.
    pub simulation: SimulationView,
    /// What will be signed.
    pub signing: SigningView,
    /// The transaction this one replaces.
    pub replaces: Option<String>,
}

/// Who is who in a review: names the wallet knows for the parties, and the device.
#[derive(Debug, Clone, Default)]
pub struct Parties {
    /// The sender's label.
    pub from_label: String,
    /// "Ledger"/"Trezor" when the sender signs on a device.
    pub device: Option<String>,
    /// The recipient's name (an account, then a contact).
    pub to_label: Option<String>,
}

impl PreparedView {
    /// The review of `p`, kept by the shell under `id`.
    pub fn new(id: String, p: &PreparedTx, parties: Parties, price: Option<&UsdPrice>) -> Self {
        let tx = &p.transaction;
        let to = match tx.to {
            Some(alloy::primitives::TxKind::Call(a)) => checksum(a),
            _ => String::new(),
        };
        let data = tx
            .input
            .input()
            .map(|d| d.to_string())
            .unwrap_or_else(|| "0x".into());
        let token = match p.asset {
            AssetId::Token(a) => Some(checksum(a)),
            AssetId::Native => None,
        };
        // Only the native currency is priced (tokens have no feed on every chain).
        let amount_usd = if token.is_none() {
            usd(price, p.amount, p.decimals)
        } else {
            None
        };
        let summary = match p.quote.gas_source {
            GasSource::Estimated => format!(
                "The node simulated it: it succeeds and uses {} gas.",
                p.quote.gas_used
            ),
            GasSource::Known => format!(
                "A plain transfer: it uses exactly {} gas.",
                p.quote.gas_used
            ),
            GasSource::Typical => format!(
                "The node could not simulate it for this sender; a typical {} gas is assumed.",
                p.quote.gas_used
            ),
        };
        Self {
            id,
            purpose: p.purpose,
            purpose_label: p.purpose.label().to_owned(),
            summary: p.summary(),
            chain_id: p.chain_id,
            chain: p.chain.clone(),
            chain_kind: p.quote.kind,
            from: checksum(p.from),
            from_label: parties.from_label,
            device: parties.device,
            to: checksum(p.to),
            to_label: parties.to_label,
            symbol: p.symbol.clone(),
            decimals: p.decimals,
            token,
            amount: units(p.amount),
            amount_usd,
            native_symbol: p.native_symbol.clone(),
            native_balance: units(p.native_balance),
            fee: FeeView::new(&p.fee, price),
            speeds: p
                .quote
                .speeds
                .iter()
                .map(|f| FeeView::new(f, price))
                .collect(),
            warnings: p.warnings.clone(),
            possible_duplicate_of: p.possible_duplicate_of.map(|h| h.to_string()),
            simulation: SimulationView {
                gas_used: p.quote.gas_used,
                summary,
            },
            signing: SigningView {
                tx_type: "EIP-1559".into(),
                chain_id: tx.chain_id.unwrap_or(p.chain_id),
                nonce: tx.nonce.unwrap_or_default(),
                to,
                value: units(tx.value.unwrap_or_default()),
                data,
                gas_limit: tx.gas.unwrap_or(p.fee.gas_limit),
                max_fee_per_gas: tx
                    .max_fee_per_gas
                    .unwrap_or(p.fee.max_fee_per_gas)
                    .to_string(),
                max_priority_fee_per_gas: tx
                    .max_priority_fee_per_gas
                    .unwrap_or(p.fee.max_priority_fee_per_gas)
                    .to_string(),
            },
            replaces: p.replaces.map(|h| h.to_string()),
        }
    }
}

/// Something that changed, from [`crate::Wallet::follow`]: what the app turns into events
/// and `switchyard watch` prints. Channels will join transactions and journeys here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Update {
    /// A transaction's state changed.
    Transaction {
        /// Its new state.
        tx: TxView,
        /// What the person must know or do now, when something needs them.
        attention: Option<String>,
    },
    /// A journey's state changed (or a deadline of it is near).
    Journey {
        /// Its new state.
        journey: super::JourneyView,
        /// What the person must know or do now, when something needs them.
        attention: Option<String>,
    },
}

impl Update {
    /// The sentence that asks for the person's attention, if any.
    pub fn attention(&self) -> Option<&str> {
        match self {
            Self::Transaction { attention, .. } => attention.as_deref(),
            Self::Journey { attention, .. } => attention.as_deref(),
        }
    }
}
