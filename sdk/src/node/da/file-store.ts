import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

import { DataNotFoundError } from "../../errors/da";
import { bytes32, bytesToHex, type Hex } from "../../proof";

import { checkObjectKey, type DAStore } from "../../da/store";

/**
 * A DA store in a local directory, one file per object named by its key (a data object's hash, a sidecar's derived
 * key). Writes are checked against the key the object belongs under, and atomic (write, then rename).
 */
export class FileDAStore implements DAStore {
  constructor(readonly directory: string) {}

  async put(key: Hex, data: Uint8Array): Promise<void> {
    checkObjectKey(key, data);
    await mkdir(this.directory, { recursive: true });
    const target = this.pathOf(key);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, data);
    await rename(temporary, target);
  }

  async get(key: Hex): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new DataNotFoundError(key, { cause: error });
      throw error;
    }
  }

  /** The file of `dataHash`; the key must be 32 bytes of hex, so no key can name a path outside the directory. */
  private pathOf(dataHash: Hex): string {
    return path.join(this.directory, `${bytesToHex(bytes32(dataHash, "dataHash"))}.rlp`);
  }
}
