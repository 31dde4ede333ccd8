//! The OP Stack's canonical bridge: ETH deposits through the portal, withdrawals through
//! the message passer, proven against a dispute game whose root we re-derive from our own
//! L2 reads, and finalized once `checkWithdrawal` passes (`bridging-anchors.md` §3.6).

use alloy::{
    eips::BlockNumberOrTag,
    primitives::{Address, B256, Bytes, U256, keccak256},
    rpc::types::Log,
    sol_types::{SolCall, SolEvent},
};

use super::{DEPOSIT_L2_GAS, LATEST, Route, Sent, WITHDRAWAL_L1_GAS, in_flight, logs, tx_evidence};
use crate::{
    chain::OpContracts,
    error::Result,
    fees::GasPlan,
    journey::{Evidence, Journey, JourneyAction, JourneyState, Message, Observation, StepTx, step},
    rollup::op_stack::{
        MessagePassed, OutputRootProof, TransactionDeposited, UserDeposit, WithdrawalTransaction,
        abi::{
            DisputeGameFactory, FaultDisputeGame, L1CrossDomainMessenger, L1StandardBridge,
            L2CrossDomainMessenger, L2ToL1MessagePasser, OptimismMintableERC20,
            OptimismMintableERC20Factory, OptimismPortal2,
        },
        proof,
    },
    rpc::RpcError,
    tx::{Call, Purpose, TxRecord},
};

/// Gas the L2 messenger's call of a token deposit gets (the L2 bridge mints it).
const TOKEN_DEPOSIT_L2_GAS: u32 = 200_000;
/// `GameStatus.DEFENDER_WINS`.
const DEFENDER_WINS: u8 = 2;
/// `GameStatus.CHALLENGER_WINS`.
const CHALLENGER_WINS: u8 = 1;
/// How many of the newest games are looked at for one that covers a withdrawal.
const GAMES_SCANNED: u64 = 16;

/// `OptimismPortal2.depositTransaction(recipient, amount, …)` paying `amount`: the L2
/// mints it to `from` and sends it to `recipient`.
pub(super) fn deposit_call(
    route: &Route<'_>,
    from: Address,
    recipient: Address,
    amount: U256,
) -> Call {
    let input = OptimismPortal2::depositTransactionCall {
        to: recipient,
        value: amount,
        gasLimit: DEPOSIT_L2_GAS,
        isCreation: false,
        data: Bytes::new(),
    }
    .abi_encode();
    Call {
        chain_id: route.l1.spec().chain_id,
        from,
        to: route.op().portal,
        value: amount,
        input: input.into(),
        gas: GasPlan::Estimate,
    }
}

/// `L2ToL1MessagePasser.initiateWithdrawal(recipient, gas, "")` paying `amount`.
pub(super) fn withdrawal_call(
    route: &Route<'_>,
    from: Address,
    recipient: Address,
    amount: U256,
) -> Call {
    let input = L2ToL1MessagePasser::initiateWithdrawalCall {
        target: recipient,
        gasLimit: U256::from(WITHDRAWAL_L1_GAS),
        data: Bytes::new(),
    }
    .abi_encode();
    Call {
        chain_id: route.l2.spec().chain_id,
        from,
        to: OpContracts::L2_TO_L1_MESSAGE_PASSER,
        value: amount,
        input: input.into(),
        gas: GasPlan::Estimate,
    }
}

/// The L2 token a deposit of `l1_token` mints: one the L2 token factory created for it,
/// whose `remoteToken()` is it and whose `bridge()` is the L2 standard bridge (checked on
/// chain: a token that only claims the name is never used).
pub(super) async fn counterpart(
    route: &Route<'_>,
    l1_token: Address,
) -> Result<Option<Address>, RpcError> {
    let l2 = route.l2;
    let created = logs(
        l2,
        OpContracts::L2_TOKEN_FACTORY,
        vec![
            Some(OptimismMintableERC20Factory::OptimismMintableERC20Created::SIGNATURE_HASH),
            None,
            Some(l1_token.into_word()),
        ],
        0,
        route.l2_at,
    )
    .await?;
    for log in created {
        let Some(local) = log.topics().get(1).map(|t| Address::from_word(*t)) else {
            continue;
        };
        let (remote, bridge) = futures::join!(
            l2.view(
                local,
                OptimismMintableERC20::remoteTokenCall {},
                route.l2_at
            ),
            l2.view(local, OptimismMintableERC20::bridgeCall {}, route.l2_at),
        );
        if remote? == l1_token && bridge? == OpContracts::L2_STANDARD_BRIDGE {
            return Ok(Some(local));
        }
    }
    Ok(None)
}

