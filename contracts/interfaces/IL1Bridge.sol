// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

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
    event GenesisFloatBacked(uint256 amount);
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

    /// @notice Withdrawal `withdrawalHash` was paid: `amount` of `l1Token` (zero: ETH) to `l1To`.
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
    function depositETH(address to) external payable;

    /// @notice As {depositERC20}, with an EIP-2612 permit for `amount` instead of a prior approval.
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
    /// @dev Checks, then marks the withdrawal paid, then pays ETH or the token (SafeERC20); reentry is refused.
    ///      Emits {WithdrawalFinalized}.
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
    function withdrawalStatus(bytes32 withdrawalHash) external view returns (Types.WithdrawalStatus);

    /// @notice The BatchChain withdrawals are proven against.
    function batchChain() external view returns (address);

    /// @notice Deposits `amount` of `l1Token` (approved to the bridge) for `to` on L2.
    /// @dev `amount` is at most 2^128 - 1. Rejects tokens that deliver less or more than `amount` (fee-on-transfer,
    ///      rebasing). Emits {DepositQueued}.
    function depositERC20(address l1Token, address to, uint256 amount) external;

    /// @notice The most ETH the bridge may hold: the L2 bridge's reserve, which credits ETH deposits on L2, plus
    ///         {genesisBacking}.
    function ethCap() external view returns (uint256);

    /// @notice ETH sent at deployment to back the L2 genesis float (native L2 ETH outside the L2 bridge's reserve),
    ///         so that it can be withdrawn without touching depositors' escrow.
    function genesisBacking() external view returns (uint256);

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
