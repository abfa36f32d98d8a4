/**
 * A wallet checking a withdrawal proof before it spends gas on finalizing it, with `@metis-l2/protocol/proof` only
 * (pure and synchronous, about 17 KB in a browser bundle) and the L1's JSON-RPC: the proof, from a dapp or an indexer,
 * must lead to the batch header whose hash BatchChain stores.
 */
import {
  bytesToHex,
  hexToBytes,
  keccak256,
  verifyWithdrawalProof,
  type Hex,
  type VerificationResult,
  type WithdrawalProof,
} from "@metis-l2/protocol/proof";

/** A proof as JSON: integers as decimal strings (bigints do not survive JSON). */
export function proofToJson(proof: WithdrawalProof): string {
  return JSON.stringify(proof, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

/** The proof back from {@link proofToJson}: decimal strings become bigints again (hex strings stay as they are). */
export function proofFromJson(json: string): WithdrawalProof {
  return JSON.parse(json, (_key, value: unknown) =>
    typeof value === "string" && /^[0-9]+$/.test(value) ? BigInt(value) : value,
  ) as WithdrawalProof;
}

/** `BatchChain.headerHash(batchIndex)` on L1, by a plain `eth_call`. */
export async function trustedHeaderHash(l1Url: string, batchChain: string, batchIndex: bigint): Promise<Hex> {
  const selector = bytesToHex(keccak256(new TextEncoder().encode("headerHash(uint256)"))).slice(0, 10);
  const data = selector + batchIndex.toString(16).padStart(64, "0");
  const response = await fetch(l1Url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_call", params: [{ to: batchChain, data }, "latest"] }),
  });
  const { result, error } = (await response.json()) as { result?: string; error?: { message: string } };
  if (result === undefined) throw new Error(`eth_call headerHash: ${error?.message ?? "no result"}`);
  return bytesToHex(hexToBytes(result));
}

/** Verifies a withdrawal proof (as JSON) against the header hash the L1 BatchChain at `batchChain` stores. */
export async function verifyWithdrawal(
  proofJson: string,
  l1: { readonly url: string; readonly batchChain: string },
): Promise<VerificationResult> {
  const proof = proofFromJson(proofJson);
  const headerHash = await trustedHeaderHash(l1.url, l1.batchChain, BigInt(proof.batchIndex));
  return verifyWithdrawalProof(proof, { headerHash });
}
