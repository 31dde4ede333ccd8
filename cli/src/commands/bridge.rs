use clap::{Args, Subcommand};
use switchyard_core::{fees::Speed, tx::Amount, wallet::MoveInput};

use super::{
    CliError, Context, block_on,
    journey::{describe, later_steps},
    send::{confirm, refuse_retry, review},
};

#[derive(Debug, Subcommand)]
pub enum BridgeCommand {
    /// Move ETH from a chain down to one of its rollups through the rollup's own bridge.
    /// Shows every fee and when the funds arrive, then asks.
    Deposit(DepositArgs),
    /// Move ETH from a rollup up to its parent chain through its own bridge. Shows each
    /// later step (prove and finalize, or claim) with its cost and time, then asks.
    Withdraw(WithdrawArgs),
}

#[derive(Debug, Args)]
pub struct DepositArgs {
    /// The rollup to deposit into (id or name, e.g. op-a); the funds leave its parent chain.
    #[arg(long)]
    pub to: String,
    /// The account that deposits (label or address; default: the first account).
    #[arg(long = "from", alias = "account")]
    pub account: Option<String>,
    #[command(flatten)]
    pub common: MoveArgs,
}

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The rollup to withdraw from (id or name, e.g. arb); the funds go to its parent chain.
    #[arg(long)]
    pub from: String,
    /// The account that withdraws (label or address; default: the first account).
    #[arg(long)]
    pub account: Option<String>,
    #[command(flatten)]
    pub common: MoveArgs,
}

#[derive(Debug, Args)]
pub struct MoveArgs {
    /// Amount (decimal, e.g. 0.25).
    #[arg(long)]
    pub amount: String,
    /// ETH (default) or a token symbol of the source chain (deposits only in this version).
    #[arg(long)]
    pub asset: Option<String>,
    /// Who receives it on the other chain (address, account label or contact; default:
    /// the same account).
    #[arg(long)]
    pub recipient: Option<String>,
    /// Fee level of the first transaction.
    #[arg(long, value_enum, default_value_t = Speed::Normal)]
    pub speed: Speed,
    /// Sign without asking (scripts).
    #[arg(long)]
    pub yes: bool,
    /// Return once broadcast instead of waiting for the transaction's block.
    #[arg(long)]
    pub no_wait: bool,
    /// With --yes: start it even when an earlier one of the same amount to the same
    /// recipient is not mined yet (without it, such a likely retry is refused).
    #[arg(long)]
    pub allow_duplicate: bool,
}

pub fn run(ctx: &Context<'_>, cmd: BridgeCommand) -> Result<(), CliError> {
    let (from_chain, to_chain, account, args) = match &cmd {
        BridgeCommand::Deposit(a) => (None, Some(a.to.as_str()), a.account.as_deref(), &a.common),
        BridgeCommand::Withdraw(a) => {
            (Some(a.from.as_str()), None, a.account.as_deref(), &a.common)
        }
    };
    let networks = ctx.networks()?;
    let bridges = ctx.wallet.bridges(&networks);
    let input = MoveInput {
        from: account,
        from_chain,
        to_chain,
        recipient: args.recipient.as_deref(),
        asset: args.asset.as_deref(),
        amount: Amount::Exact(args.amount.clone()),
        speed: args.speed,
    };
    let prepared = block_on(bridges.prepare(&input))?;
    refuse_retry(ctx, &prepared.first, args.yes, args.allow_duplicate)?;
    let plan = block_on(bridges.plan_view(&prepared, prepared.journey.id.clone()))?;
    let price = block_on(ctx.wallet.eth_usd(&networks));
    let approval = prepared
        .approve
        .as_ref()
        .map(|a| format!("{}\n", review(a, price.as_ref())))
        .unwrap_or_default();
    ctx.out.note(&format!(
        "{approval}{}\n{}",
        review(&prepared.first, price.as_ref()),
        later_steps(&plan)
    ));
    confirm(args.yes)?;
    let account = ctx
        .wallet
        .find_account(&prepared.first.from.to_checksum(None))?;
    let signer = ctx.signer(&account)?;
    let journey = block_on(bridges.start(&signer, &prepared))?;
    let journey = super::journey::until_included(ctx, &bridges, journey, !args.no_wait)?;
    let view = bridges.view(&journey)?;
    ctx.out.show(&view, || describe(&view));
    Ok(())
}
