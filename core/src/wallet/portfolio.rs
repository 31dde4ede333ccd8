//! What the person holds everywhere, what it is worth, and what a transfer costs on each
//! chain.

use alloy::primitives::Address;

use super::Wallet;
use crate::{
    assets::{Portfolio, UsdPrice, scan_portfolio},
    error::Result,
    fees::{
        FeeComparison,
        compare::{PriceSource, read_price},
        compare_fees,
    },
    networks::{NetworkError, Networks},
    tx::TxError,
    views::{self, ChainBalancesView, PortfolioView},
};

/// The manifest name of the ETH/USD price feed.
const ETH_USD_FEED: &str = "eth_usd_feed";

impl Wallet {
    /// Balances of `accounts` (every visible account when empty) on every chain.
    pub async fn portfolio(&self, networks: &Networks, accounts: &[Address]) -> Result<Portfolio> {
        let accounts = if accounts.is_empty() {
            self.accounts(false)?
                .into_iter()
                .map(|a| a.address)
                .collect()
        } else {
            accounts.to_vec()
        };
        Ok(scan_portfolio(&networks.scans(), &accounts).await)
    }

    /// Balances of `accounts` (every visible account when empty) on every chain, as both
    /// shells show them: per chain with its kind and its count of transactions not mined
    /// yet, the USD totals and the ETH price.
    pub async fn portfolio_view(
        &self,
        networks: &Networks,
        accounts: &[Address],
    ) -> Result<PortfolioView> {
        let portfolio = self.portfolio(networks, accounts).await?;
        let open = self.unmined_per_chain()?;
        Ok(PortfolioView {
            chains: portfolio
                .chains
                .iter()
                .map(|c| {
                    ChainBalancesView::new(
                        c,
                        networks.client_by_id(c.chain_id).map(|cl| cl.spec().kind),
                        open.get(&c.chain_id).copied().unwrap_or(0),
                    )
                })
                .collect(),
            usd_total: portfolio.usd_total.0.to_string(),
            eth_usd: portfolio
                .prices
                .iter()
                .find(|p| p.feed == ETH_USD_FEED)
                .map(views::usd_per_eth),
        })
    }

    /// How many of the wallet's transactions are not mined yet (pending or unknown), per chain.
    pub fn unmined_per_chain(&self) -> Result<std::collections::BTreeMap<u64, u32>> {
        let mut counts = std::collections::BTreeMap::new();
        for r in self.store.open_transactions()? {
            if r.status.is_unmined() {
                *counts.entry(r.chain_id).or_default() += 1;
            }
        }
        Ok(counts)
    }

    /// The same transfer priced on every chain of `networks`. An amount that is not a
    /// number, or an asset no chain of the profile knows, is an error, not a table of
    /// failed rows.
    pub async fn compare_fees(
        &self,
        networks: &Networks,
        asset: &str,
        amount: &str,
    ) -> Result<FeeComparison> {
        let decimals = networks
            .clients()
            .iter()
            .find_map(|c| {
                let id = c.spec().chain_id;
                if asset.eq_ignore_ascii_case(&c.spec().native.symbol) {
                    Some(c.spec().native.decimals)
                } else {
                    networks.token(id, asset).ok().map(|t| t.decimals)
                }
            })
            .ok_or_else(|| NetworkError::UnknownToken {
                reference: asset.to_owned(),
                chain: format!("any chain of the {} profile", networks.key()),
            })?;
        crate::assets::parse_units(amount, decimals).map_err(TxError::from)?;
        let from = self.accounts(false)?.first().map(|a| a.address);
        let chains: Vec<_> = networks
            .clients()
            .iter()
            .map(|c| (c.clone(), networks.tokens(c.spec().chain_id).to_vec()))
            .collect();
        Ok(compare_fees(&chains, from, asset, amount, eth_usd_source(networks)).await)
    }

    /// The current ETH/USD price of the profile, if it has a feed that answers.
    pub async fn eth_usd(&self, networks: &Networks) -> Option<UsdPrice> {
        read_price(eth_usd_source(networks)).await
    }
}

fn eth_usd_source(networks: &Networks) -> Option<PriceSource> {
    let (client, feeds) = networks.price_feeds()?;
    let feed = feeds.iter().find(|(n, _)| n == ETH_USD_FEED)?.1;
    Some(PriceSource {
        client: client.clone(),
        feed,
    })
}
