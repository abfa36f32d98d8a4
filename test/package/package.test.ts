/**
 * The package as a dapp, a wallet, a script or a Hardhat user gets it: `npm pack`, installed with ethers (its peer
 * dependency) into a fresh project outside the repository (one pack, one install, for every test here), imported from
 * ES modules and CommonJS, type-checked under the module resolutions consumers use (node10, which is Hardhat's
 * default; nodenext, from CommonJS and ES modules; bundler), its Solidity sources compiled by a consumer contract, and
 * the quick starts of examples/ run from it against a local L1 and L2 served over HTTP JSON-RPC: the dapp bundled
 * with esbuild and run in headless Chromium, the wallet's proof check, and the Hardhat tasks.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { expect } from "chai";
import { build } from "esbuild";
import { ContractFactory, HDNodeWallet, parseEther, version as ethersVersion, type InterfaceAbi } from "ethers";

import { BridgeReader } from "../../sdk/src/bridge/reader";
import { parseDeployment, rollupAddressesOf } from "../../sdk/src/deployments";
import { merkleRoot, zeroHash, type Hex } from "../../sdk/src/proof";
import { createL2Chain } from "../../sdk/src/node";

import { browserDapp } from "./browser-dapp";
import { startDevnet, type Devnet } from "./devnet";
import { deployRollup, operate, type Operators } from "./operators";
import { compileConsumerContract } from "./solidity";
import { copyExample, proofJson, walletExample } from "./wallet";

const root = path.join(__dirname, "..", "..");
const tsc = require.resolve("typescript/bin/tsc");
/** The mnemonic of `hardhat node`'s unlocked accounts (the devnet L1's). */
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

/**
 * A consumer's sources: the four entries, with values and types from each (the address book, the bridge client, the
 * ABI-only connectors, the factories of ./deploy), and lines that must not typecheck.
 */
const CONSUMER = `
import {
  batchChainAbi,
  BridgeReader,
  BridgeWriter,
  connectBatchChain,
  getDeployment,
  merkleRoot,
  registerDeployment,
  Sequencer,
  type BatchChain,
  type BridgeAddresses,
  type Deployment,
  type Hex,
  type PendingTransaction,
  type QueuedDeposit,
} from "@metis-l2/protocol";
import * as root from "@metis-l2/protocol";
import { verifyWithdrawalProof, zeroHash, type WithdrawalProof } from "@metis-l2/protocol/proof";
import { BatchChain__factory, batchChainLinks } from "@metis-l2/protocol/deploy";
import { createL2Chain, FileDAStore, L2_CHAIN_ID, rollupAddresses, type L2Chain } from "@metis-l2/protocol/node";
import { JsonRpcProvider, type ContractRunner, type Signer } from "ethers";

export const merkle: Hex = merkleRoot([zeroHash(0)]);
export const addresses: BridgeAddresses = { batchChain: "0x", l1Bridge: "0x", l2Bridge: "0x" };
export const verify: (proof: WithdrawalProof, options: { headerHash: Hex }) => { valid: boolean } = verifyWithdrawalProof;
export const reader = (l1: JsonRpcProvider, l2: JsonRpcProvider) => new BridgeReader({ ...addresses, l1, l2 });
export const deployed = (chainId: bigint, l1: JsonRpcProvider, l2: JsonRpcProvider) =>
  new BridgeReader({ deployment: getDeployment(chainId), l1, l2 });
export const register: (deployment: unknown) => Deployment = registerDeployment;
export const deposit = (deployment: Deployment, l1Signer: Signer): Promise<PendingTransaction<QueuedDeposit>> =>
  new BridgeWriter({ deployment, l1Signer }).depositETH("0x0000000000000000000000000000000000000001", 1n);
export const gas = (deployment: Deployment, l1Signer: Signer): Promise<bigint> =>
  new BridgeWriter({ deployment, l1Signer }).estimateGas.depositETH("0x0000000000000000000000000000000000000001", 1n);
export const connect: (address: string, runner: ContractRunner) => BatchChain = connectBatchChain;
export const abi = batchChainAbi;
export const factory = (pauseLib: string, signer: Signer) => new BatchChain__factory(batchChainLinks(pauseLib), signer);
export const chain: () => Promise<L2Chain> = createL2Chain;
export const store = new FileDAStore("/tmp/da");
export const chainId: number = L2_CHAIN_ID;
export const bundle = rollupAddresses;
export const sequencer = Sequencer;
// @ts-expect-error a Hex is not a number: the types are real, not \`any\`
export const wrong: number = merkleRoot([zeroHash(0)]);
// @ts-expect-error the root entry is ABI-only: the factories (with bytecode) are in ./deploy
export const noFactory = root.BatchChain__factory;
`;

