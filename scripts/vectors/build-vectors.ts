/**
 * Golden vectors for PROTOCOL section 2, computed by the SDK. `write-vectors.ts` writes them to `test/vectors/`;
 * the Solidity libraries replay them through harness contracts (test/libraries), and a test checks that the
 * committed files still equal what the SDK computes, so neither side can drift silently.
 */
import {
  batchDataHash,
  batchHeaderDomain,
  blockLeaf,
  depositChainHash,
  depositHash,
  domainSeparator,
  encodeBatchData,
  headerDigest,
  headerHash,
  keccak256,
  MerkleTree,
  txLeaf,
  withdrawalHash,
  bytesToHex,
  type Address,
  type BatchHeader,
  type DepositInput,
  type Hex,
  type WithdrawalInput,
} from "../../sdk/src/proof";

/** Tree sizes the issue asks for: empty, single leaf, powers of two and their neighbours, and a large odd size. */
export const VECTOR_TREE_SIZES = [0, 1, 2, 3, 5, 8, 9, 1000] as const;
/** For trees larger than this, proofs are written only for {@link sampledIndices}. */
const ALL_PROOFS_UP_TO = 16;

const UINT64_MAX = 2n ** 64n - 1n;
const UINT256_MAX = 2n ** 256n - 1n;

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
/** A deterministic 32-byte value named by `label`. */
export const fixture = (label: string): Hex => bytesToHex(keccak256(text(label)));
const address = (label: string): Address => fixture(label).slice(0, 42) as Address;

function sampledIndices(size: number): number[] {
  if (size <= ALL_PROOFS_UP_TO) return Array.from({ length: size }, (_, i) => i);
  const picks = [0, 1, Math.floor(size / 2) - 1, Math.floor(size / 2), 511, 512, size - 2, size - 1];
  return [...new Set(picks.filter((i) => i >= 0 && i < size))].sort((a, b) => a - b);
}

/** Leaves of the vector tree of `size`: `keccak256("leaf <size> <i>")`. */
export function vectorLeaves(size: number): Hex[] {
  return Array.from({ length: size }, (_, i) => fixture(`leaf ${size} ${i}`));
}

export function buildMerkleVectors() {
  return {
    description:
      "Positional Merkle trees of PROTOCOL section 2. height = ceil(log2 size); proof siblings run from the leaf " +
      "upwards; depth32Root is the same leaves in the fixed-depth-32 tree of the withdrawal side.",
    trees: VECTOR_TREE_SIZES.map((size) => {
      const leaves = vectorLeaves(size);
      const tree = MerkleTree.from(leaves);
      return {
        size,
        height: tree.height,
        leaves,
        root: tree.root,
        depth32Root: MerkleTree.from(leaves, { depth: 32 }).root,
        proofs: sampledIndices(size).map((index) => ({ index, proof: tree.proof(index) })),
      };
    }),
  };
}

const str = (value: bigint | number): string => value.toString();

