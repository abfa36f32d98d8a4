/**
 * BatchChain behaviour the other BatchChain tests leave out: the constructor's genesis bound, the views on unknown
 * batches and below genesis, disputes and DA requests opened and closed in any order, reviews across a rollback,
 * a second rollback below the first, DA requests only within a batch's own window, and the cost of an answer and a
 * status read bounded whatever the number of reviews. Only the public API is used.
 */
import { loadFixture, takeSnapshot, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { TypedDataEncoder, ZeroHash } from "ethers";
import { ethers, network } from "hardhat";

import { BatchChain__factory, PauseLib__factory } from "../../sdk/src/contracts/typechain";
import { headerHash, type Hex } from "../../sdk/src/proof";
import { packQuorumSignatures } from "../../sdk/src/sequencer/quorum";
import {
  deployWithSequencers,
  domainOf,
  fundedWallet,
  GENESIS,
  HEADER_TYPES,
  nextHeader,
  Status,
  submitNext,
  type L1Fixture,
} from "../helpers/l1";
import { underCoverage } from "../helpers/coverage";
import { seededAddress } from "../helpers/seeded";
import { governanceSigner, wiredHooks } from "../helpers/governance";

const HOUR = 60 * 60;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

describe("BatchChain (further cases)", function () {
  /** Four sequencers, the dispute and DA request managers' hooks (deployL1's wiring), and batches 1 to 6. */
  async function sixBatches() {
    const l1 = await deployWithSequencers(4);
    const { disputer, daCaller } = await wiredHooks(l1);
    for (let i = 0; i < 6; i++) await submitNext(l1);
    return { ...l1, disputer, daCaller };
  }

  /** BatchChain's factory, linked to a fresh PauseLib. */
  async function batchChainFactory() {
    const [deployer] = await ethers.getSigners();
    const pauseLib = await new PauseLib__factory(deployer).deploy();
    return new BatchChain__factory(
      { "contracts/libraries/PauseLib.sol:PauseLib": await pauseLib.getAddress() },
      deployer,
    );
  }

  /** A BatchChain on its own (its constructor calls neither the registry nor the bridge). */
  async function standalone(genesisNumber: bigint) {
    const [deployer] = await ethers.getSigners();
    return (await batchChainFactory()).deploy(
      seededAddress("coverage address"),
      seededAddress("coverage address"),
      await deployer!.getAddress(),
      { ...GENESIS, number: genesisNumber },
    );
  }

  const statuses = async (l1: Awaited<ReturnType<typeof sixBatches>>, indices: number[]) =>
    (await Promise.all(indices.map((i) => l1.batchChain.batchStatus(i)))).map(Number);

  /** `sixBatches` with an answer for batch 2 reviewed for 10 days: batches 2 to 6 are held past their own windows. */
  async function heldByReview() {
    const l1 = await sixBatches();
    await l1.daCaller.markInsecure(2);
    const until = BigInt((await time.latest()) + 10 * DAY);
    await l1.daCaller.clearInsecure(2, until);
    return { ...l1, until };
  }

  /**
   * Asserts that a DA request against `index` opens at `deadline - 1` and is refused with
   * {BatchChainWindowOver}(index, deadline) at `deadline`, the batch then still Pending and nothing opened.
   */
  async function expectOwnWindowEnds(l1: Awaited<ReturnType<typeof sixBatches>>, index: number, deadline: bigint) {
    const snapshot = await takeSnapshot();
    await time.setNextBlockTimestamp(deadline - 1n);
    await expect(l1.daCaller.markInsecure(index)).to.emit(l1.batchChain, "BatchInsecure").withArgs(index);
    await snapshot.restore();
    await time.setNextBlockTimestamp(deadline);
    await expect(l1.daCaller.markInsecure(index))
      .to.be.revertedWithCustomError(l1.batchChain, "BatchChainWindowOver")
      .withArgs(index, deadline);
    expect(await statuses(l1, [index])).to.deep.equal([Status.Pending]);
    await expect(l1.daCaller.clearInsecure(index, 0))
      .to.be.revertedWithCustomError(l1.batchChain, "BatchChainNothingOpen")
      .withArgs(index);
  }

  describe("constructor", function () {
    it("refuses a genesis block number the 48-bit record cannot hold", async function () {
      const factory = await batchChainFactory();
      const tooLarge = 2n ** 48n;
      await expect(standalone(tooLarge))
        .to.be.revertedWithCustomError(factory, "BatchChainInvalidBlockRange")
        .withArgs(tooLarge, tooLarge);
      const largest = await standalone(2n ** 48n - 1n);
      expect(await largest.batchOfL2Block(2n ** 48n - 1n)).to.deep.equal([true, 0n]);
    });
  });

  describe("views", function () {
    it("reject a batch past the tip; the anchor finalizes at 0; they name the registry and bridge", async function () {
      const l1 = await loadFixture(sixBatches);
      const count = await l1.batchChain.batchCount();
      for (const view of [
        () => l1.batchChain.finalizesAt(count),
        () => l1.batchChain.batchInfo(count),
        () => l1.batchChain.headerHash(count),
      ]) {
        await expect(view()).to.be.revertedWithCustomError(l1.batchChain, "BatchChainUnknownBatch").withArgs(count);
      }
      expect(await l1.batchChain.finalizesAt(0)).to.equal(0n);
      expect(await l1.batchChain.headerHash(count - 1n)).not.to.equal(ZeroHash);
      expect(await l1.batchChain.registry()).to.equal(await l1.registry.getAddress());
      expect(await l1.batchChain.bridge()).to.equal(await l1.bridge.getAddress());
    });

    it("batchOfL2Block finds no batch for a block below the genesis block", async function () {
      const chain = await standalone(100n);
      expect(await chain.batchOfL2Block(99)).to.deep.equal([false, 0n]);
      expect(await chain.batchOfL2Block(100)).to.deep.equal([true, 0n]);
      expect(await chain.batchOfL2Block(101)).to.deep.equal([false, 0n]);
    });
  });

  describe("disputes in any order", function () {
    it("keeps the lowest open dispute as disputes open and close out of order", async function () {
      const l1 = await loadFixture(sixBatches);
      await l1.disputer.markDisputed(3);
      await l1.disputer.markDisputed(2); // lower than the lowest open
      await l1.disputer.markDisputed(4);
      expect(await statuses(l1, [1, 2, 3])).to.deep.equal([Status.Pending, Status.Disputed, Status.Disputed]);
      await l1.disputer.clearDisputed(2); // not the first entry; 3 and 4 stay open
      expect(await statuses(l1, [2, 3, 4])).to.deep.equal([Status.Pending, Status.Disputed, Status.Disputed]);
      await l1.disputer.markDisputed(2);
      await l1.disputer.clearDisputed(4); // the lowest left open is 2, after 3 in the list
      expect(await statuses(l1, [1, 2])).to.deep.equal([Status.Pending, Status.Disputed]);
      await l1.disputer.clearDisputed(2);
      expect(await statuses(l1, [2, 3])).to.deep.equal([Status.Pending, Status.Disputed]);
      await l1.disputer.clearDisputed(3);
      expect(await statuses(l1, [3, 6])).to.deep.equal([Status.Pending, Status.Pending]);
    });
  });

  describe("DA requests in any order", function () {
    it("keeps the lowest open request as requests open and close out of order", async function () {
      const l1 = await loadFixture(sixBatches);
      await l1.daCaller.markInsecure(3);
      await l1.daCaller.markInsecure(4); // above the lowest open
      await expect(l1.daCaller.markInsecure(4))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainAlreadyOpen")
        .withArgs(4);
      expect(await statuses(l1, [2, 3, 4])).to.deep.equal([Status.Pending, Status.Insecure, Status.Insecure]);
      await l1.daCaller.markInsecure(2); // below it
      expect(await statuses(l1, [1, 2])).to.deep.equal([Status.Pending, Status.Insecure]);
      await l1.daCaller.clearInsecure(3, 0); // not the last entry
      expect(await statuses(l1, [2, 3])).to.deep.equal([Status.Insecure, Status.Insecure]);
      await l1.daCaller.clearInsecure(2, 0);
      expect(await statuses(l1, [2, 3, 4])).to.deep.equal([Status.Pending, Status.Pending, Status.Insecure]);
    });

    it("drops the requests a rollback removes and keeps those below it", async function () {
      const l1 = await loadFixture(sixBatches);
      await l1.daCaller.markInsecure(2);
      await l1.daCaller.markInsecure(5);
      await l1.disputer.rollback(4);
      // Batch 5's bit went with it: clearing it now finds nothing open, and batch 2's request still holds.
      await expect(l1.daCaller.clearInsecure(5, 0))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainNothingOpen")
        .withArgs(5);
      expect(await statuses(l1, [1, 2, 3])).to.deep.equal([Status.Pending, Status.Insecure, Status.Insecure]);
      await l1.daCaller.clearInsecure(2, 0);
      expect(await statuses(l1, [2, 3])).to.deep.equal([Status.Pending, Status.Pending]);
      // A rollback from below the lowest open request removes them all.
      await l1.daCaller.markInsecure(3);
      await l1.disputer.rollback(2);
      expect(await statuses(l1, [1])).to.deep.equal([Status.Pending]);
      for (let i = 0; i < 3; i++) await submitNext(l1);
      expect(await statuses(l1, [2, 3, 4])).to.deep.equal([Status.Pending, Status.Pending, Status.Pending]);
    });

    it("keeps a review that is still running when another request is cleared", async function () {
      const l1 = await loadFixture(sixBatches);
      await l1.daCaller.markInsecure(3);
      const until = BigInt((await time.latest()) + 10 * DAY);
      await l1.daCaller.clearInsecure(3, until);
      await l1.daCaller.markInsecure(5);
      await l1.daCaller.clearInsecure(5, 0);
      // Batch 3's review still holds back batch 3 and every later batch.
      for (const index of [3, 5, 6]) expect(await l1.batchChain.finalizesAt(index)).to.equal(until);
      await time.increaseTo(until - 1n);
      expect(await statuses(l1, [2, 3])).to.deep.equal([Status.Finalized, Status.Pending]);
    });
  });

  describe("DA requests only within the batch's own window", function () {
    it("refuses a request once the batch's own window is over, though a review still holds it Pending", async function () {
      const l1 = await loadFixture(heldByReview);
      const [, submittedAt] = await l1.batchChain.batchInfo(6);
      const own = submittedAt + BigInt(WEEK);
      expect(await l1.batchChain.finalizesAt(6)).to.equal(l1.until);
      expect(own).to.be.lessThan(l1.until);
      await expectOwnWindowEnds(l1, 6, own);
    });

    it("counts the window the batch was submitted under, not the wait for the last batch under a longer one", async function () {
      const l1 = await loadFixture(sixBatches);
      await l1.batchChain.connect(await governanceSigner(l1)).setFraudProofWindow(HOUR); // for batches 7 on
      await submitNext(l1);
      const [, submittedAt] = await l1.batchChain.batchInfo(7);
      const [, parentSubmittedAt] = await l1.batchChain.batchInfo(6);
      expect(await l1.batchChain.finalizesAt(7)).to.equal(parentSubmittedAt + BigInt(WEEK));
      await expectOwnWindowEnds(l1, 7, submittedAt + BigInt(HOUR));
    });
  });

  describe("cost bounded by the number of reviews", function () {
    // Under coverage every EVM step is traced in JavaScript: fewer reviews there (the bound is the same).
    const MANY = underCoverage() ? 40 : 300;
    const BATCHES = MANY + 2;

    /**
     * Submits `count` batches as {@link submitNext} would from a single sequencer, but builds and signs each header
     * locally (the parent hash, blocks and signature need no call), so that hundreds take a second or two.
     */
    async function submitMany(l1: L1Fixture, count: number) {
      const sequencer = l1.sequencers[0]!.signer;
      const domain = await domainOf(l1);
      const members = (await l1.registry.members()).map((member) => member.signer);
      const chain = l1.batchChain.connect(sequencer);
      let header = await nextHeader(l1);
      for (let i = 0; i < count; i++) {
        const digest = TypedDataEncoder.hash(domain, HEADER_TYPES, header) as Hex;
        const signatures = packQuorumSignatures(digest, [sequencer.signingKey.sign(digest)], members);
        // A fixed gas limit spares a gas estimate (a second run of the call) per batch.
        await chain.submitBatch(header, signatures, { gasLimit: 1_000_000 });
        const lastBlock = BigInt(header.lastBlock);
        header = {
          ...header,
          batchIndex: BigInt(header.batchIndex) + 1n,
          parentHash: headerHash(header),
          firstBlock: lastBlock + 1n,
          lastBlock: lastBlock + 4n,
        };
      }
    }

    /** `BATCHES` batches from a single sequencer and the DA request manager's hooks (DA_ROLE); no review yet. */
    async function manyBatches() {
      const l1 = await deployWithSequencers(1);
      const { daCaller } = await wiredHooks(l1);
      await submitMany(l1, BATCHES);
      expect(await l1.batchChain.batchCount()).to.equal(BigInt(BATCHES + 1));
      return { ...l1, daCaller, start: BigInt(await time.latest()) };
    }

    /**
     * Reviews for batches 1 to `count`, each ending a second after the previous one and past every own deadline, then
     * the gas of the answer that adds one more for the last batch, and of a status read in the middle of the chain.
     */
    async function costWith(count: number) {
      const l1 = await loadFixture(manyBatches);
      const base = l1.start + BigInt(8 * DAY);
      const until = (i: number) => base + BigInt(i);
      // A DA request opened and answered for each batch, many to a block (automine off) to keep the run short.
      await network.provider.send("evm_setAutomine", [false]);
      try {
        for (let from = 1; from <= count; from += 100) {
          const sent = [];
          for (let i = from; i <= Math.min(count, from + 99); i++) {
            sent.push(await l1.daCaller.markInsecure(i, { gasLimit: 150_000 }));
            sent.push(await l1.daCaller.clearInsecure(i, until(i), { gasLimit: 150_000 }));
          }
          await network.provider.send("evm_mine", []);
          for (const tx of sent) expect((await tx.wait())!.status).to.equal(1);
        }
      } finally {
        await network.provider.send("evm_setAutomine", [true]);
      }
      const last = BATCHES - 1;
      await l1.daCaller.markInsecure(last);
      const answer = await l1.daCaller.clearInsecure.estimateGas(last, until(last));
      const middle = BATCHES / 2;
      const read = await l1.batchChain.batchStatus.estimateGas(middle);
      // The reads did go through the reviews: every batch from 1 on is held by one.
      expect(await l1.batchChain.finalizesAt(middle)).to.equal(until(Math.min(count, middle)));
      return { answer, read };
    }

    it("keeps an answer and a status read about as cheap with 300 reviews as with 3", async function () {
      const few = await costWith(3);
      const many = await costWith(MANY);
      // O(log n) review slots read: a few more than with 3, where a scan of them all would cost 300 cold reads.
      expect(Number(many.answer)).to.be.lessThan(1.5 * Number(few.answer));
      expect(Number(many.read)).to.be.lessThan(1.5 * Number(few.read));
    });
  });

  describe("rollback", function () {
    it("drops the reviews of rolled-back batches and keeps those of earlier ones", async function () {
      const l1 = await loadFixture(sixBatches);
      const now = await time.latest();
      const early = BigInt(now + 8 * DAY);
      const late = BigInt(now + 20 * DAY);
      await l1.daCaller.markInsecure(2);
      await l1.daCaller.clearInsecure(2, early);
      await l1.daCaller.markInsecure(4);
      await l1.daCaller.clearInsecure(4, late);
      expect(await l1.batchChain.finalizesAt(5)).to.equal(late);
      await l1.disputer.rollback(4);
      expect(await l1.batchChain.finalizesAt(3)).to.equal(early);
      // The new batches 4 and 5 are held back by batch 2's review only: batch 4's went with it.
      await submitNext(l1);
      await submitNext(l1);
      const [, submittedAt] = await l1.batchChain.batchInfo(5);
      expect(submittedAt + BigInt(WEEK)).to.be.lessThan(early);
      for (const index of [4, 5]) expect(await l1.batchChain.finalizesAt(index)).to.equal(early);
    });

    it("reports every batch of both ranges RolledBack after a second rollback below the first", async function () {
      const l1 = await loadFixture(sixBatches); // batches 1-6
      await l1.disputer.rollback(5);
      await l1.disputer.rollback(2);
      expect(await l1.batchChain.batchCount()).to.equal(2n);
      expect(await statuses(l1, [1, 2, 3, 4, 5, 6, 7])).to.deep.equal([
        Status.Pending,
        ...Array(5).fill(Status.RolledBack),
        Status.None,
      ]);
      await submitNext(l1);
      expect(await statuses(l1, [2, 3, 4])).to.deep.equal([Status.Pending, Status.RolledBack, Status.RolledBack]);
    });
  });

  describe("setForceInclusionDelay", function () {
    it("is reserved to the governor", async function () {
      const l1 = await loadFixture(sixBatches);
      const outsider = await fundedWallet();
      await expect(l1.batchChain.connect(outsider).setForceInclusionDelay(2 * 3600))
        .to.be.revertedWithCustomError(l1.batchChain, "AccessControlUnauthorizedAccount")
        .withArgs(outsider.address, await l1.batchChain.GOVERNOR_ROLE());
      expect(await l1.batchChain.forceInclusionDelay()).to.equal(BigInt(DAY));
    });
  });
});
