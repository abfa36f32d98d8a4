// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Types} from "../libraries/Types.sol";

/// @title IDARequestManager
/// @notice Data-availability requests (PROTOCOL section 3, DARequestManager). Anyone who cannot get a pending batch's
///         data bonds `daRequestBond` ETH with {requestData}: the batch and every later one become Insecure in
///         BatchChain, so none finalizes. Anyone answers by posting the batch's raw transactions and block leaves in
///         ordered chunks ({answer}); the contract rebuilds both roots and, once both equal the header's, secures the
///         batch for `minReviewTime` more and refunds the poster from the bond. Unanswered within `daWindow`, anyone
///         calls {expire}: rollback from the batch, its signers slashed `daSlashBps`, the bond back to the requester.
///         Every payout is credited and pulled with {claim}. Both the window and the review run on BatchChain's active
///         clock (`BatchChain.activeTime`), which stops while submission is paused (a guardian pause or a maintenance
///         window): a pause never runs out a requester's or an answerer's time.
interface IDARequestManager {
    /// @notice A request's state: None (never opened), Open, Answered, Expired, Void (the batch was rolled back by
    ///         something else while the request was open: the bond goes back, nobody is slashed here).
    enum RequestStatus {
        None,
        Open,
        Answered,
        Expired,
        Void
    }

    /// @notice One request, keyed by the header hash.
    /// @param requester Who bonded it; paid the rest of the bond, or all of it and the slashing reward on expiry.
    /// @param bond The ETH bonded, in wei.
    /// @param openedAt When it was opened (wall time).
    /// @param deadline When its window ends: `daWindow` (the one in force at opening, so that a later change never
    ///        moves a running request's deadline) of BatchChain's active time after the opening. Stored as that active
    ///        time; {request} returns the wall time the active clock reaches it at (`BatchChain.wallTimeAt`), which a
    ///        pause or a maintenance window moves later by its length.
    /// @param batchIndex The batch's index.
    /// @param status Its state.
    struct Request {
        address requester;
        uint96 bond;
        uint40 openedAt;
        uint40 deadline;
        uint64 batchIndex;
        RequestStatus status;
    }

    /// @notice One posted transaction: its position in the batch and its raw (signed, typed) encoding.
    /// @param l2BlockNumber The L2 block that holds it.
    /// @param indexInBlock Its position in that block, from 0.
    /// @param raw The raw transaction; its keccak256 is the transaction hash.
    struct TxEntry {
        uint64 l2BlockNumber;
        uint32 indexInBlock;
        bytes raw;
    }

    /// @notice One poster's progress on one request.
    /// @param nextChunk The chunk index the poster must send next.
    /// @param txs Transactions posted so far.
    /// @param blocks Block leaves posted so far.
    /// @param bytesPosted Raw transaction bytes posted so far (the per-byte refund's base).
    /// @param lastBlock The last posted transaction's block (the order check's state).
    /// @param lastIndex The last posted transaction's index in its block.
    struct Progress {
        uint32 nextChunk;
        uint32 txs;
        uint64 blocks;
        uint64 bytesPosted;
        uint64 lastBlock;
        uint32 lastIndex;
    }

    /// @notice A request was opened against batch `batchIndex` (header `headerHash`) by `requester` with `bond`.
    /// @param batchIndex The batch.
    /// @param headerHash Its header's hash.
    /// @param requester Who bonded it.
    /// @param bond The bond, in wei.
    event DataRequested(
        uint256 indexed batchIndex,
        bytes32 indexed headerHash,
        address indexed requester,
        uint256 bond
    );

    /// @notice `poster` posted chunk `chunkIndex` of the answer: transactions `[firstTx, firstTx + txCount)` and block
    ///         leaves `[firstBlock, firstBlock + blockCount)` of the batch, in this transaction's calldata.
    /// @param headerHash The header's hash.
    /// @param poster Who posted it.
    /// @param chunkIndex The chunk's index in the poster's answer, from 0.
    /// @param firstTx Position in the batch of the chunk's first transaction.
    /// @param txCount Transactions in the chunk.
    /// @param firstBlock Position in the batch of the chunk's first block leaf.
    /// @param blockCount Block leaves in the chunk.
    event DataChunkPosted(
        bytes32 indexed headerHash,
        address indexed poster,
        uint256 chunkIndex,
        uint256 firstTx,
        uint256 txCount,
        uint256 firstBlock,
        uint256 blockCount
    );

