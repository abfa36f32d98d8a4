/**
 * The DA requester's client: open a request against a batch (`requestData`, with the exact bond read from the
 * contract), read a request's status, and claim what DARequestManager credited (refunds, the rest of a bond). Reads
 * need a provider; writes a DARequestManager connected to a signer. Reverts come back as ContractRevertError naming
 * DARequestManager's custom errors (`DARequestManagerAlreadyRequested`, `DARequestManagerBatchFinal`, ...).
 */
import type { ContractTransactionReceipt, Interface } from "ethers";

import { type DARequestManager } from "../contracts";
import { transact } from "../contracts/transact";
import type { Address, Hex } from "../proof";
import { batchChainInterface, daRequestManagerInterface } from "../contracts/connectors";

/** IDARequestManager.RequestStatus by number. */
export const DA_REQUEST_STATUSES = ["None", "Open", "Answered", "Expired", "Void"] as const;

export type DARequestStatusName = (typeof DA_REQUEST_STATUSES)[number];

/** A DA request as DARequestManager records it, with its status by name. */
export interface DARequestInfo {
  readonly headerHash: Hex;
  readonly status: DARequestStatusName;
  readonly requester: Address;
  /** The bond, in wei. */
  readonly bond: bigint;
  /** When it was opened (seconds; 0 for status None). */
  readonly openedAt: bigint;
  /**
   * When its window ends (seconds; 0 for status None), as the contract's `request` view gives it: the window runs on
   * BatchChain's active clock, so a pause (or maintenance window) moves this by its length. Read it again rather than
   * adding `daWindow` to `openedAt`.
   */
  readonly deadline: bigint;
  readonly batchIndex: bigint;
}

/** The interfaces whose custom errors a DARequestManager transaction may revert with. */
export function daInterfaces(): Readonly<Record<string, Interface>> {
  return {
    DARequestManager: daRequestManagerInterface(),
    BatchChain: batchChainInterface(),
  };
}

/** The request against the header `headerHash` (status None when there is none). */
export async function daRequestStatus(daRequestManager: DARequestManager, headerHash: Hex): Promise<DARequestInfo> {
  const request = await daRequestManager.request(headerHash);
  return {
    headerHash: headerHash.toLowerCase() as Hex,
    status: DA_REQUEST_STATUSES[Number(request.status)] ?? "None",
    requester: request.requester as Address,
    bond: request.bond,
    openedAt: request.openedAt,
    deadline: request.deadline,
    batchIndex: request.batchIndex,
  };
}

/**
 * Opens a DA request against batch `batchIndex` (the live header BatchChain holds there) with exactly
 * `daRequestBond()` wei, from the signer `daRequestManager` is connected to. Resolves with the mined receipt; a
 * revert (a final or unknown batch, a request already made) is a ContractRevertError.
 */
export async function requestData(
  daRequestManager: DARequestManager,
  batchIndex: bigint,
): Promise<ContractTransactionReceipt> {
  const bond = await daRequestManager.daRequestBond();
  return transact(() => daRequestManager.requestData(batchIndex, { value: bond }), daInterfaces());
}

/**
 * Claims what DARequestManager credited the connected signer (a poster's refund, a requester's returned bond).
 * Resolves with the amount paid and the receipt; with nothing credited, a ContractRevertError
 * (`DARequestManagerNothingToClaim`).
 */
export async function claimDA(
  daRequestManager: DARequestManager,
): Promise<{ readonly amount: bigint; readonly receipt: ContractTransactionReceipt }> {
  const receipt = await transact(() => daRequestManager.claim(), daInterfaces());
  let amount = 0n;
  const address = (await daRequestManager.getAddress()).toLowerCase();
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== address) continue;
    const parsed = daRequestManager.interface.parseLog(log);
    if (parsed?.name === "Claimed") amount += parsed.args.amount as bigint;
  }
  return { amount, receipt };
}
