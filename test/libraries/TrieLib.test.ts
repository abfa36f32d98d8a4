import { createMerkleProof, createMPT } from "@ethereumjs/mpt";
import { loadFixture } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import {
  concat,
  decodeRlp,
  encodeRlp,
  getBytes,
  hexlify,
  keccak256,
  toBeHex,
  zeroPadValue,
  type BytesLike,
} from "ethers";
import hre, { ethers } from "hardhat";

import { Fanout__factory, type TrieLibHarness } from "../../sdk/src/contracts/typechain";
import { bootstrapL2Bridge, createL2Chain, type L2Chain } from "../../sdk/src/node";
import type { Hex } from "../../sdk/src/proof";
import { seededAddress, seededWord } from "../helpers/seeded";

/** keccak256(RLP("")): the root of the empty trie. */
const EMPTY_TRIE_ROOT = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";

/** A storage slot as EDR's eth_getProof wants it: 32 bytes. */
const slotKey = (slot: number): string => zeroPadValue(toBeHex(slot), 32);

/** RLP of a transaction index, the key of a transactions trie (0 is 0x80). */
const indexKey = (index: number): Uint8Array => getBytes(encodeRlp(index === 0 ? "0x" : toBeHex(index)));

/** A minimal RLP integer item's bytes (empty for zero), for rebuilding an account's RLP. */
const rlpInt = (value: bigint): string => (value === 0n ? "0x" : toBeHex(value));

interface AccountProof {
  readonly balance: string;
  readonly codeHash: string;
  readonly nonce: string;
  readonly storageHash: string;
  readonly accountProof: string[];
  readonly storageProof: { key: string; value: string; proof: string[] }[];
}

async function getProof(l2: L2Chain, address: string, slots: number[], block: number): Promise<AccountProof> {
  return (await l2.provider.send("eth_getProof", [address, slots.map(slotKey), toBeHex(block)])) as AccountProof;
}

async function stateRoot(l2: L2Chain, block: number): Promise<string> {
  return ((await l2.provider.send("eth_getBlockByNumber", [toBeHex(block), false])) as { stateRoot: string }).stateRoot;
}

/** A transactions trie of `count` entries (values of `size` bytes, a typed transaction's shape) built by @ethereumjs. */
async function transactionsTrie(count: number, size = 110) {
  const trie = await createMPT();
  const values: Hex[] = [];
  for (let i = 0; i < count; i++) {
    const value = concat(["0x02", ...Array.from({ length: Math.ceil(size / 32) }, () => seededWord("tx body"))]);
    values.push(hexlify(getBytes(value).slice(0, size)) as Hex);
    await trie.put(indexKey(i), getBytes(values[i]!));
  }
  const proofOf = async (index: number) =>
    (await createMerkleProof(trie, indexKey(index))).map((node) => hexlify(node));
  return { root: hexlify(trie.root()), values, proofOf };
}

