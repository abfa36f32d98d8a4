/**
 * Clients driven from a Deployment alone (built from a rollup() fixture as a deployments/<network>.json would hold it):
 * a Sequencer relays a deposit and proposes, a Verifier syncs and checks every batch, and every `eth_getLogs` they send
 * starts at or after the deployment block and spans at most the configured chunk, with progress reported per range.
 */
import { expect } from "chai";
import { parseEther } from "ethers";
import hre, { ethers } from "hardhat";

import type { LogScanProgress } from "../../sdk/src/contracts/logs";
import { genesisLeafOf, parseDeployment, type Deployment } from "../../sdk/src/deployments";
import {
  DeploymentAddressMismatchError,
  DeploymentAddressMissingError,
  DeploymentGenesisMismatchError,
} from "../../sdk/src/errors/deployment";
import { L1Bridge__factory, L2Bridge__factory } from "../../sdk/src/contracts";
import { DAAnswerer } from "../../sdk/src/sequencer/da-answerer";
import { relayPendingDeposits } from "../../sdk/src/sequencer/deposits";
import { L1DataSource } from "../../sdk/src/da/l1-source";
import { deploymentContracts } from "../../sdk/src/deployments/connect";
import { readParameters } from "../../sdk/src/governance/parameters";
import { pauseStatus } from "../../sdk/src/governance/pause";
import { createL2Replica } from "../../sdk/src/node";
import { RewardKeeper } from "../../sdk/src/sequencer/rewards-keeper";
import { Challenger } from "../../sdk/src/verifier/challenger";
import { getDisputeStatus } from "../../sdk/src/verifier/disputes";
import { Voter } from "../../sdk/src/verifier/voter";
import { blockLeaf } from "../../sdk/src/proof";
import { Sequencer } from "../../sdk/src/sequencer/sequencer";
import { Verifier } from "../../sdk/src/verifier/verifier";
import { deploymentOf, recordingL1, type LogRange } from "../helpers/deployment";
import { removeRollupDirectories, rollup, scheduled, type Rollup } from "../helpers/rollup";
import { transfers } from "../helpers/verifier";

const CHUNK = 4;

/** Every range starts at or after `first` and spans 1 to `chunk` blocks. */
function expectBounded(ranges: readonly LogRange[], first: number, chunk: number): void {
  expect(ranges).to.not.deep.equal([]);
  for (const range of ranges) {
    expect(range.fromBlock, JSON.stringify(range)).to.be.at.least(first);
    expect(range.toBlock - range.fromBlock + 1, JSON.stringify(range)).to.be.within(1, chunk);
  }
}

/** Progress reports come one per range, each scan's in order, and each ends at done === total. */
function expectScans(progress: readonly LogScanProgress[], ranges: readonly LogRange[]): void {
  expect(progress.length).to.equal(ranges.length);
  for (const [i, p] of progress.entries()) {
    expect(p.to - p.from + 1).to.be.within(1, CHUNK);
    expect(p.done).to.be.within(1, p.total);
    const next = progress[i + 1];
    // A scan ends where done reaches total; otherwise the next report is of the same scan, further on.
    if (next !== undefined && p.done !== p.total) expect(next.done).to.be.greaterThan(p.done);
  }
  expect(progress.at(-1)!.done).to.equal(progress.at(-1)!.total);
}

/** A sequencer on the scheduled key of `r`, made from `deployment` and the L1 provider `l1` alone. */
async function deployedSequencer(r: Rollup, deployment: Deployment, l1: ReturnType<typeof recordingL1>["provider"]) {
  const template = await scheduled(r);
  const progress: LogScanProgress[] = [];
  const sequencer = new Sequencer({
    deployment,
    key: template.config.key.connect(l1),
    l2: r.l2.provider,
    store: r.store,
    relayer: template.config.relayer,
    l1Finality: { confirmations: 0 },
    logChunk: CHUNK,
    onScanProgress: (p) => progress.push(p),
  });
  return { sequencer, progress, peers: r.sequencers.filter((s) => s !== template) };
}

