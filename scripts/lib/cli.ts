/**
 * The argument checks the command-line scripts share: each failure prints what is wrong, points at the script's own
 * header comment (its usage), and exits with the script's error code.
 */
export interface CliArguments {
  /** The value of `--name`, or exits when it is missing. */
  required(name: string): string;
  /** `--name`'s value as a non-negative integer (undefined when absent), or exits when it is not one. */
  integer(name: string, value: string | undefined): number | undefined;
  /** Prints `message` and exits. */
  fail(message: string): never;
}

/** The checks for `script` (its path, named in messages) over `values` (parseArgs' values), exiting with `exitCode`. */
export function cliArguments(
  script: string,
  values: Readonly<Record<string, unknown>>,
  exitCode: number,
): CliArguments {
  const fail = (message: string): never => {
    console.error(`${message} (see the comment at the top of ${script})`);
    process.exit(exitCode);
  };
  return {
    fail,
    required(name) {
      const value = values[name];
      if (typeof value !== "string") fail(`--${name} is required`);
      return value as string;
    },
    integer(name, value) {
      if (value === undefined) return undefined;
      const parsed = Number(value);
      if (!Number.isSafeInteger(parsed) || parsed < 0) fail(`--${name} must be a non-negative integer, got ${value}`);
      return parsed;
    },
  };
}
