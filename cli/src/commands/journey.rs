use clap::Subcommand;
use switchyard_core::{
    fees::Speed,
    journey::JourneyAction,
    views::{JourneyPlanView, JourneyView},
};

use super::{
    CliError, Context, block_on, money,
    send::{confirm, review},
};
use crate::output::Output;

#[derive(Debug, Subcommand)]
pub enum JourneyCommand {
    /// Every cross-chain transfer, newest first, read again from the chains.
    List,
    /// One journey (id or unique prefix): its state read from the chains, what to do
    /// next and when, its history and transactions.
    Show { id: String },
    /// Restore, from the chains' logs, every journey of this wallet's accounts it does not
    /// have (after a reinstall, or started by another wallet with the same keys).
    Rebuild,
    /// Prove an OP Stack withdrawal on L1 (refused, with when, until it can be).
    Prove(ActionArgs),
    /// Finalize a proven OP Stack withdrawal on L1.
    Finalize(ActionArgs),
    /// Claim an Arbitrum withdrawal from the Outbox on L1.
    Claim(ActionArgs),
    /// Redeem an Arbitrum retryable ticket whose automatic redeem failed.
    Redeem(ActionArgs),
    /// Replay an OP Stack message whose relay by the messenger failed.
    Replay(ActionArgs),
}

#[derive(Debug, clap::Args)]
pub struct ActionArgs {
    /// The journey (id or unique prefix).
    pub id: String,
    /// The account that signs and pays (default: the one that started the journey).
    #[arg(long)]
    pub from: Option<String>,
    /// Fee level.
    #[arg(long, value_enum, default_value_t = Speed::Normal)]
    pub speed: Speed,
    /// Sign without asking (scripts).
    #[arg(long)]
    pub yes: bool,
    /// Return once broadcast instead of waiting for the transaction's block.
    #[arg(long)]
    pub no_wait: bool,
}

/// How long a command waits for its transaction's block.
const INCLUSION_WAIT: std::time::Duration = std::time::Duration::from_secs(120);

/// `journey` once the transaction just sent is in a block (saying what is awaited), or as
/// it is when `wait` is off or the wait runs out.
pub(super) fn until_included(
    ctx: &Context<'_>,
    bridges: &switchyard_core::wallet::Bridges<'_>,
    journey: switchyard_core::journey::Journey,
    wait: bool,
) -> Result<switchyard_core::journey::Journey, CliError> {
    if !wait || !journey.state.is_in_flight() {
        return Ok(journey);
    }
    ctx.out.note(&format!(
        "Sent; waiting up to {} s for it to be in a block ({}).",
        INCLUSION_WAIT.as_secs(),
        journey.state.label().to_lowercase()
    ));
    Ok(block_on(
        bridges.wait_included(&journey.id, INCLUSION_WAIT),
    )?)
}

pub fn run(ctx: &Context<'_>, cmd: JourneyCommand) -> Result<(), CliError> {
    let networks = ctx.networks()?;
    let bridges = ctx.wallet.bridges(&networks);
    let (action, args) = match cmd {
        JourneyCommand::List => {
            for (chain_id, why) in block_on(bridges.refresh_open(&Default::default()))?.failed {
                ctx.out.note(&format!(
                    "Could not read chain {chain_id}; its journeys show their last known state. ({why})"
                ));
            }
            let views = bridges.views(&bridges.list()?)?;
            ctx.out.show(&views, || list(&views));
            return Ok(());
        }
        JourneyCommand::Show { id } => {
            let journey = block_on(bridges.refresh(&id))?;
            let view = bridges.view(&journey)?;
            ctx.out.show(&view, || describe(&view));
            return Ok(());
        }
        JourneyCommand::Rebuild => {
            let (restored, failed) = block_on(bridges.rebuild())?;
            for (chain_id, why) in &failed {
                ctx.out.note(&format!(
                    "Could not read chain {chain_id}; run `journey rebuild` again when it answers. ({why})"
                ));
            }
            let views = bridges.views(&restored)?;
            ctx.out.show(&views, || {
                format!(
                    "Restored {} journey(s) from the chains.\n{}",
                    views.len(),
                    list(&views)
                )
            });
            return Ok(());
        }
        JourneyCommand::Prove(a) => (JourneyAction::Prove, a),
        JourneyCommand::Finalize(a) => (JourneyAction::Finalize, a),
        JourneyCommand::Claim(a) => (JourneyAction::Claim, a),
        JourneyCommand::Redeem(a) => (JourneyAction::Redeem, a),
        JourneyCommand::Replay(a) => (JourneyAction::Replay, a),
    };
    let prepared =
        block_on(bridges.prepare_action(&args.id, action, args.from.as_deref(), args.speed))?;
    let price = block_on(ctx.wallet.eth_usd(&networks));
    ctx.out.note(&review(&prepared, price.as_ref()));
    confirm(args.yes)?;
    let account = ctx.wallet.find_account(&prepared.from.to_checksum(None))?;
    let signer = ctx.signer(&account)?;
    let journey = block_on(bridges.act(&signer, &prepared))?;
    let journey = until_included(ctx, &bridges, journey, !args.no_wait)?;
    let view = bridges.view(&journey)?;
    ctx.out.show(&view, || describe(&view));
    Ok(())
}

