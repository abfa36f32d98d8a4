// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

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
///      `commitVote(id, keccak256(abi.encode(id, uphold, salt, voter)))` while `A(now) < A(openedAt) + commitPeriod`,
///      then `revealVote(id, uphold, salt)` while `A(now) < A(openedAt) + commitPeriod + revealPeriod`, where `A` is
///      BatchChain's active clock (`activeTime`, `activeTimeAt`: wall time less the time spent paused), so a pause
///      gives voters back exactly the time it took. The exit delay runs on the same clock. The vote counts the
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
///      a revealed vote on the winning side (or any revealed vote that governance decided or that lapsed) clears its
///      strikes.
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
    /// @param exitableAt When it may withdraw (0 while Active): stored as a BatchChain active time, returned by
    ///        {verifierInfo} as the wall time the active clock reaches it at (later if a pause comes first).
    /// @param status Its lifecycle state.
    /// @param strikes Strikes in a row, as settled so far.
    /// @param settled How many closed votes are settled for it (the next one to settle is `closedVote(settled)`).
    /// @param weightSince When its weight last changed (its stake while Active, else zero, counts from then on).
    // One slot already (96 + 40 + 8 + 8 + 32 + 40 bits): the packing estimate is wrong here.
    // solhint-disable-next-line gas-struct-packing
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

    /// @notice `verifier` staked `amount` more (its first stake included); its stake is now `stake`, which is its
    ///         weight in disputes opened from the next second on.
    /// @param verifier The staking account, which commits and reveals votes with it.
    /// @param amount Tokens added, in token wei.
    /// @param stake Its whole stake now, in token wei.
    event VerifierStaked(address indexed verifier, uint256 amount, uint256 stake);
    /// @notice `verifier` asked to exit: it has no weight in disputes opened from the next second on, still votes (and
    ///         is struck) in those opened before, and may withdraw from `exitableAt`.
    /// @param verifier The staking account.
    /// @param exitableAt Unix time (seconds) from which it may {withdraw}: `verifierExitDelay` of BatchChain's active
    ///        time from now (as the pauses known now say; a later pause moves it by its length).
    event VerifierExitRequested(address indexed verifier, uint256 exitableAt);
    /// @notice `verifier` withdrew its whole remaining stake; its record is cleared (status None) except how many
    ///         closed votes are settled for it.
    /// @param verifier The staking account.
    /// @param amount Stake paid out, in token wei (zero when slashing took all of it).
    event VerifierWithdrawn(address indexed verifier, uint256 amount);
    /// @notice `verifier` committed to a vote in dispute `id`.
    /// @param id The execution dispute (DisputeManager's id).
    /// @param verifier The committing verifier.
    /// @param commitment `keccak256(abi.encode(id, uphold, salt, verifier))` ({commitmentOf}), hiding its side.
    event VoteCommitted(bytes32 indexed id, address indexed verifier, bytes32 commitment);
    /// @notice `verifier` revealed its vote in dispute `id`: `weight` was added to the side `uphold` names.
    /// @param id The execution dispute.
    /// @param verifier The revealing verifier.
    /// @param uphold True: a vote to uphold the challenge (the committed state root is wrong); false: to reject it.
    /// @param weight Its weight in the dispute (its stake the second before the dispute opened), in token wei.
    event VoteRevealed(bytes32 indexed id, address indexed verifier, bool uphold, uint256 weight);
    /// @notice Dispute `id`'s vote closed with `outcome` as closed vote number `position`, with the majority voters'
    ///         pools and the shares credited to the challenger and the treasury.
    /// @param id The execution dispute.
    /// @param position Its place in closing order: {closedVote}`(position)`, the order {settle} walks (a void vote is
    ///        not listed: it names the place the next listed vote takes).
    /// @param outcome How the dispute ended (never None).
    /// @param ethPool ETH the majority voters share in proportion to their weight, in wei (the voters' share of a
    ///        bond the vote rejected; zero otherwise).
    /// @param tokenPool Tokens the majority voters share in proportion to their weight, in token wei (the voters'
    ///        share of the convicted signers' reward when the vote upheld; zero otherwise).
    /// @param challengerEth ETH credited to the challenger, in wei: its bond back unless the challenge was rejected.
    /// @param challengerTokens Tokens credited to the challenger, in token wei: the rest of the signers' reward (all
    ///        of it when governance upheld).
    /// @param treasuryEth ETH credited to the treasury, in wei: the rest of a rejected bond (all of it when
    ///        governance rejected).
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
    /// @notice The reward of cosigners slashed after dispute `id` convicted their header: `challengerTokens` to the
    ///         challenger, `treasuryTokens` (the voters' share) to the treasury.
    /// @param id The dispute that convicted the header.
    /// @param challenger Its challenger.
    /// @param challengerTokens Token wei credited to the challenger.
    /// @param treasuryTokens Token wei credited to the treasury.
    event CosignerRewardCredited(
        bytes32 indexed id,
        address indexed challenger,
        uint256 challengerTokens,
        uint256 treasuryTokens
    );
    /// @notice `verifier` earned `ethReward` and `tokenReward` for revealing on the winning side of dispute `id`'s
    ///         vote; both are credited to it, to {claim}.
    /// @param id The execution dispute.
    /// @param verifier The rewarded verifier.
    /// @param ethReward Its share of the vote's `ethPool`, in wei: pro rata of its weight in the winning side's,
    ///        rounded down.
    /// @param tokenReward Its share of the vote's `tokenPool`, in token wei, computed the same way.
    event VoterRewarded(bytes32 indexed id, address indexed verifier, uint256 ethReward, uint256 tokenReward);
    /// @notice `verifier` got a strike for dispute `id`: it had weight in the vote and did not reveal, or revealed
    ///         for the losing side of a vote the verifiers decided.
    /// @param id The execution dispute.
    /// @param verifier The struck verifier (still staked: one that withdrew is not struck).
    /// @param strikes Its strikes in a row, this one included; at {maxStrikes} it is slashed ({VerifierSlashed}).
    event VerifierStruck(bytes32 indexed id, address indexed verifier, uint256 strikes);
    /// @notice `verifier` reached `maxStrikes`: `amount` of its stake was slashed to the treasury and it was removed,
    ///         withdrawable from `exitableAt`.
    /// @param verifier The removed verifier; its strikes start again from zero.
    /// @param amount Stake taken, in token wei: `verifierSlashBps` of its stake, rounded down, credited to the
    ///        treasury to {claim}.
    /// @param exitableAt Unix time (seconds, as the pauses known now say) from which it may {withdraw}:
    ///        `verifierExitDelay` of BatchChain's active time from now, or the exit
    ///        time it already had when that is later.
    event VerifierSlashed(address indexed verifier, uint256 amount, uint256 exitableAt);
    /// @notice Governance slashed `verifier` by proposal ({slash}), for `reason`; {VerifierSlashed} has the amount.
    /// @param verifier The slashed and removed verifier.
    /// @param bps The share of its stake taken, in basis points.
    /// @param reason Why, as the proposal states it (for example a keccak256 of the text, or a short ASCII tag).
    event VerifierSlashedByGovernance(address indexed verifier, uint256 bps, bytes32 reason);
    /// @notice `account` pulled `eth` wei and `tokens` token wei.
    /// @param account The account paid: a verifier, a challenger or the treasury.
    /// @param eth ETH paid, in wei: everything credited to it so far.
    /// @param tokens Tokens paid, in token wei: everything credited to it so far.
    event PayoutClaimed(address indexed account, uint256 eth, uint256 tokens);
    /// @notice Governance changed {minVerifierStake}; it applies to stakes and top-ups from now on (a stake already
    ///         below it keeps its weight).
    /// @param oldValue The previous minimum, in token wei.
    /// @param newValue The new minimum, in token wei.
    event MinVerifierStakeUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed {verifierExitDelay}; it applies to exits and removals from now on (a set exit time
    ///         does not move).
    /// @param oldValue The previous delay, in seconds.
    /// @param newValue The new delay, in seconds: longer than the longest vote (commit + reveal + escalation
    ///        periods) of the latest terms.
    event VerifierExitDelayUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed {maxStrikes}; it applies at once, to every later {settle}.
    /// @param oldValue The previous number of strikes in a row that slash and remove.
    /// @param newValue The new number.
    event MaxStrikesUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed {verifierSlashBps}; it applies to removals from now on.
    /// @param oldValue The previous share of a struck-out verifier's stake slashed, in basis points.
    /// @param newValue The new share, in basis points.
    event VerifierSlashBpsUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed the commit period; it applies to disputes opened from the next second on.
    /// @param oldValue The previous period, in seconds.
    /// @param newValue The new period, in seconds.
    event CommitPeriodUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed the reveal period; it applies to disputes opened from the next second on.
    /// @param oldValue The previous period, in seconds.
    /// @param newValue The new period, in seconds.
    event RevealPeriodUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed the escalation period; it applies to disputes opened from the next second on.
    /// @param oldValue The previous period, in seconds.
    /// @param newValue The new period, in seconds.
    event EscalationPeriodUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed the turnout a vote needs; it applies to disputes opened from the next second on.
    /// @param oldValue The previous turnout, in basis points of the total weight at the opening.
    /// @param newValue The new turnout, in basis points.
    event QuorumBpsUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed the majority voters' share of what a decided vote moves; it applies to disputes
    ///         opened from the next second on.
    /// @param oldValue The previous share, in basis points.
    /// @param newValue The new share, in basis points.
    event VoterShareBpsUpdated(uint256 oldValue, uint256 newValue);

    /// @notice The stake would end below `minimum`.
    error VerifierRegistryStakeTooLow(uint256 stake, uint256 minimum);
    /// @notice A zero amount.
    error VerifierRegistryZeroAmount();
    /// @notice `verifier` is not Active (it never staked, is exiting, or was removed).
    error VerifierRegistryNotActive(address verifier);
    /// @notice `verifier` has no stake to withdraw.
    error VerifierRegistryNotStaked(address verifier);
    /// @notice `verifier` may withdraw only from `exitableAt` (wall time; 0: it has not asked to exit).
    error VerifierRegistryNotWithdrawable(address verifier, uint256 exitableAt);
    /// @notice `verifier` must first settle closed votes `settled` to `closed` ({settle}).
    error VerifierRegistryUnsettled(address verifier, uint256 settled, uint256 closed);
    /// @notice No open execution dispute `id`.
    error VerifierRegistryUnknownVote(bytes32 id);
    /// @notice Commitments to dispute `id` were taken until `commitEnd` (wall time).
    error VerifierRegistryCommitClosed(bytes32 id, uint256 commitEnd);
    /// @notice Reveals for dispute `id` are taken from `revealStart` until `revealEnd` (wall times, as the pauses known
    ///         now say).
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
    /// @notice A governance slash of `bps` basis points: it must be 1 to 10,000.
    error VerifierRegistryInvalidBps(uint256 bps);

    // ---- Stake ---------------------------------------------------------------------------------------------------

    /// @notice Stakes `amount` (more) tokens, pulled with `transferFrom`; the stake must reach `minVerifierStake`.
    ///         It counts in disputes opened from the next second on. Only while not exiting.
    /// @dev Requires a non-zero amount, a caller that is None or Active (not Exiting or Removed) and an approval.
    ///      Emits {VerifierStaked}.
    /// @param amount Token wei to add.
    function stake(uint256 amount) external;

    /// @notice Asks to exit: no weight in disputes opened from the next second on; withdrawable after
    ///         `verifierExitDelay`.
    /// @dev Requires an Active caller. Its stake stays slashable, and it is still struck in the disputes opened
    ///      before, until it withdraws. Emits {VerifierExitRequested}.
    function requestExit() external;

    /// @notice Pays out the caller's whole stake once its exit delay has passed and every closed vote is settled for
    ///         it.
    /// @dev Requires an Exiting or Removed caller, `exitableAt` reached, and {settle} done up to {closedVoteCount}.
    ///      Emits {VerifierWithdrawn}.
    function withdraw() external;

    // ---- Votes -----------------------------------------------------------------------------------------------------

    /// @notice Commits the caller's vote in open dispute `id` during its commit period. The caller needs stake at the
    ///         second before the dispute opened.
    /// @dev Requires an open dispute, `A(now) < A(openedAt) + commitPeriod` (active time), weight in it, and no
    ///      commitment yet (one per verifier, never replaced). Emits {VoteCommitted}.
    /// @param id The execution dispute (DisputeManager's id).
    /// @param commitment `keccak256(abi.encode(id, uphold, salt, msg.sender))` (see {commitmentOf}).
    function commitVote(bytes32 id, bytes32 commitment) external;

    /// @notice Reveals the caller's committed vote in dispute `id` during its reveal period; its weight is added to
    ///         the side it chose.
    /// @dev Requires an open dispute, `A(openedAt) + commitPeriod <= A(now) < A(openedAt) + commitPeriod +
    ///      revealPeriod` (active time), and an unrevealed commitment that `(id, uphold, salt, msg.sender)` hashes
    ///      to. Emits {VoteRevealed}.
    /// @param id The execution dispute.
    /// @param uphold True: the block's committed state root is wrong (the challenge is upheld).
    /// @param salt The salt of the commitment.
    function revealVote(bytes32 id, bool uphold, bytes32 salt) external;

    /// @notice Closes dispute `id`'s vote with `outcome` and takes what it moves: `msg.value` is the challenger's bond,
    ///         `tokenReward` the tokens the SequencerRegistry credited to this contract for the convicted batch's
    ///         signers. Only the dispute manager.
    /// @dev Credits the challenger's and the treasury's shares and records the majority voters' pools, which
    ///      {settle} pays out. Emits {VoteClosed}.
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

    /// @notice Takes the reward of signers of a header convicted by dispute `id` that its resolver left out and
    ///         `slashCosigners` slashed later: the challenger's share to `challenger`, the voters' share to the
    ///         treasury (the vote's pool is settled already). Only the dispute manager.
    /// @param id The closed dispute that convicted the header.
    /// @param challenger Its challenger.
    /// @param tokenReward Token wei the SequencerRegistry credited to this contract for those signers.
    function creditCosigners(bytes32 id, address challenger, uint256 tokenReward) external;

    /// @notice Settles up to `maxVotes` closed votes for `verifier`, in closing order: rewards, strikes and, at
    ///         `maxStrikes`, its slash and removal. Anyone may call it.
    /// @dev Credits the rewards to the verifier. Emits {VoterRewarded}, {VerifierStruck} and {VerifierSlashed} as
    ///      they happen.
    /// @param verifier The verifier to settle.
    /// @param maxVotes The most closed votes to go through in this call.
    /// @return settled Closed votes settled for it after this call.
    function settle(address verifier, uint256 maxVotes) external returns (uint256 settled);

    /// @notice Pays the caller every ETH and token amount credited to it (rewards, refunds, shares).
    /// @dev Requires something to claim; pulls this contract's rewards from the SequencerRegistry first when tokens
    ///      are due. Emits {PayoutClaimed}.
    function claim() external;

    // ---- Governance --------------------------------------------------------------------------------------------

    /// @notice Governance: slashes `bps` of `verifier`'s stake to the treasury and removes it, through the same path
    ///         as a strike-out (its weight leaves every later dispute; it may withdraw the rest after
    ///         `verifierExitDelay`). Only GOVERNOR_ROLE (the timelock, so only by proposal). Reverts
    ///         {VerifierRegistryInvalidBps} for 0 or more than 10,000, {VerifierRegistryNotStaked} for an account
    ///         holding no stake. Emits {VerifierSlashed} and {VerifierSlashedByGovernance}.
    /// @param verifier The verifier to slash: Active, Exiting or Removed, with stake left.
    /// @param bps Share of its stake to take, in basis points (1 to 10,000).
    /// @param reason Why, as the proposal states it.
    /// @return amount Stake taken, in token wei (rounded down), credited to the treasury.
    function slash(address verifier, uint256 bps, bytes32 reason) external returns (uint256 amount);

    /// @notice Governance: sets the least stake a verifier holds. Bounds: 1 to 1,000,000 tokens. Only GOVERNOR_ROLE.
    ///         Emits {MinVerifierStakeUpdated}.
    /// @param newValue The minimum, in token wei; it applies to stakes and top-ups from now on.
    function setMinVerifierStake(uint256 newValue) external;

    /// @notice Governance: sets the exit delay. Bounds: longer than the longest vote of the latest terms (commit +
    ///         reveal + escalation periods) to 90 days. Only GOVERNOR_ROLE. Emits {VerifierExitDelayUpdated}.
    /// @param newValue The delay in seconds; it applies to exits and removals from now on.
    function setVerifierExitDelay(uint256 newValue) external;

    /// @notice Governance: sets the strikes in a row that slash and remove a verifier. Bounds: 1 to 100. Only
    ///         GOVERNOR_ROLE. Emits {MaxStrikesUpdated}.
    /// @param newValue The number of strikes; it applies at once, to every later {settle}.
    function setMaxStrikes(uint256 newValue) external;

    /// @notice Governance: sets the share of a struck-out verifier's stake slashed. Bounds: 100 to 10,000. Only
    ///         GOVERNOR_ROLE. Emits {VerifierSlashBpsUpdated}.
    /// @param newValue The share in basis points; it applies to removals from now on.
    function setVerifierSlashBps(uint256 newValue) external;

    /// @notice Governance: sets the commit period. Bounds: 1 hour to 7 days, and the whole vote (commit + reveal +
    ///         escalation periods) shorter than the exit delay. Only GOVERNOR_ROLE. Emits {CommitPeriodUpdated}.
    /// @param newValue The period in seconds; it applies to disputes opened from the next second on.
    function setCommitPeriod(uint256 newValue) external;

    /// @notice Governance: sets the reveal period. Bounds: 1 hour to 7 days, and the whole vote shorter than the
    ///         exit delay. Only GOVERNOR_ROLE. Emits {RevealPeriodUpdated}.
    /// @param newValue The period in seconds; it applies to disputes opened from the next second on.
    function setRevealPeriod(uint256 newValue) external;

    /// @notice Governance: sets how long governance may decide a vote without turnout. Bounds: 19 to 30 days (at least
    ///         a whole proposal at the governance defaults), and the whole vote shorter than the exit delay. Only
    ///         GOVERNOR_ROLE. Emits {EscalationPeriodUpdated}.
    /// @param newValue The period in seconds; it applies to disputes opened from the next second on.
    function setEscalationPeriod(uint256 newValue) external;

    /// @notice Governance: sets the turnout a vote needs. Bounds: 1,000 to 10,000. Only GOVERNOR_ROLE. Emits
    ///         {QuorumBpsUpdated}.
    /// @param newValue The turnout in basis points of the total weight at the opening; it applies to disputes opened
    ///        from the next second on.
    function setQuorumBps(uint256 newValue) external;

    /// @notice Governance: sets the majority voters' share of what a decided vote moves. Bounds: 1,000 to 10,000.
    ///         Only GOVERNOR_ROLE. Emits {VoterShareBpsUpdated}.
    /// @param newValue The share in basis points; it applies to disputes opened from the next second on.
    function setVoterShareBps(uint256 newValue) external;

    // ---- Views -----------------------------------------------------------------------------------------------------

    /// @notice The phase of dispute `id`'s vote for a dispute opened at `openedAt`, and when that phase ends (0 for a
    ///         phase without end). Ignores whether the dispute was already resolved (DisputeManager knows).
    /// @param id The execution dispute, whose revealed weights decide it.
    /// @param openedAt When it opened (its {IDisputeManager-ExecutionDispute} `openedAt`; 0: phase None).
    /// @return phase Where the vote stands now.
    /// @return endsAt Unix time (seconds) at which the phase ends: the commit, reveal or escalation end for
    ///         Committing, Revealing or NoTurnout; 0 for the others. The phases run on BatchChain's active clock: this
    ///         is the wall time it reaches the end at as the pauses known now say (a later pause moves it again).
    function votePhase(bytes32 id, uint256 openedAt) external view returns (VotePhase phase, uint256 endsAt);

    /// @notice The terms of a dispute opened at `openedAt` (those in force the second before).
    /// @param openedAt Unix time (seconds) of the opening; not 0.
    /// @return The commit, reveal and escalation periods, quorum and voters' share that apply to it.
    function termsAt(uint256 openedAt) external view returns (Terms memory);

    /// @notice The terms of a dispute opening now.
    /// @return The terms in force the second before this block (a change made in it applies from the next second).
    function terms() external view returns (Terms memory);

    /// @notice Weights revealed in dispute `id` on each side.
    /// @param id The execution dispute.
    /// @return forStake Weight revealed to uphold, in token wei.
    /// @return againstStake Weight revealed to reject, in token wei.
    function tally(bytes32 id) external view returns (uint256 forStake, uint256 againstStake);

    /// @notice `verifier`'s commitment in dispute `id`, and whether and how it revealed.
    /// @param id The execution dispute.
    /// @param verifier The verifier.
    /// @return commitment Its commitment while unrevealed (zero: none, or revealed).
    /// @return revealed Whether it revealed.
    /// @return uphold The side it revealed (false while unrevealed).
    function ballotOf(
        bytes32 id,
        address verifier
    ) external view returns (bytes32 commitment, bool revealed, bool uphold);

    /// @notice The commitment {commitVote} expects.
    /// @param id The execution dispute.
    /// @param uphold The side voted for (true: uphold the challenge).
    /// @param salt A secret the voter picks and reveals with {revealVote}.
    /// @param voter The verifier that commits (the caller of {commitVote}).
    /// @return `keccak256(abi.encode(id, uphold, salt, voter))`.
    function commitmentOf(bytes32 id, bool uphold, bytes32 salt, address voter) external pure returns (bytes32);

    /// @notice `verifier`'s weight at `timepoint` (its stake while Active, else zero).
    /// @param verifier The verifier.
    /// @param timepoint Unix time (seconds); a dispute opened at `t` uses the weight at `t - 1`.
    /// @return The weight, in token wei.
    function weightAt(address verifier, uint256 timepoint) external view returns (uint256);

    /// @notice The sum of every verifier's weight at `timepoint`.
    /// @param timepoint Unix time (seconds); a dispute opened at `t` measures its turnout against the total at
    ///        `t - 1`.
    /// @return The total weight, in token wei.
    function totalWeightAt(uint256 timepoint) external view returns (uint256);

    /// @notice The record of `verifier` (all zero when it never staked; after a withdrawal only `settled` stays).
    /// @param verifier The staking account.
    /// @return The record; see {Verifier} for each field's meaning and units.
    function verifierInfo(address verifier) external view returns (Verifier memory);

    /// @notice Where `verifier` is in its lifecycle.
    /// @param verifier The staking account.
    /// @return The status; see {VerifierStatus}.
    function verifierStatus(address verifier) external view returns (VerifierStatus);

    /// @notice Closed votes so far.
    /// @return Their number: the `settled` a verifier must reach before it withdraws.
    function closedVoteCount() external view returns (uint256);

    /// @notice The dispute id of closed vote number `position`, and its record.
    /// @param position Its place in closing order, below {closedVoteCount}.
    /// @return id The execution dispute.
    /// @return vote Its tally, opening time, outcome and the majority voters' pools.
    function closedVote(uint256 position) external view returns (bytes32 id, ClosedVote memory vote);

    /// @notice ETH (wei) and tokens (token wei) `account` may {claim}.
    /// @param account A verifier, challenger or treasury.
    /// @return eth ETH credited to it, in wei.
    /// @return tokens Tokens credited to it, in token wei.
    function claimable(address account) external view returns (uint256 eth, uint256 tokens);

    /// @notice The least stake a verifier holds (1,000 tokens at deployment).
    /// @return The minimum, in token wei.
    function minVerifierStake() external view returns (uint256);

    /// @notice How long after asking to exit (or being removed) a verifier may withdraw (28 days at deployment), in
    ///         BatchChain's active time.
    /// @return The delay in seconds, always longer than the longest vote.
    function verifierExitDelay() external view returns (uint256);

    /// @notice Strikes in a row that slash and remove a verifier (3 at deployment).
    /// @return The number of strikes.
    function maxStrikes() external view returns (uint256);

    /// @notice The share of a struck-out verifier's stake slashed to the treasury (1,000 at deployment).
    /// @return The share in basis points.
    function verifierSlashBps() external view returns (uint256);

    /// @notice The protocol token verifiers stake, fixed at deployment.
    /// @return Its address.
    function token() external view returns (address);

    /// @notice The SequencerRegistry, fixed at deployment: its treasury receives slashed and rejected shares, and it
    ///         credits this contract the reward of signers a vote convicts.
    /// @return Its address.
    function registry() external view returns (address);

    /// @notice The DisputeManager whose disputes this registry votes on (fixed at deployment).
    /// @return Its address (zero until set).
    function disputeManager() external view returns (address);

    /// @notice The BatchChain whose active clock the vote phases and exit delays run on (fixed at deployment).
    /// @return Its address.
    function batchChain() external view returns (address);
}
