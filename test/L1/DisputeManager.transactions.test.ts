/**
 * DisputeManager's transaction-root challenges on a real in-process L2: a transaction leaf proven against its block's
 * transactions trie (swapped, invented, outside the batch, past the count), a transaction no leaf holds (in the
 * middle, past a count too small, in an empty tree), and leaves out of order; honest batches refused.
 */
import { expect } from "chai";
import { Wallet, type Signer } from "ethers";

import { L2_CHAIN_ID } from "../../sdk/src/node";
import type { DisputeFaultName, Hex, TxLeafInput } from "../../sdk/src/proof";
import type { Challenger } from "../../sdk/src/verifier/challenger";
import {
  blockEvidence,
  blockTransactionProof,
  NO_BLOCK_EVIDENCE,
  txLeavesOf,
  txTree,
} from "../../sdk/src/verifier/evidence";
import { expectConvicted, expectDisputeError, l2BlockOf, l2Transfers, proverOf, snapshotOf } from "../helpers/disputes";
import { contextOf, forgeBatch, type ForgedBatch } from "../helpers/forge";
import { removeRollupDirectories, rollup, type Rollup } from "../helpers/rollup";
import { seededAddress, seededWord } from "../helpers/seeded";

/** A signed L2 transfer that was never sent: what a forger swaps in. */
async function unsentTransaction(): Promise<Hex> {
  const key = new Wallet(seededWord("unsent transaction key"));
  return (await key.signTransaction({
    type: 2,
    chainId: L2_CHAIN_ID,
    nonce: 0,
    maxFeePerGas: 2_000_000_000n,
    maxPriorityFeePerGas: 1n,
    gasLimit: 21_000n,
    to: seededAddress("unsent recipient"),
    value: 1n,
  })) as Hex;
}

interface Setup {
  readonly r: Rollup;
  readonly prover: Signer;
  readonly challenger: Challenger;
  /** Batch-relative index of the block with many transactions. */
  readonly busy: number;
}

/** A rollup with batch 1 committed, then two one-transfer blocks, a block of 12 transfers and another transfer. */
async function setup(): Promise<Setup> {
  const r = await rollup();
  await forgeBatch(r);
  await l2Transfers(r, 2);
  const [tip] = await r.l1.batchChain.tip();
  const busyBlock = await l2BlockOf(r, 12);
  await l2Transfers(r, 1);
  return { r, ...(await proverOf(r)), busy: Number(busyBlock - tip - 1n) };
}

/** The position in `batch`'s transaction leaves of transaction `indexInBlock` of its block `leafIndex`. */
function positionOf(batch: ForgedBatch, leafIndex: number, indexInBlock: number): number {
  const number = batch.header.firstBlock + BigInt(leafIndex);
  return batch.txLeaves.findIndex(
    (leaf) => BigInt(leaf.l2BlockNumber) === number && Number(leaf.indexInBlock) === indexInBlock,
  );
}

