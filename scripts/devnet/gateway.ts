/**
 * The devnet's public L2 RPC (`l2-rpc`): a small JSON-RPC gateway in front of the L2 node. Every POST is forwarded to
 * the node as it came and its answer returned with CORS headers (a browser page may call it); OPTIONS answers the
 * preflight. Users, the verifier, the load generator and the status page use it; the sequencers use the node
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

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

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
      try {
        const forwarded = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: new Uint8Array(await body(request)),
        });
        const answer = Buffer.from(await forwarded.arrayBuffer());
        response.writeHead(forwarded.status, { ...CORS, "content-type": "application/json" }).end(answer);
      } catch (error) {
        response.writeHead(502, { ...CORS, "content-type": "application/json" }).end(
          JSON.stringify({
            jsonrpc: "2.0",
            id: null,
            error: { code: -32603, message: `L2 node unreachable: ${(error as Error).message}` },
          }),
        );
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

main();
