import { InvalidAddressError, InvalidHexError } from "../errors/proof";

import { keccak256 } from "./keccak/keccak256";

/** `0x`-prefixed hexadecimal text. */
export type Hex = `0x${string}`;

/** A 20-byte address as `0x`-prefixed hex (any case; mixed case must carry a valid EIP-55 checksum). */
export type Address = `0x${string}`;

/** A value that is 32 bytes: hex text or the bytes themselves. */
export type Bytes32Like = Hex | Uint8Array;

/** `bytes32(0)`: the empty tree's root, the padding leaf and the start of the deposit chain. */
export const ZERO_HASH: Hex = `0x${"0".repeat(64)}`;

const HEX_DIGITS = "0123456789abcdef";
const BYTE_TO_HEX: readonly string[] = /* @__PURE__ */ Array.from(
  { length: 256 },
  (_, byte) => HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!,
);
/** Byte value of each pair of ASCII hex digits, indexed by `(first << 7) | second`, or -1. Built on first use. */
let hexPairs: Int16Array | undefined;

function hexPairTable(): Int16Array {
  if (hexPairs === undefined) {
    hexPairs = new Int16Array(128 * 128).fill(-1);
    const digits = Array.from(HEX_DIGITS, (digit, value) => [digit, value] as const);
    const cases = [...digits, ...digits.slice(10).map(([digit, value]) => [digit.toUpperCase(), value] as const)];
    for (const [high, highValue] of cases) {
      for (const [low, lowValue] of cases)
        hexPairs[(high.charCodeAt(0) << 7) | low.charCodeAt(0)] = (highValue << 4) | lowValue;
    }
  }
  return hexPairs;
}

/** Lowercase `0x` hex of `bytes`. */
export function bytesToHex(bytes: Uint8Array): Hex {
  let text = "0x";
  for (let i = 0; i < bytes.length; i++) text += BYTE_TO_HEX[bytes[i]!]!;
  return text as Hex;
}

/**
 * Decodes `hex` into `out` at `offset` and returns true when it is `0x` followed by exactly `2 * byteLength` hex
 * digits; returns false otherwise (`out` may then hold part of the value). The non-throwing core of the parsers
 * below, so hot loops build an error's field name only when there is an error.
 */
export function decodeHexInto(hex: unknown, byteLength: number, out: Uint8Array, offset: number): boolean {
  if (
    typeof hex !== "string" ||
    hex.length !== 2 + 2 * byteLength ||
    hex.charCodeAt(0) !== 48 || // "0"
    hex.charCodeAt(1) !== 120 // "x": lowercase only, as the `0x${string}` type and ethers have it
  ) {
    return false;
  }
  const pairs = hexPairTable();
  for (let i = 0; i < byteLength; i++) {
    const high = hex.charCodeAt(2 + 2 * i);
    const low = hex.charCodeAt(3 + 2 * i);
    const value = (high | low) < 128 ? pairs[(high << 7) | low]! : -1;
    if (value < 0) return false;
    out[offset + i] = value;
  }
  return true;
}

/**
 * Writes the bytes of `hex` into `out` at `offset`. Throws {@link InvalidHexError} (naming `field`) unless `hex`
 * is `0x` followed by exactly `2 * byteLength` hex digits.
 */
export function writeHex(hex: unknown, byteLength: number, out: Uint8Array, offset: number, field: string): void {
  if (!decodeHexInto(hex, byteLength, out, offset)) throw new InvalidHexError(field, hex, byteLength);
}

/** Bytes of `0x`-prefixed hex of any whole number of bytes. Throws {@link InvalidHexError} otherwise. */
export function hexToBytes(hex: unknown, field = "value"): Uint8Array {
  if (typeof hex !== "string" || hex.length < 2 || hex.length % 2 !== 0) throw new InvalidHexError(field, hex);
  const out = new Uint8Array((hex.length - 2) / 2);
  writeHex(hex, out.length, out, 0, field);
  return out;
}

/** Writes a 32-byte value given as hex or bytes into `out` at `offset`; false when it is neither. */
export function decodeBytes32Into(value: unknown, out: Uint8Array, offset: number): boolean {
  if (!(value instanceof Uint8Array)) return decodeHexInto(value, 32, out, offset);
  if (value.length !== 32) return false;
  out.set(value, offset);
  return true;
}

/** Writes a 32-byte value given as hex or bytes into `out` at `offset`, or throws {@link InvalidHexError}. */
export function writeBytes32(value: Bytes32Like, out: Uint8Array, offset: number, field: string): void {
  if (!decodeBytes32Into(value, out, offset)) throw new InvalidHexError(field, value, 32);
}

/** A 32-byte value as bytes (a copy when given bytes). */
export function bytes32(value: Bytes32Like, field = "value"): Uint8Array {
  const out = new Uint8Array(32);
  writeBytes32(value, out, 0, field);
  return out;
}

/**
 * Writes the 20 bytes of `address` into `out` at `offset`. All-lowercase and all-uppercase spellings are accepted
 * as they are; a mixed-case spelling must match its EIP-55 checksum, as wallets and ethers require.
 */
export function writeAddress(address: unknown, out: Uint8Array, offset: number, field: string): void {
  if (!decodeHexInto(address, 20, out, offset)) throw new InvalidAddressError(field, address);
  const digits = (address as string).slice(2);
  const lower = digits.toLowerCase();
  if (digits === lower || digits === digits.toUpperCase()) return;
  const hash = keccak256(new TextEncoder().encode(lower));
  for (let i = 0; i < 40; i++) {
    const nibble = (hash[i >> 1]! >> (i % 2 === 0 ? 4 : 0)) & 15;
    const expected = nibble >= 8 ? lower[i]!.toUpperCase() : lower[i]!;
    if (digits[i] !== expected) throw new InvalidAddressError(field, address);
  }
}
