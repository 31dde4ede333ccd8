//! The Arbitrum bridge on the devnet, end to end with raw JSON-RPC and the real L1
//! contracts (no wallet code): an ETH deposit is credited with its SDK id; a retryable
//! ticket is auto-redeemed when its gas suffices and left for a manual redeem when it does
//! not; an ERC-20 deposit through the gateway router mints the bridged token; an ETH
//! withdrawal is executed from the Outbox once its send root is confirmed, and only once.

use alloy::{
    primitives::{Address, B256, Bytes, U256, address},
    rpc::types::Log,
    sol,
    sol_types::{SolCall, SolEvent, SolValue},
};
use switchyard_core::{
    chain::ArbitrumContracts,
    rollup::arbitrum::{
        abi::{
            ArbRetryableTx, ArbSys, Inbox, InboxMessageDelivered, L2ToL1Tx, MessageDelivered,
            NodeInterface, Outbox,
        },
        apply_alias,
        inbox::{EthDeposit, Retryable},
        outbox,
    },
};
use switchyard_devnet::{ChainKind, Devnet, ManifestChain, actors::Actors, contracts::names};

mod common;
use common::{ONE_ETH, balance, chain, logs, round, rpc, send, view};

sol! {
    function approve(address spender, uint256 amount) returns (bool);
    function balanceOf(address who) view returns (uint256);
    function outboundTransfer(address token, address to, uint256 amount, uint256 maxGas, uint256 gasPriceBid, bytes data) payable returns (bytes);
    function calculateL2TokenAddress(address l1Token) view returns (address);
    event SendRootUpdated(bytes32 indexed outputRoot, bytes32 indexed l2BlockHash);
    event DepositDelivered(uint256 indexed messageNum, bytes32 indexed depositTxId, address to, uint256 value);
    event TicketCreated(bytes32 indexed ticketId);
}

/// What @arbitrum/sdk 4.1.0 (`tools/reference/arb-sdk.cjs`) names the inbox messages of
/// L1 transaction `tx`: (ETH deposit ids, retryable ticket ids).
fn sdk_ids(
    l1: &ManifestChain,
    arb: &ManifestChain,
    tx: &serde_json::Value,
) -> (Vec<B256>, Vec<B256>) {
    let d = arb.arb.as_ref().unwrap();
    let args = serde_json::json!({
        "l1Url": l1.rpc_url, "l2Url": arb.rpc_url, "l1ChainId": l1.chain_id, "l2ChainId": arb.chain_id,
        "bridge": d.bridge, "inbox": d.inbox, "outbox": d.outbox, "rollup": d.rollup,
        "sequencerInbox": d.sequencer_inbox, "txHash": tx,
    });
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tools/reference/arb-sdk.cjs"
    );
    let out = std::process::Command::new("node")
        .arg(script)
        .arg(args.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "arb-sdk: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    (
        serde_json::from_value(ids["deposits"].clone()).unwrap(),
        serde_json::from_value(ids["retryables"].clone()).unwrap(),
    )
}

/// The message number, aliased sender, L1 base fee and data the L1 receipt records.
fn message(receipt: &serde_json::Value) -> (U256, Address, U256, Bytes) {
    let logs = logs(receipt);
    let record = logs
        .iter()
        .find_map(|l| MessageDelivered::decode_log(&l.inner).ok())
        .unwrap()
        .data;
    let data = logs
        .iter()
        .find_map(|l| InboxMessageDelivered::decode_log(&l.inner).ok())
        .unwrap()
        .data;
    assert_eq!(record.messageIndex, data.messageNum);
    (
        record.messageIndex,
        record.sender,
        record.baseFeeL1,
        data.data,
    )
}

/// Whether ticket `id` is still redeemable (ArbRetryableTx answers its timeout).
async fn redeemable(url: &str, id: B256) -> bool {
    let body = serde_json::json!([{ "to": ArbitrumContracts::ARB_RETRYABLE_TX, "data": Bytes::from(ArbRetryableTx::getTimeoutCall { ticketId: id }.abi_encode()) }, "latest"]);
    let out = std::process::Command::new("curl")
        .args(["-s", "-H", "content-type: application/json", "--data"])
        .arg(
            serde_json::json!({ "jsonrpc": "2.0", "id": 1, "method": "eth_call", "params": body })
                .to_string(),
        )
        .arg(url)
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    value.get("result").is_some()
}

