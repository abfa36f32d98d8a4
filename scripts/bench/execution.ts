/**
 * Execution-dispute gas for `npm run bench:gas`: a batch of 64 blocks signed by four sequencers, 21 staked verifiers
 * who all commit and reveal, then the resolution. Upheld: the four signers slashed, the reward credited to the
 * VerifierRegistry, the batch rolled back. Rejected: the bond split between the voters and the treasury, the batch
 * released. Resolving costs the same whatever the number of voters: the tally is summed at each reveal and each voter
 * settles its own reward or strike later (`settle`, measured per vote).
 *
 * - challengeExecution: the batch's last leaf, its predecessor the leaf before it (the first dispute on the batch,
 *   which also marks it Disputed); the table also shows a first leaf, whose predecessor is the parent batch's last.
 * - commitVote / revealVote: the most any of the 21 paid (the first reveal also creates the tally's slot).
 */
import { parseEther, type ContractTransactionReceipt, type Wallet } from "ethers";
import hre from "hardhat";

import type { L1Contracts } from "../../sdk/src/node";
import { headerHash, type Hex } from "../../sdk/src/proof";
import { deployWithSequencers, leafEvidence, submitLeafBatch, type L1Fixture } from "../lib/l1-harness";
import { seededWallet, seededWord } from "../lib/seeded";

/** Blocks per batch: a block tree of height 6, as in the structural challenges. */
const BATCH_BLOCKS = 64;
/** Staked verifiers, all voting. */
const VOTERS = 21;
const PERIOD = 3_600;

export interface ExecutionGas {
  readonly challengeExecution: number;
  readonly challengeExecutionFirstLeaf: number;
  readonly commitVote: { readonly max: number; readonly mean: number };
  readonly revealVote: { readonly max: number; readonly mean: number };
  readonly resolveUpheld: number;
  readonly resolveRejected: number;
  readonly settle: number;
  readonly claim: number;
}

const gasOf = (receipt: ContractTransactionReceipt | null): number => Number(receipt!.gasUsed);
const increase = async (seconds: number) => hre.network.provider.send("evm_increaseTime", [seconds]);
const submitBatch = (l1: L1Fixture) => submitLeafBatch(l1, BATCH_BLOCKS);

/** 21 verifiers with the minimum stake each, staked before any dispute opens. */
async function stakeVoters(l1: L1Contracts & { deployer: L1Fixture["deployer"] }): Promise<Wallet[]> {
  const amount = await l1.verifierRegistry.minVerifierStake();
  const voters: Wallet[] = [];
  for (let i = 0; i < VOTERS; i++) {
    const voter = seededWallet(`bench voter ${i}`, hre.ethers.provider);
    await (await l1.deployer.sendTransaction({ to: voter.address, value: parseEther("1") })).wait();
    await (await l1.token.connect(l1.deployer).transfer(voter.address, amount)).wait();
    await (await l1.token.connect(voter).approve(await l1.verifierRegistry.getAddress(), amount)).wait();
    await (await l1.verifierRegistry.connect(voter).stake(amount)).wait();
    voters.push(voter);
  }
  await increase(1);
  return voters;
}

/** One dispute through a full vote of 21, resolved; the gas of each step. */
async function disputeThroughVote(uphold: boolean) {
  const l1 = await deployWithSequencers(4, { commitPeriod: PERIOD, revealPeriod: PERIOD });
  // The treasury (the timelock) already holds tokens, as it does after the first slash ever: a slash then pays
  // into a balance that exists, not the one-off 20,000 of a new slot.
  await (await l1.token.transfer(await l1.timelock.getAddress(), 1n)).wait();
  const voters = await stakeVoters(l1);
  const parent = await submitBatch(l1);
  const batch = await submitBatch(l1);
  const bond = await l1.disputeManager.executionBond();
  const last = BATCH_BLOCKS - 1;
  const challenge = await l1.disputeManager.challengeExecution(
    batch.header,
    leafEvidence(batch, last),
    batch.header,
    leafEvidence(batch, last - 1),
    seededWord("claimed root"),
    { value: bond },
  );
  const challengeGas = gasOf(await challenge.wait());
  const firstLeaf = await l1.disputeManager.challengeExecution(
    batch.header,
    leafEvidence(batch, 0),
    parent.header,
    leafEvidence(parent, BATCH_BLOCKS - 1),
    seededWord("claimed root"),
    { value: bond },
  );
  const firstLeafGas = gasOf(await firstLeaf.wait());
  const id = (await l1.disputeManager.executionDisputeId(headerHash(batch.header), last)) as Hex;
  const salts = voters.map((_, i) => seededWord(`salt ${i}`));
  const commits: number[] = [];
  for (const [i, voter] of voters.entries()) {
    const commitment = await l1.verifierRegistry.commitmentOf(id, uphold, salts[i]!, voter.address);
    commits.push(gasOf(await (await l1.verifierRegistry.connect(voter).commitVote(id, commitment)).wait()));
  }
  await increase(PERIOD);
  const reveals: number[] = [];
  for (const [i, voter] of voters.entries()) {
    reveals.push(gasOf(await (await l1.verifierRegistry.connect(voter).revealVote(id, uphold, salts[i]!)).wait()));
  }
  await increase(PERIOD);
  const resolve = await l1.disputeManager.resolveDispute(id, batch.header, last, batch.signatures);
  const resolveGas = gasOf(await resolve.wait());
  const settle = gasOf(await (await l1.verifierRegistry.settle(voters[0]!.address, 1)).wait());
  const claim = gasOf(await (await l1.verifierRegistry.connect(voters[0]!).claim()).wait());
  return { challengeGas, firstLeafGas, commits, reveals, resolveGas, settle, claim };
}

const stats = (values: readonly number[]) => ({
  max: Math.max(...values),
  mean: Math.round(values.reduce((a, b) => a + b, 0) / values.length),
});

export async function measureExecution(): Promise<ExecutionGas> {
  const upheld = await disputeThroughVote(true);
  const rejected = await disputeThroughVote(false);
  return {
    challengeExecution: upheld.challengeGas,
    challengeExecutionFirstLeaf: upheld.firstLeafGas,
    commitVote: stats([...upheld.commits, ...rejected.commits]),
    revealVote: stats([...upheld.reveals, ...rejected.reveals]),
    resolveUpheld: upheld.resolveGas,
    resolveRejected: rejected.resolveGas,
    settle: rejected.settle,
    claim: rejected.claim,
  };
}
