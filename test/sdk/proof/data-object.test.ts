import { expect } from "chai";
import { decodeRlp, encodeRlp, hexlify, keccak256, toBeArray } from "ethers";
import fc from "fast-check";

import {
  BATCH_DATA_VERSION,
  batchDataHash,
  bytesToHex,
  decodeBatchData,
  encodeBatchData,
  hexToBytes,
  InvalidHexError,
  MalformedDataObjectError,
  MalformedRlpError,
  MAX_RLP_DEPTH,
  rlpDecode,
  rlpEncode,
  UnsupportedVersionError,
  type Hex,
  type RlpItem,
  type RlpNode,
} from "../../../sdk/src/proof";

type EthersRlp = string | EthersRlp[];
const toEthers = (item: RlpItem): EthersRlp => (item instanceof Uint8Array ? hexlify(item) : item.map(toEthers));
const fromNode = (node: RlpNode): EthersRlp =>
  node.value instanceof Uint8Array ? hexlify(node.value) : node.value.map(fromNode);
const scalar = (value: bigint): string => (value === 0n ? "0x" : hexlify(toBeArray(value)));

const rlpItem: fc.Arbitrary<RlpItem> = fc.letrec<{ item: RlpItem }>((tie) => ({
  item: fc.oneof({ depthSize: "small" }, fc.uint8Array({ maxLength: 70 }), fc.array(tie("item"), { maxLength: 4 })),
})).item;

