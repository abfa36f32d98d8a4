/**
 * Bundles the status page's code (page.ts) for the browser with esbuild: platform browser with no Node polyfills (a
 * Node built-in would not even resolve), minified, one IIFE. page.ts imports the package's root entry by its path
 * (sdk/src/index.ts, what `@metis-l2/protocol` resolves to; a path, so that tsc checks the page against it too), so
 * the bundle takes the browser-safe SDK as a dapp's bundler takes the package.
 *
 * `ts-node --transpile-only scripts/devnet/status/build.ts [out.js]` writes the bundle (default
 * `.devnet/status/status.js`) and prints its size; the status server builds it in memory instead.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { build, type Metafile } from "esbuild";

const ROOT = path.join(__dirname, "..", "..", "..");

export interface StatusBundle {
  /** The minified script. */
  readonly code: string;
  /** The source files it took, relative to the repository root. */
  readonly inputs: readonly string[];
}

/** Bundles page.ts (see the module comment). */
export async function buildStatusBundle(): Promise<StatusBundle> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(__dirname, "page.ts")],
    bundle: true,
    write: false,
    platform: "browser",
    format: "iife",
    target: "es2022",
    minify: true,
    metafile: true,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild wrote no output for the status page");
  return { code: output.text, inputs: Object.keys((result.metafile as Metafile).inputs) };
}

let cached: Promise<StatusBundle> | undefined;

/** {@link buildStatusBundle} once per process (every status server of a test run serves the same bundle). */
export function statusBundle(): Promise<StatusBundle> {
  cached ??= buildStatusBundle().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

if (require.main === module) {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, ".devnet", "status", "status.js"));
  buildStatusBundle()
    .then(({ code }) => {
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, code);
      console.log(`wrote ${out} (${code.length} bytes)`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
