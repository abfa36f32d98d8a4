import { type HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { loadFixture, setStorageAt, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import {
  getAddress,
  hexlify,
  parseEther,
  toBeHex,
  ZeroAddress,
  ZeroHash,
  type ContractTransactionResponse,
} from "ethers";
import fc from "fast-check";
import { ethers } from "hardhat";

import {
  depositChainHash,
  depositHash,
  EMPTY_DEPOSIT_CHAIN,
  nextDepositChainHash,
  type Address,
  type DepositInput,
} from "../../sdk/src/proof";
import { type L1Bridge } from "../../sdk/src/contracts/typechain";

/** Queue times are packed six to a storage word (L1Bridge `_GROUP`). */
const GROUP = 6;
const MINTED = 10n ** 30n;

describe("L1Bridge", function () {
  async function deployFixture() {
    const [alice, bob, carol, dave] = await ethers.getSigners();
    const bridge = await ethers.deployContract("L1Bridge", [ethers.MaxUint256, ethers.ZeroAddress]);
    const token = await ethers.deployContract("TestERC20", ["Test", "TST"]);
    const otherToken = await ethers.deployContract("TestERC20", ["Other", "OTH"]);
    const feeToken = await ethers.deployContract("FeeOnTransferToken", [100n]); // 1 %
    const reentrantToken = await ethers.deployContract("ReentrantToken");
    const bridgeAddress = await bridge.getAddress();
    const senders = [alice!, bob!, carol!];
    for (const sender of senders) {
      for (const t of [token, otherToken, feeToken, reentrantToken]) {
        await t.mint(sender.address, MINTED);
        await t.connect(sender).approve(bridgeAddress, MINTED);
      }
    }
    return {
      bridge,
      bridgeAddress,
      token,
      otherToken,
      feeToken,
      reentrantToken,
      alice: alice!,
      bob: bob!,
      carol: carol!,
      dave: dave!,
      senders,
    };
  }

  /** Fixes the next block's timestamp (a little after the latest) and returns it. */
  async function nextTimestamp(step = 13): Promise<bigint> {
    const next = (await time.latest()) + step;
    await time.setNextBlockTimestamp(next);
    return BigInt(next);
  }

  /** The deposit as the SDK hashes it: queue `index`, sender, recipient, token (zero for ETH), amount and L1 time. */
  function expectedDeposit(
    index: bigint,
    from: { readonly address: string },
    to: string,
    l1Token: string,
    amount: bigint,
    l1Timestamp: bigint,
  ): DepositInput {
    return {
      index,
      from: from.address as Address,
      to: to as Address,
      l1Token: l1Token as Address,
      amount,
      l1Timestamp,
    };
  }

  /** The timestamp of the block that mined `tx`. */
  async function minedAt(tx: ContractTransactionResponse): Promise<bigint> {
    const receipt = await tx.wait();
    return BigInt((await receipt!.getBlock()).timestamp);
  }

  /** Sends one deposit (ETH when `l1Token` is zero) and returns the deposit the SDK would hash. */
  async function deposit(
    bridge: L1Bridge,
    from: HardhatEthersSigner,
    to: string,
    l1Token: string,
    amount: bigint,
  ): Promise<DepositInput> {
    const index = await bridge.depositCount();
    const tx =
      l1Token === ZeroAddress
        ? await bridge.connect(from).depositETH(to, { value: amount })
        : await bridge.connect(from).depositERC20(l1Token, to, amount);
    return expectedDeposit(index, from, to, l1Token, amount, await minedAt(tx));
  }

  describe("depositETH", function () {
    it("escrows the ETH and queues the deposit", async function () {
      const { bridge, alice, bob } = await loadFixture(deployFixture);
      const amount = parseEther("1.5");
      const tx = bridge.connect(alice).depositETH(bob.address, { value: amount });
      await expect(tx).to.changeEtherBalances([alice, bridge], [-amount, amount]);
      expect(await bridge.depositCount()).to.equal(1n);
      const l1Timestamp = BigInt(await time.latest());
      const expected = depositChainHash([expectedDeposit(0n, alice, bob.address, ZeroAddress, amount, l1Timestamp)]);
      expect(await bridge.depositChainAt(1)).to.equal(expected);
      expect(await bridge.depositTime(0)).to.equal(l1Timestamp);
    });

    it("emits DepositQueued with the deposit's fields, its hash and the new chain", async function () {
      const { bridge, alice, bob } = await loadFixture(deployFixture);
      const first = await deposit(bridge, alice, bob.address, ZeroAddress, 7n);
      const amount = parseEther("2");
      const l1Timestamp = await nextTimestamp();
      const second = expectedDeposit(1n, bob, alice.address, ZeroAddress, amount, l1Timestamp);
      const hash = depositHash(second);
      await expect(bridge.connect(bob).depositETH(alice.address, { value: amount }))
        .to.emit(bridge, "DepositQueued")
        .withArgs(
          1n,
          bob.address,
          alice.address,
          ZeroAddress,
          amount,
          l1Timestamp,
          hash,
          depositChainHash([first, second]),
        );
    });

    it("rejects a zero amount", async function () {
      const { bridge, alice, bob } = await loadFixture(deployFixture);
      await expect(bridge.connect(alice).depositETH(bob.address, { value: 0n })).to.be.revertedWithCustomError(
        bridge,
        "L1BridgeZeroAmount",
      );
      expect(await bridge.depositCount()).to.equal(0n);
    });

    it("keeps the ETH it holds within the L2 reserve it is capped at", async function () {
      const [alice, bob] = await ethers.getSigners();
      const capped = await ethers.deployContract("L1Bridge", [ethers.parseEther("3"), ethers.ZeroAddress]);
      expect(await capped.ethCap()).to.equal(ethers.parseEther("3"));
      await capped.connect(alice!).depositETH(bob!.address, { value: ethers.parseEther("2") });
      await expect(capped.connect(alice!).depositETH(bob!.address, { value: ethers.parseEther("1") + 1n }))
        .to.be.revertedWithCustomError(capped, "L1BridgeETHCapExceeded")
        .withArgs(ethers.parseEther("3") + 1n, ethers.parseEther("3"));
      await capped.connect(alice!).depositETH(bob!.address, { value: ethers.parseEther("1") });
      expect(await capped.depositCount()).to.equal(2n);
    });

    it("rejects the zero recipient", async function () {
      const { bridge, alice } = await loadFixture(deployFixture);
      await expect(bridge.connect(alice).depositETH(ZeroAddress, { value: 1n })).to.be.revertedWithCustomError(
        bridge,
        "L1BridgeZeroRecipient",
      );
      expect(await bridge.depositCount()).to.equal(0n);
      expect(await ethers.provider.getBalance(bridge)).to.equal(0n);
    });

    it("rejects a deposit once the queue holds 2^64 - 1 deposits", async function () {
      const { bridge, bridgeAddress, alice, bob } = await loadFixture(deployFixture);
      const full = 2n ** 64n - 1n;
      // Slot 0 is `_state`: the queue length in its low 64 bits (ReentrancyGuardTransient keeps no storage).
      await setStorageAt(bridgeAddress, 0, toBeHex(full, 32));
      expect(await bridge.depositCount()).to.equal(full);
      await expect(bridge.connect(alice).depositETH(bob.address, { value: 1n })).to.be.revertedWithCustomError(
        bridge,
        "L1BridgeQueueFull",
      );
      expect(await bridge.depositCount()).to.equal(full);
      expect(await ethers.provider.getBalance(bridge)).to.equal(0n);
    });
  });

  describe("depositERC20", function () {
    it("pulls the tokens into escrow and queues the deposit", async function () {
      const { bridge, token, alice, bob } = await loadFixture(deployFixture);
      const amount = 12_345n;
      const tx = bridge.connect(alice).depositERC20(await token.getAddress(), bob.address, amount);
      await expect(tx).to.changeTokenBalances(token, [alice, bridge, bob], [-amount, amount, 0n]);
      expect(await bridge.depositCount()).to.equal(1n);
      const l1Token = await token.getAddress();
      const expected = depositChainHash([
        expectedDeposit(0n, alice, bob.address, l1Token, amount, BigInt(await time.latest())),
      ]);
      expect(await bridge.depositChainAt(1)).to.equal(expected);
    });

    it("emits DepositQueued with the token, the deposit's hash and the new chain", async function () {
      const { bridge, token, alice, carol } = await loadFixture(deployFixture);
      const l1Token = (await token.getAddress()) as Address;
      const amount = parseEther("3");
      const l1Timestamp = await nextTimestamp();
      const queued = expectedDeposit(0n, alice, carol.address, l1Token, amount, l1Timestamp);
      const hash = depositHash(queued);
      await expect(bridge.connect(alice).depositERC20(l1Token, carol.address, amount))
        .to.emit(bridge, "DepositQueued")
        .withArgs(
          0n,
          alice.address,
          carol.address,
          l1Token,
          amount,
          l1Timestamp,
          hash,
          nextDepositChainHash(EMPTY_DEPOSIT_CHAIN, hash),
        );
    });

    it("rejects a zero amount", async function () {
      const { bridge, token, alice, bob } = await loadFixture(deployFixture);
      await expect(
        bridge.connect(alice).depositERC20(await token.getAddress(), bob.address, 0n),
      ).to.be.revertedWithCustomError(bridge, "L1BridgeZeroAmount");
      expect(await bridge.depositCount()).to.equal(0n);
    });

    it("rejects an amount beyond uint128, so no L2 token supply can overflow", async function () {
      const { bridge, token, alice, bob } = await loadFixture(deployFixture);
      const amount = 2n ** 128n;
      await expect(bridge.connect(alice).depositERC20(await token.getAddress(), bob.address, amount))
        .to.be.revertedWithCustomError(bridge, "L1BridgeAmountTooLarge")
        .withArgs(amount, amount - 1n);
      expect(await bridge.depositCount()).to.equal(0n);
    });

    it("rejects an address without code as the token, including the zero address", async function () {
      const { bridge, alice, bob, dave } = await loadFixture(deployFixture);
      await expect(bridge.connect(alice).depositERC20(dave.address, bob.address, 1n))
        .to.be.revertedWithCustomError(bridge, "L1BridgeInvalidToken")
        .withArgs(dave.address);
      await expect(bridge.connect(alice).depositERC20(ZeroAddress, bob.address, 1n))
        .to.be.revertedWithCustomError(bridge, "L1BridgeInvalidToken")
        .withArgs(ZeroAddress);
      expect(await bridge.depositCount()).to.equal(0n);
    });

    it("rejects the zero recipient and moves no tokens", async function () {
      const { bridge, token, alice } = await loadFixture(deployFixture);
      await expect(
        bridge.connect(alice).depositERC20(await token.getAddress(), ZeroAddress, 5n),
      ).to.be.revertedWithCustomError(bridge, "L1BridgeZeroRecipient");
      expect(await token.balanceOf(bridge)).to.equal(0n);
      expect(await token.balanceOf(alice)).to.equal(MINTED);
      expect(await bridge.depositCount()).to.equal(0n);
    });

    it("rejects a token that delivers less than the amount sent", async function () {
      const { bridge, feeToken, alice, bob } = await loadFixture(deployFixture);
      const amount = 1_000_000n;
      const received = amount - (await feeToken.feeOf(amount));
      expect(received).to.be.lessThan(amount);
      await expect(bridge.connect(alice).depositERC20(await feeToken.getAddress(), bob.address, amount))
        .to.be.revertedWithCustomError(bridge, "L1BridgeAmountMismatch")
        .withArgs(amount, received);
      expect(await feeToken.balanceOf(bridge)).to.equal(0n);
      expect(await feeToken.balanceOf(alice)).to.equal(MINTED);
      expect(await bridge.depositCount()).to.equal(0n);
    });

    it("accepts a fee-on-transfer token only when the fee rounds to zero", async function () {
      const { bridge, feeToken, alice, bob } = await loadFixture(deployFixture);
      const amount = 99n; // 1 % of 99 rounds down to 0
      expect(await feeToken.feeOf(amount)).to.equal(0n);
      await expect(
        bridge.connect(alice).depositERC20(await feeToken.getAddress(), bob.address, amount),
      ).to.changeTokenBalances(feeToken, [alice, bridge], [-amount, amount]);
      expect(await bridge.depositCount()).to.equal(1n);
    });

    it("rejects a token whose transferFrom re-enters depositERC20", async function () {
      const { bridge, bridgeAddress, reentrantToken, alice, bob } = await loadFixture(deployFixture);
      const l1Token = await reentrantToken.getAddress();
      await reentrantToken.arm(bridgeAddress);
      await expect(bridge.connect(alice).depositERC20(l1Token, bob.address, 10n)).to.be.revertedWithCustomError(
        bridge,
        "ReentrancyGuardReentrantCall",
      );
      expect(await bridge.depositCount()).to.equal(0n);
      expect(await reentrantToken.balanceOf(bridge)).to.equal(0n);
      // Disarmed, the same token deposits normally: the rejection above came from the re-entry.
      await reentrantToken.arm(ZeroAddress);
      await expect(bridge.connect(alice).depositERC20(l1Token, bob.address, 10n)).to.changeTokenBalances(
        reentrantToken,
        [alice, bridge],
        [-10n, 10n],
      );
    });
  });

  describe("depositChainAt", function () {
    it("follows the SDK's depositChainHash over mixed ETH and ERC20 deposits", async function () {
      const { bridge, token, otherToken, alice, bob, carol } = await loadFixture(deployFixture);
      const [t1, t2] = [await token.getAddress(), await otherToken.getAddress()];
      const deposits = [
        await deposit(bridge, alice, bob.address, ZeroAddress, 1n),
        await deposit(bridge, bob, carol.address, t1, 2n),
        await deposit(bridge, carol, alice.address, t2, parseEther("1000")),
        await deposit(bridge, alice, alice.address, ZeroAddress, parseEther("0.25")),
        await deposit(bridge, bob, bob.address, t1, MINTED - 2n), // the rest of bob's balance
      ];
      expect(await bridge.depositCount()).to.equal(BigInt(deposits.length));
      for (let count = 0; count <= deposits.length; count++)
        expect(await bridge.depositChainAt(count)).to.equal(depositChainHash(deposits.slice(0, count)));
    });

    it("is the empty chain at count 0", async function () {
      const { bridge } = await loadFixture(deployFixture);
      expect(await bridge.depositChainAt(0)).to.equal(EMPTY_DEPOSIT_CHAIN);
    });

    it("rejects a count past the queue", async function () {
      const { bridge, alice, bob } = await loadFixture(deployFixture);
      await expect(bridge.depositChainAt(1))
        .to.be.revertedWithCustomError(bridge, "L1BridgeUnknownDeposit")
        .withArgs(1n, 0n);
      await deposit(bridge, alice, bob.address, ZeroAddress, 1n);
      await deposit(bridge, alice, bob.address, ZeroAddress, 1n);
      await expect(bridge.depositChainAt(3))
        .to.be.revertedWithCustomError(bridge, "L1BridgeUnknownDeposit")
        .withArgs(3n, 2n);
    });
  });

  describe("depositTime", function () {
    it("returns each deposit's block time across completed groups and the current group", async function () {
      const { bridge, token, alice, bob } = await loadFixture(deployFixture);
      const l1Token = await token.getAddress();
      const times: bigint[] = [];
      // 3 * GROUP + 2 deposits: three groups moved out of the state slot, two times in the current group.
      for (let i = 0; i < 3 * GROUP + 2; i++) {
        // Distinct, irregular gaps so a time read from the wrong index or group cannot match.
        const at = await nextTimestamp(1 + ((i * 7919) % 1000));
        const d = await deposit(bridge, alice, bob.address, i % 2 === 0 ? ZeroAddress : l1Token, BigInt(i + 1));
        expect(d.l1Timestamp).to.equal(at);
        times.push(at);
        for (let j = 0; j <= i; j++)
          expect(await bridge.depositTime(j)).to.equal(times[j], `index ${j} after ${i + 1}`);
      }
    });

    it("keeps a completed group's times after the next group fills", async function () {
      const { bridge, alice, bob } = await loadFixture(deployFixture);
      const times: bigint[] = [];
      for (let i = 0; i < 2 * GROUP + 1; i++) {
        times.push(await nextTimestamp(100 + i));
        await bridge.connect(alice).depositETH(bob.address, { value: 1n });
      }
      // Indices at both edges of each group.
      for (const index of [0, GROUP - 1, GROUP, 2 * GROUP - 1, 2 * GROUP])
        expect(await bridge.depositTime(index)).to.equal(times[index]);
    });

    it("rejects an index at or past the queue", async function () {
      const { bridge, alice, bob } = await loadFixture(deployFixture);
      await expect(bridge.depositTime(0))
        .to.be.revertedWithCustomError(bridge, "L1BridgeUnknownDeposit")
        .withArgs(0n, 0n);
      for (let i = 0; i < GROUP; i++) await deposit(bridge, alice, bob.address, ZeroAddress, 1n);
      await expect(bridge.depositTime(GROUP))
        .to.be.revertedWithCustomError(bridge, "L1BridgeUnknownDeposit")
        .withArgs(BigInt(GROUP), BigInt(GROUP));
      await expect(bridge.depositTime(GROUP + 5))
        .to.be.revertedWithCustomError(bridge, "L1BridgeUnknownDeposit")
        .withArgs(BigInt(GROUP + 5), BigInt(GROUP));
    });
  });

  describe("depositCheck", function () {
    it("reports an empty queue", async function () {
      const { bridge } = await loadFixture(deployFixture);
      expect(await bridge.depositCheck(0)).to.deep.equal([0n, ZeroHash, 0n]);
      expect(await bridge.depositCheck(1)).to.deep.equal([0n, ZeroHash, 0n]);
    });

    it("returns the queue length, the chain at count and the first excluded deposit's time", async function () {
      const { bridge, token, alice, bob, carol } = await loadFixture(deployFixture);
      const l1Token = await token.getAddress();
      const deposits: DepositInput[] = [];
      const n = GROUP + 2; // the first group completed, two deposits in the current one
      for (let i = 0; i < n; i++) {
        await nextTimestamp(30 + i * 11);
        deposits.push(
          await deposit(
            bridge,
            i % 3 === 0 ? carol : alice,
            bob.address,
            i % 2 ? l1Token : ZeroAddress,
            100n + BigInt(i),
          ),
        );
      }
      const queued = BigInt(n);
      const timeOf = (i: number) => BigInt(deposits[i]!.l1Timestamp);
      // count = 0: nothing included, the first excluded deposit is deposit 0.
      expect(await bridge.depositCheck(0)).to.deep.equal([queued, EMPTY_DEPOSIT_CHAIN, timeOf(0)]);
      // Mid-queue, in the completed group and in the current group.
      for (const count of [1, 3, GROUP - 1, GROUP, n - 1])
        expect(await bridge.depositCheck(count)).to.deep.equal([
          queued,
          depositChainHash(deposits.slice(0, count)),
          timeOf(count),
        ]);
      // count = queued: everything included, nothing excluded.
      expect(await bridge.depositCheck(n)).to.deep.equal([queued, depositChainHash(deposits), 0n]);
      // count > queued: no chain, nothing excluded.
      expect(await bridge.depositCheck(n + 1)).to.deep.equal([queued, ZeroHash, 0n]);
      expect(await bridge.depositCheck(2n ** 256n - 1n)).to.deep.equal([queued, ZeroHash, 0n]);
    });
  });

  describe("deposit chain (property)", function () {
    it("equals the SDK's chain after every deposit of a random sequence", async function () {
      const { token, otherToken } = await loadFixture(deployFixture);
      const tokens = [ZeroAddress, await token.getAddress(), await otherToken.getAddress()];
      const recipient = fc
        .uint8Array({ minLength: 20, maxLength: 20 })
        .map((bytes) => getAddress(hexlify(bytes)))
        .filter((address) => address !== ZeroAddress);
      const step = fc.record({
        sender: fc.integer({ min: 0, max: 2 }),
        token: fc.integer({ min: 0, max: tokens.length - 1 }),
        to: recipient,
        amount: fc.bigInt({ min: 1n, max: parseEther("50") }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), async (steps) => {
          const { bridge, senders } = await loadFixture(deployFixture);
          const deposits: DepositInput[] = [];
          let chain = EMPTY_DEPOSIT_CHAIN;
          for (const s of steps) {
            const d = await deposit(bridge, senders[s.sender]!, s.to, tokens[s.token]!, s.amount);
            deposits.push(d);
            chain = nextDepositChainHash(chain, depositHash(d));
            expect(await bridge.depositCount()).to.equal(BigInt(deposits.length));
            expect(await bridge.depositChainAt(deposits.length)).to.equal(chain);
          }
          expect(chain).to.equal(depositChainHash(deposits));
          expect(await ethers.provider.getBalance(bridge)).to.equal(
            deposits.filter((d) => d.l1Token === ZeroAddress).reduce((sum, d) => sum + BigInt(d.amount), 0n),
          );
        }),
        { numRuns: 15 },
      );
    });
  });
});
