//! The contracts a rollup settles through, typed per stack: what the canonical bridges,
//! withdrawal proofs and finalization read and call. They live on the rollup's spec
//! ([`super::ChainSpec::rollup`]); most are deployed on its parent chain, the rest are
//! predeploys at the same address on every chain of the stack.

use alloy::primitives::{Address, address};
use serde::{Deserialize, Serialize};

/// A rollup's settlement contracts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stack", rename_all = "snake_case")]
pub enum RollupContracts {
    /// An OP Stack chain (OP Mainnet, Base, …).
    Op(OpContracts),
    /// An Arbitrum Nitro chain (Arbitrum One, …).
    Arbitrum(ArbitrumContracts),
}

/// An OP Stack chain's contracts on its parent chain (the proxies, which is what users
/// call). Its L2 side is the predeploys ([`OpContracts::L2_STANDARD_BRIDGE`], …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpContracts {
    /// `OptimismPortalProxy`: deposits enter here; withdrawals are proven and finalized here.
    pub portal: Address,
    /// `DisputeGameFactoryProxy`: the games whose output roots a withdrawal is proven against.
    pub dispute_game_factory: Address,
    /// `L1StandardBridgeProxy`: ETH and ERC-20 deposits with the standard bridge.
    pub l1_standard_bridge: Address,
    /// `L1CrossDomainMessengerProxy`: messages the standard bridge relays.
    pub l1_messenger: Address,
    /// `SystemConfigProxy`: the chain's configuration (its batcher, fee scalars, gas limit).
    pub system_config: Address,
}

impl OpContracts {
    /// `L2StandardBridge` predeploy (`l2-protocols.md` §1.3, §1.7).
    pub const L2_STANDARD_BRIDGE: Address = address!("0x4200000000000000000000000000000000000010");
    /// `L2ToL1MessagePasser` predeploy: where a withdrawal starts, and whose storage proves it.
    pub const L2_TO_L1_MESSAGE_PASSER: Address =
        address!("0x4200000000000000000000000000000000000016");
    /// `OptimismMintableERC20Factory` predeploy: its events name each L1 token's L2 token.
    pub const L2_TOKEN_FACTORY: Address = address!("0x4200000000000000000000000000000000000012");
    /// `L2CrossDomainMessenger` predeploy.
    pub const L2_MESSENGER: Address = address!("0x4200000000000000000000000000000000000007");
}

/// An Arbitrum chain's contracts: its core ("eth bridge") and token bridge on the parent
/// chain, and the token bridge's child side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArbitrumContracts {
    /// `Bridge`: holds deposited ETH and records messages both ways.
    pub bridge: Address,
    /// The delayed `Inbox`: ETH deposits and retryable tickets.
    pub inbox: Address,
    /// `SequencerInbox`: the batches.
    pub sequencer_inbox: Address,
    /// `Outbox`: withdrawals are executed here once their assertion is confirmed.
    pub outbox: Address,
    /// The rollup contract: assertions and their confirmation.
    pub rollup: Address,
    /// `L1GatewayRouter`: picks the gateway of an ERC-20 deposit.
    pub parent_gateway_router: Address,
    /// The standard `L1ERC20Gateway`.
    pub parent_erc20_gateway: Address,
    /// `L2GatewayRouter` on the Arbitrum chain: ERC-20 withdrawals start here.
    pub child_gateway_router: Address,
    /// The standard `L2ERC20Gateway` on the Arbitrum chain.
    pub child_erc20_gateway: Address,
    /// Seconds from a withdrawal to its confirmation, where the rollup contract cannot
    /// answer `confirmPeriodBlocks()` (the devnet, whose rollup role is an actor account).
    /// `None`: read from the rollup.
    #[serde(default)]
    pub confirm_period_secs: Option<u64>,
}

impl ArbitrumContracts {
    /// `ArbSys` precompile: ETH withdrawals and L2→L1 messages start here (`l2-protocols.md` §2.4).
    pub const ARB_SYS: Address = address!("0x0000000000000000000000000000000000000064");
    /// `ArbRetryableTx` precompile: redeeming a retryable ticket by hand.
    pub const ARB_RETRYABLE_TX: Address = address!("0x000000000000000000000000000000000000006E");
    /// `NodeInterface` virtual contract (`eth_call` only): outbox proofs and gas estimates.
    pub const NODE_INTERFACE: Address = address!("0x00000000000000000000000000000000000000C8");
}
