import { recoverAddress } from "ethers";

import { headerDigest, headerHash, type BatchHeader, type BatchHeaderDomain, type Hex } from "../proof";

import { canonicalHeader, type BatchHeaderFields, type SigningSlot } from "./signing-record";

/** A header with the stake whose signatures of it were collected. */
export interface HeaderSupport {
  readonly hash: Hex;
  readonly header: BatchHeaderFields;
  /** The stake of the distinct members whose signatures were collected. */
  readonly stake: bigint;
}

/**
 * The signatures a proposer has collected for one slot, per header, counted by stake. Only what verifies counts: a
 * signature is taken when it recovers, over the header's EIP-712 digest, to a member of the current epoch, and only
 * for a header of this slot. So a peer that claims to have signed another header cannot steer the proposer without
 * that member's real signature.
 */
export class SignatureTally {
  private readonly stakeOf: Map<string, bigint>;
  private readonly byHeader = new Map<Hex, { header: BatchHeaderFields; signatures: Map<string, Hex> }>();

  constructor(
    readonly slot: SigningSlot,
    private readonly domain: BatchHeaderDomain,
    members: readonly { readonly signer: string; readonly stake: bigint }[],
  ) {
    this.stakeOf = new Map(members.map((member) => [member.signer.toLowerCase(), member.stake]));
  }

  /** Adds `signature` of `header`; returns its signer (lower case) when it counts, undefined when it does not. */
  add(header: BatchHeader, signature: string): string | undefined {
    const canonical = canonicalHeader(header);
    if (canonical.batchIndex !== this.slot.batchIndex) return undefined;
    if (canonical.parentHash !== this.slot.parentHash.toLowerCase()) return undefined;
    let signer: string;
    try {
      signer = recoverAddress(headerDigest(canonical, this.domain), signature).toLowerCase();
    } catch {
      return undefined; // not a signature
    }
    if (!this.stakeOf.has(signer)) return undefined;
    const hash = headerHash(canonical);
    const entry = this.byHeader.get(hash) ?? { header: canonical, signatures: new Map<string, Hex>() };
    entry.signatures.set(signer, signature as Hex);
    this.byHeader.set(hash, entry);
    return signer;
  }

  /** Whether `signer` has a counted signature of the header `hash`. */
  hasSigned(hash: Hex, signer: string): boolean {
    return this.byHeader.get(hash)?.signatures.has(signer.toLowerCase()) ?? false;
  }

  /** The stake of the members a signature of `hash` was collected from. */
  stake(hash: Hex): bigint {
    let total = 0n;
    for (const signer of this.byHeader.get(hash)?.signatures.keys() ?? []) total += this.stakeOf.get(signer) ?? 0n;
    return total;
  }

  /** The signatures collected for `hash`, one per signer. */
  signatures(hash: Hex): Hex[] {
    return [...(this.byHeader.get(hash)?.signatures.values() ?? [])];
  }

  /** The signers of `hash`, lower case. */
  signers(hash: Hex): string[] {
    return [...(this.byHeader.get(hash)?.signatures.keys() ?? [])];
  }

  /** The stake of one member (zero for a non-member). */
  memberStake(signer: string): bigint {
    return this.stakeOf.get(signer.toLowerCase()) ?? 0n;
  }

  /** Every header seen, most stake first (ties by lower hash, so every proposer ranks them alike). */
  ranked(): HeaderSupport[] {
    return [...this.byHeader.entries()]
      .map(([hash, { header }]) => ({ hash, header, stake: this.stake(hash) }))
      .sort((a, b) => (a.stake !== b.stake ? (a.stake > b.stake ? -1 : 1) : a.hash < b.hash ? -1 : 1));
  }
}
