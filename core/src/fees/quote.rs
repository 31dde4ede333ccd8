//! A transaction's full fee on one chain, for each speed, from one batched round trip:
//! fee history, gas estimate, pending nonce and the chain kind's fee inputs (the OP Stack
//! oracle's values, or Arbitrum's `NodeInterface` components) travel in one HTTP request.

use alloy::{
    consensus::TypedTransaction,
    eips::BlockNumberOrTag,
    primitives::{Address, Bytes, U64, U256},
    rpc::types::{FeeHistory, TransactionRequest},
};
use serde::Serialize;

use super::{
    arbitrum::{ArbitrumL1, components_request, decode_components},
    eip1559::{HISTORY_BLOCKS, REWARD_PERCENTILES, Speed, gas_price, next_base_fee},
    op_formula::{self, L1FeeParams, OpFork, TxBytes},
    op_stack::{decode_oracle, oracle_reads, unsigned_bytes},
};
use crate::{
    chain::{ChainKind, MULTICALL3},
    rpc::{
        ChainClient, RpcError,
        multicall::{aggregate3_request, decode_aggregate3},
    },
};

/// Gas of a plain ETH transfer to an account without code.
pub const TRANSFER_GAS: u64 = 21_000;
/// Gas assumed for an ERC-20 transfer when it cannot be estimated (`l2-protocols.md` §6.3:
/// 45k–65k; the top, since a new holder's balance slot costs more).
pub const TYPICAL_TOKEN_TRANSFER_GAS: u64 = 65_000;
/// The L1 fee can move between quote and inclusion: the worst case allows this much more
/// (numerator / denominator).
const L1_FEE_MARGIN: (u64, u64) = (5, 4);

/// How the gas amount is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GasPlan {
    /// Ask the node (`eth_estimateGas`); failing is an error (e.g. the call would revert).
    Estimate,
    /// Ask the node, and use this typical amount if it cannot answer (comparisons).
    EstimateOr(u64),
    /// Known in advance.
    Known(u64),
}

/// The transaction whose fee is wanted.
#[derive(Debug, Clone)]
pub struct FeeRequest {
    /// Sender, when known (for the nonce and the estimate).
    pub from: Option<Address>,
    /// Recipient (or the token contract).
    pub to: Address,
    /// Native value sent.
    pub value: U256,
    /// Calldata.
    pub input: Bytes,
    /// How to find the gas.
    pub gas: GasPlan,
}

/// Where the gas amount came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GasSource {
    /// The node's estimate.
    Estimated,
    /// Known in advance (a plain transfer).
    Known,
    /// A typical amount, because the node could not estimate it for this sender.
    Typical,
}

/// One speed's full cost, in wei.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeeBreakdown {
    /// Speed.
    pub speed: Speed,
    /// Gas limit to sign (on Arbitrum it includes the L1 part).
    pub gas_limit: u64,
    /// `maxFeePerGas`.
    pub max_fee_per_gas: u128,
    /// `maxPriorityFeePerGas`.
    pub max_priority_fee_per_gas: u128,
    /// Expected L2 (or L1) execution fee: gas used × (next base fee + tip).
    pub execution: U256,
    /// Expected L1 data fee (OP Stack: the oracle formula; Arbitrum: the L1 part of gas).
    pub l1_data: U256,
    /// Operator fee (OP Stack Isthmus+; zero elsewhere).
    pub operator: U256,
    /// Expected total: execution + L1 data + operator.
    pub total: U256,
    /// The most it can cost: gas limit × max fee, plus the L1 fee with a margin (what a
    /// balance check and "send max" must reserve).
    pub worst_case: U256,
}

/// A fee quote on one chain.
#[derive(Debug, Clone, Serialize)]
pub struct FeeQuote {
    /// Chain id.
    pub chain_id: u64,
    /// Chain name.
    pub chain: String,
    /// Chain kind.
    pub kind: ChainKind,
    /// The sender's next nonce (pending state), when a sender was given.
    pub nonce: Option<u64>,
    /// Next block's base fee.
    pub next_base_fee: u128,
    /// Gas the transaction is expected to use (L2 execution only on Arbitrum).
    pub gas_used: u64,
    /// Where that gas figure came from.
    pub gas_source: GasSource,
    /// OP Stack: active fork and the oracle's values.
    pub op: Option<(OpFork, L1FeeParams)>,
    /// Arbitrum: the node's L1 components.
    pub arbitrum: Option<ArbitrumL1>,
    /// Slow, normal, fast.
    pub speeds: Vec<FeeBreakdown>,
}

impl FeeQuote {
    /// The breakdown for `speed`.
    pub fn speed(&self, speed: Speed) -> &FeeBreakdown {
        self.speeds
            .iter()
            .find(|b| b.speed == speed)
            .expect("every speed is quoted")
    }
}

