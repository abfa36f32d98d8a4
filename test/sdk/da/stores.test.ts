import { createServer } from "node:http";
import { gzipSync } from "node:zlib";

import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { keccak256 } from "ethers";

import {
  DADecompressionError,
  DAObjectTooLargeError,
  DAStoreUnavailableError,
  DataHashMismatchError,
  DataNotFoundError,
  DEFAULT_MAX_OBJECT_BYTES,
  InvalidDAOptionError,
  MemoryDAStore,
  S3DAStore,
  SidecarMismatchError,
  batchDataHash,
  encodeBatchData,
  encodeSidecar,
  sidecarKey,
  type Hex,
} from "../../../sdk/src";
import { thrown } from "../../helpers/da";
import {
  closedPort,
  rawClient,
  S3_BUCKET,
  S3RVER_CREDENTIALS,
  type S3Server,
  silentServer,
  startS3Server,
} from "../../helpers/s3";

const DATA = encodeBatchData({ batchIndex: 1n, blocks: [{ number: 5n, timestamp: 7n, transactions: ["0x01ab"] }] });
const OTHER = encodeBatchData({ batchIndex: 2n, blocks: [{ number: 6n, timestamp: 8n, transactions: ["0x02cd"] }] });
const KEY = batchDataHash(DATA);
/** A data object that compresses well: forty blocks of the same ten transactions. */
const BIG = encodeBatchData({
  batchIndex: 3n,
  blocks: [...Array(40).keys()].map((b) => ({
    number: 100n + BigInt(b),
    timestamp: 1_000n + BigInt(b),
    transactions: [...Array(10).keys()].map((t) => `0x02${"ab".repeat(90)}${t.toString(16).padStart(2, "0")}` as Hex),
  })),
});
const BIG_KEY = batchDataHash(BIG);

