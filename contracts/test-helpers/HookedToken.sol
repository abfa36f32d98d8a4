// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only: an ERC20 with a transfer hook. Once armed, its next transfer (or transferFrom) first calls
///         `hookTarget` with the calldata set beforehand, as a hostile token's hook would, and bubbles up any revert.
contract HookedToken is ERC20 {
    address public hookTarget;
    bytes public hook;

    constructor() ERC20("Hooked", "HOOK") {}

    /// @notice Mints `amount` to `to`; unrestricted, for tests.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Calls `target_` with `hook_` in the next transfer (a zero target disarms).
    function arm(address target_, bytes calldata hook_) external {
        hookTarget = target_;
        hook = hook_;
    }

    function _update(address from, address to, uint256 value) internal override {
        address callee = hookTarget;
        if (callee != address(0) && from != address(0)) {
            hookTarget = address(0);
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory returned) = callee.call(hook);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(returned, 0x20), mload(returned))
                }
            }
        }
        super._update(from, to, value);
    }
}
