/**
 * The verifier agent's challenges: {@link challengeFindings}, with each finding whose challenge failed (L1 not
 * reached, a nonce or gas race) kept and challenged again at {@link FindingChallenges.retry} (each tick) while its
 * batch is still on the kept chain, up to `maxAttempts`. The Verifier reports a finding only once, so a challenge
 * dropped after one failure would leave a faulty batch to finalise.
 */
import type { Challenger } from "../../verifier/challenger";
import { challengeFindings, type ChallengeResponse, type RespondOptions } from "../../verifier/respond";
import type { FindingHandler, FindingReport } from "../../verifier/verifier";

/** Attempts per finding by default (the first included). */
export const DEFAULT_CHALLENGE_ATTEMPTS = 100;

export interface RetriedChallengesOptions extends RespondOptions {
  /** Attempts per finding, the first included (default {@link DEFAULT_CHALLENGE_ATTEMPTS}). */
  readonly maxAttempts?: number;
  /** Called for a finding whose last attempt failed. */
  readonly onGiveUp?: (report: FindingReport) => void;
}

export interface FindingChallenges {
  /** The Verifier's `onFinding`. */
  readonly onFinding: FindingHandler;
  /**
   * Challenges again every finding whose challenge failed and that `isOpen` says still stands (its batch on the kept
   * chain); resolves with how many are still waiting.
   */
  retry(isOpen: (report: FindingReport) => boolean): Promise<number>;
  /** Findings whose challenge failed, waiting for the next retry. */
  readonly pending: number;
}

export function retriedChallenges(challenger: Challenger, options: RetriedChallengesOptions = {}): FindingChallenges {
  const maxAttempts = options.maxAttempts ?? DEFAULT_CHALLENGE_ATTEMPTS;
  const failed = new Map<FindingReport, number>();
  let last: ChallengeResponse | undefined;
  const handler = challengeFindings(challenger, {
    ...options,
    onResponse: async (response) => {
      last = response;
      await options.onResponse?.(response);
    },
  });
  /** One attempt; true when it failed. */
  const attempt = async (report: FindingReport): Promise<boolean> => {
    last = undefined;
    await handler(report);
    // Set by onResponse during the call (the compiler sees only the assignment above).
    return (last as ChallengeResponse | undefined)?.action === "failed";
  };
  const settle = (report: FindingReport, attempts: number): void => {
    if (attempts < maxAttempts) failed.set(report, attempts);
    else options.onGiveUp?.(report);
  };
  return {
    onFinding: async (report) => {
      if (await attempt(report)) settle(report, 1);
    },
    retry: async (isOpen) => {
      for (const [report, attempts] of [...failed]) {
        failed.delete(report);
        if (isOpen(report) && (await attempt(report))) settle(report, attempts + 1);
      }
      return failed.size;
    },
    get pending() {
      return failed.size;
    },
  };
}
