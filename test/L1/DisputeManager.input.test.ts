/**
 * DisputeManager refusing bad input, one custom error each, with nothing changed: batches that cannot be convicted
 * (final, unknown, rolled back, another header), block evidence that does not hold (leaf range, proof height, root,
 * RLP header), trie proofs that do not reach their root, slots, signatures; and the rollback and slash roles, which
 * only the DisputeManager holds.
 */
import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import {
  concat,
  decodeRlp,
  encodeRlp,
  getBytes,
  hexlify,
  keccak256,
  Signature,
  toBeHex,
  Wallet,
  ZeroHash,
} from "ethers";

import { headerHash, type Hex } from "../../sdk/src/proof";
import { blockEvidence, fetchRlpHeader, storageProof, type BlockEvidence } from "../../sdk/src/verifier/evidence";
import { l2Transfers, proverOf, snapshotOf } from "../helpers/disputes";
import { contextOf, forgeBatch, forgeTarget, packSignatures, type ForgedBatch } from "../helpers/forge";
import { signHeaderWith } from "../../scripts/lib/forge";
import { removeRollupDirectories, rollup, type Rollup } from "../helpers/rollup";
import { seededWord } from "../helpers/seeded";
import { wiredHooks } from "../helpers/governance";

const WEEK = 7 * 24 * 60 * 60;

/** A rollup with batch 1 honest and batch 2 forged (leaf 2's state root), not yet challenged. */
async function withForged() {
  const r = await rollup();
  const first = await forgeBatch(r);
  await l2Transfers(r, 4);
  const forged = await forgeBatch(r, {
    leaves: (leaves) => void (leaves[2] = { ...leaves[2]!, stateRoot: seededWord("forged root") }),
  });
  const { prover, challenger } = await proverOf(r);
  const dm = r.l1.disputeManager.connect(prover);
  return { r, first, forged, prover, challenger, dm };
}

/** The header challenge's evidence for leaf `leafIndex` of `batch`, with its RLP header. */
async function headerEvidence(r: Rollup, batch: ForgedBatch, leafIndex: number): Promise<BlockEvidence> {
  const rlp = await fetchRlpHeader(r.l2.provider, batch.blockLeaves[leafIndex]!.blockHash);
  return blockEvidence(batch.header, batch.blockLeaves, leafIndex, rlp);
}

/** Runs `check` and asserts that L1 holds the same batches, stakes and claims afterwards. */
async function unchanged(
  r: Rollup,
  prover: Awaited<ReturnType<typeof proverOf>>["prover"],
  check: () => Promise<void>,
) {
  const before = await snapshotOf(r, prover);
  await check();
  expect(await snapshotOf(r, prover)).to.deep.equal(before);
}

