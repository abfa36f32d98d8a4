/**
 * A stand-in for Memo's S3 gateway in the demo: s3rver on 127.0.0.1 at a free port, its objects in a fresh temporary
 * directory, which can be stopped (an outage) and started again at the same port with the same objects; and a closed
 * loopback port, for a server that is down.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import S3rver from "s3rver";

/** s3rver's fixed credentials. */
export const MEMO_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;
export const MEMO_BUCKET = "metis-da";

export class MemoServer {
  private server: S3rver | undefined;

  private constructor(
    readonly port: number,
    readonly directory: string,
    server: S3rver,
  ) {
    this.server = server;
  }

  /** Starts s3rver with the demo's bucket on a free loopback port. */
  static async start(): Promise<MemoServer> {
    const directory = mkdtempSync(path.join(tmpdir(), "metis-demo-memo-"));
    const { server, port } = await MemoServer.run(0, directory);
    return new MemoServer(port, directory, server);
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Stops the server, dropping open connections; its objects stay for {@link resume}. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    server.httpServer.closeAllConnections();
    await server.close();
  }

  /** Starts the stopped server again at the same port, with the same objects. */
  async resume(): Promise<void> {
    if (this.server !== undefined) return;
    this.server = (await MemoServer.run(this.port, this.directory)).server;
  }

  /** Stops the server and deletes its objects. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.directory, { recursive: true, force: true });
  }

  private static async run(port: number, directory: string): Promise<{ server: S3rver; port: number }> {
    const server = new S3rver({
      address: "127.0.0.1",
      port,
      silent: true,
      directory,
      configureBuckets: [{ name: MEMO_BUCKET }],
    });
    const address = await server.run();
    return { server, port: address.port };
  }
}

/** A loopback port nothing listens on (bound, then released): an unreachable server. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
