import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { parseEther, type JsonRpcApiProvider } from "ethers";
import { ethers } from "hardhat";

import { ContractRevertError } from "../../sdk/src/errors/contract";
import { InvalidAddressError } from "../../sdk/src/errors/proof";
import {
  CreditedSignersUnknownError,
  InvalidRewardsOptionError,
  RewardPoolNotConfiguredError,
} from "../../sdk/src/errors/rewards";
import {
  claimRewards,
  rewardBalance,
  settleBatches,
  signatureEntries,
  sortKeys,
  type SettleProgress,
} from "../../sdk/src/governance/rewards";
import type { Hex } from "../../sdk/src/proof";
import { RewardKeeper } from "../../sdk/src/sequencer/rewards-keeper";
import { Sequencer } from "../../sdk/src/sequencer/sequencer";
import { beginEpoch, deployWithSequencers, fundedWallet, signHeader, submitNext } from "../helpers/l1";

/** Three members; batches 1-3 final, batch 4 pending; a pool holding 1,000 tokens. */
async function fixture() {
  const l1 = await deployWithSequencers(3);
  const pool = l1.rewardPool;
  // Anyone may fund the pool: the deployer, who holds the token supply.
  await (await l1.token.connect(l1.deployer).approve(await pool.getAddress(), parseEther("1000"))).wait();
  await (await pool.connect(l1.deployer).fund(parseEther("1000"))).wait();
  const batches = [];
  for (let i = 0; i < 3; i++) batches.push(await submitNext(l1));
  await time.increase(Number(await l1.batchChain.fraudProofWindow()) + 1);
  batches.push(await submitNext(l1));
  const settler = await fundedWallet();
  return { l1, pool: pool.connect(settler), batches, settler };
}

