/** A Deployment for the in-process rollup of test/helpers/rollup.ts, and a provider that records its log reads. */
import { ZeroAddress, ZeroHash, type Provider } from "ethers";
import { ethers } from "hardhat";

import { parseDeployment, type Deployment } from "../../sdk/src/deployments";

import type { Rollup } from "./rollup";

/** The first block at which `address` has code (binary search over the node's history). */
export async function firstBlockWithCode(provider: Provider, address: string): Promise<number> {
  let low = 0;
  let high = await provider.getBlockNumber();
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if ((await provider.getCode(address, middle)) === "0x") low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The rollup as a deployment: its real addresses and blocks (the token's creation on L1, the L2 bridge's on L2);
 * libraries, fee vault, genesis and parameters are placeholders, which the bridge does not read.
 */
export async function deploymentOf(r: Rollup, overrides: Partial<Deployment> = {}): Promise<Deployment> {
  const token = await r.l1.token.getAddress();
  return parseDeployment({
    network: "rollup",
    version: "0.0.0-test",
    l1ChainId: Number((await ethers.provider.getNetwork()).chainId),
    l2ChainId: Number((await r.l2.provider.getNetwork()).chainId),
    deploymentBlock: await firstBlockWithCode(ethers.provider, token),
    l2BridgeBlock: await firstBlockWithCode(r.l2.provider, r.l2.bridgeAddress),
    genesis: { number: "0", timestamp: "0", blockHash: ZeroHash, stateRoot: ZeroHash, withdrawalRoot: ZeroHash },
    contracts: {
      ...r.addresses,
      token,
      pauseLib: ZeroAddress,
      disputeLogic: ZeroAddress,
      feeVault: ZeroAddress,
    },
    parameters: {},
    ...overrides,
  });
}

/** One `eth_getLogs` as a provider was asked it. */
export interface LogRead {
  readonly fromBlock: number;
  readonly toBlock: number;
}

/** `provider` with every `getLogs` call recorded in `reads` (everything else passed through). */
export function recordingProvider<P extends Provider>(provider: P, reads: LogRead[]): P {
  return new Proxy(provider, {
    get(target, property, receiver) {
      if (property === "getLogs") {
        return (filter: { fromBlock: number; toBlock: number }) => {
          reads.push({ fromBlock: Number(filter.fromBlock), toBlock: Number(filter.toBlock) });
          return target.getLogs(filter);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
