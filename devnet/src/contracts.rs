//! The devnet's contracts, deployed on every chain start from the committed solc-js
//! artifacts in `contracts/artifacts/` (see contracts/build.mjs).
//!
//! Deployed from a fixed, impersonated deployer so addresses are the same on every
//! chain and every run, and the funded test accounts keep nonce 0.

use std::collections::BTreeMap;

use alloy::{
    primitives::{Address, B256, Bytes, U256, address},
    sol,
    sol_types::{SolCall, SolValue},
};
use serde::Deserialize;

use crate::{ChainKind, DevnetError, ManifestAccount, published, rpc::Rpc};

/// The address every devnet contract is deployed from (impersonated; holds no key).
pub const DEPLOYER: Address = address!("0x5377697463687961726444657646654465706c6f");

/// Manifest names of the contracts.
pub mod names {
    /// Multicall3 at its canonical address, on every chain.
    pub const MULTICALL3: &str = "multicall3";
    /// 18-decimal test token on every chain.
    pub const TOKEN_18: &str = "test_token_18";
    /// 6-decimal test token on every chain.
    pub const TOKEN_6: &str = "test_token_6";
    /// ETH/USD feed on the L1.
    pub const ETH_USD_FEED: &str = "eth_usd_feed";
    /// On an OP chain: the `OptimismMintableERC20` the standard bridge mints for the
    /// L1's 18-decimal test token.
    pub const BRIDGED_TOKEN_18: &str = "bridged_test_token_18";
    /// On an OP chain: the bridge's counterpart of the L1's 6-decimal test token.
    pub const BRIDGED_TOKEN_6: &str = "bridged_test_token_6";
}

/// The test tokens: manifest name, token name, symbol, decimals.
const TEST_TOKENS: [(&str, &str, &str, u8); 2] = [
    (names::TOKEN_18, "Switchyard Test Token", "SYT", 18),
    (names::TOKEN_6, "Switchyard Test Dollar", "SYUSD", 6),
];

/// A test token's name, symbol and decimals, by manifest name.
pub fn test_token(name: &str) -> Option<(&'static str, &'static str, u8)> {
    TEST_TOKENS
        .iter()
        .find(|(n, ..)| *n == name)
        .map(|(_, title, symbol, decimals)| (*title, *symbol, *decimals))
}

/// Test tokens minted to each funded account: one million whole tokens.
const MINT_WHOLE_TOKENS: u64 = 1_000_000;
/// The feed's initial ETH/USD answer: 3000.00000000 (8 decimals, as Chainlink's).
const INITIAL_ETH_USD: i64 = 3000 * 100_000_000;

sol! {
    function mint(address to, uint256 amount);
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    bytecode: Bytes,
}

fn artifact(json: &str) -> Artifact {
    serde_json::from_str(json).expect("committed artifacts parse")
}

/// Deploys the devnet contracts on one chain (which must be mining on every transaction)
/// and returns their addresses by name.
pub async fn deploy(
    rpc: &Rpc,
    kind: ChainKind,
    accounts: &[ManifestAccount],
) -> Result<BTreeMap<String, Address>, DevnetError> {
    rpc.call::<_, ()>(
        "anvil_setCode",
        (published::MULTICALL3, published::multicall3_code()?),
    )
    .await?;
    rpc.call::<_, ()>("anvil_setBalance", (DEPLOYER, U256::from(10u128.pow(21))))
        .await?;
    impersonating(rpc, DEPLOYER, async || {
        deploy_contracts(rpc, kind, accounts).await
    })
    .await
}

