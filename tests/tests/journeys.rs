//! Canonical bridges through the wallet facade on the devnet, with the real portal,
//! games, inbox and Outbox and the devnet's actors: every journey's state is read from
//! the chain that owns it; an OP withdrawal is proven, sent back to "ready to prove" when
//! its game is blacklisted, proven again and finalized; deposits arrive; an Arbitrum
//! withdrawal is claimed once; steps asked for too early are refused with when.

use alloy::{
    eips::eip2718::Decodable2718,
    primitives::{Address, B256, U256, address},
    sol_types::SolCall,
};
use switchyard_core::{
    Session, Wallet,
    accounts::AccountSigner,
    bridge::canonical::{
        ARB_TOKEN_DEPOSIT_GAS, CLAIM_GAS, FINALIZE_GAS, OP_TOKEN_DEPOSIT_GAS, PROVE_GAS,
    },
    fees::Speed,
    journey::{Journey, JourneyAction, JourneyState, Message, PreparedJourney},
    networks::Networks,
    rollup::op_stack::abi::{DisputeGameFactory, FaultDisputeGame, OptimismPortal2},
    rpc::ChainClient,
    tx::{Amount, Purpose, TxStatus},
    wallet::MoveInput,
};
use switchyard_devnet::{Devnet, actors::Actors};
use switchyard_tests::{anvil_wallet, balance, devnet, reference};

struct Setup {
    _data: tempfile::TempDir,
    wallet: Wallet,
    session: Session,
    networks: Networks,
}

impl Setup {
    fn new(devnet: &Devnet) -> Self {
        let (data, wallet, session, networks) = anvil_wallet(devnet.dir());
        Self {
            _data: data,
            wallet,
            session,
            networks,
        }
    }

    fn signer(&self) -> AccountSigner {
        let account = self.wallet.accounts(false).unwrap().remove(0);
        AccountSigner::Local(self.wallet.local_signer(&self.session, &account).unwrap())
    }

    fn client(&self, chain: &str) -> &ChainClient {
        self.networks.client(chain).unwrap()
    }

    async fn start(&self, from: &str, to: &str, recipient: Address, amount: &str) -> Journey {
        let recipient = recipient.to_checksum(None);
        let bridges = self.wallet.bridges(&self.networks);
        let prepared = bridges
            .prepare(&MoveInput {
                recipient: Some(&recipient),
                ..eth_move(from, Some(to), amount)
            })
            .await
            .unwrap();
        let started = bridges.start(&self.signer(), &prepared).await.unwrap();
        self.settled(started).await
    }

    /// `journey` once it is out of flight and each of its transactions is in a block.
    /// anvil answers a send once the transaction is in its pool and mines it a moment
    /// later (longer under load): a read right after a step can show the step still out,
    /// or already done on the chain while the step's own record was tracked just before
    /// its block.
    async fn settled(&self, mut journey: Journey) -> Journey {
        let bridges = self.wallet.bridges(&self.networks);
        for _ in 0..100 {
            let mined = bridges
                .transactions(&journey.id)
                .unwrap()
                .iter()
                .all(|t| !t.status.is_unmined());
            if mined && !journey.state.is_in_flight() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            journey = self.refresh(&journey.id).await;
        }
        journey
    }

    async fn refresh(&self, id: &str) -> Journey {
        self.wallet
            .bridges(&self.networks)
            .refresh(id)
            .await
            .unwrap()
    }

    /// Takes `action` on journey `id`; the error's code and sentence when refused.
    async fn act(&self, id: &str, action: JourneyAction) -> Result<Journey, (String, String)> {
        let bridges = self.wallet.bridges(&self.networks);
        let prepared = bridges
            .prepare_action(id, action, None, Speed::Normal)
            .await
            .map_err(|e| (e.code().to_string(), e.to_string()))?;
        assert_eq!(prepared.purpose, action.purpose());
        let journey = bridges
            .act(&self.signer(), &prepared)
            .await
            .map_err(|e| (e.code().to_string(), e.to_string()))?;
        Ok(self.settled(journey).await)
    }

    /// Every transaction of the journey is in a block, succeeded, with its fee stored;
    /// the later L1 steps used no more gas than the estimate their cost was shown with,
    /// and at least half of it (the estimate is not padded beyond use).
    async fn assert_paid(&self, id: &str) {
        self.settled(self.refresh(id).await).await;
        for tx in self
            .wallet
            .bridges(&self.networks)
            .transactions(id)
            .unwrap()
        {
            assert!(
                matches!(tx.status, TxStatus::Included | TxStatus::Final),
                "{tx:?}"
            );
            assert_eq!(tx.succeeded, Some(true), "{tx:?}");
            assert!(tx.fee_paid.is_some_and(|f| !f.is_zero()), "{tx:?}");
            let estimate = match tx.purpose {
                Purpose::Prove => PROVE_GAS,
                Purpose::Finalize => FINALIZE_GAS,
                Purpose::Claim => CLAIM_GAS,
                _ => continue,
            };
            let used = tx.gas_used.unwrap();
            eprintln!("{:?} used {used} gas (estimate {estimate})", tx.purpose);
            assert!(used <= estimate && used >= estimate / 2, "{tx:?}");
        }
    }
}

