/**
 * The comparisons a verifier makes for one batch, once it has everything: the committed leaves and the block headers
 * they name, the data object's transactions, the replica's blocks and the committed blocks' transactions. Pure.
 */
import { ZERO_HASH, type DecodedBlockHeader, type Hex } from "../proof";

import type { ExecutionFinding, StructuralFinding } from "./findings";
import type { ReplicaBlock } from "./replica";
import type { CommittedBlockLeaf, HeaderValue } from "./types";

/** One block of the data object as the comparisons read it. */
export interface DataBlockHashes {
  readonly number: bigint;
  readonly timestamp: bigint;
  /** keccak256 of each raw transaction, in order. */
  readonly transactionHashes: readonly Hex[];
}

/** One block of the batch with everything compared about it. */
export interface ComparedBlock {
  /** The committed block leaf. */
  readonly leaf: CommittedBlockLeaf;
  /**
   * The header its `blockHash` names, decoded; undefined when no known header hashes to it (a leaf posted in a DA
   * answer that names no block the replica produced: a quorum may commit an invented hash). Nothing that needs the
   * leaf's own header is checked then (no L1 proof could carry it), but every check that does not still is.
   */
  readonly header: DecodedBlockHeader | undefined;
  /** The data object's block at the same position. */
  readonly data: DataBlockHashes;
  /** The replica's block after replaying the data object; undefined when it could not mine it. */
  readonly replica: ReplicaBlock | undefined;
  /** The committed block's transaction hashes, or undefined when no source had them. */
  readonly committedTransactions: readonly Hex[] | undefined;
}

export interface ComparisonInput {
  readonly header: HeaderValue;
  /** The last committed leaf of the previous batch (the genesis leaf before batch 1). */
  readonly previousLeaf: CommittedBlockLeaf;
  /** One entry per block of the header's range, in order. */
  readonly blocks: readonly ComparedBlock[];
}

/** What the comparisons found. */
export interface Comparison {
  /** Every structural fault, each provable on L1 on its own. */
  readonly structural: readonly StructuralFinding[];
  /** The first block where the replica disagrees, when no structural fault explains it. */
  readonly execution?: ExecutionFinding;
  /** Set when a block's transactions differ from the data object's but are unknown (nothing structural found). */
  readonly blockTransactionsUnknown: boolean;
}

/**
 * Compares a batch's commitments with what its data produces:
 * - each leaf with its own block header (number and position, timestamp, state root) and the header's parent with
 *   the leaf before it (the previous batch's last leaf for the first);
 * - the data object's transactions, which are the transaction leaves, with each committed block's transactions
 *   (another hash at an index, an index the block lacks, a transaction no leaf holds);
 * - where the replica reached a leaf's state root, the leaf's withdrawal root with the L2 bridge's slot 2, and at the
 *   last block the header's deposit count and chain with slots 0 and 1;
 * - the replica's block hashes with the leaves': a difference that nothing structural explains is execution.
 *
 * A leaf without a known header (`header` undefined) gets only the checks whose proofs do not read its RLP header:
 * its position (challengeHeader takes a number other than `firstBlock + leafIndex` without a header), its bridge
 * slots where the replica reached its state root (challengeBridgeStorage proves against the leaf's stateRoot), and the
 * next leaf's parent link against its blockHash (challengeParentLink reads the child's header, not the parent's).
 * Its timestamp, state root and own parent link are not compared, and its block's transactions not either: no header
 * holds their transactionsRoot, so no transaction proof can name that block. Its blockHash is not the replica's, so
 * when nothing structural is found the execution finding is at it or before it, and the batch is never passed.
 */
export function compareBatch(input: ComparisonInput): Comparison {
  const { header, blocks } = input;
  const batchIndex = header.batchIndex;
  const structural: StructuralFinding[] = [];
  let parent = input.previousLeaf.blockHash;
  for (const [leafIndex, { leaf, header: block }] of blocks.entries()) {
    if (
      leaf.number !== header.firstBlock + BigInt(leafIndex) ||
      (block !== undefined && block.number !== leaf.number)
    ) {
      structural.push({ kind: "blockNumber", batchIndex, leafIndex });
    }
    if (block !== undefined) {
      if (block.timestamp !== leaf.timestamp) structural.push({ kind: "blockTimestamp", batchIndex, leafIndex });
      if (block.stateRoot !== leaf.stateRoot) structural.push({ kind: "stateRoot", batchIndex, leafIndex });
      if (block.parentHash !== parent) structural.push({ kind: "parentLink", batchIndex, leafIndex });
    }
    // Even without a header the leaf's blockHash is what the next leaf's real header must name as its parent.
    parent = leaf.blockHash;
  }

  let unknown = false;
  let position = 0;
  for (const { data, header: block, committedTransactions: committed } of blocks) {
    const ours = data.transactionHashes;
    if (block === undefined) {
      // No header, so no committed transactions to compare with nor to prove against: see above.
      position += ours.length;
      continue;
    }
    if (committed === undefined) {
      unknown = true;
    } else {
      for (let j = 0; j < Math.max(ours.length, committed.length); j++) {
        const [mine, theirs] = [ours[j], committed[j]];
        if (mine !== undefined && theirs !== undefined) {
          if (mine !== theirs.toLowerCase()) {
            structural.push({ kind: "transactionHash", batchIndex, position: position + j });
          }
        } else if (mine !== undefined) {
          structural.push({ kind: "transactionInvented", batchIndex, position: position + j });
        } else {
          structural.push({ kind: "transactionOmitted", batchIndex, block: data.number, indexInBlock: j });
        }
      }
    }
    position += ours.length;
  }

  for (const [leafIndex, { leaf, replica: ours }] of blocks.entries()) {
    // Bridge slots are provable only against the leaf's state root, so only where the replica reached that state.
    if (ours?.stateRoot !== leaf.stateRoot) continue;
    if (ours.withdrawalRoot !== leaf.withdrawalRoot) structural.push({ kind: "withdrawalRoot", batchIndex, leafIndex });
    if (leafIndex === blocks.length - 1) {
      if (ours.depositCount !== header.depositCount) structural.push({ kind: "depositCount", batchIndex });
      if (ours.depositChainHash !== header.depositChainHash) structural.push({ kind: "depositChainHash", batchIndex });
    }
  }

  if (structural.length > 0) return { structural, blockTransactionsUnknown: false };
  if (unknown) return { structural, blockTransactionsUnknown: true };
  const diverged = blocks.findIndex((block) => block.replica?.hash !== block.leaf.blockHash);
  const ours = blocks[diverged]?.replica;
  if (diverged < 0) return { structural, blockTransactionsUnknown: false };
  return {
    structural,
    blockTransactionsUnknown: false,
    execution: {
      kind: "execution",
      batchIndex,
      leafIndex: diverged,
      blockHash: ours?.hash ?? ZERO_HASH,
      stateRoot: ours?.stateRoot ?? ZERO_HASH,
    },
  };
}
