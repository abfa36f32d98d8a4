import { expect } from "chai";
import { keccak256 as ethersKeccak256, hexlify } from "ethers";
import fc from "fast-check";

import { bytesToHex, keccak256 } from "../../../sdk/src/proof";
import {
  createJsPairHasher,
  createWasmPairHasher,
  pairHasher,
  selectPairHasher,
} from "../../../sdk/src/proof/keccak/pair-hasher";
import { keccakWasmModuleBytes } from "../../../sdk/src/proof/keccak/wasm";

describe("proof/keccak", function () {
  describe("keccak256", function () {
    it("equals ethers' keccak256 at every input length from 0 to 300 bytes", function () {
      for (let length = 0; length <= 300; length++) {
        const input = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
        expect(bytesToHex(keccak256(input)), `length ${length}`).to.equal(ethersKeccak256(input));
      }
    });

    it("equals ethers' keccak256 on random inputs up to several blocks", function () {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 1200 }),
          (input) => bytesToHex(keccak256(input)) === ethersKeccak256(input),
        ),
        { numRuns: 300 },
      );
    });

    it("hashes the empty input to the well-known constant", function () {
      expect(bytesToHex(keccak256(new Uint8Array()))).to.equal(
        "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
      );
    });
  });

  describe("pair hashers", function () {
    const js = createJsPairHasher();
    const wasm = createWasmPairHasher();

    it("compute keccak256 of each 64-byte pair in both engines", function () {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 * 9 }), (bytes) => {
          const pairs = Math.floor(bytes.length / 64);
          const expected = Array.from({ length: pairs }, (_, k) =>
            ethersKeccak256(bytes.subarray(64 * k, 64 * k + 64)),
          );
          const split = (out: Uint8Array) => expected.map((_, k) => hexlify(out.subarray(32 * k, 32 * k + 32)));
          expect(split(js.hashPairs(bytes, pairs, new Uint8Array(32 * pairs)))).to.deep.equal(expected);
          expect(split(wasm.hashPairs(bytes, pairs, new Uint8Array(32 * pairs)))).to.deep.equal(expected);
          const left = bytes.subarray(0, 32);
          const right = bytes.subarray(32, 64);
          expect(hexlify(js.hashPair(left, right))).to.equal(expected[0]);
          expect(hexlify(wasm.hashPair(left, right))).to.equal(expected[0]);
        }),
        { numRuns: 100 },
      );
    });

    it("agree on runs longer than one WebAssembly chunk (2^16 pairs), in place or not", function () {
      const pairs = (1 << 16) + 3;
      const input = Uint8Array.from({ length: 64 * pairs }, (_, i) => (i * 7) ^ (i >>> 9));
      const expected = js.hashPairs(input, pairs, new Uint8Array(32 * pairs));
      expect(
        Buffer.from(wasm.hashPairs(input, pairs, new Uint8Array(32 * pairs))).equals(Buffer.from(expected)),
      ).to.equal(true);
      for (const engine of [js, wasm]) {
        const inPlace = engine.hashPairs(input.slice(), pairs, input.slice());
        const shared = input.slice();
        engine.hashPairs(shared, pairs, shared);
        expect(Buffer.from(shared.subarray(0, 32 * pairs)).equals(Buffer.from(expected)), engine.engine).to.equal(true);
        expect(Buffer.from(inPlace.subarray(0, 32 * pairs)).equals(Buffer.from(expected)), engine.engine).to.equal(
          true,
        );
      }
    });

    it("keeps the WebAssembly module under the 4 KiB browsers compile synchronously", function () {
      expect(keccakWasmModuleBytes().length).to.be.lessThan(4096);
      expect(WebAssembly.validate(keccakWasmModuleBytes())).to.equal(true);
    });

    it("selects the WebAssembly engine where WebAssembly is available", function () {
      expect(pairHasher().engine).to.equal("wasm");
    });

    it("falls back to the JavaScript engine where WebAssembly cannot be compiled", function () {
      const original = Object.getOwnPropertyDescriptor(globalThis, "WebAssembly")!;
      Object.defineProperty(globalThis, "WebAssembly", { value: undefined, configurable: true });
      try {
        expect(selectPairHasher().engine).to.equal("js");
      } finally {
        Object.defineProperty(globalThis, "WebAssembly", original);
      }
    });
  });
});
