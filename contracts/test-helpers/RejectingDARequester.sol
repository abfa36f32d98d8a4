// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IDARequestManager} from "../interfaces/IDARequestManager.sol";
import {Types} from "../libraries/Types.sol";

/// @notice Test-only: a contract as a DA party. It cannot receive ETH (no receive function), so its claim's transfer
///         fails, and an answer it forwards is not its transaction's top-level call.
contract RejectingDARequester {
    /// @notice Opens a DA request against batch `batchIndex` with the ETH sent.
    function request(IDARequestManager manager, uint256 batchIndex) external payable {
        manager.requestData{value: msg.value}(batchIndex);
    }

    /// @notice Forwards an answer chunk to `manager`, from this contract.
    function answer(
        IDARequestManager manager,
        Types.BatchHeader calldata header,
        uint256 chunkIndex,
        IDARequestManager.TxEntry[] calldata txs,
        Types.BlockLeaf[] calldata leaves
    ) external {
        manager.answer(header, chunkIndex, txs, leaves);
    }

    /// @notice Claims this contract's credit from `manager`.
    function claim(IDARequestManager manager) external {
        manager.claim();
    }
}
