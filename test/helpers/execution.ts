/**
 * Execution disputes in a test rollup: short vote periods, staked verifier keys with Voters, a forged batch whose last
 * block is a fabricated but self-consistent header with a wrong state root (no structural proof applies), and the
 * challenge context of a committed batch read back as a verifier has it (its sidecar, the previous batch's last leaf).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { getBytes } from "ethers";
import { ethers } from "hardhat";

import { readSidecar } from "../../sdk/src/da/sidecar";
import type { L1Parameters } from "../../sdk/src/node";
import type { Hex } from "../../sdk/src/proof";
import type { ChallengeContext, Challenger } from "../../sdk/src/verifier/challenger";
import { MemoryCursorStore, type BatchRecord } from "../../sdk/src/verifier/cursor";
import type { ExecutionFinding } from "../../sdk/src/verifier/findings";
import { Voter, type VoterConfig } from "../../sdk/src/verifier/voter";

import { forgeNext, withHeaderField, type Forgery } from "./forgery";
import type { Rollup } from "./rollup";
import { seededWord } from "./seeded";

/**
 * Vote periods at their lower bounds (an hour to commit, an hour to reveal, 19 days of escalation: a whole default
 * proposal, Constants.MIN_ESCALATION_PERIOD), two strikes out.
 */
export const VOTE = { commitPeriod: 3_600, revealPeriod: 3_600, escalationPeriod: 19 * 86_400, maxStrikes: 2 } as const;

/** The rollup's deploy parameters for these tests. */
export const VOTE_PARAMETERS: L1Parameters = VOTE;

/** Hardhat account `index` with `stake` protocol tokens staked in the verifier registry (none when 0). */
export async function verifierKey(r: Rollup, index: number, stake: bigint): Promise<HardhatEthersSigner> {
  const key = (await ethers.getSigners())[index]!;
  if (stake > 0n) {
    await (await r.l1.token.connect(r.deployer).transfer(key.address, stake)).wait();
    const registry = r.l1.verifierRegistry.connect(key);
    await (await r.l1.token.connect(key).approve(await registry.getAddress(), stake)).wait();
    await (await registry.stake(stake)).wait();
  }
  return key;
}

/** A Voter of `key` in `r`, with its store (in memory unless given). */
export function voterOf(r: Rollup, key: HardhatEthersSigner, config: Omit<VoterConfig, "signer" | "disputeManager">) {
  const store = config.store ?? new MemoryCursorStore();
  return new Voter({ signer: key, disputeManager: r.addresses.disputeManager, ...config, store });
}

/**
 * Forges the next batch over the L2's unbatched blocks, signed by `signers` (indices of the rollup's sequencers):
 * its last block's RLP header gets another state root, and its leaf that header's hash and root. Leaf and header
 * agree, the parent links hold (no block follows it), the transactions are the real ones: only re-execution shows it.
 */
export function forgeExecution(r: Rollup, signers: readonly number[]): Promise<Forgery> {
  const fakeRoot = seededWord("fabricated state root");
  return forgeNext(r, {
    signers,
    blocks: (blocks) => {
      const last = blocks.at(-1)!;
      last.rlpHeader = withHeaderField(last.rlpHeader, 3, getBytes(fakeRoot));
      last.stateRoot = fakeRoot;
    },
  });
}

/**
 * The challenge context of committed batch `index` as a verifier holds it: the header and signatures of its chain
 * record, the committed leaves of the batch's sidecar, the previous batch's last leaf and proof.
 */
export async function committedContext(
  r: Rollup,
  chain: readonly BatchRecord[],
  index: number,
): Promise<ChallengeContext> {
  const record = chain[index]!;
  const previous = chain[index - 1]!;
  const sidecar = await readSidecar(r.store, record.header);
  return {
    header: record.header,
    signatures: record.signatures!,
    blockLeaves: sidecar.blocks.map((block) => block.leaf),
    previous: { header: previous.header, lastLeaf: previous.lastLeaf },
  };
}

/** A wrong execution challenge against leaf `leafIndex` of committed batch `index`: it claims a made-up state root. */
export async function wrongChallenge(
  r: Rollup,
  challenger: Challenger,
  chain: readonly BatchRecord[],
  index: number,
  leafIndex: number,
) {
  const finding: ExecutionFinding = {
    kind: "execution",
    batchIndex: BigInt(index),
    leafIndex,
    blockHash: seededWord("made-up block hash"),
    stateRoot: seededWord("made-up state root") as Hex,
  };
  return challenger.challengeExecution(finding, await committedContext(r, chain, index));
}
