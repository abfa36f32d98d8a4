import { DataNotFoundError } from "../errors/da";
import type { Hex } from "../proof";

import { checkObjectKey, type DAStore } from "./store";

/**
 * A DA store in memory, for tests, scripts and quick use. Writes are checked against the key the object belongs
 * under; reads and writes copy, so no caller can change what another reads.
 */
export class MemoryDAStore implements DAStore {
  private readonly objects = new Map<string, Uint8Array>();

  put(key: Hex, data: Uint8Array): Promise<void> {
    checkObjectKey(key, data);
    this.objects.set(key.toLowerCase(), Uint8Array.from(data));
    return Promise.resolve();
  }

  get(key: Hex): Promise<Uint8Array> {
    const data = this.objects.get(key.toLowerCase());
    if (data === undefined) return Promise.reject(new DataNotFoundError(key));
    return Promise.resolve(Uint8Array.from(data));
  }

  /** How many objects the store holds. */
  get size(): number {
    return this.objects.size;
  }
}
