//! The devnet builder and handle.

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::Child,
    time::{Duration, Instant},
};

use alloy::primitives::{Address, U64, U256};
use serde::Serialize;
use switchyard_core::{
    assets::parse_units,
    keys::{DerivationScheme, SeedPhrase, derive_signer},
};

use crate::{
    AcrossDevnet, ActorAccounts, ChainKind, ChainPlan, DevnetError, across,
    actors::{self, Actors},
    anvil::{self, Launch},
    arbitrum,
    arbitrum::ArbClocks,
    contracts,
    l1_head::L1Head,
    manifest::{self, Manifest, ManifestAccount, ManifestChain},
    op_stack::{self, OpClocks},
    process,
    rpc::Rpc,
};

/// anvil's well-known test mnemonic: the accounts every devnet chain funds.
pub const TEST_MNEMONIC: &str = "test test test test test test test test test test test junk";
const TEST_ACCOUNTS: u32 = 10;
/// How long a chain may take to answer after its process starts (anvil needs ~0.1 s).
const READY_TIMEOUT: Duration = Duration::from_secs(10);
/// Default seconds between blocks: lively enough for a UI, short enough for tests.
pub const DEFAULT_BLOCK_TIME: u64 = 1;

/// Configures and starts a devnet.
#[derive(Debug, Clone)]
pub struct DevnetBuilder {
    dir: Option<PathBuf>,
    chains: Vec<ChainPlan>,
    block_time: Option<u64>,
    preferred_ports: Vec<u16>,
    detached: bool,
    op_clocks: OpClocks,
    arb_clocks: ArbClocks,
}

impl Default for DevnetBuilder {
    fn default() -> Self {
        Self {
            dir: None,
            chains: ChainPlan::standard(),
            block_time: Some(DEFAULT_BLOCK_TIME),
            preferred_ports: Vec::new(),
            detached: false,
            op_clocks: OpClocks::DEVNET,
            arb_clocks: ArbClocks::DEVNET,
        }
    }
}

/// A running devnet. Processes this handle started stop when it is dropped, unless it
/// was [`Devnet::detach`]ed.
#[derive(Debug)]
pub struct Devnet {
    dir: PathBuf,
    manifest: Manifest,
    children: Vec<Child>,
    _temp: Option<tempfile::TempDir>,
}

/// How one chain of a recorded devnet is doing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChainState {
    /// The recorded anvil is alive and answers with the right chain id.
    Running,
    /// The recorded process is gone (or the PID now belongs to something else).
    Dead,
    /// The process lives but does not answer.
    NotAnswering,
    /// Something else answers on the port.
    WrongChain(u64),
}

/// A chain's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainStatus {
    /// Name.
    pub name: String,
    /// Chain id.
    pub chain_id: u64,
    /// RPC URL.
    pub rpc_url: String,
    /// Recorded PID.
    pub pid: u32,
    /// State.
    pub state: ChainState,
}

/// The actors process of a detached devnet, and what each actor last did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorsState {
    /// Its recorded PID (a devnet run in the foreground has none).
    pub pid: Option<u32>,
    /// Whether that process is alive (`devnet up` restarts it when not).
    pub running: bool,
    /// Actors told to stop acting ("op-a proposer").
    pub paused: Vec<String>,
    /// Each actor's last action and last error, by name.
    pub actors: actors::ActorsStatus,
}

impl DevnetBuilder {
    /// A builder for the standard chains on free ports in a temporary directory.
    pub fn new() -> Self {
        Self::default()
    }

