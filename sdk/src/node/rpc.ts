/**
 * A JSON-RPC provider for Node processes that read large answers (the agents: a full L2 block of a few thousand
 * transactions is megabytes of JSON). ethers' `JsonRpcProvider` decodes every answer's bytes with its own UTF-8
 * decoder, written in JavaScript, code point by code point: about a millisecond per kilobyte, so a full block took
 * seconds in the reading process, more than the node took to produce it. This one is ethers' provider with that step
 * alone replaced by the platform's decoder (`TextDecoder`, fatal on invalid UTF-8 as ethers is): the request, its
 * timeout, the HTTP status check and every error are ethers' own.
 */
import { JsonRpcProvider, makeError, type JsonRpcPayload, type JsonRpcResult } from "ethers";

const decoder = new TextDecoder("utf-8", { fatal: true });

export class NodeJsonRpcProvider extends JsonRpcProvider {
  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    const request = this._getConnection();
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