    /// @notice `poster` completed the answer to batch `batchIndex`'s request: secured, review until `reviewUntil`.
    /// @param batchIndex The batch.
    /// @param headerHash Its header's hash.
    /// @param poster Who posted the whole answer.
    /// @param refund What the poster is credited from the bond, in wei.
    /// @param reviewUntil The batch does not finalize before this time (wall time as known at the answer: the review
    ///        runs `minReviewTime` of BatchChain's active time, so a later pause moves it by its length).
    event DataAnswered(
        uint256 indexed batchIndex,
        bytes32 indexed headerHash,
        address indexed poster,
        uint256 refund,
        uint256 reviewUntil
    );

    /// @notice Batch `batchIndex`'s request expired unanswered: rolled back, `slashed` token wei taken from the
    ///         signers.
    /// @param batchIndex The batch.
    /// @param headerHash Its header's hash.
    /// @param slashed Token wei slashed from the signers.
    /// @param reward The part of it credited to the requester in the SequencerRegistry.
    event DataRequestExpired(uint256 indexed batchIndex, bytes32 indexed headerHash, uint256 slashed, uint256 reward);

    /// @notice More signers of an expired request's batch were slashed (`expire` was given only some signatures).
    /// @param batchIndex The batch.
    /// @param headerHash Its header's hash.
    /// @param slashed Token wei slashed from them.
    /// @param reward The part of it credited to the requester in the SequencerRegistry.
    event MoreSignersSlashed(uint256 indexed batchIndex, bytes32 indexed headerHash, uint256 slashed, uint256 reward);

    /// @notice The batch was rolled back by something else while its request was open: the bond is refunded.
    /// @param batchIndex The batch.
    /// @param headerHash Its header's hash.
    event DataRequestVoided(uint256 indexed batchIndex, bytes32 indexed headerHash);

    /// @notice `account` was credited `amount` wei to {claim}.
    /// @param account Who may claim it.
    /// @param amount The amount credited, in wei.
    event Credited(address indexed account, uint256 amount);

    /// @notice `account` claimed `amount` wei.
    /// @param account Who claimed.
    /// @param amount The amount paid, in wei.
    event Claimed(address indexed account, uint256 amount);

    /// @notice `daRequestBond` changed.
    /// @param oldValue The previous value.
    /// @param newValue The new value.
    event DaRequestBondUpdated(uint256 oldValue, uint256 newValue);
    /// @notice `daWindow` changed.
    /// @param oldValue The previous value.
    /// @param newValue The new value.
    event DaWindowUpdated(uint256 oldValue, uint256 newValue);
    /// @notice `minReviewTime` changed.
    /// @param oldValue The previous value.
    /// @param newValue The new value.
    event MinReviewTimeUpdated(uint256 oldValue, uint256 newValue);
    /// @notice `daSlashBps` changed.
    /// @param oldValue The previous value.
    /// @param newValue The new value.
    event DaSlashBpsUpdated(uint256 oldValue, uint256 newValue);
    /// @notice `refundFixed` changed.
    /// @param oldValue The previous value.
    /// @param newValue The new value.
    event RefundFixedUpdated(uint256 oldValue, uint256 newValue);
    /// @notice `refundPerByte` changed.
    /// @param oldValue The previous value.
    /// @param newValue The new value.
    event RefundPerByteUpdated(uint256 oldValue, uint256 newValue);

