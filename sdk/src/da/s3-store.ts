import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

import {
  DADecompressionError,
  DAObjectTooLargeError,
  DAStoreUnavailableError,
  DataHashMismatchError,
  DataNotFoundError,
  InvalidDAOptionError,
} from "../errors/da";
import { SidecarMismatchError } from "../errors/proof";
import { bytes32, bytesToHex, type Hex } from "../proof";

import { checkDAIntegerOption } from "./options";
import { checkObjectKey, type DAStore } from "./store";

/** Where and how an {@link S3DAStore} reaches its bucket. */
export interface S3DAStoreConfig {
  readonly bucket: string;
  /** Prepended to every object's key (`metis/` stores a data object at `metis/0x<dataHash>`); empty by default. */
  readonly prefix?: string;
  /** A client of the caller's own; otherwise one is made from `endpoint`, `region`, `credentials`, `forcePathStyle`. */
  readonly client?: S3Client;
  /** The gateway's URL (Memo's S3 gateway, a local server); AWS's own endpoints when absent. */
  readonly endpoint?: string;
  /** `us-east-1` by default (S3-compatible gateways mostly ignore it, but requests are signed with it). */
  readonly region?: string;
  /** Required unless `client` is given: the default AWS credential chain is never consulted. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Path-style URLs (`endpoint/bucket/key`), which gateways and local servers need; `true` by default. */
  readonly forcePathStyle?: boolean;
  /** How long one request may take before it is abandoned, in milliseconds; 5,000 by default. */
  readonly timeoutMs?: number;
  /** How many times a failed or timed-out request is repeated (so `retries + 1` attempts in all); 2 by default. */
  readonly retries?: number;
  /** The wait before the first retry, doubled before each later one, in milliseconds; 100 by default. */
  readonly retryDelayMs?: number;
  /**
   * `"gzip"` stores every object gzip-compressed (the web CompressionStream). The key and every check stay over the
   * uncompressed bytes. Such a store reads both forms (no data object or sidecar starts with gzip's magic bytes, so a
   * bucket may hold both); a store without it never decompresses: an object in gzip form is then read as it is, and
   * fails the check against its key like any corrupted object.
   */
  readonly compression?: "gzip";
  /**
   * The largest object a read accepts, in bytes, both as stored and once decompressed ({@link
   * DEFAULT_MAX_OBJECT_BYTES} by default). A larger one is {@link DAObjectTooLargeError}: refused on its declared
   * length before its body is read, or as soon as the bytes read or decompressed pass the limit.
   */
  readonly maxObjectBytes?: number;
}

/**
 * The default {@link S3DAStoreConfig.maxObjectBytes}: 64 MiB. It bounds what a lying or broken gateway can make a
 * verifier or sequencer hold (an object and its decompressed form, each at most this) and decompress (a 0.5 MB gzip
 * of 512 MiB costs seconds of CPU). It is far above a real batch's data object or sidecar: each of those must be
 * answerable on L1 (a DA request's answer posts every transaction as calldata, and 64 MiB is about 2.7 billion gas at
 * the calldata floor's 40 gas a byte, some 75 full L1 blocks). A deployment with larger batches raises it.
 */
export const DEFAULT_MAX_OBJECT_BYTES = 64 * 1024 * 1024;

/** The S3 error names that mean "no such object": not worth a retry, and not an outage. */
const MISSING = new Set(["NoSuchKey", "NotFound"]);

/**
 * The Memo adapter: a DA store over S3 (Memo Labs storage is reached through an S3-compatible gateway, as Metis used
 * it). Each object lives in `bucket` at `prefix + key` (the key as lowercase hex: a data object's `dataHash`, a
 * sidecar's derived key). Every request has a timeout and failed ones are retried a bounded number of times, then
 * {@link DAStoreUnavailableError}. Writes are checked against the key the object belongs under, and so is every read:
 * bytes that do not belong under their key (corruption, a lying gateway) are {@link DataHashMismatchError} (or
 * SidecarMismatchError for a sidecar), never returned.
 */
export class S3DAStore implements DAStore {
  readonly bucket: string;
  readonly prefix: string;
  private readonly client: S3Client;
  private readonly ownsClient: boolean;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  readonly compression: "gzip" | undefined;
  readonly maxObjectBytes: number;

  /**
   * Throws {@link InvalidDAOptionError} for a timeout, retry count, delay or object size limit out of range, an
   * unknown compression, or no credentials.
   */
  constructor(config: S3DAStoreConfig) {
    const compression: unknown = config.compression; // checked for callers without the types
    if (compression !== undefined && compression !== "gzip") {
      throw new InvalidDAOptionError("compression", compression, `"gzip" or absent`);
    }
    this.compression = config.compression;
    checkDAIntegerOption("timeoutMs", config.timeoutMs, 1);
    checkDAIntegerOption("retries", config.retries, 0);
    checkDAIntegerOption("retryDelayMs", config.retryDelayMs, 0);
    checkDAIntegerOption("maxObjectBytes", config.maxObjectBytes, 1);
    this.maxObjectBytes = config.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES;
    this.bucket = config.bucket;
    this.prefix = config.prefix ?? "";
    this.timeoutMs = config.timeoutMs ?? 5_000;
    this.retries = config.retries ?? 2;
    this.retryDelayMs = config.retryDelayMs ?? 100;
    if (config.client !== undefined) {
      this.client = config.client;
      this.ownsClient = false;
    } else {
      if (config.credentials === undefined)
        throw new InvalidDAOptionError("credentials", undefined, "given unless a client is");
      this.client = new S3Client({
        endpoint: config.endpoint,
        region: config.region ?? "us-east-1",
        credentials: { ...config.credentials },
        forcePathStyle: config.forcePathStyle ?? true,
        // The store retries by itself, with its own timeout per attempt.
        maxAttempts: 1,
      });
      this.ownsClient = true;
    }
  }

