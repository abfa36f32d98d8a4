import { MetisArgumentError, MetisDataError, MetisError } from "./base";

/** A signature whose signer is not a member of the current epoch, so it cannot count toward a quorum. */
export class SignerNotMemberError extends MetisArgumentError {
  override readonly name = "SignerNotMemberError" as const;
  static override readonly brand: string = "SignerNotMemberError";

  constructor(readonly signer: string) {
    super(`${signer} is not a member of the current epoch`);
  }
}

/** Two signatures from the same signer. */
export class DuplicateSignerError extends MetisArgumentError {
  override readonly name = "DuplicateSignerError" as const;
  static override readonly brand: string = "DuplicateSignerError";

  constructor(readonly signer: string) {
    super(`${signer} signed twice`);
  }
}

/** What an L2 node returned is inconsistent (a block missing, a transaction that does not hash to its hash). */
export class L2DataError extends MetisDataError {
  override readonly name = "L2DataError" as const;
  static override readonly brand: string = "L2DataError";
}

/** `buildBatch` was given no L2 block: a batch holds at least one. */
export class EmptyBatchError extends MetisArgumentError {
  override readonly name = "EmptyBatchError" as const;
  static override readonly brand: string = "EmptyBatchError";

  constructor(readonly batchIndex: bigint) {
    super(`batch ${batchIndex} would hold no L2 block; a batch holds at least one`);
  }
}

/**
 * The L1 node's DepositQueued logs lack deposits that L1Bridge has queued: the node prunes logs, or the search starts
 * after the first of them (`fromBlock`).
 */
export class DepositEventsMissingError extends MetisDataError {
  override readonly name = "DepositEventsMissingError" as const;
  static override readonly brand: string = "DepositEventsMissingError";

  constructor(
    /** The first deposit index looked for. */
    readonly fromIndex: bigint,
    /** One past the last deposit index looked for. */
    readonly toIndex: bigint,
    /** How many of them the logs hold. */
    readonly found: number,
  ) {
    super(`found ${found} of deposits ${fromIndex}..${toIndex - 1n} in the L1 logs`);
  }
}

/** A proposed header differs from the one this sequencer derives from its own view of L2 and L1. */
export class HeaderMismatchError extends MetisError {
  override readonly name = "HeaderMismatchError" as const;
  static override readonly brand: string = "HeaderMismatchError";

  constructor(
    readonly field: string,
    readonly expected: unknown,
    readonly proposed: unknown,
  ) {
    super(`refusing to sign: ${field} is ${String(proposed)}, this node derives ${String(expected)}`);
  }
}

/** There is nothing to batch: the L2 has no block after the last committed one. */
export class NothingToBatchError extends MetisError {
  override readonly name = "NothingToBatchError" as const;
  static override readonly brand: string = "NothingToBatchError";

  constructor(readonly lastCommittedBlock: bigint) {
    super(`no L2 block after ${lastCommittedBlock} to batch`);
  }
}

/** This sequencer is not the one scheduled to propose now; proposing would only be rejected on L1. */
export class NotScheduledError extends MetisError {
  override readonly name = "NotScheduledError" as const;
  static override readonly brand: string = "NotScheduledError";

  constructor(
    readonly scheduled: string,
    readonly self: string,
  ) {
    super(`${scheduled} is scheduled to propose now, not ${self}`);
  }
}

/** Not enough signatures were collected for a quorum before submitting. */
export class QuorumNotReachedError extends MetisError {
  override readonly name = "QuorumNotReachedError" as const;
  static override readonly brand: string = "QuorumNotReachedError";

  constructor(
    readonly signedStake: bigint,
    readonly totalStake: bigint,
    readonly refusals: readonly Error[],
  ) {
    super(`collected ${signedStake} of ${totalStake} stake; more than two thirds is needed`);
  }
}

/**
 * An L2 block breaks the L2's validity rules (a deposit relay that L1 did not queue or that is not final on L1, a
 * relay by a key no sequencer holds, a transaction type the L2 does not accept). Honest sequencers never sign a batch
 * over it; `Sequencer.recover` rebuilds the L2 without it. `relayer` names the key that relayed, when the fault is a
 * relay (a sequencer's signer key on L1).
 */
export class InvalidL2BlockError extends MetisError {
  override readonly name = "InvalidL2BlockError" as const;
  static override readonly brand: string = "InvalidL2BlockError";

  constructor(
    readonly blockNumber: bigint,
    readonly reason: string,
    readonly relayer?: string,
  ) {
    super(`L2 block ${blockNumber} is invalid: ${reason}`);
  }
}

/** A deposit could not be relayed to L2 even alone (L1 admits only deposits that L2 can credit, so a node problem). */
export class DepositRelayError extends MetisError {
  override readonly name = "DepositRelayError" as const;
  static override readonly brand: string = "DepositRelayError";

  constructor(
    readonly index: bigint,
    options?: { cause?: unknown },
  ) {
    super(`deposit ${index} cannot be relayed to L2`, options);
  }
}

/**
 * The only batch this sequencer can build now is a header that was rolled back, which BatchChain never accepts
 * again: a batch of one L2 block re-derived unchanged after a rollback. It waits for another L2 block.
 */