    /// Keep the devnet (manifest, logs) in `dir` instead of a temporary directory.
    pub fn dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }

    /// Run these chains instead of the standard set.
    pub fn chains(mut self, chains: Vec<ChainPlan>) -> Self {
        self.chains = chains;
        self
    }

    /// Seconds between blocks, or `None` to mine on every transaction.
    pub fn block_time(mut self, secs: Option<u64>) -> Self {
        self.block_time = secs;
        self
    }

    /// Ports to try first, in chain order; a taken one is replaced by a free port.
    pub fn preferred_ports(mut self, ports: Vec<u16>) -> Self {
        self.preferred_ports = ports;
        self
    }

    /// The OP chains' withdrawal clocks ([`OpClocks::DEVNET`] unless told otherwise, e.g.
    /// [`OpClocks::REALISTIC`]); they apply to rollups deployed by this `up`.
    pub fn op_clocks(mut self, clocks: OpClocks) -> Self {
        self.op_clocks = clocks;
        self
    }

    /// The Arbitrum chain's confirmation delay ([`ArbClocks::DEVNET`] unless told
    /// otherwise); it applies to a rollup deployed by this `up`.
    pub fn arb_clocks(mut self, clocks: ArbClocks) -> Self {
        self.arb_clocks = clocks;
        self
    }

    /// Start processes in their own process group (they outlive the caller when detached).
    pub fn detached(mut self, detached: bool) -> Self {
        self.detached = detached;
        self
    }

    /// Starts the devnet, or reuses the one recorded in the directory: chains that are
    /// running are kept, dead ones restarted, and an untrustworthy manifest rebuilt.
    pub async fn up(self) -> Result<Devnet, DevnetError> {
        let (dir, temp) = self.directory()?;
        let recorded = Manifest::read(&dir);
        let binary = anvil::binary()?;
        let accounts = test_accounts();
        let mut children = Vec::new();
        let mut chains: Vec<ManifestChain> = Vec::new();
        let mut started = Vec::new();
        // A rollup's state follows its L1: when the L1 must start afresh, so do its L2s.
        let l1_alive = match recorded
            .as_ref()
            .and_then(|m| m.chains.iter().find(|c| c.kind == ChainKind::Ethereum))
        {
            Some(l1) => check(l1).await == ChainState::Running,
            None => false,
        };
        for (i, plan) in self.chains.iter().enumerate() {
            let l1_url = chains
                .iter()
                .find(|c| c.kind == ChainKind::Ethereum)
                .map(|c| c.rpc_url.clone());
            let previous = recorded.as_ref().and_then(|m| m.chain(plan.chain_id));
            if let Some(chain) = previous.filter(|c| c.kind == plan.kind) {
                if l1_alive && check(chain).await == ChainState::Running {
                    chains.push(chain.clone());
                    continue;
                }
                if process::is_our_anvil(chain.pid, chain.port) {
                    // Alive but not answering: replace it.
                    process::terminate(chain.pid, Duration::from_secs(2));
                }
            }
            let preferred = previous
                .map(|c| c.port)
                .or(self.preferred_ports.get(i).copied());
            let (child, chain) = self
                .start_chain(&binary, &dir, plan, preferred, &accounts, l1_url.as_deref())
                .await?;
            children.push(child);
            started.push(chain.chain_id);
            chains.push(chain);
        }
        // The L2s settle on the devnet's L1.
        let l1_id = chains
            .iter()
            .find(|c| c.kind == ChainKind::Ethereum)
            .map(|c| c.chain_id);
        for chain in chains.iter_mut().filter(|c| c.kind != ChainKind::Ethereum) {
            chain.parent_chain_id = l1_id;
        }
        let mined = async {
            self.deploy_rollups(&mut chains, &started).await?;
            self.deploy_across(&mut chains, &started).await?;
            settle_l1_fees(&chains, &started).await?;
            self.start_mining(&chains, &started).await
        }
        .await;
        if let Err(e) = mined {
            for child in &mut children {
                let _ = child.kill();
                let _ = child.wait();
            }
            return Err(e);
        }
        let manifest = Manifest {
            version: manifest::VERSION,
            block_time: self.block_time,
            chains,
            accounts,
            mnemonic: TEST_MNEMONIC.to_owned(),
            // A still-running actors process of a reused devnet keeps serving it.
            actors_pid: recorded
                .as_ref()
                .and_then(|m| m.actors_pid)
                .filter(|pid| process::is_our_actors(*pid)),
            across: match recorded.as_ref().and_then(|m| m.across.clone()) {
                Some(across) => Some(across),
                None => {
                    let port = match self.preferred_ports.get(self.chains.len()) {
                        Some(p) if port_is_free(*p) => *p,
                        _ => free_port()?,
                    };
                    Some(AcrossDevnet {
                        quote_url: format!("http://127.0.0.1:{port}"),
                        quote_port: port,
                        policy: across::RelayerPolicy::default(),
                    })
                }
            },
            actor_accounts: ActorAccounts::devnet(),
            paused_actors: recorded.map(|m| m.paused_actors).unwrap_or_default(),
        };
        manifest.write(&dir)?;
        Ok(Devnet {
            dir,
            manifest,
            children,
            _temp: temp,
        })
    }

    /// Deploys the L1 contracts and initializes the L2 predeploys of every OP chain that
    /// was started now, or whose L1 was, or that has none yet (a devnet from before the
    /// bridges). The chains still mine on every transaction here.
    async fn deploy_rollups(
        &self,
        chains: &mut [ManifestChain],
        started: &[u64],
    ) -> Result<(), DevnetError> {
        let Some(l1) = chains
            .iter()
            .find(|c| c.kind == ChainKind::Ethereum)
            .cloned()
        else {
            return Ok(());
        };
        let l1_rpc = Rpc::new(&l1.name, &l1.rpc_url)?;
        let l1_fresh = started.contains(&l1.chain_id);
        // The keyless actor accounts pay for games, resolutions and guardian calls.
        for actor in [
            actors::PROPOSER,
            actors::CHALLENGER,
            op_stack::GUARDIAN,
            arbitrum::ROLLUP,
            across::HUB,
        ] {
            l1_rpc
                .call::<_, ()>("anvil_setBalance", (actor, U256::from(10u128.pow(22))))
                .await?;
        }
        for chain in chains.iter_mut().filter(|c| c.kind == ChainKind::OpStack) {
            if !(l1_fresh || started.contains(&chain.chain_id) || chain.op_l1.is_none()) {
                continue;
            }
            let l2 = Rpc::new(&chain.name, &chain.rpc_url)?;
            if !started.contains(&chain.chain_id) {
                // A running chain from before the bridges: give it their code first.
                op_stack::l2::install(&l2).await?;
            }
            let anchor = actors::op_proposer::output_at(&l2, l2.block_number().await?).await?;
            let deployment = contracts::impersonating(&l1_rpc, contracts::DEPLOYER, async || {
                op_stack::l1::deploy(
                    &l1_rpc,
                    chain.chain_id,
                    self.op_clocks,
                    (anchor.proof.root(), anchor.l2_block),
                )
                .await
            })
            .await?;
            op_stack::l2::initialize(&l2, &deployment).await?;
            // The L2's genesis ETH is backed on L1 as a real chain's deposits are: held by
            // the portal, which pays withdrawals out of it.
            back_l2_eth(&l1_rpc, deployment.portal, U256::from(10u128.pow(24))).await?;
            for (name, bridged) in [
                (
                    contracts::names::TOKEN_18,
                    contracts::names::BRIDGED_TOKEN_18,
                ),
                (contracts::names::TOKEN_6, contracts::names::BRIDGED_TOKEN_6),
            ] {
                let Some(remote) = l1.contracts.get(name) else {
                    continue;
                };
                let (title, symbol, decimals) = contracts::test_token(name).expect("a test token");
                let token = op_stack::l2::bridged_token(
                    &l2,
                    &op_stack::l2::RemoteToken {
                        l1: *remote,
                        name: title,
                        symbol,
                        decimals,
                    },
                )
                .await?;
                chain.contracts.insert(bridged.to_owned(), token);
            }
            chain.rollup = Some(deployment.rollup());
            chain.op_l1 = Some(deployment);
        }
        for chain in chains.iter_mut().filter(|c| c.kind == ChainKind::Arbitrum) {
            if !(l1_fresh || started.contains(&chain.chain_id) || chain.arb.is_none()) {
                continue;
            }
            let l2 = Rpc::new(&chain.name, &chain.rpc_url)?;
            if !started.contains(&chain.chain_id) {
                // A running chain from before the bridges: give it the new stand-ins.
                arbitrum::install(&l2).await?;
            }
            let child = arbitrum::l2::deploy(&l2).await?;
            let deployment = contracts::impersonating(&l1_rpc, contracts::DEPLOYER, async || {
                arbitrum::l1::deploy(&l1_rpc, &child, self.arb_clocks).await
            })
            .await?;
            arbitrum::l2::initialize(&l2, &deployment).await?;
            // The child chain's genesis ETH is backed on L1 by the Bridge, which pays
            // withdrawals out of it.
            back_l2_eth(&l1_rpc, deployment.bridge, U256::from(10u128.pow(24))).await?;
            chain.rollup = Some(deployment.rollup_contracts());
            chain.arb = Some(deployment);
        }
        Ok(())
    }

    /// Deploys WETH and the SpokePool on every chain started now (or with none yet).
    async fn deploy_across(
        &self,
        chains: &mut [ManifestChain],
        started: &[u64],
    ) -> Result<(), DevnetError> {
        for chain in chains.iter_mut() {
            if !(started.contains(&chain.chain_id) || chain.across.is_none()) {
                continue;
            }
            let rpc = Rpc::new(&chain.name, &chain.rpc_url)?;
            let router = chain.arb.as_ref().map(|a| a.child_gateway_router);
            chain.across = Some(across::deploy::deploy(&rpc, chain.kind, router).await?);
        }
        Ok(())
    }

    /// Switches the chains started now from mining on every transaction to a block
    /// every [`DevnetBuilder::block_time`] seconds, when one is set.
    async fn start_mining(
        &self,
        chains: &[ManifestChain],
        started: &[u64],
    ) -> Result<(), DevnetError> {
        let Some(secs) = self.block_time else {
            return Ok(());
        };
        for chain in chains.iter().filter(|c| started.contains(&c.chain_id)) {
            let rpc = Rpc::new(&chain.name, &chain.rpc_url)?;
            rpc.call::<_, ()>("evm_setAutomine", (false,)).await?;
            rpc.call::<_, ()>("evm_setIntervalMining", (secs,)).await?;
        }
        Ok(())
    }

    fn directory(&self) -> Result<(PathBuf, Option<tempfile::TempDir>), DevnetError> {
        match &self.dir {
            Some(dir) => {
                std::fs::create_dir_all(dir).map_err(|source| DevnetError::Io {
                    path: dir.clone(),
                    source,
                })?;
                Ok((dir.clone(), None))
            }
            None => {
                let temp = tempfile::Builder::new()
                    .prefix("switchyard-devnet-")
                    .tempdir()
                    .map_err(|source| DevnetError::Io {
                        path: std::env::temp_dir(),
                        source,
                    })?;
                Ok((temp.path().to_owned(), Some(temp)))
            }
        }
    }

    async fn start_chain(
        &self,
        binary: &Path,
        dir: &Path,
        plan: &ChainPlan,
        preferred: Option<u16>,
        accounts: &[ManifestAccount],
        l1_url: Option<&str>,
    ) -> Result<(Child, ManifestChain), DevnetError> {
        let log = dir.join(format!("{}.log", plan.name));
        // A free port can be taken between our probe and anvil's bind (parallel tests):
        // then anvil exits and we try another.
        let mut last_error = None;
        for attempt in 0..4 {
            let port = match preferred.filter(|p| attempt == 0 && port_is_free(*p)) {
                Some(port) => port,
                None => free_port()?,
            };
            let launch = Launch {
                binary,
                chain: plan,
                port,
                log: &log,
                detached: self.detached,
            };
            let mut child = anvil::spawn(&launch)?;
            let url = format!("http://127.0.0.1:{port}");
            match wait_ready(&mut child, plan, &url, &log).await {
                Ok(()) => {
                    let rpc = Rpc::new(&plan.name, &url)?;
                    let deployed = async {
                        match plan.kind {
                            ChainKind::OpStack => {
                                op_stack::fees::install(&rpc).await?;
                                op_stack::l2::install(&rpc).await?;
                            }
                            ChainKind::Arbitrum => arbitrum::install(&rpc).await?,
                            ChainKind::Ethereum => {}
                        }
                        if let Some(l1_url) = l1_url {
                            let head = L1Head::read(&Rpc::new("l1", l1_url)?).await?;
                            actors::l1_fees::relay(&rpc, plan.kind, &head).await?;
                        }
                        contracts::deploy(&rpc, plan.kind, accounts).await
                    }
                    .await;
                    let contracts = match deployed {
                        Ok(contracts) => contracts,
                        Err(e) => {
                            let _ = child.kill();
                            let _ = child.wait();
                            return Err(e);
                        }
                    };
                    let chain = ManifestChain {
                        name: plan.name.clone(),
                        chain_id: plan.chain_id,
                        kind: plan.kind,
                        rpc_url: url,
                        port,
                        pid: child.id(),
                        parent_chain_id: None,
                        rollup: None,
                        op_l1: None,
                        arb: None,
                        across: None,
                        contracts,
                    };
                    return Ok((child, chain));
                }
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    last_error = Some(e);
                }
            }
        }
        Err(last_error.expect("at least one attempt"))
    }
}

