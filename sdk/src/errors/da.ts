import { MetisArgumentError, MetisDataError, MetisError } from "./base";

/** A DA store returned bytes whose keccak256 is not the key they were asked for: the store is not trusted. */
export class DataHashMismatchError extends MetisDataError {
  override readonly name = "DataHashMismatchError" as const;
  static override readonly brand: string = "DataHashMismatchError";

  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`DA store returned data hashing to ${actual}, expected ${expected}`);
  }
}

/** The DA store has no object under `dataHash`. */
export class DataNotFoundError extends MetisError {
  override readonly name = "DataNotFoundError" as const;
  static override readonly brand: string = "DataNotFoundError";

  constructor(
    readonly dataHash: string,
    options?: { cause?: unknown },
  ) {
    super(`DA store has no object ${dataHash}`, options);
  }
}

/**
 * A DA store could not be reached: each of `attempts` requests for `key` failed or timed out (`cause` is the last
 * failure). Unlike {@link DataNotFoundError}, the store may still hold the object.
 */
export class DAStoreUnavailableError extends MetisError {
  override readonly name = "DAStoreUnavailableError" as const;
  static override readonly brand: string = "DAStoreUnavailableError";

  constructor(
    readonly key: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`DA store unreachable for ${key} after ${attempts} attempt${attempts === 1 ? "" : "s"}`, options);
  }
}

/** A data source did not answer within its timeout. */
export class DASourceTimeoutError extends MetisError {
  override readonly name = "DASourceTimeoutError" as const;
  static override readonly brand: string = "DASourceTimeoutError";

  constructor(
    readonly source: string,
    readonly timeoutMs: number,
  ) {
    super(`DA source ${source} did not answer within ${timeoutMs} ms`);
  }
}

/** Why one data source did not serve a batch's data object. */
export interface DASourceFailure {
  readonly source: string;
  readonly error: unknown;
}

/** No data source served the data object `dataHash`; `failures` says why each one did not, in the order tried. */
export class DataUnavailableError extends MetisError {
  override readonly name = "DataUnavailableError" as const;
  static override readonly brand: string = "DataUnavailableError";

  constructor(
    readonly dataHash: string,
    readonly failures: readonly DASourceFailure[],
  ) {
    super(
      `no source served data object ${dataHash}: ${
        failures.length === 0
          ? "no source configured"
          : failures.map(({ source, error }) => `${source}: ${describe(error)}`).join("; ")
      }`,
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A DA store or reader option is outside what it accepts (a timeout that is not a positive integer, say). */
export class InvalidDAOptionError extends MetisArgumentError {
  override readonly name = "InvalidDAOptionError" as const;
  static override readonly brand: string = "InvalidDAOptionError";

  constructor(
    readonly option: string,
    readonly value: unknown,
    /** What it must be. */
    readonly expected: string,
  ) {
    super(`DA option ${option} is ${String(value)}; it must be ${expected}`);
  }
}

/** The batch `headerHash` has no DA request, and the L1 data source was given no requester to raise one. */
export class DANotRequestedError extends MetisError {
  override readonly name = "DANotRequestedError" as const;
  static override readonly brand: string = "DANotRequestedError";

  constructor(readonly headerHash: string) {
    super(`no DA request against header ${headerHash}, and no requester to raise one`);
  }
}

/** The DA request against `headerHash` ended unanswered: `Expired` (rolled back, signers slashed) or `Void`. */
export class DARequestClosedError extends MetisError {
  override readonly name = "DARequestClosedError" as const;
  static override readonly brand: string = "DARequestClosedError";

  constructor(
    readonly headerHash: string,
    readonly status: "Expired" | "Void",
  ) {
    super(`the DA request against header ${headerHash} ended unanswered: ${status}`);
  }
}

/**
 * The DA answer on L1 for `headerHash` is not a whole, consistent answer: a chunk's logged counts and its calldata
 * disagree, a chunk is missing, a transaction sits outside the batch's blocks, or the posted block leaves are not the
 * header's. `reason` says which.
 */
export class DAAnswerMalformedError extends MetisDataError {
  override readonly name = "DAAnswerMalformedError" as const;
  static override readonly brand: string = "DAAnswerMalformedError";

  constructor(
    readonly headerHash: string,
    readonly reason: string,
  ) {
    super(`DA answer for header ${headerHash} is malformed: ${reason}`);
  }
}

/** The DA request against `headerHash` can no longer be answered: its window ended at `deadline`. */
export class DADeadlinePassedError extends MetisError {
  override readonly name = "DADeadlinePassedError" as const;
  static override readonly brand: string = "DADeadlinePassedError";

  constructor(
    readonly headerHash: string,
    readonly deadline: bigint,
  ) {
    super(`the DA request against header ${headerHash} closed at ${deadline}: too late to answer`);
  }
}

/** One transaction or block leaf (item `position` of the answer) needs `gas` alone, more than the chunk budget. */
export class DAChunkTooLargeError extends MetisError {
  override readonly name = "DAChunkTooLargeError" as const;
  static override readonly brand: string = "DAChunkTooLargeError";

  constructor(
    readonly position: number,
    readonly gas: bigint,
    readonly budget: bigint,
  ) {
    super(`answer item ${position} alone needs ${gas} gas, over the chunk budget of ${budget}`);
  }
}

/** A DA store's compressed object under `key` does not decompress (corrupt or truncated): the store is not trusted. */
export class DADecompressionError extends MetisDataError {
  override readonly name = "DADecompressionError" as const;
  static override readonly brand: string = "DADecompressionError";

  constructor(
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`DA store object ${key} is compressed but does not decompress`, options);
  }
}

/**
 * A DA store's object under `key` is over the reader's `maxBytes` (S3DAStore's `maxObjectBytes`): as `stored` (its
 * declared length or the bytes read) or once `decompressed` (a compression bomb). The read stops there, so a lying
 * or broken store cannot exhaust a reader's memory or CPU; the store is not trusted, and the read is not repeated.
 */
export class DAObjectTooLargeError extends MetisDataError {
  override readonly name = "DAObjectTooLargeError" as const;
  static override readonly brand: string = "DAObjectTooLargeError";

  constructor(
    readonly key: string,
    readonly maxBytes: number,
    readonly form: "stored" | "decompressed",
  ) {
    super(
      `DA store object ${key} is over the ${maxBytes}-byte limit ${form === "stored" ? "as stored" : "once decompressed"}`,
    );
  }
}
