import { loadFixture } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";

import type { RecordQuorumHarness } from "../../sdk/src/contracts/typechain";

const uint = (bits: number) => fc.bigInt(0n, (1n << BigInt(bits)) - 1n);

describe("BatchRecordLib and QuorumLib", function () {
  async function harness() {
    return (await (await ethers.getContractFactory("RecordQuorumHarness")).deploy()) as RecordQuorumHarness;
  }

  describe("BatchRecordLib", function () {
    it("reads back every record it packs, within 128 bits", async function () {
      const lib = await loadFixture(harness);
      await fc.assert(
        fc.asyncProperty(uint(40), uint(48), uint(40), async (submittedAt, lastBlock, depositCount) => {
          const record = await lib.pack(submittedAt, lastBlock, depositCount);
          expect(record < 1n << 128n).to.equal(true);
          expect(await lib.unpack(record)).to.deep.equal([submittedAt, lastBlock, depositCount]);
          expect(await lib.submittedAtOf(record)).to.equal(submittedAt);
        }),
        { numRuns: 50, seed: 1 },
      );
    });

    it("cuts each field to its width, so no field spills into the next", async function () {
      const lib = await loadFixture(harness);
      const record = await lib.pack((1n << 40n) + 5n, (1n << 48n) + 6n, (1n << 40n) + 7n);
      expect(await lib.unpack(record)).to.deep.equal([5n, 6n, 7n]);
    });

    it("keeps batch 2k in the low half of pair k and 2k + 1 in the high half", async function () {
      const lib = await loadFixture(harness);
      await fc.assert(
        fc.asyncProperty(uint(128), uint(128), fc.bigInt(0n, 1n << 40n), async (first, second, index) => {
          const [pairKey, record] = await lib.pairRoundTrip(first, second, index);
          expect(pairKey).to.equal(index / 2n);
          expect(record).to.equal(index % 2n === 0n ? first : second);
        }),
        { numRuns: 50, seed: 2 },
      );
    });
  });

  describe("QuorumLib", function () {
    it("counts strictly more than two thirds as a quorum, exactly two thirds not", async function () {
      const lib = await loadFixture(harness);
      await fc.assert(
        fc.asyncProperty(fc.bigInt(1n, 1n << 100n), fc.bigInt(0n, 1n << 100n), async (total, signedSeed) => {
          const signed = signedSeed % (total + 1n);
          expect(await lib.isQuorum(signed, total)).to.equal(3n * signed > 2n * total);
        }),
        { numRuns: 50, seed: 3 },
      );
      expect(await lib.isQuorum(2, 3)).to.equal(false);
      expect(await lib.isQuorum(3, 4)).to.equal(true);
      expect(await lib.isQuorum(0, 0)).to.equal(false);
    });

    it("splits an entry into member index, v from the parity bit, r and s", async function () {
      const lib = await loadFixture(harness);
      const r = ethers.keccak256(ethers.toUtf8Bytes("r"));
      const s = ethers.keccak256(ethers.toUtf8Bytes("s"));
      const entries = ethers.concat(["0x05", r, s, "0x8a", s, r]);
      expect(await lib.entryAt(entries, 0)).to.deep.equal([5n, 27n, r, s]);
      expect(await lib.entryAt(entries, 65)).to.deep.equal([10n, 28n, s, r]);
    });
  });
});
