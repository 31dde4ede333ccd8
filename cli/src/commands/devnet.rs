use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::json;
use switchyard_core::accounts::parse_address;
use switchyard_devnet::{
    ActorsState, ChainState, Devnet, DevnetError, Manifest, arbitrum::ArbClocks,
    op_stack::OpClocks, tools::Installed,
};

use super::{CliError, block_on, runtime};
use crate::output::Output;

#[derive(Debug, Args)]
pub struct DevnetArgs {
    /// Devnet directory (manifest and logs; default: --devnet-dir, else DATA_DIR/devnet).
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: DevnetCommand,
}

#[derive(Debug, Subcommand)]
pub enum DevnetCommand {
    /// Start the devnet (or reuse the running one, restarting dead chains).
    Up {
        /// Return once it is ready and leave it running (stop it with `devnet down`).
        #[arg(long)]
        detach: bool,
        /// Seconds between blocks (0: mine on every transaction).
        #[arg(long, default_value_t = 1)]
        block_time: u64,
        /// Deploy the rollups with mainnet withdrawal clocks (OP Mainnet's 7-day proof
        /// maturity and 3.5-day games, Arbitrum One's 6.4-day confirmation) instead of
        /// the devnet's seconds.
        #[arg(long)]
        realistic_delays: bool,
    },
    /// Stop the devnet's processes (only those it recorded).
    Down,
    /// Install what the devnet needs from the npm registry (anvil and the rollups' and
    /// Across's contract artifacts, ~250 MB) with the machine's npm, into
    /// SWITCHYARD_DEVNET_TOOLS, else DATA/devnet-tools. Run once after installing or
    /// upgrading Switchyard; a source checkout's scripts/setup.sh does it for you.
    InstallTools,
    /// Show each chain's state and what each actor last did.
    Status,
    /// Give an address ETH and both test tokens on every chain.
    Fund {
        /// The address.
        address: String,
        /// Amount of each asset (decimal, e.g. 1.5).
        #[arg(long, default_value = "100")]
        amount: String,
    },
    /// Move time forward.
    #[command(subcommand)]
    Time(TimeCommand),
    /// The OP chains' faults on demand (the guardian's powers, a paused proposer).
    #[command(subcommand)]
    Op(OpCommand),
    /// Run the devnet's off-chain actors in the foreground (`up --detach` starts this).
    #[command(hide = true)]
    Actors,
}

#[derive(Debug, Subcommand)]
pub enum TimeCommand {
    /// Advance every chain's clock by SECONDS and mine a block on each.
    Advance {
        /// Seconds.
        seconds: u64,
    },
}

/// `switchyard devnet op …`: the OP chains' faults on demand.
#[derive(Debug, Subcommand)]
pub enum OpCommand {
    /// Blacklist a dispute game as the guardian: withdrawals proven against it must be
    /// proven again.
    BlacklistGame {
        /// The game's address (from the chain's DisputeGameFactory).
        game: String,
        /// The OP chain (name or id); default: the one whose factory made the game.
        #[arg(long)]
        chain: Option<String>,
    },
    /// Retire every dispute game created so far, as the guardian (by re-setting the
    /// respected game type).
    RetireGames {
        /// The OP chain (name or id).
        #[arg(long)]
        chain: String,
    },
    /// Stop the chain's proposer: no new game covers a withdrawal until it resumes.
    PauseProposer {
        /// The OP chain (name or id).
        #[arg(long)]
        chain: String,
    },
    /// Let the chain's proposer propose again.
    ResumeProposer {
        /// The OP chain (name or id).
        #[arg(long)]
        chain: String,
    },
}

/// Ports the user's devnet tries first (L1, OP A, OP B, Arbitrum, then the Across quote
/// endpoint), so its URLs stay the same across restarts; taken ones are replaced by free
/// ports.
const PREFERRED_PORTS: [u16; 5] = [9545, 9546, 9547, 9548, 9549];

