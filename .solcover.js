/**
 * solidity-coverage settings for `npm run coverage` (which then runs scripts/coverage-check.ts on the summary).
 * The test helpers (mocks and harnesses) are not protocol code, so they are neither instrumented nor counted.
 */
module.exports = {
  skipFiles: ["test-helpers"],
  // json-summary writes coverage/coverage-summary.json, which the threshold check reads.
  istanbulReporter: ["html", "lcov", "text", "json", "json-summary"],
};
