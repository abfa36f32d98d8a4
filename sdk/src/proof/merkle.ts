import {
  IndexOutOfRangeError,
  IntegerOutOfRangeError,
  InvalidHexError,
  InvalidProofLengthError,
  TreeFullError,
} from "../errors/proof";

import { bytesToHex, decodeBytes32Into, writeBytes32, ZERO_HASH, type Bytes32Like, type Hex } from "./hex";
import { pairHasher } from "./keccak/pair-hasher";

/**
 * The protocol's positional binary Merkle tree (PROTOCOL section 2): for n >= 1 leaves the height is ceil(log2 n),
 * leaves are padded to 2^height with bytes32(0), a node is keccak256(left ++ right), the empty tree's root is
 * bytes32(0), and a proof is the `height` siblings from the leaf upwards. With a fixed `depth` (the withdrawal tree
 * uses 32) the height is that depth whatever the number of leaves.
 */

/** Deepest tree the SDK handles; proofs index leaves with JavaScript numbers, exact up to 2^53. */
export const MAX_TREE_DEPTH = 52;

export interface MerkleTreeOptions {
  /** Fixed height of the tree, at most {@link MAX_TREE_DEPTH}; leave unset for the positional height ceil(log2 n). */
  readonly depth?: number;
}

/** Height of the positional tree over `leafCount` leaves: ceil(log2 n), and 0 for zero or one leaf. */
export function treeHeight(leafCount: number): number {
  if (!Number.isSafeInteger(leafCount) || leafCount < 0) {
    throw new IntegerOutOfRangeError("leafCount", leafCount, BigInt(Number.MAX_SAFE_INTEGER));
  }
  let height = 0;
  while (2 ** height < leafCount) height++;
  return height;
}

const zeroNodes: Uint8Array[] = [new Uint8Array(32)];

/** Root of a subtree of height `level` holding only zero leaves (`Z[0] = 0`, `Z[i+1] = H(Z[i], Z[i])`), as bytes. */
export function zeroNode(level: number): Uint8Array {
  checkDepth(level, "level");
  while (zeroNodes.length <= level) {
    const below = zeroNodes[zeroNodes.length - 1]!;
    zeroNodes.push(pairHasher().hashPair(below, below));
  }
  return zeroNodes[level]!;
}

/** {@link zeroNode} as hex. */
export function zeroHash(level: number): Hex {
  return bytesToHex(zeroNode(level));
}

function checkDepth(depth: unknown, field: string): asserts depth is number {
  if (typeof depth !== "number" || !Number.isInteger(depth) || depth < 0 || depth > MAX_TREE_DEPTH) {
    throw new IntegerOutOfRangeError(field, depth, BigInt(MAX_TREE_DEPTH));
  }
}

function checkIndex(index: unknown, bound: number): asserts index is number {
  if (typeof index !== "number" || !Number.isSafeInteger(index) || index < 0 || index >= bound) {
    throw new IndexOutOfRangeError(index as number, bound);
  }
}

/** Height of a tree of `size` leaves under `options`, or {@link TreeFullError} when a fixed depth is too small. */
export function heightFor(size: number, options: MerkleTreeOptions | undefined): number {
  if (options?.depth === undefined) return treeHeight(size);
  checkDepth(options.depth, "depth");
  if (size > 2 ** options.depth) throw new TreeFullError(options.depth);
  return options.depth;
}

/** Leaves packed into one buffer of 32 bytes each, validated. */
export function packLeaves(leaves: readonly Bytes32Like[]): Uint8Array {
  const packed = new Uint8Array(32 * leaves.length);
  for (let i = 0; i < leaves.length; i++) {
    if (!decodeBytes32Into(leaves[i], packed, 32 * i)) throw new InvalidHexError(`leaves[${i}]`, leaves[i], 32);
  }
  return packed;
}

/**
 * Hashes a level of `size` nodes (`nodes`, at tree level `level`) into its parent level in `out`, which may be
 * `nodes` itself. An odd last node pairs with `Z[level]`, the root of an all-zero subtree. Returns `out`.
 */
function hashLevel(nodes: Uint8Array, size: number, level: number, out: Uint8Array): Uint8Array {
  const hasher = pairHasher();
  const pairs = Math.floor(size / 2);
  hasher.hashPairs(nodes, pairs, out);
  // The last node sits at or after index `pairs`, which the paired nodes above have not overwritten.
  if (size % 2 === 1) out.set(hasher.hashPair(nodes.subarray(32 * (size - 1), 32 * size), zeroNode(level)), 32 * pairs);
  return out;
}

/**
 * A Merkle tree with every level kept, for roots and proofs of any leaf. Built in one pass per level; use
 * {@link IncrementalMerkleTree} when leaves arrive one by one and only the root is needed.
 */
export class MerkleTree {
  private constructor(
    private readonly levels: readonly Uint8Array[],
    /** Number of leaves. */
    readonly size: number,
    /** Number of levels above the leaves; the length of every proof. */
    readonly height: number,
  ) {}

