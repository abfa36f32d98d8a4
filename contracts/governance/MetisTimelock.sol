// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

import {Constants} from "../libraries/Constants.sol";

/// @title MetisTimelock
/// @notice The protocol's owner: it holds every admin, governor, slasher and treasury role of every contract, and runs
///         what the {MetisGovernor} passed, no sooner than its delay after the vote. The delay is at least
///         {Constants-MIN_TIMELOCK_DELAY} (7 days) at deployment and forever after, so a user who disagrees with a
///         passed change can withdraw before it takes effect (L2BEAT's Stage 1 exit window): no vote can shorten it.
/// @dev An OpenZeppelin TimelockController with the Governor as its only proposer and canceller, execution open to
///      anyone (address(0)) and no admin: its roles can change only through its own operations, that is by proposal.
///      Interplay: a governance decision of an execution dispute (`DisputeManager.decideDispute`) must arrive within
///      the verifier registry's escalation period, so the escalation period has to hold the Governor's voting delay
///      and voting period plus this delay (12 days at the defaults, against 14 days of escalation).
contract MetisTimelock is TimelockController {
    /// @notice Governance changed the delay ({getMinDelay}); OpenZeppelin's {MinDelayChange} is emitted too.
    /// @param oldValue The previous delay, in seconds.
    /// @param newValue The new delay, in seconds.
    event TimelockDelayUpdated(uint256 oldValue, uint256 newValue);

    /// @notice A delay outside [`min`, `max`] seconds.
    /// @param value The delay asked for, in seconds.
    /// @param min The shortest delay allowed ({Constants-MIN_TIMELOCK_DELAY}).
    /// @param max The longest delay allowed ({Constants-MAX_TIMELOCK_DELAY}).
    error MetisTimelockDelayOutOfRange(uint256 value, uint256 min, uint256 max);

    /// @notice Deploys the timelock with `governor` as its only proposer and canceller, open execution and no admin.
    /// @param minDelay The delay, in seconds: {Constants-MIN_TIMELOCK_DELAY} to {Constants-MAX_TIMELOCK_DELAY}.
    /// @param governor The {MetisGovernor} (its address may be predicted: it is deployed next).
    constructor(
        uint256 minDelay,
        address governor
    ) TimelockController(minDelay, _single(governor), _single(address(0)), address(0)) {
        _checkDelay(minDelay);
    }

    /// @notice Sets the delay; callable only by the timelock itself (an operation passed by proposal). Bounds:
    ///         {Constants-MIN_TIMELOCK_DELAY} to {Constants-MAX_TIMELOCK_DELAY}. Emits {TimelockDelayUpdated} and
    ///         {MinDelayChange}.
    /// @param newDelay The delay, in seconds; it applies to operations scheduled from now on.
    function updateDelay(uint256 newDelay) public override {
        if (msg.sender != address(this)) revert TimelockUnauthorizedCaller(msg.sender);
        _checkDelay(newDelay);
        emit TimelockDelayUpdated(getMinDelay(), newDelay);
        super.updateDelay(newDelay);
    }

    function _checkDelay(uint256 value) private pure {
        if (value < Constants.MIN_TIMELOCK_DELAY || value > Constants.MAX_TIMELOCK_DELAY) {
            revert MetisTimelockDelayOutOfRange(value, Constants.MIN_TIMELOCK_DELAY, Constants.MAX_TIMELOCK_DELAY);
        }
    }

    function _single(address account) private pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = account;
    }
}
