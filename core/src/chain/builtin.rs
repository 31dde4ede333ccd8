//! The built-in network profiles: the mainnets and their testnets.
//!
//! Public RPC defaults are keyless endpoints run by the chains' teams or by public RPC
//! providers; users add or replace them (`switchyard networks rpc-add`). Protocol addresses
//! come from the L2 protocol reference (`l2-protocols.md` §1.3, §1.8, §2.5, §6.2, which
//! cites the superchain-registry TOMLs and the Arbitrum SDK's network file); Chainlink
//! feeds from Chainlink's data-feeds directory.

use std::collections::BTreeMap;

use alloy::primitives::{Address, address};

use super::{ChainKind, ChainSpec, NativeCurrency, NetworkProfile};

/// Multicall3, at the same address on every chain here (`l2-protocols.md` §6.2).
pub const MULTICALL3: Address = address!("0xcA11bde05977b3631167028862bE2a173976CA11");

/// Names of the built-in profiles, in the order they are offered.
pub const BUILTIN_PROFILES: [&str; 2] = ["mainnets", "testnets"];

fn eth() -> NativeCurrency {
    NativeCurrency {
        symbol: "ETH".into(),
        decimals: 18,
    }
}

fn chain(
    chain_id: u64,
    name: &str,
    kind: ChainKind,
    rpc_urls: &[&str],
    explorer: &str,
    contracts: &[(&str, Address)],
) -> ChainSpec {
    ChainSpec {
        chain_id,
        name: name.into(),
        kind,
        native: eth(),
        rpc_urls: rpc_urls.iter().map(|u| u.to_string()).collect(),
        explorer: Some(explorer.into()),
        multicall3: Some(MULTICALL3),
        contracts: contracts
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect::<BTreeMap<_, _>>(),
    }
}

/// OP Stack L2 predeploys, identical on every OP Stack chain (`l2-protocols.md` §1.3).
const OP_L2_PREDEPLOYS: [(&str, Address); 4] = [
    (
        "gas_price_oracle",
        address!("0x420000000000000000000000000000000000000F"),
    ),
    (
        "l1_block",
        address!("0x4200000000000000000000000000000000000015"),
    ),
    (
        "l2_standard_bridge",
        address!("0x4200000000000000000000000000000000000010"),
    ),
    (
        "l2_to_l1_message_passer",
        address!("0x4200000000000000000000000000000000000016"),
    ),
];

/// Arbitrum precompiles (`l2-protocols.md` §2.1–2.2).
const ARBITRUM_PRECOMPILES: [(&str, Address); 2] = [
    (
        "node_interface",
        address!("0x00000000000000000000000000000000000000C8"),
    ),
    (
        "arb_gas_info",
        address!("0x000000000000000000000000000000000000006C"),
    ),
];

/// The mainnets: Ethereum, OP Mainnet, Base, Arbitrum One.
pub fn mainnets() -> NetworkProfile {
    NetworkProfile {
        name: "Mainnets".into(),
        chains: vec![
            chain(
                1,
                "Ethereum",
                ChainKind::Ethereum,
                &[
                    "https://ethereum-rpc.publicnode.com",
                    "https://eth.drpc.org",
                    "https://1rpc.io/eth",
                ],
                "https://etherscan.io",
                &[
                    // Chainlink ETH / USD on Ethereum.
                    (
                        "eth_usd_feed",
                        address!("0x5f4eC3Df9cbd43714FE2740F5E3616155c5b8419"),
                    ),
                    (
                        "usdc_usd_feed",
                        address!("0x8fFfFfd4AfB6115b954Bd326cbe7B4BA576818f6"),
                    ),
                    (
                        "usdt_usd_feed",
                        address!("0x3E7d1eAB13ad0104d2750B8863b489D65364e32D"),
                    ),
                    (
                        "dai_usd_feed",
                        address!("0xAed0c38402a5d19df6E4c03F4E2DceD6e29c1ee9"),
                    ),
                    // §1.8 (superchain-registry, OP Mainnet / Base TOMLs).
                    (
                        "op_l1_standard_bridge",
                        address!("0x99C9fc46f92E8a1c0deC1b1747d010903E884bE1"),
                    ),
                    (
                        "op_optimism_portal",
                        address!("0xbEb5Fc579115071764c7423A4f12eDde41f106Ed"),
                    ),
                    (
                        "base_l1_standard_bridge",
                        address!("0x3154Cf16ccdb4C6d922629664174b904d80F2C35"),
                    ),
                    (
                        "base_optimism_portal",
                        address!("0x49048044D57e1C92A77f79988d21Fa8fAF74E97e"),
                    ),
                    // §2.5 (Arbitrum SDK network file).
                    (
                        "arb_inbox",
                        address!("0x4Dbd4fc535Ac27206064B68FfCf827b0A60BAB3f"),
                    ),
                    (
                        "arb_outbox",
                        address!("0x0B9857ae2D4A3DBe74ffE1d7DF045bb7F96E4840"),
                    ),
                    (
                        "arb_l1_gateway_router",
                        address!("0x72Ce9c846789fdB6fC1f34aC4AD25Dd9ef7031ef"),
                    ),
                ],
            ),
            chain(
                10,
                "OP Mainnet",
                ChainKind::OpStack,
                &[
                    "https://mainnet.optimism.io",
                    "https://optimism-rpc.publicnode.com",
                    "https://optimism.drpc.org",
                ],
                "https://optimistic.etherscan.io",
                &OP_L2_PREDEPLOYS,
            ),
            chain(
                8453,
                "Base",
                ChainKind::OpStack,
                &[
                    "https://mainnet.base.org",
                    "https://base-rpc.publicnode.com",
                    "https://base.drpc.org",
                ],
                "https://basescan.org",
                &OP_L2_PREDEPLOYS,
            ),
            chain(
                42161,
                "Arbitrum One",
                ChainKind::Arbitrum,
                &[
                    "https://arb1.arbitrum.io/rpc",
                    "https://arbitrum-one-rpc.publicnode.com",
                    "https://arbitrum.drpc.org",
                ],
                "https://arbiscan.io",
                &[
                    ARBITRUM_PRECOMPILES[0],
                    ARBITRUM_PRECOMPILES[1],
                    // §2.5: L2GatewayRouter.
                    (
                        "arb_l2_gateway_router",
                        address!("0x5288c571Fd7aD117beA99bF60FE0846C4E84F933"),
                    ),
                ],
            ),
        ],
    }
}