impl Devnet {
    /// A builder.
    pub fn builder() -> DevnetBuilder {
        DevnetBuilder::new()
    }

    /// The manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The devnet directory (manifest and logs).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The RPC URL of a chain.
    pub fn rpc_url(&self, chain_id: u64) -> Option<&str> {
        self.manifest.chain(chain_id).map(|c| c.rpc_url.as_str())
    }

    /// Whether this handle started any process (false when it only reused a running devnet).
    pub fn started_processes(&self) -> bool {
        !self.children.is_empty()
    }

    /// Leaves the processes running after this handle is gone; `switchyard devnet down`
    /// (or [`Devnet::down`]) stops them by their recorded PIDs.
    pub fn detach(mut self) -> Manifest {
        self.children.clear();
        self.manifest.clone()
    }

    /// The status of each chain recorded in `dir`.
    pub async fn status(dir: &Path) -> Result<Vec<ChainStatus>, DevnetError> {
        let manifest =
            Manifest::read(dir).ok_or_else(|| DevnetError::NotRunning(dir.to_owned()))?;
        let mut out = Vec::new();
        for chain in &manifest.chains {
            out.push(ChainStatus {
                name: chain.name.clone(),
                chain_id: chain.chain_id,
                rpc_url: chain.rpc_url.clone(),
                pid: chain.pid,
                state: check(chain).await,
            });
        }
        Ok(out)
    }

