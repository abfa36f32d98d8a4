/**
 * Equivocation: one signer, two different headers for one batch index and parent. The verifier records every signed
 * header it sees (the committed ones, from their submitBatch calldata, and any a peer network hands it) and reports
 * the second header a signer signs where it had signed another.
 */
import { concat, getBytes, hexlify, recoverAddress, Signature, toBeHex } from "ethers";

import { QUORUM_ENTRY_BYTES, type Address, type Hex } from "../proof";

import type { HeaderValue } from "./types";

/** A header with one signer's signature over its EIP-712 digest. */
export interface ObservedHeader {
  readonly header: HeaderValue;
  readonly headerHash: Hex;
  /** 65 bytes, `r ++ s ++ v` (v 27 or 28), as DisputeManager's challengeEquivocation takes it. */
  readonly signature: Hex;
}

/**
 * The signers of packed quorum signatures (65-byte `head ++ r ++ s` entries, the head's top bit the parity of `v`)
 * over `digest`, each with its signature as `r ++ s ++ v`. Entries that do not recover are left out.
 */
export function unpackSignatures(packed: Hex, digest: Hex): { signer: Address; signature: Hex }[] {
  const bytes = getBytes(packed);
  const out: { signer: Address; signature: Hex }[] = [];
  for (let at = 0; at + QUORUM_ENTRY_BYTES <= bytes.length; at += QUORUM_ENTRY_BYTES) {
    const head = bytes[at] ?? 0;
    const r = hexlify(bytes.subarray(at + 1, at + 33));
    const s = hexlify(bytes.subarray(at + 33, at + 65));
    const v = 27 + (head >> 7);
    try {
      const signer = recoverAddress(digest, Signature.from({ r, s, v })) as Address;
      out.push({ signer, signature: concat([r, s, toBeHex(v, 1)]) as Hex });
    } catch {
      // Not a valid signature (BatchChain's quorum check would have refused it): nothing to attribute.
    }
  }
  return out;
}

/** Every signed header seen, by batch index and parent, then by signer. */
export class SignedHeaderBook {
  private readonly byPosition = new Map<string, Map<string, ObservedHeader[]>>();

  /**
   * Records that `signer` signed `signed`, and returns the other headers (different hashes) it signed for the same
   * batch index and parent before. Recording the same header twice adds nothing.
   */
  add(signer: Address, signed: ObservedHeader): ObservedHeader[] {
    const position = `${signed.header.batchIndex}:${signed.header.parentHash.toLowerCase()}`;
    let signers = this.byPosition.get(position);
    if (signers === undefined) {
      signers = new Map();
      this.byPosition.set(position, signers);
    }
    const key = signer.toLowerCase();
    const seen = signers.get(key) ?? [];
    const others = seen.filter((other) => other.headerHash !== signed.headerHash);
    if (others.length === seen.length) signers.set(key, [...seen, signed]);
    return others;
  }
}
