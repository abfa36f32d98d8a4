import { MetisArgumentError, MetisError } from "./base";

/**
 * A network config (`deploy/networks/<network>.ts`) or a task needs an environment variable that is not set: public
 * networks read their RPC URLs and the deployer's key from the environment, never from a committed file.
 */
export class MissingEnvironmentVariableError extends MetisArgumentError {
  override readonly name = "MissingEnvironmentVariableError" as const;
  static override readonly brand: string = "MissingEnvironmentVariableError";

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
  static override readonly brand: string = "NetworkConfigNotFoundError";

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
  static override readonly brand: string = "InvalidTaskArgumentError";

  constructor(
    readonly argument: string,
    readonly reason: string,
  ) {
    super(`invalid ${argument}: ${reason}`);
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
  static override readonly brand: string = "PartialDeploymentError";

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
  static override readonly brand: string = "DeploymentWiringError";

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
