import { MetisError } from "./base";

/**
 * A contract came out at another address than the one predicted for it: deployments predict addresses from the
 * deployer's nonce (the BatchChain that the registry names in its constructor, the L2 bridge pinned in the L2's
 * genesis), and another transaction from the same account moved it.
 */
export class DeployedAddressMismatchError extends MetisError {
  override readonly name = "DeployedAddressMismatchError" as const;
  static override readonly brand: string = "DeployedAddressMismatchError";

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

/**
 * The contract at the L2's coinbase is not the expected fee vault: its runtime code, its L1 recipient or its bridge
 * differs. On the local L2 the coinbase is the future address of a known key's first contract, so anyone who sends
 * that key's first transaction could put a vault of their own there (and take the fees); a production L2 puts the
 * vault in its genesis instead.
 */
export class FeeVaultMismatchError extends MetisError {
  override readonly name = "FeeVaultMismatchError" as const;
  static override readonly brand: string = "FeeVaultMismatchError";

  constructor(
    /** The vault's address (the coinbase). */
    readonly address: string,
    /** What differs: `code` (runtime code hash), `l1Recipient` or `bridge`. */
    readonly field: "code" | "l1Recipient" | "bridge",
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`the fee vault at ${address} has ${field} ${actual}, expected ${expected}`);
  }
}

/**
 * The contract at the L2 bridge's pinned address is not the L2 bridge this deployment creates: its runtime code (which
 * holds the bridge's admin) differs. The address is the system key's first contract, and on the devnet genesis that
 * key is public, so anyone could have put other code there before the bootstrap.
 */
export class L2BridgeMismatchError extends MetisError {
  override readonly name = "L2BridgeMismatchError" as const;
  static override readonly brand: string = "L2BridgeMismatchError";

  constructor(
    readonly address: string,
    /** The expected and the actual runtime code hashes. */
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`the contract at the L2 bridge's address ${address} has code hash ${actual}, expected ${expected}`);
  }
}

/** A feature of the `./node` entry needs an optional peer dependency that is not installed. */
export class MissingPeerDependencyError extends MetisError {
  override readonly name = "MissingPeerDependencyError" as const;
  static override readonly brand: string = "MissingPeerDependencyError";

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
