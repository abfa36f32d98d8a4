// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @title IFeeVault
/// @notice The L2 blocks' coinbase: it collects the L2's transaction fees, and anyone sends them through the L2 bridge
///         to the L1 reward pool, which pays them to the signers of finalized batches (PROTOCOL section 3, "Rewards").
/// @dev What reaches the coinbase is the priority fee (tip) only: the L2 (EDR, EIP-1559) burns the base fee. The
///      vault's address is fixed by the L2 genesis (the coinbase is a network setting, named before any contract
///      exists), so fees collect there even before the vault is deployed at it; CREATE keeps an address's balance.
///      The vault learns the pool's L1 address at deployment, which happens after the L1 contracts are deployed. A
///      production L2 puts the vault in its genesis instead: the local devnet's coinbase is the future address of a
///      known key's first contract, so whoever sends that key's first transaction would own the fees; the devnet's
///      bootstrap (`bootstrapFeeVault`) refuses a vault whose code or addresses are not the expected ones.
interface IFeeVault {
    /// @notice The vault withdrew `amount` wei through the L2 bridge to `l1Recipient` (the reward pool): anyone then
    ///         finalizes the withdrawal on L1 once its batch is final, and the L1 bridge pays the pool.
    /// @param withdrawalIndex The withdrawal's index in the L2 bridge's withdrawal tree.
    /// @param l1Recipient The pool on L1.
    /// @param amount Wei withdrawn: the vault's whole balance.
    event FeesWithdrawn(uint256 indexed withdrawalIndex, address indexed l1Recipient, uint256 amount);

    /// @notice A constructor address was zero.
    error FeeVaultZeroAddress();
    /// @notice The vault holds less than {Constants-FEE_VAULT_MIN_WITHDRAWAL}: a withdrawal would cost more to finalize
    ///         on L1 than it carries, so the fees wait for more.
    /// @param balance The vault's balance, in wei.
    /// @param minimum The least it withdraws, in wei.
    error FeeVaultBelowMinimum(uint256 balance, uint256 minimum);

    /// @notice Withdraws the vault's whole balance through the L2 bridge's `withdraw` to {l1Recipient}. Anyone.
    /// @dev Reverts with {FeeVaultBelowMinimum} below {Constants-FEE_VAULT_MIN_WITHDRAWAL} (0.01 ETH). Emits
    ///      {FeesWithdrawn} (and the bridge's `WithdrawalInitiated`).
    function withdraw() external;

    /// @notice The L1 address the fees go to: the RewardPool.
    /// @return The address.
    function l1Recipient() external view returns (address);

    /// @notice The L2 bridge the fees are withdrawn through.
    /// @return The address.
    function bridge() external view returns (address);
}
