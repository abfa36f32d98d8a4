/**
 * Execution disputes end to end on an in-process L1 and L2: a colluding quorum commits a block whose header is
 * fabricated but consistent with its leaf (a wrong state root no structural proof can show), an SDK verifier on its
 * own replica finds it as an execution finding, its challenger opens the bonded execution dispute, staked verifiers
 * vote through the SDK's Voter by their replicas, and the vote (or governance, or nobody) decides. Vote periods are
 * at their lower bounds (test/helpers/execution.ts) and L1 time is moved with hardhat-network-helpers.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { parseEther } from "ethers";
import { ethers } from "hardhat";

import { transact } from "../../sdk/src/contracts/transact";
import { NoVoteWeightError } from "../../sdk/src/errors/dispute";
import { ContractRevertError } from "../../sdk/src/errors/contract";
import { FileCursorStore } from "../../sdk/src/node";
import { BPS, executionDisputeId, VERIFIER_STATUSES, voteCommitment, ZERO_HASH, type Hex } from "../../sdk/src/proof";
import { Challenger, resolutionOf } from "../../sdk/src/verifier/challenger";
import { MemoryCursorStore, type CursorStore } from "../../sdk/src/verifier/cursor";
import { getDisputeStatus, waitForDispute } from "../../sdk/src/verifier/disputes";
import { challengeFindings, type ChallengeResponse } from "../../sdk/src/verifier/respond";
import { chainBatches, replicaJudge, type Voter, type VoterAction } from "../../sdk/src/verifier/voter";
import { forgeExecution, VOTE, VOTE_PARAMETERS, verifierKey, voterOf, wrongChallenge } from "../helpers/execution";
import { Status } from "../helpers/l1";
import { proposeNext, removeRollupDirectories, rollup, type Rollup } from "../helpers/rollup";
import { seededWord } from "../helpers/seeded";
import { located, transfers, verifierOf } from "../helpers/verifier";
import { governanceSigner } from "../helpers/governance";

const WEEK = 7 * 24 * 60 * 60;
/** The colluding quorum: three of the four equal sequencer stakes. */
const COLLUDERS = [0, 1, 2] as const;
/** Hardhat accounts of the verifiers (10...) and the challenger. */
const FIRST_VERIFIER = 10;
const CHALLENGER = 16;
/** Hardhat account 10, the first verifier. */
const FIRST_VOTER = "0xBcd4042DE499D14e55001CcbB24a551F3b954096";

const directories: string[] = [];

/** The kinds of a poll's actions, in order. */
const kinds = (actions: readonly VoterAction[]) => actions.map((action) => action.kind);

/** The rollup with short votes, an honest batch 1 of two blocks, and a challenger. */
async function prepared() {
  const r = await rollup({ parameters: VOTE_PARAMETERS });
  await transfers(r, 2);
  await proposeNext(r);
  const key = (await ethers.getSigners())[CHALLENGER]!;
  const challenger = new Challenger({
    signer: key,
    disputeManager: r.addresses.disputeManager,
    registry: r.addresses.registry,
  });
  return { r, challenger, challengerKey: key };
}

/** A staked verifier with its own verifier (on its own replica, keeping its cursor in `store`) and a Voter by it. */
async function stakedVerifier(
  r: Rollup,
  index: number,
  stake: bigint,
  options: {
    readonly store?: CursorStore;
    readonly resolve?: boolean;
    /** Read the challenged batch from L1's logs rather than from the verifier's chain. */
    readonly fromL1?: boolean;
    readonly respond?: Challenger;
  } = {},
) {
  const key = await verifierKey(r, FIRST_VERIFIER + index, stake);
  const store = options.store ?? new MemoryCursorStore();
  const responses: ChallengeResponse[] = [];
  const { verifier, replica } = await verifierOf(r, {
    cursor: store,
    ...(options.respond && {
      onFinding: challengeFindings(options.respond, {
        execution: true,
        onResponse: (response) => void responses.push(response),
      }),
    }),
  });
  const voter = voterOf(r, key, {
    judge: replicaJudge(replica),
    store,
    resolve: options.resolve ?? false,
    batches: options.fromL1 === true ? undefined : chainBatches(() => verifier.chain),
  });
  return { key, stake, store, verifier, replica, voter, responses };
}

type Staked = Awaited<ReturnType<typeof stakedVerifier>>;

