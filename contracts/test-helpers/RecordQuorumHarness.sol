// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {BatchRecordLib} from "../libraries/BatchRecordLib.sol";
import {QuorumLib} from "../libraries/QuorumLib.sol";

/// @notice Exposes {BatchRecordLib}'s packing and {QuorumLib}'s pure parts.
contract RecordQuorumHarness {
    function pack(uint256 submittedAt, uint256 lastBlock, uint256 depositCount) external pure returns (uint256) {
        return BatchRecordLib.pack(submittedAt, lastBlock, depositCount);
    }

    function unpack(uint256 record) external pure returns (uint256, uint256, uint256) {
        return BatchRecordLib.unpack(record);
    }

    function submittedAtOf(uint256 record) external pure returns (uint256) {
        return BatchRecordLib.submittedAtOf(record);
    }

    /// @notice The records of `batchIndex` and its pair partner read back from the word {BatchRecordLib-join} makes.
    function pairRoundTrip(
        uint256 first,
        uint256 second,
        uint256 batchIndex
    ) external pure returns (uint256 pairKey, uint256 record) {
        uint256 pair = BatchRecordLib.join(first, second);
        return (BatchRecordLib.pairOf(batchIndex), BatchRecordLib.half(pair, batchIndex));
    }

    function isQuorum(uint256 signedStake, uint256 totalStake) external pure returns (bool) {
        return QuorumLib.isQuorum(signedStake, totalStake);
    }

    function entryAt(
        bytes calldata signatures,
        uint256 offset
    ) external pure returns (uint256 memberIndex, uint8 v, bytes32 r, bytes32 s) {
        return QuorumLib.entryAt(signatures, offset);
    }
}
