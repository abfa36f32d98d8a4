/**
 * `npm run size`: the size budgets of what browsers load, as minified esbuild browser bundles of the BUILT package
 * (`dist/`, run `npm run build:sdk` first; `npm run size` does), imported by its name as a dapp imports it, so that
 * what is measured is what a dapp's bundler keeps of the installed package:
 *
 * - `./proof`: what a wallet imports from the proof entry to verify a withdrawal (or a transaction) against a trusted
 *   header and build `finalizeWithdrawal`'s arguments, dependency-free: at most 20 KB. The whole entry (every encoder,
 *   tree, data object and sidecar helper a verifier uses as well) is printed beside it, without a budget: a bundler
 *   drops what a wallet does not import (the package is free of side effects).
 * - `bridge client`: the dapp quick start (`examples/dapp/dapp.ts`: the reader, the writer, the address book, proof
 *   verification, through the root entry), with `ethers` external (the dapp has its own): at most 150 KB.
 *
 * Prints a table (minified and gzipped bytes, budget, ok); `--json` adds the results as JSON on the last line. Exits 1
 * when a bundle is over its budget. `npm run lint` (CI) runs it.
 */
import path from "node:path";
import { gzipSync } from "node:zlib";

import { build } from "esbuild";

const root = path.join(__dirname, "..");

/** A bundle measured against its budget. */
export interface SizeBudget {
  readonly name: string;
  /** Largest minified size allowed, in bytes (none: measured and printed only). */
  readonly budget?: number;
  /** The entry's source (an ES module importing from the SDK, resolved from the repository's root). */
  readonly contents: string;
  /** Packages left out of the bundle. */
  readonly external?: readonly string[];
}

/** A bundle's measured size. */
export interface SizeResult {
  readonly name: string;
  readonly minified: number;
  readonly gzipped: number;
  readonly budget: number | null;
  readonly ok: boolean;
}

/** What a wallet imports from `./proof`. */
const WALLET_IMPORTS = ["verifyWithdrawalProof", "verifyTxInclusion", "finalizeWithdrawalArguments"] as const;

/** The budgets `npm run size` checks. */
export const BUDGETS: readonly SizeBudget[] = [
  {
    name: "./proof (wallet verification)",
    budget: 20 * 1024,
    contents: `export { ${WALLET_IMPORTS.join(", ")} } from "@metis-l2/protocol/proof";`,
  },
  { name: "./proof (every export)", contents: `export * from "@metis-l2/protocol/proof";` },
  {
    name: "bridge client (dapp quick start, ethers external)",
    budget: 150 * 1024,
    contents: `export * from "./examples/dapp/dapp";`,
    external: ["ethers"],
  },
];

/** The minified browser bundle of `entry`. */
export async function bundle(entry: SizeBudget): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents: entry.contents, resolveDir: root, loader: "ts", sourcefile: "size-entry.ts" },
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: [...(entry.external ?? [])],
    write: false,
    logLevel: "error",
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`${entry.name}: esbuild wrote nothing`);
  return output.contents;
}

/** Measures every budget's bundle. */
export async function measure(budgets: readonly SizeBudget[] = BUDGETS): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const entry of budgets) {
    const code = await bundle(entry);
    const minified = code.byteLength;
    results.push({
      name: entry.name,
      minified,
      gzipped: gzipSync(code, { level: 9 }).byteLength,
      budget: entry.budget ?? null,
      ok: entry.budget === undefined || minified <= entry.budget,
    });
  }
  return results;
}

/** The results as a table. */
export function formatTable(results: readonly SizeResult[]): string {
  const rows = [
    ["bundle", "minified", "gzipped", "budget", "ok"],
    ...results.map((r) => [
      r.name,
      String(r.minified),
      String(r.gzipped),
      r.budget === null ? "-" : String(r.budget),
      r.ok ? "yes" : "OVER",
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))))
    .map((row) => row.join("  "))
    .join("\n");
}

async function main(): Promise<void> {
  const results = await measure();
  console.log(formatTable(results));
  if (process.argv.includes("--json")) console.log(JSON.stringify(results));
  const over = results.filter((result) => !result.ok);
  if (over.length > 0) {
    console.error(
      `over budget: ${over.map((result) => `${result.name} (${result.minified} > ${result.budget})`).join(", ")}`,
    );
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
