/**
 * `startDevnet(options)`: the whole rollup as separate processes on 127.0.0.1, each a named service whose output is
 * prefixed (`[sequencer-2] ...`) and kept for {@link Devnet.logs}:
 *
 *   l1           `hardhat node` (a block per transaction while the devnet is set up, then a block every 2 s)
 *   l2           the L2 node, `METIS_L2=1 hardhat node` (the sequencers' own node)
 *   l2-rpc       the public L2 RPC: a forwarding JSON-RPC gateway in front of `l2` (scripts/devnet/gateway.ts)
 *   memo         Memo, the DA store: s3rver with one bucket, its objects in `<dir>/memo` (scripts/devnet/memo.ts)
 *   sequencer-1..4, verifier   the agents (`metis-agent sequencer|verifier --config <dir>/<name>.json`)
 *   load         the load generator (scripts/devnet/load.ts), its ledger in `<dir>/load/ledger.jsonl`
 *   status       the status page (scripts/devnet/status/server.ts, lane C's) through scripts/devnet/status-service.ts
 *
 * Between the chains and the agents it deploys (`hardhat run scripts/deploy.ts --network localhost`, which writes
 * `<deploymentsDir>/localhost.json`), stakes four sequencers equally, adds their relayers on L2, starts the epoch and
 * funds the verifier and the load users (scripts/devnet/setup.ts). The parameters are deploy/networks/localhost.ts's
 * (a 15 s rotation timeout, the shortest windows the contracts allow).
 *
 * Options (stable; the bench and the tests use them):
 *   ports           "fixed" (default: 8545, 9545, 9645, 9000, 7101-7104, 7201-7204, 7301, 8080), "free" (tests), or
 *                   any of them given
 *   dir             the state directory (default `.devnet`): emptied at start (it must be empty, missing, or an
 *                   earlier devnet's, marked by a `.metis-devnet` file), then configs, agent state, Memo's objects,
 *                   the ledger
 *   deploymentsDir  where the deployment file goes (default: the repository's deployments/ with fixed ports, else
 *                   `<dir>/deployments`)
 *   agents          start the agents (default true)
 *   load            false, or the load generator's settings (default {}: see scripts/devnet/load.ts)
 *   status          start the status page (default true, when scripts/devnet/status/server.ts exists)
 *   l1BlockMs       L1 block interval once set up (default 2,000)
 *   print           print every service's lines prefixed to stdout (default false); or a function that gets them
 *   sequencer       extra fields merged into every sequencer agent's config (for example `{ pollMs: 500 }`)
 *   verifier        extra fields merged into the verifier agent's config
 *   signals         close on SIGINT/SIGTERM of this process, then exit (default true)
 *
 * The handle: `urls`, `ports`, `deployment`, `accounts` (devnet-only keys), `dir`, `stop(service)`, `start(service)`
 * (a restart with the same state), `fault(name, arg?)` (scripts/devnet/faults.ts), `health(service)` (an agent's
 * GET /health), `logs(service)` / `events(service)` (its lines / its JSON log lines parsed), `waitFor(predicate,
 * { timeoutMs, what })`, `close()` (SIGTERM to every child, then SIGKILL to stragglers). Every child is killed when
 * this process exits, whatever the reason.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

import { JsonRpcProvider } from "ethers";

import { parseDeployment } from "../../sdk/src/deployments";
import type { Deployment } from "../../sdk/src/deployments/types";

import { devnetAccounts, type DevnetAccounts } from "./accounts";
import { injectFault, type FaultName, type FaultResult } from "./faults";
import { killAllChildren, Service, type LinePrinter, type ServiceSpec } from "./service";
import { setUpRollup, startIntervalMining } from "./setup";
import type { LoadOptions } from "./load-options";

const ROOT = path.join(__dirname, "..", "..");
const HARDHAT = path.join(path.dirname(require.resolve("hardhat/package.json")), "internal", "cli", "cli.js");
const AGENT_BIN = path.join(ROOT, "sdk", "src", "node", "agents", "bin.ts");
const STATUS_SERVER = path.join(ROOT, "scripts", "devnet", "status", "server.ts");
/** The file that marks a directory as a devnet's (so that it may be emptied). */
const MARKER = ".metis-devnet";
/** Memo's bucket. */
export const MEMO_BUCKET = "memo";
/** S3 credentials every child gets (s3rver accepts any). */
export const MEMO_CREDENTIALS = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" } as const;

