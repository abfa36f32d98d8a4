/**
 * The local L1 and L2 the packed-package test runs against: real `hardhat node` processes of this repository (the L1
 * plain, the L2 with `METIS_L2=1`, as `npm run devnet:l1` and `npm run devnet:l2` start them), on free ports of
 * 127.0.0.1, stopped by {@link Devnet.stop} (call it from an `after` hook; it also runs when this process exits).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

import { freePort } from "../../scripts/devnet/devnet";

/** A free TCP port on 127.0.0.1 (the devnet's helper). */
export { freePort };

const root = path.join(__dirname, "..", "..");
const hardhatCli = require.resolve("hardhat/internal/cli/cli.js");

/** One JSON-RPC call over HTTP. */
export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** A `hardhat node` process serving one chain. */
export interface DevnetNode {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** What it printed so far (for failure messages). */
  output(): string;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts `hardhat node` on a free port (`l2`: the Metis L2 with its pinned genesis) and waits until it answers. */
export async function startNode(l2: boolean, timeoutMs = 90_000): Promise<DevnetNode> {
  const port = await freePort();
  const child = spawn(process.execPath, [hardhatCli, "node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    env: { ...process.env, METIS_L2: l2 ? "1" : "", HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.once("exit", () => running.delete(child));
  const url = `http://127.0.0.1:${port}`;
  const node: DevnetNode = { url, port, process: child, output: () => output };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hardhat node (${l2 ? "L2" : "L1"}) exited:\n${output}`);
    try {
      await rpc(url, "eth_chainId");
      return node;
    } catch {
      if (Date.now() > deadline) {
        stopNode(node);
        throw new Error(`hardhat node (${l2 ? "L2" : "L1"}) did not answer on ${url}:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Stops a node started by {@link startNode}. */
export function stopNode(node: DevnetNode | undefined): void {
  if (node && node.process.exitCode === null) node.process.kill("SIGKILL");
}

/** The L1 and the L2, started together. */
export interface Devnet {
  readonly l1: DevnetNode;
  readonly l2: DevnetNode;
  stop(): void;
}

export async function startDevnet(): Promise<Devnet> {
  const [l1, l2] = await Promise.allSettled([startNode(false), startNode(true)]);
  if (l1.status === "rejected" || l2.status === "rejected") {
    if (l1.status === "fulfilled") stopNode(l1.value);
    if (l2.status === "fulfilled") stopNode(l2.value);
    throw l1.status === "rejected" ? l1.reason : (l2 as PromiseRejectedResult).reason;
  }
  return {
    l1: l1.value,
    l2: l2.value,
    stop() {
      stopNode(l1.value);
      stopNode(l2.value);
    },
  };
}
