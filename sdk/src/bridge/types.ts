import type { Address, DepositInput, Hex, TxInclusionProof, WithdrawalInput } from "../proof";

export type { BridgeAddresses } from "../deployments/types";

/** A withdrawal as initiated on L2: its fields, hash, and where it happened. */
export interface InitiatedWithdrawal {
  readonly withdrawal: WithdrawalInput & { readonly index: bigint; readonly amount: bigint; readonly l1Token: Address };
  readonly hash: Hex;
  readonly l2BlockNumber: bigint;
  readonly l2TxHash: Hex;
  /** The withdrawal tree's root right after this withdrawal. */
  readonly root: Hex;
}

/**
 * Where a withdrawal stands, from the contracts' status reads:
 * `Initiated` (on L2, not in a batch yet), `Committed` (in a pending batch; `secondsLeft` until it can be finalized),
 * `Insecure` / `Disputed` (a DA request or a dispute is open against its batch or an earlier one),
 * `ReadyToFinalize` (its batch is final; it can be paid), `Finalized` (paid on L1).
 */
export type WithdrawalLifecycle =
  | { readonly status: "Initiated"; readonly l2BlockNumber: bigint }
  | {
      readonly status: "Committed";
      readonly batchIndex: bigint;
      readonly finalizesAt: bigint;
      readonly secondsLeft: bigint;
    }
  | { readonly status: "Insecure"; readonly batchIndex: bigint }
  | { readonly status: "Disputed"; readonly batchIndex: bigint }
  | { readonly status: "ReadyToFinalize"; readonly batchIndex: bigint }
  | { readonly status: "Finalized" };

export type WithdrawalStatusName = WithdrawalLifecycle["status"];

/** Where an L2 transaction stands on L1: in which batch, with its leaf's proof and the batch's status. */
export interface TransactionInclusion {
  readonly txHash: Hex;
  readonly l2BlockNumber: bigint;
  readonly committed: boolean;
  readonly batchIndex?: bigint;
  readonly batchStatus?: "Pending" | "Disputed" | "Insecure" | "Finalized";
  readonly proof?: TxInclusionProof;
}

/** A deposit as L1 queued it (its DepositQueued event). */
export type L1Deposit = DepositInput & {
  readonly index: bigint;
  readonly amount: bigint;
  readonly l1Timestamp: bigint;
};

/**
 * Where a deposit stands: `Queued` on L1 and not relayed yet (`forcedInclusionDeadline`: `l1Timestamp` plus
 * BatchChain's current force-inclusion delay, after which every batch must include it; a pause of the L1 contracts
 * moves it later), or `Relayed` on L2 by transaction `l2TxHash` in block `l2BlockNumber`.
 */
export type DepositLifecycle =
  | {
      readonly status: "Queued";
      readonly index: bigint;
      readonly l1Timestamp: bigint;
      readonly forcedInclusionDeadline?: bigint;
    }
  | { readonly status: "Relayed"; readonly index: bigint; readonly l2TxHash: Hex; readonly l2BlockNumber: bigint };

export type DepositStatusName = DepositLifecycle["status"];

/** A deposit an L1 transaction queued, and where it stands now. */
export interface DepositStatus {
  readonly deposit: L1Deposit;
  readonly l1TxHash: Hex;
  readonly l1BlockNumber: bigint;
  readonly lifecycle: DepositLifecycle;
}

/** A withdrawal an L2 transaction initiated, and where it stands now. */
export interface WithdrawalStatus {
  readonly initiated: InitiatedWithdrawal;
  readonly lifecycle: WithdrawalLifecycle;
}