/// `L1StandardBridge.depositERC20To`: the token locked on L1, `l2_token` minted to `recipient`.
pub(super) fn token_deposit_call(
    route: &Route<'_>,
    from: Address,
    recipient: Address,
    l1_token: Address,
    l2_token: Address,
    amount: U256,
    gas: GasPlan,
) -> Call {
    let input = L1StandardBridge::depositERC20ToCall {
        l1Token: l1_token,
        l2Token: l2_token,
        to: recipient,
        amount,
        minGasLimit: TOKEN_DEPOSIT_L2_GAS,
        extraData: Bytes::new(),
    }
    .abi_encode();
    Call {
        chain_id: route.l1.spec().chain_id,
        from,
        to: route.op().l1_standard_bridge,
        value: U256::ZERO,
        input: input.into(),
        gas,
    }
}

/// What a token deposit's approval is for: the L1 standard bridge pulls the tokens.
pub(super) fn token_spender(route: &Route<'_>) -> Address {
    route.op().l1_standard_bridge
}

/// The deposit the portal logged, as its L2 transaction hash.
pub(super) fn deposit_message(route: &Route<'_>, logs: &[Log]) -> Option<Sent> {
    let portal = route.op().portal;
    logs.iter()
        .filter(|l| {
            l.address() == portal && l.topic0() == Some(&TransactionDeposited::SIGNATURE_HASH)
        })
        .find_map(|l| UserDeposit::from_log(&l.inner, l.block_hash?, l.log_index?).ok())
        .map(|d| Sent {
            message: Message::OpDeposit {
                l2_hash: d.l2_hash(),
            },
            recipient: d.to,
            amount: d.mint,
            token: None,
        })
}

/// The withdrawal the message passer logged.
pub(super) fn withdrawal_message(logs: &[Log]) -> Option<Sent> {
    logs.iter()
        .filter(|l| l.address() == OpContracts::L2_TO_L1_MESSAGE_PASSER)
        .find_map(|l| {
            let event = MessagePassed::decode_log(&l.inner).ok()?.data;
            Some(Sent {
                recipient: event.target,
                amount: event.value,
                token: None,
                message: Message::OpWithdrawal {
                    nonce: event.nonce,
                    sender: event.sender,
                    target: event.target,
                    value: event.value,
                    gas_limit: event.gasLimit,
                    data: event.data,
                    hash: event.withdrawalHash,
                    l2_block: l.block_number?,
                },
            })
        })
}

/// The person's journeys on this route found in the chain's logs: deposits the portal
/// logged from `sender`, or withdrawals the message passer logged from it.
pub(super) async fn scan(
    route: &Route<'_>,
    sender: Address,
) -> Result<Vec<(B256, Sent)>, RpcError> {
    let (client, address, topics) = if route.kind.is_deposit() {
        (
            route.l1,
            route.op().portal,
            vec![
                Some(TransactionDeposited::SIGNATURE_HASH),
                Some(sender.into_word()),
            ],
        )
    } else {
        (
            route.l2,
            OpContracts::L2_TO_L1_MESSAGE_PASSER,
            vec![
                Some(MessagePassed::SIGNATURE_HASH),
                None,
                Some(sender.into_word()),
            ],
        )
    };
    let found = logs(client, address, topics, 0, LATEST).await?;
    let mut journeys: Vec<(B256, Sent)> = found
        .into_iter()
        .filter_map(|log| {
            let tx = log.transaction_hash?;
            let sent = if route.kind.is_deposit() {
                deposit_message(route, std::slice::from_ref(&log))
            } else {
                withdrawal_message(std::slice::from_ref(&log))
            }?;
            Some((tx, sent))
        })
        .collect();
    if route.kind.is_deposit() {
        journeys.extend(scan_token_deposits(route, sender).await?);
    }
    Ok(journeys)
}

