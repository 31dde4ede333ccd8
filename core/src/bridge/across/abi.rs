//! The SpokePool ABI as the wallet and the devnet call it, from
//! `@across-protocol/contracts` 5.0.27 (`dist/evm/artifacts`).

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    sol_types::SolValue,
};

alloy::sol! {
    /// `V3SpokePoolInterface.V3RelayData`: a deposit as a fill names it.
    #[derive(Debug, PartialEq, Eq)]
    struct V3RelayData {
        bytes32 depositor;
        bytes32 recipient;
        bytes32 exclusiveRelayer;
        bytes32 inputToken;
        bytes32 outputToken;
        uint256 inputAmount;
        uint256 outputAmount;
        uint256 originChainId;
        uint256 depositId;
        uint32 fillDeadline;
        uint32 exclusivityDeadline;
        bytes message;
    }

    /// A deposit on the origin chain.
    #[derive(Debug, PartialEq, Eq)]
    event FundsDeposited(
        bytes32 inputToken,
        bytes32 outputToken,
        uint256 inputAmount,
        uint256 outputAmount,
        uint256 indexed destinationChainId,
        uint256 indexed depositId,
        uint32 quoteTimestamp,
        uint32 fillDeadline,
        uint32 exclusivityDeadline,
        bytes32 indexed depositor,
        bytes32 recipient,
        bytes32 exclusiveRelayer,
        bytes message
    );

    /// `V3RelayExecutionEventInfo`.
    #[derive(Debug, PartialEq, Eq)]
    struct V3RelayExecutionEventInfo {
        bytes32 updatedRecipient;
        bytes32 updatedMessageHash;
        uint256 updatedOutputAmount;
        uint8 fillType;
    }

    /// A fill on the destination chain.
    #[derive(Debug, PartialEq, Eq)]
    event FilledRelay(
        bytes32 inputToken,
        bytes32 outputToken,
        uint256 inputAmount,
        uint256 outputAmount,
        uint256 repaymentChainId,
        uint256 indexed originChainId,
        uint256 indexed depositId,
        uint32 fillDeadline,
        uint32 exclusivityDeadline,
        bytes32 exclusiveRelayer,
        bytes32 indexed relayer,
        bytes32 depositor,
        bytes32 recipient,
        bytes32 messageHash,
        V3RelayExecutionEventInfo relayExecutionInfo
    );

    /// `SpokePoolInterface.RelayerRefundLeaf`: who a root bundle repays on one chain.
    #[derive(Debug, PartialEq, Eq)]
    struct RelayerRefundLeaf {
        uint256 amountToReturn;
        uint256 chainId;
        uint256[] refundAmounts;
        uint32 leafId;
        address l2TokenAddress;
        address[] refundAddresses;
    }

    /// A root bundle relayed to a pool.
    #[derive(Debug, PartialEq, Eq)]
    event RelayedRootBundle(uint32 indexed rootBundleId, bytes32 indexed relayerRefundRoot, bytes32 indexed slowRelayRoot);

    /// A refund leaf executed on a pool.
    #[derive(Debug, PartialEq, Eq)]
    event ExecutedRelayerRefundRoot(
        uint256 amountToReturn,
        uint256 indexed chainId,
        uint256[] refundAmounts,
        uint32 indexed rootBundleId,
        uint32 indexed leafId,
        address l2TokenAddress,
        address[] refundAddresses,
        bool deferredRefunds,
        address caller
    );

    /// A chain's SpokePool.
    interface SpokePool {
        function relayRootBundle(bytes32 relayerRefundRoot, bytes32 slowRelayRoot);
        function executeRelayerRefundLeaf(uint32 rootBundleId, RelayerRefundLeaf relayerRefundLeaf, bytes32[] proof);
        function rootBundles(uint256 index) view returns (bytes32 slowRelayRoot, bytes32 relayerRefundRoot);
        function depositV3(address depositor, address recipient, address inputToken, address outputToken, uint256 inputAmount, uint256 outputAmount, uint256 destinationChainId, address exclusiveRelayer, uint32 quoteTimestamp, uint32 fillDeadline, uint32 exclusivityParameter, bytes message) payable;
        function fillRelay(V3RelayData relayData, uint256 repaymentChainId, bytes32 repaymentAddress);
        function fillStatuses(bytes32 relayHash) view returns (uint256);
        function getCurrentTime() view returns (uint256);
        function wrappedNativeToken() view returns (address);
        function fillDeadlineBuffer() view returns (uint32);
        function depositQuoteTimeBuffer() view returns (uint32);
        function numberOfDeposits() view returns (uint32);
    }

    /// WETH9 (and the OP Stack's WETH predeploy).
    interface Weth {
        function deposit() payable;
        function approve(address spender, uint256 amount) returns (bool);
        function balanceOf(address who) view returns (uint256);
        function allowance(address owner, address spender) view returns (uint256);
    }
}

/// `SpokePool._getV3RelayHash`: `keccak256(abi.encode(relayData, destinationChainId))`,
/// the key of `fillStatuses`.
pub fn relay_hash(relay: &V3RelayData, destination_chain_id: u64) -> B256 {
    keccak256((relay.clone(), U256::from(destination_chain_id)).abi_encode_params())
}

/// An address as Across's bytes32 fields hold it (left-padded).
pub fn to_bytes32(address: Address) -> B256 {
    address.into_word()
}

/// The address in an Across bytes32 field (its low 20 bytes).
pub fn from_bytes32(word: B256) -> Address {
    Address::from_word(word)
}

impl V3RelayData {
    /// The relay data a fill of `deposit` (logged on `origin_chain_id`) must name.
    pub fn from_deposit(deposit: &FundsDeposited, origin_chain_id: u64) -> Self {
        Self {
            depositor: deposit.depositor,
            recipient: deposit.recipient,
            exclusiveRelayer: deposit.exclusiveRelayer,
            inputToken: deposit.inputToken,
            outputToken: deposit.outputToken,
            inputAmount: deposit.inputAmount,
            outputAmount: deposit.outputAmount,
            originChainId: U256::from(origin_chain_id),
            depositId: deposit.depositId,
            fillDeadline: deposit.fillDeadline,
            exclusivityDeadline: deposit.exclusivityDeadline,
            message: deposit.message.clone(),
        }
    }
}
