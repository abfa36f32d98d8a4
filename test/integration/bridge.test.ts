import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { parseEther } from "ethers";
import { ethers } from "hardhat";

import { BridgeReader } from "../../sdk/src/bridge/reader";
import { depositERC20, depositETH, finalizeWithdrawal, withdrawERC20, withdrawETH } from "../../sdk/src/bridge/writer";
import { L2Token__factory, MetisToken__factory } from "../../sdk/src/contracts/typechain";
import { NotCommittedError, StatusTimeoutError } from "../../sdk/src/errors/bridge";
import { ContractRevertError } from "../../sdk/src/errors/contract";
import { verifyTxInclusion, verifyWithdrawalProof, type Hex } from "../../sdk/src/proof";
import { expectEthBacked, proposeNext, removeRollupDirectories, rollup, type Rollup } from "../helpers/rollup";
import { seededAddress, seededWallet } from "../helpers/seeded";
import { wiredHooks } from "../helpers/governance";

const WEEK = 7 * 24 * 60 * 60;

function readerOf(r: Rollup): BridgeReader {
  return new BridgeReader({ ...r.addresses, l1: ethers.provider, l2: r.l2.provider });
}

describe("integration: bridge on a real L2", function () {
  after(removeRollupDirectories);

  it("deposits ETH and METIS (with a permit) and follows them to L2", async function () {
    const r = await rollup();
    const reader = readerOf(r);
    const user = seededWallet("permit depositor", ethers.provider);
    await ethers.provider.send("hardhat_setBalance", [user.address, "0x56BC75E2D63100000"]);
    await (await r.l1.token.transfer(user.address, parseEther("300"))).wait();
    const recipient = r.l2.users[4]!.address;

    const eth = await depositETH(r.l1.bridge.connect(user), recipient, parseEther("2"));
    const metis = await depositERC20(
      r.l1.bridge.connect(user),
      await r.l1.token.getAddress(),
      recipient,
      parseEther("300"),
      {
        permit: true,
      },
    );
    expect([eth.deposit.index, metis.deposit.index]).to.deep.equal([0n, 1n]);
    expect(await r.l1.token.allowance(user.address, await r.l1.bridge.getAddress())).to.equal(0n);
    expect((await reader.depositRelay(1n)).relayed).to.equal(false);

    await proposeNext(r); // the proposer relays pending deposits first
    const relay = await reader.waitForDepositRelay(1n, { pollMs: 10, timeoutMs: 5_000 });
    expect(relay.relayed).to.equal(true);
    const l2Metis = L2Token__factory.connect(await r.l2Bridge.l2TokenOf(await r.l1.token.getAddress()), r.l2.provider);
    expect(await l2Metis.balanceOf(recipient)).to.equal(parseEther("300"));
    expect([await l2Metis.name(), await l2Metis.symbol(), await l2Metis.decimals()]).to.deep.equal([
      "Metis",
      "METIS",
      18n,
    ]);
  });

  it("withdraws ETH through every status, verifies the proof in the wallet, pays once on L1", async function () {
    const r = await rollup();
    const reader = readerOf(r);
    const alice = r.l2.users[0]!;
    const l1Recipient = seededAddress("ETH l1Recipient");
    // Escrow on L1 to pay from: a deposit, relayed.
    await depositETH(r.l1.bridge.connect(r.deployer), alice.address, parseEther("5"));
    await proposeNext(r);

    const initiated = await withdrawETH(r.l2Bridge.connect(alice), l1Recipient, parseEther("1.5"));
    expect(await reader.getWithdrawalStatus(initiated.hash)).to.deep.equal({
      status: "Initiated",
      l2BlockNumber: initiated.l2BlockNumber,
    });
    await expect(reader.buildWithdrawalProof(initiated.hash)).to.be.rejectedWith(NotCommittedError);

    const { batch } = await proposeNext(r);
    const committed = await reader.getWithdrawalStatus(initiated.hash);
    expect(committed.status).to.equal("Committed");
    if (committed.status !== "Committed") return;
    expect(committed.batchIndex).to.equal(batch.header.batchIndex);
    expect(committed.secondsLeft > BigInt(WEEK - 60) && committed.secondsLeft <= BigInt(WEEK)).to.equal(true);

    // The wallet checks the proof against the header hash it reads from L1, before spending any gas.
    const proof = await reader.buildWithdrawalProof(initiated.hash);
    const trusted = { headerHash: (await r.l1.batchChain.headerHash(committed.batchIndex)) as Hex };
    expect(verifyWithdrawalProof(proof, trusted)).to.deep.equal({ valid: true, leaf: initiated.hash });
    const tampered = { ...proof, withdrawal: { ...proof.withdrawal, amount: parseEther("15") } };
    expect(verifyWithdrawalProof(tampered, trusted)).to.include({ valid: false, step: "withdrawal" });
    const otherHeader = { headerHash: (await r.l1.batchChain.headerHash(1n)) as Hex };
    expect(verifyWithdrawalProof(proof, otherHeader)).to.include({ valid: false, step: "header" });

    // Too early: L1 refuses, typed.
    const early = await finalizeWithdrawal(r.l1.bridge, proof).catch((e: unknown) => e);
    expect(early).to.be.instanceOf(ContractRevertError);
    expect((early as ContractRevertError).errorName).to.equal("L1BridgeBatchNotFinal");

    const seen: string[] = [];
    await time.increase(WEEK);
    const ready = await reader.waitForStatus(initiated.hash, "ReadyToFinalize", {
      pollMs: 10,
      onUpdate: (s) => seen.push(s.status),
    });
    expect(ready).to.deep.equal({ status: "ReadyToFinalize", batchIndex: committed.batchIndex });
    expect(seen.at(-1)).to.equal("ReadyToFinalize");

    await finalizeWithdrawal(r.l1.bridge, proof);
    expect(await ethers.provider.getBalance(l1Recipient)).to.equal(parseEther("1.5"));
    expect(await reader.getWithdrawalStatus(initiated.hash)).to.deep.equal({ status: "Finalized" });
    const again = await finalizeWithdrawal(r.l1.bridge, proof).catch((e: unknown) => e);
    expect(again).to.be.instanceOf(ContractRevertError);
    expect((again as ContractRevertError).errorName).to.equal("L1BridgeWithdrawalAlreadyFinalized");
    expect(await ethers.provider.getBalance(l1Recipient)).to.equal(parseEther("1.5"));
    await expectEthBacked(r); // value conserved across L1 and L2 after the whole flow
  });

  it("withdraws an ERC20 back to its L1 token", async function () {
    const r = await rollup();
    const reader = readerOf(r);
    const bob = r.l2.users[1]!;
    await depositERC20(r.l1.bridge.connect(r.deployer), await r.l1.token.getAddress(), bob.address, parseEther("40"));
    await proposeNext(r);
    const l2Metis = await r.l2Bridge.l2TokenOf(await r.l1.token.getAddress());
    const l1Recipient = seededAddress("ERC20 l1Recipient");
    const initiated = await withdrawERC20(r.l2Bridge.connect(bob), l2Metis, l1Recipient, parseEther("15"));
    await proposeNext(r);
    await time.increase(WEEK);
    await finalizeWithdrawal(r.l1.bridge, await reader.buildWithdrawalProof(initiated.withdrawal.index));
    expect(
      await MetisToken__factory.connect(await r.l1.token.getAddress(), ethers.provider).balanceOf(l1Recipient),
    ).to.equal(parseEther("15"));
  });

  it("reports Insecure and Disputed withdrawals from the batch's status", async function () {
    const r = await rollup();
    const reader = readerOf(r);
    await depositETH(r.l1.bridge.connect(r.deployer), r.l2.users[0]!.address, parseEther("1"));
    await proposeNext(r);
    const initiated = await withdrawETH(r.l2Bridge.connect(r.l2.users[0]!), seededAddress("insecure l1To"), 1n);
    const { batch } = await proposeNext(r);
    const { disputer, daCaller } = await wiredHooks(r.l1);
    // Committed is not Insecure: waiting for Insecure times out, typed, until a DA request opens.
    const early = await reader
      .waitForStatus(initiated.hash, "Insecure", { pollMs: 10, timeoutMs: 200 })
      .catch((e: unknown) => e);
    expect(early).to.be.instanceOf(StatusTimeoutError);
    expect(await reader.waitForStatus(initiated.hash, "Committed", { pollMs: 10 })).to.include({ status: "Committed" });
    await daCaller.markInsecure(batch.header.batchIndex);
    expect(await reader.getWithdrawalStatus(initiated.hash)).to.deep.equal({
      status: "Insecure",
      batchIndex: batch.header.batchIndex,
    });
    expect(await reader.waitForStatus(initiated.hash, "Insecure", { pollMs: 10 })).to.include({ status: "Insecure" });
    // An insecure withdrawal is still committed.
    expect(await reader.waitForStatus(initiated.hash, "Committed", { pollMs: 10 })).to.include({ status: "Insecure" });
    await daCaller.clearInsecure(batch.header.batchIndex, 0);
    await disputer.markDisputed(batch.header.batchIndex);
    expect(await reader.getWithdrawalStatus(initiated.hash)).to.deep.equal({
      status: "Disputed",
      batchIndex: batch.header.batchIndex,
    });
  });

  it("shows where an L2 transaction stands and proves its inclusion", async function () {
    const r = await rollup();
    const reader = readerOf(r);
    const transfer = await (await r.l2.users[2]!.sendTransaction({ to: r.l2.users[3]!.address, value: 1n })).wait();
    const before = await reader.getTransactionInclusion(transfer!.hash as Hex);
    expect(before).to.deep.include({ committed: false, l2BlockNumber: BigInt(transfer!.blockNumber) });
    const { batch } = await proposeNext(r);
    const after = await reader.getTransactionInclusion(transfer!.hash as Hex);
    expect(after).to.deep.include({ committed: true, batchIndex: batch.header.batchIndex, batchStatus: "Pending" });
    const trusted = { headerHash: (await r.l1.batchChain.headerHash(batch.header.batchIndex)) as Hex };
    expect(verifyTxInclusion(after.proof!, trusted).valid).to.equal(true);
    const wrongTx = { ...after.proof!, txHash: ethers.keccak256("0x01") as Hex };
    expect(verifyTxInclusion(wrongTx, trusted)).to.include({ valid: false, step: "transaction" });
  });
});
