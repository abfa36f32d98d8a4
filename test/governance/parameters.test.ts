/**
 * Every governance parameter, driven by the SDK's one list (sdk/src/governance/parameters.ts): the README's table is
 * the one generated from Constants.sol, the list covers every DEFAULT_ constant with the same default and bounds, and
 * on a fresh deployment each getter returns its default and each setter refuses `min - 1` and `max + 1` with its
 * contract's error (the Governor's own settings through real proposals, since only its timelock may call them).
 */
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { ethers } from "hardhat";

import { PARAMETERS, parameterContract, readParameters, type ParameterSpec } from "../../sdk/src/governance";
import { deployL1 } from "../../sdk/src/node";
import {
  CONSTANTS_PATH,
  README_PATH,
  generatedTable,
  normalizeTable,
  parameterRows,
  parseConstants,
  readmeTable,
} from "../../scripts/lib/params-table";
import { governanceSigner } from "../helpers/governance";
import { GENESIS, fundedWallet } from "../helpers/l1";

async function fresh() {
  const [deployer] = await ethers.getSigners();
  const l1 = await deployL1(deployer!, { genesis: GENESIS, genesisBacking: 0n });
  await (await l1.token.connect(deployer!).delegate(deployer!.address)).wait();
  return { l1, deployer: deployer! };
}

/** The bad values of `spec`: one below its least value (unless that is 0) and one above its most. */
const badValues = (spec: ParameterSpec) => [spec.min - 1n, spec.max + 1n].filter((v) => v >= 0n);

