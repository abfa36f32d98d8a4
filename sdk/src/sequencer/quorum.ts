import { getBytes, hexlify, recoverAddress, Signature, type SignatureLike } from "ethers";

import { DuplicateSignerError, SignerNotMemberError } from "../errors/sequencer";
import { QUORUM_ENTRY_BYTES, type Hex } from "../proof";

/**
 * Packs header signatures the way SequencerRegistry reads them: one 65-byte entry per signer (`head ++ r ++ s`,
 * where the head is the member index with the parity of `v` in its top bit), in strictly ascending signer order.
 * `members` is the current epoch's signer list in proposer order (SequencerRegistry.members), which gives each
 * signer its index.
 */
export function packQuorumSignatures(
  digest: Hex,
  signatures: readonly SignatureLike[],
  members: readonly string[],
): Hex {
  const indexOf = new Map(members.map((signer, index) => [signer.toLowerCase(), index]));
  const entries = signatures.map((signature) => {
    const parsed = Signature.from(signature);
    const signer = recoverAddress(digest, parsed).toLowerCase();
    const index = indexOf.get(signer);
    if (index === undefined) throw new SignerNotMemberError(signer);
    return { signer, index, parsed };
  });
  entries.sort((a, b) => (a.signer < b.signer ? -1 : a.signer > b.signer ? 1 : 0));
  const packed = new Uint8Array(QUORUM_ENTRY_BYTES * entries.length);
  entries.forEach((entry, i) => {
    if (entries[i - 1]?.signer === entry.signer) throw new DuplicateSignerError(entry.signer);
    const at = QUORUM_ENTRY_BYTES * i;
    packed[at] = entry.index | (entry.parsed.yParity << 7);
    packed.set(getBytes(entry.parsed.r), at + 1);
    packed.set(getBytes(entry.parsed.s), at + 33);
  });
  return hexlify(packed) as Hex;
}
