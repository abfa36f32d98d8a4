import { expect } from "chai";
import hre, { ethers } from "hardhat";

import * as constants from "../../sdk/src/proof/constants";
import {
  BATCH_STATUSES,
  DISPUTE_FAULTS,
  DISPUTE_OUTCOMES,
  DISPUTE_STATUSES,
  EPOCH_SEED_DELAY,
  L2_BRIDGE_SLOTS,
  MAX_DA_WINDOW,
  MAX_FRAUD_WINDOW,
  MAX_SEATS,
  SEQUENCER_STATUSES,
  TOKEN_NAME_MAX_BYTES,
  TOKEN_SYMBOL_MAX_BYTES,
  VERIFIER_STATUSES,
  VOTE_PHASES,
  WITHDRAWAL_STATUSES,
  WITHDRAWAL_TREE_DEPTH,
} from "../../sdk/src/proof";
import { removeRollupDirectories, rollup } from "../helpers/rollup";

/** The member names of enum `name` (as `Contract.Enum`) declared in the source file `source`, from the compiler's AST. */
async function enumMembers(source: string, contract: string, name: string): Promise<string[]> {
  const info = await hre.artifacts.getBuildInfo(`${source}:${contract}`);
  const found: string[][] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    const record = node as { nodeType?: string; canonicalName?: string; members?: { name: string }[] };
    if (record.nodeType === "EnumDefinition" && record.canonicalName === name) {
      found.push(record.members!.map((member) => member.name));
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(info?.output.sources[source]?.ast);
  expect(found, `enum ${name} in ${source}`).to.have.length(1);
  return found[0]!;
}

describe("sdk/proof/constants: the protocol constants agree with the deployed contracts", function () {
  after(removeRollupDirectories);

  it("mirrors every constant of Constants.sol under the same name and value", async function () {
    const harness = await (await ethers.getContractFactory("ConstantsHarness")).deploy();
    const names: string[] = [];
    harness.interface.forEachFunction((fragment) => names.push(fragment.name));
    expect(names.length).to.be.greaterThan(30);
    const sdk = constants as unknown as Record<string, number | bigint | undefined>;
    for (const name of names) {
      expect(name in sdk, `the SDK lacks ${name}`).to.equal(true);
      const value = (await harness.getFunction(name).staticCall()) as bigint;
      expect(BigInt(sdk[name]!), name).to.equal(value);
    }
  });

  it("matches the deployed defaults and public constants", async function () {
    const { l1 } = await rollup();
    const registry = await ethers.deployContract("SequencerRegistry", [
      await l1.token.getAddress(),
      (await ethers.getSigners())[0]!.address,
      (await ethers.getSigners())[0]!.address,
      await l1.batchChain.getAddress(),
    ]);
    expect(await registry.minStake()).to.equal(constants.DEFAULT_MIN_STAKE);
    expect(await registry.maxStake()).to.equal(constants.DEFAULT_MAX_STAKE);
    expect(await registry.maxSequencers()).to.equal(constants.DEFAULT_MAX_SEQUENCERS);
    expect(await registry.exitDelay()).to.equal(constants.DEFAULT_EXIT_DELAY);
    expect(await registry.epochDuration()).to.equal(constants.DEFAULT_EPOCH_DURATION);
    expect(await registry.rotationTimeout()).to.equal(constants.DEFAULT_ROTATION_TIMEOUT);
    expect(await registry.maxMissedTurns()).to.equal(constants.DEFAULT_MAX_MISSED_TURNS);
    expect(await registry.rewardBps()).to.equal(constants.DEFAULT_REWARD_BPS);
    expect(await registry.minMembers()).to.equal(constants.DEFAULT_MIN_MEMBERS);
    expect(await registry.minEpochStake()).to.equal(constants.DEFAULT_MIN_EPOCH_STAKE);
    expect(await l1.registry.FRAUD_WINDOW_CAP()).to.equal(MAX_FRAUD_WINDOW);
    expect(await l1.registry.DA_WINDOW_CAP()).to.equal(MAX_DA_WINDOW);
  });

  it("matches SequencerRegistry's seats, window caps and seed delay", async function () {
    const { l1 } = await rollup();
    expect(await l1.registry.MAX_SEATS()).to.equal(BigInt(MAX_SEATS));
    expect(await l1.registry.EPOCH_SEED_DELAY()).to.equal(EPOCH_SEED_DELAY);
  });

  it("matches the L2 bridge's tree depth, storage slots and metadata bounds", async function () {
    const { l2Bridge } = await rollup();
    expect(await l2Bridge.WITHDRAWAL_TREE_DEPTH()).to.equal(BigInt(WITHDRAWAL_TREE_DEPTH));
    expect([
      await l2Bridge.DEPOSIT_COUNT_SLOT(),
      await l2Bridge.DEPOSIT_CHAIN_SLOT(),
      await l2Bridge.WITHDRAWAL_ROOT_SLOT(),
    ]).to.deep.equal([L2_BRIDGE_SLOTS.depositCount, L2_BRIDGE_SLOTS.depositChainHash, L2_BRIDGE_SLOTS.withdrawalRoot]);
    expect(await l2Bridge.MAX_NAME_BYTES()).to.equal(BigInt(TOKEN_NAME_MAX_BYTES));
    expect(await l2Bridge.MAX_SYMBOL_BYTES()).to.equal(BigInt(TOKEN_SYMBOL_MAX_BYTES));
  });

  it("lists every enum's values in the contracts' order", async function () {
    const types = "contracts/libraries/Types.sol";
    const disputes = "contracts/interfaces/IDisputeManager.sol";
    const verifiers = "contracts/interfaces/IVerifierRegistry.sol";
    const cases: [readonly string[], string, string, string][] = [
      [BATCH_STATUSES, types, "Types", "Types.BatchStatus"],
      [SEQUENCER_STATUSES, types, "Types", "Types.SequencerStatus"],
      [WITHDRAWAL_STATUSES, types, "Types", "Types.WithdrawalStatus"],
      [DISPUTE_OUTCOMES, types, "Types", "Types.Outcome"],
      [DISPUTE_FAULTS, disputes, "IDisputeManager", "IDisputeManager.Fault"],
      [DISPUTE_STATUSES, disputes, "IDisputeManager", "IDisputeManager.DisputeStatus"],
      [VOTE_PHASES, verifiers, "IVerifierRegistry", "IVerifierRegistry.VotePhase"],
      [VERIFIER_STATUSES, verifiers, "IVerifierRegistry", "IVerifierRegistry.VerifierStatus"],
    ];
    for (const [list, source, contract, name] of cases) {
      expect([...list], name).to.deep.equal(await enumMembers(source, contract, name));
    }
    expect(DISPUTE_FAULTS.indexOf("Execution")).to.equal(15);
  });

  it("names the values DisputeManager and VerifierRegistry return", async function () {
    const { l1 } = await rollup();
    const [status, endsAt] = await l1.disputeManager.disputeStatus(ethers.ZeroHash);
    expect([DISPUTE_STATUSES[Number(status)], endsAt]).to.deep.equal(["None", 0n]);
    const [phase] = await l1.verifierRegistry.votePhase(ethers.ZeroHash, 0);
    expect(VOTE_PHASES[Number(phase)]).to.equal("None");
    expect(VERIFIER_STATUSES[Number(await l1.verifierRegistry.verifierStatus(ethers.ZeroAddress))]).to.equal("None");
    const { outcome } = await l1.disputeManager.executionDispute(ethers.ZeroHash);
    expect(DISPUTE_OUTCOMES[Number(outcome)]).to.equal("None");
  });

  it("names the status values BatchChain and L1Bridge return", async function () {
    const { l1 } = await rollup();
    // The genesis batch is final from the start; no withdrawal has been paid.
    expect(BATCH_STATUSES[Number(await l1.batchChain.batchStatus(0))]).to.equal("Finalized");
    expect(BATCH_STATUSES[Number(await l1.batchChain.batchStatus(1))]).to.equal("None");
    expect(WITHDRAWAL_STATUSES[Number(await l1.bridge.withdrawalStatus(ethers.ZeroHash))]).to.equal("Unfinalized");
    expect(SEQUENCER_STATUSES[Number(await l1.registry.sequencerStatus(ethers.ZeroAddress))]).to.equal("None");
  });
});
