/**
 * The batch sidecar: the committed block leaves of a batch and the RLP header of each block, stored by the proposer
 * in the DA store next to the data object. The header commits only to the leaves' Merkle root (`stateBatchRoot`) and
 * the data object carries no leaves, so without the sidecar a verifier that finds the root wrong cannot say which
 * leaf is forged, nor prove it on L1. Pure and browser-safe.
 *
 * Encoding: `RLP([SIDECAR_TAG, 1, headerHash, [[number, timestamp, stateRoot, withdrawalRoot, rlpHeader], ...]])`,
 * one entry per block of the batch in order. A leaf's `blockHash` is not stored: it is keccak256 of its RLP header,
 * so a sidecar can only exist for leaves whose block hash has a header behind it. The sidecar lives under
 * {@link sidecarKey}(headerHash); reading it (`readSidecar`) checks that it names the header, has one entry per
 * block of the header's range, and that its leaves' root is the header's `stateBatchRoot`. Storing and reading it are
 * in the SDK's `da/sidecar`.
 */
import { MalformedRlpError, MalformedSidecarError, SidecarMismatchError } from "../errors/proof";

import { toUint, type UintLike } from "./abi";
import { headerHash as hashHeader, type BatchHeader } from "./header";
import { bytes32, bytesToHex, hexToBytes, type Hex } from "./hex";
import { keccak256 } from "./keccak/keccak256";
import { blockLeaf } from "./leaves";
import { merkleRoot } from "./merkle";
import { rlpBytesToUint, rlpDecode, rlpEncode, uintToRlpBytes, type RlpNode } from "./rlp";

/** First item of every sidecar, and the domain tag of its key: nothing else in a DA store starts with it. */
export const SIDECAR_TAG = "MetisL2 batch sidecar";
/** The sidecar version this SDK writes; the only one it reads. */
export const SIDECAR_VERSION = 1n;

const TAG_BYTES = /* @__PURE__ */ new TextEncoder().encode(SIDECAR_TAG);

/** A block leaf with its fields decoded (PROTOCOL section 2), as a sidecar carries it. */
export interface CommittedBlockLeaf {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly blockHash: Hex;
  readonly stateRoot: Hex;
  readonly withdrawalRoot: Hex;
}

/** One block of a sidecar: its committed leaf and the RLP header that hashes to the leaf's `blockHash`. */
export interface SidecarBlock {
  readonly leaf: CommittedBlockLeaf;
  readonly rlpHeader: Hex;
}

/** A decoded sidecar. */
export interface BatchSidecar {
  /** The header it belongs to. */
  readonly headerHash: Hex;
  readonly blocks: readonly SidecarBlock[];
}

/** What {@link encodeSidecar} takes: each leaf's fields but its block hash, which the RLP header gives. */
export interface SidecarInput {
  readonly headerHash: Hex;
  readonly blocks: readonly {
    readonly number: UintLike;
    readonly timestamp: UintLike;
    readonly stateRoot: Hex;
    readonly withdrawalRoot: Hex;
    readonly rlpHeader: Hex | Uint8Array;
  }[];
}

/** The DA store key of the sidecar of header `headerHash`: keccak256(SIDECAR_TAG ++ headerHash). */
export function sidecarKey(headerHash: Hex): Hex {
  const input = new Uint8Array(TAG_BYTES.length + 32);
  input.set(TAG_BYTES, 0);
  input.set(bytes32(headerHash, "headerHash"), TAG_BYTES.length);
  return bytesToHex(keccak256(input));
}

/** Encodes a sidecar (see the module's documentation for the layout). */
export function encodeSidecar(input: SidecarInput): Uint8Array {
  const blocks = input.blocks.map((block, b) => {
    const rlpHeader =
      block.rlpHeader instanceof Uint8Array ? block.rlpHeader : hexToBytes(block.rlpHeader, `blocks[${b}].rlpHeader`);
    if (rlpHeader.length === 0) throw new MalformedSidecarError(`blocks[${b}].rlpHeader is empty`);
    return [
      uintToRlpBytes(toUint(block.number, 64, `blocks[${b}].number`)),
      uintToRlpBytes(toUint(block.timestamp, 64, `blocks[${b}].timestamp`)),
      bytes32(block.stateRoot, `blocks[${b}].stateRoot`),
      bytes32(block.withdrawalRoot, `blocks[${b}].withdrawalRoot`),
      rlpHeader,
    ];
  });
  return rlpEncode([TAG_BYTES, uintToRlpBytes(SIDECAR_VERSION), bytes32(input.headerHash, "headerHash"), blocks]);
}

function list(node: RlpNode, what: string): readonly RlpNode[] {
  if (node.value instanceof Uint8Array) throw new MalformedSidecarError(`${what} must be a list (byte ${node.offset})`);
  return node.value;
}

