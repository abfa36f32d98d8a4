// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Types} from "../libraries/Types.sol";

/// @title IRewardPool
/// @notice The sequencers' share of the fees (PROTOCOL section 3, "Rewards"): a pool of ETH (the L2's fees, withdrawn
///         by the L2 fee vault through the bridge) and of the protocol token (transferred in by governance or anyone
///         through {fund}), paid to the signers of finalized batches pro rata to their stake, and claimed by pull.
/// @dev Accounting is by balance, per asset: what the pool holds beyond what it has credited to accounts and reserved
///      for batches is {unallocated}, so any inflow (a bridge payout, a plain transfer, a forfeited credit, a released
///      reserve) is distributable and nothing is stranded. The invariant, per asset:
///      `balance == unallocated + reserved + credited`.
///
///      Why settlement, and why this shape. BatchChain stores no signers: submission is held to its gas goal, so
///      nothing per batch or per signer is written then. A batch's signers are proven afterwards, the way structural
///      challenges prove them: the caller of {settle} passes the signatures (the SDK reads them back from the
///      `submitBatch` calldata) and the pool recovers each over the header's digest. Settling is open to anyone,
///      paid by its caller and bounded by the signatures passed, so a claim never walks batches: {claimRewards} reads
///      one account record and costs the same after one batch or after years of them.
///
///      A batch's reward is fixed at its FIRST settlement: `R = unallocated * batchRewardBps / 10_000` per asset, all
///      of it reserved for the batch at once. Each signer that is a member of the current epoch is credited
///      `R * memberStake / epochTotalStake` out of that reserve (never more than is left of it): its share depends
///      neither on who else is credited nor on when, so a settler gains nothing by leaving signers out, nor by
///      settling first. (When `R` was taken from the unallocated balance at each settlement instead, a member settling
///      every waiting batch with its own signature alone drained the pool before the others' settlements: at 1,000
///      bps over 40 batches a 50% member took 8.71 of 10 ETH instead of 4.93.) Signers left out are credited by a
///      later settlement of the same batch during the settlement window ({settlementWindow} of active time after the
///      first); then anyone {release}s what is left of the reserve (shares of signers never added, rounding) back to
///      the unallocated balance. The pool keeps two slots per batch: the hash of the keys credited so far (sorted)
///      together with `R`, which the next settlement must present ({settle} `creditedSigners`, `ethReward`,
///      `tokenReward`: the SDK rebuilds them from {BatchSettled}), and the reserve with the first settlement's time.
///      A key is never credited twice for a batch. Only members of the current epoch are credited, at their stake in
///      it: signers that left the set since (or were slashed) get nothing. The pool cannot tell a signature sent with
///      the batch from one made later over the same (by then final) header. So it credits only sequencers that
///      staked before the batch was submitted ({ISequencerRegistry-Sequencer} `stakedAt`): otherwise a newcomer could
///      sign the final headers of every batch since genesis and take a share of each one's reward. A member that was
///      staked then but did not sign in time can still sign the final header and be credited; its signature then
///      endorses a batch nobody can dispute any more, so rewards pay for staking through the batch's fraud window
///      more than for the signature itself.
///
///      Known limit (security review, left open): `stakedAt` is when the sequencer staked, not when it joined an
///      active epoch (a sequencer joins at the next epoch), so a sequencer staked just before a batch's submission
///      but first in the set at a later epoch is credited for it too; the registry would have to record the time a
///      member first entered an epoch. {claimRewardsTo} lets an account that cannot take ETH claim to another
///      address; it is named apart from {claimRewards} rather than overloading it, so that ethers clients keep a
///      plain `claimRewards()`.
///
///      Forfeiture: a slashed sequencer forfeits everything credited to it and not claimed. The registry counts every
///      slash of an account ({ISequencerRegistry-slashCount}, kept across withdrawals); the pool remembers the count
///      it saw when it last credited the account, and a different count means a slash since: {forfeit} (anyone) or
///      the account's next credit returns the credit to the unallocated balance, and {claimRewards} pays nothing.
interface IRewardPool {
    /// @notice The pool received `amount` ETH from `from` (the L1 bridge paying out the fee vault's withdrawal, or
    ///         anyone).
    /// @param from The sender.
    /// @param amount Wei received.
    event ETHReceived(address indexed from, uint256 amount);
    /// @notice `from` funded the pool with `amount` protocol tokens through {fund}.
    /// @param from The account the tokens came from.
    /// @param amount Token wei received.
    event Funded(address indexed from, uint256 amount);
    /// @notice Batch `batchIndex` was settled for `signers` (the keys newly credited), paying out of its reward of
    ///         `ethReward` and `tokenReward` (fixed at its first settlement; each signer got its stake's share of it).
    /// @param batchIndex The settled batch.
    /// @param headerHash Its header hash.
    /// @param signers The keys credited by this settlement, strictly ascending.
    /// @param ethReward The batch's ETH reward (`R`, fixed at its first settlement), in wei.
    /// @param tokenReward The batch's token reward (`R`, fixed at its first settlement), in token wei.
    event BatchSettled(
        uint256 indexed batchIndex,
        bytes32 indexed headerHash,
        address[] signers,
        uint256 ethReward,
        uint256 tokenReward
    );
    /// @notice `account` (a sequencer's staking account) was credited for signing batch `batchIndex`.
    /// @param account The staking account credited.
    /// @param batchIndex The batch.
    /// @param signer The account's signer key that signed it.
    /// @param eth Wei credited.
    /// @param tokens Token wei credited.
    event RewardCredited(
        address indexed account,
        uint256 indexed batchIndex,
        address signer,
        uint256 eth,
        uint256 tokens
    );
    /// @notice `account` claimed its credit.
    /// @param account The staking account paid.
    /// @param eth Wei paid.
    /// @param tokens Token wei paid.
    event RewardsClaimed(address indexed account, uint256 eth, uint256 tokens);
    /// @notice `account` was slashed since it was credited: its unclaimed credit went back to the unallocated balance.
    /// @param account The staking account.
    /// @param eth Wei forfeited.
    /// @param tokens Token wei forfeited.
    event RewardsForfeited(address indexed account, uint256 eth, uint256 tokens);
    /// @notice The settlement window of batch `headerHash` ended and what was left of its reserve went back to the
    ///         unallocated balance.
    /// @param headerHash The batch's header hash.
    /// @param eth Wei released.
    /// @param tokens Token wei released.
    event RewardReleased(bytes32 indexed headerHash, uint256 eth, uint256 tokens);
    /// @notice Governance changed how long after a batch's first settlement later ones may add signers.
    /// @param oldValue The previous window, in seconds of active time.
    /// @param newValue The new window, in seconds of active time.
    event SettlementWindowUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed the share of the unallocated balance a settled batch pays.
    /// @param oldValue The previous share, in basis points.
    /// @param newValue The new share, in basis points.
    event BatchRewardBpsUpdated(uint256 oldValue, uint256 newValue);

