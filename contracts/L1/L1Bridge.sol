// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IL1Bridge} from "../interfaces/IL1Bridge.sol";
import {BatchLib} from "../libraries/BatchLib.sol";
import {Types} from "../libraries/Types.sol";

/// @title L1Bridge
/// @notice See {IL1Bridge}. This issue's part is the deposit side; withdrawals join it later.
/// @dev Every deposit must be creditable on L2, or its relay would revert and, once overdue, stop every batch: so an
///      amount fits uint128 (an L2 token's supply cannot overflow in any number of deposits) and the ETH the bridge
///      holds never exceeds `ethCap`, the L2 bridge's reserve (so the reserve always covers what was deposited).
///      Storage per deposit is one new slot, the chain hash after it. Queue times are kept as uint32 seconds (good
///      until 2106): the current group of six shares the queue's state slot, which every deposit writes anyway, and a
///      full group moves to its own slot once per six deposits. That keeps a deposit near the floor of one new slot.
contract L1Bridge is IL1Bridge, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev Queue times per group (six uint32 beside the uint64 length in the state slot).
    uint256 private constant _GROUP = 6;

    /// @inheritdoc IL1Bridge
    uint256 public immutable ethCap;

    /// @dev Deposits queued (low 64 bits) and the queue times of the current group (six uint32 above them).
    uint256 private _state;
    /// @dev Chain hash after deposit `index` (that is, after `index + 1` deposits).
    mapping(uint256 index => bytes32) private _chain;
    /// @dev Queue times of completed groups, six uint32 per slot, same layout as `_state` above bit 64.
    mapping(uint256 group => uint256) private _groupTimes;

    /// @param ethCap_ The L2 bridge's ETH reserve: the most ETH this bridge may hold.
    constructor(uint256 ethCap_) {
        ethCap = ethCap_;
    }

    /// @inheritdoc IL1Bridge
    function depositETH(address to) external payable nonReentrant {
        if (msg.value == 0) revert L1BridgeZeroAmount();
        // The balance includes this deposit and any ETH forced in; both only make the cap stricter.
        if (address(this).balance > ethCap) revert L1BridgeETHCapExceeded(address(this).balance, ethCap);
        _enqueue(to, address(0), msg.value);
    }

    /// @inheritdoc IL1Bridge
    function depositERC20(address l1Token, address to, uint256 amount) external nonReentrant {
        if (amount == 0) revert L1BridgeZeroAmount();
        if (amount > type(uint128).max) revert L1BridgeAmountTooLarge(amount, type(uint128).max);
        if (l1Token.code.length == 0) revert L1BridgeInvalidToken(l1Token);
        IERC20 token = IERC20(l1Token);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert L1BridgeAmountMismatch(amount, received);
        _enqueue(to, l1Token, amount);
    }

    /// @inheritdoc IL1Bridge
    function depositCount() external view returns (uint256) {
        return uint64(_state);
    }

    /// @inheritdoc IL1Bridge
    function depositChainAt(uint256 count) external view returns (bytes32) {
        uint256 queued = uint64(_state);
        if (count > queued) revert L1BridgeUnknownDeposit(count, queued);
        return count == 0 ? bytes32(0) : _chain[count - 1];
    }

    /// @inheritdoc IL1Bridge
    function depositTime(uint256 index) external view returns (uint256) {
        uint256 state = _state;
        uint256 queued = uint64(state);
        if (index >= queued) revert L1BridgeUnknownDeposit(index, queued);
        return _timeOf(index, state);
    }

    /// @inheritdoc IL1Bridge
    function depositCheck(
        uint256 count
    ) external view returns (uint256 queued, bytes32 chainAtCount, uint256 firstExcludedTime) {
        uint256 state = _state;
        queued = uint64(state);
        if (count == 0 || count > queued) chainAtCount = bytes32(0);
        else chainAtCount = _chain[count - 1];
        if (count < queued) firstExcludedTime = _timeOf(count, state);
    }

    function _enqueue(address to, address l1Token, uint256 amount) private {
        if (to == address(0)) revert L1BridgeZeroRecipient();
        uint256 state = _state;
        uint256 index = uint64(state);
        if (index == type(uint64).max) revert L1BridgeQueueFull();

        bytes32 hash = BatchLib.depositHash(
            Types.Deposit({
                index: uint64(index),
                from: msg.sender,
                to: to,
                l1Token: l1Token,
                amount: amount,
                l1Timestamp: uint64(block.timestamp)
            })
        );
        bytes32 chainHash = BatchLib.chainDeposit(index == 0 ? bytes32(0) : _chain[index - 1], hash);
        _chain[index] = chainHash;

        uint256 slot = index % _GROUP;
        uint256 times = state >> 64;
        if (slot == 0 && index != 0) {
            // The previous group is complete: move its times out of the state slot.
            _groupTimes[index / _GROUP - 1] = times;
            times = 0;
        }
        times |= uint256(uint32(block.timestamp)) << (32 * slot);
        _state = (times << 64) | (index + 1);

        emit DepositQueued(index, msg.sender, to, l1Token, amount, block.timestamp, hash, chainHash);
    }

    /// @dev Queue time of deposit `index`, from the state slot when it is in the current group.
    function _timeOf(uint256 index, uint256 state) private view returns (uint256) {
        uint256 group = index / _GROUP;
        uint256 currentGroup = (uint64(state) - 1) / _GROUP;
        uint256 times = group == currentGroup ? state >> 64 : _groupTimes[group];
        return uint32(times >> (32 * (index % _GROUP)));
    }
}
