/**
 * Hostile environments on real chains: every L2 transaction type, L1 tokens with odd metadata, many first-time
 * tokens at once, an L1 reorg, a sequencer that relays a deposit L1 never queued, and L2 ETH that no deposit backs.
 * After each scenario the bridge's value invariant is checked: native L2 ETH outside the reserve never exceeds the
 * L1 bridge's escrow.
 */
import { mine, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import {
  concat,
  encodeRlp,
  getBytes,
  keccak256,
  parseEther,
  toBeArray,
  Transaction,
  type Wallet,
  ZeroAddress,
} from "ethers";
import hre, { ethers, network } from "hardhat";

import { createL2Chain, L2TransactionRejectedError, replayBlocks } from "../../sdk/src/node";
import { BridgeReader } from "../../sdk/src/bridge/reader";
import { depositETH, finalizeWithdrawal, withdrawETH } from "../../sdk/src/bridge/writer";
import { CallForwarder__factory, L2Bridge__factory, L2Token__factory } from "../../sdk/src/contracts/typechain";
import { readVerified } from "../../sdk/src/da/store";
import { InvalidL2BlockError, L2BlockNotFinalError } from "../../sdk/src/errors/sequencer";
import { decodeBatchData, headerHash, MAX_L2_TRANSACTION_BYTES, type Address, type Hex } from "../../sdk/src/proof";
import { buildBatch } from "../../sdk/src/sequencer/batch-builder";
import { readL2Blocks, rawTransactionOf } from "../../sdk/src/sequencer/l2-reader";
import type { SequencerEvent } from "../../sdk/src/sequencer/sequencer";
import { Sequencer } from "../../sdk/src/sequencer/sequencer";
import {
  expectEthBacked,
  proposeNext,
  removeRollupDirectories,
  rollup,
  scheduled,
  type Rollup,
} from "../helpers/rollup";
import { signedBlobTransaction } from "../helpers/transactions";
import { seededAddress, seededWallet } from "../helpers/seeded";
import { wiredHooks } from "../helpers/governance";

const WEEK = 7 * 24 * 60 * 60;
const TX_GAS_CAP = 16_777_216n;

/** Deposit 0 of `amount` ETH for `to` as a forger would relay it: L1 never queued it. */
async function inventedDeposit(to: string, amount: bigint) {
  return {
    index: 0n,
    from: to as Address,
    to: to as Address,
    l1Token: ZeroAddress as Address,
    amount,
    l1Timestamp: BigInt(await time.latest()),
  };
}

/** Deposits `amount` of a fresh OddMetadataToken of `mode` for `to`; returns the token's address. */
async function depositOddToken(r: Rollup, mode: number, to: string, amount = 1000n): Promise<string> {
  const token = await ethers.deployContract("OddMetadataToken", [mode]);
  const address = await token.getAddress();
  await (await token.mint(await r.deployer.getAddress(), amount)).wait();
  await (await token.approve(await r.l1.bridge.getAddress(), amount)).wait();
  await (await r.l1.bridge.depositERC20(address, to, amount)).wait();
  return address;
}

describe("integration: hostile environments", function () {
  after(removeRollupDirectories);

  describe("every L2 transaction type", function () {
    it("batches legacy (with and without EIP-155), EIP-2930, EIP-1559 and EIP-7702 transactions, and replays them", async function () {
      const r = await rollup();
      const [alice, bob] = r.l2.users as [Wallet, Wallet];
      const { chainId } = await r.l2.provider.getNetwork();
      const gasPrice = 10n ** 10n;
      // Pre-EIP-155: signed without a chain id.
      const unprotected = Transaction.from({
        type: 0,
        to: bob.address,
        value: 1n,
        gasPrice,
        gasLimit: 21_000n,
        nonce: await alice.getNonce(),
      });
      unprotected.signature = alice.signingKey.sign(unprotected.unsignedHash);
      await r.l2.provider.waitForTransaction(
        await r.l2.provider.send("eth_sendRawTransaction", [unprotected.serialized]),
      );
      const sent = [unprotected.hash!];
      for (const request of [
        { type: 0, gasPrice },
        { type: 1, gasPrice, accessList: [{ address: bob.address, storageKeys: [ethers.ZeroHash] }] },
        { type: 2 },
        {
          type: 4,
          authorizationList: [
            // Bob delegates his account to a code-less address: transfers to him still just credit him.
            await bob.authorize({ address: seededAddress("7702 delegate"), nonce: await bob.getNonce(), chainId }),
          ],
        },
      ]) {
        const response = await alice.sendTransaction({ to: bob.address, value: 1n, ...request });
        await response.wait();
        sent.push(response.hash);
      }
      expect(await r.l2.provider.getCode(bob.address)).to.match(/^0xef0100/); // the 7702 delegation took effect

      const { batch } = await proposeNext(r);
      const data = decodeBatchData(await readVerified(r.store, batch.header.dataHash as Hex));
      const carried = data.blocks.flatMap((block) => block.transactions.map((raw) => Transaction.from(raw)));
      expect(carried.map((t) => t.hash)).to.include.members(sent);
      expect(new Set(carried.map((t) => t.type))).to.deep.equal(new Set([0, 1, 2, 4]));
      expect(carried.find((t) => t.hash === unprotected.hash)!.chainId).to.equal(0n);
      // A replica replaying the data object's raw bytes reaches the same blocks.
      const replica = await createL2Chain(hre);
      const hashes = await replayBlocks(replica, data.blocks);
      const original = await Promise.all(
        data.blocks.map(async (block) => (await r.l2.provider.getBlock(Number(block.number)))!.hash),
      );
      expect(hashes).to.deep.equal(original);
      await expectEthBacked(r);
    });

    it("carries an EIP-7702 transaction whose authorizations are invalid (odd y_parity, high s) byte for byte", async function () {
      const r = await rollup();
      const [alice, bob] = r.l2.users as [Wallet, Wallet];
      const { chainId } = await r.l2.provider.getNetwork();
      const int = (value: bigint) => (value === 0n ? new Uint8Array() : toBeArray(value));
      // Authorization tuples [chainId, address, nonce, y_parity, r, s] that no one signed: EIP-7702 skips them, and
      // the transaction itself stays valid.
      const tuples = [
        [int(chainId), getBytes(seededAddress("unsigned authority")), int(0n), int(2n), int(1n), int(1n)],
        [int(chainId), getBytes(seededAddress("unsigned authority")), int(0n), int(1n), int(1n), int(2n ** 255n + 7n)],
      ];
      const maxFee = (await r.l2.provider.getFeeData()).maxFeePerGas! * 2n;
      const fields = [
        int(chainId),
        int(BigInt(await alice.getNonce())),
        int(1n),
        int(maxFee),
        int(200_000n),
        getBytes(bob.address),
        int(1n),
        new Uint8Array(),
        [],
        tuples,
      ];
      const signature = alice.signingKey.sign(keccak256(concat(["0x04", encodeRlp(fields)])));
      const raw = concat([
        "0x04",
        encodeRlp([...fields, int(BigInt(signature.yParity)), getBytes(signature.r), getBytes(signature.s)]),
      ]);
      const hash: string = await r.l2.provider.send("eth_sendRawTransaction", [raw]);
      expect((await r.l2.provider.waitForTransaction(hash))!.status).to.equal(1);

      const { batch } = await proposeNext(r);
      const data = decodeBatchData(await readVerified(r.store, batch.header.dataHash as Hex));
      expect(data.blocks.flatMap((block) => block.transactions)).to.include(raw);
      const replica = await createL2Chain(hre);
      const replayed = await replayBlocks(replica, data.blocks);
      expect(replayed.at(-1)).to.equal((await r.l2.provider.getBlock(Number(batch.header.lastBlock)))!.hash);
    });

    it("refuses blob transactions, and treats a block holding one as invalid", async function () {
      const r = await rollup();
      const alice = r.l2.users[0]!;
      const blob = signedBlobTransaction(alice, await alice.getNonce());
      await expect(r.l2.provider.send("eth_sendRawTransaction", [blob.serialized])).to.be.rejectedWith(
        /does not accept transactions of type 3/,
      );
      await expect(r.l2.eip1193.request({ method: "eth_sendRawTransaction", params: [blob.serialized] }))
        .to.be.rejectedWith(L2TransactionRejectedError)
        .and.eventually.have.property("code", -32003);
      // Should a node let one in anyway, its block is invalid: no honest sequencer signs over it.
      expect(() => rawTransactionOf({ hash: blob.hash, type: "0x3", from: alice.address }, 7n)).to.throw(
        InvalidL2BlockError,
        /type 3/,
      );
    });
  });

  describe("transactions too large for a DA answer", function () {
    it("treats a block holding a transaction over MAX_L2_TRANSACTION_BYTES as invalid: nobody signs it, recovery drops it", async function () {
      const r = await rollup();
      const alice = r.l2.users[0]!;
      const before = await (await alice.sendTransaction({ to: seededAddress("small"), value: 1n })).wait();
      const big = await (
        await alice.sendTransaction({ to: seededAddress("big"), data: `0x${"ff".repeat(MAX_L2_TRANSACTION_BYTES)}` })
      ).wait();
      const proposer = await scheduled(r);
      const invalid = await proposer.findInvalidBlock();
      expect(invalid?.blockNumber).to.equal(BigInt(big!.blockNumber));
      expect(invalid?.reason).to.match(new RegExp(`raw bytes, over the ${MAX_L2_TRANSACTION_BYTES}`));
      const head = BigInt(await r.l2.provider.getBlockNumber());
      await expect(readL2Blocks(r.l2.provider, r.l2.bridgeAddress, 1n, head)).to.be.rejectedWith(InvalidL2BlockError);

      const report = await proposer.recover(r.node);
      expect(report?.invalidBlock).to.equal(BigInt(big!.blockNumber));
      expect(report?.discarded).to.include(big!.hash);
      expect(await r.l2.provider.getTransactionReceipt(before!.hash)).not.to.equal(null);
      const { batch } = await proposeNext(r);
      expect(batch.header.lastBlock).to.equal(BigInt(await r.l2.provider.getBlockNumber()));
    });
  });

  describe("deposits of hostile L1 tokens", function () {
    it("relays tokens whose metadata is 20 KB, reverts, burns all gas or is garbage; no token blocks the queue", async function () {
      const r = await rollup();
      const to = r.l2.users[1]!.address;
      const tokens: string[] = [];
      for (const mode of [1, 2, 3, 4, 5, 6]) tokens.push(await depositOddToken(r, mode, to));
      const { batch } = await proposeNext(r);
      expect(batch.header.depositCount).to.equal(6n);
      expect(batch.header.depositChainHash).to.equal(await r.l1.bridge.depositChainAt(6));
      const nameOf = async (l1Token: string) =>
        L2Token__factory.connect(await r.l2Bridge.l2TokenOf(l1Token), r.l2.provider).name();
      expect(await nameOf(tokens[0]!)).to.equal("Huge Token Huge Token Huge Token".repeat(2));
      expect(await nameOf(tokens[1]!)).to.equal(`Bridged ${tokens[1]!.toLowerCase()}`); // reverting: generic
      expect(await nameOf(tokens[2]!)).to.equal(`Bridged ${tokens[2]!.toLowerCase()}`); // gas burning: generic
      expect(await nameOf(tokens[3]!)).to.equal("Maker");
      expect(await nameOf(tokens[4]!)).to.equal("TKN Spoof");
      for (const token of tokens) {
        const l2Token = L2Token__factory.connect(await r.l2Bridge.l2TokenOf(token), r.l2.provider);
        expect(await l2Token.balanceOf(to)).to.equal(1000n);
      }
    });

    it("judges a created token's metadata at a fixed L1 block, so a token that renames itself cannot stop batching", async function () {
      const r = await rollup();
      const token = await depositOddToken(r, 8, r.l2.users[1]!.address); // its name() changes with every block
      const proposer = await scheduled(r);
      const batch = await proposer.buildNextBatch(); // creates the L2 token with the name at the deposit's block
      await mine(5);
      for (const signer of r.sequencers.filter((s) => s !== proposer)) await signer.sign(batch.header);
      expect(await proposer.findInvalidBlock()).to.equal(undefined);
      const { batch: committed } = await proposeNext(r);
      expect(committed.header.depositCount).to.equal(1n);
      const l2Token = L2Token__factory.connect(await r.l2Bridge.l2TokenOf(token), r.l2.provider);
      expect(await l2Token.name()).to.match(/^Shifty \d+$/);
    });

    it("sizes relay transactions by gas: 30 first-time tokens without metadata relay in several transactions", async function () {
      const r = await rollup();
      const to = r.l2.users[2]!.address;
      for (let i = 0; i < 30; i++) await depositOddToken(r, 0, to, BigInt(i + 1));
      const events: SequencerEvent[] = [];
      const proposer = await scheduled(r);
      const watched = new Sequencer({ ...proposer.config, onProgress: (event) => events.push(event) });
      const { batch } = await watched.propose(r.sequencers.filter((s) => s !== proposer));
      expect(batch.header.depositCount).to.equal(30n);
      const relayed = events.find((event) => event.kind === "deposits-relayed");
      expect(relayed && relayed.kind === "deposits-relayed" && relayed.transactions).to.be.greaterThan(1);
      // Every relay transaction stayed under the per-transaction gas cap.
      const head = await r.l2.provider.getBlockNumber();
      for (let number = 1; number <= head; number++) {
        const block = (await r.l2.provider.getBlock(number))!;
        expect(block.gasUsed).to.be.lessThan(TX_GAS_CAP);
      }
      expect(await r.l2Bridge.depositCount()).to.equal(30n);
    });
  });

  describe("an L1 reorg", function () {
    it("relays only final deposits, so a deposit reorged and mined again later goes through once", async function () {
      const r = await rollup({ confirmations: 2 });
      const [alice, bob] = r.l2.users as [Wallet, Wallet];
      await (await alice.sendTransaction({ to: bob.address, value: 1n })).wait();
      const before = await r.l2.provider.getBalance(bob.address);
      const fork = await network.provider.send("evm_snapshot", []);
      const first = await depositETH(r.l1.bridge.connect(r.deployer), bob.address, parseEther("1"));
      // The deposit is in L1's newest block: not final, so it is not relayed yet.
      const proposer = await scheduled(r);
      await proposer.buildNextBatch();
      expect(await r.l2Bridge.depositCount()).to.equal(0n);

      // A one-block reorg drops it; the user's wallet sends it again, mined a block later with a new timestamp.
      await network.provider.send("evm_revert", [fork]);
      await mine(1);
      const again = await depositETH(r.l1.bridge.connect(r.deployer), bob.address, parseEther("1"));
      expect(again.deposit.index).to.equal(first.deposit.index);
      expect(again.deposit.l1Timestamp).not.to.equal(first.deposit.l1Timestamp);
      await mine(2); // now two blocks deep: final under this rollup's rule

      const { batch } = await proposeNext(r);
      expect(batch.header.depositCount).to.equal(1n);
      expect(batch.header.depositChainHash).to.equal(await r.l1.bridge.depositChainAt(1));
      expect(await r.l2.provider.getBalance(bob.address)).to.equal(before + parseEther("1"));
      await expectEthBacked(r);
    });
  });

  describe("a sequencer relaying a deposit L1 never queued", function () {
    it("is refused by every honest signer; the L2 drops its block, keeps the valid transactions, and batches go on", async function () {
      const r = await rollup();
      const [alice, bob, mallory, carol] = r.l2.users as [Wallet, Wallet, Wallet, Wallet];
      await depositETH(r.l1.bridge.connect(r.deployer), alice.address, parseEther("1")); // a real deposit, index 0
      const transfer = await (await alice.sendTransaction({ to: bob.address, value: 7n })).wait();

      // The attacker relays an invented deposit 0 of 500 ETH to mallory from its own relay key, then mallory spends it.
      const attacker = r.sequencers[1]!;
      const forged = await inventedDeposit(mallory.address, parseEther("500"));
      const l2Bridge = L2Bridge__factory.connect(r.l2.bridgeAddress, attacker.config.relayer!);
      const fake = await (await l2Bridge.relayDeposits([forged])).wait();
      const later = await (await bob.sendTransaction({ to: carol.address, value: 3n })).wait();
      const spend = await (await mallory.sendTransaction({ to: carol.address, value: parseEther("400") })).wait();

      // Honest sequencers refuse to build or sign over the forged block, naming it and the key that relayed.
      const proposer = await scheduled(r);
      const refusal = await proposer.buildNextBatch().catch((error: unknown) => error);
      expect(refusal).to.be.instanceOf(InvalidL2BlockError);
      expect((refusal as InvalidL2BlockError).blockNumber).to.equal(BigInt(fake!.blockNumber));
      expect((refusal as InvalidL2BlockError).reason).to.match(/differ from L1's queue/);
      // Attributable: the relay key is the attacker's signer key, registered on L1 as its sequencer's.
      expect((refusal as InvalidL2BlockError).relayer).to.equal(attacker.address);
      expect(await r.l1.registry.sequencerOf(attacker.address)).not.to.equal(ZeroAddress);
      const head = BigInt(await r.l2.provider.getBlockNumber());
      const blocks = await readL2Blocks(r.l2.provider, r.l2.bridgeAddress, 1n, head);
      const forgedBatch = buildBatch(1n, (await r.l1.batchChain.headerHash(0)) as Hex, blocks);
      for (const signer of r.sequencers.filter((s) => s !== attacker)) {
        await expect(signer.sign(forgedBatch.header)).to.be.rejectedWith(InvalidL2BlockError);
      }

      // Recovery: the L2 is rebuilt without the forged block; the honest relayer relays the real deposit again, and
      // the other transactions are sent again. Mallory's spend of forged ETH is no longer valid.
      const report = await proposer.recover(r.node);
      expect(report?.invalidBlock).to.equal(BigInt(fake!.blockNumber));
      expect(report?.replayed).to.include(later!.hash);
      expect(report?.discarded).to.include(spend!.hash);
      expect(await r.l2.provider.getTransactionReceipt(transfer!.hash)).not.to.equal(null); // before it: kept
      expect(await r.l2Bridge.depositChainHash()).to.equal(await r.l1.bridge.depositChainAt(1));
      expect(await r.l2.provider.getBalance(mallory.address)).to.be.lessThan(parseEther("101"));

      const { batch } = await proposeNext(r);
      expect(batch.header.depositCount).to.equal(1n);
      expect(await r.l1.batchChain.batchCount()).to.equal(2n);
      await expectEthBacked(r);
    });

    it("drops a forged relay made from delegated code too, judging transactions by what they did", async function () {
      const r = await rollup();
      const mallory = r.l2.users[2]!;
      const attacker = r.sequencers[1]!;
      const key = attacker.config.relayer!;
      const forwarder = await new CallForwarder__factory(mallory).deploy();
      const { chainId } = await r.l2.provider.getNetwork();
      // The attacker delegates its relay key to the forwarder (an ordinary, valid L2 transaction)...
      const authorization = await key.authorize({
        address: await forwarder.getAddress(),
        nonce: (await key.getNonce()) + 1,
        chainId,
      });
      await (await key.sendTransaction({ type: 4, to: mallory.address, authorizationList: [authorization] })).wait();
      // ...and relays a forged deposit from its own code, in a transaction to itself.
      const forged = await inventedDeposit(mallory.address, parseEther("500"));
      const relay = L2Bridge__factory.createInterface().encodeFunctionData("relayDeposits", [[forged]]);
      const call = forwarder.interface.encodeFunctionData("forward", [r.l2.bridgeAddress, relay]);
      const forgedTx = await (await key.sendTransaction({ to: key.address, data: call })).wait();
      expect(await r.l2Bridge.depositCount()).to.equal(1n);

      const proposer = await scheduled(r);
      const report = await proposer.recover(r.node);
      expect(report?.invalidBlock).to.equal(BigInt(forgedTx!.blockNumber));
      expect(report?.replayed).not.to.include(forgedTx!.hash);
      expect(await proposer.findInvalidBlock()).to.equal(undefined);
      expect(await r.l2Bridge.depositCount()).to.equal(0n);
      await (await r.l2.users[0]!.sendTransaction({ to: mallory.address, value: 1n })).wait();
      await proposeNext(r);
      await expectEthBacked(r);
    });

    it("treats a relay of a real deposit that is not final here yet as not final, never as invalid", async function () {
      const r = await rollup(); // the relayers count a deposit as final at once
      await depositETH(r.l1.bridge.connect(r.deployer), r.l2.users[0]!.address, parseEther("1"));
      const proposer = await scheduled(r);
      await proposer.buildNextBatch(); // relays it
      const peer = r.sequencers.find((s) => s !== proposer)!;
      const lagging = new Sequencer({ ...peer.config, l1Finality: { confirmations: 3 } });
      expect(await lagging.findInvalidBlock()).to.equal(undefined); // so recovery never drops it
      const head = BigInt(await r.l2.provider.getBlockNumber());
      await expect(lagging.deriveBatch(1n, head)).to.be.rejectedWith(L2BlockNotFinalError);
      // As proposer, it batches the blocks before the relay; once the deposit is deep enough, the relay too.
      const early = await lagging.buildNextBatch();
      expect(early.header.depositCount).to.equal(0n);
      await mine(3);
      const later = await lagging.buildNextBatch();
      expect(later.header.depositCount).to.equal(1n);
    });

    it("treats an L2 token created with metadata that is not its L1 token's as invalid", async function () {
      const r = await rollup();
      const usdc = await ethers.deployContract("TestERC20", ["USD Coin", "USDC"]);
      const attacker = r.sequencers[2]!;
      // Before the first deposit, the attacker dresses the L2 token up as another asset.
      await (
        await L2Bridge__factory.connect(r.l2.bridgeAddress, attacker.config.relayer!).createL2Token(
          await usdc.getAddress(),
          "Tether USD",
          "USDT",
          6,
        )
      ).wait();
      await (await usdc.mint(await r.deployer.getAddress(), 10n ** 18n)).wait();
      await (await usdc.approve(await r.l1.bridge.getAddress(), 10n ** 18n)).wait();
      await (await r.l1.bridge.depositERC20(await usdc.getAddress(), r.l2.users[0]!.address, 10n ** 18n)).wait();
      const proposer = await scheduled(r);
      const refusal = await proposer.buildNextBatch().catch((error: unknown) => error);
      expect(refusal).to.be.instanceOf(InvalidL2BlockError);
      expect((refusal as InvalidL2BlockError).reason).to.match(/not the L1 token's metadata/);
      expect((refusal as InvalidL2BlockError).relayer).to.equal(attacker.address);
      await proposer.recover(r.node);
      const { batch } = await proposeNext(r);
      expect(batch.header.depositCount).to.equal(1n);
      const l2Token = L2Token__factory.connect(await r.l2Bridge.l2TokenOf(await usdc.getAddress()), r.l2.provider);
      expect([await l2Token.name(), await l2Token.symbol(), await l2Token.decimals()]).to.deep.equal([
        "USD Coin",
        "USDC",
        18n,
      ]);
    });

    it("treats a relay by an allowed key that is no sequencer's as invalid", async function () {
      const r = await rollup();
      const rogue = seededWallet("rogue relayer", r.l2.provider);
      await (await r.l2Bridge.setRelayer(rogue.address, true)).wait();
      await (await r.l2.system.sendTransaction({ to: rogue.address, value: parseEther("1") })).wait();
      const { deposit } = await depositETH(r.l1.bridge.connect(r.deployer), rogue.address, 5n);
      // Even a faithful relay of a real deposit is invalid from a key L1 cannot hold to account.
      await (await L2Bridge__factory.connect(r.l2.bridgeAddress, rogue).relayDeposit(deposit)).wait();
      const proposer = await scheduled(r);
      await expect(proposer.buildNextBatch()).to.be.rejectedWith(InvalidL2BlockError, /no sequencer's key/);
      await proposer.recover(r.node);
      const { batch } = await proposeNext(r);
      expect(batch.header.depositCount).to.equal(1n);
    });
  });

  describe("a rollback of a valid batch", function () {
    it("re-batches the same blocks under another header, since the rolled-back one is banned for good", async function () {
      const r = await rollup();
      // The DA request manager's rollback (its ROLLBACK_ROLE, as deployL1 wired it).
      const { daCaller: caller } = await wiredHooks(r.l1);
      const [alice, bob] = r.l2.users as [Wallet, Wallet];
      for (let i = 0; i < 2; i++) await (await alice.sendTransaction({ to: bob.address, value: 1n })).wait();
      const { batch: first } = await proposeNext(r);
      await caller.rollback(1); // say, a DA request nobody answered in time, though the blocks were fine
      expect(await r.l1.batchChain.isRolledBack(headerHash(first.header))).to.equal(true);

      // The honest proposer derives the same header again; it leaves the last block to the next batch instead.
      const { batch: again } = await proposeNext(r);
      expect(again.header.batchIndex).to.equal(1n);
      expect(again.header.lastBlock).to.equal(BigInt(first.header.lastBlock) - 1n);
      const { batch: next } = await proposeNext(r);
      expect(next.header.firstBlock).to.equal(first.header.lastBlock);
      expect(await r.l1.batchChain.batchCount()).to.equal(3n);
    });
  });

  describe("L2 ETH that no deposit put there", function () {
    it("is backed on L1 from deployment: a genesis account's withdrawal never spends a depositor's escrow", async function () {
      const r = await rollup();
      const reader = new BridgeReader({ ...r.addresses, l1: ethers.provider, l2: r.l2.provider });
      const genesisUser = r.l2.users[5]!; // funded by the genesis, never deposited
      const depositor = r.l2.users[6]!;
      await depositETH(r.l1.bridge.connect(r.deployer), depositor.address, parseEther("5"));
      await proposeNext(r);
      const stranger = await withdrawETH(
        r.l2Bridge.connect(genesisUser),
        seededAddress("stranger l1To"),
        parseEther("5"),
      );
      const own = await withdrawETH(r.l2Bridge.connect(depositor), seededAddress("depositor l1To"), parseEther("5"));
      await proposeNext(r);
      await expectEthBacked(r);
      await time.increase(WEEK);
      for (const initiated of [stranger, own]) {
        const proof = await reader.buildWithdrawalProof(initiated.hash);
        await finalizeWithdrawal(r.l1.bridge.connect(r.deployer), proof);
        expect((await reader.getWithdrawalStatus(initiated.hash)).status).to.equal("Finalized");
      }
      await expectEthBacked(r);
    });
  });
});
