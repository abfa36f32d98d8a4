/**
 * Shared parts of the dispute tests: an L2 with activity to batch, a prover with a Challenger, and the assertions
 * every conviction must meet (rolled back with its successors, exactly the presented signers slashed, the prover
 * credited, the event's arguments).
 */
import { expect } from "chai";
import { parseEther, type ContractTransactionReceipt, type Signer } from "ethers";
import { ethers } from "hardhat";

import { ContractRevertError } from "../../sdk/src/errors/contract";
import { DISPUTE_FAULTS, type DisputeFaultName, type Hex } from "../../sdk/src/proof";
import type { Sequencer } from "../../sdk/src/sequencer/sequencer";
import { Challenger } from "../../sdk/src/verifier/challenger";

import type { ForgedBatch } from "./forge";
import { Status } from "./l1";
import type { Rollup } from "./rollup";
import { seededAddress } from "./seeded";

/** `count` L2 blocks of one ETH transfer each, between the rollup's users. */
export async function l2Transfers(r: Rollup, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const from = r.l2.users[i % r.l2.users.length]!;
    await (await from.sendTransaction({ to: seededAddress("l2 recipient"), value: parseEther("0.01") })).wait();
  }
}

/** One L2 block holding `count` transfers (automine paused while they are sent), from different users. */
export async function l2BlockOf(r: Rollup, count: number): Promise<bigint> {
  await r.l2.provider.send("evm_setAutomine", [false]);
  try {
    for (let i = 0; i < count; i++) {
      const from = r.l2.users[i % r.l2.users.length]!;
      const nonce = await r.l2.provider.getTransactionCount(from.address, "pending");
      await from.sendTransaction({ to: seededAddress("l2 recipient"), value: 1n + BigInt(i), nonce, gasLimit: 21_000 });
    }
    await r.l2.provider.send("evm_mine", []);
  } finally {
    await r.l2.provider.send("evm_setAutomine", [true]);
  }
  return BigInt(await r.l2.provider.getBlockNumber());
}

/** An L1 account that proves faults, with a Challenger. */
export async function proverOf(r: Rollup, index = 7): Promise<{ prover: Signer; challenger: Challenger }> {
  const prover = (await ethers.getSigners())[index]!;
  const challenger = new Challenger({
    signer: prover,
    disputeManager: r.addresses.disputeManager,
    registry: r.addresses.registry,
  });
  return { prover, challenger };
}

/** Every sequencer's stake now, by signer address (lower case). */
export async function stakes(r: Rollup): Promise<Map<string, bigint>> {
  const result = new Map<string, bigint>();
  for (const s of r.sequencers)
    result.set(s.address.toLowerCase(), (await r.l1.registry.sequencerInfo(s.address)).stake);
  return result;
}

/** What L1 holds of the rollup: batch count and statuses, stakes, the prover's claim. */
export async function snapshotOf(r: Rollup, prover: Signer) {
  const count = await r.l1.batchChain.batchCount();
  const statuses: bigint[] = [];
  for (let i = 0n; i <= count; i++) statuses.push(await r.l1.batchChain.batchStatus(i));
  return {
    count,
    statuses,
    stakes: [...(await stakes(r)).entries()],
    claimable: await r.l1.registry.claimable(await prover.getAddress()),
  };
}

/**
 * Asserts a conviction of `batch` for `fault` by `prover`: the batch and every later one (up to `previousCount`)
 * rolled back, exactly `signers` slashed `fraudSlashBps` of their stake, the prover credited `rewardBps` of each slash,
 * and FaultProven's arguments.
 */
export async function expectConvicted(
  r: Rollup,
  options: {
    readonly batch: ForgedBatch;
    readonly fault: DisputeFaultName;
    readonly prover: Signer;
    readonly signers: readonly Sequencer[];
    readonly before: Awaited<ReturnType<typeof snapshotOf>>;
    readonly receipt: ContractTransactionReceipt;
  },
): Promise<void> {
  const { batch, fault, prover, signers, before, receipt } = options;
  const index = batch.header.batchIndex;
  expect(await r.l1.batchChain.batchCount(), "batch count after the rollback").to.equal(index);
  for (let i = index; i < before.count; i++) {
    expect(await r.l1.batchChain.batchStatus(i), `batch ${i}`).to.equal(Status.RolledBack);
  }
  expect(await r.l1.batchChain.isRolledBack(batch.hash)).to.equal(true);
  const bps = await r.l1.disputeManager.fraudSlashBps();
  const rewardBps = await r.l1.registry.rewardBps();
  const slashedSet = new Set(signers.map((s) => s.address.toLowerCase()));
  const after = await stakes(r);
  let total = 0n;
  let reward = 0n;
  for (const [signer, stake] of before.stakes) {
    const expected = slashedSet.has(signer) ? stake - (stake * bps) / 10_000n : stake;
    expect(after.get(signer), `stake of ${signer}`).to.equal(expected);
    if (slashedSet.has(signer)) {
      total += (stake * bps) / 10_000n;
      reward += (((stake * bps) / 10_000n) * rewardBps) / 10_000n;
    }
  }
  expect(await r.l1.registry.claimable(await prover.getAddress())).to.equal(before.claimable + reward);
  const ascending = [...slashedSet].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const event = receipt.logs
    .map((log) => r.l1.disputeManager.interface.parseLog(log))
    .find((parsed) => parsed?.name === "FaultProven");
  expect(event, "FaultProven").to.not.equal(undefined);
  const [batchIndex, faultIndex, eventProver, hash, slashed, eventSigners, amount] = event!.args as unknown as [
    bigint,
    bigint,
    string,
    string,
    string[],
    string[],
    bigint,
  ];
  expect(batchIndex).to.equal(index);
  expect(DISPUTE_FAULTS[Number(faultIndex)]).to.equal(fault);
  expect(eventProver).to.equal(await prover.getAddress());
  expect(hash).to.equal(batch.hash);
  // The rollup's sequencers stake from their own signer keys: account and key are one address.
  expect(slashed.map((a) => a.toLowerCase())).to.deep.equal(ascending);
  expect(eventSigners.map((a) => a.toLowerCase())).to.deep.equal(ascending);
  expect(amount).to.equal(total);
  expect(await r.l1.disputeManager.convictionOf(batch.hash)).to.equal(
    // abi.encodePacked of an address[] pads every element to a word, as ethers' packing of an array does.
    ethers.solidityPackedKeccak256(["address[]"], [ascending]),
  );
}

/** The error `run` rejects with (a failed expectation when it resolves). */
export async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return expect.fail("expected a rejection");
}

/** Asserts that `run` rejects with DisputeManager's `errorName` (decoded by the SDK), and returns its arguments. */
export async function expectDisputeError(
  run: () => Promise<unknown>,
  errorName: string,
): Promise<Readonly<Record<string, unknown>>> {
  const error = await rejection(run);
  expect(error, String(error)).to.be.instanceOf(ContractRevertError);
  expect((error as ContractRevertError).errorName, String(error)).to.equal(errorName);
  return (error as ContractRevertError).args;
}

/** The signers of a forged batch as Sequencer clients, by index into the rollup's. */
export const sequencersAt = (r: Rollup, ...indices: number[]): Sequencer[] => indices.map((i) => r.sequencers[i]!);

export type { Hex };
