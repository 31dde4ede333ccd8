//! The built-in network profiles: the mainnets and their testnets.
//!
//! Public RPC defaults are keyless endpoints run by the chains' teams or by public RPC
//! providers; users add or replace them (`switchyard networks rpc-add`). Rollup contracts
//! come from the L2 protocol reference (`l2-protocols.md` §1.8 and §2.5, which cite the
//! superchain-registry TOMLs and the Arbitrum SDK's network file) and, where it has none
//! (the testnets' OP Stack and Arbitrum token-bridge addresses), from those same sources,
//! named at each entry. Chainlink feeds come from Chainlink's data-feeds directory.

use std::collections::BTreeMap;

use alloy::primitives::{Address, address};

use super::{
    ArbitrumContracts, ChainKind, ChainSpec, NativeCurrency, NetworkProfile, OpContracts,
    RollupContracts,
};

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

/// An L1 of a built-in profile, with its USD feeds.
fn l1(
    chain_id: u64,
    name: &str,
    rpc_urls: &[&str],
    explorer: &str,
    feeds: &[(&str, Address)],
) -> ChainSpec {
    ChainSpec {
        chain_id,
        name: name.into(),
        kind: ChainKind::Ethereum,
        native: eth(),
        rpc_urls: rpc_urls.iter().map(|u| u.to_string()).collect(),
        explorer: Some(explorer.into()),
        multicall3: Some(MULTICALL3),
        parent: None,
        rollup: None,
        contracts: feeds
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect::<BTreeMap<_, _>>(),
    }
}

/// A rollup of a built-in profile, settling on `parent`.
fn rollup(
    chain_id: u64,
    name: &str,
    parent: u64,
    rpc_urls: &[&str],
    explorer: &str,
    contracts: RollupContracts,
) -> ChainSpec {
    ChainSpec {
        chain_id,
        name: name.into(),
        kind: match contracts {
            RollupContracts::Op(_) => ChainKind::OpStack,
            RollupContracts::Arbitrum(_) => ChainKind::Arbitrum,
        },
        native: eth(),
        rpc_urls: rpc_urls.iter().map(|u| u.to_string()).collect(),
        explorer: Some(explorer.into()),
        multicall3: Some(MULTICALL3),
        parent: Some(parent),
        rollup: Some(contracts),
        contracts: BTreeMap::new(),
    }
}

/// The mainnets: Ethereum, OP Mainnet, Base, Arbitrum One.
pub fn mainnets() -> NetworkProfile {
    NetworkProfile {
        name: "Mainnets".into(),
        chains: vec![
            l1(
                1,
                "Ethereum",
                &[
                    "https://ethereum-rpc.publicnode.com",
                    "https://eth.drpc.org",
                    "https://1rpc.io/eth",
                ],
                "https://etherscan.io",
                &[
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
                ],
            ),
            rollup(
                10,
                "OP Mainnet",
                1,
                &[
                    "https://mainnet.optimism.io",
                    "https://optimism-rpc.publicnode.com",
                    "https://optimism.drpc.org",
                ],
                "https://optimistic.etherscan.io",
                // l2-protocols.md §1.8 (superchain-registry configs/mainnet/op.toml).
                RollupContracts::Op(OpContracts {
                    portal: address!("0xbEb5Fc579115071764c7423A4f12eDde41f106Ed"),
                    dispute_game_factory: address!("0xe5965Ab5962eDc7477C8520243A95517CD252fA9"),
                    l1_standard_bridge: address!("0x99C9fc46f92E8a1c0deC1b1747d010903E884bE1"),
                    l1_messenger: address!("0x25ace71c97B33Cc4729CF772ae268934F7ab5fA1"),
                    system_config: address!("0x229047fed2591dbec1eF1118d64F7aF3dB9EB290"),
                }),
            ),
            rollup(
                8453,
                "Base",
                1,
                &[
                    "https://mainnet.base.org",
                    "https://base-rpc.publicnode.com",
                    "https://base.drpc.org",
                ],
                "https://basescan.org",
                // l2-protocols.md §1.8 (superchain-registry configs/mainnet/base.toml).
                RollupContracts::Op(OpContracts {
                    portal: address!("0x49048044D57e1C92A77f79988d21Fa8fAF74E97e"),
                    dispute_game_factory: address!("0x43edB88C4B80fDD2AdFF2412A7BebF9dF42cB40e"),
                    l1_standard_bridge: address!("0x3154Cf16ccdb4C6d922629664174b904d80F2C35"),
                    l1_messenger: address!("0x866E82a600A1414e583f7F13623F1aC5d58b0Afa"),
                    system_config: address!("0x73a79Fab69143498Ed3712e519A88a918e1f4072"),
                }),
            ),
            rollup(
                42161,
                "Arbitrum One",
                1,
                &[
                    "https://arb1.arbitrum.io/rpc",
                    "https://arbitrum-one-rpc.publicnode.com",
                    "https://arbitrum.drpc.org",
                ],
                "https://arbiscan.io",
                // l2-protocols.md §2.5 (arbitrum-sdk src/lib/dataEntities/networks.ts).
                RollupContracts::Arbitrum(ArbitrumContracts {
                    bridge: address!("0x8315177aB297bA92A06054cE80a67Ed4DBd7ed3a"),
                    inbox: address!("0x4Dbd4fc535Ac27206064B68FfCf827b0A60BAB3f"),
                    sequencer_inbox: address!("0x1c479675ad559DC151F6Ec7ed3FbF8ceE79582B6"),
                    outbox: address!("0x0B9857ae2D4A3DBe74ffE1d7DF045bb7F96E4840"),
                    rollup: address!("0x5eF0D09d1E6204141B4d37530808eD19f60FBa35"),
                    parent_gateway_router: address!("0x72Ce9c846789fdB6fC1f34aC4AD25Dd9ef7031ef"),
                    parent_erc20_gateway: address!("0xa3A7B6F88361F48403514059F1F16C8E78d60EeC"),
                    child_gateway_router: address!("0x5288c571Fd7aD117beA99bF60FE0846C4E84F933"),
                    child_erc20_gateway: address!("0x09e9222E96E7B4AE2a407B98d48e330053351EEe"),
                    confirm_period_secs: None,
                }),
            ),
        ],
    }
}

