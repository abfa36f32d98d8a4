/**
 * DisputeManager's slashing beyond a conviction: equivocation (two headers for one index and parent signed by one
 * active signer), the cosigners of a convicted header that its prover left out (the subset attack), the
 * governance-bounded fraudSlashBps, and the deployment's wiring.
 */
import { expect } from "chai";
import hre, { ethers } from "hardhat";

import { deployL1, genesisLeaf, createL2Chain } from "../../sdk/src/node";
import { DEFAULT_FRAUD_SLASH_BPS, MAX_FRAUD_SLASH_BPS, MIN_FRAUD_SLASH_BPS, headerHash } from "../../sdk/src/proof";
import type { Sequencer } from "../../sdk/src/sequencer/sequencer";
import { blockEvidence, fetchRlpHeader } from "../../sdk/src/verifier/evidence";
import { expectDisputeError, l2Transfers, proverOf, snapshotOf, stakes } from "../helpers/disputes";
import { contextOf, forgeBatch, forgeTarget, packSignatures, signHeaderWith, type ForgedBatch } from "../helpers/forge";
import { STAKE } from "../helpers/l1";
import { signHeaderWith as signWithKey } from "../../scripts/lib/forge";
import { removeRollupDirectories, rollup } from "../helpers/rollup";
import { seededWallet, seededWord } from "../helpers/seeded";
import { governanceSigner } from "../helpers/governance";

/** A rollup with batch 1 committed and more L2 blocks to batch; the next header's index and parent. */
async function withNextBatch() {
  const r = await rollup();
  await forgeBatch(r);
  await l2Transfers(r, 3);
  const honest = await forgeBatch(r, {}, { submit: false });
  return { r, honest, ...(await proverOf(r)) };
}

/** Another header for the same index and parent as `batch`'s: one block fewer, another root. */
function conflicting(batch: ForgedBatch) {
  return { ...batch.header, lastBlock: batch.header.lastBlock - 1n, stateBatchRoot: seededWord("conflicting root") };
}

