import { Signature, Transaction, type JsonRpcApiProvider, type TransactionLike } from "ethers";

import { InvalidL2BlockError, L2DataError } from "../errors/sequencer";
import type { Address, Hex } from "../proof";

/** Fixed storage slots of the L2 bridge (IL2Bridge): what a batch header and block leaves commit to. */
export const L2_BRIDGE_SLOTS = { depositCount: 0n, depositChainHash: 1n, withdrawalRoot: 2n } as const;

/**
 * Transaction types the Metis L2 accepts, by their EIP-2718 type byte: legacy (0, with or without EIP-155),
 * EIP-2930 (1), EIP-1559 (2) and EIP-7702 (4). Blob transactions (3) are refused, as on OP Stack L2s: an L2 has no
 * blob data layer, and a data object carries each transaction's raw bytes, which for a blob transaction lack the
 * blobs. A block holding any other type is invalid.
 */
export const L2_TRANSACTION_TYPES: readonly number[] = [0, 1, 2, 4];

/** One L2 transaction as a batch carries it: its hash, raw signed bytes, sender and type. */
export interface L2Transaction {
  readonly hash: Hex;
  readonly raw: Hex;
  readonly from: Address;
  readonly to: Address | null;
  readonly type: number;
}

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
  /** Its transactions, in order, with the raw signed bytes the data object carries. */
  readonly transactions: readonly L2Transaction[];
}

/** A block as an RPC node returns it with full transactions. */
interface RpcBlock {
  number: string;
  timestamp: string;
  hash: string;
  stateRoot: string;
  transactions: RpcTransaction[];
}

type RpcTransaction = Record<string, unknown>;

interface RpcAuthorization {
  chainId: string;
  address: string;
  nonce: string;
  yParity: string;
  r: string;
  s: string;
}

/** The latest block number, read from the node each time (ethers' getBlockNumber may serve a cached value). */
export async function latestBlockNumber(provider: JsonRpcApiProvider): Promise<bigint> {
  return BigInt(await provider.send("eth_blockNumber", []));
}

async function storageAt(provider: JsonRpcApiProvider, address: string, slot: bigint, block: string): Promise<Hex> {
  const value: string = await provider.send("eth_getStorageAt", [address, `0x${slot.toString(16)}`, block]);
  return `0x${value.slice(2).padStart(64, "0")}` as Hex;
}

/** The fields of an RPC transaction in ethers' form, for the types the L2 accepts. */
function transactionLike(rpc: RpcTransaction, type: number): TransactionLike {
  const text = (key: string): string | undefined => rpc[key] as string | undefined;
  const big = (key: string): bigint | undefined => (text(key) === undefined ? undefined : BigInt(text(key)!));
  const v = big("v");
  // A legacy transaction signed without EIP-155 has v 27 or 28 and no chain id in its signature.
  const chainId = type === 0 && (v === 27n || v === 28n) ? 0n : big("chainId");
  const base: TransactionLike = {
    type,
    chainId,
    nonce: Number(text("nonce")),
    to: text("to") ?? null,
    value: big("value"),
    data: text("input") ?? text("data") ?? "0x",
    gasLimit: big("gas"),
    signature: Signature.from({
      r: text("r")!,
      s: text("s")!,
      v: type === 0 ? Number(v) : text("yParity") !== undefined ? 27 + Number(text("yParity")) : Number(v) + 27,
    }),
  };
  if (type === 0 || type === 1) base.gasPrice = big("gasPrice");
  if (type >= 1) base.accessList = rpc.accessList as TransactionLike["accessList"];
  if (type >= 2) {
    base.maxFeePerGas = big("maxFeePerGas");
    base.maxPriorityFeePerGas = big("maxPriorityFeePerGas");
  }
  if (type === 4) {
    base.authorizationList = ((rpc.authorizationList ?? []) as RpcAuthorization[]).map((authorization) => ({
      chainId: BigInt(authorization.chainId),
      address: authorization.address,
      nonce: BigInt(authorization.nonce),
      signature: Signature.from({
        r: authorization.r,
        s: authorization.s,
        v: 27 + Number(authorization.yParity),
      }),
    }));
  }
  return base;
}

/**
 * Rebuilds the raw signed bytes of an RPC transaction, as the node received them, and checks they hash to its hash
 * (nodes do not serve raw bytes over the standard API). Throws {@link InvalidL2BlockError} for a type the L2 does not
 * accept, and {@link L2DataError} when the node's fields do not hash back to the transaction.
 */
export function rawTransactionOf(rpc: RpcTransaction, blockNumber: bigint): L2Transaction {
  const hash = rpc.hash as Hex;
  const type = Number((rpc.type as string | undefined) ?? "0x0");
  if (!L2_TRANSACTION_TYPES.includes(type)) {
    throw new InvalidL2BlockError(blockNumber, `transaction ${hash} has type ${type}, which the L2 does not accept`);
  }
  let transaction: Transaction;
  try {
    transaction = Transaction.from(transactionLike(rpc, type));
  } catch (error) {
    throw new L2DataError(`transaction ${hash} in block ${blockNumber} cannot be re-serialised`, { cause: error });
  }
  if (transaction.hash !== hash) {
    throw new L2DataError(`transaction ${hash} in block ${blockNumber} re-serialises to ${transaction.hash}`);
  }
  return {
    hash,
    raw: transaction.serialized as Hex,
    from: rpc.from as Address,
    to: (rpc.to as Address | null | undefined) ?? null,
    type,
  };
}

/** A block's number, timestamp, hash and state root with its raw transactions (no bridge storage). */
export interface RawL2Block {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly hash: Hex;
  readonly stateRoot: Hex;
  readonly transactions: readonly L2Transaction[];
}

/** The RPC form of block `number` with full transactions; throws {@link L2DataError} when the node lacks it. */
export async function rpcBlock(provider: JsonRpcApiProvider, number: bigint): Promise<RpcBlock> {
  const rpc = (await provider.send("eth_getBlockByNumber", [`0x${number.toString(16)}`, true])) as RpcBlock | null;
  if (rpc === null) throw new L2DataError(`L2 block ${number} does not exist`);
  return rpc;
}

/** Reads block `number` with its raw transactions. */
export async function readRawL2Block(provider: JsonRpcApiProvider, number: bigint): Promise<RawL2Block> {
  const rpc = await rpcBlock(provider, number);
  return {
    number,
    timestamp: BigInt(rpc.timestamp),
    hash: rpc.hash as Hex,
    stateRoot: rpc.stateRoot as Hex,
    transactions: rpc.transactions.map((transaction) => rawTransactionOf(transaction, number)),
  };
}

/**
 * Reads L2 blocks `from` to `to` (inclusive) with their raw transactions and the L2 bridge's storage after each
 * (`bridge` is the L2 bridge's address). Every transaction's raw bytes are checked against its hash; a transaction of
 * a type the L2 does not accept makes its block invalid ({@link InvalidL2BlockError}).
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
    const [block, depositCount, depositChainHash, withdrawalRoot] = await Promise.all([
      readRawL2Block(provider, number),
      storageAt(provider, bridge, L2_BRIDGE_SLOTS.depositCount, tag),
      storageAt(provider, bridge, L2_BRIDGE_SLOTS.depositChainHash, tag),
      storageAt(provider, bridge, L2_BRIDGE_SLOTS.withdrawalRoot, tag),
    ]);
    blocks.push({ ...block, withdrawalRoot, depositCount: BigInt(depositCount), depositChainHash });
  }
  return blocks;
}
