//! Arbitrum's canonical bridge: ETH deposits through the delayed inbox (a plain deposit
//! to oneself, a retryable ticket to anyone else, as `@arbitrum/sdk` does), withdrawals
//! through ArbSys, claimed from the Outbox once a confirmed send root covers them.

use alloy::{
    eips::BlockId,
    primitives::{Address, B256, Bytes, U256},
    rpc::types::Log,
    sol_types::{SolCall, SolEvent, SolValue},
};

use super::{LATEST, Route, Sent, in_flight, logs, op::hex_u64, tx_evidence};
use crate::{
    chain::ArbitrumContracts,
    error::Result,
    fees::GasPlan,
    journey::{Evidence, JourneyAction, JourneyState, Message, Observation, StepTx, step},
    rollup::arbitrum::{
        abi::{
            ArbRetryableTx, ArbSys, DepositDelivered, Inbox, InboxMessageDelivered,
            L1ArbitrumGateway, L1GatewayRouter, L2ToL1Tx, MessageDelivered, NodeInterface, Outbox,
            RedeemScheduled, SendRootUpdated, TicketCreated,
        },
        inbox::{EthDeposit, KIND_ETH_DEPOSIT, KIND_SUBMIT_RETRYABLE, Retryable},
        undo_alias,
    },
    rpc::RpcError,
    tx::{Call, Purpose, TxRecord},
};

/// Gas a retryable carrying ETH to another address gets on the child chain.
const TICKET_GAS: u64 = 100_000;
/// L2 gas a token deposit's ticket gets: the first deposit of a token deploys it on the
/// child chain.
const TOKEN_TICKET_GAS: u64 = 2_000_000;
/// Bytes of calldata a token deposit's ticket carries at most (the gateway's
/// `finalizeInboundTransfer` with the token's name, symbol and decimals), for its
/// submission cost.
const TOKEN_TICKET_DATA: u64 = 1_024;
/// Margin on the prices a ticket commits to (the unspent part is refunded on L2).
const PRICE_MARGIN: u64 = 2;

/// What a ticket carrying `data_len` bytes commits to pay: its submission cost (the
/// inbox's formula at twice today's L1 gas price) and its L2 gas price (twice today's).
async fn ticket_prices(route: &Route<'_>, data_len: u64) -> Result<(U256, U256), RpcError> {
    let (l1_price, l2_price) = futures::join!(
        route.l1.request::<_, U256>("eth_gasPrice", ()),
        route.l2.request::<_, U256>("eth_gasPrice", ()),
    );
    let margin = U256::from(PRICE_MARGIN);
    let submission = route
        .l1
        .view(
            route.arb().inbox,
            Inbox::calculateRetryableSubmissionFeeCall {
                dataLength: U256::from(data_len),
                baseFee: l1_price? * margin,
            },
            route.l1_at,
        )
        .await?;
    Ok((submission, l2_price? * margin))
}

/// An ETH deposit of `amount`: `Inbox.depositEth` when it goes to the sender itself, else
/// a retryable ticket carrying it to `recipient` (its submission cost and L2 gas paid on
/// top, the excess refunded to the sender on the child chain).
pub(super) async fn deposit_call(
    route: &Route<'_>,
    from: Address,
    recipient: Address,
    amount: U256,
) -> Result<Call, RpcError> {
    let inbox = route.arb().inbox;
    let (input, value) = if recipient == from {
        (Inbox::depositEthCall {}.abi_encode(), amount)
    } else {
        let (submission, max_fee) = ticket_prices(route, 0).await?;
        let call = Inbox::createRetryableTicketCall {
            to: recipient,
            l2CallValue: amount,
            maxSubmissionCost: submission,
            excessFeeRefundAddress: from,
            callValueRefundAddress: from,
            gasLimit: U256::from(TICKET_GAS),
            maxFeePerGas: max_fee,
            data: Bytes::new(),
        };
        let value = amount + submission + U256::from(TICKET_GAS) * max_fee;
        (call.abi_encode(), value)
    };
    Ok(Call {
        chain_id: route.l1.spec().chain_id,
        from,
        to: inbox,
        value,
        input: input.into(),
        gas: GasPlan::Estimate,
    })
}

