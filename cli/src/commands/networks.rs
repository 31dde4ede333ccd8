use clap::Subcommand;
use switchyard_core::{NewNetwork, chain::ChainKind, views::ChainView};

use super::{CliError, Context, block_on};
use crate::output::Output;

#[derive(Debug, Subcommand)]
pub enum NetworksCommand {
    /// The active profile's chains, their RPC endpoints and how they answer.
    List,
    /// Make a profile the active one (mainnets, testnets, devnet).
    Use { profile: String },
    /// Add a network to the active profile (every RPC must serve the chain id).
    Add {
        /// Display name.
        #[arg(long)]
        name: String,
        /// EIP-155 chain id.
        #[arg(long)]
        chain_id: u64,
        /// Kind, which decides the fee model.
        #[arg(long, value_enum, default_value_t = ChainKind::Ethereum)]
        kind: ChainKind,
        /// RPC URL (repeat for several, in order of preference).
        #[arg(long = "rpc", required = true)]
        rpcs: Vec<String>,
        /// Native currency symbol.
        #[arg(long, default_value = "ETH")]
        symbol: String,
        /// Block explorer base URL.
        #[arg(long)]
        explorer: Option<String>,
    },
    /// Add an RPC endpoint to a chain (tried first; it must serve that chain).
    RpcAdd {
        /// Chain (id or name).
        chain: String,
        /// URL.
        url: String,
    },
    /// Remove an RPC endpoint you added to a chain.
    RpcRemove {
        /// Chain (id or name).
        chain: String,
        /// URL, as added.
        url: String,
    },
}

pub fn run(ctx: &Context<'_>, cmd: NetworksCommand) -> Result<(), CliError> {
    match cmd {
        NetworksCommand::List => {
            let networks = ctx.networks()?;
            // One cheap request per chain so health and latency are real, not guesses.
            block_on(futures::future::join_all(networks.clients().iter().map(
                |c| c.request::<_, alloy::primitives::U64>("eth_blockNumber", ()),
            )));
            let view = ctx.wallet.networks_view(&networks)?;
            ctx.out.show(&view, || {
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
                &serde_json::json!({ "chainId": spec.chain_id, "url": url }),
                || format!("Added {url} to {}; it is tried first.", spec.name),
            );
            Ok(())
        }
        NetworksCommand::RpcRemove { chain, url } => {
            let spec = ctx.wallet.remove_rpc(&ctx.networks()?, &chain, &url)?;
            ctx.out.show(
                &serde_json::json!({ "chainId": spec.chain_id, "url": url, "removed": true }),
                || format!("Removed {url} from {}.", spec.name),
            );
            Ok(())
        }
    }
}
