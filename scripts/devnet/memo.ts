/**
 * The devnet's Memo (`memo`): s3rver, a real S3 server, on 127.0.0.1 with one bucket, its objects in a directory of
 * the devnet's, so that a restart serves what was stored before. S3 clients need `forcePathStyle: true` and any
 * credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).
 *
 * `node -r ts-node/register/transpile-only scripts/devnet/memo.ts --port 9000 --directory .devnet/memo --bucket memo`
 */
import { mkdirSync } from "node:fs";

import S3rver from "s3rver";

import { flag, watchParent } from "./process-args";

async function main(): Promise<void> {
  const port = Number(flag("--port"));
  const directory = flag("--directory");
  const bucket = flag("--bucket");
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: "127.0.0.1",
    port,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const address = await server.run();
  console.log(`s3rver on http://127.0.0.1:${address.port}, bucket ${bucket}, objects in ${directory}`);
  const stop = () => {
    server.httpServer.closeAllConnections();
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  watchParent();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
