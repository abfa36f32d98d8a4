/**
 * Batch sidecars in the DA store (the encoding is in `proof/sidecar`): stored under the key of the header they name,
 * and checked against the header on every read.
 */
import {
  decodeSidecar,
  checkSidecar,
  headerHash,
  sidecarKey,
  type BatchHeader,
  type BatchSidecar,
  type Hex,
} from "../proof";

import type { DAStore } from "./store";

/** Stores an encoded sidecar under the key of the header it names, and returns the key. */
export async function storeSidecar(store: DAStore, encoded: Uint8Array): Promise<Hex> {
  const key = sidecarKey(decodeSidecar(encoded).headerHash);
  await store.put(key, encoded);
  return key;
}

/**
 * Reads the sidecar of `header` from `store` and checks it ({@link checkSidecar}). Throws the store's
 * DataNotFoundError when it has none, {@link MalformedSidecarError} or {@link SidecarMismatchError} when what it has
 * is not this header's sidecar.
 */
export async function readSidecar(store: DAStore, header: BatchHeader): Promise<BatchSidecar> {
  const sidecar = decodeSidecar(await store.get(sidecarKey(headerHash(header))));
  checkSidecar(sidecar, header);
  return sidecar;
}