/// Token deposits `sender` made through the L1 standard bridge (its
/// `ERC20DepositInitiated` names the person; the portal's event names the messenger):
/// each with the portal's deposit from the same receipt.
async fn scan_token_deposits(
    route: &Route<'_>,
    sender: Address,
) -> Result<Vec<(B256, Sent)>, RpcError> {
    let found = logs(
        route.l1,
        route.op().l1_standard_bridge,
        vec![
            Some(L1StandardBridge::ERC20DepositInitiated::SIGNATURE_HASH),
            None,
            None,
            Some(sender.into_word()),
        ],
        0,
        LATEST,
    )
    .await?;
    let reads = found.into_iter().filter_map(|log| {
        let tx = log.transaction_hash?;
        let event = L1StandardBridge::ERC20DepositInitiated::decode_log(&log.inner)
            .ok()?
            .data;
        Some(async move {
            let receipt = route.l1.receipt_json(tx).await?.unwrap_or_default();
            let logs: Vec<Log> =
                serde_json::from_value(receipt["logs"].clone()).unwrap_or_default();
            Ok::<_, RpcError>(deposit_message(route, &logs).map(|sent| {
                (
                    tx,
                    Sent {
                        recipient: event.to,
                        amount: event.amount,
                        token: Some((event.l1Token, Some(event.l2Token))),
                        ..sent
                    },
                )
            }))
        })
    });
    let mut out = Vec::new();
    for found in futures::future::join_all(reads).await {
        out.extend(found?);
    }
    Ok(out)
}

/// The portal's withdrawal struct and hash of a message.
fn withdrawal(message: &Message) -> (WithdrawalTransaction, B256, u64) {
    let Message::OpWithdrawal {
        nonce,
        sender,
        target,
        value,
        gas_limit,
        data,
        hash,
        l2_block,
    } = message
    else {
        unreachable!("an OP withdrawal journey carries an OP withdrawal")
    };
    (
        WithdrawalTransaction::new(*nonce, *sender, *target, *value, *gas_limit, data.clone()),
        *hash,
        *l2_block,
    )
}

/// A deposit is delivered when the L2 has its 0x7E transaction.
pub(super) async fn observe_deposit(
    route: &Route<'_>,
    message: &Message,
    txs: &[TxRecord],
) -> Result<Observation, RpcError> {
    let Message::OpDeposit { l2_hash } = message else {
        unreachable!("an OP deposit journey carries an OP deposit")
    };
    let Some(receipt) = route.l2.receipt_json(*l2_hash).await? else {
        return Ok(Observation::of(JourneyState::AwaitingDelivery));
    };
    let evidence = Evidence {
        chain_id: route.l2.spec().chain_id,
        block: hex_u64(&receipt["blockNumber"]),
        tx: Some(*l2_hash),
    };
    // The L2 messenger's call that failed, unless a replay has since delivered it.
    let failed_relay = receipt["logs"].as_array().and_then(|logs| {
        logs.iter().find_map(|l| {
            let from_messenger = l["address"]
                .as_str()
                .and_then(|a| a.parse::<Address>().ok())
                == Some(OpContracts::L2_MESSENGER);
            let topic = |i: usize| l["topics"][i].as_str().and_then(|t| t.parse::<B256>().ok());
            (from_messenger
                && topic(0) == Some(L2CrossDomainMessenger::FailedRelayedMessage::SIGNATURE_HASH))
            .then(|| topic(1))
            .flatten()
        })
    });
    let relay_failed = match failed_relay {
        Some(message) => {
            !route
                .l2
                .view(
                    OpContracts::L2_MESSENGER,
                    L2CrossDomainMessenger::successfulMessagesCall { msgHash: message },
                    route.l2_at,
                )
                .await?
        }
        None => false,
    };
    Ok(if receipt["status"] == "0x1" && relay_failed {
        let seen = Observation::of(JourneyState::RelayFailed)
            .because(format!(
                "The deposit reached {}, but the L2 messenger's call (the bridge crediting it) failed; the message is kept there and can be replayed on {}.",
                route.l2.name(),
                route.l2.name()
            ))
            .shown_by(evidence);
        in_flight(txs, JourneyAction::Replay, seen)
    } else if receipt["status"] == "0x1" {
        Observation::of(JourneyState::Completed).shown_by(evidence)
    } else {
        Observation::of(JourneyState::Failed)
            .because(format!(
                "The deposit's transaction on {} ({l2_hash}) failed; the OP Stack still mints a failed deposit's ETH to its sender's address there.",
                route.l2.name()
            ))
            .shown_by(evidence)
    })
}

