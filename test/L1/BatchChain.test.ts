import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { parseEther, ZeroHash } from "ethers";
import { ethers } from "hardhat";

import {
  MAX_BATCH_BLOCKS,
  batchHeaderDomain,
  blockLeaf,
  depositChainHash,
  domainSeparator,
  headerDigest,
  headerHash,
  type Address,
  type BatchHeader,
  type DepositInput,
  type Hex,
} from "../../sdk/src/proof";
import {
  deployWithSequencers,
  GENESIS,
  nextHeader,
  scheduledSequencer,
  signHeader,
  Status,
  submitNext,
  type L1Fixture,
} from "../helpers/l1";
import { governanceSigner, wiredHooks } from "../helpers/governance";

const DAY = 24 * 60 * 60;
const WEEK = 7 * DAY;

/** Deposits ETH from the deployer and returns the deposit as the L2 bridge will relay it. */
async function depositETH(l1: L1Fixture, amount = parseEther("1")): Promise<DepositInput> {
  const to = l1.sequencers[0]!.account.address as Address;
  const receipt = await (await l1.bridge.depositETH(to, { value: amount })).wait();
  const event = l1.bridge.interface.parseLog(receipt!.logs[0]!)!;
  return {
    index: event.args.index,
    from: event.args.from,
    to: event.args.to,
    l1Token: event.args.l1Token,
    amount: event.args.amount,
    l1Timestamp: event.args.l1Timestamp,
  };
}

/** Submits `header` as the scheduled proposer with every sequencer's signature (expecting it may revert). */
async function submit(l1: L1Fixture, header: BatchHeader) {
  const proposer = await scheduledSequencer(l1);
  const signatures = await signHeader(
    l1,
    header,
    l1.sequencers.map((s) => s.signer),
  );
  return l1.batchChain.connect(proposer.signer).submitBatch(header, signatures);
}

