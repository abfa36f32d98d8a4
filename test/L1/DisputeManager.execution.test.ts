/**
 * DisputeManager's execution disputes on a real in-process rollup: challengeExecution against honest leaves (its
 * event and record, the batch held Disputed, every predecessor shape, every bad input refused with nothing changed),
 * resolveDispute and decideDispute for every outcome (what is slashed, rolled back, refunded, forfeited and credited),
 * the execution bond's setter, and BatchChain's dispute marks across batches, rollbacks and resubmissions.
 */
import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { ethers } from "hardhat";

import { blockLeaf, computeMerkleRoot, headerHash, type Hex } from "../../sdk/src/proof";
import { blockEvidence, fetchRlpHeader, type BlockEvidence } from "../../sdk/src/verifier/evidence";
import { sequencersAt, stakes } from "../helpers/disputes";
import { forgeBatch, packSignatures } from "../helpers/forge";
import {
  BOND,
  challengeArgs,
  CLAIMED_ROOT,
  commit,
  DisputeStatus,
  execution,
  EXECUTION_FAULT,
  openDispute,
  Outcome,
  phasesOf,
  resolve,
  reveal,
  settleAll,
  toTime,
  vote,
  VOTER_SHARE_BPS,
  type Batch,
  type Execution,
  type Opened,
} from "../helpers/execution-fixture";
import { Status } from "../helpers/l1";
import { removeRollupDirectories } from "../helpers/rollup";
import { seededWord } from "../helpers/seeded";

const BPS = 10_000n;

/** What L1 holds of the batches and the disputes: compared before and after a refused call. */
async function stateOf(x: Execution, ids: readonly string[] = []) {
  const count = await x.r.l1.batchChain.batchCount();
  const statuses: bigint[] = [];
  for (let i = 0n; i <= count + 1n; i++) statuses.push(await x.r.l1.batchChain.batchStatus(i));
  const records = [];
  for (const disputeId of ids) records.push([...(await x.dm.executionDispute(disputeId))]);
  return {
    count,
    statuses,
    records,
    dmBalance: await ethers.provider.getBalance(await x.dm.getAddress()),
    vrBalance: await ethers.provider.getBalance(await x.vr.getAddress()),
    closed: await x.vr.closedVoteCount(),
    stakes: [...(await stakes(x.r)).entries()],
  };
}

/** Runs `check` and asserts that nothing in {stateOf} changed. */
async function unchanged(x: Execution, check: () => Promise<void>, ids: readonly string[] = []) {
  const before = await stateOf(x, ids);
  await check();
  expect(await stateOf(x, ids)).to.deep.equal(before);
}

/** The strictly ascending addresses, lower case (as the contract orders signer keys). */
const ascending = (addresses: readonly string[]) =>
  addresses.map((a) => a.toLowerCase()).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));

const lower = (addresses: readonly string[]) => addresses.map((a) => a.toLowerCase());

/** Submits the next batch from the L2 blocks after L1's tip up to `lastBlock`, signed by `signers` (default all). */
function submitNext(x: Execution, lastBlock: bigint, signers?: number[]) {
  return forgeBatch(x.r, {}, { lastBlock, signers: signers && sequencersAt(x.r, ...signers) });
}

