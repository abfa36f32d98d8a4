// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {Types} from "../libraries/Types.sol";

/// @title IDisputeManager
/// @notice Structural fraud proofs against batches that are not final: each challenge is one call that proves a fault
///         against the header hashes BatchChain stores, with no trusted party and no waiting. A proven fault rolls the
///         batch and every later one back, slashes every signer whose signature the prover presents by
///         `fraudSlashBps`, and credits the prover `rewardBps` of each slash in the SequencerRegistry (pulled with
///         its `claim`). Equivocation (two headers for one batch index and parent, signed by one active signer)
///         slashes that sequencer only.
/// @dev Signatures. BatchChain does not store who signed a batch (that would cost every batch a storage slot). A
///      challenge carries the `signatures` bytes the batch was submitted with (in its submitBatch calldata, packed as
///      ISequencerRegistry documents) and every signature in them is checked against the batch's EIP-712 digest, so
///      only keys that really signed the convicted header are slashed. Signers a prover left out stay slashable: the
///      conviction is recorded and {slashCosigners} slashes any further signature over the convicted header, so a
///      forger reporting itself with one signature cannot shield the rest of its quorum. Their stake cannot leave in
///      the meantime: a sequencer withdraws only after its exit delay, which is longer than the fraud window plus the
///      DA window.
///
///      Block evidence. A block leaf is proven in its batch's `stateBatchRoot` at `leafIndex` with exactly
///      ceil(log2(blocks)) siblings, where blocks = lastBlock - firstBlock + 1; leaf `i` must be block
///      `firstBlock + i`. The L2 block header is given as its RLP encoding, whose keccak256 must be the leaf's
///      `blockHash`. Transaction leaves are proven in `txBatchRoot` at `position < txCount` with exactly
///      ceil(log2(txCount)) siblings. Trie proofs are the node lists `eth_getProof` returns (account and storage) or
///      a transactions-trie proof for key RLP(indexInBlock); a key's absence is proven by the path that ends without
///      it ({TrieLib}).
///
///      Which batch a proof may touch. The convicted batch must be in the chain and not final: BatchChain holds its
///      header's hash at its index, with status Pending, Disputed or Insecure. A batch already rolled back (its index
///      RolledBack, or refilled by another header while the given one was rolled back or convicted) is refused with
///      {DisputeManagerBatchRolledBack}, so no batch is convicted twice. The earlier batch of a parent-link proof may
///      be final, batch 0 (the genesis anchor) included.
///
///      Slashing reasons. Each slash names its fault to the registry (emitted in SequencerSlashed and
///      SequencerJailed) as a short string in a bytes32: "block-number", "block-timestamp", "state-root",
///      "parent-link", "withdrawal-root", "deposit-count", "deposit-chain-hash", "transaction-hash",
///      "transaction-invented", "transaction-omitted", "transaction-order", "equivocation", "execution" (an upheld
///      execution dispute); and "cosigner" for a signer slashed later by {slashCosigners}.
///
///      Execution disputes. L1 cannot re-execute a block, so a wrong state root that no structural proof shows is
///      disputed instead: {challengeExecution} posts a bond, the VerifierRegistry's staked verifiers decide by a
///      commit-reveal vote (governance when the vote misses its turnout) and {resolveDispute} applies the outcome.
///      Upheld, the batch is convicted as by a proven fault (its signers slashed, it and every later batch rolled
///      back), the bond is refunded and the slash's reward is shared by the majority voters and the challenger;
///      rejected, the bond is shared by the majority voters and the treasury (when governance decides, the
///      challenger or the treasury takes all); lapsed or void, the bond is refunded. The execution-dispute and
///      equivocation code runs in the linked library DisputeLogic, by DELEGATECALL: its events are emitted by this
///      contract and its errors are this interface's.
interface IDisputeManager {
    /// @notice What a challenge proved wrong.
    enum Fault {
        None,
        /// @dev A block leaf's number is not its block's (or not the block at its position in the batch).
        BlockNumber,
        /// @dev A block leaf's timestamp is not its block header's.
        BlockTimestamp,
        /// @dev A block leaf's state root is not its block header's.
        StateRoot,
        /// @dev A block's header names another parent than the previous block leaf's hash.
        ParentLink,
        /// @dev A block leaf's withdrawal root is not the L2 bridge's (slot 2) at that block.
        WithdrawalRoot,
        /// @dev The header's deposit count is not the L2 bridge's (slot 0) at the batch's last block.
        DepositCount,
        /// @dev The header's deposit chain hash is not the L2 bridge's (slot 1) at the batch's last block.
        DepositChainHash,
        /// @dev A transaction leaf names another transaction hash than its block has at that index.
        TransactionHash,
        /// @dev A transaction leaf names an index its block does not have, or a block outside the batch.
        TransactionInvented,
        /// @dev A transaction of a block in the batch that no leaf holds (also: a txCount too small).
        TransactionOmitted,
        /// @dev Two consecutive transaction leaves out of (block, index) order.
        TransactionOrder,
        /// @dev One signer signed two different headers for one batch index and parent.
        Equivocation,
        /// @dev The transaction tree has a real leaf outside the committed txCount: at a position at or past it, or at
        ///      another height than ceil(log2(txCount)) (a count that does not match the tree it names).
        TransactionCount,
        /// @dev The block tree has a real block leaf outside the batch's block range: at a position at or past the
        ///      block count, or at another height than ceil(log2(blocks)); no withdrawal could be proven in it.
        BlockCount,
        /// @dev A block's committed state root is not what executing it gives: decided by the verifiers' vote (or by
        ///      governance) on an execution dispute, not proven by itself.
        Execution
    }