/// The child-chain token a deposit of `l1_token` arrives as (the router computes it; the
/// gateway deploys it on the first deposit).
pub(super) async fn counterpart(
    route: &Route<'_>,
    l1_token: Address,
) -> Result<Option<Address>, RpcError> {
    let l2 = route
        .l1
        .view(
            route.arb().parent_gateway_router,
            L1GatewayRouter::calculateL2TokenAddressCall { l1Token: l1_token },
            route.l1_at,
        )
        .await?;
    Ok((!l2.is_zero()).then_some(l2))
}

/// What a token deposit's approval is for: the token's gateway (the router names it) pulls
/// the tokens.
pub(super) async fn token_spender(
    route: &Route<'_>,
    l1_token: Address,
) -> Result<Address, RpcError> {
    route
        .l1
        .view(
            route.arb().parent_gateway_router,
            L1GatewayRouter::getGatewayCall { token: l1_token },
            route.l1_at,
        )
        .await
}

/// `L1GatewayRouter.outboundTransfer`: the token locked in its gateway and a retryable
/// ticket that mints it on the child chain, paid for with ETH (submission cost and L2 gas
/// at twice today's prices; the excess refunded on the child chain).
pub(super) async fn token_deposit_call(
    route: &Route<'_>,
    from: Address,
    recipient: Address,
    l1_token: Address,
    amount: U256,
    gas: GasPlan,
) -> Result<Call, RpcError> {
    let (submission, gas_price) = ticket_prices(route, TOKEN_TICKET_DATA).await?;
    let data = (submission, Bytes::new()).abi_encode_params();
    let input = L1GatewayRouter::outboundTransferCall {
        token: l1_token,
        to: recipient,
        amount,
        maxGas: U256::from(TOKEN_TICKET_GAS),
        gasPriceBid: gas_price,
        data: data.into(),
    }
    .abi_encode();
    Ok(Call {
        chain_id: route.l1.spec().chain_id,
        from,
        to: route.arb().parent_gateway_router,
        value: submission + U256::from(TOKEN_TICKET_GAS) * gas_price,
        input: input.into(),
        gas,
    })
}

/// `ArbSys.withdrawEth(recipient)` paying `amount`.
pub(super) fn withdrawal_call(
    route: &Route<'_>,
    from: Address,
    recipient: Address,
    amount: U256,
) -> Call {
    Call {
        chain_id: route.l2.spec().chain_id,
        from,
        to: ArbitrumContracts::ARB_SYS,
        value: amount,
        input: ArbSys::withdrawEthCall {
            destination: recipient,
        }
        .abi_encode()
        .into(),
        gas: GasPlan::Estimate,
    }
}

/// The inbox message of an L1 receipt, with the child-chain id the SDK gives it.
pub(super) fn deposit_message(route: &Route<'_>, logs: &[Log]) -> Option<Sent> {
    let bridge = route.arb().bridge;
    let record = logs
        .iter()
        .filter(|l| l.address() == bridge)
        .find_map(|l| MessageDelivered::decode_log(&l.inner).ok())?
        .data;
    let data = logs
        .iter()
        .find_map(|l| InboxMessageDelivered::decode_log(&l.inner).ok())?
        .data;
    let child = route.l2.spec().chain_id;
    let (l2_id, retryable, recipient, amount) = match record.kind {
        KIND_ETH_DEPOSIT => {
            let d = EthDeposit::decode(data.messageNum, record.sender, &data.data).ok()?;
            (d.tx_id(child), false, d.to, d.value)
        }
        KIND_SUBMIT_RETRYABLE => {
            let r = Retryable::decode(data.messageNum, record.sender, record.baseFeeL1, &data.data)
                .ok()?;
            (r.ticket_id(child), true, r.to, r.l2_call_value)
        }
        _ => return None,
    };
    Some(Sent {
        message: Message::ArbDeposit {
            message_number: data.messageNum,
            l2_id,
            retryable,
        },
        recipient,
        amount,
        token: None,
    })
}

