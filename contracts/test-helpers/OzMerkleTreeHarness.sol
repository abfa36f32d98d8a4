// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {MerkleTree} from "@openzeppelin/contracts/utils/structs/MerkleTree.sol";

/// @notice Test-only: OpenZeppelin's {MerkleTree} configured as the protocol's withdrawal tree (depth 32, zero
///         leaves, non-commutative keccak node), an outside reference for the SDK's depth-32 tree.
contract OzMerkleTreeHarness {
    using MerkleTree for MerkleTree.Bytes32PushTree;

    MerkleTree.Bytes32PushTree private _tree;
    bytes32 public root;

    constructor() {
        root = _tree.setup(32, bytes32(0), Hashes.efficientKeccak256);
    }

    /// @notice Pushes each leaf; returns the root after each push.
    function push(bytes32[] calldata leaves) external returns (bytes32[] memory roots) {
        roots = new bytes32[](leaves.length);
        for (uint256 i; i < leaves.length; ++i) {
            (, bytes32 newRoot) = _tree.push(leaves[i], Hashes.efficientKeccak256);
            roots[i] = newRoot;
        }
        root = roots.length == 0 ? root : roots[roots.length - 1];
    }
}