    /// @notice Where an execution dispute stands, in one read ({disputeStatus}).
    /// @dev None: no such dispute. Committing, Revealing: its vote is in that phase. Resolvable: the vote is over
    ///      (decided, or escalated and lapsed) and {resolveDispute} applies it. Escalated: the vote missed its
    ///      turnout and governance may {decideDispute} until the escalation period ends. Upheld, Rejected, Lapsed,
    ///      Void: resolved so (see {Types-Outcome}).
    enum DisputeStatus {
        None,
        Committing,
        Revealing,
        Resolvable,
        Escalated,
        Upheld,
        Rejected,
        Lapsed,
        Void
    }

    /// @notice An execution dispute's record (one storage slot).
    /// @param challenger Who opened it and posted the bond.
    /// @param bondGwei The bond, in gwei (the bond is always a whole number of gwei).
    /// @param openedAt When it opened: the vote's weights and terms are those of the second before.
    /// @param outcome How it ended (None while open).
    struct ExecutionDispute {
        address challenger;
        uint40 bondGwei;
        uint40 openedAt;
        Types.Outcome outcome;
    }

    /// @notice A block leaf and its evidence.
    /// @param leaf The block leaf as committed.
    /// @param leafIndex Its position in the batch's block tree (block `firstBlock + leafIndex`).
    /// @param siblings Its Merkle proof in `stateBatchRoot`, from the leaf upwards.
    /// @param rlpHeader The L2 block header, RLP-encoded; empty where a challenge does not read it.
    struct BlockEvidence {
        Types.BlockLeaf leaf;
        uint256 leafIndex;
        bytes32[] siblings;
        bytes rlpHeader;
    }

    /// @notice A transaction leaf and its Merkle proof.
    /// @dev In {challengeTxInclusion} only, a zero `txHash` names the zero leaf that pads the tree rather than a
    ///      transaction leaf (no transaction hashes to zero): one found at a position below `txCount` proves the count
    ///      larger than the transactions the batch holds.
    /// @param l2BlockNumber The leaf's block number.
    /// @param indexInBlock The leaf's index in that block.
    /// @param txHash The leaf's transaction hash.
    /// @param position Its position in the batch's transaction tree (below `txCount`).
    /// @param siblings Its Merkle proof in `txBatchRoot`, from the leaf upwards.
    struct TxEvidence {
        uint64 l2BlockNumber;
        uint32 indexInBlock;
        bytes32 txHash;
        uint256 position;
        bytes32[] siblings;
    }

    /// @notice The leaves around an omitted transaction: the last one before it and the first one after it in
    ///         (block, index) order. Without `previous` the gap is at the start of the tree (`next` at position 0),
    ///         without `next` at its end (`previous` at position txCount - 1); without both the tree is empty.
    /// @param hasPrevious Whether `previous` is given.
    /// @param previous The leaf before the gap.
    /// @param hasNext Whether `next` is given.
    /// @param next The leaf after the gap, at `previous.position + 1`.
    // solhint-disable-next-line gas-struct-packing
    struct TxGap {
        bool hasPrevious;
        TxEvidence previous;
        bool hasNext;
        TxEvidence next;
    }

