/**
 * A local L2 running in this process: a second Hardhat (EDR) chain with the pinned genesis of `l2-genesis.ts`, next to
 * the Hardhat network that plays L1. Tests and the demo use it; `npm run devnet:l2` serves the same chain over HTTP.
 */
import { BrowserProvider, Transaction, Wallet, type Eip1193Provider } from "ethers";
import type { HardhatRuntimeEnvironment, HardhatNetworkConfig } from "hardhat/types";

import type { BlockLeafInput, Hex } from "../../sdk/src/proof";
import { L2Bridge__factory, type L2Bridge } from "../../sdk/src/contracts/typechain";

import {
  L2_BRIDGE_ADDRESS,
  L2_BRIDGE_RESERVE,
  L2_SYSTEM_DEPLOYER,
  L2_SYSTEM_RELAYER,
  L2_USER_ACCOUNTS,
  l2Key,
  l2NetworkConfig,
} from "./l2-genesis";

export interface L2Chain {
  /** ethers provider over the chain. */
  readonly provider: BrowserProvider;
  /** The raw EIP-1193 provider (JSON-RPC requests). */
  readonly eip1193: Eip1193Provider;
  /** Funded user accounts, connected to the chain. */
  readonly users: Wallet[];
  /** The system deployer (creates the bridge in block 1) and the system relayer (relays deposits). */
  readonly deployer: Wallet;
  readonly relayer: Wallet;
  readonly bridgeAddress: string;
}

/** Creates an L2 chain at its genesis block. Requires the Hardhat runtime (tests, `hardhat run`). */
export async function createL2Chain(hre?: HardhatRuntimeEnvironment): Promise<L2Chain> {
  const runtime = hre ?? ((await import("hardhat")) as unknown as { default: HardhatRuntimeEnvironment }).default;
  const { createProvider } = await import("hardhat/internal/core/providers/construction");
  const user = l2NetworkConfig();
  const base = runtime.config.networks.hardhat;
  const network: HardhatNetworkConfig = {
    ...base,
    chainId: user.chainId!,
    hardfork: user.hardfork!,
    initialDate: user.initialDate!,
    accounts: (user.accounts as { privateKey: string; balance: string }[]).map((a) => ({ ...a })),
    mining: { auto: true, interval: 0, mempool: { order: "fifo" } },
  };
  const config = { ...runtime.config, networks: { ...runtime.config.networks, hardhat: network } };
  const eip1193 = (await createProvider(config, "hardhat")) as unknown as Eip1193Provider;
  // No request cache (ethers keeps answers for 250 ms by default, which hands back stale nonces and block numbers on
  // a chain that mines each transaction at once) and fast polling for receipts.
  const provider = new BrowserProvider(eip1193, undefined, { cacheTimeout: -1, pollingInterval: 50 });
  const connect = (key: { privateKey: string }) => new Wallet(key.privateKey, provider);
  return {
    provider,
    eip1193,
    users: Array.from({ length: L2_USER_ACCOUNTS }, (_, i) => connect(l2Key(2 + i))),
    deployer: connect(L2_SYSTEM_DEPLOYER),
    relayer: connect(L2_SYSTEM_RELAYER),
    bridgeAddress: L2_BRIDGE_ADDRESS,
  };
}

/** Creates the L2 bridge with its reserve in the chain's next block, unless it exists. Returns it. */
export async function bootstrapL2Bridge(chain: L2Chain): Promise<L2Bridge> {
  if ((await chain.provider.getCode(chain.bridgeAddress)) === "0x") {
    const bridge = await new L2Bridge__factory(chain.deployer).deploy(chain.relayer.address, {
      value: L2_BRIDGE_RESERVE,
    });
    await bridge.waitForDeployment();
    if ((await bridge.getAddress()) !== chain.bridgeAddress) throw new Error("L2 bridge not at its pinned address");
  }
  return L2Bridge__factory.connect(chain.bridgeAddress, chain.relayer);
}

/** The genesis block as batch 0's block leaf (no withdrawals exist at genesis). */
export async function genesisLeaf(chain: L2Chain): Promise<BlockLeafInput> {
  const block = await chain.provider.send("eth_getBlockByNumber", ["0x0", false]);
  return {
    number: 0n,
    timestamp: BigInt(block.timestamp),
    blockHash: block.hash as Hex,
    stateRoot: block.stateRoot as Hex,
    withdrawalRoot: `0x${"0".repeat(64)}` as Hex,
  };
}

/** A block as a replica needs it: its timestamp and its raw signed transactions in order. */
export interface ReplayBlock {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly transactions: readonly Hex[];
}

/**
 * Replays `blocks` on `chain` (a replica at the previous block): each block is mined with its own timestamp and
 * transactions, so an honest replica reaches the same block hashes and state roots. Returns the new blocks' hashes.
 */
export async function replayBlocks(chain: L2Chain, blocks: readonly ReplayBlock[]): Promise<Hex[]> {
  const hashes: Hex[] = [];
  await chain.provider.send("evm_setAutomine", [false]);
  try {
    for (const block of blocks) {
      for (const raw of block.transactions) await chain.provider.send("eth_sendRawTransaction", [raw]);
      await chain.provider.send("evm_mine", [Number(block.timestamp)]);
      const mined = await chain.provider.send("eth_getBlockByNumber", ["latest", false]);
      if (BigInt(mined.number) !== block.number)
        throw new Error(`replayed block ${mined.number}, expected ${block.number}`);
      hashes.push(mined.hash as Hex);
    }
  } finally {
    await chain.provider.send("evm_setAutomine", [true]);
  }
  return hashes;
}

/** The raw signed transaction of a transaction response, checked against its hash. */
export function rawTransaction(response: Parameters<typeof Transaction.from>[0] & { hash?: string | null }): Hex {
  const transaction = Transaction.from(response);
  if (response.hash && transaction.hash !== response.hash) {
    throw new Error(`re-serialised transaction ${transaction.hash} does not hash to ${response.hash}`);
  }
  return transaction.serialized as Hex;
}
