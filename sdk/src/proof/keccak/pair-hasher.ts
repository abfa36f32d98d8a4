import { keccak256Of64 } from "./keccak256";
import { DATA_OFFSET, keccakWasmModuleBytes } from "./wasm";

/**
 * Hashes Merkle nodes: keccak256 of 64-byte pairs. Two engines compute the same function: WebAssembly where the
 * runtime allows it (about 0.3 microseconds a node) and plain JavaScript elsewhere (about 1.4).
 */
export interface PairHasher {
  readonly engine: "wasm" | "js";
  /**
   * Hashes pairs `0 .. pairs - 1` of `input` (pair k is bytes `[64k, 64k + 64)`) into node k at `out[32k ..)`.
   * `out` may be `input` itself: node k is written only after pair k has been read. Returns `out`.
   */
  hashPairs(input: Uint8Array, pairs: number, out: Uint8Array): Uint8Array;
  /** keccak256(left ++ right) of two 32-byte nodes. */
  hashPair(left: Uint8Array, right: Uint8Array): Uint8Array;
}

/** Pairs hashed per call into the module: 4 MiB of input, which bounds the module's memory whatever the tree size. */
const WASM_CHUNK_PAIRS = 1 << 16;
const WASM_PAGE_BYTES = 65_536;

export function createJsPairHasher(): PairHasher {
  const state = new Int32Array(50);
  const pair = new Uint8Array(64);
  return {
    engine: "js",
    hashPairs(input, pairs, out) {
      for (let k = 0; k < pairs; k++) keccak256Of64(state, input, 64 * k, out, 32 * k);
      return out;
    },
    hashPair(left, right) {
      pair.set(left, 0);
      pair.set(right, 32);
      const out = new Uint8Array(32);
      keccak256Of64(state, pair, 0, out, 0);
      return out;
    },
  };
}

/** The WebAssembly engine, compiled synchronously. Throws where the runtime forbids WebAssembly. */
export function createWasmPairHasher(): PairHasher {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(keccakWasmModuleBytes()), {});
  const memory = instance.exports.memory as WebAssembly.Memory;
  const hashLevel = instance.exports.hashLevel as (src: number, dst: number, count: number) => void;
  const reserve = (bytes: number): Uint8Array => {
    const missing = DATA_OFFSET + bytes - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / WASM_PAGE_BYTES));
    return new Uint8Array(memory.buffer);
  };
  return {
    engine: "wasm",
    hashPairs(input, pairs, out) {
      for (let done = 0; done < pairs; done += WASM_CHUNK_PAIRS) {
        const count = Math.min(WASM_CHUNK_PAIRS, pairs - done);
        const heap = reserve(64 * count);
        heap.set(input.subarray(64 * done, 64 * (done + count)), DATA_OFFSET);
        hashLevel(DATA_OFFSET, DATA_OFFSET, count);
        out.set(heap.subarray(DATA_OFFSET, DATA_OFFSET + 32 * count), 32 * done);
      }
      return out;
    },
    hashPair(left, right) {
      const heap = reserve(64);
      heap.set(left, DATA_OFFSET);
      heap.set(right, DATA_OFFSET + 32);
      hashLevel(DATA_OFFSET, DATA_OFFSET, 1);
      return heap.slice(DATA_OFFSET, DATA_OFFSET + 32);
    },
  };
}

/** WebAssembly when it can be compiled here (it may be absent, or forbidden by a Content-Security-Policy), else JavaScript. */
export function selectPairHasher(): PairHasher {
  try {
    return createWasmPairHasher();
  } catch {
    return createJsPairHasher();
  }
}

let selected: PairHasher | undefined;

/** The engine the SDK uses, from {@link selectPairHasher} on first use (not at import), then kept. */
export function pairHasher(): PairHasher {
  selected ??= selectPairHasher();
  return selected;
}
