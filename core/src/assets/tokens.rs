//! Tokens the wallet shows: a small built-in list for the public chains, the devnet's test
//! tokens, and tokens the user adds (validated on chain before they are kept).
//!
//! Built-in addresses are the issuers' canonical deployments: Circle (USDC, native on each
//! L2), Tether, MakerDAO (DAI and its bridged L2 address), the chains' WETH, and the OP and
//! ARB governance tokens, as listed in each chain's token list / explorer verified source.

use alloy::primitives::Address;
use serde::{Deserialize, Serialize};

use crate::chain::ChainSpec;

/// Where a token entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenSource {
    /// Switchyard's built-in list.
    Builtin,
    /// Deployed by the devnet.
    Devnet,
    /// Added by the user.
    User,
}

/// An ERC-20 token on one chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Chain.
    pub chain_id: u64,
    /// Contract.
    pub address: Address,
    /// Symbol.
    pub symbol: String,
    /// Name.
    pub name: String,
    /// Decimals.
    pub decimals: u8,
    /// Which USD feed prices it (`eth_usd_feed`, `usdc_usd_feed`, …), if any.
    pub price_feed: Option<String>,
    /// Origin.
    pub source: TokenSource,
}

struct Builtin {
    chain_id: u64,
    symbol: &'static str,
    name: &'static str,
    decimals: u8,
    /// EIP-55 text, parsed with its checksum so a mistyped character cannot slip in.
    address: &'static str,
    feed: Option<&'static str>,
}

const fn t(
    chain_id: u64,
    symbol: &'static str,
    name: &'static str,
    decimals: u8,
    address: &'static str,
    feed: Option<&'static str>,
) -> Builtin {
    Builtin {
        chain_id,
        symbol,
        name,
        decimals,
        address,
        feed,
    }
}

const USDC: &str = "USD Coin";
const USDT: &str = "Tether USD";
const DAI: &str = "Dai Stablecoin";
const WETH: &str = "Wrapped Ether";
const USDC_FEED: Option<&str> = Some("usdc_usd_feed");
const USDT_FEED: Option<&str> = Some("usdt_usd_feed");
const DAI_FEED: Option<&str> = Some("dai_usd_feed");
const ETH_FEED: Option<&str> = Some("eth_usd_feed");
/// WETH on OP Stack chains is the `0x4200…0006` predeploy.
const OP_WETH: &str = "0x4200000000000000000000000000000000000006";
/// DAI's address on OP Mainnet and Arbitrum One (the same bridged deployment address).
const L2_DAI: &str = "0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1";

