import { expect } from "chai";
import { hexlify } from "ethers";
import fc from "fast-check";
import keccak256Package from "keccak256";
import { MerkleTree as ReferenceMerkleTree } from "merkletreejs";

import {
  computeMerkleRoot,
  IncrementalMerkleTree,
  IndexOutOfRangeError,
  IntegerOutOfRangeError,
  InvalidHexError,
  InvalidProofLengthError,
  MAX_TREE_DEPTH,
  merkleRoot,
  MerkleTree,
  treeHeight,
  TreeFullError,
  verifyMerkleProof,
  ZERO_HASH,
  zeroHash,
  type Hex,
} from "../../../sdk/src/proof";
import { seededWord } from "../../helpers/seeded";

const seededLeaf = (): Hex => seededWord("leaf");
const seededLeaves = (count: number): Hex[] => Array.from({ length: count }, seededLeaf);
const toBuffer = (hex: string): Buffer => Buffer.from(hex.slice(2), "hex");

/** merkletreejs in the protocol's shape: keccak256, pairs not sorted, leaves padded to a power of two with zeros. */
function referenceTree(leaves: readonly Hex[]): ReferenceMerkleTree {
  return new ReferenceMerkleTree(leaves.map(toBuffer), keccak256Package, { fillDefaultHash: Buffer.alloc(32) });
}

/** A tree size and an index inside it. */
const sizeAndIndex = (maxSize: number) =>
  fc.integer({ min: 1, max: maxSize }).chain((size) => fc.tuple(fc.constant(size), fc.nat({ max: size - 1 })));

