// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Types} from "../libraries/Types.sol";

/// @title IVerifierRegistry
/// @notice The staked verifiers who decide execution disputes (a block's state transition, which L1 cannot re-execute)
///         by a commit-reveal vote, and the ledger that pays out what those disputes move.
/// @dev Stake. Verifiers stake the protocol token (at least `minVerifierStake`). A verifier's voting weight in a
///      dispute is its stake at the second before the dispute opened, read from checkpoints (OpenZeppelin
///      `Checkpoints`, keyed by block timestamp): stake bought once a dispute is open never counts in it. Asking to
///      exit sets the weight to zero for every later dispute; the stake stays slashable until it is withdrawn, after
///      `verifierExitDelay`, which is always longer than the longest vote (commit + reveal + escalation periods).
///
///      Votes. DisputeManager opens an execution dispute (it stores when) and this registry runs its vote:
///      `commitVote(id, keccak256(abi.encode(id, uphold, salt, voter)))` while `now < openedAt + commitPeriod`, then
///      `revealVote(id, uphold, salt)` while `now < openedAt + commitPeriod + revealPeriod`. The vote counts the
///      weights revealed on each side. It decides only with a turnout of at least `quorumBps` of the verifier stake
///      at the opening; a strict majority of the revealed weight upholds (a tie rejects). Without turnout the dispute
///      goes to governance for `escalationPeriod`. The terms (periods, quorum, voters' share) that apply to a dispute
///      are those in force the second before it opened: a later change never moves a running vote.
///
///      Outcomes, strikes and pay. DisputeManager closes the vote with its outcome and hands over what it moves: the
///      challenger's ETH bond, and (when the batch is convicted) the `rewardBps` share of its signers' slash that the
///      SequencerRegistry credits to this contract. Upheld by the vote: the bond goes back to the challenger,
///      `voterShareBps` of the token reward to the majority voters and the rest to the challenger. Rejected by the
///      vote: `voterShareBps` of the bond to the majority voters, the rest to the treasury. Decided by governance:
///      upheld, bond and token reward to the challenger; rejected, the bond to the treasury. Lapsed or void: the bond
///      back to the challenger. Majority voters share their pool in proportion to their weight.
///
///      A verifier with weight in a closed vote that did not reveal, or revealed for the losing side, gets a strike;
///      a revealed vote on the winning side (or any revealed vote where governance decided) clears its strikes.
///      `maxStrikes` strikes in a row slash `verifierSlashBps` of its stake (to the treasury) and remove it: its
///      weight drops to zero and its exit delay starts. Void votes count for nothing. Strikes and rewards are settled
///      per verifier, vote by vote in the order the votes closed ({settle}, which anyone may call), so closing a vote
///      costs the same whatever the number of voters. A verifier withdraws only when every closed vote is settled
///      for it. Every payout (refunds, rewards, slashed shares) is credited here and pulled with {claim}.
interface IVerifierRegistry {
    /// @notice Lifecycle of a verifier.
    /// @dev None: never staked, or withdrew. Active: staked, votes in disputes opened after its stake. Exiting: asked
    ///      to leave; votes only in disputes opened before that, withdraws after the exit delay. Removed: struck out
    ///      and slashed; as Exiting, from the removal.
    enum VerifierStatus {
        None,
        Active,
        Exiting,
        Removed
    }

    /// @notice Where a dispute's vote stands, derived from the time and the revealed weights.
    /// @dev None: no such open dispute. Committing, Revealing: in that phase. Upheld, Rejected: the vote is over and
    ///      reached its turnout. NoTurnout: the vote is over without turnout and governance may decide. Lapsed: the
    ///      escalation period ended without a decision.
    enum VotePhase {
        None,
        Committing,
        Revealing,
        Upheld,
        Rejected,
        NoTurnout,
        Lapsed
    }

    /// @notice A verifier's record.
    /// @param stake Tokens staked and still slashable (token wei).
    /// @param exitableAt When it may withdraw (0 while Active).
    /// @param status Its lifecycle state.
    /// @param strikes Strikes in a row, as settled so far.
    /// @param settled How many closed votes are settled for it (the next one to settle is `closedVote(settled)`).
    /// @param weightSince When its weight last changed (its stake while Active, else zero, counts from then on).
    struct Verifier {
        uint96 stake;
        uint40 exitableAt;
        VerifierStatus status;
        uint8 strikes;
        uint32 settled;
        uint40 weightSince;
    }