    /// @notice A constructor address, or a claim's recipient, was zero.
    error RewardPoolZeroAddress();
    /// @notice The batch is not final: pending, disputed, insecure, rolled back (a rolled-back batch earns nothing) or
    ///         never submitted.
    /// @param batchIndex The batch.
    /// @param status Its status now.
    error RewardPoolBatchNotFinal(uint256 batchIndex, Types.BatchStatus status);
    /// @notice Batch 0 is the genesis anchor: nobody signed it, so it pays nothing.
    error RewardPoolGenesisBatch();
    /// @notice The header passed is not the batch's.
    /// @param batchIndex The batch.
    /// @param expected The batch's header hash in BatchChain.
    /// @param actual The hash of the header passed.
    error RewardPoolHeaderMismatch(uint256 batchIndex, bytes32 expected, bytes32 actual);
    /// @notice `creditedSigners` and the reward passed are not the keys already credited for the batch and its reward.
    /// @param batchIndex The batch.
    /// @param expected The hash the pool holds (zero when the batch was never settled).
    /// @param actual The hash of what was passed (zero for an empty list and a zero reward).
    error RewardPoolCreditedMismatch(uint256 batchIndex, bytes32 expected, bytes32 actual);
    /// @notice `signer` was already credited for the batch.
    /// @param batchIndex The batch.
    /// @param signer The key.
    error RewardPoolAlreadyCredited(uint256 batchIndex, address signer);
    /// @notice The settlement credits nobody: no signature is by a member of the current epoch that staked before the
    ///         batch was submitted (or the pool is empty).
    /// @param batchIndex The batch.
    error RewardPoolNothingCredited(uint256 batchIndex);
    /// @notice The batch's settlement window is over: nobody can be credited for it any more.
    /// @param batchIndex The batch.
    /// @param closedAt The active time it closed at.
    error RewardPoolSettlementClosed(uint256 batchIndex, uint256 closedAt);
    /// @notice The batch's settlement window is not over: its reserve cannot be released yet.
    /// @param headerHash The batch's header hash.
    /// @param closesAt The active time it closes at.
    error RewardPoolSettlementOpen(bytes32 headerHash, uint256 closesAt);
    /// @notice The batch holds no reserve: never settled, already released, or paid out in full.
    /// @param headerHash The batch's header hash.
    error RewardPoolNothingReserved(bytes32 headerHash);
    /// @notice The signatures are not whole 65-byte entries.
    /// @param length Their length in bytes.
    error RewardPoolMalformedSignatures(uint256 length);
    /// @notice Entry `index` of the signatures does not recover (bad `r`/`s`, or a high `s`).
    /// @param index The entry's position.
    error RewardPoolInvalidSignature(uint256 index);
    /// @notice The signer keys are not strictly ascending.
    /// @param previous The key before.
    /// @param signer The key that is not above it.
    error RewardPoolUnsortedSigners(address previous, address signer);
    /// @notice `account` has nothing to claim (never credited, already claimed, or slashed since it was credited).
    /// @param account The caller.
    error RewardPoolNothingToClaim(address account);
    /// @notice `account` was not slashed since its last credit, or has no credit: nothing to forfeit.
    /// @param account The account.
    error RewardPoolNothingToForfeit(address account);
    /// @notice Paying `amount` wei to `account` failed.
    /// @param account The recipient.
    /// @param amount Wei.
    error RewardPoolTransferFailed(address account, uint256 amount);
    /// @notice A parameter outside its bounds.
    /// @param value The value given.
    /// @param min The least allowed.
    /// @param max The most allowed.
    error RewardPoolParameterOutOfRange(uint256 value, uint256 min, uint256 max);

