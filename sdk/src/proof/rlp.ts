import { MalformedRlpError } from "../errors/proof";

/** An RLP item: a byte string or a list of items. */
export type RlpItem = Uint8Array | readonly RlpItem[];

/** Nesting beyond this is refused rather than recursed into (the protocol's objects nest three deep). */
export const MAX_RLP_DEPTH = 16;

const SHORT_STRING = 0x80;
const LONG_STRING = 0xb7;
const SHORT_LIST = 0xc0;
const LONG_LIST = 0xf7;
/** Payloads shorter than this use the one-byte short form. */
const SHORT_LIMIT = 56;

/** Minimal big-endian bytes of a non-negative integer (empty for zero), as RLP encodes scalars. */
export function uintToRlpBytes(value: bigint): Uint8Array {
  const bytes: number[] = [];
  for (let rest = value; rest > 0n; rest >>= 8n) bytes.unshift(Number(rest & 0xffn));
  return new Uint8Array(bytes);
}

/**
 * A scalar from RLP bytes: big-endian with no leading zero byte (canonical), at most `maxBytes` long. Throws
 * {@link MalformedRlpError} with `offset` for a non-canonical or oversized integer.
 */
export function rlpBytesToUint(bytes: Uint8Array, maxBytes: number, offset: number): bigint {
  if (bytes.length > 0 && bytes[0] === 0) throw new MalformedRlpError("integer with a leading zero byte", offset);
  if (bytes.length > maxBytes) throw new MalformedRlpError(`integer longer than ${maxBytes} bytes`, offset);
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function header(shortBase: number, longBase: number, length: number): Uint8Array {
  if (length < SHORT_LIMIT) return Uint8Array.of(shortBase + length);
  const lengthBytes = uintToRlpBytes(BigInt(length));
  return Uint8Array.of(longBase + lengthBytes.length, ...lengthBytes);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The canonical RLP encoding of `item`. */
export function rlpEncode(item: RlpItem): Uint8Array {
  if (item instanceof Uint8Array) {
    if (item.length === 1 && item[0]! < SHORT_STRING) return item.slice();
    return concat([header(SHORT_STRING, LONG_STRING, item.length), item]);
  }
  const payload = concat(item.map(rlpEncode));
  return concat([header(SHORT_LIST, LONG_LIST, payload.length), payload]);
}

/** A decoded item with where it sits in the input, for errors that point at the offending byte. */
export interface RlpNode {
  readonly offset: number;
  readonly value: Uint8Array | readonly RlpNode[];
}

/**
 * Decodes exactly one canonical RLP item filling all of `bytes`. Rejects, with {@link MalformedRlpError}: empty
 * input, truncated items, trailing bytes, a single byte below 0x80 wrapped in a string header, a long form for a
 * short payload, length prefixes with leading zeros, and nesting deeper than {@link MAX_RLP_DEPTH}.
 */
export function rlpDecode(bytes: Uint8Array): RlpNode {
  const [node, end] = decodeAt(bytes, 0, bytes.length, 0);
  if (end !== bytes.length) throw new MalformedRlpError(`${bytes.length - end} trailing bytes after the item`, end);
  return node;
}

function decodeAt(bytes: Uint8Array, offset: number, limit: number, depth: number): [RlpNode, number] {
  if (offset >= limit) throw new MalformedRlpError("expected an item, input ended", offset);
  const prefix = bytes[offset]!;
  if (prefix < SHORT_STRING) return [{ offset, value: bytes.subarray(offset, offset + 1) }, offset + 1];
  const isList = prefix >= SHORT_LIST;
  const shortBase = isList ? SHORT_LIST : SHORT_STRING;
  const longBase = isList ? LONG_LIST : LONG_STRING;
  let start: number;
  let length: number;
  if (prefix <= longBase) {
    start = offset + 1;
    length = prefix - shortBase;
  } else {
    const lengthOfLength = prefix - longBase;
    start = offset + 1 + lengthOfLength;
    if (start > limit) throw new MalformedRlpError("length prefix runs past the end", offset);
    if (bytes[offset + 1] === 0) throw new MalformedRlpError("length prefix with a leading zero byte", offset);
    if (lengthOfLength > 6) throw new MalformedRlpError("length prefix longer than 6 bytes", offset);
    length = 0;
    for (let i = offset + 1; i < start; i++) length = length * 256 + bytes[i]!;
    if (length < SHORT_LIMIT) throw new MalformedRlpError(`long form for a ${length}-byte payload`, offset);
  }
  const end = start + length;
  if (end > limit) throw new MalformedRlpError(`item of ${length} bytes runs past the end`, offset);
  if (!isList) {
    if (length === 1 && bytes[start]! < SHORT_STRING) {
      throw new MalformedRlpError("single byte below 0x80 wrapped in a string header", offset);
    }
    return [{ offset, value: bytes.subarray(start, end) }, end];
  }
  if (depth >= MAX_RLP_DEPTH) throw new MalformedRlpError(`lists nested deeper than ${MAX_RLP_DEPTH}`, offset);
  const items: RlpNode[] = [];
  for (let at = start; at < end;) {
    const [item, next] = decodeAt(bytes, at, end, depth + 1);
    items.push(item);
    at = next;
  }
  return [{ offset, value: items }, end];
}
