/**
 * The execution dispute's hashes: the SDK's dispute id and vote commitment agree with DisputeManager's and
 * VerifierRegistry's pure views for any input, and refuse malformed input with the proof module's argument errors.
 */
import { expect } from "chai";
import { getAddress, hexlify } from "ethers";
import fc from "fast-check";

import {
  executionDisputeId,
  IntegerOutOfRangeError,
  InvalidAddressError,
  InvalidHexError,
  voteCommitment,
  type Address,
  type Hex,
} from "../../../sdk/src/proof";
import { removeRollupDirectories, rollup } from "../../helpers/rollup";

const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => hexlify(b) as Hex);
const anAddress = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(hexlify(b)) as Address);
const uint256 = fc.bigInt({ min: 0n, max: 2n ** 256n - 1n });

describe("sdk/proof/disputes: execution dispute ids and vote commitments", function () {
  after(removeRollupDirectories);

  it("executionDisputeId equals DisputeManager.executionDisputeId", async function () {
    const { l1 } = await rollup();
    await fc.assert(
      fc.asyncProperty(bytes32, uint256, async (hash, leafIndex) => {
        expect(executionDisputeId(hash, leafIndex)).to.equal(
          await l1.disputeManager.executionDisputeId(hash, leafIndex),
        );
      }),
      { numRuns: 25, seed: 1 },
    );
  });

  it("voteCommitment equals VerifierRegistry.commitmentOf, and binds every field", async function () {
    const { l1 } = await rollup();
    await fc.assert(
      fc.asyncProperty(bytes32, fc.boolean(), bytes32, anAddress, async (id, uphold, salt, voter) => {
        const commitment = voteCommitment(id, uphold, salt, voter);
        expect(commitment).to.equal(await l1.verifierRegistry.commitmentOf(id, uphold, salt, voter));
        expect(voteCommitment(id, !uphold, salt, voter)).to.not.equal(commitment);
        expect(voteCommitment(id, uphold, salt, voter.toLowerCase())).to.equal(commitment);
      }),
      { numRuns: 25, seed: 2 },
    );
  });

  it("refuses malformed input, naming the field", function () {
    const word = `0x${"11".repeat(32)}` as Hex;
    expect(() => executionDisputeId("0x12", 0)).to.throw(InvalidHexError, /headerHash/);
    expect(() => executionDisputeId(word, -1)).to.throw(IntegerOutOfRangeError, /leafIndex/);
    expect(() => voteCommitment(word, true, "0x", `0x${"22".repeat(20)}`)).to.throw(InvalidHexError, /salt/);
    expect(() => voteCommitment(word, true, word, "0x1234")).to.throw(InvalidAddressError, /voter/);
  });
});
