/**
 * A local L2 running in this process: a second Hardhat (EDR) chain with the pinned genesis of `l2-genesis.ts`, next to
 * the Hardhat network that plays L1. Tests and the demo use it; `npm run devnet:l2` serves the same chain over HTTP.
 */
import { BrowserProvider, parseEther, Wallet, type Eip1193Provider, type Provider } from "ethers";
import type { HardhatRuntimeEnvironment, HardhatNetworkConfig } from "hardhat/types";

import type { BlockLeafInput, Hex } from "../../sdk/src/proof";
import { L2Bridge__factory, type L1Bridge, type L2Bridge } from "../../sdk/src/contracts/typechain";
import { L2DataError } from "../../sdk/src/errors/sequencer";
import { readRawL2Block, type RawL2Block } from "../../sdk/src/sequencer/l2-reader";
import type { L2Node } from "../../sdk/src/sequencer/sequencer";

import {
  L2_BRIDGE_ADDRESS,
  L2_BRIDGE_RESERVE,
  L2_GENESIS_SUPPLY,
  L2_SYSTEM_ACCOUNT,
  L2_USER_ACCOUNTS,
  l2Key,
  l2NetworkConfig,
} from "./l2-genesis";
import { withL2Policy } from "./l2-policy";

export interface L2Chain {
  /** ethers provider over the chain. */
  readonly provider: BrowserProvider;
  /** The raw EIP-1193 provider (JSON-RPC requests), with the L2's transaction policy applied. */
  readonly eip1193: Eip1193Provider;
  /** Funded user accounts, connected to the chain. */
  readonly users: Wallet[];
  /** The system account: creates the bridge in block 1 (with its reserve) and names the relayers. */
  readonly system: Wallet;
  readonly bridgeAddress: string;
}

/** Creates an L2 chain at its genesis block. Requires the Hardhat runtime (tests, `hardhat run`). */
export async function createL2Chain(hre?: HardhatRuntimeEnvironment): Promise<L2Chain> {
  const runtime = hre ?? ((await import("hardhat")) as unknown as { default: HardhatRuntimeEnvironment }).default;
  const { createProvider } = await import("hardhat/internal/core/providers/construction");
  const { FUSAKA_TRANSACTION_GAS_LIMIT } = await import("hardhat/internal/constants");
  const user = l2NetworkConfig();
  const base = runtime.config.networks.hardhat;
  // The L1's settings fill in what the L2 does not pin, but never what its genesis block depends on: `hardhat
  // coverage` sets the L1's block gas limit, base fee and default gas price for instrumented code.
  const network: HardhatNetworkConfig = {
    ...base,
    chainId: user.chainId!,
    hardfork: user.hardfork!,
    initialDate: user.initialDate!,
    blockGasLimit: user.blockGasLimit!,
    initialBaseFeePerGas: user.initialBaseFeePerGas!,
    gas: Math.min(FUSAKA_TRANSACTION_GAS_LIMIT, user.blockGasLimit!), // Hardhat's default
    gasPrice: "auto",
    accounts: (user.accounts as { privateKey: string; balance: string }[]).map((a) => ({ ...a })),
    mining: { auto: true, interval: 0, mempool: { order: "fifo" } },
  };
  const config = { ...runtime.config, networks: { ...runtime.config.networks, hardhat: network } };
  const eip1193 = withL2Policy((await createProvider(config, "hardhat")) as unknown as Eip1193Provider);
  // No request cache (ethers keeps answers for 250 ms by default, which hands back stale nonces and block numbers on
  // a chain that mines each transaction at once) and fast polling for receipts.
  const provider = new BrowserProvider(eip1193, undefined, { cacheTimeout: -1, pollingInterval: 50 });
  const connect = (key: { privateKey: string }) => new Wallet(key.privateKey, provider);
  return {
    provider,
    eip1193,
    users: Array.from({ length: L2_USER_ACCOUNTS }, (_, i) => connect(l2Key(2 + i))),
    system: connect(L2_SYSTEM_ACCOUNT),
    bridgeAddress: L2_BRIDGE_ADDRESS,
  };
}

