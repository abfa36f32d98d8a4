/**
 * A JSON-RPC provider for Node processes that read large answers (the agents: a full L2 block of a few thousand
 * transactions is megabytes of JSON). It is ethers' `JsonRpcProvider` with two steps of reading an answer replaced,
 * each of which cost the agents seconds per full block, more than the node took to produce it:
 * - ethers' Node fetch grows the body by copying all of it into a new array for every chunk that arrives (quadratic
 *   in the answer's size: about 9 s of a sequencer's CPU per 20 s of full blocks); {@link nodeGetUrl} keeps the
 *   chunks and joins them once;
 * - ethers decodes the bytes with its own UTF-8 decoder, written in JavaScript, code point by code point (about a
 *   millisecond per kilobyte); this uses the platform's `TextDecoder`, fatal on invalid UTF-8 as ethers is.
 * The request, the HTTP status check and every error are as ethers makes them; the timeout bounds the whole request
 * and an answer has a size bound (see {@link nodeGetUrl}).
 */
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { gunzipSync } from "node:zlib";

import {
  JsonRpcProvider,
  makeError,
  type FetchCancelSignal,
  type FetchRequest,
  type GetUrlResponse,
  type JsonRpcPayload,
  type JsonRpcResult,
} from "ethers";

/**
 * The most bytes an answer may have, as received and once unzipped: a full L2 block is a few megabytes of JSON, and a
 * hostile server streaming without end (or a gzip bomb) must not take the agent's memory.
 */
export const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/**
 * ethers' `FetchRequest` fetch for Node (same checks, errors and gzip), reading the body in linear time. Unlike
 * ethers', `req.timeout` bounds the whole request, not each silence between two chunks (a server dripping a byte now
 * and then cannot hold it open), a cancel or timeout closes the socket, and an answer over
 * {@link MAX_RESPONSE_BYTES} is refused (SERVER_ERROR).
 */
export function nodeGetUrl(req: FetchRequest, signal?: FetchCancelSignal): Promise<GetUrlResponse> {
  if (signal?.cancelled) return refuse(makeError("request cancelled before sending", "CANCELLED"));
  const protocol = (req.url.split(":")[0] ?? "").toLowerCase();
  if (protocol !== "http" && protocol !== "https") {
    return refuse(
      makeError(`unsupported protocol ${protocol}`, "UNSUPPORTED_OPERATION", {
        info: { protocol },
        operation: "request",
      }),
    );
  }
  if (protocol === "http" && req.credentials && !req.allowInsecureAuthentication) {
    return refuse(
      makeError("insecure authorized connections unsupported", "UNSUPPORTED_OPERATION", { operation: "request" }),
    );
  }
  return new Promise<GetUrlResponse>((resolve, rejectWith) => {
    const abort = new AbortController();
    let settled = false;
    const settle = () => {
      settled = true;
      clearTimeout(timer);
    };
    const reject = (error: Error) => {
      if (settled) return;
      settle();
      abort.abort();
      rejectWith(error);
    };
    const timer = setTimeout(() => {
      reject(makeError("request timeout", "TIMEOUT"));
    }, req.timeout);
    signal?.addListener(() => {
      reject(makeError("request cancelled", "CANCELLED"));
    });
    let request: ClientRequest;
    try {
      request = (protocol === "http" ? httpRequest : httpsRequest)(req.url, {
        method: req.method,
        headers: { ...req.headers },
        signal: abort.signal,
      });
    } catch (error) {
      // A malformed URL or header: this request's rejection, not a throw out of the fetch.
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    request.on("error", reject);
    request.once("response", (response) => {
      const statusCode = response.statusCode ?? 0;
      const statusMessage = response.statusMessage ?? "";
      const headers = flatHeaders(response.headers);
      const tooLarge = () =>
        makeError(`response over ${MAX_RESPONSE_BYTES} bytes`, "SERVER_ERROR", { request: req, info: { statusCode } });
      const chunks: Buffer[] = [];
      let received = 0;
      response.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES) {
          reject(tooLarge());
          return;
        }
        chunks.push(chunk);
      });
      response.on("end", () => {
        if (settled) return;
        let body: Uint8Array | null = chunks.length === 0 ? null : Buffer.concat(chunks);
        try {
          if (headers["content-encoding"] === "gzip" && body) {
            body = new Uint8Array(gunzipSync(body, { maxOutputLength: MAX_RESPONSE_BYTES }));
          }
        } catch (error) {
          reject(makeError("bad response data", "SERVER_ERROR", { request: req, info: { response, error } }));
          return;
        }
        settle();
        resolve({ statusCode, statusMessage, headers, body });
      });
      response.on("error", reject);
    });
    if (req.body) request.write(Buffer.from(req.body));
    request.end();
  });
}

/** A rejected answer (one place to type the reason as the `Error` every ethers error is). */
function refuse(error: Error): Promise<never> {
  return Promise.reject(error);
}

/** Node's response headers as ethers gives them: one string each, repeated ones joined by ", ". */
function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

export class NodeJsonRpcProvider extends JsonRpcProvider {
  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    const request = this._getConnection();
    request.getUrlFunc = nodeGetUrl;
    request.body = JSON.stringify(payload);
    request.setHeader("content-type", "application/json");
    const response = await request.send();
    response.assertOk();
    let text: string;
    try {
      text = response.body === null ? "" : decoder.decode(response.body);
    } catch {
      throw makeError("response body is not valid UTF-8 data", "UNSUPPORTED_OPERATION", {
        operation: "bodyText",
        info: { response },
      });
    }
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw makeError("response body is not valid JSON", "UNSUPPORTED_OPERATION", {
        operation: "bodyJson",
        info: { response },
      });
    }
    // Results and errors both, as ethers returns them (its declared type names the results only).
    return (Array.isArray(answer) ? answer : [answer]) as JsonRpcResult[];
  }
}
