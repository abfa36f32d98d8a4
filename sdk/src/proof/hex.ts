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
const BYTE_TO_HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) => HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!);
/** Value of each ASCII code as a hex digit, or -1. */
const NIBBLE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let digit = 0; digit < 16; digit++) {
    table[HEX_DIGITS.charCodeAt(digit)] = digit;
    table[HEX_DIGITS.toUpperCase().charCodeAt(digit)] = digit;
  }
  return table;
})();

/** Lowercase `0x` hex of `bytes`. */
export function bytesToHex(bytes: Uint8Array): Hex {
  let text = "0x";
  for (let i = 0; i < bytes.length; i++) text += BYTE_TO_HEX[bytes[i]!]!;
  return text as Hex;
}

/**
 * Writes the bytes of `hex` into `out` at `offset`. Throws {@link InvalidHexError} (naming `field`) unless `hex`
 * is `0x` followed by exactly `2 * byteLength` hex digits.
 */
export function writeHex(hex: unknown, byteLength: number, out: Uint8Array, offset: number, field: string): void {
  if (typeof hex !== "string" || hex.length !== 2 + 2 * byteLength || hex[0] !== "0" || (hex[1] !== "x" && hex[1] !== "X")) {
    throw new InvalidHexError(field, hex, byteLength);
  }
  for (let i = 0; i < byteLength; i++) {
    const high = NIBBLE[hex.charCodeAt(2 + 2 * i)] ?? -1;
    const low = NIBBLE[hex.charCodeAt(3 + 2 * i)] ?? -1;
    if (high < 0 || low < 0) throw new InvalidHexError(field, hex, byteLength);
    out[offset + i] = (high << 4) | low;
  }
}

/** Bytes of `0x`-prefixed hex of any whole number of bytes. Throws {@link InvalidHexError} otherwise. */
export function hexToBytes(hex: unknown, field = "value"): Uint8Array {
  if (typeof hex !== "string" || hex.length % 2 !== 0) throw new InvalidHexError(field, hex);
  const out = new Uint8Array((hex.length - 2) / 2);
  writeHex(hex, out.length, out, 0, field);
  return out;
}

/** Writes a 32-byte value given as hex or bytes into `out` at `offset`. */
export function writeBytes32(value: Bytes32Like, out: Uint8Array, offset: number, field: string): void {
  if (value instanceof Uint8Array) {
    if (value.length !== 32) throw new InvalidHexError(field, value, 32);
    out.set(value, offset);
  } else {
    writeHex(value, 32, out, offset, field);
  }
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
  try {
    writeHex(address, 20, out, offset, field);
  } catch (error) {
    throw new InvalidAddressError(field, address);
  }
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
