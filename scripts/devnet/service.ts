/**
 * One devnet service: a child process of this one, on 127.0.0.1, its output split into lines, kept (the last
 * {@link KEPT_LINES}) for `logs(service)` and passed to a printer with the service's name (`[sequencer-2] ...`).
 * `stop()` sends SIGTERM, waits, and sends SIGKILL to a process that is still running after the grace period;
 * `start()` starts the same command again (the same state directory: a restart). Every child is also killed with
 * SIGKILL when this process exits, so that nothing outlives it, and spawned in its own process group, so that a
 * Ctrl-C in the terminal reaches this process alone, which then stops the children in order.
 */
import { spawn, type ChildProcess } from "node:child_process";

/** Lines of output kept per service. */
export const KEPT_LINES = 20_000;

/** How a service is run. */
export interface ServiceSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Milliseconds from SIGTERM to SIGKILL (default 10,000). */
  readonly graceMs?: number;
}

/** Receives each line a service prints. */
export type LinePrinter = (service: string, line: string, stream: "stdout" | "stderr") => void;

const running = new Set<ChildProcess>();
let exitHook = false;

/** Kills every running child with SIGKILL (process exit: no time to wait). */
export function killAllChildren(): void {
  for (const child of running) {
    try {
      child.kill("SIGKILL");
    } catch {
      // gone already
    }
  }
}

function installExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.once("exit", killAllChildren);
}

export class Service {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private readonly lines: string[] = [];
  /** Every process id this service ran, oldest first. */
  readonly pids: number[] = [];
  /** How the last process ended (undefined while it runs or before the first start). */
  lastExit: { readonly code: number | null; readonly signal: NodeJS.Signals | null } | undefined;
  /** Incremented at every start, so that an exit of an old process is told apart. */
  private generation = 0;

  constructor(
    readonly spec: ServiceSpec,
    private readonly print: LinePrinter,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  /** Whether the process runs. */
  get running(): boolean {
    return this.child !== undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The lines printed so far (the last {@link KEPT_LINES}), across restarts. */
  output(): readonly string[] {
    return this.lines;
  }

  /** Starts the process (nothing when it runs). */
  start(): void {
    if (this.child) return;
    installExitHook();
    const generation = ++this.generation;
    this.lastExit = undefined;
    const child = spawn(this.spec.command, [...this.spec.args], {
      cwd: this.spec.cwd,
      env: this.spec.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    this.child = child;
    running.add(child);
    if (child.pid !== undefined) this.pids.push(child.pid);
    for (const stream of ["stdout", "stderr"] as const) {
      let partial = "";
      child[stream]!.on("data", (chunk: Buffer) => {
        const text = partial + chunk.toString();
        const parts = text.split("\n");
        partial = parts.pop() ?? "";
        for (const line of parts) this.take(line, stream);
      });
      child[stream]!.on("end", () => {
        if (partial !== "") this.take(partial, stream);
        partial = "";
      });
    }
    this.exited = new Promise<void>((resolve) => {
      child.once("exit", (code, signal) => {
        running.delete(child);
        this.lastExit = { code, signal };
        if (this.generation === generation) this.child = undefined;
        this.take(`(exited: ${signal ?? `code ${code}`})`, "stderr");
        resolve();
      });
      child.once("error", (error) => {
        running.delete(child);
        if (this.generation === generation) this.child = undefined;
        this.take(`(failed to start: ${error.message})`, "stderr");
        resolve();
      });
    });
  }

  /** Stops the process: SIGTERM, then SIGKILL after the grace period. Resolves once it has exited. */
  async stop(graceMs = this.spec.graceMs ?? 10_000): Promise<void> {
    const child = this.child;
    const exited = this.exited;
    if (!child || !exited) return;
    child.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const killed = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve();
      }, graceMs);
    });
    await Promise.race([exited, killed]);
    clearTimeout(timer);
    await exited;
  }

  /** Resolves when the running process exits (at once when none runs). */
  async exit(): Promise<void> {
    await this.exited;
  }

  private take(line: string, stream: "stdout" | "stderr"): void {
    this.lines.push(line);
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
    this.print(this.spec.name, line, stream);
  }
}
