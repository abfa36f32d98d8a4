// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Types} from "../libraries/Types.sol";

/// @title ISequencerRegistry
/// @notice Staking, epochs, proposer rotation, quorum checks and slashing of the sequencers that commit L2 batches.
/// @dev Sequencers stake the protocol token between `minStake` and `maxStake` and name a signer key, which signs batch
///      headers and sends their proposals. The active set is frozen per epoch: joins, top-ups and exits take effect
///      at the next epoch, and a slashed sequencer leaves the current set at once. Stakes, rewards and their bounds
///      are amounts of the staked token in its smallest unit ("token wei": 10^-18 of a token with 18 decimals).
///
///      An epoch starts in two calls, so that nobody can choose its proposer order. {startEpoch} freezes who will be
///      in it (the sequencers registered before that block, minus those that asked to leave before it) and names a
///      seed block {EPOCH_SEED_DELAY} blocks ahead. {activateEpoch}, once that block is mined, orders the members by
///      `keccak256(seed, signer)` where the seed comes from the seed block's hash: unknown when the set was frozen,
///      and fixed, whoever activates and whenever.
///
///      Rotation: batch `k` is first offered to the first member at or after position `k mod n` that is not jailed
///      from proposing; after each rotation timeout without a batch, to the next such member. Once every one of them
///      has had its timeout, every member takes turns in plain order, jailed or not, so a proposer jail can delay the
///      chain by at most one timeout per eligible member and never stop it.
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
    ///        member is jailed from proposing: the rotation offers it a turn only after every member that is not
    ///        jailed had one. It keeps its place and still signs.
    struct Member {
        address signer;
        uint88 stake;
        uint8 missedTurns;
    }

    /// @notice A staked sequencer.
    /// @param signer Its signer key.
    /// @param stake Tokens staked and still slashable.
    /// @param joinedBlock The L1 block it staked in: it is a member from the first epoch frozen after that block.
    /// @param exitBlock The L1 block it asked to leave in (0 while it has not): it leaves the set when the first
    ///        epoch frozen after that block is activated.
    /// @param leftAt When it left the active set (the epoch without it started, or it was slashed); its exit delay
    ///        runs from then (0 while it is in the set or may still join it).
    /// @param lastBatch The last batch index when it left the set: every batch it can have signed is at or below it,
    ///        so it may withdraw only once that batch is final or rolled back.
    /// @param jailed Whether it was slashed: it left the active set for good and may only withdraw.
    /// @param slashes How many times the account was slashed, ever: it only grows, and it survives {withdraw} (the
    ///        one field a withdrawn account keeps), so the reward pool can tell that an account it credited was slashed
    ///        since, even after it withdrew and staked again (a slashed sequencer forfeits its unclaimed rewards).
    ///        It stops at 65,535 (never reached: each slash is a proven fault of a registered account).
    /// @param stakedAt When it staked (Unix time, seconds): the reward pool credits it only for batches submitted
    ///        later, so a newcomer cannot sign the final headers of batches from before it staked and take their
    ///        rewards.
    struct Sequencer {
        address signer;
        uint96 stake;
        uint40 joinedBlock;
        uint40 exitBlock;
        uint40 leftAt;
        uint64 lastBatch;
        bool jailed;
        uint16 slashes;
        uint40 stakedAt;
    }

    /// @notice A sequencer registered with `signer` and `amount` staked.
    /// @param sequencer The staking account, which holds the stake and may withdraw it.
    /// @param signer The key that signs batch headers and sends proposals for it.
    /// @param amount Stake, in token wei.
    event Staked(address indexed sequencer, address indexed signer, uint256 amount);
    /// @notice A sequencer added `amount`; `newStake` counts from the next epoch.
    /// @param sequencer The staking account.
    /// @param amount Stake added, in token wei.
    /// @param newStake Its stake now, in token wei.
    event StakeIncreased(address indexed sequencer, uint256 amount, uint256 newStake);
    /// @notice A sequencer asked to leave in L1 block `atBlock`; it leaves the set at the first epoch frozen after
    ///         it, and may withdraw {effectiveExitDelay} after that, once the last batch it could sign is final.
    /// @param sequencer The staking account.
    /// @param atBlock The L1 block number of the request ({Sequencer-exitBlock}).
    event ExitRequested(address indexed sequencer, uint256 atBlock);
    /// @notice A sequencer withdrew its remaining stake and was deregistered.
    /// @param sequencer The staking account, now unregistered; its signer key is free again.
    /// @param amount Stake paid out, in token wei (zero when slashing took all of it).
    event Withdrawn(address indexed sequencer, uint256 amount);
    /// @notice Epoch `number` will hold the sequencers eligible at `freezeBlock`; its order comes from the hash of
    ///         `seedBlock`, and {activateEpoch} may be called once that block is mined.
    /// @param number The scheduled epoch's number (the current one plus 1).
    /// @param freezeBlock L1 block number of {startEpoch}: the epoch holds the sequencers that staked before it and
    ///        had not asked to leave before it.
    /// @param seedBlock L1 block number whose hash seeds the order. Emitted again by {activateEpoch} with a new seed
    ///        block when the old one's hash had expired (256 blocks).
    event EpochScheduled(uint32 indexed number, uint256 freezeBlock, uint256 seedBlock);
    /// @notice The scheduled epoch `number` was dropped at activation: slashing left `members` members with
    ///         `totalStake`, below the minimums. {startEpoch} may be called again.
    /// @param number The dropped epoch's number; the current epoch goes on under its own number.
    /// @param members Members left in the frozen set.
    /// @param totalStake Their total stake, in token wei.
    event EpochCancelled(uint32 indexed number, uint256 members, uint256 totalStake);
    /// @notice Epoch `number` started with `members` in proposer order and `totalStake` frozen.
    /// @param number The new current epoch's number (1 for the first).
    /// @param seed keccak256(abi.encode(seed block hash, `number`, this registry)), by which members are ordered.
    /// @param members The members' signer keys in proposer order, as {members} returns them.
    /// @param totalStake Their total stake frozen for the epoch, in token wei: the quorum's denominator, which slashing
    ///        during the epoch does not lower.
    event EpochStarted(uint32 indexed number, bytes32 seed, address[] members, uint256 totalStake);
    /// @notice A sequencer left the active set (its exit took effect); it may withdraw after the exit delay once batch
    ///         `lastBatch` is final.
    /// @param sequencer The staking account.
    /// @param lastBatch The BatchChain's last batch index when it left (0 before the BatchChain exists): every batch
    ///        it can have signed is at or below it.
    event SequencerLeft(address indexed sequencer, uint256 lastBatch);
    /// @notice `signer`'s member missed a turn; `missedTurns` in a row so far.
    /// @param signer The member's signer key.
    /// @param missedTurns Its turns missed in a row, at most {maxMissedTurns}.
    event TurnMissed(address indexed signer, uint256 missedTurns);
    /// @notice A sequencer was jailed; `reason` names why. Slashed (any other reason): it left the active set for
    ///         good. `missed-turns`: it is offered turns only after every member that is not jailed, until it proposes
    ///         again or the epoch ends; it still signs.
    /// @param sequencer The staking account.
    /// @param reason "missed-turns" (`JAIL_MISSED_TURNS`), or the reason the slasher gave to {slash}.
    event SequencerJailed(address indexed sequencer, bytes32 reason);
    /// @notice `amount` of a sequencer's stake was slashed; `reward` of it is claimable by `prover`, the rest went to
    ///         the treasury.
    /// @param sequencer The staking account.
    /// @param bps Share of its stake slashed, in basis points (1 to 10,000).
    /// @param amount Stake taken, in token wei: `bps` of its stake at the time, rounded down.
    /// @param prover The party credited with the reward (zero when none).
    /// @param reward Part of `amount` credited to `prover` ({rewardBps} of it; zero without a prover).
    /// @param reason The reason the slasher gave.
    event SequencerSlashed(
        address indexed sequencer,
        uint256 bps,
        uint256 amount,
        address indexed prover,
        uint256 reward,
        bytes32 reason
    );
    /// @notice `account` claimed `amount` of rewards.
    /// @param account The prover paid.
    /// @param amount Tokens paid, in token wei: its whole claim.
    event RewardClaimed(address indexed account, uint256 amount);
    /// @notice Governance changed {minStake}; it applies to registrations from now on.
    /// @param oldValue The previous minimum, in token wei.
    /// @param newValue The new minimum, in token wei.
    event MinStakeUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed {maxStake}; it applies to registrations and top-ups from now on.
    /// @param oldValue The previous maximum, in token wei.
    /// @param newValue The new maximum, in token wei.
    event MaxStakeUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed the number of seats ({maxSequencers}).
    /// @param oldValue The previous number of seats.
    /// @param newValue The new number of seats.
    event MaxSequencersUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed {exitDelay}; it applies at once, to sequencers that already left too.
    /// @param oldValue The previous delay, in seconds.
    /// @param newValue The new delay, in seconds ({effectiveExitDelay} is never below {minimumExitDelay}).
    event ExitDelayUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed {epochDuration}; it applies at once, to the current epoch too.
    /// @param oldValue The previous duration, in seconds.
    /// @param newValue The new duration, in seconds.
    event EpochDurationUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed {rotationTimeout}; it applies at once, to the batch being waited for too.
    /// @param oldValue The previous timeout, in seconds.
    /// @param newValue The new timeout, in seconds.
    event RotationTimeoutUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed {maxMissedTurns}; it applies at once.
    /// @param oldValue The previous number of missed turns in a row that jails from proposing.
    /// @param newValue The new number.
    event MaxMissedTurnsUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed the prover's share of slashed stake ({rewardBps}), for slashes from now on.
    /// @param oldValue The previous share, in basis points.
    /// @param newValue The new share, in basis points.
    event RewardBpsUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed where slashed stake goes ({treasury}).
    /// @param oldValue The previous treasury.
    /// @param newValue The new treasury (never zero).
    event TreasuryUpdated(address oldValue, address newValue);
    /// @notice Governance changed {minMembers}; it applies to the next {startEpoch}, {activateEpoch} and
    ///         {releaseExits}.
    /// @param oldValue The previous fewest members an epoch may start with.
    /// @param newValue The new fewest members.
    event MinMembersUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed {minEpochStake}; it applies to the next {startEpoch}, {activateEpoch} and
    ///         {releaseExits}.
    /// @param oldValue The previous least total stake an epoch may start with, in token wei.
    /// @param newValue The new least total stake, in token wei.
    event MinEpochStakeUpdated(uint256 oldValue, uint256 newValue);

    /// @notice `amount` is outside [`min`, `max`].
    error SequencerRegistryStakeOutOfRange(uint256 amount, uint256 min, uint256 max);
    /// @notice `sequencer` is already registered.
    error SequencerRegistryAlreadyRegistered(address sequencer);
    /// @notice `sequencer` is not registered.
    error SequencerRegistryNotRegistered(address sequencer);
    /// @notice `signer` is zero or already names another sequencer.
    error SequencerRegistrySignerUnavailable(address signer);
    /// @notice All `max` seats are held by live stake; one must leave before another can join.
    error SequencerRegistryFull(uint256 max);
    /// @notice `sequencer` already asked to leave.
    error SequencerRegistryExitAlreadyRequested(address sequencer);
    /// @notice `sequencer` was slashed (jailed): it has left the set and may only withdraw.
    error SequencerRegistryJailed(address sequencer);
    /// @notice Withdrawal is possible {effectiveExitDelay} after the sequencer left the set: from `withdrawableAt`, or
    ///         0 while it has not left (it has not asked to, or the epoch without it has not started).
    error SequencerRegistryWithdrawTooEarly(uint256 withdrawableAt);
    /// @notice Batch `batchIndex`, the newest live batch the sequencer could have signed, is `status`: the stake stays
    ///         until it is Finalized (and with it every earlier batch).
    error SequencerRegistrySignedBatchNotFinal(uint256 batchIndex, Types.BatchStatus status);
    /// @notice The current epoch runs until `endsAt`.
    error SequencerRegistryEpochNotOver(uint256 endsAt);
    /// @notice An epoch is already scheduled; activate it with {activateEpoch} once block `seedBlock` is mined.
    error SequencerRegistryEpochPending(uint256 seedBlock);
    /// @notice No epoch is scheduled; call {startEpoch} first.
    error SequencerRegistryNoEpochPending();
    /// @notice The seed block `seedBlock` of the scheduled epoch is not mined yet.
    error SequencerRegistryEpochSeedNotReady(uint256 seedBlock);
    /// @notice The next set would have `members` members and `totalStake`, below `minMembers` or `minTotalStake`.
    error SequencerRegistryEpochTooSmall(
        uint256 members,
        uint256 totalStake,
        uint256 minMembers,
        uint256 minTotalStake
    );
    /// @notice The current epoch has no active member.
    error SequencerRegistryNoActiveMembers();
    /// @notice A new epoch can start: exits take effect through {startEpoch} and {activateEpoch}.
    error SequencerRegistryEpochCanStart();
    /// @notice No seat holder has asked to leave.
    error SequencerRegistryNothingToRelease();
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
    /// @dev Requires `minStake <= amount <= maxStake`, an unused non-zero signer and a free seat (seats are held only
    ///      by sequencers that are in the set or may join it: not slashed, not gone). The sequencer joins the active
    ///      set at the first epoch frozen after this block. Emits {Staked}.
    /// @param amount Stake, in token wei, between {minStake} and {maxStake}.
    /// @param signer The key that will sign batch headers and send proposals (not zero, not another sequencer's).
    function stake(uint256 amount, address signer) external;

    /// @notice Adds `amount` tokens (approved) to the caller's stake; it counts from the next epoch.
    /// @dev Requires a registered, non-jailed sequencer that has not asked to leave, and the total within
    ///      `maxStake`. Emits {StakeIncreased}.
    /// @param amount Stake to add, in token wei (not zero).
    function topUp(uint256 amount) external;

    /// @notice Asks to leave: the caller leaves the active set when the first epoch frozen after this block starts,
    ///         and may withdraw {effectiveExitDelay} later once the last batch it could sign is final. A sequencer in
    ///         neither the current set nor a scheduled one (it never signed) leaves at once. The stake stays slashable
    ///         until withdrawn. Emits {ExitRequested}, and {SequencerLeft} when it leaves at once.
    /// @dev Requires a registered, non-jailed sequencer that has not asked before.
    function requestExit() external;

    /// @notice Withdraws the caller's remaining stake and deregisters it.
    /// @dev Requires that the caller left the active set (its exit took effect, or it was slashed) at least
    ///      {effectiveExitDelay} of active time ago ({IBatchChain-activeTime}: paused time does not count), and that
    ///      every batch it could have signed (those up to {Sequencer.lastBatch}) is Finalized or rolled back,
    ///      whatever the fraud window is now: the newest live one among them must be Finalized. Emits {Withdrawn}.
    function withdraw() external;

    /// @notice Schedules the next epoch: freezes who will be in it (registered before this block, not slashed, not
    ///         asking to leave before this block) and names the seed block {EPOCH_SEED_DELAY} blocks ahead.
    ///         Permissionless.
    /// @dev Requires no epoch already scheduled, the current epoch to be empty or to have lasted `epochDuration`,
    ///      and the frozen set to reach `minMembers` members and `minEpochStake`. Emits {EpochScheduled}.
    function startEpoch() external;

    /// @notice Starts the scheduled epoch: the frozen set, without members slashed meanwhile, ordered by
    ///         `keccak256(seed, signer)` with the seed from the seed block's hash; sequencers that asked to leave
    ///         before the freeze leave now. Permissionless; the result does not depend on who calls or when.
    /// @dev Requires a scheduled epoch whose seed block is mined. If the seed block is more than 256 blocks old (its
    ///      hash is gone), names a new seed block ahead instead and emits {EpochScheduled}. If slashing meanwhile
    ///      left the set below the minimums, drops the scheduled epoch and emits {EpochCancelled}. Otherwise emits
    ///      {SequencerLeft} for each leaver and {EpochStarted}.
    function activateEpoch() external;

    /// @notice Lets every exit take effect when the current epoch is over but no new epoch can start (the set that
    ///         would be frozen now is below `minMembers` or `minEpochStake`, or empty): sequencers that asked to leave
    ///         leave the current epoch now, as slashed members do (the epoch's frozen total stays, so the quorum only
    ///         gets harder), and their exit delay starts. Without it, an exit from a set at its minimum would wait for
    ///         a newcomer or for governance. Permissionless.
    /// @dev Requires no scheduled epoch, the current epoch to have lasted `epochDuration`, a set below the minimums,
    ///      and at least one exit to release. Emits {SequencerLeft} for each.
    function releaseExits() external;

    /// @notice Checks that `signatures` carry a quorum for `digest`: distinct active signers in ascending order whose
    ///         frozen stake is strictly more than two thirds of the epoch's total. Returns the signed stake.
    /// @dev Reverts with the error that names the first problem found.
    /// @param digest The signed digest (for a batch, {IBatchChain-headerDigest}).
    /// @param signatures 65-byte entries `head ++ r ++ s` in ascending signer order (see the contract documentation).
    /// @return signedStake Total frozen stake of the signers, in token wei.
    function verifyQuorum(bytes32 digest, bytes calldata signatures) external view returns (uint256 signedStake);

    /// @notice Called by the BatchChain for each batch: checks that `proposer` is scheduled for `batchIndex` given
    ///         the time of the last accepted batch, verifies the quorum, and records a missed turn for each member
    ///         scheduled in a timeout that passed before the proposer. A member that reaches `maxMissedTurns` in a row
    ///         is jailed from proposing (see the contract's rotation rule). When a whole rotation passed without a
    ///         batch the L2 was idle, and no member is charged. Proposing resets the proposer's missed turns.
    /// @dev Only the BatchChain. Emits {TurnMissed} and {SequencerJailed} when turns were missed.
    /// @param batchIndex Index of the batch being submitted.
    /// @param lastAcceptedAt The rotation reference: Unix time (seconds) of the last accepted batch or rollback
    ///        ({IBatchChain-tip}) moved later by the time the BatchChain was paused since, so that timeouts count
    ///        active time ({IBatchChain-activeTime}) and no turn is missed during a pause or a maintenance window.
    /// @param proposer The account that sent the batch to the BatchChain.
    /// @param digest The batch header's EIP-712 digest.
    /// @param signatures The quorum signatures, as for {verifyQuorum}.
    function authorizeBatch(
        uint256 batchIndex,
        uint256 lastAcceptedAt,
        address proposer,
        bytes32 digest,
        bytes calldata signatures
    ) external;

    /// @notice Slashes `bps` of `sequencer`'s stake for `reason` and jails it; all of it goes to the treasury. Returns
    ///         the amount slashed: zero, without reverting, for a sequencer that has withdrawn. A jailed sequencer
    ///         gives up its seat at once.
    /// @dev Only holders of SLASHER_ROLE (dispute manager, DA request manager, governance). Emits {SequencerSlashed}
    ///      and {SequencerJailed}.
    /// @param sequencer The staking account to slash.
    /// @param bps Share of its current stake to take, in basis points (1 to 10,000).
    /// @param reason A short label of the fault, emitted in {SequencerSlashed} and {SequencerJailed}.
    /// @return The amount taken, in token wei (zero for a sequencer not registered, or one that withdrew).
    function slash(address sequencer, uint256 bps, bytes32 reason) external returns (uint256);

    /// @notice As {slash}, and credits `rewardBps` of the slashed amount to `prover`, the party that proved the fault,
    ///         to claim with {claim}.
    /// @param sequencer The staking account to slash.
    /// @param bps Share of its current stake to take, in basis points (1 to 10,000).
    /// @param reason A short label of the fault, emitted in {SequencerSlashed} and {SequencerJailed}.
    /// @param prover The party that proved the fault (zero: no reward, as the other {slash}).
    /// @return The amount taken, in token wei (zero for a sequencer not registered, or one that withdrew).
    function slash(address sequencer, uint256 bps, bytes32 reason, address prover) external returns (uint256);

    /// @notice As {slash} with a prover, for each of `sequencers` in one call (the signers of one convicted batch),
    ///         with one transfer of the treasury's share of all of them.
    /// @dev Only holders of SLASHER_ROLE. Emits {SequencerSlashed} (and {SequencerJailed}) per sequencer.
    /// @param sequencers The staking accounts to slash; one not registered, or one that withdrew, loses nothing.
    /// @param bps Share of each one's current stake to take, in basis points (1 to 10,000).
    /// @param reason A short label of the fault, emitted in {SequencerSlashed} and {SequencerJailed}.
    /// @param prover The party that proved the fault (zero: no reward).
    /// @return total The amount taken from all of them, in token wei.
    /// @return reward The part of it credited to `prover`.
    function slashMany(
        address[] calldata sequencers,
        uint256 bps,
        bytes32 reason,
        address prover
    ) external returns (uint256 total, uint256 reward);

    /// @notice Transfers the caller's claimable rewards. Emits {RewardClaimed}.
    function claim() external;

    /// @notice The member scheduled to propose batch `batchIndex` now, given the time of the last accepted batch, and
    ///         the rotation timeouts passed since (`skipped`): the `skipped`-th member at or after position
    ///         `batchIndex mod size` that is not jailed from proposing, or, once every such member had its timeout,
    ///         `members[(batchIndex + skipped) mod size]`.
    /// @param batchIndex The index of the next batch ({IBatchChain-batchCount}).
    /// @param lastAcceptedAt Unix time (seconds) of the last accepted batch or rollback ({IBatchChain-tip}), as the tip
    ///        gives it: the time paused since is taken off here (timeouts count active time).
    /// @return signer The signer key that may propose now; reverts with {SequencerRegistryNoActiveMembers} when the
    ///         epoch has no member.
    /// @return skipped Whole rotation timeouts passed since `lastAcceptedAt` (0 within the first timeout).
    function scheduledProposer(
        uint256 batchIndex,
        uint256 lastAcceptedAt
    ) external view returns (address signer, uint256 skipped);

    /// @notice The current epoch: its number, start time, member count and frozen total stake.
    /// @return number The epoch's number (0 before the first epoch starts).
    /// @return startedAt Unix time (seconds) at which it started (0 before the first epoch).
    /// @return size Its members now: slashed members and released exits are removed during the epoch.
    /// @return totalStake Stake frozen at its start, in token wei; slashing during the epoch does not lower it.
    function currentEpoch() external view returns (uint32 number, uint256 startedAt, uint256 size, uint256 totalStake);

    /// @notice The scheduled epoch's freeze and seed blocks (both 0 when none is scheduled).
    /// @return freezeBlock L1 block number at which its set was frozen ({startEpoch}).
    /// @return seedBlock L1 block number whose hash will order it; {activateEpoch} works once it is mined.
    function pendingEpoch() external view returns (uint256 freezeBlock, uint256 seedBlock);

    /// @notice The current epoch's members in proposer order.
    /// @return The members (empty before the first epoch), with their frozen stakes and missed turns.
    function members() external view returns (Member[] memory);

    /// @notice Blocks between {startEpoch} and the seed block whose hash orders the epoch.
    /// @return The delay in L1 blocks (4).
    function EPOCH_SEED_DELAY() external view returns (uint256);

    /// @notice Governance: sets the smallest stake a sequencer may register with. Bounds: 1 token to `maxStake`.
    /// @param newValue The minimum, in token wei.
    function setMinStake(uint256 newValue) external;
    /// @notice Governance: sets the largest stake. Bounds: `minStake` to 10,000,000 tokens.
    /// @param newValue The maximum, in token wei.
    function setMaxStake(uint256 newValue) external;
    /// @notice Governance: sets the number of seats. Bounds: the seats held now (at least 1, and at least
    ///         `minMembers`) to 64.
    /// @param newValue The number of seats.
    function setMaxSequencers(uint256 newValue) external;
    /// @notice Governance: sets the exit delay. Bounds: 1 to 90 days (and {minimumExitDelay} applies on top).
    /// @param newValue The delay in seconds; it applies at once, to sequencers that already left too.
    function setExitDelay(uint256 newValue) external;
    /// @notice Governance: sets the epoch duration. Bounds: 1 hour to 30 days.
    /// @param newValue The duration in seconds; it applies to the current epoch too.
    function setEpochDuration(uint256 newValue) external;
    /// @notice Governance: sets the rotation timeout. Bounds: 12 seconds to 1 hour.
    /// @param newValue The timeout in seconds.
    function setRotationTimeout(uint256 newValue) external;
    /// @notice Governance: sets the missed turns in a row that jail a member from proposing. Bounds: 1 to 100.
    /// @param newValue The number of missed turns in a row.
    function setMaxMissedTurns(uint256 newValue) external;
    /// @notice Governance: sets the prover's share of slashed stake. Bounds: 0 to 10,000 basis points.
    /// @param newValue The share in basis points, for slashes from now on.
    function setRewardBps(uint256 newValue) external;
    /// @notice Governance: sets where slashed stake goes (the timelock).
    /// @param newValue The new treasury (not zero).
    function setTreasury(address newValue) external;
    /// @notice Governance: sets the fewest members an epoch may start with. Bounds: 1 to `maxSequencers`.
    /// @param newValue The number of members.
    function setMinMembers(uint256 newValue) external;
    /// @notice Governance: sets the least total stake an epoch may start with. Bounds: `minStake` to 64 times
    ///         `maxStake`.
    /// @param newValue The minimum total stake, in token wei.
    function setMinEpochStake(uint256 newValue) external;

    /// @notice The record of `sequencer` (all zero when not registered, but for `slashes` once it was slashed).
    /// @param sequencer The staking account (not its signer key).
    /// @return The record; see {Sequencer} for each field's meaning and units.
    function sequencerInfo(address sequencer) external view returns (Sequencer memory);

    /// @notice Where `sequencer` is in its lifecycle, as {withdraw} and the epoch rules see it now.
    /// @param sequencer The staking account (not its signer key).
    /// @return The status; see {Types-SequencerStatus}.
    function sequencerStatus(address sequencer) external view returns (Types.SequencerStatus);

    /// @notice The sequencer that `signer` belongs to (zero when none).
    /// @param signer A signer key.
    /// @return The staking account that named it, until that account withdraws; the zero address otherwise.
    function sequencerOf(address signer) external view returns (address);

    /// @notice Sequencers holding a seat: registered, not slashed, and not yet gone from the set (at most
    ///         `maxSequencers`).
    /// @return The staking accounts, in no particular order.
    function sequencers() external view returns (address[] memory);

    /// @notice How many times `sequencer` was slashed, ever ({Sequencer-slashes}); kept when it withdraws.
    /// @param sequencer The staking account (not its signer key).
    /// @return The count; a slash of an unregistered account takes nothing and does not count.
    function slashCount(address sequencer) external view returns (uint256);

    /// @notice What the reward pool needs to pay a signer of a batch: its sequencer and its stake in the current epoch.
    /// @param signer A signer key.
    /// @return sequencer The staking account that named it (zero when none).
    /// @return stake Its stake frozen at the start of the current epoch, in token wei: zero when it is not a member of
    ///         the current epoch (never was, left, or was slashed).
    /// @return totalStake The current epoch's total stake ({currentEpoch}), in token wei.
    /// @return slashes The sequencer's {slashCount}.
    /// @return stakedAt When the sequencer staked ({Sequencer-stakedAt}).
    function memberStake(
        address signer
    ) external view returns (address sequencer, uint256 stake, uint256 totalStake, uint256 slashes, uint256 stakedAt);

    /// @notice Rewards `account` can claim.
    /// @param account A prover credited by {slash}.
    /// @return Tokens it can take with {claim}, in token wei (zero when none).
    function claimable(address account) external view returns (uint256);

    /// @notice The exit delay in force: `exitDelay`, and never less than {minimumExitDelay}.
    /// @return The delay in seconds, counted from when a sequencer left the set.
    function effectiveExitDelay() external view returns (uint256);

    /// @notice The fraud-proof window plus the longest DA window governance may set (7 days). Withdrawal also waits
    ///         for the last batch the sequencer could sign to be final, so a later change of the window cannot let a
    ///         signer leave before its batches are.
    /// @return The minimum in seconds: the BatchChain's current fraud window (7 days, the longest, while no
    ///         BatchChain is deployed) plus 7 days.
    function minimumExitDelay() external view returns (uint256);

    /// @notice The smallest stake a sequencer may register with (20,000 tokens at deployment).
    /// @return The minimum, in token wei.
    function minStake() external view returns (uint256);

    /// @notice The largest stake a sequencer may hold, top-ups included (100,000 tokens at deployment).
    /// @return The maximum, in token wei.
    function maxStake() external view returns (uint256);

    /// @notice The number of seats: sequencers that may be in the set or waiting to join it at once (21 at
    ///         deployment).
    /// @return The number of seats, at most `MAX_SEATS` (64).
    function maxSequencers() external view returns (uint256);

    /// @notice The exit delay governance set (21 days at deployment); {effectiveExitDelay} is the one in force.
    /// @return The delay in seconds.
    function exitDelay() external view returns (uint256);

    /// @notice How long an epoch lasts at least before {startEpoch} may schedule the next (1 day at deployment).
    /// @return The duration in seconds.
    function epochDuration() external view returns (uint256);

    /// @notice How long a scheduled proposer has before the turn passes to the next member (60 seconds at
    ///         deployment), counted from the last accepted batch or rollback.
    /// @return The timeout in seconds.
    function rotationTimeout() external view returns (uint256);

    /// @notice Turns missed in a row at which a member is jailed from proposing (3 at deployment).
    /// @return The number of turns.
    function maxMissedTurns() external view returns (uint256);

    /// @notice The prover's share of a slashed amount when {slash} names a prover (5,000 at deployment).
    /// @return The share in basis points (0 to 10,000).
    function rewardBps() external view returns (uint256);

    /// @notice Where slashed stake beyond the prover's reward goes (the timelock).
    /// @return The treasury's address, never zero.
    function treasury() external view returns (address);

    /// @notice The fewest members an epoch may start with (4 at deployment).
    /// @return The number of members.
    function minMembers() external view returns (uint256);

    /// @notice The least total stake an epoch may start with (80,000 tokens at deployment).
    /// @return The minimum, in token wei.
    function minEpochStake() external view returns (uint256);

    /// @notice The BatchChain that alone may call {authorizeBatch}, fixed at deployment.
    /// @return The BatchChain's address.
    function batchChain() external view returns (address);
}
