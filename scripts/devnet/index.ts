/**
 * `npm run devnet`: the whole rollup on this machine (see scripts/devnet/devnet.ts): an L1 on 8545 mining a block
 * every 2 s, the L2 behind its public RPC on 9545, Memo on 9000, the deployment (written to
 * deployments/localhost.json), four sequencer agents and a verifier agent, a load generator and the status page on
 * 8080. Prints the addresses, the devnet's keys (public: Hardhat's test mnemonic) and the URLs, then every service's
 * output prefixed with its name, until Ctrl-C, which stops everything and exits 0. It refuses to start when one of its
 * ports is taken.
 *
 *   npm run devnet [-- --no-load] [--dir <dir>] [--deployments <dir>] [--fault <name> [arg]]
 *
 * `--dir` moves the state (default .devnet), `--deployments` the deployment file (default the repository's
 * deployments/, which a fresh devnet rewrites as committed: the same addresses and parameters).
 * `--fault` injects one fault once batches flow: `stop-sequencer N`, `stop-memo`, `stop-l2-rpc`, `forge-batch`,
 * `silent-da` (scripts/devnet/faults.ts says what each does).
 */
import path from "node:path";

import { BatchChain__factory } from "../../sdk/src/contracts";

import { FIXED_PORTS, portList, portTaken, prefixedPrinter, SEQUENCERS, startDevnet, type Devnet } from "./devnet";
import { FAULTS, type FaultName } from "./faults";

interface Args {
  readonly load: boolean;
  readonly dir?: string;
  readonly deployments?: string;
  readonly fault?: { readonly name: FaultName; readonly arg?: string };
}

function parseArgs(argv: readonly string[]): Args {
  let load = true;
  let dir: string | undefined;
  let deployments: string | undefined;
  let fault: Args["fault"];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--no-load") load = false;
    else if (arg === "--dir") dir = argv[++i];
    else if (arg === "--deployments") deployments = argv[++i];
    else if (arg === "--fault") {
      const name = argv[++i] as FaultName;
      if (!FAULTS.includes(name)) throw new Error(`--fault needs one of ${FAULTS.join(", ")}`);
      const next = argv[i + 1];
      fault = next !== undefined && !next.startsWith("--") ? { name, arg: argv[++i] } : { name };
    } else
      throw new Error(`unknown argument ${arg} (--no-load, --dir <dir>, --deployments <dir>, --fault <name> [arg])`);
  }
  return {
    load,
    ...(dir === undefined ? {} : { dir }),
    ...(deployments === undefined ? {} : { deployments }),
    ...(fault === undefined ? {} : { fault }),
  };
}

function summary(devnet: Devnet): string {
  const { deployment, accounts, urls } = devnet;
  const lines = [
    "",
    "Metis devnet",
    `  L1 JSON-RPC       ${urls.l1}   (chain ${deployment.l1ChainId}, a block every 2 s)`,
    `  L2 JSON-RPC       ${urls.l2}   (chain ${deployment.l2ChainId}; the L2 node itself: ${urls.l2Node})`,
    `  Memo (S3)         ${urls.memo}/memo   (any credentials, path-style)`,
    `  Status page       ${urls.status ?? "(not running: scripts/devnet/status/server.ts is missing)"}`,
    `  Deployment        ${path.relative(process.cwd(), devnet.deploymentFile)}`,
    "",
    "Contracts",
    ...Object.entries(deployment.contracts).map(([name, address]) => `  ${name.padEnd(18)}${address}`),
    "",
    "Keys (DEVNET ONLY: Hardhat's public test mnemonic; never use them anywhere else)",
    `  deployer          ${accounts.deployer.address}  ${accounts.deployer.privateKey}`,
    ...accounts.sequencers.flatMap((s, i) => [
      `  ${s.name.padEnd(18)}${s.signer.address}  ${s.signer.privateKey}`,
      `    peer ${urls.peers[SEQUENCERS[i]!]}, health ${urls.health[SEQUENCERS[i]!]}`,
    ]),
    `  verifier          ${accounts.verifier.address}  ${accounts.verifier.privateKey}`,
    `    health ${urls.health.verifier}`,
    ...accounts.l1Users.map((u, i) => `  L1 user ${i + 1}         ${u.address}  ${u.privateKey}`),
    ...accounts.l2Users.slice(0, 3).map((u, i) => `  L2 user ${i + 1}         ${u.address}  ${u.privateKey}`),
    "",
    `Processes: ${devnet.services.map((name) => `${name}=${devnet.pid(name) ?? "-"}`).join(" ")}`,
    `State in ${devnet.dir}; Ctrl-C stops everything.`,
    "",
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const taken: string[] = [];
  for (const { name, port } of portList(FIXED_PORTS)) if (await portTaken(port)) taken.push(`${port} (${name})`);
  if (taken.length > 0) {
    console.error(
      `npm run devnet: port${taken.length > 1 ? "s" : ""} ${taken.join(", ")} ${taken.length > 1 ? "are" : "is"} ` +
        `taken on 127.0.0.1. Stop what listens there (another devnet, \`npm run devnet:l1\`?) and try again.`,
    );
    process.exitCode = 1;
    return;
  }
  console.log("starting the devnet (the chains, Memo, the deployment, the agents)...");
  let stopping = false;
  const started: { devnet?: Devnet } = {};
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping every service...`);
    void (started.devnet?.close() ?? Promise.resolve()).then(() => {
      console.log("devnet stopped");
      process.exit(0);
    });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  const devnet = await startDevnet({
    ports: "fixed",
    ...(args.dir === undefined ? {} : { dir: args.dir }),
    ...(args.deployments === undefined ? {} : { deploymentsDir: args.deployments }),
    load: args.load ? {} : false,
    print: prefixedPrinter(),
    signals: false,
  });
  started.devnet = devnet;
  if (stopping) {
    await devnet.close();
    return;
  }
  console.log(summary(devnet));
  if (args.fault) {
    const { name, arg } = args.fault;
    const running = devnet;
    await running.waitFor(() => batchesFlow(running), {
      timeoutMs: 600_000,
      what: "the first batches",
      pollMs: 2_000,
    });
    console.log(`[fault] injecting ${name}${arg === undefined ? "" : ` ${arg}`}`);
    const result = await running.fault(name, arg);
    console.log(`[fault] ${JSON.stringify(result, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`);
  }
}

/** Whether two batches past genesis are on L1. */
async function batchesFlow(devnet: Devnet): Promise<boolean> {
  const batchChain = BatchChain__factory.connect(devnet.deployment.contracts.batchChain, devnet.l1);
  return (await batchChain.batchCount()) > 2n;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