#[tokio::test(flavor = "multi_thread")]
async fn deposits_and_retryables_are_delivered_with_their_sdk_ids() {
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let m = devnet.manifest();
    let (l1, arb) = (chain(m, ChainKind::Ethereum), chain(m, ChainKind::Arbitrum));
    let deployment = arb.arb.as_ref().unwrap();
    let (user, other) = (
        m.accounts[1].address,
        address!("0x00000000000000000000000000000000000a1b01"),
    );
    let mut actors = Actors::default();

    // An ETH deposit.
    let before = balance(&arb.rpc_url, user).await;
    let deposit = send(
        &l1.rpc_url,
        user,
        deployment.inbox,
        Inbox::depositEthCall {}.abi_encode(),
        U256::from(ONE_ETH),
    )
    .await;
    assert_eq!(deposit["status"], "0x1", "{deposit}");
    let (number, sender, _, data) = message(&deposit);
    let expected = EthDeposit::decode(number, sender, &data).unwrap();
    assert_eq!(expected.to, user, "an EOA's deposit is credited to itself");
    assert_eq!(
        sdk_ids(l1, arb, &deposit["transactionHash"]),
        (vec![expected.tx_id(arb.chain_id)], vec![]),
        "@arbitrum/sdk names the deposit as we do"
    );
    round(&mut actors, m).await;
    assert_eq!(
        balance(&arb.rpc_url, user).await - before,
        U256::from(ONE_ETH)
    );
    let credited: Vec<Log> = rpc(
        &arb.rpc_url,
        "eth_getLogs",
        serde_json::json!([{ "address": ArbitrumContracts::ARB_RETRYABLE_TX, "fromBlock": "0x0", "topics": [DepositDelivered::SIGNATURE_HASH, B256::from(number)] }]),
    )
    .await;
    assert_eq!(credited.len(), 1);
    assert_eq!(
        credited[0].topics()[2],
        expected.tx_id(arb.chain_id),
        "the deposit is logged with its SDK id"
    );

    // A retryable whose gas suffices: auto-redeemed, its call value delivered.
    let ticket =
        |to: Address, value: U256, gas: u64, data: Bytes| Inbox::createRetryableTicketCall {
            to,
            l2CallValue: value,
            maxSubmissionCost: U256::from(ONE_ETH / 100),
            excessFeeRefundAddress: user,
            callValueRefundAddress: user,
            gasLimit: U256::from(gas),
            maxFeePerGas: U256::from(2_000_000_000u64),
            data,
        };
    let tenth = U256::from(ONE_ETH / 10);
    let paid = |gas: u64, value: U256| {
        U256::from(ONE_ETH / 100) + value + U256::from(gas) * U256::from(2_000_000_000u64)
    };
    let auto = send(
        &l1.rpc_url,
        user,
        deployment.inbox,
        ticket(other, tenth, 100_000, Bytes::new()).abi_encode(),
        paid(100_000, tenth),
    )
    .await;
    assert_eq!(auto["status"], "0x1", "{auto}");
    let (number, sender, base_fee, data) = message(&auto);
    let auto_ticket = Retryable::decode(number, sender, base_fee, &data).unwrap();
    let auto_id = auto_ticket.ticket_id(arb.chain_id);
    assert_eq!(
        sdk_ids(l1, arb, &auto["transactionHash"]),
        (vec![], vec![auto_id]),
        "@arbitrum/sdk names the ticket as we do"
    );
    round(&mut actors, m).await;
    assert_eq!(
        balance(&arb.rpc_url, other).await,
        tenth,
        "the auto-redeem delivered the call value"
    );
    assert!(
        !redeemable(&arb.rpc_url, auto_id).await,
        "a redeemed ticket is gone"
    );

    // A retryable whose gas does not suffice for its call (ArbSys.withdrawEth stores a
    // leaf): left for a manual redeem, which anyone can do with enough gas.
    let call = Bytes::from(ArbSys::withdrawEthCall { destination: user }.abi_encode());
    let manual = send(
        &l1.rpc_url,
        user,
        deployment.inbox,
        ticket(ArbitrumContracts::ARB_SYS, U256::ZERO, 10_000, call).abi_encode(),
        paid(10_000, U256::ZERO),
    )
    .await;
    let (number, sender, base_fee, data) = message(&manual);
    let manual_id = Retryable::decode(number, sender, base_fee, &data)
        .unwrap()
        .ticket_id(arb.chain_id);
    round(&mut actors, m).await;
    let created: Vec<Log> = rpc(
        &arb.rpc_url,
        "eth_getLogs",
        serde_json::json!([{ "address": ArbitrumContracts::ARB_RETRYABLE_TX, "fromBlock": "0x0", "topics": [TicketCreated::SIGNATURE_HASH, manual_id] }]),
    )
    .await;
    assert_eq!(created.len(), 1, "the ticket exists under its SDK id");
    assert!(
        redeemable(&arb.rpc_url, manual_id).await,
        "the failed auto-redeem left the ticket"
    );
    let redeemed = send(
        &arb.rpc_url,
        m.accounts[2].address,
        ArbitrumContracts::ARB_RETRYABLE_TX,
        ArbRetryableTx::redeemCall {
            ticketId: manual_id,
        }
        .abi_encode(),
        U256::ZERO,
    )
    .await;
    assert_eq!(redeemed["status"], "0x1", "{redeemed}");
    assert!(!redeemable(&arb.rpc_url, manual_id).await);
    let again = send(
        &arb.rpc_url,
        m.accounts[2].address,
        ArbitrumContracts::ARB_RETRYABLE_TX,
        ArbRetryableTx::redeemCall {
            ticketId: manual_id,
        }
        .abi_encode(),
        U256::ZERO,
    )
    .await;
    assert_eq!(again["status"], "0x0", "a ticket is redeemed once");

    // An ERC-20 deposit through the gateway router mints the bridged token.
    let token = l1.contracts[names::TOKEN_18];
    send(
        &l1.rpc_url,
        user,
        token,
        approveCall {
            spender: deployment.parent_erc20_gateway,
            amount: U256::MAX,
        }
        .abi_encode(),
        U256::ZERO,
    )
    .await;
    let amount = U256::from(7 * ONE_ETH);
    let max_gas = 2_000_000u64;
    let gateway_data = (U256::from(ONE_ETH / 100), Bytes::new()).abi_encode_params();
    let erc20 = send(
        &l1.rpc_url,
        user,
        deployment.parent_gateway_router,
        outboundTransferCall {
            token,
            to: user,
            amount,
            maxGas: U256::from(max_gas),
            gasPriceBid: U256::from(2_000_000_000u64),
            data: gateway_data.into(),
        }
        .abi_encode(),
        paid(max_gas, U256::ZERO),
    )
    .await;
    assert_eq!(erc20["status"], "0x1", "{erc20}");
    let (number, sender, base_fee, data) = message(&erc20);
    let gateway_ticket = Retryable::decode(number, sender, base_fee, &data).unwrap();
    assert_eq!(
        gateway_ticket.from,
        apply_alias(deployment.parent_erc20_gateway),
        "the gateway's ticket comes from its alias"
    );
    assert_eq!(
        sdk_ids(l1, arb, &erc20["transactionHash"]).1,
        vec![gateway_ticket.ticket_id(arb.chain_id)]
    );
    round(&mut actors, m).await;
    let l2_token = view(
        &l1.rpc_url,
        deployment.parent_gateway_router,
        calculateL2TokenAddressCall { l1Token: token },
    )
    .await;
    assert_eq!(
        view(&arb.rpc_url, l2_token, balanceOfCall { who: user }).await,
        amount
    );

    // A ticket nobody redeems expires after its lifetime (7 days), and then cannot be.
    let call = Bytes::from(ArbSys::withdrawEthCall { destination: user }.abi_encode());
    let left = send(
        &l1.rpc_url,
        user,
        deployment.inbox,
        ticket(ArbitrumContracts::ARB_SYS, U256::ZERO, 10_000, call).abi_encode(),
        paid(10_000, U256::ZERO),
    )
    .await;
    let (number, sender, base_fee, data) = message(&left);
    let left_id = Retryable::decode(number, sender, base_fee, &data)
        .unwrap()
        .ticket_id(arb.chain_id);
    round(&mut actors, m).await;
    assert!(redeemable(&arb.rpc_url, left_id).await);
    let lifetime = view(
        &arb.rpc_url,
        ArbitrumContracts::ARB_RETRYABLE_TX,
        ArbRetryableTx::getLifetimeCall {},
    )
    .await;
    assert_eq!(lifetime, U256::from(7 * 24 * 3600));
    Devnet::advance_time(m, lifetime.to::<u64>() + 1)
        .await
        .unwrap();
    assert!(!redeemable(&arb.rpc_url, left_id).await, "expired");
    let late = send(
        &arb.rpc_url,
        m.accounts[2].address,
        ArbitrumContracts::ARB_RETRYABLE_TX,
        ArbRetryableTx::redeemCall { ticketId: left_id }.abi_encode(),
        U256::ZERO,
    )
    .await;
    assert_eq!(
        late["status"], "0x0",
        "an expired ticket cannot be redeemed"
    );
}

