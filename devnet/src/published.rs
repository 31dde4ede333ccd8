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

/// A contracts-bedrock forge artifact's code.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BedrockArtifact {
    /// Creation code (constructor arguments are appended to it).
    #[serde(deserialize_with = "object")]
    pub bytecode: Bytes,
    /// Runtime code.
    #[serde(deserialize_with = "object")]
    pub deployed_bytecode: Bytes,
}

/// Forge writes code as `{ "object": "0x…", … }`.
fn object<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
    #[derive(serde::Deserialize)]
    struct Code {
        object: Bytes,
    }
    Ok(<Code as serde::Deserialize>::deserialize(d)?.object)
}

/// A contract of contracts-bedrock, from `forge-artifacts/<Name>.sol/<Name>.json`. Every
/// production contract there is fully linked (no library placeholders); read once per
/// process, as two OP chains deploy the same contracts.
pub fn bedrock(name: &str) -> Result<std::sync::Arc<BedrockArtifact>, DevnetError> {
    static CACHE: std::sync::LazyLock<
        std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<BedrockArtifact>>>,
    > = std::sync::LazyLock::new(Default::default);
    if let Some(artifact) = CACHE.lock().expect("not poisoned").get(name) {
        return Ok(artifact.clone());
    }
    let path = package_file(
        CONTRACTS_BEDROCK,
        &format!("forge-artifacts/{name}.sol/{name}.json"),
    )?;
    let text = std::fs::read_to_string(&path).map_err(|source| DevnetError::Io {
        path: path.clone(),
        source,
    })?;
    let artifact: BedrockArtifact = serde_json::from_str(&text)
        .map_err(|e| DevnetError::Input(format!("{}: {e}", path.display())))?;
    if artifact.bytecode.is_empty() || artifact.deployed_bytecode.is_empty() {
        return Err(DevnetError::Input(format!("{}: no code", path.display())));
    }
    let artifact = std::sync::Arc::new(artifact);
    CACHE
        .lock()
        .expect("not poisoned")
        .insert(name.to_owned(), artifact.clone());
    Ok(artifact)
}

/// Runtime code of an OP Stack predeploy implementation (these have no immutables or
/// linked libraries, so the code runs as is at the predeploy address).
pub fn op_predeploy_code(name: &str) -> Result<Bytes, DevnetError> {
    Ok(bedrock(name)?.deployed_bytecode.clone())
}

/// A Hardhat artifact's creation code (`bytecode`, a hex string, or Foundry's
/// `{ "object": … }` for the Yul ones), from an npm package of the tools folder.
pub fn hardhat_bytecode(package: &str, file: &str) -> Result<Bytes, DevnetError> {
    let path = package_file(package, file)?;
    let text = std::fs::read_to_string(&path).map_err(|source| DevnetError::Io {
        path: path.clone(),
        source,
    })?;
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Code {
        Hex(Bytes),
        Object { object: Bytes },
    }
    #[derive(serde::Deserialize)]
    struct Artifact {
        bytecode: Code,
    }
    let artifact: Artifact = serde_json::from_str(&text)
        .map_err(|e| DevnetError::Input(format!("{}: {e}", path.display())))?;
    let code = match artifact.bytecode {
        Code::Hex(code) | Code::Object { object: code } => code,
    };
    if code.is_empty() {
        return Err(DevnetError::Input(format!(
            "{}: no bytecode",
            path.display()
        )));
    }
    Ok(code)
}
