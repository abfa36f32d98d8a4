import { loadFixture } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { concat, keccak256 } from "ethers";
import fc from "fast-check";
import { ethers } from "hardhat";

import { encodeCompactProof, merkleRoot, MerkleTree, zeroHash, type Hex } from "../../sdk/src/proof";
import { propertyRuns, underCoverage } from "../helpers/coverage";
import merkleVectors from "../vectors/merkle.json";
import { seededWord } from "../helpers/seeded";

const seededLeaves = (count: number): Hex[] => Array.from({ length: count }, () => seededWord("leaf"));
/** Leaves per transaction when appending to storage trees, to stay under the per-transaction gas cap. */
const APPEND_CHUNK = 150;

describe("MerkleLib", function () {
  async function deployFixture() {
    const merkle = await ethers.deployContract("MerkleLibHarness");
    const ozTree = await ethers.deployContract("OzMerkleTreeHarness");
    return { merkle, ozTree };
  }

  describe("golden vectors", function () {
    for (const tree of merkleVectors.trees) {
      it(`reproduces the root, height and proofs of the ${tree.size}-leaf tree`, async function () {
        const { merkle } = await loadFixture(deployFixture);
        expect(await merkle.height(tree.size)).to.equal(tree.height);
        expect(await merkle.rootOf(tree.leaves)).to.equal(tree.root);
        for (const { index, proof } of tree.proofs) {
          expect(
            await merkle.verify(proof, tree.root, tree.leaves[index]!, index, tree.height),
            `proof ${index}`,
          ).to.equal(true);
        }
      });

      it(`reaches the ${tree.size}-leaf root by incremental appends`, async function () {
        const { merkle } = await loadFixture(deployFixture);
        for (let from = 0; from < tree.leaves.length; from += APPEND_CHUNK) {
          await merkle.appendLeaves(tree.leaves.slice(from, from + APPEND_CHUNK));
        }
        expect(await merkle.treeSize()).to.equal(tree.size);
        expect(await merkle.treeRoot()).to.equal(tree.root);
      });
    }

    it("reproduces the depth-32 roots with OpenZeppelin's MerkleTree", async function () {
      if (underCoverage()) this.skip(); // OpenZeppelin's tree against the vectors: no MerkleLib code runs
      for (const tree of merkleVectors.trees.filter((t) => t.size <= 9)) {
        const ozTree = await ethers.deployContract("OzMerkleTreeHarness");
        if (tree.leaves.length > 0) await ozTree.push(tree.leaves);
        expect(await ozTree.root(), `n = ${tree.size}`).to.equal(tree.depth32Root);
      }
    });
  });

  describe("zeroHash", function () {
    it("equals the SDK's empty-subtree roots up to depth 32", async function () {
      const { merkle } = await loadFixture(deployFixture);
      for (let level = 0; level <= 32; level++) expect(await merkle.zeroHash(level)).to.equal(zeroHash(level));
    });

    it("computes the levels above 32, past the table, by hashing up from Z[0]", async function () {
      const { merkle } = await loadFixture(deployFixture);
      let node = zeroHash(32);
      for (let level = 33; level <= 35; level++) {
        node = keccak256(concat([node, node])) as Hex;
        expect(await merkle.zeroHash(level), `Z[${level}]`).to.equal(node);
      }
    });
  });

  describe("appendAtDepth", function () {
    it("gives OpenZeppelin MerkleTree's depth-32 root after every push, and append's frontier", async function () {
      const { merkle, ozTree } = await loadFixture(deployFixture);
      // Past 256 leaves, so the frontier fills nine levels, in two transactions (the second reads what the first
      // stored). Under coverage, which traces every step, 20 leaves in two transactions still fill five levels.
      const [count, chunkSize] = underCoverage() ? [20, 10] : [260, 130];
      const leaves = seededLeaves(count);
      for (let from = 0; from < leaves.length; from += chunkSize) {
        const chunk = leaves.slice(from, from + chunkSize);
        const ours = await merkle.appendAtDepth.staticCall(chunk, 32);
        const theirs = await ozTree.push.staticCall(chunk);
        expect(ours).to.deep.equal(theirs);
        await (await merkle.appendAtDepth(chunk, 32)).wait();
        await (await ozTree.push(chunk)).wait();
      }
      // The same frontier as append: the positional root over the leaves so far.
      expect(await merkle.treeSize()).to.equal(BigInt(leaves.length));
      expect(await merkle.treeRoot()).to.equal(merkleRoot(leaves));
    });

    it("fills a small tree to its last leaf, then reverts with MerkleLibTreeFull", async function () {
      const { merkle } = await loadFixture(deployFixture);
      const leaves = seededLeaves(8);
      const roots = await merkle.appendAtDepth.staticCall(leaves, 3);
      expect(roots.at(-1)).to.equal(merkleRoot(leaves, { depth: 3 }));
      expect(roots[2]).to.equal(merkleRoot(leaves.slice(0, 3), { depth: 3 }));
      await (await merkle.appendAtDepth(leaves, 3)).wait();
      expect(await merkle.treeRoot()).to.equal(merkleRoot(leaves));
      await expect(merkle.appendAtDepth(seededLeaves(1), 3))
        .to.be.revertedWithCustomError(merkle, "MerkleLibTreeFull")
        .withArgs(8);
      await expect(merkle.appendAtDepth(seededLeaves(1), 33)).to.be.revertedWithCustomError(
        merkle,
        "MerkleLibIndexOutOfRange",
      );
    });
  });

  describe("processCompactProof", function () {
    const compact = (tree: MerkleTree, index: number) => {
      const [bitmap, ...carried] = encodeCompactProof(tree.proof(index));
      return { bitmap: BigInt(bitmap!), carried };
    };

    it("reaches the depth-32 root from the SDK's compact proof of any leaf", async function () {
      const { merkle } = await loadFixture(deployFixture);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 3000 }), fc.nat(), async (size, indexSeed) => {
          const leaves = seededLeaves(size);
          const tree = MerkleTree.from(leaves, { depth: 32 });
          // A random leaf, the last one (empty siblings right above it) and the first.
          for (const index of new Set([indexSeed % size, size - 1, 0])) {
            const { bitmap, carried } = compact(tree, index);
            expect(await merkle.processCompactProof(carried, bitmap, leaves[index]!, index, 32)).to.equal(tree.root);
          }
        }),
        { numRuns: propertyRuns(25, 5) },
      );
    });

    it("handles a full tree (nothing empty) and an empty sibling below carried ones", async function () {
      const { merkle } = await loadFixture(deployFixture);
      const full = MerkleTree.from(seededLeaves(256), { depth: 8 });
      const fullProof = compact(full, 200);
      expect(fullProof.bitmap).to.equal(0n);
      expect(await merkle.processCompactProof(fullProof.carried, 0n, full.leaf(200), 200, 8)).to.equal(full.root);
      // Leaf 12 of 13: its level-0 sibling is empty, levels 2 and 3 are carried, levels 4 and up are empty.
      const leaves = seededLeaves(13);
      const tree = MerkleTree.from(leaves, { depth: 32 });
      const { bitmap, carried } = compact(tree, 12);
      expect(bitmap & 0xfn).to.equal(0b0011n);
      expect(await merkle.processCompactProof(carried, bitmap, leaves[12]!, 12, 32)).to.equal(tree.root);
    });

    it("reverts on a sibling too many or too few, an index or bitmap beyond the height", async function () {
      const { merkle } = await loadFixture(deployFixture);
      const leaves = seededLeaves(40);
      const tree = MerkleTree.from(leaves, { depth: 32 });
      const { bitmap, carried } = compact(tree, 5);
      const extra = seededLeaves(1)[0]!;
      await expect(merkle.processCompactProof([...carried, extra], bitmap, leaves[5]!, 5, 32))
        .to.be.revertedWithCustomError(merkle, "MerkleLibInvalidProofLength")
        .withArgs(carried.length, carried.length + 1);
      await expect(merkle.processCompactProof(carried.slice(1), bitmap, leaves[5]!, 5, 32))
        .to.be.revertedWithCustomError(merkle, "MerkleLibInvalidProofLength")
        .withArgs(carried.length, carried.length - 1);
      await expect(merkle.processCompactProof(carried, bitmap, leaves[5]!, 2n ** 32n, 32))
        .to.be.revertedWithCustomError(merkle, "MerkleLibIndexOutOfRange")
        .withArgs(2n ** 32n, 32);
      await expect(merkle.processCompactProof(carried, bitmap | (1n << 32n), leaves[5]!, 5, 32))
        .to.be.revertedWithCustomError(merkle, "MerkleLibIndexOutOfRange")
        .withArgs(bitmap | (1n << 32n), 32);
      await expect(merkle.processCompactProof(carried, bitmap, leaves[5]!, 5, 33)).to.be.revertedWithCustomError(
        merkle,
        "MerkleLibIndexOutOfRange",
      );
    });
  });

  describe("verify", function () {
    it("accepts SDK proofs on-chain and rejects a changed leaf, index or sibling", async function () {
      const { merkle } = await loadFixture(deployFixture);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 3000 }), fc.nat(), fc.nat(), async (size, indexSeed, salt) => {
          const index = indexSeed % size;
          const leaves = seededLeaves(size);
          const tree = MerkleTree.from(leaves);
          const proof = tree.proof(index);
          const leaf = leaves[index]!;
          expect(await merkle.verify(proof, tree.root, leaf, index, tree.height)).to.equal(true);
          expect(await merkle.processProof(proof, leaf, index, tree.height)).to.equal(tree.root);
          expect(await merkle.verify(proof, tree.root, seededLeaves(1)[0]!, index, tree.height)).to.equal(false);
          if (tree.height > 0) {
            const otherIndex = (index + 1 + (salt % (2 ** tree.height - 1))) % 2 ** tree.height;
            expect(await merkle.verify(proof, tree.root, leaf, otherIndex, tree.height)).to.equal(false);
            const changed = [...proof];
            changed[salt % proof.length] = seededLeaves(1)[0]!;
            expect(await merkle.verify(changed, tree.root, leaf, index, tree.height)).to.equal(false);
          }
        }),
        { numRuns: propertyRuns(40, 10) },
      );
    });

    it("reverts with MerkleLibInvalidProofLength for a proof of another height", async function () {
      const { merkle } = await loadFixture(deployFixture);
      const leaves = seededLeaves(9);
      const tree = MerkleTree.from(leaves);
      const proof = tree.proof(2);
      await expect(merkle.verify(proof, tree.root, leaves[2]!, 2, tree.height + 1))
        .to.be.revertedWithCustomError(merkle, "MerkleLibInvalidProofLength")
        .withArgs(tree.height + 1, proof.length);
      await expect(merkle.verify(proof.slice(1), tree.root, leaves[2]!, 2, tree.height))
        .to.be.revertedWithCustomError(merkle, "MerkleLibInvalidProofLength")
        .withArgs(tree.height, proof.length - 1);
      expect(await merkle.verify([...proof, seededLeaves(1)[0]!], tree.root, leaves[2]!, 2, tree.height + 1)).to.equal(
        false,
      );
    });

    it("reverts with MerkleLibIndexOutOfRange for an index at or beyond 2^height", async function () {
      const { merkle } = await loadFixture(deployFixture);
      const leaves = seededLeaves(4);
      const tree = MerkleTree.from(leaves);
      await expect(merkle.verify(tree.proof(0), tree.root, leaves[0]!, 4, 2))
        .to.be.revertedWithCustomError(merkle, "MerkleLibIndexOutOfRange")
        .withArgs(4, 2);
      await expect(merkle.verify([], leaves[0]!, leaves[0]!, 1, 0))
        .to.be.revertedWithCustomError(merkle, "MerkleLibIndexOutOfRange")
        .withArgs(1, 0);
      await expect(merkle.verify(tree.proof(0), tree.root, leaves[0]!, 2n ** 255n, 2)).to.be.revertedWithCustomError(
        merkle,
        "MerkleLibIndexOutOfRange",
      );
    });
  });

  describe("rootOf", function () {
    it("equals the SDK root for random sizes up to a few thousand", async function () {
      const { merkle } = await loadFixture(deployFixture);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: underCoverage() ? 300 : 3000 }), async (size) => {
          const leaves = seededLeaves(size);
          expect(await merkle.rootOf(leaves)).to.equal(merkleRoot(leaves));
        }),
        { numRuns: propertyRuns(30, 4) },
      );
    });
  });

  describe("IncrementalTree", function () {
    it("equals the full tree's root after every append", async function () {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: APPEND_CHUNK }), async (size) => {
          const merkle = await ethers.deployContract("MerkleLibHarness");
          const leaves = seededLeaves(size);
          const roots = await merkle.append.staticCall(leaves);
          expect(roots).to.deep.equal(leaves.map((_, i) => merkleRoot(leaves.slice(0, i + 1))));
        }),
        { numRuns: propertyRuns(15, 2) },
      );
    });

    it("is bytes32(0) while empty", async function () {
      const { merkle } = await loadFixture(deployFixture);
      expect(await merkle.treeRoot()).to.equal(merkleRoot([]));
    });

    it("reverts with MerkleLibTreeFull at 2^32 leaves and leaves the tree unchanged", async function () {
      const { merkle } = await loadFixture(deployFixture);
      await merkle.setTreeSize(2n ** 32n);
      await expect(merkle.append(seededLeaves(1)))
        .to.be.revertedWithCustomError(merkle, "MerkleLibTreeFull")
        .withArgs(2n ** 32n);
      expect(await merkle.treeSize()).to.equal(2n ** 32n);
    });
  });

  describe("against OpenZeppelin's MerkleTree (depth 32, non-commutative node, zero leaves)", function () {
    // These compare OpenZeppelin's tree (a test harness, not measured) with the SDK: no MerkleLib code runs, so under
    // coverage they would only spend minutes being traced. `npm test` runs them.
    beforeEach(function () {
      if (underCoverage()) this.skip();
    });

    it("gives the SDK's depth-32 root after each append", async function () {
      const { ozTree } = await loadFixture(deployFixture);
      expect(await ozTree.root()).to.equal(merkleRoot([], { depth: 32 }));
      const leaves = seededLeaves(130);
      const roots: string[] = [];
      for (let from = 0; from < leaves.length; from += 50) {
        const chunk = leaves.slice(from, from + 50);
        roots.push(...(await ozTree.push.staticCall(chunk)));
        await ozTree.push(chunk);
      }
      expect(roots).to.deep.equal(leaves.map((_, i) => merkleRoot(leaves.slice(0, i + 1), { depth: 32 })));
    });

    it("agrees on random leaf counts", async function () {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 60 }), async (size) => {
          const ozTree = await ethers.deployContract("OzMerkleTreeHarness");
          const leaves = seededLeaves(size);
          const roots = await ozTree.push.staticCall(leaves);
          expect(roots[size - 1]).to.equal(merkleRoot(leaves, { depth: 32 }));
        }),
        { numRuns: propertyRuns(10, 3) },
      );
    });
  });
});
