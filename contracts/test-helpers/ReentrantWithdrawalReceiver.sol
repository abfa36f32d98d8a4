// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice Test-only: an L1 withdrawal recipient that, while being paid, calls back into the L1 bridge with calldata
///         set beforehand (the same finalizeWithdrawal), records whether that re-entry succeeded, and accepts the ETH.
contract ReentrantWithdrawalReceiver {
    address public bridge;
    bytes public reentry;
    uint256 public attempts;
    bool public reentrySucceeded;
    bytes public reentryError;

    function arm(address bridge_, bytes calldata reentry_) external {
        bridge = bridge_;
        reentry = reentry_;
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (attempts != 0 || bridge == address(0)) return;
        attempts = 1;
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory returned) = bridge.call(reentry);
        reentrySucceeded = ok;
        reentryError = returned;
    }
}
