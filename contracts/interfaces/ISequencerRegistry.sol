// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ISequencerRegistry
/// @notice Staking, epochs, proposer rotation, quorum checks and slashing of the sequencers that commit L2 batches.
/// @dev Sequencers stake the protocol token between `minStake` and `maxStake` and name a signer key, which signs batch
///      headers and sends their proposals. The active set is frozen per epoch: joins, top-ups and exits take effect
///      when the next epoch is started, and a slashed sequencer leaves the current set at once. The order
///      in which members propose is a shuffle of the set seeded by `block.prevrandao` of the block that starts the
///      epoch, so it is not known before the epoch starts.
///
///      Quorum signatures are packed as `bytes`: one 65-byte entry per signer, `head (1 byte) ++ r (32) ++ s (32)`,
///      in strictly ascending order of signer address. The head's low seven bits are the signer's position in
///      {members} (which lets the check read one storage slot per signer) and its top bit is the parity of the
///      signature's `v` (0 for 27, 1 for 28).
interface ISequencerRegistry {
    /// @notice One member of the current epoch, in proposer order.
    /// @param signer The member's signer key.
    /// @param stake The member's stake frozen for this epoch (zero never appears: slashed members are removed).
    /// @param missedTurns Turns missed in a row this epoch; reset when the member proposes. At `maxMissedTurns` the
    ///        member is jailed from proposing until the epoch ends (it keeps its place and still signs).
    struct Member {
        address signer;
        uint88 stake;
        uint8 missedTurns;
    }

    /// @notice A staked sequencer.
    /// @param signer Its signer key.
    /// @param stake Tokens staked and still slashable.
    /// @param exitRequestedAt When the sequencer asked to leave (0 while it has not).
    /// @param exitEpoch The first epoch it is no longer a member of (0 while it has not asked to leave).
    /// @param jailed Whether it was slashed: it left the active set for good and can only exit.
    /// @param leftAt When it left the active set (its exit epoch started, or it was slashed); its exit delay runs
    ///        from then (0 while it is still in the set or may still join it).
    struct Sequencer {
        address signer;
        uint96 stake;
        uint40 exitRequestedAt;
        uint32 exitEpoch;
        bool jailed;
        uint40 leftAt;
    }

    /// @notice A sequencer registered with `signer` and `amount` staked.
    event Staked(address indexed sequencer, address indexed signer, uint256 amount);
    /// @notice A sequencer added `amount`; `newStake` counts from the next epoch.
    event StakeIncreased(address indexed sequencer, uint256 amount, uint256 newStake);
    /// @notice A sequencer asked to leave; it is out from epoch `exitEpoch` and may withdraw {effectiveExitDelay}
    ///         after that epoch starts (`earliestWithdrawal` if it started now).
    event ExitRequested(address indexed sequencer, uint32 exitEpoch, uint256 earliestWithdrawal);
    /// @notice A sequencer withdrew its remaining stake and was deregistered.
    event Withdrawn(address indexed sequencer, uint256 amount);
    /// @notice Epoch `number` started with `members` in proposer order and `totalStake` frozen.
    event EpochStarted(uint32 indexed number, bytes32 seed, address[] members, uint256 totalStake);
    /// @notice `signer`'s member missed a turn; `missedTurns` in a row so far.
    event TurnMissed(address indexed signer, uint256 missedTurns);
    /// @notice A sequencer was jailed; `reason` names why. Slashed (any other reason): it left the active set for
    ///         good. `missed-turns`: it may not propose until the epoch ends, and still signs.
    event SequencerJailed(address indexed sequencer, bytes32 reason);
    /// @notice `amount` of a sequencer's stake was slashed; `reward` of it is claimable by `prover`, the rest went to
    ///         the treasury.
    event SequencerSlashed(
        address indexed sequencer,
        uint256 bps,
        uint256 amount,
        address indexed prover,
        uint256 reward,
        bytes32 reason
    );
    /// @notice `account` claimed `amount` of rewards.
    event RewardClaimed(address indexed account, uint256 amount);
    event MinStakeUpdated(uint256 oldValue, uint256 newValue);
    event MaxStakeUpdated(uint256 oldValue, uint256 newValue);
    event MaxSequencersUpdated(uint256 oldValue, uint256 newValue);
    event ExitDelayUpdated(uint256 oldValue, uint256 newValue);
    event EpochDurationUpdated(uint256 oldValue, uint256 newValue);
    event RotationTimeoutUpdated(uint256 oldValue, uint256 newValue);
    event MaxMissedTurnsUpdated(uint256 oldValue, uint256 newValue);
    event RewardBpsUpdated(uint256 oldValue, uint256 newValue);
    event TreasuryUpdated(address oldValue, address newValue);

