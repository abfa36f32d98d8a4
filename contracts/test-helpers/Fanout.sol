// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice Test-only: sends 1 wei to each of `count` fresh addresses in one L2 transaction, so tests and the gas
///         benchmark can grow the L2 state trie (10,000 accounts in a few blocks) with real transactions.
contract Fanout {
    /// @notice Sends 1 wei to `count` addresses derived from `seed` (keccak256(seed, i)); needs `count` wei.
    function fund(bytes32 seed, uint256 count) external payable {
        for (uint256 i; i < count; ++i) {
            payable(address(uint160(uint256(keccak256(abi.encode(seed, i)))))).transfer(1);
        }
    }
}