    /// @notice Takes `amount` protocol tokens from the caller (approved first) into the pool. Emits {Funded}.
    /// @dev Governance may also transfer tokens in directly: accounting is by balance, so they count the same.
    /// @param amount Token wei.
    function fund(uint256 amount) external;

    /// @notice Credits the signers of finalized batch `header.batchIndex` that are members of the current epoch, each
    ///         `R * memberStake / epochTotalStake` per asset (at most what is left of the batch's reserve). The first
    ///         settlement fixes `R = unallocated * batchRewardBps / 10_000` and reserves it for the batch.
    /// @dev Anyone; the caller pays, bounded by the signatures passed. Requires the batch Finalized (not 0), `header`
    ///      its header, `creditedSigners`, `ethReward` and `tokenReward` exactly the keys credited for it before
    ///      (sorted) and its reward (all empty and zero the first time; see {creditedHash} and {BatchSettled}), the
    ///      settlement window open after a first settlement ({RewardPoolSettlementClosed}), and `signatures`
    ///      (ISequencerRegistry's packing; the member index byte is ignored) recovering over
    ///      {IBatchChain-headerDigest} to strictly ascending keys, none of them already credited. Signatures of keys
    ///      that are not members of the current epoch, or whose sequencer staked at or after the batch's submission,
    ///      are skipped. A credit to an account slashed since its last credit first forfeits the old credit. Emits
    ///      {RewardCredited} per key, {RewardsForfeited} where due, and {BatchSettled}.
    /// @param header The batch's header.
    /// @param signatures Signatures over its digest, strictly ascending by signer key.
    /// @param creditedSigners The keys already credited for the batch, strictly ascending.
    /// @param ethReward The batch's ETH reward from its first settlement (zero the first time).
    /// @param tokenReward The batch's token reward from its first settlement (zero the first time).
    function settle(
        Types.BatchHeader calldata header,
        bytes calldata signatures,
        address[] calldata creditedSigners,
        uint256 ethReward,
        uint256 tokenReward
    ) external;

    /// @notice Returns what is left of each batch's reserve to the unallocated balance, once its settlement window
    ///         (from its first settlement) is over. Anyone.
    /// @dev Reverts with {RewardPoolNothingReserved} for a batch without reserve (never settled, released, paid out)
    ///      and {RewardPoolSettlementOpen} while the window lasts. Emits {RewardReleased} per batch.
    /// @param headerHashes The batches' header hashes.
    function release(bytes32[] calldata headerHashes) external;

    /// @notice Pays the caller (a sequencer's staking account) its ETH and token credit, in one call.
    /// @dev Reads one account record and the registry's slash count: the same cost after one batch or after years.
    ///      Reverts with {RewardPoolNothingToClaim} when there is nothing, including after a slash since the last
    ///      credit (that credit is forfeited: see {forfeit}). Emits {RewardsClaimed}.
    function claimRewards() external;

