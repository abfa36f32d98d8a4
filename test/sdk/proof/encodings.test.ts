import { expect } from "chai";
import { AbiCoder, getAddress, hexlify, keccak256, solidityPackedKeccak256, TypedDataEncoder, ZeroHash } from "ethers";
import fc from "fast-check";

import {
  BATCH_HEADER_TYPE,
  BATCH_HEADER_TYPEHASH,
  BATCH_HEADER_TYPES,
  batchHeaderDomain,
  blockLeaf,
  depositChainHash,
  depositHash,
  domainSeparator,
  EIP712_DOMAIN_TYPEHASH,
  EMPTY_DEPOSIT_CHAIN,
  headerDigest,
  headerHash,
  hexToBytes,
  IntegerOutOfRangeError,
  InvalidAddressError,
  InvalidHexError,
  nextDepositChainHash,
  txLeaf,
  withdrawalHash,
  type Address,
  type BatchHeader,
  type Hex,
} from "../../../sdk/src/proof";
import { seededAddress, seededWord } from "../../helpers/seeded";

const abi = AbiCoder.defaultAbiCoder();
const word = (): Hex => seededWord("word");
const address = (): Address => seededAddress("address");
const uint = (bits: number) => fc.bigInt({ min: 0n, max: 2n ** BigInt(bits) - 1n });
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => hexlify(b) as Hex);
const anAddress = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(hexlify(b)) as Address);

const header = fc.record({
  batchIndex: uint(64),
  parentHash: bytes32,
  firstBlock: uint(64),
  lastBlock: uint(64),
  txCount: fc.nat({ max: 2 ** 32 - 1 }),
  txBatchRoot: bytes32,
  stateBatchRoot: bytes32,
  depositCount: uint(64),
  depositChainHash: bytes32,
  dataHash: bytes32,
});
const types = { BatchHeader: [...BATCH_HEADER_TYPES.BatchHeader] };

