/**
 * A whole rollup for integration tests: the L1 contracts on the Hardhat network with four staked sequencers (a
 * loadFixture snapshot), a fresh in-process L2 with its bridge, a DA store in a temporary directory, and a Sequencer
 * client per staked key.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { Wallet } from "ethers";
import hre, { ethers } from "hardhat";

import {
  addL2Relayer,
  bootstrapL2Bridge,
  createL2Chain,
  ethBacking,
  genesisLeaf,
  l2Node,
} from "../../scripts/devnet/l2-chain";
import { deployL1 } from "../../scripts/lib/deploy-l1";
import { FileDAStore } from "../../sdk/src/da/file-store";
import { Sequencer } from "../../sdk/src/sequencer/sequencer";

import { beginEpoch, STAKE } from "./l1";

const directories: string[] = [];

/** Removes the DA directories the rollups of this test run created (call from an `after` hook). */
export function removeRollupDirectories(): void {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
}

/** L1 with four staked sequencers; the L2 genesis is pinned, so any L2 instance fits it. */
async function l1Fixture() {
  const genesis = await genesisLeaf(await createL2Chain(hre));
  const [deployer] = await ethers.getSigners();
  const l1 = await deployL1(deployer!, { genesis, parameters: { minMembers: 4, minEpochStake: 4n * STAKE } });
  const keys: Wallet[] = [];
  for (let i = 0; i < 4; i++) {
    const key = new Wallet(Wallet.createRandom().privateKey, ethers.provider);
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
 * latest block anyway).
 */
export async function rollup(options: { readonly confirmations?: number } = {}) {
  const { l1, keys, deployer } = await loadFixture(l1Fixture);
  // The L1 clock follows the wall clock, also from a restored snapshot: a rollup taken long after the fixture (a slow
  // run, `npm run coverage`) would otherwise start with rotation timeouts already passed since batch 0, and its
  // schedule could turn between a proposer's check and its submission. Each rollup starts one second after it.
  await time.increaseTo((await time.latest()) + 1);
  const l2 = await createL2Chain(hre);
  const l2Bridge = await bootstrapL2Bridge(l2);
  const relayers: Wallet[] = [];
  for (const key of keys) relayers.push(await addL2Relayer(l2, key));
  const directory = mkdtempSync(path.join(tmpdir(), "metis-da-"));
  directories.push(directory);
  const store = new FileDAStore(directory);
  const addresses = {
    batchChain: await l1.batchChain.getAddress(),
    registry: await l1.registry.getAddress(),
    l1Bridge: await l1.bridge.getAddress(),
    l2Bridge: l2.bridgeAddress,
  };
  const l1Finality = { confirmations: options.confirmations ?? 0 };
  const sequencers = keys.map(
    (key, i) => new Sequencer({ key, ...addresses, l2: l2.provider, store, relayer: relayers[i], l1Finality }),
  );
  return { l1, l2, l2Bridge, store, sequencers, deployer, addresses, node: l2Node(l2) };
}

export type Rollup = Awaited<ReturnType<typeof rollup>>;

/** The sequencer scheduled to propose now. */
export async function scheduled(r: Rollup): Promise<Sequencer> {
  for (const sequencer of r.sequencers) if (await sequencer.isScheduled()) return sequencer;
  throw new Error("no sequencer is scheduled");
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
