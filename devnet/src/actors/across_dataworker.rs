//! Across's refunds, as its dataworker and HubPool do them: fills are repaid to their
//! relayer on the repayment chain, and deposits that expired unfilled are refunded to
//! their depositor on the origin chain, through root bundles. For each chain owed
//! something, the hub builds a one-leaf `RelayerRefundLeaf` tree and relays its root to
//! that chain's SpokePool by the real admin path — an owner call on L1, an
//! `L1CrossDomainMessenger` message to an OP chain (delivered by the sequencer), a
//! retryable ticket to the Arbitrum chain (delivered and auto-redeemed from the hub's
//! alias) — then executes the leaf once the pool logs the root.
//!
//! What is owed is read from the chains, never remembered alone: every pool's deposits,
//! fills and executed refunds since its first block (a fill counts only when a deposit
//! with the same relay data was seen; executed refunds are subtracted), so a restarted
//! hub neither forgets nor pays twice. A bundle relayed before a restart and not yet
//! executed is left unexecuted (its debts go into a new one).
//!
//! Differences from Across, on purpose: no HubPool contract, no bundle liveness or
//! disputes, no LP fee accounting; one leaf per chain and bundle.

use std::{collections::BTreeMap, sync::Arc};

use alloy::{
    primitives::{Address, B256, Bytes, U256, keccak256},
    sol_types::{SolCall, SolEvent, SolValue},
};
use switchyard_core::{
    bridge::across::{
        V3RelayData,
        abi::{
            ExecutedRelayerRefundRoot, FilledRelay, FundsDeposited, RelayedRootBundle,
            RelayerRefundLeaf, SpokePool, from_bytes32,
        },
        relay_hash,
    },
    chain::ChainKind,
    rollup::{arbitrum::abi::Inbox, op_stack::abi::L1CrossDomainMessenger},
};

use crate::{DevnetError, ManifestChain, across::HUB, rpc::Rpc};

/// Gas the root's relay gets on an L2.
const RELAY_GAS: u32 = 1_000_000;
/// The retryable carrying a root to the Arbitrum pool: its submission cost and gas price
/// (generous; the devnet charges neither).
const TICKET_SUBMISSION: u64 = 10_000_000_000_000_000;
const TICKET_GAS_PRICE: u64 = 2_000_000_000;

/// The hub's memory between rounds (all of it re-derivable from the chains).
#[derive(Debug, Default)]
pub struct Dataworker {
    next_block: BTreeMap<u64, u64>,
    /// Deposits not yet filled or refunded, by relay hash: (origin, destination, deposit).
    open: BTreeMap<B256, (u64, u64, FundsDeposited)>,
    /// What each chain owes, by recipient (relayers and depositors), in its WETH.
    owed: BTreeMap<u64, BTreeMap<Address, U256>>,
    /// The bundle relayed to each chain and not yet executed.
    in_flight: BTreeMap<u64, RelayerRefundLeaf>,
}

/// What a round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refunds {
    /// Root bundles relayed.
    pub relayed: usize,
    /// Refund leaves executed.
    pub executed: usize,
}