describe("proof/encodings", function () {
  describe("txLeaf and blockLeaf", function () {
    it("hash the ABI encoding of their fields, as ethers' AbiCoder encodes them", function () {
      fc.assert(
        fc.property(uint(64), fc.nat({ max: 2 ** 32 - 1 }), bytes32, (l2BlockNumber, indexInBlock, txHash) => {
          const expected = keccak256(
            abi.encode(["uint64", "uint32", "bytes32"], [l2BlockNumber, indexInBlock, txHash]),
          );
          return txLeaf({ l2BlockNumber, indexInBlock, txHash }) === expected;
        }),
      );
      fc.assert(
        fc.property(
          uint(64),
          uint(64),
          bytes32,
          bytes32,
          bytes32,
          (number, timestamp, blockHash, stateRoot, withdrawalRoot) => {
            const expected = keccak256(
              abi.encode(
                ["uint64", "uint64", "bytes32", "bytes32", "bytes32"],
                [number, timestamp, blockHash, stateRoot, withdrawalRoot],
              ),
            );
            return blockLeaf({ number, timestamp, blockHash, stateRoot, withdrawalRoot }) === expected;
          },
        ),
      );
    });

    it("reject values outside their Solidity types, naming the field", function () {
      const txHash = word();
      expect(() => txLeaf({ l2BlockNumber: 2n ** 64n, indexInBlock: 0, txHash }))
        .to.throw(IntegerOutOfRangeError)
        .that.includes({ field: "l2BlockNumber", max: 2n ** 64n - 1n });
      expect(() => txLeaf({ l2BlockNumber: 1, indexInBlock: 2 ** 32, txHash }))
        .to.throw(IntegerOutOfRangeError)
        .with.property("field", "indexInBlock");
      expect(() => txLeaf({ l2BlockNumber: -1, indexInBlock: 0, txHash })).to.throw(IntegerOutOfRangeError);
      expect(() => txLeaf({ l2BlockNumber: 0.5, indexInBlock: 0, txHash })).to.throw(IntegerOutOfRangeError);
      expect(() => txLeaf({ l2BlockNumber: 1, indexInBlock: 0, txHash: "0x12" }))
        .to.throw(InvalidHexError)
        .with.property("field", "txHash");
      expect(() => txLeaf({ l2BlockNumber: 1, indexInBlock: 0, txHash: word().slice(2) as Hex })).to.throw(
        InvalidHexError,
      );
    });
  });

  describe("deposits and withdrawals", function () {
    it("hash deposits and withdrawals as ethers' AbiCoder encodes them", function () {
      fc.assert(
        fc.property(
          uint(64),
          anAddress,
          anAddress,
          anAddress,
          uint(256),
          uint(64),
          (index, from, to, l1Token, amount, l1Timestamp) => {
            const expected = keccak256(
              abi.encode(
                ["uint64", "address", "address", "address", "uint256", "uint64"],
                [index, from, to, l1Token, amount, l1Timestamp],
              ),
            );
            return depositHash({ index, from, to, l1Token, amount, l1Timestamp }) === expected;
          },
        ),
      );
      fc.assert(
        fc.property(uint(64), anAddress, anAddress, anAddress, uint(256), (index, l2Sender, l1To, l1Token, amount) => {
          const expected = keccak256(
            abi.encode(
              ["uint64", "address", "address", "address", "uint256"],
              [index, l2Sender, l1To, l1Token, amount],
            ),
          );
          return withdrawalHash({ index, l2Sender, l1To, l1Token, amount }) === expected;
        }),
      );
    });

    it("chains deposits from bytes32(0) with encodePacked(chain, depositHash)", function () {
      const deposits = [0n, 1n, 2n].map((index) => ({
        index,
        from: address(),
        to: address(),
        l1Token: address(),
        amount: 7n,
        l1Timestamp: 9n,
      }));
      let expected: string = ZeroHash;
      for (const deposit of deposits)
        expected = solidityPackedKeccak256(["bytes32", "bytes32"], [expected, depositHash(deposit)]);
      expect(EMPTY_DEPOSIT_CHAIN).to.equal(ZeroHash);
      expect(depositChainHash([])).to.equal(ZeroHash);
      expect(depositChainHash(deposits)).to.equal(expected);
      const afterTwo = depositChainHash(deposits.slice(0, 2));
      expect(depositChainHash(deposits.slice(2), afterTwo)).to.equal(expected);
      expect(nextDepositChainHash(afterTwo, depositHash(deposits[2]!))).to.equal(expected);
    });

    it("validates and normalizes the chain it continues from", function () {
      const start = word();
      expect(depositChainHash([], `0x${start.slice(2).toUpperCase()}`)).to.equal(start);
      expect(() => depositChainHash([], "0xabc"))
        .to.throw(InvalidHexError)
        .with.property("field", "from");
      expect(() => depositChainHash([], new Uint8Array(31))).to.throw(InvalidHexError);
    });

    it("accepts lowercase and uppercase addresses but rejects a bad EIP-55 checksum", function () {
      const base = { index: 0n, to: address(), l1Token: address(), amount: 1n, l1Timestamp: 1n };
      const from = address();
      const hash = depositHash({ ...base, from });
      expect(depositHash({ ...base, from: from.toLowerCase() as Address })).to.equal(hash);
      expect(depositHash({ ...base, from: `0x${from.slice(2).toUpperCase()}` })).to.equal(hash);
      const letter = from.slice(2).search(/[a-fA-F]/);
      const flipped =
        from.slice(2, 2 + letter) +
        (from[2 + letter] === from[2 + letter]!.toLowerCase()
          ? from[2 + letter]!.toUpperCase()
          : from[2 + letter]!.toLowerCase());
      const badChecksum = `0x${flipped}${from.slice(3 + letter)}` as Address;
      expect(() => depositHash({ ...base, from: badChecksum }))
        .to.throw(InvalidAddressError)
        .with.property("field", "from");
      expect(() => depositHash({ ...base, from: "0x1234" })).to.throw(InvalidAddressError);
    });
  });

  describe("hex", function () {
    it("requires a lowercase 0x prefix and whole bytes", function () {
      expect(hexToBytes("0x")).to.deep.equal(new Uint8Array());
      expect(hexToBytes("0xAbCd")).to.deep.equal(Uint8Array.of(0xab, 0xcd));
      for (const bad of ["", "0", "0X12", "12", "0x1", "0xgg", "0x\u0660\u0661", 12]) {
        expect(() => hexToBytes(bad), String(bad)).to.throw(InvalidHexError);
      }
    });
  });

  describe("batch header", function () {
    it("has the EIP-712 type string and type hashes of PROTOCOL section 2", function () {
      expect(TypedDataEncoder.from(types).encodeType("BatchHeader")).to.equal(BATCH_HEADER_TYPE);
      expect(keccak256(new TextEncoder().encode(BATCH_HEADER_TYPE))).to.equal(BATCH_HEADER_TYPEHASH);
      expect(
        keccak256(
          new TextEncoder().encode(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)",
          ),
        ),
      ).to.equal(EIP712_DOMAIN_TYPEHASH);
    });

    it("gives the same struct hash, domain separator and digest as ethers' TypedDataEncoder", function () {
      fc.assert(
        fc.property(header, uint(64), anAddress, (value: BatchHeader, chainId, verifyingContract) => {
          const domain = batchHeaderDomain(chainId, verifyingContract);
          expect(headerHash(value)).to.equal(TypedDataEncoder.hashStruct("BatchHeader", types, value));
          expect(domainSeparator(domain)).to.equal(TypedDataEncoder.hashDomain(domain));
          expect(headerDigest(value, domain)).to.equal(TypedDataEncoder.hash(domain, types, value));
        }),
        { numRuns: 100 },
      );
    });

    it("binds the digest to the chain id and the verifying contract", function () {
      const value = fc.sample(header, 1)[0]!;
      const contract = address();
      const digest = headerDigest(value, batchHeaderDomain(1n, contract));
      expect(headerDigest(value, batchHeaderDomain(2n, contract))).not.to.equal(digest);
      expect(headerDigest(value, batchHeaderDomain(1n, address()))).not.to.equal(digest);
    });

    it("rejects a txCount beyond uint32 and a malformed verifying contract", function () {
      const value = fc.sample(header, 1)[0]!;
      expect(() => headerHash({ ...value, txCount: 2 ** 32 }))
        .to.throw(IntegerOutOfRangeError)
        .with.property("field", "txCount");
      expect(() => batchHeaderDomain(1n, "0xnot-an-address")).to.throw(InvalidAddressError);
    });
  });
});
