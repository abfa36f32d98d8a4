/**
 * DARequestManager on real rollup batches: a DA request makes the batch Insecure, a chunked answer of the batch's raw
 * transactions (decoded from its data object) and block leaves secures it and pays the poster from the bond, an
 * unanswered request expires at the second its window ends (rollback, slash, bond back), a request opens only within
 * the batch's own fraud window (so answers cannot be chained to freeze finality), and every custom error once, with its
 * arguments and nothing changed.
 */
import { takeSnapshot, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { getBytes, hexlify, solidityPackedKeccak256, Wallet, type Signer } from "ethers";
import { ethers } from "hardhat";

import { RejectingDARequester__factory } from "../../sdk/src/contracts/typechain";
import { decodeBatchData, headerHash, MAX_L2_TRANSACTION_BYTES, type Hex } from "../../sdk/src/proof";
import { l2BlockOf, l2Transfers, stakes } from "../helpers/disputes";
import { forgeBatch, packSignatures, type ForgedBatch } from "../helpers/forge";
import { Status } from "../helpers/l1";
import { removeRollupDirectories, rollup, type Rollup } from "../helpers/rollup";
import { seededAddress, seededWord } from "../helpers/seeded";
import { governanceSigner } from "../helpers/governance";

const HOUR = 3600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const BOND = 5n * 10n ** 17n;
const REQUEST = { None: 0n, Open: 1n, Answered: 2n, Expired: 3n, Void: 4n };

interface Entry {
  readonly l2BlockNumber: bigint;
  readonly indexInBlock: number;
  readonly raw: Hex;
}

/** The batch's transactions as an answer posts them, from its data object. */
function entriesOf(batch: ForgedBatch): Entry[] {
  return decodeBatchData(batch.data).blocks.flatMap((block) =>
    block.transactions.map((raw, indexInBlock) => ({ l2BlockNumber: block.number, indexInBlock, raw })),
  );
}

const bytesOf = (entries: readonly Entry[]): bigint =>
  entries.reduce((sum, entry) => sum + BigInt(getBytes(entry.raw).length), 0n);

/** A rollup with batch 1 (three blocks of one transfer, one block of four) submitted, and the parties. */
async function withBatch() {
  const r = await rollup();
  await l2Transfers(r, 3);
  await l2BlockOf(r, 4);
  const batch = await forgeBatch(r);
  const signers = await ethers.getSigners();
  const requester = signers[7]!;
  const poster = signers[8]!;
  const griefer = signers[9]!;
  const da = r.l1.daRequestManager;
  const entries = entriesOf(batch);
  return { r, batch, requester, poster, griefer, da, entries, leaves: batch.blockLeaves };
}

type Setup = Awaited<ReturnType<typeof withBatch>>;

/** `withBatch` with the requester's request open against batch 1. */
async function withRequest() {
  const setup = await withBatch();
  await (await setup.da.connect(setup.requester).requestData(setup.batch.header.batchIndex, { value: BOND })).wait();
  const request = await setup.da.request(setup.batch.hash);
  return { ...setup, deadline: request.deadline };
}

/** What the DA request manager and BatchChain hold for `batch`, and the parties' credits. */
async function snapshotOf(r: Rollup, batch: ForgedBatch, parties: readonly Signer[]) {
  const da = r.l1.daRequestManager;
  const addresses = await Promise.all(parties.map((p) => p.getAddress()));
  return {
    request: [...(await da.request(batch.hash))],
    progress: await Promise.all(addresses.map(async (a) => [...(await da.progress(batch.hash, a))])),
    claimable: await Promise.all(addresses.map((a) => da.claimable(a))),
    balance: await ethers.provider.getBalance(await da.getAddress()),
    count: await r.l1.batchChain.batchCount(),
    status: await r.l1.batchChain.batchStatus(batch.header.batchIndex),
    stakes: [...(await stakes(r)).entries()],
  };
}

/** Runs `check` and asserts that nothing changed. */
async function unchanged(setup: Setup, check: () => Promise<void>) {
  const parties = [setup.requester, setup.poster, setup.griefer];
  const before = await snapshotOf(setup.r, setup.batch, parties);
  await check();
  expect(await snapshotOf(setup.r, setup.batch, parties)).to.deep.equal(before);
}

/** Posts the whole answer as `poster` in two chunks (half the transactions with the first leaves, then the rest). */
async function answerAll(setup: Setup, poster: Signer = setup.poster) {
  const { da, batch, entries, leaves } = setup;
  const half = Math.floor(entries.length / 2);
  await (await da.connect(poster).answer(batch.header, 0, entries.slice(0, half), leaves.slice(0, 2))).wait();
  return (await da.connect(poster).answer(batch.header, 1, entries.slice(half), leaves.slice(2))).wait();
}

describe("DARequestManager", function () {
  after(removeRollupDirectories);

  describe("a request answered", function () {
    it("makes the batch Insecure, accepts a chunked answer past a griefer's wrong chunk, and pays by pull", async function () {
      const setup = await withBatch();
      const { r, da, batch, requester, poster, griefer, entries } = setup;
      const index = batch.header.batchIndex;
      await expect(da.connect(requester).requestData(batch.header.batchIndex, { value: BOND }))
        .to.emit(da, "DataRequested")
        .withArgs(index, batch.hash, requester.address, BOND)
        .and.to.emit(r.l1.batchChain, "BatchInsecure")
        .withArgs(index);
      expect(await r.l1.batchChain.batchStatus(index)).to.equal(Status.Insecure);

      // A griefer's first chunk carries a wrong transaction: it only fills the griefer's own trees.
      const wrong = [{ ...entries[0]!, raw: hexlify(getBytes(seededWord("not a transaction"))) as Hex }];
      await (await da.connect(griefer).answer(batch.header, 0, wrong, [])).wait();

      const half = Math.floor(entries.length / 2);
      await expect(da.connect(poster).answer(batch.header, 0, entries.slice(0, half), setup.leaves.slice(0, 2)))
        .to.emit(da, "DataChunkPosted")
        .withArgs(batch.hash, poster.address, 0, 0, half, 0, 2);
      expect(await r.l1.batchChain.batchStatus(index)).to.equal(Status.Insecure);
      const bytes = bytesOf(entries);
      const refund = (await da.refundFixed()) + (await da.refundPerByte()) * bytes;
      expect(refund).to.be.lessThan(BOND);
      const tx = da.connect(poster).answer(batch.header, 1, entries.slice(half), setup.leaves.slice(2));
      await expect(tx)
        .to.emit(da, "DataChunkPosted")
        .withArgs(batch.hash, poster.address, 1, half, entries.length - half, 2, setup.leaves.length - 2)
        .and.to.emit(da, "DataAnswered")
        .and.to.emit(r.l1.batchChain, "BatchSecured");
      expect(await r.l1.batchChain.batchStatus(index)).to.equal(Status.Pending);
      const request = await da.request(batch.hash);
      expect(request.status).to.equal(REQUEST.Answered);
      const progress = await da.progress(batch.hash, poster.address);
      expect([progress.nextChunk, progress.txs, progress.blocks, progress.bytesPosted]).to.deep.equal([
        2n,
        BigInt(entries.length),
        BigInt(setup.leaves.length),
        bytes,
      ]);
      expect(await da.claimable(poster.address)).to.equal(refund);
      expect(await da.claimable(requester.address)).to.equal(BOND - refund);

      await expect(da.connect(poster).claim()).to.changeEtherBalances([poster, da], [refund, -refund]);
      await expect(da.connect(requester).claim())
        .to.emit(da, "Claimed")
        .withArgs(requester.address, BOND - refund);
      expect(await ethers.provider.getBalance(await da.getAddress())).to.equal(0n);
    });

    it("holds the batch back for minReviewTime after a late answer", async function () {
      const setup = await withBatch();
      const { r, da, batch, requester } = setup;
      const index = batch.header.batchIndex;
      const finalizesAt = await r.l1.batchChain.finalizesAt(index);
      await time.increaseTo(finalizesAt - BigInt(HOUR));
      await (await da.connect(requester).requestData(batch.header.batchIndex, { value: BOND })).wait();
      await answerAll(setup);
      const answeredAt = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
      const reviewUntil = answeredAt + (await da.minReviewTime());
      expect(await r.l1.batchChain.finalizesAt(index)).to.equal(reviewUntil);
      await time.increaseTo(reviewUntil - 1n);
      expect(await r.l1.batchChain.batchStatus(index)).to.equal(Status.Pending);
      await time.increaseTo(reviewUntil);
      expect(await r.l1.batchChain.batchStatus(index)).to.equal(Status.Finalized);
    });

    it("keeps every batch from the lowest open request Insecure, and the next one once the lowest is answered", async function () {
      const setup = await withRequest();
      const { r, da, batch, poster } = setup;
      await l2Transfers(r, 2);
      const second = await forgeBatch(r);
      await l2Transfers(r, 1);
      const third = await forgeBatch(r);
      await (await da.connect(poster).requestData(third.header.batchIndex, { value: BOND })).wait();
      const statuses = async () =>
        Promise.all([batch, second, third].map((b) => r.l1.batchChain.batchStatus(b.header.batchIndex)));
      expect(await statuses()).to.deep.equal([Status.Insecure, Status.Insecure, Status.Insecure]);
      await answerAll(setup);
      expect(await statuses()).to.deep.equal([Status.Pending, Status.Pending, Status.Insecure]);
    });

    it("takes the largest L2 transaction the L2 allows in one chunk, well inside osaka's gas cap", async function () {
      const r = await rollup();
      const alice = r.l2.users[0]!;
      await (
        await alice.sendTransaction({ to: alice.address, data: `0x${"ff".repeat(MAX_L2_TRANSACTION_BYTES - 200)}` })
      ).wait();
      const batch = await forgeBatch(r);
      const entries = entriesOf(batch);
      const largest = Math.max(...entries.map((entry) => getBytes(entry.raw).length));
      expect(largest).to.be.within(MAX_L2_TRANSACTION_BYTES - 200, MAX_L2_TRANSACTION_BYTES);
      const [requester, poster] = (await ethers.getSigners()).slice(7);
      const da = r.l1.daRequestManager;
      await (await da.connect(requester!).requestData(batch.header.batchIndex, { value: BOND })).wait();
      const receipt = await (await da.connect(poster!).answer(batch.header, 0, entries, batch.blockLeaves)).wait();
      expect((await da.request(batch.hash)).status).to.equal(REQUEST.Answered);
      expect(receipt!.gasUsed).to.be.lessThan(16_777_216n / 2n);
    });

    it("answers a batch without transactions with its block leaves alone (the empty transaction root)", async function () {
      const setup = await withBatch();
      const { r, da, requester, poster } = setup;
      await r.l2.provider.send("evm_mine", []);
      const empty = await forgeBatch(r);
      expect(empty.header.txCount).to.equal(0);
      await (await da.connect(requester).requestData(empty.header.batchIndex, { value: BOND })).wait();
      await expect(da.connect(poster).answer(empty.header, 0, [], empty.blockLeaves)).to.emit(da, "DataAnswered");
      expect((await da.request(empty.hash)).status).to.equal(REQUEST.Answered);
    });

    it("caps the poster's refund at the bond", async function () {
      const setup = await withRequest();
      const { da, r, requester, poster } = setup;
      await (await da.connect(await governanceSigner(r.l1)).setRefundFixed(10n ** 18n)).wait();
      await answerAll(setup);
      expect(await da.claimable(poster.address)).to.equal(BOND);
      expect(await da.claimable(requester.address)).to.equal(0n);
    });
  });

  describe("a request only within the batch's own fraud window", function () {
    it("stops the chained-review freeze at the first batch past its own window, to the second", async function () {
      // The attack: request a batch just before its window ends and answer it yourself (the bond comes back), then
      // just before that review ends request the lowest batch not final, and so on: each answer adds minReviewTime.
      const setup = await withBatch();
      const { r, da, batch, requester } = setup;
      await l2Transfers(r, 2);
      const second = await forgeBatch(r);
      const [, submittedAt] = await r.l1.batchChain.batchInfo(second.header.batchIndex);
      const ownDeadline = submittedAt + BigInt(WEEK);
      await time.increaseTo((await r.l1.batchChain.finalizesAt(batch.header.batchIndex)) - BigInt(HOUR));
      await (await da.connect(requester).requestData(batch.header.batchIndex, { value: BOND })).wait();
      await answerAll(setup, requester);
      const reviewUntil = await r.l1.batchChain.finalizesAt(second.header.batchIndex);
      expect(reviewUntil).to.be.greaterThan(ownDeadline); // the review holds batch 2 past its own window

      // At the last second of batch 2's own window a request still opens.
      const snapshot = await takeSnapshot();
      await time.setNextBlockTimestamp(ownDeadline - 1n);
      await expect(da.connect(requester).requestData(second.header.batchIndex, { value: BOND }))
        .to.emit(da, "DataRequested")
        .withArgs(second.header.batchIndex, second.hash, requester.address, BOND);
      await snapshot.restore();

      // One second later it is refused, though batch 2 still reads Pending; BatchChain's error comes through.
      for (const at of [ownDeadline, reviewUntil - 60n]) {
        await time.setNextBlockTimestamp(at);
        await unchanged(setup, async () => {
          await expect(da.connect(requester).requestData(second.header.batchIndex, { value: BOND }))
            .to.be.revertedWithCustomError(r.l1.batchChain, "BatchChainWindowOver")
            .withArgs(second.header.batchIndex, ownDeadline);
        });
        expect(await r.l1.batchChain.batchStatus(second.header.batchIndex)).to.equal(Status.Pending);
        expect((await da.request(second.hash)).status).to.equal(REQUEST.None);
      }
      // So the chain finalizes when that one review ends: one request delayed it by at most daWindow + minReviewTime.
      await time.increaseTo(reviewUntil);
      expect(await r.l1.batchChain.batchStatus(second.header.batchIndex)).to.equal(Status.Finalized);
      expect(reviewUntil - ownDeadline).to.be.at.most((await da.daWindow()) + (await da.minReviewTime()));
    });
  });

  describe("a request expired", function () {
    it("expires not one second early: rollback, signers slashed, requester refunded and rewarded", async function () {
      const setup = await withRequest();
      const { r, da, batch, requester, deadline } = setup;
      const index = batch.header.batchIndex;
      await time.setNextBlockTimestamp(deadline - 1n);
      await unchanged(setup, async () => {
        await expect(da.expire(batch.header, batch.signatures))
          .to.be.revertedWithCustomError(da, "DARequestManagerWindowOpen")
          .withArgs(deadline);
      });
      const before = await stakes(r);
      await time.setNextBlockTimestamp(deadline);
      await expect(da.expire(batch.header, batch.signatures))
        .to.emit(da, "DataRequestExpired")
        .and.to.emit(r.l1.batchChain, "BatchesRolledBack")
        .withArgs(index, index + 1n);
      expect(await r.l1.batchChain.batchStatus(index)).to.equal(Status.RolledBack);
      expect((await da.request(batch.hash)).status).to.equal(REQUEST.Expired);
      const bps = await da.daSlashBps();
      const after = await stakes(r);
      let slashed = 0n;
      for (const [signer, stake] of before) {
        expect(after.get(signer), signer).to.equal(stake - (stake * bps) / 10_000n);
        slashed += (stake * bps) / 10_000n;
      }
      const reward = (slashed * (await r.l1.registry.rewardBps())) / 10_000n;
      expect(await r.l1.registry.claimable(requester.address)).to.be.closeTo(reward, 4n);
      expect(await da.claimable(requester.address)).to.equal(BOND);
      await expect(da.connect(requester).claim()).to.changeEtherBalance(requester, BOND);
    });

    it("slashes the signers expire was not given later, each once", async function () {
      const setup = await withRequest();
      const { r, da, batch, requester, deadline } = setup;
      const [a, b, c, d] = [...r.sequencers].sort((x, y) => (BigInt(x.address) < BigInt(y.address) ? -1 : 1));
      const before = await stakes(r);
      // Packed while all four are members: the slashed leave the epoch.
      const all = await packSignatures(r, batch.header, [a!, b!, c!, d!]);
      const some = await packSignatures(r, batch.header, [a!, c!]);
      await time.setNextBlockTimestamp(deadline);
      await (await da.expire(batch.header, some)).wait();
      const slashedFirst = [a!.address, c!.address];
      expect(await da.slashedSigners(batch.hash)).to.equal(solidityPackedKeccak256(["address[]"], [slashedFirst]));
      await unchanged(setup, async () => {
        await expect(da.slashMoreSigners(batch.header, [a!.address], all))
          .to.be.revertedWithCustomError(da, "DARequestManagerWrongSlashedList")
          .withArgs(batch.hash);
      });
      const rewardBefore = await r.l1.registry.claimable(requester.address);
      await expect(da.slashMoreSigners(batch.header, slashedFirst, all)).to.emit(da, "MoreSignersSlashed");
      const bps = await da.daSlashBps();
      const after = await stakes(r);
      for (const [signer, stake] of before) {
        expect(after.get(signer), signer).to.equal(stake - (stake * bps) / 10_000n);
      }
      expect(await r.l1.registry.claimable(requester.address)).to.be.greaterThan(rewardBefore);
      const everyone = [a!, b!, c!, d!].map((s) => s.address);
      expect(await da.slashedSigners(batch.hash)).to.equal(solidityPackedKeccak256(["address[]"], [everyone]));
      // Everyone is slashed once: the full list skips them all.
      await (await da.slashMoreSigners(batch.header, everyone, all)).wait();
      expect(await stakes(r)).to.deep.equal(after);
    });

    it("refuses to slash more signers of a request that did not expire", async function () {
      const setup = await withRequest();
      const { da, batch } = setup;
      await unchanged(setup, async () => {
        await expect(da.slashMoreSigners(batch.header, [], batch.signatures))
          .to.be.revertedWithCustomError(da, "DARequestManagerNotOpen")
          .withArgs(batch.hash, REQUEST.Open);
      });
    });

    it("voids a request whose batch was rolled back by another request's expiry", async function () {
      const setup = await withRequest();
      const { r, da, batch, requester, poster, deadline } = setup;
      await l2Transfers(r, 2);
      const second = await forgeBatch(r);
      await (await da.connect(poster).requestData(second.header.batchIndex, { value: BOND })).wait();
      await time.setNextBlockTimestamp(deadline);
      await (await da.expire(batch.header, batch.signatures)).wait();
      await expect(da.expire(second.header, second.signatures))
        .to.emit(da, "DataRequestVoided")
        .withArgs(second.header.batchIndex, second.hash);
      expect((await da.request(second.hash)).status).to.equal(REQUEST.Void);
      expect(await da.claimable(poster.address)).to.equal(BOND);
      expect(await da.claimable(requester.address)).to.equal(BOND);
    });
  });

  describe("bad input", function () {
    it("refuses a wrong bond", async function () {
      const setup = await withBatch();
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.requester).requestData(setup.batch.header.batchIndex, { value: BOND - 1n }))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerWrongBond")
          .withArgs(BOND, BOND - 1n);
      });
    });

    it("refuses a batch never submitted", async function () {
      const setup = await withBatch();
      const unknown = { ...setup.batch.header, batchIndex: setup.batch.header.batchIndex + 1n };
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.requester).requestData(unknown.batchIndex, { value: BOND }))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerUnknownBatch")
          .withArgs(unknown.batchIndex);
      });
    });

    it("refuses a final batch", async function () {
      const setup = await withBatch();
      await time.increase(WEEK + 1);
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.requester).requestData(setup.batch.header.batchIndex, { value: BOND }))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerBatchFinal")
          .withArgs(setup.batch.header.batchIndex);
      });
    });

    it("refuses an answer to a header that is not the one at its index", async function () {
      const setup = await withRequest();
      const other = { ...setup.batch.header, dataHash: seededWord("other data") as Hex };
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.poster).answer(other, 0, setup.entries, setup.leaves))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerHeaderMismatch")
          .withArgs(other.batchIndex, setup.batch.hash, headerHash(other));
      });
    });

    it("refuses an answer that is not its transaction's top-level call from a plain EOA", async function () {
      const setup = await withRequest();
      const forwarder = await new RejectingDARequester__factory(setup.r.deployer).deploy();
      const at = await forwarder.getAddress();
      await unchanged(setup, async () => {
        await expect(forwarder.answer(await setup.da.getAddress(), setup.batch.header, 0, setup.entries, setup.leaves))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerPosterNotEOA")
          .withArgs(at);
      });
    });

    it("refuses a rolled-back batch", async function () {
      const setup = await withRequest();
      await time.setNextBlockTimestamp(setup.deadline);
      await (await setup.da.expire(setup.batch.header, setup.batch.signatures)).wait();
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.poster).requestData(setup.batch.header.batchIndex, { value: BOND }))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerBatchRolledBack")
          .withArgs(setup.batch.header.batchIndex, ethers.ZeroHash);
      });
    });

    it("refuses a second request", async function () {
      const setup = await withRequest();
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.poster).requestData(setup.batch.header.batchIndex, { value: BOND }))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerAlreadyRequested")
          .withArgs(setup.batch.hash, REQUEST.Open);
      });
    });

    it("refuses an answer without a request", async function () {
      const setup = await withBatch();
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.poster).answer(setup.batch.header, 0, setup.entries, setup.leaves))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerNotOpen")
          .withArgs(setup.batch.hash, REQUEST.None);
      });
    });

    it("refuses an answer once the window is over", async function () {
      const setup = await withRequest();
      await time.setNextBlockTimestamp(setup.deadline);
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.poster).answer(setup.batch.header, 0, setup.entries, setup.leaves))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerWindowOver")
          .withArgs(setup.deadline);
      });
    });

    it("refuses an answer from an EOA with EIP-7702 code, though it calls directly", async function () {
      const setup = await withRequest();
      const delegated = new Wallet(seededWord("a delegated poster"), ethers.provider);
      await ethers.provider.send("hardhat_setBalance", [delegated.address, "0xde0b6b3a7640000"]);
      const { chainId } = await ethers.provider.getNetwork();
      const authorization = await delegated.authorize({
        address: seededAddress("7702 delegate"),
        nonce: (await delegated.getNonce()) + 1,
        chainId,
      });
      await (
        await delegated.sendTransaction({ type: 4, to: delegated.address, authorizationList: [authorization] })
      ).wait();
      expect(await ethers.provider.getCode(delegated.address)).to.match(/^0xef0100/);
      await unchanged(setup, async () => {
        await expect(setup.da.connect(delegated).answer(setup.batch.header, 0, setup.entries, setup.leaves))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerPosterNotEOA")
          .withArgs(delegated.address);
      });
    });

    it("refuses an answer to a batch never submitted, or to one rolled back by its expiry", async function () {
      const setup = await withRequest();
      const { da, batch, poster, entries, leaves, deadline } = setup;
      const unknown = { ...batch.header, batchIndex: batch.header.batchIndex + 1n };
      await unchanged(setup, async () => {
        await expect(da.connect(poster).answer(unknown, 0, entries, leaves))
          .to.be.revertedWithCustomError(da, "DARequestManagerUnknownBatch")
          .withArgs(unknown.batchIndex);
      });
      // After expiry the header is rolled back: an answer comes too late.
      await time.setNextBlockTimestamp(deadline);
      await (await da.expire(batch.header, batch.signatures)).wait();
      await unchanged(setup, async () => {
        await expect(da.connect(poster).answer(batch.header, 0, entries, leaves))
          .to.be.revertedWithCustomError(da, "DARequestManagerBatchRolledBack")
          .withArgs(batch.header.batchIndex, batch.hash);
      });
    });

    it("refuses an answer to a final batch", async function () {
      const setup = await withBatch();
      await time.increase(WEEK + 1);
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.poster).answer(setup.batch.header, 0, setup.entries, setup.leaves))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerBatchFinal")
          .withArgs(setup.batch.header.batchIndex);
      });
    });

    it("refuses a chunk out of order", async function () {
      const setup = await withRequest();
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.poster).answer(setup.batch.header, 1, setup.entries, setup.leaves))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerWrongChunk")
          .withArgs(0, 1);
      });
    });

    it("refuses a repeated chunk", async function () {
      const setup = await withRequest();
      const { da, batch, poster, entries } = setup;
      await (await da.connect(poster).answer(batch.header, 0, entries.slice(0, 2), [])).wait();
      await unchanged(setup, async () => {
        await expect(da.connect(poster).answer(batch.header, 0, entries.slice(0, 2), []))
          .to.be.revertedWithCustomError(da, "DARequestManagerWrongChunk")
          .withArgs(1, 0);
      });
    });

    it("refuses an empty chunk", async function () {
      const setup = await withRequest();
      await unchanged(setup, async () => {
        await expect(
          setup.da.connect(setup.poster).answer(setup.batch.header, 0, [], []),
        ).to.be.revertedWithCustomError(setup.da, "DARequestManagerEmptyChunk");
      });
    });

    it("refuses transactions past the batch's txCount", async function () {
      const setup = await withRequest();
      const { entries, batch } = setup;
      const extra = [...entries, { ...entries[entries.length - 1]!, indexInBlock: 99 }];
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.poster).answer(batch.header, 0, extra, []))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerTooManyTxs")
          .withArgs(batch.header.txCount, entries.length + 1);
      });
    });

    it("refuses block leaves past the batch's block count", async function () {
      const setup = await withRequest();
      const { leaves, batch } = setup;
      const extra = [...leaves, leaves[0]!];
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.poster).answer(batch.header, 0, [], extra))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerTooManyBlocks")
          .withArgs(leaves.length, leaves.length + 1);
      });
    });

    it("refuses transactions not in ascending (block, index) order", async function () {
      const setup = await withRequest();
      const { entries, batch } = setup;
      const swapped = [entries[1]!, entries[0]!];
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.poster).answer(batch.header, 0, swapped, []))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerTxOutOfOrder")
          .withArgs(1, entries[0]!.l2BlockNumber, entries[0]!.indexInBlock);
      });
    });

    it("refuses a transaction index that skips one: each block's transactions sit at 0, 1, 2, ...", async function () {
      const setup = await withRequest();
      const { entries, batch } = setup;
      // Batch 1's last block holds four transfers: drop the third, so the fourth comes at index 3 after index 1.
      const last = entries.filter((entry) => entry.l2BlockNumber === batch.header.lastBlock);
      const gap = [...entries.slice(0, entries.length - last.length), last[0]!, last[1]!, last[3]!];
      const position = entries.length - last.length + 2;
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.poster).answer(batch.header, 0, gap, []))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerTxOutOfOrder")
          .withArgs(position, batch.header.lastBlock, 3);
      });
    });

    it("refuses a block leaf that is not the block of its position", async function () {
      const setup = await withRequest();
      const { leaves, batch } = setup;
      const moved = leaves.map((leaf, i) => (i === 1 ? { ...leaf, number: BigInt(leaf.number) + 100n } : leaf));
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.poster).answer(batch.header, 0, [], moved))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerLeafOutOfOrder")
          .withArgs(1, BigInt(leaves[1]!.number) + 100n);
      });
    });

    it("refuses the right transactions with wrong block leaves", async function () {
      const setup = await withRequest();
      const { entries, leaves, batch } = setup;
      const wrong = leaves.map((leaf, i) =>
        i === 1 ? { ...leaf, stateRoot: seededWord("wrong state") as Hex } : leaf,
      );
      await unchanged(setup, async () => {
        await expect(
          setup.da.connect(setup.poster).answer(batch.header, 0, entries, wrong),
        ).to.be.revertedWithCustomError(setup.da, "DARequestManagerRootMismatch");
      });
      const error = await setup.da
        .connect(setup.poster)
        .answer.staticCall(batch.header, 0, entries, wrong)
        .catch((e: { data?: string }) => setup.da.interface.parseError(e.data!));
      expect(error!.args[0]).to.equal(batch.header.txBatchRoot);
      expect(error!.args[1]).to.equal(batch.header.txBatchRoot);
      expect(error!.args[2]).to.equal(batch.header.stateBatchRoot);
      expect(error!.args[3]).to.not.equal(batch.header.stateBatchRoot);
    });

    it("refuses the right block leaves with wrong transactions", async function () {
      const setup = await withRequest();
      const { entries, leaves, batch } = setup;
      const raw = getBytes(entries[2]!.raw);
      raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
      const wrong = entries.map((entry, i) => (i === 2 ? { ...entry, raw: hexlify(raw) as Hex } : entry));
      const error = await setup.da
        .connect(setup.poster)
        .answer.staticCall(batch.header, 0, wrong, leaves)
        .catch((e: { data?: string }) => setup.da.interface.parseError(e.data!));
      expect(error!.name).to.equal("DARequestManagerRootMismatch");
      expect(error!.args[0]).to.equal(batch.header.txBatchRoot);
      expect(error!.args[1]).to.not.equal(batch.header.txBatchRoot);
      expect(error!.args[2]).to.equal(batch.header.stateBatchRoot);
      expect(error!.args[3]).to.equal(batch.header.stateBatchRoot);
      await unchanged(setup, async () => {
        await expect(
          setup.da.connect(setup.poster).answer(batch.header, 0, wrong, leaves),
        ).to.be.revertedWithCustomError(setup.da, "DARequestManagerRootMismatch");
      });
    });

    it("refuses to expire an answered request", async function () {
      const setup = await withRequest();
      await answerAll(setup);
      await time.setNextBlockTimestamp(setup.deadline);
      await unchanged(setup, async () => {
        await expect(setup.da.expire(setup.batch.header, setup.batch.signatures))
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerNotOpen")
          .withArgs(setup.batch.hash, REQUEST.Answered);
      });
    });

    it("refuses a second claim", async function () {
      const setup = await withRequest();
      await answerAll(setup);
      await (await setup.da.connect(setup.poster).claim()).wait();
      await unchanged(setup, async () => {
        await expect(setup.da.connect(setup.poster).claim())
          .to.be.revertedWithCustomError(setup.da, "DARequestManagerNothingToClaim")
          .withArgs(setup.poster.address);
      });
    });

    it("reports a claim whose transfer fails, keeping the credit", async function () {
      const setup = await withBatch();
      const { da, batch, r } = setup;
      const requester = await new RejectingDARequester__factory(r.deployer).deploy();
      const at = await requester.getAddress();
      await (await requester.request(await da.getAddress(), batch.header.batchIndex, { value: BOND })).wait();
      await (await da.connect(await governanceSigner(r.l1)).setRefundFixed(0n)).wait();
      await (await da.connect(await governanceSigner(r.l1)).setRefundPerByte(0n)).wait();
      await answerAll(setup);
      expect(await da.claimable(at)).to.equal(BOND);
      await unchanged(setup, async () => {
        await expect(requester.claim(await da.getAddress()))
          .to.be.revertedWithCustomError(da, "DARequestManagerTransferFailed")
          .withArgs(at, BOND);
      });
      expect(await da.claimable(at)).to.equal(BOND);
    });
  });

  describe("governance", function () {
    it("sets each parameter within its bounds, emitting XUpdated(old, new), and only for GOVERNOR_ROLE", async function () {
      const { r, da, requester } = await withBatch();
      const gov = da.connect(await governanceSigner(r.l1));
      const cases = [
        ["setDaRequestBond", "daRequestBond", "DaRequestBondUpdated", 10n ** 18n, 10n ** 16n, 100n * 10n ** 18n],
        ["setDaWindow", "daWindow", "DaWindowUpdated", 2n * 3600n, 3600n, 6n * 86_400n],
        ["setMinReviewTime", "minReviewTime", "MinReviewTimeUpdated", 2n * 3600n, 3600n, 7n * 86_400n - 2n * 3600n],
        ["setDaSlashBps", "daSlashBps", "DaSlashBpsUpdated", 1_000n, 500n, 10_000n],
        ["setRefundFixed", "refundFixed", "RefundFixedUpdated", 1n, 0n, 10n ** 18n],
        ["setRefundPerByte", "refundPerByte", "RefundPerByteUpdated", 1n, 0n, 10n ** 14n],
      ] as const;
      for (const [setter, getter, event, value, min, max] of cases) {
        const old = await da.getFunction(getter).staticCall();
        await expect(gov.getFunction(setter)(value)).to.emit(da, event).withArgs(old, value);
        expect(await da.getFunction(getter).staticCall(), getter).to.equal(value);
        if (min > 0n) {
          await expect(gov.getFunction(setter)(min - 1n))
            .to.be.revertedWithCustomError(da, "DARequestManagerOutOfBounds")
            .withArgs(min - 1n, min, max);
        }
        await expect(gov.getFunction(setter)(max + 1n))
          .to.be.revertedWithCustomError(da, "DARequestManagerOutOfBounds")
          .withArgs(max + 1n, min, max);
        await expect(da.connect(requester).getFunction(setter)(value)).to.be.revertedWithCustomError(
          da,
          "AccessControlUnauthorizedAccount",
        );
        expect(await da.getFunction(getter).staticCall(), getter).to.equal(value);
      }
    });
  });
});
