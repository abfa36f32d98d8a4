/**
 * What a verifier can find wrong with a committed batch, located precisely enough to build the L1 proof for it.
 * The structural kinds map one to one onto DisputeManager's challenges (IDisputeManager.Fault); the last two have no
 * structural proof and go to the execution dispute and the DA request.
 */
import type { BatchHeader } from "../proof";

/** A block leaf disagrees with its own L2 block header (challengeHeader). */
export interface HeaderFinding {
  readonly kind: "blockNumber" | "blockTimestamp" | "stateRoot";
  readonly batchIndex: bigint;
  /** Position of the leaf in the batch (block `firstBlock + leafIndex`). */
  readonly leafIndex: number;
}

/**
 * The block at `leafIndex` names another parent than the leaf before it: the previous leaf of the same batch, or the
 * last leaf of batch `batchIndex - 1` when `leafIndex` is 0 (challengeParentLink).
 */
export interface ParentLinkFinding {
  readonly kind: "parentLink";
  readonly batchIndex: bigint;
  readonly leafIndex: number;
}

/** A leaf's withdrawal root is not the L2 bridge's slot 2 at that block (challengeBridgeStorage, slot 2). */
export interface WithdrawalRootFinding {
  readonly kind: "withdrawalRoot";
  readonly batchIndex: bigint;
  readonly leafIndex: number;
}

/** The header's deposit count or chain is not the L2 bridge's slot 0 or 1 at the batch's last block (slot 0 or 1). */
export interface DepositFinding {
  readonly kind: "depositCount" | "depositChainHash";
  readonly batchIndex: bigint;
}

/**
 * The transaction leaf at `position` names another hash than its block has at that index, or an index (or block) the
 * batch does not have (challengeTxInclusion).
 */
export interface TransactionLeafFinding {
  readonly kind: "transactionHash" | "transactionInvented";
  readonly batchIndex: bigint;
  readonly position: number;
}

/** Transaction `indexInBlock` of L2 block `block` (in the batch) is held by no leaf (challengeTxOmitted). */
export interface TransactionOmittedFinding {
  readonly kind: "transactionOmitted";
  readonly batchIndex: bigint;
  readonly block: bigint;
  readonly indexInBlock: number;
}

/** The leaves at `position` and `position + 1` are not in ascending (block, index) order (challengeTxOrder). */
export interface TransactionOrderFinding {
  readonly kind: "transactionOrder";
  readonly batchIndex: bigint;
  readonly position: number;
}

/**
 * `signer` signed two different headers for one batch index and parent (challengeEquivocation). `headers` and
 * `signatures` are the two headers and the signer's 65-byte signatures over their digests.
 */
export interface EquivocationFinding {
  readonly kind: "equivocation";
  readonly batchIndex: bigint;
  readonly signer: string;
  readonly headers: readonly [BatchHeader, BatchHeader];
  readonly signatures: readonly [string, string];
}

/**
 * The replica's block `leafIndex` has another block hash or state root than the leaf although every structural check
 * passed: only re-execution can show who is right (the execution dispute).
 */
export interface ExecutionFinding {
  readonly kind: "execution";
  readonly batchIndex: bigint;
  readonly leafIndex: number;
  /** What the replica computed. */
  readonly blockHash: string;
  readonly stateRoot: string;
}

/**
 * What a verifier could not get to check or prove a batch (a DA request is the remedy):
 * - `dataObject`: neither the DA store nor the L2 RPC gave an object hashing to `dataHash` that holds the header's
 *   batch and blocks;
 * - `blockLeaves`: no valid sidecar, the replica's own leaves do not give `stateBatchRoot`, and no DA answer posted
 *   leaves that give it over blocks the replica has (a posted leaf may name no known block: it is then checked
 *   without its header), so the committed leaves are unknown;
 * - `transactionLeaves`: `txBatchRoot` or `txCount` is not over the data object's transactions, so the committed
 *   transaction leaves are unknown;
 * - `blockTransactions`: a committed block's transactions differ from the data object's, and neither the replica nor
 *   the L2 RPC has that block to say which;
 * - `dataHash`: the batch's DA answer on L1 (both roots checked there) gives its data, but that does not hash to the
 *   header's `dataHash`, so no store can serve it by its hash. The quorum committed a field no honest signer derives;
 *   no L1 proof covers it (hashing the whole object on L1 would not fit a transaction), so the verifier reports it
 *   and checks the batch with L1's data, every other fault still provable.
 */
export interface DataUnavailableFinding {
  readonly kind: "dataUnavailable";
  readonly batchIndex: bigint;
  readonly reason: "dataObject" | "blockLeaves" | "transactionLeaves" | "blockTransactions" | "dataHash";
}

export type StructuralFinding =
  | HeaderFinding
  | ParentLinkFinding
  | WithdrawalRootFinding
  | DepositFinding
  | TransactionLeafFinding
  | TransactionOmittedFinding
  | TransactionOrderFinding
  | EquivocationFinding;

export type Finding = StructuralFinding | ExecutionFinding | DataUnavailableFinding;

/** The kinds a DisputeManager challenge proves in one transaction. */
export function isStructural(finding: Finding): finding is StructuralFinding {
  return finding.kind !== "execution" && finding.kind !== "dataUnavailable";
}
