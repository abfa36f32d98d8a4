// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title L2Token
/// @notice The L2 representation of an L1 ERC20, minted by the L2 bridge for deposits and burned for withdrawals.
contract L2Token is ERC20 {
    /// @notice The L2 bridge, the only minter and burner.
    address public immutable bridge;
    /// @notice The L1 token this token represents.
    address public immutable l1Token;
    uint8 private immutable _decimals;

    /// @notice Only the L2 bridge mints and burns.
    error L2TokenOnlyBridge(address caller);

    constructor(address l1Token_, string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        bridge = msg.sender;
        l1Token = l1Token_;
        _decimals = decimals_;
    }

    modifier onlyBridge() {
        if (msg.sender != bridge) revert L2TokenOnlyBridge(msg.sender);
        _;
    }

    /// @notice Mints `amount` to `to`. Only the bridge.
    /// @param to The deposit's L2 recipient.
    /// @param amount Amount in the token's smallest unit, as deposited on L1.
    function mint(address to, uint256 amount) external onlyBridge {
        _mint(to, amount);
    }

    /// @notice Burns `amount` from `from`. Only the bridge.
    /// @param from The withdrawing account (no allowance needed: the bridge burns on its call).
    /// @param amount Amount in the token's smallest unit, paid out on L1 in the L1 token.
    function burn(address from, uint256 amount) external onlyBridge {
        _burn(from, amount);
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }
}
