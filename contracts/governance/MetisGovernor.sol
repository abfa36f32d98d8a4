// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
// solhint-disable-next-line max-line-length
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

import {Constants} from "../libraries/Constants.sol";

/// @title MetisGovernor
/// @notice Token holders' governance of the protocol: proposals voted with the protocol token's delegated votes (on
///         its timestamp clock, so delays and periods are seconds), simple for/against/abstain counting, a quorum
///         in percent of the supply, and execution through the {MetisTimelock}, which owns every role.
/// @dev Its own settings are parameters like any other: bounded by Constants (so no vote can make a 1-second vote, a
///      0% quorum or a zero proposal threshold) and emitting `<Parameter>Updated(old, new)` besides OpenZeppelin's
///      events (the quorum's `QuorumNumeratorUpdated` is OpenZeppelin's own). The bounds are checked in the internal
///      setters, so the constructor's values are checked too. Interplay: a governance decision of an execution dispute
///      must land within the verifier registry's escalation period, which therefore has to hold the voting delay, the
///      voting period and the timelock delay (1 + 4 + 14 = 19 days at the defaults, against 21 days of escalation):
///      lengthen the escalation period before lengthening any of these. The timelock's delay runs on BatchChain's
///      active time, so a pause moves a queued proposal's eta: {proposalEta} reads the timelock's live estimate.
contract MetisGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl
{
    /// @notice Governance changed {votingDelay}.
    /// @param oldValue The previous delay, in seconds.
    /// @param newValue The new delay, in seconds.
    event VotingDelayUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed {votingPeriod}.
    /// @param oldValue The previous period, in seconds.
    /// @param newValue The new period, in seconds.
    event VotingPeriodUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed {proposalThreshold}.
    /// @param oldValue The previous threshold, in token wei of votes.
    /// @param newValue The new threshold, in token wei of votes.
    event ProposalThresholdUpdated(uint256 oldValue, uint256 newValue);

    /// @notice The timelock operation each queued proposal scheduled, for {proposalEta}.
    mapping(uint256 proposalId => bytes32 operationId) private _operations;

    /// @notice A setting outside [`min`, `max`].
    /// @param value The value asked for.
    /// @param min The least value allowed.
    /// @param max The most value allowed.
    error MetisGovernorParameterOutOfRange(uint256 value, uint256 min, uint256 max);

    /// @notice Deploys the Governor over `token`'s votes, executing through `timelock`, with the given settings.
    /// @param token The protocol token (ERC20Votes on the timestamp clock).
    /// @param timelock The {MetisTimelock}, whose only proposer this Governor is.
    /// @param initialVotingDelay Seconds from a proposal to its vote's start ({Constants-MIN_VOTING_DELAY} to
    ///        {Constants-MAX_VOTING_DELAY}).
    /// @param initialVotingPeriod Seconds a vote lasts ({Constants-MIN_VOTING_PERIOD} to
    ///        {Constants-MAX_VOTING_PERIOD}).
    /// @param initialProposalThreshold Votes a proposer needs, in token wei ({Constants-MIN_PROPOSAL_THRESHOLD} to
    ///        {Constants-MAX_PROPOSAL_THRESHOLD}).
    /// @param initialQuorumNumerator Quorum in percent of the supply ({Constants-MIN_QUORUM_NUMERATOR} to
    ///        {Constants-MAX_QUORUM_NUMERATOR}).
    constructor(
        IVotes token,
        TimelockController timelock,
        uint48 initialVotingDelay,
        uint32 initialVotingPeriod,
        uint256 initialProposalThreshold,
        uint256 initialQuorumNumerator
    )
        Governor("MetisGovernor")
        GovernorSettings(initialVotingDelay, initialVotingPeriod, initialProposalThreshold)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(initialQuorumNumerator)
        GovernorTimelockControl(timelock)
    {}

    /// @inheritdoc Governor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc Governor
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc Governor
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @notice When a queued proposal may execute: the timelock's wall-clock estimate of its operation's ready time,
    ///         which a guardian pause or a maintenance window moves (the delay runs on BatchChain's active time), so
    ///         the eta recorded at queuing would be too early after one; that recorded eta once it is no longer
    ///         pending (executed or cancelled), 0 if never queued.
    /// @param proposalId The proposal.
    /// @return Unix time, seconds.
    function proposalEta(uint256 proposalId) public view override returns (uint256) {
        bytes32 operation = _operations[proposalId];
        TimelockController lock = TimelockController(payable(timelock()));
        if (operation == bytes32(0) || !lock.isOperationPending(operation)) return super.proposalEta(proposalId);
        return lock.getTimestamp(operation);
    }

    /// @dev Bounded: {Constants-MIN_VOTING_DELAY} to {Constants-MAX_VOTING_DELAY}; emits {VotingDelayUpdated}.
    function _setVotingDelay(uint48 newVotingDelay) internal override {
        _checkRange(newVotingDelay, Constants.MIN_VOTING_DELAY, Constants.MAX_VOTING_DELAY);
        emit VotingDelayUpdated(votingDelay(), newVotingDelay);
        super._setVotingDelay(newVotingDelay);
    }

    /// @dev Bounded: {Constants-MIN_VOTING_PERIOD} to {Constants-MAX_VOTING_PERIOD}; emits {VotingPeriodUpdated}.
    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        _checkRange(newVotingPeriod, Constants.MIN_VOTING_PERIOD, Constants.MAX_VOTING_PERIOD);
        emit VotingPeriodUpdated(votingPeriod(), newVotingPeriod);
        super._setVotingPeriod(newVotingPeriod);
    }

    /// @dev Bounded: {Constants-MIN_PROPOSAL_THRESHOLD} to {Constants-MAX_PROPOSAL_THRESHOLD}; emits
    ///      {ProposalThresholdUpdated}.
    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        _checkRange(newProposalThreshold, Constants.MIN_PROPOSAL_THRESHOLD, Constants.MAX_PROPOSAL_THRESHOLD);
        emit ProposalThresholdUpdated(proposalThreshold(), newProposalThreshold);
        super._setProposalThreshold(newProposalThreshold);
    }

    /// @dev Bounded: {Constants-MIN_QUORUM_NUMERATOR} to {Constants-MAX_QUORUM_NUMERATOR} (percent); OpenZeppelin
    ///      emits `QuorumNumeratorUpdated(old, new)`.
    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        _checkRange(newQuorumNumerator, Constants.MIN_QUORUM_NUMERATOR, Constants.MAX_QUORUM_NUMERATOR);
        super._updateQuorumNumerator(newQuorumNumerator);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48 eta) {
        eta = super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
        // The salt GovernorTimelockControl schedules with (its `_timelockSalt`).
        bytes32 salt = bytes20(address(this)) ^ descriptionHash;
        _operations[proposalId] = TimelockController(payable(timelock())).hashOperationBatch(
            targets,
            values,
            calldatas,
            0,
            salt
        );
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }

    function _checkRange(uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert MetisGovernorParameterOutOfRange(value, min, max);
    }
}