/// The `L2ToL1Tx` event of an L2 receipt.
pub(super) fn withdrawal_message(logs: &[Log]) -> Option<Sent> {
    logs.iter()
        .filter(|l| l.address() == ArbitrumContracts::ARB_SYS)
        .find_map(|l| L2ToL1Tx::decode_log(&l.inner).ok())
        .map(|e| Sent {
            recipient: e.data.destination,
            amount: e.data.callvalue,
            token: None,
            message: Message::ArbWithdrawal {
                caller: e.data.caller,
                destination: e.data.destination,
                position: e.data.position,
                arb_block: e.data.arbBlockNum,
                eth_block: e.data.ethBlockNum,
                timestamp: e.data.timestamp,
                value: e.data.callvalue,
                data: e.data.data,
            },
        })
}

/// The person's journeys on this route found in the chain's logs: inbox messages whose
/// sender is `sender` (or its alias), or withdrawals whose caller is `sender`. Neither
/// event indexes the person, so every message is read and filtered here.
pub(super) async fn scan(
    route: &Route<'_>,
    sender: Address,
) -> Result<Vec<(B256, Sent)>, RpcError> {
    let arb = route.arb();
    if !route.kind.is_deposit() {
        let found = logs(
            route.l2,
            ArbitrumContracts::ARB_SYS,
            vec![Some(L2ToL1Tx::SIGNATURE_HASH)],
            0,
            LATEST,
        )
        .await?;
        return Ok(found
            .into_iter()
            .filter(|l| L2ToL1Tx::decode_log(&l.inner).is_ok_and(|e| e.data.caller == sender))
            .filter_map(|l| {
                Some((
                    l.transaction_hash?,
                    withdrawal_message(std::slice::from_ref(&l))?,
                ))
            })
            .collect());
    }
    let (delivered, data) = futures::join!(
        logs(
            route.l1,
            arb.bridge,
            vec![Some(MessageDelivered::SIGNATURE_HASH)],
            0,
            LATEST
        ),
        logs(
            route.l1,
            arb.inbox,
            vec![Some(InboxMessageDelivered::SIGNATURE_HASH)],
            0,
            LATEST
        ),
    );
    let data = data?;
    let message_of = |l: &Log| {
        let number = l.topics().get(1).copied()?;
        let body = data
            .iter()
            .find(|d| d.topics().get(1) == Some(&number))?
            .clone();
        deposit_message(route, &[l.clone(), body])
    };
    let delivered = delivered?;
    let mut journeys: Vec<(B256, Sent)> = delivered
        .iter()
        .filter(|l| {
            MessageDelivered::decode_log(&l.inner)
                .is_ok_and(|e| e.data.sender == sender || undo_alias(e.data.sender) == sender)
        })
        .filter_map(|l| Some((l.transaction_hash?, message_of(l)?)))
        .collect();
    // Token deposits: the gateway's `DepositInitiated` names the person (the inbox
    // message's sender is the gateway); its ticket is the message in the same transaction.
    let tokens = logs(
        route.l1,
        arb.parent_erc20_gateway,
        vec![
            Some(L1ArbitrumGateway::DepositInitiated::SIGNATURE_HASH),
            Some(sender.into_word()),
        ],
        0,
        LATEST,
    )
    .await?;
    for log in tokens {
        let (Some(tx), Ok(event)) = (
            log.transaction_hash,
            L1ArbitrumGateway::DepositInitiated::decode_log(&log.inner),
        ) else {
            continue;
        };
        let Some(sent) = delivered
            .iter()
            .filter(|l| l.transaction_hash == Some(tx))
            .find_map(message_of)
        else {
            continue;
        };
        let destination = counterpart(route, event.data.l1Token).await?;
        journeys.push((
            tx,
            Sent {
                recipient: event.data.to,
                amount: event.data.amount,
                token: Some((event.data.l1Token, destination)),
                ..sent
            },
        ));
    }
    Ok(journeys)
}

