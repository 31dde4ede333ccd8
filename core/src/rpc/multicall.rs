//! Multicall3 `aggregate3`: many reads in one `eth_call`.

use alloy::{
    primitives::{Address, Bytes},
    rpc::types::TransactionRequest,
    sol,
    sol_types::SolCall,
};

sol! {
    /// Multicall3 (`l2-protocols.md` §6.2).
    interface IMulticall3 {
        struct Call3 { address target; bool allowFailure; bytes callData; }
        struct Result { bool success; bytes returnData; }
        function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory returnData);
        function getEthBalance(address addr) external view returns (uint256 balance);
    }
}

/// One read inside a multicall; a failing read yields `None` instead of failing them all.
#[derive(Debug, Clone)]
pub struct Read {
    /// Contract called.
    pub target: Address,
    /// ABI-encoded call.
    pub data: Bytes,
}

impl Read {
    /// A read of `call` on `target`.
    pub fn new(target: Address, call: impl SolCall) -> Self {
        Self {
            target,
            data: call.abi_encode().into(),
        }
    }
}

/// The `eth_call` request of `aggregate3` over `reads` at `multicall`.
pub fn aggregate3_request(multicall: Address, reads: &[Read]) -> TransactionRequest {
    let calls = reads
        .iter()
        .map(|r| IMulticall3::Call3 {
            target: r.target,
            allowFailure: true,
            callData: r.data.clone(),
        })
        .collect();
    TransactionRequest::default()
        .to(multicall)
        .input(IMulticall3::aggregate3Call { calls }.abi_encode().into())
}

/// Decodes `aggregate3`'s answer: each read's return data, or `None` where it failed.
pub fn decode_aggregate3(output: &[u8], expected: usize) -> Result<Vec<Option<Bytes>>, String> {
    let results = IMulticall3::aggregate3Call::abi_decode_returns(output)
        .map_err(|e| format!("Multicall3 answer does not decode: {e}"))?;
    if results.len() != expected {
        return Err(format!(
            "Multicall3 answered {} results for {expected} calls",
            results.len()
        ));
    }
    Ok(results
        .into_iter()
        .map(|r| r.success.then_some(r.returnData))
        .collect())
}

/// Decodes one read's return data as `C`'s return type; `None` when it failed or is garbage.
pub fn decode<C: SolCall>(data: &Option<Bytes>) -> Option<C::Return> {
    C::abi_decode_returns(data.as_ref()?).ok()
}
