//! Messages of the delayed inbox as the child chain executes them: an ETH deposit (kind
//! 12) credits its recipient; a retryable ticket (kind 9) is created and redeemed. Their
//! ids are the hashes ArbOS gives the transactions it makes for them, as `@arbitrum/sdk`
//! computes them (`EthDepositMessage.calculateDepositTxId`,
//! `ParentToChildMessage.calculateSubmitRetryableId`).

use alloy::{
    primitives::{Address, B256, Bytes, U256, keccak256},
    rlp::{Encodable, Header},
};

/// `L1MessageType_submitRetryableTx`.
pub const KIND_SUBMIT_RETRYABLE: u8 = 9;
/// `L1MessageType_ethDeposit`.
pub const KIND_ETH_DEPOSIT: u8 = 12;
/// Type byte of ArbOS's ETH deposit transaction.
const DEPOSIT_TX_TYPE: u8 = 0x64;
/// Type byte of ArbOS's submit-retryable transaction.
const SUBMIT_RETRYABLE_TX_TYPE: u8 = 0x69;

/// Why inbox message data is not what its kind says.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InboxDecodeError {
    /// The data is shorter than the kind's fixed fields.
    #[error("inbox message {message}: {len} bytes of data, shorter than its {need}-byte head")]
    Short {
        /// Message number.
        message: U256,
        /// Bytes present.
        len: usize,
        /// Bytes needed.
        need: usize,
    },
}

/// An ETH deposit (`Inbox.depositEth`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EthDeposit {
    /// The delayed inbox message number.
    pub message_number: U256,
    /// The sender as the bridge logged it (always aliased).
    pub from: Address,
    /// Who is credited on the child chain (the depositor itself for an EOA, its alias for a contract).
    pub to: Address,
    /// Wei credited.
    pub value: U256,
}

impl EthDeposit {
    /// Decodes `abi.encodePacked(dest, value)`.
    pub fn decode(
        message_number: U256,
        from: Address,
        data: &[u8],
    ) -> Result<Self, InboxDecodeError> {
        need(message_number, data, 20 + 32)?;
        Ok(Self {
            message_number,
            from,
            to: Address::from_slice(&data[..20]),
            value: U256::from_be_slice(&data[20..52]),
        })
    }

    /// The child-chain transaction id of the deposit (type 0x64).
    pub fn tx_id(&self, child_chain_id: u64) -> B256 {
        let mut payload = Vec::new();
        U256::from(child_chain_id).encode(&mut payload);
        B256::from(self.message_number).encode(&mut payload);
        self.from.encode(&mut payload);
        self.to.encode(&mut payload);
        self.value.encode(&mut payload);
        typed_hash(DEPOSIT_TX_TYPE, &payload)
    }
}

/// A retryable ticket (`Inbox.createRetryableTicket`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retryable {
    /// The delayed inbox message number.
    pub message_number: U256,
    /// The sender as the bridge logged it (aliased).
    pub from: Address,
    /// The L1 base fee the bridge logged with the message.
    pub l1_base_fee: U256,
    /// The call's target on the child chain.
    pub to: Address,
    /// Wei the call carries.
    pub l2_call_value: U256,
    /// Wei deposited with the ticket (`msg.value` on L1).
    pub deposit: U256,
    /// The most the ticket's submission may cost.
    pub max_submission_fee: U256,
    /// Who gets unused fees back.
    pub excess_fee_refund: Address,
    /// Who gets the call value back if the ticket expires or is cancelled (the beneficiary).
    pub call_value_refund: Address,
    /// Gas for the auto-redeem (0 or 1: none is attempted).
    pub gas_limit: U256,
    /// Max fee per gas for the auto-redeem.
    pub max_fee_per_gas: U256,
    /// The call data.
    pub data: Bytes,
}

/// Fixed words before the call data in a retryable's message data.
const RETRYABLE_HEAD: usize = 9 * 32;

impl Retryable {
    /// Decodes the packed words `Inbox` writes for a ticket.
    pub fn decode(
        message_number: U256,
        from: Address,
        l1_base_fee: U256,
        data: &[u8],
    ) -> Result<Self, InboxDecodeError> {
        need(message_number, data, RETRYABLE_HEAD)?;
        let word = |i: usize| U256::from_be_slice(&data[i * 32..(i + 1) * 32]);
        let address = |i: usize| Address::from_slice(&data[i * 32 + 12..(i + 1) * 32]);
        let len: usize = word(8).saturating_to();
        need(message_number, data, RETRYABLE_HEAD.saturating_add(len))?;
        Ok(Self {
            message_number,
            from,
            l1_base_fee,
            to: address(0),
            l2_call_value: word(1),
            deposit: word(2),
            max_submission_fee: word(3),
            excess_fee_refund: address(4),
            call_value_refund: address(5),
            gas_limit: word(6),
            max_fee_per_gas: word(7),
            data: Bytes::copy_from_slice(&data[RETRYABLE_HEAD..RETRYABLE_HEAD + len]),
        })
    }

