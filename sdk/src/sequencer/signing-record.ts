import type { BatchHeaderFields } from "../errors/sequencer";
import { bytesToHex, type BatchHeader, type Hex } from "../proof";

export type { BatchHeaderFields } from "../errors/sequencer";

/**
 * A batch slot: the index and parent hash a header builds on. Two different headers signed for one slot are
 * equivocation (PROTOCOL section 6) unless one of them was rolled back.
 */
export interface SigningSlot {
  readonly batchIndex: bigint;
  readonly parentHash: Hex;
}

/** A header and this signer's EIP-712 signature of it. */
export interface SignedHeader {
  readonly header: BatchHeaderFields;
  readonly signature: Hex;
}

/**
 * What a sequencer remembers across restarts, so that it never signs two headers for one slot:
 *
 * - **signed**: per slot, the one header it signed and the signature it handed out. Written (durably, for a
 *   persistent record) before the signature leaves `Sequencer.sign`, so no crash can produce a signature the record
 *   lacks. `putSigned` replaces the slot's entry; the Sequencer does that only after L1 rolled the old header back.
 * - **pending**: per slot, the header this sequencer proposed, which its later proposals for the slot rebuild.
 * - **verified**: header hashes this sequencer derived itself from its own L2 view, on a parent it had verified; a
 *   sequencer builds and signs only on top of such a batch (or the genesis anchor).
 *
 * One record per signer key and BatchChain. The Sequencer serialises its own calls; a record must not be shared by
 * two processes signing with one key.
 */
export interface SigningRecord {
  /** The header signed for `slot`, if any. */
  signed(slot: SigningSlot): Promise<SignedHeader | undefined>;
  /** Records `entry` for its header's slot, replacing what was there; resolves once the entry is durable. */
  putSigned(entry: SignedHeader): Promise<void>;
  /** The header this sequencer proposed for `slot`, if any. */
  pending(slot: SigningSlot): Promise<BatchHeaderFields | undefined>;
  /** Records `header` as this sequencer's proposal for its slot, replacing an earlier one. */
  putPending(header: BatchHeaderFields): Promise<void>;
  /** Whether `headerHash` is a batch this sequencer verified. */
  isVerified(headerHash: Hex): Promise<boolean>;
  /** Records `headerHash` as verified. */
  putVerified(headerHash: Hex): Promise<void>;
}

/** The key of `slot` in a record: `<batchIndex>-<parentHash in lower-case hex>`. */
export function slotKey(slot: SigningSlot): string {
  return `${slot.batchIndex}-${slot.parentHash.toLowerCase()}`;
}

/** The slot a header builds on. */
export function slotOf(header: BatchHeaderFields): SigningSlot {
  return { batchIndex: header.batchIndex, parentHash: header.parentHash };
}

const hexOf = (value: Hex | Uint8Array): Hex =>
  (typeof value === "string" ? value.toLowerCase() : bytesToHex(value)) as Hex;

/**
 * `header` with bigint integers and lower-case hex hashes, the form records and errors hold (a header that came over
 * a transport may carry numbers or upper-case hex). Its header hash is the same.
 */
export function canonicalHeader(header: BatchHeader): BatchHeaderFields {
  return {
    batchIndex: BigInt(header.batchIndex),
    parentHash: hexOf(header.parentHash),
    firstBlock: BigInt(header.firstBlock),
    lastBlock: BigInt(header.lastBlock),
    txCount: Number(header.txCount),
    txBatchRoot: hexOf(header.txBatchRoot),
    stateBatchRoot: hexOf(header.stateBatchRoot),
    depositCount: BigInt(header.depositCount),
    depositChainHash: hexOf(header.depositChainHash),
    dataHash: hexOf(header.dataHash),
  };
}

/**
 * A signing record in memory: the default of a Sequencer without one, and enough for tests. It does not survive a
 * restart, so a sequencer that restarts with it may sign a second header for a slot: give production sequencers a
 * persistent record (`FileSigningRecord` in `@metis-l2/protocol/node`).
 */
export class MemorySigningRecord implements SigningRecord {
  private readonly signedBySlot = new Map<string, SignedHeader>();
  private readonly pendingBySlot = new Map<string, BatchHeaderFields>();
  private readonly verified = new Set<string>();

  signed(slot: SigningSlot): Promise<SignedHeader | undefined> {
    return Promise.resolve(this.signedBySlot.get(slotKey(slot)));
  }

  putSigned(entry: SignedHeader): Promise<void> {
    this.signedBySlot.set(slotKey(slotOf(entry.header)), entry);
    return Promise.resolve();
  }

  pending(slot: SigningSlot): Promise<BatchHeaderFields | undefined> {
    return Promise.resolve(this.pendingBySlot.get(slotKey(slot)));
  }

  putPending(header: BatchHeaderFields): Promise<void> {
    this.pendingBySlot.set(slotKey(slotOf(header)), header);
    return Promise.resolve();
  }

  isVerified(headerHash: Hex): Promise<boolean> {
    return Promise.resolve(this.verified.has(headerHash.toLowerCase()));
  }

  putVerified(headerHash: Hex): Promise<void> {
    this.verified.add(headerHash.toLowerCase());
    return Promise.resolve();
  }
}
