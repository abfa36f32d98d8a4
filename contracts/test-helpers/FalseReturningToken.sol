// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only: an ERC20 whose `transfer` returns false without moving anything once switched on, as some
///         non-reverting tokens do; `transferFrom` works, so it can be deposited. `approve` can be switched to
///         return false (setting nothing, emitting nothing) too.
contract FalseReturningToken is ERC20 {
    bool public failTransfers;
    bool public failApprovals;

    constructor() ERC20("False", "FALSE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFailTransfers(bool fail) external {
        failTransfers = fail;
    }

    function setFailApprovals(bool fail) external {
        failApprovals = fail;
    }

    function approve(address spender, uint256 amount) public override returns (bool) {
        if (failApprovals) return false;
        return super.approve(spender, amount);
    }

    function transfer(address to, uint256 amount) public override returns (bool) {
        if (failTransfers) return false;
        return super.transfer(to, amount);
    }
}
