// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MerkleLib} from "../libraries/MerkleLib.sol";

/// @notice Test-only: exposes {MerkleLib} so the TypeScript tests can replay vectors and properties against it.
contract MerkleLibHarness {
    using MerkleLib for MerkleLib.IncrementalTree;

    MerkleLib.IncrementalTree private _tree;

    function height(uint256 leafCount) external pure returns (uint256) {
        return MerkleLib.height(leafCount);
    }

    function zeroHash(uint256 level) external pure returns (bytes32) {
        return MerkleLib.zeroHash(level);
    }

    function processProof(
        bytes32[] calldata proof,
        bytes32 leaf,
        uint256 index,
        uint256 expectedHeight
    ) external pure returns (bytes32) {
        return MerkleLib.processProof(proof, leaf, index, expectedHeight);
    }

    function processCompactProof(
        bytes32[] calldata siblings,
        uint256 emptyLevels,
        bytes32 leaf,
        uint256 index,
        uint256 treeHeight
    ) external pure returns (bytes32) {
        return MerkleLib.processCompactProof(siblings, emptyLevels, leaf, index, treeHeight);
    }

    function verify(
        bytes32[] calldata proof,
        bytes32 root,
        bytes32 leaf,
        uint256 index,
        uint256 expectedHeight
    ) external pure returns (bool) {
        return MerkleLib.verify(proof, root, leaf, index, expectedHeight);
    }

    /// @notice Gas of one {MerkleLib.verify} call, for the benchmark's per-level table.
    function verifyGas(
        bytes32[] calldata proof,
        bytes32 root,
        bytes32 leaf,
        uint256 index,
        uint256 expectedHeight
    ) external view returns (bool valid, uint256 gasUsed) {
        uint256 before = gasleft();
        valid = MerkleLib.verify(proof, root, leaf, index, expectedHeight);
        gasUsed = before - gasleft();
    }

    // solhint-disable-next-line gas-calldata-parameters
    function rootOf(bytes32[] memory leaves) external pure returns (bytes32) {
        // `memory`, not `calldata`: MerkleLib.rootOf hashes in place.
        return MerkleLib.rootOf(leaves);
    }

    /// @notice Appends each leaf to the stored incremental tree; returns the root after each append.
    function append(bytes32[] calldata leaves) external returns (bytes32[] memory roots) {
        roots = new bytes32[](leaves.length);
        for (uint256 i; i < leaves.length; ++i) {
            _tree.append(leaves[i]);
            roots[i] = _tree.currentRoot();
        }
    }

    /// @notice Appends each leaf to the stored incremental tree, without reading roots in between.
    function appendLeaves(bytes32[] calldata leaves) external {
        for (uint256 i; i < leaves.length; ++i) {
            _tree.append(leaves[i]);
        }
    }

    /// @notice Appends each leaf with {MerkleLib.appendAtDepth}; returns the depth-`depth` root after each append.
    function appendAtDepth(bytes32[] calldata leaves, uint256 depth) external returns (bytes32[] memory roots) {
        roots = new bytes32[](leaves.length);
        for (uint256 i; i < leaves.length; ++i) {
            (uint256 index, bytes32 root) = _tree.appendAtDepth(leaves[i], depth);
            if (index != _tree.size - 1) revert MerkleLib.MerkleLibTreeFull(index);
            roots[i] = root;
        }
    }

    /// @notice Sets the stored tree's size directly, to reach capacity without 2^32 appends.
    function setTreeSize(uint256 newSize) external {
        _tree.size = newSize;
    }

    function treeSize() external view returns (uint256) {
        return _tree.size;
    }

    function treeRoot() external view returns (bytes32) {
        return _tree.currentRoot();
    }
}
