/**
 * `npm run params:table`: writes the parameter table generated from contracts/libraries/Constants.sol into README.md,
 * between `<!-- parameters:begin -->` and `<!-- parameters:end -->`, formatted by Prettier as `npm run lint` expects
 * (test/governance/parameters.test.ts checks that the README's table is the generated one).
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as prettier from "prettier";

import { README_PATH, generatedTable, withTable } from "./lib/params-table";

async function main(): Promise<void> {
  const readme = readFileSync(README_PATH, "utf8");
  const options = (await prettier.resolveConfig(README_PATH)) ?? {};
  const next = await prettier.format(withTable(readme, generatedTable()), { ...options, filepath: README_PATH });
  if (next === readme) console.log("README.md: the parameter table is up to date");
  else {
    writeFileSync(README_PATH, next);
    console.log("README.md: parameter table written");
  }
}

void main();
