import type { Address, Hex, TxInclusionProof, WithdrawalInput } from "../proof";

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
