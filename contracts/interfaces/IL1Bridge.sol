// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Types} from "../libraries/Types.sol";

/// @title IL1Bridge
/// @notice Escrows ETH and ERC20 deposited on L1 for L2 and keeps the deposit queue: each deposit's hash chained
///         into the deposit chain of PROTOCOL section 2 (`chain[0] = 0`, `chain[i+1] = keccak256(chain[i] ++
///         depositHash_i)`) and the time it was queued, which BatchChain reads to enforce the deposit rules. Pays out
///         L2 withdrawals proven against a final batch, each once.
/// @dev Proof formats of {finalizeWithdrawal}:
///      - `blockProof`: the block leaf's siblings in the batch's `stateBatchRoot` (lowest first; exactly
///        ceil(log2(lastBlock - firstBlock + 1)) of them), then eight fields of the batch header as 32-byte words in
///        header order: parentHash, firstBlock, lastBlock, txCount, txBatchRoot, depositCount, depositChainHash,
///        dataHash (the call names batchIndex; the siblings give stateBatchRoot). The proof runs from the leaf to the
///        header hash BatchChain stores.
///      - `withdrawalProof`: a bitmap word (bit L set: the sibling at level L is the all-zero subtree Z[L], not
///        carried), then the other siblings in the depth-32 withdrawal tree, lowest first.
interface IL1Bridge {
    /// @notice The bridge was deployed holding `amount` wei to back the L2 genesis float.
    /// @param amount Wei sent with the deployment ({genesisBacking}); the event is not emitted when it is zero.
    event GenesisFloatBacked(uint256 amount);
    /// @notice Deposit `index` was queued: the L2 bridge credits `amount` of `l1Token` (zero address: ETH) to `to`.
    /// @param index Position in the deposit queue, from 0; the L2 bridge relays deposits in this order.
    /// @param from The L1 account that deposited.
    /// @param to The L2 recipient.
    /// @param l1Token The L1 token deposited; the zero address for ETH.
    /// @param amount Amount in the token's smallest unit (wei for ETH).
    /// @param l1Timestamp L1 block time (Unix seconds) at which it was queued; its force-inclusion delay runs from
    ///        here.
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

    /// @notice Withdrawal `withdrawalHash` was paid: `amount` of `l1Token` (zero: ETH) to `l1To`.
    /// @param withdrawalHash The withdrawal's hash ({BatchLib-withdrawalHash}), its leaf in the L2 withdrawal tree.
    /// @param index The withdrawal's index in the L2 withdrawal tree.
    /// @param l1To The L1 recipient, named on L2.
    /// @param l1Token The L1 token paid; the zero address for ETH.
    /// @param amount Amount paid, in the token's smallest unit (wei for ETH).
    event WithdrawalFinalized(
        bytes32 indexed withdrawalHash,
        uint256 index,
        address indexed l1To,
        address l1Token,
        uint256 amount
    );

    /// @notice Deposits must move something.
    error L1BridgeZeroAmount();
    /// @notice Withdrawals are paid only against a Finalized batch; `batchIndex` is `status`.
    error L1BridgeBatchNotFinal(uint256 batchIndex, Types.BatchStatus status);
    /// @notice Payouts are paused (a guardian pause or a maintenance window in the BatchChain) until `until` (Unix
    ///         seconds).
    error L1BridgePaused(uint256 until);
    /// @notice A proof of the wrong length: `expected` entries for this batch or tree, `actual` given.
    error L1BridgeInvalidProofLength(uint256 expected, uint256 actual);
    /// @notice The block proof leads to `computed` (zero when its header fields are inconsistent), not the stored
    ///         header hash `expected`.
    error L1BridgeInvalidBlockProof(bytes32 expected, bytes32 computed);
    /// @notice The block leaf is not the block at its index in the batch (`firstBlock`..`lastBlock`).
    error L1BridgeBlockNotInBatch(uint256 blockNumber, uint256 firstBlock, uint256 lastBlock);
    /// @notice The withdrawal proof leads to `computed`, not the block leaf's withdrawal root `expected`.
    error L1BridgeWithdrawalNotInRoot(bytes32 expected, bytes32 computed);
    /// @notice Withdrawal `index` (`withdrawalHash`) was paid already.
    error L1BridgeWithdrawalAlreadyFinalized(uint256 index, bytes32 withdrawalHash);
    /// @notice Sending `amount` wei to `to` failed; the withdrawal stays unpaid and can be finalized again.
    error L1BridgeTransferFailed(address to, uint256 amount);
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
    /// @param to The L2 recipient (not zero).
    function depositETH(address to) external payable;

