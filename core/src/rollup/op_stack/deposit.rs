//! A deposit: the `TransactionDeposited` log OptimismPortal writes on L1, and the
//! type-0x7E transaction the L2 includes for it. The L2 hash is known from the L1
//! receipt alone, which is how a deposit is tracked before it lands.

use alloy::{
    eips::Encodable2718,
    primitives::{Address, B256, Bytes, Log, TxKind, U256},
    sol_types::SolEvent,
};
use op_alloy_consensus::{TxDeposit, UserDepositSource};

pub use super::abi::TransactionDeposited;

/// Why a log is not a deposit this code understands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DepositDecodeError {
    /// The log is not a `TransactionDeposited` event.
    #[error("the log is not an OptimismPortal TransactionDeposited event")]
    NotADeposit,
    /// A deposit version other than 0.
    #[error("deposit version {0} is not supported (only version 0 exists)")]
    UnknownVersion(U256),
    /// `opaqueData` is shorter than its fixed 73-byte head.
    #[error("the deposit's opaque data is {0} bytes, shorter than the 73-byte head")]
    ShortOpaqueData(usize),
}

/// A user deposit as recorded on L1: what the L2 must execute, and where on L1 it was
/// recorded (which names it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDeposit {
    /// The L2 sender (aliased when an L1 contract deposited).
    pub from: Address,
    /// The L2 recipient (ignored for a contract creation).
    pub to: Address,
    /// ETH minted on L2 for the sender (the `msg.value` paid into the portal).
    pub mint: U256,
    /// ETH the L2 call carries.
    pub value: U256,
    /// L2 gas the deposit bought.
    pub gas_limit: u64,
    /// Whether the deposit creates a contract.
    pub is_creation: bool,
    /// The L2 call data.
    pub data: Bytes,
    /// Hash of the L1 block holding the log.
    pub l1_block_hash: B256,
    /// The log's index within that L1 block.
    pub log_index: u64,
}

/// Bytes before `data` in version-0 opaque data: mint, value (32 each), gas (8), creation (1).
const OPAQUE_HEAD: usize = 32 + 32 + 8 + 1;

impl UserDeposit {
    /// Decodes a portal log found in L1 block `l1_block_hash` at `log_index`.
    pub fn from_log(
        log: &Log,
        l1_block_hash: B256,
        log_index: u64,
    ) -> Result<Self, DepositDecodeError> {
        let event = TransactionDeposited::decode_log(log)
            .map_err(|_| DepositDecodeError::NotADeposit)?
            .data;
        if !event.version.is_zero() {
            return Err(DepositDecodeError::UnknownVersion(event.version));
        }
        let opaque = &event.opaqueData;
        if opaque.len() < OPAQUE_HEAD {
            return Err(DepositDecodeError::ShortOpaqueData(opaque.len()));
        }
        Ok(Self {
            from: event.from,
            to: event.to,
            mint: U256::from_be_slice(&opaque[..32]),
            value: U256::from_be_slice(&opaque[32..64]),
            gas_limit: u64::from_be_bytes(opaque[64..72].try_into().expect("8 bytes")),
            is_creation: opaque[72] != 0,
            data: Bytes::copy_from_slice(&opaque[OPAQUE_HEAD..]),
            l1_block_hash,
            log_index,
        })
    }

    /// The source hash that makes this deposit unique on the L2 (user-deposit domain).
    pub fn source_hash(&self) -> B256 {
        UserDepositSource::new(self.l1_block_hash, self.log_index).source_hash()
    }

    /// The type-0x7E transaction the L2 includes for this deposit.
    pub fn l2_transaction(&self) -> TxDeposit {
        TxDeposit {
            source_hash: self.source_hash(),
            from: self.from,
            to: if self.is_creation {
                TxKind::Create
            } else {
                TxKind::Call(self.to)
            },
            // The portal takes at most the L1 sender's balance: far below u128::MAX.
            mint: self.mint.saturating_to(),
            value: self.value,
            gas_limit: self.gas_limit,
            is_system_transaction: false,
            input: self.data.clone(),
        }
    }

    /// The EIP-2718 bytes of the L2 transaction (`0x7E ‖ rlp(…)`), as a sequencer submits it.
    pub fn l2_raw_transaction(&self) -> Bytes {
        self.l2_transaction().encoded_2718().into()
    }

    /// The L2 transaction hash: known from the L1 receipt before the deposit lands.
    pub fn l2_hash(&self) -> B256 {
        self.l2_transaction().tx_hash()
    }
}

#[cfg(test)]
mod tests {
    use alloy::primitives::{LogData, address, b256, bytes};

    use super::*;

    /// The vector of `../shared/reference/devnet-bridges.md` §Q5, computed there with
    /// viem's `getSourceHash` / `getL2TransactionHash` / `opaqueDataToDepositData`; the
    /// L2 hash is also what anvil returned for the relayed transaction.
    fn viem_vector() -> (Log, B256) {
        let from = address!("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        let to = address!("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
        let event = TransactionDeposited {
            from,
            to,
            version: U256::ZERO,
            opaqueData: bytes!(
                "0000000000000000000000000000000000000000000000000de0b6b3a76400000000000000000000000000000000000000000000000000000de0b6b3a764000000000000000186a000"
            ),
        };
        let log = Log {
            address: address!("0x0000000000000000000000000000000000000001"),
            data: LogData::from(&event),
        };
        let block = b256!("0x25fed5aa63440d411985cb530ed461262ee3e4f18f35c2786b72c8d6e330ad40");
        (log, block)
    }

    #[test]
    fn matches_viem_on_the_published_vector() {
        let (log, block) = viem_vector();
        let deposit = UserDeposit::from_log(&log, block, 0).unwrap();
        let one_eth = U256::from(10u64.pow(18));
        assert_eq!((deposit.mint, deposit.value), (one_eth, one_eth));
        assert_eq!(deposit.gas_limit, 100_000);
        assert!(!deposit.is_creation && deposit.data.is_empty());
        assert_eq!(
            deposit.source_hash(),
            b256!("0xfdb497e82dad699d8025815fcdcbc459a07fb5c53bef3542d2fbd4ce0cf32852")
        );
        assert_eq!(
            deposit.l2_hash(),
            b256!("0xa76eab87bb1abd0096bd9b122e85635c300e7ba53d31c7a3053c2f9e7a3b4e79")
        );
        assert_eq!(
            alloy::primitives::keccak256(deposit.l2_raw_transaction()),
            deposit.l2_hash()
        );
    }

    #[test]
    fn refuses_what_is_not_a_version_0_deposit() {
        let (mut log, block) = viem_vector();
        let other = Log {
            address: log.address,
            data: LogData::new_unchecked(vec![B256::ZERO], Bytes::new()),
        };
        assert_eq!(
            UserDeposit::from_log(&other, block, 0),
            Err(DepositDecodeError::NotADeposit)
        );
        let mut event = TransactionDeposited::decode_log(&log).unwrap().data;
        event.opaqueData = bytes!("00");
        log.data = LogData::from(&event);
        assert_eq!(
            UserDeposit::from_log(&log, block, 0),
            Err(DepositDecodeError::ShortOpaqueData(1))
        );
        event.version = U256::from(1);
        log.data = LogData::from(&event);
        assert!(matches!(
            UserDeposit::from_log(&log, block, 0),
            Err(DepositDecodeError::UnknownVersion(_))
        ));
    }
}