export class RolledBackHeaderError extends MetisError {
  override readonly name = "RolledBackHeaderError" as const;
  static override readonly brand: string = "RolledBackHeaderError";

  constructor(
    readonly headerHash: string,
    readonly blockNumber: bigint,
  ) {
    super(`header ${headerHash} over L2 block ${blockNumber} was rolled back; waiting for another L2 block`);
  }
}

/**
 * An L2 block relays deposits that L1 has queued exactly so, but that are not final on L1 yet as this node sees it
 * (its `finalized` block lags, or it asks for more confirmations than the relayer). Not a reason to drop the block:
 * refuse to sign for now, and try again later.
 */
export class L2BlockNotFinalError extends MetisError {
  override readonly name = "L2BlockNotFinalError" as const;
  static override readonly brand: string = "L2BlockNotFinalError";

  constructor(
    readonly blockNumber: bigint,
    readonly depositCount: bigint,
    readonly finalDepositCount: bigint,
  ) {
    super(
      `L2 block ${blockNumber} relays deposits up to ${depositCount}; only ${finalDepositCount} are final on L1 yet`,
    );
  }
}

/**
 * A batch header as the sequencer errors carry it: every field of `./proof`'s BatchHeader, integers as bigint or
 * number and hashes as 0x-prefixed lower-case hex (errors sit below `./proof`, so they spell the shape out).
 */
export interface BatchHeaderFields {
  readonly batchIndex: bigint;
  readonly parentHash: `0x${string}`;
  readonly firstBlock: bigint;
  readonly lastBlock: bigint;
  readonly txCount: number;
  readonly txBatchRoot: `0x${string}`;
  readonly stateBatchRoot: `0x${string}`;
  readonly depositCount: bigint;
  readonly depositChainHash: `0x${string}`;
  readonly dataHash: `0x${string}`;
}

/**
 * This signer already signed another header for the same batch index and parent, and that header was not rolled back
 * on L1: signing this one too would be equivocation (PROTOCOL section 6), which the DisputeManager slashes. Carries
 * the header already signed and this signer's signature of it, so a proposer can adopt it (a signer hands out a
 * signature of one header per slot, again and again, so the signature gives nothing away).
 */
export class AlreadySignedError extends MetisError {
  override readonly name = "AlreadySignedError" as const;
  static override readonly brand: string = "AlreadySignedError";

  constructor(
    /** The signer key that refuses. */
    readonly signer: string,
    /** The header it signed for this batch index and parent. */
    readonly signedHeader: BatchHeaderFields,
    /** Its header hash. */
    readonly signedHash: string,
    /** The signer's EIP-712 signature of `signedHeader`. */
    readonly signature: string,
    /** Hash of the header it was asked to sign. */
    readonly proposedHash: string,
  ) {
    super(
      `refusing to sign ${proposedHash}: ${signer} already signed ${signedHash} for batch ` +
        `${signedHeader.batchIndex} on parent ${signedHeader.parentHash}`,
    );
  }
}

/**
 * L1's batch `batchIndex`, which the batch asked for would build on (directly or through later batches), is not one
 * this sequencer could verify: re-derived from its own L2 view over the same blocks, it gives another header hash
 * (`derivedHash`), or it cannot be derived at all (`derivedHash` undefined; `reason` says why). An honest sequencer
 * never signs on top of it; the batch is for a verifier to challenge.
 */
export class UnverifiedParentError extends MetisError {
  override readonly name = "UnverifiedParentError" as const;
  static override readonly brand: string = "UnverifiedParentError";

  constructor(
    readonly batchIndex: bigint,
    /** The header hash L1 holds at `batchIndex`. */
    readonly l1Hash: string,
    /** The header hash this sequencer derives for the same blocks, when it could derive one. */
    readonly derivedHash: string | undefined,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`refusing to build on batch ${batchIndex} (${l1Hash}): ${reason}`, options);
  }
}

/**
 * The header leaves out deposit `depositIndex`, which becomes overdue on L1 at `deadline`, less than `margin` seconds
 * from now: L1 would reject the batch then (BatchChainOverdueDepositExcluded), and its signers could sign no other
 * header for the slot. The deposit has to be relayed and included first.
 */
export class DepositDueError extends MetisError {
  override readonly name = "DepositDueError" as const;
  static override readonly brand: string = "DepositDueError";

  constructor(
    readonly depositIndex: bigint,
    /** Unix time (seconds) after which L1 rejects a batch without the deposit. */
    readonly deadline: bigint,
    /** The time, in seconds, a signed header is given to land. */
    readonly margin: bigint,
  ) {
    super(`refusing to sign: deposit ${depositIndex} is left out and overdue at ${deadline}, within ${margin} s`);
  }
}

/** A signing record on disk holds something that is not a record this SDK wrote (a damaged or foreign file). */
export class SigningRecordCorruptError extends MetisDataError {
  override readonly name = "SigningRecordCorruptError" as const;
  static override readonly brand: string = "SigningRecordCorruptError";

  constructor(
    /** The file. */
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`signing record ${file} is corrupt: ${reason}`, options);
  }
}
