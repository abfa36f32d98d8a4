/**
 * Fixed test values in place of random ones: keys, addresses and 32-byte words derived from a label by keccak256.
 * The n-th call with a label gives the same value on every run, so addresses (hence signer order, proposer order and
 * calldata gas), roots and hashes do not change between runs, and a failure can be replayed.
 */
import { id, Wallet, type Provider } from "ethers";

import type { Address, Hex } from "../../sdk/src/proof";

const calls = new Map<string, number>();

/** `label` with the number of earlier calls for it: a fresh seed per call, the same sequence on every run. */
function seed(label: string): string {
  const n = calls.get(label) ?? 0;
  calls.set(label, n + 1);
  return `metis-test ${label} #${n}`;
}

/** A 32-byte value fixed by `label` (and how many were asked for before under that label). */
export function seededWord(label: string): Hex {
  return id(seed(label)) as Hex;
}

/** A wallet whose private key is fixed by `label`, connected to `provider` when given. */
export function seededWallet(label: string, provider?: Provider): Wallet {
  return new Wallet(id(seed(label)), provider ?? null);
}

/** An address fixed by `label`, of a key no one else in the tests holds. */
export function seededAddress(label: string): Address {
  return seededWallet(label).address as Address;
}
