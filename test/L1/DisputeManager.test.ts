/**
 * DisputeManager's block challenges on a real in-process L2: forged batches (block leaves, parent links, bridge slots)
 * are convicted with evidence the SDK builds from the L2, and the same challenges against honest batches fail with
 * DisputeManagerNoFault, changing nothing.
 */
import { expect } from "chai";
import { parseEther, ZeroHash } from "ethers";

import { depositETH, withdrawETH } from "../../sdk/src/bridge/writer";
import { L2Bridge__factory } from "../../sdk/src/contracts/typechain";
import {
  blockLeaf,
  depositChainHash,
  headerHash,
  type BatchHeader,
  type BlockLeafInput,
  type Hex,
} from "../../sdk/src/proof";
import { blockEvidence, fetchRlpHeader } from "../../sdk/src/verifier/evidence";
import {
  expectConvicted,
  expectDisputeError,
  l2Transfers,
  proverOf,
  sequencersAt,
  snapshotOf,
} from "../helpers/disputes";
import { contextOf, forgeBatch } from "../helpers/forge";
import { Status } from "../helpers/l1";
import { removeRollupDirectories, rollup } from "../helpers/rollup";
import { seededAddress, seededWord } from "../helpers/seeded";

/** A rollup with batch 1 (the L2's setup blocks) committed honestly and a few more L2 blocks to batch. */
async function withHistory() {
  const r = await rollup();
  const first = await forgeBatch(r);
  await l2Transfers(r, 4);
  return { r, first, ...(await proverOf(r)) };
}

