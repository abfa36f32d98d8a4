import { MetisArgumentError, MetisDataError } from "./base";

/** A string that should be `0x`-prefixed hex of a given byte length is not. */
export class InvalidHexError extends MetisArgumentError {
  override readonly name = "InvalidHexError" as const;
  static override readonly brand: string = "InvalidHexError";

  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly expectedBytes?: number,
  ) {
    const shape =
      expectedBytes === undefined
        ? "0x-prefixed hex of whole bytes"
        : `${expectedBytes} bytes (0x-prefixed hex or bytes)`;
    super(`${field}: expected ${shape}, got ${describe(value)}`);
  }
}

/** An address that is not 20 bytes of hex, or whose mixed-case spelling fails its EIP-55 checksum. */
export class InvalidAddressError extends MetisArgumentError {
  override readonly name = "InvalidAddressError" as const;
  static override readonly brand: string = "InvalidAddressError";

  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field}: not an address (20 bytes of hex, EIP-55 checksum if mixed case): ${describe(value)}`);
  }
}

/** An integer outside its allowed range (a Solidity type such as `uint64`, a depth limit, ...) or not an integer. */
export class IntegerOutOfRangeError extends MetisArgumentError {
  override readonly name = "IntegerOutOfRangeError" as const;
  static override readonly brand: string = "IntegerOutOfRangeError";

  constructor(
    readonly field: string,
    readonly value: unknown,
    /** Largest allowed value; the smallest is 0. */
    readonly max: bigint,
  ) {
    super(`${field}: expected an integer in [0, ${max}], got ${describe(value)}`);
  }

  /** The error for a value that does not fit an unsigned integer of `bits` bits. */
  static forBits(field: string, value: unknown, bits: number): IntegerOutOfRangeError {
    // `this`, not the class's name: a class naming itself gets an inner name in a bundle (see MetisError).
    return new this(field, value, (1n << BigInt(bits)) - 1n);
  }
}

/** A Merkle proof whose number of siblings is not the tree height the verifier expects. */
export class InvalidProofLengthError extends MetisArgumentError {
  override readonly name = "InvalidProofLengthError" as const;
  static override readonly brand: string = "InvalidProofLengthError";

  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Merkle proof has ${actual} siblings, the tree height is ${expected}`);
  }
}

/** A leaf index outside the tree (`index >= size`, or `>= 2^height` when only the height is known). */
export class IndexOutOfRangeError extends MetisArgumentError {
  override readonly name = "IndexOutOfRangeError" as const;
  static override readonly brand: string = "IndexOutOfRangeError";

  constructor(
    readonly index: number,
    readonly bound: number,
  ) {
    super(`leaf index ${index} is outside the tree: it must be an integer below ${bound}`);
  }
}

/** A fixed-depth tree holds `2^depth` leaves at most; appending or building past that is refused. */
export class TreeFullError extends MetisArgumentError {
  override readonly name = "TreeFullError" as const;
  static override readonly brand: string = "TreeFullError";

  constructor(readonly depth: number) {
    super(`a Merkle tree of depth ${depth} holds at most 2^${depth} leaves`);
  }
}

/** Bytes that are not canonical RLP: bad prefix, non-minimal length, truncated item, trailing bytes, too deep. */
export class MalformedRlpError extends MetisDataError {
  override readonly name = "MalformedRlpError" as const;
  static override readonly brand: string = "MalformedRlpError";

  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`malformed RLP at byte ${offset}: ${reason}`);
  }
}

/** A batch data object that is not `RLP([version, batchIndex, [[number, timestamp, [rawTx, ...]], ...]])`. */
export class MalformedDataObjectError extends MetisDataError {
  override readonly name = "MalformedDataObjectError" as const;
  static override readonly brand: string = "MalformedDataObjectError";

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`malformed batch data object: ${reason}`, options);
  }
}

/** A batch data object of a version this SDK does not know (it knows version 1). */
export class UnsupportedVersionError extends MetisDataError {
  override readonly name = "UnsupportedVersionError" as const;
  static override readonly brand: string = "UnsupportedVersionError";

  constructor(
    readonly version: bigint,
    readonly supported: readonly bigint[],
  ) {
    super(`batch data object version ${version} is not supported (supported: ${supported.join(", ")})`);
  }
}

/** Bytes that are not an L2 block header in its consensus encoding (RLP list of the header fields, each its size). */
export class MalformedBlockHeaderError extends MetisDataError {
  override readonly name = "MalformedBlockHeaderError" as const;
  static override readonly brand: string = "MalformedBlockHeaderError";

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`malformed block header: ${reason}`, options);
  }
}

/** Bytes that are not a batch sidecar: `RLP([tag, 1, headerHash, [[number, timestamp, stateRoot, withdrawalRoot, rlpHeader], ...]])`. */
export class MalformedSidecarError extends MetisDataError {
  override readonly name = "MalformedSidecarError" as const;
  static override readonly brand: string = "MalformedSidecarError";

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`malformed batch sidecar: ${reason}`, options);
  }
}

/**
 * A batch sidecar that does not belong to the header it was read for, or is stored under another key than its own:
 * it names another header, has another number of blocks than the header's range, its leaves' Merkle root is not the
 * header's `stateBatchRoot`, or (`key`) a store was asked to keep it under a key it does not derive to.
 */
export class SidecarMismatchError extends MetisDataError {
  override readonly name = "SidecarMismatchError" as const;
  static override readonly brand: string = "SidecarMismatchError";

  constructor(
    readonly field: "headerHash" | "blockCount" | "stateBatchRoot" | "key",
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`batch sidecar ${field} is ${actual}, expected ${expected}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === "string")
    return value.length > 80 ? `"${value.slice(0, 77)}..." (${value.length} chars)` : `"${value}"`;
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  return String(value);
}
