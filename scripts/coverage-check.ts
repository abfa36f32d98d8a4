/**
 * Fails unless the Solidity coverage of `contracts/` (test helpers excluded) reaches the thresholds below. Reads
 * coverage/coverage-summary.json, which `hardhat coverage` writes (the json-summary reporter in .solcover.js); run by
 * `npm run coverage` right after it. Prints lines, branches, functions and statements per file and in total.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/** Least coverage `contracts/` may have, in percent. */
export const THRESHOLDS = { lines: 97, branches: 90 } as const;

const METRICS = ["lines", "branches", "functions", "statements"] as const;
type Metric = (typeof METRICS)[number];
type Counts = { total: number; covered: number };
type Summary = Record<string, Record<Metric, Counts>>;

const root = path.join(__dirname, "..");
const contracts = path.join(root, "contracts") + path.sep;
const helpers = path.join(contracts, "test-helpers") + path.sep;

const percent = ({ total, covered }: Counts): number => (total === 0 ? 100 : (100 * covered) / total);

function main(): void {
  const file = path.join(root, "coverage", "coverage-summary.json");
  const summary = JSON.parse(readFileSync(file, "utf8")) as Summary;
  // Keys are file paths (absolute or relative to the root, by reporter) and "total", which is not used: it would
  // count whatever else was instrumented.
  const files = Object.keys(summary)
    .filter((name) => name !== "total")
    .map((name) => ({ name, absolute: path.resolve(root, name) }))
    .filter(({ absolute }) => absolute.startsWith(contracts) && !absolute.startsWith(helpers))
    .sort((a, b) => a.absolute.localeCompare(b.absolute));
  if (files.length === 0) throw new Error(`${file} holds no file under contracts/`);

  const totals = Object.fromEntries(METRICS.map((m) => [m, { total: 0, covered: 0 }])) as Record<Metric, Counts>;
  const rows: string[][] = [];
  for (const { name, absolute } of files) {
    const entry = summary[name]!;
    for (const metric of METRICS) {
      totals[metric].total += entry[metric].total;
      totals[metric].covered += entry[metric].covered;
    }
    rows.push([path.relative(root, absolute), ...METRICS.map((m) => percent(entry[m]).toFixed(2))]);
  }
  rows.push(["contracts/ (total)", ...METRICS.map((m) => percent(totals[m]).toFixed(2))]);
  const header = ["file", ...METRICS];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)));
  console.log(line(header).join("  "));
  for (const row of rows) console.log(line(row).join("  "));

  const failures = Object.entries(THRESHOLDS)
    .map(([metric, minimum]) => ({ metric, minimum, actual: percent(totals[metric as Metric]) }))
    .filter(({ minimum, actual }) => actual < minimum);
  for (const { metric, minimum, actual } of failures) {
    console.error(`coverage of contracts/: ${metric} ${actual.toFixed(2)}% is below the ${minimum}% threshold`);
  }
  if (failures.length > 0) process.exit(1);
  console.log(
    `coverage of contracts/ meets the thresholds (lines >= ${THRESHOLDS.lines}%, branches >= ${THRESHOLDS.branches}%)`,
  );
}

main();