describe("DisputeManager: bad input", function () {
  after(removeRollupDirectories);

  describe("the batch", function () {
    it("refuses a proof against a final batch", async function () {
      const { r, first, prover, dm } = await withForged();
      await time.increase(WEEK + 1);
      await unchanged(r, prover, async () => {
        await expect(dm.challengeHeader(first.header, await headerEvidence(r, first, 1), first.signatures))
          .to.be.revertedWithCustomError(dm, "DisputeManagerBatchFinal")
          .withArgs(first.header.batchIndex);
      });
    });

    it("refuses a proof against a batch never submitted", async function () {
      const { r, forged, prover, dm } = await withForged();
      const unknown = { ...forged.header, batchIndex: forged.header.batchIndex + 1n };
      await unchanged(r, prover, async () => {
        await expect(dm.challengeHeader(unknown, await headerEvidence(r, forged, 2), forged.signatures))
          .to.be.revertedWithCustomError(dm, "DisputeManagerUnknownBatch")
          .withArgs(unknown.batchIndex);
      });
    });

    it("refuses a second proof against a batch already rolled back, also once its index is refilled", async function () {
      const { r, forged, prover, dm } = await withForged();
      const evidence = await headerEvidence(r, forged, 2);
      // Convicted with one signature: the other three still hold a quorum and rebuild the index.
      const one = await packSignatures(r, forged.header, [r.sequencers[0]!]);
      await (await dm.challengeHeader(forged.header, evidence, one)).wait();
      await unchanged(r, prover, async () => {
        await expect(dm.challengeHeader(forged.header, evidence, forged.signatures))
          .to.be.revertedWithCustomError(dm, "DisputeManagerBatchRolledBack")
          .withArgs(forged.header.batchIndex, forged.hash);
      });
      const refill = await forgeBatch(r, {}, { signers: r.sequencers.slice(1) });
      expect(refill.header.batchIndex).to.equal(forged.header.batchIndex);
      await unchanged(r, prover, async () => {
        await expect(dm.challengeHeader(forged.header, evidence, forged.signatures))
          .to.be.revertedWithCustomError(dm, "DisputeManagerBatchRolledBack")
          .withArgs(forged.header.batchIndex, forged.hash);
      });
    });

    it("refuses a header another manager rolled back (a DA expiry), once its index is refilled", async function () {
      const { r, forged, prover, dm } = await withForged();
      const evidence = await headerEvidence(r, forged, 2);
      // As the DA request manager rolls back (an expired request), with the role deployL1 wired it.
      const { daCaller: batchChain } = await wiredHooks(r.l1);
      await (await batchChain.rollback(forged.header.batchIndex)).wait();
      await forgeBatch(r);
      expect(await r.l1.disputeManager.convictionOf(forged.hash)).to.equal(ZeroHash);
      await unchanged(r, prover, async () => {
        await expect(dm.challengeHeader(forged.header, evidence, forged.signatures))
          .to.be.revertedWithCustomError(dm, "DisputeManagerBatchRolledBack")
          .withArgs(forged.header.batchIndex, forged.hash);
      });
    });

    it("refuses a header that is not the one BatchChain holds at its index", async function () {
      const { r, forged, prover, dm } = await withForged();
      const other = { ...forged.header, dataHash: seededWord("another data hash") };
      await unchanged(r, prover, async () => {
        await expect(dm.challengeHeader(other, await headerEvidence(r, forged, 2), forged.signatures))
          .to.be.revertedWithCustomError(dm, "DisputeManagerHeaderMismatch")
          .withArgs(forged.header.batchIndex, forged.hash, headerHash(other));
      });
    });

    it("refuses a parent-link proof whose earlier batch is not the header's parent", async function () {
      const { r, first, forged, prover, dm } = await withForged();
      const notParent = { ...first.header, dataHash: seededWord("not the parent") };
      await unchanged(r, prover, async () => {
        await expect(
          dm.challengeParentLink(
            notParent,
            blockEvidence(first.header, first.blockLeaves, first.blockLeaves.length - 1),
            forged.header,
            await headerEvidence(r, forged, 0),
            forged.signatures,
          ),
        )
          .to.be.revertedWithCustomError(dm, "DisputeManagerHeaderMismatch")
          .withArgs(first.header.batchIndex, first.hash, headerHash(notParent));
      });
    });
  });

  describe("block evidence", function () {
    it("refuses a leaf position outside the batch", async function () {
      const { r, forged, prover, dm } = await withForged();
      const evidence = await headerEvidence(r, forged, 2);
      const blocks = forged.blockLeaves.length;
      await unchanged(r, prover, async () => {
        await expect(dm.challengeHeader(forged.header, { ...evidence, leafIndex: BigInt(blocks) }, forged.signatures))
          .to.be.revertedWithCustomError(dm, "DisputeManagerLeafOutOfRange")
          .withArgs(blocks, blocks);
      });
    });

    it("refuses a block proof of the wrong height", async function () {
      const { r, forged, prover, dm } = await withForged();
      const evidence = await headerEvidence(r, forged, 2);
      const height = evidence.siblings.length;
      await unchanged(r, prover, async () => {
        await expect(
          dm.challengeHeader(forged.header, { ...evidence, siblings: evidence.siblings.slice(1) }, forged.signatures),
        )
          .to.be.revertedWithCustomError(dm, "DisputeManagerInvalidProofLength")
          .withArgs(height, height - 1);
        await expect(
          dm.challengeHeader(
            forged.header,
            { ...evidence, siblings: [...evidence.siblings, ZeroHash as Hex] },
            forged.signatures,
          ),
        )
          .to.be.revertedWithCustomError(dm, "DisputeManagerInvalidProofLength")
          .withArgs(height, height + 1);
      });
    });

    it("refuses a leaf that is not in the batch", async function () {
      const { r, forged, prover, dm } = await withForged();
      const evidence = await headerEvidence(r, forged, 2);
      // The honest leaf (the batch committed the forged one), and a changed sibling.
      const honest = { ...evidence, leaf: { ...evidence.leaf, stateRoot: forged.blocks[2]!.stateRoot } };
      const changed = { ...evidence, siblings: [seededWord("sibling"), ...evidence.siblings.slice(1)] };
      await unchanged(r, prover, async () => {
        for (const wrong of [honest, changed]) {
          await expect(dm.challengeHeader(forged.header, wrong, forged.signatures)).to.be.revertedWithCustomError(
            dm,
            "DisputeManagerLeafNotInBatch",
          );
        }
      });
    });

    it("refuses a header RLP that does not hash to the leaf's block hash", async function () {
      const { r, forged, prover, dm } = await withForged();
      const evidence = await headerEvidence(r, forged, 2);
      const other = await fetchRlpHeader(r.l2.provider, forged.blockLeaves[3]!.blockHash);
      await unchanged(r, prover, async () => {
        await expect(dm.challengeHeader(forged.header, { ...evidence, rlpHeader: other }, forged.signatures))
          .to.be.revertedWithCustomError(dm, "DisputeManagerRlpHeaderMismatch")
          .withArgs(evidence.leaf.blockHash, keccak256(other));
      });
    });

    it("refuses a malformed RLP header that hashes to the leaf (too few fields, a field of the wrong size, no list)", async function () {
      const r = await rollup();
      await forgeBatch(r);
      await l2Transfers(r, 8);
      const { prover } = await proverOf(r);
      const dm = r.l1.disputeManager.connect(prover);
      const [tip] = await r.l1.batchChain.tip();
      /** Block `i` of the next batch's header, altered into a malformed one. */
      const variants: ((fields: string[], rlp: Uint8Array) => string)[] = [
        (fields) => encodeRlp(fields.slice(0, 12)), // 12 fields: fewer than every header's 15
        (fields) => encodeRlp([...fields.slice(0, 3), hexlify(getBytes(fields[3]!).slice(1)), ...fields.slice(4)]), // 31-byte state root
        (fields) => encodeRlp([...fields.slice(0, 8), toBeHex(BigInt(fields[8]!), 10), ...fields.slice(9)]), // a 10-byte number
        (_, rlp) => hexlify(concat(["0xb9", rlp.slice(1)])), // a string of the same bytes, not a list
        () => "0xc0", // one byte
        (_, rlp) => hexlify(concat(["0xfc", "0x00000000", rlp.slice(3)])), // a five-byte length
        (_, rlp) => hexlify(concat([rlp, "0x80"])), // a byte past the list
        (fields) => encodeRlp([...fields.slice(0, 3), [hexlify(getBytes(fields[3]!).slice(1))], ...fields.slice(4)]), // a root that is a list
      ];
      const malformed: Hex[] = [];
      for (const [i, variant] of variants.entries()) {
        const block = (await r.l2.provider.getBlock(Number(tip) + 1 + i))!;
        const rlp = getBytes(await fetchRlpHeader(r.l2.provider, block.hash as Hex));
        malformed.push(variant(decodeRlp(rlp) as string[], rlp) as Hex);
      }
      // A batch whose first leaves name the malformed headers' hashes.
      const forged = await forgeBatch(r, {
        leaves: (leaves) =>
          malformed.forEach((rlp, i) => (leaves[i] = { ...leaves[i]!, blockHash: keccak256(rlp) as Hex })),
      });
      await unchanged(r, prover, async () => {
        for (const [i, rlp] of malformed.entries()) {
          const evidence = blockEvidence(forged.header, forged.blockLeaves, i, rlp);
          await expect(
            dm.challengeHeader(forged.header, evidence, forged.signatures),
            `header ${i}`,
          ).to.be.revertedWithCustomError(dm, "DisputeManagerMalformedRlpHeader");
        }
      });
    });
  });

  describe("bridge storage evidence", function () {
    /** A forged withdrawal root at leaf 1, and the honest proofs of slot 2 at that block. */
    async function storageFixture() {
      const s = await withForged();
      await s.challenger.challenge(
        { kind: "stateRoot", batchIndex: s.forged.header.batchIndex, leafIndex: 2 },
        contextOf(s.r, s.forged),
      );
      // The sequencers are slashed out of the epoch: use batch 1 (honest) with its proofs for the argument checks.
      const evidence = blockEvidence(s.first.header, s.first.blockLeaves, 1);
      const proofs = await storageProof(
        s.r.l2.provider,
        s.r.l2.bridgeAddress,
        2n,
        s.first.header.firstBlock + 1n,
        evidence.leaf.stateRoot,
      );
      return { ...s, evidence, proofs };
    }

    it("refuses an account proof that does not reach the leaf's state root", async function () {
      const { r, first, prover, dm, evidence, proofs } = await storageFixture();
      const forgedNode = flipLastByte(proofs.accountProof[1]!);
      await unchanged(r, prover, async () => {
        await expect(
          dm.challengeBridgeStorage(
            first.header,
            evidence,
            2,
            [proofs.accountProof[0]!, forgedNode, ...proofs.accountProof.slice(2)],
            proofs.storageProof,
            first.signatures,
          ),
        )
          .to.be.revertedWithCustomError(dm, "DisputeManagerInvalidTrieProof")
          .withArgs(evidence.leaf.stateRoot);
      });
    });

    it("refuses a storage proof that does not reach the account's storage root", async function () {
      const { r, first, prover, dm, evidence, proofs } = await storageFixture();
      const account = (await r.l2.provider.send("eth_getProof", [
        r.l2.bridgeAddress,
        [],
        toBeHex(first.header.firstBlock + 1n),
      ])) as { storageHash: string };
      const forgedStorage = proofs.storageProof.map((node, i) =>
        i === proofs.storageProof.length - 1 ? flipLastByte(node) : node,
      );
      await unchanged(r, prover, async () => {
        await expect(
          dm.challengeBridgeStorage(first.header, evidence, 2, proofs.accountProof, forgedStorage, first.signatures),
        )
          .to.be.revertedWithCustomError(dm, "DisputeManagerInvalidTrieProof")
          .withArgs(account.storageHash);
      });
    });

    it("refuses a slot other than 0, 1 and 2, and deposit slots before the batch's last block", async function () {
      const { r, first, prover, dm, evidence, proofs } = await storageFixture();
      await unchanged(r, prover, async () => {
        await expect(
          dm.challengeBridgeStorage(
            first.header,
            evidence,
            3,
            proofs.accountProof,
            proofs.storageProof,
            first.signatures,
          ),
        )
          .to.be.revertedWithCustomError(dm, "DisputeManagerInvalidSlot")
          .withArgs(3);
        const last = first.blockLeaves.length - 1;
        await expect(
          dm.challengeBridgeStorage(
            first.header,
            evidence,
            0,
            proofs.accountProof,
            proofs.storageProof,
            first.signatures,
          ),
        )
          .to.be.revertedWithCustomError(dm, "DisputeManagerNotLastBlock")
          .withArgs(1, last);
      });
    });
  });

  describe("signatures", function () {
    it("refuses signatures that are not whole 65-byte entries", async function () {
      const { r, forged, prover, dm } = await withForged();
      const evidence = await headerEvidence(r, forged, 2);
      const cut = hexlify(getBytes(forged.signatures).slice(0, 64));
      await unchanged(r, prover, async () => {
        await expect(dm.challengeHeader(forged.header, evidence, cut))
          .to.be.revertedWithCustomError(dm, "DisputeManagerMalformedSignatures")
          .withArgs(64);
      });
    });

    it("refuses an entry that does not recover, naming its position", async function () {
      const { r, forged, prover, dm } = await withForged();
      const evidence = await headerEvidence(r, forged, 2);
      const bytes = getBytes(forged.signatures).slice();
      // Entry 1's s in the upper half of the curve order (EIP-2 malleability): not a signature ecrecover may accept.
      bytes.set(getBytes("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"), 65 + 33);
      await unchanged(r, prover, async () => {
        await expect(dm.challengeHeader(forged.header, evidence, hexlify(bytes)))
          .to.be.revertedWithCustomError(dm, "DisputeManagerInvalidSignature")
          .withArgs(1);
      });
    });

    it("refuses signers out of ascending order (a signer twice included)", async function () {
      const { r, forged, prover, dm } = await withForged();
      const evidence = await headerEvidence(r, forged, 2);
      const bytes = getBytes(forged.signatures);
      const entry = (i: number) => bytes.slice(65 * i, 65 * i + 65);
      const swapped = hexlify(concat([entry(1), entry(0), entry(2), entry(3)]));
      const twice = hexlify(concat([entry(0), entry(0)]));
      await unchanged(r, prover, async () => {
        await expect(dm.challengeHeader(forged.header, evidence, swapped)).to.be.revertedWithCustomError(
          dm,
          "DisputeManagerUnsortedSigners",
        );
        await expect(dm.challengeHeader(forged.header, evidence, twice)).to.be.revertedWithCustomError(
          dm,
          "DisputeManagerUnsortedSigners",
        );
      });
    });

    it("skips a signer key the registry does not know and convicts with the others", async function () {
      const { r, forged, dm } = await withForged();
      const stranger = new Wallet(seededWord("unregistered signer"));
      const signature = Signature.from(await signHeaderWith(forgeTarget(r), stranger, forged.header));
      // The submitted entries (ascending by signer) with the stranger's inserted in its place.
      const bytes = getBytes(forged.signatures);
      const keys = [...forged.signaturesBySigner.keys()].sort();
      const entries = new Map<string, Uint8Array>(keys.map((signer, i) => [signer, bytes.slice(65 * i, 65 * i + 65)]));
      entries.set(
        stranger.address.toLowerCase(),
        getBytes(concat([Uint8Array.of(signature.yParity << 7), signature.r, signature.s])),
      );
      const packed = hexlify(concat([...entries.keys()].sort().map((signer) => entries.get(signer)!)));
      const receipt = await (
        await dm.challengeHeader(forged.header, await headerEvidence(r, forged, 2), packed)
      ).wait();
      const event = receipt!.logs.map((log) => dm.interface.parseLog(log)).find((e) => e?.name === "FaultProven")!;
      const signers = (event.args[5] as string[]).map((a) => a.toLowerCase());
      expect(signers).to.deep.equal(keys);
      expect(signers).to.not.include(stranger.address.toLowerCase());
    });
  });

  describe("roles", function () {
    it("lets no one but the DisputeManager roll back or slash", async function () {
      const { r, forged, prover } = await withForged();
      const batchChain = r.l1.batchChain.connect(prover);
      const registry = r.l1.registry.connect(prover);
      const who = await prover.getAddress();
      await unchanged(r, prover, async () => {
        await expect(batchChain.rollback(forged.header.batchIndex))
          .to.be.revertedWithCustomError(batchChain, "AccessControlUnauthorizedAccount")
          .withArgs(who, await batchChain.ROLLBACK_ROLE());
        await expect(batchChain.markDisputed(forged.header.batchIndex))
          .to.be.revertedWithCustomError(batchChain, "AccessControlUnauthorizedAccount")
          .withArgs(who, await batchChain.DISPUTER_ROLE());
        await expect(registry["slash(address,uint256,bytes32,address)"](r.sequencers[0]!.address, 5000, ZeroHash, who))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(who, await registry.SLASHER_ROLE());
      });
      const dm = await r.l1.disputeManager.getAddress();
      expect(await r.l1.batchChain.hasRole(await batchChain.ROLLBACK_ROLE(), dm)).to.equal(true);
      expect(await r.l1.batchChain.hasRole(await batchChain.DISPUTER_ROLE(), dm)).to.equal(true);
      expect(await r.l1.registry.hasRole(await registry.SLASHER_ROLE(), dm)).to.equal(true);
    });
  });
});

function flipLastByte(node: string): string {
  const bytes = getBytes(node).slice();
  bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
  return hexlify(bytes);
}