    /// @notice The terms of an execution dispute's vote, fixed when the dispute opens.
    /// @param commitPeriod Seconds from the opening during which commitments are taken.
    /// @param revealPeriod Seconds after the commit period during which commitments are revealed.
    /// @param escalationPeriod Seconds after the reveal period during which governance may decide a vote without
    ///        turnout.
    /// @param quorumBps Minimum revealed weight, in basis points of the verifier stake at the opening.
    /// @param voterShareBps The majority voters' share of what a decided vote moves, in basis points.
    struct Terms {
        uint32 commitPeriod;
        uint32 revealPeriod;
        uint32 escalationPeriod;
        uint16 quorumBps;
        uint16 voterShareBps;
    }

    /// @notice A closed vote, as settlement reads it.
    /// @param forStake Weight revealed to uphold.
    /// @param againstStake Weight revealed to reject.
    /// @param openedAt When its dispute opened (weights are read at the second before).
    /// @param outcome How the dispute ended.
    /// @param ethPool ETH shared by the majority voters (wei).
    /// @param tokenPool Tokens shared by the majority voters (token wei).
    struct ClosedVote {
        uint104 forStake;
        uint104 againstStake;
        uint40 openedAt;
        Types.Outcome outcome;
        uint128 ethPool;
        uint128 tokenPool;
    }

    /// @notice `verifier` staked `amount` more; its stake is now `stake`.
    event VerifierStaked(address indexed verifier, uint256 amount, uint256 stake);
    /// @notice `verifier` asked to exit; it may withdraw from `exitableAt`.
    event VerifierExitRequested(address indexed verifier, uint256 exitableAt);
    /// @notice `verifier` withdrew `amount`, its whole remaining stake.
    event VerifierWithdrawn(address indexed verifier, uint256 amount);
    /// @notice `verifier` committed to a vote in dispute `id`.
    event VoteCommitted(bytes32 indexed id, address indexed verifier, bytes32 commitment);
    /// @notice `verifier` revealed its vote in dispute `id` with weight `weight`.
    event VoteRevealed(bytes32 indexed id, address indexed verifier, bool uphold, uint256 weight);
    /// @notice Dispute `id`'s vote closed with `outcome` as closed vote number `position`, with the majority voters'
    ///         pools and the shares credited to the challenger and the treasury.
    event VoteClosed(
        bytes32 indexed id,
        uint256 indexed position,
        Types.Outcome outcome,
        uint256 ethPool,
        uint256 tokenPool,
        uint256 challengerEth,
        uint256 challengerTokens,
        uint256 treasuryEth
    );
    /// @notice `verifier` earned `ethReward` and `tokenReward` for its vote in dispute `id`.
    event VoterRewarded(bytes32 indexed id, address indexed verifier, uint256 ethReward, uint256 tokenReward);
    /// @notice `verifier` got a strike for dispute `id` (missing or losing reveal); it has `strikes` in a row.
    event VerifierStruck(bytes32 indexed id, address indexed verifier, uint256 strikes);
    /// @notice `verifier` reached `maxStrikes`: `amount` of its stake was slashed to the treasury and it was removed,
    ///         withdrawable from `exitableAt`.
    event VerifierSlashed(address indexed verifier, uint256 amount, uint256 exitableAt);
    /// @notice `account` pulled `eth` wei and `tokens` token wei.
    event PayoutClaimed(address indexed account, uint256 eth, uint256 tokens);
    event MinVerifierStakeUpdated(uint256 oldValue, uint256 newValue);
    event VerifierExitDelayUpdated(uint256 oldValue, uint256 newValue);
    event MaxStrikesUpdated(uint256 oldValue, uint256 newValue);
    event VerifierSlashBpsUpdated(uint256 oldValue, uint256 newValue);
    event CommitPeriodUpdated(uint256 oldValue, uint256 newValue);
    event RevealPeriodUpdated(uint256 oldValue, uint256 newValue);
    event EscalationPeriodUpdated(uint256 oldValue, uint256 newValue);
    event QuorumBpsUpdated(uint256 oldValue, uint256 newValue);
    event VoterShareBpsUpdated(uint256 oldValue, uint256 newValue);