    /// @notice A fault in batch `batchIndex` was proven: it and every later batch were rolled back and `slashed`
    ///         lost `fraudSlashBps` of their stake.
    /// @param batchIndex The convicted batch.
    /// @param fault What was wrong.
    /// @param prover Who proved it; credited `rewardBps` of each slash in the registry.
    /// @param headerHash The convicted header's hash.
    /// @param slashed The sequencers slashed (their signatures were presented), in ascending order of their signer
    ///        keys; signer keys the registry no longer knows (their sequencer withdrew) are skipped.
    /// @param signers Their signer keys, strictly ascending: the list {slashCosigners} takes next.
    /// @param amount Stake slashed in total, in token wei.
    event FaultProven(
        uint256 indexed batchIndex,
        Fault indexed fault,
        address indexed prover,
        bytes32 headerHash,
        address[] slashed,
        address[] signers,
        uint256 amount
    );
    /// @notice More signers of a convicted header were slashed.
    /// @param headerHash The convicted header.
    /// @param prover Who presented their signatures; credited `rewardBps` of each slash.
    /// @param slashed The sequencers slashed now, in ascending order of their signer keys.
    /// @param signers Their signer keys, strictly ascending; merged with the lists of the header's earlier
    ///        {FaultProven} and {CosignersSlashed}, the list {slashCosigners} takes next.
    /// @param amount Stake slashed in total, in token wei.
    event CosignersSlashed(
        bytes32 indexed headerHash,
        address indexed prover,
        address[] slashed,
        address[] signers,
        uint256 amount
    );
    /// @notice `sequencer` signed two headers for batch `batchIndex` on one parent and was slashed.
    /// @param sequencer The equivocating sequencer.
    /// @param batchIndex The batch index both headers carry.
    /// @param prover Who proved it; credited `rewardBps` of the slash.
    /// @param firstHeader The first header's hash.
    /// @param secondHeader The second header's hash.
    /// @param amount Stake slashed, in token wei.
    event EquivocationProven(
        address indexed sequencer,
        uint256 indexed batchIndex,
        address indexed prover,
        bytes32 firstHeader,
        bytes32 secondHeader,
        uint256 amount
    );
    /// @notice Governance changed the share of stake a proven fault slashes.
    /// @param oldValue The previous share, in basis points.
    /// @param newValue The new share, in basis points.
    event FraudSlashBpsUpdated(uint256 oldValue, uint256 newValue);
    /// @notice `challenger` opened execution dispute `id` against block leaf `leafIndex` of batch `batchIndex`: it
    ///         computes `claimedStateRoot` for L2 block `l2Block`, whose leaf commits `committedStateRoot`, from the
    ///         predecessor leaf's `previousStateRoot`. Its vote's terms are the VerifierRegistry's at the second
    ///         before.
    /// @param id The dispute's id, `keccak256(abi.encode(headerHash, leafIndex))`: the VerifierRegistry's vote id.
    /// @param batchIndex The challenged batch; it and every later batch are Disputed until the dispute ends.
    /// @param challenger Who opened it and posted the bond; refunded and rewarded through the VerifierRegistry.
    /// @param headerHash The challenged batch's header hash.
    /// @param leafIndex The challenged block leaf's position in the batch's block tree.
    /// @param l2Block The challenged L2 block's number (the leaf's `number`).
    /// @param committedStateRoot The state root the leaf commits for the block.
    /// @param claimedStateRoot The state root the challenger computes for the block (never `committedStateRoot`).
    /// @param previousStateRoot The predecessor leaf's state root: the block's pre-state, as the batches commit it.
    /// @param bond The bond posted, in wei ({executionBond} at the opening).
    event ExecutionChallenged(
        bytes32 indexed id,
        uint256 indexed batchIndex,
        address indexed challenger,
        bytes32 headerHash,
        uint256 leafIndex,
        uint256 l2Block,
        bytes32 committedStateRoot,
        bytes32 claimedStateRoot,
        bytes32 previousStateRoot,
        uint256 bond
    );
    /// @notice Execution dispute `id` against batch `batchIndex` ended with `outcome`.
    /// @param id The dispute.
    /// @param batchIndex The challenged batch: rolled back when upheld, its dispute mark cleared otherwise (unless it
    ///        was rolled back already, which makes the dispute Void).
    /// @param outcome How it ended (see {Types-Outcome}); the VerifierRegistry's vote closed with it.
    event DisputeResolved(bytes32 indexed id, uint256 indexed batchIndex, Types.Outcome outcome);
    /// @notice Governance changed {executionBond}; it applies to challenges opened from now on (an open dispute keeps
    ///         the bond it was opened with).
    /// @param oldValue The previous bond, in wei.
    /// @param newValue The new bond, in wei (a whole number of gwei).
    event ExecutionBondUpdated(uint256 oldValue, uint256 newValue);

