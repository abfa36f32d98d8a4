/**
 * How every SDK client takes its addresses: a {@link Deployment}, or the loose addresses it took before (or both, when
 * they agree). One place resolves them, so every client checks the same way and starts its log scans at the
 * deployment block.
 */
import {
  DeploymentAddressMismatchError,
  DeploymentAddressMissingError,
  InvalidLogScanOptionError,
} from "../errors/deployment";
import type { BlockLeafInput } from "../proof";

import { genesisLeafOf } from "./index";
import type { Deployment, DeploymentContracts } from "./types";

/** A name of a deployment's contract, as client configs name their address fields. */
export type DeploymentContractName = keyof DeploymentContracts;

/**
 * A client's config `C` whose address fields `K` may be left out when `deployment` is given: the deployment supplies
 * them. A config with every address (as before deployments existed) is one too.
 */
export type WithDeployment<C, K extends keyof C & DeploymentContractName> = Omit<C, K> &
  Partial<Pick<C, K>> & {
    /** The deployment whose addresses (and deployment block, and genesis) the client uses. */
    readonly deployment?: Deployment;
  };

/**
 * `config` with its address fields `required` and `optional` filled from `config.deployment` where left out.
 * Throws {@link DeploymentAddressMissingError} for a required address given neither way, and
 * {@link DeploymentAddressMismatchError} for an address given that is not the deployment's (compared
 * case-insensitively; the address passed is kept as passed).
 */
export function resolveAddresses<
  O extends object,
  R extends DeploymentContractName,
  P extends DeploymentContractName = never,
>(
  client: string,
  config: O,
  required: readonly R[],
  optional: readonly P[] = [],
): O & { readonly [F in R]: string } & { readonly [F in P]?: string } {
  const given = config as Partial<Record<DeploymentContractName, string>>;
  const { deployment } = config as { readonly deployment?: Deployment };
  const filled: Partial<Record<DeploymentContractName, string>> = {};
  for (const field of [...required, ...optional]) {
    const passed = given[field];
    const fromDeployment: string | undefined = deployment?.contracts[field];
    if (passed !== undefined && fromDeployment !== undefined && passed.toLowerCase() !== fromDeployment.toLowerCase())
      throw new DeploymentAddressMismatchError(client, field, passed, fromDeployment);
    const address = passed ?? fromDeployment;
    if (address !== undefined) filled[field] = address;
    else if ((required as readonly string[]).includes(field)) throw new DeploymentAddressMissingError(client, field);
  }
  return { ...config, ...filled } as O & { readonly [F in R]: string } & { readonly [F in P]?: string };
}

/**
 * The first L1 block a client's log scans read: `fromBlock` when given, else the deployment's block (no contract of
 * it logged before), else 0 (loose addresses and no start: the old behaviour, still read in bounded ranges).
 * Throws {@link InvalidLogScanOptionError} for a `fromBlock` that is not a non-negative integer.
 */
export function scanStart(config: { readonly deployment?: Deployment; readonly fromBlock?: number }): number {
  const { fromBlock } = config;
  if (fromBlock !== undefined && !(Number.isSafeInteger(fromBlock) && fromBlock >= 0))
    throw new InvalidLogScanOptionError("fromBlock", fromBlock, "a non-negative integer");
  return fromBlock ?? config.deployment?.deploymentBlock ?? 0;
}

/** The range size of a client's log scans: `logChunk` when given (a positive integer), else `fallback`. */
export function scanChunk(logChunk: number | undefined, fallback: number): number {
  if (logChunk !== undefined && !(Number.isSafeInteger(logChunk) && logChunk >= 1))
    throw new InvalidLogScanOptionError("logChunk", logChunk, "a positive integer");
  return logChunk ?? fallback;
}

/** The genesis leaf a client checks batch 0 against: the deployment's, when one is given. */
export function genesisOf(config: { readonly deployment?: Deployment }): BlockLeafInput | undefined {
  return config.deployment === undefined ? undefined : genesisLeafOf(config.deployment);
}
