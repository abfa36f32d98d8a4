import { MetisError } from "../errors/base";

/**
 * Prints `error` as a task reports it: a MetisError by its name and message (`ContractRevertError: BatchChain reverted
 * with BatchChainX(...)`), anything else with its stack.
 */
export function printError(error: unknown, stream: NodeJS.WriteStream = process.stderr): void {
  if (error instanceof MetisError) stream.write(`${error.name}: ${error.message}\n`);
  else if (error instanceof Error) stream.write(`${error.stack ?? `${error.name}: ${error.message}`}\n`);
  else stream.write(`${String(error)}\n`);
}
