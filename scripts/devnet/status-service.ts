/**
 * The devnet's `status` service: lane C's status page server (scripts/devnet/status/server.ts,
 * `startStatusServer`) as a process of its own, with the devnet's URLs, deployment file and agents' health
 * endpoints.
 *
 * `node -r ts-node/register/transpile-only scripts/devnet/status-service.ts --port 8080 --l1 <url> --l2 <url>
 *  --deployment <file> [--agents '[{"name":"sequencer-1","url":"http://127.0.0.1:7201"}]']`
 */
import path from "node:path";

import { flag, watchParent } from "./process-args";

interface StatusModule {
  startStatusServer(options: {
    host?: string;
    port?: number;
    l1Url: string;
    l2Url: string;
    deployment: string;
    agents?: readonly { name: string; url: string }[];
  }): Promise<{ url: string; close(): Promise<void> }>;
}

async function main(): Promise<void> {
  // Loaded by path: the status page is its own module (and lane), which this runner only starts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startStatusServer } = require(path.join(__dirname, "status", "server")) as StatusModule;
  const server = await startStatusServer({
    host: "127.0.0.1",
    port: Number(flag("--port")),
    l1Url: flag("--l1"),
    l2Url: flag("--l2"),
    deployment: path.resolve(flag("--deployment")),
    agents: JSON.parse(flag("--agents", "[]")) as { name: string; url: string }[],
  });
  console.log(`status page on ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  watchParent();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
