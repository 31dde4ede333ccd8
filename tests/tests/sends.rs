//! Sending on the devnet with software keys: every chain kind end to end with the stored
//! fee equal to what the chain took from the sender; ERC-20; send max on an OP chain;
//! replacement (speed-up, cancel); finality; and the bad inputs that must stop before signing.

use std::time::Duration;

use alloy::{
    primitives::{Address, U256},
    signers::local::PrivateKeySigner,
};
use switchyard_core::{
    assets::{AssetId, devnet_tokens, parse_units},
    chain::ChainKind,
    fees::Speed,
    rpc::ChainClient,
    store::Store,
    tx::{
        Amount, SendRequest, TxError, TxKind, TxStatus, prepare_replacement, prepare_send,
        sign_and_broadcast, wait_until,
    },
};
use switchyard_tests::{balance, clients, devnet, of_kind, raw_rpc, signer};

const WAIT: Duration = Duration::from_secs(20);

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("wallet.sqlite")).unwrap();
    (dir, store)
}

fn eth(s: &str) -> U256 {
    parse_units(s, 18).unwrap()
}

fn send_eth(from: &PrivateKeySigner, to: Address, amount: &str) -> SendRequest {
    SendRequest {
        from: from.address(),
        to,
        token: None,
        amount: Amount::Exact(amount.into()),
        speed: Speed::Normal,
    }
}