/** The quick starts every resolution mode type-checks (examples/, as the README embeds them). */
const EXAMPLES = ["dapp/dapp.ts", "wallet/verify-withdrawal.ts"];

/** One tsconfig per resolution mode; each checks the consumer's sources and the package's declarations. */
const MODES = {
  node10: { options: { module: "commonjs", moduleResolution: "node10" }, files: ["consumer.ts"] },
  nodenext: { options: { module: "nodenext", moduleResolution: "nodenext" }, files: ["consumer.cts", "consumer.mts"] },
  bundler: { options: { module: "esnext", moduleResolution: "bundler" }, files: ["consumer.ts"] },
} as const;

describe("package", function () {
  let consumer: string;
  let packed: string[];

  /** Where an import path (`@scope/name/...`) is in the consumer's node_modules. */
  const modulePath = (importPath: string) => path.join(consumer, "node_modules", importPath);

  /** Runs node in the consumer project. */
  const node = (args: string[]): string =>
    execFileSync(process.execPath, args, { cwd: consumer, encoding: "utf8" }).trim();

  /**
   * Runs `body` in the consumer with `modules` (a binding's name to its specifier) loaded, once through `require` and
   * once as an ES module's `import * as`; returns the two outputs, CommonJS first.
   */
  const inBothSystems = (modules: Readonly<Record<string, string>>, body: string): [string, string] => {
    const bindings = Object.entries(modules);
    const required = bindings.map(([name, specifier]) => `const ${name} = require("${specifier}");`).join(" ");
    const imported = bindings.map(([name, specifier]) => `import * as ${name} from "${specifier}";`).join(" ");
    return [node(["-e", `${required} ${body}`]), node(["--input-type=module", "-e", `${imported} ${body}`])];
  };

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
  const program = "console.log(entry.merkleRoot([entry.zeroHash(3), entry.zeroHash(1)]))";

  it("ships the entries' code and declarations, and nothing of the test-helper contracts", function () {
    for (const file of [
      "dist/esm/index.js",
      "dist/cjs/node/index.js",
      "dist/types/esm/proof/index.d.ts",
      "dist/esm/deploy/index.js",
      "dist/cjs/node/agents/bin.js",
      "contracts/interfaces/IBatchChain.sol",
      "contracts/libraries/BatchLib.sol",
    ]) {
      expect(packed).to.include(file);
    }
    expect(packed.filter((file) => /test-helpers|Harness|TestERC20/.test(file))).to.deep.equal([]);
  });

  it("exposes the root entry and ./proof to CommonJS and ES module consumers", function () {
    for (const entry of ["@metis-l2/protocol", "@metis-l2/protocol/proof"]) {
      expect(inBothSystems({ entry }, program)).to.deep.equal([expected, expected]);
    }
  });

  it("exposes the sequencer and bridge clients and the ABI-only connectors from the root entry, the factories from ./deploy", function () {
    const names = [
      "Sequencer",
      "BridgeWriter",
      "BridgeReader",
      "getDeployment",
      "connectBatchChain",
      "ContractRevertError",
      "startNextEpoch",
      "checkL2Blocks",
      "InvalidL2BlockError",
    ];
    const probe = names.map((name) => `typeof sdk.${name}`).join(" + ");
    const functions = "function".repeat(names.length);
    expect(inBothSystems({ sdk: "@metis-l2/protocol" }, `console.log(${probe})`)).to.deep.equal([functions, functions]);
    const split = (sdk: string, deploy: string) =>
      `console.log([typeof ${sdk}.BatchChain__factory, typeof ${deploy}.BatchChain__factory, ` +
      `typeof ${deploy}.BatchChain__factory.bytecode, Array.isArray(${sdk}.batchChainAbi)].join(" "))`;
    const wanted = "undefined function string true";
    const entries = { sdk: "@metis-l2/protocol", d: "@metis-l2/protocol/deploy" };
    expect(inBothSystems(entries, split("sdk", "d"))).to.deep.equal([wanted, wanted]);
  });

  it("exposes ./node without hardhat installed, sharing one copy of the SDK with the root entry", function () {
    // FileDAStore (./node) throws the root entry's DataNotFoundError itself, not a copy, from both module systems.
    const check = (sdk: string, nodeEntry: string) =>
      `const store = new ${nodeEntry}.FileDAStore(${JSON.stringify(path.join(consumer, "da"))});` +
      ` store.get("0x${"11".repeat(32)}").catch((error) => console.log(` +
      `[typeof ${nodeEntry}.createL2Chain, typeof ${nodeEntry}.deployL1, ${nodeEntry}.L2_CHAIN_ID,` +
      ` error instanceof ${sdk}.DataNotFoundError].join(" ")))`;
    const wanted = "function function 41088 true";
    const entries = { sdk: "@metis-l2/protocol", n: "@metis-l2/protocol/node" };
    expect(inBothSystems(entries, check("sdk", "n"))).to.deep.equal([wanted, wanted]);
    expect(() => require.resolve("hardhat", { paths: [consumer] })).to.throw();
  });

  it("installs the metis-agent command: npx metis-agent prints its usage, and a bad config exits 2 with one line", function () {
    const npx = (args: string[]) =>
      spawnSync("npx", ["--no-install", "metis-agent", ...args], { cwd: consumer, encoding: "utf8" });
    const help = npx(["--help"]);
    expect(help.status, help.stderr).to.equal(0);
    expect(help.stdout).to.match(/^usage: metis-agent <sequencer\|verifier> --config <file>/);
    const config = path.join(consumer, "agent.json");
    writeFileSync(config, `${JSON.stringify({ role: "sequencer" })}\n`);
    const bad = npx(["sequencer", "--config", config]);
    expect(bad.status).to.equal(2);
    expect(bad.stderr.trim()).to.equal(`metis-agent: ${config}: name is missing`);
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

  describe("type-checks", function () {
    /** One tsc run per resolution mode, all started at once (each takes a core for half a minute). */
    const runs = new Map<string, Promise<string | undefined>>();

    before(function () {
      for (const [mode, { options, files }] of Object.entries(MODES)) {
        const directory = path.join(consumer, mode);
        mkdirSync(directory, { recursive: true });
        for (const file of files) writeFileSync(path.join(directory, file), CONSUMER);
        // The quick starts, as a consumer would paste them into their project.
        const examples = EXAMPLES.map((example) => path.relative(directory, copyExample(consumer, example)));
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
          files: [...files, ...examples],
        };
        writeFileSync(path.join(directory, "tsconfig.json"), JSON.stringify(tsconfig));
        runs.set(
          mode,
          promisify(execFile)(process.execPath, [tsc, "-p", directory], { cwd: directory, encoding: "utf8" }).then(
            () => undefined,
            (error: { stdout?: string }) => error.stdout ?? String(error),
          ),
        );
      }
    });

    for (const mode of Object.keys(MODES)) {
      it(`typechecks a consumer of every entry and the quick starts under ${mode} resolution`, async function () {
        this.timeout(180_000);
        const failure = await runs.get(mode);
        if (failure !== undefined) throw new Error(`tsc (${mode}) failed:\n${failure}`);
      });
    }
  });

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

  it("compiles a consumer contract against the shipped interfaces and libraries, with OpenZeppelin from node_modules", function () {
    this.timeout(120_000);
    const compiled = compileConsumerContract(consumer);
    expect(compiled.bytecode).to.match(/^0x[0-9a-f]{100,}$/);
    expect(compiled.sources).to.include.members([
      "@metis-l2/protocol/contracts/interfaces/IBatchChain.sol",
      "@metis-l2/protocol/contracts/libraries/BatchLib.sol",
      "@metis-l2/protocol/contracts/libraries/Types.sol",
    ]);
    expect(compiled.sources.some((source) => source.startsWith("@openzeppelin/contracts/"))).to.equal(true);
    // The shipped interfaces and libraries take a pragma range, not the one release this repository builds with.
    const pinned = compiled.sources
      .filter((source) => source.startsWith("@metis-l2/protocol/"))
      .filter((source) => /pragma solidity\s+=?\s*0\.8\.\d+\s*;/.test(readFileSync(modulePath(source), "utf8")));
    expect(pinned).to.deep.equal([]);
  });

  describe("on a local L1 and L2 over HTTP JSON-RPC", function () {
    let devnet: Devnet | undefined;
    let operators: Operators | undefined;
    /** The withdrawal the dapp made, as the wallet example gets it. */
    let withdrawalHash: string | undefined;

    /** Hardhat in the consumer project (the Hardhat quick start), installed while the nodes start. */
    let hardhatInstall: Promise<unknown> | undefined;

    /** The operators, on the deployment the Hardhat quick start made (or, if it made none, a deployment of their own). */
    const operatorsOf = async (): Promise<Operators> => {
      if (operators) return operators;
      const file = path.join(consumer, "deployments", "localhost.json");
      operators = existsSync(file)
        ? await operate(devnet!, parseDeployment(JSON.parse(readFileSync(file, "utf8"))))
        : await deployRollup(devnet!);
      return operators;
    };

    before(async function () {
      this.timeout(240_000);
      // The repository's versions, from the npm cache where it has them: the consumer's project as a Hardhat user's.
      const versions = ["hardhat", "ts-node", "typescript", "@types/node"].map(
        (name) =>
          `${name}@${(JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version}`,
      );
      hardhatInstall = promisify(execFile)(
        "npm",
        ["install", "--no-audit", "--no-fund", "--prefer-offline", "--save-dev", ...versions],
        { cwd: consumer, encoding: "utf8" },
      );
      hardhatInstall.catch(() => {}); // awaited by the Hardhat test
      devnet = await startDevnet();
    });

    after(async () => {
      await hardhatInstall?.catch(() => {});
      operators?.close();
      devnet?.stop();
    });

    it("runs the Hardhat quick start: metis:deploy writes the deployment, metis:status reads it", async function () {
      this.timeout(240_000);
      await hardhatInstall;
      // A Hardhat project's tsconfig (Hardhat loads a TypeScript config through ts-node with it).
      const tsconfig = {
        compilerOptions: {
          target: "es2022",
          module: "commonjs",
          moduleResolution: "node10",
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
        },
        files: ["hardhat.config.ts"],
      };
      writeFileSync(path.join(consumer, "tsconfig.json"), JSON.stringify(tsconfig));
      copyExample(consumer, "hardhat/hardhat.config.ts");
      copyExample(consumer, "hardhat/deploy/networks/localhost.ts");
      for (const file of ["hardhat.config.ts", "deploy/networks/localhost.ts"]) {
        mkdirSync(path.dirname(path.join(consumer, file)), { recursive: true });
        copyFileSync(path.join(consumer, "examples", "hardhat", file), path.join(consumer, file));
      }
      const commands = readFileSync(path.join(root, "examples", "hardhat", "commands.sh"), "utf8")
        .split("\n")
        .filter((line) => line.startsWith("npx hardhat "));
      expect(commands.map((c) => c.split(" ")[2])).to.deep.equal(["metis:deploy", "metis:status"]);
      const hardhat = path.join(consumer, "node_modules", ".bin", "hardhat");
      const env = {
        ...process.env,
        METIS_L1_RPC_URL: devnet!.l1.url,
        METIS_L2_RPC_URL: devnet!.l2.url,
        HARDHAT_DISABLE_TELEMETRY_PROMPT: "true",
      };
      const outputs: string[] = [];
      for (const command of commands) {
        const args = command.split(" ").slice(2);
        const { stdout } = await promisify(execFile)(hardhat, args, { cwd: consumer, env, encoding: "utf8" }).catch(
          (error: { stdout?: string; stderr?: string }) => {
            throw new Error(`${command} failed:\n${error.stdout ?? ""}\n${error.stderr ?? ""}`, { cause: error });
          },
        );
        outputs.push(stdout);
      }
      const [deployed, status] = outputs;
      const deployment = parseDeployment(
        JSON.parse(readFileSync(path.join(consumer, "deployments", "localhost.json"), "utf8")),
      );
      expect(deployed).to.include("deployed; wrote");
      expect(deployed).to.include(deployment.contracts.batchChain);
      expect(deployment.l1ChainId).to.equal(31337);
      expect(deployment.l2ChainId).to.equal(41088);
      expect(status).to.match(/Batches: 1\b/);
      expect(status).to.include("Open disputes: 0");
      expect(status).to.include("Open DA requests: 0");
    });

    after(() => {
      operators?.close();
      devnet?.stop();
    });

    it("runs the dapp quick start in headless Chromium: deposit, relay, withdraw, prove and finalize through the root entry", async function () {
      this.timeout(240_000);
      const ops = await operatorsOf();
      const user = HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, "m/44'/60'/0'/0/1");
      const deposit = parseEther("2");
      const withdraw = parseEther("0.5");
      const escrowBefore = await ops.l1.getBalance(ops.deployment.contracts.l1Bridge);
      // The operators act on what the page reports, in order: a queued deposit and an initiated withdrawal get a batch
      // (whose proposer relays the deposit first), a committed withdrawal sees the fraud window pass on L1.
      const run = await browserDapp(
        consumer,
        { l1: devnet!.l1.url, l2: devnet!.l2.url },
        { deployment: ops.deployment, privateKey: user.privateKey, deposit, withdraw },
        async (event) => {
          if (event.step === "deposit" && event.status === "Queued") await ops.propose();
          if (event.step === "withdrawal" && event.status === "Initiated") await ops.propose();
          if (event.step === "withdrawal" && event.status === "Committed") await ops.passFraudWindow();
        },
      );
      console.log(
        `      dapp bundle: ${run.bundle.bytes} bytes minified, ${run.bundle.gzipped} gzipped; ` +
          `${run.bundle.withoutEthers} bytes without ethers`,
      );
      expect(run.pageErrors).to.deep.equal([]);
      const seen = (step: string) => run.events.filter((e) => e.step === step).map((e) => e.status);
      expect(seen("deposit")).to.deep.equal(["sent", "Queued", "Relayed"]);
      expect(seen("withdrawal")).to.deep.equal([
        "sent",
        "Initiated",
        "Committed",
        "ReadyToFinalize",
        "proven",
        "Finalized",
      ]);
      const { result } = run;
      expect(result.finalStatus).to.equal("Finalized");
      // L2: the deposit arrived whole, the withdrawal left with its gas; L1: the deposit less the withdrawal, and gas.
      expect(BigInt(result.l2AfterDeposit!)).to.equal(deposit);
      const l2Spent = deposit - BigInt(result.l2After!);
      expect(l2Spent > withdraw && l2Spent < withdraw + parseEther("0.01")).to.equal(true, `L2 spent ${l2Spent}`);
      const l1Spent = BigInt(result.l1Before!) - BigInt(result.l1After!);
      expect(l1Spent > deposit - withdraw && l1Spent < deposit - withdraw + parseEther("0.01")).to.equal(
        true,
        `L1 spent ${l1Spent}`,
      );
      expect((await ops.l1.getBalance(ops.deployment.contracts.l1Bridge)) - escrowBefore).to.equal(deposit - withdraw);
      // Browser-safe: the bundle (platform browser, no polyfills, so a Node built-in would not even resolve) took the
      // page, the example and installed packages only, and of this package its ES modules outside ./node.
      expect(run.inputs.filter((input) => input.startsWith("node:"))).to.deep.equal([]);
      expect(
        run.inputs.filter(
          (input) => !["page.js", "examples/dapp/dapp.ts"].includes(input) && !input.startsWith("node_modules/"),
        ),
      ).to.deep.equal([]);
      const own = run.inputs.filter((input) => input.startsWith("node_modules/@metis-l2/protocol/"));
      expect(own.filter((input) => !input.startsWith("node_modules/@metis-l2/protocol/dist/esm/"))).to.deep.equal([]);
      expect(own.filter((input) => input.includes("/dist/esm/node/"))).to.deep.equal([]);
      withdrawalHash = result.withdrawalHash;
    });

    it("runs the wallet quick start: accepts the dapp's withdrawal proof against L1's header hash, rejects a tampered one", async function () {
      this.timeout(60_000);
      if (withdrawalHash === undefined) this.skip();
      const ops = await operatorsOf();
      const reader = new BridgeReader({ ...rollupAddressesOf(ops.deployment), l1: ops.l1, l2: ops.l2 });
      const proof = await reader.buildWithdrawalProof(withdrawalHash as Hex);
      const tampered = { ...proof, withdrawal: { ...proof.withdrawal, amount: BigInt(proof.withdrawal.amount) + 1n } };
      const [real, forged] = await walletExample(consumer, [proofJson(proof), proofJson(tampered)], {
        url: devnet!.l1.url,
        batchChain: ops.deployment.contracts.batchChain,
      });
      expect(real).to.deep.equal({ valid: true, leaf: withdrawalHash });
      expect(forged).to.include({ valid: false, step: "withdrawal" });
      // The consumer's contract, compiled from the installed sources, agrees with BatchChain on the header's hash.
      const compiled = compileConsumerContract(consumer);
      const deployer = await ops.l1.getSigner(0);
      const check = await new ContractFactory(compiled.abi as InterfaceAbi, compiled.bytecode, deployer).deploy(
        ops.deployment.contracts.batchChain,
      );
      await check.waitForDeployment();
      const header = { ...proof.header };
      expect(await check.getFunction("isCommitted")(header)).to.equal(true);
      expect(await check.getFunction("isCommitted")({ ...header, txCount: BigInt(header.txCount) + 1n })).to.equal(
        false,
      );
      expect(await check.getFunction("isFinal")(proof.batchIndex)).to.equal(true);
    });
  });
});
