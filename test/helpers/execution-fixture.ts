/**
 * Shared parts of the execution-dispute tests (DisputeManager.challengeExecution and the VerifierRegistry's vote): a
 * rollup with three honest batches, short vote terms and four staked verifiers (one loadFixture snapshot), and
 * helpers that open a dispute against an honest leaf, vote on it and move the clock through its phases.
 *
 * The fixture's L2 is shared by every test that loads it (loadFixture restores L1 only): tests never mine L2 blocks,
 * and a test that submits another batch names its last block, so every run builds the same batches.
 */
import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { id, parseEther, ZeroHash, type ContractTransactionReceipt, type Signer } from "ethers";
import { ethers } from "hardhat";

import {
  blockLeaf,
  DISPUTE_FAULTS,
  DISPUTE_OUTCOMES,
  DISPUTE_STATUSES,
  headerHash,
  VERIFIER_STATUSES,
  VOTE_PHASES,
  type BatchHeader,
  type BlockLeafInput,
  type Hex,
} from "../../sdk/src/proof";
import { blockEvidence, type BlockEvidence } from "../../sdk/src/verifier/evidence";

import { l2Transfers } from "./disputes";
import { forgeBatch, type ForgedBatch } from "./forge";
import { rollup, type Rollup } from "./rollup";
import { governanceSigner } from "./governance";

/** The index of each name in `names`, as an enum-like map (`Outcome.VoteUpheld` is 1). */
function indexOf<const T extends readonly string[]>(names: T): { readonly [K in T[number]]: number } {
  return Object.fromEntries(names.map((name, index) => [name, index])) as { readonly [K in T[number]]: number };
}

/** Types.Outcome, IVerifierRegistry.VotePhase, IDisputeManager.DisputeStatus, IVerifierRegistry.VerifierStatus: the
 *  SDK's name lists (checked against the contracts' enums in test/sdk/constants.test.ts) by index. */
export const Outcome = indexOf(DISPUTE_OUTCOMES);
export const VotePhase = indexOf(VOTE_PHASES);
export const DisputeStatus = indexOf(DISPUTE_STATUSES);
export const VerifierStatus = indexOf(VERIFIER_STATUSES);

/** IDisputeManager.Fault.Execution. */
export const EXECUTION_FAULT = DISPUTE_FAULTS.indexOf("Execution");

/**
 * The fixture's vote terms: the shortest periods the registry allows (the escalation's least is a whole default
 * proposal, 19 days: Constants.MIN_ESCALATION_PERIOD), and an exit delay a day over the escalation.
 */
export const COMMIT = 3600;
export const REVEAL = 3600;
export const ESCALATION = 19 * 86_400;
export const EXIT_DELAY = 20 * 86_400;
/** Defaults the fixture keeps. */
export const QUORUM_BPS = 4_000n;
export const VOTER_SHARE_BPS = 5_000n;
export const MIN_VERIFIER_STAKE = parseEther("1000");
export const BOND = parseEther("1");

/** The four verifiers' stakes: 10% + 20% + 30% + 40% of the total, so turnout and majorities are easy to read. */
export const VERIFIER_STAKES = [parseEther("1000"), parseEther("2000"), parseEther("3000"), parseEther("4000")];
export const TOTAL_STAKE = VERIFIER_STAKES.reduce((a, b) => a + b, 0n);

/** A committed batch as a challenge needs it. */
export type Batch = Pick<ForgedBatch, "header" | "blockLeaves" | "hash" | "signatures">;

