import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import { SigningRecordCorruptError } from "../../../sdk/src/errors/sequencer";
import { FileSigningRecord } from "../../../sdk/src/node";
import { batchHeaderDomain, BATCH_HEADER_TYPES, headerHash, hexToBytes, type Hex } from "../../../sdk/src/proof";
import { SignatureTally } from "../../../sdk/src/sequencer/signature-tally";
import {
  canonicalHeader,
  MemorySigningRecord,
  slotKey,
  type BatchHeaderFields,
  type SigningRecord,
} from "../../../sdk/src/sequencer/signing-record";
import { seededAddress, seededWallet, seededWord } from "../../helpers/seeded";

/** A header of batch `batchIndex` on `parentHash` over blocks `firstBlock..lastBlock`. */
function header(batchIndex: bigint, parentHash: Hex, firstBlock = 1n, lastBlock = 4n): BatchHeaderFields {
  return {
    batchIndex,
    parentHash,
    firstBlock,
    lastBlock,
    txCount: 3,
    txBatchRoot: seededWord("txBatchRoot"),
    stateBatchRoot: seededWord("stateBatchRoot"),
    depositCount: 2n,
    depositChainHash: seededWord("depositChainHash"),
    dataHash: seededWord("dataHash"),
  };
}

const SIGNATURE = `0x${"ab".repeat(65)}` as Hex;

