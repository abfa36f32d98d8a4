import { MetisError } from "./base";

/**
 * A contract came out at another address than the one predicted for it: deployments predict addresses from the
 * deployer's nonce (the BatchChain that the registry names in its constructor, the L2 bridge pinned in the L2's
 * genesis), and another transaction from the same account moved it.
 */
export class DeployedAddressMismatchError extends MetisError {
  override readonly name = "DeployedAddressMismatchError" as const;

  constructor(
    readonly contract: string,
    /** The predicted (or pinned) address. */
    readonly expected: string,
    /** Where the contract was deployed. */
    readonly actual: string,
  ) {
    super(`${contract} deployed at ${actual}, expected ${expected}`);
  }
}

/** A feature of the `./node` entry needs an optional peer dependency that is not installed. */
export class MissingPeerDependencyError extends MetisError {
  override readonly name = "MissingPeerDependencyError" as const;

  constructor(
    /** What needs it, as the user knows it ("an in-process L2 chain"). */
    readonly feature: string,
    readonly packageName: string,
    /** The version range to install. */
    readonly range: string,
    options?: { cause?: unknown },
  ) {
    super(
      `${feature} needs the optional peer dependency ${packageName} (npm install ${packageName}@${range})`,
      options,
    );
  }
}
