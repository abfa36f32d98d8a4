/** Withdrawals committed to L1 without an L2: shared with the gas benchmark (scripts/lib/withdrawals.ts). */
export * from "../../scripts/lib/withdrawals";
