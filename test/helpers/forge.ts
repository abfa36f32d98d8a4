/**
 * Forged batches for dispute tests and whole-flow scenarios: a batch built from the real L2 blocks the way an honest
 * sequencer builds it, then altered as a colluding quorum would (a block leaf, the transactions, the transaction
 * leaves, the roots, the deposit fields), signed directly with the sequencers' keys (no signer checks anything) and
 * submitted by the scheduled proposer. L1 accepts it whenever its own rules hold (index, parent, contiguity, deposits
 * against the L1 queue, quorum); only a DisputeManager proof can then show it wrong.
 *
 *   const forged = await forgeBatch(r, {
 *     leaves: (leaves) => { leaves[1] = { ...leaves[1]!, withdrawalRoot: seededWord("stolen") }; },
 *   });
 *   // forged.header, forged.signatures, forged.blockLeaves, forged.transactions: what a challenge is built from
 *
 * Order of the alterations: `transactions` (the committed raw transactions per block; the data object and the
 * transaction leaves follow them), then `txLeaves` (the leaves alone, the data object unchanged), then `leaves` (the
 * block leaves), then the roots and counts are recomputed, then `header` replaces any field last (a root, txCount,
 * depositCount...). Without alterations the batch is the honest one, which is how tests check that a challenge against
 * an honest batch fails.
 */
import { keccak256, type ContractTransactionReceipt, type Wallet } from "ethers";

import {
  batchDataHash,
  blockLeaf,
  encodeBatchData,
  headerDigest,
  headerHash,
  merkleRoot,
  txLeaf,
  BATCH_HEADER_TYPES,
  type BatchHeader,
  type BlockLeafInput,
  type Hex,
  type TxLeafInput,
} from "../../sdk/src/proof";
import { readL2Blocks, type L2Block } from "../../sdk/src/sequencer/l2-reader";
import { packQuorumSignatures } from "../../sdk/src/sequencer/quorum";
import type { Sequencer } from "../../sdk/src/sequencer/sequencer";
import type { ChallengeContext } from "../../sdk/src/verifier/challenger";

import { scheduled, type Rollup } from "./rollup";

/** How a forger alters the honest batch; each callback may change its argument in place or return a new value. */
export interface Forgery {
  /** The committed raw transactions, one list per block (the data object and the transaction leaves follow). */
  readonly transactions?: (transactions: Hex[][]) => Hex[][] | void;
  /** The committed transaction leaves, after `transactions` (the data object stays as it is). */
  readonly txLeaves?: (leaves: TxLeafInput[]) => TxLeafInput[] | void;
  /** The committed block leaves. */
  readonly leaves?: (leaves: BlockLeafInput[]) => BlockLeafInput[] | void;
  /** Header fields set last, after the roots and counts are recomputed. */
  readonly header?: Partial<BatchHeader>;
}

export interface ForgeOptions {
  /** Last L2 block of the batch (default: the L2's head); the first is the one after L1's tip. */
  readonly lastBlock?: bigint;
  /** Whose keys sign (default: every sequencer of the rollup); at least a quorum of stake, or L1 refuses it. */
  readonly signers?: readonly Sequencer[];
  /** Build and sign only; do not store the data object or submit. */
  readonly submit?: boolean;
}

/** A batch as submitted: everything a challenge against it is built from, and the honest blocks it came from. */
export interface ForgedBatch {
  readonly header: BatchHeader & {
    readonly batchIndex: bigint;
    readonly firstBlock: bigint;
    readonly lastBlock: bigint;
    readonly txCount: number;
  };
  readonly hash: Hex;
  /** The packed quorum signatures it was submitted with. */
  readonly signatures: Hex;
  /** The individual 65-byte signatures, by signer address (lower case). */
  readonly signaturesBySigner: ReadonlyMap<string, Hex>;
  /** The committed block leaves (they build `header.stateBatchRoot`). */
  readonly blockLeaves: BlockLeafInput[];
  /** The committed raw transactions per block (the data object's). */
  readonly transactions: Hex[][];
  /** The committed transaction leaves (they build `header.txBatchRoot`). */
  readonly txLeaves: TxLeafInput[];
  /** The data object stored in the rollup's DA store under `header.dataHash`. */
  readonly data: Uint8Array;
  /** The honest L2 blocks the batch was built from. */
  readonly blocks: readonly L2Block[];
  /** The submission's receipt (absent with `submit: false`). */
  readonly receipt?: ContractTransactionReceipt;
}

const apply = <T>(value: T, change?: (value: T) => T | void): T => (change ? (change(value) ?? value) : value);

