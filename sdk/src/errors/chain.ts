import { MetisArgumentError, MetisDataError } from "./base";

/** A contract (or key) the SDK was given is not connected to what the call needs: a provider, or a signer. */
export class NotConnectedError extends MetisArgumentError {
  override readonly name = "NotConnectedError" as const;
  static override readonly brand: string = "NotConnectedError";

  constructor(
    /** What is not connected, as the caller knows it ("the L1 bridge", "the sequencer key"). */
    readonly subject: string,
    readonly needs: "provider" | "signer",
  ) {
    super(`${subject} must be connected to a ${needs}`);
  }
}

/** A node answered that it has no such block (the `latest` block, or one the SDK was told exists). */
export class BlockNotFoundError extends MetisDataError {
  override readonly name = "BlockNotFoundError" as const;
  static override readonly brand: string = "BlockNotFoundError";

  constructor(
    readonly chain: "L1" | "L2",
    /** Its number or tag. */
    readonly block: bigint | string,
  ) {
    super(`the ${chain} node has no block ${String(block)}`);
  }
}

/** A sent transaction came back without a receipt, so its outcome is unknown. */
export class MissingReceiptError extends MetisDataError {
  override readonly name = "MissingReceiptError" as const;
  static override readonly brand: string = "MissingReceiptError";

  constructor(readonly txHash: string) {
    super(`transaction ${txHash} has no receipt`);
  }
}

/** A mined transaction lacks the event its call always emits (from that contract's address). */
export class EventNotFoundError extends MetisDataError {
  override readonly name = "EventNotFoundError" as const;
  static override readonly brand: string = "EventNotFoundError";

  constructor(
    readonly contract: string,
    readonly eventName: string,
    readonly txHash: string,
  ) {
    super(`transaction ${txHash} emitted no ${eventName} event from ${contract}`);
  }
}
