/**
 * deployL1's handover: every role constant of every deployed contract (read from the ABIs: the getters ending in
 * `_ROLE`) is checked for the deployer, which holds none; the timelock holds every admin and governor role and the
 * registry's slasher role, and is the treasury; the timelock answers only to the Governor. The wiring is frozen:
 * WIRING_ROLE administers every role but DEFAULT_ADMIN_ROLE and nobody holds it, so not even a passed proposal (the
 * timelock) can grant itself a role that rolls back, disputes, freezes or slashes, nor revoke one from its holder.
 */
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { ethers } from "hardhat";

import type { BatchChain } from "../../sdk/src/contracts/typechain";
import { deployL1, roleConstants } from "../../sdk/src/node";
import { governanceSigner } from "../helpers/governance";
import { GENESIS } from "../helpers/l1";

const WIRING_ROLE = ethers.id("WIRING_ROLE");

/** The contracts deployL1 hands over (every AccessControl one but the timelock). */
function handedOver(l1: Awaited<ReturnType<typeof deployL1>>) {
  return {
    registry: l1.registry,
    batchChain: l1.batchChain,
    disputeManager: l1.disputeManager,
    verifierRegistry: l1.verifierRegistry,
    daRequestManager: l1.daRequestManager,
    rewardPool: l1.rewardPool,
  };
}

async function deployed() {
  const [deployer] = await ethers.getSigners();
  const l1 = await deployL1(deployer!, { genesis: GENESIS, genesisBacking: 0n });
  return { l1, deployer: deployer!.address, timelock: await l1.timelock.getAddress() };
}

