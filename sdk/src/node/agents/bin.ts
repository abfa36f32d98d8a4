#!/usr/bin/env node
/** The `metis-agent` executable: see ./cli. */
import { runAgentCli } from "./cli";

runAgentCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Whatever a dependency left open (an idle socket) must not keep a stopped agent alive.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`metis-agent: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
