/**
 * The verifier agent's challenges: a challenge that fails (L1 not reached, a nonce race) is sent again at the next
 * tick while its batch is still on the kept chain, instead of being dropped (the finding is reported only once).
 */
import { expect } from "chai";

import { retriedChallenges } from "../../sdk/src/node/agents/challenges";
import type { Challenger } from "../../sdk/src/verifier/challenger";
import type { ChallengeResponse } from "../../sdk/src/verifier/respond";
import type { FindingReport } from "../../sdk/src/verifier/verifier";

/** A challenger whose first `failures` challenges throw. */
function flakyChallenger(failures: number): { challenger: Challenger; calls: () => number } {
  let calls = 0;
  const challenger = {
    challenge: async () => {
      calls++;
      if (calls <= failures) throw new Error("L1 not reached");
      return { receipt: { hash: `0x${calls.toString(16).padStart(64, "0")}` } };
    },
  } as unknown as Challenger;
  return { challenger, calls: () => calls };
}

const report = { type: "equivocation", finding: { kind: "equivocation" }, context: {} } as unknown as FindingReport;

describe("agents: the verifier agent's challenges are retried", function () {
  it("challenges again a finding whose challenge failed, until it is sent", async function () {
    const { challenger, calls } = flakyChallenger(2);
    const responses: ChallengeResponse["action"][] = [];
    const challenges = retriedChallenges(challenger, {
      onResponse: (response) => {
        responses.push(response.action);
      },
    });
    await challenges.onFinding(report);
    expect(challenges.pending).to.equal(1);
    expect(await challenges.retry(() => true)).to.equal(1);
    expect(await challenges.retry(() => true)).to.equal(0);
    expect(responses).to.deep.equal(["failed", "failed", "challenged"]);
    expect(calls()).to.equal(3);
    expect(await challenges.retry(() => true)).to.equal(0);
    expect(calls()).to.equal(3);
  });

  it("drops a failed finding once its batch left the chain, and after maxAttempts", async function () {
    const gone = flakyChallenger(10);
    const left = retriedChallenges(gone.challenger);
    await left.onFinding(report);
    expect(await left.retry(() => false)).to.equal(0);
    expect(gone.calls()).to.equal(1);

    const stuck = flakyChallenger(10);
    const given: FindingReport[] = [];
    const capped = retriedChallenges(stuck.challenger, {
      maxAttempts: 3,
      onGiveUp: (dropped) => {
        given.push(dropped);
      },
    });
    await capped.onFinding(report);
    expect(await capped.retry(() => true)).to.equal(1);
    expect(await capped.retry(() => true)).to.equal(0);
    expect(stuck.calls()).to.equal(3);
    expect(given).to.deep.equal([report]);
  });
});
