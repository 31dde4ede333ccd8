//! `GET /suggested-fees` on 127.0.0.1, with the request and response shape of Across's
//! public API (`switchyard_core::bridge::across::quote`), priced by the relayer's own
//! [`super::RelayerPolicy`] and the destination chain's gas price (marked up, so a deposit
//! at the quote is still filled when gas rises a little) — so the wallet's Across client
//! is the one it uses on mainnet, pointed at another base URL. Served by the actors
//! process; the URL is in the manifest.

use std::{sync::Arc, time::Duration};

use alloy::primitives::{Address, U256};
use bytes::Bytes;
use http_body_util::Full;
use hyper::{
    Request, Response, StatusCode, body::Incoming, header::CONTENT_TYPE, server::conn::http1,
    service::service_fn,
};
use hyper_util::rt::TokioIo;
use switchyard_core::bridge::across::{
    FeePart, SuggestedFees, SuggestedFeesLimits, SuggestedFeesQuery,
};
use tokio::net::TcpListener;

use crate::{DevnetError, Manifest, ManifestChain, rpc::Rpc};

/// Serves quotes for the devnet in `dir` on `listener` until the future is dropped; the
/// manifest is re-read for each request (restarted chains move).
pub async fn serve(listener: TcpListener, dir: std::path::PathBuf) {
    let dir = Arc::new(dir);
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let dir = dir.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let dir = dir.clone();
                async move { Ok::<_, std::convert::Infallible>(answer(&dir, req).await) }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn answer(dir: &std::path::Path, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let result = match (req.uri().path(), Manifest::read(dir)) {
        ("/suggested-fees", Some(manifest)) => match parse_query(req.uri().query().unwrap_or("")) {
            Ok(query) => quote(&manifest, &query)
                .await
                .map_err(|e| (StatusCode::BAD_REQUEST, e)),
            Err(e) => Err((StatusCode::BAD_REQUEST, e)),
        },
        ("/suggested-fees", None) => Err((
            StatusCode::SERVICE_UNAVAILABLE,
            "the devnet is not running".to_owned(),
        )),
        (path, _) => Err((
            StatusCode::NOT_FOUND,
            format!("no endpoint {path}; the devnet serves GET /suggested-fees"),
        )),
    };
    let (status, body) = match result {
        Ok(fees) => (
            StatusCode::OK,
            serde_json::to_vec(&fees).expect("serializes"),
        ),
        // Across's error shape: a status and a message.
        Err((status, message)) => (
            status,
            serde_json::to_vec(
                &serde_json::json!({ "status": status.as_u16(), "message": message }),
            )
            .expect("serializes"),
        ),
    };
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(body)))
        .expect("a valid response")
}

/// Parses `inputToken=…&outputToken=…&originChainId=…&destinationChainId=…&amount=…`.
pub fn parse_query(query: &str) -> Result<SuggestedFeesQuery, String> {
    let get = |name: &str| {
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
            .ok_or_else(|| format!("the query has no {name}"))
    };
    let address = |name: &str| -> Result<Address, String> {
        get(name)?
            .parse()
            .map_err(|_| format!("{name} is not an address"))
    };
    let chain = |name: &str| -> Result<u64, String> {
        get(name)?
            .parse()
            .map_err(|_| format!("{name} is not a chain id"))
    };
    Ok(SuggestedFeesQuery {
        input_token: address("inputToken")?,
        output_token: address("outputToken")?,
        origin_chain_id: chain("originChainId")?,
        destination_chain_id: chain("destinationChainId")?,
        amount: U256::from_str_radix(get("amount")?, 10)
            .map_err(|_| "amount is not a whole number of base units".to_owned())?,
    })
}

