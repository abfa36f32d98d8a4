/**
 * Structured logs of an agent: one JSON object per line,
 * `{"time":"<ISO>","level":"info","agent":"sequencer-1","event":"batch-submitted",...fields}`. Bigints are written as
 * decimal strings, errors as `{ name, message }`; lines below the logger's level are dropped.
 */

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  readonly name: string;
  readonly level: LogLevel;
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  /** The agent's name: every line's `agent`. */
  readonly name: string;
  /** The lowest level written (default "info"). */
  readonly level?: LogLevel;
  /** Where each line goes, without its newline (default: standard output, one line each). */
  readonly write?: (line: string) => void;
  /** The clock (default `new Date()`). */
  readonly now?: () => Date;
}

/** A JSON-safe copy of `value`: bigints as decimal strings, errors as their name and message. */
function plain(value: unknown, seen: Set<unknown>): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  try {
    if (value instanceof Error) {
      const code = (value as { code?: unknown }).code;
      return { name: value.name, message: value.message, ...(typeof code === "string" ? { code } : {}) };
    }
    if (value instanceof Date) return value.toISOString();
    if (value instanceof Uint8Array) return `0x${Buffer.from(value).toString("hex")}`;
    if (Array.isArray(value)) return value.map((item) => plain(item, seen));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item, seen)]));
  } finally {
    seen.delete(value);
  }
}

/** The line for `event` with `fields` (fields cannot override time, level, agent or event). */
export function formatLogLine(time: Date, level: LogLevel, agent: string, event: string, fields: LogFields = {}) {
  const rest = plain(fields, new Set()) as Record<string, unknown>;
  delete rest.time;
  delete rest.level;
  delete rest.agent;
  delete rest.event;
  return JSON.stringify({ time: time.toISOString(), level, agent, event, ...rest });
}

export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? "info";
  const threshold = LOG_LEVELS.indexOf(level);
  const write =
    options.write ??
    ((line: string) => {
      process.stdout.write(`${line}\n`);
    });
  const now = options.now ?? (() => new Date());
  const at =
    (lineLevel: LogLevel) =>
    (event: string, fields?: LogFields): void => {
      if (LOG_LEVELS.indexOf(lineLevel) < threshold) return;
      write(formatLogLine(now(), lineLevel, options.name, event, fields));
    };
  return { name: options.name, level, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** A short reason for a log line: an error's message (its name when that says more), or the value as text. */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const name = error.name;
  return name !== "Error" && !error.message.includes(name) ? `${name}: ${error.message}` : error.message;
}
