import { MetisArgumentError, MetisError } from "./base";

/** No deployment is known for that chain id: pass one, or register it with `registerDeployment` first. */
export class DeploymentNotFoundError extends MetisError {
  override readonly name = "DeploymentNotFoundError" as const;

  constructor(readonly chainId: number) {
    super(`no Metis deployment known for chain ${chainId}; pass one or call registerDeployment`);
  }
}

/** A deployment (a `deployments/<network>.json`, or one passed to `registerDeployment`) is malformed. */
export class InvalidDeploymentError extends MetisArgumentError {
  override readonly name = "InvalidDeploymentError" as const;

  constructor(
    /** Where in the deployment (`contracts.batchChain`, `l1ChainId`, ...). */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`invalid deployment: ${field} ${reason}`);
  }
}

/** Two different deployments claim the same chain ids; `registerDeployment(..., { replace: true })` overrides. */
export class DeploymentConflictError extends MetisError {
  override readonly name = "DeploymentConflictError" as const;

  constructor(
    readonly l1ChainId: number,
    readonly l2ChainId: number,
    readonly existing: string,
  ) {
    super(`a deployment (${existing}) is already registered for L1 chain ${l1ChainId} and L2 chain ${l2ChainId}`);
  }
}

/** A provider serves another chain than the deployment names: the wrong network, or the wrong deployment. */
export class DeploymentChainMismatchError extends MetisError {
  override readonly name = "DeploymentChainMismatchError" as const;

  constructor(
    readonly network: string,
    readonly chain: "L1" | "L2",
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`deployment ${network} is on ${chain} chain ${expected}, but the ${chain} provider serves chain ${actual}`);
  }
}

/** A contract of the deployment has no code on its chain: the chain was reset, or the deployment is not this chain's. */
export class DeploymentCodeMissingError extends MetisError {
  override readonly name = "DeploymentCodeMissingError" as const;

  constructor(
    readonly network: string,
    readonly contract: string,
    readonly chain: "L1" | "L2",
    readonly address: string,
  ) {
    super(`deployment ${network}: no code for ${contract} at ${address} on ${chain}`);
  }
}
