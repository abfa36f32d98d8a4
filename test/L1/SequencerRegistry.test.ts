import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { parseEther, Signature, ZeroAddress } from "ethers";
import { ethers } from "hardhat";

import type { Hex } from "../../sdk/src/proof";
import {
  addSequencer,
  beginEpoch,
  deployWithSequencers,
  deployWithSlasher,
  domainOf,
  fundedWallet,
  HEADER_TYPES,
  nextHeader,
  scheduledSequencer,
  signHeader,
  STAKE,
  submitNext,
} from "../helpers/l1";
import { seededAddress, seededWallet } from "../helpers/seeded";
import { governanceSigner, wiredSlasher } from "../helpers/governance";

const DAY = 24 * 60 * 60;

/** One quorum entry as SequencerRegistry reads it: head (member index, v's parity in the top bit), r, s. */
function entryOf(memberIndex: number, signature: Signature): string {
  return ethers.concat([ethers.toBeHex(memberIndex | (signature.yParity << 7), 1), signature.r, signature.s]);
}
const MISSED = ethers.encodeBytes32String("missed-turns");
const FRAUD = ethers.encodeBytes32String("fraud");

describe("SequencerRegistry", function () {
  async function fourSequencers() {
    // A 5-minute rotation timeout rather than 1: the rotation tests read the schedule from batch 0's time, and the
    // deployment, handover, staking and epoch start take about a minute of block time (a block a second).
    return deployWithSequencers(4, { rotationTimeout: 5 * 60 });
  }

  async function emptyRegistry() {
    return deployWithSequencers(0);
  }

  async function withSlasher() {
    return deployWithSlasher(4);
  }

  describe("stake", function () {
    it("registers the caller with its signer and escrows the stake", async function () {
      const l1 = await loadFixture(emptyRegistry);
      const account = await fundedWallet();
      const signer = seededWallet("new signer");
      await l1.token.transfer(account.address, STAKE);
      await l1.token.connect(account).approve(await l1.registry.getAddress(), STAKE);
      await expect(l1.registry.connect(account).stake(STAKE, signer.address))
        .to.emit(l1.registry, "Staked")
        .withArgs(account.address, signer.address, STAKE);
      expect(await l1.token.balanceOf(await l1.registry.getAddress())).to.equal(STAKE);
      const info = await l1.registry.sequencerInfo(account.address);
      expect([info.signer, info.stake, info.jailed]).to.deep.equal([signer.address, STAKE, false]);
      expect(await l1.registry.sequencerOf(signer.address)).to.equal(account.address);
      expect(await l1.registry.sequencers()).to.deep.equal([account.address]);
    });

    it("rejects a stake below the minimum or above the maximum", async function () {
      const l1 = await loadFixture(emptyRegistry);
      const account = await fundedWallet();
      await l1.token.transfer(account.address, parseEther("200000"));
      await l1.token.connect(account).approve(await l1.registry.getAddress(), parseEther("200000"));
      const [min, max] = [await l1.registry.minStake(), await l1.registry.maxStake()];
      for (const amount of [min - 1n, max + 1n]) {
        await expect(l1.registry.connect(account).stake(amount, account.address))
          .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryStakeOutOfRange")
          .withArgs(amount, min, max);
      }
      expect(await l1.registry.sequencers()).to.deep.equal([]);
    });

    it("rejects registering twice, and a signer that is zero or taken", async function () {
      const l1 = await loadFixture(fourSequencers);
      const [first, second] = l1.sequencers;
      await expect(l1.registry.connect(first!.account).stake(STAKE, seededAddress("second signer")))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryAlreadyRegistered")
        .withArgs(first!.account.address);
      const newcomer = await fundedWallet();
      await l1.token.transfer(newcomer.address, STAKE);
      await l1.token.connect(newcomer).approve(await l1.registry.getAddress(), STAKE);
      for (const signer of [ZeroAddress, second!.signer.address]) {
        await expect(l1.registry.connect(newcomer).stake(STAKE, signer))
          .to.be.revertedWithCustomError(l1.registry, "SequencerRegistrySignerUnavailable")
          .withArgs(signer);
      }
    });

    it("refuses a new sequencer when every seat is taken", async function () {
      const l1 = await loadFixture(fourSequencers);
      await l1.registry.connect(await governanceSigner(l1)).setMaxSequencers(4);
      const newcomer = await fundedWallet();
      await l1.token.transfer(newcomer.address, STAKE);
      await l1.token.connect(newcomer).approve(await l1.registry.getAddress(), STAKE);
      await expect(l1.registry.connect(newcomer).stake(STAKE, newcomer.address))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryFull")
        .withArgs(4);
    });
  });

  describe("topUp", function () {
    it("adds stake that counts from the next epoch", async function () {
      const l1 = await loadFixture(fourSequencers);
      const sequencer = l1.sequencers[0]!;
      const extra = parseEther("5000");
      await l1.token.transfer(sequencer.account.address, extra);
      await l1.token.connect(sequencer.account).approve(await l1.registry.getAddress(), extra);
      await expect(l1.registry.connect(sequencer.account).topUp(extra))
        .to.emit(l1.registry, "StakeIncreased")
        .withArgs(sequencer.account.address, extra, STAKE + extra);
      const stakeOf = async () =>
        (await l1.registry.members()).find((m) => m.signer === sequencer.signer.address)!.stake;
      expect(await stakeOf()).to.equal(STAKE);
      await time.increase(DAY);
      await beginEpoch(l1.registry);
      expect(await stakeOf()).to.equal(STAKE + extra);
      const [, , , total] = await l1.registry.currentEpoch();
      expect(total).to.equal(4n * STAKE + extra);
    });

    it("rejects a top-up past the maximum, a zero top-up, and one from a leaving or jailed sequencer", async function () {
      const l1 = await loadFixture(withSlasher);
      const [a, b, c] = l1.sequencers;
      const max = await l1.registry.maxStake();
      await expect(l1.registry.connect(a!.account).topUp(max))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryStakeOutOfRange")
        .withArgs(STAKE + max, STAKE + 1n, max);
      await expect(l1.registry.connect(a!.account).topUp(0)).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryStakeOutOfRange",
      );
      await l1.registry.connect(b!.account).requestExit();
      await expect(l1.registry.connect(b!.account).topUp(1))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryExitAlreadyRequested")
        .withArgs(b!.account.address);
      await l1.registry.connect(l1.slasher).getFunction("slash(address,uint256,bytes32)")(
        c!.account.address,
        100,
        FRAUD,
      );
      await expect(l1.registry.connect(c!.account).topUp(1))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryJailed")
        .withArgs(c!.account.address);
      await expect(l1.registry.connect(await fundedWallet()).topUp(1)).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryNotRegistered",
      );
    });
  });

  describe("requestExit and withdraw", function () {
    it("lets a sequencer leave once it has been out of the set for the exit delay, and returns its stake", async function () {
      const l1 = await loadFixture(fourSequencers);
      const leaving = l1.sequencers[0]!;
      const delay = await l1.registry.effectiveExitDelay();
      const tx = l1.registry.connect(leaving.account).requestExit();
      const requestedAt = BigInt((await time.latest()) + 1);
      await expect(tx)
        .to.emit(l1.registry, "ExitRequested")
        .withArgs(leaving.account.address, (await (await tx).wait())!.blockNumber);

      // Still a member of the current epoch, so it cannot withdraw at all yet.
      expect((await l1.registry.members()).map((m) => m.signer)).to.include(leaving.signer.address);
      await expect(l1.registry.connect(leaving.account).withdraw())
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryWithdrawTooEarly")
        .withArgs(0);
      await time.increase(DAY);
      const activation = await beginEpoch(l1.registry);
      const leftAt = BigInt((await ethers.provider.getBlock(activation.blockNumber))!.timestamp);
      expect((await l1.registry.members()).map((m) => m.signer)).not.to.include(leaving.signer.address);
      expect((await l1.registry.sequencerInfo(leaving.account.address)).leftAt).to.equal(leftAt);
      // It gave up its seat when it left; its record stays until it withdraws.
      expect(await l1.registry.sequencers()).not.to.include(leaving.account.address);
      const left = activation.logs
        .map((log) => l1.registry.interface.parseLog(log))
        .find((event) => event?.name === "SequencerLeft");
      expect([left?.args.sequencer, left?.args.lastBatch]).to.deep.equal([leaving.account.address, 0n]);

      // The delay runs from leaving the set, not from the request.
      await time.increaseTo(requestedAt + delay);
      await expect(l1.registry.connect(leaving.account).withdraw())
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryWithdrawTooEarly")
        .withArgs(leftAt + delay);
      await time.increaseTo(leftAt + delay);
      const before = await l1.token.balanceOf(leaving.account.address);
      await expect(l1.registry.connect(leaving.account).withdraw())
        .to.emit(l1.registry, "Withdrawn")
        .withArgs(leaving.account.address, STAKE);
      expect(await l1.token.balanceOf(leaving.account.address)).to.equal(before + STAKE);
      expect(await l1.registry.sequencerOf(leaving.signer.address)).to.equal(ZeroAddress);
      expect(await l1.registry.sequencers()).not.to.include(leaving.account.address);
    });

    it("keeps a leaving sequencer that is still a member from withdrawing, however long it waited", async function () {
      const l1 = await loadFixture(fourSequencers);
      const leaving = l1.sequencers[1]!;
      await l1.registry.connect(leaving.account).requestExit();
      await time.increase(Number(await l1.registry.effectiveExitDelay()) + 1);
      await expect(l1.registry.connect(leaving.account).withdraw()).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryWithdrawTooEarly",
      );
    });

    it("rejects exit and withdrawal out of order", async function () {
      const l1 = await loadFixture(fourSequencers);
      const sequencer = l1.sequencers[2]!;
      await expect(l1.registry.connect(sequencer.account).withdraw())
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryWithdrawTooEarly")
        .withArgs(0);
      await l1.registry.connect(sequencer.account).requestExit();
      await expect(l1.registry.connect(sequencer.account).requestExit())
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryExitAlreadyRequested")
        .withArgs(sequencer.account.address);
      const stranger = await fundedWallet();
      await expect(l1.registry.connect(stranger).requestExit())
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryNotRegistered")
        .withArgs(stranger.address);
    });

    it("never lets the exit delay drop below the fraud window plus the longest DA window", async function () {
      const l1 = await loadFixture(fourSequencers);
      const daCap = await l1.registry.DA_WINDOW_CAP();
      expect(await l1.registry.minimumExitDelay()).to.equal((await l1.batchChain.fraudProofWindow()) + daCap);
      await l1.registry.connect(await governanceSigner(l1)).setExitDelay(DAY);
      expect(await l1.registry.effectiveExitDelay()).to.equal(7n * BigInt(DAY) + daCap);
      await l1.batchChain.connect(await governanceSigner(l1)).setFraudProofWindow(DAY);
      expect(await l1.registry.effectiveExitDelay()).to.equal(BigInt(DAY) + daCap);
    });
  });

  describe("startEpoch", function () {
    it("freezes the eligible sequencers with their stakes and a shuffled order", async function () {
      const l1 = await loadFixture(fourSequencers);
      const [number, , size, total] = await l1.registry.currentEpoch();
      expect([number, size, total]).to.deep.equal([1n, 4n, 4n * STAKE]);
      const members = await l1.registry.members();
      expect(members.map((m) => m.signer).sort()).to.deep.equal(l1.sequencers.map((s) => s.signer.address).sort());
      expect(members.every((m) => m.stake === STAKE && m.missedTurns === 0n)).to.equal(true);
    });

    it("emits the members in proposer order with the frozen total", async function () {
      const l1 = await loadFixture(fourSequencers);
      await time.increase(DAY);
      const receipt = await beginEpoch(l1.registry);
      const event = l1.registry.interface.parseLog(receipt.logs.at(-1)!)!;
      expect(event.name).to.equal("EpochStarted");
      expect(event.args.number).to.equal(2n);
      expect(event.args.members).to.deep.equal((await l1.registry.members()).map((m) => m.signer));
      expect(event.args.totalStake).to.equal(4n * STAKE);
    });

    it("admits newcomers only from the next epoch", async function () {
      const l1 = await loadFixture(fourSequencers);
      const newcomer = await addSequencer(l1, l1.deployer);
      expect((await l1.registry.members()).map((m) => m.signer)).not.to.include(newcomer.signer.address);
      await time.increase(DAY);
      await beginEpoch(l1.registry);
      expect((await l1.registry.members()).map((m) => m.signer)).to.include(newcomer.signer.address);
    });

    it("waits for the epoch to end", async function () {
      const l1 = await loadFixture(fourSequencers);
      const [, startedAt] = await l1.registry.currentEpoch();
      await expect(l1.registry.startEpoch())
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryEpochNotOver")
        .withArgs(startedAt + BigInt(DAY));
    });

    it("orders members differently from one epoch to the next", async function () {
      const l1 = await deployWithSequencers(8);
      const orders = new Set<string>();
      for (let i = 0; i < 4; i++) {
        orders.add((await l1.registry.members()).map((m) => m.signer).join());
        await time.increase(DAY);
        await beginEpoch(l1.registry);
      }
      expect(orders.size).to.be.greaterThan(1);
    });
  });

  describe("rotation", function () {
    it("schedules order[k mod n], then the next member after each rotation timeout", async function () {
      const l1 = await loadFixture(fourSequencers);
      const members = (await l1.registry.members()).map((m) => m.signer);
      const [, , , lastAcceptedAt] = await l1.batchChain.tip();
      const timeout = Number(await l1.registry.rotationTimeout());
      for (const k of [1, 2, 5]) {
        const [signer] = await l1.registry.scheduledProposer(k, lastAcceptedAt);
        expect(signer).to.equal(members[k % 4]);
      }
      await time.increaseTo(Number(lastAcceptedAt) + 2 * timeout);
      const [signer, skipped] = await l1.registry.scheduledProposer(1, lastAcceptedAt);
      expect([signer, skipped]).to.deep.equal([members[3], 2n]);
    });

    it("rejects a batch from anyone but the scheduled proposer", async function () {
      const l1 = await loadFixture(fourSequencers);
      const header = await nextHeader(l1);
      const signatures = await signHeader(
        l1,
        header,
        l1.sequencers.map((s) => s.signer),
      );
      const scheduled = await scheduledSequencer(l1);
      const other = l1.sequencers.find((s) => s !== scheduled)!;
      await expect(l1.batchChain.connect(other.signer).submitBatch(header, signatures))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryNotScheduledProposer")
        .withArgs(scheduled.signer.address, other.signer.address);
    });

    it("passes the turn after a timeout and counts the missed turn", async function () {
      const l1 = await loadFixture(fourSequencers);
      const silent = await scheduledSequencer(l1);
      const [, , , lastAcceptedAt] = await l1.batchChain.tip();
      await time.increaseTo(Number(lastAcceptedAt) + Number(await l1.registry.rotationTimeout()));
      const next = await scheduledSequencer(l1);
      expect(next).not.to.equal(silent);
      const header = await nextHeader(l1);
      const signatures = await signHeader(
        l1,
        header,
        l1.sequencers.filter((s) => s !== silent).map((s) => s.signer),
      );
      await expect(l1.batchChain.connect(next.signer).submitBatch(header, signatures))
        .to.emit(l1.registry, "TurnMissed")
        .withArgs(silent.signer.address, 1);
      const silentMember = (await l1.registry.members()).find((m) => m.signer === silent.signer.address)!;
      expect(silentMember.missedTurns).to.equal(1n);
    });

    it("jails a member from proposing after maxMissedTurns in a row: offered turns only after the others; it still signs", async function () {
      const l1 = await loadFixture(fourSequencers);
      await l1.registry.connect(await governanceSigner(l1)).setMaxMissedTurns(2);
      const timeout = Number(await l1.registry.rotationTimeout());
      const silent = await scheduledSequencer(l1);
      const others = l1.sequencers.filter((s) => s !== silent).map((s) => s.signer);
      let jailed = false;
      for (let round = 0; round < 12 && !jailed; round++) {
        const [signer] = await l1.registry.scheduledProposer(
          await l1.batchChain.batchCount(),
          (await l1.batchChain.tip())[3],
        );
        if (signer === silent.signer.address) {
          const [, , , lastAcceptedAt] = await l1.batchChain.tip();
          await time.increaseTo(Number(lastAcceptedAt) + timeout);
        }
        const { receipt } = await submitNext(l1, await nextHeader(l1), others);
        jailed = receipt.logs.some((log) => l1.registry.interface.parseLog(log)?.name === "SequencerJailed");
      }
      expect(jailed).to.equal(true);
      const jailEvents = await l1.registry.queryFilter(l1.registry.filters.SequencerJailed(silent.account.address));
      expect(jailEvents.map((e) => e.args.reason)).to.deep.equal([MISSED]);
      // Not slashed, still a member with its stake, and still a valid signer.
      expect((await l1.registry.sequencerInfo(silent.account.address)).jailed).to.equal(false);
      const member = (await l1.registry.members()).find((m) => m.signer === silent.signer.address)!;
      expect([member.stake, member.missedTurns]).to.deep.equal([STAKE, 2n]);
      await submitNext(l1); // signed by all four, the jailed member included
      // Not offered a turn while any of the three others has yet to time out; after that, in plain order.
      const now = BigInt(await time.latest());
      const position = (await l1.registry.members()).findIndex((m) => m.signer === silent.signer.address);
      for (let k = 0n; k < 8n; k++) {
        for (let skipped = 0n; skipped < 3n; skipped++) {
          const [signer] = await l1.registry.scheduledProposer(k, now - skipped * BigInt(timeout));
          expect(signer).not.to.equal(silent.signer.address);
        }
        const turn = 3 + ((((position - Number(k) - 3) % 4) + 4) % 4); // a timeout count landing on its position
        const [signer, skipped] = await l1.registry.scheduledProposer(k, now - BigInt(turn * timeout));
        expect([signer, skipped]).to.deep.equal([silent.signer.address, BigInt(turn)]);
      }
      // The next epoch takes it back with a clean record.
      await time.increase(DAY);
      await beginEpoch(l1.registry);
      const again = (await l1.registry.members()).find((m) => m.signer === silent.signer.address)!;
      expect(again.missedTurns).to.equal(0n);
    });

    it("charges no one when a whole rotation passes without a batch (an idle L2)", async function () {
      const l1 = await loadFixture(fourSequencers);
      const [, , , lastAcceptedAt] = await l1.batchChain.tip();
      await time.increaseTo(Number(lastAcceptedAt) + 4 * Number(await l1.registry.rotationTimeout()) + 5);
      const { receipt } = await submitNext(l1);
      expect(receipt.logs.some((log) => l1.registry.interface.parseLog(log)?.name === "TurnMissed")).to.equal(false);
      expect((await l1.registry.members()).every((m) => m.missedTurns === 0n)).to.equal(true);
    });

    it("resets a member's missed turns when it proposes", async function () {
      const l1 = await loadFixture(fourSequencers);
      const silent = await scheduledSequencer(l1);
      const [, , , lastAcceptedAt] = await l1.batchChain.tip();
      await time.increaseTo(Number(lastAcceptedAt) + Number(await l1.registry.rotationTimeout()));
      await submitNext(l1);
      for (let i = 0; i < 4; i++) {
        const proposer = await scheduledSequencer(l1);
        await submitNext(l1);
        if (proposer === silent) break;
      }
      const member = (await l1.registry.members()).find((m) => m.signer === silent.signer.address)!;
      expect(member.missedTurns).to.equal(0n);
    });

    it("only lets the BatchChain authorize batches", async function () {
      const l1 = await loadFixture(fourSequencers);
      await expect(l1.registry.authorizeBatch(1, 0, ZeroAddress, ethers.ZeroHash, "0x"))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryOnlyBatchChain")
        .withArgs(await l1.deployer.getAddress());
    });
  });

  describe("verifyQuorum", function () {
    async function weighted() {
      // Stakes 30k, 30k, 20k, 20k: total 100k, two thirds is 66.67k.
      return deployWithSequencers(4, {}, [parseEther("30000"), parseEther("30000"), STAKE, STAKE]);
    }

    async function quorumOf(l1: Awaited<ReturnType<typeof weighted>>, indices: number[]) {
      const header = await nextHeader(l1);
      const digest = (await l1.batchChain.headerDigest(header)) as Hex;
      const signatures = await signHeader(
        l1,
        header,
        indices.map((i) => l1.sequencers[i]!.signer),
      );
      return { header, digest, signatures };
    }

    it("accepts signatures of strictly more than two thirds of the stake and returns the signed stake", async function () {
      const l1 = await loadFixture(weighted);
      const { digest, signatures } = await quorumOf(l1, [0, 1, 2]);
      expect(await l1.registry.verifyQuorum(digest, signatures)).to.equal(parseEther("80000"));
    });

    it("rejects exactly two thirds and less", async function () {
      const l1 = await deployWithSequencers(3);
      const header = await nextHeader(l1);
      const digest = (await l1.batchChain.headerDigest(header)) as Hex;
      const twoOfThree = await signHeader(l1, header, [l1.sequencers[0]!.signer, l1.sequencers[1]!.signer]);
      await expect(l1.registry.verifyQuorum(digest, twoOfThree))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryInsufficientQuorum")
        .withArgs(2n * STAKE, 3n * STAKE);
      const one = await signHeader(l1, header, [l1.sequencers[0]!.signer]);
      await expect(l1.registry.verifyQuorum(digest, one))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryInsufficientQuorum")
        .withArgs(STAKE, 3n * STAKE);
    });

    it("rejects unsorted and duplicate signers", async function () {
      const l1 = await loadFixture(weighted);
      const { digest, signatures } = await quorumOf(l1, [0, 1, 2]);
      const entries = [0, 1, 2].map((i) => ethers.dataSlice(signatures, 65 * i, 65 * (i + 1)));
      const reversed = ethers.concat([...entries].reverse());
      await expect(l1.registry.verifyQuorum(digest, reversed)).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryUnsortedSigners",
      );
      const duplicated = ethers.concat([entries[0]!, entries[0]!, entries[1]!]);
      await expect(l1.registry.verifyQuorum(digest, duplicated)).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryUnsortedSigners",
      );
    });

    it("rejects a signer outside the active set, a wrong member index and a jailed member", async function () {
      const l1 = await loadFixture(weighted);
      const header = await nextHeader(l1);
      const digest = (await l1.batchChain.headerDigest(header)) as Hex;
      const outsider = seededWallet("outsider");
      const signature = Signature.from(await outsider.signTypedData(await domainOf(l1), HEADER_TYPES, header));
      const entry = entryOf(0, signature);
      await expect(l1.registry.verifyQuorum(digest, entry))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistrySignerNotActive")
        .withArgs(outsider.address, 0);
      const member = l1.sequencers[0]!.signer;
      const memberSignature = Signature.from(await member.signTypedData(await domainOf(l1), HEADER_TYPES, header));
      const members = (await l1.registry.members()).map((m) => m.signer);
      const wrongIndex = (members.indexOf(member.address) + 1) % 4;
      const misplaced = entryOf(wrongIndex, memberSignature);
      await expect(l1.registry.verifyQuorum(digest, misplaced))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistrySignerNotActive")
        .withArgs(member.address, wrongIndex);
      const beyond = entryOf(9, memberSignature);
      await expect(l1.registry.verifyQuorum(digest, beyond))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistrySignerNotActive")
        .withArgs(member.address, 9);

      const slasher = await wiredSlasher(l1);
      const { signatures } = await quorumOf(l1, [0, 1, 2]);
      await l1.registry.connect(slasher).getFunction("slash(address,uint256,bytes32)")(
        l1.sequencers[2]!.account.address,
        1,
        FRAUD,
      );
      await expect(l1.registry.verifyQuorum(digest, signatures)).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistrySignerNotActive",
      );
    });

    it("rejects signatures for another chain id or another contract", async function () {
      const l1 = await loadFixture(weighted);
      const header = await nextHeader(l1);
      const digest = (await l1.batchChain.headerDigest(header)) as Hex;
      const members = (await l1.registry.members()).map((m) => m.signer);
      for (const domain of [await domainOf(l1, 1n), await domainOf(l1, undefined, await l1.registry.getAddress())]) {
        const signer = l1.sequencers[0]!.signer;
        const signature = Signature.from(await signer.signTypedData(domain, HEADER_TYPES, header));
        const entry = entryOf(members.indexOf(signer.address), signature);
        await expect(l1.registry.verifyQuorum(digest, entry)).to.be.revertedWithCustomError(
          l1.registry,
          "SequencerRegistrySignerNotActive",
        );
      }
    });

    it("rejects malformed blobs and malleable or unrecoverable signatures", async function () {
      const l1 = await loadFixture(weighted);
      const { digest, signatures } = await quorumOf(l1, [0, 1, 2]);
      for (const blob of ["0x", ethers.dataSlice(signatures, 0, 64)]) {
        await expect(l1.registry.verifyQuorum(digest, blob))
          .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryMalformedSignatures")
          .withArgs(ethers.dataLength(blob));
      }
      const order = BigInt("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
      const head = Number(ethers.dataSlice(signatures, 0, 1));
      const s = BigInt(ethers.dataSlice(signatures, 33, 65));
      // The same signature with s mirrored and v's parity flipped: valid for ecrecover, rejected as malleable.
      const malleable = ethers.concat([
        ethers.toBeHex(head ^ 0x80, 1),
        ethers.dataSlice(signatures, 1, 33),
        ethers.toBeHex(order - s, 32),
      ]);
      await expect(l1.registry.verifyQuorum(digest, malleable))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryInvalidSignature")
        .withArgs(0);
      const garbage = ethers.concat(["0x00", ethers.ZeroHash, ethers.ZeroHash]);
      await expect(l1.registry.verifyQuorum(digest, garbage))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryInvalidSignature")
        .withArgs(0);
    });
  });

  describe("slash", function () {
    it("slashes, jails, pays the prover's share for pull and the rest to the treasury", async function () {
      const l1 = await loadFixture(withSlasher);
      const offender = l1.sequencers[0]!;
      const prover = await fundedWallet();
      const treasury = await l1.registry.treasury();
      const before = await l1.token.balanceOf(treasury);
      const amount = (STAKE * 2500n) / 10_000n;
      const reward = (amount * (await l1.registry.rewardBps())) / 10_000n;
      await expect(
        l1.registry.connect(l1.slasher).getFunction("slash(address,uint256,bytes32,address)")(
          offender.account.address,
          2500,
          FRAUD,
          prover.address,
        ),
      )
        .to.emit(l1.registry, "SequencerSlashed")
        .withArgs(offender.account.address, 2500, amount, prover.address, reward, FRAUD)
        .and.to.emit(l1.registry, "SequencerJailed")
        .withArgs(offender.account.address, FRAUD);
      const info = await l1.registry.sequencerInfo(offender.account.address);
      expect([info.stake, info.jailed]).to.deep.equal([STAKE - amount, true]);
      expect(await l1.token.balanceOf(treasury)).to.equal(before + amount - reward);
      expect(await l1.registry.claimable(prover.address)).to.equal(reward);
      expect((await l1.registry.members()).map((m) => m.signer)).not.to.include(offender.signer.address);

      await expect(l1.registry.connect(prover).claim())
        .to.emit(l1.registry, "RewardClaimed")
        .withArgs(prover.address, reward);
      expect(await l1.token.balanceOf(prover.address)).to.equal(reward);
      await expect(l1.registry.connect(prover).claim())
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryNothingToClaim")
        .withArgs(prover.address);
    });

    it("slashes several sequencers in one call (slashMany) with one transfer of the treasury's share", async function () {
      const l1 = await loadFixture(withSlasher);
      const prover = await fundedWallet();
      const treasury = await l1.registry.treasury();
      const before = await l1.token.balanceOf(treasury);
      const [a, b] = l1.sequencers as [(typeof l1.sequencers)[0], (typeof l1.sequencers)[0]];
      const amount = (STAKE * 5_000n) / 10_000n;
      const reward = (amount * (await l1.registry.rewardBps())) / 10_000n;
      const unknown = seededAddress("never staked");
      const slashMany = l1.registry.connect(l1.slasher).slashMany;
      const sequencers = [a.account.address, unknown, b.account.address];
      expect(await slashMany.staticCall(sequencers, 5_000, FRAUD, prover.address)).to.deep.equal([
        2n * amount,
        2n * reward,
      ]);
      const tx = slashMany(sequencers, 5_000, FRAUD, prover.address);
      await expect(tx)
        .to.emit(l1.registry, "SequencerSlashed")
        .withArgs(a.account.address, 5_000, amount, prover.address, reward, FRAUD)
        .and.to.emit(l1.registry, "SequencerSlashed")
        .withArgs(b.account.address, 5_000, amount, prover.address, reward, FRAUD);
      const receipt = await (await tx).wait();
      const transfers = receipt!.logs.filter((log) => log.address === l1.token.target);
      expect(transfers).to.have.length(1);
      expect(await l1.token.balanceOf(treasury)).to.equal(before + 2n * (amount - reward));
      expect(await l1.registry.claimable(prover.address)).to.equal(2n * reward);
      expect((await l1.registry.currentEpoch())[3]).to.equal(2n * STAKE);
      await expect(l1.registry.connect(prover).slashMany([a.account.address], 5_000, FRAUD, prover.address))
        .to.be.revertedWithCustomError(l1.registry, "AccessControlUnauthorizedAccount")
        .withArgs(prover.address, await l1.registry.SLASHER_ROLE());
      await expect(slashMany([a.account.address], 0, FRAUD, prover.address))
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryInvalidBps")
        .withArgs(0);
    });

    it("drops a slashed member's frozen stake from the epoch's total: the quorum is over stake nobody proved dishonest", async function () {
      const l1 = await loadFixture(withSlasher);
      await l1.registry.connect(l1.slasher).getFunction("slash(address,uint256,bytes32)")(
        l1.sequencers[0]!.account.address,
        2_500,
        FRAUD,
      );
      // The whole frozen stake leaves the total, not only the slashed part: the member signs no more.
      const [, , size, total] = await l1.registry.currentEpoch();
      expect([size, total]).to.deep.equal([3n, 3n * STAKE]);
      // Slashing it again (it holds no seat any more) changes the total no further.
      await l1.registry.connect(l1.slasher).getFunction("slash(address,uint256,bytes32)")(
        l1.sequencers[0]!.account.address,
        2_500,
        FRAUD,
      );
      expect((await l1.registry.currentEpoch())[3]).to.equal(3n * STAKE);
      // Two of the three left (two thirds of 3 stakes) are not a quorum; all three are.
      const two = l1.sequencers.slice(1, 3).map((s) => s.signer);
      await expect(submitNext(l1, undefined, two)).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryInsufficientQuorum",
      );
      await submitNext(
        l1,
        undefined,
        l1.sequencers.slice(1).map((s) => s.signer),
      );
    });

    it("keeps a slashed sequencer slashable until it withdraws, then slashing takes nothing", async function () {
      const l1 = await loadFixture(withSlasher);
      const leaving = l1.sequencers[1]!;
      await l1.registry.connect(leaving.account).requestExit();
      const slash = l1.registry.connect(l1.slasher).getFunction("slash(address,uint256,bytes32)");
      await slash(leaving.account.address, 5000, FRAUD);
      const slashedAt = BigInt(await time.latest());
      expect((await l1.registry.sequencerInfo(leaving.account.address)).leftAt).to.equal(slashedAt);
      await slash(leaving.account.address, 5000, FRAUD);
      const delay = await l1.registry.effectiveExitDelay();
      await time.increaseTo(slashedAt + delay - 2n); // the next transaction lands one second before the end
      await expect(l1.registry.connect(leaving.account).withdraw()).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryWithdrawTooEarly",
      );
      await time.increaseTo(slashedAt + delay);
      await expect(l1.registry.connect(leaving.account).withdraw())
        .to.emit(l1.registry, "Withdrawn")
        .withArgs(leaving.account.address, STAKE / 4n);
      expect(await slash.staticCall(leaving.account.address, 5000, FRAUD)).to.equal(0n);
      await expect(slash(leaving.account.address, 5000, FRAUD)).not.to.emit(l1.registry, "SequencerSlashed");
    });

    it("is reserved to slashers and takes basis points in (0, 10000]", async function () {
      const l1 = await loadFixture(withSlasher);
      const target = l1.sequencers[0]!.account.address;
      const outsider = await fundedWallet();
      await expect(l1.registry.connect(outsider).getFunction("slash(address,uint256,bytes32)")(target, 100, FRAUD))
        .to.be.revertedWithCustomError(l1.registry, "AccessControlUnauthorizedAccount")
        .withArgs(outsider.address, await l1.registry.SLASHER_ROLE());
      for (const bps of [0, 10_001]) {
        await expect(l1.registry.connect(l1.slasher).getFunction("slash(address,uint256,bytes32)")(target, bps, FRAUD))
          .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryInvalidBps")
          .withArgs(bps);
      }
      expect((await l1.registry.sequencerInfo(target)).stake).to.equal(STAKE);
    });
  });

  describe("parameters", function () {
    const cases: [string, string, bigint, bigint, bigint][] = [
      ["setMinStake", "MinStakeUpdated", parseEther("1"), parseEther("100000"), parseEther("15000")],
      ["setMaxStake", "MaxStakeUpdated", parseEther("20000"), parseEther("10000000"), parseEther("150000")],
      ["setMaxSequencers", "MaxSequencersUpdated", 4n, 64n, 30n],
      ["setExitDelay", "ExitDelayUpdated", BigInt(DAY), 90n * BigInt(DAY), 28n * BigInt(DAY)],
      ["setEpochDuration", "EpochDurationUpdated", 3600n, 30n * BigInt(DAY), 7200n],
      ["setRotationTimeout", "RotationTimeoutUpdated", 12n, 3600n, 30n],
      ["setMaxMissedTurns", "MaxMissedTurnsUpdated", 1n, 100n, 5n],
      ["setRewardBps", "RewardBpsUpdated", 0n, 10_000n, 4000n],
      ["setMinMembers", "MinMembersUpdated", 1n, 21n, 3n],
      [
        "setMinEpochStake",
        "MinEpochStakeUpdated",
        parseEther("20000"),
        64n * parseEther("100000"),
        parseEther("60000"),
      ],
    ];
    for (const [setter, event, min, max, value] of cases) {
      it(`${setter} is bounded to [${min}, ${max}], governor-only, and emits ${event}`, async function () {
        const l1 = await loadFixture(fourSequencers);
        const governance = l1.registry.connect(await governanceSigner(l1));
        const call = (v: bigint) =>
          (governance as unknown as Record<string, (v: bigint) => Promise<unknown>>)[setter]!(v);
        for (const bad of [min - 1n, max + 1n].filter((v) => v >= 0n)) {
          await expect(call(bad))
            .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryParameterOutOfRange")
            .withArgs(bad, min, max);
        }
        const getter = setter.charAt(3).toLowerCase() + setter.slice(4);
        const old = await (l1.registry as unknown as Record<string, () => Promise<bigint>>)[getter]!();
        await expect(call(value)).to.emit(l1.registry, event).withArgs(old, value);
        expect(await (l1.registry as unknown as Record<string, () => Promise<bigint>>)[getter]!()).to.equal(value);
        const outsider = await fundedWallet();
        await expect(
          (l1.registry.connect(outsider) as unknown as Record<string, (v: bigint) => Promise<unknown>>)[setter]!(value),
        ).to.be.revertedWithCustomError(l1.registry, "AccessControlUnauthorizedAccount");
      });
    }

    it("setTreasury rejects the zero address and emits old and new", async function () {
      const l1 = await loadFixture(fourSequencers);
      const next = seededAddress("next treasury");
      await expect(
        l1.registry.connect(await governanceSigner(l1)).setTreasury(ZeroAddress),
      ).to.be.revertedWithCustomError(l1.registry, "SequencerRegistryZeroAddress");
      await expect(l1.registry.connect(await governanceSigner(l1)).setTreasury(next))
        .to.emit(l1.registry, "TreasuryUpdated")
        .withArgs(await l1.registry.treasury(), next);
    });
  });
});