    /// @notice No batch was ever submitted at `batchIndex`.
    error DisputeManagerUnknownBatch(uint256 batchIndex);
    /// @notice Batch `batchIndex` is final: no proof can touch it any more.
    error DisputeManagerBatchFinal(uint256 batchIndex);
    /// @notice Batch `batchIndex` (header `headerHash`) was already rolled back.
    error DisputeManagerBatchRolledBack(uint256 batchIndex, bytes32 headerHash);
    /// @notice The header given is not the one BatchChain holds at its index.
    error DisputeManagerHeaderMismatch(uint256 batchIndex, bytes32 expected, bytes32 actual);
    /// @notice A Merkle proof has the wrong number of siblings for its tree.
    error DisputeManagerInvalidProofLength(uint256 expected, uint256 actual);
    /// @notice A leaf position is outside its tree's `count` leaves.
    error DisputeManagerLeafOutOfRange(uint256 position, uint256 count);
    /// @notice A leaf's Merkle proof does not lead to the header's root.
    error DisputeManagerLeafNotInBatch(bytes32 root, bytes32 computed);
    /// @notice The RLP header does not hash to the block leaf's `blockHash`.
    error DisputeManagerRlpHeaderMismatch(bytes32 blockHash, bytes32 rlpHash);
    /// @notice An RLP block header is malformed: not one list filling the bytes, fewer than the 15 fields of every
    ///         Ethereum header, or a field read (parent hash, state root, transactions root, number, timestamp) of the
    ///         wrong size. Malformed RLP inside a well-framed field list reverts in OpenZeppelin's RLP instead
    ///         (`RLPInvalidEncoding`, or `Panic(0x32)`).
    error DisputeManagerMalformedRlpHeader();
    /// @notice The block evidence is not the leaf of the transaction's block: that block is at leaf `expected` of the
    ///         batch, the evidence at `actual`.
    error DisputeManagerWrongBlock(uint256 expected, uint256 actual);
    /// @notice A Merkle-Patricia proof (account, storage or transactions trie) does not lead to `root`.
    error DisputeManagerInvalidTrieProof(bytes32 root);
    /// @notice The two block leaves are not consecutive (same batch, next position; or last and first of
    ///         consecutive batches).
    error DisputeManagerNotConsecutive(uint256 firstBatch, uint256 firstLeaf, uint256 secondBatch, uint256 secondLeaf);
    /// @notice `slot` is not one of the L2 bridge's proven slots (0 deposit count, 1 deposit chain, 2 withdrawal root).
    error DisputeManagerInvalidSlot(uint256 slot);
    /// @notice Deposit slots are proven at the batch's last block only.
    error DisputeManagerNotLastBlock(uint256 leafIndex, uint256 lastLeafIndex);
    /// @notice The transaction leaves are not the ones around a gap (or not consecutive).
    error DisputeManagerNotAdjacent(uint256 firstPosition, uint256 secondPosition);
    /// @notice The evidence is consistent with the batch: there is no fault to punish.
    error DisputeManagerNoFault();
    /// @notice `signatures` is not a whole number of 65-byte entries.
    error DisputeManagerMalformedSignatures(uint256 length);
    /// @notice The signature at `position` does not recover.
    error DisputeManagerInvalidSignature(uint256 position);
    /// @notice Signers must be strictly ascending (no signer twice).
    error DisputeManagerUnsortedSigners(address previous, address signer);
    /// @notice Equivocation needs two different headers; both are `headerHash`.
    error DisputeManagerSameHeader(bytes32 headerHash);
    /// @notice Equivocation needs one batch index and one parent for both headers.
    error DisputeManagerNotConflicting(
        uint256 firstIndex,
        uint256 secondIndex,
        bytes32 firstParent,
        bytes32 secondParent
    );
    /// @notice The two headers were signed by different keys.
    error DisputeManagerDifferentSigners(address first, address second);
    /// @notice `signer` is not the key of a sequencer that can have signed as a member and still holds stake:
    ///         unknown to the registry (never staked, or withdrawn) or only waiting to join its first set.
    error DisputeManagerSignerNotActive(address signer);
    /// @notice `headerHash` was rolled back: signing another header for its index and parent afterwards is the
    ///         honest way to rebuild the chain, not equivocation.
    error DisputeManagerHeaderRolledBack(bytes32 headerHash);
    /// @notice `sequencer` was already slashed for equivocating at this batch index and parent.
    error DisputeManagerAlreadySlashed(address sequencer, uint256 batchIndex);
    /// @notice `headerHash` was never convicted, so its signers cannot be slashed as its cosigners.
    error DisputeManagerNotConvicted(bytes32 headerHash);
    /// @notice The list of signers already slashed does not match the record of the conviction.
    error DisputeManagerSlashedListMismatch(bytes32 expected, bytes32 actual);
    /// @notice None of the signatures presented is from a signer not yet slashed for this header.
    error DisputeManagerNothingToSlash();
    /// @notice `value` is outside [`min`, `max`].
    error DisputeManagerParameterOutOfRange(uint256 value, uint256 min, uint256 max);
    /// @notice An execution challenge must send exactly the bond (`value` sent, `bond` required).
    error DisputeManagerWrongBond(uint256 value, uint256 bond);
    /// @notice The claimed state root is the one the leaf commits: nothing to dispute.
    error DisputeManagerClaimMatchesLeaf(bytes32 stateRoot);
    /// @notice Block leaf and header of dispute `id` were already challenged (open or decided).
    error DisputeManagerAlreadyChallenged(bytes32 id, Types.Outcome outcome);
    /// @notice No execution dispute `id`.
    error DisputeManagerUnknownDispute(bytes32 id);
    /// @notice Execution dispute `id` already ended with `outcome`.
    error DisputeManagerDisputeClosed(bytes32 id, Types.Outcome outcome);
    /// @notice The header and leaf index given name dispute `given`, not `id`.
    error DisputeManagerWrongDispute(bytes32 id, bytes32 given);
    /// @notice Dispute `id`'s vote runs until `endsAt`.
    error DisputeManagerVoteNotOver(bytes32 id, uint256 endsAt);
    /// @notice Dispute `id` is escalated: governance may decide it until `endsAt`.
    error DisputeManagerAwaitingGovernance(bytes32 id, uint256 endsAt);
    /// @notice Dispute `id` is not escalated to governance (its vote is not over, reached its turnout, or lapsed).
    error DisputeManagerNotEscalated(bytes32 id);
    /// @notice A bond must be a whole number of gwei.
    error DisputeManagerBondNotWholeGwei(uint256 value);

