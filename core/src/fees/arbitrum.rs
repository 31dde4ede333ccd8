//! Arbitrum fee inputs: `NodeInterface.gasEstimateComponents` (`l2-protocols.md` §2.2).

use alloy::{
    primitives::{Address, Bytes},
    rpc::types::TransactionRequest,
    sol,
    sol_types::SolCall,
};

/// The virtual `NodeInterface` (a stand-in contract on the devnet).
pub const NODE_INTERFACE: Address = crate::chain::ArbitrumContracts::NODE_INTERFACE;

sol! {
    /// The `NodeInterface` estimate the wallet uses.
    interface INodeInterface {
        function gasEstimateComponents(address to, bool contractCreation, bytes calldata data)
            external payable
            returns (uint64 gasEstimate, uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate);
    }
}

/// The L1 part of an Arbitrum transaction, as the node reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ArbitrumL1 {
    /// Total gas estimate, the L1 part included.
    pub gas_estimate: u64,
    /// The L1 part, in L2 gas.
    pub gas_for_l1: u64,
    /// The node's L1 base fee estimate (wei per L1 gas).
    pub l1_base_fee_estimate: u128,
}

/// The `eth_call` that asks for the components of sending `data` with `value` to `to`.
pub fn components_request(
    from: Option<Address>,
    to: Address,
    value: alloy::primitives::U256,
    data: &Bytes,
) -> TransactionRequest {
    let call = INodeInterface::gasEstimateComponentsCall {
        to,
        contractCreation: false,
        data: data.clone(),
    };
    let mut request = TransactionRequest::default()
        .to(NODE_INTERFACE)
        .value(value)
        .input(call.abi_encode().into());
    request.from = from;
    request
}

/// Decodes the answer.
pub fn decode_components(output: &[u8]) -> Option<ArbitrumL1> {
    let r = INodeInterface::gasEstimateComponentsCall::abi_decode_returns(output).ok()?;
    Some(ArbitrumL1 {
        gas_estimate: r.gasEstimate,
        gas_for_l1: r.gasEstimateForL1,
        l1_base_fee_estimate: r.l1BaseFeeEstimate.try_into().unwrap_or(u128::MAX),
    })
}