export function buildEncodingVectors() {
  const txLeaves = [
    { l2BlockNumber: 0n, indexInBlock: 0, txHash: fixture("tx 0") },
    { l2BlockNumber: 1234n, indexInBlock: 7, txHash: fixture("tx 1") },
    { l2BlockNumber: UINT64_MAX, indexInBlock: 2 ** 32 - 1, txHash: fixture("tx 2") },
  ];
  const blockLeaves = [
    {
      number: 0n,
      timestamp: 0n,
      blockHash: fixture("block 0"),
      stateRoot: fixture("state 0"),
      withdrawalRoot: fixture("w 0"),
    },
    {
      number: 42n,
      timestamp: 1_700_000_000n,
      blockHash: fixture("block 1"),
      stateRoot: fixture("state 1"),
      withdrawalRoot: fixture("w 1"),
    },
    {
      number: UINT64_MAX,
      timestamp: UINT64_MAX,
      blockHash: fixture("block 2"),
      stateRoot: fixture("state 2"),
      withdrawalRoot: fixture("w 2"),
    },
  ];
  const zeroAddress = `0x${"0".repeat(40)}` as Address;
  const deposits: DepositInput[] = [
    {
      index: 0n,
      from: address("alice"),
      to: address("bob"),
      l1Token: zeroAddress,
      amount: 10n ** 18n,
      l1Timestamp: 1_700_000_000n,
    },
    {
      index: 1n,
      from: address("carol"),
      to: address("carol"),
      l1Token: address("token"),
      amount: 1n,
      l1Timestamp: 1_700_000_012n,
    },
    {
      index: 2n,
      from: address("dave"),
      to: address("erin"),
      l1Token: address("token"),
      amount: UINT256_MAX,
      l1Timestamp: UINT64_MAX,
    },
  ];
  const withdrawals: WithdrawalInput[] = [
    { index: 0n, l2Sender: address("bob"), l1To: address("alice"), l1Token: zeroAddress, amount: 5n * 10n ** 17n },
    { index: 1n, l2Sender: address("carol"), l1To: address("frank"), l1Token: address("token"), amount: UINT256_MAX },
  ];
  const headers: { header: BatchHeader; chainId: bigint; verifyingContract: Address }[] = [
    {
      header: {
        batchIndex: 1n,
        parentHash: fixture("genesis header"),
        firstBlock: 1n,
        lastBlock: 16n,
        txCount: 40,
        txBatchRoot: fixture("txs"),
        stateBatchRoot: fixture("states"),
        depositCount: 3n,
        depositChainHash: fixture("deposits"),
        dataHash: fixture("data"),
      },
      chainId: 31337n,
      verifyingContract: address("batch chain"),
    },
    {
      header: {
        batchIndex: UINT64_MAX,
        parentHash: fixture("parent"),
        firstBlock: UINT64_MAX,
        lastBlock: UINT64_MAX,
        txCount: 2 ** 32 - 1,
        txBatchRoot: `0x${"0".repeat(64)}`,
        stateBatchRoot: fixture("states 2"),
        depositCount: UINT64_MAX,
        depositChainHash: fixture("deposits 2"),
        dataHash: fixture("data 2"),
      },
      chainId: 1n,
      verifyingContract: address("other batch chain"),
    },
  ];
  const dataObjects = [
    { batchIndex: 0n, blocks: [{ number: 0n, timestamp: 1_700_000_000n, transactions: [] }] },
    {
      batchIndex: 7n,
      blocks: [
        { number: 100n, timestamp: 1_700_000_000n, transactions: [fixture("raw tx a"), "0x02f8" as Hex] },
        { number: 101n, timestamp: 1_700_000_002n, transactions: [] },
        { number: 102n, timestamp: 1_700_000_004n, transactions: [bytesToHex(new Uint8Array(300).fill(0xab))] },
      ],
    },
  ];
  return {
    description:
      "Leaf, deposit, withdrawal, header and data-object encodings of PROTOCOL section 2. Integers as decimal strings.",
    txLeaves: txLeaves.map((input) => ({ ...input, l2BlockNumber: str(input.l2BlockNumber), leaf: txLeaf(input) })),
    blockLeaves: blockLeaves.map((input) => ({
      ...input,
      number: str(input.number),
      timestamp: str(input.timestamp),
      leaf: blockLeaf(input),
    })),
    deposits: deposits.map((input) => ({
      ...input,
      index: str(input.index),
      amount: str(input.amount),
      l1Timestamp: str(input.l1Timestamp),
      hash: depositHash(input),
    })),
    /** chain[i] after the first i deposits above; chain[0] = bytes32(0). */
    depositChain: deposits.map((_, i) => depositChainHash(deposits.slice(0, i))).concat(depositChainHash(deposits)),
    withdrawals: withdrawals.map((input) => ({
      ...input,
      index: str(input.index),
      amount: str(input.amount),
      hash: withdrawalHash(input),
    })),
    headers: headers.map(({ header, chainId, verifyingContract }) => {
      const domain = batchHeaderDomain(chainId, verifyingContract);
      return {
        header: Object.fromEntries(
          Object.entries(header).map(([key, value]) => [key, typeof value === "string" ? value : str(value as bigint)]),
        ),
        chainId: str(chainId),
        verifyingContract,
        headerHash: headerHash(header),
        domainSeparator: domainSeparator(domain),
        digest: headerDigest(header, domain),
      };
    }),
    dataObjects: dataObjects.map((data) => {
      const encoded = encodeBatchData(data);
      return {
        batchIndex: str(data.batchIndex),
        blocks: data.blocks.map((block) => ({ ...block, number: str(block.number), timestamp: str(block.timestamp) })),
        encoded: bytesToHex(encoded),
        dataHash: batchDataHash(encoded),
      };
    }),
  };
}
