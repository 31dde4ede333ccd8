use alloy::{
    consensus::{Transaction, TxEnvelope},
    eips::{BlockId, BlockNumberOrTag, Decodable2718},
    primitives::{Address, B256, Bytes, U256},
    rpc::types::TransactionRequest,
    sol_types::SolCall,
};
use serde::Serialize;

use super::{TxError, TxKind, TxRecord};
use crate::{
    assets::{AssetId, Token, balances::IERC20, format_units, parse_units},
    fees::{
        FeeBreakdown, FeeQuote, FeeRequest, GasPlan, Speed,
        quote::{TRANSFER_GAS, eip1559_transaction, price_speed, quote},
    },
    rpc::{ChainClient, RpcError},
};

/// How much to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Amount {
    /// This decimal amount of the asset ("1.5").
    Exact(String),
    /// Everything: the whole token balance, or the native balance minus the worst-case fee.
    Max,
}

/// A transfer the user asked for.
#[derive(Debug, Clone)]
pub struct SendRequest {
    /// Sender.
    pub from: Address,
    /// Recipient.
    pub to: Address,
    /// The token, or `None` for the native currency.
    pub token: Option<Token>,
    /// Amount.
    pub amount: Amount,
    /// Fee level.
    pub speed: Speed,
}

/// A transfer ready to sign: what will be signed, what it costs, and any warnings.
#[derive(Debug, Clone, Serialize)]
pub struct PreparedSend {
    /// Chain id.
    pub chain_id: u64,
    /// Chain name.
    pub chain: String,
    /// Sender.
    pub from: Address,
    /// Recipient (of the tokens, for ERC-20).
    pub to: Address,
    /// Asset.
    pub asset: AssetId,
    /// Its symbol.
    pub symbol: String,
    /// Its decimals.
    pub decimals: u8,
    /// Amount, smallest unit.
    pub amount: U256,
    /// Native symbol (fees are paid in it).
    pub native_symbol: String,
    /// Native balance before sending.
    pub native_balance: U256,
    /// The quote with every speed.
    pub quote: FeeQuote,
    /// The chosen speed's fee.
    pub fee: FeeBreakdown,
    /// Things the user should know before signing (e.g. the recipient is a contract).
    pub warnings: Vec<String>,
    /// An earlier transfer of the same amount of the same asset to the same recipient from
    /// this account that is not mined yet (pending, or unknown): this one looks like a
    /// retry of it, and both may go through. Scripts must confirm such a send explicitly.
    pub possible_duplicate_of: Option<B256>,
    /// Exactly what will be signed.
    pub transaction: TransactionRequest,
    /// Send, speed-up or cancel.
    pub kind: TxKind,
    /// What it replaces.
    pub replaces: Option<B256>,
}

fn short(client: &ChainClient, e: RpcError) -> TxError {
    match e.revert_reason() {
        Some(reason) => TxError::WouldRevert {
            chain: client.name().into(),
            reason,
        },
        None => TxError::Rpc(e),
    }
}

