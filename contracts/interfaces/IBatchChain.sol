// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Types} from "../libraries/Types.sol";

/// @title IBatchChain
/// @notice The chain of L2 batch commitments on L1: each batch's header hash (which commits to its transaction root,
///         block root, deposits and data), when it was submitted and its last L2 block; finalization after the fraud
///         window; rollback by the dispute and DA managers; one status read per batch.
/// @dev Batch 0 is the genesis anchor written at deployment (the L2 genesis block as its only block leaf) and is
///      final. A batch is accepted only from the proposer the SequencerRegistry schedules, with a quorum of
///      sequencer signatures over its EIP-712 digest (domain "MetisL2", version "1", this chain, this contract),
///      continuing the previous batch (index, parent hash, L2 blocks) and honouring the deposit rules: the deposit
///      count never decreases, never passes the L1 queue, names the queue's chain at that count, and includes every
///      deposit older than `forceInclusionDelay`.
interface IBatchChain {
    /// @notice Batch `batchIndex` was accepted from `proposer`, with every field of its header. The DA locator is the
    ///         header's `dataHash`: stores are content-addressed and hold the data object under that key.
    /// @param batchIndex Index of the batch in the chain (0: the genesis anchor, announced at deployment).
    /// @param proposer The signer key that sent the batch, the scheduled proposer (zero for the genesis anchor).
    /// @param headerHash The header's EIP-712 struct hash ({BatchLib-hash}): the next batch's `parentHash`, and what
    ///        block proofs lead to.
    /// @param parentHash Header hash of batch `batchIndex - 1` (zero for the genesis anchor).
    /// @param firstBlock First L2 block number in the batch.
    /// @param lastBlock Last L2 block number in the batch (inclusive).
    /// @param txCount L2 transactions in the batch: the leaf count of `txBatchRoot`.
    /// @param txBatchRoot Merkle root of the transaction leaves ({BatchLib-txLeaf}); zero for the genesis anchor.
    /// @param stateBatchRoot Merkle root of the block leaves ({BatchLib-blockLeaf}), which withdrawal proofs use.
    /// @param depositCount L1 deposits relayed on L2 up to and including `lastBlock`, counted from the first deposit.
    /// @param depositChainHash The L1 deposit chain after `depositCount` deposits (zero when there are none).
    /// @param dataHash keccak256 of the batch data object, its key in the DA store (zero for the genesis anchor).
    event BatchSubmitted(
        uint256 indexed batchIndex,
        address indexed proposer,
        bytes32 indexed headerHash,
        bytes32 parentHash,
        uint64 firstBlock,
        uint64 lastBlock,
        uint32 txCount,
        bytes32 txBatchRoot,
        bytes32 stateBatchRoot,
        uint64 depositCount,
        bytes32 depositChainHash,
        bytes32 dataHash
    );
    /// @notice Batches `fromIndex` to `previousCount - 1` were rolled back; the next batch takes index `fromIndex`.
    /// @param fromIndex The first batch removed (never 0); {batchCount} is now `fromIndex`.
    /// @param previousCount {batchCount} before the rollback.
    event BatchesRolledBack(uint256 indexed fromIndex, uint256 previousCount);
    /// @notice A dispute opened against `batchIndex`: it and every later batch are Disputed until it closes.
    /// @param batchIndex The challenged batch. Disputes are counted: it stays Disputed until each one is cleared.
    event BatchDisputed(uint256 indexed batchIndex);
    /// @notice A dispute against `batchIndex` closed without a rollback.
    /// @param batchIndex The batch whose dispute closed; it stays Disputed while other disputes against it are open.
    event BatchDisputeCleared(uint256 indexed batchIndex);
    /// @notice A data-availability request opened against `batchIndex`: it and every later batch are Insecure.
    /// @param batchIndex The batch whose data was requested.
    event BatchInsecure(uint256 indexed batchIndex);
    /// @notice The DA request against `batchIndex` was answered; the batch cannot finalize before `reviewUntil`.
    /// @param batchIndex The batch whose data was posted.
    /// @param reviewUntil Active time ({activeTime}; seconds) before which neither it nor a later batch finalizes; a
    ///        time not after the batch's deadline changes nothing.
    event BatchSecured(uint256 indexed batchIndex, uint256 reviewUntil);
    /// @notice Governance changed the fraud-proof window. The new one applies to batches submitted from now on;
    ///         earlier batches keep the window they were submitted under.
    /// @param oldValue The window for new batches until now, in seconds.
    /// @param newValue The window for new batches from now on, in seconds.
    event FraudProofWindowUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed the force-inclusion delay; it applies at once, to deposits already queued too.
    /// @param oldValue The previous delay, in seconds (a whole number of hours).
    /// @param newValue The new delay, in seconds (a whole number of hours).
    event ForceInclusionDelayUpdated(uint256 oldValue, uint256 newValue);

