// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

import {IL1Bridge} from "../interfaces/IL1Bridge.sol";

/// @notice Test-only: an ERC20 whose `transferFrom`, once armed, re-enters {IL1Bridge-depositERC20} on the bridge
///         before moving the tokens.
contract ReentrantToken is ERC20 {
    /// @notice The bridge to re-enter; zero when disarmed.
    IL1Bridge public reentryTarget;

    constructor() ERC20("Reentrant", "REENTER") {}

    /// @notice Mints `amount` to `to`; unrestricted, for tests.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Re-enter `target` on the next `transferFrom` (zero disarms).
    function arm(IL1Bridge target) external {
        reentryTarget = target;
    }

    /// @notice Re-enters the bridge with a deposit of `value` for `from` when armed, then transfers as usual.
    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        IL1Bridge bridge = reentryTarget;
        if (address(bridge) != address(0)) {
            reentryTarget = IL1Bridge(address(0));
            bridge.depositERC20(address(this), from, value);
        }
        return super.transferFrom(from, to, value);
    }
}
