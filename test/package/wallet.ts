/**
 * The wallet quick start (examples/wallet/verify-withdrawal.ts) run from the consumer project: compiled to an ES
 * module next to the consumer's node_modules, so that `@metis-l2/protocol/proof` is the installed package.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { build } from "esbuild";

const root = path.join(__dirname, "..", "..");

/** A proof as the wallet example reads it: integers as decimal strings. */
export const proofJson = (proof: unknown): string =>
  JSON.stringify(proof, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));

/** Copies examples/<name> into the consumer project (same relative path) and returns where it is. */
export function copyExample(consumer: string, name: string): string {
  const target = path.join(consumer, "examples", name);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(path.join(root, "examples", name), target);
  return target;
}

/** Runs the wallet example's `verifyWithdrawal` on each proof (JSON) in the consumer project. */
export async function walletExample(
  consumer: string,
  proofs: readonly string[],
  l1: { readonly url: string; readonly batchChain: string },
): Promise<unknown[]> {
  const source = copyExample(consumer, "wallet/verify-withdrawal.ts");
  const outfile = source.replace(/\.ts$/, ".mjs");
  await build({ entryPoints: [source], outfile, format: "esm", platform: "neutral", logLevel: "silent" });
  const script = `
    import { verifyWithdrawal } from ${JSON.stringify(outfile)};
    const proofs = JSON.parse(process.argv[1]);
    const results = [];
    for (const proof of proofs) results.push(await verifyWithdrawal(proof, ${JSON.stringify(l1)}));
    console.log(JSON.stringify(results));
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--input-type=module", "-e", script, JSON.stringify(proofs)],
    { cwd: consumer, encoding: "utf8" },
  );
  return JSON.parse(stdout) as unknown[];
}
