/**
 * `metis-agent sequencer --config <file>` / `metis-agent verifier --config <file>`: runs one agent until SIGINT or
 * SIGTERM, then stops it gracefully and exits 0. Logs are JSON lines on standard output. A bad config or a missing
 * key prints one line (the error's message) on standard error and exits 2; an agent that fails to start exits 1.
 * See ./config for the file's format and the environment it reads.
 */
import { parseArgs } from "node:util";

import { MetisError } from "../../errors/base";
import { AgentChainMismatchError, AgentConfigError } from "../../errors/agent";

import { loadAgentConfig } from "./config";
import { createLogger, reasonOf } from "./log";
import { SequencerAgent } from "./sequencer-agent";
import { VerifierAgent } from "./verifier-agent";

export const AGENT_USAGE = `usage: metis-agent <sequencer|verifier> --config <file>

  sequencer   relays deposits, builds, stores and proposes batches in turn, signs peers' batches on its
              signing endpoint, answers DA requests, starts epochs, settles and claims rewards
  verifier    re-executes every batch on its own L2 replica, challenges faults, votes, claims

Options:
  --config <file>   the agent's JSON config (keys come from the environment variables it names)
  --help            this text

Environment: METIS_AGENT_L1, METIS_AGENT_L2, METIS_AGENT_DATA_DIR, METIS_AGENT_LOG_LEVEL override the file;
AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY for an S3 store. Stops gracefully on SIGINT or SIGTERM.`;

export interface AgentCliOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Log lines (default standard output). */
  readonly stdout?: (line: string) => void;
  /** The usage and one-line errors (default standard error). */
  readonly stderr?: (line: string) => void;
  /** Resolves when the agent should stop (default: the first SIGINT or SIGTERM). */
  readonly until?: Promise<unknown>;
}

/** Waits for the first SIGINT or SIGTERM; returns it and a function that removes the handlers. */
function signalled(): { readonly signal: Promise<NodeJS.Signals>; readonly dispose: () => void } {
  let dispose = (): void => undefined;
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    const handler = (name: NodeJS.Signals) => {
      resolve(name);
    };
    process.once("SIGINT", handler);
    process.once("SIGTERM", handler);
    dispose = () => {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    };
  });
  return { signal, dispose };
}

/** Runs the CLI with `argv` (without node and the script); resolves with the exit code once the agent stopped. */
export async function runAgentCli(argv: readonly string[], options: AgentCliOptions = {}): Promise<number> {
  const stdout =
    options.stdout ??
    ((line: string) => {
      process.stdout.write(`${line}\n`);
    });
  const stderr =
    options.stderr ??
    ((line: string) => {
      process.stderr.write(`${line}\n`);
    });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    stderr(`metis-agent: ${(error as Error).message}`);
    stderr(AGENT_USAGE);
    return 2;
  }
  if (parsed.help) {
    stdout(AGENT_USAGE);
    return 0;
  }
  const { role, config: file } = parsed;
  let config;
  try {
    config = loadAgentConfig(file, options.env ?? process.env);
    if (config.role !== role) throw new AgentConfigError("role", `is "${config.role}", not "${role}"`, file);
  } catch (error) {
    stderr(`metis-agent: ${error instanceof MetisError ? error.message : reasonOf(error)}`);
    return 2;
  }
  const logger = createLogger({ name: config.name, level: config.log.level, write: stdout });
  const signals = options.until === undefined ? signalled() : undefined;
  const until = options.until ?? signals?.signal;
  let agent: SequencerAgent | VerifierAgent;
  try {
    agent =
      config.role === "sequencer"
        ? await SequencerAgent.start(config, { logger })
        : await VerifierAgent.start(config, { logger });
  } catch (error) {
    signals?.dispose();
    logger.error("start-failed", { reason: reasonOf(error) });
    stderr(`metis-agent: ${error instanceof MetisError ? error.message : reasonOf(error)}`);
    // Nodes of other chains than the deployment's are a config error too.
    return error instanceof AgentChainMismatchError ? 2 : 1;
  }
  const reason = await until;
  logger.info("signal", { signal: typeof reason === "string" ? reason : "stop" });
  // A second signal while stopping: stop at once.
  signals?.dispose();
  const again = signalled();
  void again.signal.then((name) => {
    logger.warn("killed", { signal: name });
    process.exit(130);
  });
  try {
    await agent.stop();
  } finally {
    again.dispose();
  }
  return 0;
}

function parse(
  argv: readonly string[],
): { help: true } | { help: false; role: "sequencer" | "verifier"; config: string } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { config: { type: "string", short: "c" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (values.help) return { help: true };
  const [role, ...rest] = positionals;
  if (role !== "sequencer" && role !== "verifier")
    throw new AgentConfigError("role", `${role ?? "(none)"} is not "sequencer" or "verifier"`);
  if (rest.length > 0) throw new AgentConfigError("arguments", `have an unexpected ${rest[0]}`);
  if (values.config === undefined) throw new AgentConfigError("--config", "<file> is required");
  return { help: false, role, config: values.config };
}
