import path from "node:path";
import { gzipSync } from "node:zlib";

import { time } from "@nomicfoundation/hardhat-toolbox/network-helpers";
import { expect } from "chai";
import { build } from "esbuild";
import { parseEther } from "ethers";
import { ethers } from "hardhat";
import type { Browser } from "playwright-core";

import { BridgeReader } from "../../sdk/src/bridge/reader";
import { depositETH, withdrawETH } from "../../sdk/src/bridge/writer";
import type * as ProofModule from "../../sdk/src/proof";
import type { Hex, WithdrawalProof } from "../../sdk/src/proof";
import { launchChromium } from "../helpers/chromium";
import { proposeNext, removeRollupDirectories, rollup } from "../helpers/rollup";
import { seededAddress } from "../helpers/seeded";

/** JSON with bigints as `"<digits>n"` strings, revived in the page. */
const toJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));

describe("browser: wallet-side proof verification in Chromium", function () {
  this.timeout(180_000);
  let browser: Browser | undefined;

  after(async () => {
    await browser?.close();
    removeRollupDirectories();
  });

  it("verifies a real withdrawal proof and rejects a tampered one inside the page, with no Node polyfills", async function () {
    // A real withdrawal, committed and final on L1, and its proof built from events and L2 headers.
    const r = await rollup();
    const reader = new BridgeReader({ ...r.addresses, l1: ethers.provider, l2: r.l2.provider });
    await depositETH(r.l1.bridge.connect(r.deployer), r.l2.users[0]!.address, parseEther("3"));
    await proposeNext(r);
    const initiated = await withdrawETH(
      r.l2Bridge.connect(r.l2.users[0]!),
      seededAddress("browser l1To"),
      parseEther("1"),
    );
    const { batch } = await proposeNext(r);
    await time.increase(7 * 24 * 60 * 60);
    const proof: WithdrawalProof = await reader.buildWithdrawalProof(initiated.hash);
    const headerHash = (await r.l1.batchChain.headerHash(batch.header.batchIndex)) as Hex;
    const tampered: WithdrawalProof = {
      ...proof,
      withdrawal: { ...proof.withdrawal, l1To: seededAddress("browser tampered l1To") },
    };

    // ./proof bundled for the browser: any Node built-in would fail this build (no polyfills are configured).
    const bundle = await build({
      absWorkingDir: path.join(__dirname, "..", ".."),
      entryPoints: ["sdk/src/proof/index.ts"],
      bundle: true,
      write: false,
      platform: "browser",
      format: "iife",
      globalName: "MetisProof",
      minify: true,
      logLevel: "silent",
    });
    const code = bundle.outputFiles[0]!.text;
    console.log(`      ./proof bundle: ${code.length} bytes minified, ${gzipSync(code).length} bytes gzipped`);

    browser = await launchChromium();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.setContent(`<!doctype html><html><body><script>${code}</script></body></html>`);
    const results = await page.evaluate(
      ({ proofJson, tamperedJson, headerHash }) => {
        const revive = (json: string) =>
          JSON.parse(json, (_key, value: unknown) =>
            typeof value === "string" && /^\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value,
          );
        const sdk = (globalThis as unknown as { MetisProof: typeof ProofModule }).MetisProof;
        return {
          real: sdk.verifyWithdrawalProof(revive(proofJson), { headerHash }),
          tampered: sdk.verifyWithdrawalProof(revive(tamperedJson), { headerHash }),
          inBrowser: typeof window === "object" && typeof (globalThis as { process?: unknown }).process === "undefined",
        };
      },
      { proofJson: toJson(proof), tamperedJson: toJson(tampered), headerHash },
    );
    expect(errors).to.deep.equal([]);
    expect(results.inBrowser).to.equal(true);
    expect(results.real).to.deep.equal({ valid: true, leaf: initiated.hash });
    expect(results.tampered).to.include({ valid: false, step: "withdrawal" });
  });
});
