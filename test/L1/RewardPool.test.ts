import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { parseEther, Wallet, ZeroHash, type Signer } from "ethers";
import { ethers } from "hardhat";

import { creditedKeysHash, sortKeys } from "../../sdk/src/governance/rewards";
import { headerHash, type BatchHeader, type Hex } from "../../sdk/src/proof";
import { governanceSigner, wiredHooks, wiredSlasher } from "../helpers/governance";
import {
  addSequencer,
  beginEpoch,
  deployWithSequencers,
  domainOf,
  fundedWallet,
  HEADER_TYPES,
  nextHeader,
  Status,
  submitNext,
  STAKE,
} from "../helpers/l1";
import { seededAddress, seededWord } from "../helpers/seeded";

const STAKES = [STAKE, (STAKE * 3n) / 2n, (STAKE * 5n) / 2n]; // 20,000, 30,000 and 50,000: 20%, 30% and 50%
const TOTAL = STAKES.reduce((a, b) => a + b);
const POOL_ETH = parseEther("10");
const POOL_TOKENS = parseEther("1000");
const BPS = 10_000n;
const REWARD_BPS = 10n;

/** Three sequencers staking 20%, 30% and 50%; batches 1-3 final (signed by all), batch 4 pending; a funded pool. */
async function poolFixture() {
  const l1 = await deployWithSequencers(3, {}, STAKES);
  const governance = await governanceSigner(l1);
  // The treasury (the timelock) holds tokens, as slashed stake makes it do: the deployer hands it some.
  await (await l1.token.transfer(await governance.getAddress(), parseEther("10000"))).wait();
  const pool = l1.rewardPool;
  const batches: { header: BatchHeader; hash: Hex }[] = [];
  for (let i = 0; i < 3; i++) batches.push(await submitNext(l1));
  await time.increase(Number(await l1.batchChain.fraudProofWindow()) + 1);
  batches.push(await submitNext(l1));
  await (await l1.token.connect(governance).approve(await pool.getAddress(), POOL_TOKENS)).wait();
  await (await pool.connect(governance).fund(POOL_TOKENS)).wait();
  await (await governance.sendTransaction({ to: await pool.getAddress(), value: POOL_ETH })).wait();
  const settler = await fundedWallet();
  const slasher = await wiredSlasher(l1); // the DA request manager, as deployL1 wired it
  // Members by stake: accounts 0, 1, 2 hold 20%, 30%, 50%.
  const members = l1.sequencers;
  return { l1, pool, governance, batches, settler, slasher, members };
}

type Fixture = Awaited<ReturnType<typeof poolFixture>>;

/** The pool's balances, unallocated amounts, reserves and credits, per asset; and the invariant between them. */
async function snapshot({ l1, pool }: Fixture) {
  const address = await pool.getAddress();
  const [ethBalance, tokenBalance, [uEth, uTokens], [cEth, cTokens], [rEth, rTokens], bps] = await Promise.all([
    ethers.provider.getBalance(address),
    l1.token.balanceOf(address),
    pool.unallocated(),
    pool.totalCredited(),
    pool.totalReserved(),
    pool.batchRewardBps(),
  ]);
  expect(ethBalance, "ETH: balance == unallocated + reserved + credited").to.equal(uEth + rEth + cEth);
  expect(tokenBalance, "tokens: balance == unallocated + reserved + credited").to.equal(uTokens + rTokens + cTokens);
  return { ethBalance, tokenBalance, uEth, uTokens, cEth, cTokens, rEth, rTokens, bps };
}

/** Account state the pool keeps, for every member. */
async function accounts(f: Fixture) {
  return Promise.all(f.members.map(async (m) => [...(await f.pool.accountInfo(m.account.address))]));
}

/** Runs `action` and checks that no pool state changed. */
async function unchanged(f: Fixture, action: () => Promise<void>, batch = f.batches[0]!) {
  const state = async () => [
    await snapshot(f),
    await accounts(f),
    await f.pool.creditedHash(batch.hash),
    [...(await f.pool.batchReserve(batch.hash))],
  ];
  const before = await state();
  await action();
  expect(await state()).to.deep.equal(before);
}

/**
 * Signatures of `wallets` over `header`, packed as submitted (ascending signer order). The member index byte is left
 * 0: the pool ignores it, and a key that left the epoch has none.
 */
async function signAs(
  f: Fixture,
  header: BatchHeader,
  wallets: readonly Pick<Wallet, "address" | "signTypedData">[],
): Promise<Hex> {
  const domain = await domainOf(f.l1);
  const sorted = [...wallets].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
  const entries = await Promise.all(
    sorted.map(async (wallet) => {
      const signature = ethers.Signature.from(await wallet.signTypedData(domain, HEADER_TYPES, header));
      return ethers.concat([ethers.toBeHex(signature.v === 28 ? 0x80 : 0, 1), signature.r, signature.s]);
    }),
  );
  return ethers.concat(entries) as Hex;
}

