import { Transaction, type JsonRpcApiProvider } from "ethers";

import { L2DataError } from "../errors/sequencer";
import type { Hex } from "../proof";

/** Fixed storage slots of the L2 bridge (IL2Bridge): what a batch header and block leaves commit to. */
export const L2_BRIDGE_SLOTS = { depositCount: 0n, depositChainHash: 1n, withdrawalRoot: 2n } as const;

/** One L2 block as a batch needs it. */
export interface L2Block {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly hash: Hex;
  readonly stateRoot: Hex;
  /** The L2 bridge's withdrawal tree root after this block. */
  readonly withdrawalRoot: Hex;
  /** The L2 bridge's relayed deposit count and chain after this block. */
  readonly depositCount: bigint;
  readonly depositChainHash: Hex;
  /** Hashes and raw signed bytes of its transactions, in order. */
  readonly transactions: readonly { readonly hash: Hex; readonly raw: Hex }[];
}

interface RpcBlock {
  number: string;
  timestamp: string;
  hash: string;
  stateRoot: string;
  transactions: Record<string, unknown>[];
}

/** The latest block number, read from the node each time (ethers' getBlockNumber may serve a cached value). */
export async function latestBlockNumber(provider: JsonRpcApiProvider): Promise<bigint> {
  return BigInt(await provider.send("eth_blockNumber", []));
}

async function storageAt(provider: JsonRpcApiProvider, address: string, slot: bigint, block: string): Promise<Hex> {
  const value: string = await provider.send("eth_getStorageAt", [address, `0x${slot.toString(16)}`, block]);
  return `0x${value.slice(2).padStart(64, "0")}` as Hex;
}

/** Rebuilds the raw signed bytes of an RPC transaction and checks they hash to its hash. */
function rawOf(rpc: Record<string, unknown>, blockNumber: bigint): { hash: Hex; raw: Hex } {
  const get = (key: string) => rpc[key] as string | undefined;
  const type = Number(get("type") ?? "0x0");
  const transaction = Transaction.from({
    type,
    chainId: get("chainId") === undefined ? undefined : BigInt(get("chainId")!),
    nonce: Number(get("nonce")),
    to: get("to") ?? null,
    value: BigInt(get("value")!),
    data: get("input") ?? get("data") ?? "0x",
    gasLimit: BigInt(get("gas")!),
    gasPrice: type === 0 || type === 1 ? BigInt(get("gasPrice")!) : undefined,
    maxFeePerGas: type >= 2 ? BigInt(get("maxFeePerGas")!) : undefined,
    maxPriorityFeePerGas: type >= 2 ? BigInt(get("maxPriorityFeePerGas")!) : undefined,
    accessList: type >= 1 ? (rpc.accessList as []) : undefined,
    signature: { r: get("r")!, s: get("s")!, v: BigInt(get("v")!) },
  });
  const hash = get("hash")!;
  if (transaction.hash !== hash) {
    throw new L2DataError(`transaction ${hash} in block ${blockNumber} re-serialises to ${transaction.hash}`);
  }
  return { hash: hash as Hex, raw: transaction.serialized as Hex };
}

/**
 * Reads L2 blocks `from` to `to` (inclusive) with their raw transactions and the L2 bridge's storage after each
 * (`bridge` is the L2 bridge's address). Every transaction's raw bytes are checked against its hash.
 */
export async function readL2Blocks(
  provider: JsonRpcApiProvider,
  bridge: string,
  from: bigint,
  to: bigint,
): Promise<L2Block[]> {
  const blocks: L2Block[] = [];
  for (let number = from; number <= to; number++) {
    const tag = `0x${number.toString(16)}`;
    const rpc = (await provider.send("eth_getBlockByNumber", [tag, true])) as RpcBlock | null;
    if (rpc === null) throw new L2DataError(`L2 block ${number} does not exist`);
    const [depositCount, depositChainHash, withdrawalRoot] = await Promise.all([
      storageAt(provider, bridge, L2_BRIDGE_SLOTS.depositCount, tag),
      storageAt(provider, bridge, L2_BRIDGE_SLOTS.depositChainHash, tag),
      storageAt(provider, bridge, L2_BRIDGE_SLOTS.withdrawalRoot, tag),
    ]);
    blocks.push({
      number,
      timestamp: BigInt(rpc.timestamp),
      hash: rpc.hash as Hex,
      stateRoot: rpc.stateRoot as Hex,
      withdrawalRoot,
      depositCount: BigInt(depositCount),
      depositChainHash,
      transactions: rpc.transactions.map((transaction) => rawOf(transaction, number)),
    });
  }
  return blocks;
}