    /// Whether the actors process of the devnet in `dir` is alive, and what each actor
    /// last did (as the running actors recorded it).
    pub fn actors_status(dir: &Path) -> Result<ActorsState, DevnetError> {
        let manifest =
            Manifest::read(dir).ok_or_else(|| DevnetError::NotRunning(dir.to_owned()))?;
        let pid = manifest.actors_pid;
        Ok(ActorsState {
            pid,
            running: pid.is_some_and(process::is_our_actors),
            paused: manifest.paused_actors.iter().cloned().collect(),
            actors: Actors::read_status(dir),
        })
    }

    /// Stops the devnet recorded in `dir`: exactly its recorded anvil processes (each
    /// checked to still be that anvil), then removes the manifest. Returns the PIDs
    /// stopped, or `None` when no devnet is recorded there (nothing to do).
    pub fn down(dir: &Path) -> Result<Option<Vec<u32>>, DevnetError> {
        let Some(manifest) = Manifest::read(dir) else {
            return Ok(None);
        };
        let mut stopped = Vec::new();
        if let Some(pid) = manifest
            .actors_pid
            .filter(|pid| process::is_our_actors(*pid))
        {
            process::terminate(pid, Duration::from_secs(3));
            stopped.push(pid);
        }
        for chain in &manifest.chains {
            if process::is_our_anvil(chain.pid, chain.port) {
                process::terminate(chain.pid, Duration::from_secs(3));
                stopped.push(chain.pid);
            }
        }
        let path = dir.join(manifest::FILE);
        std::fs::remove_file(&path).map_err(|source| DevnetError::Io { path, source })?;
        Ok(Some(stopped))
    }

