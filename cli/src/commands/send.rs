use std::{io::IsTerminal, time::Duration};

use clap::Args;
use switchyard_core::{
    ErrorCode, SendInput,
    assets::UsdPrice,
    fees::Speed,
    networks::Networks,
    tx::{Amount, PreparedTx, TxRecord, TxStatus},
};

use super::{CliError, Context, block_on, money};
use crate::output::Output;

#[derive(Debug, Args)]
pub struct SendArgs {
    /// Chain (id or name, e.g. 10, "OP Mainnet", op-a).
    #[arg(long)]
    pub chain: String,
    /// Recipient: an address (EIP-55 checksum enforced on mixed case), an account's label
    /// or a contact's name.
    #[arg(long)]
    pub to: String,
    /// Amount (decimal, e.g. 0.25).
    #[arg(long, required_unless_present = "max", conflicts_with = "max")]
    pub amount: Option<String>,
    /// Send everything (for ETH: the balance minus the worst-case fee).
    #[arg(long)]
    pub max: bool,
    /// ETH (default) or a token symbol or address.
    #[arg(long)]
    pub asset: Option<String>,
    /// Sending account (label or address; default: the first account).
    #[arg(long)]
    pub from: Option<String>,
    /// Fee level.
    #[arg(long, value_enum, default_value_t = Speed::Normal)]
    pub speed: Speed,
    /// Send without asking (scripts).
    #[arg(long)]
    pub yes: bool,
    /// With --yes: send even when an earlier transfer of the same amount to the same
    /// recipient is not mined yet (without it, such a likely retry is refused).
    #[arg(long)]
    pub allow_duplicate: bool,
    /// Return once broadcast instead of waiting for inclusion.
    #[arg(long)]
    pub no_wait: bool,
}

/// How long `send` waits for inclusion before handing back.
const INCLUSION_WAIT: Duration = Duration::from_secs(120);

pub fn send(ctx: &Context<'_>, args: SendArgs) -> Result<(), CliError> {
    let networks = ctx.networks()?;
    let input = SendInput {
        from: args.from.as_deref(),
        chain: &args.chain,
        to: &args.to,
        asset: args.asset.as_deref(),
        amount: match args.amount {
            Some(a) => Amount::Exact(a),
            None => Amount::Max,
        },
        speed: args.speed,
    };
    let prepared = block_on(ctx.wallet.prepare_send(&networks, &input))?;
    refuse_retry(ctx, &prepared, args.yes, args.allow_duplicate)?;
    sign_and_follow(ctx, &networks, &prepared, args.yes, !args.no_wait)
}

/// Under `--yes`, refuses what looks like a retry of a payment not mined yet unless
/// `--allow-duplicate` says a second one is meant (asked, the review's warning says it).
pub(super) fn refuse_retry(
    ctx: &Context<'_>,
    prepared: &PreparedTx,
    yes: bool,
    allow_duplicate: bool,
) -> Result<(), CliError> {
    let Some(earlier) = prepared.possible_duplicate_of else {
        return Ok(());
    };
    if !yes || allow_duplicate {
        return Ok(());
    }
    ctx.out.note(&review(prepared, None));
    Err(CliError::Outcome {
        code: ErrorCode::PossibleDuplicate,
        message: format!(
            "Not sent: transaction {earlier} moves the same amount to the same recipient and is not mined yet (it may still go through), so this looks like a retry that would pay twice. Check it with `switchyard tx show {earlier}`; to send a second payment anyway, add --allow-duplicate."
        ),
        record: None,
    })
}

/// Shows the review, asks, signs, broadcasts, and (optionally) waits for inclusion. Exits
/// non-zero when the transaction does not end as asked: not in a block after the wait,
/// reverted, replaced, dropped, or of unknown fate.
pub(super) fn sign_and_follow(
    ctx: &Context<'_>,
    networks: &Networks,
    prepared: &PreparedTx,
    yes: bool,
    wait: bool,
) -> Result<(), CliError> {
    let price = block_on(ctx.wallet.eth_usd(networks));
    ctx.out.note(&review(prepared, price.as_ref()));
    confirm(yes)?;
    let account = ctx.wallet.find_account(&prepared.from.to_checksum(None))?;
    let signer = ctx.signer(&account)?;
    let mut record = block_on(ctx.wallet.send(&signer, networks, prepared))?;
    ctx.out.note(&format!("Broadcast {}.", record.hash));
    if wait {
        record = block_on(ctx.wallet.wait_for(networks, &record, INCLUSION_WAIT, |r| {
            !r.status.is_unmined()
        }))?;
    }
    if let Some((code, message)) = unfinished(&record, wait) {
        return Err(CliError::Outcome {
            code,
            message,
            record: Some(Box::new(ctx.wallet.tx_view(networks, &record))),
        });
    }
    ctx.out.show(&ctx.wallet.tx_view(networks, &record), || {
        describe(&record, price.as_ref())
    });
    Ok(())
}

