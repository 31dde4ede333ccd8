//! Across's refunds, as its dataworker and HubPool do them: fills are repaid to their
//! relayer on the repayment chain, and deposits that expired unfilled are refunded to
//! their depositor on the origin chain, through root bundles. For each chain owed
//! something, the hub builds a one-leaf `RelayerRefundLeaf` tree and relays its root to
//! that chain's SpokePool by the real admin path — an owner call on L1, an
//! `L1CrossDomainMessenger` message to an OP chain (delivered by the sequencer), a
//! retryable ticket to the Arbitrum chain (delivered and auto-redeemed from the hub's
//! alias) — then executes the leaf there once the root has landed.
//!
//! Differences from Across, on purpose: no HubPool contract, no bundle liveness or
//! disputes, no LP fee accounting; one leaf per chain and bundle.

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::Arc,
};

use alloy::{
    primitives::{Address, B256, Bytes, U256, keccak256},
    sol_types::{SolCall, SolEvent, SolValue},
};
use switchyard_core::{
    bridge::across::{
        V3RelayData,
        abi::{FilledRelay, FundsDeposited, RelayerRefundLeaf, SpokePool, from_bytes32},
        relay_hash,
    },
    chain::ChainKind,
    rollup::{arbitrum::abi::Inbox, op_stack::abi::L1CrossDomainMessenger},
};

use crate::{DevnetError, ManifestChain, across::HUB, rpc::Rpc};

/// Gas the root's relay gets on an L2.
const RELAY_GAS: u32 = 1_000_000;

/// A bundle relayed to a chain and not yet executed.
#[derive(Debug, Clone)]
struct InFlight {
    id: u32,
    leaf: RelayerRefundLeaf,
}

/// The hub's memory between rounds.
#[derive(Debug, Default)]
pub struct Dataworker {
    next_block: BTreeMap<u64, u64>,
    /// Deposits not yet seen filled, by (origin, deposit id): (destination, the deposit).
    open: BTreeMap<(u64, U256), (u64, FundsDeposited)>,
    /// What each chain owes, by recipient (relayers and depositors), in its WETH.
    owed: BTreeMap<u64, BTreeMap<Address, U256>>,
    /// Bundles relayed per chain so far (the next one's id).
    relayed: BTreeMap<u64, u32>,
    in_flight: BTreeMap<u64, InFlight>,
    refunded_expired: BTreeSet<(u64, U256)>,
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
    /// One round: learn fills and deposits, account what is owed, relay and execute bundles.
    pub async fn round(
        &mut self,
        l1: &Rpc,
        chains: &[(ManifestChain, Arc<Rpc>)],
    ) -> Result<Refunds, DevnetError> {
        let mut out = Refunds::default();
        for (chain, rpc) in chains {
            let Some(across) = chain.across else { continue };
            let from = *self.next_block.get(&chain.chain_id).unwrap_or(&0);
            let filter = serde_json::json!({
                "address": across.spoke_pool,
                "topics": [[FundsDeposited::SIGNATURE_HASH, FilledRelay::SIGNATURE_HASH]],
            });
            let Some((head, logs)) = rpc.new_logs(filter, from).await? else {
                continue;
            };
            for log in &logs {
                if let Ok(deposit) = FundsDeposited::decode_log(&log.inner) {
                    let destination = deposit.destinationChainId.saturating_to::<u64>();
                    self.open.insert(
                        (chain.chain_id, deposit.depositId),
                        (destination, deposit.data),
                    );
                } else if let Ok(fill) = FilledRelay::decode_log(&log.inner) {
                    let origin = fill.originChainId.saturating_to::<u64>();
                    self.open.remove(&(origin, fill.depositId));
                    // Repaid the input amount in the repayment chain's WETH (the devnet's
                    // relayer always asks for the origin, where the deposit's WETH is).
                    let repayment = fill.repaymentChainId.saturating_to::<u64>();
                    *self
                        .owed
                        .entry(repayment)
                        .or_default()
                        .entry(from_bytes32(fill.relayer))
                        .or_default() += fill.inputAmount;
                }
            }
            self.next_block.insert(chain.chain_id, head + 1);
        }
        self.refund_expired(chains).await?;
        for (chain, rpc) in chains {
            if let Some(flight) = self.in_flight.get(&chain.chain_id).cloned() {
                out.executed += self.execute(chain, rpc, &flight).await? as usize;
            } else if self
                .owed
                .get(&chain.chain_id)
                .is_some_and(|o| !o.is_empty())
            {
                self.relay(l1, chain).await?;
                out.relayed += 1;
            }
        }
        Ok(out)
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
        for ((origin, id), (destination, deposit)) in open {
            let Some((dest_chain, dest_rpc)) = find(destination) else {
                continue;
            };
            if dest_rpc.latest_timestamp().await? <= u64::from(deposit.fillDeadline) {
                continue;
            }
            let relay = V3RelayData::from_deposit(&deposit, origin);
            let pool = dest_chain.across.expect("found").spoke_pool;
            let status = dest_rpc
                .view(
                    pool,
                    SpokePool::fillStatusesCall {
                        relayHash: relay_hash(&relay, destination),
                    },
                )
                .await?;
            self.open.remove(&(origin, id));
            if status == U256::ZERO && self.refunded_expired.insert((origin, id)) {
                *self
                    .owed
                    .entry(origin)
                    .or_default()
                    .entry(from_bytes32(deposit.depositor))
                    .or_default() += deposit.inputAmount;
            }
        }
        Ok(())
    }

