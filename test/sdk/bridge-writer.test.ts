import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { getAddress, parseEther, ZeroAddress, type Wallet } from "ethers";
import { ethers } from "hardhat";

import { BridgeReader } from "../../sdk/src/bridge/reader";
import { BridgeWriter } from "../../sdk/src/bridge/bridge-writer";
import { FalseReturningToken__factory } from "../../sdk/src/contracts/typechain";
import {
  BridgeArgumentError,
  ChainMismatchError,
  SignerRequiredError,
  TokenApprovalFailedError,
} from "../../sdk/src/errors/bridge";
import { ContractRevertError } from "../../sdk/src/errors/contract";
import type { Address } from "../../sdk/src/proof";
import { proposeNext, removeRollupDirectories, rollup, type Rollup } from "../helpers/rollup";
import { deploymentOf } from "../helpers/deployment";
import { seededAddress, seededWallet } from "../helpers/seeded";

const WEEK = 7 * 24 * 60 * 60;

/** A funded L1 account of its own, holding `tokens` METIS. */
async function l1User(r: Rollup, label: string, tokens = 0n): Promise<Wallet> {
  const user = seededWallet(label, ethers.provider);
  await ethers.provider.send("hardhat_setBalance", [user.address, "0x56BC75E2D63100000"]);
  if (tokens > 0n) await (await r.l1.token.transfer(user.address, tokens)).wait();
  return user;
}

/** The error `run` rejects with; fails the test when it resolves. */
async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return expect.fail("expected a rejection");
}

