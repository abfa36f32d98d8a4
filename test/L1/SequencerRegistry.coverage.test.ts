/**
 * SequencerRegistry behaviour the other registry tests leave out: constructor checks, the registry before its
 * BatchChain exists and before its first epoch, the governor-only treasury, slashing a sequencer that already left, a
 * prover taking the whole slash, and re-entry from a token with transfer hooks. Only the public API is used.
 */
import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { ethers } from "hardhat";

import {
  HookedToken__factory,
  MetisToken__factory,
  SequencerRegistry__factory,
  type SequencerRegistry,
} from "../../sdk/src/contracts/typechain";
import { addSequencer, deployWithSequencers, deployWithSlasher, fundedWallet, STAKE } from "../helpers/l1";
import { seededAddress } from "../helpers/seeded";
import { governanceSigner } from "../helpers/governance";

const DAY = 24 * 60 * 60;
const FRAUD = ethers.encodeBytes32String("fraud");

describe("SequencerRegistry (further cases)", function () {
  async function fourSequencers() {
    return deployWithSlasher(4);
  }

  /**
   * A registry whose stake token calls back into it from its transfers, with the token holding SLASHER_ROLE. Deployed
   * here with the test account as its admin, which holds WIRING_ROLE (deployL1's deployer renounces it, after which no
   * one can grant a role); staking needs no BatchChain.
   */
  async function hookedRegistry() {
    const [deployer] = await ethers.getSigners();
    const token = await new HookedToken__factory(deployer).deploy();
    const registry = await new SequencerRegistry__factory(deployer).deploy(
      await token.getAddress(),
      deployer!.address,
      seededAddress("hooked registry treasury"),
      seededAddress("hooked registry BatchChain"),
    );
    await registry.grantRole(await registry.SLASHER_ROLE(), await token.getAddress());
    const staker = await fundedWallet();
    await token.mint(staker.address, 2n * STAKE);
    await token.connect(staker).approve(await registry.getAddress(), 2n * STAKE);
    return { registry, hooked: token, staker };
  }

  describe("constructor", function () {
    it("refuses a zero token, admin, treasury or BatchChain", async function () {
      const [deployer] = await ethers.getSigners();
      const factory = new SequencerRegistry__factory(deployer);
      const some = seededAddress("coverage address");
      const valid = [some, some, some, some] as const;
      for (let position = 0; position < 4; position++) {
        const args = valid.map((address, i) => (i === position ? ZeroAddress : address)) as [
          string,
          string,
          string,
          string,
        ];
        await expect(factory.deploy(...args), `argument ${position}`).to.be.revertedWithCustomError(
          factory,
          "SequencerRegistryZeroAddress",
        );
      }
    });
  });

  describe("before its BatchChain exists", function () {
    it("assumes the longest fraud window, and a sequencer that leaves could have signed no batch but 0", async function () {
      const [deployer] = await ethers.getSigners();
      const token = await new MetisToken__factory(deployer).deploy(await deployer!.getAddress(), 10n * STAKE);
      const notYetDeployed = seededAddress("BatchChain not yet deployed");
      const registry = await new SequencerRegistry__factory(deployer).deploy(
        await token.getAddress(),
        await deployer!.getAddress(),
        await deployer!.getAddress(),
        notYetDeployed,
      );
      const cap = (await registry.FRAUD_WINDOW_CAP()) + (await registry.DA_WINDOW_CAP());
      expect(await registry.minimumExitDelay()).to.equal(cap);
      // 14 days (7-day window cap + 7-day DA cap), below the 21-day exit delay, which decides.
      expect(cap).to.equal(14n * 86_400n);
      expect(await registry.effectiveExitDelay()).to.equal(await registry.exitDelay());
      expect(await registry.batchChain()).to.equal(notYetDeployed);

      await token.approve(await registry.getAddress(), STAKE);
      await registry.stake(STAKE, seededAddress("signer before BatchChain"));
      await expect(registry.requestExit())
        .to.emit(registry, "SequencerLeft")
        .withArgs(await deployer!.getAddress(), 0);
      const info = await registry.sequencerInfo(await deployer!.getAddress());
      expect([info.leftAt, info.lastBatch]).to.deep.equal([BigInt(await time.latest()), 0n]);

      // Past the delay it still reads as Left: with no BatchChain there is nothing withdraw could check against.
      await time.increaseTo(info.leftAt + cap);
      expect(await registry.sequencerStatus(await deployer!.getAddress())).to.equal(4n); // Left
    });
  });

  describe("before its first epoch", function () {
    it("names no proposer", async function () {
      const l1 = await deployWithSequencers(0);
      await expect(l1.registry.scheduledProposer(1, 0)).to.be.revertedWithCustomError(
        l1.registry,
        "SequencerRegistryNoActiveMembers",
      );
    });
  });

  describe("releaseExits", function () {
    it("waits while the next epoch is scheduled", async function () {
      const l1 = await loadFixture(fourSequencers);
      await time.increase(DAY);
      await l1.registry.startEpoch();
      const [, seedBlock] = await l1.registry.pendingEpoch();
      await expect(l1.registry.releaseExits())
        .to.be.revertedWithCustomError(l1.registry, "SequencerRegistryEpochPending")
        .withArgs(seedBlock);
    });
  });

  describe("setTreasury", function () {
    it("is reserved to the governor", async function () {
      const l1 = await loadFixture(fourSequencers);
      const outsider = await fundedWallet();
      const treasury = await l1.registry.treasury();
      await expect(l1.registry.connect(outsider).setTreasury(outsider.address))
        .to.be.revertedWithCustomError(l1.registry, "AccessControlUnauthorizedAccount")
        .withArgs(outsider.address, await l1.registry.GOVERNOR_ROLE());
      expect(await l1.registry.treasury()).to.equal(treasury);
    });
  });

  describe("slash", function () {
    it("the four-argument form is reserved to slashers too", async function () {
      const l1 = await loadFixture(fourSequencers);
      const outsider = await fundedWallet();
      await expect(
        l1.registry.connect(outsider).getFunction("slash(address,uint256,bytes32,address)")(
          l1.sequencers[0]!.account.address,
          100,
          FRAUD,
          outsider.address,
        ),
      )
        .to.be.revertedWithCustomError(l1.registry, "AccessControlUnauthorizedAccount")
        .withArgs(outsider.address, await l1.registry.SLASHER_ROLE());
    });

    it("jails a sequencer that already left without touching the seats or the set", async function () {
      const l1 = await loadFixture(fourSequencers);
      const newcomer = await addSequencer(l1, l1.deployer); // not in the current epoch: leaves at once
      await l1.registry.connect(newcomer.account).requestExit();
      const leftAt = (await l1.registry.sequencerInfo(newcomer.account.address)).leftAt;
      const seats = await l1.registry.sequencers();
      const members = await l1.registry.members();
      await time.increase(60);
      await expect(
        l1.registry.connect(l1.slasher).getFunction("slash(address,uint256,bytes32)")(
          newcomer.account.address,
          5000,
          FRAUD,
        ),
      )
        .to.emit(l1.registry, "SequencerJailed")
        .withArgs(newcomer.account.address, FRAUD);
      const info = await l1.registry.sequencerInfo(newcomer.account.address);
      expect([info.jailed, info.stake, info.leftAt]).to.deep.equal([true, STAKE / 2n, leftAt]); // the delay runs on
      expect(await l1.registry.sequencers()).to.deep.equal(seats);
      expect(await l1.registry.members()).to.deep.equal(members);
    });

    it("sends the treasury nothing when the prover's reward is the whole slash", async function () {
      const l1 = await loadFixture(fourSequencers);
      await l1.registry.connect(await governanceSigner(l1)).setRewardBps(10_000);
      const treasury = await l1.registry.treasury();
      const before = await l1.token.balanceOf(treasury);
      const prover = seededAddress("coverage address");
      const amount = STAKE / 10n;
      await expect(
        l1.registry.connect(l1.slasher).getFunction("slash(address,uint256,bytes32,address)")(
          l1.sequencers[0]!.account.address,
          1000,
          FRAUD,
          prover,
        ),
      )
        .to.emit(l1.registry, "SequencerSlashed")
        .withArgs(l1.sequencers[0]!.account.address, 1000, amount, prover, amount, FRAUD)
        .and.not.to.emit(l1.token, "Transfer");
      expect(await l1.token.balanceOf(treasury)).to.equal(before);
      expect(await l1.registry.claimable(prover)).to.equal(amount);
    });
  });

  describe("re-entry", function () {
    const calls: [string, (registry: SequencerRegistry, victim: string) => string][] = [
      ["stake", (r) => r.interface.encodeFunctionData("stake", [STAKE, seededAddress("coverage address")])],
      ["topUp", (r) => r.interface.encodeFunctionData("topUp", [1n])],
      ["withdraw", (r) => r.interface.encodeFunctionData("withdraw")],
      ["claim", (r) => r.interface.encodeFunctionData("claim")],
      [
        "slash(address,uint256,bytes32)",
        (r, victim) => r.interface.encodeFunctionData("slash(address,uint256,bytes32)", [victim, 10_000, FRAUD]),
      ],
      [
        "slash(address,uint256,bytes32,address)",
        (r, victim) =>
          r.interface.encodeFunctionData("slash(address,uint256,bytes32,address)", [
            victim,
            10_000,
            FRAUD,
            ZeroAddress,
          ]),
      ],
    ];
    for (const [name, encode] of calls) {
      it(`refuses ${name} from a stake token's transfer hook`, async function () {
        const l1 = await loadFixture(hookedRegistry);
        const registry = await l1.registry.getAddress();
        await l1.hooked.arm(registry, encode(l1.registry, l1.staker.address));
        // The staker's transfer into the registry runs the hook, which calls back in while stake is running.
        await expect(
          l1.registry.connect(l1.staker).stake(STAKE, seededAddress("coverage address")),
        ).to.be.revertedWithCustomError(l1.registry, "ReentrancyGuardReentrantCall");
        expect(await l1.registry.sequencers()).to.deep.equal([]);
        // Disarmed, the same stake goes through.
        await l1.hooked.arm(ZeroAddress, "0x");
        await l1.registry.connect(l1.staker).stake(STAKE, seededAddress("coverage address"));
        expect(await l1.registry.sequencers()).to.deep.equal([l1.staker.address]);
      });
    }
  });
});
