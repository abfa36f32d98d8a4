import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

import { expect } from "chai";
import { JsonRpcProvider } from "ethers";

import { createL2Chain, L2_CHAIN_ID } from "../../sdk/src/node";
import { signedBlobTransaction } from "../helpers/transactions";

/** Hardhat's command line, as its package.json's `bin` names it (what `npx hardhat` runs). */
function hardhatBin(): string {
  const manifest = require.resolve("hardhat/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: { hardhat: string } };
  return path.join(path.dirname(manifest), bin.hardhat);
}

/** A free TCP port on loopback. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("devnet: the L2 as a hardhat node", function () {
  this.timeout(120_000);
  let node: ChildProcess | undefined;

  // Stop the node and wait until it has exited, so that no process outlives the tests.
  after(async () => {
    const running = node;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await exited;
  });

  it("serves the same pinned genesis over HTTP as the in-process L2", async function () {
    const port = await freePort();
    const root = path.join(__dirname, "..", "..");
    node = spawn(process.execPath, [hardhatBin(), "node", "--hostname", "127.0.0.1", "--port", String(port)], {
      cwd: root,
      env: { ...process.env, METIS_L2: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    await new Promise<void>((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error(`hardhat node did not start:\n${output}`)), 90_000);
      node!.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Started HTTP and WebSocket JSON-RPC server")) {
          clearTimeout(timer);
          resolve();
        }
      });
      node!.once("exit", (code) => reject(new Error(`hardhat node exited with ${code}:\n${output}`)));
    });
    const remote = new JsonRpcProvider(`http://127.0.0.1:${port}`, undefined, { staticNetwork: true });
    // Without a Hardhat runtime: the in-process chain must not depend on the project's config to match the devnet.
    const local = await createL2Chain();
    expect(Number(await remote.send("eth_chainId", []))).to.equal(L2_CHAIN_ID);
    const [remoteGenesis, localGenesis] = await Promise.all([
      remote.send("eth_getBlockByNumber", ["0x0", false]),
      local.provider.send("eth_getBlockByNumber", ["0x0", false]),
    ]);
    expect(remoteGenesis.hash).to.equal(localGenesis.hash);
    expect(remoteGenesis.stateRoot).to.equal(localGenesis.stateRoot);
    expect(await remote.getBalance(local.system.address)).to.equal(
      await local.provider.getBalance(local.system.address),
    );
    // It applies the L2's transaction policy too: blob transactions are refused.
    const blob = signedBlobTransaction(local.users[0]!);
    await expect(remote.send("eth_sendRawTransaction", [blob.serialized])).to.be.rejectedWith(
      /does not accept transactions of type 3/,
    );
    remote.destroy();
  });
});