    /// Runs the devnet's off-chain actors ([`Actors`]) on the devnet in `dir`, a round
    /// every `interval`, until the manifest is gone (`down`) or the future is dropped.
    pub async fn run_actors(dir: &Path, interval: Duration) {
        Actors::default().run(dir, interval).await;
    }

    /// Starts `program args…` (the CLI's hidden `devnet actors` command) in the background
    /// to run the actors of the detached devnet in `dir`, and records its PID.
    pub fn spawn_actors(dir: &Path, program: &Path, args: &[&str]) -> Result<u32, DevnetError> {
        let mut manifest =
            Manifest::read(dir).ok_or_else(|| DevnetError::NotRunning(dir.to_owned()))?;
        if let Some(pid) = manifest
            .actors_pid
            .filter(|pid| process::is_our_actors(*pid))
        {
            return Ok(pid);
        }
        let log = dir.join("actors.log");
        let io = |source| DevnetError::Io {
            path: log.clone(),
            source,
        };
        let out = std::fs::File::create(&log).map_err(io)?;
        let err = out.try_clone().map_err(io)?;
        let mut cmd = std::process::Command::new(program);
        cmd.args(args)
            .stdin(std::process::Stdio::null())
            .stdout(out)
            .stderr(err);
        process::scrub_secrets(&mut cmd);
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        let child = cmd.spawn().map_err(io)?;
        manifest.actors_pid = Some(child.id());
        manifest.write(dir)?;
        Ok(child.id())
    }

