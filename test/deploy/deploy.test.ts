/**
 * The deploy script and the Hardhat tasks against real `hardhat node` processes: an L1 and a METIS_L2=1 L2 on free
 * loopback ports, as `npm run devnet:l1` and `npm run devnet:l2` serve them. The localhost network is pointed at them
 * with METIS_L1_RPC_URL / METIS_L2_RPC_URL, and the deployment file goes to a temporary directory
 * (METIS_DEPLOYMENTS_DIR), so the committed deployments/localhost.json is untouched. Both nodes are stopped in
 * `after`, also when a test fails.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { JsonRpcProvider, parseEther } from "ethers";

import { DEPLOYMENT_CONTRACTS, parseDeployment, type Deployment } from "../../sdk/src/deployments";
import { readParameters } from "../../sdk/src/governance/parameters";
import { checkWiring, connectDeployment } from "../../sdk/src/hardhat/deploy";

const ROOT = path.join(__dirname, "..", "..");
const HARDHAT = path.join(ROOT, "node_modules", "hardhat", "internal", "cli", "cli.js");
/** The L1 node's first account: the deployer. */
const DEPLOYER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

/** A free TCP port on loopback. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `hardhat node` on `port` and resolves once it serves JSON-RPC. */
async function startNode(port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const node = spawn(process.execPath, [HARDHAT, "node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`hardhat node did not start:\n${output}`)), 90_000);
    node.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    node.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Started HTTP and WebSocket JSON-RPC server")) {
        clearTimeout(timer);
        resolve();
      }
    });
    node.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`hardhat node exited with ${code}:\n${output}`));
    });
  });
  return node;
}

