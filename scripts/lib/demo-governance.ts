/**
 * The demo's governance and economics steps (17 to 21), run after the chain has jailed every sequencer: new stake
 * and a fraud-window change through the Governor and the 7-day Timelock; the guardian's pause during an open
 * execution challenge and an open DA request, neither losing time; a maintenance window scheduled by proposal, with
 * no missed turns counted; L2 fees paid through the fee vault and the bridge into the reward pool and claimed by the
 * signers pro rata to stake; and a governance slash with a stated reason.
 */
import {
  formatEther,
  parseEther,
  parseUnits,
  Wallet,
  type ContractTransactionReceipt,
  type Interface,
  type Log,
  type LogDescription,
  type Signer,
} from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

import { BatchChain__factory, L2Bridge__factory } from "../../sdk/src/contracts";
import { ContractRevertError } from "../../sdk/src/errors/contract";
import { daRequestStatus, requestData } from "../../sdk/src/da/requests";
import { readSidecar } from "../../sdk/src/da/sidecar";
import type { DAStore } from "../../sdk/src/da/store";
import {
  checkMaintenanceWindow,
  parameterChangeAction,
  pauseStatus,
  slashAction,
  slashReason,
  upcomingMaintenance,
  type ProposalAction,
} from "../../sdk/src/governance";
import { BridgeReader } from "../../sdk/src/bridge/reader";
import { finalizeWithdrawal } from "../../sdk/src/bridge/writer";
import { claimRewards, forfeitRewards, rewardBalance, rewardPoolTotals } from "../../sdk/src/governance/rewards";
import {
  addL2Relayer,
  bootstrapFeeVault,
  L2_FEE_VAULT_ADDRESS,
  type L1Contracts,
  type L2Chain,
  type RollupAddresses,
} from "../../sdk/src/node";
import { BATCH_STATUSES, headerHash, type Hex } from "../../sdk/src/proof";
import { startNextEpoch } from "../../sdk/src/sequencer/epochs";
import { Sequencer } from "../../sdk/src/sequencer/sequencer";
import { Challenger, submittedBatch } from "../../sdk/src/verifier/challenger";
import { getDisputeStatus } from "../../sdk/src/verifier/disputes";
import type { Verifier } from "../../sdk/src/verifier/verifier";
import type { Voter, VoterAction } from "../../sdk/src/verifier/voter";

import { mineTo } from "./mine";
import { passProposal } from "./proposal";
import { seededWord } from "./seeded";
import { check, formatDuration, short, type Timeline } from "./timeline";

/** The sequencers who stake after every earlier one is jailed, with different stakes (METIS). */
const NEWCOMERS = [
  { name: "Hal", stake: "20000" },
  { name: "Ivy", stake: "20000" },
  { name: "Jo", stake: "30000" },
  { name: "Kim", stake: "40000" },
] as const;

const DAY = 86_400n;
/** What proposal 1 moves from the treasury to the reward pool. */
const POOL_FUNDING = parseEther("10000");

/** What the governance steps need from the demo's earlier steps. */
export interface GovernanceDemo {
  readonly hre: HardhatRuntimeEnvironment;
  readonly timeline: Timeline;
  readonly l1: L1Contracts;
  readonly l2: L2Chain;
  readonly addresses: RollupAddresses;
  /** The DA store (Memo's S3 adapter), up again. */
  readonly store: DAStore;
  /** Holds the token supply: it votes, and funds the newcomers. */
  readonly deployer: Signer;
  /** The BatchChain's guardian, set at deployment. */
  readonly guardian: Signer;
  /** The account that opens a wrong execution challenge (with a 1 ETH bond). */
  readonly challenger: Signer;
  /** The account that raises a DA request. */
  readonly requester: Signer;
  /** The verifier of the earlier steps (its replica backs the voters' judge). */
  readonly verifier: Verifier;
  /** The staked verifiers of step 13. */
  readonly voters: readonly Voter[];
}

