// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IFeeVault} from "../interfaces/IFeeVault.sol";
import {IL2Bridge} from "../interfaces/IL2Bridge.sol";
import {Constants} from "../libraries/Constants.sol";

/// @title FeeVault
/// @notice See {IFeeVault}.
/// @dev No owner and no parameter: the recipient and the bridge are immutables, so nobody can redirect the fees. A
///      new pool on L1 would need a new vault (and coinbase), which is a network upgrade anyway. On a production L2 the
///      vault is in the genesis state (code and immutables at the coinbase from block 0); the local devnet deploys it
///      later from a known key's first transaction, and its bootstrap checks the deployed code (`bootstrapFeeVault`).
contract FeeVault is IFeeVault {
    IL2Bridge private immutable _bridge;
    address private immutable _l1Recipient;

    /// @notice Deploys the vault at the L2's coinbase address (the genesis names it; see `L2_FEE_VAULT_ADDRESS`).
    /// @param bridge_ The L2 bridge.
    /// @param l1Recipient_ The RewardPool's L1 address.
    constructor(IL2Bridge bridge_, address l1Recipient_) {
        if (address(bridge_) == address(0) || l1Recipient_ == address(0)) revert FeeVaultZeroAddress();
        _bridge = bridge_;
        _l1Recipient = l1Recipient_;
    }

    /// @notice Accepts ETH from anyone (fees paid to the coinbase arrive without a call).
    receive() external payable {}

    /// @inheritdoc IFeeVault
    function withdraw() external {
        uint256 amount = address(this).balance;
        if (amount < Constants.FEE_VAULT_MIN_WITHDRAWAL) {
            revert FeeVaultBelowMinimum(amount, Constants.FEE_VAULT_MIN_WITHDRAWAL);
        }
        uint256 index = _bridge.withdrawalCount();
        emit FeesWithdrawn(index, _l1Recipient, amount);
        _bridge.withdraw{value: amount}(_l1Recipient);
    }

    /// @inheritdoc IFeeVault
    function l1Recipient() external view returns (address) {
        return _l1Recipient;
    }

    /// @inheritdoc IFeeVault
    function bridge() external view returns (address) {
        return address(_bridge);
    }
}
