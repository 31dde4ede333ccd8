//! Speed-up and cancel: the same nonce, outbidding every transaction already sent for it.

use alloy::{
    consensus::{Transaction, TxEnvelope},
    eips::{BlockNumberOrTag, Decodable2718},
    primitives::{Bytes, U256},
};

use super::{
    Call, Purpose, TxError, TxRecord,
    prepare::{Draft, Movement, PreparedTx, finish, short},
};
use crate::{
    assets::AssetId,
    fees::{
        GasPlan, Speed,
        quote::{TRANSFER_GAS, price_speed, quote},
    },
    rpc::ChainClient,
};

/// Prepares a replacement of a transaction that is not mined yet: the same transfer with
/// higher fees (speed-up) or a zero-value transaction to self (cancel), with the same nonce.
/// Fees rise by at least 12.5 % (the minimum nodes accept) over the highest of `siblings`
/// — the original and every replacement already sent for its nonce — or to today's fast
/// level, so a second speed-up, or a cancel after a speed-up, outbids the latest one.
pub async fn prepare_replacement(
    client: &ChainClient,
    original: &TxRecord,
    siblings: &[TxRecord],
    purpose: Purpose,
) -> Result<PreparedTx, TxError> {
    assert!(
        purpose.is_replacement(),
        "a replacement is a speed-up or a cancel"
    );
    if !original.status.is_unmined() {
        return Err(TxError::NotReplaceable {
            hash: original.hash,
            status: original.status.as_str(),
        });
    }
    let outbid = siblings
        .iter()
        .filter(|s| s.status.is_unmined())
        .chain(std::iter::once(original))
        .fold((0u128, 0u128), |(fee, tip), s| {
            (
                fee.max(s.max_fee_per_gas),
                tip.max(s.max_priority_fee_per_gas),
            )
        });
    let envelope = TxEnvelope::decode_2718(&mut original.raw.as_ref()).map_err(|e| {
        TxError::UnknownTransaction(format!(
            "{} (its stored bytes do not decode: {e})",
            original.hash
        ))
    })?;
    let cancel = purpose == Purpose::Cancel;
    let call = if cancel {
        Call {
            chain_id: original.chain_id,
            from: original.from,
            to: original.from,
            value: U256::ZERO,
            input: Bytes::new(),
            gas: GasPlan::Known(TRANSFER_GAS),
        }
    } else {
        Call {
            chain_id: original.chain_id,
            from: original.from,
            to: envelope.to().unwrap_or(original.to),
            value: envelope.value(),
            input: envelope.input().clone(),
            gas: GasPlan::Known(envelope.gas_limit()),
        }
    };
    let balance =
        client.request::<_, U256>("eth_getBalance", (original.from, BlockNumberOrTag::Latest));
    let request = call.fee_request();
    let priced = quote(client, &request);
    let (balance, quote) = futures::join!(balance, priced);
    let quote = quote.map_err(|e| short(client, e))?;
    let fast = quote.speed(Speed::Fast);
    let bump = |v: u128| v.saturating_mul(9).div_ceil(8) + 1;
    let tip = fast.max_priority_fee_per_gas.max(bump(outbid.1));
    let max_fee = fast.max_fee_per_gas.max(bump(outbid.0)).max(tip);
    let fee = price_speed(&quote, &request, Speed::Fast, max_fee, tip);
    let spec = client.spec();
    let movement = if cancel {
        Movement {
            to: original.from,
            asset: AssetId::Native,
            symbol: spec.native.symbol.clone(),
            decimals: spec.native.decimals,
            amount: U256::ZERO,
        }
    } else {
        Movement {
            to: original.to,
            asset: original.asset,
            symbol: original.symbol.clone(),
            decimals: original.decimals,
            amount: original.amount,
        }
    };
    let mut prepared = finish(
        client,
        Draft {
            call,
            purpose,
            movement,
            native_balance: balance?,
            quote,
            fee,
            nonce: original.nonce,
            warnings: Vec::new(),
        },
    )?;
    prepared.replaces = Some(original.hash);
    prepared.journey_id = original.journey_id.clone();
    Ok(prepared)
}
