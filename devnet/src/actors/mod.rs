//! The devnet's off-chain actors: what a real network runs beside its nodes, each a small
//! loop body called once per round:
//! - [`l1_fees`]: each L2's view of L1 fees follows the L1 (the OP chains' L1 attributes,
//!   the Arbitrum chain's L1 base fee estimate) whenever the L1's fees change;
//! - [`op_sequencer`]: OP deposits derived from the L1 and included on their L2;
//! - [`op_proposer`]: OP output roots proposed as dispute games;
//! - [`op_resolver`]: unchallenged OP games resolved once their clock runs out;
//! - [`arb_delivery`]: Arbitrum's delayed-inbox messages executed on the child chain
//!   (ETH deposits, retryable tickets, auto-redeems);
//! - [`arb_assertion`]: Arbitrum send roots confirmed to the Outbox after the delay;
//! - [`across_relayer`]: Across deposits filled on their destination from the relayer's
//!   inventory (the quote endpoint, [`crate::across::quote`], is served beside them);
//! - [`across_dataworker`]: fills repaid and expired deposits refunded through root bundles.
//!
//! A round re-reads the manifest (restarted chains move). An actor that fails a round
//! has its error recorded (and written to the actors' log) and runs again the next round;
//! the other actors carry on, and the Across actors carry on with their other chains and
//! deposits.

pub mod across_dataworker;
pub mod across_relayer;
pub mod arb_assertion;
pub mod arb_delivery;
pub mod l1_fees;
pub mod op_proposer;
pub mod op_resolver;
pub mod op_sequencer;

use std::{
    collections::BTreeMap,
    path::Path,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use alloy::primitives::{Address, U256, address};
use serde::{Deserialize, Serialize};

use crate::{ChainKind, DevnetError, Manifest, ManifestChain, l1_head::L1Head, rpc::Rpc};

/// The OP chains' output proposer (impersonated; holds no key): "SwitchyardProposer".
pub const PROPOSER: Address = address!("0x5377697463687961726450726f706f7365720000");
/// The honest challenger that resolves games (impersonated): "SwitchyardChallenger".
pub const CHALLENGER: Address = address!("0x537769746368796172644368616c6c656e676572");
/// The file the running actors record their last actions in.
pub const STATUS_FILE: &str = "actors.json";
/// Default L2 blocks between two proposals.
pub const DEFAULT_PROPOSE_EVERY: u64 = 4;

/// What one actor last did, as `devnet status` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActorStatus {
    /// The last thing it did ("included 2 deposits"), if anything yet.
    pub last_action: Option<String>,
    /// When, in seconds since the Unix epoch.
    pub last_action_at: Option<u64>,
    /// Why its last round failed, when it did (cleared by the next good round).
    pub last_error: Option<String>,
}

/// Every actor's status, by name ("op-a sequencer", …).
pub type ActorsStatus = BTreeMap<String, ActorStatus>;

/// The actors of one OP chain, tied to the deployment they serve.
#[derive(Debug)]
struct OpActors {
    portal: Address,
    sequencer: op_sequencer::Sequencer,
    proposer: op_proposer::Proposer,
    resolver: op_resolver::Resolver,
}

/// The actors of one Arbitrum chain, tied to the deployment they serve.
#[derive(Debug)]
struct ArbActors {
    bridge: Address,
    delivery: arb_delivery::Delivery,
    assertion: arb_assertion::Assertion,
}

/// All actors of a devnet, with what they remember between rounds.
#[derive(Debug)]
pub struct Actors {
    propose_every: u64,
    /// The L1 fees each L2 last copied (base fee, blob base fee), by chain id: an idle
    /// L1's fees settle, and then nothing is sent.
    relayed_fees: BTreeMap<u64, (U256, U256)>,
    /// One client per chain URL, kept across rounds (a new HTTP client per call would
    /// cost more than the round's work).
    clients: BTreeMap<String, std::sync::Arc<Rpc>>,
    op: BTreeMap<u64, OpActors>,
    arb: BTreeMap<u64, ArbActors>,
    /// The pools the Across actors' memory is about: a restarted chain has new ones.
    across_pools: BTreeMap<u64, Address>,
    relayer: across_relayer::Relayer,
    dataworker: across_dataworker::Dataworker,
    status: ActorsStatus,
}

impl Default for Actors {
    fn default() -> Self {
        Self::new(DEFAULT_PROPOSE_EVERY)
    }
}

