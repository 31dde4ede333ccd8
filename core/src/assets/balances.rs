//! Balances of many accounts and tokens: one Multicall3 `aggregate3` per chain (native
//! balances through `getEthBalance`, tokens through `balanceOf`, the USD feeds the chain
//! holds in the same call), chains scanned in parallel.

use std::collections::BTreeMap;

use alloy::{
    eips::{BlockId, BlockNumberOrTag},
    primitives::{Address, Bytes, U256},
    sol,
};
use serde::Serialize;

use super::{
    prices::{UsdPrice, UsdValue, decode_feed, feed_reads},
    tokens::Token,
};
use crate::{
    rpc::multicall::{IMulticall3, Read, aggregate3_request, decode, decode_aggregate3},
    rpc::{ChainClient, RpcError},
};

sol! {
    /// The ERC-20 reads the wallet needs.
    interface IERC20 {
        function balanceOf(address owner) external view returns (uint256);
        function transfer(address to, uint256 amount) external returns (bool);
        function approve(address spender, uint256 amount) external returns (bool);
        function allowance(address owner, address spender) external view returns (uint256);
        function decimals() external view returns (uint8);
        function symbol() external view returns (string);
        function name() external view returns (string);
    }
}

/// An asset on a chain: the native currency or a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "address")]
pub enum AssetId {
    /// The chain's native currency.
    Native,
    /// An ERC-20 at this address.
    Token(Address),
}

/// One account's balance of one asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holding {
    /// Account.
    pub account: Address,
    /// Asset.
    pub asset: AssetId,
    /// Symbol.
    pub symbol: String,
    /// Decimals.
    pub decimals: u8,
    /// Amount in the asset's smallest unit.
    pub amount: U256,
    /// Its USD value, when a feed prices it.
    pub usd: Option<UsdValue>,
}

/// One chain's scan.
#[derive(Debug, Clone, Serialize)]
pub struct ChainBalances {
    /// Chain id.
    pub chain_id: u64,
    /// Chain name.
    pub chain: String,
    /// Every (account, asset) pair; failed token reads are left out.
    pub holdings: Vec<Holding>,
    /// Sum of the USD values on this chain.
    pub usd_total: UsdValue,
    /// Why the chain could not be read, if it could not.
    pub error: Option<String>,
}

/// Balances on every chain, with USD totals.
#[derive(Debug, Clone, Serialize)]
pub struct Portfolio {
    /// Per chain, in the profile's order.
    pub chains: Vec<ChainBalances>,
    /// Prices used.
    pub prices: Vec<UsdPrice>,
    /// Sum over chains.
    pub usd_total: UsdValue,
}

/// What to scan on one chain.
#[derive(Debug, Clone)]
pub struct ChainScan {
    /// The chain's client.
    pub client: ChainClient,
    /// Tokens to read.
    pub tokens: Vec<Token>,
    /// USD feeds that live on this chain, by name.
    pub feeds: Vec<(String, Address)>,
}

/// One chain's raw read: (account, asset, amount) triples and the feeds' prices.
type ChainRead = (Vec<(Address, AssetId, U256)>, Vec<UsdPrice>);

struct Raw {
    chain_id: u64,
    chain: String,
    native_symbol: String,
    native_decimals: u8,
    result: Result<ChainRead, RpcError>,
    tokens: Vec<Token>,
    native_feed: Option<String>,
}

/// Reads `accounts`' balances on every chain of `scans` (in parallel, one request each) and
/// values them with the feeds found. A chain that fails is reported, not fatal.
pub async fn scan_portfolio(scans: &[ChainScan], accounts: &[Address]) -> Portfolio {
    let raws = futures::future::join_all(scans.iter().map(|s| scan_one(s, accounts))).await;
    let prices: BTreeMap<String, UsdPrice> = raws
        .iter()
        .filter_map(|r| r.result.as_ref().ok())
        .flat_map(|(_, p)| p.iter().map(|p| (p.feed.clone(), p.clone())))
        .collect();
    let chains: Vec<ChainBalances> = raws.into_iter().map(|raw| value(raw, &prices)).collect();
    let usd_total = chains.iter().fold(UsdValue::default(), |acc, c| {
        acc.saturating_add(c.usd_total)
    });
    Portfolio {
        chains,
        prices: prices.into_values().collect(),
        usd_total,
    }
}

