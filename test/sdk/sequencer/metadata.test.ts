import { loadFixture } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";

import type { OddMetadataToken } from "../../../sdk/src/contracts/typechain";

import { TOKEN_NAME_MAX_BYTES, TOKEN_SYMBOL_MAX_BYTES } from "../../../sdk/src/proof";
import { readTokenMetadata, sanitizeTokenText } from "../../../sdk/src/sequencer/deposits";

const MODES = ["Missing", "Huge", "Reverting", "GasBurning", "Bytes32", "Unprintable", "InvalidUtf8", "Empty"] as const;

describe("sequencer/deposits: L1 token metadata", function () {
  async function tokens() {
    const entries = await Promise.all(
      MODES.map(async (mode, i) => [mode, await ethers.deployContract("OddMetadataToken", [i])] as const),
    );
    return Object.fromEntries(entries) as Record<(typeof MODES)[number], OddMetadataToken>;
  }

  const read = async (token: { getAddress(): Promise<string> }) =>
    readTokenMetadata(await token.getAddress(), ethers.provider);

  it("reads an ordinary token's name, symbol and decimals", async function () {
    const token = await ethers.deployContract("TestERC20", ["Gold", "GLD"]);
    expect(await read(token)).to.deep.equal({ name: "Gold", symbol: "GLD", decimals: 18 });
  });

  it("cuts a 20 KB name to the L2 bridge's bound", async function () {
    const t = await loadFixture(tokens);
    const metadata = await read(t.Huge);
    expect(metadata?.name).to.equal("Huge Token Huge Token Huge Token".repeat(2)); // the token repeats 32 bytes
    expect(new TextEncoder().encode(metadata!.name).length).to.be.at.most(TOKEN_NAME_MAX_BYTES);
  });

  it("gives up, without throwing, on a token whose getters are missing, revert, burn all gas or return nothing", async function () {
    const t = await loadFixture(tokens);
    for (const mode of ["Missing", "Reverting", "GasBurning", "Empty", "InvalidUtf8"] as const) {
      expect(await read(t[mode]), mode).to.equal(undefined);
    }
  });

  it("reads bytes32 metadata, strips unprintable characters and ignores impossible decimals", async function () {
    const t = await loadFixture(tokens);
    expect(await read(t.Bytes32)).to.deep.equal({ name: "Maker", symbol: "MKR", decimals: 6 });
    expect(await read(t.Unprintable)).to.deep.equal({ name: "TKN Spoof", symbol: "TKN Spoof", decimals: 18 });
  });

  it("sanitises any text into at most the bound, as whole characters, without control characters", function () {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.integer({ min: 1, max: 80 }), (text, bound) => {
        const out = sanitizeTokenText(text, bound);
        expect(new TextEncoder().encode(out).length).to.be.at.most(bound);
        // eslint-disable-next-line no-control-regex
        expect(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u.test(out)).to.equal(false);
        expect(out).to.equal(out.trim());
        // Whole characters: re-encoding gives the same string back.
        expect(new TextDecoder().decode(new TextEncoder().encode(out))).to.equal(out);
        expect(sanitizeTokenText(out, bound)).to.equal(out);
      }),
      { numRuns: 500 },
    );
    expect(sanitizeTokenText("€".repeat(20), TOKEN_SYMBOL_MAX_BYTES)).to.equal("€".repeat(10));
  });
});
