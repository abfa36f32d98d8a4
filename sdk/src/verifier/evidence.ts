/**
 * Evidence for DisputeManager's challenges, built from what a verifier has: the batch's committed leaves, and an L2
 * node (its own replica, or any RPC) for block headers, transactions and `eth_getProof`. Browser-safe: no Node
 * built-ins; transactions-trie proofs come from @ethereumjs/mpt.
 */
import { hexlify, keccak256, toBeHex, zeroPadValue, type JsonRpcApiProvider } from "ethers";

import { BlockHeaderEncodingError, CommittedDataMismatchError, L2EvidenceError } from "../errors/challenge";
import {
  blockLeaf,
  bytesToHex,
  encodeBlockHeader as encodeRlpHeader,
  MerkleTree,
  txLeaf,
  ZERO_HASH,
  type BatchHeader,
  type BlockHeaderFields,
  type BlockLeafInput,
  type Bytes32Like,
  type Hex,
  type TxLeafInput,
} from "../proof";
import { rawTransactionOf } from "../sequencer/l2-reader";

import { transactionsTrieProof } from "./transactions-trie";

export { transactionKey, transactionsTrieProof } from "./transactions-trie";

/** A block leaf as the contract takes it. */
export interface BlockLeafStruct {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly blockHash: Hex;
  readonly stateRoot: Hex;
  readonly withdrawalRoot: Hex;
}

/** IDisputeManager.BlockEvidence: a block leaf, its proof in `stateBatchRoot` and its RLP header (or `0x`). */
export interface BlockEvidence {
  readonly leaf: BlockLeafStruct;
  readonly leafIndex: bigint;
  readonly siblings: Hex[];
  readonly rlpHeader: Hex;
}

/** IDisputeManager.TxEvidence: a transaction leaf (or, with a zero `txHash`, the padding leaf) and its proof. */
export interface TxEvidence {
  readonly l2BlockNumber: bigint;
  readonly indexInBlock: bigint;
  readonly txHash: Hex;
  readonly position: bigint;
  readonly siblings: Hex[];
}

/** IDisputeManager.TxGap: the leaves around an omitted transaction. */
export interface TxGap {
  readonly hasPrevious: boolean;
  readonly previous: TxEvidence;
  readonly hasNext: boolean;
  readonly next: TxEvidence;
}

/** Evidence the contract does not read (a leaf outside the batch, the missing side of a gap): all zero. */
export const NO_BLOCK_EVIDENCE: BlockEvidence = {
  leaf: { number: 0n, timestamp: 0n, blockHash: ZERO_HASH, stateRoot: ZERO_HASH, withdrawalRoot: ZERO_HASH },
  leafIndex: 0n,
  siblings: [],
  rlpHeader: "0x",
};
export const NO_TX_EVIDENCE: TxEvidence = {
  l2BlockNumber: 0n,
  indexInBlock: 0n,
  txHash: ZERO_HASH,
  position: 0n,
  siblings: [],
};

// Block headers ------------------------------------------------------------------------------------------------------

/** An `eth_getBlockByNumber`/`eth_getBlockByHash` result: the header fields, as hex. */
/** An L2 block header's fields as a node returns them (with its hash), the form the proof module encodes. */
export interface RpcHeaderFields extends BlockHeaderFields {
  readonly hash: string;
}

/**
 * The block header as RLP, from a node's fields ({@link encodeRlpHeader} of the proof module: the 15 fields of every
 * header, then each later fork's while the node returns it). Checked to hash to the block's hash, else
 * {@link BlockHeaderEncodingError}.
 */
export function encodeBlockHeader(block: RpcHeaderFields): Hex {
  const rlp = bytesToHex(encodeRlpHeader(block));
  const rlpHash = keccak256(rlp);
  if (rlpHash !== block.hash.toLowerCase()) throw new BlockHeaderEncodingError(block.hash, rlpHash);
  return rlp;
}

/** An L2 block with full transactions as the node returns it. */
interface RpcFullBlock extends RpcHeaderFields {
  readonly transactions: Record<string, unknown>[];
}

/** Block `hash` with its transactions from `l2`; {@link L2EvidenceError} when the node has no such block. */
async function blockByHash(l2: JsonRpcApiProvider, hash: string): Promise<RpcFullBlock> {
  const block = (await l2.send("eth_getBlockByHash", [hash, true])) as RpcFullBlock | null;
  if (block === null) throw new L2EvidenceError(`the L2 node has no block ${hash}`);
  return block;
}

/** The RLP header of the L2 block with hash `blockHash` (from `eth_getBlockByHash`, checked against the hash). */
export async function fetchRlpHeader(l2: JsonRpcApiProvider, blockHash: Bytes32Like): Promise<Hex> {
  return encodeBlockHeader(await blockByHash(l2, hexlify(blockHash)));
}

// Merkle evidence ----------------------------------------------------------------------------------------------------

/** A block leaf input as the contract's struct. */
export function blockLeafStruct(leaf: BlockLeafInput): BlockLeafStruct {
  return {
    number: BigInt(leaf.number),
    timestamp: BigInt(leaf.timestamp),
    blockHash: hexlify(leaf.blockHash) as Hex,
    stateRoot: hexlify(leaf.stateRoot) as Hex,
    withdrawalRoot: hexlify(leaf.withdrawalRoot) as Hex,
  };
}

/**
 * The evidence for leaf `leafIndex` of a batch whose committed block leaves are `leaves`, with `rlpHeader` (default
 * `0x`, for challenges that do not read it). Throws {@link CommittedDataMismatchError} when the leaves do not build
 * `header.stateBatchRoot`.
 */
