/**
 * The package as a dapp, a script or a verifier gets it: `npm pack`, installed with ethers (its peer dependency) into
 * a fresh project outside the repository, imported from ES modules and CommonJS, and type-checked under the module
 * resolutions consumers use (node10, which is Hardhat's default; nodenext, from CommonJS and ES modules; bundler).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { build } from "esbuild";
import { version as ethersVersion } from "ethers";

import { merkleRoot, zeroHash } from "../../sdk/src/proof";
import { createL2Chain } from "../../sdk/src/node";

const root = path.join(__dirname, "..", "..");
const tsc = require.resolve("typescript/bin/tsc");

/** A consumer's sources: the three entries, with values and types from each, and one line that must not typecheck. */
const CONSUMER = `
import { BridgeReader, merkleRoot, Sequencer, type BridgeAddresses, type Hex } from "@metis-l2/protocol";
import { verifyWithdrawalProof, zeroHash, type WithdrawalProof } from "@metis-l2/protocol/proof";
import { createL2Chain, FileDAStore, L2_CHAIN_ID, rollupAddresses, type L2Chain } from "@metis-l2/protocol/node";
import { JsonRpcProvider } from "ethers";

export const root: Hex = merkleRoot([zeroHash(0)]);
export const addresses: BridgeAddresses = { batchChain: "0x", l1Bridge: "0x", l2Bridge: "0x" };
export const verify: (proof: WithdrawalProof, options: { headerHash: Hex }) => { valid: boolean } = verifyWithdrawalProof;
export const reader = (l1: JsonRpcProvider, l2: JsonRpcProvider) => new BridgeReader({ ...addresses, l1, l2 });
export const chain: () => Promise<L2Chain> = createL2Chain;
export const store = new FileDAStore("/tmp/da");
export const chainId: number = L2_CHAIN_ID;
export const bundle = rollupAddresses;
export const sequencer = Sequencer;
// @ts-expect-error a Hex is not a number: the types are real, not \`any\`
export const wrong: number = merkleRoot([zeroHash(0)]);
`;

/** One tsconfig per resolution mode; each checks the consumer's sources and the package's declarations. */
const MODES = {
  node10: { options: { module: "commonjs", moduleResolution: "node10" }, files: ["consumer.ts"] },
  nodenext: { options: { module: "nodenext", moduleResolution: "nodenext" }, files: ["consumer.cts", "consumer.mts"] },
  bundler: { options: { module: "esnext", moduleResolution: "bundler" }, files: ["consumer.ts"] },
} as const;

