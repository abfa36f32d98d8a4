import { MetisArgumentError, MetisDataError, MetisError } from "./base";

/** A verifier option is outside what it accepts (a chunk size that is not a positive integer, say). */
export class InvalidVerifierOptionError extends MetisArgumentError {
  override readonly name = "InvalidVerifierOptionError" as const;
  static override readonly brand: string = "InvalidVerifierOptionError";

  constructor(
    readonly option: string,
    readonly value: unknown,
    /** What it must be. */
    readonly expected: string,
  ) {
    super(`verifier option ${option} is ${String(value)}; it must be ${expected}`);
  }
}

/** A signature handed to `Verifier.observe` is not a 65-byte ECDSA signature that recovers. */
export class InvalidHeaderSignatureError extends MetisArgumentError {
  override readonly name = "InvalidHeaderSignatureError" as const;
  static override readonly brand: string = "InvalidHeaderSignatureError";

  constructor(
    readonly signature: string,
    options?: { cause?: unknown },
  ) {
    super(`not a recoverable header signature: ${signature}`, options);
  }
}

/** A cursor store returned something that is not a verifier cursor (a truncated or foreign file). */
export class MalformedCursorError extends MetisDataError {
  override readonly name = "MalformedCursorError" as const;
  static override readonly brand: string = "MalformedCursorError";

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`malformed verifier cursor: ${reason}`, options);
  }
}

/** The persisted cursor belongs to another BatchChain (or another L1 chain) than this verifier follows. */
export class CursorMismatchError extends MetisError {
  override readonly name = "CursorMismatchError" as const;
  static override readonly brand: string = "CursorMismatchError";

  constructor(
    /** `chainId:batchChain` this verifier follows. */
    readonly expected: string,
    /** `chainId:batchChain` of the cursor. */
    readonly actual: string,
  ) {
    super(`the verifier cursor follows ${actual}, this verifier ${expected}`);
  }
}

/**
 * The L1 logs do not continue the batch chain the verifier holds: a BatchSubmitted for another index than the next,
 * or a rollback of batches it never saw. The start block is after the chain began, or the node dropped logs.
 */
export class BatchSequenceError extends MetisDataError {
  override readonly name = "BatchSequenceError" as const;
  static override readonly brand: string = "BatchSequenceError";

  constructor(
    readonly expectedIndex: bigint,
    readonly actualIndex: bigint,
    /** The L1 block of the log. */
    readonly l1Block: bigint,
  ) {
    super(`L1 block ${l1Block} logs batch ${actualIndex}; the verifier expected batch ${expectedIndex}`);
  }
}

/** The replica's genesis block is not batch 0's only block leaf: the replica is another chain than the rollup's L2. */
export class ReplicaGenesisMismatchError extends MetisError {
  override readonly name = "ReplicaGenesisMismatchError" as const;
  static override readonly brand: string = "ReplicaGenesisMismatchError";

  constructor(
    /** Batch 0's stateBatchRoot (the genesis block leaf). */
    readonly expected: string,
    /** The leaf of the replica's block 0. */
    readonly actual: string,
  ) {
    super(`the replica's genesis leaf is ${actual}, batch 0 commits ${expected}`);
  }
}

/**
 * Replaying a batch the verifier had already checked (to bring a fresh replica up to its cursor) gave another last
 * block hash than the committed one it checked before: the replica or the data it was fed has changed.
 */
export class ReplicaDivergedError extends MetisError {
  override readonly name = "ReplicaDivergedError" as const;
  static override readonly brand: string = "ReplicaDivergedError";

  constructor(
    readonly batchIndex: bigint,
    readonly blockNumber: bigint,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`replaying checked batch ${batchIndex} gave block ${blockNumber} hash ${actual}, expected ${expected}`);
  }
}

/** A batch the verifier must replay again (to catch its replica up) has no data it can read any more. */
export class ReplayDataMissingError extends MetisError {
  override readonly name = "ReplayDataMissingError" as const;
  static override readonly brand: string = "ReplayDataMissingError";

  constructor(
    readonly batchIndex: bigint,
    readonly dataHash: string,
  ) {
    super(`batch ${batchIndex} must be replayed again, but neither the DA store nor the L2 has its data ${dataHash}`);
  }
}
