import type { Interface } from "ethers";

import { MetisError } from "./base";

/**
 * A contract call reverted with one of the protocol's custom errors. `contract` and `errorName` say which
 * (`"BatchChain"`, `"BatchChainOverdueDepositExcluded"`); `args` holds the error's values by name.
 */
export class ContractRevertError extends MetisError {
  override readonly name = "ContractRevertError" as const;

  constructor(
    readonly contract: string,
    readonly errorName: string,
    readonly args: Readonly<Record<string, unknown>>,
    options?: { cause?: unknown },
  ) {
    const values = Object.entries(args)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(", ");
    super(`${contract} reverted with ${errorName}(${values})`, options);
  }
}

/** A revert whose data matches none of the given contracts' errors (or no data at all). */
export class UnknownRevertError extends MetisError {
  override readonly name = "UnknownRevertError" as const;

  constructor(
    readonly data: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`call reverted${data ? ` with unrecognised data ${data.slice(0, 74)}` : " without data"}`, options);
  }
}

/** Finds the revert data an ethers error carries, wherever the provider put it. */
export function revertData(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    if (typeof record.data === "string" && record.data.startsWith("0x") && record.data.length >= 10) return record.data;
    queue.push(record.error, record.info, record.cause, record.data);
  }
  return undefined;
}

/**
 * Turns an ethers call error into a {@link ContractRevertError} when its revert data is a custom error of one of
 * `contracts` (named interfaces), into an {@link UnknownRevertError} when it is a revert of something else, and
 * returns any other error unchanged (network failures are not reverts).
 */
export function decodeRevert(error: unknown, contracts: Readonly<Record<string, Interface>>): unknown {
  const data = revertData(error);
  if (data === undefined) {
    const code = (error as { code?: string } | null)?.code;
    return code === "CALL_EXCEPTION" ? new UnknownRevertError(undefined, { cause: error }) : error;
  }
  for (const [contract, contractInterface] of Object.entries(contracts)) {
    const parsed = contractInterface.parseError(data);
    if (!parsed) continue;
    const args: Record<string, unknown> = {};
    parsed.fragment.inputs.forEach((input, i) => {
      const value: unknown = parsed.args[i];
      args[input.name || String(i)] = value;
    });
    return new ContractRevertError(contract, parsed.name, args, { cause: error });
  }
  return new UnknownRevertError(data, { cause: error });
}
