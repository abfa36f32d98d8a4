import type { JsonRpcApiProvider, Provider } from "ethers";

import { addressArgument } from "./arguments";
import { DeploymentAddressMismatchError } from "../errors/deployment";
import { parseDeployment } from "../deployments";
import type { BridgeAddresses, Deployment } from "../deployments/types";
import { BridgeArgumentError } from "../errors/bridge";

import { DEFAULT_BRIDGE_LOG_CHUNK, type ScanOptions } from "./scan";

/** A BridgeReader on a deployment: addresses, the L1 deployment block and the L2 bridge block all come from it. */
export interface BridgeReaderDeploymentConfig extends ScanOptions {
  readonly deployment: Deployment;
  readonly l1: Provider;
  readonly l2: JsonRpcApiProvider;
}

/**
 * A BridgeReader on loose addresses (the form before deployments). Scans start at `l1FromBlock` / `l2FromBlock`,
 * which default to block 0 here only: public RPC providers refuse such scans, so pass them (or a deployment).
 */
export interface BridgeReaderAddressConfig extends BridgeAddresses, ScanOptions {
  readonly l1: Provider;
  readonly l2: JsonRpcApiProvider;
  /** L2 block that created the L2 bridge; blocks before it have a zero withdrawal root (default 1, the devnet's). */
  readonly l2BridgeBlock?: bigint;
  /** First L1 block of every L1 log scan (BatchChain's deployment; default 0). */
  readonly l1FromBlock?: number;
  /** First L2 block of every L2 log scan (the L2 bridge's creation; default 0). */
  readonly l2FromBlock?: number;
}

export type BridgeReaderConfig = BridgeReaderDeploymentConfig | BridgeReaderAddressConfig;

/** What a bridge client reads where, from either form of config. */
export interface ResolvedBridgeConfig {
  readonly addresses: BridgeAddresses;
  readonly l1FromBlock: number;
  readonly l2FromBlock: number;
  readonly l2BridgeBlock: bigint;
  readonly logChunk: number;
  /** The deployment's chain ids, when the config is a deployment. */
  readonly l1ChainId?: bigint;
  readonly l2ChainId?: bigint;
  readonly deployment?: Deployment;
}

type LegacyScanBounds = Partial<Pick<BridgeReaderAddressConfig, "l1FromBlock" | "l2FromBlock" | "l2BridgeBlock">>;

function blockOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new BridgeArgumentError(name, String(value), "a block number");
  return value;
}

/** The addresses and scan bounds of `config` (a deployment, checked with parseDeployment, or loose addresses). */
export function resolveBridgeConfig(
  config: ({ readonly deployment: Deployment } | (BridgeAddresses & LegacyScanBounds)) & ScanOptions,
): ResolvedBridgeConfig {
  const logChunk = config.logChunk ?? DEFAULT_BRIDGE_LOG_CHUNK;
  if (!Number.isSafeInteger(logChunk) || logChunk < 1)
    throw new BridgeArgumentError("logChunk", String(logChunk), "a whole number of blocks, at least 1");
  if ("deployment" in config) {
    const deployment = parseDeployment(config.deployment);
    const { batchChain, l1Bridge, l2Bridge } = deployment.contracts;
    // An address passed beside the deployment must be the deployment's: two sources that disagree are a mistake.
    const given = config as Partial<BridgeAddresses>;
    for (const [field, expected] of [
      ["batchChain", batchChain],
      ["l1Bridge", l1Bridge],
      ["l2Bridge", l2Bridge],
    ] as const) {
      const address = given[field];
      if (address !== undefined && address.toLowerCase() !== expected)
        throw new DeploymentAddressMismatchError("BridgeReader/BridgeWriter", field, address, expected);
    }
    return {
      addresses: { batchChain, l1Bridge, l2Bridge },
      l1FromBlock: deployment.deploymentBlock,
      l2FromBlock: deployment.l2BridgeBlock,
      l2BridgeBlock: BigInt(deployment.l2BridgeBlock),
      logChunk,
      l1ChainId: BigInt(deployment.l1ChainId),
      l2ChainId: BigInt(deployment.l2ChainId),
      deployment,
    };
  }
  const loose = config as BridgeAddresses & LegacyScanBounds;
  return {
    addresses: {
      batchChain: addressArgument("batchChain", loose.batchChain),
      l1Bridge: addressArgument("l1Bridge", loose.l1Bridge),
      l2Bridge: addressArgument("l2Bridge", loose.l2Bridge),
    },
    l1FromBlock: blockOption("l1FromBlock", loose.l1FromBlock, 0),
    l2FromBlock: blockOption("l2FromBlock", loose.l2FromBlock, 0),
    l2BridgeBlock: loose.l2BridgeBlock ?? 1n,
    logChunk,
  };
}