    /// @notice `amount` is outside [`min`, `max`].
    error SequencerRegistryStakeOutOfRange(uint256 amount, uint256 min, uint256 max);
    /// @notice `sequencer` is already registered.
    error SequencerRegistryAlreadyRegistered(address sequencer);
    /// @notice `sequencer` is not registered.
    error SequencerRegistryNotRegistered(address sequencer);
    /// @notice `signer` is zero or already names another sequencer.
    error SequencerRegistrySignerUnavailable(address signer);
    /// @notice All `max` seats are registered; one must exit before another can join.
    error SequencerRegistryFull(uint256 max);
    /// @notice `sequencer` already asked to leave.
    error SequencerRegistryExitAlreadyRequested(address sequencer);
    /// @notice `sequencer` has not asked to leave.
    error SequencerRegistryExitNotRequested(address sequencer);
    /// @notice `sequencer` was slashed (jailed); it can only exit.
    error SequencerRegistryJailed(address sequencer);
    /// @notice Withdrawal is possible {effectiveExitDelay} after the sequencer left the set: from `withdrawableAt`, or
    ///         0 while epoch `exitEpoch` has not started.
    error SequencerRegistryWithdrawTooEarly(uint32 exitEpoch, uint32 currentEpoch, uint256 withdrawableAt);
    /// @notice The current epoch runs until `endsAt`.
    error SequencerRegistryEpochNotOver(uint256 endsAt);
    /// @notice No eligible sequencer to form an epoch, or the current epoch has no active member.
    error SequencerRegistryNoActiveMembers();
    /// @notice Only the BatchChain may call.
    error SequencerRegistryOnlyBatchChain(address caller);
    /// @notice `proposer` sent the batch but `expected` is scheduled now.
    error SequencerRegistryNotScheduledProposer(address expected, address proposer);
    /// @notice The signature blob is empty or not a whole number of 65-byte entries.
    error SequencerRegistryMalformedSignatures(uint256 length);
    /// @notice A signature that does not recover to a signer (malformed, or malleable high-s).
    error SequencerRegistryInvalidSignature(uint256 position);
    /// @notice Signers must be strictly ascending: `signer` does not come after `previous`.
    error SequencerRegistryUnsortedSigners(address previous, address signer);
    /// @notice `signer` is not the active member at `memberIndex` (not a member, slashed, or a wrong index).
    error SequencerRegistrySignerNotActive(address signer, uint256 memberIndex);
    /// @notice `signedStake` is not strictly more than two thirds of `totalStake`.
    error SequencerRegistryInsufficientQuorum(uint256 signedStake, uint256 totalStake);
    /// @notice Basis points must be in (0, 10000].
    error SequencerRegistryInvalidBps(uint256 bps);
    /// @notice `value` is outside [`min`, `max`] for the parameter being set.
    error SequencerRegistryParameterOutOfRange(uint256 value, uint256 min, uint256 max);
    /// @notice Nothing to claim.
    error SequencerRegistryNothingToClaim(address account);
    /// @notice The zero address where an address is required.
    error SequencerRegistryZeroAddress();

    /// @notice Registers the caller as a sequencer with `signer` as its key and stakes `amount` tokens (approved).
    /// @dev Requires `minStake <= amount <= maxStake`, an unused non-zero signer and a free seat. The sequencer joins
    ///      the active set when the next epoch starts. Emits {Staked}.
    function stake(uint256 amount, address signer) external;

    /// @notice Adds `amount` tokens (approved) to the caller's stake; it counts from the next epoch.
    /// @dev Requires a registered, non-jailed sequencer that has not asked to leave, and the total within
    ///      `maxStake`. Emits {StakeIncreased}.
    function topUp(uint256 amount) external;

    /// @notice Asks to leave: the caller is out of the active set from the next epoch, and may withdraw after
    ///         {effectiveExitDelay}. The stake stays slashable until withdrawn. Emits {ExitRequested}.
    function requestExit() external;

    /// @notice Withdraws the caller's remaining stake and deregisters it.
    /// @dev Requires an exit request and {effectiveExitDelay} passed since the caller left the active set (its exit
    ///      epoch started, or it was slashed). Emits {Withdrawn}.
    function withdraw() external;

    /// @notice Starts the next epoch: freezes the active set (registered, not jailed, not leaving) and its total
    ///         stake, and shuffles the proposer order with `block.prevrandao`. Permissionless.
    /// @dev Requires the current epoch to be empty or to have lasted `epochDuration`. Emits {EpochStarted}.
    function startEpoch() external;

    /// @notice Checks that `signatures` carry a quorum for `digest`: distinct active signers in ascending order whose
    ///         frozen stake is strictly more than two thirds of the epoch's total. Returns the signed stake.
    /// @dev Reverts with the error that names the first problem found.
    function verifyQuorum(bytes32 digest, bytes calldata signatures) external view returns (uint256 signedStake);

