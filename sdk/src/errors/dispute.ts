import { MetisDataError, MetisError } from "./base";

/** DisputeManager has no execution dispute `id` (`disputeStatus` says None): never opened, or another id. */
export class DisputeNotFoundError extends MetisError {
  override readonly name = "DisputeNotFoundError" as const;
  static override readonly brand: string = "DisputeNotFoundError";

  constructor(readonly id: string) {
    super(`no execution dispute ${id}`);
  }
}

/** `waitForDispute` gave up: dispute `id` was still `status` (none of the awaited ones) after `timeoutMs`. */
export class DisputeWaitTimeoutError extends MetisError {
  override readonly name = "DisputeWaitTimeoutError" as const;
  static override readonly brand: string = "DisputeWaitTimeoutError";

  constructor(
    readonly id: string,
    /** The status last read. */
    readonly status: string,
    readonly timeoutMs: number,
  ) {
    super(`execution dispute ${id} is still ${status} after ${timeoutMs} ms`);
  }
}

/** `waitForDispute` was aborted through its signal while dispute `id` was `status`; `cause` is the signal's reason. */
export class DisputeWaitAbortedError extends MetisError {
  override readonly name = "DisputeWaitAbortedError" as const;
  static override readonly brand: string = "DisputeWaitAbortedError";

  constructor(
    readonly id: string,
    /** The status last read (undefined when aborted before the first read). */
    readonly status: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      `waiting for execution dispute ${id} was aborted${status === undefined ? "" : ` while it was ${status}`}`,
      options,
    );
  }
}

/**
 * `voter` committed in dispute `id` (the registry holds its commitment) but its store has no vote record with the
 * salt: the vote cannot be revealed, and the verifier will be struck for it. Keep the store (it holds the salts) with
 * the key.
 */
export class VoteSaltMissingError extends MetisError {
  override readonly name = "VoteSaltMissingError" as const;
  static override readonly brand: string = "VoteSaltMissingError";

  constructor(
    readonly id: string,
    readonly voter: string,
  ) {
    super(`${voter} committed in dispute ${id}, but its store holds no salt to reveal with`);
  }
}

/**
 * The vote record in `voter`'s store for dispute `id` does not hash to the commitment the registry holds: the store
 * is another voter's, or was altered. Revealing it would revert (VerifierRegistryRevealMismatch).
 */
export class VoteRecordMismatchError extends MetisDataError {
  override readonly name = "VoteRecordMismatchError" as const;
  static override readonly brand: string = "VoteRecordMismatchError";

  constructor(
    readonly id: string,
    readonly voter: string,
    /** The commitment the registry holds. */
    readonly expected: string,
    /** The commitment of the stored vote. */
    readonly actual: string,
  ) {
    super(`the stored vote of ${voter} in dispute ${id} commits to ${actual}, the registry holds ${expected}`);
  }
}

/**
 * `voter` had no weight when dispute `id` opened (at the second before `openedAt`: it staked later, asked to exit, or
 * was removed), so the registry would refuse its commitment (VerifierRegistryNoStakeAtOpening). Nothing was sent.
 */
export class NoVoteWeightError extends MetisError {
  override readonly name = "NoVoteWeightError" as const;
  static override readonly brand: string = "NoVoteWeightError";

  constructor(
    readonly id: string,
    readonly voter: string,
    readonly openedAt: bigint,
  ) {
    super(`${voter} had no verifier stake when dispute ${id} opened (at ${openedAt}), so it cannot vote in it`);
  }
}
