// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title ArbSysStandIn — devnet stand-in for Arbitrum Nitro's ArbSys precompile (0x...0064).
/// @notice anvil cannot run ArbOS, so the devnet installs this at ArbSys's address. What it
///         keeps from Nitro: `sendTxToL1` / `withdrawEth` emit the real `L2ToL1Tx` event
///         whose `hash` is the outbox item hash
///         `keccak256(abi.encodePacked(caller, destination, arbBlockNum, ethBlockNum,
///         timestamp, callvalue, data))` and whose `position` is the leaf's index in the
///         send Merkle tree; the tree is ArbOS's accumulator (leaf = keccak256(item),
///         parent = keccak256(left, right), an empty subtree is the zero word at any height),
///         so `sendMerkleTreeState().root` is what the rollup confirms to the Outbox.
///         Differences, on purpose: the ETH sent is held by this contract instead of burned;
///         `ethBlockNum` is the devnet L1 block the actors last relayed (`setL1BlockNumber`,
///         devnet only); `sendMerkleTreeState` returns no partials; `SendMerkleUpdate` is not
///         emitted. NOT the real ArbSys.
contract ArbSysStandIn {
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

    /// @notice Every message's item hash (`L2ToL1Tx.hash`), in order; leaf i is keccak256(sends[i]).
    bytes32[] public sends;
    /// @notice The devnet L1's block number as last relayed.
    uint256 public l1BlockNumber;

    /// @notice The child chain's block number.
    function arbBlockNumber() external view returns (uint256) {
        return block.number;
    }

    /// @notice The child chain's id.
    function arbChainID() external view returns (uint256) {
        return block.chainid;
    }

    /// @notice Sends ETH to `destination` on L1 (claimable from the Outbox once confirmed).
    function withdrawEth(address destination) external payable returns (uint256) {
        return sendTxToL1(destination, "");
    }

    /// @notice Sends a message (with the ETH attached) to `destination` on L1.
    function sendTxToL1(address destination, bytes memory data) public payable returns (uint256 position) {
        bytes32 item = keccak256(
            abi.encodePacked(msg.sender, destination, block.number, l1BlockNumber, block.timestamp, msg.value, data)
        );
        position = sends.length;
        sends.push(item);
        emit L2ToL1Tx(
            msg.sender, destination, uint256(item), position, block.number, l1BlockNumber, block.timestamp, msg.value, data
        );
    }

    /// @notice The tree's size and root (partials are not kept by the stand-in).
    function sendMerkleTreeState() external view returns (uint256 size, bytes32 root, bytes32[] memory partials) {
        size = sends.length;
        root = rootOf(size);
        partials = new bytes32[](0);
    }

    /// @notice The root of the tree of the first `size` leaves.
    function rootOf(uint256 size) public view returns (bytes32) {
        if (size == 0) return bytes32(0);
        bytes32[] memory level = new bytes32[](size);
        for (uint256 i = 0; i < size; i++) level[i] = keccak256(abi.encodePacked(sends[i]));
        uint256 n = size;
        while (n > 1) {
            n = _up(level, n);
        }
        return level[0];
    }

    /// @notice The proof of leaf `index` in the tree of the first `size` leaves: the
    ///         siblings from the leaf up.
    function proofOf(uint256 size, uint256 index) external view returns (bytes32[] memory proof) {
        require(index < size && size <= sends.length, "ArbSysStandIn: no such leaf");
        bytes32[] memory level = new bytes32[](size);
        for (uint256 i = 0; i < size; i++) level[i] = keccak256(abi.encodePacked(sends[i]));
        uint256 depth = 0;
        for (uint256 n = size; n > 1; n = (n + 1) / 2) depth++;
        proof = new bytes32[](depth);
        uint256 at = index;
        uint256 width = size;
        for (uint256 h = 0; h < depth; h++) {
            uint256 sibling = at ^ 1;
            proof[h] = sibling < width ? level[sibling] : bytes32(0);
            width = _up(level, width);
            at /= 2;
        }
    }

    /// @notice Devnet only: the L1 block number `ethBlockNum` reports.
    function setL1BlockNumber(uint256 number) external {
        l1BlockNumber = number;
    }

    /// Replaces the first `n` nodes of `level` with their parents; returns how many.
    function _up(bytes32[] memory level, uint256 n) private pure returns (uint256) {
        uint256 parents = (n + 1) / 2;
        for (uint256 i = 0; i < parents; i++) {
            bytes32 left = level[2 * i];
            bytes32 right = 2 * i + 1 < n ? level[2 * i + 1] : bytes32(0);
            level[i] = (left == bytes32(0) && right == bytes32(0)) ? bytes32(0) : keccak256(abi.encodePacked(left, right));
        }
        return parents;
    }
}
