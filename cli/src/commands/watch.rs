//! `switchyard watch`: follows the wallet and prints what changes as it happens.

use std::{collections::BTreeMap, time::Duration};

use clap::Args;
use switchyard_core::views::Update;

use super::{CliError, Context, money, runtime};

/// Follow open transactions (journeys and channels later) and print each change.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Seconds between looks at the chains.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub interval: u64,
    /// Stop after this many seconds (default: until interrupted).
    #[arg(long, value_name = "SECONDS")]
    pub stop_after: Option<u64>,
}

pub fn run(ctx: &Context<'_>, args: WatchArgs) -> Result<(), CliError> {
    let networks = ctx.networks()?;
    let interval = Duration::from_secs(args.interval);
    let stop = args.stop_after.map(Duration::from_secs);
    ctx.out.note("Watching; Ctrl-C stops.");
    let mut follower = ctx.wallet.follower()?;
    let follow = async {
        let started = tokio::time::Instant::now();
        let mut unreachable: BTreeMap<u64, String> = BTreeMap::new();
        loop {
            let pass = ctx.wallet.follow(&networks, &mut follower).await?;
            for update in &pass.updates {
                ctx.out.line(update, || describe(update));
            }
            // Say when a chain stops or starts answering, not at every pass.
            for (chain_id, reason) in &pass.unchecked {
                if !unreachable.contains_key(chain_id) {
                    ctx.out.note(&format!(
                        "Chain {chain_id} cannot be read; its transactions keep their last known state. ({reason})"
                    ));
                }
            }
            for chain_id in unreachable.keys() {
                if !pass.unchecked.contains_key(chain_id) {
                    ctx.out.note(&format!("Chain {chain_id} answers again."));
                }
            }
            unreachable = pass.unchecked;
            if stop.is_some_and(|s| started.elapsed() >= s) {
                return Ok::<(), CliError>(());
            }
            tokio::time::sleep(interval).await;
        }
    };
    runtime().block_on(async {
        tokio::select! {
            done = follow => done,
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

fn describe(update: &Update) -> String {
    match update {
        Update::Transaction { tx, attention } => {
            let mut line = format!(
                "{} {} on {}: {} {} → {}",
                tx.hash,
                tx.purpose_label,
                tx.chain,
                money::amount_text(&tx.amount, tx.decimals, &tx.symbol),
                tx.to,
                tx.status.as_str()
            );
            if let Some(block) = tx.block_number {
                line.push_str(&format!(" (block {block})"));
            }
            if let Some(attention) = attention {
                line.push_str(&format!("\n  {attention}"));
            }
            line
        }
        Update::Journey { journey, attention } => {
            let mut line = format!(
                "{} {} → {}: {} {}",
                journey.id,
                journey.from_chain,
                journey.to_chain,
                money::amount_text(&journey.amount, journey.decimals, &journey.symbol),
                journey.state_label
            );
            if let Some(eta) = &journey.eta {
                line.push_str(&format!(" (next step expected {eta})"));
            }
            if let Some(attention) = attention {
                line.push_str(&format!("\n  {attention}"));
            }
            line
        }
    }
}
