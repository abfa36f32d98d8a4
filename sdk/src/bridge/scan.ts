import type { Log, Provider } from "ethers";

import { chunkedLogs } from "../contracts/logs";

/** Blocks per `eth_getLogs` the bridge reads by default: within what public RPC providers accept. */
export const DEFAULT_BRIDGE_LOG_CHUNK = 5_000;

/** Where a bridge log scan is: blocks `from..to` of `chain` read so far, `done` of `total` blocks. */
export interface ScanProgress {
  readonly chain: "L1" | "L2";
  /** The scan's first and last block (inclusive). */
  readonly from: number;
  readonly to: number;
  /** Blocks read so far, and in all: `done === total` on the last report of a whole scan. */
  readonly done: number;
  readonly total: number;
}

/** How the bridge reads logs: at most `logChunk` blocks per `eth_getLogs`, reporting each range read. */
export interface ScanOptions {
  /** Most blocks one `eth_getLogs` covers (default {@link DEFAULT_BRIDGE_LOG_CHUNK}). */
  readonly logChunk?: number;
  /** Called after each range a scan reads (once with `done === total === 0` when there is nothing new to read). */
  readonly onScanProgress?: (progress: ScanProgress) => void;
}

/** A topic filter as ethers' `filters.X(...).getTopicFilter()` gives it for the bridge's events (no OR lists). */
export type Topics = readonly (string | null)[];

/**
 * The logs of `address` matching `topics` in blocks `from..to` of `chain`, in chain order, `chunk` blocks per
 * `eth_getLogs` (through {@link chunkedLogs}), with `onProgress` told after each range.
 */
export async function scanLogs(
  provider: Provider,
  chain: "L1" | "L2",
  query: { readonly address: string; readonly topics: Topics; readonly from: number; readonly to: number },
  options: {
    readonly chunk: number;
    readonly onProgress?: ScanOptions["onScanProgress"];
    /** Stop after the first range that held a match (the last report then has `done < total`). */
    readonly firstOnly?: boolean;
  },
): Promise<Log[]> {
  const { address, topics, from, to } = query;
  const total = Math.max(to - from + 1, 0);
  const found: Log[] = [];
  if (total === 0) options.onProgress?.({ chain, from, to, done: 0, total: 0 });
  for (let start = from; start <= to; start += options.chunk) {
    const end = Math.min(to, start + options.chunk - 1);
    found.push(...(await chunkedLogs(provider, { address, topics, from: start, to: end, chunk: options.chunk })));
    options.onProgress?.({ chain, from, to, done: end - from + 1, total });
    if (options.firstOnly === true && found.length > 0) break;
  }
  return found;
}
