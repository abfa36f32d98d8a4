/**
 * Issue 9's scenarios, end to end on an in-process L1 and L2: a colluding quorum commits a forged batch (and an
 * honest-looking one on top), an SDK verifier on its own replica finds the fault by itself and raises the matching
 * DisputeManager challenge, the forged batch and its successor are rolled back, exactly its signers are slashed, the
 * prover claims its reward, honest sequencers resubmit the blocks, they finalize, and every deposit and withdrawal is
 * paid once. Forgeries come from test/helpers/forgery.ts (every sequencer key signs whatever the plan says).
 */
import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { getBytes, parseEther, type Wallet } from "ethers";
import { ethers } from "hardhat";

import { BridgeReader } from "../../sdk/src/bridge/reader";
import { depositETH, finalizeWithdrawal, withdrawETH } from "../../sdk/src/bridge/writer";
import { ContractRevertError } from "../../sdk/src/errors/contract";
import {
  blockLeaf,
  keccak256,
  MerkleTree,
  WITHDRAWAL_TREE_DEPTH,
  withdrawalHash,
  type Hex,
  type WithdrawalProof,
} from "../../sdk/src/proof";
import { Challenger } from "../../sdk/src/verifier/challenger";
import type { Finding } from "../../sdk/src/verifier/findings";
import { challengeFindings, type ChallengeResponse } from "../../sdk/src/verifier/respond";
import { forgeNext, signHeader, withHeaderField, type Forgery, type ForgeryPlan } from "../helpers/forgery";
import { Status } from "../helpers/l1";
import { expectEthBacked, proposeNext, removeRollupDirectories, rollup, type Rollup } from "../helpers/rollup";
import { seededAddress } from "../helpers/seeded";
import { resigned, transfers, transfersInOneBlock, verifierOf } from "../helpers/verifier";

const WEEK = 7 * 24 * 60 * 60;
/** The colluding quorum: three of the four equal stakes (75%). The fourth stays honest and carries on alone. */
const COLLUDERS = [0, 1, 2] as const;

/** The rollup with an honest batch 1 that relays a deposit and commits an L2 withdrawal, and a prover. */
async function prepared() {
  const r = await rollup();
  const reader = new BridgeReader({ ...r.addresses, l1: ethers.provider, l2: r.l2.provider });
  const depositor = r.l2.users[4]!;
  await depositETH(r.l1.bridge.connect(r.deployer), depositor.address, parseEther("3"));
  const l1To = seededAddress("fraud-proof withdrawal recipient");
  const withdrawal = await withdrawETH(r.l2Bridge.connect(r.l2.users[3]!), l1To, parseEther("1"));
  await proposeNext(r); // batch 1: relays the deposit, commits the withdrawal
  const prover = (await ethers.getSigners())[9]!;
  const challenger = new Challenger({
    signer: prover,
    disputeManager: r.addresses.disputeManager,
    registry: r.addresses.registry,
  });
  return { r, reader, depositor, l1To, withdrawal, prover, challenger };
}

type Prepared = Awaited<ReturnType<typeof prepared>>;

/** Every sequencer's stake, by address. */
async function stakesOf(r: Rollup): Promise<bigint[]> {
  return Promise.all(r.sequencers.map(async (s) => (await r.l1.registry.sequencerInfo(s.address)).stake));
}

/**
 * Runs a forged batch 2 with `plan` (and a batch 3 on top of it) past a verifier that challenges what it finds, and
 * checks the outcome: the first finding is `kind`, its challenge convicts batch 2, batches 2 and 3 are rolled back,
 * exactly its signers (the colluders) lost `fraudSlashBps`, and the prover's reward is claimable and claimed.
 */
