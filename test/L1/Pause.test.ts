import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { parseEther, ZeroAddress } from "ethers";

import {
  DEFAULT_FRAUD_WINDOW,
  DEFAULT_MAINTENANCE_NOTICE,
  DEFAULT_MAX_MAINTENANCE,
  DEFAULT_MAX_PAUSE,
  DEFAULT_PAUSE_COOLDOWN,
  MAX_MAINTENANCE_LEAD,
  MAX_MAINTENANCE_NOTICE,
  MAX_MAX_MAINTENANCE,
  MAX_MAX_PAUSE,
  MAX_PAUSE_COOLDOWN,
  MAX_UPCOMING_MAINTENANCE,
  MIN_MAINTENANCE_GAP,
  MIN_MAINTENANCE_NOTICE,
  MIN_MAX_MAINTENANCE,
  MIN_MAX_PAUSE,
  MIN_PAUSE_COOLDOWN,
  depositChainHash,
  finalizeWithdrawalArguments,
  type Address,
  type DepositInput,
} from "../../sdk/src/proof";
import type { BatchChain } from "../../sdk/src/contracts/typechain";
import type { L1Parameters } from "../../sdk/src/node";
import { governanceSigner, wiredHooks } from "../helpers/governance";
import {
  addSequencer,
  deployWithSequencers,
  fundedWallet,
  nextHeader,
  scheduledSequencer,
  signHeader,
  Status,
  submitNext,
} from "../helpers/l1";
import type { L1Fixture } from "../helpers/l1";
import { seededAddress } from "../helpers/seeded";
import { commitWithdrawals } from "../helpers/withdrawals";

const HOUR = 3600n;
const DAY = 24n * HOUR;