    /// @notice Governance set the guardian, the one address that may {pause}.
    /// @param oldValue The previous guardian (zero: none).
    /// @param newValue The new guardian (zero: none).
    event GuardianUpdated(address oldValue, address newValue);
    /// @notice Governance changed the longest guardian pause.
    /// @param oldValue The previous bound, in seconds.
    /// @param newValue The new bound, in seconds.
    event MaxPauseUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed the wait between the end of one guardian pause and the next.
    /// @param oldValue The previous cooldown, in seconds.
    /// @param newValue The new cooldown, in seconds.
    event PauseCooldownUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed the longest maintenance window.
    /// @param oldValue The previous bound, in seconds.
    /// @param newValue The new bound, in seconds.
    event MaxMaintenanceUpdated(uint256 oldValue, uint256 newValue);
    /// @notice Governance changed the least notice of a maintenance window.
    /// @param oldValue The previous notice, in seconds.
    /// @param newValue The new notice, in seconds.
    event MaintenanceNoticeUpdated(uint256 oldValue, uint256 newValue);
    /// @notice The guardian paused submissions, finality and payouts from `start` to `until`.
    /// @param guardian The guardian that paused.
    /// @param start Unix time (seconds) the pause started: the block's.
    /// @param until Unix time (seconds) it ends: `start` plus the duration asked, or the start of the next scheduled
    ///        maintenance window if that comes first.
    event Paused(address indexed guardian, uint256 start, uint256 until);
    /// @notice The current pause ended early at `at`: a guardian pause, ended by the guardian or governance, or a
    ///         maintenance window, ended by governance.
    /// @param by The account that unpaused (the guardian or governance).
    /// @param at Unix time (seconds) the clock resumed.
    event Unpaused(address indexed by, uint256 at);
    /// @notice Governance scheduled a maintenance window `[start, end)`.
    /// @param start Unix time (seconds) it starts.
    /// @param end Unix time (seconds) it ends.
    event MaintenanceScheduled(uint256 start, uint256 end);
    /// @notice Governance cancelled the upcoming maintenance window `[start, end)`.
    /// @param start Unix time (seconds) it would have started.
    /// @param end Unix time (seconds) it would have ended.
    event MaintenanceCancelled(uint256 start, uint256 end);

