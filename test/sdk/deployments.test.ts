import { expect } from "chai";
import { getBytes, type Log, type Provider } from "ethers";

import { chunkedLogs, chunkedScan, DEFAULT_LOG_CHUNK, type LogScanProgress } from "../../sdk/src/contracts/logs";
import {
  clearRegisteredDeployments,
  DEPLOYMENT_CONTRACTS,
  genesisLeafJson,
  genesisLeafOf,
  getDeployment,
  knownDeployments,
  parseDeployment,
  registerDeployment,
  rollupAddressesOf,
  type Deployment,
} from "../../sdk/src/deployments";
import { KNOWN_DEPLOYMENTS } from "../../sdk/src/deployments/known";
import { genesisOf, resolveAddresses, scanChunk, scanStart } from "../../sdk/src/deployments/resolve";
import {
  DeploymentAddressMismatchError,
  DeploymentAddressMissingError,
  DeploymentConflictError,
  DeploymentNotFoundError,
  InvalidDeploymentError,
  InvalidLogScanOptionError,
} from "../../sdk/src/errors/deployment";

const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
const upper = (n: number) => `0x${"AB".repeat(19)}${n.toString(16).padStart(2, "0").toUpperCase()}`;
const word = (n: number) => `0x${n.toString(16).padStart(64, "0")}`;

/** A well-formed deployment file's JSON, addresses in mixed case. */
function json(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    network: "local-test_1",
    version: "1.2.3",
    l1ChainId: 31337,
    l2ChainId: 41088,
    deploymentBlock: 12,
    l2BridgeBlock: 1,
    genesis: {
      number: "0",
      timestamp: "1700000000",
      blockHash: word(0xa1),
      stateRoot: word(0xa2),
      withdrawalRoot: word(0),
    },
    contracts: Object.fromEntries(DEPLOYMENT_CONTRACTS.map((name, i) => [name, upper(i + 1)])),
    parameters: { executionBond: "1000000000000000000" },
    ...overrides,
  };
}

/** `json()` with `path` (dot-separated) set to `value`. */
function withField(path: string, value: unknown): Record<string, unknown> {
  const root = structuredClone(json());
  const keys = path.split(".");
  let node = root;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  if (value === undefined) delete node[keys.at(-1)!];
  else node[keys.at(-1)!] = value;
  return root;
}

function invalidField(value: unknown): string {
  try {
    parseDeployment(value);
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidDeploymentError);
    return (error as InvalidDeploymentError).field;
  }
  expect.fail("parseDeployment accepted it");
}

