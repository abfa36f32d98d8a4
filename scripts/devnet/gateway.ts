/**
 * The devnet's public L2 RPC (`l2-rpc`): a small JSON-RPC gateway in front of the L2 node. A POST of JSON-RPC calls
 * (one or a batch) is forwarded to the node as it came and its answer returned with CORS headers (a browser page may
 * call it); OPTIONS answers the preflight. Only the public methods pass, as on a real public RPC: `eth_`, `net_` and
 * `web3_` calls other than those that use the node's own accounts (`eth_sendTransaction`, `eth_sign...`,
 * `eth_accounts`). The node's `hardhat_*`, `evm_*` and `debug_*` methods would let anyone change the L2's state without
 * a transaction, which the sequencers would then batch and the verifier find wrong. Bodies are limited to
 * {@link MAX_BODY} bytes and the node gets {@link UPSTREAM_TIMEOUT_MS} to answer. Users, the verifier, the load generator and the status page use it; the sequencers use the node
 * directly, so stopping this process models the public L2 RPC going down while the sequencers keep their node.
 *
 * `node -r ts-node/register/transpile-only scripts/devnet/gateway.ts --port 9545 --target http://127.0.0.1:9645`
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

import { flag, watchParent } from "./process-args";

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "content-type",
  "access-control-max-age": "600",
};

/** Largest request body forwarded, in bytes. */
export const MAX_BODY = 4 * 1024 * 1024;
/** How long the node has to answer a forwarded request, in milliseconds. */
export const UPSTREAM_TIMEOUT_MS = 30_000;

/** Methods of the public namespaces that act with the node's own (unlocked) accounts. */
const ACCOUNT_METHODS = new Set(["eth_sendTransaction", "eth_sign", "eth_signTransaction", "eth_accounts"]);

/** Whether a public L2 RPC may forward `method`. */
export function isPublicMethod(method: unknown): boolean {
  if (typeof method !== "string" || !/^(eth|net|web3)_/.test(method)) return false;
  return !ACCOUNT_METHODS.has(method) && !method.startsWith("eth_signTypedData");
}

class BodyTooLargeError extends Error {}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BodyTooLargeError(`a request body over ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The first method of a JSON-RPC request (or batch) the gateway does not forward, or why it cannot read it. */
function refusal(raw: Buffer): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString("utf8"));
  } catch {
    return "not a JSON-RPC request";
  }
  const calls = Array.isArray(parsed) ? parsed : [parsed];
  for (const call of calls) {
    const method = (call as { method?: unknown } | null)?.method;
    if (!isPublicMethod(method)) return `method ${String(method)} is not served by the public L2 RPC`;
  }
  return undefined;
}

const rpcError = (code: number, message: string) =>
  JSON.stringify({ jsonrpc: "2.0", id: null, error: { code, message } });

function main(): void {
  const port = Number(flag("--port"));
  const target = flag("--target");
  const host = flag("--host", "127.0.0.1");
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method === "OPTIONS") {
      response.writeHead(204, CORS).end();
      return;
    }
    if (request.method !== "POST") {
      response.writeHead(405, { ...CORS, "content-type": "text/plain" }).end("POST JSON-RPC requests only\n");
      return;
    }
    void (async () => {
      let raw: Buffer;
      try {
        raw = await body(request);
      } catch (error) {
        response.writeHead(413, { ...CORS, "content-type": "application/json", connection: "close" });
        response.end(rpcError(-32600, (error as Error).message));
        return;
      }
      const refused = refusal(raw);
      if (refused !== undefined) {
        response.writeHead(403, { ...CORS, "content-type": "application/json" }).end(rpcError(-32601, refused));
        return;
      }
      try {
        const forwarded = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: new Uint8Array(raw),
          signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
        });
        const answer = Buffer.from(await forwarded.arrayBuffer());
        response.writeHead(forwarded.status, { ...CORS, "content-type": "application/json" }).end(answer);
      } catch (error) {
        response
          .writeHead(502, { ...CORS, "content-type": "application/json" })
          .end(rpcError(-32603, `L2 node unreachable: ${(error as Error).message}`));
      }
    })();
  });
  server.listen(port, host, () => console.log(`forwarding http://${host}:${port} -> ${target}`));
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  watchParent();
}

if (require.main === module) main();