    /// @notice The header's index is not the next one.
    error BatchChainUnexpectedIndex(uint256 expected, uint256 actual);
    /// @notice The header's parent hash is not the previous batch's header hash.
    error BatchChainUnexpectedParent(bytes32 expected, bytes32 actual);
    /// @notice The batch does not start right after the previous batch's last L2 block (a gap or an overlap).
    error BatchChainNotContiguous(uint256 expectedFirstBlock, uint256 firstBlock);
    /// @notice `lastBlock` is before `firstBlock`, the range holds more than 2^32 blocks (Constants.MAX_BATCH_BLOCKS,
    ///         the bound block proofs use), or `lastBlock` is beyond what the contract stores (2^48 - 1).
    error BatchChainInvalidBlockRange(uint256 firstBlock, uint256 lastBlock);
    /// @notice The deposit count went back from `previous` to `given`.
    error BatchChainDepositCountDecreased(uint256 previous, uint256 given);
    /// @notice The deposit count `given` is past the `queued` deposits of the L1 queue.
    error BatchChainDepositCountBeyondQueue(uint256 given, uint256 queued);
    /// @notice The header's deposit chain hash is not the L1 queue's chain at its deposit count.
    error BatchChainDepositChainMismatch(bytes32 expected, bytes32 actual);
    /// @notice Deposit `index`, queued at `queuedAt`, was due by `deadline` and the batch leaves it out.
    error BatchChainOverdueDepositExcluded(uint256 index, uint256 queuedAt, uint256 deadline);
    /// @notice `headerHash` was rolled back; it can never be submitted again, whatever signatures it carries.
    error BatchChainHeaderRolledBack(bytes32 headerHash);
    /// @notice No batch has that index.
    error BatchChainUnknownBatch(uint256 batchIndex);
    /// @notice `batchIndex` cannot be rolled back: it is the genesis anchor, not submitted, or final.
    error BatchChainCannotRollBack(uint256 batchIndex);
    /// @notice Nothing of that kind is open against `batchIndex`.
    error BatchChainNothingOpen(uint256 batchIndex);
    /// @notice Something of that kind is already open against `batchIndex`.
    error BatchChainAlreadyOpen(uint256 batchIndex);
    /// @notice `batchIndex` is final; it can no longer be disputed or questioned.
    error BatchChainAlreadyFinal(uint256 batchIndex);
    /// @notice Too late to open anything against batch `batchIndex`: a dispute once `deadline`, its {finalizesAt}, has
    ///         come (one open against it or an ancestor only holds it until that dispute ends); a DA request once
    ///         `deadline`, the end of its own fraud window (submission time plus the window it was submitted under),
    ///         has come, whatever review still holds it back.
    error BatchChainWindowOver(uint256 batchIndex, uint256 deadline);
    /// @notice The force-inclusion delay is kept in whole hours.
    error BatchChainParameterNotWholeHours(uint256 value);
    /// @notice `value` is outside [`min`, `max`] for the parameter being set.
    error BatchChainParameterOutOfRange(uint256 value, uint256 min, uint256 max);

    /// @notice Only the guardian may pause; `caller` is not it.
    error BatchChainNotGuardian(address caller);
    /// @notice A pause of `duration` seconds is not allowed: it must be more than 0 and at most `max` ({maxPause}).
    error BatchChainPauseTooLong(uint256 duration, uint256 max);
    /// @notice The guardian paused too recently: it may pause again from `readyAt` (Unix seconds).
    error BatchChainPauseCooldown(uint256 readyAt);
    /// @notice The chain is already paused (by the guardian or for maintenance) until `until` (Unix seconds).
    error BatchChainAlreadyPaused(uint256 until);
    /// @notice Nothing is paused now.
    error BatchChainNotPaused();
    /// @notice The chain is paused until `until` (Unix seconds): no batch is accepted before then.
    error BatchChainPaused(uint256 until);
    /// @notice A maintenance window must start at or after `earliest` (Unix seconds): now plus {maintenanceNotice}.
    error BatchChainMaintenanceTooSoon(uint256 start, uint256 earliest);
    /// @notice A maintenance window may start at most {Constants-MAX_MAINTENANCE_LEAD} ahead: by `latest`.
    error BatchChainMaintenanceTooLate(uint256 start, uint256 latest);
    /// @notice A maintenance window of `duration` seconds is not allowed: more than 0 and at most `max` are.
    error BatchChainMaintenanceTooLong(uint256 duration, uint256 max);
    /// @notice `[start, end)` overlaps the known pause interval `[otherStart, otherEnd)` (a window or a pause).
    error BatchChainMaintenanceOverlaps(uint256 start, uint256 end, uint256 otherStart, uint256 otherEnd);
    /// @notice `[start, end)` is less than {Constants-MIN_MAINTENANCE_GAP} from the known pause interval
    ///         `[otherStart, otherEnd)` (a window or a guardian pause) before or after it.
    error BatchChainMaintenanceTooClose(uint256 start, uint256 end, uint256 otherStart, uint256 otherEnd);
    /// @notice `max` maintenance windows are already scheduled and not yet over.
    error BatchChainTooManyMaintenanceWindows(uint256 max);
    /// @notice No upcoming maintenance window starts at `start`.
    error BatchChainNoSuchMaintenance(uint256 start);