    /// @notice Proves that a block leaf disagrees with its own block header: number (or position), timestamp or
    ///         state root. Emits {FaultProven}.
    /// @param header The batch's header (its hash must be the one BatchChain holds at `header.batchIndex`).
    /// @param blockEvidence The leaf, its proof in `stateBatchRoot` and the RLP header that hashes to its `blockHash`.
    /// @param signatures The signatures the batch was submitted with (packed as ISequencerRegistry documents).
    function challengeHeader(
        Types.BatchHeader calldata header,
        BlockEvidence calldata blockEvidence,
        bytes calldata signatures
    ) external;

    /// @notice Proves that a block's header names another parent than the block leaf before it; the later batch is
    ///         convicted. Emits {FaultProven}.
    /// @param parentHeader The header of the batch holding the earlier leaf (`header` itself, or batch
    ///        `header.batchIndex - 1`, which may be final; batch 0 is the genesis anchor).
    /// @param parentBlock The earlier leaf and its proof (its `rlpHeader` is not read).
    /// @param header The convicted batch's header.
    /// @param blockEvidence The later leaf, its proof and its RLP header.
    /// @param signatures The convicted batch's submitted signatures.
    function challengeParentLink(
        Types.BatchHeader calldata parentHeader,
        BlockEvidence calldata parentBlock,
        Types.BatchHeader calldata header,
        BlockEvidence calldata blockEvidence,
        bytes calldata signatures
    ) external;

