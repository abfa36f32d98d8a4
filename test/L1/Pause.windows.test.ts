/**
 * Every window outside BatchChain's own runs on its active clock, which stops while paused: the DA window of a request
 * and the review after its answer (DARequestManager), the commit, reveal and escalation phases of an execution
 * dispute's vote and a verifier's exit delay (VerifierRegistry). For each, a guardian pause in the middle moves the end
 * by exactly the paused time, and a governance unpause by the time it actually lasted; the wall-clock views say so
 * (`request`, `votePhase`, `disputeStatus`, `verifierInfo`, `finalizesAt`), and nothing can be done early: `expire`,
 * a reveal, a resolution or a withdrawal is refused until the moved end, with the moved end in the error and nothing
 * changed, and the commit or answer that the old end would have refused is taken.
 */
import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import type { Signer } from "ethers";
import { ethers } from "hardhat";

import { decodeBatchData, type Hex } from "../../sdk/src/proof";
import { l2BlockOf, l2Transfers } from "../helpers/disputes";
import {
  commit,
  execution,
  EXIT_DELAY,
  openDispute,
  phasesOf,
  resolve,
  reveal,
  saltOf,
  VotePhase,
  DisputeStatus,
  type Execution,
  type Opened,
} from "../helpers/execution-fixture";
import { forgeBatch } from "../helpers/forge";
import { governanceSigner } from "../helpers/governance";
import { Status } from "../helpers/l1";
import { removeRollupDirectories, rollup, type Rollup } from "../helpers/rollup";

const MINUTE = 60n;
const HOUR = 3600n;
const REQUEST = { Open: 1n, Answered: 2n, Expired: 3n };
/** Hardhat account 15: no fixture uses it. */
const GUARDIAN = 15;

/** Makes Hardhat account {@link GUARDIAN} `r`'s guardian, through governance. */
async function guardianOf(r: Pick<Rollup, "l1">): Promise<Signer> {
  const guardian = (await ethers.getSigners())[GUARDIAN]!;
  const governance = await governanceSigner(r.l1);
  await (await r.l1.batchChain.connect(governance).setGuardian(guardian.address)).wait();
  return guardian;
}

/** The guardian pauses for `duration` seconds in a block at `at`. */
async function pauseAt(r: Pick<Rollup, "l1">, guardian: Signer, at: bigint, duration: bigint): Promise<void> {
  await time.setNextBlockTimestamp(at);
  await (await r.l1.batchChain.connect(guardian).pause(duration)).wait();
}

/** Governance ends the current pause in a block at `at`. */
async function unpauseAt(r: Pick<Rollup, "l1">, at: bigint): Promise<void> {
  await time.setNextBlockTimestamp(at);
  await (await r.l1.batchChain.connect(await governanceSigner(r.l1)).unpause()).wait();
}

/** Mines an empty block at `at` unless the latest is there already, so that views read that time. */
async function viewAt(at: bigint): Promise<void> {
  if (at > BigInt(await time.latest())) await time.increaseTo(at);
}

// ---- DA requests --------------------------------------------------------------------------------------------------

/** A rollup with batch 1 submitted, its answer (transactions and leaves), a requester, a poster and the guardian. */
async function withBatch() {
  const r = await rollup();
  await l2Transfers(r, 2);
  await l2BlockOf(r, 2);
  const batch = await forgeBatch(r);
  const signers = await ethers.getSigners();
  const entries = decodeBatchData(batch.data).blocks.flatMap((block) =>
    block.transactions.map((raw, indexInBlock) => ({ l2BlockNumber: block.number, indexInBlock, raw })),
  );
  const guardian = await guardianOf(r);
  return { r, batch, entries, requester: signers[7]!, poster: signers[8]!, guardian, da: r.l1.daRequestManager };
}

type DASetup = Awaited<ReturnType<typeof withBatch>>;

