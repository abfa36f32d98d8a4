import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

import { DataHashMismatchError, DataNotFoundError } from "../../errors/da";
import { batchDataHash, bytes32, bytesToHex, type Hex } from "../../proof";

import type { DAStore } from "../../da/store";

/** A DA store in a local directory, one file per object named by its hash. Writes are atomic (write, then rename). */
export class FileDAStore implements DAStore {
  constructor(readonly directory: string) {}

  async put(dataHash: Hex, data: Uint8Array): Promise<void> {
    const actual = batchDataHash(data);
    if (actual !== dataHash.toLowerCase()) throw new DataHashMismatchError(dataHash, actual);
    await mkdir(this.directory, { recursive: true });
    const target = this.pathOf(dataHash);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, target);
  }

  async get(dataHash: Hex): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(dataHash)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new DataNotFoundError(dataHash, { cause: error });
      throw error;
    }
  }

  /** The file of `dataHash`; the key must be 32 bytes of hex, so no key can name a path outside the directory. */
  private pathOf(dataHash: Hex): string {
    return path.join(this.directory, `${bytesToHex(bytes32(dataHash, "dataHash"))}.rlp`);
  }
}
