import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { expect } from "chai";
import { parseEther } from "ethers";
import { ethers } from "hardhat";

import { FEE_VAULT_MIN_WITHDRAWAL as MINIMUM } from "../../sdk/src/proof/constants";
import { seededAddress } from "../helpers/seeded";

/** An L2 bridge on the Hardhat network and a fee vault sending to a made-up pool address. */
async function vaultFixture() {
  const [deployer, anyone] = await ethers.getSigners();
  const bridge = await ethers.deployContract("L2Bridge", [deployer!.address, []], { value: parseEther("10") });
  const pool = seededAddress("reward pool on L1");
  const vault = await ethers.deployContract("FeeVault", [await bridge.getAddress(), pool]);
  return { bridge, vault, pool, anyone: anyone! };
}

describe("FeeVault", function () {
  it("withdraws its whole balance through the L2 bridge to the pool", async function () {
    const { bridge, vault, pool, anyone } = await loadFixture(vaultFixture);
    await (await anyone.sendTransaction({ to: await vault.getAddress(), value: parseEther("1.5") })).wait();
    const index = await bridge.withdrawalCount();
    const tx = vault.connect(anyone).withdraw();
    await expect(tx).to.emit(vault, "FeesWithdrawn").withArgs(index, pool, parseEther("1.5"));
    await expect(tx)
      .to.emit(bridge, "WithdrawalInitiated")
      .withArgs(index, await vault.getAddress(), pool, ethers.ZeroAddress, parseEther("1.5"), anyValue, anyValue);
    await expect(tx).to.changeEtherBalances([vault, bridge], [-parseEther("1.5"), parseEther("1.5")]);
    expect(await bridge.withdrawalCount()).to.equal(index + 1n);
    expect([await vault.l1Recipient(), await vault.bridge()]).to.deep.equal([pool, await bridge.getAddress()]);
  });

  it("refuses to withdraw nothing, or less than the minimum (dust that would cost more to finalize)", async function () {
    const { bridge, vault, anyone } = await loadFixture(vaultFixture);
    await expect(vault.withdraw()).to.be.revertedWithCustomError(vault, "FeeVaultBelowMinimum").withArgs(0n, MINIMUM);
    await (await anyone.sendTransaction({ to: await vault.getAddress(), value: MINIMUM - 1n })).wait();
    await expect(vault.withdraw())
      .to.be.revertedWithCustomError(vault, "FeeVaultBelowMinimum")
      .withArgs(MINIMUM - 1n, MINIMUM);
    expect(await bridge.withdrawalCount()).to.equal(0n);
    expect(await ethers.provider.getBalance(await vault.getAddress())).to.equal(MINIMUM - 1n);
    // One wei more and it goes.
    await (await anyone.sendTransaction({ to: await vault.getAddress(), value: 1n })).wait();
    await expect(vault.withdraw()).to.emit(vault, "FeesWithdrawn").withArgs(0n, anyValue, MINIMUM);
    expect(await bridge.withdrawalCount()).to.equal(1n);
  });

  it("refuses a zero bridge or recipient", async function () {
    const { bridge, vault } = await loadFixture(vaultFixture);
    const factory = await ethers.getContractFactory("FeeVault");
    await expect(factory.deploy(await bridge.getAddress(), ethers.ZeroAddress)).to.be.revertedWithCustomError(
      vault,
      "FeeVaultZeroAddress",
    );
    await expect(factory.deploy(ethers.ZeroAddress, seededAddress("pool"))).to.be.revertedWithCustomError(
      vault,
      "FeeVaultZeroAddress",
    );
  });
});
