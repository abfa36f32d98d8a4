/** The load generator's settings (scripts/devnet/load.ts), as `startDevnet({ load })` takes them. */
export interface LoadOptions {
  /** Milliseconds between two actions (default 2,000: a gentle rate). */
  readonly intervalMs?: number;
  /** L2 transfers between the L2 users (default true). */
  readonly transfers?: boolean;
  /** L1 -> L2 deposits, ETH and now and then METIS (default true). */
  readonly deposits?: boolean;
  /** L2 -> L1 withdrawals (default true). */
  readonly withdrawals?: boolean;
  /** Finalize withdrawals on L1 once they are ready (default true). */
  readonly finalize?: boolean;
}
