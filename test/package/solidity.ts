/**
 * A consumer's contract compiled against the installed package's Solidity sources with the repository's compiler (the
 * npm `solc` package, solc-js), through standard JSON and an import callback that resolves from the consumer's
 * node_modules only, as a consumer's Hardhat or Foundry project does: so the shipped pragma range and the
 * OpenZeppelin dependency must resolve there.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/** The consumer's contract: the batch chain's interface, the protocol's types and its header hashing library. */
export const CONSUMER_CONTRACT = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

import {IBatchChain} from "@metis-l2/protocol/contracts/interfaces/IBatchChain.sol";
import {BatchLib} from "@metis-l2/protocol/contracts/libraries/BatchLib.sol";
import {Types} from "@metis-l2/protocol/contracts/libraries/Types.sol";

/// A dapp's contract that checks a batch header against what BatchChain stores.
contract HeaderCheck {
    IBatchChain public immutable batchChain;

    constructor(IBatchChain chain) {
        batchChain = chain;
    }

    /// Whether \`header\` is the header BatchChain committed for its index.
    function isCommitted(Types.BatchHeader calldata header) external view returns (bool) {
        return batchChain.headerHash(header.batchIndex) == BatchLib.hashCalldata(header);
    }

    /// Whether batch \`batchIndex\` is final.
    function isFinal(uint256 batchIndex) external view returns (bool) {
        return batchChain.batchStatus(batchIndex) == Types.BatchStatus.Finalized;
    }
}
`;

interface SolcOutput {
  readonly errors?: readonly { readonly severity: string; readonly formattedMessage: string }[];
  readonly sources?: Record<string, unknown>;
  readonly contracts?: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
}

export interface CompiledConsumer {
  readonly abi: unknown[];
  readonly bytecode: string;
  /** Every source unit the compiler read, by its import path. */
  readonly sources: readonly string[];
  readonly version: string;
}

/** Compiles {@link CONSUMER_CONTRACT} in `consumer` (a project with the package installed); throws on any error. */
export function compileConsumerContract(consumer: string): CompiledConsumer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require("solc") as {
    compile(input: string, callbacks: { import(path: string): { contents: string } | { error: string } }): string;
    version(): string;
  };
  const modules = path.join(consumer, "node_modules");
  const input = {
    language: "Solidity",
    sources: { "contracts/HeaderCheck.sol": { content: CONSUMER_CONTRACT } },
    settings: {
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), {
      import(importPath: string) {
        const file = path.join(modules, importPath);
        // Only what the consumer's node_modules hold: no path escapes it, and nothing comes from this repository.
        if (!file.startsWith(modules + path.sep)) return { error: `${importPath} is outside node_modules` };
        try {
          return { contents: readFileSync(file, "utf8") };
        } catch {
          return { error: `${importPath} not found in the consumer's node_modules` };
        }
      },
    }),
  ) as SolcOutput;
  const errors = (output.errors ?? []).filter((error) => error.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((error) => error.formattedMessage).join("\n"));
  const contract = output.contracts?.["contracts/HeaderCheck.sol"]?.HeaderCheck;
  if (!contract) throw new Error("solc produced no HeaderCheck");
  return {
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object}`,
    sources: Object.keys(output.sources ?? {}),
    version: solc.version(),
  };
}
