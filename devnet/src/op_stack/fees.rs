//! The OP Stack fee predeploys: the real `GasPriceOracle` and `L1Block` predeploys (from
//! `@eth-optimism/contracts-bedrock`), activated through Ecotone and Fjord by the
//! depositor account as the protocol does, with L1 attributes from a real OP Mainnet
//! block, then refreshed from the devnet L1.
//!
//! anvil 1.7.1 in `--optimism` mode itself charges the L1 data fee (Fjord formula) from
//! L1Block's storage, so fees on the devnet behave like on OP Mainnet; its receipts have
//! no `l1Fee` field (docs/devnet.md).

use alloy::{
    primitives::{Address, B256, Bytes, U64, U256, address, b256},
    sol,
    sol_types::SolCall,
};

use crate::{
    DevnetError,
    contracts::{impersonating, transact},
    l1_head::L1Head,
    published,
    rpc::Rpc,
};

/// `GasPriceOracle` predeploy.
pub const GAS_PRICE_ORACLE: Address = address!("0x420000000000000000000000000000000000000F");
/// `L1Block` predeploy.
pub const L1_BLOCK: Address = address!("0x4200000000000000000000000000000000000015");
/// The depositor account, the only caller the predeploys' setters accept.
pub const DEPOSITOR: Address = address!("0xDeaDDEaDDeAdDeAdDEAdDEaddeAddEAdDEAd0001");

sol! {
    function setEcotone();
    function setFjord();
}

/// The values `L1Block.setL1BlockValuesEcotone` takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct L1Attributes {
    /// Base fee scalar (×1e6).
    pub base_fee_scalar: u32,
    /// Blob base fee scalar (×1e6).
    pub blob_base_fee_scalar: u32,
    /// Position of the L2 block in its epoch.
    pub sequence_number: u64,
    /// L1 origin timestamp.
    pub l1_timestamp: u64,
    /// L1 origin number.
    pub l1_number: u64,
    /// L1 base fee, wei.
    pub base_fee: U256,
    /// L1 blob base fee, wei.
    pub blob_base_fee: U256,
    /// L1 origin hash.
    pub l1_hash: B256,
    /// Versioned batcher hash.
    pub batcher_hash: B256,
}

impl L1Attributes {
    /// The L1 attributes deposited in OP Mainnet block 120794432 (built on #120794431; L1
    /// origin 19992214): scalars 1368 / 810949, L1 base fee 8.94 gwei, blob base fee 1 wei,
    /// OP Mainnet's batcher. Read from that block's L1-info deposit transaction.
    pub fn op_mainnet_reference() -> Self {
        Self {
            base_fee_scalar: 1368,
            blob_base_fee_scalar: 810_949,
            sequence_number: 3,
            l1_timestamp: 0x665a_33a7,
            l1_number: 0x0131_0e96,
            base_fee: U256::from(0x0002_14d2_6973u64),
            blob_base_fee: U256::from(1),
            l1_hash: b256!("0x5346d208a396843018a2e666c8e7832067358433fb87ca421273c6a4e69f78d5"),
            batcher_hash: b256!(
                "0x0000000000000000000000006887246668a3b87f54deb3b94ba47a6f63f32985"
            ),
        }
    }

    /// The packed (not ABI-encoded) calldata of `setL1BlockValuesEcotone()`.
    pub fn ecotone_calldata(&self) -> Vec<u8> {
        let mut data = Vec::with_capacity(164);
        data.extend_from_slice(&[0x44, 0x0a, 0x5e, 0x20]);
        data.extend_from_slice(&self.base_fee_scalar.to_be_bytes());
        data.extend_from_slice(&self.blob_base_fee_scalar.to_be_bytes());
        data.extend_from_slice(&self.sequence_number.to_be_bytes());
        data.extend_from_slice(&self.l1_timestamp.to_be_bytes());
        data.extend_from_slice(&self.l1_number.to_be_bytes());
        data.extend_from_slice(&self.base_fee.to_be_bytes::<32>());
        data.extend_from_slice(&self.blob_base_fee.to_be_bytes::<32>());
        data.extend_from_slice(self.l1_hash.as_slice());
        data.extend_from_slice(self.batcher_hash.as_slice());
        data
    }
}

/// Installs the fee predeploys on an OP chain (mining on every transaction) and
/// activates Ecotone and Fjord with the OP Mainnet reference attributes.
pub async fn install(rpc: &Rpc) -> Result<(), DevnetError> {
    for (at, name) in [(GAS_PRICE_ORACLE, "GasPriceOracle"), (L1_BLOCK, "L1Block")] {
        rpc.call::<_, ()>("anvil_setCode", (at, published::op_predeploy_code(name)?))
            .await?;
    }
    // Once L1Block holds values, anvil charges an L1 data fee on every transaction: the
    // depositor pays it here, and the zero address gets a balance because tools default
    // `eth_call`'s `from` to it (an unfunded sender fails with "insufficient funds").
    for who in [DEPOSITOR, Address::ZERO] {
        rpc.call::<_, ()>("anvil_setBalance", (who, U256::from(10u128.pow(21))))
            .await?;
    }
    set_l1_attributes(rpc, &L1Attributes::op_mainnet_reference()).await?;
    as_depositor(rpc, GAS_PRICE_ORACLE, setEcotoneCall {}.abi_encode()).await?;
    as_depositor(rpc, GAS_PRICE_ORACLE, setFjordCall {}.abi_encode()).await
}

/// Writes L1 attributes into `L1Block`, as the L1-info deposit of each L2 block does.
pub async fn set_l1_attributes(rpc: &Rpc, attributes: &L1Attributes) -> Result<(), DevnetError> {
    as_depositor(rpc, L1_BLOCK, attributes.ecotone_calldata()).await
}

/// Copies the devnet L1's latest block (number, time, hash, base fee, blob base fee)
/// into an OP chain's `L1Block`, keeping OP Mainnet's scalars.
pub async fn refresh_from_l1(l2: &Rpc, head: &L1Head) -> Result<L1Attributes, DevnetError> {
    let attributes = L1Attributes {
        sequence_number: 0,
        l1_timestamp: head.timestamp,
        l1_number: head.number,
        base_fee: head.base_fee,
        blob_base_fee: head.blob_base_fee,
        l1_hash: head.hash,
        ..L1Attributes::op_mainnet_reference()
    };
    set_l1_attributes(l2, &attributes).await?;
    Ok(attributes)
}

async fn as_depositor(rpc: &Rpc, to: Address, data: Vec<u8>) -> Result<(), DevnetError> {
    let tx = serde_json::json!({ "from": DEPOSITOR, "to": to, "data": Bytes::from(data), "gas": U64::from(1_000_000) });
    impersonating(rpc, DEPOSITOR, async || transact(rpc, tx).await.map(drop)).await
}
