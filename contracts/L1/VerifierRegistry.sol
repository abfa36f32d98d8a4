// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

import {IBatchChain} from "../interfaces/IBatchChain.sol";
import {IDisputeManager} from "../interfaces/IDisputeManager.sol";
import {ISequencerRegistry} from "../interfaces/ISequencerRegistry.sol";
import {IVerifierRegistry} from "../interfaces/IVerifierRegistry.sol";
import {Constants} from "../libraries/Constants.sol";
import {Types} from "../libraries/Types.sol";

/// @title VerifierRegistry
/// @notice See {IVerifierRegistry}.
/// @dev Weights and terms are OpenZeppelin `Checkpoints.Trace208` keyed by block timestamp; a dispute opened at `t`
///      reads both at `t - 1`, so nothing pushed in the dispute's own second (a stake, an exit, a new term) counts in
///      it. A vote's tally lives in the first slot of its closed-vote record (reveals add to it; closing fills in the
///      rest). Nothing here loops over voters. Windows (the vote's phases, the exit delay) run on BatchChain's active
///      clock ({IBatchChain-activeTime}), which stops while submission is paused; lookups (weights, terms) stay keyed
///      by wall time. The active clock never runs ahead of the wall clock, so a phase the wall clock says is still
///      running is read without it.
contract VerifierRegistry is IVerifierRegistry, AccessControl, ReentrancyGuardTransient {
    using Checkpoints for Checkpoints.Trace208;
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

    /// @notice Sets the parameters (the timelock).
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    /// @notice May grant and revoke every role but DEFAULT_ADMIN_ROLE (the admin of each, itself included): the
    ///         operational and governance roles. Held by the deploying admin until the handover, then by nobody, so
    ///         that the wiring is as immutable as the code: DEFAULT_ADMIN_ROLE (the timelock) administers nothing.
    bytes32 public constant WIRING_ROLE = keccak256("WIRING_ROLE");

    /// @dev What an account may claim (both fit 128 bits: ETH bonds and token stakes are far smaller).
    struct Owed {
        uint128 eth;
        uint128 tokens;
    }

    /// @dev What a closed vote means for one verifier (see {_judge}).
    enum Verdict {
        None,
        Clear,
        Strike
    }

    /// @dev A revealed ballot, in place of its commitment (no keccak256 output is this small).
    bytes32 private constant _REVEALED_FOR = bytes32(uint256(1));
    bytes32 private constant _REVEALED_AGAINST = bytes32(uint256(2));

    IERC20 private immutable _token;
    ISequencerRegistry private immutable _registry;
    IBatchChain private immutable _batchChain;
    IDisputeManager private immutable _disputeManager;

    uint256 private _minVerifierStake;
    uint256 private _exitDelay;
    uint256 private _maxStrikes;
    uint256 private _slashBps;

    mapping(address verifier => Verifier) private _verifiers;
    mapping(address verifier => Checkpoints.Trace208) private _weights;
    Checkpoints.Trace208 private _totalWeight;
    /// @dev {Terms} packed by {_pack}, by the time they took effect.
    Checkpoints.Trace208 private _terms;
    /// @dev The latest of `_terms` and when it took effect, in one slot: what nearly every lookup needs.
    uint208 private _currentTerms;
    uint48 private _currentTermsSince;
    /// @dev Dispute id => verifier => its commitment, or {_REVEALED_FOR} / {_REVEALED_AGAINST} once revealed.
    mapping(bytes32 id => mapping(address verifier => bytes32)) private _ballots;
    /// @dev Dispute id => its tally while open, its whole record once closed.
    mapping(bytes32 id => ClosedVote) private _votes;
    /// @dev Dispute ids in the order their votes closed.
    bytes32[] private _closed;
    /// @dev What each account may claim: ETH and tokens in one slot.
    mapping(address account => Owed) private _owed;

    /// @notice Deploys the registry for stakes of `token_`, voting on the execution disputes of `disputeManager_` and
    ///         crediting the treasury `registry_` names, with every parameter at its default.
    /// @param token_ The protocol token verifiers stake.
    /// @param registry_ The SequencerRegistry: its treasury receives slashed shares, and it credits this contract the
    ///        reward of signers convicted by a vote.
    /// @param batchChain_ The BatchChain whose active clock (which stops while paused) the vote phases and exit delays
    ///        run on.
    /// @param disputeManager_ The DisputeManager whose execution disputes are voted on here (deployed after this
    ///        contract at an address known in advance, as it names this one in turn).
    /// @param admin Receives DEFAULT_ADMIN_ROLE, WIRING_ROLE and GOVERNOR_ROLE.
    constructor(
        IERC20 token_,
        ISequencerRegistry registry_,
        IBatchChain batchChain_,
        IDisputeManager disputeManager_,
        address admin
    ) {
        _token = token_;
        _registry = registry_;
        _batchChain = batchChain_;
        _disputeManager = disputeManager_;
        _minVerifierStake = Constants.DEFAULT_MIN_VERIFIER_STAKE;
        _exitDelay = Constants.DEFAULT_VERIFIER_EXIT_DELAY;
        _maxStrikes = Constants.DEFAULT_MAX_STRIKES;
        _slashBps = Constants.DEFAULT_VERIFIER_SLASH_BPS;
        // In force from time 0, so that a dispute opened in the deployment's own second has terms too.
        _currentTerms = _pack(
            Terms({
                commitPeriod: uint32(Constants.DEFAULT_COMMIT_PERIOD),
                revealPeriod: uint32(Constants.DEFAULT_REVEAL_PERIOD),
                escalationPeriod: uint32(Constants.DEFAULT_ESCALATION_PERIOD),
                quorumBps: uint16(Constants.DEFAULT_QUORUM_BPS),
                voterShareBps: uint16(Constants.DEFAULT_VOTER_SHARE_BPS)
            })
        );
        _terms.push(0, _currentTerms);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(WIRING_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, admin);
        _setRoleAdmin(WIRING_ROLE, WIRING_ROLE);
        _setRoleAdmin(GOVERNOR_ROLE, WIRING_ROLE);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stake
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IVerifierRegistry
    function stake(uint256 amount) external nonReentrant {
        if (amount == 0) revert VerifierRegistryZeroAmount();
        Verifier storage record = _verifiers[msg.sender];
        VerifierStatus status = record.status;
        if (status == VerifierStatus.Exiting || status == VerifierStatus.Removed) {
            revert VerifierRegistryNotActive(msg.sender);
        }
        uint256 newStake = record.stake + amount;
        if (newStake < _minVerifierStake) revert VerifierRegistryStakeTooLow(newStake, _minVerifierStake);
        if (status == VerifierStatus.None) {
            record.status = VerifierStatus.Active;
            // A first stake had no weight in any vote closed so far: nothing to settle there. A verifier that
            // withdrew and stakes again goes on from where its settlement stood.
            if (_weights[msg.sender].length() == 0) record.settled = uint32(_closed.length);
        }
        record.stake = newStake.toUint96();
        record.weightSince = uint40(block.timestamp);
        _weights[msg.sender].push(_now(), newStake.toUint208());
        _totalWeight.push(_now(), (_totalWeight.latest() + amount).toUint208());
        emit VerifierStaked(msg.sender, amount, newStake);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IVerifierRegistry
    function requestExit() external {
        Verifier storage record = _verifiers[msg.sender];
        if (record.status != VerifierStatus.Active) revert VerifierRegistryNotActive(msg.sender);
        record.status = VerifierStatus.Exiting;
        // An active time: a pause during the delay moves the exit by its length, as it moves the votes it outlives.
        uint256 exitableAt = _batchChain.activeTime() + _exitDelay;
        record.exitableAt = uint40(exitableAt);
        _dropWeight(msg.sender, record);
        emit VerifierExitRequested(msg.sender, _wallTime(exitableAt));
    }

    /// @inheritdoc IVerifierRegistry
    function withdraw() external nonReentrant {
        Verifier memory record = _verifiers[msg.sender];
        if (record.status == VerifierStatus.None) revert VerifierRegistryNotStaked(msg.sender);
        if (record.status == VerifierStatus.Active || !_reached(record.exitableAt)) {
            revert VerifierRegistryNotWithdrawable(msg.sender, _wallTime(record.exitableAt));
        }
        uint256 closed = _closed.length;
        if (record.settled != closed) revert VerifierRegistryUnsettled(msg.sender, record.settled, closed);
        // The settlement position stays: votes still open had its old weight, and settle must never count a closed
        // vote twice.
        _verifiers[msg.sender] = Verifier({
            stake: 0,
            exitableAt: 0,
            status: VerifierStatus.None,
            strikes: 0,
            settled: record.settled,
            weightSince: record.weightSince
        });
        emit VerifierWithdrawn(msg.sender, record.stake);
        if (record.stake != 0) _token.safeTransfer(msg.sender, record.stake);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Votes
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IVerifierRegistry
    function commitVote(bytes32 id, bytes32 commitment) external {
        if (uint256(commitment) <= uint256(_REVEALED_AGAINST)) revert VerifierRegistryInvalidCommitment(commitment);
        uint256 openedAt = _openedAt(id);
        uint256 commitPeriod = termsAt(openedAt).commitPeriod;
        // Still open by the wall clock is still open by the active one, which never runs ahead of it.
        if (block.timestamp >= openedAt + commitPeriod) {
            uint256 start = _batchChain.activeTimeAt(openedAt);
            uint256 commitEnd = start + commitPeriod;
            if (_batchChain.activeTime() >= commitEnd) revert VerifierRegistryCommitClosed(id, _wallTime(commitEnd));
        }
        if (_weightAt(msg.sender, openedAt) == 0) revert VerifierRegistryNoStakeAtOpening(id, msg.sender);
        mapping(address => bytes32) storage ballots = _ballots[id];
        if (ballots[msg.sender] != 0) revert VerifierRegistryAlreadyCommitted(id, msg.sender);
        ballots[msg.sender] = commitment;
        emit VoteCommitted(id, msg.sender, commitment);
    }

    /// @inheritdoc IVerifierRegistry
    function revealVote(bytes32 id, bool uphold, bytes32 salt) external {
        uint256 openedAt = _openedAt(id);
        Terms memory terms_ = termsAt(openedAt);
        uint256 commitEnd = _batchChain.activeTimeAt(openedAt) + terms_.commitPeriod;
        uint256 revealEnd = commitEnd + terms_.revealPeriod;
        uint256 activeNow = _batchChain.activeTime();
        if (activeNow < commitEnd || activeNow >= revealEnd) {
            revert VerifierRegistryNotRevealing(id, _wallTime(commitEnd), _wallTime(revealEnd));
        }
        bytes32 ballot = _ballots[id][msg.sender];
        if (ballot == 0) revert VerifierRegistryNotCommitted(id, msg.sender);
        if (ballot == _REVEALED_FOR || ballot == _REVEALED_AGAINST) {
            revert VerifierRegistryAlreadyRevealed(id, msg.sender);
        }
        bytes32 actual = commitmentOf(id, uphold, salt, msg.sender);
        if (actual != ballot) revert VerifierRegistryRevealMismatch(ballot, actual);
        // A past checkpoint never changes: this is the weight its commitment was taken with.
        uint256 weight = _weightAt(msg.sender, openedAt);
        _ballots[id][msg.sender] = uphold ? _REVEALED_FOR : _REVEALED_AGAINST;
        ClosedVote storage vote = _votes[id];
        if (uphold) vote.forStake = (vote.forStake + weight).toUint104();
        else vote.againstStake = (vote.againstStake + weight).toUint104();
        emit VoteRevealed(id, msg.sender, uphold, weight);
    }

    /// @inheritdoc IVerifierRegistry
    function closeVote(
        bytes32 id,
        uint256 openedAt,
        Types.Outcome outcome,
        address challenger,
        uint256 tokenReward
    ) external payable {
        if (msg.sender != address(_disputeManager)) revert VerifierRegistryNotDisputeManager(msg.sender);
        if (outcome == Types.Outcome.None) revert VerifierRegistryInvalidOutcome(outcome);
        ClosedVote storage vote = _votes[id];
        if (vote.outcome != Types.Outcome.None) revert VerifierRegistryVoteClosed(id);
        uint256 share = termsAt(openedAt).voterShareBps;
        uint256 bond = msg.value;
        uint256 ethPool;
        uint256 tokenPool;
        uint256 challengerEth;
        uint256 challengerTokens;
        uint256 treasuryEth;
        if (outcome == Types.Outcome.VoteUpheld) {
            challengerEth = bond;
            tokenPool = (tokenReward * share) / Constants.BPS;
            challengerTokens = tokenReward - tokenPool;
        } else if (outcome == Types.Outcome.VoteRejected) {
            ethPool = (bond * share) / Constants.BPS;
            treasuryEth = bond - ethPool;
        } else if (outcome == Types.Outcome.GovernanceUpheld) {
            challengerEth = bond;
            challengerTokens = tokenReward;
        } else if (outcome == Types.Outcome.GovernanceRejected) {
            treasuryEth = bond;
        } else {
            // Lapsed or void: the challenge changed nothing and costs the challenger nothing.
            challengerEth = bond;
        }
        vote.openedAt = uint40(openedAt);
        vote.outcome = outcome;
        vote.ethPool = uint128(ethPool);
        vote.tokenPool = uint128(tokenPool);
        if (challengerEth != 0 || challengerTokens != 0) _credit(challenger, challengerEth, challengerTokens);
        if (treasuryEth != 0) _credit(_registry.treasury(), treasuryEth, 0);
        // A void vote counts for nothing: it is not listed, so settlement never walks it.
        uint256 position = _closed.length;
        if (outcome != Types.Outcome.Void) _closed.push(id);
        emit VoteClosed(id, position, outcome, ethPool, tokenPool, challengerEth, challengerTokens, treasuryEth);
    }

    /// @inheritdoc IVerifierRegistry
    function creditCosigners(bytes32 id, address challenger, uint256 tokenReward) external {
        if (msg.sender != address(_disputeManager)) revert VerifierRegistryNotDisputeManager(msg.sender);
        uint256 toTreasury = (tokenReward * termsAt(_votes[id].openedAt).voterShareBps) / Constants.BPS;
        _credit(challenger, 0, tokenReward - toTreasury);
        if (toTreasury != 0) _credit(_registry.treasury(), 0, toTreasury);
        emit CosignerRewardCredited(id, challenger, tokenReward - toTreasury, toTreasury);
    }

    /// @inheritdoc IVerifierRegistry
    function settle(address verifier, uint256 maxVotes) external returns (uint256) {
        Verifier storage record = _verifiers[verifier];
        uint256 position = record.settled;
        uint256 end = _closed.length;
        if (maxVotes < end - position) end = position + maxVotes;
        uint256 strikes = record.strikes;
        // A verifier that withdrew still earns its rewards in votes it had weight in; it has nothing left to strike.
        bool staked = record.status != VerifierStatus.None;
        uint256 eth;
        uint256 tokens;
        for (; position < end; ++position) {
            bytes32 id = _closed[position];
            (Verdict verdict, uint256 ethReward, uint256 tokenReward) = _judge(verifier, id);
            if (verdict == Verdict.Clear) {
                strikes = 0;
                eth += ethReward;
                tokens += tokenReward;
            } else if (verdict == Verdict.Strike && staked) {
                ++strikes;
                emit VerifierStruck(id, verifier, strikes);
                if (strikes >= _maxStrikes) {
                    _strikeOut(verifier, record);
                    strikes = 0;
                }
            }
        }
        record.settled = uint32(position);
        record.strikes = uint8(strikes);
        if (eth != 0 || tokens != 0) _credit(verifier, eth, tokens);
        return position;
    }

    /// @inheritdoc IVerifierRegistry
    function claim() external nonReentrant {
        Owed memory owed = _owed[msg.sender];
        uint256 eth = owed.eth;
        uint256 tokens = owed.tokens;
        if (eth == 0 && tokens == 0) revert VerifierRegistryNothingToClaim(msg.sender);
        delete _owed[msg.sender];
        emit PayoutClaimed(msg.sender, eth, tokens);
        if (tokens != 0) {
            // Rewards of convicted signers wait in the SequencerRegistry until this contract pulls them.
            if (_registry.claimable(address(this)) != 0) _registry.claim();
            _token.safeTransfer(msg.sender, tokens);
        }
        if (eth != 0) {
            (bool sent, ) = msg.sender.call{value: eth}("");
            if (!sent) revert VerifierRegistryTransferFailed(msg.sender, eth);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IVerifierRegistry
    function slash(address verifier, uint256 bps, bytes32 reason) external onlyRole(GOVERNOR_ROLE) returns (uint256) {
        if (bps == 0 || bps > Constants.BPS) revert VerifierRegistryInvalidBps(bps);
        Verifier storage record = _verifiers[verifier];
        if (record.stake == 0) revert VerifierRegistryNotStaked(verifier);
        uint256 amount = _slashAndRemove(verifier, record, bps);
        emit VerifierSlashedByGovernance(verifier, bps, reason);
        return amount;
    }

    /// @inheritdoc IVerifierRegistry
    function setMinVerifierStake(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_MIN_VERIFIER_STAKE, Constants.MAX_MIN_VERIFIER_STAKE);
        emit MinVerifierStakeUpdated(_minVerifierStake, newValue);
        _minVerifierStake = newValue;
    }

    /// @inheritdoc IVerifierRegistry
    function setVerifierExitDelay(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        // Longer than the longest vote, so a verifier's stake outlives every vote it can still be struck in.
        _checkRange(newValue, _minExitDelay(), Constants.MAX_VERIFIER_EXIT_DELAY);
        emit VerifierExitDelayUpdated(_exitDelay, newValue);
        _exitDelay = newValue;
    }

    /// @inheritdoc IVerifierRegistry
    function setMaxStrikes(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_MAX_STRIKES, Constants.MAX_MAX_STRIKES);
        emit MaxStrikesUpdated(_maxStrikes, newValue);
        _maxStrikes = newValue;
    }

    /// @inheritdoc IVerifierRegistry
    function setVerifierSlashBps(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_VERIFIER_SLASH_BPS, Constants.MAX_VERIFIER_SLASH_BPS);
        emit VerifierSlashBpsUpdated(_slashBps, newValue);
        _slashBps = newValue;
    }

    /// @inheritdoc IVerifierRegistry
    function setCommitPeriod(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        Terms memory next = _latestTerms();
        uint256 others = _longestVote(next) - next.commitPeriod;
        _checkPeriod(
            newValue,
            Constants.MIN_COMMIT_PERIOD,
            _lesser(Constants.MAX_COMMIT_PERIOD, Constants.MAX_VOTE_PERIODS - next.revealPeriod),
            others
        );
        emit CommitPeriodUpdated(next.commitPeriod, newValue);
        next.commitPeriod = uint32(newValue);
        _setTerms(_pack(next));
    }

    /// @inheritdoc IVerifierRegistry
    function setRevealPeriod(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        Terms memory next = _latestTerms();
        uint256 others = _longestVote(next) - next.revealPeriod;
        _checkPeriod(
            newValue,
            Constants.MIN_REVEAL_PERIOD,
            _lesser(Constants.MAX_REVEAL_PERIOD, Constants.MAX_VOTE_PERIODS - next.commitPeriod),
            others
        );
        emit RevealPeriodUpdated(next.revealPeriod, newValue);
        next.revealPeriod = uint32(newValue);
        _setTerms(_pack(next));
    }

    /// @inheritdoc IVerifierRegistry
    function setEscalationPeriod(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        Terms memory next = _latestTerms();
        uint256 others = _longestVote(next) - next.escalationPeriod;
        _checkPeriod(newValue, Constants.MIN_ESCALATION_PERIOD, Constants.MAX_ESCALATION_PERIOD, others);
        emit EscalationPeriodUpdated(next.escalationPeriod, newValue);
        next.escalationPeriod = uint32(newValue);
        _setTerms(_pack(next));
    }

    /// @inheritdoc IVerifierRegistry
    function setQuorumBps(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_QUORUM_BPS, Constants.MAX_QUORUM_BPS);
        Terms memory next = _latestTerms();
        emit QuorumBpsUpdated(next.quorumBps, newValue);
        next.quorumBps = uint16(newValue);
        _setTerms(_pack(next));
    }

    /// @inheritdoc IVerifierRegistry
    function setVoterShareBps(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_VOTER_SHARE_BPS, Constants.MAX_VOTER_SHARE_BPS);
        Terms memory next = _latestTerms();
        emit VoterShareBpsUpdated(next.voterShareBps, newValue);
        next.voterShareBps = uint16(newValue);
        _setTerms(_pack(next));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IVerifierRegistry
    function votePhase(bytes32 id, uint256 openedAt) external view returns (VotePhase, uint256) {
        if (openedAt == 0) return (VotePhase.None, 0);
        Terms memory terms_ = termsAt(openedAt);
        // The phases' ends as active times (BatchChain's clock, which stops while paused), returned as wall times.
        uint256 activeNow = _batchChain.activeTime();
        uint256 commitEnd = _batchChain.activeTimeAt(openedAt) + terms_.commitPeriod;
        if (activeNow < commitEnd) return (VotePhase.Committing, _wallTime(commitEnd));
        uint256 revealEnd = commitEnd + terms_.revealPeriod;
        if (activeNow < revealEnd) return (VotePhase.Revealing, _wallTime(revealEnd));
        ClosedVote memory vote = _votes[id];
        uint256 turnout = uint256(vote.forStake) + vote.againstStake;
        uint256 eligible = _totalWeight.upperLookupRecent(uint48(openedAt - 1));
        if (turnout != 0 && turnout * Constants.BPS >= eligible * terms_.quorumBps) {
            return (vote.forStake > vote.againstStake ? VotePhase.Upheld : VotePhase.Rejected, 0);
        }
        uint256 escalationEnd = revealEnd + terms_.escalationPeriod;
        if (activeNow < escalationEnd) return (VotePhase.NoTurnout, _wallTime(escalationEnd));
        return (VotePhase.Lapsed, 0);
    }

    /// @inheritdoc IVerifierRegistry
    function termsAt(uint256 openedAt) public view returns (Terms memory) {
        if (openedAt > _currentTermsSince) return _unpack(_currentTerms);
        // Time 0 has no second before it: the terms in force from the deployment on.
        return _unpack(_terms.upperLookupRecent(uint48(openedAt == 0 ? 0 : openedAt - 1)));
    }

    /// @inheritdoc IVerifierRegistry
    function terms() external view returns (Terms memory) {
        return termsAt(block.timestamp);
    }

    /// @inheritdoc IVerifierRegistry
    function tally(bytes32 id) external view returns (uint256 forStake, uint256 againstStake) {
        ClosedVote memory vote = _votes[id];
        return (vote.forStake, vote.againstStake);
    }

    /// @inheritdoc IVerifierRegistry
    function ballotOf(
        bytes32 id,
        address verifier
    ) external view returns (bytes32 commitment, bool revealed, bool uphold) {
        bytes32 ballot = _ballots[id][verifier];
        if (ballot == _REVEALED_FOR) return (0, true, true);
        if (ballot == _REVEALED_AGAINST) return (0, true, false);
        return (ballot, false, false);
    }

    /// @inheritdoc IVerifierRegistry
    function commitmentOf(bytes32 id, bool uphold, bytes32 salt, address voter) public pure returns (bytes32) {
        return keccak256(abi.encode(id, uphold, salt, voter));
    }

    /// @inheritdoc IVerifierRegistry
    function weightAt(address verifier, uint256 timepoint) external view returns (uint256) {
        return _weights[verifier].upperLookupRecent(timepoint.toUint48());
    }

    /// @inheritdoc IVerifierRegistry
    function totalWeightAt(uint256 timepoint) external view returns (uint256) {
        return _totalWeight.upperLookupRecent(timepoint.toUint48());
    }

    /// @inheritdoc IVerifierRegistry
    function verifierInfo(address verifier) external view returns (Verifier memory record) {
        record = _verifiers[verifier];
        record.exitableAt = uint40(_wallTime(record.exitableAt));
    }

    /// @inheritdoc IVerifierRegistry
    function verifierStatus(address verifier) external view returns (VerifierStatus) {
        return _verifiers[verifier].status;
    }

    /// @inheritdoc IVerifierRegistry
    function closedVoteCount() external view returns (uint256) {
        return _closed.length;
    }

    /// @inheritdoc IVerifierRegistry
    function closedVote(uint256 position) external view returns (bytes32 id, ClosedVote memory vote) {
        id = _closed[position];
        vote = _votes[id];
    }

    /// @inheritdoc IVerifierRegistry
    function claimable(address account) external view returns (uint256 eth, uint256 tokens) {
        Owed memory owed = _owed[account];
        return (owed.eth, owed.tokens);
    }

    /// @inheritdoc IVerifierRegistry
    function minVerifierStake() external view returns (uint256) {
        return _minVerifierStake;
    }

    /// @inheritdoc IVerifierRegistry
    function verifierExitDelay() external view returns (uint256) {
        return _exitDelay;
    }

    /// @inheritdoc IVerifierRegistry
    function maxStrikes() external view returns (uint256) {
        return _maxStrikes;
    }

    /// @inheritdoc IVerifierRegistry
    function verifierSlashBps() external view returns (uint256) {
        return _slashBps;
    }

    /// @inheritdoc IVerifierRegistry
    function token() external view returns (address) {
        return address(_token);
    }

    /// @inheritdoc IVerifierRegistry
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IVerifierRegistry
    function disputeManager() external view returns (address) {
        return address(_disputeManager);
    }

    /// @inheritdoc IVerifierRegistry
    function batchChain() external view returns (address) {
        return address(_batchChain);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev What closed vote `id` means for `verifier`: nothing (void, or no weight in it), a cleared streak (with its
    ///      reward, when it revealed for the winning side of a decided vote), or a strike.
    function _judge(address verifier, bytes32 id) private returns (Verdict, uint256 ethReward, uint256 tokenReward) {
        ClosedVote memory vote = _votes[id];
        if (vote.outcome == Types.Outcome.Void) return (Verdict.None, 0, 0);
        uint256 weight = _weightAt(verifier, vote.openedAt);
        if (weight == 0) return (Verdict.None, 0, 0);
        bytes32 ballot = _ballots[id][verifier];
        if (ballot != _REVEALED_FOR && ballot != _REVEALED_AGAINST) return (Verdict.Strike, 0, 0);
        bool upheld = vote.outcome == Types.Outcome.VoteUpheld;
        // Governance decided (or nobody did): a reveal was all a verifier could do.
        if (!upheld && vote.outcome != Types.Outcome.VoteRejected) return (Verdict.Clear, 0, 0);
        if ((ballot == _REVEALED_FOR) != upheld) return (Verdict.Strike, 0, 0);
        uint256 winning = upheld ? vote.forStake : vote.againstStake;
        ethReward = (uint256(vote.ethPool) * weight) / winning;
        tokenReward = (uint256(vote.tokenPool) * weight) / winning;
        emit VoterRewarded(id, verifier, ethReward, tokenReward);
        return (Verdict.Clear, ethReward, tokenReward);
    }

    /// @dev When open dispute `id` opened; reverts for an unknown or resolved one.
    function _openedAt(bytes32 id) private view returns (uint256) {
        IDisputeManager.ExecutionDispute memory dispute = _disputeManager.executionDispute(id);
        if (dispute.openedAt == 0) revert VerifierRegistryUnknownVote(id);
        if (dispute.outcome != Types.Outcome.None) revert VerifierRegistryVoteClosed(id);
        return dispute.openedAt;
    }

    /// @dev `verifier`'s weight in a dispute opened at `openedAt`: at the second before. Its record says what the
    ///      weight has been since its last change; older weights come from the checkpoints.
    function _weightAt(address verifier, uint256 openedAt) private view returns (uint256) {
        Verifier memory record = _verifiers[verifier];
        if (openedAt > record.weightSince) return record.status == VerifierStatus.Active ? record.stake : 0;
        return _weights[verifier].upperLookupRecent(uint48(openedAt - 1));
    }

    /// @dev Takes `verifier`'s weight (its whole stake, Active until now) out of every later dispute.
    function _dropWeight(address verifier, Verifier storage record) private {
        record.weightSince = uint40(block.timestamp);
        _weights[verifier].push(_now(), 0);
        _totalWeight.push(_now(), _totalWeight.latest() - record.stake);
    }

    /// @dev Slashes a verifier that reached `maxStrikes` and removes it (its exit delay starts again).
    function _strikeOut(address verifier, Verifier storage record) private {
        _slashAndRemove(verifier, record, _slashBps);
    }

    /// @dev Slashes `bps` of `verifier`'s stake to the treasury and removes it (its exit delay starts again): a
    ///      strike-out's and a governance slash's one path.
    function _slashAndRemove(address verifier, Verifier storage record, uint256 bps) private returns (uint256 amount) {
        uint256 stake_ = record.stake;
        amount = (stake_ * bps) / Constants.BPS;
        if (record.status == VerifierStatus.Active) _dropWeight(verifier, record);
        record.stake = uint96(stake_ - amount);
        record.status = VerifierStatus.Removed;
        uint256 exitableAt = _batchChain.activeTime() + _exitDelay;
        if (exitableAt > record.exitableAt) record.exitableAt = uint40(exitableAt);
        if (amount != 0) _credit(_registry.treasury(), 0, amount);
        emit VerifierSlashed(verifier, amount, _wallTime(record.exitableAt));
    }

    /// @dev Credits `account` `eth` wei and `tokens` token wei to {claim}.
    function _credit(address account, uint256 eth, uint256 tokens) private {
        Owed storage owed = _owed[account];
        owed.eth = (owed.eth + eth).toUint128();
        owed.tokens = (owed.tokens + tokens).toUint128();
    }

    function _setTerms(uint208 packed) private {
        _terms.push(_now(), packed);
        _currentTerms = packed;
        _currentTermsSince = _now();
    }

    function _latestTerms() private view returns (Terms memory) {
        return _unpack(_currentTerms);
    }

    /// @dev The shortest exit delay that outlives every vote a verifier asking to exit from now on can have weight
    ///      in: that of a dispute opening under the latest terms, and those of disputes still running on earlier
    ///      terms. The terms before checkpoint `i` applied to disputes opened up to checkpoint `i`'s second, whose
    ///      votes end by that second plus their longest vote (and no vote runs longer than the periods' maxima); a
    ///      change made before the first stake left no verifier with weight in such a dispute.
    function _minExitDelay() private view returns (uint256 min) {
        min = _longestVote(_latestTerms()) + 1;
        uint256 firstStake = _totalWeight.length() == 0 ? type(uint256).max : _totalWeight.at(0)._key;
        uint256 longestEver =
            Constants.MAX_COMMIT_PERIOD + Constants.MAX_REVEAL_PERIOD + Constants.MAX_ESCALATION_PERIOD;
        // Votes and exit delays both run in active time: compare there.
        uint256 activeNow = _batchChain.activeTime();
        for (uint256 i = _terms.length() - 1; i > 0; --i) {
            uint256 changedAt = _terms.at(uint32(i))._key;
            if (changedAt <= firstStake) break;
            uint256 activeChangedAt = _batchChain.activeTimeAt(changedAt);
            if (activeChangedAt + longestEver <= activeNow) break;
            uint256 end = activeChangedAt + _longestVote(_unpack(_terms.at(uint32(i - 1))._value));
            if (end >= activeNow + min) min = end - activeNow + 1;
        }
    }

    function _longestVote(Terms memory terms_) private pure returns (uint256) {
        return uint256(terms_.commitPeriod) + terms_.revealPeriod + terms_.escalationPeriod;
    }

    /// @dev Checks a period against its bounds and against the exit delay, which must stay longer than the vote.
    function _checkPeriod(uint256 newValue, uint256 min, uint256 max, uint256 others) private view {
        _checkRange(newValue, min, _lesser(_exitDelay - 1 - others, max));
    }

    function _lesser(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }

    function _pack(Terms memory terms_) private pure returns (uint208) {
        return
            uint208(terms_.commitPeriod) |
            (uint208(terms_.revealPeriod) << 32) |
            (uint208(terms_.escalationPeriod) << 64) |
            (uint208(terms_.quorumBps) << 96) |
            (uint208(terms_.voterShareBps) << 112);
    }

    function _unpack(uint208 packed) private pure returns (Terms memory) {
        return
            Terms({
                commitPeriod: uint32(packed),
                revealPeriod: uint32(packed >> 32),
                escalationPeriod: uint32(packed >> 64),
                quorumBps: uint16(packed >> 96),
                voterShareBps: uint16(packed >> 112)
            });
    }

    /// @dev Whether BatchChain's active clock reads `activeTime` or later. It never runs ahead of the wall clock, so a
    ///      wall clock short of it answers without the call.
    function _reached(uint256 activeTime) private view returns (bool) {
        return block.timestamp >= activeTime && _batchChain.activeTime() >= activeTime;
    }

    /// @dev The wall time BatchChain's active clock reads `activeTime` at, as far as the pauses known now say (0 for
    ///      0: no time set).
    function _wallTime(uint256 activeTime) private view returns (uint256) {
        return activeTime == 0 ? 0 : _batchChain.wallTimeAt(activeTime);
    }

    function _now() private view returns (uint48) {
        return uint48(block.timestamp);
    }

    function _checkRange(uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert VerifierRegistryParameterOutOfRange(value, min, max);
    }
}