    /// @notice As {depositERC20}, with an EIP-2612 permit for `amount` instead of a prior approval.
    /// @dev A permit that fails (for example because someone submitted it first) is ignored; the transfer then needs
    ///      the allowance to be in place, and reverts without it.
    /// @param l1Token The L1 token to deposit; it must implement EIP-2612.
    /// @param to The L2 recipient (not zero).
    /// @param amount Amount in the token's smallest unit; also the permit's value.
    /// @param deadline The permit's deadline (Unix seconds).
    /// @param v The permit signature's recovery byte.
    /// @param r The permit signature's `r`.
    /// @param s The permit signature's `s`.
    function depositERC20WithPermit(
        address l1Token,
        address to,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Pays out an L2 withdrawal in one call: `blockLeaf` is proven to be block leaf `blockLeafIndex` of batch
    ///         `batchIndex`, which must be Finalized, and `withdrawal` to be leaf `withdrawal.index` of that block's
    ///         withdrawal root. Each withdrawal is paid once; the proof formats are in the contract documentation.
    /// @dev Refused while the BatchChain is paused ({L1BridgePaused}). Checks, then marks the withdrawal paid, then
    ///      pays ETH or the token (SafeERC20); reentry is refused. Emits {WithdrawalFinalized}.
    /// @param withdrawal The withdrawal as the L2 bridge appended it (see {IL2Bridge-WithdrawalInitiated}).
    /// @param batchIndex The Finalized batch whose block range holds the block that `blockLeaf` commits.
    /// @param blockLeaf An L2 block's leaf at or after the withdrawal; its `withdrawalRoot` must hold the withdrawal.
    /// @param blockLeafIndex Position of `blockLeaf` in the batch: its block number minus the batch's `firstBlock`.
    /// @param blockProof Siblings of `blockLeaf` in `stateBatchRoot`, then eight header words (format above).
    /// @param withdrawalProof Bitmap of empty levels, then the carried siblings in the withdrawal tree (format above).
    function finalizeWithdrawal(
        Types.Withdrawal calldata withdrawal,
        uint256 batchIndex,
        Types.BlockLeaf calldata blockLeaf,
        uint256 blockLeafIndex,
        bytes32[] calldata blockProof,
        bytes32[] calldata withdrawalProof
    ) external;

    /// @notice Whether the withdrawal whose hash (PROTOCOL section 2, as in WithdrawalInitiated) is `withdrawalHash`
    ///         has been paid on L1.
    /// @param withdrawalHash The withdrawal's hash ({BatchLib-withdrawalHash}).
    /// @return Finalized once it was paid; Unfinalized before, and for a hash that is no withdrawal.
    function withdrawalStatus(bytes32 withdrawalHash) external view returns (Types.WithdrawalStatus);

    /// @notice The BatchChain withdrawals are proven against, fixed at deployment.
    /// @return The BatchChain's address.
    function batchChain() external view returns (address);

    /// @notice Deposits `amount` of `l1Token` (approved to the bridge) for `to` on L2.
    /// @dev `amount` is at most 2^128 - 1. Rejects tokens that deliver less or more than `amount` (fee-on-transfer,
    ///      rebasing). Emits {DepositQueued}.
    /// @param l1Token The L1 token contract (not the zero address: ETH goes through {depositETH}).
    /// @param to The L2 recipient (not zero).
    /// @param amount Amount in the token's smallest unit, 1 to 2^128 - 1.
    function depositERC20(address l1Token, address to, uint256 amount) external;

    /// @notice The most ETH the bridge may hold: the L2 bridge's reserve, which credits ETH deposits on L2, plus
    ///         {genesisBacking}.
    /// @return The cap in wei, fixed at deployment; {depositETH} reverts when the balance would pass it.
    function ethCap() external view returns (uint256);

    /// @notice ETH sent at deployment to back the L2 genesis float (native L2 ETH outside the L2 bridge's reserve),
    ///         so that it can be withdrawn without touching depositors' escrow.
    /// @return The backing in wei (zero when the L2 genesis gives no ETH outside the reserve).
    function genesisBacking() external view returns (uint256);

    /// @notice Deposits queued so far.
    /// @return The queue's length: the next deposit's index.
    function depositCount() external view returns (uint256);

    /// @notice The deposit chain after the first `count` deposits (`count <= depositCount()`).
    /// @param count Number of deposits, 0 to {depositCount}; reverts with {L1BridgeUnknownDeposit} beyond.
    /// @return The chain hash after them; zero for `count` 0.
    function depositChainAt(uint256 count) external view returns (bytes32);

    /// @notice When deposit `index` was queued.
    /// @param index A queued deposit (below {depositCount}); reverts with {L1BridgeUnknownDeposit} otherwise.
    /// @return The L1 block time (Unix seconds) of its deposit.
    function depositTime(uint256 index) external view returns (uint256);

    /// @notice What BatchChain needs for a batch that includes `count` deposits: the queue length, the chain at
    ///         `count` (zero when `count` is past the queue) and when deposit `count` was queued (zero when there is
    ///         none, that is every queued deposit is included).
    /// @param count The deposit count a batch header names.
    /// @return queued {depositCount}.
    /// @return chainAtCount The deposit chain after `count` deposits; zero for `count` 0 or past the queue.
    /// @return firstExcludedTime Unix time (seconds) at which deposit `count`, the first one left out, was queued;
    ///         zero when `count` includes every queued deposit.
    function depositCheck(
        uint256 count
    ) external view returns (uint256 queued, bytes32 chainAtCount, uint256 firstExcludedTime);
}
