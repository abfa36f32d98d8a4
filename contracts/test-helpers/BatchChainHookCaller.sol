// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IBatchChain} from "../interfaces/IBatchChain.sol";

/// @notice Test-only: stands in for the dispute manager and the DA request manager (later issues), holding their
///         BatchChain roles and forwarding the hook calls, so the hooks are exercised from a contract as they will be.
contract BatchChainHookCaller {
    IBatchChain public immutable batchChain;

    constructor(IBatchChain batchChain_) {
        batchChain = batchChain_;
    }

    function markDisputed(uint256 batchIndex) external {
        batchChain.markDisputed(batchIndex);
    }

    function clearDisputed(uint256 batchIndex) external {
        batchChain.clearDisputed(batchIndex);
    }

    function markInsecure(uint256 batchIndex) external {
        batchChain.markInsecure(batchIndex);
    }

    function clearInsecure(uint256 batchIndex, uint256 reviewUntil) external {
        batchChain.clearInsecure(batchIndex, reviewUntil);
    }

    function rollback(uint256 fromIndex) external {
        batchChain.rollback(fromIndex);
    }

    /// @notice Opens and answers a DA request for each batch from `fromIndex` to `toIndex`, batch `i` reviewed until
    ///         `untilBase + i`: many reviews in one transaction.
    function secureEach(uint256 fromIndex, uint256 toIndex, uint256 untilBase) external {
        for (uint256 i = fromIndex; i <= toIndex; ++i) {
            batchChain.markInsecure(i);
            batchChain.clearInsecure(i, untilBase + i);
        }
    }
}
