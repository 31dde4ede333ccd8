//! Moving value between a rollup and its parent chain, and the journeys that track it:
//! the `Bridges<'_>` handle (`wallet.bridges(&networks)`).
//!
//! A journey is stored before its first transaction is signed (its transactions point to
//! it), so a process killed at any point leaves a record the next read completes from the
//! chains; each later step refuses to sign while the same step is already out.

use alloy::primitives::{Address, U256};

use super::{Wallet, client_of};
use crate::{
    accounts::AccountSigner,
    assets::format_units,
    bridge::canonical::{self, CLAIM_GAS, FINALIZE_GAS, Head, PROVE_GAS, Route},
    error::Result,
    fees::{FeeRequest, GasPlan, Speed, quote::quote},
    journey::{
        Journey, JourneyAction, JourneyAsset, JourneyError, JourneyKind, LaterStep, PreparedJourney,
    },
    networks::Networks,
    tx::{self, Amount, Movement, PreparedTx, Spend, TxRecord},
    views::{JourneyPlanView, JourneyView},
};

/// How many times a read of a journey starts again because another process saved it
/// meanwhile, before that process's save is left to stand.
const SAVE_ATTEMPTS: usize = 3;

/// What the person asked to move, as typed.
#[derive(Debug, Clone)]
pub struct MoveInput<'a> {
    /// Sending account (label or address); `None` for the first account.
    pub from: Option<&'a str>,
    /// Source chain (id or name); `None`: the destination's parent (a deposit).
    pub from_chain: Option<&'a str>,
    /// Destination chain (id or name); `None`: the source's parent (a withdrawal).
    pub to_chain: Option<&'a str>,
    /// Recipient on the destination (address, account label or contact); `None`: the sender.
    pub recipient: Option<&'a str>,
    /// The asset ("ETH" when `None`).
    pub asset: Option<&'a str>,
    /// Amount.
    pub amount: Amount,
    /// Fee level of the first transaction.
    pub speed: Speed,
}

/// What one read of the open journeys found besides their states.
#[derive(Debug, Default)]
pub struct OpenPass {
    /// Chains that could not be read, with why (their journeys keep their last state).
    pub failed: Vec<(u64, String)>,
    /// Each destination chain's latest block time, as read for this pass.
    pub clocks: std::collections::BTreeMap<u64, i64>,
}

/// The bridges and journeys of a wallet over a set of networks.
#[derive(Debug, Clone, Copy)]
pub struct Bridges<'a> {
    wallet: &'a Wallet,
    networks: &'a Networks,
}

impl Wallet {
    /// The bridges and journeys, over `networks`.
    pub fn bridges<'a>(&'a self, networks: &'a Networks) -> Bridges<'a> {
        Bridges {
            wallet: self,
            networks,
        }
    }
}

