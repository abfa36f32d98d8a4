/**
 * A JSON-RPC provider for Node processes that read large answers (the agents: a full L2 block of a few thousand
 * transactions is megabytes of JSON). It is ethers' `JsonRpcProvider` with two steps of reading an answer replaced,
 * each of which cost the agents seconds per full block, more than the node took to produce it:
 * - ethers' Node fetch grows the body by copying all of it into a new array for every chunk that arrives (quadratic
 *   in the answer's size: about 9 s of a sequencer's CPU per 20 s of full blocks); {@link nodeGetUrl} keeps the
 *   chunks and joins them once;
 * - ethers decodes the bytes with its own UTF-8 decoder, written in JavaScript, code point by code point (about a
 *   millisecond per kilobyte); this uses the platform's `TextDecoder`, fatal on invalid UTF-8 as ethers is.
 * The request, its timeout, cancellation, the HTTP status check and every error are as ethers makes them.
 */
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
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

/** ethers' `FetchRequest` fetch for Node (same checks, errors, timeout and gzip), reading the body in linear time. */
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
  const abort = new AbortController();
  const request = (protocol === "http" ? httpRequest : httpsRequest)(req.url, {
    method: req.method,
    headers: { ...req.headers },
    signal: abort.signal,
  });
  request.setTimeout(req.timeout);
  if (req.body) request.write(Buffer.from(req.body));
  request.end();
  return new Promise<GetUrlResponse>((resolve, rejectWith) => {
    const reject = (error: Error) => {
      rejectWith(error);
    };
    signal?.addListener(() => {
      abort.abort();
      reject(makeError("request cancelled", "CANCELLED"));
    });
    request.on("timeout", () => {
      request.destroy();
      reject(makeError("request timeout", "TIMEOUT"));
    });
    request.once("response", (response) => {
      const statusCode = response.statusCode ?? 0;
      const statusMessage = response.statusMessage ?? "";
      const headers = flatHeaders(response.headers);
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => {
        try {
          signal?.checkSignal();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        chunks.push(chunk);
      });
      response.on("end", () => {
        try {
          let body: Uint8Array | null = chunks.length === 0 ? null : Buffer.concat(chunks);
          if (headers["content-encoding"] === "gzip" && body) body = new Uint8Array(gunzipSync(body));
          resolve({ statusCode, statusMessage, headers, body });
        } catch (error) {
          reject(makeError("bad response data", "SERVER_ERROR", { request: req, info: { response, error } }));
        }
      });
      response.on("error", reject);
    });
    request.on("error", reject);
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
