import { TreeFullError } from "../errors/proof";

import { bytesToHex, writeBytes32, ZERO_HASH, type Bytes32Like, type Hex } from "./hex";
import { pairHasher } from "./keccak/pair-hasher";
import { heightFor, zeroNode, type MerkleTreeOptions } from "./merkle";

/**
 * An append-only Merkle tree that keeps only its frontier: for each level, the last complete left subtree still
 * waiting for a right sibling (O(log n) nodes). Its root equals {@link MerkleTree}'s over the same leaves at every
 * size, with the same options. This is how the L2 bridge keeps the withdrawal tree and how the DA request manager
 * recomputes roots from data posted in chunks; the SDK uses it to follow both.
 */
export class IncrementalMerkleTree {
  private readonly frontier: Uint8Array[] = [];
  private count = 0;

  constructor(private readonly options?: MerkleTreeOptions) {
    heightFor(0, options);
  }

  /** Number of leaves appended. */
  get size(): number {
    return this.count;
  }

  /** Current height: the fixed depth, or ceil(log2 size). */
  get height(): number {
    return heightFor(this.count, this.options);
  }

  /** Appends `leaf` and returns its index. Throws {@link TreeFullError} when a fixed-depth tree is full. */
  append(leaf: Bytes32Like): number {
    const depth = this.options?.depth;
    if (depth !== undefined && this.count >= 2 ** depth) throw new TreeFullError(depth);
    let node: Uint8Array = new Uint8Array(32);
    writeBytes32(leaf, node, 0, "leaf");
    const index = this.count;
    let level = 0;
    for (let rest = index; rest % 2 === 1; rest = (rest - 1) / 2, level++) {
      node = pairHasher().hashPair(this.frontier[level]!, node);
    }
    this.frontier[level] = node;
    this.count = index + 1;
    return index;
  }

  /** The root over the leaves appended so far. */
  get root(): Hex {
    const height = this.height;
    if (this.count === 0) return height === 0 ? ZERO_HASH : bytesToHex(zeroNode(height));
    if (this.count === 2 ** height) return bytesToHex(this.frontier[height]!);
    // Walk up from the first empty position: a set bit of `count` at a level means a complete left subtree waits
    // in the frontier there; a clear bit means the right side at that level is still empty.
    const hasher = pairHasher();
    let node = zeroNode(0);
    for (let level = 0, rest = this.count; level < height; level++, rest = Math.floor(rest / 2)) {
      node = rest % 2 === 1 ? hasher.hashPair(this.frontier[level]!, node) : hasher.hashPair(node, zeroNode(level));
    }
    return bytesToHex(node);
  }
}
