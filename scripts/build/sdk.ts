/**
 * `npm run build:sdk`: builds the SDK into `dist/` for the package's `exports`, from its entries ({@link SDK_ENTRIES}):
 * the root and `./proof` (browser-safe), `./deploy` (the factories, with bytecode) and `./node` (Node only).
 *
 * - `dist/esm`: ES modules, one file per source module, so the entries share one copy of every module (`instanceof`
 *   holds across entries) and a dapp's bundler keeps only the modules it reaches.
 * - `dist/cjs`: CommonJS, one file per source module likewise.
 * - `dist/types/cjs`: declarations compiled from the entry files only (`sdk/tsconfig.build.json`, with the entries as
 *   its `files`), so only what they reach is emitted: no bindings of the test-helper contracts.
 * - `dist/types/esm`: the same declarations as ES modules (relative imports with their `.js` paths), for the `import`
 *   condition. A consumer's ES module sees ethers' ES-module types, and ours must name the same ones: CommonJS
 *   declarations re-exported to it would name ethers' CommonJS classes, which do not match (their `#private` fields).
 *
 * Dependencies (ethers, and hardhat for `./node`) stay external. Which sources the build takes comes from the metafile
 * of a bundle of the entries, so both builds compile exactly the modules the entries reach.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { build, type Plugin } from "esbuild";

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

/**
 * Executables (`package.json`'s `bin`): built with the entries' modules, each file keeping its `#!/usr/bin/env node`
 * line and made executable, but no entry of `exports` (nothing imports them) and without declarations.
 */
export const SDK_EXECUTABLES: Readonly<Record<string, string>> = {
  "node/agents/bin": "sdk/src/node/agents/bin.ts",
};

async function main(): Promise<void> {
  rmSync(dist, { recursive: true, force: true });
  // Each module is built on its own (below), so esbuild renames no class (it only does to resolve a collision between
  // modules of one bundle): the errors' cross-copy `instanceof` brands are keyed by their names
  // (sdk/src/errors/base.ts). `keepNames` would do it too, but its top-level `__name(...)` calls are side effects that
  // keep every function of a module in a dapp's bundle.
  const common = { absWorkingDir: root, platform: "neutral", target: "es2022", logLevel: "warning" } as const;
  // Which modules the entries reach: a bundle that is not written, for its metafile.
  const reached = await build({
    ...common,
    entryPoints: { ...SDK_ENTRIES, ...SDK_EXECUTABLES },
    bundle: true,
    packages: "external",
    format: "esm",
    splitting: true,
    metafile: true,
    write: false,
    outdir: path.join(dist, "esm"),
  });
  const sources = Object.keys(reached.metafile.inputs).filter((input) => input.startsWith("sdk/src/"));
  // One ES module per source module, imports kept as imports (with the `.js` paths Node's ES module loader needs), as
  // the CommonJS build below: a dapp's bundler then drops every module the dapp does not reach, and with it that
  // module's dependencies (the S3 client of S3DAStore, the trie package of the verifier), because the package declares
  // itself free of side effects. One bundle per entry would have put all of an entry's modules in one file, whose
  // imports of packages that do not declare themselves free of side effects every bundler must keep.
  await build({
    ...common,
    entryPoints: sources,
    outbase: "sdk/src",
    bundle: true,
    format: "esm",
    plugins: [moduleImports()],
    outdir: path.join(dist, "esm"),
  });
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
  for (const name of Object.keys(SDK_EXECUTABLES)) chmodSync(path.join(dist, "cjs", `${name}.js`), 0o755);
  // Node reads `dist/cjs/*.js` as CommonJS only when the nearest package.json says so.
  // Bundlers read `sideEffects` from the nearest package.json too, so these say what the package's says: no module has
  // side effects but the ./hardhat entry, which registers its tasks when imported.
  for (const [folder, type] of [
    ["cjs", "commonjs"],
    ["esm", "module"],
  ] as const) {
    const manifest = { type, sideEffects: ["./hardhat/index.js"] };
    writeFileSync(path.join(dist, folder, "package.json"), `${JSON.stringify(manifest)}\n`);
  }
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

/**
 * Keeps every import of a module as an import: packages as they are, relative paths with the extension of the output
 * file they name (`./x` -> `./x.js`, `./dir` -> `./dir/index.js`), so that each source module is built on its own.
 */
function moduleImports(): Plugin {
  return {
    name: "module-imports",
    setup(plugin) {
      plugin.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        if (!args.path.startsWith(".")) return { path: args.path, external: true };
        const target = path.join(args.resolveDir, args.path);
        if (existsSync(`${target}.ts`)) return { path: `${args.path}.js`, external: true };
        if (existsSync(path.join(target, "index.ts"))) return { path: `${args.path}/index.js`, external: true };
        return { errors: [{ text: `cannot resolve ${args.path} from ${args.importer}` }] };
      });
    },
  };
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