/// Runs a devnet command on the devnet in `dir`.
pub fn run(dir: &Path, args: DevnetArgs, out: &Output) -> Result<(), CliError> {
    let dir = dir.to_owned();
    match args.command {
        DevnetCommand::Up {
            detach,
            block_time,
            realistic_delays,
        } => up(&dir, detach, block_time, realistic_delays, out),
        DevnetCommand::Op(command) => op(&dir, command, out),
        DevnetCommand::Actors => {
            let interval = actor_interval(&manifest(&dir)?);
            runtime().block_on(Devnet::run_actors(&dir, interval));
            Ok(())
        }
        DevnetCommand::InstallTools => {
            let tools = switchyard_devnet::tools::install_dir()?;
            out.note(&format!(
                "Installing the devnet's tools into {} from the npm registry…",
                tools.display()
            ));
            let (fetched, tools) = match switchyard_devnet::tools::install(&tools)? {
                Installed::Now(dir) => (true, dir),
                Installed::Already(dir) => (false, dir),
            };
            out.show(
                &json!({ "dir": tools.display().to_string(), "installed_now": fetched }),
                || {
                    if fetched {
                        format!(
                            "Installed the devnet's tools into {}. Start the devnet with `switchyard devnet up`.",
                            tools.display()
                        )
                    } else {
                        format!(
                            "The devnet's tools in {} are already this version's; nothing was fetched.",
                            tools.display()
                        )
                    }
                },
            );
            Ok(())
        }
        DevnetCommand::Down => {
            let stopped = Devnet::down(&dir)?;
            let value = json!({
                "was_running": stopped.is_some(),
                "stopped_pids": stopped.as_deref().unwrap_or_default(),
            });
            out.show(&value, || match &stopped {
                Some(pids) => format!("Stopped the devnet ({} process(es)).", pids.len()),
                None => format!(
                    "No devnet is running in {}; nothing to stop.",
                    dir.display()
                ),
            });
            Ok(())
        }
        DevnetCommand::Status => {
            let status = block_on(Devnet::status(&dir))?;
            let actors = Devnet::actors_status(&dir)?;
            out.show(&json!({ "chains": status, "actors": actors }), || {
                let rows = status
                    .iter()
                    .map(|s| {
                        vec![
                            s.name.clone(),
                            s.chain_id.to_string(),
                            s.rpc_url.clone(),
                            s.pid.to_string(),
                            match &s.state {
                                ChainState::Running => "running".into(),
                                ChainState::Dead => "dead — run `switchyard devnet up`".into(),
                                ChainState::NotAnswering => "not answering".into(),
                                ChainState::WrongChain(id) => format!("wrong chain id {id}"),
                            },
                        ]
                    })
                    .collect();
                let chains = Output::table(&["Chain", "Id", "RPC", "PID", "State"], rows);
                format!("{chains}\n{}", describe_actors(&actors))
            });
            Ok(())
        }
        DevnetCommand::Fund { address, amount } => {
            let address = parse_address(&address)?;
            block_on(Devnet::fund(&manifest(&dir)?, address, &amount))?;
            out.show(&json!({ "address": address.to_checksum(None), "amount": amount }), || {
                format!(
                    "Added {amount} ETH, {amount} SYT and {amount} SYUSD to {} on every devnet chain.",
                    address.to_checksum(None)
                )
            });
            Ok(())
        }
        DevnetCommand::Time(TimeCommand::Advance { seconds }) => {
            block_on(Devnet::advance_time(&manifest(&dir)?, seconds))?;
            out.show(&json!({ "advanced_seconds": seconds }), || {
                format!("Advanced every devnet chain by {seconds} s.")
            });
            Ok(())
        }
    }
}

fn op(dir: &Path, command: OpCommand, out: &Output) -> Result<(), CliError> {
    let (done, value) = match command {
        OpCommand::BlacklistGame { game, chain } => {
            let game = parse_address(&game)?;
            let chain = block_on(Devnet::op_blacklist_game(
                &manifest(dir)?,
                chain.as_deref(),
                game,
            ))?;
            (
                format!("Blacklisted game {} on {chain}.", game.to_checksum(None)),
                json!({ "chain": chain, "blacklisted": game.to_checksum(None) }),
            )
        }
        OpCommand::RetireGames { chain } => {
            let chain = block_on(Devnet::op_retire_games(&manifest(dir)?, &chain))?;
            (
                format!("Retired every dispute game of {chain} created so far."),
                json!({ "chain": chain, "retired_games": true }),
            )
        }
        OpCommand::PauseProposer { chain } => {
            let chain = Devnet::op_pause_proposer(dir, &chain, true)?;
            (
                format!("Paused {chain}'s proposer: no new game will cover a withdrawal."),
                json!({ "chain": chain, "proposer_paused": true }),
            )
        }
        OpCommand::ResumeProposer { chain } => {
            let chain = Devnet::op_pause_proposer(dir, &chain, false)?;
            (
                format!("{chain}'s proposer proposes again."),
                json!({ "chain": chain, "proposer_paused": false }),
            )
        }
    };
    out.show(&value, || done);
    Ok(())
}

