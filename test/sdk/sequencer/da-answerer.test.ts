/**
 * The sequencer's DAAnswerer on a real rollup: it answers a DA request against a batch it signed in several
 * gas-budgeted chunks with a progress event each (through Sequencer.answerDataRequests), leaves alone requests
 * against batches it did not sign, resumes from the on-chain progress after dying mid-way (never reposting a chunk),
 * and stops with DADeadlinePassedError once the window is over.
 */
import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { Wallet } from "ethers";
import { ethers } from "hardhat";

import {
  DADeadlinePassedError,
  daRequestStatus,
  headerHash,
  HeaderMismatchError,
  InvalidDAOptionError,
  MemorySigningRecord,
  requestData,
  Sequencer,
  signedOnChain,
  type DAAnswerProgress,
  type Hex,
} from "../../../sdk/src";
import { underCoverage } from "../../helpers/coverage";
import { answererOf, SMALL_BUDGET, thrown } from "../../helpers/da";
import { l2BlockOf, l2Transfers } from "../../helpers/disputes";
import { forgeBatch } from "../../helpers/forge";
import { proposeNext, removeRollupDirectories, rollup, type Rollup } from "../../helpers/rollup";
import { DARequestManager__factory } from "../../../sdk/src/contracts";

/**
 * Under what the transfers-only batch takes in one chunk (about 310,000 gas, the settlement included), over what
 * its planner counts with a 21,000-gas chunk base.
 */
const SPLIT_BUDGET = 250_000;

/**
 * A rollup with a batch proposed by its quorum and a DA request open against it: batch 1 (the setup blocks, a
 * deployment among them, and seven transfers), or with `transfersOnly` batch 2 of the transfers alone.
 */
async function withRequest(transfersOnly = false) {
  const r = await rollup();
  if (transfersOnly) await proposeNext(r);
  await l2Transfers(r, 3);
  await l2BlockOf(r, 4);
  const { batch } = await proposeNext(r);
  const requester = (await ethers.getSigners())[7]!;
  await requestData(
    DARequestManager__factory.connect(r.addresses.daRequestManager, requester),
    batch.header.batchIndex,
  );
  const hash = headerHash(batch.header);
  return { r, batch, hash, da: r.l1.daRequestManager };
}

const progressOf = async (r: Rollup, hash: Hex, poster: string) => [
  ...(await r.l1.daRequestManager.progress(hash, poster)),
];