describe("proof/merkle", function () {
  describe("treeHeight", function () {
    it("is ceil(log2 n), with 0 for zero and one leaf", function () {
      const cases: [number, number][] = [
        [0, 0],
        [1, 0],
        [2, 1],
        [3, 2],
        [4, 2],
        [5, 3],
        [8, 3],
        [9, 4],
        [1000, 10],
        [1024, 10],
        [1025, 11],
      ];
      for (const [count, height] of cases) expect(treeHeight(count), `n = ${count}`).to.equal(height);
    });

    it("rejects negative and fractional counts", function () {
      expect(() => treeHeight(-1)).to.throw(IntegerOutOfRangeError);
      expect(() => treeHeight(1.5)).to.throw(IntegerOutOfRangeError);
    });
  });

  describe("MerkleTree", function () {
    it("has root bytes32(0) when empty and the leaf itself as root for one leaf", function () {
      expect(merkleRoot([])).to.equal(ZERO_HASH);
      const leaf = seededLeaf();
      const tree = MerkleTree.from([leaf]);
      expect(tree.root).to.equal(leaf);
      expect(tree.height).to.equal(0);
      expect(tree.proof(0)).to.deep.equal([]);
    });

    it("pads to a power of two with zero leaves", function () {
      const leaves = seededLeaves(3);
      expect(merkleRoot(leaves)).to.equal(merkleRoot([...leaves, ZERO_HASH]));
    });

    it("has the root merkleRoot computes in place, for any size and depth", function () {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 700 }),
          fc.option(fc.integer({ min: 10, max: 40 }), { nil: undefined }),
          (size, depth) => {
            const leaves = seededLeaves(size);
            const options = depth === undefined ? undefined : { depth };
            const packedInput = leaves.map(toBuffer).map((b) => new Uint8Array(b));
            const root = MerkleTree.from(leaves, options).root;
            expect(merkleRoot(leaves, options)).to.equal(root);
            expect(merkleRoot(packedInput, options)).to.equal(root);
            expect(packedInput.map((b) => hexlify(b))).to.deep.equal(leaves);
          },
        ),
        { numRuns: 60 },
      );
    });

    it("accepts leaves as bytes and as hex alike", function () {
      const leaves = seededLeaves(7);
      expect(MerkleTree.from(leaves.map(toBuffer).map((b) => new Uint8Array(b))).root).to.equal(merkleRoot(leaves));
    });

    it("gives the same roots and proofs as merkletreejs configured to the same shape", function () {
      for (const size of [1, 2, 3, 5, 8, 9, 33, 100, 1000]) {
        const leaves = seededLeaves(size);
        const ours = MerkleTree.from(leaves);
        const theirs = referenceTree(leaves);
        expect(ours.root, `root, n = ${size}`).to.equal(theirs.getHexRoot());
        for (const index of new Set([0, size >> 1, size - 1])) {
          expect(ours.proof(index), `proof ${index}, n = ${size}`).to.deep.equal(
            theirs.getHexProof(toBuffer(leaves[index]!), index),
          );
        }
      }
    });

    it("matches merkletreejs on random sizes and indices", function () {
      fc.assert(
        fc.property(sizeAndIndex(600), ([size, index]) => {
          const leaves = seededLeaves(size);
          const theirs = referenceTree(leaves);
          const ours = MerkleTree.from(leaves);
          return (
            ours.root === theirs.getHexRoot() &&
            JSON.stringify(ours.proof(index)) === JSON.stringify(theirs.getHexProof(toBuffer(leaves[index]!), index))
          );
        }),
        { numRuns: 60 },
      );
    });

    it("extends to a fixed depth with zero subtrees", function () {
      const leaves = seededLeaves(5);
      const deep = MerkleTree.from(leaves, { depth: 32 });
      expect(deep.height).to.equal(32);
      const natural = MerkleTree.from(leaves);
      let expected = natural.root;
      for (let level = natural.height; level < 32; level++) {
        expected = computeMerkleRoot({ leaf: expected, index: 0, proof: [zeroHash(level)], height: 1 });
      }
      expect(deep.root).to.equal(expected);
      expect(deep.proof(4).slice(natural.height)).to.deep.equal(
        Array.from({ length: 32 - natural.height }, (_, i) => zeroHash(natural.height + i)),
      );
      expect(MerkleTree.from([], { depth: 32 }).root).to.equal(zeroHash(32));
    });

    it("rejects more leaves than a fixed depth holds", function () {
      expect(() => MerkleTree.from(seededLeaves(5), { depth: 2 })).to.throw(TreeFullError);
      expect(() => MerkleTree.from(seededLeaves(4), { depth: 2 })).not.to.throw();
    });

    it("rejects depths beyond what a JavaScript index can address, naming the limit", function () {
      expect(() => MerkleTree.from([], { depth: MAX_TREE_DEPTH + 1 }))
        .to.throw(IntegerOutOfRangeError, `[0, ${MAX_TREE_DEPTH}]`)
        .that.includes({ field: "depth", max: BigInt(MAX_TREE_DEPTH) });
      expect(() => MerkleTree.from([], { depth: -1 })).to.throw(IntegerOutOfRangeError);
    });

    it("rejects proof and leaf indices outside the tree", function () {
      const tree = MerkleTree.from(seededLeaves(5));
      for (const index of [5, 8, -1, 1.5, Number.NaN]) {
        expect(() => tree.proof(index), `index ${index}`).to.throw(IndexOutOfRangeError);
        expect(() => tree.leaf(index), `index ${index}`).to.throw(IndexOutOfRangeError);
      }
    });

    it("rejects packed leaves that are not a whole number of 32-byte leaves", function () {
      expect(() => MerkleTree.fromPacked(new Uint8Array(33))).to.throw(InvalidHexError);
      expect(MerkleTree.fromPacked(new Uint8Array(64)).size).to.equal(2);
    });

    it("names the malformed leaf", function () {
      const leaves: Hex[] = [seededLeaf(), "0x1234", seededLeaf()];
      expect(() => MerkleTree.from(leaves))
        .to.throw(InvalidHexError)
        .with.property("field", "leaves[1]");
      expect(() => MerkleTree.from([`0x${"zz".repeat(32)}`])).to.throw(InvalidHexError);
    });
  });

  describe("verifyMerkleProof", function () {
    it("accepts every proof of a tree and rejects a changed leaf, index or sibling", function () {
      fc.assert(
        fc.property(sizeAndIndex(3000), fc.nat(), ([size, index], salt) => {
          const leaves = seededLeaves(size);
          const tree = MerkleTree.from(leaves);
          const proof = tree.proof(index);
          const base = { root: tree.root, leaf: leaves[index]!, index, proof, height: tree.height };
          expect(verifyMerkleProof(base)).to.equal(true);
          expect(verifyMerkleProof({ ...base, leaf: seededLeaf() })).to.equal(false);
          if (tree.height > 0) {
            const otherIndex = (index + 1 + (salt % (2 ** tree.height - 1))) % 2 ** tree.height;
            expect(verifyMerkleProof({ ...base, index: otherIndex })).to.equal(false);
            const changed = [...proof];
            changed[salt % proof.length] = seededLeaf();
            expect(verifyMerkleProof({ ...base, proof: changed })).to.equal(false);
          }
        }),
        { numRuns: 150 },
      );
    });

    it("rejects a proof for another height with a typed error, and a longer consistent proof as false", function () {
      const leaves = seededLeaves(9);
      const tree = MerkleTree.from(leaves);
      const proof = tree.proof(3);
      const base = { root: tree.root, leaf: leaves[3]!, index: 3, proof, height: tree.height };
      expect(() => verifyMerkleProof({ ...base, height: tree.height + 1 }))
        .to.throw(InvalidProofLengthError)
        .that.includes({ expected: tree.height + 1, actual: proof.length });
      expect(() => verifyMerkleProof({ ...base, proof: proof.slice(1) })).to.throw(InvalidProofLengthError);
      expect(verifyMerkleProof({ ...base, proof: [...proof, seededLeaf()], height: tree.height + 1 })).to.equal(false);
    });

    it("names a malformed sibling by its position", function () {
      const tree = MerkleTree.from(seededLeaves(4));
      const proof: Hex[] = [tree.proof(0)[0]!, "0x12"];
      expect(() => verifyMerkleProof({ root: tree.root, leaf: tree.leaf(0), index: 0, proof, height: 2 }))
        .to.throw(InvalidHexError)
        .with.property("field", "proof[1]");
    });

    it("rejects an index at or beyond 2^height with a typed error", function () {
      const tree = MerkleTree.from(seededLeaves(4));
      const base = { root: tree.root, leaf: seededLeaf(), proof: tree.proof(0), height: 2 };
      expect(() => verifyMerkleProof({ ...base, index: 4 }))
        .to.throw(IndexOutOfRangeError)
        .that.includes({ index: 4, bound: 4 });
      expect(() => verifyMerkleProof({ ...base, index: -1 })).to.throw(IndexOutOfRangeError);
    });
  });

  describe("IncrementalMerkleTree", function () {
    it("has the full tree's root at every size", function () {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 300 }), (size) => {
          const leaves = seededLeaves(size);
          const incremental = new IncrementalMerkleTree();
          expect(incremental.root).to.equal(ZERO_HASH);
          leaves.forEach((leaf, i) => {
            expect(incremental.append(leaf)).to.equal(i);
            expect(incremental.root).to.equal(merkleRoot(leaves.slice(0, i + 1)));
          });
          expect(incremental.size).to.equal(size);
          expect(incremental.height).to.equal(treeHeight(size));
        }),
        { numRuns: 20 },
      );
    });

    it("has the full tree's root for random sizes up to a few thousand", function () {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 4000 }), (size) => {
          const leaves = seededLeaves(size);
          const incremental = new IncrementalMerkleTree();
          leaves.forEach((leaf) => incremental.append(leaf));
          return incremental.root === merkleRoot(leaves);
        }),
        { numRuns: 30 },
      );
    });

    it("keeps a fixed depth's root equal to the fixed-depth tree's after each append", function () {
      const leaves = seededLeaves(40);
      const incremental = new IncrementalMerkleTree({ depth: 32 });
      expect(incremental.root).to.equal(zeroHash(32));
      leaves.forEach((leaf, i) => {
        incremental.append(leaf);
        expect(incremental.root).to.equal(merkleRoot(leaves.slice(0, i + 1), { depth: 32 }));
      });
    });

    it("refuses to append past a fixed depth's capacity", function () {
      const tree = new IncrementalMerkleTree({ depth: 2 });
      for (let i = 0; i < 4; i++) tree.append(seededLeaf());
      const root = tree.root;
      expect(() => tree.append(seededLeaf()))
        .to.throw(TreeFullError)
        .with.property("depth", 2);
      expect(tree.size).to.equal(4);
      expect(tree.root).to.equal(root);
    });
  });
});
