/**
 * Issue 12's pause scenario end to end: while an execution challenge's vote and a DA request are open, the guardian
 * pauses the chain for longer than the whole commit period. Neither loses time: after the pause the SDK's views
 * (`getDisputeStatus`, `daRequestStatus`) show the same time left as before it, every end moved by exactly the pause;
 * then staked verifiers vote through the SDK's Voter by their replicas (the wrong challenge is rejected) and the
 * signing sequencer answers the DA request through `answerDataRequests`, both after the moment the old ends would
 * have cut them off. Vote periods are at their lower bounds (test/helpers/execution.ts).
 */
import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { parseEther } from "ethers";
import { ethers } from "hardhat";

import { daRequestStatus, requestData } from "../../sdk/src/da/requests";
import { headerHash } from "../../sdk/src/proof";
import { Challenger } from "../../sdk/src/verifier/challenger";
import { getDisputeStatus } from "../../sdk/src/verifier/disputes";
import { chainBatches, replicaJudge, type VoterAction } from "../../sdk/src/verifier/voter";
import { VOTE, VOTE_PARAMETERS, verifierKey, voterOf, wrongChallenge } from "../helpers/execution";
import { governanceSigner } from "../helpers/governance";
import { Status } from "../helpers/l1";
import { proposeNext, removeRollupDirectories, rollup } from "../helpers/rollup";
import { transfers, verifierOf } from "../helpers/verifier";

/** Hardhat accounts: the verifiers (10, 11), the guardian, the DA requester and the challenger. */
const FIRST_VERIFIER = 10;
const GUARDIAN = 15;
const REQUESTER = 7;
const CHALLENGER = 16;
/** Longer than the commit and reveal periods together: without the pause clock both would end during it. */
const PAUSE = 6n * 3600n;

const kinds = (actions: readonly VoterAction[]) => actions.map((action) => action.kind);

describe("integration: a guardian pause during an open challenge and an open DA request", function () {
  after(removeRollupDirectories);

  it("costs neither any time: both resume with the time they had left and end normally", async function () {
    const r = await rollup({ parameters: VOTE_PARAMETERS });
    const signers = await ethers.getSigners();
    const guardian = signers[GUARDIAN]!;
    await (await r.l1.batchChain.connect(await governanceSigner(r.l1)).setGuardian(guardian.address)).wait();
    await transfers(r, 2);
    await proposeNext(r);
    await transfers(r, 2);
    const { batch: second } = await proposeNext(r);

    // Two staked verifiers on their own replicas, voting through the SDK.
    const voters = [];
    for (const [i, tokens] of ["1000", "3000"].entries()) {
      const key = await verifierKey(r, FIRST_VERIFIER + i, parseEther(tokens));
      const { verifier, replica } = await verifierOf(r);
      await verifier.sync();
      voters.push({
        verifier,
        voter: voterOf(r, key, { judge: replicaJudge(replica), batches: chainBatches(() => verifier.chain) }),
      });
    }
    await time.increase(1); // stakes count in disputes opened from the next second on

    // A wrong challenge of batch 1's second leaf, and a DA request against batch 2: both open.
    const challenger = new Challenger({
      signer: signers[CHALLENGER]!,
      disputeManager: r.addresses.disputeManager,
      registry: r.addresses.registry,
    });
    const { id } = await wrongChallenge(r, challenger, voters[0]!.verifier.chain, 1, 1);
    for (const { voter } of voters) expect(kinds((await voter.poll()).actions)).to.deep.equal(["opened", "committed"]);
    const da = r.l1.daRequestManager;
    await requestData(da.connect(signers[REQUESTER]!), second.header.batchIndex);
    const hash = headerHash(second.header);
    expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.Disputed);

    // The ends before the pause.
    const now = async () => BigInt(await time.latest());
    const vote = await getDisputeStatus(r.l1.disputeManager, id);
    expect(vote.status).to.equal("Committing");
    const request = await daRequestStatus(da, hash);
    expect(request.status).to.equal("Open");

    // The guardian pauses: every end moves by the whole pause at once.
    await (await r.l1.batchChain.connect(guardian).pause(PAUSE)).wait();
    const pausedAt = await now();
    const voteLeft = vote.phaseEndsAt - pausedAt;
    const daLeft = request.deadline - pausedAt;
    expect((await getDisputeStatus(r.l1.disputeManager, id)).phaseEndsAt).to.equal(vote.phaseEndsAt + PAUSE);
    expect((await daRequestStatus(da, hash)).deadline).to.equal(request.deadline + PAUSE);

    // After it, each has the time it had left when the pause began.
    await time.increaseTo(pausedAt + PAUSE);
    const resumed = await getDisputeStatus(r.l1.disputeManager, id);
    expect(resumed).to.deep.include({ status: "Committing", secondsLeft: voteLeft });
    expect((await daRequestStatus(da, hash)).deadline - (await now())).to.equal(daLeft);

    // The vote goes on: reveals (past the old reveal end), then the vote rejects the challenge.
    await time.increaseTo(resumed.phaseEndsAt);
    expect((await getDisputeStatus(r.l1.disputeManager, id)).status).to.equal("Revealing");
    expect(await now()).to.be.greaterThan(vote.phaseEndsAt + BigInt(VOTE.revealPeriod));
    for (const { voter } of voters) expect(kinds((await voter.poll()).actions)).to.deep.equal(["revealed"]);
    expect(await r.l1.verifierRegistry.tally(id)).to.deep.equal([0n, parseEther("4000")]);
    const revealing = await getDisputeStatus(r.l1.disputeManager, id);
    await time.increaseTo(revealing.phaseEndsAt);
    const resolution = await challenger.resolveDispute(id, voters[0]!.verifier.chain[1]!.header, 1, "0x");
    expect(resolution.outcome).to.equal("VoteRejected");
    expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.Pending);

    // The DA request, an hour past its old deadline, is still open: a signing sequencer answers it.
    await time.increaseTo(request.deadline + 3600n);
    expect((await daRequestStatus(da, hash)).status).to.equal("Open");
    const round = await r.sequencers[0]!.answerDataRequests();
    expect(round.answered.map((report) => report.status)).to.deep.equal(["Answered"]);
    expect((await daRequestStatus(da, hash)).status).to.equal("Answered");
    expect(await r.l1.batchChain.batchStatus(2)).to.equal(Status.Pending);
  });
});
