/**
 * A readable timeline for the demo: each line shows the L1 time since the start and what happened, and gas is
 * collected per action for a closing table.
 */
import type { Provider, TransactionReceipt } from "ethers";

import { printTable } from "../bench/table";

export class Timeline {
  private readonly gas = new Map<string, bigint[]>();
  private start = 0;

  constructor(private readonly l1: Provider) {}

  async begin(): Promise<void> {
    this.start = (await this.l1.getBlock("latest"))!.timestamp;
  }

  /** Prints `message` under `label`, stamped with the L1 time since {@link begin}. */
  async log(label: string, message: string): Promise<void> {
    const now = (await this.l1.getBlock("latest"))!.timestamp;
    console.log(`[L1 ${formatElapsed(now - this.start).padStart(16)}] ${label.padEnd(12)} ${message}`);
  }

  /** Records the gas of `receipt` under `action`. */
  record(action: string, receipt: Pick<TransactionReceipt, "gasUsed"> | null): bigint {
    if (!receipt) throw new Error(`${action}: no receipt`);
    const list = this.gas.get(action) ?? [];
    list.push(receipt.gasUsed);
    this.gas.set(action, list);
    return receipt.gasUsed;
  }

  printGas(): void {
    const rows = [...this.gas.entries()].map(([action, values]) => {
      const total = values.reduce((sum, value) => sum + value, 0n);
      const sorted = [...values].sort((a, b) => (a < b ? -1 : 1));
      return [action, values.length, Number(sorted[0]), Number(total / BigInt(values.length)), Number(sorted.at(-1))];
    });
    printTable("Gas per action (osaka)", ["action", "calls", "min", "mean", "max"], rows);
  }
}

/** Throws when `condition` is false: the demo stops, non-zero, at the first step that does not happen as shown. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`demo check failed: ${message}`);
}

/** A span of seconds as `7d 0h 1m 25s`, leaving out leading zero days and hours. */
export function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts =
    days > 0 ? [`${days}d`, `${hours}h`, `${minutes}m`] : hours > 0 ? [`${hours}h`, `${minutes}m`] : [`${minutes}m`];
  return `${parts.join(" ")} ${rest}s`;
}

/** Time since the start of the demo: `+1d 0h 1m 25s`. */
export function formatElapsed(seconds: number): string {
  return `+${formatDuration(seconds)}`;
}

/** First and last characters of a hex string: `0x1234…abcd`. */
export function short(hex: string): string {
  return `${hex.slice(0, 6)}…${hex.slice(-4)}`;
}
