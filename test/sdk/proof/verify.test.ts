import { expect } from "chai";
import { ZeroAddress, ZeroHash } from "ethers";

import {
  blockLeaf,
  computeMerkleRoot,
  MAX_BATCH_BLOCKS,
  MerkleTree,
  verifyWithdrawalProof,
  withdrawalHash,
  zeroHash,
  type Address,
  type BatchHeader,
  type BlockLeafInput,
  type Hex,
  type WithdrawalInput,
  type WithdrawalProof,
} from "../../../sdk/src/proof";
import { seededAddress } from "../../helpers/seeded";

/**
 * A withdrawal proof against a header whose block range holds `blockCount` blocks, with the withdrawal in block 0
 * and every other block leaf zero (so the siblings are zero subtrees).
 */
function proofOverRange(blockCount: bigint): WithdrawalProof {
  const withdrawal: WithdrawalInput = {
    index: 0n,
    l2Sender: seededAddress("l2Sender"),
    l1To: seededAddress("l1To"),
    l1Token: ZeroAddress as Address,
    amount: 1n,
  };
  const tree = MerkleTree.from([withdrawalHash(withdrawal)], { depth: 32 });
  const leaf: BlockLeafInput = {
    number: 1n,
    timestamp: 1n,
    blockHash: ZeroHash as Hex,
    stateRoot: ZeroHash as Hex,
    withdrawalRoot: tree.root,
  };
  let height = 0;
  while (1n << BigInt(height) < blockCount) height++;
  const blockSiblings = Array.from({ length: height }, (_, level) => zeroHash(level));
  const header: BatchHeader = {
    batchIndex: 1n,
    parentHash: ZeroHash as Hex,
    firstBlock: 1n,
    lastBlock: blockCount,
    txCount: 0,
    txBatchRoot: ZeroHash as Hex,
    stateBatchRoot: computeMerkleRoot({ leaf: blockLeaf(leaf), index: 0, proof: blockSiblings, height }),
    depositCount: 0n,
    depositChainHash: ZeroHash as Hex,
    dataHash: ZeroHash as Hex,
  };
  return {
    withdrawal,
    batchIndex: 1n,
    header,
    blockLeaf: leaf,
    blockLeafIndex: 0,
    blockSiblings,
    withdrawalSiblings: tree.proof(0),
  };
}

describe("proof/verifyWithdrawalProof: the batch range bound", function () {
  it("accepts a batch of exactly 2^32 blocks, and refuses a larger one as L1Bridge and BatchChain do", function () {
    expect(MAX_BATCH_BLOCKS).to.equal(2n ** 32n);
    const largest = proofOverRange(MAX_BATCH_BLOCKS);
    expect(verifyWithdrawalProof(largest, { header: largest.header }).valid).to.equal(true);
    // One block more: a consistent proof (height 33) against a header the wallet trusts, which L1 refuses.
    const beyond = proofOverRange(MAX_BATCH_BLOCKS + 1n);
    const verdict = verifyWithdrawalProof(beyond, { header: beyond.header });
    expect(verdict).to.deep.include({ valid: false, step: "block" });
    expect(verdict.valid === false && verdict.reason).to.match(/at most 4294967296 blocks/);
  });

  it("refuses a range that ends before it starts", function () {
    const proof = proofOverRange(4n);
    const backwards = { ...proof, header: { ...proof.header, firstBlock: 5n, lastBlock: 4n } };
    expect(verifyWithdrawalProof(backwards, { header: backwards.header })).to.deep.include({
      valid: false,
      step: "block",
    });
  });
});
