/**
 * `npm run bench:gas [-- --json]`: gas of the protocol's transactions on the Hardhat network (osaka pricing).
 *
 * submitBatch is measured over consecutive batches in steady state (no new deposits). Its cost alternates by design:
 * every batch writes one new slot (its header hash) and every second batch one more (the pair of 128-bit records),
 * so the table shows both and the JSON reports the mean, which is what a batch costs over time. Batches that include
 * new deposits also ask the L1 bridge for the queue; that row is shown apart. Deposits are measured the same way:
 * the first deposit ever initialises the queue's state slot, and one deposit in six moves a group of queue times to
 * its own slot; the JSON reports the steady-state mean.
 *
 * Withdrawals (see `withdrawals.ts`): finalizeWithdrawal by kind of payout, whose cost depends mainly on the payout (a
 * new token balance slot costs 22,100), and withdraw on L2. The JSON reports the mean for ETH to the finalizing
 * account and for an ERC20 to an address holding none, with a tree of 1,024 withdrawals and a block tree of height 10.
 *
 * Disputes (see `disputes.ts`): one DisputeManager transaction per structural challenge against a forged batch of 64
 * L2 blocks signed by all four sequencers (each conviction slashes four), on an L2 state of over 10,000 accounts.
 *
 * Execution disputes (see `execution.ts`): opening one, 21 verifiers committing and revealing, and its resolution,
 * rejected (the bond split between the voters and the treasury) and upheld (four signers slashed, rolled back).
 *
 * Rewards (see `rewards.ts`): claimRewards after 100 finalized batches, each settled (a claim reads one account
 * record and the registry's slash count, whatever the number of batches), to an account holding no tokens yet (its
 * token balance slot is new: the JSON's `claimRewards`) and to one holding some; settle per batch by quorum size.
 *
 * With `--json` the last line is one JSON object; later issues add their keys to it.
 */
import { parseEther } from "ethers";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import hre from "hardhat";

import { depositChainHash, type DepositInput, type Address } from "../../sdk/src/proof";
import { addSequencer, deployWithSequencers, nextHeader, submitNext, type L1Fixture } from "../lib/l1-harness";
import { mineTo } from "../lib/mine";

import { measureDa } from "./da";
import { measureDisputes } from "./disputes";
import { measureClaims, measureSettle } from "./rewards";
import { measureExecution } from "./execution";
import { printTable, wantsJson } from "./table";
import { measureFinalize, measureL2Withdraw } from "./withdrawals";

const QUORUMS = [1, 3, 5, 15] as const;
const STEADY_BATCHES = 8;
const DEPOSITS = 13;

const mean = (values: readonly bigint[]): number => Number(values.reduce((a, b) => a + b, 0n) / BigInt(values.length));
const min = (values: readonly bigint[]): number => Number(values.reduce((a, b) => (b < a ? b : a)));
const max = (values: readonly bigint[]): number => Number(values.reduce((a, b) => (b > a ? b : a)));

async function depositOf(
  l1: L1Fixture,
  receipt: Awaited<ReturnType<typeof submitNext>>["receipt"] | null,
): Promise<DepositInput> {
  const event = l1.bridge.interface.parseLog(receipt!.logs.at(-1)!)!;
  const { index, from, to, l1Token, amount, l1Timestamp } = event.args;
  return { index, from: from as Address, to: to as Address, l1Token: l1Token as Address, amount, l1Timestamp };
}

/** The guardian's pause (the first one, with a batch submitted before it), and the first submission after it. */
async function measurePause() {
  const [, guardian] = await hre.ethers.getSigners();
  // The guardian is set at deployment, while the deployer still holds the roles (it keeps none afterwards).
  const l1 = await deployWithSequencers(1, {}, [], { guardian: guardian!.address });
  await submitNext(l1);
  const receipt = await (await l1.batchChain.connect(guardian).pause(3600)).wait();
  await time.increase(3600);
  const after = await submitNext(l1);
  return { pause: Number(receipt!.gasUsed), submitAfter: Number(after.receipt.gasUsed) };
}

