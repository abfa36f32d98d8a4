/**
 * L1DataSource on a real rollup: a batch's data object rebuilt from its multi-chunk DA answer on L1 (exactly the
 * proposer's bytes, block leaves verified), a tampered chunk refused, a request raised and waited for while a
 * concurrent DAAnswerer answers it, and the typed errors of a batch nobody requested, an expired and a voided request.
 */
import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { type Provider, type TransactionResponse } from "ethers";
import { ethers } from "hardhat";

import {
  blockLeaf,
  claimDA,
  ContractRevertError,
  headerHash,
  DAAnswerMalformedError,
  DANotRequestedError,
  DARequestClosedError,
  daRequestStatus,
  DASourceTimeoutError,
  DataUnavailableError,
  FallbackDataReader,
  L1DataSource,
  requestData,
  type BuiltBatch,
  type DataSource,
  type L1DataProgress,
  type PostedLeavesSource,
} from "../../../sdk/src";
import { underCoverage } from "../../helpers/coverage";
import { answererOf, thrown } from "../../helpers/da";
import { l2BlockOf, l2Transfers } from "../../helpers/disputes";
import { removeRollupDirectories, rollup, proposeNext, type Rollup } from "../../helpers/rollup";
import { DARequestManager__factory } from "../../../sdk/src/contracts";

/** A rollup with batch 1 (three blocks of one transfer, an empty block, one block of four) proposed by its quorum. */
async function withBatch() {
  const r = await rollup();
  await l2Transfers(r, 3);
  await r.l2.provider.send("evm_mine", []);
  await l2BlockOf(r, 4);
  const { batch } = await proposeNext(r);
  const requester = (await ethers.getSigners())[7]!;
  return { r, batch, requester, da: r.l1.daRequestManager };
}

async function requested(r: Rollup, batch: BuiltBatch) {
  const requester = (await ethers.getSigners())[7]!;
  await requestData(
    DARequestManager__factory.connect(r.addresses.daRequestManager, requester),
    batch.header.batchIndex,
  );
}

function sourceOf(
  r: Rollup,
  l1: Provider = ethers.provider,
  extra: Partial<ConstructorParameters<typeof L1DataSource>[0]> = {},
) {
  return new L1DataSource({ l1, daRequestManager: r.addresses.daRequestManager, pollMs: 20, ...extra });
}

