// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TrieLib} from "../libraries/TrieLib.sol";

/// @notice Test-only: exposes {TrieLib} so the TypeScript tests can run it on real tries (EDR's eth_getProof, and
///         transactions tries built with the ethereumjs trie package) and on forged proofs.
contract TrieLibHarness {
    function get(
        bytes32 root,
        bytes calldata key,
        bytes[] calldata proof
    ) external pure returns (bool exists, bytes memory value) {
        return TrieLib.get(root, key, proof);
    }

    function provesAbsence(bytes32 root, bytes calldata key, bytes[] calldata proof) external pure returns (bool) {
        return TrieLib.provesAbsence(root, key, proof);
    }

    /// @dev Gas of {TrieLib-get} alone, for the benchmark and the README (call it with eth_call).
    function getGas(bytes32 root, bytes calldata key, bytes[] calldata proof) external view returns (uint256 used) {
        bytes[] memory copy = proof;
        bytes memory keyCopy = key;
        used = gasleft();
        TrieLib.get(root, keyCopy, copy);
        used -= gasleft();
    }

    function emptyTrieRoot() external pure returns (bytes32) {
        return TrieLib.EMPTY_TRIE_ROOT;
    }
}
