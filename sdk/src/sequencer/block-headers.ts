import type { JsonRpcApiProvider } from "ethers";

import { L2DataError } from "../errors/sequencer";
import {
  blockHeaderHash,
  bytesToHex,
  encodeBlockHeader,
  encodeSidecar,
  headerHash,
  type BatchHeader,
  type Hex,
} from "../proof";
import type { BlockHeaderFields } from "../proof/block-header";

import type { L2Block } from "./l2-reader";

/** An L2 block header as a node serves it: its hash, its RLP encoding and its transactions' hashes. */
export interface RpcHeader {
  readonly hash: Hex;
  readonly rlpHeader: Hex;
  readonly transactionHashes: readonly Hex[];
}

type RpcHeaderResult = BlockHeaderFields & { readonly hash: Hex; readonly transactions: readonly Hex[] };

/**
 * The header of L2 block `block` (a number, or a block hash) from `provider`, RLP-encoded from the node's fields and
 * checked to hash to the block's hash. Undefined when the node has no such block; {@link L2DataError} when its fields
 * do not hash back to the block.
 */
export async function readRpcHeader(provider: JsonRpcApiProvider, block: bigint | Hex): Promise<RpcHeader | undefined> {
  const rpc = (
    typeof block === "bigint"
      ? await provider.send("eth_getBlockByNumber", [`0x${block.toString(16)}`, false])
      : await provider.send("eth_getBlockByHash", [block, false])
  ) as RpcHeaderResult | null;
  if (rpc === null) return undefined;
  let rlp: Uint8Array;
  try {
    rlp = encodeBlockHeader(rpc);
  } catch (error) {
    throw new L2DataError(`the node's header of L2 block ${String(block)} cannot be encoded`, { cause: error });
  }
  const hash = blockHeaderHash(rlp);
  if (hash !== rpc.hash.toLowerCase()) {
    throw new L2DataError(`the node's header of L2 block ${String(block)} hashes to ${hash}, not ${rpc.hash}`);
  }
  return { hash, rlpHeader: bytesToHex(rlp), transactionHashes: rpc.transactions };
}

/**
 * The sidecar of a batch built over `blocks` (see `da/sidecar`): each block's leaf fields and its RLP header read
 * from `provider`. Throws {@link L2DataError} when the node no longer has a block, or has another one at its number.
 */
export async function buildSidecar(
  provider: JsonRpcApiProvider,
  header: BatchHeader,
  blocks: readonly L2Block[],
): Promise<Uint8Array> {
  const entries = [];
  for (const block of blocks) {
    const rpc = await readRpcHeader(provider, block.number);
    if (rpc?.hash !== block.hash.toLowerCase()) {
      throw new L2DataError(`L2 block ${block.number} is now ${rpc?.hash ?? "missing"}, the batch has ${block.hash}`);
    }
    entries.push({ ...block, rlpHeader: rpc.rlpHeader });
  }
  return encodeSidecar({ headerHash: headerHash(header), blocks: entries });
}
