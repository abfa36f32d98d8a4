import { MetisArgumentError, MetisError } from "./base";

/** No deployment is known for that chain id: pass one, or register it with `registerDeployment` first. */
export class DeploymentNotFoundError extends MetisError {
  override readonly name = "DeploymentNotFoundError" as const;
  static override readonly brand: string = "DeploymentNotFoundError";

  constructor(readonly chainId: number) {
    super(`no Metis deployment known for chain ${chainId}; pass one or call registerDeployment`);
  }
}

/** A deployment (a `deployments/<network>.json`, or one passed to `registerDeployment`) is malformed. */
export class InvalidDeploymentError extends MetisArgumentError {
  override readonly name = "InvalidDeploymentError" as const;
  static override readonly brand: string = "InvalidDeploymentError";

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
  static override readonly brand: string = "DeploymentConflictError";

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
  static override readonly brand: string = "DeploymentChainMismatchError";

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
  static override readonly brand: string = "DeploymentCodeMissingError";

  constructor(
    readonly network: string,
    readonly contract: string,
    readonly chain: "L1" | "L2",
    readonly address: string,
  ) {
    super(`deployment ${network}: no code for ${contract} at ${address} on ${chain}`);
  }
}

/** A client was given neither a deployment nor the address it needs. */
export class DeploymentAddressMissingError extends MetisArgumentError {
  override readonly name = "DeploymentAddressMissingError" as const;
  static override readonly brand: string = "DeploymentAddressMissingError";

  constructor(
    /** The client (`Sequencer`, `Verifier`, ...). */
    readonly client: string,
    /** The config field (`batchChain`, `registry`, ...). */
    readonly field: string,
  ) {
    super(`${client} needs a deployment or the ${field} address`);
  }
}

/** A client was given a deployment and an address that is not the deployment's. */
export class DeploymentAddressMismatchError extends MetisArgumentError {
  override readonly name = "DeploymentAddressMismatchError" as const;
  static override readonly brand: string = "DeploymentAddressMismatchError";

  constructor(
    readonly client: string,
    readonly field: string,
    /** The address passed, and the deployment's. */
    readonly given: string,
    readonly expected: string,
  ) {
    super(`${client}: ${field} ${given} is not the deployment's ${expected}`);
  }
}

/** A log scan option (`fromBlock`, `logChunk`) is not a usable block number or range size. */
export class InvalidLogScanOptionError extends MetisArgumentError {
  override readonly name = "InvalidLogScanOptionError" as const;
  static override readonly brand: string = "InvalidLogScanOptionError";

  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${option} ${String(value)} is not ${expected}`);
  }
}

/** The deployment's genesis leaf is not the one batch 0 commits: the deployment describes another rollup. */
export class DeploymentGenesisMismatchError extends MetisError {
  override readonly name = "DeploymentGenesisMismatchError" as const;
  static override readonly brand: string = "DeploymentGenesisMismatchError";

  constructor(
    /** Batch 0's stateBatchRoot (the genesis block leaf). */
    readonly expected: string,
    /** The leaf of the deployment's `genesis`. */
    readonly actual: string,
  ) {
    super(`the deployment's genesis leaf is ${actual}, batch 0 commits ${expected}`);
  }
}