/// A dispute game as a withdrawal is proven against.
#[derive(Debug, Clone)]
struct Game {
    /// Its index in the factory (what the portal's prove takes).
    index: u64,
    /// The L2 block its root claim is about.
    l2_block: u64,
}

/// Why a game cannot carry a proof any more (a re-prove is needed), if it cannot.
async fn game_unusable(route: &Route<'_>, game: Address) -> Result<Option<String>, RpcError> {
    let (l1, portal) = (route.l1, route.op().portal);
    let (blacklisted, status, game_type, respected, respected_since, created) = futures::join!(
        l1.view(
            portal,
            OptimismPortal2::disputeGameBlacklistCall { disputeGame: game },
            route.l1_at
        ),
        l1.view(game, FaultDisputeGame::statusCall {}, route.l1_at),
        l1.view(game, FaultDisputeGame::gameTypeCall {}, route.l1_at),
        l1.view(
            portal,
            OptimismPortal2::respectedGameTypeCall {},
            route.l1_at
        ),
        l1.view(
            portal,
            OptimismPortal2::respectedGameTypeUpdatedAtCall {},
            route.l1_at
        ),
        l1.view(game, FaultDisputeGame::createdAtCall {}, route.l1_at),
    );
    Ok(if blacklisted? {
        Some(format!(
            "the dispute game {game} it was proven against was blacklisted by the chain's guardian"
        ))
    } else if status? == CHALLENGER_WINS {
        Some(format!(
            "the dispute game {game} it was proven against was won by a challenger (its output root was wrong)"
        ))
    } else if game_type? != respected? || created? < respected_since? {
        Some(format!(
            "the chain changed the kind of dispute game it accepts (an upgrade), which retired the game {game} it was proven against"
        ))
    } else {
        None
    })
}

/// The newest usable game covering `l2_block` whose root claim our own L2 reads agree
/// with; or why there is none (and when the next game is expected).
async fn covering_game(
    route: &Route<'_>,
    l2_block: u64,
    now: i64,
) -> Result<Result<Game, (String, Option<i64>)>, RpcError> {
    let (l1, op) = (route.l1, route.op());
    let factory = op.dispute_game_factory;
    let count: u64 = l1
        .view(factory, DisputeGameFactory::gameCountCall {}, route.l1_at)
        .await?
        .saturating_to();
    let mut newest_time = None;
    let mut previous_time = None;
    let mut disagreed = None;
    for index in (count.saturating_sub(GAMES_SCANNED)..count).rev() {
        let g = l1
            .view(
                factory,
                DisputeGameFactory::gameAtIndexCall {
                    index: U256::from(index),
                },
                route.l1_at,
            )
            .await?;
        match newest_time {
            None => newest_time = Some(g.timestamp),
            Some(_) if previous_time.is_none() => previous_time = Some(g.timestamp),
            _ => {}
        }
        let block: u64 = l1
            .view(g.proxy, FaultDisputeGame::l2BlockNumberCall {}, route.l1_at)
            .await?
            .saturating_to();
        if block < l2_block {
            // Older games cover even earlier blocks.
            break;
        }
        // The portal refuses a proof in its game's own second.
        if g.timestamp as i64 >= now || game_unusable(route, g.proxy).await?.is_some() {
            continue;
        }
        let claim = l1
            .view(g.proxy, FaultDisputeGame::rootClaimCall {}, route.l1_at)
            .await?;
        let ours = output_root_proof(route, block, B256::ZERO).await?.0.root();
        if ours != claim {
            disagreed = Some(g.proxy);
            continue;
        }
        return Ok(Ok(Game {
            index,
            l2_block: block,
        }));
    }
    let eta = match (newest_time, previous_time) {
        (Some(newest), Some(previous)) => Some((newest + newest.saturating_sub(previous)) as i64),
        _ => None,
    };
    let why = match disagreed {
        Some(game) => format!(
            "The newest proposal covering it (game {game}) claims an output root that {}'s own state does not give, so the wallet will not prove against it; waiting for a correct one.",
            route.l2.name()
        ),
        None => format!(
            "No state proposal on {} covers its block yet; proposals come every so often and the next should cover it.",
            route.l1.name()
        ),
    };
    Ok(Err((why, eta)))
}