/** {@link withBatch} with a request open against batch 1, opened at `openedAt` and ending at `deadline`. */
async function withRequest() {
  const setup = await withBatch();
  const { da, batch, requester } = setup;
  await (await da.connect(requester).requestData(batch.header.batchIndex, { value: await da.daRequestBond() })).wait();
  const { openedAt, deadline } = await da.request(batch.hash);
  expect(deadline, "no pause yet: the window in wall time").to.equal(openedAt + (await da.daWindow()));
  return { ...setup, openedAt, deadline };
}

/** What the manager and BatchChain hold for the setup's batch, compared before and after a refused call. */
async function daState({ r, da, batch, poster }: DASetup) {
  return {
    request: [...(await da.request(batch.hash))],
    progress: [...(await da.progress(batch.hash, poster.address))],
    status: await r.l1.batchChain.batchStatus(batch.header.batchIndex),
    count: await r.l1.batchChain.batchCount(),
  };
}

/** Posts chunk `chunk` of the answer (0: the transactions; 1: the block leaves, which completes it) at `at`. */
function answerChunk({ da, batch, entries, poster }: DASetup, chunk: 0 | 1) {
  return chunk === 0
    ? da.connect(poster).answer(batch.header, 0, entries, [])
    : da.connect(poster).answer(batch.header, 1, [], batch.blockLeaves);
}

// ---- Votes --------------------------------------------------------------------------------------------------------

/** The execution fixture, its guardian, and a dispute opened against leaf 1 of batch 2. */
async function withDispute(): Promise<{ x: Execution; guardian: Signer; dispute: Opened }> {
  const x = await execution();
  const guardian = await guardianOf(x.r);
  const dispute = await openDispute(x, x.batches[2]!, 1);
  return { x, guardian, dispute };
}

async function phaseOf(x: Execution, dispute: Opened) {
  const [phase, endsAt] = await x.vr.votePhase(dispute.id, dispute.openedAt);
  const [status, phaseEndsAt] = await x.dm.disputeStatus(dispute.id);
  expect(phaseEndsAt, "disputeStatus and votePhase agree").to.equal(endsAt);
  return { phase: Number(phase), status: Number(status), endsAt };
}

async function ballotsOf(x: Execution, dispute: Opened) {
  const ballots = [];
  for (const v of x.verifiers) ballots.push([...(await x.vr.ballotOf(dispute.id, v.address))]);
  return { ballots, tally: [...(await x.vr.tally(dispute.id))], outcome: (await x.dm.executionDispute(dispute.id))[3] };
}

async function unchangedVote(x: Execution, dispute: Opened, check: () => Promise<void>) {
  const before = await ballotsOf(x, dispute);
  await check();
  expect(await ballotsOf(x, dispute)).to.deep.equal(before);
}