/// One line per journey.
fn list(views: &[JourneyView]) -> String {
    if views.is_empty() {
        return "No journeys yet: `switchyard bridge deposit` or `bridge withdraw` starts one."
            .into();
    }
    let rows = views
        .iter()
        .map(|j| {
            vec![
                j.id.clone(),
                format!("{} → {}", j.from_chain, j.to_chain),
                money::amount_text(&j.amount, j.decimals, &j.symbol),
                j.state_label.clone(),
                next(j),
            ]
        })
        .collect();
    Output::table(&["Journey", "Route", "Amount", "State", "Next"], rows)
}

/// What the person does next, or what is awaited and until when.
fn next(j: &JourneyView) -> String {
    match (j.next_action, &j.eta) {
        (Some(action), _) => format!("switchyard journey {} {}", action.verb(), j.id),
        (None, Some(eta)) => format!("waiting until about {eta}"),
        (None, None) if j.state.is_open() => "waiting".into(),
        (None, None) => "nothing to do".into(),
    }
}

/// A journey in full.
pub(super) fn describe(j: &JourneyView) -> String {
    let mut text = format!(
        "{} {:?}: {} from {} to {} (recipient {})\n  state     {}\n  next      {}",
        j.id,
        j.kind,
        money::amount_text(&j.amount, j.decimals, &j.symbol),
        j.from_chain,
        j.to_chain,
        j.recipient,
        j.state_label,
        next(j),
    );
    if let Some(reason) = &j.reason {
        text.push_str(&format!("\n  why       {reason}"));
    }
    if let Some(id) = &j.message_id {
        text.push_str(&format!("\n  message   {id}"));
    }
    if let Some(e) = &j.evidence {
        let what = match (&e.tx, e.block) {
            (Some(tx), Some(b)) => format!("transaction {tx} in block {b}"),
            (Some(tx), None) => format!("transaction {tx}"),
            (None, Some(b)) => format!("block {b}"),
            (None, None) => "the latest block".into(),
        };
        text.push_str(&format!("\n  shown by  {what} on chain {}", e.chain_id));
    }
    let history = j
        .history
        .iter()
        .map(|c| {
            vec![
                c.at.clone(),
                c.state_label.clone(),
                c.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    text.push('\n');
    text.push_str(&Output::table(&["When", "State", "Why"], history));
    let txs = j
        .transactions
        .iter()
        .map(|t| {
            vec![
                t.purpose_label.clone(),
                t.chain.clone(),
                t.hash.clone(),
                t.status.as_str().to_owned(),
            ]
        })
        .collect();
    text.push('\n');
    text.push_str(&Output::table(
        &["Step", "Chain", "Transaction", "Status"],
        txs,
    ));
    text
}

/// The later steps of a plan, with their cost and time, and the totals.
pub(super) fn later_steps(plan: &JourneyPlanView) -> String {
    let when = |secs: Option<u64>| secs.map_or_else(|| "unknown".into(), duration);
    let mut text = String::new();
    if !plan.later.is_empty() {
        let rows = plan
            .later
            .iter()
            .map(|s| {
                vec![
                    format!("{:?}", s.action),
                    s.chain.clone(),
                    format!(
                        "{} (estimate)",
                        money::amount_text(&s.estimated_fee, 18, "ETH")
                    ),
                    format!("after {}", when(s.possible_after_secs)),
                ]
            })
            .collect();
        text.push_str("Later steps (you sign each one when it is due):\n");
        text.push_str(&Output::table(&["Step", "Chain", "Fee", "Possible"], rows));
        text.push('\n');
    }
    text.push_str(&format!(
        "All fees: {}{}\nFunds expected on {}: {}",
        money::amount_text(&plan.total_fees, 18, "ETH"),
        plan.total_fees_usd
            .as_deref()
            .map(|u| format!(" ({})", money::usd_text(Some(u))))
            .unwrap_or_default(),
        plan.journey.to_chain,
        match plan.total_secs {
            Some(s) => format!(
                "after about {} (read from the chain's contracts)",
                duration(s)
            ),
            None if plan.later.is_empty() =>
                "once the rollup reads the deposit from its parent chain (minutes)".into(),
            None => "unknown".into(),
        }
    ));
    text
}

/// "6 d 10 h", "12 s".
fn duration(secs: u64) -> String {
    let (d, h, m) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{secs} s"),
        (0, 0, m) => format!("{m} min {} s", secs % 60),
        (0, h, m) => format!("{h} h {m} min"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}
