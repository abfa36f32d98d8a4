/**
 * The agents' config: a JSON file plus the environment (overrides and keys). Every rule is an AgentConfigError naming
 * its field; keys come only from the environment.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import { AgentConfigError } from "../../sdk/src/errors/agent";
import { loadAgentConfig, parseAgentConfig } from "../../sdk/src/node/agents/config";
import { seededWallet } from "../helpers/seeded";

const KEY = seededWallet("agent config key");
const RELAYER = seededWallet("agent config relayer");
const PEER = seededWallet("agent config peer").address;

describe("agents: loadAgentConfig", function () {
  let dir: string;
  const env = { METIS_TEST_KEY: KEY.privateKey, METIS_TEST_RELAYER: RELAYER.privateKey };

  before(function () {
    dir = mkdtempSync(path.join(tmpdir(), "metis-agent-config-"));
    // The committed devnet deployment, as a file next to the configs.
    copyFileSync(path.join(__dirname, "..", "..", "deployments", "localhost.json"), path.join(dir, "deployment.json"));
  });
  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  function sequencer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      role: "sequencer",
      name: "sequencer-1",
      l1: "http://127.0.0.1:8545",
      l2: "http://127.0.0.1:9645",
      deployment: "./deployment.json",
      keyEnv: "METIS_TEST_KEY",
      relayerKeyEnv: "METIS_TEST_RELAYER",
      store: { kind: "file", directory: "./da" },
      dataDir: "./sequencer-1",
      peer: { host: "127.0.0.1", port: 7101 },
      peers: [{ address: PEER, url: "http://127.0.0.1:7102" }],
      health: { host: "127.0.0.1", port: 7201 },
      pollMs: 500,
      da: { answer: true },
      rewards: { intervalMs: 30_000 },
      log: { level: "debug" },
      ...overrides,
    };
  }

  function verifier(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      role: "verifier",
      name: "verifier",
      l1: "http://127.0.0.1:8545",
      l2: "http://127.0.0.1:9545",
      deployment: "./deployment.json",
      keyEnv: "METIS_TEST_KEY",
      store: { kind: "s3", endpoint: "http://127.0.0.1:9000", bucket: "memo", prefix: "" },
      dataDir: "./verifier",
      health: { port: 7301 },
      da: { request: true, l1WaitMs: 2_000 },
      vote: { stake: "1000" },
      ...overrides,
    };
  }

  const parse = (json: unknown, extraEnv: Record<string, string> = {}) =>
    parseAgentConfig(json, { baseDir: dir, env: { ...env, ...extraEnv } });

  /** The AgentConfigError `json` raises: its field and reason. */
  function refusal(json: unknown, extraEnv: Record<string, string> = {}): AgentConfigError {
    try {
      parse(json, extraEnv);
    } catch (error) {
      expect(error).to.be.instanceOf(AgentConfigError);
      return error as AgentConfigError;
    }
    expect.fail("the config was accepted");
  }

  it("reads a sequencer's file, its paths relative to the file, its keys from the environment", function () {
    const file = path.join(dir, "sequencer-1.json");
    writeFileSync(file, JSON.stringify(sequencer()));
    const config = loadAgentConfig(file, env);
    if (config.role !== "sequencer") expect.fail("not a sequencer");
    expect(config.key).to.equal(KEY.privateKey);
    expect(config.relayerKey).to.equal(RELAYER.privateKey);
    expect(config.keyEnv).to.equal("METIS_TEST_KEY");
    expect(config.dataDir).to.equal(path.join(dir, "sequencer-1"));
    expect(config.store).to.deep.equal({ kind: "file", directory: path.join(dir, "da") });
    expect(config.deployment.network).to.equal("localhost");
    expect(config.peer).to.deep.equal({ host: "127.0.0.1", port: 7101 });
    expect(config.peers).to.deep.equal([{ address: PEER, url: "http://127.0.0.1:7102" }]);
    expect(config.pollMs).to.equal(500);
    expect(config.minBatchIntervalMs).to.equal(0);
    expect(config.rewards).to.deep.equal({ intervalMs: 30_000 });
    expect(config.da).to.deep.equal({ answer: true });
    expect(config.log.level).to.equal("debug");
    expect(config.file).to.equal(file);
  });

  it("reads a verifier's, with S3 credentials from the environment and its defaults", function () {
    const config = parse(verifier(), { AWS_ACCESS_KEY_ID: "id", AWS_SECRET_ACCESS_KEY: "secret" });
    if (config.role !== "verifier") expect.fail("not a verifier");
    expect(config.store).to.deep.equal({
      kind: "s3",
      endpoint: "http://127.0.0.1:9000",
      bucket: "memo",
      prefix: "",
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
    });
    expect(config.health).to.deep.equal({ host: "127.0.0.1", port: 7301 });
    expect(config.da).to.deep.equal({ request: true, l1WaitMs: 2_000 });
    expect(config.vote).to.deep.equal({ stake: 1000n });
    expect(config.challenge).to.deep.equal({ execution: true });
    expect(config.pollMs).to.equal(1_000);
    expect(config.log.level).to.equal("info");
  });

  it("applies the environment's overrides over the file", function () {
    const config = parse(sequencer(), {
      METIS_AGENT_L1: "http://127.0.0.1:18545",
      METIS_AGENT_L2: "http://127.0.0.1:19645",
      METIS_AGENT_DATA_DIR: "/tmp/elsewhere",
      METIS_AGENT_LOG_LEVEL: "warn",
    });
    expect(config.l1).to.equal("http://127.0.0.1:18545");
    expect(config.l2).to.equal("http://127.0.0.1:19645");
    expect(config.dataDir).to.equal("/tmp/elsewhere");
    expect(config.log.level).to.equal("warn");
    expect(refusal(sequencer(), { METIS_AGENT_L1: "not a url" })).to.include({ field: "METIS_AGENT_L1" });
    expect(refusal(sequencer(), { METIS_AGENT_LOG_LEVEL: "loud" })).to.include({ field: "METIS_AGENT_LOG_LEVEL" });
  });

  it("refuses a key in the file itself: keys come only from the environment", function () {
    expect(refusal(sequencer({ key: KEY.privateKey }))).to.include({ field: "key" });
    expect(refusal(sequencer({ privateKey: "whatever" }))).to.include({ field: "privateKey" });
    const inside = refusal(
      sequencer({ peers: [{ address: PEER, url: "http://127.0.0.1:7102", note: KEY.privateKey }] }),
    );
    expect(inside).to.include({ field: "peers[0].note" });
    expect(inside.message).to.match(/holds a private key: keys come only from the environment/);
    // The key's environment variable: unset, empty, or not a key.
    expect(refusal(sequencer({ keyEnv: "METIS_TEST_UNSET" }))).to.include({ field: "keyEnv" });
    expect(refusal(sequencer({ keyEnv: "METIS_TEST_UNSET" })).message).to.equal(
      "keyEnv names METIS_TEST_UNSET, which is not set in the environment",
    );
    expect(refusal(sequencer(), { METIS_TEST_RELAYER: "" })).to.include({ field: "relayerKeyEnv" });
    expect(refusal(sequencer(), { METIS_TEST_KEY: "0x1234" }).reason).to.match(/does not hold a private key/);
  });

  it("names the field of every other rule", function () {
    const cases: [Record<string, unknown>, string][] = [
      [sequencer({ role: "prover" }), "role"],
      [sequencer({ role: undefined }), "role"],
      [sequencer({ name: undefined }), "name"],
      [sequencer({ name: "a b" }), "name"],
      [sequencer({ l1: undefined }), "l1"],
      [sequencer({ l1: "127.0.0.1:8545" }), "l1"],
      [sequencer({ l2: "ftp://127.0.0.1" }), "l2"],
      [sequencer({ deployment: "./missing.json" }), "deployment"],
      [sequencer({ keyEnv: undefined }), "keyEnv"],
      [sequencer({ store: undefined }), "store"],
      [sequencer({ store: { kind: "tape" } }), "store.kind"],
      [sequencer({ store: { kind: "file" } }), "store.directory"],
      [verifier(), "store"], // S3 without credentials in the environment
      [sequencer({ dataDir: undefined }), "dataDir"],
      [sequencer({ peer: undefined }), "peer"],
      [sequencer({ peer: { port: 70_000 } }), "peer.port"],
      [sequencer({ peer: { port: "7101" } }), "peer.port"],
      [sequencer({ health: { port: -1 } }), "health.port"],
      [sequencer({ peers: {} }), "peers"],
      [sequencer({ peers: [{ address: "0x12", url: "http://127.0.0.1:1" }] }), "peers[0].address"],
      [sequencer({ peers: [{ address: PEER, url: "nowhere" }] }), "peers[0].url"],
      [sequencer({ pollMs: 0 }), "pollMs"],
      [sequencer({ pollMs: 1.5 }), "pollMs"],
      [sequencer({ minBatchIntervalMs: -1 }), "minBatchIntervalMs"],
      [sequencer({ da: { answer: "yes" } }), "da.answer"],
      [sequencer({ rewards: {} }), "rewards.intervalMs"],
      [sequencer({ l1Finality: "latest" }), "l1Finality"],
      [sequencer({ log: { level: "loud" } }), "log.level"],
      [verifier({ vote: { stake: 5 } }), "vote.stake"],
      [verifier({ da: { l1WaitMs: 0 } }), "da.l1WaitMs"],
    ];
    const s3 = { AWS_ACCESS_KEY_ID: "id", AWS_SECRET_ACCESS_KEY: "secret" };
    for (const [json, field] of cases) {
      const credentials = json.role === "verifier" && field !== "store" ? s3 : {};
      expect(refusal(json, credentials).field, JSON.stringify(json)).to.equal(field);
    }
    expect(refusal(sequencer({ peer: { port: 70_000 } })).message).to.equal(
      "peer.port is not a port (an integer from 0 to 65535)",
    );
  });

  it("names the file when it cannot be read or is not JSON", function () {
    const missing = path.join(dir, "missing.json");
    expect(() => loadAgentConfig(missing, env))
      .to.throw(AgentConfigError)
      .with.property("message", `${missing}: file cannot be read (ENOENT)`);
    const broken = path.join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    expect(() => loadAgentConfig(broken, env))
      .to.throw(AgentConfigError)
      .with.property("field", "file");
    expect(refusal([])).to.include({ field: "file" });
  });
});
