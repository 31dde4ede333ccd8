//! The rollups' own bridges: what each step of a canonical deposit or withdrawal calls,
//! and what the chains say about a journey now.
//!
//! A [`Route`] joins a rollup and its parent chain, one way. It builds the first
//! transaction ([`Route::first_call`]) and the person's later steps
//! ([`Route::action_call`]: prove, finalize, claim, redeem), and reads the journey's state
//! from the chain that owns each step ([`Route::observe`]) — the source chain's receipt
//! for the first step, the destination for delivery, the portal and the dispute games for
//! an OP withdrawal, the Outbox for an Arbitrum claim. Nothing here writes the database:
//! the facade stores what it returns.
//!
//! ETH moves through the lowest contract each stack offers (the OP portal and message
//! passer, as viem does; Arbitrum's inbox and ArbSys, as `@arbitrum/sdk` does), so the
//! chain's own events name the person and `journey rebuild` can find them by address.

mod arbitrum;
mod op;

use alloy::{
    eips::BlockId,
    primitives::{Address, U256},
    rpc::types::Log,
};

use crate::{
    assets::{Token, balances::IERC20},
    chain::{ArbitrumContracts, OpContracts, RollupContracts},
    error::Result,
    fees::GasPlan,
    journey::{
        Evidence, Journey, JourneyAction, JourneyError, JourneyKind, JourneyState, Message,
        Observation, StepTx, step,
    },
    rpc::{ChainClient, RpcError},
    tx::{Call, Purpose, TxRecord},
};

/// Gas the L2 execution of an ETH deposit gets (a transfer needs 21 000; a contract
/// recipient's code gets the rest).
pub const DEPOSIT_L2_GAS: u64 = 100_000;
/// Gas the L1 call of an ETH withdrawal gets when it is finalized or claimed.
pub const WITHDRAWAL_L1_GAS: u64 = 100_000;

/// Gas a later L1 step uses, measured on the devnet's real contracts (tests/tests/journeys.rs
/// checks each real step against it; docs/bridges.md); each is priced at the L1's current fees.
pub const PROVE_GAS: u64 = 300_000;
/// See [`PROVE_GAS`].
pub const FINALIZE_GAS: u64 = 160_000;
/// See [`PROVE_GAS`].
pub const CLAIM_GAS: u64 = 160_000;

/// Gas limit of an OP token deposit signed right after its approval (used on the devnet:
/// see docs/bridges.md; a margin over it).
pub const OP_TOKEN_DEPOSIT_GAS: u64 = 450_000;
/// Gas limit of an Arbitrum token deposit signed right after its approval.
pub const ARB_TOKEN_DEPOSIT_GAS: u64 = 400_000;

/// A canonical bridge between a rollup and its parent chain, one way.
#[derive(Debug, Clone, Copy)]
pub struct Route<'a> {
    /// Which protocol path.
    pub kind: JourneyKind,
    /// The parent chain.
    pub l1: &'a ChainClient,
    /// The rollup.
    pub l2: &'a ChainClient,
    /// The L1 block its reads are made at (latest, or one block for all the reads of one
    /// observation: [`Route::pinned`]).
    pub l1_at: BlockId,
    /// The L2 block its reads are made at.
    pub l2_at: BlockId,
}

/// A chain's latest block, read once: what one observation's reads on it are pinned to,
/// so they all see one state (a transaction mined between two reads cannot make them
/// disagree), and the time that chain's contracts judge by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    /// Its number.
    pub number: u64,
    /// Its timestamp (unix seconds).
    pub timestamp: i64,
}

impl<'a> Route<'a> {
    /// The canonical route from `from` to `to`, if a rollup's bridge joins them.
    pub fn between(from: &'a ChainClient, to: &'a ChainClient) -> Result<Self, JourneyError> {
        let (f, t) = (from.spec(), to.spec());
        let (l1, l2, deposit) = if t.parent == Some(f.chain_id) {
            (from, to, true)
        } else if f.parent == Some(t.chain_id) {
            (to, from, false)
        } else {
            let parent_of = |c: &crate::chain::ChainSpec| match c.parent {
                Some(p) => format!("{}'s parent chain is {p}", c.name),
                None => format!("{} is a parent chain", c.name),
            };
            return Err(JourneyError::NoRoute(format!(
                "No canonical bridge joins {} and {}: a rollup's bridge joins it to its parent chain only ({}; {}). Move to the parent chain first, then on from there.",
                f.name,
                t.name,
                parent_of(f),
                parent_of(t)
            )));
        };
        let kind = match (&l2.spec().rollup, deposit) {
            (Some(RollupContracts::Op(_)), true) => JourneyKind::OpDeposit,
            (Some(RollupContracts::Op(_)), false) => JourneyKind::OpWithdrawal,
            (Some(RollupContracts::Arbitrum(_)), true) => JourneyKind::ArbDeposit,
            (Some(RollupContracts::Arbitrum(_)), false) => JourneyKind::ArbWithdrawal,
            (None, _) => {
                return Err(JourneyError::NoRoute(format!(
                    "{} has no bridge contracts in this network profile, so the wallet cannot move value through its bridge.",
                    l2.name()
                )));
            }
        };
        Ok(Self {
            kind,
            l1,
            l2,
            l1_at: LATEST,
            l2_at: LATEST,
        })
    }

