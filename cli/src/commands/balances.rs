use super::{CliError, Context, block_on, money};
use crate::output::Output;

pub fn run(ctx: &Context<'_>, account: Option<String>) -> Result<(), CliError> {
    let networks = ctx.networks()?;
    let accounts = match account {
        Some(a) => vec![ctx.wallet.find_account(&a)?.address],
        None => Vec::new(),
    };
    let portfolio = block_on(ctx.wallet.portfolio_view(&networks, &accounts))?;
    ctx.out.show(&portfolio, || {
        let mut rows = Vec::new();
        for chain in &portfolio.chains {
            if let Some(e) = &chain.error {
                rows.push(vec![
                    chain.chain.clone(),
                    "—".into(),
                    "—".into(),
                    format!("unavailable: {e}"),
                    String::new(),
                ]);
                continue;
            }
            for h in chain
                .holdings
                .iter()
                .filter(|h| h.amount != "0" || h.token.is_none())
            {
                rows.push(vec![
                    chain.chain.clone(),
                    h.account.clone(),
                    h.symbol.clone(),
                    money::amount_text(&h.amount, h.decimals, ""),
                    money::usd_text(h.usd.as_deref()),
                ]);
            }
        }
        format!(
            "{}\nTotal: {}",
            Output::table(&["Chain", "Account", "Asset", "Amount", "USD"], rows),
            money::usd_text(Some(&portfolio.usd_total))
        )
    });
    Ok(())
}
