//! Transfers of ETH or an ERC-20 token: the [`Call`] for it, its checks and warnings; the
//! rest (quote, simulation, balance rule, "Max" against the worst-case fee) is
//! [`super::prepare`]'s.

use alloy::{
    eips::{BlockId, BlockNumberOrTag},
    primitives::{Address, Bytes, U256},
    rpc::types::TransactionRequest,
    sol_types::SolCall,
};

use super::{
    Call, Purpose, TxError,
    prepare::{Movement, PreparedTx, Spend, prepare_spending},
};
use crate::{
    assets::{AssetId, Token, balances::IERC20, format_units, parse_units},
    fees::{GasPlan, Speed, quote::TRANSFER_GAS},
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

/// Builds a transfer of ETH or a token — its [`Call`], what it moves, its own warnings —
/// and prepares it like any call ([`prepare_spending`]: quoted, simulated, checked; "Max" of
/// ETH resolved against the worst-case fee). Nothing is signed.
pub async fn prepare_transfer(
    client: &ChainClient,
    request: &SendRequest,
) -> Result<PreparedTx, TxError> {
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
    let exact = match &request.amount {
        Amount::Exact(text) => Some(parse_units(text, decimals)?),
        Amount::Max => None,
    };
    // The zero-address warning is `prepare`'s, for every step.
    let mut warnings = Vec::new();
    if request.to == request.from {
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

    let (call, amount) = match (&request.token, exact) {
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
            (
                Call {
                    chain_id: spec.chain_id,
                    from: request.from,
                    to: request.to,
                    value: amount.unwrap_or_default(),
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
                Call {
                    chain_id: spec.chain_id,
                    from: request.from,
                    to: token.address,
                    value: U256::ZERO,
                    input,
                    gas: GasPlan::Estimate,
                },
                Some(amount),
            )
        }
    };

    let movement = Movement {
        to: request.to,
        asset,
        symbol,
        decimals,
        amount: amount.unwrap_or_default(),
    };
    // Only "Max" of the native currency leaves the amount to the fee.
    let spend = match amount {
        None => Spend::AllNative,
        Some(_) => Spend::Value,
    };
    let mut prepared = prepare_spending(
        client,
        call,
        Purpose::Transfer,
        Some(movement),
        request.speed,
        spend,
    )
    .await?;
    prepared.warnings.extend(warnings);
    Ok(prepared)
}
