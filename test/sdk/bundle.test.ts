import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { expect } from "chai";
import { build, transform } from "esbuild";
import { ethers } from "hardhat";

import { BatchChain__factory, batchChainLinks, PauseLib__factory } from "../../sdk/src/deploy";
import {
  connectBatchChain,
  ContractRevertError,
  decodeRevert,
  l1BridgeInterface,
  type ProtocolErrorName,
} from "../../sdk/src";
import { measure, type SizeBudget } from "../../scripts/size";

const root = path.join(__dirname, "..", "..");

/** BatchChain's creation bytecode without its link placeholders and metadata: a run of its opcodes. */
function batchChainCode(): string {
  const artifact = JSON.parse(
    readFileSync(path.join(root, "artifacts/contracts/L1/BatchChain.sol/BatchChain.json"), "utf8"),
  ) as { bytecode: string };
  return artifact.bytecode.slice(2, 402); // 200 bytes from its start (before any library placeholder)
}

describe("package entries", function () {
  describe("root entry", function () {
    it("bundles for the browser without any contract's creation bytecode", async function () {
      const result = await build({
        absWorkingDir: root,
        entryPoints: ["sdk/src/index.ts"],
        bundle: true,
        write: false,
        platform: "browser",
        format: "esm",
        external: ["ethers"],
        logLevel: "silent",
      });
      const code = result.outputFiles[0]!.text;
      expect(code).to.include("connectBatchChain"); // the bundle is the root entry
      expect(code).not.to.include("_bytecode");
      expect(code).not.to.include(batchChainCode());
      // The same bundle of ./deploy does hold it: the check above can fail.
      const deploy = await build({
        absWorkingDir: root,
        entryPoints: ["sdk/src/deploy/index.ts"],
        bundle: true,
        write: false,
        platform: "browser",
        format: "esm",
        external: ["ethers"],
        logLevel: "silent",
      });
      expect(deploy.outputFiles[0]!.text).to.include(batchChainCode());
    });

    it("connects ABI-only contracts with the TypeChain types", async function () {
      const [deployer] = await ethers.getSigners();
      const pauseLib = await (await new PauseLib__factory(deployer).deploy()).waitForDeployment();
      const zero = ethers.ZeroHash;
      const deployed = await (
        await new BatchChain__factory(batchChainLinks(await pauseLib.getAddress()), deployer).deploy(
          deployer!.address,
          deployer!.address,
          deployer!.address,
          { number: 0n, timestamp: 0n, blockHash: zero, stateRoot: zero, withdrawalRoot: zero },
        )
      ).waitForDeployment();
      const batchChain = connectBatchChain(await deployed.getAddress(), ethers.provider);
      expect(await batchChain.registry()).to.equal(deployer!.address);
      expect(await batchChain.batchCount()).to.equal(1n); // the genesis batch
    });
  });

  describe("ContractRevertError.errorName", function () {
    it("is typed by the contract and decoded at run time", function () {
      const data = l1BridgeInterface().encodeErrorResult("L1BridgeZeroAmount", []);
      const error = decodeRevert({ data }, { L1Bridge: l1BridgeInterface() });
      expect(error).to.be.instanceOf(ContractRevertError);
      const revert = error as ContractRevertError;
      expect(revert.isFrom("L1Bridge")).to.equal(true);
      expect(revert.isFrom("BatchChain")).to.equal(false);
      if (!revert.isFrom("L1Bridge")) return;
      const name: "L1BridgeZeroAmount" | Exclude<typeof revert.errorName, "L1BridgeZeroAmount"> = revert.errorName;
      expect(name).to.equal("L1BridgeZeroAmount");
      const known: ProtocolErrorName = revert.errorName;
      expect(known).to.equal("L1BridgeZeroAmount");
      // @ts-expect-error BatchChain's errors are not L1Bridge's
      const wrong: ContractRevertError<"L1Bridge">["errorName"] = "BatchChainNotContiguous";
      expect(wrong).to.be.a("string");
      const batch = new ContractRevertError("BatchChain", "BatchChainNotContiguous", {});
      expect(batch.errorName).to.equal("BatchChainNotContiguous");
      // @ts-expect-error not a BatchChain error
      expect(new ContractRevertError("BatchChain", "L1BridgeZeroAmount", {}).contract).to.equal("BatchChain");
      // Another contract's errors are any string.
      expect(new ContractRevertError("Token", "SomethingElse", {}).errorName).to.equal("SomethingElse");
    });
  });

  describe("size budget", function () {
    it("fails a bundle over its budget and passes it under", async function () {
      const entry: SizeBudget = { name: "hex", contents: `export { bytesToHex } from "./sdk/src/proof";`, budget: 10 };
      const [over] = await measure([entry]);
      expect(over).to.include({ name: "hex", budget: 10, ok: false });
      expect(over!.minified).to.be.greaterThan(10);
      const [under] = await measure([{ ...entry, budget: over!.minified }]);
      expect(under!.ok).to.equal(true);
    });
  });

  describe("built dist (no dual-package hazard)", function () {
    before(function () {
      this.timeout(180_000);
      execFileSync("npm", ["run", "--silent", "build:sdk"], { cwd: root, stdio: "pipe" });
    });

    it("leaves out of a dapp's bundle every module and dependency the dapp does not reach", async function () {
      // The dapp quick start bundled from the built package, as a dapp's bundler sees it once installed: the modules
      // of the S3 store and the verifier, and with them @aws-sdk and @ethereumjs/mpt, must not come along.
      const result = await build({
        absWorkingDir: root,
        entryPoints: ["examples/dapp/dapp.ts"],
        bundle: true,
        write: false,
        platform: "browser",
        format: "esm",
        external: ["ethers"],
        metafile: true,
        logLevel: "silent",
      });
      // What the bundle holds (the metafile's inputs also list modules read and then shaken off).
      const [output] = Object.values(result.metafile.outputs);
      const inputs = Object.entries(output!.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([name]) => name);
      expect(inputs.filter((input) => input.startsWith("dist/esm/bridge/"))).not.to.deep.equal([]);
      expect(inputs.filter((input) => !input.startsWith("dist/esm/") && !input.startsWith("examples/"))).to.deep.equal(
        [],
      );
      for (const unreached of ["dist/esm/da/s3-store.js", "dist/esm/verifier/verifier.js", "dist/esm/sequencer/"]) {
        expect(inputs.filter((input) => input.startsWith(unreached))).to.deep.equal([]);
      }
    });

    it("keeps every error class's name in both builds (no inner `_X` names)", function () {
      const script = `
        (async () => {
          const names = {};
          for (const [system, sdk] of [["cjs", require("./dist/cjs/index.js")], ["esm", await import("./dist/esm/index.js")]]) {
            const errors = Object.entries(sdk).filter(([, value]) => typeof value === "function" && (value === sdk.MetisError || value.prototype instanceof sdk.MetisError));
            names[system] = errors.filter(([exported, value]) => value.name !== exported).map(([exported, value]) => exported + " is " + value.name);
            names[system + " count"] = errors.length;
          }
          console.log(JSON.stringify(names));
        })();
      `;
      const names = JSON.parse(
        execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" }).trim().split("\n").pop()!,
      ) as Record<string, unknown>;
      expect(names.cjs).to.deep.equal([]);
      expect(names.esm).to.deep.equal([]);
      expect(names["esm count"]).to.equal(names["cjs count"]).and.to.be.greaterThan(100);
    });

    it("gives every error class its own brand, its exported name", function () {
      const script = `
        const sdk = require("./dist/cjs/index.js");
        const errors = Object.entries(sdk).filter(([, value]) => typeof value === "function" && (value === sdk.MetisError || value.prototype instanceof sdk.MetisError));
        console.log(JSON.stringify(errors.filter(([name, value]) => !Object.prototype.hasOwnProperty.call(value, "brand") || value.brand !== name).map(([name]) => name)));
      `;
      expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" }))).to.deep.equal(
        [],
      );
    });

    it("tells error classes apart when a dapp's bundler minifies each module on its own (class names collide)", async function () {
      this.timeout(120_000);
      // Every ES module of dist/ minified separately, as a bundler without module concatenation (or a CDN) does:
      // classes get short names that repeat from module to module, which the brands must not depend on.
      // Inside the repository (its .scratch/ is ignored), where the copy's `import "ethers"` resolves.
      mkdirSync(path.join(root, ".scratch"), { recursive: true });
      const copy = mkdtempSync(path.join(root, ".scratch", "minified-"));
      try {
        cpSync(path.join(root, "dist", "esm"), copy, { recursive: true });
        const files = readdirSync(copy, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".js"));
        for (const file of files) {
          const code = readFileSync(path.join(copy, file), "utf8");
          writeFileSync(path.join(copy, file), (await transform(code, { minify: true, format: "esm" })).code);
        }
        const script = `
          (async () => {
            const sdk = await import(${JSON.stringify(pathToFileURL(path.join(copy, "index.js")).href)});
            const classes = Object.values(sdk).filter((value) => typeof value === "function" && value.prototype instanceof sdk.MetisError);
            const plain = (value, errorClass) => Function.prototype[Symbol.hasInstance].call(errorClass, value);
            const wrong = [];
            let renamed = 0;
            let checked = 0;
            for (const errorClass of classes) {
              if (errorClass.name !== errorClass.brand) renamed++;
              let error;
              try { error = new errorClass("x", "y", "z"); } catch { continue; }
              for (const other of classes) {
                checked++;
                if ((error instanceof other) !== plain(error, other)) wrong.push(errorClass.brand + " instanceof " + other.brand);
              }
            }
            console.log(JSON.stringify({ wrong, renamed, checked }));
          })();
        `;
        const output = execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim().split("\n").pop()!;
        const { wrong, renamed, checked } = JSON.parse(output) as { wrong: string[]; renamed: number; checked: number };
        expect(renamed).to.be.greaterThan(50); // the minifier did rename the classes
        expect(checked).to.be.greaterThan(5_000);
        expect(wrong).to.deep.equal([]);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });

    it("keeps instanceof across entries and module systems", function () {
      // One Node process loads the CommonJS root and ./node and the ES module root and ./node. Errors are thrown
      // through each root (constructed) and each ./node (a FileDAStore's missing object), and checked against the
      // classes of both roots.
      const script = `
        const os = require("node:os");
        const copies = { cjs: [require("./dist/cjs/index.js"), require("./dist/cjs/node/index.js")] };
        (async () => {
          copies.esm = [await import("./dist/esm/index.js"), await import("./dist/esm/node/index.js")];
          const thrown = {};
          for (const [system, [sdk, node]] of Object.entries(copies)) {
            thrown[system + " root"] = new sdk.DataNotFoundError("0x" + "00".repeat(32));
            thrown[system + " root ContractRevertError"] = new sdk.ContractRevertError("L1Bridge", "L1BridgeZeroAmount", {});
            thrown[system + " ./node"] = await new node.FileDAStore(os.tmpdir()).get("0x" + "ab".repeat(32)).catch((e) => e);
          }
          const checks = {};
          for (const [from, error] of Object.entries(thrown)) {
            for (const [system, [sdk]] of Object.entries(copies)) {
              const own = from.endsWith("ContractRevertError") ? sdk.ContractRevertError : sdk.DataNotFoundError;
              checks[from + " -> " + system + " root"] = [
                error instanceof own,
                error instanceof sdk.MetisError,
                error instanceof sdk.UnknownRevertError,
                error instanceof sdk.MetisArgumentError,
                error instanceof Error,
              ];
            }
          }
          console.log(JSON.stringify(checks));
        })();
      `;
      const output = execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
      const checks = JSON.parse(output.trim().split("\n").pop()!) as Record<string, boolean[]>;
      expect(Object.keys(checks)).to.have.length(6 * 2);
      for (const [check, outcome] of Object.entries(checks)) {
        expect(outcome, check).to.deep.equal([true, true, false, false, true]);
      }
      // An object of another package with the same name is not one of ours.
      const impostor = `const sdk = require("./dist/cjs/index.js");
        class DataNotFoundError extends Error {}
        console.log(JSON.stringify([new DataNotFoundError() instanceof sdk.DataNotFoundError, {} instanceof sdk.MetisError]));`;
      expect(
        JSON.parse(execFileSync(process.execPath, ["-e", impostor], { cwd: root, encoding: "utf8" })),
      ).to.deep.equal([false, false]);
    });

    it("shares registered deployments between the CommonJS and the ES module copies", function () {
      const script = `
        const cjs = require("./dist/cjs/index.js");
        (async () => {
          const esm = await import("./dist/esm/index.js");
          const local = cjs.getDeployment(31337);
          esm.registerDeployment({ ...local, network: "shared", l1ChainId: 7201, l2ChainId: 7202 });
          console.log(JSON.stringify([cjs.getDeployment(7201).network, cjs.knownDeployments().length === esm.knownDeployments().length]));
        })();
      `;
      const output = execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
      expect(JSON.parse(output.trim())).to.deep.equal(["shared", true]);
    });

    it("does not load a factory with the CommonJS root", function () {
      const script = `require("./dist/cjs/index.js");
        console.log(Object.keys(require.cache).filter((f) => f.includes("__factory") || f.includes("/deploy/")).length);`;
      const output = execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
      expect(Number(output.trim())).to.equal(0);
      const control = `require("./dist/cjs/deploy/index.js");
        console.log(Object.keys(require.cache).filter((f) => f.includes("__factory")).length);`;
      expect(
        Number(execFileSync(process.execPath, ["-e", control], { cwd: root, encoding: "utf8" }).trim()),
      ).to.be.greaterThan(0);
    });
  });
});