/// The output root proof of L2 block `block` and, for `slot`, the message passer's
/// storage proof (with the inline-leaf fix-up), both from our own L2 node.
async fn output_root_proof(
    route: &Route<'_>,
    block: u64,
    slot: B256,
) -> Result<(OutputRootProof, Vec<Bytes>), RpcError> {
    let l2 = route.l2;
    let tag = BlockNumberOrTag::Number(block);
    let (header, proof) = futures::join!(
        l2.request_together::<serde_json::Value>("eth_getBlockByNumber", (tag, false)),
        l2.request_together::<serde_json::Value>(
            "eth_getProof",
            (OpContracts::L2_TO_L1_MESSAGE_PASSER, [slot], tag)
        ),
    );
    let (header, proof) = (header?, proof?);
    let b256 = |v: &serde_json::Value, what: &str| {
        v.as_str()
            .and_then(|s| s.parse::<B256>().ok())
            .ok_or_else(|| RpcError::Malformed {
                chain: l2.name().into(),
                method: "eth_getProof".into(),
                detail: format!("no {what} for block {block}"),
            })
    };
    let output = OutputRootProof::v0(
        b256(&header["stateRoot"], "state root")?,
        b256(&proof["storageHash"], "storage hash")?,
        b256(&header["hash"], "block hash")?,
    );
    let nodes: Vec<Bytes> =
        serde_json::from_value(proof["storageProof"][0]["proof"].clone()).unwrap_or_default();
    Ok((output, proof::with_inline_leaf(slot, nodes)))
}

/// Whose proof the wallet relies on: our own account's if it proved; else another
/// prover's only when that proof's game is settled for the defender (a proof against a
/// game still in progress could be against a wrong root, and would keep the journey from
/// being proven by the person).
async fn prover(route: &Route<'_>, hash: B256, ours: Address) -> Result<Option<Address>, RpcError> {
    let (l1, portal) = (route.l1, route.op().portal);
    let count: u64 = l1
        .view(
            portal,
            OptimismPortal2::numProofSubmittersCall {
                withdrawalHash: hash,
            },
            route.l1_at,
        )
        .await?
        .saturating_to();
    let mut latest = None;
    for index in 0..count {
        let submitter = l1
            .view(
                portal,
                OptimismPortal2::proofSubmittersCall {
                    withdrawalHash: hash,
                    index: U256::from(index),
                },
                route.l1_at,
            )
            .await?;
        if submitter == ours {
            return Ok(Some(ours));
        }
        latest = Some(submitter);
    }
    let Some(other) = latest else {
        return Ok(None);
    };
    let proven = l1
        .view(
            portal,
            OptimismPortal2::provenWithdrawalsCall {
                withdrawalHash: hash,
                proofSubmitter: other,
            },
            route.l1_at,
        )
        .await?;
    let status = l1
        .view(
            proven.disputeGameProxy,
            FaultDisputeGame::statusCall {},
            route.l1_at,
        )
        .await?;
    Ok((status == DEFENDER_WINS).then_some(other))
}

