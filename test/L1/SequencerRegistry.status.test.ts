import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import { SEQUENCER_STATUSES, type SequencerStatusName } from "../../sdk/src/proof";
import {
  addSequencer,
  beginEpoch,
  deployWithSequencers,
  deployWithSlasher,
  fundedWallet,
  nextHeader,
  scheduledSequencer,
  submitNext,
  type L1Fixture,
} from "../helpers/l1";
import { wiredHooks, wiredSlasher } from "../helpers/governance";

const DAY = 24 * 60 * 60;
const FRAUD = ethers.encodeBytes32String("fraud");

async function statusOf(l1: L1Fixture, sequencer: string): Promise<SequencerStatusName> {
  return SEQUENCER_STATUSES[Number(await l1.registry.sequencerStatus(sequencer))]!;
}

describe("SequencerRegistry: sequencer lifecycle (sequencerStatus)", function () {
  async function fourSequencers() {
    // A 5-minute rotation timeout rather than 1: the rotation tests read the schedule from batch 0's time, and the
    // deployment, handover, staking and epoch start take about a minute of block time (a block a second).
    return deployWithSequencers(4, { rotationTimeout: 5 * 60 });
  }

  async function withSlasher() {
    return deployWithSlasher(4);
  }

  it("walks None, Waiting, Active, Exiting, Left, Withdrawable and back to None", async function () {
    const l1 = await loadFixture(fourSequencers);
    const joining = await fundedWallet();
    expect(await statusOf(l1, joining.address)).to.equal("None");

    const sequencer = await addSequencer(l1, l1.deployer);
    expect(await statusOf(l1, sequencer.account.address)).to.equal("Waiting");
    await time.increase(DAY);
    await beginEpoch(l1.registry);
    expect(await statusOf(l1, sequencer.account.address)).to.equal("Active");
    // The signer key is not the sequencer: its status is None.
    expect(await statusOf(l1, sequencer.signer.address)).to.equal("None");

    await l1.registry.connect(sequencer.account).requestExit();
    expect(await statusOf(l1, sequencer.account.address)).to.equal("Exiting");
    // A batch it could have signed, so that leaving waits for that batch too.
    await submitNext({ ...l1, sequencers: [...l1.sequencers, sequencer] });
    await time.increase(DAY);
    await beginEpoch(l1.registry);
    expect(await statusOf(l1, sequencer.account.address)).to.equal("Left");

    const { leftAt } = await l1.registry.sequencerInfo(sequencer.account.address);
    await time.increaseTo(leftAt + (await l1.registry.effectiveExitDelay()));
    // Batch 1 was submitted a day before the exit took effect, so it is final by now.
    expect(await statusOf(l1, sequencer.account.address)).to.equal("Withdrawable");
    await l1.registry.connect(sequencer.account).withdraw();
    expect(await statusOf(l1, sequencer.account.address)).to.equal("None");
  });

  it("holds a leaver whose last signable batch is not final yet at Left, and withdraw agrees", async function () {
    const l1 = await loadFixture(fourSequencers);
    // A dispute mark holds the batch: with windows of at most 7 days and the exit delay never below the window plus
    // the 7-day DA cap, time alone always finalizes a leaver's last batch before its exit delay ends.
    const { disputer: caller } = await wiredHooks(l1);
    const leaving = l1.sequencers[0]!;
    await l1.registry.connect(leaving.account).requestExit();
    await time.increase(DAY);
    await submitNext(l1);
    await beginEpoch(l1.registry);
    await caller.markDisputed(1);
    const { leftAt, lastBatch } = await l1.registry.sequencerInfo(leaving.account.address);
    expect(lastBatch).to.equal(1n);
    await time.increaseTo(leftAt + (await l1.registry.effectiveExitDelay()));
    expect(await l1.batchChain.batchStatus(1)).to.equal(2n); // Disputed
    expect(await statusOf(l1, leaving.account.address)).to.equal("Left");
    await expect(l1.registry.connect(leaving.account).withdraw())
      .to.be.revertedWithCustomError(l1.registry, "SequencerRegistrySignedBatchNotFinal")
      .withArgs(1, 2);
    await caller.clearDisputed(1);
    expect(await l1.batchChain.batchStatus(1)).to.equal(4n); // Finalized
    expect(await statusOf(l1, leaving.account.address)).to.equal("Withdrawable");
  });

  it("says Left at once for a waiting sequencer that asks to leave before joining any set", async function () {
    const l1 = await loadFixture(fourSequencers);
    const sequencer = await addSequencer(l1, l1.deployer);
    await l1.registry.connect(sequencer.account).requestExit();
    expect(await statusOf(l1, sequencer.account.address)).to.equal("Left");
  });

  it("says Exiting for a sequencer in the set being formed that asks to leave", async function () {
    const l1 = await loadFixture(fourSequencers);
    const sequencer = await addSequencer(l1, l1.deployer);
    await time.increase(DAY);
    await l1.registry.startEpoch();
    await l1.registry.connect(sequencer.account).requestExit();
    expect(await statusOf(l1, sequencer.account.address)).to.equal("Exiting");
  });

  it("says Slashed after a slash, then Withdrawable once the delay has passed", async function () {
    const l1 = await loadFixture(withSlasher);
    const slashed = l1.sequencers[1]!;
    const slash = l1.registry.connect(l1.slasher).getFunction("slash(address,uint256,bytes32)");
    await slash(slashed.account.address, 5_000, FRAUD);
    expect(await statusOf(l1, slashed.account.address)).to.equal("Slashed");
    const { leftAt } = await l1.registry.sequencerInfo(slashed.account.address);
    await time.increaseTo(leftAt + (await l1.registry.effectiveExitDelay()));
    expect(await statusOf(l1, slashed.account.address)).to.equal("Withdrawable");
  });

  it("keeps a member jailed from proposing for missed turns Active: it still signs", async function () {
    const l1 = await loadFixture(fourSequencers);
    const maxMissed = Number(await l1.registry.maxMissedTurns());
    const timeout = Number(await l1.registry.rotationTimeout());
    const scheduled = await scheduledSequencer(l1);
    // The scheduled member lets its turn pass `maxMissed` times; each time the next one proposes.
    for (let i = 0; i < maxMissed; i++) {
      const member = (await l1.registry.members()).find((m) => m.signer === scheduled.signer.address)!;
      if (member.missedTurns >= BigInt(maxMissed)) break;
      const [, , , lastAcceptedAt] = await l1.batchChain.tip();
      const count = await l1.batchChain.batchCount();
      const [first] = await l1.registry.scheduledProposer(count, lastAcceptedAt);
      if (first !== scheduled.signer.address) {
        await submitNext(l1);
        continue;
      }
      await time.increaseTo(lastAcceptedAt + BigInt(timeout));
      await submitNext(l1, await nextHeader(l1));
    }
    const member = (await l1.registry.members()).find((m) => m.signer === scheduled.signer.address)!;
    expect(member.missedTurns).to.be.greaterThan(0n);
    expect(await statusOf(l1, scheduled.account.address)).to.equal("Active");
  });
});

