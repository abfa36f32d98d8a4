// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IBatchChain} from "../interfaces/IBatchChain.sol";
import {IDARequestManager} from "../interfaces/IDARequestManager.sol";
import {ISequencerRegistry} from "../interfaces/ISequencerRegistry.sol";
import {BatchLib} from "../libraries/BatchLib.sol";
import {Constants} from "../libraries/Constants.sol";
import {MerkleLib} from "../libraries/MerkleLib.sol";
import {SignerLib} from "../libraries/SignerLib.sol";
import {SignerSetLib} from "../libraries/SignerSetLib.sol";
import {Types} from "../libraries/Types.sol";

/// @title DARequestManager
/// @notice See {IDARequestManager}.
/// @dev Holds DA_ROLE and ROLLBACK_ROLE on BatchChain and SLASHER_ROLE on the SequencerRegistry. Requests are keyed by
///      header hash, one per header ever: once answered, the batch's data is in L1 calldata for good, so a second
///      request could only grief. Answers are per poster, so a griefer's wrong chunks never block an honest poster.
///      Each poster's two trees are append-only frontiers ({MerkleLib-IncrementalTree}'s layout): a chunk loads the
///      levels it needs into memory, appends there, and writes back only the levels that changed.
///      The DA window and the review time run on BatchChain's active clock ({IBatchChain-activeTime}), which stops
///      while submission is paused: a request's `deadline` is stored as an active time, and the views and errors give
///      its wall-clock equivalent. Requests and answers stay possible during a pause (posting data harms nobody);
///      only the clock stops. The clock never runs ahead of the wall clock, so a check the wall clock already decides
///      (still open by wall time) never reads it.
contract DARequestManager is IDARequestManager, AccessControl, ReentrancyGuardTransient {
    /// @notice Sets the parameters.
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    /// @notice May grant and revoke every role but DEFAULT_ADMIN_ROLE (the admin of each, itself included): the
    ///         operational and governance roles. Held by the deploying admin until the handover, then by nobody, so
    ///         that the wiring is as immutable as the code: DEFAULT_ADMIN_ROLE (the timelock) administers nothing.
    bytes32 public constant WIRING_ROLE = keccak256("WIRING_ROLE");

    /// @dev The slashing reason of signers of a batch whose data never came.
    bytes32 private constant _REASON = "data-availability";
    /// @dev Frontier levels: txCount is a uint32 and a batch holds at most 2^32 blocks, so a tree is at most 2^32
    ///      leaves, height 32.
    uint256 private constant _LEVELS = 33;

    IBatchChain private immutable _batchChain;
    ISequencerRegistry private immutable _registry;

    uint256 private _daRequestBond;
    uint256 private _daWindow;
    uint256 private _minReviewTime;
    uint256 private _daSlashBps;
    uint256 private _refundFixed;
    uint256 private _refundPerByte;

    /// @dev A poster's frontiers: `txs[level]` and `blocks[level]`, valid where the matching count has that bit set.
    struct Frontiers {
        bytes32[_LEVELS] txs;
        bytes32[_LEVELS] blocks;
    }

    mapping(bytes32 headerHash => Request) private _requests;
    mapping(bytes32 headerHash => mapping(address poster => Progress)) private _progress;
    mapping(bytes32 headerHash => mapping(address poster => Frontiers)) private _frontiers;
    mapping(address account => uint256) private _claimable;
    /// @dev Expired request's header => keccak256 of the signer keys slashed for it, strictly ascending.
    mapping(bytes32 headerHash => bytes32) private _slashed;

    /// @notice Deploys the manager of `batchChain_`'s DA requests, slashing through `registry_`, with every parameter
    ///         at its default (Constants).
    /// @param batchChain_ The BatchChain (grant this contract its DA_ROLE and ROLLBACK_ROLE).
    /// @param registry_ The SequencerRegistry (grant this contract its SLASHER_ROLE).
    /// @param admin Receives DEFAULT_ADMIN_ROLE, WIRING_ROLE and GOVERNOR_ROLE.
    constructor(IBatchChain batchChain_, ISequencerRegistry registry_, address admin) {
        _batchChain = batchChain_;
        _registry = registry_;
        _daRequestBond = Constants.DEFAULT_DA_REQUEST_BOND;
        _daWindow = Constants.DEFAULT_DA_WINDOW;
        _minReviewTime = Constants.DEFAULT_MIN_REVIEW_TIME;
        _daSlashBps = Constants.DEFAULT_DA_SLASH_BPS;
        _refundFixed = Constants.DEFAULT_DA_REFUND_FIXED;
        _refundPerByte = Constants.DEFAULT_DA_REFUND_PER_BYTE;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(WIRING_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, admin);
        _setRoleAdmin(WIRING_ROLE, WIRING_ROLE);
        _setRoleAdmin(GOVERNOR_ROLE, WIRING_ROLE);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Requests
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IDARequestManager
    function requestData(uint256 batchIndex) external payable nonReentrant {
        uint256 bond = _daRequestBond;
        if (msg.value != bond) revert DARequestManagerWrongBond(bond, msg.value);
        (bytes32 hash, Types.BatchStatus batchStatus) = _batchChain.headerStatus(batchIndex);
        if (batchStatus == Types.BatchStatus.None) revert DARequestManagerUnknownBatch(batchIndex);
        if (batchStatus == Types.BatchStatus.Finalized) revert DARequestManagerBatchFinal(batchIndex);
        if (batchStatus == Types.BatchStatus.RolledBack) revert DARequestManagerBatchRolledBack(batchIndex, hash);
        RequestStatus status = _requests[hash].status;
        // Checked here so that a second request names this contract's error, not BatchChain's AlreadyOpen.
        if (status != RequestStatus.None) revert DARequestManagerAlreadyRequested(hash, status);
        _requests[hash] = Request({
            requester: msg.sender,
            bond: uint96(bond),
            openedAt: uint40(block.timestamp),
            deadline: uint40(_batchChain.activeTime() + _daWindow),
            batchIndex: uint64(batchIndex),
            status: RequestStatus.Open
        });
        _batchChain.markInsecure(batchIndex);
        emit DataRequested(batchIndex, hash, msg.sender, bond);
    }

    /// @inheritdoc IDARequestManager
    function answer(
        Types.BatchHeader calldata header,
        uint256 chunkIndex,
        TxEntry[] calldata txs,
        Types.BlockLeaf[] calldata leaves
    ) external nonReentrant {
        // The transaction's own input must be this call, so that every chunk's bytes are where {DataChunkPosted} says
        // (the input of the transaction that emitted it), readable from any L1 node without tracing: a plain EOA
        // calling directly. An EOA with EIP-7702 code could call from its code, so it is refused too.
        // solhint-disable-next-line avoid-tx-origin
        if (msg.sender != tx.origin || msg.sender.code.length != 0) revert DARequestManagerPosterNotEOA(msg.sender);
        bytes32 hash = _checkLive(header);
        Request memory open = _requests[hash];
        if (open.status != RequestStatus.Open) revert DARequestManagerNotOpen(hash, open.status);
        if (_reached(open.deadline)) revert DARequestManagerWindowOver(_batchChain.wallTimeAt(open.deadline));
        Progress memory done = _progress[hash][msg.sender];
        if (chunkIndex != done.nextChunk) revert DARequestManagerWrongChunk(done.nextChunk, chunkIndex);
        if (txs.length == 0 && leaves.length == 0) revert DARequestManagerEmptyChunk();
        uint256 txTotal = uint256(done.txs) + txs.length;
        if (txTotal > header.txCount) revert DARequestManagerTooManyTxs(header.txCount, txTotal);
        uint256 blockCount = uint256(header.lastBlock) - header.firstBlock + 1;
        uint256 blockTotal = uint256(done.blocks) + leaves.length;
        if (blockTotal > blockCount) revert DARequestManagerTooManyBlocks(blockCount, blockTotal);

        Progress memory next = _post(hash, header, txs, leaves, done);
        emit DataChunkPosted(hash, msg.sender, chunkIndex, done.txs, txs.length, done.blocks, leaves.length);
        _progress[hash][msg.sender] = next;
        if (txTotal == header.txCount && blockTotal == blockCount) _complete(hash, header, open, next);
    }

    /// @inheritdoc IDARequestManager
    function expire(Types.BatchHeader calldata header, bytes calldata signatures) external nonReentrant {
        bytes32 hash = BatchLib.hashCalldata(header);
        Request storage open = _requests[hash];
        RequestStatus status = open.status;
        if (status != RequestStatus.Open) revert DARequestManagerNotOpen(hash, status);
        uint256 index = header.batchIndex;
        address requester = open.requester;
        uint256 bond = open.bond;
        (bytes32 live, Types.BatchStatus batchStatus) = _batchChain.headerStatus(index);
        if (live != hash || batchStatus == Types.BatchStatus.RolledBack) {
            // Rolled back by a dispute (or an earlier request's expiry) while open: nothing left to secure, nobody
            // to slash here, the bond goes back. An improvement on the design, which would leave the bond stuck.
            open.status = RequestStatus.Void;
            _credit(requester, bond);
            emit DataRequestVoided(index, hash);
            return;
        }
        uint256 deadline = open.deadline;
        if (!_reached(deadline)) revert DARequestManagerWindowOpen(_batchChain.wallTimeAt(deadline));
        open.status = RequestStatus.Expired;
        (uint256 slashed, uint256 reward) = _slashSigners(hash, new address[](0), signatures, requester);
        _batchChain.rollback(index);
        _credit(requester, bond);
        emit DataRequestExpired(index, hash, slashed, reward);
    }

    /// @inheritdoc IDARequestManager
    function slashMoreSigners(
        Types.BatchHeader calldata header,
        address[] calldata slashed,
        bytes calldata signatures
    ) external nonReentrant {
        bytes32 hash = BatchLib.hashCalldata(header);
        Request storage expired = _requests[hash];
        if (expired.status != RequestStatus.Expired) revert DARequestManagerNotOpen(hash, expired.status);
        if (keccak256(abi.encodePacked(slashed)) != _slashed[hash]) revert DARequestManagerWrongSlashedList(hash);
        (uint256 amount, uint256 reward) = _slashSigners(hash, slashed, signatures, expired.requester);
        emit MoreSignersSlashed(header.batchIndex, hash, amount, reward);
    }

    /// @inheritdoc IDARequestManager
    function claim() external nonReentrant {
        uint256 amount = _claimable[msg.sender];
        if (amount == 0) revert DARequestManagerNothingToClaim(msg.sender);
        delete _claimable[msg.sender];
        emit Claimed(msg.sender, amount);
        (bool sent, ) = msg.sender.call{value: amount}("");
        if (!sent) revert DARequestManagerTransferFailed(msg.sender, amount);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IDARequestManager
    function setDaRequestBond(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkBounds(newValue, Constants.MIN_DA_REQUEST_BOND, Constants.MAX_DA_REQUEST_BOND);
        emit DaRequestBondUpdated(_daRequestBond, newValue);
        _daRequestBond = newValue;
    }

    /// @inheritdoc IDARequestManager
    /// @dev The window plus the review time stays within Constants.MAX_DA_WINDOW, which the SequencerRegistry's exit
    ///      delay assumes: a signer is still slashable when the review of a late answer ends.
    function setDaWindow(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkBounds(newValue, Constants.MIN_DA_WINDOW, Constants.MAX_DA_WINDOW - _minReviewTime);
        emit DaWindowUpdated(_daWindow, newValue);
        _daWindow = newValue;
    }

    /// @inheritdoc IDARequestManager
    /// @dev Bounded with the window as {setDaWindow} is.
    function setMinReviewTime(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkBounds(newValue, Constants.MIN_MIN_REVIEW_TIME, Constants.MAX_DA_WINDOW - _daWindow);
        emit MinReviewTimeUpdated(_minReviewTime, newValue);
        _minReviewTime = newValue;
    }

    /// @inheritdoc IDARequestManager
    function setDaSlashBps(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkBounds(newValue, Constants.MIN_DA_SLASH_BPS, Constants.MAX_DA_SLASH_BPS);
        emit DaSlashBpsUpdated(_daSlashBps, newValue);
        _daSlashBps = newValue;
    }

    /// @inheritdoc IDARequestManager
    function setRefundFixed(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkBounds(newValue, Constants.MIN_DA_REFUND_FIXED, Constants.MAX_DA_REFUND_FIXED);
        emit RefundFixedUpdated(_refundFixed, newValue);
        _refundFixed = newValue;
    }

    /// @inheritdoc IDARequestManager
    function setRefundPerByte(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        _checkBounds(newValue, Constants.MIN_DA_REFUND_PER_BYTE, Constants.MAX_DA_REFUND_PER_BYTE);
        emit RefundPerByteUpdated(_refundPerByte, newValue);
        _refundPerByte = newValue;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IDARequestManager
    function request(bytes32 headerHash) external view returns (Request memory stored) {
        stored = _requests[headerHash];
        if (stored.deadline != 0) stored.deadline = uint40(_batchChain.wallTimeAt(stored.deadline));
    }

    /// @inheritdoc IDARequestManager
    function progress(bytes32 headerHash, address poster) external view returns (Progress memory) {
        return _progress[headerHash][poster];
    }

    /// @inheritdoc IDARequestManager
    function slashedSigners(bytes32 headerHash) external view returns (bytes32) {
        return _slashed[headerHash];
    }

    /// @inheritdoc IDARequestManager
    function claimable(address account) external view returns (uint256) {
        return _claimable[account];
    }

    /// @inheritdoc IDARequestManager
    function daRequestBond() external view returns (uint256) {
        return _daRequestBond;
    }

    /// @inheritdoc IDARequestManager
    function daWindow() external view returns (uint256) {
        return _daWindow;
    }

    /// @inheritdoc IDARequestManager
    function minReviewTime() external view returns (uint256) {
        return _minReviewTime;
    }

    /// @inheritdoc IDARequestManager
    function daSlashBps() external view returns (uint256) {
        return _daSlashBps;
    }

    /// @inheritdoc IDARequestManager
    function refundFixed() external view returns (uint256) {
        return _refundFixed;
    }

    /// @inheritdoc IDARequestManager
    function refundPerByte() external view returns (uint256) {
        return _refundPerByte;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev The hash of `header` after checking that it is the live, not final batch at its index (the checks of
    ///      BlockEvidenceLib.checkConvictable, with this contract's errors).
    function _checkLive(Types.BatchHeader calldata header) private view returns (bytes32 hash) {
        hash = BatchLib.hashCalldata(header);
        uint256 index = header.batchIndex;
        (bytes32 stored, Types.BatchStatus status) = _batchChain.headerStatus(index);
        if (status == Types.BatchStatus.None) revert DARequestManagerUnknownBatch(index);
        if (status == Types.BatchStatus.Finalized) revert DARequestManagerBatchFinal(index);
        if (status == Types.BatchStatus.RolledBack) revert DARequestManagerBatchRolledBack(index, hash);
        if (stored != hash) {
            if (_batchChain.isRolledBack(hash)) revert DARequestManagerBatchRolledBack(index, hash);
            revert DARequestManagerHeaderMismatch(index, stored, hash);
        }
    }

    /// @dev Checks the complete answer's roots against the header (else the whole chunk reverts and nothing changes)
    ///      and settles. The frontiers were just written, so reading them back is warm.
    function _complete(
        bytes32 hash,
        Types.BatchHeader calldata header,
        Request memory open,
        Progress memory next
    ) private {
        Frontiers storage stored = _frontiers[hash][msg.sender];
        bytes32 txRoot = _root(_load(stored.txs, next.txs), next.txs);
        bytes32 blockRoot = _root(_load(stored.blocks, next.blocks), next.blocks);
        if (txRoot != header.txBatchRoot || blockRoot != header.stateBatchRoot) {
            revert DARequestManagerRootMismatch(header.txBatchRoot, txRoot, header.stateBatchRoot, blockRoot);
        }
        _settleAnswer(hash, open, next.bytesPosted);
    }

    /// @dev Appends the chunk to the caller's frontiers (each loaded once into memory and stored once) and returns
    ///      the progress after it (`nextChunk` advanced).
    function _post(
        bytes32 hash,
        Types.BatchHeader calldata header,
        TxEntry[] calldata txs,
        Types.BlockLeaf[] calldata leaves,
        Progress memory done
    ) private returns (Progress memory next) {
        Frontiers storage stored = _frontiers[hash][msg.sender];
        next = Progress({
            nextChunk: done.nextChunk + 1,
            txs: done.txs,
            blocks: done.blocks,
            bytesPosted: done.bytesPosted,
            lastBlock: done.lastBlock,
            lastIndex: done.lastIndex
        });
        if (txs.length != 0) {
            bytes32[_LEVELS] memory frontier = _load(stored.txs, done.txs);
            _appendTxs(header, txs, frontier, next);
            _save(stored.txs, frontier, done.txs, next.txs);
        }
        if (leaves.length != 0) {
            bytes32[_LEVELS] memory frontier = _load(stored.blocks, done.blocks);
            uint256 position = done.blocks;
            uint256 firstBlock = header.firstBlock;
            for (uint256 i; i < leaves.length; ++i) {
                // Leaf k is block firstBlock + k, as in every honest batch (see the transactions' order above).
                uint256 number = leaves[i].number;
                if (number != firstBlock + position + i) revert DARequestManagerLeafOutOfOrder(position + i, number);
                _append(frontier, position + i, BatchLib.blockLeaf(leaves[i]));
            }
            next.blocks = uint64(position + leaves.length);
            _save(stored.blocks, frontier, done.blocks, next.blocks);
        }
    }

    /// @dev Appends the chunk's transactions to `frontier`, checking their order, and advances `next`.
    function _appendTxs(
        Types.BatchHeader calldata header,
        TxEntry[] calldata txs,
        bytes32[_LEVELS] memory frontier,
        Progress memory next
    ) private pure {
        uint256 first = header.firstBlock;
        uint256 last = header.lastBlock;
        uint256 position = next.txs;
        uint256 lastBlock = next.lastBlock;
        uint256 lastIndex = next.lastIndex;
        uint256 bytesPosted = next.bytesPosted;
        for (uint256 i; i < txs.length; ++i) {
            TxEntry calldata entry = txs[i];
            uint256 number = entry.l2BlockNumber;
            uint256 indexInBlock = entry.indexInBlock;
            // Each block's transactions at 0, 1, 2, ... and blocks ascending within the batch's range: the only shape
            // an honest batch has. A quorum that committed leaves of another shape cannot have them accepted here, so
            // its batch expires and it is slashed, instead of having data on L1 that a verifier cannot place.
            bool ordered =
                number >= first &&
                    number <= last &&
                    (position == 0 || number >= lastBlock) &&
                    indexInBlock == (position != 0 && number == lastBlock ? lastIndex + 1 : 0);
            if (!ordered) revert DARequestManagerTxOutOfOrder(position, number, indexInBlock);
            bytes calldata raw = entry.raw;
            _append(frontier, position, BatchLib.txLeaf(entry.l2BlockNumber, entry.indexInBlock, keccak256(raw)));
            bytesPosted += raw.length;
            lastBlock = number;
            lastIndex = indexInBlock;
            ++position;
        }
        next.txs = uint32(position);
        next.lastBlock = uint64(lastBlock);
        next.lastIndex = uint32(lastIndex);
        next.bytesPosted = uint64(bytesPosted);
    }

    /// @dev Slashes the signers of `signatures` over header `hash` not in `skip` (strictly ascending) `daSlashBps`,
    ///      `prover` rewarded, and records the union of both key lists.
    function _slashSigners(
        bytes32 hash,
        address[] memory skip,
        bytes calldata signatures,
        address prover
    ) private returns (uint256 slashed, uint256 reward) {
        (address[] memory signers, address[] memory sequencers, ) = SignerLib.newSigners(
            BatchLib.digest(BatchLib.domainSeparator(block.chainid, address(_batchChain)), hash),
            signatures,
            skip,
            _registry
        );
        _slashed[hash] = keccak256(abi.encodePacked(SignerSetLib.merge(skip, signers)));
        (slashed, reward) = _registry.slashMany(sequencers, _daSlashBps, _REASON, prover);
    }

    /// @dev Credits the poster's refund and the requester's rest, marks the request answered, and secures the batch.
    function _settleAnswer(bytes32 hash, Request memory open, uint256 bytesPosted) private {
        uint256 refund = _refundFixed + _refundPerByte * bytesPosted;
        if (refund > open.bond) refund = open.bond;
        _requests[hash].status = RequestStatus.Answered;
        _credit(msg.sender, refund);
        _credit(open.requester, open.bond - refund);
        // An active time, as BatchChain's finality runs on that clock: a pause in the review moves its end.
        uint256 reviewUntil = _batchChain.activeTime() + _minReviewTime;
        _batchChain.clearInsecure(open.batchIndex, reviewUntil);
        emit DataAnswered(open.batchIndex, hash, msg.sender, refund, _batchChain.wallTimeAt(reviewUntil));
    }

    /// @dev Whether BatchChain's active clock reads `activeDeadline` or later. It never runs ahead of the wall clock,
    ///      so a wall clock short of it answers without the call.
    function _reached(uint256 activeDeadline) private view returns (bool) {
        return block.timestamp >= activeDeadline && _batchChain.activeTime() >= activeDeadline;
    }

    function _credit(address account, uint256 amount) private {
        if (amount == 0) return;
        _claimable[account] += amount;
        emit Credited(account, amount);
    }

    /// @dev The frontier levels a tree of `size` leaves uses (those whose bit is set), read from storage.
    function _load(
        bytes32[_LEVELS] storage stored,
        uint256 size
    ) private view returns (bytes32[_LEVELS] memory frontier) {
        for (uint256 level; size >> level != 0; ++level) {
            if ((size >> level) & 1 == 1) frontier[level] = stored[level];
        }
    }

    /// @dev Writes the levels that changed from `oldSize` to `newSize` leaves: a set bit of `newSize` whose prefix
    ///      (`size >> level`) differs; the same prefix means the same leaves below it, so the same node.
    function _save(
        bytes32[_LEVELS] storage stored,
        bytes32[_LEVELS] memory frontier,
        uint256 oldSize,
        uint256 newSize
    ) private {
        for (uint256 level; newSize >> level != 0; ++level) {
            if ((newSize >> level) & 1 == 1 && newSize >> level != oldSize >> level) stored[level] = frontier[level];
        }
    }

    /// @dev {MerkleLib-append} on a memory frontier: appends `leaf` at `index`.
    function _append(bytes32[_LEVELS] memory frontier, uint256 index, bytes32 leaf) private pure {
        bytes32 node = leaf;
        uint256 level;
        for (uint256 rest = index; rest & 1 == 1; rest >>= 1) {
            node = MerkleLib.hashPair(frontier[level], node);
            ++level;
        }
        frontier[level] = node;
    }

    /// @dev {MerkleLib-currentRoot} on a memory frontier of `size` leaves.
    function _root(bytes32[_LEVELS] memory frontier, uint256 size) private pure returns (bytes32) {
        if (size == 0) return bytes32(0);
        uint256 treeHeight = MerkleLib.height(size);
        if (size == 1 << treeHeight) return frontier[treeHeight];
        bytes32 node;
        bytes32 zero;
        for (uint256 level; level < treeHeight; ++level) {
            node =
                (size >> level) & 1 == 1 ? MerkleLib.hashPair(frontier[level], node) : MerkleLib.hashPair(node, zero);
            zero = MerkleLib.hashPair(zero, zero);
        }
        return node;
    }

    function _checkBounds(uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert DARequestManagerOutOfBounds(value, min, max);
    }
}
