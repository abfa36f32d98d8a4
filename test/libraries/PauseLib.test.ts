import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";

import { BatchChain__factory } from "../../sdk/src/contracts/typechain";

const T0 = 1_000_000n;

/** A plain model of the clock: intervals [start, end) sorted and disjoint. */
const paused = (intervals: [bigint, bigint][], t: bigint) =>
  intervals.reduce((sum, [s, e]) => sum + (t <= s ? 0n : (t < e ? t : e) - s), 0n);

describe("PauseLib", function () {
  async function deploy() {
    const lib = await ethers.deployContract("PauseLib");
    const harness = await ethers.deployContract("PauseLibHarness", {
      libraries: { "contracts/libraries/PauseLib.sol:PauseLib": await lib.getAddress() },
    });
    // The library reverts with IBatchChain's errors: decode them with BatchChain's ABI.
    const errors = BatchChain__factory.connect(await harness.getAddress(), ethers.provider);
    return { harness, errors };
  }

  /** Pause [T0+100, T0+200), maintenance [T0+500, T0+600) and [T0+600, T0+650) (touching), seen from T0+100. */
  async function withIntervals() {
    const f = await deploy();
    await f.harness.schedule(T0, T0 + 500n, T0 + 600n, 8);
    await f.harness.schedule(T0, T0 + 600n, T0 + 650n, 8);
    await f.harness.pause(T0 + 100n, 100);
    return f;
  }

  describe("without intervals", function () {
    it("is the wall clock", async function () {
      const { harness } = await loadFixture(deploy);
      for (const t of [0n, 1n, T0]) {
        expect(await harness.activeTimeAt(t)).to.equal(t);
        expect(await harness.wallTimeAt(t)).to.equal(t);
        expect(await harness.pausedAt(t)).to.equal(false);
      }
      expect(await harness.latestEnd()).to.equal(0n);
      expect(await harness.pausedUntil(T0)).to.equal(0n);
    });
  });

  describe("activeTimeAt and wallTimeAt", function () {
    it("stop the clock inside intervals and map deadlines past them", async function () {
      const { harness } = await loadFixture(withIntervals);
      expect(await harness.activeTimeAt(T0 + 100n)).to.equal(T0 + 100n);
      expect(await harness.activeTimeAt(T0 + 150n)).to.equal(T0 + 100n);
      expect(await harness.activeTimeAt(T0 + 200n)).to.equal(T0 + 100n);
      expect(await harness.activeTimeAt(T0 + 300n)).to.equal(T0 + 200n);
      expect(await harness.activeTimeAt(T0 + 620n)).to.equal(T0 + 400n);
      expect(await harness.activeTimeAt(T0 + 700n)).to.equal(T0 + 450n);
      // The earliest wall time of an active time: never strictly inside an interval, but it may be the start of one
      // (or of a run of touching ones), where the clock reaches it just as it stops.
      expect(await harness.wallTimeAt(T0 + 100n)).to.equal(T0 + 100n);
      expect(await harness.pausedAt(T0 + 100n)).to.equal(true);
      expect(await harness.wallTimeAt(T0 + 101n)).to.equal(T0 + 201n);
      expect(await harness.wallTimeAt(T0 + 400n)).to.equal(T0 + 500n);
      expect(await harness.wallTimeAt(T0 + 401n)).to.equal(T0 + 651n);
    });

    it("agree with a plain model for random intervals (property)", async function () {
      const { harness } = await loadFixture(deploy);
      // Maintenance windows scheduled at random from T0 (8 at most), then reads at random times.
      const lengths = await fc.sample(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 300 })), 8);
      const intervals: [bigint, bigint][] = [];
      let cursor = T0 + 10n;
      for (const [gap, length] of lengths) {
        const start = cursor + BigInt(gap);
        intervals.push([start, start + BigInt(length)]);
        cursor = start + BigInt(length);
      }
      // Scheduled in a shuffled order: insertion in the middle must keep the prefix sums right.
      for (const i of [3, 0, 7, 5, 1, 6, 2, 4]) await harness.schedule(T0, intervals[i]![0], intervals[i]![1], 8);
      const points = await fc.sample(fc.bigInt({ min: T0, max: cursor + 100n }), 40);
      for (const t of points) {
        const active = t - paused(intervals, t);
        expect(await harness.activeTimeAt(t)).to.equal(active);
        const wall = await harness.wallTimeAt(active);
        expect(wall - paused(intervals, wall)).to.equal(active);
        expect(wall <= t).to.equal(true);
        expect(await harness.pausedAt(t)).to.equal(intervals.some(([s, e]) => s <= t && t < e));
      }
    });
  });

  describe("pause", function () {
    it("is clipped at the next window's start and refused while paused", async function () {
      const f = await loadFixture(deploy);
      await f.harness.schedule(T0, T0 + 500n, T0 + 600n, 8);
      expect(await f.harness.pause.staticCall(T0 + 450n, 1000)).to.equal(T0 + 500n);
      await f.harness.pause(T0 + 450n, 1000);
      // The run of touching intervals ends with the window.
      expect(await f.harness.pausedUntil(T0 + 460n)).to.equal(T0 + 600n);
      expect(await f.harness.status(T0 + 460n)).to.deep.equal([true, T0 + 600n, false]);
      expect(await f.harness.status(T0 + 560n)).to.deep.equal([true, T0 + 600n, true]);
      await expect(f.harness.pause(T0 + 460n, 10))
        .to.be.revertedWithCustomError(f.errors, "BatchChainAlreadyPaused")
        .withArgs(T0 + 600n);
      await expect(f.harness.pause(T0 + 550n, 10))
        .to.be.revertedWithCustomError(f.errors, "BatchChainAlreadyPaused")
        .withArgs(T0 + 600n);
    });
  });

  describe("unpause", function () {
    it("cuts the current interval at now and moves the later ones' sums back", async function () {
      const { harness } = await loadFixture(withIntervals);
      expect(await harness.unpause.staticCall(T0 + 150n)).to.equal(false);
      await harness.unpause(T0 + 150n);
      expect(await harness.activeTimeAt(T0 + 300n)).to.equal(T0 + 250n);
      expect(await harness.activeTimeAt(T0 + 700n)).to.equal(T0 + 500n);
      expect(await harness.wallTimeAt(T0 + 451n)).to.equal(T0 + 651n);
      expect(await harness.pausedAt(T0 + 150n)).to.equal(false);
      // A running window is cut the same way, and reported as maintenance.
      expect(await harness.unpause.staticCall(T0 + 520n)).to.equal(true);
    });

    it("refuses when nothing is paused", async function () {
      const f = await loadFixture(withIntervals);
      await expect(f.harness.unpause(T0 + 300n)).to.be.revertedWithCustomError(f.errors, "BatchChainNotPaused");
      expect(await f.harness.activeTimeAt(T0 + 700n)).to.equal(T0 + 450n);
    });
  });

  describe("schedule and cancel", function () {
    it("refuses an overlap, naming the interval it overlaps, and allows touching", async function () {
      const f = await loadFixture(withIntervals);
      await expect(f.harness.schedule(T0 + 100n, T0 + 640n, T0 + 700n, 8))
        .to.be.revertedWithCustomError(f.errors, "BatchChainMaintenanceOverlaps")
        .withArgs(T0 + 640n, T0 + 700n, T0 + 600n, T0 + 650n);
      await expect(f.harness.schedule(T0 + 100n, T0 + 150n, T0 + 160n, 8))
        .to.be.revertedWithCustomError(f.errors, "BatchChainMaintenanceOverlaps")
        .withArgs(T0 + 150n, T0 + 160n, T0 + 100n, T0 + 200n);
      await expect(f.harness.schedule(T0 + 100n, T0 + 400n, T0 + 501n, 8))
        .to.be.revertedWithCustomError(f.errors, "BatchChainMaintenanceOverlaps")
        .withArgs(T0 + 400n, T0 + 501n, T0 + 500n, T0 + 600n);
      expect((await f.harness.intervals()).length).to.equal(3);
      await f.harness.schedule(T0 + 100n, T0 + 400n, T0 + 500n, 8);
      expect(await f.harness.activeTimeAt(T0 + 700n)).to.equal(T0 + 350n);
    });

    it("refuses a window less than the gap from the nearest interval on either side, and takes exactly the gap", async function () {
      // Pause [T0+100, T0+200), windows [T0+500, T0+600) and [T0+600, T0+650); a gap of 50 seconds.
      const f = await loadFixture(withIntervals);
      const cases: [bigint, bigint, bigint, bigint][] = [
        [T0 + 249n, T0 + 260n, T0 + 100n, T0 + 200n], // 49 s after the pause
        [T0 + 250n, T0 + 451n, T0 + 500n, T0 + 600n], // ends 49 s before the window
        [T0 + 699n, T0 + 710n, T0 + 600n, T0 + 650n], // 49 s after the touching pair
      ];
      for (const [start, end, otherStart, otherEnd] of cases) {
        await expect(f.harness.scheduleWithGap(T0 + 100n, start, end, 8, 50))
          .to.be.revertedWithCustomError(f.errors, "BatchChainMaintenanceTooClose")
          .withArgs(start, end, otherStart, otherEnd);
      }
      expect((await f.harness.intervals()).length).to.equal(3);
      // An overlap is still reported as one.
      await expect(f.harness.scheduleWithGap(T0 + 100n, T0 + 640n, T0 + 700n, 8, 50))
        .to.be.revertedWithCustomError(f.errors, "BatchChainMaintenanceOverlaps")
        .withArgs(T0 + 640n, T0 + 700n, T0 + 600n, T0 + 650n);
      await f.harness.scheduleWithGap(T0 + 100n, T0 + 250n, T0 + 450n, 8, 50);
      await f.harness.scheduleWithGap(T0 + 100n, T0 + 700n, T0 + 710n, 8, 50);
      expect((await f.harness.intervals()).length).to.equal(5);
    });

    it("refuses more than the cap of windows not over", async function () {
      const f = await loadFixture(withIntervals);
      await expect(f.harness.schedule(T0 + 100n, T0 + 700n, T0 + 710n, 2))
        .to.be.revertedWithCustomError(f.errors, "BatchChainTooManyMaintenanceWindows")
        .withArgs(2);
      // Once the first window is over, it no longer counts.
      await f.harness.schedule(T0 + 600n, T0 + 700n, T0 + 710n, 2);
    });

    it("cancels an upcoming window and only that", async function () {
      const f = await loadFixture(withIntervals);
      expect(await f.harness.windows(T0 + 100n)).to.deep.equal([
        [T0 + 500n, T0 + 600n],
        [T0 + 600n, T0 + 650n],
      ]);
      await expect(f.harness.cancel(T0 + 500n, T0 + 500n))
        .to.be.revertedWithCustomError(f.errors, "BatchChainNoSuchMaintenance")
        .withArgs(T0 + 500n);
      await expect(f.harness.cancel(T0 + 100n, T0 + 100n))
        .to.be.revertedWithCustomError(f.errors, "BatchChainNoSuchMaintenance")
        .withArgs(T0 + 100n);
      await expect(f.harness.cancel(T0 + 100n, T0 + 501n))
        .to.be.revertedWithCustomError(f.errors, "BatchChainNoSuchMaintenance")
        .withArgs(T0 + 501n);
      expect(await f.harness.cancel.staticCall(T0 + 150n, T0 + 500n)).to.equal(T0 + 600n);
      await f.harness.cancel(T0 + 150n, T0 + 500n);
      expect(await f.harness.windows(T0 + 100n)).to.deep.equal([[T0 + 600n], [T0 + 650n]]);
      expect(await f.harness.activeTimeAt(T0 + 700n)).to.equal(T0 + 550n);
      expect(await f.harness.latestEnd()).to.equal(T0 + 650n);
    });

    it("goes back to the wall clock when the only interval is cancelled", async function () {
      const f = await loadFixture(deploy);
      await f.harness.schedule(T0, T0 + 500n, T0 + 600n, 8);
      await f.harness.cancel(T0, T0 + 500n);
      expect(await f.harness.latestEnd()).to.equal(0n);
      expect(await f.harness.activeTimeAt(T0 + 700n)).to.equal(T0 + 700n);
    });
  });

  describe("submission", function () {
    it("reports the pause, the time paused since the last acceptance and whether an interval ends later", async function () {
      const { harness } = await loadFixture(withIntervals);
      expect(await harness.submission(T0 + 150n, T0 + 50n)).to.deep.equal([T0 + 200n, 50n, true]);
      expect(await harness.submission(T0 + 300n, T0 + 50n)).to.deep.equal([0n, 100n, true]);
      expect(await harness.submission(T0 + 700n, T0 + 300n)).to.deep.equal([0n, 150n, false]);
    });
  });
});
