/**
 * Commits withdrawals to L1 without an L2: a batch whose block leaves are made up, one of them carrying the root of a
 * depth-32 withdrawal tree over the given withdrawals, submitted with the sequencers' quorum. Builds the proofs the
 * SDK would, for the L1Bridge tests and the gas benchmark.
 */
import {
  blockLeaf,
  merkleRoot,
  MerkleTree,
  withdrawalHash,
  type BlockLeafInput,
  type WithdrawalInput,
  type WithdrawalProof,
} from "../../sdk/src/proof";

import { nextHeader, submitNext, type L1Fixture } from "./l1-harness";
import { seededWord } from "./seeded";

export interface CommittedWithdrawals {
  readonly batchIndex: bigint;
  /** Proof of withdrawal `i` of the list given. */
  proofOf(i: number): WithdrawalProof;
}

/**
 * Submits a batch of `blockCount` blocks whose block `withdrawalBlock` has the withdrawal tree over `withdrawals` as
 * its withdrawal root. Withdrawal `i` must have index `i`.
 */
export async function commitWithdrawals(
  l1: L1Fixture,
  withdrawals: readonly WithdrawalInput[],
  options: { readonly blockCount?: number; readonly withdrawalBlock?: number } = {},
): Promise<CommittedWithdrawals> {
  const blockCount = options.blockCount ?? 10;
  const withdrawalBlock = options.withdrawalBlock ?? Math.floor(blockCount / 2);
  const tree = MerkleTree.from(withdrawals.map(withdrawalHash), { depth: 32 });
  const base = await nextHeader(l1);
  const leaves: BlockLeafInput[] = Array.from({ length: blockCount }, (_, i) => ({
    number: BigInt(base.firstBlock) + BigInt(i),
    timestamp: 1_700_000_000n + BigInt(i),
    blockHash: seededWord("block hash"),
    stateRoot: seededWord("state root"),
    withdrawalRoot: i === withdrawalBlock ? tree.root : seededWord("withdrawal root"),
  }));
  const blockTree = MerkleTree.from(leaves.map((leaf) => blockLeaf(leaf)));
  const header = {
    ...base,
    lastBlock: BigInt(base.firstBlock) + BigInt(blockCount - 1),
    stateBatchRoot: merkleRoot(leaves.map((leaf) => blockLeaf(leaf))),
  };
  await submitNext(l1, header);
  return {
    batchIndex: BigInt(header.batchIndex),
    proofOf: (i) => ({
      withdrawal: withdrawals[i]!,
      batchIndex: header.batchIndex,
      header,
      blockLeaf: leaves[withdrawalBlock]!,
      blockLeafIndex: withdrawalBlock,
      blockSiblings: blockTree.proof(withdrawalBlock),
      withdrawalSiblings: tree.proof(i),
    }),
  };
}
