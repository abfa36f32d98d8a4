// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PauseLib} from "../libraries/PauseLib.sol";

/// @notice Test-only: one {PauseLib} clock, its changes taking "now" as an argument so that tests can place intervals
///         anywhere in time, and every read.
contract PauseLibHarness {
    PauseLib.Clock private _clock;

    function pause(uint256 now_, uint256 duration) external returns (uint256 until) {
        (until, ) = PauseLib.pause(_clock, now_, duration);
    }

    function unpause(uint256 now_) external returns (bool maintenance) {
        (maintenance, ) = PauseLib.unpause(_clock, now_);
    }

    /// @notice Schedules with no gap required (windows may touch), to place intervals freely.
    function schedule(uint256 now_, uint256 start, uint256 end, uint256 maxUpcoming) external {
        PauseLib.schedule(_clock, now_, start, end, maxUpcoming, 0);
    }

    function scheduleWithGap(uint256 now_, uint256 start, uint256 end, uint256 maxUpcoming, uint256 gap) external {
        PauseLib.schedule(_clock, now_, start, end, maxUpcoming, gap);
    }

    function cancel(uint256 now_, uint256 start) external returns (uint256 end) {
        (end, ) = PauseLib.cancel(_clock, now_, start);
    }

    function activeTimeAt(uint256 t) external view returns (uint256) {
        return PauseLib.activeTimeAt(_clock, t);
    }

    function wallTimeAt(uint256 a) external view returns (uint256) {
        return PauseLib.wallTimeAt(_clock, a);
    }

    function pausedAt(uint256 t) external view returns (bool) {
        return PauseLib.pausedAt(_clock, t);
    }

    function pausedUntil(uint256 t) external view returns (uint256) {
        return PauseLib.pausedUntil(_clock, t);
    }

    function latestEnd() external view returns (uint256) {
        return PauseLib.latestEnd(_clock);
    }

    function status(uint256 t) external view returns (bool paused, uint256 until, bool maintenance) {
        return PauseLib.status(_clock, t);
    }

    function windows(uint256 t) external view returns (uint256[] memory starts, uint256[] memory ends) {
        return PauseLib.windows(_clock, t);
    }

    function submission(
        uint256 now_,
        uint256 since
    ) external view returns (uint256 until, uint256 pausedSince, bool later) {
        return PauseLib.submission(_clock, now_, since);
    }

    function intervals() external view returns (PauseLib.Interval[] memory) {
        return _clock.intervals;
    }
}