/// The withdrawal's state from the portal, its proof's game, and the L1 messenger.
pub(super) async fn observe_withdrawal(
    route: &Route<'_>,
    journey: &Journey,
    message: &Message,
    txs: &[TxRecord],
    now: i64,
) -> Result<Observation, RpcError> {
    let (l1, op) = (route.l1, route.op());
    let (tx, hash, l2_block) = withdrawal(message);
    let l1_evidence = |tx: Option<B256>| Evidence {
        chain_id: l1.spec().chain_id,
        block: None,
        tx,
    };
    let finalized = || async {
        l1.view(
            op.portal,
            OptimismPortal2::finalizedWithdrawalsCall {
                withdrawalHash: hash,
            },
            route.l1_at,
        )
        .await
    };
    if finalized().await? {
        return finalized_state(route, &tx, hash, txs).await;
    }

    let ready_to_prove = |reason: Option<String>| async move {
        match covering_game(route, l2_block, now).await? {
            Ok(_) => {
                let seen = Observation::of(JourneyState::ReadyToProve);
                let seen = match reason {
                    Some(r) => seen.because(r),
                    None => seen,
                };
                Ok::<_, RpcError>(in_flight(txs, JourneyAction::Prove, seen))
            }
            Err((why, eta)) => {
                let why = match reason {
                    Some(r) => format!("{r} {why}"),
                    None => why,
                };
                Ok(in_flight(
                    txs,
                    JourneyAction::Prove,
                    Observation::of(JourneyState::AwaitingGame)
                        .because(why)
                        .until(eta),
                ))
            }
        }
    };

    let Some(submitter) = prover(route, hash, journey.sender).await? else {
        return ready_to_prove(None).await;
    };
    let proven = l1
        .view(
            op.portal,
            OptimismPortal2::provenWithdrawalsCall {
                withdrawalHash: hash,
                proofSubmitter: submitter,
            },
            route.l1_at,
        )
        .await?;
    if proven.timestamp == 0 {
        return ready_to_prove(None).await;
    }
    if let Some(why) = game_unusable(route, proven.disputeGameProxy).await? {
        return ready_to_prove(Some(format!(
            "Re-prove needed: {why}. The earlier proof stays in the history; proving again restarts the waiting period."
        )))
        .await;
    }
    let prove_evidence = match step(txs, Purpose::Prove) {
        StepTx::Mined(t) => tx_evidence(t),
        _ => l1_evidence(None),
    };
    let check = l1
        .view(
            op.portal,
            OptimismPortal2::checkWithdrawalCall {
                withdrawalHash: hash,
                proofSubmitter: submitter,
            },
            route.l1_at,
        )
        .await;
    match check {
        Ok(_) => Ok(in_flight(
            txs,
            JourneyAction::Finalize,
            Observation::of(JourneyState::ReadyToFinalize).shown_by(prove_evidence),
        )),
        Err(RpcError::Rejected { message, .. }) => {
            let eta = maturity(route, proven.disputeGameProxy, proven.timestamp).await?;
            let seen = Observation::of(JourneyState::Maturing)
                .until(Some(eta))
                .shown_by(prove_evidence);
            // Waiting out the clocks is the expected refusal; any other reason is said.
            let waiting = ["has not matured yet", "has not been validated"]
                .iter()
                .any(|w| message.contains(w));
            Ok(if waiting {
                seen
            } else {
                seen.because(format!("The portal does not finalize it yet: {message}"))
            })
        }
        Err(e) => Err(e),
    }
}

/// A finalized withdrawal: completed, or its L1 call failed (replayable when the L1
/// messenger made it, lost in the portal when the portal called the recipient directly).
async fn finalized_state(
    route: &Route<'_>,
    tx: &WithdrawalTransaction,
    hash: B256,
    txs: &[TxRecord],
) -> Result<Observation, RpcError> {
    let (l1, op) = (route.l1, route.op());
    let evidence = match step(txs, Purpose::Finalize) {
        StepTx::Mined(t) | StepTx::Out(t) => tx_evidence(t),
        _ => Evidence {
            chain_id: l1.spec().chain_id,
            block: None,
            tx: None,
        },
    };
    if tx.target == op.l1_messenger {
        // The messenger's own hash of a relayed message is the hash of its calldata.
        let relayed = keccak256(&tx.data);
        let (failed, replayed) = futures::join!(
            l1.view(
                op.l1_messenger,
                L1CrossDomainMessenger::failedMessagesCall { msgHash: relayed },
                route.l1_at,
            ),
            l1.view(
                op.l1_messenger,
                L1CrossDomainMessenger::successfulMessagesCall { msgHash: relayed },
                route.l1_at,
            ),
        );
        if failed? && !replayed? {
            let seen = Observation::of(JourneyState::RelayFailed)
                .because("The withdrawal was finalized, but the L1 messenger's call to the recipient failed; it can be replayed on the messenger.")
                .shown_by(evidence);
            return Ok(in_flight(txs, JourneyAction::Replay, seen));
        }
    } else if let Some(false) = finalized_success(route, hash).await? {
        return Ok(Observation::of(JourneyState::Failed)
            .because(format!(
                "The withdrawal was finalized, but the call to {} on {} failed, so the ETH stayed in the portal.",
                tx.target,
                l1.name()
            ))
            .shown_by(evidence));
    }
    Ok(Observation::of(JourneyState::Completed).shown_by(evidence))
}

