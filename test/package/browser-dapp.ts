/**
 * The dapp quick start (examples/dapp/dapp.ts) as a browser page: bundled with esbuild from the consumer project
 * (platform browser, no Node polyfills: a Node built-in would not resolve), served with the devnet's JSON-RPC behind
 * the page's own origin, and run in headless Chromium. The page reports each step; the test's operators (the
 * sequencers and the clock) act on those reports as the rollup would.
 */
import path from "node:path";
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

import { build, type Metafile } from "esbuild";

import { launchChromium } from "../helpers/chromium";

import { servePage } from "./page-server";
import { copyExample } from "./wallet";

/** The page's entry: registers the deployment (a custom chain for the package) and runs the dapp. */
const PAGE = `
import { registerDeployment } from "@metis-l2/protocol";
import { bridgeRoundTrip } from "./examples/dapp/dapp";

const big = (_key, value) => (typeof value === "bigint" ? value.toString() : value);

window.runDapp = async ({ deployment, privateKey, deposit, withdraw }) => {
  registerDeployment(deployment);
  const result = await bridgeRoundTrip({
    l1Url: location.origin + "/l1",
    l2Url: location.origin + "/l2",
    privateKey,
    deposit: BigInt(deposit),
    withdraw: BigInt(withdraw),
    onEvent: (event) => {
      const item = document.createElement("li");
      item.textContent = event.step + " " + event.status + " " + event.detail;
      document.getElementById("events").append(item);
      void window.report(event);
    },
  });
  return JSON.parse(JSON.stringify(result, big));
};
`;

export interface DappEvent {
  readonly step: "deposit" | "withdrawal";
  readonly status: string;
  readonly detail: string;
}

export interface DappRun {
  readonly result: Record<string, string>;
  readonly events: readonly DappEvent[];
  readonly pageErrors: readonly string[];
  readonly bundle: { readonly bytes: number; readonly gzipped: number; readonly withoutEthers: number };
  readonly inputs: readonly string[];
}

/** Bundles the page in `consumer` for the browser: the code and the files it took. */
async function bundle(consumer: string, external: string[] = []) {
  const result = await build({
    absWorkingDir: consumer,
    entryPoints: ["page.js"],
    bundle: true,
    write: false,
    platform: "browser",
    format: "iife",
    target: "es2022",
    minify: true,
    metafile: true,
    external,
    logLevel: "silent",
  });
  return { code: result.outputFiles[0]!.text, metafile: result.metafile as Metafile };
}

/**
 * Runs the dapp in Chromium against `rpc` (`/l1` and `/l2` targets); `onEvent` is awaited in order for each event the
 * page reports (the operators' turn).
 */
export async function browserDapp(
  consumer: string,
  rpc: { readonly l1: string; readonly l2: string },
  input: {
    readonly deployment: unknown;
    readonly privateKey: string;
    readonly deposit: bigint;
    readonly withdraw: bigint;
  },
  onEvent: (event: DappEvent) => Promise<void>,
): Promise<DappRun> {
  copyExample(consumer, "dapp/dapp.ts");
  writeFileSync(path.join(consumer, "page.js"), PAGE);
  const { code, metafile } = await bundle(consumer);
  const withoutEthers = (await bundle(consumer, ["ethers"])).code.length;
  const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>dapp</title></head><body><ol id="events"></ol><script src="/dapp.js"></script></body></html>`;
  const server = await servePage(
    {
      "/": { type: "text/html", body: html },
      "/dapp.js": { type: "text/javascript", body: code },
    },
    { "/l1": rpc.l1, "/l2": rpc.l2 },
  );
  const browser = await launchChromium();
  const events: DappEvent[] = [];
  const pageErrors: string[] = [];
  let operators: Promise<void> = Promise.resolve();
  let operatorError: unknown;
  // An operator's failure ends the run at once, rather than leaving the page waiting for a relay that never comes.
  let failed: (error: unknown) => void = () => {};
  const failure = new Promise<never>((_, reject) => (failed = reject));
  try {
    const page = await browser.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`console: ${message.text()}`);
    });
    await page.exposeFunction("report", (event: DappEvent) => {
      events.push(event);
      operators = operators
        .then(() => onEvent(event))
        .catch((error: unknown) => {
          operatorError ??= error;
          failed(error);
        });
    });
    await page.goto(server.url);
    const run = page.evaluate(
      (args) => (window as unknown as { runDapp(a: unknown): Promise<unknown> }).runDapp(args),
      {
        deployment: input.deployment,
        privateKey: input.privateKey,
        deposit: input.deposit.toString(),
        withdraw: input.withdraw.toString(),
      },
    );
    const result = (await Promise.race([run, failure])) as Record<string, string>;
    await operators;
    if (operatorError !== undefined) throw operatorError;
    return {
      result,
      events,
      pageErrors,
      bundle: { bytes: code.length, gzipped: gzipSync(code).length, withoutEthers },
      inputs: Object.keys(metafile.inputs),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
