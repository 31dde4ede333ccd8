use alloy::primitives::{B256, U64, U128, U256};
use serde::Deserialize;

/// The receipt fields the wallet reads, including the OP Stack (`l1Fee`, operator fee) and
/// Arbitrum (`gasUsedForL1`) extras; read as plain JSON so one type serves every chain kind.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Receipt {
    /// Transaction hash.
    pub transaction_hash: B256,
    /// Block.
    pub block_number: U64,
    /// 1 success, 0 reverted.
    pub status: Option<U64>,
    /// Gas used.
    pub gas_used: U64,
    /// Price paid per gas.
    pub effective_gas_price: Option<U128>,
    /// OP Stack: L1 data fee charged.
    pub l1_fee: Option<U256>,
    /// OP Stack Isthmus+: operator fee scalar.
    pub operator_fee_scalar: Option<U64>,
    /// OP Stack Isthmus+: operator fee constant.
    pub operator_fee_constant: Option<U64>,
    /// Arbitrum: the L1 part of `gasUsed`.
    pub gas_used_for_l1: Option<U64>,
}

impl Receipt {
    /// Whether execution succeeded.
    pub fn succeeded(&self) -> bool {
        self.status.is_none_or(|s| s == U64::from(1))
    }
}
