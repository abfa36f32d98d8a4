import { EmptyBatchError } from "../errors/sequencer";
import { blockLeaf, encodeBatchData, batchDataHash, merkleRoot, txLeaf, type BatchHeader, type Hex } from "../proof";

import type { L2Block } from "./l2-reader";

/** A batch ready to sign: its header, its data object and the leaves its roots are over. */
export interface BuiltBatch {
  readonly header: BatchHeader & {
    readonly batchIndex: bigint;
    readonly firstBlock: bigint;
    readonly lastBlock: bigint;
    readonly txCount: number;
    readonly depositCount: bigint;
  };
  /** The batch data object (RLP, version 1); its keccak256 is `header.dataHash`. */
  readonly data: Uint8Array;
  readonly txLeaves: readonly Hex[];
  readonly blockLeaves: readonly Hex[];
}

/**
 * Builds the batch over `blocks` (contiguous, non-empty) following PROTOCOL section 2: one transaction leaf per
 * transaction in block then index order, one block leaf per block, the deposit count and chain of the last block,
 * and the data object. Pure: two honest sequencers given the same blocks build the same batch.
 */
export function buildBatch(batchIndex: bigint, parentHash: Hex, blocks: readonly L2Block[]): BuiltBatch {
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  if (first === undefined || last === undefined) throw new EmptyBatchError(batchIndex);
  const txLeaves: Hex[] = [];
  for (const block of blocks) {
    block.transactions.forEach((transaction, indexInBlock) =>
      txLeaves.push(txLeaf({ l2BlockNumber: block.number, indexInBlock, txHash: transaction.hash })),
    );
  }
  const blockLeaves = blocks.map((block) =>
    blockLeaf({
      number: block.number,
      timestamp: block.timestamp,
      blockHash: block.hash,
      stateRoot: block.stateRoot,
      withdrawalRoot: block.withdrawalRoot,
    }),
  );
  const data = encodeBatchData({
    batchIndex,
    blocks: blocks.map((block) => ({
      number: block.number,
      timestamp: block.timestamp,
      transactions: block.transactions.map((transaction) => transaction.raw),
    })),
  });
  return {
    header: {
      batchIndex,
      parentHash,
      firstBlock: first.number,
      lastBlock: last.number,
      txCount: txLeaves.length,
      txBatchRoot: merkleRoot(txLeaves),
      stateBatchRoot: merkleRoot(blockLeaves),
      depositCount: last.depositCount,
      depositChainHash: last.depositChainHash,
      dataHash: batchDataHash(data),
    },
    data,
    txLeaves,
    blockLeaves,
  };
}
