/**
 * `npm run build:sdk`: builds the SDK into `dist/` for the package's `exports`, from its entries ({@link SDK_ENTRIES}):
 * the root and `./proof` (browser-safe), `./deploy` (the factories, with bytecode) and `./node` (Node only).
 *
 * - `dist/esm`: ES modules, bundled per entry and code split, so the entries share one copy of every module.
 * - `dist/cjs`: CommonJS, one file per source module (esbuild cannot split CommonJS bundles), so here too every module
 *   exists once and `instanceof` holds across entries.
 * - `dist/types/cjs`: declarations compiled from the entry files only (`sdk/tsconfig.build.json`, with the entries as
 *   its `files`), so only what they reach is emitted: no bindings of the test-helper contracts.
 * - `dist/types/esm`: the same declarations as ES modules (relative imports with their `.js` paths), for the `import`
 *   condition. A consumer's ES module sees ethers' ES-module types, and ours must name the same ones: CommonJS
 *   declarations re-exported to it would name ethers' CommonJS classes, which do not match (their `#private` fields).
 *
 * Dependencies (ethers, and hardhat for `./node`) stay external. Which sources the build takes comes from the ES
 * module bundle's metafile, so the CommonJS build compiles exactly the same modules.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { build } from "esbuild";

const root = path.join(__dirname, "..", "..");
const dist = path.join(root, "dist");
/**
 * Output name of each entry (without extension) and its source; `package.json`'s `exports` (and `typesVersions`) name
 * the same files. A new entry is one line here and its `exports` block.
 */
export const SDK_ENTRIES: Readonly<Record<string, string>> = {
  index: "sdk/src/index.ts",
  "proof/index": "sdk/src/proof/index.ts",
  "deploy/index": "sdk/src/deploy/index.ts",
  "node/index": "sdk/src/node/index.ts",
  "hardhat/index": "sdk/src/hardhat/index.ts",
};

async function main(): Promise<void> {
  rmSync(dist, { recursive: true, force: true });
  // Class names are kept (esbuild may rename a class whose name collides): the errors' cross-copy `instanceof` brands
  // are keyed by them (sdk/src/errors/base.ts).
  const common = {
    absWorkingDir: root,
    platform: "neutral",
    target: "es2022",
    logLevel: "warning",
    keepNames: true,
  } as const;
  const esm = await build({
    ...common,
    entryPoints: SDK_ENTRIES,
    bundle: true,
    packages: "external",
    format: "esm",
    splitting: true,
    metafile: true,
    outdir: path.join(dist, "esm"),
  });
  const sources = Object.keys(esm.metafile.inputs).filter((input) => input.startsWith("sdk/src/"));
  // `import("./x")` stays a dynamic import in CommonJS output unless lowered: Node would then load the extensionless
  // relative path through its ES module loader and fail (ERR_MODULE_NOT_FOUND; the ./hardhat entry's lazy task
  // bodies). Lowered, it is `Promise.resolve().then(() => require("./x"))`, as tsc emits it.
  await build({
    ...common,
    entryPoints: sources,
    outbase: "sdk/src",
    format: "cjs",
    supported: { "dynamic-import": false },
    outdir: path.join(dist, "cjs"),
  });
  // Node reads `dist/cjs/*.js` as CommonJS only when the nearest package.json says so.
  writeFileSync(path.join(dist, "cjs", "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  writeFileSync(path.join(dist, "esm", "package.json"), `${JSON.stringify({ type: "module" })}\n`);
  // The declarations' project: sdk/tsconfig.build.json with the entries as its files (written next to the output).
  const project = path.join(dist, "tsconfig.entries.json");
  writeFileSync(
    project,
    JSON.stringify({
      extends: path.join(root, "sdk", "tsconfig.build.json"),
      files: Object.values(SDK_ENTRIES).map((entry) => path.join(root, entry)),
    }),
  );
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", project], { stdio: "inherit" });
  } finally {
    rmSync(project);
  }
  writeFileSync(path.join(dist, "types", "cjs", "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
  writeEsmDeclarations(path.join(dist, "types", "cjs"), path.join(dist, "types", "esm"));
  writeFileSync(path.join(dist, "types", "esm", "package.json"), `${JSON.stringify({ type: "module" })}\n`);
  console.log(`built dist/esm, dist/cjs (${sources.length} modules) and dist/types`);
}

/** Relative module specifiers in declarations: `from "./x"`, `import("./x")` and `export * from "./x"`. */
const RELATIVE_SPECIFIER = /(\bfrom\s+|\bimport\()"(\.{1,2}\/[^"]*)"/g;

/** Copies the declarations under `from` to `to`, giving every relative specifier the path an ES module needs. */
function writeEsmDeclarations(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) writeEsmDeclarations(source, path.join(to, entry.name));
    if (!entry.isFile() || !entry.name.endsWith(".d.ts")) continue;
    const text = readFileSync(source, "utf8").replace(RELATIVE_SPECIFIER, (_, prefix: string, specifier: string) => {
      const target = path.join(from, specifier);
      if (existsSync(`${target}.d.ts`)) return `${prefix}"${specifier}.js"`;
      if (existsSync(path.join(target, "index.d.ts"))) return `${prefix}"${specifier}/index.js"`;
      throw new Error(`${source}: cannot resolve ${specifier}`);
    });
    writeFileSync(path.join(to, entry.name), text);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
