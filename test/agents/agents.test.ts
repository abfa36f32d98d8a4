/**
 * The agents as an operator runs them: L1 and L2 as `hardhat node` processes on free ports, the protocol deployed by
 * `hardhat run scripts/deploy.ts`, four equally staked sequencers (three SequencerAgents in this process, one the
 * `metis-agent` CLI in a child process) signing each other's batches over their HTTP endpoints, and one
 * VerifierAgent. The agents start the first epoch; an L2 transfer and a deposit end up in a batch on L1, which the
 * verifier reports verified; the CLI agent stops on SIGTERM and, restarted on the same data directory, still holds
 * what it signed. Then a quorum of the keys forges a batch, which the verifier agent challenges.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { JsonRpcProvider, parseEther, Wallet, type BrowserProvider } from "ethers";

import { depositETH } from "../../sdk/src/bridge/writer";
import { PeerRequestError } from "../../sdk/src/errors/peer";
import { PEER_ERROR_CODES } from "../../sdk/src/node/peer/protocol";
import {
  connectBatchChain,
  connectL1Bridge,
  connectMetisToken,
  connectSequencerRegistry,
} from "../../sdk/src/contracts/connectors";
import { parseDeployment, type Deployment } from "../../sdk/src/deployments";
import {
  addL2Relayer,
  FileDAStore,
  L2_BRIDGE_ADDRESS,
  L2_SYSTEM_ACCOUNT,
  l2Key,
  loadAgentConfig,
  PeerSigner,
  SequencerAgent,
  VerifierAgent,
  type L2Chain,
  type SequencerAgentConfig,
  type SequencerHealth,
  type VerifierAgentConfig,
  type VerifierHealth,
} from "../../sdk/src/node";
import { createLogger } from "../../sdk/src/node/agents/log";
import { encodeSidecar, sidecarKey, type Hex } from "../../sdk/src/proof";
import { readRpcHeader } from "../../sdk/src/sequencer/block-headers";
import { forgeBatch } from "../../scripts/lib/forge";
import { seededWallet, seededWord } from "../helpers/seeded";
import { freePort, startNode, stopNode, type DevnetNode } from "../package/devnet";

const root = path.join(__dirname, "..", "..");
const hardhatCli = require.resolve("hardhat/internal/cli/cli.js");
const STAKE = parseEther("20000");

const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/** A child process with its output kept, and its exit awaited. */
interface Child {
  readonly process: ChildProcess;
  output(): string;
  readonly exited: Promise<number | null>;
}

function run(args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      children.delete(child);
      resolve(code);
    });
  });
  return { process: child, output: () => output, exited };
}