async function caught(p: Prepared, kind: Finding["kind"], plan: ForgeryPlan, before?: () => Promise<void>) {
  const { r, challenger, prover } = p;
  await (before ?? (() => transfers(r, 2)))();
  const forged = await forgeNext(r, { ...plan, signers: COLLUDERS });
  await transfers(r, 1);
  // Batch 3: right contents (with the same deposit claim, which may not go back), on top of the forged batch.
  await forgeNext(r, { header: plan.header, signers: COLLUDERS });
  expect(await r.l1.batchChain.batchCount()).to.equal(4n);

  const stakes = await stakesOf(r);
  const responses: ChallengeResponse[] = [];
  const { verifier } = await verifierOf(r, {
    onFinding: challengeFindings(challenger, {
      l2: r.l2.provider,
      onResponse: (response) => void responses.push(response),
    }),
  });
  await verifier.sync();

  // The first finding is the one expected, and its challenge convicted batch 2; any further finding of the same
  // batch was refused (already rolled back), and nothing was reported about batch 3, held behind it.
  expect(responses.length).to.be.greaterThan(0);
  const [first, ...rest] = responses;
  expect(first!.finding.kind).to.equal(kind);
  expect(first!.action, String((first as { error?: unknown }).error)).to.equal("challenged");
  for (const response of rest) {
    expect(response.finding.batchIndex).to.equal(2n);
    expect(response.action).to.equal("failed");
    expect((response as { error: ContractRevertError }).error.errorName).to.equal("DisputeManagerBatchRolledBack");
  }
  if (first!.action !== "challenged") return expect.fail("not challenged");
  const outcome = first!.result.outcome;
  expect(outcome).to.deep.include({ kind: "fault", batchIndex: 2n, headerHash: forged.headerHash });
  expect(await r.l1.batchChain.batchCount()).to.equal(2n);
  expect(await r.l1.batchChain.batchStatus(2)).to.equal(Status.RolledBack);
  expect(await r.l1.batchChain.batchStatus(3)).to.equal(Status.RolledBack);

  // Exactly the signers lost fraudSlashBps; the honest fourth kept its stake; the prover was credited rewardBps of
  // each slash.
  const bps = await r.l1.disputeManager.fraudSlashBps();
  const rewardBps = await r.l1.registry.rewardBps();
  const after = await stakesOf(r);
  let reward = 0n;
  for (const [i, stake] of stakes.entries()) {
    const slashed = (COLLUDERS as readonly number[]).includes(i) ? (stake * bps) / 10_000n : 0n;
    expect(after[i]).to.equal(stake - slashed);
    reward += (slashed * rewardBps) / 10_000n;
  }
  if (outcome.kind !== "fault") return expect.fail("not a fault");
  expect(outcome.slashed.map((a) => a.toLowerCase()).sort()).to.deep.equal(
    COLLUDERS.map((i) => r.sequencers[i]!.address.toLowerCase()).sort(),
  );
  expect(await challenger.claimable()).to.equal(reward);
  const balance = await r.l1.token.balanceOf(await prover.getAddress());
  const claim = await challenger.claimReward();
  expect(claim.amount).to.equal(reward);
  expect(await r.l1.token.balanceOf(await prover.getAddress())).to.equal(balance + reward);
  return { forged, verifier, responses };
}

/**
 * After the rollback: honest sequencers resubmit the rolled-back blocks in corrected batches (which the verifier
 * checks without a finding), they finalize, the batch-1 withdrawal pays once, and L2 ETH stays backed.
 */
async function recovered(p: Prepared, forged: Forgery, verifier: Awaited<ReturnType<typeof verifierOf>>["verifier"]) {
  const { r, reader, l1To, withdrawal, depositor } = p;
  const { batch } = await proposeNext(r);
  expect(batch.header.batchIndex).to.equal(2n);
  expect(batch.header.firstBlock).to.equal(forged.header.firstBlock);
  expect(batch.header.lastBlock >= forged.header.lastBlock).to.equal(true);
  await transfers(r, 1);
  await proposeNext(r);
  await verifier.sync();
  expect(BigInt(verifier.chain.length)).to.equal(await r.l1.batchChain.batchCount());
  expect(verifier.chain.map((b) => b.state).every((state) => state === "checked")).to.equal(true);

  await time.increase(WEEK);
  const count = await r.l1.batchChain.batchCount();
  for (let i = 0n; i < count; i++) expect(await r.l1.batchChain.batchStatus(i)).to.equal(Status.Finalized);
  const proof = await reader.buildWithdrawalProof(withdrawal.hash);
  await finalizeWithdrawal(r.l1.bridge.connect(r.deployer), proof);
  expect(await ethers.provider.getBalance(l1To)).to.equal(parseEther("1"));
  const twice = await finalizeWithdrawal(r.l1.bridge.connect(r.deployer), proof).catch((e: unknown) => e);
  expect((twice as ContractRevertError).errorName).to.equal("L1BridgeWithdrawalAlreadyFinalized");
  // The deposit was credited once on L2, and every L1 deposit is relayed exactly once.
  expect(await r.l2Bridge.depositCount()).to.equal(await r.l1.bridge.depositCount());
  expect((await r.l2.provider.getBalance(depositor.address)) >= parseEther("3")).to.equal(true);
  await expectEthBacked(r);
}

