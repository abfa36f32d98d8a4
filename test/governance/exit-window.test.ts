/**
 * The exit window holds: the timelock's delay runs on BatchChain's active time (the clock finality runs on), so a
 * guardian pause moves a queued operation's eta exactly as it moves a withdrawal's finality, and a withdrawal started
 * when a change is queued is final at least EXIT_WINDOW (7 days) before the change can execute, pause or no pause.
 * The constants themselves keep the window at every setting (MIN_TIMELOCK_DELAY - MAX_FRAUD_WINDOW >= 7 days) and
 * keep a whole default proposal inside the escalation period.
 */
import { impersonateAccount, loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { parseEther, ZeroAddress, ZeroHash, type Signer } from "ethers";
import { ethers } from "hardhat";

import { ProposalState, VoteSupport, castVote, proposalStatus, proposeParameterChange } from "../../sdk/src/governance";
import {
  DEFAULT_ESCALATION_PERIOD,
  DEFAULT_FRAUD_WINDOW,
  DEFAULT_MAX_PAUSE,
  DEFAULT_TIMELOCK_DELAY,
  DEFAULT_VOTING_DELAY,
  DEFAULT_VOTING_PERIOD,
  EXIT_WINDOW,
  MAX_FRAUD_WINDOW,
  MIN_ESCALATION_PERIOD,
  MIN_TIMELOCK_DELAY,
  finalizeWithdrawalArguments,
  type Address,
} from "../../sdk/src/proof";
import { governanceSigner } from "../helpers/governance";
import { deployWithSequencers, fundedWallet } from "../helpers/l1";
import { seededAddress } from "../helpers/seeded";
import { commitWithdrawals } from "../helpers/withdrawals";

const DAY = 86_400n;
/** OpenZeppelin's TimelockController.OperationState. */
const OperationState = { Unset: 0n, Waiting: 1n, Ready: 2n, Done: 3n } as const;

async function fixture() {
  const l1 = await deployWithSequencers(4);
  const gov = await governanceSigner(l1);
  const guardian = await fundedWallet();
  await (await l1.batchChain.connect(gov).setGuardian(guardian.address)).wait();
  // ETH in the bridge for the withdrawal's payout.
  await (await l1.bridge.depositETH(await l1.deployer.getAddress(), { value: parseEther("10") })).wait();
  // The Governor, impersonated: the timelock's only proposer, scheduling directly.
  const governorAddress = await l1.governor.getAddress();
  await impersonateAccount(governorAddress);
  await setBalance(governorAddress, parseEther("100"));
  const proposer: Signer = await ethers.getSigner(governorAddress);
  await (await l1.token.connect(l1.deployer).delegate(await l1.deployer.getAddress())).wait();
  await time.increase(1);
  return { ...l1, guardian, proposer };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

const now = async () => BigInt(await time.latest());

/** The operation "set the fraud window to 3 days", as the Governor would queue it. */
async function fraudWindowOperation(f: Fixture, label: string) {
  const target = await f.batchChain.getAddress();
  const data = f.batchChain.interface.encodeFunctionData("setFraudProofWindow", [3n * DAY]);
  const salt = ethers.id(label);
  const id = await f.timelock.hashOperation(target, 0n, data, ZeroHash, salt);
  return { target, data, salt, id };
}

/** Schedules `op` with the timelock's delay in the block at `at`; returns the operation's active ready time. */
async function scheduleAt(f: Fixture, op: Awaited<ReturnType<typeof fraudWindowOperation>>, at: bigint) {
  const delay = await f.timelock.getMinDelay();
  await time.setNextBlockTimestamp(at);
  await (await f.timelock.connect(f.proposer).schedule(op.target, 0n, op.data, ZeroHash, op.salt, delay)).wait();
  const [readyAt] = await f.timelock.operationReadyAt(op.id);
  expect(readyAt).to.equal((await f.batchChain.activeTimeAt(at)) + delay);
  return readyAt;
}

/** Pauses (the guardian) for `duration` in the block at `at`. */
async function pauseAt(f: Fixture, at: bigint, duration: bigint) {
  await time.setNextBlockTimestamp(at);
  await (await f.batchChain.connect(f.guardian).pause(duration)).wait();
}

describe("governance: the exit window (timelock delay on BatchChain's active time)", function () {
  it("the constants keep a 7-day exit window at every setting and a whole default proposal inside escalation", async function () {
    // Constants.sol itself (the SDK's mirrors are compared with it in test/sdk/constants.test.ts).
    const c = await (await ethers.getContractFactory("ConstantsHarness")).deploy();
    expect(await c.EXIT_WINDOW()).to.equal(7n * DAY);
    expect((await c.MIN_TIMELOCK_DELAY()) - (await c.MAX_FRAUD_WINDOW())).to.be.greaterThanOrEqual(7n * DAY);
    expect((await c.DEFAULT_TIMELOCK_DELAY()) - (await c.MAX_FRAUD_WINDOW())).to.be.greaterThanOrEqual(7n * DAY);
    const proposal =
      (await c.DEFAULT_VOTING_DELAY()) + (await c.DEFAULT_VOTING_PERIOD()) + (await c.DEFAULT_TIMELOCK_DELAY());
    expect(await c.DEFAULT_ESCALATION_PERIOD()).to.be.greaterThanOrEqual(proposal + 2n * DAY);
    expect(await c.MIN_ESCALATION_PERIOD()).to.be.greaterThanOrEqual(proposal);
    // The verifier exit delay outlives the longest vote at the defaults.
    const vote =
      (await c.DEFAULT_COMMIT_PERIOD()) + (await c.DEFAULT_REVEAL_PERIOD()) + (await c.DEFAULT_ESCALATION_PERIOD());
    expect(await c.DEFAULT_VERIFIER_EXIT_DELAY()).to.be.greaterThan(vote);
    // The SDK's mirrors, as used below.
    expect(MIN_TIMELOCK_DELAY - MAX_FRAUD_WINDOW).to.be.greaterThanOrEqual(EXIT_WINDOW);
    expect(DEFAULT_ESCALATION_PERIOD).to.be.greaterThanOrEqual(
      DEFAULT_VOTING_DELAY + DEFAULT_VOTING_PERIOD + DEFAULT_TIMELOCK_DELAY,
    );
    expect(MIN_ESCALATION_PERIOD).to.equal(DEFAULT_VOTING_DELAY + DEFAULT_VOTING_PERIOD + DEFAULT_TIMELOCK_DELAY);
  });

  it("deploys the timelock on the BatchChain's clock", async function () {
    const f = await loadFixture(fixture);
    expect(await f.timelock.batchChain()).to.equal(await f.batchChain.getAddress());
    expect(await f.timelock.getMinDelay()).to.equal(DEFAULT_TIMELOCK_DELAY);
  });

  it("refuses a zero BatchChain at deployment", async function () {
    const factory = await ethers.getContractFactory("MetisTimelock");
    await expect(
      factory.deploy(DEFAULT_TIMELOCK_DELAY, seededAddress("governor"), ZeroAddress),
    ).to.be.revertedWithCustomError(factory, "MetisTimelockZeroBatchChain");
  });

  it("a guardian pause moves the eta: refused at the old eta, accepted at the moved one; isOperationReady agrees", async function () {
    const f = await loadFixture(fixture);
    const op = await fraudWindowOperation(f, "pause moves the eta");
    const queuedAt = (await now()) + 10n;
    const readyAt = await scheduleAt(f, op, queuedAt);
    const oldEta = queuedAt + DEFAULT_TIMELOCK_DELAY;
    expect(await f.timelock.getTimestamp(op.id)).to.equal(oldEta);
    expect(await f.timelock.getOperationState(op.id)).to.equal(OperationState.Waiting);

    await pauseAt(f, queuedAt + 2n * DAY, DEFAULT_MAX_PAUSE);
    const eta = oldEta + DEFAULT_MAX_PAUSE;
    expect(await f.timelock.operationReadyAt(op.id)).to.deep.equal([readyAt, eta]);
    expect(await f.timelock.getTimestamp(op.id)).to.equal(eta);

    // At the old eta: waiting, by the pause's length of active time; the window and the operation are untouched.
    await time.increaseTo(oldEta);
    expect(await f.timelock.isOperationReady(op.id)).to.equal(false);
    expect(await f.timelock.isOperationPending(op.id)).to.equal(true);
    await time.setNextBlockTimestamp(oldEta + 1n);
    await expect(f.timelock.execute(op.target, 0n, op.data, ZeroHash, op.salt))
      .to.be.revertedWithCustomError(f.timelock, "MetisTimelockNotReady")
      .withArgs(op.id, readyAt, readyAt - DEFAULT_MAX_PAUSE + 1n, eta);
    await time.setNextBlockTimestamp(eta - 1n);
    await expect(f.timelock.execute(op.target, 0n, op.data, ZeroHash, op.salt))
      .to.be.revertedWithCustomError(f.timelock, "MetisTimelockNotReady")
      .withArgs(op.id, readyAt, readyAt - 1n, eta);
    expect(await f.batchChain.fraudProofWindow()).to.equal(DEFAULT_FRAUD_WINDOW);
    expect(await f.timelock.getOperationState(op.id)).to.equal(OperationState.Waiting);

    // At the moved eta: ready, executed, done.
    await time.increaseTo(eta);
    expect(await f.timelock.isOperationReady(op.id)).to.equal(true);
    await time.setNextBlockTimestamp(eta + 1n);
    await expect(f.timelock.execute(op.target, 0n, op.data, ZeroHash, op.salt))
      .to.emit(f.batchChain, "FraudProofWindowUpdated")
      .withArgs(DEFAULT_FRAUD_WINDOW, 3n * DAY);
    expect(await f.timelock.getOperationState(op.id)).to.equal(OperationState.Done);
    expect(await f.timelock.getTimestamp(op.id)).to.equal(1n);
  });

  it("executeBatch refuses before the active ready time too, and a cancelled operation forgets its ready time", async function () {
    const f = await loadFixture(fixture);
    const op = await fraudWindowOperation(f, "batch");
    const delay = await f.timelock.getMinDelay();
    const salt = ethers.id("batch");
    const batchId = await f.timelock.hashOperationBatch([op.target], [0n], [op.data], ZeroHash, salt);
    await (
      await f.timelock.connect(f.proposer).scheduleBatch([op.target], [0n], [op.data], ZeroHash, salt, delay)
    ).wait();
    const [readyAt, eta] = await f.timelock.operationReadyAt(batchId);
    await time.setNextBlockTimestamp(eta - 1n);
    await expect(f.timelock.executeBatch([op.target], [0n], [op.data], ZeroHash, salt))
      .to.be.revertedWithCustomError(f.timelock, "MetisTimelockNotReady")
      .withArgs(batchId, readyAt, readyAt - 1n, eta);
    await (await f.timelock.connect(f.proposer).cancel(batchId)).wait();
    expect(await f.timelock.operationReadyAt(batchId)).to.deep.equal([0n, 0n]);
    expect(await f.timelock.getOperationState(batchId)).to.equal(OperationState.Unset);
    expect(await f.batchChain.fraudProofWindow()).to.equal(DEFAULT_FRAUD_WINDOW);
  });

  for (const paused of [false, true]) {
    it(`a withdrawal started when a change is queued is final at least 7 days before it can execute (${
      paused ? "a guardian pause in between" : "no pause"
    })`, async function () {
      const f = await loadFixture(fixture);
      // The withdrawal starts (its batch is submitted), and the change is queued in the next second.
      const committed = await commitWithdrawals(f, [
        {
          index: 0n,
          l2Sender: seededAddress("exit sender"),
          l1To: seededAddress(`exit l1To ${paused}`),
          l1Token: ZeroAddress as Address,
          amount: parseEther("1"),
        },
      ]);
      const startedAt = await now();
      const op = await fraudWindowOperation(f, `exit window ${paused}`);
      await scheduleAt(f, op, startedAt + 1n);
      const pauseLength = paused ? DEFAULT_MAX_PAUSE : 0n;
      if (paused) await pauseAt(f, startedAt + 3n * DAY, pauseLength);

      // The withdrawal finalizes a fraud window of active time after it started.
      const finalAt = await f.batchChain.finalizesAt(committed.batchIndex);
      expect(finalAt).to.equal(startedAt + DEFAULT_FRAUD_WINDOW + pauseLength);
      const [, eta] = await f.timelock.operationReadyAt(op.id);
      expect(eta - finalAt).to.be.greaterThanOrEqual(EXIT_WINDOW);
      await time.setNextBlockTimestamp(finalAt);
      await expect(f.bridge.finalizeWithdrawal(...finalizeWithdrawalArguments(committed.proofOf(0)))).to.emit(
        f.bridge,
        "WithdrawalFinalized",
      );

      // Seven days after the payout the change still cannot execute; at its eta it can.
      await time.setNextBlockTimestamp(finalAt + EXIT_WINDOW);
      await expect(f.timelock.execute(op.target, 0n, op.data, ZeroHash, op.salt)).to.be.revertedWithCustomError(
        f.timelock,
        "MetisTimelockNotReady",
      );
      expect(await f.batchChain.fraudProofWindow()).to.equal(DEFAULT_FRAUD_WINDOW);
      await time.setNextBlockTimestamp(eta);
      await expect(f.timelock.execute(op.target, 0n, op.data, ZeroHash, op.salt)).to.emit(
        f.batchChain,
        "FraudProofWindowUpdated",
      );
    });
  }

  it("through the Governor: a pause after queuing moves proposalEta and the seconds left, and execute waits for it", async function () {
    const f = await loadFixture(fixture);
    const governor = f.governor.connect(f.deployer);
    const { proposal } = await proposeParameterChange(
      governor,
      f,
      { contract: "batchChain", parameter: "fraudProofWindow", value: 3 * 86_400 },
      "Shorten the fraud window to 3 days",
    );
    await time.increase((await proposalStatus(governor, proposal.id)).secondsLeft);
    await castVote(governor, proposal.id, VoteSupport.For);
    await time.increase((await proposalStatus(governor, proposal.id)).secondsLeft);
    const targets = proposal.actions.map((a) => a.target);
    const calldatas = proposal.actions.map((a) => a.data);
    await (await governor.queue(targets, [0n], calldatas, proposal.descriptionHash)).wait();
    const queuedAt = await now();
    expect(await governor.proposalEta(proposal.id)).to.equal(queuedAt + DEFAULT_TIMELOCK_DELAY);

    await pauseAt(f, queuedAt + DAY, DEFAULT_MAX_PAUSE);
    const eta = queuedAt + DEFAULT_TIMELOCK_DELAY + DEFAULT_MAX_PAUSE;
    expect(await governor.proposalEta(proposal.id)).to.equal(eta);
    await time.increaseTo(queuedAt + DEFAULT_TIMELOCK_DELAY);
    const status = await proposalStatus(governor, proposal.id);
    expect([status.state, status.eta, status.secondsLeft]).to.deep.equal([
      ProposalState.Queued,
      eta,
      DEFAULT_MAX_PAUSE,
    ]);
    await expect(governor.execute(targets, [0n], calldatas, proposal.descriptionHash)).to.be.revertedWithCustomError(
      f.timelock,
      "MetisTimelockNotReady",
    );
    expect(await f.batchChain.fraudProofWindow()).to.equal(DEFAULT_FRAUD_WINDOW);
    await time.setNextBlockTimestamp(eta);
    await (await governor.execute(targets, [0n], calldatas, proposal.descriptionHash)).wait();
    expect(await f.batchChain.fraudProofWindow()).to.equal(3n * DAY);
    expect((await proposalStatus(governor, proposal.id)).state).to.equal(ProposalState.Executed);
    // Once executed, the eta is the one recorded at queuing (OpenZeppelin's), no longer the timelock's estimate.
    expect(await governor.proposalEta(proposal.id)).to.equal(queuedAt + DEFAULT_TIMELOCK_DELAY);
  });
});
