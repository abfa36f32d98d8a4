/**
 * `npm run build:sdk`: builds the SDK into `dist/` for the package's `exports`: ES modules (`dist/esm`, code split so
 * `./proof` shares chunks with the root entry), CommonJS (`dist/cjs`) and declarations (`dist/types`). Dependencies
 * stay external. The root entry is for Node (its DA file store uses the file system); `./proof` stays browser-safe,
 * which eslint and the package test (a browser bundle without polyfills) enforce.
 */
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { build } from "esbuild";

const root = path.join(__dirname, "..", "..");
const dist = path.join(root, "dist");
const entryPoints = { index: "sdk/src/index.ts", "proof/index": "sdk/src/proof/index.ts" };

async function main(): Promise<void> {
  rmSync(dist, { recursive: true, force: true });
  const common = {
    absWorkingDir: root,
    entryPoints,
    bundle: true,
    packages: "external",
    platform: "neutral",
    target: "es2022",
    logLevel: "warning",
  } as const;
  await build({ ...common, format: "esm", splitting: true, outdir: path.join(dist, "esm") });
  await build({ ...common, format: "cjs", outdir: path.join(dist, "cjs") });
  // Node reads `dist/cjs/*.js` as CommonJS only when the nearest package.json says so.
  writeFileSync(path.join(dist, "cjs", "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  writeFileSync(path.join(dist, "esm", "package.json"), `${JSON.stringify({ type: "module" })}\n`);
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "sdk", "tsconfig.build.json")],
    { stdio: "inherit" },
  );
  console.log("built dist/esm, dist/cjs and dist/types");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