/** Polls `probe` until it returns a value (not undefined), failing with `what` after `timeoutMs`. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function health<T>(url: string): Promise<T> {
  const response = await fetch(`${url}/health`);
  return (await response.json()) as T;
}

describe("agents: sequencer and verifier agents against hardhat nodes", function () {
  this.timeout(240_000);
  let l1Node: DevnetNode | undefined;
  let l2Node: DevnetNode | undefined;
  let dir: string;
  let deployment: Deployment;
  let l1: JsonRpcProvider;
  let l2: JsonRpcProvider;
  const keys = [0, 1, 2, 3].map((i) => seededWallet(`agents test sequencer ${i}`));
  const verifierKey = seededWallet("agents test verifier");
  const agents: (SequencerAgent | VerifierAgent)[] = [];
  const lines: string[] = [];
  const env: NodeJS.ProcessEnv = {};

  before(async function () {
    [l1Node, l2Node] = await Promise.all([startNode(false), startNode(true)]);
    dir = mkdtempSync(path.join(tmpdir(), "metis-agents-"));
    const deploy = run([hardhatCli, "run", "scripts/deploy.ts", "--network", "localhost"], {
      ...process.env,
      METIS_L1_RPC_URL: l1Node.url,
      METIS_L2_RPC_URL: l2Node.url,
      METIS_DEPLOYMENTS_DIR: path.join(dir, "deployments"),
      HARDHAT_DISABLE_TELEMETRY_PROMPT: "true",
    });
    const code = await deploy.exited;
    if (code !== 0) throw new Error(`deploy failed:\n${deploy.output()}`);
    const deploymentFile = path.join(dir, "deployments", "localhost.json");
    deployment = parseDeployment(JSON.parse(readFileSync(deploymentFile, "utf8")));
    l1 = new JsonRpcProvider(l1Node.url, undefined, { cacheTimeout: -1, pollingInterval: 50 });
    l2 = new JsonRpcProvider(l2Node.url, undefined, { cacheTimeout: -1, pollingInterval: 50 });

    // Four equal stakes from the deployer (the node's first account holds the supply), then the epoch.
    const deployer = await l1.getSigner(0);
    const token = connectMetisToken(deployment.contracts.token, deployer);
    const registry = connectSequencerRegistry(deployment.contracts.registry, deployer);
    for (const key of keys) {
      const staker = key.connect(l1);
      await l1.send("hardhat_setBalance", [key.address, "0x56BC75E2D63100000"]);
      await (await token.transfer(key.address, STAKE)).wait();
      await (await token.connect(staker).approve(deployment.contracts.registry, STAKE)).wait();
      await (await registry.connect(staker).stake(STAKE, key.address)).wait();
    }
    await l1.send("hardhat_setBalance", [verifierKey.address, "0x56BC75E2D63100000"]);
    // No epoch yet: the agents start the first one (below).
    // Each sequencer's key relays deposits on L2.
    const chain = {
      provider: l2 as unknown as BrowserProvider,
      system: new Wallet(L2_SYSTEM_ACCOUNT.privateKey, l2),
      bridgeAddress: L2_BRIDGE_ADDRESS,
    } as unknown as L2Chain;
    for (const key of keys) await addL2Relayer(chain, key.connect(l2));

    // The configs, as an operator writes them: keys in the environment only.
    const peers = await Promise.all(keys.map(async (key) => ({ key, port: await freePort() })));
    for (const [i, key] of keys.entries()) env[`METIS_TEST_SEQUENCER_${i + 1}_KEY`] = key.privateKey;
    env.METIS_TEST_VERIFIER_KEY = verifierKey.privateKey;
    for (const [i] of keys.entries()) {
      const config = {
        role: "sequencer",
        name: `sequencer-${i + 1}`,
        l1: l1Node.url,
        l2: l2Node.url,
        deployment: "./deployments/localhost.json",
        keyEnv: `METIS_TEST_SEQUENCER_${i + 1}_KEY`,
        relayerKeyEnv: `METIS_TEST_SEQUENCER_${i + 1}_KEY`,
        store: { kind: "file", directory: "./memo" },
        dataDir: `./sequencer-${i + 1}`,
        peer: { host: "127.0.0.1", port: peers[i]!.port },
        peers: peers.map(({ key: peer, port }) => ({ address: peer.address, url: `http://127.0.0.1:${port}` })),
        health: { host: "127.0.0.1", port: 0 },
        pollMs: 200,
        l1Finality: 0,
        peerTimeoutMs: 5_000,
        peerRetries: 1,
        log: { level: "debug" },
      };
      writeFileSync(path.join(dir, `sequencer-${i + 1}.json`), JSON.stringify(config, null, 2));
    }
    writeFileSync(
      path.join(dir, "verifier.json"),
      JSON.stringify({
        role: "verifier",
        name: "verifier",
        l1: l1Node.url,
        l2: l2Node.url,
        deployment: "./deployments/localhost.json",
        keyEnv: "METIS_TEST_VERIFIER_KEY",
        store: { kind: "file", directory: "./memo" },
        dataDir: "./verifier",
        health: { port: 0 },
        pollMs: 200,
      }),
    );
  });

  after(async function () {
    await Promise.all(agents.map((agent) => agent.stop()));
    for (const child of children) child.kill("SIGKILL");
    l1?.destroy();
    l2?.destroy();
    stopNode(l1Node);
    stopNode(l2Node);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const logger = (name: string) => createLogger({ name, level: "debug", write: (line) => lines.push(line) });
  const cliArgs = (i: number) => [
    "-r",
    "ts-node/register/transpile-only",
    "sdk/src/node/agents/bin.ts",
    "sequencer",
    "--config",
    path.join(dir, `sequencer-${i}.json`),
  ];
  const cliEnv = () => ({ ...process.env, ...env, TS_NODE_TRANSPILE_ONLY: "1" });
  /** The events of the JSON lines in `output`. */
  const events = (output: string) =>
    output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { event: string; agent: string; [field: string]: unknown });

  it("starts the epoch, batches an L2 transfer and a deposit signed over HTTP, verified; the CLI agent stops on SIGTERM and resumes", async function () {
    // Sequencers 1-3 in this process, sequencer 4 the CLI.
    for (let i = 1; i <= 3; i++) {
      const config = loadAgentConfig(path.join(dir, `sequencer-${i}.json`), env) as SequencerAgentConfig;
      agents.push(await SequencerAgent.start(config, { logger: logger(config.name) }));
    }
    let cli = run(cliArgs(4), cliEnv());
    await until("the CLI agent to start", async () =>
      events(cli.output()).some((e) => e.event === "started") ? true : undefined,
    );
    // The agents start the first epoch (the L1 mines on demand here: blocks up to its seed block are mined for them).
    const registry = connectSequencerRegistry(deployment.contracts.registry, l1);
    await until("the agents to start the epoch", async () => {
      const [, , size] = await registry.currentEpoch();
      if (size === 4n) return true;
      await l1.send("evm_mine", []);
      return undefined;
    });
    // Its log line (the CLI's comes through a pipe), exactly one: the others' attempts reverted.
    const started = await until("the epoch-started line", async () => {
      const found = [...events(cli.output()), ...events(lines.join("\n"))].filter((e) => e.event === "epoch-started");
      return found.length > 0 ? found : undefined;
    });
    expect(started).to.have.length(1);
    expect(started[0]).to.include({ epoch: "1" });
    const verifierConfig = loadAgentConfig(path.join(dir, "verifier.json"), env) as VerifierAgentConfig;
    const verifier = await VerifierAgent.start(verifierConfig, { logger: logger("verifier") });
    agents.push(verifier);

    // An L2 transfer, and an L1 deposit to relay.
    const user = new Wallet(l2Key(2).privateKey, l2);
    const recipient = seededWallet("agents test recipient").address;
    const transfer = await (await user.sendTransaction({ to: recipient, value: parseEther("0.5") })).wait();
    const depositor = await l1.getSigner(1);
    await depositETH(connectL1Bridge(deployment.contracts.l1Bridge, depositor), recipient, parseEther("1"));

    const batchChain = connectBatchChain(deployment.contracts.batchChain, l1);
    // The L1 mines on demand: a block every 2 s meanwhile, as a real L1 would, so that its clock moves and a turn
    // the scheduled agent misses (a slow start on a loaded machine) passes on after the rotation timeout.
    let mined = Date.now();
    const lastIndex = await until("a batch with the transfer and the deposit", async () => {
      const [lastBlock, depositCount] = await batchChain.tip();
      if (lastBlock >= BigInt(transfer!.blockNumber) && depositCount >= 1n) return (await batchChain.batchCount()) - 1n;
      if (Date.now() - mined >= 2_000) {
        mined = Date.now();
        await l1.send("evm_mine", []);
      }
      return undefined;
    });
    // The deposit was relayed once, and credited.
    expect(await l2.getBalance(recipient)).to.equal(parseEther("1.5"));

    // Submitted by the agent scheduled, with signatures collected over the signing endpoints.
    const submitted = [...events(cli.output()), ...events(lines.join("\n"))].filter(
      (e) => e.event === "batch-submitted",
    );
    expect(submitted.map((e) => e.batchIndex)).to.include(lastIndex.toString());
    const signed = [...events(cli.output()), ...events(lines.join("\n"))].filter((e) => e.event === "signed");
    expect(signed.length).to.be.greaterThan(0);
    const proposerHealth = await Promise.all(
      agents.slice(0, 3).map((agent) => health<SequencerHealth>((agent as SequencerAgent).healthUrl!)),
    );
    for (const report of proposerHealth) {
      expect(report).to.include({ status: "ok", role: "sequencer", queuedUploads: 0 });
      expect(report.l1Block).to.be.greaterThan(0);
      expect(report.l1Batches).to.be.greaterThan(0);
    }
    // Each batch's quorum: the proposer's own signature and at least two peers', over HTTP.
    const signedByAgents = proposerHealth.reduce((sum, report) => sum + report.signed, 0);
    const submittedByAgents = proposerHealth.reduce((sum, report) => sum + report.batchesSubmitted, 0);
    expect(signedByAgents + submittedByAgents).to.be.greaterThan(0);
    expect(proposerHealth.map((report) => report.lastSubmittedBatch)).to.satisfy(
      (last: (number | null)[]) => last.includes(Number(lastIndex)) || submitted.some((e) => e.agent === "sequencer-4"),
    );

    // The verifier checked it.
    const verified = await until("the verifier to verify the batch", async () => {
      const report = await health<VerifierHealth>(verifier.healthUrl!);
      return report.verifiedBatch >= Number(lastIndex) ? report : undefined;
    });
    expect(verified).to.include({ status: "ok", role: "verifier", name: "verifier", findings: 0, challenges: 0 });
    expect(events(lines.join("\n")).some((e) => e.event === "batch-verified" && e.batchIndex === lastIndex.toString()))
      .to.be.true;

    // What the CLI agent signed for the last batch's slot, asked over its endpoint by a member's key.
    const slot = { batchIndex: lastIndex, parentHash: (await batchChain.headerHash(lastIndex - 1n)) as Hex };
    const endpoint = new PeerSigner({
      address: keys[3]!.address,
      url: `http://127.0.0.1:${(loadAgentConfig(path.join(dir, "sequencer-4.json"), env) as SequencerAgentConfig).peer.port}`,
      auth: keys[0]!,
      batchChain: deployment.contracts.batchChain,
      retries: 0,
    });
    const before = await endpoint.signedFor(slot);
    expect(before, "the CLI agent signed the batch").to.not.equal(undefined);
    // The endpoint answers members only (the agent's cached read of the registry's members).
    const stranger = new PeerSigner({ ...endpoint.config, auth: seededWallet("agents test stranger") });
    expect(await stranger.signedFor(slot).catch((e: unknown) => e))
      .to.be.instanceOf(PeerRequestError)
      .and.include({ code: PEER_ERROR_CODES.unauthorized });

    // SIGTERM: it logs stopping and stopped and exits 0.
    cli.process.kill("SIGTERM");
    expect(await cli.exited).to.equal(0);
    const stopped = events(cli.output()).map((e) => e.event);
    expect(stopped).to.include.members(["stopping", "stopped"]);
    expect(stopped.indexOf("stopped")).to.be.greaterThan(stopped.indexOf("stopping"));

    // Restarted on the same data directory: it answers for the same slot with the same header and signature.
    cli = run(cliArgs(4), cliEnv());
    const after = await until("the restarted CLI agent to answer", () => endpoint.signedFor(slot));
    expect(after).to.deep.equal(before);
    cli.process.kill("SIGTERM");
    expect(await cli.exited).to.equal(0);
  });

  it("challenges a forged batch: the verifier agent proves it, L1 rolls it back, the agent claims its reward", async function () {
    // The sequencer agents stop; three of the keys (a quorum) forge the next batch's first withdrawal root.
    const verifier = agents.find((agent) => agent instanceof VerifierAgent)!;
    await Promise.all(agents.filter((agent) => agent instanceof SequencerAgent).map((agent) => agent.stop()));
    const user = new Wallet(l2Key(3).privateKey, l2);
    await (await user.sendTransaction({ to: seededWallet("agents forged").address, value: 1n })).wait();
    const batchChain = connectBatchChain(deployment.contracts.batchChain, l1);
    const registry = connectSequencerRegistry(deployment.contracts.registry, l1);
    const store = new FileDAStore(path.join(dir, "memo"));
    const forged = await forgeBatch(
      {
        batchChain,
        registry,
        l2: { provider: l2, bridgeAddress: L2_BRIDGE_ADDRESS },
        keys: keys.map((key) => key.connect(l1)),
        store,
      },
      { leaves: (leaves) => [{ ...leaves[0]!, withdrawalRoot: seededWord("agents forged root") }, ...leaves.slice(1)] },
      { signers: keys.slice(0, 3).map((key) => key.connect(l1)) },
    );
    // They publish its sidecar (leaves and headers) as a proposer does.
    const blocks = [];
    for (const [i, leaf] of forged.blockLeaves.entries()) {
      const header = await readRpcHeader(l2, BigInt(leaf.number));
      blocks.push({ ...forged.blocks[i]!, withdrawalRoot: leaf.withdrawalRoot as Hex, rlpHeader: header!.rlpHeader });
    }
    await store.put(sidecarKey(forged.hash), encodeSidecar({ headerHash: forged.hash, blocks }));
    const index = forged.header.batchIndex;
    const report = await until("the verifier to challenge the forged batch", async () => {
      const health = (await (await fetch(`${verifier.healthUrl!}/health`)).json()) as VerifierHealth;
      return health.challenges > 0 ? health : undefined;
    });
    expect(report.findings).to.be.greaterThan(0);
    expect(await batchChain.isRolledBack(forged.hash)).to.be.true;
    const challenged = events(lines.join("\n")).find((e) => e.event === "challenged");
    expect(challenged).to.include({ kind: "withdrawalRoot", batchIndex: index.toString() });
    expect(challenged!.txHash).to.match(/^0x[0-9a-f]{64}$/);
    expect(events(lines.join("\n")).some((e) => e.event === "finding" && e.kind === "withdrawalRoot")).to.be.true;
    // Then it claims its share of the slash.
    const claimed = await until("the verifier to claim its reward", async () =>
      events(lines.join("\n")).find((e) => e.event === "claimed" && e.from === "SequencerRegistry"),
    );
    expect(BigInt(claimed.tokens as string)).to.be.greaterThan(0n);
  });
});