describe("DA stores", function () {
  describe("MemoryDAStore", function () {
    it("returns a copy of what it stored, under the object's own hash", async function () {
      const store = new MemoryDAStore();
      await store.put(KEY, DATA);
      const read = await store.get(KEY.toUpperCase().replace("0X", "0x") as Hex);
      expect(read).to.deep.equal(DATA);
      read[0] = 0;
      expect(await store.get(KEY)).to.deep.equal(DATA);
      expect(store.size).to.equal(1);
    });

    it("refuses an object under another key, and stores nothing", async function () {
      const store = new MemoryDAStore();
      const error = await thrown(() => store.put(KEY, OTHER));
      expect(error).to.be.instanceOf(DataHashMismatchError);
      expect(error).to.include({ expected: KEY, actual: batchDataHash(OTHER) });
      expect(store.size).to.equal(0);
    });

    it("throws DataNotFoundError for a key it does not hold", async function () {
      const error = await thrown(() => new MemoryDAStore().get(KEY));
      expect(error).to.be.instanceOf(DataNotFoundError);
      expect(error).to.include({ dataHash: KEY });
    });
  });

  describe("S3DAStore over a real S3 server", function () {
    let server: S3Server;
    let raw: S3Client;
    const stores: S3DAStore[] = [];
    const storeOn = (
      endpoint: string,
      options: {
        prefix?: string;
        timeoutMs?: number;
        retries?: number;
        compression?: "gzip";
        maxObjectBytes?: number;
      } = {},
    ) => {
      const store = new S3DAStore({
        bucket: S3_BUCKET,
        endpoint,
        credentials: S3RVER_CREDENTIALS,
        forcePathStyle: true,
        retryDelayMs: 1,
        ...options,
      });
      stores.push(store);
      return store;
    };

    before(async function () {
      server = await startS3Server();
      raw = rawClient(server);
    });

    after(async function () {
      for (const store of stores) store.destroy();
      raw?.destroy();
      await server?.stop();
    });

    it("stores an object at prefix + its hash and reads it back", async function () {
      const store = storeOn(server.endpoint, { prefix: "batches/" });
      await store.put(KEY, DATA);
      expect(await store.get(KEY)).to.deep.equal(DATA);
      const object = await raw.send(new GetObjectCommand({ Bucket: S3_BUCKET, Key: `batches/${KEY}` }));
      expect(await object.Body!.transformToByteArray()).to.deep.equal(DATA);
    });

    it("stores a sidecar under its derived key", async function () {
      const headerHash = `0x${"ab".repeat(32)}` as Hex;
      const sidecar = encodeSidecar({ headerHash, blocks: [] });
      const store = storeOn(server.endpoint, { prefix: "sidecars/" });
      await store.put(sidecarKey(headerHash), sidecar);
      expect(await store.get(sidecarKey(headerHash))).to.deep.equal(sidecar);
    });

    it("refuses an object under another key before any request: nothing is stored", async function () {
      const store = storeOn(server.endpoint, { prefix: "refused/" });
      const error = await thrown(() => store.put(KEY, OTHER));
      expect(error).to.be.instanceOf(DataHashMismatchError);
      expect(error).to.include({ expected: KEY, actual: batchDataHash(OTHER) });
      expect(await store.find(KEY)).to.equal(undefined);
    });

    it("reports a missing object as undefined from find and DataNotFoundError from get", async function () {
      const store = storeOn(server.endpoint, { prefix: "empty/" });
      expect(await store.find(KEY)).to.equal(undefined);
      const error = await thrown(() => store.get(KEY));
      expect(error).to.be.instanceOf(DataNotFoundError);
      expect(error).to.include({ dataHash: KEY });
    });

    it("refuses corrupted bytes: an object that does not hash to its key is an error, not data", async function () {
      await raw.send(new PutObjectCommand({ Bucket: S3_BUCKET, Key: `corrupt/${KEY}`, Body: OTHER }));
      const store = storeOn(server.endpoint, { prefix: "corrupt/" });
      for (const read of [() => store.get(KEY), () => store.find(KEY)]) {
        const error = await thrown(read);
        expect(error).to.be.instanceOf(DataHashMismatchError);
        expect(error).to.include({ expected: KEY, actual: batchDataHash(OTHER) });
      }
    });

    it("with gzip compression, stores a smaller object under the uncompressed bytes' hash and reads it back", async function () {
      const store = storeOn(server.endpoint, { prefix: "gzip/", compression: "gzip" });
      await store.put(BIG_KEY, BIG);
      const object = await raw.send(new GetObjectCommand({ Bucket: S3_BUCKET, Key: `gzip/${BIG_KEY}` }));
      const stored = await object.Body!.transformToByteArray();
      expect(stored.length).to.be.lessThan(BIG.length / 4);
      expect([...stored.subarray(0, 2)]).to.deep.equal([0x1f, 0x8b]);
      expect(await store.get(BIG_KEY)).to.deep.equal(BIG);
      // A compressing store reads an uncompressed object too.
      await storeOn(server.endpoint, { prefix: "gzip/" }).put(KEY, DATA);
      expect(await store.get(KEY)).to.deep.equal(DATA);
    });

    it("without compression never decompresses: gzip bytes are read as they are and fail the key check", async function () {
      await storeOn(server.endpoint, { prefix: "gzip-raw/", compression: "gzip" }).put(BIG_KEY, BIG);
      const object = await raw.send(new GetObjectCommand({ Bucket: S3_BUCKET, Key: `gzip-raw/${BIG_KEY}` }));
      const stored = await object.Body!.transformToByteArray();
      const store = storeOn(server.endpoint, { prefix: "gzip-raw/" });
      for (const read of [() => store.get(BIG_KEY), () => store.find(BIG_KEY)]) {
        const error = await thrown(read);
        expect(error).to.be.instanceOf(DataHashMismatchError);
        expect(error).to.include({ expected: BIG_KEY, actual: keccak256(stored) });
      }
    });

    it("refuses maxObjectBytes that is not a positive integer", function () {
      for (const bad of [0, -1, 1.5, Number.NaN]) {
        expect(() => storeOn(server.endpoint, { maxObjectBytes: bad }))
          .to.throw(InvalidDAOptionError)
          .with.property("option", "maxObjectBytes");
      }
      expect(storeOn(server.endpoint).maxObjectBytes).to.equal(DEFAULT_MAX_OBJECT_BYTES);
    });

    it("refuses to store an object over maxObjectBytes, before any request: readers would refuse it", async function () {
      const store = storeOn(server.endpoint, { prefix: "too-large-put/", maxObjectBytes: DATA.length - 1 });
      const error = await thrown(() => store.put(KEY, DATA));
      expect(error).to.be.instanceOf(DAObjectTooLargeError);
      expect(error).to.include({ key: KEY, maxBytes: DATA.length - 1 });
      expect(await storeOn(server.endpoint, { prefix: "too-large-put/" }).find(KEY)).to.equal(undefined);
    });

    it("refuses an object over maxObjectBytes on its declared length, typed", async function () {
      await raw.send(new PutObjectCommand({ Bucket: S3_BUCKET, Key: `large/${KEY}`, Body: DATA }));
      const store = storeOn(server.endpoint, { prefix: "large/", maxObjectBytes: DATA.length - 1, retries: 3 });
      for (const read of [() => store.get(KEY), () => store.find(KEY)]) {
        const error = await thrown(read);
        expect(error).to.be.instanceOf(DAObjectTooLargeError);
        expect(error).to.include({ key: KEY, maxBytes: DATA.length - 1, form: "stored" });
      }
      // At the limit exactly, it is read.
      expect(await storeOn(server.endpoint, { prefix: "large/", maxObjectBytes: DATA.length }).get(KEY)).to.deep.equal(
        DATA,
      );
    });

    it("counts the bytes it reads: a gateway that declares no length is cut off at maxObjectBytes", async function () {
      // A lying gateway: every GET answers 200 with an endless-looking chunked body and no Content-Length.
      let requests = 0;
      const gateway = createServer((request, response) => {
        requests++;
        request.resume();
        response.writeHead(200, { "content-type": "application/octet-stream" });
        const chunk = new Uint8Array(64 * 1024).fill(0xc0);
        for (let i = 0; i < 32; i++) response.write(chunk);
        response.end();
      });
      await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
      try {
        const { port } = gateway.address() as { port: number };
        const store = storeOn(`http://127.0.0.1:${port}`, { maxObjectBytes: 100_000, retries: 2 });
        const error = await thrown(() => store.get(KEY));
        expect(error).to.be.instanceOf(DAObjectTooLargeError);
        expect(error).to.include({ key: KEY, maxBytes: 100_000, form: "stored" });
        expect(requests, "not retried").to.equal(1);
      } finally {
        gateway.closeAllConnections();
        await new Promise<void>((resolve) => gateway.close(() => resolve()));
      }
    });

    it("with compression, refuses a gzip bomb once its output passes maxObjectBytes", async function () {
      // 64 MiB of zeros in about 64 KB: over a 1 MiB limit once decompressed, far under it as stored.
      const bomb = gzipSync(new Uint8Array(64 * 1024 * 1024), { level: 9 });
      expect(bomb.length).to.be.lessThan(1024 * 1024);
      await raw.send(new PutObjectCommand({ Bucket: S3_BUCKET, Key: `bomb/${KEY}`, Body: bomb }));
      const store = storeOn(server.endpoint, { prefix: "bomb/", compression: "gzip", maxObjectBytes: 1024 * 1024 });
      for (const read of [() => store.get(KEY), () => store.find(KEY)]) {
        const error = await thrown(read);
        expect(error).to.be.instanceOf(DAObjectTooLargeError);
        expect(error).to.include({ key: KEY, maxBytes: 1024 * 1024, form: "decompressed" });
      }
    });

    it("refuses a corrupted compressed object with DADecompressionError", async function () {
      const store = storeOn(server.endpoint, { prefix: "gzip-corrupt/", compression: "gzip" });
      await store.put(BIG_KEY, BIG);
      const key = `gzip-corrupt/${BIG_KEY}`;
      const object = await raw.send(new GetObjectCommand({ Bucket: S3_BUCKET, Key: key }));
      const corrupted = await object.Body!.transformToByteArray();
      corrupted[Math.floor(corrupted.length / 2)]! ^= 0xff;
      await raw.send(new PutObjectCommand({ Bucket: S3_BUCKET, Key: key, Body: corrupted }));
      for (const read of [() => store.get(BIG_KEY), () => store.find(BIG_KEY)]) {
        const error = await thrown(read);
        expect(error).to.be.instanceOf(DADecompressionError);
        expect(error).to.include({ key: BIG_KEY });
      }
    });

    it("refuses a corrupted sidecar with SidecarMismatchError", async function () {
      const key = sidecarKey(`0x${"cd".repeat(32)}`);
      const planted = encodeSidecar({ headerHash: `0x${"ef".repeat(32)}`, blocks: [] });
      await raw.send(new PutObjectCommand({ Bucket: S3_BUCKET, Key: `corrupt-sidecar/${key}`, Body: planted }));
      const error = await thrown(() => storeOn(server.endpoint, { prefix: "corrupt-sidecar/" }).get(key));
      expect(error).to.be.instanceOf(SidecarMismatchError);
    });

    it("gives up on a stopped server after its bounded retries, with DAStoreUnavailableError", async function () {
      const stopped = await startS3Server();
      const store = storeOn(stopped.endpoint, { retries: 2 });
      await store.put(KEY, DATA);
      await stopped.stop();
      for (const run of [() => store.get(KEY), () => store.put(KEY, DATA)]) {
        const error = await thrown(run);
        expect(error).to.be.instanceOf(DAStoreUnavailableError);
        expect(error).to.include({ key: KEY, attempts: 3 });
        expect((error as Error).cause, "the last failure").to.be.instanceOf(Error);
      }
    });

    it("abandons each request to a server that never answers after its timeout", async function () {
      const silent = await silentServer();
      try {
        const error = await thrown(() => storeOn(silent.endpoint, { timeoutMs: 50, retries: 1 }).get(KEY));
        expect(error).to.be.instanceOf(DAStoreUnavailableError);
        expect(error).to.include({ key: KEY, attempts: 2 });
      } finally {
        await silent.stop();
      }
    });

    it("does not retry a client error: a bucket that does not exist fails after one attempt", async function () {
      const store = new S3DAStore({
        bucket: "no-such-bucket",
        endpoint: server.endpoint,
        credentials: S3RVER_CREDENTIALS,
        retries: 3,
      });
      stores.push(store);
      const error = await thrown(() => store.put(KEY, DATA));
      expect(error).to.be.instanceOf(DAStoreUnavailableError);
      expect(error).to.include({ attempts: 1 });
    });

    it("refuses a connection-refused endpoint the same way", async function () {
      const endpoint = `http://127.0.0.1:${await closedPort()}`;
      const error = await thrown(() => storeOn(endpoint, { retries: 0 }).get(KEY));
      expect(error).to.be.instanceOf(DAStoreUnavailableError);
      expect(error).to.include({ attempts: 1 });
    });
  });
});
