/**
 * Test helpers for the L1 contracts: the harness the gas benchmark shares (scripts/lib/l1-harness.ts), BatchChain's
 * status enum and a clock helper.
 */
import type { Wallet } from "ethers";
import { ethers, network } from "hardhat";

import { deployWithSequencers, fundedWallet, type L1Fixture } from "../../scripts/lib/l1-harness";
import { governanceSigner } from "./governance";

export * from "../../scripts/lib/l1-harness";
export { mineTo } from "../../scripts/lib/mine";

/** BatchChain's `BatchStatus`, as `batchStatus` returns it. */
export enum Status {
  None,
  Pending,
  Disputed,
  Insecure,
  Finalized,
  RolledBack,
}

/** Moves the clock to `timestamp` for the next block, unless it is there already. */
export async function advanceTo(timestamp: bigint | number): Promise<void> {
  const latest = (await ethers.provider.getBlock("latest"))!.timestamp;
  if (BigInt(timestamp) > BigInt(latest)) await network.provider.send("evm_setNextBlockTimestamp", [Number(timestamp)]);
}

/** `count` staked sequencers in a started epoch, and a funded account holding the registry's SLASHER_ROLE. */
export async function deployWithSlasher(count = 4): Promise<L1Fixture & { readonly slasher: Wallet }> {
  const l1 = await deployWithSequencers(count);
  const slasher = await fundedWallet();
  await l1.registry.connect(await governanceSigner(l1)).grantRole(await l1.registry.SLASHER_ROLE(), slasher.address);
  return { ...l1, slasher };
}