describe("package", function () {
  let consumer: string;
  let packed: string[];

  /** Runs node in the consumer project. */
  const node = (args: string[]): string =>
    execFileSync(process.execPath, args, { cwd: consumer, encoding: "utf8" }).trim();

  before(function () {
    this.timeout(300_000);
    execFileSync("npm", ["run", "--silent", "build:sdk"], { cwd: root, stdio: "pipe" });
    consumer = mkdtempSync(path.join(tmpdir(), "metis-consumer-"));
    const [pack] = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--pack-destination", consumer], { cwd: root, encoding: "utf8" }),
    ) as { filename: string; files: { path: string }[] }[];
    packed = pack!.files.map((file) => file.path);
    writeFileSync(path.join(consumer, "package.json"), `${JSON.stringify({ name: "consumer", private: true })}\n`);
    execFileSync(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", `./${pack!.filename}`, `ethers@${ethersVersion}`],
      { cwd: consumer, stdio: "pipe" },
    );
  });

  after(() => {
    if (consumer) rmSync(consumer, { recursive: true, force: true });
  });

  const expected = merkleRoot([zeroHash(3), zeroHash(1)]);
  const program = "merkleRoot([zeroHash(3), zeroHash(1)])";

  it("ships the entries' code and declarations, and nothing of the test-helper contracts", function () {
    for (const file of ["dist/esm/index.js", "dist/cjs/node/index.js", "dist/types/esm/proof/index.d.ts"]) {
      expect(packed).to.include(file);
    }
    expect(packed.filter((file) => /test-helpers|Harness|TestERC20/.test(file))).to.deep.equal([]);
  });

  it("exposes the root entry and ./proof to CommonJS and ES module consumers", function () {
    for (const entry of ["@metis-l2/protocol", "@metis-l2/protocol/proof"]) {
      expect(node(["-e", `const { merkleRoot, zeroHash } = require("${entry}"); console.log(${program})`])).to.equal(
        expected,
      );
      expect(
        node(["--input-type=module", "-e", `import { merkleRoot, zeroHash } from "${entry}"; console.log(${program})`]),
      ).to.equal(expected);
    }
  });

  it("exposes the sequencer client and the typed contract bindings from the root entry", function () {
    const names = [
      "Sequencer",
      "BatchChain__factory",
      "ContractRevertError",
      "startNextEpoch",
      "checkL2Blocks",
      "InvalidL2BlockError",
    ];
    const probe = names.map((name) => `typeof sdk.${name}`).join(" + ");
    expect(node(["-e", `const sdk = require("@metis-l2/protocol"); console.log(${probe})`])).to.equal(
      "function".repeat(names.length),
    );
    expect(
      node(["--input-type=module", "-e", `import * as sdk from "@metis-l2/protocol"; console.log(${probe})`]),
    ).to.equal("function".repeat(names.length));
  });

  it("exposes ./node without hardhat installed, sharing one copy of the SDK with the root entry", function () {
    // FileDAStore (./node) throws the root entry's DataNotFoundError itself, not a copy, from both module systems.
    const check = (sdk: string, nodeEntry: string) =>
      `const store = new ${nodeEntry}.FileDAStore(${JSON.stringify(path.join(consumer, "da"))});` +
      ` store.get("0x${"11".repeat(32)}").catch((error) => console.log(` +
      `[typeof ${nodeEntry}.createL2Chain, typeof ${nodeEntry}.deployL1, ${nodeEntry}.L2_CHAIN_ID,` +
      ` error instanceof ${sdk}.DataNotFoundError].join(" ")))`;
    const wanted = "function function 41088 true";
    expect(
      node([
        "-e",
        `const sdk = require("@metis-l2/protocol"); const n = require("@metis-l2/protocol/node"); ${check("sdk", "n")}`,
      ]),
    ).to.equal(wanted);
    expect(
      node([
        "--input-type=module",
        "-e",
        `import * as sdk from "@metis-l2/protocol"; import * as n from "@metis-l2/protocol/node"; ${check("sdk", "n")}`,
      ]),
    ).to.equal(wanted);
    expect(() => require.resolve("hardhat", { paths: [consumer] })).to.throw();
  });

  it("creates the devnet L2 from the built ./node entry with hardhat as its peer, from both module systems", async function () {
    this.timeout(120_000);
    const genesis = await (await createL2Chain()).provider.send("eth_getBlockByNumber", ["0x0", false]);
    // Run from the repository, where hardhat is installed: the package resolves itself through its exports.
    const probe = (load: string) =>
      `${load}.then(({ createL2Chain }) => createL2Chain()).then((chain) => chain.provider.send("eth_getBlockByNumber", ["0x0", false]))` +
      `.then((block) => { console.log(block.hash); process.exit(0); })`;
    const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: "utf8" }).trim();
    expect(run(["-e", probe(`Promise.resolve(require("@metis-l2/protocol/node"))`)])).to.equal(genesis.hash);
    expect(run(["--input-type=module", "-e", probe(`import("@metis-l2/protocol/node")`)])).to.equal(genesis.hash);
  });

  for (const [mode, { options, files }] of Object.entries(MODES)) {
    it(`typechecks a consumer of all three entries under ${mode} resolution`, function () {
      this.timeout(120_000);
      const directory = path.join(consumer, mode);
      mkdirSync(directory, { recursive: true });
      for (const file of files) writeFileSync(path.join(directory, file), CONSUMER);
      const tsconfig = {
        compilerOptions: {
          ...options,
          target: "es2022",
          lib: ["es2022", "dom"],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files,
      };
      writeFileSync(path.join(directory, "tsconfig.json"), JSON.stringify(tsconfig));
      try {
        execFileSync(process.execPath, [tsc, "-p", directory], { cwd: directory, encoding: "utf8" });
      } catch (error) {
        const output = (error as { stdout?: string }).stdout ?? String(error);
        throw new Error(`tsc (${mode}) failed:\n${output}`, { cause: error });
      }
    });
  }

  // @ethereumjs/mpt (a dependency: the verifier checks committed blocks' transactions against their transactionsRoot
  // with it) is pure JavaScript and bundles for the browser too; it stays external like ethers, and so does
  // @aws-sdk/client-s3 (the Memo adapter S3DAStore), which has browser builds of its own.
  it("bundles the root entry for the browser with ethers, @ethereumjs/mpt and @aws-sdk/client-s3 as its only dependencies and no Node polyfills", async function () {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ["sdk/src/index.ts"],
      bundle: true,
      write: false,
      platform: "browser",
      format: "esm",
      external: ["ethers", "@ethereumjs/mpt", "@aws-sdk/client-s3"],
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => !input.startsWith("sdk/src/"))).to.deep.equal([]);
    expect(inputs.filter((input) => input.startsWith("sdk/src/node/"))).to.deep.equal([]);
    // The verifier's transactions-trie package and the S3 client bundle for the browser too (a Node built-in would not
    // resolve).
    const withTrie = await build({
      absWorkingDir: root,
      entryPoints: ["sdk/src/index.ts"],
      bundle: true,
      write: false,
      platform: "browser",
      format: "esm",
      external: ["ethers"],
      metafile: true,
      logLevel: "silent",
    });
    expect(withTrie.errors).to.deep.equal([]);
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
