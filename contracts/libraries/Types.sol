// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @title Types
/// @notice Structs and enums shared by the protocol's contracts. Field order and types are normative (PROTOCOL
///         section 2): the hashes in {BatchLib} are over `abi.encode` of these structs, and the SDK encodes the same.
/// @dev The field order is the EIP-712 type's (normative), so it is not rearranged for storage packing; contracts
///      store only hashes of these structs.
library Types {
    /// @notice A batch of L2 blocks as committed on L1; sequencers sign its EIP-712 digest.
    /// @param batchIndex Position in the batch chain; batch 0 is the genesis anchor.
    /// @param parentHash Header hash of batch `batchIndex - 1`.
    /// @param firstBlock First L2 block in the batch.
    /// @param lastBlock Last L2 block in the batch (blocks are contiguous, `firstBlock <= lastBlock`).
    /// @param txCount Number of L2 transactions, the leaf count of `txBatchRoot`.
    /// @param txBatchRoot Merkle root of the transaction leaves (the seed's MTTBR).
    /// @param stateBatchRoot Merkle root of the block leaves (the seed's MTSR).
    /// @param depositCount L1 deposits relayed to L2 up to and including `lastBlock`.
    /// @param depositChainHash Deposit chain after `depositCount` deposits.
    /// @param dataHash keccak256 of the batch data object; its key in the DA store.
    // solhint-disable-next-line gas-struct-packing
    struct BatchHeader {
        uint64 batchIndex;
        bytes32 parentHash;
        uint64 firstBlock;
        uint64 lastBlock;
        uint32 txCount;
        bytes32 txBatchRoot;
        bytes32 stateBatchRoot;
        uint64 depositCount;
        bytes32 depositChainHash;
        bytes32 dataHash;
    }

    /// @notice The commitment to one L2 block, a leaf of `stateBatchRoot`.
    /// @param withdrawalRoot Root of the L2 bridge's withdrawal tree after the block.
    struct BlockLeaf {
        uint64 number;
        uint64 timestamp;
        bytes32 blockHash;
        bytes32 stateRoot;
        bytes32 withdrawalRoot;
    }

    /// @notice An L1 deposit; `l1Token` is the zero address for ETH.
    struct Deposit {
        uint64 index;
        address from;
        address to;
        address l1Token;
        uint256 amount;
        uint64 l1Timestamp;
    }

    /// @notice An L2 withdrawal, a leaf of the L2 bridge's depth-32 withdrawal tree.
    struct Withdrawal {
        uint64 index;
        address l2Sender;
        address l1To;
        address l1Token;
        uint256 amount;
    }

    /// @notice Lifecycle of a batch, derived in one view by BatchChain.
    /// @dev None: never submitted. Pending: inside its fraud window. Disputed: a challenge is open against it or an
    ///      ancestor. Insecure: a data-availability request is open against it or an ancestor. Finalized: final, may
    ///      back withdrawals. RolledBack: removed; its blocks are resubmitted in a later batch.
    enum BatchStatus {
        None,
        Pending,
        Disputed,
        Insecure,
        Finalized,
        RolledBack
    }

    /// @notice Lifecycle of a sequencer, derived in one view by SequencerRegistry (`sequencerStatus`).
    /// @dev None: not registered (never staked, or withdrew). Waiting: staked, holds a seat, not in the current epoch
    ///      (it joins the next one frozen after its stake). Active: a member of the current epoch (signs; proposes in
    ///      turn, even while jailed from proposing for missed turns). Exiting: asked to leave, and its exit has not
    ///      taken effect yet (it is in the current set, or was in the set frozen for the next epoch). Left: out of the
    ///      set, waiting for the exit delay and for the last batch it could sign to finalize. Slashed: as Left, after
    ///      a slash. Withdrawable: {ISequencerRegistry-withdraw} would pay out its remaining stake now.
    enum SequencerStatus {
        None,
        Waiting,
        Active,
        Exiting,
        Left,
        Slashed,
        Withdrawable
    }

    /// @notice A withdrawal as the L1 bridge knows it: paid out or not. The SDK derives the rest of the lifecycle
    ///         (initiated, committed, insecure, disputed, ready) from BatchChain's reads.
    enum WithdrawalStatus {
        Unfinalized,
        Finalized
    }

    /// @notice How an execution dispute ended (None while it is open). Shared by DisputeManager, which applies it, and
    ///         VerifierRegistry, which pays and strikes by it.
    /// @dev VoteUpheld / VoteRejected: the verifiers' vote reached its turnout and decided. GovernanceUpheld /
    ///      GovernanceRejected: the vote missed its turnout and governance decided within the escalation period.
    ///      Lapsed: governance did not decide in time; the batch stays as it was and the bond is refunded. Void: the
    ///      batch was rolled back by another proof first; the bond is refunded and the vote counts for nothing.
    enum Outcome {
        None,
        VoteUpheld,
        VoteRejected,
        GovernanceUpheld,
        GovernanceRejected,
        Lapsed,
        Void
    }
}
