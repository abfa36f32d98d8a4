import { PutObjectCommand } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { JsonRpcProvider, Network, parseEther } from "ethers";
import hre from "hardhat";

import {
  buildBatch,
  DAStoreUnavailableError,
  DASourceTimeoutError,
  DataHashMismatchError,
  DataNotFoundError,
  DataUnavailableError,
  FallbackDataReader,
  L2DataError,
  L2RpcDataSource,
  latestBlockNumber,
  MemoryDAStore,
  readL2Blocks,
  S3DAStore,
  StoreDataSource,
  ZERO_HASH,
  batchDataHash,
  type BuiltBatch,
  type DAReadProgress,
  type DataSource,
  type Hex,
} from "../../../sdk/src";
import { bootstrapL2Bridge, createL2Chain, L2_CHAIN_ID, type L2Chain } from "../../../sdk/src/node";
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

/** Progress events without their errors' details: the kinds and sources, in order. */
const steps = (events: readonly DAReadProgress[]) => events.map((event) => `${event.kind} ${event.source}`);

describe("FallbackDataReader: the DA store, then L2, then the L1 hook", function () {
  let chain: L2Chain;
  let batch: BuiltBatch;
  let dataHash: Hex;
  let server: S3Server;
  let downL2: JsonRpcProvider;
  const closers: (() => unknown)[] = [];

  const s3 = (endpoint: string, prefix: string, options: { timeoutMs?: number } = {}) => {
    const store = new S3DAStore({
      bucket: S3_BUCKET,
      prefix,
      endpoint,
      credentials: S3RVER_CREDENTIALS,
      retries: 1,
      retryDelayMs: 1,
      ...options,
    });
    closers.push(() => store.destroy());
    return store;
  };

  /** A reader over `store` and `l2`, recording its progress. */
  const readerOf = (config: {
    store?: S3DAStore | MemoryDAStore;
    l2?: JsonRpcProvider | DataSource;
    l1?: DataSource;
  }) => {
    const events: DAReadProgress[] = [];
    const reader = new FallbackDataReader({
      store: config.store,
      l2: config.l2 ?? chain.provider,
      l1: config.l1,
      onProgress: (event) => events.push(event),
    });
    return { reader, events };
  };

  before(async function () {
    chain = await createL2Chain(hre);
    await bootstrapL2Bridge(chain);
    for (const [i, user] of chain.users.slice(0, 3).entries()) {
      await (await user.sendTransaction({ to: chain.users[i + 1]!.address, value: parseEther("0.01") })).wait();
    }
    const latest = await latestBlockNumber(chain.provider);
    batch = buildBatch(1n, ZERO_HASH, await readL2Blocks(chain.provider, chain.bridgeAddress, 1n, latest));
    expect(batch.header.txCount).to.be.greaterThan(3);
    dataHash = batchDataHash(batch.data);
    server = await startS3Server();
    // An L2 node that is down: nothing listens on its port.
    downL2 = new JsonRpcProvider(`http://127.0.0.1:${await closedPort()}`, undefined, {
      staticNetwork: Network.from(L2_CHAIN_ID),
    });
  });

  after(async function () {
    for (const close of closers) await close();
    downL2?.destroy();
    await server?.stop();
  });

  describe("L2RpcDataSource", function () {
    it("rebuilds the batch's data object from the L2 node's raw transactions", async function () {
      expect(await new L2RpcDataSource(chain.provider).read(batch.header)).to.deep.equal(batch.data);
    });

    it("refuses a rebuild that does not hash to the header's dataHash", async function () {
      const header = { ...batch.header, lastBlock: batch.header.lastBlock - 1n };
      const error = await thrown(() => new L2RpcDataSource(chain.provider).read(header));
      expect(error).to.be.instanceOf(DataHashMismatchError);
      expect(error).to.include({ expected: dataHash });
    });

    it("fails with the reader's L2DataError for a block the node does not have", async function () {
      const header = { ...batch.header, lastBlock: batch.header.lastBlock + 1000n };
      expect(await thrown(() => new L2RpcDataSource(chain.provider).read(header))).to.be.instanceOf(L2DataError);
    });
  });

  it("Memo healthy: the store serves the object", async function () {
    const store = s3(server.endpoint, "healthy/");
    await store.put(dataHash, batch.data);
    const { reader, events } = readerOf({ store });
    const result = await reader.read(batch.header);
    expect(result.source).to.equal("store");
    expect(result.data).to.deep.equal(batch.data);
    expect(result.failures).to.deep.equal([]);
    expect(steps(events)).to.deep.equal(["trying store", "served store"]);
    expect(events[1]).to.include({ bytes: batch.data.length });
  });

  it("Memo down (server stopped): retries, then L2 serves the object", async function () {
    const stopped = await startS3Server();
    const store = s3(stopped.endpoint, "down/");
    await store.put(dataHash, batch.data);
    await stopped.stop();
    const { reader, events } = readerOf({ store });
    const result = await reader.read(batch.header);
    expect(result.source).to.equal("l2");
    expect(result.data).to.deep.equal(batch.data);
    expect(result.failures.map(({ source }) => source)).to.deep.equal(["store"]);
    expect(result.failures[0]!.error).to.be.instanceOf(DAStoreUnavailableError);
    expect(result.failures[0]!.error).to.include({ attempts: 2 });
    expect(steps(events)).to.deep.equal(["trying store", "failed store", "trying l2", "served l2"]);
  });

  it("Memo never answering: the reader's timeout abandons it, then L2 serves the object", async function () {
    const silent = await silentServer();
    closers.push(() => silent.stop());
    const store = s3(silent.endpoint, "", { timeoutMs: 60_000 });
    const events: DAReadProgress[] = [];
    const reader = new FallbackDataReader({
      store,
      l2: chain.provider,
      timeouts: { store: 100 },
      onProgress: (event) => events.push(event),
    });
    const result = await reader.read(batch.header);
    expect(result.source).to.equal("l2");
    expect(result.failures[0]!.error).to.be.instanceOf(DASourceTimeoutError);
    expect(result.failures[0]!.error).to.include({ source: "store", timeoutMs: 100 });
    expect(events[0]).to.deep.equal({ kind: "trying", source: "store", timeoutMs: 100 });
  });

  it("Memo returns corrupted bytes: refused, then L2 serves the object", async function () {
    const raw = rawClient(server);
    closers.push(() => raw.destroy());
    const corrupted = Uint8Array.from(batch.data);
    corrupted[corrupted.length - 1] = corrupted[corrupted.length - 1]! ^ 0xff;
    await raw.send(new PutObjectCommand({ Bucket: S3_BUCKET, Key: `corrupt/${dataHash}`, Body: corrupted }));
    const { reader } = readerOf({ store: s3(server.endpoint, "corrupt/") });
    const result = await reader.read(batch.header);
    expect(result.source).to.equal("l2");
    expect(result.data).to.deep.equal(batch.data);
    expect(result.failures[0]!.error).to.be.instanceOf(DataHashMismatchError);
    expect(result.failures[0]!.error).to.include({ expected: dataHash });
  });

  it("Memo missing the object: L2 serves it", async function () {
    const { reader } = readerOf({ store: s3(server.endpoint, "missing/") });
    const result = await reader.read(batch.header);
    expect(result.source).to.equal("l2");
    expect(result.failures[0]!.error).to.be.instanceOf(DataNotFoundError);
    expect(result.failures[0]!.error).to.include({ dataHash: dataHash });
  });

  it("a lying source is one more failure: the reader re-hashes what every source returns", async function () {
    const liar: DataSource = { name: "liar", read: () => Promise.resolve(Uint8Array.of(1, 2, 3)) };
    const { reader } = readerOf({ l2: liar, l1: new StoreDataSource(await memoryWith(batch), "l1") });
    const result = await reader.read(batch.header);
    expect(result.source).to.equal("l1");
    expect(result.failures.map(({ source }) => source)).to.deep.equal(["liar"]);
    expect(result.failures[0]!.error).to.be.instanceOf(DataHashMismatchError);
  });

  it("Memo and L2 both down: the L1 hook serves the object", async function () {
    const { reader, events } = readerOf({
      store: s3(`http://127.0.0.1:${await closedPort()}`, ""),
      l2: downL2,
      l1: new StoreDataSource(await memoryWith(batch), "l1"),
    });
    const result = await reader.read(batch.header);
    expect(result.source).to.equal("l1");
    expect(result.data).to.deep.equal(batch.data);
    expect(result.failures.map(({ source }) => source)).to.deep.equal(["store", "l2"]);
    expect(steps(events)).to.deep.equal([
      "trying store",
      "failed store",
      "trying l2",
      "failed l2",
      "trying l1",
      "served l1",
    ]);
  });

  it("Memo and L2 both down, no L1 source: DataUnavailableError naming each source's failure", async function () {
    const { reader } = readerOf({ store: s3(`http://127.0.0.1:${await closedPort()}`, ""), l2: downL2 });
    const error = await thrown(() => reader.read(batch.header));
    expect(error).to.be.instanceOf(DataUnavailableError);
    const { dataHash, failures, message } = error as DataUnavailableError;
    expect(dataHash).to.equal(dataHash);
    expect(failures.map(({ source }) => source)).to.deep.equal(["store", "l2"]);
    expect(failures[0]!.error).to.be.instanceOf(DAStoreUnavailableError);
    expect(failures[1]!.error).to.be.instanceOf(Error);
    expect(failures[1]!.error).not.to.be.instanceOf(DataHashMismatchError);
    expect(message).to.match(/store: DAStoreUnavailableError: .*; l2: /);
  });
});

async function memoryWith(batch: BuiltBatch): Promise<MemoryDAStore> {
  const store = new MemoryDAStore();
  await store.put(batchDataHash(batch.data), batch.data);
  return store;
}