/** Stops `node` and waits until it has exited. */
async function stop(node: ChildProcess | undefined): Promise<void> {
  if (!node || node.exitCode !== null || node.signalCode !== null) return;
  const exited = new Promise((resolve) => node.once("exit", resolve));
  node.kill("SIGTERM");
  await exited;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe("scripts/deploy.ts and the metis:* tasks on hardhat nodes", function () {
  this.timeout(180_000);
  const nodes: ChildProcess[] = [];
  let l1: JsonRpcProvider;
  let l2: JsonRpcProvider;
  let env: NodeJS.ProcessEnv;
  let directory: string;
  let file: string;

  /** `hardhat <args>` on the localhost network pointed at the test's nodes. */
  function hardhat(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [HARDHAT, ...args, "--network", extraEnv.METIS_NETWORK ?? "localhost"],
        { cwd: ROOT, env: { ...env, ...extraEnv }, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  const deploy = (extraEnv: NodeJS.ProcessEnv = {}) => hardhat(["run", "--no-compile", "scripts/deploy.ts"], extraEnv);
  const task = (name: string, ...args: string[]) => hardhat([name, "--deployment", file, ...args]);
  const written = (): Deployment => parseDeployment(JSON.parse(readFileSync(file, "utf8")));

  before(async function () {
    const [l1Port, l2Port] = [await freePort(), await freePort()];
    // Started one by one and pushed at once, so that `after` stops whatever did start.
    const starting = [startNode(l1Port, { METIS_L2: "" }), startNode(l2Port, { METIS_L2: "1" })];
    for (const node of starting) node.then((n) => nodes.push(n)).catch(() => undefined);
    await Promise.all(starting);
    l1 = new JsonRpcProvider(`http://127.0.0.1:${l1Port}`, undefined, { staticNetwork: true, cacheTimeout: -1 });
    l2 = new JsonRpcProvider(`http://127.0.0.1:${l2Port}`, undefined, { staticNetwork: true, cacheTimeout: -1 });
    directory = mkdtempSync(path.join(tmpdir(), "metis-deploy-"));
    file = path.join(directory, "localhost.json");
    env = {
      ...process.env,
      METIS_L2: "",
      METIS_L1_RPC_URL: `http://127.0.0.1:${l1Port}`,
      METIS_L2_RPC_URL: `http://127.0.0.1:${l2Port}`,
      METIS_DEPLOYMENTS_DIR: directory,
    };
  });

  after(async function () {
    l1?.destroy();
    l2?.destroy();
    await Promise.all(nodes.map((node) => stop(node)));
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it("deploys every contract, hands every role to the timelock and records the parameters read back", async function () {
    const run = await deploy();
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.match(/deployed with \d+ L1 transactions/);
    const deployment = written();
    expect(deployment.network).to.equal("localhost");
    expect(deployment.l1ChainId).to.equal(31337);
    expect(deployment.l2ChainId).to.equal(41088);
    expect(deployment.deploymentBlock).to.equal(1);
    expect(deployment.version).to.equal(
      (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version,
    );
    for (const name of DEPLOYMENT_CONTRACTS) {
      const chain = name === "l2Bridge" || name === "feeVault" ? l2 : l1;
      expect(await chain.getCode(deployment.contracts[name]), name).to.not.equal("0x");
    }
    // Every role where the deploy leaves it, none with the deployer; spelled out for the timelock's admin role too.
    await checkWiring(deployment.contracts, DEPLOYER, l1);
    const c = connectDeployment(deployment.contracts, l1);
    expect(await c.batchChain.hasRole(await c.batchChain.DEFAULT_ADMIN_ROLE(), deployment.contracts.timelock)).to.be
      .true;
    expect(await c.batchChain.hasRole(await c.batchChain.WIRING_ROLE(), DEPLOYER)).to.be.false;
    // The parameters as read back: the config's (deploy/networks/localhost.ts) and the defaults.
    const values = await readParameters(c);
    expect(deployment.parameters).to.deep.equal(
      Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value.toString()])),
    );
    expect(deployment.parameters.minMembers).to.equal("1");
    expect(deployment.parameters.minEpochStake).to.equal(parseEther("20000").toString());
    expect(await c.batchChain.guardian()).to.equal("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    // The addresses are those of the committed devnet deployment: fresh nodes, the same deployer and nonces.
    const committed = parseDeployment(
      JSON.parse(readFileSync(path.join(ROOT, "deployments", "localhost.json"), "utf8")),
    );
    expect(deployment.contracts).to.deep.equal(committed.contracts);
    // known.ts of that directory lists it.
    expect(readFileSync(path.join(directory, "known.ts"), "utf8")).to.include(deployment.contracts.batchChain);
  });

  it("deploys nothing on a rerun, refuses a stopped run and a public net without its env, and metis:status reads it", async function () {
    // Four processes at once: none of them sends an L1 transaction.
    const before = readFileSync(file, "utf8");
    const nonce = await l1.getTransactionCount(DEPLOYER);
    const l2Block = await l2.getBlockNumber();
    const other = mkdtempSync(path.join(tmpdir(), "metis-partial-"));
    try {
      // A run by the deployer from nonce 0 that never wrote its deployment file (its contracts exist: the first run's).
      writeFileSync(
        path.join(other, "localhost.pending.json"),
        JSON.stringify({ deployer: DEPLOYER, nonce: 0, l1ChainId: 31337 }),
      );
      const [rerun, partial, status, sepolia] = await Promise.all([
        deploy(),
        deploy({ METIS_DEPLOYMENTS_DIR: other }),
        task("metis:status"),
        deploy({ METIS_NETWORK: "sepolia", SEPOLIA_RPC_URL: "", DEPLOYER_PRIVATE_KEY: "" }),
      ]);

      expect(rerun.code, rerun.stderr).to.equal(0);
      expect(rerun.stdout).to.include("nothing to deploy");
      expect(readFileSync(file, "utf8")).to.equal(before);

      expect(partial.code).to.equal(1);
      expect(partial.stderr).to.match(/^PartialDeploymentError: an earlier deployment to localhost did not finish/m);
      expect(partial.stderr).to.include(`delete ${path.join(other, "localhost.pending.json")} and rerun`);

      expect(sepolia.code).to.equal(1);
      expect(sepolia.stderr.trim()).to.equal(
        "MissingEnvironmentVariableError: environment variable SEPOLIA_RPC_URL is not set (the Sepolia L1 JSON-RPC URL)",
      );

      expect(status.code, status.stderr).to.equal(0);
      expect(status.stdout).to.include("Metis localhost: L1 chain 31337");
      expect(status.stdout).to.include("Not paused");
      expect(status.stdout).to.match(/Batches: 1 \(showing 0\.\.0\)\n {2}#0 Finalized \(genesis\)/);
      expect(status.stdout).to.include("Sequencers: 0");
      expect(status.stdout).to.include("Next proposer: none");
      expect(status.stdout).to.include("Open disputes: 0");
      expect(status.stdout).to.include("Open DA requests: 0");

      expect(await l1.getTransactionCount(DEPLOYER)).to.equal(nonce);
      expect(await l2.getBlockNumber()).to.equal(l2Block);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("metis:stake and metis:deposit send; bad input and reverts print the typed error by name, exit 1, send nothing", async function () {
    const deployment = written();
    const registry = connectDeployment(deployment.contracts, l1).registry;
    const [staked, deposited, badAmount, belowMinimum, badRecipient] = await Promise.all([
      task("metis:stake", "--amount", "20000"),
      task("metis:deposit", "--amount", "1.5", "--to", "0x000000000000000000000000000000000000dEaD"),
      task("metis:deposit", "--amount", "abc"),
      task("metis:stake", "--amount", "1", "--account", "1"),
      task("metis:deposit", "--amount", "1", "--to", "0x1234"),
    ]);
    expect(staked.code, staked.stderr).to.equal(0);
    expect(staked.stdout).to.match(/staked in L1 block \d+: 20000\.0 METIS in total/);
    expect((await registry.sequencerInfo(DEPLOYER)).stake).to.equal(parseEther("20000"));

    expect(badAmount.code).to.equal(1);
    expect(badAmount.stderr.trim()).to.equal("InvalidTaskArgumentError: invalid --amount: abc is not a decimal amount");
    expect(badRecipient.code).to.equal(1);
    expect(badRecipient.stderr.trim()).to.equal("InvalidTaskArgumentError: invalid --to: 0x1234 is not an address");
    expect(belowMinimum.code).to.equal(1);
    expect(belowMinimum.stderr.trim()).to.equal(
      "ContractRevertError: SequencerRegistry reverted with SequencerRegistryStakeOutOfRange(" +
        `amount=${parseEther("1")}, min=${parseEther("20000")}, max=${parseEther("100000")})`,
    );
    expect((await registry.sequencerInfo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")).stake).to.equal(0n);
    // One deposit: none from the failed ones.
    expect(deposited.code, deposited.stderr).to.equal(0);
    expect(deposited.stdout).to.match(/queued deposit #0 in L1 block \d+/);
    const bridge = connectDeployment(deployment.contracts, l1).l1Bridge;
    expect(await bridge.depositCount()).to.equal(1n);
  });
});
