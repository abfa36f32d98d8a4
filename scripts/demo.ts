/**
 * `npm run demo`: the rollup end to end on an in-process L1 (the Hardhat network) and L2 (a second EDR chain).
 *
 * Deploys the L1 contracts with the L2 genesis as batch 0, creates the L2 bridge, stakes four sequencers and starts
 * an epoch; then L2 transfers and L1 deposits go into batches that every sequencer checks and signs. One sequencer
 * goes silent and the next one proposes after the rotation timeout; a lazy sequencer's batch that leaves a deposit
 * out past its deadline is rejected, and the deposit is forced in; the fraud window passes (time travel) and the
 * batches finalize. Meanwhile carol withdraws ETH and METIS from L2: her wallet follows the withdrawal through its
 * lifecycle (Initiated, Committed, ReadyToFinalize), checks that her L2 transaction is committed in a batch, verifies
 * the withdrawal proof against the header hash read from L1 before spending gas, and finalizes; L1 pays her once, and a
 * second finalization is refused. Then colluding quorums cheat twice and are slashed: a forged withdrawal root is
 * proven wrong on L1, and a made-up state root is voted down by the staked verifiers; Di, the honest one, re-batches.
 *
 * The DA store ("Memo") is a real S3 server on loopback (s3rver) behind the S3DAStore adapter throughout, and the last
 * steps take it down. Memo down: Di's upload fails and is queued, the verifier reads the batch from the L2 instead,
 * and when Memo is back the queued object is stored. Memo and the L2 both down: a second verifier, Vera (whose L2 RPC
 * is unreachable), raises a DA request (the batch is Insecure); Di answers it on L1 in chunks, paid from the bond;
 * Vera reads the batch from L1 and checks it, and it finalizes after its review. Nobody answers: the next request
 * expires (refused one second early), the batch is rolled back, Di is slashed and jailed, and Vera gets her bond back
 * and a reward.
 *
 * Then governance and economics (scripts/lib/demo-governance.ts): four new sequencers stake different amounts, and
 * a proposal through the Governor and the 7-day Timelock shortens the fraud window to 3 days and funds the reward
 * pool. The guardian pauses for a day while a wrong execution challenge is voted on and a DA request is open: both
 * ends move by the pause, submissions are refused, and after it each has the time it had left; the vote rejects the
 * challenge and a sequencer answers the request past its old deadline. A proposal schedules a maintenance window:
 * the SDK lists it, submissions are refused during it, and the rotation timeout does not run (no missed turns). L2
 * fees collect in the fee vault, go through the bridge into the reward pool, and the signers of the final batches
 * settle and claim them pro rata to stake. Last, a proposal slashes Kim with a stated reason: jailed, the tokens to
 * the timelock, its unclaimed rewards forfeited. Prints a timeline and a table of gas per action, and fails if any
 * step does not happen as shown.
 */
import {
  formatEther,
  getBytes,
  hexlify,
  JsonRpcProvider,
  keccak256,
  Network,
  parseEther,
  Wallet,
  ZeroAddress,
  type ContractTransactionReceipt,
} from "ethers";
import hre from "hardhat";

import { BridgeReader } from "../sdk/src/bridge/reader";
import { finalizeWithdrawal, withdrawERC20, withdrawETH } from "../sdk/src/bridge/writer";
import type { InitiatedWithdrawal, WithdrawalLifecycle } from "../sdk/src/bridge/types";
import { ContractRevertError, decodeRevert } from "../sdk/src/errors/contract";
import { startNextEpoch } from "../sdk/src/sequencer/epochs";
import { packQuorumSignatures } from "../sdk/src/sequencer/quorum";
import { DepositDueError, QuorumNotReachedError } from "../sdk/src/errors/sequencer";
import type { BuiltBatch } from "../sdk/src/sequencer/batch-builder";
import { Sequencer, type HeaderSigner, type SequencerEvent } from "../sdk/src/sequencer/sequencer";
import {
  BATCH_HEADER_TYPES,
  BATCH_STATUSES,
  blockLeaf,
  encodeSidecar,
  executionDisputeId,
  headerHash,
  MerkleTree,
  rlpDecode,
  rlpEncode,
  sidecarKey,
  WITHDRAWAL_TREE_DEPTH,
  withdrawalHash,
  verifyTxInclusion,
  verifyWithdrawalProof,
  type Hex,
  type RlpItem,
  type RlpNode,
} from "../sdk/src/proof";
import { L2Token__factory } from "../sdk/src/contracts/typechain";
import { transact } from "../sdk/src/contracts/transact";
import { L1DataSource, type L1DataProgress } from "../sdk/src/da/l1-source";
import { claimDA, daInterfaces, daRequestStatus } from "../sdk/src/da/requests";
import { S3DAStore, type S3DAStoreConfig } from "../sdk/src/da/s3-store";
import type { DASourceFailure } from "../sdk/src/errors/da";
import type { DAAnswerProgress } from "../sdk/src/sequencer/da-answerer";

import {
  addL2Relayer,
  bootstrapL2Bridge,
  createL2Chain,
  createL2Replica,
  deployL1,
  ethBacking,
  genesisLeaf,
  rollupAddresses,
} from "../sdk/src/node";

import { readRpcHeader } from "../sdk/src/sequencer/block-headers";
import { Challenger } from "../sdk/src/verifier/challenger";
import { challengeFindings, type ChallengeResponse } from "../sdk/src/verifier/respond";
import { Verifier, type VerifierEvent } from "../sdk/src/verifier/verifier";
import { getDisputeStatus } from "../sdk/src/verifier/disputes";
import { replicaJudge, Voter, type VoterAction } from "../sdk/src/verifier/voter";

import { forgeBatch } from "./lib/forge";
import { closedPort, MEMO_BUCKET, MEMO_CREDENTIALS, MemoServer } from "./lib/memo";
import { mineTo } from "./lib/mine";
import { governanceSteps } from "./lib/demo-governance";
import { check, formatDuration, short, Timeline } from "./lib/timeline";

const NAMES = ["Ada", "Bo", "Cy", "Di"];
/** Sequencers who join later, in the execution-fault step. */
const LATE_NAMES = ["Ed", "Flo", "Gus"];

/** `rlpHeader` (an RLP block header) with its state root (field 3) replaced by `stateRoot`. */
function withStateRoot(rlpHeader: Hex, stateRoot: Hex): Hex {
  const fields = (rlpDecode(getBytes(rlpHeader)).value as readonly RlpNode[]).map((f) => f.value as Uint8Array);
  fields[3] = getBytes(stateRoot);
  return hexlify(rlpEncode(fields as RlpItem)) as Hex;
}

/** A sequencer's DA-store upload event. */
type StoreEvent = Extract<SequencerEvent, { kind: "store-upload-failed" | "store-uploaded" }>;

/** The S3 adapter (`S3DAStore`) over the demo's Memo server. */
function memoStore(memo: MemoServer, options: Partial<S3DAStoreConfig> = {}): S3DAStore {
  return new S3DAStore({
    bucket: MEMO_BUCKET,
    endpoint: memo.endpoint,
    credentials: MEMO_CREDENTIALS,
    forcePathStyle: true,
    ...options,
  });
}

/** An error's class name, or for a plain Error (an RPC failure) its code. */
function errorName(error: unknown): string {
  if (!(error instanceof Error)) return "failed";
  const code = (error as { code?: unknown }).code;
  return error.name === "Error" && typeof code === "string" ? code : error.name;
}

/** The sources a data read tried before one served it (or none did), each with its error's name. */
function failuresOf(failures: readonly DASourceFailure[]): string {
  const reasons = failures.map(({ source, error }) => `${source}: ${errorName(error)}`);
  return reasons.length === 0 ? "no failure" : reasons.join(", ");
}