    /// @notice The bond sent is not exactly `daRequestBond`.
    /// @param expected The bond required.
    /// @param actual The value sent.
    error DARequestManagerWrongBond(uint256 expected, uint256 actual);
    /// @notice No batch was submitted at `batchIndex`.
    /// @param batchIndex The index named.
    error DARequestManagerUnknownBatch(uint256 batchIndex);
    /// @notice Batch `batchIndex` is final: its data can no longer be requested.
    /// @param batchIndex The batch.
    error DARequestManagerBatchFinal(uint256 batchIndex);
    /// @notice The header `headerHash` at `batchIndex` was rolled back.
    /// @param batchIndex The batch.
    /// @param headerHash The header's hash (zero when the batch was named by its index and none is live there).
    error DARequestManagerBatchRolledBack(uint256 batchIndex, bytes32 headerHash);
    /// @notice The header is not the one BatchChain holds at `batchIndex`.
    /// @param batchIndex The batch.
    /// @param stored The hash BatchChain holds.
    /// @param given The given header's hash.
    error DARequestManagerHeaderMismatch(uint256 batchIndex, bytes32 stored, bytes32 given);
    /// @notice The header already has a request (open or resolved: an answered batch's data is on L1 already).
    /// @param headerHash The header's hash.
    /// @param status The existing request's state.
    error DARequestManagerAlreadyRequested(bytes32 headerHash, RequestStatus status);
    /// @notice The header has no open request.
    /// @param headerHash The header's hash.
    /// @param status The request's state.
    error DARequestManagerNotOpen(bytes32 headerHash, RequestStatus status);
    /// @notice The DA window ended at `deadline`: too late to answer.
    /// @param deadline When the window ended (wall time).
    error DARequestManagerWindowOver(uint256 deadline);
    /// @notice The DA window is still open until `deadline`: too early to expire.
    /// @param deadline When the window ends (wall time, as far as the pauses known now say).
    error DARequestManagerWindowOpen(uint256 deadline);
    /// @notice `poster` is not a plain EOA calling {answer} as its transaction's top-level call (a contract, an EOA
    ///         with EIP-7702 code, or a call from within another contract): a chunk's bytes must be the input of the
    ///         transaction that emitted its {DataChunkPosted}, where any L1 node serves them.
    /// @param poster The caller.
    error DARequestManagerPosterNotEOA(address poster);
    /// @notice The chunk is not the poster's next one.
    /// @param expected The poster's next chunk index.
    /// @param actual The index sent.
    error DARequestManagerWrongChunk(uint256 expected, uint256 actual);
    /// @notice The chunk holds neither transactions nor block leaves.
    error DARequestManagerEmptyChunk();
    /// @notice The chunk would take the poster past the batch's `txCount`.
    /// @param txCount The batch's transaction count.
    /// @param reached The count the chunk would reach.
    error DARequestManagerTooManyTxs(uint256 txCount, uint256 reached);
    /// @notice The chunk would take the poster past the batch's block count.
    /// @param blockCount The batch's block count.
    /// @param reached The count the chunk would reach.
    error DARequestManagerTooManyBlocks(uint256 blockCount, uint256 reached);
    /// @notice A transaction's (block, index) is not the next one of a canonical batch: blocks ascending within the
    ///         batch's range, each block's transactions at indices 0, 1, 2, ...

    /// @param position The transaction's position in the batch.
    /// @param l2BlockNumber Its block.
    /// @param indexInBlock Its index in the block.
    error DARequestManagerTxOutOfOrder(uint256 position, uint256 l2BlockNumber, uint256 indexInBlock);
    /// @notice The block leaf at `position` is not block `firstBlock + position` (it names `number`).
    /// @param position The leaf's position in the batch.
    /// @param number The block number it names.
    error DARequestManagerLeafOutOfOrder(uint256 position, uint256 number);
    /// @notice The complete answer's roots are not the header's.
    /// @param txBatchRoot The header's transaction root.
    /// @param txRoot The root of the posted transactions.
    /// @param stateBatchRoot The header's block root.
    /// @param blockRoot The root of the posted block leaves.
    error DARequestManagerRootMismatch(bytes32 txBatchRoot, bytes32 txRoot, bytes32 stateBatchRoot, bytes32 blockRoot);
    /// @notice The keys named as already slashed for `headerHash` are not those {expire} and {slashMoreSigners}
    ///         slashed.
    /// @param headerHash The header's hash.
    error DARequestManagerWrongSlashedList(bytes32 headerHash);
    /// @notice Nothing to claim.
    /// @param account The caller.
    error DARequestManagerNothingToClaim(address account);
    /// @notice The ETH transfer of a claim failed.
    /// @param account The caller.
    /// @param amount The amount.
    error DARequestManagerTransferFailed(address account, uint256 amount);
    /// @notice A parameter value is outside its bounds.
    /// @param value The value given.
    /// @param min The least allowed.
    /// @param max The most allowed.
    error DARequestManagerOutOfBounds(uint256 value, uint256 min, uint256 max);

    /// @notice Opens a DA request against the live, not final batch at `batchIndex` (the header BatchChain holds
    ///         there), with exactly `daRequestBond` wei. Marks it Insecure in BatchChain. Emits {DataRequested}.
    /// @dev Only within the batch's own fraud window (its submission time plus the window it was submitted under):
    ///      past it, BatchChain's `BatchChainWindowOver(batchIndex, deadline)` bubbles up unchanged, even while an
    ///      earlier answer's review keeps the batch Pending. So one request delays finality by at most `daWindow` +
    ///      `minReviewTime` of active time, and answered requests cannot be chained to hold it back for ever.
    /// @param batchIndex The batch.
    function requestData(uint256 batchIndex) external payable;

    /// @notice Posts chunk `chunkIndex` of the caller's answer to `header`'s open request. Emits {DataChunkPosted},
    ///         and {DataAnswered} when the chunk completes the answer (both roots checked). The caller must be a plain
    ///         EOA calling this directly (so the chunk is its transaction's input: see {DARequestManagerPosterNotEOA}).
    /// @param header The batch's header.
    /// @param chunkIndex The caller's next chunk index.
    /// @param txs The chunk's transactions, in ascending (block, index) order after the caller's previous ones.
    /// @param leaves The chunk's block leaves, in order after the caller's previous ones.
    function answer(
        Types.BatchHeader calldata header,
        uint256 chunkIndex,
        TxEntry[] calldata txs,
        Types.BlockLeaf[] calldata leaves
    ) external;

