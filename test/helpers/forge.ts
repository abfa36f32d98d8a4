/**
 * Forged batches in a test rollup (test/helpers/rollup.ts): scripts/lib/forge.ts with the rollup's contracts, L2, DA
 * store and sequencer keys. A colluding quorum's batch, built from the real L2 blocks, altered, signed with the
 * sequencers' keys directly (no signer checks anything) and submitted by the scheduled proposer:
 *
 *   const forged = await forgeBatch(r, {
 *     leaves: (leaves) => void (leaves[1] = { ...leaves[1]!, withdrawalRoot: seededWord("stolen") }),
 *   });
 *   await challenger.challenge({ kind: "withdrawalRoot", batchIndex: forged.header.batchIndex, leafIndex: 1 },
 *     contextOf(r, forged));
 *
 * Alterations (applied in this order, each may change its argument in place or return a new value): `transactions`
 * (raw transactions per block: the data object and the transaction leaves follow), `txLeaves` (the leaves alone),
 * `leaves` (the block leaves), then the roots and counts are recomputed and `header` overrides any field. With no
 * alteration the batch is the honest one. `signers` picks the signing sequencers (default all four); `submit: false`
 * only builds and signs. The result carries what a challenge needs: the header, the packed signatures, the committed
 * block leaves, transactions and transaction leaves, and the honest blocks.
 */
import type { JsonRpcApiProvider } from "ethers";

import type { BatchHeader, Hex } from "../../sdk/src/proof";
import type { Sequencer } from "../../sdk/src/sequencer/sequencer";
import type { ChallengeContext } from "../../sdk/src/verifier/challenger";
import * as core from "../../scripts/lib/forge";

import type { Rollup } from "./rollup";

export type { ForgedBatch, Forgery } from "../../scripts/lib/forge";

export interface ForgeOptions extends Omit<core.ForgeOptions, "signers"> {
  /** The sequencers whose keys sign (default: all of the rollup's). */
  readonly signers?: readonly Sequencer[];
}

/** The rollup as a forger sees it. */
export function forgeTarget(r: Rollup): core.ForgeTarget {
  return {
    batchChain: r.l1.batchChain,
    registry: r.l1.registry,
    l2: r.l2,
    keys: r.sequencers.map((s) => s.config.key),
    store: r.store,
  };
}

/** Builds, alters, signs and submits the next batch of `r` (see the module comment). */
export function forgeBatch(r: Rollup, forgery: core.Forgery = {}, options: ForgeOptions = {}) {
  const { signers, ...rest } = options;
  return core.forgeBatch(forgeTarget(r), forgery, { ...rest, signers: signers?.map((s) => s.config.key) });
}

/** `signers`' signatures over `header`, packed for the current epoch. */
export function packSignatures(r: Rollup, header: BatchHeader, signers: readonly Sequencer[]): Promise<Hex> {
  return core.packSignatures(
    forgeTarget(r),
    header,
    signers.map((s) => s.config.key),
  );
}

/** `signer`'s 65-byte signature over `header`. */
export function signHeaderWith(r: Rollup, signer: Sequencer, header: BatchHeader): Promise<Hex> {
  return core.signHeaderWith(forgeTarget(r), signer.config.key, header);
}

/** The Challenger's context for `batch` (with the previous batch for a parent link at leaf 0). */
export function contextOf(
  r: Rollup,
  batch: core.ForgedBatch,
  previous?: Pick<core.ForgedBatch, "header" | "blockLeaves">,
): ChallengeContext {
  return core.contextOf(r.l2.provider as JsonRpcApiProvider, batch, previous);
}
