//! The OP Stack bridges on the devnet, end to end with raw JSON-RPC and the real
//! contracts (no wallet code): L1 deposits of ETH and of the test token arrive on each
//! OP chain as the 0x7E transactions the L1 receipt names; an L2 withdrawal is proven
//! against a game the proposer created, resolved by the resolver and finalized on L1 by
//! another account; a replay is refused; a blacklisted game's withdrawal cannot finalize.

use alloy::{
    primitives::{Address, B256, Bytes, U256, address},
    sol,
    sol_types::{SolCall, SolEvent},
};
use switchyard_core::{
    chain::OpContracts,
    rollup::op_stack::{
        MessagePassed, OutputRootProof, TransactionDeposited, UserDeposit, WithdrawalTransaction,
        abi::{
            DisputeGameFactory::{gameAtIndexCall, gameCountCall},
            FaultDisputeGame::{l2BlockNumberCall, statusCall},
            OptimismPortal2::{
                finalizeWithdrawalTransactionExternalProofCall, finalizedWithdrawalsCall,
                proveWithdrawalTransactionCall,
            },
        },
        proof,
    },
};
use switchyard_devnet::{
    ChainKind, Devnet, Manifest, ManifestChain, actors::Actors, contracts::names,
};

mod common;
use common::{ONE_ETH, balance, chain, logs, round, rpc, send, view};

sol! {
    function depositETH(uint32 minGasLimit, bytes extraData) payable;
    function depositERC20To(address l1Token, address l2Token, address to, uint256 amount, uint32 minGasLimit, bytes extraData);
    function approve(address spender, uint256 amount) returns (bool);
    function balanceOf(address who) view returns (uint256);
    function withdrawTo(address l2Token, address to, uint256 amount, uint32 minGasLimit, bytes extraData) payable;
}