async function measureQuorum(size: number) {
  const l1 = await deployWithSequencers(size);
  const gas: bigint[] = [];
  for (let i = 0; i <= STEADY_BATCHES; i++) gas.push((await submitNext(l1)).receipt.gasUsed);
  // Batch 1 asks the bridge (nothing is cached yet); batches 2.. are the steady state, alternating even and odd.
  const steady = gas.slice(1);
  const even = steady.filter((_, i) => (i + 2) % 2 === 0);
  const odd = steady.filter((_, i) => (i + 2) % 2 === 1);
  const [deployer] = await hre.ethers.getSigners();
  const receipt = await (await l1.bridge.connect(deployer!).depositETH(deployer!.address, { value: 1n })).wait();
  const deposit = await depositOf(l1, receipt);
  const withDeposit = (
    await submitNext(l1, await nextHeader(l1, { depositCount: 1n, depositChainHash: depositChainHash([deposit]) }))
  ).receipt.gasUsed;
  return { size, even: mean(even), odd: mean(odd), mean: mean(steady), withDeposit: Number(withDeposit) };
}

async function measureDeposits() {
  const l1 = await deployWithSequencers(1);
  const [, user] = await hre.ethers.getSigners();
  const eth: bigint[] = [];
  for (let i = 0; i < DEPOSITS; i++) {
    eth.push(
      (await (await l1.bridge.connect(user!).depositETH(user!.address, { value: parseEther("1") })).wait())!.gasUsed,
    );
  }
  await (await l1.token.transfer(user!.address, parseEther("1000"))).wait();
  await (await l1.token.connect(user!).approve(await l1.bridge.getAddress(), parseEther("1000"))).wait();
  const erc20: bigint[] = [];
  for (let i = 0; i < DEPOSITS; i++) {
    const tx = await l1.bridge.connect(user!).depositERC20(await l1.token.getAddress(), user!.address, parseEther("1"));
    erc20.push((await tx.wait())!.gasUsed);
  }
  return { eth, erc20 };
}

async function measureStaking() {
  const l1 = await deployWithSequencers(4);
  const stakes: bigint[] = [];
  for (let i = 0; i < 4; i++) {
    const sequencer = await addSequencer(l1, l1.deployer);
    const [event] = await l1.registry.queryFilter(l1.registry.filters.Staked(sequencer.account.address));
    stakes.push((await event!.getTransactionReceipt()).gasUsed);
  }
  const exits: bigint[] = [];
  for (const sequencer of l1.sequencers) {
    exits.push((await (await l1.registry.connect(sequencer.account).requestExit()).wait())!.gasUsed);
  }
  return { stakes, exits };
}

/** Gas of the two epoch calls for a set of `size` members (every seat holder in it), after a first epoch. */
async function measureEpoch(size: number) {
  const l1 = await deployWithSequencers(size);
  await hre.network.provider.send("evm_increaseTime", [Number(await l1.registry.epochDuration())]);
  const start = (await (await l1.registry.startEpoch()).wait())!.gasUsed;
  await mineTo(BigInt(await hre.ethers.provider.getBlockNumber()) + (await l1.registry.EPOCH_SEED_DELAY()));
  const activate = (await (await l1.registry.activateEpoch()).wait())!.gasUsed;
  return { size, start: Number(start), activate: Number(activate) };
}

