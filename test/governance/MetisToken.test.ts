import { loadFixture, time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { parseEther } from "ethers";
import { ethers } from "hardhat";

import { signMetisPermit } from "../helpers/permit";

describe("MetisToken", function () {
  async function deployFixture() {
    const [holder, other] = await ethers.getSigners();
    const token = await ethers.deployContract("MetisToken", [holder!.address, parseEther("1000")]);
    return { token, holder: holder!, other: other! };
  }

  it("mints the whole supply to the holder", async function () {
    const { token, holder } = await loadFixture(deployFixture);
    expect(await token.totalSupply()).to.equal(parseEther("1000"));
    expect(await token.balanceOf(holder.address)).to.equal(parseEther("1000"));
    expect([await token.name(), await token.symbol(), await token.decimals()]).to.deep.equal(["Metis", "METIS", 18n]);
  });

  it("accepts an EIP-2612 permit", async function () {
    const { token, holder, other } = await loadFixture(deployFixture);
    const deadline = (await time.latest()) + 3600;
    const value = parseEther("5");
    const signature = await signMetisPermit(holder, await token.getAddress(), other.address, value, deadline);
    await token
      .connect(other)
      .permit(holder.address, other.address, value, deadline, signature.v, signature.r, signature.s);
    expect(await token.allowance(holder.address, other.address)).to.equal(value);
    expect(await token.nonces(holder.address)).to.equal(1n);
  });

  it("counts votes on a timestamp clock after delegation", async function () {
    const { token, holder, other } = await loadFixture(deployFixture);
    expect(await token.CLOCK_MODE()).to.equal("mode=timestamp");
    expect(await token.clock()).to.equal(BigInt(await time.latest()));
    await token.connect(holder).delegate(holder.address);
    const delegatedAt = await time.latest();
    await token.transfer(other.address, parseEther("100"));
    await time.increase(10);
    expect(await token.getVotes(holder.address)).to.equal(parseEther("900"));
    expect(await token.getPastVotes(holder.address, delegatedAt)).to.equal(parseEther("1000"));
  });
});
