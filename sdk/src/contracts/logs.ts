import type { Log, Provider } from "ethers";

/** What {@link chunkedLogs} reads. */
export interface ChunkedLogsQuery {
  readonly address: string;
  readonly topics: readonly (string | null)[];
  /** First and last block, inclusive (a negative `from` reads from block 0). */
  readonly from: number;
  readonly to: number;
  /** Most blocks one `eth_getLogs` covers. */
  readonly chunk: number;
  /** Stop after the first range that held a match. */
  readonly firstOnly?: boolean;
  /** Checked before each query: an aborted signal ends the read with its reason. */
  readonly signal?: AbortSignal;
}

/**
 * The logs of `address` matching `topics` in blocks `from..to`, in chain order, at most `chunk` blocks per
 * `eth_getLogs`, so that no node refuses a range as too long.
 */
export async function chunkedLogs(provider: Provider, query: ChunkedLogsQuery): Promise<Log[]> {
  const found: Log[] = [];
  for (let start = Math.max(query.from, 0); start <= query.to; start += query.chunk) {
    query.signal?.throwIfAborted();
    const logs = await provider.getLogs({
      address: query.address,
      topics: [...query.topics],
      fromBlock: start,
      toBlock: Math.min(query.to, start + query.chunk - 1),
    });
    found.push(...[...logs].sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index));
    if (query.firstOnly === true && found.length > 0) break;
  }
  return found;
}
