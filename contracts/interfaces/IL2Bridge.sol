// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Types} from "../libraries/Types.sol";

/// @title IL2Bridge
/// @notice The L2 end of the bridge. Relayers (each sequencer's own key, named by the L2 admin, so every relay is
///         attributable to one sequencer) relay L1 deposits in queue order; the bridge recomputes the
///         deposit chain from the relayed fields and credits exactly them: ETH from a reserve funded when the bridge
///         is created, ERC20 as a token the bridge mints (one per L1 token, created on first use at a CREATE2 address).
///         Withdrawals lock ETH (back into the reserve) or burn the L2 token, and append
///         `keccak256(abi.encode(index, l2Sender, l1To, l1Token, amount))` to the depth-32 withdrawal tree whose root
///         the L1 bridge proves them against.
/// @dev Storage layout is part of the protocol, read by sequencers and by disputes through storage proofs:
///      slot 0 `depositCount`, slot 1 `depositChainHash`, slot 2 `withdrawalRoot` (the empty tree's root,
///      {MerkleLib-zeroHash} of 32, until the first withdrawal).
interface IL2Bridge {
    /// @notice Deposit `index` was relayed by `relayer`: `amount` credited to `to` as `l2Token` (zero address: ETH).
    /// @param index The deposit's index in the L1 queue; deposits are relayed in that order, from 0.
    /// @param from The L1 account that deposited.
    /// @param to The L2 recipient.
    /// @param l1Token The L1 token deposited; the zero address for ETH.
    /// @param l2Token The bridge's L2 token for `l1Token` (created by this relay if it did not exist); zero for ETH.
    /// @param amount Amount credited, in the token's smallest unit (wei for ETH), as deposited on L1.
    /// @param chainHash The deposit chain after this deposit ({depositChainHash}, slot 1).
    /// @param relayer The relayer that sent it: a sequencer's own key.
    event DepositRelayed(
        uint256 indexed index,
        address indexed from,
        address indexed to,
        address l1Token,
        address l2Token,
        uint256 amount,
        bytes32 chainHash,
        address relayer
    );
    /// @notice The admin allowed (`allowed` true) or barred `relayer` from relaying (also emitted at deployment for
    ///         each first relayer).
    /// @param relayer The account allowed or barred.
    /// @param allowed Whether it may relay deposits and create tokens from now on.
    event RelayerUpdated(address indexed relayer, bool allowed);
    /// @notice ETH for `to` could not be pushed (the recipient rejected it or ran out of gas); it waits in
    ///         {claimableETH}.
    /// @param to The deposit's recipient, who can take it with {claimETH}.
    /// @param amount Wei credited to `to`'s claim.
    event ETHCreditDeferred(address indexed to, uint256 amount);
    /// @notice `account` claimed `amount` of deferred ETH.
    /// @param account The claimant, paid in the same call.
    /// @param amount Wei paid: its whole claim.
    event ETHClaimed(address indexed account, uint256 amount);
    /// @notice Withdrawal `index` was appended to the withdrawal tree (leaf `index`): `amount` of `l1Token` (zero: ETH)
    ///         for `l1To` on L1. `root` is the tree's root afterwards, as slot 2 now holds it.
    /// @param index The withdrawal's index, from 0: its leaf position in the tree.
    /// @param l2Sender The L2 account that withdrew.
    /// @param l1To The L1 recipient.
    /// @param l1Token The L1 token to be paid; the zero address for ETH.
    /// @param amount Amount in the token's smallest unit (wei for ETH).
    /// @param withdrawalHash The leaf: keccak256(abi.encode(index, l2Sender, l1To, l1Token, amount)).
    /// @param root The withdrawal tree's root after the append.
    event WithdrawalInitiated(
        uint256 indexed index,
        address indexed l2Sender,
        address indexed l1To,
        address l1Token,
        uint256 amount,
        bytes32 withdrawalHash,
        bytes32 root
    );
    /// @notice The L2 token for `l1Token` was created at `l2Token` by `relayer` (on its first deposit, or before it
    ///         with the L1 metadata).
    /// @param l1Token The L1 token it represents.
    /// @param l2Token The new token's address: CREATE2 from this bridge with salt `l1Token`.
    /// @param name The name as stored ("Bridged " and the L1 address when created by a deposit).
    /// @param symbol The symbol as stored ("BRIDGED" when created by a deposit).
    /// @param decimals The decimals as stored (18 when created by a deposit).
    /// @param relayer The relayer whose call created it.
    event L2TokenCreated(
        address indexed l1Token,
        address indexed l2Token,
        string name,
        string symbol,
        uint8 decimals,
        address relayer
    );

    /// @notice Only an allowed relayer relays deposits and creates tokens.
    error L2BridgeOnlyRelayer(address caller);
    /// @notice Only the admin names relayers.
    error L2BridgeOnlyAdmin(address caller);
    /// @notice Deposits are relayed in order: `expected` is next, `actual` was given.
    error L2BridgeUnexpectedDeposit(uint256 expected, uint256 actual);
    /// @notice The zero address stands for ETH, which has no L2 token.
    error L2BridgeZeroToken();
    /// @notice A withdrawal must move something.
    error L2BridgeZeroAmount();
    /// @notice A withdrawal needs an L1 recipient.
    error L2BridgeZeroRecipient();
    /// @notice `l2Token` was not created by this bridge, so it has no L1 counterpart.
    error L2BridgeUnknownToken(address l2Token);
    /// @notice The reserve holds `available` wei (beyond ETH already owed to claimants), less than the `required`
    ///         deposit.
    error L2BridgeReserveExhausted(uint256 required, uint256 available);
    /// @notice The L2 token for `l1Token` exists already.
    error L2BridgeTokenExists(address l1Token, address l2Token);
    /// @notice Nothing to claim.
    error L2BridgeNothingToClaim(address account);
    /// @notice Sending `amount` wei to `account` failed.
    error L2BridgeTransferFailed(address account, uint256 amount);