export function blockEvidence(
  header: BatchHeader,
  leaves: readonly BlockLeafInput[],
  leafIndex: number,
  rlpHeader: Hex = "0x",
): BlockEvidence {
  const tree = MerkleTree.from(leaves.map(blockLeaf));
  const root = hexlify(header.stateBatchRoot);
  if (tree.root !== root) throw new CommittedDataMismatchError("stateBatchRoot", root, tree.root);
  return {
    leaf: blockLeafStruct(leaves[leafIndex] ?? NO_BLOCK_EVIDENCE.leaf),
    leafIndex: BigInt(leafIndex),
    siblings: tree.proof(leafIndex),
    rlpHeader,
  };
}

/** The transaction leaves of a batch from its blocks' raw transactions (the data object's), in block then index order. */
export function txLeavesOf(firstBlock: bigint, transactions: readonly (readonly Hex[])[]): TxLeafInput[] {
  const leaves: TxLeafInput[] = [];
  transactions.forEach((block, b) => {
    block.forEach((raw, indexInBlock) => {
      leaves.push({ l2BlockNumber: firstBlock + BigInt(b), indexInBlock, txHash: keccak256(raw) as Hex });
    });
  });
  return leaves;
}

/**
 * Builds the batch's transaction tree from its committed leaves (padded with zero leaves up to `header.txCount`, as a
 * tree over fewer transactions than the count is) and returns evidence for the leaf at `position`: a padding position
 * gets the zero `txHash` that names the padding leaf. Throws {@link CommittedDataMismatchError} when the leaves do not
 * build `header.txBatchRoot`.
 */
export function txEvidence(header: BatchHeader, leaves: readonly TxLeafInput[], position: number): TxEvidence {
  return txTree(header, leaves).evidence(position);
}

/** The batch's transaction tree with an evidence builder for any position. */
export function txTree(header: BatchHeader, leaves: readonly TxLeafInput[]) {
  const count = Number(header.txCount);
  const hashes: Hex[] = leaves.map(txLeaf);
  while (hashes.length < count) hashes.push(ZERO_HASH);
  const tree = MerkleTree.from(hashes);
  const root = hexlify(header.txBatchRoot);
  if (tree.root !== root) throw new CommittedDataMismatchError("txBatchRoot", root, tree.root);
  return {
    evidence(position: number): TxEvidence {
      const leaf = leaves[position];
      return {
        l2BlockNumber: leaf === undefined ? 0n : BigInt(leaf.l2BlockNumber),
        indexInBlock: leaf === undefined ? 0n : BigInt(leaf.indexInBlock),
        txHash: leaf === undefined ? ZERO_HASH : (hexlify(leaf.txHash) as Hex),
        position: BigInt(position),
        siblings: tree.proof(position),
      };
    },
  };
}

// Trie proofs --------------------------------------------------------------------------------------------------------

/**
 * The raw transactions of the L2 block with hash `blockHash`, its RLP header, and a transactions-trie proof for
 * `index` against its header's transactions root. Throws {@link L2EvidenceError} when the node lacks the block or its
 * transactions do not build that root.
 */
export async function blockTransactionProof(
  l2: JsonRpcApiProvider,
  blockHash: Bytes32Like,
  index: number | bigint,
): Promise<{ readonly rlpHeader: Hex; readonly transactions: Hex[]; readonly proof: Hex[] }> {
  const block = await blockByHash(l2, hexlify(blockHash));
  const rlpHeader = encodeBlockHeader(block);
  const number = BigInt(block.number);
  const transactions = block.transactions.map((rpc) => rawTransactionOf(rpc, number).raw);
  const { root, proof } = await transactionsTrieProof(transactions, index);
  if (root !== block.transactionsRoot.toLowerCase()) {
    throw new L2EvidenceError(`block ${block.hash}'s transactions build root ${root}, not ${block.transactionsRoot}`);
  }
  return { rlpHeader, transactions, proof };
}

/** `eth_getProof`'s answer, as EDR (and geth) return it. */
interface RpcAccountProof {
  readonly accountProof: string[];
  readonly storageHash: string;
  readonly storageProof: { readonly key: string; readonly value: string; readonly proof: string[] }[];
}

/** The account and storage proofs of one storage slot, and the slot's value. */
export interface StorageProof {
  readonly accountProof: Hex[];
  readonly storageProof: Hex[];
  readonly value: bigint;
}

/**
 * `eth_getProof` for storage slot `slot` of `account` at L2 block `block`, whose state root must be `stateRoot`
 * (checked: {@link L2EvidenceError} otherwise). Slot keys are sent as 32 bytes, as EDR requires.
 */
export async function storageProof(
  l2: JsonRpcApiProvider,
  account: string,
  slot: bigint,
  block: bigint,
  stateRoot: Bytes32Like,
): Promise<StorageProof> {
  const tag = toBeHex(block);
  const header = (await l2.send("eth_getBlockByNumber", [tag, false])) as RpcHeaderFields | null;
  if (header === null) throw new L2EvidenceError(`the L2 node has no block ${block}`);
  const expected = hexlify(stateRoot);
  if (header.stateRoot.toLowerCase() !== expected) {
    throw new L2EvidenceError(`block ${block} has state root ${header.stateRoot}, not ${expected}`);
  }
  const proof = (await l2.send("eth_getProof", [account, [zeroPadValue(toBeHex(slot), 32)], tag])) as RpcAccountProof;
  const [slotProof] = proof.storageProof;
  if (slotProof === undefined) throw new L2EvidenceError(`eth_getProof returned no proof for slot ${slot}`);
  return {
    accountProof: proof.accountProof as Hex[],
    storageProof: slotProof.proof as Hex[],
    value: BigInt(slotProof.value),
  };
}
