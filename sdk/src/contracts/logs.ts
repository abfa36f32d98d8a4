import type { Log, Provider } from "ethers";

import { InvalidLogScanOptionError } from "../errors/deployment";

/** Block ranges of `eth_getLogs` at most this long by default, as public RPC providers require. */
export const DEFAULT_LOG_CHUNK = 2_000;

/** How far a bounded log scan has got: after each range, the range read and the blocks read of all. */
export interface LogScanProgress {
  /** The range just read, inclusive. */
  readonly from: number;
  readonly to: number;
  /** Blocks read so far and blocks to read in all (`done === total` after the last range). */
  readonly done: number;
  readonly total: number;
}

/** A block range read in bounded pieces: by {@link chunkedLogs} and {@link chunkedScan}. */
export interface ChunkedRange {
  /** First and last block, inclusive (a negative `from` reads from block 0). */
  readonly from: number;
  readonly to: number;
  /** Most blocks one `eth_getLogs` covers (default {@link DEFAULT_LOG_CHUNK}). */
  readonly chunk?: number;
  /** Stop after the first range that held a match. */
  readonly firstOnly?: boolean;
  /**
   * Read the ranges from `to` down to `from` (each range's results still in chain order): with `firstOnly`, the
   * latest range that held a match.
   */
  readonly reverse?: boolean;
  /** Checked before each query: an aborted signal ends the read with its reason. */
  readonly signal?: AbortSignal;
  /** Called after each range is read. */
  readonly onProgress?: (progress: LogScanProgress) => void;
}

/**
 * `read(start, end)` over blocks `from..to` in consecutive ranges of at most `chunk` blocks, the results joined in
 * range order: how a typed query (`contract.queryFilter(filter, start, end)`) is bounded. Throws
 * InvalidLogScanOptionError for a `chunk` that is not a positive integer.
 */
export async function chunkedScan<T>(
  range: ChunkedRange,
  read: (fromBlock: number, toBlock: number) => Promise<readonly T[]>,
): Promise<T[]> {
  const chunk = range.chunk ?? DEFAULT_LOG_CHUNK;
  if (!Number.isSafeInteger(chunk) || chunk < 1)
    throw new InvalidLogScanOptionError("chunk", chunk, "a positive integer");
  const first = Math.max(range.from, 0);
  const total = Math.max(range.to - first + 1, 0);
  const found: T[] = [];
  for (let done = 0; done < total;) {
    range.signal?.throwIfAborted();
    const size = Math.min(chunk, total - done);
    const start = range.reverse === true ? range.to - done - size + 1 : first + done;
    const end = start + size - 1;
    const results = await read(start, end);
    if (range.reverse === true) found.unshift(...results);
    else found.push(...results);
    done += size;
    range.onProgress?.({ from: start, to: end, done, total });
    if (range.firstOnly === true && found.length > 0) break;
  }
  return found;
}

/** What {@link chunkedLogs} reads. */
export interface ChunkedLogsQuery extends ChunkedRange {
  readonly address: string;
  /** Topic filters by position: a topic, any of several, or any (null). */
  readonly topics: readonly (string | readonly string[] | null)[];
}

/**
 * The logs of `address` matching `topics` in blocks `from..to`, in chain order, at most `chunk` blocks per
 * `eth_getLogs`, so that no node refuses a range as too long.
 */
export async function chunkedLogs(provider: Provider, query: ChunkedLogsQuery): Promise<Log[]> {
  const topics = query.topics.map((topic) => (topic === null || typeof topic === "string" ? topic : [...topic]));
  return chunkedScan(query, async (fromBlock, toBlock) => {
    const logs = await provider.getLogs({ address: query.address, topics, fromBlock, toBlock });
    return [...logs].sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
  });
}