    /// @notice Submits the next batch. Only the scheduled proposer (see SequencerRegistry.scheduledProposer), with
    ///         `signatures` packed as SequencerRegistry documents.
    /// @dev Refused while paused ({BatchChainPaused}). Checks index, parent hash, contiguity, block range (at most
    ///      2^32 blocks), deposits, that the header was never rolled back, proposer and quorum, in that order, each
    ///      failure a custom error. A deposit is overdue once `forceInclusionDelay` of active time has passed since it
    ///      was queued; the rotation counts timeouts in active time since the last acceptance. Stores the header
    ///      hash, the time and the last L2 block. Emits {BatchSubmitted}.
    /// @param header The batch header; its `batchIndex` must be {batchCount}.
    /// @param signatures Quorum signatures over {headerDigest} of `header`: 65-byte entries in ascending signer order,
    ///        as {ISequencerRegistry} documents.
    function submitBatch(Types.BatchHeader calldata header, bytes calldata signatures) external;

    /// @notice Rolls back batch `fromIndex` and every later batch; their blocks are resubmitted in corrected batches.
    /// @dev Only ROLLBACK_ROLE (dispute manager, DA request manager). `fromIndex` must be submitted, after the
    ///      genesis anchor, and not final. Closes whatever was open against the removed batches. The removed headers
    ///      can never be submitted again (see {BatchChainHeaderRolledBack}). Emits {BatchesRolledBack}.
    /// @param fromIndex The first batch to remove: at least 1, below {batchCount}, not Finalized.
    function rollback(uint256 fromIndex) external;

    /// @notice Opens a dispute against `batchIndex` (not final, inside its own fraud window). Only DISPUTER_ROLE. Emits
    ///         {BatchDisputed}.
    /// @dev The window is the batch's own: a batch held past it by a dispute against it or an ancestor takes no new
    ///      one, so disputes cannot be chained to hold a batch back for ever; each delays it by one dispute at most.
    /// @param batchIndex The challenged batch: submitted, not the genesis anchor, not Finalized, before
    ///        {finalizesAt}. Each call opens one more dispute, and each needs its own {clearDisputed}.
    function markDisputed(uint256 batchIndex) external;

    /// @notice Closes the dispute against `batchIndex` without a rollback. Only DISPUTER_ROLE. Emits
    ///         {BatchDisputeCleared}.
    /// @param batchIndex A batch with at least one open dispute.
    function clearDisputed(uint256 batchIndex) external;

    /// @notice Opens the insecure state at `batchIndex` (not final): a DA request is open. Only DA_ROLE. Emits
    ///         {BatchInsecure}.
    /// @dev Only within the batch's own fraud window: a batch past it but held back by a review (or by the wait for
    ///      the last batch under a longer window) reads Pending, yet refuses with {BatchChainWindowOver}. Otherwise
    ///      each answer's review would make room for the next request, holding finality back for ever; this way one
    ///      request delays a batch by at most the DA window plus the review time.
    /// @param batchIndex The batch whose data was requested: submitted, not the genesis anchor, not Finalized, before
    ///        its submission time plus the window it was submitted under, and without an open request already.
    function markInsecure(uint256 batchIndex) external;