impl Actors {
    /// Actors whose proposers propose at most every `propose_every` L2 blocks.
    pub fn new(propose_every: u64) -> Self {
        Self {
            propose_every,
            relayed_fees: BTreeMap::new(),
            clients: BTreeMap::new(),
            op: BTreeMap::new(),
            arb: BTreeMap::new(),
            across_pools: BTreeMap::new(),
            relayer: across_relayer::Relayer::default(),
            dataworker: across_dataworker::Dataworker::default(),
            status: ActorsStatus::new(),
        }
    }

    /// What each actor last did.
    pub fn status(&self) -> &ActorsStatus {
        &self.status
    }

    /// One round of every actor over the devnet `manifest` describes.
    pub async fn round(&mut self, manifest: &Manifest) -> Result<(), DevnetError> {
        let Some(l1) = manifest
            .chains
            .iter()
            .find(|c| c.kind == ChainKind::Ethereum)
        else {
            return Ok(());
        };
        let l1_rpc = self.client(l1)?;
        let head = L1Head::read(&l1_rpc).await?;
        for chain in manifest
            .chains
            .iter()
            .filter(|c| c.kind != ChainKind::Ethereum)
        {
            let l2 = self.client(chain)?;
            let fees = (head.base_fee, head.blob_base_fee);
            if self.relayed_fees.get(&chain.chain_id) != Some(&fees) {
                let relayed = l1_fees::relay(&l2, chain.kind, &head).await;
                if relayed.is_ok() {
                    self.relayed_fees.insert(chain.chain_id, fees);
                }
                let action = format!("copied the L1 base fee ({} wei)", head.base_fee);
                self.record(&chain.name, "l1 fees", relayed.map(|()| Some(action)));
            }
            match chain.kind {
                ChainKind::OpStack => self.op_round(manifest, chain, &l1_rpc, &l2).await,
                ChainKind::Arbitrum => self.arb_round(chain, &l1_rpc, &l2).await,
                ChainKind::Ethereum => {}
            }
        }
        if let Some(across) = &manifest.across {
            let pools: BTreeMap<u64, Address> = manifest
                .chains
                .iter()
                .filter_map(|c| c.across.map(|a| (c.chain_id, a.spoke_pool)))
                .collect();
            if pools != self.across_pools {
                // New pools (a chain restarted): what the relayer and hub remember is void.
                self.relayer = across_relayer::Relayer::default();
                self.dataworker = across_dataworker::Dataworker::default();
                self.across_pools = pools;
            }
            let mut clients = Vec::new();
            for chain in manifest.chains.iter().filter(|c| c.across.is_some()) {
                clients.push((chain.clone(), self.client(chain)?));
            }
            let relayed = self.relayer.round(&clients, &across.policy).await;
            let refunds = self.dataworker.round(&l1_rpc, &clients).await;
            self.record(
                "across",
                "dataworker",
                refunds.map(|r| {
                    (r.relayed + r.executed > 0).then(|| {
                        format!(
                            "relayed {} root bundle(s), executed {} refund leaf(s)",
                            r.relayed, r.executed
                        )
                    })
                }),
            );
            self.record(
                "across",
                "relayer",
                relayed.map(|r| {
                    (r.filled + r.declined + r.expired > 0).then(|| {
                        format!(
                            "filled {} deposit(s), declined {}, {} expired",
                            r.filled, r.declined, r.expired
                        )
                    })
                }),
            );
        }
        Ok(())
    }

    fn client(&mut self, chain: &ManifestChain) -> Result<std::sync::Arc<Rpc>, DevnetError> {
        if let Some(rpc) = self.clients.get(&chain.rpc_url) {
            return Ok(rpc.clone());
        }
        let rpc = std::sync::Arc::new(Rpc::new(&chain.name, &chain.rpc_url)?);
        self.clients.insert(chain.rpc_url.clone(), rpc.clone());
        Ok(rpc)
    }

    async fn op_round(&mut self, manifest: &Manifest, chain: &ManifestChain, l1: &Rpc, l2: &Rpc) {
        let Some(deployment) = &chain.op_l1 else {
            return;
        };
        let every = self.propose_every;
        let fresh = || OpActors {
            portal: deployment.portal,
            sequencer: op_sequencer::Sequencer::starting_at(deployment.l1_start_block),
            proposer: op_proposer::Proposer::new(every),
            resolver: op_resolver::Resolver::default(),
        };
        let actors = self.op.entry(chain.chain_id).or_insert_with(fresh);
        if actors.portal != deployment.portal {
            // A redeployed rollup (its chain restarted): start over on the new contracts.
            *actors = fresh();
        }
        let deposits = actors.sequencer.round(l1, l2, deployment.portal).await;
        let proposed = if manifest.is_paused(&chain.name, "proposer") {
            Ok(None)
        } else {
            actors
                .proposer
                .round(l1, l2, deployment.dispute_game_factory)
                .await
        };
        let resolved = actors
            .resolver
            .round(l1, deployment.dispute_game_factory)
            .await;
        self.record(
            &chain.name,
            "sequencer",
            deposits.map(|n| (n > 0).then(|| format!("included {n} deposit(s)"))),
        );
        self.record(
            &chain.name,
            "proposer",
            proposed.map(|block| block.map(|b| format!("proposed the output of L2 block {b}"))),
        );
        self.record(
            &chain.name,
            "resolver",
            resolved.map(|n| (n > 0).then(|| format!("resolved {n} game(s)"))),
        );
    }