/// Builds, checks, simulates and prices a transfer. Nothing is signed.
pub async fn prepare_send(
    client: &ChainClient,
    request: &SendRequest,
) -> Result<PreparedSend, TxError> {
    let spec = client.spec();
    let latest = BlockId::Number(BlockNumberOrTag::Latest);
    // Balances and the recipient's code in one round trip.
    let mut batch = client.batch();
    let err = |m: &str, e| client.error(m, e);
    let native = batch
        .add_call::<_, U256>("eth_getBalance", &(request.from, latest))
        .map_err(|e| err("eth_getBalance", e))?;
    let code = batch
        .add_call::<_, Bytes>("eth_getCode", &(request.to, latest))
        .map_err(|e| err("eth_getCode", e))?;
    let token_balance = match &request.token {
        Some(t) => {
            let call = TransactionRequest::default().to(t.address).input(
                IERC20::balanceOfCall {
                    owner: request.from,
                }
                .abi_encode()
                .into(),
            );
            Some(
                batch
                    .add_call::<_, Bytes>("eth_call", &(call, latest))
                    .map_err(|e| err("eth_call", e))?,
            )
        }
        None => None,
    };
    batch.send().await.map_err(|e| err("batch", e))?;
    let native_balance = native.await.map_err(|e| err("eth_getBalance", e))?;
    let recipient_code = code.await.map_err(|e| err("eth_getCode", e))?;
    let token_balance = match token_balance {
        Some(w) => {
            let out = w.await.map_err(|e| err("balanceOf", e))?;
            Some(
                IERC20::balanceOfCall::abi_decode_returns(&out).map_err(|e| {
                    TxError::Rpc(RpcError::Malformed {
                        chain: client.name().into(),
                        method: "balanceOf".into(),
                        detail: e.to_string(),
                    })
                })?,
            )
        }
        None => None,
    };

    let (symbol, decimals, asset) = match &request.token {
        Some(t) => (t.symbol.clone(), t.decimals, AssetId::Token(t.address)),
        None => (
            spec.native.symbol.clone(),
            spec.native.decimals,
            AssetId::Native,
        ),
    };
    let fmt = |v: U256| format_units(v, decimals);
    let nfmt = |v: U256| format_units(v, spec.native.decimals);
    let exact = match &request.amount {
        Amount::Exact(text) => Some(parse_units(text, decimals)?),
        Amount::Max => None,
    };
    let mut warnings = Vec::new();
    if request.to == Address::ZERO {
        warnings.push(format!(
            "The recipient is the zero address ({}): nobody holds its key, so anything sent there is lost for good.",
            Address::ZERO
        ));
    } else if request.to == request.from {
        warnings.push(
            "The recipient is the sending account itself: nothing moves, and the fee is still paid."
                .into(),
        );
    }
    if exact.is_some_and(|a| a.is_zero()) {
        warnings.push(format!(
            "The amount is 0 {symbol}: this transaction moves nothing and only pays the fee."
        ));
    }
    if !recipient_code.is_empty() {
        warnings.push(format!(
            "The recipient {} is a contract, not a personal account. Make sure it can receive {symbol}.",
            request.to
        ));
    }

    let (fee_request, amount) = match (&request.token, exact) {
        (None, amount) => {
            if let Some(a) = amount
                && a > native_balance
            {
                return Err(TxError::InsufficientFunds {
                    symbol,
                    needed: fmt(a),
                    available: fmt(native_balance),
                    detail: "the amount alone".into(),
                });
            }
            // A transfer to an account without code uses exactly 21 000 gas; to a contract
            // it runs code, so it is estimated (which also simulates it).
            let gas = if recipient_code.is_empty() {
                GasPlan::Known(TRANSFER_GAS)
            } else {
                GasPlan::Estimate
            };
            // Max is priced with the whole balance as value: the largest encoding, so the
            // L1 data fee of the final, smaller value cannot exceed it.
            let value = amount.unwrap_or(native_balance);
            (
                FeeRequest {
                    from: Some(request.from),
                    to: request.to,
                    value,
                    input: Bytes::new(),
                    gas,
                },
                amount,
            )
        }
        (Some(token), amount) => {
            let held = token_balance.unwrap_or_default();
            let amount = amount.unwrap_or(held);
            if amount > held {
                return Err(TxError::InsufficientFunds {
                    symbol,
                    needed: fmt(amount),
                    available: fmt(held),
                    detail: "the amount".into(),
                });
            }
            if request.to == token.address {
                warnings.push(format!("The recipient is the {} token contract itself; tokens sent there are usually lost.", token.symbol));
            }
            let input = IERC20::transferCall {
                to: request.to,
                amount,
            }
            .abi_encode()
            .into();
            (
                FeeRequest {
                    from: Some(request.from),
                    to: token.address,
                    value: U256::ZERO,
                    input,
                    gas: GasPlan::Estimate,
                },
                Some(amount),
            )
        }
    };

    let quote = quote(client, &fee_request)
        .await
        .map_err(|e| short(client, e))?;
    let fee = quote.speed(request.speed).clone();
    let (amount, fee_request) = match (&request.token, amount) {
        (None, None) => {
            let Some(value) = native_balance
                .checked_sub(fee.worst_case)
                .filter(|v| !v.is_zero())
            else {
                return Err(TxError::NothingToSend {
                    symbol: spec.native.symbol.clone(),
                    available: nfmt(native_balance),
                    fee: nfmt(fee.worst_case),
                });
            };
            (
                value,
                FeeRequest {
                    value,
                    ..fee_request
                },
            )
        }
        (_, Some(a)) => (a, fee_request),
        (Some(_), None) => unreachable!("token amounts are resolved above"),
    };
    let native_needed = fee.worst_case + fee_request.value;
    if native_needed > native_balance {
        let detail = if request.token.is_some() {
            format!(
                "the fee, at most {} {}",
                nfmt(fee.worst_case),
                spec.native.symbol
            )
        } else {
            format!(
                "{} to send plus a fee of at most {}",
                nfmt(fee_request.value),
                nfmt(fee.worst_case)
            )
        };
        return Err(TxError::InsufficientFunds {
            symbol: spec.native.symbol.clone(),
            needed: nfmt(native_needed),
            available: nfmt(native_balance),
            detail,
        });
    }
    let nonce = quote.nonce.expect("a sender was given");
    let transaction = eip1559_transaction(spec.chain_id, nonce, &fee_request, &fee);
    Ok(PreparedSend {
        chain_id: spec.chain_id,
        chain: spec.name.clone(),
        from: request.from,
        to: request.to,
        asset,
        symbol,
        decimals,
        amount,
        native_symbol: spec.native.symbol.clone(),
        native_balance,
        quote,
        fee,
        warnings,
        possible_duplicate_of: None,
        transaction,
        kind: TxKind::Send,
        replaces: None,
    })
}

