/**
 * A deployment's L1 contracts connected to a provider or signer, in the shape the SDK's function helpers take
 * (`readParameters`, `proposeParameterChange`, `pauseStatus`, `startNextEpoch`, `getDisputeStatus`, `requestData`,
 * `settleBatches`, ...): `deploymentContracts(deployment, signer).governor`, and so on.
 */
import type { ContractRunner } from "ethers";

import type { L1Contracts } from "../node/deploy/deploy-l1";

import type { Deployment } from "./types";
import {
  connectBatchChain,
  connectDARequestManager,
  connectDisputeManager,
  connectL1Bridge,
  connectMetisGovernor,
  connectMetisTimelock,
  connectMetisToken,
  connectRewardPool,
  connectSequencerRegistry,
  connectVerifierRegistry,
} from "../contracts/connectors";

/** The L1 contracts of `deployment`, connected to `runner` (a provider to read, a signer to send). */
export function deploymentContracts(deployment: Deployment, runner: ContractRunner): L1Contracts {
  const c = deployment.contracts;
  return {
    token: connectMetisToken(c.token, runner),
    registry: connectSequencerRegistry(c.registry, runner),
    bridge: connectL1Bridge(c.l1Bridge, runner),
    batchChain: connectBatchChain(c.batchChain, runner),
    disputeManager: connectDisputeManager(c.disputeManager, runner),
    verifierRegistry: connectVerifierRegistry(c.verifierRegistry, runner),
    daRequestManager: connectDARequestManager(c.daRequestManager, runner),
    timelock: connectMetisTimelock(c.timelock, runner),
    governor: connectMetisGovernor(c.governor, runner),
    rewardPool: connectRewardPool(c.rewardPool, runner),
  };
}
