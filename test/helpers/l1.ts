/**
 * Test helpers for the L1 contracts: the harness the gas benchmark shares (scripts/lib/l1-harness.ts), BatchChain's
 * status enum and a clock helper.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { ethers, network } from "hardhat";

import { deployWithSequencers, type L1Fixture } from "../../scripts/lib/l1-harness";
import { wiredSlasher } from "./governance";

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

/** `count` staked sequencers in a started epoch, and a holder of the registry's SLASHER_ROLE ({@link wiredSlasher}). */
export async function deployWithSlasher(count = 4): Promise<L1Fixture & { readonly slasher: HardhatEthersSigner }> {
  const l1 = await deployWithSequencers(count);
  return { ...l1, slasher: await wiredSlasher(l1) };
}
