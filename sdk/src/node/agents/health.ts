/**
 * An agent's health endpoint: `GET /health` answers the agent's report as JSON, with status 200 while it runs
 * (`status` "ok" or "degraded") and 503 once it is stopping. Anything else is a 404 (405 for another method on
 * /health). Binds 127.0.0.1 by default and sends no CORS header, so only same-origin pages and programs read it;
 * `close()` stops it.
 */
import { createServer, type Server } from "node:http";

import { listen } from "../listen";

export type HealthStatus = "ok" | "degraded" | "stopping";

/** What every agent reports; the sequencer and the verifier add their own fields. */
export interface HealthReport {
  readonly status: HealthStatus;
  readonly role: "sequencer" | "verifier";
  readonly name: string;
  /** The L1 block the agent saw last (-1 before it saw one). */
  readonly l1Block: number;
  readonly lastError?: string;
}

export interface HealthServerConfig {
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly report: () => HealthReport;
}

export interface HealthServer {
  readonly url: string;
  close(): Promise<void>;
}

/** JSON with bigints as decimal strings. */
export function healthJson(report: HealthReport): string {
  return JSON.stringify(report, (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

export async function startHealthServer(config: HealthServerConfig): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
    if (pathname !== "/health") {
      response.writeHead(404).end();
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    let body: string;
    let status: HealthStatus;
    try {
      const report = config.report();
      status = report.status;
      body = healthJson(report);
    } catch (error) {
      status = "degraded";
      body = JSON.stringify({ status, error: error instanceof Error ? error.message : String(error) });
    }
    response.writeHead(status === "stopping" ? 503 : 200, {
      "content-type": "application/json",
      "cache-control": "no-store",
      // No CORS header: a page from another origin cannot read the report (its lastError names hosts and keys'
      // addresses). The devnet's status page reads it through its own server's /agents/<name>/health.
    });
    response.end(request.method === "HEAD" ? undefined : body);
  });
  const url = await listen(server, config.host ?? "127.0.0.1", config.port ?? 0);
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
