/**
 * The devnet's status page server: serves index.html, the page's bundle (built once per process by build.ts, or a
 * prebuilt file), `/deployment.json`, and forwards `POST /l1` and `POST /l2` to the chains' JSON-RPC endpoints, so
 * the page calls its own origin only (no CORS). With `agents`, `GET /agents.json` lists them and
 * `GET /agents/<name>/health` forwards to each one's health endpoint.
 *
 * `startStatusServer({ l1Url, l2Url, deployment })` binds 127.0.0.1 on a free port by default; `close()` stops it
 * (open connections included). As a program:
 * `ts-node --transpile-only scripts/devnet/status/server.ts --l1 <url> --l2 <url> --deployment <file> [--port N]`.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";

import { parseDeployment, type Deployment } from "../../../sdk/src/deployments";

import { statusBundle } from "./build";

/** The largest JSON-RPC request body forwarded (a batch of the page's reads is a few kB). */
const MAX_BODY_BYTES = 1024 * 1024;
/** How long a forward may take before the page gets a 504. */
const FORWARD_TIMEOUT_MS = 15_000;

/** An agent whose health the page shows: `url` is its health server's base (`GET <url>/health`). */
export interface StatusAgent {
  readonly name: string;
  readonly url: string;
}

export interface StatusServerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** The L1 and L2 JSON-RPC endpoints the page reads (the public L2 RPC). */
  readonly l1Url: string;
  readonly l2Url: string;
  /** The deployment, or the path of its JSON file (read again on every request: a redeploy shows at once). */
  readonly deployment: Deployment | string;
  readonly agents?: readonly StatusAgent[];
  /** A prebuilt bundle (a file written by build.ts) instead of building one. */
  readonly bundleFile?: string;
}

export interface StatusServer {
  /** `http://host:port`, the page. */
  readonly url: string;
  close(): Promise<void>;
}

const INDEX_HTML = path.join(__dirname, "index.html");

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  response.end(body);
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** Forwards to `target`, answering with its status and body (502 when it cannot be reached, 504 on timeout). */
async function forward(response: ServerResponse, target: string, init: RequestInit): Promise<void> {
  try {
    const upstream = await fetch(target, { ...init, signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
    send(response, upstream.status, upstream.headers.get("content-type") ?? "application/json", await upstream.text());
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    const message =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    send(
      response,
      timedOut ? 504 : 502,
      "application/json",
      JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32603, message: `${target}: ${message}` } }),
    );
  }
}

/** Starts the status page server (see the module comment). */
export async function startStatusServer(options: StatusServerOptions): Promise<StatusServer> {
  const host = options.host ?? "127.0.0.1";
  const script = options.bundleFile ? readFileSync(options.bundleFile, "utf8") : (await statusBundle()).code;
  const html = readFileSync(INDEX_HTML, "utf8");
  const deploymentJson = (): string => {
    const value =
      typeof options.deployment === "string"
        ? parseDeployment(JSON.parse(readFileSync(options.deployment, "utf8")))
        : options.deployment;
    return JSON.stringify(value);
  };
  const rpc: Readonly<Record<string, string>> = { "/l1": options.l1Url, "/l2": options.l2Url };
  const agents = new Map((options.agents ?? []).map((agent) => [agent.name, agent.url.replace(/\/+$/, "")]));

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const route = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (request.method === "GET" || request.method === "HEAD") {
      if (route === "/" || route === "/index.html") return send(response, 200, "text/html; charset=utf-8", html);
      if (route === "/status.js") return send(response, 200, "text/javascript; charset=utf-8", script);
      if (route === "/deployment.json") {
        try {
          return send(response, 200, "application/json", deploymentJson());
        } catch (error) {
          // No deployment file yet (a devnet still deploying) or an invalid one: the page says so and asks again.
          return send(response, 503, "application/json", JSON.stringify({ error: String(error) }));
        }
      }
      if (route === "/agents.json")
        return send(response, 200, "application/json", JSON.stringify([...agents.keys()].map((name) => ({ name }))));
      const agent = /^\/agents\/([^/]+)\/health$/.exec(route);
      if (agent) {
        const base = agents.get(agent[1]!);
        if (base === undefined)
          return send(response, 404, "application/json", JSON.stringify({ error: "no such agent" }));
        return forward(response, `${base}/health`, { method: "GET" });
      }
    }
    const target = rpc[route];
    if (request.method === "POST" && target !== undefined) {
      let body: Buffer;
      try {
        body = await readBody(request);
      } catch (error) {
        return send(response, 413, "text/plain", String(error));
      }
      return forward(response, target, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: new Uint8Array(body),
      });
    }
    send(response, 404, "text/plain", "not found");
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, "text/plain", String(error));
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("the status server has no port");
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}

/** `--name value` pairs of argv. */
function flags(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}`);
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${arg} needs a value`);
    out[arg.slice(2)] = value;
    i++;
  }
  return out;
}

if (require.main === module) {
  const args = flags(process.argv.slice(2));
  const deployment = path.resolve(
    args.deployment ?? path.join(__dirname, "..", "..", "..", "deployments", "localhost.json"),
  );
  startStatusServer({
    host: args.host,
    port: args.port === undefined ? 8080 : Number(args.port),
    l1Url: args.l1 ?? "http://127.0.0.1:8545",
    l2Url: args.l2 ?? "http://127.0.0.1:9545",
    deployment,
  })
    .then((server) => {
      console.log(`status page: ${server.url}`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
