import { loadFixture } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { recoverAddress } from "ethers";
import { ethers } from "hardhat";

import {
  BATCH_HEADER_TYPEHASH,
  BATCH_HEADER_TYPES,
  batchHeaderDomain,
  EIP712_DOMAIN_TYPEHASH,
  headerDigest,
  type Address,
  type BatchHeader,
  type Hex,
} from "../../sdk/src/proof";
import vectors from "../vectors/encodings.json";

/** The first vector header with its integers as bigints (the JSON holds them as decimal strings). */
const vectorHeader = ((): BatchHeader => {
  const h = vectors.headers[0]!.header;
  const [batchIndex, firstBlock, lastBlock, txCount, depositCount] = [
    h.batchIndex,
    h.firstBlock,
    h.lastBlock,
    h.txCount,
    h.depositCount,
  ].map(BigInt);
  const word = (value: string) => value as Hex;
  return {
    batchIndex: batchIndex!,
    parentHash: word(h.parentHash),
    firstBlock: firstBlock!,
    lastBlock: lastBlock!,
    txCount: txCount!,
    txBatchRoot: word(h.txBatchRoot),
    stateBatchRoot: word(h.stateBatchRoot),
    depositCount: depositCount!,
    depositChainHash: word(h.depositChainHash),
    dataHash: word(h.dataHash),
  };
})();

describe("BatchLib", function () {
  async function deployFixture() {
    const batchLib = await ethers.deployContract("BatchLibHarness");
    const [signer] = await ethers.getSigners();
    return { batchLib, signer: signer! };
  }

  describe("golden vectors", function () {
    it("reproduces every transaction leaf", async function () {
      const { batchLib } = await loadFixture(deployFixture);
      for (const v of vectors.txLeaves)
        expect(await batchLib.txLeaf(v.l2BlockNumber, v.indexInBlock, v.txHash)).to.equal(v.leaf);
    });

    it("reproduces every block leaf", async function () {
      const { batchLib } = await loadFixture(deployFixture);
      for (const v of vectors.blockLeaves) expect(await batchLib.blockLeaf(v)).to.equal(v.leaf);
    });

    it("reproduces every deposit hash and the deposit chain after each deposit", async function () {
      const { batchLib } = await loadFixture(deployFixture);
      for (const v of vectors.deposits) expect(await batchLib.depositHash(v)).to.equal(v.hash);
      for (let count = 0; count <= vectors.deposits.length; count++) {
        expect(await batchLib.depositChain(vectors.deposits.slice(0, count))).to.equal(vectors.depositChain[count]);
      }
    });

    it("reproduces every withdrawal hash", async function () {
      const { batchLib } = await loadFixture(deployFixture);
      for (const v of vectors.withdrawals) expect(await batchLib.withdrawalHash(v)).to.equal(v.hash);
    });

    it("reproduces every header hash, domain separator and digest", async function () {
      const { batchLib } = await loadFixture(deployFixture);
      for (const v of vectors.headers) {
        expect(await batchLib.headerHash(v.header)).to.equal(v.headerHash);
        expect(await batchLib.domainSeparator(v.chainId, v.verifyingContract)).to.equal(v.domainSeparator);
        expect(await batchLib.digest(v.header, v.chainId, v.verifyingContract)).to.equal(v.digest);
      }
    });
  });

  it("has the SDK's type hashes", async function () {
    const { batchLib } = await loadFixture(deployFixture);
    expect(await batchLib.typeHashes()).to.deep.equal([BATCH_HEADER_TYPEHASH, EIP712_DOMAIN_TYPEHASH]);
  });

  it("gives the digest OpenZeppelin's EIP712 gives for the same domain", async function () {
    const { batchLib } = await loadFixture(deployFixture);
    const { chainId } = await ethers.provider.getNetwork();
    const contract = (await batchLib.getAddress()) as Address;
    const header = vectorHeader;
    const ours = await batchLib.digest(header, chainId, contract);
    expect(await batchLib.ozDigest(header)).to.equal(ours);
    expect(headerDigest(header, batchHeaderDomain(chainId, contract))).to.equal(ours);
  });

  it("gives the digest a wallet signs with eth_signTypedData_v4", async function () {
    const { batchLib, signer } = await loadFixture(deployFixture);
    const { chainId } = await ethers.provider.getNetwork();
    const contract = (await batchLib.getAddress()) as Address;
    const header = vectorHeader;
    const signature = await signer.signTypedData(
      batchHeaderDomain(chainId, contract),
      { BatchHeader: [...BATCH_HEADER_TYPES.BatchHeader] },
      header,
    );
    expect(recoverAddress(await batchLib.digest(header, chainId, contract), signature)).to.equal(signer.address);
  });
});