describe("governance parameters: one list, bounded setters, the README's table", function () {
  it("README.md's table is the one generated from Constants.sol", function () {
    const written = normalizeTable(readmeTable(readFileSync(README_PATH, "utf8")));
    expect(written).to.equal(normalizeTable(generatedTable()));
  });

  it("the SDK's list covers every DEFAULT_ constant of Constants.sol, with its default and bounds", function () {
    const rows = parameterRows(parseConstants(readFileSync(CONSTANTS_PATH, "utf8")));
    expect(rows.length).to.be.greaterThan(30);
    for (const row of rows) {
      const spec = PARAMETERS.find((p) => p.constant === row.key);
      expect(spec, `no SDK parameter for DEFAULT_${row.key}`).to.not.equal(undefined);
      expect([spec!.default, spec!.min, spec!.max], row.key).to.deep.equal([row.default, row.min, row.max]);
      expect(row.min <= row.default && row.default <= row.max, `${row.key}: default within bounds`).to.equal(true);
    }
    expect(PARAMETERS.map((p) => p.constant)).to.have.members(rows.map((r) => r.key));
    expect(new Set(PARAMETERS.map((p) => p.name)).size).to.equal(PARAMETERS.length);
  });

  it("the escalation period holds a whole proposal (voting delay + voting period + timelock delay) at the defaults", async function () {
    const { l1 } = await loadFixture(fresh);
    const v = await readParameters(l1);
    const proposal = v.votingDelay! + v.votingPeriod! + v.timelockDelay!;
    // decideDispute is proposed only once the vote went without turnout, and must execute before escalation ends.
    expect(proposal).to.equal(19n * 86_400n);
    expect(v.escalationPeriod! - proposal).to.be.greaterThanOrEqual(2n * 86_400n);
  });

  it("a fresh deployment reads every parameter at its default", async function () {
    const { l1 } = await loadFixture(fresh);
    const values = await readParameters(l1);
    for (const spec of PARAMETERS) expect(values[spec.name], spec.name).to.equal(spec.default);
  });

  it("every contract setter refuses min - 1 and max + 1 with its error, and a stranger; state unchanged", async function () {
    const { l1 } = await loadFixture(fresh);
    const governance = await governanceSigner(l1);
    const stranger = await fundedWallet();
    for (const spec of PARAMETERS.filter((p) => p.contract !== "governor")) {
      const contract = parameterContract(l1, spec);
      for (const bad of badValues(spec)) {
        await expect(contract.connect(governance).getFunction(spec.setter)(bad)).to.be.revertedWithCustomError(
          contract,
          spec.error,
        );
      }
      await expect(contract.connect(stranger).getFunction(spec.setter)(spec.default), spec.name).to.be.reverted;
    }
    const values = await readParameters(l1);
    for (const spec of PARAMETERS) expect(values[spec.name], spec.name).to.equal(spec.default);
  });

  it("every contract setter emits <Parameter>Updated(old, new) for governance", async function () {
    const { l1 } = await loadFixture(fresh);
    const governance = await governanceSigner(l1);
    for (const spec of PARAMETERS.filter((p) => p.contract !== "governor")) {
      const contract = parameterContract(l1, spec);
      await expect(contract.connect(governance).getFunction(spec.setter)(spec.default), spec.name)
        .to.emit(contract, spec.event)
        .withArgs(spec.default, spec.default);
    }
  });

  it("the Governor's settings refuse min - 1 and max + 1 even by proposal, and a direct call", async function () {
    const { l1, deployer } = await loadFixture(fresh);
    const { governor } = l1;
    const specs = PARAMETERS.filter((p) => p.contract === "governor");
    expect(specs.map((s) => s.name)).to.have.members([
      "votingDelay",
      "votingPeriod",
      "proposalThreshold",
      "quorumNumerator",
    ]);
    const target = await governor.getAddress();
    const proposals = specs.flatMap((spec) =>
      badValues(spec).map((bad, i) => ({
        spec,
        bad,
        targets: [target],
        values: [0n],
        calldatas: [governor.interface.encodeFunctionData(spec.setter as "setVotingDelay", [bad])],
        description: `${spec.name} = ${bad} (${i})`,
      })),
    );
    for (const p of proposals) await (await governor.propose(p.targets, p.values, p.calldatas, p.description)).wait();
    const ids = await Promise.all(
      proposals.map((p) => governor.hashProposal(p.targets, p.values, p.calldatas, ethers.id(p.description))),
    );
    await time.increase(Number(await governor.votingDelay()) + 1);
    for (const id of ids) await (await governor.connect(deployer).castVote(id, 1)).wait();
    await time.increase(Number(await governor.votingPeriod()) + 1);
    for (const p of proposals) {
      await (await governor.queue(p.targets, p.values, p.calldatas, ethers.id(p.description))).wait();
    }
    await time.increase(Number(await l1.timelock.getMinDelay()) + 1);
    await mine();
    for (const p of proposals) {
      await expect(governor.execute(p.targets, p.values, p.calldatas, ethers.id(p.description)), p.description)
        .to.be.revertedWithCustomError(governor, "MetisGovernorParameterOutOfRange")
        .withArgs(p.bad, p.spec.min, p.spec.max);
    }
    const stranger = await fundedWallet();
    for (const spec of specs) {
      await expect(governor.connect(stranger).getFunction(spec.setter)(spec.default))
        .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
        .withArgs(stranger.address);
    }
    const values = await readParameters(l1);
    for (const spec of specs) expect(values[spec.name], spec.name).to.equal(spec.default);
  });

  it("a proposal sets the Governor's settings, each emitting <Parameter>Updated(old, new)", async function () {
    const { l1, deployer } = await loadFixture(fresh);
    const { governor } = l1;
    const specs = PARAMETERS.filter((p) => p.contract === "governor");
    const targets = specs.map(() => governor.target as string);
    const values = specs.map(() => 0n);
    const calldatas = specs.map((s) => governor.interface.encodeFunctionData(s.setter as "setVotingDelay", [s.min]));
    const description = "the Governor's settings at their least";
    await (await governor.propose(targets, values, calldatas, description)).wait();
    const id = await governor.hashProposal(targets, values, calldatas, ethers.id(description));
    await time.increase(Number(await governor.votingDelay()) + 1);
    await (await governor.connect(deployer).castVote(id, 1)).wait();
    await time.increase(Number(await governor.votingPeriod()) + 1);
    await (await governor.queue(targets, values, calldatas, ethers.id(description))).wait();
    await time.increase(Number(await l1.timelock.getMinDelay()) + 1);
    const tx = governor.execute(targets, values, calldatas, ethers.id(description));
    for (const spec of specs) await expect(tx).to.emit(governor, spec.event).withArgs(spec.default, spec.min);
    const after = await readParameters(l1);
    for (const spec of specs) expect(after[spec.name], spec.name).to.equal(spec.min);
  });
});
