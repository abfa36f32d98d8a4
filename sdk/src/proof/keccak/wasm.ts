import { ROUND_CONSTANTS } from "./permutation";

/**
 * A WebAssembly module, written here byte by byte, that hashes runs of 64-byte pairs into 32-byte Merkle nodes
 * with Keccak-256. It exists for speed (native 64-bit rotations, no JavaScript in the loop: about four times the
 * plain JavaScript engine) and is small on purpose: about 1 KiB, well under the 4 KiB that browsers allow to compile
 * synchronously on the main thread, so the SDK's Merkle API stays synchronous everywhere. Generating the bytes from
 * this file rather than shipping a binary keeps the module reviewable, and nothing is fetched at run time.
 *
 * Exported function: `hashLevel(src: i32, dst: i32, count: i32)`: for k in [0, count), node k =
 * keccak256(memory[src + 64k .. src + 64k + 64)) written to memory[dst + 32k ..). `dst == src` is allowed (node k
 * overwrites only pairs already read). Memory layout: the 24 round constants at 0, caller data from {@link DATA_OFFSET}.
 */

/** First byte of memory the caller may use; below it sit the round constants. */
export const DATA_OFFSET = 256;

// Opcodes and type codes, WebAssembly core specification 1.0, sections 5.3 and 5.4.
const I32 = 0x7f;
const I64 = 0x7e;
const VOID = 0x40;
const BLOCK = 0x02;
const LOOP = 0x03;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const I64_LOAD = 0x29;
const I64_STORE = 0x37;
const I32_CONST = 0x41;
const I64_CONST = 0x42;
const I32_EQZ = 0x45;
const I32_LT_U = 0x49;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I64_AND = 0x83;
const I64_XOR = 0x85;
const I64_ROTL = 0x89;
/** Alignment hint for 8-byte accesses: log2(8). */
const ALIGN_8 = 3;

/** ρ rotation offsets r[x][y] (FIPS 202, section 3.2.2). */
const RHO = [
  [0, 36, 3, 41, 18],
  [1, 44, 10, 45, 2],
  [62, 6, 43, 15, 61],
  [28, 55, 25, 21, 56],
  [27, 20, 39, 8, 14],
] as const;

// Local indices: the three parameters, then the round offset, the 25 lanes a, the 25 permuted lanes b, the five
// column parities c and the five θ terms d.
const SRC = 0;
const DST = 1;
const COUNT = 2;
const ROUND = 3;
const a = (lane: number): number => 4 + lane;
const b = (lane: number): number => 29 + lane;
const c = (x: number): number => 54 + x;
const d = (x: number): number => 59 + x;
const I64_LOCALS = 60;
const lane = (x: number, y: number): number => (x % 5) + 5 * (y % 5);

function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  do {
    const byte = value & 0x7f;
    value >>>= 7;
    out.push(value === 0 ? byte : byte | 0x80);
  } while (value !== 0);
  return out;
}

function signedLeb(value: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = Number(value & 0x7fn);
    value >>= 7n;
    const done = (value === 0n && (byte & 0x40) === 0) || (value === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const get = (index: number): number[] => [LOCAL_GET, index];
const set = (index: number): number[] => [LOCAL_SET, index];
const i64 = (value: bigint): number[] => [I64_CONST, ...signedLeb(value)];
const i32 = (value: number): number[] => [I32_CONST, ...signedLeb(BigInt(value))];

/** One Keccak-f[1600] round over the lane locals, with the round constant read from memory[round]. */
function round(): number[] {
  const code: number[] = [];
  for (let x = 0; x < 5; x++) {
    code.push(...get(a(lane(x, 0))));
    for (let y = 1; y < 5; y++) code.push(...get(a(lane(x, y))), I64_XOR);
    code.push(...set(c(x)));
  }
  for (let x = 0; x < 5; x++) {
    code.push(...get(c((x + 4) % 5)), ...get(c((x + 1) % 5)), ...i64(1n), I64_ROTL, I64_XOR, ...set(d(x)));
  }
  for (let x = 0; x < 5; x++) {
    for (let y = 0; y < 5; y++) {
      const rotation = RHO[x]![y]!;
      code.push(...get(a(lane(x, y))), ...get(d(x)), I64_XOR);
      if (rotation !== 0) code.push(...i64(BigInt(rotation)), I64_ROTL);
      code.push(...set(b(lane(y, 2 * x + 3 * y))));
    }
  }
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      code.push(...get(b(lane(x, y))), ...get(b(lane(x + 1, y))), ...i64(-1n), I64_XOR);
      code.push(...get(b(lane(x + 2, y))), I64_AND, I64_XOR, ...set(a(lane(x, y))));
    }
  }
  code.push(...get(a(0)), ...get(ROUND), I64_LOAD, ALIGN_8, 0, I64_XOR, ...set(a(0)));
  return code;
}

function hashLevelBody(): number[] {
  const code: number[] = [BLOCK, VOID, LOOP, VOID];
  code.push(...get(COUNT), I32_EQZ, BR_IF, 1);
  // Absorb the 64-byte message into lanes 0-7; the padding is 0x01 at byte 64 (lane 8) and 0x80 at byte 135 (top
  // of lane 16); every other lane starts at zero.
  for (let word = 0; word < 8; word++)
    code.push(...get(SRC), I64_LOAD, ALIGN_8, ...unsignedLeb(8 * word), ...set(a(word)));
  for (let word = 8; word < 25; word++) {
    const initial = word === 8 ? 1n : word === 16 ? -(1n << 63n) : 0n;
    code.push(...i64(initial), ...set(a(word)));
  }
  code.push(...i32(0), ...set(ROUND), LOOP, VOID, ...round());
  code.push(...get(ROUND), ...i32(8), I32_ADD, ...set(ROUND));
  code.push(...get(ROUND), ...i32(8 * 24), I32_LT_U, BR_IF, 0, END);
  for (let word = 0; word < 4; word++) {
    code.push(...get(DST), ...get(a(word)), I64_STORE, ALIGN_8, ...unsignedLeb(8 * word));
  }
  code.push(...get(SRC), ...i32(64), I32_ADD, ...set(SRC));
  code.push(...get(DST), ...i32(32), I32_ADD, ...set(DST));
  code.push(...get(COUNT), ...i32(1), I32_SUB, ...set(COUNT));
  code.push(BR, 0, END, END, END);
  const locals = [2, 1, I32, ...unsignedLeb(I64_LOCALS), I64];
  return [...locals, ...code];
}

function vector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...unsignedLeb(bytes.length), ...bytes];
}

/** The module's bytes. Deterministic: the same bytes on every call. */
export function keccakWasmModuleBytes(): Uint8Array<ArrayBuffer> {
  const body = hashLevelBody();
  const constants: number[] = [];
  for (const word of ROUND_CONSTANTS)
    constants.push(word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector([[I32], [I32], [I32]]), 0]])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0x00, 1]])),
    ...section(
      7,
      vector([
        [...name("memory"), 0x02, 0],
        [...name("hashLevel"), 0x00, 0],
      ]),
    ),
    ...section(10, vector([[...unsignedLeb(body.length), ...body]])),
    ...section(11, vector([[0x00, ...i32(0), END, ...vector(constants.map((byte) => [byte]))]])),
  ]);
}