describe("DisputeManager: transaction challenges", function () {
  after(removeRollupDirectories);

  /** Challenges `forged` for `finding` through the Challenger and checks the conviction for `fault`. */
  async function expectChallengeConvicts(
    s: Setup,
    forged: ForgedBatch,
    finding: Parameters<Challenger["challenge"]>[0],
    fault: DisputeFaultName,
  ) {
    const before = await snapshotOf(s.r, s.prover);
    const { receipt, outcome } = await s.challenger.challenge(finding, contextOf(s.r, forged));
    await expectConvicted(s.r, { batch: forged, fault, prover: s.prover, signers: s.r.sequencers, before, receipt });
    expect(outcome).to.deep.include({ kind: "fault", fault, batchIndex: forged.header.batchIndex });
  }

  describe("challengeTxInclusion", function () {
    it("convicts a leaf naming another transaction than its block holds at that index", async function () {
      const s = await setup();
      const swapped = await unsentTransaction();
      const forged = await forgeBatch(s.r, { transactions: (txs) => void (txs[s.busy]![5] = swapped) });
      const position = positionOf(forged, s.busy, 5);
      await expectChallengeConvicts(
        s,
        forged,
        { kind: "transactionHash", batchIndex: forged.header.batchIndex, position },
        "TransactionHash",
      );
    });

    it("convicts a leaf naming an index its block does not have", async function () {
      const s = await setup();
      const invented = await unsentTransaction();
      const forged = await forgeBatch(s.r, { transactions: (txs) => void txs[s.busy]!.push(invented) });
      const position = positionOf(forged, s.busy, 12);
      await expectChallengeConvicts(
        s,
        forged,
        { kind: "transactionInvented", batchIndex: forged.header.batchIndex, position },
        "TransactionInvented",
      );
    });

    /** A leaf after the last one, naming a block five past the batch's end. */
    const outside = (leaves: TxLeafInput[]) => {
      const last = leaves.at(-1)!;
      leaves.push({ ...last, l2BlockNumber: BigInt(last.l2BlockNumber) + 5n, indexInBlock: 0 });
    };

    it("convicts a leaf naming a block outside the batch, without block evidence", async function () {
      const s = await setup();
      const forged = await forgeBatch(s.r, { txLeaves: outside });
      const position = forged.txLeaves.length - 1;
      const before = await snapshotOf(s.r, s.prover);
      // The contract reads neither the block evidence nor the trie proof for a block outside the batch.
      const evidence = txTree(forged.header, forged.txLeaves).evidence(position);
      const dm = s.r.l1.disputeManager.connect(s.prover);
      const receipt = await (
        await dm.challengeTxInclusion(forged.header, evidence, NO_BLOCK_EVIDENCE, [], forged.signatures)
      ).wait();
      await expectConvicted(s.r, {
        batch: forged,
        fault: "TransactionInvented",
        prover: s.prover,
        signers: s.r.sequencers,
        before,
        receipt: receipt!,
      });
    });

    it("convicts a leaf naming a block before the batch", async function () {
      const s = await setup();
      const before = (leaves: TxLeafInput[]) =>
        void (leaves[0] = { ...leaves[0]!, l2BlockNumber: BigInt(leaves[0]!.l2BlockNumber) - 1n });
      const forged = await forgeBatch(s.r, { txLeaves: before });
      await expectChallengeConvicts(
        s,
        forged,
        { kind: "transactionInvented", batchIndex: forged.header.batchIndex, position: 0 },
        "TransactionInvented",
      );
    });

    it("refuses a transaction position at or past txCount", async function () {
      const { r, prover } = await setup();
      const honest = await forgeBatch(r);
      const evidence = txTree(honest.header, honest.txLeaves).evidence(0);
      const dm = r.l1.disputeManager.connect(prover);
      const count = honest.header.txCount;
      await expect(
        dm.challengeTxInclusion(
          honest.header,
          { ...evidence, position: BigInt(count) },
          NO_BLOCK_EVIDENCE,
          [],
          honest.signatures,
        ),
      )
        .to.be.revertedWithCustomError(dm, "DisputeManagerLeafOutOfRange")
        .withArgs(count, count);
    });

    it("has the Challenger send no block evidence for a block outside the batch", async function () {
      const s = await setup();
      const forged = await forgeBatch(s.r, { txLeaves: outside });
      await expectChallengeConvicts(
        s,
        forged,
        { kind: "transactionInvented", batchIndex: forged.header.batchIndex, position: forged.txLeaves.length - 1 },
        "TransactionInvented",
      );
    });

    it("convicts a transaction count larger than the transactions (a padding leaf below it)", async function () {
      const s = await setup();
      const honest = await forgeBatch(s.r, {}, { submit: false });
      const count = honest.txLeaves.length;
      expect(count & (count - 1), "a count that is not a power of two").to.not.equal(0);
      // One more than the leaves: the tree over them, padded with a zero leaf, has the same root.
      const forged = await forgeBatch(s.r, { header: { txCount: count + 1 } });
      expect(forged.header.txBatchRoot).to.equal(honest.header.txBatchRoot);
      await expectChallengeConvicts(
        s,
        forged,
        { kind: "transactionInvented", batchIndex: forged.header.batchIndex, position: count },
        "TransactionInvented",
      );
    });

    it("refuses a leaf its block holds with DisputeManagerNoFault", async function () {
      const { r, prover, challenger, busy } = await setup();
      const honest = await forgeBatch(r);
      const before = await snapshotOf(r, prover);
      const positions = [0, positionOf(honest, busy, 0), positionOf(honest, busy, 11), honest.txLeaves.length - 1];
      for (const position of positions) {
        await expectDisputeError(
          () =>
            challenger.challenge(
              { kind: "transactionHash", batchIndex: honest.header.batchIndex, position },
              contextOf(r, honest),
            ),
          "DisputeManagerNoFault",
        );
      }
      expect(await snapshotOf(r, prover)).to.deep.equal(before);
    });

    it("refuses block evidence of another block than the transaction's", async function () {
      const { r, prover, busy } = await setup();
      const honest = await forgeBatch(r);
      const tx = txTree(honest.header, honest.txLeaves).evidence(positionOf(honest, busy, 3));
      const other = honest.blockLeaves[busy - 1]!;
      const { rlpHeader, proof } = await blockTransactionProof(r.l2.provider, other.blockHash, 0);
      const dm = r.l1.disputeManager.connect(prover);
      const evidence = blockEvidence(honest.header, honest.blockLeaves, busy - 1, rlpHeader);
      await expect(dm.challengeTxInclusion(honest.header, tx, evidence, proof, honest.signatures))
        .to.be.revertedWithCustomError(dm, "DisputeManagerWrongBlock")
        .withArgs(busy, busy - 1);
    });
  });

  describe("challengeTxOmitted", function () {
    it("convicts a batch leaving out a transaction between two leaves", async function () {
      const s = await setup();
      const honest = await forgeBatch(s.r, {}, { submit: false });
      const p = positionOf(honest, s.busy, 4);
      // The leaf alone is left out (leaves posted apart from the data object): (busy, 3) is followed by (busy, 5).
      const forged = await forgeBatch(s.r, { txLeaves: (leaves) => void leaves.splice(p, 1) });
      const block = forged.header.firstBlock + BigInt(s.busy);
      await expectChallengeConvicts(
        s,
        forged,
        { kind: "transactionOmitted", batchIndex: forged.header.batchIndex, block, indexInBlock: 4 },
        "TransactionOmitted",
      );
    });

    it("convicts a block's last transaction left out of the data object, before the next block's", async function () {
      const s = await setup();
      // Leaves come from the data object, indexed from 0: dropping one leaves the block's last index uncommitted.
      const forged = await forgeBatch(s.r, { transactions: (txs) => void txs[s.busy]!.splice(4, 1) });
      const block = forged.header.firstBlock + BigInt(s.busy);
      await expectChallengeConvicts(
        s,
        forged,
        { kind: "transactionOmitted", batchIndex: forged.header.batchIndex, block, indexInBlock: 11 },
        "TransactionOmitted",
      );
    });

    it("convicts a count too small: the last transaction after the last leaf", async function () {
      const s = await setup();
      const forged = await forgeBatch(s.r, { transactions: (txs) => void txs.at(-1)!.pop() });
      await expectChallengeConvicts(
        s,
        forged,
        {
          kind: "transactionOmitted",
          batchIndex: forged.header.batchIndex,
          block: forged.header.lastBlock,
          indexInBlock: 0,
        },
        "TransactionOmitted",
      );
    });

    it("convicts an empty transaction tree over blocks that hold transactions", async function () {
      const s = await setup();
      const forged = await forgeBatch(s.r, { transactions: (txs) => txs.map(() => []) });
      expect(forged.header.txCount).to.equal(0);
      await expectChallengeConvicts(
        s,
        forged,
        {
          kind: "transactionOmitted",
          batchIndex: forged.header.batchIndex,
          block: forged.header.firstBlock,
          indexInBlock: 0,
        },
        "TransactionOmitted",
      );
    });

    it("refuses a transaction a leaf holds, and one its block does not have, with DisputeManagerNoFault", async function () {
      const { r, prover, challenger, busy } = await setup();
      const honest = await forgeBatch(r);
      const before = await snapshotOf(r, prover);
      const block = honest.header.firstBlock + BigInt(busy);
      for (const indexInBlock of [0, 4, 11, 12]) {
        await expectDisputeError(
          () =>
            challenger.challenge(
              { kind: "transactionOmitted", batchIndex: honest.header.batchIndex, block, indexInBlock },
              contextOf(r, honest),
            ),
          "DisputeManagerNoFault",
        );
      }
      expect(await snapshotOf(r, prover)).to.deep.equal(before);
    });

    it("refuses leaves that are not the two around a gap", async function () {
      const { r, prover, busy } = await setup();
      const honest = await forgeBatch(r, {}, { submit: false });
      const forged = await forgeBatch(r, { txLeaves: (leaves) => void leaves.splice(positionOf(honest, busy, 4), 1) });
      const tree = txTree(forged.header, forged.txLeaves);
      const gapAt = positionOf(forged, busy, 5);
      const blockHash = forged.blockLeaves[busy]!.blockHash;
      const { rlpHeader, proof } = await blockTransactionProof(r.l2.provider, blockHash, 4);
      const dm = r.l1.disputeManager.connect(prover);
      const gap = { hasPrevious: true, previous: tree.evidence(gapAt - 2), hasNext: true, next: tree.evidence(gapAt) };
      const evidence = blockEvidence(forged.header, forged.blockLeaves, busy, rlpHeader);
      await expect(dm.challengeTxOmitted(forged.header, gap, evidence, 4, proof, forged.signatures))
        .to.be.revertedWithCustomError(dm, "DisputeManagerNotAdjacent")
        .withArgs(gapAt - 1, gapAt);
    });
  });

  describe("challengeTxOrder", function () {
    const swap = (leaves: TxLeafInput[], p: number) => void ([leaves[p], leaves[p + 1]] = [leaves[p + 1]!, leaves[p]!]);
    const repeat = (leaves: TxLeafInput[], p: number) => void (leaves[p + 1] = leaves[p]!);
    for (const [what, change] of [
      ["two leaves out of (block, index) order", swap],
      ["a transaction committed twice", repeat],
    ] as const) {
      it(`convicts ${what}`, async function () {
        const s = await setup();
        const honest = await forgeBatch(s.r, {}, { submit: false });
        const p = positionOf(honest, s.busy, 2);
        // The leaves alone are forged (posted apart from the data object, whose order is always right).
        const forged = await forgeBatch(s.r, { txLeaves: (leaves) => change(leaves, p) });
        await expectChallengeConvicts(
          s,
          forged,
          { kind: "transactionOrder", batchIndex: forged.header.batchIndex, position: p },
          "TransactionOrder",
        );
      });
    }

    it("refuses leaves in order with DisputeManagerNoFault, and leaves not consecutive", async function () {
      const { r, prover, challenger } = await setup();
      const honest = await forgeBatch(r);
      const before = await snapshotOf(r, prover);
      for (const position of [0, 3, honest.txLeaves.length - 2]) {
        await expectDisputeError(
          () =>
            challenger.challenge(
              { kind: "transactionOrder", batchIndex: honest.header.batchIndex, position },
              contextOf(r, honest),
            ),
          "DisputeManagerNoFault",
        );
      }
      expect(await snapshotOf(r, prover)).to.deep.equal(before);
      const tree = txTree(honest.header, txLeavesOf(honest.header.firstBlock, honest.transactions));
      const dm = r.l1.disputeManager.connect(prover);
      await expect(dm.challengeTxOrder(honest.header, tree.evidence(3), tree.evidence(1), honest.signatures))
        .to.be.revertedWithCustomError(dm, "DisputeManagerNotAdjacent")
        .withArgs(3, 1);
    });
  });
});
