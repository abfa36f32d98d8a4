/**
 * `npm run readme:examples`: writes the quick starts of examples/ into README.md between their markers
 * (`<!-- example:<name> -->` ... `<!-- /example:<name> -->`), formatted by Prettier as `npm run lint` expects;
 * test/package/readme-examples.test.ts checks that the README's blocks are the files.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as prettier from "prettier";

import { README_PATH, withExamples } from "./lib/readme-examples";

async function main(): Promise<void> {
  const readme = readFileSync(README_PATH, "utf8");
  const options = (await prettier.resolveConfig(README_PATH)) ?? {};
  const next = await prettier.format(withExamples(readme), { ...options, filepath: README_PATH });
  if (next === readme) console.log("README.md: the examples are up to date");
  else {
    writeFileSync(README_PATH, next);
    console.log("README.md: examples written");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
