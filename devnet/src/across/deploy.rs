//! WETH and the SpokePool of every devnet chain. The pools are UUPS: the implementation
//! disables its initializers, so each sits behind an ERC1967Proxy initialized in its
//! constructor. The cross-domain admin of the L2 pools (and the owner of the L1 pool) is
//! the devnet's [`HUB`] account on L1, as the HubPool is on mainnet.

use alloy::{
    primitives::{Address, Bytes, U256, address},
    sol_types::{SolCall, SolValue},
};
use serde::{Deserialize, Serialize};
use switchyard_core::{bridge::across::abi::Weth, chain::ChainKind};

use crate::{
    DevnetError,
    contracts::{DEPLOYER, create, impersonating, send},
    op_stack::l2::WETH as OP_WETH,
    published::hardhat_bytecode,
    rpc::Rpc,
};

/// The L1 account standing in for Across's HubPool (impersonated): "SwitchyardAcrossHub".
pub const HUB: Address = address!("0x537769746368796172644163726f737348756200");
/// The devnet relayer (impersonated; holds inventory on every chain): "SwitchyardRelayer".
pub const RELAYER: Address = address!("0x5377697463687961726452656c61796572000000");

const ACROSS: &str = "@across-protocol/contracts";
/// Seconds a deposit's quote timestamp may lag the origin's clock (Across's mainnet value).
pub const QUOTE_TIME_BUFFER: u32 = 3_600;
/// Seconds ahead a deposit's fill deadline may be (Across's mainnet value: 6 hours).
pub const FILL_DEADLINE_BUFFER: u32 = 21_600;
/// WETH the relayer starts with on every chain.
const RELAYER_INVENTORY: u128 = 1_000 * 10u128.pow(18);

/// Each pool's `initialize` (one name, three parameter lists: one module each).
mod ethereum {
    alloy::sol! { function initialize(uint32 initialDepositId, address withdrawalRecipient); }
}
mod op {
    alloy::sol! { function initialize(uint32 initialDepositId, address crossDomainAdmin, address withdrawalRecipient); }
}
mod arbitrum {
    alloy::sol! { function initialize(uint32 initialDepositId, address l2GatewayRouter, address crossDomainAdmin, address withdrawalRecipient); }
}
mod ownable {
    alloy::sol! { function transferOwnership(address newOwner); }
}

/// A chain's Across contracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcrossSpoke {
    /// The SpokePool (proxy).
    pub spoke_pool: Address,
    /// The wrapped native token the pool uses (WETH9; the WETH predeploy on OP chains).
    pub weth: Address,
}

/// Deploys WETH (unless the chain has a predeploy) and the SpokePool on one chain (mining on
/// every transaction), and gives the relayer its WETH inventory and approval.
/// `l2_gateway_router` is the Arbitrum chain's (its pool needs one).
pub async fn deploy(
    rpc: &Rpc,
    kind: ChainKind,
    l2_gateway_router: Option<Address>,
) -> Result<AcrossSpoke, DevnetError> {
    let code = |name: &str| {
        hardhat_bytecode(
            ACROSS,
            &format!("dist/evm/artifacts/{name}.sol/{name}.json"),
        )
    };
    let spoke = impersonating(rpc, DEPLOYER, async || {
        let weth = match kind {
            ChainKind::OpStack => OP_WETH,
            _ => create(rpc, code("WETH9")?.to_vec()).await?,
        };
        let (implementation_args, init, name) = match kind {
            ChainKind::Ethereum => (
                (weth, QUOTE_TIME_BUFFER, FILL_DEADLINE_BUFFER, Address::ZERO).abi_encode_params(),
                ethereum::initializeCall {
                    initialDepositId: 1,
                    withdrawalRecipient: HUB,
                }
                .abi_encode(),
                "Ethereum_SpokePool",
            ),
            ChainKind::OpStack => (
                (
                    weth,
                    QUOTE_TIME_BUFFER,
                    FILL_DEADLINE_BUFFER,
                    Address::ZERO,
                    Address::ZERO,
                    Address::ZERO,
                )
                    .abi_encode_params(),
                op::initializeCall {
                    initialDepositId: 1,
                    crossDomainAdmin: HUB,
                    withdrawalRecipient: HUB,
                }
                .abi_encode(),
                "OP_SpokePool",
            ),
            ChainKind::Arbitrum => (
                (
                    weth,
                    QUOTE_TIME_BUFFER,
                    FILL_DEADLINE_BUFFER,
                    Address::ZERO,
                    Address::ZERO,
                    0u32,
                    U256::ZERO,
                    Address::ZERO,
                )
                    .abi_encode_params(),
                arbitrum::initializeCall {
                    initialDepositId: 1,
                    l2GatewayRouter: l2_gateway_router.unwrap_or_default(),
                    crossDomainAdmin: HUB,
                    withdrawalRecipient: HUB,
                }
                .abi_encode(),
                "Arbitrum_SpokePool",
            ),
        };
        let implementation =
            create(rpc, [code(name)?.to_vec(), implementation_args].concat()).await?;
        let proxy_args = (implementation, Bytes::from(init)).abi_encode_params();
        let spoke_pool = create(rpc, [code("ERC1967Proxy")?.to_vec(), proxy_args].concat()).await?;
        if kind == ChainKind::Ethereum {
            // The L1 pool is owned directly (no messenger in between): hand it to the hub.
            send(
                rpc,
                spoke_pool,
                ownable::transferOwnershipCall { newOwner: HUB }.abi_encode(),
            )
            .await?;
        }
        Ok(AcrossSpoke { spoke_pool, weth })
    })
    .await?;
    // The relayer's inventory: ETH, wrapped, and the pool allowed to take it.
    let balance = U256::from(RELAYER_INVENTORY) * U256::from(10);
    rpc.call::<_, ()>("anvil_setBalance", (RELAYER, balance))
        .await?;
    let wrap = rpc
        .send_as(
            RELAYER,
            spoke.weth,
            Weth::depositCall {}.abi_encode(),
            U256::from(RELAYER_INVENTORY),
        )
        .await?;
    rpc.wait(wrap).await?;
    let approve = Weth::approveCall {
        spender: spoke.spoke_pool,
        amount: U256::MAX,
    };
    let approved = rpc
        .send_as(RELAYER, spoke.weth, approve.abi_encode(), U256::ZERO)
        .await?;
    rpc.wait(approved).await?;
    Ok(spoke)
}