describe("DisputeManager: execution disputes", function () {
  after(removeRollupDirectories);

  describe("challengeExecution", function () {
    it("opens a dispute on a leaf whose predecessor is in the same batch: event, record, Disputed batches", async function () {
      const x = await execution();
      const batch = x.batches[2]!;
      const leaf = batch.blockLeaves[2]!;
      const disputeId = ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "uint256"], [batch.hash, 2]),
      );
      expect(await x.dm.executionDisputeId(batch.hash, 2)).to.equal(disputeId);
      const tx = x.dm
        .connect(x.challenger)
        .challengeExecution(...challengeArgs(batch, 2), CLAIMED_ROOT, { value: BOND });
      await expect(tx)
        .to.emit(x.dm, "ExecutionChallenged")
        .withArgs(
          disputeId,
          2,
          x.challenger.address,
          batch.hash,
          2,
          leaf.number,
          leaf.stateRoot,
          CLAIMED_ROOT,
          batch.blockLeaves[1]!.stateRoot,
          BOND,
        );
      await expect(tx).to.emit(x.r.l1.batchChain, "BatchDisputed").withArgs(2);
      const openedAt = BigInt(await time.latest());
      const record = await x.dm.executionDispute(disputeId);
      expect([...record]).to.deep.equal([x.challenger.address, BOND / 10n ** 9n, openedAt, BigInt(Outcome.None)]);
      expect(await ethers.provider.getBalance(await x.dm.getAddress())).to.equal(BOND);
      expect(await x.dm.disputeStatus(disputeId)).to.deep.equal([
        BigInt(DisputeStatus.Committing),
        phasesOf(openedAt).commitEnd,
      ]);
      const chain = x.r.l1.batchChain;
      expect(await chain.batchStatus(1)).to.equal(Status.Pending);
      expect(await chain.batchStatus(2)).to.equal(Status.Disputed);
      expect(await chain.batchStatus(3), "a successor").to.equal(Status.Disputed);
      // Past every window: the disputed batch and its successor stay, the batch before finalizes.
      await time.increaseTo((await chain.finalizesAt(3)) + 1n);
      expect(await chain.batchStatus(1)).to.equal(Status.Finalized);
      expect(await chain.batchStatus(2)).to.equal(Status.Disputed);
      expect(await chain.batchStatus(3)).to.equal(Status.Disputed);
    });

    it("takes the previous batch's last leaf as the predecessor of a batch's first leaf", async function () {
      const x = await execution();
      const [, first, second] = x.batches as [Batch, Batch, Batch];
      const disputeId = await x.dm.executionDisputeId(second.hash, 0);
      await expect(
        x.dm
          .connect(x.challenger)
          .challengeExecution(...challengeArgs(second, 0, first), CLAIMED_ROOT, { value: BOND }),
      )
        .to.emit(x.dm, "ExecutionChallenged")
        .withArgs(
          disputeId,
          2,
          x.challenger.address,
          second.hash,
          0,
          second.blockLeaves[0]!.number,
          second.blockLeaves[0]!.stateRoot,
          CLAIMED_ROOT,
          first.blockLeaves[first.blockLeaves.length - 1]!.stateRoot,
          BOND,
        );
      expect(await x.r.l1.batchChain.batchStatus(2)).to.equal(Status.Disputed);
    });

    it("takes a final previous batch's last leaf as the predecessor", async function () {
      const x = await execution();
      const third = x.batches[3]!;
      await time.increaseTo((await x.r.l1.batchChain.finalizesAt(3)) + 1n);
      expect(await x.r.l1.batchChain.batchStatus(3)).to.equal(Status.Finalized);
      const fourth = await submitNext(x, third.header.lastBlock + 3n);
      const dispute = await openDispute(x, fourth, 0, { previous: third });
      expect((await x.dm.executionDispute(dispute.id)).challenger).to.equal(x.challenger.address);
      expect(await x.r.l1.batchChain.batchStatus(3)).to.equal(Status.Finalized);
      expect(await x.r.l1.batchChain.batchStatus(4)).to.equal(Status.Disputed);
    });

    it("takes batch 0's genesis leaf as the predecessor of batch 1's first leaf", async function () {
      const x = await execution();
      const [anchor, first] = x.batches as [Batch, Batch];
      expect(await x.r.l1.batchChain.headerHash(0)).to.equal(anchor.hash);
      const disputeId = await x.dm.executionDisputeId(first.hash, 0);
      await expect(
        x.dm
          .connect(x.challenger)
          .challengeExecution(...challengeArgs(first, 0, anchor), CLAIMED_ROOT, { value: BOND }),
      )
        .to.emit(x.dm, "ExecutionChallenged")
        .withArgs(
          disputeId,
          1,
          x.challenger.address,
          first.hash,
          0,
          first.blockLeaves[0]!.number,
          first.blockLeaves[0]!.stateRoot,
          CLAIMED_ROOT,
          anchor.blockLeaves[0]!.stateRoot,
          BOND,
        );
      expect(await x.r.l1.batchChain.batchStatus(1)).to.equal(Status.Disputed);
    });

    describe("refuses, changing nothing", function () {
      it("a bond below or above the execution bond (DisputeManagerWrongBond)", async function () {
        const x = await execution();
        const dm = x.dm.connect(x.challenger);
        const args = challengeArgs(x.batches[2]!, 1);
        await unchanged(x, async () => {
          for (const value of [BOND - 1n, BOND + 1n, 0n]) {
            await expect(dm.challengeExecution(...args, CLAIMED_ROOT, { value }))
              .to.be.revertedWithCustomError(dm, "DisputeManagerWrongBond")
              .withArgs(value, BOND);
          }
        });
      });

      it("a final batch (DisputeManagerBatchFinal)", async function () {
        const x = await execution();
        await time.increaseTo((await x.r.l1.batchChain.finalizesAt(3)) + 1n);
        expect(await x.r.l1.batchChain.batchStatus(1)).to.equal(Status.Finalized);
        await unchanged(x, async () => {
          await expect(
            x.dm.connect(x.challenger).challengeExecution(...challengeArgs(x.batches[1]!, 1), CLAIMED_ROOT, {
              value: BOND,
            }),
          )
            .to.be.revertedWithCustomError(x.dm, "DisputeManagerBatchFinal")
            .withArgs(1);
        });
      });

      it("a claim that is the leaf's own state root (DisputeManagerClaimMatchesLeaf)", async function () {
        const x = await execution();
        const batch = x.batches[2]!;
        const root = batch.blockLeaves[1]!.stateRoot;
        await unchanged(x, async () => {
          await expect(x.dm.connect(x.challenger).challengeExecution(...challengeArgs(batch, 1), root, { value: BOND }))
            .to.be.revertedWithCustomError(x.dm, "DisputeManagerClaimMatchesLeaf")
            .withArgs(root);
        });
      });

      it("a second challenge of one leaf, open or decided (DisputeManagerAlreadyChallenged)", async function () {
        const x = await execution();
        const batch = x.batches[2]!;
        const dispute = await openDispute(x, batch, 1);
        const again = () =>
          x.dm
            .connect(x.outsider)
            .challengeExecution(...challengeArgs(batch, 1), seededWord("another claim"), { value: BOND });
        await unchanged(x, async () => {
          await expect(again())
            .to.be.revertedWithCustomError(x.dm, "DisputeManagerAlreadyChallenged")
            .withArgs(dispute.id, Outcome.None);
        }, [dispute.id]);
        // Decided: the vote rejects it and the batch goes on, but the leaf is never challenged again.
        await vote(x, [[dispute, [[3, false]]]]);
        await resolve(x, dispute);
        expect(await x.r.l1.batchChain.batchStatus(2)).to.equal(Status.Pending);
        await unchanged(x, async () => {
          await expect(again())
            .to.be.revertedWithCustomError(x.dm, "DisputeManagerAlreadyChallenged")
            .withArgs(dispute.id, Outcome.VoteRejected);
        }, [dispute.id]);
      });

      it("a leaf or a predecessor not proven (LeafNotInBatch, InvalidProofLength, NotConsecutive)", async function () {
        const x = await execution();
        const [, first, second] = x.batches as [Batch, Batch, Batch];
        const dm = x.dm.connect(x.challenger);
        const [header, evidence, previousHeader, previousEvidence] = challengeArgs(second, 2);
        const forgedLeaf = { ...evidence, leaf: { ...evidence.leaf, stateRoot: seededWord("another root") } };
        const forgedPrevious = {
          ...previousEvidence,
          leaf: { ...previousEvidence.leaf, stateRoot: seededWord("another root") },
        };
        await unchanged(x, async () => {
          // The challenged leaf, then the predecessor, with another state root than committed.
          await expect(
            dm.challengeExecution(header, forgedLeaf, previousHeader, previousEvidence, CLAIMED_ROOT, { value: BOND }),
          )
            .to.be.revertedWithCustomError(dm, "DisputeManagerLeafNotInBatch")
            .withArgs(second.header.stateBatchRoot, rootOf(forgedLeaf));
          await expect(
            dm.challengeExecution(header, evidence, previousHeader, forgedPrevious, CLAIMED_ROOT, { value: BOND }),
          )
            .to.be.revertedWithCustomError(dm, "DisputeManagerLeafNotInBatch")
            .withArgs(second.header.stateBatchRoot, rootOf(forgedPrevious));
          // A proof one sibling short.
          const short = { ...evidence, siblings: evidence.siblings.slice(1) };
          await expect(
            dm.challengeExecution(header, short, previousHeader, previousEvidence, CLAIMED_ROOT, { value: BOND }),
          )
            .to.be.revertedWithCustomError(dm, "DisputeManagerInvalidProofLength")
            .withArgs(evidence.siblings.length, short.siblings.length);
          // A predecessor that is not the leaf right before: in the batch, and in the previous batch.
          const notBefore = blockEvidence(second.header, second.blockLeaves, 0);
          await expect(
            dm.challengeExecution(header, evidence, previousHeader, notBefore, CLAIMED_ROOT, { value: BOND }),
          )
            .to.be.revertedWithCustomError(dm, "DisputeManagerNotConsecutive")
            .withArgs(2, 0, 2, 2);
          const [, leafZero] = challengeArgs(second, 0, first);
          const notLast = blockEvidence(first.header, first.blockLeaves, first.blockLeaves.length - 2);
          await expect(dm.challengeExecution(header, leafZero, first.header, notLast, CLAIMED_ROOT, { value: BOND }))
            .to.be.revertedWithCustomError(dm, "DisputeManagerNotConsecutive")
            .withArgs(1, first.blockLeaves.length - 2, 2, 0);
          // A batch two back is no predecessor.
          const [anchor] = x.batches as [Batch];
          const genesisLeaf = blockEvidence(anchor.header, anchor.blockLeaves, 0);
          await expect(
            dm.challengeExecution(header, leafZero, anchor.header, genesisLeaf, CLAIMED_ROOT, { value: BOND }),
          )
            .to.be.revertedWithCustomError(dm, "DisputeManagerNotConsecutive")
            .withArgs(0, 0, 2, 0);
        });
      });

      it("a predecessor in another header than the batch's or its parent's (DisputeManagerHeaderMismatch)", async function () {
        const x = await execution();
        const [, first, second] = x.batches as [Batch, Batch, Batch];
        const dm = x.dm.connect(x.challenger);
        const [header, evidence, , previousEvidence] = challengeArgs(second, 2);
        const other = { ...second.header, dataHash: seededWord("another header") };
        const [, leafZero, , lastOfFirst] = challengeArgs(second, 0, first);
        const otherParent = { ...first.header, dataHash: seededWord("another header") };
        await unchanged(x, async () => {
          await expect(dm.challengeExecution(header, evidence, other, previousEvidence, CLAIMED_ROOT, { value: BOND }))
            .to.be.revertedWithCustomError(dm, "DisputeManagerHeaderMismatch")
            .withArgs(2, second.hash, headerHash(other));
          await expect(dm.challengeExecution(header, leafZero, otherParent, lastOfFirst, CLAIMED_ROOT, { value: BOND }))
            .to.be.revertedWithCustomError(dm, "DisputeManagerHeaderMismatch")
            .withArgs(1, first.hash, headerHash(otherParent));
          // The challenged header itself not the one BatchChain holds.
          await expect(dm.challengeExecution(other, evidence, other, previousEvidence, CLAIMED_ROOT, { value: BOND }))
            .to.be.revertedWithCustomError(dm, "DisputeManagerHeaderMismatch")
            .withArgs(2, second.hash, headerHash(other));
        });
      });

      it("an unknown batch and a rolled-back one", async function () {
        const x = await execution();
        const [, , second, third] = x.batches as [Batch, Batch, Batch, Batch];
        const unknown = { ...third.header, batchIndex: 4n, parentHash: third.hash };
        const dm = x.dm.connect(x.challenger);
        await unchanged(x, async () => {
          await expect(
            dm.challengeExecution(
              unknown,
              blockEvidence(third.header, third.blockLeaves, 1),
              unknown,
              blockEvidence(third.header, third.blockLeaves, 0),
              CLAIMED_ROOT,
              { value: BOND },
            ),
          )
            .to.be.revertedWithCustomError(dm, "DisputeManagerUnknownBatch")
            .withArgs(4);
        });
        // Batch 2 convicted by a vote: it and batch 3 are gone.
        const dispute = await openDispute(x, second, 1);
        await vote(x, [[dispute, [[3, true]]]]);
        await resolve(x, dispute, await packSignatures(x.r, second.header, sequencersAt(x.r, 0)));
        await unchanged(x, async () => {
          for (const batch of [second, third]) {
            await expect(dm.challengeExecution(...challengeArgs(batch, 2), CLAIMED_ROOT, { value: BOND }))
              .to.be.revertedWithCustomError(dm, "DisputeManagerBatchRolledBack")
              .withArgs(batch.header.batchIndex, batch.hash);
          }
        });
      });
    });
  });

  describe("resolveDispute", function () {
    it("refuses while the vote runs and while governance may decide", async function () {
      const x = await execution();
      const dispute = await openDispute(x, x.batches[2]!, 1);
      const { commitEnd, revealEnd, escalationEnd } = phasesOf(dispute.openedAt);
      const attempt = () => resolve(x, dispute);
      await unchanged(x, async () => {
        await expect(attempt())
          .to.be.revertedWithCustomError(x.dm, "DisputeManagerVoteNotOver")
          .withArgs(dispute.id, commitEnd);
        await toTime(commitEnd);
        expect((await x.dm.disputeStatus(dispute.id))[0]).to.equal(DisputeStatus.Revealing);
        await expect(attempt())
          .to.be.revertedWithCustomError(x.dm, "DisputeManagerVoteNotOver")
          .withArgs(dispute.id, revealEnd);
        await toTime(revealEnd);
        expect(await x.dm.disputeStatus(dispute.id)).to.deep.equal([BigInt(DisputeStatus.Escalated), escalationEnd]);
        await expect(attempt())
          .to.be.revertedWithCustomError(x.dm, "DisputeManagerAwaitingGovernance")
          .withArgs(dispute.id, escalationEnd);
      }, [dispute.id]);
    });

    it("refuses an unknown dispute, another dispute's header or leaf, and a second resolution", async function () {
      const x = await execution();
      const batch = x.batches[2]!;
      const dispute = await openDispute(x, batch, 1);
      const unknownId = seededWord("unknown dispute");
      await unchanged(x, async () => {
        await expect(x.dm.resolveDispute(unknownId, batch.header, 1, batch.signatures))
          .to.be.revertedWithCustomError(x.dm, "DisputeManagerUnknownDispute")
          .withArgs(unknownId);
        await expect(x.dm.resolveDispute(dispute.id, batch.header, 2, batch.signatures))
          .to.be.revertedWithCustomError(x.dm, "DisputeManagerWrongDispute")
          .withArgs(dispute.id, await x.dm.executionDisputeId(batch.hash, 2));
        const other = x.batches[3]!;
        await expect(x.dm.resolveDispute(dispute.id, other.header, 1, other.signatures))
          .to.be.revertedWithCustomError(x.dm, "DisputeManagerWrongDispute")
          .withArgs(dispute.id, await x.dm.executionDisputeId(other.hash, 1));
      }, [dispute.id]);
      await toTime(phasesOf(dispute.openedAt).escalationEnd);
      await resolve(x, dispute);
      await unchanged(x, async () => {
        await expect(resolve(x, dispute))
          .to.be.revertedWithCustomError(x.dm, "DisputeManagerDisputeClosed")
          .withArgs(dispute.id, Outcome.Lapsed);
      }, [dispute.id]);
    });

    it("applies an upheld vote: rollback, signers slashed, reward to the registry, bond back, cosigners pay through the registry", async function () {
      const x = await execution();
      const { r, vr, dm, challenger, outsider } = x;
      const [, , second] = x.batches as [Batch, Batch, Batch];
      const dispute = await openDispute(x, second, 2);
      // 7,000 for, 2,000 against, one verifier silent.
      await vote(x, [
        [
          dispute,
          [
            [3, true],
            [2, true],
            [1, false],
          ],
        ],
      ]);
      expect(await dm.disputeStatus(dispute.id)).to.deep.equal([BigInt(DisputeStatus.Resolvable), 0n]);
      const vrAddress = await vr.getAddress();
      const before = await stakes(r);
      const claimableBefore = {
        vr: await r.l1.registry.claimable(vrAddress),
        challenger: await r.l1.registry.claimable(challenger.address),
        outsider: await r.l1.registry.claimable(outsider.address),
      };
      // The resolver presents three of the four signatures; the fourth is slashed later by slashCosigners.
      const signers = sequencersAt(r, 0, 1, 2);
      const tx = dm
        .connect(outsider)
        .resolveDispute(dispute.id, second.header, 2, await packSignatures(r, second.header, signers));
      const bps = await dm.fraudSlashBps();
      const rewardBps = await r.l1.registry.rewardBps();
      let total = 0n;
      let reward = 0n;
      for (const s of signers) {
        const amount = (before.get(s.address.toLowerCase())! * bps) / BPS;
        total += amount;
        reward += (amount * rewardBps) / BPS;
      }
      const signerKeys = ascending(signers.map((s) => s.address));
      await expect(tx).to.emit(dm, "DisputeResolved").withArgs(dispute.id, 2, Outcome.VoteUpheld);
      const receipt = await (await tx).wait();
      const proven = receipt!.logs.map((log) => dm.interface.parseLog(log)).find((e) => e?.name === "FaultProven")!;
      expect(proven.args[0]).to.equal(2n);
      expect(proven.args[1]).to.equal(BigInt(EXECUTION_FAULT));
      expect(proven.args[2], "the challenger is the prover, not the resolver").to.equal(challenger.address);
      expect(proven.args[3]).to.equal(second.hash);
      expect(lower(proven.args[4] as string[])).to.deep.equal(signerKeys);
      expect(lower(proven.args[5] as string[])).to.deep.equal(signerKeys);
      expect(proven.args[6]).to.equal(total);
      const tokenPool = (reward * VOTER_SHARE_BPS) / BPS;
      await expect(tx)
        .to.emit(vr, "VoteClosed")
        .withArgs(dispute.id, 0, Outcome.VoteUpheld, 0, tokenPool, BOND, reward - tokenPool, 0);

      // Rolled back from the convicted batch, the signers presented slashed, the fourth not (yet).
      expect(await r.l1.batchChain.batchCount()).to.equal(2n);
      expect(await r.l1.batchChain.batchStatus(2)).to.equal(Status.RolledBack);
      expect(await r.l1.batchChain.batchStatus(3)).to.equal(Status.RolledBack);
      const after = await stakes(r);
      for (const [signer, stake] of before) {
        const slashed = signerKeys.includes(signer) ? (stake * bps) / BPS : 0n;
        expect(after.get(signer), signer).to.equal(stake - slashed);
      }
      expect(await dm.convictionOf(second.hash)).to.equal(ethers.solidityPackedKeccak256(["address[]"], [signerKeys]));
      // The reward is the VerifierRegistry's to pull; the resolver got nothing.
      expect(await r.l1.registry.claimable(vrAddress)).to.equal(claimableBefore.vr + reward);
      expect(await r.l1.registry.claimable(outsider.address)).to.equal(claimableBefore.outsider);
      expect(await r.l1.registry.claimable(challenger.address)).to.equal(claimableBefore.challenger);
      expect(await vr.claimable(challenger.address)).to.deep.equal([BOND, reward - tokenPool]);
      expect(await ethers.provider.getBalance(await dm.getAddress())).to.equal(0n);
      expect(await ethers.provider.getBalance(vrAddress)).to.equal(BOND);
      expect((await dm.executionDispute(dispute.id)).outcome).to.equal(BigInt(Outcome.VoteUpheld));
      expect(await dm.disputeStatus(dispute.id)).to.deep.equal([BigInt(DisputeStatus.Upheld), 0n]);
      const [closedId, closed] = await vr.closedVote(0);
      expect(closedId).to.equal(dispute.id);
      expect([...closed]).to.deep.equal([
        7_000n * 10n ** 18n,
        2_000n * 10n ** 18n,
        dispute.openedAt,
        BigInt(Outcome.VoteUpheld),
        0n,
        tokenPool,
      ]);

      // The voters' pool, pro rata to the majority's weights.
      await settleAll(x);
      const v = x.verifiers;
      expect((await vr.claimable(v[3]!.address))[1]).to.equal((tokenPool * 4_000n) / 7_000n);
      expect((await vr.claimable(v[2]!.address))[1]).to.equal((tokenPool * 3_000n) / 7_000n);
      expect(await vr.claimable(v[1]!.address)).to.deep.equal([0n, 0n]);

      // The cosigner left out, slashed later by anyone: its reward goes through the VerifierRegistry with the same
      // split (the challenger's share to the challenger, the voters' share to the treasury), never to the caller.
      const fourth = r.sequencers[3]!;
      const fourthStake = after.get(fourth.address.toLowerCase())!;
      const fourthReward = (((fourthStake * bps) / BPS) * rewardBps) / BPS;
      const toTreasury = (fourthReward * VOTER_SHARE_BPS) / BPS;
      const treasury = await r.l1.registry.treasury();
      const [, challengerTokens] = await vr.claimable(challenger.address);
      const [, treasuryTokens] = await vr.claimable(treasury);
      const signature = await packSignatures(r, second.header, [fourth]);
      await expect(dm.connect(outsider).slashCosigners(second.header, signerKeys, signature))
        .to.emit(dm, "CosignersSlashed")
        .withArgs(second.hash, await vr.getAddress(), [fourth.address], [fourth.address], (fourthStake * bps) / BPS)
        .and.to.emit(vr, "CosignerRewardCredited")
        .withArgs(dispute.id, challenger.address, fourthReward - toTreasury, toTreasury);
      expect((await vr.claimable(challenger.address))[1]).to.equal(challengerTokens + fourthReward - toTreasury);
      expect((await vr.claimable(treasury))[1]).to.equal(treasuryTokens + toTreasury);
      expect(await r.l1.registry.claimable(outsider.address)).to.equal(claimableBefore.outsider);
    });

    it("applies a rejected vote: the bond split between voters and treasury, nothing slashed, the batch finalizes", async function () {
      const x = await execution();
      const { r, vr, dm } = x;
      const batch = x.batches[2]!;
      const dispute = await openDispute(x, batch, 1);
      await vote(x, [
        [
          dispute,
          [
            [3, false],
            [0, true],
          ],
        ],
      ]);
      const before = await stateOf(x);
      const ethPool = (BOND * VOTER_SHARE_BPS) / BPS;
      const tx = resolve(x, dispute);
      await expect(tx).to.emit(dm, "DisputeResolved").withArgs(dispute.id, 2, Outcome.VoteRejected);
      await expect(tx).to.emit(r.l1.batchChain, "BatchDisputeCleared").withArgs(2);
      await expect(tx)
        .to.emit(vr, "VoteClosed")
        .withArgs(dispute.id, 0, Outcome.VoteRejected, ethPool, 0, 0, 0, BOND - ethPool);
      expect(await vr.claimable(x.treasury)).to.deep.equal([BOND - ethPool, 0n]);
      expect(await vr.claimable(x.challenger.address)).to.deep.equal([0n, 0n]);
      expect(await dm.disputeStatus(dispute.id)).to.deep.equal([BigInt(DisputeStatus.Rejected), 0n]);
      const after = await stateOf(x);
      expect(after.stakes).to.deep.equal(before.stakes);
      expect(after.count).to.equal(before.count);
      expect(await r.l1.batchChain.batchStatus(2)).to.equal(Status.Pending);
      expect(await r.l1.batchChain.batchStatus(3)).to.equal(Status.Pending);
      await settleAll(x);
      expect(await vr.claimable(x.verifiers[3]!.address)).to.deep.equal([ethPool, 0n]);
      await time.increaseTo(await r.l1.batchChain.finalizesAt(3));
      expect(await r.l1.batchChain.batchStatus(2)).to.equal(Status.Finalized);
      expect(await r.l1.batchChain.batchStatus(3)).to.equal(Status.Finalized);
    });

    it("refunds a lapsed dispute's bond and slashes nobody", async function () {
      const x = await execution();
      const dispute = await openDispute(x, x.batches[3]!, 1);
      // One verifier of 10%: below the quorum, and governance lets the escalation pass.
      await vote(x, [[dispute, [[0, true]]]]);
      await toTime(phasesOf(dispute.openedAt).escalationEnd);
      expect((await x.dm.disputeStatus(dispute.id))[0]).to.equal(DisputeStatus.Resolvable);
      const before = await stateOf(x);
      // No signatures needed: nobody is slashed.
      await expect(resolve(x, dispute, "0x"))
        .to.emit(x.dm, "DisputeResolved")
        .withArgs(dispute.id, 3, Outcome.Lapsed)
        .and.to.emit(x.vr, "VoteClosed")
        .withArgs(dispute.id, 0, Outcome.Lapsed, 0, 0, BOND, 0, 0);
      expect(await x.vr.claimable(x.challenger.address)).to.deep.equal([BOND, 0n]);
      expect((await stateOf(x)).stakes).to.deep.equal(before.stakes);
      // Cleared, and final: the 19-day escalation outlasted its fraud window.
      expect(await x.r.l1.batchChain.batchStatus(3)).to.equal(Status.Finalized);
      expect(await x.dm.disputeStatus(dispute.id)).to.deep.equal([BigInt(DisputeStatus.Lapsed), 0n]);
    });

    it("voids a dispute whose batch a structural proof rolled back: refund at once, no more votes", async function () {
      const x = await execution();
      const { r, dm, vr } = x;
      const third = x.batches[3]!;
      // Batch 4 forges leaf 1's state root (against its block header); the dispute names its honest leaf 2.
      const forged = await forgeBatch(
        r,
        { leaves: (leaves) => void (leaves[1] = { ...leaves[1]!, stateRoot: seededWord("forged root") }) },
        { lastBlock: third.header.lastBlock + 4n },
      );
      const dispute = await openDispute(x, forged, 2);
      await commit(x, x.verifiers[0]!, dispute.id, true);
      const rlp = await fetchRlpHeader(r.l2.provider, forged.blockLeaves[1]!.blockHash);
      const signatures = await packSignatures(r, forged.header, sequencersAt(r, 1));
      await (
        await dm
          .connect(x.outsider)
          .challengeHeader(forged.header, blockEvidence(forged.header, forged.blockLeaves, 1, rlp), signatures)
      ).wait();
      expect(await r.l1.batchChain.batchStatus(4)).to.equal(Status.RolledBack);
      // Still in its commit period: void at once, the bond back, nobody slashed for it.
      expect((await dm.disputeStatus(dispute.id))[0]).to.equal(DisputeStatus.Committing);
      const before = await stakes(r);
      await expect(resolve(x, dispute))
        .to.emit(dm, "DisputeResolved")
        .withArgs(dispute.id, 4, Outcome.Void)
        .and.to.emit(vr, "VoteClosed")
        .withArgs(dispute.id, 0, Outcome.Void, 0, 0, BOND, 0, 0);
      expect(await stakes(r)).to.deep.equal(before);
      expect(await vr.claimable(x.challenger.address)).to.deep.equal([BOND, 0n]);
      expect(await dm.disputeStatus(dispute.id)).to.deep.equal([BigInt(DisputeStatus.Void), 0n]);
      // Its vote is over: no commitment, no reveal.
      const voter = x.verifiers[1]!;
      const commitment = await vr.commitmentOf(dispute.id, true, seededWord("salt"), voter.address);
      await expect(vr.connect(voter).commitVote(dispute.id, commitment))
        .to.be.revertedWithCustomError(vr, "VerifierRegistryVoteClosed")
        .withArgs(dispute.id);
      await toTime(phasesOf(dispute.openedAt).commitEnd);
      await expect(reveal(x, x.verifiers[0]!, dispute.id, true))
        .to.be.revertedWithCustomError(vr, "VerifierRegistryVoteClosed")
        .withArgs(dispute.id);
    });
  });

  describe("decideDispute", function () {
    it("is governance's only (AccessControlUnauthorizedAccount)", async function () {
      const x = await execution();
      const batch = x.batches[2]!;
      const dispute = await openDispute(x, batch, 1);
      await toTime(phasesOf(dispute.openedAt).revealEnd);
      await unchanged(x, async () => {
        await expect(x.dm.connect(x.outsider).decideDispute(dispute.id, true, batch.header, 1, batch.signatures))
          .to.be.revertedWithCustomError(x.dm, "AccessControlUnauthorizedAccount")
          .withArgs(x.outsider.address, await x.dm.GOVERNOR_ROLE());
      }, [dispute.id]);
    });

    it("refuses before the vote ends, after it reached its turnout and after the escalation lapsed (NotEscalated)", async function () {
      const x = await execution();
      const [, , second, third] = x.batches as [Batch, Batch, Batch, Batch];
      const early = await openDispute(x, second, 1);
      const decided = await openDispute(x, third, 1);
      const decide = (d: Opened) =>
        x.dm.connect(x.governor).decideDispute(d.id, true, d.batch.header, d.leafIndex, d.batch.signatures);
      await unchanged(x, async () => {
        await expect(decide(early))
          .to.be.revertedWithCustomError(x.dm, "DisputeManagerNotEscalated")
          .withArgs(early.id);
        await vote(x, [[decided, [[3, false]]]]);
        await expect(decide(decided))
          .to.be.revertedWithCustomError(x.dm, "DisputeManagerNotEscalated")
          .withArgs(decided.id);
      }, [early.id, decided.id]);
      // After the escalation (19 days, past batch 1's fraud window: it finalizes meanwhile, so the snapshot is taken
      // there).
      await toTime(phasesOf(early.openedAt).escalationEnd);
      await unchanged(x, async () => {
        await expect(decide(early))
          .to.be.revertedWithCustomError(x.dm, "DisputeManagerNotEscalated")
          .withArgs(early.id);
      }, [early.id, decided.id]);
    });

    it("upholds a dispute without turnout: rollback, slash, bond and the whole reward to the challenger", async function () {
      const x = await execution();
      const { r, vr, dm } = x;
      const batch = x.batches[2]!;
      const dispute = await openDispute(x, batch, 1);
      await vote(x, [[dispute, [[0, false]]]]);
      expect((await dm.disputeStatus(dispute.id))[0]).to.equal(DisputeStatus.Escalated);
      const vrClaim = await r.l1.registry.claimable(await vr.getAddress());
      const tx = dm.connect(x.governor).decideDispute(dispute.id, true, batch.header, 1, batch.signatures);
      await expect(tx).to.emit(dm, "DisputeResolved").withArgs(dispute.id, 2, Outcome.GovernanceUpheld);
      await expect(tx).to.emit(dm, "FaultProven");
      const reward = (await r.l1.registry.claimable(await vr.getAddress())) - vrClaim;
      expect(reward).to.be.greaterThan(0n);
      await expect(tx)
        .to.emit(vr, "VoteClosed")
        .withArgs(dispute.id, 0, Outcome.GovernanceUpheld, 0, 0, BOND, reward, 0);
      expect(await vr.claimable(x.challenger.address)).to.deep.equal([BOND, reward]);
      expect(await r.l1.batchChain.batchCount()).to.equal(2n);
      expect(await dm.disputeStatus(dispute.id)).to.deep.equal([BigInt(DisputeStatus.Upheld), 0n]);
    });

    it("rejects a dispute without turnout: the bond to the treasury, the batch cleared", async function () {
      const x = await execution();
      const { vr, dm } = x;
      const batch = x.batches[3]!;
      const dispute = await openDispute(x, batch, 2);
      await toTime(phasesOf(dispute.openedAt).revealEnd);
      const before = await stateOf(x);
      await expect(dm.connect(x.governor).decideDispute(dispute.id, false, batch.header, 2, batch.signatures))
        .to.emit(dm, "DisputeResolved")
        .withArgs(dispute.id, 3, Outcome.GovernanceRejected)
        .and.to.emit(vr, "VoteClosed")
        .withArgs(dispute.id, 0, Outcome.GovernanceRejected, 0, 0, 0, 0, BOND);
      expect(await vr.claimable(x.treasury)).to.deep.equal([BOND, 0n]);
      expect(await vr.claimable(x.challenger.address)).to.deep.equal([0n, 0n]);
      expect((await stateOf(x)).stakes).to.deep.equal(before.stakes);
      expect(await x.r.l1.batchChain.batchStatus(3)).to.equal(Status.Pending);
      expect(await dm.disputeStatus(dispute.id)).to.deep.equal([BigInt(DisputeStatus.Rejected), 0n]);
    });
  });

  describe("setExecutionBond", function () {
    it("takes a bounded whole number of gwei, emits ExecutionBondUpdated, and leaves open disputes their bond", async function () {
      const x = await execution();
      const { dm } = x;
      const dispute = await openDispute(x, x.batches[2]!, 1);
      const [min, max] = [10n ** 16n, 1_000n * 10n ** 18n];
      for (const value of [min - 1n, max + 1n]) {
        await expect(dm.connect(x.governor).setExecutionBond(value))
          .to.be.revertedWithCustomError(dm, "DisputeManagerParameterOutOfRange")
          .withArgs(value, min, max);
      }
      const fraction = min + 1n;
      await expect(dm.connect(x.governor).setExecutionBond(fraction))
        .to.be.revertedWithCustomError(dm, "DisputeManagerBondNotWholeGwei")
        .withArgs(fraction);
      await expect(dm.connect(x.outsider).setExecutionBond(min))
        .to.be.revertedWithCustomError(dm, "AccessControlUnauthorizedAccount")
        .withArgs(x.outsider.address, await dm.GOVERNOR_ROLE());
      expect(await dm.executionBond()).to.equal(BOND);
      const next = 2n * BOND + 10n ** 9n;
      await expect(dm.connect(x.governor).setExecutionBond(next))
        .to.emit(dm, "ExecutionBondUpdated")
        .withArgs(BOND, next);
      expect(await dm.executionBond()).to.equal(next);
      await expect(
        dm.connect(x.challenger).challengeExecution(...challengeArgs(x.batches[2]!, 2), CLAIMED_ROOT, { value: BOND }),
      )
        .to.be.revertedWithCustomError(dm, "DisputeManagerWrongBond")
        .withArgs(BOND, next);
      const later = await openDispute(x, x.batches[2]!, 2);
      await toTime(phasesOf(later.openedAt).escalationEnd);
      await resolve(x, dispute);
      await resolve(x, later);
      expect(await x.vr.claimable(x.challenger.address)).to.deep.equal([BOND + next, 0n]);
    });
  });

  describe("dispute marks in BatchChain", function () {
    it("keeps a batch Disputed until both disputes on two of its leaves end", async function () {
      const x = await execution();
      const batch = x.batches[2]!;
      const one = await openDispute(x, batch, 1);
      const two = await openDispute(x, batch, 3);
      await toTime(phasesOf(two.openedAt).escalationEnd);
      await resolve(x, one);
      expect(await x.r.l1.batchChain.batchStatus(2)).to.equal(Status.Disputed);
      expect(await x.r.l1.batchChain.batchStatus(3)).to.equal(Status.Disputed);
      await resolve(x, two);
      // Cleared, and final: the 19-day escalation outlasted their fraud windows.
      expect(await x.r.l1.batchChain.batchStatus(2)).to.equal(Status.Finalized);
      expect(await x.r.l1.batchChain.batchStatus(3)).to.equal(Status.Finalized);
    });

    it("tracks the lowest disputed batch across batches, moving to the next when it clears", async function () {
      const x = await execution();
      const [, first, second, third] = x.batches as [Batch, Batch, Batch, Batch];
      const chain = x.r.l1.batchChain;
      const statuses = async () => Promise.all([1, 2, 3].map((i) => chain.batchStatus(i)));
      const P = BigInt(Status.Pending);
      const D = BigInt(Status.Disputed);
      // Cleared after the 19-day escalation, past their fraud windows: final.
      const F = BigInt(Status.Finalized);
      const onThird = await openDispute(x, third, 1);
      expect(await statuses()).to.deep.equal([P, P, D]);
      const onFirst = await openDispute(x, first, 3);
      expect(await statuses()).to.deep.equal([D, D, D]);
      const onSecond = await openDispute(x, second, 1);
      await toTime(phasesOf(onSecond.openedAt).escalationEnd);
      await resolve(x, onFirst);
      expect(await statuses(), "the lowest moves to batch 2").to.deep.equal([F, D, D]);
      await resolve(x, onSecond);
      expect(await statuses(), "then to batch 3").to.deep.equal([F, F, D]);
      await resolve(x, onThird);
      expect(await statuses()).to.deep.equal([F, F, F]);
    });

    it("is cleared by a rollback, and a stale mark does not dispute the batch resubmitted at its index", async function () {
      const x = await execution();
      const { r } = x;
      const [, , second, third] = x.batches as [Batch, Batch, Batch, Batch];
      const chain = r.l1.batchChain;
      // Batch 3 disputed twice; one of them upheld (one signer slashed) rolls batch 3 back with the other still open.
      const stale = await openDispute(x, third, 1);
      const upheld = await openDispute(x, third, 2);
      await vote(x, [[upheld, [[3, true]]]]);
      await resolve(x, upheld, await packSignatures(r, third.header, sequencersAt(r, 0)));
      expect(await chain.batchCount()).to.equal(3n);
      expect(await chain.batchStatus(2)).to.equal(Status.Pending);
      // Batch 3 again, over fewer blocks (so another header), then batch 4: neither is disputed.
      const third2 = await submitNext(x, third.header.lastBlock - 1n, [1, 2, 3]);
      const fourth = await submitNext(x, third.header.lastBlock + 2n, [1, 2, 3]);
      expect(third2.hash).to.not.equal(third.hash);
      expect(await chain.batchStatus(3)).to.equal(Status.Pending);
      expect(await chain.batchStatus(4)).to.equal(Status.Pending);
      // A dispute on batch 2 that clears: the scan for the next lowest skips batch 3's stale bit.
      const below = await openDispute(x, second, 1);
      expect(await chain.batchStatus(3)).to.equal(Status.Disputed);
      // Rejected by a 40% vote (over in two hours, well inside the fraud windows; an escalation would outlast them).
      await vote(x, [[below, [[3, false]]]]);
      await resolve(x, below);
      expect(await chain.batchStatus(2)).to.equal(Status.Pending);
      expect(await chain.batchStatus(3), "the stale mark").to.equal(Status.Pending);
      expect(await chain.batchStatus(4)).to.equal(Status.Pending);
      // The old dispute is void and clears nothing of the new batch 3, which can be disputed itself.
      await expect(resolve(x, stale)).to.emit(x.dm, "DisputeResolved").withArgs(stale.id, 3, Outcome.Void);
      const onNew = await openDispute(x, third2, 1);
      expect(await chain.batchStatus(2)).to.equal(Status.Pending);
      expect(await chain.batchStatus(3)).to.equal(Status.Disputed);
      await vote(x, [[onNew, [[3, false]]]]);
      await resolve(x, onNew);
      expect(await chain.batchStatus(3)).to.equal(Status.Pending);
      expect(fourth.header.batchIndex).to.equal(4n);
    });
  });
});

/** The root a block leaf's evidence proves (what LeafNotInBatch names as computed). */
function rootOf(evidence: BlockEvidence): Hex {
  return computeMerkleRoot({
    leaf: blockLeaf(evidence.leaf),
    index: Number(evidence.leafIndex),
    proof: evidence.siblings,
    height: evidence.siblings.length,
  });
}
