// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title DevnetPriceFeed — a Chainlink AggregatorV3Interface with a settable answer.
/// @notice The devnet's ETH/USD feed, so the wallet computes fiat values offline the same
///         way it does from Chainlink on mainnet. Anyone may set the price: devnet only.
contract DevnetPriceFeed {
    uint8 public immutable decimals;
    string public description;
    uint256 public constant version = 4;

    uint80 private _round;
    int256 private _answer;
    uint256 private _updatedAt;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    constructor(uint8 decimals_, string memory description_, int256 answer) {
        decimals = decimals_;
        description = description_;
        setAnswer(answer);
    }

    /// @notice Sets a new answer as a new round.
    function setAnswer(int256 answer) public {
        _round += 1;
        _answer = answer;
        _updatedAt = block.timestamp;
        emit AnswerUpdated(answer, _round, block.timestamp);
    }

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return (_round, _answer, _updatedAt, _updatedAt, _round);
    }

    function latestAnswer() external view returns (int256) {
        return _answer;
    }
}
