use clap::Subcommand;
use switchyard_core::views::FeeComparisonView;

use super::{CliError, Context, block_on, money};
use crate::output::Output;

#[derive(Debug, Subcommand)]
pub enum FeesCommand {
    /// What the same transfer costs on every chain right now, cheapest first.
    Compare {
        /// ETH or a token symbol.
        #[arg(long, default_value = switchyard_core::fees::DEFAULT_COMPARISON_ASSET)]
        asset: String,
        /// Amount (default: 0.01, the core's everyday transfer).
        #[arg(long, default_value = switchyard_core::fees::DEFAULT_COMPARISON_AMOUNT)]
        amount: String,
    },
}

pub fn run(ctx: &Context<'_>, cmd: FeesCommand) -> Result<(), CliError> {
    let FeesCommand::Compare { asset, amount } = cmd;
    let networks = ctx.networks()?;
    let cmp = block_on(ctx.wallet.compare_fees(&networks, &asset, &amount))?;
    ctx.out.show(&FeeComparisonView::from(&cmp), || {
        let wei = |v| money::amount(v, 18, "ETH");
        let rows = cmp
            .rows
            .iter()
            .map(|r| match &r.fee {
                Some(f) => vec![
                    r.chain.clone(),
                    format!("{}", r.gas_used),
                    wei(f.execution),
                    wei(f.l1_data),
                    wei(f.operator),
                    wei(f.total),
                    money::usd(r.usd.as_ref().map(|u| u.total)),
                ],
                None => vec![
                    r.chain.clone(),
                    "—".into(),
                    "—".into(),
                    "—".into(),
                    "—".into(),
                    r.error.clone().unwrap_or_default(),
                    "—".into(),
                ],
            })
            .collect();
        format!(
            "Sending {amount} {asset}, normal speed, cheapest first:\n{}",
            Output::table(
                &[
                    "Chain",
                    "Gas",
                    "Execution",
                    "L1 data",
                    "Operator",
                    "Total",
                    "USD"
                ],
                rows
            )
        )
    });
    Ok(())
}