/// A fresh wallet from the same phrase on the same devnet restores, from the chains' logs
/// alone, every journey `s` has, in the same state.
/// Moving `amount` ETH from `from_chain` to `to_chain` (`None`: its parent) by the first
/// account to itself, at normal speed; tests change what they need with `..`.
fn eth_move<'a>(from_chain: &'a str, to_chain: Option<&'a str>, amount: &str) -> MoveInput<'a> {
    MoveInput {
        from: None,
        from_chain: Some(from_chain),
        to_chain,
        recipient: None,
        asset: None,
        amount: Amount::Exact(amount.into()),
        speed: Speed::Normal,
    }
}

/// The review of `prepared`'s first transaction warns with `text`.
fn assert_warns(prepared: &PreparedJourney, text: &str) {
    assert!(
        prepared.first.warnings.iter().any(|w| w.contains(text)),
        "{:?}",
        prepared.first.warnings
    );
}

async fn assert_rebuilds(devnet: &Devnet, s: &Setup) {
    let key = |j: &Journey| {
        (
            j.asset.clone().source_token,
            j.asset.symbol.clone(),
            j.kind.as_str(),
            j.from_chain,
            j.to_chain,
            j.sender,
            j.recipient,
            j.amount,
            j.state.as_str(),
        )
    };
    let bridges = s.wallet.bridges(&s.networks);
    let mut ours = Vec::new();
    for j in bridges.list().unwrap() {
        ours.push(key(&bridges.refresh(&j.id).await.unwrap()));
    }
    let fresh = Setup::new(devnet);
    let (restored, failed) = fresh
        .wallet
        .bridges(&fresh.networks)
        .rebuild()
        .await
        .unwrap();
    assert!(failed.is_empty(), "{failed:?}");
    let mut theirs: Vec<_> = restored.iter().map(key).collect();
    ours.sort();
    theirs.sort();
    assert_eq!(theirs, ours);
    // A second rebuild finds nothing new.
    let (again, _) = fresh
        .wallet
        .bridges(&fresh.networks)
        .rebuild()
        .await
        .unwrap();
    assert!(again.is_empty(), "{again:?}");
}

/// viem's answer to `command` about the withdrawal or deposit in transaction `tx` of
/// op-a (`tools/reference/op-viem.mjs`).
fn viem(devnet: &Devnet, command: &str, tx: B256, extra: serde_json::Value) -> serde_json::Value {
    let m = devnet.manifest();
    let (l1, op) = (
        m.chains.iter().find(|c| c.name == "l1").unwrap(),
        m.chains.iter().find(|c| c.name == "op-a").unwrap(),
    );
    let deployment = op.op_l1.as_ref().unwrap();
    let mut args = serde_json::json!({
        "command": command,
        "l1Url": l1.rpc_url, "l2Url": op.rpc_url,
        "l1ChainId": l1.chain_id, "l2ChainId": op.chain_id,
        "portal": deployment.portal, "factory": deployment.dispute_game_factory,
        "txHash": tx,
    });
    for (key, value) in extra.as_object().into_iter().flatten() {
        args[key] = value.clone();
    }
    reference("op-viem.mjs", &args)
}

/// `@arbitrum/sdk`'s ids of the inbox messages of L1 transaction `tx`: (ETH deposit ids,
/// retryable ticket ids) (`tools/reference/arb-sdk.cjs`).
fn sdk_ids(devnet: &Devnet, tx: B256) -> (Vec<B256>, Vec<B256>) {
    let m = devnet.manifest();
    let (l1, arb) = (
        m.chains.iter().find(|c| c.name == "l1").unwrap(),
        m.chains.iter().find(|c| c.name == "arb").unwrap(),
    );
    let d = arb.arb.as_ref().unwrap();
    let ids = reference(
        "arb-sdk.cjs",
        &serde_json::json!({
            "l1Url": l1.rpc_url, "l2Url": arb.rpc_url, "l1ChainId": l1.chain_id, "l2ChainId": arb.chain_id,
            "bridge": d.bridge, "inbox": d.inbox, "outbox": d.outbox, "rollup": d.rollup,
            "sequencerInbox": d.sequencer_inbox, "txHash": tx,
        }),
    );
    (
        serde_json::from_value(ids["deposits"].clone()).unwrap(),
        serde_json::from_value(ids["retryables"].clone()).unwrap(),
    )
}

/// The hash of the journey's first transaction.
fn first_tx(s: &Setup, id: &str) -> B256 {
    s.wallet.bridges(&s.networks).transactions(id).unwrap()[0].hash
}