/** `provider` with every answer transaction's input passed through `tamper` (the calldata as a lying node serves it). */
function tampering(provider: Provider, tamper: (data: string) => string): Provider {
  return new Proxy(provider, {
    get(target, property) {
      if (property === "getTransaction") {
        return async (hash: string) => {
          const transaction = (await target.getTransaction(hash)) as TransactionResponse;
          return { ...transaction, to: transaction.to, data: tamper(transaction.data) };
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe("L1DataSource", function () {
  // Their answers are planned in gas budgets of uninstrumented code; under `npm run coverage` every chunk is many
  // times heavier and no plan holds. DARequestManager's own tests cover its code there.
  before(function () {
    if (underCoverage()) this.skip();
  });
  after(removeRollupDirectories);

  it("rebuilds exactly the batch's data object and block leaves from a multi-chunk answer", async function () {
    const { r, batch } = await withBatch();
    await requested(r, batch);
    const { answered } = await answererOf(r).answerOpen();
    expect(answered).to.have.length(1);
    expect(answered[0]!.chunks).to.be.greaterThan(1);
    const events: L1DataProgress[] = [];
    // What the Verifier takes as its `l1Data`: a data source that also gives the posted leaves.
    const source: DataSource & PostedLeavesSource = sourceOf(r, ethers.provider, {
      onProgress: (event) => events.push(event),
    });
    const data = await source.read(batch.header);
    expect(data).to.deep.equal(batch.data);
    const leaves = await source.blockLeaves(batch.header);
    expect(leaves.map((leaf) => blockLeaf(leaf))).to.deep.equal(batch.blockLeaves);
    const { firstBlock, lastBlock } = batch.header;
    expect(leaves.map((leaf) => leaf.number)).to.deep.equal(
      [...Array(Number(lastBlock - firstBlock) + 1).keys()].map((i) => firstBlock + BigInt(i)),
    );
    const chunks = events.filter((event) => event.kind === "chunk");
    expect(chunks.map((event) => event.chunk)).to.deep.equal(
      [...Array(answered[0]!.chunks).keys()]
        .map((k) => k + 1)
        .concat([...Array(answered[0]!.chunks).keys()].map((k) => k + 1)),
    );
    expect(events.filter((event) => event.kind === "answered")[0]).to.include({
      poster: r.sequencers[0]!.address.toLowerCase(),
    });

    // Served through the fallback reader as the last source, after a store and an L2 that both fail.
    const failing = { name: "down", read: () => Promise.reject(new Error("down")) };
    const result = await new FallbackDataReader({ store: failing, l2: failing, l1: source }).read(batch.header);
    expect(result.source).to.equal("l1");
    expect(result.data).to.deep.equal(batch.data);
  });

  it("refuses an answer whose chunk calldata misses a transaction its log counts", async function () {
    const { r, batch } = await withBatch();
    await requested(r, batch);
    await answererOf(r).answerOpen();
    const da = DARequestManager__factory.createInterface();
    const dropOne = (data: string): string => {
      const [header, chunk, txs, leaves] = da.decodeFunctionData("answer", data);
      const kept = (txs as unknown[]).slice(1);
      return da.encodeFunctionData("answer", [
        header,
        chunk,
        kept.length < (txs as unknown[]).length ? kept : txs,
        leaves,
      ]);
    };
    const error = await thrown(() => sourceOf(r, tampering(ethers.provider, dropOne)).read(batch.header));
    expect(error).to.be.instanceOf(DAAnswerMalformedError);
    expect((error as DAAnswerMalformedError).reason).to.match(/^chunk 0's calldata holds \d+ transactions/);
  });

  it("raises the request when it has a requester and waits until a concurrent answerer answers it", async function () {
    const { r, batch, requester } = await withBatch();
    const events: L1DataProgress[] = [];
    let sawRequest: () => void = () => undefined;
    const requestSeen = new Promise<void>((resolve) => (sawRequest = resolve));
    const source = sourceOf(r, ethers.provider, {
      requester,
      onProgress: (event) => {
        events.push(event);
        if (event.kind === "waiting") sawRequest();
      },
    });
    const reading = source.read(batch.header);
    await requestSeen;
    const status = await daRequestStatus(
      r.l1.daRequestManager,
      (await r.l1.batchChain.headerHash(1n)) as `0x${string}`,
    );
    expect(status).to.include({ status: "Open", requester: requester.address, batchIndex: 1n });
    const { answered } = await answererOf(r, 2).answerOpen();
    expect(answered[0]!.status).to.equal("Answered");
    expect(await reading).to.deep.equal(batch.data);
    expect(events.map((event) => event.kind)[0]).to.equal("requested");
    expect(events.filter((event) => event.kind === "requested")).to.have.length(1);
  });

  it("the requester client: a second request and a claim of nothing are the contract's custom errors", async function () {
    const { r, batch, requester } = await withBatch();
    const da = DARequestManager__factory.connect(r.addresses.daRequestManager, requester);
    const receipt = await requestData(da, batch.header.batchIndex);
    expect(receipt.status).to.equal(1);
    const hash = headerHash(batch.header);
    const before = await daRequestStatus(da, hash);
    expect(before).to.deep.equal({
      headerHash: hash,
      status: "Open",
      requester: requester.address,
      bond: await da.daRequestBond(),
      openedAt: before.openedAt,
      deadline: before.openedAt + (await da.daWindow()),
      batchIndex: 1n,
    });
    const again = await thrown(() => requestData(da, batch.header.batchIndex));
    expect(again).to.be.instanceOf(ContractRevertError);
    expect(again).to.include({ contract: "DARequestManager", errorName: "DARequestManagerAlreadyRequested" });
    expect((again as ContractRevertError).args).to.deep.equal({ headerHash: hash, status: 1n });
    expect(await daRequestStatus(da, hash)).to.deep.equal(before);
    const nothing = await thrown(() => claimDA(da));
    expect(nothing).to.include({ errorName: "DARequestManagerNothingToClaim" });
    expect((nothing as ContractRevertError).args).to.deep.equal({ account: requester.address });

    // A source with a requester reads a request someone else opened, raising no second one; the poster claims.
    const { answered } = await answererOf(r).answerOpen();
    expect(await sourceOf(r, ethers.provider, { requester }).read(batch.header)).to.deep.equal(batch.data);
    const poster = DARequestManager__factory.connect(r.addresses.daRequestManager, r.sequencers[0]!.config.key);
    const claimed = await claimDA(poster);
    expect(claimed.amount).to.equal(answered[0]!.refund);
    expect(await da.claimable(r.sequencers[0]!.address)).to.equal(0n);
  });

  it("stops waiting for an answer when FallbackDataReader's L1 timeout aborts it", async function () {
    const { r, batch } = await withBatch();
    await requested(r, batch);
    const events: L1DataProgress[] = [];
    const source = sourceOf(r, ethers.provider, { pollMs: 10_000, onProgress: (event) => events.push(event) });
    const failing = { name: "down", read: () => Promise.reject(new Error("down")) };
    const reader = new FallbackDataReader({ store: failing, l2: failing, l1: source, timeouts: { l1: 100 } });
    const error = await thrown(() => reader.read(batch.header));
    expect(error).to.be.instanceOf(DataUnavailableError);
    const l1 = (error as DataUnavailableError).failures[2]!;
    expect(l1.source).to.equal("l1");
    expect(l1.error).to.be.instanceOf(DASourceTimeoutError);
    expect(events.map((event) => event.kind)).to.deep.equal(["waiting"]);
  });

  it("without a requester, a batch nobody requested is DANotRequestedError", async function () {
    const { r, batch } = await withBatch();
    const error = await thrown(() => sourceOf(r).read(batch.header));
    expect(error).to.be.instanceOf(DANotRequestedError);
    expect(
      await daRequestStatus(r.l1.daRequestManager, (error as DANotRequestedError).headerHash as `0x${string}`),
    ).to.have.property("status", "None");
  });

  it("an expired request and a voided one are DARequestClosedError with their status", async function () {
    const { r, batch } = await withBatch();
    await l2Transfers(r, 1);
    const { batch: second, receipt } = await proposeNext(r);
    expect(receipt.status).to.equal(1);
    await requested(r, batch);
    await requested(r, second);
    const da = r.l1.daRequestManager;
    const first = await daRequestStatus(da, (await r.l1.batchChain.headerHash(1n)) as `0x${string}`);
    await time.increaseTo(first.deadline);
    const submitted = await r.l1.batchChain.queryFilter(r.l1.batchChain.filters.BatchSubmitted(1n));
    const tx = await ethers.provider.getTransaction(submitted[0]!.transactionHash);
    const [, signatures] = r.l1.batchChain.interface.decodeFunctionData("submitBatch", tx!.data);
    await (await da.expire(batch.header, signatures as string)).wait();
    await (await da.expire(second.header, "0x")).wait(); // rolled back with batch 1: voided

    const expired = await thrown(() => sourceOf(r).read(batch.header));
    expect(expired).to.be.instanceOf(DARequestClosedError);
    expect(expired).to.include({ status: "Expired" });
    const voided = await thrown(() => sourceOf(r).read(second.header));
    expect(voided).to.be.instanceOf(DARequestClosedError);
    expect(voided).to.include({ status: "Void" });
  });
});
