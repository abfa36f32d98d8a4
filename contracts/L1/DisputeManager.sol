// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {BlockHeader} from "@openzeppelin/contracts/utils/BlockHeader.sol";
import {Memory} from "@openzeppelin/contracts/utils/Memory.sol";
import {RLP} from "@openzeppelin/contracts/utils/RLP.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IBatchChain} from "../interfaces/IBatchChain.sol";
import {IDisputeManager} from "../interfaces/IDisputeManager.sol";
import {ISequencerRegistry} from "../interfaces/ISequencerRegistry.sol";
import {IVerifierRegistry} from "../interfaces/IVerifierRegistry.sol";
import {DisputeLogic} from "./DisputeLogic.sol";
import {BatchLib} from "../libraries/BatchLib.sol";
import {BlockEvidenceLib} from "../libraries/BlockEvidenceLib.sol";
import {Constants} from "../libraries/Constants.sol";
import {MerkleLib} from "../libraries/MerkleLib.sol";
import {SignerLib} from "../libraries/SignerLib.sol";
import {TrieLib} from "../libraries/TrieLib.sol";
import {Types} from "../libraries/Types.sol";

/// @title DisputeManager
/// @notice See {IDisputeManager}.
/// @dev Holds ROLLBACK_ROLE and DISPUTER_ROLE on BatchChain and SLASHER_ROLE on the SequencerRegistry, and is the
///      VerifierRegistry's dispute manager. Stores per convicted header the hash of the signer keys slashed for it
///      (and, when an execution dispute convicted it, the challenger its cosigners' slashes reward), per (sequencer,
///      batch index, parent) whether an equivocation was punished, and one slot per execution dispute; nothing on the
///      batch path. The execution-dispute and equivocation code is in the linked library {DisputeLogic}.
contract DisputeManager is IDisputeManager, AccessControl, ReentrancyGuardTransient {
    using Memory for *;
    using RLP for *;

    /// @notice Sets `fraudSlashBps` and `executionBond`, and decides escalated execution disputes (the timelock).
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");
    /// @notice May grant and revoke every role but DEFAULT_ADMIN_ROLE (the admin of each, itself included): the
    ///         operational and governance roles. Held by the deploying admin until the handover, then by nobody, so
    ///         that the wiring is as immutable as the code: DEFAULT_ADMIN_ROLE (the timelock) administers nothing.
    bytes32 public constant WIRING_ROLE = keccak256("WIRING_ROLE");

    /// @dev RLP header fields read, by position (OpenZeppelin {BlockHeader-HeaderField}).
    uint256 private constant _PARENT_HASH = uint256(BlockHeader.HeaderField.ParentHash);
    uint256 private constant _STATE_ROOT = uint256(BlockHeader.HeaderField.StateRoot);
    uint256 private constant _TRANSACTIONS_ROOT = uint256(BlockHeader.HeaderField.TransactionsRoot);
    uint256 private constant _NUMBER = uint256(BlockHeader.HeaderField.Number);
    uint256 private constant _TIMESTAMP = uint256(BlockHeader.HeaderField.Timestamp);
    /// @dev The slashing reason of signers slashed by {slashCosigners}: they cosigned a convicted header.
    bytes32 private constant _COSIGNER_REASON = "cosigner";
    /// @dev Fields of every Ethereum block header since Frontier (up to the nonce).
    uint256 private constant _MIN_HEADER_FIELDS = 15;
    /// @dev The tallest tree a header can name: txCount is a uint32, and a batch holds at most 2^32 blocks
    ///      (Constants.MAX_BATCH_BLOCKS), so ceil(log2(count)) is at most 32.
    uint256 private constant _MAX_TREE_HEIGHT = 32;

    IBatchChain private immutable _batchChain;
    ISequencerRegistry private immutable _registry;
    IVerifierRegistry private immutable _verifiers;
    address private immutable _l2Bridge;

    uint256 private _fraudSlashBps;
    uint256 private _executionBond;
    /// @dev Convicted header => keccak256 of the signer keys slashed for it, strictly ascending (zero: not convicted).
    mapping(bytes32 headerHash => bytes32) private _convictions;
    /// @dev keccak256(sequencer, batch index, parent hash) => whether its equivocation there was punished.
    mapping(bytes32 key => bool) private _equivocations;
    /// @dev Execution disputes by id, keccak256(abi.encode(headerHash, leafIndex)).
    mapping(bytes32 id => ExecutionDispute) private _disputes;
    /// @dev Header convicted by an execution dispute => that dispute: cosigners slashed later are paid out as it was.
    mapping(bytes32 headerHash => bytes32 id) private _convictingDisputes;

    /// @notice Deploys the dispute manager for `batchChain_`'s batches, slashing through `registry_` and voting through
    ///         `verifierRegistry_`, with `fraudSlashBps` and `executionBond` at their defaults (50%, 1 ETH).
    /// @param batchChain_ The BatchChain whose batches are challenged (grant this contract its ROLLBACK_ROLE and
    ///        DISPUTER_ROLE).
    /// @param registry_ The SequencerRegistry that slashes (grant this contract its SLASHER_ROLE).
    /// @param verifierRegistry_ The VerifierRegistry whose verifiers vote on execution disputes (name this contract
    ///        its dispute manager).
    /// @param l2Bridge_ The L2 bridge's address on L2, whose storage slots the bridge-storage challenge proves.
    /// @param admin Receives DEFAULT_ADMIN_ROLE, WIRING_ROLE and GOVERNOR_ROLE.
    constructor(
        IBatchChain batchChain_,
        ISequencerRegistry registry_,
        IVerifierRegistry verifierRegistry_,
        address l2Bridge_,
        address admin
    ) {
        _batchChain = batchChain_;
        _registry = registry_;
        _verifiers = verifierRegistry_;
        _l2Bridge = l2Bridge_;
        _fraudSlashBps = Constants.DEFAULT_FRAUD_SLASH_BPS;
        _executionBond = Constants.DEFAULT_EXECUTION_BOND;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(WIRING_ROLE, admin);
        _grantRole(GOVERNOR_ROLE, admin);
        _setRoleAdmin(WIRING_ROLE, WIRING_ROLE);
        _setRoleAdmin(GOVERNOR_ROLE, WIRING_ROLE);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Block challenges
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IDisputeManager
    function challengeHeader(
        Types.BatchHeader calldata header,
        BlockEvidence calldata blockEvidence,
        bytes calldata signatures
    ) external nonReentrant {
        bytes32 hash = _checkConvictable(header);
        BlockEvidenceLib.checkBlock(header, blockEvidence);
        Types.BlockLeaf calldata leaf = blockEvidence.leaf;
        Fault fault;
        // The leaf at position i is block firstBlock + i: no preimage needed to show it is not.
        if (leaf.number != header.firstBlock + blockEvidence.leafIndex) {
            fault = Fault.BlockNumber;
        } else {
            Memory.Slice[] memory fields = _parseHeader(blockEvidence.rlpHeader, leaf.blockHash);
            if (_uintField(fields, _NUMBER) != leaf.number) fault = Fault.BlockNumber;
            else if (_uintField(fields, _TIMESTAMP) != leaf.timestamp) fault = Fault.BlockTimestamp;
            else if (_wordField(fields, _STATE_ROOT) != leaf.stateRoot) fault = Fault.StateRoot;
            else revert DisputeManagerNoFault();
        }
        _convict(header, hash, fault, signatures);
    }

    /// @inheritdoc IDisputeManager
    function challengeParentLink(
        Types.BatchHeader calldata parentHeader,
        BlockEvidence calldata parentBlock,
        Types.BatchHeader calldata header,
        BlockEvidence calldata blockEvidence,
        bytes calldata signatures
    ) external nonReentrant {
        bytes32 hash = _checkConvictable(header);
        BlockEvidenceLib.checkAdjacent(parentHeader, parentBlock, header, blockEvidence, hash);
        Memory.Slice[] memory fields = _parseHeader(blockEvidence.rlpHeader, blockEvidence.leaf.blockHash);
        if (_wordField(fields, _PARENT_HASH) == parentBlock.leaf.blockHash) revert DisputeManagerNoFault();
        _convict(header, hash, Fault.ParentLink, signatures);
    }

    /// @inheritdoc IDisputeManager
    function challengeBridgeStorage(
        Types.BatchHeader calldata header,
        BlockEvidence calldata blockEvidence,
        uint256 slot,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof,
        bytes calldata signatures
    ) external nonReentrant {
        if (slot > 2) revert DisputeManagerInvalidSlot(slot);
        bytes32 hash = _checkConvictable(header);
        BlockEvidenceLib.checkBlock(header, blockEvidence);
        Fault fault;
        uint256 committed;
        if (slot == 2) {
            fault = Fault.WithdrawalRoot;
            committed = uint256(blockEvidence.leaf.withdrawalRoot);
        } else {
            uint256 lastLeaf = BlockEvidenceLib.blockCount(header) - 1;
            if (blockEvidence.leafIndex != lastLeaf)
                revert DisputeManagerNotLastBlock(blockEvidence.leafIndex, lastLeaf);
            // Slot 0 holds the L2 bridge's uint256 deposit count, slot 1 its bytes32 chain, both as one whole word.
            (fault, committed) = slot == 0
                ? (Fault.DepositCount, uint256(header.depositCount))
                : (Fault.DepositChainHash, uint256(header.depositChainHash));
        }
        uint256 actual = _bridgeSlot(blockEvidence.leaf.stateRoot, slot, accountProof, storageProof);
        if (actual == committed) revert DisputeManagerNoFault();
        _convict(header, hash, fault, signatures);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Transaction challenges
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IDisputeManager
    function challengeTxInclusion(
        Types.BatchHeader calldata header,
        TxEvidence calldata txEvidence,
        BlockEvidence calldata blockEvidence,
        bytes[] calldata trieProof,
        bytes calldata signatures
    ) external nonReentrant {
        bytes32 hash = _checkConvictable(header);
        // No transaction hashes to zero: a zero hash names the padding leaf, which no position below txCount holds.
        bool padding = txEvidence.txHash == bytes32(0);
        _checkTx(header, txEvidence, padding);
        Fault fault;
        uint256 number = txEvidence.l2BlockNumber;
        if (padding || number < header.firstBlock || number > header.lastBlock) {
            fault = Fault.TransactionInvented;
        } else {
            (bool exists, bytes memory transaction) = _transactionAt(
                header,
                blockEvidence,
                number,
                txEvidence.indexInBlock,
                trieProof
            );
            if (!exists) fault = Fault.TransactionInvented;
            else if (keccak256(transaction) != txEvidence.txHash) fault = Fault.TransactionHash;
            else revert DisputeManagerNoFault();
        }
        _convict(header, hash, fault, signatures);
    }

    /// @inheritdoc IDisputeManager
    function challengeTxOmitted(
        Types.BatchHeader calldata header,
        TxGap calldata gap,
        BlockEvidence calldata blockEvidence,
        uint32 indexInBlock,
        bytes[] calldata trieProof,
        bytes calldata signatures
    ) external nonReentrant {
        bytes32 hash = _checkConvictable(header);
        uint256 number = header.firstBlock + blockEvidence.leafIndex;
        _checkGap(header, gap, number, indexInBlock);
        (bool exists, ) = _transactionAt(header, blockEvidence, number, indexInBlock, trieProof);
        if (!exists) revert DisputeManagerNoFault();
        _convict(header, hash, Fault.TransactionOmitted, signatures);
    }

    /// @inheritdoc IDisputeManager
    function challengeTxOrder(
        Types.BatchHeader calldata header,
        TxEvidence calldata first,
        TxEvidence calldata second,
        bytes calldata signatures
    ) external nonReentrant {
        bytes32 hash = _checkConvictable(header);
        _checkTx(header, first, false);
        _checkTx(header, second, false);
        if (second.position != first.position + 1) revert DisputeManagerNotAdjacent(first.position, second.position);
        if (_before(first.l2BlockNumber, first.indexInBlock, second.l2BlockNumber, second.indexInBlock)) {
            revert DisputeManagerNoFault();
        }
        _convict(header, hash, Fault.TransactionOrder, signatures);
    }

    /// @inheritdoc IDisputeManager
    function challengeTxCount(
        Types.BatchHeader calldata header,
        TxEvidence calldata txEvidence,
        bytes calldata signatures
    ) external nonReentrant {
        bytes32 hash = _checkConvictable(header);
        bytes32 leaf = BatchLib.txLeaf(txEvidence.l2BlockNumber, txEvidence.indexInBlock, txEvidence.txHash);
        _checkOutside(txEvidence.siblings, leaf, txEvidence.position, header.txCount, header.txBatchRoot);
        _convict(header, hash, Fault.TransactionCount, signatures);
    }

    /// @inheritdoc IDisputeManager
    function challengeBlockCount(
        Types.BatchHeader calldata header,
        BlockEvidence calldata blockEvidence,
        bytes calldata signatures
    ) external nonReentrant {
        bytes32 hash = _checkConvictable(header);
        uint256 blocks = uint256(header.lastBlock) - header.firstBlock + 1;
        bytes32 leaf = BatchLib.blockLeaf(blockEvidence.leaf);
        _checkOutside(blockEvidence.siblings, leaf, blockEvidence.leafIndex, blocks, header.stateBatchRoot);
        _convict(header, hash, Fault.BlockCount, signatures);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Execution disputes
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IDisputeManager
    function challengeExecution(
        Types.BatchHeader calldata header,
        BlockEvidence calldata blockEvidence,
        Types.BatchHeader calldata previousHeader,
        BlockEvidence calldata previousBlock,
        bytes32 claimedStateRoot
    ) external payable nonReentrant returns (bytes32) {
        uint256 bond = _executionBond;
        if (msg.value != bond) revert DisputeManagerWrongBond(msg.value, bond);
        bytes32 hash = _checkConvictable(header);
        BlockEvidenceLib.checkAdjacent(previousHeader, previousBlock, header, blockEvidence, hash);
        return
            DisputeLogic.open(
                _disputes,
                _batchChain,
                DisputeLogic.Claim({
                    headerHash: hash,
                    batchIndex: header.batchIndex,
                    leafIndex: blockEvidence.leafIndex,
                    l2Block: blockEvidence.leaf.number,
                    committedStateRoot: blockEvidence.leaf.stateRoot,
                    claimedStateRoot: claimedStateRoot,
                    previousStateRoot: previousBlock.leaf.stateRoot,
                    bond: bond
                })
            );
    }

    /// @inheritdoc IDisputeManager
    function resolveDispute(
        bytes32 id,
        Types.BatchHeader calldata header,
        uint256 leafIndex,
        bytes calldata signatures
    ) external nonReentrant {
        _end(DisputeLogic.Decision.Vote, id, header, leafIndex, signatures);
    }

    /// @inheritdoc IDisputeManager
    function decideDispute(
        bytes32 id,
        bool uphold,
        Types.BatchHeader calldata header,
        uint256 leafIndex,
        bytes calldata signatures
    ) external onlyRole(GOVERNOR_ROLE) nonReentrant {
        _end(uphold ? DisputeLogic.Decision.Uphold : DisputeLogic.Decision.Reject, id, header, leafIndex, signatures);
    }

    /// @dev Ends dispute `id` by `decision` through {DisputeLogic-resolve}.
    function _end(
        DisputeLogic.Decision decision,
        bytes32 id,
        Types.BatchHeader calldata header,
        uint256 leafIndex,
        bytes calldata signatures
    ) private {
        DisputeLogic.resolve(
            _disputes,
            _convictions,
            _convictingDisputes,
            _context(),
            DisputeLogic.Ending({
                decision: decision,
                id: id,
                headerHash: BatchLib.hashCalldata(header),
                batchIndex: header.batchIndex,
                leafIndex: leafIndex
            }),
            signatures
        );
    }

    /// @dev What {DisputeLogic} needs of this contract besides its storage.
    function _context() private view returns (DisputeLogic.Context memory) {
        return
            DisputeLogic.Context({
                batchChain: _batchChain,
                registry: _registry,
                verifiers: _verifiers,
                fraudSlashBps: _fraudSlashBps
            });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Equivocation, cosigners
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IDisputeManager
    function challengeEquivocation(
        Types.BatchHeader calldata first,
        bytes calldata firstSignature,
        Types.BatchHeader calldata second,
        bytes calldata secondSignature
    ) external nonReentrant {
        DisputeLogic.equivocation(_equivocations, _context(), first, firstSignature, second, secondSignature);
    }

    /// @inheritdoc IDisputeManager
    function slashCosigners(
        Types.BatchHeader calldata header,
        address[] calldata slashed,
        bytes calldata signatures
    ) external nonReentrant {
        bytes32 hash = BatchLib.hashCalldata(header);
        bytes32 record = _convictions[hash];
        if (record == 0) revert DisputeManagerNotConvicted(hash);
        bytes32 given = keccak256(abi.encodePacked(slashed));
        if (given != record) revert DisputeManagerSlashedListMismatch(record, given);
        (address[] memory signers, address[] memory sequencers, uint256 found) = _newSigners(hash, signatures, slashed);
        if (found == 0) revert DisputeManagerNothingToSlash();
        _convictions[hash] = keccak256(abi.encodePacked(_merge(slashed, signers, found)));
        // Signers the resolver of an execution dispute left out pay the VerifierRegistry, which splits the reward as
        // for the resolver's (the voters' share to the treasury): leaving signers out gains nobody anything.
        bytes32 dispute = _convictingDisputes[hash];
        address prover = dispute == 0 ? msg.sender : address(_verifiers);
        (uint256 amount, uint256 reward) = _registry.slashMany(sequencers, _fraudSlashBps, _COSIGNER_REASON, prover);
        if (dispute != 0 && reward != 0) _verifiers.creditCosigners(dispute, _disputes[dispute].challenger, reward);
        emit CosignersSlashed(hash, prover, sequencers, signers, amount);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Governance and views
    // ---------------------------------------------------------------------------------------------------------------

    /// @inheritdoc IDisputeManager
    function setFraudSlashBps(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        if (newValue < Constants.MIN_FRAUD_SLASH_BPS || newValue > Constants.MAX_FRAUD_SLASH_BPS) {
            revert DisputeManagerParameterOutOfRange(
                newValue,
                Constants.MIN_FRAUD_SLASH_BPS,
                Constants.MAX_FRAUD_SLASH_BPS
            );
        }
        emit FraudSlashBpsUpdated(_fraudSlashBps, newValue);
        _fraudSlashBps = newValue;
    }

    /// @inheritdoc IDisputeManager
    function setExecutionBond(uint256 newValue) external onlyRole(GOVERNOR_ROLE) {
        if (newValue < Constants.MIN_EXECUTION_BOND || newValue > Constants.MAX_EXECUTION_BOND) {
            revert DisputeManagerParameterOutOfRange(
                newValue,
                Constants.MIN_EXECUTION_BOND,
                Constants.MAX_EXECUTION_BOND
            );
        }
        if (newValue % 1 gwei != 0) revert DisputeManagerBondNotWholeGwei(newValue);
        emit ExecutionBondUpdated(_executionBond, newValue);
        _executionBond = newValue;
    }

    /// @inheritdoc IDisputeManager
    function disputeStatus(bytes32 id) external view returns (DisputeStatus, uint256) {
        return DisputeLogic.status(_disputes, _verifiers, id);
    }

    /// @inheritdoc IDisputeManager
    function executionDispute(bytes32 id) external view returns (ExecutionDispute memory) {
        return _disputes[id];
    }

    /// @inheritdoc IDisputeManager
    function executionDisputeId(bytes32 headerHash, uint256 leafIndex) external pure returns (bytes32) {
        return DisputeLogic.disputeId(headerHash, leafIndex);
    }

    /// @inheritdoc IDisputeManager
    function executionBond() external view returns (uint256) {
        return _executionBond;
    }

    /// @inheritdoc IDisputeManager
    function verifierRegistry() external view returns (address) {
        return address(_verifiers);
    }

    /// @inheritdoc IDisputeManager
    function convictionOf(bytes32 headerHash) external view returns (bytes32) {
        return _convictions[headerHash];
    }

    /// @inheritdoc IDisputeManager
    function fraudSlashBps() external view returns (uint256) {
        return _fraudSlashBps;
    }

    /// @inheritdoc IDisputeManager
    function batchChain() external view returns (address) {
        return address(_batchChain);
    }

    /// @inheritdoc IDisputeManager
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IDisputeManager
    function l2Bridge() external view returns (address) {
        return _l2Bridge;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Batches and convictions
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev {BlockEvidenceLib-checkConvictable} against this contract's BatchChain and convictions.
    function _checkConvictable(Types.BatchHeader calldata header) private view returns (bytes32) {
        return BlockEvidenceLib.checkConvictable(_batchChain, _convictions, header);
    }

    /// @dev Records the conviction of `header` (hash `hash`) for `fault`, slashes every registered signer of
    ///      `signatures`, rolls the batch and its successors back, and emits {FaultProven}.
    function _convict(Types.BatchHeader calldata header, bytes32 hash, Fault fault, bytes calldata signatures) private {
        (address[] memory signers, address[] memory sequencers, ) = _newSigners(hash, signatures, new address[](0));
        _convictions[hash] = keccak256(abi.encodePacked(signers));
        (uint256 amount, ) = _registry.slashMany(sequencers, _fraudSlashBps, _reasonOf(fault), msg.sender);
        _batchChain.rollback(header.batchIndex);
        emit FaultProven(header.batchIndex, fault, msg.sender, hash, sequencers, signers, amount);
    }

    /// @dev {SignerLib-newSigners} over `hash`'s digest, against this registry.
    function _newSigners(
        bytes32 hash,
        bytes calldata signatures,
        address[] memory skip
    ) private view returns (address[] memory, address[] memory, uint256) {
        return SignerLib.newSigners(_digest(hash), signatures, skip, _registry);
    }

    /// @dev The strictly ascending union of `slashed` and the first `count` of `added` (both strictly ascending and
    ///      disjoint).
    function _merge(
        address[] calldata slashed,
        address[] memory added,
        uint256 count
    ) private pure returns (address[] memory merged) {
        merged = new address[](slashed.length + count);
        uint256 a;
        uint256 b;
        for (uint256 i; i < merged.length; ++i) {
            if (b == count || (a < slashed.length && slashed[a] < added[b])) {
                merged[i] = slashed[a];
                ++a;
            } else {
                merged[i] = added[b];
                ++b;
            }
        }
    }

    /// @dev The EIP-712 digest sequencers signed for the header whose struct hash is `hash`: over BatchChain's domain
    ///      on this chain (the separator OpenZeppelin's EIP712 gives BatchChain, recomputed here rather than read).
    function _digest(bytes32 hash) private view returns (bytes32) {
        return BatchLib.digest(BatchLib.domainSeparator(block.chainid, address(_batchChain)), hash);
    }

    /// @dev The slashing reason of a fault (see {IDisputeManager}).
    function _reasonOf(Fault fault) private pure returns (bytes32) {
        if (fault == Fault.BlockNumber) return "block-number";
        if (fault == Fault.BlockTimestamp) return "block-timestamp";
        if (fault == Fault.StateRoot) return "state-root";
        if (fault == Fault.ParentLink) return "parent-link";
        if (fault == Fault.WithdrawalRoot) return "withdrawal-root";
        if (fault == Fault.DepositCount) return "deposit-count";
        if (fault == Fault.DepositChainHash) return "deposit-chain-hash";
        if (fault == Fault.TransactionHash) return "transaction-hash";
        if (fault == Fault.TransactionInvented) return "transaction-invented";
        if (fault == Fault.TransactionOmitted) return "transaction-omitted";
        if (fault == Fault.TransactionOrder) return "transaction-order";
        if (fault == Fault.TransactionCount) return "transaction-count";
        return "block-count";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Evidence
    // ---------------------------------------------------------------------------------------------------------------

    /// @dev Checks that the transaction leaf of `evidence` (or the zero leaf, for `padding`) is at `evidence.position`
    ///      of `header`'s transaction tree.
    function _checkTx(Types.BatchHeader calldata header, TxEvidence calldata evidence, bool padding) private pure {
        uint256 count = header.txCount;
        if (evidence.position >= count) revert DisputeManagerLeafOutOfRange(evidence.position, count);
        bytes32 leaf =
            padding ? bytes32(0) : BatchLib.txLeaf(evidence.l2BlockNumber, evidence.indexInBlock, evidence.txHash);
        BlockEvidenceLib.checkLeaf(evidence.siblings, leaf, evidence.position, count, header.txBatchRoot);
    }

    /// @dev Checks that `leaf` opens `root` with `siblings` (up to 32) at `position`, outside the tree over `count`
    ///      leaves: at another height than ceil(log2(count)), or at a position at or past `count`. Reverts
    ///      {DisputeManagerNoFault} when it is inside, {DisputeManagerLeafNotInBatch} when it does not open `root`.
    function _checkOutside(
        bytes32[] calldata siblings,
        bytes32 leaf,
        uint256 position,
        uint256 count,
        bytes32 root
    ) private pure {
        uint256 height = siblings.length;
        if (height > _MAX_TREE_HEIGHT) revert DisputeManagerInvalidProofLength(_MAX_TREE_HEIGHT, height);
        if (position >> height != 0) revert DisputeManagerLeafOutOfRange(position, 1 << height);
        bytes32 computed = MerkleLib.processProof(siblings, leaf, position, height);
        if (computed != root) revert DisputeManagerLeafNotInBatch(root, computed);
        if (height == MerkleLib.height(count) && position < count) revert DisputeManagerNoFault();
    }

    /// @dev Checks that the gap's leaves are consecutive (or the tree's ends) and whether transaction
    ///      (`number`, `indexInBlock`) lies strictly between them; reverts {DisputeManagerNoFault} when it does not.
    function _checkGap(
        Types.BatchHeader calldata header,
        TxGap calldata gap,
        uint256 number,
        uint256 indexInBlock
    ) private pure {
        uint256 count = header.txCount;
        if (gap.hasPrevious) _checkTx(header, gap.previous, false);
        if (gap.hasNext) _checkTx(header, gap.next, false);
        // The leaves around the gap: consecutive, or the first leaf (nothing before), or the last (nothing after).
        uint256 previousEnd = gap.hasPrevious ? gap.previous.position + 1 : 0;
        uint256 nextStart = gap.hasNext ? gap.next.position : count;
        if (previousEnd != nextStart) revert DisputeManagerNotAdjacent(previousEnd, nextStart);
        bool between =
            (!gap.hasPrevious ||
                _before(gap.previous.l2BlockNumber, gap.previous.indexInBlock, number, indexInBlock)) &&
                (!gap.hasNext || _before(number, indexInBlock, gap.next.l2BlockNumber, gap.next.indexInBlock));
        if (!between) revert DisputeManagerNoFault();
    }

    /// @dev Whether transaction (`blockA`, `indexA`) comes strictly before (`blockB`, `indexB`).
    function _before(uint256 blockA, uint256 indexA, uint256 blockB, uint256 indexB) private pure returns (bool) {
        return blockA < blockB || (blockA == blockB && indexA < indexB);
    }

    /// @dev The raw transaction at `indexInBlock` of L2 block `number` (in the batch), from its block leaf's RLP header
    ///      and a transactions-trie proof, or that it has none.
    function _transactionAt(
        Types.BatchHeader calldata header,
        BlockEvidence calldata blockEvidence,
        uint256 number,
        uint256 indexInBlock,
        bytes[] calldata trieProof
    ) private pure returns (bool exists, bytes memory transaction) {
        uint256 expected = number - header.firstBlock;
        if (blockEvidence.leafIndex != expected) revert DisputeManagerWrongBlock(expected, blockEvidence.leafIndex);
        BlockEvidenceLib.checkBlock(header, blockEvidence);
        Memory.Slice[] memory fields = _parseHeader(blockEvidence.rlpHeader, blockEvidence.leaf.blockHash);
        return TrieLib.get(_wordField(fields, _TRANSACTIONS_ROOT), RLP.encode(indexInBlock), trieProof);
    }

    /// @dev The L2 bridge's storage word `slot` in the state with root `stateRoot` (zero when the bridge or the slot
    ///      does not exist there).
    function _bridgeSlot(
        bytes32 stateRoot,
        uint256 slot,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) private view returns (uint256) {
        (bool exists, bytes memory account) = TrieLib.get(
            stateRoot,
            abi.encodePacked(keccak256(abi.encodePacked(_l2Bridge))),
            accountProof
        );
        if (!exists) return 0;
        bytes32 storageRoot = _storageRootOf(account, stateRoot);
        bytes memory value;
        (exists, value) = TrieLib.get(storageRoot, abi.encodePacked(keccak256(abi.encode(slot))), storageProof);
        return exists ? value.decodeUint256() : 0;
    }

    /// @dev The storage root of an account as the state trie holds it, RLP [nonce, balance, storageRoot, codeHash]: its
    ///      last two items are 32-byte strings (0xa0 and 32 bytes each), so the storage root is read from the end
    ///      without decoding the list. Anything else (no real trie holds it) is refused as a proof against `stateRoot`.
    function _storageRootOf(bytes memory account, bytes32 stateRoot) private pure returns (bytes32 storageRoot) {
        uint256 length = account.length;
        bool wellFormed;
        assembly ("memory-safe") {
            let end := add(add(account, 0x20), length)
            wellFormed := and(
                gt(length, 67),
                and(eq(byte(0, mload(sub(end, 66))), 0xa0), eq(byte(0, mload(sub(end, 33))), 0xa0))
            )
            storageRoot := mload(sub(end, 65))
        }
        if (!wellFormed) revert DisputeManagerInvalidTrieProof(stateRoot);
    }

    /// @dev The fields of an RLP block header that hashes to `blockHash`.
    function _parseHeader(bytes calldata rlpHeader, bytes32 blockHash) private pure returns (Memory.Slice[] memory) {
        bytes32 rlpHash = keccak256(rlpHeader);
        if (rlpHash != blockHash) revert DisputeManagerRlpHeaderMismatch(blockHash, rlpHash);
        bytes memory encoded = rlpHeader;
        // A header is one long list (it is always over 55 bytes) filling the bytes: `0xf7 + n` and an n-byte length.
        uint256 length = encoded.length;
        if (length < 2) revert DisputeManagerMalformedRlpHeader();
        uint256 lengthOfLength = uint8(encoded[0]) > 0xf7 ? uint8(encoded[0]) - 0xf7 : 0;
        if (lengthOfLength == 0 || lengthOfLength > 3 || length <= lengthOfLength)
            revert DisputeManagerMalformedRlpHeader();
        uint256 payload;
        for (uint256 i = 1; i <= lengthOfLength; ++i) payload = (payload << 8) | uint8(encoded[i]);
        if (payload + lengthOfLength + 1 != length) revert DisputeManagerMalformedRlpHeader();
        Memory.Slice[] memory fields = BlockHeader.parseHeader(encoded);
        if (fields.length < _MIN_HEADER_FIELDS) revert DisputeManagerMalformedRlpHeader();
        return fields;
    }

    /// @dev A 32-byte header field (a hash or root), which RLP encodes as 0xa0 and 32 bytes.
    function _wordField(Memory.Slice[] memory fields, uint256 position) private pure returns (bytes32) {
        Memory.Slice item = fields[position];
        if (item.length() != 33 || bytes1(item.load(0)) != 0xa0) revert DisputeManagerMalformedRlpHeader();
        return item.readBytes32();
    }

    /// @dev An integer header field (number, timestamp), at most 8 bytes in any real header.
    function _uintField(Memory.Slice[] memory fields, uint256 position) private pure returns (uint256) {
        Memory.Slice item = fields[position];
        uint256 length = item.length();
        uint256 prefix = uint8(bytes1(item.load(0)));
        // One byte up to 0x80 is the value itself (0x80: zero); otherwise 0x80 + n and n bytes, n at most 8, and not
        // a single byte below 0x80 wrapped in a header.
        bool malformed =
            length == 1
                ? prefix > 0x80
                : prefix != 0x80 + length - 1 || length > 9 || (length == 2 && uint8(bytes1(item.load(1))) < 0x80);
        if (malformed) revert DisputeManagerMalformedRlpHeader();
        return item.readUint256();
    }
}
