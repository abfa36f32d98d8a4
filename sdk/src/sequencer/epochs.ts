import type { ContractTransactionReceipt } from "ethers";

import { providerOf } from "../contracts/connection";
import { transact } from "../contracts/transact";
import type { SequencerRegistry } from "../contracts";

/** How {@link startNextEpoch} waits for L1 to reach a block. */
export interface StartEpochOptions {
  /**
   * Resolves once L1 has mined block `blockNumber` (default: polls the registry's provider every `pollMs`). A local
   * network that mines on demand passes a function that mines the blocks.
   */
  readonly waitForBlock?: (blockNumber: bigint) => Promise<void>;
  /** Polling interval of the default wait, in milliseconds (default 2,000). */
  readonly pollMs?: number;
}

/**
 * Starts the next epoch in the registry's two steps: schedules it (unless one is scheduled already), waits for its
 * seed block, then activates it. Returns the activation's receipt. Reverts come back as ContractRevertError (for
 * example SequencerRegistryEpochNotOver or SequencerRegistryEpochTooSmall).
 */
export async function startNextEpoch(
  registry: SequencerRegistry,
  options: StartEpochOptions = {},
): Promise<ContractTransactionReceipt> {
  const provider = providerOf(registry, "the registry");
  const waitForBlock =
    options.waitForBlock ??
    (async (blockNumber: bigint) => {
      while (BigInt(await provider.getBlockNumber()) < blockNumber) {
        await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 2_000));
      }
    });
  const interfaces = { SequencerRegistry: registry.interface };
  let [, seedBlock] = await registry.pendingEpoch();
  if (seedBlock === 0n) {
    await transact(() => registry.startEpoch(), interfaces);
    [, seedBlock] = await registry.pendingEpoch();
  }
  for (;;) {
    // The activation must be mined after the seed block; the next block after `seedBlock` is the earliest.
    await waitForBlock(seedBlock);
    const receipt = await transact(() => registry.activateEpoch(), interfaces);
    const [, stillPending] = await registry.pendingEpoch();
    // A seed block older than 256 blocks is replaced by a new one ahead: wait for that one.
    if (stillPending === 0n) return receipt;
    seedBlock = stillPending;
  }
}
