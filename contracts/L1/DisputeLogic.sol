// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IBatchChain} from "../interfaces/IBatchChain.sol";
import {IDisputeManager} from "../interfaces/IDisputeManager.sol";
import {ISequencerRegistry} from "../interfaces/ISequencerRegistry.sol";
import {IVerifierRegistry} from "../interfaces/IVerifierRegistry.sol";
import {BatchLib} from "../libraries/BatchLib.sol";
import {SignerLib} from "../libraries/SignerLib.sol";
import {Types} from "../libraries/Types.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title DisputeLogic
/// @notice The parts of DisputeManager that read no block evidence: equivocation (two signatures), and the life of an
///         execution dispute once DisputeManager checked its leaves (opening it, reading the vote, convicting or
///         releasing the batch, handing the bond and the reward to the VerifierRegistry). An external library that
///         DisputeManager links and calls by DELEGATECALL, so it runs on DisputeManager's storage, as DisputeManager,
///         with its roles: it is part of DisputeManager, deployed apart only to keep DisputeManager (whose RLP and
///         trie code fills most of its 24,576 bytes) under the code size limit.
/// @dev Errors and events are DisputeManager's (IDisputeManager), so callers decode them from its ABI.
library DisputeLogic {
    /// @notice Who ends a dispute: anyone applying the vote (or its lapse, or a void), or governance deciding.
    enum Decision {
        Vote,
        Uphold,
        Reject
    }

    /// @notice DisputeManager's immutables and parameters the end of a dispute needs.
    struct Context {
        IBatchChain batchChain;
        ISequencerRegistry registry;
        IVerifierRegistry verifiers;
        uint256 fraudSlashBps;
    }

    /// @notice An execution challenge, as DisputeManager checked it.
    /// @param headerHash The challenged batch's header hash.
    /// @param batchIndex Its index.
    /// @param leafIndex The challenged block leaf's position.
    /// @param l2Block That block's number.
    /// @param committedStateRoot The state root the leaf commits.
    /// @param claimedStateRoot The state root the challenger computes.
    /// @param previousStateRoot The predecessor leaf's state root (the block's pre-state).
    /// @param bond The bond sent (wei).
    struct Claim {
        bytes32 headerHash;
        uint256 batchIndex;
        uint256 leafIndex;
        uint256 l2Block;
        bytes32 committedStateRoot;
        bytes32 claimedStateRoot;
        bytes32 previousStateRoot;
        uint256 bond;
    }

    /// @notice The dispute to end and how.
    /// @param decision Who ends it.
    /// @param id The dispute.
    /// @param headerHash The challenged header's hash (with `leafIndex` it must give `id`).
    /// @param batchIndex The challenged header's index.
    /// @param leafIndex The challenged leaf.
    struct Ending {
        Decision decision;
        bytes32 id;
        bytes32 headerHash;
        uint256 batchIndex;
        uint256 leafIndex;
    }

    /// @dev The slashing reason of signers convicted by an execution dispute.
    bytes32 private constant _REASON = "execution";

    // Memory, not calldata: the helpers read the context many times, and calldata measured more gas.
    // solhint-disable gas-calldata-parameters
    /// @notice Slashes the one signer of two different headers for one batch index and parent (see
    ///         {IDisputeManager-challengeEquivocation}), once per sequencer, index and parent.
    /// @param equivocations DisputeManager's record of punished equivocations
    ///        (`keccak256(abi.encode(sequencer, batchIndex, parentHash))` => punished).
    /// @param context DisputeManager's BatchChain (EIP-712 domain, rollbacks), registry and slash share.
    /// @param first One header.
    /// @param firstSignature A 65-byte `r ++ s ++ v` signature over the first header's EIP-712 digest.
    /// @param second The other header, with the same batch index and parent hash.
    /// @param secondSignature The same signer's signature over the second header's digest.
    function equivocation(
        mapping(bytes32 => bool) storage equivocations,
        Context memory context,
        Types.BatchHeader calldata first,
        bytes calldata firstSignature,
        Types.BatchHeader calldata second,
        bytes calldata secondSignature
    ) external {
        (address signer, bytes32 firstHash, bytes32 secondHash) = _equivocator(
            context,
            first,
            firstSignature,
            second,
            secondSignature
        );
        _punish(equivocations, context, signer, first.batchIndex, first.parentHash, firstHash, secondHash);
    }
    // solhint-enable gas-calldata-parameters

    /// @notice Opens execution dispute `claim` (see {IDisputeManager-challengeExecution}); DisputeManager checked
    ///         the bond, the header and both leaves.
    /// @param disputes DisputeManager's execution disputes.
    /// @param batchChain The BatchChain holding the challenged batch.
    /// @param claim What the challenge names and claims.
    /// @return id The dispute's id ({disputeId} of the header hash and leaf index).
    function open(
        mapping(bytes32 => IDisputeManager.ExecutionDispute) storage disputes,
        IBatchChain batchChain,
        Claim calldata claim
    ) external returns (bytes32 id) {
        if (claim.claimedStateRoot == claim.committedStateRoot) {
            revert IDisputeManager.DisputeManagerClaimMatchesLeaf(claim.committedStateRoot);
        }
        id = disputeId(claim.headerHash, claim.leafIndex);
        IDisputeManager.ExecutionDispute storage dispute = disputes[id];
        if (dispute.challenger != address(0)) {
            revert IDisputeManager.DisputeManagerAlreadyChallenged(id, dispute.outcome);
        }
        // One slot: the vote reads its terms and weights at the second before `openedAt`, so nothing else is stored.
        disputes[id] = IDisputeManager.ExecutionDispute({
            challenger: msg.sender,
            bondGwei: uint40(claim.bond / 1 gwei),
            openedAt: uint40(block.timestamp),
            outcome: Types.Outcome.None
        });
        batchChain.markDisputed(claim.batchIndex);
        emit IDisputeManager.ExecutionChallenged(
            id,
            claim.batchIndex,
            msg.sender,
            claim.headerHash,
            claim.leafIndex,
            claim.l2Block,
            claim.committedStateRoot,
            claim.claimedStateRoot,
            claim.previousStateRoot,
            claim.bond
        );
    }

    /// @notice The id of the execution dispute against leaf `leafIndex` of the header hashing to `headerHash`.
    /// @param headerHash The challenged batch's header hash.
    /// @param leafIndex The challenged block leaf's position.
    /// @return `keccak256(abi.encode(headerHash, leafIndex))`.
    function disputeId(bytes32 headerHash, uint256 leafIndex) internal pure returns (bytes32) {
        return keccak256(abi.encode(headerHash, leafIndex));
    }

    // Memory, not calldata: the helpers take both in memory, and calldata measured slightly more gas.
    // solhint-disable gas-calldata-parameters
    /// @notice Ends dispute `id` (see {IDisputeManager-resolveDispute} and {IDisputeManager-decideDispute}).
    /// @param disputes DisputeManager's execution disputes.
    /// @param convictions DisputeManager's conviction records (header hash => hash of the slashed signer keys).
    /// @param convictingDisputes DisputeManager's record of headers convicted by an execution dispute (=> its id).
    /// @param context DisputeManager's BatchChain, registry, VerifierRegistry and slash share.
    /// @param ending The dispute, who ends it and how, and the challenged header's hash, batch index and leaf index.
    /// @param signatures The challenged batch's quorum signatures, whose signers are slashed when it is upheld.
    function resolve(
        mapping(bytes32 => IDisputeManager.ExecutionDispute) storage disputes,
        mapping(bytes32 => bytes32) storage convictions,
        mapping(bytes32 => bytes32) storage convictingDisputes,
        Context memory context,
        Ending memory ending,
        bytes calldata signatures
    ) external {
        bytes32 id = ending.id;
        IDisputeManager.ExecutionDispute memory dispute = disputes[id];
        if (dispute.challenger == address(0)) revert IDisputeManager.DisputeManagerUnknownDispute(id);
        if (dispute.outcome != Types.Outcome.None)
            revert IDisputeManager.DisputeManagerDisputeClosed(id, dispute.outcome);
        bytes32 given = disputeId(ending.headerHash, ending.leafIndex);
        if (given != id) revert IDisputeManager.DisputeManagerWrongDispute(id, given);
        (bytes32 stored, ) = context.batchChain.headerStatus(ending.batchIndex);
        bool live = stored == ending.headerHash;
        Types.Outcome outcome = _outcome(context.verifiers, ending.decision, id, dispute.openedAt, live);
        disputes[id].outcome = outcome;
        uint256 reward;
        if (outcome == Types.Outcome.VoteUpheld || outcome == Types.Outcome.GovernanceUpheld) {
            convictingDisputes[ending.headerHash] = id;
            reward = _convict(convictions, context, ending, dispute.challenger, signatures);
        } else if (live) {
            context.batchChain.clearDisputed(ending.batchIndex);
        }
        context.verifiers.closeVote{value: uint256(dispute.bondGwei) * 1 gwei}(
            id,
            dispute.openedAt,
            outcome,
            dispute.challenger,
            reward
        );
        emit IDisputeManager.DisputeResolved(id, ending.batchIndex, outcome);
    }
    // solhint-enable gas-calldata-parameters

    /// @notice See {IDisputeManager-disputeStatus}.
    /// @param disputes DisputeManager's execution disputes.
    /// @param verifiers The VerifierRegistry running the disputes' votes.
    /// @param id The dispute.
    /// @return Its status.
    /// @return When its current phase ends (0: no end, or resolved).
    function status(
        mapping(bytes32 => IDisputeManager.ExecutionDispute) storage disputes,
        IVerifierRegistry verifiers,
        bytes32 id
    ) external view returns (IDisputeManager.DisputeStatus, uint256) {
        IDisputeManager.ExecutionDispute memory dispute = disputes[id];
        Types.Outcome outcome = dispute.outcome;
        if (dispute.challenger == address(0)) return (IDisputeManager.DisputeStatus.None, 0);
        if (outcome == Types.Outcome.VoteUpheld || outcome == Types.Outcome.GovernanceUpheld) {
            return (IDisputeManager.DisputeStatus.Upheld, 0);
        }
        if (outcome == Types.Outcome.VoteRejected || outcome == Types.Outcome.GovernanceRejected) {
            return (IDisputeManager.DisputeStatus.Rejected, 0);
        }
        if (outcome == Types.Outcome.Lapsed) return (IDisputeManager.DisputeStatus.Lapsed, 0);
        if (outcome == Types.Outcome.Void) return (IDisputeManager.DisputeStatus.Void, 0);
        (IVerifierRegistry.VotePhase phase, uint256 endsAt) = verifiers.votePhase(id, dispute.openedAt);
        if (phase == IVerifierRegistry.VotePhase.Committing) return (IDisputeManager.DisputeStatus.Committing, endsAt);
        if (phase == IVerifierRegistry.VotePhase.Revealing) return (IDisputeManager.DisputeStatus.Revealing, endsAt);
        if (phase == IVerifierRegistry.VotePhase.NoTurnout) return (IDisputeManager.DisputeStatus.Escalated, endsAt);
        return (IDisputeManager.DisputeStatus.Resolvable, 0);
    }

    /// @dev Convicts the batch of `ending`: slashes the signers of `signatures` (crediting the VerifierRegistry),
    ///      records them, and rolls the batch and its successors back. Returns the reward credited.
    function _convict(
        mapping(bytes32 => bytes32) storage convictions,
        Context memory context,
        Ending memory ending,
        address challenger,
        bytes calldata signatures
    ) private returns (uint256 reward) {
        bytes32 hash = ending.headerHash;
        (address[] memory signers, address[] memory sequencers, ) = SignerLib.newSigners(
            _digest(context, hash),
            signatures,
            new address[](0),
            context.registry
        );
        convictions[hash] = keccak256(abi.encodePacked(signers));
        uint256 amount;
        (amount, reward) = context.registry.slashMany(
            sequencers,
            context.fraudSlashBps,
            _REASON,
            address(context.verifiers)
        );
        context.batchChain.rollback(ending.batchIndex);
        emit IDisputeManager.FaultProven(
            ending.batchIndex,
            IDisputeManager.Fault.Execution,
            challenger,
            hash,
            sequencers,
            signers,
            amount
        );
    }

    /// @dev Slashes the sequencer of `signer`, which signed the headers hashing to `firstHash` and `secondHash` for
    ///      batch `batchIndex` after `parentHash`, unless that was punished already or it cannot be.
    function _punish(
        mapping(bytes32 => bool) storage equivocations,
        Context memory context,
        address signer,
        uint256 batchIndex,
        bytes32 parentHash,
        bytes32 firstHash,
        bytes32 secondHash
    ) private {
        address sequencer = context.registry.sequencerOf(signer);
        // Once per sequencer, index and parent; checked first, as the slash also takes it out of the active set.
        bytes32 key = keccak256(abi.encode(sequencer, batchIndex, parentHash));
        if (equivocations[key]) revert IDisputeManager.DisputeManagerAlreadySlashed(sequencer, batchIndex);
        Types.SequencerStatus status =
            sequencer == address(0) ? Types.SequencerStatus.None : context.registry.sequencerStatus(sequencer);
        // Slashable while it holds stake: only a key never in a set (unknown, withdrawn, or waiting) is refused.
        if (status == Types.SequencerStatus.None || status == Types.SequencerStatus.Waiting) {
            revert IDisputeManager.DisputeManagerSignerNotActive(signer);
        }
        // A header signed again for an index and parent after a rollback of the first is how the chain is rebuilt.
        if (context.batchChain.isRolledBack(firstHash))
            revert IDisputeManager.DisputeManagerHeaderRolledBack(firstHash);
        if (context.batchChain.isRolledBack(secondHash)) {
            revert IDisputeManager.DisputeManagerHeaderRolledBack(secondHash);
        }
        equivocations[key] = true;
        uint256 amount = context.registry.slash(sequencer, context.fraudSlashBps, "equivocation", msg.sender);
        emit IDisputeManager.EquivocationProven(sequencer, batchIndex, msg.sender, firstHash, secondHash, amount);
    }

    /// @dev The one key that signed both `first` and `second` (conflicting headers: one index and parent, two hashes),
    ///      with their hashes.
    function _equivocator(
        Context memory context,
        Types.BatchHeader calldata first,
        bytes calldata firstSignature,
        Types.BatchHeader calldata second,
        bytes calldata secondSignature
    ) private view returns (address signer, bytes32 firstHash, bytes32 secondHash) {
        if (first.batchIndex != second.batchIndex || first.parentHash != second.parentHash) {
            revert IDisputeManager.DisputeManagerNotConflicting(
                first.batchIndex,
                second.batchIndex,
                first.parentHash,
                second.parentHash
            );
        }
        firstHash = BatchLib.hashCalldata(first);
        secondHash = BatchLib.hashCalldata(second);
        if (firstHash == secondHash) revert IDisputeManager.DisputeManagerSameHeader(firstHash);
        signer = _recover(context, firstHash, firstSignature, 0);
        address secondSigner = _recover(context, secondHash, secondSignature, 1);
        if (signer != secondSigner) revert IDisputeManager.DisputeManagerDifferentSigners(signer, secondSigner);
    }

    /// @dev The EIP-712 digest sequencers signed for the header whose struct hash is `hash`, over the BatchChain's
    ///      domain on this chain.
    function _digest(Context memory context, bytes32 hash) private view returns (bytes32) {
        return BatchLib.digest(BatchLib.domainSeparator(block.chainid, address(context.batchChain)), hash);
    }

    /// @dev The signer of a 65-byte `r ++ s ++ v` signature over the digest of `hash`; reverts naming `position`.
    function _recover(
        Context memory context,
        bytes32 hash,
        bytes calldata signature,
        uint256 position
    ) private view returns (address) {
        (address signer, ECDSA.RecoverError error, ) = ECDSA.tryRecoverCalldata(_digest(context, hash), signature);
        if (error != ECDSA.RecoverError.NoError) revert IDisputeManager.DisputeManagerInvalidSignature(position);
        return signer;
    }

    /// @dev The outcome `decision` gives dispute `id` (opened at `openedAt`) now, or the revert that explains why it
    ///      cannot end yet. A dispute whose batch is gone (`live` false) is void, whatever the vote.
    function _outcome(
        IVerifierRegistry verifiers,
        Decision decision,
        bytes32 id,
        uint256 openedAt,
        bool live
    ) private view returns (Types.Outcome) {
        if (decision == Decision.Vote && !live) return Types.Outcome.Void;
        if (!live) revert IDisputeManager.DisputeManagerNotEscalated(id);
        (IVerifierRegistry.VotePhase phase, uint256 endsAt) = verifiers.votePhase(id, openedAt);
        if (decision != Decision.Vote) {
            if (phase != IVerifierRegistry.VotePhase.NoTurnout) revert IDisputeManager.DisputeManagerNotEscalated(id);
            return decision == Decision.Uphold ? Types.Outcome.GovernanceUpheld : Types.Outcome.GovernanceRejected;
        }
        if (phase == IVerifierRegistry.VotePhase.Upheld) return Types.Outcome.VoteUpheld;
        if (phase == IVerifierRegistry.VotePhase.Rejected) return Types.Outcome.VoteRejected;
        if (phase == IVerifierRegistry.VotePhase.Lapsed) return Types.Outcome.Lapsed;
        if (phase == IVerifierRegistry.VotePhase.NoTurnout) {
            revert IDisputeManager.DisputeManagerAwaitingGovernance(id, endsAt);
        }
        revert IDisputeManager.DisputeManagerVoteNotOver(id, endsAt);
    }
}