    /// Relays a bundle repaying what `chain` owes, by its admin path.
    async fn relay(&mut self, l1: &Rpc, chain: &ManifestChain) -> Result<(), DevnetError> {
        let owed = self.owed.remove(&chain.chain_id).unwrap_or_default();
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
        let sent = match chain.kind {
            ChainKind::Ethereum => l1.send_as(HUB, across.spoke_pool, call, U256::ZERO).await?,
            ChainKind::OpStack => {
                let messenger =
                    chain
                        .op_l1
                        .as_ref()
                        .map(|op| op.l1_messenger)
                        .ok_or_else(|| {
                            l1.error("relayRootBundle", "an OP chain without its messenger")
                        })?;
                let message = L1CrossDomainMessenger::sendMessageCall {
                    target: across.spoke_pool,
                    message: Bytes::from(call),
                    minGasLimit: RELAY_GAS,
                };
                l1.send_as(HUB, messenger, message.abi_encode(), U256::ZERO)
                    .await?
            }
            ChainKind::Arbitrum => {
                let inbox = chain.arb.as_ref().map(|a| a.inbox).ok_or_else(|| {
                    l1.error("relayRootBundle", "an Arbitrum chain without its inbox")
                })?;
                // Generous submission cost and gas (the devnet charges neither).
                let ticket = Inbox::createRetryableTicketCall {
                    to: across.spoke_pool,
                    l2CallValue: U256::ZERO,
                    maxSubmissionCost: U256::from(10u64.pow(16)),
                    excessFeeRefundAddress: HUB,
                    callValueRefundAddress: HUB,
                    gasLimit: U256::from(RELAY_GAS),
                    maxFeePerGas: U256::from(2_000_000_000u64),
                    data: Bytes::from(call),
                };
                let value = U256::from(10u64.pow(16))
                    + U256::from(RELAY_GAS) * U256::from(2_000_000_000u64);
                l1.send_as(HUB, inbox, ticket.abi_encode(), value).await?
            }
        };
        l1.wait(sent).await?;
        let id = self.relayed.entry(chain.chain_id).or_default();
        self.in_flight
            .insert(chain.chain_id, InFlight { id: *id, leaf });
        *id += 1;
        Ok(())
    }

    /// Executes a relayed bundle's leaf once its root has landed; returns whether it did.
    async fn execute(
        &mut self,
        chain: &ManifestChain,
        rpc: &Rpc,
        flight: &InFlight,
    ) -> Result<bool, DevnetError> {
        let pool = chain.across.expect("has a pool").spoke_pool;
        let tx = serde_json::json!({ "to": pool, "data": Bytes::from(SpokePool::rootBundlesCall { index: U256::from(flight.id) }.abi_encode()) });
        // Out of range (not landed yet) reverts.
        let Ok(out) = rpc.call::<_, Bytes>("eth_call", (tx, "latest")).await else {
            return Ok(false);
        };
        let landed = SpokePool::rootBundlesCall::abi_decode_returns(&out)
            .map_err(|e| rpc.error("rootBundles", &e.to_string()))?;
        if landed.relayerRefundRoot != keccak256(flight.leaf.abi_encode()) {
            return Err(rpc.error(
                "rootBundles",
                &format!(
                    "bundle {} on {} is not the one relayed",
                    flight.id, chain.name
                ),
            ));
        }
        let balance: U256 = rpc.call("eth_getBalance", (HUB, "latest")).await?;
        if balance < U256::from(10u64.pow(17)) {
            rpc.call::<_, ()>("anvil_setBalance", (HUB, U256::from(10u64.pow(19))))
                .await?;
        }
        let call = SpokePool::executeRelayerRefundLeafCall {
            rootBundleId: flight.id,
            relayerRefundLeaf: flight.leaf.clone(),
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
