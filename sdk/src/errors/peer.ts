import { MetisError } from "./base";

/**
 * A peer's signing endpoint refused a request or answered with an error: `code` is the JSON-RPC error code, `reason`
 * its message. An unknown requester (not an active member's signer key), a stale or malformed request, or a header
 * the peer could not derive itself (the peer's own typed error, by name in `peerError`).
 */
export class PeerRequestError extends MetisError {
  override readonly name = "PeerRequestError" as const;
  static override readonly brand: string = "PeerRequestError";

  constructor(
    /** The peer's endpoint. */
    readonly url: string,
    readonly code: number,
    readonly reason: string,
    /** The name of the error the peer raised, when it said. */
    readonly peerError?: string,
  ) {
    super(`peer ${url} refused (${code}): ${reason}`);
  }
}

/** A peer's signing endpoint did not answer in time (every retry included), or could not be reached. */
export class PeerUnreachableError extends MetisError {
  override readonly name = "PeerUnreachableError" as const;
  static override readonly brand: string = "PeerUnreachableError";

  constructor(
    readonly url: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`peer ${url} did not answer after ${attempts} attempt(s)`, options);
  }
}
