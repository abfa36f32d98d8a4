/**
 * The Peer Network's signing protocol: JSON-RPC 2.0 over HTTP between sequencers. A proposer asks a peer to sign a
 * batch header (`metis_signHeader`) or to tell the header it signed for a slot (`metis_signedFor`). Every request is
 * authenticated by the proposer's signer key: an EIP-191 signature over the method, the peer's BatchChain (so a request
 * for one rollup is no request for another), the parameters and a timestamp, which the peer checks against the
 * current epoch's members and its own clock.
 */
import { keccak256, toUtf8Bytes } from "ethers";

import type { BatchHeaderFields, SignedHeader, SigningSlot } from "../../sequencer/signing-record";

export const PEER_METHODS = ["metis_signHeader", "metis_signedFor"] as const;
export type PeerMethod = (typeof PEER_METHODS)[number];

/** How far a request's timestamp may be from the peer's clock, in seconds. */
export const PEER_MAX_SKEW = 60;

/** JSON-RPC error codes of the peer endpoint (the -32xxx range is JSON-RPC's own). */
export const PEER_ERROR_CODES = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  /** The requester's key is not an active member's signer key, or its signature does not verify. */
  unauthorized: 4010,
  /** The timestamp is too far from the peer's clock. */
  stale: 4011,
  /** The peer signed another header for the slot (AlreadySignedError; `data` carries it). */
  alreadySigned: 4090,
  /** The peer refused the header (it could not derive it, or another typed error; `data.name` says which). */
  refused: 4220,
} as const;

/** Who asks, and their proof. */
export interface PeerAuth {
  /** The requester's signer key (an active member's). */
  readonly signer: string;
  /** Seconds since the epoch, by the requester's clock. */
  readonly timestamp: number;
  /** EIP-191 signature of {@link peerRequestDigest}. */
  readonly signature: string;
}

/** JSON with bigints as decimal strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** The bytes a requester signs: method, BatchChain, parameters (as {@link toJson} writes them) and timestamp. */
export function peerRequestMessage(method: PeerMethod, batchChain: string, params: unknown, timestamp: number): string {
  return `metis-peer/1\n${method}\n${batchChain.toLowerCase()}\n${toJson(params)}\n${timestamp}`;
}

/** keccak256 of {@link peerRequestMessage}: what goes into the EIP-191 signature. */
export function peerRequestDigest(method: PeerMethod, batchChain: string, params: unknown, timestamp: number): string {
  return keccak256(toUtf8Bytes(peerRequestMessage(method, batchChain, params, timestamp)));
}

/** A header from JSON (decimal strings back to bigints). */
export function headerFromJson(value: unknown): BatchHeaderFields {
  const h = value as Record<string, string | number | undefined>;
  const big = (field: string): bigint => BigInt(h[field] ?? Number.NaN);
  return {
    batchIndex: big("batchIndex"),
    parentHash: String(h.parentHash) as BatchHeaderFields["parentHash"],
    firstBlock: big("firstBlock"),
    lastBlock: big("lastBlock"),
    txCount: Number(h.txCount),
    txBatchRoot: String(h.txBatchRoot) as BatchHeaderFields["txBatchRoot"],
    stateBatchRoot: String(h.stateBatchRoot) as BatchHeaderFields["stateBatchRoot"],
    depositCount: big("depositCount"),
    depositChainHash: String(h.depositChainHash) as BatchHeaderFields["depositChainHash"],
    dataHash: String(h.dataHash) as BatchHeaderFields["dataHash"],
  };
}

/** A slot from JSON. */
export function slotFromJson(value: unknown): SigningSlot {
  const s = value as Record<string, string | undefined>;
  return {
    batchIndex: BigInt(s.batchIndex ?? Number.NaN),
    parentHash: String(s.parentHash) as SigningSlot["parentHash"],
  };
}

export type { SignedHeader };
