/**
 * The status page server forwards only a JSON POST of eth_/net_/web3_ calls to its own host name: a cross-site form
 * or `fetch` (text/plain, no preflight), a DNS-rebound host name and the node's admin methods (hardhat_*, evm_*) are
 * refused before they reach the node.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import type { Deployment } from "../../sdk/src/deployments";
import { startStatusServer, type StatusServer } from "../../scripts/devnet/status/server";

describe("devnet: the status page server's forwarding", function () {
  const forwarded: unknown[] = [];
  let upstream: Server;
  let status: StatusServer;
  let dir: string;

  before(async function () {
    upstream = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        forwarded.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ jsonrpc: "2.0", id: 1, result: "0x1" }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    dir = mkdtempSync(path.join(tmpdir(), "status-server-"));
    const bundleFile = path.join(dir, "status.js");
    writeFileSync(bundleFile, "");
    status = await startStatusServer({ l1Url: url, l2Url: url, deployment: {} as Deployment, bundleFile });
  });

  after(async function () {
    await status?.close();
    await new Promise<void>((resolve) => {
      if (upstream) upstream.close(() => resolve());
      else resolve();
    });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const post = (route: string, body: unknown, type = "application/json") =>
    fetch(`${status.url}${route}`, { method: "POST", headers: { "content-type": type }, body: JSON.stringify(body) });

  it("forwards the page's reads, single and batched", async function () {
    const single = { jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] };
    const batch = [single, { jsonrpc: "2.0", id: 2, method: "eth_getProof", params: [] }];
    expect((await post("/l1", single)).status).to.equal(200);
    expect((await post("/l2", batch)).status).to.equal(200);
    expect(forwarded).to.deep.equal([single, batch]);
  });

  it("refuses a body that is not JSON-typed, the node's admin methods and a DNS-rebound host, without forwarding them", async function () {
    const before = forwarded.length;
    const read = { jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] };
    expect((await post("/l1", read, "text/plain")).status).to.equal(415);
    for (const method of ["hardhat_setBalance", "hardhat_impersonateAccount", "evm_mine", "debug_setHead"]) {
      const response = await post("/l1", [read, { jsonrpc: "2.0", id: 2, method, params: [] }]);
      expect(response.status, method).to.equal(403);
    }
    expect((await post("/l2", "not a request")).status).to.equal(400);
    const { port } = new URL(status.url);
    const rebound = await new Promise<number | undefined>((resolve, reject) => {
      const outgoing = request(
        {
          host: "127.0.0.1",
          port,
          path: "/l1",
          method: "POST",
          headers: { host: `attacker.example:${port}`, "content-type": "application/json" },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode);
        },
      );
      outgoing.on("error", reject);
      outgoing.end(JSON.stringify(read));
    });
    expect(rebound).to.equal(421);
    expect(forwarded.length).to.equal(before);
  });
});
