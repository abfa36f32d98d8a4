/**
 * The devnet's keys: Hardhat's public test mnemonic ("test test ... junk"), the accounts `hardhat node` funds on L1,
 * and the L2 genesis's user keys. DEVNET ONLY: every one of these private keys is public.
 *
 * L1 accounts (m/44'/60'/0'/0/i): 0 the deployer, 1 the guardian, 2-5 the four sequencers (operator and signer key:
 * they stake and sign with it, submit batches, and relay deposits on L2 with it: the L2 validity rules accept relays
 * only from a sequencer's signer key, so that every relay is attributable), 10 the verifier (challenger, DA
 * requester), 11-14 the load generator's L1 users (depositors, withdrawal recipients), 15 the fault injector (it calls
 * `expire` in the silent-da fault). L2 users: the genesis's funded keys (`l2Key(2 + i)`), the last one the fault
 * injector's (it sends the L2 transaction a forged batch commits), the others the load generator's.
 */
import { HDNodeWallet, Mnemonic } from "ethers";

import { l2Key, L2_USER_ACCOUNTS } from "../../sdk/src/node/l2/genesis";

export const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";
export const SEQUENCER_COUNT = 4;
export const LOAD_L1_USERS = [11, 12, 13, 14] as const;

/** A devnet key (public). */
export interface DevnetKey {
  readonly address: string;
  readonly privateKey: string;
}

/** Hardhat's L1 account `index`. */
export function l1Account(index: number): DevnetKey {
  const wallet = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(HARDHAT_MNEMONIC), `m/44'/60'/0'/0/${index}`);
  return { address: wallet.address, privateKey: wallet.privateKey };
}

/** The L2 genesis's funded user `index` (0-based). */
export function l2User(index: number): DevnetKey {
  const wallet = l2Key(2 + index);
  return { address: wallet.address, privateKey: wallet.privateKey };
}

export interface DevnetSequencerKeys {
  /** `sequencer-1` .. `sequencer-4`. */
  readonly name: string;
  /** Stakes, signs headers and submits batches. */
  readonly signer: DevnetKey;
  /** Relays deposits on the L2: the signer key (relays by any other key are invalid L2 blocks). */
  readonly relayer: DevnetKey;
}

export interface DevnetAccounts {
  readonly deployer: DevnetKey;
  readonly guardian: DevnetKey;
  readonly sequencers: readonly DevnetSequencerKeys[];
  readonly verifier: DevnetKey;
  readonly l1Users: readonly DevnetKey[];
  readonly l2Users: readonly DevnetKey[];
  /** Sends the fault injector's L1 transactions (the silent-da fault's `expire`). */
  readonly faults: DevnetKey;
  /** The fault injector's L2 user. */
  readonly faultsL2: DevnetKey;
}

/** Every devnet key, by role. */
export function devnetAccounts(): DevnetAccounts {
  return {
    deployer: l1Account(0),
    guardian: l1Account(1),
    sequencers: Array.from({ length: SEQUENCER_COUNT }, (_, i) => ({
      name: `sequencer-${i + 1}`,
      signer: l1Account(2 + i),
      relayer: l1Account(2 + i),
    })),
    verifier: l1Account(10),
    l1Users: LOAD_L1_USERS.map(l1Account),
    l2Users: Array.from({ length: L2_USER_ACCOUNTS - 1 }, (_, i) => l2User(i)),
    faults: l1Account(15),
    faultsL2: l2User(L2_USER_ACCOUNTS - 1),
  };
}
