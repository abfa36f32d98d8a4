/**
 * Forged batches, shared by the dispute tests (through test/helpers/forge.ts, which adapts a test rollup) and the gas
 * benchmark: a batch built from the real L2 blocks the way an honest sequencer builds it, then altered as a colluding
 * quorum would (a block leaf, the transactions, the transaction leaves, the roots, the deposit fields), signed directly
 * with the sequencers' keys (no signer checks anything) and submitted by the scheduled proposer. L1 accepts it
 * whenever its own rules hold (index, parent, contiguity, deposits against the L1 queue, quorum); only a DisputeManager
 * proof can then show it wrong.
 *
 * Order of the alterations: `transactions` (the committed raw transactions per block; the data object and the
 * transaction leaves follow them), then `txLeaves` (the leaves alone, the data object unchanged, as leaves posted
 * apart from it), then `leaves` (the block leaves), then the roots and counts are recomputed, then `header` replaces
 * any field last (a root, txCount, depositCount...). Without alterations the batch is the honest one, which is how
 * tests check that a challenge against an honest batch fails.
 */
import { keccak256, type ContractTransactionReceipt, type JsonRpcApiProvider, type Wallet } from "ethers";

import type { BatchChain, SequencerRegistry } from "../../sdk/src/contracts";
import type { DAStore } from "../../sdk/src/da/store";
import {
  batchDataHash,
  batchHeaderDomain,
  blockLeaf,
  encodeBatchData,
  headerDigest,
  headerHash,
  merkleRoot,
  txLeaf,
  BATCH_HEADER_TYPES,
  type Address,
  type BatchHeader,
  type BlockLeafInput,
  type Hex,
  type TxLeafInput,
} from "../../sdk/src/proof";
import { readL2Blocks, type L2Block } from "../../sdk/src/sequencer/l2-reader";
import { packQuorumSignatures } from "../../sdk/src/sequencer/quorum";
import type { ChallengeContext } from "../../sdk/src/verifier/challenger";

/** What a forger works with: the L1 contracts, the L2, the sequencers' signer keys (connected to L1), a DA store. */
export interface ForgeTarget {
  readonly batchChain: BatchChain;
  readonly registry: SequencerRegistry;
  readonly l2: { readonly provider: JsonRpcApiProvider; readonly bridgeAddress: string };
  /** The signer keys that sign by default, one of which is the scheduled proposer. */
  readonly keys: readonly Wallet[];
  /** Where the data object is stored (not stored when absent). */
  readonly store?: DAStore;
}

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
  /** Whose keys sign (default: the target's); at least a quorum of stake, or L1 refuses the batch. */
  readonly signers?: readonly Wallet[];
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
  /** The data object (stored in the target's DA store under `header.dataHash`). */
  readonly data: Uint8Array;
  /** The honest L2 blocks the batch was built from. */
  readonly blocks: readonly L2Block[];
  /** The submission's receipt (absent with `submit: false`). */
  readonly receipt?: ContractTransactionReceipt;
}

const apply = <T>(value: T, change?: (value: T) => T | void): T => (change ? (change(value) ?? value) : value);

/** The EIP-712 domain of the target's BatchChain. */
async function domainOf(target: ForgeTarget) {
  const { chainId } = await target.batchChain.runner!.provider!.getNetwork();
  return batchHeaderDomain(chainId, (await target.batchChain.getAddress()) as Address);
}

/** The EIP-712 signature of `key` over `header` for the target's BatchChain. */
export async function signHeaderWith(target: ForgeTarget, key: Wallet, header: BatchHeader): Promise<Hex> {
  const types = { BatchHeader: [...BATCH_HEADER_TYPES.BatchHeader] };
  return (await key.signTypedData(await domainOf(target), types, header)) as Hex;
}

/** `keys`' signatures over `header`, packed for the current epoch's members. */
export async function packSignatures(target: ForgeTarget, header: BatchHeader, keys: readonly Wallet[]): Promise<Hex> {
  const signatures = await Promise.all(keys.map((key) => signHeaderWith(target, key, header)));
  const members = (await target.registry.members()).map((member) => member.signer);
  return packQuorumSignatures(headerDigest(header, await domainOf(target)), signatures, members);
}

/**
 * Builds the next batch from the L2's blocks after L1's tip, alters it by `forgery`, signs it with the keys and has
 * the scheduled proposer (one of the target's keys) submit it, storing its data object first. See the module comment.
 */
export async function forgeBatch(
  target: ForgeTarget,
  forgery: Forgery = {},
  options: ForgeOptions = {},
): Promise<ForgedBatch> {
  const { batchChain } = target;
  const batchIndex = await batchChain.batchCount();
  const parentHash = (await batchChain.headerHash(batchIndex - 1n)) as Hex;
  const [tipBlock] = await batchChain.tip();
  const lastBlock = options.lastBlock ?? BigInt(await target.l2.provider.getBlockNumber());
  const blocks = await readL2Blocks(target.l2.provider, target.l2.bridgeAddress, tipBlock + 1n, lastBlock);

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

  const keys = options.signers ?? target.keys;
  const signaturesBySigner = new Map<string, Hex>();
  for (const key of keys) signaturesBySigner.set(key.address.toLowerCase(), await signHeaderWith(target, key, header));
  const forged = {
    header,
    hash: headerHash(header),
    signatures: await packSignatures(target, header, keys),
    signaturesBySigner,
    blockLeaves,
    transactions,
    txLeaves,
    data,
    blocks,
  };
  if (options.submit === false) return forged;
  await target.store?.put(header.dataHash as Hex, data);
  const receipt = await (
    await batchChain.connect(await scheduledKey(target)).submitBatch(header, forged.signatures)
  ).wait();
  return { ...forged, receipt: receipt! };
}

/** The target's key scheduled to propose now (at the pending block's time, when the submission lands). */
export async function scheduledKey(target: ForgeTarget): Promise<Wallet> {
  const count = await target.batchChain.batchCount();
  const [, , , lastAcceptedAt] = await target.batchChain.tip();
  const [signer] = await target.registry.scheduledProposer(count, lastAcceptedAt, { blockTag: "pending" });
  const key = target.keys.find((k) => k.address === signer);
  if (!key) throw new Error(`no forger key is the scheduled proposer ${signer}`);
  return key;
}

/** The challenge context of a submitted batch, for the SDK's Challenger (with the previous batch when given). */
export function contextOf(
  l2: JsonRpcApiProvider,
  batch: ForgedBatch,
  previous?: Pick<ForgedBatch, "header" | "blockLeaves">,
): ChallengeContext {
  return {
    header: batch.header,
    signatures: batch.signatures,
    blockLeaves: batch.blockLeaves,
    transactions: batch.transactions,
    txLeaves: batch.txLeaves,
    l2,
    previous: previous && { header: previous.header, blockLeaves: previous.blockLeaves },
  };
}