    /// @notice Relays the next deposit. Only an allowed relayer.
    /// @dev Requires `deposit.index == depositCount()`. Creates the L2 token on first use of an L1 token. Emits
    ///      {DepositRelayed}, and {ETHCreditDeferred} when ETH cannot be pushed.
    /// @param deposit The deposit as the L1 bridge queued it ({IL1Bridge-DepositQueued}); its fields are hashed into
    ///        the deposit chain, so a changed field gives a chain that no valid batch can commit.
    function relayDeposit(Types.Deposit calldata deposit) external;

    /// @notice Relays several deposits in order, as {relayDeposit} each.
    /// @param deposits Consecutive deposits, the first with index {depositCount}.
    function relayDeposits(Types.Deposit[] calldata deposits) external;

    /// @notice Creates the L2 token for `l1Token` with the L1 token's metadata, before its first deposit. Only an
    ///         allowed relayer (it reads the metadata on L1). Without it, the first deposit creates the token with
    ///         generic metadata. `name` is cut to {MAX_NAME_BYTES} and `symbol` to {MAX_SYMBOL_BYTES} bytes, never in
    ///         the middle of a UTF-8 character, so no L1 token's metadata can make the creation run out of gas.
    ///         Emits {L2TokenCreated} with the metadata as stored.
    /// @param l1Token The L1 token (not zero, and without an L2 token yet).
    /// @param name The L1 token's name.
    /// @param symbol The L1 token's symbol.
    /// @param decimals The L1 token's decimals.
    function createL2Token(address l1Token, string calldata name, string calldata symbol, uint8 decimals) external;

    /// @notice Sends the caller the ETH that could not be pushed to it. Emits {ETHClaimed}.
    function claimETH() external;

    /// @notice Withdraws `msg.value` ETH to `l1To` on L1: the ETH is locked here and the withdrawal appended to the
    ///         tree. Emits {WithdrawalInitiated}.
    /// @param l1To The L1 recipient (not zero); `msg.value` (not zero) is the amount, in wei.
    function withdraw(address l1To) external payable;

    /// @notice Withdraws `amount` of the bridge-created `l2Token` (burned from the caller) to `l1To` on L1 as its L1
    ///         token. Emits {WithdrawalInitiated}.
    /// @param l2Token A token this bridge created.
    /// @param l1To The L1 recipient (not zero).
    /// @param amount Amount in the token's smallest unit (not zero); paid on L1 as the same amount of the L1 token.
    function withdrawERC20(address l2Token, address l1To, uint256 amount) external;

    /// @notice Withdrawals appended so far: the next withdrawal's index.
    /// @return The number of leaves in the withdrawal tree.
    function withdrawalCount() external view returns (uint256);

    /// @notice The L1 token that `l2Token` represents (zero when this bridge did not create it).
    /// @param l2Token An L2 token address.
    /// @return Its L1 token, or the zero address.
    function l1TokenOf(address l2Token) external view returns (address);

    /// @notice Deposits relayed so far (slot 0).
    /// @return The number of deposits relayed: the index of the next deposit to relay.
    function depositCount() external view returns (uint256);

    /// @notice The deposit chain after the relayed deposits (slot 1).
    /// @return The chain hash after {depositCount} deposits; zero before the first.
    function depositChainHash() external view returns (bytes32);

    /// @notice Root of the depth-32 withdrawal tree (slot 2); the empty tree's root until the first withdrawal.
    /// @return The root; before the first withdrawal, {MerkleLib-zeroHash} of 32 (never zero).
    function withdrawalRoot() external view returns (bytes32);

    /// @notice The L2 token of `l1Token` (zero until created).
    /// @param l1Token An L1 token address.
    /// @return The bridge's L2 token for it, or the zero address.
    function l2TokenOf(address l1Token) external view returns (address);

    /// @notice ETH waiting for `account`.
    /// @param account Any account.
    /// @return Wei it can take with {claimETH} (zero when nothing was deferred for it).
    function claimableETH(address account) external view returns (uint256);

    /// @notice Allows (`allowed` true) or bars `relayer`. Only the admin. Emits {RelayerUpdated}.
    /// @param relayer The account to allow or bar: a sequencer's own key.
    /// @param allowed True to allow, false to bar.
    function setRelayer(address relayer, bool allowed) external;

    /// @notice Whether `account` may relay deposits.
    /// @param account Any account.
    /// @return True when it may relay deposits and create tokens.
    function isRelayer(address account) external view returns (bool);

    /// @notice Names relayers: the L2's system account (its governance on a production chain).
    /// @return The admin's address, fixed at deployment.
    function admin() external view returns (address);

    /// @notice ETH owed to recipients whose credit could not be pushed (the sum of {claimableETH}); it is not part of
    ///         the reserve that credits deposits.
    /// @return The total in wei.
    function deferredETH() external view returns (uint256);

    /// @notice Longest token name {createL2Token} stores, in bytes.
    /// @return 64.
    function MAX_NAME_BYTES() external view returns (uint256);

    /// @notice Longest token symbol {createL2Token} stores, in bytes.
    /// @return 32.
    function MAX_SYMBOL_BYTES() external view returns (uint256);
}
