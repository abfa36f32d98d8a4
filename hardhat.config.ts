import path from "node:path";

import "@nomicfoundation/hardhat-toolbox";
import { TASK_COMPILE, TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";
import { extendProvider, subtask, task, type HardhatUserConfig } from "hardhat/config";

import { GENERATED_DIR, writeAbiBindings } from "./scripts/build/abis";

// The `metis:*` tasks, as a user enables them with `import "@metis-l2/protocol/hardhat"`.
import "./sdk/src/hardhat";
import { l2NetworkConfig } from "./sdk/src/node/l2/genesis";
import { withL2Policy } from "./sdk/src/node/l2/policy";

/** Compiler version; the npm `solc` package in package.json is pinned to the same release. */
const SOLC_VERSION = "0.8.28";

// Hardhat normally downloads solc. This machine (and CI) has no route to the download host, so the compiler comes
// from the pinned npm `solc` package instead: the same release, run as solc-js (WebAssembly), never a network call.
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }, _hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) return runSuper();
  const solcPackage = path.dirname(require.resolve("solc/package.json"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require("solc") as { version(): string };
  return {
    compilerPath: path.join(solcPackage, "soljson.js"),
    isSolcJs: true,
    version: args.solcVersion,
    longVersion: solc.version(),
  };
});

// After every compile (`hardhat compile`, and the one `hardhat test` and `hardhat coverage` run first), the SDK's
// ABI-only bindings (sdk/src/contracts/generated, gitignored) are written from the artifacts, as TypeChain's are.
task(TASK_COMPILE, async (args: Record<string, unknown>, hre, runSuper) => {
  const result: unknown = await runSuper(args);
  await writeAbiBindings((name) => hre.artifacts.readArtifact(name), GENERATED_DIR);
  return result;
});

// The devnet L2 (`npm run devnet:l2`) refuses the transaction types the Metis L2 does not accept, as the in-process
// L2 does (see sdk/src/node/l2/policy.ts).
if (process.env.METIS_L2 === "1") extendProvider((provider) => withL2Policy(provider));

/** Compiler settings of every contract. */
const SETTINGS = {
  // OpenZeppelin 5.7 uses `mcopy` (Cancun); Hardhat 2 would otherwise target Paris.
  evmVersion: "cancun",
  optimizer: { enabled: true, runs: 10_000 },
  // Storage layouts, for the snapshot test (test/storage-layout.test.ts): assembly reads struct slots directly.
  outputSelection: { "*": { "*": ["storageLayout"] } },
};

/** `npm run coverage`: instrumented code, where gas and code size do not matter. */
const COVERAGE = process.env.COVERAGE === "1";

const config: HardhatUserConfig = {
  // Coverage instruments the plain form: solidity-coverage does not rewrite the IR override below, and the
  // instrumented contracts then grew past what one deployment transaction can carry (2^24 gas).
  solidity: COVERAGE
    ? { version: SOLC_VERSION, settings: SETTINGS }
    : {
        compilers: [{ version: SOLC_VERSION, settings: SETTINGS }],
        // DisputeManager alone through the IR pipeline: its RLP and trie walks (OpenZeppelin's Memory slices) cost about
        // a third less gas, and its code stays under the 24 KiB limit. Every other contract keeps the settings (and gas)
        // it had.
        overrides: {
          // BatchChain with the pause clock at 10,000 runs is past the 24,576-byte limit; at 2,500 it is about 22.7 KB
          // and submitBatch costs no more than it did at 10,000 before the clock (bench:gas).
          "contracts/L1/BatchChain.sol": {
            version: SOLC_VERSION,
            settings: { ...SETTINGS, optimizer: { enabled: true, runs: 2_500 } },
          },
          // 200 optimizer runs rather than 10,000 keep it under the 24,576-byte code size limit (EIP-170), with its
          // execution disputes and equivocation in the linked DisputeLogic library; the challenges cost no more gas
          // than at 1,000 runs (bench:gas).
          "contracts/L1/DisputeManager.sol": {
            version: SOLC_VERSION,
            settings: {
              ...SETTINGS,
              viaIR: true,
              optimizer: { enabled: true, runs: 200 },
            },
          },
        },
      },
  networks: {
    // METIS_L2=1 makes the built-in network the local L2 with its pinned genesis (`npm run devnet:l2` serves it with
    // `hardhat node`); otherwise it is L1. The hardfork is pinned rather than left to Hardhat's default so gas figures
    // (calldata pricing, the 2^24 per-transaction gas cap) do not move when Hardhat is upgraded.
    // Under `npm run coverage` (COVERAGE=1) the instrumented DisputeManager is past the 24,576-byte code limit that
    // its optimized build keeps to, so the limit is lifted there and only there.
    hardhat:
      process.env.METIS_L2 === "1" ? l2NetworkConfig() : { hardfork: "osaka", allowUnlimitedContractSize: COVERAGE },
    // `npm run devnet:l1` and `npm run devnet:l2`; METIS_L1_RPC_URL / METIS_L2_RPC_URL move them (the deploy tests).
    localhost: {
      url: process.env.METIS_L1_RPC_URL ?? "http://127.0.0.1:8545",
      metisL2Url: process.env.METIS_L2_RPC_URL ?? "http://127.0.0.1:9545",
    },
    l2local: { url: process.env.METIS_L2_RPC_URL ?? "http://127.0.0.1:9545" },
    // A public testnet: the URLs and the deployer key come from the environment (deploy/networks/sepolia.ts says
    // which variables; a placeholder URL keeps Hardhat's config valid while they are unset).
    sepolia: {
      url: process.env.SEPOLIA_RPC_URL ?? "http://sepolia-rpc-url.unset.invalid",
      accounts: process.env.DEPLOYER_PRIVATE_KEY ? [process.env.DEPLOYER_PRIVATE_KEY] : [],
      chainId: 11155111,
      ...(process.env.METIS_SEPOLIA_L2_RPC_URL ? { metisL2Url: process.env.METIS_SEPOLIA_L2_RPC_URL } : {}),
    },
  },
  paths: {
    sources: "./contracts",
    tests: "./test",
    cache: "./cache",
    artifacts: "./artifacts",
  },
  typechain: {
    outDir: "sdk/src/contracts/typechain",
    target: "ethers-v6",
  },
  mocha: {
    timeout: 120_000,
  },
  gasReporter: {
    enabled: process.env.REPORT_GAS === "true",
  },
};

export default config;