  /** Builds the tree over `leaves` (32-byte hashes, as hex or bytes). */
  static from(leaves: readonly Bytes32Like[], options?: MerkleTreeOptions): MerkleTree {
    return MerkleTree.fromPacked(packLeaves(leaves), options);
  }

  /** Builds the tree over leaves already packed as `32 * n` bytes (the fastest input; the buffer is not copied). */
  static fromPacked(packed: Uint8Array, options?: MerkleTreeOptions): MerkleTree {
    if (packed.length % 32 !== 0) throw new InvalidHexError("packed", packed, 32 * Math.ceil(packed.length / 32));
    const size = packed.length / 32;
    const height = heightFor(size, options);
    const levels = [packed];
    let count = size;
    for (let level = 0; level < height && count > 0; level++) {
      const parentCount = Math.ceil(count / 2);
      levels.push(hashLevel(levels[level]!, count, level, new Uint8Array(32 * parentCount)));
      count = parentCount;
    }
    return new MerkleTree(levels, size, height);
  }

  /** The root: bytes32(0) for an empty positional tree, `Z[depth]` for an empty fixed-depth one. */
  get root(): Hex {
    if (this.size === 0) return this.height === 0 ? ZERO_HASH : zeroHash(this.height);
    return bytesToHex(this.levels[this.height]!.subarray(0, 32));
  }

  /** The leaf at `index`. */
  leaf(index: number): Hex {
    checkIndex(index, this.size);
    return bytesToHex(this.levels[0]!.subarray(32 * index, 32 * index + 32));
  }

  /** The `height` siblings of leaf `index`, from the leaf upwards. */
  proof(index: number): Hex[] {
    checkIndex(index, this.size);
    const siblings: Hex[] = [];
    for (let level = 0, position = index; level < this.height; level++, position = Math.floor(position / 2)) {
      const sibling = position ^ 1;
      const nodes = this.levels[level]!;
      siblings.push(
        32 * sibling < nodes.length ? bytesToHex(nodes.subarray(32 * sibling, 32 * sibling + 32)) : zeroHash(level),
      );
    }
    return siblings;
  }
}

/**
 * Root of the positional tree (or of the fixed-depth tree) over `leaves`. Keeps no levels: each level is hashed in
 * place over the packed leaves, so the only allocation is that one buffer. Use {@link MerkleTree} for proofs.
 */
export function merkleRoot(leaves: readonly Bytes32Like[], options?: MerkleTreeOptions): Hex {
  const height = heightFor(leaves.length, options);
  const nodes = packLeaves(leaves);
  if (leaves.length === 0) return height === 0 ? ZERO_HASH : zeroHash(height);
  for (let level = 0, count = leaves.length; level < height; level++, count = Math.ceil(count / 2)) {
    hashLevel(nodes, count, level, nodes);
  }
  return bytesToHex(nodes.subarray(0, 32));
}

export interface MerkleProofParameters {
  /** The leaf the proof is for. */
  readonly leaf: Bytes32Like;
  /** Its position among the leaves; a proof binds it. */
  readonly index: number;
  /** Siblings from the leaf upwards. */
  readonly proof: readonly Bytes32Like[];
  /** Height the verifier expects, from a committed leaf count ({@link treeHeight}) or a fixed depth. */
  readonly height: number;
}

/**
 * The root that `proof` implies for `leaf` at `index`. Throws {@link InvalidProofLengthError} when the proof does
 * not have exactly `height` siblings and {@link IndexOutOfRangeError} when `index >= 2^height`.
 */
export function computeMerkleRoot({ leaf, index, proof, height }: MerkleProofParameters): Hex {
  checkDepth(height, "height");
  if (proof.length !== height) throw new InvalidProofLengthError(height, proof.length);
  checkIndex(index, 2 ** height);
  const hasher = pairHasher();
  let node: Uint8Array = new Uint8Array(32);
  writeBytes32(leaf, node, 0, "leaf");
  const sibling = new Uint8Array(32);
  for (let level = 0, position = index; level < height; level++, position = Math.floor(position / 2)) {
    if (!decodeBytes32Into(proof[level], sibling, 0)) throw new InvalidHexError(`proof[${level}]`, proof[level], 32);
    node = position % 2 === 0 ? hasher.hashPair(node, sibling) : hasher.hashPair(sibling, node);
  }
  return bytesToHex(node);
}

/**
 * Whether `proof` places `leaf` at `index` in the tree of height `height` whose root is `root`. A proof of the wrong
 * length or an index outside the tree is an argument error (thrown), not a `false`.
 */
export function verifyMerkleProof(parameters: MerkleProofParameters & { readonly root: Bytes32Like }): boolean {
  const expected = new Uint8Array(32);
  writeBytes32(parameters.root, expected, 0, "root");
  return computeMerkleRoot(parameters) === bytesToHex(expected);
}
