import { MetisError } from "../errors/base";

import { toUint, type UintLike } from "./abi";
import { withdrawalHash, type WithdrawalInput } from "./bridge-hashes";
import { MAX_BATCH_BLOCKS, WITHDRAWAL_TREE_DEPTH } from "./constants";
import { headerHash, type BatchHeader } from "./header";
import { bytes32, bytesToHex, ZERO_HASH, type Bytes32Like, type Hex } from "./hex";
import { blockLeaf, txLeaf, type BlockLeafInput } from "./leaves";
import { computeMerkleRoot, treeHeight, zeroHash } from "./merkle";

/**
 * Everything a wallet needs to check an L2 withdrawal against one batch header, and everything L1Bridge needs to pay
 * it: plain data, safe to serialise and hand to a browser.
 */
export interface WithdrawalProof {
  readonly withdrawal: WithdrawalInput;
  readonly batchIndex: UintLike;
  /** The batch's header; BatchChain stores its hash. */
  readonly header: BatchHeader;
  /** The block whose withdrawal root holds the withdrawal. */
  readonly blockLeaf: BlockLeafInput;
  /** Position of that block in the batch. */
  readonly blockLeafIndex: number;
  /** Siblings of the block leaf in `header.stateBatchRoot`, lowest first. */
  readonly blockSiblings: readonly Bytes32Like[];
  /** The 32 siblings of the withdrawal in the block's withdrawal root, lowest first. */
  readonly withdrawalSiblings: readonly Bytes32Like[];
}

/** A transaction's place in a batch: its leaf and the proof of that leaf in `header.txBatchRoot`. */
export interface TxInclusionProof {
  readonly batchIndex: UintLike;
  readonly header: BatchHeader;
  readonly l2BlockNumber: UintLike;
  readonly indexInBlock: UintLike;
  readonly txHash: Bytes32Like;
  /** Position of the transaction's leaf among the batch's transactions. */
  readonly leafIndex: number;
  /** Siblings of the leaf in `header.txBatchRoot`, lowest first. */
  readonly siblings: readonly Bytes32Like[];
}

/** The header a wallet trusts: its hash as read from BatchChain (or the header itself, hashed locally). */
export type TrustedHeader = { readonly headerHash: Bytes32Like } | { readonly header: BatchHeader };

/** Which check failed. */
export type VerificationStep = "format" | "header" | "block" | "withdrawal" | "transaction";

/** The outcome of a wallet-side check: valid, or the first step that failed and why. */
export type VerificationResult =
  | { readonly valid: true; readonly leaf: Hex }
  | { readonly valid: false; readonly step: VerificationStep; readonly reason: string };

const fail = (step: VerificationStep, reason: string): VerificationResult => ({ valid: false, step, reason });

function trustedHash(trusted: TrustedHeader): Hex {
  return "headerHash" in trusted ? bytesToHex(bytes32(trusted.headerHash, "headerHash")) : headerHash(trusted.header);
}

/** Runs `check`, turning an SDK error thrown by malformed input into a failed `format` step. */
function guarded(check: () => VerificationResult): VerificationResult {
  try {
    return check();
  } catch (error) {
    if (error instanceof MetisError) return fail("format", error.message);
    throw error;
  }
}

/**
 * Checks a withdrawal proof against a header the wallet trusts, without any RPC: the proof's header hashes to the
 * trusted hash; the block leaf is the block at its position and, with its siblings, leads to the header's
 * stateBatchRoot (tree height from the header's block range); and the withdrawal, with its 32 siblings, leads to
 * that block's withdrawal root. Returns the withdrawal hash when valid, or the first step that failed.
 */
export function verifyWithdrawalProof(proof: WithdrawalProof, trusted: TrustedHeader): VerificationResult {
  return guarded(() => {
    const computedHeader = headerHash(proof.header);
    if (computedHeader !== trustedHash(trusted)) {
      return fail("header", `the proof's header hashes to ${computedHeader}, not the trusted header hash`);
    }
    if (toUint(proof.header.batchIndex, 64, "header.batchIndex") !== toUint(proof.batchIndex, 64, "batchIndex")) {
      return fail("header", "the proof names another batch than its header");
    }
    const first = toUint(proof.header.firstBlock, 64, "header.firstBlock");
    const last = toUint(proof.header.lastBlock, 64, "header.lastBlock");
    // The same bound as L1Bridge: L1 refuses a proof against a wider range whatever its header says.
    if (last < first || last - first >= MAX_BATCH_BLOCKS) {
      return fail("block", `blocks ${first}..${last} are not a batch's range (at most ${MAX_BATCH_BLOCKS} blocks)`);
    }
    const blockCount = Number(last - first + 1n);
    const number = toUint(proof.blockLeaf.number, 64, "blockLeaf.number");
    if (proof.blockLeafIndex >= blockCount || number !== first + BigInt(proof.blockLeafIndex)) {
      return fail("block", `block ${number} is not block ${proof.blockLeafIndex} of blocks ${first}..${last}`);
    }
    const height = treeHeight(blockCount);
    if (proof.blockSiblings.length !== height) {
      return fail(
        "block",
        `the block proof has ${proof.blockSiblings.length} siblings, the batch's tree has height ${height}`,
      );
    }
    const stateRoot = computeMerkleRoot({
      leaf: blockLeaf(proof.blockLeaf),
      index: proof.blockLeafIndex,
      proof: proof.blockSiblings,
      height,
    });
    if (stateRoot !== bytesToHex(bytes32(proof.header.stateBatchRoot, "header.stateBatchRoot"))) {
      return fail("block", "the block leaf is not in the batch's stateBatchRoot");
    }
    const leaf = withdrawalHash(proof.withdrawal);
    const index = toUint(proof.withdrawal.index, 32, "withdrawal.index");
    if (proof.withdrawalSiblings.length !== WITHDRAWAL_TREE_DEPTH) {
      return fail(
        "withdrawal",
        `the withdrawal proof has ${proof.withdrawalSiblings.length} siblings, not ${WITHDRAWAL_TREE_DEPTH}`,
      );
    }
    const withdrawalRoot = computeMerkleRoot({
      leaf,
      index: Number(index),
      proof: proof.withdrawalSiblings,
      height: WITHDRAWAL_TREE_DEPTH,
    });
    if (withdrawalRoot !== bytesToHex(bytes32(proof.blockLeaf.withdrawalRoot, "blockLeaf.withdrawalRoot"))) {
      return fail("withdrawal", "the withdrawal is not in the block's withdrawal root");
    }
    return { valid: true, leaf };
  });
}