async fn deploy_contracts(
    rpc: &Rpc,
    kind: ChainKind,
    accounts: &[ManifestAccount],
) -> Result<BTreeMap<String, Address>, DevnetError> {
    let token = artifact(include_str!("../../contracts/artifacts/TestToken.json"));
    let mut out = BTreeMap::from([(names::MULTICALL3.to_owned(), published::MULTICALL3)]);
    for (name, title, symbol, decimals) in TEST_TOKENS {
        // uint8 encodes as a full word, like uint256.
        let args = (title.to_owned(), symbol.to_owned(), U256::from(decimals)).abi_encode_params();
        let at = create(rpc, [token.bytecode.as_ref(), &args].concat()).await?;
        let amount = U256::from(MINT_WHOLE_TOKENS) * U256::from(10).pow(U256::from(decimals));
        for account in accounts {
            send(
                rpc,
                at,
                mintCall {
                    to: account.address,
                    amount,
                }
                .abi_encode(),
            )
            .await?;
        }
        out.insert(name.to_owned(), at);
    }
    if kind == ChainKind::Ethereum {
        let feed = artifact(include_str!(
            "../../contracts/artifacts/DevnetPriceFeed.json"
        ));
        let args = (
            U256::from(8),
            "ETH / USD".to_owned(),
            alloy::primitives::I256::try_from(INITIAL_ETH_USD).expect("fits"),
        )
            .abi_encode_params();
        out.insert(
            names::ETH_USD_FEED.to_owned(),
            create(rpc, [feed.bytecode.as_ref(), &args].concat()).await?,
        );
    }
    Ok(out)
}

/// Mints test tokens to `to` from the impersonated deployer: sends every mint, then
/// waits for the receipts (on an interval-mining chain they share one block).
pub async fn mint(rpc: &Rpc, to: Address, mints: &[(Address, U256)]) -> Result<(), DevnetError> {
    let hashes = impersonating(rpc, DEPLOYER, async || {
        let mut hashes = Vec::new();
        for (token, amount) in mints {
            let data = Bytes::from(mintCall { to, amount: *amount }.abi_encode());
            let tx = serde_json::json!({ "from": DEPLOYER, "to": token, "data": data, "gas": "0x2dc6c0" });
            hashes.push(rpc.call::<_, B256>("eth_sendTransaction", (tx,)).await?);
        }
        Ok(hashes)
    })
    .await?;
    for hash in hashes {
        rpc.wait(hash).await?;
    }
    Ok(())
}

/// Runs `work` while anvil lets anyone send transactions as `who`, and stops that
/// afterwards whether `work` succeeded or not.
pub(crate) async fn impersonating<T>(
    rpc: &Rpc,
    who: Address,
    work: impl AsyncFnOnce() -> Result<T, DevnetError>,
) -> Result<T, DevnetError> {
    rpc.call::<_, ()>("anvil_impersonateAccount", (who,))
        .await?;
    let result = work().await;
    rpc.call::<_, ()>("anvil_stopImpersonatingAccount", (who,))
        .await?;
    result
}

/// Deploys `code` (creation code with its arguments) from the impersonated [`DEPLOYER`].
pub(crate) async fn create(rpc: &Rpc, code: Vec<u8>) -> Result<Address, DevnetError> {
    let receipt = transact(
        rpc,
        serde_json::json!({ "from": DEPLOYER, "data": Bytes::from(code), "gas": "0x1c9c380" }),
    )
    .await?;
    receipt["contractAddress"]
        .as_str()
        .and_then(|a| a.parse().ok())
        .ok_or_else(|| rpc.error("eth_getTransactionReceipt", "no contract address"))
}

/// Calls `to` from the impersonated [`DEPLOYER`] and waits for success.
pub(crate) async fn send(rpc: &Rpc, to: Address, data: Vec<u8>) -> Result<(), DevnetError> {
    transact(rpc, serde_json::json!({ "from": DEPLOYER, "to": to, "data": Bytes::from(data), "gas": "0x2dc6c0" })).await?;
    Ok(())
}

/// Sends a transaction from an impersonated account and waits for a successful receipt
/// (the chain must be mining on every transaction).
pub(crate) async fn transact(
    rpc: &Rpc,
    tx: serde_json::Value,
) -> Result<serde_json::Value, DevnetError> {
    let hash: B256 = rpc.call("eth_sendTransaction", (tx,)).await?;
    rpc.wait(hash).await
}
