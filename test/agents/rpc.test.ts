/**
 * NodeJsonRpcProvider: ethers' JsonRpcProvider with the answers read in linear time (nodeGetUrl) and decoded by the
 * platform's UTF-8 decoder. The same results, JSON-RPC errors and HTTP failures as ethers' provider, against a small
 * JSON-RPC server on 127.0.0.1 that can also answer in many chunks, gzipped, or late.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

import { expect } from "chai";
import { FetchRequest, JsonRpcProvider } from "ethers";

import { MAX_RESPONSE_BYTES, NodeJsonRpcProvider, nodeGetUrl } from "../../sdk/src/node/rpc";

interface Request {
  readonly id: number;
  readonly method: string;
  readonly params: unknown[];
}

describe("agents: NodeJsonRpcProvider", function () {
  let server: Server;
  let url: string;
  /** What the server answers raw for the next request instead of JSON-RPC: status, body, and how it is sent. */
  let override:
    | {
        status: number;
        body: string | Buffer;
        chunkSize?: number;
        gzip?: boolean;
        delayMs?: number;
        /** Sends `body` a byte every `drip` ms, or (0) again and again without end, until the client goes away. */
        stream?: { drip: number };
      }
    | undefined;

  const answer = (request: Request) => {
    switch (request.method) {
      case "eth_chainId":
        return { jsonrpc: "2.0", id: request.id, result: "0x1" };
      case "echo":
        return { jsonrpc: "2.0", id: request.id, result: request.params[0] };
      default:
        return { jsonrpc: "2.0", id: request.id, error: { code: -32601, message: `no method ${request.method}` } };
    }
  };

  before(async function () {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        if (override) {
          const { status, body, chunkSize, gzip, delayMs, stream } = override;
          override = undefined;
          if (stream) {
            response.writeHead(status, { "content-type": "application/json" });
            const bytes = Buffer.from(body);
            let at = 0;
            const next = () => {
              if (response.destroyed) return;
              if (stream.drip === 0) {
                if (response.write(bytes)) setImmediate(next);
                else response.once("drain", next);
              } else {
                response.write(bytes.subarray(at % bytes.length, (at % bytes.length) + 1));
                at++;
                setTimeout(next, stream.drip).unref();
              }
            };
            next();
            return;
          }
          const bytes = gzip ? gzipSync(body) : Buffer.from(body);
          const headers = { "content-type": "application/json", ...(gzip ? { "content-encoding": "gzip" } : {}) };
          const send = () => {
            response.writeHead(status, headers);
            const size = chunkSize ?? bytes.length;
            for (let at = 0; at < bytes.length; at += size) response.write(bytes.subarray(at, at + size));
            response.end();
          };
          if (delayMs) setTimeout(send, delayMs).unref();
          else send();
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Request | Request[];
        const result = Array.isArray(body) ? body.map(answer) : answer(body);
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async function () {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const providers = () => ({
    fast: new NodeJsonRpcProvider(url, 1, { staticNetwork: true, batchMaxCount: 1 }),
    plain: new JsonRpcProvider(url, 1, { staticNetwork: true, batchMaxCount: 1 }),
  });

  it("returns what ethers' provider returns, multi-byte UTF-8 and large answers included", async function () {
    const { fast, plain } = providers();
    const text = `Größe ✓ 𝔐etis ${"x".repeat(200_000)}`;
    expect(await fast.send("echo", [text])).to.equal(text);
    expect(await fast.send("echo", [text])).to.equal(await plain.send("echo", [text]));
    expect(await fast.send("echo", [{ nested: ["é", 1] }])).to.deep.equal({ nested: ["é", 1] });
    fast.destroy();
    plain.destroy();
  });

  it("answers a batch of requests each with its own result", async function () {
    const fast = new NodeJsonRpcProvider(url, 1, { staticNetwork: true, batchStallTime: 20 });
    const results = await Promise.all([fast.send("echo", ["a"]), fast.send("echo", ["b"]), fast.send("echo", [3])]);
    expect(results).to.deep.equal(["a", "b", 3]);
    fast.destroy();
  });

  it("raises a JSON-RPC error as ethers' provider does", async function () {
    const { fast, plain } = providers();
    const message = async (provider: JsonRpcProvider) =>
      provider.send("nope", []).then(
        () => "resolved",
        (error: Error) => error.message,
      );
    const fastMessage = await message(fast);
    expect(fastMessage).to.include("no method nope");
    expect(fastMessage).to.equal(await message(plain));
    fast.destroy();
    plain.destroy();
  });

  it("refuses an HTTP error status and a body that is not UTF-8 or not JSON", async function () {
    const { fast } = providers();
    override = { status: 500, body: "{}" };
    await expect(fast.send("echo", ["a"])).to.be.rejected.and.eventually.have.property("code", "SERVER_ERROR");
    override = { status: 200, body: "not json" };
    await expect(fast.send("echo", ["a"])).to.be.rejectedWith("response body is not valid JSON");
    override = { status: 200, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) };
    await expect(fast.send("echo", ["a"])).to.be.rejectedWith("response body is not valid UTF-8 data");
    fast.destroy();
  });

  describe("nodeGetUrl", function () {
    const get = (timeout = 5_000) => {
      const request = new FetchRequest(url);
      request.timeout = timeout;
      request.body = new TextEncoder().encode("{}");
      return request;
    };

    it("joins a body of thousands of chunks byte for byte", async function () {
      const body = Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => (i * 7) % 251));
      override = { status: 200, body, chunkSize: 1_000 };
      const response = await nodeGetUrl(get());
      expect(response.statusCode).to.equal(200);
      expect(Buffer.from(response.body ?? new Uint8Array()).equals(body)).to.equal(true);
    });

    it("unzips a gzipped body and gives the status and headers as ethers does", async function () {
      override = { status: 201, body: "hello ✓", gzip: true, chunkSize: 3 };
      const response = await nodeGetUrl(get());
      expect(response.statusCode).to.equal(201);
      expect(response.statusMessage).to.equal("Created");
      expect(response.headers["content-encoding"]).to.equal("gzip");
      expect(new TextDecoder().decode(response.body ?? new Uint8Array())).to.equal("hello ✓");
    });

    it("gives an empty body as null and an error status as it came (FetchRequest decides what to throw)", async function () {
      override = { status: 503, body: "" };
      const response = await nodeGetUrl(get());
      expect(response.statusCode).to.equal(503);
      expect(response.body).to.equal(null);
    });

    it("times out with ethers' TIMEOUT and refuses an unsupported protocol", async function () {
      override = { status: 200, body: "late", delayMs: 1_000 };
      await expect(nodeGetUrl(get(100))).to.be.rejected.and.eventually.have.property("code", "TIMEOUT");
      const ftp = new FetchRequest("ftp://127.0.0.1/");
      await expect(nodeGetUrl(ftp)).to.be.rejected.and.eventually.have.property("code", "UNSUPPORTED_OPERATION");
    });

    it("times out a server that drips its answer a byte at a time (the timeout bounds the whole request)", async function () {
      override = { status: 200, body: '{"result":"slow"}', stream: { drip: 20 } };
      await expect(nodeGetUrl(get(300))).to.be.rejected.and.eventually.have.property("code", "TIMEOUT");
    });

    it("refuses an answer without end and a gzip bomb past MAX_RESPONSE_BYTES, as SERVER_ERROR", async function () {
      this.timeout(60_000);
      override = { status: 200, body: Buffer.alloc(1 << 20, 0x20), stream: { drip: 0 } };
      const endless = nodeGetUrl(get(30_000));
      await expect(endless).to.be.rejectedWith(`response over ${MAX_RESPONSE_BYTES} bytes`);
      await expect(endless).to.be.rejected.and.eventually.have.property("code", "SERVER_ERROR");
      override = { status: 200, body: Buffer.alloc(MAX_RESPONSE_BYTES + 1), gzip: true };
      const bomb = nodeGetUrl(get(30_000));
      await expect(bomb).to.be.rejectedWith("bad response data");
      await expect(bomb).to.be.rejected.and.eventually.have.property("code", "SERVER_ERROR");
    });

    it("serves FetchRequest.send, whose cancel() stops a request in flight with CANCELLED", async function () {
      override = { status: 200, body: '{"ok":true}', chunkSize: 2 };
      const request = get();
      request.getUrlFunc = nodeGetUrl;
      expect((await request.send()).bodyJson).to.deep.equal({ ok: true });
      override = { status: 200, body: "late", delayMs: 1_000 };
      const late = get();
      late.getUrlFunc = nodeGetUrl;
      const pending = late.send();
      setTimeout(() => {
        late.cancel();
      }, 50);
      await expect(pending).to.be.rejected.and.eventually.have.property("code", "CANCELLED");
    });
  });
});
