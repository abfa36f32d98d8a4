import { MalformedDataObjectError, MalformedRlpError, UnsupportedVersionError } from "../errors/proof";

import { toUint, type UintLike } from "./abi";
import { bytesToHex, hexToBytes, type Hex } from "./hex";
import { keccak256 } from "./keccak/keccak256";
import { rlpBytesToUint, rlpDecode, rlpEncode, uintToRlpBytes, type RlpItem, type RlpNode } from "./rlp";

/** The batch data object version this SDK writes; the only one it reads. */
export const BATCH_DATA_VERSION = 1n;

/** One L2 block of a batch: its number, timestamp and raw signed transactions in block order. */
export interface BatchDataBlock {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly transactions: readonly Hex[];
}

/** The batch data object: what a verifier needs to rebuild the batch's transaction and block leaves. */
export interface BatchData {
  readonly batchIndex: bigint;
  readonly blocks: readonly BatchDataBlock[];
}

/** {@link BatchData} as accepted by {@link encodeBatchData}: numbers or bigints, transactions as hex or bytes. */
export interface BatchDataInput {
  readonly batchIndex: UintLike;
  readonly blocks: readonly {
    readonly number: UintLike;
    readonly timestamp: UintLike;
    readonly transactions: readonly (Hex | Uint8Array)[];
  }[];
}

const uint64 = (value: UintLike, field: string): Uint8Array => uintToRlpBytes(toUint(value, 64, field));

/** A batch holds at least one block (`firstBlock <= lastBlock`), numbered contiguously. */
function checkBlockNumbers(numbers: readonly bigint[]): void {
  if (numbers.length === 0) throw new MalformedDataObjectError("a batch holds at least one block, blocks is empty");
  for (let b = 1; b < numbers.length; b++) {
    if (numbers[b] !== numbers[b - 1]! + 1n) {
      throw new MalformedDataObjectError(
        `blocks[${b}].number is ${numbers[b]}, expected ${numbers[b - 1]! + 1n}: blocks are contiguous`,
      );
    }
  }
}

/**
 * `RLP([1, batchIndex, [[blockNumber, timestamp, [rawTx, ...]], ...]])`. Refuses, with
 * {@link MalformedDataObjectError}, what no batch can hold: no blocks, non-contiguous blocks, empty transactions.
 */
export function encodeBatchData(data: BatchDataInput): Uint8Array {
  const numbers = data.blocks.map((block, b) => toUint(block.number, 64, `blocks[${b}].number`));
  checkBlockNumbers(numbers);
  const blocks: RlpItem[] = data.blocks.map((block, b) => [
    uintToRlpBytes(numbers[b]!),
    uint64(block.timestamp, `blocks[${b}].timestamp`),
    block.transactions.map((tx, t) => {
      const raw = tx instanceof Uint8Array ? tx : hexToBytes(tx, `blocks[${b}].transactions[${t}]`);
      if (raw.length === 0) throw new MalformedDataObjectError(`blocks[${b}].transactions[${t}] is empty`);
      return raw;
    }),
  ]);
  return rlpEncode([uintToRlpBytes(BATCH_DATA_VERSION), uint64(data.batchIndex, "batchIndex"), blocks]);
}

/** `dataHash`: keccak256 of the uncompressed data object, also its key in the DA store. */
export function batchDataHash(encoded: Uint8Array): Hex {
  return bytesToHex(keccak256(encoded));
}

function list(node: RlpNode, length: number | undefined, what: string): readonly RlpNode[] {
  if (node.value instanceof Uint8Array)
    throw new MalformedDataObjectError(`${what} must be a list (byte ${node.offset})`);
  if (length !== undefined && node.value.length !== length) {
    throw new MalformedDataObjectError(
      `${what} must have ${length} items, has ${node.value.length} (byte ${node.offset})`,
    );
  }
  return node.value;
}

function bytes(node: RlpNode, what: string): Uint8Array {
  if (!(node.value instanceof Uint8Array))
    throw new MalformedDataObjectError(`${what} must be a byte string (byte ${node.offset})`);
  return node.value;
}

function uint(node: RlpNode, maxBytes: number, what: string): bigint {
  try {
    return rlpBytesToUint(bytes(node, what), maxBytes, node.offset);
  } catch (error) {
    if (error instanceof MalformedRlpError)
      throw new MalformedDataObjectError(`${what}: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * Decodes and validates a batch data object. Throws {@link UnsupportedVersionError} for a version other than 1 and
 * {@link MalformedDataObjectError} (with the RLP error as `cause` where there is one) for anything that is not
 * exactly the version-1 shape in canonical RLP: trailing bytes, non-minimal integers, wrong item counts, empty
 * transactions, values beyond uint64, no blocks, or block numbers that are not contiguous.
 */
export function decodeBatchData(encoded: Uint8Array | Hex): BatchData {
  const input = encoded instanceof Uint8Array ? encoded : hexToBytes(encoded, "encoded");
  let root: RlpNode;
  try {
    root = rlpDecode(input);
  } catch (error) {
    if (error instanceof MalformedRlpError) throw new MalformedDataObjectError(error.message, { cause: error });
    throw error;
  }
  const top = list(root, undefined, "the data object");
  if (top.length === 0) throw new MalformedDataObjectError("the data object is an empty list");
  const version = uint(top[0]!, 32, "version");
  if (version !== BATCH_DATA_VERSION) throw new UnsupportedVersionError(version, [BATCH_DATA_VERSION]);
  if (top.length !== 3) throw new MalformedDataObjectError(`version 1 has 3 items, this object has ${top.length}`);
  const batchIndex = uint(top[1]!, 8, "batchIndex");
  const blocks = list(top[2]!, undefined, "blocks").map((blockNode, b) => {
    const [number, timestamp, transactions] = list(blockNode, 3, `blocks[${b}]`);
    return {
      number: uint(number!, 8, `blocks[${b}].number`),
      timestamp: uint(timestamp!, 8, `blocks[${b}].timestamp`),
      transactions: list(transactions!, undefined, `blocks[${b}].transactions`).map((txNode, t) => {
        const raw = bytes(txNode, `blocks[${b}].transactions[${t}]`);
        if (raw.length === 0)
          throw new MalformedDataObjectError(`blocks[${b}].transactions[${t}] is empty (byte ${txNode.offset})`);
        return bytesToHex(raw);
      }),
    };
  });
  checkBlockNumbers(blocks.map((block) => block.number));
  return { batchIndex, blocks };
}
