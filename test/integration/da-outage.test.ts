import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { expect } from "chai";

import { S3DAStore } from "../../sdk/src/da/s3-store";
import { readVerified, type DAStore } from "../../sdk/src/da/store";
import { DataHashMismatchError, DataNotFoundError, InvalidDAOptionError } from "../../sdk/src/errors/da";
import { sidecarKey, headerHash, type Hex } from "../../sdk/src/proof";
import { Sequencer, type HeaderSigner, type SequencerEvent } from "../../sdk/src/sequencer/sequencer";
import { servedFrom } from "../helpers/da";
import { removeRollupDirectories, rollup, type Rollup } from "../helpers/rollup";
import { memoStore, rawClient, S3_BUCKET, S3RVER_CREDENTIALS, silentServer, startS3Server } from "../helpers/s3";
import { transfers, verifierOf } from "../helpers/verifier";

describe("integration: DA store (Memo over S3) outages never halt the chain", function () {
  const closers: (() => unknown)[] = [];
  after(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    removeRollupDirectories();
  });

  /** A rollup whose sequencers all store in Memo (an s3rver), each reporting its progress into `events`. */
  async function memoRollup() {
    const r = await rollup();
    // Memo's files are the test's, so a restarted server finds them again.
    const directory = mkdtempSync(path.join(tmpdir(), "metis-memo-"));
    closers.push(() => rmSync(directory, { recursive: true, force: true }));
    const server = await startS3Server([S3_BUCKET], { directory });
    closers.push(() => server.stop());
    const store = memoStore(server);
    closers.push(() => store.destroy());
    const events = new Map<string, SequencerEvent[]>();
    const sequencers = r.sequencers.map((s) => {
      const log: SequencerEvent[] = [];
      events.set(s.address, log);
      return new Sequencer({ ...s.config, store, onProgress: (event) => log.push(event) });
    });
    const raw = rawClient(server);
    closers.push(() => raw.destroy());
    return { r, server, store, sequencers, events, raw };
  }

  /** The scheduled one of `sequencers` proposes, asking `peers(others)` to sign; then every background write ends. */
  async function propose(
    r: Rollup,
    sequencers: readonly Sequencer[],
    peers: (others: Sequencer[]) => HeaderSigner[] = (others) => others,
  ) {
    let proposer: Sequencer | undefined;
    for (const s of sequencers) if (await s.isScheduled()) proposer = s;
    if (proposer === undefined) throw new Error("no sequencer is scheduled");
    const result = await proposer.propose(peers(sequencers.filter((s) => s !== proposer)));
    for (const s of sequencers) await s.settleStoreWrites();
    expect(result.signers).to.have.length(4);
    return { ...result, proposer };
  }

  it("Memo healthy, then down: batches keep landing, verified from L2; back up, the missed objects are stored", async function () {
    const { r, server, sequencers, events } = await memoRollup();
    const verifierStore = memoStore(server);
    closers.push(() => verifierStore.destroy());

    await transfers(r, 2);
    await propose(r, sequencers);
    const { verifier, events: verifierEvents } = await verifierOf(r, {
      store: verifierStore,
      dataTimeouts: { store: 3_000 },
    });
    await verifier.sync();
    expect(servedFrom(verifierEvents)).to.deep.equal([{ batchIndex: 1n, source: "store", failed: [] }]);

    // Memo goes down: the next two batches are still proposed, signed by everyone and submitted.
    await server.stop();
    const missed: Hex[] = [];
    for (let i = 0; i < 2; i++) {
      await transfers(r, 1);
      const { batch, proposer } = await propose(r, sequencers);
      missed.push(batch.header.dataHash as Hex);
      const failed = events.get(proposer.address)!.filter((event) => event.kind === "store-upload-failed");
      expect(failed.at(-1)).to.deep.include({ batchIndex: batch.header.batchIndex, dataHash: batch.header.dataHash });
      expect(failed.at(-1)!.kind === "store-upload-failed" && failed.at(-1)!.reason).to.match(/DAStoreUnavailable/);
      expect(proposer.queuedUploads.map((header) => headerHash(header))).to.include(headerHash(batch.header));
    }
    expect(await r.l1.batchChain.batchCount()).to.equal(4n);
    verifierEvents.length = 0;
    await verifier.sync();
    expect(servedFrom(verifierEvents)).to.deep.equal([
      { batchIndex: 2n, source: "l2", failed: ["store: DAStoreUnavailableError"] },
      { batchIndex: 3n, source: "l2", failed: ["store: DAStoreUnavailableError"] },
    ]);
    expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "checked", "checked", "checked"]);

    // While Memo is still down a retry stores nothing and keeps the queue.
    const stillDown = sequencers.find((s) => s.queuedUploads.length > 0)!;
    const queued = stillDown.queuedUploads.length;
    expect(await stillDown.retryUploads()).to.equal(queued);

    // Memo comes back (same port, same files). The next proposer stores its queued objects first, then its batch.
    const back = await startS3Server([S3_BUCKET], { port: server.port, directory: server.directory });
    closers.push(() => back.stop());
    await transfers(r, 1);
    const { proposer } = await propose(r, sequencers);
    expect(proposer.queuedUploads).to.deep.equal([]);
    const uploadedBy = (log: readonly SequencerEvent[]) =>
      log.flatMap((event) => (event.kind === "store-uploaded" ? [event.dataHash] : []));
    expect(uploadedBy(events.get(proposer.address)!)).to.deep.equal(missed);
    // The others' queues (their own copies, which they could not store while signing) empty too.
    for (const s of sequencers) expect(await s.retryUploads()).to.equal(0);
    for (const dataHash of missed) await readVerified(verifierStore, dataHash);
    for (const record of verifier.chain.slice(2)) {
      expect(await verifierStore.get(sidecarKey(record.headerHash))).to.have.length.above(0);
    }

    // A fresh verifier reads every batch from the store again.
    const fresh = await verifierOf(r, { store: verifierStore });
    await fresh.verifier.sync();
    expect(servedFrom(fresh.events).map(({ source }) => source)).to.deep.equal(["store", "store", "store", "store"]);
    expect(fresh.verifier.chain.map((batch) => batch.state)).to.deep.equal(Array(5).fill("checked"));
  });

  it("Memo serving corrupted bytes: the signer still signs and overwrites them; the verifier falls back to L2", async function () {
    const { r, store, sequencers, raw } = await memoRollup();
    const corrupt = async (dataHash: Hex) => {
      const body = new Uint8Array([0xde, 0xad, 0xbe, 0xef]);
      await raw.send(new PutObjectCommand({ Bucket: S3_BUCKET, Key: store.objectKey(dataHash), Body: body }));
      await expect(readVerified(store, dataHash)).to.be.rejectedWith(DataHashMismatchError);
    };
    await transfers(r, 2);
    // The proposer stored the object; the first peer finds it corrupted when asked to sign.
    const { batch } = await propose(r, sequencers, (others) => [
      {
        address: others[0]!.address,
        sign: async (header) => {
          await corrupt(header.dataHash as Hex);
          return others[0]!.sign(header);
        },
      },
      ...others.slice(1),
    ]);
    const dataHash = batch.header.dataHash as Hex;
    expect(await readVerified(store, dataHash)).to.deep.equal(batch.data); // a signer wrote the right bytes back

    await corrupt(dataHash);
    const { verifier, events } = await verifierOf(r, { store });
    await verifier.sync();
    expect(servedFrom(events)).to.deep.equal([
      { batchIndex: 1n, source: "l2", failed: ["store: DataHashMismatchError"] },
    ]);
    expect(verifier.chain.map((record) => record.state)).to.deep.equal(["checked", "checked"]);
  });

  it("Memo missing the object: the signers sign, and the verifier reads it from L2", async function () {
    const { r, store, sequencers, raw } = await memoRollup();
    await transfers(r, 1);
    const remove = (dataHash: Hex) =>
      raw.send(new DeleteObjectCommand({ Bucket: S3_BUCKET, Key: store.objectKey(dataHash) }));
    const { batch } = await propose(r, sequencers, (others) =>
      others.map((peer) => ({
        address: peer.address,
        sign: async (header) => {
          await remove(header.dataHash as Hex);
          return peer.sign(header);
        },
      })),
    );
    const dataHash = batch.header.dataHash as Hex;
    // Each signer found the object missing and stored its own copy.
    expect(await readVerified(store, dataHash)).to.deep.equal(batch.data);
    await remove(dataHash);
    await expect(readVerified(store, dataHash)).to.be.rejectedWith(DataNotFoundError);
    const { verifier, events } = await verifierOf(r, { store });
    await verifier.sync();
    expect(servedFrom(events)).to.deep.equal([{ batchIndex: 1n, source: "l2", failed: ["store: DataNotFoundError"] }]);
    expect(verifier.chain.map((record) => record.state)).to.deep.equal(["checked", "checked"]);
  });

  it("keeps the upload queue bounded: the oldest batch leaves it, and L2 still serves its data", async function () {
    const { r, server, store } = await memoRollup();
    for (const bad of [0, 1.5]) {
      expect(() => new Sequencer({ ...r.sequencers[0]!.config, store, maxQueuedUploads: bad }))
        .to.throw(InvalidDAOptionError)
        .with.property("option", "maxQueuedUploads");
    }
    const log: SequencerEvent[] = [];
    const sequencers = r.sequencers.map(
      (s) => new Sequencer({ ...s.config, store, maxQueuedUploads: 1, onProgress: (event) => log.push(event) }),
    );
    await server.stop();
    const batches = [];
    for (let i = 0; i < 2; i++) {
      await transfers(r, 1);
      batches.push((await propose(r, sequencers)).batch);
    }
    const [older, newer] = batches.map((batch) => batch.header);
    for (const s of sequencers)
      expect(s.queuedUploads.map((header) => headerHash(header))).to.deep.equal([headerHash(newer!)]);
    const dropped = log.filter((event) => event.kind === "store-upload-dropped");
    expect(dropped).to.have.length(4); // each sequencer signed both, so each queued both
    for (const event of dropped)
      expect(event).to.deep.include({ batchIndex: older!.batchIndex, dataHash: older!.dataHash });
    const verifierStore = memoStore(server);
    closers.push(() => verifierStore.destroy());
    const { verifier, events } = await verifierOf(r, { store: verifierStore, dataTimeouts: { store: 3_000 } });
    await verifier.sync();
    expect(servedFrom(events).map(({ source }) => source)).to.deep.equal(["l2", "l2"]);
  });

  it("Memo silent: propose waits storeBudgetMs at most and submits; the object is queued, and retryUploads stores it once Memo answers", async function () {
    const r = await rollup();
    const silent = await silentServer();
    closers.push(() => silent.stop());
    const server = await startS3Server();
    closers.push(() => server.stop());
    // Memo that never answers; its timeout is far longer than a proposal, so no request to it ends before it is stopped.
    const blackhole = new S3DAStore({
      bucket: S3_BUCKET,
      endpoint: silent.endpoint,
      credentials: S3RVER_CREDENTIALS,
      timeoutMs: 120_000,
      retries: 0,
    });
    const working = memoStore(server);
    closers.push(
      () => blackhole.destroy(),
      () => working.destroy(),
    );
    // Every sequencer's store: Memo as it is now, counting requests made and answered.
    let current: DAStore = blackhole;
    const calls = { made: 0, answered: 0 };
    const count = async <T>(request: () => Promise<T>) => {
      calls.made++;
      try {
        return await request();
      } finally {
        calls.answered++;
      }
    };
    const store: DAStore = {
      put: (key, data) => count(() => current.put(key, data)),
      get: (key) => count(() => current.get(key)),
    };
    for (const bad of [-1, 1.5]) {
      expect(() => new Sequencer({ ...r.sequencers[0]!.config, store, storeBudgetMs: bad }))
        .to.throw(InvalidDAOptionError)
        .with.property("option", "storeBudgetMs");
    }
    const log: SequencerEvent[] = [];
    const sequencers = r.sequencers.map(
      (s) => new Sequencer({ ...s.config, store, storeBudgetMs: 50, onProgress: (event) => log.push(event) }),
    );
    const scheduled = async () => {
      for (const s of sequencers) if (await s.isScheduled()) return s;
      throw new Error("no sequencer is scheduled");
    };

    // Two proposals while Memo is silent: the second one's retry of the first batch hangs too.
    const headers = [];
    for (let i = 0; i < 2; i++) {
      await transfers(r, 1);
      const proposer = await scheduled();
      const { batch, signers } = await proposer.propose(sequencers.filter((s) => s !== proposer));
      expect(signers).to.have.length(4);
      const hash = headerHash(batch.header);
      expect(await r.l1.batchChain.headerHash(batch.header.batchIndex)).to.equal(hash);
      expect(proposer.queuedUploads.map((header) => headerHash(header))).to.include(hash);
      expect(log.filter((event) => event.kind === "store-upload-pending").at(-1)).to.deep.include({
        batchIndex: batch.header.batchIndex,
        dataHash: batch.header.dataHash,
      });
      headers.push(batch.header);
    }
    expect(await r.l1.batchChain.batchCount()).to.equal(3n);
    expect(calls.made, "the proposers asked Memo").to.be.above(0);
    expect(calls.answered, "and Memo never answered").to.equal(0);
    expect(log.filter((event) => event.kind === "store-uploaded")).to.deep.equal([]);

    // Memo's outage ends: the requests left running fail, and the batches stay queued until a retry stores them.
    await silent.stop();
    for (const s of sequencers) await s.settleStoreWrites();
    expect(calls.answered).to.equal(calls.made);
    current = working;
    for (const s of sequencers) {
      const queued = s.queuedUploads.map((header) => headerHash(header));
      expect(queued.length, s.address).to.be.above(0);
      expect(await s.retryUploads()).to.equal(0);
    }
    for (const header of headers) {
      expect(await readVerified(working, header.dataHash as Hex)).to.have.length.above(0);
      expect(await working.get(sidecarKey(headerHash(header)))).to.have.length.above(0);
    }
    const uploaded = log.flatMap((event) => (event.kind === "store-uploaded" ? [event.dataHash] : []));
    for (const header of headers) expect(uploaded).to.include(header.dataHash);
  });
});