describe("sdk/governance/rewards", function () {
  it("settles the final batches from a cursor, bounded, and passes over those settled", async function () {
    const { l1, pool } = await loadFixture(fixture);
    const progress: SettleProgress[] = [];
    const first = await settleBatches({
      pool,
      batchChain: l1.batchChain,
      maxBatches: 2,
      onProgress: (e) => progress.push(e),
    });
    const everyone = sortKeys(l1.sequencers.map((s) => s.signer.address));
    expect(first.settled.map((s) => [s.batchIndex, s.signers])).to.deep.equal([
      [1n, everyone],
      [2n, everyone],
    ]);
    expect(first.nextBatch).to.equal(3n);
    const second = await settleBatches({ pool, batchChain: l1.batchChain, fromBatch: first.nextBatch });
    expect(second.settled.map((s) => s.batchIndex)).to.deep.equal([3n]);
    expect(second.nextBatch).to.equal(4n); // batch 4 is pending
    const again = await settleBatches({ pool, batchChain: l1.batchChain });
    expect([again.settled, again.skipped, again.waiting, again.nextBatch]).to.deep.equal([[], [1n, 2n, 3n], [], 4n]);
    expect(progress.map((e) => e.type)).to.deep.equal(["settled", "settled"]);
    for (const sequencer of l1.sequencers) {
      // 0.1% of the pool per batch, a third each, three batches.
      const { tokens } = await rewardBalance(pool, sequencer.account.address);
      expect(tokens > 0n).to.equal(true);
    }
  });

  it("credits the signers a settlement left out, rebuilding the credited keys from the pool's logs", async function () {
    const { l1, pool, batches } = await loadFixture(fixture);
    const header = batches[0]!.header;
    const only = l1.sequencers[0]!.signer;
    await (await pool.settle(header, await signHeader(l1, header, [only]), [], 0, 0)).wait();
    const result = await settleBatches({ pool, batchChain: l1.batchChain, maxBatches: 1 });
    const others = sortKeys(l1.sequencers.slice(1).map((s) => s.signer.address));
    expect(result.settled.map((s) => [s.batchIndex, s.signers])).to.deep.equal([[1n, others]]);
  });

  it("keeps its cursor at batches that earned nothing only because the pool was empty, and settles them later", async function () {
    const l1 = await deployWithSequencers(3);
    for (let i = 0; i < 2; i++) await submitNext(l1);
    await time.increase(Number(await l1.batchChain.fraudProofWindow()) + 1);
    const pool = l1.rewardPool.connect(await fundedWallet());
    const empty = await settleBatches({ pool, batchChain: l1.batchChain });
    expect([empty.settled, empty.skipped, empty.waiting, empty.nextBatch]).to.deep.equal([[], [], [1n, 2n], 1n]);
    const keeper = new RewardKeeper({
      rewardPool: await l1.rewardPool.getAddress(),
      batchChain: await l1.batchChain.getAddress(),
      settler: l1.sequencers[0]!.signer,
      account: l1.sequencers[0]!.account,
    });
    expect((await keeper.settle()).waiting).to.deep.equal([1n, 2n]);
    // Fees arrive: the batches passed over are settled now, by the free function from its cursor and by the keeper.
    await (await l1.token.connect(l1.deployer).approve(await pool.getAddress(), parseEther("1000"))).wait();
    await (await l1.rewardPool.connect(l1.deployer).fund(parseEther("1000"))).wait();
    const later = await keeper.settle();
    expect([later.settled.map((s) => s.batchIndex), later.nextBatch]).to.deep.equal([[1n, 2n], 3n]);
  });

  it("keeps its cursor at a batch with a signer left out while the window is open, and passes it once closed", async function () {
    const { l1, pool, batches } = await loadFixture(fixture);
    const header = batches[0]!.header;
    // One member is credited; the other two leave the set, so nobody can credit them now: the batch waits for them.
    await (await pool.settle(header, await signHeader(l1, header, [l1.sequencers[0]!.signer]), [], 0, 0)).wait();
    const others = l1.sequencers.slice(1).map((s) => s.account);
    for (const account of others) await (await l1.registry.connect(account).requestExit()).wait();
    await beginEpoch(l1.registry);
    const open = await settleBatches({ pool, batchChain: l1.batchChain, maxBatches: 1 });
    // Batch 1 waits; batch 2 is settled for the one member left (the bound stops there).
    expect([open.waiting, open.settled.map((x) => x.batchIndex), open.nextBatch]).to.deep.equal([[1n], [2n], 1n]);
    await time.increase(Number(await l1.rewardPool.settlementWindow()));
    const closed = await settleBatches({ pool, batchChain: l1.batchChain, maxBatches: 1 });
    // Batch 1's window is over: passed for good (batch 2's, opened a few seconds later, may be too).
    expect(closed.skipped[0]).to.equal(1n);
    expect(closed.waiting).to.not.include(1n);
    expect(closed.nextBatch > 1n).to.equal(true);
  });

  it("searches a batch's settlements from its submission's block, and each submission from the one before", async function () {
    const { l1, pool, batches } = await loadFixture(fixture);
    const header = batches[1]!.header;
    await (await pool.settle(header, await signHeader(l1, header, [l1.sequencers[0]!.signer]), [], 0, 0)).wait();
    const submitted = await l1.batchChain.queryFilter(l1.batchChain.filters.BatchSubmitted());
    const blocks = submitted.map((log) => log.blockNumber); // batch 0's (the genesis anchor) first
    const poolFrom: unknown[] = [];
    const chainFrom: unknown[] = [];
    const spy = <T extends object>(target: T, seen: unknown[]): T =>
      new Proxy(target, {
        get: (t, property, receiver) => {
          const value = Reflect.get(t, property, receiver) as unknown;
          if (property !== "queryFilter" || typeof value !== "function") return value;
          return (...args: unknown[]) => {
            seen.push(args[1]);
            return (value as (...a: unknown[]) => unknown).apply(t, args);
          };
        },
      });
    await settleBatches({ pool: spy(pool, poolFrom), batchChain: spy(l1.batchChain, chainFrom), maxBatches: 3 });
    expect(poolFrom).to.deep.equal([blocks[2]]); // only batch 2 was settled before
    expect(chainFrom).to.deep.equal([0, blocks[1], blocks[2]]);
  });

  it("reads signature entries back with their signers", async function () {
    const { l1, batches } = await loadFixture(fixture);
    const header = batches[0]!.header;
    const signatures = await signHeader(
      l1,
      header,
      l1.sequencers.map((s) => s.signer),
    );
    const entries = signatureEntries(signatures, (await l1.batchChain.headerDigest(header)) as Hex);
    expect(entries.map((e) => e.signer)).to.deep.equal(sortKeys(l1.sequencers.map((s) => s.signer.address)));
    expect(ethers.concat(entries.map((e) => e.entry))).to.equal(signatures);
  });

  describe("bad input", function () {
    it("throws InvalidRewardsOptionError for bounds that are not positive integers and a cursor below 1", async function () {
      const { l1, pool } = await loadFixture(fixture);
      for (const options of [{ maxBatches: 0 }, { maxScan: 1.5 }, { fromBatch: 0n }]) {
        const error = await settleBatches({ pool, batchChain: l1.batchChain, ...options }).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(InvalidRewardsOptionError);
        expect((error as InvalidRewardsOptionError).option).to.equal(Object.keys(options)[0]);
      }
      const config = {
        rewardPool: await l1.rewardPool.getAddress(),
        batchChain: await l1.batchChain.getAddress(),
        settler: l1.sequencers[0]!.signer,
        account: l1.sequencers[0]!.account,
      };
      expect(() => new RewardKeeper({ ...config, maxBatches: -1 })).to.throw(InvalidRewardsOptionError);
      const keeper = new RewardKeeper(config);
      expect(() => keeper.start({ intervalMs: 0 })).to.throw(InvalidRewardsOptionError);
    });

    it("throws InvalidAddressError for an account that is not an address", async function () {
      const { pool } = await loadFixture(fixture);
      await expect(rewardBalance(pool, "0x1234")).to.be.rejectedWith(InvalidAddressError);
    });

    it("throws CreditedSignersUnknownError when the logs do not hold the earlier settlements", async function () {
      const { l1, pool, batches } = await loadFixture(fixture);
      const header = batches[0]!.header;
      await (await pool.settle(header, await signHeader(l1, header, [l1.sequencers[0]!.signer]), [], 0, 0)).wait();
      // A node that pruned the pool's logs.
      const pruned = new Proxy(pool, {
        get: (target, property, receiver) =>
          property === "queryFilter" ? () => Promise.resolve([]) : (Reflect.get(target, property, receiver) as unknown),
      });
      const error = await settleBatches({ pool: pruned, batchChain: l1.batchChain }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(CreditedSignersUnknownError);
      expect(error).to.deep.include({ batchIndex: 1n, expected: await pool.creditedHash(batches[0]!.hash) });
    });

    it("decodes a claim with nothing to claim into a ContractRevertError", async function () {
      const { l1 } = await loadFixture(fixture);
      const account = l1.sequencers[0]!.account;
      const error = await claimRewards(l1.rewardPool.connect(account)).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ContractRevertError);
      expect(error).to.deep.include({ errorName: "RewardPoolNothingToClaim", args: { account: account.address } });
    });

    it("throws RewardPoolNotConfiguredError from a sequencer client without a reward pool", async function () {
      const { l1 } = await loadFixture(fixture);
      const client = new Sequencer({
        key: l1.sequencers[0]!.signer,
        batchChain: await l1.batchChain.getAddress(),
        registry: await l1.registry.getAddress(),
        l1Bridge: await l1.bridge.getAddress(),
        l2: ethers.provider as unknown as JsonRpcApiProvider,
        l2Bridge: ethers.ZeroAddress,
        store: { has: () => Promise.resolve(false) } as never,
      });
      await expect(client.settleRewards()).to.be.rejectedWith(RewardPoolNotConfiguredError);
    });
  });
});