    /// The same route with its reads made at these blocks.
    pub fn pinned(self, l1: Head, l2: Head) -> Self {
        Self {
            l1_at: BlockId::number(l1.number),
            l2_at: BlockId::number(l2.number),
            ..self
        }
    }

    /// Both chains' latest blocks, read at once.
    pub async fn heads(&self) -> Result<(Head, Head), RpcError> {
        let (l1, l2) = futures::join!(head(self.l1), head(self.l2));
        Ok((l1?, l2?))
    }

    /// Where the value leaves.
    pub fn source(&self) -> &'a ChainClient {
        if self.kind.is_deposit() {
            self.l1
        } else {
            self.l2
        }
    }

    /// Where it arrives (and where the later steps sign).
    pub fn destination(&self) -> &'a ChainClient {
        if self.kind.is_deposit() {
            self.l2
        } else {
            self.l1
        }
    }

    /// The purpose of the first transaction.
    pub fn first_purpose(&self) -> Purpose {
        if self.kind.is_deposit() {
            Purpose::Deposit
        } else {
            Purpose::WithdrawalInit
        }
    }

    fn op(&self) -> &'a OpContracts {
        match &self.l2.spec().rollup {
            Some(RollupContracts::Op(op)) => op,
            _ => unreachable!("an OP route is built from an OP rollup"),
        }
    }

    fn arb(&self) -> &'a ArbitrumContracts {
        match &self.l2.spec().rollup {
            Some(RollupContracts::Arbitrum(arb)) => arb,
            _ => unreachable!("an Arbitrum route is built from an Arbitrum rollup"),
        }
    }

    /// The first transaction of an ETH journey of `amount` from `from` to `recipient`.
    pub async fn first_call(
        &self,
        from: Address,
        recipient: Address,
        amount: U256,
    ) -> Result<Call, RpcError> {
        match self.kind {
            JourneyKind::OpDeposit => Ok(op::deposit_call(self, from, recipient, amount)),
            JourneyKind::OpWithdrawal => Ok(op::withdrawal_call(self, from, recipient, amount)),
            JourneyKind::ArbDeposit => arbitrum::deposit_call(self, from, recipient, amount).await,
            JourneyKind::ArbWithdrawal => {
                Ok(arbitrum::withdrawal_call(self, from, recipient, amount))
            }
        }
    }

    /// The destination token a deposit of `token` arrives as, read from the chains (OP:
    /// the L2 token factory's record, checked against the token; Arbitrum: the gateway
    /// router). Refused with the reason for a withdrawal (tokens withdraw in a later
    /// version) or a token without one.
    pub async fn counterpart(&self, token: &Token) -> Result<Address> {
        let found = match self.kind {
            JourneyKind::OpDeposit => op::counterpart(self, token.address).await?,
            JourneyKind::ArbDeposit => arbitrum::counterpart(self, token.address).await?,
            _ => {
                return Err(JourneyError::UnsupportedAsset(format!(
                    "{} cannot be withdrawn through the canonical bridge in this version: only ETH can. Token withdrawals come with the next release.",
                    token.symbol
                ))
                .into());
            }
        };
        Ok(found.ok_or_else(|| {
            JourneyError::UnsupportedAsset(format!(
                "{} ({}) has no counterpart on {} made by its standard bridge, so depositing it there would not arrive as a token you can use. Only tokens the bridge knows can move through it.",
                token.symbol,
                token.address,
                self.l2.name()
            ))
        })?)
    }

    /// A token deposit's transactions: an approval when the bridge may not yet take
    /// `amount` of the token from `from`, then the deposit. After an approval the deposit
    /// cannot be simulated before that approval is mined, so its gas is set in advance.
    pub async fn token_calls(
        &self,
        from: Address,
        recipient: Address,
        token: &Token,
        destination: Address,
        amount: U256,
    ) -> Result<(Option<Call>, Call)> {
        let l1 = self.l1;
        let spender = match self.kind {
            JourneyKind::OpDeposit => op::token_spender(self),
            _ => arbitrum::token_spender(self, token.address).await?,
        };
        let (allowance, balance) = futures::join!(
            l1.view(
                token.address,
                IERC20::allowanceCall {
                    owner: from,
                    spender
                },
                LATEST
            ),
            l1.view(token.address, IERC20::balanceOfCall { owner: from }, LATEST),
        );
        let balance = balance?;
        if balance < amount {
            let f = |v| crate::assets::format_units(v, token.decimals);
            return Err(crate::tx::TxError::InsufficientFunds {
                symbol: token.symbol.clone(),
                needed: f(amount),
                available: f(balance),
                detail: format!("{} to deposit", f(amount)),
            }
            .into());
        }
        let approve = (allowance? < amount).then(|| Call {
            chain_id: l1.spec().chain_id,
            from,
            to: token.address,
            value: U256::ZERO,
            input: alloy::sol_types::SolCall::abi_encode(&IERC20::approveCall { spender, amount })
                .into(),
            gas: GasPlan::Estimate,
        });
        let gas = match (&approve, self.kind) {
            (None, _) => GasPlan::Estimate,
            (Some(_), JourneyKind::OpDeposit) => GasPlan::Known(OP_TOKEN_DEPOSIT_GAS),
            (Some(_), _) => GasPlan::Known(ARB_TOKEN_DEPOSIT_GAS),
        };
        let deposit = match self.kind {
            JourneyKind::OpDeposit => op::token_deposit_call(
                self,
                from,
                recipient,
                token.address,
                destination,
                amount,
                gas,
            ),
            _ => {
                arbitrum::token_deposit_call(self, from, recipient, token.address, amount, gas)
                    .await?
            }
        };
        Ok((approve, deposit))
    }

    /// The transaction of `action` on `journey`, signed by `from`, built from what the
    /// chains say now; refused with the exact reason (and when it will be possible) when
    /// the journey is not waiting for it, or when that step is already out.
    pub async fn action_call(
        &self,
        journey: &Journey,
        txs: &[TxRecord],
        action: JourneyAction,
        from: Address,
    ) -> Result<Call> {
        if let StepTx::Out(tx) = step(txs, action.purpose()) {
            return Err(JourneyError::StepInFlight {
                what: action.verb().into(),
                tx: tx.hash,
            }
            .into());
        }
        let (l1, l2) = self.heads().await?;
        let seen = self.observe(journey, txs, l1, l2).await?;
        if seen.state.action() != Some(action) {
            return Err(JourneyError::NotNow(not_now(journey, action, &seen)).into());
        }
        let Some(message) = &seen.message.or_else(|| journey.message.clone()) else {
            unreachable!("a journey waiting for an action has its message")
        };
        match (self.kind, message) {
            (_, m) if action == JourneyAction::Replay => op::replay_call(self, m, from).await,
            (JourneyKind::OpWithdrawal, m @ Message::OpWithdrawal { .. }) => match action {
                JourneyAction::Prove => op::prove_call(self, m, from).await,
                _ => op::finalize_call(self, m, journey.sender, from).await,
            },
            (JourneyKind::ArbWithdrawal, m @ Message::ArbWithdrawal { .. }) => {
                arbitrum::claim_call(self, m, from).await
            }
            (JourneyKind::ArbDeposit, Message::ArbDeposit { l2_id, .. }) => {
                Ok(arbitrum::redeem_call(self, *l2_id, from))
            }
            _ => unreachable!("only these kinds have actions"),
        }
    }

    /// An OP withdrawal's clocks, read from the portal and the newest game.
    pub async fn op_clocks(&self) -> Result<OpClocks, RpcError> {
        op::clocks(self).await
    }

    /// An Arbitrum withdrawal's confirmation period in seconds, if the chain says it.
    pub async fn arb_confirm_period(&self) -> Result<Option<u64>, RpcError> {
        arbitrum::confirm_period(self).await
    }

    /// Every journey `sender` started on this route, found in the chain's logs (the
    /// events each protocol records for it), with the transaction that started each.
    pub async fn scan(
        &self,
        sender: Address,
    ) -> Result<Vec<(alloy::primitives::B256, Sent)>, RpcError> {
        match self.kind {
            JourneyKind::OpDeposit | JourneyKind::OpWithdrawal => op::scan(self, sender).await,
            JourneyKind::ArbDeposit | JourneyKind::ArbWithdrawal => {
                arbitrum::scan(self, sender).await
            }
        }
    }

    /// The destination chain's latest block time: the clock its contracts judge by.
    pub async fn destination_time(&self) -> Result<i64, RpcError> {
        Ok(head(self.destination()).await?.timestamp)
    }

    /// What the chains say about `journey` at blocks `l1` and `l2` (each chain read at
    /// one block: one state per chain, whatever is mined meanwhile).
    pub async fn observe(
        &self,
        journey: &Journey,
        txs: &[TxRecord],
        l1: Head,
        l2: Head,
    ) -> Result<Observation, RpcError> {
        let pinned = self.pinned(l1, l2);
        let this = &pinned;
        let now = if self.kind.is_deposit() {
            l2.timestamp
        } else {
            l1.timestamp
        };
        let message = match &journey.message {
            Some(m) => m.clone(),
            None => match step(txs, self.first_purpose()) {
                StepTx::NotSigned => {
                    let seen = Observation::of(JourneyState::NotSent);
                    return Ok(match step(txs, Purpose::Approve) {
                        StepTx::NotSigned | StepTx::NotSent(_) => seen,
                        StepTx::Out(tx) | StepTx::Mined(tx) | StepTx::Reverted(tx) | StepTx::Cancelled(tx) => {
                            seen.because(format!(
                                "The approval went out (transaction {}) but the deposit itself was never signed, so nothing moved. Start the deposit again; the approval stays.",
                                tx.hash
                            ))
                        }
                    });
                }
                StepTx::NotSent(tx) => {
                    return Ok(Observation::of(JourneyState::NotSent).because(format!(
                        "Nothing was sent: every node refused transaction {}, so nothing left the account.",
                        tx.hash
                    )));
                }
                StepTx::Out(tx) => {
                    return Ok(Observation::of(JourneyState::Initiating).shown_by(tx_evidence(tx)));
                }
                StepTx::Cancelled(tx) => {
                    return Ok(Observation::of(JourneyState::Failed).because(format!(
                        "The first transaction was cancelled (transaction {} took its nonce); nothing moved.",
                        tx.hash
                    )));
                }
                StepTx::Reverted(tx) => {
                    return Ok(Observation::of(JourneyState::Failed).because(format!(
                        "The first transaction {} reverted on {}; nothing moved (its fee was paid).",
                        tx.hash,
                        self.source().name()
                    )));
                }
                StepTx::Mined(tx) => {
                    let logs = receipt_logs(this.source(), tx).await?;
                    let found = match self.kind {
                        JourneyKind::OpDeposit => op::deposit_message(this, &logs),
                        JourneyKind::OpWithdrawal => op::withdrawal_message(&logs),
                        JourneyKind::ArbDeposit => arbitrum::deposit_message(this, &logs),
                        JourneyKind::ArbWithdrawal => arbitrum::withdrawal_message(&logs),
                    };
                    match found {
                        Some(sent) => sent.message,
                        None => {
                            return Ok(Observation::of(JourneyState::Failed).because(format!(
                                "Transaction {} is in a block on {} but carries no bridge message; nothing moved through the bridge.",
                                tx.hash,
                                self.source().name()
                            )));
                        }
                    }
                }
            },
        };
        let mut seen = match self.kind {
            JourneyKind::OpDeposit => op::observe_deposit(this, &message, txs).await?,
            JourneyKind::OpWithdrawal => {
                op::observe_withdrawal(this, journey, &message, txs, now).await?
            }
            JourneyKind::ArbDeposit => arbitrum::observe_deposit(this, &message, txs).await?,
            JourneyKind::ArbWithdrawal => arbitrum::observe_withdrawal(this, &message, txs).await?,
        };
        seen.message = Some(message);
        Ok(seen)
    }
}