async function main(): Promise<void> {
  await hre.run("compile", { quiet: true });
  const quorums: Awaited<ReturnType<typeof measureQuorum>>[] = [];
  for (const size of QUORUMS) quorums.push(await measureQuorum(size));
  const deposits = await measureDeposits();
  const staking = await measureStaking();
  const epochs = [await measureEpoch(4), await measureEpoch(21)];
  const finalize = await measureFinalize(1024);
  const finalizeLargeTree = await measureFinalize(65_536);
  const l2Withdraw = await measureL2Withdraw();
  const disputes = await measureDisputes();
  const execution = await measureExecution();
  const da = await measureDa();
  const pause = await measurePause();
  const claims = await measureClaims();
  const settlements: Awaited<ReturnType<typeof measureSettle>>[] = [];
  for (const size of QUORUMS) settlements.push(await measureSettle(size));

  printTable(
    "submitBatch (all members sign; steady state over 8 consecutive batches)",
    ["signers", "even batch", "odd batch (+ record pair)", "mean per batch", "with new deposits", "per extra signer"],
    quorums.map((q) => [
      q.size,
      q.even,
      q.odd,
      q.mean,
      q.withDeposit,
      q.size === 1 ? "-" : Math.round((q.mean - quorums[0]!.mean) / (q.size - 1)),
    ]),
  );
  const steadyEth = deposits.eth.slice(1);
  const steadyErc20 = deposits.erc20.slice(1);
  printTable(
    `Deposits and staking (${DEPOSITS} of each; the first deposit ever also initialises the queue)`,
    ["action", "first", "min", "mean (steady)", "max"],
    [
      ["depositETH", Number(deposits.eth[0]), min(steadyEth), mean(steadyEth), max(steadyEth)],
      ["depositERC20", Number(deposits.erc20[0]), min(steadyErc20), mean(steadyErc20), max(steadyErc20)],
      ["stake", Number(staking.stakes[0]), min(staking.stakes), mean(staking.stakes), max(staking.stakes)],
      ["requestExit", Number(staking.exits[0]), min(staking.exits), mean(staking.exits), max(staking.exits)],
    ],
  );
  printTable(
    "Epoch transition (every seat holder joins the next epoch)",
    ["members", "startEpoch", "activateEpoch"],
    epochs.map((e) => [e.size, e.start, e.activate]),
  );
  const stats = (label: string, values: readonly bigint[]) => [label, min(values), mean(values), max(values)];
  printTable(
    "finalizeWithdrawal (block tree of height 10, batch final and not the newest; 8 of each kind)",
    ["payout", "min", "mean", "max"],
    [
      stats("ETH to the finalizing account", finalize.ethToSender),
      stats("ETH to another existing account", finalize.ethToOther),
      stats("ERC20 (OpenZeppelin) to an address holding none", finalize.erc20),
      stats("protocol token (ERC20Votes) to an address holding none", finalize.votesToken),
      stats("ETH to the finalizing account, tree of 65,536", finalizeLargeTree.ethToSender),
      stats("ERC20 to an address holding none, tree of 65,536", finalizeLargeTree.erc20),
    ],
  );
  printTable(
    "Withdrawing on L2 (in-process L2, 8 of each after 64 withdrawals)",
    ["action", "min", "mean", "max"],
    [stats("withdraw (ETH)", l2Withdraw.eth), stats("withdrawERC20 (bridge-created token)", l2Withdraw.erc20)],
  );
  printTable(
    `DisputeManager challenges (batch of 64 blocks, 4 signers slashed; L2 state of ${disputes.stateAccounts} accounts)`,
    ["challenge", "gas", "evidence"],
    [
      ["challengeHeader (state root)", disputes.challengeHeader, "block proof, RLP header"],
      ["challengeHeader, 1 signature presented", disputes.challengeHeaderOneSignature, "the same, 1 signer slashed"],
      ["challengeParentLink (in the batch)", disputes.challengeParentLink, "2 block proofs, RLP header"],
      [
        "challengeBridgeStorage (withdrawal root)",
        disputes.challengeBridgeStorage,
        `account proof of ${disputes.accountProofNodes} nodes, storage proof of ${disputes.storageProofNodes}`,
      ],
      [
        "challengeTxInclusion (swapped transaction)",
        disputes.challengeTxRoot,
        `tx proof, block proof, trie proof in a block of ${disputes.busyBlockTransactions}`,
      ],
      ["challengeEquivocation", disputes.challengeEquivocation, "two headers, two signatures, 1 slashed"],
    ],
  );
  printTable(
    "Execution disputes (batch of 64 blocks signed by 4 sequencers; 21 staked verifiers all commit and reveal)",
    ["transaction", "gas", "what it does"],
    [
      [
        "challengeExecution (last leaf)",
        execution.challengeExecution,
        "2 block proofs, bond, first dispute on the batch",
      ],
      [
        "challengeExecution (first leaf)",
        execution.challengeExecutionFirstLeaf,
        "predecessor in the parent batch; batch already Disputed",
      ],
      ["commitVote (max of 42)", execution.commitVote.max, `mean ${execution.commitVote.mean}`],
      [
        "revealVote (max of 42)",
        execution.revealVote.max,
        `mean ${execution.revealVote.mean}; the first creates the tally`,
      ],
      ["resolveDispute, rejected", execution.resolveRejected, "bond split: voters' pool and the treasury"],
      ["resolveDispute, upheld", execution.resolveUpheld, "4 signers slashed, conviction recorded, rolled back"],
      ["settle (one vote)", execution.settle, "a majority voter's reward"],
      ["claim", execution.claim, "ETH paid out"],
    ],
  );
  printTable(
    `DA requests (a batch of ${da.answerTransactions} ERC-20 transfers, ${da.answerBytes} raw transaction bytes; 4 signers)`,
    ["transaction", "gas", "what it does"],
    [
      ["requestData", da.requestData, "bond, request record, batch marked Insecure"],
      [
        `answer, ${da.answerChunks} chunks in all`,
        da.answer,
        `both roots rebuilt, refund credited; most in one chunk ${da.answerMaxChunk}`,
      ],
      ["answer per raw byte", da.answerGasPerByte, "total answer gas / bytes posted"],
      [
        "answer over the calldata floor",
        da.answerOverFloor,
        `total / EIP-7623 floor of the answer's own calldata (${da.calldataFloor})`,
      ],
      [
        "answer over the L2 txs sent alone",
        Math.round((da.answer / da.l2TransactionsFloor) * 1000) / 1000,
        `total / floor of the 1,000 transactions sent to L1 one by one (${da.l2TransactionsFloor})`,
      ],
      ["expire", da.expire, "rollback, 4 signers slashed, bond credited back"],
    ],
  );
  printTable(
    "Pause clock (BatchChain)",
    ["transaction", "gas", "what it does"],
    [
      ["pause (guardian)", pause.pause, "first pause: the interval, the tip's flag, the summary's latest end"],
      ["submitBatch after a pause", pause.submitAfter, "1 signature; reads the clock once, clears the flag"],
    ],
  );
  printTable(
    `Rewards (RewardPool; claim after ${claims.batches} finalized, settled batches; goal: claim at most 80,000)`,
    ["transaction", "gas", "what it does"],
    [
      ["claimRewards, to an account holding no tokens", claims.toEmpty, "ETH and tokens paid; new token balance slot"],
      ["claimRewards, to an account holding tokens", claims.toHolder, "ETH and tokens paid"],
      ...settlements.map((s) => [
        `settle, ${s.size} signer${s.size === 1 ? "" : "s"}`,
        s.later,
        `per batch, every signer credited before; first credit of each account ${s.first}`,
      ]),
    ],
  );
  if (wantsJson()) {
    console.log(
      JSON.stringify({
        submitBatch: Object.fromEntries(quorums.map((q) => [String(q.size), q.mean])),
        pause: pause.pause,
        depositETH: mean(steadyEth),
        depositERC20: mean(steadyErc20),
        stake: mean(staking.stakes),
        requestExit: mean(staking.exits),
        epochTransition21: { startEpoch: epochs[1]!.start, activateEpoch: epochs[1]!.activate },
        finalizeWithdrawalETH: mean(finalize.ethToSender),
        finalizeWithdrawalERC20: mean(finalize.erc20),
        l2Withdraw: mean(l2Withdraw.eth),
        challengeHeader: disputes.challengeHeader,
        challengeParentLink: disputes.challengeParentLink,
        challengeBridgeStorage: disputes.challengeBridgeStorage,
        challengeTxRoot: disputes.challengeTxRoot,
        challengeEquivocation: disputes.challengeEquivocation,
        challengeExecution: execution.challengeExecution,
        commitVote: execution.commitVote.max,
        revealVote: execution.revealVote.max,
        resolveDispute: execution.resolveRejected,
        resolveDisputeUpheld: execution.resolveUpheld,
        requestData: da.requestData,
        expire: da.expire,
        answerGasPerByte: da.answerGasPerByte,
        answerOverFloor: da.answerOverFloor,
        claimRewards: claims.toEmpty,
        settleBatch: Object.fromEntries(settlements.map((s) => [String(s.size), s.later])),
      }),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
