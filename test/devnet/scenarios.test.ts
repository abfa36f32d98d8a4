/**
 * The live scenarios on one devnet (scripts/devnet: real processes on free ports of 127.0.0.1, a temporary state
 * directory): the L1 mining a block every 2 s, the L2 node behind its RPC gateway, Memo on s3rver, four sequencer
 * agents with equal stakes, a verifier agent and the load generator. In order, each with its own time bound:
 *
 *   1. batches flow: submitted by different sequencers, verified by the verifier;
 *   2. one sequencer stopped: its turn passes after the rotation timeout, the chain goes on;
 *   3. a second one stopped (2 of 4 equal stakes): no batch for over two rotation timeouts while an L2 transaction
 *      and a deposit wait; one back: batches resume and include both;
 *   4. Memo stopped: the verifier reads the L2; the L2 RPC stopped too: it raises a DA request, a sequencer answers on
 *      L1, the verifier reads the answer and verifies the batch (secured);
 *   5. a forged batch (sequencers 1-3 collude): the verifier proves it wrong, it is rolled back, the three slashed, and
 *      the honest sequencer carries on;
 *   6. the ledger: every deposit credited exactly once on L2, every finalized withdrawal paid exactly once on L1, and
 *      value conserved between the L1 bridge and the L2;
 *   7. the status page (in headless Chromium) shows the live devnet's real batches as BatchChain holds them, the
 *      proposer, the sequencers and the agents, and its withdrawal tracker proves a withdrawal in the browser (and
 *      finalizes one the load generator left unpaid); the screenshot is reports/status-page.png.
 *
 * And `npm run devnet` itself (fixed ports; skipped when one is taken): it starts, prints the status page's URL, and
 * stops on SIGINT leaving no process behind. Every process is stopped in `after` (and killed if this process exits).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { JsonRpcProvider, Wallet, ZeroAddress } from "ethers";

import {
  BatchChain__factory,
  DARequestManager__factory,
  L1Bridge__factory,
  L2Bridge__factory,
  L2Token__factory,
  MetisToken__factory,
  SequencerRegistry__factory,
} from "../../sdk/src/contracts";
import { BridgeReader } from "../../sdk/src/bridge/reader";
import { daRequestStatus } from "../../sdk/src/da/requests";
import { depositETH } from "../../sdk/src/bridge/writer";
import { ethBacking, type L2Chain } from "../../sdk/src/node/l2/chain";
import type { Hex } from "../../sdk/src/proof";

import {
  FIXED_PORTS,
  portList,
  portTaken,
  startDevnet,
  type AgentName,
  type Devnet,
} from "../../scripts/devnet/devnet";

import { checkStatusPage } from "./status-page";

const ROOT = path.join(__dirname, "..", "..");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A ledger line of scripts/devnet/load.ts. */
interface LedgerEntry {
  readonly type: string;
  readonly index?: string;
  readonly hash?: string;
  readonly to?: string;
  readonly l1To?: string;
  readonly amount?: string;
  readonly symbol?: string;
}