    /// @notice Proves that a committed bridge value differs from the L2 bridge's storage at that block: slot 2 (the
    ///         withdrawal root) against the leaf's `withdrawalRoot`, or slots 0 and 1 (deposit count and chain) at the
    ///         batch's last block against the header's. Emits {FaultProven}.
    /// @param header The batch's header.
    /// @param blockEvidence The leaf and its proof (its `rlpHeader` is not read: the proofs run against the leaf's
    ///        `stateRoot`, which the quorum signed).
    /// @param slot 0, 1 or 2.
    /// @param accountProof The L2 bridge's account proof against the leaf's state root (`eth_getProof`).
    /// @param storageProof The slot's storage proof against the account's storage root.
    /// @param signatures The batch's submitted signatures.
    function challengeBridgeStorage(
        Types.BatchHeader calldata header,
        BlockEvidence calldata blockEvidence,
        uint256 slot,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof,
        bytes calldata signatures
    ) external;

    /// @notice Proves that a transaction leaf disagrees with its block's transactions trie: another transaction at
    ///         that index, an index the block does not have, or a block outside the batch (then `blockEvidence` and
    ///         `trieProof` are not read). Emits {FaultProven}.
    /// @param header The batch's header.
    /// @param txEvidence The transaction leaf and its proof in `txBatchRoot`.
    /// @param blockEvidence The leaf of the transaction's block, its proof and its RLP header (transactionsRoot).
    /// @param trieProof The transactions-trie proof for key RLP(indexInBlock): the transaction, or its absence.
    /// @param signatures The batch's submitted signatures.
    function challengeTxInclusion(
        Types.BatchHeader calldata header,
        TxEvidence calldata txEvidence,
        BlockEvidence calldata blockEvidence,
        bytes[] calldata trieProof,
        bytes calldata signatures
    ) external;

    /// @notice Proves that a transaction of a block in the batch is held by no leaf: it lies strictly between two
    ///         consecutive leaves (or before the first, after the last, or in an empty tree). A txCount smaller than
    ///         the blocks' transactions shows this way at the end of the tree. Emits {FaultProven}.
    /// @param header The batch's header.
    /// @param gap The leaves around the missing transaction.
    /// @param blockEvidence The missing transaction's block leaf, its proof and its RLP header.
    /// @param indexInBlock The missing transaction's index in that block.
    /// @param trieProof Its transactions-trie inclusion proof.
    /// @param signatures The batch's submitted signatures.
    function challengeTxOmitted(
        Types.BatchHeader calldata header,
        TxGap calldata gap,
        BlockEvidence calldata blockEvidence,
        uint32 indexInBlock,
        bytes[] calldata trieProof,
        bytes calldata signatures
    ) external;

    /// @notice Proves that two consecutive transaction leaves are not in strictly ascending (block, index) order
    ///         (a repeated transaction included). Emits {FaultProven}.
    /// @param header The batch's header.
    /// @param first The leaf at some position.
    /// @param second The leaf at the next position.
    /// @param signatures The batch's submitted signatures.
    function challengeTxOrder(
        Types.BatchHeader calldata header,
        TxEvidence calldata first,
        TxEvidence calldata second,
        bytes calldata signatures
    ) external;

    /// @notice Proves that one signer signed two different headers with the same batch index and parent hash
    ///         (neither of them rolled back) and slashes its sequencer `fraudSlashBps`, once per index and parent.
    ///         The sequencer must have been in an active set (Active, Exiting, Left, Slashed or Withdrawable): its
    ///         stake stays slashable until it is withdrawn, so an exit does not hide an equivocation.
    ///         Nothing is rolled back. Emits {EquivocationProven}.
    /// @param first One header.
    /// @param firstSignature A 65-byte `r ++ s ++ v` signature over the first header's EIP-712 digest.
    /// @param second The other header.
    /// @param secondSignature The same signer's signature over the second header's digest.
    function challengeEquivocation(
        Types.BatchHeader calldata first,
        bytes calldata firstSignature,
        Types.BatchHeader calldata second,
        bytes calldata secondSignature
    ) external;

    /// @notice Proves that the transaction tree is not over `txCount` leaves: a transaction leaf (a real preimage)
    ///         opens `txBatchRoot` at a position at or past `txCount`, or with another number of siblings than
    ///         ceil(log2(txCount)). An honest root opens at no other height: an inner node has a 64-byte preimage and
    ///         a leaf a 96-byte one. A txCount that understates the transactions shows this way even when no leaf can
    ///         be proven at the committed height. Emits {FaultProven}.
    /// @param header The batch's header.
    /// @param txEvidence The leaf, its position and siblings (any number up to 32) in `txBatchRoot`.
    /// @param signatures The batch's submitted signatures.
    function challengeTxCount(
        Types.BatchHeader calldata header,
        TxEvidence calldata txEvidence,
        bytes calldata signatures
    ) external;

