// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice Test-only: code an account delegates to with EIP-7702, so that a call to itself reaches another contract
///         with the account as `msg.sender` (a relay made from "delegated code" rather than sent to the bridge).
contract CallForwarder {
    function forward(address target, bytes calldata data) external {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory returned) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(returned, 0x20), mload(returned))
            }
        }
    }
}