describe("devnet: live scenarios (agents as processes)", function () {
  let devnet: Devnet;
  let dir: string;
  const durations: Record<string, number> = {};
  let started = 0;

  before(async function () {
    this.timeout(240_000);
    dir = mkdtempSync(path.join(tmpdir(), "metis-devnet-"));
    const t = Date.now();
    devnet = await startDevnet({ ports: "free", dir, signals: false, load: { intervalMs: 1_500 } });
    durations.start = Date.now() - t;
  });

  beforeEach(() => {
    started = Date.now();
  });

  afterEach(function () {
    durations[this.currentTest!.title.split(":")[0]!] = Date.now() - started;
  });

  after(async function () {
    this.timeout(120_000);
    await devnet?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    console.log(
      `      durations (s): ${Object.entries(durations)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`)
        .join(", ")}`,
    );
  });

  const contracts = () => {
    const { contracts: c } = devnet.deployment;
    return {
      batchChain: BatchChain__factory.connect(c.batchChain, devnet.l1),
      registry: SequencerRegistry__factory.connect(c.registry, devnet.l1),
      l1Bridge: L1Bridge__factory.connect(c.l1Bridge, devnet.l1),
      l2Bridge: L2Bridge__factory.connect(c.l2Bridge, devnet.l2),
      da: DARequestManager__factory.connect(c.daRequestManager, devnet.l1),
      token: MetisToken__factory.connect(c.token, devnet.l1),
    };
  };

  /** Every batch submission on L1: index, proposer, header hash, L1 time. */
  const submissions = async () => {
    const { batchChain } = contracts();
    const logs = await batchChain.queryFilter(batchChain.filters.BatchSubmitted(), 0);
    const times = new Map<number, number>();
    for (const log of logs) {
      if (!times.has(log.blockNumber)) times.set(log.blockNumber, (await log.getBlock()).timestamp);
    }
    return logs.map((log) => ({
      index: log.args.batchIndex,
      proposer: log.args.proposer,
      headerHash: log.args.headerHash,
      time: times.get(log.blockNumber)!,
      block: log.blockNumber,
    }));
  };
  const verifiedBatch = async () => BigInt(String((await devnet.health("verifier")).verifiedBatch ?? -1));
  const rotationTimeout = async () => Number(await contracts().registry.rotationTimeout());
  const signerOf = (n: number) => devnet.accounts.sequencers[n - 1]!.signer.address;
  /** Events of `agent` named `event` logged after the first `after` of them. */
  const newEvents = (agent: AgentName, event: string, after: number) => devnet.events(agent, event).slice(after);

  it("1: batches flow, submitted by different sequencers and verified by the verifier", async function () {
    this.timeout(180_000);
    const batches = await devnet.waitFor(
      async () => {
        const all = (await submissions()).filter((s) => s.index > 0n);
        return new Set(all.map((s) => s.proposer)).size >= 3 && all.length >= 4 ? all : undefined;
      },
      { timeoutMs: 150_000, what: "four batches by three sequencers" },
    );
    const last = batches.at(-1)!.index;
    await devnet.waitFor(async () => (await verifiedBatch()) >= last, {
      timeoutMs: 60_000,
      what: `the verifier to verify batch ${last}`,
    });
    // The agents' logs say the same: batch-submitted by several sequencers, batch-verified by the verifier.
    const submitters = (["sequencer-1", "sequencer-2", "sequencer-3", "sequencer-4"] as const).filter(
      (name) => devnet.events(name, "batch-submitted").length > 0,
    );
    expect(submitters.length).to.be.greaterThanOrEqual(2);
    const verified = devnet.events("verifier", "batch-verified").map((e) => String(e.batchIndex));
    expect(verified).to.include(String(last));
  });

  it("2: one sequencer stopped: the next proposes after the rotation timeout and the chain goes on", async function () {
    this.timeout(180_000);
    const timeout = await rotationTimeout();
    const stopped = signerOf(2);
    await devnet.stop("sequencer-2");
    const from = (await submissions()).length;
    const { registry } = contracts();
    const missed = async () => (await registry.members()).find((m) => m.signer === stopped)!.missedTurns;
    const before = await missed();
    const after = await devnet.waitFor(
      async () => {
        const all = await submissions();
        const since = all.slice(from);
        const skippedAt = since.findIndex((s, i) => s.time - all[from + i - 1]!.time >= timeout);
        return since.length >= 3 && skippedAt >= 0 && (await missed()) > before ? { all, since, skippedAt } : undefined;
      },
      { timeoutMs: 150_000, what: "sequencer-2's turn to pass and two more batches" },
    );
    const { all, since, skippedAt } = after;
    // The batch after the gap: proposed by another member at least a rotation timeout after the one before.
    const gapBatch = since[skippedAt]!;
    expect(gapBatch.proposer).to.not.equal(stopped);
    expect(gapBatch.time - all[from + skippedAt - 1]!.time).to.be.greaterThanOrEqual(timeout);
    expect(since.every((s) => s.proposer !== stopped)).to.equal(true);
    expect(await missed()).to.be.greaterThan(before);
  });

  it("3: two of four stopped: batches stop while transactions wait; one back: they resume and nothing is lost", async function () {
    this.timeout(240_000);
    const timeout = await rotationTimeout();
    const { batchChain, l1Bridge } = contracts();
    await devnet.stop("sequencer-3");
    // A proposal that was under way when it stopped may still land; then nothing can.
    await sleep(6_000);
    const count = await batchChain.batchCount();
    const failuresBefore = ["sequencer-1", "sequencer-4"].map(
      (name) => devnet.events(name as AgentName, "proposal-failed").length,
    );
    // An L2 transaction and a deposit while the chain is halted.
    const l2Node = new JsonRpcProvider(devnet.urls.l2Node, undefined, { staticNetwork: true, cacheTimeout: -1 });
    const user = new Wallet(devnet.accounts.faultsL2.privateKey, l2Node);
    const waiting = (await (await user.sendTransaction({ to: user.address, value: 1n })).wait())!;
    const depositor = new Wallet(devnet.accounts.faults.privateKey, devnet.l1);
    const { deposit } = await depositETH(l1Bridge.connect(depositor), user.address, 10n ** 15n);
    const haltStart = Date.now();
    await sleep(2 * timeout * 1000 + 4_000);
    expect(await batchChain.batchCount(), "no batch lands while half the stake is away").to.equal(count);
    expect(Date.now() - haltStart).to.be.greaterThan(2 * timeout * 1000);
    // The live members tried and could not reach a quorum.
    const failures = ["sequencer-1", "sequencer-4"].flatMap((name, i) =>
      newEvents(name as AgentName, "proposal-failed", failuresBefore[i]!),
    );
    expect(failures.map((e) => String(e.reason)).join("\n")).to.match(/Quorum/i);

    await devnet.start("sequencer-3");
    await devnet.waitFor(
      async () => {
        const [lastBlock, depositCount] = await batchChain.tip();
        return lastBlock >= BigInt(waiting.blockNumber) && depositCount > deposit.index;
      },
      { timeoutMs: 150_000, what: "the halted transaction and deposit in a batch" },
    );
    expect(await batchChain.batchCount()).to.be.greaterThan(count);
    const [committed] = await batchChain.batchOfL2Block(waiting.blockNumber);
    expect(committed).to.equal(true);
    l2Node.destroy();
    // Everyone back for what follows.
    await devnet.start("sequencer-2");
  });

  it("4: Memo down: the verifier reads the L2; the L2 RPC down too: a DA request, answered on L1, secured", async function () {
    this.timeout(300_000);
    const sources = devnet.events("verifier", "data-source").length;
    const requests = devnet.events("verifier", "da-requested").length;
    await devnet.stop("memo");
    const viaL2 = await devnet.waitFor(
      () => newEvents("verifier", "data-source", sources).find((e) => e.source === "l2"),
      { timeoutMs: 120_000, what: "the verifier to read a batch from the L2" },
    );
    await devnet.waitFor(async () => (await verifiedBatch()) >= BigInt(String(viaL2.batchIndex)), {
      timeoutMs: 60_000,
      what: `batch ${String(viaL2.batchIndex)} verified from the L2`,
    });

    await devnet.stop("l2-rpc");
    const requested = await devnet.waitFor(() => newEvents("verifier", "da-requested", requests)[0], {
      timeoutMs: 150_000,
      what: "the verifier's DA request",
    });
    const index = String(requested.batchIndex);
    await devnet.waitFor(
      () =>
        (["sequencer-1", "sequencer-2", "sequencer-3", "sequencer-4"] as const).some((name) =>
          devnet.events(name, "da-answered").some((e) => String(e.batchIndex) === index),
        ),
      { timeoutMs: 120_000, what: `a sequencer to answer the DA request for batch ${index}` },
    );
    const status = await daRequestStatus(contracts().da, requested.headerHash as Hex);
    expect(status.status).to.equal("Answered");
    await devnet.waitFor(
      () =>
        newEvents("verifier", "data-source", sources).find((e) => e.source === "l1" && String(e.batchIndex) === index),
      { timeoutMs: 90_000, what: `the verifier to read batch ${index} from L1` },
    );
    await devnet.waitFor(async () => (await verifiedBatch()) >= BigInt(index), {
      timeoutMs: 90_000,
      what: `batch ${index} verified from its DA answer`,
    });
    await devnet.start("memo");
    await devnet.start("l2-rpc");
  });

  it("5: a forged batch: challenged by the verifier, rolled back, the forgers slashed, honest batches go on", async function () {
    this.timeout(300_000);
    const { batchChain, registry } = contracts();
    const stakes = await Promise.all([1, 2, 3].map(async (n) => (await registry.sequencerInfo(signerOf(n))).stake));
    const forged = await devnet.fault("forge-batch");
    if (forged.fault !== "forge-batch") throw new Error("not a forged batch");
    await devnet.waitFor(
      () => devnet.events("verifier", "challenged").find((e) => String(e.batchIndex) === String(forged.batchIndex)),
      { timeoutMs: 120_000, what: `the verifier to challenge batch ${forged.batchIndex}` },
    );
    const rolledBack = await batchChain.queryFilter(batchChain.filters.BatchesRolledBack(forged.batchIndex), 0);
    expect(rolledBack.length).to.equal(1);
    for (const [i, n] of [1, 2, 3].entries()) {
      const info = await registry.sequencerInfo(signerOf(n));
      expect(info.jailed, `sequencer-${n} jailed`).to.equal(true);
      expect(info.stake, `sequencer-${n} slashed`).to.be.lessThan(stakes[i]!);
    }
    expect((await registry.sequencerInfo(signerOf(4))).jailed).to.equal(false);
    // The honest sequencer re-batches the blocks, and the verifier checks its batch.
    await devnet.waitFor(
      async () =>
        (await batchChain.batchCount()) > forged.batchIndex + 1n &&
        (await batchChain.headerHash(forged.batchIndex)) !== forged.headerHash,
      { timeoutMs: 150_000, what: "honest batches after the rollback" },
    );
    const replacement = (await submissions()).filter((s) => s.index === forged.batchIndex).at(-1)!;
    expect(replacement.proposer).to.equal(signerOf(4));
    await devnet.waitFor(async () => (await verifiedBatch()) > forged.batchIndex, {
      timeoutMs: 90_000,
      what: "the verifier to verify the honest batches",
    });
  });

  it("6: every deposit credited once on L2, every finalized withdrawal paid once on L1, value conserved", async function () {
    this.timeout(300_000);
    const { batchChain, l1Bridge, l2Bridge, token } = contracts();
    const ledger = () =>
      readFileSync(devnet.ledgerFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LedgerEntry);
    // Withdrawals become final after the fraud window: skip it on the devnet's L1 clock.
    await devnet.l1.send("evm_increaseTime", [Number(await batchChain.fraudProofWindow()) + 60]);
    await devnet.waitFor(() => ledger().filter((e) => e.type === "withdrawal-finalized").length >= 3, {
      timeoutMs: 180_000,
      what: "the load generator to finalize withdrawals",
      pollMs: 2_000,
    });
    await devnet.stop("load");
    // Every deposit relayed (the honest sequencer relays what is left).
    const l1Deposits = await l1Bridge.depositCount();
    await devnet.waitFor(async () => (await l2Bridge.depositCount()) === l1Deposits, {
      timeoutMs: 120_000,
      what: `all ${l1Deposits} deposits relayed on L2`,
    });
    const entries = ledger();
    const deposits = entries.filter((e) => e.type === "deposit");
    expect(deposits.length).to.be.greaterThan(3);
    const relays = await l2Bridge.queryFilter(l2Bridge.filters.DepositRelayed(), 0);
    for (const d of deposits) {
      const credited = relays.filter((r) => r.args.index.toString() === d.index);
      expect(credited.length, `deposit ${d.index} credited once`).to.equal(1);
      expect(credited[0]!.args.to).to.equal(d.to);
      expect(credited[0]!.args.amount.toString()).to.equal(d.amount);
    }
    // Each L1 deposit, the ledger's and the others, relayed exactly once.
    expect(new Set(relays.map((r) => r.args.index.toString())).size).to.equal(relays.length);
    expect(BigInt(relays.length)).to.equal(l1Deposits);

    const finalized = entries.filter((e) => e.type === "withdrawal-finalized");
    const paid = await l1Bridge.queryFilter(l1Bridge.filters.WithdrawalFinalized(), 0);
    const withdrawals = new Map(entries.filter((e) => e.type === "withdrawal").map((e) => [e.hash, e]));
    for (const f of finalized) {
      const events = paid.filter((p) => p.args.withdrawalHash === f.hash);
      expect(events.length, `withdrawal ${f.index} paid once`).to.equal(1);
      const initiated = withdrawals.get(f.hash)!;
      expect(events[0]!.args.l1To).to.equal(initiated.l1To);
      expect(events[0]!.args.amount.toString()).to.equal(initiated.amount);
    }
    expect(new Set(paid.map((p) => p.args.withdrawalHash)).size).to.equal(paid.length);

    // Value: L2 ETH outside the reserve is backed by the L1 bridge's ETH; the L1 bridge holds exactly the METIS on
    // L2 plus what was withdrawn and not yet paid.
    const l2Node = new JsonRpcProvider(devnet.urls.l2Node, undefined, { staticNetwork: true, cacheTimeout: -1 });
    const chain = { provider: l2Node, bridgeAddress: devnet.deployment.contracts.l2Bridge } as unknown as L2Chain;
    const { outside, escrow } = await ethBacking(chain, l1Bridge, devnet.l1);
    expect(outside <= escrow, `L2 ETH outside the reserve ${outside} > L1 escrow ${escrow}`).to.equal(true);
    const l2Token = await l2Bridge.l2TokenOf(await token.getAddress());
    expect(l2Token).to.not.equal(ZeroAddress);
    const supply = await L2Token__factory.connect(l2Token, l2Node).totalSupply();
    const held = await token.balanceOf(await l1Bridge.getAddress());
    const initiated = await L2Bridge__factory.connect(devnet.deployment.contracts.l2Bridge, l2Node).queryFilter(
      l2Bridge.filters.WithdrawalInitiated(),
      0,
    );
    const tokenAddress = (await token.getAddress()).toLowerCase();
    const out = initiated
      .filter((w) => w.args.l1Token.toLowerCase() === tokenAddress)
      .reduce((sum, w) => sum + w.args.amount, 0n);
    const back = paid
      .filter((p) => p.args.l1Token.toLowerCase() === tokenAddress)
      .reduce((s, p) => s + p.args.amount, 0n);
    expect(held).to.equal(supply + out - back);
    l2Node.destroy();
  });

  it("7: the status page shows the live devnet: its real batches, the proposer, the sequencers, a withdrawal proven in the browser", async function () {
    this.timeout(180_000);
    const { batchChain, l1Bridge } = contracts();
    const entries = readFileSync(devnet.ledgerFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LedgerEntry & { readonly l2TxHash?: string });
    // A withdrawal ready and unpaid on L1 is finalized from the page; otherwise a paid one is only proven. L1 decides
    // which, not the ledger: the load generator may have paid one whose ledger line a stop cut off.
    const reader = new BridgeReader({ deployment: devnet.deployment, l1: devnet.l1, l2: devnet.l2 });
    const withdrawals = entries.filter((e) => e.type === "withdrawal");
    const statuses = await Promise.all(
      withdrawals.map(async (e) => (await reader.getWithdrawalStatus(e.hash as Hex)).status),
    );
    const open = withdrawals.find((_, i) => statuses[i] === "ReadyToFinalize");
    const tracked = open ?? withdrawals.find((_, i) => statuses[i] === "Finalized")!;
    expect(tracked, "a withdrawal ready or paid on L1").to.not.equal(undefined);
    const read = await checkStatusPage(devnet.urls.status!, {
      minBatches: 3,
      timeoutMs: 90_000,
      withdrawal: { l2TxHash: tracked.l2TxHash!, ...(open ? { ready: true, finalize: true } : {}) },
    });
    expect(read.pageErrors).to.deep.equal([]);
    // Every batch the page lists is BatchChain's at the block the page read it at.
    const at = { blockTag: read.batchesAtBlock };
    expect(read.batchCount).to.match(new RegExp(`^${await batchChain.batchCount(at)} on L1`));
    for (const row of read.batches.filter((r) => r.status !== "RolledBack")) {
      expect(row.hash, `batch #${row.index}`).to.equal(await batchChain.headerHash(row.index, at));
    }
    expect(read.proposer.address).to.match(/^0x[0-9a-fA-F]{40}$/);
    expect(read.sequencers.map((row) => row.signer.toLowerCase())).to.include.members(
      [1, 2, 3, 4].map((n) => signerOf(n).toLowerCase()),
    );
    expect(read.agents.map((row) => row.name)).to.include.members(["sequencer-4", "verifier"]);
    expect(read.withdrawal?.steps.find((step) => step.step === "verify")?.state).to.equal("ok");
    if (open) {
      const paid = await l1Bridge.queryFilter(l1Bridge.filters.WithdrawalFinalized(), 0);
      expect(paid.filter((p) => p.args.withdrawalHash === open.hash).length, "paid once, from the page").to.equal(1);
    }
  });
});

