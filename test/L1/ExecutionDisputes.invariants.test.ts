/**
 * Value conservation across a whole execution-dispute scenario on a real rollup: six disputes with every outcome
 * (rejected by the vote twice, one a tie; upheld by the vote; rejected by governance; lapsed; void), partial and full
 * settlements, claims, an exit and a withdrawal, a newcomer staking midway. After every step, the ETH that
 * DisputeManager and the VerifierRegistry hold is the open bonds plus what is owed plus the voters' pools not yet
 * settled, and the VerifierRegistry's tokens (with what it may pull from the SequencerRegistry) are the stakes plus
 * what is owed plus the pools not yet settled. At the end the pools leave less dust than they had winning voters,
 * every claim and settlement done twice is refused or changes nothing, and what went out plus what is left is what
 * came in.
 */
import { expect } from "chai";
import { ethers } from "hardhat";

import {
  BOND,
  execution,
  MIN_VERIFIER_STAKE,
  openDispute,
  phasesOf,
  resolve,
  settleAll,
  toTime,
  TOTAL_STAKE,
  vote,
  type Execution,
  type Opened,
} from "../helpers/execution-fixture";
import { removeRollupDirectories } from "../helpers/rollup";

/** Every account the scenario credits. */
function accountsOf(x: Execution): string[] {
  return [
    ...x.verifiers.map((v) => v.address),
    x.newcomer.address,
    x.challenger.address,
    x.outsider.address,
    x.treasury,
  ];
}

/** The voters' pools of closed votes, less the rewards settlement credited from them so far. */
async function undistributed(x: Execution): Promise<{ eth: bigint; tokens: bigint }> {
  let eth = 0n;
  let tokens = 0n;
  const closed = await x.vr.closedVoteCount();
  for (let i = 0n; i < closed; i++) {
    const [, vote] = await x.vr.closedVote(i);
    eth += vote.ethPool;
    tokens += vote.tokenPool;
  }
  for (const event of await x.vr.queryFilter(x.vr.filters.VoterRewarded())) {
    eth -= event.args.ethReward;
    tokens -= event.args.tokenReward;
  }
  return { eth, tokens };
}

/** Asserts both conservation equations, and returns the pools' remainders. */
async function expectConserved(x: Execution, step: string) {
  const { vr, dm, r } = x;
  const vrAddress = await vr.getAddress();
  let openBonds = 0n;
  for (const event of await dm.queryFilter(dm.filters.ExecutionChallenged())) {
    const record = await dm.executionDispute(event.args.id);
    if (record.outcome === 0n) openBonds += record.bondGwei * 10n ** 9n;
  }
  let ethOwed = 0n;
  let tokensOwed = 0n;
  let staked = 0n;
  for (const account of accountsOf(x)) {
    const [eth, tokens] = await vr.claimable(account);
    ethOwed += eth;
    tokensOwed += tokens;
    staked += (await vr.verifierInfo(account)).stake;
  }
  const pools = await undistributed(x);
  expect(pools.eth >= 0n && pools.tokens >= 0n, `${step}: pools paid out more than they held`).to.equal(true);
  const ethHeld =
    (await ethers.provider.getBalance(await dm.getAddress())) + (await ethers.provider.getBalance(vrAddress));
  expect(ethHeld, `${step}: ETH held`).to.equal(openBonds + ethOwed + pools.eth);
  const tokensHeld = (await r.l1.token.balanceOf(vrAddress)) + (await r.l1.registry.claimable(vrAddress));
  expect(tokensHeld, `${step}: tokens held`).to.equal(staked + tokensOwed + pools.tokens);
  return pools;
}

