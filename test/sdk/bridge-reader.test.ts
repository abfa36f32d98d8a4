import { expect } from "chai";
import { parseEther, type Provider } from "ethers";
import { ethers } from "hardhat";

import { BridgeReader } from "../../sdk/src/bridge/reader";
import { BridgeWriter } from "../../sdk/src/bridge/bridge-writer";
import type { ScanProgress } from "../../sdk/src/bridge/scan";
import type { DepositLifecycle } from "../../sdk/src/bridge/types";
import {
  BridgeArgumentError,
  NoDepositInTransactionError,
  NoWithdrawalInTransactionError,
  TransactionNotFoundError,
} from "../../sdk/src/errors/bridge";
import type { Hex } from "../../sdk/src/proof";
import { recordingProvider, type LogRead } from "../helpers/bridge";
import { deploymentOf } from "../helpers/deployment";
import { proposeNext, removeRollupDirectories, rollup } from "../helpers/rollup";
import { seededAddress, seededWord } from "../helpers/seeded";

describe("BridgeReader", function () {
  after(removeRollupDirectories);

  it("scans from the deployment's blocks in ranges of logChunk, reporting progress, and only new blocks after", async function () {
    const r = await rollup();
    const deployment = await deploymentOf(r);
    const l1Reads: LogRead[] = [];
    const l2Reads: LogRead[] = [];
    const progress: ScanProgress[] = [];
    const reader = new BridgeReader({
      deployment,
      l1: recordingProvider(ethers.provider as Provider, l1Reads),
      l2: recordingProvider(r.l2.provider, l2Reads),
      logChunk: 3,
      onScanProgress: (p) => progress.push(p),
    });
    const writer = new BridgeWriter({ deployment, l1Signer: r.deployer, l2Signer: r.l2.users[0]! });
    await (await writer.depositETH(r.l2.users[0]!.address, parseEther("1"))).wait();
    await proposeNext(r);
    for (let i = 0; i < 4; i++) await (await writer.withdrawETH(seededAddress("scan l1To"), 1n)).wait();
    await proposeNext(r);

    const withdrawals = await reader.withdrawals();
    expect(withdrawals.map((w) => w.withdrawal.index)).to.deep.equal([0n, 1n, 2n, 3n]);
    await reader.buildWithdrawalProof(3n); // reads the batch header from L1
    expect(l1Reads.length > 0 && l2Reads.length > 0).to.equal(true);
    for (const read of l1Reads) {
      expect(read.fromBlock >= deployment.deploymentBlock, `L1 read from ${read.fromBlock}`).to.equal(true);
      expect(read.toBlock - read.fromBlock + 1 <= 3, `L1 read ${read.fromBlock}..${read.toBlock}`).to.equal(true);
    }
    for (const read of l2Reads) {
      expect(read.fromBlock >= deployment.l2BridgeBlock, `L2 read from ${read.fromBlock}`).to.equal(true);
      expect(read.toBlock - read.fromBlock + 1 <= 3, `L2 read ${read.fromBlock}..${read.toBlock}`).to.equal(true);
    }
    const l2Head = await r.l2.provider.getBlockNumber();
    // The first scan of the withdrawals, from the L2 bridge block to the head (later ones read only newer blocks).
    const l2Scan = progress.filter((p) => p.chain === "L2" && p.from === deployment.l2BridgeBlock);
    expect(l2Scan.length).to.equal(Math.ceil((l2Head - deployment.l2BridgeBlock + 1) / 3));
    expect(l2Scan.at(-1)).to.deep.include({ from: deployment.l2BridgeBlock, to: l2Head, done: l2Scan.at(-1)!.total });
    expect(l2Scan.map((p) => p.done)).to.deep.equal([...l2Scan.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.some((p) => p.chain === "L1")).to.equal(true);

    // A second read scans only the blocks since.
    l2Reads.length = 0;
    await (await writer.withdrawETH(seededAddress("scan l1To"), 1n)).wait();
    expect((await reader.withdrawals()).length).to.equal(5);
    expect(l2Reads.every((read) => read.fromBlock > l2Head)).to.equal(true);
  });

  it("tells a deposit's state from its L1 transaction, and reports each state while waiting for its relay", async function () {
    const r = await rollup();
    const deployment = await deploymentOf(r);
    const reader = new BridgeReader({ deployment, l1: ethers.provider, l2: r.l2.provider });
    const writer = new BridgeWriter({ deployment, l1Signer: r.deployer });
    const to = r.l2.users[1]!.address;
    const pending = await writer.depositETH(to, parseEther("1"));
    const queued = await pending.wait();

    const [before] = await reader.getDepositStatus({ l1TxHash: pending.hash });
    const delay = await r.l1.batchChain.forceInclusionDelay();
    expect(before).to.deep.equal({
      deposit: queued.deposit,
      l1TxHash: pending.hash,
      l1BlockNumber: BigInt(queued.receipt.blockNumber),
      lifecycle: {
        status: "Queued",
        index: 0n,
        l1Timestamp: queued.deposit.l1Timestamp,
        forcedInclusionDeadline: queued.deposit.l1Timestamp + delay,
      },
    });
    const seen: DepositLifecycle[] = [];
    const early = await reader
      .waitForDepositRelay(0n, { pollMs: 1, timeoutMs: 0, onUpdate: (s) => seen.push(s) })
      .catch((e: unknown) => e);
    expect(early).to.have.property("name", "StatusTimeoutError");
    expect(seen.map((s) => s.status)).to.deep.equal(["Queued"]);

    await proposeNext(r);
    const relay = await reader.waitForDepositRelay(0n, { pollMs: 1, onUpdate: (s) => seen.push(s) });
    expect(seen.at(-1)).to.deep.equal({
      status: "Relayed",
      index: 0n,
      l2TxHash: relay.l2TxHash,
      l2BlockNumber: relay.l2BlockNumber,
    });
    const [after] = await reader.getDepositStatus({ l1TxHash: pending.hash });
    expect(after!.lifecycle).to.deep.equal(seen.at(-1));

    const unknown = seededWord("no such L1 transaction");
    const notFound = await reader.getDepositStatus({ l1TxHash: unknown }).catch((e: unknown) => e);
    expect(notFound).to.be.instanceOf(TransactionNotFoundError);
    expect(notFound).to.deep.include({ txHash: unknown, chain: "L1" });
    const transfer = await (await r.deployer.sendTransaction({ to: seededAddress("plain"), value: 1n })).wait();
    await expect(reader.getDepositStatus({ l1TxHash: transfer!.hash as Hex })).to.be.rejectedWith(
      NoDepositInTransactionError,
    );
    await expect(reader.getDepositStatus({ l1TxHash: "0x12" as Hex })).to.be.rejectedWith(BridgeArgumentError);
  });

  it("tells a withdrawal's state from its L2 transaction or receipt, and pairs L1 and L2 tokens", async function () {
    const r = await rollup();
    const deployment = await deploymentOf(r);
    const reader = new BridgeReader({ deployment, l1: ethers.provider, l2: r.l2.provider });
    const bob = r.l2.users[2]!;
    const writer = new BridgeWriter({ deployment, l1Signer: r.deployer, l2Signer: bob });
    const token = deployment.contracts.token;
    expect(await reader.l2TokenOf(token), "before the token's first deposit").to.equal(undefined);
    await (await writer.approve(token, parseEther("5"))).wait();
    await (await writer.depositERC20(token, bob.address, parseEther("5"))).wait();
    await (await writer.depositETH(bob.address, parseEther("1"))).wait();
    await proposeNext(r);
    const l2Token = await reader.l2TokenOf(token);
    expect(l2Token).to.equal((await r.l2Bridge.l2TokenOf(token)).toLowerCase());
    expect(await reader.l1TokenOf(l2Token!)).to.equal(token);
    expect(await reader.l1TokenOf(seededAddress("not a bridged token"))).to.equal(undefined);

    const pending = await writer.withdrawERC20(l2Token!, seededAddress("withdrawal l1To"), parseEther("2"));
    const initiated = await pending.wait();
    const [byHash] = await reader.getWithdrawalStatus({ l2TxHash: pending.hash });
    expect(byHash).to.deep.equal({
      initiated,
      lifecycle: { status: "Initiated", l2BlockNumber: initiated.l2BlockNumber },
    });
    await proposeNext(r);
    const receipt = (await r.l2.provider.getTransactionReceipt(pending.hash))!;
    const [byReceipt] = await reader.getWithdrawalStatus({ receipt });
    expect(byReceipt!.lifecycle.status).to.equal("Committed");

    const transfer = await (await bob.sendTransaction({ to: seededAddress("plain L2"), value: 1n })).wait();
    await expect(reader.getWithdrawalStatus({ l2TxHash: transfer!.hash as Hex })).to.be.rejectedWith(
      NoWithdrawalInTransactionError,
    );
    const missing = await reader
      .getWithdrawalStatus({ l2TxHash: seededWord("no such L2 transaction") })
      .catch((e: unknown) => e);
    expect(missing).to.deep.include({ name: "TransactionNotFoundError", chain: "L2" });
  });

  it("forgets what an L2 rewind undid: a cached relay, a kept receipt", async function () {
    const r = await rollup();
    const deployment = await deploymentOf(r);
    const reader = new BridgeReader({ deployment, l1: ethers.provider, l2: r.l2.provider });
    const writer = new BridgeWriter({ deployment, l1Signer: r.deployer, l2Signer: r.l2.users[0]! });
    await (await writer.depositETH(r.l2.users[0]!.address, parseEther("1"))).wait();
    const snapshot = (await r.l2.provider.send("evm_snapshot", [])) as string;
    await proposeNext(r);
    expect(await reader.depositRelay(0n)).to.have.property("relayed", true); // cached from here
    const withdrawn = await (await writer.withdrawETH(seededAddress("rewound l1To"), 1n)).wait();
    const receipt = (await r.l2.provider.getTransactionReceipt(withdrawn.l2TxHash))!;
    expect(await reader.getWithdrawalStatus({ receipt })).to.have.length(1);

    await r.l2.provider.send("evm_revert", [snapshot]);
    expect(await reader.depositRelay(0n)).to.deep.equal({ relayed: false });
    const gone = await reader.getWithdrawalStatus({ receipt }).catch((e: unknown) => e);
    expect(gone).to.deep.include({ name: "TransactionNotFoundError", txHash: receipt.hash, chain: "L2" });
    expect(await reader.withdrawals()).to.deep.equal([]);
  });

  it("refuses providers of other chains than the deployment's (ChainMismatchError)", async function () {
    const r = await rollup();
    const reader = new BridgeReader({
      deployment: await deploymentOf(r, { l2ChainId: 5 }),
      l1: ethers.provider,
      l2: r.l2.provider,
    });
    const error = await reader.withdrawals().catch((e: unknown) => e);
    expect(error).to.deep.include({
      name: "ChainMismatchError",
      chain: "L2",
      expectedChainId: 5n,
      actualChainId: 41088n,
    });
    await expect(reader.getDepositStatus({ l1TxHash: seededWord("any") })).to.be.rejectedWith(/chain/);
  });

  it("keeps the loose-address config, scanning from l1FromBlock / l2FromBlock", async function () {
    const r = await rollup();
    const reads: LogRead[] = [];
    const reader = new BridgeReader({
      ...r.addresses,
      l1: ethers.provider,
      l2: recordingProvider(r.l2.provider, reads),
      l2FromBlock: 1,
    });
    expect(await reader.withdrawals()).to.deep.equal([]);
    expect(reads[0]!.fromBlock).to.equal(1);
    expect(() => new BridgeReader({ ...r.addresses, l1: ethers.provider, l2: r.l2.provider, logChunk: 0 })).to.throw(
      BridgeArgumentError,
    );
  });
});
