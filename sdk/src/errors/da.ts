import { MetisDataError, MetisError } from "./base";

/** A DA store returned bytes whose keccak256 is not the key they were asked for: the store is not trusted. */
export class DataHashMismatchError extends MetisDataError {
  override readonly name = "DataHashMismatchError" as const;

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

  constructor(
    readonly dataHash: string,
    options?: { cause?: unknown },
  ) {
    super(`DA store has no object ${dataHash}`, options);
  }
}
