//! The wallet's chain registry loads a running devnet's manifest as the "Devnet" profile.

use switchyard_core::chain::{ChainKind, DevnetProfileError, RollupContracts, devnet_profile};
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
    // The L2s settle on the devnet's L1; the L1 on nothing.
    let parents: Vec<Option<u64>> = profile.chains.iter().map(|c| c.parent).collect();
    assert_eq!(parents, [None, Some(900), Some(900), Some(900)]);
    assert!(
        profile
            .chain(900)
            .unwrap()
            .contracts
            .contains_key(names::ETH_USD_FEED)
    );

    // Each rollup's deployed contracts come through typed.
    for chain in &devnet.manifest().chains {
        let loaded = &profile.chain(chain.chain_id).unwrap().rollup;
        match chain.kind {
            ChainKind::OpStack => {
                let deployed = chain.op_l1.as_ref().unwrap();
                assert_eq!(loaded.as_ref(), Some(&deployed.rollup()));
            }
            ChainKind::Arbitrum => {
                let deployed = chain.arb.as_ref().unwrap();
                assert_eq!(loaded.as_ref(), Some(&deployed.rollup_contracts()));
                assert!(
                    matches!(loaded, Some(RollupContracts::Arbitrum(a)) if a.inbox == deployed.inbox)
                );
            }
            ChainKind::Ethereum => assert_eq!(loaded, &None),
        }
    }

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
