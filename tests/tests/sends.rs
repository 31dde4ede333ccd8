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
        Amount, Purpose, SendRequest, TxError, TxRecord, TxStatus, prepare_replacement,
        prepare_transfer, sign_and_broadcast, track_once, wait_until,
    },
};
use switchyard_tests::{balance, clients, devnet, of_kind, raw_rpc, signer};

const WAIT: Duration = Duration::from_secs(20);

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("wallet.sqlite")).unwrap();
    (dir, store)
}

/// Where the per-account send locks of the wallet under `dir` live.
fn locks(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("locks")
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
    let prepared = prepare_transfer(client, request).await.unwrap();
    let locks = store.path().with_file_name("locks");
    let record = sign_and_broadcast(store, &locks, client, key, &prepared)
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
    let (dir, store) = store();
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
    let prepared = prepare_transfer(&client, &request).await.unwrap();
    assert!(prepared.fee.l1_data > U256::ZERO);
    assert_eq!(
        prepared.amount + prepared.fee.worst_case,
        eth("0.05"),
        "max reserves the worst case"
    );
    let record = sign_and_broadcast(&store, &locks(&dir), &client, &fresh, &prepared)
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
    let (dir, store) = store();
    let key = signer(&devnet, 4);
    let client = of_kind(&clients(&devnet), ChainKind::Ethereum).remove(0);
    let url = client.spec().rpc_urls[0].clone();
    raw_rpc(&url, "evm_setAutomine", serde_json::json!([false])).await;
    let to = Address::repeat_byte(0x71);

    let locks = locks(&dir);
    let replace = async |original: &TxRecord, kind| {
        let siblings = store
            .transactions_with_nonce(original.chain_id, original.from, original.nonce)
            .unwrap();
        let prepared = prepare_replacement(&client, original, &siblings, kind)
            .await
            .unwrap();
        assert_eq!(prepared.transaction.nonce, Some(original.nonce));
        assert!(
            prepared.summary().contains(&original.hash.to_string()),
            "{}",
            prepared.summary()
        );
        let bid = siblings.iter().map(|s| s.max_fee_per_gas).max().unwrap();
        assert!(
            prepared.fee.max_fee_per_gas > bid * 9 / 8,
            "outbids the latest replacement"
        );
        sign_and_broadcast(&store, &locks, &client, &key, &prepared)
            .await
            .unwrap()
    };

    // Speed-up twice: each replacement outbids the one before (a second bump over the
    // original alone would be refused as underpriced); the last one is mined, the others
    // are marked replaced.
    let prepared = prepare_transfer(&client, &send_eth(&key, to, "0.1"))
        .await
        .unwrap();
    let original = sign_and_broadcast(&store, &locks, &client, &key, &prepared)
        .await
        .unwrap();
    let first = replace(&original, Purpose::SpeedUp).await;
    let second = replace(&original, Purpose::SpeedUp).await;
    assert_eq!(
        second.status,
        TxStatus::Pending,
        "the node took the second speed-up"
    );
    raw_rpc(&url, "evm_mine", serde_json::json!([])).await;
    let second = wait_until(&store, &client, &second, WAIT, |r| {
        r.status == TxStatus::Included
    })
    .await
    .unwrap();
    assert_eq!(second.replaces, Some(original.hash));
    for earlier in [&original, &first] {
        let earlier = wait_until(&store, &client, earlier, WAIT, |r| {
            r.status == TxStatus::Replaced
        })
        .await
        .unwrap();
        assert_eq!(earlier.status, TxStatus::Replaced);
    }
    assert_eq!(
        balance(&client, to, None).await,
        eth("0.1"),
        "sent once, not three times"
    );

    // Cancel after a speed-up: a zero-value transaction to self outbids the speed-up and
    // takes the nonce; nothing reaches the recipient.
    let prepared = prepare_transfer(&client, &send_eth(&key, to, "0.2"))
        .await
        .unwrap();
    let doomed = sign_and_broadcast(&store, &locks, &client, &key, &prepared)
        .await
        .unwrap();
    let faster = replace(&doomed, Purpose::SpeedUp).await;
    let cancel = replace(&doomed, Purpose::Cancel).await;
    assert_eq!((cancel.to, cancel.amount), (key.address(), U256::ZERO));
    raw_rpc(&url, "evm_mine", serde_json::json!([])).await;
    wait_until(&store, &client, &cancel, WAIT, |r| {
        r.status == TxStatus::Included
    })
    .await
    .unwrap();
    for replaced in [&doomed, &faster] {
        let replaced = wait_until(&store, &client, replaced, WAIT, |r| {
            r.status == TxStatus::Replaced
        })
        .await
        .unwrap();
        assert_eq!(replaced.status, TxStatus::Replaced);
    }
    assert_eq!(balance(&client, to, None).await, eth("0.1"));
    // A node that lost both (restart, eviction) is handed the highest bid back, never the
    // original a cancel outbid: tracking the original does not re-broadcast it.
    let prepared = prepare_transfer(&client, &send_eth(&key, to, "0.3"))
        .await
        .unwrap();
    let payment = sign_and_broadcast(&store, &locks, &client, &key, &prepared)
        .await
        .unwrap();
    let cancel = replace(&payment, Purpose::Cancel).await;
    for hash in [payment.hash, cancel.hash] {
        raw_rpc(&url, "anvil_dropTransaction", serde_json::json!([hash])).await;
    }
    let in_pool = async |hash| {
        !raw_rpc(&url, "eth_getTransactionByHash", serde_json::json!([hash]))
            .await
            .is_null()
    };
    assert!(
        !in_pool(payment.hash).await && !in_pool(cancel.hash).await,
        "dropped"
    );
    track_once(&store, &client, &payment).await.unwrap();
    assert!(
        !in_pool(payment.hash).await,
        "the cancelled payment stays out"
    );
    track_once(&store, &client, &cancel).await.unwrap();
    assert!(in_pool(cancel.hash).await, "the cancel is sent again");
    raw_rpc(&url, "evm_mine", serde_json::json!([])).await;
    let payment = wait_until(&store, &client, &payment, WAIT, |r| {
        r.status == TxStatus::Replaced
    })
    .await
    .unwrap();
    assert_eq!(payment.status, TxStatus::Replaced);
    assert_eq!(
        balance(&client, to, None).await,
        eth("0.1"),
        "nothing more moved"
    );

    // A finished transaction cannot be replaced.
    let doomed = store
        .transaction(&doomed.hash.to_string())
        .unwrap()
        .unwrap();
    let err = prepare_replacement(&client, &doomed, &[], Purpose::SpeedUp)
        .await
        .unwrap_err();
    assert!(matches!(err, TxError::NotReplaceable { .. }), "{err}");
}