/** Runs steps 17 to 21. */
export async function governanceSteps(demo: GovernanceDemo): Promise<void> {
  const { hre, timeline, l1, l2, addresses, store } = demo;
  const { ethers } = hre;
  const now = async () => BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  const passTime = async (seconds: bigint) => {
    if (seconds > 0n) await ethers.provider.send("evm_increaseTime", [Number(seconds)]);
    await ethers.provider.send("evm_mine", []);
  };
  const passTo = async (timestamp: bigint) => {
    await ethers.provider.send("evm_setNextBlockTimestamp", [Number(timestamp)]);
    await ethers.provider.send("evm_mine", []);
  };
  const statusOf = async (index: bigint) => BATCH_STATUSES[Number(await l1.batchChain.batchStatus(index))];
  const [alice, bob] = l2.users;
  const l2Transfers = async (count: number) => {
    for (let i = 0; i < count; i++) {
      await (await alice!.sendTransaction({ to: bob!.address, value: parseEther("0.01") })).wait();
    }
  };
  const batchChainErrors = { BatchChain: BatchChain__factory.createInterface() };

  // --- 17. New stake, and a proposal that shortens the fraud window ---------------------------------------------
  const keys: Wallet[] = [];
  for (const { stake } of NEWCOMERS) {
    const key = new Wallet(Wallet.createRandom().privateKey, ethers.provider);
    await ethers.provider.send("hardhat_setBalance", [key.address, "0x56BC75E2D63100000"]);
    const amount = parseEther(stake);
    await (await l1.token.connect(demo.deployer).transfer(key.address, amount)).wait();
    await (await l1.token.connect(key).approve(await l1.registry.getAddress(), amount)).wait();
    timeline.record("stake", await (await l1.registry.connect(key).stake(amount, key.address)).wait());
    keys.push(key);
  }
  const names = NEWCOMERS.map((n) => n.name);
  const kim = keys[3]!;
  const nameOf = (address: string) => names[keys.findIndex((k) => k.address.toLowerCase() === address.toLowerCase())]!;
  await (await l1.registry.startEpoch()).wait();
  await startNextEpoch(l1.registry, { waitForBlock: mineTo });
  const members = await l1.registry.members();
  check(
    members.length === 4 && members.every((m) => keys.some((k) => k.address === m.signer)),
    "the epoch is the four newcomers",
  );
  const totalStake = members.reduce((sum, m) => sum + m.stake, 0n);
  await timeline.log(
    "new stake",
    `${NEWCOMERS.map((n) => `${n.name} ${Number(n.stake).toLocaleString("en-US")}`).join(", ")} METIS stake; a new ` +
      `epoch of the four (${formatEther(totalStake)} METIS) starts: the chain runs again`,
  );
  const relayers: Wallet[] = [];
  for (const key of keys) relayers.push(await addL2Relayer(l2, key));
  const sequencers = keys.map(
    (key, i) => new Sequencer({ key, ...addresses, l2: l2.provider, store, relayer: relayers[i] }),
  );
  const scheduled = async () => {
    for (const s of sequencers) if (await s.isScheduled()) return s;
    throw new Error("nobody is scheduled");
  };
  const propose = async () => {
    const proposer = await scheduled();
    const { batch, receipt, signers } = await proposer.propose(sequencers.filter((s) => s !== proposer));
    timeline.record("submitBatch", receipt);
    await timeline.log(
      `batch ${batch.header.batchIndex}`,
      `${nameOf(proposer.address)} proposes L2 blocks ${batch.header.firstBlock}–${batch.header.lastBlock}; signed ` +
        `by ${signers.map(nameOf).join(", ")}`,
    );
    return batch;
  };

  const voter = demo.deployer;
  const voterAddress = await voter.getAddress();
  timeline.record("delegate", await (await l1.token.connect(voter).delegate(voterAddress)).wait());
  await passTime(1n); // votes count from the next second's snapshot
  const votes = await l1.token.getVotes(voterAddress);
  await timeline.log(
    "delegate",
    `the deployer delegates its ${Number(formatEther(votes)).toLocaleString("en-US")} METIS of votes to itself ` +
      `(quorum ${Number(formatEther(await l1.governor.quorum((await now()) - 1n))).toLocaleString("en-US")})`,
  );
  const governor = l1.governor;
  const proposalOptions = { proposer: voter, voters: [voter], timeline, interfaces: batchChainErrors };
  const windowBefore = await l1.batchChain.fraudProofWindow();
  const windowChange = await parameterChangeAction(l1, {
    contract: "batchChain",
    parameter: "fraudProofWindow",
    value: 3n * DAY,
  });
  // The same proposal funds the reward pool from the treasury (the timelock holds the stakes slashed so far) and has
  // each settled batch pay 10% of the pool's balance (step 20).
  const rewardShare = await parameterChangeAction(l1, {
    contract: "rewardPool",
    parameter: "batchRewardBps",
    value: 1_000,
  });
  const funding: ProposalAction = {
    target: await l1.token.getAddress(),
    data: l1.token.interface.encodeFunctionData("transfer", [await l1.rewardPool.getAddress(), POOL_FUNDING]),
  };
  const executed = await passProposal(
    governor,
    [windowChange, rewardShare, funding],
    "Shorten the fraud window to 3 days; fund the reward pool with 10,000 METIS at 10% per batch",
    {
      ...proposalOptions,
      label: "proposal 1",
    },
  );
  const windowEvents = eventsOf(l1.batchChain.interface, executed, "FraudProofWindowUpdated");
  check(
    windowEvents.length === 1 && windowEvents[0]![0] === 7n * DAY && windowEvents[0]![1] === 3n * DAY,
    "FraudProofWindowUpdated(7 days, 3 days)",
  );
  const window = await l1.batchChain.fraudProofWindow();
  check(window === 3n * DAY, "the fraud window is 3 days");
  await timeline.log(
    "parameter",
    `FraudProofWindowUpdated(${formatDuration(Number(windowBefore))}, ${formatDuration(Number(window))}): batches ` +
      `submitted from now on finalize after 3 days; the treasury sends the RewardPool ${formatEther(POOL_FUNDING)} ` +
      `METIS and BatchRewardBpsUpdated(10, 1000)`,
  );

  // --- 18. The guardian pauses during an open challenge and a DA request; neither loses time ----------------------
  await l2Transfers(2);
  const challenged = await propose();
  await l2Transfers(1);
  const requested = await propose();
  await demo.verifier.sync();
  const da = l1.daRequestManager;
  timeline.record("requestData", await requestData(da.connect(demo.requester), requested.header.batchIndex));
  const requestedHash = headerHash(requested.header);
  const request = await daRequestStatus(da, requestedHash);
  const insecure = await statusOf(requested.header.batchIndex);
  check(
    request.status === "Open" && insecure === "Insecure",
    `the DA request is open (${request.status}, ${insecure})`,
  );
  await timeline.log(
    "DA request",
    `Vera requests batch ${requested.header.batchIndex}'s data: Open, deadline ${request.deadline} ` +
      `(${formatDuration(Number(request.deadline - (await now())))} left); the batch is Insecure`,
  );

  const challenger = new Challenger({
    signer: demo.challenger,
    disputeManager: addresses.disputeManager,
    registry: addresses.registry,
  });
  const sidecar = await readSidecar(store, challenged.header);
  const { signatures: challengedSignatures } = await submittedBatch(l1.batchChain, challenged.header.batchIndex, {
    headerHash: headerHash(challenged.header),
  });
  const wrong = await challenger.challengeExecution(
    {
      kind: "execution",
      batchIndex: challenged.header.batchIndex,
      leafIndex: 1,
      blockHash: seededWord("made-up block hash"),
      stateRoot: seededWord("made-up state root"),
    },
    { header: challenged.header, signatures: challengedSignatures, blockLeaves: sidecar.blocks.map((b) => b.leaf) },
  );
  timeline.record("challengeExecution", wrong.receipt);
  const pollAll = async () => {
    const actions: VoterAction[] = [];
    for (const v of demo.voters) actions.push(...(await v.poll()).actions);
    return actions;
  };
  const commits = (await pollAll()).filter((a) => a.kind === "committed");
  check(commits.length === demo.voters.length && commits.every((a) => !a.uphold), "every voter commits to reject");
  for (const action of commits)
    if (action.kind === "committed" && action.receipt) timeline.record("commitVote", action.receipt);
  const vote = await getDisputeStatus(l1.disputeManager, wrong.id);
  check(vote.status === "Committing", "the vote is committing");
  check((await statusOf(challenged.header.batchIndex)) === "Disputed", "the challenged batch is Disputed");
  await timeline.log(
    "challenge",
    `someone claims block ${BigInt(challenged.header.firstBlock) + 1n} (batch ${challenged.header.batchIndex}, ` +
      `honest) has another state root: challengeExecution with a 1 ETH bond; the voters' replicas compute the ` +
      `committed root and they commit to reject; batches ${challenged.header.batchIndex}–${requested.header.batchIndex} are Disputed; ${vote.status} until ${vote.phaseEndsAt} (${formatDuration(Number(vote.secondsLeft))} left)`,
  );
  const pause = DAY;
  const paused = (await (await l1.batchChain.connect(demo.guardian).pause(pause)).wait())!;
  timeline.record("pause", paused);
  const pausedAt = BigInt((await ethers.provider.getBlock(paused.blockNumber))!.timestamp);
  const voteLeft = vote.phaseEndsAt - pausedAt;
  const daLeft = request.deadline - pausedAt;
  const pausedVote = await getDisputeStatus(l1.disputeManager, wrong.id);
  const pausedRequest = await daRequestStatus(da, requestedHash);
  check(pausedVote.phaseEndsAt === vote.phaseEndsAt + pause, "the vote's phase end moves by the pause");
  check(pausedRequest.deadline === request.deadline + pause, "the DA deadline moves by the pause");
  const status = await pauseStatus(l1.batchChain);
  check(status.paused && !status.maintenance && status.until === pausedAt + pause, "the chain is paused");
  await timeline.log(
    "pause",
    `the guardian pauses for ${formatDuration(Number(pause))} (${paused.gasUsed} gas): the vote's phase now ends at ` +
      `${pausedVote.phaseEndsAt} (+${formatDuration(Number(pausedVote.phaseEndsAt - vote.phaseEndsAt))}), the DA ` +
      `deadline is ${pausedRequest.deadline} (+${formatDuration(Number(pausedRequest.deadline - request.deadline))})`,
  );
  await l2Transfers(1);
  const refusedBy = await scheduled();
  const refused = await refusedBy.propose(sequencers.filter((s) => s !== refusedBy)).catch((e: unknown) => e);
  check(
    refused instanceof ContractRevertError &&
      refused.errorName === "BatchChainPaused" &&
      refused.args.until === pausedAt + pause,
    `submissions are refused during the pause (${String(refused)})`,
  );
  await timeline.log(
    "paused",
    `${nameOf(refusedBy.address)}'s next batch, signed by the quorum, is refused: ` +
      `${refused.errorName}(until ${refused.args.until})`,
  );
  await passTo(pausedAt + pause);
  const resumedVote = await getDisputeStatus(l1.disputeManager, wrong.id);
  const resumedDaLeft = (await daRequestStatus(da, requestedHash)).deadline - (await now());
  check(
    resumedVote.status === "Committing" && resumedVote.secondsLeft === voteLeft && resumedDaLeft === daLeft,
    "after the pause both have the time they had left",
  );
  await timeline.log(
    "resumed",
    `the pause ends: the vote has ${formatDuration(Number(resumedVote.secondsLeft))} of its commit period left and ` +
      `the DA request ${formatDuration(Number(resumedDaLeft))}, as when the pause began`,
  );
  await propose();

  const oldDeadline = request.deadline;
  await passTo(oldDeadline + 3600n);
  const answerer = sequencers[0]!;
  const round = await answerer.answerDataRequests();
  const answer = round.answered.find((a) => a.batchIndex === requested.header.batchIndex);
  check(answer?.status === "Answered", "a sequencer answers the DA request");
  const secured = await statusOf(requested.header.batchIndex);
  check(secured === "Disputed", `the answered batch waits only for the dispute before it (${secured})`);
  await timeline.log(
    "answered",
    `${formatDuration(Number((await now()) - oldDeadline))} past the deadline the request had before the pause, it ` +
      `is still Open: ${nameOf(answerer.address)} answers it (${answer.chunks} ${answer.chunks === 1 ? "chunk" : "chunks"}); batch ` +
      `${requested.header.batchIndex} is secured (${secured} only behind batch ${challenged.header.batchIndex}'s vote)`,
  );

  await passTo(resumedVote.phaseEndsAt);
  const reveals = (await pollAll()).filter((a) => a.kind === "revealed");
  check(reveals.length === demo.voters.length, "every voter reveals");
  for (const action of reveals) if (action.kind === "revealed") timeline.record("revealVote", action.receipt);
  const [upheldStake, rejectedStake] = await l1.verifierRegistry.tally(wrong.id);
  const revealing = await getDisputeStatus(l1.disputeManager, wrong.id);
  await passTo(revealing.phaseEndsAt);
  const ended = await pollAll();
  const resolved = ended.find((a) => a.kind === "resolved");
  check(
    resolved?.kind === "resolved" && resolved.resolution.outcome === "VoteRejected",
    "the vote rejects the challenge",
  );
  timeline.record("resolveDispute", resolved.resolution.receipt);
  const cleared = await statusOf(challenged.header.batchIndex);
  const after = await statusOf(requested.header.batchIndex);
  check(cleared === "Finalized" && after === "Finalized", `batch cleared (${cleared}, ${after})`);
  await timeline.log(
    "rejected",
    `the voters reveal ${formatEther(upheldStake)} METIS to uphold, ${formatEther(rejectedStake)} to reject: ` +
      `VoteRejected; batches ${challenged.header.batchIndex} and ${requested.header.batchIndex}, their 3 ` +
      `active days past, are ${after}; the challenger's bond goes to the voters and the treasury`,
  );
  // --- 19. A maintenance window, scheduled by proposal ------------------------------------------------------------
  const [delay, votingDelay, votingPeriod, notice, maxMaintenance] = await Promise.all([
    l1.timelock.getMinDelay(),
    governor.votingDelay(),
    governor.votingPeriod(),
    l1.batchChain.maintenanceNotice(),
    l1.batchChain.maxMaintenance(),
  ]);
  // The proposal executes after the vote's delay and period and the timelock's delay (and a few seconds of blocks):
  // the window starts its notice after that, with an hour to spare.
  const executesBy = (await now()) + votingDelay + votingPeriod + delay + 3600n;
  const duration = 6n * 3600n;
  const start = executesBy + notice;
  const planned = checkMaintenanceWindow(start, duration, {
    now: executesBy,
    notice,
    maxDuration: maxMaintenance,
    known: await upcomingMaintenance(l1.batchChain),
  });
  const scheduleAction: ProposalAction = {
    target: addresses.batchChain,
    data: l1.batchChain.interface.encodeFunctionData("scheduleMaintenance", [start, duration]),
  };
  await passProposal(governor, [scheduleAction], "Maintenance: 6 hours for the L1 client upgrade", {
    ...proposalOptions,
    label: "proposal 2",
  });
  const listed = await upcomingMaintenance(l1.batchChain);
  check(
    listed.length === 1 && listed[0]!.start === planned.start && listed[0]!.end === planned.end,
    "the SDK lists the window",
  );
  await timeline.log(
    "maintenance",
    `upcomingMaintenance: [${listed[0]!.start}, ${listed[0]!.end}), ${formatDuration(Number(duration))} starting ` +
      `in ${formatDuration(Number(start - (await now())))} (notice at least ${formatDuration(Number(notice))})`,
  );
  // A batch lands half a minute before the window; the next proposer's turn then runs for the 60 s timeout.
  await passTo(start - 40n);
  await l2Transfers(1);
  await propose();
  const missedBefore = (await l1.registry.members()).map((m) => m.missedTurns);
  const next = await scheduled();
  await passTo(start + 60n);
  const inWindow = await pauseStatus(l1.batchChain);
  check(inWindow.paused && inWindow.maintenance && inWindow.until === planned.end, "the window is on");
  await l2Transfers(1);
  const blocked = await next.propose(sequencers.filter((s) => s !== next)).catch((e: unknown) => e);
  check(
    blocked instanceof ContractRevertError && blocked.errorName === "BatchChainPaused",
    `submissions are refused during maintenance (${String(blocked)})`,
  );
  await timeline.log(
    "maintenance",
    `the window is on (pauseStatus: paused, maintenance); ${nameOf(next.address)}'s batch is refused: ` +
      `${blocked.errorName}(until ${blocked.args.until})`,
  );
  await passTo(planned.end - 1n);
  const [count, [, , , lastAcceptedAt]] = await Promise.all([l1.batchChain.batchCount(), l1.batchChain.tip()]);
  const [lateScheduled, skipped] = await l1.registry.scheduledProposer(count, lastAcceptedAt);
  check(lateScheduled === next.address && skipped === 0n, "the rotation timeout does not run during maintenance");
  await timeline.log(
    "maintenance",
    `${formatDuration(Number(planned.end - 1n - lastAcceptedAt))} after the last batch, one second before the ` +
      `window ends: ${nameOf(lateScheduled)} is still scheduled, ${skipped} turns skipped`,
  );
  await passTo(planned.end + 5n);
  check(await next.isScheduled(), "the scheduled proposer keeps its turn after the window");
  await propose();
  const missedAfter = (await l1.registry.members()).map((m) => m.missedTurns);
  check(
    missedAfter.every((m, i) => m === missedBefore[i]),
    "no member's missed turns went up",
  );
  await timeline.log(
    "maintenance",
    `after the window ${nameOf(next.address)} proposes in its turn; missed turns before and after: ` +
      `[${missedBefore.join(", ")}] → [${missedAfter.join(", ")}]`,
  );

  // --- 20. Fees to the pool, rewards pro rata to stake --------------------------------------------------------
  const pool = l1.rewardPool;
  const poolAddress = await pool.getAddress();
  const vault = await bootstrapFeeVault(l2, poolAddress);
  check((await vault.l1Recipient()) === poolAddress, "the fee vault pays the pool");
  const vaultBefore = await l2.provider.getBalance(L2_FEE_VAULT_ADDRESS);
  // L2 traffic with a priority fee: the blocks' coinbase is the vault, which collects the tips (the base fee burns).
  const payers = l2.users.slice(0, 4);
  for (const payer of payers) {
    const tx = await payer.sendTransaction({
      to: bob!.address,
      value: 1n,
      maxFeePerGas: parseUnits("300", "gwei"),
      maxPriorityFeePerGas: parseUnits("200", "gwei"),
    });
    timeline.record("L2 transfer (L2)", await tx.wait());
  }
  const collected = await l2.provider.getBalance(L2_FEE_VAULT_ADDRESS);
  check(collected > vaultBefore, "L2 fees reach the vault");
  await timeline.log(
    "fees (L2)",
    `the fee vault is deployed at the L2 blocks' coinbase ${short(L2_FEE_VAULT_ADDRESS)} (it kept the tips of every ` +
      `L2 block so far); ${payers.length} more transfers tip ${formatEther(collected - vaultBefore)} ETH: it holds ` +
      `${formatEther(collected)} ETH`,
  );
  const withdrawal = (await (await vault.connect(l2.users[5]!).withdraw()).wait())!;
  timeline.record("FeeVault withdraw (L2)", withdrawal);
  const initiated = withdrawal.logs
    .map((log) => parseOrNull(L2Bridge__factory.createInterface(), log))
    .find((parsed) => parsed?.name === "WithdrawalInitiated");
  check(
    initiated !== undefined &&
      initiated !== null &&
      initiated.args.l1To === poolAddress &&
      initiated.args.amount === collected,
    "the vault withdraws its balance to the pool",
  );
  await timeline.log(
    "fees (L2)",
    `anyone calls the vault's withdraw: its ${formatEther(collected)} ETH leave through the L2 bridge to the ` +
      `RewardPool on L1 (withdrawal #${initiated.args.index})`,
  );
  const feeBatch = await propose();
  await passTo(await l1.batchChain.finalizesAt(feeBatch.header.batchIndex));
  check((await statusOf(feeBatch.header.batchIndex)) === "Finalized", "the fee withdrawal's batch finalizes");
  const reader = new BridgeReader({ ...addresses, l1: ethers.provider, l2: l2.provider });
  const withdrawalHash = initiated.args.withdrawalHash as Hex;
  const ready = await reader.getWithdrawalStatus(withdrawalHash);
  check(ready.status === "ReadyToFinalize", "the fee withdrawal is ready");
  const proof = await reader.buildWithdrawalProof(withdrawalHash);
  const finalized = await finalizeWithdrawal(l1.bridge.connect(demo.requester), proof);
  timeline.record("finalizeWithdrawal ETH", finalized);
  const funds = await rewardPoolTotals(pool);
  check(funds.unallocated.eth === collected, "the pool holds the fees");
  await timeline.log(
    "pool",
    `batch ${feeBatch.header.batchIndex} is Finalized 3 days later; anyone finalizes the withdrawal into the pool ` +
      `(${finalized.gasUsed} gas): the RewardPool holds ${formatEther(funds.unallocated.eth)} ETH and ` +
      `${formatEther(funds.unallocated.tokens)} METIS (proposal 1's funding)`,
  );

  const clients = keys.map(
    (key) => new Sequencer({ key, ...addresses, l2: l2.provider, store, rewardPool: poolAddress }),
  );
  const settlement = await clients[0]!.settleRewards();
  for (const { receipt } of settlement.settlement.settled) timeline.record("settle", receipt);
  const settledIndexes = settlement.settlement.settled.map((s) => s.batchIndex);
  check(settledIndexes.length > 0, "the final batches are settled");
  const stakes = (await l1.registry.members()).map((m) => ({ signer: m.signer, stake: m.stake }));
  const stakeOf = (address: string) => stakes.find((m) => m.signer === address)!.stake;
  const settledLogs = await pool.queryFilter(
    pool.filters.BatchSettled(),
    settlement.settlement.settled[0]!.receipt.blockNumber,
  );
  const expected = keys.map((key) =>
    settledLogs.reduce(
      (sum, log) => ({
        eth: sum.eth + (log.args.ethReward * stakeOf(key.address)) / totalStake,
        tokens: sum.tokens + (log.args.tokenReward * stakeOf(key.address)) / totalStake,
      }),
      { eth: 0n, tokens: 0n },
    ),
  );
  const earned: { readonly eth: bigint; readonly tokens: bigint }[] = [];
  check(settlement.claim !== undefined, "Hal's round claims");
  timeline.record("claimRewards", settlement.claim.receipt);
  earned.push(settlement.claim.paid);
  for (const client of clients.slice(1, 3)) {
    const claim = await client.claimRewards();
    check(claim !== undefined, "each claims");
    timeline.record("claimRewards", claim.receipt);
    earned.push(claim.paid);
  }
  // Kim leaves its credit in the pool (step 21).
  earned.push(await rewardBalance(pool, kim.address));
  check(
    earned.every((e, i) => e.eth === expected[i]!.eth && e.tokens === expected[i]!.tokens && e.eth > 0n),
    "each signer earns its stake's share of every settled batch",
  );
  const ratio = (i: number) => Number((earned[i]!.eth * 1_000_000n) / earned[0]!.eth) / 1_000_000;
  check(
    keys.every((k, i) => Math.abs(ratio(i) - Number(stakeOf(k.address)) / Number(stakeOf(keys[0]!.address))) < 1e-4),
    "the ETH is split in proportion to stake",
  );
  await timeline.log(
    "settle",
    `Hal's client settles the final batches it signed (${settledIndexes.join(", ")}; the ` +
      `${settlement.settlement.waiting.length} older ones, signed by sequencers no longer in the epoch, credit ` +
      `nobody): each fixes its reward at ${await pool.batchRewardBps()} bps of the pool's balance and pays its ` +
      `signers pro rata to stake`,
  );
  await timeline.log(
    "rewards",
    NEWCOMERS.map(
      (n, i) =>
        `${n.name} (${formatEther(stakeOf(keys[i]!.address))}) ${formatEther(earned[i]!.eth)} ETH ` +
        `+ ${Number(formatEther(earned[i]!.tokens)).toFixed(2)} METIS (${ratio(i).toFixed(2)}×)`,
    ).join("; ") + `: Hal, Ivy and Jo claim, Kim leaves its credit in the pool`,
  );

  // --- 21. Governance slashes a sequencer ---------------------------------------------------------------------
  const kimBefore = await l1.registry.sequencerInfo(kim.address);
  const treasury = await l1.timelock.getAddress();
  const treasuryBefore = await l1.token.balanceOf(treasury);
  const reason = "ran its signer key on a shared host: incident report 7";
  const bps = 2_000n;
  const slash = await slashAction(l1, { kind: "sequencer", account: kim.address, bps, reason });
  const slashed = await passProposal(governor, [slash], "Slash Kim 20% for a shared signer key", {
    ...proposalOptions,
    label: "proposal 3",
    interfaces: { SequencerRegistry: l1.registry.interface },
  });
  const slashEvents = eventsOf(l1.registry.interface, slashed, "SequencerSlashed");
  const amount = (kimBefore.stake * bps) / 10_000n;
  check(
    slashEvents.length === 1 &&
      slashEvents[0]![0] === kim.address &&
      slashEvents[0]![2] === amount &&
      slashEvents[0]![5] === slashReason(reason),
    "SequencerSlashed with the reason",
  );
  const kimAfter = await l1.registry.sequencerInfo(kim.address);
  const kimCredit = earned[3]!;
  const afterSlash = await rewardBalance(pool, kim.address);
  check(afterSlash.eth === 0n && afterSlash.tokens === 0n, "Kim's unclaimed credit is forfeited");
  const noClaim = await claimRewards(pool.connect(kim)).catch((e: unknown) => e);
  check(
    noClaim instanceof ContractRevertError && noClaim.errorName === "RewardPoolNothingToClaim",
    `Kim cannot claim after the slash (${String(noClaim)})`,
  );
  const forfeited = await forfeitRewards(pool, kim.address);
  timeline.record("forfeit", forfeited);
  const [forfeitLog] = eventsOf(pool.interface, forfeited, "RewardsForfeited");
  check(
    forfeitLog?.[0] === kim.address && forfeitLog[1] === kimCredit.eth && forfeitLog[2] === kimCredit.tokens,
    "RewardsForfeited returns Kim's credit to the pool",
  );
  check(kimAfter.jailed && kimAfter.stake === kimBefore.stake - amount, "Kim is slashed and jailed");
  const treasuryAfter = await l1.token.balanceOf(treasury);
  check(treasuryAfter === treasuryBefore + amount, "the slashed tokens go to the timelock");
  await timeline.log(
    "slashed",
    `SequencerSlashed(Kim, ${bps} bps, ${formatEther(amount)} METIS, reason ${short(slashReason(reason))} = ` +
      `keccak256("${reason}")): Kim is jailed; the timelock now holds ${formatEther(treasuryAfter)} METIS`,
  );
  await timeline.log(
    "forfeited",
    `Kim's unclaimed ${formatEther(kimCredit.eth)} ETH and ${Number(formatEther(kimCredit.tokens)).toFixed(2)} ` +
      `METIS: its claim is refused (${noClaim.errorName}); anyone's forfeit returns them to the pool ` +
      `(RewardsForfeited)`,
  );
}

/** The arguments of every `name` event `iface` parses in `receipt`'s logs. */
function eventsOf(iface: Interface, receipt: ContractTransactionReceipt, name: string): unknown[][] {
  const out: unknown[][] = [];
  for (const log of receipt.logs) {
    const parsed = parseOrNull(iface, log);
    if (parsed?.name === name) out.push([...parsed.args]);
  }
  return out;
}

/** `log` parsed by `iface`, or null when it is another contract's. */
function parseOrNull(iface: Interface, log: Log): LogDescription | null {
  try {
    return iface.parseLog(log);
  } catch {
    return null;
  }
}