/** A withdrawal's lifecycle as one line. */
function describeStatus(lifecycle: WithdrawalLifecycle): string {
  switch (lifecycle.status) {
    case "Initiated":
      return `Initiated (L2 block ${lifecycle.l2BlockNumber}, not in a batch yet)`;
    case "Committed":
      return `Committed in batch ${lifecycle.batchIndex}, final in ${formatDuration(Number(lifecycle.secondsLeft))}`;
    case "Finalized":
      return "Finalized (paid on L1)";
    default:
      return `${lifecycle.status} (batch ${lifecycle.batchIndex})`;
  }
}

async function main(): Promise<void> {
  const { ethers } = hre;
  const timeline = new Timeline(ethers.provider);
  await timeline.begin();
  // Memo: a real S3 server on loopback (s3rver) behind the S3 adapter, as Memo's gateway is reached.
  const memo = await MemoServer.start();
  const closers: (() => unknown)[] = [];

  try {
    // --- Chains and contracts --------------------------------------------------------------------------------
    const l2 = await createL2Chain(hre);
    const genesis = await genesisLeaf(l2);
    const [deployer, l1User, carolOnL1] = await ethers.getSigners();
    // The guardian: a dedicated account that may pause the chain (step 18).
    const guardian = (await ethers.getSigners())[13]!;
    const l1 = await deployL1(deployer!, { genesis, guardian: guardian.address });
    for (const [name, contract] of Object.entries(l1)) {
      timeline.record(`deploy ${name}`, (await contract.deploymentTransaction()?.wait()) ?? { gasUsed: 0n });
    }
    await timeline.log(
      "deploy",
      `L1 contracts; batch 0 anchors L2 genesis block ${short(genesis.blockHash as string)}`,
    );
    const l2Bridge = await bootstrapL2Bridge(l2);
    timeline.record(
      "L2 bridge creation (L2)",
      await l2.provider.getTransactionReceipt((await l2.provider.getBlock(1, true))!.prefetchedTransactions[0]!.hash),
    );
    await timeline.log("L2 bridge", `created at ${short(l2.bridgeAddress)} in L2 block 1 with a 1,000,000 ETH reserve`);

    // --- Sequencers -----------------------------------------------------------------------------------------
    const stake = await l1.registry.minStake();
    const keys: Wallet[] = [];
    for (const name of NAMES) {
      const key = new Wallet(Wallet.createRandom().privateKey, ethers.provider);
      await ethers.provider.send("hardhat_setBalance", [key.address, "0x56BC75E2D63100000"]);
      await (await l1.token.transfer(key.address, stake)).wait();
      await (await l1.token.connect(key).approve(await l1.registry.getAddress(), stake)).wait();
      timeline.record("stake", await (await l1.registry.connect(key).stake(stake, key.address)).wait());
      keys.push(key);
      await timeline.log("stake", `${name} (${short(key.address)}) stakes ${formatEther(stake)} METIS`);
      if (keys.length === 1) {
        // The launch race: the first staker tries to start an epoch alone and own the chain for a day.
        const alone = await l1.registry
          .connect(key)
          .startEpoch()
          .catch((error: unknown) => decodeRevert(error, { SequencerRegistry: l1.registry.interface }));
        check(
          alone instanceof ContractRevertError && alone.errorName === "SequencerRegistryEpochTooSmall",
          "a lone staker cannot start an epoch",
        );
        await timeline.log(
          "launch",
          `${name} tries to start an epoch alone: ${alone.errorName}(${alone.args.members} member, needs ` +
            `${alone.args.minMembers} and ${formatEther(alone.args.minTotalStake as bigint)} METIS)`,
        );
      }
    }
    // Each sequencer relays deposits on L2 with its own signer key, so every relay is attributable to one of them.
    const relayers: Wallet[] = [];
    for (const key of keys) relayers.push(await addL2Relayer(l2, key));
    await timeline.log("relayers", `the L2 bridge allows each sequencer's own key to relay; none is shared`);
    const scheduleReceipt = (await (await l1.registry.startEpoch()).wait())!;
    timeline.record("startEpoch", scheduleReceipt);
    const [freezeBlock, seedBlock] = await l1.registry.pendingEpoch();
    await timeline.log(
      "epoch 1",
      `scheduled: the set is frozen at L1 block ${freezeBlock} (at least ${await l1.registry.minMembers()} members ` +
        `needed); its order comes from the hash of block ${seedBlock}, not mined yet`,
    );
    timeline.record("activateEpoch", await startNextEpoch(l1.registry, { waitForBlock: mineTo }));
    const order = (await l1.registry.members()).map((m) => NAMES[keys.findIndex((k) => k.address === m.signer)]);
    await timeline.log("epoch 1", `activated: proposer order from block ${seedBlock}'s hash: ${order.join(" → ")}`);

    const nameOf = (address: string) =>
      NAMES[keys.findIndex((k) => k.address.toLowerCase() === address.toLowerCase())]!;
    const store_ = memoStore(memo);
    closers.push(() => store_.destroy());
    const addresses = await rollupAddresses(l1, l2.bridgeAddress);
    // Relays happen inside a proposal; their lines are printed with it, in order.
    const relayed: string[] = [];
    // DA-store upload events (Memo down, Memo back), printed by the steps that show them.
    const uploads: StoreEvent[] = [];
    const progress = (name: string) => (event: SequencerEvent) => {
      if (event.kind === "deposits-relayed") {
        relayed.push(
          `${name} relays ${event.count} deposit(s) to L2 first; the L2 bridge now has ${event.depositCount}`,
        );
      } else if (event.kind === "store-upload-failed" || event.kind === "store-uploaded") {
        uploads.push(event);
      }
    };
    const sequencers = keys.map(
      (key, i) =>
        new Sequencer({
          key,
          ...addresses,
          l2: l2.provider,
          store: store_,
          relayer: relayers[i],
          onProgress: progress(NAMES[i]!),
        }),
    );
    const scheduled = async () => {
      for (const s of sequencers) if (await s.isScheduled()) return s;
      throw new Error("nobody is scheduled");
    };
    // Each proposal's submitBatch receipt by batch index: its calldata holds the quorum signatures (for `expire`).
    const submissions = new Map<bigint, ContractTransactionReceipt>();
    const propose = async (proposer: Sequencer, peers: Sequencer[]) => {
      const { batch, receipt, signers } = await proposer.propose(peers);
      timeline.record("submitBatch", receipt);
      submissions.set(batch.header.batchIndex, receipt);
      for (const line of relayed.splice(0)) await timeline.log("relay (L2)", line);
      const h = batch.header;
      await timeline.log(
        `batch ${h.batchIndex}`,
        `${nameOf(proposer.address)} proposes L2 blocks ${h.firstBlock}–${h.lastBlock} (${h.txCount} ` +
          `${h.txCount === 1 ? "tx" : "txs"}, ` +
          `${h.depositCount} deposits in total); signed by ${signers.map(nameOf).join(", ")}; ${receipt.gasUsed} gas`,
      );
      return batch;
    };

    // --- L2 activity and deposits ---------------------------------------------------------------------------
    const [alice, bob, carol] = l2.users;
    for (let i = 0; i < 3; i++) {
      const receipt = await (await alice!.sendTransaction({ to: bob!.address, value: parseEther("1.5") })).wait();
      timeline.record("L2 transfer (L2)", receipt);
    }
    await timeline.log("L2", `alice sends bob 3 × 1.5 ETH (L2 blocks 2–4)`);
    const ethDeposit = await (
      await l1.bridge.connect(l1User!).depositETH(carol!.address, { value: parseEther("2") })
    ).wait();
    timeline.record("depositETH", ethDeposit);
    await (await l1.token.transfer(l1User!.address, parseEther("500"))).wait();
    await (await l1.token.connect(l1User!).approve(await l1.bridge.getAddress(), parseEther("500"))).wait();
    const tokenDeposit = await (
      await l1.bridge.connect(l1User!).depositERC20(await l1.token.getAddress(), carol!.address, parseEther("500"))
    ).wait();
    timeline.record("depositERC20", tokenDeposit);
    await timeline.log("deposits", `an L1 user deposits 2 ETH and 500 METIS for carol (deposits #0, #1)`);

    // Deployment (governance, the pause clock, the pool) takes a minute of L1 time on a slow machine, which the
    // rotation counts from batch 0: start the first proposal at the beginning of a rotation slot, so that the
    // scheduled proposer cannot change between the check and the submission.
    // At least a whole rotation after batch 0, so no member is charged a missed turn for the launch (an idle chain).
    const [, , , anchoredAt] = await l1.batchChain.tip();
    const slot = await l1.registry.rotationTimeout();
    const latest = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    const members = BigInt((await l1.registry.members()).length);
    const elapsedSlots = (latest - anchoredAt + slot) / slot;
    const startSlots = elapsedSlots > members ? elapsedSlots : members;
    await ethers.provider.send("evm_setNextBlockTimestamp", [Number(anchoredAt + startSlots * slot)]);
    await ethers.provider.send("evm_mine", []);
    let proposer = await scheduled();
    const first = await propose(
      proposer,
      sequencers.filter((s) => s !== proposer),
    );
    check(first.header.depositCount === 2n, "batch 1 includes both deposits");
    const l2Metis = L2Token__factory.connect(await l2Bridge.l2TokenOf(await l1.token.getAddress()), l2.provider);
    await timeline.log(
      "L2 balances",
      `carol holds ${formatEther(await l2.provider.getBalance(carol!.address))} ETH and ` +
        `${formatEther(await l2Metis.balanceOf(carol!.address))} ${await l2Metis.symbol()} on L2`,
    );

    // --- Withdrawals: carol sends ETH and METIS back to her L1 account ---------------------------------------
    const reader = new BridgeReader({ ...addresses, l1: ethers.provider, l2: l2.provider });
    const carolL1 = carolOnL1!;
    const withdrawals: { label: string; initiated: InitiatedWithdrawal }[] = [];
    const ethOut = await withdrawETH(l2Bridge.connect(carol!), carolL1.address, parseEther("0.5"));
    timeline.record("withdraw (L2)", await l2.provider.getTransactionReceipt(ethOut.l2TxHash));
    withdrawals.push({ label: "0.5 ETH", initiated: ethOut });
    const metisOut = await withdrawERC20(
      l2Bridge.connect(carol!),
      await l2Metis.getAddress(),
      carolL1.address,
      parseEther("100"),
    );
    timeline.record("withdrawERC20 (L2)", await l2.provider.getTransactionReceipt(metisOut.l2TxHash));
    withdrawals.push({ label: "100 METIS", initiated: metisOut });
    for (const { label, initiated } of withdrawals) {
      const lifecycle = await reader.getWithdrawalStatus(initiated.hash);
      check(lifecycle.status === "Initiated", `the ${label} withdrawal starts Initiated`);
      await timeline.log(
        "L2 withdraw",
        `carol withdraws ${label} to her L1 account (withdrawal #${initiated.withdrawal.index}): ${describeStatus(lifecycle)}`,
      );
    }

    // --- Rotation: the scheduled sequencer stays silent -----------------------------------------------------
    await (await bob!.sendTransaction({ to: alice!.address, value: parseEther("0.5") })).wait();
    const silent = await scheduled();
    const timeout = Number(await l1.registry.rotationTimeout());
    await timeline.log("rotation", `${nameOf(silent.address)} is scheduled for batch 2 and stays silent`);
    await hre.network.provider.send("evm_increaseTime", [timeout]);
    await hre.network.provider.send("evm_mine", []);
    proposer = await scheduled();
    check(proposer !== silent, "the turn passes after the timeout");
    await timeline.log("rotation", `after the ${timeout} s timeout ${nameOf(proposer.address)} may propose`);
    await propose(
      proposer,
      sequencers.filter((s) => s !== proposer && s !== silent),
    );
    for (const { label, initiated } of withdrawals) {
      const lifecycle = await reader.getWithdrawalStatus(initiated.hash);
      check(lifecycle.status === "Committed", `the ${label} withdrawal is committed by batch 2`);
      await timeline.log("withdrawal", `carol's ${label}: ${describeStatus(lifecycle)}`);
    }
    const inclusion = await reader.getTransactionInclusion(ethOut.l2TxHash);
    check(inclusion.committed && inclusion.proof, "carol's L2 transaction is committed");
    const [includingHeader] = await l1.batchChain.headerStatus(inclusion.batchIndex!);
    const txCheck = verifyTxInclusion(inclusion.proof, { headerHash: includingHeader as Hex });
    check(txCheck.valid, "the transaction-inclusion proof verifies");
    await timeline.log(
      "wallet",
      `carol's L2 withdraw tx ${short(ethOut.l2TxHash)} is committed to L1 in batch ${inclusion.batchIndex} ` +
        `(${inclusion.batchStatus}); its leaf proof checks against the header hash on L1`,
    );
    const missed = (await l1.registry.members()).find((m) => m.signer === silent.address)!.missedTurns;
    check(missed === 1n, "the silent sequencer's missed turn is counted");
    await timeline.log(
      "rotation",
      `${nameOf(silent.address)} has ${missed} missed turn (at ${await l1.registry.maxMissedTurns()} in a row the ` +
        `rotation offers it a turn only after every other member's timeout)`,
    );

    // --- The halt rule: two of four equal stakes silent ------------------------------------------------------
    const [haltedAtBlock, haltedDeposits] = await l1.batchChain.tip();
    const countBefore = await l1.batchChain.batchCount();
    const offline = new Set<Sequencer>(sequencers.filter((s) => s !== proposer).slice(0, 2));
    const peersOf = (self: Sequencer): HeaderSigner[] =>
      sequencers
        .filter((s) => s !== self)
        .map((s) => (offline.has(s) ? { address: s.address, sign: () => Promise.reject(new Error("offline")) } : s));
    await timeline.log(
      "halt",
      `${[...offline].map((s) => nameOf(s.address)).join(" and ")} go offline: 2 of 4 equal stakes, 50% signing, ` +
        `not more than two thirds`,
    );
    const duringHalt = await (await alice!.sendTransaction({ to: carol!.address, value: parseEther("0.25") })).wait();
    const haltDeposit = await (
      await l1.bridge.connect(l1User!).depositETH(carol!.address, { value: parseEther("0.75") })
    ).wait();
    timeline.record("depositETH", haltDeposit);
    await timeline.log("halt", `alice still sends carol 0.25 ETH on L2, and an L1 user deposits 0.75 ETH for carol`);
    const refusedBy = new Set<string>();
    for (let attempt = 0; attempt < 4; attempt++) {
      const current = await scheduled();
      if (offline.has(current)) {
        await timeline.log("halt", `${nameOf(current.address)} is scheduled but offline`);
      } else {
        const error = await current.propose(peersOf(current)).catch((e: unknown) => e);
        check(error instanceof QuorumNotReachedError, `no batch without a quorum (${String(error)})`);
        refusedBy.add(nameOf(current.address));
        await timeline.log(
          "halt",
          `${nameOf(current.address)} proposes, but collects ${formatEther(error.signedStake)} of ` +
            `${formatEther(error.totalStake)} staked METIS: ${error.name}; nothing goes to L1`,
        );
      }
      await hre.network.provider.send("evm_increaseTime", [timeout]);
      await hre.network.provider.send("evm_mine", []);
    }
    check(refusedBy.size > 0 && (await l1.batchChain.batchCount()) === countBefore, "the chain halted");
    const back = [...offline][0]!;
    offline.delete(back);
    await timeline.log("resume", `${nameOf(back.address)} comes back: 3 of 4 stakes, 75% > two thirds`);
    let resumed: BuiltBatch | undefined;
    for (let attempt = 0; attempt < 4 && !resumed; attempt++) {
      const current = await scheduled();
      if (offline.has(current)) {
        await hre.network.provider.send("evm_increaseTime", [timeout]);
        await hre.network.provider.send("evm_mine", []);
        continue;
      }
      const { batch, receipt, signers } = await current.propose(peersOf(current));
      timeline.record("submitBatch", receipt);
      for (const line of relayed.splice(0)) await timeline.log("relay (L2)", line);
      resumed = batch;
      await timeline.log(
        `batch ${batch.header.batchIndex}`,
        `${nameOf(current.address)} proposes L2 blocks ${batch.header.firstBlock}–${batch.header.lastBlock}, ` +
          `signed by ${signers.map(nameOf).join(", ")}: the chain resumes`,
      );
    }
    check(resumed !== undefined, "the chain resumes with three of four");
    const head = BigInt(await l2.provider.send("eth_blockNumber", []));
    check(
      resumed.header.firstBlock === haltedAtBlock + 1n && resumed.header.lastBlock === head,
      "the resumed batch covers every L2 block since the halt",
    );
    check(resumed.header.depositCount === haltedDeposits + 1n, "the deposit made during the halt is included");
    const haltInclusion = await reader.getTransactionInclusion(duringHalt!.hash as Hex);
    check(haltInclusion.committed, "the L2 transfer made during the halt is committed");
    const backing = await ethBacking(l2, l1.bridge, ethers.provider);
    check(backing.outside <= backing.escrow, "every L2 ETH outside the reserve is backed on L1");
    await timeline.log(
      "nothing lost",
      `L2 blocks ${resumed.header.firstBlock}–${head} (the halt's transfer in batch ${haltInclusion.batchIndex}) and ` +
        `deposit #${haltedDeposits} are committed; L2 ETH outside the reserve ${formatEther(backing.outside)} ≤ ` +
        `L1 escrow ${formatEther(backing.escrow)}`,
    );

    // --- Forced inclusion -----------------------------------------------------------------------------------
    const late = await (await l1.bridge.connect(l1User!).depositETH(bob!.address, { value: parseEther("1") })).wait();
    timeline.record("depositETH", late);
    await timeline.log("deposit", `deposit #3 (1 ETH for bob) is queued; a lazy proposer does not relay it`);
    const delay = Number(await l1.batchChain.forceInclusionDelay());
    for (const step of ["before", "after"] as const) {
      if (step === "after") {
        await hre.network.provider.send("evm_increaseTime", [delay]);
        await hre.network.provider.send("evm_mine", []);
        await timeline.log("deadline", `${delay / 3600} h pass: deposit #3 is overdue`);
      }
      await (await alice!.sendTransaction({ to: bob!.address, value: 1n })).wait();
      const lazyBase = await scheduled();
      const lazy = new Sequencer({ ...lazyBase.config, relayDeposits: false, onProgress: undefined });
      const batch = await lazy.buildNextBatch();
      let signatures: string[];
      if (step === "before") {
        signatures = await Promise.all(sequencers.map((s) => s.sign(batch.header)));
      } else {
        // Honest sequencers refuse a header L1 would reject: signing it would bind them to a slot that cannot land.
        const refusals = await Promise.all(sequencers.map((s) => s.sign(batch.header).catch((e: unknown) => e)));
        check(
          refusals.every((e) => e instanceof DepositDueError),
          "honest signers refuse a batch that leaves an overdue deposit out",
        );
        await timeline.log(
          "refused",
          `every sequencer refuses to sign ${nameOf(lazy.address)}'s batch leaving deposit #3 out: DepositDueError`,
        );
        // A colluding quorum signs it with its keys directly, skipping the SDK's checks; L1 still rejects it.
        const domain = await lazy.domain();
        const types = { BatchHeader: [...BATCH_HEADER_TYPES.BatchHeader] };
        signatures = await Promise.all(sequencers.map((s) => s.config.key.signTypedData(domain, types, batch.header)));
      }
      const digest = (await l1.batchChain.headerDigest(batch.header)) as Hex;
      const members = (await l1.registry.members()).map((m) => m.signer);
      try {
        const receipt = await lazy.submit(batch, packQuorumSignatures(digest, signatures, members));
        timeline.record("submitBatch", receipt);
        check(step === "before", "a batch leaving an overdue deposit out must be rejected");
        await timeline.log(
          `batch ${batch.header.batchIndex}`,
          `${nameOf(lazy.address)} leaves deposit #3 out before its deadline: accepted`,
        );
      } catch (error) {
        check(
          error instanceof ContractRevertError && error.errorName === "BatchChainOverdueDepositExcluded",
          `unexpected ${String(error)}`,
        );
        check(step === "after", "the batch before the deadline is accepted");
        await timeline.log(
          "rejected",
          `the colluding quorum's batch leaving deposit #3 out: ${error.errorName}(index ${error.args.index}, deadline ${error.args.deadline})`,
        );
      }
    }
    proposer = await scheduled();
    const forced = await propose(
      proposer,
      sequencers.filter((s) => s !== proposer),
    );
    check(forced.header.depositCount === 4n, "the overdue deposit is forced in");
    await timeline.log("forced in", `deposit #3 is relayed on L2 and committed in batch ${forced.header.batchIndex}`);

    // --- Finalization ---------------------------------------------------------------------------------------
    const count = await l1.batchChain.batchCount();
    const statuses = async () =>
      (await Promise.all([...Array(Number(count)).keys()].map((i) => l1.batchChain.batchStatus(i)))).map(
        (s) => BATCH_STATUSES[Number(s)],
      );
    await timeline.log("status", `batches 0–${count - 1n}: ${(await statuses()).join(", ")}`);
    const window = Number(await l1.batchChain.fraudProofWindow());
    await hre.network.provider.send("evm_increaseTime", [window]);
    await hre.network.provider.send("evm_mine", []);
    const final = await statuses();
    check(
      final.every((s) => s === "Finalized"),
      "every batch finalizes after the fraud window",
    );
    await timeline.log("finalized", `${window / 86_400} days later, batches 0–${count - 1n}: ${final.join(", ")}`);

    // --- Withdrawals: verified in the wallet, then paid on L1 ------------------------------------------------
    for (const { label, initiated } of withdrawals) {
      const lifecycle = await reader.getWithdrawalStatus(initiated.hash);
      check(lifecycle.status === "ReadyToFinalize", `the ${label} withdrawal is ready after the window`);
      const proof = await reader.buildWithdrawalProof(initiated.hash);
      // The wallet trusts only the header hash it reads from BatchChain; everything else it checks itself.
      const [trustedHash] = await l1.batchChain.headerStatus(lifecycle.batchIndex);
      const verdict = verifyWithdrawalProof(proof, { headerHash: trustedHash as Hex });
      check(verdict.valid, `the ${label} withdrawal proof verifies in the wallet`);
      const forged = { ...proof, withdrawal: { ...proof.withdrawal, amount: BigInt(proof.withdrawal.amount) * 10n } };
      const refused = verifyWithdrawalProof(forged, { headerHash: trustedHash as Hex });
      check(!refused.valid && refused.step === "withdrawal", "a forged amount fails the withdrawal step");
      await timeline.log(
        "wallet",
        `carol's ${label}: ${lifecycle.status}; her wallet verifies the proof against batch ` +
          `${lifecycle.batchIndex}'s header hash from L1 (valid), and the same proof for 10× the amount fails at ` +
          `step "${refused.step}"`,
      );

      const token = proof.withdrawal.l1Token === ZeroAddress ? null : l1.token;
      const balance = () => (token ? token.balanceOf(carolL1.address) : ethers.provider.getBalance(carolL1.address));
      const before = await balance();
      const receipt = await finalizeWithdrawal(l1.bridge.connect(carolL1), proof);
      timeline.record(token ? "finalizeWithdrawal ERC20" : "finalizeWithdrawal ETH", receipt);
      const fee = token ? 0n : receipt.gasUsed * receipt.gasPrice;
      check((await balance()) - before + fee === BigInt(proof.withdrawal.amount), `L1 pays the ${label}`);
      const after = await reader.getWithdrawalStatus(initiated.hash);
      check(after.status === "Finalized", `the ${label} withdrawal is Finalized`);
      await timeline.log(
        "finalize",
        `carol finalizes on L1 and receives ${label} (${receipt.gasUsed} gas); status: ${describeStatus(after)}`,
      );
      try {
        await finalizeWithdrawal(l1.bridge.connect(carolL1), proof);
        check(false, "a second finalization must fail");
      } catch (error) {
        check(
          error instanceof ContractRevertError && error.errorName === "L1BridgeWithdrawalAlreadyFinalized",
          `unexpected ${String(error)}`,
        );
        await timeline.log("rejected", `finalizing the ${label} again: ${error.errorName}; nothing is paid twice`);
      }
    }

    // --- A forged batch, caught by a verifier and rolled back ------------------------------------------------
    // Ada, Bo and Cy (75% of the stake, a quorum) collude: they commit a batch whose first block leaf carries a
    // withdrawal root of their own, paying Ada 5 ETH from the L1 bridge. L1 accepts it: the quorum signed it.
    await (await alice!.sendTransaction({ to: bob!.address, value: parseEther("0.1") })).wait();
    await (await bob!.sendTransaction({ to: alice!.address, value: parseEther("0.1") })).wait();
    const colluders = keys.slice(0, 3);
    const thief = colluders[0]!.address as Hex;
    const stolen = { index: 0n, l2Sender: thief, l1To: thief, l1Token: ZeroAddress as Hex, amount: parseEther("5") };
    const theftTree = MerkleTree.from([withdrawalHash(stolen)], { depth: WITHDRAWAL_TREE_DEPTH });
    const forged = await forgeBatch(
      { batchChain: l1.batchChain, registry: l1.registry, l2, keys, store: store_ },
      { leaves: (leaves) => [{ ...leaves[0]!, withdrawalRoot: theftTree.root }, ...leaves.slice(1)] },
      { signers: colluders },
    );
    // They publish the batch's sidecar (its leaves and headers) like any proposer, so that wallets can build proofs.
    const sidecarBlocks = [];
    for (const [i, leaf] of forged.blockLeaves.entries()) {
      const rpc = await readRpcHeader(l2.provider, BigInt(leaf.number));
      sidecarBlocks.push({
        ...forged.blocks[i]!,
        withdrawalRoot: leaf.withdrawalRoot as Hex,
        rlpHeader: rpc!.rlpHeader,
      });
    }
    await store_.put(sidecarKey(forged.hash), encodeSidecar({ headerHash: forged.hash, blocks: sidecarBlocks }));
    timeline.record("submitBatch", forged.receipt!);
    const forgedIndex = forged.header.batchIndex;
    await timeline.log(
      `batch ${forgedIndex}`,
      `Ada, Bo and Cy sign a forged batch: block ${forged.header.firstBlock}'s withdrawal root pays Ada 5 ETH`,
    );
    const theft = {
      withdrawal: stolen,
      batchIndex: forgedIndex,
      header: forged.header,
      blockLeaf: forged.blockLeaves[0]!,
      blockLeafIndex: 0,
      blockSiblings: MerkleTree.from(forged.blockLeaves.map(blockLeaf)).proof(0),
      withdrawalSiblings: theftTree.proof(0),
    };
    const early = await finalizeWithdrawal(l1.bridge.connect(colluders[0]!), theft).catch((e: unknown) => e);
    check(
      early instanceof ContractRevertError && early.errorName === "L1BridgeBatchNotFinal",
      "the theft waits for the fraud window",
    );

    // A verifier (anyone: here carol's L1 account) follows BatchChain on its own replica of the L2 and challenges.
    const challenger = new Challenger({
      signer: carolL1,
      disputeManager: addresses.disputeManager,
      registry: addresses.registry,
    });
    const responses: ChallengeResponse[] = [];
    const replica = await createL2Replica(hre);
    const verifierEvents: VerifierEvent[] = [];
    const verifier = new Verifier({
      l1: ethers.provider,
      batchChain: addresses.batchChain,
      store: store_,
      l2: l2.provider,
      replica,
      onProgress: (event) => void verifierEvents.push(event),
      // Structural proofs first; an execution dispute only where none applies.
      onFinding: challengeFindings(challenger, {
        l2: l2.provider,
        execution: true,
        onResponse: (r) => void responses.push(r),
      }),
    });
    await verifier.sync();
    const [caught] = responses;
    check(caught?.action === "challenged" && caught.finding.kind === "withdrawalRoot", "the verifier proves it");
    if (caught?.action !== "challenged" || caught.result.outcome.kind !== "fault") throw new Error("not proven");
    timeline.record("challengeBridgeStorage", caught.result.receipt);
    const outcome = caught.result.outcome;
    check(
      (await l1.batchChain.batchStatus(forgedIndex)) === BigInt(BATCH_STATUSES.indexOf("RolledBack")),
      "the forged batch is rolled back",
    );
    await timeline.log(
      "verifier",
      `replays batches 1–${forgedIndex} on its own L2 replica: batch ${forgedIndex} leaf 0's withdrawal root is not ` +
        `the L2 bridge's slot 2; challengeBridgeStorage proves it on L1 (${caught.result.receipt.gasUsed} gas): ` +
        `rolled back, ${outcome.slashed.map(nameOf).join(", ")} slashed ${formatEther(outcome.amount)} METIS`,
    );
    const claimed = await challenger.claimReward();
    await timeline.log("reward", `the prover claims ${formatEther(claimed.amount)} METIS, its share of the slashes`);

    // Di, the honest one, now holds all the stake nobody proved dishonest: it re-batches the blocks alone.
    const di = sequencers[3]!;
    check(await di.isScheduled(), "the honest sequencer is scheduled");
    const again = await propose(di, sequencers.slice(0, 3));
    check(again.header.firstBlock === forged.header.firstBlock, "the rolled-back blocks are resubmitted");
    await verifier.sync();
    check(responses.length === 1, "the corrected batch passes the verifier");
    await hre.network.provider.send("evm_increaseTime", [window]);
    await hre.network.provider.send("evm_mine", []);
    check(
      (await l1.batchChain.batchStatus(again.header.batchIndex)) === BigInt(BATCH_STATUSES.indexOf("Finalized")),
      "the corrected batch finalizes",
    );
    const refused = await finalizeWithdrawal(l1.bridge.connect(colluders[0]!), theft).catch((e: unknown) => e);
    check(
      refused instanceof ContractRevertError && refused.errorName === "L1BridgeInvalidBlockProof",
      "the theft fails for good",
    );
    await timeline.log(
      "finalized",
      `Di's batch ${again.header.batchIndex} is Finalized; Ada's 5 ETH proof now fails for good (${refused.errorName})`,
    );

    // --- An execution fault: no structural proof, decided by the staked verifiers' vote -------------------------
    // Three newcomers join Di; three verifiers stake in the VerifierRegistry (each verifies with a replica; here
    // they share the verifier's).
    const newcomers: Wallet[] = [];
    for (const name of LATE_NAMES) {
      const key = new Wallet(Wallet.createRandom().privateKey, ethers.provider);
      await ethers.provider.send("hardhat_setBalance", [key.address, "0x56BC75E2D63100000"]);
      await (await l1.token.transfer(key.address, stake)).wait();
      await (await l1.token.connect(key).approve(await l1.registry.getAddress(), stake)).wait();
      timeline.record("stake", await (await l1.registry.connect(key).stake(stake, key.address)).wait());
      newcomers.push(key);
      await timeline.log("stake", `${name} (${short(key.address)}) stakes ${formatEther(stake)} METIS`);
    }
    await (await l1.registry.startEpoch()).wait();
    await startNextEpoch(l1.registry, { waitForBlock: mineTo });
    await timeline.log("epoch", `${LATE_NAMES.join(", ")} join Di in a new epoch`);
    const voterKeys = (await ethers.getSigners()).slice(10, 13);
    const minVerifierStake = await l1.verifierRegistry.minVerifierStake();
    const voters: Voter[] = [];
    for (const [i, key] of voterKeys.entries()) {
      await (await l1.token.transfer(key.address, minVerifierStake * BigInt(i + 1))).wait();
      const voter = new Voter({
        signer: key,
        disputeManager: addresses.disputeManager,
        judge: replicaJudge(replica),
        resolve: i === 0,
      });
      timeline.record("verifier stake", await voter.stake(minVerifierStake * BigInt(i + 1)));
      voters.push(voter);
    }
    await timeline.log(
      "verifiers",
      `three verifiers stake ${voterKeys.map((_, i) => formatEther(minVerifierStake * BigInt(i + 1))).join(", ")} ` +
        `METIS in the VerifierRegistry; their stake counts in disputes opened from the next second on`,
    );
    await ethers.provider.send("evm_increaseTime", [1]);

    // Ed, Flo and Gus (75% of the stake) sign a batch whose last block header carries a made-up state root. The
    // header is self-consistent (its hash is the leaf's, its parent links hold, its transactions are the real ones),
    // so no structural proof applies; only executing the block shows it wrong.
    await (await alice!.sendTransaction({ to: bob!.address, value: parseEther("0.2") })).wait();
    await (await bob!.sendTransaction({ to: carol!.address, value: parseEther("0.1") })).wait();
    const lastL2 = await l2.provider.getBlockNumber();
    const realHeader = (await readRpcHeader(l2.provider, BigInt(lastL2)))!.rlpHeader;
    const fakeRoot = keccak256(new TextEncoder().encode("a state root nobody computed")) as Hex;
    const fakeHeader = withStateRoot(realHeader, fakeRoot);
    const fakeHash = keccak256(fakeHeader) as Hex;
    const execKeys = [keys[3]!, ...newcomers];
    const fabricated = await forgeBatch(
      { batchChain: l1.batchChain, registry: l1.registry, l2, keys: execKeys, store: store_ },
      {
        leaves: (leaves) => [...leaves.slice(0, -1), { ...leaves.at(-1)!, blockHash: fakeHash, stateRoot: fakeRoot }],
      },
      { signers: newcomers },
    );
    const fabricatedBlocks = [];
    for (const [i, leaf] of fabricated.blockLeaves.entries()) {
      const rpc = await readRpcHeader(l2.provider, BigInt(leaf.number));
      const last = i === fabricated.blockLeaves.length - 1;
      fabricatedBlocks.push({
        ...fabricated.blocks[i]!,
        hash: leaf.blockHash as Hex,
        stateRoot: leaf.stateRoot as Hex,
        withdrawalRoot: leaf.withdrawalRoot as Hex,
        rlpHeader: last ? fakeHeader : rpc!.rlpHeader,
      });
    }
    await store_.put(
      sidecarKey(fabricated.hash),
      encodeSidecar({ headerHash: fabricated.hash, blocks: fabricatedBlocks }),
    );
    timeline.record("submitBatch", fabricated.receipt!);
    const fabricatedIndex = fabricated.header.batchIndex;
    await timeline.log(
      `batch ${fabricatedIndex}`,
      `Ed, Flo and Gus sign a batch whose last block (${fabricated.header.lastBlock}) has a made-up state root in a ` +
        `self-consistent header`,
    );

    // The verifier's replica gets another state root; nothing structural explains it, so it opens an execution
    // dispute with a 1 ETH bond.
    const before13 = responses.length;
    await verifier.sync();
    const disputed = responses[before13];
    check(disputed?.action === "disputed", "the verifier opens an execution dispute");
    if (disputed?.action !== "disputed") throw new Error("not disputed");
    timeline.record("challengeExecution", disputed.result.receipt);
    const leafIndex = fabricated.blockLeaves.length - 1;
    const disputeId = executionDisputeId(fabricated.hash, leafIndex);
    check(disputed.result.id === disputeId, "the dispute id is the header's and the leaf's");
    check(
      (await l1.batchChain.batchStatus(fabricatedIndex)) === BigInt(BATCH_STATUSES.indexOf("Disputed")),
      "the batch is Disputed",
    );
    const committing = await getDisputeStatus(l1.disputeManager, disputeId);
    await timeline.log(
      "dispute",
      `the verifier's replica computes another state root for block ${fabricated.header.lastBlock} and no ` +
        `structural proof applies: challengeExecution (${disputed.result.receipt.gasUsed} gas, 1 ETH bond); ` +
        `batch ${fabricatedIndex} is Disputed; ${committing.status}, ${formatDuration(Number(committing.secondsLeft))} left`,
    );

    // The voters replay the block on their replica, commit, reveal, and the first one resolves.
    const pollAll = async () => {
      const actions: VoterAction[] = [];
      for (const voter of voters) actions.push(...(await voter.poll()).actions);
      return actions;
    };
    const committed = (await pollAll()).filter((a) => a.kind === "committed");
    check(committed.length === 3, "every verifier commits");
    for (const action of committed) {
      if (action.kind === "committed" && action.receipt) timeline.record("commitVote", action.receipt);
    }
    await timeline.log("commit", "each verifier replays the block, draws a salt, saves it, commits `uphold`");
    await ethers.provider.send("evm_increaseTime", [Number(committing.secondsLeft)]);
    await ethers.provider.send("evm_mine", []);
    const revealed = (await pollAll()).filter((a) => a.kind === "revealed");
    check(revealed.length === 3, "every verifier reveals");
    for (const action of revealed) if (action.kind === "revealed") timeline.record("revealVote", action.receipt);
    const [upheldStake, rejectedStake] = await l1.verifierRegistry.tally(disputeId);
    const revealing = await getDisputeStatus(l1.disputeManager, disputeId);
    await timeline.log(
      "reveal",
      `the three reveal: ${formatEther(upheldStake)} METIS to uphold, ${formatEther(rejectedStake)} to reject`,
    );
    await ethers.provider.send("evm_increaseTime", [Number(revealing.secondsLeft)]);
    await ethers.provider.send("evm_mine", []);
    const stakesBefore = await Promise.all(newcomers.map((k) => l1.registry.sequencerInfo(k.address)));
    const ended = await pollAll();
    const resolvedAction = ended.find((a) => a.kind === "resolved");
    check(resolvedAction?.kind === "resolved", "the vote is applied");
    if (resolvedAction?.kind !== "resolved") throw new Error("not resolved");
    timeline.record("resolveDispute", resolvedAction.resolution.receipt);
    check(
      (await l1.batchChain.batchStatus(fabricatedIndex)) === BigInt(BATCH_STATUSES.indexOf("RolledBack")),
      "the fabricated batch is rolled back",
    );
    const slashedNow = await Promise.all(newcomers.map((k) => l1.registry.sequencerInfo(k.address)));
    check(
      slashedNow.every((info, i) => info.stake < stakesBefore[i]!.stake),
      "Ed, Flo and Gus are slashed",
    );
    await timeline.log(
      "upheld",
      `resolveDispute (${resolvedAction.resolution.receipt.gasUsed} gas): Upheld; batch ${fabricatedIndex} rolled ` +
        `back, Ed, Flo and Gus slashed ${formatEther(stakesBefore[0]!.stake - slashedNow[0]!.stake)} METIS each`,
    );
    const payout = await challenger.claimDisputePayout();
    const paid = ended.filter((a) => a.kind === "claimed");
    await timeline.log(
      "payouts",
      `the challenger pulls its bond back and ${formatEther(payout.tokens)} METIS; the voters settle and pull ` +
        `${paid.map((a) => (a.kind === "claimed" ? formatEther(a.tokens) : "")).join(", ")} METIS by weight`,
    );

    // Di, once more the only stake nobody proved dishonest, re-batches the honest blocks; they finalize.
    const resubmitted = await propose(di, []);
    check(resubmitted.header.firstBlock === fabricated.header.firstBlock, "the honest blocks are resubmitted");
    await verifier.sync();
    check(responses.length === before13 + 1, "the resubmitted batch passes the verifier");
    await hre.network.provider.send("evm_increaseTime", [window]);
    await hre.network.provider.send("evm_mine", []);
    check(
      (await l1.batchChain.batchStatus(resubmitted.header.batchIndex)) === BigInt(BATCH_STATUSES.indexOf("Finalized")),
      "the resubmitted batch finalizes",
    );
    await timeline.log(
      "finalized",
      `Di re-batches blocks ${resubmitted.header.firstBlock}–${resubmitted.header.lastBlock} with their real state ` +
        `roots; batch ${resubmitted.header.batchIndex} is Finalized`,
    );

    // --- Memo down: the verifier reads the batch from the L2 ----------------------------------------------------
    const statusOf = async (index: bigint) => BATCH_STATUSES[Number(await l1.batchChain.batchStatus(index))];
    const passTime = async (seconds: bigint) => {
      await hre.network.provider.send("evm_increaseTime", [Number(seconds)]);
      await hre.network.provider.send("evm_mine", []);
    };
    const l2Transfers = async (count: number) => {
      for (let i = 0; i < count; i++) {
        await (await alice!.sendTransaction({ to: bob!.address, value: parseEther("0.01") })).wait();
      }
    };
    /** Di proposes alone with Memo down: its upload fails and is queued (the event is shown). */
    const proposeWithMemoDown = async () => {
      const batch = await propose(di, []);
      const failed = uploads.find((e) => e.kind === "store-upload-failed" && e.batchIndex === batch.header.batchIndex);
      check(failed?.kind === "store-upload-failed", `batch ${batch.header.batchIndex}'s upload fails`);
      check(
        di.queuedUploads.some((h) => h.batchIndex === batch.header.batchIndex),
        "the upload is queued",
      );
      await timeline.log(
        "upload",
        `store-upload-failed: batch ${batch.header.batchIndex}'s data object (${short(failed.dataHash)}) cannot ` +
          `reach Memo (${failed.reason.split(":")[0]}); queued (${failed.queued} in the queue), the batch goes on`,
      );
      return batch;
    };
    /** The events `events` gained while `run` ran. */
    const during = async <T>(events: readonly T[], run: () => Promise<unknown>): Promise<T[]> => {
      const start = events.length;
      await run();
      return events.slice(start);
    };

    await memo.stop();
    await timeline.log("Memo down", `the S3 server at ${memo.endpoint} stops`);
    await l2Transfers(2);
    const viaL2 = await proposeWithMemoDown();
    const viaL2Index = viaL2.header.batchIndex;
    const viaL2Events = await during(verifierEvents, () => verifier.sync());
    const viaL2Read = viaL2Events.find((e) => e.kind === "data" && e.batchIndex === viaL2Index);
    check(
      viaL2Read?.kind === "data" && viaL2Read.source === "l2" && viaL2Read.failures[0]?.source === "store",
      "the verifier reads the batch from the L2 after Memo fails",
    );
    check(
      viaL2Events.some((e) => e.kind === "checked" && e.batchIndex === viaL2Index && e.state === "checked"),
      "the batch read from the L2 is checked",
    );
    check(responses.length === before13 + 1, "the batch passes the verifier");
    await timeline.log(
      "verifier",
      `data event for batch ${viaL2Index}: source "${viaL2Read.source}" after ${failuresOf(viaL2Read.failures)}; ` +
        `the batch is checked, no finding`,
    );
    await memo.resume();
    const stillQueued = await di.retryUploads();
    const uploaded = uploads.find((e) => e.kind === "store-uploaded" && e.batchIndex === viaL2Index);
    check(uploaded !== undefined && stillQueued === 0, "the missed upload is stored");
    check(
      hexlify(await store_.get(viaL2.header.dataHash as Hex)) === hexlify(viaL2.data),
      "Memo now holds the missed object",
    );
    await timeline.log(
      "Memo back",
      `the S3 server restarts at the same port and directory; Di's retryUploads: store-uploaded batch ` +
        `${viaL2Index} (${short(uploaded.dataHash)}), ${stillQueued} left in the queue`,
    );

    // --- Memo and L2 both down: a DA request, answered on L1 in chunks ------------------------------------------
    // Vera verifies with her own replica; her L2 RPC is down (nothing listens on its port), and she raises DA requests
    // from her own key when neither Memo nor the L2 serves a batch.
    const vera = new Wallet(Wallet.createRandom().privateKey, ethers.provider);
    await ethers.provider.send("hardhat_setBalance", [vera.address, "0x56BC75E2D63100000"]);
    const l2Port = await closedPort();
    const deadL2 = new JsonRpcProvider(`http://127.0.0.1:${l2Port}`, undefined, {
      staticNetwork: Network.from((await l2.provider.getNetwork()).chainId),
    });
    closers.push(() => deadL2.destroy());
    const veraStore = memoStore(memo, { retries: 0 });
    closers.push(() => veraStore.destroy());
    const requests: L1DataProgress[] = [];
    const veraEvents: VerifierEvent[] = [];
    const veraVerifier = new Verifier({
      l1: ethers.provider,
      batchChain: addresses.batchChain,
      store: veraStore,
      l2: deadL2,
      replica: await createL2Replica(hre),
      l1Data: new L1DataSource({
        l1: ethers.provider,
        daRequestManager: addresses.daRequestManager,
        requester: vera,
        pollMs: 100,
        onProgress: (p) => void requests.push(p),
      }),
      // Short waits for the demo: a source that fails is left quickly, the L1 answer waited for one second per sync.
      dataTimeouts: { store: 2_000, l2: 1_000, l1: 1_000 },
      onProgress: (event) => void veraEvents.push(event),
    });
    const firstSync = await during(veraEvents, () => veraVerifier.sync());
    const fromMemo = firstSync.filter((e) => e.kind === "data");
    check(
      fromMemo.length > 0 && fromMemo.every((e) => e.kind === "data" && e.source === "store" && !e.failures.length),
      "Vera reads every batch from Memo",
    );
    check(!firstSync.some((e) => e.kind === "data-unavailable" || e.kind === "finding"), "Vera's first sync is clean");
    const veraChecked = new Set(
      firstSync.flatMap((e) => (e.kind === "checked" && e.state === "checked" ? [e.batchIndex] : [])),
    );
    const kept = await l1.batchChain.batchCount();
    check(veraChecked.size === Number(kept), "Vera checks every kept batch");
    await timeline.log(
      "Vera",
      `a second verifier, her L2 RPC down (127.0.0.1:${l2Port} refuses), with her own DA-requester key: she syncs ` +
        `from the start, reading ${fromMemo.length} batches from Memo; batches 0–${kept - 1n} checked`,
    );

    const da = l1.daRequestManager;
    const bond = await da.daRequestBond();
    await memo.stop();
    await timeline.log("Memo down", `the S3 server stops again`);
    await l2Transfers(4);
    const viaL1 = await proposeWithMemoDown();
    const viaL1Index = viaL1.header.batchIndex;
    /** Vera syncs while nothing serves batch `index`: she raises the DA request, and the batch is Insecure. */
    const requestedBy = async (index: bigint) => {
      const events = await during(veraEvents, () => veraVerifier.sync());
      const raised = requests.find((p) => p.kind === "requested" && p.batchIndex === index);
      const missing = events.find((e) => e.kind === "data-unavailable" && e.batchIndex === index);
      check(raised?.kind === "requested" && missing?.kind === "data-unavailable", `Vera requests batch ${index}`);
      const status = await statusOf(index);
      check(status === "Insecure", `batch ${index} is Insecure`);
      timeline.record("requestData", await ethers.provider.getTransactionReceipt(raised.txHash));
      await timeline.log(
        "DA request",
        `Vera's sync: ${failuresOf(missing.failures)}; L1DataSource "requested": requestData(${index}) with a ` +
          `${formatEther(bond)} ETH bond (tx ${short(raised.txHash)}); batch ${index} is ${status}`,
      );
    };
    await requestedBy(viaL1Index);

    const chunks: DAAnswerProgress[] = [];
    const round = await di.answerDataRequests({ gasBudget: 500_000, onProgress: (p) => void chunks.push(p) });
    const answer = round.answered.find((a) => a.batchIndex === viaL1Index);
    check(answer?.status === "Answered" && answer.chunks >= 2, "Di answers in two chunks or more");
    let txsPosted = 0;
    for (const chunk of chunks) {
      timeline.record("DA answer chunk", chunk);
      const items = chunk.txs > txsPosted ? `txs ${txsPosted + 1}–${chunk.txs} of ${chunk.txCount}` : "block leaves";
      txsPosted = chunk.txs;
      await timeline.log(
        "DA answer",
        `Di posts chunk ${chunk.chunk + 1} of ${chunk.chunks} (${items}; ${chunk.bytes} raw tx bytes so far), ` +
          `rebuilt from its L2 (Memo is down): ${chunk.gasUsed} gas`,
      );
    }
    check((await statusOf(viaL1Index)) === "Pending", "the answer ends the insecure state");
    const veraCredit = await da.claimable(vera.address);
    check(answer.refund > 0n && veraCredit === bond - answer.refund, "the bond pays Di's refund, Vera the rest");
    const diRefund = await claimDA(da.connect(di.config.key));
    const veraRest = await claimDA(da.connect(vera));
    check(diRefund.amount >= answer.refund && veraRest.amount === veraCredit, "both claim their part");
    await timeline.log(
      "answered",
      `batch ${viaL1Index} is secured (${await statusOf(viaL1Index)}); from the bond Di claims a ` +
        `${formatEther(answer.refund)} ETH refund for its ${answer.bytes} bytes, Vera the other ` +
        `${formatEther(veraRest.amount)} ETH`,
    );
    const fromL1 = (await during(veraEvents, () => veraVerifier.sync())).filter(
      (e) => "batchIndex" in e && e.batchIndex === viaL1Index,
    );
    const l1Read = fromL1.find((e) => e.kind === "data");
    check(l1Read?.kind === "data" && l1Read.source === "l1", "Vera reads the batch from L1");
    check(
      fromL1.some((e) => e.kind === "checked" && e.state === "checked"),
      "Vera checks the batch read from L1",
    );
    await timeline.log(
      "Vera",
      `her next sync: data event for batch ${viaL1Index}, source "${l1Read.source}" (rebuilt from the answer's ` +
        `calldata, re-hashed against dataHash) after ${failuresOf(l1Read.failures)}; checked, no finding`,
    );
    const review = await da.minReviewTime();
    await passTime(review);
    const reviewed = await statusOf(viaL1Index);
    const finalAt = await l1.batchChain.finalizesAt(viaL1Index);
    await passTime(finalAt - BigInt((await ethers.provider.getBlock("latest"))!.timestamp));
    check((await statusOf(viaL1Index)) === "Finalized", "the answered batch finalizes");
    await timeline.log(
      "finalized",
      `minReviewTime (${formatDuration(Number(review))}) after the answer the batch is ${reviewed}, its ` +
        `${formatDuration(window)} fraud window still running; when that ends batch ${viaL1Index} is Finalized`,
    );

    // --- Nobody answers: the request expires, the batch is rolled back, its signer slashed -----------------------
    await timeline.log("Memo down", `Memo stays down, and Vera's L2 RPC too`);
    await l2Transfers(1);
    const lost = await proposeWithMemoDown();
    const lostIndex = lost.header.batchIndex;
    await requestedBy(lostIndex);
    await timeline.log("no answer", `Di has lost batch ${lostIndex}'s data: no answerer runs, nobody posts it`);
    const { deadline } = await daRequestStatus(da, headerHash(lost.header));
    const submitted = l1.batchChain.interface.parseTransaction(
      (await ethers.provider.getTransaction(submissions.get(lostIndex)!.hash))!,
    )!;
    const signatures = submitted.args[1] as string;
    const expire = () => transact(() => da.connect(l1User!).expire(lost.header, signatures), daInterfaces());
    await ethers.provider.send("evm_setNextBlockTimestamp", [Number(deadline - 1n)]);
    const tooEarly = await expire().catch((e: unknown) => e);
    check(
      tooEarly instanceof ContractRevertError && tooEarly.errorName === "DARequestManagerWindowOpen",
      "expire is refused one second early",
    );
    // The refused transaction is mined (reverted) in the block at `deadline - 1`.
    check((await ethers.provider.getBlock("latest"))!.timestamp === Number(deadline - 1n), "refused at deadline - 1");
    check(
      (await statusOf(lostIndex)) === "Insecure" &&
        (await daRequestStatus(da, headerHash(lost.header))).status === "Open",
      "the refused expire changes nothing",
    );
    await timeline.log(
      "expire",
      `one second before the ${formatDuration(Number(await da.daWindow()))} window ends, anyone's expire: ` +
        `${tooEarly.errorName}(deadline ${tooEarly.args.deadline})`,
    );
    const diStake = (await l1.registry.sequencerInfo(di.address)).stake;
    await ethers.provider.send("evm_setNextBlockTimestamp", [Number(deadline)]);
    const expired = await expire();
    timeline.record("expire", expired);
    const [expiredLog] = await da.queryFilter(da.filters.DataRequestExpired(lostIndex), expired.blockNumber);
    check(expiredLog !== undefined, "DataRequestExpired is emitted");
    const { slashed, reward } = expiredLog.args;
    const diAfter = await l1.registry.sequencerInfo(di.address);
    check((await statusOf(lostIndex)) === "RolledBack", "the expired batch is rolled back");
    check(slashed === (diStake * (await da.daSlashBps())) / 10_000n, "Di is slashed daSlashBps");
    check(diAfter.stake === diStake - slashed && diAfter.jailed, "Di's stake is cut and Di is jailed");
    await timeline.log(
      "expired",
      `at the deadline expire succeeds (${expired.gasUsed} gas): batch ${lostIndex} rolled back, Di slashed ` +
        `${formatEther(slashed)} METIS (${Number(await da.daSlashBps()) / 100}%)`,
    );
    const veraBond = await claimDA(da.connect(vera));
    const veraReward = await new Challenger({
      signer: vera,
      disputeManager: addresses.disputeManager,
      registry: addresses.registry,
    }).claimReward();
    check(veraBond.amount === bond && veraReward.amount === reward && reward > 0n, "Vera is paid back and rewarded");
    await timeline.log(
      "paid",
      `Vera claims her ${formatEther(veraBond.amount)} ETH bond back and ${formatEther(veraReward.amount)} METIS, ` +
        `the requester's reward from the slash`,
    );
    const everyone = await Promise.all([...keys, ...newcomers].map((k) => l1.registry.sequencerInfo(k.address)));
    check(
      everyone.every((info) => info.jailed),
      "every sequencer is jailed",
    );
    await timeline.log(
      "jailed",
      `Di is jailed like Ada to Gus before it: no unslashed sequencer is left, and the chain waits for new stake`,
    );

    // --- Governance and economics: steps 17 to 21 -------------------------------------------------------------
    await memo.resume();
    await timeline.log("Memo back", `the S3 server is up again`);
    await governanceSteps({
      hre,
      timeline,
      l1,
      l2,
      addresses,
      store: store_,
      deployer: deployer!,
      guardian,
      challenger: (await ethers.getSigners())[14]!,
      requester: vera,
      verifier,
      voters,
    });

    timeline.printGas();
  } finally {
    for (const close of closers) await close();
    await memo.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