async function pollAll(voters: readonly { readonly voter: Voter }[]) {
  const reports = [];
  for (const { voter } of voters) reports.push(await voter.poll());
  return reports;
}

/** Token and ETH balances of `account`. */
async function balancesOf(r: Rollup, account: string) {
  return { tokens: await r.l1.token.balanceOf(account), eth: await ethers.provider.getBalance(account) };
}

/** ETH a receipt's sender paid for gas. */
const gasOf = (receipt: { gasUsed: bigint; gasPrice: bigint }) => receipt.gasUsed * receipt.gasPrice;

describe("integration: execution disputes, voted by staked verifiers through the SDK", function () {
  after(() => {
    removeRollupDirectories();
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it("(a) a fabricated last block with a wrong state root: found, challenged, upheld by the vote, slashed, paid, resubmitted", async function () {
    const { r, challenger, challengerKey } = await prepared();
    const verifiers: Staked[] = [];
    for (const [i, tokens] of ["1000", "2000", "3000"].entries()) {
      verifiers.push(
        await stakedVerifier(r, i, parseEther(tokens), { resolve: i === 0, respond: i === 0 ? challenger : undefined }),
      );
    }
    const [first] = verifiers as [Staked, Staked, Staked];
    const totalStake = verifiers.reduce((sum, v) => sum + v.stake, 0n);

    await transfers(r, 2);
    const forged = await forgeExecution(r, COLLUDERS);
    const last = forged.blocks.length - 1;

    // Every verifier finds the execution fault, and nothing structural; the first one's challenger disputes it.
    for (const { verifier } of verifiers) {
      const { findings } = await verifier.sync();
      expect(located(findings)).to.deep.equal([{ kind: "execution", batchIndex: 2n, leafIndex: last }]);
      expect(verifier.chain.map((batch) => batch.state)).to.deep.equal(["checked", "checked", "faulty"]);
    }
    expect(first.responses.map((response) => response.action)).to.deep.equal(["disputed"]);
    const response = first.responses[0]!;
    if (response.action !== "disputed") return expect.fail("not disputed");
    const id = executionDisputeId(forged.headerHash, last);
    expect(response.result.id).to.equal(id);
    const honest = await r.l2.provider.getBlock(Number(forged.header.lastBlock));
    expect(response.result.challenge).to.deep.include({
      id,
      batchIndex: 2n,
      challenger: challengerKey.address.toLowerCase(),
      headerHash: forged.headerHash,
      leafIndex: BigInt(last),
      l2Block: forged.header.lastBlock,
      committedStateRoot: forged.blocks[last]!.stateRoot,
      claimedStateRoot: honest!.stateRoot,
      previousStateRoot: forged.blocks[last - 1]!.stateRoot,
      bond: parseEther("1"),
    });
    expect(await r.l1.batchChain.batchStatus(2)).to.equal(Status.Disputed);

    // Commit: each voter judges by its replica, saves its salt, commits uphold.
    const committing = await getDisputeStatus(r.l1.disputeManager, id);
    expect(committing.status).to.equal("Committing");
    expect(committing.secondsLeft > 0n && committing.secondsLeft <= BigInt(VOTE.commitPeriod)).to.equal(true);
    for (const report of await pollAll(verifiers)) {
      expect(kinds(report.actions)).to.deep.equal(["opened", "committed"]);
    }
    for (const { voter, key } of verifiers) {
      const vote = voter.vote(id)!;
      expect(vote).to.include({ uphold: true, state: "committed" });
      const [commitment, revealed] = await r.l1.verifierRegistry.ballotOf(id, key.address);
      expect([commitment, revealed]).to.deep.equal([voteCommitment(id, true, vote.salt, key.address), false]);
    }

    // Reveal, then the vote is over: upheld with the whole stake.
    await time.increase(VOTE.commitPeriod);
    for (const report of await pollAll(verifiers)) expect(kinds(report.actions)).to.deep.equal(["revealed"]);
    expect(await r.l1.verifierRegistry.tally(id)).to.deep.equal([totalStake, 0n]);
    const resolvable = waitForDispute(r.l1.disputeManager, id, { until: ["Resolvable"], pollIntervalMs: 5 });
    await time.increase(VOTE.revealPeriod);
    expect((await resolvable).status).to.equal("Resolvable");

    // The first voter resolves: batch 2 rolled back, its signers slashed fraudSlashBps, the reward credited.
    const before = await Promise.all(r.sequencers.map((s) => r.l1.registry.sequencerInfo(s.address)));
    const resolved = await first.voter.poll();
    expect(kinds(resolved.actions)).to.deep.equal(["resolved", "settled", "claimed"]);
    const resolution = resolved.actions[0]!;
    if (resolution.kind !== "resolved") return expect.fail("not resolved");
    expect(resolution.resolution).to.include({ id, batchIndex: 2n, outcome: "VoteUpheld" });
    expect(await r.l1.batchChain.batchCount()).to.equal(2n);
    expect(await r.l1.batchChain.batchStatus(2)).to.equal(Status.RolledBack);
    expect(await r.l1.batchChain.isRolledBack(forged.headerHash)).to.equal(true);
    const bps = await r.l1.disputeManager.fraudSlashBps();
    const rewardBps = await r.l1.registry.rewardBps();
    let reward = 0n;
    for (const [i, sequencer] of r.sequencers.entries()) {
      const stake = before[i]!.stake;
      const slashed = (COLLUDERS as readonly number[]).includes(i) ? (stake * bps) / BPS : 0n;
      expect((await r.l1.registry.sequencerInfo(sequencer.address)).stake).to.equal(stake - slashed);
      reward += (slashed * rewardBps) / BPS;
    }
    expect(await getDisputeStatus(r.l1.disputeManager, id)).to.deep.include({ status: "Upheld", secondsLeft: 0n });

    // The challenger: its bond back and the non-voters' share of the reward; the voters share the rest by weight.
    const { voterShareBps } = await r.l1.verifierRegistry.terms();
    const tokenPool = (reward * voterShareBps) / BPS;
    expect(await challenger.disputePayout()).to.deep.equal({ eth: parseEther("1"), tokens: reward - tokenPool });
    const claimedBy = new Map<string, bigint>();
    const firstClaim = resolved.actions[2]!;
    if (firstClaim.kind !== "claimed") return expect.fail("not claimed");
    claimedBy.set(first.key.address, firstClaim.tokens);
    for (const [i, report] of (await pollAll(verifiers.slice(1))).entries()) {
      expect(kinds(report.actions)).to.deep.equal(["closed", "settled", "claimed"]);
      const claim = report.actions[2]!;
      if (claim.kind !== "claimed") return expect.fail("not claimed");
      claimedBy.set(verifiers[i + 1]!.key.address, claim.tokens);
    }
    for (const { key, stake } of verifiers) {
      expect(claimedBy.get(key.address), key.address).to.equal((tokenPool * stake) / totalStake);
      expect(await r.l1.token.balanceOf(key.address)).to.equal((tokenPool * stake) / totalStake);
    }
    const challengerBefore = await balancesOf(r, challengerKey.address);
    const claim = await challenger.claimDisputePayout();
    const challengerAfter = await balancesOf(r, challengerKey.address);
    expect(challengerAfter.tokens - challengerBefore.tokens).to.equal(reward - tokenPool);
    expect(challengerAfter.eth - challengerBefore.eth).to.equal(parseEther("1") - gasOf(claim.receipt));

    // Everything was claimed: the registry holds the stakes and the rounding dust of the voters' pool, no ETH.
    const dust = tokenPool - [...claimedBy.values()].reduce((sum, tokens) => sum + tokens, 0n);
    const registryAddress = r.addresses.verifierRegistry;
    expect(await r.l1.token.balanceOf(registryAddress)).to.equal(totalStake + dust);
    expect(await ethers.provider.getBalance(registryAddress)).to.equal(0n);
    expect(await r.l1.registry.claimable(registryAddress)).to.equal(0n);
    for (const account of [challengerKey.address, ...verifiers.map((v) => v.key.address)]) {
      expect(await r.l1.verifierRegistry.claimable(account)).to.deep.equal([0n, 0n]);
    }

    // The honest blocks are resubmitted in the honest sequencer's normal batching and finalize after the window.
    const { batch } = await proposeNext(r);
    expect(batch.header).to.include({ batchIndex: 2n, firstBlock: forged.header.firstBlock });
    for (const { verifier } of verifiers) {
      const { findings } = await verifier.sync();
      expect(findings).to.deep.equal([]);
      expect(verifier.chain.map((b) => b.state)).to.deep.equal(["checked", "checked", "checked"]);
    }
    expect((await first.voter.poll()).open).to.deep.equal([]);
    await time.increase(WEEK);
    for (let i = 0n; i < 3n; i++) expect(await r.l1.batchChain.batchStatus(i)).to.equal(Status.Finalized);
  });

  it("(b) an honest batch challenged by a wrong challenger: rejected by the vote, bond forfeited, nothing rolled back or slashed", async function () {
    const { r, challenger, challengerKey } = await prepared();
    const verifiers: Staked[] = [];
    for (const [i, tokens] of ["1000", "1000", "2000"].entries()) {
      verifiers.push(await stakedVerifier(r, i, parseEther(tokens)));
    }
    const totalStake = verifiers.reduce((sum, v) => sum + v.stake, 0n);
    for (const { verifier } of verifiers) expect((await verifier.sync()).findings).to.deep.equal([]);
    const stakes = await Promise.all(
      r.sequencers.map(async (s) => (await r.l1.registry.sequencerInfo(s.address)).stake),
    );

    const bond = await r.l1.disputeManager.executionBond();
    const challengerBalance = await ethers.provider.getBalance(challengerKey.address);
    const { id, receipt: challenged } = await wrongChallenge(r, challenger, verifiers[0]!.verifier.chain, 1, 1);
    expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.Disputed);
    for (const report of await pollAll(verifiers)) expect(kinds(report.actions)).to.deep.equal(["opened", "committed"]);
    for (const { voter } of verifiers) expect(voter.vote(id)).to.include({ uphold: false, state: "committed" });
    await time.increase(VOTE.commitPeriod);
    await pollAll(verifiers);
    expect(await r.l1.verifierRegistry.tally(id)).to.deep.equal([0n, totalStake]);
    await time.increase(VOTE.revealPeriod);

    // Anyone resolves: rejected; the bond is split between the majority voters and the treasury.
    const header = verifiers[0]!.verifier.chain[1]!.header;
    const resolution = await challenger.resolveDispute(id, header, 1, "0x");
    expect(resolution).to.include({ id, batchIndex: 1n, outcome: "VoteRejected" });
    const { voterShareBps } = await r.l1.verifierRegistry.terms();
    const ethPool = (bond * voterShareBps) / BPS;
    const treasury = await r.l1.registry.treasury();
    await expect(resolution.receipt)
      .to.emit(r.l1.verifierRegistry, "VoteClosed")
      .withArgs(id, 0n, 2n, ethPool, 0n, 0n, 0n, bond - ethPool);
    expect(await challenger.disputePayout()).to.deep.equal({ eth: 0n, tokens: 0n });
    expect(await r.l1.verifierRegistry.claimable(treasury)).to.deep.equal([bond - ethPool, 0n]);

    // No rollback, no slash: the batch goes on.
    expect(await r.l1.batchChain.batchCount()).to.equal(2n);
    expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.Pending);
    for (const [i, sequencer] of r.sequencers.entries()) {
      expect((await r.l1.registry.sequencerInfo(sequencer.address)).stake).to.equal(stakes[i]);
    }

    // The voters settle and claim their share of the bond by weight; the treasury claims the rest.
    let paid = 0n;
    for (const [i, report] of (await pollAll(verifiers)).entries()) {
      expect(kinds(report.actions)).to.deep.equal(["closed", "settled", "claimed"]);
      const claim = report.actions[2]!;
      if (claim.kind !== "claimed") return expect.fail("not claimed");
      const share = (ethPool * verifiers[i]!.stake) / totalStake;
      expect(claim).to.include({ eth: share, tokens: 0n });
      await expect(claim.receipt)
        .to.emit(r.l1.verifierRegistry, "PayoutClaimed")
        .withArgs(verifiers[i]!.key.address, share, 0n);
      paid += share;
    }
    await (await r.l1.verifierRegistry.connect(await governanceSigner(r.l1)).claim()).wait();
    expect(await ethers.provider.getBalance(r.addresses.verifierRegistry)).to.equal(ethPool - paid);
    // The challenger lost its bond (and its gas), and is owed nothing.
    expect(await challenger.disputePayout()).to.deep.equal({ eth: 0n, tokens: 0n });
    expect(await ethers.provider.getBalance(challengerKey.address)).to.equal(
      challengerBalance - bond - gasOf(challenged) - gasOf(resolution.receipt),
    );
    await time.increase(WEEK);
    expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.Finalized);
  });

  it("(c) no turnout: escalated to governance, which upholds one dispute and rejects another; a third lapses", async function () {
    const { r, challenger, challengerKey } = await prepared();
    // A verifier without stake: it finds the forged block and its challenger disputes it; no one votes.
    const responses: ChallengeResponse[] = [];
    const { verifier } = await verifierOf(r, {
      onFinding: challengeFindings(challenger, {
        execution: true,
        onResponse: (response) => void responses.push(response),
      }),
    });
    await verifier.sync();
    const honestChain = [...verifier.chain];
    await transfers(r, 2);
    const forged = await forgeExecution(r, COLLUDERS);
    await verifier.sync();
    const disputed = responses[0];
    if (disputed?.action !== "disputed") return expect.fail(`not disputed: ${String(disputed?.action)}`);
    const upheld = disputed.result.id;
    const { id: rejected } = await wrongChallenge(r, challenger, honestChain, 1, 0);
    const { id: lapsing } = await wrongChallenge(r, challenger, honestChain, 1, 1);
    const bond = await r.l1.disputeManager.executionBond();

    await time.increase(VOTE.commitPeriod + VOTE.revealPeriod);
    for (const id of [upheld, rejected, lapsing]) {
      const status = await getDisputeStatus(r.l1.disputeManager, id);
      const { openedAt } = await r.l1.disputeManager.executionDispute(id);
      const end = openedAt + BigInt(VOTE.commitPeriod + VOTE.revealPeriod + VOTE.escalationPeriod);
      expect(status).to.deep.include({ status: "Escalated", phaseEndsAt: end });
      expect(status.secondsLeft).to.equal(end - status.timestamp);
      expect(status.secondsLeft > 0n).to.equal(true);
    }
    // Escalated: the vote's end cannot be applied, and only governance decides.
    const header = honestChain[1]!.header;
    const waiting = await challenger.resolveDispute(rejected, header, 0, "0x").catch((e: unknown) => e);
    expect(waiting).to.be.instanceOf(ContractRevertError);
    expect((waiting as ContractRevertError).errorName).to.equal("DisputeManagerAwaitingGovernance");
    const outsider = await transact(
      () => r.l1.disputeManager.connect(challengerKey).decideDispute(rejected, false, header, 0, "0x"),
      { DisputeManager: r.l1.disputeManager.interface },
    ).catch((e: unknown) => e);
    expect((outsider as ContractRevertError).errorName).to.equal("AccessControlUnauthorizedAccount");
    expect((await getDisputeStatus(r.l1.disputeManager, rejected)).status).to.equal("Escalated");

    // Governance (the timelock holds GOVERNOR_ROLE) upholds the forged block: rolled back, signers slashed, and the
    // challenger gets its bond and the whole token reward.
    const governance = r.l1.disputeManager.connect(await governanceSigner(r.l1));
    const interfaces = { DisputeManager: r.l1.disputeManager.interface };
    const before = await Promise.all(r.sequencers.map((s) => r.l1.registry.sequencerInfo(s.address)));
    const decided = resolutionOf(
      governance,
      await transact(
        () => governance.decideDispute(upheld, true, forged.header, forged.blocks.length - 1, forged.signatures),
        interfaces,
      ),
    );
    expect(decided).to.include({ id: upheld, batchIndex: 2n, outcome: "GovernanceUpheld" });
    expect(await r.l1.batchChain.batchStatus(2)).to.equal(Status.RolledBack);
    const bps = await r.l1.disputeManager.fraudSlashBps();
    const rewardBps = await r.l1.registry.rewardBps();
    let reward = 0n;
    for (const i of COLLUDERS) {
      const slashed = (before[i]!.stake * bps) / BPS;
      expect((await r.l1.registry.sequencerInfo(r.sequencers[i]!.address)).stake).to.equal(before[i]!.stake - slashed);
      reward += (slashed * rewardBps) / BPS;
    }
    expect((await r.l1.registry.sequencerInfo(r.sequencers[3]!.address)).stake).to.equal(before[3]!.stake);
    expect(await challenger.disputePayout()).to.deep.equal({ eth: bond, tokens: reward });

    // ... and rejects the wrong challenge of batch 1's first leaf: the bond goes to the treasury.
    const treasury = await r.l1.registry.treasury();
    const rejection = resolutionOf(
      governance,
      await transact(() => governance.decideDispute(rejected, false, header, 0, "0x"), interfaces),
    );
    expect(rejection.outcome).to.equal("GovernanceRejected");
    expect(await r.l1.verifierRegistry.claimable(treasury)).to.deep.equal([bond, 0n]);
    expect(await challenger.disputePayout()).to.deep.equal({ eth: bond, tokens: reward });

    // Nobody decides the third: it lapses, the bond goes back, batch 1 is unchanged and final.
    await time.increase(VOTE.escalationPeriod);
    expect((await getDisputeStatus(r.l1.disputeManager, lapsing)).status).to.equal("Resolvable");
    const lapsed = await challenger.resolveDispute(lapsing, header, 1, "0x");
    expect(lapsed.outcome).to.equal("Lapsed");
    expect((await getDisputeStatus(r.l1.disputeManager, lapsing)).status).to.equal("Lapsed");
    expect(await challenger.disputePayout()).to.deep.equal({ eth: 2n * bond, tokens: reward });
    expect(await r.l1.batchChain.batchCount()).to.equal(2n);
    expect(await r.l1.batchChain.headerHash(1)).to.equal(honestChain[1]!.headerHash);
    // The 19-day escalation outlasted batch 1's fraud window: cleared, it is final at once.
    expect(await r.l1.batchChain.batchStatus(1)).to.equal(Status.Finalized);
    const claimed = await challenger.claimDisputePayout();
    expect(claimed).to.include({ eth: 2n * bond, tokens: reward });
  });

  it("(d) a verifier that skips its reveals is struck each time, and slashed and removed at maxStrikes", async function () {
    const { r, challenger } = await prepared();
    const honest = [
      await stakedVerifier(r, 0, parseEther("1000"), { resolve: true, fromL1: true }),
      await stakedVerifier(r, 1, parseEther("1000")),
    ];
    const lazy = await stakedVerifier(r, 2, parseEther("1000"));
    // The lazy verifier settles one closed vote per poll, to show each strike.
    const lazyVoter = voterOf(r, lazy.key, { judge: replicaJudge(lazy.replica), store: lazy.store, maxSettle: 1 });
    const all = [...honest, lazy];
    for (const { verifier } of all) await verifier.sync();
    const chain = honest[0]!.verifier.chain;
    const { id: first } = await wrongChallenge(r, challenger, chain, 1, 0);
    const { id: second } = await wrongChallenge(r, challenger, chain, 1, 1);
    await pollAll(honest);
    expect(kinds((await lazyVoter.poll()).actions)).to.deep.equal(["opened", "opened", "committed", "committed"]);

    // It committed, but it is not there to reveal: the honest two reveal and reject both.
    await time.increase(VOTE.commitPeriod);
    await pollAll(honest);
    await time.increase(VOTE.revealPeriod);
    // The first honest voter resolves both, reading the batch's header and signatures back from L1's logs.
    const resolving = await honest[0]!.voter.poll();
    expect(kinds(resolving.actions)).to.deep.equal(["resolved", "resolved", "settled", "claimed"]);
    const outcomes = resolving.actions.flatMap((action) => (action.kind === "resolved" ? [action.resolution] : []));
    expect(outcomes.map(({ id, outcome }) => [id, outcome])).to.deep.equal([
      [first, "VoteRejected"],
      [second, "VoteRejected"],
    ]);

    const stake = parseEther("1000");
    const slashBps = await r.l1.verifierRegistry.verifierSlashBps();
    const treasury = await r.l1.registry.treasury();
    const strike = await lazyVoter.poll();
    expect(kinds(strike.actions)).to.deep.equal(["closed", "closed", "settled"]);
    const struck = strike.actions[2]!;
    if (struck.kind !== "settled") return expect.fail("not settled");
    await expect(struck.receipt).to.emit(r.l1.verifierRegistry, "VerifierStruck").withArgs(first, lazy.key.address, 1n);
    const statusOf = async (address: string) =>
      VERIFIER_STATUSES[Number(await r.l1.verifierRegistry.verifierStatus(address))];
    expect(await statusOf(lazy.key.address)).to.equal("Active");
    expect((await r.l1.verifierRegistry.verifierInfo(lazy.key.address)).strikes).to.equal(1n);

    const out = await lazyVoter.poll();
    expect(kinds(out.actions)).to.deep.equal(["settled"]);
    const slashed = out.actions[0]!;
    if (slashed.kind !== "settled") return expect.fail("not settled");
    await expect(slashed.receipt)
      .to.emit(r.l1.verifierRegistry, "VerifierStruck")
      .withArgs(second, lazy.key.address, 2n)
      .and.to.emit(r.l1.verifierRegistry, "VerifierSlashed");
    const info = await r.l1.verifierRegistry.verifierInfo(lazy.key.address);
    expect(info.stake).to.equal(stake - (stake * slashBps) / BPS);
    expect(await statusOf(lazy.key.address)).to.equal("Removed");
    expect(await r.l1.verifierRegistry.weightAt(lazy.key.address, await time.latest())).to.equal(0n);
    // The treasury: its part of both forfeited bonds, and the slashed stake.
    const bond = await r.l1.disputeManager.executionBond();
    const { voterShareBps } = await r.l1.verifierRegistry.terms();
    expect(await r.l1.verifierRegistry.claimable(treasury)).to.deep.equal([
      2n * (bond - (bond * voterShareBps) / BPS),
      (stake * slashBps) / BPS,
    ]);

    // The honest voters were rewarded and keep a clean record.
    expect(kinds((await honest[0]!.voter.poll()).actions)).to.deep.equal(["closed", "closed"]);
    expect(kinds((await honest[1]!.voter.poll()).actions)).to.deep.equal(["closed", "closed", "settled", "claimed"]);
    for (const { key } of honest) {
      expect((await r.l1.verifierRegistry.verifierInfo(key.address)).strikes).to.equal(0n);
      expect(await r.l1.verifierRegistry.claimable(key.address)).to.deep.equal([0n, 0n]);
    }
  });

  it("(e) a verifier that stakes after a challenge opened cannot vote in it: the Voter skips it, a commit is refused", async function () {
    const { r, challenger } = await prepared();
    const early = await stakedVerifier(r, 0, parseEther("1000"));
    await early.verifier.sync();
    const { id } = await wrongChallenge(r, challenger, early.verifier.chain, 1, 0);
    // It stakes through its Voter.
    const late = await stakedVerifier(r, 1, 0n);
    await (await r.l1.token.connect(r.deployer).transfer(late.key.address, parseEther("5000"))).wait();
    await expect(await late.voter.stake(parseEther("5000")))
      .to.emit(r.l1.verifierRegistry, "VerifierStaked")
      .withArgs(late.key.address, parseEther("5000"), parseEther("5000"));
    await late.verifier.sync();
    const { openedAt } = await r.l1.disputeManager.executionDispute(id);
    expect(await r.l1.verifierRegistry.weightAt(late.key.address, openedAt - 1n)).to.equal(0n);

    // The Voter sees it has no weight there and sends nothing, once.
    const nonce = await late.key.getNonce();
    const skipped = await late.voter.poll();
    expect(skipped.actions.map((action) => (action.kind === "skipped" ? action.reason : action.kind))).to.deep.equal([
      "opened",
      "noWeight",
    ]);
    expect(kinds((await late.voter.poll()).actions)).to.deep.equal([]);
    const error = await late.voter.commit(id, true).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(NoVoteWeightError);
    expect(await late.key.getNonce()).to.equal(nonce);

    // Sent anyway, the registry refuses it: VerifierRegistryNoStakeAtOpening, decoded with its values.
    const registry = r.l1.verifierRegistry.connect(late.key);
    const commitment = voteCommitment(id, true, seededWord("late salt"), late.key.address);
    const refused = await transact(() => registry.commitVote(id, commitment), {
      VerifierRegistry: registry.interface,
    }).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(ContractRevertError);
    expect(refused).to.deep.include({
      errorName: "VerifierRegistryNoStakeAtOpening",
      args: { id, verifier: late.key.address },
    });
    expect(await r.l1.verifierRegistry.ballotOf(id, late.key.address)).to.deep.equal([ZERO_HASH, false, false]);

    // The early verifier votes as usual; in a dispute opened after its stake, the late one votes too.
    expect(kinds((await early.voter.poll()).actions)).to.deep.equal(["opened", "committed"]);
    const { id: next } = await wrongChallenge(r, challenger, early.verifier.chain, 1, 1);
    expect(kinds((await late.voter.poll()).actions)).to.deep.equal(["opened", "committed"]);
    expect(late.voter.vote(next)).to.include({ uphold: false, state: "committed" });
  });

  it("a Voter saves its salt before committing, and a Voter recreated from its store still reveals", async function () {
    const { r, challenger } = await prepared();
    const directory = mkdtempSync(path.join(tmpdir(), "metis-voter-"));
    directories.push(directory);
    const file = path.join(directory, "cursor.json");
    // The store records, at each save, whether the registry held the ballot's commitment yet.
    const saves: { readonly state: string | undefined; readonly onChain: string }[] = [];
    const disk = new FileCursorStore(file);
    const watched: { id?: Hex } = {};
    const recording: CursorStore = {
      load: () => disk.load(),
      save: (cursor) => disk.save(cursor),
      loadVotes: () => disk.loadVotes(),
      saveVotes: async (cursor) => {
        const disputeId = watched.id;
        if (disputeId !== undefined) {
          const [commitment] = await r.l1.verifierRegistry.ballotOf(disputeId, FIRST_VOTER);
          saves.push({ state: cursor.votes.find((vote) => vote.id === disputeId)?.state, onChain: commitment });
        }
        await disk.saveVotes(cursor);
      },
    };
    const staked = await stakedVerifier(r, 0, parseEther("1000"), { store: recording });
    await staked.verifier.sync();
    const { id } = await wrongChallenge(r, challenger, staked.verifier.chain, 1, 0);
    watched.id = id;
    // Two polls at once run one after the other: one commitment, no second attempt.
    const [polled, again] = await Promise.all([staked.voter.poll(), staked.voter.poll()]);
    expect(kinds(polled.actions)).to.deep.equal(["opened", "committed"]);
    expect(kinds(again.actions)).to.deep.equal([]);
    const vote = staked.voter.vote(id)!;
    const commitment = voteCommitment(id, false, vote.salt, staked.key.address);
    // The first save of the ballot is before the registry held its commitment; every later one after.
    const [drawnSave, ...later] = saves.filter((save) => save.state !== undefined);
    expect(drawnSave).to.deep.equal({ state: "drawn", onChain: ZERO_HASH });
    expect(later.length > 0).to.equal(true);
    for (const save of later) expect(save).to.deep.equal({ state: "committed", onChain: commitment });

    // One file holds the verifier's cursor and the vote with its salt.
    const document = JSON.parse(readFileSync(file, "utf8")) as { batches: unknown[]; voter: { votes: unknown[] } };
    expect(document.batches).to.have.length(2);
    expect(document.voter.votes).to.deep.equal([{ id, uphold: false, salt: vote.salt, state: "committed" }]);

    // A restart that lost the commit's confirmation (its store says drawn): it sends no second commitment.
    const drawn = new MemoryCursorStore();
    const saved = (await disk.loadVotes())!;
    await drawn.saveVotes({ ...saved, votes: saved.votes.map((v) => ({ ...v, state: "drawn" as const })) });
    const nonce = await staked.key.getNonce();
    const resumed = voterOf(r, staked.key, { judge: () => expect.fail("judged again"), store: drawn });
    const resumedPoll = await resumed.poll();
    expect(resumedPoll.actions).to.deep.equal([{ kind: "committed", id, uphold: false, receipt: undefined }]);
    expect(await staked.key.getNonce()).to.equal(nonce);

    // A restart from the file after the commit period: the recreated Voter reveals with the saved salt.
    await time.increase(VOTE.commitPeriod);
    const restarted = voterOf(r, staked.key, {
      judge: () => expect.fail("judged again"),
      store: new FileCursorStore(file),
    });
    expect(kinds((await restarted.poll()).actions)).to.deep.equal(["revealed"]);
    expect(await r.l1.verifierRegistry.ballotOf(id, staked.key.address)).to.deep.equal([ZERO_HASH, true, false]);
    expect(await r.l1.verifierRegistry.tally(id)).to.deep.equal([0n, parseEther("1000")]);
    expect(restarted.vote(id)).to.include({ salt: vote.salt, state: "revealed" });
  });
});
