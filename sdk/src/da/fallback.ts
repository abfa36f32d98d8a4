import type { JsonRpcApiProvider } from "ethers";

import { DASourceTimeoutError, DataUnavailableError, type DASourceFailure } from "../errors/da";
import type { BatchHeader } from "../proof";

import { checkDAIntegerOption } from "./options";
import { checkDataHash, dataHashOf, L2RpcDataSource, StoreDataSource, type DataSource } from "./sources";
import type { DAStore } from "./store";

/** What a {@link FallbackDataReader} is doing, reported as it goes. */
export type DAReadProgress =
  | { readonly kind: "trying"; readonly source: string; readonly timeoutMs: number | undefined }
  | { readonly kind: "failed"; readonly source: string; readonly error: unknown }
  | { readonly kind: "served"; readonly source: string; readonly bytes: number };

/** A data object and the source that served it. */
export interface DAReadResult {
  readonly data: Uint8Array;
  readonly source: string;
  /** The sources tried before it, and why each failed. */
  readonly failures: readonly DASourceFailure[];
}

/** Default per-source timeouts, in milliseconds. */
export const DA_SOURCE_TIMEOUTS = { store: 10_000, l2: 30_000 } as const;

export interface FallbackDataReaderConfig {
  /** The DA store (Memo): tried first. */
  readonly store?: DAStore | DataSource;
  /** The L2 chain's JSON-RPC (or any source in its place): tried when the store fails. */
  readonly l2?: JsonRpcApiProvider | DataSource;
  /**
   * The last resort, tried when both others fail: the batch's DA answer on L1 (raise a DA request, wait for the
   * answer, rebuild the object from its calldata). Its wait is bounded by `timeouts.l1`, unbounded by default.
   */
  readonly l1?: DataSource;
  /** Per-source timeouts in milliseconds ({@link DA_SOURCE_TIMEOUTS} by default for the store and L2). */
  readonly timeouts?: { readonly store?: number; readonly l2?: number; readonly l1?: number };
  /** Called as each source is tried, fails, or serves. */
  readonly onProgress?: (progress: DAReadProgress) => void;
}

const isSource = (value: object): value is DataSource => typeof (value as DataSource).read === "function";

/**
 * Reads a batch's data object from the first source that serves it: the DA store, then the L2 chain, then (when
 * configured) the L1 DA answer, each within its own timeout. Whatever a source returns is re-hashed against the
 * header's `dataHash` here too, so a source that lies is one more failure, not an answer. Returns the bytes and which
 * source served them; throws {@link DataUnavailableError} naming each source's failure when none does.
 */
export class FallbackDataReader {
  private readonly sources: readonly { readonly source: DataSource; readonly timeoutMs: number | undefined }[];
  private readonly onProgress: (progress: DAReadProgress) => void;

  /** Throws InvalidDAOptionError for a timeout that is not a positive integer. */
  constructor(config: FallbackDataReaderConfig) {
    for (const source of ["store", "l2", "l1"] as const) {
      checkDAIntegerOption(`timeouts.${source}`, config.timeouts?.[source], 1);
    }
    const sources: { source: DataSource; timeoutMs: number | undefined }[] = [];
    if (config.store !== undefined) {
      sources.push({
        source: isSource(config.store) ? config.store : new StoreDataSource(config.store),
        timeoutMs: config.timeouts?.store ?? DA_SOURCE_TIMEOUTS.store,
      });
    }
    if (config.l2 !== undefined) {
      sources.push({
        source: isSource(config.l2) ? config.l2 : new L2RpcDataSource(config.l2),
        timeoutMs: config.timeouts?.l2 ?? DA_SOURCE_TIMEOUTS.l2,
      });
    }
    if (config.l1 !== undefined) sources.push({ source: config.l1, timeoutMs: config.timeouts?.l1 });
    this.sources = sources;
    this.onProgress = config.onProgress ?? (() => undefined);
  }

  /** The names of the sources, in the order they are tried. */
  get sourceNames(): readonly string[] {
    return this.sources.map(({ source }) => source.name);
  }

  async read(header: BatchHeader): Promise<DAReadResult> {
    const failures: DASourceFailure[] = [];
    for (const { source, timeoutMs } of this.sources) {
      this.onProgress({ kind: "trying", source: source.name, timeoutMs });
      let data: Uint8Array;
      try {
        data = checkDataHash(header, await bounded(source.name, timeoutMs, (signal) => source.read(header, signal)));
      } catch (error) {
        failures.push({ source: source.name, error });
        this.onProgress({ kind: "failed", source: source.name, error });
        continue;
      }
      this.onProgress({ kind: "served", source: source.name, bytes: data.length });
      return { data, source: source.name, failures };
    }
    throw new DataUnavailableError(dataHashOf(header), failures);
  }
}

/**
 * `run(signal)`, abandoned with {@link DASourceTimeoutError} naming `source` (and `signal` aborted) after `timeoutMs`,
 * if given. Work that ignores the signal (a DA store: `get` takes none) finishes in the background within its own
 * timeouts.
 */
export async function bounded<T>(
  source: string,
  timeoutMs: number | undefined,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  if (timeoutMs === undefined) return run(controller.signal);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DASourceTimeoutError(source, timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
