import { S3DAStore } from "../../da/s3-store";
import type { DAStore } from "../../da/store";
import { FileDAStore } from "../da/file-store";

import type { AgentStoreConfig } from "./config";

/** The DA store an agent's config names, with `destroy` to release its connections. */
export function openAgentStore(config: AgentStoreConfig): DAStore & { destroy(): void } {
  if (config.kind === "file") {
    const store = new FileDAStore(config.directory);
    return Object.assign(store, { destroy: () => undefined });
  }
  return new S3DAStore({
    bucket: config.bucket,
    prefix: config.prefix,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    ...(config.region === undefined ? {} : { region: config.region }),
    ...(config.compression === undefined ? {} : { compression: config.compression }),
    credentials: config.credentials,
    // Local S3 servers (the devnet's s3rver) serve buckets by path, not by host name.
    forcePathStyle: true,
  });
}
