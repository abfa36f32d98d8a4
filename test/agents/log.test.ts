/** The agents' structured logs: one JSON object per line, filtered by level, bigints as decimal strings. */
import { expect } from "chai";

import { createLogger } from "../../sdk/src/node/agents/log";

describe("agents: createLogger", function () {
  const at = new Date("2026-01-02T03:04:05.678Z");

  function capture(level?: "debug" | "info" | "warn" | "error") {
    const lines: string[] = [];
    const logger = createLogger({ name: "sequencer-1", level, write: (line) => lines.push(line), now: () => at });
    return { logger, lines };
  }

  it("writes one JSON object per line: time, level, agent, event, then the fields", function () {
    const { logger, lines } = capture();
    logger.info("batch-submitted", { batchIndex: 7n, txHash: "0xab", nested: { stake: 10n ** 21n, list: [1n] } });
    expect(lines).to.have.length(1);
    expect(lines[0]).to.not.include("\n");
    expect(Object.keys(JSON.parse(lines[0]!) as object).slice(0, 4)).to.deep.equal(["time", "level", "agent", "event"]);
    expect(JSON.parse(lines[0]!)).to.deep.equal({
      time: "2026-01-02T03:04:05.678Z",
      level: "info",
      agent: "sequencer-1",
      event: "batch-submitted",
      batchIndex: "7",
      txHash: "0xab",
      nested: { stake: "1000000000000000000000", list: ["1"] },
    });
  });

  it("drops lines below its level (info by default)", function () {
    const quiet = capture();
    quiet.logger.debug("tick", {});
    quiet.logger.info("started", {});
    quiet.logger.warn("proposal-failed", { reason: "x" });
    quiet.logger.error("l2-invalid-block", {});
    expect(quiet.lines.map((line) => (JSON.parse(line) as { level: string }).level)).to.deep.equal([
      "info",
      "warn",
      "error",
    ]);
    const warnings = capture("warn");
    warnings.logger.info("started");
    warnings.logger.warn("refused");
    expect(warnings.lines).to.have.length(1);
    const all = capture("debug");
    all.logger.debug("tick");
    expect(all.lines).to.have.length(1);
  });

  it("writes errors as name and message, and never lets a field replace the fixed ones", function () {
    const { logger, lines } = capture();
    const error = new RangeError("out of range");
    logger.warn("proposal-failed", { error, event: "other", agent: "mallory", level: "debug", time: "never" });
    expect(JSON.parse(lines[0]!)).to.deep.equal({
      time: at.toISOString(),
      level: "warn",
      agent: "sequencer-1",
      event: "proposal-failed",
      error: { name: "RangeError", message: "out of range" },
    });
  });
});
