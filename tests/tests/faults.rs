//! Money safety under network faults, through the wallet facade, with a fault-injecting
//! proxy as the only RPC of the devnet L1: a broadcast that may have reached a node is
//! never "nothing was sent"; its record stays open, converges to what the chain says once
//! the RPC is back (re-broadcast when the chain lacks it), a retry of the same payment is
//! flagged before signing, and a new payment takes the next nonce.

use std::{path::Path, time::Duration};

use alloy::primitives::{Address, U256, address};
use switchyard_core::{
    SendInput, Session, Wallet,
    accounts::AccountSigner,
    assets::parse_units,
    chain::ChainKind,
    fees::Speed,
    networks::Networks,
    tx::{Amount, TxRecord, TxStatus},
    views::Update,
};
use switchyard_devnet::{
    Devnet, Manifest,
    rpc_proxy::{Fault, RpcProxy},
};
use switchyard_tests::{anvil_wallet, balance, devnet, raw_rpc};

const SEND_RAW: &str = "eth_sendRawTransaction";

/// A wallet whose devnet profile reaches the L1 only through `proxy`.
struct Faulty {
    _dirs: (tempfile::TempDir, tempfile::TempDir),
    wallet: Wallet,
    session: Session,
    networks: Networks,
}

impl Faulty {
    fn new(devnet: &Devnet, proxy: &RpcProxy) -> Self {
        let devnet_dir = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::read(devnet.dir()).unwrap();
        for chain in &mut manifest.chains {
            if chain.kind == ChainKind::Ethereum {
                chain.rpc_url = proxy.url();
            }
        }
        manifest.write(devnet_dir.path()).unwrap();
        let (data, wallet, session, networks) = anvil_wallet(devnet_dir.path());
        Self {
            _dirs: (data, devnet_dir),
            wallet,
            session,
            networks,
        }
    }

    fn signer(&self) -> AccountSigner {
        let account = self.wallet.accounts(false).unwrap().remove(0);
        AccountSigner::Local(self.wallet.local_signer(&self.session, &account).unwrap())
    }

    async fn prepare(&self, to: Address, amount: &str) -> switchyard_core::tx::PreparedTx {
        let to = to.to_checksum(None);
        self.wallet
            .prepare_send(
                &self.networks,
                &SendInput {
                    from: None,
                    chain: "l1",
                    to: &to,
                    asset: None,
                    amount: Amount::Exact(amount.into()),
                    speed: Speed::Normal,
                },
            )
            .await
            .unwrap()
    }

    /// Signs and broadcasts; the error's code and message when it fails.
    async fn send(
        &self,
        prepared: &switchyard_core::tx::PreparedTx,
    ) -> Result<TxRecord, (String, String)> {
        self.wallet
            .send(&self.signer(), &self.networks, prepared)
            .await
            .map_err(|e| (e.code().to_string(), e.to_string()))
    }

    fn stored(&self, hash: &str) -> TxRecord {
        self.wallet.transaction(hash).unwrap()
    }

