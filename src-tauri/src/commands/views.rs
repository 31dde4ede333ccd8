//! The types that cross the IPC boundary, shaped for the UI and generated into
//! `ui/src/lib/bindings.ts`. Money crosses as decimal strings of integer base units (with
//! their decimals), USD as integers with 8 decimals: the UI never does float arithmetic.

use alloy::primitives::{Address, U256};
use serde::{Deserialize, Serialize};
use specta::Type;
use switchyard_core::{
    accounts::{Account, AccountKind},
    assets::{AssetId, UsdPrice},
    chain::{ChainKind, ChainSpec},
    fees::{FeeBreakdown, GasSource, Speed},
    tx::{PreparedTx, Purpose, TxRecord, TxStatus},
};

/// An address as text: EIP-55.
pub fn checksum(address: Address) -> String {
    address.to_checksum(None)
}

/// An integer amount as decimal text.
pub fn units(value: U256) -> String {
    value.to_string()
}

/// The price of one whole ETH (8-decimal USD text).
pub fn usd_per_eth(price: &UsdPrice) -> String {
    price
        .value_of(U256::from(10u64).pow(U256::from(18u64)), 18)
        .0
        .to_string()
}

/// A USD value (8 decimals) of `wei` at `price`.
fn usd(price: Option<&UsdPrice>, wei: U256, decimals: u8) -> Option<String> {
    price.map(|p| p.value_of(wei, decimals).0.to_string())
}

/// How a chain works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ChainKindView {
    /// Ethereum L1.
    Ethereum,
    /// OP Stack rollup.
    OpStack,
    /// Arbitrum rollup.
    Arbitrum,
}

impl From<ChainKind> for ChainKindView {
    fn from(k: ChainKind) -> Self {
        match k {
            ChainKind::Ethereum => Self::Ethereum,
            ChainKind::OpStack => Self::OpStack,
            ChainKind::Arbitrum => Self::Arbitrum,
        }
    }
}

/// Fee level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SpeedView {
    /// Cheapest reasonable.
    Slow,
    /// Default.
    Normal,
    /// Outbid most.
    Fast,
}

impl From<SpeedView> for Speed {
    fn from(s: SpeedView) -> Self {
        match s {
            SpeedView::Slow => Speed::Slow,
            SpeedView::Normal => Speed::Normal,
            SpeedView::Fast => Speed::Fast,
        }
    }
}

impl From<Speed> for SpeedView {
    fn from(s: Speed) -> Self {
        match s {
            Speed::Slow => Self::Slow,
            Speed::Normal => Self::Normal,
            Speed::Fast => Self::Fast,
        }
    }
}

/// Where an account's key lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum AccountKindView {
    /// Derived from the recovery phrase.
    Hd,
    /// An imported key in the vault.
    Imported,
    /// Watched: no key.
    WatchOnly,
    /// On a Ledger or Trezor.
    Hardware,
}

/// An account.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    /// EIP-55 address.
    pub address: String,
    /// The person's name for it.
    pub label: String,
    /// Where its key lives.
    pub kind: AccountKindView,
    /// "Ledger" / "Trezor" for hardware accounts.
    pub vendor: Option<String>,
    /// Derivation path, when known.
    pub path: Option<String>,
    /// Whether the wallet can sign for it.
    pub can_sign: bool,
    /// Hidden from lists.
    pub hidden: bool,
}

impl From<&Account> for AccountView {
    fn from(a: &Account) -> Self {
        let (kind, vendor, path) = match &a.kind {
            AccountKind::Hd { scheme, index } => {
                (AccountKindView::Hd, None, scheme.path(*index).ok())
            }
            AccountKind::Imported { .. } => (AccountKindView::Imported, None, None),
            AccountKind::WatchOnly => (AccountKindView::WatchOnly, None, None),
            AccountKind::Hardware { device, path, .. } => (
                AccountKindView::Hardware,
                Some(device.to_string()),
                Some(path.clone()),
            ),
        };
        Self {
            address: checksum(a.address),
            label: a.label.clone(),
            can_sign: kind != AccountKindView::WatchOnly,
            kind,
            vendor,
            path,
            hidden: a.hidden,
        }
    }
}

/// The cost of one speed, in wei (decimal text), with USD when a price is known.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FeeView {
    /// Speed.
    pub speed: SpeedView,
    /// Gas limit signed.
    pub gas_limit: u64,
    /// maxFeePerGas (wei).
    pub max_fee_per_gas: String,
    /// maxPriorityFeePerGas (wei).
    pub max_priority_fee_per_gas: String,
    /// Expected execution fee.
    pub execution: String,
    /// Expected L1 data fee (rollups).
    pub l1_data: String,
    /// Operator fee (OP Stack Isthmus+).
    pub operator: String,
    /// Expected total.
    pub total: String,
    /// The most it can cost.
    pub worst_case: String,
    /// The same in USD (8 decimals), when the ETH price is known.
    pub usd: Option<FeeUsdView>,
}

/// Fee parts in USD (8 decimals).
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FeeUsdView {
    /// Execution.
    pub execution: String,
    /// L1 data.
    pub l1_data: String,
    /// Operator.
    pub operator: String,
    /// Total.
    pub total: String,
    /// Worst case.
    pub worst_case: String,
}