    /// Gives `address` `amount` (a decimal number, e.g. "1.5") of ETH and of both test
    /// tokens on every chain. The amount is checked for every asset before anything changes.
    pub async fn fund(
        manifest: &Manifest,
        address: Address,
        amount: &str,
    ) -> Result<(), DevnetError> {
        let units =
            |decimals| parse_units(amount, decimals).map_err(|e| DevnetError::Input(e.to_string()));
        let (wei, token18, token6) = (units(18)?, units(18)?, units(6)?);
        for chain in &manifest.chains {
            let rpc = Rpc::new(&chain.name, &chain.rpc_url)?;
            let balance: U256 = rpc.call("eth_getBalance", (address, "latest")).await?;
            let new = balance
                .checked_add(wei)
                .ok_or_else(|| DevnetError::Input(format!("{amount} ETH is too large")))?;
            rpc.call::<_, ()>("anvil_setBalance", (address, new))
                .await?;
            let mints: Vec<(Address, U256)> = [
                (contracts::names::TOKEN_18, token18),
                (contracts::names::TOKEN_6, token6),
            ]
            .into_iter()
            .filter_map(|(name, units)| chain.contracts.get(name).map(|token| (*token, units)))
            .collect();
            contracts::mint(&rpc, address, &mints).await?;
            let backing = chain
                .op_l1
                .as_ref()
                .map(|op| op.portal)
                .or(chain.arb.as_ref().map(|arb| arb.bridge));
            if let (Some(backing), Some(l1)) = (
                backing,
                manifest
                    .chains
                    .iter()
                    .find(|c| c.kind == ChainKind::Ethereum),
            ) {
                // ETH made on an L2 is backed by its portal or bridge, so it can be withdrawn.
                back_l2_eth(&Rpc::new(&l1.name, &l1.rpc_url)?, backing, wei).await?;
            }
        }
        Ok(())
    }

