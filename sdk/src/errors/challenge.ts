import { MetisArgumentError, MetisDataError, MetisError } from "./base";

/**
 * An L2 block header rebuilt as RLP from a node's `eth_getBlockBy*` fields does not hash to the block's hash: the node
 * returned a field this SDK does not encode (a newer fork), or altered one.
 */
export class BlockHeaderEncodingError extends MetisDataError {
  override readonly name = "BlockHeaderEncodingError" as const;
  static override readonly brand: string = "BlockHeaderEncodingError";

  constructor(
    /** The block hash the node reported. */
    readonly blockHash: string,
    /** keccak256 of the RLP header rebuilt from its fields. */
    readonly rlpHash: string,
  ) {
    super(`the RLP header rebuilt from the node's fields hashes to ${rlpHash}, not to block ${blockHash}`);
  }
}

/**
 * The committed data a challenge was given (block leaves, or transactions per block) does not rebuild the header's
 * root, so no Merkle proof against that root can be made from it.
 */
export class CommittedDataMismatchError extends MetisArgumentError {
  override readonly name = "CommittedDataMismatchError" as const;
  static override readonly brand: string = "CommittedDataMismatchError";

  constructor(
    /** Which root: `stateBatchRoot` (block leaves) or `txBatchRoot` (transaction leaves). */
    readonly root: "stateBatchRoot" | "txBatchRoot",
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`the committed leaves given build ${root} ${actual}, the header holds ${expected}`);
  }
}

/**
 * The L2 node cannot supply the evidence a challenge needs: it lacks the block, or its block does not match what the
 * batch committed (another state root, transactions that do not build the header's transactions root).
 */
export class L2EvidenceError extends MetisDataError {
  override readonly name = "L2EvidenceError" as const;
  static override readonly brand: string = "L2EvidenceError";

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`no evidence from the L2 node: ${reason}`, options);
  }
}

/** A challenge needs part of its context that was not given (the previous batch, for a parent link at leaf 0). */
export class MissingChallengeContextError extends MetisArgumentError {
  override readonly name = "MissingChallengeContextError" as const;
  static override readonly brand: string = "MissingChallengeContextError";

  constructor(
    /** The finding's kind. */
    readonly kind: string,
    /** The context field it needs. */
    readonly field: string,
  ) {
    super(`a ${kind} challenge needs context.${field}`);
  }
}

/**
 * No `submitBatch` transaction with batch `batchIndex`'s header was found in the L1 logs, or its calldata is not a
 * direct `submitBatch` call (a batch sent through another contract), so its signatures cannot be read from it.
 */
export class SubmissionNotFoundError extends MetisError {
  override readonly name = "SubmissionNotFoundError" as const;
  static override readonly brand: string = "SubmissionNotFoundError";

  constructor(
    readonly batchIndex: bigint,
    readonly reason: string,
  ) {
    super(`no submitBatch calldata for batch ${batchIndex}: ${reason}`);
  }
}