/** The EIP-712 signature of `key` over `header` for the rollup's BatchChain. */
export async function signHeaderWith(r: Rollup, key: Wallet, header: BatchHeader): Promise<Hex> {
  const domain = await r.sequencers[0]!.domain();
  return (await key.signTypedData(domain, { BatchHeader: [...BATCH_HEADER_TYPES.BatchHeader] }, header)) as Hex;
}

/** Packs `signers`' signatures over `header` for the current epoch's members. */
export async function packSignatures(r: Rollup, header: BatchHeader, signers: readonly Sequencer[]): Promise<Hex> {
  const domain = await r.sequencers[0]!.domain();
  const signatures = await Promise.all(signers.map((s) => signHeaderWith(r, s.config.key, header)));
  const members = (await r.l1.registry.members()).map((member) => member.signer);
  return packQuorumSignatures(headerDigest(header, domain), signatures, members);
}

/**
 * Builds the next batch from the L2's blocks after L1's tip, alters it by `forgery`, signs it with the sequencers'
 * keys and has the scheduled proposer submit it (storing its data object first). See the module comment.
 */
export async function forgeBatch(r: Rollup, forgery: Forgery = {}, options: ForgeOptions = {}): Promise<ForgedBatch> {
  const batchChain = r.l1.batchChain;
  const batchIndex = await batchChain.batchCount();
  const parentHash = (await batchChain.headerHash(batchIndex - 1n)) as Hex;
  const [tipBlock] = await batchChain.tip();
  const lastBlock = options.lastBlock ?? BigInt(await r.l2.provider.getBlockNumber());
  const blocks = await readL2Blocks(r.l2.provider, r.l2.bridgeAddress, tipBlock + 1n, lastBlock);

  const transactions = apply(
    blocks.map((block) => block.transactions.map((transaction) => transaction.raw)),
    forgery.transactions,
  );
  const txLeaves = apply(
    transactions.flatMap((raws, b) =>
      raws.map((raw, indexInBlock) => ({
        l2BlockNumber: blocks[b]!.number,
        indexInBlock,
        txHash: keccak256(raw) as Hex,
      })),
    ),
    forgery.txLeaves,
  );
  const blockLeaves = apply(
    blocks.map((block) => ({
      number: block.number,
      timestamp: block.timestamp,
      blockHash: block.hash,
      stateRoot: block.stateRoot,
      withdrawalRoot: block.withdrawalRoot,
    })),
    forgery.leaves,
  );
  const data = encodeBatchData({
    batchIndex,
    blocks: blocks.map((block, b) => ({
      number: block.number,
      timestamp: block.timestamp,
      transactions: transactions[b]!,
    })),
  });
  const last = blocks[blocks.length - 1]!;
  const header = {
    batchIndex,
    parentHash,
    firstBlock: blocks[0]!.number,
    lastBlock: last.number,
    txCount: txLeaves.length,
    txBatchRoot: merkleRoot(txLeaves.map(txLeaf)),
    stateBatchRoot: merkleRoot(blockLeaves.map(blockLeaf)),
    depositCount: last.depositCount,
    depositChainHash: last.depositChainHash,
    dataHash: batchDataHash(data),
    ...forgery.header,
  } as ForgedBatch["header"];

  const signers = options.signers ?? r.sequencers;
  const signaturesBySigner = new Map<string, Hex>();
  for (const signer of signers) {
    signaturesBySigner.set(signer.address.toLowerCase(), await signHeaderWith(r, signer.config.key, header));
  }
  const signatures = await packSignatures(r, header, signers);
  const forged = {
    header,
    hash: headerHash(header),
    signatures,
    signaturesBySigner,
    blockLeaves,
    transactions,
    txLeaves,
    data,
    blocks,
  };
  if (options.submit === false) return forged;
  await r.store.put(header.dataHash as Hex, data);
  const proposer = await scheduled(r);
  const receipt = await (await batchChain.connect(proposer.config.key).submitBatch(header, signatures)).wait();
  return { ...forged, receipt: receipt! };
}

/** The challenge context of a submitted batch, for the SDK's Challenger (with `previous` when given). */
export function contextOf(r: Rollup, batch: ForgedBatch, previous?: ForgedBatch): ChallengeContext {
  return {
    header: batch.header,
    signatures: batch.signatures,
    blockLeaves: batch.blockLeaves,
    transactions: batch.transactions,
    txLeaves: batch.txLeaves,
    l2: r.l2.provider,
    previous: previous && { header: previous.header, blockLeaves: previous.blockLeaves },
  };
}
