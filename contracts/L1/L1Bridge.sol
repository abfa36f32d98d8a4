// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IBatchChain} from "../interfaces/IBatchChain.sol";
import {IL1Bridge} from "../interfaces/IL1Bridge.sol";
import {BatchLib} from "../libraries/BatchLib.sol";
import {Constants} from "../libraries/Constants.sol";
import {MerkleLib} from "../libraries/MerkleLib.sol";
import {Types} from "../libraries/Types.sol";

/// @title L1Bridge
/// @notice See {IL1Bridge}.
/// @dev Every deposit must be creditable on L2, or its relay would revert and, once overdue, stop every batch: so an
///      amount fits uint128 (an L2 token's supply cannot overflow in any number of deposits) and the ETH the bridge
///      holds never exceeds `ethCap`, the L2 bridge's reserve plus the genesis float it backs (so the reserve always
///      covers what was deposited). ETH the L2 genesis gives to accounts outside the bridge's reserve is backed here at
///      deployment (`genesisBacking`), so every L2 ETH that can be withdrawn has L1 ETH behind it.
///      Storage per deposit is one new slot, the chain hash after it. Queue times are kept as uint32 seconds (good
///      until 2106): the current group of six shares the queue's state slot, which every deposit writes anyway, and a
///      full group moves to its own slot once per six deposits. That keeps a deposit near the floor of one new slot.
contract L1Bridge is IL1Bridge, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev Queue times per group (six uint32 beside the uint64 length in the state slot).
    uint256 private constant _GROUP = 6;

    /// @dev Header fields a block proof carries after its siblings: every field but batchIndex, which the call names,
    ///      and stateBatchRoot, which the proof itself computes.
    uint256 private constant _HEADER_WORDS = 8;

    /// @inheritdoc IL1Bridge
    uint256 public immutable ethCap;
    /// @inheritdoc IL1Bridge
    uint256 public immutable genesisBacking;

    IBatchChain private immutable _batchChain;

    /// @dev Deposits queued (low 64 bits) and the queue times of the current group (six uint32 above them).
    uint256 private _state;
    /// @dev Chain hash after deposit `index` (that is, after `index + 1` deposits).
    mapping(uint256 index => bytes32) private _chain;
    /// @dev Queue times of completed groups, six uint32 per slot, same layout as `_state` above bit 64.
    mapping(uint256 group => uint256) private _groupTimes;
    /// @dev Withdrawals paid out, by withdrawal hash.
    mapping(bytes32 withdrawalHash => bool) private _finalized;

    /// @notice Deploys the bridge with its ETH cap fixed at `l2Reserve` plus the ETH sent, which backs the L2 genesis
    ///         float.
    /// @param l2Reserve The L2 bridge's ETH reserve, which credits ETH deposits on L2, in wei.
    /// @param batchChain_ The BatchChain whose final batches withdrawals are proven against (deployed after this
    ///        contract, at an address the deployer computes in advance).
    /// @dev `msg.value` backs the L2 genesis float: all native ETH the L2 genesis gives outside the bridge's reserve.
    ///      The cap is the reserve plus it, so deposits can still reach the whole reserve.
    constructor(uint256 l2Reserve, IBatchChain batchChain_) payable {
        ethCap = l2Reserve + msg.value;
        genesisBacking = msg.value;
        _batchChain = batchChain_;
        if (msg.value != 0) emit GenesisFloatBacked(msg.value);
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
        _depositERC20(l1Token, to, amount);
    }

    /// @inheritdoc IL1Bridge
    function depositERC20WithPermit(
        address l1Token,
        address to,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant {
        // A permit someone else already submitted (front-running) leaves the allowance in place; the transfer below
        // reports a missing allowance, so a failed permit is not an error by itself.
        // solhint-disable-next-line no-empty-blocks
        try IERC20Permit(l1Token).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        _depositERC20(l1Token, to, amount);
    }

    /// @inheritdoc IL1Bridge
    function finalizeWithdrawal(
        Types.Withdrawal calldata withdrawal,
        uint256 batchIndex,
        Types.BlockLeaf calldata blockLeaf,
        uint256 blockLeafIndex,
        bytes32[] calldata blockProof,
        bytes32[] calldata withdrawalProof
    ) external nonReentrant {
        _checkBlockProof(_finalHeader(batchIndex), batchIndex, blockLeaf, blockLeafIndex, blockProof);

        bytes32 hash = _withdrawalHash(withdrawal);
        if (_finalized[hash]) revert L1BridgeWithdrawalAlreadyFinalized(withdrawal.index, hash);
        _checkWithdrawalProof(hash, withdrawal.index, blockLeaf.withdrawalRoot, withdrawalProof);

        _finalized[hash] = true;
        emit WithdrawalFinalized(hash, withdrawal.index, withdrawal.l1To, withdrawal.l1Token, withdrawal.amount);
        _pay(withdrawal.l1To, withdrawal.l1Token, withdrawal.amount);
    }

    /// @inheritdoc IL1Bridge
    function withdrawalStatus(bytes32 withdrawalHash) external view returns (Types.WithdrawalStatus) {
        return _finalized[withdrawalHash] ? Types.WithdrawalStatus.Finalized : Types.WithdrawalStatus.Unfinalized;
    }

    /// @inheritdoc IL1Bridge
    function batchChain() external view returns (address) {
        return address(_batchChain);
    }

    /// @dev The header hash of batch `batchIndex`, which must be Finalized, while payouts are not paused.
    function _finalHeader(uint256 batchIndex) private view returns (bytes32 headerHash) {
        Types.BatchStatus status;
        uint256 pausedUntil;
        (headerHash, status, pausedUntil) = _batchChain.payoutStatus(batchIndex);
        if (pausedUntil != 0) revert L1BridgePaused(pausedUntil);
        if (status != Types.BatchStatus.Finalized) revert L1BridgeBatchNotFinal(batchIndex, status);
    }

    function _depositERC20(address l1Token, address to, uint256 amount) private {
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

    /// @dev Checks that `leaf` is block leaf `leafIndex` of batch `batchIndex`, whose header hash is `headerHash`:
    ///      the leaf's siblings (the first entries of `proof`) lead to a stateBatchRoot, which with `batchIndex` and
    ///      the header's other eight fields (the last eight entries, in header order) hashes to `headerHash`. The
    ///      tree's height comes from the header's block range, never from the proof, and the leaf must be the block at
    ///      its position.
    function _checkBlockProof(
        bytes32 headerHash,
        uint256 batchIndex,
        Types.BlockLeaf calldata leaf,
        uint256 leafIndex,
        bytes32[] calldata proof
    ) private pure {
        if (proof.length < _HEADER_WORDS) revert L1BridgeInvalidProofLength(_HEADER_WORDS, proof.length);
        uint256 siblings = proof.length - _HEADER_WORDS;
        bytes32[] calldata header = proof[siblings:];
        uint256 height = _blockTreeHeight(header, headerHash, leaf.number, leafIndex);
        if (siblings != height) revert L1BridgeInvalidProofLength(height + _HEADER_WORDS, proof.length);
        bytes32 stateBatchRoot = MerkleLib.processProof(proof[:siblings], _blockLeafHash(leaf), leafIndex, height);
        bytes32 computed = _headerHash(batchIndex, header, stateBatchRoot);
        if (computed != headerHash) revert L1BridgeInvalidBlockProof(headerHash, computed);
    }

    /// @dev Height of the batch's block tree from the header words' block range, after checking the range is sane and
    ///      the leaf is the block at `leafIndex`.
    function _blockTreeHeight(
        bytes32[] calldata header,
        bytes32 headerHash,
        uint256 blockNumber,
        uint256 leafIndex
    ) private pure returns (uint256) {
        uint256 firstBlock = uint256(header[1]);
        uint256 lastBlock = uint256(header[2]);
        if (lastBlock < firstBlock || lastBlock - firstBlock >= Constants.MAX_BATCH_BLOCKS) {
            revert L1BridgeInvalidBlockProof(headerHash, bytes32(0));
        }
        uint256 blockCount = lastBlock - firstBlock + 1;
        if (leafIndex >= blockCount || blockNumber != firstBlock + leafIndex) {
            revert L1BridgeBlockNotInBatch(blockNumber, firstBlock, lastBlock);
        }
        return MerkleLib.height(blockCount);
    }

    /// @dev keccak256(abi.encode(leaf)): the five static words of the leaf as they are in calldata.
    function _blockLeafHash(Types.BlockLeaf calldata leaf) private pure returns (bytes32 hash) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, leaf, 0xa0)
            hash := keccak256(ptr, 0xa0)
        }
    }

    /// @dev Checks that the compact proof `proof` (a word of empty levels, then the carried siblings) places the leaf
    ///      `hash` at `index` of the depth-32 tree with root `root`.
    function _checkWithdrawalProof(bytes32 hash, uint256 index, bytes32 root, bytes32[] calldata proof) private pure {
        if (proof.length == 0) revert L1BridgeInvalidProofLength(1, 0);
        bytes32 computed = MerkleLib.processCompactProof(
            proof[1:],
            uint256(proof[0]),
            hash,
            index,
            Constants.WITHDRAWAL_TREE_DEPTH
        );
        if (computed != root) revert L1BridgeWithdrawalNotInRoot(root, computed);
    }

    /// @dev Sends `amount` of `l1Token` (ETH for the zero address) to `to`.
    function _pay(address to, address l1Token, uint256 amount) private {
        if (l1Token == address(0)) {
            (bool sent, ) = to.call{value: amount}("");
            if (!sent) revert L1BridgeTransferFailed(to, amount);
        } else {
            IERC20(l1Token).safeTransfer(to, amount);
        }
    }

    /// @dev keccak256(abi.encode(withdrawal)) (BatchLib.withdrawalHash) over its five static words in calldata. Words
    ///      with dirty high bits hash to a leaf no L2 tree holds, so the proof check rejects them.
    function _withdrawalHash(Types.Withdrawal calldata withdrawal) private pure returns (bytes32 hash) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, withdrawal, 0xa0)
            hash := keccak256(ptr, 0xa0)
        }
    }

    /// @dev The header's struct hash from `batchIndex`, the eight carried words and the stateBatchRoot the proof
    ///      computed.
    function _headerHash(
        uint256 batchIndex,
        bytes32[] calldata header,
        bytes32 stateBatchRoot
    ) private pure returns (bytes32 hash) {
        bytes32 typeHash = BatchLib.BATCH_HEADER_TYPEHASH;
        assembly ("memory-safe") {
            // typeHash, batchIndex, header words 0-4, stateBatchRoot, header words 5-7.
            let ptr := mload(0x40)
            mstore(ptr, typeHash)
            mstore(add(ptr, 0x20), batchIndex)
            calldatacopy(add(ptr, 0x40), header.offset, 0xa0)
            mstore(add(ptr, 0xe0), stateBatchRoot)
            calldatacopy(add(ptr, 0x100), add(header.offset, 0xa0), 0x60)
            hash := keccak256(ptr, 0x160)
        }
    }

    /// @dev Queue time of deposit `index`, from the state slot when it is in the current group.
    function _timeOf(uint256 index, uint256 state) private view returns (uint256) {
        uint256 group = index / _GROUP;
        uint256 currentGroup = (uint64(state) - 1) / _GROUP;
        uint256 times = group == currentGroup ? state >> 64 : _groupTimes[group];
        return uint32(times >> (32 * (index % _GROUP)));
    }
}