    /// @notice The stake would end below `minimum`.
    error VerifierRegistryStakeTooLow(uint256 stake, uint256 minimum);
    /// @notice A zero amount.
    error VerifierRegistryZeroAmount();
    /// @notice `verifier` is not Active (it never staked, is exiting, or was removed).
    error VerifierRegistryNotActive(address verifier);
    /// @notice `verifier` has no stake to withdraw.
    error VerifierRegistryNotStaked(address verifier);
    /// @notice `verifier` may withdraw only from `exitableAt` (0: it has not asked to exit).
    error VerifierRegistryNotWithdrawable(address verifier, uint256 exitableAt);
    /// @notice `verifier` must first settle closed votes `settled` to `closed` ({settle}).
    error VerifierRegistryUnsettled(address verifier, uint256 settled, uint256 closed);
    /// @notice No open execution dispute `id`.
    error VerifierRegistryUnknownVote(bytes32 id);
    /// @notice Commitments to dispute `id` were taken until `commitEnd`.
    error VerifierRegistryCommitClosed(bytes32 id, uint256 commitEnd);
    /// @notice Reveals for dispute `id` are taken from `revealStart` until `revealEnd`.
    error VerifierRegistryNotRevealing(bytes32 id, uint256 revealStart, uint256 revealEnd);
    /// @notice `verifier` had no stake when dispute `id` opened.
    error VerifierRegistryNoStakeAtOpening(bytes32 id, address verifier);
    /// @notice Zero, one and two are not commitments (they mark no ballot and revealed ballots).
    error VerifierRegistryInvalidCommitment(bytes32 commitment);
    /// @notice `verifier` already committed to dispute `id`.
    error VerifierRegistryAlreadyCommitted(bytes32 id, address verifier);
    /// @notice `verifier` did not commit to dispute `id`.
    error VerifierRegistryNotCommitted(bytes32 id, address verifier);
    /// @notice `verifier` already revealed in dispute `id`.
    error VerifierRegistryAlreadyRevealed(bytes32 id, address verifier);
    /// @notice The reveal hashes to `actual`, not the commitment `expected`.
    error VerifierRegistryRevealMismatch(bytes32 expected, bytes32 actual);
    /// @notice Dispute `id`'s vote was already closed.
    error VerifierRegistryVoteClosed(bytes32 id);
    /// @notice An outcome a vote cannot close with.
    error VerifierRegistryInvalidOutcome(Types.Outcome outcome);
    /// @notice `account` has nothing to claim.
    error VerifierRegistryNothingToClaim(address account);
    /// @notice Only the dispute manager may call this.
    error VerifierRegistryNotDisputeManager(address caller);
    /// @notice Sending `amount` wei to `to` failed.
    error VerifierRegistryTransferFailed(address to, uint256 amount);
    /// @notice `value` is outside [`min`, `max`].
    error VerifierRegistryParameterOutOfRange(uint256 value, uint256 min, uint256 max);

    // ---- Stake ---------------------------------------------------------------------------------------------------

    /// @notice Stakes `amount` (more) tokens, pulled with `transferFrom`; the stake must reach `minVerifierStake`.
    ///         It counts in disputes opened from the next second on. Only while not exiting.
    /// @param amount Token wei to add.
    function stake(uint256 amount) external;

    /// @notice Asks to exit: no weight in disputes opened from now on; withdrawable after `verifierExitDelay`.
    function requestExit() external;

    /// @notice Pays out the caller's whole stake once its exit delay has passed and every closed vote is settled for
    ///         it.
    function withdraw() external;

    // ---- Votes -----------------------------------------------------------------------------------------------------

    /// @notice Commits the caller's vote in open dispute `id` during its commit period. The caller needs stake at the
    ///         second before the dispute opened.
    /// @param id The execution dispute (DisputeManager's id).
    /// @param commitment `keccak256(abi.encode(id, uphold, salt, msg.sender))` (see {commitmentOf}).
    function commitVote(bytes32 id, bytes32 commitment) external;

    /// @notice Reveals the caller's committed vote in dispute `id` during its reveal period; its weight is added to
    ///         the side it chose.
    /// @param id The execution dispute.
    /// @param uphold True: the block's committed state root is wrong (the challenge is upheld).
    /// @param salt The salt of the commitment.
    function revealVote(bytes32 id, bool uphold, bytes32 salt) external;

