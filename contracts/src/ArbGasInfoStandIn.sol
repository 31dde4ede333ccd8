// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title ArbGasInfoStandIn — devnet stand-in for Arbitrum Nitro's ArbGasInfo precompile.
/// @notice Installed with anvil_setCode at 0x...006C on the devnet's Arbitrum-kind chain,
///         because anvil cannot run Nitro's precompiles. Implements the two functions fee
///         estimation reads. The L1 base fee estimate is kept in step with the devnet L1 by
///         the devnet's actors (anyone may set it: devnet only). NOT the real precompile.
contract ArbGasInfoStandIn {
    /// @dev Nitro prices this many L1 bytes of fixed overhead per transaction.
    uint256 internal constant TX_FIXED_BYTES = 140;
    /// @dev Arbitrum One's minimum L2 base fee (0.01 gwei), used when block.basefee is 0
    ///      (eth_call without a gas price).
    uint256 internal constant MIN_L2_BASE_FEE = 0.01 gwei;

    uint256 private _l1BaseFeeEstimate;

    /// @notice Devnet only: sets the L1 base fee estimate (wei per L1 gas).
    function setL1BaseFeeEstimate(uint256 estimate) external {
        _l1BaseFeeEstimate = estimate;
    }

    /// @notice ArbOS's current estimate of the L1 base fee, wei per L1 gas.
    function getL1BaseFeeEstimate() external view returns (uint256) {
        return _l1BaseFeeEstimate;
    }

    /// @notice Prices in wei, in Nitro's order: per L2 tx, per L1 calldata byte, per storage
    ///         allocation, per ArbGas base, per ArbGas congestion, per ArbGas total.
    function getPricesInWei() external view returns (uint256, uint256, uint256, uint256, uint256, uint256) {
        uint256 perL1Byte = 16 * _l1BaseFeeEstimate;
        uint256 l2BaseFee = l2BaseFeeOrMinimum();
        return (perL1Byte * TX_FIXED_BYTES, perL1Byte, 20000 * l2BaseFee, l2BaseFee, 0, l2BaseFee);
    }

    /// @notice The L2 base fee, or Arbitrum One's minimum when the context has none.
    function l2BaseFeeOrMinimum() public view returns (uint256) {
        return block.basefee > MIN_L2_BASE_FEE ? block.basefee : MIN_L2_BASE_FEE;
    }
}