/**
 * Checks that a transaction is in a batch whose header the wallet trusts: the header hashes to the trusted hash, the
 * transaction's block is in the batch, and its leaf with the siblings leads to the header's txBatchRoot (tree height
 * from the header's txCount). Returns the transaction leaf when valid.
 */
export function verifyTxInclusion(proof: TxInclusionProof, trusted: TrustedHeader): VerificationResult {
  return guarded(() => {
    const computedHeader = headerHash(proof.header);
    if (computedHeader !== trustedHash(trusted)) {
      return fail("header", `the proof's header hashes to ${computedHeader}, not the trusted header hash`);
    }
    const block = toUint(proof.l2BlockNumber, 64, "l2BlockNumber");
    const first = toUint(proof.header.firstBlock, 64, "header.firstBlock");
    const last = toUint(proof.header.lastBlock, 64, "header.lastBlock");
    if (block < first || block > last) return fail("transaction", `block ${block} is not in blocks ${first}..${last}`);
    const txCount = Number(toUint(proof.header.txCount, 32, "header.txCount"));
    if (proof.leafIndex >= txCount)
      return fail("transaction", `leaf ${proof.leafIndex} is beyond the batch's ${txCount} transactions`);
    const height = treeHeight(txCount);
    if (proof.siblings.length !== height) {
      return fail(
        "transaction",
        `the proof has ${proof.siblings.length} siblings, the batch's tree has height ${height}`,
      );
    }
    const leaf = txLeaf({ l2BlockNumber: block, indexInBlock: proof.indexInBlock, txHash: proof.txHash });
    const root = computeMerkleRoot({ leaf, index: proof.leafIndex, proof: proof.siblings, height });
    if (root !== bytesToHex(bytes32(proof.header.txBatchRoot, "header.txBatchRoot"))) {
      return fail("transaction", "the transaction is not in the batch's txBatchRoot");
    }
    return { valid: true, leaf };
  });
}

/** A 32-byte word of an unsigned integer. */
function word(value: UintLike, bits: number, field: string): Hex {
  return `0x${toUint(value, bits, field).toString(16).padStart(64, "0")}`;
}

/**
 * `blockProof` as L1Bridge.finalizeWithdrawal takes it: the block leaf's siblings, then eight header fields as words
 * (parentHash, firstBlock, lastBlock, txCount, txBatchRoot, depositCount, depositChainHash, dataHash). The call names
 * batchIndex and the proof computes stateBatchRoot, so neither is carried.
 */
export function encodeBlockProof(header: BatchHeader, siblings: readonly Bytes32Like[]): Hex[] {
  const hex = (value: Bytes32Like, field: string) => bytesToHex(bytes32(value, field));
  return [
    ...siblings.map((sibling, i) => hex(sibling, `siblings[${i}]`)),
    hex(header.parentHash, "parentHash"),
    word(header.firstBlock, 64, "firstBlock"),
    word(header.lastBlock, 64, "lastBlock"),
    word(header.txCount, 32, "txCount"),
    hex(header.txBatchRoot, "txBatchRoot"),
    word(header.depositCount, 64, "depositCount"),
    hex(header.depositChainHash, "depositChainHash"),
    hex(header.dataHash, "dataHash"),
  ];
}

/**
 * `withdrawalProof` as L1Bridge.finalizeWithdrawal takes it: a bitmap word whose bit L marks a sibling equal to the
 * all-zero subtree Z[L] (left out, the contract knows it), then the other siblings. A deep tree with few leaves needs
 * a handful of words instead of 32.
 */
export function encodeCompactProof(siblings: readonly Bytes32Like[]): Hex[] {
  let bitmap = 0n;
  const carried: Hex[] = [];
  siblings.forEach((sibling, level) => {
    const value = bytesToHex(bytes32(sibling, `siblings[${level}]`));
    if (value === zeroHash(level)) bitmap |= 1n << BigInt(level);
    else carried.push(value);
  });
  return [word(bitmap, 256, "bitmap"), ...carried];
}

/** The arguments of L1Bridge.finalizeWithdrawal for `proof`, in order. */
export function finalizeWithdrawalArguments(proof: WithdrawalProof) {
  return [
    proof.withdrawal,
    toUint(proof.batchIndex, 64, "batchIndex"),
    proof.blockLeaf,
    proof.blockLeafIndex,
    encodeBlockProof(proof.header, proof.blockSiblings),
    encodeCompactProof(proof.withdrawalSiblings),
  ] as const;
}

/** The withdrawal root of an L2 bridge that holds no withdrawal: the depth-32 tree of zero leaves. */
export const EMPTY_WITHDRAWAL_ROOT = (): Hex => zeroHash(WITHDRAWAL_TREE_DEPTH);

/** `bytes32(0)`: the withdrawal root of blocks before the L2 bridge existed. */
export const NO_WITHDRAWAL_ROOT: Hex = ZERO_HASH;