  /** The object key of `key` in the bucket. */
  objectKey(key: Hex): string {
    return `${this.prefix}${bytesToHex(bytes32(key, "key"))}`;
  }

  /**
   * Stores `data` under `key` (checked: {@link checkObjectKey}). An object over `maxObjectBytes` is refused with
   * {@link DAObjectTooLargeError} before any request: readers with the same limit would refuse it.
   */
  async put(key: Hex, data: Uint8Array): Promise<void> {
    checkObjectKey(key, data);
    if (data.length > this.maxObjectBytes) throw new DAObjectTooLargeError(key, this.maxObjectBytes, "decompressed");
    // Stored as an opaque gzip file, not with Content-Encoding: gzip, which gateways and proxies may undo on the way.
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(key),
      Body: this.compression === "gzip" ? await gzip(data) : data,
      ContentType: this.compression === "gzip" ? "application/gzip" : "application/octet-stream",
    });
    await this.attempt(key, (abortSignal) => this.client.send(command, { abortSignal }));
  }

  async get(key: Hex): Promise<Uint8Array> {
    const data = await this.find(key);
    if (data === undefined) throw new DataNotFoundError(key);
    return data;
  }

  /**
   * The object under `key` (decompressed when this store compresses and the object is in gzip form), checked against
   * the key, or `undefined` when the bucket has none. Reading and decompressing happen within each attempt's timeout.
   * Throws {@link DAStoreUnavailableError} when the store cannot be reached, {@link DAObjectTooLargeError} when the
   * object, as stored or decompressed, is over `maxObjectBytes`, {@link DADecompressionError} when a compressed object
   * does not decompress, {@link DataHashMismatchError} (or SidecarMismatchError) when it returns bytes that do not
   * belong under `key`; the last three are not retried.
   */
  async find(key: Hex): Promise<Uint8Array | undefined> {
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) });
    const max = this.maxObjectBytes;
    const plain = await this.attempt(key, async (abortSignal) => {
      let response;
      try {
        response = await this.client.send(command, { abortSignal });
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      if (response.Body === undefined) return new Uint8Array();
      // Bytes, in Node (a web view of the socket's stream) and in browsers alike.
      const body = response.Body.transformToWebStream() as ReadableStream<Uint8Array>;
      if (response.ContentLength !== undefined && response.ContentLength > max) {
        await body.cancel().catch(() => undefined);
        throw new DAObjectTooLargeError(key, max, "stored");
      }
      const stored = await readCapped(body, max, abortSignal, () => new DAObjectTooLargeError(key, max, "stored"));
      if (this.compression !== "gzip" || !isGzip(stored)) return stored;
      return await gunzip(key, stored, max, abortSignal);
    });
    if (plain === undefined) return undefined;
    checkObjectKey(key, plain);
    return plain;
  }

  /** Closes the client's connections, when the store made the client. */
  destroy(): void {
    if (this.ownsClient) this.client.destroy();
  }

  /** Runs `request` up to `retries + 1` times, each within `timeoutMs`; client errors (4xx) are not repeated. */
  private async attempt<T>(key: Hex, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    let last: unknown;
    let attempts = 0;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) await sleep(this.retryDelayMs * 2 ** (attempt - 1));
      attempts++;
      try {
        return await request(AbortSignal.timeout(this.timeoutMs));
      } catch (error) {
        if (error instanceof DataHashMismatchError || error instanceof SidecarMismatchError) throw error;
        if (error instanceof DADecompressionError || error instanceof DAObjectTooLargeError) throw error;
        last = error;
        if (!retryable(error)) break;
      }
    }
    throw new DAStoreUnavailableError(key, attempts, { cause: last });
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && MISSING.has(error.name) && statusOf(error) === 404;
}

/** Network failures, timeouts, 5xx, 408 and 429 are worth repeating; other client errors are not. */
function retryable(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500 || status === 408 || status === 429;
}

/** gzip's magic bytes, which no RLP data object or sidecar starts with (theirs is a list prefix, 0xc0 and up). */
function isGzip(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

/** `data` through a web compression stream (Node 18+ and browsers). */
function pipe(data: Uint8Array, stream: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  return new Blob([new Uint8Array(data)]).stream().pipeThrough(stream);
}

async function gzip(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(pipe(data, new CompressionStream("gzip"))).arrayBuffer());
}

/**
 * The gzip object under `key`, decompressed as a stream and abandoned as soon as its output passes `max` bytes
 * ({@link DAObjectTooLargeError}) or `signal` aborts; {@link DADecompressionError} when it is corrupt.
 */
async function gunzip(key: Hex, data: Uint8Array, max: number, signal: AbortSignal): Promise<Uint8Array> {
  try {
    return await readCapped(pipe(data, new DecompressionStream("gzip")), max, signal, () => {
      return new DAObjectTooLargeError(key, max, "decompressed");
    });
  } catch (error) {
    if (error instanceof DAObjectTooLargeError || signal.aborted) throw error;
    throw new DADecompressionError(key, { cause: error });
  }
}

/**
 * Every chunk of `stream`, joined; cancels it and throws `tooLarge()` as soon as more than `max` bytes arrived, and
 * throws `signal`'s reason when it aborts (a timeout: the read is worth repeating).
 */
async function readCapped(
  stream: ReadableStream<Uint8Array>,
  max: number,
  signal: AbortSignal,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  const cancel = () => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener("abort", cancel, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      signal.throwIfAborted();
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) break;
      total += value.length;
      if (total > max) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener("abort", cancel);
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
