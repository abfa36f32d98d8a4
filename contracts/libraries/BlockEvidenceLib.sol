// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IBatchChain} from "../interfaces/IBatchChain.sol";
import {IDisputeManager} from "../interfaces/IDisputeManager.sol";
import {BatchLib} from "./BatchLib.sol";
import {MerkleLib} from "./MerkleLib.sol";
import {Types} from "./Types.sol";

/// @title BlockEvidenceLib
/// @notice The checks every challenge of a batch starts with: that the header is the live batch at its index and not
///         final, and that block leaves are where their proofs say. Used by DisputeManager; reverts with
///         DisputeManager's errors.
library BlockEvidenceLib {
    /// @notice The hash of `header`, after checking that it is the live, not yet final batch at its index.
    /// @param batchChain The BatchChain holding the header hashes.
    /// @param convictions DisputeManager's conviction records (a convicted header was rolled back).
    /// @param header The header to check.
    /// @return hash Its EIP-712 struct hash ({BatchLib-hash}), the one BatchChain holds at its index.
    function checkConvictable(
        IBatchChain batchChain,
        mapping(bytes32 => bytes32) storage convictions,
        Types.BatchHeader calldata header
    ) internal view returns (bytes32 hash) {
        hash = BatchLib.hashCalldata(header);
        uint256 index = header.batchIndex;
        (bytes32 stored, Types.BatchStatus status) = batchChain.headerStatus(index);
        if (status == Types.BatchStatus.None) revert IDisputeManager.DisputeManagerUnknownBatch(index);
        if (status == Types.BatchStatus.Finalized) revert IDisputeManager.DisputeManagerBatchFinal(index);
        if (status == Types.BatchStatus.RolledBack) revert IDisputeManager.DisputeManagerBatchRolledBack(index, hash);
        if (stored != hash) {
            // The index was refilled after this header was rolled back.
            if (convictions[hash] != 0 || batchChain.isRolledBack(hash)) {
                revert IDisputeManager.DisputeManagerBatchRolledBack(index, hash);
            }
            revert IDisputeManager.DisputeManagerHeaderMismatch(index, stored, hash);
        }
    }

    /// @notice Blocks in the batch (BatchChain accepted only `firstBlock <= lastBlock`).
    /// @param header The batch's header.
    /// @return `lastBlock - firstBlock + 1`: the leaf count of its block tree.
    function blockCount(Types.BatchHeader calldata header) internal pure returns (uint256) {
        return uint256(header.lastBlock) - header.firstBlock + 1;
    }

    /// @notice Checks that `evidence.leaf` is at `evidence.leafIndex` of `header`'s block tree.
    /// @param header The batch's header, whose `stateBatchRoot` the proof leads to.
    /// @param evidence The block leaf, its position (below the batch's block count) and its siblings.
    function checkBlock(
        Types.BatchHeader calldata header,
        IDisputeManager.BlockEvidence calldata evidence
    ) internal pure {
        uint256 blocks = blockCount(header);
        if (evidence.leafIndex >= blocks) {
            revert IDisputeManager.DisputeManagerLeafOutOfRange(evidence.leafIndex, blocks);
        }
        checkLeaf(
            evidence.siblings,
            BatchLib.blockLeaf(evidence.leaf),
            evidence.leafIndex,
            blocks,
            header.stateBatchRoot
        );
    }

    /// @notice Checks `leaf` at `position` (below `count`) of the positional tree over `count` leaves with root `root`.
    /// @param siblings Its Merkle proof, from the leaf upwards: exactly ceil(log2(count)) hashes.
    /// @param leaf The leaf's hash.
    /// @param position Its position in the tree, from 0 (the caller checks that it is below `count`).
    /// @param count The tree's leaf count.
    /// @param root The root the proof must lead to.
    function checkLeaf(
        bytes32[] calldata siblings,
        bytes32 leaf,
        uint256 position,
        uint256 count,
        bytes32 root
    ) internal pure {
        uint256 height = MerkleLib.height(count);
        if (siblings.length != height) revert IDisputeManager.DisputeManagerInvalidProofLength(height, siblings.length);
        bytes32 computed = MerkleLib.processProof(siblings, leaf, position, height);
        if (computed != root) revert IDisputeManager.DisputeManagerLeafNotInBatch(root, computed);
    }

    /// @notice Checks that `parentBlock` (in `parentHeader`) is the block leaf right before `blockEvidence` (in
    ///         `header`, whose hash is `hash`): the previous leaf of the same batch, or the last leaf of the batch
    ///         `header` names as its parent; and that both are in their batches.
    /// @param parentHeader The header of the batch holding the earlier leaf: `header` itself, or batch
    ///        `header.batchIndex - 1` (the header `header.parentHash` names).
    /// @param parentBlock The earlier leaf and its proof in `parentHeader`.
    /// @param header The header of the batch holding the later leaf.
    /// @param blockEvidence The later leaf and its proof in `header`.
    /// @param hash `header`'s hash ({checkConvictable}), compared with `parentHeader`'s for the same batch.
    function checkAdjacent(
        Types.BatchHeader calldata parentHeader,
        IDisputeManager.BlockEvidence calldata parentBlock,
        Types.BatchHeader calldata header,
        IDisputeManager.BlockEvidence calldata blockEvidence,
        bytes32 hash
    ) internal pure {
        bytes32 parentHash = BatchLib.hashCalldata(parentHeader);
        bool adjacent;
        if (parentHeader.batchIndex == header.batchIndex) {
            if (parentHash != hash) {
                revert IDisputeManager.DisputeManagerHeaderMismatch(header.batchIndex, hash, parentHash);
            }
            adjacent = parentBlock.leafIndex + 1 == blockEvidence.leafIndex;
        } else if (parentHeader.batchIndex + 1 == header.batchIndex) {
            // The header names its parent, and BatchChain checked that name when it accepted it: a live batch's
            // parent is live, final or not.
            if (parentHash != header.parentHash) {
                revert IDisputeManager.DisputeManagerHeaderMismatch(
                    parentHeader.batchIndex,
                    header.parentHash,
                    parentHash
                );
            }
            adjacent = parentBlock.leafIndex + 1 == blockCount(parentHeader) && blockEvidence.leafIndex == 0;
        }
        if (!adjacent) {
            revert IDisputeManager.DisputeManagerNotConsecutive(
                parentHeader.batchIndex,
                parentBlock.leafIndex,
                header.batchIndex,
                blockEvidence.leafIndex
            );
        }
        checkBlock(parentHeader, parentBlock);
        checkBlock(header, blockEvidence);
    }
}
