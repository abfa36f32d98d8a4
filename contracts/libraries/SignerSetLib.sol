// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @title SignerSetLib
/// @notice Sets of signer keys kept as strictly ascending address lists, the form in which the contracts commit to
///         the keys a header's slashes or rewards have already covered (a hash of the list).
library SignerSetLib {
    /// @notice The strictly ascending union of two strictly ascending, disjoint lists.
    /// @param a One list, strictly ascending.
    /// @param b The other, strictly ascending, sharing no key with `a`.
    /// @return merged Every key of both, strictly ascending.
    function merge(address[] memory a, address[] memory b) internal pure returns (address[] memory merged) {
        merged = new address[](a.length + b.length);
        uint256 i;
        uint256 j;
        for (uint256 k; k < merged.length; ++k) {
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                merged[k] = a[i];
                ++i;
            } else {
                merged[k] = b[j];
                ++j;
            }
        }
    }
}
