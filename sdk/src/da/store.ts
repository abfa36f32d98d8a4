import { DataHashMismatchError } from "../errors/da";
import { batchDataHash, type Hex } from "../proof";

/**
 * A data-availability store ("Memo"): holds each batch's data object under its `dataHash`. Nothing read from a store
 * is trusted; {@link readVerified} re-hashes every object.
 */
export interface DAStore {
  /** Stores `data` under `dataHash` (which must be its keccak256). */
  put(dataHash: Hex, data: Uint8Array): Promise<void>;
  /** The bytes stored under `dataHash`, unverified; throws DataNotFoundError when there are none. */
  get(dataHash: Hex): Promise<Uint8Array>;
}

/** Stores `data` under its own hash and returns the hash. */
export async function storeDataObject(store: DAStore, data: Uint8Array): Promise<Hex> {
  const dataHash = batchDataHash(data);
  await store.put(dataHash, data);
  return dataHash;
}

/** Reads the object under `dataHash` and checks it hashes to `dataHash`. */
export async function readVerified(store: DAStore, dataHash: Hex): Promise<Uint8Array> {
  const data = await store.get(dataHash);
  const actual = batchDataHash(data);
  if (actual !== dataHash.toLowerCase()) throw new DataHashMismatchError(dataHash, actual);
  return data;
}