    /// @notice Closes the insecure state at `batchIndex`: the data was posted. The batch cannot finalize before
    ///         `reviewUntil` (verifiers get time to check the data). Only DA_ROLE. Emits {BatchSecured}.
    /// @param batchIndex A batch with an open DA request.
    /// @param reviewUntil An ACTIVE time ({activeTime}; seconds) before which neither the batch nor a later one
    ///        finalizes, so that a pause holds the review back too: the DA request manager passes `activeTime()` plus
    ///        the review time. Recorded only when after the batch's deadline in active time ({finalizesAt} is its
    ///        wall-clock image).
    function clearInsecure(uint256 batchIndex, uint256 reviewUntil) external;

    /// @notice Governance: sets the fraud-proof window. Bounds: 1 hour to 7 days. Only GOVERNOR_ROLE. Emits
    ///         {FraudProofWindowUpdated}.
    /// @param newValue The window in seconds, for batches submitted after this call (earlier ones keep theirs).
    function setFraudProofWindow(uint256 newValue) external;

    /// @notice Governance: sets how old a queued deposit may get before a batch must include it. Bounds: 1 hour to
    ///         7 days, in whole hours. Only GOVERNOR_ROLE. Emits {ForceInclusionDelayUpdated}.
    /// @param newValue The delay in seconds, a multiple of 3600; it applies at once to every queued deposit.
    function setForceInclusionDelay(uint256 newValue) external;

    /// @notice The status of batch `batchIndex`: None (never submitted), Pending, Disputed (a dispute is open against
    ///         it or an ancestor), Insecure (a DA request is open against it or an ancestor), Finalized, RolledBack.
    /// @param batchIndex Any batch index; one past the chain is None, or RolledBack when a rollback removed it.
    /// @return The batch's status (always Finalized for batch 0, the genesis anchor).
    function batchStatus(uint256 batchIndex) external view returns (Types.BatchStatus);

    /// @notice Batch `batchIndex`'s header hash with its status, in one call (for proofs against final batches); the
    ///         hash is zero for a batch that is None or RolledBack.
    /// @param batchIndex Any batch index.
    /// @return headerHash The batch's header hash ({BatchLib-hash}); zero when the status is None or RolledBack.
    /// @return status As {batchStatus}.
    function headerStatus(uint256 batchIndex) external view returns (bytes32 headerHash, Types.BatchStatus status);

    /// @notice When batch `batchIndex` finalizes if nothing is opened against it: its submission time plus the fraud
    ///         window, or later when a DA answer for it or an ancestor extended review. Reviews are kept once ended
    ///         (they give a time in the past); when reviews ended out of order (governance shortened the review
    ///         time), one may be recorded as ending with a later one, which can only make this later, never earlier.
    /// @param batchIndex A batch in the chain (below {batchCount}); reverts with {BatchChainUnknownBatch} otherwise.
    /// @dev Every window is measured in active time ({activeTime}): the deadline is an active time, and this returns
    ///      its wall-clock image ({wallTimeAt}), exact unless a further pause (or maintenance window) comes before it.
    /// @return Unix time (seconds) from which the batch is Finalized unless a dispute or DA request opens first, or a
    ///         further pause comes; 0 for batch 0. It may be the first second of a pause (the deadline was reached
    ///         as the pause began): the batch is Finalized then, but withdrawal payouts against it still wait for the
    ///         pause to end ({payoutStatus}).
    function finalizesAt(uint256 batchIndex) external view returns (uint256);

    /// @notice The batch that commits L2 block `l2Block`, if any batch does yet.
    /// @param l2Block An L2 block number.
    /// @return committed Whether a batch in the chain holds `l2Block`: false before the genesis block or after the
    ///         last committed block ({tip}).
    /// @return batchIndex The batch whose block range holds `l2Block` (0 for the genesis block, and when not
    ///         committed).
    function batchOfL2Block(uint256 l2Block) external view returns (bool committed, uint256 batchIndex);

