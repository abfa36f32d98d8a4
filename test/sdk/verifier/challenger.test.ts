/**
 * The SDK's Challenger around the challenges: reading a batch's signatures back from its submitBatch transaction,
 * challenging with them, and claiming the prover's reward; and the RLP headers it rebuilds from RPC fields.
 */
import { expect } from "chai";
import { keccak256 } from "ethers";

import { ContractRevertError } from "../../../sdk/src/errors/contract";
import { headerHash } from "../../../sdk/src/proof";
import { submittedBatch } from "../../../sdk/src/verifier/challenger";
import { encodeBlockHeader, type RpcHeaderFields } from "../../../sdk/src/verifier/evidence";
import { l2Transfers, proverOf, rejection } from "../../helpers/disputes";
import { forgeBatch } from "../../helpers/forge";
import { proposeNext, removeRollupDirectories, rollup } from "../../helpers/rollup";
import { seededWord } from "../../helpers/seeded";

describe("sdk/verifier: Challenger", function () {
  after(removeRollupDirectories);

  it("reads a proposed batch's header and signatures from its submitBatch transaction", async function () {
    const r = await rollup();
    await l2Transfers(r, 2);
    const { batch, receipt } = await proposeNext(r);
    const submitted = await submittedBatch(r.l1.batchChain, batch.header.batchIndex);
    expect(submitted.headerHash).to.equal(headerHash(batch.header));
    expect(submitted.transactionHash).to.equal(receipt.hash);
    const call = r.l1.batchChain.interface.parseTransaction({ data: (await receipt.getTransaction()).data })!;
    expect(submitted.signatures).to.equal(call.args[1]);
    expect(headerHash(submitted.header)).to.equal(headerHash(batch.header));
  });

  it("convicts a forged batch with the signatures read back from L1, then claims the reward", async function () {
    const r = await rollup();
    await forgeBatch(r);
    await l2Transfers(r, 3);
    const forged = await forgeBatch(r, {
      leaves: (leaves) => void (leaves[1] = { ...leaves[1]!, withdrawalRoot: seededWord("stolen root") }),
    });
    const { prover, challenger } = await proverOf(r);
    const submitted = await submittedBatch(await challenger.batchChain(), forged.header.batchIndex);
    const { outcome } = await challenger.challenge(
      { kind: "withdrawalRoot", batchIndex: submitted.header.batchIndex as bigint, leafIndex: 1 },
      {
        header: submitted.header,
        signatures: submitted.signatures,
        blockLeaves: forged.blockLeaves,
        l2: r.l2.provider,
      },
    );
    expect(outcome.kind).to.equal("fault");
    const claimable = await challenger.claimable();
    expect(claimable > 0n).to.equal(true);
    const before = await r.l1.token.balanceOf(await prover.getAddress());
    const { receipt, amount } = await challenger.claimReward();
    expect(amount).to.equal(claimable);
    await expect(receipt)
      .to.emit(r.l1.registry, "RewardClaimed")
      .withArgs(await prover.getAddress(), claimable);
    expect(await r.l1.token.balanceOf(await prover.getAddress())).to.equal(before + claimable);
    const error = await rejection(() => challenger.claimReward());
    expect(error).to.be.instanceOf(ContractRevertError);
    expect(error).to.include({ contract: "SequencerRegistry", errorName: "SequencerRegistryNothingToClaim" });
  });

  it("rebuilds every field EDR returns into the RLP header that hashes to each block", async function () {
    const r = await rollup();
    await l2Transfers(r, 2);
    const head = await r.l2.provider.getBlockNumber();
    for (let number = 0; number <= head; number++) {
      const block = (await r.l2.provider.send("eth_getBlockByNumber", [
        `0x${number.toString(16)}`,
        false,
      ])) as RpcHeaderFields;
      expect(keccak256(encodeBlockHeader(block)), `block ${number}`).to.equal(block.hash);
    }
  });
});