/** A valid batch data object: one to five contiguous blocks. */
const batchData = fc
  .record({
    batchIndex: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    firstBlock: fc.bigInt({ min: 0n, max: 2n ** 64n - 5n }),
    blocks: fc.array(
      fc.record({
        timestamp: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        transactions: fc.array(
          fc.uint8Array({ minLength: 1, maxLength: 120 }).map((b) => hexlify(b) as Hex),
          { maxLength: 4 },
        ),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .map(({ batchIndex, firstBlock, blocks }) => ({
    batchIndex,
    blocks: blocks.map((block, i) => ({ number: firstBlock + BigInt(i), ...block })),
  }));

/** Encodes with ethers' RLP, an implementation no one here wrote. */
function ethersEncode(data: {
  batchIndex: bigint;
  blocks: { number: bigint; timestamp: bigint; transactions: readonly Hex[] }[];
}): string {
  return encodeRlp([
    scalar(1n),
    scalar(data.batchIndex),
    data.blocks.map((b) => [scalar(b.number), scalar(b.timestamp), [...b.transactions]]),
  ]);
}

const expectMalformed = (encoded: string, reason: RegExp) =>
  expect(() => decodeBatchData(encoded as Hex)).to.throw(MalformedDataObjectError, reason);

describe("proof/data-object", function () {
  describe("RLP", function () {
    it("encodes as ethers does and decodes back", function () {
      fc.assert(
        fc.property(rlpItem, (item) => {
          const encoded = rlpEncode(item);
          expect(hexlify(encoded)).to.equal(encodeRlp(toEthers(item)));
          expect(fromNode(rlpDecode(encoded))).to.deep.equal(decodeRlp(encoded));
        }),
        { numRuns: 300 },
      );
    });

    it("rejects non-canonical and truncated encodings", function () {
      const cases: [string, RegExp][] = [
        ["0x", /input ended/],
        ["0x8100", /single byte below 0x80/],
        ["0x817f", /single byte below 0x80/],
        ["0xb80100", /long form for a 1-byte payload/],
        ["0xb9000100", /leading zero/],
        ["0xf800", /leading zero/],
        ["0xf801c0", /long form for a 1-byte payload/],
        ["0x83aabb", /runs past the end/],
        ["0xc3aabb", /runs past the end/],
        ["0xc18180", /runs past the end/], // the inner item overruns its list, though bytes follow
        ["0xb9ff", /length prefix runs past the end/],
        ["0x0102", /1 trailing bytes/],
        ["0xc0c0", /1 trailing bytes/],
      ];
      for (const [encoded, reason] of cases) {
        expect(() => rlpDecode(hexToBytes(encoded)), encoded).to.throw(MalformedRlpError, reason);
      }
    });

    it(`refuses nesting deeper than ${MAX_RLP_DEPTH} lists instead of recursing`, function () {
      let nested: RlpItem = [];
      for (let depth = 0; depth < MAX_RLP_DEPTH; depth++) nested = [nested];
      expect(() => rlpDecode(rlpEncode(nested))).to.throw(MalformedRlpError, /nested deeper/);
      expect(() => rlpDecode(rlpEncode((nested as RlpItem[])[0]!))).not.to.throw();
    });
  });

  describe("batch data object", function () {
    it("round-trips and matches ethers' RLP of the same structure", function () {
      fc.assert(
        fc.property(batchData, (data) => {
          const encoded = encodeBatchData(data);
          expect(hexlify(encoded)).to.equal(ethersEncode(data));
          expect(decodeBatchData(encoded)).to.deep.equal(data);
          expect(decodeBatchData(bytesToHex(encoded))).to.deep.equal(data);
          expect(batchDataHash(encoded)).to.equal(keccak256(encoded));
        }),
        { numRuns: 200 },
      );
    });

    it("writes version 1", function () {
      expect(BATCH_DATA_VERSION).to.equal(1n);
      const oneBlock = { batchIndex: 0, blocks: [{ number: 5, timestamp: 0, transactions: [] }] };
      expect(encodeBatchData(oneBlock)).to.deep.equal(hexToBytes(encodeRlp(["0x01", "0x", [["0x05", "0x", []]]])));
    });

    it("rejects an unknown version with a typed error naming it", function () {
      for (const version of [0n, 2n, 255n]) {
        const encoded = encodeRlp([scalar(version), scalar(1n), []]);
        expect(() => decodeBatchData(encoded as Hex))
          .to.throw(UnsupportedVersionError)
          .that.includes({ version });
      }
      // A later version may change the shape, so the version is checked before anything else.
      expect(() => decodeBatchData(encodeRlp(["0x02", "0x01", [], "0x01"]) as Hex)).to.throw(UnsupportedVersionError);
    });

    it("rejects trailing bytes after the object", function () {
      const encoded = hexlify(
        encodeBatchData({ batchIndex: 1, blocks: [{ number: 1, timestamp: 1, transactions: [] }] }),
      );
      expectMalformed(`${encoded}00`, /trailing bytes/);
    });

    it("rejects non-canonical RLP and keeps the RLP error as the cause", function () {
      const encoded = "0xc4" + "8101" + "01" + "c0"; // version 1 written as a one-byte string: non-canonical
      try {
        decodeBatchData(encoded as Hex);
        expect.fail("decoded a non-canonical object");
      } catch (error) {
        expect(error).to.be.instanceOf(MalformedDataObjectError);
        expect((error as Error).cause).to.be.instanceOf(MalformedRlpError);
      }
    });

    it("rejects integers with leading zeros or beyond uint64", function () {
      expectMalformed(encodeRlp(["0x01", "0x0001", []]), /batchIndex.*leading zero/);
      expectMalformed(encodeRlp(["0x01", hexlify(new Uint8Array(9).fill(1)), []]), /batchIndex.*longer than 8 bytes/);
      expectMalformed(encodeRlp(["0x01", "0x01", [["0x0001", "0x01", []]]]), /blocks\[0\]\.number.*leading zero/);
    });

    it("rejects objects of the wrong shape", function () {
      expectMalformed(encodeRlp("0x01"), /must be a list/);
      expectMalformed(encodeRlp([]), /empty list/);
      expectMalformed(encodeRlp(["0x01", "0x01"]), /3 items/);
      expectMalformed(encodeRlp(["0x01", [], []]), /batchIndex must be a byte string/);
      expectMalformed(encodeRlp(["0x01", "0x01", "0x01"]), /blocks must be a list/);
      expectMalformed(encodeRlp(["0x01", "0x01", [["0x01", "0x01"]]]), /blocks\[0\] must have 3 items/);
      expectMalformed(encodeRlp(["0x01", "0x01", [["0x01", "0x01", "0x01"]]]), /transactions must be a list/);
      expectMalformed(
        encodeRlp(["0x01", "0x01", [["0x01", "0x01", [["0x01"]]]]]),
        /transactions\[0\] must be a byte string/,
      );
      expectMalformed(encodeRlp(["0x01", "0x01", [["0x01", "0x01", ["0x"]]]]), /transactions\[0\] is empty/);
    });

    it("rejects a batch without blocks or with non-contiguous blocks, decoding and encoding", function () {
      expectMalformed(encodeRlp(["0x01", "0x01", []]), /at least one block/);
      const gap = [
        ["0x05", "0x01", []],
        ["0x07", "0x01", []],
      ];
      expectMalformed(encodeRlp(["0x01", "0x01", gap]), /blocks\[1\]\.number is 7, expected 6/);
      const backwards = [
        ["0x05", "0x01", []],
        ["0x04", "0x01", []],
      ];
      expectMalformed(encodeRlp(["0x01", "0x01", backwards]), /blocks\[1\]\.number is 4, expected 6/);
      expect(() => encodeBatchData({ batchIndex: 1, blocks: [] })).to.throw(
        MalformedDataObjectError,
        /at least one block/,
      );
      const blocks = [5, 7].map((number) => ({ number, timestamp: 1, transactions: [] }));
      expect(() => encodeBatchData({ batchIndex: 1, blocks })).to.throw(MalformedDataObjectError, /contiguous/);
    });

    it("rejects an empty input with a typed error", function () {
      expect(() => decodeBatchData("" as Hex)).to.throw(InvalidHexError);
      expect(() => decodeBatchData("0x")).to.throw(MalformedDataObjectError, /input ended/);
    });

    it("refuses to encode an empty transaction", function () {
      expect(() =>
        encodeBatchData({ batchIndex: 1, blocks: [{ number: 1, timestamp: 1, transactions: ["0x"] }] }),
      ).to.throw(MalformedDataObjectError);
    });
  });
});