const BUILTIN: &[Builtin] = &[
    // Ethereum
    t(
        1,
        "USDC",
        USDC,
        6,
        "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
        USDC_FEED,
    ),
    t(
        1,
        "USDT",
        USDT,
        6,
        "0xdAC17F958D2ee523a2206206994597C13D831ec7",
        USDT_FEED,
    ),
    t(
        1,
        "DAI",
        DAI,
        18,
        "0x6B175474E89094C44Da98b954EedeAC495271d0F",
        DAI_FEED,
    ),
    t(
        1,
        "WETH",
        WETH,
        18,
        "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
        ETH_FEED,
    ),
    t(
        1,
        "ARB",
        "Arbitrum",
        18,
        "0xB50721BCf8d664c30412Cfbc6cf7a15145234ad1",
        None,
    ),
    // OP Mainnet
    t(
        10,
        "USDC",
        USDC,
        6,
        "0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85",
        USDC_FEED,
    ),
    t(
        10,
        "USDT",
        USDT,
        6,
        "0x94b008aA00579c1307B0EF2c499aD98a8ce58e58",
        USDT_FEED,
    ),
    t(10, "DAI", DAI, 18, L2_DAI, DAI_FEED),
    t(10, "WETH", WETH, 18, OP_WETH, ETH_FEED),
    t(
        10,
        "OP",
        "Optimism",
        18,
        "0x4200000000000000000000000000000000000042",
        None,
    ),
    // Base
    t(
        8453,
        "USDC",
        USDC,
        6,
        "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
        USDC_FEED,
    ),
    t(
        8453,
        "DAI",
        DAI,
        18,
        "0x50c5725949A6F0c72E6C4a641F24049A917DB0Cb",
        DAI_FEED,
    ),
    t(8453, "WETH", WETH, 18, OP_WETH, ETH_FEED),
    // Arbitrum One
    t(
        42161,
        "USDC",
        USDC,
        6,
        "0xaf88d065e77c8cC2239327C5EDb3A432268e5831",
        USDC_FEED,
    ),
    t(
        42161,
        "USDT",
        USDT,
        6,
        "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9",
        USDT_FEED,
    ),
    t(42161, "DAI", DAI, 18, L2_DAI, DAI_FEED),
    t(
        42161,
        "WETH",
        WETH,
        18,
        "0x82aF49447D8a07e3bd95BD0d56f35241523fBab1",
        ETH_FEED,
    ),
    t(
        42161,
        "ARB",
        "Arbitrum",
        18,
        "0x912CE59144191C1204E64559FE8253a0e49E6548",
        None,
    ),
    // Testnets: Circle's test USDC.
    t(
        11155111,
        "USDC",
        USDC,
        6,
        "0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238",
        None,
    ),
    t(
        11155420,
        "USDC",
        USDC,
        6,
        "0x5fd84259d66Cd46123540766Be93DFE6D43130D7",
        None,
    ),
    t(
        84532,
        "USDC",
        USDC,
        6,
        "0x036CbD53842c5426634e7929541eC2318f3dCF7e",
        None,
    ),
    t(
        421614,
        "USDC",
        USDC,
        6,
        "0x75faf114eafb1BDbe2F0316DF893fd58CE46AA4d",
        None,
    ),
];

/// The built-in tokens on `chain_id`.
pub fn builtin_tokens(chain_id: u64) -> Vec<Token> {
    BUILTIN
        .iter()
        .filter(|b| b.chain_id == chain_id)
        .map(|b| Token {
            chain_id: b.chain_id,
            address: Address::parse_checksummed(b.address, None)
                .expect("built-in token addresses are checksummed (tested)"),
            symbol: b.symbol.into(),
            name: b.name.into(),
            decimals: b.decimals,
            price_feed: b.feed.map(str::to_owned),
            source: TokenSource::Builtin,
        })
        .collect()
}

/// The devnet's test tokens on a devnet chain (from its manifest's contract names).
pub fn devnet_tokens(chain: &ChainSpec) -> Vec<Token> {
    [
        ("test_token_18", "SYT", "Switchyard Test Token", 18),
        ("test_token_6", "SYUSD", "Switchyard Test Dollar", 6),
    ]
    .into_iter()
    .filter_map(|(name, symbol, title, decimals)| {
        Some(Token {
            chain_id: chain.chain_id,
            address: *chain.contracts.get(name)?,
            symbol: symbol.into(),
            name: title.into(),
            decimals,
            price_feed: None,
            source: TokenSource::Devnet,
        })
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_covers_the_mainnets() {
        for (chain, symbols) in [
            (1, vec!["USDC", "USDT", "DAI", "WETH", "ARB"]),
            (10, vec!["USDC", "USDT", "DAI", "WETH", "OP"]),
            (8453, vec!["USDC", "DAI", "WETH"]),
            (42161, vec!["USDC", "USDT", "DAI", "WETH", "ARB"]),
        ] {
            let got: Vec<String> = builtin_tokens(chain)
                .into_iter()
                .map(|t| t.symbol)
                .collect();
            assert_eq!(got, symbols, "chain {chain}");
        }
    }

    #[test]
    fn builtin_addresses_are_checksummed_and_unique_per_chain() {
        for b in BUILTIN {
            assert!(
                Address::parse_checksummed(b.address, None).is_ok(),
                "{} {}",
                b.symbol,
                b.address
            );
            let same = BUILTIN
                .iter()
                .filter(|o| o.chain_id == b.chain_id && o.address == b.address);
            assert_eq!(same.count(), 1, "{} on {}", b.symbol, b.chain_id);
        }
    }
}
