//! "Where is this transfer cheapest right now?": the same transfer quoted on every chain
//! in parallel (one round trip each, plus the USD price read beside them), sorted.

use alloy::{
    eips::{BlockId, BlockNumberOrTag},
    primitives::{Address, Bytes, U256, address},
    sol_types::SolCall,
};
use serde::Serialize;

use super::{
    Speed,
    quote::{FeeBreakdown, FeeRequest, GasPlan, TRANSFER_GAS, TYPICAL_TOKEN_TRANSFER_GAS, quote},
};
use crate::{
    assets::{
        Token, UsdPrice, UsdValue,
        balances::IERC20,
        parse_units,
        prices::{decode_feed, feed_reads},
    },
    chain::ChainKind,
    rpc::{
        ChainClient,
        multicall::{aggregate3_request, decode_aggregate3},
    },
};

/// The amount compared when none is given (in the asset's units): a typical everyday
/// transfer; both shells use it.
pub const DEFAULT_COMPARISON_AMOUNT: &str = "0.01";
/// The asset compared when none is given.
pub const DEFAULT_COMPARISON_ASSET: &str = "ETH";

/// Recipient used when the comparison has none: any account without code prices the same.
const SAMPLE_RECIPIENT: Address = address!("0x000000000000000000000000000000000000dEaD");

/// USD values of a breakdown's parts.
#[derive(Debug, Clone, Serialize)]
pub struct UsdBreakdown {
    /// Execution.
    pub execution: UsdValue,
    /// L1 data.
    pub l1_data: UsdValue,
    /// Operator.
    pub operator: UsdValue,
    /// Total.
    pub total: UsdValue,
}

/// One chain's line in the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct FeeComparisonRow {
    /// Chain id.
    pub chain_id: u64,
    /// Chain name.
    pub chain: String,
    /// Chain kind.
    pub kind: ChainKind,
    /// Gas the transfer uses there.
    pub gas_used: u64,
    /// Whether that gas was estimated or typical.
    pub gas_source: Option<super::GasSource>,
    /// The normal-speed breakdown, in wei.
    pub fee: Option<FeeBreakdown>,
    /// The same in USD, when a price is known.
    pub usd: Option<UsdBreakdown>,
    /// Why this chain has no quote (asset not on it, chain unreachable).
    pub error: Option<String>,
}

/// The comparison, cheapest first; chains without a quote last.
#[derive(Debug, Clone, Serialize)]
pub struct FeeComparison {
    /// Asset compared ("ETH" or a token symbol).
    pub asset: String,
    /// Amount, as given.
    pub amount: String,
    /// ETH/USD used.
    pub eth_usd: Option<UsdPrice>,
    /// Rows.
    pub rows: Vec<FeeComparisonRow>,
}

/// Where the ETH/USD feed is read from.
#[derive(Debug, Clone)]
pub struct PriceSource {
    /// The chain holding the feed.
    pub client: ChainClient,
    /// The feed.
    pub feed: Address,
}

/// Quotes a transfer of `amount` of `asset` (ETH or a token symbol) on every chain.
pub async fn compare_fees(
    chains: &[(ChainClient, Vec<Token>)],
    from: Option<Address>,
    asset: &str,
    amount: &str,
    price: Option<PriceSource>,
) -> FeeComparison {
    let rows = futures::future::join_all(
        chains
            .iter()
            .map(|(c, tokens)| row(c, tokens, from, asset, amount)),
    );
    let (mut rows, eth_usd) = futures::join!(rows, read_price(price));
    for row in &mut rows {
        if let (Some(fee), Some(p)) = (&row.fee, &eth_usd) {
            row.usd = Some(UsdBreakdown {
                execution: p.value_of(fee.execution, 18),
                l1_data: p.value_of(fee.l1_data, 18),
                operator: p.value_of(fee.operator, 18),
                total: p.value_of(fee.total, 18),
            });
        }
    }
    rows.sort_by_key(|r| r.fee.as_ref().map_or((1, U256::MAX), |f| (0, f.total)));
    FeeComparison {
        asset: asset.into(),
        amount: amount.into(),
        eth_usd,
        rows,
    }
}

/// The ETH/USD price from `source`; `None` when there is no source or it cannot be read.
pub async fn read_price(source: Option<PriceSource>) -> Option<UsdPrice> {
    let source = source?;
    let multicall = source.client.spec().multicall3?;
    let reads = feed_reads(source.feed);
    let request = aggregate3_request(multicall, &reads);
    let output = source
        .client
        .call(&request, BlockId::Number(BlockNumberOrTag::Latest))
        .await
        .ok()?;
    let results = decode_aggregate3(&output, reads.len()).ok()?;
    decode_feed("eth_usd_feed", &results)
}

async fn row(
    client: &ChainClient,
    tokens: &[Token],
    from: Option<Address>,
    asset: &str,
    amount: &str,
) -> FeeComparisonRow {
    let spec = client.spec();
    let mut row = FeeComparisonRow {
        chain_id: spec.chain_id,
        chain: spec.name.clone(),
        kind: spec.kind,
        gas_used: 0,
        gas_source: None,
        fee: None,
        usd: None,
        error: None,
    };
    let request = match transfer_request(spec.native.symbol.as_str(), tokens, from, asset, amount) {
        Ok(r) => r,
        Err(e) => {
            row.error = Some(e);
            return row;
        }
    };
    match quote(client, &request).await {
        Ok(q) => {
            row.gas_used = q.gas_used;
            row.gas_source = Some(q.gas_source);
            row.fee = Some(q.speed(Speed::Normal).clone());
        }
        Err(e) => row.error = Some(e.to_string()),
    }
    row
}

/// The fee request of a transfer of `amount` `asset` on a chain with these tokens.
fn transfer_request(
    native: &str,
    tokens: &[Token],
    from: Option<Address>,
    asset: &str,
    amount: &str,
) -> Result<FeeRequest, String> {
    if asset.eq_ignore_ascii_case(native) {
        let value = parse_units(amount, 18).map_err(|e| e.to_string())?;
        return Ok(FeeRequest {
            from,
            to: SAMPLE_RECIPIENT,
            value,
            input: Bytes::new(),
            gas: GasPlan::EstimateOr(TRANSFER_GAS),
        });
    }
    let token = tokens
        .iter()
        .find(|t| t.symbol.eq_ignore_ascii_case(asset))
        .ok_or_else(|| format!("{asset} is not known on this chain"))?;
    let value = parse_units(amount, token.decimals).map_err(|e| e.to_string())?;
    let input = IERC20::transferCall {
        to: SAMPLE_RECIPIENT,
        amount: value,
    }
    .abi_encode();
    Ok(FeeRequest {
        from,
        to: token.address,
        value: U256::ZERO,
        input: input.into(),
        gas: GasPlan::EstimateOr(TYPICAL_TOKEN_TRANSFER_GAS),
    })
}