export const SEQUENCERS = ["sequencer-1", "sequencer-2", "sequencer-3", "sequencer-4"] as const;
export const AGENTS = [...SEQUENCERS, "verifier"] as const;
export const SERVICES = ["l1", "l2", "l2-rpc", "memo", ...AGENTS, "load", "status"] as const;
export type ServiceName = (typeof SERVICES)[number];
export type AgentName = (typeof AGENTS)[number];

export interface DevnetPorts {
  readonly l1: number;
  /** The public L2 RPC (the gateway). */
  readonly l2Rpc: number;
  /** The L2 node itself (the sequencers'). */
  readonly l2Node: number;
  readonly memo: number;
  /** Sequencer peer (signing) endpoints, sequencer-1 first. */
  readonly peers: readonly number[];
  /** Sequencer health endpoints, sequencer-1 first. */
  readonly sequencerHealth: readonly number[];
  readonly verifierHealth: number;
  readonly status: number;
}

/** `npm run devnet`'s ports. */
export const FIXED_PORTS: DevnetPorts = {
  l1: 8545,
  l2Rpc: 9545,
  l2Node: 9645,
  memo: 9000,
  peers: [7101, 7102, 7103, 7104],
  sequencerHealth: [7201, 7202, 7203, 7204],
  verifierHealth: 7301,
  status: 8080,
};

export interface DevnetUrls {
  readonly l1: string;
  /** The public L2 RPC (the gateway). */
  readonly l2: string;
  /** The L2 node (the sequencers'). */
  readonly l2Node: string;
  readonly memo: string;
  /** The status page (undefined when it does not run). */
  readonly status?: string;
  /** Each agent's health endpoint (`GET <url>`). */
  readonly health: Readonly<Record<AgentName, string>>;
  /** Each sequencer's peer (signing) endpoint. */
  readonly peers: Readonly<Record<(typeof SEQUENCERS)[number], string>>;
}

export interface StartDevnetOptions {
  readonly ports?: "fixed" | "free" | Partial<DevnetPorts>;
  readonly dir?: string;
  readonly deploymentsDir?: string;
  readonly agents?: boolean;
  readonly load?: false | LoadOptions;
  readonly status?: boolean;
  readonly l1BlockMs?: number;
  readonly print?: boolean | LinePrinter;
  readonly sequencer?: Readonly<Record<string, unknown>>;
  readonly verifier?: Readonly<Record<string, unknown>>;
  readonly signals?: boolean;
}

/** One parsed JSON log line of an agent (see sdk/src/node/agents/log.ts). */
export interface AgentLogEvent {
  readonly time: string;
  readonly level: string;
  readonly agent: string;
  readonly event: string;
  readonly [field: string]: unknown;
}

export interface WaitOptions {
  readonly timeoutMs: number;
  /** What is waited for, for the timeout's message. */
  readonly what: string;
  /** Polling interval (default 500 ms). */
  readonly pollMs?: number;
}

export interface Devnet {
  readonly dir: string;
  readonly ports: DevnetPorts;
  readonly urls: DevnetUrls;
  readonly deployment: Deployment;
  readonly deploymentFile: string;
  /** DEVNET ONLY: public keys of Hardhat's test mnemonic. */
  readonly accounts: DevnetAccounts;
  /** The services started (the agents, load and status only when enabled). */
  readonly services: readonly ServiceName[];
  /** The L1 and the public L2 RPC, for the caller's reads. */
  readonly l1: JsonRpcProvider;
  readonly l2: JsonRpcProvider;
  /** The load generator's ledger file (JSONL). */
  readonly ledgerFile: string;
  stop(service: ServiceName): Promise<void>;
  start(service: ServiceName): Promise<void>;
  /** Restarts an agent with fields of its config changed (written to its config file), or as it was. */
  restartAgent(agent: AgentName, change?: Readonly<Record<string, unknown>>): Promise<void>;
  running(service: ServiceName): boolean;
  /** Process ids every service ran, for checks that nothing outlives the devnet. */
  pids(): number[];
  /** The running process id of `service` (undefined when it does not run). */
  pid(service: ServiceName): number | undefined;
  fault(name: FaultName, arg?: string): Promise<FaultResult>;
  health(service: AgentName): Promise<Record<string, unknown>>;
  logs(service: ServiceName | "deploy"): readonly string[];
  events(service: AgentName, event?: string): AgentLogEvent[];
  waitFor<T>(predicate: () => T | undefined | false | Promise<T | undefined | false>, options: WaitOptions): Promise<T>;
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port")),
      );
    });
  });
}

