/**
 * Issue 11's DA-request scenarios end to end, every part real: the rollup's L1 on the Hardhat network, its in-process
 * L2, every sequencer and the verifier on an S3DAStore over a real s3rver (started and stopped here), DA requests
 * raised by the verifier's L1DataSource or an EOA, answers posted in chunks by the signing sequencer's
 * `answerDataRequests`, expiry with rollback and slashing, and the bridge refusing a withdrawal while its batch is
 * Insecure. The L1 is deployed with a one-hour fraud window and DA window and a two-hour review, so that an answer's
 * review is what holds finality back.
 */
import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { getBytes, parseEther, type ContractTransactionReceipt, type Signer } from "ethers";
import { ethers } from "hardhat";

import { BridgeReader } from "../../sdk/src/bridge/reader";
import { depositETH, finalizeWithdrawal, withdrawETH } from "../../sdk/src/bridge/writer";
import { L1DataSource, type L1DataProgress } from "../../sdk/src/da/l1-source";
import { claimDA, daRequestStatus, requestData } from "../../sdk/src/da/requests";
import type { S3DAStore } from "../../sdk/src/da/s3-store";
import { ContractRevertError } from "../../sdk/src/errors/contract";
import { BATCH_STATUSES, decodeBatchData, type Hex } from "../../sdk/src/proof";
import type { DAAnswerProgress } from "../../sdk/src/sequencer/da-answerer";
import type { Sequencer } from "../../sdk/src/sequencer/sequencer";
import { underCoverage } from "../helpers/coverage";
import { servedFrom, SMALL_BUDGET } from "../helpers/da";
import { forgeNext } from "../helpers/forgery";
import { expectEthBacked, proposeNext, removeRollupDirectories, rollup, type Rollup } from "../helpers/rollup";
import { memoStore, type S3Server, startS3Server } from "../helpers/s3";
import { seededAddress } from "../helpers/seeded";
import { transfers, verifierOf } from "../helpers/verifier";

const HOUR = 3600;
const PARAMETERS = { fraudProofWindow: HOUR, daWindow: HOUR, minReviewTime: 2 * HOUR } as const;

