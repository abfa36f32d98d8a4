import type { BatchChainLibraryAddresses } from "../contracts/typechain/factories/contracts/L1/BatchChain__factory";
import type { DisputeManagerLibraryAddresses } from "../contracts/typechain/factories/contracts/L1/DisputeManager__factory";

/** The fully qualified names of the external libraries the contracts link, as their factories key them. */
export const LIBRARIES = {
  /** Linked by BatchChain (the pause clock). */
  PauseLib: "contracts/libraries/PauseLib.sol:PauseLib",
  /** Linked by DisputeManager (execution disputes and equivocation, delegatecalled). */
  DisputeLogic: "contracts/L1/DisputeLogic.sol:DisputeLogic",
} as const;

/** The library addresses `new BatchChain__factory(links, signer)` takes: the deployed PauseLib. */
export function batchChainLinks(pauseLib: string): BatchChainLibraryAddresses {
  return { [LIBRARIES.PauseLib]: pauseLib };
}

/** The library addresses `new DisputeManager__factory(links, signer)` takes: the deployed DisputeLogic. */
export function disputeManagerLinks(disputeLogic: string): DisputeManagerLibraryAddresses {
  return { [LIBRARIES.DisputeLogic]: disputeLogic };
}