/// Asks viem 2.48.1 (`tools/reference/op-viem.mjs`) about `tx` on the devnet.
fn viem(
    command: &str,
    l1: &ManifestChain,
    chain: &ManifestChain,
    tx: &serde_json::Value,
    extra: serde_json::Value,
) -> serde_json::Value {
    let op = chain.op_l1.as_ref().unwrap();
    let mut args = serde_json::json!({
        "command": command,
        "l1Url": l1.rpc_url, "l2Url": chain.rpc_url,
        "l1ChainId": l1.chain_id, "l2ChainId": chain.chain_id,
        "portal": op.portal, "factory": op.dispute_game_factory,
        "txHash": tx,
    });
    for (key, value) in extra.as_object().into_iter().flatten() {
        args[key] = value.clone();
    }
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tools/reference/op-viem.mjs"
    );
    let out = std::process::Command::new("node")
        .arg(script)
        .arg(args.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "viem {command}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The legacy address the standard bridge uses for ETH.
const ETH: Address = address!("0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000");

#[tokio::test(flavor = "multi_thread")]
async fn deposits_arrive_on_every_op_chain_with_the_hash_the_l1_receipt_names() {
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let m = devnet.manifest();
    let (l1, user) = (chain(m, ChainKind::Ethereum), m.accounts[1].address);
    let mut actors = Actors::default();
    for chain in m.chains.iter().filter(|c| c.kind == ChainKind::OpStack) {
        let op = chain.op_l1.as_ref().unwrap();
        let l2_token = chain.contracts[names::BRIDGED_TOKEN_18];
        let l1_token = l1.contracts[names::TOKEN_18];
        let before = balance(&chain.rpc_url, user).await;

        let eth = send(
            &l1.rpc_url,
            user,
            op.l1_standard_bridge,
            depositETHCall {
                minGasLimit: 200_000,
                extraData: Bytes::new(),
            }
            .abi_encode(),
            U256::from(ONE_ETH),
        )
        .await;
        send(
            &l1.rpc_url,
            user,
            l1_token,
            approveCall {
                spender: op.l1_standard_bridge,
                amount: U256::MAX,
            }
            .abi_encode(),
            U256::ZERO,
        )
        .await;
        let amount = U256::from(5 * ONE_ETH);
        let erc20 = send(
            &l1.rpc_url,
            user,
            op.l1_standard_bridge,
            depositERC20ToCall {
                l1Token: l1_token,
                l2Token: l2_token,
                to: user,
                amount,
                minGasLimit: 200_000,
                extraData: Bytes::new(),
            }
            .abi_encode(),
            U256::ZERO,
        )
        .await;
        // What the L1 receipts name, before anything happens on the L2.
        let expected: Vec<B256> = [&eth, &erc20]
            .iter()
            .flat_map(|r| logs(r))
            .filter(|log| {
                log.address() == op.portal
                    && log.topic0() == Some(&TransactionDeposited::SIGNATURE_HASH)
            })
            .map(|log| {
                UserDeposit::from_log(&log.inner, log.block_hash.unwrap(), log.log_index.unwrap())
                    .unwrap()
                    .l2_hash()
            })
            .collect();
        assert_eq!(expected.len(), 2, "one portal deposit per L1 transaction");
        // The reference client names the same L2 transactions from the same receipts.
        let from_viem: Vec<B256> = [&eth, &erc20]
            .iter()
            .flat_map(|r| {
                serde_json::from_value::<Vec<B256>>(viem(
                    "deposit-hashes",
                    l1,
                    chain,
                    &r["transactionHash"],
                    serde_json::json!({}),
                ))
                .unwrap()
            })
            .collect();
        assert_eq!(from_viem, expected, "{}", chain.name);

        round(&mut actors, m).await;
        let mut blocks = Vec::new();
        for hash in &expected {
            let receipt: serde_json::Value = rpc(
                &chain.rpc_url,
                "eth_getTransactionReceipt",
                serde_json::json!([hash]),
            )
            .await;
            assert!(
                receipt["type"]
                    .as_str()
                    .unwrap()
                    .eq_ignore_ascii_case("0x7e"),
                "{} {hash}: {receipt}",
                chain.name
            );
            assert_eq!(receipt["status"], "0x1", "{} {hash}: {receipt}", chain.name);
            blocks.push(
                u64::from_str_radix(
                    receipt["blockNumber"]
                        .as_str()
                        .unwrap()
                        .trim_start_matches("0x"),
                    16,
                )
                .unwrap(),
            );
        }
        assert!(blocks.is_sorted(), "deposits land in L1 order: {blocks:?}");
        assert_eq!(
            balance(&chain.rpc_url, user).await - before,
            U256::from(ONE_ETH),
            "{}",
            chain.name
        );
        assert_eq!(
            view(&chain.rpc_url, l2_token, balanceOfCall { who: user }).await,
            amount,
            "{}",
            chain.name
        );

        // A second round (or a restarted actor) submits nothing twice.
        round(&mut actors, m).await;
        let restarted_round = Actors::default().round(m).await;
        assert!(restarted_round.is_ok());
        assert_eq!(
            balance(&chain.rpc_url, user).await - before,
            U256::from(ONE_ETH),
            "{}",
            chain.name
        );
    }
}

/// Sends a withdrawal of `amount` ETH to `to` on the L2 and returns it as the portal
/// must see it, with its L2 block and transaction hash.
async fn withdraw(
    chain: &ManifestChain,
    from: Address,
    to: Address,
    amount: U256,
) -> (WithdrawalTransaction, u64, serde_json::Value) {
    withdraw_token(chain, from, to, ETH, amount).await
}

/// [`withdraw`] of `token` (the bridge's legacy ETH address for ETH).
async fn withdraw_token(
    chain: &ManifestChain,
    from: Address,
    to: Address,
    token: Address,
    amount: U256,
) -> (WithdrawalTransaction, u64, serde_json::Value) {
    let call = withdrawToCall {
        l2Token: token,
        to,
        amount,
        minGasLimit: 0,
        extraData: Bytes::new(),
    };
    let value = if token == ETH { amount } else { U256::ZERO };
    let receipt = send(
        &chain.rpc_url,
        from,
        OpContracts::L2_STANDARD_BRIDGE,
        call.abi_encode(),
        value,
    )
    .await;
    assert_eq!(receipt["status"], "0x1", "{receipt}");
    let log = logs(&receipt)
        .into_iter()
        .find(|log| log.address() == OpContracts::L2_TO_L1_MESSAGE_PASSER)
        .unwrap();
    let event = MessagePassed::decode_log(&log.inner).unwrap().data;
    let withdrawal = WithdrawalTransaction::from(&event);
    assert_eq!(withdrawal.hash(), event.withdrawalHash);
    let hash = receipt["transactionHash"].clone();
    (withdrawal, log.block_number.unwrap(), hash)
}

/// The newest game and its L2 block, which must cover `l2_block`.
async fn newest_game(l1: &ManifestChain, factory: Address, l2_block: u64) -> (u64, Address, u64) {
    let count = view(&l1.rpc_url, factory, gameCountCall {})
        .await
        .to::<u64>();
    assert!(count > 0, "the proposer created no game");
    let game = view(
        &l1.rpc_url,
        factory,
        gameAtIndexCall {
            index: U256::from(count - 1),
        },
    )
    .await;
    let block = view(&l1.rpc_url, game.proxy, l2BlockNumberCall {})
        .await
        .to::<u64>();
    assert!(
        block >= l2_block,
        "the newest game (L2 block {block}) does not cover the withdrawal (L2 block {l2_block})"
    );
    (count - 1, game.proxy, block)
}

/// What a proof of `withdrawal` against L2 block `block` is: the output root proof and
/// the storage proof (with core's inline-leaf fix-up), read from the L2.
async fn proof_args(
    chain: &ManifestChain,
    withdrawal: &WithdrawalTransaction,
    block: u64,
) -> (OutputRootProof, Vec<Bytes>) {
    let tag = format!("{block:#x}");
    let header: serde_json::Value = rpc(
        &chain.rpc_url,
        "eth_getBlockByNumber",
        serde_json::json!([tag, false]),
    )
    .await;
    let proof: serde_json::Value = rpc(
        &chain.rpc_url,
        "eth_getProof",
        serde_json::json!([
            OpContracts::L2_TO_L1_MESSAGE_PASSER,
            [withdrawal.storage_slot()],
            tag
        ]),
    )
    .await;
    let output = OutputRootProof::v0(
        header["stateRoot"].as_str().unwrap().parse().unwrap(),
        proof["storageHash"].as_str().unwrap().parse().unwrap(),
        header["hash"].as_str().unwrap().parse().unwrap(),
    );
    let nodes: Vec<Bytes> =
        serde_json::from_value(proof["storageProof"][0]["proof"].clone()).unwrap();
    assert_eq!(
        proof["storageProof"][0]["value"], "0x1",
        "the message passer holds the withdrawal"
    );
    (
        output,
        proof::with_inline_leaf(withdrawal.storage_slot(), nodes),
    )
}

/// Finalizes `withdrawal` on L1 from `from` with the proof `prover` submitted
/// (`…ExternalProof`); returns the receipt, whatever its status.
async fn finalize(
    l1: &ManifestChain,
    chain: &ManifestChain,
    from: Address,
    withdrawal: &WithdrawalTransaction,
    prover: Address,
) -> serde_json::Value {
    let call = finalizeWithdrawalTransactionExternalProofCall {
        tx: withdrawal.clone(),
        proofSubmitter: prover,
    };
    let portal = chain.op_l1.as_ref().unwrap().portal;
    send(&l1.rpc_url, from, portal, call.abi_encode(), U256::ZERO).await
}

/// Proves `withdrawal` on L1 from `prover` against game `index` for L2 block `block`.
async fn prove(
    l1: &ManifestChain,
    chain: &ManifestChain,
    prover: Address,
    withdrawal: &WithdrawalTransaction,
    index: u64,
    block: u64,
) -> serde_json::Value {
    let (output, nodes) = proof_args(chain, withdrawal, block).await;
    let call = proveWithdrawalTransactionCall {
        tx: withdrawal.clone(),
        disputeGameIndex: U256::from(index),
        outputRootProof: output,
        withdrawalProof: nodes,
    };
    send(
        &l1.rpc_url,
        prover,
        chain.op_l1.as_ref().unwrap().portal,
        call.abi_encode(),
        U256::ZERO,
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_withdrawal_is_proven_resolved_and_finalized_once_and_a_blacklisted_game_cannot_finalize()
{
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let m = devnet.manifest();
    let l1 = chain(m, ChainKind::Ethereum);
    let chain = m
        .chains
        .iter()
        .find(|c| c.kind == ChainKind::OpStack)
        .unwrap();
    let op = chain.op_l1.as_ref().unwrap();
    let clocks = op.clocks;
    let (user, prover, finalizer) = (
        m.accounts[1].address,
        m.accounts[2].address,
        m.accounts[3].address,
    );
    let recipient = address!("0x00000000000000000000000000000000000b0b01");
    let amount = U256::from(ONE_ETH / 4);
    let mut actors = Actors::default();

    let (withdrawal, l2_block, tx) = withdraw(chain, user, recipient, amount).await;
    // viem reads each phase as the contracts have it.
    let status = || viem("withdrawal-status", l1, chain, &tx, serde_json::json!({}));
    assert_eq!(status(), "waiting-to-prove");
    // An L2 block after the withdrawal's: viem wants a game strictly above it.
    let _: serde_json::Value = rpc(&chain.rpc_url, "evm_mine", serde_json::json!([])).await;
    round(&mut actors, m).await;
    let (index, game, game_block) = newest_game(l1, op.dispute_game_factory, l2_block).await;
    assert_eq!(status(), "ready-to-prove");
    // A proof in the game's own second is refused by the portal (the equal-timestamp trap).
    Devnet::advance_time(m, 1).await.unwrap();
    // viem's buildProveWithdrawal builds the same proof from the same chain.
    let (output, nodes) = proof_args(chain, &withdrawal, game_block).await;
    let theirs = viem(
        "prove-args",
        l1,
        chain,
        &tx,
        serde_json::json!({ "gameIndex": index, "gameL2Block": game_block }),
    );
    let their_output = &theirs["outputRootProof"];
    assert_eq!(
        their_output["stateRoot"],
        serde_json::json!(output.stateRoot)
    );
    assert_eq!(
        their_output["messagePasserStorageRoot"],
        serde_json::json!(output.messagePasserStorageRoot)
    );
    assert_eq!(
        their_output["latestBlockhash"],
        serde_json::json!(output.latestBlockhash)
    );
    assert_eq!(theirs["withdrawalProof"], serde_json::json!(nodes));
    let proven = prove(l1, chain, prover, &withdrawal, index, game_block).await;
    assert_eq!(proven["status"], "0x1", "prove: {proven}");
    assert_eq!(status(), "waiting-to-finalize");

    // Too early: the game is in progress and the proof is not mature.
    let early = finalize(l1, chain, finalizer, &withdrawal, prover).await;
    assert_eq!(early["status"], "0x0");

    Devnet::advance_time(m, clocks.max_clock_duration_secs + 1)
        .await
        .unwrap();
    round(&mut actors, m).await;
    assert_eq!(
        view(&l1.rpc_url, game, statusCall {}).await,
        2,
        "DEFENDER_WINS after the clock"
    );
    Devnet::advance_time(
        m,
        clocks.proof_maturity_secs.max(clocks.game_finality_secs) + 1,
    )
    .await
    .unwrap();
    assert_eq!(status(), "ready-to-finalize");

    let done = finalize(l1, chain, finalizer, &withdrawal, prover).await;
    assert_eq!(done["status"], "0x1", "finalize: {done}");
    assert_eq!(balance(&l1.rpc_url, recipient).await, amount);
    assert_eq!(status(), "finalized");
    assert!(
        view(
            &l1.rpc_url,
            op.portal,
            finalizedWithdrawalsCall {
                withdrawalHash: withdrawal.hash()
            }
        )
        .await
    );
    let replay = finalize(l1, chain, finalizer, &withdrawal, prover).await;
    assert_eq!(replay["status"], "0x0", "a replay is refused");
    assert_eq!(balance(&l1.rpc_url, recipient).await, amount);

    // A second withdrawal, proven against a game the guardian then blacklists.
    let (second, l2_block, _) = withdraw(chain, user, recipient, amount).await;
    round(&mut actors, m).await;
    let (index, game, game_block) = newest_game(l1, op.dispute_game_factory, l2_block).await;
    Devnet::advance_time(m, 1).await.unwrap();
    assert_eq!(
        prove(l1, chain, prover, &second, index, game_block).await["status"],
        "0x1"
    );
    // The guardian's blacklist: the game's chain is found from the game.
    let blacklisted_on = Devnet::op_blacklist_game(m, None, game).await.unwrap();
    assert_eq!(blacklisted_on, chain.name);
    Devnet::advance_time(m, clocks.max_clock_duration_secs + 1)
        .await
        .unwrap();
    round(&mut actors, m).await;
    Devnet::advance_time(
        m,
        clocks.proof_maturity_secs.max(clocks.game_finality_secs) + 1,
    )
    .await
    .unwrap();
    let refused = finalize(l1, chain, finalizer, &second, prover).await;
    assert_eq!(
        refused["status"], "0x0",
        "a blacklisted game's withdrawal cannot finalize"
    );
    assert_eq!(balance(&l1.rpc_url, recipient).await, amount);

    // Unknown games and chains are refused with a sentence.
    let err = Devnet::op_blacklist_game(m, Some(&chain.name), recipient)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a dispute game"), "{err}");
    let err = Devnet::op_retire_games(m, "nowhere")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("no devnet chain is named nowhere"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_clocks_are_what_the_contracts_answer_short_or_realistic() {
    use switchyard_core::rollup::op_stack::abi::{
        FaultDisputeGame::maxClockDurationCall,
        OptimismPortal2::{disputeGameFinalityDelaySecondsCall, proofMaturityDelaySecondsCall},
    };
    use switchyard_devnet::op_stack::OpClocks;
    for clocks in [OpClocks::DEVNET, OpClocks::REALISTIC] {
        let devnet = Devnet::builder()
            .block_time(None)
            .op_clocks(clocks)
            .up()
            .await
            .unwrap();
        let m = devnet.manifest();
        let l1 = chain(m, ChainKind::Ethereum);
        for chain in m.chains.iter().filter(|c| c.kind == ChainKind::OpStack) {
            let op = chain.op_l1.as_ref().unwrap();
            assert_eq!(op.clocks, clocks);
            let maturity = view(&l1.rpc_url, op.portal, proofMaturityDelaySecondsCall {}).await;
            let finality = view(
                &l1.rpc_url,
                op.portal,
                disputeGameFinalityDelaySecondsCall {},
            )
            .await;
            let clock = view(&l1.rpc_url, op.fault_dispute_game, maxClockDurationCall {}).await;
            assert_eq!(maturity, U256::from(clocks.proof_maturity_secs));
            assert_eq!(finality, U256::from(clocks.game_finality_secs));
            assert_eq!(clock, clocks.max_clock_duration_secs);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_paused_proposer_covers_nothing_and_retired_games_cannot_finalize() {
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let dir = devnet.dir().to_owned();
    let m = devnet.manifest().clone();
    let l1 = chain(&m, ChainKind::Ethereum);
    let chain = m
        .chains
        .iter()
        .find(|c| c.kind == ChainKind::OpStack)
        .unwrap();
    let op = chain.op_l1.as_ref().unwrap();
    let clocks = op.clocks;
    let (user, prover) = (m.accounts[1].address, m.accounts[2].address);
    let recipient = address!("0x00000000000000000000000000000000000b0b02");
    let amount = U256::from(ONE_ETH / 8);
    let mut actors = Actors::default();
    round(&mut actors, &m).await;
    let games = || async {
        view(&l1.rpc_url, op.dispute_game_factory, gameCountCall {})
            .await
            .to::<u64>()
    };
    let before = games().await;

    // Paused: a withdrawal gets no game.
    Devnet::op_pause_proposer(&dir, &chain.name, true).unwrap();
    let paused = Manifest::read(&dir).unwrap();
    let (withdrawal, l2_block, _) = withdraw(chain, user, recipient, amount).await;
    // Enough L2 blocks that a running proposer would be due (it proposes every 4).
    for _ in 0..4 {
        let _: serde_json::Value = rpc(&chain.rpc_url, "evm_mine", serde_json::json!([])).await;
    }
    round(&mut actors, &paused).await;
    assert_eq!(
        games().await,
        before,
        "no game while the proposer is paused"
    );
    // Resumed: the next round covers it.
    Devnet::op_pause_proposer(&dir, &chain.name, false).unwrap();
    round(&mut actors, &m).await;
    let (index, _, game_block) = newest_game(l1, op.dispute_game_factory, l2_block).await;
    Devnet::advance_time(&m, 1).await.unwrap();
    assert_eq!(
        prove(l1, chain, prover, &withdrawal, index, game_block).await["status"],
        "0x1"
    );
    Devnet::advance_time(&m, clocks.max_clock_duration_secs + 1)
        .await
        .unwrap();
    round(&mut actors, &m).await;
    // The guardian retires every game so far: the proof against one cannot finalize.
    assert_eq!(
        Devnet::op_retire_games(&m, "901").await.unwrap(),
        chain.name
    );
    Devnet::advance_time(
        &m,
        clocks.proof_maturity_secs.max(clocks.game_finality_secs) + 1,
    )
    .await
    .unwrap();
    let refused = finalize(l1, chain, m.accounts[3].address, &withdrawal, prover).await;
    assert_eq!(
        refused["status"], "0x0",
        "a retired game's proof cannot finalize"
    );
    assert_eq!(balance(&l1.rpc_url, recipient).await, U256::ZERO);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_test_token_goes_to_an_op_chain_and_back() {
    let devnet = Devnet::builder().block_time(None).up().await.unwrap();
    let m = devnet.manifest();
    let l1 = chain(m, ChainKind::Ethereum);
    let op_chain = m
        .chains
        .iter()
        .find(|c| c.kind == ChainKind::OpStack)
        .unwrap();
    let op = op_chain.op_l1.as_ref().unwrap();
    let (user, prover) = (m.accounts[5].address, m.accounts[6].address);
    let recipient = address!("0x00000000000000000000000000000000000b0b03");
    let (l1_token, l2_token) = (
        l1.contracts[names::TOKEN_18],
        op_chain.contracts[names::BRIDGED_TOKEN_18],
    );
    let (deposited, withdrawn) = (U256::from(10 * ONE_ETH), U256::from(4 * ONE_ETH));
    let mut actors = Actors::default();

    send(
        &l1.rpc_url,
        user,
        l1_token,
        approveCall {
            spender: op.l1_standard_bridge,
            amount: U256::MAX,
        }
        .abi_encode(),
        U256::ZERO,
    )
    .await;
    let deposit = depositERC20ToCall {
        l1Token: l1_token,
        l2Token: l2_token,
        to: user,
        amount: deposited,
        minGasLimit: 200_000,
        extraData: Bytes::new(),
    };
    send(
        &l1.rpc_url,
        user,
        op.l1_standard_bridge,
        deposit.abi_encode(),
        U256::ZERO,
    )
    .await;
    round(&mut actors, m).await;
    assert_eq!(
        view(&op_chain.rpc_url, l2_token, balanceOfCall { who: user }).await,
        deposited
    );

    let (withdrawal, l2_block, _) =
        withdraw_token(op_chain, user, recipient, l2_token, withdrawn).await;
    assert_eq!(
        view(&op_chain.rpc_url, l2_token, balanceOfCall { who: user }).await,
        deposited - withdrawn,
        "burned on L2"
    );
    // The proposer's next output is due after 4 more L2 blocks.
    for _ in 0..4 {
        let _: serde_json::Value = rpc(&op_chain.rpc_url, "evm_mine", serde_json::json!([])).await;
    }
    round(&mut actors, m).await;
    let (index, _, game_block) = newest_game(l1, op.dispute_game_factory, l2_block).await;
    Devnet::advance_time(m, 1).await.unwrap();
    assert_eq!(
        prove(l1, op_chain, prover, &withdrawal, index, game_block).await["status"],
        "0x1"
    );
    Devnet::advance_time(m, op.clocks.max_clock_duration_secs + 1)
        .await
        .unwrap();
    round(&mut actors, m).await;
    Devnet::advance_time(
        m,
        op.clocks
            .proof_maturity_secs
            .max(op.clocks.game_finality_secs)
            + 1,
    )
    .await
    .unwrap();
    let done = finalize(l1, op_chain, m.accounts[7].address, &withdrawal, prover).await;
    assert_eq!(done["status"], "0x1", "{done}");
    assert_eq!(
        view(&l1.rpc_url, l1_token, balanceOfCall { who: recipient }).await,
        withdrawn,
        "released from the L1 bridge"
    );
}