    /// The ticket id: the hash of the submit-retryable transaction (type 0x69).
    pub fn ticket_id(&self, child_chain_id: u64) -> B256 {
        let mut payload = Vec::new();
        U256::from(child_chain_id).encode(&mut payload);
        B256::from(self.message_number).encode(&mut payload);
        self.from.encode(&mut payload);
        self.l1_base_fee.encode(&mut payload);
        self.deposit.encode(&mut payload);
        self.max_fee_per_gas.encode(&mut payload);
        self.gas_limit.encode(&mut payload);
        // ArbOS treats a zero destination as none.
        if self.to.is_zero() {
            Bytes::new().encode(&mut payload);
        } else {
            self.to.encode(&mut payload);
        }
        self.l2_call_value.encode(&mut payload);
        self.call_value_refund.encode(&mut payload);
        self.max_submission_fee.encode(&mut payload);
        self.excess_fee_refund.encode(&mut payload);
        self.data.encode(&mut payload);
        typed_hash(SUBMIT_RETRYABLE_TX_TYPE, &payload)
    }

    /// Whether ArbOS tries to redeem the ticket at once: only when the ticket paid for
    /// gas (a gas limit and fee above 1; 1 is the inbox's "estimate" sentinel).
    pub fn auto_redeems(&self) -> bool {
        self.gas_limit > U256::from(1) && self.max_fee_per_gas > U256::from(1)
    }
}

fn need(message: U256, data: &[u8], need: usize) -> Result<(), InboxDecodeError> {
    if data.len() < need {
        return Err(InboxDecodeError::Short {
            message,
            len: data.len(),
            need,
        });
    }
    Ok(())
}

/// keccak256(type ‖ rlp(list of the already-encoded `payload`)).
fn typed_hash(tx_type: u8, payload: &[u8]) -> B256 {
    let mut out = vec![tx_type];
    Header {
        list: true,
        payload_length: payload.len(),
    }
    .encode(&mut out);
    out.extend_from_slice(payload);
    keccak256(out)
}

#[cfg(test)]
mod tests {
    use alloy::primitives::{address, b256, bytes};

    use super::*;
    use crate::rollup::arbitrum::apply_alias;

    const ETHER: u64 = 1_000_000_000_000_000_000;

    /// devnet-bridges.md §Q5: @arbitrum/sdk 4.1.0's calculateDepositTxId.
    #[test]
    fn the_deposit_id_matches_the_sdk() {
        let user = address!("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
        let mut data = user.to_vec();
        data.extend_from_slice(&U256::from(ETHER).to_be_bytes::<32>());
        let deposit = EthDeposit::decode(U256::ZERO, apply_alias(user), &data).unwrap();
        assert_eq!((deposit.to, deposit.value), (user, U256::from(ETHER)));
        assert_eq!(
            deposit.tx_id(901),
            b256!("0xefec70fc67e3fac0917aaf7e244130b8e807f537fc65d24131f776337aa937bd")
        );
    }

    /// devnet-bridges.md §Q5: @arbitrum/sdk 4.1.0's calculateSubmitRetryableId, equal to
    /// its parse of the real L1 receipt.
    #[test]
    fn the_ticket_id_matches_the_sdk() {
        let user = address!("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
        let words: Vec<U256> = vec![
            U256::from_be_slice(user.as_slice()),
            U256::from(ETHER / 10),                 // l2CallValue
            U256::from(100_011_000_000_000_000u64), // deposit (msg.value)
            U256::from(1_000_000_000_000u64),       // maxSubmissionCost
            U256::from_be_slice(user.as_slice()),
            U256::from_be_slice(user.as_slice()),
            U256::from(100_000),     // gasLimit
            U256::from(100_000_000), // maxFeePerGas
            U256::from(2),           // data length
        ];
        let mut data: Vec<u8> = words.iter().flat_map(|w| w.to_be_bytes::<32>()).collect();
        data.extend_from_slice(&bytes!("1234"));
        let ticket =
            Retryable::decode(U256::from(1), apply_alias(user), U256::from(8), &data).unwrap();
        assert_eq!(ticket.data, bytes!("1234"));
        assert!(ticket.auto_redeems());
        assert_eq!(
            ticket.ticket_id(901),
            b256!("0x7c4fcb6d883c8cc99669294a86f9ac70b46b4e3a52316af15654c16e084ddbd5")
        );
        // Cut data is refused with the message named.
        let err = Retryable::decode(U256::from(1), user, U256::ZERO, &data[..data.len() - 1])
            .unwrap_err();
        assert!(err.to_string().contains("inbox message 1"), "{err}");
    }
}
