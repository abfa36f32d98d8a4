/**
 * The verifier's answer to what it finds: each structural finding becomes its DisputeManager challenge, sent by a
 * {@link Challenger} with the context the verifier gathered. No structural proof exists for execution and DA findings:
 * an execution finding opens a bonded execution dispute when the handler is asked to (`execution: true`), and only
 * when no structural finding was reported for the same batch (a structural proof convicts at once, without a vote or a
 * bond); DA findings are passed on (they are the DA request's).
 */
import type { JsonRpcApiProvider } from "ethers";

import { MissingChallengeContextError } from "../errors/challenge";

import type { ChallengeContext, ChallengeResult, Challenger, ExecutionChallengeResult } from "./challenger";
import { isStructural, type Finding } from "./findings";
import type { BatchContext, FindingHandler, FindingReport } from "./verifier";

/**
 * The challenge context of a batch finding: the committed header, its submitted signatures, leaves, RLP headers and
 * transactions from the verifier's check; the replica for storage proofs; the committed blocks' own transactions
 * where the data object had others. `l2` (the L2 RPC) is asked only for what the context lacks.
 */
export function challengeContextOf(context: BatchContext, l2?: JsonRpcApiProvider): ChallengeContext {
  const signatures = context.batch.signatures;
  if (signatures === undefined) throw new MissingChallengeContextError("batch", "signatures");
  return {
    header: context.batch.header,
    signatures,
    blockLeaves: context.blockLeaves,
    rlpHeaders: context.rlpHeaders,
    transactions: context.transactions,
    blockTransactions: context.l2Transactions,
    // Storage proofs are read from the replica, which replayed exactly the committed transactions; headers and block
    // transactions the context lacks come from the L2 RPC when there is one.
    l2: l2 ?? context.replica.provider,
    previous: { header: context.previous.batch.header, lastLeaf: context.previous.lastLeaf },
  };
}

/** What {@link challengeFindings} did with one report. */
export type ChallengeResponse =
  | { readonly action: "challenged"; readonly finding: Finding; readonly result: ChallengeResult }
  | { readonly action: "disputed"; readonly finding: Finding; readonly result: ExecutionChallengeResult }
  | { readonly action: "passed"; readonly finding: Finding }
  | { readonly action: "failed"; readonly finding: Finding; readonly error: unknown };

export interface RespondOptions {
  /** The L2 RPC, for block headers and transactions the verifier's context lacks. */
  readonly l2?: JsonRpcApiProvider;
  /**
   * Open an execution dispute (posting DisputeManager's `executionBond`) for an execution finding of a batch with no
   * structural finding (default false: execution findings are passed on).
   */
  readonly execution?: boolean;
  /** Called with what was done for each report, challenged or not. */
  readonly onResponse?: (response: ChallengeResponse) => void | Promise<void>;
}

/**
 * A verifier {@link FindingHandler} that challenges every structural finding through `challenger`: batch findings
 * with their gathered context, equivocations with their two signed headers. A challenge that reverts (another
 * prover was first, so the batch is rolled back already) is reported as `failed` and does not stop the verifier.
 */
export function challengeFindings(challenger: Challenger, options: RespondOptions = {}): FindingHandler {
  // Header hashes of batches with a structural finding: their execution findings are left to the structural proof.
  const structural = new Set<string>();
  return async (report: FindingReport) => {
    if (report.type === "batch" && isStructural(report.finding)) structural.add(report.context.batch.headerHash);
    const response = await respond(challenger, report, options, structural);
    await options.onResponse?.(response);
  };
}

async function respond(
  challenger: Challenger,
  report: FindingReport,
  options: RespondOptions,
  structural: ReadonlySet<string>,
): Promise<ChallengeResponse> {
  const { finding } = report;
  const l2 = options.l2;
  if (report.type === "batch" && report.finding.kind === "execution") {
    if (options.execution !== true || structural.has(report.context.batch.headerHash)) {
      return { action: "passed", finding };
    }
    try {
      const result = await challenger.challengeExecution(report.finding, challengeContextOf(report.context, l2));
      return { action: "disputed", finding, result };
    } catch (error) {
      return { action: "failed", finding, error };
    }
  }
  if (!isStructural(finding)) return { action: "passed", finding };
  try {
    const result =
      report.type === "batch"
        ? await challenger.challenge(finding, challengeContextOf(report.context, l2))
        : await challenger.challenge(finding);
    return { action: "challenged", finding, result };
  } catch (error) {
    return { action: "failed", finding, error };
  }
}