/// A journey's message as the chain logged it, with who receives how much.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// The protocol message.
    pub message: Message,
    /// Who receives it on the destination.
    pub recipient: Address,
    /// How much it carries there: wei, or the token's base units.
    pub amount: U256,
    /// The token it moves (on the source, and on the destination when known); `None`: ETH.
    pub token: Option<(Address, Option<Address>)>,
}

/// The clocks an OP withdrawal waits on, in seconds, as the chain has them now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpClocks {
    /// Between the two newest state proposals (games): about how long until one covers
    /// a new withdrawal. `None` with fewer than two games.
    pub game_interval: Option<u64>,
    /// `proofMaturityDelaySeconds`: from a proof to its finalization.
    pub proof_maturity: u64,
    /// The newest game's `maxClockDuration` plus `disputeGameFinalityDelaySeconds`: from
    /// a game's creation until it can be relied on, unchallenged.
    pub game_settles: u64,
}

impl OpClocks {
    /// Seconds from initiating to finalizing, unchallenged: a game covering it, then both
    /// clocks (the proof's maturity and the game's settling, whichever is later).
    pub fn finalize_after(&self) -> Option<u64> {
        Some(self.game_interval.unwrap_or(0) + self.proof_maturity.max(self.game_settles))
    }
}

/// Why `action` cannot be taken now, and when it can.
fn not_now(journey: &Journey, action: JourneyAction, seen: &Observation) -> String {
    let when = match seen.eta {
        Some(t) => format!(
            " It should be possible at {} (UTC).",
            crate::views::rfc3339(t)
        ),
        None => String::new(),
    };
    let why = seen
        .reason
        .as_deref()
        .map(|r| format!(" {r}"))
        .unwrap_or_default();
    format!(
        "Journey {} cannot {} now: it is {}.{why}{when}",
        journey.id,
        action.verb(),
        seen.state.label().to_lowercase()
    )
}

