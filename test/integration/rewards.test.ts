import { time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { parseEther } from "ethers";
import { ethers } from "hardhat";

import { BridgeReader } from "../../sdk/src/bridge/reader";
import { finalizeWithdrawal } from "../../sdk/src/bridge/writer";
import { bootstrapFeeVault, L2_FEE_VAULT_ADDRESS } from "../../sdk/src/node";
import { rewardBalance, rewardPoolTotals } from "../../sdk/src/governance/rewards";
import { FEE_VAULT_MIN_WITHDRAWAL, type Hex } from "../../sdk/src/proof";
import { Sequencer, type SequencerEvent } from "../../sdk/src/sequencer/sequencer";
import { governanceSigner } from "../helpers/governance";
import { beginEpoch, STAKE } from "../helpers/l1";
import { expectEthBacked, proposeNext, removeRollupDirectories, rollup } from "../helpers/rollup";
import { seededAddress } from "../helpers/seeded";

describe("integration: signer rewards from the L2's fees", function () {
  after(removeRollupDirectories);

  it("pays L2 fees through the vault, the bridge and the pool to the signers of final batches, pro rata to stake", async function () {
    const r = await rollup();
    const governance = await governanceSigner(r.l1);
    const pool = r.l1.rewardPool;
    const poolAddress = await pool.getAddress();
    const vault = await bootstrapFeeVault(r.l2, poolAddress);
    expect(await vault.getAddress()).to.equal(L2_FEE_VAULT_ADDRESS);
    expect(await vault.l1Recipient()).to.equal(poolAddress);

    // L2 traffic pays its priority fees to the coinbase, the vault (the base fee is burned).
    const vaultBefore = await r.l2.provider.getBalance(L2_FEE_VAULT_ADDRESS);
    const tips: bigint[] = [];
    for (const [i, user] of r.l2.users.slice(0, 4).entries()) {
      const receipt = (await (
        await user.sendTransaction({
          to: seededAddress(`fee payer ${i}`),
          value: 1n,
          // A 200 gwei tip: four transfers pay the vault more than its least withdrawal (0.01 ETH).
          maxFeePerGas: 300_000_000_000n,
          maxPriorityFeePerGas: 200_000_000_000n,
        })
      ).wait())!;
      const block = (await r.l2.provider.getBlock(receipt.blockNumber))!;
      tips.push(receipt.gasUsed * (receipt.gasPrice - block.baseFeePerGas!));
    }
    const fees = (await r.l2.provider.getBalance(L2_FEE_VAULT_ADDRESS)) - vaultBefore;
    expect(fees).to.equal(tips.reduce((a, b) => a + b));
    expect(fees >= FEE_VAULT_MIN_WITHDRAWAL).to.equal(true);

    await proposeNext(r); // a batch of the traffic, before the withdrawal

    // Anyone withdraws the vault's whole balance through the L2 bridge to the pool.
    const balance = await r.l2.provider.getBalance(L2_FEE_VAULT_ADDRESS);
    const receipt = (await (await vault.connect(r.l2.users[5]!).withdraw()).wait())!;
    const initiated = receipt.logs
      .map((log) => r.l2Bridge.interface.parseLog(log))
      .find((parsed) => parsed?.name === "WithdrawalInitiated")!;
    expect(initiated.args.l1To).to.equal(poolAddress);
    expect(initiated.args.amount).to.equal(balance);
    // The vault's balance now is the withdrawal's own tip: its block's coinbase is the vault too.
    const withdrawBlock = (await r.l2.provider.getBlock(receipt.blockNumber))!;
    expect(await r.l2.provider.getBalance(L2_FEE_VAULT_ADDRESS)).to.equal(
      receipt.gasUsed * (receipt.gasPrice - withdrawBlock.baseFeePerGas!),
    );

    // One sequencer doubles its stake for the next epoch, so the shares differ: 2/5 and 1/5 each.
    const big = r.sequencers[0]!;
    await (await r.l1.token.connect(r.deployer).transfer(big.address, STAKE)).wait();
    await (await r.l1.token.connect(big.config.key).approve(await r.l1.registry.getAddress(), STAKE)).wait();
    await (await r.l1.registry.connect(big.config.key).topUp(STAKE)).wait();

    // Batches commit the L2 blocks, then finalize; anyone finalizes the withdrawal into the pool.
    await proposeNext(r);
    await time.increase(Number(await r.l1.batchChain.fraudProofWindow()) + 1);
    const reader = new BridgeReader({ ...r.addresses, l1: ethers.provider, l2: r.l2.provider });
    const proof = await reader.buildWithdrawalProof(initiated.args.withdrawalHash as Hex);
    const finalized = await finalizeWithdrawal(r.l1.bridge, proof);
    expect(finalized.logs.some((log) => pool.interface.parseLog(log)?.name === "ETHReceived")).to.equal(true);
    expect(await ethers.provider.getBalance(poolAddress)).to.equal(balance);
    // Governance adds tokens from the treasury (the timelock), which the deployer first hands some of the supply.
    const tokens = parseEther("1000");
    await (await r.l1.token.connect(r.deployer).transfer(await governance.getAddress(), tokens)).wait();
    await (await r.l1.token.connect(governance).approve(poolAddress, tokens)).wait();
    await (await pool.connect(governance).fund(tokens)).wait();

    await beginEpoch(r.l1.registry);
    const stakes = await Promise.all(r.sequencers.map(async (s) => (await r.l1.registry.memberStake(s.address))[1]));
    expect(stakes).to.deep.equal([2n * STAKE, STAKE, STAKE, STAKE]);

    // Each sequencer client settles and claims: the first settles every final batch, the others find them settled.
    const events: SequencerEvent[] = [];
    const clients = r.sequencers.map(
      (s) => new Sequencer({ ...s.config, rewardPool: poolAddress, onProgress: (e) => events.push(e) }),
    );
    const first = await clients[0]!.settleRewards();
    const count = await r.l1.batchChain.batchCount();
    expect(first.settlement.settled.map((s) => s.batchIndex)).to.deep.equal(
      Array.from({ length: Number(count) - 1 }, (_, i) => BigInt(i + 1)),
    );
    expect(first.settlement.nextBatch).to.equal(count);
    // Exact credits: each settlement's reward split by stake (2/5, 1/5, 1/5, 1/5), rounded down per signer.
    const settledLogs = await pool.queryFilter(pool.filters.BatchSettled());
    const expected = stakes.map((stake) =>
      settledLogs.reduce(
        (sum, log) => ({
          eth: sum.eth + (log.args.ethReward * stake) / (5n * STAKE),
          tokens: sum.tokens + (log.args.tokenReward * stake) / (5n * STAKE),
        }),
        { eth: 0n, tokens: 0n },
      ),
    );
    expect(expected[0]!.eth > 0n && expected[0]!.tokens > 0n).to.equal(true);
    // The first client claimed in the same round.
    expect(first.claim?.paid).to.deep.equal(expected[0]);
    for (const [i, client] of clients.entries()) {
      if (i === 0) continue;
      expect(await rewardBalance(pool, client.address)).to.deep.equal(expected[i]);
      const round = await client.settleRewards();
      expect(round.settlement.settled).to.deep.equal([]);
      expect(round.claim?.paid).to.deep.equal(expected[i]);
      expect(await rewardBalance(pool, client.address)).to.deep.equal({ eth: 0n, tokens: 0n });
    }
    // The larger stake earned exactly its share of every reward: about twice each of the others.
    expect(expected[0]!.eth - 2n * expected[1]!.eth <= BigInt(settledLogs.length)).to.equal(true);
    expect(events.filter((e) => e.kind === "rewards-claimed")).to.have.length(4);

    // Nothing is paid twice; what was not paid stays distributable; value is conserved across L1 and L2.
    expect(await clients[1]!.claimRewards()).to.equal(undefined);
    const totals = await rewardPoolTotals(pool);
    expect(totals.credited).to.deep.equal({ eth: 0n, tokens: 0n });
    const paidEth = expected.reduce((sum, e) => sum + e.eth, 0n);
    const paidTokens = expected.reduce((sum, e) => sum + e.tokens, 0n);
    // Each batch's reserve keeps what its shares rounded away until its window ends; released, it is distributable.
    expect({
      eth: totals.unallocated.eth + totals.reserved.eth,
      tokens: totals.unallocated.tokens + totals.reserved.tokens,
    }).to.deep.equal({ eth: balance - paidEth, tokens: tokens - paidTokens });
    await expectEthBacked(r);
  });

  it("settles and claims periodically from the sequencer client until stopped", async function () {
    const r = await rollup();
    const pool = r.l1.rewardPool;
    const tokens = parseEther("100");
    // Anyone may fund the pool: the deployer, who holds the token supply.
    await (await r.l1.token.connect(r.deployer).approve(await pool.getAddress(), tokens)).wait();
    await (await pool.connect(r.deployer).fund(tokens)).wait();
    await proposeNext(r);
    await time.increase(Number(await r.l1.batchChain.fraudProofWindow()) + 1);

    const events: SequencerEvent[] = [];
    let claimed: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    const client = new Sequencer({
      ...r.sequencers[1]!.config,
      rewardPool: await pool.getAddress(),
      onProgress: (e) => {
        events.push(e);
        if (e.kind === "rewards-claimed") claimed();
      },
    });
    const loop = client.startRewards({ intervalMs: 20 });
    await done;
    await loop.stop();
    const claim = events.find((e) => e.kind === "rewards-claimed");
    // One batch, a quarter of 0.1% of the pool: 0.025 tokens.
    expect(claim).to.deep.include({ account: r.sequencers[1]!.address, eth: 0n, tokens: parseEther("0.025") });
    expect(events.find((e) => e.kind === "rewards-settled")).to.deep.include({ batches: [1n] });
  });
});
