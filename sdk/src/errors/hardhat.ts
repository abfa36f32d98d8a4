import { MetisArgumentError, MetisError } from "./base";

/**
 * A network config (`deploy/networks/<network>.ts`) or a task needs an environment variable that is not set: public
 * networks read their RPC URLs and the deployer's key from the environment, never from a committed file.
 */
export class MissingEnvironmentVariableError extends MetisArgumentError {
  override readonly name = "MissingEnvironmentVariableError" as const;

  constructor(
    readonly variable: string,
    /** What it is for (`the Sepolia L1 RPC URL`). */
    readonly purpose: string,
  ) {
    super(`environment variable ${variable} is not set (${purpose})`);
  }
}

/** No deploy config for the network: neither `--config <file>` nor `deploy/networks/<network>.ts` exists. */
export class NetworkConfigNotFoundError extends MetisArgumentError {
  override readonly name = "NetworkConfigNotFoundError" as const;

  constructor(
    readonly network: string,
    readonly tried: readonly string[],
  ) {
    super(`no deploy config for network ${network} (tried ${tried.join(", ")}); pass --config <file>`);
  }
}

/** A deploy config or a task argument is malformed (a bad address, an amount that is not a number, ...). */
export class InvalidTaskArgumentError extends MetisArgumentError {
  override readonly name = "InvalidTaskArgumentError" as const;

  constructor(
    readonly argument: string,
    readonly reason: string,
  ) {
    super(`invalid ${argument}: ${reason}`);
  }
}

/**
 * The chains a deployment file names are not the ones connected: `l1ChainId`/`l2ChainId` of the recorded deployment
 * (or the config's L2 chain id) differ from what the RPC endpoints report. Point the network at the right chains, or
 * move the file away to deploy afresh.
 */
export class DeploymentChainMismatchError extends MetisError {
  override readonly name = "DeploymentChainMismatchError" as const;

  constructor(
    readonly layer: "L1" | "L2",
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the ${layer} RPC serves chain ${actual}, the deployment (or config) names chain ${expected}`);
  }
}

/**
 * An earlier deploy run stopped halfway: some of its contracts exist, unwired, and the deployer may still hold their
 * WIRING_ROLE. The deploy script refuses to resume (its addresses are predicted from the deployer's nonces, which the
 * earlier run consumed): `resolution` says what to do (delete the pending file to deploy a fresh set, or restart the
 * devnet).
 */
export class PartialDeploymentError extends MetisError {
  override readonly name = "PartialDeploymentError" as const;

  constructor(
    readonly network: string,
    /** What was found. */
    readonly found: string,
    /** What to do about it. */
    readonly resolution: string,
  ) {
    super(`an earlier deployment to ${network} did not finish: ${found}; ${resolution}`);
  }
}

/**
 * A recorded deployment's wiring is not what the deploy script leaves: a role missing from its holder (the timelock,
 * the dispute manager, ...) or still held by the deployer. Nothing is changed; the deployment needs inspection.
 */
export class DeploymentWiringError extends MetisError {
  override readonly name = "DeploymentWiringError" as const;

  constructor(
    readonly contract: string,
    readonly role: string,
    readonly account: string,
    /** Whether `account` should hold `role`. */
    readonly expected: boolean,
  ) {
    super(`${contract}: ${account} ${expected ? "lacks" : "still holds"} ${role}`);
  }
}
