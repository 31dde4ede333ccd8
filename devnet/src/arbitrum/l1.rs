//! An Arbitrum chain's contracts on the devnet L1, from `@arbitrum/nitro-contracts` and
//! `@arbitrum/token-bridge-contracts` (`../shared/reference/devnet-bridges.md` §Q3):
//! Bridge, Inbox, SequencerInbox and Outbox behind TransparentUpgradeableProxies owned by
//! a ProxyAdmin (their `initialize` only works through a proxy), with the rollup role
//! held by the devnet's [`ROLLUP`] actor account instead of a rollup contract (no BoLD:
//! assertions are confirmed by that actor); and the token bridge's L1GatewayRouter and
//! L1ERC20Gateway, deployed without proxies as the reference deploy does.

use alloy::{
    primitives::{Address, B256, Bytes, U256, address},
    sol_types::{SolCall, SolValue},
};
use serde::{Deserialize, Serialize};
use switchyard_core::chain::{ArbitrumContracts, RollupContracts};

use crate::{
    DevnetError,
    contracts::{DEPLOYER, create, send},
    published::hardhat_bytecode,
    rpc::Rpc,
};

/// The account holding the rollup role (impersonated; holds no key): "SwitchyardArbRollup".
pub const ROLLUP: Address = address!("0x53776974636879617264417262526f6c6c757000");

const NITRO: &str = "@arbitrum/nitro-contracts";
const TOKEN_BRIDGE: &str = "@arbitrum/token-bridge-contracts";
/// Arbitrum One's max inbox message size.
const MAX_DATA_SIZE: u64 = 117_964;

mod abi {
    alloy::sol! {
        struct MaxTimeVariation {
            uint256 delayBlocks;
            uint256 futureBlocks;
            uint256 delaySeconds;
            uint256 futureSeconds;
        }
        struct BufferConfig {
            uint64 threshold;
            uint64 max;
            uint64 replenishRateInBasis;
        }
        interface Bridge {
            function initialize(address rollup);
            function setDelayedInbox(address inbox, bool enabled);
            function setOutbox(address outbox, bool enabled);
            function setSequencerInbox(address sequencerInbox);
        }
        interface SequencerInbox {
            function initialize(address bridge, MaxTimeVariation maxTimeVariation, BufferConfig bufferConfig, address feeTokenPricer);
        }
        interface Inbox {
            function initialize(address bridge, address sequencerInbox);
        }
        interface Outbox {
            function initialize(address bridge);
        }
        interface L1ERC20Gateway {
            function initialize(address l2Counterpart, address router, address inbox, bytes32 cloneableProxyHash, address l2BeaconProxyFactory);
        }
        interface L1GatewayRouter {
            function initialize(address owner, address defaultGateway, address whitelist, address counterpartGateway, address inbox);
        }
    }
}

/// How long the rollup waits before confirming a send root to the Outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArbClocks {
    /// Seconds from an L2 block to its send root being confirmed on L1.
    pub confirm_delay_secs: u64,
}

impl ArbClocks {
    /// Seconds, so a withdrawal is claimable within a test.
    pub const DEVNET: Self = Self {
        confirm_delay_secs: 10,
    };
    /// Arbitrum One's: 45 818 L1 blocks of 12 s (about 6.4 days).
    pub const REALISTIC: Self = Self {
        confirm_delay_secs: 45_818 * 12,
    };
}

/// An Arbitrum chain's deployment on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArbDeployment {
    /// The L1 block the deployment finished in (where message delivery starts).
    pub l1_start_block: u64,
    /// The confirmation delay.
    pub clocks: ArbClocks,
    /// `ProxyAdmin` owning the four proxies.
    pub proxy_admin: Address,
    /// `Bridge` (proxy).
    pub bridge: Address,
    /// Delayed `Inbox` (proxy).
    pub inbox: Address,
    /// `SequencerInbox` (proxy).
    pub sequencer_inbox: Address,
    /// `Outbox` (proxy).
    pub outbox: Address,
    /// The rollup role: the [`ROLLUP`] actor.
    pub rollup: Address,
    /// `L1GatewayRouter`.
    pub parent_gateway_router: Address,
    /// `L1ERC20Gateway`.
    pub parent_erc20_gateway: Address,
    /// `L2GatewayRouter` on the child chain.
    pub child_gateway_router: Address,
    /// `L2ERC20Gateway` on the child chain.
    pub child_erc20_gateway: Address,
    /// `BeaconProxyFactory` on the child chain (where bridged tokens are created).
    pub child_beacon_proxy_factory: Address,
}

impl ArbDeployment {
    /// What the wallet calls: the typed contracts of the chain's spec.
    pub fn rollup_contracts(&self) -> RollupContracts {
        RollupContracts::Arbitrum(ArbitrumContracts {
            bridge: self.bridge,
            inbox: self.inbox,
            sequencer_inbox: self.sequencer_inbox,
            outbox: self.outbox,
            rollup: self.rollup,
            parent_gateway_router: self.parent_gateway_router,
            parent_erc20_gateway: self.parent_erc20_gateway,
            child_gateway_router: self.child_gateway_router,
            child_erc20_gateway: self.child_erc20_gateway,
            confirm_period_secs: Some(self.clocks.confirm_delay_secs),
        })
    }
}

/// The child chain's token-bridge addresses the L1 side is initialized against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChildTokenBridge {
    /// `L2GatewayRouter`.
    pub router: Address,
    /// `L2ERC20Gateway`.
    pub erc20_gateway: Address,
    /// `BeaconProxyFactory`.
    pub beacon_proxy_factory: Address,
    /// `keccak256` of `ClonableBeaconProxy`'s creation code, as the factory reports it.
    pub cloneable_proxy_hash: B256,
}

