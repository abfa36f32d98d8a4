import {
  bytes32,
  bytesToHex,
  toUint,
  type Address,
  type BatchHeader,
  type CommittedBlockLeaf,
  type Hex,
} from "../proof";

export type { CommittedBlockLeaf } from "../proof";

/** A batch header with every field decoded, as L1's BatchSubmitted event states it. */
export interface HeaderValue extends BatchHeader {
  readonly batchIndex: bigint;
  readonly parentHash: Hex;
  readonly firstBlock: bigint;
  readonly lastBlock: bigint;
  readonly txCount: number;
  readonly txBatchRoot: Hex;
  readonly stateBatchRoot: Hex;
  readonly depositCount: bigint;
  readonly depositChainHash: Hex;
  readonly dataHash: Hex;
}

/** A batch as L1 committed it: its header, who proposed it, where, and the signatures it was submitted with. */
export interface CommittedBatch {
  readonly header: HeaderValue;
  readonly headerHash: Hex;
  /** The proposer's signer key (zero for the genesis anchor). */
  readonly proposer: Address;
  readonly l1Block: bigint;
  readonly l1TxHash: Hex;
  /**
   * The packed quorum signatures of its submitBatch call (65-byte entries, as ISequencerRegistry documents), read from
   * the transaction's calldata; undefined when the transaction is not a direct submitBatch call (a contract that
   * submits on a proposer's behalf) and for the genesis anchor.
   */
  readonly signatures: Hex | undefined;
}

/** A checked batch's last block leaf and its Merkle proof in the batch's stateBatchRoot (for the next batch's link). */
export interface LastLeaf {
  readonly leaf: CommittedBlockLeaf;
  /** Siblings from the leaf upwards. */
  readonly proof: readonly Hex[];
}

/** `header` with every field decoded and range-checked (hashes lowercase). */
export function toHeaderValue(header: BatchHeader): HeaderValue {
  const word = (value: BatchHeader["parentHash"], field: string): Hex => bytesToHex(bytes32(value, field));
  return {
    batchIndex: toUint(header.batchIndex, 64, "batchIndex"),
    parentHash: word(header.parentHash, "parentHash"),
    firstBlock: toUint(header.firstBlock, 64, "firstBlock"),
    lastBlock: toUint(header.lastBlock, 64, "lastBlock"),
    txCount: Number(toUint(header.txCount, 32, "txCount")),
    txBatchRoot: word(header.txBatchRoot, "txBatchRoot"),
    stateBatchRoot: word(header.stateBatchRoot, "stateBatchRoot"),
    depositCount: toUint(header.depositCount, 64, "depositCount"),
    depositChainHash: word(header.depositChainHash, "depositChainHash"),
    dataHash: word(header.dataHash, "dataHash"),
  };
}