describe("devnet: npm run devnet", function () {
  it("starts on the fixed ports, prints the status page URL, and stops on SIGINT leaving no process behind", async function () {
    this.timeout(300_000);
    for (const { name, port } of portList(FIXED_PORTS)) {
      if (await portTaken(port)) {
        console.log(`      skipped: port ${port} (${name}) is taken on 127.0.0.1 (another devnet running?)`);
        this.skip();
      }
    }
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const dir = mkdtempSync(path.join(tmpdir(), "metis-npm-devnet-"));
    const deployments = mkdtempSync(path.join(tmpdir(), "metis-npm-devnet-deployments-"));
    // Its own process group, as a terminal runs it: SIGINT goes to npm, the shell and the devnet at once (Ctrl-C).
    const child = spawn(npm, ["run", "devnet", "--", "--no-load", "--dir", dir, "--deployments", deployments], {
      cwd: ROOT,
      env: { ...process.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    const kill = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // gone
      }
    };
    process.once("exit", kill);
    try {
      const deadline = Date.now() + 240_000;
      while (!/Processes: .*\n/.test(output)) {
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`npm run devnet did not start:\n${output}`);
        await sleep(500);
      }
      expect(output).to.include("Status page       http://127.0.0.1:8080");
      expect(output).to.include("L1 JSON-RPC       http://127.0.0.1:8545");
      expect(output).to.include("DEVNET ONLY");
      const pids = [...output.match(/Processes: (.*)\n/)![1]!.matchAll(/=(\d+)/g)].map((m) => Number(m[1]));
      expect(pids.length).to.be.greaterThanOrEqual(9);
      const page = await fetch("http://127.0.0.1:8080/");
      expect(page.status).to.equal(200);
      process.kill(-child.pid!, "SIGINT");
      const { code, signal } = await exited;
      // npm itself may die of the SIGINT (as in a terminal); the devnet behind it stops cleanly and says so.
      expect(code === 0 || code === 130 || signal === "SIGINT", `npm exited with ${code ?? signal}`).to.equal(true);
      for (let i = 0; i < 60 && !output.includes("devnet stopped"); i++) await sleep(500);
      expect(output).to.include("devnet stopped");
      // Give the devnet process a moment if npm returned first, then no service may be left.
      const alive = async () =>
        pids.filter((pid) => {
          try {
            process.kill(pid, 0);
            return true;
          } catch {
            return false;
          }
        });
      for (let i = 0; i < 40 && (await alive()).length > 0; i++) await sleep(500);
      expect(await alive()).to.deep.equal([]);
      for (const { port } of portList(FIXED_PORTS))
        expect(await portTaken(port), `port ${port} free again`).to.equal(false);
    } finally {
      kill();
      process.removeListener("exit", kill);
      rmSync(dir, { recursive: true, force: true });
      rmSync(deployments, { recursive: true, force: true });
    }
  });
});
