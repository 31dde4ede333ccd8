//! Arbitrum's delivery of the delayed inbox, as the sequencer and ArbOS do it: every
//! message the chain's Bridge records on L1 is executed on the child chain, in order.
//! - An ETH deposit credits its recipient (through the ArbRetryableTx stand-in's
//!   `deliverEthDeposit`, which logs it with the id `@arbitrum/sdk` computes).
//! - A retryable ticket is created with its real id, holding its call value; the
//!   `RetryableSender` code goes at the sender's alias so the call comes from there; what
//!   the ticket deposited beyond its call value goes to its fee-refund address in the same
//!   transaction (the devnet charges no L2 fees). A ticket whose deposit cannot pay its
//!   call value is not created (ArbOS fails it); its deposit goes to the fee-refund address. When the ticket paid for gas it is auto-redeemed with
//!   exactly its gas limit (plus the stand-in's own overhead): a call that needs more
//!   fails and leaves the ticket for a manual `redeem`, as on Arbitrum.
//!
//! A message already delivered (a restarted actor rescans) is not delivered twice; a ticket
//! whose auto-redeem was cut off by a restart is left for a manual redeem.

use std::collections::BTreeMap;

use alloy::{
    primitives::{Address, B256, Bytes, U256, address},
    sol_types::{SolCall, SolEvent},
};
use switchyard_core::{
    chain::ArbitrumContracts,
    rollup::arbitrum::{
        abi::{ArbRetryableTx, InboxMessageDelivered, MessageDelivered},
        inbox::{EthDeposit, KIND_ETH_DEPOSIT, KIND_SUBMIT_RETRYABLE, Retryable},
    },
};

use crate::{
    DevnetError,
    arbitrum::{ArbDeployment, precompiles::retryable_sender_code},
    rpc::Rpc,
};

/// The delivery actor's account on the child chain (impersonated; only it may call the
/// stand-in's delivery entry points): "SwitchyardArbDeliver".
pub const DELIVERER: Address = address!("0x5377697463687961726441726244656C69766572");

/// Gas the stand-in spends around a redeemed call (ticket storage, the alias hop).
const REDEEM_OVERHEAD: u64 = 80_000;

mod abi {
    alloy::sol! {
        function deliverEthDeposit(uint256 messageNum, bytes32 depositTxId, address to) payable;
        function deliverRetryable(bytes32 ticketId, address from, address to, uint256 callValue, address beneficiary, address feeRefund, bytes data) payable;
        event TicketCreated(bytes32 indexed ticketId);
        event DepositDelivered(uint256 indexed messageNum, bytes32 indexed depositTxId, address to, uint256 value);
    }
}

/// What one round delivered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivered {
    /// ETH deposits credited.
    pub deposits: usize,
    /// Tickets created.
    pub tickets: usize,
    /// Tickets auto-redeemed.
    pub redeemed: usize,
}

/// One Arbitrum chain's delivery.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// The first L1 block not yet scanned.
    next_l1_block: u64,
}

impl Delivery {
    /// A delivery that starts scanning at `l1_block` (the bridge's deployment).
    pub fn starting_at(l1_block: u64) -> Self {
        Self {
            next_l1_block: l1_block,
        }
    }