    /// @notice Proves that the block tree is not over the batch's `lastBlock - firstBlock + 1` blocks: a block leaf (a
    ///         real preimage) opens `stateBatchRoot` at a position at or past the block count, or with another number
    ///         of siblings than ceil(log2(blocks)). Such a root holds no block a withdrawal could be proven in.
    ///         Emits {FaultProven}.
    /// @param header The batch's header.
    /// @param blockEvidence The leaf, its position and siblings (any number up to 32); `rlpHeader` is not read.
    /// @param signatures The batch's submitted signatures.
    function challengeBlockCount(
        Types.BatchHeader calldata header,
        BlockEvidence calldata blockEvidence,
        bytes calldata signatures
    ) external;

    /// @notice Slashes further signers of a convicted header, ones the conviction's prover did not present. Emits
    ///         {CosignersSlashed}. Works while the conviction stands (also once the batch index has been refilled), and
    ///         slashes each signer key once per header.
    /// @param header The convicted header.
    /// @param slashed The signer keys already slashed for it, strictly ascending: the list whose hash {convictionOf}
    ///        holds (the signers of every earlier {FaultProven} and {CosignersSlashed} for the header, merged).
    /// @param signatures Signatures over the header's digest, packed as ISequencerRegistry documents (the head's member
    ///        index is not read); signers already slashed for it, and keys the registry does not know, are skipped.
    ///        Reverts with {DisputeManagerNothingToSlash} when that leaves none.
    function slashCosigners(
        Types.BatchHeader calldata header,
        address[] calldata slashed,
        bytes calldata signatures
    ) external;

    /// @notice Opens an execution dispute: the state root committed in a block leaf of a batch that is not final is
    ///         not what executing that block on its predecessor's state gives. Sends exactly `executionBond`.
    /// @dev The leaf is proven in `header` (the live header at its index, not final). Its predecessor is the previous
    ///      leaf of the same batch (`previousHeader` equal to `header`), or the last leaf of the previous batch (the
    ///      header `header.parentHash` names, final or not; batch 0's genesis leaf for batch 1). One dispute per
    ///      header and leaf, ever: the id is `keccak256(abi.encode(headerHash, leafIndex))`. The batch and every later
    ///      one are Disputed until it is resolved. Emits {ExecutionChallenged}.
    /// @param header The challenged batch's header.
    /// @param blockEvidence The challenged block leaf and its proof in `header` (`rlpHeader` unused).
    /// @param previousHeader The header of the predecessor leaf's batch.
    /// @param previousBlock The predecessor leaf and its proof in `previousHeader` (`rlpHeader` unused).
    /// @param claimedStateRoot The state root the challenger computes for the block (not the committed one).
    /// @return id The dispute's id.
    function challengeExecution(
        Types.BatchHeader calldata header,
        BlockEvidence calldata blockEvidence,
        Types.BatchHeader calldata previousHeader,
        BlockEvidence calldata previousBlock,
        bytes32 claimedStateRoot
    ) external payable returns (bytes32 id);

    /// @notice Applies the end of dispute `id`: the vote's decision once it is over with turnout, a lapse once an
    ///         escalation ended undecided, or a void dispute once its batch was rolled back by other means (at any
    ///         time). Anyone may call it.
    /// @dev Upheld: the signers of `signatures` (the batch's submitted quorum, checked against its digest) are slashed
    ///      `fraudSlashBps` with the reward credited to the VerifierRegistry for the voters and the challenger, the
    ///      conviction is recorded (signers left out stay slashable by {slashCosigners}, whose reward then goes to the
    ///      challenger), and the batch and its successors are rolled back. Otherwise the dispute is closed and the
    ///      batch goes on. The VerifierRegistry receives the bond to pay out. Emits {DisputeResolved}, and
    ///      {FaultProven} when upheld.
    /// @param id The dispute.
    /// @param header The challenged batch's header.
    /// @param leafIndex The challenged leaf's index.
    /// @param signatures The batch's quorum signatures (read when the dispute is upheld; may be empty otherwise).
    function resolveDispute(
        bytes32 id,
        Types.BatchHeader calldata header,
        uint256 leafIndex,
        bytes calldata signatures
    ) external;