    /// The L1 and the OP deployment of OP chain `chain` (by name or chain id).
    fn op_chain<'m>(
        manifest: &'m Manifest,
        chain: &str,
    ) -> Result<(Rpc, &'m ManifestChain, &'m op_stack::OpL1Deployment), DevnetError> {
        let found = manifest
            .chains
            .iter()
            .find(|c| c.name == chain || c.chain_id.to_string() == chain)
            .ok_or_else(|| {
                DevnetError::Input(format!(
                    "no devnet chain is named {chain} (the chains are {})",
                    chain_names(manifest)
                ))
            })?;
        let deployment = found.op_l1.as_ref().ok_or_else(|| {
            DevnetError::Input(format!(
                "{} is not an OP Stack chain with bridges",
                found.name
            ))
        })?;
        let l1 = manifest
            .chains
            .iter()
            .find(|c| c.kind == ChainKind::Ethereum)
            .ok_or_else(|| DevnetError::Input("the devnet has no L1".into()))?;
        Ok((Rpc::new(&l1.name, &l1.rpc_url)?, found, deployment))
    }

    /// As the guardian of OP chain `chain` (default: the chain whose factory made the
    /// game), blacklists dispute game `game`. Returns the chain's name.
    pub async fn op_blacklist_game(
        manifest: &Manifest,
        chain: Option<&str>,
        game: Address,
    ) -> Result<String, DevnetError> {
        let candidates: Vec<&ManifestChain> = match chain {
            Some(chain) => vec![Self::op_chain(manifest, chain)?.1],
            None => manifest
                .chains
                .iter()
                .filter(|c| c.op_l1.is_some())
                .collect(),
        };
        for candidate in &candidates {
            let (l1, found, deployment) = Self::op_chain(manifest, &candidate.name)?;
            if op_stack::guardian::is_game(&l1, deployment.dispute_game_factory, game).await? {
                op_stack::guardian::blacklist_game(&l1, deployment.portal, game).await?;
                return Ok(found.name.clone());
            }
        }
        let names: Vec<&str> = candidates.iter().map(|c| c.name.as_str()).collect();
        Err(DevnetError::Input(format!(
            "{game} is not a dispute game of {}",
            names.join(" or ")
        )))
    }

    /// As OP chain `chain`'s guardian, retires every dispute game created so far.
    /// Returns the chain's name.
    pub async fn op_retire_games(manifest: &Manifest, chain: &str) -> Result<String, DevnetError> {
        let (l1, found, deployment) = Self::op_chain(manifest, chain)?;
        op_stack::guardian::retire_games(&l1, deployment.portal).await?;
        Ok(found.name.clone())
    }

    /// Pauses (or resumes) OP chain `chain`'s proposer on the devnet in `dir`: while paused,
    /// no game covers a new withdrawal. Returns the chain's name.
    pub fn op_pause_proposer(dir: &Path, chain: &str, paused: bool) -> Result<String, DevnetError> {
        let mut manifest =
            Manifest::read(dir).ok_or_else(|| DevnetError::NotRunning(dir.to_owned()))?;
        let name = Self::op_chain(&manifest, chain)?.1.name.clone();
        let key = format!("{name} proposer");
        if paused {
            manifest.paused_actors.insert(key);
        } else {
            manifest.paused_actors.remove(&key);
        }
        manifest.write(dir)?;
        Ok(name)
    }

    /// Moves every chain's clock forward by `secs` and mines a block on each.
    pub async fn advance_time(manifest: &Manifest, secs: u64) -> Result<(), DevnetError> {
        for chain in &manifest.chains {
            let rpc = Rpc::new(&chain.name, &chain.rpc_url)?;
            rpc.call::<_, serde_json::Value>("evm_increaseTime", (U64::from(secs),))
                .await?;
            rpc.call::<_, serde_json::Value>("evm_mine", ()).await?;
        }
        Ok(())
    }
}

impl Drop for Devnet {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
        if !self.children.is_empty() {
            let _ = std::fs::remove_file(self.dir.join(manifest::FILE));
        }
    }
}

async fn check(chain: &ManifestChain) -> ChainState {
    if !process::is_our_anvil(chain.pid, chain.port) {
        return ChainState::Dead;
    }
    let Ok(rpc) = Rpc::new(&chain.name, &chain.rpc_url) else {
        return ChainState::NotAnswering;
    };
    match rpc.call::<_, U64>("eth_chainId", ()).await {
        Ok(id) if id.to::<u64>() == chain.chain_id => ChainState::Running,
        Ok(id) => ChainState::WrongChain(id.to()),
        Err(_) => ChainState::NotAnswering,
    }
}