    /// Delivers the messages recorded since the last round.
    pub async fn round(
        &mut self,
        l1: &Rpc,
        l2: &Rpc,
        deployment: &ArbDeployment,
        chain_id: u64,
    ) -> Result<Delivered, DevnetError> {
        let filter = serde_json::json!({
            "address": [deployment.bridge, deployment.inbox],
            "topics": [[MessageDelivered::SIGNATURE_HASH, InboxMessageDelivered::SIGNATURE_HASH]],
        });
        let Some((head, logs)) = l1.new_logs(filter, self.next_l1_block).await? else {
            return Ok(Delivered::default());
        };
        // Each message: the bridge's record (kind, sender, L1 base fee) and the inbox's data.
        let mut records = BTreeMap::new();
        let mut data = BTreeMap::new();
        for log in &logs {
            if let Ok(event) = MessageDelivered::decode_log(&log.inner) {
                records.insert(event.messageIndex, event.data);
            } else if let Ok(event) = InboxMessageDelivered::decode_log(&log.inner) {
                data.insert(event.messageNum, event.data.data);
            }
        }
        let mut out = Delivered::default();
        for (number, record) in records {
            let Some(payload) = data.get(&number) else {
                continue; // another inbox's message (none on the devnet)
            };
            let bad = |e: switchyard_core::rollup::arbitrum::inbox::InboxDecodeError| {
                l1.error("eth_getLogs", &e.to_string())
            };
            match record.kind {
                KIND_ETH_DEPOSIT => {
                    let deposit =
                        EthDeposit::decode(number, record.sender, payload).map_err(bad)?;
                    if delivered(
                        l2,
                        abi::DepositDelivered::SIGNATURE_HASH,
                        B256::from(number),
                    )
                    .await?
                    {
                        continue;
                    }
                    fund_deliverer(l2, deposit.value).await?;
                    let call = abi::deliverEthDepositCall {
                        messageNum: number,
                        depositTxId: deposit.tx_id(chain_id),
                        to: deposit.to,
                    };
                    let hash = l2
                        .send_as(
                            DELIVERER,
                            ArbitrumContracts::ARB_RETRYABLE_TX,
                            call.abi_encode(),
                            deposit.value,
                        )
                        .await?;
                    l2.wait(hash).await?;
                    out.deposits += 1;
                }
                KIND_SUBMIT_RETRYABLE => {
                    let ticket =
                        Retryable::decode(number, record.sender, record.baseFeeL1, payload)
                            .map_err(bad)?;
                    let id = ticket.ticket_id(chain_id);
                    if delivered(l2, abi::TicketCreated::SIGNATURE_HASH, id).await?
                        || delivered(
                            l2,
                            abi::DepositDelivered::SIGNATURE_HASH,
                            B256::from(number),
                        )
                        .await?
                    {
                        continue;
                    }
                    fund_deliverer(l2, ticket.deposit).await?;
                    if ticket.deposit < ticket.l2_call_value {
                        // An unsafe ticket that cannot pay its call value: ArbOS fails its
                        // submission; its deposit goes to the fee-refund address.
                        let call = abi::deliverEthDepositCall {
                            messageNum: number,
                            depositTxId: id,
                            to: ticket.excess_fee_refund,
                        };
                        let hash = l2
                            .send_as(
                                DELIVERER,
                                ArbitrumContracts::ARB_RETRYABLE_TX,
                                call.abi_encode(),
                                ticket.deposit,
                            )
                            .await?;
                        l2.wait(hash).await?;
                        continue;
                    }
                    let code: Bytes = l2.call("eth_getCode", (ticket.from, "latest")).await?;
                    if code.is_empty() {
                        l2.call::<_, ()>("anvil_setCode", (ticket.from, retryable_sender_code()))
                            .await?;
                    }
                    // The ticket and the refund of what it deposited beyond its call value,
                    // in one transaction.
                    let create = abi::deliverRetryableCall {
                        ticketId: id,
                        from: ticket.from,
                        to: ticket.to,
                        callValue: ticket.l2_call_value,
                        beneficiary: ticket.call_value_refund,
                        feeRefund: ticket.excess_fee_refund,
                        data: ticket.data.clone(),
                    };
                    let hash = l2
                        .send_as(
                            DELIVERER,
                            ArbitrumContracts::ARB_RETRYABLE_TX,
                            create.abi_encode(),
                            ticket.deposit,
                        )
                        .await?;
                    l2.wait(hash).await?;
                    out.tickets += 1;
                    if ticket.auto_redeems() {
                        let gas = ticket
                            .gas_limit
                            .saturating_to::<u64>()
                            .saturating_add(REDEEM_OVERHEAD);
                        let redeem = ArbRetryableTx::redeemCall { ticketId: id }.abi_encode();
                        let hash = l2
                            .send_as_with_gas(
                                DELIVERER,
                                ArbitrumContracts::ARB_RETRYABLE_TX,
                                redeem,
                                U256::ZERO,
                                gas,
                            )
                            .await?;
                        // A failed auto-redeem is Arbitrum's normal "redeem it yourself" case.
                        if l2.wait_mined(hash).await?["status"] == "0x1" {
                            out.redeemed += 1;
                        }
                    }
                }
                _ => {}
            }
        }
        self.next_l1_block = head + 1;
        Ok(out)
    }
}

/// Whether the stand-in already logged `event` for `key` (its first indexed field).
async fn delivered(l2: &Rpc, event: B256, key: B256) -> Result<bool, DevnetError> {
    let filter = serde_json::json!({
        "address": ArbitrumContracts::ARB_RETRYABLE_TX,
        "fromBlock": "0x0",
        "toBlock": "latest",
        "topics": [event, key],
    });
    let logs: Vec<serde_json::Value> = l2.call("eth_getLogs", (filter,)).await?;
    Ok(!logs.is_empty())
}

/// Gives the deliverer what it is about to credit (it mints the child chain's ETH, as
/// ArbOS does for a deposit), plus gas money.
async fn fund_deliverer(l2: &Rpc, value: U256) -> Result<(), DevnetError> {
    let gas_money = U256::from(10u128.pow(18));
    l2.top_up(DELIVERER, value.saturating_add(gas_money)).await
}
