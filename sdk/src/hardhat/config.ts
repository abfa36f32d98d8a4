/**
 * The deploy config of one network (`deploy/networks/<network>.ts` in this repository, any file passed with
 * `--config` to `metis:deploy`): what `deployNetwork` deploys on the Hardhat network it runs on (L1) and which L2 it
 * bootstraps. Public networks read their URLs (and Hardhat's config the deployer key) from environment variables with
 * {@link requireEnv}; a config never holds a secret.
 */
import { MissingEnvironmentVariableError } from "../errors/hardhat";
import type { GovernanceSettings, L1Parameters } from "../node/deploy/deploy-l1";

/** The protocol token: an existing one on L1, or a new MetisToken minted to the deployer. */
export type TokenConfig = { readonly address: string } | { readonly supply: bigint };

/** The L2 side of a deployment. */
export interface L2DeployConfig {
  /** The L2's JSON-RPC URL. */
  readonly rpcUrl: string;
  /** The L2's chain id, checked against the RPC's (optional). */
  readonly chainId?: number;
  /**
   * How the L2 contracts come to exist. `"devnet"`: an L2 with the pinned genesis of `npm run devnet:l2`
   * (`sdk/src/node/l2/genesis.ts`), whose system and fee-vault keys are public: the deploy creates the L2 bridge (with
   * its reserve) and the fee vault (sending its fees to the new RewardPool) unless they exist, and checks them.
   */
  readonly bootstrap: "devnet";
}

/** One network's deploy config. */
export interface NetworkDeployConfig {
  readonly l2: L2DeployConfig;
  readonly token: TokenConfig;
  /** The BatchChain's guardian, which may pause for at most `maxPause` (none when omitted). */
  readonly guardian?: string;
  /** The Governor's and the timelock's settings, the timelock delay among them. */
  readonly governance?: GovernanceSettings;
  /** Governable parameters set at deployment (each within its bounds; omitted ones keep the defaults). */
  readonly parameters?: L1Parameters;
  /** The L2 bridge's ETH reserve as the L1 bridge counts it (default: the devnet L2's). */
  readonly l2Reserve?: bigint;
  /** ETH the deployer sends the L1 bridge to back the L2 genesis float (default: the devnet L2's). */
  readonly genesisBacking?: bigint;
}

/** `config`, typed: `export default defineNetworkConfig({ ... })` in a config file. */
export function defineNetworkConfig(config: NetworkDeployConfig): NetworkDeployConfig {
  return config;
}

/** The value of environment variable `name`, or {@link MissingEnvironmentVariableError} naming `purpose`. */
export function requireEnv(name: string, purpose: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === "") throw new MissingEnvironmentVariableError(name, purpose);
  return value.trim();
}