describe("DAAnswerer", function () {
  // Their answers are planned in gas budgets of uninstrumented code; under `npm run coverage` every chunk is many
  // times heavier and no plan holds. DARequestManager's own tests cover its code there.
  before(function () {
    if (underCoverage()) this.skip();
  });
  after(removeRollupDirectories);

  it("answers a request against a batch its sequencer signed in several chunks, with progress", async function () {
    const { r, batch, hash, da } = await withRequest();
    const events: DAAnswerProgress[] = [];
    const sequencer = new Sequencer({ ...r.sequencers[1]!.config });
    const round = await sequencer.answerDataRequests({
      gasBudget: SMALL_BUDGET,
      onProgress: (event) => events.push(event),
    });
    expect(round.skipped).to.deep.equal([]);
    expect(round.answered).to.have.length(1);
    const report = round.answered[0]!;
    expect(report).to.include({ headerHash: hash, batchIndex: 1n, status: "Answered", resumedFrom: 0 });
    expect(report.chunks).to.be.greaterThan(1);
    expect(events.map((event) => event.chunk)).to.deep.equal([...Array(report.chunks).keys()]);
    const last = events[events.length - 1]!;
    expect(last).to.include({ chunks: report.chunks, txs: batch.header.txCount, txCount: batch.header.txCount });
    expect(last.bytes).to.equal(report.bytes);
    expect(events.reduce((sum, event) => sum + event.gasUsed, 0n)).to.equal(report.gasUsed);
    for (const event of events) expect(event.gasUsed < BigInt(SMALL_BUDGET)).to.equal(true);

    expect((await daRequestStatus(da, hash)).status).to.equal("Answered");
    expect(report.refund > 0n).to.equal(true);
    expect(await da.claimable(sequencer.address)).to.equal(report.refund);
    const progress = await da.progress(hash, sequencer.address);
    expect(progress.nextChunk).to.equal(BigInt(report.chunks));
    expect(progress.bytesPosted).to.equal(report.bytes);
    // Nothing left to answer on the next round.
    expect(await sequencer.answerDataRequests()).to.deep.equal({ answered: [], skipped: [] });
  });

  it("leaves alone a request against a batch its key did not sign", async function () {
    const { r, batch, hash } = await withRequest();
    const poster = r.sequencers[0]!.config.key;
    const round = await answererOf(r, 0, { signed: new MemorySigningRecord() }).answerOpen();
    expect(round).to.deep.equal({ answered: [], skipped: [hash] });
    const stranger = Wallet.createRandom().connect(ethers.provider);
    const onChain = await answererOf(r, 0, {
      signed: signedOnChain(ethers.provider, r.addresses.batchChain, stranger.address),
    }).answerOpen();
    expect(onChain).to.deep.equal({ answered: [], skipped: [hash] });
    expect((await daRequestStatus(r.l1.daRequestManager, hash)).status).to.equal("Open");
    expect(await progressOf(r, hash, poster.address)).to.deep.equal([0n, 0n, 0n, 0n, 0n, 0n]);

    // The on-chain predicate knows a key whose signature the batch was submitted with.
    const signer = answererOf(r, 0, {
      signed: signedOnChain(ethers.provider, r.addresses.batchChain, poster.address),
    });
    const open = await signer.openRequests();
    expect(open).to.have.length(1);
    const submitted = open[0]!.batch;
    expect(submitted.header).to.deep.equal(batch.header);
    expect(await signer.didSign(submitted)).to.equal(true);
  });

  it("resumes from the on-chain progress after dying mid-way, posting no chunk twice", async function () {
    const { r, hash } = await withRequest();
    const poster = r.sequencers[2]!.address;
    const died = new Error("killed after the first chunk");
    const first = answererOf(r, 2, {
      onProgress: () => {
        throw died;
      },
    });
    expect(await thrown(() => first.answerOpen())).to.equal(died);
    expect((await progressOf(r, hash, poster))[0]).to.equal(1n);
    expect((await daRequestStatus(r.l1.daRequestManager, hash)).status).to.equal("Open");

    const chunks: number[] = [];
    const { answered } = await answererOf(r, 2, { onProgress: (event) => chunks.push(event.chunk) }).answerOpen();
    expect(answered[0]).to.include({ status: "Answered", resumedFrom: 1 });
    expect(chunks[0]).to.equal(1);
    expect((await progressOf(r, hash, poster))[0]).to.equal(BigInt(1 + answered[0]!.chunks));
  });

  it("splits a chunk that estimateGas puts over the budget, and never sends one over it", async function () {
    const { r, hash } = await withRequest(true);
    const gas: bigint[] = [];
    // Planned as if a chunk's fixed work were free: the whole answer is planned as one chunk, over the budget.
    const answerer = answererOf(r, 1, {
      chunkBaseGas: 21_000,
      gasBudget: SPLIT_BUDGET,
      onProgress: (e) => gas.push(e.gasUsed),
    });
    const { answered } = await answerer.answerOpen();
    expect(answered[0]).to.include({ headerHash: hash, status: "Answered" });
    expect(answered[0]!.splits).to.be.greaterThan(0);
    expect(gas).to.have.length(answered[0]!.chunks);
    for (const used of gas) expect(used <= BigInt(SPLIT_BUDGET), `a chunk used ${used} gas`).to.equal(true);
  });

  it("posts nothing for a signed batch whose transaction root is not its data's", async function () {
    const r = await rollup();
    await l2Transfers(r, 2);
    // A colluding quorum's batch: the data object honest, one transaction leaf swapped for another's.
    const forged = await forgeBatch(r, { txLeaves: (leaves) => void leaves.reverse() });
    const requester = (await ethers.getSigners())[7]!;
    await requestData(DARequestManager__factory.connect(r.addresses.daRequestManager, requester), 1n);
    const poster = r.sequencers[0]!.config.key;
    const answerer = answererOf(r, 0, { signed: () => Promise.resolve(true) });
    const error = await thrown(() => answerer.answerOpen());
    expect(error).to.be.instanceOf(HeaderMismatchError);
    expect(error).to.include({ field: "txBatchRoot", proposed: forged.header.txBatchRoot });
    expect(await progressOf(r, forged.hash, poster.address)).to.deep.equal([0n, 0n, 0n, 0n, 0n, 0n]);
  });

  it("stops with DADeadlinePassedError once the request's window is over", async function () {
    const { r, hash } = await withRequest();
    const { deadline } = await daRequestStatus(r.l1.daRequestManager, hash);
    // The last second before the deadline is L1's latest block: the next one, which the chunk would go in, is past
    // it, so the contract's DARequestManagerWindowOver comes back as the typed error.
    await time.increaseTo(deadline - 1n);
    const late = await thrown(() => answererOf(r, 3).answerOpen());
    expect(late).to.be.instanceOf(DADeadlinePassedError);
    expect(late).to.include({ headerHash: hash, deadline });
    await time.increaseTo(deadline + 10n);
    const error = await thrown(() => answererOf(r, 3).answerOpen());
    expect(error).to.be.instanceOf(DADeadlinePassedError);
    expect(error).to.include({ headerHash: hash, deadline });
    expect(await progressOf(r, hash, r.sequencers[3]!.address)).to.deep.equal([0n, 0n, 0n, 0n, 0n, 0n]);
  });

  it("refuses a gas budget over osaka's transaction cap", async function () {
    const r = await rollup();
    const error = await thrown(() => Promise.resolve(answererOf(r, 0, { gasBudget: 16_777_217 })));
    expect(error).to.be.instanceOf(InvalidDAOptionError);
    expect(error).to.include({ option: "gasBudget", value: 16_777_217 });
  });
});
