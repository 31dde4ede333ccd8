//! A journey step's transactions (an original and its speed-ups or cancel), read as one
//! outcome: what became of the step.

use crate::tx::{Purpose, TxRecord, TxStatus};

/// What became of one step, from its stored transactions (already tracked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepTx<'a> {
    /// Nothing was signed for it.
    NotSigned,
    /// Every transaction signed for it was refused by the nodes, or dropped.
    NotSent(&'a TxRecord),
    /// Out, not in a block yet (pending, or unknown: it may have reached a node).
    Out(&'a TxRecord),
    /// In a block and succeeded.
    Mined(&'a TxRecord),
    /// In a block and reverted.
    Reverted(&'a TxRecord),
    /// A cancellation took its nonce: the step did not happen.
    Cancelled(&'a TxRecord),
}

/// The purpose of the step `tx` belongs to: its own, or the original's for a speed-up or
/// a cancel (which carry their original's journey).
fn step_purpose(tx: &TxRecord, txs: &[TxRecord]) -> Purpose {
    let mut current = tx;
    for _ in 0..txs.len() {
        match current.replaces {
            Some(original) if current.purpose.is_replacement() => {
                match txs.iter().find(|t| t.hash == original) {
                    Some(o) => current = o,
                    None => break,
                }
            }
            _ => break,
        }
    }
    current.purpose
}

/// The outcome of the latest attempt at the step with `purpose` among a journey's
/// transactions (a step may be tried again after a revert, so the newest attempt counts).
pub fn step(txs: &[TxRecord], purpose: Purpose) -> StepTx<'_> {
    let ours: Vec<&TxRecord> = txs
        .iter()
        .filter(|t| step_purpose(t, txs) == purpose)
        .collect();
    let Some(newest) = ours.last() else {
        return StepTx::NotSigned;
    };
    // The attempt is the newest original with its replacements (same nonce).
    let attempt: Vec<&TxRecord> = ours
        .iter()
        .copied()
        .filter(|t| t.nonce == newest.nonce && t.chain_id == newest.chain_id)
        .collect();
    if let Some(mined) = attempt
        .iter()
        .find(|t| matches!(t.status, TxStatus::Included | TxStatus::Final))
    {
        return match (mined.purpose, mined.succeeded) {
            (Purpose::Cancel, _) => StepTx::Cancelled(mined),
            (_, Some(false)) => StepTx::Reverted(mined),
            _ => StepTx::Mined(mined),
        };
    }
    if let Some(out) = attempt.iter().rev().find(|t| t.status.is_unmined()) {
        return StepTx::Out(out);
    }
    StepTx::NotSent(newest)
}

#[cfg(test)]
mod tests {
    use alloy::primitives::{Address, B256, U256};

    use super::*;
    use crate::assets::AssetId;

    fn tx(n: u8, purpose: Purpose, status: TxStatus, replaces: Option<u8>) -> TxRecord {
        TxRecord {
            hash: B256::repeat_byte(n),
            chain_id: 1,
            from: Address::repeat_byte(1),
            to: Address::repeat_byte(2),
            asset: AssetId::Native,
            symbol: "ETH".into(),
            decimals: 18,
            amount: U256::from(1),
            nonce: replaces.unwrap_or(n) as u64,
            purpose,
            replaces: replaces.map(B256::repeat_byte),
            journey_id: Some("j1".into()),
            raw: Default::default(),
            gas_limit: 21_000,
            max_fee_per_gas: 1,
            max_priority_fee_per_gas: 1,
            quoted_fee: U256::ZERO,
            status,
            succeeded: matches!(status, TxStatus::Included | TxStatus::Final).then_some(true),
            block_number: None,
            gas_used: None,
            effective_gas_price: None,
            l1_fee: None,
            fee_paid: None,
            submitted_at: n as i64,
            updated_at: n as i64,
            recheck: false,
        }
    }

    #[test]
    fn a_step_is_what_its_newest_attempt_became_replacements_included() {
        assert_eq!(step(&[], Purpose::Prove), StepTx::NotSigned);
        let sped_up = [
            tx(1, Purpose::WithdrawalInit, TxStatus::Included, None),
            tx(2, Purpose::Prove, TxStatus::Replaced, None),
            tx(3, Purpose::SpeedUp, TxStatus::Included, Some(2)),
        ];
        assert_eq!(step(&sped_up, Purpose::Prove), StepTx::Mined(&sped_up[2]));
        assert_eq!(
            step(&sped_up, Purpose::WithdrawalInit),
            StepTx::Mined(&sped_up[0])
        );
        let cancelled = [
            tx(2, Purpose::Prove, TxStatus::Replaced, None),
            tx(3, Purpose::Cancel, TxStatus::Included, Some(2)),
        ];
        assert_eq!(
            step(&cancelled, Purpose::Prove),
            StepTx::Cancelled(&cancelled[1])
        );
        let out = [tx(4, Purpose::Claim, TxStatus::Unknown, None)];
        assert_eq!(step(&out, Purpose::Claim), StepTx::Out(&out[0]));
        let refused = [tx(5, Purpose::Deposit, TxStatus::NotSent, None)];
        assert_eq!(
            step(&refused, Purpose::Deposit),
            StepTx::NotSent(&refused[0])
        );
        let mut reverted = tx(6, Purpose::Finalize, TxStatus::Included, None);
        reverted.succeeded = Some(false);
        let retried = [reverted, tx(7, Purpose::Finalize, TxStatus::Pending, None)];
        assert_eq!(
            step(&retried, Purpose::Finalize),
            StepTx::Out(&retried[1]),
            "the newest attempt counts"
        );
    }
}