describe("DisputeManager: block challenges", function () {
  after(removeRollupDirectories);

  describe("challengeHeader", function () {
    for (const [fault, change] of [
      ["StateRoot", (leaf: BlockLeafInput) => ({ ...leaf, stateRoot: seededWord("forged state root") })],
      ["BlockTimestamp", (leaf: BlockLeafInput) => ({ ...leaf, timestamp: BigInt(leaf.timestamp) + 1n })],
    ] as const) {
      it(`convicts a batch whose leaf has another ${fault === "StateRoot" ? "state root" : "timestamp"} than its header`, async function () {
        const { r, first, prover, challenger } = await withHistory();
        const forged = await forgeBatch(
          r,
          { leaves: (leaves) => void (leaves[2] = change(leaves[2]!)) },
          { signers: sequencersAt(r, 0, 1, 3) },
        );
        await l2Transfers(r, 2);
        const successor = await forgeBatch(r); // built on the forged batch: rolled back with it
        const before = await snapshotOf(r, prover);
        const kind = fault === "StateRoot" ? "stateRoot" : "blockTimestamp";
        const { receipt, outcome } = await challenger.challenge(
          { kind, batchIndex: forged.header.batchIndex, leafIndex: 2 },
          contextOf(r, forged, first),
        );
        await expectConvicted(r, { batch: forged, fault, prover, signers: sequencersAt(r, 0, 1, 3), before, receipt });
        expect(await r.l1.batchChain.batchStatus(successor.header.batchIndex)).to.equal(Status.RolledBack);
        expect(outcome).to.deep.include({ kind: "fault", fault, batchIndex: forged.header.batchIndex });
      });
    }

    it("convicts a leaf whose number is not its position's, without any header", async function () {
      const { r, prover } = await withHistory();
      const forged = await forgeBatch(r, {
        leaves: (leaves) => void (leaves[1] = { ...leaves[1]!, number: BigInt(leaves[1]!.number) + 7n }),
      });
      const before = await snapshotOf(r, prover);
      // The contract reads no header for it: the evidence carries none.
      const evidence = blockEvidence(forged.header, forged.blockLeaves, 1);
      const receipt = await (
        await r.l1.disputeManager.connect(prover).challengeHeader(forged.header, evidence, forged.signatures)
      ).wait();
      await expectConvicted(r, {
        batch: forged,
        fault: "BlockNumber",
        prover,
        signers: r.sequencers,
        before,
        receipt: receipt!,
      });
    });

    it("convicts a leaf naming another block's hash, whose header has another number", async function () {
      const { r, prover, challenger } = await withHistory();
      const forged = await forgeBatch(r, {
        leaves: (leaves) => void (leaves[1] = { ...leaves[1]!, blockHash: leaves[0]!.blockHash }),
      });
      const before = await snapshotOf(r, prover);
      const { receipt } = await challenger.challenge(
        { kind: "blockNumber", batchIndex: forged.header.batchIndex, leafIndex: 1 },
        contextOf(r, forged),
      );
      await expectConvicted(r, { batch: forged, fault: "BlockNumber", prover, signers: r.sequencers, before, receipt });
    });

    it("refuses an honest batch with DisputeManagerNoFault and changes nothing", async function () {
      const { r, prover, challenger } = await withHistory();
      const honest = await forgeBatch(r);
      const before = await snapshotOf(r, prover);
      for (const kind of ["stateRoot", "blockTimestamp", "blockNumber"] as const) {
        await expectDisputeError(
          () =>
            challenger.challenge({ kind, batchIndex: honest.header.batchIndex, leafIndex: 1 }, contextOf(r, honest)),
          "DisputeManagerNoFault",
        );
      }
      expect(await snapshotOf(r, prover)).to.deep.equal(before);
    });
  });

  describe("challengeParentLink", function () {
    it("convicts a batch whose block names another parent than the leaf before it, in the batch", async function () {
      const { r, prover, challenger } = await withHistory();
      // Leaf 1 names block 3's real hash (a real header, whose parent is block 2, not leaf 0's block).
      const forged = await forgeBatch(r, {
        leaves: (leaves) => void (leaves[1] = { ...leaves[2]!, number: leaves[1]!.number }),
      });
      const before = await snapshotOf(r, prover);
      const { receipt } = await challenger.challenge(
        { kind: "parentLink", batchIndex: forged.header.batchIndex, leafIndex: 1 },
        contextOf(r, forged),
      );
      await expectConvicted(r, { batch: forged, fault: "ParentLink", prover, signers: r.sequencers, before, receipt });
    });

    it("convicts the later batch across a batch boundary", async function () {
      const { r, prover, challenger } = await withHistory();
      // The earlier batch's last leaf names a hash no block has; the later batch, honest, attests it extends it.
      const earlier = await forgeBatch(r, {
        leaves: (leaves) => void (leaves[leaves.length - 1] = { ...leaves.at(-1)!, blockHash: seededWord("no block") }),
      });
      await l2Transfers(r, 2);
      const later = await forgeBatch(r);
      const before = await snapshotOf(r, prover);
      const { receipt } = await challenger.challenge(
        { kind: "parentLink", batchIndex: later.header.batchIndex, leafIndex: 0 },
        contextOf(r, later, earlier),
      );
      await expectConvicted(r, { batch: later, fault: "ParentLink", prover, signers: r.sequencers, before, receipt });
      expect(await r.l1.batchChain.batchStatus(earlier.header.batchIndex)).to.equal(Status.Pending);
    });

    it("proves a link against the genesis anchor, batch 0, which is final", async function () {
      const r = await rollup();
      const { prover, challenger } = await proverOf(r);
      const genesis = (await r.l2.provider.getBlock(0))!;
      const genesisLeaf: BlockLeafInput = {
        number: 0n,
        timestamp: BigInt(genesis.timestamp),
        blockHash: genesis.hash as Hex,
        stateRoot: genesis.stateRoot as Hex,
        withdrawalRoot: ZeroHash as Hex,
      };
      // The anchor: {0, 0x0, g, g, 0, 0x0, blockLeaf(genesis), 0, 0x0, 0x0}.
      const header0: BatchHeader = {
        batchIndex: 0n,
        parentHash: ZeroHash as Hex,
        firstBlock: 0n,
        lastBlock: 0n,
        txCount: 0,
        txBatchRoot: ZeroHash as Hex,
        stateBatchRoot: blockLeaf(genesisLeaf),
        depositCount: 0n,
        depositChainHash: ZeroHash as Hex,
        dataHash: ZeroHash as Hex,
      };
      expect(await r.l1.batchChain.headerHash(0)).to.equal(headerHash(header0));
      // Batch 1's first leaf names block 2's hash: its header's parent is block 1, not the genesis block.
      const forged = await forgeBatch(r, {
        leaves: (leaves) => void (leaves[0] = { ...leaves[1]!, number: leaves[0]!.number }),
      });
      const before = await snapshotOf(r, prover);
      const { receipt } = await challenger.challenge(
        { kind: "parentLink", batchIndex: 1n, leafIndex: 0 },
        { ...contextOf(r, forged), previous: { header: header0, blockLeaves: [genesisLeaf] } },
      );
      await expectConvicted(r, { batch: forged, fault: "ParentLink", prover, signers: r.sequencers, before, receipt });
    });

    it("refuses honest links, in a batch and across batches, with DisputeManagerNoFault", async function () {
      const { r, first, prover, challenger } = await withHistory();
      const honest = await forgeBatch(r);
      const before = await snapshotOf(r, prover);
      for (const leafIndex of [0, 1, 3]) {
        await expectDisputeError(
          () =>
            challenger.challenge(
              { kind: "parentLink", batchIndex: honest.header.batchIndex, leafIndex },
              contextOf(r, honest, first),
            ),
          "DisputeManagerNoFault",
        );
      }
      expect(await snapshotOf(r, prover)).to.deep.equal(before);
    });

    it("refuses leaves that are not consecutive", async function () {
      const { r, first, prover } = await withHistory();
      const honest = await forgeBatch(r);
      const rlp = await fetchRlpHeader(r.l2.provider, honest.blockLeaves[3]!.blockHash);
      const child = blockEvidence(honest.header, honest.blockLeaves, 3, rlp);
      const dm = r.l1.disputeManager.connect(prover);
      // Two apart in one batch.
      await expect(
        dm.challengeParentLink(
          honest.header,
          blockEvidence(honest.header, honest.blockLeaves, 1),
          honest.header,
          child,
          honest.signatures,
        ),
      )
        .to.be.revertedWithCustomError(dm, "DisputeManagerNotConsecutive")
        .withArgs(honest.header.batchIndex, 1, honest.header.batchIndex, 3);
      // Across batches, but not the earlier batch's last leaf and the later's first.
      await expect(
        dm.challengeParentLink(
          first.header,
          blockEvidence(first.header, first.blockLeaves, 0),
          honest.header,
          child,
          honest.signatures,
        ),
      )
        .to.be.revertedWithCustomError(dm, "DisputeManagerNotConsecutive")
        .withArgs(first.header.batchIndex, 0, honest.header.batchIndex, 3);
      // The earlier batch's last leaf, but not the later batch's first.
      const lastOfFirst = blockEvidence(first.header, first.blockLeaves, first.blockLeaves.length - 1);
      await expect(dm.challengeParentLink(first.header, lastOfFirst, honest.header, child, honest.signatures))
        .to.be.revertedWithCustomError(dm, "DisputeManagerNotConsecutive")
        .withArgs(first.header.batchIndex, first.blockLeaves.length - 1, honest.header.batchIndex, 3);
      // Batches that are not consecutive (the genesis anchor and batch 2).
      const anchor = { ...first.header, batchIndex: 0n };
      await expect(dm.challengeParentLink(anchor, lastOfFirst, honest.header, child, honest.signatures))
        .to.be.revertedWithCustomError(dm, "DisputeManagerNotConsecutive")
        .withArgs(0, first.blockLeaves.length - 1, honest.header.batchIndex, 3);
      // One batch, given as two different headers.
      const other = { ...honest.header, dataHash: seededWord("another header") };
      await expect(
        dm.challengeParentLink(
          other,
          blockEvidence(honest.header, honest.blockLeaves, 2),
          honest.header,
          child,
          honest.signatures,
        ),
      )
        .to.be.revertedWithCustomError(dm, "DisputeManagerHeaderMismatch")
        .withArgs(honest.header.batchIndex, honest.hash, headerHash(other));
    });
  });

  describe("challengeBridgeStorage", function () {
    it("convicts a forged withdrawal root (slot 2) at any leaf: the theft of scenario (c)", async function () {
      const { r, prover, challenger } = await withHistory();
      await depositETH(r.l1.bridge.connect(r.deployer), r.l2.users[0]!.address, parseEther("1"));
      await forgeBatch(r);
      await withdrawETH(r.l2Bridge.connect(r.l2.users[0]!), seededAddress("l1To"), parseEther("0.5"));
      await l2Transfers(r, 2);
      const forged = await forgeBatch(r, {
        leaves: (leaves) => void (leaves[1] = { ...leaves[1]!, withdrawalRoot: seededWord("stolen root") }),
      });
      const before = await snapshotOf(r, prover);
      const { receipt } = await challenger.challenge(
        { kind: "withdrawalRoot", batchIndex: forged.header.batchIndex, leafIndex: 1 },
        contextOf(r, forged),
      );
      await expectConvicted(r, {
        batch: forged,
        fault: "WithdrawalRoot",
        prover,
        signers: r.sequencers,
        before,
        receipt,
      });
    });

    it("convicts a deposit count the L2 bridge never reached (slot 0, absent on L2)", async function () {
      const { r, prover, challenger } = await withHistory();
      // A deposit L1 queued and the L2 never relayed: L1 accepts a header counting it, the L2 bridge's slot 0 is empty.
      const queued = await depositETH(r.l1.bridge.connect(r.deployer), seededAddress("depositor"), parseEther("1"));
      const forged = await forgeBatch(r, {
        header: { depositCount: 1n, depositChainHash: depositChainHash([queued.deposit]) },
      });
      const before = await snapshotOf(r, prover);
      const { receipt } = await challenger.challenge(
        { kind: "depositCount", batchIndex: forged.header.batchIndex },
        contextOf(r, forged),
      );
      await expectConvicted(r, {
        batch: forged,
        fault: "DepositCount",
        prover,
        signers: r.sequencers,
        before,
        receipt,
      });
    });

    it("convicts a deposit chain that is L1's but not the L2 bridge's (slot 1)", async function () {
      const { r, prover, challenger } = await withHistory();
      const queued = await depositETH(r.l1.bridge.connect(r.deployer), seededAddress("depositor"), parseEther("1"));
      // A relayer credits the deposit with another amount: the L2 bridge's chain is not L1's.
      const relayer = L2Bridge__factory.connect(r.l2.bridgeAddress, r.sequencers[0]!.config.relayer!);
      await (await relayer.relayDeposit({ ...queued.deposit, amount: parseEther("2") })).wait();
      const forged = await forgeBatch(r, { header: { depositChainHash: depositChainHash([queued.deposit]) } });
      expect(forged.header.depositCount).to.equal(1n);
      const before = await snapshotOf(r, prover);
      await expectDisputeError(
        () =>
          challenger.challenge({ kind: "depositCount", batchIndex: forged.header.batchIndex }, contextOf(r, forged)),
        "DisputeManagerNoFault",
      );
      const { receipt } = await challenger.challenge(
        { kind: "depositChainHash", batchIndex: forged.header.batchIndex },
        contextOf(r, forged),
      );
      await expectConvicted(r, {
        batch: forged,
        fault: "DepositChainHash",
        prover,
        signers: r.sequencers,
        before,
        receipt,
      });
    });

    it("refuses honest slots, present and absent, with DisputeManagerNoFault", async function () {
      const { r, prover, challenger } = await withHistory();
      const honest = await forgeBatch(r);
      const before = await snapshotOf(r, prover);
      for (const finding of [
        { kind: "withdrawalRoot", batchIndex: honest.header.batchIndex, leafIndex: 0 },
        { kind: "withdrawalRoot", batchIndex: honest.header.batchIndex, leafIndex: 3 },
        { kind: "depositCount", batchIndex: honest.header.batchIndex },
        { kind: "depositChainHash", batchIndex: honest.header.batchIndex },
      ] as const) {
        await expectDisputeError(() => challenger.challenge(finding, contextOf(r, honest)), "DisputeManagerNoFault");
      }
      expect(await snapshotOf(r, prover)).to.deep.equal(before);
    });
  });
});