/// When a proof made at `proven_at` against `game` can be finalized: after both clocks
/// (the proof's maturity, and the game's resolution plus the finality air-gap; while the
/// game is unresolved, its longest possible clock is assumed).
async fn maturity(route: &Route<'_>, game: Address, proven_at: u64) -> Result<i64, RpcError> {
    let (l1, portal) = (route.l1, route.op().portal);
    let (maturity, finality, resolved, created, max_clock) = futures::join!(
        l1.view(
            portal,
            OptimismPortal2::proofMaturityDelaySecondsCall {},
            route.l1_at
        ),
        l1.view(
            portal,
            OptimismPortal2::disputeGameFinalityDelaySecondsCall {},
            route.l1_at
        ),
        l1.view(game, FaultDisputeGame::resolvedAtCall {}, route.l1_at),
        l1.view(game, FaultDisputeGame::createdAtCall {}, route.l1_at),
        l1.view(game, FaultDisputeGame::maxClockDurationCall {}, route.l1_at),
    );
    let (maturity, finality): (u64, u64) = (maturity?.saturating_to(), finality?.saturating_to());
    let resolved = resolved?;
    let settled = if resolved > 0 {
        resolved + finality
    } else {
        created? + max_clock? + finality
    };
    Ok((proven_at + maturity).max(settled) as i64)
}

/// The clocks of [`super::OpClocks`], read from the portal and the newest game.
pub(super) async fn clocks(route: &Route<'_>) -> Result<super::OpClocks, RpcError> {
    let (l1, op) = (route.l1, route.op());
    let factory = op.dispute_game_factory;
    let (maturity, finality, count, respected) = futures::join!(
        l1.view(
            op.portal,
            OptimismPortal2::proofMaturityDelaySecondsCall {},
            route.l1_at
        ),
        l1.view(
            op.portal,
            OptimismPortal2::disputeGameFinalityDelaySecondsCall {},
            route.l1_at
        ),
        l1.view(factory, DisputeGameFactory::gameCountCall {}, route.l1_at),
        l1.view(
            op.portal,
            OptimismPortal2::respectedGameTypeCall {},
            route.l1_at
        ),
    );
    // The respected game type's implementation holds the clock every new game gets.
    let implementation = l1
        .view(
            factory,
            DisputeGameFactory::gameImplsCall {
                gameType: respected?,
            },
            route.l1_at,
        )
        .await?;
    let max_clock = l1
        .view(
            implementation,
            FaultDisputeGame::maxClockDurationCall {},
            route.l1_at,
        )
        .await?;
    let count: u64 = count?.saturating_to();
    let game = |index: u64| {
        l1.view(
            factory,
            DisputeGameFactory::gameAtIndexCall {
                index: U256::from(index),
            },
            route.l1_at,
        )
    };
    let game_interval = if count > 1 {
        let (newest, previous) = futures::join!(game(count - 1), game(count - 2));
        Some(newest?.timestamp.saturating_sub(previous?.timestamp))
    } else {
        None
    };
    let finality: u64 = finality?.saturating_to();
    Ok(super::OpClocks {
        game_interval,
        proof_maturity: maturity?.saturating_to(),
        game_settles: max_clock + finality,
    })
}

/// Whether the portal's `WithdrawalFinalized` for `hash` says the call succeeded.
async fn finalized_success(route: &Route<'_>, hash: B256) -> Result<Option<bool>, RpcError> {
    let found = logs(
        route.l1,
        route.op().portal,
        vec![
            Some(OptimismPortal2::WithdrawalFinalized::SIGNATURE_HASH),
            Some(hash),
        ],
        0,
        route.l1_at,
    )
    .await?;
    Ok(found
        .last()
        .and_then(|l| OptimismPortal2::WithdrawalFinalized::decode_log(&l.inner).ok())
        .map(|e| e.data.success))
}

