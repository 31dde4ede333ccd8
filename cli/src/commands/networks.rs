use switchyard_core::{
    NewNetwork,
    views::{ChainView, TokenView},
};

use super::{CliError, Context, block_on};
use crate::{
    args::{NetworksCommand, TokensCommand},
    output::Output,
};

pub fn run(ctx: &Context<'_>, cmd: NetworksCommand) -> Result<(), CliError> {
    match cmd {
        NetworksCommand::List => {
            let networks = ctx.networks()?;
            // One cheap request per chain so health and latency are real, not guesses.
            block_on(futures::future::join_all(networks.clients().iter().map(
                |c| c.request::<_, alloy::primitives::U64>("eth_blockNumber", ()),
            )));
            let chains: Vec<_> = networks
                .clients()
                .iter()
                .map(|c| serde_json::json!({ "chain": c.spec(), "endpoints": c.health() }))
                .collect();
            let value = serde_json::json!({ "profile": networks.key(), "chains": chains });
            ctx.out.show(&value, || {
                let mut rows = Vec::new();
                for c in networks.clients() {
                    for h in c.health() {
                        let state = match (&h.chain_check, &h.last_error, h.consecutive_failures) {
                            (switchyard_core::rpc::ChainCheck::WrongChain(id), _, _) => {
                                format!("wrong chain ({id})")
                            }
                            (_, Some(e), n) if n > 0 => format!("failing: {e}"),
                            (switchyard_core::rpc::ChainCheck::Verified, _, _) => "ok".into(),
                            _ => "not contacted".into(),
                        };
                        rows.push(vec![
                            c.name().to_owned(),
                            c.spec().chain_id.to_string(),
                            h.url.clone(),
                            h.latency_ms.map_or("—".into(), |ms| format!("{ms} ms")),
                            state,
                        ]);
                    }
                }
                format!(
                    "Profile: {}\n{}",
                    networks.key(),
                    Output::table(&["Chain", "Id", "RPC", "Latency", "State"], rows)
                )
            });
            Ok(())
        }
        NetworksCommand::Use { profile } => {
            ctx.wallet.use_network(&profile)?;
            ctx.out
                .show(&serde_json::json!({ "profile": profile }), || {
                    format!("Now using the {profile} profile.")
                });
            Ok(())
        }
        NetworksCommand::Add {
            name,
            chain_id,
            kind,
            rpcs,
            symbol,
            explorer,
        } => {
            let networks = ctx.networks()?;
            let new = NewNetwork {
                name,
                chain_id,
                kind,
                rpc_urls: rpcs,
                explorer,
                symbol,
            };
            let spec = block_on(ctx.wallet.add_network(&networks, new))?;
            let view = ChainView::new(&spec, ctx.wallet.custom_rpcs(spec.chain_id)?);
            ctx.out.show(&view, || {
                format!(
                    "Added {} ({}) to the {} profile.",
                    spec.name,
                    spec.chain_id,
                    networks.key()
                )
            });
            Ok(())
        }
        NetworksCommand::RpcAdd { chain, url } => {
            let networks = ctx.networks()?;
            let spec = block_on(ctx.wallet.add_rpc(&networks, &chain, &url))?;
            ctx.out.show(
                &serde_json::json!({ "chain_id": spec.chain_id, "url": url }),
                || format!("Added {url} to {}; it is tried first.", spec.name),
            );
            Ok(())
        }
        NetworksCommand::RpcRemove { chain, url } => {
            let networks = ctx.networks()?;
            let client = networks
                .client(&chain)
                .map_err(switchyard_core::Error::from)?;
            let spec = client.spec();
            if !ctx.wallet.remove_rpc(spec.chain_id, &url)? {
                return Err(CliError::Input(format!(
                    "{url} is not an RPC endpoint you added to {}; only those can be removed (see `switchyard networks list`).",
                    spec.name
                )));
            }
            ctx.out.show(
                &serde_json::json!({ "chain_id": spec.chain_id, "url": url, "removed": true }),
                || format!("Removed {url} from {}.", spec.name),
            );
            Ok(())
        }
    }
}

pub fn tokens(ctx: &Context<'_>, cmd: TokensCommand) -> Result<(), CliError> {
    let networks = ctx.networks()?;
    match cmd {
        TokensCommand::List { chain } => {
            let ids: Vec<u64> = match chain {
                Some(c) => vec![
                    networks
                        .client(&c)
                        .map_err(switchyard_core::Error::from)?
                        .spec()
                        .chain_id,
                ],
                None => networks
                    .clients()
                    .iter()
                    .map(|c| c.spec().chain_id)
                    .collect(),
            };
            let tokens: Vec<TokenView> = ids
                .iter()
                .flat_map(|id| networks.tokens(*id))
                .map(TokenView::from)
                .collect();
            ctx.out.show(&tokens, || {
                let rows = tokens
                    .iter()
                    .map(|t| {
                        let chain = networks
                            .client_by_id(t.chain_id)
                            .map_or(String::new(), |c| c.name().to_owned());
                        vec![
                            chain,
                            t.symbol.clone(),
                            t.name.clone(),
                            t.decimals.to_string(),
                            t.address.clone(),
                        ]
                    })
                    .collect();
                Output::table(&["Chain", "Symbol", "Name", "Decimals", "Address"], rows)
            });
        }
        TokensCommand::Add { chain, address } => {
            let token = TokenView::from(&block_on(
                ctx.wallet.add_token(&networks, &chain, &address),
            )?);
            ctx.out.show(&token, || {
                format!(
                    "Added {} ({}, {} decimals).",
                    token.symbol, token.name, token.decimals
                )
            });
        }
    }
    Ok(())
}
