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