    /// @notice Closes dispute `id`'s vote with `outcome` and takes what it moves: `msg.value` is the challenger's bond,
    ///         `tokenReward` the tokens the SequencerRegistry credited to this contract for the convicted batch's
    ///         signers. Only the dispute manager.
    /// @param id The dispute.
    /// @param openedAt When it opened.
    /// @param outcome How it ended (not None).
    /// @param challenger Who receives the refund and the challenger's share.
    /// @param tokenReward Token wei this contract may claim from the SequencerRegistry for this dispute.
    function closeVote(
        bytes32 id,
        uint256 openedAt,
        Types.Outcome outcome,
        address challenger,
        uint256 tokenReward
    ) external payable;

    /// @notice Settles up to `maxVotes` closed votes for `verifier`, in closing order: rewards, strikes and, at
    ///         `maxStrikes`, its slash and removal. Anyone may call it.
    /// @param verifier The verifier to settle.
    /// @param maxVotes The most closed votes to go through in this call.
    /// @return settled Closed votes settled for it after this call.
    function settle(address verifier, uint256 maxVotes) external returns (uint256 settled);

    /// @notice Pays the caller every ETH and token amount credited to it (rewards, refunds, shares).
    function claim() external;

    // ---- Governance --------------------------------------------------------------------------------------------------

    function setMinVerifierStake(uint256 newValue) external;

    function setVerifierExitDelay(uint256 newValue) external;

    function setMaxStrikes(uint256 newValue) external;

    function setVerifierSlashBps(uint256 newValue) external;

    function setCommitPeriod(uint256 newValue) external;

    function setRevealPeriod(uint256 newValue) external;

    function setEscalationPeriod(uint256 newValue) external;

    function setQuorumBps(uint256 newValue) external;

    function setVoterShareBps(uint256 newValue) external;

    // ---- Views -----------------------------------------------------------------------------------------------------

    /// @notice The phase of dispute `id`'s vote for a dispute opened at `openedAt`, and when that phase ends (0 for a
    ///         phase without end). Ignores whether the dispute was already resolved (DisputeManager knows).
    function votePhase(bytes32 id, uint256 openedAt) external view returns (VotePhase phase, uint256 endsAt);

    /// @notice The terms of a dispute opened at `openedAt` (those in force the second before).
    function termsAt(uint256 openedAt) external view returns (Terms memory);

    /// @notice The terms of a dispute opening now.
    function terms() external view returns (Terms memory);

    /// @notice Weights revealed in dispute `id` on each side.
    function tally(bytes32 id) external view returns (uint256 forStake, uint256 againstStake);

    /// @notice `verifier`'s commitment in dispute `id` (zero: none), and whether and how it revealed.
    function ballotOf(
        bytes32 id,
        address verifier
    ) external view returns (bytes32 commitment, bool revealed, bool uphold);

    /// @notice The commitment {commitVote} expects.
    function commitmentOf(bytes32 id, bool uphold, bytes32 salt, address voter) external pure returns (bytes32);

    /// @notice `verifier`'s weight at `timepoint` (its stake while Active, else zero).
    function weightAt(address verifier, uint256 timepoint) external view returns (uint256);

    /// @notice The sum of every verifier's weight at `timepoint`.
    function totalWeightAt(uint256 timepoint) external view returns (uint256);

    function verifierInfo(address verifier) external view returns (Verifier memory);

    function verifierStatus(address verifier) external view returns (VerifierStatus);

    /// @notice Closed votes so far.
    function closedVoteCount() external view returns (uint256);

    /// @notice The dispute id of closed vote number `position`, and its record.
    function closedVote(uint256 position) external view returns (bytes32 id, ClosedVote memory vote);

    /// @notice ETH (wei) and tokens (token wei) `account` may {claim}.
    function claimable(address account) external view returns (uint256 eth, uint256 tokens);

    function minVerifierStake() external view returns (uint256);

    function verifierExitDelay() external view returns (uint256);

    function maxStrikes() external view returns (uint256);

    function verifierSlashBps() external view returns (uint256);

    function token() external view returns (address);

    function registry() external view returns (address);

    function disputeManager() external view returns (address);
}