/// Where the child chain shows a deposit or ticket id: its transaction (a real chain),
/// or `ArbRetryableTx`'s log (the devnet's stand-in credits inside its own transaction,
/// and every chain logs `TicketCreated`).
async fn delivered(
    route: &Route<'_>,
    message_number: U256,
    l2_id: B256,
    retryable: bool,
) -> Result<Option<Evidence>, RpcError> {
    let l2 = route.l2;
    let chain_id = l2.spec().chain_id;
    if let Some(receipt) = l2.receipt_json(l2_id).await? {
        return Ok(Some(Evidence {
            chain_id,
            block: hex_u64(&receipt["blockNumber"]),
            tx: Some(l2_id),
        }));
    }
    let topics = if retryable {
        vec![Some(TicketCreated::SIGNATURE_HASH), Some(l2_id)]
    } else {
        vec![
            Some(DepositDelivered::SIGNATURE_HASH),
            Some(B256::from(message_number)),
        ]
    };
    let found = logs(
        l2,
        ArbitrumContracts::ARB_RETRYABLE_TX,
        topics,
        0,
        route.l2_at,
    )
    .await?;
    Ok(found.last().map(|l| Evidence {
        chain_id,
        block: l.block_number,
        tx: l.transaction_hash,
    }))
}

/// A deposit is delivered when the child chain has it; a ticket then lives until it is
/// redeemed (automatically, or by hand before its deadline) or expires.
pub(super) async fn observe_deposit(
    route: &Route<'_>,
    message: &Message,
    txs: &[TxRecord],
) -> Result<Observation, RpcError> {
    let Message::ArbDeposit {
        message_number,
        l2_id,
        retryable,
    } = message
    else {
        unreachable!("an Arbitrum deposit journey carries an Arbitrum deposit")
    };
    let Some(evidence) = delivered(route, *message_number, *l2_id, *retryable).await? else {
        return Ok(Observation::of(JourneyState::AwaitingDelivery));
    };
    if !retryable {
        return Ok(Observation::of(JourneyState::Completed).shown_by(evidence));
    }
    let timeout = route
        .l2
        .view(
            ArbitrumContracts::ARB_RETRYABLE_TX,
            ArbRetryableTx::getTimeoutCall { ticketId: *l2_id },
            route.l2_at,
        )
        .await;
    match timeout {
        Ok(deadline) => {
            let deadline: i64 = deadline.saturating_to();
            let seen = Observation::of(JourneyState::NeedsRedeem)
                .because(format!(
                    "Its automatic redeem on {} failed, so the ETH waits in ticket {l2_id}. Redeem it before {} (UTC), or it expires and the ETH goes back to the refund address.",
                    route.l2.name(),
                    crate::views::rfc3339(deadline)
                ))
                .until(Some(deadline))
                .shown_by(evidence);
            Ok(in_flight(txs, JourneyAction::Redeem, seen))
        }
        // `NoTicketWithID`: the ticket is gone — redeemed (a successful redeem is on the
        // chain) or expired. Any other refusal says nothing about it.
        Err(RpcError::Rejected { message, data, .. })
            if message.contains("NoTicketWithID")
                || data.as_ref().is_some_and(|d| d.starts_with(&NO_TICKET_WITH_ID)) =>
        {
            Ok(match redeemed(route, *l2_id).await? {
                Some(redeem) => {
                    let evidence = match step(txs, Purpose::Redeem) {
                        StepTx::Mined(t) => tx_evidence(t),
                        _ => redeem,
                    };
                    Observation::of(JourneyState::Completed).shown_by(evidence)
                }
                None => Observation::of(JourneyState::Expired).because(format!(
                    "Ticket {l2_id} is gone without a successful redeem: it expired, and its call value went to the refund address on {}.",
                    route.l2.name()
                )),
            })
        }
        Err(e) => Err(e),
    }
}