    /// @notice Called by the BatchChain for each batch: checks that `proposer` is scheduled for `batchIndex` given
    ///         the time of the last accepted batch, verifies the quorum, and records a missed turn for each member
    ///         the rotation skipped before the proposer. A member that reaches `maxMissedTurns` in a row is jailed from
    ///         proposing until the epoch ends. When a whole rotation passed without a batch the L2 was idle, and no
    ///         member is charged.
    /// @dev Only the BatchChain. Emits {TurnMissed} and {SequencerJailed} when turns were missed.
    function authorizeBatch(
        uint256 batchIndex,
        uint256 lastAcceptedAt,
        address proposer,
        bytes32 digest,
        bytes calldata signatures
    ) external;

    /// @notice Slashes `bps` of `sequencer`'s stake for `reason` and jails it; all of it goes to the treasury. Returns
    ///         the amount slashed: zero, without reverting, for a sequencer that has withdrawn.
    /// @dev Only holders of SLASHER_ROLE (dispute manager, DA request manager, governance). Emits {SequencerSlashed}
    ///      and {SequencerJailed}.
    function slash(address sequencer, uint256 bps, bytes32 reason) external returns (uint256);

    /// @notice As {slash}, and credits `rewardBps` of the slashed amount to `prover`, the party that proved the fault,
    ///         to claim with {claim}.
    function slash(address sequencer, uint256 bps, bytes32 reason, address prover) external returns (uint256);

    /// @notice Transfers the caller's claimable rewards. Emits {RewardClaimed}.
    function claim() external;

    /// @notice The member scheduled to propose batch `batchIndex` now, given the time of the last accepted batch:
    ///         `members[(batchIndex + skipped) % size]`, where `skipped` counts the rotation timeouts that have passed,
    ///         or the next member after it that is not jailed from proposing.
    function scheduledProposer(
        uint256 batchIndex,
        uint256 lastAcceptedAt
    ) external view returns (address signer, uint256 skipped);

    /// @notice The current epoch: its number, start time, member count and frozen total stake.
    function currentEpoch() external view returns (uint32 number, uint256 startedAt, uint256 size, uint256 totalStake);

    /// @notice The current epoch's members in proposer order.
    function members() external view returns (Member[] memory);

    /// @notice Governance: sets the smallest stake a sequencer may register with. Bounds: 1 token to `maxStake`.
    function setMinStake(uint256 newValue) external;
    /// @notice Governance: sets the largest stake. Bounds: `minStake` to 10,000,000 tokens.
    function setMaxStake(uint256 newValue) external;
    /// @notice Governance: sets the number of seats. Bounds: the sequencers registered now (at least 1) to 64.
    function setMaxSequencers(uint256 newValue) external;
    /// @notice Governance: sets the exit delay. Bounds: 1 to 90 days (and {minimumExitDelay} applies on top).
    function setExitDelay(uint256 newValue) external;
    /// @notice Governance: sets the epoch duration. Bounds: 1 hour to 30 days.
    function setEpochDuration(uint256 newValue) external;
    /// @notice Governance: sets the rotation timeout. Bounds: 12 seconds to 1 hour.
    function setRotationTimeout(uint256 newValue) external;
    /// @notice Governance: sets the missed turns in a row that jail a member. Bounds: 1 to 100.
    function setMaxMissedTurns(uint256 newValue) external;
    /// @notice Governance: sets the prover's share of slashed stake. Bounds: 0 to 10,000 basis points.
    function setRewardBps(uint256 newValue) external;
    /// @notice Governance: sets where slashed stake goes (the timelock).
    function setTreasury(address newValue) external;

    /// @notice The record of `sequencer` (all zero when not registered).
    function sequencerInfo(address sequencer) external view returns (Sequencer memory);

    /// @notice The sequencer that `signer` belongs to (zero when none).
    function sequencerOf(address signer) external view returns (address);

    /// @notice Registered sequencers, in registration order (at most `maxSequencers`).
    function sequencers() external view returns (address[] memory);

    /// @notice Rewards `account` can claim.
    function claimable(address account) external view returns (uint256);

    /// @notice The exit delay in force: `exitDelay`, and never less than {minimumExitDelay}.
    function effectiveExitDelay() external view returns (uint256);

    /// @notice The fraud-proof window plus the longest DA window governance may set (7 days), so a leaving
    ///         sequencer is slashable for every batch it signed whatever the DA window is set to.
    function minimumExitDelay() external view returns (uint256);

    function minStake() external view returns (uint256);
    function maxStake() external view returns (uint256);
    function maxSequencers() external view returns (uint256);
    function exitDelay() external view returns (uint256);
    function epochDuration() external view returns (uint256);
    function rotationTimeout() external view returns (uint256);
    function maxMissedTurns() external view returns (uint256);
    function rewardBps() external view returns (uint256);
    function treasury() external view returns (address);
    function batchChain() external view returns (address);
}