    /// @notice Ends `header`'s open request unanswered once its window (`daWindow` of BatchChain's active time, which
    ///         stops while paused) has passed since it opened: rolls back from the
    ///         batch, slashes its signers in `signatures` `daSlashBps` (the requester the prover) and credits the bond
    ///         back to the requester. If the batch was rolled back otherwise, voids it at any time (bond credited
    ///         back).
    /// @param header The batch's header.
    /// @param signatures The batch's quorum signatures as submitted (ISequencerRegistry's packing).
    function expire(Types.BatchHeader calldata header, bytes calldata signatures) external;

    /// @notice Slashes signers of an expired request's batch that {expire} (or an earlier call of this) was not given,
    ///         as {expire} does: a caller of {expire} may present only some of the quorum's signatures (any subset
    ///         recovers), so the others stay slashable here, with the requester the prover. Emits {MoreSignersSlashed}.
    /// @param header The batch's header.
    /// @param slashed The signer keys slashed for it so far, strictly ascending (see {slashedSigners}).
    /// @param signatures Signatures over the header (ISequencerRegistry's packing); those of `slashed` are skipped.
    function slashMoreSigners(
        Types.BatchHeader calldata header,
        address[] calldata slashed,
        bytes calldata signatures
    ) external;

    /// @notice Pays the caller what was credited to it. Emits {Claimed}.
    function claim() external;

    /// @notice Sets `daRequestBond` (GOVERNOR_ROLE).
    /// @param newValue The new bond, in wei.
    function setDaRequestBond(uint256 newValue) external;
    /// @notice Sets `daWindow` (GOVERNOR_ROLE), 1 hour to Constants.MAX_DA_WINDOW.
    /// @param newValue The new window, in seconds.
    function setDaWindow(uint256 newValue) external;
    /// @notice Sets `minReviewTime` (GOVERNOR_ROLE).
    /// @param newValue The new review time, in seconds.
    function setMinReviewTime(uint256 newValue) external;
    /// @notice Sets `daSlashBps` (GOVERNOR_ROLE).
    /// @param newValue The new share, in basis points.
    function setDaSlashBps(uint256 newValue) external;
    /// @notice Sets the refund's fixed part (GOVERNOR_ROLE).
    /// @param newValue The new fixed refund, in wei.
    function setRefundFixed(uint256 newValue) external;
    /// @notice Sets the refund's per-byte part (GOVERNOR_ROLE).
    /// @param newValue The new per-byte refund, in wei per raw transaction byte.
    function setRefundPerByte(uint256 newValue) external;

    /// @notice The request against the header `headerHash`, its `deadline` as a wall time (`BatchChain.wallTimeAt`
    ///         of the stored active time: exact unless a later pause moves it again).
    /// @param headerHash The header's hash.
    /// @return The request (status None if never opened).
    function request(bytes32 headerHash) external view returns (Request memory);
    /// @notice `poster`'s progress on the request against `headerHash`.
    /// @param headerHash The header's hash.
    /// @param poster The poster.
    /// @return The progress.
    function progress(bytes32 headerHash, address poster) external view returns (Progress memory);
    /// @notice keccak256(abi.encodePacked(keys)) of the signer keys slashed for `headerHash`, strictly ascending
    ///         (zero: none yet).
    /// @param headerHash The header's hash.
    /// @return The hash of the slashed keys.
    function slashedSigners(bytes32 headerHash) external view returns (bytes32);
    /// @notice Wei credited to `account`.
    /// @param account The account.
    /// @return The amount.
    function claimable(address account) external view returns (uint256);
    /// @notice The bond a request takes, in wei.
    /// @return The bond.
    function daRequestBond() external view returns (uint256);
    /// @notice Seconds of BatchChain's active time an answer may take (paused time does not count).
    /// @return The window.
    function daWindow() external view returns (uint256);
    /// @notice Seconds of BatchChain's active time verifiers get after an answer before the batch may finalize.
    /// @return The review time.
    function minReviewTime() external view returns (uint256);
    /// @notice Share of each signer's stake an expiry slashes, in basis points.
    /// @return The share.
    function daSlashBps() external view returns (uint256);
    /// @notice The refund's fixed part, in wei.
    /// @return The fixed part.
    function refundFixed() external view returns (uint256);
    /// @notice The refund's per-byte part, in wei per raw transaction byte.
    /// @return The per-byte part.
    function refundPerByte() external view returns (uint256);
}