/// Prepares a replacement of a transaction that is not mined yet: the same transfer with
/// higher fees (speed-up) or a zero-value transaction to self (cancel), with the same nonce.
/// Fees rise by at least 12.5 % (the minimum nodes accept) over the highest of `siblings`
/// — the original and every replacement already sent for its nonce — or to today's fast
/// level, so a second speed-up, or a cancel after a speed-up, outbids the latest one.
pub async fn prepare_replacement(
    client: &ChainClient,
    original: &TxRecord,
    siblings: &[TxRecord],
    kind: TxKind,
) -> Result<PreparedSend, TxError> {
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
    let fee_request = match kind {
        TxKind::Cancel => FeeRequest {
            from: Some(original.from),
            to: original.from,
            value: U256::ZERO,
            input: Bytes::new(),
            gas: GasPlan::Known(TRANSFER_GAS),
        },
        _ => FeeRequest {
            from: Some(original.from),
            to: envelope.to().unwrap_or(original.to),
            value: envelope.value(),
            input: envelope.input().clone(),
            gas: GasPlan::Known(envelope.gas_limit()),
        },
    };
    let quote = quote(client, &fee_request)
        .await
        .map_err(|e| short(client, e))?;
    let fast = quote.speed(Speed::Fast);
    let bump = |v: u128| v.saturating_mul(9).div_ceil(8) + 1;
    let tip = fast.max_priority_fee_per_gas.max(bump(outbid.1));
    let max_fee = fast.max_fee_per_gas.max(bump(outbid.0)).max(tip);
    let fee = price_speed(&quote, &fee_request, Speed::Fast, max_fee, tip);
    let spec = client.spec();
    let transaction = eip1559_transaction(spec.chain_id, original.nonce, &fee_request, &fee);
    let balance: U256 = client
        .request("eth_getBalance", (original.from, BlockNumberOrTag::Latest))
        .await?;
    let needed = fee.worst_case + fee_request.value;
    if needed > balance {
        return Err(TxError::InsufficientFunds {
            symbol: spec.native.symbol.clone(),
            needed: format_units(needed, spec.native.decimals),
            available: format_units(balance, spec.native.decimals),
            detail: "the replacement's fee".into(),
        });
    }
    let (to, amount, asset, symbol, decimals) = match kind {
        TxKind::Cancel => (
            original.from,
            U256::ZERO,
            AssetId::Native,
            spec.native.symbol.clone(),
            spec.native.decimals,
        ),
        _ => (
            original.to,
            original.amount,
            original.asset,
            original.symbol.clone(),
            original.decimals,
        ),
    };
    Ok(PreparedSend {
        chain_id: spec.chain_id,
        chain: spec.name.clone(),
        from: original.from,
        to,
        asset,
        symbol,
        decimals,
        amount,
        native_symbol: spec.native.symbol.clone(),
        native_balance: balance,
        quote,
        fee,
        warnings: Vec::new(),
        possible_duplicate_of: None,
        transaction,
        kind,
        replaces: Some(original.hash),
    })
}
