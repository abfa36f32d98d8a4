import type { JsonRpcApiProvider } from "ethers";

import { InvalidL2BlockError, L2DataError } from "../errors/sequencer";
import {
  bytesToHex,
  hexToBytes,
  keccak256,
  L2_BRIDGE_SLOTS,
  MAX_L2_TRANSACTION_BYTES,
  rlpEncode,
  type Address,
  type Hex,
  type RlpItem,
} from "../proof";
import { uintToRlpBytes } from "../proof/rlp";

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
  return BigInt(await quantityCall(provider, "eth_blockNumber", []));
}

/** A JSON-RPC call whose result is a hex quantity or data; {@link L2DataError} when the node answers otherwise. */
async function quantityCall(provider: JsonRpcApiProvider, method: string, params: unknown[]): Promise<Hex> {
  const result: unknown = await provider.send(method, params);
  if (typeof result !== "string" || !result.startsWith("0x")) {
    throw new L2DataError(`${method} returned ${JSON.stringify(result)}, not hex`);
  }
  return result as Hex;
}

async function storageAt(provider: JsonRpcApiProvider, address: string, slot: bigint, block: string): Promise<Hex> {
  const value = await quantityCall(provider, "eth_getStorageAt", [address, `0x${slot.toString(16)}`, block]);
  return `0x${value.slice(2).padStart(64, "0")}`;
}

/**
 * An RLP integer: minimal big-endian bytes, empty for zero. A node's hex quantity is decoded as hex, without a
 * detour through a bigint (this runs for every field of every transaction a sequencer reads).
 */
function rlpQuantity(value: unknown, field: string): Uint8Array {
  if (typeof value === "string" && value.startsWith("0x")) {
    let start = 2;
    while (start < value.length && value.charCodeAt(start) === 48) start++; // leading "0"s
    const digits = value.slice(start).toLowerCase();
    return hexToBytes(`0x${digits.length % 2 === 0 ? "" : "0"}${digits}`, field);
  }
  if (typeof value !== "string" && typeof value !== "bigint" && typeof value !== "number") {
    throw new L2DataError(`the node's transaction has no ${field}`);
  }
  const n = BigInt(value);
  if (n < 0n) throw new L2DataError(`the node's transaction has a negative ${field}`);
  return uintToRlpBytes(n);
}

/** RLP bytes of a hex field (an address, calldata); `null` (no recipient) is the empty string. */
function rlpData(value: unknown, field: string): Uint8Array {
  if (value === null || value === undefined) return new Uint8Array();
  return hexToBytes(typeof value === "string" ? value.toLowerCase() : value, field);
}

interface RpcAccessListEntry {
  address: string;
  storageKeys: string[];
}

function rlpAccessList(list: unknown): RlpItem[] {
  return ((list ?? []) as RpcAccessListEntry[]).map((entry) => [
    rlpData(entry.address, "accessList.address"),
    entry.storageKeys.map((key) => rlpData(key, "accessList.storageKey")),
  ]);
}

/**
 * The signed transaction's EIP-2718 encoding, rebuilt from the node's fields as they are: every integer as the node
 * reports it, signatures included, without parsing or normalising them (an EIP-7702 authorization with an odd
 * `y_parity` is valid in a transaction and must come back byte for byte).
 */
function encodeSigned(rpc: RpcTransaction, type: number): Uint8Array {
  const q = (key: string) => rlpQuantity(rpc[key], key);
  const yParity = () => rlpQuantity(rpc.yParity ?? rpc.v, "yParity");
  const signature = () => [yParity(), q("r"), q("s")];
  // gas, to, value, data: the same four in every type, after its fee fields.
  const call = () => [q("gas"), rlpData(rpc.to, "to"), q("value"), rlpData(rpc.input ?? rpc.data ?? "0x", "input")];
  const typed = (fields: RlpItem[]) => {
    const payload = rlpEncode(fields);
    const out = new Uint8Array(1 + payload.length);
    out[0] = type;
    out.set(payload, 1);
    return out;
  };
  switch (type) {
    case 0:
      return rlpEncode([q("nonce"), q("gasPrice"), ...call(), q("v"), q("r"), q("s")]);
    case 1:
      return typed([q("chainId"), q("nonce"), q("gasPrice"), ...call(), rlpAccessList(rpc.accessList), ...signature()]);
    case 2:
    case 4: {
      const fields: RlpItem[] = [
        q("chainId"),
        q("nonce"),
        q("maxPriorityFeePerGas"),
        q("maxFeePerGas"),
        ...call(),
        rlpAccessList(rpc.accessList),
      ];
      if (type === 4) {
        fields.push(
          ((rpc.authorizationList ?? []) as RpcAuthorization[]).map((authorization) => [
            rlpQuantity(authorization.chainId, "authorization.chainId"),
            rlpData(authorization.address, "authorization.address"),
            rlpQuantity(authorization.nonce, "authorization.nonce"),
            rlpQuantity(authorization.yParity, "authorization.yParity"),
            rlpQuantity(authorization.r, "authorization.r"),
            rlpQuantity(authorization.s, "authorization.s"),
          ]),
        );
      }
      return typed([...fields, ...signature()]);
    }
    default:
      throw new L2DataError(`transaction type ${type} has no encoding here`);
  }
}

/**
 * Rebuilds the raw signed bytes of an RPC transaction, as the node received them, and checks they hash to its hash
 * (nodes do not serve raw bytes over the standard API). Throws {@link InvalidL2BlockError} for a type the L2 does not
 * accept or a transaction over `MAX_L2_TRANSACTION_BYTES`, and {@link L2DataError} when the node's fields do not hash
 * back to the transaction.
 */
export function rawTransactionOf(rpc: RpcTransaction, blockNumber: bigint): L2Transaction {
  const hash = rpc.hash as Hex;
  const type = Number((rpc.type as string | undefined) ?? "0x0");
  if (!L2_TRANSACTION_TYPES.includes(type)) {
    throw new InvalidL2BlockError(blockNumber, `transaction ${hash} has type ${type}, which the L2 does not accept`);
  }
  let bytes: Uint8Array;
  try {
    bytes = encodeSigned(rpc, type);
  } catch (error) {
    throw new L2DataError(`transaction ${hash} in block ${blockNumber} cannot be re-serialised`, { cause: error });
  }
  const rebuilt = bytesToHex(keccak256(bytes));
  if (typeof hash !== "string" || rebuilt !== hash.toLowerCase()) {
    throw new L2DataError(`transaction ${hash} in block ${blockNumber} re-serialises to ${rebuilt}`);
  }
  const raw = bytesToHex(bytes);
  const size = bytes.length;
  if (size > MAX_L2_TRANSACTION_BYTES) {
    throw new InvalidL2BlockError(
      blockNumber,
      `transaction ${hash} has ${size} raw bytes, over the ${MAX_L2_TRANSACTION_BYTES} a DA answer carries in one L1 transaction`,
    );
  }
  return {
    hash,
    raw,
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
