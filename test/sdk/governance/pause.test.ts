import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";

import { InvalidMaintenanceWindowError } from "../../../sdk/src/errors/pause";
import { checkMaintenanceWindow, pauseStatus, upcomingMaintenance } from "../../../sdk/src/governance/pause";
import {
  DEFAULT_MAINTENANCE_NOTICE,
  DEFAULT_MAX_MAINTENANCE,
  DEFAULT_PAUSE_COOLDOWN,
  MIN_MAINTENANCE_GAP,
} from "../../../sdk/src/proof";
import { governanceSigner } from "../../helpers/governance";
import { deployWithSequencers, fundedWallet } from "../../helpers/l1";

const HOUR = 3600n;

describe("sdk/governance/pause", function () {
  async function fixture() {
    const l1 = await deployWithSequencers(1);
    const gov = await governanceSigner(l1);
    const guardian = await fundedWallet();
    await l1.batchChain.connect(gov).setGuardian(guardian.address);
    return { ...l1, gov, guardian };
  }

  it("reads the pause status, typed, before, during and after a pause", async function () {
    const f = await loadFixture(fixture);
    expect(await pauseStatus(f.batchChain)).to.deep.equal({
      paused: false,
      until: 0n,
      maintenance: false,
      readyAt: 0n,
    });
    await f.batchChain.connect(f.guardian).pause(HOUR);
    const start = BigInt(await time.latest());
    expect(await pauseStatus(f.batchChain)).to.deep.equal({
      paused: true,
      until: start + HOUR,
      maintenance: false,
      readyAt: start + HOUR + DEFAULT_PAUSE_COOLDOWN,
    });
    await time.increaseTo(start + HOUR);
    expect((await pauseStatus(f.batchChain)).paused).to.equal(false);
  });

  it("lists upcoming maintenance windows as bigint seconds, and flags a running one", async function () {
    const f = await loadFixture(fixture);
    expect(await upcomingMaintenance(f.batchChain)).to.deep.equal([]);
    const start = BigInt(await time.latest()) + DEFAULT_MAINTENANCE_NOTICE + 100n;
    const later = start + 2n * HOUR + MIN_MAINTENANCE_GAP;
    await f.batchChain.connect(f.gov).scheduleMaintenance(later, HOUR);
    await f.batchChain.connect(f.gov).scheduleMaintenance(start, 2n * HOUR);
    expect(await upcomingMaintenance(f.batchChain)).to.deep.equal([
      { start, end: start + 2n * HOUR },
      { start: later, end: later + HOUR },
    ]);
    await time.increaseTo(start + 1n);
    expect(await pauseStatus(f.batchChain)).to.include({ paused: true, until: start + 2n * HOUR, maintenance: true });
  });

  describe("checkMaintenanceWindow", function () {
    // A known window 30 days after the earliest start; a pause that ended just before the rules' `now`.
    const known = 1_000_000n + DEFAULT_MAINTENANCE_NOTICE + 30n * 24n * HOUR;
    const rules = {
      now: 1_000_000n,
      notice: DEFAULT_MAINTENANCE_NOTICE,
      maxDuration: DEFAULT_MAX_MAINTENANCE,
      known: [
        { start: 1_000_000n - 2n * HOUR, end: 1_000_000n - HOUR },
        { start: known, end: known + HOUR },
      ],
    };
    const ok = rules.now + MIN_MAINTENANCE_GAP;

    it("accepts a window the contract would accept", function () {
      expect(checkMaintenanceWindow(ok, HOUR, rules)).to.deep.equal({ start: ok, end: ok + HOUR });
      // Exactly the gap from the known window, after it and before it, as on chain.
      const after = known + HOUR + MIN_MAINTENANCE_GAP;
      expect(checkMaintenanceWindow(after, HOUR, rules)).to.deep.equal({ start: after, end: after + HOUR });
      const before = known - MIN_MAINTENANCE_GAP - HOUR;
      expect(checkMaintenanceWindow(before, HOUR, rules).end).to.equal(known - MIN_MAINTENANCE_GAP);
    });

    for (const [label, start, duration, reason] of [
      ["too soon", rules.now + rules.notice - 1n, HOUR, "MaintenanceTooSoon"],
      ["too late", rules.now + 366n * 24n * HOUR, HOUR, "MaintenanceTooLate"],
      ["too long", ok, DEFAULT_MAX_MAINTENANCE + 1n, "MaintenanceTooLong"],
      ["empty", ok, 0n, "MaintenanceTooLong"],
      ["overlapping", known + 1n, HOUR, "MaintenanceOverlaps"],
      ["too close after a known window", known + HOUR + MIN_MAINTENANCE_GAP - 1n, HOUR, "MaintenanceTooClose"],
      ["too close before a known window", known - MIN_MAINTENANCE_GAP - HOUR + 1n, HOUR, "MaintenanceTooClose"],
      ["too close after a past pause", rules.now + rules.notice, HOUR, "MaintenanceTooClose"],
    ] as const) {
      it(`throws InvalidMaintenanceWindowError for a window ${label}`, function () {
        let caught: unknown;
        try {
          checkMaintenanceWindow(start, duration, rules);
        } catch (error) {
          caught = error;
        }
        expect(caught).to.be.instanceOf(InvalidMaintenanceWindowError);
        expect((caught as InvalidMaintenanceWindowError).reason).to.equal(reason);
        expect((caught as InvalidMaintenanceWindowError).name).to.equal("InvalidMaintenanceWindowError");
      });
    }
  });
});
