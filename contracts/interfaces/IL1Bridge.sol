// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IL1Bridge
/// @notice Escrows ETH and ERC20 deposited on L1 for L2 and keeps the deposit queue: each deposit's hash chained
///         into the deposit chain of PROTOCOL section 2 (`chain[0] = 0`, `chain[i+1] = keccak256(chain[i] ++
///         depositHash_i)`) and the time it was queued, which BatchChain reads to enforce the deposit rules.
interface IL1Bridge {
    /// @notice Deposit `index` was queued: the L2 bridge credits `amount` of `l1Token` (zero address: ETH) to `to`.
    /// @param depositHash keccak256(abi.encode(index, from, to, l1Token, amount, l1Timestamp)).
    /// @param chainHash The deposit chain after this deposit.
    event DepositQueued(
        uint256 indexed index,
        address indexed from,
        address indexed to,
        address l1Token,
        uint256 amount,
        uint256 l1Timestamp,
        bytes32 depositHash,
        bytes32 chainHash
    );

    /// @notice Deposits must move something.
    error L1BridgeZeroAmount();
    /// @notice An ERC20 deposit is limited to `max` (uint128), so its L2 token's supply cannot overflow.
    error L1BridgeAmountTooLarge(uint256 amount, uint256 max);
    /// @notice The bridge would hold `balance` wei, more than `cap`, the L2 bridge's reserve that credits it.
    error L1BridgeETHCapExceeded(uint256 balance, uint256 cap);
    /// @notice Deposits need a recipient.
    error L1BridgeZeroRecipient();
    /// @notice `l1Token` is not a token contract (ETH goes through depositETH).
    error L1BridgeInvalidToken(address l1Token);
    /// @notice The bridge received `received` of `expected` tokens (a fee-on-transfer or rebasing token).
    error L1BridgeAmountMismatch(uint256 expected, uint256 received);
    /// @notice No deposit has index `index` (the queue holds `queued`).
    error L1BridgeUnknownDeposit(uint256 index, uint256 queued);
    /// @notice The queue holds 2^64 - 1 deposits; it cannot grow.
    error L1BridgeQueueFull();

    /// @notice Deposits `msg.value` wei for `to` on L2. The bridge's balance must stay within {ethCap}. Emits
    ///         {DepositQueued}.
    function depositETH(address to) external payable;

    /// @notice Deposits `amount` of `l1Token` (approved to the bridge) for `to` on L2.
    /// @dev `amount` is at most 2^128 - 1. Rejects tokens that deliver less or more than `amount` (fee-on-transfer,
    ///      rebasing). Emits {DepositQueued}.
    function depositERC20(address l1Token, address to, uint256 amount) external;

    /// @notice The most ETH the bridge may hold: the L2 bridge's reserve, which credits ETH deposits on L2.
    function ethCap() external view returns (uint256);

    /// @notice Deposits queued so far.
    function depositCount() external view returns (uint256);

    /// @notice The deposit chain after the first `count` deposits (`count <= depositCount()`).
    function depositChainAt(uint256 count) external view returns (bytes32);

    /// @notice When deposit `index` was queued.
    function depositTime(uint256 index) external view returns (uint256);

    /// @notice What BatchChain needs for a batch that includes `count` deposits: the queue length, the chain at
    ///         `count` (zero when `count` is past the queue) and when deposit `count` was queued (zero when there is
    ///         none, that is every queued deposit is included).
    function depositCheck(
        uint256 count
    ) external view returns (uint256 queued, bytes32 chainAtCount, uint256 firstExcludedTime);
}
