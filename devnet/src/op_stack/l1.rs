//! An OP Stack chain's contracts on the devnet L1, from contracts-bedrock's artifacts and
//! wired as the real deploy script wires them: every contract behind its proxy (`Proxy`,
//! the messenger's `ResolvedDelegateProxy`, the bridge's `L1ChugSplashProxy`), all owned
//! by one `ProxyAdmin` and initialized through `upgradeAndCall`
//! (`../shared/reference/devnet-bridges.md` §Q1). The respected game type is OP
//! Mainnet's: the permissionless `FaultDisputeGame` (CANNON) backed by MIPS and the
//! PreimageOracle; no VM step ever runs because the devnet's games go unchallenged.

use alloy::{
    primitives::{Address, B256, U256, address, b256},
    sol_types::{SolCall, SolValue},
};
use serde::{Deserialize, Serialize};
use switchyard_core::chain::{OpContracts, RollupContracts};

use crate::{
    DevnetError,
    contracts::{DEPLOYER, create, send},
    published::bedrock,
    rpc::Rpc,
};

/// The guardian of every devnet OP chain: pauses, blacklists games, retires game types.
/// Impersonated (holds no key): "SwitchyardGuardian".
pub const GUARDIAN: Address = address!("0x53776974636879617264477561726469616e0000");

/// OP Mainnet's respected game type: the permissionless fault dispute game (CANNON).
pub const GAME_TYPE_CANNON: u32 = 0;

/// A placeholder absolute prestate (no VM ever runs a step on the devnet).
const ABSOLUTE_PRESTATE: B256 =
    b256!("0x03000000000000000000000000000000000000000000000000000000000000ee");

// One `sol!` block per contract keeps the names as the contracts spell them.
mod abi {
    alloy::sol! {
        #[sol(rename_all = "camelCase")]
        struct ResourceConfig {
            uint32 maxResourceLimit;
            uint8 elasticityMultiplier;
            uint8 baseFeeMaxChangeDenominator;
            uint32 minimumBaseFee;
            uint32 systemTxMaxGas;
            uint128 maximumBaseFee;
        }
        struct SystemConfigAddresses {
            address l1CrossDomainMessenger;
            address l1ERC721Bridge;
            address l1StandardBridge;
            address disputeGameFactory;
            address optimismPortal;
            address optimismMintableERC20Factory;
            address gasPayingToken;
        }
        struct OutputRoot {
            bytes32 root;
            uint256 l2BlockNumber;
        }
        struct StartingAnchorRoot {
            uint32 gameType;
            OutputRoot outputRoot;
        }
        interface ProxyAdmin {
            function upgradeAndCall(address proxy, address implementation, bytes data) payable;
            function setProxyType(address proxy, uint8 proxyType);
            function setImplementationName(address proxy, string name);
            function setAddressManager(address addressManager);
        }
        interface AddressManager {
            function transferOwnership(address newOwner);
        }
        interface SuperchainConfig {
            function initialize(address guardian, bool paused);
        }
        interface DisputeGameFactory {
            function initialize(address owner);
            function setImplementation(uint32 gameType, address implementation);
        }
        interface SystemConfig {
            function initialize(
                address owner,
                uint32 basefeeScalar,
                uint32 blobbasefeeScalar,
                bytes32 batcherHash,
                uint64 gasLimit,
                address unsafeBlockSigner,
                ResourceConfig config,
                address batchInbox,
                SystemConfigAddresses addresses
            );
        }
        interface OptimismPortal2 {
            function initialize(address disputeGameFactory, address systemConfig, address superchainConfig, uint32 initialRespectedGameType);
        }
        interface L1CrossDomainMessenger {
            function initialize(address superchainConfig, address portal, address systemConfig);
        }
        interface L1StandardBridge {
            function initialize(address messenger, address superchainConfig, address systemConfig);
        }
        interface L1ERC721Bridge {
            function initialize(address messenger, address superchainConfig);
        }
        interface OptimismMintableERC20Factory {
            function initialize(address bridge);
        }
        interface AnchorStateRegistry {
            function initialize(StartingAnchorRoot[] startingAnchorRoots);
        }
        interface DelayedWETH {
            function initialize(address owner, address config);
        }
    }
}

/// The clocks a withdrawal waits on. Read back from the contracts by the wallet (never
/// assumed); the devnet picks short ones unless realistic ones are asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpClocks {
    /// `OptimismPortal2.proofMaturityDelaySeconds`: from a proof to its finalization.
    pub proof_maturity_secs: u64,
    /// `OptimismPortal2.disputeGameFinalityDelaySeconds`: from a game's resolution to its use.
    pub game_finality_secs: u64,
    /// `FaultDisputeGame.maxClockDuration`: an unchallenged game resolves after this.
    pub max_clock_duration_secs: u64,
    /// `FaultDisputeGame.clockExtension`.
    pub clock_extension_secs: u64,
    /// `DelayedWETH.delay`: how long a game's bond stays locked.
    pub bond_delay_secs: u64,
}

