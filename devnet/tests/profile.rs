//! The wallet's chain registry loads a running devnet's manifest as the "Devnet" profile.

use switchyard_core::chain::{ChainKind, DevnetProfileError, devnet_profile};
use switchyard_devnet::{Devnet, contracts::names, published::MULTICALL3};

#[tokio::test(flavor = "multi_thread")]
async fn manifest_loads_as_the_devnet_profile() {
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let profile = devnet_profile(devnet.dir()).unwrap();
    assert_eq!(profile.name, "Devnet");
    let ids: Vec<u64> = profile.chains.iter().map(|c| c.chain_id).collect();
    assert_eq!(ids, [900, 901, 902, 412_346]);
    let op = profile.chain(901).unwrap();
    assert_eq!(op.kind, ChainKind::OpStack);
    assert_eq!(op.rpc_urls, [devnet.rpc_url(901).unwrap()]);
    assert_eq!(op.multicall3, Some(MULTICALL3));
    assert_eq!(
        op.contracts[names::TOKEN_6],
        devnet.manifest().chains[1].contracts[names::TOKEN_6]
    );
    assert_eq!(profile.chain(412_346).unwrap().kind, ChainKind::Arbitrum);
    assert!(
        profile
            .chain(900)
            .unwrap()
            .contracts
            .contains_key(names::ETH_USD_FEED)
    );

    // A corrupt or missing manifest is explained, not trusted.
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        devnet_profile(dir.path()),
        Err(DevnetProfileError::Missing(_))
    ));
    std::fs::write(dir.path().join("devnet.json"), "{ nope").unwrap();
    let err = devnet_profile(dir.path()).unwrap_err();
    assert!(matches!(err, DevnetProfileError::Invalid { .. }));
    assert!(err.to_string().contains("switchyard devnet up"));
}
