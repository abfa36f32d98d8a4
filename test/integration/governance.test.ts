/**
 * Governance end to end, with the real MetisGovernor and MetisTimelock and the SDK's proposal helpers: delegate,
 * propose, vote, wait, queue, wait the 14-day timelock delay, execute. One proposal changes the fraud window, another
 * slashes a sequencer with a stated reason; an execution before the delay reverts, a proposal below quorum is
 * defeated, and an out-of-bounds change is refused by the SDK before anything is sent.
 */
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { parseEther } from "ethers";
import { ethers } from "hardhat";

import { ParameterOutOfBoundsError, ProposalNotReadyError } from "../../sdk/src/errors/governance";
import {
  ProposalState,
  VoteSupport,
  castVote,
  execute,
  proposalStatus,
  propose,
  proposeParameterChange,
  queue,
  slashAction,
  slashReason,
  type Proposal,
} from "../../sdk/src/governance";
import { BatchChain__factory } from "../../sdk/src/contracts";
import { BPS, DEFAULT_TIMELOCK_DELAY } from "../../sdk/src/proof/constants";
import { deployWithSequencers, fundedWallet } from "../helpers/l1";

const DAY = 86_400;

async function governed() {
  const l1 = await deployWithSequencers(4);
  const voter = l1.deployer;
  await (await l1.token.connect(voter).delegate(await voter.getAddress())).wait();
  await time.increase(1); // votes count from the next second's snapshot
  return l1;
}

type Governed = Awaited<ReturnType<typeof governed>>;

/** Votes `proposal` through with the deployer's votes and queues it; returns when the eta is set. */
async function passAndQueue(l1: Governed, proposal: Proposal): Promise<void> {
  const governor = l1.governor.connect(l1.deployer);
  const pending = await proposalStatus(governor, proposal.id);
  expect(pending.state).to.equal(ProposalState.Pending);
  expect(pending.secondsLeft).to.equal(BigInt(DAY) + 1n); // the vote opens the second after the one-day delay
  await time.increase(pending.secondsLeft);
  expect((await proposalStatus(governor, proposal.id)).state).to.equal(ProposalState.Active);
  await castVote(governor, proposal.id, VoteSupport.For, "as proposed");
  await time.increase((await proposalStatus(governor, proposal.id)).secondsLeft);
  expect((await proposalStatus(governor, proposal.id)).state).to.equal(ProposalState.Succeeded);
  await queue(governor, proposal);
  const queued = await proposalStatus(governor, proposal.id);
  expect(queued.state).to.equal(ProposalState.Queued);
  expect(queued.secondsLeft).to.equal(DEFAULT_TIMELOCK_DELAY);
}

describe("integration: governance through the Governor and the 14-day timelock", function () {
  it("changes the fraud window by proposal: delegate, propose, vote, queue, wait 14 days, execute", async function () {
    const l1 = await loadFixture(governed);
    const governor = l1.governor.connect(l1.deployer);
    const { proposal } = await proposeParameterChange(
      governor,
      l1,
      { contract: "batchChain", parameter: "fraudProofWindow", value: 3 * DAY },
      "Shorten the fraud window to 3 days",
    );
    await passAndQueue(l1, proposal);
    // Before the delay: the SDK refuses, and the Governor (through the timelock) reverts.
    await expect(execute(governor, proposal)).to.be.rejectedWith(ProposalNotReadyError);
    await expect(
      governor.execute(
        proposal.actions.map((a) => a.target),
        [0n],
        proposal.actions.map((a) => a.data),
        proposal.descriptionHash,
      ),
    ).to.be.revertedWithCustomError(l1.timelock, "MetisTimelockNotReady");
    expect(await l1.batchChain.fraudProofWindow()).to.equal(7n * BigInt(DAY));
    await time.increase((await proposalStatus(governor, proposal.id)).secondsLeft);
    const receipt = await execute(governor, proposal, { BatchChain: BatchChain__factory.createInterface() });
    const events = receipt.logs
      .map((log) => {
        try {
          return l1.batchChain.interface.parseLog(log);
        } catch {
          return null;
        }
      })
      .filter((e) => e?.name === "FraudProofWindowUpdated");
    expect(events.map((e) => [...e!.args])).to.deep.equal([[7n * BigInt(DAY), 3n * BigInt(DAY)]]);
    expect(await l1.batchChain.fraudProofWindow()).to.equal(3n * BigInt(DAY));
    expect((await proposalStatus(governor, proposal.id)).state).to.equal(ProposalState.Executed);
  });

  it("slashes a sequencer by proposal with its reason: jailed, the slashed stake to the timelock", async function () {
    const l1 = await loadFixture(governed);
    const governor = l1.governor.connect(l1.deployer);
    const target = l1.sequencers[1]!.account.address;
    const before = await l1.registry.sequencerInfo(target);
    const treasury = await l1.timelock.getAddress();
    const treasuryBefore = await l1.token.balanceOf(treasury);
    const reason = "equivocated off-chain: see forum post 42";
    const action = await slashAction(l1, { kind: "sequencer", account: target, bps: 2_000, reason });
    const { proposal } = await propose(governor, [action], "Slash sequencer 1 by 20%");
    await passAndQueue(l1, proposal);
    await time.increase(DEFAULT_TIMELOCK_DELAY);
    const amount = (before.stake * 2_000n) / BPS;
    const tx = execute(governor, proposal);
    await expect(tx)
      .to.emit(l1.registry, "SequencerSlashed")
      .withArgs(target, 2_000, amount, ethers.ZeroAddress, 0, slashReason(reason));
    const after = await l1.registry.sequencerInfo(target);
    expect(after.stake).to.equal(before.stake - amount);
    expect(after.jailed).to.equal(true);
    expect(await l1.token.balanceOf(treasury)).to.equal(treasuryBefore + amount);
  });

  it("defeats a proposal below quorum", async function () {
    const l1 = await loadFixture(governed);
    const small = await fundedWallet();
    // 1% of the supply: above the proposal threshold, below the 4% quorum.
    await (await l1.token.connect(l1.deployer).transfer(small.address, parseEther("1000000"))).wait();
    await (await l1.token.connect(small).delegate(small.address)).wait();
    await time.increase(1);
    const governor = l1.governor.connect(small);
    const { proposal } = await proposeParameterChange(
      governor,
      l1,
      { contract: "disputeManager", parameter: "fraudSlashBps", value: 10_000 },
      "Slash the whole stake for a proven fault",
    );
    await time.increase((await proposalStatus(governor, proposal.id)).secondsLeft);
    await castVote(governor, proposal.id, VoteSupport.For);
    await time.increase((await proposalStatus(governor, proposal.id)).secondsLeft);
    expect((await proposalStatus(governor, proposal.id)).state).to.equal(ProposalState.Defeated);
    await expect(queue(governor, proposal)).to.be.rejectedWith(ProposalNotReadyError);
    expect(await l1.disputeManager.fraudSlashBps()).to.equal(5_000n);
  });

  it("refuses an out-of-bounds change in the SDK, before anything is sent", async function () {
    const l1 = await loadFixture(governed);
    const governor = l1.governor.connect(l1.deployer);
    const nonce = await l1.deployer.getNonce();
    const error = await proposeParameterChange(
      governor,
      l1,
      { contract: "batchChain", parameter: "fraudProofWindow", value: 60 },
      "A one-minute fraud window",
    ).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ParameterOutOfBoundsError);
    expect(error).to.include({ parameter: "fraudProofWindow", value: 60n, min: 3_600n, max: 7n * BigInt(DAY) });
    expect(await l1.deployer.getNonce()).to.equal(nonce);
  });
});
