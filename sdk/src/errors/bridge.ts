import { MetisDataError, MetisError } from "./base";

/** No withdrawal with that hash or index was initiated on L2 (per the L2 bridge's events). */
export class WithdrawalNotFoundError extends MetisError {
  override readonly name = "WithdrawalNotFoundError" as const;

  constructor(readonly withdrawal: string) {
    super(`no L2 withdrawal ${withdrawal}`);
  }
}

/** The L2 node knows no transaction with that hash (or it is still pending). */
export class TransactionNotFoundError extends MetisError {
  override readonly name = "TransactionNotFoundError" as const;

  constructor(readonly txHash: string) {
    super(`no mined L2 transaction ${txHash}`);
  }
}

/** The L2 block holding the withdrawal or transaction is not in any batch yet, so there is nothing to prove against. */
export class NotCommittedError extends MetisError {
  override readonly name = "NotCommittedError" as const;

  constructor(readonly l2BlockNumber: bigint) {
    super(`L2 block ${l2BlockNumber} is not committed to L1 yet`);
  }
}

/** What the nodes returned does not rebuild the commitment on L1: a node is wrong, or the batch is. */
export class ProofBuildError extends MetisDataError {
  override readonly name = "ProofBuildError" as const;
}

/** The awaited state was not reached in time. */
export class StatusTimeoutError extends MetisError {
  override readonly name = "StatusTimeoutError" as const;

  constructor(
    readonly waitedFor: string,
    readonly last: string,
    readonly timeoutMs: number,
  ) {
    super(`gave up waiting for ${waitedFor} after ${timeoutMs} ms (last seen: ${last})`);
  }
}