    /// @notice Header hash, submission time, last L2 block and deposit count of batch `batchIndex`.
    /// @param batchIndex A batch in the chain (below {batchCount}); reverts with {BatchChainUnknownBatch} otherwise.
    /// @return headerHash The batch's header hash ({BatchLib-hash}).
    /// @return submittedAt Unix time (seconds) at which the batch was accepted (deployment time for batch 0).
    /// @return lastBlock The last L2 block number in the batch.
    /// @return depositCount L1 deposits included up to and including `lastBlock`, counted from the first deposit.
    function batchInfo(
        uint256 batchIndex
    ) external view returns (bytes32 headerHash, uint256 submittedAt, uint256 lastBlock, uint256 depositCount);

    /// @notice The header hash of batch `batchIndex`.
    /// @param batchIndex A batch in the chain (below {batchCount}); reverts with {BatchChainUnknownBatch} otherwise.
    /// @return The EIP-712 struct hash of its header ({BatchLib-hash}), which its child names as `parentHash`.
    function headerHash(uint256 batchIndex) external view returns (bytes32);

    /// @notice Whether `headerHash` was the first header a rollback removed, so that it can never be submitted again.
    ///         (Later removed headers descend from such a one and can never connect.) A sequencer re-batching the
    ///         same blocks after a rollback of a valid batch checks this and picks another block range.
    /// @param headerHash A header hash ({BatchLib-hash}).
    /// @return True when a rollback started at that header, which {submitBatch} then refuses for good.
    function isRolledBack(bytes32 headerHash) external view returns (bool);

    /// @notice Batches in the chain, the genesis anchor included: the next batch's index.
    /// @return The number of live batches, at least 1; rolled-back batches are not counted.
    function batchCount() external view returns (uint256);

    /// @notice The last L2 block committed, the deposit count and chain of the last batch, and when it was accepted.
    /// @return lastBlock The last L2 block of the last batch (the genesis block before any batch).
    /// @return depositCount L1 deposits the last batch includes, counted from the first deposit.
    /// @return depositChainHash The deposit chain after `depositCount` deposits (zero when there are none).
    /// @return lastAcceptedAt Unix time (seconds) of the last accepted batch or rollback, whichever came later: the
    ///         point the proposer rotation counts its timeouts from.
    function tip()
        external
        view
        returns (uint256 lastBlock, uint256 depositCount, bytes32 depositChainHash, uint256 lastAcceptedAt);

    /// @notice The EIP-712 digest sequencers sign for `header`.
    /// @param header Any batch header; it is not checked against the chain.
    /// @return keccak256(0x1901 ++ {domainSeparator} ++ the header's struct hash).
    function headerDigest(Types.BatchHeader calldata header) external view returns (bytes32);

    /// @notice The EIP-712 domain separator of batch headers for this contract.
    /// @return The separator of domain "MetisL2", version "1", this chain's id and this contract's address.
    function domainSeparator() external view returns (bytes32);

    /// @notice The fraud-proof window for batches submitted from now on; earlier batches keep the window they were
    ///         submitted under. 7 days at deployment; see {setFraudProofWindow}.
    /// @return The window in seconds.
    function fraudProofWindow() external view returns (uint256);

    /// @notice How long a queued deposit may wait before every batch must include it (else
    ///         {BatchChainOverdueDepositExcluded}). 24 hours at deployment; see {setForceInclusionDelay}.
    /// @return The delay in seconds, a whole number of hours.
    function forceInclusionDelay() external view returns (uint256);

    /// @notice The SequencerRegistry that schedules proposers and checks quorums, fixed at deployment.
    /// @return The registry's address.
    function registry() external view returns (address);