describe("BatchChain", function () {
  async function chainFixture() {
    return deployWithSequencers(4);
  }

  async function withHooks() {
    const l1 = await deployWithSequencers(4);
    const { disputer, daCaller } = await wiredHooks(l1);
    for (let i = 0; i < 4; i++) await submitNext(l1);
    return { ...l1, disputer, daCaller };
  }

  describe("genesis anchor", function () {
    it("is batch 0: the L2 genesis block as its only block leaf, final from the start", async function () {
      const l1 = await loadFixture(chainFixture);
      const anchor: BatchHeader = {
        batchIndex: 0,
        parentHash: ZeroHash as Hex,
        firstBlock: GENESIS.number,
        lastBlock: GENESIS.number,
        txCount: 0,
        txBatchRoot: ZeroHash as Hex,
        stateBatchRoot: blockLeaf(GENESIS),
        depositCount: 0,
        depositChainHash: ZeroHash as Hex,
        dataHash: ZeroHash as Hex,
      };
      expect(await l1.batchChain.headerHash(0)).to.equal(headerHash(anchor));
      expect(await l1.batchChain.batchStatus(0)).to.equal(Status.Finalized);
      expect(await l1.batchChain.batchCount()).to.equal(1n);
      const [hash, , lastBlock, depositCount] = await l1.batchChain.batchInfo(0);
      expect([hash, lastBlock, depositCount]).to.deep.equal([headerHash(anchor), 0n, 0n]);
      const deployment = await l1.batchChain.deploymentTransaction()!.wait();
      const event = deployment!.logs
        .map((log) => l1.batchChain.interface.parseLog(log))
        .find((e) => e?.name === "BatchSubmitted")!;
      expect(event.args.headerHash).to.equal(headerHash(anchor));
      expect(event.args.stateBatchRoot).to.equal(blockLeaf(GENESIS));
    });

    it("uses the protocol's EIP-712 domain for this chain and contract", async function () {
      const l1 = await loadFixture(chainFixture);
      const { chainId } = await ethers.provider.getNetwork();
      const domain = batchHeaderDomain(chainId, (await l1.batchChain.getAddress()) as Address);
      expect(await l1.batchChain.domainSeparator()).to.equal(domainSeparator(domain));
      const header = await nextHeader(l1);
      expect(await l1.batchChain.headerDigest(header)).to.equal(headerDigest(header, domain));
    });
  });

  describe("submitBatch", function () {
    it("accepts the scheduled proposer's batch, stores it and emits every field", async function () {
      const l1 = await loadFixture(chainFixture);
      const header = await nextHeader(l1);
      const proposer = await scheduledSequencer(l1);
      const tx = submit(l1, header);
      await expect(tx)
        .to.emit(l1.batchChain, "BatchSubmitted")
        .withArgs(
          1,
          proposer.signer.address,
          headerHash(header),
          header.parentHash,
          header.firstBlock,
          header.lastBlock,
          header.txCount,
          header.txBatchRoot,
          header.stateBatchRoot,
          header.depositCount,
          header.depositChainHash,
          header.dataHash,
        );
      const submittedAt = await time.latest();
      const [hash, at, lastBlock, depositCount] = await l1.batchChain.batchInfo(1);
      expect([hash, at, lastBlock, depositCount]).to.deep.equal([
        headerHash(header),
        BigInt(submittedAt),
        header.lastBlock,
        0n,
      ]);
      expect(await l1.batchChain.batchCount()).to.equal(2n);
      expect(await l1.batchChain.batchStatus(1)).to.equal(Status.Pending);
      expect(await l1.batchChain.batchStatus(2)).to.equal(Status.None);
      const [tipBlock, , , lastAcceptedAt] = await l1.batchChain.tip();
      expect([tipBlock, lastAcceptedAt]).to.deep.equal([header.lastBlock, BigInt(submittedAt)]);
    });

    it("keeps the records of many batches, in both halves of each pair", async function () {
      const l1 = await loadFixture(chainFixture);
      const submitted: { header: BatchHeader; at: number }[] = [];
      for (let i = 0; i < 5; i++) {
        const { header } = await submitNext(l1);
        submitted.push({ header, at: await time.latest() });
      }
      for (const { header, at } of submitted) {
        const [hash, submittedAt, lastBlock] = await l1.batchChain.batchInfo(header.batchIndex);
        expect([hash, submittedAt, lastBlock]).to.deep.equal([
          headerHash(header),
          BigInt(at),
          BigInt(header.lastBlock),
        ]);
      }
    });

    it("rejects a wrong batch index", async function () {
      const l1 = await loadFixture(chainFixture);
      for (const batchIndex of [2n, 0n]) {
        await expect(submit(l1, await nextHeader(l1, { batchIndex })))
          .to.be.revertedWithCustomError(l1.batchChain, "BatchChainUnexpectedIndex")
          .withArgs(1, batchIndex);
      }
      expect(await l1.batchChain.batchCount()).to.equal(1n);
    });

    it("rejects a wrong parent hash", async function () {
      const l1 = await loadFixture(chainFixture);
      const parentHash = ethers.keccak256("0x01") as Hex;
      await expect(submit(l1, await nextHeader(l1, { parentHash })))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainUnexpectedParent")
        .withArgs(await l1.batchChain.headerHash(0), parentHash);
    });

    it("rejects a gap or an overlap with the previous batch's blocks", async function () {
      const l1 = await loadFixture(chainFixture);
      await submitNext(l1);
      const [lastBlock] = await l1.batchChain.tip();
      for (const firstBlock of [lastBlock + 2n, lastBlock, lastBlock - 1n]) {
        await expect(submit(l1, await nextHeader(l1, { firstBlock, lastBlock: firstBlock + 3n })))
          .to.be.revertedWithCustomError(l1.batchChain, "BatchChainNotContiguous")
          .withArgs(lastBlock + 1n, firstBlock);
      }
    });

    it("rejects an empty or oversized block range", async function () {
      const l1 = await loadFixture(chainFixture);
      await expect(submit(l1, await nextHeader(l1, { lastBlock: 0n })))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainInvalidBlockRange")
        .withArgs(1, 0);
      await expect(submit(l1, await nextHeader(l1, { lastBlock: 2n ** 48n })))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainInvalidBlockRange")
        .withArgs(1, 2n ** 48n);
    });

    it("holds at most 2^32 blocks in one batch, the bound L1Bridge and the SDK apply to block proofs", async function () {
      const l1 = await loadFixture(chainFixture);
      const harness = await ethers.deployContract("BatchLibHarness");
      expect(await harness.maxBatchBlocks()).to.equal(MAX_BATCH_BLOCKS);
      await expect(submit(l1, await nextHeader(l1, { lastBlock: MAX_BATCH_BLOCKS + 1n })))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainInvalidBlockRange")
        .withArgs(1, MAX_BATCH_BLOCKS + 1n);
      await submit(l1, await nextHeader(l1, { lastBlock: MAX_BATCH_BLOCKS }));
      const [lastBlock] = await l1.batchChain.tip();
      expect(lastBlock).to.equal(MAX_BATCH_BLOCKS);
    });

    it("rejects a quorum of exactly two thirds", async function () {
      const l1 = await deployWithSequencers(3);
      const header = await nextHeader(l1);
      const proposer = await scheduledSequencer(l1);
      const others = l1.sequencers.filter((s) => s !== proposer);
      const signatures = await signHeader(l1, header, [proposer.signer, others[0]!.signer]);
      await expect(
        l1.batchChain.connect(proposer.signer).submitBatch(header, signatures),
      ).to.be.revertedWithCustomError(l1.registry, "SequencerRegistryInsufficientQuorum");
      expect(await l1.batchChain.batchCount()).to.equal(1n);
    });

    it("rejects a header word that does not fit its type, however it was signed", async function () {
      const l1 = await loadFixture(chainFixture);
      const header = await nextHeader(l1);
      const proposer = await scheduledSequencer(l1);
      const signatures = await signHeader(
        l1,
        header,
        l1.sequencers.map((s) => s.signer),
      );
      // txCount is the fifth header word (after the selector): put bits above uint32 into it.
      const data = l1.batchChain.interface.encodeFunctionData("submitBatch", [header, signatures]);
      const word = 4 + 4 * 32;
      const dirty = ethers.concat([
        ethers.dataSlice(data, 0, word),
        ethers.toBeHex((1n << 200n) + BigInt(header.txCount), 32),
        ethers.dataSlice(data, word + 32),
      ]);
      await expect(
        proposer.signer.sendTransaction({ to: await l1.batchChain.getAddress(), data: dirty }),
      ).to.be.revertedWithCustomError(l1.batchChain, "BatchLibMalformedHeader");
      expect(await l1.batchChain.batchCount()).to.equal(1n);
    });

    it("rejects signatures over another header", async function () {
      const l1 = await loadFixture(chainFixture);
      const header = await nextHeader(l1);
      const other = { ...header, txCount: 8 };
      const proposer = await scheduledSequencer(l1);
      const signatures = await signHeader(
        l1,
        other,
        l1.sequencers.map((s) => s.signer),
      );
      await expect(
        l1.batchChain.connect(proposer.signer).submitBatch(header, signatures),
      ).to.be.revertedWithCustomError(l1.registry, "SequencerRegistrySignerNotActive");
    });
  });

  describe("deposit rules", function () {
    it("accepts a batch that includes queued deposits with the queue's chain", async function () {
      const l1 = await loadFixture(chainFixture);
      const deposits = [await depositETH(l1), await depositETH(l1)];
      const chain = depositChainHash(deposits);
      await submitNext(l1, await nextHeader(l1, { depositCount: 2n, depositChainHash: chain }));
      const [, depositCount, tipChain] = await l1.batchChain.tip();
      expect([depositCount, tipChain]).to.deep.equal([2n, chain]);
      // A later batch that adds nothing keeps the same count and chain.
      await submitNext(l1);
    });

    it("accepts a batch that includes only part of the queue", async function () {
      const l1 = await loadFixture(chainFixture);
      const first = await depositETH(l1);
      await depositETH(l1);
      await submitNext(l1, await nextHeader(l1, { depositCount: 1n, depositChainHash: depositChainHash([first]) }));
      expect((await l1.batchChain.tip())[1]).to.equal(1n);
    });

    it("rejects a deposit count that goes back", async function () {
      const l1 = await loadFixture(chainFixture);
      const deposit = await depositETH(l1);
      await submitNext(l1, await nextHeader(l1, { depositCount: 1n, depositChainHash: depositChainHash([deposit]) }));
      await expect(submit(l1, await nextHeader(l1, { depositCount: 0n, depositChainHash: ZeroHash as Hex })))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainDepositCountDecreased")
        .withArgs(1, 0);
    });

    it("rejects a deposit count past the queue", async function () {
      const l1 = await loadFixture(chainFixture);
      await depositETH(l1);
      await expect(submit(l1, await nextHeader(l1, { depositCount: 2n })))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainDepositCountBeyondQueue")
        .withArgs(2, 1);
    });

    it("rejects a wrong deposit chain hash, with and without new deposits", async function () {
      const l1 = await loadFixture(chainFixture);
      const deposit = await depositETH(l1);
      const wrong = ethers.keccak256("0x02") as Hex;
      await expect(submit(l1, await nextHeader(l1, { depositCount: 1n, depositChainHash: wrong })))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainDepositChainMismatch")
        .withArgs(depositChainHash([deposit]), wrong);
      await submitNext(l1, await nextHeader(l1, { depositCount: 1n, depositChainHash: depositChainHash([deposit]) }));
      await expect(submit(l1, await nextHeader(l1, { depositChainHash: wrong })))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainDepositChainMismatch")
        .withArgs(depositChainHash([deposit]), wrong);
    });

    it("rejects a batch that leaves out a deposit older than forceInclusionDelay, and accepts one that includes it", async function () {
      const l1 = await loadFixture(chainFixture);
      const deposit = await depositETH(l1);
      const delay = Number(await l1.batchChain.forceInclusionDelay());
      await time.increaseTo(Number(deposit.l1Timestamp) + delay - 10);
      await submitNext(l1); // not due yet: it may wait
      await time.increaseTo(Number(deposit.l1Timestamp) + delay + 1);
      await expect(submit(l1, await nextHeader(l1)))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainOverdueDepositExcluded")
        .withArgs(0, deposit.l1Timestamp, BigInt(deposit.l1Timestamp) + BigInt(delay));
      await submitNext(l1, await nextHeader(l1, { depositCount: 1n, depositChainHash: depositChainHash([deposit]) }));
      expect((await l1.batchChain.tip())[1]).to.equal(1n);
    });

    it("notices a deposit that became overdue after a batch that included everything", async function () {
      const l1 = await loadFixture(chainFixture);
      const first = await depositETH(l1);
      await submitNext(l1, await nextHeader(l1, { depositCount: 1n, depositChainHash: depositChainHash([first]) }));
      const second = await depositETH(l1);
      await time.increaseTo(Number(second.l1Timestamp) + Number(await l1.batchChain.forceInclusionDelay()) + 1);
      await expect(submit(l1, await nextHeader(l1))).to.be.revertedWithCustomError(
        l1.batchChain,
        "BatchChainOverdueDepositExcluded",
      );
    });
  });

  describe("finalization", function () {
    it("finalizes a batch once the fraud window has passed", async function () {
      const l1 = await loadFixture(chainFixture);
      await submitNext(l1);
      const submittedAt = await time.latest();
      expect(await l1.batchChain.finalizesAt(1)).to.equal(BigInt(submittedAt + WEEK));
      await time.increaseTo(submittedAt + WEEK - 1);
      expect(await l1.batchChain.batchStatus(1)).to.equal(Status.Pending);
      await time.increaseTo(submittedAt + WEEK);
      expect(await l1.batchChain.batchStatus(1)).to.equal(Status.Finalized);
    });

    it("keeps a final batch final when governance lengthens the window", async function () {
      const l1 = await loadFixture(chainFixture);
      // The deployment's window is the longest (7 days, MAX_FRAUD_WINDOW): shorten it first, then lengthen it back.
      await (await l1.batchChain.connect(await governanceSigner(l1)).setFraudProofWindow(DAY)).wait();
      await submitNext(l1);
      await time.increase(DAY);
      await expect(l1.batchChain.connect(await governanceSigner(l1)).setFraudProofWindow(WEEK))
        .to.emit(l1.batchChain, "FraudProofWindowUpdated")
        .withArgs(DAY, WEEK);
      expect(await l1.batchChain.batchStatus(1)).to.equal(Status.Finalized);
      await submitNext(l1);
      expect(await l1.batchChain.finalizesAt(2)).to.equal(BigInt((await time.latest()) + WEEK));
    });

    it("never finalizes a child before its parent when the window is shortened", async function () {
      const l1 = await loadFixture(chainFixture);
      await submitNext(l1);
      const parentDeadline = await l1.batchChain.finalizesAt(1);
      await l1.batchChain.connect(await governanceSigner(l1)).setFraudProofWindow(DAY);
      await submitNext(l1);
      expect(await l1.batchChain.finalizesAt(2)).to.equal(parentDeadline);
      await time.increaseTo(Number(parentDeadline) - 1);
      expect(await l1.batchChain.batchStatus(2)).to.equal(Status.Pending);
    });

    it("keeps deadlines ordered when the window changes again after a rollback", async function () {
      const l1 = await loadFixture(withHooks); // batches 1-4
      await l1.batchChain.connect(await governanceSigner(l1)).setFraudProofWindow(3600); // for batches 5 on
      await submitNext(l1);
      await l1.disputer.rollback(3);
      await l1.batchChain.connect(await governanceSigner(l1)).setFraudProofWindow(3600); // for batches 3 on, replacing the change at 5
      await submitNext(l1);
      const deadlines = await Promise.all([1, 2, 3].map((i) => l1.batchChain.finalizesAt(i)));
      for (let i = 1; i < deadlines.length; i++) expect(deadlines[i]).to.be.at.least(deadlines[i - 1]!);
      await time.increase(2 * 3600);
      expect(await l1.batchChain.batchStatus(2)).to.equal(Status.Pending);
      expect(await l1.batchChain.batchStatus(3)).to.equal(Status.Pending); // its parent is still under a week
    });

    it("keeps a review once it has ended, holding nothing back any more", async function () {
      const l1 = await loadFixture(withHooks);
      await l1.daCaller.markInsecure(3);
      const first = BigInt((await time.latest()) + 10 * DAY);
      await l1.daCaller.clearInsecure(3, first);
      expect(await l1.batchChain.finalizesAt(3)).to.equal(first);
      await time.increaseTo(first + 1n);
      expect(await l1.batchChain.batchStatus(4)).to.equal(Status.Finalized);
      await submitNext(l1);
      await l1.daCaller.markInsecure(5);
      const second = BigInt((await time.latest()) + 10 * DAY);
      await l1.daCaller.clearInsecure(5, second);
      // Batch 3 became final when its review ended, and finalizesAt still says so.
      expect(await l1.batchChain.finalizesAt(3)).to.equal(first);
      expect(await l1.batchChain.finalizesAt(5)).to.equal(second);
      expect(await l1.batchChain.batchStatus(3)).to.equal(Status.Finalized);
      expect(await l1.batchChain.batchStatus(5)).to.equal(Status.Pending);
    });

    it("rejects a window or delay outside its bounds, and a delay in part hours", async function () {
      const l1 = await loadFixture(chainFixture);
      for (const value of [3599, WEEK + 1]) {
        await expect(l1.batchChain.connect(await governanceSigner(l1)).setFraudProofWindow(value))
          .to.be.revertedWithCustomError(l1.batchChain, "BatchChainParameterOutOfRange")
          .withArgs(value, 3600, WEEK);
      }
      for (const value of [3599, WEEK + 3600]) {
        await expect(l1.batchChain.connect(await governanceSigner(l1)).setForceInclusionDelay(value))
          .to.be.revertedWithCustomError(l1.batchChain, "BatchChainParameterOutOfRange")
          .withArgs(value, 3600, WEEK);
      }
      await expect(l1.batchChain.connect(await governanceSigner(l1)).setForceInclusionDelay(5400))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainParameterNotWholeHours")
        .withArgs(5400);
      await expect(l1.batchChain.connect(await governanceSigner(l1)).setForceInclusionDelay(2 * DAY))
        .to.emit(l1.batchChain, "ForceInclusionDelayUpdated")
        .withArgs(DAY, 2 * DAY);
      expect(await l1.batchChain.forceInclusionDelay()).to.equal(2n * BigInt(DAY));
      const [, outsider] = await ethers.getSigners();
      await expect(l1.batchChain.connect(outsider!).setFraudProofWindow(DAY)).to.be.revertedWithCustomError(
        l1.batchChain,
        "AccessControlUnauthorizedAccount",
      );
    });
  });

  describe("batchOfL2Block", function () {
    it("finds the batch that commits each L2 block", async function () {
      const l1 = await loadFixture(chainFixture);
      const headers: BatchHeader[] = [];
      for (let i = 0; i < 5; i++) headers.push((await submitNext(l1)).header);
      expect(await l1.batchChain.batchOfL2Block(0)).to.deep.equal([true, 0n]);
      for (const header of headers) {
        for (const block of [header.firstBlock, header.lastBlock]) {
          expect(await l1.batchChain.batchOfL2Block(block)).to.deep.equal([true, BigInt(header.batchIndex)]);
        }
      }
      expect(await l1.batchChain.batchOfL2Block(BigInt(headers[4]!.lastBlock) + 1n)).to.deep.equal([false, 0n]);
    });
  });

  describe("disputes and DA requests", function () {
    it("marks a batch and every later one Disputed until the dispute closes", async function () {
      const l1 = await loadFixture(withHooks);
      await expect(l1.disputer.markDisputed(2)).to.emit(l1.batchChain, "BatchDisputed").withArgs(2);
      const statuses = async () => Promise.all([1, 2, 3, 4].map((i) => l1.batchChain.batchStatus(i)));
      expect(await statuses()).to.deep.equal(
        [Status.Pending, Status.Disputed, Status.Disputed, Status.Disputed].map(BigInt),
      );
      await l1.disputer.markDisputed(2);
      await l1.disputer.clearDisputed(2);
      expect(await l1.batchChain.batchStatus(2)).to.equal(Status.Disputed);
      await expect(l1.disputer.clearDisputed(2)).to.emit(l1.batchChain, "BatchDisputeCleared").withArgs(2);
      expect(await statuses()).to.deep.equal(
        [Status.Pending, Status.Pending, Status.Pending, Status.Pending].map(BigInt),
      );
      await expect(l1.disputer.clearDisputed(2))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainNothingOpen")
        .withArgs(2);
    });

    it("keeps a disputed batch from finalizing after its window", async function () {
      const l1 = await loadFixture(withHooks);
      await l1.disputer.markDisputed(3);
      await time.increase(WEEK);
      expect(await l1.batchChain.batchStatus(2)).to.equal(Status.Finalized);
      expect(await l1.batchChain.batchStatus(3)).to.equal(Status.Disputed);
      await l1.disputer.clearDisputed(3);
      expect(await l1.batchChain.batchStatus(3)).to.equal(Status.Finalized);
    });

    it("marks a batch and later ones Insecure, and extends review when the data is posted", async function () {
      const l1 = await loadFixture(withHooks);
      await expect(l1.daCaller.markInsecure(3)).to.emit(l1.batchChain, "BatchInsecure").withArgs(3);
      expect(await l1.batchChain.batchStatus(3)).to.equal(Status.Insecure);
      expect(await l1.batchChain.batchStatus(4)).to.equal(Status.Insecure);
      expect(await l1.batchChain.batchStatus(2)).to.equal(Status.Pending);
      await expect(l1.daCaller.markInsecure(3))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainAlreadyOpen")
        .withArgs(3);
      const reviewUntil = BigInt((await time.latest()) + 10 * DAY);
      await expect(l1.daCaller.clearInsecure(3, reviewUntil))
        .to.emit(l1.batchChain, "BatchSecured")
        .withArgs(3, reviewUntil);
      expect(await l1.batchChain.finalizesAt(3)).to.equal(reviewUntil);
      expect(await l1.batchChain.finalizesAt(4)).to.equal(reviewUntil);
      expect(await l1.batchChain.finalizesAt(2)).to.be.lessThan(reviewUntil);
      await expect(l1.daCaller.clearInsecure(3, reviewUntil))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainNothingOpen")
        .withArgs(3);
    });

    it("refuses to open anything against the anchor, an unknown batch or a final batch", async function () {
      const l1 = await loadFixture(withHooks);
      for (const index of [0, 5]) {
        await expect(l1.disputer.markDisputed(index))
          .to.be.revertedWithCustomError(l1.batchChain, "BatchChainUnknownBatch")
          .withArgs(index);
      }
      await time.increase(WEEK);
      await expect(l1.daCaller.markInsecure(1))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainAlreadyFinal")
        .withArgs(1);
    });

    it("reserves the hooks to their roles", async function () {
      const l1 = await loadFixture(withHooks);
      const [, outsider] = await ethers.getSigners();
      const asOutsider = l1.batchChain.connect(outsider!);
      for (const call of [
        () => asOutsider.markDisputed(1),
        () => asOutsider.clearDisputed(1),
        () => asOutsider.markInsecure(1),
        () => asOutsider.clearInsecure(1, 0),
        () => asOutsider.rollback(1),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(l1.batchChain, "AccessControlUnauthorizedAccount");
      }
    });
  });

  describe("rollback", function () {
    it("removes a batch and every later one, restores the tip and accepts a corrected batch", async function () {
      const l1 = await loadFixture(withHooks);
      const [, oneTip] = [0, await l1.batchChain.batchInfo(1)];
      await l1.disputer.markDisputed(4);
      await expect(l1.disputer.rollback(2)).to.emit(l1.batchChain, "BatchesRolledBack").withArgs(2, 5);
      expect(await l1.batchChain.batchCount()).to.equal(2n);
      const statuses = await Promise.all([1, 2, 3, 4, 5].map((i) => l1.batchChain.batchStatus(i)));
      expect(statuses).to.deep.equal(
        [Status.Pending, Status.RolledBack, Status.RolledBack, Status.RolledBack, Status.None].map(BigInt),
      );
      const [lastBlock] = await l1.batchChain.tip();
      expect(lastBlock).to.equal(oneTip[2]);
      const { header } = await submitNext(l1);
      expect(header.batchIndex).to.equal(2n);
      expect(header.firstBlock).to.equal(oneTip[2] + 1n);
      expect(await l1.batchChain.batchStatus(2)).to.equal(Status.Pending);
      expect(await l1.batchChain.batchStatus(3)).to.equal(Status.RolledBack);
    });

    it("restores the deposit count and chain of the batch it rolls back to", async function () {
      const l1 = await loadFixture(withHooks);
      const deposit = await depositETH(l1);
      await submitNext(l1, await nextHeader(l1, { depositCount: 1n, depositChainHash: depositChainHash([deposit]) }));
      await l1.disputer.rollback(5);
      const [, depositCount, chain] = await l1.batchChain.tip();
      expect([depositCount, chain]).to.deep.equal([0n, ZeroHash]);
      await submitNext(l1, await nextHeader(l1, { depositCount: 1n, depositChainHash: depositChainHash([deposit]) }));
    });

    it("cannot roll back the anchor, an unknown batch or a final batch", async function () {
      const l1 = await loadFixture(withHooks);
      for (const index of [0, 5]) {
        await expect(l1.disputer.rollback(index))
          .to.be.revertedWithCustomError(l1.batchChain, "BatchChainCannotRollBack")
          .withArgs(index);
      }
      await time.increase(WEEK);
      await expect(l1.disputer.rollback(1))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainCannotRollBack")
        .withArgs(1);
      expect(await l1.batchChain.batchCount()).to.equal(5n);
    });

    it("never reads a rolled-back batch's leftover record as a live batch's", async function () {
      const l1 = await loadFixture(withHooks); // batches 1-4, records of 2 and 3 share a slot
      const staleDeadline = await l1.batchChain.finalizesAt(2);
      await l1.disputer.rollback(2);
      await time.increase(DAY);
      await submitNext(l1); // batch 2 again; the slot still holds the old records of 2 and 3
      const deadline = await l1.batchChain.finalizesAt(2);
      expect(deadline).to.be.greaterThan(staleDeadline);
      expect(await l1.batchChain.batchStatus(3)).to.equal(Status.RolledBack);
      await time.increaseTo(staleDeadline);
      expect(await l1.batchChain.batchStatus(1)).to.equal(Status.Finalized);
      expect(await l1.batchChain.batchStatus(2)).to.equal(Status.Pending);
      for (let i = 0; i < 3; i++) await submitNext(l1); // batches 3-5: past every rolled-back index
      expect(await Promise.all([3, 4, 5, 6].map((i) => l1.batchChain.batchStatus(i)))).to.deep.equal(
        [Status.Pending, Status.Pending, Status.Pending, Status.None].map(BigInt),
      );
      await time.increaseTo(deadline);
      expect(await l1.batchChain.batchStatus(2)).to.equal(Status.Finalized);
      expect(await l1.batchChain.batchStatus(3)).to.equal(Status.Pending);
    });

    it("never accepts a rolled-back header again, with its old signatures or fresh ones", async function () {
      const l1 = await loadFixture(withHooks); // batches 1-4
      const header = await nextHeader(l1);
      const signatures = await signHeader(
        l1,
        header,
        l1.sequencers.map((s) => s.signer),
      );
      const proposer = await scheduledSequencer(l1);
      await l1.batchChain.connect(proposer.signer).submitBatch(header, signatures); // batch 5
      const child = (await submitNext(l1)).header; // batch 6, built on it
      await l1.disputer.rollback(5);

      // Verbatim, from the proposer scheduled now: its signers are unslashed, so only the ban stops it.
      const replay = l1.batchChain.connect((await scheduledSequencer(l1)).signer).submitBatch(header, signatures);
      await expect(replay)
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainHeaderRolledBack")
        .withArgs(headerHash(header));
      await expect(submit(l1, header))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainHeaderRolledBack")
        .withArgs(headerHash(header));
      // Its descendants can never connect again: their parent is the banned header, never the tip.
      await expect(submit(l1, { ...child, batchIndex: 5n }))
        .to.be.revertedWithCustomError(l1.batchChain, "BatchChainUnexpectedParent")
        .withArgs(header.parentHash, headerHash(header));

      // Another header takes index 5; rolled back in turn, both stay banned, and a third is accepted.
      const other = (await submitNext(l1)).header;
      await l1.disputer.rollback(5);
      for (const banned of [header, other]) {
        await expect(submit(l1, banned))
          .to.be.revertedWithCustomError(l1.batchChain, "BatchChainHeaderRolledBack")
          .withArgs(headerHash(banned));
      }
      const third = (await submitNext(l1)).header;
      expect(await l1.batchChain.headerHash(5)).to.equal(headerHash(third));
      expect(await l1.batchChain.batchStatus(5)).to.equal(Status.Pending);
    });

    it("resets the rotation clock so no one is charged for the rolled-back time", async function () {
      const l1 = await loadFixture(withHooks);
      await time.increase(10 * Number(await l1.registry.rotationTimeout()));
      await l1.disputer.rollback(3);
      const [, , , lastAcceptedAt] = await l1.batchChain.tip();
      expect(lastAcceptedAt).to.equal(BigInt(await time.latest()));
      const receipt = (await submitNext(l1)).receipt;
      expect(receipt.logs.some((log) => l1.registry.interface.parseLog(log)?.name === "TurnMissed")).to.equal(false);
    });
  });
});
