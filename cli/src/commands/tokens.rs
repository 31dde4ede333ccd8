use clap::Subcommand;
use switchyard_core::views::TokenView;

use super::{CliError, Context, block_on};
use crate::output::Output;

#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// Tokens known on each chain.
    List {
        /// Only this chain.
        #[arg(long)]
        chain: Option<String>,
    },
    /// Add a token by contract address (its metadata is read from the chain).
    Add {
        /// Chain (id or name).
        #[arg(long)]
        chain: String,
        /// Contract address.
        address: String,
    },
}

pub fn run(ctx: &Context<'_>, cmd: TokensCommand) -> Result<(), CliError> {
    let networks = ctx.networks()?;
    match cmd {
        TokensCommand::List { chain } => {
            let tokens = ctx.wallet.tokens_view(&networks, chain.as_deref())?;
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
