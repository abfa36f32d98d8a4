/**
 * The verifier's answer to what it finds: each structural finding becomes its DisputeManager challenge, sent by a
 * {@link Challenger} with the context the verifier gathered. Execution and DA findings are passed on: no structural
 * proof exists for them (they are the execution dispute's and the DA request's).
 */
import type { JsonRpcApiProvider } from "ethers";

import { MissingChallengeContextError } from "../errors/challenge";

import type { ChallengeContext, ChallengeResult, Challenger } from "./challenger";
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
  | { readonly action: "passed"; readonly finding: Finding }
  | { readonly action: "failed"; readonly finding: Finding; readonly error: unknown };

export interface RespondOptions {
  /** The L2 RPC, for block headers and transactions the verifier's context lacks. */
  readonly l2?: JsonRpcApiProvider;
  /** Called with what was done for each report, challenged or not. */
  readonly onResponse?: (response: ChallengeResponse) => void | Promise<void>;
}

/**
 * A verifier {@link FindingHandler} that challenges every structural finding through `challenger`: batch findings
 * with their gathered context, equivocations with their two signed headers. A challenge that reverts (another
 * prover was first, so the batch is rolled back already) is reported as `failed` and does not stop the verifier.
 */
export function challengeFindings(challenger: Challenger, options: RespondOptions = {}): FindingHandler {
  return async (report: FindingReport) => {
    const response = await respond(challenger, report, options.l2);
    await options.onResponse?.(response);
  };
}

async function respond(
  challenger: Challenger,
  report: FindingReport,
  l2?: JsonRpcApiProvider,
): Promise<ChallengeResponse> {
  const finding = report.finding;
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