impl OpClocks {
    /// Seconds, so a withdrawal is proven and finalized within a test.
    pub const DEVNET: Self = Self {
        proof_maturity_secs: 12,
        game_finality_secs: 6,
        max_clock_duration_secs: 20,
        clock_extension_secs: 5,
        bond_delay_secs: 6,
    };

    /// OP Mainnet's values (`l2-protocols.md` §1.5): 7 days of proof maturity, 3.5 days
    /// of game finality and of max clock, a 3-hour clock extension.
    pub const REALISTIC: Self = Self {
        proof_maturity_secs: 604_800,
        game_finality_secs: 302_400,
        max_clock_duration_secs: 302_400,
        clock_extension_secs: 10_800,
        bond_delay_secs: 604_800,
    };
}

/// Everything one OP chain's deployment put on the L1 (proxies, which users call, plus
/// the implementations the game factory clones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpL1Deployment {
    /// The L1 block the deployment finished in (where the deposit scan starts).
    pub l1_start_block: u64,
    /// The clocks deployed.
    pub clocks: OpClocks,
    /// `ProxyAdmin` owning every proxy below.
    pub proxy_admin: Address,
    /// `SuperchainConfigProxy` (its guardian is [`GUARDIAN`]).
    pub superchain_config: Address,
    /// `SystemConfigProxy`.
    pub system_config: Address,
    /// `OptimismPortalProxy` (OptimismPortal2).
    pub portal: Address,
    /// `DisputeGameFactoryProxy`.
    pub dispute_game_factory: Address,
    /// `AnchorStateRegistryProxy`.
    pub anchor_state_registry: Address,
    /// `DelayedWETHProxy`: the games' bonds.
    pub delayed_weth: Address,
    /// The `FaultDisputeGame` implementation the factory clones.
    pub fault_dispute_game: Address,
    /// `MIPS`, the games' VM.
    pub mips: Address,
    /// `PreimageOracle`.
    pub preimage_oracle: Address,
    /// `AddressManager` behind the messenger's proxy.
    pub address_manager: Address,
    /// `L1CrossDomainMessengerProxy`.
    pub l1_messenger: Address,
    /// `L1StandardBridgeProxy`.
    pub l1_standard_bridge: Address,
    /// `L1ERC721BridgeProxy`.
    pub l1_erc721_bridge: Address,
    /// `OptimismMintableERC20FactoryProxy` on L1.
    pub mintable_erc20_factory: Address,
}

impl OpL1Deployment {
    /// What the wallet calls: the typed contracts of the chain's spec.
    pub fn rollup(&self) -> RollupContracts {
        RollupContracts::Op(OpContracts {
            portal: self.portal,
            dispute_game_factory: self.dispute_game_factory,
            l1_standard_bridge: self.l1_standard_bridge,
            l1_messenger: self.l1_messenger,
            system_config: self.system_config,
        })
    }
}

/// `ProxyAdmin.ProxyType`.
const PROXY_TYPE_CHUGSPLASH: u8 = 1;
const PROXY_TYPE_RESOLVED: u8 = 2;
/// The messenger's name in the AddressManager, as every OP chain spells it.
const MESSENGER_NAME: &str = "OVM_L1CrossDomainMessenger";