/** Batch 0, the genesis anchor, with its one leaf (the L2's block 0). */
async function anchorOf(r: Rollup): Promise<Batch> {
  const genesis = (await r.l2.provider.getBlock(0))!;
  const leaf: BlockLeafInput = {
    number: 0n,
    timestamp: BigInt(genesis.timestamp),
    blockHash: genesis.hash as Hex,
    stateRoot: genesis.stateRoot as Hex,
    withdrawalRoot: ZeroHash as Hex,
  };
  const header = {
    batchIndex: 0n,
    parentHash: ZeroHash as Hex,
    firstBlock: 0n,
    lastBlock: 0n,
    txCount: 0,
    txBatchRoot: ZeroHash as Hex,
    stateBatchRoot: blockLeaf(leaf),
    depositCount: 0n,
    depositChainHash: ZeroHash as Hex,
    dataHash: ZeroHash as Hex,
  } as ForgedBatch["header"];
  return { header, blockLeaves: [leaf], hash: headerHash(header), signatures: "0x" };
}

async function executionFixture() {
  const r = await rollup();
  const vr = r.l1.verifierRegistry;
  const dm = r.l1.disputeManager;
  const governance = vr.connect(await governanceSigner(r.l1));
  // Shorter terms: the escalation first (the exit delay must stay longer than the whole vote), the exit delay last.
  await (await governance.setEscalationPeriod(ESCALATION)).wait();
  await (await governance.setCommitPeriod(COMMIT)).wait();
  await (await governance.setRevealPeriod(REVEAL)).wait();
  await (await governance.setVerifierExitDelay(EXIT_DELAY)).wait();

  const anchor = await anchorOf(r);
  await l2Transfers(r, 2);
  const first = await forgeBatch(r);
  await l2Transfers(r, 4);
  const second = await forgeBatch(r);
  await l2Transfers(r, 4);
  const third = await forgeBatch(r);
  // Blocks no batch holds yet, for the tests that submit one (always naming its last block).
  await l2Transfers(r, 6);

  const signers = await ethers.getSigners();
  const verifiers = signers.slice(10, 14);
  const tokenHolder = r.deployer;
  for (const [i, verifier] of verifiers.entries()) {
    await (await r.l1.token.connect(tokenHolder).transfer(verifier.address, VERIFIER_STAKES[i]! * 2n)).wait();
    await (await r.l1.token.connect(verifier).approve(await vr.getAddress(), ethers.MaxUint256)).wait();
    await (await vr.connect(verifier).stake(VERIFIER_STAKES[i]!)).wait();
  }
  // A disputes opened from the next second on counts these stakes.
  await time.increase(1);
  return {
    r,
    vr,
    dm,
    batches: [anchor, first, second, third] as Batch[],
    verifiers,
    challenger: signers[7]!,
    outsider: signers[8]!,
    newcomer: signers[14]!,
    governor: await governanceSigner(r.l1),
    treasury: await r.l1.registry.treasury(),
  };
}

export type Execution = Awaited<ReturnType<typeof executionFixture>>;

/** The fixture, restored. */
export function execution(): Promise<Execution> {
  return loadFixture(executionFixture);
}

/** Leaf `leafIndex` of `batch` and its predecessor (the previous leaf, or the last leaf of `previous`). */
export function challengeArgs(
  batch: Batch,
  leafIndex: number,
  previous?: Batch,
): [BatchHeader, BlockEvidence, BatchHeader, BlockEvidence] {
  const evidence = blockEvidence(batch.header, batch.blockLeaves, leafIndex);
  if (leafIndex > 0) {
    return [batch.header, evidence, batch.header, blockEvidence(batch.header, batch.blockLeaves, leafIndex - 1)];
  }
  if (!previous) throw new Error("leaf 0 needs the previous batch");
  const last = previous.blockLeaves.length - 1;
  return [batch.header, evidence, previous.header, blockEvidence(previous.header, previous.blockLeaves, last)];
}

/** A state root no honest leaf commits. */
export const CLAIMED_ROOT = id("claimed state root") as Hex;

export interface Opened {
  readonly id: string;
  readonly openedAt: bigint;
  readonly batch: Batch;
  readonly leafIndex: number;
  readonly receipt: ContractTransactionReceipt;
}

