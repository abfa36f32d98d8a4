import * as connectors from "../contracts/connectors";
import { MetisError } from "../errors/base";
import { decodeRevert } from "../errors/contract";

/** Every shipped contract's interface by its name, to decode a revert from any of them (a deployment calls them all). */
function protocolInterfaces() {
  return {
    BatchChain: connectors.batchChainInterface(),
    SequencerRegistry: connectors.sequencerRegistryInterface(),
    L1Bridge: connectors.l1BridgeInterface(),
    DisputeManager: connectors.disputeManagerInterface(),
    VerifierRegistry: connectors.verifierRegistryInterface(),
    DARequestManager: connectors.daRequestManagerInterface(),
    RewardPool: connectors.rewardPoolInterface(),
    MetisGovernor: connectors.metisGovernorInterface(),
    MetisTimelock: connectors.metisTimelockInterface(),
    MetisToken: connectors.metisTokenInterface(),
    L2Bridge: connectors.l2BridgeInterface(),
    FeeVault: connectors.feeVaultInterface(),
  };
}

/**
 * Prints `error` as a task reports it: a MetisError by its name and message (`ContractRevertError: BatchChain reverted
 * with BatchChainX(...)`); a revert no SDK function decoded (a constructor's, during a deployment) decoded against
 * every protocol contract first and printed the same way; anything else with its stack.
 */
export function printError(error: unknown, stream: NodeJS.WriteStream = process.stderr): void {
  const typed = error instanceof MetisError ? error : decodeRevert(error, protocolInterfaces());
  if (typed instanceof MetisError) stream.write(`${typed.name}: ${typed.message}\n`);
  else if (error instanceof Error) stream.write(`${error.stack ?? `${error.name}: ${error.message}`}\n`);
  else stream.write(`${String(error)}\n`);
}