describe("deployments", function () {
  afterEach(() => {
    clearRegisteredDeployments();
  });

  describe("parseDeployment", function () {
    it("accepts a well-formed deployment and lower-cases every address and hash", function () {
      const parsed = parseDeployment(json());
      for (const [i, name] of DEPLOYMENT_CONTRACTS.entries())
        expect(parsed.contracts[name]).to.equal(upper(i + 1).toLowerCase());
      expect(Object.keys(parsed.contracts)).to.deep.equal([...DEPLOYMENT_CONTRACTS]);
      expect(parsed).to.include({ network: "local-test_1", version: "1.2.3", l1ChainId: 31337, l2ChainId: 41088 });
      expect(parsed).to.include({ deploymentBlock: 12, l2BridgeBlock: 1 });
      expect(parsed.parameters).to.deep.equal({ executionBond: "1000000000000000000" });
      const mixed = parseDeployment(withField("genesis.blockHash", `0x${"Ab".repeat(32)}`));
      expect(mixed.genesis.blockHash).to.equal(`0x${"ab".repeat(32)}`);
    });

    it("accepts a deployment without parameters (an empty list)", function () {
      expect(parseDeployment(withField("parameters", undefined)).parameters).to.deep.equal({});
    });

    it("drops fields it does not know", function () {
      const parsed = parseDeployment({
        ...json(),
        extra: 1,
        contracts: { ...(json().contracts as object), other: address(9) },
      });
      expect(parsed).to.not.have.property("extra");
      expect(parsed.contracts).to.not.have.property("other");
    });

    it("names the bad field of each kind of malformation", function () {
      expect(invalidField(null)).to.equal("deployment");
      expect(invalidField([])).to.equal("deployment");
      expect(invalidField("{}")).to.equal("deployment");
      expect(invalidField(withField("network", "a b"))).to.equal("network");
      expect(invalidField(withField("network", undefined))).to.equal("network");
      expect(invalidField(withField("version", ""))).to.equal("version");
      expect(invalidField(withField("version", 1))).to.equal("version");
      expect(invalidField(withField("contracts", undefined))).to.equal("contracts");
      expect(invalidField(withField("contracts", [address(1)]))).to.equal("contracts");
      for (const name of DEPLOYMENT_CONTRACTS) {
        expect(invalidField(withField(`contracts.${name}`, undefined))).to.equal(`contracts.${name}`);
        expect(invalidField(withField(`contracts.${name}`, "0x1234"))).to.equal(`contracts.${name}`);
      }
      expect(invalidField(withField("contracts.registry", `${address(1)}00`))).to.equal("contracts.registry");
      expect(invalidField(withField("genesis", "0x"))).to.equal("genesis");
      for (const field of ["number", "timestamp"]) {
        expect(invalidField(withField(`genesis.${field}`, 0))).to.equal(`genesis.${field}`);
        expect(invalidField(withField(`genesis.${field}`, "01"))).to.equal(`genesis.${field}`);
        expect(invalidField(withField(`genesis.${field}`, "-1"))).to.equal(`genesis.${field}`);
      }
      for (const field of ["blockHash", "stateRoot", "withdrawalRoot"]) {
        expect(invalidField(withField(`genesis.${field}`, address(1)))).to.equal(`genesis.${field}`);
        expect(invalidField(withField(`genesis.${field}`, undefined))).to.equal(`genesis.${field}`);
      }
      expect(invalidField(withField("parameters", []))).to.equal("parameters");
      expect(invalidField(withField("parameters.executionBond", 1))).to.equal("parameters.executionBond");
      expect(invalidField(withField("parameters.executionBond", "1e18"))).to.equal("parameters.executionBond");
      for (const field of ["l1ChainId", "l2ChainId", "deploymentBlock", "l2BridgeBlock"]) {
        expect(invalidField(withField(field, undefined))).to.equal(field);
        expect(invalidField(withField(field, -1))).to.equal(field);
        expect(invalidField(withField(field, 1.5))).to.equal(field);
        expect(invalidField(withField(field, "12"))).to.equal(field);
        expect(invalidField(withField(field, 2 ** 53))).to.equal(field);
      }
      expect(invalidField(withField("l2ChainId", 31337))).to.equal("l2ChainId");
    });

    it("says which field and why in its message", function () {
      const error = new InvalidDeploymentError("contracts.batchChain", "is not an address");
      expect(() => parseDeployment(withField("contracts.batchChain", "nope"))).to.throw(error.message);
      expect(error).to.include({ name: "InvalidDeploymentError", field: "contracts.batchChain" });
    });
  });

  describe("getDeployment and registerDeployment", function () {
    it("finds a registered deployment by its L1 and by its L2 chain id, as a number or a bigint", function () {
      const registered = registerDeployment(json());
      expect(getDeployment(31337)).to.equal(registered);
      expect(getDeployment(41088n)).to.equal(registered);
      expect(knownDeployments()).to.deep.equal([registered, ...KNOWN_DEPLOYMENTS]);
    });

    it("throws DeploymentNotFoundError with the chain id for an unknown chain", function () {
      registerDeployment(json());
      expect(() => getDeployment(1))
        .to.throw(DeploymentNotFoundError)
        .with.property("chainId", 1);
      clearRegisteredDeployments();
      // 31337 and 41088 are the shipped localhost deployment's chains; 424242 is no one's.
      expect(() => getDeployment(424_242))
        .to.throw(DeploymentNotFoundError)
        .with.property("chainId", 424_242);
    });

    it("checks what it registers: a malformed deployment is refused and nothing is registered", function () {
      expect(() => registerDeployment(withField("contracts.l1Bridge", "0x"))).to.throw(InvalidDeploymentError);
      expect(knownDeployments()).to.deep.equal(KNOWN_DEPLOYMENTS);
    });

    it("refuses another deployment for the same chains with DeploymentConflictError, and keeps the first", function () {
      const first = registerDeployment(json());
      const other = withField("contracts.batchChain", address(77));
      expect(() => registerDeployment(other))
        .to.throw(DeploymentConflictError)
        .that.includes({ l1ChainId: 31337, l2ChainId: 41088, existing: "local-test_1" });
      expect(getDeployment(31337)).to.equal(first);
      expect(knownDeployments()).to.have.length(KNOWN_DEPLOYMENTS.length + 1);
    });

    it("replaces it with replace: true, and the replacement is found", function () {
      registerDeployment(json());
      const replaced = registerDeployment(withField("contracts.batchChain", address(77)), { replace: true });
      expect(getDeployment(41088)).to.equal(replaced);
      expect(getDeployment(41088).contracts.batchChain).to.equal(address(77));
      expect(knownDeployments()).to.have.length(KNOWN_DEPLOYMENTS.length + 1);
    });

    it("registers the same deployment again as a no-op (addresses in another case are the same)", function () {
      const first = registerDeployment(json());
      const lower = withField("contracts.token", upper(1).toLowerCase());
      expect(registerDeployment(lower)).to.equal(first);
      expect(registerDeployment(json())).to.equal(first);
      expect(knownDeployments()).to.have.length(KNOWN_DEPLOYMENTS.length + 1);
    });

    it("keeps deployments of other chains apart", function () {
      const a = registerDeployment(json());
      const b = registerDeployment(json({ network: "other", l1ChainId: 5, l2ChainId: 6 }));
      expect(getDeployment(31337)).to.equal(a);
      expect(getDeployment(6)).to.equal(b);
    });

    it("finds a registered deployment before a shipped one of the same chain", function () {
      const shipped = KNOWN_DEPLOYMENTS as Deployment[];
      // Chains of no shipped deployment (the localhost one answers 31337 and 41088).
      const chains = { l1ChainId: 7_001, l2ChainId: 7_002 };
      const original = parseDeployment(json({ network: "shipped", ...chains }));
      shipped.push(original);
      try {
        expect(getDeployment(7_001).network).to.equal("shipped");
        const mine = registerDeployment(json({ network: "mine", ...chains }));
        expect(getDeployment(7_001)).to.equal(mine);
        clearRegisteredDeployments();
        expect(getDeployment(7_002)).to.equal(original);
      } finally {
        shipped.pop();
      }
    });

    it("hands out frozen deployments: nobody can repoint the registry's addresses", function () {
      const mine = registerDeployment(json({ l1ChainId: 7_101, l2ChainId: 7_102 }));
      try {
        const before = getDeployment(7_101).contracts.l1Bridge;
        expect(() => {
          (getDeployment(7_101).contracts as { l1Bridge: string }).l1Bridge = `0x${"de".repeat(20)}`;
        }).to.throw(TypeError);
        expect(() => {
          (mine.parameters as Record<string, string>).fraudProofWindow = "1";
        }).to.throw(TypeError);
        expect(getDeployment(7_101).contracts.l1Bridge).to.equal(before);
        expect(Object.isFrozen(getDeployment(31337).contracts)).to.equal(true);
      } finally {
        clearRegisteredDeployments();
      }
    });

    it("refuses chain id 0 and genesis numbers beyond uint64", function () {
      expect(() => parseDeployment(json({ l1ChainId: 0 })))
        .to.throw(InvalidDeploymentError)
        .with.property("field", "l1ChainId");
      const genesis = { ...(json().genesis as Record<string, string>), timestamp: (1n << 64n).toString() };
      expect(() => parseDeployment(json({ genesis })))
        .to.throw(InvalidDeploymentError)
        .with.property("field", "genesis.timestamp");
    });

    it("rollupAddressesOf and genesisLeafOf give the clients' shapes", function () {
      const d = parseDeployment(json());
      expect(rollupAddressesOf(d)).to.deep.equal({
        batchChain: d.contracts.batchChain,
        l1Bridge: d.contracts.l1Bridge,
        l2Bridge: d.contracts.l2Bridge,
        registry: d.contracts.registry,
        disputeManager: d.contracts.disputeManager,
        verifierRegistry: d.contracts.verifierRegistry,
        daRequestManager: d.contracts.daRequestManager,
        timelock: d.contracts.timelock,
        governor: d.contracts.governor,
        rewardPool: d.contracts.rewardPool,
      });
      expect(genesisLeafOf(d)).to.deep.equal({
        number: 0n,
        timestamp: 1_700_000_000n,
        blockHash: word(0xa1),
        stateRoot: word(0xa2),
        withdrawalRoot: word(0),
      });
      // And back: the JSON form a deployment file holds, with hashes given as bytes lower-case hex.
      expect(genesisLeafJson(genesisLeafOf(d))).to.deep.equal(d.genesis);
      const bytes = { ...genesisLeafOf(d), stateRoot: getBytes(word(0xa2)) };
      expect(genesisLeafJson(bytes)).to.deep.equal(d.genesis);
    });
  });

  describe("resolveAddresses", function () {
    const deployment = parseDeployment(json());

    it("fills the addresses left out from the deployment", function () {
      const config = resolveAddresses("Client", { deployment, other: 1 }, ["batchChain", "registry"], ["rewardPool"]);
      expect(config).to.include({
        batchChain: deployment.contracts.batchChain,
        registry: deployment.contracts.registry,
        rewardPool: deployment.contracts.rewardPool,
        other: 1,
      });
    });

    it("keeps loose addresses as given without a deployment, and leaves an optional one out", function () {
      const config = resolveAddresses("Client", { batchChain: address(5) }, ["batchChain"], ["rewardPool"]);
      expect(config).to.deep.equal({ batchChain: address(5) });
    });

    it("accepts an address that is the deployment's in another case", function () {
      const given = deployment.contracts.batchChain.toUpperCase().replace("0X", "0x");
      expect(resolveAddresses("Client", { deployment, batchChain: given }, ["batchChain"]).batchChain).to.equal(given);
    });

    it("throws DeploymentAddressMissingError for a required address given neither way", function () {
      expect(() => resolveAddresses("Sequencer", { batchChain: address(5) }, ["batchChain", "registry"]))
        .to.throw(DeploymentAddressMissingError)
        .that.includes({ client: "Sequencer", field: "registry" });
    });

    it("throws DeploymentAddressMismatchError for an address that is not the deployment's", function () {
      expect(() => resolveAddresses("Verifier", { deployment, batchChain: address(5) }, ["batchChain"]))
        .to.throw(DeploymentAddressMismatchError)
        .that.includes({
          client: "Verifier",
          field: "batchChain",
          given: address(5),
          expected: deployment.contracts.batchChain,
        });
      expect(() => resolveAddresses("Sequencer", { deployment, rewardPool: address(5) }, [], ["rewardPool"])).to.throw(
        DeploymentAddressMismatchError,
      );
    });

    it("starts scans at fromBlock, else the deployment block, else 0; checks fromBlock and logChunk", function () {
      expect(scanStart({ deployment })).to.equal(12);
      expect(scanStart({ deployment, fromBlock: 40 })).to.equal(40);
      expect(scanStart({})).to.equal(0);
      for (const bad of [-1, 1.5, Number.NaN]) {
        expect(() => scanStart({ fromBlock: bad }))
          .to.throw(InvalidLogScanOptionError)
          .that.includes({ option: "fromBlock" });
        expect(() => scanChunk(bad, 10))
          .to.throw(InvalidLogScanOptionError)
          .that.includes({ option: "logChunk" });
      }
      expect(() => scanChunk(0, 10)).to.throw(InvalidLogScanOptionError);
      expect(scanChunk(undefined, 10)).to.equal(10);
      expect(scanChunk(3, 10)).to.equal(3);
      expect(genesisOf({ deployment })).to.deep.equal(genesisLeafOf(deployment));
      expect(genesisOf({})).to.equal(undefined);
    });
  });

  describe("chunkedLogs", function () {
    /** A provider whose getLogs records its ranges and returns one log per block that `hits` holds. */
    function fakeProvider(hits: readonly number[] = []) {
      const ranges: [number, number][] = [];
      const provider = {
        getLogs: async (filter: { fromBlock: number; toBlock: number }) => {
          ranges.push([filter.fromBlock, filter.toBlock]);
          return hits
            .filter((n) => n >= filter.fromBlock && n <= filter.toBlock)
            .reverse()
            .map((blockNumber) => ({ blockNumber, index: 0 }) as Log);
        },
      } as unknown as Provider;
      return { provider, ranges };
    }
    const query = { address: address(1), topics: [null] };

    it("reads from..to in ranges of at most chunk blocks, reporting each, and ends at done === total", async function () {
      const { provider, ranges } = fakeProvider([10, 14, 25]);
      const progress: LogScanProgress[] = [];
      const logs = await chunkedLogs(provider, {
        ...query,
        from: 10,
        to: 25,
        chunk: 5,
        onProgress: (p) => progress.push(p),
      });
      expect(ranges).to.deep.equal([
        [10, 14],
        [15, 19],
        [20, 24],
        [25, 25],
      ]);
      expect(logs.map((log) => log.blockNumber)).to.deep.equal([10, 14, 25]);
      expect(progress).to.deep.equal([
        { from: 10, to: 14, done: 5, total: 16 },
        { from: 15, to: 19, done: 10, total: 16 },
        { from: 20, to: 24, done: 15, total: 16 },
        { from: 25, to: 25, done: 16, total: 16 },
      ]);
    });

    it("uses DEFAULT_LOG_CHUNK without a chunk, and reads nothing for an empty range", async function () {
      const { provider, ranges } = fakeProvider();
      await chunkedLogs(provider, { ...query, from: 0, to: DEFAULT_LOG_CHUNK });
      expect(ranges).to.deep.equal([
        [0, DEFAULT_LOG_CHUNK - 1],
        [DEFAULT_LOG_CHUNK, DEFAULT_LOG_CHUNK],
      ]);
      const empty = fakeProvider();
      expect(await chunkedLogs(empty.provider, { ...query, from: 5, to: 4 })).to.deep.equal([]);
      expect(empty.ranges).to.deep.equal([]);
    });

    it("stops at the first range with a match (firstOnly), from the end with reverse", async function () {
      const forward = fakeProvider([3, 12, 13]);
      const first = await chunkedLogs(forward.provider, { ...query, from: 0, to: 20, chunk: 5, firstOnly: true });
      expect(first.map((log) => log.blockNumber)).to.deep.equal([3]);
      expect(forward.ranges).to.deep.equal([[0, 4]]);
      const backward = fakeProvider([3, 12, 13]);
      const read = (from: number, to: number) => backward.provider.getLogs({ fromBlock: from, toBlock: to });
      const latest = await chunkedScan({ from: 0, to: 20, chunk: 5, firstOnly: true, reverse: true }, read);
      expect(latest.map((log) => log.blockNumber)).to.deep.equal([13, 12]);
      expect(backward.ranges).to.deep.equal([
        [16, 20],
        [11, 15],
      ]);
    });

    it("reads every range in reverse and joins them in chain order", async function () {
      const { provider, ranges } = fakeProvider([1, 7]);
      const progress: LogScanProgress[] = [];
      const read = async (from: number, to: number) =>
        [...(await provider.getLogs({ fromBlock: from, toBlock: to }))].map((log) => log.blockNumber);
      const found = await chunkedScan(
        { from: 0, to: 9, chunk: 4, reverse: true, onProgress: (p) => progress.push(p) },
        read,
      );
      expect(found).to.deep.equal([1, 7]);
      expect(ranges).to.deep.equal([
        [6, 9],
        [2, 5],
        [0, 1],
      ]);
      expect(progress.at(-1)).to.deep.equal({ from: 0, to: 1, done: 10, total: 10 });
    });

    it("throws InvalidLogScanOptionError for a chunk that is not a positive integer, before any read", async function () {
      const { provider, ranges } = fakeProvider();
      for (const chunk of [0, -1, 2.5]) {
        try {
          await chunkedLogs(provider, { ...query, from: 0, to: 10, chunk });
          expect.fail("it read");
        } catch (error) {
          expect(error).to.be.instanceOf(InvalidLogScanOptionError).that.includes({ option: "chunk", value: chunk });
        }
      }
      expect(ranges).to.deep.equal([]);
    });

    it("ends with the signal's reason when aborted", async function () {
      const { provider, ranges } = fakeProvider();
      const controller = new AbortController();
      const reason = new Error("stop");
      const read = chunkedLogs(provider, {
        ...query,
        from: 0,
        to: 10,
        chunk: 2,
        signal: controller.signal,
        onProgress: () => controller.abort(reason),
      });
      try {
        await read;
        expect.fail("it read on");
      } catch (error) {
        expect(error).to.equal(reason);
      }
      expect(ranges).to.deep.equal([[0, 1]]);
    });
  });
});
