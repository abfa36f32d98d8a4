import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The version of `@metis-l2/protocol` this code belongs to: its package.json, found upwards from this module. */
export function packageVersion(): string {
  // The CommonJS build (what a Hardhat config loads) has __dirname; the ES module build finds the package the way the
  // project it runs in resolves it (its package.json is exported).
  if (typeof __dirname === "undefined") {
    try {
      const load = createRequire(path.join(process.cwd(), "package.json"));
      const manifest = load("@metis-l2/protocol/package.json") as { version: string };
      return manifest.version;
    } catch {
      return "0.0.0";
    }
  }
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (json.name === "@metis-l2/protocol" && json.version !== undefined) return json.version;
    }
    if (path.dirname(dir) === dir) return "0.0.0";
  }
}
