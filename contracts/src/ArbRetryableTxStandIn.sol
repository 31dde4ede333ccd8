// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title RetryableSender — code the devnet puts at the aliased address of an L1 sender, so
///        that a redeemed ticket calls its target *from* that alias, as ArbOS does.
/// @notice Only ArbRetryableTx (0x...006E) may make it call.
contract RetryableSender {
    function forward(address to, bytes calldata data) external payable {
        require(msg.sender == address(0x6E), "RetryableSender: only ArbRetryableTx");
        (bool ok, bytes memory out) = to.call{value: msg.value}(data);
        if (!ok) {
            assembly {
                revert(add(out, 32), mload(out))
            }
        }
    }
}

/// @title ForcedCredit — sends its value to `to` without running `to`'s code, as ArbOS
///        credits a deposit (a contract with no `receive` is credited too).
contract ForcedCredit {
    constructor(address payable to) payable {
        selfdestruct(to);
    }
}

/// @title ArbRetryableTxStandIn — devnet stand-in for Nitro's ArbRetryableTx (0x...006E).
/// @notice Tickets are created by the devnet's delivery actor (`deliverRetryable`, devnet
///         only) with the id ArbOS would give them, holding the call value. `redeem` runs
///         the ticket's call from the sender's alias (through the RetryableSender code
///         there) and deletes the ticket; a call that fails leaves it redeemable until
///         its timeout. `keepalive` adds a lifetime; `cancel` (beneficiary only) refunds
///         the call value. ETH deposits are credited through `deliverEthDeposit` (devnet
///         only), which logs them with their deposit id.
///         Differences from Nitro, on purpose: no transaction has the ticket's or the
///         deposit's id as its hash (anvil cannot make ArbOS's 0x64/0x69 transactions), so
///         `TicketCreated` / `DepositDelivered` logs name them; `redeem` returns
///         `keccak256(ticketId, redeem count)` instead of a retry transaction's hash;
///         expired tickets are refused, not swept; `keepalive` is not capped at
///         now + lifetime. NOT the real ArbRetryableTx.
contract ArbRetryableTxStandIn {
    struct Ticket {
        address from;
        address to;
        uint256 callValue;
        address beneficiary;
        uint256 timeout;
        bytes data;
    }

    /// @notice Nitro's default ticket lifetime: 7 days.
    uint256 public constant LIFETIME = 7 days;
    /// @notice The delivery actor ("SwitchyardArbDeliver"), the only caller of the devnet entry points.
    address public constant DELIVERER = 0x5377697463687961726441726244656C69766572;

    mapping(bytes32 => Ticket) internal tickets;
    uint256 public redeemCount;

    error NoTicketWithID();
    error NotCallable();

    event TicketCreated(bytes32 indexed ticketId);
    event RedeemScheduled(
        bytes32 indexed ticketId,
        bytes32 indexed retryTxHash,
        uint64 indexed sequenceNum,
        uint64 donatedGas,
        address gasDonor,
        uint256 maxRefund,
        uint256 submissionFeeRefund
    );
    event LifetimeExtended(bytes32 indexed ticketId, uint256 newTimeout);
    event Canceled(bytes32 indexed ticketId);
    event DepositDelivered(uint256 indexed messageNum, bytes32 indexed depositTxId, address to, uint256 value);

    /// @notice Devnet only: credits an ETH deposit (its value, sent along) to `to`, without
    ///         running `to`'s code.
    function deliverEthDeposit(uint256 messageNum, bytes32 depositTxId, address to) external payable {
        require(msg.sender == DELIVERER, "ArbRetryableTxStandIn: deliverer only");
        new ForcedCredit{value: msg.value}(payable(to));
        emit DepositDelivered(messageNum, depositTxId, to, msg.value);
    }

    /// @notice Devnet only: creates ticket `ticketId` holding `callValue`, and credits the
    ///         rest of the value sent along (what the ticket deposited beyond it) to
    ///         `feeRefund`, in one step.
    function deliverRetryable(
        bytes32 ticketId,
        address from,
        address to,
        uint256 callValue,
        address beneficiary,
        address feeRefund,
        bytes calldata data
    ) external payable {
        require(msg.sender == DELIVERER, "ArbRetryableTxStandIn: deliverer only");
        require(tickets[ticketId].timeout == 0, "ArbRetryableTxStandIn: ticket exists");
        require(msg.value >= callValue, "ArbRetryableTxStandIn: less than the call value");
        tickets[ticketId] = Ticket(from, to, callValue, beneficiary, block.timestamp + LIFETIME, data);
        if (msg.value > callValue) new ForcedCredit{value: msg.value - callValue}(payable(feeRefund));
        emit TicketCreated(ticketId);
    }

    /// @notice Runs the ticket's call from its sender's alias and deletes it; reverts (and
    ///         keeps it) when the call fails.
    function redeem(bytes32 ticketId) external returns (bytes32 retryTxHash) {
        Ticket memory ticket = _live(ticketId);
        delete tickets[ticketId];
        redeemCount += 1;
        retryTxHash = keccak256(abi.encodePacked(ticketId, redeemCount));
        emit RedeemScheduled(ticketId, retryTxHash, uint64(redeemCount), uint64(gasleft()), msg.sender, 0, 0);
        RetryableSender(ticket.from).forward{value: ticket.callValue}(ticket.to, ticket.data);
    }

    /// @notice How long a new ticket lives.
    function getLifetime() external pure returns (uint256) {
        return LIFETIME;
    }

    /// @notice When a live ticket expires; reverts NoTicketWithID for none.
    function getTimeout(bytes32 ticketId) external view returns (uint256) {
        return _live(ticketId).timeout;
    }

    /// @notice Who a live ticket refunds its call value to.
    function getBeneficiary(bytes32 ticketId) external view returns (address) {
        return _live(ticketId).beneficiary;
    }

    /// @notice Extends a live ticket by a lifetime; returns its new timeout.
    function keepalive(bytes32 ticketId) external returns (uint256) {
        _live(ticketId);
        tickets[ticketId].timeout += LIFETIME;
        emit LifetimeExtended(ticketId, tickets[ticketId].timeout);
        return tickets[ticketId].timeout;
    }

    /// @notice The beneficiary cancels a live ticket and gets its call value back.
    function cancel(bytes32 ticketId) external {
        Ticket memory ticket = _live(ticketId);
        if (msg.sender != ticket.beneficiary) revert NotCallable();
        delete tickets[ticketId];
        emit Canceled(ticketId);
        (bool ok,) = ticket.beneficiary.call{value: ticket.callValue}("");
        require(ok, "ArbRetryableTxStandIn: refund failed");
    }

    function _live(bytes32 ticketId) private view returns (Ticket memory ticket) {
        ticket = tickets[ticketId];
        if (ticket.timeout == 0 || ticket.timeout < block.timestamp) revert NoTicketWithID();
    }
}