async function sign(f: Fixture, header: BatchHeader, indices: number[]): Promise<Hex> {
  return signAs(
    f,
    header,
    indices.map((i) => f.members[i]!.signer),
  );
}

/** `R` per asset now, and each member's share of it. */
async function expectedShares(f: Fixture) {
  const { uEth, uTokens, bps } = await snapshot(f);
  const eth = (uEth * bps) / BPS;
  const tokens = (uTokens * bps) / BPS;
  return {
    eth,
    tokens,
    shares: STAKES.map((stake) => ({ eth: (eth * stake) / TOTAL, tokens: (tokens * stake) / TOTAL })),
  };
}

function keysOf(f: Fixture, indices: number[]): string[] {
  return sortKeys(indices.map((i) => f.members[i]!.signer.address));
}

/** Slashes `account` 10% through the registry's two-argument slash. */
async function slash(f: Fixture, slasher: Signer, account: string): Promise<void> {
  const registry = f.l1.registry.connect(slasher);
  await (
    await registry.getFunction("slash(address,uint256,bytes32)")(account, 1_000, ethers.encodeBytes32String("test"))
  ).wait();
}

describe("RewardPool", function () {
  describe("settle", function () {
    it("credits each signer of a finalized batch pro rata to its epoch stake", async function () {
      const f = await loadFixture(poolFixture);
      const { pool, batches, settler, members } = f;
      const expected = await expectedShares(f);
      expect(expected.eth).to.equal((POOL_ETH * REWARD_BPS) / BPS);
      const signatures = await sign(f, batches[0]!.header, [0, 1, 2]);
      const tx = pool.connect(settler).settle(batches[0]!.header, signatures, [], 0, 0);
      await expect(tx)
        .to.emit(pool, "BatchSettled")
        .withArgs(1n, batches[0]!.hash, keysOf(f, [0, 1, 2]), expected.eth, expected.tokens);
      for (const [i, member] of members.entries()) {
        await expect(tx)
          .to.emit(pool, "RewardCredited")
          .withArgs(
            member.account.address,
            1n,
            member.signer.address,
            expected.shares[i]!.eth,
            expected.shares[i]!.tokens,
          );
        const [eth, tokens] = await pool.rewardsOf(member.account.address);
        expect([eth, tokens]).to.deep.equal([expected.shares[i]!.eth, expected.shares[i]!.tokens]);
      }
      // 0.01 ETH and 1 token paid: 20%, 30% and 50% of them.
      expect(expected.shares.map((s) => s.eth)).to.deep.equal([
        parseEther("0.002"),
        parseEther("0.003"),
        parseEther("0.005"),
      ]);
      expect(expected.shares.map((s) => s.tokens)).to.deep.equal([
        parseEther("0.2"),
        parseEther("0.3"),
        parseEther("0.5"),
      ]);
      const after = await snapshot(f);
      expect([after.cEth, after.cTokens]).to.deep.equal([expected.eth, expected.tokens]);
      expect([after.rEth, after.rTokens]).to.deep.equal([0n, 0n]); // 20% + 30% + 50% of R: nothing left
      expect(await pool.creditedHash(batches[0]!.hash)).to.equal(
        creditedKeysHash(keysOf(f, [0, 1, 2]), expected.eth, expected.tokens),
      );
    });

    it("gives a settler nothing for leaving signers out, and credits them in a later settlement", async function () {
      const f = await loadFixture(poolFixture);
      const { pool, batches, settler, members } = f;
      const header = batches[0]!.header;
      const first = await expectedShares(f);
      // The largest member settles for itself alone: it gets exactly what it gets in a full settlement.
      await expect(pool.connect(settler).settle(header, await sign(f, header, [2]), [], 0, 0))
        .to.emit(pool, "RewardCredited")
        .withArgs(
          members[2]!.account.address,
          1n,
          members[2]!.signer.address,
          first.shares[2]!.eth,
          first.shares[2]!.tokens,
        );
      expect(first.shares[2]!.eth).to.equal(parseEther("0.005"));
      // The rest of the batch's reward stays reserved for it, out of the next batches' rewards.
      const reserved = await snapshot(f);
      expect([reserved.rEth, reserved.rTokens]).to.deep.equal([
        first.eth - first.shares[2]!.eth,
        first.tokens - first.shares[2]!.tokens,
      ]);
      expect(reserved.uEth).to.equal(POOL_ETH - first.eth);
      // The others, later, from the same reward, passed back with the key already credited.
      const already = keysOf(f, [2]);
      await expect(
        pool.connect(settler).settle(header, await sign(f, header, [0, 1]), already, first.eth, first.tokens),
      )
        .to.emit(pool, "BatchSettled")
        .withArgs(1n, batches[0]!.hash, keysOf(f, [0, 1]), first.eth, first.tokens);
      for (const i of [0, 1]) {
        const [eth, tokens] = await pool.rewardsOf(members[i]!.account.address);
        expect([eth, tokens]).to.deep.equal([first.shares[i]!.eth, first.shares[i]!.tokens]);
      }
      expect(await pool.creditedHash(batches[0]!.hash)).to.equal(
        creditedKeysHash(keysOf(f, [0, 1, 2]), first.eth, first.tokens),
      );
      const after = await snapshot(f);
      expect([after.rEth, after.rTokens, after.uEth]).to.deep.equal([0n, 0n, POOL_ETH - first.eth]);
    });

    it("never credits a key twice for a batch", async function () {
      const f = await loadFixture(poolFixture);
      const { pool, batches, settler, members } = f;
      const header = batches[0]!.header;
      const { eth, tokens } = await expectedShares(f);
      await (await pool.connect(settler).settle(header, await sign(f, header, [1, 2]), [], 0, 0)).wait();
      const signer = members[2]!.signer.address;
      await unchanged(f, async () => {
        await expect(
          pool.connect(settler).settle(header, await sign(f, header, [0, 2]), keysOf(f, [1, 2]), eth, tokens),
        )
          .to.be.revertedWithCustomError(pool, "RewardPoolAlreadyCredited")
          .withArgs(1n, signer);
      });
    });

    it("refuses a list of credited keys that is not the one it holds", async function () {
      const f = await loadFixture(poolFixture);
      const { pool, batches, settler } = f;
      const header = batches[0]!.header;
      const { eth, tokens } = await expectedShares(f);
      await (await pool.connect(settler).settle(header, await sign(f, header, [2]), [], 0, 0)).wait();
      const stored = creditedKeysHash(keysOf(f, [2]), eth, tokens);
      await unchanged(f, async () => {
        // Claiming nobody was credited yet, to be paid for the same key again.
        await expect(pool.connect(settler).settle(header, await sign(f, header, [2]), [], 0, 0))
          .to.be.revertedWithCustomError(pool, "RewardPoolCreditedMismatch")
          .withArgs(1n, stored, ZeroHash);
        // The right keys with a larger reward than the batch's, to be paid more from its reserve.
        await expect(pool.connect(settler).settle(header, await sign(f, header, [0]), keysOf(f, [2]), eth * 2n, tokens))
          .to.be.revertedWithCustomError(pool, "RewardPoolCreditedMismatch")
          .withArgs(1n, stored, creditedKeysHash(keysOf(f, [2]), eth * 2n, tokens));
      });
    });

    it("pays nothing for a rolled-back batch", async function () {
      const f = await loadFixture(poolFixture);
      const { l1, pool, batches, settler } = f;
      const { daCaller } = await wiredHooks(l1);
      await (await daCaller.rollback(4n)).wait();
      const batch = batches[3]!;
      expect(await l1.batchChain.batchStatus(4n)).to.equal(Status.RolledBack);
      await unchanged(
        f,
        async () => {
          await expect(pool.connect(settler).settle(batch.header, await sign(f, batch.header, [0, 1, 2]), [], 0, 0))
            .to.be.revertedWithCustomError(pool, "RewardPoolBatchNotFinal")
            .withArgs(4n, Status.RolledBack);
        },
        batch,
      );
    });

    it("pays nothing for a pending, disputed or never submitted batch", async function () {
      const f = await loadFixture(poolFixture);
      const { l1, pool, batches, settler } = f;
      const batch = batches[3]!;
      const signatures = await sign(f, batch.header, [0, 1, 2]);
      await unchanged(
        f,
        async () => {
          await expect(pool.connect(settler).settle(batch.header, signatures, [], 0, 0))
            .to.be.revertedWithCustomError(pool, "RewardPoolBatchNotFinal")
            .withArgs(4n, Status.Pending);
        },
        batch,
      );
      const { disputer } = await wiredHooks(l1);
      await (await disputer.markDisputed(4n)).wait();
      await time.increase(Number(await l1.batchChain.fraudProofWindow()) + 1);
      await expect(pool.connect(settler).settle(batch.header, signatures, [], 0, 0))
        .to.be.revertedWithCustomError(pool, "RewardPoolBatchNotFinal")
        .withArgs(4n, Status.Disputed);
      const never = await nextHeader(l1);
      await expect(pool.connect(settler).settle(never, await sign(f, never, [0, 1, 2]), [], 0, 0))
        .to.be.revertedWithCustomError(pool, "RewardPoolBatchNotFinal")
        .withArgs(never.batchIndex, Status.None);
    });

    it("refuses the genesis batch, which nobody signed", async function () {
      const f = await loadFixture(poolFixture);
      const { pool, batches, settler } = f;
      const genesis = { ...batches[0]!.header, batchIndex: 0n };
      await unchanged(f, async () => {
        await expect(
          pool.connect(settler).settle(genesis, await sign(f, genesis, [0]), [], 0, 0),
        ).to.be.revertedWithCustomError(pool, "RewardPoolGenesisBatch");
      });
    });

    it("refuses a header that is not the batch's", async function () {
      const f = await loadFixture(poolFixture);
      const { pool, batches, settler } = f;
      const forged = { ...batches[0]!.header, dataHash: seededWord("another data hash") };
      await unchanged(f, async () => {
        await expect(pool.connect(settler).settle(forged, await sign(f, forged, [0, 1, 2]), [], 0, 0))
          .to.be.revertedWithCustomError(pool, "RewardPoolHeaderMismatch")
          .withArgs(1n, batches[0]!.hash, headerHash(forged));
      });
    });

    it("refuses signatures that are not whole entries, do not recover, or are out of order", async function () {
      const f = await loadFixture(poolFixture);
      const { pool, batches, settler } = f;
      const header = batches[0]!.header;
      const signatures = await sign(f, header, [0, 1, 2]);
      const entries = [0, 1, 2].map((i) => `0x${signatures.slice(2 + i * 130, 2 + (i + 1) * 130)}`);
      await unchanged(f, async () => {
        await expect(pool.connect(settler).settle(header, signatures.slice(0, -2), [], 0, 0))
          .to.be.revertedWithCustomError(pool, "RewardPoolMalformedSignatures")
          .withArgs(64 * 3 + 2);
        const zeroS = `${entries[1]!.slice(0, 2 + 66)}${"00".repeat(32)}`;
        await expect(pool.connect(settler).settle(header, ethers.concat([entries[0]!, zeroS]), [], 0, 0))
          .to.be.revertedWithCustomError(pool, "RewardPoolInvalidSignature")
          .withArgs(1n);
        const [low, , high] = keysOf(f, [0, 1, 2]);
        await expect(pool.connect(settler).settle(header, ethers.concat([entries[2]!, entries[0]!]), [], 0, 0))
          .to.be.revertedWithCustomError(pool, "RewardPoolUnsortedSigners")
          .withArgs(high, low);
      });
    });

    it("credits no member for a batch submitted before it staked, though its key signs the final header", async function () {
      const f = await loadFixture(poolFixture);
      const { l1, pool, batches, settler } = f;
      const newcomer = await addSequencer(l1, l1.deployer, STAKE);
      await beginEpoch(l1.registry);
      const [, stake] = await l1.registry.memberStake(newcomer.signer.address);
      expect(stake).to.equal(STAKE); // a member of the current epoch
      const header = batches[0]!.header;
      await unchanged(f, async () => {
        await expect(pool.connect(settler).settle(header, await signAs(f, header, [newcomer.signer]), [], 0, 0))
          .to.be.revertedWithCustomError(pool, "RewardPoolNothingCredited")
          .withArgs(1n);
      });
    });

    it("refuses a settlement that credits nobody (signatures of keys outside the epoch)", async function () {
      const f = await loadFixture(poolFixture);
      const { pool, batches, settler } = f;
      const header = batches[0]!.header;
      const entry = await signAs(f, header, [Wallet.createRandom()]);
      await unchanged(f, async () => {
        await expect(pool.connect(settler).settle(header, entry, [], 0, 0))
          .to.be.revertedWithCustomError(pool, "RewardPoolNothingCredited")
          .withArgs(1n);
      });
    });
  });

  describe("first settlement and the reserve", function () {
    /** Ten final batches and a 10% reward per batch, the most governance may set. */
    async function manyFixture() {
      const f = await poolFixture();
      await (await f.pool.connect(f.governance).setBatchRewardBps(1_000)).wait();
      for (let i = 0; i < 6; i++) f.batches.push(await submitNext(f.l1));
      await time.increase(Number(await f.l1.batchChain.fraudProofWindow()) + 1);
      return f;
    }

    /** Settles every batch for `indices`, each passing back what the pool holds for it; checks the invariant. */
    async function settleAll(f: Fixture, indices: number[]) {
      for (const batch of f.batches) {
        const logs = await f.pool.queryFilter(f.pool.filters.BatchSettled(batch.header.batchIndex, batch.hash));
        const keys = sortKeys(logs.flatMap((log) => log.args.signers));
        const [eth, tokens] = logs.length === 0 ? [0n, 0n] : [logs[0]!.args.ethReward, logs[0]!.args.tokenReward];
        const signatures = await sign(f, batch.header, indices);
        await (await f.pool.connect(f.settler).settle(batch.header, signatures, keys, eth, tokens)).wait();
        await snapshot(f);
      }
    }

    it("gives a member that settles every batch alone first no more than its stake's share", async function () {
      // Everyone settling together: what each member earns over the ten batches.
      const honest = await loadFixture(manyFixture);
      await settleAll(honest, [0, 1, 2]);
      const fair = await Promise.all(honest.members.map((m) => honest.pool.rewardsOf(m.account.address)));
      // The 50% member settles all ten alone before anyone else, then the others add theirs.
      const f = await loadFixture(manyFixture);
      await settleAll(f, [2]);
      const [alone] = await f.pool.rewardsOf(f.members[2]!.account.address);
      const [reserved] = await f.pool.totalReserved();
      const [credited] = await f.pool.totalCredited();
      // It took exactly half of what the batches reserved, the rest waits for the others.
      expect(alone).to.equal(fair[2]![0]);
      expect(alone).to.equal(credited);
      expect(reserved).to.equal(fair[0]![0] + fair[1]![0]);
      await settleAll(f, [0, 1]);
      for (const [i, member] of f.members.entries()) {
        expect(await f.pool.rewardsOf(member.account.address)).to.deep.equal([...fair[i]!]);
      }
      // About 65% of the 10 ETH paid (1 - 0.9^10), half of it to the 50% member: not the most of the pool.
      const paid = fair.reduce((sum, [eth]) => sum + eth, 0n);
      expect(paid).to.equal(POOL_ETH - (await f.pool.unallocated())[0]);
      expect(alone * 2n).to.equal(paid);
      expect(alone < parseEther("3.3")).to.equal(true);
      expect((await snapshot(f)).rEth).to.equal(0n);
    });

    it("refuses later settlements once the window is over, and then releases the reserve to the pool", async function () {
      const f = await loadFixture(poolFixture);
      const { l1, pool, batches, settler } = f;
      const { header, hash } = batches[0]!;
      const { eth, tokens, shares } = await expectedShares(f);
      await (await pool.connect(settler).settle(header, await sign(f, header, [2]), [], 0, 0)).wait();
      const settledAt = await l1.batchChain.activeTime();
      const window = await pool.settlementWindow();
      expect(window).to.equal(7n * 24n * 3600n);
      const closesAt = settledAt + window;
      const reserve = [eth - shares[2]!.eth, tokens - shares[2]!.tokens];
      expect(await pool.batchReserve(hash)).to.deep.equal([...reserve, settledAt, closesAt]);
      await unchanged(f, async () => {
        await expect(pool.connect(settler).release([hash]))
          .to.be.revertedWithCustomError(pool, "RewardPoolSettlementOpen")
          .withArgs(hash, closesAt);
      });
      await time.increaseTo(closesAt);
      await unchanged(f, async () => {
        await expect(pool.connect(settler).settle(header, await sign(f, header, [0, 1]), keysOf(f, [2]), eth, tokens))
          .to.be.revertedWithCustomError(pool, "RewardPoolSettlementClosed")
          .withArgs(1n, closesAt);
      });
      const before = await snapshot(f);
      await expect(pool.connect(settler).release([hash]))
        .to.emit(pool, "RewardReleased")
        .withArgs(hash, reserve[0], reserve[1]);
      const after = await snapshot(f);
      expect([after.uEth, after.uTokens]).to.deep.equal([before.uEth + reserve[0]!, before.uTokens + reserve[1]!]);
      expect([after.rEth, after.rTokens]).to.deep.equal([0n, 0n]);
      expect(await pool.batchReserve(hash)).to.deep.equal([0n, 0n, settledAt, closesAt]);
      await unchanged(f, async () => {
        await expect(pool.connect(settler).release([hash]))
          .to.be.revertedWithCustomError(pool, "RewardPoolNothingReserved")
          .withArgs(hash);
        // A batch never settled has nothing reserved either.
        await expect(pool.connect(settler).release([batches[1]!.hash]))
          .to.be.revertedWithCustomError(pool, "RewardPoolNothingReserved")
          .withArgs(batches[1]!.hash);
      });
    });

    it("keeps a batch's reserve out of the next batches' rewards", async function () {
      const f = await loadFixture(poolFixture);
      const { pool, batches, settler } = f;
      const first = await expectedShares(f);
      await (
        await pool.connect(settler).settle(batches[0]!.header, await sign(f, batches[0]!.header, [0]), [], 0, 0)
      ).wait();
      const { uEth } = await snapshot(f);
      expect(uEth).to.equal(POOL_ETH - first.eth);
      const second = await expectedShares(f);
      expect(second.eth).to.equal(((POOL_ETH - first.eth) * REWARD_BPS) / BPS);
      await expect(
        pool.connect(settler).settle(batches[1]!.header, await sign(f, batches[1]!.header, [0, 1, 2]), [], 0, 0),
      )
        .to.emit(pool, "BatchSettled")
        .withArgs(2n, batches[1]!.hash, keysOf(f, [0, 1, 2]), second.eth, second.tokens);
      await snapshot(f);
    });
  });

  describe("claimRewards", function () {
    it("pays the ETH and token credit in one call, and nothing the second time", async function () {
      const f = await loadFixture(poolFixture);
      const { l1, pool, batches, settler, members } = f;
      for (const batch of batches.slice(0, 3)) {
        await (
          await pool.connect(settler).settle(batch.header, await sign(f, batch.header, [0, 1, 2]), [], 0, 0)
        ).wait();
      }
      const account = members[1]!.account;
      const [eth, tokens] = await pool.rewardsOf(account.address);
      expect(eth).to.be.greaterThan(0n);
      const before = await snapshot(f);
      const tx = pool.connect(account).claimRewards();
      await expect(tx).to.emit(pool, "RewardsClaimed").withArgs(account.address, eth, tokens);
      await expect(tx).to.changeEtherBalances([account, pool], [eth, -eth]);
      await expect(tx).to.changeTokenBalances(l1.token, [account, pool], [tokens, -tokens]);
      const after = await snapshot(f);
      expect([after.cEth, after.cTokens]).to.deep.equal([before.cEth - eth, before.cTokens - tokens]);
      expect([after.uEth, after.uTokens]).to.deep.equal([before.uEth, before.uTokens]);
      await unchanged(f, async () => {
        await expect(pool.connect(account).claimRewards())
          .to.be.revertedWithCustomError(pool, "RewardPoolNothingToClaim")
          .withArgs(account.address);
      });
    });

    it("refuses a claim by an account never credited", async function () {
      const f = await loadFixture(poolFixture);
      const stranger = await fundedWallet();
      await unchanged(f, async () => {
        await expect(f.pool.connect(stranger).claimRewards())
          .to.be.revertedWithCustomError(f.pool, "RewardPoolNothingToClaim")
          .withArgs(stranger.address);
      });
    });

    it("reverts the whole claim when the account cannot take ETH, which then claims to another address", async function () {
      const f = await loadFixture(poolFixture);
      const { pool, batches, settler, members } = f;
      await (
        await pool.connect(settler).settle(batches[0]!.header, await sign(f, batches[0]!.header, [0, 1, 2]), [], 0, 0)
      ).wait();
      const account = members[0]!.account;
      // The staking account delegates (EIP-7702) to code without a receive function.
      const forwarder = await ethers.deployContract("CallForwarder");
      const { chainId } = await ethers.provider.getNetwork();
      const authorization = await account.authorize({
        address: await forwarder.getAddress(),
        nonce: (await account.getNonce()) + 1,
        chainId,
      });
      await (
        await account.sendTransaction({ type: 4, to: seededAddress("anyone"), authorizationList: [authorization] })
      ).wait();
      const [eth] = await pool.rewardsOf(account.address);
      await unchanged(f, async () => {
        await expect(pool.connect(account).claimRewards())
          .to.be.revertedWithCustomError(pool, "RewardPoolTransferFailed")
          .withArgs(account.address, eth);
        await expect(pool.connect(account).claimRewardsTo(ethers.ZeroAddress)).to.be.revertedWithCustomError(
          pool,
          "RewardPoolZeroAddress",
        );
      });
      // It claims to another address instead: the ETH and the tokens go there.
      const [, tokens] = await pool.rewardsOf(account.address);
      const to = await fundedWallet();
      const tx = pool.connect(account).claimRewardsTo(to.address);
      await expect(tx).to.emit(pool, "RewardsClaimed").withArgs(account.address, eth, tokens);
      await expect(tx).to.changeEtherBalances([to, pool], [eth, -eth]);
      await expect(tx).to.changeTokenBalances(f.l1.token, [to, pool, account], [tokens, -tokens, 0n]);
      expect(await pool.rewardsOf(account.address)).to.deep.equal([0n, 0n]);
      await snapshot(f);
    });
  });

  describe("forfeiture", function () {
    it("returns a slashed sequencer's unclaimed credit to the pool, and credits it no more", async function () {
      const f = await loadFixture(poolFixture);
      const { l1, pool, batches, settler, slasher, members } = f;
      const header = batches[0]!.header;
      await (await pool.connect(settler).settle(header, await sign(f, header, [0, 1, 2]), [], 0, 0)).wait();
      const account = members[1]!.account;
      const [eth, tokens] = await pool.rewardsOf(account.address);
      await slash(f, slasher, account.address);
      expect(await l1.registry.slashCount(account.address)).to.equal(1n);
      expect(await pool.rewardsOf(account.address)).to.deep.equal([0n, 0n]);
      await unchanged(f, async () => {
        await expect(pool.connect(account).claimRewards())
          .to.be.revertedWithCustomError(pool, "RewardPoolNothingToClaim")
          .withArgs(account.address);
      });
      const before = await snapshot(f);
      await expect(pool.connect(settler).forfeit(account.address))
        .to.emit(pool, "RewardsForfeited")
        .withArgs(account.address, eth, tokens);
      const after = await snapshot(f);
      expect([after.uEth, after.uTokens]).to.deep.equal([before.uEth + eth, before.uTokens + tokens]);
      expect(await pool.accountInfo(account.address)).to.deep.equal([0n, 0n, 1n]);
      await unchanged(f, async () => {
        await expect(pool.connect(settler).forfeit(account.address))
          .to.be.revertedWithCustomError(pool, "RewardPoolNothingToForfeit")
          .withArgs(account.address);
      });
      // It left the epoch: a later settlement credits the other two only.
      const next = batches[1]!.header;
      await expect(pool.connect(settler).settle(next, await sign(f, next, [0, 1, 2]), [], 0, 0))
        .to.emit(pool, "BatchSettled")
        .withArgs(2n, batches[1]!.hash, keysOf(f, [0, 2]), ...(await expectedShares(f).then((e) => [e.eth, e.tokens])));
      expect(await pool.rewardsOf(account.address)).to.deep.equal([0n, 0n]);
      await snapshot(f);
    });

    it("refuses to forfeit the credit of a sequencer never slashed", async function () {
      const f = await loadFixture(poolFixture);
      const { pool, batches, settler, members } = f;
      await (
        await pool.connect(settler).settle(batches[0]!.header, await sign(f, batches[0]!.header, [0, 1, 2]), [], 0, 0)
      ).wait();
      await unchanged(f, async () => {
        await expect(pool.connect(settler).forfeit(members[0]!.account.address))
          .to.be.revertedWithCustomError(pool, "RewardPoolNothingToForfeit")
          .withArgs(members[0]!.account.address);
      });
    });

    it("keeps the slash count across a withdrawal, so staking again does not revive forfeited credit", async function () {
      const f = await loadFixture(poolFixture);
      const { l1, pool, batches, settler, slasher, members } = f;
      const header = batches[0]!.header;
      await (await pool.connect(settler).settle(header, await sign(f, header, [0, 1, 2]), [], 0, 0)).wait();
      const account = members[0]!.account;
      const [eth, tokens] = await pool.rewardsOf(account.address);
      await slash(f, slasher, account.address);
      await time.increase(Number(await l1.registry.effectiveExitDelay()) + 1);
      await (await l1.registry.connect(account).withdraw()).wait();
      expect(await l1.registry.slashCount(account.address)).to.equal(1n);
      // Staking again from the same account (a new signer key): still nothing to claim.
      const stake = await l1.token.balanceOf(account.address);
      await (await l1.token.connect(l1.deployer).transfer(account.address, STAKE - stake)).wait();
      await (await l1.token.connect(account).approve(await l1.registry.getAddress(), STAKE)).wait();
      await (await l1.registry.connect(account).stake(STAKE, seededAddress("a new signer key"))).wait();
      expect(await pool.rewardsOf(account.address)).to.deep.equal([0n, 0n]);
      await expect(pool.connect(account).claimRewards())
        .to.be.revertedWithCustomError(pool, "RewardPoolNothingToClaim")
        .withArgs(account.address);
      await expect(pool.connect(settler).forfeit(account.address))
        .to.emit(pool, "RewardsForfeited")
        .withArgs(account.address, eth, tokens);
      await snapshot(f);
    });
    it("forfeits the old credit at the first credit after the slashed account staked again", async function () {
      const f = await loadFixture(poolFixture);
      const { l1, pool, batches, settler, slasher, members } = f;
      const header = batches[0]!.header;
      await (await pool.connect(settler).settle(header, await sign(f, header, [0, 1, 2]), [], 0, 0)).wait();
      const account = members[0]!.account;
      const [eth, tokens] = await pool.rewardsOf(account.address);
      await slash(f, slasher, account.address);
      await time.increase(Number(await l1.registry.effectiveExitDelay()) + 1);
      await (await l1.registry.connect(account).withdraw()).wait();
      const fresh = await fundedWallet();
      await (await l1.token.connect(l1.deployer).transfer(account.address, STAKE)).wait();
      await (await l1.token.connect(account).approve(await l1.registry.getAddress(), STAKE)).wait();
      await (await l1.registry.connect(account).stake(STAKE, fresh.address)).wait();
      await beginEpoch(l1.registry);
      // A member again, at 20% of the stake: it signs a new batch, which finalizes.
      const again = { ...l1, sequencers: [{ account, signer: fresh }, members[1]!, members[2]!] };
      const next = await submitNext(again);
      await time.increase(Number(await l1.batchChain.fraudProofWindow()) + 1);
      const share = (await expectedShares(f)).shares[0]!;
      const tx = pool.connect(settler).settle(next.header, await signAs(f, next.header, [fresh]), [], 0, 0);
      await expect(tx).to.emit(pool, "RewardsForfeited").withArgs(account.address, eth, tokens);
      await expect(tx)
        .to.emit(pool, "RewardCredited")
        .withArgs(account.address, next.header.batchIndex, fresh.address, share.eth, share.tokens);
      expect(await pool.accountInfo(account.address)).to.deep.equal([share.eth, share.tokens, 1n]);
      expect(await pool.rewardsOf(account.address)).to.deep.equal([share.eth, share.tokens]);
      await snapshot(f);
    });
  });

  describe("funding", function () {
    it("takes tokens from governance through fund and ETH from anyone, all of it distributable", async function () {
      const f = await loadFixture(poolFixture);
      const { l1, pool, governance } = f;
      const before = await snapshot(f);
      const amount = parseEther("500");
      await (await l1.token.connect(governance).approve(await pool.getAddress(), amount)).wait();
      await expect(pool.connect(governance).fund(amount))
        .to.emit(pool, "Funded")
        .withArgs(await governance.getAddress(), amount);
      const sender = await fundedWallet();
      await expect(sender.sendTransaction({ to: await pool.getAddress(), value: 7n }))
        .to.emit(pool, "ETHReceived")
        .withArgs(sender.address, 7n);
      // A plain token transfer counts the same: accounting is by balance.
      await (await l1.token.connect(governance).transfer(await pool.getAddress(), 3n)).wait();
      const after = await snapshot(f);
      expect([after.uEth, after.uTokens]).to.deep.equal([before.uEth + 7n, before.uTokens + amount + 3n]);
    });

    it("refuses a constructor address that is zero", async function () {
      const f = await loadFixture(poolFixture);
      const factory = await ethers.getContractFactory("RewardPool");
      await expect(
        factory.deploy(await f.l1.batchChain.getAddress(), ethers.ZeroAddress, await f.governance.getAddress()),
      ).to.be.revertedWithCustomError(f.pool, "RewardPoolZeroAddress");
    });
  });

  describe("setSettlementWindow", function () {
    const WINDOW = 7n * 24n * 3600n;

    it("sets the window within its bounds and emits the change", async function () {
      const f = await loadFixture(poolFixture);
      await expect(f.pool.connect(f.governance).setSettlementWindow(30n * 24n * 3600n))
        .to.emit(f.pool, "SettlementWindowUpdated")
        .withArgs(WINDOW, 30n * 24n * 3600n);
      await expect(f.pool.connect(f.governance).setSettlementWindow(24n * 3600n))
        .to.emit(f.pool, "SettlementWindowUpdated")
        .withArgs(30n * 24n * 3600n, 24n * 3600n);
      expect(await f.pool.settlementWindow()).to.equal(24n * 3600n);
    });

    for (const [label, value] of [
      ["below", 24n * 3600n - 1n],
      ["above", 30n * 24n * 3600n + 1n],
    ] as const) {
      it(`refuses a window ${label} its bounds`, async function () {
        const f = await loadFixture(poolFixture);
        await expect(f.pool.connect(f.governance).setSettlementWindow(value))
          .to.be.revertedWithCustomError(f.pool, "RewardPoolParameterOutOfRange")
          .withArgs(value, 24n * 3600n, 30n * 24n * 3600n);
        expect(await f.pool.settlementWindow()).to.equal(WINDOW);
      });
    }

    it("refuses a stranger", async function () {
      const f = await loadFixture(poolFixture);
      const stranger: Signer = await fundedWallet();
      await expect(f.pool.connect(stranger).setSettlementWindow(WINDOW + 1n))
        .to.be.revertedWithCustomError(f.pool, "AccessControlUnauthorizedAccount")
        .withArgs(await stranger.getAddress(), await f.pool.GOVERNOR_ROLE());
      expect(await f.pool.settlementWindow()).to.equal(WINDOW);
    });
  });

  describe("setBatchRewardBps", function () {
    it("sets the share within its bounds and emits the change", async function () {
      const f = await loadFixture(poolFixture);
      await expect(f.pool.connect(f.governance).setBatchRewardBps(1_000))
        .to.emit(f.pool, "BatchRewardBpsUpdated")
        .withArgs(REWARD_BPS, 1_000n);
      await expect(f.pool.connect(f.governance).setBatchRewardBps(1))
        .to.emit(f.pool, "BatchRewardBpsUpdated")
        .withArgs(1_000n, 1n);
      expect(await f.pool.batchRewardBps()).to.equal(1n);
    });

    for (const [label, value] of [
      ["below", 0n],
      ["above", 1_001n],
    ] as const) {
      it(`refuses a share ${label} its bounds`, async function () {
        const f = await loadFixture(poolFixture);
        await expect(f.pool.connect(f.governance).setBatchRewardBps(value))
          .to.be.revertedWithCustomError(f.pool, "RewardPoolParameterOutOfRange")
          .withArgs(value, 1n, 1_000n);
        expect(await f.pool.batchRewardBps()).to.equal(REWARD_BPS);
      });
    }

    it("refuses a stranger", async function () {
      const f = await loadFixture(poolFixture);
      const stranger: Signer = await fundedWallet();
      await expect(f.pool.connect(stranger).setBatchRewardBps(20))
        .to.be.revertedWithCustomError(f.pool, "AccessControlUnauthorizedAccount")
        .withArgs(await stranger.getAddress(), await f.pool.GOVERNOR_ROLE());
      expect(await f.pool.batchRewardBps()).to.equal(REWARD_BPS);
    });
  });
});
