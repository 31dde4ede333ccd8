//! OP Stack fee inputs read from the chain: the `GasPriceOracle` predeploy's fork flags and
//! L1 values (one multicall), and its own `getL1Fee` for a transaction.

use alloy::{
    consensus::{SignableTransaction, TypedTransaction},
    eips::BlockId,
    primitives::{Address, Bytes, U256, address},
    sol,
};

use super::op_formula::{L1FeeParams, OpFork};
use crate::{
    rpc::multicall::{Read, decode},
    rpc::{ChainClient, RpcError},
};

/// `GasPriceOracle` predeploy (`l2-protocols.md` §1.3).
pub const GAS_PRICE_ORACLE: Address = address!("0x420000000000000000000000000000000000000F");
/// `L1Block` predeploy.
pub const L1_BLOCK: Address = address!("0x4200000000000000000000000000000000000015");

sol! {
    /// The `GasPriceOracle` functions the wallet reads.
    #[sol(rpc)]
    interface IGasPriceOracle {
        function getL1Fee(bytes memory data) external view returns (uint256);
        function getL1FeeUpperBound(uint256 unsignedTxSize) external view returns (uint256);
        function getOperatorFee(uint256 gasUsed) external view returns (uint256);
        function l1BaseFee() external view returns (uint256);
        function blobBaseFee() external view returns (uint256);
        function baseFeeScalar() external view returns (uint32);
        function blobBaseFeeScalar() external view returns (uint32);
        function overhead() external view returns (uint256);
        function scalar() external view returns (uint256);
        function isEcotone() external view returns (bool);
        function isFjord() external view returns (bool);
        function isIsthmus() external view returns (bool);
        function isJovian() external view returns (bool);
    }
    /// Operator-fee values `L1Block` holds from Isthmus on.
    interface IL1Block {
        function operatorFeeScalar() external view returns (uint32);
        function operatorFeeConstant() external view returns (uint64);
    }
}

/// The reads that give the active fork and the L1 fee parameters; calls a contract does not
/// have (an older fork's oracle) fail inside the multicall and count as "not active".
pub fn oracle_reads() -> Vec<Read> {
    use IGasPriceOracle as G;
    vec![
        Read::new(GAS_PRICE_ORACLE, G::isEcotoneCall {}),
        Read::new(GAS_PRICE_ORACLE, G::isFjordCall {}),
        Read::new(GAS_PRICE_ORACLE, G::isIsthmusCall {}),
        Read::new(GAS_PRICE_ORACLE, G::isJovianCall {}),
        Read::new(GAS_PRICE_ORACLE, G::l1BaseFeeCall {}),
        Read::new(GAS_PRICE_ORACLE, G::blobBaseFeeCall {}),
        Read::new(GAS_PRICE_ORACLE, G::baseFeeScalarCall {}),
        Read::new(GAS_PRICE_ORACLE, G::blobBaseFeeScalarCall {}),
        Read::new(GAS_PRICE_ORACLE, G::overheadCall {}),
        Read::new(GAS_PRICE_ORACLE, G::scalarCall {}),
        Read::new(L1_BLOCK, IL1Block::operatorFeeScalarCall {}),
        Read::new(L1_BLOCK, IL1Block::operatorFeeConstantCall {}),
    ]
}

/// Decodes [`oracle_reads`]' results; `None` if the oracle's L1 base fee could not be read
/// (not an OP Stack chain, or not the oracle we know).
pub fn decode_oracle(results: &[Option<Bytes>]) -> Option<(OpFork, L1FeeParams)> {
    use IGasPriceOracle as G;
    // The four fork flags share one signature (`() returns (bool)`), so one decoder serves.
    let flag = |i: usize| decode::<G::isEcotoneCall>(&results[i]).unwrap_or(false);
    let fork = if flag(3) {
        OpFork::Jovian
    } else if flag(2) {
        OpFork::Isthmus
    } else if flag(1) {
        OpFork::Fjord
    } else if flag(0) {
        OpFork::Ecotone
    } else {
        OpFork::Bedrock
    };
    let params = L1FeeParams {
        l1_base_fee: decode::<G::l1BaseFeeCall>(&results[4])?,
        blob_base_fee: decode::<G::blobBaseFeeCall>(&results[5]).unwrap_or_default(),
        base_fee_scalar: decode::<G::baseFeeScalarCall>(&results[6]).unwrap_or_default(),
        blob_base_fee_scalar: decode::<G::blobBaseFeeScalarCall>(&results[7]).unwrap_or_default(),
        overhead: decode::<G::overheadCall>(&results[8]).unwrap_or_default(),
        scalar: decode::<G::scalarCall>(&results[9]).unwrap_or_default(),
        operator_fee_scalar: decode::<IL1Block::operatorFeeScalarCall>(&results[10])
            .unwrap_or_default(),
        operator_fee_constant: decode::<IL1Block::operatorFeeConstantCall>(&results[11])
            .unwrap_or_default(),
    };
    Some((fork, params))
}

/// The unsigned RLP the oracle's `getL1Fee` takes: the EIP-2718 type byte (typed
/// transactions) and the RLP of the fields without the signature — the same bytes that are
/// signed (for legacy that includes the EIP-155 `chainId, 0, 0`).
pub fn unsigned_bytes(tx: &TypedTransaction) -> Vec<u8> {
    tx.encoded_for_signing()
}

/// `GasPriceOracle.getL1Fee(unsigned)` on the chain at `block` — the chain's own answer.
pub async fn oracle_l1_fee(
    client: &ChainClient,
    unsigned: &[u8],
    block: BlockId,
) -> Result<U256, RpcError> {
    IGasPriceOracle::new(GAS_PRICE_ORACLE, client.provider())
        .getL1Fee(unsigned.to_vec().into())
        .block(block)
        .call()
        .await
        .map_err(|e| client.contract_error("getL1Fee", e))
}

/// Reads the fork and L1 fee parameters at `block` (one multicall).
pub async fn read_oracle(
    client: &ChainClient,
    block: BlockId,
) -> Result<(OpFork, L1FeeParams), RpcError> {
    let multicall = client.spec().multicall3.unwrap_or(crate::chain::MULTICALL3);
    let reads = oracle_reads();
    let request = crate::rpc::multicall::aggregate3_request(multicall, &reads);
    let output = client.call(&request, block).await?;
    let malformed = |detail: String| RpcError::Malformed {
        chain: client.name().into(),
        method: "GasPriceOracle".into(),
        detail,
    };
    let results =
        crate::rpc::multicall::decode_aggregate3(&output, reads.len()).map_err(malformed)?;
    decode_oracle(&results)
        .ok_or_else(|| malformed("its GasPriceOracle did not answer l1BaseFee".into()))
}