fn value(raw: Raw, prices: &BTreeMap<String, UsdPrice>) -> ChainBalances {
    let (amounts, error) = match raw.result {
        Ok((amounts, _)) => (amounts, None),
        Err(e) => (Vec::new(), Some(e.to_string())),
    };
    let holdings: Vec<Holding> = amounts
        .into_iter()
        .map(|(account, asset, amount)| {
            let (symbol, decimals, feed) = match asset {
                AssetId::Native => (
                    raw.native_symbol.clone(),
                    raw.native_decimals,
                    raw.native_feed.clone(),
                ),
                AssetId::Token(address) => {
                    let t = raw
                        .tokens
                        .iter()
                        .find(|t| t.address == address)
                        .expect("scanned token");
                    (t.symbol.clone(), t.decimals, t.price_feed.clone())
                }
            };
            let usd = feed
                .and_then(|f| prices.get(&f))
                .map(|p| p.value_of(amount, decimals));
            Holding {
                account,
                asset,
                symbol,
                decimals,
                amount,
                usd,
            }
        })
        .collect();
    let usd_total = holdings
        .iter()
        .filter_map(|h| h.usd)
        .fold(UsdValue::default(), UsdValue::saturating_add);
    ChainBalances {
        chain_id: raw.chain_id,
        chain: raw.chain,
        holdings,
        usd_total,
        error,
    }
}

async fn scan_one(scan: &ChainScan, accounts: &[Address]) -> Raw {
    let spec = scan.client.spec();
    Raw {
        chain_id: spec.chain_id,
        chain: spec.name.clone(),
        native_symbol: spec.native.symbol.clone(),
        native_decimals: spec.native.decimals,
        // Every chain here pays gas in ETH.
        native_feed: (spec.native.symbol == "ETH").then(|| "eth_usd_feed".to_owned()),
        tokens: scan.tokens.clone(),
        result: read_chain(scan, accounts).await,
    }
}

/// The reads of one chain's scan, in order: native balances, token balances, feeds.
pub fn balance_reads(
    multicall: Address,
    accounts: &[Address],
    tokens: &[Token],
    feeds: &[(String, Address)],
) -> Vec<Read> {
    let mut reads = Vec::with_capacity(accounts.len() * (1 + tokens.len()) + feeds.len() * 2);
    for &addr in accounts {
        reads.push(Read::new(
            multicall,
            IMulticall3::getEthBalanceCall { addr },
        ));
    }
    for token in tokens {
        for &owner in accounts {
            reads.push(Read::new(token.address, IERC20::balanceOfCall { owner }));
        }
    }
    for (_, feed) in feeds {
        reads.extend(feed_reads(*feed));
    }
    reads
}

async fn read_chain(scan: &ChainScan, accounts: &[Address]) -> Result<ChainRead, RpcError> {
    let client = &scan.client;
    let multicall = client
        .spec()
        .multicall3
        .ok_or_else(|| RpcError::Malformed {
            chain: client.name().into(),
            method: "aggregate3".into(),
            detail: "this network has no Multicall3 configured".into(),
        })?;
    let reads = balance_reads(multicall, accounts, &scan.tokens, &scan.feeds);
    let request = aggregate3_request(multicall, &reads);
    let output: Bytes = client
        .call(&request, BlockId::Number(BlockNumberOrTag::Latest))
        .await?;
    let results =
        decode_aggregate3(&output, reads.len()).map_err(|detail| RpcError::Malformed {
            chain: client.name().into(),
            method: "aggregate3".into(),
            detail,
        })?;
    let mut out = Vec::new();
    let mut i = 0;
    for &account in accounts {
        if let Some(b) = decode::<IMulticall3::getEthBalanceCall>(&results[i]) {
            out.push((account, AssetId::Native, b));
        }
        i += 1;
    }
    for token in &scan.tokens {
        for &account in accounts {
            if let Some(b) = decode::<IERC20::balanceOfCall>(&results[i]) {
                out.push((account, AssetId::Token(token.address), b));
            }
            i += 1;
        }
    }
    let prices = scan
        .feeds
        .iter()
        .enumerate()
        .filter_map(|(k, (name, _))| decode_feed(name, &results[i + 2 * k..i + 2 * k + 2]))
        .collect();
    Ok((out, prices))
}