/**
 * Creates the L2 bridge with its reserve in the chain's next block, unless it exists, with the system account as its
 * admin and `relayers` allowed to relay. Returns it connected to the system account.
 */
export async function bootstrapL2Bridge(chain: L2Chain, relayers: readonly string[] = []): Promise<L2Bridge> {
  if ((await chain.provider.getCode(chain.bridgeAddress)) === "0x") {
    const bridge = await new L2Bridge__factory(chain.system).deploy(chain.system.address, [...relayers], {
      value: L2_BRIDGE_RESERVE,
    });
    await bridge.waitForDeployment();
    if ((await bridge.getAddress()) !== chain.bridgeAddress) throw new Error("L2 bridge not at its pinned address");
  }
  return L2Bridge__factory.connect(chain.bridgeAddress, chain.system);
}

/**
 * Makes `key` (a sequencer's signer key) an L2 relayer: the system account allows it on the bridge and sends it
 * `gas` worth of ETH (from the genesis float) to pay for its relays. Returns the key connected to the L2.
 */
export async function addL2Relayer(chain: L2Chain, key: Wallet, gas = parseEther("1")): Promise<Wallet> {
  const bridge = L2Bridge__factory.connect(chain.bridgeAddress, chain.system);
  if (!(await bridge.isRelayer(key.address))) await (await bridge.setRelayer(key.address, true)).wait();
  await (await chain.system.sendTransaction({ to: key.address, value: gas })).wait();
  return new Wallet(key.privateKey, chain.provider);
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

/**
 * The devnet L2 as an {@link L2Node}: `rewind(toBlock)` reads blocks 1 to `toBlock`, resets the chain to its pinned
 * genesis and replays them with their own timestamps and raw transactions, checking that every block hash comes back
 * the same. Everything after `toBlock` is gone.
 */
export function l2Node(chain: L2Chain): L2Node {
  return {
    async rewind(toBlock: bigint): Promise<void> {
      const blocks: RawL2Block[] = [];
      for (let number = 1n; number <= toBlock; number++) blocks.push(await readRawL2Block(chain.provider, number));
      const genesis = await chain.provider.send("eth_getBlockByNumber", ["0x0", false]);
      await chain.provider.send("hardhat_reset", []);
      const reset = await chain.provider.send("eth_getBlockByNumber", ["0x0", false]);
      if (reset.hash !== genesis.hash) throw new L2DataError("the L2 reset to another genesis");
      const hashes = await replayBlocks(
        chain,
        blocks.map((block) => ({ ...block, transactions: block.transactions.map((t) => t.raw) })),
      );
      hashes.forEach((hash, i) => {
        if (hash !== blocks[i]!.hash) throw new L2DataError(`replayed block ${i + 1} hashes to ${hash}`);
      });
    },
  };
}

/**
 * Native ETH on the L2 now: the genesis supply less the base fees burned in every block since (EIP-1559; priority
 * fees stay on the L2 with the block's coinbase).
 */
export async function l2NativeSupply(chain: L2Chain): Promise<bigint> {
  const head = await chain.provider.getBlockNumber();
  let burned = 0n;
  for (let number = 1; number <= head; number++) {
    const block = (await chain.provider.getBlock(number))!;
    burned += (block.baseFeePerGas ?? 0n) * block.gasUsed;
  }
  return L2_GENESIS_SUPPLY - burned;
}

/**
 * Both sides of the bridge's value invariant: native L2 ETH outside the L2 bridge's reserve (everything users hold,
 * ETH owed to deferred credits included), which must never exceed the ETH the L1 bridge holds, so that every L2 ETH
 * can be withdrawn.
 */
export async function ethBacking(
  chain: L2Chain,
  l1Bridge: L1Bridge,
  l1: Provider,
): Promise<{ readonly outside: bigint; readonly escrow: bigint }> {
  const l2Bridge = L2Bridge__factory.connect(chain.bridgeAddress, chain.provider);
  const reserve = (await chain.provider.getBalance(chain.bridgeAddress)) - (await l2Bridge.deferredETH());
  const outside = (await l2NativeSupply(chain)) - reserve;
  const escrow = await l1.getBalance(await l1Bridge.getAddress());
  return { outside, escrow };
}
