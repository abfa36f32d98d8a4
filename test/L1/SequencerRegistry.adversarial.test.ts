/**
 * Attacks on the sequencer set found by adversarial review: grooming the rotation on a quiet L2, starting an epoch
 * alone at launch, leaving before a signed batch is final, zombie seats, and choosing the epoch's order.
 */
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import fc from "fast-check";
import { parseEther, toBeHex, type Wallet } from "ethers";
import { ethers, network } from "hardhat";

import { deployL1 } from "../../sdk/src/node";
import {
  addSequencer,
  advanceTo,
  beginEpoch,
  deployWithSequencers,
  GENESIS,
  nextHeader,
  signHeader,
  STAKE,
  Status,
  submitNext,
  type L1Fixture,
  type TestSequencer,
} from "../helpers/l1";
import { governanceSigner, wiredHooks, wiredSlasher } from "../helpers/governance";

const DAY = 24 * 60 * 60;
const FRAUD = ethers.encodeBytes32String("fraud");

/**
 * The rotation rule as the registry documents it: the `skipped`-th member at or after `batchIndex mod n` that is not
 * jailed from proposing; once every such member had its timeout, `(batchIndex + skipped) mod n`.
 */
export function modelSchedule(jailed: readonly boolean[], batchIndex: number, skipped: number): number {
  const n = jailed.length;
  if (skipped < n) {
    let seen = 0;
    for (let i = 0; i < n; i++) {
      const position = (batchIndex + i) % n;
      if (jailed[position]) continue;
      if (seen === skipped) return position;
      seen++;
    }
  }
  return (batchIndex + skipped) % n;
}

/** Storage slot of `_members[0]`: the slot whose word is member 0's (signer, stake, missed turns). */
async function membersSlot(l1: L1Fixture): Promise<bigint> {
  const [first] = await l1.registry.members();
  const word = (BigInt(first!.missedTurns) << 248n) | (BigInt(first!.stake) << 160n) | BigInt(first!.signer);
  for (let slot = 0n; slot < 32n; slot++) {
    const value = await ethers.provider.getStorage(await l1.registry.getAddress(), slot);
    if (BigInt(value) === word) return slot;
  }
  throw new Error("members slot not found");
}

/** Sets the missed turns of every member (by position), writing the member words directly. */
async function setMissedTurns(l1: L1Fixture, slot: bigint, missed: readonly number[]): Promise<void> {
  const list = await l1.registry.members();
  for (const [position, member] of list.entries()) {
    const word = (BigInt(missed[position]!) << 248n) | (BigInt(member.stake) << 160n) | BigInt(member.signer);
    await network.provider.send("hardhat_setStorageAt", [
      await l1.registry.getAddress(),
      toBeHex(slot + BigInt(position), 32),
      toBeHex(word, 32),
    ]);
  }
}

/** Submits the next header from `proposer`, signed by `signers`. */
async function proposeAs(l1: L1Fixture, proposer: TestSequencer, signers: readonly Wallet[]) {
  const header = await nextHeader(l1);
  const signatures = await signHeader(l1, header, signers);
  return (await l1.batchChain.connect(proposer.signer).submitBatch(header, signatures)).wait();
}

/** The member the registry schedules for the next batch once `skipped` timeouts have passed since the last one. */
async function scheduledAfter(l1: L1Fixture, skipped: number): Promise<string> {
  const timeout = BigInt(await l1.registry.rotationTimeout());
  const now = BigInt(await time.latest());
  const [signer] = await l1.registry.scheduledProposer(
    await l1.batchChain.batchCount(),
    now - BigInt(skipped) * timeout,
  );
  return signer;
}

