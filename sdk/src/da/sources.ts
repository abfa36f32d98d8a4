import type { JsonRpcApiProvider } from "ethers";

import { DataHashMismatchError } from "../errors/da";
import { batchDataHash, bytes32, bytesToHex, encodeBatchData, toUint, type BatchHeader, type Hex } from "../proof";
import { readRawL2Block } from "../sequencer/l2-reader";

import { readVerified, type DAStore } from "./store";

/**
 * Somewhere a batch's data object can be read from: a DA store, the L2 chain, (next) the DA answer on L1. `read`
 * returns the bytes whose keccak256 is the header's `dataHash`, or throws (DataNotFoundError when the source has
 * nothing, DataHashMismatchError when what it has is not the object). `signal`, when given, says the caller has
 * given up: a source should stop its work then.
 */
export interface DataSource {
  /** A short name for progress reports and errors: `store`, `l2`, `l1`. */
  readonly name: string;
  read(header: BatchHeader, signal?: AbortSignal): Promise<Uint8Array>;
}

/** The header's `dataHash` as lowercase hex. */
export function dataHashOf(header: BatchHeader): Hex {
  return bytesToHex(bytes32(header.dataHash, "dataHash"));
}

/** Throws {@link DataHashMismatchError} unless `data` hashes to the header's `dataHash`. */
export function checkDataHash(header: BatchHeader, data: Uint8Array): Uint8Array {
  const expected = dataHashOf(header);
  const actual = batchDataHash(data);
  if (actual !== expected) throw new DataHashMismatchError(expected, actual);
  return data;
}

/** A DA store as a data source: reads the object under `dataHash`, verified ({@link readVerified}). */
export class StoreDataSource implements DataSource {
  constructor(
    readonly store: DAStore,
    readonly name: string = "store",
  ) {}

  read(header: BatchHeader): Promise<Uint8Array> {
    return readVerified(this.store, dataHashOf(header));
  }
}

/**
 * Rebuilds a batch's data object from L2 JSON-RPC: the raw signed transactions of every block in the header's range
 * (read and checked against their hashes by the sequencer's L2 reader), encoded as the batch builder does. The result
 * must hash to the header's `dataHash` ({@link DataHashMismatchError} otherwise: the node serves another chain, or
 * the header commits to other data). A missing block is the reader's L2DataError.
 */
export class L2RpcDataSource implements DataSource {
  readonly name: string;

  constructor(
    readonly provider: JsonRpcApiProvider,
    name = "l2",
  ) {
    this.name = name;
  }

  async read(header: BatchHeader, signal?: AbortSignal): Promise<Uint8Array> {
    const first = toUint(header.firstBlock, 64, "firstBlock");
    const last = toUint(header.lastBlock, 64, "lastBlock");
    const blocks = [];
    for (let number = first; number <= last; number++) {
      signal?.throwIfAborted();
      const block = await readRawL2Block(this.provider, number);
      blocks.push({
        number: block.number,
        timestamp: block.timestamp,
        transactions: block.transactions.map((transaction) => transaction.raw),
      });
    }
    const data = encodeBatchData({ batchIndex: header.batchIndex, blocks });
    return checkDataHash(header, data);
  }
}
