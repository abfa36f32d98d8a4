/**
 * DisputeManager's tree-size challenges and an exit that does not hide an equivocation (found by the security
 * review): a txCount or a block range that does not match the tree its root names leaves every leaf unprovable at
 * the committed height, so the proof opens the root at its real height instead.
 */
import { expect } from "chai";
import { ethers } from "hardhat";

import { blockLeaf, MerkleTree, txLeaf, type Hex } from "../../sdk/src/proof";
import { blockLeafStruct } from "../../sdk/src/verifier/evidence";
import { l2BlockOf, l2Transfers, proverOf, snapshotOf, stakes } from "../helpers/disputes";
import { forgeBatch, signHeaderWith, type ForgedBatch } from "../helpers/forge";
import { removeRollupDirectories, rollup } from "../helpers/rollup";
import { seededWord } from "../helpers/seeded";

const Left = 4n;

/** The transaction leaves of `batch` as hashes, padded to a power of two, and their tree. */
function txTreeOf(batch: ForgedBatch) {
  return MerkleTree.from(batch.txLeaves.map(txLeaf));
}

const txEvidenceOf = (batch: ForgedBatch, tree: MerkleTree, position: number) => {
  const leaf = batch.txLeaves[position]!;
  return {
    l2BlockNumber: BigInt(leaf.l2BlockNumber),
    indexInBlock: BigInt(leaf.indexInBlock),
    txHash: leaf.txHash,
    position: BigInt(position),
    siblings: tree.proof(position),
  };
};

describe("DisputeManager: tree sizes", function () {
  after(removeRollupDirectories);

  async function withTransactions() {
    const r = await rollup();
    await forgeBatch(r);
    await l2Transfers(r, 2);
    await l2BlockOf(r, 5);
    return { r, ...(await proverOf(r)) };
  }

  it("convicts a txCount understated below the tree its root names (challengeTxCount)", async function () {
    const { r, prover } = await withTransactions();
    const dm = r.l1.disputeManager.connect(prover);
    const forged = await forgeBatch(r, { header: { txCount: 1 } });
    const tree = txTreeOf(forged);
    expect(tree.root).to.equal(forged.header.txBatchRoot);
    expect(forged.txLeaves.length).to.be.greaterThan(2);
    const before = await snapshotOf(r, prover);
    const last = forged.txLeaves.length - 1;
    await expect(dm.challengeTxCount(forged.header, txEvidenceOf(forged, tree, last), forged.signatures))
      .to.emit(dm, "FaultProven")
      .withArgs(
        forged.header.batchIndex,
        13,
        await prover.getAddress(),
        forged.hash,
        (v: unknown) => !!v,
        (v: unknown) => !!v,
        (v: unknown) => !!v,
      );
    expect(await r.l1.batchChain.batchCount()).to.equal(before.count - 1n);
  });

  it("refuses an honest tree, a leaf that opens nothing, and proofs taller than any header's tree", async function () {
    const { r, prover } = await withTransactions();
    const dm = r.l1.disputeManager.connect(prover);
    const honest = await forgeBatch(r);
    const tree = txTreeOf(honest);
    const before = await snapshotOf(r, prover);
    await expect(
      dm.challengeTxCount(honest.header, txEvidenceOf(honest, tree, 1), honest.signatures),
    ).to.be.revertedWithCustomError(dm, "DisputeManagerNoFault");
    const wrong = { ...txEvidenceOf(honest, tree, 1), txHash: seededWord("another transaction") };
    await expect(dm.challengeTxCount(honest.header, wrong, honest.signatures)).to.be.revertedWithCustomError(
      dm,
      "DisputeManagerLeafNotInBatch",
    );
    const tall = { ...txEvidenceOf(honest, tree, 1), siblings: Array<Hex>(33).fill(ethers.ZeroHash as Hex) };
    await expect(dm.challengeTxCount(honest.header, tall, honest.signatures))
      .to.be.revertedWithCustomError(dm, "DisputeManagerInvalidProofLength")
      .withArgs(32, 33);
    const outside = { ...txEvidenceOf(honest, tree, 1), position: 1n << BigInt(tree.height) };
    await expect(dm.challengeTxCount(honest.header, outside, honest.signatures))
      .to.be.revertedWithCustomError(dm, "DisputeManagerLeafOutOfRange")
      .withArgs(1n << BigInt(tree.height), 1n << BigInt(tree.height));
    expect(await snapshotOf(r, prover)).to.deep.equal(before);
  });

  it("convicts a block range shorter than the tree its state root names (challengeBlockCount)", async function () {
    const { r, prover } = await withTransactions();
    const dm = r.l1.disputeManager.connect(prover);
    // The leaves of all the L2's new blocks, under a header that names one block fewer.
    const all = await forgeBatch(r, {}, { submit: false });
    const forged = await forgeBatch(
      r,
      { header: { stateBatchRoot: all.header.stateBatchRoot } },
      { lastBlock: all.header.lastBlock - 1n, signers: r.sequencers.slice(0, 3) },
    );
    const tree = MerkleTree.from(all.blockLeaves.map(blockLeaf));
    const last = all.blockLeaves.length - 1;
    const evidence = {
      leaf: blockLeafStruct(all.blockLeaves[last]!),
      leafIndex: BigInt(last),
      siblings: tree.proof(last),
      rlpHeader: "0x",
    };
    const before = await snapshotOf(r, prover);
    await expect(dm.challengeBlockCount(forged.header, evidence, forged.signatures)).to.emit(dm, "FaultProven");
    expect(await r.l1.batchChain.batchCount()).to.equal(before.count - 1n);

    // The same proof against the honest batch that replaces it: the leaf is inside its tree.
    const honest = await forgeBatch(r, {}, { signers: r.sequencers.slice(3) });
    expect(honest.header.stateBatchRoot).to.equal(all.header.stateBatchRoot);
    await expect(dm.challengeBlockCount(honest.header, evidence, honest.signatures)).to.be.revertedWithCustomError(
      dm,
      "DisputeManagerNoFault",
    );
  });

  it("slashes an equivocation after the signer's exit took effect: its stake is slashable until withdrawn", async function () {
    const r = await rollup();
    await forgeBatch(r);
    await l2Transfers(r, 3);
    const honest = await forgeBatch(r, {}, { submit: false });
    const other = { ...honest.header, lastBlock: honest.header.lastBlock - 1n, stateBatchRoot: seededWord("other") };
    const { prover } = await proverOf(r);
    const dm = r.l1.disputeManager.connect(prover);
    const signer = r.sequencers[2]!;
    const first = await signHeaderWith(r, signer, honest.header);
    const second = await signHeaderWith(r, signer, other);
    // It asks to leave and keeps the evidence back until its exit takes effect.
    await (await r.l1.registry.connect(signer.config.key).requestExit()).wait();
    await ethers.provider.send("evm_increaseTime", [Number(await r.l1.registry.epochDuration()) + 1]);
    await ethers.provider.send("evm_mine", []);
    await (await r.l1.registry.releaseExits()).wait();
    expect(await r.l1.registry.sequencerStatus(signer.address)).to.equal(Left);
    const stake = (await stakes(r)).get(signer.address.toLowerCase())!;
    await expect(dm.challengeEquivocation(honest.header, first, other, second)).to.emit(dm, "EquivocationProven");
    expect((await stakes(r)).get(signer.address.toLowerCase())).to.equal(stake - (stake * 5_000n) / 10_000n);
  });
});
