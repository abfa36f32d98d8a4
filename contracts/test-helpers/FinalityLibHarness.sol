// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {FinalityLib} from "../libraries/FinalityLib.sol";

/// @notice A batch chain reduced to what {FinalityLib} reads: submission times, window changes and reviews, with the
///         same calls BatchChain makes (a window change applies from the next batch; a rollback drops the reviews of
///         the batches it removes).
contract FinalityLibHarness {
    FinalityLib.History private _history;
    uint256[] private _submittedAt;

    constructor(uint256 window) {
        FinalityLib.setWindow(_history, 0, window);
        _submittedAt.push(0);
    }

    function submit(uint256 at) external {
        _submittedAt.push(at);
    }

    function setWindow(uint256 window) external returns (uint256) {
        return FinalityLib.setWindow(_history, _submittedAt.length, window);
    }

    function addReview(uint256 batchIndex, uint256 until) external {
        FinalityLib.addReview(_history, batchIndex, until);
    }

    function rollback(uint256 fromIndex) external {
        while (_submittedAt.length > fromIndex) _submittedAt.pop();
        FinalityLib.dropReviewsFrom(_history, fromIndex);
    }

    function batchCount() external view returns (uint256) {
        return _submittedAt.length;
    }

    function windows() external view returns (FinalityLib.WindowChange[] memory) {
        return _history.windows;
    }

    /// @notice The review stack, bottom first (the live positions only).
    function reviews() external view returns (FinalityLib.Review[] memory list) {
        list = new FinalityLib.Review[](_history.reviewCount);
        for (uint256 i; i < list.length; ++i) list[i] = _history.reviews[i];
    }

    function lastReviewUntil() external view returns (uint256) {
        return FinalityLib.lastReviewUntil(_history);
    }

    function windowOf(uint256 batchIndex) external view returns (uint256) {
        return FinalityLib.windowOf(_history, batchIndex);
    }

    /// @notice The deadline of every batch but 0, in order.
    function deadlines() external view returns (uint256[] memory list) {
        list = new uint256[](_submittedAt.length - 1);
        for (uint256 i = 1; i < _submittedAt.length; ++i) {
            list[i - 1] = FinalityLib.deadline(_history, i, _submittedAt[i], _submittedAt.length, _submittedAtOf);
        }
    }

    function _submittedAtOf(uint256 batchIndex) private view returns (uint256) {
        return _submittedAt[batchIndex];
    }
}