impl Dataworker {
    /// One round: read deposits, fills and refunds, relay and execute bundles. A chain that
    /// fails is tried again next round and does not hold up the others (the first error is
    /// returned after all were tried).
    pub async fn round(
        &mut self,
        l1: &Rpc,
        chains: &[(ManifestChain, Arc<Rpc>)],
    ) -> Result<Refunds, DevnetError> {
        let mut first_error = None;
        // Read every pool first, then apply deposits before fills (a fill may be read
        // from its destination before its deposit from the origin).
        let mut read = Vec::new();
        for (chain, rpc) in chains {
            let Some(across) = chain.across else { continue };
            let from = *self.next_block.get(&chain.chain_id).unwrap_or(&0);
            let filter = serde_json::json!({
                "address": across.spoke_pool,
                "topics": [[
                    FundsDeposited::SIGNATURE_HASH,
                    FilledRelay::SIGNATURE_HASH,
                    ExecutedRelayerRefundRoot::SIGNATURE_HASH,
                ]],
            });
            match rpc.new_logs(filter, from).await {
                Ok(Some((head, logs))) => {
                    self.next_block.insert(chain.chain_id, head + 1);
                    read.push((chain.chain_id, logs));
                }
                Ok(None) => {}
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        for (chain_id, logs) in &read {
            for log in logs {
                if let Ok(deposit) = FundsDeposited::decode_log(&log.inner) {
                    let destination = deposit.destinationChainId.saturating_to::<u64>();
                    let relay = V3RelayData::from_deposit(&deposit.data, *chain_id);
                    let key = relay_hash(&relay, destination);
                    self.open
                        .insert(key, (*chain_id, destination, deposit.data));
                }
            }
        }
        for (chain_id, logs) in &read {
            for log in logs {
                if let Ok(fill) = FilledRelay::decode_log(&log.inner) {
                    self.credit_fill(*chain_id, &fill.data);
                }
            }
        }
        if let Err(e) = self.refund_expired(chains).await {
            first_error.get_or_insert(e);
        }
        // What was paid comes off last, once every debt it may pay is counted.
        for (chain_id, logs) in &read {
            for log in logs {
                if let Ok(refund) = ExecutedRelayerRefundRoot::decode_log(&log.inner) {
                    let owed = self.owed.entry(*chain_id).or_default();
                    for (to, amount) in refund.refundAddresses.iter().zip(&refund.refundAmounts) {
                        let entry = owed.entry(*to).or_default();
                        *entry = entry.saturating_sub(*amount);
                    }
                    owed.retain(|_, amount| !amount.is_zero());
                }
            }
        }
        let mut out = Refunds::default();
        for (chain, rpc) in chains {
            let step = match self.in_flight.get(&chain.chain_id).cloned() {
                Some(leaf) => self.execute(chain, rpc, &leaf).await.map(|done| {
                    out.executed += usize::from(done);
                }),
                None if self
                    .owed
                    .get(&chain.chain_id)
                    .is_some_and(|o| !o.is_empty()) =>
                {
                    self.relay(l1, chain).await.map(|()| out.relayed += 1)
                }
                None => Ok(()),
            };
            if let Err(e) = step {
                first_error.get_or_insert(e);
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    /// A fill on `destination` of a deposit seen on its origin is owed to its relayer on
    /// the repayment chain, in the input amount (the devnet's relayer is repaid on the
    /// origin, where the deposit's WETH is). A fill of no deposit seen is ignored.
    fn credit_fill(&mut self, destination: u64, fill: &FilledRelay) {
        let origin = fill.originChainId.saturating_to::<u64>();
        let matching = self.open.iter().find_map(|(key, (o, d, deposit))| {
            (*o == origin
                && *d == destination
                && deposit.depositId == fill.depositId
                && deposit.inputAmount == fill.inputAmount
                && deposit.outputAmount == fill.outputAmount
                && deposit.recipient == fill.recipient)
                .then_some(*key)
        });
        let Some(key) = matching else { return };
        self.open.remove(&key);
        let repayment = fill.repaymentChainId.saturating_to::<u64>();
        let owed = self
            .owed
            .entry(repayment)
            .or_default()
            .entry(from_bytes32(fill.relayer))
            .or_default();
        *owed = owed.saturating_add(fill.inputAmount);
    }

    /// Deposits whose fill deadline has passed on their destination, unfilled, are owed
    /// back to their depositor on the origin chain.
    async fn refund_expired(
        &mut self,
        chains: &[(ManifestChain, Arc<Rpc>)],
    ) -> Result<(), DevnetError> {
        let find = |id: u64| {
            chains
                .iter()
                .find(|(c, _)| c.chain_id == id && c.across.is_some())
        };
        let open: Vec<_> = self.open.iter().map(|(k, v)| (*k, v.clone())).collect();
        // Each destination's clock, read once per round however many deposits wait on it.
        let mut now = BTreeMap::new();
        for (key, (origin, destination, deposit)) in open {
            let Some((dest_chain, dest_rpc)) = find(destination) else {
                continue;
            };
            let clock = match now.get(&destination) {
                Some(clock) => *clock,
                None => *now
                    .entry(destination)
                    .or_insert(dest_rpc.latest_timestamp().await?),
            };
            if clock <= u64::from(deposit.fillDeadline) {
                continue;
            }
            let pool = dest_chain.across.expect("found").spoke_pool;
            let status = dest_rpc
                .view(pool, SpokePool::fillStatusesCall { relayHash: key })
                .await?;
            self.open.remove(&key);
            if status == U256::ZERO {
                let owed = self
                    .owed
                    .entry(origin)
                    .or_default()
                    .entry(from_bytes32(deposit.depositor))
                    .or_default();
                *owed = owed.saturating_add(deposit.inputAmount);
            }
        }
        Ok(())
    }

    /// Relays a bundle repaying what `chain` owes, by its admin path.
    async fn relay(&mut self, l1: &Rpc, chain: &ManifestChain) -> Result<(), DevnetError> {
        let owed = self.owed.get(&chain.chain_id).cloned().unwrap_or_default();
        let across = chain.across.expect("has a pool");
        let leaf = RelayerRefundLeaf {
            amountToReturn: U256::ZERO,
            chainId: U256::from(chain.chain_id),
            refundAmounts: owed.values().copied().collect(),
            leafId: 0,
            l2TokenAddress: across.weth,
            refundAddresses: owed.keys().copied().collect(),
        };
        // A one-leaf tree: the root is the leaf's hash, the proof empty.
        let root: B256 = keccak256(leaf.abi_encode());
        let call = SpokePool::relayRootBundleCall {
            relayerRefundRoot: root,
            slowRelayRoot: B256::ZERO,
        }
        .abi_encode();
        let missing =
            |what: &str| l1.error("relayRootBundle", &format!("{} has no {what}", chain.name));
        let sent = match chain.kind {
            ChainKind::Ethereum => l1.send_as(HUB, across.spoke_pool, call, U256::ZERO).await?,
            ChainKind::OpStack => {
                let messenger = chain
                    .op_l1
                    .as_ref()
                    .map(|op| op.l1_messenger)
                    .ok_or_else(|| missing("messenger"))?;
                let message = L1CrossDomainMessenger::sendMessageCall {
                    target: across.spoke_pool,
                    message: Bytes::from(call),
                    minGasLimit: RELAY_GAS,
                };
                l1.send_as(HUB, messenger, message.abi_encode(), U256::ZERO)
                    .await?
            }
            ChainKind::Arbitrum => {
                let inbox = chain
                    .arb
                    .as_ref()
                    .map(|a| a.inbox)
                    .ok_or_else(|| missing("inbox"))?;
                let ticket = Inbox::createRetryableTicketCall {
                    to: across.spoke_pool,
                    l2CallValue: U256::ZERO,
                    maxSubmissionCost: U256::from(TICKET_SUBMISSION),
                    excessFeeRefundAddress: HUB,
                    callValueRefundAddress: HUB,
                    gasLimit: U256::from(RELAY_GAS),
                    maxFeePerGas: U256::from(TICKET_GAS_PRICE),
                    data: Bytes::from(call),
                };
                let value = U256::from(TICKET_SUBMISSION)
                    + U256::from(RELAY_GAS) * U256::from(TICKET_GAS_PRICE);
                l1.send_as(HUB, inbox, ticket.abi_encode(), value).await?
            }
        };
        l1.wait(sent).await?;
        self.in_flight.insert(chain.chain_id, leaf);
        Ok(())
    }

    /// Executes a relayed bundle's leaf once the pool has logged its root; returns whether
    /// it did (the refunds' log then lowers what is owed, next round).
    async fn execute(
        &mut self,
        chain: &ManifestChain,
        rpc: &Rpc,
        leaf: &RelayerRefundLeaf,
    ) -> Result<bool, DevnetError> {
        let pool = chain.across.expect("has a pool").spoke_pool;
        let root = keccak256(leaf.abi_encode());
        let filter = serde_json::json!({
            "address": pool,
            "fromBlock": "0x0",
            "toBlock": "latest",
            "topics": [RelayedRootBundle::SIGNATURE_HASH, serde_json::Value::Null, root],
        });
        let landed: Vec<alloy::rpc::types::Log> = rpc.call("eth_getLogs", (filter,)).await?;
        let Some(id) = landed
            .iter()
            .find_map(|l| RelayedRootBundle::decode_log(&l.inner).ok())
            .map(|e| e.rootBundleId)
        else {
            return Ok(false); // not delivered yet
        };
        rpc.top_up(HUB, U256::from(10u64.pow(17))).await?;
        let call = SpokePool::executeRelayerRefundLeafCall {
            rootBundleId: id,
            relayerRefundLeaf: leaf.clone(),
            proof: vec![],
        };
        let sent = rpc
            .send_as(HUB, pool, call.abi_encode(), U256::ZERO)
            .await?;
        rpc.wait(sent).await?;
        self.in_flight.remove(&chain.chain_id);
        Ok(true)
    }
}
