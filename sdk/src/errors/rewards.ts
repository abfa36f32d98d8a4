import { MetisArgumentError, MetisDataError } from "./base";

/** A rewards option is outside what it accepts (a `maxBatches` that is not a positive integer, say). */
export class InvalidRewardsOptionError extends MetisArgumentError {
  override readonly name = "InvalidRewardsOptionError" as const;
  static override readonly brand: string = "InvalidRewardsOptionError";

  constructor(
    readonly option: string,
    readonly value: unknown,
    /** What it must be. */
    readonly expected: string,
  ) {
    super(`rewards option ${option} is ${String(value)}; it must be ${expected}`);
  }
}

/**
 * The keys the reward pool credited for a batch cannot be rebuilt from its `BatchSettled` logs (the L1 node prunes
 * logs, or the search starts after the first settlement: `fromBlock`), so no further settlement of it can be sent.
 */
export class CreditedSignersUnknownError extends MetisDataError {
  override readonly name = "CreditedSignersUnknownError" as const;
  static override readonly brand: string = "CreditedSignersUnknownError";

  constructor(
    readonly batchIndex: bigint,
    /** The hash the pool holds. */
    readonly expected: string,
    /** The hash of the keys found in the logs. */
    readonly found: string,
  ) {
    super(
      `batch ${batchIndex}: the BatchSettled logs give credited keys hashing to ${found}, the pool holds ${expected}`,
    );
  }
}

/** The reward pool's client was given no pool address: the sequencer's config names none (`rewardPool`). */
export class RewardPoolNotConfiguredError extends MetisArgumentError {
  override readonly name = "RewardPoolNotConfiguredError" as const;
  static override readonly brand: string = "RewardPoolNotConfiguredError";

  constructor() {
    super("no reward pool configured: set `rewardPool` in the sequencer's config");
  }
}