/** Whether something listens on `port` of 127.0.0.1 (it cannot be bound). */
export async function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
}

/** Every port of `ports`, named. */
export function portList(ports: DevnetPorts): { readonly name: string; readonly port: number }[] {
  return [
    { name: "L1", port: ports.l1 },
    { name: "L2 RPC", port: ports.l2Rpc },
    { name: "L2 node", port: ports.l2Node },
    { name: "Memo", port: ports.memo },
    ...ports.peers.map((port, i) => ({ name: `sequencer-${i + 1} peer`, port })),
    ...ports.sequencerHealth.map((port, i) => ({ name: `sequencer-${i + 1} health`, port })),
    { name: "verifier health", port: ports.verifierHealth },
    { name: "status page", port: ports.status },
  ];
}

async function resolvePorts(option: StartDevnetOptions["ports"]): Promise<DevnetPorts> {
  if (option === undefined || option === "fixed") return FIXED_PORTS;
  const given: Partial<DevnetPorts> = option === "free" ? {} : option;
  const free = async (count: number) => Promise.all(Array.from({ length: count }, () => freePort()));
  // Asked for all at once and checked distinct (the OS may hand back a port just released).
  for (;;) {
    const picked = await free(14);
    if (new Set(picked).size !== picked.length) continue;
    return {
      l1: given.l1 ?? picked[0]!,
      l2Rpc: given.l2Rpc ?? picked[1]!,
      l2Node: given.l2Node ?? picked[2]!,
      memo: given.memo ?? picked[3]!,
      peers: given.peers ?? picked.slice(4, 8),
      sequencerHealth: given.sequencerHealth ?? picked.slice(8, 12),
      verifierHealth: given.verifierHealth ?? picked[12]!,
      status: given.status ?? picked[13]!,
    };
  }
}

/** Empties `dir` for a fresh devnet, refusing a directory that is not one (no marker file, not empty). */
function prepareDir(dir: string): void {
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new Error(`${dir} is not empty and not a devnet's directory (no ${MARKER} file): pass another --dir`);
    }
    for (const entry of entries) rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, MARKER), "state of `npm run devnet` (scripts/devnet); emptied at every start\n");
}