/// Builds the EIP-1559 transaction a quote prices (and a send signs).
pub fn eip1559_transaction(
    chain_id: u64,
    nonce: u64,
    request: &FeeRequest,
    breakdown: &FeeBreakdown,
) -> TransactionRequest {
    let mut tx = TransactionRequest::default()
        .to(request.to)
        .value(request.value)
        .input(request.input.clone().into())
        .nonce(nonce)
        .gas_limit(breakdown.gas_limit)
        .max_fee_per_gas(breakdown.max_fee_per_gas)
        .max_priority_fee_per_gas(breakdown.max_priority_fee_per_gas);
    tx.chain_id = Some(chain_id);
    tx.from = request.from;
    tx
}

/// Quotes `request` on `client`'s chain in one round trip.
pub async fn quote(client: &ChainClient, request: &FeeRequest) -> Result<FeeQuote, RpcError> {
    let spec = client.spec();
    let kind = spec.kind;
    let call = {
        let mut call = TransactionRequest::default()
            .to(request.to)
            .value(request.value)
            .input(request.input.clone().into());
        call.from = request.from;
        call
    };
    let latest = BlockNumberOrTag::Latest;
    let err = |method: &str, e| client.error(method, e);

    let mut batch = client.batch();
    let history = batch
        .add_call::<_, FeeHistory>(
            "eth_feeHistory",
            &(
                U64::from(HISTORY_BLOCKS),
                latest,
                REWARD_PERCENTILES.to_vec(),
            ),
        )
        .map_err(|e| err("eth_feeHistory", e))?;
    let estimate = match request.gas {
        GasPlan::Known(_) => None,
        _ => Some(
            batch
                .add_call::<_, U64>("eth_estimateGas", &(&call,))
                .map_err(|e| err("eth_estimateGas", e))?,
        ),
    };
    let nonce = match request.from {
        Some(from) => Some(
            batch
                .add_call::<_, U64>(
                    "eth_getTransactionCount",
                    &(from, BlockNumberOrTag::Pending),
                )
                .map_err(|e| err("eth_getTransactionCount", e))?,
        ),
        None => None,
    };
    let reads = oracle_reads();
    let oracle = match kind {
        ChainKind::OpStack => {
            let multicall = spec.multicall3.unwrap_or(MULTICALL3);
            Some(
                batch
                    .add_call::<_, Bytes>(
                        "eth_call",
                        &(aggregate3_request(multicall, &reads), latest),
                    )
                    .map_err(|e| err("eth_call", e))?,
            )
        }
        _ => None,
    };
    let components = match kind {
        ChainKind::Arbitrum => Some(
            batch
                .add_call::<_, Bytes>(
                    "eth_call",
                    &(
                        components_request(request.from, request.to, U256::ZERO, &request.input),
                        latest,
                    ),
                )
                .map_err(|e| err("eth_call", e))?,
        ),
        _ => None,
    };
    batch.send().await.map_err(|e| err("batch", e))?;

    let history = history.await.map_err(|e| err("eth_feeHistory", e))?;
    let (gas_used, gas_source) = match (request.gas, estimate) {
        (GasPlan::Known(gas), _) => (gas, GasSource::Known),
        (plan, Some(estimate)) => match (estimate.await, plan) {
            (Ok(gas), _) => (gas.to::<u64>(), GasSource::Estimated),
            (Err(_), GasPlan::EstimateOr(typical)) => (typical, GasSource::Typical),
            (Err(e), _) => return Err(err("eth_estimateGas", e)),
        },
        (_, None) => unreachable!("an estimate was requested"),
    };
    let nonce = match nonce {
        Some(n) => Some(
            n.await
                .map_err(|e| err("eth_getTransactionCount", e))?
                .to::<u64>(),
        ),
        None => None,
    };
    let malformed = |method: &str, detail: String| RpcError::Malformed {
        chain: client.name().into(),
        method: method.into(),
        detail,
    };
    let op = match oracle {
        Some(w) => {
            let output = w.await.map_err(|e| err("eth_call", e))?;
            let results = decode_aggregate3(&output, reads.len())
                .map_err(|d| malformed("GasPriceOracle", d))?;
            Some(
                decode_oracle(&results)
                    .ok_or_else(|| malformed("GasPriceOracle", "no l1BaseFee".into()))?,
            )
        }
        None => None,
    };
    let arbitrum = match components {
        Some(w) => {
            let output = w.await.map_err(|e| err("gasEstimateComponents", e))?;
            Some(
                decode_components(&output)
                    .ok_or_else(|| malformed("gasEstimateComponents", "undecodable".into()))?,
            )
        }
        None => None,
    };

    let next_base_fee =
        next_base_fee(&history).ok_or_else(|| malformed("eth_feeHistory", "no base fee".into()))?;
    let mut quote = FeeQuote {
        chain_id: spec.chain_id,
        chain: spec.name.clone(),
        kind,
        nonce,
        next_base_fee,
        gas_used,
        gas_source,
        op,
        arbitrum,
        speeds: Vec::new(),
    };
    for speed in Speed::ALL {
        let price = gas_price(&history, kind, speed).expect("base fee present");
        let breakdown = price_speed(
            &quote,
            request,
            speed,
            price.max_fee_per_gas,
            price.max_priority_fee_per_gas,
        );
        quote.speeds.push(breakdown);
    }
    Ok(quote)
}

