// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

import {IBatchChain} from "../interfaces/IBatchChain.sol";
import {Constants} from "../libraries/Constants.sol";

/// @title MetisTimelock
/// @notice The protocol's owner: it holds every admin, governor, slasher and treasury role of every contract, and runs
///         what the {MetisGovernor} passed, no sooner than its delay after the vote. The delay is at least
///         {Constants-MIN_TIMELOCK_DELAY} (14 days) at deployment and forever after: the longest withdrawal (the
///         fraud window, at most {Constants-MAX_FRAUD_WINDOW}) plus the 7-day exit window
///         ({Constants-EXIT_WINDOW}), so a user who disagrees with a queued change can start a withdrawal then and have
///         it final a week before the change takes effect (L2BEAT's Stage 1): no vote can shorten it.
/// @dev An OpenZeppelin TimelockController with the Governor as its only proposer and canceller, execution open to
///      anyone (address(0)) and no admin: its roles can change only through its own operations, that is by proposal.
///
///      The delay runs on BatchChain's ACTIVE time ({IBatchChain-activeTime}), the clock that stops during a guardian
///      pause or a maintenance window and on which finality runs. On the wall clock, a pause during the delay would
///      hold a user's withdrawal back (finality and payouts stop) while the queued change kept ripening, eating the
///      exit window; on active time a pause moves the operation's ready time exactly as it moves the withdrawal's
///      finality, so the window between them never shrinks. Each operation's ready time is recorded in active time
///      at scheduling (active time now plus the delay asked for); {getOperationState}, and so `isOperationReady`,
///      `isOperationPending` and the Governor's proposal state, read it against the active time now; {execute} and
///      {executeBatch} refuse a waiting operation with {MetisTimelockNotReady}; {getTimestamp} returns the ready
///      time's wall-clock estimate ({IBatchChain-wallTimeAt}), exact unless a further pause comes before it.
///
///      Interplay: a governance decision of an execution dispute (`DisputeManager.decideDispute`) must arrive within
///      the verifier registry's escalation period (active time too), so the escalation period has to hold the
///      Governor's voting delay and voting period plus this delay (19 days at the defaults, against 21 days of
///      escalation; {Constants-MIN_ESCALATION_PERIOD} is 19 days).
contract MetisTimelock is TimelockController {
    /// @notice The BatchChain whose active time the delay runs on.
    IBatchChain private immutable _batchChain;

    /// @notice Each scheduled operation's ready time, in BatchChain's active time (0: never scheduled, or cancelled).
    mapping(bytes32 id => uint256 activeTime) private _readyAt;

    /// @notice Governance changed the delay ({getMinDelay}); OpenZeppelin's {MinDelayChange} is emitted too.
    /// @param oldValue The previous delay, in seconds.
    /// @param newValue The new delay, in seconds.
    event TimelockDelayUpdated(uint256 oldValue, uint256 newValue);

    /// @notice A delay outside [`min`, `max`] seconds.
    /// @param value The delay asked for, in seconds.
    /// @param min The shortest delay allowed ({Constants-MIN_TIMELOCK_DELAY}).
    /// @param max The longest delay allowed ({Constants-MAX_TIMELOCK_DELAY}).
    error MetisTimelockDelayOutOfRange(uint256 value, uint256 min, uint256 max);

    /// @notice Operation `id` is scheduled but its delay has not run out in active time.
    /// @param id The operation.
    /// @param readyAt The active time (seconds) from which it may execute.
    /// @param activeNow BatchChain's active time now (seconds), below `readyAt`.
    /// @param wallEstimate The wall time (Unix seconds) at which active time reaches `readyAt`, given the known
    ///        pauses and maintenance windows.
    error MetisTimelockNotReady(bytes32 id, uint256 readyAt, uint256 activeNow, uint256 wallEstimate);

    /// @notice The BatchChain given is the zero address.
    error MetisTimelockZeroBatchChain();

    /// @notice Deploys the timelock with `governor` as its only proposer and canceller, open execution and no admin.
    /// @param minDelay The delay, in seconds of active time: {Constants-MIN_TIMELOCK_DELAY} to
    ///        {Constants-MAX_TIMELOCK_DELAY}.
    /// @param governor The {MetisGovernor} (its address may be predicted: it is deployed next).
    /// @param batchChain_ The BatchChain whose active time the delay runs on (its address may be predicted: it is
    ///        deployed later; the deployment checks it).
    constructor(
        uint256 minDelay,
        address governor,
        IBatchChain batchChain_
    ) TimelockController(minDelay, _single(governor), _single(address(0)), address(0)) {
        _checkDelay(minDelay);
        if (address(batchChain_) == address(0)) revert MetisTimelockZeroBatchChain();
        _batchChain = batchChain_;
    }

    /// @notice Schedules a single-call operation: ready once `delay` seconds of BatchChain's active time have passed.
    ///         Only the proposer (the Governor).
    /// @param target The contract called.
    /// @param value Wei sent with the call.
    /// @param data The calldata.
    /// @param predecessor An operation that must be done first (zero: none).
    /// @param salt Distinguishes otherwise equal operations.
    /// @param delay Seconds of active time; at least {getMinDelay}.
    function schedule(
        address target,
        uint256 value,
        bytes calldata data,
        bytes32 predecessor,
        bytes32 salt,
        uint256 delay
    ) public override {
        super.schedule(target, value, data, predecessor, salt, delay);
        _readyAt[hashOperation(target, value, data, predecessor, salt)] = _batchChain.activeTime() + delay;
    }

    /// @notice Schedules a batch operation (the Governor's queue): ready once `delay` seconds of BatchChain's active
    ///         time have passed. Only the proposer (the Governor).
    /// @param targets The contracts called, in order.
    /// @param values Wei sent with each call.
    /// @param payloads Each call's calldata.
    /// @param predecessor An operation that must be done first (zero: none).
    /// @param salt Distinguishes otherwise equal operations.
    /// @param delay Seconds of active time; at least {getMinDelay}.
    function scheduleBatch(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata payloads,
        bytes32 predecessor,
        bytes32 salt,
        uint256 delay
    ) public override {
        super.scheduleBatch(targets, values, payloads, predecessor, salt, delay);
        _readyAt[hashOperationBatch(targets, values, payloads, predecessor, salt)] = _batchChain.activeTime() + delay;
    }

    /// @notice Cancels a pending operation. Only the canceller (the Governor).
    /// @param id The operation.
    function cancel(bytes32 id) public override {
        super.cancel(id);
        delete _readyAt[id];
    }

    /// @notice Executes a ready single-call operation (anyone may); a waiting one reverts with
    ///         {MetisTimelockNotReady}.
    /// @param target The contract called.
    /// @param value Wei sent with the call.
    /// @param payload The calldata.
    /// @param predecessor An operation that must be done first (zero: none).
    /// @param salt The salt it was scheduled with.
    function execute(
        address target,
        uint256 value,
        bytes calldata payload,
        bytes32 predecessor,
        bytes32 salt
    ) public payable override {
        _checkReady(hashOperation(target, value, payload, predecessor, salt));
        super.execute(target, value, payload, predecessor, salt);
    }

    /// @notice Executes a ready batch operation (anyone may; the Governor's execute); a waiting one reverts with
    ///         {MetisTimelockNotReady}.
    /// @param targets The contracts called, in order.
    /// @param values Wei sent with each call.
    /// @param payloads Each call's calldata.
    /// @param predecessor An operation that must be done first (zero: none).
    /// @param salt The salt it was scheduled with.
    function executeBatch(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata payloads,
        bytes32 predecessor,
        bytes32 salt
    ) public payable override {
        _checkReady(hashOperationBatch(targets, values, payloads, predecessor, salt));
        super.executeBatch(targets, values, payloads, predecessor, salt);
    }

    /// @notice Sets the delay; callable only by the timelock itself (an operation passed by proposal). Bounds:
    ///         {Constants-MIN_TIMELOCK_DELAY} to {Constants-MAX_TIMELOCK_DELAY}. Emits {TimelockDelayUpdated} and
    ///         {MinDelayChange}.
    /// @param newDelay The delay, in seconds of active time; it applies to operations scheduled from now on.
    function updateDelay(uint256 newDelay) public override {
        if (msg.sender != address(this)) revert TimelockUnauthorizedCaller(msg.sender);
        _checkDelay(newDelay);
        emit TimelockDelayUpdated(getMinDelay(), newDelay);
        super.updateDelay(newDelay);
    }

    /// @notice An operation's state, with Waiting and Ready decided in BatchChain's active time: Ready once the active
    ///         time has reached the ready time recorded at scheduling. `isOperationReady`, `isOperationPending` and
    ///         the Governor's proposal state follow it.
    /// @param id The operation.
    /// @return Unset, Waiting, Ready or Done.
    function getOperationState(bytes32 id) public view override returns (OperationState) {
        uint256 timestamp = super.getTimestamp(id);
        if (timestamp == 0) return OperationState.Unset;
        if (timestamp == DONE_TIMESTAMP) return OperationState.Done;
        return _readyAt[id] > _batchChain.activeTime() ? OperationState.Waiting : OperationState.Ready;
    }

    /// @notice When an operation becomes ready, in wall time: the wall-clock image of its active ready time
    ///         ({operationReadyAt}), exact unless a further pause comes before it; 0 for an unset operation, 1 for a
    ///         done one (OpenZeppelin's convention).
    /// @param id The operation.
    /// @return Unix time, seconds (or 0 / 1 as above).
    function getTimestamp(bytes32 id) public view override returns (uint256) {
        uint256 timestamp = super.getTimestamp(id);
        if (timestamp <= DONE_TIMESTAMP) return timestamp;
        return _batchChain.wallTimeAt(_readyAt[id]);
    }

    /// @notice When an operation becomes ready: in active time (what {execute} checks) and its wall-clock estimate.
    /// @param id The operation.
    /// @return activeReadyAt The active time (seconds) from which it may execute; 0 if it is not scheduled (never, or
    ///         cancelled). Kept once done.
    /// @return wallEstimate {IBatchChain-wallTimeAt} of `activeReadyAt` (Unix seconds): exact unless a further pause
    ///         or maintenance window comes before it; 0 if not scheduled.
    function operationReadyAt(bytes32 id) external view returns (uint256 activeReadyAt, uint256 wallEstimate) {
        activeReadyAt = _readyAt[id];
        if (activeReadyAt != 0) wallEstimate = _batchChain.wallTimeAt(activeReadyAt);
    }

    /// @notice The BatchChain whose active time the delay runs on.
    /// @return The BatchChain's address.
    function batchChain() external view returns (IBatchChain) {
        return _batchChain;
    }

    /// @dev Reverts with {MetisTimelockNotReady} when `id` is scheduled but still waiting; other states are left to
    ///      OpenZeppelin's checks (unset or done: `TimelockUnexpectedOperationState`).
    function _checkReady(bytes32 id) private view {
        if (getOperationState(id) != OperationState.Waiting) return;
        uint256 readyAt = _readyAt[id];
        revert MetisTimelockNotReady(id, readyAt, _batchChain.activeTime(), _batchChain.wallTimeAt(readyAt));
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
