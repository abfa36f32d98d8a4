import { AbiCoder, dataSlice, type Interface } from "ethers";

import type { ContractErrorNames } from "../contracts/generated";

import { MetisError } from "./base";

/** The name of one of the protocol's contracts (and token interfaces) the package ships bindings for. */
export type ProtocolContractName = keyof ContractErrorNames;

/**
 * The custom error names contract `C` can revert with: the union from its ABI for a protocol contract, any string for
 * another (a token, a receiver, a contract the caller named).
 */
export type ContractErrorName<C extends string> = C extends ProtocolContractName ? ContractErrorNames[C] : string;

/**
 * A contract call reverted with one of the protocol's custom errors. `contract` and `errorName` say which
 * (`"BatchChain"`, `"BatchChainOverdueDepositExcluded"`); `args` holds the error's values by name.
 *
 * `errorName` is typed by the contract: `ContractRevertError<"BatchChain">` has one of BatchChain's error names, and
 * `ContractRevertError` (any protocol contract) one of theirs. {@link ContractRevertError.isFrom} narrows to a contract.
 */
export class ContractRevertError<C extends string = ProtocolContractName> extends MetisError {
  override readonly name = "ContractRevertError" as const;
  static override readonly brand: string = "ContractRevertError";

  constructor(
    readonly contract: C,
    readonly errorName: ContractErrorName<C>,
    readonly args: Readonly<Record<string, unknown>>,
    options?: { cause?: unknown },
  ) {
    const values = Object.entries(args)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(", ");
    super(`${contract} reverted with ${errorName}(${values})`, options);
  }

  /** Whether `contract` reverted, narrowing `errorName` to its errors: `if (e.isFrom("L1Bridge")) e.errorName`. */
  isFrom<N extends C>(contract: N): this is ContractRevertError<N> {
    return (this.contract as string) === contract;
  }
}

/**
 * A revert whose data matches none of the given contracts' custom errors, or no data at all. A string revert
 * (`Error(string)`, from `require` or `revert("...")`) carries its `reason`, and a Solidity panic (`Panic(uint256)`:
 * overflow, division by zero, an array index out of bounds, ...) its `panicCode`; neither names a contract, since any
 * contract in the call (a token, a receiver) may have raised it.
 */
export class UnknownRevertError extends MetisError {
  override readonly name = "UnknownRevertError" as const;
  static override readonly brand: string = "UnknownRevertError";
  /** The reason of an `Error(string)` revert. */
  readonly reason?: string;
  /** The code of a `Panic(uint256)` revert (0x11 arithmetic overflow, 0x12 division by zero, 0x32 out of bounds...). */
  readonly panicCode?: bigint;

  constructor(
    readonly data: string | undefined,
    options?: { cause?: unknown; reason?: string; panicCode?: bigint },
  ) {
    const what =
      options?.reason !== undefined
        ? ` with Error(${JSON.stringify(options.reason)})`
        : options?.panicCode !== undefined
          ? ` with Panic(0x${options.panicCode.toString(16)})`
          : data
            ? ` with unrecognised data ${data.slice(0, 74)}`
            : " without data";
    super(`call reverted${what}`, options);
    if (options?.reason !== undefined) this.reason = options.reason;
    if (options?.panicCode !== undefined) this.panicCode = options.panicCode;
  }
}

/** Selectors of the two errors Solidity itself raises, which every contract's ABI parses as its own. */
const ERROR_STRING_SELECTOR = "0x08c379a0";
const PANIC_SELECTOR = "0x4e487b71";

/** An `Error(string)` or `Panic(uint256)` revert as an UnknownRevertError with its reason or code. */
function builtinRevert(data: string, cause: unknown): UnknownRevertError | undefined {
  const selector = data.slice(0, 10).toLowerCase();
  if (selector !== ERROR_STRING_SELECTOR && selector !== PANIC_SELECTOR) return undefined;
  try {
    const [value] = AbiCoder.defaultAbiCoder().decode(
      [selector === PANIC_SELECTOR ? "uint256" : "string"],
      dataSlice(data, 4),
    ) as unknown as [string | bigint];
    return typeof value === "bigint"
      ? new UnknownRevertError(data, { cause, panicCode: value })
      : new UnknownRevertError(data, { cause, reason: value });
  } catch {
    return new UnknownRevertError(data, { cause }); // the selector with data that does not decode
  }
}

/** The error and everything it wraps (`error`, `info`, `cause`, `data`), breadth first, each once. */
function wrapped(error: unknown): Record<string, unknown>[] {
  const seen = new Set<unknown>();
  const found: Record<string, unknown>[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    found.push(record);
    queue.push(record.error, record.info, record.cause, record.data);
  }
  return found;
}

/** Finds the revert data an ethers error carries, wherever the provider put it. */
export function revertData(error: unknown): string | undefined {
  for (const record of wrapped(error)) {
    if (typeof record.data === "string" && record.data.startsWith("0x") && record.data.length >= 10) return record.data;
  }
  return undefined;
}

/** Whether `error` is a revert that carries no data: ethers' CALL_EXCEPTION, or a provider's empty revert data. */
function revertedWithoutData(error: unknown): boolean {
  return wrapped(error).some((record) => record.code === "CALL_EXCEPTION" || record.data === "0x");
}

/**
 * Turns an ethers call error into a {@link ContractRevertError} when its revert data is a custom error of one of
 * `contracts` (named interfaces), into an {@link UnknownRevertError} when it is a revert of something else (with the
 * reason of an `Error(string)` and the code of a `Panic`), and returns any other error unchanged (network failures
 * are not reverts).
 */
export function decodeRevert(error: unknown, contracts: Readonly<Record<string, Interface>>): unknown {
  const data = revertData(error);
  if (data === undefined)
    return revertedWithoutData(error) ? new UnknownRevertError(undefined, { cause: error }) : error;
  // ethers' Interface parses Error(string) and Panic(uint256) for any contract: tell them apart first, or the first
  // contract named would be blamed for a token's string revert.
  const builtin = builtinRevert(data, error);
  if (builtin) return builtin;
  for (const [contract, contractInterface] of Object.entries(contracts)) {
    const parsed = contractInterface.parseError(data);
    if (!parsed) continue;
    const args: Record<string, unknown> = {};
    parsed.fragment.inputs.forEach((input, i) => {
      const value: unknown = parsed.args[i];
      args[input.name || String(i)] = value;
    });
    return new ContractRevertError<string>(contract, parsed.name, args, { cause: error });
  }
  return new UnknownRevertError(data, { cause: error });
}
