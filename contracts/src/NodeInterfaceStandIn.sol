// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface IArbSysStandIn {
    function sends(uint256 index) external view returns (bytes32);
    function rootOf(uint256 size) external view returns (bytes32);
    function proofOf(uint256 size, uint256 index) external view returns (bytes32[] memory);
}

interface IArbGasInfoStandIn {
    function getL1BaseFeeEstimate() external view returns (uint256);
    function l2BaseFeeOrMinimum() external view returns (uint256);
}

/// @title NodeInterfaceStandIn — devnet stand-in for Arbitrum Nitro's NodeInterface (0x...00C8).
/// @notice Nitro's NodeInterface is virtual (only eth_call on a Nitro node), so anvil cannot
///         have it; the devnet installs this at its address. Nitro's formulas
///         (l2-protocols reference §2.1–2.2): the L1 part of a transaction is
///         `L1C = L1P * L1S` with L1S the L1 gas of its posted bytes, and it is charged in L2
///         gas as `B = ceil(L1C / P)` at L2 base fee P.
///         Differences from Nitro, on purpose: L1S is computed from the *uncompressed* size
///         plus Nitro's 140-byte fixed overhead (16 L1 gas per byte) because brotli cannot run
///         in the EVM — an upper bound; and `gasEstimate` adds only intrinsic L2 gas, since
///         a contract cannot execute the call as the sender (wallets take execution gas from
///         eth_estimateGas). `constructOutboxProof` reads the ArbSys stand-in's send tree.
///         NOT the real NodeInterface.
contract NodeInterfaceStandIn {
    IArbGasInfoStandIn internal constant ARB_GAS_INFO = IArbGasInfoStandIn(address(0x6C));
    IArbSysStandIn internal constant ARB_SYS = IArbSysStandIn(address(0x64));
    uint256 internal constant TX_FIXED_BYTES = 140;

    /// @notice The L1 component of a transaction, in L2 gas, with the prices used.
    function gasEstimateL1Component(address, bool, bytes calldata data)
        public
        payable
        returns (uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate)
    {
        l1BaseFeeEstimate = ARB_GAS_INFO.getL1BaseFeeEstimate();
        baseFee = ARB_GAS_INFO.l2BaseFeeOrMinimum();
        uint256 l1Cost = (data.length + TX_FIXED_BYTES) * 16 * l1BaseFeeEstimate;
        gasEstimateForL1 = uint64((l1Cost + baseFee - 1) / baseFee);
    }

    /// @notice The total gas estimate (intrinsic L2 gas plus the L1 component) and its parts.
    function gasEstimateComponents(address to, bool contractCreation, bytes calldata data)
        external
        payable
        returns (uint64 gasEstimate, uint64 gasEstimateForL1, uint256 baseFee, uint256 l1BaseFeeEstimate)
    {
        (gasEstimateForL1, baseFee, l1BaseFeeEstimate) = gasEstimateL1Component(to, contractCreation, data);
        gasEstimate = uint64(intrinsicGas(contractCreation, data)) + gasEstimateForL1;
    }

    /// @notice The outbox proof of withdrawal `leaf` against the send root of the first
    ///         `size` messages, as Nitro's NodeInterface gives it (from the ArbSys stand-in's
    ///         tree): the leaf's send (item) hash, that root, and the siblings from the leaf up.
    function constructOutboxProof(uint64 size, uint64 leaf)
        external
        view
        returns (bytes32 send, bytes32 root, bytes32[] memory proof)
    {
        send = ARB_SYS.sends(leaf);
        root = ARB_SYS.rootOf(size);
        proof = ARB_SYS.proofOf(size, leaf);
    }

    /// @notice Intrinsic gas of a transaction: 21000, 32000 more for a creation, and 16 per
    ///         non-zero / 4 per zero calldata byte.
    function intrinsicGas(bool contractCreation, bytes calldata data) public pure returns (uint256 gas) {
        gas = contractCreation ? 53000 : 21000;
        for (uint256 i = 0; i < data.length; i++) {
            gas += data[i] == 0 ? 4 : 16;
        }
    }
}