    /// Passes over the open transactions until `hash` leaves `from`, or gives up.
    async fn settle(&self, hash: &str, from: TxStatus) -> TxRecord {
        for _ in 0..40 {
            self.wallet
                .refresh_transactions(&self.networks)
                .await
                .unwrap();
            let record = self.stored(hash);
            if record.status != from && record.status != TxStatus::Pending {
                return record;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        self.stored(hash)
    }
}

fn eth(s: &str) -> U256 {
    parse_units(s, 18).unwrap()
}

fn l1(devnet: &Devnet) -> String {
    devnet
        .manifest()
        .chains
        .iter()
        .find(|c| c.kind == ChainKind::Ethereum)
        .unwrap()
        .rpc_url
        .clone()
}

async fn balance_of(devnet: &Devnet, who: Address) -> U256 {
    let spec = switchyard_core::chain::devnet_profile(devnet.dir())
        .unwrap()
        .chains
        .into_iter()
        .find(|c| c.kind == ChainKind::Ethereum)
        .unwrap();
    let client = switchyard_core::rpc::ChainClient::new(spec, Duration::from_secs(10)).unwrap();
    balance(&client, who, None).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_broadcast_that_may_have_arrived_is_never_reported_as_not_sent() {
    let devnet = devnet().await;
    let proxy = RpcProxy::start(&l1(&devnet)).await.unwrap();
    let w = Faulty::new(&devnet, &proxy);

    for (i, fault) in [
        Fault::ForwardThenError,
        Fault::ForwardThenDrop,
        Fault::ForwardThenHang,
    ]
    .into_iter()
    .enumerate()
    {
        let to = Address::repeat_byte(0x60 + i as u8);
        let prepared = w.prepare(to, "0.5").await;
        assert_eq!(prepared.possible_duplicate_of, None);
        proxy.set_fault_on(&[SEND_RAW], fault.clone());
        let (code, message) = w.send(&prepared).await.unwrap_err();
        assert_eq!(code, "broadcast_unknown", "{fault:?}: {message}");
        assert!(!message.contains("Nothing was sent"), "{message}");
        assert!(message.contains("may have been sent"), "{message}");
        let hash = message
            .split_whitespace()
            .find(|w| w.starts_with("0x") && w.len() == 66)
            .unwrap()
            .to_owned();
        assert_eq!(w.stored(&hash).status, TxStatus::Unknown);

        // A retry of the same payment is flagged before anything is signed.
        let retry = w.prepare(to, "0.5").await;
        assert_eq!(
            retry.possible_duplicate_of.map(|h| h.to_string()),
            Some(hash.clone())
        );
        assert!(
            retry
                .warnings
                .iter()
                .any(|w| w.contains("looks like a retry")),
            "{:?}",
            retry.warnings
        );

        // While the RPC answers nothing at all, the record stays unknown: nothing is
        // claimed that the chain did not say, and the chain is listed as unchecked.
        proxy.set_fault(Fault::Drop);
        let refresh = w.wallet.refresh_transactions(&w.networks).await.unwrap();
        assert!(
            refresh.unchecked.contains_key(&900),
            "{:?}",
            refresh.unchecked
        );
        assert!(refresh.skipped.iter().any(|(h, _)| h.to_string() == hash));
        assert_eq!(w.stored(&hash).status, TxStatus::Unknown);

        // Back: the chain has it (the node acted before the fault), so it is included,
        // with the fee it paid; it was paid once.
        proxy.set_fault(Fault::None);
        let settled = w.settle(&hash, TxStatus::Unknown).await;
        assert_eq!(settled.status, TxStatus::Included, "{fault:?}");
        assert!(settled.fee_paid.is_some());
        assert_eq!(balance_of(&devnet, to).await, eth("0.5"), "{fault:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_transaction_the_chain_never_got_is_broadcast_again_and_the_next_takes_its_own_nonce() {
    let devnet = devnet().await;
    let proxy = RpcProxy::start(&l1(&devnet)).await.unwrap();
    let w = Faulty::new(&devnet, &proxy);
    let (first_to, second_to) = (Address::repeat_byte(0x71), Address::repeat_byte(0x72));

    // The connection closes before the node gets it: the client cannot tell that from a
    // close after forwarding, so it is unknown, not "not sent".
    proxy.set_fault_on(&[SEND_RAW], Fault::Drop);
    let (code, message) = w
        .send(&w.prepare(first_to, "0.25").await)
        .await
        .unwrap_err();
    assert_eq!(code, "broadcast_unknown", "{message}");
    let first = w.wallet.history(None, 1).unwrap().remove(0);
    assert_eq!(first.status, TxStatus::Unknown);
    proxy.set_fault(Fault::None);

    // Another payment meanwhile: warned about the earlier one, and placed after it (the
    // node's pending nonce does not count a transaction it never got).
    let other = w.prepare(second_to, "0.1").await;
    assert_eq!(other.possible_duplicate_of, None, "a different payment");
    assert!(
        other
            .warnings
            .iter()
            .any(|w| w.contains("may have been sent") && w.contains(&first.hash.to_string())),
        "{:?}",
        other.warnings
    );
    assert_eq!(other.transaction.nonce, Some(first.nonce + 1));
    let second = w.send(&other).await.unwrap();
    assert_eq!(second.nonce, first.nonce + 1);

    // The next pass finds the chain lacks the first, broadcasts the stored bytes again,
    // and both are mined, each once.
    let first = w.settle(&first.hash.to_string(), TxStatus::Unknown).await;
    assert_eq!(first.status, TxStatus::Included);
    let second = w.settle(&second.hash.to_string(), TxStatus::Pending).await;
    assert_eq!(second.status, TxStatus::Included);
    assert_eq!(balance_of(&devnet, first_to).await, eth("0.25"));
    assert_eq!(balance_of(&devnet, second_to).await, eth("0.1"));
}

#[tokio::test(flavor = "multi_thread")]
async fn waiting_through_an_outage_returns_the_last_known_state_not_an_error() {
    let devnet = devnet().await;
    let proxy = RpcProxy::start(&l1(&devnet)).await.unwrap();
    let w = Faulty::new(&devnet, &proxy);
    let sent = w
        .send(&w.prepare(Address::repeat_byte(0x74), "0.2").await)
        .await
        .unwrap();
    // The node took it; then the RPC stops answering before the first look.
    proxy.set_fault(Fault::Drop);
    let waited = w
        .wallet
        .wait_for(&w.networks, &sent, Duration::from_secs(2), |r| {
            r.status == TxStatus::Included
        })
        .await
        .expect("the last known state, not an error");
    assert_eq!(waited.status, TxStatus::Pending);
    proxy.set_fault(Fault::None);
    let settled = w.settle(&sent.hash.to_string(), TxStatus::Pending).await;
    assert_eq!(settled.status, TxStatus::Included);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_update_stream_reports_a_change_another_path_saw_first() {
    let devnet = devnet().await;
    let proxy = RpcProxy::start(&l1(&devnet)).await.unwrap();
    let w = Faulty::new(&devnet, &proxy);
    let mut follower = w.wallet.follower().unwrap();
    let sent = w
        .send(&w.prepare(Address::repeat_byte(0x75), "0.1").await)
        .await
        .unwrap();
    let changes = |pass: &switchyard_core::wallet::Followed| -> Vec<TxStatus> {
        pass.updates
            .iter()
            .filter_map(|u| match u {
                Update::Transaction { tx, .. } if tx.hash == sent.hash.to_string() => {
                    Some(tx.status)
                }
                _ => None,
            })
            .collect()
    };
    // Another path (here the history refresh a `tx list` does) sees it included before
    // the stream's next pass and writes that to the store; the stream still reports it.
    let settled = w.settle(&sent.hash.to_string(), TxStatus::Pending).await;
    assert!(matches!(
        settled.status,
        TxStatus::Included | TxStatus::Final
    ));
    let next = w.wallet.follow(&w.networks, &mut follower).await.unwrap();
    let next = changes(&next);
    assert!(
        next.first()
            .is_some_and(|s| matches!(s, TxStatus::Included | TxStatus::Final)),
        "{next:?}"
    );
    let again = w.wallet.follow(&w.networks, &mut follower).await.unwrap();
    assert!(
        changes(&again)
            .iter()
            .all(|s| *s == TxStatus::Final && next[0] != TxStatus::Final),
        "a change is reported once: {:?}",
        changes(&again)
    );

    // One that appears and is final between two passes (included, 70 blocks mined, then
    // settled by another path) is still reported, as final.
    let quick = w
        .send(&w.prepare(Address::repeat_byte(0x76), "0.1").await)
        .await
        .unwrap();
    w.settle(&quick.hash.to_string(), TxStatus::Pending).await;
    raw_rpc(&l1(&devnet), "anvil_mine", serde_json::json!(["0x46"])).await;
    let settled = w.settle(&quick.hash.to_string(), TxStatus::Included).await;
    assert_eq!(settled.status, TxStatus::Final);
    let pass = w.wallet.follow(&w.networks, &mut follower).await.unwrap();
    assert!(
        pass.updates.iter().any(|u| matches!(u,
            Update::Transaction { tx, .. }
                if tx.hash == quick.hash.to_string() && tx.status == TxStatus::Final)),
        "{:?}",
        pass.updates
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dropped_record_of_an_older_version_is_repaired_from_the_chain() {
    let devnet = devnet().await;
    let proxy = RpcProxy::start(&l1(&devnet)).await.unwrap();
    let w = Faulty::new(&devnet, &proxy);
    let to = address!("0x0000000000000000000000000000000000007373");
    let sent = w.send(&w.prepare(to, "0.3").await).await.unwrap();
    let mined = w.settle(&sent.hash.to_string(), TxStatus::Pending).await;
    assert_eq!(mined.status, TxStatus::Included);

    // What versions before 0.3 of the schema stored after a failed broadcast that had in
    // fact reached the node, as the migration marks it.
    let mut legacy = mined.clone();
    legacy.status = TxStatus::Dropped;
    legacy.recheck = true;
    (legacy.block_number, legacy.fee_paid, legacy.succeeded) = (None, None, None);
    store_of(&w).update_transaction(&legacy).unwrap();

    let refresh = w.wallet.refresh_transactions(&w.networks).await.unwrap();
    let repaired = refresh
        .updated
        .iter()
        .find(|r| r.hash == mined.hash)
        .expect("looked at again");
    assert_eq!(repaired.status, TxStatus::Included);
    assert_eq!(repaired.block_number, mined.block_number);
    assert_eq!(repaired.fee_paid, mined.fee_paid);
    assert!(!w.stored(&mined.hash.to_string()).recheck, "checked once");
}

/// The wallet's own database, opened beside it (SQLite serializes the two connections).
fn store_of(w: &Faulty) -> switchyard_core::store::Store {
    switchyard_core::store::Store::open(&Path::new(w.wallet.data_dir()).join("switchyard.db"))
        .unwrap()
}
