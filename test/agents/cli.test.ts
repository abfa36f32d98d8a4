/**
 * The `metis-agent` CLI's refusals (one line, exit 2) and an agent's health endpoint: 200 with the report while it
 * runs ("degraded" once its ticks fail to reach L1), 503 once stopping, 404 elsewhere.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import { loadAgentConfig, type SequencerAgentConfig } from "../../sdk/src/node/agents/config";
import { runAgentCli } from "../../sdk/src/node/agents/cli";
import { startHealthServer } from "../../sdk/src/node/agents/health";
import { createLogger } from "../../sdk/src/node/agents/log";
import { DEGRADED_AFTER_TICKS, SequencerAgent, type SequencerHealth } from "../../sdk/src/node/agents/sequencer-agent";
import { closedPort } from "../helpers/s3";
import { seededWallet } from "../helpers/seeded";

describe("agents: the metis-agent CLI and the health endpoint", function () {
  let dir: string;
  const key = seededWallet("agent cli key");
  const env = { METIS_CLI_TEST_KEY: key.privateKey };

  before(function () {
    dir = mkdtempSync(path.join(tmpdir(), "metis-agent-cli-"));
    copyFileSync(path.join(__dirname, "..", "..", "deployments", "localhost.json"), path.join(dir, "deployment.json"));
  });
  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  async function sequencerFile(l1: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const file = path.join(dir, `sequencer-${Math.random().toString(16).slice(2)}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        role: "sequencer",
        name: "sequencer-1",
        l1,
        l2: `http://127.0.0.1:${await closedPort()}`,
        deployment: "./deployment.json",
        keyEnv: "METIS_CLI_TEST_KEY",
        store: { kind: "file", directory: "./memo" },
        dataDir: "./sequencer-1",
        peer: { port: 0 },
        health: { port: 0 },
        pollMs: 20,
        ...overrides,
      }),
    );
    return file;
  }

  async function cli(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAgentCli(argv, {
      env,
      stdout: (line) => out.push(line),
      stderr: (line) => err.push(line),
      until: Promise.resolve(),
    });
    return { code, out, err };
  }

  it("prints its usage for --help and exits 0", async function () {
    const { code, out } = await cli(["--help"]);
    expect(code).to.equal(0);
    expect(out.join("\n")).to.match(/^usage: metis-agent <sequencer\|verifier> --config <file>/);
  });

  it("exits 2 with one line for a bad config, a missing key, a wrong role or bad arguments", async function () {
    const file = await sequencerFile("http://127.0.0.1:1");
    const missingKey = await sequencerFile("http://127.0.0.1:1", { keyEnv: "METIS_CLI_TEST_UNSET" });
    const badPort = await sequencerFile("http://127.0.0.1:1", { peer: { port: 99_999 } });
    const cases: [string[], string][] = [
      [
        ["sequencer", "--config", missingKey],
        `metis-agent: ${missingKey}: keyEnv names METIS_CLI_TEST_UNSET, which is not set in the environment`,
      ],
      [
        ["sequencer", "--config", badPort],
        `metis-agent: ${badPort}: peer.port is not a port (an integer from 0 to 65535)`,
      ],
      [["verifier", "--config", file], `metis-agent: ${file}: role is "sequencer", not "verifier"`],
      [
        ["sequencer", "--config", path.join(dir, "none.json")],
        `metis-agent: ${path.join(dir, "none.json")}: file cannot be read (ENOENT)`,
      ],
    ];
    for (const [argv, line] of cases) {
      const { code, err, out } = await cli(argv);
      expect(code, argv.join(" ")).to.equal(2);
      expect(err).to.deep.equal([line]);
      expect(out).to.deep.equal([]);
    }
    // Usage errors: the line, then the usage.
    for (const argv of [["prover", "--config", file], ["sequencer"], ["sequencer", "--config", file, "extra"]]) {
      const { code, err } = await cli(argv);
      expect(code, argv.join(" ")).to.equal(2);
      expect(err[0]).to.match(/^metis-agent: /);
      expect(err[1]).to.match(/^usage: metis-agent/);
    }
  });

  it("reports degraded health while L1 cannot be reached, and stops cleanly", async function () {
    const lines: string[] = [];
    const config = loadAgentConfig(
      await sequencerFile(`http://127.0.0.1:${await closedPort()}`),
      env,
    ) as SequencerAgentConfig;
    const agent = await SequencerAgent.start(config, {
      logger: createLogger({ name: config.name, level: "debug", write: (line) => lines.push(line) }),
    });
    try {
      const started = lines.map((line) => JSON.parse(line) as { event: string; chain?: string });
      expect(started.filter((e) => e.event === "node-unreachable").map((e) => e.chain)).to.deep.equal(["L1", "L2"]);
      expect(started.some((e) => e.event === "started")).to.be.true;
      const url = `${agent.healthUrl!}/health`;
      const deadline = Date.now() + 30_000;
      let report: SequencerHealth;
      for (;;) {
        const response = await fetch(url);
        expect(response.status).to.equal(200);
        report = (await response.json()) as SequencerHealth;
        if (report.status === "degraded" || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(report).to.include({ status: "degraded", role: "sequencer", name: "sequencer-1", l1Block: -1 });
      expect(report.lastError).to.match(/^l1: /);
      expect(report.address).to.equal(key.address);
      expect(lines.filter((line) => line.includes('"event":"tick-failed"')).length).to.be.at.least(
        DEGRADED_AFTER_TICKS,
      );
      expect((await fetch(`${agent.healthUrl!}/elsewhere`)).status).to.equal(404);
    } finally {
      await agent.stop();
    }
    const events = lines.map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events.slice(-2)).to.deep.equal(["stopping", "stopped"]);
    expect(await fetch(`${agent.healthUrl!}/health`).catch((e: unknown) => e)).to.be.instanceOf(Error);
  });

  it("answers 503 once the agent is stopping", async function () {
    let status: "ok" | "stopping" = "ok";
    const server = await startHealthServer({
      report: () => ({ status, role: "verifier", name: "verifier", l1Block: 5, batches: 3n }),
    });
    try {
      const running = await fetch(`${server.url}/health`);
      expect(running.status).to.equal(200);
      // Not readable by a page of another origin (the report's lastError may name hosts).
      expect(running.headers.get("access-control-allow-origin")).to.equal(null);
      expect(await running.json()).to.deep.equal({
        status: "ok",
        role: "verifier",
        name: "verifier",
        l1Block: 5,
        batches: "3",
      });
      status = "stopping";
      const stopping = await fetch(`${server.url}/health`);
      expect(stopping.status).to.equal(503);
      expect(await stopping.json()).to.include({ status: "stopping" });
      expect((await fetch(`${server.url}/health`, { method: "POST" })).status).to.equal(405);
    } finally {
      await server.close();
    }
  });
});