/** One JSON-RPC call over HTTP. */
async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** Waits until `check` resolves (or the service exits, or the time is up). */
async function until(service: Service, what: string, check: () => Promise<unknown>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!service.running) {
      throw new Error(`${service.name} exited before ${what}:\n${service.output().slice(-40).join("\n")}`);
    }
    try {
      await check();
      return;
    } catch {
      if (Date.now() > deadline) {
        throw new Error(`${service.name}: no ${what} in ${timeoutMs} ms:\n${service.output().slice(-40).join("\n")}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** An agent's JSON log line as one readable line: `info batch-submitted batchIndex=3 txHash=0x...`. */
function readable(line: string): string {
  if (!line.startsWith("{")) return line;
  try {
    const { level, event, ...rest } = JSON.parse(line) as AgentLogEvent;
    const fields = Object.fromEntries(Object.entries(rest).filter(([key]) => key !== "time" && key !== "agent"));
    const shown = Object.entries(fields)
      .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
      .join(" ");
    return `${level} ${event}${shown ? ` ${shown}` : ""}`;
  } catch {
    return line;
  }
}

const COLOURS = [31, 32, 33, 34, 35, 36, 91, 92, 93, 94, 95, 96];

/** Prints each line as `[service] line` (coloured on a terminal); the nodes' per-request lines are left out. */
export function prefixedPrinter(stream: NodeJS.WriteStream = process.stdout): LinePrinter {
  const colour = new Map<string, number>();
  return (service, line) => {
    if ((service === "l1" || service === "l2") && !/error|warn|started http|exited/i.test(line)) return;
    if (line.trim() === "") return;
    if (!colour.has(service)) colour.set(service, COLOURS[colour.size % COLOURS.length]!);
    const label = `[${service}]`;
    const prefix = stream.isTTY ? `\x1b[${colour.get(service)}m${label}\x1b[0m` : label;
    stream.write(`${prefix} ${readable(line)}\n`);
  };
}

/** Starts the devnet (see the module comment). */
export async function startDevnet(options: StartDevnetOptions = {}): Promise<Devnet> {
  const ports = await resolvePorts(options.ports);
  const fixed = options.ports === undefined || options.ports === "fixed";
  const taken: string[] = [];
  for (const { name, port } of portList(ports)) if (await portTaken(port)) taken.push(`${port} (${name})`);
  if (taken.length > 0) throw new Error(`the devnet's ports ${taken.join(", ")} are taken on 127.0.0.1`);
  const dir = path.resolve(options.dir ?? path.join(ROOT, ".devnet"));
  prepareDir(dir);
  const deploymentsDir = path.resolve(
    options.deploymentsDir ?? (fixed ? path.join(ROOT, "deployments") : path.join(dir, "deployments")),
  );
  mkdirSync(deploymentsDir, { recursive: true });
  const deploymentFile = path.join(deploymentsDir, "localhost.json");
  const accounts = devnetAccounts();
  const print: LinePrinter =
    typeof options.print === "function" ? options.print : options.print ? prefixedPrinter() : () => undefined;
  const url = (port: number) => `http://127.0.0.1:${port}`;
  const agentsWanted = options.agents !== false && existsSync(AGENT_BIN);
  const statusWanted = options.status !== false && existsSync(STATUS_SERVER);
  const loadOptions = options.load === false ? undefined : (options.load ?? {});
  const urls: DevnetUrls = {
    l1: url(ports.l1),
    l2: url(ports.l2Rpc),
    l2Node: url(ports.l2Node),
    memo: url(ports.memo),
    ...(statusWanted ? { status: url(ports.status) } : {}),
    health: Object.fromEntries([
      ...SEQUENCERS.map((name, i) => [name, `${url(ports.sequencerHealth[i]!)}/health`]),
      ["verifier", `${url(ports.verifierHealth)}/health`],
    ]) as Record<AgentName, string>,
    peers: Object.fromEntries(SEQUENCERS.map((name, i) => [name, url(ports.peers[i]!)])) as Record<
      (typeof SEQUENCERS)[number],
      string
    >,
  };
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...MEMO_CREDENTIALS,
    HARDHAT_DISABLE_TELEMETRY_PROMPT: "true",
    TS_NODE_TRANSPILE_ONLY: "1",
    FORCE_COLOR: "0",
  };
  delete baseEnv.METIS_L2;
  const keyEnv: NodeJS.ProcessEnv = {};
  accounts.sequencers.forEach((s, i) => {
    keyEnv[`METIS_SEQUENCER_${i + 1}_KEY`] = s.signer.privateKey;
  });
  keyEnv.METIS_VERIFIER_KEY = accounts.verifier.privateKey;
  const tsNode = (script: string, args: readonly string[]) => ({
    command: process.execPath,
    args: ["-r", "ts-node/register/transpile-only", script, ...args],
  });

  const services = new Map<string, Service>();
  const add = (spec: Omit<ServiceSpec, "cwd" | "env"> & { env?: NodeJS.ProcessEnv }) => {
    const service = new Service({ cwd: ROOT, ...spec, env: { ...baseEnv, ...spec.env } }, print);
    services.set(spec.name, service);
    return service;
  };
  const hardhatNode = (name: string, port: number, l2: boolean) =>
    add({
      name,
      command: process.execPath,
      args: [HARDHAT, "node", "--hostname", "127.0.0.1", "--port", String(port)],
      env: l2 ? { METIS_L2: "1" } : {},
      graceMs: 5_000,
    });

  const l1Service = hardhatNode("l1", ports.l1, false);
  const l2Service = hardhatNode("l2", ports.l2Node, true);
  const gateway = add({
    name: "l2-rpc",
    ...tsNode("scripts/devnet/gateway.ts", ["--port", String(ports.l2Rpc), "--target", urls.l2Node]),
    graceMs: 3_000,
  });
  const memo = add({
    name: "memo",
    ...tsNode("scripts/devnet/memo.ts", [
      "--port",
      String(ports.memo),
      "--directory",
      path.join(dir, "memo"),
      "--bucket",
      MEMO_BUCKET,
    ]),
    graceMs: 3_000,
  });

  let closed = false;
  const signalHandler = (signal: NodeJS.Signals) => {
    void handle.close().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  const l1 = new JsonRpcProvider(urls.l1, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 500 });
  const l2 = new JsonRpcProvider(urls.l2, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 500 });
  const l2Node = new JsonRpcProvider(urls.l2Node, undefined, { staticNetwork: true, cacheTimeout: -1 });

  const ledgerFile = path.join(dir, "load", "ledger.jsonl");
  const agentConfigFile = (name: AgentName) => path.join(dir, `${name}.json`);
  const agentConfigs = new Map<AgentName, Record<string, unknown>>();
  const writeAgentConfig = (name: AgentName, config: Record<string, unknown>) => {
    agentConfigs.set(name, config);
    writeFileSync(agentConfigFile(name), `${JSON.stringify(config, null, 2)}\n`);
  };
  const relativeDeployment = path.relative(dir, deploymentFile);
  const store = { kind: "s3", endpoint: urls.memo, bucket: MEMO_BUCKET, prefix: "" };

  const handle: Devnet = {
    dir,
    ports,
    urls,
    get deployment(): Deployment {
      return parseDeployment(JSON.parse(readFileSync(deploymentFile, "utf8")));
    },
    deploymentFile,
    accounts,
    get services(): ServiceName[] {
      return SERVICES.filter((name) => services.has(name));
    },
    l1,
    l2,
    ledgerFile,
    async stop(name) {
      const service = services.get(name);
      if (!service) throw new Error(`no service ${name} in this devnet`);
      await service.stop();
    },
    async start(name) {
      const service = services.get(name);
      if (!service) throw new Error(`no service ${name} in this devnet`);
      service.start();
      await ready(service);
    },
    async restartAgent(agent, change) {
      const service = services.get(agent);
      if (!service) throw new Error(`no agent ${agent} in this devnet`);
      await service.stop();
      if (change) writeAgentConfig(agent, { ...agentConfigs.get(agent), ...change });
      service.start();
      await ready(service);
    },
    running(name) {
      return services.get(name)?.running ?? false;
    },
    pids() {
      return [...services.values()].flatMap((service) => service.pids);
    },
    pid(name) {
      return services.get(name)?.pid;
    },
    fault(name, arg) {
      return injectFault(handle, name, arg);
    },
    async health(agent) {
      const response = await fetch(urls.health[agent], { signal: AbortSignal.timeout(5_000) });
      return (await response.json()) as Record<string, unknown>;
    },
    logs(name) {
      return services.get(name)?.output() ?? [];
    },
    events(agent, event) {
      const found: AgentLogEvent[] = [];
      for (const line of handle.logs(agent)) {
        if (!line.startsWith("{")) continue;
        try {
          const parsed = JSON.parse(line) as AgentLogEvent;
          if (event === undefined || parsed.event === event) found.push(parsed);
        } catch {
          // not a log line
        }
      }
      return found;
    },
    async waitFor(predicate, { timeoutMs, what, pollMs = 500 }) {
      const deadline = Date.now() + timeoutMs;
      let lastError: unknown;
      for (;;) {
        try {
          const value = await predicate();
          if (value !== undefined && value !== false) return value;
        } catch (error) {
          lastError = error;
        }
        if (Date.now() > deadline) {
          const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
          throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      process.removeListener("SIGINT", signalHandler);
      process.removeListener("SIGTERM", signalHandler);
      // The load and the agents first (they finish in-flight work against the chains), then the rest.
      const stopAll = (names: readonly string[]) =>
        Promise.all(names.map((name) => services.get(name)?.stop()).filter(Boolean));
      await stopAll(["load", "status"]);
      await stopAll(AGENTS);
      await stopAll(["l2-rpc", "memo"]);
      await stopAll(["l1", "l2"]);
      l1.destroy();
      l2.destroy();
      l2Node.destroy();
    },
  };

  /** Resolves when `service` serves what it is for. */
  async function ready(service: Service): Promise<void> {
    switch (service.name) {
      case "l1":
        return until(service, "JSON-RPC", () => rpc(urls.l1, "eth_chainId"));
      case "l2":
        return until(service, "JSON-RPC", () => rpc(urls.l2Node, "eth_chainId"));
      case "l2-rpc":
        return until(service, "JSON-RPC", () => rpc(urls.l2, "eth_chainId"), 60_000);
      case "memo":
        return until(service, "HTTP", () => fetch(urls.memo).then(() => undefined), 60_000);
      case "status":
        return until(service, "HTTP", () => fetch(urls.status!).then(() => undefined), 120_000);
      default:
        if ((AGENTS as readonly string[]).includes(service.name)) {
          const agent = service.name as AgentName;
          return until(service, "health", () => fetch(urls.health[agent]).then(() => undefined), 120_000);
        }
        return until(service, "start", () => Promise.resolve(), 1_000);
    }
  }

  if (options.signals !== false) {
    process.once("SIGINT", signalHandler);
    process.once("SIGTERM", signalHandler);
  }
  try {
    // --- Chains, the gateway, Memo ----------------------------------------------------------------------------
    for (const service of [l1Service, l2Service, gateway, memo]) service.start();
    await Promise.all([l1Service, l2Service, gateway, memo].map(ready));

    // --- The deployment (automine: deploymentBlock 1, the committed addresses) ---------------------------------
    const deployer = add({
      name: "deploy",
      command: process.execPath,
      args: [HARDHAT, "run", "--no-compile", "scripts/deploy.ts", "--network", "localhost"],
      env: {
        METIS_L1_RPC_URL: urls.l1,
        METIS_L2_RPC_URL: urls.l2Node,
        ...(fixed && options.deploymentsDir === undefined ? {} : { METIS_DEPLOYMENTS_DIR: deploymentsDir }),
      },
    });
    deployer.start();
    await deployer.exit();
    if (deployer.lastExit?.code !== 0) {
      throw new Error(`the deployment failed:\n${deployer.output().slice(-40).join("\n")}`);
    }
    const deployment = handle.deployment;
    const log = (line: string) => print("setup", line, "stdout");
    await setUpRollup({ l1, l2: l2Node, deployment, accounts, log });
    await startIntervalMining(l1, options.l1BlockMs ?? 2_000);
    log(`L1 mines a block every ${(options.l1BlockMs ?? 2_000) / 1000} s`);

    // --- Agents ---------------------------------------------------------------------------------------------
    if (agentsWanted) {
      accounts.sequencers.forEach((sequencer, i) => {
        const name = SEQUENCERS[i]!;
        writeAgentConfig(name, {
          role: "sequencer",
          name,
          l1: urls.l1,
          l2: urls.l2Node,
          deployment: relativeDeployment,
          keyEnv: `METIS_SEQUENCER_${i + 1}_KEY`,
          relayerKeyEnv: `METIS_SEQUENCER_${i + 1}_KEY`,
          store,
          dataDir: `./${name}`,
          peer: { host: "127.0.0.1", port: ports.peers[i] },
          peers: accounts.sequencers
            .map((other, j) => ({ address: other.signer.address, url: url(ports.peers[j]!) }))
            .filter((_, j) => j !== i),
          health: { host: "127.0.0.1", port: ports.sequencerHealth[i] },
          pollMs: 1000,
          l1Finality: 1,
          da: { answer: true },
          rewards: { intervalMs: 30_000 },
          log: { level: "info" },
          ...options.sequencer,
        });
      });
      writeAgentConfig("verifier", {
        role: "verifier",
        name: "verifier",
        l1: urls.l1,
        l2: urls.l2,
        deployment: relativeDeployment,
        keyEnv: "METIS_VERIFIER_KEY",
        store,
        dataDir: "./verifier",
        health: { host: "127.0.0.1", port: ports.verifierHealth },
        pollMs: 1000,
        da: { request: true, l1WaitMs: 5000 },
        log: { level: "info" },
        ...options.verifier,
      });
      const agents = AGENTS.map((name) =>
        add({
          name,
          ...tsNode(AGENT_BIN, [name === "verifier" ? "verifier" : "sequencer", "--config", agentConfigFile(name)]),
          env: keyEnv,
          graceMs: 15_000,
        }),
      );
      for (const agent of agents) agent.start();
      await Promise.all(agents.map(ready));
    } else if (options.agents !== false) {
      log(`no agents: ${path.relative(ROOT, AGENT_BIN)} does not exist yet`);
    }

    // --- Load and the status page ---------------------------------------------------------------------------
    if (loadOptions) {
      mkdirSync(path.dirname(ledgerFile), { recursive: true });
      const load = add({
        name: "load",
        ...tsNode("scripts/devnet/load.ts", [
          "--l1",
          urls.l1,
          "--l2",
          urls.l2,
          "--deployment",
          deploymentFile,
          "--ledger",
          ledgerFile,
          "--options",
          JSON.stringify(loadOptions),
        ]),
        graceMs: 10_000,
      });
      load.start();
    }
    if (statusWanted) {
      const status = add({
        name: "status",
        ...tsNode("scripts/devnet/status-service.ts", [
          "--port",
          String(ports.status),
          "--l1",
          urls.l1,
          "--l2",
          urls.l2,
          "--deployment",
          deploymentFile,
          "--agents",
          JSON.stringify(
            agentsWanted ? AGENTS.map((name) => ({ name, url: urls.health[name].replace(/\/health$/, "") })) : [],
          ),
        ]),
        graceMs: 3_000,
      });
      status.start();
      await ready(status);
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

// A devnet that is not closed must still not outlive this process.
process.once("exit", killAllChildren);