fn up(
    dir: &Path,
    detach: bool,
    block_time: u64,
    realistic_delays: bool,
    out: &Output,
) -> Result<(), CliError> {
    let (op_clocks, arb_clocks) = if realistic_delays {
        (OpClocks::REALISTIC, ArbClocks::REALISTIC)
    } else {
        (OpClocks::DEVNET, ArbClocks::DEVNET)
    };
    let builder = Devnet::builder()
        .op_clocks(op_clocks)
        .arb_clocks(arb_clocks)
        .dir(dir)
        .block_time((block_time > 0).then_some(block_time))
        .preferred_ports(PREFERRED_PORTS.to_vec())
        .detached(detach);
    let runtime = runtime();
    let started = std::time::Instant::now();
    let devnet = runtime.block_on(builder.up())?;
    let manifest = devnet.manifest().clone();
    let reused = !devnet.started_processes();
    out.show(&manifest, || {
        describe(&manifest, dir, reused, started.elapsed())
    });
    if detach || reused {
        // Leave it running; `devnet down` stops it (and its actors) by recorded PIDs.
        devnet.detach();
        let exe = std::env::current_exe().map_err(|e| CliError::Input(e.to_string()))?;
        let dir_arg = dir.to_string_lossy();
        Devnet::spawn_actors(dir, &exe, &["devnet", "--dir", &dir_arg, "actors"])?;
        return Ok(());
    }
    out.note("Devnet running. Press Ctrl-C to stop it.");
    let interval = actor_interval(&manifest);
    runtime
        .block_on(async {
            tokio::select! {
                signal = tokio::signal::ctrl_c() => signal,
                () = Devnet::run_actors(dir, interval) => Ok(()),
            }
        })
        .map_err(|e| CliError::Input(e.to_string()))?;
    drop(devnet);
    out.note("Devnet stopped.");
    Ok(())
}

/// The actors act once per block (every second with automine).
fn actor_interval(manifest: &Manifest) -> std::time::Duration {
    std::time::Duration::from_secs(manifest.block_time.unwrap_or(1).max(1))
}

fn describe_actors(state: &ActorsState) -> String {
    let process = match (state.pid, state.running) {
        (Some(pid), true) => format!("Actors: running (PID {pid})."),
        (Some(pid), false) => {
            format!("Actors: not running (PID {pid} is gone) — run `switchyard devnet up`.")
        }
        (None, _) => "Actors: run by the foreground `switchyard devnet up`.".to_owned(),
    };
    if state.actors.is_empty() {
        return format!("{process} No round has finished yet.");
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let rows = state
        .actors
        .iter()
        .map(|(name, actor)| {
            let paused = state.paused.contains(name);
            vec![
                name.clone(),
                match (&actor.last_action, actor.last_action_at) {
                    (Some(action), Some(at)) => {
                        format!("{action} ({} s ago)", now.saturating_sub(at))
                    }
                    _ => "—".into(),
                },
                match (&actor.last_error, paused) {
                    (_, true) => "paused".into(),
                    (Some(e), _) => format!("failing: {e}"),
                    (None, _) => "ok".into(),
                },
            ]
        })
        .collect();
    format!(
        "{process}\n{}",
        Output::table(&["Actor", "Last action", "State"], rows)
    )
}

fn manifest(dir: &Path) -> Result<Manifest, CliError> {
    Manifest::read(dir).ok_or_else(|| DevnetError::NotRunning(PathBuf::from(dir)).into())
}

fn describe(manifest: &Manifest, dir: &Path, reused: bool, took: std::time::Duration) -> String {
    let mut text = if reused {
        format!(
            "Devnet already running (manifest {}).\n",
            dir.join("devnet.json").display()
        )
    } else {
        format!(
            "Devnet ready in {:.1} s (manifest {}).\n",
            took.as_secs_f64(),
            dir.join("devnet.json").display()
        )
    };
    for chain in &manifest.chains {
        text.push_str(&format!(
            "  {:<5} chain {:<7} {}\n",
            chain.name, chain.chain_id, chain.rpc_url
        ));
    }
    text.push_str(&format!(
        "Funded test accounts: {} … (mnemonic \"{}\"; test keys, never for real funds)",
        manifest.accounts[0].address, manifest.mnemonic
    ));
    text
}
