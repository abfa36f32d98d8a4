/**
 * A sequencer's signing endpoint: the Peer Network's server side. It answers `metis_signHeader` and `metis_signedFor`
 * (see ./protocol) for one HeaderSigner (a Sequencer, which signs only a header it derives itself from L1 and L2, and
 * never two headers for one slot), and only for requests signed by an active member's signer key within the allowed
 * clock skew. Binds where it is told (127.0.0.1 by default). A request must arrive whole within `requestTimeoutMs`
 * (a slow client holds no connection longer); `close()` stops it, waits for the requests being answered, and cuts off
 * connections still sending theirs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

import { verifyMessage, getBytes } from "ethers";

import type { SequencerRegistry } from "../../contracts";
import { MetisError } from "../../errors/base";
import { AlreadySignedError } from "../../errors/sequencer";
import type { HeaderSigner } from "../../sequencer/sequencer";
import { listen } from "../listen";

import {
  headerFromJson,
  PEER_ERROR_CODES,
  PEER_MAX_SKEW,
  PEER_METHODS,
  peerRequestDigest,
  slotFromJson,
  toJson,
  type PeerAuth,
  type PeerMethod,
} from "./protocol";

export interface PeerServerConfig {
  /** What signs: the local sequencer. */
  readonly signer: HeaderSigner;
  /**
   * The registry whose current members may ask (connected to an L1 provider), or anything that reads its `members()`
   * (an agent passes a cached read).
   */
  readonly registry:
    Pick<SequencerRegistry, "members"> | { members(): Promise<readonly { readonly signer: string }[]> };
  /** The BatchChain the requests are for (part of what a requester signs). */
  readonly batchChain: string;
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Largest clock difference accepted, in seconds (default {@link PEER_MAX_SKEW}). */
  readonly maxSkew?: number;
  /** The clock, in seconds (default: this machine's). */
  readonly now?: () => number;
  /** Largest request body, in bytes (default 64 KiB). */
  readonly maxBody?: number;
  /** Longest time for a request's headers and body to arrive, in milliseconds (default {@link PEER_REQUEST_TIMEOUT_MS}). */
  readonly requestTimeoutMs?: number;
}

/** Default longest time for a request to arrive, in milliseconds (a request is a few KiB). */
export const PEER_REQUEST_TIMEOUT_MS = 10_000;

export interface PeerServer {
  readonly url: string;
  close(): Promise<void>;
}