describe("SequencerRegistry: no active members", function () {
  async function emptyRegistry() {
    return deployWithSequencers(0);
  }

  it("has no proposer to schedule before the first epoch", async function () {
    const l1 = await loadFixture(emptyRegistry);
    await expect(l1.registry.scheduledProposer(1, 0)).to.be.revertedWithCustomError(
      l1.registry,
      "SequencerRegistryNoActiveMembers",
    );
  });

  it("refuses every batch before the first epoch, so nothing is accepted without a quorum", async function () {
    const l1 = await loadFixture(emptyRegistry);
    const sequencer = await addSequencer(l1, l1.deployer);
    const header = await nextHeader(l1);
    await expect(l1.batchChain.connect(sequencer.signer).submitBatch(header, "0x")).to.be.revertedWithCustomError(
      l1.registry,
      "SequencerRegistryNoActiveMembers",
    );
    expect(await l1.batchChain.batchCount()).to.equal(1n);
  });

  it("refuses batches once slashing has emptied the set, until a new epoch starts", async function () {
    const l1 = await deployWithSequencers(1);
    const slasher = await wiredSlasher(l1);
    const slash = l1.registry.connect(slasher).getFunction("slash(address,uint256,bytes32)");
    await slash(l1.sequencers[0]!.account.address, 10_000, FRAUD);
    const header = await nextHeader(l1);
    await expect(
      l1.batchChain.connect(l1.sequencers[0]!.signer).submitBatch(header, "0x"),
    ).to.be.revertedWithCustomError(l1.registry, "SequencerRegistryNoActiveMembers");
  });
});