/** Opens an execution dispute against leaf `leafIndex` of `batch` (an honest one) with the bond. */
export async function openDispute(
  x: Execution,
  batch: Batch,
  leafIndex: number,
  options: { readonly previous?: Batch; readonly from?: Signer; readonly claimed?: Hex } = {},
): Promise<Opened> {
  const index = Number(batch.header.batchIndex);
  const previous = options.previous ?? x.batches[index - 1];
  const from = options.from ?? x.challenger;
  const bond = await x.dm.executionBond();
  const receipt = await (
    await x.dm
      .connect(from)
      .challengeExecution(...challengeArgs(batch, leafIndex, previous), options.claimed ?? CLAIMED_ROOT, {
        value: bond,
      })
  ).wait();
  const disputeId = await x.dm.executionDisputeId(batch.hash, leafIndex);
  const { openedAt } = await x.dm.executionDispute(disputeId);
  return { id: disputeId, openedAt, batch, leafIndex, receipt: receipt! };
}

/** The salt a voter uses in the tests. */
export const saltOf = (voter: Signer & { address: string }, disputeId: string): Hex =>
  id(`salt ${voter.address} ${disputeId}`) as Hex;

/** Commits `voter`'s ballot on `disputeId`. */
export async function commit(x: Execution, voter: Signer & { address: string }, disputeId: string, uphold: boolean) {
  const commitment = await x.vr.commitmentOf(disputeId, uphold, saltOf(voter, disputeId), voter.address);
  return (await x.vr.connect(voter).commitVote(disputeId, commitment)).wait();
}

/** Reveals `voter`'s ballot on `disputeId`. */
export async function reveal(x: Execution, voter: Signer & { address: string }, disputeId: string, uphold: boolean) {
  return (await x.vr.connect(voter).revealVote(disputeId, uphold, saltOf(voter, disputeId))).wait();
}

/** A ballot: the verifier (index into the fixture's) and its side. */
export type Ballot = readonly [verifier: number, uphold: boolean];

/** When the phases of a dispute opened at `openedAt` end under the fixture's terms. */
export function phasesOf(openedAt: bigint) {
  const commitEnd = openedAt + BigInt(COMMIT);
  const revealEnd = commitEnd + BigInt(REVEAL);
  return { commitEnd, revealEnd, escalationEnd: revealEnd + BigInt(ESCALATION) };
}

/** Mines a block at `timestamp` unless the latest is there already: views read that time, transactions run later. */
export async function toTime(timestamp: bigint): Promise<void> {
  if (timestamp > BigInt(await time.latest())) await time.increaseTo(timestamp);
}

/**
 * Runs the vote of each dispute with its ballots: every commit, then (in the reveal period) every reveal, and leaves
 * the clock past the last reveal period. The disputes' commit periods must all still be open.
 */
export async function vote(
  x: Execution,
  votes: readonly (readonly [Pick<Opened, "id" | "openedAt">, readonly Ballot[]])[],
): Promise<void> {
  for (const [dispute, ballots] of votes) {
    for (const [v, uphold] of ballots) await commit(x, x.verifiers[v]!, dispute.id, uphold);
  }
  const latestOpening = votes.reduce((t, [d]) => (d.openedAt > t ? d.openedAt : t), 0n);
  await toTime(phasesOf(latestOpening).commitEnd);
  for (const [dispute, ballots] of votes) {
    for (const [v, uphold] of ballots) await reveal(x, x.verifiers[v]!, dispute.id, uphold);
  }
  await toTime(phasesOf(latestOpening).revealEnd);
}

/** Resolves `dispute` with its batch's submitted signatures (or `signatures`). */
export async function resolve(x: Execution, dispute: Opened, signatures?: Hex, from: Signer = x.outsider) {
  return (
    await x.dm
      .connect(from)
      .resolveDispute(dispute.id, dispute.batch.header, dispute.leafIndex, signatures ?? dispute.batch.signatures)
  ).wait();
}

/** Settles every closed vote for each of the fixture's verifiers. */
export async function settleAll(x: Execution, accounts: readonly string[] = x.verifiers.map((v) => v.address)) {
  for (const account of accounts) await (await x.vr.settle(account, 1_000)).wait();
}
