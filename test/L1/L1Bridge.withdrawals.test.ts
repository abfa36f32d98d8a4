import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { parseEther, Signature, ZeroAddress, ZeroHash } from "ethers";
import { ethers } from "hardhat";

import {
  encodeBlockProof,
  encodeCompactProof,
  MAX_BATCH_BLOCKS,
  finalizeWithdrawalArguments,
  withdrawalHash,
  type Address,
  type WithdrawalInput,
  type WithdrawalProof,
} from "../../sdk/src/proof";
import { deployWithSequencers, fundedWallet, Status } from "../helpers/l1";
import { signMetisPermit } from "../helpers/permit";
import { commitWithdrawals } from "../helpers/withdrawals";
import { seededAddress } from "../helpers/seeded";
import { wiredHooks } from "../helpers/governance";

const WEEK = 7 * 24 * 60 * 60;

describe("L1Bridge withdrawals", function () {
  async function fixture() {
    const l1 = await deployWithSequencers(4);
    const [deployer] = await ethers.getSigners();
    const { disputer, daCaller } = await wiredHooks(l1);
    const gold = await ethers.deployContract("TestERC20", ["Gold", "GLD"]);
    const falseToken = await ethers.deployContract("FalseReturningToken");
    const receiver = await ethers.deployContract("ReentrantWithdrawalReceiver");
    // Escrow: what earlier deposits would have put in the bridge.
    await l1.bridge.depositETH(deployer!.address, { value: parseEther("10") });
    for (const t of [gold, falseToken]) {
      await t.mint(deployer!.address, parseEther("1000"));
      await t.approve(await l1.bridge.getAddress(), parseEther("1000"));
      await l1.bridge.depositERC20(await t.getAddress(), deployer!.address, parseEther("1000"));
    }
    const fresh = seededAddress("fresh l1To");
    const sender = seededAddress("l2 sender");
    const withdrawals: WithdrawalInput[] = [
      { index: 0n, l2Sender: sender, l1To: fresh, l1Token: ZeroAddress as Address, amount: parseEther("1") },
      {
        index: 1n,
        l2Sender: sender,
        l1To: fresh,
        l1Token: (await gold.getAddress()) as Address,
        amount: parseEther("7"),
      },
      {
        index: 2n,
        l2Sender: sender,
        l1To: (await receiver.getAddress()) as Address,
        l1Token: ZeroAddress as Address,
        amount: parseEther("2"),
      },
      {
        index: 3n,
        l2Sender: sender,
        l1To: fresh,
        l1Token: (await falseToken.getAddress()) as Address,
        amount: parseEther("3"),
      },
    ];
    const committed = await commitWithdrawals(l1, withdrawals);
    return { ...l1, disputer, daCaller, gold, falseToken, receiver, fresh, withdrawals, committed };
  }

  async function finalFixture() {
    const f = await fixture();
    await time.increase(WEEK);
    return f;
  }

  type Fixture = Awaited<ReturnType<typeof fixture>>;

  const finalize = (f: Fixture, proof: WithdrawalProof) => {
    const [withdrawal, batchIndex, blockLeaf, blockLeafIndex, blockProof, withdrawalProof] =
      finalizeWithdrawalArguments(proof);
    return f.bridge.finalizeWithdrawal(withdrawal, batchIndex, blockLeaf, blockLeafIndex, blockProof, withdrawalProof);
  };

  describe("finalizeWithdrawal", function () {
    it("proves withdrawals against the BatchChain it names", async function () {
      const f = await loadFixture(fixture);
      expect(await f.bridge.batchChain()).to.equal(await f.batchChain.getAddress());
    });

    it("pays an ETH withdrawal once against a final batch and records it", async function () {
      const f = await loadFixture(finalFixture);
      const proof = f.committed.proofOf(0);
      const hash = withdrawalHash(proof.withdrawal);
      expect(await f.bridge.withdrawalStatus(hash)).to.equal(0n);
      const tx = finalize(f, proof);
      await expect(tx)
        .to.emit(f.bridge, "WithdrawalFinalized")
        .withArgs(hash, 0, f.fresh, ZeroAddress, parseEther("1"));
      await expect(tx).to.changeEtherBalances([f.fresh, f.bridge], [parseEther("1"), -parseEther("1")]);
      expect(await f.bridge.withdrawalStatus(hash)).to.equal(1n);
      expect(await f.bridge.withdrawalStatus(withdrawalHash(f.committed.proofOf(1).withdrawal))).to.equal(0n);
      await expect(finalize(f, proof))
        .to.be.revertedWithCustomError(f.bridge, "L1BridgeWithdrawalAlreadyFinalized")
        .withArgs(0, hash);
    });

    it("pays an ERC20 withdrawal to a recipient holding none", async function () {
      const f = await loadFixture(finalFixture);
      expect(await f.gold.balanceOf(f.fresh)).to.equal(0n);
      await expect(finalize(f, f.committed.proofOf(1))).to.changeTokenBalances(
        f.gold,
        [f.fresh, f.bridge],
        [parseEther("7"), -parseEther("7")],
      );
    });

    it("refuses a batch that is not final: Pending, Disputed, Insecure, RolledBack or unknown", async function () {
      const f = await loadFixture(fixture);
      const proof = f.committed.proofOf(0);
      const index = f.committed.batchIndex;
      const expectNotFinal = async (status: Status, batchIndex = index, p = proof) =>
        expect(finalize(f, { ...p, batchIndex, header: { ...p.header, batchIndex } }))
          .to.be.revertedWithCustomError(f.bridge, "L1BridgeBatchNotFinal")
          .withArgs(batchIndex, status);
      await expectNotFinal(Status.Pending);
      await f.disputer.markDisputed(index);
      await expectNotFinal(Status.Disputed);
      await f.disputer.clearDisputed(index);
      await f.daCaller.markInsecure(index);
      await expectNotFinal(Status.Insecure);
      await f.disputer.rollback(index);
      await expectNotFinal(Status.RolledBack);
      await expectNotFinal(Status.None, index + 5n);
      expect(await f.bridge.withdrawalStatus(withdrawalHash(proof.withdrawal))).to.equal(0n);
    });

    it("refuses a block leaf that is not the block at its index", async function () {
      const f = await loadFixture(finalFixture);
      const proof = f.committed.proofOf(0);
      const first = BigInt(proof.header.firstBlock);
      const wrongNumber = { ...proof, blockLeaf: { ...proof.blockLeaf, number: BigInt(proof.blockLeaf.number) + 1n } };
      await expect(finalize(f, wrongNumber))
        .to.be.revertedWithCustomError(f.bridge, "L1BridgeBlockNotInBatch")
        .withArgs(BigInt(proof.blockLeaf.number) + 1n, first, proof.header.lastBlock);
      const outside = { ...proof, blockLeafIndex: 10, blockLeaf: { ...proof.blockLeaf, number: first + 10n } };
      await expect(finalize(f, outside)).to.be.revertedWithCustomError(f.bridge, "L1BridgeBlockNotInBatch");
    });

    it("refuses a block leaf at another index of the batch", async function () {
      const f = await loadFixture(finalFixture);
      const proof = f.committed.proofOf(0);
      const moved = {
        ...proof,
        blockLeafIndex: proof.blockLeafIndex + 1,
        blockLeaf: { ...proof.blockLeaf, number: BigInt(proof.blockLeaf.number) + 1n },
      };
      await expect(finalize(f, moved)).to.be.revertedWithCustomError(f.bridge, "L1BridgeInvalidBlockProof");
    });

    it("refuses proofs of the wrong heights", async function () {
      const f = await loadFixture(finalFixture);
      const proof = f.committed.proofOf(0);
      const [withdrawal, batchIndex, blockLeaf, blockLeafIndex, blockProof, withdrawalProof] =
        finalizeWithdrawalArguments(proof);
      const longer = encodeBlockProof(proof.header, [...proof.blockSiblings, ethers.ZeroHash as `0x${string}`]);
      await expect(
        f.bridge.finalizeWithdrawal(withdrawal, batchIndex, blockLeaf, blockLeafIndex, longer, withdrawalProof),
      )
        .to.be.revertedWithCustomError(f.bridge, "L1BridgeInvalidProofLength")
        .withArgs(blockProof.length, blockProof.length + 1);
      await expect(
        f.bridge.finalizeWithdrawal(
          withdrawal,
          batchIndex,
          blockLeaf,
          blockLeafIndex,
          blockProof.slice(0, 7),
          withdrawalProof,
        ),
      )
        .to.be.revertedWithCustomError(f.bridge, "L1BridgeInvalidProofLength")
        .withArgs(8, 7);
      const shorter = withdrawalProof.slice(0, -1);
      await expect(
        f.bridge.finalizeWithdrawal(withdrawal, batchIndex, blockLeaf, blockLeafIndex, blockProof, shorter),
      ).to.be.revertedWithCustomError(f.bridge, "MerkleLibInvalidProofLength");
      await expect(
        f.bridge.finalizeWithdrawal(withdrawal, batchIndex, blockLeaf, blockLeafIndex, blockProof, []),
      ).to.be.revertedWithCustomError(f.bridge, "L1BridgeInvalidProofLength");
    });

    it("refuses a block proof whose header words are not the batch's header", async function () {
      const f = await loadFixture(finalFixture);
      const proof = f.committed.proofOf(0);
      const forged = { ...proof, header: { ...proof.header, dataHash: ethers.keccak256("0x01") as `0x${string}` } };
      await expect(finalize(f, forged)).to.be.revertedWithCustomError(f.bridge, "L1BridgeInvalidBlockProof");
      // The same proof named against another final batch (the anchor, batch 0) hashes to a header that is not its.
      const [withdrawal, , blockLeaf, blockLeafIndex, blockProof, withdrawalProof] = finalizeWithdrawalArguments(proof);
      expect(await f.batchChain.batchStatus(0)).to.equal(BigInt(Status.Finalized));
      await expect(
        f.bridge.finalizeWithdrawal(withdrawal, 0n, blockLeaf, blockLeafIndex, blockProof, withdrawalProof),
      ).to.be.revertedWithCustomError(f.bridge, "L1BridgeInvalidBlockProof");
    });

    it("refuses header words whose block range is reversed or longer than a batch may be", async function () {
      const f = await loadFixture(finalFixture);
      const proof = f.committed.proofOf(0);
      const headerHash = await f.batchChain.headerHash(proof.batchIndex);
      const { firstBlock } = proof.header;
      for (const lastBlock of [BigInt(firstBlock) - 1n, BigInt(firstBlock) + MAX_BATCH_BLOCKS]) {
        const forged = { ...proof, header: { ...proof.header, lastBlock } };
        await expect(finalize(f, forged), `lastBlock ${lastBlock}`)
          .to.be.revertedWithCustomError(f.bridge, "L1BridgeInvalidBlockProof")
          .withArgs(headerHash, ZeroHash);
      }
      expect(await f.bridge.withdrawalStatus(withdrawalHash(proof.withdrawal))).to.equal(0n);
    });

    it("refuses a withdrawal that is not in the block's withdrawal root", async function () {
      const f = await loadFixture(finalFixture);
      const proof = f.committed.proofOf(0);
      const more = { ...proof, withdrawal: { ...proof.withdrawal, amount: parseEther("5") } };
      await expect(finalize(f, more)).to.be.revertedWithCustomError(f.bridge, "L1BridgeWithdrawalNotInRoot");
      const otherLeaf = { ...proof, withdrawal: { ...proof.withdrawal, index: 1n } };
      await expect(finalize(f, otherLeaf)).to.be.revertedWithCustomError(f.bridge, "L1BridgeWithdrawalNotInRoot");
      expect(await f.bridge.withdrawalStatus(withdrawalHash(proof.withdrawal))).to.equal(0n);
    });

    it("pays a receiver that re-enters once, and refuses the re-entry", async function () {
      const f = await loadFixture(finalFixture);
      const proof = f.committed.proofOf(2);
      const data = f.bridge.interface.encodeFunctionData(
        "finalizeWithdrawal",
        finalizeWithdrawalArguments(proof) as never,
      );
      await f.receiver.arm(await f.bridge.getAddress(), data);
      await expect(finalize(f, proof)).to.changeEtherBalance(f.receiver, parseEther("2"));
      expect(await f.receiver.attempts()).to.equal(1n);
      expect(await f.receiver.reentrySucceeded()).to.equal(false);
      const selector = f.bridge.interface.getError("ReentrancyGuardReentrantCall")!.selector;
      expect(await f.receiver.reentryError()).to.equal(selector);
    });

    for (const name of ["depositETH", "depositERC20WithPermit"] as const) {
      it(`pays a receiver that calls ${name} from its payout, and refuses that deposit`, async function () {
        const f = await loadFixture(finalFixture);
        const proof = f.committed.proofOf(2);
        const data =
          name === "depositETH"
            ? f.bridge.interface.encodeFunctionData("depositETH", [f.fresh])
            : f.bridge.interface.encodeFunctionData("depositERC20WithPermit", [
                await f.gold.getAddress(),
                f.fresh,
                1n,
                0n,
                27,
                ZeroHash,
                ZeroHash,
              ]);
        await f.receiver.arm(await f.bridge.getAddress(), data);
        const queued = await f.bridge.depositCount();
        await expect(finalize(f, proof)).to.changeEtherBalance(f.receiver, parseEther("2"));
        expect(await f.receiver.attempts()).to.equal(1n);
        expect(await f.receiver.reentrySucceeded()).to.equal(false);
        const selector = f.bridge.interface.getError("ReentrancyGuardReentrantCall")!.selector;
        expect(await f.receiver.reentryError()).to.equal(selector);
        expect(await f.bridge.depositCount()).to.equal(queued);
      });
    }

    it("reverts and pays nothing when the ERC20 transfer returns false", async function () {
      const f = await loadFixture(finalFixture);
      await f.falseToken.setFailTransfers(true);
      const proof = f.committed.proofOf(3);
      await expect(finalize(f, proof))
        .to.be.revertedWithCustomError(f.bridge, "SafeERC20FailedOperation")
        .withArgs(await f.falseToken.getAddress());
      expect(await f.bridge.withdrawalStatus(withdrawalHash(proof.withdrawal))).to.equal(0n);
      await f.falseToken.setFailTransfers(false);
      await expect(finalize(f, proof)).to.changeTokenBalance(f.falseToken, f.fresh, parseEther("3"));
    });

    it("reverts and keeps the withdrawal payable when the ETH recipient rejects it", async function () {
      const f = await loadFixture(fixture);
      const rejecting = await ethers.deployContract("RejectingReceiver");
      const withdrawal: WithdrawalInput = {
        index: 0n,
        l2Sender: f.fresh,
        l1To: (await rejecting.getAddress()) as Address,
        l1Token: ZeroAddress as Address,
        amount: 1n,
      };
      const committed = await commitWithdrawals(f, [withdrawal]);
      await time.increase(WEEK);
      await expect(finalize(f, committed.proofOf(0)))
        .to.be.revertedWithCustomError(f.bridge, "L1BridgeTransferFailed")
        .withArgs(withdrawal.l1To, 1n);
      await rejecting.setAccepting(true);
      await expect(finalize(f, committed.proofOf(0))).to.changeEtherBalance(rejecting, 1n);
    });
  });

  describe("compact withdrawal proofs", function () {
    it("carries only the siblings that are not empty subtrees", async function () {
      const f = await loadFixture(finalFixture);
      const proof = f.committed.proofOf(0);
      const compact = encodeCompactProof(proof.withdrawalSiblings);
      // Four withdrawals: levels 0 and 1 carry real siblings, levels 2..31 are empty subtrees.
      expect(compact).to.have.length(3);
      expect(BigInt(compact[0]!)).to.equal(((1n << 32n) - 1n) ^ 3n);
    });
  });

  describe("depositERC20WithPermit", function () {
    it("deposits with an EIP-2612 permit instead of an approval", async function () {
      const f = await loadFixture(fixture);
      const user = await fundedWallet();
      const token = await ethers.deployContract("MetisToken", [user.address, parseEther("5")]);
      const deadline = BigInt((await time.latest()) + 3600);
      const signature = await signMetisPermit(
        user,
        await token.getAddress(),
        await f.bridge.getAddress(),
        parseEther("5"),
        deadline,
      );
      const deposit = f.bridge
        .connect(user)
        .depositERC20WithPermit(
          await token.getAddress(),
          user.address,
          parseEther("5"),
          deadline,
          signature.v,
          signature.r,
          signature.s,
        );
      await expect(deposit).to.changeTokenBalances(token, [user, f.bridge], [-parseEther("5"), parseEther("5")]);
      expect(await token.allowance(user.address, await f.bridge.getAddress())).to.equal(0n);
    });

    it("still deposits when the permit was already used (front-run), as long as the allowance is there", async function () {
      const f = await loadFixture(fixture);
      const user = await fundedWallet();
      const token = await ethers.deployContract("MetisToken", [user.address, parseEther("5")]);
      await token.connect(user).approve(await f.bridge.getAddress(), parseEther("5"));
      const junk = Signature.from({ r: ethers.ZeroHash, s: ethers.ZeroHash, v: 27 });
      await expect(
        f.bridge
          .connect(user)
          .depositERC20WithPermit(await token.getAddress(), user.address, parseEther("5"), 0n, junk.v, junk.r, junk.s),
      ).to.changeTokenBalance(token, f.bridge, parseEther("5"));
    });
  });
});