/// Why a sent transaction did not end as its sender asked, if it did not.
fn unfinished(r: &TxRecord, waited: bool) -> Option<(ErrorCode, String)> {
    let hash = r.hash;
    Some(match r.status {
        TxStatus::Included | TxStatus::Final if r.succeeded == Some(false) => (
            ErrorCode::TxReverted,
            format!(
                "Transaction {hash} is in block {} but reverted: the fee was paid and nothing was transferred.",
                r.block_number.unwrap_or_default()
            ),
        ),
        TxStatus::Included | TxStatus::Final => return None,
        TxStatus::Pending if !waited => return None,
        TxStatus::Pending => (
            ErrorCode::TxPending,
            format!(
                "Transaction {hash} was sent but is not in a block after {} s; it may still be. Follow it with `switchyard tx wait {hash}`, or replace it with `tx speedup` / `tx cancel`.",
                INCLUSION_WAIT.as_secs()
            ),
        ),
        TxStatus::Unknown => (
            ErrorCode::BroadcastUnknown,
            format!(
                "No node has confirmed transaction {hash}; it may have been sent. Do not send it again: Switchyard keeps looking for it and broadcasts it again if the chain lacks it (`switchyard tx show {hash}`)."
            ),
        ),
        TxStatus::Replaced => (
            ErrorCode::TxReplaced,
            format!(
                "Transaction {hash} was replaced: another transaction from this account with the same nonce {} (a speed-up or cancel, maybe from another device) was mined instead.",
                r.nonce
            ),
        ),
        TxStatus::Dropped => (
            ErrorCode::TxDropped,
            format!(
                "Transaction {hash} was dropped: its nonce {} was used by a transaction this wallet did not sign, so it will never be mined.",
                r.nonce
            ),
        ),
        TxStatus::NotSent => (
            ErrorCode::TxRejected,
            format!("Transaction {hash} was refused by the nodes; nothing was sent."),
        ),
    })
}

pub(super) fn confirm(yes: bool) -> Result<(), CliError> {
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Input(
            "Not sent: pass --yes to send without a terminal to confirm on.".into(),
        ));
    }
    eprint!("Sign and send? [y/N] ");
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| CliError::Input(e.to_string()))?;
    if matches!(answer.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        Err(CliError::Input("Not sent.".into()))
    }
}

/// Exactly what will be signed and what it costs.
pub(super) fn review(p: &PreparedTx, price: Option<&UsdPrice>) -> String {
    let f = &p.fee;
    let tx = &p.transaction;
    let mut text = format!(
        "{}\n  from      {}\n  to        {}\n  nonce     {}\n  gas limit {}\n  max fee   {} gwei/gas (tip {} gwei)\n",
        p.summary(),
        p.from,
        p.to,
        tx.nonce.unwrap_or_default(),
        f.gas_limit,
        gwei(f.max_fee_per_gas),
        gwei(f.max_priority_fee_per_gas),
    );
    let rows = vec![
        vec!["Execution".into(), money::fee(f.execution, price)],
        vec!["L1 data".into(), money::fee(f.l1_data, price)],
        vec!["Operator".into(), money::fee(f.operator, price)],
        vec!["Total (expected)".into(), money::fee(f.total, price)],
        vec!["At most".into(), money::fee(f.worst_case, price)],
    ];
    text.push_str(&Output::table(&["Fee", ""], rows));
    for w in &p.warnings {
        text.push_str(&format!("\nWarning: {w}"));
    }
    text
}

fn gwei(wei: u128) -> String {
    switchyard_core::assets::format_units(alloy::primitives::U256::from(wei), 9)
}

pub(super) fn describe(r: &TxRecord, price: Option<&UsdPrice>) -> String {
    let status = match (r.status, r.succeeded) {
        (TxStatus::Included | TxStatus::Final, Some(false)) => {
            format!("{} but reverted", r.status.as_str())
        }
        (s, _) => s.as_str().to_owned(),
    };
    let mut text = format!(
        "{} {}\n  status  {status}\n  amount  {}\n  to      {}\n  nonce   {}",
        r.hash,
        r.purpose.label(),
        money::amount(r.amount, r.decimals, &r.symbol),
        r.to,
        r.nonce
    );
    if let Some(block) = r.block_number {
        text.push_str(&format!("\n  block   {block}"));
    }
    if r.status == TxStatus::Unknown {
        text.push_str("\n  (no node has confirmed it: it may have been sent; it is looked for on every check)");
    }
    if let Some(fee) = r.fee_paid {
        text.push_str(&format!("\n  fee     {}", money::fee(fee, price)));
        if let Some(l1) = r.l1_fee {
            text.push_str(&format!(" (L1 data {})", money::amount(l1, 18, "ETH")));
        }
    }
    text
}