/// `NoTicketWithID()`'s selector: what `ArbRetryableTx` reverts with for a ticket that is
/// not (or no longer) there.
const NO_TICKET_WITH_ID: [u8; 4] = [0x80, 0x69, 0x84, 0x56];

/// The successful redeem of `ticket`, if the child chain has one: a `RedeemScheduled`
/// whose retry transaction succeeded (the devnet's stand-in logs it only for a redeem
/// that went through; its retry hash is not a transaction).
async fn redeemed(route: &Route<'_>, ticket: B256) -> Result<Option<Evidence>, RpcError> {
    let l2 = route.l2;
    let scheduled = logs(
        l2,
        ArbitrumContracts::ARB_RETRYABLE_TX,
        vec![Some(RedeemScheduled::SIGNATURE_HASH), Some(ticket)],
        0,
        route.l2_at,
    )
    .await?;
    for log in scheduled.iter().rev() {
        let Some(retry) = log.topics().get(2).copied() else {
            continue;
        };
        let succeeded = match l2.receipt_json(retry).await? {
            Some(receipt) => receipt["status"] == "0x1",
            None => true,
        };
        if succeeded {
            return Ok(Some(Evidence {
                chain_id: l2.spec().chain_id,
                block: log.block_number,
                tx: log.transaction_hash,
            }));
        }
    }
    Ok(None)
}

/// The send count the newest confirmed root covers, read from the Outbox's
/// `SendRootUpdated` log (from L1 block `since`) and ArbSys's tree at the L2 block it
/// names.
async fn confirmed_sends(route: &Route<'_>, since: u64) -> Result<Option<(u64, B256)>, RpcError> {
    let found = logs(
        route.l1,
        route.arb().outbox,
        vec![Some(SendRootUpdated::SIGNATURE_HASH)],
        since,
        route.l1_at,
    )
    .await?;
    let Some(root) = found
        .last()
        .and_then(|l| SendRootUpdated::decode_log(&l.inner).ok())
    else {
        return Ok(None);
    };
    let at = BlockId::hash(root.data.l2BlockHash);
    let state = route
        .l2
        .view(
            ArbitrumContracts::ARB_SYS,
            ArbSys::sendMerkleTreeStateCall {},
            at,
        )
        .await?;
    Ok(Some((state.size.saturating_to(), state.root)))
}

/// The fields of an Arbitrum withdrawal message.
struct Withdrawal<'m> {
    caller: Address,
    destination: Address,
    position: U256,
    arb_block: U256,
    eth_block: U256,
    timestamp: U256,
    value: U256,
    data: &'m Bytes,
}

fn fields(message: &Message) -> Withdrawal<'_> {
    let Message::ArbWithdrawal {
        caller,
        destination,
        position,
        arb_block,
        eth_block,
        timestamp,
        value,
        data,
    } = message
    else {
        unreachable!("an Arbitrum withdrawal journey carries an Arbitrum withdrawal")
    };
    Withdrawal {
        caller: *caller,
        destination: *destination,
        position: *position,
        arb_block: *arb_block,
        eth_block: *eth_block,
        timestamp: *timestamp,
        value: *value,
        data,
    }
}

/// Spent (the Outbox says so), claimable (a confirmed root covers it), or waiting.
pub(super) async fn observe_withdrawal(
    route: &Route<'_>,
    message: &Message,
    txs: &[TxRecord],
) -> Result<Observation, RpcError> {
    let w = fields(message);
    let arb = route.arb();
    if route
        .l1
        .view(
            arb.outbox,
            Outbox::isSpentCall { index: w.position },
            route.l1_at,
        )
        .await?
    {
        let evidence = match step(txs, Purpose::Claim) {
            StepTx::Mined(t) => tx_evidence(t),
            _ => Evidence {
                chain_id: route.l1.spec().chain_id,
                block: None,
                tx: None,
            },
        };
        return Ok(Observation::of(JourneyState::Completed).shown_by(evidence));
    }
    let position: u64 = w.position.saturating_to();
    match confirmed_sends(route, w.eth_block.saturating_to()).await? {
        Some((size, _)) if size > position => Ok(in_flight(
            txs,
            JourneyAction::Claim,
            Observation::of(JourneyState::ReadyToClaim),
        )),
        _ => {
            let period = confirm_period(route).await?;
            let eta = period.map(|p| w.timestamp.saturating_to::<i64>() + p as i64);
            Ok(Observation::of(JourneyState::AwaitingConfirmation)
                .because(format!(
                    "The rollup has not confirmed a state that includes it on {} yet.",
                    route.l1.name()
                ))
                .until(eta))
        }
    }
}

