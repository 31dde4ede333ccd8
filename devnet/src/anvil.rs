//! Finding anvil and starting one chain.

use std::{
    fs::File,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
};

use crate::{ChainKind, ChainPlan, DevnetError};

/// Environment variable naming an anvil binary to use instead of the npm-installed one.
pub const ANVIL_ENV: &str = "SWITCHYARD_ANVIL";

/// The anvil binary: `$SWITCHYARD_ANVIL`, else the one the npm package `@foundry-rs/anvil`
/// installs into the tools folder (see [`crate::tools`]).
pub fn binary() -> Result<PathBuf, DevnetError> {
    if let Some(path) = std::env::var_os(ANVIL_ENV) {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(DevnetError::AnvilMissing {
                looked: path.display().to_string(),
            })
        };
    }
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    let exe = if os == "win32" { "anvil.exe" } else { "anvil" };
    let path = crate::tools::node_modules()?
        .join("@foundry-rs")
        .join(format!("anvil-{os}-{arch}"))
        .join("bin")
        .join(exe);
    if path.is_file() {
        Ok(path)
    } else {
        Err(DevnetError::AnvilMissing {
            looked: path.display().to_string(),
        })
    }
}

/// How to start one anvil.
pub struct Launch<'a> {
    /// The anvil binary.
    pub binary: &'a Path,
    /// The chain.
    pub chain: &'a ChainPlan,
    /// Port on 127.0.0.1.
    pub port: u16,
    /// Where anvil's output goes.
    pub log: &'a Path,
    /// Start in its own process group, so a Ctrl-C in the terminal does not stop a
    /// detached devnet.
    pub detached: bool,
}

/// Starts anvil, mining on every transaction (the devnet deploys its contracts, then
/// switches to interval mining); the caller waits for it to answer.
pub fn spawn(launch: &Launch<'_>) -> Result<Child, DevnetError> {
    let failed = |reason: String| DevnetError::AnvilFailed {
        chain: launch.chain.name.clone(),
        reason,
        log: launch.log.to_owned(),
    };
    let log =
        File::create(launch.log).map_err(|e| failed(format!("cannot create its log: {e}")))?;
    let log_err = log.try_clone().map_err(|e| failed(e.to_string()))?;
    let mut cmd = Command::new(launch.binary);
    cmd.args(["--host", "127.0.0.1", "--port", &launch.port.to_string()])
        .args(["--chain-id", &launch.chain.chain_id.to_string()])
        // Funded accounts come from anvil's well-known test mnemonic (see manifest).
        .args(["--accounts", "10", "--balance", "10000"])
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err);
    crate::process::scrub_secrets(&mut cmd);
    match launch.chain.kind {
        ChainKind::OpStack => {
            cmd.args(["--optimism"]);
        }
        ChainKind::Ethereum => {
            // Start at the L1 base fee of the OP Mainnet reference block, so L2 data fees
            // begin realistic; from there EIP-1559 moves it as blocks fill or empty.
            let base_fee = crate::op_stack::L1Attributes::op_mainnet_reference().base_fee;
            cmd.args(["--block-base-fee-per-gas", &base_fee.to_string()]);
        }
        ChainKind::Arbitrum => {}
    }
    #[cfg(unix)]
    if launch.detached {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    cmd.spawn().map_err(|e| failed(e.to_string()))
}