/// Deploys and initializes the chain's L1 contracts from the impersonated [`DEPLOYER`]
/// (the L1 mining on every transaction); the rollup role's calls come from [`ROLLUP`].
pub async fn deploy(
    l1: &Rpc,
    child: &ChildTokenBridge,
    clocks: ArbClocks,
) -> Result<ArbDeployment, DevnetError> {
    let nitro = |path: &str| hardhat_bytecode(NITRO, path);
    let proxy_admin = create(
        l1,
        nitro("build/contracts/@openzeppelin/contracts/proxy/transparent/ProxyAdmin.sol/ProxyAdmin.json")?.to_vec(),
    )
    .await?;
    let proxy_code = nitro(
        "build/contracts/@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol/TransparentUpgradeableProxy.json",
    )?;
    // An implementation behind a TransparentUpgradeableProxy, initialized by the proxy's
    // constructor call.
    let proxied =
        async |code: Bytes, args: Vec<u8>, init: Vec<u8>| -> Result<Address, DevnetError> {
            let implementation = create(l1, [code.to_vec(), args].concat()).await?;
            let args = (implementation, proxy_admin, Bytes::from(init)).abi_encode_params();
            create(l1, [proxy_code.to_vec(), args].concat()).await
        };
    let bridge = proxied(
        nitro("build/contracts/src/bridge/Bridge.sol/Bridge.json")?,
        vec![],
        abi::Bridge::initializeCall { rollup: ROLLUP }.abi_encode(),
    )
    .await?;
    let reader_4844 = create(
        l1,
        nitro("out/yul/Reader4844.yul/Reader4844.json")?.to_vec(),
    )
    .await?;
    let sequencer_inbox = proxied(
        nitro("build/contracts/src/bridge/SequencerInbox.sol/SequencerInbox.json")?,
        (U256::from(MAX_DATA_SIZE), reader_4844, false, false).abi_encode_params(),
        // Arbitrum One's time variation; no delay buffer.
        abi::SequencerInbox::initializeCall {
            bridge,
            maxTimeVariation: abi::MaxTimeVariation {
                delayBlocks: U256::from(5_760),
                futureBlocks: U256::from(64),
                delaySeconds: U256::from(86_400),
                futureSeconds: U256::from(3_600),
            },
            bufferConfig: abi::BufferConfig {
                threshold: 0,
                max: 0,
                replenishRateInBasis: 0,
            },
            feeTokenPricer: Address::ZERO,
        }
        .abi_encode(),
    )
    .await?;
    let inbox = proxied(
        nitro("build/contracts/src/bridge/Inbox.sol/Inbox.json")?,
        U256::from(MAX_DATA_SIZE).abi_encode(),
        abi::Inbox::initializeCall {
            bridge,
            sequencerInbox: sequencer_inbox,
        }
        .abi_encode(),
    )
    .await?;
    let outbox = proxied(
        nitro("build/contracts/src/bridge/Outbox.sol/Outbox.json")?,
        vec![],
        abi::Outbox::initializeCall { bridge }.abi_encode(),
    )
    .await?;
    // The rollup's own wiring of its bridge.
    for call in [
        abi::Bridge::setDelayedInboxCall {
            inbox,
            enabled: true,
        }
        .abi_encode(),
        abi::Bridge::setOutboxCall {
            outbox,
            enabled: true,
        }
        .abi_encode(),
        abi::Bridge::setSequencerInboxCall {
            sequencerInbox: sequencer_inbox,
        }
        .abi_encode(),
    ] {
        let hash = l1.send_as(ROLLUP, bridge, call, U256::ZERO).await?;
        l1.wait(hash).await?;
    }

    let token_bridge = |path: &str| hardhat_bytecode(TOKEN_BRIDGE, path);
    let parent_erc20_gateway = create(
        l1,
        token_bridge("build/contracts/contracts/tokenbridge/ethereum/gateway/L1ERC20Gateway.sol/L1ERC20Gateway.json")?.to_vec(),
    )
    .await?;
    let parent_gateway_router = create(
        l1,
        token_bridge("build/contracts/contracts/tokenbridge/ethereum/gateway/L1GatewayRouter.sol/L1GatewayRouter.json")?.to_vec(),
    )
    .await?;
    send(
        l1,
        parent_erc20_gateway,
        abi::L1ERC20Gateway::initializeCall {
            l2Counterpart: child.erc20_gateway,
            router: parent_gateway_router,
            inbox,
            cloneableProxyHash: child.cloneable_proxy_hash,
            l2BeaconProxyFactory: child.beacon_proxy_factory,
        }
        .abi_encode(),
    )
    .await?;
    send(
        l1,
        parent_gateway_router,
        abi::L1GatewayRouter::initializeCall {
            owner: DEPLOYER,
            defaultGateway: parent_erc20_gateway,
            whitelist: Address::ZERO,
            counterpartGateway: child.router,
            inbox,
        }
        .abi_encode(),
    )
    .await?;
    Ok(ArbDeployment {
        l1_start_block: l1.block_number().await?,
        clocks,
        proxy_admin,
        bridge,
        inbox,
        sequencer_inbox,
        outbox,
        rollup: ROLLUP,
        parent_gateway_router,
        parent_erc20_gateway,
        child_gateway_router: child.router,
        child_erc20_gateway: child.erc20_gateway,
        child_beacon_proxy_factory: child.beacon_proxy_factory,
    })
}
