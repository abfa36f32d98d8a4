/**
 * The loop both agents run: one tick every `pollMs`, never two at once (so one key never sends two L1 transactions
 * concurrently), each tick a series of named steps. A step that throws is logged (`tick-failed`, with its step and
 * reason) and the tick goes on with the next; the loop never stops on a failure. Once stopping, no tick starts and
 * the steps of the tick under way are skipped, except the one whose work must end rather than be cut (the proposal,
 * the sync), so {@link AgentLoop.stop} resolves once that has ended.
 */
import type { HealthReport } from "./health";
import { reasonOf, type Logger } from "./log";

/** Ticks in a row that failed to reach L1 or L2 before the health status says "degraded". */
export const DEGRADED_AFTER_TICKS = 3;

/** Runs one named step of a tick: true when it ended, false when it threw (logged). */
export type StepRunner = (name: string, work: () => Promise<void>) => Promise<boolean>;

export interface AgentLoopOptions {
  readonly pollMs: number;
  readonly logger: Logger;
  /** The step that still runs once stopping: its work is finished, not cut. */
  readonly finishing: string;
  /** One tick: runs its steps through `step`; returns whether every one reached what it needed. */
  readonly tick: (step: StepRunner) => Promise<boolean>;
}

export class AgentLoop {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticking: Promise<void> | undefined;
  private stoppingNow = false;
  private failedTicks = 0;
  private error: string | undefined;

  constructor(private readonly options: AgentLoopOptions) {}

  /** Whether {@link stop} was called. */
  get stopping(): boolean {
    return this.stoppingNow;
  }

  /** The last step failure of the tick that failed last, until a tick succeeds. */
  get lastError(): string | undefined {
    return this.error;
  }

  /** "stopping" once stopping, "degraded" after {@link DEGRADED_AFTER_TICKS} failed ticks in a row, else "ok". */
  get status(): HealthReport["status"] {
    if (this.stoppingNow) return "stopping";
    return this.failedTicks >= DEGRADED_AFTER_TICKS ? "degraded" : "ok";
  }

  /** Starts ticking now. */
  start(): void {
    this.schedule(0);
  }

  /** Runs one tick (never throws). */
  async tick(): Promise<void> {
    const reached = await this.options.tick(this.step);
    this.failedTicks = reached ? 0 : this.failedTicks + 1;
    if (reached) this.error = undefined;
  }

  /** No tick starts after this; resolves once the tick under way, if any, has ended. */
  async stop(): Promise<void> {
    this.stoppingNow = true;
    clearTimeout(this.timer);
    await this.ticking;
  }

  private readonly step: StepRunner = async (name, work) => {
    if (this.stoppingNow && name !== this.options.finishing) return true;
    try {
      await work();
      return true;
    } catch (error) {
      this.error = `${name}: ${reasonOf(error)}`;
      this.options.logger.warn("tick-failed", { step: name, reason: reasonOf(error) });
      return false;
    }
  };

  private schedule(delay: number): void {
    if (this.stoppingNow) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = undefined;
        this.schedule(this.options.pollMs);
      });
    }, delay);
  }
}