impl<'a> Bridges<'a> {
    /// The canonical route of a stored journey.
    fn route_of(&self, journey: &Journey) -> Result<Route<'a>> {
        let from = client_of(self.networks, journey.from_chain)?;
        let to = client_of(self.networks, journey.to_chain)?;
        Ok(Route::between(from, to)?)
    }

    /// Resolves, prices and simulates a move through a canonical bridge, with the cost and
    /// time of every later step. Nothing is signed or stored.
    pub async fn prepare(&self, input: &MoveInput<'_>) -> Result<PreparedJourney> {
        let parent = |of: &crate::rpc::ChainClient| match of.spec().parent {
            Some(id) => client_of(self.networks, id),
            None => Err(JourneyError::NoRoute(format!(
                "{} is not a rollup: it has no parent chain to bridge with. Name both chains.",
                of.name()
            ))
            .into()),
        };
        let (from_client, to_client) = match (input.from_chain, input.to_chain) {
            (Some(f), Some(t)) => (self.networks.client(f)?, self.networks.client(t)?),
            (None, Some(t)) => {
                let to = self.networks.client(t)?;
                (parent(to)?, to)
            }
            (Some(f), None) => {
                let from = self.networks.client(f)?;
                (from, parent(from)?)
            }
            (None, None) => {
                return Err(JourneyError::NoRoute(
                    "Name the chain to move to (a deposit) or from (a withdrawal).".into(),
                )
                .into());
            }
        };
        let route = Route::between(from_client, to_client)?;
        let source = route.source();
        let native = &source.spec().native;
        let token = match input
            .asset
            .filter(|a| !a.eq_ignore_ascii_case(&native.symbol))
        {
            Some(asset) => Some(self.networks.token(source.spec().chain_id, asset)?),
            None => None,
        };
        let (symbol, decimals) = match &token {
            Some(t) => (t.symbol.clone(), t.decimals),
            None => (native.symbol.clone(), native.decimals),
        };
        let from = match input.from {
            Some(reference) => self.wallet.find_account(reference)?,
            None => self
                .wallet
                .accounts(false)?
                .into_iter()
                .next()
                .ok_or_else(|| {
                    crate::accounts::AccountError::NotFound("(no accounts yet)".into())
                })?,
        };
        let recipient = match input.recipient {
            Some(r) => self.wallet.resolve_recipient(r)?,
            None => from.address,
        };
        let (amount, spend) = match &input.amount {
            Amount::Max => {
                return Err(JourneyError::AmountTooSmall(format!(
                    "Say how much {symbol} to move: a bridge move needs its amount in its first call, so \"max\" is not offered."
                ))
                .into());
            }
            Amount::Exact(text) => (
                crate::assets::parse_units(text, decimals).map_err(tx::TxError::from)?,
                Spend::Value,
            ),
        };
        if spend == Spend::Value && amount.is_zero() {
            return Err(JourneyError::AmountTooSmall(
                "The amount is zero: there is nothing to move.".into(),
            )
            .into());
        }
        let movement = Movement {
            to: recipient,
            asset: token.as_ref().map_or(crate::assets::AssetId::Native, |t| {
                crate::assets::AssetId::Token(t.address)
            }),
            symbol: symbol.clone(),
            decimals,
            amount,
        };
        let (mut approve, mut first, destination_token) = match &token {
            None => {
                let call = route.first_call(from.address, recipient, amount).await?;
                let first = tx::prepare_spending(
                    source,
                    call,
                    route.first_purpose(),
                    Some(movement),
                    input.speed,
                    spend,
                )
                .await?;
                (None, first, None)
            }
            Some(t) => {
                let destination = route.counterpart(t).await?;
                let (approve, deposit) = route
                    .token_calls(from.address, recipient, t, destination, amount)
                    .await?;
                let approve = match approve {
                    Some(call) => Some(
                        tx::prepare(source, call, tx::Purpose::Approve, None, input.speed).await?,
                    ),
                    None => None,
                };
                let first = tx::prepare(
                    source,
                    deposit,
                    route.first_purpose(),
                    Some(movement),
                    input.speed,
                )
                .await?;
                (approve, first, Some(destination))
            }
        };
        let id = Journey::new_id();
        if let Some(approval) = approve.as_mut() {
            self.wallet.note_unmined(source, approval).await?;
            approval.journey_id = Some(id.clone());
        }
        self.wallet.note_unmined(source, &mut first).await?;
        if let Some(nonce) = approve.as_ref().and_then(|a| a.transaction.nonce) {
            // It goes right after its approval.
            first.transaction.nonce = Some(nonce + 1);
            first.warnings.push(format!(
                "Two transactions: first an approval letting the bridge take {} {symbol}, then the deposit, which cannot be simulated before the approval is mined (its gas is set in advance).",
                crate::assets::format_units(amount, decimals)
            ));
        }
        let amount = first.amount;
        first.journey_id = Some(id.clone());
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let journey = Journey::new(
            id,
            route.kind,
            source.spec().chain_id,
            route.destination().spec().chain_id,
            from.address,
            recipient,
            JourneyAsset {
                symbol,
                decimals,
                source_token: token.as_ref().map(|t| t.address),
                destination_token,
            },
            amount,
            now,
        );
        let (later, total_secs) = self.later_steps(&route, from.address).await?;
        let mut prepared = PreparedJourney {
            journey,
            approve,
            first,
            later,
            total_secs,
        };
        prepared
            .first
            .warnings
            .extend(self.warnings(&route, &prepared).await?);
        Ok(prepared)
    }

    /// The later steps of a route, priced at the destination's current fees, and the time
    /// to the funds, read from the contracts.
    async fn later_steps(
        &self,
        route: &Route<'_>,
        from: Address,
    ) -> Result<(Vec<LaterStep>, Option<u64>)> {
        let l1 = route.l1;
        let price = |gas: u64| async move {
            let request = FeeRequest {
                from: Some(from),
                to: from,
                value: U256::ZERO,
                input: Default::default(),
                gas: GasPlan::Known(gas),
            };
            Ok::<_, crate::error::Error>(quote(l1, &request).await?.speed(Speed::Normal).total)
        };
        let step = |action, fee, after| LaterStep {
            action,
            chain_id: l1.spec().chain_id,
            chain: l1.name().into(),
            estimated_fee: fee,
            possible_after_secs: after,
        };
        Ok(match route.kind {
            JourneyKind::OpDeposit | JourneyKind::ArbDeposit => (Vec::new(), None),
            JourneyKind::OpWithdrawal => {
                // The clocks and both prices read at once.
                let (clocks, prove, finalize) =
                    futures::join!(route.op_clocks(), price(PROVE_GAS), price(FINALIZE_GAS));
                let clocks = clocks?;
                let finalize_after = clocks.finalize_after();
                (
                    vec![
                        step(JourneyAction::Prove, prove?, clocks.game_interval),
                        step(JourneyAction::Finalize, finalize?, finalize_after),
                    ],
                    finalize_after,
                )
            }
            JourneyKind::ArbWithdrawal => {
                let (period, claim) = futures::join!(route.arb_confirm_period(), price(CLAIM_GAS));
                let period = period?;
                (vec![step(JourneyAction::Claim, claim?, period)], period)
            }
        })
    }

    /// What the person should know before the first step: a contract recipient, L1 steps
    /// the account cannot pay for yet, an amount smaller than the fees.
    async fn warnings(&self, route: &Route<'_>, prepared: &PreparedJourney) -> Result<Vec<String>> {
        let mut warnings = Vec::new();
        let j = &prepared.journey;
        let destination = route.destination();
        let code: alloy::primitives::Bytes = destination
            .request("eth_getCode", (j.recipient, "latest"))
            .await?;
        if !code.is_empty() {
            warnings.push(format!(
                "The recipient {} is a contract on {}: it receives the ETH by a call with limited gas, and if its code refuses it the funds may be stuck or lost. Send to an account you hold the key of unless you know this contract accepts it.",
                j.recipient,
                destination.name()
            ));
        }
        let later: U256 = prepared.later.iter().map(|s| s.estimated_fee).sum();
        if !later.is_zero() {
            let balance: U256 = route
                .l1
                .request("eth_getBalance", (j.sender, "latest"))
                .await?;
            let f = |v| format_units(v, j.asset.decimals);
            if balance < later {
                warnings.push(format!(
                    "The later steps on {} cost about {} ETH at today's prices, but this account has {} ETH there: add ETH on {} before they are due, or the funds wait until you do.",
                    route.l1.name(),
                    f(later),
                    f(balance),
                    route.l1.name()
                ));
            }
            if j.asset.source_token.is_none() && later >= j.amount {
                warnings.push(format!(
                    "The later steps cost about {} ETH at today's prices, more than the {} ETH this moves.",
                    f(later),
                    f(j.amount)
                ));
            }
        }
        Ok(warnings)
    }

    /// Stores the journey, then signs and broadcasts its first transaction with its
    /// account's signer (a vault key or a device). A refusal before anything left (a
    /// device rejecting it, every node refusing it) leaves no journey behind.
    pub async fn start(
        &self,
        signer: &AccountSigner,
        prepared: &PreparedJourney,
    ) -> Result<Journey> {
        let store = &self.wallet.store;
        store.save_journey(&prepared.journey)?;
        // An approval already out or mined for this journey (a confirmation tried again
        // after the deposit was refused) is not signed again.
        let approval_sent = matches!(
            crate::journey::step(
                &store.journey_transactions(&prepared.journey.id)?,
                tx::Purpose::Approve
            ),
            crate::journey::StepTx::Out(_) | crate::journey::StepTx::Mined(_)
        );
        let approved = match &prepared.approve {
            Some(approval) if !approval_sent => self
                .wallet
                .send(signer, self.networks, approval)
                .await
                .map(|_| ()),
            _ => Ok(()),
        };
        let sent = match approved {
            Ok(()) => {
                self.wallet
                    .send(signer, self.networks, &prepared.first)
                    .await
            }
            Err(e) => Err(e),
        };
        match sent {
            Err(e)
                if e.proves_not_sent()
                    && store.journey_transactions(&prepared.journey.id)?.is_empty() =>
            {
                store.delete_journey(&prepared.journey.id)?;
                Err(e)
            }
            Err(e) => {
                // Something may have gone out: the journey says what the chains show (a
                // failure to read them now is left to the next look).
                let _ = self.refresh(&prepared.journey.id).await;
                Err(e)
            }
            Ok(_) => self.refresh(&prepared.journey.id).await,
        }
    }

    /// A journey as both shells show it, with its transactions.
    pub fn view(&self, journey: &Journey) -> Result<JourneyView> {
        let txs = self.wallet.store.journey_transactions(&journey.id)?;
        Ok(JourneyView::new(journey, &txs, |id| {
            self.networks.client_by_id(id).map(|c| c.spec())
        }))
    }

    /// Journeys as both shells show them.
    pub fn views(&self, journeys: &[Journey]) -> Result<Vec<JourneyView>> {
        journeys.iter().map(|j| self.view(j)).collect()
    }

    /// The review of a prepared journey as both shells show it (`id`: what the shell
    /// keeps it under).
    pub async fn plan_view(
        &self,
        prepared: &PreparedJourney,
        id: String,
    ) -> Result<JourneyPlanView> {
        let price = self.wallet.eth_usd(self.networks).await;
        let first = self
            .wallet
            .review(self.networks, &prepared.first, id)
            .await?;
        let approval = match &prepared.approve {
            Some(a) => Some(self.wallet.review(self.networks, a, String::new()).await?),
            None => None,
        };
        Ok(JourneyPlanView::new(
            prepared,
            approval,
            first,
            price.as_ref(),
            |id| self.networks.client_by_id(id).map(|c| c.spec()),
        ))
    }

    /// Every journey, newest first, as last read.
    pub fn list(&self) -> Result<Vec<Journey>> {
        Ok(self.wallet.store.journeys()?)
    }

    /// One journey by id or unique prefix, as last read.
    pub fn get(&self, id: &str) -> Result<Journey> {
        match self.wallet.store.journey(id)? {
            Ok(j) => Ok(j),
            Err(0) => Err(JourneyError::NotFound(id.into()).into()),
            Err(_) => Err(JourneyError::Ambiguous(id.into()).into()),
        }
    }

    /// The journey's transactions, oldest first.
    pub fn transactions(&self, id: &str) -> Result<Vec<TxRecord>> {
        Ok(self.wallet.store.journey_transactions(id)?)
    }

    /// Reads one journey from the chains (its open transactions first) and stores what
    /// they say.
    pub async fn refresh(&self, id: &str) -> Result<Journey> {
        let journey = self.get(id)?;
        self.refresh_journey(journey).await
    }

    /// Reads `journey` from the chains and stores it.
    async fn refresh_journey(&self, journey: Journey) -> Result<Journey> {
        let store = &self.wallet.store;
        let open = self.open_with_blockers(std::slice::from_ref(&journey))?;
        for (chain_id, records) in &open {
            let client = client_of(self.networks, *chain_id)?;
            tx::track_chain(store, client, records).await?;
        }
        let (l1, l2) = self.route_of(&journey)?.heads().await?;
        self.observe_and_save(journey, l1, l2).await
    }

    /// The journeys' open transactions by chain, with every unmined transaction of the
    /// same accounts on those chains: an earlier one a killed process left unsent holds
    /// the nonce a journey's step waits behind, and tracking it sends it again.
    fn open_with_blockers(
        &self,
        journeys: &[Journey],
    ) -> Result<std::collections::BTreeMap<u64, Vec<TxRecord>>> {
        let store = &self.wallet.store;
        let mut open: std::collections::BTreeMap<u64, Vec<TxRecord>> = Default::default();
        let mut senders = std::collections::BTreeSet::new();
        for j in journeys {
            for r in store.journey_transactions(&j.id)? {
                if r.status.is_open() {
                    senders.insert((r.chain_id, r.from));
                    open.entry(r.chain_id).or_default().push(r);
                }
            }
        }
        for (chain_id, from) in senders {
            let known = open.entry(chain_id).or_default();
            for r in store.unmined_transactions(chain_id, from)? {
                if !known.iter().any(|k| k.hash == r.hash) {
                    known.push(r);
                }
            }
        }
        Ok(open)
    }

    /// Reads `journey` from its chains at blocks `l1` and `l2` (its transactions already
    /// tracked) and stores what they say. When another process saved the journey
    /// meanwhile, it starts again from that save, at fresh heads: neither's history is
    /// lost, and a read older than the stored one is not taken for a reorg.
    async fn observe_and_save(
        &self,
        mut journey: Journey,
        mut l1: Head,
        mut l2: Head,
    ) -> Result<Journey> {
        let route = self.route_of(&journey)?;
        let store = &self.wallet.store;
        for _ in 0..SAVE_ATTEMPTS {
            let txs = store.journey_transactions(&journey.id)?;
            let seen = route.observe(&journey, &txs, l1, l2).await?;
            let mut next = journey.clone();
            next.observe(seen, time::OffsetDateTime::now_utc().unix_timestamp());
            if store.save_journey_over(&journey, &next)? {
                return Ok(next);
            }
            journey = self.get(&journey.id)?;
            (l1, l2) = route.heads().await?;
        }
        // Others saved it every time, from the same chains: theirs stands.
        self.get(&journey.id)
    }

    /// Reads journey `id` until its latest transaction is in a block (it leaves an
    /// in-flight state) or `timeout` passes; its last state either way.
    pub async fn wait_included(&self, id: &str, timeout: std::time::Duration) -> Result<Journey> {
        let started = std::time::Instant::now();
        loop {
            let journey = self.refresh(id).await?;
            if !journey.state.is_in_flight() || started.elapsed() >= timeout {
                return Ok(journey);
            }
            tokio::time::sleep(tx::FINALITY_POLL).await;
        }
    }

    /// Prepares `action` on journey `id`, signed by `from` (default: the account that
    /// started it), after reading the chains: refused with the reason and the time it
    /// becomes possible when the journey is not waiting for it.
    pub async fn prepare_action(
        &self,
        id: &str,
        action: JourneyAction,
        from: Option<&str>,
        speed: Speed,
    ) -> Result<PreparedTx> {
        let journey = self.refresh(id).await?;
        let route = self.route_of(&journey)?;
        let signer = match from {
            Some(reference) => self.wallet.find_account(reference)?.address,
            None => journey.sender,
        };
        let txs = self.transactions(&journey.id)?;
        let call = route.action_call(&journey, &txs, action, signer).await?;
        let client = client_of(self.networks, call.chain_id)?;
        let mut prepared = tx::prepare(client, call, action.purpose(), None, speed).await?;
        prepared.journey_id = Some(journey.id.clone());
        Ok(prepared)
    }

    /// Signs and broadcasts a prepared step, then reads the journey again.
    pub async fn act(&self, signer: &AccountSigner, prepared: &PreparedTx) -> Result<Journey> {
        let id = prepared
            .journey_id
            .clone()
            .expect("a journey step carries its journey");
        self.wallet.send(signer, self.networks, prepared).await?;
        self.refresh(&id).await
    }

    /// Restores from the chains' logs every journey of the wallet's accounts that is not
    /// in this wallet yet (a reinstall, another wallet holding the same keys), each read
    /// from its chains: every rollup of the profile and its parent, both ways, scanned for
    /// the events each protocol records (the portal's deposits and the message passer's
    /// withdrawals by sender; Arbitrum's inbox messages and `L2ToL1Tx`, filtered by sender).
    /// Returns the journeys restored; the chains that could not be read, with why.
    pub async fn rebuild(&self) -> Result<(Vec<Journey>, Vec<(u64, String)>)> {
        let accounts = self.wallet.accounts(true)?;
        let store = &self.wallet.store;
        let (mut restored, mut failed) = (Vec::new(), Vec::new());
        for l2 in self.networks.clients() {
            let Some(l1) = l2.spec().parent.and_then(|p| self.networks.client_by_id(p)) else {
                continue;
            };
            for (from, to) in [(l1, l2), (l2, l1)] {
                let Ok(route) = Route::between(from, to) else {
                    continue;
                };
                for account in &accounts {
                    let found = match route.scan(account.address).await {
                        Ok(found) => found,
                        Err(e) => {
                            failed.push((route.source().spec().chain_id, e.to_string()));
                            continue;
                        }
                    };
                    for (tx, sent) in found {
                        let source = route.source().spec().chain_id;
                        let id = Journey::id_for(source, tx);
                        if store.journey_of_transaction(tx)?.is_some()
                            || store.journey(&id)?.is_ok()
                        {
                            continue;
                        }
                        let asset = self.asset_of(route.source(), sent.token).await?;
                        let now = time::OffsetDateTime::now_utc().unix_timestamp();
                        let mut journey = Journey::new(
                            id,
                            route.kind,
                            source,
                            route.destination().spec().chain_id,
                            account.address,
                            sent.recipient,
                            asset,
                            sent.amount,
                            now,
                        );
                        journey.message = Some(sent.message);
                        journey.evidence = Some(crate::journey::Evidence {
                            chain_id: source,
                            block: None,
                            tx: Some(tx),
                        });
                        match self.refresh_journey(journey).await {
                            Ok(j) => restored.push(j),
                            Err(e) => {
                                failed.push((route.destination().spec().chain_id, e.to_string()))
                            }
                        }
                    }
                }
            }
        }
        Ok((restored, failed))
    }

    /// The asset of a journey found in the logs: ETH, or the token (its symbol and
    /// decimals from the profile's list, else from the token itself).
    async fn asset_of(
        &self,
        source: &crate::rpc::ChainClient,
        token: Option<(Address, Option<Address>)>,
    ) -> Result<JourneyAsset> {
        let native = &source.spec().native;
        let Some((address, destination)) = token else {
            return Ok(JourneyAsset {
                symbol: native.symbol.clone(),
                decimals: native.decimals,
                source_token: None,
                destination_token: None,
            });
        };
        let listed = self
            .networks
            .tokens(source.spec().chain_id)
            .iter()
            .find(|t| t.address == address)
            .map(|t| (t.symbol.clone(), t.decimals));
        let (symbol, decimals) = match listed {
            Some(known) => known,
            None => {
                use crate::assets::balances::IERC20;
                let latest = alloy::eips::BlockId::latest();
                let (symbol, decimals) = futures::join!(
                    source.view(address, IERC20::symbolCall {}, latest),
                    source.view(address, IERC20::decimalsCall {}, latest),
                );
                (crate::text::clean_remote(&symbol?), decimals?)
            }
        };
        Ok(JourneyAsset {
            symbol,
            decimals,
            source_token: Some(address),
            destination_token: destination,
        })
    }

    /// Reads every open journey once and stores what the chains say: their open
    /// transactions tracked in one batched request per chain, each destination's clock
    /// read once, then every journey at once, so their reads leave together (a round trip
    /// per step and chain, not per journey: `ChainClient::request_together`). A journey
    /// whose chains cannot be read (in `skip`, or failing now) keeps its last state; the
    /// chains that failed are returned with why.
    pub async fn refresh_open(
        &self,
        skip: &std::collections::BTreeMap<u64, String>,
    ) -> Result<OpenPass> {
        let store = &self.wallet.store;
        let journeys: Vec<Journey> = store
            .open_journeys()?
            .into_iter()
            .filter(|j| !skip.contains_key(&j.from_chain) && !skip.contains_key(&j.to_chain))
            .filter(|j| self.route_of(j).is_ok())
            .collect();
        let mut failed = Vec::new();
        let open = self.open_with_blockers(&journeys)?;
        let tracks = open.iter().map(|(chain_id, records)| async move {
            let client = client_of(self.networks, *chain_id)?;
            tx::track_chain(store, client, records).await.map(|_| ())
        });
        for (outcome, chain_id) in futures::future::join_all(tracks)
            .await
            .into_iter()
            .zip(open.keys())
        {
            if let Err(e) = outcome {
                failed.push((*chain_id, e.to_string()));
            }
        }
        // Every chain's head once: each journey is read at these blocks.
        let chains: std::collections::BTreeSet<u64> = journeys
            .iter()
            .flat_map(|j| [j.from_chain, j.to_chain])
            .collect();
        let reads = chains.iter().map(|chain_id| async move {
            let client = client_of(self.networks, *chain_id)?;
            Ok::<_, crate::error::Error>((*chain_id, canonical::head(client).await?))
        });
        let mut heads = std::collections::BTreeMap::new();
        for (outcome, chain_id) in futures::future::join_all(reads)
            .await
            .into_iter()
            .zip(&chains)
        {
            match outcome {
                Ok((id, head)) => {
                    heads.insert(id, head);
                }
                Err(e) => failed.push((*chain_id, e.to_string())),
            }
        }
        let reads = journeys
            .into_iter()
            .filter_map(|j| {
                let route = self.route_of(&j).ok()?;
                let l1 = *heads.get(&route.l1.spec().chain_id)?;
                let l2 = *heads.get(&route.l2.spec().chain_id)?;
                Some((l1, l2, j))
            })
            .map(|(l1, l2, j)| async move {
                let chain = j.to_chain;
                self.observe_and_save(j, l1, l2)
                    .await
                    .map_err(|e| (chain, e.to_string()))
            });
        for outcome in futures::future::join_all(reads).await {
            if let Err(failure) = outcome {
                failed.push(failure);
            }
        }
        let clocks = heads.iter().map(|(id, h)| (*id, h.timestamp)).collect();
        Ok(OpenPass { failed, clocks })
    }
}
