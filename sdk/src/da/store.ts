import { DataHashMismatchError } from "../errors/da";
import { SidecarMismatchError } from "../errors/proof";
import { batchDataHash, decodeSidecar, isSidecar, sidecarKey, type Hex } from "../proof";

/**
 * A data-availability store ("Memo"): holds each batch's data object under its `dataHash`, and each batch's sidecar
 * (its block leaves and RLP headers, see `./sidecar`) under `sidecarKey(headerHash)`. Nothing read from a store is
 * trusted; {@link readVerified} re-hashes every data object and `readSidecar` checks a sidecar against its header.
 */
export interface DAStore {
  /**
   * Stores `data` under `key`: a data object under its keccak256, a sidecar under the key of the header it names
   * ({@link objectKey} says which key an object belongs under).
   */
  put(key: Hex, data: Uint8Array): Promise<void>;
  /** The bytes stored under `key`, unverified; throws DataNotFoundError when there are none. */
  get(key: Hex): Promise<Uint8Array>;
}

/**
 * The only key `data` may be stored under: `sidecarKey(headerHash)` for a sidecar (it starts with the sidecar tag,
 * which no data object does), keccak256 of the bytes for anything else. Stores check writes with
 * {@link checkObjectKey}.
 */
export function objectKey(data: Uint8Array): Hex {
  return isSidecar(data) ? sidecarKey(decodeSidecar(data).headerHash) : batchDataHash(data);
}

/**
 * Throws unless `key` is {@link objectKey}(data): {@link DataHashMismatchError} for a data object,
 * SidecarMismatchError (`key`) for a sidecar.
 */
export function checkObjectKey(key: Hex, data: Uint8Array): void {
  const expected = objectKey(data);
  if (expected === key.toLowerCase()) return;
  if (isSidecar(data)) throw new SidecarMismatchError("key", expected, key);
  throw new DataHashMismatchError(key, expected);
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