describe("DisputeManager: slashing", function () {
  after(removeRollupDirectories);

  describe("challengeEquivocation", function () {
    it("slashes a sequencer that signed two headers for one index and parent, and rolls nothing back", async function () {
      const { r, honest, prover, challenger } = await withNextBatch();
      const signer = r.sequencers[2]!;
      const other = conflicting(honest);
      const signatures = [
        await signHeaderWith(r, signer, honest.header),
        await signHeaderWith(r, signer, other),
      ] as const;
      const before = await snapshotOf(r, prover);
      const stake = (await stakes(r)).get(signer.address.toLowerCase())!;
      const { receipt, outcome } = await challenger.challenge({
        kind: "equivocation",
        batchIndex: honest.header.batchIndex,
        signer: signer.address,
        headers: [honest.header, other],
        signatures,
      });
      const amount = (stake * DEFAULT_FRAUD_SLASH_BPS) / 10_000n;
      expect(outcome).to.deep.equal({
        kind: "equivocation",
        batchIndex: honest.header.batchIndex,
        sequencer: signer.address,
        prover: await prover.getAddress(),
        firstHeader: honest.hash,
        secondHeader: headerHash(other),
        amount,
      });
      await expect(receipt)
        .to.emit(r.l1.disputeManager, "EquivocationProven")
        .withArgs(
          signer.address,
          honest.header.batchIndex,
          await prover.getAddress(),
          honest.hash,
          headerHash(other),
          amount,
        );
      const after = await stakes(r);
      for (const [key, value] of before.stakes) {
        expect(after.get(key), key).to.equal(key === signer.address.toLowerCase() ? value - amount : value);
      }
      expect(await r.l1.batchChain.batchCount()).to.equal(before.count);
      const rewardBps = await r.l1.registry.rewardBps();
      expect(await r.l1.registry.claimable(await prover.getAddress())).to.equal((amount * rewardBps) / 10_000n);
      // Once per sequencer, index and parent: another pair for the same index and parent is refused.
      const third = { ...honest.header, dataHash: seededWord("third header") };
      await expectDisputeError(
        () =>
          challenger.challenge({
            kind: "equivocation",
            batchIndex: honest.header.batchIndex,
            signer: signer.address,
            headers: [honest.header, third],
            signatures: [signatures[0], "0x"],
          }),
        "DisputeManagerInvalidSignature",
      );
      const again = [signatures[0], await signHeaderWith(r, signer, third)] as const;
      const args = await expectDisputeError(
        () =>
          challenger.challenge({
            kind: "equivocation",
            batchIndex: honest.header.batchIndex,
            signer: signer.address,
            headers: [honest.header, third],
            signatures: again,
          }),
        "DisputeManagerAlreadySlashed",
      );
      expect(args).to.deep.equal({ sequencer: signer.address, batchIndex: honest.header.batchIndex });
      // Slashed and out of the set, it still holds stake, and stake stays slashable until withdrawn: an
      // equivocation at another index and parent is slashed again.
      const later = { ...honest.header, batchIndex: honest.header.batchIndex + 1n, parentHash: honest.hash };
      const laterOther = { ...later, dataHash: seededWord("later other") };
      const left = (await stakes(r)).get(signer.address.toLowerCase())!;
      const again2 = await challenger.challenge({
        kind: "equivocation",
        batchIndex: later.batchIndex,
        signer: signer.address,
        headers: [later, laterOther],
        signatures: [await signHeaderWith(r, signer, later), await signHeaderWith(r, signer, laterOther)],
      });
      expect(again2.outcome).to.deep.include({ kind: "equivocation", amount: (left * 5_000n) / 10_000n });
      expect((await stakes(r)).get(signer.address.toLowerCase())).to.equal(left - (left * 5_000n) / 10_000n);
    });

    it("refuses one header twice, headers for different indices or parents, and two signers", async function () {
      const { r, honest, prover } = await withNextBatch();
      const dm = r.l1.disputeManager.connect(prover);
      const [a, b] = r.sequencers as [Sequencer, Sequencer];
      const other = conflicting(honest);
      const aHonest = await signHeaderWith(r, a, honest.header);
      await expect(dm.challengeEquivocation(honest.header, aHonest, honest.header, aHonest))
        .to.be.revertedWithCustomError(dm, "DisputeManagerSameHeader")
        .withArgs(honest.hash);
      const nextIndex = { ...other, batchIndex: honest.header.batchIndex + 1n };
      await expect(dm.challengeEquivocation(honest.header, aHonest, nextIndex, await signHeaderWith(r, a, nextIndex)))
        .to.be.revertedWithCustomError(dm, "DisputeManagerNotConflicting")
        .withArgs(honest.header.batchIndex, nextIndex.batchIndex, honest.header.parentHash, nextIndex.parentHash);
      const otherParent = { ...other, parentHash: seededWord("another parent") };
      await expect(
        dm.challengeEquivocation(honest.header, aHonest, otherParent, await signHeaderWith(r, a, otherParent)),
      ).to.be.revertedWithCustomError(dm, "DisputeManagerNotConflicting");
      await expect(dm.challengeEquivocation(honest.header, aHonest, other, await signHeaderWith(r, b, other)))
        .to.be.revertedWithCustomError(dm, "DisputeManagerDifferentSigners")
        .withArgs(a.address, b.address);
      await expect(dm.challengeEquivocation(honest.header, aHonest, other, "0x1234"))
        .to.be.revertedWithCustomError(dm, "DisputeManagerInvalidSignature")
        .withArgs(1);
    });

    it("refuses a signer outside the active set: waiting, or unknown to the registry", async function () {
      const { r, honest, prover } = await withNextBatch();
      const dm = r.l1.disputeManager.connect(prover);
      const other = conflicting(honest);
      // Staked after the epoch started: Waiting, not a member.
      const waiting = seededWallet("waiting sequencer", ethers.provider);
      await ethers.provider.send("hardhat_setBalance", [waiting.address, "0x56BC75E2D63100000"]);
      await (await r.l1.token.transfer(waiting.address, STAKE)).wait();
      await (await r.l1.token.connect(waiting).approve(await r.l1.registry.getAddress(), STAKE)).wait();
      await (await r.l1.registry.connect(waiting).stake(STAKE, waiting.address)).wait();
      for (const key of [waiting, seededWallet("unknown signer")]) {
        const first = await signWithKey(forgeTarget(r), key, honest.header);
        const second = await signWithKey(forgeTarget(r), key, other);
        await expect(dm.challengeEquivocation(honest.header, first, other, second))
          .to.be.revertedWithCustomError(dm, "DisputeManagerSignerNotActive")
          .withArgs(key.address);
      }
    });

    it("refuses a header rolled back: signing another one for its index and parent is how the chain is rebuilt", async function () {
      const { r, prover, challenger } = await withNextBatch();
      const forged = await forgeBatch(r, {
        leaves: (leaves) => void (leaves[1] = { ...leaves[1]!, stateRoot: seededWord("forged root") }),
      });
      // Convicted with one signature; the three others rebuild the index on the same parent.
      const one = await packSignatures(r, forged.header, [r.sequencers[0]!]);
      await challenger.challenge(
        { kind: "stateRoot", batchIndex: forged.header.batchIndex, leafIndex: 1 },
        { ...contextOf(r, forged), signatures: one },
      );
      const rebuilt = await forgeBatch(r, {}, { signers: r.sequencers.slice(1) });
      expect(rebuilt.header.parentHash).to.equal(forged.header.parentHash);
      const signer = r.sequencers[1]!;
      const dm = r.l1.disputeManager.connect(prover);
      await expect(
        dm.challengeEquivocation(
          forged.header,
          forged.signaturesBySigner.get(signer.address.toLowerCase())!,
          rebuilt.header,
          rebuilt.signaturesBySigner.get(signer.address.toLowerCase())!,
        ),
      )
        .to.be.revertedWithCustomError(dm, "DisputeManagerHeaderRolledBack")
        .withArgs(forged.hash);
      await expect(
        dm.challengeEquivocation(
          rebuilt.header,
          rebuilt.signaturesBySigner.get(signer.address.toLowerCase())!,
          forged.header,
          forged.signaturesBySigner.get(signer.address.toLowerCase())!,
        ),
      )
        .to.be.revertedWithCustomError(dm, "DisputeManagerHeaderRolledBack")
        .withArgs(forged.hash);
    });
  });

  describe("slashCosigners: the subset attack", function () {
    /** A forged batch signed by all four, convicted by a forger reporting itself with its own signature only. */
    async function selfReported() {
      const { r, prover, challenger } = await withNextBatch();
      const forged = await forgeBatch(r, {
        leaves: (leaves) => void (leaves[1] = { ...leaves[1]!, stateRoot: seededWord("forged root") }),
      });
      const forger = r.sequencers[3]!;
      const [, , , , , , , , reporter] = await ethers.getSigners();
      const own = await packSignatures(r, forged.header, [forger]);
      const rlp = await fetchRlpHeader(r.l2.provider, forged.blockLeaves[1]!.blockHash);
      await (
        await r.l1.disputeManager
          .connect(reporter!)
          .challengeHeader(forged.header, blockEvidence(forged.header, forged.blockLeaves, 1, rlp), own)
      ).wait();
      return { r, prover, challenger, forged, forger };
    }

    it("slashes the signers a self-report left out, and records them", async function () {
      const { r, prover, challenger, forged, forger } = await selfReported();
      expect(await r.l1.disputeManager.convictionOf(forged.hash)).to.equal(
        ethers.solidityPackedKeccak256(["address[]"], [[forger.address]]),
      );
      // One cosigner first, then the rest: each call merges the newly slashed into the record.
      const firstCosigner = r.sequencers.find((s) => s !== forger)!;
      await challenger.slashCosigners(forged.header, await packSignatures(r, forged.header, [firstCosigner]));
      const pair = [forger.address, firstCosigner.address].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      expect(await r.l1.disputeManager.convictionOf(forged.hash)).to.equal(
        ethers.solidityPackedKeccak256(["address[]"], [pair]),
      );
      const before = await snapshotOf(r, prover);
      const receipt = await challenger.slashCosigners(forged.header, forged.signatures);
      const others = r.sequencers.filter((s) => s !== forger && s !== firstCosigner);
      const ascending = others.map((s) => s.address).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      const bps = await r.l1.disputeManager.fraudSlashBps();
      let total = 0n;
      let reward = 0n;
      for (const [key, stake] of before.stakes) {
        const slashed = key !== forger.address.toLowerCase() && key !== firstCosigner.address.toLowerCase();
        const amount = slashed ? (stake * bps) / 10_000n : 0n;
        expect((await stakes(r)).get(key), key).to.equal(stake - amount);
        total += amount;
        reward += (amount * (await r.l1.registry.rewardBps())) / 10_000n;
      }
      await expect(receipt)
        .to.emit(r.l1.disputeManager, "CosignersSlashed")
        .withArgs(forged.hash, await prover.getAddress(), ascending, ascending, total);
      expect(await r.l1.registry.claimable(await prover.getAddress())).to.equal(before.claimable + reward);
      const all = [...ascending, forger.address, firstCosigner.address].sort((a, b) =>
        BigInt(a) < BigInt(b) ? -1 : 1,
      );
      expect(await r.l1.disputeManager.convictionOf(forged.hash)).to.equal(
        ethers.solidityPackedKeccak256(["address[]"], [all]),
      );
      // Nobody is left to slash for it.
      await expectDisputeError(
        () => challenger.slashCosigners(forged.header, forged.signatures),
        "DisputeManagerNothingToSlash",
      );
    });

    it("refuses a list of the slashed that is not the record, and a header never convicted", async function () {
      const { r, prover, forged, forger } = await selfReported();
      const dm = r.l1.disputeManager.connect(prover);
      const record = await dm.convictionOf(forged.hash);
      await expect(dm.slashCosigners(forged.header, [], forged.signatures))
        .to.be.revertedWithCustomError(dm, "DisputeManagerSlashedListMismatch")
        .withArgs(record, ethers.keccak256("0x"));
      await expect(
        dm.slashCosigners(forged.header, [forger.address, r.sequencers[0]!.address], forged.signatures),
      ).to.be.revertedWithCustomError(dm, "DisputeManagerSlashedListMismatch");
      const never = { ...forged.header, dataHash: seededWord("never convicted") };
      await expect(dm.slashCosigners(never, [], forged.signatures))
        .to.be.revertedWithCustomError(dm, "DisputeManagerNotConvicted")
        .withArgs(headerHash(never));
    });

    it("records a conviction that slashed nobody, and slashes the signers later", async function () {
      const { r, prover, challenger } = await withNextBatch();
      const forged = await forgeBatch(r, {
        leaves: (leaves) => void (leaves[1] = { ...leaves[1]!, stateRoot: seededWord("forged root") }),
      });
      await challenger.challenge(
        { kind: "stateRoot", batchIndex: forged.header.batchIndex, leafIndex: 1 },
        { ...contextOf(r, forged), signatures: "0x" },
      );
      expect(await r.l1.disputeManager.convictionOf(forged.hash)).to.equal(ethers.keccak256("0x"));
      const before = await snapshotOf(r, prover);
      await challenger.slashCosigners(forged.header, forged.signatures);
      const bps = await r.l1.disputeManager.fraudSlashBps();
      for (const [key, stake] of before.stakes) {
        expect((await stakes(r)).get(key), key).to.equal(stake - (stake * bps) / 10_000n);
      }
    });
  });

  describe("fraudSlashBps", function () {
    it("is 5,000 at deployment and governance sets it within 500 to 10,000; the next conviction uses it", async function () {
      const { r, prover, challenger } = await withNextBatch();
      const dm = r.l1.disputeManager.connect(await governanceSigner(r.l1));
      expect(await dm.fraudSlashBps()).to.equal(DEFAULT_FRAUD_SLASH_BPS);
      for (const value of [MIN_FRAUD_SLASH_BPS - 1n, MAX_FRAUD_SLASH_BPS + 1n]) {
        await expect(dm.setFraudSlashBps(value))
          .to.be.revertedWithCustomError(dm, "DisputeManagerParameterOutOfRange")
          .withArgs(value, MIN_FRAUD_SLASH_BPS, MAX_FRAUD_SLASH_BPS);
      }
      await expect(dm.connect(prover).setFraudSlashBps(1000n))
        .to.be.revertedWithCustomError(dm, "AccessControlUnauthorizedAccount")
        .withArgs(await prover.getAddress(), await dm.GOVERNOR_ROLE());
      await expect(dm.setFraudSlashBps(MAX_FRAUD_SLASH_BPS))
        .to.emit(dm, "FraudSlashBpsUpdated")
        .withArgs(DEFAULT_FRAUD_SLASH_BPS, MAX_FRAUD_SLASH_BPS);
      const forged = await forgeBatch(r, {
        leaves: (leaves) => void (leaves[1] = { ...leaves[1]!, stateRoot: seededWord("forged root") }),
      });
      await challenger.challenge(
        { kind: "stateRoot", batchIndex: forged.header.batchIndex, leafIndex: 1 },
        contextOf(r, forged),
      );
      for (const stake of (await stakes(r)).values()) expect(stake).to.equal(0n);
    });
  });

  describe("deployment", function () {
    it("names the BatchChain, the registry and the L2 bridge, and hands its roles to the timelock", async function () {
      const r = await rollup();
      expect(await r.l1.disputeManager.batchChain()).to.equal(await r.l1.batchChain.getAddress());
      expect(await r.l1.disputeManager.registry()).to.equal(await r.l1.registry.getAddress());
      expect(await r.l1.disputeManager.l2Bridge()).to.equal(r.l2.bridgeAddress);
      expect(await r.l1.disputeManager.convictionOf(seededWord("any header"))).to.equal(ethers.ZeroHash);
      const [deployer] = await ethers.getSigners();
      const genesis = await genesisLeaf(await createL2Chain(hre));
      const l1 = await deployL1(deployer!, { genesis, parameters: { fraudSlashBps: 2_000 } });
      const dm = l1.disputeManager;
      expect(await dm.fraudSlashBps()).to.equal(2_000n);
      for (const role of [await dm.DEFAULT_ADMIN_ROLE(), await dm.GOVERNOR_ROLE()]) {
        expect(await dm.hasRole(role, await l1.timelock.getAddress())).to.equal(true);
        expect(await dm.hasRole(role, deployer!.address)).to.equal(false);
      }
      const address = await dm.getAddress();
      expect(await l1.batchChain.hasRole(await l1.batchChain.ROLLBACK_ROLE(), address)).to.equal(true);
      expect(await l1.batchChain.hasRole(await l1.batchChain.DISPUTER_ROLE(), address)).to.equal(true);
      expect(await l1.registry.hasRole(await l1.registry.SLASHER_ROLE(), address)).to.equal(true);
    });
  });
});
