/**
 * A peer sequencer as a HeaderSigner, over its signing endpoint (./server): a proposer passes these to
 * `Sequencer.propose` in place of in-process peers. Each request is signed by the proposer's signer key (`auth`); a
 * peer's refusal comes back typed (AlreadySignedError with the header the peer signed instead, so the proposer adopts
 * it; PeerRequestError otherwise), and an unreachable or slow peer is a PeerUnreachableError after `retries`. What a
 * peer returns is not trusted: the proposer's SignatureTally counts a signature only if it recovers to a member.
 */
import type { Signer } from "ethers";
import { getBytes } from "ethers";

import { PeerRequestError, PeerUnreachableError } from "../../errors/peer";
import { AlreadySignedError } from "../../errors/sequencer";
import type { BatchHeader } from "../../proof";
import type { HeaderSigner } from "../../sequencer/sequencer";
import { canonicalHeader, type SignedHeader, type SigningSlot } from "../../sequencer/signing-record";

import { headerFromJson, PEER_ERROR_CODES, peerRequestDigest, toJson, type PeerMethod } from "./protocol";

export interface PeerSignerConfig {
  /** The peer's signer key (what its signatures recover to). */
  readonly address: string;
  /** Its signing endpoint. */
  readonly url: string;
  /** The requester's signer key, which signs every request. */
  readonly auth: Signer;
  /** The BatchChain the requests are for. */
  readonly batchChain: string;
  /** Per attempt, in milliseconds (default 10,000). */
  readonly timeoutMs?: number;
  /** Further attempts after a failure to reach the peer (default 2); a refusal is never retried. */
  readonly retries?: number;
  readonly now?: () => number;
}

export class PeerSigner implements HeaderSigner {
  readonly address: string;

  constructor(readonly config: PeerSignerConfig) {
    this.address = config.address;
  }

  async sign(header: BatchHeader): Promise<string> {
    const result = (await this.request("metis_signHeader", canonicalHeader(header))) as { signature?: unknown } | null;
    if (typeof result?.signature !== "string")
      throw new PeerRequestError(this.config.url, PEER_ERROR_CODES.internal, "no signature in the answer");
    return result.signature;
  }

  async signedFor(slot: SigningSlot): Promise<SignedHeader | undefined> {
    const result = (await this.request("metis_signedFor", slot)) as { header?: unknown; signature?: unknown } | null;
    if (result === null) return undefined;
    if (typeof result.signature !== "string" || typeof result.header !== "object")
      throw new PeerRequestError(this.config.url, PEER_ERROR_CODES.internal, "a malformed signed header");
    return { header: headerFromJson(result.header), signature: result.signature as SignedHeader["signature"] };
  }

  private async request(method: PeerMethod, subject: unknown): Promise<unknown> {
    const params = JSON.parse(toJson(subject)) as unknown;
    const attempts = 1 + (this.config.retries ?? 2);
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const timestamp = (this.config.now ?? (() => Math.floor(Date.now() / 1000)))();
      const signature = await this.config.auth.signMessage(
        getBytes(peerRequestDigest(method, this.config.batchChain, params, timestamp)),
      );
      const auth = { signer: await this.config.auth.getAddress(), timestamp, signature };
      let body: { result?: unknown; error?: { code: number; message: string; data?: Record<string, unknown> } };
      try {
        const response = await fetch(this.config.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: attempt, method, params: [params, auth] }),
          signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
        });
        body = (await response.json()) as typeof body;
      } catch (error) {
        lastError = error;
        continue;
      }
      if (body.error === undefined) return body.result;
      const { code, message, data } = body.error;
      if (code === PEER_ERROR_CODES.alreadySigned && data) {
        throw new AlreadySignedError(
          String(data.signer),
          headerFromJson(data.signedHeader),
          String(data.signedHash),
          String(data.signature),
          String(data.proposedHash),
        );
      }
      throw new PeerRequestError(
        this.config.url,
        code,
        message,
        typeof data?.name === "string" ? data.name : undefined,
      );
    }
    throw new PeerUnreachableError(this.config.url, attempts, { cause: lastError });
  }
}
