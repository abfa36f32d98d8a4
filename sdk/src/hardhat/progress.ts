/**
 * The tasks' output: steps printed one a line, progress bars (cli-progress, required lazily so that the package does
 * not load it unless a task shows a bar; a plain counter line when it is missing or the output is not a terminal).
 */

/** A progress bar over `total` items. */
export interface ProgressBar {
  update(done: number, total?: number): void;
  stop(): void;
}

/** Where a task writes: a line per step, and bars. */
export interface TaskOutput {
  line(text: string): void;
  bar(label: string, total: number): ProgressBar;
}

interface CliProgressModule {
  SingleBar: new (
    options: object,
    preset: object,
  ) => {
    start(total: number, value: number, payload?: object): void;
    update(value: number): void;
    setTotal(total: number): void;
    stop(): void;
  };
  Presets: { shades_classic: object };
}

function cliProgress(): CliProgressModule | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("cli-progress") as CliProgressModule;
  } catch {
    return undefined;
  }
}

/** Output to the console: bars on a terminal, otherwise one line when a bar finishes. */
export function consoleOutput(stream: NodeJS.WriteStream = process.stdout): TaskOutput {
  return {
    line: (text) => stream.write(`${text}\n`),
    bar(label, total) {
      const module = stream.isTTY ? cliProgress() : undefined;
      let last = 0;
      let size = total;
      if (module === undefined) {
        return {
          update(done, newTotal) {
            last = done;
            if (newTotal !== undefined) size = newTotal;
          },
          stop: () => stream.write(`  ${label}: ${last}/${size}\n`),
        };
      }
      const bar = new module.SingleBar(
        { format: `  ${label} [{bar}] {value}/{total}`, stream, hideCursor: true, clearOnComplete: false },
        module.Presets.shades_classic,
      );
      bar.start(total, 0);
      return {
        update(done, newTotal) {
          if (newTotal !== undefined) bar.setTotal(newTotal);
          bar.update(done);
        },
        stop() {
          bar.stop();
        },
      };
    },
  };
}

/** Output that goes nowhere (library use of `deployNetwork`). */
export const SILENT: TaskOutput = {
  line: () => undefined,
  bar: () => ({ update: () => undefined, stop: () => undefined }),
};