/// Seconds from a withdrawal to its confirmation: the spec's figure where the rollup
/// cannot answer, else `confirmPeriodBlocks` × 12 s (an L1 block).
pub(super) async fn confirm_period(route: &Route<'_>) -> Result<Option<u64>, RpcError> {
    let arb = route.arb();
    if let Some(secs) = arb.confirm_period_secs {
        return Ok(Some(secs));
    }
    let blocks = route
        .l1
        .view(
            arb.rollup,
            crate::rollup::arbitrum::abi::Rollup::confirmPeriodBlocksCall {},
            route.l1_at,
        )
        .await;
    Ok(blocks.ok().map(|b| b * 12))
}

/// `Outbox.executeTransaction` with the proof of the withdrawal against the newest
/// confirmed root (from `NodeInterface.constructOutboxProof`), checked against that root
/// before it is signed.
pub(super) async fn claim_call(
    route: &Route<'_>,
    message: &Message,
    from: Address,
) -> Result<Call> {
    let w = fields(message);
    let position: u64 = w.position.saturating_to();
    let (size, confirmed) = confirmed_sends(route, w.eth_block.saturating_to())
        .await?
        .filter(|(s, _)| *s > position)
        .ok_or_else(|| {
            crate::journey::JourneyError::NotNow(
                "No confirmed state covers this withdrawal yet.".into(),
            )
        })?;
    let proof = route
        .l2
        .view(
            ArbitrumContracts::NODE_INTERFACE,
            NodeInterface::constructOutboxProofCall {
                size,
                leaf: position,
            },
            route.l2_at,
        )
        .await?;
    let item = crate::rollup::arbitrum::outbox::item_hash(
        w.caller,
        w.destination,
        w.arb_block,
        w.eth_block,
        w.timestamp,
        w.value,
        w.data,
    );
    // Checked against the root the rollup confirmed, not only the node's own answer.
    if proof.send != item
        || proof.root != confirmed
        || crate::rollup::arbitrum::outbox::root_from_proof(&proof.proof, position, item)
            != confirmed
    {
        return Err(RpcError::Malformed {
            chain: route.l2.name().into(),
            method: "constructOutboxProof".into(),
            detail: format!(
                "the proof of withdrawal {position} does not lead to the confirmed root {confirmed}"
            ),
        }
        .into());
    }
    let input = Outbox::executeTransactionCall {
        proof: proof.proof,
        index: w.position,
        l2Sender: w.caller,
        to: w.destination,
        l2Block: w.arb_block,
        l1Block: w.eth_block,
        l2Timestamp: w.timestamp,
        value: w.value,
        data: w.data.clone(),
    }
    .abi_encode();
    Ok(Call {
        chain_id: route.l1.spec().chain_id,
        from,
        to: route.arb().outbox,
        value: U256::ZERO,
        input: input.into(),
        gas: GasPlan::Estimate,
    })
}

/// `ArbRetryableTx.redeem(ticket)` on the child chain.
pub(super) fn redeem_call(route: &Route<'_>, ticket: B256, from: Address) -> Call {
    Call {
        chain_id: route.l2.spec().chain_id,
        from,
        to: ArbitrumContracts::ARB_RETRYABLE_TX,
        value: U256::ZERO,
        input: ArbRetryableTx::redeemCall { ticketId: ticket }
            .abi_encode()
            .into(),
        gas: GasPlan::Estimate,
    }
}