describe("BridgeWriter", function () {
  after(removeRollupDirectories);

  it("deposits ETH: the response at once, its deposit from wait(); estimateGas and populate describe the call", async function () {
    const r = await rollup();
    const deployment = await deploymentOf(r);
    const user = await l1User(r, "writer ETH depositor");
    const writer = new BridgeWriter({ deployment, l1Signer: user });
    const to = seededAddress("writer ETH recipient");
    const amount = parseEther("2");

    const gas = await writer.estimateGas.depositETH(to, amount);
    expect(gas > 21_000n && gas < 500_000n, `gas ${gas}`).to.equal(true);
    const unsigned = await writer.populate.depositETH(to, amount);
    expect(unsigned).to.deep.equal({
      to: deployment.contracts.l1Bridge,
      data: r.l1.bridge.interface.encodeFunctionData("depositETH", [to]),
      value: amount,
      from: user.address,
      chainId: 31337n,
    });
    expect(await ethers.provider.getTransactionCount(user.address), "populate sends nothing").to.equal(0);

    const pending = await writer.depositETH(to, amount);
    expect(pending.hash).to.equal(pending.response.hash);
    const queued = await pending.wait();
    expect(queued.deposit).to.deep.include({ index: 0n, to, l1Token: ZeroAddress, amount });
    expect(queued.deposit.from.toLowerCase()).to.equal(user.address.toLowerCase());
    expect(queued.receipt.hash).to.equal(pending.hash);

    // The unsigned transaction, signed and sent elsewhere, queues the same deposit.
    const sent = await (await user.sendTransaction(unsigned)).wait();
    const reader = new BridgeReader({ deployment, l1: ethers.provider, l2: r.l2.provider });
    const [status] = await reader.getDepositStatus({ l1TxHash: sent!.hash as Address });
    expect(status!.deposit).to.deep.include({ index: 1n, amount });
  });

  it("approves and deposits METIS, or deposits it with one permit signature and no approval", async function () {
    const r = await rollup();
    const deployment = await deploymentOf(r);
    const user = await l1User(r, "writer ERC20 depositor", parseEther("100"));
    const writer = new BridgeWriter({ deployment, l1Signer: user });
    const token = getAddress(deployment.contracts.token);
    const to = seededAddress("writer ERC20 recipient");

    // No allowance: the token's revert, decoded, from the action itself; nothing sent.
    const short = await rejection(() => writer.depositERC20(token, to, parseEther("10")));
    expect(short).to.be.instanceOf(ContractRevertError);
    expect(short).to.deep.include({
      contract: "ERC20",
      errorName: "ERC20InsufficientAllowance",
      args: { spender: await r.l1.bridge.getAddress(), allowance: 0n, needed: parseEther("10") },
    });
    expect(await ethers.provider.getTransactionCount(user.address)).to.equal(0);

    const approval = await (await writer.approve(token, parseEther("10"))).wait();
    expect(approval.status).to.equal(1);
    expect(await r.l1.token.allowance(user.address, deployment.contracts.l1Bridge)).to.equal(parseEther("10"));
    const queued = await (await writer.depositERC20(token, to, parseEther("10"))).wait();
    expect(queued.deposit).to.deep.include({ l1Token: token, amount: parseEther("10") });

    // More than the balance: the token's ERC20InsufficientBalance, typed.
    await (await writer.approve(token, parseEther("1000"))).wait();
    const poor = await rejection(() => writer.depositERC20(token, to, parseEther("1000")));
    expect(poor).to.deep.include({ contract: "ERC20", errorName: "ERC20InsufficientBalance" });
    await (await writer.approve(token, 0n)).wait();

    // Permit: one signature serves the estimate and the deposit; no allowance is left behind.
    let signatures = 0;
    const signTypedData = user.signTypedData.bind(user);
    user.signTypedData = (...args) => {
      signatures++;
      return signTypedData(...args);
    };
    await writer.estimateGas.depositERC20(token, to, parseEther("5"), { permit: true });
    const permitted = await (await writer.depositERC20(token, to, parseEther("5"), { permit: true })).wait();
    expect(permitted.deposit).to.deep.include({ l1Token: token, amount: parseEther("5") });
    expect(signatures).to.equal(1);
    expect(await r.l1.token.allowance(user.address, deployment.contracts.l1Bridge)).to.equal(0n);
  });

  it("withdraws on L2 and finalizes on L1; a revert comes back typed from the action, before sending", async function () {
    const r = await rollup();
    const deployment = await deploymentOf(r);
    const alice = r.l2.users[0]!;
    const l1To = seededAddress("writer l1To");
    const writer = new BridgeWriter({ deployment, l1Signer: r.deployer, l2Signer: alice });
    await (await writer.depositETH(alice.address, parseEther("3"))).wait();
    await proposeNext(r);

    const initiated = await (await writer.withdrawETH(l1To, parseEther("1"))).wait();
    expect(initiated.withdrawal).to.deep.include({ index: 0n, l1To, amount: parseEther("1") });
    const unsigned = await writer.populate.withdrawETH(l1To, 1n);
    expect(unsigned).to.deep.include({ to: deployment.contracts.l2Bridge, chainId: 41088n, from: alice.address });
    const { batch } = await proposeNext(r);
    const reader = new BridgeReader({ deployment, l1: ethers.provider, l2: r.l2.provider });
    const proof = await reader.buildWithdrawalProof(initiated.hash);

    const nonce = await ethers.provider.getTransactionCount(r.deployer.address);
    const early = await rejection(() => writer.finalizeWithdrawal(proof));
    expect(early).to.be.instanceOf(ContractRevertError);
    expect(early).to.deep.include({
      contract: "L1Bridge",
      errorName: "L1BridgeBatchNotFinal",
      args: { batchIndex: batch.header.batchIndex, status: 1n },
    });
    expect(await ethers.provider.getTransactionCount(r.deployer.address)).to.equal(nonce);

    await time.increase(WEEK);
    const receipt = await (await writer.finalizeWithdrawal(proof)).wait();
    expect(receipt.status).to.equal(1);
    expect(await ethers.provider.getBalance(l1To)).to.equal(parseEther("1"));
    const again = await rejection(() => writer.finalizeWithdrawal(proof));
    expect(again).to.deep.include({ contract: "L1Bridge", errorName: "L1BridgeWithdrawalAlreadyFinalized" });
  });

  describe("refuses before sending", function () {
    it("an action without its chain's signer (SignerRequiredError)", async function () {
      const r = await rollup();
      const writer = new BridgeWriter({ deployment: await deploymentOf(r), l1: ethers.provider });
      const to = seededAddress("unsigned recipient");
      await expect(writer.depositETH(to, 1n)).to.be.rejectedWith(SignerRequiredError);
      const error = await rejection(() => writer.withdrawETH(to, 1n));
      expect(error).to.deep.include({ name: "SignerRequiredError", chain: "L2", action: "withdrawETH" });
      await expect(writer.estimateGas.depositETH(to, 1n)).to.be.rejectedWith(SignerRequiredError);
      // populate needs none: the chain id comes from the deployment, `from` is left to the wallet.
      expect(await writer.populate.depositETH(to, 1n)).to.deep.include({ chainId: 31337n, value: 1n });
      expect(await writer.populate.depositETH(to, 1n)).not.to.have.property("from");
    });

    it("malformed input (BridgeArgumentError)", async function () {
      const r = await rollup();
      const user = await l1User(r, "bad input sender");
      const writer = new BridgeWriter({ deployment: await deploymentOf(r), l1Signer: user });
      const to = seededAddress("bad input recipient");
      const cases: [() => Promise<unknown>, string][] = [
        [() => writer.depositETH("0x1234", 1n), "to"],
        [() => writer.depositETH(to, 0n), "amount"],
        [() => writer.depositETH(to, -5n), "amount"],
        [() => writer.depositERC20(to, "nope", 1n), "to"],
        [() => writer.approve(to, -1n), "amount"],
        [() => writer.populate.withdrawERC20(to, to, 0n), "amount"],
        [() => writer.populate.depositETH(to, 1n << 256n), "amount"],
        [() => writer.approve(to, 1n << 256n), "amount"],
        [async () => new BridgeWriter({ batchChain: to, l1Bridge: "evil.eth", l2Bridge: to }), "l1Bridge"],
      ];
      for (const [run, argument] of cases) {
        const error = await rejection(run);
        expect(error).to.be.instanceOf(BridgeArgumentError);
        expect(error).to.have.property("argument", argument);
      }
      expect(await ethers.provider.getTransactionCount(user.address)).to.equal(0);
      // An address beside the deployment that is not the deployment's.
      const deployment = await deploymentOf(r);
      const mismatch = await rejection(async () => new BridgeWriter({ deployment, l1Bridge: to, l1Signer: user }));
      expect(mismatch).to.deep.include({ name: "DeploymentAddressMismatchError", field: "l1Bridge", given: to });
    });

    it("a signer on another chain than the deployment's (ChainMismatchError)", async function () {
      const r = await rollup();
      const user = await l1User(r, "wrong chain sender");
      const writer = new BridgeWriter({ deployment: await deploymentOf(r, { l1ChainId: 1 }), l1Signer: user });
      const error = await rejection(() => writer.depositETH(seededAddress("wrong chain recipient"), 1n));
      expect(error).to.be.instanceOf(ChainMismatchError);
      expect(error).to.deep.include({ chain: "L1", expectedChainId: 1n, actualChainId: 31337n });
      // A permit deposit on the wrong chain asks the wallet for no signature (the chain is checked first).
      let signatures = 0;
      const counting = new Proxy(user, {
        get: (target, property, receiver) =>
          property === "signTypedData"
            ? (...args: Parameters<typeof user.signTypedData>) => ((signatures += 1), target.signTypedData(...args))
            : (Reflect.get(target, property, receiver) as unknown),
      });
      const permitWriter = new BridgeWriter({
        deployment: await deploymentOf(r, { l1ChainId: 1 }),
        l1Signer: counting,
      });
      const token = await r.l1.token.getAddress();
      const permitError = await rejection(() => permitWriter.depositERC20(token, user.address, 1n, { permit: true }));
      expect(permitError).to.be.instanceOf(ChainMismatchError);
      expect(signatures).to.equal(0);
      expect(await ethers.provider.getTransactionCount(user.address)).to.equal(0);
    });

    it("sends every transaction with the deployment's chain id, so a wallet that switched networks refuses it", async function () {
      const r = await rollup();
      const user = await l1User(r, "chain id sender");
      const writer = new BridgeWriter({ deployment: await deploymentOf(r), l1Signer: user });
      const pending = await writer.depositETH(seededAddress("chain id recipient"), 1n);
      expect(pending.response.chainId).to.equal(31337n);
      await pending.wait();
    });

    it("an approval the token refuses by returning false (TokenApprovalFailedError)", async function () {
      const r = await rollup();
      const deployment = await deploymentOf(r);
      const user = await l1User(r, "false approver");
      const token = await (await ethers.deployContract("FalseReturningToken")).getAddress();
      await (await FalseReturningToken__factory.connect(token, r.deployer).setFailApprovals(true)).wait();
      const writer = new BridgeWriter({ deployment, l1Signer: user });
      const error = await rejection(() => writer.approve(token, 7n));
      expect(error).to.be.instanceOf(TokenApprovalFailedError);
      expect(error).to.deep.include({ token, spender: deployment.contracts.l1Bridge, amount: 7n });
      expect(await ethers.provider.getTransactionCount(user.address)).to.equal(0);
    });
  });
});