    async fn arb_round(&mut self, chain: &ManifestChain, l1: &Rpc, l2: &Rpc) {
        let Some(deployment) = &chain.arb else {
            return;
        };
        let fresh = || ArbActors {
            bridge: deployment.bridge,
            delivery: arb_delivery::Delivery::starting_at(deployment.l1_start_block),
            assertion: arb_assertion::Assertion::default(),
        };
        let actors = self.arb.entry(chain.chain_id).or_insert_with(fresh);
        if actors.bridge != deployment.bridge {
            *actors = fresh();
        }
        let delivered = actors
            .delivery
            .round(l1, l2, deployment, chain.chain_id)
            .await;
        let confirmed = actors.assertion.round(l1, l2, deployment).await;
        self.record(
            &chain.name,
            "delivery",
            delivered.map(|d| {
                (d.deposits + d.tickets > 0).then(|| {
                    format!(
                        "delivered {} deposit(s) and {} ticket(s), {} auto-redeemed",
                        d.deposits, d.tickets, d.redeemed
                    )
                })
            }),
        );
        self.record(
            &chain.name,
            "assertion",
            confirmed.map(|n| (n > 0).then(|| format!("confirmed {n} send root(s)"))),
        );
    }

    fn record(&mut self, chain: &str, actor: &str, outcome: Result<Option<String>, DevnetError>) {
        let status = self.status.entry(format!("{chain} {actor}")).or_default();
        match outcome {
            Ok(Some(action)) => {
                status.last_action = Some(action);
                status.last_action_at = Some(unix_now());
                status.last_error = None;
            }
            Ok(None) => status.last_error = None,
            Err(e) => {
                let error = e.to_string();
                if status.last_error.as_ref() != Some(&error) {
                    // The actors process's output is the devnet's actors.log.
                    eprintln!("{chain} {actor}: {error} (retrying next round)");
                }
                status.last_error = Some(error);
            }
        }
    }

    /// Runs rounds on the devnet in `dir` every `interval` (up to four when idle) until its manifest is gone
    /// (`down`) or the future is dropped, recording the actors' status in
    /// [`STATUS_FILE`] whenever it changes.
    pub async fn run(mut self, dir: &Path, interval: Duration) {
        let mut written = None;
        // The quote endpoint lives as long as the actors do.
        let _quotes = match Manifest::read(dir).and_then(|m| m.across) {
            Some(across) => {
                match tokio::net::TcpListener::bind(("127.0.0.1", across.quote_port)).await {
                    Ok(listener) => Some(AbortOnDrop(tokio::spawn(crate::across::quote::serve(
                        listener,
                        dir.to_owned(),
                    )))),
                    Err(e) => {
                        self.status
                            .entry("across quotes".into())
                            .or_default()
                            .last_error = Some(format!(
                            "cannot listen on 127.0.0.1:{}: {e}",
                            across.quote_port
                        ));
                        None
                    }
                }
            }
            None => None,
        };
        // Rounds in which no actor did anything stretch the wait, up to four intervals,
        // so an idle devnet costs next to nothing; any action brings it back to one.
        let mut idle_rounds = 0u32;
        while let Some(manifest) = Manifest::read(dir) {
            // When the L1 does not answer, every actor waits for it.
            let l1 = self.round(&manifest).await.map(|()| None);
            self.record("devnet", "l1", l1);
            if written.as_ref() != Some(&self.status) {
                idle_rounds = 0;
                let text = serde_json::to_string_pretty(&self.status).expect("serializes");
                if switchyard_core::atomic_file::write(&dir.join(STATUS_FILE), text.as_bytes())
                    .is_ok()
                {
                    written = Some(self.status.clone());
                }
            } else {
                idle_rounds = (idle_rounds + 1).min(2);
            }
            tokio::time::sleep(interval * (1 << idle_rounds)).await;
        }
    }

    /// The status the actors of the devnet in `dir` last recorded (empty before their
    /// first round).
    pub fn read_status(dir: &Path) -> ActorsStatus {
        std::fs::read_to_string(dir.join(STATUS_FILE))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }
}

/// A spawned task that stops when its handle is dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
