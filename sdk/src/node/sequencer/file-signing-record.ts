import { readFile, stat } from "node:fs/promises";
import path from "node:path";

import { writeFileDurably } from "../durable-file";

import { SigningRecordCorruptError } from "../../errors/sequencer";
import { bytes32, bytesToHex, headerHash, type Hex } from "../../proof";
import {
  slotKey,
  slotOf,
  type BatchHeaderFields,
  type SignedHeader,
  type SigningRecord,
  type SigningSlot,
} from "../../sequencer/signing-record";

/** The version of the files a FileSigningRecord writes. */
const FORMAT_VERSION = 1;

const HEX32 = /^0x[0-9a-f]{64}$/;
const SIGNATURE = /^0x[0-9a-f]{130}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * A signing record in a local directory that survives restarts: one JSON file per signed slot (`signed/`), per
 * pending proposal (`pending/`), and an empty file per verified header hash (`verified/`). Every write goes to a
 * temporary file that is flushed to disk, then renamed over the target (and the directory flushed), so a crash leaves
 * either the old entry or the new one, never a torn file; `putSigned` resolves only once the entry is on disk. Every
 * read checks the file: what this class did not write is reported as a {@link SigningRecordCorruptError}, never
 * taken for an empty slot.
 *
 * One directory per signer key and BatchChain, used by one process at a time.
 */
export class FileSigningRecord implements SigningRecord {
  constructor(readonly directory: string) {}

  async signed(slot: SigningSlot): Promise<SignedHeader | undefined> {
    const file = this.slotFile("signed", slot);
    const json = await this.readJson(file);
    if (json === undefined) return undefined;
    const header = parseHeader(json, file, slot);
    const signature = field(json, "signature", file);
    if (!SIGNATURE.test(signature)) throw new SigningRecordCorruptError(file, "signature is not 65 bytes of hex");
    return { header, signature: signature as Hex };
  }

  async putSigned(entry: SignedHeader): Promise<void> {
    await this.write(this.slotFile("signed", slotOf(entry.header)), {
      ...encodeHeader(entry.header),
      signature: entry.signature.toLowerCase(),
    });
  }

  async pending(slot: SigningSlot): Promise<BatchHeaderFields | undefined> {
    const file = this.slotFile("pending", slot);
    const json = await this.readJson(file);
    return json === undefined ? undefined : parseHeader(json, file, slot);
  }

  async putPending(header: BatchHeaderFields): Promise<void> {
    await this.write(this.slotFile("pending", slotOf(header)), encodeHeader(header));
  }

  async isVerified(hash: Hex): Promise<boolean> {
    try {
      await stat(this.hashFile(hash));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
  }

  async putVerified(hash: Hex): Promise<void> {
    await this.write(this.hashFile(hash), "");
  }

  /** A slot's file; the key is a decimal index and 32 bytes of hex, so no slot names a path outside the directory. */
  private slotFile(kind: "signed" | "pending", slot: SigningSlot): string {
    const key = slotKey({
      batchIndex: slot.batchIndex,
      parentHash: bytesToHex(bytes32(slot.parentHash, "parentHash")),
    });
    return path.join(this.directory, kind, `${key}.json`);
  }

  private hashFile(hash: Hex): string {
    return path.join(this.directory, "verified", bytesToHex(bytes32(hash, "headerHash")));
  }

  private async readJson(file: string): Promise<Record<string, unknown> | undefined> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new SigningRecordCorruptError(file, "not JSON", { cause: error });
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      throw new SigningRecordCorruptError(file, "not a JSON object");
    }
    const record = json as Record<string, unknown>;
    if (record.version !== FORMAT_VERSION) {
      throw new SigningRecordCorruptError(file, `format version ${String(record.version)}, expected ${FORMAT_VERSION}`);
    }
    return record;
  }

  /** Writes `content` (an object as JSON, or a string as is) to `file` atomically and durably. */
  private async write(file: string, content: Record<string, unknown> | string): Promise<void> {
    const text = typeof content === "string" ? content : `${JSON.stringify({ version: FORMAT_VERSION, ...content })}\n`;
    await writeFileDurably(file, text);
  }
}

function encodeHeader(header: BatchHeaderFields): Record<string, string | number> {
  return {
    headerHash: headerHash(header),
    batchIndex: header.batchIndex.toString(),
    parentHash: header.parentHash.toLowerCase(),
    firstBlock: header.firstBlock.toString(),
    lastBlock: header.lastBlock.toString(),
    txCount: header.txCount,
    txBatchRoot: header.txBatchRoot.toLowerCase(),
    stateBatchRoot: header.stateBatchRoot.toLowerCase(),
    depositCount: header.depositCount.toString(),
    depositChainHash: header.depositChainHash.toLowerCase(),
    dataHash: header.dataHash.toLowerCase(),
  };
}

function field(json: Record<string, unknown>, name: string, file: string): string {
  const value = json[name];
  if (typeof value !== "string") throw new SigningRecordCorruptError(file, `${name} is missing or not a string`);
  return value;
}

/** The header in `json`, checked against the hash stored with it and against the slot its file is named after. */
function parseHeader(json: Record<string, unknown>, file: string, slot: SigningSlot): BatchHeaderFields {
  const integer = (name: string): bigint => {
    const value = field(json, name, file);
    if (!DECIMAL.test(value)) throw new SigningRecordCorruptError(file, `${name} is not a decimal integer`);
    return BigInt(value);
  };
  const hash = (name: string): Hex => {
    const value = field(json, name, file);
    if (!HEX32.test(value)) throw new SigningRecordCorruptError(file, `${name} is not 32 bytes of lower-case hex`);
    return value as Hex;
  };
  const txCount = json.txCount;
  if (typeof txCount !== "number" || !Number.isSafeInteger(txCount) || txCount < 0) {
    throw new SigningRecordCorruptError(file, "txCount is not a non-negative integer");
  }
  const header: BatchHeaderFields = {
    batchIndex: integer("batchIndex"),
    parentHash: hash("parentHash"),
    firstBlock: integer("firstBlock"),
    lastBlock: integer("lastBlock"),
    txCount,
    txBatchRoot: hash("txBatchRoot"),
    stateBatchRoot: hash("stateBatchRoot"),
    depositCount: integer("depositCount"),
    depositChainHash: hash("depositChainHash"),
    dataHash: hash("dataHash"),
  };
  if (headerHash(header) !== hash("headerHash")) {
    throw new SigningRecordCorruptError(file, "the fields do not hash to the headerHash stored with them");
  }
  if (header.batchIndex !== slot.batchIndex || header.parentHash !== slot.parentHash.toLowerCase()) {
    throw new SigningRecordCorruptError(file, "it holds a header of another batch index or parent");
  }
  return header;
}