    /// @notice The L1Bridge whose deposit queue batches must follow, fixed at deployment.
    /// @return The bridge's address.
    function bridge() external view returns (address);

    // ---------------------------------------------------------------------------------------------------------------
    // Pause clock
    // ---------------------------------------------------------------------------------------------------------------

    /// @notice Guardian: pauses submissions, finality (the clock stops) and withdrawal payouts from now for `duration`
    ///         seconds, clipped at the start of the next scheduled maintenance window. Emits {Paused}.
    /// @dev Only the guardian ({BatchChainNotGuardian}); `0 < duration <= maxPause` ({BatchChainPauseTooLong}); not
    ///      while paused ({BatchChainAlreadyPaused}); not before {pauseReadyAt} ({BatchChainPauseCooldown}).
    /// @param duration Seconds to pause for.
    function pause(uint256 duration) external;

    /// @notice Ends the current pause now; the clock resumes and a later maintenance window still comes. Governance
    ///         (GOVERNOR_ROLE) may end a guardian pause or a maintenance window; the guardian may end a guardian pause
    ///         (it need not wait for a 14-day proposal to lift a pause it no longer needs), never a maintenance
    ///         window, which only governance ends early. Emits {Unpaused}.
    /// @dev Reverts with {BatchChainNotPaused} when nothing is paused, and with
    ///      {IAccessControl-AccessControlUnauthorizedAccount} (for GOVERNOR_ROLE) for anyone else, or for the
    ///      guardian during a maintenance window. Ending a guardian pause starts its cooldown from now.
    function unpause() external;

    /// @notice Governance: schedules a maintenance window `[start, start + duration)`, during which the chain is paused
    ///         as by the guardian. Only GOVERNOR_ROLE. Emits {MaintenanceScheduled}.
    /// @dev `start >= now + maintenanceNotice` ({BatchChainMaintenanceTooSoon}) and at most
    ///      {Constants-MAX_MAINTENANCE_LEAD} ahead ({BatchChainMaintenanceTooLate}); `0 < duration <= maxMaintenance`
    ///      ({BatchChainMaintenanceTooLong}); overlapping no known pause or window ({BatchChainMaintenanceOverlaps}),
    ///      starting at least {Constants-MIN_MAINTENANCE_GAP} after the end of every one before it and ending at least
    ///      that long before every one after it ({BatchChainMaintenanceTooClose}); at most
    ///      {Constants-MAX_UPCOMING_MAINTENANCE} windows not over ({BatchChainTooManyMaintenanceWindows}).
    /// @param start Unix time (seconds) the window starts.
    /// @param duration Its length, in seconds.
    function scheduleMaintenance(uint256 start, uint256 duration) external;

    /// @notice Governance: cancels the upcoming (not started) maintenance window that starts at `start`. Only
    ///         GOVERNOR_ROLE. Emits {MaintenanceCancelled}; {BatchChainNoSuchMaintenance} if there is none.
    /// @param start Unix time (seconds) the window starts.
    function cancelMaintenance(uint256 start) external;

    /// @notice Governance: sets the guardian (zero: nobody may pause). Only GOVERNOR_ROLE. Emits {GuardianUpdated}.
    /// @param newValue The new guardian.
    function setGuardian(address newValue) external;

    /// @notice Governance: sets the longest guardian pause. Bounds: 1 hour to 3.5 days (half the 7-day exit window; a
    ///         pause stops the timelock's clock too). Only GOVERNOR_ROLE. Emits {MaxPauseUpdated}.
    /// @param newValue Seconds.
    function setMaxPause(uint256 newValue) external;

    /// @notice Governance: sets the wait between the end of a guardian pause and the next. Bounds: 7 to 90 days. Only
    ///         GOVERNOR_ROLE. Emits {PauseCooldownUpdated}.
    /// @param newValue Seconds.
    function setPauseCooldown(uint256 newValue) external;

