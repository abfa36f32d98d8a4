// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IL2Bridge} from "../interfaces/IL2Bridge.sol";

/// @notice Test-only: a contract that reverts when it receives ETH until told to accept it, and can claim deferred
///         ETH from the L2 bridge.
contract RejectingReceiver {
    /// @notice Whether receiving ETH succeeds.
    bool public accepting;

    /// @notice Raised on receiving ETH while not accepting.
    error RejectingReceiverRejected(uint256 amount);

    receive() external payable {
        if (!accepting) revert RejectingReceiverRejected(msg.value);
    }

    /// @notice Sets whether receiving ETH succeeds.
    function setAccepting(bool accepting_) external {
        accepting = accepting_;
    }

    /// @notice Claims this contract's deferred ETH from `bridge`.
    function claim(IL2Bridge bridge) external {
        bridge.claimETH();
    }
}
