import { createMerkleProof, createMPT, type MerklePatriciaTrie } from "@ethereumjs/mpt";

import { bytesToHex, hexToBytes, rlpEncode, type Hex } from "../proof";
import { uintToRlpBytes } from "../proof/rlp";

/** The key of transaction `index` in a transactions trie: RLP(index), 0x80 for 0. */
export function transactionKey(index: number | bigint): Uint8Array {
  return rlpEncode(uintToRlpBytes(BigInt(index)));
}

/**
 * The transactions trie of a block holding `transactions` (raw EIP-2718 bytes, in order): the Merkle-Patricia trie
 * keyed by {@link transactionKey}, built with @ethereumjs/mpt. Its root is what the header's `transactionsRoot` must be.
 */
async function transactionsTrie(transactions: readonly Hex[]): Promise<MerklePatriciaTrie> {
  const trie = await createMPT();
  for (const [index, raw] of transactions.entries()) {
    await trie.put(transactionKey(index), hexToBytes(raw, `transactions[${index}]`));
  }
  return trie;
}

/** The transactions-trie root of a block holding `transactions` ({@link transactionsTrie}). */
export async function transactionsRoot(transactions: readonly Hex[]): Promise<Hex> {
  return bytesToHex((await transactionsTrie(transactions)).root());
}

/**
 * The transactions trie over `transactions` (raw bytes, in block order) and a proof for `index`: of its inclusion, or
 * of its absence when the block has no such transaction.
 */
export async function transactionsTrieProof(
  transactions: readonly Hex[],
  index: number | bigint,
): Promise<{ readonly root: Hex; readonly proof: Hex[] }> {
  const trie = await transactionsTrie(transactions);
  const proof = await createMerkleProof(trie, transactionKey(index));
  return { root: bytesToHex(trie.root()), proof: proof.map((node) => bytesToHex(node)) };
}
