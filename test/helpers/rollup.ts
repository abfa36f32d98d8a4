/**
 * A whole rollup for integration tests: the L1 contracts on the Hardhat network with four staked sequencers (a
 * loadFixture snapshot), a fresh in-process L2 with its bridge, a DA store in a temporary directory, and a Sequencer
 * client per staked key.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { loadFixture } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import type { Wallet } from "ethers";
import hre, { ethers } from "hardhat";

import {
  addL2Relayer,
  bootstrapL2Bridge,
  createL2Chain,
  deployL1,
  ethBacking,
  FileDAStore,
  genesisLeaf,
  l2Node,
  rollupAddresses,
  type L1Parameters,
} from "../../sdk/src/node";
import type { DAStore } from "../../sdk/src/da/store";
import { Sequencer } from "../../sdk/src/sequencer/sequencer";
import { MemorySigningRecord } from "../../sdk/src/sequencer/signing-record";

import { beginEpoch, STAKE } from "./l1";
import { seededWallet } from "./seeded";

const directories: string[] = [];

/** Removes the DA directories the rollups of this test run created (call from an `after` hook). */
export function removeRollupDirectories(): void {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
}

/** L1 with four staked sequencers; the L2 genesis is pinned, so any L2 instance fits it. */
async function l1Fixture() {
  return deployRollupL1({});
}

/** L1 fixtures with other deploy parameters, by their parameters (each its own named fixture, so loadFixture caches it). */
const parameterFixtures = new Map<string, () => ReturnType<typeof deployRollupL1>>();

function l1FixtureWith(parameters: L1Parameters) {
  const key = JSON.stringify(parameters, (_, value: unknown) => (typeof value === "bigint" ? `${value}n` : value));
  let fixture = parameterFixtures.get(key);
  if (fixture === undefined) {
    fixture = async function l1FixtureWithParameters() {
      return deployRollupL1(parameters);
    };
    parameterFixtures.set(key, fixture);
  }
  return fixture;
}

async function deployRollupL1(extra: L1Parameters) {
  const genesis = await genesisLeaf(await createL2Chain(hre));
  const [deployer] = await ethers.getSigners();
  // An hour's rotation timeout, not the default minute: Hardhat's clock follows the wall clock, and this snapshot
  // serves the whole suite, so after a minute of tests the scheduled proposer would change every minute, now and then
  // between a sequencer's schedule check and its submission (SequencerRegistryNotScheduledProposer).
  const parameters = { minMembers: 4, minEpochStake: 4n * STAKE, rotationTimeout: 3600, ...extra };
  const l1 = await deployL1(deployer!, { genesis, parameters });
  const keys: Wallet[] = [];
  for (let i = 0; i < 4; i++) {
    const key = seededWallet("rollup sequencer", ethers.provider);
    await ethers.provider.send("hardhat_setBalance", [key.address, "0x56BC75E2D63100000"]);
    await (await l1.token.transfer(key.address, STAKE)).wait();
    await (await l1.token.connect(key).approve(await l1.registry.getAddress(), STAKE)).wait();
    await (await l1.registry.connect(key).stake(STAKE, key.address)).wait();
    keys.push(key);
  }
  await beginEpoch(l1.registry);
  return { l1, keys, deployer: deployer! };
}

/**
 * The L1 snapshot plus a fresh L2 chain with its bridge, a DA store and four sequencers, each relaying with its own
 * key. Deposits count as final on L1 at `confirmations` blocks deep (default 0: the local L1's `finalized` tag is its
 * latest block anyway). `parameters` deploys the L1 with those deploy parameters instead (short vote periods, say),
 * in a snapshot of its own. `store` puts every sequencer (and `r.store`) on that DA store instead of a FileDAStore in
 * a temporary directory (an S3DAStore over s3rver, say).
 */
export async function rollup<Store extends DAStore = FileDAStore>(
  options: { readonly confirmations?: number; readonly parameters?: L1Parameters; readonly store?: Store } = {},
) {
  const fixture = options.parameters === undefined ? l1Fixture : l1FixtureWith(options.parameters);
  const { l1, keys, deployer } = await loadFixture(fixture);
  // A restored snapshot keeps its latest block, and calls read that block's timestamp, but the next block would get
  // all the time that has passed since the snapshot was taken: past a rotation timeout, who is scheduled would differ
  // between a check and the submission after it, depending on how long the suite took to get here. So the L1 clock
  // resumes where the snapshot left it, as for a fresh fixture.
  const { timestamp } = (await ethers.provider.getBlock("latest"))!;
  await ethers.provider.send("evm_setNextBlockTimestamp", [timestamp + 1]);
  await ethers.provider.send("evm_mine", []);
  const l2 = await createL2Chain(hre);
  const l2Bridge = await bootstrapL2Bridge(l2);
  const relayers: Wallet[] = [];
  for (const key of keys) relayers.push(await addL2Relayer(l2, key));
  let store = options.store;
  if (store === undefined) {
    const directory = mkdtempSync(path.join(tmpdir(), "metis-da-"));
    directories.push(directory);
    store = new FileDAStore(directory) as DAStore as Store; // Store is FileDAStore when no store is given
  }
  const addresses = await rollupAddresses(l1, l2.bridgeAddress);
  const l1Finality = { confirmations: options.confirmations ?? 0 };
  // Each key's signing record is in its config, so a client made from `{ ...sequencer.config }` shares it, as a
  // restarted client on the same key's persistent record would.
  const sequencers = keys.map(
    (key, i) =>
      new Sequencer({
        key,
        ...addresses,
        l2: l2.provider,
        store,
        relayer: relayers[i],
        l1Finality,
        record: new MemorySigningRecord(),
      }),
  );
  return { l1, l2, l2Bridge, store, sequencers, deployer, addresses, node: l2Node(l2) };
}

export type Rollup = Awaited<ReturnType<typeof rollup<DAStore>>>;

/** The sequencer scheduled to propose now. */
export async function scheduled(r: Rollup): Promise<Sequencer> {
  for (const sequencer of r.sequencers) if (await sequencer.isScheduled()) return sequencer;
  throw new Error("no sequencer is scheduled");
}

/** The sequencer the rotation offers the next batch to once the scheduled one has let one timeout pass. */
export async function nextInRotation(r: Rollup): Promise<Sequencer> {
  const [count, [, , , lastAcceptedAt], timeout] = await Promise.all([
    r.l1.batchChain.batchCount(),
    r.l1.batchChain.tip(),
    r.l1.registry.rotationTimeout(),
  ]);
  const [signer] = await r.l1.registry.scheduledProposer(count, lastAcceptedAt - timeout);
  const next = r.sequencers.find((s) => s.address === signer);
  if (!next) throw new Error(`${signer} is no sequencer of this rollup`);
  return next;
}

/** Has the scheduled sequencer propose the next batch, signed by all the others. */
export async function proposeNext(r: Rollup) {
  const proposer = await scheduled(r);
  return proposer.propose(r.sequencers.filter((s) => s !== proposer));
}

/** Asserts the value invariant: native L2 ETH outside the L2 bridge's reserve is at most the L1 bridge's escrow. */
export async function expectEthBacked(r: Rollup): Promise<void> {
  const { outside, escrow } = await ethBacking(r.l2, r.l1.bridge, ethers.provider);
  expect(outside <= escrow, `L2 ETH outside the reserve (${outside}) exceeds the L1 escrow (${escrow})`).to.equal(true);
}