/// The testnets: Sepolia, OP Sepolia, Base Sepolia, Arbitrum Sepolia.
pub fn testnets() -> NetworkProfile {
    NetworkProfile {
        name: "Testnets".into(),
        chains: vec![
            chain(
                11155111,
                "Sepolia",
                ChainKind::Ethereum,
                &[
                    "https://ethereum-sepolia-rpc.publicnode.com",
                    "https://sepolia.drpc.org",
                ],
                "https://sepolia.etherscan.io",
                &[
                    // Chainlink ETH / USD on Sepolia.
                    (
                        "eth_usd_feed",
                        address!("0x694AA1769357215DE4FAC081bf1f309aDC325306"),
                    ),
                    // §2.5: Arbitrum Sepolia's inbox and outbox on Sepolia.
                    (
                        "arb_inbox",
                        address!("0xaAe29B0366299461418F5324a79Afc425BE5ae21"),
                    ),
                    (
                        "arb_outbox",
                        address!("0x65f07C7D521164a4d5DaC6eB8Fac8DA067A3B78F"),
                    ),
                ],
            ),
            chain(
                11155420,
                "OP Sepolia",
                ChainKind::OpStack,
                &[
                    "https://sepolia.optimism.io",
                    "https://optimism-sepolia-rpc.publicnode.com",
                ],
                "https://sepolia-optimism.etherscan.io",
                &OP_L2_PREDEPLOYS,
            ),
            chain(
                84532,
                "Base Sepolia",
                ChainKind::OpStack,
                &[
                    "https://sepolia.base.org",
                    "https://base-sepolia-rpc.publicnode.com",
                ],
                "https://sepolia.basescan.org",
                &OP_L2_PREDEPLOYS,
            ),
            chain(
                421614,
                "Arbitrum Sepolia",
                ChainKind::Arbitrum,
                &[
                    "https://sepolia-rollup.arbitrum.io/rpc",
                    "https://arbitrum-sepolia-rpc.publicnode.com",
                ],
                "https://sepolia.arbiscan.io",
                &ARBITRUM_PRECOMPILES,
            ),
        ],
    }
}

/// A built-in profile by name (`mainnets`, `testnets`).
pub fn builtin_profile(name: &str) -> Option<NetworkProfile> {
    match name {
        "mainnets" => Some(mainnets()),
        "testnets" => Some(testnets()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_have_the_chains_the_issue_lists() {
        let ids = |p: NetworkProfile| p.chains.iter().map(|c| c.chain_id).collect::<Vec<_>>();
        assert_eq!(ids(mainnets()), [1, 10, 8453, 42161]);
        assert_eq!(ids(testnets()), [11155111, 11155420, 84532, 421614]);
    }

    #[test]
    fn every_builtin_chain_is_complete() {
        for profile in BUILTIN_PROFILES.iter().map(|n| builtin_profile(n).unwrap()) {
            for c in &profile.chains {
                assert!(c.rpc_urls.len() >= 2, "{} needs a fallback RPC", c.name);
                assert!(
                    c.rpc_urls.iter().all(|u| u.starts_with("https://")),
                    "{}",
                    c.name
                );
                assert_eq!(c.multicall3, Some(MULTICALL3));
                match c.kind {
                    ChainKind::OpStack => assert!(c.contracts.contains_key("gas_price_oracle")),
                    ChainKind::Arbitrum => assert!(c.contracts.contains_key("node_interface")),
                    ChainKind::Ethereum => assert!(c.contracts.contains_key("eth_usd_feed")),
                }
            }
        }
    }
}
