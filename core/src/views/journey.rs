use serde::{Deserialize, Serialize};

use super::{PreparedView, TxView, checksum, rfc3339, units, usd};
use crate::{
    assets::UsdPrice,
    chain::ChainSpec,
    journey::{Journey, JourneyAction, JourneyKind, JourneyState, Message},
    tx::TxRecord,
};

/// A cross-chain transfer as both shells show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JourneyView {
    /// Id.
    pub id: String,
    /// Protocol path.
    pub kind: JourneyKind,
    /// Source chain id.
    pub from_chain_id: u64,
    /// Source chain name.
    pub from_chain: String,
    /// Destination chain id.
    pub to_chain_id: u64,
    /// Destination chain name.
    pub to_chain: String,
    /// The account that started it.
    pub sender: String,
    /// The recipient on the destination.
    pub recipient: String,
    /// Asset symbol.
    pub symbol: String,
    /// Asset decimals.
    pub decimals: u8,
    /// Amount in base units.
    pub amount: String,
    /// State, as last read from the chains.
    pub state: JourneyState,
    /// The state for a person.
    pub state_label: String,
    /// Why it is in that state, when that needs saying.
    pub reason: Option<String>,
    /// What the person must do next, if anything.
    pub next_action: Option<JourneyAction>,
    /// When the next step is expected to be possible (RFC 3339), if known.
    pub eta: Option<String>,
    /// What showed the state: chain, block, transaction.
    pub evidence: Option<EvidenceView>,
    /// The protocol's id of the message (the L2 deposit hash, the withdrawal hash, the
    /// ticket id, the outbox position), once known.
    pub message_id: Option<String>,
    /// Every change of state, oldest first.
    pub history: Vec<StateChangeView>,
    /// Its transactions, oldest first.
    pub transactions: Vec<TxView>,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last read (RFC 3339).
    pub updated_at: String,
}

/// What showed a state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvidenceView {
    /// The chain that owns the state.
    pub chain_id: u64,
    /// Its block, when known.
    pub block: Option<u64>,
    /// The transaction, when one made it so.
    pub tx: Option<String>,
}

/// One change of state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StateChangeView {
    /// When the wallet saw it (RFC 3339).
    pub at: String,
    /// The new state.
    pub state: JourneyState,
    /// The state for a person.
    pub state_label: String,
    /// Why.
    pub reason: Option<String>,
}

impl JourneyView {
    /// The view of `j` with its transactions; chain names from `spec_of`.
    pub fn new<'a>(
        j: &Journey,
        txs: &[TxRecord],
        spec_of: impl Fn(u64) -> Option<&'a ChainSpec>,
    ) -> Self {
        let name = |id: u64| spec_of(id).map_or_else(|| format!("chain {id}"), |s| s.name.clone());
        let message_id = j.message.as_ref().map(|m| match m {
            Message::OpDeposit { l2_hash } => l2_hash.to_string(),
            Message::OpWithdrawal { hash, .. } => hash.to_string(),
            Message::ArbDeposit { l2_id, .. } => l2_id.to_string(),
            Message::ArbWithdrawal { position, .. } => format!("outbox position {position}"),
        });
        Self {
            id: j.id.clone(),
            kind: j.kind,
            from_chain_id: j.from_chain,
            from_chain: name(j.from_chain),
            to_chain_id: j.to_chain,
            to_chain: name(j.to_chain),
            sender: checksum(j.sender),
            recipient: checksum(j.recipient),
            symbol: j.asset.symbol.clone(),
            decimals: j.asset.decimals,
            amount: units(j.amount),
            state: j.state,
            state_label: j.state.label().into(),
            reason: j.reason.clone(),
            next_action: j.next_action(),
            eta: j.eta.map(rfc3339),
            evidence: j.evidence.as_ref().map(|e| EvidenceView {
                chain_id: e.chain_id,
                block: e.block,
                tx: e.tx.map(|t| t.to_string()),
            }),
            message_id,
            history: j
                .history
                .iter()
                .map(|c| StateChangeView {
                    at: rfc3339(c.at),
                    state: c.state,
                    state_label: c.state.label().into(),
                    reason: c.reason.clone(),
                })
                .collect(),
            transactions: txs
                .iter()
                .map(|r| TxView::new(r, spec_of(r.chain_id)))
                .collect(),
            created_at: rfc3339(j.created_at),
            updated_at: rfc3339(j.updated_at),
        }
    }
}

/// A later step of a journey, priced now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LaterStepView {
    /// What the person will do.
    pub action: JourneyAction,
    /// Where it signs.
    pub chain_id: u64,
    /// The chain's name.
    pub chain: String,
    /// Its estimated fee at today's prices (wei).
    pub estimated_fee: String,
    /// The same in USD (8 decimals), when priced.
    pub estimated_fee_usd: Option<String>,
    /// Seconds from the first step until it is expected to be possible, if known.
    pub possible_after_secs: Option<u64>,
}

/// A journey ready to start, as both shells review it: the first transaction's review,
/// each later step with its cost and time, and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JourneyPlanView {
    /// The journey as it will be stored.
    pub journey: JourneyView,
    /// A token deposit's approval, signed just before the first transaction (it is
    /// confirmed with it: the first transaction's id signs both).
    pub approval: Option<PreparedView>,
    /// The first transaction's review.
    pub first: PreparedView,
    /// The later steps.
    pub later: Vec<LaterStepView>,
    /// Every fee of the journey (wei): the first transaction's expected fee, what a
    /// ticket pays beyond the amount, and the later steps' estimates.
    pub total_fees: String,
    /// The same in USD (8 decimals), when priced.
    pub total_fees_usd: Option<String>,
    /// Seconds until the funds are expected on the destination, if known.
    pub total_secs: Option<u64>,
}

impl JourneyPlanView {
    /// The review of `p` whose approval's and first transaction's reviews are given.
    pub fn new<'a>(
        p: &crate::journey::PreparedJourney,
        approval: Option<PreparedView>,
        first: PreparedView,
        price: Option<&UsdPrice>,
        spec_of: impl Fn(u64) -> Option<&'a ChainSpec>,
    ) -> Self {
        Self {
            journey: JourneyView::new(&p.journey, &[], spec_of),
            approval,
            first,
            later: p
                .later
                .iter()
                .map(|s| LaterStepView {
                    action: s.action,
                    chain_id: s.chain_id,
                    chain: s.chain.clone(),
                    estimated_fee: units(s.estimated_fee),
                    estimated_fee_usd: usd(price, s.estimated_fee, 18),
                    possible_after_secs: s.possible_after_secs,
                })
                .collect(),
            total_fees: units(p.total_fees()),
            total_fees_usd: usd(price, p.total_fees(), 18),
            total_secs: p.total_secs,
        }
    }
}
