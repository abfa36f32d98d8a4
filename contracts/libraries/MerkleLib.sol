// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

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

    /// @notice Roots of all-zero subtrees of height 0 to 32 (`Z[0] = 0`, `Z[i+1] = keccak256(Z[i] ++ Z[i])`), 32 bytes
    ///         each; `test/libraries` checks them against the SDK.
    bytes internal constant ZERO_HASHES =
        hex"0000000000000000000000000000000000000000000000000000000000000000"
        hex"ad3228b676f7d3cd4284a5443f17f1962b36e491b30a40b2405849e597ba5fb5"
        hex"b4c11951957c6f8f642c4af61cd6b24640fec6dc7fc607ee8206a99e92410d30"
        hex"21ddb9a356815c3fac1026b6dec5df3124afbadb485c9ba5a3e3398a04b7ba85"
        hex"e58769b32a1beaf1ea27375a44095a0d1fb664ce2dd358e7fcbfb78c26a19344"
        hex"0eb01ebfc9ed27500cd4dfc979272d1f0913cc9f66540d7e8005811109e1cf2d"
        hex"887c22bd8750d34016ac3c66b5ff102dacdd73f6b014e710b51e8022af9a1968"
        hex"ffd70157e48063fc33c97a050f7f640233bf646cc98d9524c6b92bcf3ab56f83"
        hex"9867cc5f7f196b93bae1e27e6320742445d290f2263827498b54fec539f756af"
        hex"cefad4e508c098b9a7e1d8feb19955fb02ba9675585078710969d3440f5054e0"
        hex"f9dc3e7fe016e050eff260334f18a5d4fe391d82092319f5964f2e2eb7c1c3a5"
        hex"f8b13a49e282f609c317a833fb8d976d11517c571d1221a265d25af778ecf892"
        hex"3490c6ceeb450aecdc82e28293031d10c7d73bf85e57bf041a97360aa2c5d99c"
        hex"c1df82d9c4b87413eae2ef048f94b4d3554cea73d92b0f7af96e0271c691e2bb"
        hex"5c67add7c6caf302256adedf7ab114da0acfe870d449a3a489f781d659e8becc"
        hex"da7bce9f4e8618b6bd2f4132ce798cdc7a60e7e1460a7299e3c6342a579626d2"
        hex"2733e50f526ec2fa19a22b31e8ed50f23cd1fdf94c9154ed3a7609a2f1ff981f"
        hex"e1d3b5c807b281e4683cc6d6315cf95b9ade8641defcb32372f1c126e398ef7a"
        hex"5a2dce0a8a7f68bb74560f8f71837c2c2ebbcbf7fffb42ae1896f13f7c7479a0"
        hex"b46a28b6f55540f89444f63de0378e3d121be09e06cc9ded1c20e65876d36aa0"
        hex"c65e9645644786b620e2dd2ad648ddfcbf4a7e5b1a3a4ecfe7f64667a3f0b7e2"
        hex"f4418588ed35a2458cffeb39b93d26f18d2ab13bdce6aee58e7b99359ec2dfd9"
        hex"5a9c16dc00d6ef18b7933a6f8dc65ccb55667138776f7dea101070dc8796e377"
        hex"4df84f40ae0c8229d0d6069e5c8f39a7c299677a09d367fc7b05e3bc380ee652"
        hex"cdc72595f74c7b1043d0e1ffbab734648c838dfb0527d971b602bc216c9619ef"
        hex"0abf5ac974a1ed57f4050aa510dd9c74f508277b39d7973bb2dfccc5eeb0618d"
        hex"b8cd74046ff337f0a7bf2c8e03e10f642c1886798d71806ab1e888d9e5ee87d0"
        hex"838c5655cb21c6cb83313b5a631175dff4963772cce9108188b34ac87c81c41e"
        hex"662ee4dd2dd7b2bc707961b1e646c4047669dcb6584f0d8d770daf5d7e7deb2e"
        hex"388ab20e2573d171a88108e79d820e98f26c0b84aa8b2f4aa4968dbb818ea322"
        hex"93237c50ba75ee485f4c22adf2f741400bdf8d6a9cc7df7ecae576221665d735"
        hex"8448818bb4ae4562849e949e17ac16e0be16688e156b5cf15e098c627c0056a9"
        hex"27ae5ba08d7291c96c8cbddcc148bf48a6d68c7974b94356f53754ef6171d757";

    /// @notice The proof does not have exactly `expected` siblings.
    error MerkleLibInvalidProofLength(uint256 expected, uint256 actual);

    /// @notice `index` is not below 2^`height`.
    error MerkleLibIndexOutOfRange(uint256 index, uint256 height);

    /// @notice The incremental tree already holds `capacity` leaves.
    error MerkleLibTreeFull(uint256 capacity);

    /// @notice An inner node: keccak256(left ++ right), in that order (not sorted).
    /// @param left The left child.
    /// @param right The right child.
    /// @return The parent node.
    function hashPair(bytes32 left, bytes32 right) internal pure returns (bytes32) {
        return Hashes.efficientKeccak256(left, right);
    }

    /// @notice Height of the tree over `leafCount` leaves: ceil(log2 n), and 0 for zero or one leaf.
    /// @param leafCount Leaves in the tree.
    /// @return The height: the number of siblings in a proof.
    function height(uint256 leafCount) internal pure returns (uint256) {
        return Math.log2(leafCount, Math.Rounding.Ceil);
    }

    /// @notice Root of a subtree of height `level` holding only zero leaves: Z[0] = 0, Z[i+1] = H(Z[i], Z[i]).
    /// @param level The subtree's height; up to 32 from a table, above that computed.
    /// @return node Z[`level`] (zero for level 0).
    function zeroHash(uint256 level) internal pure returns (bytes32 node) {
        if (level <= 32) return _zeroAt(ZERO_HASHES, level);
        for (uint256 i; i < level; ++i) {
            node = hashPair(node, node);
        }
    }

    /// @dev Z[`level`] from a memory copy of {ZERO_HASHES} (`level` at most 32).
    function _zeroAt(bytes memory zeros, uint256 level) private pure returns (bytes32 node) {
        assembly ("memory-safe") {
            node := mload(add(add(zeros, 0x20), shl(5, level)))
        }
    }

    function _popCount(uint256 bits) private pure returns (uint256 count) {
        for (; bits != 0; bits &= bits - 1) {
            ++count;
        }
    }

    /// @notice The root implied by `proof` for `leaf` at `index` in a tree of height `expectedHeight`.
    /// @dev Reverts with {MerkleLibInvalidProofLength} unless `proof.length == expectedHeight` and with
    ///      {MerkleLibIndexOutOfRange} unless `index < 2^expectedHeight`.
    /// @param proof The leaf's siblings, lowest level first.
    /// @param leaf The leaf.
    /// @param index The leaf's position, from 0: bit L set means the node is the right child at level L.
    /// @param expectedHeight The tree's height, known to the caller (never taken from the proof).
    /// @return computed The root the proof leads to.
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
            let end := add(proof.offset, shl(5, proof.length))
            for {
                let next := proof.offset
            } lt(next, end) {
                next := add(next, 0x20)
                index := shr(1, index)
            } {
                // The node goes left (offset 0) when the index's low bit is 0, right (offset 32) when it is 1.
                let right := shl(5, and(index, 1))
                mstore(right, computed)
                mstore(xor(right, 0x20), calldataload(next))
                computed := keccak256(0x00, 0x40)
            }
        }
    }

    /// @notice The root implied by a compact proof of `leaf` at `index` in a tree of height `treeHeight` (at most 32):
    ///         bit `L` of `emptyLevels` set means the sibling at level `L` is the empty subtree `Z[L]` and is not
    ///         carried; `siblings` holds the other levels' siblings, lowest first.
    /// @dev Reverts with {MerkleLibInvalidProofLength} unless `siblings` has exactly one entry per level whose bit is
    ///      clear, and with {MerkleLibIndexOutOfRange} unless `index < 2^treeHeight`. Deep fixed trees (withdrawals)
    ///      are mostly empty, so this carries a few siblings instead of 32. The loop takes siblings as the bitmap asks
    ///      and checks afterwards that it took exactly all of them (a read past the end only leads to that revert).
    /// @param siblings The carried siblings, lowest level first.
    /// @param emptyLevels Bitmap of the levels whose sibling is the empty subtree (no bit at or above `treeHeight`).
    /// @param leaf The leaf.
    /// @param index The leaf's position, from 0.
    /// @param treeHeight The tree's height, at most 32.
    /// @return computed The root the proof leads to.
    function processCompactProof(
        bytes32[] calldata siblings,
        uint256 emptyLevels,
        bytes32 leaf,
        uint256 index,
        uint256 treeHeight
    ) internal pure returns (bytes32 computed) {
        if (treeHeight > 32 || emptyLevels >> treeHeight != 0) {
            revert MerkleLibIndexOutOfRange(emptyLevels, treeHeight);
        }
        if (index >> treeHeight != 0) revert MerkleLibIndexOutOfRange(index, treeHeight);
        // From level `full` up, every sibling is an empty subtree on the right: the common case of a deep tree with
        // few leaves, hashed by a shorter loop.
        uint256 carriedLevels = ~emptyLevels & ((1 << treeHeight) - 1);
        uint256 full = index | carriedLevels == 0 ? 0 : Math.log2(index | carriedLevels) + 1;
        bytes memory zeros = ZERO_HASHES;
        uint256 emptyBits = emptyLevels;
        uint256 taken;
        assembly ("memory-safe") {
            computed := leaf
            let next := siblings.offset
            let zero := add(zeros, 0x20)
            for {
                let split := add(zero, shl(5, full))
            } lt(zero, split) {
                zero := add(zero, 0x20)
                index := shr(1, index)
                emptyLevels := shr(1, emptyLevels)
            } {
                let sibling := mload(zero)
                if iszero(and(emptyLevels, 1)) {
                    sibling := calldataload(next)
                    next := add(next, 0x20)
                }
                // The node goes left (offset 0) when the index's low bit is 0, right (offset 32) when it is 1.
                let right := shl(5, and(index, 1))
                mstore(right, computed)
                mstore(xor(right, 0x20), sibling)
                computed := keccak256(0x00, 0x40)
            }
            taken := shr(5, sub(next, siblings.offset))
        }
        if (full < treeHeight) computed = _climbEmpty(zeros, computed, full, treeHeight);
        if (taken != siblings.length) {
            revert MerkleLibInvalidProofLength(treeHeight - _popCount(emptyBits), siblings.length);
        }
    }

    /// @dev The root over `node` at level `from` when every sibling from there to `treeHeight` is an empty subtree
    ///      on the right. `zeros` holds Z[0..32] in a row, so the node written over Z[L-1] sits just before its
    ///      sibling Z[L]: one store and one hash per level (Z[L-1] is not needed any more). Overwrites `zeros`.
    function _climbEmpty(
        bytes memory zeros,
        bytes32 node,
        uint256 from,
        uint256 treeHeight
    ) private pure returns (bytes32 root) {
        assembly ("memory-safe") {
            let p := add(zeros, shl(5, from))
            mstore(p, node)
            for {
                let last := add(zeros, shl(5, treeHeight))
            } lt(p, last) {
                p := add(p, 0x20)
            } {
                mstore(add(p, 0x20), keccak256(p, 0x40))
            }
            root := mload(p)
        }
    }

    /// @notice Whether `proof` places `leaf` at `index` in the tree of height `expectedHeight` with root `root`.
    /// @dev Reverts like {processProof} on a malformed proof: a wrong length or index is an error, not a `false`.
    /// @param proof The leaf's siblings, lowest level first.
    /// @param root The expected root.
    /// @param leaf The leaf.
    /// @param index The leaf's position, from 0.
    /// @param expectedHeight The tree's height.
    /// @return True when the proof leads to `root`.
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
    /// @param leaves The leaves in order (overwritten).
    /// @return The root; zero for no leaves, the leaf itself for one.
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
    /// @param tree The tree.
    /// @param leaf The new leaf.
    /// @return index The leaf's position, from 0: the tree's size before the append.
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

    /// @notice Appends `leaf` to `tree` read as the fixed tree of height `depth` (at most 32) and returns the leaf's
    ///         index and that tree's new root: the root OpenZeppelin's MerkleTree with zero leaves and the
    ///         keccak256(left ++ right) node gives after the same pushes. The frontier is {append}'s.
    /// @dev One pass up the new leaf's path: a set bit of the index takes the left subtree waiting in the frontier,
    ///      a clear bit the empty subtree Z[level] (from code, not storage), and the lowest clear bit is where the new
    ///      node now waits. So an append reads one slot per set bit of the index and writes two (frontier, size),
    ///      where OpenZeppelin's push reads every level's zero hash from storage and writes a side per clear bit.
    /// @param tree The tree, only ever appended to at this `depth`.
    /// @param leaf The new leaf.
    /// @param depth The fixed tree's height, at most 32; the tree holds at most 2^`depth` leaves.
    /// @return index The leaf's position, from 0.
    /// @return root The fixed tree's root after the append.
    function appendAtDepth(
        IncrementalTree storage tree,
        bytes32 leaf,
        uint256 depth
    ) internal returns (uint256 index, bytes32 root) {
        if (depth > 32) revert MerkleLibIndexOutOfRange(depth, 32);
        index = tree.size;
        if (index >> depth != 0) revert MerkleLibTreeFull(1 << depth);
        bytes memory zeros = ZERO_HASHES;
        bytes32 node = leaf;
        bool placed;
        for (uint256 level; level < depth; ++level) {
            if ((index >> level) & 1 == 1) {
                node = hashPair(tree.frontier[level], node);
            } else {
                if (!placed) {
                    tree.frontier[level] = node;
                    placed = true;
                }
                node = hashPair(node, _zeroAt(zeros, level));
            }
        }
        // The last leaf of the tree: the whole tree is the frontier's top.
        if (!placed) tree.frontier[depth] = node;
        tree.size = index + 1;
        root = node;
    }

    /// @notice Root of `tree` over the leaves appended so far; equals {rootOf} over the same leaves.
    /// @param tree The tree.
    /// @return The root over the leaves appended so far; zero while the tree is empty.
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
