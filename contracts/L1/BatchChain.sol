// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IBatchChain} from "../interfaces/IBatchChain.sol";
import {IL1Bridge} from "../interfaces/IL1Bridge.sol";
import {ISequencerRegistry} from "../interfaces/ISequencerRegistry.sol";

import {BatchLib} from "../libraries/BatchLib.sol";
import {BatchRecordLib} from "../libraries/BatchRecordLib.sol";
import {Constants} from "../libraries/Constants.sol";
import {FinalityLib} from "../libraries/FinalityLib.sol";
import {PauseLib} from "../libraries/PauseLib.sol";
import {Types} from "../libraries/Types.sol";

/// @title BatchChain
/// @notice See {IBatchChain}.
/// @dev Storage per batch: its header hash (one new slot) and a 128-bit record ({BatchRecordLib}: submission time,
///      last L2 block, deposit count). Records are stored two per slot, and lazily: the last batch's record lives in
///      `_tip`, which every submission rewrites anyway, and a pair slot is written when its second batch arrives. So a
///      batch costs one new slot, and every second batch one more. Everything a submission reads about the previous
///      batch sits in `_tip`. When a batch finalizes is {FinalityLib}'s: fraud-window changes apply to batches
///      submitted after the change, so a batch that is final stays final whatever governance does later.
contract BatchChain is IBatchChain, AccessControl, EIP712 {
    /// @notice Sets parameters (the timelock).
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    /// @notice May roll batches back (dispute manager, DA request manager).
    bytes32 public constant ROLLBACK_ROLE = keccak256("ROLLBACK_ROLE");
    /// @notice May open and close disputes (dispute manager).
    bytes32 public constant DISPUTER_ROLE = keccak256("DISPUTER_ROLE");
    /// @notice May open and close the insecure state (DA request manager).
    bytes32 public constant DA_ROLE = keccak256("DA_ROLE");
    /// @notice May grant and revoke every role but DEFAULT_ADMIN_ROLE (the admin of each, itself included): the
    ///         operational and governance roles. Held by the deploying admin until the handover, then by nobody, so
    ///         that the wiring is as immutable as the code: DEFAULT_ADMIN_ROLE (the timelock) administers nothing.
    bytes32 public constant WIRING_ROLE = keccak256("WIRING_ROLE");

    ISequencerRegistry private immutable _registry;
    IL1Bridge private immutable _bridge;

    /// @dev The last accepted batch, as the next submission needs it, in one slot.
    /// @param batchCount Batches in the chain: the next index (32 bits: 4 billion batches, centuries of them).
    /// @param lastAcceptedAt When the last batch was accepted, or the chain rolled back: the rotation reference.
    /// @param pendingSince A lower bound on when deposit `depositCount` was queued (0: unknown). While
    ///        `pendingSince + forceInclusionDelay` is ahead, no queued deposit can be overdue and a batch that adds
    ///        no deposit need not ask the bridge.
    /// @param forceInclusionHours The force-inclusion delay, in hours (a parameter, kept here to save a read).
    /// @param clockOn 1 while a pause interval may affect submissions (else 0): set by {pause} and
    ///        {scheduleMaintenance}, cleared by a submission that finds no interval ending after it. While clear, no
    ///        interval lies between `lastAcceptedAt` and now, so a submission reads no pause state at all.
    /// @param lastRecord The last batch's record ({BatchRecordLib}).
    struct Tip {
        uint32 batchCount;
        uint40 lastAcceptedAt;
        uint40 pendingSince;
        uint8 forceInclusionHours;
        uint8 clockOn;
        uint128 lastRecord;
    }

    /// @dev What a status read needs besides the tip, in one slot, so that the common case (nothing open, no review,
    ///      no window change) costs no list scan.
    /// @param rolledBackUpTo Largest batch count reached before a rollback: indices in [batchCount, this) are
    ///        RolledBack.
    /// @param rolledBackFrom Lowest index ever rolled back (0: none). Outside [rolledBackFrom, rolledBackUpTo) no
    ///        record was ever rolled back, so a written record there is a live batch's and needs no look at `_tip`.
    /// @param lowestDisputed Lowest batch with an open dispute (0: none; batch 0 never has one).
    /// @param lowestInsecure Lowest batch with an open DA request (0: none).
    /// @param currentWindow The fraud window for new batches.
    /// @param windowCount Window changes in `_history` (1 until governance changes the window).
    /// @param lastReviewUntil When the last review in `_history` ends, in active time (0: none): a batch whose own
    ///        deadline is not before it is held back by no review.
    /// @param latestEnd The latest end of any pause interval (0: none ever, the active clock is the wall clock). A
    ///        batch submitted at or after it, or a payout at or after it, needs no look at the pause intervals.
    struct Summary {
        uint32 rolledBackUpTo;
        uint32 lowestDisputed;
        uint32 lowestInsecure;
        uint24 currentWindow;
        uint16 windowCount;
        uint40 lastReviewUntil;
        uint32 rolledBackFrom;
        uint40 latestEnd;
    }

    /// @dev The guardian and the pause parameters, in one slot (each bound fits 24 bits of seconds).
    struct PauseSettings {
        address guardian;
        uint24 maxPause;
        uint24 pauseCooldown;
        uint24 maxMaintenance;
        uint24 maintenanceNotice;
    }

    Tip private _tip;
    bytes32 private _tipDepositChain;
    Summary private _summary;
    mapping(uint256 batchIndex => bytes32) private _headerHashes;
    /// @dev Records of batches 2k (low 128 bits) and 2k + 1 (high), written when batch 2k + 1 is submitted.
    mapping(uint256 pair => uint256) private _records;
    FinalityLib.History private _history;
    /// @dev Open disputes per header hash. Keyed by hash rather than index so that a rollback, which makes the hash
    ///      dead for good, needs no clean-up here.
    mapping(bytes32 headerHash => uint256) private _openDisputes;
    /// @dev One bit per batch index (word `index / 256`, bit `index % 256`): set while a dispute is open there (a
    ///      rollback clears the bits of the batches it removes).
    mapping(uint256 word => uint256) private _disputedBits;
    /// @dev One bit per batch index, as `_disputedBits`: set while a DA request is open there. A bitmap rather than a
    ///      set, so that the next-lowest scan reads one word per 256 batches and no number of open requests can make
    ///      an answer's {clearInsecure} (or a rollback) cost more than that scan.
    mapping(uint256 word => uint256) private _insecureBits;
    /// @dev Header hashes at which a rollback started. Every other rolled-back header descends from one of them, so
    ///      its parent can never be the tip again; banning these bans them all. Checked only for an index that held a
    ///      header before (a rollback left it behind in `_headerHashes`).
    mapping(bytes32 headerHash => bool) private _rolledBackHeaders;
    /// @dev Every pause interval: guardian pauses and maintenance windows.
    PauseLib.Clock private _clock;
    PauseSettings private _pauseSettings;
    /// @dev When the last guardian pause ended (0: never paused); the cooldown runs from here.
    uint256 private _lastPauseEnd;

    /// @notice Deploys the chain holding batch 0, the genesis anchor (final from the start), with the fraud window
    ///         and force-inclusion delay at their defaults (7 days, 24 hours).
    /// @param registry_ The SequencerRegistry that schedules proposers and checks quorums.
    /// @param bridge_ The L1Bridge whose deposit queue batches must follow.
    /// @param admin Receives DEFAULT_ADMIN_ROLE, WIRING_ROLE and GOVERNOR_ROLE.
    /// @param genesis The L2 genesis block, the only block leaf of batch 0.
    constructor(
        ISequencerRegistry registry_,
        IL1Bridge bridge_,
        address admin,
        Types.BlockLeaf memory genesis
    ) EIP712("MetisL2", "1") {
        if (genesis.number > BatchRecordLib.MAX_LAST_BLOCK)
            revert BatchChainInvalidBlockRange(genesis.number, genesis.number);
        _registry = registry_;
        _bridge = bridge_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(WIRING_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, admin);
        _setRoleAdmin(WIRING_ROLE, WIRING_ROLE);
        _setRoleAdmin(GOVERNOR_ROLE, WIRING_ROLE);
        _setRoleAdmin(ROLLBACK_ROLE, WIRING_ROLE);
        _setRoleAdmin(DISPUTER_ROLE, WIRING_ROLE);
        _setRoleAdmin(DA_ROLE, WIRING_ROLE);
        FinalityLib.setWindow(_history, 0, Constants.DEFAULT_FRAUD_WINDOW);
        _summary = Summary({
            rolledBackUpTo: 0,
            lowestDisputed: 0,
            lowestInsecure: 0,
            currentWindow: uint24(Constants.DEFAULT_FRAUD_WINDOW),
            windowCount: 1,
            lastReviewUntil: 0,
            rolledBackFrom: 0,
            latestEnd: 0
        });
        _pauseSettings = PauseSettings({
            guardian: address(0),
            maxPause: uint24(Constants.DEFAULT_MAX_PAUSE),
            pauseCooldown: uint24(Constants.DEFAULT_PAUSE_COOLDOWN),
            maxMaintenance: uint24(Constants.DEFAULT_MAX_MAINTENANCE),
            maintenanceNotice: uint24(Constants.DEFAULT_MAINTENANCE_NOTICE)
        });

        _anchor(genesis);
    }

    /// @dev Records batch 0, the anchor whose state root is the genesis block leaf, and announces it like any batch.
    function _anchor(Types.BlockLeaf memory genesis) private {
        Types.BatchHeader memory anchor = Types.BatchHeader({
            batchIndex: 0,
            parentHash: bytes32(0),
            firstBlock: genesis.number,
            lastBlock: genesis.number,
            txCount: 0,
            txBatchRoot: bytes32(0),
            stateBatchRoot: BatchLib.blockLeaf(genesis),
            depositCount: 0,
            depositChainHash: bytes32(0),
            dataHash: bytes32(0)
        });
        bytes32 anchorHash = BatchLib.hash(anchor);
        _headerHashes[0] = anchorHash;
        _tip = Tip({
            batchCount: 1,
            lastAcceptedAt: uint40(block.timestamp),
            pendingSince: 0,
            forceInclusionHours: uint8(Constants.DEFAULT_FORCE_INCLUSION_DELAY / 1 hours),
            clockOn: 0,
            lastRecord: uint128(BatchRecordLib.pack(block.timestamp, genesis.number, 0))
        });
        emit BatchSubmitted(
            0,
            address(0),
            anchorHash,
            bytes32(0),
            genesis.number,
            genesis.number,
            0,
            bytes32(0),
            anchor.stateBatchRoot,
            0,
            bytes32(0),
            bytes32(0)
        );
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Submission
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IBatchChain
    function submitBatch(Types.BatchHeader calldata header, bytes calldata signatures) external {
        Tip memory tip_ = _tip;
        if (tip_.clockOn != 0) _checkClock(tip_); // paused? and the rotation reference in active time
        uint256 index = header.batchIndex;
        if (index != tip_.batchCount) revert BatchChainUnexpectedIndex(tip_.batchCount, index);
        bytes32 parent = _headerHashes[index - 1];
        if (header.parentHash != parent) revert BatchChainUnexpectedParent(parent, header.parentHash);
        uint256 lastBlock = header.lastBlock;
        uint256 previousDepositCount;
        {
            uint256 previousLastBlock;
            (, previousLastBlock, previousDepositCount) = BatchRecordLib.unpack(tip_.lastRecord);
            uint256 firstBlock = header.firstBlock;
            if (firstBlock != previousLastBlock + 1) revert BatchChainNotContiguous(previousLastBlock + 1, firstBlock);
            // At most MAX_BATCH_BLOCKS blocks, the bound L1Bridge and the SDK apply to block proofs; and a last block
            // the record can hold.
            bool invalidRange;
            unchecked {
                // lastBlock < firstBlock wraps the difference far past the bound, so one comparison covers both.
                invalidRange =
                    lastBlock - firstBlock >= Constants.MAX_BATCH_BLOCKS ||
                    lastBlock > BatchRecordLib.MAX_LAST_BLOCK;
            }
            if (invalidRange) revert BatchChainInvalidBlockRange(firstBlock, lastBlock);
        }
        uint256 depositCount = header.depositCount;
        uint256 pendingSince = _checkDeposits(depositCount, header.depositChainHash, previousDepositCount, tip_);

        bytes32 hash = BatchLib.hashCalldata(header);
        // An index in use before was rolled back: its header must not be one that was. Reading the slot first costs
        // nothing in the common case, a fresh index, since the write below then finds it warm.
        if (_headerHashes[index] != 0 && _rolledBackHeaders[hash]) revert BatchChainHeaderRolledBack(hash);
        _registry.authorizeBatch(index, tip_.lastAcceptedAt, msg.sender, _hashTypedDataV4(hash), signatures);

        _headerHashes[index] = hash;
        uint256 record = BatchRecordLib.pack(block.timestamp, lastBlock, depositCount);
        // The second batch of a pair writes the pair's slot; the first waits in the tip until then.
        if (index % 2 == 1) _records[BatchRecordLib.pairOf(index)] = BatchRecordLib.join(tip_.lastRecord, record);
        if (depositCount != previousDepositCount) _tipDepositChain = header.depositChainHash;
        _writeTip(
            Tip({
                batchCount: uint32(index + 1),
                lastAcceptedAt: uint40(block.timestamp),
                pendingSince: uint40(pendingSince),
                forceInclusionHours: tip_.forceInclusionHours,
                clockOn: tip_.clockOn,
                lastRecord: uint128(record)
            })
        );
        _emitSubmitted(header, hash);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Disputes, DA requests, rollback
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IBatchChain
    function rollback(uint256 fromIndex) external onlyRole(ROLLBACK_ROLE) {
        Tip memory tip_ = _tip;
        if (fromIndex == 0 || fromIndex >= tip_.batchCount || _isFinal(fromIndex)) {
            revert BatchChainCannotRollBack(fromIndex);
        }
        uint256 record = _pairedRecord(fromIndex - 1);
        (, , uint256 depositCount) = BatchRecordLib.unpack(record);
        // Its signatures are still valid while its signers are unslashed: the header must never be accepted again.
        _rolledBackHeaders[_headerHashes[fromIndex]] = true;
        _writeTip(
            Tip({
                batchCount: uint32(fromIndex),
                lastAcceptedAt: uint40(block.timestamp),
                pendingSince: 0,
                forceInclusionHours: tip_.forceInclusionHours,
                clockOn: tip_.clockOn,
                lastRecord: uint128(record)
            })
        );
        _tipDepositChain = _bridge.depositChainAt(depositCount);
        FinalityLib.dropReviewsFrom(_history, fromIndex);
        Summary memory summary = _summary;
        if (tip_.batchCount > summary.rolledBackUpTo) summary.rolledBackUpTo = tip_.batchCount;
        if (summary.rolledBackFrom == 0 || fromIndex < summary.rolledBackFrom)
            summary.rolledBackFrom = uint32(fromIndex);
        // Every open dispute (DA request) is at or after the lowest: if that one is removed, they all are.
        if (summary.lowestDisputed >= fromIndex) summary.lowestDisputed = 0;
        if (summary.lowestInsecure >= fromIndex) summary.lowestInsecure = 0;
        _clearBits(_disputedBits, fromIndex, tip_.batchCount);
        _clearBits(_insecureBits, fromIndex, tip_.batchCount);
        summary.lastReviewUntil = uint40(FinalityLib.lastReviewUntil(_history));
        _summary = summary;
        emit BatchesRolledBack(fromIndex, tip_.batchCount);
    }

    /// @inheritdoc IBatchChain
    function markDisputed(uint256 batchIndex) external onlyRole(DISPUTER_ROLE) {
        _checkOpenable(batchIndex);
        uint256 deadline = finalizesAt(batchIndex);
        if (block.timestamp >= deadline) revert BatchChainWindowOver(batchIndex, deadline);
        bytes32 hash = _headerHashes[batchIndex];
        uint256 open = _openDisputes[hash];
        _openDisputes[hash] = open + 1;
        if (open == 0) {
            _disputedBits[batchIndex / 256] |= 1 << (batchIndex % 256);
            uint256 lowest = _summary.lowestDisputed;
            if (lowest == 0 || batchIndex < lowest) _summary.lowestDisputed = uint32(batchIndex);
        }
        emit BatchDisputed(batchIndex);
    }

    /// @inheritdoc IBatchChain
    function clearDisputed(uint256 batchIndex) external onlyRole(DISPUTER_ROLE) {
        if (batchIndex == 0 || batchIndex >= _tip.batchCount) revert BatchChainNothingOpen(batchIndex);
        bytes32 hash = _headerHashes[batchIndex];
        uint256 open = _openDisputes[hash];
        if (open == 0) revert BatchChainNothingOpen(batchIndex);
        _openDisputes[hash] = open - 1;
        if (open == 1) {
            _disputedBits[batchIndex / 256] &= ~(1 << (batchIndex % 256));
            if (batchIndex == _summary.lowestDisputed) {
                _summary.lowestDisputed = uint32(_nextSet(_disputedBits, batchIndex + 1));
            }
        }
        emit BatchDisputeCleared(batchIndex);
    }

    /// @inheritdoc IBatchChain
    function markInsecure(uint256 batchIndex) external onlyRole(DA_ROLE) {
        _checkOpenable(batchIndex);
        // Only within the batch's own window: a review (or the wait for a batch under a longer window) holding it
        // back must not let a request open later, or answers could be chained to hold finality back for ever.
        (uint256 submittedAt, , ) = _recordOf(batchIndex);
        Summary memory summary = _summary;
        uint256 window = summary.windowCount == 1 ? summary.currentWindow : FinalityLib.windowOf(_history, batchIndex);
        // In active time; a pause only delays, so the wall check alone decides while it passes.
        if (block.timestamp >= submittedAt + window && summary.latestEnd != 0) {
            uint256 ownDeadline = PauseLib.activeTimeAt(_clock, submittedAt) + window;
            if (PauseLib.activeTimeAt(_clock, block.timestamp) >= ownDeadline)
                revert BatchChainWindowOver(batchIndex, PauseLib.wallTime(_clock, ownDeadline));
        } else if (block.timestamp >= submittedAt + window) {
            revert BatchChainWindowOver(batchIndex, submittedAt + window);
        }
        uint256 bit = 1 << (batchIndex % 256);
        uint256 word = _insecureBits[batchIndex / 256];
        if (word & bit != 0) revert BatchChainAlreadyOpen(batchIndex);
        _insecureBits[batchIndex / 256] = word | bit;
        uint256 lowest = summary.lowestInsecure;
        if (lowest == 0 || batchIndex < lowest) _summary.lowestInsecure = uint32(batchIndex);
        emit BatchInsecure(batchIndex);
    }

    /// @inheritdoc IBatchChain
    function clearInsecure(uint256 batchIndex, uint256 reviewUntil) external onlyRole(DA_ROLE) {
        uint256 bit = 1 << (batchIndex % 256);
        uint256 word = _insecureBits[batchIndex / 256];
        if (word & bit == 0) revert BatchChainNothingOpen(batchIndex);
        _insecureBits[batchIndex / 256] = word & ~bit;
        if (batchIndex == _summary.lowestInsecure)
            _summary.lowestInsecure = uint32(_nextSet(_insecureBits, batchIndex + 1));
        // Reviews that have ended stay: they only give deadlines in the past, and every read is O(log n) of them.
        if (reviewUntil > _activeDeadline(batchIndex)) {
            FinalityLib.addReview(_history, batchIndex, reviewUntil);
            _summary.lastReviewUntil = uint40(FinalityLib.lastReviewUntil(_history));
        }
        emit BatchSecured(batchIndex, reviewUntil);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IBatchChain
    function setFraudProofWindow(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_FRAUD_WINDOW, Constants.MAX_FRAUD_WINDOW);
        uint256 old = FinalityLib.setWindow(_history, _tip.batchCount, newValue);
        _summary.currentWindow = uint24(newValue);
        _summary.windowCount = uint16(_history.windows.length);
        emit FraudProofWindowUpdated(old, newValue);
    }

    /// @inheritdoc IBatchChain
    function setForceInclusionDelay(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_FORCE_INCLUSION_DELAY, Constants.MAX_FORCE_INCLUSION_DELAY);
        if (newValue % 1 hours != 0) revert BatchChainParameterNotWholeHours(newValue);
        emit ForceInclusionDelayUpdated(uint256(_tip.forceInclusionHours) * 1 hours, newValue);
        _tip.forceInclusionHours = uint8(newValue / 1 hours);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Pause clock
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IBatchChain
    function pause(uint256 duration) external {
        PauseSettings memory settings = _pauseSettings;
        if (msg.sender != settings.guardian) revert BatchChainNotGuardian(msg.sender);
        if (duration == 0 || duration > settings.maxPause) revert BatchChainPauseTooLong(duration, settings.maxPause);
        uint256 lastEnd = _lastPauseEnd;
        // While paused, the cooldown (from the planned end) is ahead too: report the pause, the clearer reason.
        if (lastEnd != 0 && block.timestamp < lastEnd + settings.pauseCooldown) {
            (bool paused, uint256 pausedUntil, ) = PauseLib.status(_clock, block.timestamp);
            if (paused) revert BatchChainAlreadyPaused(pausedUntil);
            revert BatchChainPauseCooldown(lastEnd + settings.pauseCooldown);
        }
        (uint256 until, uint256 latest) = PauseLib.pause(_clock, block.timestamp, duration);
        _lastPauseEnd = until;
        _tip.clockOn = 1;
        _summary.latestEnd = uint40(latest);
        emit Paused(msg.sender, block.timestamp, until);
    }

    /// @inheritdoc IBatchChain
    function unpause() external {
        bool governor = hasRole(GOVERNOR_ROLE, msg.sender);
        if (!governor && msg.sender != _pauseSettings.guardian)
            revert AccessControlUnauthorizedAccount(msg.sender, GOVERNOR_ROLE);
        (bool maintenance, uint256 latest) = PauseLib.unpause(_clock, block.timestamp);
        // Only governance ends a maintenance window early: it was announced, and the guardian did not start it.
        if (maintenance && !governor) revert AccessControlUnauthorizedAccount(msg.sender, GOVERNOR_ROLE);
        if (!maintenance) _lastPauseEnd = block.timestamp;
        _summary.latestEnd = uint40(latest);
        emit Unpaused(msg.sender, block.timestamp);
    }

    /// @inheritdoc IBatchChain
    function scheduleMaintenance(uint256 start, uint256 duration) external onlyRole(GOVERNOR_ROLE) {
        PauseSettings memory settings = _pauseSettings;
        uint256 earliest = block.timestamp + settings.maintenanceNotice;
        if (start < earliest) revert BatchChainMaintenanceTooSoon(start, earliest);
        if (start > block.timestamp + Constants.MAX_MAINTENANCE_LEAD)
            revert BatchChainMaintenanceTooLate(start, block.timestamp + Constants.MAX_MAINTENANCE_LEAD);
        if (duration == 0 || duration > settings.maxMaintenance)
            revert BatchChainMaintenanceTooLong(duration, settings.maxMaintenance);
        uint256 end = start + duration;
        uint256 latest = PauseLib.schedule(
            _clock,
            block.timestamp,
            start,
            end,
            Constants.MAX_UPCOMING_MAINTENANCE,
            Constants.MIN_MAINTENANCE_GAP
        );
        _tip.clockOn = 1;
        _summary.latestEnd = uint40(latest);
        emit MaintenanceScheduled(start, end);
    }

    /// @inheritdoc IBatchChain
    function cancelMaintenance(uint256 start) external onlyRole(GOVERNOR_ROLE) {
        (uint256 end, uint256 latest) = PauseLib.cancel(_clock, block.timestamp, start);
        _summary.latestEnd = uint40(latest);
        emit MaintenanceCancelled(start, end);
    }

    /// @inheritdoc IBatchChain
    function setGuardian(address newValue) external onlyRole(GOVERNOR_ROLE) {
        emit GuardianUpdated(_pauseSettings.guardian, newValue);
        _pauseSettings.guardian = newValue;
    }

    /// @inheritdoc IBatchChain
    function setMaxPause(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_MAX_PAUSE, Constants.MAX_MAX_PAUSE);
        emit MaxPauseUpdated(_pauseSettings.maxPause, newValue);
        _pauseSettings.maxPause = uint24(newValue);
    }

    /// @inheritdoc IBatchChain
    function setPauseCooldown(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_PAUSE_COOLDOWN, Constants.MAX_PAUSE_COOLDOWN);
        emit PauseCooldownUpdated(_pauseSettings.pauseCooldown, newValue);
        _pauseSettings.pauseCooldown = uint24(newValue);
    }

    /// @inheritdoc IBatchChain
    function setMaxMaintenance(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_MAX_MAINTENANCE, Constants.MAX_MAX_MAINTENANCE);
        emit MaxMaintenanceUpdated(_pauseSettings.maxMaintenance, newValue);
        _pauseSettings.maxMaintenance = uint24(newValue);
    }

    /// @inheritdoc IBatchChain
    function setMaintenanceNotice(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkRange(newValue, Constants.MIN_MAINTENANCE_NOTICE, Constants.MAX_MAINTENANCE_NOTICE);
        emit MaintenanceNoticeUpdated(_pauseSettings.maintenanceNotice, newValue);
        _pauseSettings.maintenanceNotice = uint24(newValue);
    }

    /// @inheritdoc IBatchChain
    function activeTime() external view returns (uint256) {
        return PauseLib.activeTime(_clock, block.timestamp);
    }

    /// @inheritdoc IBatchChain
    function activeTimeAt(uint256 t) external view returns (uint256) {
        return PauseLib.activeTime(_clock, t);
    }

    /// @inheritdoc IBatchChain
    function wallTimeAt(uint256 a) external view returns (uint256) {
        return PauseLib.wallTime(_clock, a);
    }

    /// @inheritdoc IBatchChain
    function pauseStatus() external view returns (bool paused, uint256 until, bool maintenance) {
        return PauseLib.status(_clock, block.timestamp);
    }

    /// @inheritdoc IBatchChain
    function maintenanceWindows() external view returns (uint256[] memory starts, uint256[] memory ends) {
        return PauseLib.windows(_clock, block.timestamp);
    }

    /// @inheritdoc IBatchChain
    function pauseReadyAt() external view returns (uint256 readyAt) {
        uint256 lastEnd = _lastPauseEnd;
        if (lastEnd != 0) readyAt = lastEnd + _pauseSettings.pauseCooldown;
        uint256 until = PauseLib.pausedUntil(_clock, block.timestamp);
        if (until > readyAt) readyAt = until;
    }

    /// @inheritdoc IBatchChain
    function guardian() external view returns (address) {
        return _pauseSettings.guardian;
    }

    /// @inheritdoc IBatchChain
    function maxPause() external view returns (uint256) {
        return _pauseSettings.maxPause;
    }

    /// @inheritdoc IBatchChain
    function pauseCooldown() external view returns (uint256) {
        return _pauseSettings.pauseCooldown;
    }

    /// @inheritdoc IBatchChain
    function maxMaintenance() external view returns (uint256) {
        return _pauseSettings.maxMaintenance;
    }

    /// @inheritdoc IBatchChain
    function maintenanceNotice() external view returns (uint256) {
        return _pauseSettings.maintenanceNotice;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IBatchChain
    function headerStatus(uint256 batchIndex) external view returns (bytes32 hash, Types.BatchStatus status) {
        status = _batchStatus(batchIndex, _summary);
        if (status != Types.BatchStatus.None && status != Types.BatchStatus.RolledBack)
            hash = _headerHashes[batchIndex];
    }

    /// @inheritdoc IBatchChain
    function payoutStatus(
        uint256 batchIndex
    ) external view returns (bytes32 hash, Types.BatchStatus status, uint256 pausedUntil) {
        Summary memory summary = _summary;
        status = _batchStatus(batchIndex, summary);
        if (status != Types.BatchStatus.None && status != Types.BatchStatus.RolledBack)
            hash = _headerHashes[batchIndex];
        // No interval ends after now: nothing is paused, and the intervals need no look.
        if (summary.latestEnd > block.timestamp) pausedUntil = PauseLib.pausedUntil(_clock, block.timestamp);
    }

    /// @inheritdoc IBatchChain
    function batchStatus(uint256 batchIndex) public view returns (Types.BatchStatus) {
        return _batchStatus(batchIndex, _summary);
    }

    function _batchStatus(uint256 batchIndex, Summary memory summary) private view returns (Types.BatchStatus) {
        if (batchIndex == 0) return Types.BatchStatus.Finalized;
        // The common case, an older batch outside every rolled-back range: its record in a pair slot proves it
        // exists, and `_tip` is not read. A record's submission time is never 0.
        uint256 submittedAt;
        if (summary.rolledBackFrom == 0 || batchIndex < summary.rolledBackFrom || batchIndex >= summary.rolledBackUpTo)
            submittedAt = BatchRecordLib.submittedAtOf(_pairedRecord(batchIndex));
        if (submittedAt == 0) {
            if (batchIndex >= _tip.batchCount) {
                return batchIndex < summary.rolledBackUpTo ? Types.BatchStatus.RolledBack : Types.BatchStatus.None;
            }
            (submittedAt, , ) = _recordOf(batchIndex);
        }
        if (summary.lowestDisputed != 0 && summary.lowestDisputed <= batchIndex) return Types.BatchStatus.Disputed;
        if (summary.lowestInsecure != 0 && summary.lowestInsecure <= batchIndex) return Types.BatchStatus.Insecure;
        if (_isPastDeadline(batchIndex, submittedAt, summary)) return Types.BatchStatus.Finalized;
        return Types.BatchStatus.Pending;
    }

    /// @inheritdoc IBatchChain
    function finalizesAt(uint256 batchIndex) public view returns (uint256) {
        if (batchIndex >= _tip.batchCount) revert BatchChainUnknownBatch(batchIndex);
        if (batchIndex == 0) return 0;
        (uint256 submittedAt, , ) = _recordOf(batchIndex);
        Summary memory summary = _summary;
        uint256 deadline = _activeDeadlineOf(batchIndex, submittedAt, summary);
        return summary.latestEnd == 0 ? deadline : PauseLib.wallTime(_clock, deadline);
    }

    /// @dev Whether batch `batchIndex` (not 0), submitted at `submittedAt`, has reached its deadline. Every deadline
    ///      is in active time, and a pause only delays: the deadline computed as if the clock had never stopped
    ///      ({_wallDeadline}) is a lower bound, which alone decides while it is ahead, and is exact when no pause
    ///      interval exists, or when none ends after the submission and neither a window change nor a review takes
    ///      part (then active time since the submission is wall time since it). Only otherwise is the clock read.
    function _isPastDeadline(
        uint256 batchIndex,
        uint256 submittedAt,
        Summary memory summary
    ) private view returns (bool) {
        if (block.timestamp < _wallDeadline(batchIndex, submittedAt, summary)) return false;
        uint256 latestEnd = summary.latestEnd;
        if (latestEnd == 0 || (latestEnd <= submittedAt && summary.windowCount == 1 && summary.lastReviewUntil == 0))
            return true;
        return PauseLib.activeTimeAt(_clock, block.timestamp) >= _activeDeadlineOf(batchIndex, submittedAt, summary);
    }

    /// @dev Batch `batchIndex`'s deadline in active time, if nothing is open against it.
    function _activeDeadline(uint256 batchIndex) private view returns (uint256) {
        (uint256 submittedAt, , ) = _recordOf(batchIndex);
        return _activeDeadlineOf(batchIndex, submittedAt, _summary);
    }

    /// @dev {FinalityLib-deadline} in active time: submission times read through the clock, reviews are active.
    function _activeDeadlineOf(
        uint256 batchIndex,
        uint256 submittedAt,
        Summary memory summary
    ) private view returns (uint256) {
        if (summary.latestEnd == 0) return _wallDeadline(batchIndex, submittedAt, summary);
        uint256 activeSubmittedAt = PauseLib.activeTimeAt(_clock, submittedAt);
        if (summary.windowCount == 1) {
            uint256 own = activeSubmittedAt + summary.currentWindow;
            if (summary.lastReviewUntil <= own) return own;
        }
        return FinalityLib.deadline(_history, batchIndex, activeSubmittedAt, _tip.batchCount, _activeSubmittedAtOf);
    }

    /// @dev {FinalityLib-deadline} from wall submission times, with the reviews' active times taken as they are: the
    ///      deadline itself while no pause interval exists, a lower bound of its wall-clock image otherwise (active
    ///      time never runs faster than wall time, and never passes it).
    function _wallDeadline(
        uint256 batchIndex,
        uint256 submittedAt,
        Summary memory summary
    ) private view returns (uint256) {
        // The common case: the window never changed and no review ends after the batch's own deadline.
        if (summary.windowCount == 1) {
            uint256 own = submittedAt + summary.currentWindow;
            if (summary.lastReviewUntil <= own) return own;
        }
        return FinalityLib.deadline(_history, batchIndex, submittedAt, _tip.batchCount, _submittedAtOf);
    }

    /// @dev The submission time of a batch in the chain, in active time.
    function _activeSubmittedAtOf(uint256 batchIndex) private view returns (uint256) {
        (uint256 submittedAt, , ) = _recordOf(batchIndex);
        return PauseLib.activeTimeAt(_clock, submittedAt);
    }

    /// @dev The submission time of a batch in the chain.
    function _submittedAtOf(uint256 batchIndex) private view returns (uint256 submittedAt) {
        (submittedAt, , ) = _recordOf(batchIndex);
    }

    /// @inheritdoc IBatchChain
    function batchOfL2Block(uint256 l2Block) external view returns (bool committed, uint256 batchIndex) {
        Tip memory tip_ = _tip;
        (, uint256 genesisBlock, ) = _recordOf(0);
        (, uint256 lastBlock_, ) = BatchRecordLib.unpack(tip_.lastRecord);
        if (l2Block > lastBlock_ || l2Block < genesisBlock) return (false, 0);
        uint256 low;
        uint256 high = tip_.batchCount - 1;
        while (low < high) {
            uint256 middle = (low + high) / 2;
            (, uint256 lastBlock, ) = _recordOf(middle);
            if (lastBlock < l2Block) low = middle + 1;
            else high = middle;
        }
        return (true, low);
    }

    /// @inheritdoc IBatchChain
    function batchInfo(
        uint256 batchIndex
    ) external view returns (bytes32 hash, uint256 submittedAt, uint256 lastBlock, uint256 depositCount) {
        if (batchIndex >= _tip.batchCount) revert BatchChainUnknownBatch(batchIndex);
        (submittedAt, lastBlock, depositCount) = _recordOf(batchIndex);
        hash = _headerHashes[batchIndex];
    }

    /// @inheritdoc IBatchChain
    function headerHash(uint256 batchIndex) external view returns (bytes32) {
        if (batchIndex >= _tip.batchCount) revert BatchChainUnknownBatch(batchIndex);
        return _headerHashes[batchIndex];
    }

    /// @inheritdoc IBatchChain
    function isRolledBack(bytes32 headerHash_) external view returns (bool) {
        return _rolledBackHeaders[headerHash_];
    }

    /// @inheritdoc IBatchChain
    function batchCount() external view returns (uint256) {
        return _tip.batchCount;
    }

    /// @inheritdoc IBatchChain
    function tip()
        external
        view
        returns (uint256 lastBlock, uint256 depositCount, bytes32 depositChainHash, uint256 lastAcceptedAt)
    {
        Tip memory tip_ = _tip;
        (, uint256 lastBlock_, uint256 depositCount_) = BatchRecordLib.unpack(tip_.lastRecord);
        return (lastBlock_, depositCount_, _tipDepositChain, tip_.lastAcceptedAt);
    }

    /// @inheritdoc IBatchChain
    function headerDigest(Types.BatchHeader calldata header) external view returns (bytes32) {
        return _hashTypedDataV4(BatchLib.hash(header));
    }

    /// @inheritdoc IBatchChain
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc IBatchChain
    function fraudProofWindow() external view returns (uint256) {
        return _summary.currentWindow;
    }

    /// @inheritdoc IBatchChain
    function forceInclusionDelay() external view returns (uint256) {
        return uint256(_tip.forceInclusionHours) * 1 hours;
    }

    /// @inheritdoc IBatchChain
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IBatchChain
    function bridge() external view returns (address) {
        return address(_bridge);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev Applies the deposit rules and returns the new `pendingSince`.
    function _checkDeposits(
        uint256 count,
        bytes32 chainHash,
        uint256 previousCount,
        Tip memory tip_
    ) private view returns (uint256) {
        if (count < previousCount) revert BatchChainDepositCountDecreased(previousCount, count);
        uint256 delay = uint256(tip_.forceInclusionHours) * 1 hours;
        if (count == previousCount && tip_.pendingSince != 0 && block.timestamp <= tip_.pendingSince + delay) {
            // No deposit added, and nothing queued can be overdue yet: the chain at this count is the tip's.
            bytes32 expected = _tipDepositChain;
            if (chainHash != expected) revert BatchChainDepositChainMismatch(expected, chainHash);
            return tip_.pendingSince;
        }
        (uint256 queued, bytes32 chainAtCount, uint256 firstExcludedTime) = _bridge.depositCheck(count);
        if (count > queued) revert BatchChainDepositCountBeyondQueue(count, queued);
        if (chainHash != chainAtCount) revert BatchChainDepositChainMismatch(chainAtCount, chainHash);
        if (count == queued) return block.timestamp; // every deposit is in; later ones are queued from now on
        // Overdue once `delay` of active time has passed since it was queued; a pause only delays that, so the clock
        // is read only when wall time says overdue.
        if (block.timestamp > firstExcludedTime + delay) {
            if (_clock.intervals.length == 0) {
                revert BatchChainOverdueDepositExcluded(count, firstExcludedTime, firstExcludedTime + delay);
            }
            uint256 due = PauseLib.activeTimeAt(_clock, firstExcludedTime) + delay;
            if (PauseLib.activeTimeAt(_clock, block.timestamp) > due) {
                revert BatchChainOverdueDepositExcluded(count, firstExcludedTime, PauseLib.wallTime(_clock, due));
            }
        }
        return firstExcludedTime;
    }

    /// @dev For a submission while `clockOn`: refuses it while paused; moves `tip_.lastAcceptedAt` (the copy in
    ///      memory, the rotation reference the registry is given) later by the time paused since; keeps `clockOn` only
    ///      while an interval ends after now.
    function _checkClock(Tip memory tip_) private view {
        (uint256 until, uint256 pausedSince, bool later) = PauseLib.submission(
            _clock,
            block.timestamp,
            tip_.lastAcceptedAt
        );
        if (until != 0) revert BatchChainPaused(until);
        tip_.lastAcceptedAt += uint40(pausedSince);
        tip_.clockOn = later ? 1 : 0;
    }

    function _isFinal(uint256 batchIndex) private view returns (bool) {
        return batchStatus(batchIndex) == Types.BatchStatus.Finalized;
    }

    function _checkOpenable(uint256 batchIndex) private view {
        if (batchIndex == 0 || batchIndex >= _tip.batchCount) revert BatchChainUnknownBatch(batchIndex);
        if (_isFinal(batchIndex)) revert BatchChainAlreadyFinal(batchIndex);
    }

    /// @dev The record of a batch in the chain: in the tip for the last batch, else in its pair's slot (every
    ///      earlier batch's pair is complete).
    function _recordOf(
        uint256 batchIndex
    ) private view returns (uint256 submittedAt, uint256 lastBlock, uint256 depositCount) {
        Tip memory tip_ = _tip;
        return BatchRecordLib.unpack(batchIndex == tip_.batchCount - 1 ? tip_.lastRecord : _pairedRecord(batchIndex));
    }

    /// @dev Writes `tip_` to `_tip` in one SSTORE, packed as Solidity lays the struct out (first field lowest). The
    ///      optimizer splits a six-field struct assignment into one read-modify-write per field.
    function _writeTip(Tip memory tip_) private {
        uint256 word =
            uint256(tip_.batchCount) |
                (uint256(tip_.lastAcceptedAt) << 32) |
                (uint256(tip_.pendingSince) << 72) |
                (uint256(tip_.forceInclusionHours) << 112) |
                (uint256(tip_.clockOn) << 120) |
                (uint256(tip_.lastRecord) << 128);
        assembly ("memory-safe") {
            sstore(_tip.slot, word)
        }
    }

    /// @dev Batch `batchIndex`'s half of its pair's slot (0 until the pair's second batch is submitted).
    function _pairedRecord(uint256 batchIndex) private view returns (uint256) {
        return BatchRecordLib.half(_records[BatchRecordLib.pairOf(batchIndex)], batchIndex);
    }

    /// @dev Emits {BatchSubmitted} for an accepted header. The event's data is the header's words 1 to 9 (parentHash
    ///      to dataHash) in order, which lie contiguous in calldata, so they are copied as they are rather than
    ///      decoded and re-encoded one by one. They are clean: the quorum signed the header hash over these very words.
    function _emitSubmitted(Types.BatchHeader calldata header, bytes32 hash) private {
        bytes32 topic = BatchSubmitted.selector;
        uint256 index = header.batchIndex;
        assembly ("memory-safe") {
            let data := mload(0x40)
            calldatacopy(data, add(header, 0x20), 0x120)
            log4(data, 0x120, topic, index, caller(), hash)
        }
    }

    /// @dev Clears the bits of batches `fromIndex` to `count - 1` (rolled back) in `bits` (one word per 256 batches),
    ///      so every bit left set below the tip is a live batch's.
    function _clearBits(mapping(uint256 => uint256) storage bits, uint256 fromIndex, uint256 count) private {
        for (uint256 w = fromIndex / 256; w * 256 < count; ++w) {
            uint256 word = bits[w];
            if (word == 0) continue;
            uint256 kept = w == fromIndex / 256 ? word & ((1 << (fromIndex % 256)) - 1) : 0;
            if (kept != word) bits[w] = kept;
        }
    }

    /// @dev The lowest batch at or after `from` whose bit is set in `bits`, or 0. Reads one word per 256 batches up to
    ///      the tip (the batches not final span at most a fraud window of them); rollbacks clear the bits they remove.
    function _nextSet(mapping(uint256 => uint256) storage bits, uint256 from) private view returns (uint256) {
        uint256 count = _tip.batchCount;
        for (uint256 w = from / 256; w * 256 < count; ++w) {
            uint256 word = bits[w];
            if (w == from / 256) word &= type(uint256).max << (from % 256);
            if (word != 0) {
                uint256 index = w * 256 + Math.log2(word & (~word + 1));
                return index < count ? index : 0;
            }
        }
        return 0;
    }

    function _checkRange(uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert BatchChainParameterOutOfRange(value, min, max);
    }
}