/// The evidence of a transaction in (or on its way to) a block.
fn tx_evidence(tx: &TxRecord) -> Evidence {
    Evidence {
        chain_id: tx.chain_id,
        block: tx.block_number,
        tx: Some(tx.hash),
    }
}

/// If `action`'s transaction is out, the state it puts the journey in; if it reverted,
/// the reason to show beside the state the chain still has.
fn in_flight(txs: &[TxRecord], action: JourneyAction, ready: Observation) -> Observation {
    match step(txs, action.purpose()) {
        StepTx::Out(tx) => Observation::of(action.in_flight()).shown_by(tx_evidence(tx)),
        StepTx::Reverted(tx) => ready.because(format!(
            "The last {} transaction ({}) reverted; it can be sent again.",
            action.verb(),
            tx.hash
        )),
        _ => ready,
    }
}

/// The logs of a mined transaction's receipt.
async fn receipt_logs(client: &ChainClient, tx: &TxRecord) -> Result<Vec<Log>, RpcError> {
    let receipt = client.receipt_json(tx.hash).await?.unwrap_or_default();
    serde_json::from_value(receipt["logs"].clone()).map_err(|e| RpcError::Malformed {
        chain: client.name().into(),
        method: "eth_getTransactionReceipt".into(),
        detail: format!("the logs of {} do not decode: {e}", tx.hash),
    })
}