/// Deploys and initializes one OP chain's L1 contracts on `l1` (mining on every
/// transaction), from the impersonated [`DEPLOYER`]. `anchor` is the L2 output the first
/// game must build on: `(output root, L2 block)`.
pub async fn deploy(
    l1: &Rpc,
    l2_chain_id: u64,
    clocks: OpClocks,
    anchor: (B256, u64),
) -> Result<OpL1Deployment, DevnetError> {
    let code = |name: &str, args: Vec<u8>| -> Result<Vec<u8>, DevnetError> {
        Ok([bedrock(name)?.bytecode.to_vec(), args].concat())
    };
    let proxy_admin = create(l1, code("ProxyAdmin", DEPLOYER.abi_encode())?).await?;
    let upgrade = async |proxy: Address, implementation: Address, data: Vec<u8>| {
        let call = abi::ProxyAdmin::upgradeAndCallCall {
            proxy,
            implementation,
            data: data.into(),
        };
        send(l1, proxy_admin, call.abi_encode()).await
    };
    // An implementation behind a fresh `Proxy`, initialized in the same upgrade.
    let proxied = async |name: &str,
                         args: Vec<u8>,
                         init: Vec<u8>|
           -> Result<(Address, Address), DevnetError> {
        let implementation = create(l1, code(name, args)?).await?;
        let proxy = create(l1, code("Proxy", proxy_admin.abi_encode())?).await?;
        upgrade(proxy, implementation, init).await?;
        Ok((proxy, implementation))
    };

    let (superchain_config, _) = proxied(
        "SuperchainConfig",
        vec![],
        abi::SuperchainConfig::initializeCall {
            guardian: GUARDIAN,
            paused: false,
        }
        .abi_encode(),
    )
    .await?;
    let (dispute_game_factory, _) = proxied(
        "DisputeGameFactory",
        vec![],
        abi::DisputeGameFactory::initializeCall { owner: DEPLOYER }.abi_encode(),
    )
    .await?;

    // The portal's proxy first: SystemConfig records it before the portal is initialized.
    let portal_implementation = create(
        l1,
        code(
            "OptimismPortal2",
            (
                U256::from(clocks.proof_maturity_secs),
                U256::from(clocks.game_finality_secs),
            )
                .abi_encode_params(),
        )?,
    )
    .await?;
    let portal = create(l1, code("Proxy", proxy_admin.abi_encode())?).await?;

    // The messenger: a ResolvedDelegateProxy reading its implementation from an
    // AddressManager that the ProxyAdmin owns.
    let address_manager = create(l1, code("AddressManager", vec![])?).await?;
    let l1_messenger = create(
        l1,
        code(
            "ResolvedDelegateProxy",
            (address_manager, MESSENGER_NAME.to_owned()).abi_encode_params(),
        )?,
    )
    .await?;
    send(
        l1,
        address_manager,
        abi::AddressManager::transferOwnershipCall {
            newOwner: proxy_admin,
        }
        .abi_encode(),
    )
    .await?;
    send(
        l1,
        proxy_admin,
        abi::ProxyAdmin::setAddressManagerCall {
            addressManager: address_manager,
        }
        .abi_encode(),
    )
    .await?;
    send(
        l1,
        proxy_admin,
        abi::ProxyAdmin::setProxyTypeCall {
            proxy: l1_messenger,
            proxyType: PROXY_TYPE_RESOLVED,
        }
        .abi_encode(),
    )
    .await?;
    send(
        l1,
        proxy_admin,
        abi::ProxyAdmin::setImplementationNameCall {
            proxy: l1_messenger,
            name: MESSENGER_NAME.to_owned(),
        }
        .abi_encode(),
    )
    .await?;

    // The standard bridge: an L1ChugSplashProxy.
    let l1_standard_bridge =
        create(l1, code("L1ChugSplashProxy", proxy_admin.abi_encode())?).await?;
    send(
        l1,
        proxy_admin,
        abi::ProxyAdmin::setProxyTypeCall {
            proxy: l1_standard_bridge,
            proxyType: PROXY_TYPE_CHUGSPLASH,
        }
        .abi_encode(),
    )
    .await?;
    let l1_erc721_bridge = create(l1, code("Proxy", proxy_admin.abi_encode())?).await?;
    let mintable_erc20_factory = create(l1, code("Proxy", proxy_admin.abi_encode())?).await?;

    let (system_config, _) = proxied(
        "SystemConfig",
        vec![],
        abi::SystemConfig::initializeCall {
            owner: DEPLOYER,
            // OP Mainnet's Ecotone scalars (the same the L2's L1Block starts with).
            basefeeScalar: 1368,
            blobbasefeeScalar: 810_949,
            batcherHash: B256::left_padding_from(DEPLOYER.as_slice()),
            gasLimit: 30_000_000,
            unsafeBlockSigner: DEPLOYER,
            // The deploy script's defaults (ResourceMetering's documented values).
            config: abi::ResourceConfig {
                maxResourceLimit: 20_000_000,
                elasticityMultiplier: 10,
                baseFeeMaxChangeDenominator: 8,
                minimumBaseFee: 1_000_000_000,
                systemTxMaxGas: 1_000_000,
                maximumBaseFee: u128::MAX,
            },
            // The batch inbox convention: 0xff00…00 followed by the chain id.
            batchInbox: batch_inbox(l2_chain_id),
            addresses: abi::SystemConfigAddresses {
                l1CrossDomainMessenger: l1_messenger,
                l1ERC721Bridge: l1_erc721_bridge,
                l1StandardBridge: l1_standard_bridge,
                disputeGameFactory: dispute_game_factory,
                optimismPortal: portal,
                optimismMintableERC20Factory: mintable_erc20_factory,
                gasPayingToken: Address::ZERO,
            },
        }
        .abi_encode(),
    )
    .await?;
    upgrade(
        portal,
        portal_implementation,
        abi::OptimismPortal2::initializeCall {
            disputeGameFactory: dispute_game_factory,
            systemConfig: system_config,
            superchainConfig: superchain_config,
            initialRespectedGameType: GAME_TYPE_CANNON,
        }
        .abi_encode(),
    )
    .await?;
    let messenger_implementation = create(l1, code("L1CrossDomainMessenger", vec![])?).await?;
    upgrade(
        l1_messenger,
        messenger_implementation,
        abi::L1CrossDomainMessenger::initializeCall {
            superchainConfig: superchain_config,
            portal,
            systemConfig: system_config,
        }
        .abi_encode(),
    )
    .await?;
    let bridge_implementation = create(l1, code("L1StandardBridge", vec![])?).await?;
    upgrade(
        l1_standard_bridge,
        bridge_implementation,
        abi::L1StandardBridge::initializeCall {
            messenger: l1_messenger,
            superchainConfig: superchain_config,
            systemConfig: system_config,
        }
        .abi_encode(),
    )
    .await?;
    let erc721_implementation = create(l1, code("L1ERC721Bridge", vec![])?).await?;
    upgrade(
        l1_erc721_bridge,
        erc721_implementation,
        abi::L1ERC721Bridge::initializeCall {
            messenger: l1_messenger,
            superchainConfig: superchain_config,
        }
        .abi_encode(),
    )
    .await?;
    let factory_implementation = create(l1, code("OptimismMintableERC20Factory", vec![])?).await?;
    upgrade(
        mintable_erc20_factory,
        factory_implementation,
        abi::OptimismMintableERC20Factory::initializeCall {
            bridge: l1_standard_bridge,
        }
        .abi_encode(),
    )
    .await?;

    // The fault proof system: anchor, bonds, VM, game.
    let (anchor_state_registry, _) = proxied(
        "AnchorStateRegistry",
        dispute_game_factory.abi_encode(),
        abi::AnchorStateRegistry::initializeCall {
            startingAnchorRoots: vec![abi::StartingAnchorRoot {
                gameType: GAME_TYPE_CANNON,
                outputRoot: abi::OutputRoot {
                    root: anchor.0,
                    l2BlockNumber: U256::from(anchor.1),
                },
            }],
        }
        .abi_encode(),
    )
    .await?;
    let (delayed_weth, _) = proxied(
        "DelayedWETH",
        U256::from(clocks.bond_delay_secs).abi_encode(),
        abi::DelayedWETH::initializeCall {
            owner: DEPLOYER,
            config: superchain_config,
        }
        .abi_encode(),
    )
    .await?;
    // OP Mainnet's PreimageOracle parameters (minimum large-preimage size, challenge period).
    let preimage_oracle = create(
        l1,
        code(
            "PreimageOracle",
            (
                U256::from(126_000),
                U256::from(clocks.max_clock_duration_secs),
            )
                .abi_encode_params(),
        )?,
    )
    .await?;
    let mips = create(l1, code("MIPS", preimage_oracle.abi_encode())?).await?;
    let fault_dispute_game = create(
        l1,
        code(
            "FaultDisputeGame",
            (
                GAME_TYPE_CANNON,
                ABSOLUTE_PRESTATE,
                // OP Mainnet's game depths.
                U256::from(73),
                U256::from(30),
                clocks.clock_extension_secs,
                clocks.max_clock_duration_secs,
                mips,
                delayed_weth,
                anchor_state_registry,
                U256::from(l2_chain_id),
            )
                .abi_encode_params(),
        )?,
    )
    .await?;
    send(
        l1,
        dispute_game_factory,
        abi::DisputeGameFactory::setImplementationCall {
            gameType: GAME_TYPE_CANNON,
            implementation: fault_dispute_game,
        }
        .abi_encode(),
    )
    .await?;
    let l1_start_block = l1.block_number().await?;
    Ok(OpL1Deployment {
        l1_start_block,
        clocks,
        proxy_admin,
        superchain_config,
        system_config,
        portal,
        dispute_game_factory,
        anchor_state_registry,
        delayed_weth,
        fault_dispute_game,
        mips,
        preimage_oracle,
        address_manager,
        l1_messenger,
        l1_standard_bridge,
        l1_erc721_bridge,
        mintable_erc20_factory,
    })
}

/// `0xff00…00‖chainId`: where an OP chain's batches would be posted.
fn batch_inbox(l2_chain_id: u64) -> Address {
    let mut bytes = [0u8; 20];
    bytes[0] = 0xff;
    bytes[12..].copy_from_slice(&l2_chain_id.to_be_bytes());
    Address::from(bytes)
}
