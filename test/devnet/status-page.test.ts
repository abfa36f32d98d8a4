/**
 * The devnet's status page (scripts/devnet/status) against real processes: an L1 and an L2 `hardhat node` on free
 * ports, the deployment by `hardhat run scripts/deploy.ts --network localhost` into a temporary directory, four staked
 * sequencers proposing real batches over HTTP JSON-RPC (test/package/operators.ts), and an L2 withdrawal whose batch
 * is made final by moving L1 time. Headless Chromium reads the page (test/devnet/status-page.ts): it lists exactly
 * the batches BatchChain holds, the proposer SequencerRegistry schedules and the sequencers with their stakes, and
 * its tracker builds and verifies the withdrawal's proof in the browser, enables Finalize, and finalizes through an
 * injected wallet. Every process is stopped in `after` (and on exit, by test/package/devnet.ts).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { parseEther, Wallet } from "ethers";

import { BATCH_STATUSES, SEQUENCER_STATUSES, WITHDRAWAL_STATUSES } from "../../sdk/src/proof";
import {
  connectDARequestManager,
  connectL1Bridge,
  connectL2Bridge,
  connectMetisToken,
  connectSequencerRegistry,
} from "../../sdk/src/contracts/connectors";
import { requestData } from "../../sdk/src/da/requests";
import { parseDeployment, type Deployment } from "../../sdk/src/deployments";
import { withdrawETH } from "../../sdk/src/bridge/writer";
import { l2Key } from "../../sdk/src/node";
import { startStatusServer, type StatusServer } from "../../scripts/devnet/status/server";
import { freePort, startDevnet, type Devnet } from "../package/devnet";
import { devnetProvider, operate, type Operators } from "../package/operators";

import { checkStatusPage, STATUS_SCREENSHOT } from "./status-page";

const ROOT = path.join(__dirname, "..", "..");
const HARDHAT = require.resolve("hardhat/internal/cli/cli.js");
/** Each sequencer's stake (the deploy config's minStake). */
const STAKE = parseEther("20000");