    /// @notice Governance decides escalated dispute `id` (a vote without turnout, within its escalation period).
    ///         Only GOVERNOR_ROLE. Upheld as in {resolveDispute}, the token reward to the challenger; rejected: the
    ///         bond goes to the treasury and the batch goes on.
    /// @dev Requires the dispute to be Escalated ({disputeStatus}) and its batch still live. Emits
    ///      {DisputeResolved}, and {FaultProven} when upheld.
    /// @param id The dispute.
    /// @param uphold True: the committed state root is wrong, the batch is convicted and rolled back; false: the
    ///        challenge is rejected.
    /// @param header The challenged batch's header.
    /// @param leafIndex The challenged leaf's index.
    /// @param signatures The batch's quorum signatures (read when `uphold`; may be empty otherwise).
    function decideDispute(
        bytes32 id,
        bool uphold,
        Types.BatchHeader calldata header,
        uint256 leafIndex,
        bytes calldata signatures
    ) external;

    /// @notice Sets the execution challenge bond (wei, a whole number of gwei, 0.01 to 1,000 ETH). Only
    ///         GOVERNOR_ROLE. Emits {ExecutionBondUpdated}.
    /// @param newValue The bond in wei; it applies to challenges opened from now on.
    function setExecutionBond(uint256 newValue) external;

    /// @notice Governance: sets the share of stake a proven fault (or an equivocation) slashes. Bounds: 500 to
    ///         10,000. Only GOVERNOR_ROLE. Emits {FraudSlashBpsUpdated}.
    /// @param newValue The share in basis points.
    function setFraudSlashBps(uint256 newValue) external;

    /// @notice Where execution dispute `id` stands, and when its current phase ends (0: no end, or resolved).
    /// @param id The dispute.
    /// @return status Its status: from its record once resolved, from the VerifierRegistry's
    ///         {IVerifierRegistry-votePhase} while it is open.
    /// @return phaseEndsAt Unix time (seconds) at which the Committing, Revealing or Escalated phase ends; 0 for the
    ///         others.
    function disputeStatus(bytes32 id) external view returns (DisputeStatus status, uint256 phaseEndsAt);

    /// @notice Execution dispute `id`'s record (all zero: none).
    /// @param id The dispute.
    /// @return The record; see {ExecutionDispute} for each field's meaning and units.
    function executionDispute(bytes32 id) external view returns (ExecutionDispute memory);

    /// @notice The id of the execution dispute against leaf `leafIndex` of the header with hash `headerHash`.
    /// @param headerHash The challenged batch's header hash ({BatchLib-hash}).
    /// @param leafIndex The challenged block leaf's position in the batch's block tree.
    /// @return `keccak256(abi.encode(headerHash, leafIndex))`, whether or not such a dispute was opened.
    function executionDisputeId(bytes32 headerHash, uint256 leafIndex) external pure returns (bytes32);

    /// @notice The bond an execution challenge must send (1 ETH at deployment).
    /// @return The bond in wei, a whole number of gwei.
    function executionBond() external view returns (uint256);

    /// @notice The VerifierRegistry whose verifiers vote on execution disputes, fixed at deployment.
    /// @return Its address.
    function verifierRegistry() external view returns (address);

    /// @notice The record of a conviction: keccak256(abi.encodePacked(signer keys slashed for it, strictly
    ///         ascending)), or zero when `headerHash` was never convicted (a conviction that slashed nobody records the
    ///         hash of the empty list, which is not zero).
    /// @param headerHash A header hash.
    /// @return The hash of the list {slashCosigners} expects.
    function convictionOf(bytes32 headerHash) external view returns (bytes32);

    /// @notice The share of stake a proven fault slashes (5,000 at deployment).
    /// @return Basis points.
    function fraudSlashBps() external view returns (uint256);

    /// @notice The BatchChain whose batches are challenged.
    /// @return Its address.
    function batchChain() external view returns (address);

    /// @notice The SequencerRegistry that slashes.
    /// @return Its address.
    function registry() external view returns (address);

    /// @notice The L2 bridge whose storage slots the bridge-storage challenge proves, fixed at deployment.
    /// @return Its address on L2.
    function l2Bridge() external view returns (address);
}
