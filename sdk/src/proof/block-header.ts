/**
 * L2 block headers in their consensus encoding: the RLP list whose keccak256 is the block hash. A block leaf's
 * `blockHash` names such a header, and DisputeManager reads its fields (number, timestamp, stateRoot, parentHash,
 * transactionsRoot) with OpenZeppelin's `BlockHeader`. Pure: built from the fields a JSON-RPC node returns.
 */
import { MalformedBlockHeaderError, MalformedRlpError } from "../errors/proof";

import { bytesToHex, hexToBytes, type Hex } from "./hex";
import { keccak256 } from "./keccak/keccak256";
import { rlpBytesToUint, rlpDecode, rlpEncode, uintToRlpBytes, type RlpNode } from "./rlp";

/**
 * The header fields of an `eth_getBlockByNumber` result, as hex text (quantities as `0x` quantities), in consensus
 * order. The fields after `nonce` came with later forks (London, Shanghai, Cancun, Prague); each is present only
 * when every earlier one is, as the node reports them for its fork.
 */
export interface BlockHeaderFields {
  readonly parentHash: string;
  readonly sha3Uncles: string;
  readonly miner: string;
  readonly stateRoot: string;
  readonly transactionsRoot: string;
  readonly receiptsRoot: string;
  readonly logsBloom: string;
  readonly difficulty: string;
  readonly number: string;
  readonly gasLimit: string;
  readonly gasUsed: string;
  readonly timestamp: string;
  readonly extraData: string;
  readonly mixHash: string;
  readonly nonce: string;
  readonly baseFeePerGas?: string;
  readonly withdrawalsRoot?: string;
  readonly blobGasUsed?: string;
  readonly excessBlobGas?: string;
  readonly parentBeaconBlockRoot?: string;
  readonly requestsHash?: string;
}

/** How each field is encoded: a byte string of fixed or any length, or an integer (minimal big-endian bytes). */
type FieldKind = "hash" | "address" | "bloom" | "uint" | "bytes" | "nonce";

/** The header's fields in consensus order; the first {@link REQUIRED_FIELDS} exist since Frontier. */
const FIELDS: readonly (readonly [keyof BlockHeaderFields, FieldKind])[] = [
  ["parentHash", "hash"],
  ["sha3Uncles", "hash"],
  ["miner", "address"],
  ["stateRoot", "hash"],
  ["transactionsRoot", "hash"],
  ["receiptsRoot", "hash"],
  ["logsBloom", "bloom"],
  ["difficulty", "uint"],
  ["number", "uint"],
  ["gasLimit", "uint"],
  ["gasUsed", "uint"],
  ["timestamp", "uint"],
  ["extraData", "bytes"],
  ["mixHash", "hash"],
  ["nonce", "nonce"],
  ["baseFeePerGas", "uint"],
  ["withdrawalsRoot", "hash"],
  ["blobGasUsed", "uint"],
  ["excessBlobGas", "uint"],
  ["parentBeaconBlockRoot", "hash"],
  ["requestsHash", "hash"],
];
const REQUIRED_FIELDS = 15;
const LENGTHS: Partial<Record<FieldKind, number>> = { hash: 32, address: 20, bloom: 256, nonce: 8 };

function fieldBytes(field: string, kind: FieldKind, value: unknown): Uint8Array {
  if (typeof value !== "string") throw new MalformedBlockHeaderError(`${field} is missing`);
  if (kind === "uint") {
    if (!/^0x[0-9a-fA-F]+$/.test(value)) throw new MalformedBlockHeaderError(`${field} is not a quantity: ${value}`);
    return uintToRlpBytes(BigInt(value));
  }
  const bytes = hexToBytes(value, field);
  const length = LENGTHS[kind];
  if (length !== undefined && bytes.length !== length) {
    throw new MalformedBlockHeaderError(`${field} has ${bytes.length} bytes, not ${length}`);
  }
  return bytes;
}

/**
 * The RLP header of a block from its RPC fields. Fields after `nonce` are taken in order while present; a later
 * field without an earlier one is refused ({@link MalformedBlockHeaderError}), since no fork has such a header.
 */
export function encodeBlockHeader(fields: BlockHeaderFields): Uint8Array {
  const items: Uint8Array[] = [];
  let ended = false;
  for (const [index, [name, kind]] of FIELDS.entries()) {
    const value = fields[name];
    if (index >= REQUIRED_FIELDS && value === undefined) {
      ended = true;
      continue;
    }
    if (ended) throw new MalformedBlockHeaderError(`${name} is given without the fields before it`);
    items.push(fieldBytes(name, kind, value));
  }
  return rlpEncode(items);
}

/** The block hash: keccak256 of the RLP header. */
export function blockHeaderHash(rlpHeader: Uint8Array): Hex {
  return bytesToHex(keccak256(rlpHeader));
}

/** The header fields a verifier and the dispute proofs read, decoded from an RLP header. */
export interface DecodedBlockHeader {
  /** keccak256 of the RLP header. */
  readonly hash: Hex;
  readonly parentHash: Hex;
  readonly stateRoot: Hex;
  readonly transactionsRoot: Hex;
  readonly number: bigint;
  readonly timestamp: bigint;
}

function item(items: readonly RlpNode[], index: number): Uint8Array {
  const node = items[index]!;
  if (!(node.value instanceof Uint8Array)) {
    throw new MalformedBlockHeaderError(`${FIELDS[index]![0]} is a list (byte ${node.offset})`);
  }
  const length = LENGTHS[FIELDS[index]![1]];
  if (length !== undefined && node.value.length !== length) {
    throw new MalformedBlockHeaderError(`${FIELDS[index]![0]} has ${node.value.length} bytes, not ${length}`);
  }
  return node.value;
}

function uintItem(items: readonly RlpNode[], index: number): bigint {
  try {
    return rlpBytesToUint(item(items, index), 8, items[index]!.offset);
  } catch (error) {
    if (error instanceof MalformedRlpError) {
      throw new MalformedBlockHeaderError(`${FIELDS[index]![0]}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/**
 * Decodes an RLP block header: canonical RLP, a list of at least the 15 Frontier fields, each of its size. Throws
 * {@link MalformedBlockHeaderError} otherwise (with the RLP error as `cause` where there is one).
 */
export function decodeBlockHeader(rlpHeader: Uint8Array | Hex): DecodedBlockHeader {
  const bytes = rlpHeader instanceof Uint8Array ? rlpHeader : hexToBytes(rlpHeader, "rlpHeader");
  let root: RlpNode;
  try {
    root = rlpDecode(bytes);
  } catch (error) {
    if (error instanceof MalformedRlpError) throw new MalformedBlockHeaderError(error.message, { cause: error });
    throw error;
  }
  if (root.value instanceof Uint8Array) throw new MalformedBlockHeaderError("the header is not a list");
  const items = root.value;
  if (items.length < REQUIRED_FIELDS || items.length > FIELDS.length) {
    throw new MalformedBlockHeaderError(`the header has ${items.length} fields`);
  }
  for (let index = 0; index < items.length; index++) item(items, index); // every field a byte string of its size
  return {
    hash: blockHeaderHash(bytes),
    parentHash: bytesToHex(item(items, 0)),
    stateRoot: bytesToHex(item(items, 3)),
    transactionsRoot: bytesToHex(item(items, 4)),
    number: uintItem(items, 8),
    timestamp: uintItem(items, 11),
  };
}