function bytes(node: RlpNode, what: string, length?: number): Uint8Array {
  if (!(node.value instanceof Uint8Array)) {
    throw new MalformedSidecarError(`${what} must be a byte string (byte ${node.offset})`);
  }
  if (length !== undefined && node.value.length !== length) {
    throw new MalformedSidecarError(`${what} must have ${length} bytes, has ${node.value.length}`);
  }
  return node.value;
}

function uint(node: RlpNode, what: string): bigint {
  try {
    return rlpBytesToUint(bytes(node, what), 8, node.offset);
  } catch (error) {
    if (error instanceof MalformedRlpError)
      throw new MalformedSidecarError(`${what}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Whether `data` starts like a sidecar (its first item is {@link SIDECAR_TAG}); cheap, decodes nothing else. */
export function isSidecar(data: Uint8Array): boolean {
  // A sidecar is a long list (prefix 0xf8..0xff), whose first item is the tag as a short string.
  if (data.length < 2 || data[0]! < 0xf8) return false;
  const at = 1 + data[0]! - 0xf7;
  if (data[at] !== 0x80 + TAG_BYTES.length) return false;
  for (let i = 0; i < TAG_BYTES.length; i++) if (data[at + 1 + i] !== TAG_BYTES[i]) return false;
  return true;
}

/**
 * Decodes a sidecar. Throws {@link MalformedSidecarError} for anything but the version-1 layout in canonical RLP;
 * does not check it against a header (see {@link checkSidecar}).
 */
export function decodeSidecar(encoded: Uint8Array): BatchSidecar {
  let root: RlpNode;
  try {
    root = rlpDecode(encoded);
  } catch (error) {
    if (error instanceof MalformedRlpError) throw new MalformedSidecarError(error.message, { cause: error });
    throw error;
  }
  const top = list(root, "the sidecar");
  if (top.length !== 4) throw new MalformedSidecarError(`the sidecar has ${top.length} items, not 4`);
  const tag = bytes(top[0]!, "the tag");
  if (new TextDecoder().decode(tag) !== SIDECAR_TAG) throw new MalformedSidecarError("it does not start with the tag");
  const version = uint(top[1]!, "version");
  if (version !== SIDECAR_VERSION) throw new MalformedSidecarError(`version ${version} is not supported`);
  const headerHash = bytesToHex(bytes(top[2]!, "headerHash", 32));
  const blocks = list(top[3]!, "blocks").map((node, b): SidecarBlock => {
    const fields = list(node, `blocks[${b}]`);
    if (fields.length !== 5) throw new MalformedSidecarError(`blocks[${b}] has ${fields.length} items, not 5`);
    const rlpHeader = bytes(fields[4]!, `blocks[${b}].rlpHeader`);
    if (rlpHeader.length === 0) throw new MalformedSidecarError(`blocks[${b}].rlpHeader is empty`);
    return {
      leaf: {
        number: uint(fields[0]!, `blocks[${b}].number`),
        timestamp: uint(fields[1]!, `blocks[${b}].timestamp`),
        blockHash: bytesToHex(keccak256(rlpHeader)),
        stateRoot: bytesToHex(bytes(fields[2]!, `blocks[${b}].stateRoot`, 32)),
        withdrawalRoot: bytesToHex(bytes(fields[3]!, `blocks[${b}].withdrawalRoot`, 32)),
      },
      rlpHeader: bytesToHex(rlpHeader),
    };
  });
  return { headerHash, blocks };
}

/**
 * Checks that `sidecar` belongs to `header`: it names the header's hash, holds one block per block of the header's
 * range, and its leaves' Merkle root is the header's `stateBatchRoot`. Throws {@link SidecarMismatchError} naming
 * the first that fails. The leaves themselves may still be wrong: that is what a verifier looks for.
 */
export function checkSidecar(sidecar: BatchSidecar, header: BatchHeader): void {
  const expectedHash = hashHeader(header);
  if (sidecar.headerHash !== expectedHash)
    throw new SidecarMismatchError("headerHash", expectedHash, sidecar.headerHash);
  const count = toUint(header.lastBlock, 64, "lastBlock") - toUint(header.firstBlock, 64, "firstBlock") + 1n;
  if (BigInt(sidecar.blocks.length) !== count) {
    throw new SidecarMismatchError("blockCount", String(count), String(sidecar.blocks.length));
  }
  const root = merkleRoot(sidecar.blocks.map((block) => blockLeaf(block.leaf)));
  const expectedRoot = bytesToHex(bytes32(header.stateBatchRoot, "stateBatchRoot"));
  if (root !== expectedRoot) throw new SidecarMismatchError("stateBatchRoot", expectedRoot, root);
}
