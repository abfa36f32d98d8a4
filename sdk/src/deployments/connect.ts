/**
 * A deployment's L1 contracts connected to a provider or signer, in the shape the SDK's function helpers take
 * (`readParameters`, `proposeParameterChange`, `pauseStatus`, `startNextEpoch`, `getDisputeStatus`, `requestData`,
 * `settleBatches`, ...): `deploymentContracts(deployment, signer).governor`, and so on.
 */
import type { ContractRunner } from "ethers";

import {
  BatchChain__factory,
  DARequestManager__factory,
  DisputeManager__factory,
  L1Bridge__factory,
  MetisGovernor__factory,
  MetisTimelock__factory,
  MetisToken__factory,
  RewardPool__factory,
  SequencerRegistry__factory,
  VerifierRegistry__factory,
} from "../contracts";
import type { L1Contracts } from "../node/deploy/deploy-l1";

import type { Deployment } from "./types";

/** The L1 contracts of `deployment`, connected to `runner` (a provider to read, a signer to send). */
export function deploymentContracts(deployment: Deployment, runner: ContractRunner): L1Contracts {
  const c = deployment.contracts;
  return {
    token: MetisToken__factory.connect(c.token, runner),
    registry: SequencerRegistry__factory.connect(c.registry, runner),
    bridge: L1Bridge__factory.connect(c.l1Bridge, runner),
    batchChain: BatchChain__factory.connect(c.batchChain, runner),
    disputeManager: DisputeManager__factory.connect(c.disputeManager, runner),
    verifierRegistry: VerifierRegistry__factory.connect(c.verifierRegistry, runner),
    daRequestManager: DARequestManager__factory.connect(c.daRequestManager, runner),
    timelock: MetisTimelock__factory.connect(c.timelock, runner),
    governor: MetisGovernor__factory.connect(c.governor, runner),
    rewardPool: RewardPool__factory.connect(c.rewardPool, runner),
  };
}