alloy::sol! {
    function approve(address spender, uint256 amount) external returns (bool);
    function allowance(address owner, address spender) external view returns (uint256);
}

/// Any call, not only a transfer, goes the same way: prepared (quoted, checked, simulated),
/// signed, stored with its purpose, tracked; refused before signing when it cannot pay or
/// would revert.
#[tokio::test(flavor = "multi_thread")]
async fn any_call_is_prepared_signed_and_tracked_with_its_purpose() {
    use alloy::sol_types::SolCall;
    use switchyard_core::{
        fees::GasPlan,
        tx::{Call, prepare},
    };
    let devnet = devnet().await;
    let (dir, store) = store();
    let key = signer(&devnet, 7);
    let client = of_kind(&clients(&devnet), ChainKind::OpStack).remove(0);
    let token = devnet_tokens(client.spec()).remove(0);
    let spender = Address::repeat_byte(0x5e);
    let call = Call {
        chain_id: client.spec().chain_id,
        from: key.address(),
        to: token.address,
        value: U256::ZERO,
        input: approveCall {
            spender,
            amount: eth("12"),
        }
        .abi_encode()
        .into(),
        gas: GasPlan::Estimate,
    };
    let prepared = prepare(&client, call.clone(), Purpose::Approve, None, Speed::Normal)
        .await
        .unwrap();
    assert_eq!(prepared.purpose, Purpose::Approve);
    assert!(
        prepared.fee.l1_data > U256::ZERO,
        "the OP chain's L1 data fee is part of it"
    );
    assert!(
        prepared.summary().starts_with("Token approval on"),
        "{}",
        prepared.summary()
    );
    let sent = sign_and_broadcast(&store, &locks(&dir), &client, &key, &prepared)
        .await
        .unwrap();
    let mined = wait_until(&store, &client, &sent, WAIT, |r| {
        r.status == TxStatus::Included
    })
    .await
    .unwrap();
    assert_eq!(
        (mined.purpose, mined.succeeded),
        (Purpose::Approve, Some(true))
    );
    assert_eq!(
        store
            .transaction(&sent.hash.to_string())
            .unwrap()
            .unwrap()
            .purpose,
        Purpose::Approve,
        "stored with its purpose"
    );
    let allowance = client
        .call(
            &alloy::rpc::types::TransactionRequest::default()
                .to(token.address)
                .input(
                    allowanceCall {
                        owner: key.address(),
                        spender,
                    }
                    .abi_encode()
                    .into(),
                ),
            alloy::eips::BlockId::latest(),
        )
        .await
        .unwrap();
    assert_eq!(U256::from_be_slice(&allowance), eth("12"));

    // More value than the balance, and a call that reverts: refused before signing.
    let rich = Call {
        value: eth("1000000"),
        input: Default::default(),
        to: spender,
        gas: GasPlan::Known(21_000),
        ..call.clone()
    };
    let err = prepare(&client, rich, Purpose::Deposit, None, Speed::Normal)
        .await
        .unwrap_err();
    assert!(matches!(err, TxError::InsufficientFunds { .. }), "{err}");
    let reverting = Call {
        input: alloy::primitives::Bytes::from(vec![0xde, 0xad, 0xbe, 0xef]),
        ..call
    };
    let err = prepare(&client, reverting, Purpose::Deposit, None, Speed::Normal)
        .await
        .unwrap_err();
    assert!(matches!(err, TxError::WouldRevert { .. }), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_inputs_stop_before_anything_is_signed() {
    let devnet = devnet().await;
    let (dir, store) = store();
    let key = signer(&devnet, 5);
    let all = clients(&devnet);
    let client = of_kind(&all, ChainKind::OpStack).remove(0);
    let to = Address::repeat_byte(0x81);
    let token = devnet_tokens(client.spec())
        .into_iter()
        .find(|t| t.decimals == 6)
        .unwrap();

    // Sends that are allowed but almost surely a mistake are warned about before signing.
    for (to, amount, warning) in [
        (Address::ZERO, "0.01", "zero address"),
        (key.address(), "0.01", "sending account itself"),
        (to, "0", "moves nothing"),
    ] {
        let prepared = prepare_transfer(&client, &send_eth(&key, to, amount))
            .await
            .unwrap();
        assert!(
            prepared.warnings.iter().any(|w| w.contains(warning)),
            "{warning}: {:?}",
            prepared.warnings
        );
    }
    let normal = prepare_transfer(&client, &send_eth(&key, to, "0.01"))
        .await
        .unwrap();
    assert!(normal.warnings.is_empty(), "{:?}", normal.warnings);
    assert_eq!(normal.purpose, Purpose::Transfer);
    assert_eq!(
        normal.summary(),
        format!("Send 0.01 ETH to {to} on {}", client.name())
    );

    // More decimals than the token has.
    let request = SendRequest {
        from: key.address(),
        to,
        token: Some(token.clone()),
        amount: Amount::Exact("1.1234567".into()),
        speed: Speed::Normal,
    };
    let err = prepare_transfer(&client, &request).await.unwrap_err();
    assert!(
        matches!(err, TxError::Amount(_)) && err.to_string().contains("6"),
        "{err}"
    );

    // Amount + fee above the balance: caught before signing, with the numbers.
    let have = balance(&client, key.address(), None).await;
    let all_of_it = switchyard_core::assets::format_units(have, 18);
    let err = prepare_transfer(&client, &send_eth(&key, to, &all_of_it))
        .await
        .unwrap_err();
    assert!(matches!(err, TxError::InsufficientFunds { .. }), "{err}");
    assert!(err.to_string().contains("fee"), "{err}");

    // ETH to a contract that cannot take it (the token has no receive()): the simulation
    // fails before signing.
    let err = prepare_transfer(&client, &send_eth(&key, token.address, "0.01"))
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
    let prepared = prepare_transfer(&client, &to_contract).await.unwrap();
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
    let err = prepare_transfer(
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

    // Two transfers prepared with the same nonce: each takes its nonce when it is signed,
    // so the second goes out after the first instead of colliding with it.
    let locks = locks(&dir);
    let first = prepare_transfer(&client, &send_eth(&key, to, "0.01"))
        .await
        .unwrap();
    let second = prepare_transfer(&client, &send_eth(&key, to, "0.02"))
        .await
        .unwrap();
    assert_eq!(first.transaction.nonce, second.transaction.nonce);
    let sent = sign_and_broadcast(&store, &locks, &client, &key, &first)
        .await
        .unwrap();
    let after = sign_and_broadcast(&store, &locks, &client, &key, &second)
        .await
        .unwrap();
    assert_eq!(after.nonce, sent.nonce + 1);
    for record in [&sent, &after] {
        let record = wait_until(&store, &client, record, WAIT, |r| {
            r.status == TxStatus::Included
        })
        .await
        .unwrap();
        assert_eq!(record.succeeded, Some(true));
    }

    // A refusal by the node is "not sent", stored as refused; signing the same request
    // again gives the same transaction, which is recognised (no duplicate row) and goes
    // out once the reason is gone.
    let poor = PrivateKeySigner::random();
    let funder = signer(&devnet, 6);
    send_and_include(
        &store,
        &client,
        &funder,
        &send_eth(&funder, poor.address(), "0.02"),
    )
    .await;
    let all = prepare_transfer(&client, &send_eth(&poor, to, "0.01"))
        .await
        .unwrap();
    // The account's money leaves through another wallet before this one signs.
    let elsewhere = tempfile::tempdir().unwrap();
    let other = Store::open(&elsewhere.path().join("w.sqlite")).unwrap();
    send_and_include(&other, &client, &poor, &send_eth(&poor, to, "0.015")).await;
    let err = sign_and_broadcast(&store, &locks, &client, &poor, &all)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "tx_rejected", "{err}");
    assert!(err.to_string().contains("Nothing was sent"), "{err}");
    let refused = store.transactions(None, 1).unwrap().remove(0);
    assert_eq!(refused.status, TxStatus::NotSent);
    send_and_include(
        &other,
        &client,
        &funder,
        &send_eth(&funder, poor.address(), "0.02"),
    )
    .await;
    let retried = sign_and_broadcast(&store, &locks, &client, &poor, &all)
        .await
        .unwrap();
    assert_eq!(retried.hash, refused.hash, "the same signed transaction");
    assert_eq!(retried.status, TxStatus::Pending);
    let rows = store.transactions(None, 100).unwrap();
    assert_eq!(rows.iter().filter(|r| r.hash == refused.hash).count(), 1);
}