describe("BatchChain pause clock", function () {
  async function deployPaused(parameters: L1Parameters = {}) {
    const l1 = await deployWithSequencers(4, parameters);
    const gov = await governanceSigner(l1);
    const guardian = await fundedWallet();
    const stranger = await fundedWallet();
    await l1.batchChain.connect(gov).setGuardian(guardian.address);
    const { disputer, daCaller } = await wiredHooks(l1);
    const chain = l1.batchChain.connect(gov);
    return { ...l1, gov, guardian, stranger, disputer, daCaller, chain };
  }
  const fixture = async () => deployPaused();
  /**
   * An hour's rotation timeout: deployment (with the governance handover) and this fixture take more than a minute of
   * blocks, which a one-minute timeout would charge as missed turns at the first batch.
   */
  const hourlyRotation = async () => deployPaused({ rotationTimeout: Number(HOUR) });
  type Fixture = Awaited<ReturnType<typeof fixture>>;

  const now = async () => BigInt(await time.latest());
  /** Pauses for `duration` in the next block; returns [start, until]. */
  async function pauseFor(f: Fixture, duration: bigint): Promise<[bigint, bigint]> {
    const start = (await now()) + 1n;
    await time.setNextBlockTimestamp(start);
    await f.batchChain.connect(f.guardian).pause(duration);
    return [start, start + duration];
  }
  async function submit(l1: L1Fixture, header?: Parameters<BatchChain["submitBatch"]>[0]) {
    const next = header ?? (await nextHeader(l1));
    const proposer = await scheduledSequencer(l1);
    const signatures = await signHeader(
      l1,
      next as Awaited<ReturnType<typeof nextHeader>>,
      l1.sequencers.map((s) => s.signer),
    );
    return l1.batchChain.connect(proposer.signer).submitBatch(next, signatures);
  }
  async function snapshotOf(chain: BatchChain) {
    return {
      status: await chain.pauseStatus(),
      windows: await chain.maintenanceWindows(),
      readyAt: await chain.pauseReadyAt(),
      active: await chain.activeTimeAt(10n ** 10n),
    };
  }

  describe("parameters", function () {
    const table = [
      ["MaxPause", DEFAULT_MAX_PAUSE, MIN_MAX_PAUSE, MAX_MAX_PAUSE],
      ["PauseCooldown", DEFAULT_PAUSE_COOLDOWN, MIN_PAUSE_COOLDOWN, MAX_PAUSE_COOLDOWN],
      ["MaxMaintenance", DEFAULT_MAX_MAINTENANCE, MIN_MAX_MAINTENANCE, MAX_MAX_MAINTENANCE],
      ["MaintenanceNotice", DEFAULT_MAINTENANCE_NOTICE, MIN_MAINTENANCE_NOTICE, MAX_MAINTENANCE_NOTICE],
    ] as const;
    for (const [name, initial, min, max] of table) {
      const getter = (name[0]!.toLowerCase() + name.slice(1)) as "maxPause";
      const setter = `set${name}` as "setMaxPause";
      it(`${setter}: bounded, governance only, emits ${name}Updated`, async function () {
        const f = await loadFixture(fixture);
        expect(await f.batchChain[getter]()).to.equal(initial);
        for (const bad of [min - 1n, max + 1n]) {
          await expect(f.chain[setter](bad))
            .to.be.revertedWithCustomError(f.batchChain, "BatchChainParameterOutOfRange")
            .withArgs(bad, min, max);
        }
        await expect(f.batchChain.connect(f.stranger)[setter](min))
          .to.be.revertedWithCustomError(f.batchChain, "AccessControlUnauthorizedAccount")
          .withArgs(f.stranger.address, await f.batchChain.GOVERNOR_ROLE());
        expect(await f.batchChain[getter]()).to.equal(initial);
        await expect(f.chain[setter](max)).to.emit(f.batchChain, `${name}Updated`).withArgs(initial, max);
        expect(await f.batchChain[getter]()).to.equal(max);
      });
    }

    it("setGuardian: governance only, emits GuardianUpdated", async function () {
      const f = await loadFixture(fixture);
      await expect(f.batchChain.connect(f.stranger).setGuardian(f.stranger.address))
        .to.be.revertedWithCustomError(f.batchChain, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, await f.batchChain.GOVERNOR_ROLE());
      expect(await f.batchChain.guardian()).to.equal(f.guardian.address);
      await expect(f.chain.setGuardian(ZeroAddress))
        .to.emit(f.batchChain, "GuardianUpdated")
        .withArgs(f.guardian.address, ZeroAddress);
      await expect(f.batchChain.connect(f.guardian).pause(HOUR))
        .to.be.revertedWithCustomError(f.batchChain, "BatchChainNotGuardian")
        .withArgs(f.guardian.address);
    });
  });

  describe("pause", function () {
    it("pauses from now, reports it, and emits Paused", async function () {
      const f = await loadFixture(fixture);
      expect(await f.batchChain.pauseStatus()).to.deep.equal([false, 0n, false]);
      const start = (await now()) + 1n;
      await time.setNextBlockTimestamp(start);
      await expect(f.batchChain.connect(f.guardian).pause(DAY))
        .to.emit(f.batchChain, "Paused")
        .withArgs(f.guardian.address, start, start + DAY);
      expect(await f.batchChain.pauseStatus()).to.deep.equal([true, start + DAY, false]);
      expect(await f.batchChain.pauseReadyAt()).to.equal(start + DAY + DEFAULT_PAUSE_COOLDOWN);
      await time.increaseTo(start + 10n * HOUR);
      expect(await f.batchChain.activeTime()).to.equal(start);
    });

    it("refuses a stranger", async function () {
      const f = await loadFixture(fixture);
      const before = await snapshotOf(f.batchChain);
      await expect(f.batchChain.connect(f.stranger).pause(HOUR))
        .to.be.revertedWithCustomError(f.batchChain, "BatchChainNotGuardian")
        .withArgs(f.stranger.address);
      expect(await snapshotOf(f.batchChain)).to.deep.equal(before);
    });

    it("refuses a pause longer than maxPause, or of nothing", async function () {
      const f = await loadFixture(fixture);
      const before = await snapshotOf(f.batchChain);
      for (const bad of [DEFAULT_MAX_PAUSE + 1n, 0n]) {
        await expect(f.batchChain.connect(f.guardian).pause(bad))
          .to.be.revertedWithCustomError(f.batchChain, "BatchChainPauseTooLong")
          .withArgs(bad, DEFAULT_MAX_PAUSE);
      }
      expect(await snapshotOf(f.batchChain)).to.deep.equal(before);
    });

    it("refuses a pause while paused, and within the cooldown after one (the guardian cannot pause for ever)", async function () {
      const f = await loadFixture(fixture);
      const [, until] = await pauseFor(f, DEFAULT_MAX_PAUSE);
      await expect(f.batchChain.connect(f.guardian).pause(HOUR))
        .to.be.revertedWithCustomError(f.batchChain, "BatchChainAlreadyPaused")
        .withArgs(until);
      await time.increaseTo(until + DEFAULT_PAUSE_COOLDOWN - 2n);
      const before = await snapshotOf(f.batchChain);
      await expect(f.batchChain.connect(f.guardian).pause(HOUR))
        .to.be.revertedWithCustomError(f.batchChain, "BatchChainPauseCooldown")
        .withArgs(until + DEFAULT_PAUSE_COOLDOWN);
      expect(await snapshotOf(f.batchChain)).to.deep.equal(before);
      await time.setNextBlockTimestamp(until + DEFAULT_PAUSE_COOLDOWN);
      await expect(f.batchChain.connect(f.guardian).pause(HOUR)).to.emit(f.batchChain, "Paused");
    });

    it("never reaches into a scheduled maintenance window: it is clipped at its start", async function () {
      const f = await loadFixture(fixture);
      const start = (await now()) + DEFAULT_MAINTENANCE_NOTICE + 10n;
      await f.chain.scheduleMaintenance(start, HOUR);
      await time.increaseTo(start - HOUR);
      const begin = (await now()) + 1n;
      await time.setNextBlockTimestamp(begin);
      await expect(f.batchChain.connect(f.guardian).pause(DAY))
        .to.emit(f.batchChain, "Paused")
        .withArgs(f.guardian.address, begin, start);
      // The pause runs into the window: paused until the window ends.
      expect(await f.batchChain.pauseStatus()).to.deep.equal([true, start + HOUR, false]);
      await time.increaseTo(start + 1n);
      expect(await f.batchChain.pauseStatus()).to.deep.equal([true, start + HOUR, true]);
      expect(await f.batchChain.pauseReadyAt()).to.equal(start + DEFAULT_PAUSE_COOLDOWN);
    });
  });

  describe("unpause", function () {
    it("ends the pause at once; the clock resumes and the cooldown runs from then", async function () {
      const f = await loadFixture(fixture);
      const [start] = await pauseFor(f, DAY);
      const at = start + 2n * HOUR;
      await time.setNextBlockTimestamp(at);
      await expect(f.chain.unpause())
        .to.emit(f.batchChain, "Unpaused")
        .withArgs(await f.gov.getAddress(), at);
      expect(await f.batchChain.pauseStatus()).to.deep.equal([false, 0n, false]);
      expect(await f.batchChain.pauseReadyAt()).to.equal(at + DEFAULT_PAUSE_COOLDOWN);
      await time.increaseTo(at + HOUR);
      expect(await f.batchChain.activeTime()).to.equal(at + HOUR - 2n * HOUR);
    });

    it("refuses a stranger, and when nothing is paused", async function () {
      const f = await loadFixture(fixture);
      await expect(f.chain.unpause()).to.be.revertedWithCustomError(f.batchChain, "BatchChainNotPaused");
      await expect(f.batchChain.connect(f.guardian).unpause()).to.be.revertedWithCustomError(
        f.batchChain,
        "BatchChainNotPaused",
      );
      const [, until] = await pauseFor(f, DAY);
      const before = await snapshotOf(f.batchChain);
      await expect(f.batchChain.connect(f.stranger).unpause())
        .to.be.revertedWithCustomError(f.batchChain, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, await f.batchChain.GOVERNOR_ROLE());
      expect(await f.batchChain.pauseStatus()).to.deep.equal([true, until, false]);
      expect(await snapshotOf(f.batchChain)).to.deep.equal(before);
    });

    it("lets the guardian end its own pause early; the clock resumes and the cooldown runs from the shortened end", async function () {
      const f = await loadFixture(fixture);
      const [start, until] = await pauseFor(f, DEFAULT_MAX_PAUSE);
      const at = start + 3n * HOUR;
      await time.setNextBlockTimestamp(at);
      await expect(f.batchChain.connect(f.guardian).unpause())
        .to.emit(f.batchChain, "Unpaused")
        .withArgs(f.guardian.address, at);
      expect(await f.batchChain.pauseStatus()).to.deep.equal([false, 0n, false]);
      expect(at < until).to.equal(true);
      expect(await f.batchChain.pauseReadyAt()).to.equal(at + DEFAULT_PAUSE_COOLDOWN);
      await time.increaseTo(at + HOUR);
      expect(await f.batchChain.activeTime()).to.equal(at + HOUR - 3n * HOUR);
      // The cooldown is from the shortened end, not the planned one.
      await time.setNextBlockTimestamp(at + DEFAULT_PAUSE_COOLDOWN - 1n);
      await expect(f.batchChain.connect(f.guardian).pause(HOUR))
        .to.be.revertedWithCustomError(f.batchChain, "BatchChainPauseCooldown")
        .withArgs(at + DEFAULT_PAUSE_COOLDOWN);
      await time.setNextBlockTimestamp(at + DEFAULT_PAUSE_COOLDOWN);
      await expect(f.batchChain.connect(f.guardian).pause(HOUR)).to.emit(f.batchChain, "Paused");
    });

    it("refuses the guardian a maintenance window: only governance ends one early", async function () {
      const f = await loadFixture(fixture);
      const start = (await now()) + DEFAULT_MAINTENANCE_NOTICE + 10n;
      await f.chain.scheduleMaintenance(start, HOUR);
      // A guardian pause clipped at the window's start runs into it; the guardian may end the pause, not the window.
      await time.increaseTo(start - HOUR);
      await f.batchChain.connect(f.guardian).pause(DAY);
      await time.increaseTo(start + 10n);
      const before = await snapshotOf(f.batchChain);
      await expect(f.batchChain.connect(f.guardian).unpause())
        .to.be.revertedWithCustomError(f.batchChain, "AccessControlUnauthorizedAccount")
        .withArgs(f.guardian.address, await f.batchChain.GOVERNOR_ROLE());
      expect(await snapshotOf(f.batchChain)).to.deep.equal(before);
      expect(await f.batchChain.pauseStatus()).to.deep.equal([true, start + HOUR, true]);
      await expect(f.chain.unpause()).to.emit(f.batchChain, "Unpaused");
      expect(await f.batchChain.pauseStatus()).to.deep.equal([false, 0n, false]);
    });
  });

  describe("maintenance", function () {
    it("schedules, lists and cancels windows, with their events", async function () {
      const f = await loadFixture(fixture);
      const start = (await now()) + DEFAULT_MAINTENANCE_NOTICE + 100n;
      await expect(f.chain.scheduleMaintenance(start, HOUR))
        .to.emit(f.batchChain, "MaintenanceScheduled")
        .withArgs(start, start + HOUR);
      expect(await f.batchChain.maintenanceWindows()).to.deep.equal([[start], [start + HOUR]]);
      await expect(f.chain.cancelMaintenance(start))
        .to.emit(f.batchChain, "MaintenanceCancelled")
        .withArgs(start, start + HOUR);
      expect(await f.batchChain.maintenanceWindows()).to.deep.equal([[], []]);
    });

    it("refuses bad windows with exact errors and changes nothing", async function () {
      const f = await loadFixture(fixture);
      const t = (await now()) + 1n;
      const start = t + DEFAULT_MAINTENANCE_NOTICE + 100n;
      await time.setNextBlockTimestamp(t);
      await f.chain.scheduleMaintenance(start, HOUR);
      const before = await snapshotOf(f.batchChain);
      // Each case at its own block time `at`: [start, duration, error, its arguments].
      const cases: ((at: bigint) => [bigint, bigint, string, bigint[]])[] = [
        (at) => {
          const s = at + DEFAULT_MAINTENANCE_NOTICE - 1n;
          return [s, HOUR, "BatchChainMaintenanceTooSoon", [s, at + DEFAULT_MAINTENANCE_NOTICE]];
        },
        (at) => {
          const s = at + MAX_MAINTENANCE_LEAD + 1n;
          return [s, HOUR, "BatchChainMaintenanceTooLate", [s, at + MAX_MAINTENANCE_LEAD]];
        },
        () => [
          start + DAY,
          DEFAULT_MAX_MAINTENANCE + 1n,
          "BatchChainMaintenanceTooLong",
          [DEFAULT_MAX_MAINTENANCE + 1n, DEFAULT_MAX_MAINTENANCE],
        ],
        () => [start + DAY, 0n, "BatchChainMaintenanceTooLong", [0n, DEFAULT_MAX_MAINTENANCE]],
        () => {
          const s = start + HOUR - 1n;
          return [s, HOUR, "BatchChainMaintenanceOverlaps", [s, s + HOUR, start, start + HOUR]];
        },
      ];
      for (const make of cases) {
        const at = (await now()) + 1n;
        const [s, d, error, args] = make(at);
        await time.setNextBlockTimestamp(at);
        await expect(f.chain.scheduleMaintenance(s, d))
          .to.be.revertedWithCustomError(f.batchChain, error)
          .withArgs(...args);
      }
      await expect(f.batchChain.connect(f.stranger).scheduleMaintenance(start + DAY, HOUR))
        .to.be.revertedWithCustomError(f.batchChain, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, await f.batchChain.GOVERNOR_ROLE());
      await expect(f.batchChain.connect(f.stranger).cancelMaintenance(start))
        .to.be.revertedWithCustomError(f.batchChain, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, await f.batchChain.GOVERNOR_ROLE());
      await expect(f.chain.cancelMaintenance(start + 1n))
        .to.be.revertedWithCustomError(f.batchChain, "BatchChainNoSuchMaintenance")
        .withArgs(start + 1n);
      expect(await snapshotOf(f.batchChain)).to.deep.equal(before);
    });

    it("refuses more than MAX_UPCOMING_MAINTENANCE windows not over", async function () {
      const f = await loadFixture(fixture);
      const first = (await now()) + DEFAULT_MAINTENANCE_NOTICE + 100n;
      const step = HOUR + MIN_MAINTENANCE_GAP;
      for (let i = 0n; i < MAX_UPCOMING_MAINTENANCE; i++) await f.chain.scheduleMaintenance(first + i * step, HOUR);
      await expect(f.chain.scheduleMaintenance(first + 100n * DAY, HOUR))
        .to.be.revertedWithCustomError(f.batchChain, "BatchChainTooManyMaintenanceWindows")
        .withArgs(MAX_UPCOMING_MAINTENANCE);
    });

    it("keeps MIN_MAINTENANCE_GAP from the windows before and after it; exactly the gap is accepted", async function () {
      const f = await loadFixture(fixture);
      const w = (await now()) + DEFAULT_MAINTENANCE_NOTICE + 30n * DAY;
      await f.chain.scheduleMaintenance(w, HOUR);
      const before = await snapshotOf(f.batchChain);
      const after = w + HOUR + MIN_MAINTENANCE_GAP; // the earliest start after it
      const ahead = w - MIN_MAINTENANCE_GAP - HOUR; // the latest start before it, for an hour's window
      for (const s of [after - 1n, ahead + 1n]) {
        await expect(f.chain.scheduleMaintenance(s, HOUR))
          .to.be.revertedWithCustomError(f.batchChain, "BatchChainMaintenanceTooClose")
          .withArgs(s, s + HOUR, w, w + HOUR);
      }
      expect(await snapshotOf(f.batchChain)).to.deep.equal(before);
      await expect(f.chain.scheduleMaintenance(after, HOUR))
        .to.emit(f.batchChain, "MaintenanceScheduled")
        .withArgs(after, after + HOUR);
      await expect(f.chain.scheduleMaintenance(ahead, HOUR))
        .to.emit(f.batchChain, "MaintenanceScheduled")
        .withArgs(ahead, w - MIN_MAINTENANCE_GAP);
      expect(await f.batchChain.maintenanceWindows()).to.deep.equal([
        [ahead, w, after],
        [ahead + HOUR, w + HOUR, after + HOUR],
      ]);
    });

    it("keeps MIN_MAINTENANCE_GAP from a guardian pause before it, so windows and pauses cannot be chained", async function () {
      const f = await loadFixture(fixture);
      const [start, until] = await pauseFor(f, DEFAULT_MAX_PAUSE);
      await time.setNextBlockTimestamp(start + 10n);
      const s = until + MIN_MAINTENANCE_GAP - 1n;
      const before = await snapshotOf(f.batchChain);
      await expect(f.chain.scheduleMaintenance(s, HOUR))
        .to.be.revertedWithCustomError(f.batchChain, "BatchChainMaintenanceTooClose")
        .withArgs(s, s + HOUR, start, until);
      expect(await snapshotOf(f.batchChain)).to.deep.equal(before);
      await expect(f.chain.scheduleMaintenance(s + 1n, HOUR)).to.emit(f.batchChain, "MaintenanceScheduled");
    });

    it("cannot be scheduled over a running pause", async function () {
      const f = await loadFixture(fixture);
      await f.chain.setMaintenanceNotice(MIN_MAINTENANCE_NOTICE);
      await f.chain.setMaxPause(MAX_MAX_PAUSE);
      const [start, until] = await pauseFor(f, MAX_MAX_PAUSE);
      const s = start + MIN_MAINTENANCE_NOTICE + 10n;
      await time.setNextBlockTimestamp(start + 5n);
      await expect(f.chain.scheduleMaintenance(s, HOUR))
        .to.be.revertedWithCustomError(f.batchChain, "BatchChainMaintenanceOverlaps")
        .withArgs(s, s + HOUR, start, until);
    });
  });

  describe("while paused", function () {
    it("refuses submissions during a guardian pause and a maintenance window, and accepts them after", async function () {
      const f = await loadFixture(fixture);
      await submitNext(f);
      const [, until] = await pauseFor(f, HOUR);
      const count = await f.batchChain.batchCount();
      await expect(submit(f)).to.be.revertedWithCustomError(f.batchChain, "BatchChainPaused").withArgs(until);
      await time.increaseTo(until);
      await submitNext(f);
      const start = until + MIN_MAINTENANCE_GAP; // the earliest after the pause
      await f.chain.scheduleMaintenance(start, HOUR);
      await submitNext(f); // an upcoming window does not stop submissions
      await time.increaseTo(start);
      await expect(submit(f))
        .to.be.revertedWithCustomError(f.batchChain, "BatchChainPaused")
        .withArgs(start + HOUR);
      await time.increaseTo(start + HOUR);
      await submitNext(f);
      expect(await f.batchChain.batchCount()).to.equal(count + 3n);
    });

    it("moves finality by the paused time: a batch due during the pause finalizes the pause's length later", async function () {
      const f = await loadFixture(fixture);
      await submitNext(f);
      const submittedAt = await now();
      const deadline = submittedAt + DEFAULT_FRAUD_WINDOW;
      await time.increaseTo(deadline - DAY);
      const [, until] = await pauseFor(f, 2n * DAY);
      expect(await f.batchChain.finalizesAt(1)).to.equal(deadline + 2n * DAY);
      await time.increaseTo(deadline + 1n);
      expect(await f.batchChain.batchStatus(1)).to.equal(Status.Pending);
      // The challenger's window left is what it was when the pause began.
      const left = deadline - (until - 2n * DAY);
      const moved = await f.batchChain.finalizesAt(1);
      expect(moved).to.equal(until + left);
      await time.setNextBlockTimestamp(moved - 1n);
      await expect(f.disputer.markDisputed(1)).to.emit(f.batchChain, "BatchDisputed").withArgs(1);
    });

    it("finalizes a batch due as a pause begins at the pause's first second, while its payouts wait for the end", async function () {
      const f = await loadFixture(fixture);
      await submitNext(f);
      const deadline = (await now()) + DEFAULT_FRAUD_WINDOW;
      await time.setNextBlockTimestamp(deadline);
      await f.batchChain.connect(f.guardian).pause(DAY);
      // The active clock reached the deadline just as it stopped: wallTimeAt gives the pause's start.
      expect(await f.batchChain.wallTimeAt(deadline)).to.equal(deadline);
      expect(await f.batchChain.finalizesAt(1)).to.equal(deadline);
      expect(await f.batchChain.batchStatus(1)).to.equal(Status.Finalized);
      expect(await f.batchChain.payoutStatus(1)).to.deep.equal([
        await f.batchChain.headerHash(1),
        BigInt(Status.Finalized),
        deadline + DAY,
      ]);
    });

    it("keeps a batch Pending until its moved deadline, then Finalized", async function () {
      const f = await loadFixture(fixture);
      await submitNext(f);
      const submittedAt = await now();
      const [start] = await pauseFor(f, DAY);
      const deadline = submittedAt + DEFAULT_FRAUD_WINDOW + DAY;
      expect(start > submittedAt).to.equal(true);
      await time.increaseTo(deadline - 1n);
      expect(await f.batchChain.batchStatus(1)).to.equal(Status.Pending);
      await time.increaseTo(deadline);
      expect(await f.batchChain.batchStatus(1)).to.equal(Status.Finalized);
    });

    it("holds an answered DA request's review back by the pause too (reviewUntil is active time)", async function () {
      const f = await loadFixture(fixture);
      await submitNext(f);
      await f.daCaller.markInsecure(1);
      const review = (await f.batchChain.activeTime()) + DEFAULT_FRAUD_WINDOW + DAY;
      await f.daCaller.clearInsecure(1, review);
      await pauseFor(f, DAY);
      expect(await f.batchChain.finalizesAt(1)).to.equal(review + DAY);
    });

    it("moves the forced-inclusion deadline by the paused time", async function () {
      const f = await loadFixture(fixture);
      const receipt = await (await f.bridge.depositETH(f.stranger.address, { value: parseEther("1") })).wait();
      const event = f.bridge.interface.parseLog(receipt!.logs[0]!)!;
      const deposit: DepositInput = {
        index: event.args.index,
        from: event.args.from,
        to: event.args.to,
        l1Token: event.args.l1Token,
        amount: event.args.amount,
        l1Timestamp: event.args.l1Timestamp,
      };
      const delay = await f.batchChain.forceInclusionDelay();
      await pauseFor(f, 2n * HOUR);
      const due = BigInt(deposit.l1Timestamp) + delay + 2n * HOUR;
      await time.increaseTo(due - 10n);
      await expect(submit(f)).to.emit(f.batchChain, "BatchSubmitted"); // overdue by wall time, not by active time
      await time.increaseTo(due + 1n);
      await expect(submit(f))
        .to.be.revertedWithCustomError(f.batchChain, "BatchChainOverdueDepositExcluded")
        .withArgs(0, deposit.l1Timestamp, due);
      await submitNext(f, await nextHeader(f, { depositCount: 1n, depositChainHash: depositChainHash([deposit]) }));
    });

    it("counts no missed turn during a pause or a maintenance window (a pause cannot jail a sequencer)", async function () {
      const f = await loadFixture(hourlyRotation);
      const timeout = await f.registry.rotationTimeout();
      expect(timeout).to.equal(HOUR);
      await submitNext(f);
      expect((await f.registry.members()).map((m) => m.missedTurns)).to.deep.equal([0n, 0n, 0n, 0n]);
      // Pauses of 2 rotation timeouts: fewer than the 4 members, so wall time would charge 2 missed turns.
      const count = await f.batchChain.batchCount();
      const [, , , lastAcceptedAt] = await f.batchChain.tip();
      const [before] = await f.registry.scheduledProposer(count, lastAcceptedAt);
      // The maintenance window is scheduled first: a window keeps MIN_MAINTENANCE_GAP from a pause before it.
      const start = (await now()) + DEFAULT_MAINTENANCE_NOTICE + 10n;
      await f.chain.scheduleMaintenance(start, 2n * timeout);
      const [, until] = await pauseFor(f, 2n * timeout);
      await time.increaseTo(until + 1n);
      const [after, skipped] = await f.registry.scheduledProposer(count, lastAcceptedAt);
      expect([after, skipped]).to.deep.equal([before, 0n]);
      await expect(submit(f)).not.to.emit(f.registry, "TurnMissed");
      // The maintenance window likewise.
      await time.increaseTo(start - 10n);
      await submitNext(f); // the whole rotation passed since the last batch: nobody is charged
      await time.increaseTo(start + 2n * timeout + 5n);
      await expect(submit(f)).not.to.emit(f.registry, "TurnMissed");
      expect((await f.registry.members()).map((m) => m.missedTurns)).to.deep.equal([0n, 0n, 0n, 0n]);
    });

    it("runs the sequencer exit delay in active time", async function () {
      const f = await loadFixture(fixture);
      // Staked after the epoch began: not in the set, so it leaves at once.
      const late = await addSequencer(f, f.deployer);
      await f.registry.connect(late.account).requestExit();
      const leftAt = await now();
      const delay = await f.registry.effectiveExitDelay();
      await expect(f.registry.connect(late.account).withdraw())
        .to.be.revertedWithCustomError(f.registry, "SequencerRegistryWithdrawTooEarly")
        .withArgs(leftAt + delay);
      await pauseFor(f, DAY);
      await expect(f.registry.connect(late.account).withdraw())
        .to.be.revertedWithCustomError(f.registry, "SequencerRegistryWithdrawTooEarly")
        .withArgs(leftAt + delay + DAY);
      await time.setNextBlockTimestamp(leftAt + delay + DAY - 1n);
      await expect(f.registry.connect(late.account).withdraw()).to.be.revertedWithCustomError(
        f.registry,
        "SequencerRegistryWithdrawTooEarly",
      );
      await time.setNextBlockTimestamp(leftAt + delay + DAY);
      await expect(f.registry.connect(late.account).withdraw()).to.emit(f.registry, "Withdrawn");
    });
  });

  describe("L1Bridge payouts", function () {
    async function withdrawalFixture() {
      const f = await fixture();
      await f.bridge.depositETH(await f.deployer.getAddress(), { value: parseEther("10") });
      const fresh = seededAddress("pause l1To");
      const committed = await commitWithdrawals(f, [
        {
          index: 0n,
          l2Sender: seededAddress("pause sender"),
          l1To: fresh,
          l1Token: ZeroAddress as Address,
          amount: parseEther("1"),
        },
      ]);
      await time.increase(DEFAULT_FRAUD_WINDOW);
      return { ...f, committed };
    }

    it("are refused while paused and allowed after", async function () {
      const f = await loadFixture(withdrawalFixture);
      const args = finalizeWithdrawalArguments(f.committed.proofOf(0));
      const [, until] = await pauseFor(f, HOUR);
      await expect(f.bridge.finalizeWithdrawal(...args))
        .to.be.revertedWithCustomError(f.bridge, "L1BridgePaused")
        .withArgs(until);
      expect(await f.batchChain.payoutStatus(args[1])).to.deep.equal([
        await f.batchChain.headerHash(args[1]),
        BigInt(Status.Finalized),
        until,
      ]);
      await time.increaseTo(until);
      await expect(f.bridge.finalizeWithdrawal(...args)).to.emit(f.bridge, "WithdrawalFinalized");
    });
  });
});