    /// @notice Pays the caller's ETH and token credit to `to`: for a staking account that cannot take ETH (a contract
    ///         without `receive`). The same checks as {claimRewards}; `to` must not be zero.
    /// @dev Reverts with {RewardPoolZeroAddress} for a zero `to`, {RewardPoolNothingToClaim} when there is nothing and
    ///      {RewardPoolTransferFailed} when `to` refuses the ETH. Emits {RewardsClaimed} (naming the account credited).
    /// @param to The recipient.
    function claimRewardsTo(address to) external;

    /// @notice Returns the credit of `account` to the unallocated balance when it was slashed since its last credit.
    /// @dev Anyone. Reverts with {RewardPoolNothingToForfeit} when it was not, or has no credit. Emits
    ///      {RewardsForfeited}.
    /// @param account The staking account.
    function forfeit(address account) external;

    /// @notice Governance: sets how long after a batch's first settlement later settlements may add signers, in
    ///         active time. Applies to every batch whose window is open, measured from its first settlement. Bounds:
    ///         {Constants-MIN_SETTLEMENT_WINDOW} to {Constants-MAX_SETTLEMENT_WINDOW}. Emits
    ///         {SettlementWindowUpdated}.
    /// @param newValue Seconds.
    function setSettlementWindow(uint256 newValue) external;

    /// @notice Governance: sets the share of the unallocated balance a settled batch pays. Bounds:
    ///         {Constants-MIN_BATCH_REWARD_BPS} to {Constants-MAX_BATCH_REWARD_BPS}. Emits {BatchRewardBpsUpdated}.
    /// @param newValue The share, in basis points.
    function setBatchRewardBps(uint256 newValue) external;

    /// @notice What a claim by `account` would pay now: zero once it was slashed since its last credit.
    /// @param account The staking account.
    /// @return eth Wei.
    /// @return tokens Token wei.
    function rewardsOf(address account) external view returns (uint256 eth, uint256 tokens);

    /// @notice The account's credit as stored (before forfeiture) and the slash count the pool last saw for it.
    /// @param account The staking account.
    /// @return eth Wei credited and not claimed.
    /// @return tokens Token wei credited and not claimed.
    /// @return slashesSeen The registry's {ISequencerRegistry-slashCount} at its last credit or forfeiture.
    function accountInfo(address account) external view returns (uint256 eth, uint256 tokens, uint256 slashesSeen);

    /// @notice What the pool holds beyond what it credited and reserved, per asset: what the next batches are paid
    ///         from.
    /// @dev Credit forfeitable but not yet forfeited ({forfeit}) still counts as credited.
    /// @return eth Wei.
    /// @return tokens Token wei.
    function unallocated() external view returns (uint256 eth, uint256 tokens);

    /// @notice Everything credited and not claimed, per asset.
    /// @return eth Wei.
    /// @return tokens Token wei.
    function totalCredited() external view returns (uint256 eth, uint256 tokens);

    /// @notice Everything reserved for settled batches and not paid or released, per asset.
    /// @return eth Wei.
    /// @return tokens Token wei.
    function totalReserved() external view returns (uint256 eth, uint256 tokens);

    /// @notice The hash of the keys credited for the batch with header hash `headerHash` and of its reward:
    ///         `keccak256(abi.encode(keys, ethReward, tokenReward))` over the strictly ascending list, zero while the
    ///         batch was never settled.
    /// @param headerHash The batch's header hash.
    /// @return The hash.
    function creditedHash(bytes32 headerHash) external view returns (bytes32);

    /// @notice What is left of the batch's reserve, and its settlement window (zeros when never settled).
    /// @param headerHash The batch's header hash.
    /// @return eth Wei left.
    /// @return tokens Token wei left.
    /// @return settledAt Active time of its first settlement.
    /// @return closesAt Active time its window closes at (later settlements refused, release allowed).
    function batchReserve(
        bytes32 headerHash
    ) external view returns (uint256 eth, uint256 tokens, uint256 settledAt, uint256 closesAt);

    /// @notice How long after a batch's first settlement later settlements may add signers, in active time.
    /// @return Seconds.
    function settlementWindow() external view returns (uint256);

    /// @notice The share of the unallocated balance a settled batch pays, in basis points.
    /// @return The share.
    function batchRewardBps() external view returns (uint256);

    /// @notice The BatchChain whose finalized batches the pool pays for.
    /// @return Its address.
    function batchChain() external view returns (address);

    /// @notice The SequencerRegistry (the BatchChain's) that maps signers to sequencers and stakes.
    /// @return Its address.
    function registry() external view returns (address);

    /// @notice The protocol token the pool pays besides ETH.
    /// @return Its address.
    function token() external view returns (address);
}
