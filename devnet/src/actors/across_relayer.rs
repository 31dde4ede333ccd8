//! The devnet's Across relayer: with its own WETH on every chain, it fills each deposit it
//! finds on any chain's SpokePool on the destination chain, after its delay, when the
//! deposit's fee (input − output) pays its [`RelayerPolicy`] at the destination's gas price;
//! it asks to be repaid on the origin chain. Deposits that do not pay, that name a token
//! other than WETH, or whose fill deadline has passed on the destination are left unfilled
//! (an expired deposit is then refunded to its depositor through a root bundle); one
//! reserved for another relayer waits until its exclusivity ends; one whose fill keeps
//! reverting is given up after three tries.

use std::{collections::BTreeMap, sync::Arc, time::Instant};

use alloy::{
    primitives::U256,
    sol_types::{SolCall, SolEvent},
};
use switchyard_core::bridge::across::{
    V3RelayData,
    abi::{FundsDeposited, SpokePool, Weth, from_bytes32, to_bytes32},
    relay_hash,
};

use crate::{
    DevnetError, ManifestChain,
    across::{RELAYER, RelayerPolicy},
    rpc::Rpc,
};

/// What became of the deposits a round looked at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Relayed {
    /// Filled by this relayer.
    pub filled: usize,
    /// Left unfilled: the fee does not pay, the token is not WETH, or it is out of limits.
    pub declined: usize,
    /// Left unfilled: the fill deadline passed on the destination.
    pub expired: usize,
}

/// A deposit seen and not yet settled.
#[derive(Debug, Clone)]
struct Pending {
    origin: u64,
    destination: u64,
    deposit: FundsDeposited,
    seen: Instant,
    /// Fill attempts that failed (a fill that keeps reverting is given up).
    failures: u32,
}

/// Failed fill attempts after which a deposit is declined.
const MAX_FAILURES: u32 = 3;

/// The relayer's memory between rounds.
#[derive(Debug, Default)]
pub struct Relayer {
    /// Per origin chain: the first block not yet scanned.
    next_block: BTreeMap<u64, u64>,
    /// Deposits waiting for their delay (or for a later look), by (origin, deposit id).
    pending: BTreeMap<(u64, U256), Pending>,
}

impl Relayer {
    /// Scans every chain's SpokePool for deposits and fills what is due.
    pub async fn round(
        &mut self,
        chains: &[(ManifestChain, Arc<Rpc>)],
        policy: &RelayerPolicy,
    ) -> Result<Relayed, DevnetError> {
        // A chain or a deposit that fails is tried again next round without holding up the
        // others; the first error is returned once all were tried.
        let mut first_error = None;
        for (chain, rpc) in chains {
            let Some(across) = chain.across else { continue };
            let from = *self.next_block.get(&chain.chain_id).unwrap_or(&0);
            let filter = serde_json::json!({ "address": across.spoke_pool, "topics": [FundsDeposited::SIGNATURE_HASH] });
            let (head, logs) = match rpc.new_logs(filter, from).await {
                Ok(Some(found)) => found,
                Ok(None) => continue,
                Err(e) => {
                    first_error.get_or_insert(e);
                    continue;
                }
            };
            for log in &logs {
                let Ok(event) = FundsDeposited::decode_log(&log.inner) else {
                    continue;
                };
                let deposit = event.data;
                let destination = deposit.destinationChainId.saturating_to::<u64>();
                self.pending
                    .entry((chain.chain_id, deposit.depositId))
                    .or_insert(Pending {
                        origin: chain.chain_id,
                        destination,
                        deposit,
                        seen: Instant::now(),
                        failures: 0,
                    });
            }
            self.next_block.insert(chain.chain_id, head + 1);
        }
        let mut out = Relayed::default();
        let due: Vec<(u64, U256)> = self
            .pending
            .iter()
            .filter(|(_, p)| p.seen.elapsed().as_secs() >= policy.fill_delay_secs)
            .map(|(key, _)| *key)
            .collect();
        for key in due {
            let pending = self.pending[&key].clone();
            match fill(chains, policy, &pending, &mut out).await {
                Ok(true) => {
                    self.pending.remove(&key);
                }
                Ok(false) => {}
                Err(e) => {
                    let entry = self.pending.get_mut(&key).expect("pending");
                    entry.failures += 1;
                    if entry.failures >= MAX_FAILURES {
                        self.pending.remove(&key);
                        out.declined += 1;
                    }
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }
}

/// Fills or declines one deposit; returns whether it is settled (nothing more to do).
async fn fill(
    chains: &[(ManifestChain, Arc<Rpc>)],
    policy: &RelayerPolicy,
    pending: &Pending,
    out: &mut Relayed,
) -> Result<bool, DevnetError> {
    let find = |id: u64| {
        chains
            .iter()
            .find(|(c, _)| c.chain_id == id && c.across.is_some())
    };
    let (Some((origin, _)), Some((destination, rpc))) =
        (find(pending.origin), find(pending.destination))
    else {
        out.declined += 1; // a destination without a pool on this devnet
        return Ok(true);
    };
    let (from, to) = (
        origin.across.expect("found"),
        destination.across.expect("found"),
    );
    let deposit = &pending.deposit;
    let relay = V3RelayData::from_deposit(deposit, pending.origin);
    let hash = relay_hash(&relay, pending.destination);
    if rpc
        .view(
            to.spoke_pool,
            SpokePool::fillStatusesCall { relayHash: hash },
        )
        .await?
        != U256::ZERO
    {
        return Ok(true); // filled (by us earlier, or by someone else)
    }
    let now = rpc.latest_timestamp().await?;
    if now > u64::from(deposit.fillDeadline) {
        out.expired += 1;
        return Ok(true);
    }
    let exclusive = from_bytes32(deposit.exclusiveRelayer);
    if !exclusive.is_zero() && exclusive != RELAYER && now <= u64::from(deposit.exclusivityDeadline)
    {
        return Ok(false); // another relayer's, for now
    }
    let gas_price: U256 = rpc.call("eth_gasPrice", ()).await?;
    let tokens_ok = from_bytes32(deposit.inputToken) == from.weth
        && from_bytes32(deposit.outputToken) == to.weth;
    if !tokens_ok || !policy.worth_filling(deposit.inputAmount, deposit.outputAmount, gas_price) {
        out.declined += 1;
        return Ok(true);
    }
    // Enough WETH: wrap more ETH when it runs low.
    let held = rpc
        .view(to.weth, Weth::balanceOfCall { who: RELAYER })
        .await?;
    if held < deposit.outputAmount {
        let gas_money = U256::from(10u64.pow(18));
        rpc.top_up(RELAYER, deposit.outputAmount.saturating_add(gas_money))
            .await?;
        let wrap = rpc
            .send_as(
                RELAYER,
                to.weth,
                Weth::depositCall {}.abi_encode(),
                deposit.outputAmount,
            )
            .await?;
        rpc.wait(wrap).await?;
    }
    let call = SpokePool::fillRelayCall {
        relayData: relay,
        repaymentChainId: U256::from(pending.origin),
        repaymentAddress: to_bytes32(RELAYER),
    };
    let sent = rpc
        .send_as(RELAYER, to.spoke_pool, call.abi_encode(), U256::ZERO)
        .await?;
    rpc.wait(sent).await?;
    out.filled += 1;
    Ok(true)
}
