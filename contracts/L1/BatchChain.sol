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

    ISequencerRegistry private immutable _registry;
    IL1Bridge private immutable _bridge;

    /// @dev The last accepted batch, as the next submission needs it, in one slot.
    /// @param batchCount Batches in the chain: the next index.
    /// @param lastAcceptedAt When the last batch was accepted, or the chain rolled back: the rotation reference.
    /// @param pendingSince A lower bound on when deposit `depositCount` was queued (0: unknown). While
    ///        `pendingSince + forceInclusionDelay` is ahead, no queued deposit can be overdue and a batch that adds
    ///        no deposit need not ask the bridge.
    /// @param forceInclusionHours The force-inclusion delay, in hours (a parameter, kept here to save a read).
    /// @param lastRecord The last batch's record ({BatchRecordLib}).
    struct Tip {
        uint40 batchCount;
        uint40 lastAcceptedAt;
        uint40 pendingSince;
        uint8 forceInclusionHours;
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
    /// @param lastReviewUntil When the last review in `_history` ends (0: none): a batch whose own deadline is not
    ///        before it is held back by no review.
    struct Summary {
        uint40 rolledBackUpTo;
        uint40 lowestDisputed;
        uint40 lowestInsecure;
        uint32 currentWindow;
        uint16 windowCount;
        uint40 lastReviewUntil;
        uint40 rolledBackFrom;
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

    /// @notice Deploys the chain holding batch 0, the genesis anchor (final from the start), with the fraud window
    ///         and force-inclusion delay at their defaults (7 days, 24 hours).
    /// @param registry_ The SequencerRegistry that schedules proposers and checks quorums.
    /// @param bridge_ The L1Bridge whose deposit queue batches must follow.
    /// @param admin Receives DEFAULT_ADMIN_ROLE and GOVERNOR_ROLE.
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
        _grantRole(GOVERNOR_ROLE, admin);
        FinalityLib.setWindow(_history, 0, Constants.DEFAULT_FRAUD_WINDOW);
        _summary = Summary({
            rolledBackUpTo: 0,
            lowestDisputed: 0,
            lowestInsecure: 0,
            currentWindow: uint32(Constants.DEFAULT_FRAUD_WINDOW),
            windowCount: 1,
            lastReviewUntil: 0,
            rolledBackFrom: 0
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
        _tip = Tip({
            batchCount: uint40(index + 1),
            lastAcceptedAt: uint40(block.timestamp),
            pendingSince: uint40(pendingSince),
            forceInclusionHours: tip_.forceInclusionHours,
            lastRecord: uint128(record)
        });
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
        _tip = Tip({
            batchCount: uint40(fromIndex),
            lastAcceptedAt: uint40(block.timestamp),
            pendingSince: 0,
            forceInclusionHours: tip_.forceInclusionHours,
            lastRecord: uint128(record)
        });
        _tipDepositChain = _bridge.depositChainAt(depositCount);
        FinalityLib.dropReviewsFrom(_history, fromIndex);
        Summary memory summary = _summary;
        if (tip_.batchCount > summary.rolledBackUpTo) summary.rolledBackUpTo = tip_.batchCount;
        if (summary.rolledBackFrom == 0 || fromIndex < summary.rolledBackFrom)
            summary.rolledBackFrom = uint40(fromIndex);
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
            if (lowest == 0 || batchIndex < lowest) _summary.lowestDisputed = uint40(batchIndex);
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
                _summary.lowestDisputed = uint40(_nextSet(_disputedBits, batchIndex + 1));
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
        uint256 ownDeadline =
            submittedAt +
                (summary.windowCount == 1 ? summary.currentWindow : FinalityLib.windowOf(_history, batchIndex));
        if (block.timestamp >= ownDeadline) revert BatchChainWindowOver(batchIndex, ownDeadline);
        uint256 bit = 1 << (batchIndex % 256);
        uint256 word = _insecureBits[batchIndex / 256];
        if (word & bit != 0) revert BatchChainAlreadyOpen(batchIndex);
        _insecureBits[batchIndex / 256] = word | bit;
        uint256 lowest = summary.lowestInsecure;
        if (lowest == 0 || batchIndex < lowest) _summary.lowestInsecure = uint40(batchIndex);
        emit BatchInsecure(batchIndex);
    }

    /// @inheritdoc IBatchChain
    function clearInsecure(uint256 batchIndex, uint256 reviewUntil) external onlyRole(DA_ROLE) {
        uint256 bit = 1 << (batchIndex % 256);
        uint256 word = _insecureBits[batchIndex / 256];
        if (word & bit == 0) revert BatchChainNothingOpen(batchIndex);
        _insecureBits[batchIndex / 256] = word & ~bit;
        if (batchIndex == _summary.lowestInsecure)
            _summary.lowestInsecure = uint40(_nextSet(_insecureBits, batchIndex + 1));
        // Reviews that have ended stay: they only give deadlines in the past, and every read is O(log n) of them.
        if (reviewUntil > finalizesAt(batchIndex)) {
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
        _summary.currentWindow = uint32(newValue);
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
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IBatchChain
    function headerStatus(uint256 batchIndex) external view returns (bytes32 hash, Types.BatchStatus status) {
        status = batchStatus(batchIndex);
        if (status != Types.BatchStatus.None && status != Types.BatchStatus.RolledBack)
            hash = _headerHashes[batchIndex];
    }

    /// @inheritdoc IBatchChain
    function batchStatus(uint256 batchIndex) public view returns (Types.BatchStatus) {
        if (batchIndex == 0) return Types.BatchStatus.Finalized;
        Summary memory summary = _summary;
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
        if (block.timestamp >= _finalizesAt(batchIndex, submittedAt, summary)) return Types.BatchStatus.Finalized;
        return Types.BatchStatus.Pending;
    }

    /// @inheritdoc IBatchChain
    function finalizesAt(uint256 batchIndex) public view returns (uint256) {
        if (batchIndex >= _tip.batchCount) revert BatchChainUnknownBatch(batchIndex);
        if (batchIndex == 0) return 0;
        (uint256 submittedAt, , ) = _recordOf(batchIndex);
        return _finalizesAt(batchIndex, submittedAt, _summary);
    }

    /// @dev When batch `batchIndex` (not 0), submitted at `submittedAt`, finalizes if nothing is open against it.
    function _finalizesAt(
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
        if (block.timestamp > firstExcludedTime + delay) {
            revert BatchChainOverdueDepositExcluded(count, firstExcludedTime, firstExcludedTime + delay);
        }
        return firstExcludedTime;
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
