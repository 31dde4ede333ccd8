//! The OP Stack contracts' ABI as the wallet and the devnet call it (one `sol!` block,
//! so the structs the portal takes are the same types everywhere). Signatures from
//! `@eth-optimism/contracts-bedrock` 0.17.3 (OptimismPortal2 3.10.0,
//! DisputeGameFactory 1.0.0, FaultDisputeGame 1.2.0).

alloy::sol! {
    /// Emitted by OptimismPortal for every deposit. `from` is already aliased when the
    /// caller is a contract; `opaqueData` is `abi.encodePacked(mint, value, gasLimit,
    /// isCreation, data)` (version 0).
    #[derive(Debug, PartialEq, Eq)]
    event TransactionDeposited(
        address indexed from,
        address indexed to,
        uint256 indexed version,
        bytes opaqueData
    );

    /// Emitted by `L2ToL1MessagePasser.initiateWithdrawal` (the standard bridge and the
    /// messenger both end there).
    #[derive(Debug, PartialEq, Eq)]
    event MessagePassed(
        uint256 indexed nonce,
        address indexed sender,
        address indexed target,
        uint256 value,
        uint256 gasLimit,
        bytes data,
        bytes32 withdrawalHash
    );

    /// `Types.WithdrawalTransaction`: what OptimismPortal proves and finalizes.
    #[derive(Debug, PartialEq, Eq)]
    struct WithdrawalTransaction {
        uint256 nonce;
        address sender;
        address target;
        uint256 value;
        uint256 gasLimit;
        bytes data;
    }

    /// `Types.OutputRootProof` (version 0).
    #[derive(Debug, PartialEq, Eq)]
    struct OutputRootProof {
        bytes32 version;
        bytes32 stateRoot;
        bytes32 messagePasserStorageRoot;
        bytes32 latestBlockhash;
    }

    /// OptimismPortal2: deposits in, withdrawals proven and finalized.
    interface OptimismPortal2 {
        function depositTransaction(address to, uint256 value, uint64 gasLimit, bool isCreation, bytes data) payable;
        function proveWithdrawalTransaction(WithdrawalTransaction tx, uint256 disputeGameIndex, OutputRootProof outputRootProof, bytes[] withdrawalProof);
        function finalizeWithdrawalTransaction(WithdrawalTransaction tx);
        function finalizeWithdrawalTransactionExternalProof(WithdrawalTransaction tx, address proofSubmitter);
        function finalizedWithdrawals(bytes32 withdrawalHash) view returns (bool);
        /// Reverts with the reason a withdrawal cannot be finalized yet by this submitter's proof.
        function checkWithdrawal(bytes32 withdrawalHash, address proofSubmitter) view;
        function numProofSubmitters(bytes32 withdrawalHash) view returns (uint256);
        function proofSubmitters(bytes32 withdrawalHash, uint256 index) view returns (address);
        event WithdrawalFinalized(bytes32 indexed withdrawalHash, bool success);
        function provenWithdrawals(bytes32 withdrawalHash, address proofSubmitter) view returns (address disputeGameProxy, uint64 timestamp);
        function disputeGameBlacklist(address disputeGame) view returns (bool);
        function respectedGameType() view returns (uint32);
        function respectedGameTypeUpdatedAt() view returns (uint64);
        function proofMaturityDelaySeconds() view returns (uint256);
        function disputeGameFinalityDelaySeconds() view returns (uint256);
        function disputeGameFactory() view returns (address);
        /// Guardian only (the devnet's fault injection).
        function blacklistDisputeGame(address disputeGame);
        /// Guardian only: re-setting the type retires every game created before.
        function setRespectedGameType(uint32 gameType);
    }

    /// L2ToL1MessagePasser (predeploy): where every withdrawal starts; a plain ETH
    /// withdrawal calls it directly (as viem's `initiateWithdrawal` does), so the event
    /// names the person as `sender`.
    interface L2ToL1MessagePasser {
        function initiateWithdrawal(address target, uint256 gasLimit, bytes data) payable;
    }

    /// L2CrossDomainMessenger (predeploy): a relayed deposit's call that failed is kept
    /// for a replay.
    interface L2CrossDomainMessenger {
        event FailedRelayedMessage(bytes32 indexed msgHash);
        function successfulMessages(bytes32 msgHash) view returns (bool);
    }

    /// L1StandardBridge: ERC-20 deposits (the token locked on L1, its counterpart minted on L2).
    interface L1StandardBridge {
        function depositERC20To(address l1Token, address l2Token, address to, uint256 amount, uint32 minGasLimit, bytes extraData);
        event ERC20DepositInitiated(address indexed l1Token, address indexed l2Token, address indexed from, address to, uint256 amount, bytes extraData);
    }

    /// OptimismMintableERC20Factory (L2 predeploy): which L2 token stands for an L1 token.
    interface OptimismMintableERC20Factory {
        event OptimismMintableERC20Created(address indexed localToken, address indexed remoteToken, address deployer);
    }

    /// An OptimismMintableERC20 on L2: its L1 token and the bridge that may mint it.
    interface OptimismMintableERC20 {
        function remoteToken() view returns (address);
        function bridge() view returns (address);
    }

    /// L1CrossDomainMessenger: a message to a contract on the L2 (the standard bridge's
    /// deposits go through it too).
    interface L1CrossDomainMessenger {
        function sendMessage(address target, bytes message, uint32 minGasLimit) payable;
        function successfulMessages(bytes32 msgHash) view returns (bool);
        function failedMessages(bytes32 msgHash) view returns (bool);
    }

    /// DisputeGameFactory: the games output roots are claimed in.
    interface DisputeGameFactory {
        function gameCount() view returns (uint256);
        function gameAtIndex(uint256 index) view returns (uint32 gameType, uint64 timestamp, address proxy);
        function initBonds(uint32 gameType) view returns (uint256);
        /// The implementation new games of `gameType` are cloned from (its clocks are immutables).
        function gameImpls(uint32 gameType) view returns (address);
        function games(uint32 gameType, bytes32 rootClaim, bytes extraData) view returns (address proxy, uint64 timestamp);
        function create(uint32 gameType, bytes32 rootClaim, bytes extraData) payable returns (address proxy);
    }

    /// A FaultDisputeGame clone.
    interface FaultDisputeGame {
        /// `GameStatus`: 0 in progress, 1 challenger wins, 2 defender wins.
        function status() view returns (uint8);
        function gameType() view returns (uint32);
        function l2BlockNumber() view returns (uint256);
        function rootClaim() view returns (bytes32);
        function createdAt() view returns (uint64);
        function resolvedAt() view returns (uint64);
        function maxClockDuration() view returns (uint64);
        function resolveClaim(uint256 claimIndex, uint256 numToResolve);
        function resolve() returns (uint8);
    }
}
