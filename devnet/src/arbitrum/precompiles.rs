//! Devnet stand-ins for Nitro's precompiles — `NodeInterface` (0xC8) and `ArbGasInfo`
//! (0x6C) for fees, `ArbSys` (0x64) for withdrawals, `ArbRetryableTx` (0x6E) for retryable
//! tickets — installed with `anvil_setCode` because anvil cannot run ArbOS. Their
//! Solidity, formulas and differences from Nitro are documented in
//! contracts/src/*StandIn.sol.

use alloy::{
    primitives::{Address, Bytes, U64, U256, address},
    sol,
    sol_types::SolCall,
};
use serde::Deserialize;
use switchyard_core::chain::ArbitrumContracts;

use crate::{
    DevnetError,
    contracts::{impersonating, transact},
    l1_head::L1Head,
    rpc::Rpc,
};

/// Nitro's NodeInterface address.
pub const NODE_INTERFACE: Address = ArbitrumContracts::NODE_INTERFACE;
/// Nitro's ArbGasInfo address.
pub const ARB_GAS_INFO: Address = address!("0x000000000000000000000000000000000000006C");

sol! {
    function setL1BaseFeeEstimate(uint256 estimate);
    function setL1BlockNumber(uint256 number);
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

/// Runtime code of `RetryableSender`, which the delivery actor puts at the alias of every
/// L1 sender of a retryable ticket.
pub fn retryable_sender_code() -> Bytes {
    runtime_code(include_str!(
        "../../../contracts/artifacts/RetryableSender.json"
    ))
}

/// Installs the stand-ins.
pub async fn install(rpc: &Rpc) -> Result<(), DevnetError> {
    for (at, code) in [
        (
            NODE_INTERFACE,
            include_str!("../../../contracts/artifacts/NodeInterfaceStandIn.json"),
        ),
        (
            ARB_GAS_INFO,
            include_str!("../../../contracts/artifacts/ArbGasInfoStandIn.json"),
        ),
        (
            ArbitrumContracts::ARB_SYS,
            include_str!("../../../contracts/artifacts/ArbSysStandIn.json"),
        ),
        (
            ArbitrumContracts::ARB_RETRYABLE_TX,
            include_str!("../../../contracts/artifacts/ArbRetryableTxStandIn.json"),
        ),
    ] {
        rpc.call::<_, ()>("anvil_setCode", (at, runtime_code(code)))
            .await?;
    }
    // The zero address sends the estimate updates, and tools default eth_call's `from` to it.
    rpc.call::<_, ()>(
        "anvil_setBalance",
        (Address::ZERO, U256::from(10u128.pow(21))),
    )
    .await
}

/// Sets ArbOS's L1 base fee estimate to the devnet L1's latest base fee, and the L1 block
/// number ArbSys reports in withdrawals to its number.
pub async fn refresh_from_l1(l2: &Rpc, head: &L1Head) -> Result<(), DevnetError> {
    let estimate = setL1BaseFeeEstimateCall {
        estimate: head.base_fee,
    }
    .abi_encode();
    let number = setL1BlockNumberCall {
        number: U256::from(head.number),
    }
    .abi_encode();
    // Any funded sender may set them (devnet only); use the zero address the chain funds.
    impersonating(l2, Address::ZERO, async || {
        for (to, data) in [(ARB_GAS_INFO, estimate), (ArbitrumContracts::ARB_SYS, number)] {
            let tx = serde_json::json!({ "from": Address::ZERO, "to": to, "data": Bytes::from(data), "gas": U64::from(100_000) });
            transact(l2, tx).await?;
        }
        Ok(())
    })
    .await
}
