import { keccakF1600 } from "./permutation";

/** Keccak-256 absorbs 136 bytes (17 lanes) per permutation: 1600 bits of state minus 2 x 256 bits of capacity. */
const RATE_BYTES = 136;

/** Little-endian 32-bit word of `bytes` at `offset`, as Keccak reads its lanes. */
function readWord(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24);
}

/** Writes the first 256 bits of `state` (lanes 0 to 3) into `out` at `offset`. */
export function squeeze256(state: Int32Array, out: Uint8Array, offset: number): void {
  for (let word = 0; word < 8; word++) {
    const value = state[word]!;
    const at = offset + 4 * word;
    out[at] = value;
    out[at + 1] = value >>> 8;
    out[at + 2] = value >>> 16;
    out[at + 3] = value >>> 24;
  }
}

/**
 * Keccak-256 (the original Keccak padding `0x01 ... 0x80`, as Ethereum uses it, not SHA3-256) of `data`.
 * Pure JavaScript and synchronous; see `./permutation` for the engine.
 */
export function keccak256(data: Uint8Array): Uint8Array {
  const state = new Int32Array(50);
  let offset = 0;
  for (; data.length - offset >= RATE_BYTES; offset += RATE_BYTES) {
    for (let word = 0; word < RATE_BYTES / 4; word++) state[word]! ^= readWord(data, offset + 4 * word);
    keccakF1600(state);
  }
  const last = new Uint8Array(RATE_BYTES);
  last.set(data.subarray(offset));
  last[data.length - offset]! ^= 0x01;
  last[RATE_BYTES - 1]! ^= 0x80;
  for (let word = 0; word < RATE_BYTES / 4; word++) state[word]! ^= readWord(last, 4 * word);
  keccakF1600(state);
  const out = new Uint8Array(32);
  squeeze256(state, out, 0);
  return out;
}

/**
 * Keccak-256 of the 64 bytes `input[from .. from + 64)` (two concatenated 32-byte nodes), written to
 * `out[to .. to + 32)`. The single-block special case of {@link keccak256}: no padding buffer, no allocation.
 */
export function keccak256Of64(state: Int32Array, input: Uint8Array, from: number, out: Uint8Array, to: number): void {
  state.fill(0);
  for (let word = 0; word < 16; word++) state[word] = readWord(input, from + 4 * word);
  state[16] = 0x01; // padding byte 0x01 right after the message (byte 64, lane 8)
  state[33] = 0x80000000 | 0; // padding byte 0x80 at the end of the rate (byte 135, top of lane 16)
  keccakF1600(state);
  squeeze256(state, out, to);
}