/// The quote for `query` on the devnet `manifest` describes.
pub async fn quote(
    manifest: &Manifest,
    query: &SuggestedFeesQuery,
) -> Result<SuggestedFees, String> {
    let across = manifest
        .across
        .as_ref()
        .ok_or("the devnet has no Across deployment")?;
    let chain = |id: u64| -> Result<&ManifestChain, String> {
        manifest
            .chains
            .iter()
            .find(|c| c.chain_id == id && c.across.is_some())
            .ok_or_else(|| format!("chain {id} has no Across SpokePool on this devnet"))
    };
    let (origin, destination) = (
        chain(query.origin_chain_id)?,
        chain(query.destination_chain_id)?,
    );
    if origin.chain_id == destination.chain_id {
        return Err("origin and destination are the same chain".into());
    }
    let (from, to) = (
        origin.across.expect("checked"),
        destination.across.expect("checked"),
    );
    if query.input_token != from.weth || query.output_token != to.weth {
        return Err(format!(
            "the devnet relayer fills WETH/ETH only: inputToken must be {} and outputToken {}",
            from.weth, to.weth
        ));
    }
    let rpc_error = |e: DevnetError| e.to_string();
    let origin_rpc = Rpc::new(&origin.name, &origin.rpc_url).map_err(rpc_error)?;
    let destination_rpc = Rpc::new(&destination.name, &destination.rpc_url).map_err(rpc_error)?;
    let block: serde_json::Value = origin_rpc
        .call("eth_getBlockByNumber", ("latest", false))
        .await
        .map_err(rpc_error)?;
    let number = |field: &str| {
        block[field]
            .as_str()
            .and_then(|v| u64::from_str_radix(v.trim_start_matches("0x"), 16).ok())
    };
    let (timestamp, quote_block) = (
        number("timestamp").ok_or("no origin block")?,
        number("number").ok_or("no origin block")?,
    );
    let gas_price: U256 = destination_rpc
        .call("eth_gasPrice", ())
        .await
        .map_err(rpc_error)?;

    let policy = across.policy;
    let amount = query.amount;
    if amount > policy.max_deposit {
        return Err(format!(
            "the amount is above the relayer's maximum deposit of {} wei",
            policy.max_deposit
        ));
    }
    let fees = policy.quoted_fees(amount, gas_price);
    let too_low = amount < policy.min_deposit || fees.total() >= amount;
    Ok(SuggestedFees {
        total_relay_fee: FeePart::of(fees.total(), amount),
        relayer_capital_fee: FeePart::of(fees.capital, amount),
        relayer_gas_fee: FeePart::of(fees.gas, amount),
        lp_fee: FeePart::of(fees.lp, amount),
        timestamp,
        is_amount_too_low: too_low,
        quote_block,
        spoke_pool_address: from.spoke_pool,
        destination_spoke_pool_address: to.spoke_pool,
        exclusive_relayer: Address::ZERO,
        exclusivity_deadline: 0,
        estimated_fill_time_sec: policy.fill_delay_secs + manifest.block_time.unwrap_or(1),
        fill_deadline: timestamp + u64::from(super::deploy::FILL_DEADLINE_BUFFER),
        limits: SuggestedFeesLimits {
            min_deposit: policy.min_deposit,
            max_deposit: policy.max_deposit,
            max_deposit_instant: policy.max_deposit,
            max_deposit_short_delay: policy.max_deposit,
            recommended_deposit_instant: policy.max_deposit,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_is_read_or_refused_with_what_is_wrong() {
        let q = parse_query("inputToken=0x4200000000000000000000000000000000000006&outputToken=0x4200000000000000000000000000000000000006&originChainId=901&destinationChainId=902&amount=1000").unwrap();
        assert_eq!(
            (q.origin_chain_id, q.destination_chain_id, q.amount),
            (901, 902, U256::from(1000))
        );
        assert_eq!(
            parse_query("inputToken=0x42").unwrap_err(),
            "inputToken is not an address"
        );
        let err = parse_query("inputToken=0x4200000000000000000000000000000000000006&outputToken=0x4200000000000000000000000000000000000006&originChainId=901&destinationChainId=902&amount=1.5").unwrap_err();
        assert!(err.contains("amount"), "{err}");
    }
}