interface RpcError {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

class RpcFailure extends Error {
  constructor(readonly rpc: RpcError) {
    super(rpc.message);
  }
}

/** Starts the endpoint; resolves once it listens. */
export async function startPeerServer(config: PeerServerConfig): Promise<PeerServer> {
  const maxSkew = config.maxSkew ?? PEER_MAX_SKEW;
  const now = config.now ?? (() => Math.floor(Date.now() / 1000));
  const maxBody = config.maxBody ?? 64 * 1024;

  const authorize = async (method: PeerMethod, params: unknown, given: unknown): Promise<void> => {
    const auth = given as PeerAuth | null | undefined;
    if (
      typeof auth !== "object" ||
      auth === null ||
      typeof auth.signer !== "string" ||
      typeof auth.signature !== "string" ||
      !Number.isSafeInteger(auth.timestamp)
    )
      throw new RpcFailure({ code: PEER_ERROR_CODES.invalidParams, message: "missing or malformed auth" });
    if (Math.abs(now() - auth.timestamp) > maxSkew)
      throw new RpcFailure({ code: PEER_ERROR_CODES.stale, message: `timestamp more than ${maxSkew} s off` });
    let recovered: string;
    try {
      recovered = verifyMessage(
        getBytes(peerRequestDigest(method, config.batchChain, params, auth.timestamp)),
        auth.signature,
      );
    } catch {
      throw new RpcFailure({ code: PEER_ERROR_CODES.unauthorized, message: "the request's signature does not verify" });
    }
    if (recovered.toLowerCase() !== auth.signer.toLowerCase())
      throw new RpcFailure({ code: PEER_ERROR_CODES.unauthorized, message: "the request is not signed by its signer" });
    const members = await config.registry.members();
    if (!members.some((member) => member.signer.toLowerCase() === recovered.toLowerCase()))
      throw new RpcFailure({
        code: PEER_ERROR_CODES.unauthorized,
        message: `${recovered} is no signer key of the current epoch`,
      });
  };

  const call = async (method: PeerMethod, params: unknown[]): Promise<unknown> => {
    const [subject, auth] = params as [unknown, unknown];
    await authorize(method, subject, auth);
    try {
      if (method === "metis_signHeader") return { signature: await config.signer.sign(headerFromJson(subject)) };
      const signed = config.signer.signedFor ? await config.signer.signedFor(slotFromJson(subject)) : undefined;
      return signed === undefined ? null : JSON.parse(toJson(signed));
    } catch (error) {
      if (error instanceof AlreadySignedError)
        throw new RpcFailure({
          code: PEER_ERROR_CODES.alreadySigned,
          message: error.message,
          data: JSON.parse(
            toJson({
              name: error.name,
              signer: error.signer,
              signedHeader: error.signedHeader,
              signedHash: error.signedHash,
              signature: error.signature,
              proposedHash: error.proposedHash,
            }),
          ),
        });
      if (error instanceof MetisError)
        throw new RpcFailure({ code: PEER_ERROR_CODES.refused, message: error.message, data: { name: error.name } });
      if (error instanceof RangeError || error instanceof TypeError || error instanceof SyntaxError)
        throw new RpcFailure({ code: PEER_ERROR_CODES.invalidParams, message: "malformed parameters" });
      throw new RpcFailure({ code: PEER_ERROR_CODES.internal, message: "the signer failed" });
    }
  };

  const answer = (response: ServerResponse, id: unknown, body: { result: unknown } | { error: RpcError }) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ jsonrpc: "2.0", id: id ?? null, ...body }));
  };

  const handle = async (
    request: IncomingMessage,
    response: ServerResponse,
    answering: Set<Promise<void>>,
  ): Promise<void> => {
    if (request.method !== "POST") {
      response.writeHead(405, { allow: "POST" }).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBody) {
        response.writeHead(413).end();
        request.destroy();
        return;
      }
      chunks.push(chunk);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      answer(response, null, { error: { code: PEER_ERROR_CODES.parse, message: "not JSON" } });
      return;
    }
    const message = (typeof parsed === "object" && parsed !== null ? parsed : {}) as {
      id?: unknown;
      method?: unknown;
      params?: unknown;
    };
    if (!Array.isArray(message.params)) {
      answer(response, message.id, { error: { code: PEER_ERROR_CODES.invalidRequest, message: "not a request" } });
      return;
    }
    if (!PEER_METHODS.includes(message.method as PeerMethod)) {
      answer(response, message.id, { error: { code: PEER_ERROR_CODES.methodNotFound, message: "no such method" } });
      return;
    }
    const answered = new Promise<void>((resolve) => {
      response.once("close", resolve);
    });
    answering.add(answered);
    void answered.then(() => answering.delete(answered));
    try {
      answer(response, message.id, { result: await call(message.method as PeerMethod, message.params as unknown[]) });
    } catch (error) {
      const rpc =
        error instanceof RpcFailure ? error.rpc : { code: PEER_ERROR_CODES.internal, message: "internal error" };
      answer(response, message.id, { error: rpc });
    }
  };

  const requestTimeout = config.requestTimeoutMs ?? PEER_REQUEST_TIMEOUT_MS;
  /** Requests read whole and being answered: `close()` waits for their answers. */
  const answering = new Set<Promise<void>>();
  const server: Server = createServer(
    {
      requestTimeout,
      headersTimeout: requestTimeout,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(requestTimeout / 4))),
    },
    (request, response) => {
      handle(request, response, answering).catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    },
  );
  const url = await listen(server, config.host ?? "127.0.0.1", config.port ?? 0);
  return {
    url,
    close: async () => {
      const stopped = new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      });
      server.closeIdleConnections();
      // The requests being answered are answered; a connection still sending its request is cut off.
      await Promise.all([...answering]);
      server.closeAllConnections();
      await stopped;
    },
  };
}
