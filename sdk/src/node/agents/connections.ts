/** An agent's connections: its DA store and its L1 and L2 providers, checked against the deployment. */
import { Network, type JsonRpcProvider } from "ethers";

import { S3DAStore } from "../../da/s3-store";
import type { DAStore } from "../../da/store";
import { FileDAStore } from "../da/file-store";
import { NodeJsonRpcProvider } from "../rpc";

import { AgentChainMismatchError } from "../../errors/agent";

import type { AgentConfig, AgentStoreConfig } from "./config";
import type { Logger } from "./log";

/** The DA store an agent's config names, with `destroy` to release its connections. */
export function openAgentStore(config: AgentStoreConfig): DAStore & { destroy(): void } {
  if (config.kind === "file") {
    const store = new FileDAStore(config.directory);
    return Object.assign(store, { destroy: () => undefined });
  }
  return new S3DAStore({
    bucket: config.bucket,
    prefix: config.prefix,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    ...(config.region === undefined ? {} : { region: config.region }),
    ...(config.compression === undefined ? {} : { compression: config.compression }),
    credentials: config.credentials,
    // Local S3 servers (the devnet's s3rver) serve buckets by path, not by host name.
    forcePathStyle: true,
  });
}

/**
 * A JSON-RPC provider for an agent: the chain id fixed to the deployment's (no network detection, which retries for
 * ever against a node that is down), fast receipt polling, answers decoded natively ({@link NodeJsonRpcProvider}: a
 * full L2 block is megabytes).
 */
export function agentProvider(url: string, chainId: number): JsonRpcProvider {
  return new NodeJsonRpcProvider(url, undefined, { staticNetwork: Network.from(chainId), pollingInterval: 250 });
}

/**
 * The chain id `provider`'s node reports, when it answers: undefined when it does not (the agent starts anyway and
 * reports the node unreachable in its health).
 */
export async function reportedChainId(provider: JsonRpcProvider): Promise<number | undefined> {
  try {
    return Number(BigInt((await provider.send("eth_chainId", [])) as string));
  } catch {
    return undefined;
  }
}

/**
 * Checks that the L1 and L2 nodes serve the deployment's chains: throws an {@link AgentChainMismatchError} for one
 * that serves another; one that does not answer is logged (`node-unreachable`) and the agent starts anyway.
 */
export async function checkAgentChains(
  config: Pick<AgentConfig, "l1" | "l2" | "deployment">,
  providers: { readonly l1: JsonRpcProvider; readonly l2: JsonRpcProvider },
  logger: Logger,
): Promise<void> {
  for (const [chain, url, provider, expected] of [
    ["L1", config.l1, providers.l1, config.deployment.l1ChainId],
    ["L2", config.l2, providers.l2, config.deployment.l2ChainId],
  ] as const) {
    const actual = await reportedChainId(provider);
    if (actual === undefined) logger.warn("node-unreachable", { chain, url });
    else if (actual !== expected) throw new AgentChainMismatchError(chain, url, expected, actual);
  }
}
