/**
 * Pause and maintenance status of the BatchChain: the guardian's pause, governance's maintenance windows, and a
 * check of a window before proposing it. Readers only; every value is read from the contract's views.
 */
import type { BlockTag } from "ethers";

import type { BatchChain } from "../contracts";
import { InvalidMaintenanceWindowError } from "../errors/pause";
import { MAX_MAINTENANCE_LEAD, MIN_MAINTENANCE_GAP } from "../proof/constants";

/** Whether the chain is paused, until when, whether by maintenance, and when the guardian may pause again. */
export interface PauseStatus {
  /** True during a guardian pause or a maintenance window: no batch is accepted, finality and payouts stop. */
  readonly paused: boolean;
  /** Unix seconds when the clock resumes (0n when not paused). */
  readonly until: bigint;
  /** True when the current interval is a maintenance window. */
  readonly maintenance: boolean;
  /** Unix seconds from which the guardian may pause again (0n: at any time). */
  readonly readyAt: bigint;
}

/** A maintenance window `[start, end)`, in Unix seconds. */
export interface MaintenanceWindow {
  readonly start: bigint;
  readonly end: bigint;
}

/** The BatchChain's pause status (`pauseStatus` and `pauseReadyAt`), at `blockTag` (latest by default). */
export async function pauseStatus(
  batchChain: Pick<BatchChain, "pauseStatus" | "pauseReadyAt">,
  blockTag: BlockTag = "latest",
): Promise<PauseStatus> {
  const [[paused, until, maintenance], readyAt] = await Promise.all([
    batchChain.pauseStatus({ blockTag }),
    batchChain.pauseReadyAt({ blockTag }),
  ]);
  return { paused, until, maintenance, readyAt };
}

/** The maintenance windows not yet over (the current one first, if any), by start. */
export async function upcomingMaintenance(
  batchChain: Pick<BatchChain, "maintenanceWindows">,
  blockTag: BlockTag = "latest",
): Promise<MaintenanceWindow[]> {
  const [starts, ends] = await batchChain.maintenanceWindows({ blockTag });
  return starts.map((start, i) => ({ start, end: ends[i] ?? start }));
}

/** What {@link checkMaintenanceWindow} checks a window against: the contract's settings and known windows. */
export interface MaintenanceRules {
  /** Unix seconds at which the window would be scheduled (a proposal's execution time). */
  readonly now: bigint;
  /** `maintenanceNotice()`, seconds. */
  readonly notice: bigint;
  /** `maxMaintenance()`, seconds. */
  readonly maxDuration: bigint;
  /**
   * Windows (and pauses) it must neither overlap nor come within {@link MIN_MAINTENANCE_GAP} of: it must start at least
   * that long after the end of every one before it and end at least that long before the start of every one after it.
   */
  readonly known: readonly MaintenanceWindow[];
}

/**
 * Checks a maintenance window against the rules `scheduleMaintenance` applies (notice, lead, duration, overlap, the gap
 * to the nearest known interval on either side) and throws {@link InvalidMaintenanceWindowError} naming the first it
 * breaks. Returns the window.
 */
export function checkMaintenanceWindow(start: bigint, duration: bigint, rules: MaintenanceRules): MaintenanceWindow {
  const earliest = rules.now + rules.notice;
  if (start < earliest)
    throw new InvalidMaintenanceWindowError("MaintenanceTooSoon", start, duration, `starts before ${earliest}`);
  const latest = rules.now + MAX_MAINTENANCE_LEAD;
  if (start > latest)
    throw new InvalidMaintenanceWindowError("MaintenanceTooLate", start, duration, `starts after ${latest}`);
  if (duration <= 0n || duration > rules.maxDuration)
    throw new InvalidMaintenanceWindowError(
      "MaintenanceTooLong",
      start,
      duration,
      `duration must be in (0, ${rules.maxDuration}]`,
    );
  const end = start + duration;
  const other = rules.known.find((w) => start < w.end && w.start < end);
  if (other)
    throw new InvalidMaintenanceWindowError(
      "MaintenanceOverlaps",
      start,
      duration,
      `overlaps [${other.start}, ${other.end})`,
    );
  // As on chain: the nearest interval before it (the latest end), then the nearest after it (the earliest start).
  let before: MaintenanceWindow | undefined;
  let after: MaintenanceWindow | undefined;
  for (const w of rules.known) {
    if (w.end <= start && (before === undefined || w.end > before.end)) before = w;
    if (w.start >= end && (after === undefined || w.start < after.start)) after = w;
  }
  const close =
    before !== undefined && before.end + MIN_MAINTENANCE_GAP > start
      ? before
      : after !== undefined && after.start < end + MIN_MAINTENANCE_GAP
        ? after
        : undefined;
  if (close)
    throw new InvalidMaintenanceWindowError(
      "MaintenanceTooClose",
      start,
      duration,
      `less than ${MIN_MAINTENANCE_GAP}s from [${close.start}, ${close.end})`,
    );
  return { start, end };
}
