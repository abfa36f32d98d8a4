import { createMPT } from "@ethereumjs/mpt";

import { bytesToHex, hexToBytes, rlpEncode, type Hex } from "../proof";
import { uintToRlpBytes } from "../proof/rlp";

/**
 * The transactions-trie root of a block holding `transactions` (raw EIP-2718 bytes, in order): the Merkle-Patricia
 * trie keyed by RLP(index), built with @ethereumjs/mpt. What the block header's `transactionsRoot` must be.
 */
export async function transactionsRoot(transactions: readonly Hex[]): Promise<Hex> {
  const trie = await createMPT();
  for (const [index, raw] of transactions.entries()) {
    await trie.put(rlpEncode(uintToRlpBytes(BigInt(index))), hexToBytes(raw, `transactions[${index}]`));
  }
  return bytesToHex(trie.root());
}