describe("governance handover: the deployer keeps no role", function () {
  it("the deployer holds no role of any contract; the timelock holds every admin and governor role", async function () {
    const { l1, deployer, timelock } = await loadFixture(deployed);
    const contracts = {
      registry: l1.registry,
      batchChain: l1.batchChain,
      disputeManager: l1.disputeManager,
      verifierRegistry: l1.verifierRegistry,
      daRequestManager: l1.daRequestManager,
      rewardPool: l1.rewardPool,
      timelock: l1.timelock,
    };
    let checked = 0;
    for (const [name, contract] of Object.entries(contracts)) {
      const roles = await roleConstants(contract);
      expect(roles.has("DEFAULT_ADMIN_ROLE"), `${name} has roles`).to.equal(true);
      for (const [role, id] of roles) {
        expect(await contract.hasRole(id, deployer), `${name}.${role} held by the deployer`).to.equal(false);
        checked++;
      }
      if (name === "timelock") continue;
      for (const role of ["DEFAULT_ADMIN_ROLE", "GOVERNOR_ROLE"]) {
        expect(await contract.hasRole(roles.get(role)!, timelock), `${name}.${role}`).to.equal(true);
      }
    }
    expect(checked).to.be.greaterThan(12);
    expect(await l1.registry.hasRole(await l1.registry.SLASHER_ROLE(), timelock)).to.equal(true);
  });

  it("leaves WIRING_ROLE, the admin of every role but DEFAULT_ADMIN_ROLE, to nobody: the timelock's admin role administers nothing", async function () {
    const { l1 } = await loadFixture(deployed);
    for (const [name, contract] of Object.entries(handedOver(l1))) {
      const roles = await roleConstants(contract);
      expect(roles.get("WIRING_ROLE"), `${name}.WIRING_ROLE`).to.equal(WIRING_ROLE);
      for (const [role, id] of roles) {
        const admin = role === "DEFAULT_ADMIN_ROLE" ? ethers.ZeroHash : WIRING_ROLE;
        expect(await contract.getRoleAdmin(id), `${name}.${role}'s admin`).to.equal(admin);
      }
      // Every account ever granted WIRING_ROLE (the deployer, in the constructor) has given it up.
      const granted = await contract.queryFilter(contract.filters.RoleGranted(WIRING_ROLE));
      const revoked = await contract.queryFilter(contract.filters.RoleRevoked(WIRING_ROLE));
      expect(granted.length, `${name}: WIRING_ROLE granted once`).to.equal(1);
      const holders = new Set(granted.map((e) => e.args.account));
      for (const e of revoked) holders.delete(e.args.account);
      expect([...holders], `${name}: WIRING_ROLE holders`).to.deep.equal([]);
    }
  });

  it("lets not even the timelock grant a role: rollback, disputer, DA, slasher and governor stay as deployL1 wired them", async function () {
    const { l1, timelock } = await loadFixture(deployed);
    const governance = await governanceSigner(l1);
    const batchChain = l1.batchChain.connect(governance);
    const registry = l1.registry.connect(governance);
    const cases: [string, Pick<BatchChain, "grantRole" | "hasRole" | "getAddress">, string][] = [
      ["BatchChain ROLLBACK_ROLE", batchChain, await batchChain.ROLLBACK_ROLE()],
      ["BatchChain DISPUTER_ROLE", batchChain, await batchChain.DISPUTER_ROLE()],
      ["BatchChain DA_ROLE", batchChain, await batchChain.DA_ROLE()],
      ["BatchChain WIRING_ROLE", batchChain, WIRING_ROLE],
      ["SequencerRegistry SLASHER_ROLE", registry, await registry.SLASHER_ROLE()],
    ];
    for (const [name, contract] of Object.entries(handedOver(l1))) {
      cases.push([`${name} GOVERNOR_ROLE`, contract.connect(governance), await contract.GOVERNOR_ROLE()]);
    }
    const someone = ethers.Wallet.createRandom().address;
    for (const [label, contract, role] of cases) {
      for (const account of [timelock, someone]) {
        const before = await contract.hasRole(role, account);
        await expect(contract.grantRole(role, account), label)
          .to.be.revertedWithCustomError(l1.batchChain, "AccessControlUnauthorizedAccount")
          .withArgs(timelock, WIRING_ROLE);
        expect(await contract.hasRole(role, account), label).to.equal(before);
      }
    }
    // Nor revoke one from the contract deployL1 wired it to: the DisputeManager keeps its rollback role.
    const disputeManager = await l1.disputeManager.getAddress();
    const rollback = await batchChain.ROLLBACK_ROLE();
    await expect(batchChain.revokeRole(rollback, disputeManager))
      .to.be.revertedWithCustomError(l1.batchChain, "AccessControlUnauthorizedAccount")
      .withArgs(timelock, WIRING_ROLE);
    expect(await l1.batchChain.hasRole(rollback, disputeManager)).to.equal(true);
    // It still holds what governance needs (the governor role it was given, and the registry's slasher role).
    expect(await l1.batchChain.hasRole(await l1.batchChain.GOVERNOR_ROLE(), timelock)).to.equal(true);
    expect(await l1.registry.hasRole(await l1.registry.SLASHER_ROLE(), timelock)).to.equal(true);
  });

  it("the timelock is the treasury: the registry's, and so the verifier registry's", async function () {
    const { l1, timelock } = await loadFixture(deployed);
    expect(await l1.registry.treasury()).to.equal(timelock);
  });

  it("the timelock answers only to the Governor: it proposes and cancels, anyone executes, no admin", async function () {
    const { l1, deployer, timelock } = await loadFixture(deployed);
    const t = l1.timelock;
    const governor = await l1.governor.getAddress();
    expect(await t.hasRole(await t.PROPOSER_ROLE(), governor)).to.equal(true);
    expect(await t.hasRole(await t.CANCELLER_ROLE(), governor)).to.equal(true);
    expect(await t.hasRole(await t.EXECUTOR_ROLE(), ZeroAddress)).to.equal(true);
    // Its admin role is its own (OpenZeppelin grants it to the timelock itself), and no one else's.
    expect(await t.hasRole(await t.DEFAULT_ADMIN_ROLE(), timelock)).to.equal(true);
    expect(await t.hasRole(await t.DEFAULT_ADMIN_ROLE(), governor)).to.equal(false);
    expect(await t.hasRole(await t.DEFAULT_ADMIN_ROLE(), deployer)).to.equal(false);
    expect(await l1.governor.timelock()).to.equal(timelock);
    expect(await l1.governor.token()).to.equal(await l1.token.getAddress());
    expect(await t.getMinDelay()).to.be.greaterThanOrEqual(14n * 86_400n);
  });

  it("refuses a timelock delay below 14 days (the longest fraud window plus the exit window) at deployment", async function () {
    const [deployer] = await ethers.getSigners();
    const factory = await ethers.getContractFactory("MetisTimelock", deployer);
    const week = 7 * 86_400;
    await expect(deployL1(deployer!, { genesis: GENESIS, genesisBacking: 0n, governance: { timelockDelay: week } }))
      .to.be.revertedWithCustomError(factory, "MetisTimelockDelayOutOfRange")
      .withArgs(week, 14 * 86_400, 30 * 86_400);
  });

  it("applies governance options within their bounds, and refuses a 0% quorum", async function () {
    const [deployer] = await ethers.getSigners();
    const l1 = await deployL1(deployer!, {
      genesis: GENESIS,
      genesisBacking: 0n,
      governance: { votingDelay: 3_600, votingPeriod: 86_400, quorumNumerator: 10, proposalThreshold: 10n ** 18n },
    });
    expect(await l1.governor.votingDelay()).to.equal(3_600n);
    expect(await l1.governor.votingPeriod()).to.equal(86_400n);
    expect(await l1.governor["quorumNumerator()"]()).to.equal(10n);
    expect(await l1.governor.proposalThreshold()).to.equal(10n ** 18n);
    const factory = await ethers.getContractFactory("MetisGovernor", deployer);
    await expect(deployL1(deployer!, { genesis: GENESIS, genesisBacking: 0n, governance: { quorumNumerator: 0 } }))
      .to.be.revertedWithCustomError(factory, "MetisGovernorParameterOutOfRange")
      .withArgs(0, 1, 50);
  });
});