/// The testnets: Sepolia, OP Sepolia, Base Sepolia, Arbitrum Sepolia.
pub fn testnets() -> NetworkProfile {
    NetworkProfile {
        name: "Testnets".into(),
        chains: vec![
            l1(
                11155111,
                "Sepolia",
                &[
                    "https://ethereum-sepolia-rpc.publicnode.com",
                    "https://sepolia.drpc.org",
                ],
                "https://sepolia.etherscan.io",
                &[(
                    "eth_usd_feed",
                    address!("0x694AA1769357215DE4FAC081bf1f309aDC325306"),
                )],
            ),
            rollup(
                11155420,
                "OP Sepolia",
                11155111,
                &[
                    "https://sepolia.optimism.io",
                    "https://optimism-sepolia-rpc.publicnode.com",
                ],
                "https://sepolia-optimism.etherscan.io",
                // superchain-registry superchain/configs/sepolia/op.toml [addresses]
                // (commit 02be222f0fdbb15f414d00b0e06c75b52c257c25).
                RollupContracts::Op(OpContracts {
                    portal: address!("0x16Fc5058F25648194471939df75CF27A2fdC48BC"),
                    dispute_game_factory: address!("0x05F9613aDB30026FFd634f38e5C4dFd30a197Fa1"),
                    l1_standard_bridge: address!("0xFBb0621E0B23b5478B630BD55a5f21f67730B0F1"),
                    l1_messenger: address!("0x58Cc85b8D04EA49cC6DBd3CbFFd00B4B8D6cb3ef"),
                    system_config: address!("0x034edD2A225f7f429A63E0f1D2084B9E0A93b538"),
                }),
            ),
            rollup(
                84532,
                "Base Sepolia",
                11155111,
                &[
                    "https://sepolia.base.org",
                    "https://base-sepolia-rpc.publicnode.com",
                ],
                "https://sepolia.basescan.org",
                // superchain-registry superchain/configs/sepolia/base.toml [addresses]
                // (commit 00377e9ef2441bc013e6e1cc9d97265c87d48d72).
                RollupContracts::Op(OpContracts {
                    portal: address!("0x49f53e41452C74589E85cA1677426Ba426459e85"),
                    dispute_game_factory: address!("0x593D20C4c69485B95D11507239BE2C725ea2A6fD"),
                    l1_standard_bridge: address!("0xfd0Bf71F60660E2f608ed56e1659C450eB113120"),
                    l1_messenger: address!("0xC34855F4De64F1840e5686e64278da901e261f20"),
                    system_config: address!("0xf272670eb55e895584501d564AfEB048bEd26194"),
                }),
            ),
            rollup(
                421614,
                "Arbitrum Sepolia",
                11155111,
                &[
                    "https://sepolia-rollup.arbitrum.io/rpc",
                    "https://arbitrum-sepolia-rpc.publicnode.com",
                ],
                "https://sepolia.arbiscan.io",
                // Inbox and outbox: l2-protocols.md §2.5; the rest: arbitrum-sdk
                // src/lib/dataEntities/networks.ts, network 421614.
                RollupContracts::Arbitrum(ArbitrumContracts {
                    bridge: address!("0x38f918D0E9F1b721EDaA41302E399fa1B79333a9"),
                    inbox: address!("0xaAe29B0366299461418F5324a79Afc425BE5ae21"),
                    sequencer_inbox: address!("0x6c97864CE4bEf387dE0b3310A44230f7E3F1be0D"),
                    outbox: address!("0x65f07C7D521164a4d5DaC6eB8Fac8DA067A3B78F"),
                    rollup: address!("0xd80810638dbDF9081b72C1B33c65375e807281C8"),
                    parent_gateway_router: address!("0xcE18836b233C83325Cc8848CA4487e94C6288264"),
                    parent_erc20_gateway: address!("0x902b3E5f8F19571859F4AB1003B960a5dF693aFF"),
                    child_gateway_router: address!("0x9fDD1C4E4AA24EEc1d913FABea925594a20d43C7"),
                    child_erc20_gateway: address!("0x6e244cD02BBB8a6dbd7F626f05B2ef82151Ab502"),
                    confirm_period_secs: None,
                }),
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
                match (c.kind, &c.rollup) {
                    (ChainKind::OpStack, Some(RollupContracts::Op(_)))
                    | (ChainKind::Arbitrum, Some(RollupContracts::Arbitrum(_))) => {
                        let parent = c.parent.and_then(|id| profile.chain(id));
                        assert_eq!(
                            parent.map(|p| p.kind),
                            Some(ChainKind::Ethereum),
                            "{} settles on an L1 of its own profile",
                            c.name
                        );
                    }
                    (ChainKind::Ethereum, None) => {
                        assert!(c.parent.is_none());
                        assert!(c.contracts.contains_key("eth_usd_feed"));
                    }
                    _ => panic!("{} has the contracts of another kind", c.name),
                }
            }
        }
    }
}
