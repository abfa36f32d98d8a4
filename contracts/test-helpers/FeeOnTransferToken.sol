// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only: an ERC20 that burns `feeBps` of every transfer, so the recipient receives less than was sent.
contract FeeOnTransferToken is ERC20 {
    /// @notice Basis points of each transfer that are burned on the way.
    uint256 public immutable feeBps;

    constructor(uint256 feeBps_) ERC20("Fee On Transfer", "FOT") {
        feeBps = feeBps_;
    }

    /// @notice Mints `amount` to `to`; unrestricted, for tests. Mints carry no fee.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The fee burned from a transfer of `amount`.
    function feeOf(uint256 amount) public view returns (uint256) {
        return (amount * feeBps) / 10_000;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
            return;
        }
        uint256 fee = feeOf(value);
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
