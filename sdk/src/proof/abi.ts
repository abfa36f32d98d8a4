import { IntegerOutOfRangeError } from "../errors/proof";

import { writeAddress, writeBytes32, type Bytes32Like } from "./hex";

/** An unsigned integer argument: a bigint, or a number that is a safe integer. */
export type UintLike = bigint | number;

/** `value` as a bigint in [0, 2^bits), or {@link IntegerOutOfRangeError} naming `field`. */
export function toUint(value: unknown, bits: number, field: string): bigint {
  let result: bigint;
  if (typeof value === "bigint") result = value;
  else if (typeof value === "number" && Number.isSafeInteger(value)) result = BigInt(value);
  else throw IntegerOutOfRangeError.forBits(field, value, bits);
  if (result < 0n || result >> BigInt(bits) !== 0n) throw IntegerOutOfRangeError.forBits(field, value, bits);
  return result;
}

/**
 * `abi.encode` for tuples of static types (every field one 32-byte word), which is all the protocol's hashed
 * structures use. Each writer call validates its value and names the field in the error it throws.
 */
export class StaticAbiEncoder {
  private readonly buffer: Uint8Array;
  private word = 0;

  constructor(words: number) {
    this.buffer = new Uint8Array(32 * words);
  }

  uint(value: UintLike, bits: number, field: string): this {
    let rest = toUint(value, bits, field);
    for (let at = 32 * this.word + 31; rest !== 0n; at--, rest >>= 8n) this.buffer[at] = Number(rest & 0xffn);
    this.word++;
    return this;
  }

  address(value: string, field: string): this {
    writeAddress(value, this.buffer, 32 * this.word + 12, field);
    this.word++;
    return this;
  }

  bytes32(value: Bytes32Like, field: string): this {
    writeBytes32(value, this.buffer, 32 * this.word, field);
    this.word++;
    return this;
  }

  /** The encoded words. */
  bytes(): Uint8Array {
    return this.buffer;
  }
}
