use std::time::Duration;

use clap::Subcommand;
use switchyard_core::tx::Purpose;

use super::{
    CliError, Context, block_on, money,
    send::{describe, sign_and_follow},
};
use crate::output::Output;

#[derive(Debug, Subcommand)]
pub enum TxCommand {
    /// History, newest first (open transactions are checked first).
    List {
        /// Only this chain.
        #[arg(long)]
        chain: Option<String>,
        /// How many.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// One transaction (hash or unique prefix), checked against its chain.
    Show { hash: String },
    /// Wait until a transaction is final.
    Wait {
        hash: String,
        /// Seconds to wait at most.
        #[arg(long, default_value_t = 600)]
        timeout: u64,
    },
    /// Replace a pending transaction with the same one at a higher fee.
    Speedup {
        hash: String,
        /// Without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Replace a pending transaction with a zero-value one to yourself.
    Cancel {
        hash: String,
        /// Without asking.
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(ctx: &Context<'_>, cmd: TxCommand) -> Result<(), CliError> {
    let networks = ctx.networks()?;
    match cmd {
        TxCommand::List { chain, limit } => {
            let chain_id = match chain {
                Some(c) => Some(
                    networks
                        .client(&c)
                        .map_err(switchyard_core::Error::from)?
                        .spec()
                        .chain_id,
                ),
                None => None,
            };
            let (history, refresh) = block_on(ctx.wallet.history_view(&networks, chain_id, limit))?;
            for (chain_id, reason) in &refresh.unchecked {
                let name = networks
                    .client_by_id(*chain_id)
                    .map_or(chain_id.to_string(), |c| c.name().to_owned());
                ctx.out.note(&format!(
                    "Could not check the open transactions on {name}; they show their last known state. ({reason})"
                ));
            }
            ctx.out.show(&history, || {
                if history.is_empty() {
                    return "No transactions yet.".into();
                }
                let rows = history
                    .iter()
                    .map(|t| {
                        let status = match &t.could_not_check {
                            Some(_) => format!("{} (could not check)", t.status.as_str()),
                            None => t.status.as_str().to_owned(),
                        };
                        vec![
                            format!("{:.10}…", t.hash),
                            t.chain.clone(),
                            status,
                            money::amount_text(&t.amount, t.decimals, &t.symbol),
                            t.to.clone(),
                            t.fee_paid
                                .as_deref()
                                .map_or("—".into(), |f| money::amount_text(f, 18, "ETH")),
                        ]
                    })
                    .collect();
                Output::table(
                    &["Hash", "Chain", "Status", "Amount", "To", "Fee paid"],
                    rows,
                )
            });
        }
        TxCommand::Show { hash } => {
            let record = ctx.wallet.transaction(&hash)?;
            let record = block_on(ctx.wallet.track(&networks, &record))?;
            let price = block_on(ctx.wallet.eth_usd(&networks));
            ctx.out.show(&ctx.wallet.tx_view(&networks, &record), || {
                describe(&record, price.as_ref())
            });
        }
        TxCommand::Wait { hash, timeout } => {
            let record = block_on(ctx.wallet.wait_final(
                &networks,
                &hash,
                Duration::from_secs(timeout),
            ))?;
            ctx.out.show(&ctx.wallet.tx_view(&networks, &record), || {
                describe(&record, None)
            });
        }
        TxCommand::Speedup { hash, yes } => {
            let prepared = block_on(ctx.wallet.prepare_replacement(
                &networks,
                &hash,
                Purpose::SpeedUp,
            ))?;
            sign_and_follow(ctx, &networks, &prepared, yes, false)?;
        }
        TxCommand::Cancel { hash, yes } => {
            let prepared = block_on(ctx.wallet.prepare_replacement(
                &networks,
                &hash,
                Purpose::Cancel,
            ))?;
            sign_and_follow(ctx, &networks, &prepared, yes, false)?;
        }
    }
    Ok(())
}
