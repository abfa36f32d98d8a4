/**
 * `npm run params:table`: writes the parameter table generated from contracts/libraries/Constants.sol into README.md,
 * between `<!-- parameters:begin -->` and `<!-- parameters:end -->` (test/governance/parameters.test.ts checks that
 * the README's table is the generated one).
 */
import { readFileSync, writeFileSync } from "node:fs";

import { README_PATH, generatedTable, withTable } from "./lib/params-table";

const readme = readFileSync(README_PATH, "utf8");
const next = withTable(readme, generatedTable());
if (next === readme) console.log("README.md: the parameter table is up to date");
else {
  writeFileSync(README_PATH, next);
  console.log("README.md: parameter table written");
}
