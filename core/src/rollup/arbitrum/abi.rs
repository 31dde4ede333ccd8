//! The Arbitrum contracts' ABI as the wallet and the devnet call it. Signatures from
//! `@arbitrum/nitro-contracts` 3.2.0 and `@arbitrum/token-bridge-contracts` 1.2.5; the
//! precompiles from Nitro's `precompiles/` interfaces.

alloy::sol! {
    /// Emitted by the `Bridge` for every message an inbox delivers.
    #[derive(Debug, PartialEq, Eq)]
    event MessageDelivered(
        uint256 indexed messageIndex,
        bytes32 indexed beforeInboxAcc,
        address inbox,
        uint8 kind,
        address sender,
        bytes32 messageDataHash,
        uint256 baseFeeL1,
        uint64 timestamp
    );

    /// Emitted by the `Inbox` with the message's data.
    #[derive(Debug, PartialEq, Eq)]
    event InboxMessageDelivered(uint256 indexed messageNum, bytes data);

    /// Emitted by `ArbSys` for every L2→L1 message (a withdrawal).
    #[derive(Debug, PartialEq, Eq)]
    event L2ToL1Tx(
        address caller,
        address indexed destination,
        uint256 indexed hash,
        uint256 indexed position,
        uint256 arbBlockNum,
        uint256 ethBlockNum,
        uint256 timestamp,
        uint256 callvalue,
        bytes data
    );

    /// The delayed inbox.
    interface Inbox {
        function depositEth() payable returns (uint256);
        function createRetryableTicket(address to, uint256 l2CallValue, uint256 maxSubmissionCost, address excessFeeRefundAddress, address callValueRefundAddress, uint256 gasLimit, uint256 maxFeePerGas, bytes data) payable returns (uint256);
        function calculateRetryableSubmissionFee(uint256 dataLength, uint256 baseFee) view returns (uint256);
    }

    /// Emitted by the `Outbox` when the rollup confirms a send root.
    #[derive(Debug, PartialEq, Eq)]
    event SendRootUpdated(bytes32 indexed outputRoot, bytes32 indexed l2BlockHash);

    /// Emitted by `ArbRetryableTx` when a redeem of a ticket is scheduled (the retry
    /// transaction's hash is the second topic).
    #[derive(Debug, PartialEq, Eq)]
    event RedeemScheduled(bytes32 indexed ticketId, bytes32 indexed retryTxHash, uint64 indexed sequenceNum, uint64 donatedGas, address gasDonor, uint256 maxRefund, uint256 submissionFeeRefund);

    /// Emitted by `ArbRetryableTx` when a retryable ticket is created.
    #[derive(Debug, PartialEq, Eq)]
    event TicketCreated(bytes32 indexed ticketId);

    /// Emitted by the devnet's `ArbRetryableTx` stand-in for an ETH deposit: on a real
    /// chain the deposit is an L2 transaction whose hash is its id; the stand-in credits
    /// it inside its own transaction, so it logs the id instead.
    #[derive(Debug, PartialEq, Eq)]
    event DepositDelivered(uint256 indexed messageNum, bytes32 indexed depositTxId, address to, uint256 value);

    /// The rollup (`RollupCore`): how long an assertion waits before confirmation.
    interface Rollup {
        function confirmPeriodBlocks() view returns (uint64);
    }

    /// `L1GatewayRouter`: ERC-20 deposits, each through its token's gateway (a retryable
    /// ticket that mints the child-chain token).
    /// The standard L1 gateway: every token deposit through it names its sender.
    interface L1ArbitrumGateway {
        event DepositInitiated(address l1Token, address indexed from, address indexed to, uint256 indexed sequenceNumber, uint256 amount);
    }

    interface L1GatewayRouter {
        function outboundTransfer(address token, address to, uint256 amount, uint256 maxGas, uint256 gasPriceBid, bytes data) payable returns (bytes);
        function calculateL2TokenAddress(address l1Token) view returns (address);
        function getGateway(address token) view returns (address);
    }

    /// The outbox: withdrawals are executed here against a confirmed send root.
    interface Outbox {
        function updateSendRoot(bytes32 root, bytes32 l2BlockHash);
        function executeTransaction(bytes32[] proof, uint256 index, address l2Sender, address to, uint256 l2Block, uint256 l1Block, uint256 l2Timestamp, uint256 value, bytes data);
        function isSpent(uint256 index) view returns (bool);
        function roots(bytes32 root) view returns (bytes32 l2BlockHash);
        function calculateItemHash(address l2Sender, address to, uint256 l2Block, uint256 l1Block, uint256 l2Timestamp, uint256 value, bytes data) pure returns (bytes32);
    }

    /// `ArbSys` (0x64).
    interface ArbSys {
        function withdrawEth(address destination) payable returns (uint256);
        function sendTxToL1(address destination, bytes data) payable returns (uint256);
        function sendMerkleTreeState() view returns (uint256 size, bytes32 root, bytes32[] partials);
        function arbBlockNumber() view returns (uint256);
    }

    /// `ArbRetryableTx` (0x6E).
    interface ArbRetryableTx {
        function redeem(bytes32 ticketId) returns (bytes32);
        function getTimeout(bytes32 ticketId) view returns (uint256);
        function getLifetime() view returns (uint256);
        function keepalive(bytes32 ticketId) returns (uint256);
        function getBeneficiary(bytes32 ticketId) view returns (address);
        function cancel(bytes32 ticketId);
    }

    /// `NodeInterface` (0xC8, `eth_call` only): the outbox proof of a withdrawal.
    interface NodeInterface {
        function constructOutboxProof(uint64 size, uint64 leaf) view returns (bytes32 send, bytes32 root, bytes32[] proof);
    }
}