describe("SequencerRegistry under attack", function () {
  describe("rotation grooming on a quiet L2", function () {
    for (const seats of [4, 21]) {
      it(`cannot halt an honest quorum (${seats} seats): every proposer jail is lifted after one timeout each`, async function () {
        const l1 = await deployWithSequencers(seats);
        const attacker = l1.sequencers[0]!;
        const all = l1.sequencers.map((s) => s.signer);
        const honest = l1.sequencers.slice(1);
        const timeout = Number(await l1.registry.rotationTimeout());
        const maxMissed = Number(await l1.registry.maxMissedTurns());
        const jailedCount = async () =>
          (await l1.registry.members()).filter(
            (m) => m.signer !== attacker.signer.address && m.missedTurns >= maxMissed,
          ).length;

        // The attacker makes one L2 transaction each time the rotation reaches it and proposes it; the members it
        // waited past had nothing to propose, and are charged.
        for (let round = 0; round < 4 * maxMissed && (await jailedCount()) < honest.length; round++) {
          // Timeouts that have passed already count (staking 21 sequencers can take longer than one): the attacker's
          // turn is searched from there, and the batch lands inside that turn's timeout, not merely after its start.
          const [, , , lastAcceptedAt] = await l1.batchChain.tip();
          const latest = await time.latest();
          const passed = Math.max(0, Math.floor((latest + 1 - Number(lastAcceptedAt)) / timeout));
          let k = passed;
          while (k < passed + seats && (await scheduledAfter(l1, k)) !== attacker.signer.address) k++;
          expect(k).to.be.lessThan(passed + seats);
          await time.setNextBlockTimestamp(Math.max(Number(lastAcceptedAt) + k * timeout, latest + 1));
          await proposeAs(l1, attacker, all);
        }
        expect(await jailedCount()).to.be.greaterThan(0);
        // Whatever the grooming reached, take the worst case: every honest member jailed from proposing.
        const members = await l1.registry.members();
        await setMissedTurns(
          l1,
          await membersSlot(l1),
          members.map((m) => (m.signer === attacker.signer.address ? 0 : maxMissed)),
        );
        expect(await jailedCount()).to.equal(honest.length);

        // Now it goes silent. Within two timeouts an honest member is scheduled, and the honest quorum commits.
        const [, , , lastAcceptedAt] = await l1.batchChain.tip();
        const schedule: string[] = [];
        for (let k = 0; k <= 3 * seats; k++) schedule.push(await scheduledAfter(l1, k));
        const firstHonest = schedule.findIndex((signer) => signer !== attacker.signer.address);
        expect(firstHonest).to.be.within(1, 2);
        // Across many timeouts every member keeps being offered turns: no stretch of more than two timeouts is the
        // attacker's, and every honest member is reached within seats + 1 timeouts.
        let run = 0;
        for (const signer of schedule) {
          run = signer === attacker.signer.address ? run + 1 : 0;
          expect(run).to.be.at.most(2);
        }
        for (const member of honest) {
          expect(schedule.slice(0, seats + 2)).to.include(member.signer.address);
        }
        await advanceTo(Number(lastAcceptedAt) + firstHonest * timeout);
        const proposer = l1.sequencers.find((s) => s.signer.address === schedule[firstHonest])!;
        const receipt = await proposeAs(
          l1,
          proposer,
          honest.map((s) => s.signer),
        );
        expect(receipt!.status).to.equal(1);
        // Proposing lifted that member's jail; the silent attacker was charged for each turn it let pass (every turn
        // before the first honest one is its own: one or two, as the seed's order falls).
        const after = await l1.registry.members();
        expect(after.find((m) => m.signer === proposer.signer.address)!.missedTurns).to.equal(0n);
        expect(after.find((m) => m.signer === attacker.signer.address)!.missedTurns).to.equal(BigInt(firstHonest));
      });
    }

    it("schedules exactly as the documented rule for any jail pattern, batch index and number of timeouts", async function () {
      const fixture = async () => deployWithSequencers(8);
      const l1 = await loadFixture(fixture);
      const slot = await membersSlot(l1);
      const maxMissed = Number(await l1.registry.maxMissedTurns());
      const timeout = BigInt(await l1.registry.rotationTimeout());
      const order = (await l1.registry.members()).map((m) => m.signer);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
          fc.integer({ min: 0, max: 1_000 }),
          fc.integer({ min: 0, max: 20 }),
          async (jailed, batchIndex, skipped) => {
            await setMissedTurns(
              l1,
              slot,
              jailed.map((j) => (j ? maxMissed : 0)),
            );
            const now = BigInt(await time.latest());
            const [signer, reportedSkips] = await l1.registry.scheduledProposer(
              batchIndex,
              now - BigInt(skipped) * timeout,
            );
            expect(reportedSkips).to.equal(BigInt(skipped));
            expect(signer).to.equal(order[modelSchedule(jailed, batchIndex, skipped)]);
          },
        ),
        { numRuns: 60 },
      );
    });

    it("offers every member a turn within (eligible + seats) timeouts, eligible members first and once each", function () {
      fc.assert(
        fc.property(
          fc
            .integer({ min: 1, max: 21 })
            .chain((n) => fc.tuple(fc.array(fc.boolean(), { minLength: n, maxLength: n }), fc.nat({ max: 10_000 }))),
          ([jailed, batchIndex]) => {
            const n = jailed.length;
            const eligible = jailed.filter((j) => !j).length;
            const slots = Array.from({ length: eligible + n }, (_, k) => modelSchedule(jailed, batchIndex, k));
            // Liveness: nobody, jailed or not, waits longer than eligible + n timeouts.
            expect(new Set(slots).size).to.equal(n);
            // The first `eligible` timeouts go to distinct members that are not jailed.
            const first = slots.slice(0, eligible);
            expect(new Set(first).size).to.equal(eligible);
            expect(first.every((position) => !jailed[position])).to.equal(true);
          },
        ),
        { numRuns: 500 },
      );
    });

    it("skips the proposer when the plain-order walk lands on a member the eligible walk already offered", async function () {
      const l1 = await deployWithSequencers(4);
      await submitNext(l1);
      const slot = await membersSlot(l1);
      const maxMissed = Number(await l1.registry.maxMissedTurns());
      const timeout = Number(await l1.registry.rotationTimeout());
      const order = (await l1.registry.members()).map((m) => m.signer);
      const b = Number(await l1.batchChain.batchCount());
      // Members b and b + 1 are jailed, so two are eligible; after three timeouts the plain order names b + 3, which
      // the eligible walk had already offered the second timeout.
      const missed = [0, 0, 0, 0];
      missed[b % 4] = maxMissed;
      missed[(b + 1) % 4] = maxMissed;
      await setMissedTurns(l1, slot, missed);
      const [, , , lastAcceptedAt] = await l1.batchChain.tip();
      await time.setNextBlockTimestamp(Number(lastAcceptedAt) + 3 * timeout);
      const proposer = l1.sequencers.find((s) => s.signer.address === order[(b + 3) % 4])!;
      await proposeAs(
        l1,
        proposer,
        l1.sequencers.map((s) => s.signer),
      );
      // Member b + 2 missed the first timeout and the third; the proposer is not charged for the second, its own.
      const expected = [...missed];
      expected[(b + 2) % 4] = 2;
      expected[(b + 3) % 4] = 0;
      expect((await l1.registry.members()).map((m) => Number(m.missedTurns))).to.deep.equal(expected);
    });

    it("charges the members the rotation offered each passed timeout, as the model does, over random histories", async function () {
      // An hour's rotation timeout: deployment (with the governance handover) takes more than a minute of blocks,
      // which a one-minute timeout would count as missed turns before the first batch (wait 0).
      const fixture = async () => deployWithSequencers(6, { maxMissedTurns: 2, rotationTimeout: 3600 });
      const base = await loadFixture(fixture);
      const timeout = Number(await base.registry.rotationTimeout());
      const maxMissed = 2;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 8 }), async (waits) => {
          const l1 = await loadFixture(fixture);
          const order = (await l1.registry.members()).map((m) => m.signer);
          const missed = order.map(() => 0);
          for (const wait of waits) {
            const batchIndex = Number(await l1.batchChain.batchCount());
            const jailed = missed.map((m) => m >= maxMissed);
            const proposerPosition = modelSchedule(jailed, batchIndex, wait);
            // The model: each timeout before the proposer's was offered to someone, who missed it (unless a whole
            // rotation passed: an idle L2).
            if (wait > 0 && wait < order.length) {
              for (let k = 0; k < wait; k++) {
                const position = modelSchedule(jailed, batchIndex, k);
                if (position !== proposerPosition && missed[position]! < maxMissed) missed[position]!++;
              }
            }
            missed[proposerPosition] = 0;
            const [, , , lastAcceptedAt] = await l1.batchChain.tip();
            await advanceTo(Number(lastAcceptedAt) + wait * timeout);
            const proposer = l1.sequencers.find((s) => s.signer.address === order[proposerPosition])!;
            await proposeAs(
              l1,
              proposer,
              l1.sequencers.map((s) => s.signer),
            );
            expect((await l1.registry.members()).map((m) => Number(m.missedTurns))).to.deep.equal(missed);
          }
        }),
        { numRuns: 12 },
      );
    });
  });

  describe("launch", function () {
    it("does not let the first staker start an epoch alone and commit with only its own signature", async function () {
      const [deployer] = await ethers.getSigners();
      const l1 = await deployL1(deployer!, { genesis: GENESIS }); // the defaults: four members, 80,000 tokens
      expect([await l1.registry.minMembers(), await l1.registry.minEpochStake()]).to.deep.equal([
        4n,
        parseEther("80000"),
      ]);
      const first = await addSequencer(l1, deployer!);
      await expect(l1.registry.startEpoch())
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryEpochTooSmall")
        .withArgs(1, STAKE, 4, parseEther("80000"));
      for (let i = 0; i < 3; i++) await addSequencer(l1, deployer!);
      await beginEpoch(l1.registry);
      const [number, , size, total] = await l1.registry.currentEpoch();
      expect([number, size, total]).to.deep.equal([1n, 4n, 4n * STAKE]);
      // Its own signature is a quarter of the stake: no batch.
      const fixture = { ...l1, deployer: deployer!, sequencers: [first] };
      const header = await nextHeader(l1);
      await expect(
        l1.registry.verifyQuorum(
          await l1.batchChain.headerDigest(header),
          await signHeader(l1, header, [first.signer]),
        ),
      )
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryInsufficientQuorum")
        .withArgs(STAKE, 4n * STAKE);
      expect(fixture.sequencers).to.have.length(1);
    });

    it("requires the minimum total stake as well as the minimum number of members", async function () {
      const [deployer] = await ethers.getSigners();
      const l1 = await deployL1(deployer!, { genesis: GENESIS, parameters: { minEpochStake: parseEther("100000") } });
      for (let i = 0; i < 4; i++) await addSequencer(l1, deployer!);
      await expect(l1.registry.startEpoch())
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryEpochTooSmall")
        .withArgs(4, 4n * STAKE, 4, parseEther("100000"));
      await addSequencer(l1, deployer!);
      await beginEpoch(l1.registry);
      expect((await l1.registry.currentEpoch()).size).to.equal(5n);
    });

    it("drops a scheduled epoch that slashing shrank below the minimum, and the current epoch goes on", async function () {
      const l1 = await deployWithSequencers(4, { minMembers: 4, minEpochStake: 4n * STAKE });
      const slasher = await wiredSlasher(l1);
      await time.increase(DAY);
      await l1.registry.startEpoch();
      await l1.registry.connect(slasher).getFunction("slash(address,uint256,bytes32)")(
        l1.sequencers[0]!.account.address,
        1000,
        FRAUD,
      );
      await mine(Number(await l1.registry.EPOCH_SEED_DELAY()));
      await expect(l1.registry.activateEpoch())
        .to.emit(l1.registry, "EpochCancelled")
        .withArgs(2, 3, 3n * STAKE);
      const [number, , size] = await l1.registry.currentEpoch();
      expect([number, size]).to.deep.equal([1n, 3n]);
      expect(await l1.registry.pendingEpoch()).to.deep.equal([0n, 0n]);
      await submitNext(
        l1,
        undefined,
        l1.sequencers.slice(1).map((s) => s.signer),
      ); // still committing
      await addSequencer(l1, l1.deployer);
      await beginEpoch(l1.registry); // a new schedule with the newcomer
      expect((await l1.registry.currentEpoch()).number).to.equal(2n);
    });

    it("lets exits take effect when the set is at its minimum and no new epoch can start", async function () {
      const l1 = await deployWithSequencers(4, { minMembers: 4, minEpochStake: 4n * STAKE });
      const leaving = l1.sequencers[0]!;
      await submitNext(l1);
      await l1.registry.connect(leaving.account).requestExit();
      await expect(l1.registry.releaseExits()).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryEpochNotOver",
      );
      await time.increase(DAY);
      await expect(l1.registry.startEpoch()).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryEpochTooSmall",
      );
      await expect(l1.registry.releaseExits())
        .to.emit(l1.registry, "SequencerLeft")
        .withArgs(leaving.account.address, 1);
      const [, , size, total] = await l1.registry.currentEpoch();
      expect([size, total]).to.deep.equal([3n, 4n * STAKE]); // the frozen total stays: 3 of 4 still sign
      await submitNext(
        l1,
        undefined,
        l1.sequencers.slice(1).map((s) => s.signer),
      );
      await expect(l1.registry.releaseExits()).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryNothingToRelease",
      );
      await time.increase(Number(await l1.registry.effectiveExitDelay()));
      await expect(l1.registry.connect(leaving.account).withdraw()).to.emit(l1.registry, "Withdrawn");
    });

    it("lets every member leave when all of them ask, and refuses to release while a new epoch could start", async function () {
      const l1 = await deployWithSequencers(4, { minMembers: 2, minEpochStake: 2n * STAKE });
      await l1.registry.connect(l1.sequencers[0]!.account).requestExit();
      await time.increase(DAY);
      await expect(l1.registry.releaseExits()).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryEpochCanStart",
      );
      for (const sequencer of l1.sequencers.slice(1)) await l1.registry.connect(sequencer.account).requestExit();
      await l1.registry.releaseExits(); // the frozen set would be empty
      expect((await l1.registry.currentEpoch()).size).to.equal(0n);
      expect(await l1.registry.sequencers()).to.deep.equal([]);
      await time.increase(Number(await l1.registry.effectiveExitDelay()));
      for (const sequencer of l1.sequencers) {
        await expect(l1.registry.connect(sequencer.account).withdraw())
          .to.emit(l1.registry, "Withdrawn")
          .withArgs(sequencer.account.address, STAKE);
      }
    });

    it("lets a sequencer that is in no set leave at once, so it never waits for an epoch that cannot start", async function () {
      const [deployer] = await ethers.getSigners();
      const l1 = await deployL1(deployer!, { genesis: GENESIS }); // needs four to start
      const lonely = await addSequencer(l1, deployer!);
      const tx = l1.registry.connect(lonely.account).requestExit();
      await expect(tx).to.emit(l1.registry, "SequencerLeft").withArgs(lonely.account.address, 0);
      expect(await l1.registry.sequencers()).to.deep.equal([]);
      await time.increase(Number(await l1.registry.effectiveExitDelay()));
      await expect(l1.registry.connect(lonely.account).withdraw())
        .to.emit(l1.registry, "Withdrawn")
        .withArgs(lonely.account.address, STAKE);
    });
  });

  describe("leaving before a signed batch is final", function () {
    async function longWindow() {
      const l1 = await deployWithSequencers(4, { fraudProofWindow: 7 * DAY });
      // The DisputeManager's hooks (DISPUTER_ROLE and ROLLBACK_ROLE), as deployL1 wired them.
      const { disputer: caller } = await wiredHooks(l1);
      return { ...l1, caller };
    }

    it("keeps the stake until the last batch it could sign is final, whatever governance does to the window", async function () {
      const l1 = await loadFixture(longWindow);
      const leaving = l1.sequencers[0]!;
      await (await l1.registry.connect(await governanceSigner(l1)).setExitDelay(DAY)).wait(); // the floor decides
      await submitNext(l1); // batch 1, signed by all four under the longest (7-day) window
      const finalAt = await l1.batchChain.finalizesAt(1);
      await l1.registry.connect(leaving.account).requestExit();
      // The shortest window shortens the exit delay (to 1 hour + the 7-day DA cap), not batch 1's window; the
      // window's cap (7 days, MAX_FRAUD_WINDOW) is what keeps the delay past it.
      await l1.batchChain.connect(await governanceSigner(l1)).setFraudProofWindow(3600);
      expect(await l1.registry.effectiveExitDelay()).to.equal(3600n + (await l1.registry.DA_WINDOW_CAP()));
      await time.increase(DAY);
      await beginEpoch(l1.registry);
      const info = await l1.registry.sequencerInfo(leaving.account.address);
      expect(info.lastBatch).to.equal(1n);
      const withdrawableAt = info.leftAt + (await l1.registry.effectiveExitDelay());
      expect(withdrawableAt).to.be.greaterThan(finalAt);
      await time.setNextBlockTimestamp(withdrawableAt - 1n);
      await expect(l1.registry.connect(leaving.account).withdraw())
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryWithdrawTooEarly")
        .withArgs(withdrawableAt);
      await time.increaseTo(withdrawableAt);
      expect(await l1.batchChain.batchStatus(1)).to.equal(Status.Finalized);
      await expect(l1.registry.connect(leaving.account).withdraw())
        .to.emit(l1.registry, "Withdrawn")
        .withArgs(leaving.account.address, STAKE);
    });

    it("waits for an earlier signed batch under dispute even when its last one was rolled back", async function () {
      const l1 = await loadFixture(longWindow);
      const leaving = l1.sequencers[2]!;
      await submitNext(l1); // batch 1
      await submitNext(l1); // batch 2, both signed by everyone
      await l1.registry.connect(leaving.account).requestExit();
      await time.increase(DAY);
      await beginEpoch(l1.registry);
      expect((await l1.registry.sequencerInfo(leaving.account.address)).lastBatch).to.equal(2n);
      await l1.caller.markDisputed(1); // a dispute that may run for weeks
      await l1.caller.rollback(2); // batch 2 alone is rolled back
      await time.increase(Number(await l1.registry.effectiveExitDelay()) + 8 * DAY);
      await expect(l1.registry.connect(leaving.account).withdraw())
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistrySignedBatchNotFinal")
        .withArgs(1, Status.Disputed);
      await l1.caller.clearDisputed(1);
      await expect(l1.registry.connect(leaving.account).withdraw()).to.emit(l1.registry, "Withdrawn");
    });

    it("lets it go once the batch is rolled back instead", async function () {
      const l1 = await loadFixture(longWindow);
      const leaving = l1.sequencers[1]!;
      await submitNext(l1);
      await l1.registry.connect(leaving.account).requestExit();
      await time.increase(DAY);
      await beginEpoch(l1.registry);
      await l1.caller.rollback(1);
      await time.increase(Number(await l1.registry.effectiveExitDelay()));
      expect(await l1.batchChain.batchStatus(1)).to.equal(Status.RolledBack);
      await expect(l1.registry.connect(leaving.account).withdraw()).to.emit(l1.registry, "Withdrawn");
    });
  });

  describe("zombie seats", function () {
    it("frees the seat of a sequencer slashed to zero, so newcomers can join", async function () {
      const l1 = await deployWithSequencers(4);
      await l1.registry.connect(await governanceSigner(l1)).setMaxSequencers(4);
      const zombie = l1.sequencers[2]!;
      const slash = l1.registry.connect(await wiredSlasher(l1)).getFunction("slash(address,uint256,bytes32)");
      await slash(zombie.account.address, 10_000, FRAUD);
      expect((await l1.registry.sequencerInfo(zombie.account.address)).stake).to.equal(0n);
      expect(await l1.registry.sequencers()).not.to.include(zombie.account.address);
      const newcomer = await addSequencer(l1, l1.deployer);
      expect(await l1.registry.sequencers()).to.include(newcomer.account.address);
      // A partly slashed sequencer gives up its seat too: seats are for stake that may still sign.
      await slash(l1.sequencers[0]!.account.address, 100, FRAUD);
      expect(await l1.registry.sequencers()).to.have.length(3);
      await addSequencer(l1, l1.deployer);
      // The zombie's record stays slashable until it withdraws (nothing) after the exit delay.
      await time.increase(Number(await l1.registry.effectiveExitDelay()));
      await expect(l1.registry.connect(zombie.account).withdraw())
        .to.emit(l1.registry, "Withdrawn")
        .withArgs(zombie.account.address, 0);
    });
  });

  describe("the epoch's order", function () {
    async function scheduled() {
      const l1 = await deployWithSequencers(8);
      for (let i = 0; i < 2; i++) await addSequencer(l1, l1.deployer);
      await time.increase(DAY);
      await l1.registry.startEpoch();
      return l1;
    }

    const orderOf = async (l1: L1Fixture) => (await l1.registry.members()).map((m) => m.signer).join();

    it("is not set by startEpoch, and comes from a block mined after it", async function () {
      const l1 = await loadFixture(scheduled);
      const before = await orderOf(l1);
      const [freezeBlock, seedBlock] = await l1.registry.pendingEpoch();
      expect(seedBlock - freezeBlock).to.equal(await l1.registry.EPOCH_SEED_DELAY());
      expect(await orderOf(l1)).to.equal(before); // still the current epoch's
      await expect(l1.registry.activateEpoch())
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryEpochSeedNotReady")
        .withArgs(seedBlock);
      // Two histories that differ only in what the blocks after the call hold give two orders: nothing the caller
      // of startEpoch could see decided it.
      const orders = new Set<string>();
      for (let variant = 0; variant < 3; variant++) {
        const snapshot = await network.provider.send("evm_snapshot", []);
        for (let i = 0; i < variant; i++) await l1.deployer.sendTransaction({ to: l1.deployer, value: 1n });
        await mine(Number(seedBlock) - (await ethers.provider.getBlockNumber()) + 1);
        await l1.registry.activateEpoch();
        orders.add(await orderOf(l1));
        await network.provider.send("evm_revert", [snapshot]);
      }
      expect(orders.size).to.equal(3);
    });

    it("is the same whoever activates the epoch and whenever", async function () {
      const l1 = await loadFixture(scheduled);
      const [, seedBlock] = await l1.registry.pendingEpoch();
      await mine(Number(seedBlock) - (await ethers.provider.getBlockNumber()) + 1);
      const orders = new Set<string>();
      for (const [who, wait] of [
        [l1.sequencers[0]!.account, 0],
        [l1.sequencers[5]!.account, 17],
        [l1.deployer, 120],
      ] as const) {
        const snapshot = await network.provider.send("evm_snapshot", []);
        await mine(wait);
        await expect(l1.registry.connect(who).activateEpoch()).to.emit(l1.registry, "EpochStarted");
        orders.add(await orderOf(l1));
        await network.provider.send("evm_revert", [snapshot]);
      }
      expect(orders.size).to.equal(1);
    });

    it("freezes the set at startEpoch: later stakes and exits wait for the next epoch", async function () {
      const l1 = await loadFixture(scheduled);
      const late = await addSequencer(l1, l1.deployer);
      const leaving = l1.sequencers[3]!;
      await l1.registry.connect(leaving.account).requestExit();
      await mine(Number(await l1.registry.EPOCH_SEED_DELAY()));
      await l1.registry.activateEpoch();
      const signers = (await l1.registry.members()).map((m) => m.signer);
      expect(signers).to.have.length(10);
      expect(signers).not.to.include(late.signer.address);
      expect(signers).to.include(leaving.signer.address);
    });

    it("takes a new seed block when the old one's hash is gone, and refuses double scheduling", async function () {
      const l1 = await loadFixture(scheduled);
      await expect(l1.registry.startEpoch()).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryEpochPending",
      );
      await mine(300);
      const tx = l1.registry.activateEpoch();
      const blockNumber = (await ethers.provider.getBlockNumber()) + 1;
      const delay = await l1.registry.EPOCH_SEED_DELAY();
      await expect(tx)
        .to.emit(l1.registry, "EpochScheduled")
        .withArgs(2, (await l1.registry.pendingEpoch())[0], BigInt(blockNumber) + delay);
      expect((await l1.registry.currentEpoch()).number).to.equal(1n);
      await mine(Number(delay));
      await expect(l1.registry.activateEpoch()).to.emit(l1.registry, "EpochStarted");
      await expect(l1.registry.activateEpoch()).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryNoEpochPending",
      );
    });
  });
});
