/**
 * deployL1's handover: every role constant of every deployed contract (read from the ABIs: the getters ending in
 * `_ROLE`) is checked for the deployer, which holds none; the timelock holds every admin and governor role and the
 * registry's slasher role, and is the treasury; the timelock answers only to the Governor.
 */
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { ethers } from "hardhat";

import { deployL1, roleConstants } from "../../sdk/src/node";
import { GENESIS } from "../helpers/l1";

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