describe("pause: every window moves by the paused time", function () {
  after(removeRollupDirectories);

  describe("the DA window", function () {
    it("ends the paused time later: the request says so, answers are taken until then", async function () {
      const setup = await withRequest();
      const { da, batch, guardian, deadline } = setup;
      const paused = 6n * HOUR;
      await pauseAt(setup.r, guardian, deadline - 12n * HOUR, paused);
      const moved = deadline + paused;
      expect((await da.request(batch.hash)).deadline).to.equal(moved);

      // The old end is long past; the last second of the moved window still takes both chunks.
      await time.setNextBlockTimestamp(moved - 2n);
      await (await answerChunk(setup, 0)).wait();
      await time.setNextBlockTimestamp(moved - 1n);
      await expect(answerChunk(setup, 1)).to.emit(da, "DataAnswered");
      expect((await da.request(batch.hash)).status).to.equal(REQUEST.Answered);
    });

    it("refuses an answer from the moved end on (DARequestManagerWindowOver)", async function () {
      const setup = await withRequest();
      const { da, guardian, deadline } = setup;
      const paused = 6n * HOUR;
      await pauseAt(setup.r, guardian, deadline - 12n * HOUR, paused);
      const moved = deadline + paused;
      await time.setNextBlockTimestamp(moved - 1n);
      await (await answerChunk(setup, 0)).wait();
      await viewAt(moved - 1n);
      const before = await daState(setup);
      await time.setNextBlockTimestamp(moved);
      await expect(answerChunk(setup, 1))
        .to.be.revertedWithCustomError(da, "DARequestManagerWindowOver")
        .withArgs(moved);
      expect(await daState(setup)).to.deep.equal(before);
    });

    it("refuses expire until the moved end, then expires (DARequestManagerWindowOpen)", async function () {
      const setup = await withRequest();
      const { r, da, batch, guardian, deadline } = setup;
      const paused = 6n * HOUR;
      await pauseAt(r, guardian, deadline - 12n * HOUR, paused);
      const moved = deadline + paused;
      for (const at of [deadline, moved - 1n]) {
        await viewAt(at - 1n);
        const before = await daState(setup);
        await time.setNextBlockTimestamp(at);
        await expect(da.expire(batch.header, batch.signatures))
          .to.be.revertedWithCustomError(da, "DARequestManagerWindowOpen")
          .withArgs(moved);
        expect(await daState(setup)).to.deep.equal(before);
      }
      await time.setNextBlockTimestamp(moved);
      await expect(da.expire(batch.header, batch.signatures)).to.emit(da, "DataRequestExpired");
      expect(await r.l1.batchChain.batchStatus(batch.header.batchIndex)).to.equal(Status.RolledBack);
    });

    it("ends only the time the pause lasted later when governance unpauses early", async function () {
      const setup = await withRequest();
      const { r, da, batch, guardian, deadline } = setup;
      const start = deadline - 12n * HOUR;
      await pauseAt(r, guardian, start, 6n * HOUR);
      await unpauseAt(r, start + 2n * HOUR);
      const moved = deadline + 2n * HOUR;
      expect((await da.request(batch.hash)).deadline).to.equal(moved);
      await time.setNextBlockTimestamp(moved - 1n);
      await expect(da.expire(batch.header, batch.signatures))
        .to.be.revertedWithCustomError(da, "DARequestManagerWindowOpen")
        .withArgs(moved);
      await time.setNextBlockTimestamp(moved);
      await expect(da.expire(batch.header, batch.signatures)).to.emit(da, "DataRequestExpired");
    });

    it("takes requests and answers during a pause: the window and the review start when it ends", async function () {
      const setup = await withBatch();
      const { r, da, batch, requester, guardian } = setup;
      const start = BigInt(await time.latest()) + MINUTE;
      const paused = 4n * HOUR;
      await pauseAt(r, guardian, start, paused);
      const until = start + paused;
      await time.setNextBlockTimestamp(start + HOUR);
      await (
        await da.connect(requester).requestData(batch.header.batchIndex, { value: await da.daRequestBond() })
      ).wait();
      const request = await da.request(batch.hash);
      expect(request.openedAt).to.equal(start + HOUR);
      expect(request.deadline, "the whole window, from the pause's end").to.equal(until + (await da.daWindow()));

      await time.setNextBlockTimestamp(start + 2n * HOUR);
      await (await answerChunk(setup, 0)).wait();
      await time.setNextBlockTimestamp(start + 3n * HOUR);
      const review = await da.minReviewTime();
      await expect(answerChunk(setup, 1))
        .to.emit(da, "DataAnswered")
        .withArgs(batch.header.batchIndex, batch.hash, setup.poster.address, await refundOf(setup), until + review);
    });
  });

  describe("a maintenance window", function () {
    it("known when a request opens, is in its deadline from the start, and the window ends that much later", async function () {
      const setup = await withBatch();
      const { r, da, batch, requester } = setup;
      const governance = await governanceSigner(r.l1);
      const start = BigInt(await time.latest()) + (await r.l1.batchChain.maintenanceNotice()) + HOUR;
      const length = 2n * HOUR;
      await (await r.l1.batchChain.connect(governance).scheduleMaintenance(start, length)).wait();
      // Opened a window's length less six hours before the maintenance: it falls inside the DA window.
      const window = await da.daWindow();
      const openedAt = start - window + 6n * HOUR;
      await time.setNextBlockTimestamp(openedAt);
      await (
        await da.connect(requester).requestData(batch.header.batchIndex, { value: await da.daRequestBond() })
      ).wait();
      const moved = openedAt + window + length;
      expect((await da.request(batch.hash)).deadline).to.equal(moved);
      await time.setNextBlockTimestamp(moved - 1n);
      await expect(da.expire(batch.header, batch.signatures))
        .to.be.revertedWithCustomError(da, "DARequestManagerWindowOpen")
        .withArgs(moved);
      await time.setNextBlockTimestamp(moved);
      await expect(da.expire(batch.header, batch.signatures)).to.emit(da, "DataRequestExpired");
    });
  });

  describe("the review after an answer", function () {
    /** A request in the last hour of batch 1's fraud window, answered at once: the review holds the batch. */
    async function answeredLate() {
      const setup = await withBatch();
      const { r, da, batch, requester } = setup;
      const index = batch.header.batchIndex;
      await time.increaseTo((await r.l1.batchChain.finalizesAt(index)) - HOUR);
      await (await da.connect(requester).requestData(index, { value: await da.daRequestBond() })).wait();
      await (await answerChunk(setup, 0)).wait();
      await (await answerChunk(setup, 1)).wait();
      const reviewUntil = BigInt(await time.latest()) + (await da.minReviewTime());
      expect(await r.l1.batchChain.finalizesAt(index)).to.equal(reviewUntil);
      return { ...setup, index, reviewUntil };
    }

    it("holds the batch back the paused time longer", async function () {
      const { r, guardian, index, reviewUntil } = await answeredLate();
      const paused = 3n * HOUR;
      await pauseAt(r, guardian, reviewUntil - 6n * HOUR, paused);
      const moved = reviewUntil + paused;
      expect(await r.l1.batchChain.finalizesAt(index)).to.equal(moved);
      await viewAt(moved - 1n);
      expect(await r.l1.batchChain.batchStatus(index)).to.equal(Status.Pending);
      await viewAt(moved);
      expect(await r.l1.batchChain.batchStatus(index)).to.equal(Status.Finalized);
    });

    it("holds it back only the time the pause lasted when governance unpauses early", async function () {
      const { r, guardian, index, reviewUntil } = await answeredLate();
      const start = reviewUntil - 6n * HOUR;
      await pauseAt(r, guardian, start, 3n * HOUR);
      await unpauseAt(r, start + 20n * MINUTE);
      const moved = reviewUntil + 20n * MINUTE;
      expect(await r.l1.batchChain.finalizesAt(index)).to.equal(moved);
      await viewAt(moved - 1n);
      expect(await r.l1.batchChain.batchStatus(index)).to.equal(Status.Pending);
      await viewAt(moved);
      expect(await r.l1.batchChain.batchStatus(index)).to.equal(Status.Finalized);
    });
  });

  describe("the vote of an execution dispute", function () {
    it("ends the commit period the paused time later: commits until then, reveals only from then", async function () {
      const { x, guardian, dispute } = await withDispute();
      const { commitEnd, revealEnd } = phasesOf(dispute.openedAt);
      const paused = 20n * MINUTE;
      await pauseAt(x.r, guardian, dispute.openedAt + 30n * MINUTE, paused);
      expect(await phaseOf(x, dispute)).to.deep.equal({
        phase: VotePhase.Committing,
        status: DisputeStatus.Committing,
        endsAt: commitEnd + paused,
      });

      // Past the old end, until the moved commit period's last second: no reveal yet, and a commitment is taken.
      await time.setNextBlockTimestamp(commitEnd + paused - 2n);
      await unchangedVote(x, dispute, async () => {
        await expect(x.vr.connect(x.verifiers[3]!).revealVote(dispute.id, false, saltOf(x.verifiers[3]!, dispute.id)))
          .to.be.revertedWithCustomError(x.vr, "VerifierRegistryNotRevealing")
          .withArgs(dispute.id, commitEnd + paused, revealEnd + paused);
      });
      await time.setNextBlockTimestamp(commitEnd + paused - 1n);
      await commit(x, x.verifiers[3]!, dispute.id, false);
      // From the moved end: the reverse.
      const late = x.verifiers[2]!;
      const commitment = await x.vr.commitmentOf(dispute.id, false, saltOf(late, dispute.id), late.address);
      await time.setNextBlockTimestamp(commitEnd + paused);
      await unchangedVote(x, dispute, async () => {
        await expect(x.vr.connect(late).commitVote(dispute.id, commitment))
          .to.be.revertedWithCustomError(x.vr, "VerifierRegistryCommitClosed")
          .withArgs(dispute.id, commitEnd + paused);
      });
      await reveal(x, x.verifiers[3]!, dispute.id, false);
      expect(await phaseOf(x, dispute)).to.deep.equal({
        phase: VotePhase.Revealing,
        status: DisputeStatus.Revealing,
        endsAt: revealEnd + paused,
      });
    });

    it("ends the reveal period the paused time later: reveals until then, resolution only from then", async function () {
      const { x, guardian, dispute } = await withDispute();
      const { commitEnd, revealEnd } = phasesOf(dispute.openedAt);
      for (const v of [2, 3]) await commit(x, x.verifiers[v]!, dispute.id, false);
      const paused = 40n * MINUTE;
      await pauseAt(x.r, guardian, commitEnd + 10n * MINUTE, paused);
      const moved = revealEnd + paused;
      expect((await phaseOf(x, dispute)).endsAt).to.equal(moved);

      await time.setNextBlockTimestamp(moved - 2n);
      await reveal(x, x.verifiers[2]!, dispute.id, false);
      await unchangedVote(x, dispute, async () => {
        await time.setNextBlockTimestamp(moved - 1n);
        await expect(resolve(x, dispute))
          .to.be.revertedWithCustomError(x.dm, "DisputeManagerVoteNotOver")
          .withArgs(dispute.id, moved);
      });
      await time.setNextBlockTimestamp(moved);
      await unchangedVote(x, dispute, async () => {
        await expect(x.vr.connect(x.verifiers[3]!).revealVote(dispute.id, false, saltOf(x.verifiers[3]!, dispute.id)))
          .to.be.revertedWithCustomError(x.vr, "VerifierRegistryNotRevealing")
          .withArgs(dispute.id, commitEnd, moved);
      });
      // 30% of the stake revealed against: short of the 40% quorum, so the vote is over without turnout.
      expect((await phaseOf(x, dispute)).phase).to.equal(VotePhase.NoTurnout);
    });

    it("ends the escalation the paused time later: no lapse before then", async function () {
      const { x, guardian, dispute } = await withDispute();
      const { escalationEnd } = phasesOf(dispute.openedAt);
      const paused = 2n * HOUR;
      await pauseAt(x.r, guardian, escalationEnd - 5n * HOUR, paused);
      const moved = escalationEnd + paused;
      expect(await phaseOf(x, dispute)).to.deep.equal({
        phase: VotePhase.NoTurnout,
        status: DisputeStatus.Escalated,
        endsAt: moved,
      });
      for (const at of [escalationEnd, moved - 1n]) {
        await viewAt(at - 1n);
        await unchangedVote(x, dispute, async () => {
          await time.setNextBlockTimestamp(at);
          await expect(resolve(x, dispute))
            .to.be.revertedWithCustomError(x.dm, "DisputeManagerAwaitingGovernance")
            .withArgs(dispute.id, moved);
        });
      }
      await time.setNextBlockTimestamp(moved);
      await expect(resolve(x, dispute)).to.emit(x.dm, "DisputeResolved");
      expect((await phaseOf(x, dispute)).status).to.equal(DisputeStatus.Lapsed);
    });

    it("moves every phase only by the time the pause lasted when governance unpauses early", async function () {
      const { x, guardian, dispute } = await withDispute();
      const { commitEnd, revealEnd, escalationEnd } = phasesOf(dispute.openedAt);
      const start = dispute.openedAt + 30n * MINUTE;
      await pauseAt(x.r, guardian, start, 3n * HOUR);
      await unpauseAt(x.r, start + 10n * MINUTE);
      const lasted = 10n * MINUTE;
      expect((await phaseOf(x, dispute)).endsAt).to.equal(commitEnd + lasted);
      await viewAt(commitEnd + lasted);
      expect((await phaseOf(x, dispute)).endsAt).to.equal(revealEnd + lasted);
      await viewAt(revealEnd + lasted);
      expect((await phaseOf(x, dispute)).endsAt).to.equal(escalationEnd + lasted);
    });
  });

  describe("a verifier's exit delay", function () {
    async function exiting() {
      const x = await execution();
      const guardian = await guardianOf(x.r);
      const verifier = x.verifiers[0]!;
      const tx = await x.vr.connect(verifier).requestExit();
      const requestedAt = BigInt((await ethers.provider.getBlock((await tx.wait())!.blockNumber))!.timestamp);
      const exitableAt = requestedAt + BigInt(EXIT_DELAY);
      expect((await x.vr.verifierInfo(verifier.address)).exitableAt).to.equal(exitableAt);
      return { x, guardian, verifier, requestedAt, exitableAt };
    }

    it("ends the paused time later: no withdrawal before then (VerifierRegistryNotWithdrawable)", async function () {
      const { x, guardian, verifier, requestedAt, exitableAt } = await exiting();
      const paused = 24n * HOUR;
      await pauseAt(x.r, guardian, requestedAt + 12n * HOUR, paused);
      const moved = exitableAt + paused;
      expect((await x.vr.verifierInfo(verifier.address)).exitableAt).to.equal(moved);
      for (const at of [exitableAt, moved - 1n]) {
        await viewAt(at - 1n);
        const before = [...(await x.vr.verifierInfo(verifier.address))];
        await time.setNextBlockTimestamp(at);
        await expect(x.vr.connect(verifier).withdraw())
          .to.be.revertedWithCustomError(x.vr, "VerifierRegistryNotWithdrawable")
          .withArgs(verifier.address, moved);
        expect([...(await x.vr.verifierInfo(verifier.address))]).to.deep.equal(before);
      }
      const stake = (await x.vr.verifierInfo(verifier.address)).stake;
      await time.setNextBlockTimestamp(moved);
      await expect(x.vr.connect(verifier).withdraw()).to.changeTokenBalance(x.r.l1.token, verifier, stake);
    });

    it("ends only the time the pause lasted later when governance unpauses early", async function () {
      const { x, guardian, verifier, requestedAt, exitableAt } = await exiting();
      const start = requestedAt + 12n * HOUR;
      await pauseAt(x.r, guardian, start, 24n * HOUR);
      await unpauseAt(x.r, start + 5n * HOUR);
      const moved = exitableAt + 5n * HOUR;
      expect((await x.vr.verifierInfo(verifier.address)).exitableAt).to.equal(moved);
      await time.setNextBlockTimestamp(moved - 1n);
      await expect(x.vr.connect(verifier).withdraw())
        .to.be.revertedWithCustomError(x.vr, "VerifierRegistryNotWithdrawable")
        .withArgs(verifier.address, moved);
      await time.setNextBlockTimestamp(moved);
      await expect(x.vr.connect(verifier).withdraw()).to.emit(x.vr, "VerifierWithdrawn");
    });
  });
});

/** The refund a complete answer of the setup's batch credits the poster (capped at the bond). */
async function refundOf({ da, entries }: DASetup): Promise<bigint> {
  const bytes = entries.reduce((sum, entry) => sum + BigInt(ethers.getBytes(entry.raw as Hex).length), 0n);
  const refund = (await da.refundFixed()) + (await da.refundPerByte()) * bytes;
  const bond = await da.daRequestBond();
  return refund > bond ? bond : refund;
}
