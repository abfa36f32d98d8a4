/**
 * The signing endpoint against a slow client (slow-loris): a request whose body never completes is cut off after the
 * endpoint's request timeout, and `close()` (the agent's graceful shutdown) does not wait for it, while a request
 * being answered is still answered.
 */
import { connect, type Socket } from "node:net";

import { expect } from "chai";
import { Wallet } from "ethers";

import { PeerSigner } from "../../sdk/src/node/peer/client";
import { startPeerServer, type PeerServer } from "../../sdk/src/node/peer/server";
import type { BatchHeader } from "../../sdk/src/proof";
import { seededWord } from "../helpers/seeded";

const BATCH_CHAIN = "0x0000000000000000000000000000000000000b0c";

/** A socket that sent a request's headers and one byte of its body, and nothing more. */
async function slowRequest(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  socket.write(
    `POST / HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{`,
  );
  return socket;
}

function closed(socket: Socket): Promise<string> {
  let received = "";
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString("utf8");
  });
  socket.on("error", () => undefined);
  return new Promise((resolve) => {
    socket.once("close", () => {
      resolve(received);
    });
  });
}

describe("agents: the signing endpoint against slow clients", function () {
  const servers: PeerServer[] = [];
  const sockets: Socket[] = [];
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((server) => server.close()));
  });

  const requester = new Wallet(seededWord("peer-server requester"));
  const registry = { members: async () => [{ signer: requester.address }] };

  it("cuts off a request whose body does not arrive within its request timeout", async function () {
    const signer = { address: requester.address, sign: async () => "0x" };
    const server = await startPeerServer({ signer, registry, batchChain: BATCH_CHAIN, requestTimeoutMs: 200 });
    servers.push(server);
    const socket = await slowRequest(server.url);
    sockets.push(socket);
    expect(await closed(socket)).to.match(/^HTTP\/1\.1 408/);
  });

  it("closes without waiting for a slow request, after answering the one being signed", async function () {
    let release: () => void = () => undefined;
    const signing = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => {
      started = resolve;
    });
    const signer = {
      address: requester.address,
      sign: async () => {
        started();
        await signing;
        return "0x1234";
      },
    };
    // The default request timeout (longer than this test's) applies to the slow client.
    const server = await startPeerServer({ signer, registry, batchChain: BATCH_CHAIN });
    const slow = await slowRequest(server.url);
    sockets.push(slow);
    const slowClosed = closed(slow);
    const peer = new PeerSigner({
      address: requester.address,
      url: server.url,
      auth: requester,
      batchChain: BATCH_CHAIN,
      retries: 0,
    });
    const header = {
      batchIndex: 1n,
      parentHash: `0x${"11".repeat(32)}`,
      firstBlock: 1n,
      lastBlock: 1n,
      txCount: 0,
      txBatchRoot: `0x${"22".repeat(32)}`,
      stateBatchRoot: `0x${"33".repeat(32)}`,
      depositCount: 0n,
      depositChainHash: `0x${"44".repeat(32)}`,
      dataHash: `0x${"55".repeat(32)}`,
    } as BatchHeader;
    const answer = peer.sign(header);
    await asked;
    const closing = server.close();
    release();
    expect(await answer).to.equal("0x1234");
    await closing;
    expect(await slowClosed).to.not.match(/^HTTP\/1\.1 200/);
  });
});