describe("integration: fraud proofs, found by the verifier and proven on L1", function () {
  after(removeRollupDirectories);

  it("(a) a forged leaf state root: challengeHeader", async function () {
    const p = await prepared();
    const { forged, verifier } = await caught(p, "stateRoot", {
      blocks: (blocks) => {
        blocks[0]!.stateRoot = ethers.keccak256("0xa1") as Hex;
      },
    });
    await recovered(p, forged, verifier);
  });

  it("(b) a broken parent link across the batch boundary: challengeParentLink", async function () {
    const p = await prepared();
    const { forged, verifier } = await caught(p, "parentLink", {
      blocks: (blocks) => {
        // The first block of batch 2 is a block of another history: its header names another parent.
        blocks[0]!.rlpHeader = withHeaderField(blocks[0]!.rlpHeader, 0, getBytes(ethers.keccak256("0xb1")));
      },
    });
    await recovered(p, forged, verifier);
  });

  it("(c) a withdrawal root that pays a thief: challengeBridgeStorage, and the theft fails for good", async function () {
    const p = await prepared();
    const { r } = p;
    const thief = seededAddress("fraud-proof thief");
    const stolen = {
      index: 0n,
      l2Sender: thief,
      l1To: thief,
      l1Token: ethers.ZeroAddress as Hex,
      amount: parseEther("3"),
    };
    const tree = MerkleTree.from([withdrawalHash(stolen)], { depth: WITHDRAWAL_TREE_DEPTH });
    const { forged, verifier } = await caught(p, "withdrawalRoot", {
      blocks: (blocks) => {
        blocks[0]!.withdrawalRoot = tree.root;
      },
    });
    const leaves = forged.blocks.map((block) =>
      blockLeaf({ ...block, blockHash: ethers.hexlify(keccak256(getBytes(block.rlpHeader))) as Hex }),
    );
    const block = forged.blocks[0]!;
    const theft: WithdrawalProof = {
      withdrawal: stolen,
      batchIndex: 2n,
      header: forged.header,
      blockLeaf: { ...block, blockHash: ethers.hexlify(keccak256(getBytes(block.rlpHeader))) as Hex },
      blockLeafIndex: 0,
      blockSiblings: MerkleTree.from(leaves).proof(0),
      withdrawalSiblings: tree.proof(0),
    };
    await recovered(p, forged, verifier);
    // The forged batch is gone: batch 2 is now another header, final, and the thief's proof leads nowhere.
    const error = await finalizeWithdrawal(r.l1.bridge.connect(r.deployer), theft).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).errorName).to.equal("L1BridgeInvalidBlockProof");
    expect(await ethers.provider.getBalance(thief)).to.equal(0n);
  });

  it("(d) a deposit count and chain the L2 bridge never reached: challengeBridgeStorage at the last block", async function () {
    const p = await prepared();
    const { r } = p;
    const late = r.l2.users[5]!;
    let pendingChain = ethers.ZeroHash as Hex;
    const { forged, verifier } = await caught(
      p,
      "depositCount",
      {
        // A deposit queued on L1 but never relayed on L2, claimed as included.
        header: (header) => ({ ...header, depositCount: 2n, depositChainHash: pendingChain }),
      },
      async () => {
        await depositETH(r.l1.bridge.connect(r.deployer), late.address, parseEther("2"));
        pendingChain = (await r.l1.bridge.depositChainAt(2)) as Hex;
        await transfers(r, 2);
      },
    );
    await recovered(p, forged, verifier);
    // The honest resubmission relayed it: credited once.
    expect((await r.l2.provider.getBalance(late.address)) >= parseEther("2")).to.equal(true);
  });

  for (const [name, kind, plan] of [
    [
      "swapped",
      "transactionHash",
      (users: Wallet[]): ForgeryPlan => ({
        blocks: (blocks) => {
          const block = blocks.at(-1)!;
          block.transactions[1] = resigned(block.transactions[1]!, users[0]!, 999n);
        },
      }),
    ],
    [
      "omitted",
      "transactionOmitted",
      (): ForgeryPlan => ({
        blocks: (blocks) => {
          blocks.at(-1)!.transactions.pop();
        },
      }),
    ],
  ] as const) {
    it(`(e) a ${name} transaction in the transaction root: the transactions-trie challenge`, async function () {
      const p = await prepared();
      const { forged, verifier } = await caught(p, kind, plan(p.r.l2.users), () => transfersInOneBlock(p.r, 3));
      await recovered(p, forged, verifier);
    });
  }

  it("(e) an invented transaction in the transaction root: challengeTxInclusion", async function () {
    const p = await prepared();
    const { r } = p;
    const [alice, bob] = r.l2.users as [Wallet, Wallet];
    let extra: Hex | undefined;
    const { forged, verifier } = await caught(
      p,
      "transactionInvented",
      {
        blocks: (blocks) => {
          blocks.at(-1)!.transactions.push(extra!);
        },
      },
      async () => {
        await transfersInOneBlock(r, 2);
        const nonce = await r.l2.provider.getTransactionCount(bob.address);
        extra = (await bob.signTransaction({
          to: alice.address,
          value: 1n,
          nonce,
          chainId: (await r.l2.provider.getNetwork()).chainId,
          gasLimit: 21_000n,
          maxFeePerGas: parseEther("0.00001"),
          maxPriorityFeePerGas: 1n,
        })) as Hex;
      },
    );
    await recovered(p, forged, verifier);
  });

  it("(f) equivocation: a signer's second header for a committed batch's index and parent; slashed, nothing rolled back", async function () {
    const p = await prepared();
    const { r, challenger } = p;
    await transfers(r, 2);
    await proposeNext(r);
    const responses: ChallengeResponse[] = [];
    const { verifier } = await verifierOf(r, {
      onFinding: challengeFindings(challenger, { onResponse: (response) => void responses.push(response) }),
    });
    await verifier.sync();
    expect(responses).to.deep.equal([]);

    // A peer hands the verifier a header for index 2 on the same parent, with another range, signed by one member.
    const equivocator = r.sequencers[1]!;
    const committed = verifier.chain[2]!.header;
    const other = { ...committed, lastBlock: committed.lastBlock - 1n };
    const before = await stakesOf(r);
    const findings = await verifier.observe(other, await signHeader(r, equivocator.config.key, other));
    expect(findings.map((finding) => finding.kind)).to.deep.equal(["equivocation"]);
    expect(responses.map((response) => response.action)).to.deep.equal(["challenged"]);
    const [response] = responses;
    if (response?.action !== "challenged") return expect.fail("not challenged");
    expect(response.result.outcome).to.deep.include({ kind: "equivocation", batchIndex: 2n });

    const bps = await r.l1.disputeManager.fraudSlashBps();
    const after = await stakesOf(r);
    for (const [i, stake] of before.entries()) {
      expect(after[i]).to.equal(r.sequencers[i] === equivocator ? stake - (stake * bps) / 10_000n : stake);
    }
    expect(await r.l1.batchChain.batchCount()).to.equal(3n);
    expect(await r.l1.batchChain.batchStatus(2)).to.equal(Status.Pending);
    const claim = await challenger.claimReward();
    expect(claim.amount > 0n).to.equal(true);

    // Nothing honest was lost: the remaining members go on, the batches finalize, the withdrawal pays once.
    await time.increase(WEEK);
    const proof = await p.reader.buildWithdrawalProof(p.withdrawal.hash);
    await finalizeWithdrawal(r.l1.bridge.connect(r.deployer), proof);
    expect(await ethers.provider.getBalance(p.l1To)).to.equal(parseEther("1"));
    await expectEthBacked(r);
  });
});