describe("Execution disputes: value conservation", function () {
  after(removeRollupDirectories);

  it("conserves ETH and tokens through a whole scenario, and pays nothing twice", async function () {
    const x = await execution();
    const { vr, dm, r, verifiers, governor } = x;
    const [, first, second, third] = x.batches;
    const tokenStart = await r.l1.token.balanceOf(await vr.getAddress());
    expect(tokenStart).to.equal(TOTAL_STAKE);

    const rejected = await openDispute(x, third!, 1);
    const lapsed = await openDispute(x, first!, 2, { from: x.outsider });
    const governed = await openDispute(x, third!, 3);
    const upheld = await openDispute(x, second!, 1, { from: x.outsider });
    const voided = await openDispute(x, third!, 0);
    const tie = await openDispute(x, first!, 5);
    const all: Opened[] = [rejected, lapsed, governed, upheld, voided, tie];
    await expectConserved(x, "opened");
    // v0 asks to exit with weight in every vote; a newcomer stakes with weight in none.
    await (await vr.connect(verifiers[0]!).requestExit()).wait();
    await (await r.l1.token.connect(r.deployer).transfer(x.newcomer.address, MIN_VERIFIER_STAKE)).wait();
    await (await r.l1.token.connect(x.newcomer).approve(await vr.getAddress(), MIN_VERIFIER_STAKE)).wait();
    await (await vr.connect(x.newcomer).stake(MIN_VERIFIER_STAKE)).wait();

    await vote(x, [
      [
        rejected,
        [
          [3, false],
          [0, false],
          [2, true],
        ],
      ],
      [lapsed, [[1, true]]],
      [governed, [[0, true]]],
      [
        upheld,
        [
          [3, true],
          [1, true],
          [2, false],
        ],
      ],
      [voided, [[2, false]]],
      [
        tie,
        [
          [2, true],
          [0, false],
          [1, false],
        ],
      ],
    ]);
    await expectConserved(x, "voted");

    // Governance rejects while batch 3 is live; then the votes; the upheld one rolls batches 2 and 3 back.
    const g = governed.batch;
    await (
      await dm.connect(governor).decideDispute(governed.id, false, g.header, governed.leafIndex, g.signatures)
    ).wait();
    await resolve(x, rejected);
    await resolve(x, tie);
    await expectConserved(x, "rejected");
    await resolve(x, upheld);
    expect(await r.l1.batchChain.batchCount()).to.equal(2n);
    await resolve(x, voided);
    await expectConserved(x, "upheld and void");
    // Some settle part of the way and claim before the last dispute closes.
    await (await vr.settle(verifiers[3]!.address, 2)).wait();
    await (await vr.settle(verifiers[2]!.address, 3)).wait();
    await (await vr.connect(x.challenger).claim()).wait();
    await expectConserved(x, "partly settled");
    await toTime(phasesOf(lapsed.openedAt).escalationEnd);
    await resolve(x, lapsed);
    // Every vote closed but the void one, which settlement never walks.
    expect(await vr.closedVoteCount()).to.equal(BigInt(all.length - 1));
    await expectConserved(x, "all closed");

    await settleAll(x, accountsOf(x));
    const settled = await expectConserved(x, "settled");
    // Dust only: less than one wei per winning voter of each pool (2 + 2 ETH voters, 2 token voters).
    expect(settled.eth < 4n, `ETH dust ${settled.eth}`).to.equal(true);
    expect(settled.tokens < 2n, `token dust ${settled.tokens}`).to.equal(true);

    // Settling again changes nothing.
    const claimable = await Promise.all(accountsOf(x).map((a) => vr.claimable(a)));
    const infos = await Promise.all(accountsOf(x).map((a) => vr.verifierInfo(a)));
    for (const account of accountsOf(x)) {
      await expect(vr.settle(account, 100))
        .to.not.emit(vr, "VoterRewarded")
        .and.not.to.emit(vr, "VerifierStruck")
        .and.not.to.emit(vr, "VerifierSlashed");
    }
    expect(await Promise.all(accountsOf(x).map((a) => vr.claimable(a)))).to.deep.equal(claimable);
    expect(await Promise.all(accountsOf(x).map((a) => vr.verifierInfo(a)))).to.deep.equal(infos);

    // v0 withdraws; everyone claims what is owed, once.
    await toTime((await vr.verifierInfo(verifiers[0]!.address)).exitableAt);
    await (await vr.connect(verifiers[0]!).withdraw()).wait();
    await expectConserved(x, "withdrawn");
    const signers = [...verifiers, x.newcomer, x.challenger, x.outsider, r.deployer];
    for (const signer of signers) {
      const [eth, tokens] = await vr.claimable(signer.address);
      if (eth === 0n && tokens === 0n) continue;
      await (await vr.connect(signer).claim()).wait();
      await expect(vr.connect(signer).claim())
        .to.be.revertedWithCustomError(vr, "VerifierRegistryNothingToClaim")
        .withArgs(signer.address);
    }
    const dust = await expectConserved(x, "claimed");
    expect(dust).to.deep.equal(settled);

    // What left plus what is left is what came in: six bonds; the stakes and the registry's reward.
    const vrAddress = await vr.getAddress();
    let ethOut = 0n;
    let tokensOut = 0n;
    for (const event of await vr.queryFilter(vr.filters.PayoutClaimed())) {
      ethOut += event.args.eth;
      tokensOut += event.args.tokens;
    }
    for (const event of await vr.queryFilter(vr.filters.VerifierWithdrawn())) tokensOut += event.args.amount;
    expect(ethOut + (await ethers.provider.getBalance(vrAddress))).to.equal(BigInt(all.length) * BOND);
    expect(await ethers.provider.getBalance(await dm.getAddress())).to.equal(0n);
    const rewards = (await r.l1.registry.queryFilter(r.l1.registry.filters.RewardClaimed(vrAddress))).reduce(
      (sum, event) => sum + event.args.amount,
      0n,
    );
    expect(await r.l1.registry.claimable(vrAddress)).to.equal(0n);
    expect(tokensOut + (await r.l1.token.balanceOf(vrAddress))).to.equal(TOTAL_STAKE + MIN_VERIFIER_STAKE + rewards);
  });
});