/// op-a's dispute clocks on this devnet.
fn op_clocks(devnet: &Devnet) -> switchyard_devnet::op_stack::OpClocks {
    devnet
        .manifest()
        .chains
        .iter()
        .find(|c| c.name == "op-a")
        .unwrap()
        .op_l1
        .as_ref()
        .unwrap()
        .clocks
}

/// Moves time past a proven withdrawal's two clocks: the game's (then the resolver
/// settles it) and the proof's maturity with the finality delay.
async fn wait_out_clocks(actors: &mut Actors, devnet: &Devnet) {
    let (m, clocks) = (devnet.manifest(), op_clocks(devnet));
    Devnet::advance_time(m, clocks.max_clock_duration_secs + 1)
        .await
        .unwrap();
    round(actors, devnet).await;
    Devnet::advance_time(
        m,
        clocks.proof_maturity_secs.max(clocks.game_finality_secs) + 1,
    )
    .await
    .unwrap();
}

async fn round(actors: &mut Actors, devnet: &Devnet) {
    actors.round(devnet.manifest()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_op_withdrawal_is_proven_reproven_after_a_blacklist_and_finalized() {
    let devnet = devnet().await;
    let s = Setup::new(&devnet);
    let m = devnet.manifest();
    // A proposer that may propose at every L2 block.
    let mut actors = Actors::new(1);
    let recipient = address!("0x00000000000000000000000000000000000b0b15");
    let l1 = s.client("l1");

    // The cost and time of every step, before signing.
    let bridges = s.wallet.bridges(&s.networks);
    let prepared = bridges
        .prepare(&MoveInput {
            recipient: Some(&recipient.to_checksum(None)),
            ..eth_move("op-a", None, "0.5")
        })
        .await
        .unwrap();
    let actions: Vec<_> = prepared.later.iter().map(|s| s.action).collect();
    assert_eq!(actions, [JourneyAction::Prove, JourneyAction::Finalize]);
    assert!(prepared.later.iter().all(|s| !s.estimated_fee.is_zero()));
    let clocks = op_clocks(&devnet);
    assert!(
        prepared.total_secs.unwrap()
            >= clocks
                .proof_maturity_secs
                .max(clocks.max_clock_duration_secs + clocks.game_finality_secs),
        "{prepared:?}"
    );
    assert_eq!(
        prepared.total_fees(),
        prepared.first.fee.total + prepared.later.iter().map(|s| s.estimated_fee).sum::<U256>()
    );
    let journey = s
        .settled(bridges.start(&s.signer(), &prepared).await.unwrap())
        .await;
    let id = journey.id.clone();
    assert_eq!(journey.state, JourneyState::AwaitingGame, "{journey:?}");
    let Some(Message::OpWithdrawal { hash, .. }) = journey.message.clone() else {
        panic!("{journey:?}")
    };

    // viem reads every phase as the journey has it.
    let init = first_tx(&s, &id);
    let status = || viem(&devnet, "withdrawal-status", init, serde_json::json!({}));
    assert_eq!(status(), "waiting-to-prove");

    // Too early: the sentence says what is awaited.
    let (code, sentence) = s.act(&id, JourneyAction::Prove).await.unwrap_err();
    assert_eq!(code, "journey_not_ready", "{sentence}");
    assert!(sentence.contains("cannot prove now"), "{sentence}");

    // The proposer's game covers it (a proof needs an L1 second after the game's; viem
    // wants the game's block strictly after the withdrawal's, so one L2 block first).
    let op_a = s.client("op-a");
    let _: serde_json::Value = op_a.request("evm_mine", ()).await.unwrap();
    round(&mut actors, &devnet).await;
    Devnet::advance_time(m, 1).await.unwrap();
    assert_eq!(s.refresh(&id).await.state, JourneyState::ReadyToProve);
    assert_eq!(status(), "ready-to-prove");
    let l1_before = balance(l1, journey.sender, None).await;
    let proven = s.act(&id, JourneyAction::Prove).await.unwrap();
    assert_eq!(proven.state, JourneyState::Maturing, "{proven:?}");
    assert_eq!(status(), "waiting-to-finalize");
    // viem builds the same proof from the same chain: withdrawal hash, storage slot,
    // output root proof and storage proof.
    let txs = s.wallet.bridges(&s.networks).transactions(&id).unwrap();
    let signed = alloy::consensus::TxEnvelope::decode_2718(&mut txs[1].raw.as_ref()).unwrap();
    let ours = OptimismPortal2::proveWithdrawalTransactionCall::abi_decode(
        alloy::consensus::Transaction::input(&signed),
    )
    .unwrap();
    let game = l1
        .view(
            op_factory(&s),
            DisputeGameFactory::gameAtIndexCall {
                index: ours.disputeGameIndex,
            },
            alloy::eips::BlockId::latest(),
        )
        .await
        .unwrap();
    let game_block = l1
        .view(
            game.proxy,
            FaultDisputeGame::l2BlockNumberCall {},
            alloy::eips::BlockId::latest(),
        )
        .await
        .unwrap();
    let theirs = viem(
        &devnet,
        "prove-args",
        init,
        serde_json::json!({ "gameIndex": ours.disputeGameIndex.to::<u64>(), "gameL2Block": game_block.to::<u64>() }),
    );
    assert_eq!(theirs["withdrawalHash"], serde_json::json!(hash));
    assert_eq!(theirs["slot"], serde_json::json!(ours.tx.storage_slot()));
    assert_eq!(
        theirs["outputRootProof"]["stateRoot"],
        serde_json::json!(ours.outputRootProof.stateRoot)
    );
    assert_eq!(
        theirs["outputRootProof"]["messagePasserStorageRoot"],
        serde_json::json!(ours.outputRootProof.messagePasserStorageRoot)
    );
    assert_eq!(
        theirs["outputRootProof"]["latestBlockhash"],
        serde_json::json!(ours.outputRootProof.latestBlockhash)
    );
    assert_eq!(
        theirs["withdrawalProof"],
        serde_json::json!(ours.withdrawalProof)
    );
    assert!(proven.eta.is_some());
    let (code, sentence) = s.act(&id, JourneyAction::Finalize).await.unwrap_err();
    assert_eq!(code, "journey_not_ready", "{sentence}");
    assert!(sentence.contains("should be possible at"), "{sentence}");

    // The guardian blacklists the game: back to "ready to prove" (once a new game covers
    // it), with the reason; the old proof stays in the history.
    let game = l1
        .view(
            prevailing_portal(&s),
            OptimismPortal2::provenWithdrawalsCall {
                withdrawalHash: hash,
                proofSubmitter: journey.sender,
            },
            alloy::eips::BlockId::latest(),
        )
        .await
        .unwrap()
        .disputeGameProxy;
    Devnet::op_blacklist_game(m, Some("op-a"), game)
        .await
        .unwrap();
    let back = s.refresh(&id).await;
    assert!(
        matches!(
            back.state,
            JourneyState::ReadyToProve | JourneyState::AwaitingGame
        ),
        "{back:?}"
    );
    assert!(
        back.reason.as_deref().unwrap().contains("blacklisted"),
        "{back:?}"
    );
    assert!(
        back.history
            .iter()
            .any(|c| c.state == JourneyState::Maturing),
        "{back:?}"
    );
    // A new game (the proposer proposes when the message passer changed: another
    // withdrawal), then prove again and finalize.
    let _other = s
        .start("op-a", "l1", Address::repeat_byte(0x77), "0.01")
        .await;
    round(&mut actors, &devnet).await;
    Devnet::advance_time(m, 1).await.unwrap();
    let again = s.refresh(&id).await;
    assert_eq!(again.state, JourneyState::ReadyToProve, "{again:?}");
    let proven = s.act(&id, JourneyAction::Prove).await.unwrap();
    assert_eq!(proven.state, JourneyState::Maturing, "{proven:?}");

    wait_out_clocks(&mut actors, &devnet).await;
    assert_eq!(s.refresh(&id).await.state, JourneyState::ReadyToFinalize);
    assert_eq!(status(), "ready-to-finalize");
    let before = balance(l1, recipient, None).await;
    let done = s.act(&id, JourneyAction::Finalize).await.unwrap();
    assert_eq!(done.state, JourneyState::Completed, "{done:?}");
    assert_eq!(status(), "finalized");
    // What the L1 steps cost the sender is exactly the fees stored for them.
    s.settled(done.clone()).await;
    let l1_fees: U256 = s
        .wallet
        .bridges(&s.networks)
        .transactions(&id)
        .unwrap()
        .iter()
        .filter(|t| t.chain_id == l1.spec().chain_id)
        .map(|t| t.fee_paid.unwrap())
        .sum();
    assert_eq!(l1_before - balance(l1, journey.sender, None).await, l1_fees);
    assert_eq!(
        balance(l1, recipient, None).await - before,
        U256::from(500_000_000_000_000_000u64)
    );
    s.assert_paid(&id).await;
    let purposes: Vec<Purpose> = s
        .wallet
        .bridges(&s.networks)
        .transactions(&id)
        .unwrap()
        .iter()
        .map(|t| t.purpose)
        .collect();
    assert_eq!(
        purposes,
        [
            Purpose::WithdrawalInit,
            Purpose::Prove,
            Purpose::Prove,
            Purpose::Finalize
        ]
    );
    // Finalizing twice is refused before signing.
    let (code, sentence) = s.act(&id, JourneyAction::Finalize).await.unwrap_err();
    assert_eq!(code, "journey_not_ready", "{sentence}");
    assert!(sentence.contains("completed"), "{sentence}");
    assert_rebuilds(&devnet, &s).await;
}

/// The OP chain's portal, from the wallet's own spec.
fn prevailing_portal(s: &Setup) -> Address {
    op_contracts(s).portal
}

/// The OP chain's dispute game factory.
fn op_factory(s: &Setup) -> Address {
    op_contracts(s).dispute_game_factory
}

fn op_contracts(s: &Setup) -> switchyard_core::chain::OpContracts {
    match &s.client("op-a").spec().rollup {
        Some(switchyard_core::chain::RollupContracts::Op(op)) => op.clone(),
        _ => panic!("op-a has its contracts"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn deposits_arrive_and_an_arbitrum_withdrawal_is_claimed_once() {
    let devnet = devnet().await;
    let s = Setup::new(&devnet);
    let m = devnet.manifest();
    let mut actors = Actors::default();
    let me = s.wallet.accounts(false).unwrap()[0].address;
    let other = address!("0x00000000000000000000000000000000000d0d01");

    // OP: ETH to another address.
    let before = balance(s.client("op-a"), other, None).await;
    let op = s.start("l1", "op-a", other, "1").await;
    assert_eq!(op.state, JourneyState::AwaitingDelivery, "{op:?}");
    let Some(Message::OpDeposit { l2_hash }) = op.message else {
        panic!("{op:?}")
    };
    let from_viem: Vec<B256> = serde_json::from_value(viem(
        &devnet,
        "deposit-hashes",
        first_tx(&s, &op.id),
        serde_json::json!({}),
    ))
    .unwrap();
    assert_eq!(from_viem, [l2_hash], "viem names the same L2 transaction");
    round(&mut actors, &devnet).await;
    let op = s.refresh(&op.id).await;
    assert_eq!(op.state, JourneyState::Completed, "{op:?}");
    assert_eq!(op.evidence.as_ref().unwrap().chain_id, 901);
    assert_eq!(
        balance(s.client("op-a"), other, None).await - before,
        U256::from(10u64.pow(18))
    );

    // Arbitrum: to oneself (a plain deposit) and to another address (a ticket).
    let arb = s.client("arb");
    let before = balance(arb, other, None).await;
    let own = s.start("l1", "arb", me, "1").await;
    let ticket = s.start("l1", "arb", other, "0.5").await;
    for j in [&own, &ticket] {
        assert_eq!(j.state, JourneyState::AwaitingDelivery, "{j:?}");
    }
    let Some(Message::ArbDeposit {
        retryable, l2_id, ..
    }) = ticket.message
    else {
        panic!("{ticket:?}")
    };
    assert!(retryable);
    assert_eq!(
        sdk_ids(&devnet, first_tx(&s, &ticket.id)),
        (vec![], vec![l2_id]),
        "@arbitrum/sdk names the ticket as we do"
    );
    let Some(Message::ArbDeposit { l2_id, .. }) = own.message else {
        panic!("{own:?}")
    };
    assert_eq!(
        sdk_ids(&devnet, first_tx(&s, &own.id)),
        (vec![l2_id], vec![]),
        "@arbitrum/sdk names the deposit as we do"
    );
    round(&mut actors, &devnet).await;
    for j in [&own, &ticket] {
        let j = s.refresh(&j.id).await;
        assert_eq!(j.state, JourneyState::Completed, "{j:?}");
        s.assert_paid(&j.id).await;
    }
    assert_eq!(
        balance(arb, other, None).await - before,
        U256::from(5 * 10u64.pow(17))
    );

    // Arbitrum withdrawal: waits for the confirmation, then claimed once.
    let out = s.start("arb", "l1", other, "0.25").await;
    assert_eq!(out.state, JourneyState::AwaitingConfirmation, "{out:?}");
    assert!(out.eta.is_some(), "{out:?}");
    let (code, sentence) = s.act(&out.id, JourneyAction::Claim).await.unwrap_err();
    assert_eq!(code, "journey_not_ready", "{sentence}");
    let confirm = m
        .chains
        .iter()
        .find(|c| c.name == "arb")
        .unwrap()
        .arb
        .as_ref()
        .unwrap()
        .clocks
        .confirm_delay_secs;
    round(&mut actors, &devnet).await;
    Devnet::advance_time(m, confirm + 1).await.unwrap();
    round(&mut actors, &devnet).await;
    assert_eq!(s.refresh(&out.id).await.state, JourneyState::ReadyToClaim);
    let l1 = s.client("l1");
    let before = balance(l1, other, None).await;
    // Two reviews of the claim prepared at once (two windows): only one is signed.
    let bridges = s.wallet.bridges(&s.networks);
    let second_review = bridges
        .prepare_action(&out.id, JourneyAction::Claim, None, Speed::Normal)
        .await
        .unwrap();
    let claimed = s.act(&out.id, JourneyAction::Claim).await.unwrap();
    let err = bridges.act(&s.signer(), &second_review).await.unwrap_err();
    assert_eq!(err.code().to_string(), "journey_step_in_flight", "{err}");
    assert_eq!(claimed.state, JourneyState::Completed, "{claimed:?}");
    assert_eq!(
        balance(l1, other, None).await - before,
        U256::from(25 * 10u64.pow(16))
    );
    s.assert_paid(&out.id).await;
    let (code, sentence) = s.act(&out.id, JourneyAction::Claim).await.unwrap_err();
    assert_eq!(code, "journey_not_ready", "{sentence}");
    assert!(sentence.contains("completed"), "{sentence}");
    assert_rebuilds(&devnet, &s).await;
}

/// Runtime code that refuses ETH while its storage slot 0 is zero and takes it after.
const TOGGLED_RECEIVER: &str = "0x600054600a57600080fd5b00";

#[tokio::test(flavor = "multi_thread")]
async fn a_ticket_whose_automatic_redeem_failed_is_redeemed_by_hand_or_expires() {
    let devnet = devnet().await;
    let s = Setup::new(&devnet);
    let m = devnet.manifest();
    let mut actors = Actors::default();
    let arb = s.client("arb");
    let (refusing, later) = (Address::repeat_byte(0xE1), Address::repeat_byte(0xE2));
    for who in [refusing, later] {
        let _: serde_json::Value = arb
            .request("anvil_setCode", (who, TOGGLED_RECEIVER))
            .await
            .unwrap();
    }

    // The review warns that the recipient is a contract on the destination.
    let bridges = s.wallet.bridges(&s.networks);
    let recipient = later.to_checksum(None);
    let prepared = bridges
        .prepare(&MoveInput {
            recipient: Some(&recipient),
            ..eth_move("l1", Some("arb"), "0.3")
        })
        .await
        .unwrap();
    assert_warns(&prepared, "is a contract on");
    let taken = s
        .settled(bridges.start(&s.signer(), &prepared).await.unwrap())
        .await;
    let refused = s.start("l1", "arb", refusing, "0.2").await;
    round(&mut actors, &devnet).await;
    let mut follower = s.wallet.follower().unwrap();
    for j in [&taken, &refused] {
        let j = s.refresh(&j.id).await;
        assert_eq!(j.state, JourneyState::NeedsRedeem, "{j:?}");
        assert!(
            j.reason.as_deref().unwrap().contains("Redeem it before"),
            "{j:?}"
        );
        assert!(j.eta.is_some(), "the deadline: {j:?}");
    }

    // While the recipient still refuses, the redeem would fail: refused before signing.
    let (code, sentence) = s.act(&taken.id, JourneyAction::Redeem).await.unwrap_err();
    assert_eq!(code, "would_revert", "{sentence}");
    // Once it accepts, the redeem delivers the ETH.
    let _: serde_json::Value = arb
        .request(
            "anvil_setStorageAt",
            (later, B256::ZERO, B256::with_last_byte(1)),
        )
        .await
        .unwrap();
    let redeemed = s.act(&taken.id, JourneyAction::Redeem).await.unwrap();
    assert_eq!(redeemed.state, JourneyState::Completed, "{redeemed:?}");
    assert_eq!(
        balance(arb, later, None).await,
        U256::from(3 * 10u64.pow(17))
    );
    s.assert_paid(&taken.id).await;

    // A day before the other ticket's deadline, the update stream says so, once.
    let deadline = s.refresh(&refused.id).await.eta.unwrap();
    let now = switchyard_core::bridge::canonical::head(arb)
        .await
        .unwrap()
        .timestamp;
    Devnet::advance_time(m, (deadline - now - 3600) as u64)
        .await
        .unwrap();
    let warned = |pass: &switchyard_core::wallet::Followed| {
        pass.updates
            .iter()
            .filter(|u| u.attention().is_some_and(|a| a.contains("expires at")))
            .count()
    };
    let first = s.wallet.follow(&s.networks, &mut follower).await.unwrap();
    assert_eq!(warned(&first), 1, "{:?}", first.updates);
    let second = s.wallet.follow(&s.networks, &mut follower).await.unwrap();
    assert_eq!(warned(&second), 0, "{:?}", second.updates);
    // Past the deadline it is expired.
    Devnet::advance_time(m, 7200).await.unwrap();
    let expired = s.refresh(&refused.id).await;
    assert_eq!(expired.state, JourneyState::Expired, "{expired:?}");
    // From the logs alone: the redeemed ticket completed, the other expired.
    assert_rebuilds(&devnet, &s).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn token_deposits_are_approved_then_deposited_and_arrive_on_op_and_arbitrum() {
    let devnet = devnet().await;
    let s = Setup::new(&devnet);
    let m = devnet.manifest();
    let mut actors = Actors::default();
    let other = address!("0x00000000000000000000000000000000000d0d07");
    let bridges = s.wallet.bridges(&s.networks);
    let move_token = |to: &'static str, amount: &'static str| MoveInput {
        asset: Some("SYT"),
        ..eth_move("l1", Some(to), amount)
    };
    let recipient = other.to_checksum(None);
    for (chain, amount, units) in [("op-a", "5", 5u64), ("arb", "3", 3)] {
        let prepared = bridges
            .prepare(&MoveInput {
                recipient: Some(&recipient),
                ..move_token(chain, amount)
            })
            .await
            .unwrap();
        // An approval first (the bridge may not take the tokens yet), then the deposit.
        let approval = prepared.approve.as_ref().expect("an approval");
        assert_eq!(approval.purpose, Purpose::Approve);
        assert_eq!(
            prepared.first.transaction.nonce,
            approval.transaction.nonce.map(|n| n + 1)
        );
        assert!(prepared.total_fees() > prepared.first.fee.total);
        let destination = prepared.journey.asset.destination_token.unwrap();
        let journey = s
            .settled(bridges.start(&s.signer(), &prepared).await.unwrap())
            .await;
        assert_eq!(
            journey.state,
            JourneyState::AwaitingDelivery,
            "{journey:?} {:?}",
            bridges.transactions(&journey.id)
        );
        let purposes: Vec<Purpose> = bridges
            .transactions(&journey.id)
            .unwrap()
            .iter()
            .map(|t| t.purpose)
            .collect();
        assert_eq!(purposes, [Purpose::Approve, Purpose::Deposit]);
        round(&mut actors, &devnet).await;
        let done = s.refresh(&journey.id).await;
        assert_eq!(done.state, JourneyState::Completed, "{chain}: {done:?}");
        let balance = s
            .client(chain)
            .view(
                destination,
                switchyard_core::assets::balances::IERC20::balanceOfCall { owner: other },
                alloy::eips::BlockId::latest(),
            )
            .await
            .unwrap();
        assert_eq!(
            balance,
            U256::from(units) * U256::from(10u64.pow(18)),
            "{chain}"
        );
        // The deposit, signed with its gas set in advance, used at most that and at least half.
        let deposit = &bridges.transactions(&journey.id).unwrap()[1];
        let limit = if chain == "arb" {
            ARB_TOKEN_DEPOSIT_GAS
        } else {
            OP_TOKEN_DEPOSIT_GAS
        };
        let used = deposit.gas_used.unwrap();
        eprintln!("{chain} token deposit used {used} gas (limit {limit})");
        assert!(used <= limit && used >= limit / 2, "{deposit:?}");
        // The approval was for exactly the amount: no standing allowance is left behind,
        // so the next deposit asks for its own.
        let again = bridges.prepare(&move_token(chain, "1")).await.unwrap();
        assert!(again.approve.is_some());
    }
    // On OP the token that arrived is the one the devnet's bridge made for the test token.
    let op = m.chains.iter().find(|c| c.name == "op-a").unwrap();
    let op_journey = bridges
        .list()
        .unwrap()
        .into_iter()
        .find(|j| j.to_chain == op.chain_id)
        .unwrap();
    assert_eq!(
        op_journey.asset.destination_token,
        Some(op.contracts[switchyard_devnet::contracts::names::BRIDGED_TOKEN_18])
    );
    // Withdrawing a token is refused with a sentence, nothing prepared.
    let err = bridges
        .prepare(&MoveInput {
            from_chain: Some("op-a"),
            to_chain: None,
            ..move_token("op-a", "1")
        })
        .await
        .unwrap_err();
    assert_eq!(err.code().to_string(), "unsupported_bridge_asset", "{err}");
    // The token deposits are found again from the chains' logs, as tokens.
    assert_rebuilds(&devnet, &s).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_upgrade_sends_a_proven_withdrawal_back_and_the_review_warns_of_missing_l1_eth() {
    let devnet = devnet().await;
    let s = Setup::new(&devnet);
    let m = devnet.manifest();
    let mut actors = Actors::new(1);

    // An account with ETH on op-a only: the review warns that the L1 steps cannot be paid.
    let poor = s
        .wallet
        .add_hd_account(
            &s.session,
            switchyard_core::keys::DerivationScheme::Bip44,
            Some(40),
            Some("poor"),
        )
        .unwrap();
    let op_a = s.client("op-a");
    let _: serde_json::Value = op_a
        .request(
            "anvil_setBalance",
            (poor.address, U256::from(10u64.pow(18))),
        )
        .await
        .unwrap();
    let prepared = s
        .wallet
        .bridges(&s.networks)
        .prepare(&MoveInput {
            from: Some("poor"),
            ..eth_move("op-a", None, "0.1")
        })
        .await
        .unwrap();
    assert_warns(&prepared, "add ETH on Devnet l1");

    // A proven withdrawal whose game the chain retires (a respected-game-type change, as
    // an upgrade does) goes back with that reason, and is proven again on a new game.
    let j = s
        .start("op-a", "l1", Address::repeat_byte(0x42), "0.2")
        .await;
    let _: serde_json::Value = op_a.request("evm_mine", ()).await.unwrap();
    round(&mut actors, &devnet).await;
    Devnet::advance_time(m, 1).await.unwrap();
    let proven = s.act(&j.id, JourneyAction::Prove).await.unwrap();
    assert_eq!(proven.state, JourneyState::Maturing, "{proven:?}");
    Devnet::op_retire_games(m, "op-a").await.unwrap();
    let back = s.refresh(&j.id).await;
    assert!(
        matches!(
            back.state,
            JourneyState::ReadyToProve | JourneyState::AwaitingGame
        ),
        "{back:?}"
    );
    assert!(
        back.reason
            .as_deref()
            .unwrap()
            .contains("changed the kind of dispute game"),
        "{back:?}"
    );
    // The next game (the proposer proposes after the message passer changes again).
    s.start("op-a", "l1", Address::repeat_byte(0x43), "0.01")
        .await;
    let _: serde_json::Value = op_a.request("evm_mine", ()).await.unwrap();
    round(&mut actors, &devnet).await;
    Devnet::advance_time(m, 1).await.unwrap();
    assert_eq!(s.refresh(&j.id).await.state, JourneyState::ReadyToProve);
    let again = s.act(&j.id, JourneyAction::Prove).await.unwrap();
    assert_eq!(again.state, JourneyState::Maturing, "{again:?}");

    // Another account of the wallet finalizes it: with the proof its prover submitted
    // (`finalizeWithdrawalTransactionExternalProof`).
    wait_out_clocks(&mut actors, &devnet).await;
    let second = s
        .wallet
        .add_hd_account(
            &s.session,
            switchyard_core::keys::DerivationScheme::Bip44,
            Some(1),
            Some("second"),
        )
        .unwrap();
    let bridges = s.wallet.bridges(&s.networks);
    let finalize = bridges
        .prepare_action(
            &j.id,
            JourneyAction::Finalize,
            Some("second"),
            Speed::Normal,
        )
        .await
        .unwrap();
    assert_eq!(finalize.from, second.address);
    let input = finalize.transaction.input.input().unwrap();
    assert_eq!(
        &input[..4],
        OptimismPortal2::finalizeWithdrawalTransactionExternalProofCall::SELECTOR.as_slice()
    );
    let signer = AccountSigner::Local(s.wallet.local_signer(&s.session, &second).unwrap());
    let done = s
        .settled(bridges.act(&signer, &finalize).await.unwrap())
        .await;
    assert_eq!(done.state, JourneyState::Completed, "{done:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deposit_whose_l2_relay_failed_is_replayed() {
    let devnet = devnet().await;
    let s = Setup::new(&devnet);
    let mut actors = Actors::default();
    let op_a = s.client("op-a");
    let me = s.wallet.accounts(false).unwrap()[0].address;
    let l2_token = devnet
        .manifest()
        .chains
        .iter()
        .find(|c| c.name == "op-a")
        .unwrap()
        .contracts[switchyard_devnet::contracts::names::BRIDGED_TOKEN_18];
    let bridges = s.wallet.bridges(&s.networks);
    let prepared = bridges
        .prepare(&MoveInput {
            asset: Some("SYT"),
            ..eth_move("l1", Some("op-a"), "2")
        })
        .await
        .unwrap();
    // The L2 token refuses to mint for now: the L2 messenger's call fails and is kept.
    let code: alloy::primitives::Bytes = op_a
        .request("eth_getCode", (l2_token, "latest"))
        .await
        .unwrap();
    let _: serde_json::Value = op_a
        .request("anvil_setCode", (l2_token, "0x60006000fd"))
        .await
        .unwrap();
    let journey = s
        .settled(bridges.start(&s.signer(), &prepared).await.unwrap())
        .await;
    round(&mut actors, &devnet).await;
    let failed = s.refresh(&journey.id).await;
    assert_eq!(failed.state, JourneyState::RelayFailed, "{failed:?}");
    assert_eq!(failed.next_action(), Some(JourneyAction::Replay));
    assert!(
        failed.reason.as_deref().unwrap().contains("replayed"),
        "{failed:?}"
    );

    // Once it mints again, the replay delivers the tokens.
    let _: serde_json::Value = op_a
        .request("anvil_setCode", (l2_token, code))
        .await
        .unwrap();
    let balance = || async {
        op_a.view(
            l2_token,
            switchyard_core::assets::balances::IERC20::balanceOfCall { owner: me },
            alloy::eips::BlockId::latest(),
        )
        .await
        .unwrap()
    };
    let before = balance().await;
    let replayed = s.act(&journey.id, JourneyAction::Replay).await.unwrap();
    assert_eq!(replayed.state, JourneyState::Completed, "{replayed:?}");
    assert_eq!(balance().await - before, U256::from(2 * 10u64.pow(18)));
    let purposes: Vec<Purpose> = bridges
        .transactions(&journey.id)
        .unwrap()
        .iter()
        .map(|t| t.purpose)
        .collect();
    assert_eq!(
        purposes,
        [Purpose::Approve, Purpose::Deposit, Purpose::Replay]
    );
}
