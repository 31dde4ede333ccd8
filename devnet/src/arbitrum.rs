//! Arbitrum-kind chains: devnet stand-ins for the Nitro precompiles fee estimation
//! needs (`NodeInterface` at 0xC8, `ArbGasInfo` at 0x6C), installed with `anvil_setCode`
//! because anvil cannot run Nitro's precompiles. Their Solidity, formulas and differences
//! from Nitro are documented in contracts/src/*StandIn.sol.

use alloy::{
    primitives::{Address, Bytes, U64, U256, address},
    sol,
    sol_types::SolCall,
};
use serde::Deserialize;

use crate::{
    DevnetError,
    contracts::{impersonating, transact},
    l1_head::L1Head,
    rpc::Rpc,
};

/// Nitro's NodeInterface address.
pub const NODE_INTERFACE: Address = switchyard_core::chain::ArbitrumContracts::NODE_INTERFACE;
/// Nitro's ArbGasInfo address.
pub const ARB_GAS_INFO: Address = address!("0x000000000000000000000000000000000000006C");

sol! {
    function setL1BaseFeeEstimate(uint256 estimate);
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    deployed_bytecode: Bytes,
}

fn runtime_code(json: &str) -> Bytes {
    serde_json::from_str::<Artifact>(json)
        .expect("committed artifacts parse")
        .deployed_bytecode
}

/// Installs the stand-ins.
pub async fn install(rpc: &Rpc) -> Result<(), DevnetError> {
    let node_interface = runtime_code(include_str!(
        "../../contracts/artifacts/NodeInterfaceStandIn.json"
    ));
    let arb_gas_info = runtime_code(include_str!(
        "../../contracts/artifacts/ArbGasInfoStandIn.json"
    ));
    rpc.call::<_, ()>("anvil_setCode", (NODE_INTERFACE, node_interface))
        .await?;
    rpc.call::<_, ()>("anvil_setCode", (ARB_GAS_INFO, arb_gas_info))
        .await?;
    // The zero address sends the estimate updates, and tools default eth_call's `from` to it.
    rpc.call::<_, ()>(
        "anvil_setBalance",
        (Address::ZERO, U256::from(10u128.pow(21))),
    )
    .await
}

/// Sets ArbOS's L1 base fee estimate to the devnet L1's latest base fee.
pub async fn refresh_from_l1(l2: &Rpc, head: &L1Head) -> Result<(), DevnetError> {
    let data = Bytes::from(
        setL1BaseFeeEstimateCall {
            estimate: head.base_fee,
        }
        .abi_encode(),
    );
    // Any funded sender may set it (devnet only); use the zero address the chain funds.
    let tx = serde_json::json!({ "from": Address::ZERO, "to": ARB_GAS_INFO, "data": data, "gas": U64::from(100_000) });
    impersonating(l2, Address::ZERO, async || transact(l2, tx).await.map(drop)).await
}
