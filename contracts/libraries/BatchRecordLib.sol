// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @title BatchRecordLib
/// @notice Packing of BatchChain's per-batch record: what a status read, a proof check and the next submission need
///         to know about a batch besides its header hash.
/// @dev A record is 128 bits: submission time (bits 0-39, never 0 for a written record), last L2 block (40-87) and
///      deposit count (88-127). Two records share a storage word, batch `2k` in the low half and `2k + 1` in the high
///      half, so that a batch costs half a new slot.
library BatchRecordLib {
    /// @notice Largest L2 block number a record can hold.
    uint256 internal constant MAX_LAST_BLOCK = type(uint48).max;

    /// @notice The record of a batch submitted at `submittedAt` that ends at L2 block `lastBlock` with
    ///         `depositCount` deposits relayed; each field is cut to its width (the callers check the ranges).
    /// @param submittedAt Unix time (seconds) of the submission; 40 bits, never 0.
    /// @param lastBlock The batch's last L2 block number; 48 bits, at most {MAX_LAST_BLOCK}.
    /// @param depositCount Deposits included up to `lastBlock`; 40 bits.
    /// @return The record, in the low 128 bits.
    function pack(uint256 submittedAt, uint256 lastBlock, uint256 depositCount) internal pure returns (uint256) {
        return
            uint256(uint40(submittedAt)) | (uint256(uint48(lastBlock)) << 40) | (uint256(uint40(depositCount)) << 88);
    }

    /// @notice The three fields of `record`, as {pack} wrote them.
    /// @param record A record (bits above 128 are ignored).
    /// @return submittedAt Unix time (seconds) of the submission; 0 when no record was written.
    /// @return lastBlock The batch's last L2 block number.
    /// @return depositCount Deposits included up to `lastBlock`.
    function unpack(
        uint256 record
    ) internal pure returns (uint256 submittedAt, uint256 lastBlock, uint256 depositCount) {
        return (uint40(record), uint48(record >> 40), uint40(record >> 88));
    }

    /// @notice The submission time in `record` (0: no record written).
    /// @param record A record.
    /// @return Unix time (seconds) of the submission.
    function submittedAtOf(uint256 record) internal pure returns (uint256) {
        return uint40(record);
    }

    /// @notice The key of the storage word that holds batch `batchIndex`'s record.
    /// @param batchIndex A batch index.
    /// @return `batchIndex / 2`.
    function pairOf(uint256 batchIndex) internal pure returns (uint256) {
        return batchIndex / 2;
    }

    /// @notice Batch `batchIndex`'s half of `pair`, the word at {pairOf}.
    /// @param pair The pair word of batches `2k` and `2k + 1`.
    /// @param batchIndex One of those two batches.
    /// @return Its 128-bit record (0 while not written).
    function half(uint256 pair, uint256 batchIndex) internal pure returns (uint256) {
        return uint128(pair >> (128 * (batchIndex % 2)));
    }

    /// @notice The pair word holding `first` (batch `2k`) and `second` (batch `2k + 1`).
    /// @param first The record of batch `2k` (only its low 128 bits are kept).
    /// @param second The record of batch `2k + 1` (128 bits).
    /// @return The pair word.
    function join(uint256 first, uint256 second) internal pure returns (uint256) {
        return uint128(first) | (second << 128);
    }
}