async fn wait_ready(
    child: &mut Child,
    plan: &ChainPlan,
    url: &str,
    log: &Path,
) -> Result<(), DevnetError> {
    let rpc = Rpc::new(&plan.name, url)?;
    let start = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            let tail = std::fs::read_to_string(log).unwrap_or_default();
            let reason = if tail.contains("Address already in use") {
                "its port was taken".to_owned()
            } else {
                format!("it exited ({status})")
            };
            return Err(DevnetError::AnvilFailed {
                chain: plan.name.clone(),
                reason,
                log: log.to_owned(),
            });
        }
        // Only once our anvil says it has bound the port: until then another devnet's
        // chain with the same id may answer on it (two `up` racing for a preferred port).
        let listening = std::fs::read_to_string(log).is_ok_and(|text| {
            text.contains(&format!(
                "Listening on {}",
                url.trim_start_matches("http://")
            ))
        });
        if !listening {
            if start.elapsed() > READY_TIMEOUT {
                return Err(DevnetError::NotReady {
                    chain: plan.name.clone(),
                    url: url.to_owned(),
                    secs: READY_TIMEOUT.as_secs(),
                    log: log.to_owned(),
                });
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
            continue;
        }
        if let Ok(id) = rpc.call::<_, U64>("eth_chainId", ()).await {
            if id.to::<u64>() == plan.chain_id {
                return Ok(());
            }
            return Err(DevnetError::AnvilFailed {
                chain: plan.name.clone(),
                reason: format!("another chain ({id}) answers on {url}"),
                log: log.to_owned(),
            });
        }
        if start.elapsed() > READY_TIMEOUT {
            return Err(DevnetError::NotReady {
                chain: plan.name.clone(),
                url: url.to_owned(),
                secs: READY_TIMEOUT.as_secs(),
                log: log.to_owned(),
            });
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// After setup: a freshly started L1 gets the reference base fee back (its setup blocks
/// lowered it, EIP-1559) in a fresh block, and every L2 started now copies the L1's fees.
async fn settle_l1_fees(chains: &[ManifestChain], started: &[u64]) -> Result<(), DevnetError> {
    let Some(l1) = chains.iter().find(|c| c.kind == ChainKind::Ethereum) else {
        return Ok(());
    };
    let l1_rpc = Rpc::new(&l1.name, &l1.rpc_url)?;
    if started.contains(&l1.chain_id) {
        let base_fee = op_stack::L1Attributes::op_mainnet_reference().base_fee;
        l1_rpc
            .call::<_, ()>("anvil_setNextBlockBaseFeePerGas", (base_fee,))
            .await?;
        l1_rpc.call::<_, serde_json::Value>("evm_mine", ()).await?;
    }
    let head = L1Head::read(&l1_rpc).await?;
    // Chains that kept running follow the L1 through the actors already.
    for chain in chains
        .iter()
        .filter(|c| c.kind != ChainKind::Ethereum && started.contains(&c.chain_id))
    {
        actors::l1_fees::relay(&Rpc::new(&chain.name, &chain.rpc_url)?, chain.kind, &head).await?;
    }
    Ok(())
}

/// Adds `wei` to the L1 balance of an L2's portal or bridge.
async fn back_l2_eth(l1: &Rpc, portal: Address, wei: U256) -> Result<(), DevnetError> {
    let balance: U256 = l1.call("eth_getBalance", (portal, "latest")).await?;
    l1.call::<_, ()>("anvil_setBalance", (portal, balance.saturating_add(wei)))
        .await
}

fn chain_names(manifest: &Manifest) -> String {
    manifest
        .chains
        .iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn port_is_free(port: u16) -> bool {
    TcpListener::bind(("127.0.0.1", port)).is_ok()
}

fn free_port() -> Result<u16, DevnetError> {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|source| DevnetError::Io {
            path: PathBuf::from("127.0.0.1:0"),
            source,
        })
}

fn test_accounts() -> Vec<ManifestAccount> {
    let seed = SeedPhrase::parse(TEST_MNEMONIC)
        .expect("valid mnemonic")
        .to_seed("");
    (0..TEST_ACCOUNTS)
        .map(|i| {
            let path = DerivationScheme::Bip44.path(i).expect("small index");
            let signer = derive_signer(&*seed, &path).expect("derivable");
            ManifestAccount {
                address: signer.address(),
                private_key: format!("0x{}", alloy::primitives::hex::encode(signer.to_bytes())),
            }
        })
        .collect()
}