async fn send_and_include(
    store: &Store,
    client: &ChainClient,
    key: &PrivateKeySigner,
    request: &SendRequest,
) -> switchyard_core::tx::TxRecord {
    let prepared = prepare_send(client, request).await.unwrap();
    let record = sign_and_broadcast(store, client, key, &prepared)
        .await
        .unwrap();
    assert_eq!(record.status, TxStatus::Pending);
    wait_until(store, client, &record, WAIT, |r| {
        r.status == TxStatus::Included
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn eth_sends_on_every_chain_kind_store_the_fee_the_chain_took() {
    let devnet = devnet().await;
    let (_dir, store) = store();
    let key = signer(&devnet, 1);
    let to = Address::repeat_byte(0x51);
    for client in clients(&devnet) {
        let before = balance(&client, key.address(), None).await;
        let record = send_and_include(&store, &client, &key, &send_eth(&key, to, "1.25")).await;
        assert_eq!(record.status, TxStatus::Included, "{}", client.name());
        assert_eq!(record.succeeded, Some(true));
        let block = record.block_number.unwrap();
        let after = balance(&client, key.address(), Some(block)).await;
        let fee = record.fee_paid.unwrap();
        assert_eq!(
            before - after,
            eth("1.25") + fee,
            "{}: stored fee = what the chain took",
            client.name()
        );
        match client.spec().kind {
            ChainKind::OpStack => assert!(
                record.l1_fee.unwrap() > U256::ZERO,
                "{}: L1 data fee paid",
                client.name()
            ),
            _ => assert!(record.l1_fee.is_none()),
        }
        // The stored history has it, and the quote was not below what was paid.
        let stored = store
            .transaction(&record.hash.to_string())
            .unwrap()
            .unwrap();
        assert_eq!(stored.fee_paid, Some(fee));
        assert!(
            record.quoted_fee >= fee || client.spec().kind == ChainKind::OpStack,
            "{}",
            client.name()
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn erc20_send_moves_exactly_the_amount_and_tracks_to_final() {
    let devnet = devnet().await;
    let (_dir, store) = store();
    let key = signer(&devnet, 2);
    let client = of_kind(&clients(&devnet), ChainKind::OpStack).remove(0);
    let token = devnet_tokens(client.spec())
        .into_iter()
        .find(|t| t.decimals == 6)
        .unwrap();
    let to = Address::repeat_byte(0x61);
    let request = SendRequest {
        from: key.address(),
        to,
        token: Some(token.clone()),
        amount: Amount::Exact("12.345678".into()),
        speed: Speed::Fast,
    };
    let record = send_and_include(&store, &client, &key, &request).await;
    assert_eq!(record.asset, AssetId::Token(token.address));
    assert_eq!(record.amount, U256::from(12_345_678u64));
    assert_eq!(record.succeeded, Some(true));
    // Finality: the devnet finalizes 64 blocks behind the head (anvil's rule).
    raw_rpc(
        &client.spec().rpc_urls[0],
        "anvil_mine",
        serde_json::json!(["0x41"]),
    )
    .await;
    let done = wait_until(&store, &client, &record, WAIT, |r| {
        r.status == TxStatus::Final
    })
    .await
    .unwrap();
    assert_eq!(done.status, TxStatus::Final);
}

#[tokio::test(flavor = "multi_thread")]
async fn send_max_on_an_op_chain_succeeds_and_leaves_a_balance_of_zero_or_more() {
    let devnet = devnet().await;
    let (_dir, store) = store();
    let funder = signer(&devnet, 3);
    let client = of_kind(&clients(&devnet), ChainKind::OpStack).remove(1);
    // A fresh account holding exactly 0.05 ETH.
    let fresh = PrivateKeySigner::random();
    send_and_include(
        &store,
        &client,
        &funder,
        &send_eth(&funder, fresh.address(), "0.05"),
    )
    .await;
    let request = SendRequest {
        from: fresh.address(),
        to: funder.address(),
        token: None,
        amount: Amount::Max,
        speed: Speed::Normal,
    };
    let prepared = prepare_send(&client, &request).await.unwrap();
    assert!(prepared.fee.l1_data > U256::ZERO);
    assert_eq!(
        prepared.amount + prepared.fee.worst_case,
        eth("0.05"),
        "max reserves the worst case"
    );
    let record = sign_and_broadcast(&store, &client, &fresh, &prepared)
        .await
        .unwrap();
    let record = wait_until(&store, &client, &record, WAIT, |r| {
        r.status == TxStatus::Included
    })
    .await
    .unwrap();
    assert_eq!(record.succeeded, Some(true));
    let left = balance(&client, fresh.address(), None).await;
    assert_eq!(
        left,
        eth("0.05") - prepared.amount - record.fee_paid.unwrap()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn speed_up_and_cancel_replace_a_stuck_transaction() {
    let devnet = devnet().await;
    let (_dir, store) = store();
    let key = signer(&devnet, 4);
    let client = of_kind(&clients(&devnet), ChainKind::Ethereum).remove(0);
    let url = client.spec().rpc_urls[0].clone();
    raw_rpc(&url, "evm_setAutomine", serde_json::json!([false])).await;
    let to = Address::repeat_byte(0x71);

    // Speed-up: the replacement is mined, the original is marked replaced.
    let prepared = prepare_send(&client, &send_eth(&key, to, "0.1"))
        .await
        .unwrap();
    let original = sign_and_broadcast(&store, &client, &key, &prepared)
        .await
        .unwrap();
    let faster = prepare_replacement(&client, &original, TxKind::SpeedUp)
        .await
        .unwrap();
    assert_eq!(faster.transaction.nonce, Some(original.nonce));
    assert!(faster.fee.max_fee_per_gas > original.max_fee_per_gas * 9 / 8);
    let replacement = sign_and_broadcast(&store, &client, &key, &faster)
        .await
        .unwrap();
    raw_rpc(&url, "evm_mine", serde_json::json!([])).await;
    let replacement = wait_until(&store, &client, &replacement, WAIT, |r| {
        r.status == TxStatus::Included
    })
    .await
    .unwrap();
    assert_eq!(replacement.replaces, Some(original.hash));
    let original = wait_until(&store, &client, &original, WAIT, |r| {
        r.status == TxStatus::Replaced
    })
    .await
    .unwrap();
    assert_eq!(original.status, TxStatus::Replaced);
    assert_eq!(
        balance(&client, to, None).await,
        eth("0.1"),
        "sent once, not twice"
    );

    // Cancel: a zero-value transaction to self takes the nonce; nothing reaches the recipient.
    let prepared = prepare_send(&client, &send_eth(&key, to, "0.2"))
        .await
        .unwrap();
    let doomed = sign_and_broadcast(&store, &client, &key, &prepared)
        .await
        .unwrap();
    let cancel = prepare_replacement(&client, &doomed, TxKind::Cancel)
        .await
        .unwrap();
    assert_eq!((cancel.to, cancel.amount), (key.address(), U256::ZERO));
    let cancel = sign_and_broadcast(&store, &client, &key, &cancel)
        .await
        .unwrap();
    raw_rpc(&url, "evm_mine", serde_json::json!([])).await;
    wait_until(&store, &client, &cancel, WAIT, |r| {
        r.status == TxStatus::Included
    })
    .await
    .unwrap();
    let doomed = wait_until(&store, &client, &doomed, WAIT, |r| {
        r.status == TxStatus::Replaced
    })
    .await
    .unwrap();
    assert_eq!(doomed.status, TxStatus::Replaced);
    assert_eq!(balance(&client, to, None).await, eth("0.1"));
    // A finished transaction cannot be replaced.
    let err = prepare_replacement(&client, &doomed, TxKind::SpeedUp)
        .await
        .unwrap_err();
    assert!(matches!(err, TxError::NotReplaceable { .. }), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_inputs_stop_before_anything_is_signed() {
    let devnet = devnet().await;
    let (_dir, store) = store();
    let key = signer(&devnet, 5);
    let all = clients(&devnet);
    let client = of_kind(&all, ChainKind::OpStack).remove(0);
    let to = Address::repeat_byte(0x81);
    let token = devnet_tokens(client.spec())
        .into_iter()
        .find(|t| t.decimals == 6)
        .unwrap();

    // More decimals than the token has.
    let request = SendRequest {
        from: key.address(),
        to,
        token: Some(token.clone()),
        amount: Amount::Exact("1.1234567".into()),
        speed: Speed::Normal,
    };
    let err = prepare_send(&client, &request).await.unwrap_err();
    assert!(
        matches!(err, TxError::Amount(_)) && err.to_string().contains("6"),
        "{err}"
    );

    // Amount + fee above the balance: caught before signing, with the numbers.
    let have = balance(&client, key.address(), None).await;
    let all_of_it = switchyard_core::assets::format_units(have, 18);
    let err = prepare_send(&client, &send_eth(&key, to, &all_of_it))
        .await
        .unwrap_err();
    assert!(matches!(err, TxError::InsufficientFunds { .. }), "{err}");
    assert!(err.to_string().contains("fee"), "{err}");

    // ETH to a contract that cannot take it (the token has no receive()): the simulation
    // fails before signing.
    let err = prepare_send(&client, &send_eth(&key, token.address, "0.01"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, TxError::WouldRevert { reason, .. } if reason.contains("revert")),
        "{err}"
    );

    // Tokens to a contract address where a person's account is expected: allowed, with a
    // warning.
    let multicall = client.spec().multicall3.unwrap();
    let to_contract = SendRequest {
        from: key.address(),
        to: multicall,
        token: Some(token.clone()),
        amount: Amount::Exact("1".into()),
        speed: Speed::Normal,
    };
    let prepared = prepare_send(&client, &to_contract).await.unwrap();
    assert!(
        prepared
            .warnings
            .iter()
            .any(|w| w.contains("is a contract")),
        "{:?}",
        prepared.warnings
    );

    // A token transfer that would revert shows the reason before signing.
    let poor = PrivateKeySigner::random();
    let err = prepare_send(
        &client,
        &SendRequest {
            from: poor.address(),
            to,
            token: Some(token),
            amount: Amount::Exact("1".into()),
            speed: Speed::Normal,
        },
    )
    .await
    .unwrap_err();
    assert!(matches!(err, TxError::InsufficientFunds { .. }), "{err}");

    // A nonce conflict: two transfers prepared with the same nonce; the second is refused.
    let first = prepare_send(&client, &send_eth(&key, to, "0.01"))
        .await
        .unwrap();
    let second = prepare_send(&client, &send_eth(&key, to, "0.02"))
        .await
        .unwrap();
    let sent = sign_and_broadcast(&store, &client, &key, &first)
        .await
        .unwrap();
    wait_until(&store, &client, &sent, WAIT, |r| {
        r.status == TxStatus::Included
    })
    .await
    .unwrap();
    let err = sign_and_broadcast(&store, &client, &key, &second)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "nonce_conflict", "{err}");

    // Only the two signed transfers were stored: the sent one, and the refused one as dropped.
    let history = store.transactions(None, 10).unwrap();
    let statuses: Vec<_> = history.iter().map(|t| (t.hash, t.status)).collect();
    assert_eq!(history.len(), 2, "{statuses:?}");
    assert!(
        history
            .iter()
            .any(|t| t.hash == sent.hash && t.status == TxStatus::Included)
    );
    assert!(
        history
            .iter()
            .any(|t| t.hash != sent.hash && t.status == TxStatus::Dropped)
    );
}
