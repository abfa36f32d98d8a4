/**
 * Where an execution dispute stands, read from DisputeManager's one status view (`disputeStatus`), and a wait for it
 * to reach a status. Readers: a provider is enough.
 */
import type { BlockTag } from "ethers";

import { providerOf } from "../contracts/connection";
import type { DisputeManager } from "../contracts";
import { BlockNotFoundError } from "../errors/chain";
import { DisputeNotFoundError, DisputeWaitAbortedError, DisputeWaitTimeoutError } from "../errors/dispute";
import { InvalidVerifierOptionError } from "../errors/verifier";
import { DISPUTE_STATUSES, type DisputeStatusName, type Hex } from "../proof";

/** The statuses a dispute ends in: nothing changes it any more. */
export const FINAL_DISPUTE_STATUSES: readonly DisputeStatusName[] = ["Upheld", "Rejected", "Lapsed", "Void"];

export interface GetDisputeStatusParameters {
  /** The L1 block to read at (default `latest`). */
  readonly blockTag?: BlockTag;
}

export interface GetDisputeStatusReturnType {
  readonly status: DisputeStatusName;
  /**
   * When the current phase ends (0 when it has no end: resolvable, or resolved): the contract's wall-clock image of
   * an end on BatchChain's active clock, so a pause moves it by its length (and `secondsLeft` counts the rest of a
   * running pause).
   */
  readonly phaseEndsAt: bigint;
  /** `phaseEndsAt` less the read block's timestamp; 0 when the phase has no end or its end has passed. */
  readonly secondsLeft: bigint;
  /** The L1 block read, and its timestamp. */
  readonly blockNumber: number;
  readonly timestamp: bigint;
}

export type GetDisputeStatusErrorType = BlockNotFoundError;

/**
 * Dispute `id`'s status and the end of its phase, from one `disputeStatus(id)` read at one block (the latest, or
 * `blockTag`), with the seconds left in the phase by that block's timestamp. An unknown id reads `None`.
 */
export async function getDisputeStatus(
  disputeManager: DisputeManager,
  id: Hex,
  parameters: GetDisputeStatusParameters = {},
): Promise<GetDisputeStatusReturnType> {
  const provider = providerOf(disputeManager, "the dispute manager");
  const tag = parameters.blockTag ?? "latest";
  const block = await provider.getBlock(tag);
  if (block === null) throw new BlockNotFoundError("L1", String(tag));
  const [status, phaseEndsAt] = await disputeManager.disputeStatus(id, { blockTag: block.number });
  const timestamp = BigInt(block.timestamp);
  return {
    status: DISPUTE_STATUSES[Number(status)] ?? "None",
    phaseEndsAt,
    secondsLeft: phaseEndsAt > timestamp ? phaseEndsAt - timestamp : 0n,
    blockNumber: block.number,
    timestamp,
  };
}

export interface WaitForDisputeParameters {
  /** The statuses to wait for (default: the final ones, {@link FINAL_DISPUTE_STATUSES}). */
  readonly until?: readonly DisputeStatusName[];
  /** Milliseconds between reads (default 1,000). */
  readonly pollIntervalMs?: number;
  /** Milliseconds to wait at most (default: no limit). */
  readonly timeoutMs?: number;
  /** Aborts the wait. */
  readonly signal?: AbortSignal;
  /** Called with each status read. */
  readonly onStatus?: (status: GetDisputeStatusReturnType) => void;
}

export type WaitForDisputeErrorType =
  | DisputeNotFoundError
  | DisputeWaitTimeoutError
  | DisputeWaitAbortedError
  | InvalidVerifierOptionError
  | BlockNotFoundError;

/**
 * Reads dispute `id`'s status every `pollIntervalMs` until it is one of `until` and returns that read. Throws
 * {@link DisputeNotFoundError} when the dispute does not exist (unless `None` is awaited), {@link
 * DisputeWaitTimeoutError} after `timeoutMs`, {@link DisputeWaitAbortedError} when `signal` aborts.
 */
export async function waitForDispute(
  disputeManager: DisputeManager,
  id: Hex,
  parameters: WaitForDisputeParameters = {},
): Promise<GetDisputeStatusReturnType> {
  const until = parameters.until ?? FINAL_DISPUTE_STATUSES;
  const interval = parameters.pollIntervalMs ?? 1_000;
  if (!Number.isSafeInteger(interval) || interval < 1) {
    throw new InvalidVerifierOptionError("pollIntervalMs", interval, "an integer of at least 1");
  }
  const { timeoutMs, signal } = parameters;
  if (timeoutMs !== undefined && (!Number.isSafeInteger(timeoutMs) || timeoutMs < 0)) {
    throw new InvalidVerifierOptionError("timeoutMs", timeoutMs, "an integer of at least 0");
  }
  const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
  let last: GetDisputeStatusReturnType | undefined;
  for (;;) {
    if (signal?.aborted) throw new DisputeWaitAbortedError(id, last?.status, { cause: signal.reason });
    last = await getDisputeStatus(disputeManager, id);
    parameters.onStatus?.(last);
    if (until.includes(last.status)) return last;
    if (last.status === "None") throw new DisputeNotFoundError(id);
    const left = deadline === undefined ? interval : deadline - Date.now();
    if (left <= 0) throw new DisputeWaitTimeoutError(id, last.status, timeoutMs ?? 0);
    await pause(Math.min(interval, left), signal);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts (the loop then reports the abort). */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
