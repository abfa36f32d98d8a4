/**
 * Small helpers of the devnet's child scripts (gateway, Memo, load generator): their `--flag value` arguments, and a
 * watch on the parent, so that a child whose devnet process died (SIGKILL, no exit hook ran) exits too.
 */

/** The value after `name` in the process's arguments, or `fallback`; exits with a message when neither exists. */
export function flag(name: string, fallback?: string): string {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? process.argv[at + 1] : undefined;
  if (value !== undefined) return value;
  if (fallback !== undefined) return fallback;
  console.error(`missing ${name} <value>`);
  process.exit(2);
}

/** Exits when the parent process is gone (this process was re-parented), checking every second. */
export function watchParent(): void {
  const parent = process.ppid;
  // Started by a devnet that was already gone (re-parented to init before this ran): nothing to wait for.
  if (parent === 1) process.exit(1);
  const timer = setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
  }, 1_000);
  timer.unref();
}