describe("sequencer/signing-record", function () {
  const directories: string[] = [];
  const directory = () => {
    const created = mkdtempSync(path.join(tmpdir(), "metis-record-"));
    directories.push(created);
    return created;
  };
  after(() => {
    for (const created of directories.splice(0)) rmSync(created, { recursive: true, force: true });
  });

  const kinds: [string, () => SigningRecord][] = [
    ["MemorySigningRecord", () => new MemorySigningRecord()],
    ["FileSigningRecord", () => new FileSigningRecord(directory())],
  ];
  for (const [name, make] of kinds) {
    describe(name, function () {
      it("keeps one signed header per batch index and parent, replaced only by putSigned", async function () {
        const record = make();
        const parent = seededWord("parent");
        const first = header(5n, parent);
        expect(await record.signed({ batchIndex: 5n, parentHash: parent })).to.equal(undefined);
        await record.putSigned({ header: first, signature: SIGNATURE });
        // The parent's hex case does not matter; the index and the parent both do.
        const upper = `0x${parent.slice(2).toUpperCase()}` as Hex;
        expect(await record.signed({ batchIndex: 5n, parentHash: upper })).to.deep.equal({
          header: first,
          signature: SIGNATURE,
        });
        expect(await record.signed({ batchIndex: 6n, parentHash: parent })).to.equal(undefined);
        expect(await record.signed({ batchIndex: 5n, parentHash: seededWord("other parent") })).to.equal(undefined);
        const second = header(5n, parent, 1n, 3n);
        await record.putSigned({ header: second, signature: SIGNATURE });
        expect((await record.signed({ batchIndex: 5n, parentHash: parent }))?.header).to.deep.equal(second);
      });

      it("keeps a pending proposal per slot and the verified header hashes", async function () {
        const record = make();
        const parent = seededWord("parent");
        const pending = header(2n, parent);
        await record.putPending(pending);
        expect(await record.pending({ batchIndex: 2n, parentHash: parent })).to.deep.equal(pending);
        expect(await record.pending({ batchIndex: 3n, parentHash: parent })).to.equal(undefined);
        const hash = headerHash(pending);
        expect(await record.isVerified(hash)).to.equal(false);
        await record.putVerified(hash);
        expect(await record.isVerified(hash)).to.equal(true);
        expect(await record.isVerified(`0x${hash.slice(2).toUpperCase()}` as Hex)).to.equal(true);
      });
    });
  }

  describe("FileSigningRecord on disk", function () {
    it("survives a restart: a new instance on the directory reads every entry", async function () {
      const at = directory();
      const parent = seededWord("parent");
      const signed = header(9n, parent);
      const pending = header(10n, headerHash(signed));
      const before = new FileSigningRecord(at);
      await before.putSigned({ header: signed, signature: SIGNATURE });
      await before.putPending(pending);
      await before.putVerified(headerHash(signed));
      const after = new FileSigningRecord(at);
      expect(await after.signed({ batchIndex: 9n, parentHash: parent })).to.deep.equal({
        header: signed,
        signature: SIGNATURE,
      });
      expect(await after.pending({ batchIndex: 10n, parentHash: headerHash(signed) })).to.deep.equal(pending);
      expect(await after.isVerified(headerHash(signed))).to.equal(true);
      // Writes went through temporary files renamed into place: none is left.
      for (const kind of ["signed", "pending", "verified"]) {
        expect(readdirSync(path.join(at, kind)).filter((file) => file.endsWith(".tmp"))).to.deep.equal([]);
      }
    });

    it("ignores a temporary file a crash left behind, keeping the entry that was there", async function () {
      const at = directory();
      const parent = seededWord("parent");
      const record = new FileSigningRecord(at);
      const signed = header(1n, parent);
      await record.putSigned({ header: signed, signature: SIGNATURE });
      const file = path.join(at, "signed", `${slotKey({ batchIndex: 1n, parentHash: parent })}.json`);
      writeFileSync(`${file}.123.abc.tmp`, '{"version":1,"batchIn'); // torn, never renamed
      expect((await record.signed({ batchIndex: 1n, parentHash: parent }))?.header).to.deep.equal(signed);
    });

    it("reports a damaged or foreign file as corrupt, never as an empty slot", async function () {
      const at = directory();
      const parent = seededWord("parent");
      const slot = { batchIndex: 1n, parentHash: parent };
      const record = new FileSigningRecord(at);
      await record.putSigned({ header: header(1n, parent), signature: SIGNATURE });
      const file = path.join(at, "signed", `${slotKey(slot)}.json`);
      const good = readFileSync(file, "utf8");
      const corrupt = async (text: string, reason: RegExp) => {
        writeFileSync(file, text);
        const error = await record.signed(slot).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(SigningRecordCorruptError);
        expect((error as SigningRecordCorruptError).file).to.equal(file);
        expect((error as SigningRecordCorruptError).reason).to.match(reason);
      };
      const json = JSON.parse(good) as Record<string, unknown>;
      await corrupt("{", /not JSON/);
      await corrupt("[1]", /not a JSON object/);
      await corrupt(JSON.stringify({ ...json, version: 2 }), /format version 2/);
      await corrupt(JSON.stringify({ ...json, lastBlock: "3" }), /do not hash to the headerHash/);
      await corrupt(JSON.stringify({ ...json, lastBlock: "-3" }), /lastBlock is not a decimal integer/);
      await corrupt(JSON.stringify({ ...json, txCount: "3" }), /txCount/);
      await corrupt(JSON.stringify({ ...json, dataHash: "0x12" }), /dataHash is not 32 bytes/);
      await corrupt(JSON.stringify({ ...json, signature: "0x12" }), /signature is not 65 bytes/);
      const unsigned = { ...json };
      delete unsigned.signature;
      await corrupt(JSON.stringify(unsigned), /signature is missing/);
      // A file moved to another slot's name holds a header of another slot.
      writeFileSync(file, good);
      const otherSlot = { batchIndex: 2n, parentHash: parent };
      renameSync(file, path.join(at, "signed", `${slotKey(otherSlot)}.json`));
      const moved = await record.signed(otherSlot).catch((e: unknown) => e);
      expect((moved as SigningRecordCorruptError).reason).to.match(/another batch index or parent/);
    });
  });

  describe("canonicalHeader", function () {
    it("turns numbers into bigints and hashes into lower-case hex, keeping the header hash", function () {
      const canonical = header(3n, seededWord("parent"));
      const loose = {
        ...canonical,
        batchIndex: 3,
        firstBlock: 1,
        parentHash: `0x${canonical.parentHash.slice(2).toUpperCase()}` as Hex,
        dataHash: hexToBytes(canonical.dataHash),
      };
      expect(canonicalHeader(loose)).to.deep.equal(canonical);
      expect(headerHash(canonicalHeader(loose))).to.equal(headerHash(canonical));
    });
  });

  describe("SignatureTally", function () {
    const domain = batchHeaderDomain(31337n, seededAddress("batch chain"));
    const types = { BatchHeader: [...BATCH_HEADER_TYPES.BatchHeader] };
    const keys = [seededWallet("tally member"), seededWallet("tally member"), seededWallet("tally member")];
    const members = keys.map((key, i) => ({ signer: key.address, stake: BigInt(i + 1) * 10n }));
    const parent = seededWord("parent");
    const slot = { batchIndex: 4n, parentHash: parent };

    it("counts each member's stake once per header, and only verified signatures of this slot by members", async function () {
      const tally = new SignatureTally(slot, domain, members);
      const a = header(4n, parent, 1n, 5n);
      const b = header(4n, parent, 1n, 6n);
      const sign = (i: number, h: BatchHeaderFields) => keys[i]!.signTypedData(domain, types, h);
      expect(tally.add(a, await sign(0, a))).to.equal(keys[0]!.address.toLowerCase());
      expect(tally.add(a, await sign(0, a))).to.equal(keys[0]!.address.toLowerCase()); // again: counted once
      tally.add(a, await sign(1, a));
      tally.add(b, await sign(2, b));
      expect(tally.stake(headerHash(a))).to.equal(30n);
      expect(tally.stake(headerHash(b))).to.equal(30n);
      // Not counted: a non-member, a signature of another header, another slot, and no signature at all.
      expect(tally.add(b, await seededWallet("outsider").signTypedData(domain, types, b))).to.equal(undefined);
      expect(tally.add(b, await sign(0, a))).to.equal(undefined);
      const otherSlot = header(5n, parent);
      expect(tally.add(otherSlot, await sign(0, otherSlot))).to.equal(undefined);
      expect(tally.add(b, "0x1234")).to.equal(undefined);
      expect(tally.stake(headerHash(b))).to.equal(30n);
      expect(tally.hasSigned(headerHash(a), keys[1]!.address)).to.equal(true);
      expect(tally.hasSigned(headerHash(b), keys[1]!.address)).to.equal(false);
      // Ranked by stake, ties by the lower hash, the same for every proposer.
      const ranked = tally.ranked().map((support) => support.hash);
      expect(ranked).to.deep.equal([headerHash(a), headerHash(b)].sort());
      tally.add(b, await sign(1, b));
      expect(tally.ranked()[0]!.hash).to.equal(headerHash(b));
      expect(tally.signatures(headerHash(b))).to.have.length(2);
      expect(tally.memberStake(keys[2]!.address)).to.equal(30n);
      expect(tally.memberStake(seededAddress("outsider"))).to.equal(0n);
    });
  });
});