describe("integration: DA requests end to end (s3rver, L1 answers, expiry)", function () {
  // Their answers are planned in gas budgets of uninstrumented code; under `npm run coverage` every chunk is many
  // times heavier and no plan holds. DARequestManager's own tests cover its code there.
  before(function () {
    if (underCoverage()) this.skip();
  });
  const closers: (() => unknown)[] = [];
  after(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    removeRollupDirectories();
  });

  /** Memo over S3: short timeouts, one retry, so an outage fails fast. */
  function memo(server: S3Server): S3DAStore {
    const store = memoStore(server);
    closers.push(() => store.destroy());
    return store;
  }

  /** A rollup whose sequencers store in Memo (a fresh s3rver), a Memo client for the verifier, and a requester. */
  async function daRollup() {
    const server = await startS3Server();
    closers.push(() => server.stop());
    const r = await rollup({ parameters: PARAMETERS, store: memo(server) });
    const requester = (await ethers.getSigners())[7]!;
    expect(await ethers.provider.getBalance(r.addresses.daRequestManager)).to.equal(0n);
    return { r, server, verifierStore: memo(server), requester, da: r.l1.daRequestManager };
  }

  /**
   * The verifier's L1 leg, raising requests from `requester`; `waiting` resolves when it first waits for an answer
   * (the request is open on L1).
   */
  function l1Leg(r: Rollup, requester: Signer) {
    const progress: L1DataProgress[] = [];
    let resolveWaiting: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => (resolveWaiting = resolve));
    const source = new L1DataSource({
      l1: ethers.provider,
      daRequestManager: r.addresses.daRequestManager,
      requester,
      pollMs: 20,
      onProgress: (event) => {
        progress.push(event);
        if (event.kind === "waiting") resolveWaiting();
      },
    });
    return { source, progress, waiting };
  }

  /** Resolves once `leg` waits for an answer; fails if `syncing` ends first. */
  async function untilWaiting(leg: { readonly waiting: Promise<void> }, syncing: Promise<unknown>) {
    await Promise.race([
      leg.waiting,
      syncing.then(() => {
        throw new Error("the sync ended before the DA request was open");
      }),
    ]);
  }

  const stakesOf = async (r: Rollup) => {
    const stakes = new Map<string, bigint>();
    for (const s of r.sequencers) stakes.set(s.address, (await r.l1.registry.sequencerInfo(s.address)).stake);
    return stakes;
  };

  const statuses = async (r: Rollup, ...indices: bigint[]) =>
    Promise.all(indices.map(async (index) => BATCH_STATUSES[Number(await r.l1.batchChain.batchStatus(index))]));

  /** The raw transaction bytes of a data object: what an answer posts, and what the per-byte refund counts. */
  const rawBytes = (data: Uint8Array) =>
    BigInt(
      decodeBatchData(data)
        .blocks.flatMap((block) => block.transactions)
        .reduce((sum, raw) => sum + getBytes(raw).length, 0),
    );

  /** `sequencer` answers the open requests it signed in chunks of the small budget, its progress collected. */
  async function answerAs(sequencer: Sequencer) {
    const progress: DAAnswerProgress[] = [];
    const round = await sequencer.answerDataRequests({
      gasBudget: SMALL_BUDGET,
      onProgress: (event) => progress.push(event),
    });
    return { ...round, progress };
  }

  const submittedAtOf = async (receipt: ContractTransactionReceipt) => BigInt((await receipt.getBlock()).timestamp);

  /** The DataAnswered log of `headerHash`: when the review ends, and the refund. */
  async function answeredLog(r: Rollup, headerHash: string) {
    const [log] = await r.l1.daRequestManager.queryFilter(
      r.l1.daRequestManager.filters.DataAnswered(undefined, headerHash),
    );
    const block = await log!.getBlock();
    return { reviewUntil: log!.args.reviewUntil, refund: log!.args.refund, answeredAt: BigInt(block.timestamp) };
  }

  /** Checks the credits of an answered request add up to its bond, claims both and leaves the manager empty. */
  async function claimBoth(r: Rollup, requester: Signer, poster: Signer, bond: bigint, refund: bigint) {
    const da = r.l1.daRequestManager;
    expect(await da.claimable(await poster.getAddress())).to.equal(refund);
    expect(await da.claimable(await requester.getAddress())).to.equal(bond - refund);
    expect((await claimDA(da.connect(poster))).amount).to.equal(refund);
    expect((await claimDA(da.connect(requester))).amount).to.equal(bond - refund);
    expect(await ethers.provider.getBalance(await da.getAddress())).to.equal(0n);
  }

  it("Memo and L2 both down: the verifier requests, the signer posts in chunks, the verifier reads L1, finality waits for the review", async function () {
    const { r, server, verifierStore, requester, da } = await daRollup();
    await transfers(r, 4);
    const { batch, receipt } = await proposeNext(r);
    for (const s of r.sequencers) await s.settleStoreWrites();
    const index = batch.header.batchIndex;
    const hash = (await r.l1.batchChain.headerHash(index)) as Hex;

    // Memo goes down, and this verifier has no L2: its L1 leg raises the DA request and waits for the answer.
    await server.stop();
    const leg = l1Leg(r, requester);
    const { verifier, events } = await verifierOf(r, {
      store: verifierStore,
      l2: undefined,
      l1Data: leg.source,
      dataTimeouts: { store: 3_000 },
    });
    const syncing = verifier.sync();
    await untilWaiting(leg, syncing);
    const bond = await da.daRequestBond();
    expect(leg.progress[0]).to.deep.include({ kind: "requested", headerHash: hash, batchIndex: index });
    const request = await daRequestStatus(da, hash);
    expect(request).to.deep.include({
      status: "Open",
      requester: await requester.getAddress(),
      bond,
      batchIndex: index,
    });
    expect(await ethers.provider.getBalance(r.addresses.daRequestManager)).to.equal(bond);

    // A later batch lands on top (Memo still down: its upload is queued); both read Insecure.
    await transfers(r, 1);
    const later = (await proposeNext(r)).batch;
    expect(await statuses(r, index, later.header.batchIndex)).to.deep.equal(["Insecure", "Insecure"]);

    // The sequencers answer: a signer of the batch posts it in several chunks, rebuilt from its L2.
    const [poster, ...others] = r.sequencers;
    const answer = await answerAs(poster!);
    expect(answer.answered).to.have.length(1);
    const [report] = answer.answered;
    const bytes = rawBytes(batch.data);
    expect(report).to.deep.include({ headerHash: hash, batchIndex: index, status: "Answered", resumedFrom: 0, bytes });
    expect(report!.chunks).to.be.greaterThan(1);
    expect(answer.progress.map(({ chunk }) => chunk)).to.deep.equal([...Array(report!.chunks).keys()]);
    expect(answer.progress.at(-1)).to.deep.include({ txs: batch.header.txCount, bytes, chunks: report!.chunks });
    for (const s of others) expect((await s.answerDataRequests()).answered).to.deep.equal([]); // nothing left open

    // The verifier's pending read finds the answer: the batch is read from L1 and checked.
    await syncing;
    expect(servedFrom(events)).to.deep.equal([
      { batchIndex: index, source: "l1", failed: ["store: DAStoreUnavailableError"] },
    ]);
    expect(verifier.chain.map((record) => record.state)).to.deep.equal(["checked", "checked"]);
    const chunksRead = leg.progress.filter((event) => event.kind === "chunk");
    expect(chunksRead).to.have.length(report!.chunks);

    // Secured, but final only when the review ends: not one second before.
    const { reviewUntil, refund, answeredAt } = await answeredLog(r, hash);
    expect(reviewUntil).to.equal(answeredAt + (await da.minReviewTime()));
    expect(await statuses(r, index, later.header.batchIndex)).to.deep.equal(["Pending", "Pending"]);
    const submittedAt = await submittedAtOf(receipt);
    expect(reviewUntil > submittedAt + BigInt(HOUR)).to.equal(true); // the review, not the fraud window, holds it
    expect(await r.l1.batchChain.finalizesAt(index)).to.equal(reviewUntil);
    await time.increaseTo(reviewUntil - 1n);
    expect(await statuses(r, index)).to.deep.equal(["Pending"]);
    await time.increaseTo(reviewUntil);
    expect(await statuses(r, index)).to.deep.equal(["Finalized"]);

    // The bond: the poster's refund plus the requester's rest, both claimed.
    const expected = (await da.refundFixed()) + (await da.refundPerByte()) * bytes;
    expect([refund, report!.refund]).to.deep.equal([expected, expected]);
    await claimBoth(r, requester, poster!.config.key, bond, refund);
    await expectEthBacked(r);
  });

  it("nobody answers: expiry at the window's last second rolls back, slashes the signers, pays the requester; the honest rest re-batches", async function () {
    const { r, verifierStore, requester, da } = await daRollup();
    const colluding = [0, 1, 2]; // a quorum (3 of 4) that withholds batch 1's data and builds batch 2 on it
    const honest = r.sequencers[3]!;
    await transfers(r, 2);
    const withheld = await forgeNext(r, { storeData: false, storeSidecar: false, signers: colluding });
    await transfers(r, 1);
    const successor = await forgeNext(r, { signers: colluding });
    const index = withheld.header.batchIndex;

    // The verifier (no L2; Memo lacks the object) requests the data and waits.
    const leg = l1Leg(r, requester);
    const { verifier, events } = await verifierOf(r, {
      store: verifierStore,
      l2: undefined,
      l1Data: leg.source,
      dataTimeouts: { store: 3_000 },
    });
    const syncing = verifier.sync();
    await untilWaiting(leg, syncing);
    const bond = await da.daRequestBond();
    const { deadline, openedAt } = await daRequestStatus(da, withheld.headerHash);
    expect(deadline).to.equal(openedAt + (await da.daWindow()));
    expect(await statuses(r, index, successor.header.batchIndex)).to.deep.equal(["Insecure", "Insecure"]);
    // The honest sequencer signed neither batch: it does not answer (it is not the one an expiry slashes).
    expect(await honest.answerDataRequests({ gasBudget: SMALL_BUDGET })).to.deep.equal({
      answered: [],
      skipped: [withheld.headerHash],
    });

    // The window runs out unanswered. One second early, expire is refused and nothing changes.
    const stakesBefore = await stakesOf(r);
    const treasury = await r.l1.registry.treasury();
    const tokens = async () => ({
      treasury: await r.l1.token.balanceOf(treasury),
      registry: await r.l1.token.balanceOf(r.addresses.registry),
      requester: await r.l1.token.balanceOf(await requester.getAddress()),
    });
    const tokensBefore = await tokens();
    await time.increaseTo(deadline - 2n);
    await time.setNextBlockTimestamp(deadline - 1n);
    await expect(da.connect(requester).expire(withheld.header, withheld.signatures))
      .to.be.revertedWithCustomError(da, "DARequestManagerWindowOpen")
      .withArgs(deadline);
    expect((await daRequestStatus(da, withheld.headerHash)).status).to.equal("Open");
    expect(await statuses(r, index, successor.header.batchIndex)).to.deep.equal(["Insecure", "Insecure"]);
    expect(await stakesOf(r)).to.deep.equal(stakesBefore);

    // At the deadline: the batch and its successor roll back, exactly the three signers lose daSlashBps.
    await time.setNextBlockTimestamp(deadline);
    await expect(da.connect(requester).expire(withheld.header, withheld.signatures))
      .to.emit(da, "DataRequestExpired")
      .and.to.emit(r.l1.batchChain, "BatchesRolledBack")
      .withArgs(index, successor.header.batchIndex + 1n);
    expect(await statuses(r, index, successor.header.batchIndex)).to.deep.equal(["RolledBack", "RolledBack"]);
    expect((await daRequestStatus(da, withheld.headerHash)).status).to.equal("Expired");
    const bps = await da.daSlashBps();
    const stakesAfter = await stakesOf(r);
    const rewardBps = await r.l1.registry.rewardBps();
    let slashed = 0n;
    let rewarded = 0n;
    for (const [i, s] of r.sequencers.entries()) {
      const before = stakesBefore.get(s.address)!;
      const cut = colluding.includes(i) ? (before * bps) / 10_000n : 0n;
      expect(stakesAfter.get(s.address), `sequencer ${i}`).to.equal(before - cut);
      slashed += cut;
      rewarded += (cut * rewardBps) / 10_000n;
    }
    expect(slashed).to.be.greaterThan(0n);
    const reward = await r.l1.registry.claimable(await requester.getAddress());
    expect(reward).to.equal(rewarded);
    // Value conserved: every slashed token is the treasury's or the requester's to claim; the registry kept the reward.
    const tokensAfter = await tokens();
    expect(tokensAfter.treasury - tokensBefore.treasury + reward).to.equal(slashed);
    expect(tokensBefore.registry - tokensAfter.registry).to.equal(slashed - reward);

    // The requester takes back the bond (from the DA manager, left empty) and the reward (from the registry).
    expect(await da.claimable(await requester.getAddress())).to.equal(bond);
    expect((await claimDA(da.connect(requester))).amount).to.equal(bond);
    expect(await ethers.provider.getBalance(await da.getAddress())).to.equal(0n);
    await (await r.l1.registry.connect(requester).claim()).wait();
    expect((await tokens()).requester - tokensBefore.requester).to.equal(reward);
    expect(await r.l1.registry.claimable(await requester.getAddress())).to.equal(0n);

    // The verifier's wait ends with the expiry (the batch stays unavailable until its next sync sees the rollback).
    await syncing;
    const unavailable = events.find((event) => event.kind === "data-unavailable");
    expect(
      unavailable?.kind === "data-unavailable" &&
        unavailable.failures.map(({ source, error }) => `${source}: ${(error as Error).name}`),
    ).to.deep.equal(["store: DataNotFoundError", "l1: DARequestClosedError"]);

    // The honest sequencer re-batches the same blocks (the slashed ones left the set), stored in Memo.
    const { batch } = await honest.propose([]);
    await honest.settleStoreWrites();
    expect(batch.header).to.deep.include({
      batchIndex: index,
      firstBlock: withheld.header.firstBlock,
      lastBlock: successor.header.lastBlock,
    });
    events.length = 0;
    await verifier.sync();
    expect(servedFrom(events)).to.deep.equal([{ batchIndex: index, source: "store", failed: [] }]);
    expect(verifier.chain.map((record) => record.state)).to.deep.equal(["checked", "checked"]);
    const finalizesAt = await r.l1.batchChain.finalizesAt(index);
    await time.increaseTo(finalizesAt - 1n);
    expect(await statuses(r, index)).to.deep.equal(["Pending"]);
    await time.increaseTo(finalizesAt);
    expect(await statuses(r, index)).to.deep.equal(["Finalized"]);
    expect(leg.progress.filter((event) => event.kind === "requested")).to.have.length(1); // one request, ever
    await expectEthBacked(r);
  });

  it("a frivolous request on available data: the sequencer answers it by itself, the bond pays the poster", async function () {
    const { r, requester, da } = await daRollup();
    await transfers(r, 3);
    const { batch } = await proposeNext(r);
    for (const s of r.sequencers) await s.settleStoreWrites();
    const index = batch.header.batchIndex;
    const hash = (await r.l1.batchChain.headerHash(index)) as Hex;
    // Memo serves the object, yet an EOA requests it anyway.
    await requestData(da.connect(requester), index);
    const bond = await da.daRequestBond();
    expect(await statuses(r, index)).to.deep.equal(["Insecure"]);

    // Each sequencer looks for requests against what it signed: the first answers, from its store, in chunks.
    const rounds = [];
    for (const s of r.sequencers) rounds.push(await answerAs(s));
    expect(rounds.map((round) => round.answered.length)).to.deep.equal([1, 0, 0, 0]);
    const [report] = rounds[0]!.answered;
    const bytes = rawBytes(batch.data);
    expect(report).to.deep.include({ headerHash: hash, status: "Answered", bytes });
    expect(report!.chunks).to.be.greaterThan(1);
    expect(rounds[0]!.progress).to.have.length(report!.chunks);
    expect(await statuses(r, index)).to.deep.equal(["Pending"]);

    // The poster's refund is the fixed part plus the per-byte part of what it posted; the requester gets the rest.
    const refund = (await da.refundFixed()) + (await da.refundPerByte()) * bytes;
    expect(refund).to.be.lessThan(bond);
    expect(report!.refund).to.equal(refund);
    expect((await answeredLog(r, hash)).refund).to.equal(refund);
    await claimBoth(r, requester, r.sequencers[0]!.config.key, bond, refund);
    await expectEthBacked(r);
  });

  it("a withdrawal against an Insecure batch is refused, then paid exactly once after the answer's review", async function () {
    const { r, requester, da } = await daRollup();
    const reader = new BridgeReader({ ...r.addresses, l1: ethers.provider, l2: r.l2.provider });
    const alice = r.l2.users[0]!;
    const l1Recipient = seededAddress("insecure withdrawal recipient");
    const amount = parseEther("1.5");
    await depositETH(r.l1.bridge.connect(r.deployer), alice.address, parseEther("5"));
    await proposeNext(r); // relays the deposit
    const initiated = await withdrawETH(r.l2Bridge.connect(alice), l1Recipient, amount);
    const { batch, receipt } = await proposeNext(r);
    for (const s of r.sequencers) await s.settleStoreWrites();
    const index = batch.header.batchIndex;
    const submittedAt = await submittedAtOf(receipt);
    const proof = await reader.buildWithdrawalProof(initiated.hash);
    // Half-way through the batch's fraud window, someone requests its data.
    await time.increaseTo(submittedAt + BigInt(HOUR / 2));
    await requestData(da.connect(requester), index);
    expect(await reader.getWithdrawalStatus(initiated.hash)).to.deep.equal({ status: "Insecure", batchIndex: index });

    // Past the fraud window it would be final, but the open request holds it: the bridge refuses, typed.
    await time.increaseTo(submittedAt + BigInt(HOUR));
    const refused = async (status: string) => {
      const error = await finalizeWithdrawal(r.l1.bridge, proof).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ContractRevertError);
      expect(error).to.deep.include({ errorName: "L1BridgeBatchNotFinal" });
      const { batchIndex, status: batchStatus } = (error as ContractRevertError).args;
      expect([batchIndex, BATCH_STATUSES[Number(batchStatus)]]).to.deep.equal([index, status]);
      expect(await ethers.provider.getBalance(l1Recipient)).to.equal(0n);
    };
    await refused("Insecure");
    expect(await reader.getWithdrawalStatus(initiated.hash)).to.deep.equal({ status: "Insecure", batchIndex: index });

    // The signer answers; during the review the batch is Pending and the withdrawal still refused.
    const { answered } = await answerAs(r.sequencers[1]!);
    expect(answered.map((report) => report.status)).to.deep.equal(["Answered"]);
    const { reviewUntil } = await answeredLog(r, await r.l1.batchChain.headerHash(index));
    expect(await r.l1.batchChain.finalizesAt(index)).to.equal(reviewUntil);
    await time.increaseTo(reviewUntil - 2n);
    await time.setNextBlockTimestamp(reviewUntil - 1n); // the finalize call runs in the review's last second
    await refused("Pending");

    // Once the review ends the batch is final: paid once, a second finalize refused.
    await time.increaseTo(reviewUntil);
    expect(await reader.getWithdrawalStatus(initiated.hash)).to.deep.equal({
      status: "ReadyToFinalize",
      batchIndex: index,
    });
    await finalizeWithdrawal(r.l1.bridge, proof);
    expect(await ethers.provider.getBalance(l1Recipient)).to.equal(amount);
    expect(await reader.getWithdrawalStatus(initiated.hash)).to.deep.equal({ status: "Finalized" });
    const again = await finalizeWithdrawal(r.l1.bridge, proof).catch((e: unknown) => e);
    expect(again).to.be.instanceOf(ContractRevertError);
    expect((again as ContractRevertError).errorName).to.equal("L1BridgeWithdrawalAlreadyFinalized");
    expect(await ethers.provider.getBalance(l1Recipient)).to.equal(amount);
    await expectEthBacked(r);
  });
});