/// The Outbox call that executes the withdrawal `event` with `proof`.
fn execution(event: &L2ToL1Tx, proof: Vec<B256>) -> Outbox::executeTransactionCall {
    Outbox::executeTransactionCall {
        proof,
        index: event.position,
        l2Sender: event.caller,
        to: event.destination,
        l2Block: event.arbBlockNum,
        l1Block: event.ethBlockNum,
        l2Timestamp: event.timestamp,
        value: event.callvalue,
        data: event.data.clone(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_withdrawal_is_executed_from_the_outbox_once_its_root_is_confirmed() {
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let m = devnet.manifest();
    let (l1, arb) = (chain(m, ChainKind::Ethereum), chain(m, ChainKind::Arbitrum));
    let deployment = arb.arb.as_ref().unwrap();
    let (user, executor) = (m.accounts[1].address, m.accounts[3].address);
    let recipient = address!("0x00000000000000000000000000000000000a1b02");
    let amount = U256::from(ONE_ETH / 4);
    let mut actors = Actors::default();

    let withdrawal = send(
        &arb.rpc_url,
        user,
        ArbitrumContracts::ARB_SYS,
        ArbSys::withdrawEthCall {
            destination: recipient,
        }
        .abi_encode(),
        amount,
    )
    .await;
    assert_eq!(withdrawal["status"], "0x1", "{withdrawal}");
    let event = logs(&withdrawal)
        .iter()
        .find_map(|l| L2ToL1Tx::decode_log(&l.inner).ok())
        .unwrap()
        .data;
    let item = outbox::item_hash(
        event.caller,
        event.destination,
        event.arbBlockNum,
        event.ethBlockNum,
        event.timestamp,
        event.callvalue,
        &event.data,
    );
    assert_eq!(
        B256::from(event.hash),
        item,
        "L2ToL1Tx.hash is the outbox item"
    );
    assert_eq!(
        view(
            &l1.rpc_url,
            deployment.outbox,
            Outbox::calculateItemHashCall {
                l2Sender: event.caller,
                to: event.destination,
                l2Block: event.arbBlockNum,
                l1Block: event.ethBlockNum,
                l2Timestamp: event.timestamp,
                value: event.callvalue,
                data: event.data.clone(),
            }
        )
        .await,
        item,
        "the Outbox hashes the item as we do"
    );

    // Not before the confirmation delay.
    round(&mut actors, m).await;
    let confirmed = |from: &str| serde_json::json!([{ "address": deployment.outbox, "fromBlock": from, "topics": [SendRootUpdated::SIGNATURE_HASH] }]);
    let none: Vec<Log> = rpc(&l1.rpc_url, "eth_getLogs", confirmed("0x0")).await;
    assert!(none.is_empty(), "confirmed before the delay");
    Devnet::advance_time(m, deployment.clocks.confirm_delay_secs + 1)
        .await
        .unwrap();
    round(&mut actors, m).await;
    let roots: Vec<Log> = rpc(&l1.rpc_url, "eth_getLogs", confirmed("0x0")).await;
    assert_eq!(roots.len(), 1);
    let root = SendRootUpdated::decode_log(&roots[0].inner).unwrap().data;

    // The send count at the confirmed root, from ArbSys at the L2 block it names.
    let at = serde_json::json!({ "blockHash": root.l2BlockHash });
    let out: Bytes = rpc(&arb.rpc_url, "eth_call", serde_json::json!([{ "to": ArbitrumContracts::ARB_SYS, "data": Bytes::from(ArbSys::sendMerkleTreeStateCall {}.abi_encode()) }, at])).await;
    let state = ArbSys::sendMerkleTreeStateCall::abi_decode_returns(&out).unwrap();
    assert_eq!(state.root, root.outputRoot);
    let size: u64 = state.size.to();
    let position: u64 = event.position.to();
    let proof = view(
        &arb.rpc_url,
        ArbitrumContracts::NODE_INTERFACE,
        NodeInterface::constructOutboxProofCall {
            size,
            leaf: position,
        },
    )
    .await;
    assert_eq!(proof.send, item);
    assert_eq!(proof.root, root.outputRoot);
    assert_eq!(
        outbox::root_from_proof(&proof.proof, position, item),
        root.outputRoot,
        "our Merkle code agrees with the stand-in's"
    );

    let execute = execution(&event, proof.proof.clone());
    let done = send(
        &l1.rpc_url,
        executor,
        deployment.outbox,
        execute.abi_encode(),
        U256::ZERO,
    )
    .await;
    assert_eq!(done["status"], "0x1", "{done}");
    assert_eq!(balance(&l1.rpc_url, recipient).await, amount);
    assert!(
        view(
            &l1.rpc_url,
            deployment.outbox,
            Outbox::isSpentCall {
                index: event.position
            }
        )
        .await
    );
    let replay = send(
        &l1.rpc_url,
        executor,
        deployment.outbox,
        execute.abi_encode(),
        U256::ZERO,
    )
    .await;
    assert_eq!(replay["status"], "0x0", "a replay is refused");
    assert_eq!(balance(&l1.rpc_url, recipient).await, amount);

    // The test token too: deposited through the router, withdrawn through the child
    // router (burned there), executed from the Outbox (released by the L1 gateway).
    let token = l1.contracts[names::TOKEN_18];
    send(
        &l1.rpc_url,
        user,
        token,
        approveCall {
            spender: deployment.parent_erc20_gateway,
            amount: U256::MAX,
        }
        .abi_encode(),
        U256::ZERO,
    )
    .await;
    let (deposited, withdrawn) = (U256::from(9 * ONE_ETH), U256::from(2 * ONE_ETH));
    let gateway_data = (U256::from(ONE_ETH / 100), Bytes::new()).abi_encode_params();
    let max_gas = 2_000_000u64;
    let paid = U256::from(ONE_ETH / 100) + U256::from(max_gas) * U256::from(2_000_000_000u64);
    let deposit = outboundTransferCall {
        token,
        to: user,
        amount: deposited,
        maxGas: U256::from(max_gas),
        gasPriceBid: U256::from(2_000_000_000u64),
        data: gateway_data.into(),
    };
    send(
        &l1.rpc_url,
        user,
        deployment.parent_gateway_router,
        deposit.abi_encode(),
        paid,
    )
    .await;
    round(&mut actors, m).await;
    let l2_token = view(
        &l1.rpc_url,
        deployment.parent_gateway_router,
        calculateL2TokenAddressCall { l1Token: token },
    )
    .await;
    assert_eq!(
        view(&arb.rpc_url, l2_token, balanceOfCall { who: user }).await,
        deposited
    );
    let out = child_router::outboundTransferCall {
        l1Token: token,
        to: recipient,
        amount: withdrawn,
        data: Bytes::new(),
    };
    let withdrawal = send(
        &arb.rpc_url,
        user,
        deployment.child_gateway_router,
        out.abi_encode(),
        U256::ZERO,
    )
    .await;
    assert_eq!(withdrawal["status"], "0x1", "{withdrawal}");
    assert_eq!(
        view(&arb.rpc_url, l2_token, balanceOfCall { who: user }).await,
        deposited - withdrawn,
        "burned on the child chain"
    );
    let event = logs(&withdrawal)
        .iter()
        .find_map(|l| L2ToL1Tx::decode_log(&l.inner).ok())
        .unwrap()
        .data;
    assert_eq!(event.destination, deployment.parent_erc20_gateway);
    round(&mut actors, m).await; // queues the grown tree
    Devnet::advance_time(m, deployment.clocks.confirm_delay_secs + 1)
        .await
        .unwrap();
    round(&mut actors, m).await; // confirms it
    let state: Bytes = rpc(&arb.rpc_url, "eth_call", serde_json::json!([{ "to": ArbitrumContracts::ARB_SYS, "data": Bytes::from(ArbSys::sendMerkleTreeStateCall {}.abi_encode()) }, "latest"])).await;
    let size: u64 = ArbSys::sendMerkleTreeStateCall::abi_decode_returns(&state)
        .unwrap()
        .size
        .to();
    let proof = view(
        &arb.rpc_url,
        ArbitrumContracts::NODE_INTERFACE,
        NodeInterface::constructOutboxProofCall {
            size,
            leaf: event.position.to(),
        },
    )
    .await;
    assert_ne!(
        view(
            &l1.rpc_url,
            deployment.outbox,
            Outbox::rootsCall { root: proof.root }
        )
        .await,
        B256::ZERO,
        "the root is confirmed"
    );
    let execute = execution(&event, proof.proof);
    let done = send(
        &l1.rpc_url,
        executor,
        deployment.outbox,
        execute.abi_encode(),
        U256::ZERO,
    )
    .await;
    assert_eq!(done["status"], "0x1", "{done}");
    assert_eq!(
        view(&l1.rpc_url, token, balanceOfCall { who: recipient }).await,
        withdrawn,
        "released by the L1 gateway"
    );
}

/// The child router's own `outboundTransfer` (no gas parameters on the child chain).
mod child_router {
    alloy::sol! {
        function outboundTransfer(address l1Token, address to, uint256 amount, bytes data) returns (bytes);
    }
}
