import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { parseEther } from "ethers";
import hre, { ethers } from "hardhat";

import { createL2Chain, replayBlocks } from "../../sdk/src/node";
import { TestERC20__factory } from "../../sdk/src/contracts/typechain";
import { readVerified } from "../../sdk/src/da/store";
import { ContractRevertError } from "../../sdk/src/errors/contract";
import { DataNotFoundError } from "../../sdk/src/errors/da";
import {
  DepositDueError,
  HeaderMismatchError,
  NothingToBatchError,
  NotScheduledError,
  QuorumNotReachedError,
} from "../../sdk/src/errors/sequencer";
import { decodeBatchData, merkleRoot, txLeaf, type Hex } from "../../sdk/src/proof";
import { Sequencer } from "../../sdk/src/sequencer/sequencer";
import { colludingQuorum } from "../helpers/forged-parent";
import { expectEthBacked, proposeNext, removeRollupDirectories, rollup, scheduled } from "../helpers/rollup";

describe("integration: sequencers on a real L2", function () {
  after(removeRollupDirectories);

  it("commits L2 transfers and relayed deposits in a batch every sequencer checked", async function () {
    const r = await rollup();
    const [alice, bob] = r.l2.users;
    for (let i = 0; i < 3; i++) {
      await (await alice!.sendTransaction({ to: bob!.address, value: parseEther("1") })).wait();
    }
    await (await r.l1.bridge.depositETH(bob!.address, { value: parseEther("2") })).wait();
    const token = await new TestERC20__factory(r.deployer).deploy("Gold", "GLD");
    await (await token.mint(await r.deployer.getAddress(), parseEther("10"))).wait();
    await (await token.approve(await r.l1.bridge.getAddress(), parseEther("10"))).wait();
    await (await r.l1.bridge.depositERC20(await token.getAddress(), bob!.address, parseEther("10"))).wait();

    const balanceBefore = await r.l2.provider.getBalance(bob!.address);
    const { batch, receipt, signers } = await proposeNext(r);
    expect(receipt.status).to.equal(1);
    expect(signers).to.have.length(4);
    expect(await r.l1.batchChain.batchCount()).to.equal(2n);
    expect(await r.l1.batchChain.headerHash(1)).to.equal((await r.l1.batchChain.batchInfo(1))[0]);

    // The deposits reached L2 exactly, and the header commits to the L1 queue's chain.
    expect(await r.l2.provider.getBalance(bob!.address)).to.equal(balanceBefore + parseEther("2"));
    const l2Gold = await r.l2Bridge.l2TokenOf(await token.getAddress());
    expect(await TestERC20__factory.connect(l2Gold, r.l2.provider).balanceOf(bob!.address)).to.equal(parseEther("10"));
    expect(await TestERC20__factory.connect(l2Gold, r.l2.provider).symbol()).to.equal("GLD");
    expect(batch.header.depositCount).to.equal(2n);
    expect(batch.header.depositChainHash).to.equal(await r.l1.bridge.depositChainAt(2));

    // The data object in the DA store rebuilds the transaction root.
    const data = decodeBatchData(await readVerified(r.store, batch.header.dataHash as Hex));
    const leaves = data.blocks.flatMap((block) =>
      block.transactions.map((raw, indexInBlock) =>
        txLeaf({ l2BlockNumber: block.number, indexInBlock, txHash: ethers.keccak256(raw) as Hex }),
      ),
    );
    expect(merkleRoot(leaves)).to.equal(batch.header.txBatchRoot);
    expect(data.blocks[0]!.number).to.equal(1n);
    expect(data.blocks.at(-1)!.number).to.equal(batch.header.lastBlock);
    await expectEthBacked(r);
  });

  it("lets a replica rebuild the L2 chain from the batches' data objects", async function () {
    const r = await rollup();
    await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
    await (await r.l1.bridge.depositETH(r.l2.users[2]!.address, { value: parseEther("1") })).wait();
    const { batch } = await proposeNext(r);
    const replica = await createL2Chain(hre);
    const data = decodeBatchData(await readVerified(r.store, batch.header.dataHash as Hex));
    const hashes = await replayBlocks(replica, data.blocks);
    const original = await Promise.all(
      data.blocks.map(async (block) => (await r.l2.provider.getBlock(Number(block.number)))!.hash),
    );
    expect(hashes).to.deep.equal(original);
  });

  it("refuses to sign a header that differs from the L2 chain, naming the field", async function () {
    const r = await rollup();
    await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
    const proposer = await scheduled(r);
    const batch = await proposer.buildNextBatch();
    const peer = r.sequencers.find((s) => s !== proposer)!;
    const forged = { ...batch.header, stateBatchRoot: ethers.keccak256("0x01") as Hex };
    await expect(peer.sign(forged)).to.be.rejectedWith(HeaderMismatchError, /stateBatchRoot/);
    await expect(peer.sign({ ...batch.header, firstBlock: 5n, lastBlock: 5n })).to.be.rejectedWith(
      HeaderMismatchError,
      /firstBlock/,
    );
    expect(await peer.sign(batch.header)).to.match(/^0x[0-9a-f]{130}$/);
  });

  it("signs a batch whose data the DA store does not hold, and stores its own copy", async function () {
    const r = await rollup();
    await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
    const proposer = await scheduled(r);
    const batch = await proposer.deriveBatch(1n, BigInt(await r.l2.provider.send("eth_blockNumber", [])));
    const peer = r.sequencers.find((s) => s !== proposer)!;
    await expect(readVerified(r.store, batch.header.dataHash as Hex)).to.be.rejectedWith(DataNotFoundError);
    // The signer re-derived the data itself (the data hash matched): a store without it is no reason to refuse.
    expect(await peer.sign(batch.header)).to.match(/^0x[0-9a-f]{130}$/);
    await peer.settleStoreWrites();
    expect(await readVerified(r.store, batch.header.dataHash as Hex)).to.deep.equal(batch.data);
    expect(peer.queuedUploads).to.deep.equal([]);
  });

  it("does not submit without a quorum, and reports who refused", async function () {
    const r = await rollup();
    await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
    const proposer = await scheduled(r);
    const liar = {
      address: "0x0000000000000000000000000000000000000001",
      sign: async () => Promise.reject(new Error("offline")),
    };
    const error = await proposer.propose([liar, liar]).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(QuorumNotReachedError);
    expect((error as QuorumNotReachedError).refusals.map((e) => e.message)).to.deep.equal(["offline", "offline"]);
    expect(await r.l1.batchChain.batchCount()).to.equal(1n);
  });

  it("refuses to propose out of turn, and to batch when L2 has no new block", async function () {
    const r = await rollup();
    const proposer = await scheduled(r);
    const other = r.sequencers.find((s) => s !== proposer)!;
    await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
    await expect(other.propose([proposer])).to.be.rejectedWith(NotScheduledError);
    await proposer.propose(r.sequencers.filter((s) => s !== proposer));
    const next = await scheduled(r);
    await expect(next.propose(r.sequencers.filter((s) => s !== next))).to.be.rejectedWith(NothingToBatchError);
    expect(await r.l1.batchChain.batchCount()).to.equal(2n);
  });

  it("rotates to the next sequencer when the scheduled one is silent", async function () {
    const r = await rollup();
    await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
    const silent = await scheduled(r);
    await time.increase(Number(await r.l1.registry.rotationTimeout()));
    const next = await scheduled(r);
    expect(next).not.to.equal(silent);
    const { receipt } = await next.propose(r.sequencers.filter((s) => s !== next && s !== silent));
    const missed = receipt.logs
      .map((log) => r.l1.registry.interface.parseLog(log))
      .find((event) => event?.name === "TurnMissed");
    expect(missed?.args.signer).to.equal(silent.address);
  });

  it("turns an L1 rejection into a typed error: a batch that leaves an overdue deposit out", async function () {
    const r = await rollup();
    await (await r.l2.users[0]!.sendTransaction({ to: r.l2.users[1]!.address, value: 1n })).wait();
    await (await r.l1.bridge.depositETH(r.l2.users[1]!.address, { value: 1n })).wait();
    await time.increase(Number(await r.l1.batchChain.forceInclusionDelay()) + 1);
    const proposer = await scheduled(r);
    const lazy = new Sequencer({ ...proposer.config, relayDeposits: false });
    const batch = await lazy.buildNextBatch();
    // Honest signers refuse it (it could never land, and would bind them to the slot); a colluding quorum signs it.
    for (const signer of r.sequencers) await expect(signer.sign(batch.header)).to.be.rejectedWith(DepositDueError);
    const error = await lazy.submit(batch, await colludingQuorum(r, batch.header)).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ContractRevertError);
    expect((error as ContractRevertError).contract).to.equal("BatchChain");
    expect((error as ContractRevertError).errorName).to.equal("BatchChainOverdueDepositExcluded");
    expect((error as ContractRevertError).args.index).to.equal(0n);

    // Relaying first (the default) includes it, and the batch is accepted.
    const { batch: accepted } = await proposeNext(r);
    expect(accepted.header.depositCount).to.equal(1n);
    expect(accepted.header.depositChainHash).to.equal(await r.l1.bridge.depositChainAt(1));
  });
});
