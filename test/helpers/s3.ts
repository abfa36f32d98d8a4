/**
 * A real S3 server for tests (s3rver, on 127.0.0.1 and a free port, files in a fresh temporary directory), and
 * loopback addresses that refuse or never answer, for outages.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";

import { S3DAStore, type S3DAStoreConfig } from "../../sdk/src/da/s3-store";

/** s3rver's fixed credentials. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;
export const S3_BUCKET = "metis-da";

/** A raw S3 client on `server`, to read and plant objects behind a store's back. Destroy it when done. */
export function rawClient(server: { readonly endpoint: string }): S3Client {
  return new S3Client({
    endpoint: server.endpoint,
    region: "us-east-1",
    credentials: S3RVER_CREDENTIALS,
    forcePathStyle: true,
  });
}

/**
 * Memo over S3 on `server` for the tests: short timeouts and one retry, so an outage fails fast (`extra` overrides
 * them). Destroy it when done.
 */
export function memoStore(server: { readonly endpoint: string }, extra: Partial<S3DAStoreConfig> = {}): S3DAStore {
  return new S3DAStore({
    bucket: S3_BUCKET,
    endpoint: server.endpoint,
    credentials: S3RVER_CREDENTIALS,
    timeoutMs: 2_000,
    retries: 1,
    retryDelayMs: 10,
    ...extra,
  });
}

export interface S3Server {
  readonly endpoint: string;
  readonly port: number;
  /** Stops the server (dropping open connections) and deletes its files; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts s3rver with `buckets`. `options.port` and `options.directory` restart a stopped server where it was, with its
 * objects (an outage that ends): a directory given by the caller is the caller's, and `stop` leaves it.
 */
export async function startS3Server(
  buckets: readonly string[] = [S3_BUCKET],
  options: { readonly port?: number; readonly directory?: string } = {},
): Promise<S3Server & { readonly directory: string }> {
  const directory = options.directory ?? mkdtempSync(path.join(tmpdir(), "metis-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  let stopped = false;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    directory,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      server.httpServer.closeAllConnections();
      await server.close();
      if (options.directory === undefined) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A loopback server that accepts connections and never answers: every request to it times out. */
export async function silentServer(): Promise<{ readonly endpoint: string; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
