import { MetisArgumentError, MetisDataError, MetisError } from "./base";

/** No withdrawal with that hash or index was initiated on L2 (per the L2 bridge's events). */
export class WithdrawalNotFoundError extends MetisError {
  override readonly name = "WithdrawalNotFoundError" as const;
  static override readonly brand: string = "WithdrawalNotFoundError";

  constructor(readonly withdrawal: string) {
    super(`no L2 withdrawal ${withdrawal}`);
  }
}

/** The node knows no transaction with that hash (or it is still pending); `chain` says which node (L2 by default). */
export class TransactionNotFoundError extends MetisError {
  override readonly name = "TransactionNotFoundError" as const;
  static override readonly brand: string = "TransactionNotFoundError";

  constructor(
    readonly txHash: string,
    readonly chain: "L1" | "L2" = "L2",
  ) {
    super(`no mined ${chain} transaction ${txHash}`);
  }
}

/** The L2 block holding the withdrawal or transaction is not in any batch yet, so there is nothing to prove against. */
export class NotCommittedError extends MetisError {
  override readonly name = "NotCommittedError" as const;
  static override readonly brand: string = "NotCommittedError";

  constructor(readonly l2BlockNumber: bigint) {
    super(`L2 block ${l2BlockNumber} is not committed to L1 yet`);
  }
}

/** What the nodes returned does not rebuild the commitment on L1: a node is wrong, or the batch is. */
export class ProofBuildError extends MetisDataError {
  override readonly name = "ProofBuildError" as const;
  static override readonly brand: string = "ProofBuildError";
}

/** The awaited state was not reached in time. */
export class StatusTimeoutError extends MetisError {
  override readonly name = "StatusTimeoutError" as const;
  static override readonly brand: string = "StatusTimeoutError";

  constructor(
    readonly waitedFor: string,
    readonly last: string,
    readonly timeoutMs: number,
  ) {
    super(`gave up waiting for ${waitedFor} after ${timeoutMs} ms (last seen: ${last})`);
  }
}

/** A bridge action or read was given a value it cannot use (a malformed address or hash, an amount not above 0). */
export class BridgeArgumentError extends MetisArgumentError {
  override readonly name = "BridgeArgumentError" as const;
  static override readonly brand: string = "BridgeArgumentError";

  constructor(
    /** The parameter, as the method names it (`to`, `amount`, `l1TxHash`). */
    readonly argument: string,
    /** What was passed, as text. */
    readonly value: string,
    readonly expected: string,
  ) {
    super(`${argument} must be ${expected} (got ${value})`);
  }
}

/** A BridgeWriter action needs a signer on that chain and the writer was made without one. */
export class SignerRequiredError extends MetisArgumentError {
  override readonly name = "SignerRequiredError" as const;
  static override readonly brand: string = "SignerRequiredError";

  constructor(
    readonly chain: "L1" | "L2",
    /** The action that needs it (`depositETH`, `withdrawETH`, ...). */
    readonly action: string,
  ) {
    super(`${action} needs an ${chain} signer (pass ${chain === "L1" ? "l1Signer" : "l2Signer"})`);
  }
}

/** The signer (or provider) is on another chain than the deployment's: a wallet switched to the wrong network. */
export class ChainMismatchError extends MetisArgumentError {
  override readonly name = "ChainMismatchError" as const;
  static override readonly brand: string = "ChainMismatchError";

  constructor(
    readonly chain: "L1" | "L2",
    readonly expectedChainId: bigint,
    readonly actualChainId: bigint,
  ) {
    super(`the ${chain} signer is on chain ${actualChainId}, the deployment's ${chain} is chain ${expectedChainId}`);
  }
}

/** The L1 transaction exists but queued no deposit (it did not call the deployment's L1 bridge, or reverted). */
export class NoDepositInTransactionError extends MetisError {
  override readonly name = "NoDepositInTransactionError" as const;
  static override readonly brand: string = "NoDepositInTransactionError";

  constructor(readonly l1TxHash: string) {
    super(`L1 transaction ${l1TxHash} queued no deposit on the bridge`);
  }
}

/** The L2 transaction exists but initiated no withdrawal on the deployment's L2 bridge. */
export class NoWithdrawalInTransactionError extends MetisError {
  override readonly name = "NoWithdrawalInTransactionError" as const;
  static override readonly brand: string = "NoWithdrawalInTransactionError";

  constructor(readonly l2TxHash: string) {
    super(`L2 transaction ${l2TxHash} initiated no withdrawal on the bridge`);
  }
}

/**
 * A token's `approve` returned false (a non-reverting token refused): no allowance was set. Thrown before sending,
 * from the call's simulation, or after mining when the transaction's simulation at its block returns false.
 */
export class TokenApprovalFailedError extends MetisError {
  override readonly name = "TokenApprovalFailedError" as const;
  static override readonly brand: string = "TokenApprovalFailedError";

  constructor(
    readonly token: string,
    readonly spender: string,
    readonly amount: bigint,
  ) {
    super(`token ${token} returned false from approve(${spender}, ${amount})`);
  }
}

/**
 * A sent transaction was replaced by another with its nonce (`reason` as ethers reports it: `replaced`, `cancelled`),
 * so the action did not happen as sent. A replacement that only repriced the same call is not an error.
 */
export class TransactionReplacedError extends MetisError {
  override readonly name = "TransactionReplacedError" as const;
  static override readonly brand: string = "TransactionReplacedError";

  constructor(
    readonly txHash: string,
    readonly reason: string,
    readonly replacementHash: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`transaction ${txHash} was ${reason}${replacementHash ? ` by ${replacementHash}` : ""}`, options);
  }
}

/** A sent transaction was not mined within the wait's timeout (dropped from the mempool, or underpriced). */
export class TransactionTimeoutError extends MetisError {
  override readonly name = "TransactionTimeoutError" as const;
  static override readonly brand: string = "TransactionTimeoutError";

  constructor(
    readonly txHash: string,
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(`transaction ${txHash} was not mined within ${timeoutMs} ms`, options);
  }
}