describe("integration: clients from a deployment", function () {
  after(removeRollupDirectories);

  it("a Sequencer relays and proposes, and a Verifier checks, from { deployment, providers, signer } alone", async function () {
    const r = await rollup();
    const deployment = await deploymentOf(r);
    expect(deployment.deploymentBlock).to.be.greaterThan(0);
    expect(deployment.contracts.batchChain).to.equal(r.addresses.batchChain.toLowerCase());
    const l1 = recordingL1();

    await (await r.l1.bridge.depositETH(r.l2.users[2]!.address, { value: parseEther("1") })).wait();
    await transfers(r, 2);
    const { sequencer, progress, peers } = await deployedSequencer(r, deployment, l1.provider);
    expect(sequencer.config).to.include({
      batchChain: deployment.contracts.batchChain,
      registry: deployment.contracts.registry,
      l1Bridge: deployment.contracts.l1Bridge,
      l2Bridge: deployment.contracts.l2Bridge,
      daRequestManager: deployment.contracts.daRequestManager,
      rewardPool: deployment.contracts.rewardPool,
    });
    const { batch } = await sequencer.propose(peers);
    expect(batch.header.batchIndex).to.equal(1n);
    expect(batch.header.depositCount).to.equal(1n);
    expect(await r.l1.batchChain.batchCount()).to.equal(2n);
    // The deposit scan went from the deployment block, in ranges of CHUNK, each reported.
    const depositScan = l1.ranges.filter((range) => range.address === deployment.contracts.l1Bridge);
    expect(depositScan[0]!.fromBlock).to.equal(deployment.deploymentBlock);
    expectBounded(l1.ranges, deployment.deploymentBlock, CHUNK);
    expectScans(progress, l1.ranges);

    l1.ranges.length = 0;
    const scans: LogScanProgress[] = [];
    const verifier = new Verifier({
      deployment,
      l1: l1.provider,
      store: r.store,
      l2: r.l2.provider,
      replica: await createL2Replica(hre),
      logChunk: CHUNK,
      onScanProgress: (p) => scans.push(p),
    });
    const { findings, progress: synced } = await verifier.sync();
    expect(findings).to.deep.equal([]);
    expect(verifier.chain.map((b) => b.state)).to.deep.equal(["checked", "checked"]);
    expect(synced.l1Block).to.equal(BigInt(await ethers.provider.getBlockNumber()));
    expect(l1.ranges[0]!.fromBlock).to.equal(deployment.deploymentBlock);
    expectBounded(l1.ranges, deployment.deploymentBlock, CHUNK);
    expectScans(scans, l1.ranges);
    expect(scans[0]).to.include({ from: deployment.deploymentBlock, done: CHUNK });
  });

  it("relays from the deployment block, then from the last deposit it found, unless the L2 is not past it", async function () {
    const r = await rollup();
    const deployment = await deploymentOf(r);
    const l1 = recordingL1();
    const l1Bridge = L1Bridge__factory.connect(deployment.contracts.l1Bridge, l1.provider);
    const l2Bridge = L2Bridge__factory.connect(deployment.contracts.l2Bridge, r.sequencers[0]!.config.relayer!);
    const deposit = async () => {
      const receipt = await (await r.l1.bridge.depositETH(r.l2.users[2]!.address, { value: 1n })).wait();
      return receipt!.blockNumber;
    };
    const scanOf = () => l1.ranges.splice(0).filter((range) => range.address === deployment.contracts.l1Bridge);
    const options = { finality: { confirmations: 0 }, fromBlock: deployment.deploymentBlock, logChunk: CHUNK };

    const first = await deposit();
    const one = await relayPendingDeposits(l1Bridge, l2Bridge, options);
    expect(one).to.deep.include({ relayed: 1, lastDeposit: { index: 0n, l1Block: first } });
    expect(scanOf()[0]!.fromBlock).to.equal(deployment.deploymentBlock);

    const second = await deposit();
    const two = await relayPendingDeposits(l1Bridge, l2Bridge, { ...options, after: one.lastDeposit });
    expect(two).to.deep.include({ relayed: 1, lastDeposit: { index: 1n, l1Block: second } });
    const scan = scanOf();
    expect(scan[0]!.fromBlock).to.equal(first);
    expectBounded(scan, first, CHUNK);

    // Nothing pending: no scan at all.
    expect(await relayPendingDeposits(l1Bridge, l2Bridge, { ...options, after: two.lastDeposit })).to.include({
      relayed: 0,
    });
    expect(scanOf()).to.deep.equal([]);

    // A known deposit the L2 has not relayed past (an L2 rewound below it) is no bound: the scan starts at fromBlock.
    await deposit();
    const three = await relayPendingDeposits(l1Bridge, l2Bridge, {
      ...options,
      after: { index: 2n, l1Block: second + 5 },
    });
    expect(three).to.include({ relayed: 1 });
    expect(scanOf()[0]!.fromBlock).to.equal(deployment.deploymentBlock);
  });

  it("refuses an address that contradicts the deployment, or none at all, before anything is sent", async function () {
    const r = await rollup();
    const deployment = await deploymentOf(r);
    const key = r.sequencers[0]!.config.key;
    const common = { key, l2: r.l2.provider, store: r.store };
    expect(() => new Sequencer({ ...common, deployment, batchChain: deployment.contracts.registry }))
      .to.throw(DeploymentAddressMismatchError)
      .that.includes({ client: "Sequencer", field: "batchChain", expected: deployment.contracts.batchChain });
    const { registry, l1Bridge, l2Bridge } = r.addresses;
    expect(() => new Sequencer({ ...common, registry, l1Bridge, l2Bridge }))
      .to.throw(DeploymentAddressMissingError)
      .that.includes({ client: "Sequencer", field: "batchChain" });
    // The same addresses given both ways (in any case) are accepted.
    const both = new Sequencer({
      ...common,
      deployment,
      ...r.addresses,
      batchChain: r.addresses.batchChain.toUpperCase().replace("0X", "0x"),
    });
    expect(both.config.rewardPool).to.equal(r.addresses.rewardPool);
  });

  it("every other client and helper takes the deployment: Voter, Challenger, DAAnswerer, L1DataSource, RewardKeeper, deploymentContracts", async function () {
    const r = await rollup();
    const deployment = await deploymentOf(r);
    const l1 = recordingL1();
    const signer = r.sequencers[0]!.config.key.connect(l1.provider);
    const c = deployment.contracts;
    const scans: LogScanProgress[] = [];
    const voter = new Voter({
      deployment,
      signer,
      judge: () => undefined,
      logChunk: CHUNK,
      onScanProgress: (p) => scans.push(p),
    });
    expect(voter.config.disputeManager).to.equal(c.disputeManager);
    const report = await voter.poll();
    expect(report.open).to.deep.equal([]);
    expect(l1.ranges.filter((range) => range.address === c.disputeManager)[0]!.fromBlock).to.equal(
      deployment.deploymentBlock,
    );
    expectBounded(l1.ranges, deployment.deploymentBlock, CHUNK);
    expect(scans.at(-1)!.done).to.equal(scans.at(-1)!.total);
    expect(new Challenger({ deployment, signer }).config).to.include({
      disputeManager: c.disputeManager,
      registry: c.registry,
    });
    const answerer = new DAAnswerer({ deployment, poster: signer, l2: r.l2.provider, signed: async () => false });
    expect(answerer.config).to.include({
      daRequestManager: c.daRequestManager,
      batchChain: c.batchChain,
      l2Bridge: c.l2Bridge,
    });
    expect(new L1DataSource({ deployment, l1: l1.provider }).config.daRequestManager).to.equal(c.daRequestManager);
    const keeper = new RewardKeeper({ deployment, settler: signer, account: signer });
    expect(keeper.config).to.include({ rewardPool: c.rewardPool, batchChain: c.batchChain });
    // The function helpers take contracts: deploymentContracts connects every one of the deployment's.
    const contracts = deploymentContracts(deployment, ethers.provider);
    for (const [name, contract] of Object.entries(contracts)) {
      const expected = name === "bridge" ? c.l1Bridge : c[name as keyof typeof c];
      expect((await contract.getAddress()).toLowerCase(), name).to.equal(expected);
    }
    expect(await readParameters(contracts)).to.deep.equal(await readParameters(r.l1));
    expect(await pauseStatus(contracts.batchChain)).to.deep.equal(await pauseStatus(r.l1.batchChain));
    expect((await getDisputeStatus(contracts.disputeManager, `0x${"00".repeat(32)}`)).status).to.equal("None");
  });

  it("a Verifier refuses a deployment whose genesis is not batch 0's (DeploymentGenesisMismatchError)", async function () {
    const r = await rollup();
    const deployment = await deploymentOf(r);
    const wrong = parseDeployment({
      ...deployment,
      genesis: { ...deployment.genesis, stateRoot: `0x${"11".repeat(32)}` },
    });
    const verifier = new Verifier({
      deployment: wrong,
      l1: ethers.provider,
      store: r.store,
      replica: await createL2Replica(hre),
    });
    try {
      await verifier.sync();
      expect.fail("it synced");
    } catch (error) {
      expect(error).to.be.instanceOf(DeploymentGenesisMismatchError);
      expect(error).to.include({
        expected: blockLeaf(genesisLeafOf(deployment)),
        actual: blockLeaf(genesisLeafOf(wrong)),
      });
    }
  });
});
