/**
 * A {@link Deployment} of a `rollup()` fixture, as `deployments/<network>.json` would hold it, built from its contracts
 * and chains (there is no deploy script here): clients can then be driven from the deployment alone. Also an L1
 * provider that records every `eth_getLogs` range, to check that scans stay bounded.
 */
import { BrowserProvider, type Eip1193Provider, type Provider } from "ethers";
import { ethers, network } from "hardhat";

import { DisputeLogic__factory, PauseLib__factory } from "../../sdk/src/contracts";
import { genesisLeafJson, parseDeployment, type Deployment } from "../../sdk/src/deployments";
import { genesisLeaf, L2_FEE_VAULT_ADDRESS } from "../../sdk/src/node";

import type { Rollup } from "./rollup";

/** The first block at which `address` has code (binary search; it must have code at `head`). */
async function codeBlock(provider: Provider, address: string, head: number): Promise<number> {
  let low = 0;
  let high = head;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if ((await provider.getCode(address, middle)) === "0x") low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The contract `creation` (a library's init code, no constructor arguments) created in blocks `from..to`. */
async function created(provider: Provider, creation: string, from: number, to: number): Promise<string> {
  for (let number = from; number <= to; number++) {
    const block = await provider.getBlock(number, true);
    for (const transaction of block?.prefetchedTransactions ?? []) {
      if (transaction.to !== null || transaction.data !== creation) continue;
      const receipt = await provider.getTransactionReceipt(transaction.hash);
      if (receipt?.contractAddress) return receipt.contractAddress;
    }
  }
  throw new Error(`no creation of that library in blocks ${from}..${to}`);
}

/**
 * The deployment of `r`: every address, the L1 block of its first contract (the token) as `deploymentBlock`, the L2
 * genesis leaf, block 1 (where the L2 system account creates the bridge) as `l2BridgeBlock`. Checked with
 * parseDeployment, so it is what a shipped file would give.
 */
export async function deploymentOf(
  r: Rollup,
  overrides: Partial<Deployment> = {},
  provider: Provider = ethers.provider,
): Promise<Deployment> {
  const head = await provider.getBlockNumber();
  const { addresses } = r;
  const token = await r.l1.token.getAddress();
  const deploymentBlock = await codeBlock(provider, token, head);
  const lastBlock = await codeBlock(provider, addresses.disputeManager, head);
  const genesis = await genesisLeaf(r.l2);
  const { chainId: l1ChainId } = await provider.getNetwork();
  const { chainId: l2ChainId } = await r.l2.provider.getNetwork();
  return parseDeployment({
    network: "hardhat",
    version: "0.0.0-test",
    l1ChainId: Number(l1ChainId),
    l2ChainId: Number(l2ChainId),
    deploymentBlock,
    l2BridgeBlock: 1,
    genesis: genesisLeafJson(genesis),
    contracts: {
      ...addresses,
      token,
      pauseLib: await created(provider, PauseLib__factory.bytecode, deploymentBlock, lastBlock),
      disputeLogic: await created(provider, DisputeLogic__factory.bytecode, deploymentBlock, lastBlock),
      feeVault: L2_FEE_VAULT_ADDRESS,
    },
    parameters: {},
    ...overrides,
  });
}

/** An `eth_getLogs` call's block range, as sent. */
export interface LogRange {
  readonly address: string;
  readonly fromBlock: number;
  readonly toBlock: number;
}

/**
 * An ethers provider over the Hardhat network that records the range of every `eth_getLogs` it sends (`ranges`), so a
 * test can check that no scan starts before a block or spans more than a chunk.
 */
export function recordingL1(): { readonly provider: BrowserProvider; readonly ranges: LogRange[] } {
  const ranges: LogRange[] = [];
  const eip1193: Eip1193Provider = {
    request: async (request: { method: string; params?: unknown[] | Record<string, unknown> }) => {
      if (request.method === "eth_getLogs" && Array.isArray(request.params)) {
        const [filter] = request.params as [{ address?: string; fromBlock?: string; toBlock?: string }];
        const block = (tag: string | undefined) => (tag === undefined || !tag.startsWith("0x") ? NaN : Number(tag));
        ranges.push({
          address: String(filter.address ?? "").toLowerCase(),
          fromBlock: block(filter.fromBlock),
          toBlock: block(filter.toBlock),
        });
      }
      return network.provider.request(request);
    },
  };
  return { provider: new BrowserProvider(eip1193, undefined, { cacheTimeout: -1, pollingInterval: 50 }), ranges };
}
