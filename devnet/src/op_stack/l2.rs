//! An OP chain's bridge predeploys: contracts-bedrock's runtime code put at the
//! predeploy addresses and initialized against the chain's L1 contracts, as a real chain's
//! genesis has them (there each sits behind a proxy; here the implementation runs at the
//! address itself, which changes nothing a caller can see but `admin()`).

use alloy::{
    primitives::{Address, U256, address},
    sol_types::{SolCall, SolEvent},
};
use switchyard_core::chain::OpContracts;

use crate::{
    DevnetError,
    contracts::{DEPLOYER, impersonating, transact},
    op_stack::l1::OpL1Deployment,
    published::op_predeploy_code,
    rpc::Rpc,
};

/// `OptimismMintableERC20Factory` predeploy.
pub const MINTABLE_ERC20_FACTORY: Address = address!("0x4200000000000000000000000000000000000012");
/// `L2ERC721Bridge` predeploy.
pub const L2_ERC721_BRIDGE: Address = address!("0x4200000000000000000000000000000000000014");
/// `WETH` predeploy.
pub const WETH: Address = address!("0x4200000000000000000000000000000000000006");

/// The bridge predeploys by contracts-bedrock name.
const PREDEPLOYS: [(&str, Address); 6] = [
    ("L2ToL1MessagePasser", OpContracts::L2_TO_L1_MESSAGE_PASSER),
    ("L2CrossDomainMessenger", OpContracts::L2_MESSENGER),
    ("L2StandardBridge", OpContracts::L2_STANDARD_BRIDGE),
    ("OptimismMintableERC20Factory", MINTABLE_ERC20_FACTORY),
    ("L2ERC721Bridge", L2_ERC721_BRIDGE),
    ("WETH", WETH),
];

mod abi {
    alloy::sol! {
        interface L2CrossDomainMessenger {
            function initialize(address l1CrossDomainMessenger);
        }
        interface L2StandardBridge {
            function initialize(address otherBridge);
        }
        interface L2ERC721Bridge {
            function initialize(address l1ERC721Bridge);
        }
        interface OptimismMintableERC20Factory {
            function initialize(address bridge);
            function createOptimismMintableERC20WithDecimals(address remoteToken, string name, string symbol, uint8 decimals) returns (address);
            event OptimismMintableERC20Created(address indexed localToken, address indexed remoteToken, address deployer);
        }
    }
}

/// Puts the predeploys' code in place (uninitialized: their storage is empty).
pub async fn install(l2: &Rpc) -> Result<(), DevnetError> {
    for (name, at) in PREDEPLOYS {
        l2.call::<_, ()>("anvil_setCode", (at, op_predeploy_code(name)?))
            .await?;
    }
    Ok(())
}

/// Initializes the predeploys against `l1`'s contracts (the L2 mining on every
/// transaction).
pub async fn initialize(l2: &Rpc, l1: &OpL1Deployment) -> Result<(), DevnetError> {
    l2.call::<_, ()>("anvil_setBalance", (DEPLOYER, U256::from(10u128.pow(21))))
        .await?;
    let calls = [
        (
            OpContracts::L2_MESSENGER,
            abi::L2CrossDomainMessenger::initializeCall {
                l1CrossDomainMessenger: l1.l1_messenger,
            }
            .abi_encode(),
        ),
        (
            OpContracts::L2_STANDARD_BRIDGE,
            abi::L2StandardBridge::initializeCall {
                otherBridge: l1.l1_standard_bridge,
            }
            .abi_encode(),
        ),
        (
            L2_ERC721_BRIDGE,
            abi::L2ERC721Bridge::initializeCall {
                l1ERC721Bridge: l1.l1_erc721_bridge,
            }
            .abi_encode(),
        ),
        (
            MINTABLE_ERC20_FACTORY,
            abi::OptimismMintableERC20Factory::initializeCall {
                bridge: OpContracts::L2_STANDARD_BRIDGE,
            }
            .abi_encode(),
        ),
    ];
    impersonating(l2, DEPLOYER, async || {
        for (to, data) in calls {
            transact(l2, serde_json::json!({ "from": DEPLOYER, "to": to, "data": alloy::primitives::Bytes::from(data), "gas": "0x2dc6c0" })).await?;
        }
        Ok(())
    })
    .await
}

/// An L1 token to give an L2 counterpart: its address, name, symbol and decimals.
pub struct RemoteToken<'a> {
    /// The token on L1.
    pub l1: Address,
    /// Name.
    pub name: &'a str,
    /// Symbol.
    pub symbol: &'a str,
    /// Decimals (the L2 token has the same).
    pub decimals: u8,
}

/// Creates the L2 `OptimismMintableERC20` of an L1 token through the factory predeploy,
/// so the standard bridge mints it on deposit and burns it on withdrawal.
pub async fn bridged_token(l2: &Rpc, remote: &RemoteToken<'_>) -> Result<Address, DevnetError> {
    let data = abi::OptimismMintableERC20Factory::createOptimismMintableERC20WithDecimalsCall {
        remoteToken: remote.l1,
        name: remote.name.to_owned(),
        symbol: remote.symbol.to_owned(),
        decimals: remote.decimals,
    }
    .abi_encode();
    let receipt = impersonating(l2, DEPLOYER, async || {
        transact(l2, serde_json::json!({ "from": DEPLOYER, "to": MINTABLE_ERC20_FACTORY, "data": alloy::primitives::Bytes::from(data), "gas": "0x2dc6c0" })).await
    })
    .await?;
    receipt["logs"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|log| {
            log["topics"][0].as_str()
                == Some(&abi::OptimismMintableERC20Factory::OptimismMintableERC20Created::SIGNATURE_HASH.to_string())
        })
        .and_then(|log| log["topics"][1].as_str())
        .and_then(|topic| topic.parse::<alloy::primitives::B256>().ok())
        .map(Address::from_word)
        .ok_or_else(|| l2.error("createOptimismMintableERC20", "no OptimismMintableERC20Created event"))
}
