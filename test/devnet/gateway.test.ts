/**
 * The devnet's public L2 RPC (scripts/devnet/gateway.ts) as a process in front of a stand-in node that records what
 * reaches it: public calls pass, the node's own methods (`hardhat_*`, `evm_*`, its unlocked accounts) and oversized
 * bodies do not.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

import { expect } from "chai";

import { isPublicMethod, MAX_BODY } from "../../scripts/devnet/gateway";
import { freePort } from "../package/devnet";

const GATEWAY = path.join(__dirname, "..", "..", "scripts", "devnet", "gateway.ts");

describe("devnet: the public L2 RPC gateway", function () {
  this.timeout(60_000);
  let node: Server;
  let gateway: ChildProcess;
  let url: string;
  const reached: string[] = [];

  before(async function () {
    node = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        reached.push(body);
        response.writeHead(200, { "content-type": "application/json" }).end('{"jsonrpc":"2.0","id":1,"result":"0x1"}');
      });
    });
    await new Promise<void>((resolve) => node.listen(0, "127.0.0.1", resolve));
    const port = await freePort();
    const target = `http://127.0.0.1:${(node.address() as AddressInfo).port}`;
    gateway = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", GATEWAY, "--port", String(port), "--target", target],
      { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" } },
    );
    await new Promise<void>((resolve, reject) => {
      gateway.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("forwarding")) resolve();
      });
      gateway.once("exit", (code) => reject(new Error(`the gateway exited with ${code}`)));
    });
    url = `http://127.0.0.1:${port}`;
  });

  after(async function () {
    if (gateway && gateway.exitCode === null) {
      const exited = new Promise((resolve) => gateway.once("exit", resolve));
      gateway.kill("SIGTERM");
      await exited;
    }
    await new Promise((resolve) => node?.close(resolve));
  });

  const post = (body: string) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  const call = (method: string) => JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] });

  it("forwards public calls, single and batched, and answers with CORS headers", async function () {
    reached.length = 0;
    const single = await post(call("eth_chainId"));
    expect(single.status).to.equal(200);
    expect(single.headers.get("access-control-allow-origin")).to.equal("*");
    expect(await single.json()).to.deep.equal({ jsonrpc: "2.0", id: 1, result: "0x1" });
    const batch = await post(`[${call("eth_blockNumber")},${call("net_version")},${call("web3_clientVersion")}]`);
    expect(batch.status).to.equal(200);
    expect(reached.length).to.equal(2);
  });

  it("refuses the node's own methods and its accounts, alone or hidden in a batch, without reaching the node", async function () {
    reached.length = 0;
    for (const method of [
      "hardhat_setBalance",
      "evm_increaseTime",
      "debug_traceTransaction",
      "eth_sendTransaction",
      "eth_accounts",
      "eth_signTypedData_v4",
    ]) {
      const answer = await post(call(method));
      expect(answer.status, method).to.equal(403);
      const body = (await answer.json()) as { error: { code: number; message: string } };
      expect(body.error.code).to.equal(-32601);
      expect(body.error.message).to.include(method);
    }
    expect((await post(`[${call("eth_chainId")},${call("hardhat_reset")}]`)).status).to.equal(403);
    expect((await post("not json")).status).to.equal(403);
    expect(reached).to.deep.equal([]);
  });

  it("refuses a body over its limit", async function () {
    reached.length = 0;
    const answer = await post(`{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":["${"a".repeat(MAX_BODY)}"]}`);
    expect(answer.status).to.equal(413);
    expect(reached).to.deep.equal([]);
  });

  it("names the public methods", function () {
    expect(["eth_call", "eth_getProof", "eth_sendRawTransaction", "net_version"].every(isPublicMethod)).to.equal(true);
    expect([undefined, 7, "eth", "personal_sign", "eth_sign", "eth_signTransaction"].some(isPublicMethod)).to.equal(
      false,
    );
  });
});