impl FeeView {
    /// A breakdown in the chain's native currency (18 decimals), priced at `price`.
    pub fn new(f: &FeeBreakdown, price: Option<&UsdPrice>) -> Self {
        let usd = price.map(|p| {
            let of = |wei| p.value_of(wei, 18).0.to_string();
            FeeUsdView {
                execution: of(f.execution),
                l1_data: of(f.l1_data),
                operator: of(f.operator),
                total: of(f.total),
                worst_case: of(f.worst_case),
            }
        });
        Self {
            speed: f.speed.into(),
            gas_limit: f.gas_limit,
            max_fee_per_gas: f.max_fee_per_gas.to_string(),
            max_priority_fee_per_gas: f.max_priority_fee_per_gas.to_string(),
            execution: units(f.execution),
            l1_data: units(f.l1_data),
            operator: units(f.operator),
            total: units(f.total),
            worst_case: units(f.worst_case),
            usd,
        }
    }
}

/// Exactly the transaction the device or key will sign.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SigningView {
    /// "EIP-1559".
    pub tx_type: String,
    /// EIP-155 chain id.
    pub chain_id: u64,
    /// Nonce.
    pub nonce: u64,
    /// The `to` field: the recipient, or the token contract for a token transfer.
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
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SimulationView {
    /// Gas the transfer uses.
    pub gas_used: u64,
    /// A sentence: where that number comes from.
    pub summary: String,
}

/// A transfer checked, simulated and priced, waiting for the person to confirm it.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct PreparedView {
    /// Pass to `send_confirm` to sign exactly this.
    pub id: String,
    /// Why it is signed.
    pub purpose: Purpose,
    /// The purpose, for a person ("Speed-up").
    pub purpose_label: String,
    /// What signing it does, in one line (the core's words, for every kind of step).
    pub summary: String,
    /// Chain id.
    pub chain_id: u64,
    /// Chain name.
    pub chain: String,
    /// Chain kind.
    pub chain_kind: ChainKindView,
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
    /// The simulation.
    pub simulation: SimulationView,
    /// What will be signed.
    pub signing: SigningView,
    /// The transaction this one replaces.
    pub replaces: Option<String>,
}

impl PreparedView {
    /// The view of `p`, kept under `id`.
    pub fn new(
        id: String,
        p: &PreparedTx,
        from_label: String,
        device: Option<String>,
        to_label: Option<String>,
        price: Option<&UsdPrice>,
    ) -> Self {
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
        // Tokens are priced only when they are ETH-like; the core prices ETH.
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
            chain_kind: p.quote.kind.into(),
            from: checksum(p.from),
            from_label,
            device,
            to: checksum(p.to),
            to_label,
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

/// A transaction the wallet signed.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct TxView {
    /// Hash.
    pub hash: String,
    /// Chain id.
    pub chain_id: u64,
    /// Chain name ("chain N" when not in the active profile).
    pub chain: String,
    /// Sender.
    pub from: String,
    /// Recipient.
    pub to: String,
    /// Asset symbol.
    pub symbol: String,
    /// Asset decimals.
    pub decimals: u8,
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
    /// When it was signed (unix seconds).
    pub submitted_at: i64,
    /// A block explorer page, when the chain has one.
    pub explorer_url: Option<String>,
    /// Whether it can still be sped up or cancelled.
    pub replaceable: bool,
}

impl TxView {
    /// The view of `r`; `spec` is its chain's, when in the active profile.
    pub fn new(r: &TxRecord, spec: Option<&ChainSpec>) -> Self {
        let hash = r.hash.to_string();
        Self {
            explorer_url: spec
                .and_then(|s| s.explorer.as_ref())
                .map(|base| format!("{}/tx/{hash}", base.trim_end_matches('/'))),
            chain: spec.map_or_else(|| format!("chain {}", r.chain_id), |s| s.name.clone()),
            hash,
            chain_id: r.chain_id,
            from: checksum(r.from),
            to: checksum(r.to),
            symbol: r.symbol.clone(),
            decimals: r.decimals,
            amount: units(r.amount),
            nonce: r.nonce,
            purpose: r.purpose,
            purpose_label: r.purpose.label().to_owned(),
            replaces: r.replaces.map(|h| h.to_string()),
            status: r.status,
            succeeded: r.succeeded,
            block_number: r.block_number,
            gas_used: r.gas_used,
            fee_paid: r.fee_paid.map(units),
            l1_fee: r.l1_fee.map(units),
            quoted_fee: units(r.quoted_fee),
            submitted_at: r.submitted_at,
            replaceable: r.status.is_unmined(),
        }
    }
}

/// A chain of the active profile.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ChainView {
    /// Chain id.
    pub chain_id: u64,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: ChainKindView,
    /// Native currency symbol.
    pub native_symbol: String,
    /// RPC endpoints in order of preference.
    pub rpc_urls: Vec<String>,
    /// The ones the person added (they can be removed).
    pub custom_rpc_urls: Vec<String>,
    /// Block explorer.
    pub explorer: Option<String>,
}

impl ChainView {
    /// The view of `spec`.
    pub fn new(spec: &ChainSpec, custom_rpc_urls: Vec<String>) -> Self {
        Self {
            chain_id: spec.chain_id,
            name: spec.name.clone(),
            kind: spec.kind.into(),
            native_symbol: spec.native.symbol.clone(),
            rpc_urls: spec.rpc_urls.clone(),
            custom_rpc_urls,
            explorer: spec.explorer.clone(),
        }
    }
}
