/**
 * What tests need to know about `npm run coverage`: solidity-coverage traces every EVM step of the instrumented
 * contracts in JavaScript, so EVM-heavy tests run many times slower than under `npm test`.
 */
import hre from "hardhat";

/** Whether the tests run under `hardhat coverage` (solidity-coverage sets this flag on the runtime environment). */
export function underCoverage(): boolean {
  return (hre as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING === true;
}

/**
 * Runs of a property test: `runs` under `npm test`, `coverageRuns` under coverage. The property and its assertions are
 * the same; coverage only needs the paths the runs take, and `npm test` keeps the full breadth of random cases.
 */
export function propertyRuns(runs: number, coverageRuns: number): number {
  return underCoverage() ? Math.min(runs, coverageRuns) : runs;
}
