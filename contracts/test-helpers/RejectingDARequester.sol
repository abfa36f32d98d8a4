// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IDARequestManager} from "../interfaces/IDARequestManager.sol";
import {Types} from "../libraries/Types.sol";

/// @notice Test-only: a DA requester that cannot receive ETH (no receive function), so its claim's transfer fails.
contract RejectingDARequester {
    /// @notice Opens a DA request against `header` with the ETH sent.
    function request(IDARequestManager manager, Types.BatchHeader calldata header) external payable {
        manager.requestData{value: msg.value}(header);
    }

    /// @notice Claims this contract's credit from `manager`.
    function claim(IDARequestManager manager) external {
        manager.claim();
    }
}
