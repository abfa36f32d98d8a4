// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title MerkleLib
/// @notice The protocol's positional binary Merkle tree (PROTOCOL section 2). For n >= 1 leaves the height is
///         ceil(log2 n), leaves are padded to 2^height with bytes32(0), a node is keccak256(left ++ right) (not
///         sorted: a proof binds the leaf's index), and the empty tree's root is bytes32(0). A verifier always knows
///         the height, from a count committed on L1 or a fixed depth, and rejects a proof of any other length.
library MerkleLib {
    /// @notice Leaves an {IncrementalTree} holds at most: 2^32, so every uint32 count the protocol commits fits.
    uint256 internal constant MAX_INCREMENTAL_LEAVES = 1 << 32;

    /// @notice An append-only tree that stores only its frontier: `frontier[level]` is the last complete left
    ///         subtree of that level still waiting for its right sibling. Its root equals {rootOf} over the same
    ///         leaves at every size.
    struct IncrementalTree {
        uint256 size;
        bytes32[33] frontier;
    }

    /// @notice The proof does not have exactly `expected` siblings.
    error MerkleLibInvalidProofLength(uint256 expected, uint256 actual);

    /// @notice `index` is not below 2^`height`.
    error MerkleLibIndexOutOfRange(uint256 index, uint256 height);

    /// @notice The incremental tree already holds `capacity` leaves.
    error MerkleLibTreeFull(uint256 capacity);

    /// @notice An inner node: keccak256(left ++ right), in that order (not sorted).
    function hashPair(bytes32 left, bytes32 right) internal pure returns (bytes32) {
        return Hashes.efficientKeccak256(left, right);
    }

    /// @notice Height of the tree over `leafCount` leaves: ceil(log2 n), and 0 for zero or one leaf.
    function height(uint256 leafCount) internal pure returns (uint256) {
        return Math.log2(leafCount, Math.Rounding.Ceil);
    }

    /// @notice Root of a subtree of height `level` holding only zero leaves: Z[0] = 0, Z[i+1] = H(Z[i], Z[i]).
    function zeroHash(uint256 level) internal pure returns (bytes32 node) {
        for (uint256 i; i < level; ++i) {
            node = hashPair(node, node);
        }
    }

    /// @notice The root implied by `proof` for `leaf` at `index` in a tree of height `expectedHeight`.
    /// @dev Reverts with {MerkleLibInvalidProofLength} unless `proof.length == expectedHeight` and with
    ///      {MerkleLibIndexOutOfRange} unless `index < 2^expectedHeight`.
    function processProof(
        bytes32[] calldata proof,
        bytes32 leaf,
        uint256 index,
        uint256 expectedHeight
    ) internal pure returns (bytes32 computed) {
        if (proof.length != expectedHeight) revert MerkleLibInvalidProofLength(expectedHeight, proof.length);
        if (expectedHeight < 256 && index >> expectedHeight != 0)
            revert MerkleLibIndexOutOfRange(index, expectedHeight);
        assembly ("memory-safe") {
            computed := leaf
            for {
                let level := 0
            } lt(level, proof.length) {
                level := add(level, 1)
            } {
                // The node goes left (offset 0) when bit `level` of the index is 0, right (offset 32) when it is 1.
                let isRight := and(shr(level, index), 1)
                mstore(shl(5, isRight), computed)
                mstore(shl(5, xor(isRight, 1)), calldataload(add(proof.offset, shl(5, level))))
                computed := keccak256(0x00, 0x40)
            }
        }
    }

    /// @notice Whether `proof` places `leaf` at `index` in the tree of height `expectedHeight` with root `root`.
    /// @dev Reverts like {processProof} on a malformed proof: a wrong length or index is an error, not a `false`.
    function verify(
        bytes32[] calldata proof,
        bytes32 root,
        bytes32 leaf,
        uint256 index,
        uint256 expectedHeight
    ) internal pure returns (bool) {
        return processProof(proof, leaf, index, expectedHeight) == root;
    }

    /// @notice Root of the tree over `leaves`.
    /// @dev Overwrites `leaves` with intermediate nodes (no second array is allocated).
    function rootOf(bytes32[] memory leaves) internal pure returns (bytes32) {
        uint256 count = leaves.length;
        if (count == 0) return bytes32(0);
        bytes32 zero;
        while (count > 1) {
            uint256 pairs = count >> 1;
            for (uint256 i; i < pairs; ++i) {
                leaves[i] = hashPair(leaves[2 * i], leaves[2 * i + 1]);
            }
            if (count & 1 == 1) {
                leaves[pairs] = hashPair(leaves[count - 1], zero);
                count = pairs + 1;
            } else {
                count = pairs;
            }
            zero = hashPair(zero, zero);
        }
        return leaves[0];
    }

    /// @notice Appends `leaf` to `tree` and returns its index.
    /// @dev Reverts with {MerkleLibTreeFull} once the tree holds {MAX_INCREMENTAL_LEAVES}.
    function append(IncrementalTree storage tree, bytes32 leaf) internal returns (uint256 index) {
        index = tree.size;
        if (index >= MAX_INCREMENTAL_LEAVES) revert MerkleLibTreeFull(MAX_INCREMENTAL_LEAVES);
        bytes32 node = leaf;
        uint256 level;
        // Each trailing 1 bit of the index closes a pair: hash with the waiting left sibling and climb.
        for (uint256 rest = index; rest & 1 == 1; rest >>= 1) {
            node = hashPair(tree.frontier[level], node);
            ++level;
        }
        tree.frontier[level] = node;
        tree.size = index + 1;
    }

    /// @notice Root of `tree` over the leaves appended so far; equals {rootOf} over the same leaves.
    function currentRoot(IncrementalTree storage tree) internal view returns (bytes32) {
        uint256 size = tree.size;
        if (size == 0) return bytes32(0);
        uint256 treeHeight = height(size);
        if (size == 1 << treeHeight) return tree.frontier[treeHeight];
        // Walk up from the first empty position: a set bit of `size` means a complete left subtree waits in the
        // frontier at that level, a clear bit means the right side is still empty (a zero subtree).
        bytes32 node;
        bytes32 zero;
        for (uint256 level; level < treeHeight; ++level) {
            node = (size >> level) & 1 == 1 ? hashPair(tree.frontier[level], node) : hashPair(node, zero);
            zero = hashPair(zero, zero);
        }
        return node;
    }
}
