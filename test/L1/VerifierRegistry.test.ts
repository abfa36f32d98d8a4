/**
 * VerifierRegistry on a real rollup, with disputes opened through DisputeManager.challengeExecution against honest
 * leaves: stakes and their checkpoints, exits and withdrawals, commit-reveal votes (every custom error once, with its
 * arguments and nothing changed), vote phases and the turnout, majority and tie rules, checkpointed terms, settlement
 * (rewards, strikes, streaks, strike-outs), payouts, the dispute manager's hooks and every governance setter.
 */
import { impersonateAccount, setBalance, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { parseEther, ZeroHash, zeroPadValue, type ContractTransactionResponse } from "ethers";
import { ethers } from "hardhat";

import { CallForwarder__factory } from "../../sdk/src/contracts/typechain";
import {
  BOND,
  challengeArgs,
  CLAIMED_ROOT,
  COMMIT,
  commit,
  ESCALATION,
  execution,
  EXIT_DELAY,
  MIN_VERIFIER_STAKE,
  openDispute,
  Outcome,
  phasesOf,
  QUORUM_BPS,
  resolve,
  REVEAL,
  reveal,
  saltOf,
  toTime,
  TOTAL_STAKE,
  VerifierStatus,
  VERIFIER_STAKES,
  vote,
  VotePhase,
  VOTER_SHARE_BPS,
  type Batch,
  type Execution,
  type Opened,
} from "../helpers/execution-fixture";
import { removeRollupDirectories } from "../helpers/rollup";
import { seededWord } from "../helpers/seeded";

const BPS = 10_000n;
const DAY = 86_400;

/** Sends every transaction `sends` starts into one block (so one second), and returns their receipts. */
async function inOneBlock(...sends: (() => Promise<ContractTransactionResponse>)[]) {
  await ethers.provider.send("evm_setAutomine", [false]);
  const sent: ContractTransactionResponse[] = [];
  try {
    for (const send of sends) sent.push(await send());
    await ethers.provider.send("evm_mine", []);
  } finally {
    await ethers.provider.send("evm_setAutomine", [true]);
  }
  const receipts = await Promise.all(sent.map((tx) => tx.wait()));
  expect(new Set(receipts.map((r) => r!.blockNumber)).size, "one block").to.equal(1);
  return receipts;
}

/** The registry's record of a dispute's ballots and tally, compared before and after a refused vote. */
async function ballotsOf(x: Execution, disputeId: string) {
  const ballots = [];
  for (const v of [...x.verifiers, x.newcomer, x.outsider])
    ballots.push([...(await x.vr.ballotOf(disputeId, v.address))]);
  return { ballots, tally: [...(await x.vr.tally(disputeId))], closed: await x.vr.closedVoteCount() };
}

async function unchangedBallots(x: Execution, disputeId: string, check: () => Promise<void>) {
  const before = await ballotsOf(x, disputeId);
  await check();
  expect(await ballotsOf(x, disputeId)).to.deep.equal(before);
}

/** Gives the fixture's newcomer `amount` tokens, approved for the registry. */
async function fundNewcomer(x: Execution, amount: bigint) {
  await (await x.r.l1.token.connect(x.r.deployer).transfer(x.newcomer.address, amount)).wait();
  await (await x.r.l1.token.connect(x.newcomer).approve(await x.vr.getAddress(), ethers.MaxUint256)).wait();
}

/** The i-th leaf (from 1) of the fixture's batches 2 and 3, as a dispute to open: up to seven disputes. */
function leafAt(x: Execution, i: number): [Batch, number] {
  return i <= 3 ? [x.batches[2]!, i] : [x.batches[3]!, i - 3];
}

/** Opens `count` disputes on distinct honest leaves. */
async function openMany(x: Execution, count: number): Promise<Opened[]> {
  const opened: Opened[] = [];
  for (let i = 1; i <= count; i++) opened.push(await openDispute(x, ...leafAt(x, i)));
  return opened;
}

/** A verifier's record without `weightSince` (the time of its last weight change), as the assertions spell it. */
async function recordOf(vr: { verifierInfo(account: string): Promise<readonly unknown[]> }, account: string) {
  return [...(await vr.verifierInfo(account))].slice(0, 5);
}

describe("VerifierRegistry", function () {
  after(removeRollupDirectories);

  describe("stake", function () {
    it("takes at least minVerifierStake, then top-ups of any size, emitting VerifierStaked", async function () {
      const x = await execution();
      const { vr, newcomer } = x;
      await fundNewcomer(x, MIN_VERIFIER_STAKE * 2n);
      const token = x.r.l1.token;
      const balance = await token.balanceOf(newcomer.address);
      await expect(vr.connect(newcomer).stake(0)).to.be.revertedWithCustomError(vr, "VerifierRegistryZeroAmount");
      await expect(vr.connect(newcomer).stake(MIN_VERIFIER_STAKE - 1n))
        .to.be.revertedWithCustomError(vr, "VerifierRegistryStakeTooLow")
        .withArgs(MIN_VERIFIER_STAKE - 1n, MIN_VERIFIER_STAKE);
      expect(await recordOf(vr, newcomer.address)).to.deep.equal([0n, 0n, 0n, 0n, 0n]);
      expect(await token.balanceOf(newcomer.address)).to.equal(balance);

      await expect(vr.connect(newcomer).stake(MIN_VERIFIER_STAKE))
        .to.emit(vr, "VerifierStaked")
        .withArgs(newcomer.address, MIN_VERIFIER_STAKE, MIN_VERIFIER_STAKE);
      await expect(vr.connect(newcomer).stake(1))
        .to.emit(vr, "VerifierStaked")
        .withArgs(newcomer.address, 1, MIN_VERIFIER_STAKE + 1n);
      expect(await recordOf(vr, newcomer.address)).to.deep.equal([
        MIN_VERIFIER_STAKE + 1n,
        0n,
        BigInt(VerifierStatus.Active),
        0n,
        0n,
      ]);
      expect(await vr.verifierStatus(newcomer.address)).to.equal(VerifierStatus.Active);
      expect(await token.balanceOf(newcomer.address)).to.equal(balance - MIN_VERIFIER_STAKE - 1n);
      expect(await token.balanceOf(await vr.getAddress())).to.equal(TOTAL_STAKE + MIN_VERIFIER_STAKE + 1n);
    });

    it("checkpoints weights by the second: weightAt and totalWeightAt before and after a stake, a top-up, an exit", async function () {
      const x = await execution();
      const { vr, newcomer } = x;
      await fundNewcomer(x, MIN_VERIFIER_STAKE * 2n);
      await (await vr.connect(newcomer).stake(MIN_VERIFIER_STAKE)).wait();
      const t1 = BigInt(await time.latest());
      await (await vr.connect(newcomer).stake(5n)).wait();
      const t2 = BigInt(await time.latest());
      await (await vr.connect(newcomer).requestExit()).wait();
      const t3 = BigInt(await time.latest());
      expect([t1 < t2, t2 < t3]).to.deep.equal([true, true]);
      const weights = await Promise.all([t1 - 1n, t1, t2 - 1n, t2, t3 - 1n, t3].map((t) => vr.weightAt(newcomer, t)));
      const m = MIN_VERIFIER_STAKE;
      expect(weights).to.deep.equal([0n, m, m, m + 5n, m + 5n, 0n]);
      const totals = await Promise.all([t1 - 1n, t1, t2, t3].map((t) => vr.totalWeightAt(t)));
      expect(totals).to.deep.equal([TOTAL_STAKE, TOTAL_STAKE + m, TOTAL_STAKE + m + 5n, TOTAL_STAKE]);
    });

    it("does not count stake bought in the second a dispute opens", async function () {
      const x = await execution();
      const { vr, newcomer } = x;
      await fundNewcomer(x, MIN_VERIFIER_STAKE);
      const [v0] = x.verifiers;
      const [batch, leaf] = leafAt(x, 1);
      await inOneBlock(
        () => vr.connect(newcomer).stake(MIN_VERIFIER_STAKE),
        () => vr.connect(v0!).stake(parseEther("500")),
        () =>
          x.dm.connect(x.challenger).challengeExecution(...challengeArgs(batch, leaf), CLAIMED_ROOT, { value: BOND }),
      );
      const disputeId = await x.dm.executionDisputeId(batch.hash, leaf);
      const { openedAt } = await x.dm.executionDispute(disputeId);
      expect(await vr.weightAt(newcomer, openedAt)).to.equal(MIN_VERIFIER_STAKE);
      expect(await vr.weightAt(newcomer, openedAt - 1n)).to.equal(0n);
      expect(await vr.totalWeightAt(openedAt - 1n)).to.equal(TOTAL_STAKE);
      const commitment = await vr.commitmentOf(disputeId, true, saltOf(newcomer, disputeId), newcomer.address);
      await expect(vr.connect(newcomer).commitVote(disputeId, commitment))
        .to.be.revertedWithCustomError(vr, "VerifierRegistryNoStakeAtOpening")
        .withArgs(disputeId, newcomer.address);
      // The top-up of the same second does not count either: the verifier votes with its earlier stake.
      await commit(x, v0!, disputeId, true);
      await toTime(phasesOf(openedAt).commitEnd);
      await expect(reveal(x, v0!, disputeId, true))
        .to.emit(vr, "VoteRevealed")
        .withArgs(disputeId, v0!.address, true, VERIFIER_STAKES[0]);
    });

    it("refuses a stake while exiting (VerifierRegistryNotActive)", async function () {
      const x = await execution();
      const [v0] = x.verifiers;
      await (await x.vr.connect(v0!).requestExit()).wait();
      const info = await x.vr.verifierInfo(v0!.address);
      await expect(x.vr.connect(v0!).stake(MIN_VERIFIER_STAKE))
        .to.be.revertedWithCustomError(x.vr, "VerifierRegistryNotActive")
        .withArgs(v0!.address);
      expect(await x.vr.verifierInfo(v0!.address)).to.deep.equal(info);
    });
  });

  describe("requestExit and withdraw", function () {
    it("exits: no weight from then on, withdrawable from the exit delay on, once", async function () {
      const x = await execution();
      const { vr } = x;
      const v0 = x.verifiers[0]!;
      const exitAt = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(exitAt);
      const tx = vr.connect(v0).requestExit();
      await expect(tx)
        .to.emit(vr, "VerifierExitRequested")
        .withArgs(v0.address, exitAt + BigInt(EXIT_DELAY));
      const exitableAt = exitAt + BigInt(EXIT_DELAY);
      expect(await recordOf(vr, v0.address)).to.deep.equal([
        VERIFIER_STAKES[0],
        exitableAt,
        BigInt(VerifierStatus.Exiting),
        0n,
        0n,
      ]);
      expect(await vr.weightAt(v0, exitAt)).to.equal(0n);
      expect(await vr.weightAt(v0, exitAt - 1n)).to.equal(VERIFIER_STAKES[0]);
      expect(await vr.totalWeightAt(exitAt)).to.equal(TOTAL_STAKE - VERIFIER_STAKES[0]!);
      await expect(vr.connect(v0).requestExit())
        .to.be.revertedWithCustomError(vr, "VerifierRegistryNotActive")
        .withArgs(v0.address);

      await time.setNextBlockTimestamp(exitableAt - 1n);
      await expect(vr.connect(v0).withdraw())
        .to.be.revertedWithCustomError(vr, "VerifierRegistryNotWithdrawable")
        .withArgs(v0.address, exitableAt);
      const balance = await x.r.l1.token.balanceOf(v0.address);
      await time.setNextBlockTimestamp(exitableAt);
      await expect(vr.connect(v0).withdraw()).to.emit(vr, "VerifierWithdrawn").withArgs(v0.address, VERIFIER_STAKES[0]);
      expect(await x.r.l1.token.balanceOf(v0.address)).to.equal(balance + VERIFIER_STAKES[0]!);
      expect(await recordOf(vr, v0.address)).to.deep.equal([0n, 0n, BigInt(VerifierStatus.None), 0n, 0n]);
      await expect(vr.connect(v0).withdraw())
        .to.be.revertedWithCustomError(vr, "VerifierRegistryNotStaked")
        .withArgs(v0.address);
    });

    it("refuses a withdrawal without stake, while Active, and before every closed vote is settled", async function () {
      const x = await execution();
      const { vr, outsider } = x;
      const v1 = x.verifiers[1]!;
      await expect(vr.connect(outsider).withdraw())
        .to.be.revertedWithCustomError(vr, "VerifierRegistryNotStaked")
        .withArgs(outsider.address);
      await expect(vr.connect(v1).withdraw())
        .to.be.revertedWithCustomError(vr, "VerifierRegistryNotWithdrawable")
        .withArgs(v1.address, 0);
      // A vote v1 had weight in closes after it asked to exit.
      const dispute = await openDispute(x, ...leafAt(x, 1));
      await (await vr.connect(v1).requestExit()).wait();
      const { exitableAt } = await vr.verifierInfo(v1.address);
      await toTime(phasesOf(dispute.openedAt).escalationEnd);
      await resolve(x, dispute);
      await toTime(exitableAt);
      const info = await vr.verifierInfo(v1.address);
      await expect(vr.connect(v1).withdraw())
        .to.be.revertedWithCustomError(vr, "VerifierRegistryUnsettled")
        .withArgs(v1.address, 0, 1);
      expect(await vr.verifierInfo(v1.address)).to.deep.equal(info);
      await (await vr.settle(v1.address, 1)).wait();
      await expect(vr.connect(v1).withdraw()).to.emit(vr, "VerifierWithdrawn").withArgs(v1.address, VERIFIER_STAKES[1]);
    });

    it("re-stakes after a withdrawal from where its settlement stood, never settling a vote twice", async function () {
      const x = await execution();
      const { vr } = x;
      const v0 = x.verifiers[0]!;
      const [one, two] = await openMany(x, 2);
      // v0 and v3 reject both (50% turnout); v0 asks to exit once both are open.
      await vote(x, [
        [
          one!,
          [
            [0, false],
            [3, false],
          ],
        ],
        [
          two!,
          [
            [0, false],
            [3, false],
          ],
        ],
      ]);
      await (await vr.connect(v0).requestExit()).wait();
      const reward =
        (((BOND * VOTER_SHARE_BPS) / BPS) * VERIFIER_STAKES[0]!) / (VERIFIER_STAKES[0]! + VERIFIER_STAKES[3]!);
      await resolve(x, one!);
      await (await vr.settle(v0.address, 10)).wait();
      expect(await vr.claimable(v0.address)).to.deep.equal([reward, 0n]);
      await toTime((await vr.verifierInfo(v0.address)).exitableAt);
      await (await vr.connect(v0).withdraw()).wait();
      // The second vote, in which v0 had weight, closes after it left; then v0 stakes again.
      await resolve(x, two!);
      await (await vr.connect(v0).stake(MIN_VERIFIER_STAKE)).wait();
      expect((await vr.verifierInfo(v0.address)).settled, "still before the second vote").to.equal(1n);
      await expect(vr.settle(v0.address, 10)).to.emit(vr, "VoterRewarded").withArgs(two!.id, v0.address, reward, 0);
      await expect(vr.settle(v0.address, 10)).to.not.emit(vr, "VoterRewarded");
      expect(await vr.claimable(v0.address)).to.deep.equal([2n * reward, 0n]);
      expect((await vr.verifierInfo(v0.address)).settled).to.equal(2n);
      expect((await vr.verifierInfo(v0.address)).strikes).to.equal(0n);
    });
  });

  describe("commitVote and revealVote", function () {
    it("records a commitment and its reveal, adding the weight at the opening to its side", async function () {
      const x = await execution();
      const { vr } = x;
      const [v0, v1] = x.verifiers as [Execution["newcomer"], Execution["newcomer"]];
      const dispute = await openDispute(x, ...leafAt(x, 1));
      const commitment = await vr.commitmentOf(dispute.id, true, saltOf(v0, dispute.id), v0.address);
      expect(commitment).to.equal(
        ethers.keccak256(
          ethers.AbiCoder.defaultAbiCoder().encode(
            ["bytes32", "bool", "bytes32", "address"],
            [dispute.id, true, saltOf(v0, dispute.id), v0.address],
          ),
        ),
      );
      await expect(vr.connect(v0).commitVote(dispute.id, commitment))
        .to.emit(vr, "VoteCommitted")
        .withArgs(dispute.id, v0.address, commitment);
      await commit(x, v1, dispute.id, false);
      // Asking to exit after the opening keeps the weight in this vote.
      await (await vr.connect(v1).requestExit()).wait();
      expect(await vr.ballotOf(dispute.id, v0.address)).to.deep.equal([commitment, false, false]);
      await toTime(phasesOf(dispute.openedAt).commitEnd);
      await expect(reveal(x, v0, dispute.id, true))
        .to.emit(vr, "VoteRevealed")
        .withArgs(dispute.id, v0.address, true, VERIFIER_STAKES[0]);
      await expect(reveal(x, v1, dispute.id, false))
        .to.emit(vr, "VoteRevealed")
        .withArgs(dispute.id, v1.address, false, VERIFIER_STAKES[1]);
      expect(await vr.ballotOf(dispute.id, v0.address)).to.deep.equal([ZeroHash, true, true]);
      expect(await vr.ballotOf(dispute.id, v1.address)).to.deep.equal([ZeroHash, true, false]);
      expect(await vr.tally(dispute.id)).to.deep.equal([VERIFIER_STAKES[0], VERIFIER_STAKES[1]]);
    });

    it("refuses zero, one and two as commitments (VerifierRegistryInvalidCommitment)", async function () {
      const x = await execution();
      const dispute = await openDispute(x, ...leafAt(x, 1));
      await unchangedBallots(x, dispute.id, async () => {
        for (const value of [0, 1, 2]) {
          const word = zeroPadValue(ethers.toBeHex(value), 32);
          await expect(x.vr.connect(x.verifiers[0]!).commitVote(dispute.id, word))
            .to.be.revertedWithCustomError(x.vr, "VerifierRegistryInvalidCommitment")
            .withArgs(word);
        }
      });
    });

    it("refuses a dispute DisputeManager never opened (VerifierRegistryUnknownVote)", async function () {
      const x = await execution();
      const dispute = await openDispute(x, ...leafAt(x, 1));
      const unknown = seededWord("unknown dispute");
      const voter = x.verifiers[0]!;
      await unchangedBallots(x, unknown, async () => {
        await expect(x.vr.connect(voter).commitVote(unknown, seededWord("commitment")))
          .to.be.revertedWithCustomError(x.vr, "VerifierRegistryUnknownVote")
          .withArgs(unknown);
        await toTime(phasesOf(dispute.openedAt).commitEnd);
        await expect(x.vr.connect(voter).revealVote(unknown, true, saltOf(voter, unknown)))
          .to.be.revertedWithCustomError(x.vr, "VerifierRegistryUnknownVote")
          .withArgs(unknown);
      });
    });

    it("refuses votes on a resolved dispute (VerifierRegistryVoteClosed)", async function () {
      const x = await execution();
      const dispute = await openDispute(x, ...leafAt(x, 1));
      await commit(x, x.verifiers[0]!, dispute.id, true);
      await toTime(phasesOf(dispute.openedAt).escalationEnd);
      await resolve(x, dispute);
      const voter = x.verifiers[1]!;
      await unchangedBallots(x, dispute.id, async () => {
        await expect(x.vr.connect(voter).commitVote(dispute.id, seededWord("commitment")))
          .to.be.revertedWithCustomError(x.vr, "VerifierRegistryVoteClosed")
          .withArgs(dispute.id);
        await expect(reveal(x, x.verifiers[0]!, dispute.id, true))
          .to.be.revertedWithCustomError(x.vr, "VerifierRegistryVoteClosed")
          .withArgs(dispute.id);
      });
    });

    it("takes commitments until the commit period ends (VerifierRegistryCommitClosed)", async function () {
      const x = await execution();
      const dispute = await openDispute(x, ...leafAt(x, 1));
      const { commitEnd } = phasesOf(dispute.openedAt);
      await time.setNextBlockTimestamp(commitEnd - 1n);
      await commit(x, x.verifiers[0]!, dispute.id, true);
      await time.setNextBlockTimestamp(commitEnd);
      await unchangedBallots(x, dispute.id, async () => {
        await expect(commit(x, x.verifiers[1]!, dispute.id, true))
          .to.be.revertedWithCustomError(x.vr, "VerifierRegistryCommitClosed")
          .withArgs(dispute.id, commitEnd);
      });
    });

    it("refuses a verifier without weight at the opening, also one that staked after it (NoStakeAtOpening)", async function () {
      const x = await execution();
      const { vr, newcomer, outsider } = x;
      const dispute = await openDispute(x, ...leafAt(x, 1));
      await fundNewcomer(x, MIN_VERIFIER_STAKE);
      await (await vr.connect(newcomer).stake(MIN_VERIFIER_STAKE)).wait();
      await unchangedBallots(x, dispute.id, async () => {
        for (const voter of [outsider, newcomer]) {
          await expect(commit(x, voter, dispute.id, true))
            .to.be.revertedWithCustomError(vr, "VerifierRegistryNoStakeAtOpening")
            .withArgs(dispute.id, voter.address);
        }
      });
    });

    it("takes one commitment per verifier (VerifierRegistryAlreadyCommitted)", async function () {
      const x = await execution();
      const dispute = await openDispute(x, ...leafAt(x, 1));
      const voter = x.verifiers[2]!;
      await commit(x, voter, dispute.id, true);
      await unchangedBallots(x, dispute.id, async () => {
        await expect(commit(x, voter, dispute.id, false))
          .to.be.revertedWithCustomError(x.vr, "VerifierRegistryAlreadyCommitted")
          .withArgs(dispute.id, voter.address);
      });
    });

    it("takes reveals only in the reveal period, before and after it (VerifierRegistryNotRevealing)", async function () {
      const x = await execution();
      const dispute = await openDispute(x, ...leafAt(x, 1));
      const { commitEnd, revealEnd } = phasesOf(dispute.openedAt);
      const [v0, v1] = x.verifiers as [Execution["newcomer"], Execution["newcomer"]];
      await commit(x, v0, dispute.id, true);
      await commit(x, v1, dispute.id, true);
      await time.setNextBlockTimestamp(commitEnd - 1n);
      await unchangedBallots(x, dispute.id, async () => {
        await expect(reveal(x, v0, dispute.id, true))
          .to.be.revertedWithCustomError(x.vr, "VerifierRegistryNotRevealing")
          .withArgs(dispute.id, commitEnd, revealEnd);
      });
      await time.setNextBlockTimestamp(commitEnd);
      await reveal(x, v0, dispute.id, true);
      await time.setNextBlockTimestamp(revealEnd);
      await unchangedBallots(x, dispute.id, async () => {
        await expect(reveal(x, v1, dispute.id, true))
          .to.be.revertedWithCustomError(x.vr, "VerifierRegistryNotRevealing")
          .withArgs(dispute.id, commitEnd, revealEnd);
      });
    });

    it("refuses a reveal without a commitment (VerifierRegistryNotCommitted)", async function () {
      const x = await execution();
      const dispute = await openDispute(x, ...leafAt(x, 1));
      await toTime(phasesOf(dispute.openedAt).commitEnd);
      await unchangedBallots(x, dispute.id, async () => {
        await expect(reveal(x, x.verifiers[3]!, dispute.id, true))
          .to.be.revertedWithCustomError(x.vr, "VerifierRegistryNotCommitted")
          .withArgs(dispute.id, x.verifiers[3]!.address);
      });
    });

    it("takes one reveal (VerifierRegistryAlreadyRevealed)", async function () {
      const x = await execution();
      const dispute = await openDispute(x, ...leafAt(x, 1));
      const voter = x.verifiers[1]!;
      await commit(x, voter, dispute.id, false);
      await toTime(phasesOf(dispute.openedAt).commitEnd);
      await reveal(x, voter, dispute.id, false);
      await unchangedBallots(x, dispute.id, async () => {
        for (const side of [false, true]) {
          await expect(reveal(x, voter, dispute.id, side))
            .to.be.revertedWithCustomError(x.vr, "VerifierRegistryAlreadyRevealed")
            .withArgs(dispute.id, voter.address);
        }
      });
    });

    it("refuses a reveal of another side or salt (VerifierRegistryRevealMismatch)", async function () {
      const x = await execution();
      const { vr } = x;
      const dispute = await openDispute(x, ...leafAt(x, 1));
      const voter = x.verifiers[1]!;
      await commit(x, voter, dispute.id, true);
      const expected = await vr.commitmentOf(dispute.id, true, saltOf(voter, dispute.id), voter.address);
      await toTime(phasesOf(dispute.openedAt).commitEnd);
      const otherSalt = seededWord("another salt");
      await unchangedBallots(x, dispute.id, async () => {
        await expect(vr.connect(voter).revealVote(dispute.id, false, saltOf(voter, dispute.id)))
          .to.be.revertedWithCustomError(vr, "VerifierRegistryRevealMismatch")
          .withArgs(expected, await vr.commitmentOf(dispute.id, false, saltOf(voter, dispute.id), voter.address));
        await expect(vr.connect(voter).revealVote(dispute.id, true, otherSalt))
          .to.be.revertedWithCustomError(vr, "VerifierRegistryRevealMismatch")
          .withArgs(expected, await vr.commitmentOf(dispute.id, true, otherSalt, voter.address));
      });
    });
  });

  describe("votePhase", function () {
    it("goes Committing, Revealing, then NoTurnout until the escalation ends and Lapsed after", async function () {
      const x = await execution();
      const { vr } = x;
      expect(await vr.votePhase(seededWord("no dispute"), 0)).to.deep.equal([BigInt(VotePhase.None), 0n]);
      const dispute = await openDispute(x, ...leafAt(x, 1));
      const { commitEnd, revealEnd, escalationEnd } = phasesOf(dispute.openedAt);
      const phase = () => vr.votePhase(dispute.id, dispute.openedAt);
      expect(await phase()).to.deep.equal([BigInt(VotePhase.Committing), commitEnd]);
      await toTime(commitEnd - 1n);
      expect(await phase()).to.deep.equal([BigInt(VotePhase.Committing), commitEnd]);
      await toTime(commitEnd);
      expect(await phase()).to.deep.equal([BigInt(VotePhase.Revealing), revealEnd]);
      await toTime(revealEnd - 1n);
      expect(await phase()).to.deep.equal([BigInt(VotePhase.Revealing), revealEnd]);
      await toTime(revealEnd);
      expect(await phase()).to.deep.equal([BigInt(VotePhase.NoTurnout), escalationEnd]);
      await toTime(escalationEnd - 1n);
      expect(await phase()).to.deep.equal([BigInt(VotePhase.NoTurnout), escalationEnd]);
      await toTime(escalationEnd);
      expect(await phase()).to.deep.equal([BigInt(VotePhase.Lapsed), 0n]);
    });

    it("decides at a turnout of quorumBps exactly, not below; a strict majority upholds, a tie rejects", async function () {
      const x = await execution();
      const disputes = await openMany(x, 5);
      const [atQuorum, below, tie, against, majority] = disputes as [Opened, Opened, Opened, Opened, Opened];
      expect(QUORUM_BPS * TOTAL_STAKE).to.equal(VERIFIER_STAKES[3]! * BPS);
      await vote(x, [
        [atQuorum, [[3, true]]],
        [below, [[2, true]]],
        [
          tie,
          [
            [0, true],
            [1, true],
            [2, false],
          ],
        ],
        [
          against,
          [
            [0, true],
            [2, false],
          ],
        ],
        [
          majority,
          [
            [1, false],
            [2, true],
          ],
        ],
      ]);
      const phases = [];
      for (const d of disputes) phases.push((await x.vr.votePhase(d.id, d.openedAt))[0]);
      expect(phases).to.deep.equal(
        [VotePhase.Upheld, VotePhase.NoTurnout, VotePhase.Rejected, VotePhase.Rejected, VotePhase.Upheld].map(BigInt),
      );
      expect(await x.vr.tally(tie.id)).to.deep.equal([VERIFIER_STAKES[0]! + VERIFIER_STAKES[1]!, VERIFIER_STAKES[2]]);
      // A decided vote stays decided after the escalation period.
      await toTime(phasesOf(majority.openedAt).escalationEnd);
      expect((await x.vr.votePhase(atQuorum.id, atQuorum.openedAt))[0]).to.equal(VotePhase.Upheld);
      expect((await x.vr.votePhase(below.id, below.openedAt))[0]).to.equal(VotePhase.Lapsed);
    });
  });

  describe("terms", function () {
    it("keeps a dispute's terms: a change after it opened, or in its second, moves none of its deadlines", async function () {
      const x = await execution();
      const { vr, governor } = x;
      const before = await openDispute(x, ...leafAt(x, 1));
      const [batch, leaf] = leafAt(x, 2);
      // The quorum and commit period change in the second the next dispute opens: that one keeps the old terms too.
      const [, , opening] = await inOneBlock(
        () => vr.connect(governor).setCommitPeriod(2 * COMMIT),
        () => vr.connect(governor).setQuorumBps(5_000),
        () =>
          x.dm.connect(x.challenger).challengeExecution(...challengeArgs(batch, leaf), CLAIMED_ROOT, { value: BOND }),
      );
      const same = {
        id: await x.dm.executionDisputeId(batch.hash, leaf),
        openedAt: BigInt((await ethers.provider.getBlock(opening!.blockNumber))!.timestamp),
      };
      await time.increase(1);
      const after = await openDispute(x, ...leafAt(x, 3));
      const old = [COMMIT, REVEAL, ESCALATION, QUORUM_BPS, VOTER_SHARE_BPS].map(BigInt);
      const changed = [2 * COMMIT, REVEAL, ESCALATION, 5_000, VOTER_SHARE_BPS].map(BigInt);
      expect([...(await vr.termsAt(before.openedAt))]).to.deep.equal(old);
      expect([...(await vr.termsAt(same.openedAt))]).to.deep.equal(old);
      expect([...(await vr.termsAt(after.openedAt))]).to.deep.equal(changed);
      // Time 0 (no dispute opens then) reads the terms in force from the deployment, without an arithmetic panic.
      expect([...(await vr.termsAt(0))]).to.deep.equal([...(await vr.termsAt(1))]);
      expect([...(await vr.terms())]).to.deep.equal(changed);
      expect(await vr.votePhase(before.id, before.openedAt)).to.deep.equal([
        BigInt(VotePhase.Committing),
        before.openedAt + BigInt(COMMIT),
      ]);
      expect(await x.dm.disputeStatus(same.id)).to.deep.equal([1n, same.openedAt + BigInt(COMMIT)]);
      expect(await vr.votePhase(after.id, after.openedAt)).to.deep.equal([
        BigInt(VotePhase.Committing),
        after.openedAt + BigInt(2 * COMMIT),
      ]);
      // v3's 40% decides the old disputes, not the new one (50% now).
      const v3 = x.verifiers[3]!;
      for (const d of [before, same, after]) await commit(x, v3, d.id, true);
      await toTime(phasesOf(same.openedAt).commitEnd);
      for (const d of [before, same]) await reveal(x, v3, d.id, true);
      await toTime(after.openedAt + BigInt(2 * COMMIT));
      await reveal(x, v3, after.id, true);
      await toTime(after.openedAt + BigInt(2 * COMMIT + REVEAL));
      expect((await vr.votePhase(before.id, before.openedAt))[0]).to.equal(VotePhase.Upheld);
      expect((await vr.votePhase(same.id, same.openedAt))[0]).to.equal(VotePhase.Upheld);
      expect((await vr.votePhase(after.id, after.openedAt))[0]).to.equal(VotePhase.NoTurnout);
    });
  });

  describe("settle", function () {
    it("pays the majority pro rata, rounding down, and strikes the minority and the silent", async function () {
      const x = await execution();
      const { vr } = x;
      const dispute = await openDispute(x, ...leafAt(x, 1));
      // 3,000 for (v2) and 3,000 against (v0, v1): a tie, rejected; v3 silent.
      await vote(x, [
        [
          dispute,
          [
            [0, false],
            [1, false],
            [2, true],
          ],
        ],
      ]);
      await resolve(x, dispute);
      const pool = (BOND * VOTER_SHARE_BPS) / BPS;
      const winning = VERIFIER_STAKES[0]! + VERIFIER_STAKES[1]!;
      const rewards = [0, 1].map((i) => (pool * VERIFIER_STAKES[i]!) / winning);
      expect(rewards[0]! * 3n, "a third of the pool does not divide").to.not.equal(pool);
      const [v0, v1, v2, v3] = x.verifiers as [
        Execution["newcomer"],
        Execution["newcomer"],
        Execution["newcomer"],
        Execution["newcomer"],
      ];
      expect(await vr.settle.staticCall(v0.address, 5)).to.equal(1n);
      await expect(vr.settle(v0.address, 5))
        .to.emit(vr, "VoterRewarded")
        .withArgs(dispute.id, v0.address, rewards[0], 0);
      await expect(vr.settle(v1.address, 5))
        .to.emit(vr, "VoterRewarded")
        .withArgs(dispute.id, v1.address, rewards[1], 0);
      await expect(vr.settle(v2.address, 5)).to.emit(vr, "VerifierStruck").withArgs(dispute.id, v2.address, 1);
      await expect(vr.settle(v3.address, 5)).to.emit(vr, "VerifierStruck").withArgs(dispute.id, v3.address, 1);
      expect(await vr.claimable(v0.address)).to.deep.equal([rewards[0], 0n]);
      expect(await vr.claimable(v1.address)).to.deep.equal([rewards[1], 0n]);
      const dust = pool - rewards[0]! - rewards[1]!;
      expect(dust > 0n && dust < 2n, `dust ${dust}`).to.equal(true);
      for (const v of [v2, v3]) {
        expect(await vr.claimable(v.address)).to.deep.equal([0n, 0n]);
        expect((await vr.verifierInfo(v.address)).strikes).to.equal(1n);
      }
      for (const v of x.verifiers) expect((await vr.verifierInfo(v.address)).settled).to.equal(1n);
    });

    it("settles at most maxVotes per call, in closing order, and never a vote twice", async function () {
      const x = await execution();
      const { vr } = x;
      const disputes = await openMany(x, 3);
      await toTime(phasesOf(disputes[2]!.openedAt).escalationEnd);
      for (const d of disputes) await resolve(x, d);
      const v3 = x.verifiers[3]!;
      await expect(vr.settle(v3.address, 2))
        .to.emit(vr, "VerifierStruck")
        .withArgs(disputes[0]!.id, v3.address, 1)
        .and.to.emit(vr, "VerifierStruck")
        .withArgs(disputes[1]!.id, v3.address, 2);
      expect((await vr.verifierInfo(v3.address)).settled).to.equal(2n);
      expect(await vr.settle.staticCall(v3.address, 0)).to.equal(2n);
      await expect(vr.settle(v3.address, 5)).to.emit(vr, "VerifierSlashed");
      const info = await vr.verifierInfo(v3.address);
      await expect(vr.settle(v3.address, 5)).to.not.emit(vr, "VerifierStruck");
      expect(await vr.verifierInfo(v3.address)).to.deep.equal(info);
    });

    it("clears a streak with a reveal on the winning side, and with any reveal in a vote governance decided", async function () {
      const x = await execution();
      const { vr } = x;
      const v0 = x.verifiers[0]!;
      const [silent, good, silentAgain, governed] = (await openMany(x, 4)) as [Opened, Opened, Opened, Opened];
      await vote(x, [
        [silent, [[3, false]]],
        [
          good,
          [
            [3, false],
            [0, false],
          ],
        ],
        [silentAgain, [[3, false]]],
        [governed, [[0, true]]],
      ]);
      await resolve(x, silent);
      await resolve(x, good);
      await resolve(x, silentAgain);
      const g = governed.batch;
      await (
        await x.dm.connect(x.governor).decideDispute(governed.id, false, g.header, governed.leafIndex, g.signatures)
      ).wait();
      const strikes = [];
      for (let i = 0; i < 4; i++) {
        await (await vr.settle(v0.address, 1)).wait();
        strikes.push((await vr.verifierInfo(v0.address)).strikes);
      }
      expect(strikes).to.deep.equal([1n, 0n, 1n, 0n]);
      // Revealing for the losing side of a governance decision cleared it too, for no reward.
      expect(await vr.claimable(v0.address)).to.deep.equal([
        (((BOND * VOTER_SHARE_BPS) / BPS) * VERIFIER_STAKES[0]!) / (VERIFIER_STAKES[0]! + VERIFIER_STAKES[3]!),
        0n,
      ]);
    });

    it("strikes out at maxStrikes in a row: slashed to the treasury, Removed, no weight, a new exit delay", async function () {
      const x = await execution();
      const { vr, governor, treasury } = x;
      await expect(vr.connect(governor).setMaxStrikes(2)).to.emit(vr, "MaxStrikesUpdated").withArgs(3, 2);
      const [one, two] = await openMany(x, 2);
      const [v0, v1] = x.verifiers as [Execution["newcomer"], Execution["newcomer"]];
      // v0 asked to exit once both were open (still struck in them); v1 stays Active. Neither reveals.
      await (await vr.connect(v0).requestExit()).wait();
      const exitingUntil = (await vr.verifierInfo(v0.address)).exitableAt;
      await vote(x, [
        [one!, [[3, false]]],
        [two!, [[3, false]]],
      ]);
      await resolve(x, one!);
      await resolve(x, two!);
      await time.increase(3_600);
      const slashBps = await vr.verifierSlashBps();
      const totalBefore = await vr.totalWeightAt(await time.latest());
      for (const [v, stake] of [
        [v1, VERIFIER_STAKES[1]!],
        [v0, VERIFIER_STAKES[0]!],
      ] as const) {
        const at = BigInt(await time.latest()) + 10n;
        await time.setNextBlockTimestamp(at);
        const tx = vr.settle(v.address, 5);
        const amount = (stake * slashBps) / BPS;
        await expect(tx)
          .to.emit(vr, "VerifierStruck")
          .withArgs(two!.id, v.address, 2)
          .and.to.emit(vr, "VerifierSlashed")
          .withArgs(v.address, amount, at + BigInt(EXIT_DELAY));
        expect(await recordOf(vr, v.address)).to.deep.equal([
          stake - amount,
          at + BigInt(EXIT_DELAY),
          BigInt(VerifierStatus.Removed),
          0n,
          2n,
        ]);
        expect(await vr.weightAt(v, at)).to.equal(0n);
      }
      expect((await vr.verifierInfo(v0.address)).exitableAt, "the exit delay starts again").to.be.greaterThan(
        exitingUntil,
      );
      // Only the Active verifier's weight left the total; the exiting one's had already.
      expect(await vr.totalWeightAt(await time.latest())).to.equal(totalBefore - VERIFIER_STAKES[1]!);
      const slashed = ((VERIFIER_STAKES[0]! + VERIFIER_STAKES[1]!) * slashBps) / BPS;
      // The treasury also has the rejected bonds' share the voters did not get.
      expect(await vr.claimable(treasury)).to.deep.equal([2n * (BOND - (BOND * VOTER_SHARE_BPS) / BPS), slashed]);
      // Removed: no stake, no exit request, a withdrawal only after the new delay.
      await expect(vr.connect(v1).stake(MIN_VERIFIER_STAKE))
        .to.be.revertedWithCustomError(vr, "VerifierRegistryNotActive")
        .withArgs(v1.address);
      await expect(vr.connect(v1).requestExit())
        .to.be.revertedWithCustomError(vr, "VerifierRegistryNotActive")
        .withArgs(v1.address);
      const { exitableAt } = await vr.verifierInfo(v1.address);
      await expect(vr.connect(v1).withdraw())
        .to.be.revertedWithCustomError(vr, "VerifierRegistryNotWithdrawable")
        .withArgs(v1.address, exitableAt);
      await toTime(exitableAt);
      await expect(vr.connect(v1).withdraw())
        .to.emit(vr, "VerifierWithdrawn")
        .withArgs(v1.address, VERIFIER_STAKES[1]! - (VERIFIER_STAKES[1]! * slashBps) / BPS);
    });

    it("pays a verifier that withdrew its rewards, and strikes it no more", async function () {
      const x = await execution();
      const { vr } = x;
      const v0 = x.verifiers[0]!;
      const [rewarded, missed] = await openMany(x, 2);
      await vote(x, [
        [
          rewarded!,
          [
            [0, false],
            [3, false],
          ],
        ],
        [missed!, [[3, false]]],
      ]);
      await (await vr.connect(v0).requestExit()).wait();
      await toTime((await vr.verifierInfo(v0.address)).exitableAt);
      await (await vr.connect(v0).withdraw()).wait();
      await resolve(x, rewarded!);
      await resolve(x, missed!);
      const reward =
        (((BOND * VOTER_SHARE_BPS) / BPS) * VERIFIER_STAKES[0]!) / (VERIFIER_STAKES[0]! + VERIFIER_STAKES[3]!);
      await expect(vr.settle(v0.address, 5))
        .to.emit(vr, "VoterRewarded")
        .withArgs(rewarded!.id, v0.address, reward, 0)
        .and.not.to.emit(vr, "VerifierStruck");
      expect(await recordOf(vr, v0.address)).to.deep.equal([0n, 0n, BigInt(VerifierStatus.None), 0n, 2n]);
      expect(await vr.claimable(v0.address)).to.deep.equal([reward, 0n]);
    });
  });

  describe("claim", function () {
    it("pays ETH and tokens, pulling the SequencerRegistry's reward when needed, and nothing twice", async function () {
      const x = await execution();
      const { vr, r, challenger } = x;
      const vrAddress = await vr.getAddress();
      const [dispute] = await openMany(x, 1);
      await vote(x, [[dispute!, [[3, true]]]]);
      await resolve(x, dispute!);
      const reward = await r.l1.registry.claimable(vrAddress);
      expect(reward).to.be.greaterThan(0n);
      const pool = (reward * VOTER_SHARE_BPS) / BPS;
      expect(await vr.claimable(challenger.address)).to.deep.equal([BOND, reward - pool]);
      expect(await r.l1.token.balanceOf(vrAddress)).to.equal(TOTAL_STAKE);

      const tx = vr.connect(challenger).claim();
      await expect(tx)
        .to.emit(vr, "PayoutClaimed")
        .withArgs(challenger.address, BOND, reward - pool);
      await expect(tx).to.changeEtherBalances([challenger, vr], [BOND, -BOND]);
      await expect(tx).to.changeTokenBalance(r.l1.token, challenger, reward - pool);
      expect(await r.l1.registry.claimable(vrAddress), "pulled").to.equal(0n);
      expect(await r.l1.token.balanceOf(vrAddress)).to.equal(TOTAL_STAKE + pool);
      expect(await vr.claimable(challenger.address)).to.deep.equal([0n, 0n]);
      await expect(vr.connect(challenger).claim())
        .to.be.revertedWithCustomError(vr, "VerifierRegistryNothingToClaim")
        .withArgs(challenger.address);

      const v3 = x.verifiers[3]!;
      await (await vr.settle(v3.address, 5)).wait();
      await expect(vr.connect(v3).claim()).to.changeTokenBalance(r.l1.token, v3, pool);
      await expect(vr.connect(v3).claim())
        .to.be.revertedWithCustomError(vr, "VerifierRegistryNothingToClaim")
        .withArgs(v3.address);
      expect(await r.l1.token.balanceOf(vrAddress)).to.equal(TOTAL_STAKE);
    });

    it("keeps the credit when the ETH cannot be sent (VerifierRegistryTransferFailed)", async function () {
      const x = await execution();
      const { vr, r } = x;
      // A verifier contract that takes no ETH.
      const forwarder = await new CallForwarder__factory(r.deployer).deploy();
      const address = await forwarder.getAddress();
      const call = async (target: string, data: string) => (await forwarder.forward(target, data)).wait();
      await (await r.l1.token.connect(r.deployer).transfer(address, MIN_VERIFIER_STAKE)).wait();
      await call(
        await r.l1.token.getAddress(),
        r.l1.token.interface.encodeFunctionData("approve", [await vr.getAddress(), MIN_VERIFIER_STAKE]),
      );
      await call(await vr.getAddress(), vr.interface.encodeFunctionData("stake", [MIN_VERIFIER_STAKE]));
      await time.increase(1);
      const [dispute] = await openMany(x, 1);
      const salt = seededWord("forwarder salt");
      const commitment = await vr.commitmentOf(dispute!.id, false, salt, address);
      await call(await vr.getAddress(), vr.interface.encodeFunctionData("commitVote", [dispute!.id, commitment]));
      await commit(x, x.verifiers[3]!, dispute!.id, false);
      await toTime(phasesOf(dispute!.openedAt).commitEnd);
      await call(await vr.getAddress(), vr.interface.encodeFunctionData("revealVote", [dispute!.id, false, salt]));
      await reveal(x, x.verifiers[3]!, dispute!.id, false);
      await toTime(phasesOf(dispute!.openedAt).revealEnd);
      await resolve(x, dispute!);
      await (await vr.settle(address, 5)).wait();
      const [owed] = await vr.claimable(address);
      expect(owed).to.equal(
        (((BOND * VOTER_SHARE_BPS) / BPS) * MIN_VERIFIER_STAKE) / (MIN_VERIFIER_STAKE + VERIFIER_STAKES[3]!),
      );
      await expect(forwarder.forward(await vr.getAddress(), vr.interface.encodeFunctionData("claim")))
        .to.be.revertedWithCustomError(vr, "VerifierRegistryTransferFailed")
        .withArgs(address, owed);
      expect(await vr.claimable(address)).to.deep.equal([owed, 0n]);
    });
  });

  describe("closeVote", function () {
    it("is the dispute manager's only (VerifierRegistryNotDisputeManager)", async function () {
      const x = await execution();
      const [dispute] = await openMany(x, 1);
      await expect(
        x.vr.connect(x.outsider).closeVote(dispute!.id, dispute!.openedAt, Outcome.Lapsed, x.outsider.address, 0, {
          value: BOND,
        }),
      )
        .to.be.revertedWithCustomError(x.vr, "VerifierRegistryNotDisputeManager")
        .withArgs(x.outsider.address);
      expect(await x.vr.closedVoteCount()).to.equal(0n);
    });

    it("refuses the None outcome and a second close (InvalidOutcome, VoteClosed)", async function () {
      const x = await execution();
      const [dispute] = await openMany(x, 1);
      const dmAddress = await x.dm.getAddress();
      await impersonateAccount(dmAddress);
      await setBalance(dmAddress, parseEther("10"));
      const asManager = x.vr.connect(await ethers.getSigner(dmAddress));
      await expect(asManager.closeVote(dispute!.id, dispute!.openedAt, Outcome.None, x.challenger.address, 0))
        .to.be.revertedWithCustomError(x.vr, "VerifierRegistryInvalidOutcome")
        .withArgs(Outcome.None);
      await toTime(phasesOf(dispute!.openedAt).escalationEnd);
      await resolve(x, dispute!);
      await expect(asManager.closeVote(dispute!.id, dispute!.openedAt, Outcome.Lapsed, x.challenger.address, 0))
        .to.be.revertedWithCustomError(x.vr, "VerifierRegistryVoteClosed")
        .withArgs(dispute!.id);
      expect(await x.vr.closedVoteCount()).to.equal(1n);
    });
  });

  describe("the dispute manager", function () {
    it("is fixed at deployment: the deployed registry names the rollup's DisputeManager, which names it back", async function () {
      const x = await execution();
      expect(await x.vr.disputeManager()).to.equal(await x.dm.getAddress());
      expect(await x.dm.verifierRegistry()).to.equal(await x.vr.getAddress());
    });
  });

  describe("governance setters", function () {
    type Name =
      | "MinVerifierStake"
      | "VerifierExitDelay"
      | "MaxStrikes"
      | "VerifierSlashBps"
      | "CommitPeriod"
      | "RevealPeriod"
      | "EscalationPeriod"
      | "QuorumBps"
      | "VoterShareBps";
    // Bounds under the fixture's terms: the periods' maxima are what the 20-day exit delay leaves them.
    const longest = COMMIT + REVEAL + ESCALATION;
    const cases: [Name, bigint, bigint, bigint][] = [
      ["MinVerifierStake", parseEther("1"), parseEther("1000000"), parseEther("5000")],
      ["VerifierExitDelay", BigInt(longest + 1), BigInt(90 * DAY), BigInt(30 * DAY)],
      ["MaxStrikes", 1n, 100n, 7n],
      ["VerifierSlashBps", 100n, 10_000n, 2_500n],
      ["CommitPeriod", 3_600n, BigInt(EXIT_DELAY - 1 - REVEAL - ESCALATION), 7_200n],
      ["RevealPeriod", 3_600n, BigInt(EXIT_DELAY - 1 - COMMIT - ESCALATION), 7_200n],
      ["EscalationPeriod", BigInt(ESCALATION), BigInt(EXIT_DELAY - 1 - COMMIT - REVEAL), BigInt(ESCALATION + 1)],
      ["QuorumBps", 1_000n, 10_000n, 6_000n],
      ["VoterShareBps", 1_000n, 10_000n, 7_500n],
    ];

    /** The current value of a parameter (the terms read at the latest block's second). */
    async function valueOf(x: Execution, name: Name): Promise<bigint> {
      const { vr } = x;
      const terms = await vr.termsAt((await time.latest()) + 1);
      switch (name) {
        case "MinVerifierStake":
          return vr.minVerifierStake();
        case "VerifierExitDelay":
          return vr.verifierExitDelay();
        case "MaxStrikes":
          return vr.maxStrikes();
        case "VerifierSlashBps":
          return vr.verifierSlashBps();
        case "CommitPeriod":
          return terms.commitPeriod;
        case "RevealPeriod":
          return terms.revealPeriod;
        case "EscalationPeriod":
          return terms.escalationPeriod;
        case "QuorumBps":
          return terms.quorumBps;
        case "VoterShareBps":
          return terms.voterShareBps;
      }
    }

    for (const [name, min, max, next] of cases) {
      it(`set${name}: bounded [${min}, ${max}], governor only, emits ${name}Updated(old, new)`, async function () {
        const x = await execution();
        const setter = (value: bigint, from = x.governor) =>
          (x.vr.connect(from) as unknown as Record<string, (v: bigint) => Promise<ContractTransactionResponse>>)[
            `set${name}`
          ]!(value);
        const old = await valueOf(x, name);
        for (const value of [min - 1n, max + 1n]) {
          await expect(setter(value))
            .to.be.revertedWithCustomError(x.vr, "VerifierRegistryParameterOutOfRange")
            .withArgs(value, min, max);
        }
        await expect(setter(next, x.outsider))
          .to.be.revertedWithCustomError(x.vr, "AccessControlUnauthorizedAccount")
          .withArgs(x.outsider.address, await x.vr.GOVERNOR_ROLE());
        expect(await valueOf(x, name)).to.equal(old);
        await expect(setter(next)).to.emit(x.vr, `${name}Updated`).withArgs(old, next);
        expect(await valueOf(x, name)).to.equal(next);
        for (const bound of [min, max]) await (await setter(bound)).wait();
      });
    }

    it("keeps the exit delay longer than commit + reveal + escalation, from both sides", async function () {
      const x = await execution();
      const vr = x.vr.connect(x.governor);
      const longest = BigInt(COMMIT + REVEAL + ESCALATION);
      await expect(vr.setVerifierExitDelay(longest))
        .to.be.revertedWithCustomError(vr, "VerifierRegistryParameterOutOfRange")
        .withArgs(longest, longest + 1n, 90 * DAY);
      await (await vr.setVerifierExitDelay(longest + 1n)).wait();
      // Now no period may grow by a second.
      for (const [setter, value, min] of [
        ["setCommitPeriod", COMMIT, 3_600],
        ["setRevealPeriod", REVEAL, 3_600],
        ["setEscalationPeriod", ESCALATION, ESCALATION],
      ] as const) {
        await expect(vr[setter](value + 1))
          .to.be.revertedWithCustomError(vr, "VerifierRegistryParameterOutOfRange")
          .withArgs(value + 1, min, value);
      }
      // A longer delay makes room again, up to each period's own maximum and commit + reveal at most 6 days.
      await (await vr.setVerifierExitDelay(90 * DAY)).wait();
      await expect(vr.setCommitPeriod(6 * DAY - REVEAL + 1))
        .to.be.revertedWithCustomError(vr, "VerifierRegistryParameterOutOfRange")
        .withArgs(6 * DAY - REVEAL + 1, 3_600, 6 * DAY - REVEAL);
      await (await vr.setCommitPeriod(6 * DAY - REVEAL)).wait();
      await expect(vr.setRevealPeriod(REVEAL + 1))
        .to.be.revertedWithCustomError(vr, "VerifierRegistryParameterOutOfRange")
        .withArgs(REVEAL + 1, 3_600, REVEAL);
      await (await vr.setCommitPeriod(COMMIT)).wait();
      await (await vr.setEscalationPeriod(30 * DAY)).wait();
      const longer = BigInt(COMMIT + REVEAL + 30 * DAY);
      await expect(vr.setVerifierExitDelay(longer))
        .to.be.revertedWithCustomError(vr, "VerifierRegistryParameterOutOfRange")
        .withArgs(longer, longer + 1n, 90 * DAY);
    });

    it("keeps the exit delay longer than the votes still running on earlier, longer terms", async function () {
      const x = await execution();
      const { vr, verifiers } = x;
      const governor = vr.connect(x.governor);
      // A dispute opens under a 20-day escalation; then governance shortens the escalation again.
      await (await governor.setVerifierExitDelay(30 * DAY)).wait();
      await (await governor.setEscalationPeriod(20 * DAY)).wait();
      await time.increase(1);
      const dispute = await openDispute(x, ...leafAt(x, 1));
      const escalationEnd = dispute.openedAt + BigInt(COMMIT + REVEAL + 20 * DAY);
      const shortened = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(shortened);
      await (await governor.setEscalationPeriod(ESCALATION)).wait();
      // A dispute may still open on the long terms in the second of the change: its vote ends by then + 20d + 2h.
      const longestRunning = shortened + BigInt(COMMIT + REVEAL + 20 * DAY);
      const now = shortened + 10n;
      await time.setNextBlockTimestamp(now);
      const min = longestRunning - now + 1n;
      await expect(governor.setVerifierExitDelay(EXIT_DELAY))
        .to.be.revertedWithCustomError(vr, "VerifierRegistryParameterOutOfRange")
        .withArgs(EXIT_DELAY, min, 90 * DAY);
      await time.setNextBlockTimestamp(now + 1n);
      await (await governor.setVerifierExitDelay(min - 1n)).wait();
      // An exit asked now outlives the running vote the verifier has weight in.
      await (await vr.connect(verifiers[0]!).requestExit()).wait();
      expect((await vr.verifierInfo(verifiers[0]!.address)).exitableAt).to.be.greaterThan(escalationEnd);
      expect((await vr.votePhase(dispute.id, dispute.openedAt))[0]).to.equal(VotePhase.Committing);
      // Once no vote on the long terms can run any more, the delay may shrink to the current terms' bound again.
      await toTime(longestRunning);
      await expect(governor.setVerifierExitDelay(COMMIT + REVEAL + ESCALATION + 1))
        .to.emit(vr, "VerifierExitDelayUpdated")
        .withArgs(min - 1n, COMMIT + REVEAL + ESCALATION + 1);
    });
  });
});