/** `hardhat run scripts/deploy.ts --network localhost` against the devnet, writing into `directory`. */
function deploy(devnet: Devnet, directory: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [HARDHAT, "run", "--no-compile", "scripts/deploy.ts", "--network", "localhost"],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          METIS_L2: "",
          METIS_L1_RPC_URL: devnet.l1.url,
          METIS_L2_RPC_URL: devnet.l2.url,
          METIS_DEPLOYMENTS_DIR: directory,
          HARDHAT_DISABLE_TELEMETRY_PROMPT: "true",
        },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`deploy failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve(),
    );
  });
}

/** A stand-in agent health endpoint on a free port. */
async function fakeHealth(body: object): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    if (request.url === "/health") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
      return;
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

/**
 * A JSON-RPC forward to `target` that lies about L2 block headers: every block's stateRoot in
 * `eth_getBlockByNumber` answers is replaced (hashes left as they are), as a compromised RPC might.
 */
async function lyingL2(target: string): Promise<{ url: string; server: Server }> {
  type Call = { readonly id: unknown; readonly method: string };
  type Answer = { readonly id: unknown; readonly result?: unknown };
  const lie = (result: unknown) =>
    result !== null && typeof result === "object" && "stateRoot" in result
      ? { ...result, stateRoot: `0x${"11".repeat(32)}` }
      : result;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      const calls = JSON.parse(body) as Call | Call[];
      const methods = new Map((Array.isArray(calls) ? calls : [calls]).map((c) => [JSON.stringify(c.id), c.method]));
      const rewrite = (one: Answer) =>
        methods.get(JSON.stringify(one.id)) === "eth_getBlockByNumber" ? { ...one, result: lie(one.result) } : one;
      fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body })
        .then(async (upstream) => {
          const answer = (await upstream.json()) as Answer | Answer[];
          response.writeHead(200, { "content-type": "application/json" });
          response.end(JSON.stringify(Array.isArray(answer) ? answer.map(rewrite) : rewrite(answer)));
        })
        .catch(() => {
          response.writeHead(502);
          response.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe("devnet: the status page", function () {
  this.timeout(240_000);
  let devnet: Devnet | undefined;
  let operators: Operators | undefined;
  let directory: string | undefined;
  let deployment: Deployment;
  let status: StatusServer | undefined;
  let health: Server | undefined;
  /** Two withdrawals in batch #1: the first is finalized from the page through a wallet, the second is left ready. */
  let withdrawalTx: string;
  let withdrawalHash: string;
  let readyTx: string;
  let readyHash: string;
  const recipient = Wallet.createRandom().address;
  /** A sequencer that staked and left: listed without a seat. */
  let leaver: string;

  before(async function () {
    devnet = await startDevnet();
    directory = mkdtempSync(path.join(tmpdir(), "metis-status-page-"));
    await deploy(devnet, directory);
    const file = path.join(directory, "localhost.json");
    deployment = parseDeployment(JSON.parse(readFileSync(file, "utf8")));
    operators = await operate(devnet, deployment);
    const l2 = operators.l2;

    // A withdrawal on L2, then three batches over it (an L2 transfer before each makes the next block).
    const user = new Wallet(l2Key(9).privateKey, l2);
    const withdrawal = await withdrawETH(
      connectL2Bridge(deployment.contracts.l2Bridge, user),
      recipient,
      parseEther("1.5"),
    );
    withdrawalTx = withdrawal.l2TxHash;
    withdrawalHash = withdrawal.hash;
    const ready = await withdrawETH(
      connectL2Bridge(deployment.contracts.l2Bridge, user),
      recipient,
      parseEther("0.25"),
    );
    readyTx = ready.l2TxHash;
    readyHash = ready.hash;
    for (let i = 0; i < 3; i++) {
      if (i > 0) await (await user.sendTransaction({ to: recipient, value: 1n })).wait();
      await operators.propose();
    }
    // Those three final, and one more batch still in its fraud window, with a DA request open against it.
    await operators.passFraudWindow();
    await (await user.sendTransaction({ to: recipient, value: 1n })).wait();
    await operators.propose();
    await requestData(
      connectDARequestManager(deployment.contracts.daRequestManager, await operators.l1.getSigner(1)),
      4n,
    );
    // A fifth sequencer stakes (waiting for an epoch) and leaves again at once: no seat, still in the registry.
    const deployer = await operators.l1.getSigner(0);
    const fifth = Wallet.createRandom(operators.l1);
    leaver = fifth.address.toLowerCase();
    await operators.l1.send("hardhat_setBalance", [fifth.address, "0x56BC75E2D63100000"]);
    await (await connectMetisToken(deployment.contracts.token, deployer).transfer(fifth.address, STAKE)).wait();
    await (
      await connectMetisToken(deployment.contracts.token, fifth).approve(deployment.contracts.registry, STAKE)
    ).wait();
    const registry = connectSequencerRegistry(deployment.contracts.registry, fifth);
    await (await registry.stake(STAKE, fifth.address)).wait();
    await (await registry.requestExit()).wait();

    const agent = await fakeHealth({
      status: "ok",
      role: "sequencer",
      name: "sequencer-1",
      l1Block: 7,
      scheduled: true,
    });
    health = agent.server;
    status = await startStatusServer({
      l1Url: devnet.l1.url,
      l2Url: devnet.l2.url,
      deployment: file,
      agents: [
        { name: "sequencer-1", url: agent.url },
        { name: "verifier", url: `http://127.0.0.1:${await freePort()}` },
      ],
    });
  });

  after(async function () {
    await status?.close();
    await new Promise((resolve) => (health ? health.close(resolve) : resolve(undefined)));
    operators?.close();
    devnet?.stop();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it("serves the page, its bundle and the deployment, forwards JSON-RPC to L1 and L2, and 404s the rest", async function () {
    const url = status!.url;
    expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    const html = await fetch(url);
    expect(html.status).to.equal(200);
    expect(await html.text()).to.include('data-testid="batches"');
    const script = await fetch(`${url}/status.js`);
    expect(script.headers.get("content-type")).to.match(/javascript/);
    expect((await script.text()).length).to.be.greaterThan(10_000);
    expect(await (await fetch(`${url}/deployment.json`)).json()).to.deep.equal(JSON.parse(JSON.stringify(deployment)));
    const chainId = async (route: string) => {
      const response = await fetch(`${url}${route}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      return Number(((await response.json()) as { result: string }).result);
    };
    expect(await chainId("/l1")).to.equal(deployment.l1ChainId);
    expect(await chainId("/l2")).to.equal(deployment.l2ChainId);
    expect(await (await fetch(`${url}/agents.json`)).json()).to.deep.equal([
      { name: "sequencer-1" },
      { name: "verifier" },
    ]);
    expect(((await (await fetch(`${url}/agents/sequencer-1/health`)).json()) as { status: string }).status).to.equal(
      "ok",
    );
    expect((await fetch(`${url}/agents/verifier/health`)).status).to.equal(502);
    expect((await fetch(`${url}/agents/nobody/health`)).status).to.equal(404);
    expect((await fetch(`${url}/nothing`)).status).to.equal(404);
    expect((await fetch(`${url}/l1`)).status).to.equal(404);
  });

  it("serves a deployment file as it is now: 503 until it exists", async function () {
    const file = path.join(directory!, "later.json");
    const server = await startStatusServer({ l1Url: devnet!.l1.url, l2Url: devnet!.l2.url, deployment: file });
    try {
      const before = await fetch(`${server.url}/deployment.json`);
      expect(before.status).to.equal(503);
      expect(((await before.json()) as { error: string }).error).to.include("ENOENT");
      writeFileSync(file, JSON.stringify(deployment));
      expect(await (await fetch(`${server.url}/deployment.json`)).json()).to.deep.equal(
        JSON.parse(JSON.stringify(deployment)),
      );
    } finally {
      await server.close();
    }
  });

  it("lists exactly L1's batches, its scheduled proposer and its sequencers, and tracks a withdrawal from proof to payout in the browser", async function () {
    const { l1 } = operators!;
    const batchChain = operators!.contracts.batchChain;
    const registry = connectSequencerRegistry(deployment.contracts.registry, l1);
    const bridge = connectL1Bridge(deployment.contracts.l1Bridge, l1);
    const before = await l1.getBalance(recipient);

    const read = await checkStatusPage(status!.url, {
      minBatches: 4,
      withdrawal: { l2TxHash: withdrawalTx, finalize: true },
    });
    expect(read.pageErrors).to.deep.equal([]);
    expect(read.sectionErrors).to.deep.equal({});

    // The table is BatchChain at the block the page read: every index, hash, status and block range.
    const at = { blockTag: read.batchesAtBlock };
    const count = await batchChain.batchCount(at);
    expect(count).to.equal(5n);
    expect(read.batches.map((row) => row.index)).to.deep.equal([4n, 3n, 2n, 1n, 0n]);
    for (const row of read.batches) {
      const [hash, code] = await batchChain.headerStatus(row.index, at);
      const [, , lastBlock] = await batchChain.batchInfo(row.index, at);
      expect(row.hash).to.equal(hash.toLowerCase());
      expect(row.status).to.equal(BATCH_STATUSES[Number(code)]);
      expect(row.lastBlock).to.equal(lastBlock);
      if (row.index > 0n) {
        const [, , previousLast] = await batchChain.batchInfo(row.index - 1n, at);
        expect(row.firstBlock).to.equal(previousLast + 1n);
      }
    }
    expect(read.batches.map((row) => row.status)).to.deep.equal([
      "Insecure",
      "Finalized",
      "Finalized",
      "Finalized",
      "Finalized",
    ]);
    // About the whole fraud-proof window left (the devnet's: an hour), and held by the open DA request.
    expect(await batchChain.fraudProofWindow(at)).to.equal(3600n);
    expect(read.batches[0]!.finalIn).to.match(/^(59m \d+s|1h 0m) \(held: insecure\)$/);

    // The proposer is the one SequencerRegistry schedules for the next batch now.
    const [, , , lastAcceptedAt] = await batchChain.tip(at);
    const [scheduled] = await registry.scheduledProposer(count, lastAcceptedAt, at);
    expect(read.proposer.address.toLowerCase()).to.equal(scheduled.toLowerCase());
    expect(read.proposer.nextBatch).to.equal(`#${count}`);
    expect(read.sequencers.map((row) => row.signer)).to.include(scheduled.toLowerCase());

    // Sequencers: the four seated ones, then the one that left (no seat), each with its stake and status.
    const seats = (await registry.sequencers(at)).map((a) => a.toLowerCase());
    expect(seats).to.have.length(4);
    expect(read.sequencers.map((row) => row.address)).to.deep.equal([...seats, leaver]);
    for (const row of read.sequencers) {
      const info = await registry.sequencerInfo(row.address, at);
      expect(row.stake).to.equal(info.stake);
      expect(row.stake).to.equal(STAKE);
      expect(row.status).to.equal(SEQUENCER_STATUSES[Number(await registry.sequencerStatus(row.address, at))]);
      expect(row.jailed).to.equal(false);
    }
    expect(read.sequencers.map((row) => row.status)).to.deep.equal(["Active", "Active", "Active", "Active", "Left"]);
    // The DA request against batch #4, open, with its deadline from DARequestManager.
    const daRequestManager = connectDARequestManager(deployment.contracts.daRequestManager, l1);
    const headerHash = (await batchChain.headerHash(4n, at)).toLowerCase();
    const request = await daRequestManager.request(headerHash);
    expect(read.daRequests.map(({ clock: _, ...row }) => row)).to.deep.equal([
      { batchIndex: 4n, headerHash, status: "Open", deadline: request.deadline },
    ]);
    // The devnet's DA window: an hour.
    expect(read.daRequests[0]!.clock).to.match(/^deadline in (59m \d+s|1h 0m)$/);
    expect(read.disputes).to.deep.equal([]);
    expect(read.agents).to.deep.equal([
      { name: "sequencer-1", status: "ok" },
      { name: "verifier", status: "unreachable" },
    ]);

    // The tracker: found, committed and final, proof built and verified here, then finalized through the wallet.
    const steps = read.withdrawal!.steps;
    const state = (name: string) => steps.find((step) => step.step === name)?.state;
    expect(state("withdrawal")).to.equal("ok");
    expect(state("proof")).to.equal("ok");
    expect(state("l1-header")).to.equal("ok");
    expect(state("verify")).to.equal("ok");
    expect(state("finalize")).to.equal("ok");
    expect(steps.find((step) => step.step === "l1-header")!.text).to.include(
      (await batchChain.headerHash(1n)).toLowerCase(),
    );
    expect(read.withdrawal!.status).to.equal("Finalized");
    expect(WITHDRAWAL_STATUSES[Number(await bridge.withdrawalStatus(withdrawalHash))]).to.equal("Finalized");
    expect((await l1.getBalance(recipient)) - before).to.equal(parseEther("1.5"));
    expect(read.screenshot).to.equal(STATUS_SCREENSHOT);
    expect(readFileSync(STATUS_SCREENSHOT).subarray(1, 4).toString()).to.equal("PNG");
  });

  it("shows a read that fails in its section and keeps drawing the others (L2 unreachable)", async function () {
    const broken = await startStatusServer({
      l1Url: devnet!.l1.url,
      l2Url: `http://127.0.0.1:${await freePort()}`,
      deployment,
    });
    try {
      const read = await checkStatusPage(broken.url, { minBatches: 4, screenshot: false, timeoutMs: 30_000 });
      expect(read.batches.filter((row) => row.index > 0n)).to.have.length(4);
      expect(Object.keys(read.sectionErrors).sort()).to.deep.equal(["l2", "withdrawals"]);
      expect(read.sectionErrors.l2).to.match(/502|127\.0\.0\.1/);
    } finally {
      await broken.close();
    }
  });

  it("without a wallet, enables Finalize for a verified withdrawal of a final batch and says how to finalize it", async function () {
    const read = await checkStatusPage(status!.url, {
      screenshot: false,
      withdrawal: { l2TxHash: readyTx, ready: true },
    });
    expect(read.withdrawal!.steps.find((step) => step.step === "verify")?.state).to.equal("ok");
    expect(read.withdrawal!.status).to.equal("ReadyToFinalize");
    expect(read.withdrawal!.finalizeEnabled).to.equal(true);
    expect(read.withdrawal!.hint).to.equal(
      `no wallet in this browser: npx hardhat metis:finalize --id ${readyHash} --network localhost`,
    );
  });

  it("still builds and verifies a paid withdrawal's proof, and offers no Finalize for it", async function () {
    // The first test paid `withdrawalTx` from the page; a new page tracking it checks its proof and stops there.
    const batchChain = operators!.contracts.batchChain;
    const bridge = connectL1Bridge(deployment.contracts.l1Bridge, operators!.l1);
    expect(WITHDRAWAL_STATUSES[Number(await bridge.withdrawalStatus(withdrawalHash))]).to.equal("Finalized");
    const read = await checkStatusPage(status!.url, {
      screenshot: false,
      withdrawal: { l2TxHash: withdrawalTx },
    });
    const steps = read.withdrawal!.steps;
    expect(steps.map((step) => [step.step, step.state])).to.deep.equal([
      ["withdrawal", "ok"],
      ["status", "ok"],
      ["proof", "ok"],
      ["l1-header", "ok"],
      ["verify", "ok"],
    ]);
    expect(steps.find((step) => step.step === "l1-header")!.text).to.include(
      (await batchChain.headerHash(1n)).toLowerCase(),
    );
    expect(read.withdrawal!.status).to.equal("Finalized");
    expect(read.withdrawal!.finalizeEnabled).to.equal(false);
    expect(read.withdrawal!.hint).to.equal("already paid on L1");
  });

  it("does not offer Finalize when the L2 it reads does not rebuild the batch (a lying L2 RPC)", async function () {
    const lying = await lyingL2(devnet!.l2.url);
    const server = await startStatusServer({ l1Url: devnet!.l1.url, l2Url: lying.url, deployment });
    try {
      const read = await checkStatusPage(server.url, {
        screenshot: false,
        withdrawal: { l2TxHash: readyTx, expectFailure: true },
      });
      const proof = read.withdrawal!.steps.find((step) => step.step === "proof");
      expect(proof?.state).to.equal("failed");
      expect(proof?.text).to.match(/^proof: ProofBuildError: .*do not rebuild batch 1's stateBatchRoot/);
      expect(read.withdrawal!.steps.map((step) => step.step)).to.not.include("verify");
      expect(read.withdrawal!.finalizeEnabled).to.equal(false);
    } finally {
      await server.close();
      await new Promise((resolve) => lying.server.close(resolve));
    }
  });

  it("says what is wrong with a transaction that initiated no withdrawal", async function () {
    const l2 = devnetProvider(devnet!.l2.url);
    try {
      const user = new Wallet(l2Key(9).privateKey, l2);
      const transfer = await (await user.sendTransaction({ to: recipient, value: 1n })).wait();
      const read = await checkStatusPage(status!.url, {
        screenshot: false,
        withdrawal: { l2TxHash: transfer!.hash, expectFailure: true },
      });
      const step = read.withdrawal!.steps.find((s) => s.step === "withdrawal");
      expect(step?.state).to.equal("failed");
      expect(step?.text).to.include("NoWithdrawalInTransactionError");
      expect(read.withdrawal!.finalizeEnabled).to.equal(false);
    } finally {
      l2.destroy();
    }
  });
});
