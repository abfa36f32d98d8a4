/**
 * The dapp's web server for the browser test, on a free port of 127.0.0.1: serves the page and its bundle, and
 * forwards `/l1` and `/l2` to the devnet's JSON-RPC endpoints (the page calls its own origin, so no CORS is involved).
 */
import { createServer, type Server } from "node:http";

export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function servePage(
  files: Readonly<Record<string, { readonly type: string; readonly body: string }>>,
  rpc: Readonly<Record<string, string>>,
): Promise<PageServer> {
  const server: Server = createServer((request, response) => {
    const route = (request.url ?? "/").split("?")[0]!;
    const file = files[route];
    if (request.method === "GET" && file) {
      response.writeHead(200, { "content-type": file.type });
      response.end(file.body);
      return;
    }
    const target = rpc[route];
    if (request.method === "POST" && target) {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: Buffer.concat(chunks) })
          .then(async (upstream) => {
            response.writeHead(upstream.status, { "content-type": "application/json" });
            response.end(await upstream.text());
          })
          .catch((error: unknown) => {
            response.writeHead(502);
            response.end(String(error));
          });
      });
      return;
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("the page server has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
