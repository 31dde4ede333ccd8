//! Checks made before the user's additions are accepted: an RPC endpoint must serve the
//! chain it is added for, and a token address must answer like an ERC-20.

use std::time::Duration;

use alloy::{
    eips::{BlockId, BlockNumberOrTag},
    primitives::{Address, U64},
};

use super::NetworkError;
use crate::{
    assets::{Token, TokenSource, balances::IERC20},
    chain::MULTICALL3,
    rpc::{
        ChainClient,
        multicall::{Read, aggregate3_request, decode, decode_aggregate3},
    },
};

/// Checks that `url` answers `eth_chainId` with `expected` before it is accepted.
pub async fn verify_rpc(url: &str, expected: u64, timeout: Duration) -> Result<(), NetworkError> {
    // A plain client (no failover, no piggybacked check) so the answer is this URL's own.
    let client = alloy::rpc::client::RpcClient::new_http(
        url.parse()
            .map_err(|_| NetworkError::InvalidNetwork(format!("'{url}' is not a valid URL.")))?,
    );
    let answer = tokio::time::timeout(timeout, client.request_noparams::<U64>("eth_chainId")).await;
    let got = match answer {
        Err(_) => {
            return Err(NetworkError::RpcUnreachable {
                url: url.into(),
                detail: format!("no answer within {timeout:?}"),
            });
        }
        Ok(Err(e)) => {
            return Err(NetworkError::RpcUnreachable {
                url: url.into(),
                detail: e.to_string(),
            });
        }
        Ok(Ok(id)) => id.to::<u64>(),
    };
    if got != expected {
        return Err(NetworkError::WrongChain {
            url: url.into(),
            expected,
            got,
        });
    }
    Ok(())
}

/// Reads and validates an ERC-20's metadata (one multicall): it must answer `decimals`,
/// `symbol`, `name` and `balanceOf`.
pub async fn read_token(client: &ChainClient, address: Address) -> Result<Token, NetworkError> {
    let multicall = client.spec().multicall3.unwrap_or(MULTICALL3);
    let reads = [
        Read::new(address, IERC20::decimalsCall {}),
        Read::new(address, IERC20::symbolCall {}),
        Read::new(address, IERC20::nameCall {}),
        Read::new(
            address,
            IERC20::balanceOfCall {
                owner: Address::ZERO,
            },
        ),
    ];
    let output = client
        .call(
            &aggregate3_request(multicall, &reads),
            BlockId::Number(BlockNumberOrTag::Latest),
        )
        .await?;
    let not_token = |detail: &str| NetworkError::NotAToken {
        address,
        chain: client.name().into(),
        detail: detail.into(),
    };
    let results = decode_aggregate3(&output, reads.len()).map_err(|d| not_token(&d))?;
    let decimals =
        decode::<IERC20::decimalsCall>(&results[0]).ok_or_else(|| not_token("no decimals()"))?;
    let symbol =
        decode::<IERC20::symbolCall>(&results[1]).ok_or_else(|| not_token("no symbol()"))?;
    let name = decode::<IERC20::nameCall>(&results[2]).ok_or_else(|| not_token("no name()"))?;
    decode::<IERC20::balanceOfCall>(&results[3]).ok_or_else(|| not_token("no balanceOf()"))?;
    // The contract chose these strings: never shown with control characters or escape
    // sequences, and never longer than a symbol or a name needs.
    let symbol = crate::text::clean(symbol.trim(), 32);
    let name = crate::text::clean(name.trim(), 64);
    if decimals > 77 || symbol.trim().is_empty() || symbol.ends_with('…') {
        return Err(not_token("its decimals or symbol are not plausible"));
    }
    Ok(Token {
        chain_id: client.spec().chain_id,
        address,
        symbol: symbol.trim().into(),
        name: name.trim().into(),
        decimals,
        price_feed: None,
        source: TokenSource::User,
    })
}