    /// @notice Governance: sets the longest maintenance window. Bounds: 1 hour to 2 days. Only GOVERNOR_ROLE. Emits
    ///         {MaxMaintenanceUpdated}.
    /// @param newValue Seconds (applies to windows scheduled later).
    function setMaxMaintenance(uint256 newValue) external;

    /// @notice Governance: sets the least notice of a maintenance window. Bounds: 1 to 30 days. Only GOVERNOR_ROLE.
    ///         Emits {MaintenanceNoticeUpdated}.
    /// @param newValue Seconds (applies to windows scheduled later).
    function setMaintenanceNotice(uint256 newValue) external;

    /// @notice The active time now: a clock that stops while paused, `now` minus every second paused so far. Every
    ///         protocol window (fraud window, DA window and review, force-inclusion delay, rotation timeout, exit
    ///         delays, dispute phases) is measured on it.
    /// @return Seconds.
    function activeTime() external view returns (uint256);

    /// @notice The active time at wall time `t`: `t` minus the seconds of `[0, t)` inside known pauses and windows.
    /// @param t Unix time, seconds.
    /// @return Seconds; exact for `t` not after now, and for a later `t` unless a further pause comes.
    function activeTimeAt(uint256 t) external view returns (uint256);

    /// @notice The earliest wall time whose active time is `a`, given the known pauses and scheduled windows: when a
    ///         deadline in active time comes.
    /// @param a An active time, seconds.
    /// @return Unix time (seconds); exact unless a further pause comes before it. Never strictly inside a pause, but
    ///         it may be a pause's start (the active clock reaches `a` just as it stops), when the chain is paused.
    function wallTimeAt(uint256 a) external view returns (uint256);

    /// @notice Whether the chain is paused now, until when, and whether by a maintenance window.
    /// @return paused True during a guardian pause or a maintenance window.
    /// @return until Unix time (seconds) the clock resumes (the end of a run of touching intervals); 0 if not paused.
    /// @return maintenance True when the current interval is a maintenance window.
    function pauseStatus() external view returns (bool paused, uint256 until, bool maintenance);

    /// @notice The maintenance windows not yet over (the current one, if any, and the upcoming), by start.
    /// @return starts Unix times (seconds) they start.
    /// @return ends Unix times (seconds) they end.
    function maintenanceWindows() external view returns (uint256[] memory starts, uint256[] memory ends);

    /// @notice When the guardian may pause again (its last pause's end plus {pauseCooldown}, or the end of the current
    ///         pause if later); 0 if it never paused and nothing is paused.
    /// @return Unix time, seconds.
    function pauseReadyAt() external view returns (uint256);

    /// @notice What L1Bridge needs to pay a withdrawal, in one call: {headerStatus} and whether payouts are paused.
    /// @param batchIndex Any batch index.
    /// @return headerHash As {headerStatus}.
    /// @return status As {batchStatus}.
    /// @return pausedUntil Unix time (seconds) the current pause ends; 0 when not paused.
    function payoutStatus(
        uint256 batchIndex
    ) external view returns (bytes32 headerHash, Types.BatchStatus status, uint256 pausedUntil);

    /// @notice The guardian, the one address that may {pause} (zero: none).
    /// @return The guardian's address.
    function guardian() external view returns (address);

    /// @notice The longest guardian pause, in seconds (3 days at deployment).
    /// @return Seconds.
    function maxPause() external view returns (uint256);

    /// @notice The wait between the end of a guardian pause and the next, in seconds (7 days at deployment).
    /// @return Seconds.
    function pauseCooldown() external view returns (uint256);

    /// @notice The longest maintenance window, in seconds (12 hours at deployment).
    /// @return Seconds.
    function maxMaintenance() external view returns (uint256);

    /// @notice The least notice of a maintenance window, in seconds (3 days at deployment).
    /// @return Seconds.
    function maintenanceNotice() external view returns (uint256);
}
