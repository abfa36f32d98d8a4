import { type HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import {
  impersonateAccount,
  loadFixture,
  setBalance,
  stopImpersonatingAccount,
} from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import {
  AbiCoder,
  concat,
  getCreate2Address,
  keccak256,
  parseEther,
  toBeHex,
  zeroPadValue,
  ZeroAddress,
  ZeroHash,
  type ContractTransactionResponse,
} from "ethers";
import { ethers } from "hardhat";

import { depositChainHash, merkleRoot, withdrawalHash, type Address, type DepositInput } from "../../sdk/src/proof";
import { type L1Bridge, type L2Bridge } from "../../sdk/src/contracts/typechain";

const RESERVE = parseEther("100");
const MINTED = 10n ** 30n;

describe("L2Bridge", function () {
  async function deployFixture() {
    const [deployer, relayer, alice, bob, carol] = await ethers.getSigners();
    // Both ends on the same Hardhat network: L1Bridge queues the deposits that L2Bridge relays.
    const l1Bridge = await ethers.deployContract("L1Bridge", [ethers.MaxUint256, ethers.ZeroAddress]);
    const token = await ethers.deployContract("TestERC20", ["Test", "TST"]);
    const otherToken = await ethers.deployContract("TestERC20", ["Other", "OTH"]);
    for (const sender of [alice!, bob!]) {
      for (const t of [token, otherToken]) {
        await t.mint(sender.address, MINTED);
        await t.connect(sender).approve(await l1Bridge.getAddress(), MINTED);
      }
    }
    const bridge = await ethers.deployContract("L2Bridge", [deployer!.address, [relayer!.address]], { value: RESERVE });
    const rejecting = await ethers.deployContract("RejectingReceiver");
    const burning = await ethers.deployContract("GasBurningReceiver");
    return {
      l1Bridge,
      bridge,
      bridgeAddress: await bridge.getAddress(),
      token,
      tokenAddress: (await token.getAddress()) as Address,
      otherToken,
      otherTokenAddress: (await otherToken.getAddress()) as Address,
      rejecting,
      rejectingAddress: (await rejecting.getAddress()) as Address,
      burning,
      burningAddress: (await burning.getAddress()) as Address,
      deployer: deployer!,
      relayer: relayer!,
      alice: alice!,
      bob: bob!,
      carol: carol!,
    };
  }

  /** The deposit that `tx` queued on L1, read from its DepositQueued event. */
  async function queuedDeposit(l1Bridge: L1Bridge, tx: ContractTransactionResponse): Promise<DepositInput> {
    const receipt = await tx.wait();
    const events = await l1Bridge.queryFilter(
      l1Bridge.filters.DepositQueued(),
      receipt!.blockNumber,
      receipt!.blockNumber,
    );
    const event = events.find((e) => e.transactionHash === receipt!.hash);
    if (!event) throw new Error("no DepositQueued event");
    const { index, from, to, l1Token, amount, l1Timestamp } = event.args;
    return {
      index,
      from: from as Address,
      to: to as Address,
      l1Token: l1Token as Address,
      amount,
      l1Timestamp,
    };
  }

  /** Deposits on L1 (ETH when `l1Token` is zero) and returns the queued deposit. */
  async function depositOnL1(
    l1Bridge: L1Bridge,
    from: HardhatEthersSigner,
    to: string,
    l1Token: string,
    amount: bigint,
  ): Promise<DepositInput> {
    const tx =
      l1Token === ZeroAddress
        ? await l1Bridge.connect(from).depositETH(to, { value: amount })
        : await l1Bridge.connect(from).depositERC20(l1Token, to, amount);
    return queuedDeposit(l1Bridge, tx);
  }

  /** The CREATE2 address at which `bridge` deploys the L2 token of `l1Token`. */
  async function predictL2Token(
    bridge: L2Bridge,
    l1Token: string,
    name: string,
    symbol: string,
    decimals: number,
  ): Promise<string> {
    const factory = await ethers.getContractFactory("L2Token");
    const args = AbiCoder.defaultAbiCoder().encode(
      ["address", "string", "string", "uint8"],
      [l1Token, name, symbol, decimals],
    );
    const initCode = concat([factory.bytecode, args]);
    return getCreate2Address(await bridge.getAddress(), zeroPadValue(l1Token, 32), keccak256(initCode));
  }

  const genericName = (l1Token: string) => `Bridged ${l1Token.toLowerCase()}`;

  describe("constructor", function () {
    it("holds the reserve sent with it and names its admin and relayers", async function () {
      const { bridge, relayer, deployer, alice } = await loadFixture(deployFixture);
      expect(await ethers.provider.getBalance(bridge)).to.equal(RESERVE);
      expect(await bridge.admin()).to.equal(deployer.address);
      expect(await bridge.isRelayer(relayer.address)).to.equal(true);
      expect(await bridge.isRelayer(alice.address)).to.equal(false);
      await expect(bridge.deploymentTransaction()).to.emit(bridge, "RelayerUpdated").withArgs(relayer.address, true);
      expect(await bridge.depositCount()).to.equal(0n);
      expect(await bridge.depositChainHash()).to.equal(ZeroHash);
      expect(await bridge.withdrawalRoot()).to.equal(merkleRoot([], { depth: 32 }));
      expect(await bridge.withdrawalCount()).to.equal(0n);
    });
  });

  describe("relayDeposit", function () {
    it("reproduces the L1 deposit chain from relayed L1 deposits", async function () {
      const { l1Bridge, bridge, relayer, alice, bob, carol, tokenAddress, otherTokenAddress } =
        await loadFixture(deployFixture);
      const deposits = [
        await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, parseEther("1")),
        await depositOnL1(l1Bridge, bob, carol.address, tokenAddress, 500n),
        await depositOnL1(l1Bridge, alice, alice.address, otherTokenAddress, parseEther("7")),
        await depositOnL1(l1Bridge, bob, alice.address, tokenAddress, 1n),
        await depositOnL1(l1Bridge, alice, carol.address, ZeroAddress, 3n),
      ];
      for (const [i, d] of deposits.entries()) {
        await bridge.connect(relayer).relayDeposit(d);
        expect(await bridge.depositCount()).to.equal(BigInt(i + 1));
        expect(await bridge.depositChainHash()).to.equal(await l1Bridge.depositChainAt(i + 1));
        expect(await bridge.depositChainHash()).to.equal(depositChainHash(deposits.slice(0, i + 1)));
      }
    });

    it("pushes ETH to the recipient from the reserve and emits DepositRelayed", async function () {
      const { l1Bridge, bridge, relayer, alice, bob } = await loadFixture(deployFixture);
      const amount = parseEther("2.5");
      const d = await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, amount);
      const tx = bridge.connect(relayer).relayDeposit(d);
      await expect(tx)
        .to.emit(bridge, "DepositRelayed")
        .withArgs(
          0n,
          alice.address,
          bob.address,
          ZeroAddress,
          ZeroAddress,
          amount,
          depositChainHash([d]),
          relayer.address,
        );
      await expect(tx).not.to.emit(bridge, "ETHCreditDeferred");
      await expect(tx).to.changeEtherBalances([bridge, bob, relayer], [-amount, amount, 0n], {
        includeFee: false,
      });
      expect(await bridge.claimableETH(bob.address)).to.equal(0n);
    });

    it("pushes ETH to a contract that accepts it within the push gas", async function () {
      const { l1Bridge, bridge, relayer, alice, rejecting, rejectingAddress } = await loadFixture(deployFixture);
      await rejecting.setAccepting(true);
      const d = await depositOnL1(l1Bridge, alice, rejectingAddress, ZeroAddress, 9n);
      await expect(bridge.connect(relayer).relayDeposit(d)).to.changeEtherBalances([bridge, rejecting], [-9n, 9n]);
      expect(await bridge.claimableETH(rejectingAddress)).to.equal(0n);
    });

    it("credits an ETH deposit that takes the whole reserve", async function () {
      const { l1Bridge, bridge, relayer, alice, bob } = await loadFixture(deployFixture);
      const d = await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, RESERVE);
      await expect(bridge.connect(relayer).relayDeposit(d)).to.changeEtherBalances([bridge, bob], [-RESERVE, RESERVE]);
      expect(await ethers.provider.getBalance(bridge)).to.equal(0n);
    });

    it("rejects an ETH deposit larger than the reserve and changes nothing", async function () {
      const { l1Bridge, bridge, relayer, alice, bob } = await loadFixture(deployFixture);
      const amount = RESERVE + 1n;
      const d = await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, amount);
      await expect(bridge.connect(relayer).relayDeposit(d))
        .to.be.revertedWithCustomError(bridge, "L2BridgeReserveExhausted")
        .withArgs(amount, RESERVE);
      expect(await bridge.depositCount()).to.equal(0n);
      expect(await bridge.depositChainHash()).to.equal(ZeroHash);
      expect(await ethers.provider.getBalance(bridge)).to.equal(RESERVE);
    });

    it("rejects an ETH deposit once earlier deposits have used up the reserve", async function () {
      const { l1Bridge, bridge, relayer, alice, bob } = await loadFixture(deployFixture);
      const first = await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, RESERVE - 10n);
      const second = await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, 11n);
      await bridge.connect(relayer).relayDeposit(first);
      await expect(bridge.connect(relayer).relayDeposit(second))
        .to.be.revertedWithCustomError(bridge, "L2BridgeReserveExhausted")
        .withArgs(11n, 10n);
      expect(await bridge.depositCount()).to.equal(1n);
      expect(await bridge.depositChainHash()).to.equal(depositChainHash([first]));
    });

    it("keeps ETH owed to a deferred credit out of the reserve, so it can always be claimed", async function () {
      const { l1Bridge, bridge, relayer, alice, bob, rejecting, rejectingAddress } = await loadFixture(deployFixture);
      const owed = (RESERVE * 6n) / 10n;
      const deferred = await depositOnL1(l1Bridge, alice, rejectingAddress, ZeroAddress, owed);
      const later = await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, owed);
      await bridge.connect(relayer).relayDeposit(deferred);
      expect(await bridge.deferredETH()).to.equal(owed);
      await expect(bridge.connect(relayer).relayDeposit(later))
        .to.be.revertedWithCustomError(bridge, "L2BridgeReserveExhausted")
        .withArgs(owed, RESERVE - owed);
      await rejecting.setAccepting(true);
      await rejecting.claim(await bridge.getAddress());
      expect(await ethers.provider.getBalance(rejectingAddress)).to.equal(owed);
      expect(await bridge.deferredETH()).to.equal(0n);
    });

    it("rejects a deposit that skips the next one in the queue", async function () {
      const { l1Bridge, bridge, relayer, alice, bob } = await loadFixture(deployFixture);
      await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, 1n);
      const skipped = await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, 2n);
      await expect(bridge.connect(relayer).relayDeposit(skipped))
        .to.be.revertedWithCustomError(bridge, "L2BridgeUnexpectedDeposit")
        .withArgs(0n, 1n);
      expect(await bridge.depositCount()).to.equal(0n);
      expect(await bridge.depositChainHash()).to.equal(ZeroHash);
    });

    it("rejects a replayed deposit", async function () {
      const { l1Bridge, bridge, relayer, alice, bob } = await loadFixture(deployFixture);
      const d = await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, parseEther("1"));
      await bridge.connect(relayer).relayDeposit(d);
      const balance = await ethers.provider.getBalance(bob);
      await expect(bridge.connect(relayer).relayDeposit(d))
        .to.be.revertedWithCustomError(bridge, "L2BridgeUnexpectedDeposit")
        .withArgs(1n, 0n);
      expect(await bridge.depositCount()).to.equal(1n);
      expect(await bridge.depositChainHash()).to.equal(depositChainHash([d]));
      expect(await ethers.provider.getBalance(bob)).to.equal(balance);
    });

    it("rejects any caller but the relayer", async function () {
      const { l1Bridge, bridge, alice, bob, deployer } = await loadFixture(deployFixture);
      const d = await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, 1n);
      for (const caller of [alice, bob, deployer])
        await expect(bridge.connect(caller).relayDeposit(d))
          .to.be.revertedWithCustomError(bridge, "L2BridgeOnlyRelayer")
          .withArgs(caller.address);
      expect(await bridge.depositCount()).to.equal(0n);
    });

    it("defers ETH that the recipient rejects", async function () {
      const { l1Bridge, bridge, relayer, alice, rejectingAddress } = await loadFixture(deployFixture);
      const amount = parseEther("1");
      const d = await depositOnL1(l1Bridge, alice, rejectingAddress, ZeroAddress, amount);
      const tx = bridge.connect(relayer).relayDeposit(d);
      await expect(tx).to.emit(bridge, "ETHCreditDeferred").withArgs(rejectingAddress, amount);
      await expect(tx)
        .to.emit(bridge, "DepositRelayed")
        .withArgs(
          0n,
          alice.address,
          rejectingAddress,
          ZeroAddress,
          ZeroAddress,
          amount,
          depositChainHash([d]),
          relayer.address,
        );
      await expect(tx).to.changeEtherBalances([bridge, rejectingAddress], [0n, 0n]);
      expect(await bridge.claimableETH(rejectingAddress)).to.equal(amount);
      expect(await bridge.depositCount()).to.equal(1n);
    });

    it("defers ETH to a recipient that burns all the gas it is given", async function () {
      const { l1Bridge, bridge, relayer, alice, burningAddress } = await loadFixture(deployFixture);
      const amount = parseEther("0.3");
      const d = await depositOnL1(l1Bridge, alice, burningAddress, ZeroAddress, amount);
      const tx = bridge.connect(relayer).relayDeposit(d, { gasLimit: 1_000_000n });
      await expect(tx).to.emit(bridge, "ETHCreditDeferred").withArgs(burningAddress, amount);
      const receipt = await (await tx).wait();
      // The recipient got at most the push gas, not the rest of the transaction's.
      expect(receipt!.gasUsed).to.be.lessThan(200_000n);
      expect(await bridge.claimableETH(burningAddress)).to.equal(amount);
      expect(await ethers.provider.getBalance(burningAddress)).to.equal(0n);
      expect(await bridge.depositChainHash()).to.equal(await l1Bridge.depositChainAt(1));
    });

    it("adds up several deferred credits for the same recipient", async function () {
      const { l1Bridge, bridge, relayer, alice, bob, rejectingAddress } = await loadFixture(deployFixture);
      const first = await depositOnL1(l1Bridge, alice, rejectingAddress, ZeroAddress, 5n);
      const between = await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, 1n);
      const second = await depositOnL1(l1Bridge, bob, rejectingAddress, ZeroAddress, 8n);
      await bridge.connect(relayer).relayDeposits([first, between, second]);
      expect(await bridge.claimableETH(rejectingAddress)).to.equal(13n);
      expect(await bridge.claimableETH(bob.address)).to.equal(0n);
    });

    it("creates the L2 token with generic metadata on an L1 token's first deposit and mints the amount", async function () {
      const { l1Bridge, bridge, relayer, alice, bob, tokenAddress } = await loadFixture(deployFixture);
      const amount = 123_456_789n;
      const d = await depositOnL1(l1Bridge, alice, bob.address, tokenAddress, amount);
      const name = genericName(tokenAddress);
      const predicted = await predictL2Token(bridge, tokenAddress, name, "BRIDGED", 18);
      const tx = bridge.connect(relayer).relayDeposit(d);
      await expect(tx)
        .to.emit(bridge, "L2TokenCreated")
        .withArgs(tokenAddress, predicted, name, "BRIDGED", 18, relayer.address);
      await expect(tx)
        .to.emit(bridge, "DepositRelayed")
        .withArgs(
          0n,
          alice.address,
          bob.address,
          tokenAddress,
          predicted,
          amount,
          depositChainHash([d]),
          relayer.address,
        );
      await expect(tx).not.to.emit(bridge, "ETHCreditDeferred");
      await expect(tx).to.changeEtherBalance(bridge, 0n);
      expect(await bridge.l2TokenOf(tokenAddress)).to.equal(predicted);
      const l2Token = await ethers.getContractAt("L2Token", predicted);
      expect(await l2Token.name()).to.equal(`Bridged ${tokenAddress.toLowerCase()}`);
      expect(await l2Token.symbol()).to.equal("BRIDGED");
      expect(await l2Token.decimals()).to.equal(18n);
      expect(await l2Token.bridge()).to.equal(await bridge.getAddress());
      expect(await l2Token.l1Token()).to.equal(tokenAddress);
      expect(await l2Token.balanceOf(bob)).to.equal(amount);
      expect(await l2Token.balanceOf(alice)).to.equal(0n);
      expect(await l2Token.totalSupply()).to.equal(amount);
    });

    it("reuses the L2 token for later deposits of the same L1 token", async function () {
      const { l1Bridge, bridge, relayer, alice, bob, carol, tokenAddress } = await loadFixture(deployFixture);
      const first = await depositOnL1(l1Bridge, alice, bob.address, tokenAddress, 10n);
      const second = await depositOnL1(l1Bridge, bob, carol.address, tokenAddress, 32n);
      const third = await depositOnL1(l1Bridge, alice, bob.address, tokenAddress, 5n);
      await bridge.connect(relayer).relayDeposit(first);
      const l2Address = await bridge.l2TokenOf(tokenAddress);
      await expect(bridge.connect(relayer).relayDeposit(second)).not.to.emit(bridge, "L2TokenCreated");
      await bridge.connect(relayer).relayDeposit(third);
      expect(await bridge.l2TokenOf(tokenAddress)).to.equal(l2Address);
      const l2Token = await ethers.getContractAt("L2Token", l2Address);
      expect(await l2Token.balanceOf(bob)).to.equal(15n);
      expect(await l2Token.balanceOf(carol)).to.equal(32n);
      expect(await l2Token.totalSupply()).to.equal(47n);
    });

    it("keeps one L2 token per L1 token", async function () {
      const { l1Bridge, bridge, relayer, alice, bob, tokenAddress, otherTokenAddress } =
        await loadFixture(deployFixture);
      const a = await depositOnL1(l1Bridge, alice, bob.address, tokenAddress, 4n);
      const b = await depositOnL1(l1Bridge, alice, bob.address, otherTokenAddress, 6n);
      await bridge.connect(relayer).relayDeposits([a, b]);
      const [l2a, l2b] = [await bridge.l2TokenOf(tokenAddress), await bridge.l2TokenOf(otherTokenAddress)];
      expect(l2a).not.to.equal(l2b);
      expect(await (await ethers.getContractAt("L2Token", l2a)).balanceOf(bob)).to.equal(4n);
      expect(await (await ethers.getContractAt("L2Token", l2b)).balanceOf(bob)).to.equal(6n);
      expect(await bridge.l2TokenOf(ZeroAddress)).to.equal(ZeroAddress);
    });
  });

  describe("relayDeposits", function () {
    it("relays several deposits in order", async function () {
      const { l1Bridge, bridge, relayer, alice, bob, carol, tokenAddress } = await loadFixture(deployFixture);
      const deposits = [
        await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, 100n),
        await depositOnL1(l1Bridge, bob, carol.address, tokenAddress, 200n),
        await depositOnL1(l1Bridge, alice, carol.address, ZeroAddress, 300n),
        await depositOnL1(l1Bridge, bob, bob.address, tokenAddress, 400n),
      ];
      const l2Token = await predictL2Token(bridge, tokenAddress, genericName(tokenAddress), "BRIDGED", 18);
      const tx = bridge.connect(relayer).relayDeposits(deposits);
      for (const [i, d] of deposits.entries())
        await expect(tx)
          .to.emit(bridge, "DepositRelayed")
          .withArgs(
            BigInt(i),
            d.from,
            d.to,
            d.l1Token,
            d.l1Token === ZeroAddress ? ZeroAddress : l2Token,
            d.amount,
            depositChainHash(deposits.slice(0, i + 1)),
            relayer.address,
          );
      await expect(tx).to.changeEtherBalances([bridge, bob, carol], [-400n, 100n, 300n]);
      expect(await bridge.depositCount()).to.equal(4n);
      expect(await bridge.depositChainHash()).to.equal(await l1Bridge.depositChainAt(4));
      const minted = await ethers.getContractAt("L2Token", l2Token);
      expect(await minted.balanceOf(carol)).to.equal(200n);
      expect(await minted.balanceOf(bob)).to.equal(400n);
    });

    it("continues from deposits relayed one by one", async function () {
      const { l1Bridge, bridge, relayer, alice, bob } = await loadFixture(deployFixture);
      const deposits: DepositInput[] = [];
      for (let i = 0; i < 5; i++) deposits.push(await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, 1n));
      await bridge.connect(relayer).relayDeposit(deposits[0]!);
      await bridge.connect(relayer).relayDeposits(deposits.slice(1, 3));
      await bridge.connect(relayer).relayDeposits(deposits.slice(3));
      expect(await bridge.depositCount()).to.equal(5n);
      expect(await bridge.depositChainHash()).to.equal(await l1Bridge.depositChainAt(5));
    });

    it("reverts the whole batch when one deposit is out of order", async function () {
      const { l1Bridge, bridge, relayer, alice, bob } = await loadFixture(deployFixture);
      const deposits: DepositInput[] = [];
      for (let i = 0; i < 3; i++) deposits.push(await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, 1n));
      await expect(bridge.connect(relayer).relayDeposits([deposits[0]!, deposits[2]!]))
        .to.be.revertedWithCustomError(bridge, "L2BridgeUnexpectedDeposit")
        .withArgs(1n, 2n);
      await expect(bridge.connect(relayer).relayDeposits([deposits[0]!, deposits[0]!]))
        .to.be.revertedWithCustomError(bridge, "L2BridgeUnexpectedDeposit")
        .withArgs(1n, 0n);
      expect(await bridge.depositCount()).to.equal(0n);
      expect(await bridge.depositChainHash()).to.equal(ZeroHash);
      expect(await ethers.provider.getBalance(bridge)).to.equal(RESERVE);
    });

    it("rejects any caller but the relayer", async function () {
      const { l1Bridge, bridge, alice, bob } = await loadFixture(deployFixture);
      const d = await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, 1n);
      await expect(bridge.connect(alice).relayDeposits([d]))
        .to.be.revertedWithCustomError(bridge, "L2BridgeOnlyRelayer")
        .withArgs(alice.address);
      expect(await bridge.depositCount()).to.equal(0n);
    });
  });

  describe("relayers", function () {
    it("lets only the admin name or bar a relayer, and a barred relayer relays nothing", async function () {
      const { l1Bridge, bridge, deployer, relayer, alice, bob } = await loadFixture(deployFixture);
      await expect(bridge.connect(relayer).setRelayer(alice.address, true))
        .to.be.revertedWithCustomError(bridge, "L2BridgeOnlyAdmin")
        .withArgs(relayer.address);
      await expect(bridge.connect(deployer).setRelayer(alice.address, true))
        .to.emit(bridge, "RelayerUpdated")
        .withArgs(alice.address, true);
      const d = await depositOnL1(l1Bridge, bob, bob.address, ZeroAddress, 1n);
      await expect(bridge.connect(alice).relayDeposit(d))
        .to.emit(bridge, "DepositRelayed")
        .withArgs(0n, bob.address, bob.address, ZeroAddress, ZeroAddress, 1n, depositChainHash([d]), alice.address);
      await expect(bridge.connect(deployer).setRelayer(relayer.address, false))
        .to.emit(bridge, "RelayerUpdated")
        .withArgs(relayer.address, false);
      const next = await depositOnL1(l1Bridge, bob, bob.address, ZeroAddress, 1n);
      await expect(bridge.connect(relayer).relayDeposit(next))
        .to.be.revertedWithCustomError(bridge, "L2BridgeOnlyRelayer")
        .withArgs(relayer.address);
      await expect(bridge.connect(relayer).createL2Token(alice.address, "A", "A", 1))
        .to.be.revertedWithCustomError(bridge, "L2BridgeOnlyRelayer")
        .withArgs(relayer.address);
    });
  });

  describe("createL2Token", function () {
    it("creates the L2 token with the given metadata, used by later deposits", async function () {
      const { l1Bridge, bridge, relayer, alice, bob, tokenAddress } = await loadFixture(deployFixture);
      const predicted = await predictL2Token(bridge, tokenAddress, "Test Token", "TST", 6);
      await expect(bridge.connect(relayer).createL2Token(tokenAddress, "Test Token", "TST", 6))
        .to.emit(bridge, "L2TokenCreated")
        .withArgs(tokenAddress, predicted, "Test Token", "TST", 6, relayer.address);
      expect(await bridge.l2TokenOf(tokenAddress)).to.equal(predicted);
      const l2Token = await ethers.getContractAt("L2Token", predicted);
      expect(await l2Token.name()).to.equal("Test Token");
      expect(await l2Token.symbol()).to.equal("TST");
      expect(await l2Token.decimals()).to.equal(6n);
      expect(await l2Token.l1Token()).to.equal(tokenAddress);
      expect(await l2Token.totalSupply()).to.equal(0n);

      const d = await depositOnL1(l1Bridge, alice, bob.address, tokenAddress, 77n);
      await expect(bridge.connect(relayer).relayDeposit(d))
        .to.emit(bridge, "DepositRelayed")
        .withArgs(0n, alice.address, bob.address, tokenAddress, predicted, 77n, depositChainHash([d]), relayer.address)
        .and.not.to.emit(bridge, "L2TokenCreated");
      expect(await l2Token.balanceOf(bob)).to.equal(77n);
    });

    it("cuts a name and symbol of any length to its bounds, never inside a UTF-8 character", async function () {
      const { bridge, relayer, tokenAddress, otherTokenAddress } = await loadFixture(deployFixture);
      expect([await bridge.MAX_NAME_BYTES(), await bridge.MAX_SYMBOL_BYTES()]).to.deep.equal([64n, 32n]);
      const huge = "Huge Token ".repeat(2_000); // about 20 KB, what stopped relaying for good before
      const tx = bridge.connect(relayer).createL2Token(tokenAddress, huge, "HUGE".repeat(50), 18);
      const name = huge.slice(0, 64);
      await expect(tx)
        .to.emit(bridge, "L2TokenCreated")
        .withArgs(
          tokenAddress,
          await predictL2Token(bridge, tokenAddress, name, "HUGE".repeat(8), 18),
          name,
          "HUGE".repeat(8),
          18,
          relayer.address,
        );
      expect((await (await tx).wait())!.gasUsed).to.be.lessThan(3_000_000n);
      // 63 ASCII bytes, then a three-byte character: cut before it, not inside it.
      const multibyte = "a".repeat(63) + "€€";
      await bridge.connect(relayer).createL2Token(otherTokenAddress, multibyte, "€".repeat(11), 6);
      const l2Token = await ethers.getContractAt("L2Token", await bridge.l2TokenOf(otherTokenAddress));
      expect(await l2Token.name()).to.equal("a".repeat(63));
      expect(await l2Token.symbol()).to.equal("€".repeat(10)); // 30 of 32 bytes
    });

    it("rejects a second token for the same L1 token", async function () {
      const { bridge, relayer, tokenAddress } = await loadFixture(deployFixture);
      await bridge.connect(relayer).createL2Token(tokenAddress, "Test Token", "TST", 6);
      const existing = await bridge.l2TokenOf(tokenAddress);
      await expect(bridge.connect(relayer).createL2Token(tokenAddress, "Other", "OTH", 18))
        .to.be.revertedWithCustomError(bridge, "L2BridgeTokenExists")
        .withArgs(tokenAddress, existing);
      expect(await bridge.l2TokenOf(tokenAddress)).to.equal(existing);
      expect(await (await ethers.getContractAt("L2Token", existing)).name()).to.equal("Test Token");
    });

    it("rejects a token for an L1 token whose first deposit already created one", async function () {
      const { l1Bridge, bridge, relayer, alice, bob, tokenAddress } = await loadFixture(deployFixture);
      await bridge.connect(relayer).relayDeposit(await depositOnL1(l1Bridge, alice, bob.address, tokenAddress, 1n));
      const existing = await bridge.l2TokenOf(tokenAddress);
      await expect(bridge.connect(relayer).createL2Token(tokenAddress, "Test Token", "TST", 6))
        .to.be.revertedWithCustomError(bridge, "L2BridgeTokenExists")
        .withArgs(tokenAddress, existing);
    });

    it("rejects the zero address, which stands for ETH", async function () {
      const { bridge, relayer } = await loadFixture(deployFixture);
      await expect(
        bridge.connect(relayer).createL2Token(ZeroAddress, "Ether", "ETH", 18),
      ).to.be.revertedWithCustomError(bridge, "L2BridgeZeroToken");
    });

    it("rejects any caller but the relayer", async function () {
      const { bridge, alice, tokenAddress } = await loadFixture(deployFixture);
      await expect(bridge.connect(alice).createL2Token(tokenAddress, "Test Token", "TST", 6))
        .to.be.revertedWithCustomError(bridge, "L2BridgeOnlyRelayer")
        .withArgs(alice.address);
      expect(await bridge.l2TokenOf(tokenAddress)).to.equal(ZeroAddress);
    });
  });

  describe("claimETH", function () {
    it("pays a rejected credit once the recipient accepts ETH, then has nothing left", async function () {
      const { l1Bridge, bridge, relayer, alice, rejecting, rejectingAddress } = await loadFixture(deployFixture);
      const amount = parseEther("4");
      await bridge
        .connect(relayer)
        .relayDeposit(await depositOnL1(l1Bridge, alice, rejectingAddress, ZeroAddress, amount));
      await rejecting.setAccepting(true);
      const tx = rejecting.claim(bridge);
      await expect(tx).to.emit(bridge, "ETHClaimed").withArgs(rejectingAddress, amount);
      await expect(tx).to.changeEtherBalances([bridge, rejecting], [-amount, amount]);
      expect(await bridge.claimableETH(rejectingAddress)).to.equal(0n);
      await expect(rejecting.claim(bridge))
        .to.be.revertedWithCustomError(bridge, "L2BridgeNothingToClaim")
        .withArgs(rejectingAddress);
    });

    it("pays a gas-burning recipient once it stops burning", async function () {
      const { l1Bridge, bridge, relayer, alice, burning, burningAddress } = await loadFixture(deployFixture);
      const amount = parseEther("0.7");
      await bridge
        .connect(relayer)
        .relayDeposit(await depositOnL1(l1Bridge, alice, burningAddress, ZeroAddress, amount));
      await burning.setBurning(false);
      const tx = burning.claim(bridge);
      await expect(tx).to.emit(bridge, "ETHClaimed").withArgs(burningAddress, amount);
      await expect(tx).to.changeEtherBalances([bridge, burning], [-amount, amount]);
      await expect(burning.claim(bridge))
        .to.be.revertedWithCustomError(bridge, "L2BridgeNothingToClaim")
        .withArgs(burningAddress);
    });

    it("rejects an account with nothing to claim", async function () {
      const { bridge, alice } = await loadFixture(deployFixture);
      await expect(bridge.connect(alice).claimETH())
        .to.be.revertedWithCustomError(bridge, "L2BridgeNothingToClaim")
        .withArgs(alice.address);
    });

    it("pays only the caller's own credit", async function () {
      const { l1Bridge, bridge, relayer, alice, rejectingAddress } = await loadFixture(deployFixture);
      await bridge.connect(relayer).relayDeposit(await depositOnL1(l1Bridge, alice, rejectingAddress, ZeroAddress, 3n));
      await expect(bridge.connect(alice).claimETH())
        .to.be.revertedWithCustomError(bridge, "L2BridgeNothingToClaim")
        .withArgs(alice.address);
      expect(await bridge.claimableETH(rejectingAddress)).to.equal(3n);
    });

    it("reverts and keeps the credit when the payment fails", async function () {
      const { l1Bridge, bridge, relayer, alice, rejecting, rejectingAddress } = await loadFixture(deployFixture);
      const amount = parseEther("1");
      await bridge
        .connect(relayer)
        .relayDeposit(await depositOnL1(l1Bridge, alice, rejectingAddress, ZeroAddress, amount));
      await expect(rejecting.claim(bridge))
        .to.be.revertedWithCustomError(bridge, "L2BridgeTransferFailed")
        .withArgs(rejectingAddress, amount);
      expect(await bridge.claimableETH(rejectingAddress)).to.equal(amount);
      expect(await ethers.provider.getBalance(bridge)).to.equal(RESERVE);
    });
  });

  describe("storage layout", function () {
    it("keeps depositCount, depositChainHash and withdrawalRoot in slots 0, 1 and 2", async function () {
      const { l1Bridge, bridge, bridgeAddress, relayer, alice, bob, tokenAddress } = await loadFixture(deployFixture);
      expect(await bridge.DEPOSIT_COUNT_SLOT()).to.equal(0n);
      expect(await bridge.DEPOSIT_CHAIN_SLOT()).to.equal(1n);
      expect(await bridge.WITHDRAWAL_ROOT_SLOT()).to.equal(2n);
      const read = (slot: number) => ethers.provider.getStorage(bridgeAddress, slot);
      expect(await read(0)).to.equal(ZeroHash);
      expect(await read(1)).to.equal(ZeroHash);
      expect(await read(2)).to.equal(merkleRoot([], { depth: 32 })); // the empty withdrawal tree

      const deposits = [
        await depositOnL1(l1Bridge, alice, bob.address, ZeroAddress, 1n),
        await depositOnL1(l1Bridge, alice, bob.address, tokenAddress, 2n),
        await depositOnL1(l1Bridge, bob, alice.address, ZeroAddress, 3n),
      ];
      await bridge.connect(relayer).relayDeposits(deposits);
      expect(await read(0)).to.equal(toBeHex(3n, 32));
      expect(await read(0)).to.equal(toBeHex(await bridge.depositCount(), 32));
      expect(await read(1)).to.equal(await bridge.depositChainHash());
      expect(await read(1)).to.equal(await l1Bridge.depositChainAt(3));
      expect(await read(2)).to.equal(await bridge.withdrawalRoot());
    });
  });

  describe("withdraw and withdrawERC20", function () {
    async function withTokens() {
      const f = await deployFixture();
      const d = await depositOnL1(f.l1Bridge, f.alice, f.bob.address, f.tokenAddress, 1_000n);
      await f.bridge.connect(f.relayer).relayDeposit(d);
      const l2Token = await ethers.getContractAt("L2Token", await f.bridge.l2TokenOf(f.tokenAddress));
      return { ...f, l2Token };
    }

    it("locks withdrawn ETH, appends the withdrawal and keeps its root in slot 2", async function () {
      const { bridge, bridgeAddress, bob, carol } = await loadFixture(deployFixture);
      const withdrawal = {
        index: 0n,
        l2Sender: bob.address as Address,
        l1To: carol.address as Address,
        l1Token: ZeroAddress as Address,
        amount: 5n,
      };
      const hash = withdrawalHash(withdrawal);
      const root = merkleRoot([hash], { depth: 32 });
      const tx = bridge.connect(bob).withdraw(carol.address, { value: 5n });
      await expect(tx)
        .to.emit(bridge, "WithdrawalInitiated")
        .withArgs(0, bob.address, carol.address, ZeroAddress, 5n, hash, root);
      await expect(tx).to.changeEtherBalances([bob, bridge], [-5n, 5n]);
      expect(await bridge.withdrawalRoot()).to.equal(root);
      expect(await ethers.provider.getStorage(bridgeAddress, 2)).to.equal(root);
      expect(await bridge.withdrawalCount()).to.equal(1n);
    });

    it("burns the L2 token and names its L1 token in the withdrawal", async function () {
      const { bridge, bob, carol, tokenAddress, l2Token } = await loadFixture(withTokens);
      const withdrawal = {
        index: 0n,
        l2Sender: bob.address as Address,
        l1To: carol.address as Address,
        l1Token: tokenAddress,
        amount: 400n,
      };
      await expect(bridge.connect(bob).withdrawERC20(await l2Token.getAddress(), carol.address, 400n))
        .to.emit(bridge, "WithdrawalInitiated")
        .withArgs(
          0,
          bob.address,
          carol.address,
          tokenAddress,
          400n,
          withdrawalHash(withdrawal),
          merkleRoot([withdrawalHash(withdrawal)], { depth: 32 }),
        );
      expect(await l2Token.balanceOf(bob.address)).to.equal(600n);
      expect(await l2Token.totalSupply()).to.equal(600n);
      expect(await bridge.l1TokenOf(await l2Token.getAddress())).to.equal(tokenAddress);
    });

    it("keeps the root equal to the SDK's and OpenZeppelin MerkleTree's depth-32 tree after each withdrawal", async function () {
      const { bridge, bob, carol, alice, l2Token } = await loadFixture(withTokens);
      const oz = await ethers.deployContract("OzMerkleTreeHarness");
      const hashes: string[] = [];
      for (let i = 0; i < 9; i++) {
        const from = i % 2 === 0 ? bob : alice;
        const receipt = await (
          i % 3 === 0
            ? bridge.connect(bob).withdrawERC20(await l2Token.getAddress(), carol.address, BigInt(i + 1))
            : bridge.connect(from).withdraw(carol.address, { value: BigInt(i + 1) })
        ).then((t) => t.wait());
        const event = bridge.interface.parseLog(receipt!.logs.at(-1)!)!;
        expect(event.args.index).to.equal(BigInt(i));
        hashes.push(event.args.withdrawalHash);
        expect(await bridge.withdrawalRoot()).to.equal(merkleRoot(hashes as `0x${string}`[], { depth: 32 }));
        await (await oz.push([event.args.withdrawalHash])).wait();
        expect(await bridge.withdrawalRoot()).to.equal(await oz.root());
      }
      expect(await bridge.withdrawalCount()).to.equal(9n);
    });

    it("rejects zero amounts and a zero recipient", async function () {
      const { bridge, bob, carol, l2Token } = await loadFixture(withTokens);
      await expect(bridge.connect(bob).withdraw(carol.address, { value: 0n })).to.be.revertedWithCustomError(
        bridge,
        "L2BridgeZeroAmount",
      );
      await expect(
        bridge.connect(bob).withdrawERC20(await l2Token.getAddress(), carol.address, 0n),
      ).to.be.revertedWithCustomError(bridge, "L2BridgeZeroAmount");
      await expect(bridge.connect(bob).withdraw(ZeroAddress, { value: 1n })).to.be.revertedWithCustomError(
        bridge,
        "L2BridgeZeroRecipient",
      );
      expect(await bridge.withdrawalCount()).to.equal(0n);
    });

    it("rejects a token the bridge did not create: it has no L1 counterpart", async function () {
      const { bridge, bob, carol, tokenAddress } = await loadFixture(withTokens);
      const stranger = await ethers.deployContract("TestERC20", ["Stranger", "STR"]);
      for (const token of [await stranger.getAddress(), tokenAddress]) {
        await expect(bridge.connect(bob).withdrawERC20(token, carol.address, 1n))
          .to.be.revertedWithCustomError(bridge, "L2BridgeUnknownToken")
          .withArgs(token);
      }
    });

    it("rejects withdrawing more L2 tokens than the sender holds", async function () {
      const { bridge, carol, l2Token } = await loadFixture(withTokens);
      await expect(
        bridge.connect(carol).withdrawERC20(await l2Token.getAddress(), carol.address, 1n),
      ).to.be.revertedWithCustomError(l2Token, "ERC20InsufficientBalance");
      expect(await bridge.withdrawalCount()).to.equal(0n);
    });
  });

  describe("L2Token", function () {
    async function createdToken() {
      const fixture = await loadFixture(deployFixture);
      const { l1Bridge, bridge, relayer, alice, bob, tokenAddress } = fixture;
      await bridge.connect(relayer).relayDeposit(await depositOnL1(l1Bridge, alice, bob.address, tokenAddress, 50n));
      const l2Token = await ethers.getContractAt("L2Token", await bridge.l2TokenOf(tokenAddress));
      return { ...fixture, l2Token };
    }

    it("rejects mint by any account but the bridge", async function () {
      const { l2Token, relayer, alice } = await createdToken();
      for (const caller of [alice, relayer])
        await expect(l2Token.connect(caller).mint(caller.address, 1n))
          .to.be.revertedWithCustomError(l2Token, "L2TokenOnlyBridge")
          .withArgs(caller.address);
      expect(await l2Token.totalSupply()).to.equal(50n);
    });

    it("rejects burn by any account but the bridge", async function () {
      const { l2Token, bob } = await createdToken();
      await expect(l2Token.connect(bob).burn(bob.address, 1n))
        .to.be.revertedWithCustomError(l2Token, "L2TokenOnlyBridge")
        .withArgs(bob.address);
      expect(await l2Token.balanceOf(bob)).to.equal(50n);
    });

    it("lets the bridge burn", async function () {
      const { l2Token, bridgeAddress, bob } = await createdToken();
      // The bridge has no burning path yet (withdrawals come later), so act as the bridge account directly.
      await impersonateAccount(bridgeAddress);
      await setBalance(bridgeAddress, parseEther("1"));
      const asBridge = await ethers.getSigner(bridgeAddress);
      await expect(l2Token.connect(asBridge).burn(bob.address, 20n)).to.changeTokenBalance(l2Token, bob, -20n);
      await stopImpersonatingAccount(bridgeAddress);
      expect(await l2Token.totalSupply()).to.equal(30n);
    });
  });
});
