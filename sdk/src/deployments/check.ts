import type { Provider } from "ethers";

import { DeploymentChainMismatchError, DeploymentCodeMissingError } from "../errors/deployment";

import { DEPLOYMENT_CONTRACTS } from "./index";
import type { Deployment, DeploymentContracts } from "./types";

/** The contracts of a deployment that live on L2; every other one is on L1. */
export const L2_DEPLOYMENT_CONTRACTS = [
  "l2Bridge",
  "feeVault",
] as const satisfies readonly (keyof DeploymentContracts)[];

/**
 * Checks that `deployment` is the one these providers serve: each provider's chain id is the deployment's, and every
 * contract of it has code on its chain. A dapp or wallet runs it once before trusting addresses from a file or a
 * registration (a shipped `localhost` deployment says nothing about some other local chain with the same chain id).
 * Throws {@link DeploymentChainMismatchError} or {@link DeploymentCodeMissingError}; either provider may be omitted.
 */
export async function checkDeployment(
  deployment: Deployment,
  providers: { readonly l1?: Provider; readonly l2?: Provider },
): Promise<void> {
  for (const [chain, provider, expected] of [
    ["L1", providers.l1, deployment.l1ChainId],
    ["L2", providers.l2, deployment.l2ChainId],
  ] as const) {
    if (!provider) continue;
    const actual = Number((await provider.getNetwork()).chainId);
    if (actual !== expected) throw new DeploymentChainMismatchError(deployment.network, chain, expected, actual);
  }
  const onL2 = new Set<string>(L2_DEPLOYMENT_CONTRACTS);
  await Promise.all(
    DEPLOYMENT_CONTRACTS.map(async (name) => {
      const chain = onL2.has(name) ? "L2" : "L1";
      const provider = chain === "L2" ? providers.l2 : providers.l1;
      if (!provider) return;
      const address = deployment.contracts[name];
      if ((await provider.getCode(address)) === "0x")
        throw new DeploymentCodeMissingError(deployment.network, name, chain, address);
    }),
  );
}
