import { execFileSync } from "node:child_process";
import path from "node:path";

import { expect } from "chai";
import { build } from "esbuild";

import { merkleRoot, zeroHash } from "../../sdk/src/proof";

const root = path.join(__dirname, "..", "..");
const run = (args: string[]): string => execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" }).trim();

describe("package", function () {
  before(function () {
    this.timeout(120_000);
    execFileSync("npm", ["run", "--silent", "build:sdk"], { cwd: root, stdio: "pipe" });
  });

  const expected = merkleRoot([zeroHash(3), zeroHash(1)]);
  const program = "merkleRoot([zeroHash(3), zeroHash(1)])";

  it("exposes ./proof to CommonJS and ES module consumers", function () {
    expect(
      run(["-e", `const { merkleRoot, zeroHash } = require("@metis-l2/protocol/proof"); console.log(${program})`]),
    ).to.equal(expected);
    expect(
      run([
        "--input-type=module",
        "-e",
        `import { merkleRoot, zeroHash } from "@metis-l2/protocol/proof"; console.log(${program})`,
      ]),
    ).to.equal(expected);
  });

  it("exposes the root entry, which re-exports the proof module", function () {
    expect(
      run(["-e", `const { merkleRoot, zeroHash } = require("@metis-l2/protocol"); console.log(${program})`]),
    ).to.equal(expected);
  });

  it("exposes the sequencer client and the typed contract bindings from the root entry", function () {
    const probe =
      "typeof Sequencer + typeof BatchChain__factory.connect + typeof ContractRevertError" +
      " + typeof startNextEpoch + typeof checkL2Blocks + typeof InvalidL2BlockError";
    const program = `import { Sequencer, BatchChain__factory, ContractRevertError, startNextEpoch, checkL2Blocks, InvalidL2BlockError } from "@metis-l2/protocol"; console.log(${probe})`;
    expect(run(["--input-type=module", "-e", program])).to.equal("function".repeat(6));
  });

  it("bundles ./proof for the browser with no Node polyfills and no dependencies", async function () {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ["sdk/src/proof/index.ts"],
      bundle: true,
      write: false,
      platform: "browser",
      format: "esm",
      minify: true,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => !input.startsWith("sdk/src/"))).to.deep.equal([]);
  });
});
