//! Contract code published by others, read from the npm packages of the tools folder
//! (see [`crate::tools`]; pinned in tools/package.json), never downloaded at run time and
//! never re-typed by hand.

use alloy::primitives::{Address, B256, Bytes, address, b256, keccak256};

use crate::{DevnetError, tools::package_file};

/// Multicall3's canonical address on nearly every EVM chain.
pub const MULTICALL3: Address = address!("0xcA11bde05977b3631167028862bE2a173976CA11");
/// keccak256 of Multicall3's canonical runtime code (the same on Ethereum, OP Mainnet, …).
pub const MULTICALL3_CODE_HASH: B256 =
    b256!("0xd5c15df687b16f2ff992fc8d767b4216323184a2bbc6ee2f9c398c318e770891");

const CONTRACTS_BEDROCK: &str = "@eth-optimism/contracts-bedrock";

/// Multicall3's runtime code, from `@eth-optimism/contracts-bedrock`'s
/// `src/libraries/Preinstalls.sol` (constant `MultiCall3Code`), checked against the
/// canonical code hash.
pub fn multicall3_code() -> Result<Bytes, DevnetError> {
    let path = package_file(CONTRACTS_BEDROCK, "src/libraries/Preinstalls.sol")?;
    let source = std::fs::read_to_string(&path).map_err(|source| DevnetError::Io {
        path: path.clone(),
        source,
    })?;
    let bad = |why: &str| DevnetError::Input(format!("{}: {why}", path.display()));
    let after = source
        .split_once("MultiCall3Code =")
        .ok_or_else(|| bad("no MultiCall3Code constant"))?
        .1;
    let hex = after
        .split_once("hex\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .ok_or_else(|| bad("MultiCall3Code is not a hex literal"))?
        .0;
    let code: Bytes = hex
        .parse()
        .map_err(|_| bad("MultiCall3Code is not valid hex"))?;
    if keccak256(&code) != MULTICALL3_CODE_HASH {
        return Err(bad(
            "MultiCall3Code does not have Multicall3's canonical code hash",
        ));
    }
    Ok(code)
}

/// Runtime code of an OP Stack predeploy implementation from contracts-bedrock's
/// `forge-artifacts/<Name>.sol/<Name>.json` (`deployedBytecode.object`; these have no
/// immutables or linked libraries, so the code runs as is at the predeploy address).
pub fn op_predeploy_code(name: &str) -> Result<Bytes, DevnetError> {
    let path = package_file(
        CONTRACTS_BEDROCK,
        &format!("forge-artifacts/{name}.sol/{name}.json"),
    )?;
    let text = std::fs::read_to_string(&path).map_err(|source| DevnetError::Io {
        path: path.clone(),
        source,
    })?;
    let artifact: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| DevnetError::Input(format!("{}: {e}", path.display())))?;
    artifact["deployedBytecode"]["object"]
        .as_str()
        .and_then(|hex| hex.parse().ok())
        .filter(|code: &Bytes| !code.is_empty())
        .ok_or_else(|| {
            DevnetError::Input(format!("{}: no deployedBytecode.object", path.display()))
        })
}
