// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IL2Bridge} from "../interfaces/IL2Bridge.sol";

/// @notice Test-only: a contract that burns all the gas it is given when it receives ETH, until told to stop, and can
///         claim deferred ETH from the L2 bridge.
contract GasBurningReceiver {
    /// @notice Whether receiving ETH burns all gas.
    bool public burning = true;
    /// @notice Written while burning, so the loop has an effect the optimizer keeps.
    uint256 public spins;

    receive() external payable {
        while (burning) {
            ++spins;
        }
    }

    /// @notice Sets whether receiving ETH burns all gas.
    function setBurning(bool burning_) external {
        burning = burning_;
    }

    /// @notice Claims this contract's deferred ETH from `bridge`.
    function claim(IL2Bridge bridge) external {
        bridge.claimETH();
    }
}