/// `eth_getLogs` of `address` with `topics`, from `from_block` to `to` (a number or latest).
async fn logs(
    client: &ChainClient,
    address: Address,
    topics: Vec<Option<alloy::primitives::B256>>,
    from_block: u64,
    to: BlockId,
) -> Result<Vec<Log>, RpcError> {
    let to_block = match to {
        BlockId::Number(alloy::eips::BlockNumberOrTag::Number(n)) => format!("{n:#x}"),
        _ => "latest".to_owned(),
    };
    let filter = serde_json::json!({
        "address": address,
        "topics": topics,
        "fromBlock": format!("{from_block:#x}"),
        "toBlock": to_block,
    });
    client.request_together("eth_getLogs", (filter,)).await
}

/// A chain's latest block: its number and the time its contracts judge by.
pub async fn head(client: &ChainClient) -> Result<Head, RpcError> {
    let block: serde_json::Value = client
        .request_together("eth_getBlockByNumber", ("latest", false))
        .await?;
    let field = |name: &str| {
        block[name]
            .as_str()
            .and_then(|t| u64::from_str_radix(t.trim_start_matches("0x"), 16).ok())
            .ok_or_else(|| RpcError::Malformed {
                chain: client.name().into(),
                method: "eth_getBlockByNumber".into(),
                detail: format!("the latest block has no {name}"),
            })
    };
    Ok(Head {
        number: field("number")?,
        timestamp: field("timestamp")? as i64,
    })
}

/// Latest-block reads.
const LATEST: BlockId = BlockId::Number(alloy::eips::BlockNumberOrTag::Latest);