/// Pads an estimated gas amount: exact transfers need none; anything that runs code gets
/// 20 % (state can change between estimate and inclusion).
fn padded(gas: u64, source: GasSource) -> u64 {
    if source == GasSource::Known || gas == TRANSFER_GAS {
        gas
    } else {
        gas.saturating_mul(6) / 5
    }
}

fn margin(x: U256) -> U256 {
    x * U256::from(L1_FEE_MARGIN.0) / U256::from(L1_FEE_MARGIN.1)
}

/// Prices one speed from the quote's inputs.
pub fn price_speed(
    quote: &FeeQuote,
    request: &FeeRequest,
    speed: Speed,
    max_fee: u128,
    tip: u128,
) -> FeeBreakdown {
    let per_gas = U256::from(quote.next_base_fee.min(max_fee.saturating_sub(tip)) + tip);
    let mut out = FeeBreakdown {
        speed,
        gas_limit: 0,
        max_fee_per_gas: max_fee,
        max_priority_fee_per_gas: tip,
        execution: U256::ZERO,
        l1_data: U256::ZERO,
        operator: U256::ZERO,
        total: U256::ZERO,
        worst_case: U256::ZERO,
    };
    match quote.kind {
        ChainKind::Ethereum => {
            out.gas_limit = padded(quote.gas_used, quote.gas_source);
            out.execution = U256::from(quote.gas_used) * per_gas;
            out.worst_case = U256::from(out.gas_limit) * U256::from(max_fee);
        }
        ChainKind::Arbitrum => {
            let l1 = quote.arbitrum.expect("Arbitrum quotes read the components");
            // On Nitro both the node's estimate and eth_estimateGas include the L1 part; take
            // the larger, and split off the L1 part the node reports.
            let total_gas = l1.gas_estimate.max(quote.gas_used);
            let exec_gas = total_gas.saturating_sub(l1.gas_for_l1);
            // The L1 part is unpadded in the node's answer (§2.2: add ~10 %).
            out.gas_limit = padded(exec_gas, quote.gas_source) + l1.gas_for_l1 + l1.gas_for_l1 / 10;
            out.execution = U256::from(exec_gas) * per_gas;
            out.l1_data = U256::from(l1.gas_for_l1) * per_gas;
            out.worst_case = U256::from(out.gas_limit) * U256::from(max_fee);
        }
        ChainKind::OpStack => {
            let (fork, params) = quote.op.clone().expect("OP quotes read the oracle");
            out.gas_limit = padded(quote.gas_used, quote.gas_source);
            out.execution = U256::from(quote.gas_used) * per_gas;
            let tx = eip1559_transaction(quote.chain_id, quote.nonce.unwrap_or(0), request, &out);
            let unsigned = unsigned_of(tx);
            out.l1_data = op_formula::l1_fee(fork, &params, &unsigned, TxBytes::Unsigned);
            out.operator = op_formula::operator_fee(fork, &params, quote.gas_used);
            let worst_l1 = if fork >= OpFork::Fjord {
                let raised = L1FeeParams {
                    l1_base_fee: margin(params.l1_base_fee),
                    blob_base_fee: margin(params.blob_base_fee),
                    ..params.clone()
                };
                op_formula::l1_fee_upper_bound(&raised, unsigned.len())
            } else {
                margin(out.l1_data)
            };
            out.worst_case = U256::from(out.gas_limit) * U256::from(max_fee)
                + worst_l1
                + op_formula::operator_fee(fork, &params, out.gas_limit);
        }
    }
    out.total = out.execution + out.l1_data + out.operator;
    out.worst_case = out.worst_case.max(out.total);
    out
}

/// The unsigned bytes of a complete transaction request.
pub fn unsigned_of(tx: TransactionRequest) -> Vec<u8> {
    let typed: TypedTransaction = tx.build_typed_tx().expect("a complete EIP-1559 request");
    unsigned_bytes(&typed)
}
