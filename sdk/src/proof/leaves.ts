import { StaticAbiEncoder, type UintLike } from "./abi";
import { bytesToHex, type Bytes32Like, type Hex } from "./hex";
import { keccak256 } from "./keccak/keccak256";

/** One L2 transaction's place in a batch: the input of its transaction leaf. */
export interface TxLeafInput {
  /** L2 block holding the transaction (`uint64`). */
  readonly l2BlockNumber: UintLike;
  /** Position of the transaction in that block (`uint32`). */
  readonly indexInBlock: UintLike;
  /** keccak256 of the raw signed transaction. */
  readonly txHash: Bytes32Like;
}

/** One L2 block's commitment: the input of its block leaf. */
export interface BlockLeafInput {
  /** Block number (`uint64`). */
  readonly number: UintLike;
  /** Block timestamp in seconds (`uint64`). */
  readonly timestamp: UintLike;
  /** The L2 block hash. */
  readonly blockHash: Bytes32Like;
  /** The L2 block header's state root. */
  readonly stateRoot: Bytes32Like;
  /** Root of the L2 bridge's withdrawal tree after the block. */
  readonly withdrawalRoot: Bytes32Like;
}

/** `keccak256(abi.encode(uint64 l2BlockNumber, uint32 indexInBlock, bytes32 txHash))`: a leaf of `txBatchRoot`. */
export function txLeaf(input: TxLeafInput): Hex {
  const encoded = new StaticAbiEncoder(3)
    .uint(input.l2BlockNumber, 64, "l2BlockNumber")
    .uint(input.indexInBlock, 32, "indexInBlock")
    .bytes32(input.txHash, "txHash")
    .bytes();
  return bytesToHex(keccak256(encoded));
}

/**
 * `keccak256(abi.encode(uint64 number, uint64 timestamp, bytes32 blockHash, bytes32 stateRoot,
 * bytes32 withdrawalRoot))`: a leaf of `stateBatchRoot`.
 */
export function blockLeaf(input: BlockLeafInput): Hex {
  const encoded = new StaticAbiEncoder(5)
    .uint(input.number, 64, "number")
    .uint(input.timestamp, 64, "timestamp")
    .bytes32(input.blockHash, "blockHash")
    .bytes32(input.stateRoot, "stateRoot")
    .bytes32(input.withdrawalRoot, "withdrawalRoot")
    .bytes();
  return bytesToHex(keccak256(encoded));
}