/// `proveWithdrawalTransaction` against the newest usable game covering the withdrawal,
/// with the output root and storage proof read from our own L2 node.
pub(super) async fn prove_call(
    route: &Route<'_>,
    message: &Message,
    from: Address,
) -> Result<Call> {
    let (tx, _, l2_block) = withdrawal(message);
    let now = route.destination_time().await?;
    let game = match covering_game(route, l2_block, now).await? {
        Ok(game) => game,
        Err((why, _)) => return Err(crate::journey::JourneyError::NotNow(why).into()),
    };
    let (output, nodes) = output_root_proof(route, game.l2_block, tx.storage_slot()).await?;
    let input = OptimismPortal2::proveWithdrawalTransactionCall {
        tx,
        disputeGameIndex: U256::from(game.index),
        outputRootProof: output,
        withdrawalProof: nodes,
    }
    .abi_encode();
    Ok(Call {
        chain_id: route.l1.spec().chain_id,
        from,
        to: route.op().portal,
        value: U256::ZERO,
        input: input.into(),
        gas: GasPlan::Estimate,
    })
}

/// `finalizeWithdrawalTransaction`, or `…ExternalProof` naming the prover when another
/// account proved it (the portal keys proofs by their submitter).
pub(super) async fn finalize_call(
    route: &Route<'_>,
    message: &Message,
    owner: Address,
    from: Address,
) -> Result<Call> {
    let (tx, hash, _) = withdrawal(message);
    // The proof the observation relied on: the journey owner's, or a settled other one.
    let submitter = prover(route, hash, owner).await?.unwrap_or(from);
    let input = if submitter == from {
        OptimismPortal2::finalizeWithdrawalTransactionCall { tx }.abi_encode()
    } else {
        OptimismPortal2::finalizeWithdrawalTransactionExternalProofCall {
            tx,
            proofSubmitter: submitter,
        }
        .abi_encode()
    };
    Ok(Call {
        chain_id: route.l1.spec().chain_id,
        from,
        to: route.op().portal,
        value: U256::ZERO,
        input: input.into(),
        gas: GasPlan::Estimate,
    })
}

/// The replay of a relayed message that failed: the same `relayMessage` call to the
/// messenger that received it (L2's for a deposit, read from the deposit's L2 transaction;
/// L1's for a withdrawal, which carries the call as its data), run again with the gas
/// the replayer gives it.
pub(super) async fn replay_call(
    route: &Route<'_>,
    message: &Message,
    from: Address,
) -> Result<Call> {
    let (client, messenger, input) = match message {
        Message::OpDeposit { l2_hash } => {
            let deposit: serde_json::Value = route
                .l2
                .request_together("eth_getTransactionByHash", (l2_hash,))
                .await?;
            let input = deposit["input"]
                .as_str()
                .and_then(|i| i.parse::<Bytes>().ok())
                .ok_or_else(|| RpcError::Malformed {
                    chain: route.l2.name().into(),
                    method: "eth_getTransactionByHash".into(),
                    detail: format!("no input for deposit {l2_hash}"),
                })?;
            (route.l2, OpContracts::L2_MESSENGER, input)
        }
        Message::OpWithdrawal { data, .. } => (route.l1, route.op().l1_messenger, data.clone()),
        _ => unreachable!("only OP messages are relayed by a messenger"),
    };
    // A messenger keeps a failed call instead of reverting, so an estimate from the
    // person's account finds the gas at which the replay fails again. From the
    // estimation address the messenger reverts on failure (as op-node's estimates rely
    // on): the estimate is the gas at which the call succeeds; a margin on top.
    // (It holds no ETH: a balance is lent to it for the estimate only.)
    let request = serde_json::json!({ "from": ESTIMATION_ADDRESS, "to": messenger, "data": input });
    let lent = serde_json::json!({ ESTIMATION_ADDRESS.to_string(): { "balance": "0x3635c9adc5dea00000" } });
    let gas: alloy::primitives::U64 = client
        .request("eth_estimateGas", (request, "latest", lent))
        .await?;
    Ok(Call {
        chain_id: client.spec().chain_id,
        from,
        to: messenger,
        value: U256::ZERO,
        input,
        gas: GasPlan::Known(gas.to::<u64>() * 6 / 5),
    })
}

/// `Constants.ESTIMATION_ADDRESS`: the `tx.origin` for which a messenger reverts a failed
/// relay instead of keeping it.
const ESTIMATION_ADDRESS: Address =
    alloy::primitives::address!("0x0000000000000000000000000000000000000001");

/// A `0x…` quantity as a number.
pub(super) fn hex_u64(v: &serde_json::Value) -> Option<u64> {
    v.as_str()
        .and_then(|s| u64::from_str_radix(s.trim_start_matches("0x"), 16).ok())
}