describe("TrieLib", function () {
  /** An L2 whose state trie holds 300 funded accounts besides the genesis ones and the bridge. */
  async function fixture() {
    const harness = (await ethers.deployContract("TrieLibHarness")) as unknown as TrieLibHarness;
    const l2 = await createL2Chain(hre);
    await bootstrapL2Bridge(l2);
    const fanout = await new Fanout__factory(l2.users[0]!).deploy();
    // Gas given: estimating a call that creates 300 accounts fails on EDR.
    await (await fanout.fund(seededWord("fanout"), 300, { value: 300, gasLimit: 12_000_000 })).wait();
    const block = await l2.provider.getBlockNumber();
    return { harness, l2, block, root: await stateRoot(l2, block) };
  }

  const accountKey = (address: string) => keccak256(address);
  const storageKey = (slot: number) => keccak256(slotKey(slot));

  describe("state and storage tries from EDR's eth_getProof", function () {
    it("reads the L2 bridge's account and its withdrawal-root slot", async function () {
      const { harness, l2, block, root } = await loadFixture(fixture);
      const proof = await getProof(l2, l2.bridgeAddress, [2], block);
      expect(proof.accountProof.length, "a trie of several levels").to.be.greaterThan(2);
      const [exists, account] = await harness.get(root, accountKey(l2.bridgeAddress), proof.accountProof);
      expect(exists).to.equal(true);
      expect(account).to.equal(
        encodeRlp([rlpInt(BigInt(proof.nonce)), rlpInt(BigInt(proof.balance)), proof.storageHash, proof.codeHash]),
      );
      const slot = proof.storageProof[0]!;
      const [slotExists, value] = await harness.get(proof.storageHash, storageKey(2), slot.proof);
      expect(slotExists).to.equal(true);
      expect(value).to.equal(encodeRlp(rlpInt(BigInt(slot.value))));
      expect(BigInt(slot.value)).to.not.equal(0n);
    });

    it("reads an ordinary account's balance", async function () {
      const { harness, l2, block, root } = await loadFixture(fixture);
      const user = l2.users[3]!.address;
      const proof = await getProof(l2, user, [], block);
      const [exists, account] = await harness.get(root, accountKey(user), proof.accountProof);
      expect(exists).to.equal(true);
      expect(account).to.equal(
        encodeRlp([rlpInt(BigInt(proof.nonce)), rlpInt(BigInt(proof.balance)), EMPTY_TRIE_ROOT, proof.codeHash]),
      );
    });

    it("proves accounts that do not exist absent", async function () {
      const { harness, l2, block, root } = await loadFixture(fixture);
      for (let i = 0; i < 8; i++) {
        const nobody = seededAddress("absent account");
        const proof = await getProof(l2, nobody, [], block);
        expect(await harness.provesAbsence(root, accountKey(nobody), proof.accountProof), nobody).to.equal(true);
        const [exists, value] = await harness.get(root, accountKey(nobody), proof.accountProof);
        expect([exists, value]).to.deep.equal([false, "0x"]);
      }
    });

    it("proves slots the bridge never wrote absent (deposit count and chain before any deposit)", async function () {
      const { harness, l2, block } = await loadFixture(fixture);
      const proof = await getProof(l2, l2.bridgeAddress, [0, 1, 7], block);
      for (const [i, slot] of [0, 1, 7].entries()) {
        expect(proof.storageProof[i]!.value).to.equal("0x0");
        const [exists] = await harness.get(proof.storageHash, storageKey(slot), proof.storageProof[i]!.proof);
        expect(exists, `slot ${slot}`).to.equal(false);
      }
    });

    it("proves every slot of an account without storage absent against the empty root", async function () {
      const { harness, l2, block } = await loadFixture(fixture);
      const proof = await getProof(l2, l2.users[1]!.address, [0, 2], block);
      expect(proof.storageHash).to.equal(EMPTY_TRIE_ROOT);
      for (const { proof: nodes } of proof.storageProof) {
        const [exists] = await harness.get(EMPTY_TRIE_ROOT, storageKey(0), nodes);
        expect(exists).to.equal(false);
      }
    });

    it("reads the state at an earlier block against that block's root", async function () {
      const { harness, l2, block } = await loadFixture(fixture);
      const earlier = block - 1; // before the fan-out
      const proof = await getProof(l2, l2.bridgeAddress, [2], earlier);
      const [exists] = await harness.get(
        await stateRoot(l2, earlier),
        accountKey(l2.bridgeAddress),
        proof.accountProof,
      );
      expect(exists).to.equal(true);
      await expect(harness.get(await stateRoot(l2, block), accountKey(l2.bridgeAddress), proof.accountProof))
        .to.be.revertedWithCustomError(harness, "DisputeManagerInvalidTrieProof")
        .withArgs(await stateRoot(l2, block));
    });
  });

  describe("transactions tries built with @ethereumjs/mpt", function () {
    for (const count of [1, 2, 3, 16, 17, 127, 128, 129, 300]) {
      it(`reads every transaction of a trie of ${count} and proves the indices after them absent`, async function () {
        const harness = await ethers.deployContract("TrieLibHarness");
        const trie = await transactionsTrie(count);
        const indices = count <= 17 ? [...Array(count).keys()] : [0, 1, 15, 16, 126, 127, 128, count - 1];
        for (const index of indices.filter((i) => i < count)) {
          const [exists, value] = await harness.get(trie.root, indexKey(index), await trie.proofOf(index));
          expect([exists, value], `index ${index}`).to.deep.equal([true, trie.values[index]]);
        }
        for (const index of [count, count + 1, 127, 128, 255, 256, 1000, 65_535].filter((i) => i >= count)) {
          const proof = await trie.proofOf(index);
          expect(await harness.provesAbsence(trie.root, indexKey(index), proof), `index ${index}`).to.equal(true);
          const [exists] = await harness.get(trie.root, indexKey(index), proof);
          expect(exists, `index ${index}`).to.equal(false);
        }
      });
    }

    it("follows nodes inlined in their parent (entries shorter than 32 bytes)", async function () {
      const harness = await ethers.deployContract("TrieLibHarness");
      const trie = await createMPT();
      for (let i = 0; i < 40; i++) await trie.put(indexKey(i), Uint8Array.of(i + 1));
      const root = hexlify(trie.root());
      for (const index of [0, 1, 5, 16, 17, 39]) {
        const proof = (await createMerkleProof(trie, indexKey(index))).map((node) => hexlify(node));
        const [exists, value] = await harness.get(root, indexKey(index), proof);
        expect([exists, value], `index ${index}`).to.deep.equal([true, hexlify(Uint8Array.of(index + 1))]);
      }
      for (const index of [40, 41, 128, 300]) {
        const proof = (await createMerkleProof(trie, indexKey(index))).map((node) => hexlify(node));
        const [exists] = await harness.get(root, indexKey(index), proof);
        expect(exists, `index ${index}`).to.equal(false);
      }
    });
  });

  describe("keys of different lengths and nodes given inline", function () {
    /** A trie over arbitrary keys (hex) with one-byte values, and the proof of `key` as hex. */
    async function trieOf(keys: string[]) {
      const trie = await createMPT();
      for (const key of keys) await trie.put(getBytes(key), Uint8Array.of(1));
      const proofOf = async (key: string) => (await createMerkleProof(trie, getBytes(key))).map((n) => hexlify(n));
      return { root: hexlify(trie.root()), proofOf };
    }

    it("proves a key absent where a branch ends it without a value, and never where the branch holds one", async function () {
      const harness = await ethers.deployContract("TrieLibHarness");
      // 0x0102 and 0x0103 share 0x01: the branch below it holds no value; with 0x01 itself it does.
      const without = await trieOf(["0x0102", "0x0103"]);
      expect(await harness.provesAbsence(without.root, "0x01", await without.proofOf("0x01"))).to.equal(true);
      const withValue = await trieOf(["0x01", "0x0102", "0x0103"]);
      const proof = await withValue.proofOf("0x01");
      expect(await harness.provesAbsence(withValue.root, "0x01", proof)).to.equal(false);
      expect(await harness.get(withValue.root, "0x01", proof)).to.deep.equal([true, "0x01"]);
    });

    it("proves a longer key absent below a leaf whose key is a prefix of it", async function () {
      const harness = await ethers.deployContract("TrieLibHarness");
      const trie = await trieOf(["0x01", "0x7777"]);
      expect(await harness.provesAbsence(trie.root, "0x0102", await trie.proofOf("0x0102"))).to.equal(true);
      expect(await harness.get(trie.root, "0x01", await trie.proofOf("0x01"))).to.deep.equal([true, "0x01"]);
    });

    it("follows a branch inlined in its parent, embedded or given again as the next proof element", async function () {
      const harness = await ethers.deployContract("TrieLibHarness");
      // Two one-byte values under one nibble: their branch is shorter than 32 bytes, inlined in the root.
      const trie = await trieOf(["0x01", "0x02"]);
      const [root] = await trie.proofOf("0x03");
      const inlined = (decodeRlp(root!) as string[])[1]!;
      expect(Array.isArray(inlined), "the root's child is inline").to.equal(true);
      const inlineBytes = encodeRlp(inlined as unknown as string[]);
      expect(getBytes(inlineBytes).length).to.be.lessThan(32);
      for (const proof of [[root!], [root!, inlineBytes]]) {
        expect(await harness.provesAbsence(trie.root, "0x03", proof), `${proof.length} nodes`).to.equal(true);
        expect(await harness.get(trie.root, "0x03", proof)).to.deep.equal([false, "0x"]);
      }
      expect(await harness.get(trie.root, "0x02", [root!])).to.deep.equal([true, "0x01"]);
      // An inline element that is not the child named is no proof.
      expect(await harness.provesAbsence(trie.root, "0x03", [root!, encodeRlp(["0x20", "0x05"])])).to.equal(false);
    });

    it("proves nothing with nodes no real trie holds: three items, an empty or unknown path, an empty extension", async function () {
      const harness = await ethers.deployContract("TrieLibHarness");
      const key = "0x0102";
      const hash = keccak256("0x");
      for (const [what, node] of [
        ["a list of three items", encodeRlp(["0x01", "0x02", "0x03"])],
        ["an empty path", encodeRlp(["0x", "0x01"])],
        ["path flag 4", encodeRlp(["0x40", "0x01"])],
        ["an extension with no nibble", encodeRlp(["0x00", hash])],
      ] as const) {
        expect(await harness.provesAbsence(keccak256(node), key, [node]), what).to.equal(false);
      }
      // An extension whose path is longer than the key: nothing of the key lies below it.
      const long = encodeRlp([concat(["0x00", "0x010203"]), hash]);
      expect(await harness.provesAbsence(keccak256(long), key, [long])).to.equal(true);
    });
  });

  describe("the empty trie", function () {
    it('is proven by no node, or by the one node RLP("")', async function () {
      const harness = await ethers.deployContract("TrieLibHarness");
      expect(await harness.emptyTrieRoot()).to.equal(EMPTY_TRIE_ROOT);
      expect(await harness.get(EMPTY_TRIE_ROOT, indexKey(0), [])).to.deep.equal([false, "0x"]);
      expect(await harness.get(EMPTY_TRIE_ROOT, indexKey(0), ["0x80"])).to.deep.equal([false, "0x"]);
      const trie = await createMPT();
      expect(hexlify(trie.root())).to.equal(EMPTY_TRIE_ROOT);
    });

    it("is no proof against a root that is not empty", async function () {
      const harness = await ethers.deployContract("TrieLibHarness");
      const trie = await transactionsTrie(3);
      await expect(harness.get(trie.root, indexKey(0), []))
        .to.be.revertedWithCustomError(harness, "DisputeManagerInvalidTrieProof")
        .withArgs(trie.root);
      await expect(harness.get(trie.root, indexKey(5), ["0x80"]))
        .to.be.revertedWithCustomError(harness, "DisputeManagerInvalidTrieProof")
        .withArgs(trie.root);
    });
  });

  describe("forged proofs", function () {
    /** A trie of 300 transactions, a key in it and one absent, with their proofs. */
    async function forgeryFixture() {
      const harness = (await ethers.deployContract("TrieLibHarness")) as unknown as TrieLibHarness;
      const trie = await transactionsTrie(300);
      return { harness, trie, present: await trie.proofOf(200), absent: await trie.proofOf(300) };
    }

    const flipByte = (node: BytesLike, at: number): string => {
      const bytes = getBytes(node).slice();
      bytes[at] = bytes[at]! ^ 0x01;
      return hexlify(bytes);
    };

    async function expectRefused(harness: TrieLibHarness, root: string, key: Uint8Array, proof: string[]) {
      await expect(harness.get(root, key, proof))
        .to.be.revertedWithCustomError(harness, "DisputeManagerInvalidTrieProof")
        .withArgs(root);
      expect(await harness.provesAbsence(root, key, proof)).to.equal(false);
    }

    it("refuses a proof with a byte of any node changed", async function () {
      const { harness, trie, present, absent } = await loadFixture(forgeryFixture);
      for (const [key, proof] of [
        [indexKey(200), present],
        [indexKey(300), absent],
      ] as const) {
        for (let n = 0; n < proof.length; n++) {
          const forged = proof.map((node, i) => (i === n ? flipByte(node, getBytes(node).length - 1) : node));
          await expectRefused(harness, trie.root, key, forged);
        }
      }
    });

    it("refuses a value swapped into the leaf", async function () {
      const { harness, trie, present } = await loadFixture(forgeryFixture);
      const other = await trie.proofOf(201);
      // The path down to index 200's leaf with index 201's leaf at the end.
      await expectRefused(harness, trie.root, indexKey(200), [...present.slice(0, -1), other.at(-1)!]);
    });

    it("refuses a proof cut short or run on", async function () {
      const { harness, trie, present, absent } = await loadFixture(forgeryFixture);
      await expectRefused(harness, trie.root, indexKey(200), present.slice(0, -1));
      await expectRefused(harness, trie.root, indexKey(300), absent.slice(0, -1));
      await expectRefused(harness, trie.root, indexKey(200), [...present, present.at(-1)!]);
      // A path ending in a leaf is handed to OpenZeppelin's walk first, which reverts on its own when the key's branch
      // slot is empty: refused either way.
      const runOn = [...absent, present.at(-1)!];
      await expect(harness.get(trie.root, indexKey(300), runOn)).to.be.revertedWithCustomError(
        harness,
        "RLPInvalidEncoding",
      );
      expect(await harness.provesAbsence(trie.root, indexKey(300), runOn)).to.equal(false);
    });

    it("refuses a proof of one key for another", async function () {
      const { harness, trie, present } = await loadFixture(forgeryFixture);
      await expectRefused(harness, trie.root, indexKey(17), present);
      await expectRefused(harness, trie.root, indexKey(301), present);
    });

    it("never proves a present key absent", async function () {
      const { harness, trie, present } = await loadFixture(forgeryFixture);
      expect(await harness.provesAbsence(trie.root, indexKey(200), present)).to.equal(false);
      for (const index of [0, 1, 128, 299]) {
        expect(await harness.provesAbsence(trie.root, indexKey(index), await trie.proofOf(index))).to.equal(false);
      }
    });

    it("refuses a proof against another root", async function () {
      const { harness, present } = await loadFixture(forgeryFixture);
      const other = await transactionsTrie(300);
      await expectRefused(harness, other.root, indexKey(200), present);
    });
  });
});
